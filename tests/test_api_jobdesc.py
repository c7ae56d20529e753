"""/positions/{id}/job-description: the draft должностная инструкция / лауазымдық нұсқаулық."""

from __future__ import annotations

import io
import re

import docx
import pytest
from fastapi.testclient import TestClient
from lxml import html as lxml_html

from api.app import create_app
from kb.build import build

LAWYER = "/positions/580-НҚ:chp_2__para_12/job-description"
SOCIAL_WORKER_360 = "/positions/360:chp_2__para_1/job-description"  # a profession card corresponds
WARNING_RU = "⚠ с 12.07.2026 действует редакция приказа № 188-НҚ от 16.04.2026; её текста нет в корпусе"


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(kb=build("corpus"))) as c:
        yield c


def _get(client, url):
    r = client.get(url)
    assert r.status_code == 200, r.text
    return r


def test_markdown_ru_has_the_sections_and_cites_every_item(client):
    md = _get(client, f"{LAWYER}?lang=ru&as_of=2026-06-01&format=md").text
    assert md.startswith("# Должностная инструкция: Юрист")
    for heading in (
        "## Общие положения",
        "## Должностные обязанности",
        "## Должен знать",
        "## Требования к квалификации",
        "## Источники",
    ):
        assert heading in md
    assert "[580-НҚ, chp_2__para_12__point_37__al_2]" in md
    assert md.count("⚠") == md.count("188-НҚ of 2026-04-16 is announced")  # only the pending edition of the laws
    items = [ln for ln in md.splitlines() if re.match(r"\s*\d+\. ", ln) and "⚠" not in ln]  # a warning heads its item
    assert items and all(re.search(r"\[580-НҚ, chp_2__para_12(__\w+)?\]$", ln) for ln in items)


def test_every_line_of_the_json_cites_its_unit(client):
    jd = _get(client, f"{LAWYER}?lang=ru&as_of=2026-06-01&format=json").json()

    def walk(lines):
        for ln in lines:
            yield ln
            yield from walk(ln["children"])

    lines = [ln for sec in jd["sections"] for ln in walk(sec["lines"])]
    assert len(lines) > 15
    assert all(ln["cite"].startswith("[580-НҚ, chp_2__para_12__") for ln in lines)
    assert jd["optional"] == []


def test_superseded_unit_is_marked_not_used_silently(client):
    md = _get(client, f"{LAWYER}?lang=ru&as_of=2026-11-24").text
    assert WARNING_RU in md
    i = md.index(WARNING_RU, md.index("## Должен знать"))
    assert "Текст прежней редакции: «законы Республики Казахстан" in md[i : i + 400]
    assert "[580-НҚ, chp_2__para_12__point_38__al_6]" in md[i : i + 1200]


def test_kazakh_uses_the_kazakh_title_and_headings(client):
    md = _get(client, f"{LAWYER}?lang=kk&as_of=2026-06-01").text
    assert md.startswith(
        "# Лауазымдық нұсқаулық: Халыққа заңгерлік көмек көрсету жөніндегі заңгер-консультант"
    )
    for heading in (
        "## Жалпы ережелер",
        "## Лауазымдық міндеттері",
        "## Білуге тиіс",
        "## Біліктілікке қойылатын талаптар",
    ):
        assert heading in md
    assert "Должностные обязанности" not in md


def test_docx_opens_and_has_the_sections(client):
    r = _get(client, f"{LAWYER}?lang=kk&as_of=2026-11-24&format=docx")
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument")
    assert r.headers["content-disposition"].endswith('.docx"')
    doc = docx.Document(io.BytesIO(r.content))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == "Лауазымдық нұсқаулық: Халыққа заңгерлік көмек көрсету жөніндегі заңгер-консультант"
    assert {"Лауазымдық міндеттері", "Білуге тиіс", "Біліктілікке қойылатын талаптар", "Дереккөздер"} <= set(
        headings
    )
    numbered = [p for p in doc.paragraphs if p.style.name == "List Number"]
    assert len(numbered) > 15 and all("[580-НҚ, chp_2__para_12__" in p.text for p in numbered)
    assert any("⚠" in p.text and "188-НҚ" in p.text for p in doc.paragraphs)


def test_html_is_a_page_with_lists(client):
    r = _get(client, f"{LAWYER}?lang=ru&format=html")
    assert r.headers["content-type"].startswith("text/html")
    tree = lxml_html.fromstring(r.content)
    assert tree.findtext(".//h1") == "Должностная инструкция: Юрист"
    assert len(tree.findall(".//ol/li")) > 15


def test_profession_card_is_a_separate_optional_section(client):
    md = _get(client, f"{SOCIAL_WORKER_360}?lang=ru&as_of=2026-06-01").text
    optional = md.index("## Дополнительно (необязательный раздел): по карточке профессии")
    assert optional > md.index("## Требования к квалификации")
    card = md[optional:]
    assert "### Карточка профессии «Социальный работник» [125, chp_3__point_13]" in card
    # card 13 is announced in the edition of order № 109 (from 12.07.2026): each line says so first
    assert re.search(r"1\. (?:\*\*⚠[^\n]*\*\*\n\s+)?Трудовая функция 1 \(обязательная\): .+ \[125, chp_3__point_13__al_\d+\]", card)
    assert re.search(r"Навык 1: .+ \[125, chp_3__point_13__al_\d+\]", card)
    assert "[125]" in md[md.index("## Источники") :]


def test_card_restated_later_is_marked(client):
    md = _get(client, f"{SOCIAL_WORKER_360}?lang=ru&as_of=2026-11-24").text
    card = md[md.index("### Карточка профессии") :]
    assert "⚠ с 12.07.2026 действует редакция приказа № 109 от 31.03.2026" in card


def test_position_without_text_in_the_language(client):
    r = client.get(f"{SOCIAL_WORKER_360}?lang=kk")
    assert r.status_code == 404
    assert r.json()["detail"]["hint"] == "languages available: ru"


def test_unknown_format_is_422(client):
    r = client.get(f"{LAWYER}?format=pdf")
    assert r.status_code == 422 and r.json()["detail"]["parameter"] == "format"
