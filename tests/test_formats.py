"""Pass 1 on the formats as published: the sniffer, register markdown, requisites.

Each table is a list of cases, one line each; the real texts are the seeds and
``tests/data`` copies of corpus-dev (see test_corpus_dev.py for the whole files).
"""

from __future__ import annotations

import os

import pytest
from conftest import ROOT

from parser.clean import normalise
from parser.fmt_markdown import markdown_lines, unescape
from parser.models import Cell, Header
from parser.pipeline import decode, guess_lang, parse_text
from parser.requisites import cut_repeal, from_requisite, from_requisite_kk, from_stamp, sidecar_meta
from parser.sniff import format_scores, sniff_format

SEEDS = os.path.join(ROOT, "corpus")


def _read(path: str) -> str:
    with open(path, "rb") as fh:
        return decode(fh.read(), path)


# --- the sniffer -------------------------------------------------------------------------

SNIFF = [
    # (text, format)
    ("# Об утверждении\n\n1\\. Утвердить прилагаемые", "markdown"),
    ("---\ntitle: x\n---\n\nПриказ", "markdown"),
    ("<!DOCTYPE html>\n<html><body><p>Приказ</p></body></html>", "adilet_html"),
    ("\xa0" * 6 + "1. Утвердить прилагаемые Правила.\n\n" + "\xa0" * 6 + "2. Контроль возложить.", "adilet"),
    ("Приказ Министра культуры и информации \nРеспублики Казахстан от 14 июня \n2024 года № 256-НҚ. "
     "Зарегистрирован в \nМинистерстве юстиции республики \nКазахстан 14 июня", "pdf"),
    ("Просто текст без разметки.", "adilet"),
]


@pytest.mark.parametrize("text, fmt", SNIFF)
def test_sniff_format(text, fmt):
    assert sniff_format(text) == fmt, format_scores(text)


@pytest.mark.parametrize("folder, fmt", [
    ("order-2025-10-24-580-nk/ru.txt", "adilet"),
    ("order-2025-10-24-580-nk/kk.txt", "adilet"),
    ("order-2017-10-25-360/ru.txt", "markdown"),
    ("order-2024-06-14-256-nk/ru.txt", "pdf"),
    ("order-2024-04-30-125/ru.txt", "adilet"),  # act.json says adilet_cards: the same reader
])
def test_sniff_the_seeds(folder, fmt):
    """The sniffer agrees with what act.json says of every seed (a '# ' at the top is not PDF)."""
    assert sniff_format(_read(os.path.join(SEEDS, folder))) == fmt


def test_line_ends_are_normalised():
    """CRLF (adilet pages) and CR-only line ends: the same lines, the same numbers."""
    assert decode("а\r\nб\r\n".encode(), "x") == "а\nб\n"
    assert decode("а\rб\r".encode(), "x") == "а\nб\n"


@pytest.mark.parametrize("text, lang", [
    ("Қазақстан Республикасы Ішкі істер министрінің бұйрығы", "kk"),
    ("Приказ Министра внутренних дел Республики Казахстан", "ru"),
])
def test_guess_lang(text, lang):
    assert guess_lang(text) == lang


# --- register markdown -----------------------------------------------------------------------

MD_LINES = [
    # (source, [(line no, text, marks that must be there)])
    ("4\\. Утвердить", [(1, "4. Утвердить", {"escaped"})]),
    ("> *Сноска. Пункт 9 - в редакции …*", [(1, "Сноска. Пункт 9 - в редакции …", {"quote", "italic"})]),
    ('<a id="p1"></a>\n\n1. Текст', [(1, '<a id="p1"></a>', {"anchor", "markup_only"}), (3, "1. Текст", set())]),
    ("#### **Глава 1. Общие**", [(1, "Глава 1. Общие", {"heading", "bold"})]),
    ("- Конституцию Республики Казахстан;", [(1, "Конституцию Республики Казахстан;", {"bullet"})]),
    ("```\nПротокол №___\n   заседания\n```", [(1, "```", {"form"}), (2, "Протокол №___", {"form"}),
                                                (3, "   заседания", {"form"}), (4, "```", {"form"})]),
    ("---\nrequisite: x\n---\nТекст", [(1, "---", {"front_matter"}), (2, "requisite: x", {"front_matter"}),
                                         (3, "---", {"front_matter"}), (4, "Текст", set())]),
]


@pytest.mark.parametrize("source, want", MD_LINES)
def test_markdown_lines(source, want):
    got = [(ln.no, ln.text, set(ln.marks)) for ln in markdown_lines(source)]
    assert [(n, t) for n, t, _ in got] == [(n, t) for n, t, _ in want]
    for (_, _, marks), (_, _, need) in zip(got, want, strict=True):
        assert need <= marks


def test_markdown_table_cells_keep_their_source_lines():
    """rowspan/colspan become grid coordinates; each cell line keeps its real line number."""
    src = "Текст\n\n<table>\n<tr>\n<td rowspan=\"2\">Должность</td>\n<td colspan=\"2\">Норматив</td>\n</tr>\n" \
          "<tr>\n<td>1 единица</td>\n<td>\nна 250 м2\nубираемой площади\n</td>\n</tr>\n</table>\nПосле"
    lines = markdown_lines(src)
    cells = [(ln.no, ln.text, ln.cell) for ln in lines if ln.cell]
    assert cells == [
        (5, "Должность", Cell(1, 0, 0, 2, 1)),
        (6, "Норматив", Cell(1, 0, 1, 1, 2)),
        (9, "1 единица", Cell(1, 1, 1)),
        (11, "на 250 м2", Cell(1, 1, 2)),
        (12, "убираемой площади", Cell(1, 1, 2)),
    ]
    covered = {n for ln in lines for n in range(ln.no, ln.last + 1)}
    assert covered == {n for n, row in enumerate(src.split("\n"), 1) if row.strip()}  # nothing lost


def test_unescape():
    assert unescape(r"13\.Әзірлеуге \* \#") == "13.Әзірлеуге * #"


# --- requisites ---------------------------------------------------------------------------

REQUISITES = [
    # (text, lang, (date, number, registration number or None))
    ("Приказ Министра внутренних дел Республики Казахстан от 11 сентября 2020 года № 623. Зарегистрирован в "
     "Министерстве юстиции Республики Казахстан 17 сентября 2020 года № 21222", "ru", ("2020-09-11", "623", "21222")),
    ("Қазақстан Республикасы Қаржы министрінің 2016 жылғы 26 желтоқсандағы № 688 бұйрығы. Қазақстан "
     "Республикасының Әділет министрлігінде 2016 жылғы 27 желтоқсанда № 14606 болып тіркелді.", "kk",
     ("2016-12-26", "688", "14606")),
]


@pytest.mark.parametrize("text, lang, want", REQUISITES)
def test_requisites(text, lang, want):
    hdr = Header()
    assert (from_requisite_kk if lang == "kk" else from_requisite)(hdr, text, "text")
    assert (hdr.date, hdr.number, (hdr.registration or {}).get("number")) == want


def test_the_repeal_after_the_requisites_is_not_the_act():
    """adilet page of № 688: the requisites go on with "Утратил силу приказом … № 293"."""
    text = ("Приказ Министра финансов Республики Казахстан от 26 декабря 2016 года № 688. Зарегистрирован в "
            "Министерстве юстиции Республики Казахстан 27 декабря 2016 года № 14606. Утратил силу приказом "
            "Министра финансов Республики Казахстан от 10 июня 2025 года № 293.")
    hdr = Header()
    from_requisite(hdr, cut_repeal(text), "text")
    assert (hdr.date, hdr.number) == ("2016-12-26", "688")


STAMPS = [
    # (stamp text, (date, number))
    ("УТВЕРЖДЕН Приказом Министра внутренних дел Республики Казахстан от 2 февраля 2018 года № 86",
     ("2018-02-02", "86")),
    ("Қазақстан Республикасы Ішкі істер министрінің 2018 жылғы 2 ақпандағы № 86 бұйрығымен бекітілген",
     ("2018-02-02", "86")),
    ("Утвержден приказом Министра внутренних дел Республики Казахстан от 2019 года № ___", (None, None)),
]


@pytest.mark.parametrize("text, want", STAMPS)
def test_header_from_the_annex_stamp(text, want):
    """A stamp with a blank number or date ("№ ___", 1069/716) gives nothing: never invented."""
    hdr = Header()
    from_stamp(hdr, text, "ru")
    assert (hdr.date, hdr.number) == want


def test_meta_yaml_beside_the_text(tmp_path):
    text = tmp_path / "act.ed2022-04-19.ru.txt"
    text.write_text("# Об утверждении\n\nПРИКАЗЫВАЮ:\n\n1. Утвердить.\n", encoding="utf-8")
    meta = tmp_path / "act.ed2022-04-19.meta.yaml"
    meta.write_text("requisite: Приказ Министра внутренних дел Республики Казахстан от 11 сентября 2020 года № 623\n"
                    "version_date:\n  rus: 2022-04-19\n", encoding="utf-8")
    assert sidecar_meta(str(text)) == str(meta)
    from parser.pipeline import parse_path

    doc = parse_path(str(text))
    assert (doc.header.number, doc.header.date, doc.header.edition) == ("623", "2020-09-11", "2022-04-19")
    assert doc.header.sources["number"] == "act.ed2022-04-19.meta.yaml"


def test_bad_front_matter_is_an_error_with_the_line():
    doc = parse_text("---\ntitle: [unclosed\n---\n# О\n\nПРИКАЗЫВАЮ:\n\n1. Текст.\n", "x.md", "ru", "markdown")
    errors = [d for d in doc.diagnostics if d.severity == "error"]
    assert errors and "YAML" in errors[0].expected


def test_every_seed_line_is_in_a_line():
    """The markdown reader on the markdown seed: every non-blank source line is in some Line."""
    text = _read(os.path.join(SEEDS, "order-2017-10-25-360/ru.txt"))
    covered = {n for ln in normalise(text, "markdown") for n in range(ln.no, ln.last + 1)}
    assert covered == {n for n, row in enumerate(text.split("\n"), 1) if row.strip()}
