"""The job description as a .docx an HR officer prints and signs (see :mod:`api.jobdesc`).

A4 portrait, margins 2 cm (left 2.5 cm for binding), Times New Roman 12 pt everywhere (the
template's theme fonts and blue headings are replaced); the approval block at the top right
with blanks and their captions; lines numbered in the text (``3.2``), not by Word's list
numbering, so the numbers the warnings, footnotes and annex name are the ones printed.
Citations (``jd["cite_mode"]``): real Word footnotes, one per section heading
(``word/footnotes.xml``); an annex table on its own page; or none.
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from .jobdesc import shown

FONT = "Times New Roman"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:separator/></w:r></w:p></w:footnote>"
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
    "</w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
)


def _font(style_or_run, size: float | None = None, bold: bool | None = None, color=None) -> None:
    """Set the font on a style or run, dropping theme fonts (which would win over the name)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    font = style_or_run.font
    font.name = FONT
    rpr = style_or_run.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn(f"w:{attr}"), FONT)
    if size:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    font.color.rgb = color or RGBColor(0, 0, 0)


class _Footnotes:
    """Word footnotes: a ``footnotes.xml`` part related to the document, referenced by runs."""

    def __init__(self) -> None:
        self.notes: list[str] = []

    def add(self, par, text: str) -> None:
        from docx.oxml import parse_xml

        self.notes.append(text)
        n = len(self.notes)
        par._p.append(
            parse_xml(
                f'<w:r xmlns:w="{_W}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:footnoteReference w:id="{n}"/></w:r>'
            )
        )

    def attach(self, doc) -> None:
        if not self.notes:
            return
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        body = "".join(
            f'<w:footnote w:id="{i}"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
            f'<w:r><w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/><w:vertAlign w:val="superscript"/>'
            f'<w:sz w:val="20"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/><w:sz w:val="20"/></w:rPr>'
            f'<w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>'
            for i, text in enumerate(self.notes, 1)
        )
        xml = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{_W}">'
            f"{_SEPARATORS}{body}</w:footnotes>"
        ).encode()
        part = Part(PackURI("/word/footnotes.xml"), _FOOTNOTES_CT, xml, doc.part.package)
        doc.part.relate_to(part, RT.FOOTNOTES)


def to_docx(jd: dict[str, Any]) -> bytes:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    red = RGBColor(0xAA, 0x33, 0x00)
    grey = RGBColor(0x55, 0x55, 0x55)
    cite = jd["cite_mode"]
    doc = docx.Document()
    doc.core_properties.title = jd["heading"]
    doc.core_properties.language = jd["lang"]
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.top_margin = sec.bottom_margin = Cm(2)
    sec.left_margin, sec.right_margin = Cm(2.5), Cm(1.5)
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "List Bullet"):
        st = doc.styles[name]
        _font(
            st,
            {"Title": 14, "Heading 1": 12, "Heading 2": 12}.get(name, 12),
            bold=name.startswith(("Title", "Heading")),
        )
    normal = doc.styles["Normal"].paragraph_format
    normal.space_after, normal.line_spacing = Pt(3), 1.15
    for name in ("Title", "Heading 1", "Heading 2"):
        pf = doc.styles[name].paragraph_format
        pf.space_before, pf.space_after = Pt(12 if name != "Title" else 6), Pt(6)
    title_pf = doc.styles["Title"].paragraph_format
    title_pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # the Title style of the template draws a blue rule under the title: none on a signed document
    pbdr = (
        doc.styles["Title"].element.pPr.find("{%s}pBdr" % _W)
        if doc.styles["Title"].element.pPr is not None
        else None
    )
    if pbdr is not None:
        pbdr.getparent().remove(pbdr)
    notes = _Footnotes()

    def run(par, text, *, bold=None, italic=None, color=None, size=None):
        r = par.add_run(text)
        if bold is not None:
            r.bold = bold
        if italic is not None:
            r.italic = italic
        if color is not None:
            r.font.color.rgb = color
        if size:
            r.font.size = Pt(size)
        return r

    def right_block(text="", caption=None, bold=False):
        par = doc.add_paragraph()
        par.paragraph_format.left_indent = Cm(9.5)
        par.paragraph_format.space_after = Pt(0)
        if text:
            run(par, text, bold=bold)
        if caption:
            cap = doc.add_paragraph()
            cap.paragraph_format.left_indent = Cm(9.5)
            cap.paragraph_format.space_after = Pt(4)
            cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run(cap, f"({caption})", size=8, color=grey)
        return par

    # approval block (blanks the employer fills)
    ap = jd["approval"]
    right_block(ap["heading"], bold=True).paragraph_format.space_after = Pt(6)
    for f in ap["fields"]:
        right_block(f["blank"], f["caption"])
    right_block(ap["date"])
    # title, number, place, date
    doc.add_paragraph()
    doc.add_paragraph(jd["heading"], style="Title")
    df = jd["doc_fields"]
    par = doc.add_paragraph()
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(par, f"{df['number']}    {df['date']}")
    par = doc.add_paragraph()
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(par, df["place"] + " ")
    run(par, f"({df['place_caption']})", size=8, color=grey)
    run(doc.add_paragraph(), jd["draft"], italic=True, size=10, color=grey)
    if jd["warnings"]:
        run(doc.add_paragraph(), jd["warnings_heading"] + ":", bold=True, color=red)
        for w in jd["warnings"]:
            par = doc.add_paragraph()
            par.paragraph_format.left_indent = Cm(0.6)
            concern = f" — {jd['warnings_concerns']}: {', '.join(w['lines'])}" if w["lines"] else ""
            run(par, f"{w['n']}. {w['text']}{concern}", color=red, size=10)

    def marks(par, ln):
        for n in ln.get("warn_refs", []):
            r = run(par, f" ⚠{n}", bold=True, color=red)
            r.font.superscript = True

    def lines(items, depth=0):
        for ln in items:
            par = doc.add_paragraph()
            pf = par.paragraph_format
            pf.left_indent = Cm(0.9 * depth + 0.9)
            pf.first_line_indent = Cm(-0.9)
            pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            run(par, f"{ln['num']}. ")
            if ln.get("label"):
                run(par, f"{ln['label']}: ", bold=True)
            if ln.get("blank"):
                run(par, ln["text"])
                if ln.get("caption"):
                    run(par, f" ({ln['caption']})", size=8, color=grey)
            else:
                r = run(par, shown(jd, ln))
                if not ln.get("in_force", True):
                    r.font.color.rgb = grey
            marks(par, ln)
            lines(ln["children"], depth + 1)

    def heading(text, level, sec):
        par = doc.add_heading(f"{sec['num']}. {text}", level=level)
        if cite == "footnotes" and sec.get("footnote"):
            notes.add(par, sec["footnote"])
        return par

    for s in jd["sections"]:
        heading(s["heading"], 1, s)
        lines(s["lines"]) if s["lines"] else doc.add_paragraph(jd["empty"])
    if jd["optional"]:
        doc.add_heading(jd["optional_heading"], level=1)
        run(doc.add_paragraph(), jd["optional_note"], italic=True)
        for s in jd["optional"]:
            marks(heading(s["heading"], 2, s), s)
            for n in s["notes"]:
                run(doc.add_paragraph(), n, italic=True)
            lines(s["lines"])
    aq = jd["acquainted"]
    par = doc.add_paragraph()
    par.paragraph_format.space_before = Pt(18)
    run(par, f"{aq['heading']}: {aq['blank']} ")
    run(par, f"({aq['caption']})", size=8, color=grey)
    run(par, f"  {aq['date']}")
    doc.add_heading(jd["sources_heading"], level=1)
    for s in jd["sources"]:
        par = doc.add_paragraph(style="List Bullet")
        run(par, f"[{s['key']}] {s['text']}", size=10)
    if cite == "annex":
        doc.add_page_break()
        doc.add_heading(jd["annex_heading"], level=1)
        table = doc.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, jd["annex_columns"], strict=False):
            run(cell.paragraphs[0], text, bold=True, size=9)
        for a in jd["annex"]:
            cells = table.add_row().cells
            for cell, text in zip(cells, (a["line"], a["act"], a["unit"], a["eid"]), strict=False):
                run(cell.paragraphs[0], text or "", size=9)
        for row in table.rows:
            for cell, width in zip(row.cells, (Cm(1.6), Cm(2.2), Cm(5.2), Cm(8.0)), strict=False):
                cell.width = width
    notes.attach(doc)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
