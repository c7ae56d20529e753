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


def align_eids(a: Document, b: Document) -> dict[str, str | None]:
    """Unit id in ``a`` → the unit of ``b`` with the same content (None: no counterpart)."""
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
    by_b = {u.eid: u for u in b.units}
    for u in a.units:
        if u.kind != "point" or u.eid not in by_b:
            continue
        xs, ys = _lines(kids_a[u.eid]), _lines(kids_b[u.eid])
        if len(xs) == len(ys) and bool(u.text.split(":", 1)[-1].strip()) == bool(by_b[u.eid].text.split(":", 1)[-1].strip()):
            continue
        # the point's own line takes part: an item written inline after the colon
        head_x = Unit(u.eid, "alinea", u.span, text=u.text.split(":", 1)[-1].strip() or "\x00")
        bu = by_b[u.eid]
        head_y = Unit(bu.eid, "alinea", bu.span, text=bu.text.split(":", 1)[-1].strip() or "\x00")
        got = _align_lists([head_x, *xs], [head_y, *ys], a.lang, b.lang)
        got[u.eid] = u.eid  # the point itself stays the point
        out.update(got)
    if len(_CACHE) > 64:
        _CACHE.clear()
    _CACHE[key] = (a, b, out)
    return out


_CACHE: dict[tuple[int, int], tuple[Document, Document, dict[str, str | None]]] = {}
