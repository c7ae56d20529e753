"""The job description builder, as an HR officer uses it: choose the position, the language and the
citations, preview, download the DOCX and open it again (python-docx)."""

from __future__ import annotations

import re
import zipfile

import docx
from playwright.sync_api import expect

#: A citation of the source as the document writes it ("580-НҚ, 4-параграф, 13-тармақ, 2–20-абзацтар").
CITATION = re.compile(r"580-НҚ,\s*\d+-параграф|\d+-тармақ,\s*[\d–-]+-абзац|\b(chp|para|point|al)_\d")


def _download(page, tmp_path, name):
    with page.expect_download() as info:
        page.locator("#jd-docx").click()
    dl = info.value
    assert dl.suggested_filename.endswith(".docx"), dl.suggested_filename
    path = tmp_path / name
    dl.save_as(path)
    return path


def _lines(document) -> list[str]:
    out = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            out.extend(c.text for c in row.cells)
    return [x for x in out if x.strip()]


def test_build_and_download_the_kk_job_description_of_the_social_worker(page, visit, server, tmp_path):
    visit("/ru/")
    page.get_by_role("navigation", name="main").get_by_role("link", name="Должностная инструкция").click()
    form = page.locator("form.jd-form")
    form.get_by_label("Должность", exact=True).fill("Социальный работник")
    form.get_by_label("Приказ").fill("580-НҚ")
    form.get_by_label("казахский").check()
    form.get_by_label("без ссылок").check()
    form.get_by_role("button", name="Составить").click()
    if page.locator(".jd-candidates").count():  # choose the plain Социальный работник of 580-НҚ
        page.locator(".jd-candidates li", has_text="580-НҚ").get_by_role(
            "link", name="Социальный работник", exact=True).click()
    # the title as the document gives it (kk) or in the interface language
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        re.compile("Социальный работник|Әлеуметтік жұмыскер"))
    expect(page).to_have_url(re.compile(r"doc_lang=kk.*cite=off|cite=off.*doc_lang=kk"))
    # the preview shows the Kazakh document with its approval block
    preview = page.frame_locator("#jd-preview")
    expect(preview.get_by_text("БЕКІТЕМІН")).to_be_visible()

    path = _download(page, tmp_path, "jd-off.docx")
    document = docx.Document(str(path))
    section = document.sections[0]
    assert abs(section.page_width.mm - 210) < 1 and abs(section.page_height.mm - 297) < 1, (
        section.page_width.mm, section.page_height.mm)
    lines = _lines(document)
    assert any(x.strip() == "БЕКІТЕМІН" for x in lines[:5]), lines[:5]  # the approval block on top
    assert any("Әлеуметтік жұмыскер" in x for x in lines[:15]), lines[:15]  # the kk title of the position
    cited = [x for x in lines if CITATION.search(x)]
    assert not cited, f"citations switched off, yet lines cite the source: {cited[:5]}"
    with zipfile.ZipFile(path) as z:
        assert "word/footnotes.xml" not in z.namelist()
        assert b"footnoteReference" not in z.read("word/document.xml")

    # with citations as footnotes (the switch on the page) the same document cites them, once per section
    page.locator(".jd-switch").get_by_role("link", name="сносками").click()
    expect(page).to_have_url(re.compile(r"cite=footnotes"))
    path = _download(page, tmp_path, "jd-footnotes.docx")
    with zipfile.ZipFile(path) as z:
        notes = z.read("word/footnotes.xml").decode()
    assert CITATION.search(notes), notes[:500]
    assert not [x for x in _lines(docx.Document(str(path))) if CITATION.search(x)], "citations on the lines"
