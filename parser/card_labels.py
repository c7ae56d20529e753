"""The labels of profession cards laid out as HTML tables, ru and kk, as data.

Read by :mod:`parser.cards_table`.  A new ministry's wording is one more line here, not a new
branch in the code.  Each line is ``(field, lang, words)``:

* ``field`` names the field of the output card dict the label opens (see
  :func:`parser.cards_table.extract_table_cards`);
* ``lang`` is "ru" or "kk" (the extractor tries both: kk acts quote ru labels now and then);
* ``words`` is a regular expression for the label's words, matched against a whole cell (or
  the first lines of a cell), case-insensitively; a space stands for any run of spaces and
  ``{n}`` for the number of a numbered label ("Трудовая функция {n}", "{n}-дағды").

A label may be followed by a colon and a value on the same line ("Навык 1: Планирование …",
"Квалификация:-"); numbered labels also accept a full stop.  The layouts:

* 2015 — one table, each card opening with a row "Карточка профессии" (kk "Кәсіп карточкасы");
* 2019 (order 1069) — one table, each card opening with a row holding only the profession's
  name in quotes, then "Код профессии"; "Трудовая функция N" with "Умение и навыки:" and
  "Знания:" (kk "N-еңбек функциясы", "Машық және дағдылар:", "Білімі:");
* 2024–2025 table (order 716) — one table, each card opening with a row
  "9. Карточка профессии «…»:" (kk "9. «…» мамандығының карточкасы:"), then the labels of the
  2024 card: "Код группы:" … "Трудовая функция N:", "Навык N:", "Умения:", "Знания:"
  (kk "N-еңбек функциясы:", "N-дағды:", "Машықтар:", "Білім:").
"""

from __future__ import annotations

# The row that opens a card.  Groups: ``num`` (the point number written before it, if any)
# and ``name`` (the name in quotes, if any; the quotes are dropped by the reader).
_Q = r"[«\"“„]"  # an opening quote
_NAME = r"(?P<name> [«\"“„] .+ [»\"”] )"  # the name in quotes (inner quotes allowed)
_NUM = r"(?: (?P<num> \d{1,3} ) \s* \.? \s* )?"  # "9." / "10. "

HEADINGS: tuple[tuple[str, str, str], ...] = (
    # layout, lang, pattern (verbose regex, whole cell text, lines joined by a space)
    ("heading", "ru", rf"{_NUM} Карточка \s+ профессии \s* :? \s* {_NAME}? \s* :?"),
    ("heading", "kk", rf"{_NUM} {_NAME} \s* (?: мамандығының | кәсібінің | кәсібін | кәсіптің | кәсіп ) \s+ карточкасы \s* :?"),
    ("heading", "kk", rf"{_NUM} (?: Кәсіп | Кәсібінің | Кәсіптің | Мамандық | Мамандықтың ) \s+ карточкасы \s* :? \s* {_NAME}? \s* :?"),
    # 2019: the name alone, in quotes, across the whole table, before a row of codes
    ("name_row", "*", rf"{_NAME} \s* :?"),
)

LABELS: tuple[tuple[str, str, str], ...] = (
    # -- the head of the card -----------------------------------------------------------------
    ("group_code", "ru", "Код группы"),
    ("group_code", "kk", "Топ коды"),
    ("group_code", "kk", "Топтың коды"),
    ("occupation_code", "ru", "Код наименования занятия"),
    ("occupation_code", "ru", "Код профессии"),
    ("occupation_code", "ru", "Код занятия"),
    ("occupation_code", "kk", "Сабақ атауының коды"),  # sic (716): "занятие" read as "lesson"
    ("occupation_code", "kk", "Кәсіп коды"),
    ("occupation_code", "kk", "Кәсіптің коды"),
    ("occupation_code", "kk", "Кәсібінің коды"),
    ("occupation_code", "kk", "Қызмет атауының коды"),
    ("profession", "ru", "Наименование профессии"),
    ("profession", "kk", "Кәсіп атауы"),
    ("profession", "kk", "Кәсіптің атауы"),
    ("profession", "kk", "Кәсібінің атауы"),
    ("profession", "kk", "Мамандықтың атауы"),
    ("okr_sublevel", "ru", "подуровень квалификации по ОРК"),
    ("okr_sublevel", "kk", "СБШ бойынша біліктіліктің кіші деңгейі"),
    ("okr_sublevel", "kk", "СБШ бойынша біліктіліктің төмен деңгейі"),  # sic (716, card 11)
    ("okr_level", "ru", "Уровень квалификации по ОРК"),
    ("okr_level", "kk", "СБШ бойынша біліктілік деңгейі"),
    ("okr_level", "kk", "СБШ бойынша біліктілігінің деңгейі"),
    ("etks_ks", "ru", r"Уровень квалификации по ЕТКС\b[^:]*"),
    ("etks_ks", "ru", "Уровень квалификации по КС"),
    ("etks_ks", "kk", r"БТБА\b[^:]* бойынша біліктілік деңгейі"),
    ("etks_ks", "kk", "БА бойынша біліктілік деңгейі"),
    # -- education: the field, then its columns -----------------------------------------------
    ("education", "ru", "Уровень профессионального образования"),
    ("education", "kk", r"Кәсіби білім\w* деңгейі"),
    ("education", "kk", r"Кәсіптік білім\w* деңгейі"),
    ("edu_level", "ru", "Уровень образования"),
    ("edu_level", "kk", "Білім деңгейі"),
    ("edu_specialty", "ru", "Специальность"),
    ("edu_specialty", "kk", "Мамандығы"),
    ("edu_qualification", "ru", "Квалификация"),
    ("edu_qualification", "kk", "Біліктілік"),
    ("edu_qualification", "kk", "Біліктілігі"),
    # -- the rest of the head ------------------------------------------------------------------
    ("experience", "ru", "Требования к опыту работы"),
    ("experience", "kk", "Жұмыс тәжірибесіне қойылатын талаптар"),
    ("informal_education", "ru", "Связь с неформальным и информальным образованием"),
    ("informal_education", "kk", "Бейресми және ақпараттық біліммен байланыс"),
    ("informal_education", "kk", "Бейресми және информалды біліммен байланыс"),
    ("other_names", "ru", "Другие возможные наименования профессии"),
    ("other_names", "kk", r"(?:Кәсіптің|Мамандықтың) басқа ықтимал атаулары"),
    ("purpose", "ru", "Основная цель деятельности"),
    ("purpose", "kk", "Қызметтің негізгі мақсаты"),
    # -- labour functions ----------------------------------------------------------------------
    ("functions_description", "ru", "Описание трудовых функций"),
    ("functions_description", "kk", "Еңбек функцияларының сипаттамасы"),
    ("functions_list", "ru", "Перечень трудовых функций"),
    ("functions_list", "ru", "Трудовые функции"),  # 2019
    ("functions_list", "kk", "Еңбек функцияларының тізбесі"),
    ("functions_list", "kk", "Еңбек функциялары"),  # 2019
    ("functions_mandatory", "ru", "Обязательные трудовые функции"),
    ("functions_mandatory", "kk", "Міндетті еңбек функциялары"),
    ("functions_additional", "ru", "Дополнительные трудовые функции"),
    ("functions_additional", "kk", "Қосымша еңбек функциялары"),
    ("function", "ru", "Трудовая функция {n}"),
    ("function", "kk", "{n} -еңбек функциясы"),
    ("function", "kk", "Еңбек функциясы {n}"),
    ("skill", "ru", "Навык {n}"),
    ("skill", "kk", "{n} -дағды"),
    ("skill", "kk", "Дағды {n}"),
    ("abilities", "ru", "Умения"),
    ("abilities", "ru", "Умения и навыки"),  # 2015
    ("abilities", "ru", "Умение и навыки"),  # 2019: abilities of a function with no "Навык N"
    ("abilities", "kk", "Машықтар"),
    ("abilities", "kk", "Машық және дағдылар"),  # 2019
    ("abilities", "kk", "Білік және дағдылар"),
    ("abilities", "kk", "Біліктер"),
    ("knowledge", "ru", "Знания"),
    ("knowledge", "kk", "Білімі"),  # 2019
    ("knowledge", "kk", "Білім"),
    ("knowledge", "kk", "Білімдер"),
    ("recognition", "ru", "Возможность признания навыка"),
    ("recognition", "kk", "Дағдыны тану мүмкіндігі"),
    ("recognition", "kk", "Шеберлікті тану мүмкіндігі"),  # sic (716)
    # -- the foot of the card ------------------------------------------------------------------
    ("personal_competences", "ru", "Требования к личностным компетенциям"),
    ("personal_competences", "kk", r"Жеке құзырет\w* қойылатын талаптар(?: құзыреттеріне)?"),
    ("regulations", "ru", "Список технических регламентов и национальных стандартов"),
    ("regulations", "kk", "Техникалық регламенттер мен ұлттық стандарттардың тізімі"),
    ("related", "ru", "Связь с другими профессиями в рамках ОРК"),
    ("related", "kk", r"СБШ шеңберін\w* басқа (?:кәсіптермен|мамандықтармен) байланыс\w*"),
    ("related_level", "ru", "Уровень ОРК"),
    ("related_level", "kk", "СБШ деңгейі"),
    # 2019: the related professions are grouped by direction, the word heading each group
    ("related_lower", "ru", "Уровень ниже"),
    ("related_lower", "kk", "Деңгейі төмен"),
    ("related_higher", "ru", "Уровень выше"),
    ("related_higher", "kk", "Деңгейі жоғары"),
)

# Fields read in order, as the head of a card lists them.  A value row whose label cell is
# empty is given the one field that the other cards of the table have at that place.
HEAD_ORDER: tuple[str, ...] = (
    "group_code", "occupation_code", "profession", "okr_level", "okr_sublevel", "etks_ks", "education",
    "experience", "informal_education", "other_names", "purpose", "functions_description",
    "functions_list",
)

# A card of each layout without one of these labels is an error.
MANDATORY: dict[str, tuple[str, ...]] = {
    "table-2015": ("profession", "okr_level"),
    "table-2019": ("occupation_code", "profession", "okr_level"),
    "table-2025": ("group_code", "occupation_code", "profession", "okr_level"),
}

# The words of the list of professions in the text of the standard (point 8), whose lines
# give each profession's ОРК level ("пожарный, 3 уровень квалификации по ОРК;").
PROFESSION_LIST: tuple[tuple[str, str], ...] = (
    ("ru", r"Перечень (?:карточек )?профессий"),
    ("kk", r"Кәсіптер (?:карточкаларының )?тізбесі"),
    ("kk", r"Мамандықтар (?:карточкаларының )?тізбесі"),
)
