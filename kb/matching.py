"""Matching two editions of an act whose numbering differs.

Real ТКХ editions insert, exclude and renumber: a new Параграф 1 pushes the old one to
Параграф 2 and its points from 1–3 to 3-1–3-3.  Joining the editions on unit ids would then
report the old position as "changed" into the new one and itself as "added".  Instead:

* :func:`match_positions` pairs the positions of two editions by their normalised title
  (method ``"title"``) and, for the rest, by what they say — the overlap of their duties,
  must-know items and requirements (method ``"content"``) — and reports both scores;
* :func:`match_units` pairs the units inside two matched positions by content, in reading
  order, so a renumbered point (or a moved абзац) is one unit with two ids.

All are pure functions over parser :class:`~parser.models.Position` records and units
(parser ``Unit`` or :class:`kb.timeline.UnitView`).
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from parser.models import Item, Position

from .position_compare import normalise

__all__ = [
    "PositionMatch",
    "content_similarity",
    "title_similarity",
    "match_positions",
    "unit_text",
    "match_units",
]

# a pair of positions whose titles differ is the same position only if this share of their
# items is the same (Dice coefficient over the normalised items)
MIN_CONTENT = 0.5
# …or, with titles at least this similar (word ratio), this share of their items
MIN_TITLE, MIN_CONTENT_WITH_TITLE = 0.8, 0.3
# two units of one position with different texts are one unit reworded from this word ratio
MIN_UNIT = 0.6


def _items(p: Position) -> Counter[str]:
    out: Counter[str] = Counter()

    def walk(items: Sequence[Item]) -> None:
        for it in items:
            key = normalise(it.text)
            if key:
                out[key] += 1
            walk(it.children)

    for part in (p.duties, p.must_know, p.requirements):
        walk(part)
    return out


def content_similarity(a: Position, b: Position) -> float:
    """Share of the items (duties, must-know, requirements, normalised) two positions have in
    common: 2·|common| / (|a| + |b|); 0.0 when either has none (an excluded Параграф).

    >>> from parser.models import Span
    >>> def pos(*duties):
    ...     return Position(id="p", num="1", title="t", group=None, chapter=None, span=Span("f", 1, 1),
    ...                     duties=[Item(eid=f"p__al_{k}", text=t, line=k) for k, t in enumerate(duties)])
    >>> content_similarity(pos("ведет учет;", "готовит отчеты;"), pos("Ведет учет.", "проверяет акты;"))
    0.5
    """
    ia, ib = _items(a), _items(b)
    total = sum(ia.values()) + sum(ib.values())
    return round(2 * sum((ia & ib).values()) / total, 3) if total else 0.0


def title_similarity(a: str, b: str) -> float:
    """1.0 for the same normalised title, else the word-level similarity ratio.

    >>> title_similarity("Врач статистик", "врач-статистик")
    1.0
    >>> title_similarity("Старший эксперт-врач", "Эксперт-врач")
    0.8
    """
    na, nb = normalise(a).split(), normalise(b).split()
    if na == nb:
        return 1.0
    return round(difflib.SequenceMatcher(None, na, nb, autojunk=False).ratio(), 3)


@dataclass(frozen=True)
class PositionMatch:
    """One position across two editions: its id on each side (None: not on that side), how
    the two were paired (``method`` "title" or "content"; "" when unpaired) and the two
    scores."""

    a: str | None
    b: str | None
    title_a: str | None
    title_b: str | None
    method: str = ""
    title_similarity: float = 0.0
    content_similarity: float = 0.0

    @property
    def renumbered(self) -> bool:
        return self.a is not None and self.b is not None and self.a != self.b

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "title_a": self.title_a,
            "title_b": self.title_b,
            "method": self.method,
            "title_similarity": self.title_similarity,
            "content_similarity": self.content_similarity,
            "renumbered": self.renumbered,
        }


def _pair(pa: Position, pb: Position, method: str) -> PositionMatch:
    return PositionMatch(pa.id, pb.id, pa.title, pb.title, method,
                         title_similarity(pa.title, pb.title), content_similarity(pa, pb))


def match_positions(positions_a: Sequence[Position], positions_b: Sequence[Position]) -> list[PositionMatch]:
    """Pair the positions of two editions, in b's reading order (a position only in a
    stands after the position that preceded it in a).

    First by normalised title (several positions with one title: the pair with the most
    content in common, then the same id, first); then, among the rest, by content: at least
    ``MIN_CONTENT`` of the items in common, or ``MIN_CONTENT_WITH_TITLE`` with titles at least
    ``MIN_TITLE`` similar — best pairs first.  The number of a Параграф is never used to pair.
    """
    pairs: list[PositionMatch] = []
    free_a, free_b = list(positions_a), list(positions_b)

    def take(pa: Position, pb: Position, method: str) -> None:
        pairs.append(_pair(pa, pb, method))
        free_a.remove(pa)
        free_b.remove(pb)

    by_title: dict[str, list[Position]] = {}
    for pb in positions_b:
        by_title.setdefault(normalise(pb.title), []).append(pb)
    for pa in positions_a:
        cands = [pb for pb in by_title.get(normalise(pa.title), []) if pb in free_b]
        if cands:
            best = max(cands, key=lambda pb: (content_similarity(pa, pb), pb.id == pa.id))
            take(pa, best, "title")

    scored = []
    for pa in free_a:
        for pb in free_b:
            c, t = content_similarity(pa, pb), title_similarity(pa.title, pb.title)
            if c >= MIN_CONTENT or (t >= MIN_TITLE and c >= MIN_CONTENT_WITH_TITLE):
                scored.append((c + t, pa.id == pb.id, pa, pb))
    for _, _, pa, pb in sorted(scored, key=lambda x: (x[0], x[1]), reverse=True):
        if pa in free_a and pb in free_b:
            take(pa, pb, "content")

    only_a = {pa.id: pa for pa in free_a}
    by_b = {m.b: m for m in pairs}
    order_a = [pa.id for pa in positions_a]
    out: list[PositionMatch] = []
    placed: set[str] = set()

    def flush_before(a_id: str | None) -> None:
        """The a-only positions that stood before ``a_id`` in a (all that remain for None)."""
        stop = order_a.index(a_id) if a_id is not None else len(order_a)
        for x in order_a[:stop]:
            if x in only_a and x not in placed:
                placed.add(x)
                out.append(PositionMatch(x, None, only_a[x].title, None))

    for pb in positions_b:
        m = by_b.get(pb.id)
        if m is None:
            out.append(PositionMatch(None, pb.id, None, pb.title))
            continue
        flush_before(m.a)
        out.append(m)
    flush_before(None)
    return out


def unit_text(u: Any) -> str:
    """What a unit says, heading and text, whether or not the text is in force (a parser
    ``Unit`` or a ``UnitView``'s corpus text)."""
    heading = getattr(u, "corpus_heading", getattr(u, "heading", None))
    text = getattr(u, "corpus_text", getattr(u, "text", None))
    return "\n".join(p for p in (heading, text) if p)


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def match_units(units_a: Sequence[Any], units_b: Sequence[Any]) -> list[tuple[str, str, float]]:
    """Pairs ``(eid in a, eid in b, similarity)`` of the units of one position in two editions,
    by content and never by number.

    The first units (the Параграф itself) are paired; the rest by (kind, normalised text) in
    reading order (difflib's longest common blocks); in the stretches between those blocks a
    unit pairs with the most similar unit of its kind (at least ``MIN_UNIT`` of the words);
    what remains is paired the same way across the whole position (a unit moved within it).
    Units left unpaired were added or removed.

    >>> from parser.models import Span, Unit
    >>> def u(eid, text, kind="point"):
    ...     return Unit(eid=eid, kind=kind, span=Span("f", 1, 1), text=text)
    >>> a = [u("para_1", "", "section"), u("para_1__point_1", "Должностные обязанности:"),
    ...      u("para_1__point_2", "Должен знать:")]
    >>> b = [u("para_2", "", "section"), u("para_2__point_3-1", "Должностные обязанности:"),
    ...      u("para_2__point_3-2", "Должен знать:"), u("para_2__point_3-3", "Требования к квалификации:")]
    >>> match_units(a, b)
    [('para_1', 'para_2', 1.0), ('para_1__point_1', 'para_2__point_3-1', 1.0), \
('para_1__point_2', 'para_2__point_3-2', 1.0)]
    """
    if not units_a or not units_b:
        return []
    out: list[tuple[str, str, float]] = [
        (units_a[0].eid, units_b[0].eid, round(_ratio(normalise(unit_text(units_a[0])),
                                                      normalise(unit_text(units_b[0]))), 3))
    ]
    ra, rb = list(units_a[1:]), list(units_b[1:])
    ka = [(u.kind, normalise(unit_text(u))) for u in ra]
    kb = [(u.kind, normalise(unit_text(u))) for u in rb]
    used_a: set[int] = set()
    used_b: set[int] = set()

    def fuzzy(ia: list[int], ib: list[int]) -> None:
        scored = []
        for i in ia:
            for j in ib:
                if ka[i][0] == kb[j][0]:
                    r = _ratio(ka[i][1], kb[j][1])
                    if r >= MIN_UNIT:
                        scored.append((r, -abs(i - j), i, j))
        for r, _, i, j in sorted(scored, reverse=True):
            if i not in used_a and j not in used_b:
                used_a.add(i)
                used_b.add(j)
                out.append((ra[i].eid, rb[j].eid, round(r, 3)))

    sm = difflib.SequenceMatcher(None, ka, kb, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                used_a.add(i)
                used_b.add(j)
                out.append((ra[i].eid, rb[j].eid, 1.0))
        elif op == "replace":
            fuzzy(list(range(i1, i2)), list(range(j1, j2)))
    fuzzy([i for i in range(len(ra)) if i not in used_a], [j for j in range(len(rb)) if j not in used_b])
    return out
