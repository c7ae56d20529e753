"""Regular expressions shared by the parser, one place for all of them (eyecite ``regexes.py``).

Every pattern is a verbose regex with a comment per group and has its own table of cases
in the tests (``tests/test_numwords.py``, ``tests/test_dates.py``, ``tests/test_notes.py``).
Sections are marked ``# --- name ---``; names are prefixed by section (``NUM_``, ``DATE_``,
``NOTE_``).  Patterns only recognise shapes; the words they capture (month names, number
words, unit nouns) are resolved by tables in the modules that use them.

All patterns expect text with whitespace already collapsed to single spaces (see
``notes.normalise_note_text``) and are case-insensitive where the texts vary in case.
"""

from __future__ import annotations

import re

# --- numbers ---------------------------------------------------------------------------------

# A number written in digits, optionally with an ordinal ending: "12", "9-й", "5-го", "9-шы", "1-ші".
NUM_DIGITS_RE = re.compile(
    r"""
    (?P<digits>\d+)                          # the value
    (?:
        -?(?:[ыи]?[йяе]|[ыо]?го|[оы]?му|ым|ом)    # ru ordinal endings: "-й", "-я", "-е", "-го", "-му", "-ым", "-ом"
      | -?(?:[ыі]?н)?(?:шы|ші)                   # kk ordinal endings: "-шы", "-ші", "-ыншы", "-інші"
    )?
    """,
    re.X,
)

# What separates the words of a compound number: spaces and any dash ("тридцать-первый").
NUM_SPLIT_RE = re.compile(r"[\s\u00a0\-\u2010-\u2015]+")

# A unit number as the notes write it: "9", "12-1", "4-1"; a subpoint adds ")": "9)".
_UNIT_NUM = r"\d{1,4}(?:-\d{1,3})*"

# --- dates -----------------------------------------------------------------------------------

# "16.04.2026", "1.7.2023", also ISO "2026-04-16".
DATE_NUMERIC_RE = re.compile(
    r"""
    (?:
        (?P<day>\d{1,2}) \. (?P<month>\d{1,2}) \. (?P<year>\d{4})     # dd.mm.yyyy as adilet writes it
      | (?P<iso_year>\d{4}) - (?P<iso_month>\d{2}) - (?P<iso_day>\d{2})  # yyyy-mm-dd
    )
    """,
    re.X,
)

# ru: "24 октября 2025 года", "«1» января 2025 г.", "1 января 2025".
DATE_RU_RE = re.compile(
    r"""
    [«"]? (?P<day>\d{1,2}) [»"]?        # day, sometimes in quotes in signed originals
    \s+ (?P<month>[а-яё]+)              # month name, genitive ("октября") or nominative; resolved by a table
    \s+ (?P<year>\d{4})                 # year
    (?: \s* (?:года|год|г\.?) )?        # "года" / "г." may follow
    """,
    re.X | re.I,
)

# kk: "2025 жылғы 24 қазандағы", "2017 жылғы 6 желтоқсанда", "2025 ж. 1 қаңтар".
DATE_KK_RE = re.compile(
    r"""
    (?P<year>\d{4})                             # year comes first in Kazakh
    \s* (?:жылғы|жылы|ж\.)                      # "жылғы" (of the year), "жылы" (in the year), "ж."
    \s+ [«"]? (?P<day>\d{1,2}) [»"]?            # day
    \s+ (?P<month>[а-яәіңғүұқөһ]+)              # month name with its case ending ("қазандағы"); resolved by a table
    """,
    re.X | re.I,
)

# --- amendment notes -------------------------------------------------------------------------

# The first words of a note; each group names the note's source.
NOTE_START_RE = re.compile(
    r"""^
    (?:
        (?P<footnote> (?:Сноска|Ескерту) \s* \.)                    # applied amendment: "Сноска." / kk "Ескерту."
      | (?P<izpi>     Примечание \s+ ИЗПИ \s* !                      # editor's note of the Institute (ИЗПИ)
                    | ЗҚАИ (?:\s*-\s*ның)? \s+ ескертпесі \s* ! )   #   kk "ЗҚАИ-ның ескертпесі!"
      | (?P<rcpi>     Примечание \s+ РЦПИ \s* !                      # older editor's note of the Centre (РЦПИ)
                    | РҚАО (?:\s*-\s*ның)? \s+ ескертпесі \s* ! )   #   kk "РҚАО-ның ескертпесі!"
    )
    \s*""",
    re.X | re.I,
)

# Markdown and indentation a note line may still carry: "#### **Примечание ИЗПИ!**".
NOTE_MARKUP_RE = re.compile(r"^[#*\s\u00a0]+|[*\s\u00a0]+$")

# Any dash between a target and its verb: "-", "–", "—".
_DASH = r"[-\u2010-\u2015]"

# ru footnote, kk_only: "В заголовок параграфа 12 внесено изменение на казахском языке, текст на
# русском языке не меняется в соответствии с приказом …".
NOTE_RU_KK_ONLY_RE = re.compile(
    rf"""^
    В \s+ (?P<target>.+?)                                     # the unit, in the accusative
    \s+ внесен[оы] \s+ изменени[ея] \s+ на \s+ казахском \s+ языке
    \s* , \s* текст \s+ на \s+ русском \s+ языке \s+ не \s+ меняется
    \s+ в \s+ соответствии \s+ с \s+ (?P<act>.+)$              # the amending act, instrumental
    """,
    re.X | re.I,
)

# ru footnote, restated: "Пункт 9 - в редакции приказа …" / "Преамбула – в редакции …".
NOTE_RU_RESTATED_RE = re.compile(
    rf"""^
    (?P<target>.+?)                 # the unit, nominative
    \s* (?:{_DASH} \s*)? в \s+ редакции  # "- в редакции" (the dash is missing in some exports)
    \s+ (?P<act>.+)$                # the amending act, genitive ("приказа …")
    """,
    re.X | re.I,
)

# ru footnote, changed: "Пункт 55 с изменением, внесенным приказом …"; also "с изменениями и
# дополнениями, внесенными приказами …", "с дополнением, внесенным …".
NOTE_RU_CHANGED_RE = re.compile(
    r"""^
    (?P<target>.+?)                                                  # the unit, nominative
    \s+ с \s+ (?:изменени(?:ем|ями)|дополнени(?:ем|ями))              # "с изменением" / "с дополнением"
    (?: \s+ и \s+ (?:изменени(?:ем|ями)|дополнени(?:ем|ями)) )?       # "… и дополнениями"
    \s* , \s* внесенн(?:ым|ыми)                                      # ", внесенным"
    \s+ (?P<act>.+)$                                                 # the amending act, instrumental
    """,
    re.X | re.I,
)

# ru footnote, added: "Глава 1 дополнена параграфом 4-1 в соответствии с приказом …".
NOTE_RU_ADDED_RE = re.compile(
    r"""^
    (?P<target>.+?)                              # the unit that receives the new one, nominative
    \s+ дополнен[аоы]?                           # "дополнен(а/о/ы)"
    \s+ (?P<added>.+?)                           # the new unit, instrumental ("параграфом 4-1")
    \s+ в \s+ соответствии \s+ с                 # "в соответствии с"
    \s+ (?P<act>.+)$                             # the amending act, instrumental
    """,
    re.X | re.I,
)

# ru footnote, removed: "Пункт 5 исключен приказом …", "Глава 3 - исключена приказом …".
NOTE_RU_REMOVED_RE = re.compile(
    rf"""^
    (?P<target>.+?)                  # the unit, nominative
    \s* (?:{_DASH} \s*)?             # an optional dash
    исключен[аоы]?                   # "исключен(а/о/ы)"
    \s+ (?:в \s+ соответствии \s+ с \s+)?
    (?P<act>.+)$                     # the amending act, instrumental
    """,
    re.X | re.I,
)

# ИЗПИ, prospective edition: "Абзац девятый пункта 5 предусматривается в редакции приказа …";
# also a future removal / change / addition in the same spirit.
NOTE_RU_PROSPECTIVE_RE = re.compile(
    r"""^
    (?:В \s+)? (?P<target>.+?)                                   # the unit ("В пункт 5 предусмотрено изменение")
    \s+ (?:
        (?P<restated> предусматрива(?:ется|ются) \s+ в \s+ редакции )                 # future edition
      | (?P<removed>  предусм(?:атривается|отрено) \s+ (?:исключение|исключить) )     # future removal
      | (?P<changed>  предусм(?:атривается|отрено) \s+ (?:изменение|изменения) )       # future change
      | (?P<added>    предусм(?:атривается|отрено) \s+ (?:дополнение|дополнить)
                      (?: \s+ (?P<added_unit>.+?) )? \s+ в \s+ соответствии \s+ с )   # future addition
    )
    \s+ (?P<act>.+)$                                             # the amending act
    """,
    re.X | re.I,
)

# ИЗПИ/РЦПИ about the whole act: "Вводится в действие с 1 января 2025." / "Порядок введения в
# действие см. п.5".
NOTE_RU_COMMENCEMENT_RE = re.compile(
    r"""^
    (?:
        (?P<effective> вводит(?:ся|ь) \s+ в \s+ действие \s+ .+? )        # the rule itself
      | порядок \s+ введения \s+ в \s+ действие \s+ (?P<see> см\. \s* .+? )  # a pointer: "см. п.5"
    )
    \s* \.? $""",
    re.X | re.I,
)

# The amending act as a ru note cites it:
# "приказа Министра труда и социальной защиты населения РК от 15.08.2024 № 316 (вводится …)".
NOTE_RU_ACT_RE = re.compile(
    r"""^
    (?P<cite>
        (?P<type> (?:совместн\w+ \s+)? (?:приказ|постановлени|решени|распоряжени|закон|указ|кодекс) \w* )  # kind of act, any case
        \s+ (?P<issuer>[^();]+?)                             # who issued it, as written ("Министра … РК")
        \s+ от \s+ (?P<date>\d{1,2}\.\d{1,2}\.\d{4})         # its date, dd.mm.yyyy
        \s* № \s* (?P<number>[^\s()]+(?:\s[^\s()]+)*?)        # its number: "316", "188-НҚ", "ҚР ДСМ-322/2020"
    )
    \s* (?: \( (?P<effective>[^()]*) \) )?                    # "(вводится в действие …)"
    \s* \.? $""",
    re.X | re.I,
)

# The whole act repealed: "Утратил силу приказом Министра финансов РК от 10.06.2025 № 293 (…)".
NOTE_RU_REPEALED_RE = re.compile(
    r"""^
    (?:Приказ \s+ |Постановление \s+ |Закон \s+ )?
    утратил[аио]? \s+ силу \s*            # "Утратил силу"
    (?:\s* - \s*)?
    (?P<act> (?:приказ|постановлени|решени|распоряжени|закон|указ)\w* \s+ .+)$""",
    re.X | re.I,
)
# kk: "Күші жойылды - ҚР Қаржы министрінің 10.06.2025 № 293 (…) бұйрығымен".
NOTE_KK_REPEALED_RE = re.compile(
    r"""^
    (?:[^–-]{0,60} \s+)?                   # "Бұйрықтың"
    күші \s+ жойылды \s* [–—-]? \s*
    (?P<act> .+)$""",
    re.X | re.I,
)

# Older spellings of a cite: "N 47-IV" for "№ 47-IV", "2008.06.25" for "25.06.2008".
NOTE_NUMBER_SIGN_RE = re.compile(r"(?<![\w№])N\s*(?=\d)")
NOTE_YMD_DATE_RE = re.compile(r"\b(?P<y>(?:19|20)\d\d)\.(?P<m>\d{2})\.(?P<d>\d{2})\b")
# The kind of act of a kk cite (its last word, instrumental); in a list it applies to all.
NOTE_KK_ACT_TYPE_RE = re.compile(
    r"""(?P<type> (?:бірлескен \s+|Конституциялық \s+)? (?:бұйрығымен|бұйрықтарымен|бұйрықтарымен|қаулысымен
        |қаулыларымен|шешімімен|заңымен|заңдарымен|жарлығымен|өкімімен) )""",
    re.X | re.I,
)
# One kk cite in a list: "[issuer] dd.mm.yyyy № N [(commencement)]".
NOTE_KK_CITE_RE = re.compile(
    r"""^
    (?P<issuer>[^();]*?) \s*
    (?P<date>\d{1,2}\.\d{1,2}\.\d{4})
    \s* № \s* (?P<number>[^\s(),;]+)
    \s* (?: \( (?P<effective>[^()]*) \) )?
    \s* \.? $""",
    re.X,
)

# When a ru edition comes into force (the text inside the parentheses).
NOTE_RU_EFFECTIVE_RE = re.compile(
    r"""^
    (?:вводит(?:ся|ь)|вводятся) \s* в \s+ действие \s+        # "вводится в действие" ("вводитсяв" in a note of 267)
    (?:
        с \s+ (?P<date>.+?)                                               # exact: "с 12.07.2026", "с 1 января 2025"
      | по \s+ истечении \s+ (?P<days>.+?) \s+ календарн\w+ \s+ дн\w+     # "по истечении десяти календарных дней"
        \s+ после \s+ дня \s+ (?:его|их) \s+ первого \s+ официального \s* опубликования
      | (?P<on_publication> со \s+ дня \s+ (?:его|их) \s+ первого \s+ официального \s* опубликования )
    )
    \s* \.? $""",
    re.X | re.I,
)

# kk footnote: "5-тармақ жаңа редакцияда - ҚР … 28.09.2023 № 6 (…) бұйрығымен.",
# "1-тарау 4-1-параграфпен толықтырылды - …", "55-тармаққа өзгеріс енгізілді - …",
# "7-тармақ алып тасталды - …".
NOTE_KK_FOOTNOTE_RE = re.compile(
    rf"""^
    (?P<target>.+?)                                            # the unit (nominative or dative)
    (?: \s+ (?P<added>\S+?-?(?:параграф|тармақша|тармақ|тарау|бөлім|абзац)\w*?(?:пен|мен|бен)) )?  # added unit, instrumental
    \s+ (?P<verb>
        жаңа \s+ редакцияда                                    # restated
      | өзгеріс(?:тер)? (?:\s+ мен \s+ толықтыру(?:лар)?)? \s+ енгізілді   # changed
      | толықтырылды                                           # added
      | алып \s+ тасталды                                      # removed
    )
    \s* {_DASH} \s* (?P<act>.+)$                               # the amending act
    """,
    re.X | re.I,
)

# kk ЗҚАИ, prospective: "5-тармақтың тоғызыншы абзацы ҚР … 16.04.2026 № 188-НҚ (…) бұйрығымен
# редакцияда көзделген." — built from the ru notes and the kk footnote forms, not seen in the seeds.
NOTE_KK_PROSPECTIVE_RE = re.compile(
    r"""^
    (?P<target>.+?)                                            # the unit
    \s+ (?P<act> (?:ҚР|Қазақстан \s+ Республикасы) \s .*?      # the act, from its issuer ("ҚР …") …
              (?:бұйрығымен|бұйрықтарымен|қаулысымен|шешімімен|заңымен|жарлығымен|өкімімен) )  # … to its kind
    \s+ (?P<verb>
        (?:жаңа \s+)? редакцияда                               # restated
      | алып \s+ тастау                                        # removed
      | өзгеріс(?:тер)? \s+ енгізу                             # changed
    )
    \s+ көзделген \s* \.? $""",
    re.X | re.I,
)

# kk commencement note: "01.01.2025 бастап қолданысқа енгізіледі." / "Қолданысқа енгізілу тәртібін
# 5-тармақтан қараңыз."
NOTE_KK_COMMENCEMENT_RE = re.compile(
    r"""^
    (?:
        (?P<effective> .+? қолданысқа \s+ енгізіледі )                       # the rule itself
      | (?P<see> қолданысқа \s+ енгізілу \s+ тәртібін \s+ .+? \s+ қараңыз )  # a pointer to a point
    )
    \s* \.? $""",
    re.X | re.I,
)

# The amending act as a kk note cites it: "ҚР Еңбек … министрінің 15.08.2024 № 316 (…) бұйрығымен".
NOTE_KK_ACT_RE = re.compile(
    r"""^
    (?P<issuer>[^();]+?)                                      # who issued it, genitive ("… министрінің")
    \s+ (?P<date>\d{1,2}\.\d{1,2}\.\d{4})                     # its date
    \s* № \s* (?P<number>[^\s()]+(?:\s[^\s()]+)*?)             # its number
    \s* (?: \( (?P<effective>[^()]*) \) \s* )?                 # "(… қолданысқа енгізіледі)"
    (?P<type> (?:бірлескен \s+)? (?:бұйрығымен|бұйрықтарымен|қаулысымен|шешімімен|заңымен|жарлығымен|өкімімен) )
    \s* \.? $""",
    re.X | re.I,
)

# When a kk edition comes into force.
NOTE_KK_EFFECTIVE_RE = re.compile(
    r"""^
    (?:
        алғаш(?:қы)? \s* ресми \s+ жарияланған \s+ күнінен \s+ (?:кейін|бастап)  # after the first publication …
        \s+ күнтізбелік \s+ (?P<days>.+?) \s+ күн \s+ өткен \s+ соң       # … "он" calendar days
      | (?P<on_publication> алғаш(?:қы)? \s* ресми \s+ жарияланған \s+ күнінен \s+ бастап )  # from publication
      | (?P<date>.+?) \s+ бастап                                          # exact: "12.07.2026 бастап"
    )
    \s+ қолданысқа \s* енгізіледі \s* \.? $""",
    re.X | re.I,
)

# --- note targets ----------------------------------------------------------------------------

# One ru unit phrase of a target, in any case: "Пункт 9", "пункта 12-1", "Подпункт 9)",
# "Абзац девятый", "Абзац двадцать четыре", "параграфа 7", "Глава 1", "главу 2".
NOTE_TARGET_RU_PART_RE = re.compile(
    rf"""
    (?P<noun>
        абзац (?:а|ем|е|у)?                         # alinea
      | подпункт (?:а|ом|е|у)?                      # subpoint
      | пункт (?:а|ом|е|у)?                         # point
      | параграф (?:а|ом|е|у)?                      # section
      | глав (?:а|ы|у|ой|е)                         # chapter
      | раздел (?:а|ом|е|у)?                        # part
      | стать (?:я|и|ю|ей|е)                        # article of a law
    )
    \s+
    (?P<num>
        {_UNIT_NUM} \)?                              # digits: "9", "12-1", "9)"
      | [а-яё]+ (?:[\s-][а-яё]+)*?                   # number words, up to the next unit noun or the end
        (?= \s+ (?:абзац|подпункт|пункт|параграф|глав|раздел|стать) | \s*$ )
    )
    (?= \s | $)
    """,
    re.X | re.I,
)

# "Заголовок параграфа 7" / "заголовок главы 1": the heading of the unit that follows.
NOTE_TARGET_RU_HEADING_RE = re.compile(r"^заголов(?:ок|ка|ке)\s+", re.I)

# Targets without a number.
NOTE_TARGET_RU_PREAMBLE_RE = re.compile(r"^преамбул[аыуе]$", re.I)
NOTE_TARGET_RU_ACT_RE = re.compile(r"^(?:настоящий\s+)?приказ[ау]?$", re.I)

# The approved annex, named by its title or as "Приложение (N)".
NOTE_TARGET_RU_ANNEX_RE = re.compile(
    r"""^
    (?:
        приложени[еяю] (?: \s+ \d+ )?                             # "Приложение", "Приложение 2"
      | (?:типовые \s+)? квалификационные \s+ характеристики       # ТКХ (000, 002)
      | профессиональный \s+ стандарт                              # 004
      | правила | положение | инструкци[яю] | переч[еи]нь | регламент | методика
      | (?:типовые \s+)? нормативы
    )$""",
    re.X | re.I,
)

# One kk unit phrase: "9-тармақ", "55-тармаққа", "9) тармақша", "4-1-параграфпен", "1-тарау",
# "12-параграфтың", or an alinea "тоғызыншы абзацы".
NOTE_TARGET_KK_PART_RE = re.compile(
    rf"""
    (?:
        (?P<num>{_UNIT_NUM}) (?: \) \s* | \s* - \s* )               # "9) " or "4-1-"
        (?P<noun> тармақша | тармақ | параграф | тарау | бөлім | қосымша | бап ) (?P<ending>[а-яәіңғүұқөһ]*)
      | (?P<words>[а-яәіңғүұқөһ]+ (?:\s[а-яәіңғүұқөһ]+)?) \s+ (?P<alinea> абзац | азат \s+ жол ) [а-яәіңғүұқөһ]*
    )
    (?= \s | $)
    """,
    re.X | re.I,
)

# "…тақырыбы" after a kk unit: the heading of that unit.
NOTE_TARGET_KK_HEADING_RE = re.compile(r"\s+тақырыб(?:ы|ына|ын)$", re.I)
NOTE_TARGET_KK_PREAMBLE_RE = re.compile(r"^кіріспе(?:ге|сі|ні)?$", re.I)
NOTE_TARGET_KK_ACT_RE = re.compile(r"^(?:осы\s+)?бұйрық(?:қа)?$", re.I)
NOTE_TARGET_KK_ANNEX_RE = re.compile(
    r"""^
    (?:
        (?:\d+ \s* - \s*)? қосымша (?:ға)?                 # "5-қосымша", "қосымша"
      | (?:үлгілік \s+)? біліктілік \s+ сипаттамалары       # ТКХ
      | кәсіптік \s+ стандарт
      | қағидалар? | ереже
    )$""",
    re.X | re.I,
)

# The new unit of an "added" note, ru instrumental: "параграфом 4-1", "пунктом 5-1", "подпунктом 3-1)".
NOTE_ADDED_RU_RE = re.compile(
    rf"""^
    (?P<noun> параграф | подпункт | пункт | абзац | глав | приложени | примечани | част )   # the unit noun
    (?: ом | ем | ой | ою | ью )                                                        # instrumental
    (?: \s+ (?P<num>{_UNIT_NUM}\)?) )?                                                 # its number
    $""",
    re.X | re.I,
)
