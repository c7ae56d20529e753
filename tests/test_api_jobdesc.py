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


def test_markdown_ru_has_the_sections_in_hr_order_and_cites_them_in_footnotes(client):
    # shape changed (issue 11, item 3): approval block first, sections numbered in the order HR uses,
    # citations in one footnote per section (default) instead of on every line, the warning once
    md = _get(client, f"{LAWYER}?lang=ru&as_of=2026-06-01&format=md").text
    assert md.startswith("**УТВЕРЖДАЮ**")
    assert "# Должностная инструкция: Юрист" in md
    heads = [ln for ln in md.splitlines() if ln.startswith("## ")]
    assert heads == [
        "## 1. Общие положения[^s1]",
        "## 2. Требования к квалификации[^s2]",
        "## 3. Должностные обязанности[^s3]",
        "## 4. Должен знать[^s4]",
        "## Источники",
    ]
    assert "[^s3]: 3.1–3.5: 580-НҚ, § 12, п. 37, абз. 2–6" in md
    assert md.count("⚠") == 2 and md.count("188-НҚ") == 1  # the pending edition said once, marked on its line
    items = [ln for ln in md.splitlines() if re.match(r"\s*- \d+\.\d+", ln)]
    assert items and not [ln for ln in items if "chp_" in ln or "[580" in ln]


def test_every_line_of_the_json_cites_its_unit(client):
    jd = _get(client, f"{LAWYER}?lang=ru&as_of=2026-06-01&format=json").json()

    def walk(lines):
        for ln in lines:
            yield ln
            yield from walk(ln["children"])

    lines = [ln for sec in jd["sections"] if sec["key"] != "general" for ln in walk(sec["lines"])]
    assert len(lines) > 15
    assert all(ln["cite"].startswith("[580-НҚ, chp_2__para_12__") for ln in lines)
    assert {a["eid"] for a in jd["annex"]} >= {ln["eid"] for ln in lines}
    assert jd["optional"] == []


def test_superseded_unit_is_marked_not_used_silently(client):
    md = _get(client, f"{LAWYER}?lang=ru&as_of=2026-11-24").text
    assert md.count(WARNING_RU) == 1 and md.index(WARNING_RU) < md.index(
        "## 1. Общие положения"
    )  # said once, above
    i = md.index("- 4.5. ", md.index("## 4. Должен знать"))
    assert md[i:].startswith("- 4.5. Текст прежней редакции: «законы Республики Казахстан")
    assert md[i : md.index("\n", i)].endswith("⚠1")
    assert "4.1–4.11: 580-НҚ, § 12, п. 38, абз. 2–12" in md  # al_6 is 4.5


def test_kazakh_uses_the_kazakh_title_and_headings(client):
    md = _get(client, f"{LAWYER}?lang=kk&as_of=2026-06-01").text
    assert md.startswith("**БЕКІТЕМІН**")
    assert "# Лауазымдық нұсқаулық: Халыққа заңгерлік көмек көрсету жөніндегі заңгер-консультант" in md
    for heading in (
        "## 1. Жалпы ережелер",
        "## 3. Лауазымдық міндеттері",
        "## 4. Білуге тиіс",
        "## 2. Біліктілікке қойылатын талаптар",
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
    assert {
        "3. Лауазымдық міндеттері",
        "4. Білуге тиіс",
        "2. Біліктілікке қойылатын талаптар",
        "Дереккөздер",
    } <= set(headings)
    numbered = [
        p for p in doc.paragraphs if re.match(r"^\d+\.\d+\. ", p.text)
    ]  # numbers in the text, HR style
    assert len(numbered) > 15 and not [p for p in numbered if "chp_" in p.text]  # citations in footnotes
    assert sum("188-НҚ" in p.text for p in doc.paragraphs) == 1


def test_html_is_a_page_with_lists(client):
    r = _get(client, f"{LAWYER}?lang=ru&format=html")
    assert r.headers["content-type"].startswith("text/html")
    tree = lxml_html.fromstring(r.content)
    assert tree.findtext(".//h1") == "Должностная инструкция: Юрист"
    assert len(tree.findall(".//ol/li")) > 15


def test_profession_card_is_a_separate_optional_section(client):
    md = _get(client, f"{SOCIAL_WORKER_360}?lang=ru&as_of=2026-06-01").text
    optional = md.index("## Дополнительно (необязательный раздел): по карточке профессии")
    assert optional > md.index("## 4. Должен знать") > md.index("## 2. Требования к квалификации")
    card = md[optional:]
    assert re.search(r"### 5\. Карточка профессии «Социальный работник»\[\^s5\]", card)
    assert re.search(r"- 5\.1\. Трудовая функция 1 \(обязательная\): .+", card)
    assert re.search(r"  - 5\.1\.1\. Навык 1: .+", card)
    assert re.search(r"\[\^s5\]: 125, 3-тарау, 13-тармақ|\[\^s5\]: 125, гл\. 3, п\. 13; 5\.1", md)
    assert "[125]" in md[md.index("## Источники") :]


def test_card_restated_later_is_marked(client):
    md = _get(client, f"{SOCIAL_WORKER_360}?lang=ru&as_of=2026-11-24").text
    card = md[md.index("### 5. Карточка профессии") :]
    assert card.splitlines()[0].endswith("⚠1")  # the card's warning once, on its heading
    warning = md[: md.index("## 1.")]
    assert "1. ⚠ с 12.07.2026 действует редакция приказа № 109 от 31.03.2026" in warning


def test_position_without_text_in_the_language(client):
    r = client.get(f"{SOCIAL_WORKER_360}?lang=kk")
    assert r.status_code == 404
    assert r.json()["detail"]["hint"] == "languages available: ru"


def test_unknown_format_is_422(client):
    r = client.get(f"{LAWYER}?format=pdf")
    assert r.status_code == 422 and r.json()["detail"]["parameter"] == "format"
