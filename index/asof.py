"""A unit's flags as of any date, computed once at build: dated spans, a search picks one.

A unit's flags on a date (:func:`flags_from_kb`: :func:`kb.versions.flags_for`, the aligned
unit's ``superseded`` and :func:`kb.status.unit_act_flags`) change only on the days the timeline
names: every comparison the timeline makes with the date is ``date >= day`` or ``date < day``
against a day of the act's editions, notes, commencement, repeal or exclusions, or the
commencement of an act the unit cites.  Between two such days the flags are the same, but for
the date itself, which two messages quote (``not_in_edition``: "… on 2020-01-01";
``act_not_yet_in_force``: "… on 2020-01-01 it was not yet in force…", "на 01.01.2020 …").

So the build (:func:`flag_spans`) collects those days, evaluates the flags once per span
``[from, to)`` (at ``from``), writes the date the messages quote as a placeholder, merges equal
neighbours.  The units share few distinct flag lists (97 on the seeds, for 14 447 spans), so the
index keeps each once, pickled (:class:`FlagSets`, a file in the index folder, so it is swapped
in with the index it belongs to and the flags come back as made, tuples included), and a
unit's document keeps ``[[from, to, id], …]`` (``flag_spans``; the id a hash of the list).  A search
as of a date (:func:`flags_on`) takes the span holding it and puts the date back: no timeline,
no KB.

The days are those of the data the timeline reads (collected by walking it, :func:`_dates`),
plus every day a flag of a span carries (``since``, ``announced``, …: evaluated in turn until
no new day appears) — a day computed on the way (a commencement "ten days after publication")
is in the flags it causes.

The build evaluates them unit by unit (:meth:`_Days.flags`, equal to :func:`flags_from_kb`): each
act's model of time built once, not a whole-act view per day (seeds: unit records 1.34 → 0.85 s).

>>> spans = [["0000-00-00", "2018-01-01", [{"kind": "not_in_edition", "message": "… on {as_of}"}]],
...          ["2018-01-01", "9999-12-31", []]]
>>> flags_on(spans, "2017-05-01"), flags_on(spans, "2018-01-01")
([{'kind': 'not_in_edition', 'message': '… on 2017-05-01'}], [])
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import os
import pickle
import re
from typing import Any

from .schema import NO_END, NO_START

__all__ = ["FLAGSETS_FILE", "FlagSets", "flag_spans", "flags_from_kb", "flags_on", "flagset_id"]

#: The date of a span's first evaluation before any day of the timeline (any earlier day answers the same).
EARLIEST = "0001-01-01"
AS_OF, AS_OF_DMY = "{as_of}", "{as_of_dmy}"
#: Beside the index: the distinct flag lists the units' spans point to (:class:`FlagSets`).
FLAGSETS_FILE = "flagsets.pickle"
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_QUOTED_ISO = re.compile(r"'(\d{4}-\d{2}-\d{2})'")


def _dmy(iso: str) -> str:
    return ".".join(reversed(iso.split("-")))


def flags_from_kb(kb, expression: str, unit_id: str, node: str, end_from: str | None,
                  as_of: str, flags_of: Any = None, acts_of: Any = None) -> list[dict[str, Any]]:
    """A unit's flags on ``as_of`` from the KB's timeline: its own, the ``superseded`` of the
    aligned unit whose announcement ends it (``end_from``, with ``announced_in``) when it has none,
    and one per cited act not in force.  ``flags_of(expr, eid, day)`` / ``acts_of(node, day)``
    replace :func:`kb.versions.flags_for` / :func:`kb.status.unit_act_flags` (the build's faster
    ways to the same flags)."""
    from kb.status import unit_act_flags
    from kb.versions import flags_for

    flags_of = flags_of or (lambda e, u, day: flags_for(kb, e, u, day))
    acts_of = acts_of or (lambda n, day: unit_act_flags(kb, n, day))
    flags = flags_of(expression, unit_id, as_of)
    if end_from and end_from in kb.graph and not any(fl["kind"] == "superseded" for fl in flags):
        d = kb.graph.nodes[end_from]
        flags += [{**fl, "announced_in": {"node": end_from, "lang": d.get("lang")}}
                  for fl in flags_of(d["expression"], d["eid"], as_of) if fl["kind"] == "superseded"]
    return flags + acts_of(node, as_of)


# --- the date inside messages ---------------------------------------------------------------


def _template(flags: list[dict[str, Any]], as_of: str) -> list[dict[str, Any]]:
    """The flags with the date their messages quote replaced by placeholders (by kind: only
    these two quote it; any other date in a message is data and stays)."""
    out = []
    for f in flags:
        kind = f.get("kind")
        if kind == "not_in_edition" and f.get("message", "").endswith(f" on {as_of}"):
            f = {**f, "message": f["message"][: -len(as_of)] + AS_OF}
        elif kind == "act_not_yet_in_force":
            f = dict(f)
            if "message" in f:
                f["message"] = f["message"].replace(f"; on {as_of} it was", f"; on {AS_OF} it was")
            if "message_ru" in f:
                f["message_ru"] = f["message_ru"].replace(f"; на {_dmy(as_of)} ещё", f"; на {AS_OF_DMY} ещё")
        out.append(f)
    return out


def _render(flags: list[dict[str, Any]], as_of: str) -> list[dict[str, Any]]:
    out = []
    for f in flags:
        kind = f.get("kind")
        if kind in ("not_in_edition", "act_not_yet_in_force"):
            f = dict(f)
            for key in ("message", "message_ru"):
                if key in f:
                    f[key] = f[key].replace(AS_OF, as_of).replace(AS_OF_DMY, _dmy(as_of))
        out.append(f)
    return out


# --- the days the flags may change on ---------------------------------------------------------


def _dates(obj: Any, out: set[str], seen: set[int]) -> None:
    """Every ISO date string inside ``obj`` (dicts, sequences, dataclasses, objects)."""
    stack = [obj]
    while stack:
        o = stack.pop()
        if isinstance(o, str):
            if len(o) == 10 and _ISO.match(o):
                out.add(o)
            continue
        if o is None or isinstance(o, (int, float, bool)) or id(o) in seen:
            continue
        seen.add(id(o))
        if isinstance(o, dict):
            stack.extend(o.values())
        elif isinstance(o, (list, tuple, set, frozenset)):
            stack.extend(o)
        elif dataclasses.is_dataclass(o):
            stack.extend(getattr(o, f.name, None) for f in dataclasses.fields(o))
        elif hasattr(o, "__dict__"):
            stack.extend(vars(o).values())


def _flag_dates(flags: Any, out: set[str]) -> None:
    """:func:`_dates` for flags: every string that is a date, read from the flags' ``repr`` (a
    date alone is always written ``'YYYY-MM-DD'``).  A date that is only part of a string quoted
    in a string may be taken too: one more day to look at, which never changes the spans
    (equal neighbours merge).

    >>> out = set(); _flag_dates([{"since": "2020-01-01", "m": "on 2021-02-02", "t": ("2022-03-03",)}], out)
    >>> sorted(out)
    ['2020-01-01', '2022-03-03']
    """
    out.update(_QUOTED_ISO.findall(repr(flags)))


class _Days:
    """The days of each act's timeline (cached per work) and of each cited act's status."""

    def __init__(self, kb) -> None:
        self.kb = kb
        self.works: dict[str, frozenset[str]] = {}
        self.models: dict[tuple[str, str], Any] = {}  # (work, lang) -> kb.unitmodel._Model
        self.cites: dict[str, list[tuple[str, str | None]]] = {}  # node -> [(act id, name)] it cites
        self._exprs: dict[str, list[str]] | None = None

    def expressions(self, work: str) -> list[str]:
        """``kb.expressions(work)`` from the ids of ``kb.docs`` alone, grouped once: a KB may read
        a document from disk only when asked for it (and ``kb.expressions`` asks for all)."""
        if self._exprs is None:
            self._exprs = {}
            for e in sorted(self.kb.docs):
                self._exprs.setdefault(e.rsplit("/", 1)[0], []).append(e)  # <work>/<lang>@<edition>
        return self._exprs.get(work, [])

    # --- the flags on one day, unit by unit (what :func:`flags_from_kb` gives, without whole-act views)

    def _model(self, work: str, lang: str):
        """The act's model of time in ``lang``, built once per build (not per date as
        :func:`kb.asof.as_of` does: it does not depend on the date)."""
        hit = self.models.get((work, lang))
        if hit is None:
            from kb.unitmodel import _Model

            eds = self.kb.editions[work]
            mine = [e for e in eds if e.lang == lang]
            if not mine:
                return None
            hit = self.models[(work, lang)] = _Model(mine, eds)
        return hit

    def unit_view(self, work: str, lang: str, eid: str, day: str):
        """``kb.versions.view(kb, work, lang, day).get(eid)``, for one unit: the view of the
        edition in force on ``day`` (:func:`kb.asof.as_of`) computes each unit by itself."""
        from kb.asof import _view

        model = self._model(work, lang)
        if model is None:  # no expression in that language: the whole-act view says why
            from kb.versions import view

            return view(self.kb, work, lang, day).get(eid)
        k = model.index_for(day)
        return _view(model, k, eid, day) if eid in model.units[k] else None

    def flags_for(self, expr: str, eid: str, day: str) -> list[dict[str, Any]]:
        """:func:`kb.versions.flags_for` with the unit's view from :meth:`unit_view`."""
        from kb.versions import flags_for

        return flags_for(self.kb, expr, eid, day, unit_view=self.unit_view)

    def act_flags(self, node: str, day: str) -> list[dict[str, Any]]:
        """:func:`kb.status.unit_act_flags`, the unit's citations read once per build."""
        from kb.status import cited_acts, unit_act_flags

        refs = self.cites.get(node)
        if refs is None:
            refs = self.cites[node] = cited_acts(self.kb, node)
        return unit_act_flags(self.kb, node, day, cited=refs)

    def flags(self, expression: str, unit_id: str, node: str, end_from: str | None,
              day: str) -> list[dict[str, Any]]:
        """:func:`flags_from_kb`, computed unit by unit."""
        return flags_from_kb(self.kb, expression, unit_id, node, end_from, day,
                             flags_of=self.flags_for, acts_of=self.act_flags)

    def of_work(self, work: str) -> frozenset[str]:
        hit = self.works.get(work)
        if hit is None:
            from kb.commencement import commencement

            kb, g = self.kb, self.kb.graph
            out: set[str] = set()
            seen: set[int] = set()
            eds = kb.editions.get(work, [])
            _dates(eds, out, seen)
            for lang in {e.lang for e in eds}:
                mine = [e for e in eds if e.lang == lang]
                _dates(commencement(mine, eds), out, seen)  # days it computes (publication + n days)
            _dates(kb.acts.get(work), out, seen)
            if work in g:
                _dates(g.nodes[work], out, seen)
            for expr in self.expressions(work):
                _dates(g.nodes[expr], out, seen)
                prefix = expr + "/~"
                for u in kb.docs[expr].units:
                    d = g.nodes.get(f"{prefix}{u.eid}")
                    if d and d.get("excluded"):
                        _dates(d["excluded"], out, seen)
            hit = self.works[work] = frozenset(out)
        return hit

    def of_unit(self, node: str) -> set[str]:
        from kb.status import status_of

        g = self.kb.graph
        out: set[str] = set()
        if node in g:
            for _, ref, key in g.out_edges(node, keys=True):
                if key == "cites":
                    _dates(status_of(g.nodes[ref].get("ref", ref)), out, set())
        return out


def flag_spans(kb, rec: dict[str, Any], days: _Days | None = None) -> list[list[Any]]:
    """``[[from, to, flags], …]``: the unit's flags on every date, as spans ``[from, to)`` that
    cover all dates (``NO_START`` … ``NO_END``), neighbours different, messages templated.

    Args:
        rec: the unit's index record (``expression``, ``unit_id``, ``node``, ``act``, ``end_from``).
        days: a :class:`_Days` shared by the units of one build.
    """
    days = days or _Days(kb)
    work = rec["act"]
    cut = set(days.of_work(work)) | days.of_unit(rec["node"])
    values: dict[str, list[dict[str, Any]]] = {}

    def at(day: str) -> list[dict[str, Any]]:
        flags = days.flags(rec["expression"], rec["unit_id"], rec["node"], rec.get("end_from"), day)
        found: set[str] = set()
        _flag_dates(flags, found)
        new = found - cut
        cut.update(new)
        values[day] = _template(flags, day)
        return new

    todo = {EARLIEST, *cut}
    while todo:
        fresh: set[str] = set()
        for day in sorted(todo):
            fresh |= at(day)
        todo = fresh - values.keys()
    starts = sorted(values)
    spans: list[list[Any]] = []
    for i, day in enumerate(starts):
        lo = NO_START if i == 0 else day
        if spans and spans[-1][2] == values[day]:
            continue
        if spans:
            spans[-1][1] = lo
        spans.append([lo, NO_END, values[day]])
    return spans


class FlagSets:
    """The distinct flag lists of an index, each pickled once (the units share a few dozen):
    a unit's document keeps ``[[from, to, id], …]`` and the index folder :data:`FLAGSETS_FILE`
    maps each id to its pickled list.

    An id is a hash of the pickled list (:func:`flagset_id`), not a running number: the same list
    has the same id whatever else is indexed, in whatever order and in whichever process, so the
    parts of an index written in parallel, or a part written later by an incremental build,
    agree on the ids of the parts they do not rewrite.  The file holds the lists by id in id order.
    """

    def __init__(self, sets: dict[int, bytes] | None = None) -> None:
        self.sets: dict[int, bytes] = sets if sets is not None else {}
        self._ids: dict[bytes, int] = {}

    def intern(self, spans: list[list[Any]]) -> list[list[Any]]:
        """``[[from, to, flags], …]`` -> ``[[from, to, id], …]``, each new list kept."""
        out = []
        for lo, hi, flags in spans:
            b = pickle.dumps(flags, protocol=pickle.HIGHEST_PROTOCOL)
            i = self._ids.get(b)
            if i is None:
                i = self._ids[b] = flagset_id(b)
                self.sets.setdefault(i, b)
            out.append([lo, hi, i])
        return out

    def update(self, other: FlagSets | dict[int, bytes]) -> None:
        """Add the lists of ``other`` (ids are content hashes: no renumbering)."""
        self.sets.update(other.sets if isinstance(other, FlagSets) else other)

    def subset(self, ids) -> FlagSets:
        """Only the lists of ``ids`` (those the documents of an index still point to)."""
        return FlagSets({i: self.sets[i] for i in ids})

    def save(self, folder: str) -> None:
        with open(os.path.join(folder, FLAGSETS_FILE), "wb") as fh:
            pickle.dump(dict(sorted(self.sets.items())), fh, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def load(cls, folder: str) -> FlagSets:
        with open(os.path.join(folder, FLAGSETS_FILE), "rb") as fh:
            return cls(pickle.load(fh))

    def flags_on(self, spans: list[list[Any]], as_of: str) -> list[dict[str, Any]]:
        """The flags of the span holding ``as_of`` (fresh objects: a caller may change them)."""
        if not spans:
            return []
        i = bisect.bisect_right([s[0] for s in spans], as_of) - 1
        return _render(pickle.loads(self.sets[spans[max(i, 0)][2]]), as_of)


def flagset_id(pickled: bytes) -> int:
    """The id of a pickled flag list: the first 63 bits of its BLAKE2b hash.

    >>> flagset_id(pickle.dumps([], protocol=5)) == flagset_id(pickle.dumps([], protocol=5))
    True
    """
    return int.from_bytes(hashlib.blake2b(pickled, digest_size=8).digest(), "big") >> 1


def flags_on(spans: list[list[Any]], as_of: str) -> list[dict[str, Any]]:
    """The flags of the span holding ``as_of`` (spans as :func:`flag_spans` gives them)."""
    if not spans:
        return []
    i = bisect.bisect_right([s[0] for s in spans], as_of) - 1
    return _render(spans[max(i, 0)][2], as_of)
