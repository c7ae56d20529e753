"""Markdown as published: pages converted to markdown (seed 002) and the official register's
exports (corpus-dev).  Bytes of markup are noise; the text and where it came from are kept.

What the reader recognises, line by line (each kept as a :class:`~parser.models.Line` with
its source line; blank lines carry no text and are dropped):

* YAML front matter (``---`` … ``---`` at the top) → lines marked ``front_matter`` (the
  requisites are read from it by :mod:`parser.requisites`);
* ``#`` headings of any depth, ``**bold**`` and ``*italic*`` wrappers → marks ``heading``,
  ``bold``, ``italic`` (the depth is not structure: it varies between exports);
* ``> …`` quote lines (notes, stamps, approval blocks) → mark ``quote``;
* markdown escapes (``4\\.``, ``\\*``) → the character itself, mark ``escaped``;
* ``<a id="p1"></a>`` anchor lines → mark ``anchor`` (kept, filed in a bucket by the
  structure pass);
* inline ``<table>`` … ``</table>`` blocks → one line per line of text of each cell, with its
  :class:`~parser.models.Cell` (:mod:`parser.tables`), mark ``table``;
* code fences (forms drawn with characters) → lines marked ``form``: kept as a form, never
  read as points;
* list items ``- …`` / ``* …`` / ``+ …`` → their text, mark ``bullet``.
"""

from __future__ import annotations

import re

from .clean import clean_text, markdown_quote
from .models import Line
from .tables import parse_fragment, table_lines

_QUOTE = re.compile(r"^\s*>\s?")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s*")
_ANCHOR = re.compile(r"""^\s*(?:<a\s+(?:id|name)=["'][^"']*["']\s*/?>\s*(?:</a>)?\s*)+$""", re.I)
_FENCE = re.compile(r"^\s*(?:```|~~~)")
_TABLE_OPEN = re.compile(r"<table\b", re.I)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.I)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~\"'])")
_BULLET = re.compile(r"^\s*(?:[-+]|\*(?!\*))\s+(?=\S)")  # "- item", "* item", "+ item" (not "**bold")
_INLINE_TAG = re.compile(r"</?(?:a|b|i|u|em|strong|span|sup|sub|br|font)\b[^<>]{0,200}>", re.I)


def unescape(text: str) -> str:
    r"""Markdown backslash escapes → the character.

    >>> unescape(r"4\. Приказ"), unescape(r"\*\*")
    ('4. Приказ', '**')
    """
    return _ESCAPE.sub(r"\1", text)


def strip_inline_html(text: str) -> str:
    """Inline tags (``<sup>``, ``<br>``, ``<span …>``) outside tables → their text.

    >>> strip_inline_html("м<sup>2</sup> на<br/>одного")
    'м2 наодного'
    """
    return _INLINE_TAG.sub("", text)


def _front_matter_end(rows: list[str]) -> int:
    if rows and rows[0].strip() == "---":
        return next((k + 1 for k in range(1, len(rows)) if rows[k].strip() in ("---", "...")), 0)
    return 0


def markdown_lines(text: str) -> list[Line]:
    """The clean lines of a markdown text (see the module docstring for what is recognised)."""
    out: list[Line] = []
    rows = text.split("\n")
    front_end = _front_matter_end(rows)
    tables = 0
    fence = False
    k = 0
    while k < len(rows):
        no, raw = k + 1, rows[k]
        k += 1
        if no <= front_end:
            if raw.strip():
                out.append(Line(no=no, text=raw.rstrip(), end=no, marks=("front_matter",)))
            continue
        if _FENCE.match(raw):
            fence = not fence
            out.append(Line(no=no, text=raw.strip(), end=no, marks=("form", "markup_only")))
            continue
        if fence:
            if raw.strip():
                out.append(Line(no=no, text=raw.rstrip(), end=no, marks=("form",)))
            continue
        if not raw.strip():
            continue
        if _TABLE_OPEN.search(raw) and not _QUOTE.match(raw):
            end = k - 1
            while end < len(rows) and not _TABLE_CLOSE.search(rows[end]):
                end += 1
            end = min(end, len(rows) - 1)
            block = "\n".join(rows[k - 1 : end + 1])
            tables += 1
            try:
                cells = table_lines(parse_fragment(block), no, tables)
            except ValueError:
                cells = []
            out.extend(cells)
            covered = {ln.no for ln in cells}
            for j in range(k - 1, end + 1):  # the markup lines themselves: kept, marked
                if rows[j].strip() and j + 1 not in covered:
                    out.append(Line(no=j + 1, text=rows[j].strip(), end=j + 1, marks=("table", "markup_only")))
            k = end + 1
            continue
        if _ANCHOR.match(raw):
            out.append(Line(no=no, text=raw.strip(), end=no, marks=("anchor", "markup_only")))
            continue
        out.append(_text_line(no, raw))
    out.sort(key=lambda ln: ln.no)  # table markup lines were appended after their cells
    return out


def _text_line(no: int, raw: str) -> Line:
    marks = []
    if _QUOTE.match(raw):
        marks.append("quote")
        raw = markdown_quote(raw)
    if _MD_HEADING.match(raw):
        marks.append("heading")
    elif _BULLET.match(raw) and not raw.strip().endswith("*"):  # a list item: the marker is markup
        marks.append("bullet")
        raw = _BULLET.sub("", raw, count=1)
    if "**" in raw:
        marks.append("bold")
    italic = raw.strip().startswith("*") and not raw.strip().startswith("**")
    if "\\" in raw and _ESCAPE.search(raw):
        marks.append("escaped")
    if "<" in raw and _INLINE_TAG.search(raw):
        raw = strip_inline_html(raw)
    body = clean_text(raw, ["markdown_heading", "markdown_emphasis", "nbsp", "collapse_spaces"])
    body = unescape(body)
    if italic:
        marks.append("italic")
    if not body:  # a line of only markers, e.g. "****"
        body = raw.strip()
        marks.append("markup_only")
    return Line(no=no, text=body, end=no, marks=tuple(marks))
