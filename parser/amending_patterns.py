"""Amending acts: the patterns and word tables :mod:`parser.amending` reads instructions with.

* the forms of an instruction, ru and kk (umbrella ``AMEND_*``, ``RESTATE_*``, ``INSERT_*``,
  ``REPEAL_*``, ``REPLACE_*``), the verb hints and the expected forms for diagnostics;
* act references: the kinds of act by stem (``ACT_TYPES``), ``ACT_*_RE``, ``REGISTRATION_RE``;
* target paths: unit nouns (``UNIT_NOUNS``, ``UNNUMBERED``), annexes named by title, the rank
  of each unit kind (``UNIT_RANK``) and the tokenizer of a target (``TOKEN_RE``);
* the end of a quoted new text, and targets that name the whole act.

They follow the conventions of :mod:`parser.patterns` (verbose, a comment per group).
"""

from __future__ import annotations

import re

# --- patterns --------------------------------------------------------------------------------

# A quoted text: «…» (one level of inner «…»), "…", “…”.
QUOTED = r"""(?:«(?:[^«»]|«[^«»]*»)*»|"[^"]*"|“[^”]*”)"""
QUOTE_OPEN = "«\"“„"
QUOTE_CLOSE = "»\"”“"

# The number a unit carries as written before its text: "1. ", "1) ", "Статья 1 . ", "1-бап. ".
UNIT_NUMBER_RE = re.compile(
    r"""^\s*
    (?:
        Статья \s+ \d+(?:-\d+)* \s* \.                 # ru article heading "Статья 1 ."
      | \d+(?:-\d+)* \s* - \s* бап \s* \.              # kk article heading "1-бап."
      | \d+(?:-\d+)* \s* [.)] (?!\d)                   # point "1." / subpoint "1)" (not "1.1")
    )
    \s*""",
    re.X | re.I,
)

# ru umbrella, the act first: "Внести в приказ … следующие изменения и дополнения:".
AMEND_RU_RE = re.compile(
    r"""
    \b внести \s+ в \s+ (?P<act>.+?)                                 # the act, accusative
    \s+ следующ(?:ее|ие) \s+
    (?:изменени[ея]|дополнени[ея]) (?:\s+ и \s+ (?:изменени[ея]|дополнени[ея]))?   # what is made
    \s* [:.;]? \s* (?P<rest>.*)$                                     # an instruction on the same line
    """,
    re.X | re.I | re.S,
)

# ru umbrella, the changes first: "Внести изменения и дополнения в приказ …:".
AMEND_RU_AFTER_RE = re.compile(
    r"""
    \b внести \s+ (?:следующ(?:ее|ие) \s+)?
    (?:изменени[ея]|дополнени[ея]) (?:\s+ и \s+ (?:изменени[ея]|дополнени[ея]))?
    \s+ в \s+ (?P<act>.+?)                                           # the act
    \s* (?: : \s* (?P<rest>.*) | [.;]? \s* )$
    """,
    re.X | re.I | re.S,
)

# kk umbrella: "… бұйрығына мынадай өзгеріс енгізілсін:", "… Заңына мынадай толықтыру енгізілсін:".
AMEND_KK_RE = re.compile(
    r"""^
    (?P<act>.+?)                                                       # the act, dative
    \s+ (?:мынадай|келесі) \s+
    (?:өзгеріс(?:тер)?|толықтыру(?:лар)?)
    (?: \s+ (?:мен|және) \s+ (?:өзгеріс(?:тер)?|толықтыру(?:лар)?) )?
    \s+ енгізілсін \s* [:.;]? \s* (?P<rest>.*)$
    """,
    re.X | re.I | re.S,
)

# ru restate: "пункт 3 изложить в следующей редакции:", "изложить пункт 3 в новой редакции:",
# "приложение 1 изложить в редакции согласно приложению к настоящему приказу".
RESTATE_RU_RE = re.compile(
    r"""^
    (?P<target>.*?) \s* изложить \s+ (?P<target2>.*?) \s*
    в \s+ (?: (?:следующей|новой) \s+ редакции \s* [:;.]? \s* (?P<rest>.*)      # the text follows
           | редакции \s+ (?P<ref> согласно \s+ [^:;]*? ) \s* [:;.]? \s* )$   # the text is in an annex
    """,
    re.X | re.I | re.S,
)

# ru insert of a unit: "статью 3 дополнить абзацем седьмым следующего содержания:".
INSERT_RU_RE = re.compile(
    r"""^
    (?P<target>.*?) \s* дополнить \s+ (?P<what>.+?)        # "абзацем седьмым", "приказ пунктом 3-1"
    \s+ следующего \s+ содержания \s* [:;.]? \s* (?P<rest>.*)$
    """,
    re.X | re.I | re.S,
)

# ru insert of words: "пункт 3 после слов "X" дополнить словами "Y";", "дополнить словами "Y"".
INSERT_WORDS_RU_RE = re.compile(
    rf"""^
    (?P<target>.*?) \s*
    (?: после \s+ (?:слов[аo]?|цифр[ы]?) \s+ (?P<after>{QUOTED}) \s* ,? \s* )?   # the words it follows
    дополнить \s+ (?:(?P<target2>.*?) \s+)?
    (?:словами|словом|цифрами|цифрой|предложени(?:ем|ями)) \s+ (?P<new>{QUOTED})   # the new words
    \s* [;.,]? \s* $
    """,
    re.X | re.I | re.S,
)

# ru repeal: "подпункт 2) исключить;", "пункт 3 признать утратившим силу", "Признать утратившим силу
# приказ … от … № …".
REPEAL_RU_RE = re.compile(
    r"""^
    (?: (?P<target>.+?) \s* ,? \s* (?: исключить | признать \s+ утратившим(?:и)? \s+ силу )
      | признать \s+ утратившим(?:и)? \s+ силу \s+ (?P<target2>.+?) )
    \s* [;.]? \s* $
    """,
    re.X | re.I | re.S,
)

# A list of acts repealed, one per subpoint: "Признать утратившими силу:" / kk "Мыналардың күші
# жойылды деп танылсын:".
# kk: a list whose verb comes after its last item: "Мына: 1) …; 2) … күші жойылды деп танылсын."
KK_LIST_LEAD_RE = re.compile(r"^(?:мына|мыналар|мыналардың)\s*:$", re.I)

REPEAL_LIST_RE = re.compile(
    r"^(?:признать\s+утратившими?\s+силу|мыналардың\s+күші\s+жойылды\s+деп\s+танылсын)\s*(?:следующие\s+\w+\s*)?:$",
    re.I,
)

# ru words repealed: "в пункте 3 слова "X" исключить".
REPEAL_WORDS_RU_RE = re.compile(
    rf"""^
    (?P<target>.*?) \s* (?:слов[аo]|цифр[аыу]|знак) \s+ (?P<old>{QUOTED}) \s* ,? \s* исключить \s* [;.]? \s* $
    """,
    re.X | re.I | re.S,
)

# ru replace: "в пункте 3 слова "X" заменить словами "Y"" (several pairs may follow, by commas).
REPLACE_RU_RE = re.compile(
    rf"""
    (?:слов[аo]|цифр[аыу]|знак[и]?|букв[аыу]) \s+ (?P<old>{QUOTED})          # the words replaced
    \s+ заменить \s+ (?:словами|словом|цифрами|цифрой|знаком|знаками|буквой|буквами)
    \s+ (?P<new>{QUOTED})                                                   # the new words
    """,
    re.X | re.I | re.S,
)

# kk restate: "7 "Ескерту" деген баған мынадай редакцияда жазылсын:".
RESTATE_KK_RE = re.compile(
    r"""^
    (?P<target>.+?)
    (?: \s+ (?P<ref> осы \s+ (?:бұйрыққа|заңға|қаулыға)                  # the text is in an annex:
                  \s+ (?:\d+\s*-\s*)? қосымшаға \s+ сәйкес ) )?          #   "осы бұйрыққа қосымшаға сәйкес"
    \s+ (?:(?:мынадай|келесі|жаңа) \s+)? редакцияда \s+ жазылсын
    \s* [:;.]? \s* (?P<rest>.*)$
    """,
    re.X | re.I | re.S,
)

# kk insert of a unit: "3-бап мынадай мазмұндағы жетінші абзацпен толықтырылсын:".
INSERT_KK_RE = re.compile(
    r"""^
    (?: (?!(?:мынадай|келесі)\s) (?P<target>.+?) \s+ )?                # the unit that receives it, if named
    (?: (?:мынадай|келесі) \s+ мазмұндағы \s+ )?
    (?P<what>[^"«]+?(?:пен|мен|бен))                                   # the new unit, instrumental
    \s+ толықтырылсын \s* [:;.]? \s* (?P<rest>.*)$
    """,
    re.X | re.I | re.S,
)

# kk insert of words: "… "X" деген сөздерден кейін "Y" деген сөздермен толықтырылсын;".
INSERT_WORDS_KK_RE = re.compile(
    rf"""^
    (?P<target>.*?) \s*
    (?: (?P<after>{QUOTED}) \s+ деген \s+ (?:сөз|цифр|сан)\w* \s+ кейін \s+ )?
    (?P<new>{QUOTED}) \s+ деген \s+ (?:сөз|цифр|сан|сөйлем)\w*
    \s+ толықтырылсын \s* [;.,]? \s* $
    """,
    re.X | re.I | re.S,
)

# kk repeal: "5-тармақ алып тасталсын;", "… бұйрығының күші жойылды деп танылсын".
REPEAL_KK_RE = re.compile(
    r"""^
    (?P<target>.+?) \s+ (?: алып \s+ тасталсын                              # the unit is dropped
                        | (?:өз \s+)? күш(?:і|ін) \s+ жойыл(?:ды|сын) \s+ деп \s+ танылсын )  # or repealed
    \s* [;.]? \s* $
    """,
    re.X | re.I | re.S,
)

# kk words repealed: "3-тармақтағы "X" деген сөздер алып тасталсын".
REPEAL_WORDS_KK_RE = re.compile(
    rf"""^
    (?P<target>.*?) \s* (?P<old>{QUOTED})                                  # the words dropped
    \s+ деген \s+ (?:сөз|цифр|сан)\w* \s+ алып \s+ тасталсын \s* [;.]? \s* $
    """,
    re.X | re.I | re.S,
)

# kk replace: ""X" деген сөздер "Y" деген сөздермен ауыстырылсын".
REPLACE_KK_RE = re.compile(
    rf"""
    (?P<old>{QUOTED}) \s+ деген \s+ (?:сөз|цифр|сан|белгі)\w*                 # the words replaced
    \s+ (?P<new>{QUOTED}) \s+ деген \s+ (?:сөз|цифр|сан|белгі)\w*               # the new words, instrumental
    (?: \s+ ауыстырылсын )?
    """,
    re.X | re.I | re.S,
)
KK_REPLACE_VERB_RE = re.compile(r"\bауыстырылсын\b", re.I)

# Words that show a unit means to amend; a unit with one that no form above reads is reported.
VERB_HINT_RE = {
    "ru": re.compile(r"\b(?:изложить|дополнить|исключить|заменить|утратившими?\s+силу|внести)\b", re.I),
    "kk": re.compile(r"\b(?:жазылсын|толықтырылсын|тасталсын|ауыстырылсын|танылсын|енгізілсін)\b", re.I),
}

# The expected forms, for diagnostics.
EXPECTED = {
    "ru": "an amending instruction ('<unit> изложить в следующей редакции:', '<unit> дополнить <unit> "
    "следующего содержания:', '<unit> исключить', 'слова \"…\" заменить словами \"…\"', 'признать "
    "утратившим силу …', 'Внести в <act> следующие изменения:')",
    "kk": "an amending instruction ('<unit> мынадай редакцияда жазылсын:', '<unit> мынадай мазмұндағы "
    "<unit> толықтырылсын:', '<unit> алып тасталсын', '\"…\" деген сөздер \"…\" деген сөздермен "
    "ауыстырылсын', '… күші жойылды деп танылсын', '<act> мынадай өзгерістер енгізілсін:')",
}

# --- act references --------------------------------------------------------------------------

# Kinds of act by the stem of their noun (any case); ru and kk side by side.
ACT_TYPES: tuple[tuple[str, str], ...] = (
    ("совместн", "order"),  # "совместный приказ"
    ("закон", "law"), ("приказ", "order"), ("постановлени", "resolution"), ("указ", "decree"),
    ("кодекс", "code"), ("распоряжени", "disposition"), ("решени", "decision"),
    ("заң", "law"), ("бұйрық", "order"), ("бұйрығ", "order"), ("қаулы", "resolution"), ("жарлық", "decree"),
    ("жарлығ", "decree"), ("өкім", "disposition"), ("шешім", "decision"),
)
ACT_TYPE_WORD = "|".join(stem for stem, _ in ACT_TYPES if stem != "совместн")

# ru: "<type> <issuer> от <date> (года) № <number> "<title>"".
ACT_RU_RE = re.compile(
    rf"""
    (?P<type> (?:совместн\w+ \s+)? (?:{ACT_TYPE_WORD}) \w* )          # kind of act, any case
    (?: \s+ (?P<issuer> [^"«№]*? ) )?                                   # who issued it, as written
    \s+ от \s+ (?P<date> \d{{1,2}} \s+ [а-яё]+ \s+ \d{{4}} | \d{{1,2}}\.\d{{1,2}}\.\d{{4}} )  # date
    (?: \s* (?:года|г\.) )?
    (?: \s* (?:№|N) \s* (?P<number> [^\s"«(,;:]+ ) )?                    # number: "30", "47-IV"
    """,
    re.X | re.I,
)
# An act named by number only: "приказ № 30", "Закона № 267".
ACT_RU_NUMBER_RE = re.compile(
    rf"(?P<type>(?:{ACT_TYPE_WORD})\w*)(?:\s+(?P<issuer>[^\"«№]*?))?\s+(?:№|N)\s*(?P<number>[^\s\"«(,;:]+)",
    re.I,
)
# kk: the kind after the date: "… 2016 жылғы 27 қаңтардағы № 30 бұйрығына".
ACT_KK_TYPE_RE = re.compile(rf"(?P<type>(?:бірлескен\s+)?(?:{ACT_TYPE_WORD})\w*)", re.I)
ACT_NUMBER_RE = re.compile(r"(?:№|N)\s*(?P<number>[^\s\"«(),;:]+)")
# Registration with the Ministry of Justice, inside the parenthesis after the act.
REGISTRATION_RE = re.compile(
    r"""(?: зарегистрирован\w* [^()]*? (?:№|N) \s* (?P<ru>\d+)        # ru "… под № 13301"
          | (?:№|N) \s* (?P<kk>\d+) \s+ болып \s+ тіркелген )         # kk "№ 13301 болып тіркелген"
    """,
    re.X | re.I,
)


# --- target paths ----------------------------------------------------------------------------

# Unit nouns, ru and kk, as (forms regex, kind).  Order matters: "подпункт" before "пункт",
# "тармақша" before "тармақ", "подкласс" before "класс".
UNIT_NOUNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rx, re.I), kind)
    for rx, kind in (
        # ru
        (r"подпункт\w*", "subpoint"), (r"пункт\w*", "point"),
        (r"стать(?:я|ю|и|е|ей|ёй|ями|ях|ям)", "article"),
        (r"глав(?:а|ы|у|е|ой|ам|ах|ами)", "chapter"), (r"параграф\w*", "section"), (r"раздел\w*", "division"),
        (r"абзац\w*", "alinea"), (r"част(?:ь|и|ью|ям|ях|ями)", "part"),
        (r"граф(?:а|у|ы|е|ой|ам|ах)", "column"),
        (r"строк(?:а|у|и|е|ой|ам|ах)", "row"), (r"приложени\w*", "annex"), (r"таблиц\w*", "table"),
        (r"категори\w*", "category"), (r"подкласс\w*", "subclass"), (r"класс\w*", "class"),
        (r"специфик\w*", "specific"), (r"предложени\w*", "sentence"), (r"примечани\w*", "note"),
        # kk
        (r"тармақша\w*", "subpoint"), (r"тармақ\w*|тармағ\w*", "point"), (r"бап\w*|баб\w*", "article"),
        (r"тарау\w*", "chapter"), (r"бөлім\w*", "chapter"), (r"бөлі[кг]\w*", "part"),
        (r"азат", "alinea"), (r"баған\w*", "column"), (r"жол\w*", "row"), (r"қосымша\w*", "annex"),
        (r"кесте\w*", "table"), (r"санат\w*", "category"), (r"сынып\w*|сыныб\w*", "class"),
        (r"ерекшелі\w*", "specific"), (r"сөйлем\w*", "sentence"), (r"ескертпе\w*", "note"),
    )
)

# Unit kinds without a number: the preamble, a heading.
UNNUMBERED: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rx, re.I), kind)
    for rx, kind in (
        (r"преамбул\w*", "preamble"), (r"кіріспе\w*", "preamble"),
        (r"заголов\w*", "heading"), (r"тақырыб\w*", "heading"),
    )
)

# The approved document of an order named by its title ("в Перечне …, утвержденном указанным
# приказом:", "Правила …", kk "… тізбесінде:"): the annex.
ANNEX_TITLE_RE = {
    "ru": re.compile(
        r"^(?:переч[не]\w*|правил\w*|положени\w*|инструкци\w*|стандарт\w*|регламент\w*|методик\w*|"
        r"норматив\w*|(?:типов\w+\s+)?квалификационн\w*|форм[аеуы]?|требовани\w*|тарифн\w*)$",
        re.I,
    ),
    "kk": re.compile(
        r"^(?:тізбе\w*|тізім\w*|қағида\w*|ереже\w*|нұсқаулы\w*|стандарт\w*|регламент\w*|әдістеме\w*|"
        r"нормативт\w*|сипаттама\w*|нысан\w*|талаптар\w*)$",
        re.I,
    ),
}

# Outer units first; a path is ordered by these ranks.
UNIT_RANK = {
    "annex": 0, "division": 1, "chapter": 2, "section": 3, "article": 4, "part": 5, "point": 6,
    "subpoint": 7, "alinea": 8, "sentence": 9, "table": 10, "category": 11, "class": 12, "subclass": 13,
    "specific": 14, "row": 15, "column": 16, "note": 17, "preamble": 0, "heading": 18,
}

TOKEN_RE = re.compile(
    rf"""
    (?P<quote> {QUOTED} )                                       # a quoted name: "Примечание"
  | (?P<num> \d+(?:-\d+)*\)? )                             # "3", "3-1", "9)"
    (?: \s*-\s* (?P<suffix>[^\W\d_]+) )?                    # kk noun joined: "3-бап", "4-1-параграфпен"
  | (?P<word> [^\W\d_]+ )                                   # a word
  | (?P<punct> [^\w\s] )                                    # punctuation
    """,
    re.X,
)

# The words between a row noun and its number: "строку, порядковый номер 5", "строку с порядковым
# номером 5", "строку под номером 5"; kk "реттік нөмірі 5 жол".
NUMBER_LEAD = {"порядковый", "порядковым", "номер", "номером", "с", "под", "реттік", "нөмірі", "нөмірлі"}


# --- the new text ----------------------------------------------------------------------------

# The end of a quoted new text: a closing quote, then an optional stop.
QUOTE_TAIL_RE = re.compile(r"""[»"”]\s*[.;,]?\s*$""")


# Targets that name the act itself or its whole text: no unit path, and no warning.
WHOLE_ACT_RE = re.compile(
    r"(?:настоящ\w+\s+|указанн\w+\s+|осы\s+|көрсетілген\s+)?(?:приказ|бұйрық|закон|заң|постановлени|қаулы)\w*"
    r"|(?:по\s+)?всему\s+тексту|бүкіл\s+мәтіні\s+бойынша",
    re.I,
)
