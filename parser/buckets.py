"""Checks on the typed buckets: lines filed as signature, approval, stamp, letterhead … are
outside the hierarchy, so a bucket is where text could be lost without anyone noticing.

A bucket line that looks like content (a heading, a point, a note, a profession card) is an
error; a block of a bucket longer than a handful of lines is a warning.  ``parse --check``
prints the bucket sizes so a person can see them.
"""

from __future__ import annotations

from . import headings as H
from .models import Diagnostic, Line
from .notes import is_note_start

# Buckets whose lines are text of the act that the model keeps aside (markup buckets — anchors,
# table tags, front matter — hold no text of the act and are not checked).
TYPED = ("signature", "approval", "annex_stamp", "letterhead", "act_line", "artefact")

# The most lines one block of a bucket may hold before it is suspicious (a block: lines of one
# bucket with at most ``GAP`` source lines between them; an approval block opens at each
# "СОГЛАСОВАН"/"КЕЛІСІЛДІ").
HANDFUL = {"signature": 8, "approval": 10, "annex_stamp": 12, "letterhead": 4, "act_line": 3, "artefact": 3}
GAP = 3

_CARD_LIKE = ("Карточка профессии", "Код профессии", "Трудовая функция", "Кәсіп карточкасы", "Еңбек функциясы")


def content_like(text: str) -> str | None:
    """What ``text`` looks like if it is content of the act, else None.

    >>> content_like("Глава 2. Квалификационные характеристики"), content_like("12. Должен знать:")
    ('a heading', 'a point')
    >>> content_like("А. Балаева"), content_like("«СОГЛАСОВАН»")
    (None, None)
    """
    if H.PART.match(text) or H.CHAPTER.match(text) or H.SECTION.match(text) or H.ARTICLE.match(text):
        return "a heading"
    pn = H.point_number(text)
    if pn and len(pn[1]) > 3:
        return "a point"
    if is_note_start(text):
        return "a note"
    if any(w in text for w in _CARD_LIKE):
        return "a profession card's line"
    return None


def blocks(name: str, lines: list[Line]) -> list[list[Line]]:
    out: list[list[Line]] = []
    for ln in lines:
        fresh = not out or ln.no - out[-1][-1].last > GAP or (name == "approval" and H.APPROVAL.match(ln.text))
        if fresh:
            out.append([ln])
        else:
            out[-1].append(ln)
    return out


def check_buckets(buckets: dict[str, list[Line]], file: str) -> list[Diagnostic]:
    """Diagnostics for content-like lines and oversized blocks in the typed buckets."""
    out: list[Diagnostic] = []
    for name in TYPED:
        lines = buckets.get(name, [])
        for ln in lines:
            kind = content_like(ln.text)
            if kind:
                out.append(Diagnostic(file, ln.no, f"a line of the {name.replace('_', ' ')} block",
                                      f"{kind} filed there: {ln.text[:120]!r}", "error"))
        for block in blocks(name, lines):
            if len(block) > HANDFUL[name]:
                out.append(Diagnostic(
                    file, block[0].no, f"at most {HANDFUL[name]} lines in one {name.replace('_', ' ')} block",
                    f"{len(block)} lines (source lines {block[0].no}–{block[-1].last})", "warning"))
    return out


def bucket_sizes(buckets: dict[str, list[Line]]) -> dict[str, int]:
    """Lines per bucket, for ``parse --check``."""
    return {name: len(lines) for name, lines in sorted(buckets.items())}
