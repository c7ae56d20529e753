"""Time as data: which text of a unit is in force on a date, and what we know about it.

An act reaches zangraph as one or more *expressions* (:class:`EditionText`): a language plus
a text, each either a dated edition ("the edition of 2025-08-14") or a *copy* made inside a
window ("copied after 2026-04-16, before 2026-07-11").  The notes inside a text say more:

* an applied amendment ("Сноска. Пункт 9 - в редакции приказа … № 316 (вводится в действие по
  истечении десяти календарных дней …)") dates the text shown: it is in force from the
  amendment's effective date, and the text before that date is not in this expression;
* an announced edition ("Примечание ИЗПИ! Пункт 7 предусматривается в редакции приказа … № 73
  (вводится в действие с 11.07.2026)") ends it: from that date a text the corpus does not hold
  is in force;
* the act's own commencement ("Настоящий приказ вводится в действие …") starts everything.

An effective date that depends on an undated publication is an :class:`Interval` with a lower
bound and an open upper bound — never a made-up day.  It closes only on evidence: a copy shows
its text in force throughout its window, a dated edition from its date.

Everything here is a pure function of (editions, date):

* :func:`unit_timeline` — the dated events of one unit (texts we have, applied amendments,
  announced editions, commencement);
* :func:`as_of` — a point-in-time view of an act: per unit the text in force on the date if
  the corpus has it, and flags where it does not or may not (``superseded``,
  ``earlier_text_not_in_corpus``, ``not_yet_in_force``, ``change_date_uncertain``).

The rule the view keeps: **a text is never returned stale without a flag.**  A flag with
``"certain": True`` comes with ``text=None`` (the corpus lacks the text in force); with
``"certain": False`` the text shown is the best the corpus has and may not (yet / still) be the
one in force.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from parser.models import ActRef, Amendment, Unit

from .commencement import Commencement, commencement
from .coverage import _coverage, _same_time, _units_by_eid, covered_eids
from .editions import (
    EditionText,
    edition_from_expression,
    edition_from_front_matter,
    editions_of_act,
    order_editions,
)
from .intervals import Interval, _act_json, _effective_interval, _note_key

__all__ = [
    "Interval",
    "Commencement",
    "EditionText",
    "Event",
    "UnitView",
    "AsOfView",
    "edition_from_expression",
    "edition_from_front_matter",
    "editions_of_act",
    "order_editions",
    "commencement",
    "covered_eids",
    "unit_timeline",
    "as_of",
]


# --- the start of one unit's text in one edition -----------------------------------------------


@dataclass(frozen=True)
class _Start:
    """Since when the text of a unit in an edition is in force (``when`` None: since the act's
    commencement)."""

    when: Interval | None
    amendment: Amendment | None = None
    reason: str = "commencement"  # "commencement" | "amendment" | "edition"


class _Model:
    """Per-edition caches for one act and language; built once per query."""

    def __init__(self, editions: Sequence[EditionText], others: Sequence[EditionText] = ()):
        self.eds = order_editions(editions)
        self.units = [_units_by_eid(e.doc) for e in self.eds]
        self.applied = [_coverage(e.doc, "applied") for e in self.eds]
        self.announced = [_coverage(e.doc, "announced") for e in self.eds]
        # the notes of the other languages' expressions of the same moment: an amending act
        # amends every language's text (the kk copy of 580-НҚ carries no notes at all)
        for k, e in enumerate(self.eds):
            for f in others:
                if f.lang != e.lang and _same_time(e, f):
                    from .align import align_eids

                    eid_map = align_eids(f.doc, e.doc)
                    _coverage(f.doc, "applied", e.lang, self.applied[k], eid_map)
                    _coverage(f.doc, "announced", e.lang, self.announced[k], eid_map)
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

    def start(self, k: int, eid: str) -> _Start:
        applied = self.applied[k].get(eid, [])
        if applied:
            a = max(applied, key=lambda x: _effective_interval(x).lower or "")
            iv = _effective_interval(a)
            if iv.upper is None:
                ev = self.eds[k].evidence
                if ev and (iv.lower is None or ev >= iv.lower):
                    iv = Interval(iv.lower, ev)
                elif self.eds[k].kind == "copy" and self.eds[k].window and self.eds[k].window[1]:
                    before = self.eds[k].window[1]  # shown at the copy date, before the window's end
                    if iv.lower is None or before > iv.lower:
                        iv = Interval(iv.lower, before)
            return _Start(iv, a, "amendment")
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


# --- timeline of one unit ----------------------------------------------------------------------

_EVENT_ORDER = {"commencement": 0, "applied_amendment": 1, "text": 2, "announced_edition": 3}


@dataclass(frozen=True)
class Event:
    """One dated fact about a unit.

    ``kind``: "text" (a text the corpus has, in force ``since`` … ``until``), "applied_amendment"
    (an edition of the unit in force since its effective date), "announced_edition" (an edition
    in force from its date whose text the corpus lacks unless a later expression has it),
    "commencement" (the act's).  ``since`` is an :class:`Interval` (an after-publication date is
    ``[lower, None]``); ``date`` is ``since.exact``.
    """

    kind: str
    since: Interval
    text_in_corpus: bool
    source: tuple[str, int] | None
    amending_act: ActRef | None = None
    until: str | None = None  # "text": exclusive end of what the corpus knows
    change: str | None = None  # amendments: "restated" | "changed" | "added" | "removed"
    target: str | None = None  # amendments: the unit the note names (the unit or an ancestor)
    text: str | None = None  # "text": the unit's text; amendments: the note
    edition: str | None = None  # the expression it comes from

    @property
    def date(self) -> str | None:
        return self.since.exact

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "since": self.since.as_json(),
            "until": self.until,
            "text_in_corpus": self.text_in_corpus,
            "source": list(self.source) if self.source else None,
            "amending_act": _act_json(self.amending_act),
            "change": self.change,
            "target": self.target,
            "text": self.text,
            "edition": self.edition,
        }


def unit_timeline(
    editions: Sequence[EditionText], amendments: Iterable[Amendment] | None, eid: str, lang: str | None = None
) -> list[Event]:
    """Everything the corpus says about the text of unit ``eid`` over time, sorted by date.

    ``amendments`` restricts the notes considered (None: every note of every edition); a note
    repeated in several editions counts once.  ``text_in_corpus`` of an applied amendment is
    True when some edition shows the unit exactly as that amendment left it (it is the latest
    applied note covering the unit there); of an announced edition, when a later expression
    holds the unit from that date on.  ``lang`` picks the language when the editions hold several.
    """
    langs = sorted({e.lang for e in editions})
    if lang is None and len(langs) > 1:
        raise ValueError(f"editions in several languages {langs}: pass lang")
    model = _Model([e for e in editions if lang is None or e.lang == lang], editions)
    eds = model.eds
    allowed = None if amendments is None else {id(a) for a in amendments}
    events: list[Event] = []
    holders = [k for k in range(len(eds)) if eid in model.units[k]]

    c = model.comm
    original_in_corpus = bool(holders) and model.start(holders[0], eid).reason == "commencement"
    events.append(Event("commencement", c.when, original_in_corpus, c.source, text=c.text))

    shown: set[tuple[Any, ...]] = set()  # notes whose edition of the unit some text shows
    for k in holders:
        st = model.start(k, eid)
        if st.amendment is not None:
            shown.add(_note_key(st.amendment))
        u = model.units[k][eid]
        since = st.when if st.when is not None else c.when
        events.append(
            Event(
                "text",
                since,
                True,
                (u.span.file, u.span.start),
                until=model.end(k, eid),
                text=_content(u),
                edition=eds[k].label,
                amending_act=st.amendment.amending_act if st.amendment else None,
            )
        )

    seen: set[tuple[Any, ...]] = set()
    for k in range(len(eds)):
        for which, table in (("applied", model.applied[k]), ("announced", model.announced[k])):
            for a in table.get(eid, []):
                if allowed is not None and id(a) not in allowed:
                    continue
                key = _note_key(a)
                if key in seen:
                    continue
                seen.add(key)
                iv = _effective_interval(a)
                if which == "applied":
                    in_corpus = key in shown
                    kind = "applied_amendment"
                else:
                    start = iv.upper or iv.lower
                    in_corpus = any(
                        eid in model.units[j] and start is not None and (eds[j].date_from or "") >= start
                        for j in range(k + 1, len(eds))
                    )
                    kind = "announced_edition"
                events.append(
                    Event(
                        kind,
                        iv,
                        in_corpus,
                        (a.span.file, a.span.start),
                        amending_act=a.amending_act,
                        change=a.kind,
                        target=a.target_eid,
                        text=a.text,
                        edition=eds[k].label,
                    )
                )
    events.sort(key=lambda e: (e.since.lower or "", _EVENT_ORDER[e.kind]))
    return events


# --- point-in-time view ------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitView:
    """One unit as of a date.  ``text`` / ``heading`` are the text in force when the corpus has
    it, None when it certainly does not (then a flag says why); ``corpus_text`` /
    ``corpus_heading`` are what the chosen expression shows either way."""

    eid: str
    kind: str
    num: str | None
    parent: str | None
    text: str | None
    heading: str | None
    corpus_text: str
    corpus_heading: str | None
    flags: tuple[dict[str, Any], ...]
    edition: str
    source: tuple[str, int]

    @property
    def in_corpus(self) -> bool:
        return self.text is not None

    @property
    def content(self) -> str | None:
        """Heading and text of the text in force (None when not in corpus)."""
        if self.text is None:
            return None
        return "\n".join(p for p in (self.heading, self.text) if p)

    @property
    def flag_kinds(self) -> tuple[str, ...]:
        return tuple(f["kind"] for f in self.flags)

    def to_dict(self) -> dict[str, Any]:
        return {
            "eid": self.eid,
            "kind": self.kind,
            "num": self.num,
            "parent": self.parent,
            "text": self.text,
            "heading": self.heading,
            "in_corpus": self.in_corpus,
            "corpus_text": self.corpus_text,
            "corpus_heading": self.corpus_heading,
            "flags": list(self.flags),
            "edition": self.edition,
            "source": list(self.source),
        }


@dataclass(frozen=True)
class AsOfView:
    """An act as of ``date`` in one language: its units in document order, and flags about the
    act as a whole (``commencement_uncertain``, ``commencement_partial``, ``after_copy_window``)."""

    act: str
    lang: str
    date: str
    edition: str
    units: tuple[UnitView, ...]
    flags: tuple[dict[str, Any], ...] = ()
    _index: dict[str, UnitView] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._index.update((u.eid, u) for u in self.units)

    def __iter__(self) -> Iterator[UnitView]:
        return iter(self.units)

    def __len__(self) -> int:
        return len(self.units)

    def get(self, eid: str) -> UnitView | None:
        return self._index.get(eid)

    def __getitem__(self, eid: str) -> UnitView:
        return self._index[eid]

    def flagged(self, kind: str | None = None) -> list[UnitView]:
        """Units with a flag (of ``kind``), in document order."""
        return [u for u in self.units if u.flags and (kind is None or kind in u.flag_kinds)]

    def to_dict(self) -> dict[str, Any]:
        data = [u.to_dict() for u in self.units]
        return {
            "act": self.act,
            "lang": self.lang,
            "date": self.date,
            "edition": self.edition,
            "flags": list(self.flags),
            "data": data,
            "count": len(data),
        }


def _view(model: _Model, k: int, eid: str, date: str) -> UnitView:
    e = model.eds[k]
    u = model.units[k][eid]
    base: dict[str, Any] = dict(  # noqa: C408  (keyword arguments of UnitView)
        eid=u.eid,
        kind=u.kind,
        num=u.num,
        parent=u.parent,
        corpus_text=u.text,
        corpus_heading=u.heading,
        edition=e.label,
        source=(u.span.file, u.span.start),
    )
    c = model.comm.when
    if c.lower is not None and date < c.lower:
        flag = {"kind": "not_yet_in_force", "since": c.as_json(), "certain": True}
        return UnitView(text=None, heading=None, flags=(flag,), **base)

    flags: list[dict[str, Any]] = []
    st = model.start(k, eid)
    if st.when is not None and st.when.lower is not None and date < st.when.lower:
        j = model.prev_with(k, eid)
        if j is not None:  # the earlier text is in an earlier expression
            return _view(model, j, eid, date)
        flag = {
            "kind": "earlier_text_not_in_corpus",
            "since": st.when.as_json(),
            "certain": True,
            "by": _act_json(st.amendment.amending_act) if st.amendment else None,
        }
        return UnitView(text=None, heading=None, flags=(flag,), **base)
    if st.when is not None and not st.when.certainly_by(date):
        j = model.prev_with(k, eid)
        by = _act_json(st.amendment.amending_act) if st.amendment else None
        if j is None:
            flags.append(
                {"kind": "earlier_text_not_in_corpus", "since": st.when.as_json(), "certain": False, "by": by}
            )
        elif _content(model.units[j][eid]) != _content(u):
            flags.append(
                {
                    "kind": "change_date_uncertain",
                    "since": st.when.as_json(),
                    "by": by,
                    "previous": {
                        "edition": model.eds[j].label,
                        "text": model.units[j][eid].text,
                        "heading": model.units[j][eid].heading,
                    },
                    "certain": False,
                }
            )

    due = [a for a in model.announced[k].get(eid, []) if _effective_interval(a).possibly_by(date)]
    if due:
        a = max(due, key=lambda x: _effective_interval(x).lower or "")
        iv = _effective_interval(a)
        certain = iv.certainly_by(date)
        flags.append(
            {
                "kind": "superseded",
                "by": _act_json(a.amending_act),
                "since": iv.as_json(),
                "change": a.kind,
                "target": a.target_eid,
                "text_in_corpus": False,
                "certain": certain,
                "note": (a.span.file, a.span.start),
            }
        )
        if certain:
            return UnitView(text=None, heading=None, flags=tuple(flags), **base)
    return UnitView(text=u.text, heading=u.heading, flags=tuple(flags), **base)


def as_of(editions_of_act: Sequence[EditionText], lang: str, date: str) -> AsOfView:
    """The act in language ``lang`` as of ``date`` (ISO): every unit of the expression in force
    then (the latest whose ``date_from`` is on or before the date, else the earliest), with the
    text in force if the corpus has it and flags where it does not or may not:

    * ``superseded`` — an announced edition naming the unit or an ancestor is in force
      (``certain`` False while its date is an open interval);
    * ``earlier_text_not_in_corpus`` — the date is before the text shown came into force and
      no earlier expression holds the unit (``certain`` False inside an after-publication
      interval);
    * ``change_date_uncertain`` — inside such an interval, but the earlier text is in an
      earlier expression (given as ``previous``);
    * ``not_yet_in_force`` — before the act's own commencement.

    A date before an edition's version of a unit came into force falls back to the earlier
    expression's text of that unit.
    """
    eds = [e for e in editions_of_act if e.lang == lang]
    if not eds:
        raise ValueError(
            f"no expression in language {lang!r} (have {sorted({e.lang for e in editions_of_act})})"
        )
    model = _Model(eds, editions_of_act)
    k = model.index_for(date)
    chosen = model.eds[k]
    units = tuple(_view(model, k, u.eid, date) for u in chosen.doc.units)
    flags: list[dict[str, Any]] = []
    c = model.comm
    if c.when.lower is not None and date >= c.when.lower and not c.when.certainly_by(date):
        flags.append({"kind": "commencement_uncertain", "since": c.when.as_json(), "source": c.source})
    if c.partial:
        flags.append({"kind": "commencement_partial", "text": c.text, "source": c.source})
    if chosen.kind == "copy" and chosen.window and chosen.window[1] and date >= chosen.window[1]:
        flags.append(
            {
                "kind": "after_copy_window",
                "known_until": chosen.window[1],
                "note": "texts as copied, with the editions the copy announces; later changes are unknown",
            }
        )
    return AsOfView(
        act=chosen.act, lang=lang, date=date, edition=chosen.label, units=units, flags=tuple(flags)
    )
