"""Profession cards of the professional standard 004 (order 125 of 30.04.2024), Глава 3.

Expected values were read by eye from corpus/order-2024-04-30-125/ru.txt (lines 165–3945) and
from the list of cards in пункт 8 (lines 143–163).
"""

from __future__ import annotations

import doctest
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from parser import cards as cards_module
from parser.cards import card_eids, extract_cards, match_label, parse_okr_levels
from parser.clean import normalise
from parser.models import Span, Unit
from parser.structure import parse_structure

FILE = "corpus/order-2024-04-30-125/ru.txt"
SOURCE = Path(__file__).resolve().parent.parent / FILE
ST = parse_structure(normalise(SOURCE.read_text(encoding="utf-8"), "adilet_cards"), FILE)
UNITS = ST.units
CARDS, DIAGS = extract_cards(UNITS, FILE)
BY_NUM = {c["num"]: c for c in CARDS}

DIRECTOR = ("Директор центра оказания специальных социальных услуг (центра социального обслуживания "
            "(пожилых и лиц с инвалидностью), центра социальной адаптации для лиц, не имеющих определенного "
            "места жительства, центра социальной помощи семье и детям, социально - реабилитационного центра "
            "для несовершеннолетних, социального приюта для детей и подростков и др.)")
ASSISTANT = "Ассистент социального работника в организациях, предоставляющих специальные социальные услуги"
HEAD = "Начальник структурного подразделения (отдела, сектора, группы) организации социальной защиты"

# num, heading line, name, group code, occupation code, ОРК as written, levels, sublevel
EXPECTED = [
    ("9", 165, "Индивидуальный помощник", "5320-2", "5320-2-003", "1-2", [1, 2], None),
    ("10", 478, "Социальный помощник", "5320-9", "5320-9-006", "2-3", [2, 3], None),
    ("11", 762, "Специалист жестового языка", "2643-9", "2643-9-009", "2-3", [2, 3], None),
    ("12", 1025, ASSISTANT, "3412-0", "3412-0-011", "3-4", [3, 4], None),
    ("13", 1344, "Социальный работник", "3412-0", "3412-0-008", "4", [4], None),
    ("14", 1877, "Социальный работник кейс-менеджер", "3412-0", "3412-0-005", "5", [5], None),
    ("15", 2291, "Специалист по социальной работе (общий профиль)", "2635-3", "2635-3-001", "6", [6], None),
    ("16", 2785, HEAD, "1344-0", "1344-0-004", "7", [7], "7.1"),
    ("17", 3198, DIRECTOR, "1210-0", "1210-0-040", "7", [7], "7.2"),
    ("18", 3596, "Менеджер социальной работы", "2379-9", "2379-9-013", "8", [8], None),
]


def show(card: dict[str, Any]) -> str:
    """The card's lines, numbered, with what each was used for (printed when a test fails)."""
    text = {u.eid: u.text for u in UNITS}
    rows = (f"{p['line']:>5} {p['role']:<40} {text.get(p['eid'], '?')[:80]}" for p in card["placement"])
    return "\n".join(rows)


def card_alineas(num: str) -> list[Unit]:
    return [u for u in UNITS if u.kind == "alinea" and u.parent == f"chp_3__point_{num}"]


def walk_eids(obj: Any, skip: str = "placement") -> set[str]:
    """Every eid the card's data mentions, outside ``placement``."""
    found: set[str] = set()
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "eid" and isinstance(v, str):
                found.add(v)
            elif k != skip:
                found |= walk_eids(v, skip)
    elif isinstance(obj, list):
        for v in obj:
            found |= walk_eids(v, skip)
    return found


# --- the cards -------------------------------------------------------------------------------


def test_ten_cards_numbered_9_to_18():
    assert [c["num"] for c in CARDS] == [str(n) for n in range(9, 19)]
    assert [c["id"] for c in CARDS] == [f"chp_3__point_{n}" for n in range(9, 19)]


@pytest.mark.parametrize("num,line,name,group,occupation,okr,levels,sub", EXPECTED,
                         ids=[e[0] for e in EXPECTED])
def test_card_head(num, line, name, group, occupation, okr, levels, sub):
    c = BY_NUM[num]
    assert c["name"] == name
    assert c["profession"] == name, show(c)
    assert c["span"]["file"] == FILE and c["span"]["start"] == line
    assert (c["group_code"], c["occupation_code"]) == (group, occupation), show(c)
    assert occupation.startswith(group)
    assert (c["okr_level"], c["okr_levels"], c["okr_sublevel"]) == (okr, levels, sub), show(c)
    for key in ("occupation_code", "profession", "okr_level"):
        src = c["sources"][key]
        assert src["eid"].startswith(f"chp_3__point_{num}__al_") and src["line"] > line


def test_card_9_first_fields():
    c = BY_NUM["9"]
    assert c["sources"]["group_code"] == {"eid": "chp_3__point_9__al_3", "line": 169}
    assert c["sources"]["occupation_code"] == {"eid": "chp_3__point_9__al_5", "line": 174}
    assert c["sources"]["okr_level"] == {"eid": "chp_3__point_9__al_9", "line": 184}
    assert c["etks_ks"]["text"] == "Без категории" and c["etks_ks"]["order"] is None
    assert [(e["level"], e["specialty"], e["qualification"]) for e in c["education"]] == [
        ("начальное или общее среднее образование", "-", "-")]
    assert [x["text"] for x in c["experience"]] == ["практический опыт и/или краткосрочное обучение"]
    assert [(x["code"], x["name"]) for x in c["other_names"]] == [
        ("5320-2-003", "работник, оказывающий услуги по индивидуальному уходу")]
    assert c["purpose"][0]["line"] == 227
    assert [(r["okr_level"], r["okr_levels"], r["profession"]) for r in c["related"]] == [
        ("2-3", [2, 3], "Социальный помощник")]


def point8_levels() -> dict[int, str]:
    """пункт 8 of the standard: "N) <profession> – <level> уровень ОРК" (lines 145–163)."""
    out = {}
    for u in UNITS:
        if u.kind == "subpoint" and u.parent == "chp_2__point_8":
            m = re.search(r"[-–]\s*(\d(?:-\d)?)\s*уров", u.text)
            assert m, u.text
            out[int(u.num)] = m.group(1)
    return out


def test_okr_levels_agree_with_point_8():
    listed = point8_levels()
    assert len(listed) == 10, listed
    assert {int(c["num"]) - 8: c["okr_level"] for c in CARDS} == listed


# num, order number, date, Параграф, its title, categories
ETKS = [
    ("9", None, None, None, None, "Без категории"),
    ("12", None, None, None, None,
     "3 уровень без категории; 4 уровень - высшая, первая, вторая категории, без категории."),
    ("13", "360", "2017-10-25", "1", "Социальный работник",
     "высшая, первая, вторая категории, без категории"),
    ("14", "360", "2017-10-25", "3", "Специалист по социальной работе",
     "высшая, первая, вторая категории, без категории"),
    ("15", "360", "2017-10-25", "3", "Специалист по социальной работе",
     "Высшая, первая, вторая категории, без категории"),
    ("16", "360", "2017-10-25", None, HEAD, None),
    ("17", "360", "2017-10-25", "10", "Директор центра оказания специальных социальных услуг", None),
    ("18", "360", "2017-10-25", None, None, None),
]


@pytest.mark.parametrize("num,number,date,paragraph,title,categories", ETKS, ids=[e[0] for e in ETKS])
def test_etks_reference(num, number, date, paragraph, title, categories):
    ref = BY_NUM[num]["etks_ks"]
    assert ref["categories"] == categories
    if number is None:
        assert ref["order"] is None
        return
    order = ref["order"]
    assert (order["number"], order["date"], order["paragraph"], order["paragraph_title"]) == (
        number, date, paragraph, title)
    assert order["registration"] == "16057"


def test_card_13_cites_order_360_paragraph_1():
    ref = BY_NUM["13"]["etks_ks"]
    assert ref["order"] == {"date": "2017-10-25", "number": "360", "registration": "16057",
                            "paragraph": "1", "paragraph_title": "Социальный работник"}
    assert ref["text"].startswith("Приказ и.о. Министра труда и социальной защиты населения")
    assert ref["text"].endswith("за №16057). Параграф 1. Социальный работник")
    assert (ref["eid"], ref["line"]) == ("chp_3__point_13__al_12", 1374)
    assert [(x["kind"], x["line"]) for x in ref["lines"]] == [("order", 1374), ("paragraph", 1376),
                                                             ("category", 1378)]


# --- functions and skills (counted by eye) ---------------------------------------------------

# num -> [(function, mandatory, [(abilities, knowledge) per skill])]
FUNCTIONS = {
    "9": [(1, True, [(7, 3), (2, 3)]), (2, True, [(3, 2), (2, 2)]), (3, False, [(2, 2), (1, 3)])],
    "13": [(1, True, [(5, 9), (5, 5)]), (2, True, [(6, 5), (4, 5)]), (3, True, [(3, 5), (3, 17)])],
    # function 3 of card 14 is listed (line 2058) but has no "Трудовая функция 3:"
    "14": [(1, True, [(7, 9), (5, 4)]), (2, True, [(9, 4), (9, 9)]), (3, True, [])],
}


@pytest.mark.parametrize("num", sorted(FUNCTIONS))
def test_functions_and_skills(num):
    c = BY_NUM[num]
    got = [(f["num"], f["mandatory"], [(len(s["abilities"]), len(s["knowledge"])) for s in f["skills"]])
           for f in c["functions"]]
    assert got == FUNCTIONS[num], show(c)


def test_function_details_card_9():
    f1 = BY_NUM["9"]["functions"][0]
    assert f1["name"] == "организация сопровождения ЛСИ, имеющих затруднения в передвижении."
    assert (f1["eid"], f1["line"]) == ("chp_3__point_9__al_36", 250)
    assert f1["listed"]["text"] == "Организация сопровождения ЛСИ, имеющих затруднения в передвижении."
    assert f1["listed"]["line"] == 237
    s1 = f1["skills"][0]
    assert (s1["num"], s1["name"], s1["line"]) == (1, "осуществление базовых услуг в передвижении.", 254)
    assert s1["abilities"][6] == {"num": 7, "text": "Выстраивать коммуникации с ЛСИ.",
                                  "eid": "chp_3__point_9__al_46", "line": 273}
    assert [k["num"] for k in s1["knowledge"]] == [1, 2, 3]


def test_every_card_has_functions_with_skills():
    for c in CARDS:
        assert c["functions"], c["num"]
        assert all(f["name"] for f in c["functions"])
        detailed = [f for f in c["functions"] if f["skills"]]
        assert len(detailed) >= 2, show(c)


def test_wrapped_lines_are_joined_and_traced():
    f1 = BY_NUM["18"]["functions"][0]
    assert f1["name"] == ("разработка стратегий и программ социальной работы "
                          "на республиканском и местном уровнях.")
    assert [x["line"] for x in f1["cont"]] == [3693]
    quals = [e["qualification"] for e in BY_NUM["13"]["education"]]
    assert "учитель казахского языка и литературы; учитель русского языка и литературы." in quals
    k4 = BY_NUM["16"]["functions"][0]["skills"][1]["knowledge"][3]
    assert k4["text"].endswith("через разработку плана индивидуального сопровождения.")
    assert (k4["line"], k4["cont"][0]["line"]) == (2990, 2992)


def test_education_columns():
    assert [len(BY_NUM[n]["education"]) for n in map(str, range(9, 19))] == [1, 1, 1, 3, 9, 7, 4, 2, 2, 1]
    e = BY_NUM["12"]["education"][0]
    assert (e["level"], e["specialty"], e["qualification"]) == ("ТиПО", "социальная работа.",
                                                               "помощник социального работника.")
    assert [(x["field"], x["line"]) for x in e["lines"]] == [("level", 1064), ("specialty", 1066),
                                                            ("qualification", 1070)]


# --- every line used once --------------------------------------------------------------------


@pytest.mark.parametrize("num", [str(n) for n in range(9, 19)])
def test_nothing_unplaced_in_the_seed(num):
    assert BY_NUM[num]["unplaced"] == [], show(BY_NUM[num])


def test_every_alinea_used_exactly_once():
    alineas = [u.eid for n in range(9, 19) for u in card_alineas(str(n))]
    used = [eid for c in CARDS for eid in card_eids(c)]
    dupes = [eid for eid, k in Counter(used).items() if k > 1]
    assert not dupes
    assert Counter(used) == Counter(alineas)


@pytest.mark.parametrize("num", [str(n) for n in range(9, 19)])
def test_values_carry_their_units(num):
    c = BY_NUM[num]
    in_data = walk_eids(c)
    for p in c["placement"]:
        if not p["role"].startswith("label:"):
            assert p["eid"] in in_data, (p, show(c))
    known = {u.eid: u.span.start for u in UNITS}
    assert in_data <= set(known)  # no invented eids
    for p in c["placement"]:
        assert known[p["eid"]] == p["line"]


def test_cards_are_json_ready():
    assert json.loads(json.dumps(CARDS, ensure_ascii=False)) == CARDS


# --- irregularities of the seed, reported -----------------------------------------------------


def diag_at(line: int) -> list[str]:
    return [str(d) for d in DIAGS if d.line == line]


def test_seed_has_no_errors():
    assert [str(d) for d in DIAGS if d.severity == "error"] == []


def test_group_code_of_card_15_moved_from_card_14():
    assert BY_NUM["15"]["sources"]["group_code"] == {"eid": "chp_3__point_14__al_163", "line": 2284,
                                                     "moved_from": "chp_3__point_14"}
    assert BY_NUM["14"]["group_code"] == "3412-0"
    assert any("moved to card 15" in d for d in diag_at(2282))


def test_card_14_related_profession_without_labels():
    rel = BY_NUM["14"]["related"]
    assert [(r["okr_level"], r["profession"], r["line"]) for r in rel] == [
        (None, "Специалист по социальной работе (общий профиль)", 2279)]
    assert rel[0]["note"] and BY_NUM["14"]["regulations"] == []
    assert diag_at(2279)


def test_card_17_stray_quote():
    assert BY_NUM["17"]["name"] == DIRECTOR
    assert diag_at(3198)


@pytest.mark.parametrize("line,what", [
    (2491, "restarts"),       # card 15 repeats its knowledge list
    (2261, "skips numbers"),  # card 14: 7 → 9
    (3041, "skips numbers"),  # card 16: 3 → 6
    (3465, "skips numbers"),  # card 17: 3 → 6
    (2058, "only listed"),    # card 14, function 3
    (2165, "the name listed for function 2"),  # card 14: list and detail differ
    (3779, "the name listed for function 2"),  # card 18
])
def test_seed_warnings(line, what):
    assert any(what in d for d in diag_at(line)), [str(d) for d in DIAGS]


def test_related_rows():
    got = {c["num"]: [(r["okr_level"], r["profession"]) for r in c["related"]] for c in CARDS}
    assert got["10"] == [("3", "Ассистент социального работника")]
    assert got["13"] == [(None, "Социальный работник кейс-менеджер")]
    assert got["15"] == [("7", HEAD + ".")]
    assert got["18"] == []
    assert BY_NUM["16"]["related"][0]["code"] == "1210-0-040"


# --- hand-made cards -------------------------------------------------------------------------


def make_units(*cards: list[str], first_line: int = 10, file: str = "x.txt") -> list[Unit]:
    """Units as the structure pass makes them: one point per card, one alinea per line."""
    units, line = [], first_line
    for k, lines in enumerate(cards, start=9):
        eid = f"chp_3__point_{k}"
        units.append(Unit(eid, "point", Span(file, line, line), num=str(k), text=lines[0], parent="chp_3"))
        for j, text in enumerate(lines[1:], start=2):
            line += 2
            units.append(Unit(f"{eid}__al_{j}", "alinea", Span(file, line, line), num=str(j), text=text,
                              parent=eid))
        line += 2
    return units


GOOD = ['Карточка профессии "Тест"', "Код группы:", "1111-1", "Код наименования занятия:", "1111-1-001",
        "Наименование профессии:", "Тест", "Уровень квалификации по ОРК:", "3",
        "Трудовая функция 1:", "делать.", "Навык 1:", "уметь.", "Умения:", "1. Уметь.",
        "Знания:", "1. Знать."]


def test_hand_made_card_is_read():
    cards, diags = extract_cards(make_units(GOOD), "x.txt")
    assert diags == []
    c = cards[0]
    assert (c["name"], c["group_code"], c["okr_levels"]) == ("Тест", "1111-1", [3])
    assert c["functions"][0]["mandatory"] is None  # not in a list of functions
    assert c["functions"][0]["skills"][0]["knowledge"] == [
        {"num": 1, "text": "Знать.", "eid": "chp_3__point_9__al_17", "line": 42}]


def test_card_without_profession_label_gives_a_diagnostic():
    lines = [ln for ln in GOOD if ln not in ("Наименование профессии:", "Тест")]
    cards, diags = extract_cards(make_units(lines), "x.txt")
    errors = [d for d in diags if d.severity == "error"]
    assert len(errors) == 1, diags
    d = errors[0]
    assert (d.file, d.line) == ("x.txt", 10)
    assert "Наименование профессии" in d.expected and "lines 10–" in d.found
    assert cards[0]["profession"] is None


def test_label_without_value_gives_a_diagnostic():
    lines = [ln for ln in GOOD if ln != "3"]
    _, diags = extract_cards(make_units(lines), "x.txt")
    assert [(d.line, d.severity) for d in diags if "a value after" in d.expected] == [(24, "error")]


def test_value_before_any_label_is_unplaced_not_dropped():
    lines = GOOD[:1] + ["строка без метки"] + GOOD[1:]
    cards, diags = extract_cards(make_units(lines), "x.txt")
    assert cards[0]["unplaced"] == [{"text": "строка без метки", "eid": "chp_3__point_9__al_2", "line": 12}]
    assert [(d.line, d.severity, d.found) for d in diags] == [(12, "warning", "строка без метки")]


def test_skill_before_function_is_unplaced():
    lines = GOOD[:9] + ["Навык 1:", "уметь."] + GOOD[9:]
    cards, diags = extract_cards(make_units(lines), "x.txt")
    assert [x["text"] for x in cards[0]["unplaced"]] == ["Навык 1:", "уметь."]
    assert {d.line for d in diags} == {28, 30}
    assert sorted(card_eids(cards[0])) == sorted(u.eid for u in make_units(lines) if u.kind == "alinea")


def test_header_field_after_the_body_goes_to_the_next_card():
    second = [ln for ln in GOOD if ln not in ("Код группы:", "1111-1")]
    second[0] = 'Карточка профессии "Другой"'
    second[second.index("1111-1-001")] = "2222-2-002"
    first = GOOD + ["Код группы:", "2222-2"]
    cards, diags = extract_cards(make_units(first, second), "x.txt")
    assert [c["group_code"] for c in cards] == ["1111-1", "2222-2"]
    assert cards[1]["sources"]["group_code"]["moved_from"] == "chp_3__point_9"
    assert [d.severity for d in diags] == ["warning"]


def test_header_field_that_fits_no_card_is_unplaced():
    cards, diags = extract_cards(make_units(GOOD + ["Код группы:", "9999-9"]), "x.txt")
    assert [x["text"] for x in cards[0]["unplaced"]] == ["Код группы:", "9999-9"]
    assert len(diags) == 2


def test_bad_heading_and_bad_level():
    lines = ["Карточка профессии"] + [("восемь" if ln == "3" else ln) for ln in GOOD[1:]]
    cards, diags = extract_cards(make_units(lines), "x.txt")
    assert cards[0]["okr_levels"] == []
    assert any("ОРК level" in d.expected for d in diags)


# --- patterns ----------------------------------------------------------------------------------

LABEL_CASES = [
    ("Код группы:", "group_code", None),
    ("Код наименования занятия", "occupation_code", None),
    ("Наименование профессии", "profession", None),
    ("Подуровень квалификации по ОРК:", "okr_sublevel", None),
    ("Уровень квалификации по ОРК", "okr_level", None),
    ("Уровень квалификации по ЕТКС, КС и др. типовых квалификационных характеристик:", "etks_ks", None),
    ("Уровень квалификации по ЕТКС, КС и др типовых квалификационных характеристик:", "etks_ks", None),
    ("Уровень профессионального образования:", "education", None),
    ("Уровень образования: начальное или общее среднее образование", "edu_level",
     "начальное или общее среднее образование"),
    ("Специальность: социальная работа.", "edu_specialty", "социальная работа."),
    ("Квалификация:", "edu_qualification", None),
    ("Трудовая функция 1.", "function", None),
    ("Трудовая функция 3:", "function", None),
    ("Навык 2:", "skill", None),
    ("Знания", "knowledge", None),
    ("Умения:", "abilities", None),
    ("Возможность признания навыка:", "recognition", None),
    ("Список технических регламентов и национальных стандартов", "regulations", None),
    ("Связь с другими профессиями в рамках ОРК", "related", None),
    ("Уровень ОРК:", "related_level", None),
    ("умение анализировать ситуации и выявлять лицо (семью), нуждающееся в посторонней помощи.", None, None),
    ("4. Знание видов и подходов к проведению супервизионных сессий.", None, None),
    ("6. Навыков оказания первой помощи.", None, None),
    ("7.1", None, None),
    ("Социальный работник", None, None),
]


@pytest.mark.parametrize("text,key,value", LABEL_CASES)
def test_labels(text, key, value):
    hit = match_label(text)
    if key is None:
        assert hit is None
        return
    assert hit is not None and hit[0] == key
    assert hit[1].group("value") == value or (value is None and not hit[1].group("value"))


@pytest.mark.parametrize("text,levels", [
    ("1-2", [1, 2]), ("4", [4]), ("4-5", [4, 5]), ("4 – 5", [4, 5]), ("2-4", [2, 3, 4]),
    ("-", []), ("9", []), ("3-1", []), ("", []), (None, []),
])
def test_okr_levels(text, levels):
    assert parse_okr_levels(text) == levels


def test_doctests():
    assert doctest.testmod(cards_module).failed == 0
