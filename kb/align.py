"""ru↔kk alignment of the units of one act.

Unit ids are the same in both languages wherever the texts have the same structure —
then alignment is a join.  Inside a point whose абзацы differ in number between the
languages (580-НҚ: a kk list with two items more, a requirement written inline after
the colon in kk but on its own line in ru), ids drift apart, and the same id names
different items.  There the lines of the point are aligned by content: the canonical
acts each line cites (:mod:`kb.refacts`), the numbers in it, its length and its place.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from parser.models import Document, Unit

_DIGITS = re.compile(r"\d+")
MIN_SCORE = 0.45  # below this two lines are not taken to be the same item


def _lines(units: list[Unit]) -> list[Unit]:
    return [u for u in units if u.kind in ("alinea", "subpoint")]


def _acts(text: str, lang: str) -> set[str]:
    from .refacts import resolve_item

    try:
        return {r.act_id for r in resolve_item(text, lang) if r.act_id}
    except Exception:  # noqa: BLE001 - a line the resolver cannot read simply cites nothing
        return set()


def _jaccard(a: set[Any], b: set[Any]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _score(a: tuple[str, set[str], set[str], int], b: tuple[str, set[str], set[str], int], i: int, n: int,
           j: int, m: int) -> float:
    _, acts_a, num_a, len_a = a
    _, acts_b, num_b, len_b = b
    place = 1.0 - abs((i + 0.5) / n - (j + 0.5) / m)
    length = min(len_a, len_b) / max(len_a, len_b, 1)
    if acts_a or acts_b:
        return 0.55 * _jaccard(acts_a, acts_b) + 0.15 * _jaccard(num_a, num_b) + 0.1 * length + 0.2 * place
    return 0.45 * length + 0.35 * place + 0.2 * (_jaccard(num_a, num_b) if num_a or num_b else 0.5)


def _align_lists(xs: list[Unit], ys: list[Unit], lang_x: str, lang_y: str) -> dict[str, str | None]:
    """Order-keeping alignment maximising the summed score (a small Needleman–Wunsch)."""
    fx = [(u.eid, _acts(u.text, lang_x), set(_DIGITS.findall(u.text)), len(u.text)) for u in xs]
    fy = [(u.eid, _acts(u.text, lang_y), set(_DIGITS.findall(u.text)), len(u.text)) for u in ys]
    n, m = len(fx), len(fy)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[""] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            options = []
            if i and j:
                s = _score(fx[i - 1], fy[j - 1], i - 1, n, j - 1, m)
                if s >= MIN_SCORE:
                    options.append((best[i - 1][j - 1] + s, "m"))
            if i:
                options.append((best[i - 1][j], "x"))
            if j:
                options.append((best[i][j - 1], "y"))
            best[i][j], move[i][j] = max(options)
    out: dict[str, str | None] = {u.eid: None for u in xs}
    i, j = n, m
    while i or j:
        step = move[i][j]
        if step == "m":
            out[fx[i - 1][0]] = fy[j - 1][0]
            i, j = i - 1, j - 1
        elif step == "x":
            i -= 1
        else:
            j -= 1
    return out


@dataclass(frozen=True)
class Pair:
    """One row of the ru↔kk alignment: a unit of ``a``, its counterpart in ``b`` (either may be
    None: a unit in one language only) and how they were matched.

    ``part_a`` / ``part_b`` say which text of the unit takes part: ``"whole"``, or for a point
    whose item is written inline after the colon in one language but on its own line in the
    other, ``"head"`` (the words up to the colon, paired with the other point) and ``"tail"`` (the
    item after the colon, paired with the other language's line)."""

    a: str | None
    b: str | None
    method: str  # "unit id" | "content" | "none"
    part_a: str = "whole"
    part_b: str = "whole"


#: eid map of a → b; point of a → line of b matched to its inline item; point of b → line of a
_Aligned = tuple[dict[str, str | None], dict[str, str], dict[str, str]]


def _tail(u: Unit) -> str:
    """What a point says after its colon (its whole text when it has none)."""
    return u.text.split(":", 1)[-1].strip()


def _align(a: Document, b: Document) -> _Aligned:
    """The eid map of :func:`align_eids`, and the inline items matched by content: point of
    ``a`` → line of ``b`` matched to its tail, point of ``b`` → line of ``a`` matched to its tail."""
    key = (id(a), id(b))
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is a and hit[1] is b:
        return hit[2]
    kids_a: dict[str | None, list[Unit]] = defaultdict(list)
    kids_b: dict[str | None, list[Unit]] = defaultdict(list)
    for u in a.units:
        kids_a[u.parent].append(u)
    for u in b.units:
        kids_b[u.parent].append(u)
    ids_b = {u.eid for u in b.units}
    out: dict[str, str | None] = {u.eid: (u.eid if u.eid in ids_b else None) for u in a.units}
    tails_a: dict[str, str] = {}
    tails_b: dict[str, str] = {}
    by_b = {u.eid: u for u in b.units}
    for u in a.units:
        if u.kind != "point" or u.eid not in by_b:
            continue
        bu = by_b[u.eid]
        xs, ys = _lines(kids_a[u.eid]), _lines(kids_b[u.eid])
        if len(xs) == len(ys) and bool(_tail(u)) == bool(_tail(bu)):
            continue
        # the point's own line takes part: an item written inline after the colon
        head_x = Unit(u.eid, "alinea", u.span, text=_tail(u) or "\x00")
        head_y = Unit(bu.eid, "alinea", bu.span, text=_tail(bu) or "\x00")
        got = _align_lists([head_x, *xs], [head_y, *ys], a.lang, b.lang)
        if _tail(u) and got.get(u.eid) and got[u.eid] != bu.eid:
            tails_a[u.eid] = got[u.eid]  # type: ignore[assignment]
        inline = [x for x, y in got.items() if y == bu.eid and x != u.eid]
        if _tail(bu) and inline:
            tails_b[bu.eid] = inline[0]
        got[u.eid] = u.eid  # the point itself stays the point
        out.update(got)
    if len(_CACHE) > 64:
        _CACHE.clear()
    _CACHE[key] = (a, b, (out, tails_a, tails_b))
    return out, tails_a, tails_b


def align_eids(a: Document, b: Document) -> dict[str, str | None]:
    """Unit id in ``a`` → the unit of ``b`` with the same content (None: no counterpart)."""
    return _align(a, b)[0]


def align_pairs(a: Document, b: Document) -> list[Pair]:
    """Every unit of both documents in one list, in reading order: the pairs of
    :func:`align_eids`, the units of ``b`` no unit of ``a`` maps to (after the pair before
    them), and the inline items of a point matched to a line of the other language."""
    mapping, tails_a, tails_b = _align(a, b)
    index_a = {u.eid: i for i, u in enumerate(a.units)}
    rows: list[tuple[tuple[int, int, int], Pair]] = []
    for i, u in enumerate(a.units):
        other = mapping.get(u.eid)
        if u.eid in tails_b.values():  # a line of a that is the inline item of a point of b
            point = next(p for p, x in tails_b.items() if x == u.eid)
            rows.append(((i, 0, 0), Pair(u.eid, point, "content", "whole", "tail")))
            continue
        same = other == u.eid and u.eid not in tails_a
        method = "none" if other is None else ("unit id" if same else "content")
        part_a = "head" if u.eid in tails_a else "whole"
        part_b = "head" if (other in tails_b and other == u.eid) else "whole"
        rows.append(((i, 0, 0), Pair(u.eid, other, method, part_a, part_b)))
        if u.eid in tails_a:
            rows.append(((i, 0, 1), Pair(u.eid, tails_a[u.eid], "content", "tail", "whole")))
    taken = {p.b for _, p in rows if p.b is not None}
    back: dict[str, int] = {}
    for x, y in mapping.items():
        if y is not None:
            back[y] = max(back.get(y, -1), index_a[x])
    last = -1
    for j, u in enumerate(b.units):
        last = max(last, back.get(u.eid, -1))
        if u.eid not in taken:
            rows.append(((last, 1, j), Pair(None, u.eid, "none")))
    return [p for _, p in sorted(rows, key=lambda r: r[0])]


_CACHE: dict[tuple[int, int], tuple[Document, Document, _Aligned]] = {}
