# ruff: noqa: E501  (the tables hold real sentences whole)
"""Amending instructions (parser.amending) and their resolution against the corpus (kb.amending).

Tables of ru and kk sentences → records; the two real amending acts of the development corpus end
to end on their own lines (copied byte for byte into tests/data/corpus_dev/: the law of 25.06.2008
№ 47-IV amending the law on holidays, and the adilet page of order № 688 amending order № 30);
resolution against a fake corpus holding the law of 13.12.2001 № 267.
"""

from __future__ import annotations

import doctest
import html
import re
from pathlib import Path

import pytest

import kb.amending as kb_amending_module
import parser.amending as amending_module
from kb.amending import Resolution, find_act, resolve, unit_eid
from parser.amending import (
    ActTarget,
    Step,
    has_amending_verb,
    parse_act_ref,
    parse_path,
    parse_paths,
    read_instructions,
)

DATA = Path(__file__).resolve().parent / "data" / "corpus_dev"  # byte-identical copies (test_corpus_dev checks them)

# --- factories -------------------------------------------------------------------------------


def P(*pairs: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    """A path as (kind, num) pairs, outermost first."""
    return list(pairs)


def read_one(text: str, lang: str, eid: str = "body__point_1__subpoint_1", line: int = 10):
    out, diags = read_instructions([(eid, text, line)], "case.txt", lang)
    return out, diags


def summary(x) -> dict:
    return {
        "verb": x.verb,
        "target": x.target,
        "path": [(s.kind, s.num) for s in x.path],
        "new_unit": (x.new_unit.kind, x.new_unit.num) if x.new_unit else None,
        "new_text": x.new_text,
        "new_text_ref": x.new_text_ref,
        "old_words": x.old_words,
        "new_words": x.new_words,
        "after_words": x.after_words,
    }


def expect(verb: str, target: str, path=(), new_unit=None, new_text=None, new_text_ref=None,
           old_words=None, new_words=None, after_words=None) -> dict:
    return {
        "verb": verb, "target": target, "path": list(path), "new_unit": new_unit, "new_text": new_text,
        "new_text_ref": new_text_ref, "old_words": old_words, "new_words": new_words, "after_words": after_words,
    }


# --- one sentence, one record ----------------------------------------------------------------

RU_CASES = [
    # the real ones
    ("статью 3 дополнить абзацем седьмым следующего содержания: \"День Столицы - 6 июля;\".",
     expect("insert", "статью 3", P(("article", "3")), ("alinea", "7"), "День Столицы - 6 июля;")),
    ("статью 3 дополнить абзацем седьмым следующего содержания: «День Столицы - 6 июля;».",
     expect("insert", "статью 3", P(("article", "3")), ("alinea", "7"), "День Столицы - 6 июля;")),
    ("графу 7 \"Примечание\" изложить в следующей редакции: \"Текст.\".",
     expect("restate", "графу 7 \"Примечание\"", P(("column", "7")), new_text="Текст.")),
    # typical forms
    ("пункт 3 изложить в следующей редакции: «3. Настоящий приказ вводится в действие.»;",
     expect("restate", "пункт 3", P(("point", "3")), new_text="3. Настоящий приказ вводится в действие.")),
    ("изложить пункт 3 в новой редакции: «3. Текст.»;",
     expect("restate", "пункт 3", P(("point", "3")), new_text="3. Текст.")),
    ("подпункт 2) пункта 5 исключить;", expect("repeal", "подпункт 2) пункта 5", P(("point", "5"), ("subpoint", "2")))),
    ("часть первую статьи 5 изложить в следующей редакции: «Текст.»;",
     expect("restate", "часть первую статьи 5", P(("article", "5"), ("part", "1")), new_text="Текст.")),
    ("абзац двадцать четвертый пункта 52 исключить;",
     expect("repeal", "абзац двадцать четвертый пункта 52", P(("point", "52"), ("alinea", "24")))),
    ("заголовок главы 2 изложить в следующей редакции: «Глава 2. Новое»;",
     expect("restate", "заголовок главы 2", P(("chapter", "2"), ("heading", None)), new_text="Глава 2. Новое")),
    ("строку, порядковый номер 12, изложить в следующей редакции: «12. Текст»;",
     expect("restate", "строку, порядковый номер 12", P(("row", "12")), new_text="12. Текст")),
    ("дополнить пунктом 3-1 следующего содержания: «3-1. Текст.»;",
     expect("insert", "", P(), ("point", "3-1"), "3-1. Текст.")),
    ("главу 2 дополнить параграфом 4-1 следующего содержания: «Параграф 4-1. Психолог»;",
     expect("insert", "главу 2", P(("chapter", "2")), ("section", "4-1"), "Параграф 4-1. Психолог")),
    ("пункт 9 Правил, утвержденных указанным приказом, изложить в следующей редакции: «9. Новый.»",
     expect("restate", "пункт 9 Правил, утвержденных указанным приказом", P(("annex", None), ("point", "9")), new_text="9. Новый.")),
    ("приложение 1 к указанному приказу изложить в редакции согласно приложению к настоящему приказу.",
     expect("restate", "приложение 1 к указанному приказу", P(("annex", "1")), new_text_ref="согласно приложению к настоящему приказу")),
    ("в пункте 7 слова «в течение пяти рабочих дней» заменить словами «в течение трех рабочих дней»;",
     expect("replace_words", "пункте 7", P(("point", "7")), old_words="в течение пяти рабочих дней", new_words="в течение трех рабочих дней")),
    ("в абзаце втором подпункта 1) пункта 4 слова \"Министерство\" заменить словами \"уполномоченный орган\";",
     expect("replace_words", "абзаце втором подпункта 1) пункта 4", P(("point", "4"), ("subpoint", "1"), ("alinea", "2")), old_words="Министерство", new_words="уполномоченный орган")),
    ("пункт 2 после слов \"настоящего приказа\" дополнить словами \", а также его копии\";",
     expect("insert", "пункт 2", P(("point", "2")), new_text=", а также его копии", after_words="настоящего приказа")),
    ("в пункте 2 слова \"и его копии\" исключить;",
     expect("repeal", "пункте 2", P(("point", "2")), old_words="и его копии")),
    ("пункт 5 признать утратившим силу;", expect("repeal", "пункт 5", P(("point", "5")))),
]

KK_CASES = [
    # the real ones
    ("3-бап мынадай мазмұндағы жетінші абзацпен толықтырылсын: \"6 шілде - Астана күні;\".",
     expect("insert", "3-бап", P(("article", "3")), ("alinea", "7"), "6 шілде - Астана күні;")),
    ("7 \"Ескерту\" деген баған мынадай редакцияда жазылсын: \"Мәтін.\".",
     expect("restate", "7 \"Ескерту\" деген баған", P(("column", "7")), new_text="Мәтін.")),
    # typical forms
    ("5-тармақ алып тасталсын;", expect("repeal", "5-тармақ", P(("point", "5")))),
    ("5-тармақтың тоғызыншы абзацы алып тасталсын;", expect("repeal", "5-тармақтың тоғызыншы абзацы", P(("point", "5"), ("alinea", "9")))),
    ("3-баптың 1-тармағының 2) тармақшасы мынадай редакцияда жазылсын: «2) жаңа мәтін;»;",
     expect("restate", "3-баптың 1-тармағының 2) тармақшасы", P(("article", "3"), ("point", "1"), ("subpoint", "2")), new_text="2) жаңа мәтін;")),
    ("мынадай мазмұндағы 3-1-тармақпен толықтырылсын: «3-1. Мәтін.»;",
     expect("insert", "", P(), ("point", "3-1"), "3-1. Мәтін.")),
    ("1-тарау мынадай мазмұндағы 4-1-параграфпен толықтырылсын: «4-1-параграф. Психолог»;",
     expect("insert", "1-тарау", P(("chapter", "1")), ("section", "4-1"), "4-1-параграф. Психолог")),
    ("7-тармақтағы «бес жұмыс күні» деген сөздер «үш жұмыс күні» деген сөздермен ауыстырылсын;",
     expect("replace_words", "7-тармақтағы", P(("point", "7")), old_words="бес жұмыс күні", new_words="үш жұмыс күні")),
    ("2-тармақтағы «және оның көшірмесін» деген сөздер алып тасталсын;",
     expect("repeal", "2-тармақтағы", P(("point", "2")), old_words="және оның көшірмесін")),
    ("2-тармақтағы «бұйрықтың» деген сөзден кейін «және оның көшірмесінің» деген сөздермен толықтырылсын;",
     expect("insert", "2-тармақтағы", P(("point", "2")), new_text="және оның көшірмесінің", after_words="бұйрықтың")),
    ("1-қосымша осы бұйрыққа қосымшаға сәйкес жаңа редакцияда жазылсын;",
     expect("restate", "1-қосымша", P(("annex", "1")), new_text_ref="осы бұйрыққа қосымшаға сәйкес")),
]


@pytest.mark.parametrize("text, expected", RU_CASES)
def test_ru_sentence(text, expected):
    out, diags = read_one(text, "ru")
    assert [summary(x) for x in out] == [expected]
    assert diags == []


@pytest.mark.parametrize("text, expected", KK_CASES)
def test_kk_sentence(text, expected):
    out, diags = read_one(text, "kk")
    assert [summary(x) for x in out] == [expected]
    assert diags == []


def test_several_replacements_in_one_sentence():
    out, _ = read_one('в пункте 7 слова "О праздниках" заменить словами "О праздниках в Республике Казахстан", '
                      'слова "2001" заменить цифрами "2002";', "ru")
    assert [(x.verb, x.old_words, x.new_words) for x in out] == [
        ("replace_words", "О праздниках", "О праздниках в Республике Казахстан"),
        ("replace_words", "2001", "2002"),
    ]


@pytest.mark.parametrize(
    "text, lang, paths",
    [
        ("абзацы второй и третий пункта 4 исключить;", "ru", [[("point", "4"), ("alinea", "2")], [("point", "4"), ("alinea", "3")]]),
        ("пункты 3, 4 и 5 исключить;", "ru", [[("point", "3")], [("point", "4")], [("point", "5")]]),
        ("5, 6-тармақтар алып тасталсын;", "kk", [[("point", "5")], [("point", "6")]]),
    ],
)
def test_plural_target_gives_one_record_per_unit(text, lang, paths):
    out, diags = read_one(text, lang)
    assert [[(s.kind, s.num) for s in x.path] for x in out] == paths
    assert {x.verb for x in out} == {"repeal"} and diags == []


# --- act references --------------------------------------------------------------------------

ACT_CASES = [
    ("ru", 'Закон Республики Казахстан от 13 декабря 2001 года "О праздниках в Республике Казахстан" (Ведомости Парламента Республики Казахстан, 2001 г., N 23, ст. 316)',
     ("law", "2001-12-13", None, "О праздниках в Республике Казахстан", "Республики Казахстан", None)),
    ("ru", 'приказ Министра финансов Республики Казахстан от 27 января 2016 года № 30 "Об утверждении перечня" (зарегистрирован в Реестре государственной регистрации нормативных правовых актов под № 13301, опубликован в информационно-правовой системе "Әділет" 16 марта 2016 года)',
     ("order", "2016-01-27", "30", "Об утверждении перечня", "Министра финансов Республики Казахстан", "13301")),
    ("ru", "приказ Министра труда и социальной защиты населения РК от 15.08.2024 № 316",
     ("order", "2024-08-15", "316", None, "Министра труда и социальной защиты населения РК", None)),
    ("ru", 'постановление Правительства Республики Казахстан от 1 июля 2020 года № 400 "О мерах"',
     ("resolution", "2020-07-01", "400", "О мерах", "Правительства Республики Казахстан", None)),
    ("ru", "Закон Республики Казахстан от 25 июня 2008 года N 47-IV", ("law", "2008-06-25", "47-IV", None, "Республики Казахстан", None)),
    ("kk", '"Қазақстан Республикасындағы мерекелер туралы" 2001 жылғы 13 желтоқсандағы Қазақстан Республикасының Заңына (Қазақстан Республикасы Парламентінің Жаршысы, 2001 ж., N 23, 316-құжат)',
     ("law", "2001-12-13", None, "Қазақстан Республикасындағы мерекелер туралы", "Қазақстан Республикасының", None)),
    ("kk", '"Тізбесін бекіту туралы" Қазақстан Республикасы Қаржы министрінің 2016 жылғы 27 қаңтардағы № 30 бұйрығына (Нормативтік құқықтық актілерді мемлекеттік тіркеу тізілімінде № 13301 болып тіркелген, "Әділет" ақпараттық-құқықтық жүйесінде 2016 жылғы 16 наурызда жарияланған)',
     ("order", "2016-01-27", "30", "Тізбесін бекіту туралы", "Қазақстан Республикасы Қаржы министрінің", "13301")),
]


@pytest.mark.parametrize("lang, text, expected", ACT_CASES)
def test_parse_act_ref(lang, text, expected):
    a = parse_act_ref(text, lang)
    assert (a.type, a.date, a.number, a.title, a.issuer, a.registration) == expected
    assert a.text == text


@pytest.mark.parametrize("text, lang", [("указанным приказом", "ru"), ("Перечне специфик", "ru"), ("көрсетілген бұйрықпен", "kk")])
def test_parse_act_ref_needs_a_date_or_number(text, lang):
    assert parse_act_ref(text, lang) is None


# --- paths -----------------------------------------------------------------------------------

PATH_CASES = [
    ("ru", "абзац седьмой пункта 3 статьи 5", [("article", "5"), ("point", "3"), ("alinea", "7")]),
    ("ru", "седьмой абзац пункта 3", [("point", "3"), ("alinea", "7")]),
    ("ru", "подпункт 9) пункта 12-1", [("point", "12-1"), ("subpoint", "9")]),
    ("ru", "параграф 4-1 главы 2", [("chapter", "2"), ("section", "4-1")]),
    ("ru", "преамбулу", [("preamble", None)]),
    ("ru", 'категории 1 "Текущие затраты"', [("category", "1")]),
    ("ru", 'подклассе 150 "Приобретение услуг и работ"', [("subclass", "150")]),
    ("kk", "3-бап", [("article", "3")]),
    ("kk", "3-баптың 1-тармағының 2) тармақшасы", [("article", "3"), ("point", "1"), ("subpoint", "2")]),
    ("kk", "5-тармақтың тоғызыншы азат жолы", [("point", "5"), ("alinea", "9")]),
    ("kk", '150 "Қызметтер мен жұмыстарды сатып алу" деген кіші сыныбында', [("subclass", "150")]),
    ("kk", '7 "Ескерту" деген баған', [("column", "7")]),
    ("kk", "2-тараудың 4-1-параграфы", [("chapter", "2"), ("section", "4-1")]),
]


@pytest.mark.parametrize("lang, text, expected", PATH_CASES)
def test_parse_path(lang, text, expected):
    assert [(s.kind, s.num) for s in parse_path(text, lang)] == expected


def test_path_keeps_quoted_names_and_words():
    (step,) = parse_path('графу 7 "Примечание"', "ru")
    assert step == Step("column", "7", "Примечание", 'графу 7 "Примечание"')
    (step,) = parse_path("абзацем седьмым", "ru")
    assert step == Step("alinea", "7", None, "абзацем седьмым")
    assert parse_paths("пункт 3", "ru") == [(Step("point", "3", None, "пункт 3"),)]


# --- the real amending law (25.06.2008 № 47-IV), end to end ----------------------------------

LAW_UNITS = {  # (eid, source line) of each non-empty line of the act's body, as the structure pass gives
    "ru": [("art_1", 3), ("art_1__al_2", 5), ("art_1__al_3", 7), ("art_2", 9)],
    "kk": [("art_1", 3), ("art_1__al_2", 5), ("art_1__al_3", 7), ("art_2", 9)],
}


def law_units(lang: str) -> list[tuple[str, str, int]]:
    lines = (DATA / f"law-holidays-amendment-2008-47-IV.{lang}.txt").read_text(encoding="utf-8").split("\n")
    return [(eid, lines[no - 1], no) for eid, no in LAW_UNITS[lang]]


def test_law_units_are_the_real_lines():
    ru = law_units("ru")
    assert ru[0][1].startswith("Статья 1 . Внести в Закон") and ru[2][1] == '"День Столицы - 6 июля;".'
    kk = law_units("kk")
    assert kk[1][1] == "3-бап мынадай мазмұндағы жетінші абзацпен толықтырылсын:"


@pytest.mark.parametrize(
    "lang, title, new_text",
    [
        ("ru", "О праздниках в Республике Казахстан", "День Столицы - 6 июля;"),
        ("kk", "Қазақстан Республикасындағы мерекелер туралы", "6 шілде - Астана күні;"),
    ],
)
def test_amending_law_end_to_end(lang, title, new_text):
    file = f"law-holidays-amendment-2008-47-IV.{lang}.txt"
    out, diags = read_instructions(law_units(lang), file, lang)
    assert diags == []
    assert [x.verb for x in out] == ["amend", "insert"]
    umbrella, insert = out
    assert umbrella.span.eid == "art_1" and umbrella.span.line == 3 and umbrella.path == ()
    act = insert.act
    assert act is umbrella.act
    assert (act.type, act.date, act.number, act.title, act.registration) == ("law", "2001-12-13", None, title, None)
    assert [(s.kind, s.num) for s in insert.path] == [("article", "3")]
    assert (insert.new_unit.kind, insert.new_unit.num) == ("alinea", "7")
    assert insert.new_text == new_text
    assert insert.span.file == file
    assert (insert.span.eid, insert.span.line, insert.span.end) == ("art_1__al_2", 5, 7)
    assert insert.span.eids == ("art_1__al_2", "art_1__al_3")
    assert insert.context == ("art_1",)


# --- the real amending order (26.12.2016 № 688, adilet page), end to end ---------------------

PAGE_UNITS = {  # (eid, source line) of the act's paragraphs on the page
    "ru": [
        ("body__point_1", 375), ("body__point_1__al_2", 378), ("body__point_1__al_3", 381),
        ("body__point_1__al_4", 384), ("body__point_1__al_5", 387), ("body__point_1__al_6", 390),
        ("body__point_1__al_7", 393), ("body__point_1__al_8", 396), ("body__point_1__al_9", 399),
        ("body__point_1__al_10", 402), ("body__point_2", 405), ("body__point_2__subpoint_1", 408),
        ("body__point_2__subpoint_2", 411), ("body__point_2__subpoint_3", 414),
        ("body__point_2__subpoint_4", 417), ("body__point_3", 420),
    ],
    "kk": [
        ("body__point_1", 377), ("body__point_1__al_2", 380), ("body__point_1__al_3", 383),
        ("body__point_1__al_4", 386), ("body__point_1__al_5", 389), ("body__point_1__al_6", 392),
        ("body__point_1__al_7", 395), ("body__point_1__al_8", 398), ("body__point_1__al_9", 401),
        ("body__point_1__al_10", 404), ("body__point_2", 407), ("body__point_2__subpoint_1", 410),
        ("body__point_2__subpoint_2", 413), ("body__point_2__subpoint_3", 416),
        ("body__point_2__subpoint_4", 419), ("body__point_3", 422),
    ],
}


def page_units(lang: str) -> list[tuple[str, str, int]]:
    raw = (DATA / f"adilet-page-V1600014606.{lang}.html").read_bytes().decode("utf-8").split("\r\n")
    units = []
    for eid, no in PAGE_UNITS[lang]:
        text = html.unescape(re.sub(r"<[^>]+>", "", raw[no - 1])).replace("\u00a0", " ").strip()
        units.append((eid, text, no))
    return units


PAGE_EXPECTED = {
    "ru": {
        "path": [("annex", None), ("category", "1"), ("class", "01"), ("subclass", "150"), ("specific", "159"), ("column", "7")],
        "names": [None, "Текущие затраты", "Затраты на товары и услуги", "Приобретение услуг и работ", "Оплата прочих услуг и работ", "Примечание"],
        "target": 'графу 7 "Примечание"',
        "start": "Кроме гражданско-правовых сделок на поставку товаров (работ и услуг):",
        "end": "осуществляется на основании счета к оплате без приложения подтверждающих документов.",
        "lines": (393, 402),
        "title": "Об утверждении перечня специфик экономической классификации расходов, в том числе видов расходов, по которым регистрация заключенных гражданско-правовых сделок является обязательной",
    },
    "kk": {
        "path": [("annex", None), ("category", "1"), ("class", "01"), ("subclass", "150"), ("specific", "159"), ("column", "7")],
        "names": [None, "Ағымдағы шығындар", "Тауарлар мен қызметтерге шығатын шығыстар", "Қызметтер мен жұмыстарды сатып алу", "Өзге де қызметтер мен жұмыстарға ақы төлеу", "Ескерту"],
        "target": '7 "Ескерту" деген баған',
        "start": "Тауарларды (жұмыстар мен көрсетілетін қызметтерді) жеткізуге арналған",
        "end": "төлеуге берілетін шоттың негізінде жүзеге асырылады.",
        "lines": (395, 404),
        "title": "Шығыстардың экономикалық сыныптамасы ерекшеліктерінің, оның ішінде жасалған азаматтық-құқықтық мәмілелерді тіркеу міндетті болып табылатын шығыстар түрлерінің тізбесін бекіту туралы",
    },
}


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_amending_order_page_end_to_end(lang):
    exp = PAGE_EXPECTED[lang]
    out, diags = read_instructions(page_units(lang), f"adilet-page-V1600014606.{lang}.html", lang)
    assert diags == []
    assert [x.verb for x in out] == ["amend", "restate"]
    umbrella, restate = out
    act = restate.act
    assert (act.type, act.date, act.number, act.registration, act.title) == ("order", "2016-01-27", "30", "13301", exp["title"])
    assert restate.target == exp["target"]
    assert [(s.kind, s.num) for s in restate.path] == exp["path"]
    assert [s.name for s in restate.path][1:] == exp["names"][1:]
    assert restate.path[0].name  # the annex named by its title ("Перечне …" / "… тізбесінде")
    assert restate.new_text.startswith(exp["start"]) and restate.new_text.endswith(exp["end"])
    assert restate.new_text.count("\n") == 2  # three paragraphs, kept exactly
    # the text is kept exactly: the three source paragraphs without the outer quotes
    paras = [t for eid, t, _ in page_units(lang) if eid in ("body__point_1__al_8", "body__point_1__al_9", "body__point_1__al_10")]
    assert restate.new_text == "\n".join(paras)[1:-2]
    assert (restate.span.line, restate.span.end) == exp["lines"]
    assert restate.span.eids[0] == "body__point_1__al_7" and len(restate.span.eids) == 4
    assert restate.context == ("body__point_1",) + tuple(f"body__point_1__al_{k}" for k in range(2, 7))


# --- nesting ---------------------------------------------------------------------------------

NESTED = [
    ("body__point_1", "1. Внести в некоторые приказы Министра труда и социальной защиты населения Республики Казахстан следующие изменения:", 5),
    ("body__point_1__subpoint_1", "1) в приказе исполняющего обязанности Министра труда и социальной защиты населения Республики Казахстан от 25 октября 2017 года № 360 «Об утверждении Типовых квалификационных характеристик» (зарегистрирован в Реестре государственной регистрации нормативных правовых актов под № 16057):", 7),
    ("body__point_1__subpoint_1__al_2", "в Типовых квалификационных характеристиках, утвержденных указанным приказом:", 9),
    ("body__point_1__subpoint_1__al_3", "пункт 9 изложить в следующей редакции:", 11),
    ("body__point_1__subpoint_1__al_4", "«9. Новый текст", 13),
    ("body__point_1__subpoint_1__al_5", "второй абзац.»;", 15),
    ("body__point_1__subpoint_1__al_6", "в пункте 12:", 17),
    ("body__point_1__subpoint_1__al_7", "абзац девятый исключить;", 19),
    ("body__point_1__subpoint_1__al_8", "в главе 2:", 21),
    ("body__point_1__subpoint_1__al_9", "параграф 4 дополнить пунктом 20-1 следующего содержания:", 23),
    ("body__point_1__subpoint_1__al_10", "«20-1. Текст.»;", 25),
    ("body__point_1__subpoint_2", "2) в приказе Министра труда и социальной защиты населения Республики Казахстан от 30 апреля 2024 года № 125 «Об утверждении профессионального стандарта»:", 27),
    ("body__point_1__subpoint_2__al_2", "пункт 3 исключить.", 29),
    ("body__point_2", "2. Департаменту обеспечить:", 31),
    ("body__point_2__subpoint_1", "1) пункт 4 исключить;", 33),
]


def test_nesting_inherits_act_and_path_and_stops_at_scope():
    out, diags = read_instructions(NESTED, "nested.txt", "ru")
    assert diags == []
    got = [(x.verb, x.span.line, x.act.number if x.act and x.act.number else None,
            [(s.kind, s.num) for s in x.path], x.new_unit and (x.new_unit.kind, x.new_unit.num), x.new_text)
           for x in out]
    assert got == [
        ("amend", 5, None, [], None, None),
        ("restate", 11, "360", [("annex", None), ("point", "9")], None, "9. Новый текст\nвторой абзац."),
        ("repeal", 19, "360", [("annex", None), ("point", "12"), ("alinea", "9")], None, None),
        # "в главе 2:" replaces "в пункте 12:" (a higher level), keeps the annex
        ("insert", 23, "360", [("annex", None), ("chapter", "2"), ("section", "4")], ("point", "20-1"), "20-1. Текст."),
        # the next subpoint names another act; the annex context of subpoint 1 does not reach it
        ("repeal", 29, "125", [("point", "3")], None, None),
        # point 2 is outside the umbrella: no act
        ("repeal", 33, None, [("point", "4")], None, None),
    ]
    assert out[1].act.registration == "16057"
    assert out[1].path[0].name == "Типовых квалификационных характеристиках"


def test_umbrella_with_an_instruction_on_the_same_line():
    out, _ = read_one('Внести в приказ Министра финансов Республики Казахстан от 27 января 2016 года № 30 "Об '
                      'утверждении перечня" следующее изменение: пункт 3 исключить.', "ru", eid="body__point_1")
    assert [(x.verb, x.act.number, [(s.kind, s.num) for s in x.path]) for x in out] == [
        ("amend", "30", []), ("repeal", "30", [("point", "3")])]


def test_instruction_naming_its_act():
    (x,), _ = read_one("пункт 3 приказа Министра финансов Республики Казахстан от 27 января 2016 года № 30 исключить;", "ru")
    assert (x.act.number, x.act.date, [(s.kind, s.num) for s in x.path]) == ("30", "2016-01-27", [("point", "3")])
    (x,), _ = read_one("Қазақстан Республикасы Қаржы министрінің 2016 жылғы 27 қаңтардағы № 30 бұйрығының күші жойылды деп танылсын.", "kk")
    assert (x.verb, x.act.type, x.act.number, x.path) == ("repeal", "order", "30", ())


# --- diagnostics ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("пункт 3 изложить как-нибудь иначе;", "ru", "an amending instruction"),
        ("пункт 3 изложить в следующей редакции:", "ru", "the new text in quotes"),
        ("статью 3 дополнить абзацем седьмым следующего содержания: День Столицы", "ru", "the new text in quotes"),
        ("нечто непонятное исключить;", "ru", "a target of units"),
        ("5-тармақ бір нәрсе ауыстырылсын;", "kk", "an amending instruction"),
    ],
)
def test_diagnostics_name_the_line_and_what_was_expected(text, lang, expected):
    _, diags = read_one(text, lang, line=42)
    assert len(diags) == 1
    d = diags[0]
    assert (d.file, d.line, d.severity) == ("case.txt", 42, "warning")
    assert d.expected.startswith(expected)


def test_units_without_verbs_give_nothing():
    out, diags = read_instructions(
        [("body__point_3", "3. Настоящий приказ вводится в действие со дня его государственной регистрации.", 1),
         ("art_2", "2-бап. Осы Заң алғашқы ресми жарияланған күнінен бастап қолданысқа енгізіледі.", 2)],
        "x", "ru",
    )
    assert out == [] and diags == []


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("статью 3 дополнить абзацем седьмым следующего содержания:", "ru", True),
        ("Внести в приказ … следующие изменения:", "ru", True),
        ("Настоящий Закон вводится в действие со дня его первого официального опубликования.", "ru", False),
        ("7 \"Ескерту\" деген баған мынадай редакцияда жазылсын:", "kk", True),
        ("Осы Заң алғашқы ресми жарияланған күнінен бастап қолданысқа енгізіледі.", "kk", False),
    ],
)
def test_has_amending_verb(text, lang, expected):
    assert has_amending_verb(text, lang) is expected


def test_record_is_frozen_and_serialises():
    (x,), _ = read_one("пункт 5 исключить;", "ru")
    with pytest.raises(AttributeError):
        x.verb = "restate"  # type: ignore[misc]
    d = x.to_dict()
    assert d["span"] == {"file": "case.txt", "eid": "body__point_1__subpoint_1", "line": 10, "end": 10,
                         "eids": ["body__point_1__subpoint_1"]}
    assert d["path"] == [{"kind": "point", "num": "5", "name": None, "text": "пункт 5"}]


# --- resolution against the corpus -----------------------------------------------------------

LAW_267 = {
    "work": "/akn/kz/act/law/2001-12-13/267", "type": "law", "number": "267", "date": "2001-12-13",
    "title": {"ru": "О праздниках в Республике Казахстан", "kk": "Қазақстан Республикасындағы мерекелер туралы"},
}
ORDER_360 = {
    "work": "/akn/kz/act/order/2017-10-25/360", "type": "order", "number": "360", "date": "2017-10-25",
    "title": {"ru": "Об утверждении Типовых квалификационных характеристик"},
}
CORPUS = [ORDER_360, LAW_267]


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_resolve_the_real_law_amendment(lang):
    umbrella, insert = read_instructions(law_units(lang), "law.txt", lang)[0]
    assert resolve(insert, CORPUS) == Resolution(
        "resolved", "/akn/kz/act/law/2001-12-13/267", "art_3", "art_3__al_7", "date+type+title")
    assert resolve(umbrella, CORPUS) == Resolution(
        "resolved", "/akn/kz/act/law/2001-12-13/267", None, None, "date+type+title")


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_resolve_the_real_order_amendment_not_in_corpus(lang):
    _, restate = read_instructions(page_units(lang), "page.html", lang)[0]
    r = resolve(restate, CORPUS)
    assert r.status == "unresolved" and r.work is None
    assert r.reason.startswith("not in the corpus: order № 30 of 2016-01-27")


def test_resolve_the_real_order_amendment_when_in_corpus():
    _, restate = read_instructions(page_units("ru"), "page.html", "ru")[0]
    order_30 = {"work": "/akn/kz/act/order/2016-01-27/30", "type": "order", "number": "30", "date": "2016-01-27",
                "title": {"ru": "Об утверждении перечня"}}
    r = resolve(restate, [*CORPUS, order_30])
    assert (r.status, r.work, r.eid, r.method) == ("enclosing", "/akn/kz/act/order/2016-01-27/30", "annex", "number+date")
    assert "графу 7" in r.reason


@pytest.mark.parametrize(
    "ref, expected",
    [
        (ActTarget("Закон № 267", type="law", number="267"), ("/akn/kz/act/law/2001-12-13/267", "number+type")),
        (ActTarget("…", type="law", number="267", date="2001-12-13"), ("/akn/kz/act/law/2001-12-13/267", "number+date")),
        (ActTarget("…", type="law", date="2001-12-13"), ("/akn/kz/act/law/2001-12-13/267", "date+type")),
        (ActTarget("…", type="law", date="2001-12-13", title="«О праздниках в Республике Казахстан»"),
         ("/akn/kz/act/law/2001-12-13/267", "date+type+title")),
        (ActTarget("…", type="law", date="2001-12-13", title="О чем-то другом"), (None, None)),
        (ActTarget("…", type="order", number="267"), (None, None)),
        (ActTarget("указанный приказ"), (None, None)),
    ],
)
def test_find_act(ref, expected):
    work, method, reason = find_act(ref, CORPUS)
    assert (work, method) == expected
    assert (reason is None) == (work is not None)


def test_find_act_refuses_two_matches():
    twin = dict(LAW_267, work="/akn/kz/act/law/2001-12-13/268", number="268")
    work, _, reason = find_act(ActTarget("…", type="law", date="2001-12-13"), [LAW_267, twin])
    assert work is None and reason.startswith("2 acts of the corpus match by date+type")


def test_resolve_finds_annex_points_under_their_chapter_with_unit_ids():
    out, _ = read_instructions(NESTED, "nested.txt", "ru")
    restate, repeal, insert = out[1], out[2], out[3]
    units = {ORDER_360["work"]: ["annex", "chp_1", "chp_1__para_1", "chp_1__para_1__point_9",
                                 "chp_1__para_2__point_12", "chp_1__para_2__point_12__al_9",
                                 "chp_2", "chp_2__para_4", "body__point_9"]}
    assert resolve(restate, CORPUS).eid == "point_9"  # without unit ids: the id as written
    assert resolve(restate, CORPUS, units).eid == "chp_1__para_1__point_9"
    assert resolve(repeal, CORPUS, units).eid == "chp_1__para_2__point_12__al_9"
    r = resolve(insert, CORPUS, units)
    assert (r.status, r.eid, r.new_eid) == ("resolved", "chp_2__para_4", "chp_2__para_4__point_20-1")
    missing = resolve(out[2], CORPUS, {ORDER_360["work"]: ["annex"]})
    assert (missing.status, missing.reason) == ("act", "no unit point_12__al_9 in /akn/kz/act/order/2017-10-25/360")


def test_resolve_without_act():
    (x,), _ = read_one("пункт 5 исключить;", "ru")
    assert resolve(x, CORPUS) == Resolution("unresolved", reason="the instruction names no act, and no umbrella gives one")


@pytest.mark.parametrize(
    "path, act_type, expected",
    [
        ((Step("article", "3"),), "law", ("art_3", True, None)),
        ((Step("article", "3"), Step("part", "1")), "law", ("art_3__part_1", True, None)),
        ((Step("point", "3"),), "order", ("body__point_3", True, None)),
        ((Step("point", "3"), Step("alinea", "1")), "order", ("body__point_3", True, None)),
        ((Step("annex"), Step("chapter", "2"), Step("section", "4-1"), Step("point", "12"), Step("alinea", "3")), "order",
         ("chp_2__para_4-1__point_12__al_3", True, None)),
        ((Step("annex"),), "order", ("annex", True, None)),
        ((Step("point", "3"), Step("column", "7", text="графу 7")), "order", ("body__point_3", False, None)),
        ((), "order", (None, True, None)),
        ((Step("preamble"),), "order", ("preamble", True, None)),
        ((Step("annex", "2", text="приложение 2"),), "order", (None, False, "приложение 2: only one approved annex ('annex') has an id")),
    ],
)
def test_unit_eid(path, act_type, expected):
    assert unit_eid(path, act_type) == expected


def test_doctests():
    for module in (amending_module, kb_amending_module):
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted > 0
