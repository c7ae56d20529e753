"""The job description as Markdown and as a printable, responsive HTML page (see :mod:`api.jobdesc`).

HTML: Times New Roman 12 pt, ``@page { size: A4 }`` with the margins of the DOCX, the approval
block at the top right, warnings once in a box, footnotes at the end (one per section) or the
annex table on its own printed page; below 600 px the blocks take the full width.
"""

from __future__ import annotations

import html
from typing import Any

from .jobdesc import shown, warn_mark


def _md(text: str) -> str:
    return text.replace("\n", " ").replace("*", r"\*").replace("_", r"\_")


def to_markdown(jd: dict[str, Any]) -> str:
    cite = jd["cite_mode"]
    ap = jd["approval"]
    out = [f"**{ap['heading']}**  "]
    out += [f"{_md(f['blank'])} ({f['caption']})  " for f in ap["fields"]]
    out += [_md(ap["date"]), ""]
    df = jd["doc_fields"]
    out += [
        f"# {jd['heading']}",
        "",
        f"{_md(df['number'])} · {_md(df['place'])} ({df['place_caption']}) · {_md(df['date'])}",
        "",
        f"> {jd['draft']}",
        "",
    ]
    if jd["warnings"]:
        out += [f"**{jd['warnings_heading']}:**", ""]
        out += [
            f"{w['n']}. {w['text']}"
            + (f" — {jd['warnings_concerns']}: {', '.join(w['lines'])}" if w["lines"] else "")
            for w in jd["warnings"]
        ]
        out.append("")
    notes: list[tuple[str, str]] = []

    def heading(level: str, sec: dict[str, Any]) -> str:
        mark = ""
        if cite == "footnotes" and sec.get("footnote"):
            notes.append((f"s{sec['num']}", sec["footnote"]))
            mark = f"[^s{sec['num']}]"
        return f"{level} {sec['num']}. {sec['heading']}{mark}"

    def lines(items, depth=0):
        for ln in items:
            pad = "  " * depth
            label = f"**{ln['label']}:** " if ln.get("label") else ""
            words = (
                _md(shown(jd, ln))
                if not ln.get("blank")
                else _md(ln["text"]) + (f" ({ln['caption']})" if ln.get("caption") else "")
            )
            mark = f" {warn_mark(ln)}" if ln.get("warn_refs") else ""
            out.append(f"{pad}- {ln['num']}. {label}{words}{mark}")
            lines(ln["children"], depth + 1)

    for sec in jd["sections"]:
        out += [heading("##", sec), ""]
        lines(sec["lines"]) if sec["lines"] else out.append(jd["empty"])
        out.append("")
    if jd["optional"]:
        out += ["---", "", f"## {jd['optional_heading']}", "", f"_{jd['optional_note']}_", ""]
        for sec in jd["optional"]:
            out += [heading("###", sec) + (f" {warn_mark(sec)}" if sec.get("warn_refs") else ""), ""]
            out += [f"_{n}_" for n in sec["notes"]] + [""]
            lines(sec["lines"])
            out.append("")
    aq = jd["acquainted"]
    out += [f"{aq['heading']}: {_md(aq['blank'])} ({aq['caption']}) {_md(aq['date'])}", ""]
    out += [f"## {jd['sources_heading']}", ""] + [f"- [{s['key']}] {s['text']}" for s in jd["sources"]]
    if cite == "annex":
        cols = jd["annex_columns"]
        out += ["", f"## {jd['annex_heading']}", "", "| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
        out += [f"| {a['line']} | {a['act']} | {a['unit']} | {_md(a['eid'])} |" for a in jd["annex"]]
    if notes:
        out.append("")
        out += [f"[^{k}]: {text}" for k, text in notes]
    return "\n".join(out).rstrip() + "\n"


CSS = """
@page { size: A4; margin: 20mm 15mm 20mm 25mm; }
body { font-family: "Times New Roman", Times, "Liberation Serif", serif; font-size: 12pt; line-height: 1.4;
  color: #000; background: #fff; max-width: 46em; margin: 0 auto; padding: 1.5em 1em; }
h1 { font-size: 14pt; text-align: center; margin: 1.2em 0 .3em; }
h2 { font-size: 12pt; margin: 1.2em 0 .4em; }
h3 { font-size: 12pt; font-style: italic; margin: 1em 0 .4em; }
.approval { margin: 0 0 1em auto; width: 19em; max-width: 100%; }
.approval p { margin: .15em 0; }
.blank { display: block; border-bottom: 1px solid #000; min-height: 1.2em; }
.caption { display: block; font-size: 8pt; text-align: center; color: #333; }
.docfields { text-align: center; margin: 0 0 1em; }
.draft { font-style: italic; font-size: 10pt; color: #444; border-left: 3px solid #bbb; padding-left: .6em; }
.warnings { border: 1px solid #a30; padding: .4em .8em; margin: 1em 0; }
.warnings p, .warnings li { color: #a30; }
.warn { color: #a30; font-weight: bold; font-size: .85em; }
ol.items { list-style: none; padding-left: 0; margin: .2em 0; }
ol.items ol.items { padding-left: 1.6em; }
ol.items li { margin: .2em 0; text-align: justify; }
.num { font-weight: normal; margin-right: .3em; }
.old { color: #555; }
.fill { display: inline-block; min-width: 12em; border-bottom: 1px solid #000; }
.fn { font-size: .7em; vertical-align: super; line-height: 0; }
.fn a { text-decoration: none; }
.optional { border-top: 1px dashed #999; margin-top: 1.5em; }
.notes, .sources, .annex { font-size: 10pt; }
.notes { border-top: 1px solid #000; margin-top: 1.5em; padding-top: .4em; }
.annex table { border-collapse: collapse; width: 100%; }
.annex th, .annex td { border: 1px solid #777; padding: .15em .4em; text-align: left; vertical-align: top; }
.annex td.id { font-family: monospace; font-size: 8pt; word-break: break-all; }
.acquainted { margin-top: 2em; }
@media (max-width: 600px) {
  body { padding: 1em .6em; font-size: 11pt; }
  .approval { width: auto; }
  ol.items ol.items { padding-left: .8em; }
  .annex td.id { display: none; }
  .annex th:last-child { display: none; }
}
@media print { body { max-width: none; padding: 0; } .annex { break-before: page; } a { color: #000; } }
"""


def to_html(jd: dict[str, Any]) -> str:
    e = html.escape
    cite = jd["cite_mode"]
    ap, df = jd["approval"], jd["doc_fields"]
    out = [
        f'<!doctype html><html lang="{jd["lang"]}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(jd['heading'])}</title><style>{CSS}</style></head><body>",
        f"<div class='approval'><p><strong>{e(ap['heading'])}</strong></p>",
    ]
    out += [
        f"<p><span class='blank'></span><span class='caption'>({e(f['caption'])})</span></p>"
        for f in ap["fields"]
    ]
    out += [
        f"<p>{e(ap['date'])}</p></div>",
        f"<h1>{e(jd['heading'])}</h1>",
        f"<p class='docfields'>{e(df['number'])} · <span class='fill'></span> ({e(df['place_caption'])}) · {e(df['date'])}</p>",
        f"<p class='draft'>{e(jd['draft'])}</p>",
    ]
    if jd["warnings"]:
        out.append(
            f"<div class='warnings' role='note'><p><strong>{e(jd['warnings_heading'])}</strong></p><ol>"
        )
        for w in jd["warnings"]:
            concern = f" — {e(jd['warnings_concerns'])}: {e(', '.join(w['lines']))}" if w["lines"] else ""
            out.append(f"<li id='w{w['n']}'>{e(w['text'])}{concern}</li>")
        out.append("</ol></div>")
    notes: list[tuple[str, str]] = []

    def fn(sec) -> str:
        if cite != "footnotes" or not sec.get("footnote"):
            return ""
        notes.append((sec["num"], sec["footnote"]))
        k = len(notes)
        return f"<sup class='fn'><a href='#fn{k}' id='fnref{k}'>{k}</a></sup>"

    def marks(ln) -> str:
        return "".join(f" <a class='warn' href='#w{n}'>⚠{n}</a>" for n in ln.get("warn_refs", []))

    def lines(items) -> str:
        parts = []
        for ln in items:
            label = f"<strong>{e(ln['label'])}:</strong> " if ln.get("label") else ""
            if ln.get("blank"):
                words = "<span class='fill'></span>" + (f" ({e(ln['caption'])})" if ln.get("caption") else "")
            else:
                cls = "" if ln.get("in_force", True) else " class='old'"
                words = f"<span{cls}>{e(shown(jd, ln))}</span>"
            kids = lines(ln["children"]) if ln["children"] else ""
            parts.append(
                f"<li data-unit='{e(ln.get('eid') or '')}'><span class='num'>{e(ln['num'])}.</span> {label}{words}{marks(ln)}{kids}</li>"
            )
        return "<ol class='items'>" + "".join(parts) + "</ol>"

    for sec in jd["sections"]:
        body = lines(sec["lines"]) if sec["lines"] else f"<p>{e(jd['empty'])}</p>"
        out.append(
            f"<section id='s{sec['num']}'><h2>{e(sec['num'])}. {e(sec['heading'])}{fn(sec)}</h2>{body}</section>"
        )
    if jd["optional"]:
        out.append(
            f"<section class='optional'><h2>{e(jd['optional_heading'])}</h2><p><em>{e(jd['optional_note'])}</em></p>"
        )
        for sec in jd["optional"]:
            out.append(f"<h3>{e(sec['num'])}. {e(sec['heading'])}{fn(sec)}{marks(sec)}</h3>")
            out += [f"<p><em>{e(n)}</em></p>" for n in sec["notes"]]
            out.append(lines(sec["lines"]))
        out.append("</section>")
    aq = jd["acquainted"]
    out.append(
        f"<p class='acquainted'>{e(aq['heading'])}: <span class='fill'></span> ({e(aq['caption'])}) {e(aq['date'])}</p>"
    )
    out.append(
        f"<section class='sources'><h2>{e(jd['sources_heading'])}</h2><ul>"
        + "".join(f"<li>[{e(s['key'])}] {e(s['text'])}</li>" for s in jd["sources"])
        + "</ul></section>"
    )
    if cite == "annex":
        head = "".join(f"<th>{e(c)}</th>" for c in jd["annex_columns"])
        rows = "".join(
            f"<tr><td>{e(a['line'])}</td><td>{e(a['act'])}</td><td>{e(a['unit'])}</td><td class='id'>{e(a['eid'])}</td></tr>"
            for a in jd["annex"]
        )
        out.append(
            f"<section class='annex'><h2>{e(jd['annex_heading'])}</h2><table><thead><tr>{head}</tr></thead>"
            f"<tbody>{rows}</tbody></table></section>"
        )
    if notes:
        out.append(
            "<section class='notes'><ol>"
            + "".join(
                f"<li id='fn{k}'>{e(text)} <a href='#fnref{k}'>↩</a></li>"
                for k, (_, text) in enumerate(notes, 1)
            )
            + "</ol></section>"
        )
    out.append("</body></html>")
    return "\n".join(out) + "\n"
