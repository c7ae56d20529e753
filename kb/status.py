"""Act status: is a referenced act in force on a date, and where do we know it from.

Every entry of the registry ``kb/data/acts.json`` carries a ``status``::

    {"state": "in_force" | "renamed" | "repealed" | "unknown",
     "since": "YYYY-MM-DD" | null,      # commencement (in_force), renaming, or repeal day
     "by": {act ref} | null,            # the repealing act: id, type, date, number, name_ru
     "old_name": …, "new_name": …,      # renamed only
     "source": {"kind": "corpus_note" | "corpus_text" | "public_page",
                "where": file:line or URL, "quote": the words, "as_of": the day the source speaks of | null},
     "also": [more sources], "note": "…"}

A status is taken only from a source we can cite; without one the state is ``unknown`` and the
source null (never a guess).  ``in_force`` with ``source.as_of`` says only that the act was in
force on that day (an act of that day was made under it).

Flags on a date (:func:`act_flags`) — the questions a lawyer asks of a must-know item:

========================  ===========================================================
kind                      when
========================  ===========================================================
act_not_in_force          repealed, and the date is on or after ``since``
act_renamed               renamed on a known day, and the date is on or after it
act_not_yet_in_force      in force from ``since`` (commencement), the date is before it
========================  ===========================================================

An ``unknown`` status raises no flag; the status itself is shown in the answer.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from .refacts import ACTS_JSON, is_unresolved

__all__ = ["STATES", "SOURCE_KINDS", "act_flags", "annotate", "load_statuses", "status_of", "table",
           "unit_act_flags", "validate"]

STATES = ("in_force", "renamed", "repealed", "unknown")
SOURCE_KINDS = ("corpus_note", "corpus_text", "public_page")
UNKNOWN = {"state": "unknown", "since": None, "by": None, "source": None}
NOT_IN_REGISTRY = {**UNKNOWN, "note": "not in the registry of acts (kb/data/acts.json): no status recorded"}


def validate(entry: dict[str, Any]) -> dict[str, Any]:
    """The status of a registry entry, checked; ``ValueError`` names the act and the field."""
    aid, s = entry.get("id"), entry.get("status")
    if not isinstance(s, dict):
        raise ValueError(f"{aid}: no status")
    if s.get("state") not in STATES:
        raise ValueError(f"{aid}: status.state {s.get('state')!r} is not one of {STATES}")
    src = s.get("source")
    if s["state"] == "unknown":
        if src is not None:
            raise ValueError(f"{aid}: an unknown status has no source")
        return s
    if not isinstance(src, dict) or src.get("kind") not in SOURCE_KINDS or not src.get("where") or not src.get("quote"):
        raise ValueError(f"{aid}: status.source needs kind ({'/'.join(SOURCE_KINDS)}), where and quote")
    if s["state"] == "repealed" and not (s.get("by") and s["by"].get("number")):
        raise ValueError(f"{aid}: a repealed status names the repealing act (by.number)")
    if s["state"] == "renamed" and not (s.get("old_name") and s.get("new_name")):
        raise ValueError(f"{aid}: a renamed status gives old_name and new_name")
    return s


@cache
def load_statuses(path: str | None = None) -> dict[str, dict[str, Any]]:
    """act id -> status, from the registry (read once)."""
    with open(path or ACTS_JSON, encoding="utf-8") as f:
        return {a["id"]: validate(a) for a in json.load(f)}


def status_of(act_id: str) -> dict[str, Any]:
    """The status of a registry act; an unresolved act's is unknown."""
    if is_unresolved(act_id):
        return dict(NOT_IN_REGISTRY)
    return load_statuses().get(act_id, dict(UNKNOWN))


def _dmy(iso: str | None) -> str:
    return ".".join(reversed(iso.split("-"))) if iso else "?"


def act_flags(act_id: str, as_of: str | None, name: str | None = None) -> list[dict[str, Any]]:
    """The flags of an act on ``as_of`` (none without a date or with an unknown status).

    >>> [f["kind"] for f in act_flags("kz/law/o-poryadke-rassmotreniya-obrashcheniy-fizicheskikh-i-yuridicheskikh-lits", "2022-04-19")]
    ['act_not_in_force']
    >>> act_flags("kz/law/o-poryadke-rassmotreniya-obrashcheniy-fizicheskikh-i-yuridicheskikh-lits", "2021-06-30")
    []
    >>> [f["kind"] for f in act_flags("kz/code/social", "2020-01-01")]
    ['act_not_yet_in_force']
    """
    s = status_of(act_id)
    since = s.get("since")
    if not as_of or s["state"] == "unknown" or not since:
        return []
    what = name or act_id
    base = {"act": act_id, "since": since, "source": s["source"], "status": s["state"]}
    if s["state"] == "repealed" and as_of >= since:
        by = s.get("by") or {}
        by_name = by.get("name_ru") or by.get("id") or "an act"
        return [{**base, "kind": "act_not_in_force", "by": by,
                 "message": f"{what} is no longer in force since {since} (repealed by {by_name} of {by.get('date')} "
                            f"№ {by.get('number')}); source: {s['source']['where']}",
                 "message_ru": f"{what} утратил силу с {_dmy(since)} ({by_name} от {_dmy(by.get('date'))} "
                               f"№ {by.get('number')})"}]
    if s["state"] == "renamed" and as_of >= since:
        return [{**base, "kind": "act_renamed", "old_name": s["old_name"], "new_name": s["new_name"],
                 "message": f"{what} was renamed on {since}: \"{s['old_name']}\" → \"{s['new_name']}\"; "
                            f"source: {s['source']['where']}"}]
    if s["state"] == "in_force" and as_of < since:
        return [{**base, "kind": "act_not_yet_in_force",
                 "message": f"{what} comes into force on {since}; on {as_of} it was not yet in force; "
                            f"source: {s['source']['where']}",
                 "message_ru": f"{what} вводится в действие с {_dmy(since)}; на {_dmy(as_of)} ещё не действовал"}]
    return []


def annotate(entry: dict[str, Any], as_of: str | None) -> dict[str, Any]:
    """Give an act entry of an answer (``id``, ``name_ru``…, ``flags``) its status and its flags on ``as_of``."""
    entry["status"] = status_of(entry["id"])
    flags = entry.setdefault("flags", [])
    for f in act_flags(entry["id"], as_of, entry.get("name_ru") or entry.get("name_kk")):
        if f not in flags:
            flags.append(f)
    return entry


def cited_acts(kb, node: str) -> list[tuple[str, str | None]]:
    """``(registry id, name)`` of every act the unit's text cites, in edge order."""
    g = kb.graph
    if node not in g:
        return []
    out = []
    for _, ref, key in g.out_edges(node, keys=True):
        if key == "cites":
            r = g.nodes[ref]
            out.append((r.get("ref", ref), r.get("name_ru") or r.get("name_kk")))
    return out


def unit_act_flags(kb, node: str, as_of: str | None, cited: list[tuple[str, str | None]] | None = None
                   ) -> list[dict[str, Any]]:
    """The act-status flags of a unit: one per act its text cites that is not in force on ``as_of``
    (``cited``: :func:`cited_acts` of the unit, when the caller already has it)."""
    if not as_of:
        return []
    out = []
    for act_id, name in cited_acts(kb, node) if cited is None else cited:
        out.extend(act_flags(act_id, as_of, name))
    return out


def table() -> list[dict[str, Any]]:
    """Every registry act with its status, for listings (``zangraph acts --status``)."""
    with open(ACTS_JSON, encoding="utf-8") as f:
        raw = json.load(f)
    return [{"id": a["id"], "name_ru": a["name_ru"], **load_statuses()[a["id"]]} for a in raw]
