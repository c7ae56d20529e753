"""adilet.zan.kz pages → clean lines (parser.fmt_html): the two real pages of order № 688
(ru, kk) and small hand-made pages, each a table of cases."""

from __future__ import annotations

import html
import os
import re

import pytest

from parser.fmt_html import adilet_html_lines, score_adilet_html
from parser.models import Cell, Line

DATA = os.path.join(os.path.dirname(__file__), "data", "corpus_dev")  # byte-identical copies of the pages


def _page(lang: str) -> str:
    """The page as stored (CRLF line ends kept)."""
    with open(os.path.join(DATA, f"adilet-page-V1600014606.{lang}.html"), "rb") as f:
        return f.read().decode("utf-8")


def _dump(lines: list[Line]) -> str:
    """The numbered lines, printed when an assertion fails."""
    return "\n".join(f"{ln.no:>5}-{ln.last:<5} {','.join(ln.marks):<22} {ln.text[:90]}" for ln in lines)


def _visible(source_line: str) -> str:
    """What a reader sees of one source line: tags removed, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", source_line)).replace("\xa0", " ").split())


# --- the real pages ------------------------------------------------------------------

# lang, lines, (title line, title start), (requisites line, requisites text),
# (note line, note start), (amending line, amending text), (text, cell) of table lines, menu words
PAGES = [
    (
        "ru", 23,
        (310, "О внесении изменения в приказ Министра финансов Республики Казахстан от 27 января 2016 года "
              "№ 30"),
        (317, "Приказ Министра финансов Республики Казахстан от 26 декабря 2016 года № 688. "
              "Зарегистрирован в Министерстве юстиции Республики Казахстан 27 декабря 2016 года № 14606. "
              "Утратил силу приказом Министра финансов Республики Казахстан от 10 июня 2025 года № 293."),
        (368, "Сноска. Утратил силу приказом Министра финансов РК от 10.06.2025 № 293 (вводится в действие"),
        (392, 'графу 7 "Примечание" изложить в следующей редакции:'),
        [("Министр финансов", Cell(1, 0, 0)), ("Республики Казахстан", Cell(1, 1, 0)),
         ("Б. Султанов", Cell(1, 1, 1))],
        ["Главная", "Информация", "Статистика", "Официальная публикация", "История изменений", "Скачать",
         "Комментарии", "Полноэкранный режим", "Состояние базы", "Служба поддержки", "Утративший силу",
         "Институт законодательства"],
    ),
    (
        "kk", 23,
        (312, '"Шығыстардың экономикалық сыныптамасы ерекшеліктерінің'),
        (319, "Қазақстан Республикасы Қаржы министрінің 2016 жылғы 26 желтоқсандағы № 688 бұйрығы. Қазақстан "
              "Республикасының Әділет министрлігінде 2016 жылғы 27 желтоқсанда № 14606 болып тіркелді."),
        (370, "Ескерту. Күші жойылды - ҚР Қаржы министрінің 10.06.2025 № 293"),
        (394, '7 "Ескерту" деген баған мынадай редакцияда жазылсын:'),
        [("Қазақстан Республикасының", Cell(1, 0, 0)), ("Қаржы министрі", Cell(1, 0, 0)),
         ("Б. Сұлтанов", Cell(1, 0, 1))],
        ["Мәтін", "Ресми жарияланым", "Өзгерістер тарихы", "Сілтемелер", "Түсініктемелер", "Күшін жойған",
         "Жарнама орналастыру", "Көру қабілеті", "Толықэкранды режим"],
    ),
]


@pytest.mark.parametrize("lang, count, title, requisites, note, amending, cells, menu", PAGES,
                         ids=[p[0] for p in PAGES])
def test_real_page(lang, count, title, requisites, note, amending, cells, menu):
    lines = adilet_html_lines(_page(lang))
    dump = _dump(lines)
    assert len(lines) == count, dump
    first = lines[0]
    assert (first.no, first.end) == (title[0], title[0]), dump
    assert first.text.startswith(title[1]) and {"title", "heading"} <= set(first.marks), dump

    req = lines[1]
    assert req.no == requisites[0] and req.text.startswith(requisites[1]) and "requisites" in req.marks, dump

    notes = [ln for ln in lines if "note" in ln.marks]
    assert [(ln.no, ln.end) for ln in notes] == [(note[0], note[0] + 1)], dump
    assert notes[0].text.startswith(note[1]) and notes[0].text.endswith((").", "бұйрығымен.")), dump

    assert [ln.no for ln in lines if ln.text == amending[1]] == [amending[0]], dump
    assert [(ln.text, ln.cell) for ln in lines if ln.cell] == cells, dump

    leaked = [(w, ln.no) for ln in lines for w in menu if w in ln.text]
    assert not leaked, dump
    assert [ln.no for ln in lines] == sorted(ln.no for ln in lines)


def _act_ranges(source: str) -> list[range]:
    """Source lines of the act's two blocks as a person finds them in the page: the slogan
    block (up to the tabs menu) and the text block (up to ``</article>``)."""
    rows = source.split("\n")

    def at(needle: str, after: int = 0) -> int:
        return next(k for k in range(after, len(rows)) if needle in rows[k]) + 1

    slogan = at('class="container_alpha slogan"')
    text = at('class="container_gamma text')
    return [range(slogan, at('id="tabs_container"', slogan) - 1), range(text, at("</article>", text) + 1)]


# lang, which source lines ("text": outside tables, "tables": inside), how many visible texts
ACCOUNTING = [
    ("ru", "text", 20),
    ("kk", "text", 20),
    ("ru", "tables", 3),
    ("kk", "tables", 3),  # the signature cell "<td>\n<i>…": its text is on the <i> line, not the <td> line
]


@pytest.mark.parametrize("lang, part, count", ACCOUNTING)
def test_real_page_keeps_every_line_of_the_act(lang, part, count):
    """Accounting: each visible text of a source line of the act's blocks is in a Line that spans
    that source line; and each Line's text is made of the text of the source lines it spans."""
    source = _page(lang).replace("\r\n", "\n")
    rows = source.split("\n")
    lines = adilet_html_lines(_page(lang))
    checked = 0
    in_table = False
    for span in _act_ranges(source):
        for no in span:
            row = rows[no - 1]
            in_table = in_table or "<table" in row
            if in_table == (part == "tables") and 'class="status' not in row:  # the badge is the site's
                for piece in re.split(r"<br\s*/?>", row, flags=re.I):  # <br> starts a new Line
                    seen = _visible(piece)
                    if seen:
                        checked += 1
                        assert any(ln.no <= no <= ln.last and seen in ln.text for ln in lines), (
                            no, seen, _dump(lines))
            in_table = in_table and "</table>" not in row
    assert checked == count
    for ln in lines:
        if (ln.cell is not None) == (part == "tables"):
            spanned = " ".join(_visible(rows[k - 1]) for k in range(ln.no, ln.last + 1))
            assert ln.text in " ".join(spanned.split()), (ln, spanned)


# lang, (source line, text, cell) of the signature table
SIGNATURES = [
    ("ru", [(427, "Министр финансов", Cell(1, 0, 0)), (437, "Республики Казахстан", Cell(1, 1, 0)),
            (442, "Б. Султанов", Cell(1, 1, 1))]),
    ("kk", [(428, "Қазақстан Республикасының", Cell(1, 0, 0)),
            (428, "Қаржы министрі", Cell(1, 0, 0)), (431, "Б. Сұлтанов", Cell(1, 0, 1))]),
]


@pytest.mark.parametrize("lang, cells", SIGNATURES)
def test_real_page_table(lang, cells):
    lines = adilet_html_lines(_page(lang))
    assert [(ln.no, ln.text, ln.cell) for ln in lines if ln.cell] == cells, _dump(lines)
    assert all(ln.marks == ("table",) for ln in lines if ln.cell)


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_real_page_line_ends_do_not_matter(lang):
    """CRLF and LF copies of a page give the same lines."""
    crlf = _page(lang)
    assert "\r\n" in crlf
    assert adilet_html_lines(crlf) == adilet_html_lines(crlf.replace("\r\n", "\n"))


# --- hand-made pages -------------------------------------------------------------------


def _wrap(body: str, title: str = "") -> str:
    """A page with adilet's blocks around ``body`` (line 1 = ``<html><body>``)."""
    return (
        "<html><body>\n"
        '<div id="menu"><ul><li><a href="/rus">Главная</a></li><li>Поиск</li></ul></div>\n'
        f'<div class="container_alpha slogan">{title}</div>\n'
        '<div class="container_gamma text text_new"><div class="gs_12"><article>\n'
        f"{body}\n"
        "</article></div></div>\n"
        '<div id="footer"><h4 class="widgettitle">Состояние базы</h4></div>\n'
        "</body></html>"
    )


N = "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; "

# name, body (from line 5), expected (no, end, text, marks)
SNIPPETS = [
    (
        "paragraphs on several source lines",
        f"<p id=\"z1\">\n{N}1. Утвердить\nприлагаемые Правила.\n</p>\n<p>{N}2. Контроль.</p>",
        [(5, 7, "1. Утвердить прилагаемые Правила.", ()), (9, 9, "2. Контроль.", ())],
    ),
    (
        "br splits a paragraph",
        f"<p>{N}первая строка<br>вторая<br/>\nтретья</p>",
        [(5, 5, "первая строка", ()), (5, 5, "вторая", ("flush",)), (6, 6, "третья", ("flush",))],
    ),
    (
        "note paragraph and note span",
        f'<p class="note">\n{N}Сноска. Пункт 1 - в редакции приказа от 01.02.2021 '
        '<a href="#">№ 9</a>.\n</p>\n'
        f'<span class="note">{N}Сноска. Глава 2 исключена.</span>\n'
        f"<p>{N}2. Текст.</p>",
        [(5, 6, "Сноска. Пункт 1 - в редакции приказа от 01.02.2021 № 9.", ("note",)),
         (8, 8, "Сноска. Глава 2 исключена.", ("note",)), (9, 9, "2. Текст.", ())],
    ),
    (
        "red font: Примечание ИЗПИ, split from the text that follows",
        '<p><font color="#FF0000">Примечание ИЗПИ!</font><br>'
        '<span style="color: #ff0000">Пункт 3 вводится в действие с 01.01.2026.</span> 3. Текст пункта.</p>',
        [(5, 5, "Примечание ИЗПИ!", ("note", "flush")),
         (5, 5, "Пункт 3 вводится в действие с 01.01.2026.", ("note", "flush")),
         (5, 5, "3. Текст пункта.", ("flush",))],
    ),
    (
        "headings, centred and right-aligned paragraphs, bold and italic",
        '<h3>Глава 1. Общие положения</h3>\n<p align="center"><b>Параграф 1. Руководители</b></p>\n'
        '<p style="text-align: right">Приложение к приказу<br>от 1 июня 2020 года № 5</p>\n'
        f"<p>{N}<b>ПРИКАЗЫВАЮ:</b></p>\n<p>{N}<i>Министр</i></p>\n<p><b>Статья 7.</b> Условия</p>",
        [(5, 5, "Глава 1. Общие положения", ("heading", "flush")),
         (6, 6, "Параграф 1. Руководители", ("heading", "bold", "flush")),
         (7, 7, "Приложение к приказу", ("stamp", "flush")),
         (7, 7, "от 1 июня 2020 года № 5", ("stamp", "flush")),
         (8, 8, "ПРИКАЗЫВАЮ:", ("bold",)), (9, 9, "Министр", ("italic",)),
         (10, 10, "Статья 7. Условия", ("flush",))],
    ),
    (
        "scripts, styles and comments inside the text are dropped, the text after them is placed",
        f"<script>\nvar menu = 'Главная';\n</script><p>{N}1. Один.</p><style>p{{}}</style>\n"
        f"<!-- Поиск\n-->{N}2. Два.",
        [(7, 7, "1. Один.", ()), (9, 9, "2. Два.", ())],
    ),
    (
        "pre keeps its line breaks",
        "<pre>ФОРМА\n  Фамилия ____\n\n  Подпись ____</pre>",
        [(5, 5, "ФОРМА", ("pre", "flush")), (6, 6, "Фамилия ____", ("pre", "flush")),
         (8, 8, "Подпись ____", ("pre", "flush"))],
    ),
]


@pytest.mark.parametrize("name, body, expected", SNIPPETS, ids=[s[0] for s in SNIPPETS])
def test_snippet(name, body, expected):
    lines = adilet_html_lines(_wrap(body))
    assert [(ln.no, ln.last, ln.text, ln.marks) for ln in lines] == expected, _dump(lines)


TABLES = (
    f"<p>{N}1. Перед таблицей.</p>\n"
    '<table border="1">\n'
    "<tr><td rowspan=\"2\">А</td><td colspan=\"2\">Б</td></tr>\n"
    "<tr><td>В<br>г</td><td>Д</td></tr>\n"
    "</table>\n"
    f"<p>{N}2. Между таблицами.</p>\n"
    "<table><tr><td>\n<p>Министр</p>\n</td><td>А. Фамилия</td></tr></table>"
)


def test_tables_are_numbered_and_keep_their_grid():
    lines = adilet_html_lines(_wrap(TABLES))
    got = [(ln.no, ln.text, ln.cell) for ln in lines]
    assert got == [
        (5, "1. Перед таблицей.", None),
        (7, "А", Cell(1, 0, 0, rowspan=2)),
        (7, "Б", Cell(1, 0, 1, colspan=2)),
        (8, "В", Cell(1, 1, 1)),
        (8, "г", Cell(1, 1, 1)),
        (8, "Д", Cell(1, 1, 2)),
        (10, "2. Между таблицами.", None),
        (12, "Министр", Cell(2, 0, 0)),
        (13, "А. Фамилия", Cell(2, 0, 1)),
    ], _dump(lines)


def test_title_and_requisites_split_by_br_come_out_as_one_line():
    title = ('<h1>Об утверждении Правил</h1>\n<span class="status status_new">Действующий</span>\n'
             "<p>Приказ Министра от 1 июня 2020 года № 5.<br>\n"
             "Зарегистрирован в Министерстве юстиции Республики Казахстан 2 июня 2020 года № 20800.</p>")
    lines = adilet_html_lines(_wrap(f"<p>{N}1. Текст.</p>", title))
    assert [(ln.no, ln.last, ln.text, ln.marks) for ln in lines] == [
        (3, 3, "Об утверждении Правил", ("heading", "flush", "title")),
        (5, 6, "Приказ Министра от 1 июня 2020 года № 5. Зарегистрирован в Министерстве юстиции Республики "
               "Казахстан 2 июня 2020 года № 20800.", ("flush", "requisites")),
        (8, 8, "1. Текст.", ()),
    ], _dump(lines)


def test_without_adilet_classes_the_block_with_most_paragraphs_is_the_text():
    page = (
        "<html><body>\n<div class=\"nav\"><p>Главная</p><p>Поиск</p></div>\n<div>\n"
        "<p>1. Первый пункт приказа.</p>\n<p>2. Второй пункт приказа.</p>\n</div>\n"
        "<div class=\"footer\"><p>Служба поддержки</p></div>\n</body></html>"
    )
    lines = adilet_html_lines(page)
    assert [(ln.no, ln.text) for ln in lines] == [
        (4, "1. Первый пункт приказа."), (5, "2. Второй пункт приказа."),
    ]


def test_a_page_longer_than_libxml2_counts_keeps_real_line_numbers():
    """libxml2 stops counting lines at 65535; a long code still gets its own line numbers."""
    filler = "<p>x</p>\n" * 70000
    page = (
        f"<html><body>\n<div id=\"menu\">\n{filler}</div>\n"
        '<div class="container_gamma text text_new"><article>\n'
        f"<p>{N}1. Далеко.</p>\n<p>{N}2. Ещё<br>\nдальше.</p>\n"
        "<table>\n<tr><td>А</td>\n<td><p>Б</p>\nв</td></tr></table>\n"
        f"<p>{N}3. После таблицы.</p>\n</article></div></body></html>"
    )
    base = 3 + 70000 + 2  # line of "1. Далеко."
    lines = adilet_html_lines(page)
    assert [(ln.no, ln.last, ln.text, ln.cell) for ln in lines] == [
        (base, base, "1. Далеко.", None),
        (base + 1, base + 1, "2. Ещё", None),
        (base + 2, base + 2, "дальше.", None),
        (base + 4, base + 4, "А", Cell(1, 0, 0)),
        (base + 5, base + 5, "Б", Cell(1, 0, 1)),
        (base + 6, base + 6, "в", Cell(1, 0, 1)),
        (base + 7, base + 7, "3. После таблицы.", None),
    ], _dump(lines)


@pytest.mark.parametrize("text", ["", "   \r\n  ", "<html><body></body></html>"])
def test_empty_pages_give_no_lines(text):
    assert adilet_html_lines(text) == []


# --- the sniffer's score ---------------------------------------------------------------

SCORES = [
    ("adilet page ru", _page("ru"), 1.0),
    ("adilet page kk", _page("kk"), 1.0),
    ("hand-made adilet page", _wrap("<p>1. Текст.</p>"), 0.85),
    ("html with an article", "<!DOCTYPE html><html><body><article><p>1.</p></article></body></html>", 0.5),
    ("other html", "<html><body><p>Hello</p></body></html>", 0.3),
    ("adilet plain text", " Об утверждении\n\xa0\xa0\xa0\xa0\xa0\xa01. Утвердить\n", 0.0),
    ("register markdown with a table",
     "---\ntitle: x\n---\n# Приказ\n<table><tr><td>1</td></tr></table>\n", 0.0),
]


@pytest.mark.parametrize("name, text, score", SCORES, ids=[s[0] for s in SCORES])
def test_score(name, text, score):
    assert score_adilet_html(text) == pytest.approx(score)
