"""The staffing table of 003: rows, bands, rules, sections, the note, and diagnostics."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

from parser import staffing
from parser.clean_pdf import pdf_lines
from parser.models import Document, Header, Line
from parser.staffing import attach_staffing, extract_staffing, parse_rule

SOURCE = Path(__file__).resolve().parent.parent / "corpus" / "order-2024-06-14-256-nk" / "ru.txt"
FILE = "corpus/order-2024-06-14-256-nk/ru.txt"
RAW = SOURCE.read_text(encoding="utf-8").split("\n")
LINES = pdf_lines("\n".join(RAW))
START = next(k for k, ln in enumerate(LINES) if ln.text.startswith("Приложение к Правилам"))
ANNEX = LINES[START:]
TABLE, DIAGS = extract_staffing(ANNEX, FILE)
ROWS = {row["num"]: row for row in TABLE["rows"]}

TITLE = "Минимальные штатные нормативы работников Центров поддержки семьи"
SECTION_2 = ("Штатные нормативы персонала по сопровождению лиц (семей), "
             "оказавшихся в трудной жизненной ситуации")
STAMP = "Приложение к Правилам осуществления деятельности Центров поддержки семьи"
NOTE = "При необходимости установленные должности могут взаимозаменяться в пределах фонда оплаты труда"


def bands(a, b, c):
    return {"до 50": a, "51-100": b, "свыше 100": c}


def rule(text, units, per, per_count=None):
    return {"text": text, "units": units, "per": per, "per_count": per_count}


# num, position, line(s), bands or rule — read by eye from the source (lines 367–414)
EXPECTED = [
    (1, "директор", (367, 367), None, rule("1 единица на учреждение", 1.0, "institution")),
    (2, "заместитель директора", (369, 369), bands(0.0, 1.0, 1.0), None),
    (3, "главный бухгалтер", (371, 371), bands(0.5, 1.0, 1.0), None),
    (4, "руководитель структурного подразделения", (373, 373), None,
     rule("2 единицы на учреждение", 2.0, "institution")),
    (5, "бухгалтер", (375, 375), bands(0.0, 0.0, 1.0), None),
    (6, "инспектор по кадрам", (377, 377), bands(0.5, 1.0, 1.0), None),
    (7, "менеджер по государственным закупкам", (379, 379), bands(0.5, 1.0, 1.0), None),
    (8, "социальный работник", (381, 381), bands(2.0, 2.0, 3.0), None),
    (9, "психолог", (383, 383), bands(2.0, 2.0, 3.0), None),
    (10, "юрист", (385, 385), None, rule("2 единица на учреждение", 2.0, "institution")),
    (11, "специалист по работе со средствами массовой информации и общественностью", (387, 387), None,
     rule("1 единица на учреждение", 1.0, "institution")),
    (12, "специалист по аналитике и мониторингу", (389, 389), bands(0.0, 1.0, 2.0), None),
    (13, "специалист по защите информации/информационных технологий", (391, 391), bands(0.0, 1.0, 1.0), None),
    (14, "специалист по профилактической работе с населением", (393, 393), bands(1.0, 2.0, 3.0), None),
    (15, "водитель", (395, 396), None, rule("1 единица на 1 транспортное средство", 1.0, "vehicle", 1.0)),
    (16, "сторож", (398, 398), None, rule("1 единицы на учреждение", 1.0, "institution")),
    (17, "уборщица", (400, 400), None, rule("согласно типовым нормативам", None, "standard_norms")),
    (18, "дворник", (402, 402), None, rule("согласно типовым нормативам", None, "standard_norms")),
    (19, "специалист по социальной работе", (408, 408), bands(1.5, 2.5, 3.5), None),
    (20, "социальный работник кейс-менеджер", (410, 414), bands(2.0, 3.0, 4.0), None),
]


def test_no_diagnostics_on_the_real_table():
    assert DIAGS == []
    assert TABLE["unread"] == []


def test_twenty_rows():
    assert [row["num"] for row in TABLE["rows"]] == list(range(1, 21))
    assert [row["eid"] for row in TABLE["rows"]] == [f"att_1__row_{n}" for n in range(1, 21)]


@pytest.mark.parametrize(("num", "position", "span", "band_values", "rule_value"), EXPECTED)
def test_row(num, position, span, band_values, rule_value):
    row = ROWS[num]
    assert row["position"] == position
    assert (row["span"]["file"], row["span"]["start"], row["span"]["end"]) == (FILE, *span)
    assert row["bands"] == band_values
    assert row["rule"] == rule_value
    assert row["text"].startswith(f"{num}. ")
    assert row["section"] == (TITLE if num <= 18 else SECTION_2)


def test_psychologist():
    row = ROWS[9]
    assert row["text"] == "9. психолог 2 2 3"
    assert row["bands"] == {"до 50": 2.0, "51-100": 2.0, "свыше 100": 3.0}
    assert row["cells"] == {"до 50": "2", "51-100": "2", "свыше 100": "3"}


def test_lawyer_singular_sic():
    row = ROWS[10]
    assert row["text"] == "10. юрист 2 единица на учреждение"
    assert row["rule"]["units"] == 2.0 and row["rule"]["per"] == "institution"
    assert row["bands"] is None and row["cells"] is None


def test_driver_rule_hyphenated_in_the_source():
    row = ROWS[15]
    assert row["text"] == "15. водитель 1 единица на 1 транспортное средство"
    assert row["rule"] == rule("1 единица на 1 транспортное средство", 1.0, "vehicle", 1.0)


def test_case_manager_wraps_over_three_lines():
    row = ROWS[20]
    assert row["text"] == "20. социальный работник кейс- менеджер 2 3 4"  # as written
    assert row["position"] == "социальный работник кейс-менеджер"  # normalised
    assert row["bands"] == {"до 50": 2.0, "51-100": 3.0, "свыше 100": 4.0}
    assert (row["span"]["start"], row["span"]["end"]) == (410, 414)


def test_raw_cells_kept():
    assert ROWS[3]["cells"] == {"до 50": "0,5", "51-100": "1", "свыше 100": "1"}
    assert ROWS[5]["cells"] == {"до 50": "-", "51-100": "-", "свыше 100": "1"}
    assert ROWS[19]["cells"] == {"до 50": "1,5", "51-100": "2,5", "свыше 100": "3,5"}


def test_stamp_title_and_columns():
    assert TABLE["stamp"]["text"] == STAMP
    assert (TABLE["stamp"]["span"]["start"], TABLE["stamp"]["span"]["end"]) == (353, 356)
    assert TABLE["title"] == {"text": TITLE, "span": {"file": FILE, "start": 358, "end": 358}}
    assert [(c["key"], c["text"]) for c in TABLE["columns"]] == [
        ("num", "№ п/п"),
        ("position", "Наименование должности"),
        ("visits", "Количество обращений в день"),
    ]
    assert TABLE["columns"][2]["bands"] == ["до 50", "51-100", "свыше 100"]
    assert TABLE["bands"] == ["до 50", "51-100", "свыше 100"]


def test_sections():
    first, second = TABLE["sections"]
    assert (first["eid"], first["title"], first["implicit"], first["rows"]) == (
        "att_1__sec_1", TITLE, True, list(range(1, 19)))
    assert (second["eid"], second["title"], second["implicit"], second["rows"]) == (
        "att_1__sec_2", SECTION_2, False, [19, 20])
    assert (second["span"]["start"], second["span"]["end"]) == (404, 406)
    assert ROWS[19]["section_eid"] == "att_1__sec_2"


def test_note():
    assert TABLE["note"] == {
        "label": "Примечание",
        "text": NOTE,
        "span": {"file": FILE, "start": 416, "end": 419},
    }


def test_every_table_line_consumed():
    nonblank = {n for n in range(353, len(RAW) + 1) if RAW[n - 1].strip()}
    assert nonblank <= set(TABLE["consumed"])
    assert set(TABLE["consumed"]) <= set(range(353, len(RAW) + 1))


def test_whole_document_may_be_passed():
    table, diags = extract_staffing(LINES, FILE)
    assert diags == [] and len(table["rows"]) == 20
    assert table["consumed"] == TABLE["consumed"]


# --- problems are reported, never dropped ----------------------------------------------------


def _replace(no: int, text: str) -> list[Line]:
    return [Line(ln.no, text, ln.end, marks=ln.marks) if ln.no == no else ln for ln in ANNEX]


def test_malformed_row_gives_a_diagnostic_with_its_line():
    table, diags = extract_staffing(_replace(375, "5. бухгалтер - 1"), FILE)  # a cell missing
    assert len(diags) == 1
    d = diags[0]
    assert (d.file, d.line, d.severity, d.found) == (FILE, 375, "error", "5. бухгалтер - 1")
    assert "3 cells" in d.expected and "до 50" in d.expected
    assert 5 not in [row["num"] for row in table["rows"]]
    assert table["unread"] == [{"line": 375, "end": 375, "text": "5. бухгалтер - 1"}]
    assert len(table["rows"]) == 19


def test_stray_line_after_a_complete_row():
    lines = [*ANNEX[:6], Line(368, "?? 7 7"), *ANNEX[6:]]  # after row 1, which is complete
    table, diags = extract_staffing(lines, FILE)
    assert [(d.line, d.found) for d in diags] == [(368, "?? 7 7")]
    assert len(table["rows"]) == 20


def test_unfinished_row_before_a_section_title():
    lines = [ln for ln in ANNEX if ln.no not in (412, 414)]  # row 20 loses its wrapped name and cells
    lines.insert(-2, Line(415, "Штатные нормативы прочего персонала"))
    table, diags = extract_staffing(lines, FILE)
    assert [(d.line, d.found) for d in diags] == [(410, "20. социальный работник")]
    assert [s["title"] for s in table["sections"]][-1] == "Штатные нормативы прочего персонала"


def test_row_out_of_sequence_is_a_warning():
    table, diags = extract_staffing(_replace(383, "90. психолог 2 2 3"), FILE)
    assert [(d.line, d.severity) for d in diags] == [(383, "warning"), (385, "warning")]
    assert len(table["rows"]) == 20


def test_missing_header_is_reported():
    lines = [ln for ln in ANNEX if ln.no not in (360, 363, 365)]
    table, diags = extract_staffing(lines, FILE)
    assert [(d.line, d.severity) for d in diags] == [(367, "warning")]
    assert table["bands"] == ["до 50", "51-100", "свыше 100"] and len(table["rows"]) == 20


# --- small parts -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "units", "per", "per_count"),
    [
        ("1 единица на учреждение", 1.0, "institution", None),
        ("2 единицы на учреждение", 2.0, "institution", None),
        ("2 единица на учреждение", 2.0, "institution", None),
        ("1 единицы на учреждение", 1.0, "institution", None),
        ("0,5 единицы на учреждение", 0.5, "institution", None),
        ("1 единица на 1 транспортное средство", 1.0, "vehicle", 1.0),
        ("согласно типовым нормативам", None, "standard_norms", None),
        ("1 единица на 10 коек", 1.0, None, None),
    ],
)
def test_parse_rule(text, units, per, per_count):
    got = parse_rule(text)
    assert (got["units"], got["per"], got["per_count"]) == (units, per, per_count)


def test_empty_input():
    table, diags = extract_staffing([], FILE)
    assert diags == [] and table["rows"] == [] and table["title"] is None and table["consumed"] == []


def test_parse_rule_not_a_rule():
    assert parse_rule("2 2 3") is None


def test_doctests():
    assert doctest.testmod(staffing).failed == 0


def test_attach_staffing():
    doc = Document(path=FILE, lang="ru", format="pdf", header=Header())
    table = attach_staffing(doc, ANNEX, FILE)
    assert doc.staffing == table["rows"] and len(doc.staffing) == 20
    eids = [u.eid for u in doc.units]
    assert eids[0] == "att_1" and eids[-1] == "att_1__note"
    assert [u.kind for u in doc.units].count("row") == 20
    assert doc.units[0].heading == TITLE
    assert [ln.no for ln in doc.buckets["annex_stamp"]] == [353]
    assert [ln.no for ln in doc.buckets["table_header"]] == [360, 363, 365]
    assert doc.diagnostics == [] and doc.unparsed == []
