"""The per-act model of time the timelines and views share: per edition of one language, the
notes covering each unit (applied, announced, adding it), the act's commencement, and since when
each unit's text (and the unit itself) is in force."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from parser.models import Amendment, Unit

from .commencement import commencement
from .coverage import _coverage, _same_time, _units_by_eid
from .editions import EditionText, order_editions
from .intervals import Interval, _effective_interval, _note_key

# --- the start of one unit's text in one edition -----------------------------------------------


@dataclass(frozen=True)
class _Start:
    """Since when the text of a unit in an edition is in force (``when`` None: since the act's
    commencement)."""

    when: Interval | None
    amendment: Amendment | None = None
    reason: str = "commencement"  # "commencement" | "amendment" | "added" | "edition"


class _Model:
    """Per-edition caches for one act and language; built once per query."""

    def __init__(self, editions: Sequence[EditionText], others: Sequence[EditionText] = ()):
        self.eds = order_editions(editions)
        self.units = [_units_by_eid(e.doc) for e in self.eds]
        self.applied = [_coverage(e.doc, "applied") for e in self.eds]
        self.announced = [_coverage(e.doc, "announced") for e in self.eds]
        self.added = [_coverage(e.doc, "added") for e in self.eds]
        # the notes of the other languages' expressions of the same moment: an amending act
        # amends every language's text (the kk copy of 580-НҚ carries no notes at all)
        for k, e in enumerate(self.eds):
            for f in others:
                if f.lang != e.lang and _same_time(e, f):
                    from .align import align_eids

                    eid_map = align_eids(f.doc, e.doc)
                    _coverage(f.doc, "applied", e.lang, self.applied[k], eid_map)
                    _coverage(f.doc, "announced", e.lang, self.announced[k], eid_map)
                    _coverage(f.doc, "added", e.lang, self.added[k], eid_map)
        self.comm = commencement(self.eds, others)

    def index_for(self, date: str) -> int:
        """The latest edition shown in force on or before ``date`` (else the earliest)."""
        best = 0
        for k, e in enumerate(self.eds):
            if e.date_from is None or e.date_from <= date:
                best = k
        return best

    def prev_with(self, k: int, eid: str) -> int | None:
        for j in range(k - 1, -1, -1):
            if eid in self.units[j]:
                return j
        return None

    def closed(self, k: int, iv: Interval) -> Interval:
        """An open interval of a change edition ``k`` shows as made, closed by that evidence:
        the edition's date or the copy's window (the copy shows it in force)."""
        if iv.upper is not None:
            return iv
        e = self.eds[k]
        if e.evidence and (iv.lower is None or e.evidence >= iv.lower):
            return Interval(iv.lower, e.evidence)
        if e.kind == "copy" and e.window and e.window[1] and (iv.lower is None or e.window[1] > iv.lower):
            return Interval(iv.lower, e.window[1])  # shown at the copy date, before the window's end
        return iv

    def added_by(self, k: int, eid: str) -> tuple[Amendment, Interval] | None:
        """The applied note that added the unit (or the unit above it that brought it: "Глава 1
        дополнена параграфом 4-1" for everything in §4-1), and when: the unit's existence starts
        there.  Several: the latest (the innermost addition)."""
        notes = self.added[k].get(eid, [])
        if not notes:
            return None
        a = max(notes, key=lambda x: _effective_interval(x).lower or "")
        return a, self.closed(k, _effective_interval(a))

    def applied_for(self, k: int, eid: str) -> list[Amendment]:
        """The applied notes covering the unit in edition ``k``, less those in force before the
        unit was added (a restatement of the whole annex in 2023 says nothing of a Параграф
        added in 2024)."""
        notes = self.applied[k].get(eid, [])
        add = self.added_by(k, eid)
        if add is None or add[1].lower is None:
            return notes
        born = add[1].lower
        return [a for a in notes if (_effective_interval(a).lower or born) >= born]

    def start(self, k: int, eid: str) -> _Start:
        applied = self.applied_for(k, eid)
        if applied:
            a = max(applied, key=lambda x: _effective_interval(x).lower or "")
            add = self.added_by(k, eid)
            reason = "added" if add is not None and _note_key(add[0]) == _note_key(a) else "amendment"
            return _Start(self.closed(k, _effective_interval(a)), a, reason)
        j = self.prev_with(k, eid)
        if j is None:
            if k == 0 or self.eds[k].date_from is None:
                return _Start(None)
            return _Start(Interval.day(self.eds[k].date_from), None, "edition")  # new in this edition
        if _content(self.units[j][eid]) == _content(self.units[k][eid]):
            return self.start(j, eid)
        return (
            _Start(Interval.day(self.eds[k].date_from), None, "edition")
            if self.eds[k].date_from
            else _Start(None)
        )

    def end(self, k: int, eid: str) -> str | None:
        """Exclusive end of the unit's text in edition ``k`` as far as the corpus knows."""
        lows = [_effective_interval(a).lower for a in self.announced[k].get(eid, [])]
        lows = [x for x in lows if x]
        if lows:
            return min(lows)
        nxt = next((j for j in range(k + 1, len(self.eds)) if self.eds[j].lang == self.eds[k].lang), None)
        return self.eds[nxt].date_from if nxt is not None else None


def _content(u: Unit) -> str:
    """What a unit says: its heading and its own text."""
    parts = [p for p in (u.heading, u.text) if p]
    return "\n".join(parts)
