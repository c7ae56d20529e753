"""Profession cards in HTML tables: order 1069 (2019 layout), order 716 (2025), a synthetic 2015 table.

The inputs are the register copies in tests/data/corpus_dev/ (copied unchanged from the development
corpus); each ``<table>`` block is parsed by parser.tables as pass 1 would.  Expected values and
line numbers were read by eye from those files.
"""

from __future__ import annotations

import doctest
from pathlib import Path
from typing import Any

import pytest

from parser import cards_table
from parser.cards_table import extract_table_cards, match_heading, match_label
from parser.models import Line, Span, Unit
from parser.tables import parse_fragment, table_lines

DATA = Path(__file__).resolve().parent / "data" / "cards"  # the synthetic 2015 table
DEV = Path(__file__).resolve().parent / "data" / "corpus_dev"  # the corpus-dev copies (checked in test_corpus_dev)
F1069 = "ps-mvd-2019-1069-emergency-safety"
F716 = "ps-mvd-2025-716-private-security"


def doc_lines(path: Path) -> list[Line]:
    """Pass-1 lines of a register copy: every ``<table>`` block through parser.tables, other
    non-blank lines as they are."""
    src = path.read_text(encoding="utf-8").split("\n")
    out: list[Line] = []
    i, tno = 0, 0
    while i < len(src):
        if src[i].lstrip().startswith("<table"):
            j = i
            while "</table>" not in src[j]:
                j += 1
            tno += 1
            out += table_lines(parse_fragment("\n".join(src[i: j + 1])), i + 1, tno)
            i = j + 1
            continue
        if src[i].strip():
            out.append(Line(no=i + 1, text=src[i].strip(), end=i + 1))
        i += 1
    return out


def read(name: str, lang: str, units: list[Unit] | None = None):
    lines = doc_lines(DEV / f"{name}.{lang}.txt")
    return (*extract_table_cards(lines, units, f"{name}.{lang}.txt", lang), lines)


RESULTS = {(n, lang): read(n, lang) for n in (F1069, F716) for lang in ("ru", "kk")}


def show(card: dict[str, Any], lines: list[Line]) -> str:
    """The card's lines, numbered, with their role (printed when a test fails)."""
    text = {ln.no: ln.text for ln in lines}
    return "\n".join(f"{p['line']:>5} {p['role']:<40} {text.get(p['line'], '?')[:70]}" for p in card["placement"])


# --- figures per file ----------------------------------------------------------------------

# name, occupation code, ОРК level, functions, (listed ОРК level of point 8)
E1069 = {
    "ru": [
        ("Наладчик контрольно – измерительных приборов и автоматики", "7421-1-003", "3", 4, "3"),
        ("Пожарный", "5411-0-008", "4", 4, "3"),
        ("Пожарный – спасатель", "5411-0-008", "5", 5, "5"),
        ("Инспектор - пожарный", "3160-1-008", "5", 6, "5"),
        ("Инструктор по противопожарной профилактике", "3160-1-010", "6", 2, "5"),
    ],
    "kk": [
        ("Бақылау˗өлшеу аспаптары мен автоматиканы баптаушы", "7421-1-003", "3", 4, "3"),
        ("Өрт сөндіруші", "5411-0-008", "4", 4, "3"),
        ("Өрт сөндіруші құтқарушы", "5411-0-008", "5", 5, "5"),
        ("Өрт сөндіруші – нұсқаушы", "3160-1-008", "5", 6, "5"),
        ("Өрттің алдын алу нұсқаушысы", "3160-1-010", "6", 2, "5"),
    ],
}
# num, name, group code, occupation code, ОРК level, functions, skills per function
E716 = {
    "ru": [
        ("9", "Руководитель частной охранной организации", "1210-0-074", "-", "6", [3, 2, 1, 2, 1]),
        ("10", "Охранник, осуществляющий защиту жизни и здоровья физических лиц", "5414-1", "5414-1-001", "5",
         [2]),
        ("11", "Охранник по охране имущества, в т.ч. при его транспортировке", "5414-9", "5414-9-006", "4", [2]),
    ],
    "kk": [
        ("9", "Жеке күзет ұйымының басшысы", "1210-0-074", "-", "6", [3, 2, 1, 2, 1]),
        ("10", "Жеке тұлғалардың өмірі мен денсаулығын қорғауды жүзеге асыратын күзетші", "5414-1", "5414-1-001",
         "5", [2]),
        ("11", "Мүлікті, оның ішінде оны тасымалдау кезінде күзету жөніндегі күзетші", "5414-9", "5414-9-006", "4",
         [2]),
    ],
}


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_1069_cards(lang):
    cards, diags, lines = RESULTS[(F1069, lang)]
    assert len(cards) == 5
    got = [(c["name"], c["occupation_code"], c["okr_level"], len(c["functions"]), c["okr_level_listed"]["okr_level"])
           for c in cards]
    assert got == E1069[lang]
    assert sum(len(c["functions"]) for c in cards) == 21
    for c in cards:
        assert c["layout"] == "table-2019" and c["group_code"] is None
        assert c["okr_levels"] == [int(c["okr_level"])]
        for fn in c["functions"]:  # each function: one skill of its own with abilities and knowledge
            assert [sk.get("implicit") for sk in fn["skills"]] == [True], show(c, lines)
            assert fn["skills"][0]["abilities"] and fn["skills"][0]["knowledge"], show(c, lines)
            assert fn["listed"] is not None
    assert not [d for d in diags if d.severity == "error"]
    # point 8 gives other levels than the cards for two professions: reported, the card wins
    mism = [d for d in diags if "list of professions" in d.expected]
    assert [(d.line, d.found) for d in mism] == [
        (253 if lang == "ru" else 249, "level 4 in the card"), (722 if lang == "ru" else 719, "level 6 in the card")]


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_716_cards(lang):
    cards, diags, lines = RESULTS[(F716, lang)]
    assert len(cards) == 3
    got = [(c["num"], c["name"], c["group_code"], c["occupation_code"], c["okr_level"],
            [len(fn["skills"]) for fn in c["functions"]]) for c in cards]
    assert got == E716[lang]
    assert [len(c["functions"]) for c in cards] == [5, 1, 1]
    assert sum(len(fn["skills"]) for c in cards for fn in c["functions"]) == 13
    assert [c["okr_levels"] for c in cards] == [[6], [5], [4]]
    assert [c["okr_sublevel"] for c in cards] == [None, None, None]
    assert [c["okr_level_listed"]["okr_level"] for c in cards] == ["6", "5", "4"]
    for c in cards:
        assert c["layout"] == "table-2025"
        assert all(fn["mandatory"] is True for fn in c["functions"]), show(c, lines)
        for fn in c["functions"]:
            for sk in fn["skills"]:
                assert sk["abilities"] and sk["knowledge"] and sk["recognition"], show(c, lines)
                assert "implicit" not in sk
        assert [r["okr_levels"] for r in c["related"]] == [
            [lv] for lv in (6, 5, 4) if lv != int(c["okr_level"])]
    assert not [d for d in diags if d.severity == "error"]


def test_716_kk_irregular_card_11():
    """kk card 11: the level stands after "…төмен деңгейі" and a dash after the level's label
    (read as level 4, warning); the profession's name is card 10's (warning, kept as written)."""
    cards, diags, _ = RESULTS[(F716, "kk")]
    c = cards[2]
    assert (c["okr_level"], c["sources"]["okr_level"]) == ("4", {"eid": None, "line": 680, "swapped": True})
    assert c["profession"] == cards[1]["profession"]
    assert {d.line for d in diags if d.severity == "warning"} >= {676, 680}


@pytest.mark.parametrize("name", [F1069, F716])
def test_ru_kk_align_by_id(name):
    ru, kk = RESULTS[(name, "ru")][0], RESULTS[(name, "kk")][0]
    assert [c["id"] for c in ru] == [c["id"] for c in kk]
    assert [len(c["functions"]) for c in ru] == [len(c["functions"]) for c in kk]
    assert [[len(fn["skills"]) for fn in c["functions"]] for c in ru] == \
        [[len(fn["skills"]) for fn in c["functions"]] for c in kk]
    assert [c["occupation_code"] for c in ru] == [c["occupation_code"] for c in kk]
    assert [c["okr_level"] for c in ru] == [c["okr_level"] for c in kk]


@pytest.mark.parametrize("key", list(RESULTS), ids=lambda k: f"{k[0][:11]}.{k[1]}" if isinstance(k, tuple) else k)
def test_every_table_line_placed_once(key):
    cards, diags, lines = RESULTS[key]
    table = sorted(ln.no for ln in lines if ln.cell is not None)
    placed = sorted(p["line"] for c in cards for p in c["placement"])
    assert placed == table
    for c in cards:
        assert not c["unplaced"], show(c, lines)
        assert all(p["role"] != "unplaced" for p in c["placement"])


# --- one card, part by part ----------------------------------------------------------------


def items(sk: dict[str, Any], key: str) -> tuple[tuple[int, str], tuple[int, str]]:
    """(line, first 30 characters) of the first and the last item of ``sk[key]``."""
    xs = sk[key]
    return (xs[0]["line"], xs[0]["text"][:30]), (xs[-1]["line"], xs[-1]["text"][:30])


def first30(*pairs: tuple[int, str]) -> tuple[tuple[int, str], ...]:
    return tuple((line, text[:30]) for line, text in pairs)


def test_716_ru_card_10_part_by_part():
    c = RESULTS[(F716, "ru")][0][1]
    assert c["span"]["start"] == 478 and c["heading"]["line"] == 478
    assert c["sources"]["group_code"]["line"] == 484
    assert c["sources"]["okr_level"]["line"] == 496
    assert [(e["level"][:27], e["specialty"], e["qualification"]) for e in c["education"]] == [
        ("Свидетельство специализиров", "охранник", "-")]
    assert [x["text"] for x in c["purpose"]] == ["Обеспечение защиты жизни и здоровья физических лиц"]
    assert [x["text"] for x in c["personal_competences"]] == [
        "Аналитическое мышление;", "Стрессоустойчивость;", "Умение быстро принимать решения."]
    (fn,) = c["functions"]
    assert (fn["num"], fn["name"], fn["line"]) == (1, "Защита жизни и здоровья физических лиц.", 554)
    assert fn["listed"]["text"] == "Защита жизни и здоровья физических лиц" and fn["listed"]["line"] == 544
    s1, s2 = fn["skills"]
    assert (s1["num"], s1["name"], s1["line"]) == (1, "Обеспечение защиты жизни и здоровья физических лиц", 555)
    assert (len(s1["abilities"]), len(s1["knowledge"])) == (13, 6)
    assert items(s1, "abilities") == first30((560, "Обладать навыками основных приемов и спо"),
                                      (572, "Обладать навыками владения огнестрельны"))
    assert items(s1, "knowledge") == first30((580, "НПА, регламентирующие охранную деятельно"),
                                      (585, "Порядок внутреннего трудового распорядка"))
    assert (s2["num"], s2["line"]) == (2, 593)
    assert s2["name"] == "Обеспечение эвакуационных мероприятий при чрезвычайных ситуациях"
    assert items(s2, "abilities") == first30((598, "Проводить эвакуационные мероприятия при "),
                                      (603, "Взаимодействовать с правоохранительными "))
    assert items(s2, "knowledge") == first30((611, "Основы применения служебного оружия;"),
                                      (613, "Алгоритма первичного реагирования при уг"))
    assert [(r["okr_level"], r["profession"][:20], r["line"]) for r in c["related"]] == [
        ("6", "Руководитель частной", 645), ("4", "охранник, оказывающи", 649)]


def test_1069_ru_card_1_part_by_part():
    c = RESULTS[(F1069, "ru")][0][0]
    assert c["heading"] == {"text": "«Наладчик контрольно – измерительных приборов и автоматики»", "eid": None,
                            "line": 122}
    assert c["sources"]["occupation_code"]["line"] == 126
    assert c["etks_ks"]["text"] == "4 - 5"
    assert c["education"][0]["level"].startswith("Общее среднее при наличии")
    names = [(fn["num"], fn["line"], fn["name"][:40]) for fn in c["functions"]]
    assert names == [
        (1, 160, "Обеспечение сроков и качества работ по р"),
        (2, 180, "Проведение проверок СИЗОД, обеспечение п"),
        (3, 200, "Организация приемочных испытаний на каче"),
        (4, 216, "Организация тренировок работников против"),
    ]
    sk = [fn["skills"][0] for fn in c["functions"]]
    assert items(sk[0], "abilities") == first30((164, "Координирует работу контрольно - измери"),
                                         (166, "Проводит техническое освидетельствовани"))
    assert items(sk[0], "knowledge") == first30((172, "Нормативные документы, касающиеся деятел"),
                                         (174, "Технология наполнения воздушных и кисло"))
    assert items(sk[3], "abilities") == first30((220, "Готовит технические средства для провед"),
                                         (221, "Контролирует проведение занятий."))
    assert items(sk[3], "knowledge") == first30((227, "Методика проведения занятий с газодымоза"),
                                         (228, "Техника безопасности при работе в средст"))
    assert [x["text"] for x in c["personal_competences"]][0] == "Самоорганизация и дисциплина."
    assert c["related"] == []


def test_1069_related_by_direction_and_inferred_education():
    cards, diags, _ = RESULTS[(F1069, "ru")]
    c = cards[2]
    assert [(r["direction"], r["profession"], r["line"]) for r in c["related"]] == [
        ("lower", "Пожарный", 523), ("higher", "Инструктор по противопожарной профилактики", 527),
        ("higher", "Инспектор – пожарный", 528)]
    # the education row of card 3 has an empty label cell: read by its place, with a warning
    assert c["education"][0]["line"] == 395
    assert any(d.line == 395 and "empty label cell" in d.found for d in diags)


def test_1069_kk_wrapped_item_joined():
    c = RESULTS[(F1069, "kk")][0][1]
    first = c["functions"][1]["skills"][0]["abilities"][0]
    assert first["text"].endswith("ГТҚҚ мен жұмыстағы басқа пәндер бойынша білімді практикалық қолдану "
                                  "тәсілдерін пысықтайды.")
    assert [x["line"] for x in first["cont"]] == [305]


# --- units: eids and ids -------------------------------------------------------------------


def fake_units(lines: list[Line], points: dict[str, int]) -> list[Unit]:
    """A cell unit per table cell (under a table unit) and point units at given lines."""
    units = [Unit("att_1__table_1", "table", Span("f", 1, 1))]
    seen = set()
    for ln in lines:
        if ln.cell is not None and ln.cell not in seen:
            seen.add(ln.cell)
            units.append(Unit(f"att_1__table_1__cell_{ln.cell.row}_{ln.cell.col}", "cell", Span("f", ln.no, ln.no),
                              parent="att_1__table_1", cell=ln.cell))
    for num, line in points.items():
        units.append(Unit(f"chp_3__point_{num}", "point", Span("f", line, line), num=num, text="…"))
    return units


def test_units_give_eids_and_point_ids():
    lines = RESULTS[(F716, "ru")][2]
    units = fake_units(lines, {"8": 97, "9": 107, "10": 478, "11": 652})
    cards, _ = extract_table_cards(lines, units, "f", "ru")
    assert [c["id"] for c in cards] == ["chp_3__point_9", "chp_3__point_10", "chp_3__point_11"]
    s1 = cards[1]["functions"][0]["skills"][0]
    cell_of = {ln.no: f"att_1__table_1__cell_{ln.cell.row}_{ln.cell.col}" for ln in lines if ln.cell}
    assert (s1["line"], s1["eid"]) == (555, cell_of[555])
    assert s1["abilities"][0]["eid"] == s1["abilities"][-1]["eid"] == cell_of[560] == cell_of[572]
    assert cell_of[560] != cell_of[580]
    assert all(p["eid"] for c in cards for p in c["placement"])


def test_units_without_card_points():
    lines = RESULTS[(F1069, "kk")][2]
    cards, _ = extract_table_cards(lines, fake_units(lines, {"8": 96}), "f", "kk")
    assert [c["id"] for c in cards] == [f"att_1__table_1__card_{k}" for k in range(1, 6)]


# --- 2015: the synthetic table -------------------------------------------------------------


def test_2015_synthetic():
    lines = doc_lines(DATA / "ps-2015-synthetic.ru.txt")
    cards, diags = extract_table_cards(lines, None, "s.txt", "ru")
    assert [(c["layout"], c["name"], c["occupation_code"], c["okr_level"]) for c in cards] == [
        ("table-2015", "Пожарный", "5411-0-008", "4"), ("table-2015", "Пожарный – спасатель", "5411-0-009", None)]
    fn2 = cards[0]["functions"][1]
    assert fn2["skills"][0]["abilities"][0]["text"] == \
        "Проводит работу по чистке и смазке пожарно-технического вооружения."
    # the title row before the first card is kept, not lost
    assert [(x["line"], x["text"][:20]) for x in cards[0]["unplaced"]] == [(6, "Профессиональный ста")]
    errors = [(d.line, d.expected) for d in diags if d.severity == "error"]
    assert errors == [(51, "the label of 'okr_level' in card 2 (Пожарный – спасатель)")]
    assert any(d.line == 6 and d.severity == "warning" for d in diags)


# --- labels --------------------------------------------------------------------------------

LABEL_CASES = [
    ("Код профессии", "occupation_code", None, None),
    ("Кәсіп коды", "occupation_code", None, None),
    ("Сабақ атауының коды:", "occupation_code", None, None),
    ("Трудовая функция 3", "function", 3, None),
    ("Трудовая функция 5: Организация контроля", "function", 5, "Организация контроля"),
    ("4-еңбек функциясы:", "function", 4, None),
    ("1-дағды: Күзетшілерді іріктеу", "skill", 1, "Күзетшілерді іріктеу"),
    ("Умение и навыки:", "abilities", None, None),
    ("Машық және дағдылар:", "abilities", None, None),
    ("Машықтар:", "abilities", None, None),
    ("Знания", "knowledge", None, None),
    ("Білімі:", "knowledge", None, None),
    ("Білім:", "knowledge", None, None),
    ("Квалификация:-", "edu_qualification", None, "-"),
    ("Трудовые функции", "functions_list", None, None),
    ("\ufdd0СБШ бойынша біліктілік деңгейі:", "okr_level", None, None),
    ("Жеке құзыретке қойылатын талаптар құзыреттеріне:", "personal_competences", None, None),
    ("Уровень выше", "related_higher", None, None),
    ("Деңгейі төмен", "related_lower", None, None),
    ("Знания, полученные в процессе подготовки", None, None, None),
    ("Білім деңгейі: -", "edu_level", None, "-"),
]


@pytest.mark.parametrize("text,key,num,value", LABEL_CASES, ids=[c[0][:24] for c in LABEL_CASES])
def test_match_label(text, key, num, value):
    hit = match_label(text)
    if key is None:
        assert hit is None
        return
    assert hit is not None and hit[0] == key
    m = hit[1]
    assert (int(m.group("num")) if "num" in m.re.groupindex else None) == num
    assert ((m.group("value") or "").strip() or None) == value


HEADING_CASES = [
    ("10. Карточка профессии «Охранник»:", ("heading", "10", "Охранник")),
    ("Карточка профессии", ("heading", None, None)),
    ("11. «Мүлікті күзету жөніндегі күзетші» мамандығының карточкасы:", ("heading", "11", "Мүлікті күзету жөніндегі күзетші")),
    ("Кәсіп карточкасы «Өрт сөндіруші»", ("heading", None, "Өрт сөндіруші")),
    ("«Инспектор - пожарный»", ("name_row", None, "Инспектор - пожарный")),
    ("Описание трудовых функций", None),
]


@pytest.mark.parametrize("text,expected", HEADING_CASES, ids=[c[0][:24] for c in HEADING_CASES])
def test_match_heading(text, expected):
    assert match_heading(text) == expected


def test_doctests():
    assert doctest.testmod(cards_table).failed == 0
