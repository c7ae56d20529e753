"""Pass 1: normalise each source format into clean logical lines.

Every format ends up as a list of :class:`~parser.models.Line`: one logical line of
text with the source line numbers it came from.  Blank lines are dropped here (they
carry no text) — every *non-blank* source line ends up in exactly one ``Line``.

Cleaning steps are small named pure functions ``str -> str`` kept in a registry
(eyecite ``clean.py`` style); an unknown step name raises ``ValueError``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .models import Line

# --- small text cleaners -------------------------------------------------------------


def nbsp(text: str) -> str:
    """Non-breaking and other odd spaces become plain spaces."""
    return text.replace("\xa0", " ").replace("\u2009", " ").replace("\u202f", " ")


def collapse_spaces(text: str) -> str:
    """Runs of spaces and tabs inside a line become one space; ends are trimmed."""
    return re.sub(r"[ \t]+", " ", text).strip()


_MD_HEADING = re.compile(r"^\s*#{1,6}\s*")
_MD_BOLD = re.compile(r"\*\*")


def markdown_heading(text: str) -> str:
    """``### **14. Должен знать:**`` -> ``**14. Должен знать:**`` (depth is random in 002)."""
    return _MD_HEADING.sub("", text)


def markdown_emphasis(text: str) -> str:
    """Drop ``**bold**`` markers and a ``*…*`` italic wrapper (signatures in 002)."""
    text = _MD_BOLD.sub("", text)
    stripped = text.strip()
    if stripped.startswith("*") and not stripped.startswith("* "):
        stripped = stripped[1:]
    if stripped.endswith("*"):
        stripped = stripped[:-1]
    return stripped


CLEANERS: dict[str, Callable[[str], str]] = {
    "nbsp": nbsp,
    "collapse_spaces": collapse_spaces,
    "markdown_heading": markdown_heading,
    "markdown_emphasis": markdown_emphasis,
}


def clean_text(text: str, steps: Iterable[str]) -> str:
    """Apply the named cleaners in order.

    >>> clean_text("  ### **1. Должностные обязанности:**", ["markdown_heading", "markdown_emphasis"])
    '1. Должностные обязанности:'
    """
    for name in steps:
        try:
            step = CLEANERS[name]
        except KeyError:
            raise ValueError(f"unknown cleaning step {name!r}; known: {', '.join(sorted(CLEANERS))}") from None
        text = step(text)
    return text


# --- formats -------------------------------------------------------------------------


def _leading_tabs(raw: str) -> int:
    n = 0
    for ch in raw:
        if ch == "\t":
            n += 1
        elif ch in " \xa0":
            continue
        else:
            break
    return n


def adilet_lines(text: str) -> list[Line]:
    """adilet plain text (000, 001, 004): 6-space (NBSP) indents, blank lines between paragraphs.

    A line that does not start with the indent is kept with the mark ``"flush"`` (headings
    start with a single space, stamps with a tab): the structure pass uses it.
    """
    out: list[Line] = []
    for no, raw in enumerate(text.split("\n"), start=1):
        body = collapse_spaces(nbsp(raw))
        if not body:
            continue
        marks: list[str] = []
        if raw.startswith("\t"):
            marks.append("tab")
        elif not raw.startswith("\xa0\xa0"):
            marks.append("flush")
        out.append(Line(no=no, text=body, end=no, indent=_leading_tabs(raw), marks=tuple(marks)))
    return out


_QUOTE = re.compile(r"^\s*>\s?")


def markdown_quote(text: str) -> str:
    """``> *Сноска. …*`` -> ``*Сноска. …*`` (notes and stamps are quoted in some exports)."""
    return _QUOTE.sub("", text)


CLEANERS["markdown_quote"] = markdown_quote


def markdown_lines(text: str) -> list[Line]:
    """Markdown: converted web pages (002) and the official register's exports (corpus-dev).

    The reader lives in :mod:`parser.fmt_markdown` (front matter, tables, fences, anchors)."""
    from .fmt_markdown import markdown_lines as read

    return read(text)


def _pdf_lines(text: str) -> list[Line]:
    from .clean_pdf import pdf_lines  # PDF un-wrapping lives in its own module

    return pdf_lines(text)


def _html_lines(text: str) -> list[Line]:
    from .fmt_html import adilet_html_lines  # adilet.zan.kz pages: lxml, in its own module

    return adilet_html_lines(text)


FORMATS: dict[str, Callable[[str], list[Line]]] = {
    "adilet": adilet_lines,
    "adilet_cards": adilet_lines,
    "adilet_html": _html_lines,
    "markdown": markdown_lines,
    "pdf": _pdf_lines,
}


def normalise(text: str, fmt: str) -> list[Line]:
    """Pass 1 entry point: the clean logical lines of ``text`` in source format ``fmt``."""
    try:
        reader = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown source format {fmt!r}; known: {', '.join(sorted(FORMATS))}") from None
    return reader(text)
