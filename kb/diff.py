"""Differences between two texts of an act, and between two positions.

Unit ids are the same across languages and, mostly, across editions, so a structural diff is
first a join on ``eid``: a unit is added, removed, changed, unchanged, or *flagged* (its text
on one side is not in the corpus, or the same text carries a flag such as "superseded").  A
changed text gets a word-level inline diff (:mod:`kb.inline`).

Editions that renumber are the exception: between two editions the positions (Параграфы of a
ТКХ) are paired by title and content, and their units by content (:mod:`kb.matching`), so a
moved position is one position "changed" (renumbered), a new one "added" by the
order whose note added it, an excluded one "excluded" by the order whose note excluded it —
never "removed" + "added".

* :func:`diff_units` — two lists of units (parser :class:`~parser.models.Unit` or
  :class:`~kb.timeline.UnitView`), joined on eid or through given pairs;
* :func:`diff_as_of` — an act between two dates, through :func:`kb.timeline.as_of` views;
* :func:`diff_editions` — the editions of two dates as published (what an amending order changed);
* :func:`diff_positions` (:mod:`kb.position_compare`) — two ТКХ positions side by side.

All are pure functions.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from parser.models import Amendment, Document

from . import inline, matching, position_compare
from .inline import inline_diff, render_html, tokens
from .matching import PositionMatch, match_positions, match_units, unit_text
from .position_compare import (
    act_key,
    act_resolver,
    acts_named,
    diff_positions,
    normalise,
    positions_resolver,
)
from .timeline import AsOfView, EditionText, as_of, covered_eids

__all__ = [
    "Op",
    "ActDiff",
    "PositionChange",
    "tokens",
    "inline_diff",
    "render_html",
    "diff_units",
    "diff_as_of",
    "diff_editions",
    "normalise",
    "acts_named",
    "act_resolver",
    "act_key",
    "positions_resolver",
    "diff_positions",
]

# the doctests of the functions this module re-exports run with its own
__test__ = {m.__name__: m for m in (inline, matching, position_compare)}

STATUSES = ("added", "removed", "excluded", "changed", "renumbered", "unchanged", "flagged")
_CHANGES = ("added", "removed", "excluded", "changed", "renumbered")


@dataclass(frozen=True)
class Op:
    """What happened to one unit between side a and side b.

    ``status``: "added" (only in b), "removed" (only in a), "excluded" (a note of b excludes
    it), "changed" (both texts known and different; ``segments`` / ``html`` give the inline
    diff), "renumbered" (the same text under another number), "unchanged", "flagged" (a text
    not in the corpus on one side, or the same text with a flag).  ``eid`` is the unit's id
    in b (in a when it is only there); ``eid_a`` its id in a when that differs (a changed unit
    can be renumbered too).  ``old`` / ``new`` are the unit's heading and text on each side
    (None: absent or not in the corpus).  A flagged unit whose two expressions say different
    things (e.g. the text shown is not yet in force on one date) has ``text_changed`` and the
    inline diff of what the expressions show.  ``by``: the amending act whose note added or
    excluded the unit, with the note.  Flags ride along on every status.
    """

    status: str
    eid: str
    kind: str | None
    old: str | None
    new: str | None
    segments: tuple[tuple[str, str], ...] = ()
    html: str = ""
    flags_a: tuple[dict[str, Any], ...] = ()
    flags_b: tuple[dict[str, Any], ...] = ()
    source_a: tuple[str, int] | None = None
    source_b: tuple[str, int] | None = None
    eid_a: str | None = None
    by: dict[str, Any] | None = None
    text_changed: bool = False

    @property
    def renumbered(self) -> bool:
        return self.eid_a is not None and self.eid_a != self.eid

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "eid": self.eid,
            "eid_a": self.eid_a,
            "renumbered": self.renumbered,
            "kind": self.kind,
            "old": self.old,
            "new": self.new,
            "segments": [list(s) for s in self.segments],
            "html": self.html,
            "flags_a": list(self.flags_a),
            "flags_b": list(self.flags_b),
            "source_a": list(self.source_a) if self.source_a else None,
            "source_b": list(self.source_b) if self.source_b else None,
            "by": self.by,
            "text_changed": self.text_changed,
        }


def _content(u: Any) -> str | None:
    """Heading and text of a Unit or UnitView (None: the text is not in the corpus)."""
    if hasattr(u, "content"):
        return u.content
    return "\n".join(p for p in (u.heading, u.text) if p)


def _source(u: Any) -> tuple[str, int] | None:
    if getattr(u, "source", None) is not None:
        return tuple(u.source)  # type: ignore[return-value]
    span = getattr(u, "span", None)
    return (span.file, span.start) if span is not None else None


def _flags(u: Any, extra: Mapping[str, Sequence[dict[str, Any]]] | None) -> tuple[dict[str, Any], ...]:
    own = tuple(getattr(u, "flags", ()) or ())
    more = tuple(extra.get(u.eid, ())) if extra else ()
    return own + more


def _order(a_ids: list[str], b_ids: list[str]) -> list[tuple[str | None, str | None]]:
    """Both id lists merged in reading order: pairs (id in a or None, id in b or None)."""
    out: list[tuple[str | None, str | None]] = []
    b_set, a_set = set(b_ids), set(a_ids)
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a_ids, b_ids, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend((x, x) for x in a_ids[i1:i2])
            continue
        for x in a_ids[i1:i2]:
            if x not in b_set:
                out.append((x, None))
        for y in b_ids[j1:j2]:
            out.append((y if y in a_set else None, y))
    return out


def diff_units(
    units_a: Iterable[Any],
    units_b: Iterable[Any],
    flags_a: Mapping[str, Sequence[dict[str, Any]]] | None = None,
    flags_b: Mapping[str, Sequence[dict[str, Any]]] | None = None,
    pairs: Mapping[str, str | None] | None = None,
    paired_b: Collection[str] = (),
) -> list[Op]:
    """Join two unit lists and say what happened to each unit, in reading order (b's order,
    with units only in a where they stood in a).

    Units are parser ``Unit`` or ``timeline.UnitView`` (whose own flags are used); ``flags_a`` /
    ``flags_b`` map eid → extra flags, and an unchanged unit with a flag becomes "flagged".
    A unit joins the unit of b with the same eid, unless ``pairs`` says otherwise: a's eid →
    b's eid (or None: no partner); the units of b in ``paired_b`` join only through ``pairs``.
    A pair with different ids and the same text is "renumbered".
    """
    a = {u.eid: u for u in units_a}
    b = {u.eid: u for u in units_b}
    pairs = pairs or {}
    paired_b = set(paired_b) | {x for x in pairs.values() if x}
    # a's units under the id they have in b; a unit with no partner keeps a key b cannot have
    key_of: dict[str, str] = {}
    for ea in a:
        eb = pairs.get(ea, ea if ea in b and ea not in paired_b else None)
        key_of[ea] = eb if eb is not None else f"\0{ea}"
    back = {k: ea for ea, k in key_of.items()}
    ops: list[Op] = []
    for ka, eb in _order(list(key_of.values()), list(b)):
        ea = back.get(ka) if ka is not None else None
        if ea is not None and eb is None:
            u = a[ea]
            ops.append(
                Op("removed", ea, u.kind, _content(u), None, flags_a=_flags(u, flags_a), source_a=_source(u))
            )
            continue
        if eb is not None and ea is None:
            u = b[eb]
            ops.append(
                Op("added", eb, u.kind, None, _content(u), flags_b=_flags(u, flags_b), source_b=_source(u))
            )
            continue
        assert ea is not None and eb is not None
        ua, ub = a[ea], b[eb]
        old, new = _content(ua), _content(ub)
        fa, fb = _flags(ua, flags_a), _flags(ub, flags_b)
        common: dict[str, Any] = dict(  # noqa: C408  (keyword arguments of Op)
            eid=eb,
            kind=ub.kind,
            old=old,
            new=new,
            flags_a=fa,
            flags_b=fb,
            source_a=_source(ua),
            source_b=_source(ub),
            eid_a=ea if ea != eb else None,
        )
        if old is None or new is None:
            # not in force on a date: what the two expressions say may still differ
            ca, cb = unit_text(ua), unit_text(ub)
            segs = tuple(inline_diff(ca, cb)) if ca != cb else ()
            ops.append(Op("flagged", segments=segs, html=render_html(segs) if segs else "",
                          text_changed=bool(segs), **common))
        elif old != new:
            segs = tuple(inline_diff(old, new))
            ops.append(Op("changed", segments=segs, html=render_html(segs), **common))
        elif ea != eb:
            ops.append(Op("renumbered", **common))
        else:
            ops.append(Op("flagged" if fa or fb else "unchanged", **common))
    return ops


@dataclass(frozen=True)
class PositionChange:
    """What happened to one position (a Параграф of a ТКХ) between side a and side b:
    "added" (by ``by``), "removed", "excluded" (by ``by``), "changed" (a unit changed, or the
    position is ``renumbered``: paired across two numbers), "flagged" (only flags: a text not
    in the corpus or a date not certain), "unchanged".  ``match`` says how
    the two sides were paired; ``counts`` are its units' statuses."""

    status: str
    match: PositionMatch
    by: dict[str, Any] | None = None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def eid(self) -> str:
        return self.match.b or self.match.a or ""

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "eid": self.eid, **self.match.to_dict(), "by": self.by,
                "counts": self.counts}


def _counts(ops: Iterable[Op]) -> dict[str, int]:
    ops = list(ops)
    return {s: sum(1 for o in ops if o.status == s) for s in STATUSES}


@dataclass(frozen=True)
class ActDiff:
    """An act in one language between two dates: the two views' expressions and act-level
    flags, one :class:`Op` per unit, and one :class:`PositionChange` per position."""

    act: str
    lang: str
    date_a: str
    date_b: str
    edition_a: str
    edition_b: str
    ops: tuple[Op, ...]
    flags_a: tuple[dict[str, Any], ...] = ()
    flags_b: tuple[dict[str, Any], ...] = ()
    positions: tuple[PositionChange, ...] = ()
    view_a: AsOfView | None = field(default=None, repr=False, compare=False)
    view_b: AsOfView | None = field(default=None, repr=False, compare=False)

    def get(self, eid: str) -> Op | None:
        """The op of a unit by its id in b, else by its id in a."""
        return next((o for o in self.ops if o.eid == eid), None) or next(
            (o for o in self.ops if o.eid_a == eid), None
        )

    def position(self, eid: str) -> PositionChange | None:
        """A position by its id in b, else by its id in a."""
        return next((p for p in self.positions if p.match.b == eid), None) or next(
            (p for p in self.positions if p.match.a == eid), None
        )

    def ops_of(self, change: PositionChange) -> list[Op]:
        """The ops of a position's units (its id in b, or in a for a unit only there)."""
        return [o for o in self.ops if _within(o, change.match)]

    def by_status(self, status: str) -> list[Op]:
        return [o for o in self.ops if o.status == status]

    def counts(self) -> dict[str, int]:
        return _counts(self.ops)

    def to_dict(self, unchanged: bool = False) -> dict[str, Any]:
        ops = [o.to_dict() for o in self.ops if unchanged or o.status != "unchanged"]
        return {
            "act": self.act,
            "lang": self.lang,
            "date_a": self.date_a,
            "date_b": self.date_b,
            "edition_a": self.edition_a,
            "edition_b": self.edition_b,
            "counts": self.counts(),
            "flags_a": list(self.flags_a),
            "flags_b": list(self.flags_b),
            "positions": [p.to_dict() for p in self.positions if unchanged or p.status != "unchanged"],
            "data": ops,
            "count": len(ops),
        }


def _under(eid: str | None, root: str | None) -> bool:
    return eid is not None and root is not None and (eid == root or eid.startswith(root + "__"))


def _within(o: Op, m: PositionMatch) -> bool:
    if o.status == "removed" or o.status == "excluded" and o.new is None:
        return _under(o.eid, m.a)
    return _under(o.eid, m.b) or _under(o.eid_a, m.a)


def _chosen(editions: Sequence[EditionText], view: AsOfView) -> EditionText | None:
    return next((e for e in editions if e.lang == view.lang and e.label == view.edition), None)


def _by(note: Amendment | None) -> dict[str, Any] | None:
    if note is None:
        return None
    act = note.amending_act
    return {
        "number": act.number if act else None,
        "date": act.date if act else None,
        "issuer": act.issuer if act else None,
        "note": note.id,
        "text": note.text,
        "line": note.span.start,
    }


def _exclusions(doc: Document) -> dict[str, Amendment | None]:
    """eid → the note excluding the unit or an ancestor of it (applied notes only)."""
    notes = {n.id: n for n in doc.amendments}
    direct = {u.eid: u.excluded_by for u in doc.units if u.excluded_by}
    out: dict[str, Amendment | None] = {}
    for u in doc.units:
        root = next((r for r in direct if _under(u.eid, r)), None)
        if root is not None:
            out[u.eid] = notes.get(direct[root] or "")
    return out


def _additions(doc: Document) -> dict[str, Amendment]:
    """eid → the applied note that added the unit ("дополнена параграфом 1 …")."""
    out: dict[str, Amendment] = {}
    for n in doc.amendments:
        if n.kind == "added" and not n.prospective:
            for eid in covered_eids(doc, n):
                out.setdefault(eid, n)
    return out


def _pair_editions(
    doc_a: Document, doc_b: Document, units_a: Sequence[Any], units_b: Sequence[Any]
) -> tuple[list[PositionMatch], dict[str, str | None], set[str]]:
    """Positions paired across two editions, and their units: ``pairs`` (a's eid → b's eid or
    None) and ``paired_b`` (b's units that join only through the pairs)."""
    matches = match_positions(doc_a.positions, doc_b.positions)
    pairs: dict[str, str | None] = {}
    paired_b: set[str] = set()

    def subtree(units: Sequence[Any], root: str | None) -> list[Any]:
        return [u for u in units if _under(u.eid, root)]

    for m in matches:
        ua, ub = subtree(units_a, m.a), subtree(units_b, m.b)
        pairs.update((u.eid, None) for u in ua)
        paired_b.update(u.eid for u in ub)
        for ea, eb, _ in match_units(ua, ub):
            pairs[ea] = eb
    return matches, pairs, paired_b


def _settle(
    ops: list[Op], matches: Sequence[PositionMatch], doc_a: Document | None, doc_b: Document | None,
    pairs: Mapping[str, str | None],
) -> tuple[list[Op], list[PositionChange]]:
    """Give the ops of units that a note of b added or excluded the note's act (``by``): a
    unit excluded in b (its text removed, or its heading kept) is "excluded", not "removed";
    then sum up each position."""
    if doc_b is None:
        return ops, []
    excl_b = _exclusions(doc_b)
    excl_a = _exclusions(doc_a) if doc_a is not None else {}
    added_b = _additions(doc_b)
    # an a-unit removed in b stands under the b-unit its nearest paired ancestor became
    def b_home(ea: str) -> str | None:
        parts = ea.split("__")
        for k in range(len(parts), 0, -1):
            anc = "__".join(parts[:k])
            if anc in pairs:
                if pairs[anc] is not None:
                    return pairs[anc]
                continue
            return anc
        return None

    out: list[Op] = []
    for o in ops:
        if o.status == "added" and o.eid in added_b:
            o = _replace(o, by=_by(added_b[o.eid]))
        elif o.status == "removed":
            home = b_home(o.eid)
            if home in excl_b and o.eid not in excl_a:
                o = _replace(o, status="excluded", by=_by(excl_b[home]))
        elif o.eid in excl_b and (o.eid_a or o.eid) not in excl_a and o.status != "added":
            o = _replace(o, status="excluded", by=_by(excl_b[o.eid]))
        out.append(o)

    changes: list[PositionChange] = []
    for m in matches:
        mine = [o for o in out if _within(o, m)]
        counts = {k: v for k, v in _counts(mine).items() if v}
        if m.a is None:
            changes.append(PositionChange("added", m, _by(added_b.get(m.b or "")), counts))
        elif m.b is None:
            home = b_home(m.a)
            if home in excl_b and m.a not in excl_a:
                changes.append(PositionChange("excluded", m, _by(excl_b[home]), counts))
            else:
                changes.append(PositionChange("removed", m, None, counts))
        elif m.b in excl_b and m.a not in excl_a:
            changes.append(PositionChange("excluded", m, _by(excl_b[m.b]), counts))
        elif m.renumbered or any(o.status in _CHANGES for o in mine):
            changes.append(PositionChange("changed", m, None, counts))
        else:
            flagged = any(o.status == "flagged" for o in mine)
            changes.append(PositionChange("flagged" if flagged else "unchanged", m, None, counts))
    return out, changes


def _replace(o: Op, **kw: Any) -> Op:
    return dataclasses.replace(o, **kw)


def _diff_texts(doc_a: Document | None, doc_b: Document | None, units_a: Sequence[Any],
                units_b: Sequence[Any]) -> tuple[list[Op], list[PositionChange]]:
    if doc_a is not None and doc_b is not None and (doc_a.positions or doc_b.positions):
        matches, pairs, paired_b = _pair_editions(doc_a, doc_b, units_a, units_b)
    else:
        matches, pairs, paired_b = [], {}, set()
    ops = diff_units(units_a, units_b, pairs=pairs, paired_b=paired_b)
    return _settle(ops, matches, doc_a, doc_b, pairs)


def _earlier(view: AsOfView) -> tuple[dict[str, Any], ...]:
    """A flag on the view when some of its units are still in an earlier expression's text
    (the chosen edition's text of them is not yet in force on that date)."""
    older: dict[str, int] = {}
    for u in view.units:
        if u.edition != view.edition:
            older[u.edition] = older.get(u.edition, 0) + 1
    return tuple(
        {"kind": "earlier_edition_in_force", "edition": ed, "units": n,
         "note": f"{n} units are still in the text of {ed} on {view.date}: the text of {view.edition} "
                 f"was not yet in force (compare editions to see it)"}
        for ed, n in older.items()
    )


def diff_as_of(editions: Sequence[EditionText], lang: str, d1: str, d2: str) -> ActDiff:
    """The act as of ``d1`` against the act as of ``d2`` (:func:`kb.timeline.as_of`).  A unit
    whose text in force is not in the corpus on one date is "flagged", not "removed".

    When the two dates fall in different expressions, the positions are paired by title and
    content and their units by content (:mod:`kb.matching`), never by number; the other
    units join on eid.  ``positions`` says what happened to each position.  A date on which
    some units are still in an earlier expression's text gets an ``earlier_edition_in_force``
    flag.
    """
    va, vb = as_of(editions, lang, d1), as_of(editions, lang, d2)
    ea, eb = _chosen(editions, va), _chosen(editions, vb)
    ops, changes = _diff_texts(ea.doc if ea else None, eb.doc if eb else None, va.units, vb.units)
    return ActDiff(
        act=vb.act,
        lang=lang,
        date_a=d1,
        date_b=d2,
        edition_a=va.edition,
        edition_b=vb.edition,
        ops=tuple(ops),
        flags_a=va.flags + _earlier(va),
        flags_b=vb.flags + _earlier(vb),
        positions=tuple(changes),
        view_a=va,
        view_b=vb,
    )


def _edition_on(editions: Sequence[EditionText], lang: str, date: str) -> EditionText:
    eds = [e for e in editions if e.lang == lang]
    if not eds:
        raise ValueError(f"no expression in language {lang!r} (have {sorted({e.lang for e in editions})})")
    dated = [e for e in eds if (e.date_from or "") <= date]
    return max(dated, key=lambda e: e.date_from or "") if dated else min(eds, key=lambda e: e.date_from or "")


def diff_editions(editions: Sequence[EditionText], lang: str, d1: str, d2: str) -> ActDiff:
    """The edition of ``d1`` against the edition of ``d2`` as published (the latest expression
    dated on or before each date, else the earliest), whether or not its text was in force on
    that date — "what did order N change".  Positions and units are paired as in
    :func:`diff_as_of`; the flags say that the texts are compared as published."""
    ea, eb = _edition_on(editions, lang, d1), _edition_on(editions, lang, d2)
    ops, changes = _diff_texts(ea.doc, eb.doc, ea.doc.units, eb.doc.units)
    note = {"kind": "texts_as_published",
            "note": "the two editions' texts as published; when each unit came into force: diff by dates"}
    return ActDiff(act=eb.act, lang=lang, date_a=d1, date_b=d2, edition_a=ea.label, edition_b=eb.label,
                   ops=tuple(ops), flags_b=(note,), positions=tuple(changes))
