"""Time and comparison queries over the built KB: timelines, diffs by date, and
positions compared side by side.  Thin adapters from KB ids to :mod:`kb.timeline` and
:mod:`kb.diff`, which work on parsed documents."""

from __future__ import annotations

from typing import Any

from .build import KB
from .diff import diff_as_of, diff_editions, diff_positions
from .queries import NotFound, amended_by, find_acts, instructions_of, position_summary, resolve_position
from .timeline import as_of, unit_timeline


def _work(kb: KB, act: str) -> str:
    works = find_acts(kb, act)
    if not works:
        raise NotFound(f"no act {act!r}; give an act id or number such as 580-НҚ or 360")
    return works[0]


def _lang(kb: KB, work: str, lang: str | None) -> str:
    langs = sorted({e.lang for e in kb.editions[work]})
    if lang is None:
        return "ru" if "ru" in langs else langs[0]
    if lang not in langs:
        raise NotFound(f"act {work} has no text in {lang!r} (it has {', '.join(langs)})")
    return lang


def act_timeline(kb: KB, act: str, eid: str | None = None, lang: str | None = None) -> dict[str, Any]:
    """Editions of the act and, for one unit (or every unit a note names), its dated events;
    the act's repeal (``repealed``), the instructions of other corpus acts amending it
    (``amending_instructions``, :func:`kb.queries.amended_by`) and those it gives itself
    (``instructions``, resolved or with the reason why not)."""
    work = _work(kb, act)
    lang = _lang(kb, work, lang)
    eds = kb.editions[work]
    editions = [{"lang": e.lang, "kind": e.kind, "label": e.label, "from": e.date_from, "to": e.date_to,
                 "known_from_lower": e.known_from_lower, "source": e.source_path} for e in eds]
    if eid:
        eids = [eid]
        if not any(u.eid == eid for e in eds for u in e.doc.units):
            raise NotFound(f"act {work} has no unit {eid!r}")
    else:
        eids = sorted({n.target_eid for e in eds for n in e.doc.amendments if n.target_eid and n.target_eid != "act"})
    units = {e: [ev.to_dict() for ev in unit_timeline(eds, None, e, lang)] for e in eids}
    amended = [ev for ev in amended_by(kb, work, lang) if not eid or (ev["eid"] or "").startswith(eid)]
    return {"act": work, "lang": lang, "editions": editions, "units": units,
            "repealed": kb.graph.nodes[work].get("repealed"), "amending_instructions": amended,
            "instructions": instructions_of(kb, work)}


def _diff(kb: KB, act: str, d1: str, d2: str, lang: str | None, editions: bool = False):
    if d1 > d2:
        raise ValueError(f"from ({d1}) is after to ({d2})")
    work = _work(kb, act)
    fn = diff_editions if editions else diff_as_of
    return fn(kb.editions[work], _lang(kb, work, lang), d1, d2)


def act_diff(kb: KB, act: str, d1: str, d2: str, lang: str | None = None, unchanged: bool = False,
             editions: bool = False) -> dict[str, Any]:
    """The act between two dates (:func:`kb.diff.diff_as_of`; with ``editions`` the editions of
    those dates as published, :func:`kb.diff.diff_editions`): one op per unit that differs
    (every unit with ``unchanged``), what happened to each position, and the flags of each date."""
    return _diff(kb, act, d1, d2, lang, editions).to_dict(unchanged=unchanged)


def position_diff(kb: KB, position: str, d1: str, d2: str, lang: str | None = None,
                  editions: bool = False) -> dict[str, Any]:
    """The units of one position between two dates.  The position is found on either side by
    its id, and followed across a renumbering (``position_change``: how it was paired, its
    status, the order that added or excluded it); ``counts`` are that position's only."""
    pid = position if position in kb.graph else resolve_position(kb, position)
    node = kb.graph.nodes[pid]
    d = _diff(kb, node["work"], d1, d2, lang, editions)
    change = d.position(node["eid"])
    if change is not None:
        ops = d.ops_of(change)
    else:  # not a position of either text as of those dates: its units by id
        prefix = node["eid"]
        ops = [o for o in d.ops if o.eid == prefix or o.eid.startswith(prefix + "__")]
    out = d.to_dict(unchanged=True)
    out["data"] = [o.to_dict() for o in ops]
    out["count"] = len(out["data"])
    out["counts"] = {s: sum(1 for o in ops if o.status == s) for s in out["counts"]}
    out["positions"] = [change.to_dict()] if change is not None else []
    out["position_change"] = change.to_dict() if change is not None else None
    out["position"] = position_summary(kb, pid)
    return out


def _position_record(kb: KB, pid: str, lang: str):
    node = kb.graph.nodes[pid]
    for e in kb.editions[node["work"]]:
        if e.lang == lang:
            pos = next((p for p in e.doc.positions if p.id == node["eid"]), None)
            if pos is not None:
                return pos, e
    raise NotFound(f"position {pid} has no text in {lang!r}")


def compare_positions(kb: KB, a: str, b: str, lang: str = "ru", as_of_date: str | None = None) -> dict[str, Any]:
    """Two positions (of any acts) side by side at the entity level; must-know items are
    matched through the KB's canonical referenced acts."""
    pa = a if a in kb.graph else resolve_position(kb, a)
    pb = b if b in kb.graph else resolve_position(kb, b)
    ra, _ = _position_record(kb, pa, lang)
    rb, _ = _position_record(kb, pb, lang)
    refs: dict[str, list[str]] = {}
    g = kb.graph
    for pid in (pa, pb):
        for _, unit, key in g.out_edges(pid, keys=True):
            if key == "must_know_item":
                acts = [r[4:] for _, r, k in g.out_edges(unit, keys=True) if k == "cites"]
                if acts:
                    refs[g.nodes[unit]["text"]] = sorted(acts)
    out = diff_positions(ra, rb, refs=refs)
    out["a"], out["b"] = position_summary(kb, pa), position_summary(kb, pb)
    if as_of_date:
        out["as_of"] = as_of_date
        for side, pid in (("a", pa), ("b", pb)):
            work = g.nodes[pid]["work"]
            view = as_of(kb.editions[work], lang, as_of_date)
            eid = g.nodes[pid]["eid"]
            out[side]["flags"] = sorted({f["kind"] for u in view.units if u.eid.startswith(eid) for f in u.flags})
    return out
