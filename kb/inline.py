"""Word-level inline diff of two texts: segments ``("eq" | "ins" | "del", text)`` and HTML
with ``<ins>`` / ``<del>``.  Pure functions."""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Iterable

__all__ = ["tokens", "inline_diff", "render_html"]

# --- tokens and segments --------------------------------------------------------------------

_TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]")


def tokens(text: str) -> list[str]:
    """Words, runs of spaces and single punctuation marks; joined they give the text back.

    >>> tokens("пункт 7), «О языках»")
    ['пункт', ' ', '7', ')', ',', ' ', '«', 'О', ' ', 'языках', '»']
    """
    return _TOKEN_RE.findall(text)


def inline_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level changes from ``old`` to ``new`` as segments ``(op, text)``, op "eq" / "del" /
    "ins".  Within one changed stretch the deleted words come before the inserted ones, and a
    space between two changes joins the stretch (so "a b" → "c d" reads as one replacement).

    >>> inline_diff("в размерах установленных постановлением", "в размерах согласно Кодексу")
    [('eq', 'в размерах '), ('del', 'установленных постановлением'), ('ins', 'согласно Кодексу')]
    >>> inline_diff("same", "same")
    [('eq', 'same')]
    """
    a, b = tokens(old), tokens(new)
    raw: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            raw.append(("eq", "".join(a[i1:i2])))
        else:
            if i2 > i1:
                raw.append(("del", "".join(a[i1:i2])))
            if j2 > j1:
                raw.append(("ins", "".join(b[j1:j2])))
    out: list[tuple[str, str]] = []
    dels: list[str] = []
    ins: list[str] = []

    def flush() -> None:
        if dels:
            out.append(("del", "".join(dels)))
        if ins:
            out.append(("ins", "".join(ins)))
        dels.clear()
        ins.clear()

    for k, (op, text) in enumerate(raw):
        if op == "eq":
            # a space between two changes joins them into one stretch
            inside = (dels or ins) and not text.strip() and k + 1 < len(raw) and raw[k + 1][0] != "eq"
            if inside:
                dels.append(text)
                ins.append(text)
                continue
            flush()
            if out and out[-1][0] == "eq":
                out[-1] = ("eq", out[-1][1] + text)
            else:
                out.append(("eq", text))
        elif op == "del":
            dels.append(text)
        else:
            ins.append(text)
    flush()
    return [(op, t) for op, t in out if t]


def render_html(segments: Iterable[tuple[str, str]]) -> str:
    """Segments as HTML: equal text escaped, changes in ``<del>`` / ``<ins>``.

    >>> render_html([("eq", "a < b "), ("del", "old"), ("ins", "new")])
    'a &lt; b <del>old</del><ins>new</ins>'
    """
    parts = []
    for op, text in segments:
        esc = html.escape(text, quote=False)
        parts.append(esc if op == "eq" else f"<{op}>{esc}</{op}>")
    return "".join(parts)
