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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from parser.models import ActRef, Amendment

from .commencement import Commencement, commencement
from .coverage import covered_eids
from .editions import (
    EditionText,
    edition_from_expression,
    edition_from_front_matter,
    editions_of_act,
    order_editions,
)
from .intervals import Interval, _act_json, _effective_interval, _note_key
from .unitmodel import _content, _Model

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
    added = any(model.added_by(k, eid) for k in holders)
    if not added:  # an added unit's existence starts at the note that added it, not at the act's commencement
        part = c.exception_for(eid)
        text = c.text if part is None else f"{c.text} [{', '.join(part.words)}]"
        events.append(Event("commencement", c.for_unit(eid), original_in_corpus, c.source, text=text))

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
        for which, notes in (
            ("applied", model.applied_for(k, eid)),
            ("announced", model.announced[k].get(eid, [])),
        ):
            for a in notes:
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


from .asof import AsOfView, UnitView, as_of  # noqa: E402  (the views build on the model above)
