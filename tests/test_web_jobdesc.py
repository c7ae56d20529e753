"""The job-description builder page (/{lang}/jobdesc) and the document as an HR officer re-opens it."""

from __future__ import annotations

import io
import re
import zipfile
from html import unescape

import docx
import pytest
from docx.shared import Cm
from fastapi.testclient import TestClient

from api.app import create_app
from kb.build import build

SOCIAL = "580-%D0%9D%D2%9A%3Achp_2__para_4"  # 580-НҚ:chp_2__para_4, Социальный работник / Әлеуметтік жұмыскер
# a citation as the document writes it: a unit id, a bracketed [act, unit], or a unit name with its абзац
CITATION = re.compile(r"chp_\d|\[\d+|\[580|абз\. \d|\d-абзац|\d-тармақ, \d|п\. \d+, абз")


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(kb=build("corpus"))) as c:
        yield c


def _doc_url(fmt: str, cite: str, lang: str = "kk", date: str = "24.11.2026") -> str:
    return f"/kk/jobdesc/document.{fmt}?position={SOCIAL}&doc_lang={lang}&as_of={date}&cite={cite}"


def _docx(client, cite: str, lang: str = "kk"):
    r = client.get(_doc_url("docx", cite, lang))
    assert r.status_code == 200, r.text
    assert r.headers["content-disposition"].startswith("attachment;")
    return r.content, docx.Document(io.BytesIO(r.content))


def _body(doc) -> list[str]:
    """The paragraphs of the body that carry the document's lines (numbered 1.1, 2.1.3 …)."""
    return [p.text for p in doc.paragraphs if re.match(r"^\d+(\.\d+)+\. ", p.text)]


def _footnotes(blob: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        return z.read("word/footnotes.xml").decode() if "word/footnotes.xml" in z.namelist() else ""


def test_empty_form_in_both_languages(client):
    for lang, word in (("ru", "Должность"), ("kk", "Лауазым")):
        r = client.get(f"/{lang}/jobdesc")
        assert r.status_code == 200
        for name in (
            'name="position"',
            'name="doc_lang"',
            'name="as_of"',
            'name="cite"',
            'value="annex"',
            'value="off"',
        ):
            assert name in r.text
        assert word in r.text


def test_a_title_goes_to_the_permanent_link(client):
    r = client.get(
        "/kk/jobdesc?position=Социальный работник&act=580-НҚ&doc_lang=kk&as_of=24.11.2026&cite=off",
        follow_redirects=False,
    )
    assert r.status_code == 302
    assert r.headers["location"] == f"/kk/jobdesc?position={SOCIAL}&doc_lang=kk&as_of=24.11.2026&cite=off"
    page = client.get(r.headers["location"])
    assert page.status_code == 200
    assert "Лауазымдық нұсқаулық: Әлеуметтік жұмыскер" in page.text
    links = [unescape(u) for u in re.findall(r'href="(/kk/jobdesc/document\.\w+\?[^"]+)"', page.text)]
    assert {u.split("?")[0] for u in links} == {f"/kk/jobdesc/document.{f}" for f in ("docx", "html", "md")}
    assert all("cite=off" in u and "doc_lang=kk" in u and "as_of=24.11.2026" in u for u in links)
    assert '<iframe class="jd-preview"' in page.text
    # the document language is independent of the interface language
    ru = client.get(f"/ru/jobdesc?position={SOCIAL}&doc_lang=kk&as_of=24.11.2026&cite=off")
    assert ru.status_code == 200 and "Должностная инструкция: Әлеуметтік жұмыскер" in ru.text


def test_ambiguous_title_lists_candidates(client):
    r = client.get("/ru/jobdesc?position=Директор&as_of=24.11.2026")
    assert r.status_code == 200
    assert "подходит к нескольким должностям" in r.text
    assert len(re.findall(r'<li><a href="/ru/jobdesc\?position=', r.text)) > 1


def test_errors_are_pages_in_the_interface_language(client):
    r = client.get("/kk/jobdesc?position=жоқ-лауазым-xyz")
    assert r.status_code == 404 and "лауазымы табылмады" in r.text
    r = client.get("/ru/jobdesc?position=360:chp_2__para_1&doc_lang=kk&as_of=24.11.2026&cite=off")
    assert r.status_code == 404 and "нет текста на языке: казахский" in r.text
    assert client.get(_doc_url("pdf", "off")).status_code == 404
    assert client.get(_doc_url("md", "inline")).status_code == 422


def test_kk_docx_is_an_a4_document_with_an_approval_block_and_no_citations_when_off(client):
    blob, doc = _docx(client, "off")
    sec = doc.sections[0]
    assert abs(sec.page_width - Cm(21.0)) < Cm(0.05) and abs(sec.page_height - Cm(29.7)) < Cm(0.05)
    for margin in (sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin):
        assert Cm(1.4) < margin < Cm(3.1)
    assert doc.styles["Normal"].font.name == "Times New Roman"
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "БЕКІТЕМІН"
    assert "(ұйымның атауы)" in texts and "(басшының лауазымы)" in texts
    assert any(t == "Лауазымдық нұсқаулық: Әлеуметтік жұмыскер" for t in texts)
    body = _body(doc)
    assert len(body) > 30
    assert not [t for t in body if CITATION.search(t)]
    assert not _footnotes(blob)
    assert not doc.tables


def test_kk_docx_with_footnotes_cites_each_section_once(client):
    blob, doc = _docx(client, "footnotes")
    assert not [t for t in _body(doc) if CITATION.search(t)]
    notes = _footnotes(blob)
    assert "3.1–3.19: 580-НҚ, 4-параграф, 13-тармақ, 2–20-абзацтар" in notes
    assert "2.1.1–2.2.4: 580-НҚ, 4-параграф, 15-тармақ, 2–10-абзацтар" in notes
    refs = doc.element.body.xml.count("w:footnoteReference ")
    assert refs == len(re.findall(r'<w:footnote w:id="[1-9]', notes)) == 4  # one per section


def test_kk_docx_with_an_annex_maps_every_line(client):
    blob, doc = _docx(client, "annex")
    assert not [t for t in _body(doc) if CITATION.search(t)]
    assert not _footnotes(blob)
    (table,) = doc.tables
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == ["Жол", "Акт", "Құрылымдық бірлік", "Сәйкестендіргіш"]
    numbered = {t.split(". ", 1)[0] for t in _body(doc)}
    assert {r[0] for r in rows[1:]} == numbered - {
        "1.2",
        "1.3",
        "1.4",
        "1.6",
    }  # blanks and derived lines cite nothing
    assert ["3.1", "580-НҚ", "4-параграф, 13-тармақ, 2-абзац", "chp_2__para_4__point_13__al_2"] in rows


def test_kk_requirements_nest_categories_under_their_level(client):
    md = client.get(_doc_url("md", "off")).text
    req = md[md.index("## 2. Біліктілікке") : md.index("## 3.")]
    lines = [ln for ln in req.splitlines() if ln.strip().startswith("- ")]
    assert lines[0] == "- 2.1. Жоғары деңгейлі біліктілікке ие маман:"
    assert [ln.split(". ")[0].strip() for ln in lines] == [
        "- 2.1",
        "- 2.1.1",
        "- 2.1.2",
        "- 2.1.3",
        "- 2.1.4",
        "- 2.2",
        "- 2.2.1",
        "- 2.2.2",
        "- 2.2.3",
        "- 2.2.4",
    ]
    for ln in lines:  # the indent says the depth: a category under its level
        num = ln.strip()[2:].split(". ")[0]
        assert (len(ln) - len(ln.lstrip())) // 2 == num.count(".") - 1, ln
    ru = client.get(_doc_url("md", "off", "ru")).text
    ru_req = ru[ru.index("## 2. Требования") : ru.index("## 3.")]
    assert len([ln for ln in ru_req.splitlines() if ln.startswith("  - ")]) == 8  # the same shape in Russian


def test_warning_once_per_amending_act(client):
    lawyer = "580-%D0%9D%D2%9A%3Achp_2__para_12"
    md = client.get(
        f"/ru/jobdesc/document.md?position={lawyer}&doc_lang=ru&as_of=24.11.2026&cite=footnotes"
    ).text
    assert md.count("188-НҚ") == 1
    assert (
        "1. ⚠ с 12.07.2026 действует редакция приказа № 188-НҚ от 16.04.2026; её текста нет в корпусе — касается строк: 4.5"
        in md
    )
    assert "- 4.5. Текст прежней редакции: «законы Республики Казахстан" in md and "⚠1" in md
    before = client.get(
        f"/kk/jobdesc/document.md?position={lawyer}&doc_lang=kk&as_of=01.06.2026&cite=off"
    ).text
    assert before.count("188-НҚ") == 1 and "announced" not in before  # the pending notice in Kazakh, once


def test_html_document_is_printable_and_responsive(client):
    r = client.get(_doc_url("html", "footnotes"))
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "@page { size: A4" in r.text and "@media (max-width: 600px)" in r.text
    assert 'name="viewport"' in r.text and "БЕКІТЕМІН" in r.text
    assert len(re.findall(r"<sup class='fn'>", r.text)) == 4
