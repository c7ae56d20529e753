"""adilet.zan.kz pages (the complete HTML, site chrome and all) → clean lines.

A page of the official register holds the act in two places among menus, banners and scripts:

* ``<div class="container_alpha slogan">``: the act's title (``<h1>``), a status badge
  (``<span class="status …">Утративший силу</span>``, drawn by the site) and the requisites
  paragraph ("Приказ Министра … от … № 688. Зарегистрирован в Министерстве юстиции … № 14606.
  Утратил силу приказом …");
* ``<div class="container_gamma text text_new">`` (``text_yts`` for a repealed act): the text,
  one ``<p>`` per paragraph (``id="zN"`` anchors), tables, and the amendment notes as
  ``<p class="note">`` / ``<span class="note">`` ("Сноска. …", "Ескерту. …") or red
  ``<font color="#FF0000">`` ("Примечание ИЗПИ!").

:func:`adilet_html_lines` keeps every paragraph of those two blocks as one
:class:`~parser.models.Line` (``<br>`` and block elements start a new line; source line breaks
inside a paragraph are only HTML whitespace), tables through :func:`parser.tables.table_lines`,
and drops the rest of the page.  Marks:

* ``"title"`` + ``"heading"``: the ``<h1>`` title; ``"requisites"``: the requisites, joined into
  one line whatever ``<p>``/``<br>`` the slogan block splits them with;
* ``"note"``: the whole line sits in note markup (class ``note`` or a red font/colour) — a line
  never mixes a note with text, the reader splits where the markup changes;
* ``"heading"``: ``<h1>``…``<h6>`` or a centred paragraph; ``"stamp"``: a right-aligned one;
* ``"bold"`` / ``"italic"``: the whole line is bold / italic (article titles of laws are
  ``<p><b>Статья 7. …</b></p>``; "ПРИКАЗЫВАЮ:" is bold too, so bold alone is not a heading);
* ``"flush"``: the paragraph does not open with the site's NBSP indent (as in
  :func:`parser.clean.adilet_lines`: body paragraphs are indented, titles and stamps are not);
* ``"pre"``: a line of a ``<pre>`` block; ``"table"``: a table cell line (with its ``cell``).

Line numbers are those of the file after CRLF → LF.  libxml2 stops counting source lines at
65535; a longer page is read with each start tag's line written into it first (see
:func:`_parse`), so a code of 100 000 lines still gets its real line numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from copy import deepcopy
from dataclasses import replace

from lxml import etree, html

from .models import Line
from .tables import table_lines

# --- where the act is on the page ------------------------------------------------------

TITLE_CLASS = "slogan"  # div.container_alpha.slogan: <h1> title, status badge, requisites <p>
TEXT_CLASSES = frozenset({"container_gamma", "text"})  # div.container_gamma.text.text_new: the act's text
CHROME_CLASSES = frozenset({"status", "social-buttons"})  # site-drawn parts inside those blocks

_SKIP = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg", "head", "title"})
_BLOCK = frozenset({
    "p", "div", "article", "section", "header", "footer", "main", "aside", "nav", "blockquote", "center",
    "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "pre", "hr", "address",
    "figure", "figcaption", "caption", "form", "fieldset", "legend", "body", "html",
})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_LINE_FLAGS = ("note", "heading", "stamp", "bold", "italic", "pre")  # marks a whole line must carry

_MAX_SOURCELINE = 65535  # libxml2 keeps line numbers in an unsigned short
_START_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9]*)(?=[\s/>])")
_LINE_ATTR = "data-zangraph-line"

_HTML_DOC = re.compile(r"<!DOCTYPE\s+html|<html\b|<body\b", re.I)
_TEXT_CONTAINER = re.compile(r"""class\s*=\s*["'][^"']*\bcontainer_gamma\s+text\b""", re.I)
_SLOGAN = re.compile(r"""class\s*=\s*["'][^"']*\bslogan\b""", re.I)
_ARTICLE = re.compile(r"<article\b", re.I)
_ADILET_SITE = re.compile(r"adilet\.zan\.kz|ИПС\s+\S?Әділет|Институт\s+законодательства", re.I)
_ALIGN = re.compile(r"text-align\s*:\s*(\w+)", re.I)
_COLOR = re.compile(r"(?<![-\w])color\s*:\s*([#\w]+)", re.I)


def _collapse(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def _classes(el: etree._Element) -> set[str]:
    return set((el.get("class") or "").split())


def _is_red(value: str | None) -> bool:
    """``#FF0000``, ``#f00``, ``red``, ``#C00000``: the colour adilet gives editors' notes.

    >>> _is_red("#FF0000"), _is_red("red"), _is_red("#000000"), _is_red(None)
    (True, True, False, False)
    """
    value = (value or "").strip().lower().lstrip("#")
    if value in ("red", "darkred", "crimson"):
        return True
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    if len(value) != 6:
        return False
    try:
        r, g, b = (int(value[k : k + 2], 16) for k in (0, 2, 4))
    except ValueError:
        return False
    return r >= 0xB0 and g <= 0x50 and b <= 0x50


def _own_flags(el: etree._Element, tag: str) -> frozenset[str]:
    """What ``el`` itself says about the text inside it."""
    flags: set[str] = set()
    if "note" in _classes(el) or _is_red(el.get("color")):
        flags.add("note")
    style = el.get("style") or ""
    color = _COLOR.search(style)
    if color and _is_red(color.group(1)):
        flags.add("note")
    if tag in ("b", "strong"):
        flags.add("bold")
    elif tag in ("i", "em"):
        flags.add("italic")
    elif tag in _HEADINGS:
        flags.add("heading")
    elif tag == "pre":
        flags.add("pre")
    align = el.get("align") or ""
    m = _ALIGN.search(style)
    align = (m.group(1) if m else align).lower()
    if tag == "center" or align == "center":
        flags.add("heading")
    elif align == "right":
        flags.add("stamp")
    return frozenset(flags)


# --- parsing with real line numbers ---------------------------------------------------


def _parse(text: str) -> tuple[etree._Element, Callable[[etree._Element], int], bool]:
    """The page's tree, a ``line_of(element)`` giving an element's source line, and whether
    lxml's own ``sourceline`` can be trusted (False past libxml2's 65535-line limit, where each
    start tag carries its line in an attribute instead)."""
    big = text.count("\n") + 1 >= _MAX_SOURCELINE
    if big:
        rows = text.split("\n")
        text = "\n".join(
            _START_TAG.sub(lambda m, k=k: f'<{m.group(1)} {_LINE_ATTR}="{k}"', row)
            for k, row in enumerate(rows, 1)
        )
    try:
        root = html.document_fromstring(text)
    except ValueError:  # a str with an XML encoding declaration: lxml wants bytes then
        root = html.document_fromstring(text.encode("utf-8"), parser=html.HTMLParser(encoding="utf-8"))

    def line_of(el: etree._Element) -> int:
        mark = el.get(_LINE_ATTR)
        return int(mark) if mark else (el.sourceline or 0)

    return root, line_of, not big


def _find_blocks(root: etree._Element) -> tuple[etree._Element | None, etree._Element | None]:
    """(the title block, the text block) of the page.

    The text block is adilet's ``container_gamma text`` div; failing that an ``<article>``,
    failing that the element whose own ``<p>`` children hold the most text.
    """
    title = text = None
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        classes = _classes(el)
        if title is None and TITLE_CLASS in classes:
            title = el
        if text is None and classes >= TEXT_CLASSES:
            text = el
    if text is None:
        text = next(root.iter("article"), None)
    if text is None:
        best = 0
        for el in root.iter():
            if not isinstance(el.tag, str) or el.tag.lower() in _SKIP:
                continue
            paragraphs = (p for p in el if isinstance(p.tag, str) and p.tag == "p")
            size = sum(len(_collapse(p.text_content())) for p in paragraphs)
            if size > best:
                best, text = size, el
    if title is not None and text is not None and (_inside(title, text) or _inside(text, title)):
        title = None  # one block holds the other: read it once
    return title, text


def _inside(el: etree._Element, outer: etree._Element) -> bool:
    return any(a is outer for a in el.iterancestors())


# --- the reader -------------------------------------------------------------------------


class _Reader:
    """Walks a block of the page and cuts its text into lines."""

    def __init__(self, line_of: Callable[[etree._Element], int], exact: bool):
        self.line_of = line_of
        self.exact = exact
        self.out: list[Line] = []
        self.tables = 0
        self.line = 0  # the source line the walk is at
        self.opened: int | None = None  # line of the start tag that opened the current line
        self.pieces: list[tuple[str, frozenset[str]]] = []
        self.first = 0  # source line of the current line's first and last visible character
        self.last = 0

    def read(self, el: etree._Element) -> list[Line]:
        start = len(self.out)
        self.line = self.line_of(el)
        self.walk(el, frozenset())
        self.flush()
        return self.out[start:]

    def walk(self, el: etree._Element, ctx: frozenset[str]) -> None:
        tag = el.tag.lower()
        self.line = max(self.line, self.line_of(el))
        if tag in _SKIP or _classes(el) & CHROME_CLASSES:
            self.line += sum(t.count("\n") for t in el.itertext())  # so that its tail is placed right
            return
        if tag == "table":
            self.flush()
            self.table(el)
            return
        if tag == "br":
            self.flush()
            return
        ctx = ctx | _own_flags(el, tag)
        block = tag in _BLOCK
        if block:
            self.flush()
            self.opened = self.line
        self.feed(el.text, ctx)
        for child in el:
            if isinstance(child.tag, str):
                self.walk(child, ctx)
            else:  # a comment: no text, but its line breaks count
                self.line += (child.text or "").count("\n")
            self.feed(child.tail, ctx)
        if block:
            self.flush()

    def feed(self, text: str | None, flags: frozenset[str]) -> None:
        if not text:
            return
        for k, part in enumerate(text.split("\n")):
            if k:
                self.line += 1
                if "pre" in flags:
                    self.flush()
                else:
                    part = " " + part  # a source line break inside a paragraph is a space
            if not part.strip():
                self.pieces.append((part, flags))
                continue
            seen = [f for t, f in self.pieces if t.strip()]
            if seen and ("note" in seen[-1]) != ("note" in flags):
                self.flush()  # a note never shares a line with the text around it
            if not any(t.strip() for t, _ in self.pieces):
                self.first = self.line
            self.last = self.line
            self.pieces.append((part, flags))

    def flush(self) -> None:
        raw = "".join(t for t, _ in self.pieces)
        text = _collapse(raw)
        if text:
            seen = [f for t, f in self.pieces if t.strip()]
            marks = [m for m in _LINE_FLAGS if all(m in f for f in seen)]
            if not raw.lstrip(" \t\n").startswith("\xa0"):
                marks.append("flush")
            no = self.first if self.opened is None else min(self.opened, self.first)
            self.out.append(Line(no=no, text=text, end=self.last, marks=tuple(marks)))
        self.pieces = []
        self.opened = None

    def table(self, el: etree._Element) -> None:
        self.tables += 1
        first = self.line_of(el)
        if self.exact:
            lines = table_lines(el, first, self.tables)
        else:  # lxml's lines stop at 65535: read the table again on its own, placed at ``first``
            twin = deepcopy(el)
            for node in twin.iter():
                if isinstance(node.tag, str):
                    node.attrib.pop(_LINE_ATTR, None)
            source = etree.tostring(twin, method="html", encoding="unicode", with_tail=False)
            lines = table_lines(html.fragment_fromstring(source, create_parent="div").find(".//table"),
                                first, self.tables)
        self.out.extend(lines)
        inner = first + sum(t.count("\n") for t in el.itertext())
        self.line = max([self.line, inner, *(ln.last for ln in lines)])


# --- public ------------------------------------------------------------------------------


def adilet_html_lines(text: str) -> list[Line]:
    """The act's lines from a complete adilet.zan.kz page (see the module docstring).

    >>> page = ('<html><body><div id="menu"><a>Главная</a></div>\\n'
    ...         '<div class="container_alpha slogan"><h1>О порядке</h1>\\n'
    ...         '<p>Приказ Министра от 1 июня 2020 года № 5.</p></div>\\n'
    ...         '<div class="container_gamma text text_new"><article>\\n'
    ...         '<p class="note">&nbsp;&nbsp; Сноска. С изменением.</p>\\n'
    ...         '<p>&nbsp;&nbsp; 1. Текст.</p></article></div></body></html>')
    >>> [(ln.no, ln.text, ln.marks) for ln in adilet_html_lines(page)]  # doctest: +NORMALIZE_WHITESPACE
    [(2, 'О порядке', ('heading', 'flush', 'title')),
     (3, 'Приказ Министра от 1 июня 2020 года № 5.', ('flush', 'requisites')),
     (5, 'Сноска. С изменением.', ('note',)),
     (6, '1. Текст.', ())]
    """
    text = text.replace("\r\n", "\n")
    if not text.strip():
        return []
    root, line_of, exact = _parse(text)
    title, body = _find_blocks(root)
    reader = _Reader(line_of, exact)
    out: list[Line] = []
    blocks = sorted((b for b in (title, body) if b is not None), key=line_of)
    for block in blocks:
        lines = reader.read(block)
        out.extend(_title_lines(lines) if block is title else lines)
    return out


def _title_lines(lines: list[Line]) -> list[Line]:
    """The slogan block: its ``<h1>`` is the title; everything else is one requisites line
    (the requisites are one statement however the page breaks it)."""
    out = [replace(ln, marks=(*ln.marks, "title")) for ln in lines if "heading" in ln.marks]
    rest = [ln for ln in lines if "heading" not in ln.marks]
    if rest:
        marks = tuple(m for m in rest[0].marks if all(m in ln.marks for ln in rest))
        out.append(Line(no=rest[0].no, text=" ".join(ln.text for ln in rest), end=rest[-1].last,
                        marks=(*marks, "requisites")))
    return sorted(out, key=lambda ln: ln.no)


def score_adilet_html(text: str) -> float:
    """How sure we are that ``text`` is an adilet.zan.kz page: 0 for anything not HTML, 0.3 for
    HTML, up to 1 with the act's text container, the title block and the site's name.

    >>> score_adilet_html("      1. Утвердить"), score_adilet_html("<html><body><p>x</p></body></html>")
    (0.0, 0.3)
    """
    if not _HTML_DOC.search(text[:5000]):
        return 0.0
    score = 0.3
    if _TEXT_CONTAINER.search(text):
        score += 0.4
    elif _ARTICLE.search(text):
        score += 0.2
    if _SLOGAN.search(text):
        score += 0.15
    if _ADILET_SITE.search(text):
        score += 0.15
    return round(min(score, 1.0), 3)
