"""Tables of positions: staffing norms of МВД order 86 and the register of civil-servant positions
of the Chancellery of the President (edition of 12.11.2020), ru and kk.

The sources are copied unchanged from the development corpus into tests/data/corpus_dev/;
expected values were read by eye from those files (line numbers are the files' own).
"""

from __future__ import annotations

import doctest
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import networkx as nx
import pytest

from kb import links as links_module
from kb.links import cross_links, match_row
from parser import position_tables
from parser.models import Line, Span, Unit
from parser.position_tables import (
    extract_position_tables,
    header_role,
    parse_clause,
    parse_norm,
    register_titles,
    split_rows,
)
from parser.tables import parse_fragment, table_lines

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "data" / "corpus_dev"  # the corpus-dev copies (checked in test_corpus_dev)
STAFFING = "staffing-mvd-2018-86-support-staff-norms"
REGISTER = "register-ap-2019-civil-servant-positions.ed2020-11-12"


def source_lines(path: Path) -> list[Line]:
    """Pass-1 lines as the cleaner would give them for what a test needs: every ``<table>`` …
    ``</table>`` block through parse_fragment/table_lines (real line numbers), and each ``## ``
    heading as a heading line."""
    raw = path.read_text(encoding="utf-8").split("\n")
    out: list[Line] = []
    k, table_no = 0, 0
    while k < len(raw):
        if raw[k].startswith("## "):
            out.append(Line(k + 1, raw[k][3:], marks=("heading",)))
        if raw[k].lstrip().startswith("<table"):
            j = k
            while "</table>" not in raw[j]:
                j += 1
            table_no += 1
            out.extend(table_lines(parse_fragment("\n".join(raw[k : j + 1])), k + 1, table_no))
            k = j
        k += 1
    return out


def extract(name: str, lang: str) -> tuple[list[dict[str, Any]], list]:
    file = f"tests/data/corpus_dev/{name}.{lang}.txt"
    return extract_position_tables(source_lines(DATA / f"{name}.{lang}.txt"), None, file, lang)


RESULTS = {(name, lang): extract(name, lang) for name in (STAFFING, REGISTER) for lang in ("ru", "kk")}


def rows_of(name: str, lang: str, row_kind: str | None = None) -> list[dict[str, Any]]:
    rows = RESULTS[(name, lang)][0]
    return [r for r in rows if row_kind is None or r["row_kind"] == row_kind]


def show(rows: list[dict[str, Any]]) -> str:
    """The rows, one a line (printed when a test fails)."""
    return "\n".join(f"{r['line']:>5} {r['eid']:<16} {r['row_kind']:<9} {r['category'] or '':<4} "
                     f"{(r['position'] or r['text'])[:70]}" for r in rows)


def test_doctests():
    assert doctest.testmod(position_tables).failed == 0
    assert doctest.testmod(links_module).failed == 0


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize("name", [STAFFING, REGISTER])
def test_no_diagnostics_on_the_real_tables(name, lang):
    assert RESULTS[(name, lang)][1] == []


# --- order 86: staffing norms -------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_order_86_has_41_positions_under_one_header(lang):
    rows = rows_of(STAFFING, lang)
    assert [r["row_kind"] for r in rows] == ["header"] + ["position"] * 41, show(rows)
    positions = rows_of(STAFFING, lang, "position")
    assert [r["num"] for r in positions] == list(range(1, 42))
    assert [r["eid"] for r in positions] == [f"table_1__row_{n}" for n in range(2, 43)]
    assert {r["kind"] for r in rows} == {"staffing_norm"}
    assert all(r["rule"]["units"] is not None for r in positions), show(positions)


def test_order_86_header_columns():
    header = rows_of(STAFFING, "ru", "header")[0]
    assert [(v["label"], v["role"]) for v in header["values"]] == [
        ("Перечень должностей", "position"), ("Нормативы нагрузки и численности", "norm")]
    header = rows_of(STAFFING, "kk", "header")[0]
    assert [(v["label"], v["role"]) for v in header["values"]] == [
        ("Лауазымдардың тізбесі", "position"), ("Жүктеме нормативтері мен саны", "norm")]


def test_order_86_sampled_row_part_by_part():
    # lines 83–88: <td>Уборщик служебных помещений</td> / <td> 1 единица на 250 квадратных метров
    # / убираемой площади </td>
    row = rows_of(STAFFING, "ru", "position")[8]
    assert row["eid"] == "table_1__row_10" and row["num"] == 9
    assert row["position"] == "Уборщик служебных помещений"
    assert row["line"] == 83
    assert row["span"] == {"file": f"tests/data/corpus_dev/{STAFFING}.ru.txt", "start": 83, "end": 86}
    assert row["title"].startswith("Нормативы нагрузки и численности работников")
    assert row["section"] == row["title"] and row["group"] is None
    assert row["values"] == [
        {"col": 0, "label": "Перечень должностей", "role": "position", "text": "Уборщик служебных помещений",
         "merged": False},
        {"col": 1, "label": "Нормативы нагрузки и численности", "role": "norm",
         "text": "1 единица на 250 квадратных метров\nубираемой площади", "merged": False},
    ]
    rule = row["rule"]
    assert rule["text"] == "1 единица на 250 квадратных метров убираемой площади"
    assert (rule["units"], rule["per"], rule["per_count"], rule["per_text"]) == (
        1.0, "area_m2", 250.0, "250 квадратных метров убираемой площади")
    assert row["bands"] is None and row["cells"] is None and row["category"] is None
    # the same row in kk (lines 79–80): same id, its own words
    kk = rows_of(STAFFING, "kk", "position")[8]
    assert (kk["eid"], kk["line"]) == ("table_1__row_10", 79)
    assert kk["position"] == "Қызметтік үй-жайлар тазалаушысы"
    assert (kk["rule"]["units"], kk["rule"]["per"], kk["rule"]["per_count"]) == (1.0, "area_m2", 250.0)
    assert kk["rule"]["per_text"] == "Жинайтын аумақтың 250 шаршы метріне"


# num, ru position, ru line, units, per, per_count, condition, number of clauses
NORMS = [
    (1, "Механик (по обслуживанию электромеханических систем и оборудования)", 48, 1.0, "institution",
     None, None, 1),
    (7, "Заведующий хозяйством", 72, 1.0, None, None,
     "наличии комплекса зданий и относящихся к ним строений и территорий", 1),
    (8, None, 79, 1.0, "head", None, None, 1),
    (20, "Лифтер", 136, 1.0, "post", 1.0, "самостоятельном пользовании лифтами", 1),
    (21, "Гардеробщик", 143, 1.0, "institution", None, None, 2),
    (22, None, 147, 1.57, "post", None, "8 часовом графике работы", 4),
    (25, "Механизатор, тракторист", 164, 0.5, "machine_hours", 612.0, None, 1),
    (26, None, 168, 2.0, "mileage_km", 1.0, None, 4),
    (28, "Мойщик-уборщик подвижного состава", 183, 0.035, "rolling_stock", 1.0, None, 1),
    (29, "Конюх", 187, 1.0, "animals", None, None, 1),
    (32, "Фельдшер, медсестра", 199, 0.5, "institution", None,
     "численности водительского состава до 50 человек", 2),
    (38, "Переплетчик", 229, 3.0, None, None, None, 1),
    (41, "Художественный редактор", 241, 1.0, None, None, None, 1),
]


@pytest.mark.parametrize(
    ("num", "position", "line", "units", "per", "per_count", "condition", "nclauses"), NORMS
)
def test_order_86_norms(num, position, line, units, per, per_count, condition, nclauses):
    row = rows_of(STAFFING, "ru", "position")[num - 1]
    assert row["num"] == num and row["line"] == line
    if position:
        assert row["position"] == position
    rule = row["rule"]
    got = (rule["units"], rule["per"], rule["per_count"], rule["condition"])
    assert got == (units, per, per_count, condition)
    assert len(rule["clauses"]) == nclauses


def test_order_86_clauses_of_a_cell_by_kinds():
    rule = rows_of(STAFFING, "ru", "position")[25]["rule"]  # lines 168–176: "По видам: …"
    assert rule["lead"] == "По видам"
    assert [(c["label"], c["units"], c["per"], c["per_count"]) for c in rule["clauses"]] == [
        ("автомобиль малого и среднего класса", 2.0, "mileage_km", 1.0),
        ("автобусы всех классов", 4.7, "mileage_km", 1.0),
        ("бортовой автомобиль", 2.7, "mileage_km", 1.0),
        ("трактора и минипогрузчики", 1.32, "machine_hours", 10.0),
    ]
    kk = rows_of(STAFFING, "kk", "position")[25]["rule"]
    assert kk["lead"] == "Түрлері бойынша"
    assert [(c["units"], c["per"]) for c in kk["clauses"]] == [
        (2.0, "mileage_km"), (4.7, "mileage_km"), (2.7, "mileage_km"), (1.32, "machine_hours")]
    assert rows_of(STAFFING, "ru", "position")[28]["rule"]["clauses"][0]["per_range"] == [5.0, 10.0]


def test_order_86_ru_and_kk_agree_on_units():
    ru, kk = rows_of(STAFFING, "ru", "position"), rows_of(STAFFING, "kk", "position")
    assert [r["eid"] for r in ru] == [r["eid"] for r in kk]
    assert [[c["units"] for c in r["rule"]["clauses"]] for r in ru] == [
        [c["units"] for c in r["rule"]["clauses"]] for r in kk]


def test_order_86_rows_fit_document_staffing():
    """What the KB/API read from Document.staffing (kb/build.py, api/routes/staffing.py,
    index/build.py, api/views.py) is there, with the types they expect."""
    staffing, registers = split_rows(rows_of(STAFFING, "ru"))
    assert len(staffing) == 41 and registers == []
    for row in staffing:
        assert isinstance(row["eid"], str) and isinstance(row["num"], int)
        assert isinstance(row["position"], str)
        assert isinstance(row["text"], str) and set(row["span"]) == {"file", "start", "end"}
        assert row["bands"] is None and {"text", "units", "per", "per_count"} <= set(row["rule"])
    json.dumps(staffing, ensure_ascii=False)


# --- the register ---------------------------------------------------------------------------------

GROUPS_RU = [
    (1, 42, "Блок А (управленческий персонал)"), (1, 63, "Блок B (основной персонал)"),
    (1, 100, "Блок С (административный персонал)"), (1, 113, "Блок D (вспомогательный персонал)"),
    (2, 140, "Блок А (управленческий персонал)"), (2, 165, "Блок B (основной персонал)"),
    (2, 189, "Блок B (прочие сферы)"), (2, 197, "Блок С (административный персонал)"),
    (3, 232, "Блок А (управленческий персонал)"), (3, 255, "Блок B (основной персонал)"),
    (3, 271, "Блок С (административный персонал)"),
]


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_register_46_rows_in_3_tables(lang):
    rows = rows_of(REGISTER, lang)
    assert len(rows) == 46, show(rows)
    assert [sum(r["table"] == t for r in rows) for t in (1, 2, 3)] == [20, 15, 11]
    kinds = [r["row_kind"] for r in rows]
    assert (kinds.count("header"), kinds.count("heading"), kinds.count("position")) == (3, 11, 32)
    assert {r["kind"] for r in rows} == {"register"}
    positions = rows_of(REGISTER, lang, "position")
    assert [sum(r["table"] == t for r in positions) for t in (1, 2, 3)] == [15, 10, 7]


def test_register_group_headings():
    headings = rows_of(REGISTER, "ru", "heading")
    assert [(r["table"], r["line"], r["group"]) for r in headings] == GROUPS_RU
    kk = rows_of(REGISTER, "kk", "heading")
    assert [r["group"] for r in kk][:4] == ["А блогы (басқарушы персонал)", "В блогы (негізгі персонал)",
                                            "С блогы (әкімшілік персонал)", "D блогы (қосалқы персонал)"]
    # every position sits under the heading above it
    for row in rows_of(REGISTER, "ru", "position"):
        heading = next(h for h in reversed(headings) if h["table"] == row["table"] and h["row"] < row["row"])
        got = (row["group"], row["group_eid"], row["section"])
        assert got == (heading["group"], heading["eid"], heading["group"])


# table, ru line, category code, step, ru position (start)
REGISTER_RU = [
    (1, 45, "A2", "1", "Руководитель хозяйственной службы"),
    (1, 50, "A2", "1-1", "Заместитель руководителя хозяйственной службы"),
    (1, 54, "A3", "1", "Руководитель группы"),
    (1, 59, "A3", "3", "Главный администратор по сетевому администрированию"),
    *[(1, line, "B2", str(k + 1), "Специалисты основного персонала высшего уровня") for k, line in
      enumerate((66, 71, 75, 79))],
    *[(1, line, "B3", str(k + 1), "Специалисты основного персонала среднего уровня") for k, line in
      enumerate((83, 88, 92, 96))],
    (1, 103, "C2", None, "Специалисты высшего уровня квалификации"),
    (1, 108, "C3", None, "Специалисты среднего уровня квалификации"),
    (1, 116, "D1", None, "Технические исполнители: дежурный бюро пропусков"),
    (2, 143, "A1", "1-1", "Заместитель руководителя"),
    (2, 148, "A2", "1", "Руководитель представительства, руководитель отдела: социально-экономических"),
    (2, 157, "A2", "1-1", "Заместитель руководителя отдела: информационно-аналитической работы;"),
    (2, 168, "B1", "1", "Главный научный сотрудник"),
    (2, 173, "B1", "2", "Ведущий научный сотрудник, главный эксперт"),
    (2, 177, "B1", "3", "Старший научный сотрудник, ведущий эксперт"),
    (2, 181, "B1", "4", "Научный сотрудник, старший эксперт, советник"),
    (2, 185, "B1", "5", "Эксперт"),
    (2, 192, "B2", "1", "Специалисты основного персонала высшего уровня квалификации высшей категории"),
    (2, 200, "C2", None, "Специалисты высшего уровня квалификации"),
    (3, 235, "A1", "1-1", "Заместитель руководителя"),
    (3, 240, "A2", "1", "Руководитель службы: аналитической;"),
    (3, 248, "A2", "1-1", "Заместитель руководителя службы: аналитической;"),
    (3, 258, "B1", "2", "Главный эксперт"),
    (3, 263, "B1", "3", "Ведущий эксперт"),
    (3, 267, "B1", "4", "Советник"),
    (3, 274, "C2", None, "Специалисты высшего уровня квалификации"),
]


def test_register_rows_categories_and_steps():
    rows = rows_of(REGISTER, "ru", "position")
    got = [(r["table"], r["line"], r["category_code"], r["step"]) for r in rows]
    assert got == [x[:4] for x in REGISTER_RU], show(rows)
    for row, want in zip(rows, REGISTER_RU, strict=True):
        assert row["position"].startswith(want[4]), (row["line"], row["position"])


def test_register_sampled_row_part_by_part():
    # lines 53–57: <td rowspan="2">А3</td> <td>1</td> <td>Руководитель группы</td>, then 58–61
    # the second А3 row (the category merged from above)
    file = f"tests/data/corpus_dev/{REGISTER}.ru.txt"
    rows = {r["eid"]: r for r in rows_of(REGISTER, "ru")}
    row = rows["table_1__row_5"]
    assert row["row_kind"] == "position" and row["num"] == 3
    assert (row["line"], row["span"]) == (54, {"file": file, "start": 54, "end": 56})
    got = (row["category"], row["category_code"], row["category_source"], row["step"])
    assert got == ("А3", "A3", "cell", "1")
    assert row["position"] == "Руководитель группы" and row["titles"] == ["Руководитель группы"]
    assert row["group"] == "Блок А (управленческий персонал)" and row["group_eid"] == "table_1__row_2"
    assert row["title"] == ("РЕЕСТР должностей гражданских служащих государственного учреждения "
                            "«Архив Президента Республики Казахстан»")
    assert [(v["label"], v["role"], v["text"], v["merged"]) for v in row["values"]] == [
        ("Звено", "category", "А3", False), ("Ступень", "step", "1", False),
        ("Наименование должностей", "position", "Руководитель группы", False)]
    assert row["rule"] is None
    nxt = rows["table_1__row_6"]
    assert (nxt["line"], nxt["span"]["end"], nxt["category"], nxt["category_source"], nxt["step"]) == (
        59, 60, "А3", "rowspan", "3")
    assert nxt["values"][0]["merged"] is True
    # kk leaves the cell empty where ru merges (lines 59–63): the category of the row above
    kk = {r["eid"]: r for r in rows_of(REGISTER, "kk")}["table_1__row_6"]
    assert (kk["line"], kk["category"], kk["category_source"], kk["step"]) == (61, "А3", "above", "3")
    assert kk["position"] == "Желілік басқару бойынша бас әкімгер"
    assert kk["values"][0] == {"col": 0, "label": "Буын", "role": "category", "text": "", "merged": False}


def test_register_titles_of_a_row():
    rows = {r["eid"]: r for r in rows_of(REGISTER, "ru")}
    assert rows["table_1__row_17"]["titles"] == [
        "инженер-электрик", "инженер-теплоэнергетик",
        "механик по обслуживанию холодильных машин и кондиционерных установок",
        "консультант по государственным закупкам", "юрисконсульт"]
    assert rows["table_2__row_4"]["titles"] == [
        "Руководитель представительства",
        "руководитель отдела социально-экономических исследований",
        "руководитель отдела социально-политических исследований",
        "руководитель отдела международных исследований",
        "руководитель отдела социологических исследований",
        "руководитель отдела информационно-аналитической работы",
        "руководитель отдела кадровой работы и документации",
        "руководитель отдела организационной работы",
        "Ученый секретарь", "главный бухгалтер"]
    assert rows["table_3__row_11"]["titles"][1] == "юрист"


@pytest.mark.parametrize("name", [STAFFING, REGISTER])
def test_ru_and_kk_rows_align_by_id(name):
    ru, kk = rows_of(name, "ru"), rows_of(name, "kk")
    assert len(ru) == len(kk)
    assert [(r["eid"], r["row_kind"], r["num"], r["table"]) for r in ru] == [
        (r["eid"], r["row_kind"], r["num"], r["table"]) for r in kk]
    assert [r["category_code"] for r in ru] == [r["category_code"] for r in kk]
    assert [r["step"] for r in ru] == [r["step"] for r in kk]
    assert [r["group_eid"] for r in ru] == [r["group_eid"] for r in kk]


def test_split_rows_register():
    staffing, registers = split_rows(rows_of(REGISTER, "kk"))
    assert staffing == [] and len(registers) == 46


# --- a constructed table: a two-row header with colspan, column numbers, total, note, a stray row


def test_multi_row_header_with_bands_total_note_and_a_stray_row():
    file = "tests/data/position_tables/constructed-bands.ru.txt"
    rows, diags = extract_position_tables(source_lines(ROOT.parent / file), None, file, "ru")
    assert [r["row_kind"] for r in rows] == ["header", "header", "header", "heading", "position", "position",
                                             "other", "total", "note"]
    director, accountant = rows[4], rows[5]
    group = "Численность штатных единиц при количестве обращений в день"
    assert [v["label"] for v in director["values"]] == [
        "№ п/п", "Наименование должности", f"{group} / до 50", f"{group} / 51-100", f"{group} / свыше 100"]
    got = (director["num"], director["position"], director["group"])
    assert got == (1, "Директор", "Административный персонал")
    assert accountant["cells"] == {"до 50": "0,5", "51-100": "1", "свыше 100": "-"}
    assert accountant["bands"] == {"до 50": 0.5, "51-100": 1.0, "свыше 100": 0.0}
    assert (accountant["line"], accountant["span"]["end"]) == (32, 36)
    assert [(d.line, d.severity) for d in diags] == [(41, "warning")]
    assert file in str(diags[0])


def test_row_ids_from_structure_units():
    lines = source_lines(DATA / f"{STAFFING}.ru.txt")
    cells = {ln.cell for ln in lines if ln.cell}
    units = [Unit(eid=f"att_1__table_1__cell_{c.row}_{c.col}", kind="cell", span=Span("f", 1, 1),
                  parent="att_1__table_1", cell=c) for c in cells]
    rows, _ = extract_position_tables(lines, units, "f", "ru")
    assert rows[1]["eid"] == "att_1__table_1__row_2"
    assert rows[1]["cell_eid"] == "att_1__table_1__cell_1_0"


# --- pieces -----------------------------------------------------------------------------------------

HEADERS = [
    ("Наименование должности", "position"), ("Лауазымның атауы", "position"),
    ("Перечень должностей", "position"),
    ("Категория", "category"), ("Санат", "category"), ("Звено", "category"), ("Буын", "category"),
    ("Ступень", "step"), ("Саты", "step"), ("Норматив", "norm"), ("Численность", "headcount"),
    ("Саны", "headcount"), ("Единица измерения", "unit"), ("Өлшем бірлігі", "unit"), ("№ п/п", "num"),
    ("Количество обращений в день", None), ("до 50", None),
]


@pytest.mark.parametrize(("label", "role"), HEADERS)
def test_header_roles(label, role):
    assert header_role(label) == role


CLAUSES = [
    ("ru", "1 единица на 5000 квадратных метров общей площади здания", 1.0, "area_m2", 5000.0),
    ("ru", "1 единица в смену на 1 пост при самостоятельном пользовании лифтами", 1.0, "post", 1.0),
    ("ru", "3 единицы", 3.0, None, None),
    ("ru", "текст без единиц", None, None, None),
    ("kk", "ІІМ орталық аппаратына 1 бірлік", 1.0, "institution", None),
    ("kk", "Жылжымалы құрамның 1 бірлігіне 0,035 бірл.", 0.035, "rolling_stock", 1.0),
    ("kk", "20 қызметтік итке 1 бірлік", 1.0, "animals", 20.0),
]


@pytest.mark.parametrize(("lang", "text", "units", "per", "per_count"), CLAUSES)
def test_parse_clause(lang, text, units, per, per_count):
    c = parse_clause(text, lang)
    assert (c["units"], c["per"], c["per_count"]) == (units, per, per_count)


def test_parse_norm_joins_a_wrapped_line_to_its_clause():
    n = parse_norm(["1 единица", "при наличии комплекса зданий"], "ru")
    assert len(n["clauses"]) == 1 and n["condition"] == "наличии комплекса зданий"
    n = parse_norm(["8 сағаттық жұмыс кестесі кезінде постқа 1,57 бірлік",
                    "12 сағаттық жұмыс кестесі кезінде постқа 2,35 бірлік"], "kk")
    assert [c["units"] for c in n["clauses"]] == [1.57, 2.35]


def test_register_titles_kk_keeps_head_and_item():
    assert register_titles("Қызмет басшысы: талдау; коммуникациялар.", "kk") == [
        "Қызмет басшысы: талдау", "Қызмет басшысы: коммуникациялар"]


# --- links to ТКХ positions -------------------------------------------------------------------------

SEED_TITLES = json.loads((ROOT / "golden" / "order-2025-10-24-580-nk.ru.json").read_text(encoding="utf-8"))


def test_register_row_links_to_a_seed_position_by_title():
    seed = [(p["id"], [p["title"]]) for p in SEED_TITLES["positions"]]
    row = {r["eid"]: r for r in rows_of(REGISTER, "ru")}["table_3__row_11"]  # "… юрист, …"
    assert match_row(row, seed) == [("chp_2__para_12", "title match", 0.8,
                                     "row names 'юрист', the position is titled 'юрист'")]
    assert all(match_row(r, seed) == [] for r in rows_of(STAFFING, "ru"))  # no order-86 name is a seed title


def test_matcher_on_a_constructed_pair():
    row = {"position": "Уборщик территорий (дворник)", "titles": []}
    assert [m[0] for m in match_row(row, [("p", ["Уборщик территорий"]), ("q", ["Уборщик"])])] == ["p"]
    assert match_row({"position": None, "titles": []}, [("p", ["Юрист"])]) == []


def test_cross_links_from_register_and_staffing_rows():
    """cross_links on a small graph: a ТКХ position (another act) and two rows that name it."""
    g = nx.MultiDiGraph()
    g.add_node("tkh", kind="work")
    g.add_node("reg", kind="work")
    g.add_node("reg/rus", kind="expression", work="reg")
    g.add_node("pos", kind="position", work="tkh", num="12", titles={"ru": "Юрист", "kk": "Заңгер"})
    reg_row = {r["eid"]: r for r in rows_of(REGISTER, "kk")}["table_3__row_11"]  # "… заңгер, …"
    staff_row = dict(rows_of(STAFFING, "ru", "position")[0], position="Юрист (консультант)")
    g.add_node("reg/rus~table_3__row_11", kind="unit", expression="reg/rus", register=reg_row)
    g.add_node("reg/rus~table_1__row_2", kind="unit", expression="reg/rus", staffing=staff_row)
    kb = SimpleNamespace(graph=g, acts={"tkh": {"number": "1", "title": {"ru": "ТКХ"}},
                                        "reg": {"number": "2", "title": {"ru": "Реестр"}}})
    got = sorted((lk["from"], lk["to"], lk["type"], lk["method"], lk["confidence"]) for lk in cross_links(kb))
    assert got == [("pos", "reg/rus~table_1__row_2", "staffed_by", "title match", 0.8),
                   ("pos", "reg/rus~table_3__row_11", "in_register", "title match", 0.8)]
