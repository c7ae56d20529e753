"""The readable form of ``zangraph diff`` (an act or a position between two dates).

It says everything the JSON says that a reader must not miss: the editions compared, every
flag of either date (``after_copy_window``, ``commencement_uncertain``, …) and of each unit,
what happened to each position (added / excluded by which order, renumbered, how it was paired),
and the units.  A position diff's header counts that position's units only (the JSON's
``counts``).  Units of a position added or excluded as a whole, and units only renumbered, are
summed up on the position's line unless ``all_units``.
"""

from __future__ import annotations

from typing import Any

_SKIP_STATUSES = ("added", "excluded")  # the units of a position added / excluded as a whole


def _by(by: dict[str, Any] | None) -> str:
    if not by:
        return ""
    return f" by order № {by.get('number') or '?'} of {by.get('date') or '?'}"


def _since(f: dict[str, Any]) -> str:
    s = f.get("since")
    if isinstance(s, dict):
        lo, hi = s.get("lower"), s.get("upper")
        return f"between {lo} and {hi}" if hi else f"not before {lo} (day unknown)"
    return str(s) if s else ""


def flag_line(f: dict[str, Any]) -> str:
    """One flag as a line a person reads: its kind, when, by which act, and its message.

    >>> flag_line({"kind": "after_copy_window", "known_until": "2026-07-11",
    ...            "note": "texts as copied; later changes are unknown"})
    'after_copy_window: the texts are known until 2026-07-11 — texts as copied; later changes are unknown'
    >>> flag_line({"kind": "superseded", "since": "2026-07-12", "certain": True,
    ...            "by": {"number": "188-НҚ", "date": "2026-04-16"}})
    'superseded since 2026-07-12 by order № 188-НҚ of 2026-04-16'
    """
    parts = [f["kind"]]
    if f.get("since"):
        parts.append(f"since {_since(f)}")
    if isinstance(f.get("by"), dict):
        parts.append(_by(f["by"]).strip())
    if f.get("certain") is False:
        parts.append("(not certain)")
    text = " ".join(parts)
    if f.get("known_until"):
        text += f": the texts are known until {f['known_until']}"
    msg = next((f[k] for k in ("message", "note", "text") if isinstance(f.get(k), str) and f[k]), None)
    return f"{text} — {msg}" if msg else text


def _position_line(p: dict[str, Any]) -> str:
    status = p["status"]
    if status == "changed" and p.get("renumbered"):
        status = "changed (renumbered)"
    label = f"{status}{_by(p.get('by'))}"
    ids = p["eid"] if not p.get("renumbered") else f"{p['a']} → {p['b']}"
    title = p.get("title_b") or p.get("title_a") or ""
    how = ""
    if p.get("a") and p.get("b"):
        how = (f"; paired by {p['method']} (title {p['title_similarity']:.2f}, "
               f"content {p['content_similarity']:.2f})")
    counts = ", ".join(f"{k} {v}" for k, v in p.get("counts", {}).items() if v)
    return f"  {label}: {ids}  {title}  [{counts}{how}]"


def render_diff(res: dict[str, Any], all_units: bool = False) -> list[str]:
    """Lines of the readable diff of an act (or of one position: ``res["position"]``).

    Blocks: the header (what, dates, editions, counts) and the flags of each date; the
    positions that changed; the flags of units, each distinct flag once with the number of
    units it rides on and the first of them; the units that changed.  With ``all_units``
    every position and unit is listed, flagged and renumbered ones too.
    """
    head = res.get("position")
    what = f"{res.get('act')} ({res.get('lang')})"
    if head:
        title = head.get("title_ru") or head.get("title_kk")
        what = f"{title} — order {head.get('act_number')} ({res.get('lang')})"
    counts = ", ".join(f"{k} {v}" for k, v in res.get("counts", {}).items() if v) or "no units"
    lines = [f"{what}, {res.get('date_a')} → {res.get('date_b')} "
             f"[{res.get('edition_a')} → {res.get('edition_b')}]: {counts}"]
    dates = {"flags_a": res.get("date_a"), "flags_b": res.get("date_b")}
    for side, date in dates.items():
        for f in res.get(side) or []:
            lines.append(f"  ! as of {date}: {flag_line(f)}")

    whole: list[tuple[str | None, str | None]] = []  # positions added / excluded as a whole
    quiet = ("unchanged",) if all_units else ("unchanged", "flagged")
    positions = [p for p in res.get("positions") or [] if p["status"] not in quiet]
    if positions:
        lines.append("positions:")
        for p in positions:
            lines.append(_position_line(p))
            if p["status"] in _SKIP_STATUSES:
                whole.append((p.get("a"), p.get("b")))

    data = res.get("data", [])
    flags: dict[str, list[str]] = {}  # a flag's line -> the units it rides on
    for op in data:
        for side, date in dates.items():
            for f in op.get(side) or []:
                eid = op.get("eid_a") or op["eid"] if side == "flags_a" else op["eid"]
                flags.setdefault(f"as of {date}: {flag_line(f)}", []).append(eid)
    if flags:
        lines.append("flags of units:")
        for k, (text, eids) in enumerate(flags.items(), 1):
            more = f" … ({len(eids)} units)" if len(eids) > 3 else ""
            lines.append(f"  [{k}] {text}\n      on {', '.join(eids[:3])}{more}")
    number = {text: k for k, text in enumerate(flags, 1)}

    def under(eid: str | None, root: str | None) -> bool:
        return bool(eid and root and (eid == root or eid.startswith(root + "__")))

    def summed(op: dict[str, Any]) -> bool:
        if all_units:
            return False
        if op["status"] == "renumbered" or op["status"] == "flagged" and not op.get("text_changed"):
            return True
        return op["status"] in _SKIP_STATUSES and any(
            under(op["eid"], b) or under(op["eid"], a) for a, b in whole)

    shown = [op for op in data if (all_units or op["status"] != "unchanged") and not summed(op)]
    hidden: dict[str, int] = {}
    for op in data:
        if op["status"] != "unchanged" and summed(op):
            hidden[op["status"]] = hidden.get(op["status"], 0) + 1
    if shown or hidden:
        lines.append("units:")
    for op in shown:
        status = op["status"]
        if status == "changed" and op.get("renumbered"):
            status = "changed (renumbered)"
        elif status == "flagged" and op.get("text_changed"):
            status = "flagged (the texts shown differ)"
        ids = f"{op['eid_a']} → {op['eid']}" if op.get("eid_a") else op["eid"]
        marks = sorted({number[f"as of {date}: {flag_line(f)}"] for side, date in dates.items()
                        for f in op.get(side) or []})
        flag = f"  ! [{'], ['.join(map(str, marks))}]" if marks else ""
        lines.append(f"  {status}{_by(op.get('by'))}: {ids}{flag}")
        if op.get("html"):
            lines.append(f"      {op['html']}")
    if hidden:
        lines.append("  not listed (--all lists them): "
                     + ", ".join(f"{v} {k}" for k, v in hidden.items())
                     + " — with their position, the flags above, or the same text under another number")
    return lines
