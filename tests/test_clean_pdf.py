"""Pass 1 for PDF text (003): logical lines, de-hyphenation, page breaks, stamps, the table."""

from __future__ import annotations

import doctest
import re
from collections import Counter
from pathlib import Path

import pytest

from parser import clean_pdf
from parser.clean import normalise
from parser.clean_pdf import join_text, pdf_lines

SOURCE = Path(__file__).resolve().parent.parent / "corpus" / "order-2024-06-14-256-nk" / "ru.txt"
RAW = SOURCE.read_text(encoding="utf-8").split("\n")
LINES = pdf_lines("\n".join(RAW))
BY_START = {ln.no: ln for ln in LINES}
TABLE_STAMP = next(ln for ln in LINES if ln.text.startswith("Приложение к Правилам"))
RULES = "Правила осуществления деятельности Центров поддержки семьи"
RULES_TITLE = next(ln for ln in LINES if ln.text == RULES)


def _numbered(lines, delim="."):
    rx = re.compile(rf"^(\d+){re.escape(delim)}\s")
    return [int(m.group(1)) for ln in lines if (m := rx.match(ln.text))]


def dump(lines) -> str:
    """The numbered logical lines, printed when a test fails."""
    return "\n".join(f"{ln.no:4}-{ln.last:<4} {ln.marks} {ln.text}" for ln in lines)


# --- coverage --------------------------------------------------------------------------------


def test_every_nonblank_source_line_in_exactly_one_line():
    covered = Counter(n for ln in LINES for n in range(ln.no, ln.last + 1) if RAW[n - 1].strip())
    nonblank = {n for n, raw in enumerate(RAW, start=1) if raw.strip()}
    assert set(covered) == nonblank, dump(LINES)
    assert [n for n, k in covered.items() if k != 1] == []


def test_lines_are_ordered_start_and_end_on_text():
    for a, b in zip(LINES, LINES[1:], strict=False):
        assert a.last < b.no, (a, b)
    for ln in LINES:
        assert ln.text and ln.text == ln.text.strip() and "  " not in ln.text
        assert RAW[ln.no - 1].strip() and RAW[ln.last - 1].strip()


def test_registered_as_pdf_format():
    assert normalise("\n".join(RAW), "pdf") == LINES


def test_doctests():
    assert doctest.testmod(clean_pdf).failed == 0


# --- counts checked by eye against the source -----------------------------------------------


def test_ordering_points_and_rules_points():
    body = [ln for ln in LINES if ln.no < RULES_TITLE.no]
    rules = [ln for ln in LINES if RULES_TITLE.no < ln.no < TABLE_STAMP.no]
    table = [ln for ln in LINES if ln.no > TABLE_STAMP.no]
    assert _numbered(body) == [1, 2, 3, 4]  # the ordering part of the order
    assert _numbered(rules) == list(range(1, 27))  # пункты 1–26 of the Rules
    assert len(_numbered(body + rules)) == 30
    assert _numbered(table) == list(range(1, 21))  # the 20 rows of the staffing table


def test_subpoints():
    body = [ln for ln in LINES if ln.no < RULES_TITLE.no]
    rules = [ln for ln in LINES if RULES_TITLE.no < ln.no < TABLE_STAMP.no]
    assert _numbered(body, ")") == [1, 2, 3]
    # пункт 2: 4, 6: 9, 7: 2, 12: 5, 13: 3, 14: 3, 19: 4, 23: 5
    assert len(_numbered(rules, ")")) == 35


def test_line_count():
    assert len(LINES) == 130, dump(LINES)  # reviewed line by line against the source


# --- de-hyphenation --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prev", "nxt", "text", "mark"),
    [
        ("1 транспортное сред-", "ство", "1 транспортное средство", "dehyphenated"),
        ("по методологии и информационно-", "просветительской работе:",
         "по методологии и информационно-просветительской работе:", "hyphen-kept"),
        ("волонтерами, консультативно-", "совещательными органами",
         "волонтерами, консультативно-совещательными органами", "hyphen-kept"),
        ("обращении в контакт-", "центр «111»", "обращении в контакт-центр «111»", "hyphen-kept"),
        ("курирующего вице-", "министра", "курирующего вице-министра", "hyphen-kept"),
        ("социальный работник кейс-", "менеджер", "социальный работник кейс-менеджер", "hyphen-kept"),
        ("перенаправ\u00ad", "ляет лицо", "перенаправляет лицо", "dehyphenated"),  # soft hyphen
        ("организа-", "ции", "организации", "dehyphenated"),
        ("Министра труда и социальной защиты населения Республики -", "Казахстан",
         "Министра труда и социальной защиты населения Республики - Казахстан", None),  # a dash, not a hyphen
        ("Премьер-", "Министра", "Премьер- Министра", None),  # the next part is capitalised: not touched
        ("№ п", "/п", "№ п/п", None),
        ("информации/", "информационных", "информации/информационных", None),
        ("специальные социальные", "услуги", "специальные социальные услуги", None),
    ],
)
def test_join_text(prev, nxt, text, mark):
    assert join_text(prev, nxt) == (text, mark)


def test_hyphens_inside_a_line_are_kept():
    texts = [ln.text for ln in LINES]
    assert any(t == "кейс- менеджер" for t in texts)
    assert any("курирующего вице-министра культуры" in t for t in texts)
    assert any("Заместителя Премьер-Министра – Министра труда" in t for t in texts)


@pytest.mark.parametrize(
    ("no", "end", "fragment", "mark"),
    [
        (395, 396, "15. водитель 1 единица на 1 транспортное средство", "dehyphenated"),
        (196, 197, "по методологии и информационно-просветительской работе:", "hyphen-kept"),
        (207, 209, "волонтерами, консультативно-совещательными органами", "hyphen-kept"),
        (223, 225, "государственных органов, консультативно-совещательных, коллегиальных", "hyphen-kept"),
    ],
)
def test_line_end_hyphens_in_the_file(no, end, fragment, mark):
    ln = BY_START[no]
    assert (ln.no, ln.last) == (no, end)
    assert fragment in ln.text
    assert mark in ln.marks


# --- page breaks: a line starting with a space ----------------------------------------------


def test_page_break_continuation_is_joined():
    ln = BY_START[122]  # 4) интегрированная модель … под координацией / " уполномоченного …"
    assert (ln.no, ln.last) == (122, 127)
    assert "под координацией уполномоченного государственного органа в целях" in ln.text
    assert ln.text.endswith("межведомственного взаимодействия.")
    assert "page-break" in ln.marks


@pytest.mark.parametrize(
    ("no", "end", "start"),
    [
        (45, 46, "4. Настоящий приказ вводится в действие"),
        (167, 171, "8) организацию работы мобильных групп"),
        (210, 211, "11. Центры содействуют"),
        (253, 256, "2) первичная оценка лица (семьи)"),
        (292, 293, "3) невыполнение лицом (семьей)"),
        (333, 340, "24. Для идентификации лиц с признаками бытового насилия"),
        (86, 92, "Утверждены приказом"),
        (353, 356, "Приложение к Правилам"),
    ],
)
def test_page_break_new_paragraph(no, end, start):
    ln = BY_START[no]
    assert (ln.no, ln.last) == (no, end)
    assert ln.text.startswith(start)
    assert "page-start" in ln.marks and "page-break" not in ln.marks
    assert BY_START[no] is not None  # it starts a logical line: the previous one ended before it


def test_first_line_of_the_file_is_a_page_start():
    ln = LINES[0]
    assert (ln.no, ln.last, ln.text) == (1, 2, "Қазақстан Республикасының Мәдениет және ақпарат министрлігі")


# --- header, signature, approvals, stamps ----------------------------------------------------


def test_header_block_joined_across_blank_lines():
    ln = BY_START[4]
    assert (ln.no, ln.last) == (4, 13)
    assert ln.text == (
        "Приказ Министра культуры и информации Республики Казахстан от 14 июня 2024 года № 256-НҚ. "
        "Зарегистрирован в Министерстве юстиции Республики Казахстан 14 июня 2024 года № 34499"
    )
    assert "blank-join" in ln.marks


@pytest.mark.parametrize(
    ("no", "end", "text"),
    [
        (15, 16, "Министерство культуры и информации Республики Казахстан"),
        (18, 19, "Об утверждении Правил осуществления деятельности Центров поддержки семьи"),
        (21, 22, "В соответствии с пунктом 3 статьи 5-1 Кодекса Республики Казахстан «О браке "
                 "(супружестве) и семье», :ПРИКАЗЫВАЮ"),
        (48, 49, "Министр культуры и информации Республики Казахстан"),
        (51, 51, "А. Балаева"),
        (54, 55, "Министерство здравоохранения Республики Казахстан"),
        (58, 60, "Министерство труда и социальной защиты населения Республики Казахстан"),
        (83, 85, "Министерство цифрового развития, инноваций и аэрокосмической промышленности "
                 "Республики Казахстан"),
        (86, 92, "Утверждены приказом Министр культуры и информации Республики Казахстан "
                 "от 14 июня 2024 года № 256-НҚ"),
        (94, 94, "Правила осуществления деятельности Центров поддержки семьи"),
        (96, 96, "Глава 1. Общие положения"),
        (353, 356, "Приложение к Правилам осуществления деятельности Центров поддержки семьи"),
    ],
)
def test_block_lines(no, end, text):
    ln = BY_START[no]
    assert (ln.no, ln.last, ln.text) == (no, end, text)


def test_approval_labels_stand_alone():
    labels = [ln for ln in LINES if ln.text == "«СОГЛАСОВАН»"]
    assert [ln.no for ln in labels] == [53, 57, 62, 66, 70, 74, 78, 82]
    assert all(ln.last == ln.no and "label" in ln.marks for ln in labels)


def test_stamps_are_marked():
    assert [ln.no for ln in LINES if "stamp" in ln.marks] == [86, 353]


# --- the staffing table ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("no", "end", "text"),
    [
        (358, 358, "Минимальные штатные нормативы работников Центров поддержки семьи"),
        (360, 361, "№ п/п"),
        (363, 363, "Наименование должности Количество обращений в день"),
        (365, 365, "до 50 51-100 свыше 100"),
        (367, 367, "1. директор 1 единица на учреждение"),
        (385, 385, "10. юрист 2 единица на учреждение"),
        (404, 406, "Штатные нормативы персонала по сопровождению лиц (семей), оказавшихся "
                   "в трудной жизненной ситуации"),
        (408, 408, "19. специалист по социальной работе 1,5 2,5 3,5"),
        # row 20 wraps over blank lines: three logical lines, joined by parser.staffing
        (410, 410, "20. социальный работник"),
        (412, 412, "кейс- менеджер"),
        (414, 414, "2 3 4"),
        (416, 416, "Примечание:"),
        (418, 419, "При необходимости установленные должности могут взаимозаменяться "
                   "в пределах фонда оплаты труда"),
    ],
)
def test_table_lines(no, end, text):
    ln = BY_START[no]
    assert (ln.no, ln.last, ln.text) == (no, end, text)


def test_one_line_per_table_row():
    rows = [ln for ln in LINES if ln.no > TABLE_STAMP.no and re.match(r"^\d+\. ", ln.text)]
    assert len(rows) == 20
    assert all(ln.last == ln.no for ln in rows if ln.no != 395)  # only row 15 wraps without a blank line


# --- synthetic cases: the rules one by one ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a blank line ends a paragraph
        ("1. Первый пункт.\n\nвторой абзац.", ["1. Первый пункт.", "второй абзац."]),
        # a number starts a new paragraph without a blank line …
        ("1) первый подпункт;\n2) второй подпункт.", ["1) первый подпункт;", "2) второй подпункт."]),
        ("12-1. Вставленный пункт.\n12-2. Ещё один.", ["12-1. Вставленный пункт.", "12-2. Ещё один."]),
        # … also after a page break …
        ("в течение дня.\n 24. Для идентификации", ["в течение дня.", "24. Для идентификации"]),
        # … but not when it is a wrapped cross-reference
        ("предусмотренных подпунктами \n1) и 2) настоящего пункта.",
         ["предусмотренных подпунктами 1) и 2) настоящего пункта."]),
        ("согласно пункту \n5. Правил", ["согласно пункту 5. Правил"]),
        # a page break inside a sentence is joined; before a capital after a hard line end it is not
        ("под координацией \n уполномоченного органа.", ["под координацией уполномоченного органа."]),
        ("промышленности Республики Казахстан\n Утверждены приказом",
         ["промышленности Республики Казахстан", "Утверждены приказом"]),
        # a soft-wrapped line (trailing space) goes on over a blank line
        ("Приказ Министра культуры и \nинформации Республики \n\nКазахстан от 14 июня 2024 года",
         ["Приказ Министра культуры и информации Республики Казахстан от 14 июня 2024 года"]),
        # a comma cannot end a paragraph
        ("лиц (семей),\n\nоказавшихся в трудной ситуации", ["лиц (семей), оказавшихся в трудной ситуации"]),
        # a hard line end after a sentence, then a capital: a new paragraph
        ("Первое предложение.\nВторое предложение.", ["Первое предложение.", "Второе предложение."]),
        # labels stand alone
        ("«СОГЛАСОВАН»\nМинистерство финансов \nРеспублики Казахстан",
         ["«СОГЛАСОВАН»", "Министерство финансов Республики Казахстан"]),
        # a stamp goes on over blank lines until it names the number
        ("Утвержден приказом\nМинистра труда\n\nот 30 апреля 2024 года\n\n№ 125\n\nПрофессиональный стандарт",
         ["Утвержден приказом Министра труда от 30 апреля 2024 года № 125", "Профессиональный стандарт"]),
        ("Утвержден приказом\nМинистра\n№ 125\nПрофессиональный стандарт",
         ["Утвержден приказом Министра № 125", "Профессиональный стандарт"]),
        # … or until a long line (the title)
        ("Приложение 2 к приказу\n\nМинистра труда\n\nМинимальные штатные нормативы работников Центров",
         ["Приложение 2 к приказу Министра труда", "Минимальные штатные нормативы работников Центров"]),
        # headings always start a line
        ("Центров поддержки семьи\nГлава 2. Порядок", ["Центров поддержки семьи", "Глава 2. Порядок"]),
        # whitespace-only lines are blank; CRLF is fine
        ("первая строка \r\n \r\n\t\r\nвторая строка", ["первая строка вторая строка"]),
        ("", []),
    ],
)
def test_rules(text, expected):
    assert [ln.text for ln in pdf_lines(text)] == expected


def test_spans_and_marks_of_a_synthetic_text():
    lines = pdf_lines("1. Водитель сред-\nство\n\n\n2. Текст под \n координацией.\n 3. Новый")
    assert [(ln.no, ln.last, ln.marks) for ln in lines] == [
        (1, 2, ("dehyphenated",)),
        (5, 6, ("page-break",)),
        (7, 7, ("page-start",)),
    ]
