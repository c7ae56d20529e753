"""Point-in-time views: an act as of a date (:func:`as_of`), per unit the text in force if the
corpus has it and the flags where it does not or may not.  The rule the view keeps: **a text is
never returned stale without a flag.**"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from parser.models import Amendment

from .editions import EditionText
from .intervals import _act_json, _effective_interval
from .unitmodel import _content, _Model

__all__ = ["UnitView", "AsOfView", "as_of"]


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
    notices: tuple[
        dict[str, Any], ...
    ] = ()  # flags that leave the text in force: commencement_uncertain, pending

    @property
    def all_flags(self) -> tuple[dict[str, Any], ...]:
        """The flags and the notices: the act's uncertain commencement first, pending editions last."""
        first = tuple(n for n in self.notices if n["kind"] == "commencement_uncertain")
        return (*first, *self.flags, *(n for n in self.notices if n["kind"] != "commencement_uncertain"))

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
        return tuple(f["kind"] for f in self.all_flags)

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
            "flags": list(self.all_flags),
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
        return [u for u in self.units if u.all_flags and (kind is None or kind in u.flag_kinds)]

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


def _announced_on(model: _Model, k: int, a: Amendment) -> str | None:
    """The first day the corpus knows of an announced edition: the amending act's date, else
    the start of the copy's window (the copy shows the note), else the edition's date."""
    if a.amending_act and a.amending_act.date:
        return a.amending_act.date
    e = model.eds[k]
    return e.window[0] if e.kind == "copy" and e.window else e.date_from


def _pending(model: _Model, k: int, eid: str, date: str) -> list[dict[str, Any]]:
    """``pending`` flags: editions announced for the unit (or a unit above it) that are known on
    ``date`` but not yet in force — one per amending act, the earliest note of each."""
    out: dict[tuple[Any, ...], dict[str, Any]] = {}
    for a in model.announced[k].get(eid, []):
        iv = _effective_interval(a)
        known = _announced_on(model, k, a)
        if iv.lower is None or date >= iv.lower or (known is not None and date < known):
            continue
        act = a.amending_act
        key = (act.number, act.date) if act else (a.span.file, a.span.start)
        if key in out and (out[key]["since_lower"] or "") <= iv.lower:
            continue
        out[key] = {
            "kind": "pending",
            "by": _act_json(act),
            "since": iv.as_json(),
            "since_lower": iv.lower,
            "announced": known,
            "change": a.kind,
            "target": a.target_eid,
            "text_in_corpus": True,  # the text shown is in force on the date …
            "new_text_in_corpus": False,  # … the announced one is not in the corpus
            "note": (a.span.file, a.span.start),
        }
    return [{k2: v for k2, v in f.items() if k2 != "since_lower"} for f in out.values()]


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

    notices: list[dict[str, Any]] = []  # the text shown stays in force: not text flags (a diff ignores them)

    def missing(*flags: dict[str, Any]) -> UnitView:  # the text in force is certainly not the corpus's
        return UnitView(text=None, heading=None, flags=tuple(flags), notices=tuple(notices), **base)

    comm = model.comm
    c = comm.for_unit(eid)  # an exception of the commencement rule ("за исключением параграфа 6 главы 2 …")
    part = comm.exception_for(eid)
    if c.lower is not None and date < c.lower:
        flag = {"kind": "not_yet_in_force", "since": c.as_json(), "certain": True, "source": comm.source}
        if e.act_date and date < e.act_date:
            flag["act_date"] = e.act_date  # the act itself is not yet adopted
        if part is not None:
            flag["exception"] = part.as_json()
        return missing(flag)

    flags: list[dict[str, Any]] = []
    if c.possibly_by(date) and not c.certainly_by(date):
        notices.append(
            {"kind": "commencement_uncertain", "since": c.as_json(), "certain": False, "source": comm.source}
        )

    add = model.added_by(k, eid)
    if add is not None:  # the unit exists from the note that added it
        note, iv = add
        by = _act_json(note.amending_act)
        if iv.lower is not None and date < iv.lower and model.prev_with(k, eid) is None:
            return missing(
                *flags,
                {
                    "kind": "not_yet_existing",
                    "since": iv.as_json(),
                    "by": by,
                    "certain": True,
                    "note": (note.span.file, note.span.start),
                },
            )
        if not iv.certainly_by(date):
            flags.append(
                {
                    "kind": "not_yet_existing",
                    "since": iv.as_json(),
                    "by": by,
                    "certain": False,
                    "note": (note.span.file, note.span.start),
                }
            )

    st = model.start(k, eid)
    if st.reason == "added":
        pass  # no text before the addition: existence flags above
    elif st.when is not None and st.when.lower is not None and date < st.when.lower:
        j = model.prev_with(k, eid)
        if j is not None:  # the earlier text is in an earlier expression
            return _view(model, j, eid, date)
        by = _act_json(st.amendment.amending_act) if st.amendment else None
        return missing(
            *flags,
            {"kind": "earlier_text_not_in_corpus", "since": st.when.as_json(), "certain": True, "by": by},
        )
    elif st.when is not None and not st.when.certainly_by(date):
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

    notices.extend(_pending(model, k, eid, date))
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
            return missing(*flags)
    return UnitView(text=u.text, heading=u.heading, flags=tuple(flags), notices=tuple(notices), **base)


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
    * ``not_yet_in_force`` — before the act's own commencement, or the unit's own where the
      commencement rule excepts it ("за исключением параграфа 6 главы 2 …, которые вводятся в
      действие с 1 января 2018 года": ``exception``);
    * ``commencement_uncertain`` — inside the open interval of that commencement (``certain``
      False: the act may not yet be in force);
    * ``not_yet_existing`` — before the note that added the unit or a unit above it ("Глава 1
      дополнена параграфом 4-1 …") took effect (``certain`` False inside its interval);
    * ``pending`` — an edition announced for the unit ("Примечание ИЗПИ! … предусматривается в
      редакции приказа … (вводятся в действие с 12.07.2026)"), known on the date (from the
      amending act's date) but not yet in force: the text shown is in force, the new one is
      not in the corpus; one per amending act.

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
        flags.append(
            {
                "kind": "commencement_partial",
                "text": c.text,
                "source": c.source,
                "exceptions": [x.as_json() for x in c.exceptions],
            }
        )
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
