"""The readable forms of ``zangraph diff`` and ``zangraph timeline``: tables a person reads.

Dates read ``дд.мм.гггг``, an amending act ``приказ № 316 от 15.08.2024``, a unit by its name
(``Юрист, п. 38, абз. 6``, from ``name``; its id beside it in brackets), texts old and new with
the changed words marked ``[-removed-]`` / ``{+inserted+}``.  A diff says everything the JSON
says that a reader must not miss: the editions compared, every flag of either date
(``after_copy_window``, ``commencement_uncertain``, …) and of each unit, what happened to each
position (added / excluded by which act, renumbered, how it was paired), and the units.  A
position diff's header counts that position's units only (the JSON's ``counts``).  Units of a
position added or excluded as a whole, and units only renumbered, are summed up on the
position's line unless ``all_units``.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from typing import Any

from .context import _short, show_date

Namer = Callable[[str], str]

_SKIP_STATUSES = ("added", "excluded")  # the units of a position added / excluded as a whole

#: The kind of an amending act as its note names it (any case form) → how a heading names it.
_ACT_KINDS = (
    (r"приказ", "приказ"), (r"постановлени", "постановление"), (r"указ", "указ"), (r"закон", "закон"),
    (r"решени", "решение"), (r"распоряжени", "распоряжение"), (r"бұйры", "бұйрық"), (r"қаулы", "қаулы"),
    (r"заң", "заң"), (r"жарлы", "жарлық"),
)


def act_ref(act: dict[str, Any] | None) -> str:
    """An amending act as people cite it: its kind (from the note's words), number and date.

    >>> act_ref({"number": "316", "date": "2024-08-15",
    ...          "text": "приказом Министра труда и социальной защиты населения РК от 15.08.2024 № 316"})
    'приказ № 316 от 15.08.2024'
    >>> act_ref({"number": "188-НҚ", "date": "2026-04-16"}), act_ref(None)
    ('№ 188-НҚ от 16.04.2026', '—')
    """
    if not act:
        return "—"
    text = (act.get("text") or "").lower()
    found = [(m.start(), word) for stem, word in _ACT_KINDS for m in [re.search(rf"(?<!\w){stem}", text)] if m]
    kind = min(found)[1] if found else ""  # the first act word of the note ("… исключен приказом …")
    out = f"{kind} № {act.get('number') or '?'}".strip()
    return f"{out} от {show_date(act['date'])}" if act.get("date") else out


def when(since: Any) -> str:
    """A date, or an interval a date is known to lie in (the day depends on an unknown publication).

    >>> when("2026-07-12"), when({"lower": "2024-08-25", "upper": None})
    ('12.07.2026', '≥ 25.08.2024')
    >>> when({"lower": "2024-08-25", "upper": "2026-04-16"})
    '25.08.2024…16.04.2026'
    """
    if isinstance(since, dict):
        lo, hi = since.get("lower"), since.get("upper")
        if lo and hi:
            return f"{show_date(lo)}…{show_date(hi)}"
        return f"≥ {show_date(lo)}" if lo else f"≤ {show_date(hi)}" if hi else "?"
    return show_date(since) if since else ""


INTERVALS = "(a…b: some day between a and b; ≥ a: not before a — the day depends on a publication date not known)"


def _by(by: dict[str, Any] | None) -> str:
    return f" by {act_ref(by)}" if by else ""


def _since(f: dict[str, Any]) -> str:
    s = f.get("since")
    if isinstance(s, dict):
        lo, hi = s.get("lower"), s.get("upper")
        return (f"between {show_date(lo)} and {show_date(hi)}" if hi
                else f"not before {show_date(lo)} (day unknown)")
    return show_date(s) if s else ""


def flag_line(f: dict[str, Any]) -> str:
    """One flag as a line a person reads: its kind, when, by which act, and its message.

    >>> flag_line({"kind": "after_copy_window", "known_until": "2026-07-11",
    ...            "note": "texts as copied; later changes are unknown"})
    'after_copy_window: the texts are known until 11.07.2026 — texts as copied; later changes are unknown'
    >>> flag_line({"kind": "superseded", "since": "2026-07-12", "certain": True,
    ...            "by": {"number": "188-НҚ", "date": "2026-04-16", "text": "приказом …"}})
    'superseded since 12.07.2026 by приказ № 188-НҚ от 16.04.2026'
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
        text += f": the texts are known until {show_date(f['known_until'])}"
    msg = next((f[k] for k in ("message", "note", "text") if isinstance(f.get(k), str) and f[k]), None)
    return f"{text} — {msg}" if msg else text


def table(headers: list[str], rows: list[list[str]], indent: str = "  ") -> list[str]:
    """Rows under their headers, every column but the last padded to its widest cell.

    >>> table(["a", "bb"], [["xyz", "1"], ["q", "22"]])
    ['  a    bb', '  xyz  1', '  q    22']
    """
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers) - 1)]

    def line(cells: list[str]) -> str:
        return (indent + "  ".join([*(c.ljust(w) for c, w in zip(cells, widths, strict=False)), cells[-1]])).rstrip()

    return [line(headers)] + [line(r) for r in rows]


def wrapped(label: str, text: str, indent: int = 6, width: int = 100) -> list[str]:
    """``text`` after ``label`` wrapped to ``width``, the next lines under the first."""
    lead = " " * indent + label
    return textwrap.wrap(" ".join(text.split()), width, initial_indent=lead,
                         subsequent_indent=" " * len(lead), break_on_hyphens=False) or [lead.rstrip()]


def old_new(op: dict[str, Any]) -> list[str]:
    """The old and new texts of a unit, the changed words marked ``[-…-]`` in the old one and
    ``{+…+}`` in the new one.

    >>> old_new({"old": "не менее 3 лет", "new": "не менее 4 лет",
    ...          "segments": [["eq", "не менее "], ["del", "3"], ["ins", "4"], ["eq", " лет"]]})
    ['      old: не менее [-3-] лет', '      new: не менее {+4+} лет']
    """
    segs = op.get("segments") or []
    old, new = op.get("old"), op.get("new")
    if segs:
        old = "".join(t if k == "eq" else f"[-{t}-]" for k, t in segs if k != "ins")
        new = "".join(t if k == "eq" else f"{{+{t}+}}" for k, t in segs if k != "del")
    out: list[str] = []
    if old:
        out += wrapped("old: ", old)
    if new:
        out += wrapped("new: ", new)
    return out


def _named(name: Namer | None, eid: str | None) -> str:
    """``Юрист, п. 38, абз. 6  [chp_2__para_12__point_38__al_6]``, or the id where it has no name."""
    if not eid:
        return ""
    label = name(eid) if name else eid
    return eid if label == eid else f"{label}  [{eid}]"


def _status(op: dict[str, Any]) -> str:
    status = op["status"]
    if status == "changed" and op.get("renumbered"):
        return "changed (renumbered)"
    if status == "flagged" and op.get("text_changed"):
        return "flagged (the texts shown differ)"
    return status


def _edition(label: str | None) -> str:
    """``ru@copy[2026-04-16,2026-07-11)`` → ``ru, copy of 16.04.2026…11.07.2026``; ``ru@2022-04-19`` → ``ru 19.04.2022``."""
    if not label:
        return "—"
    m = re.fullmatch(r"(\w+)@copy\[(\S*?),(\S*?)\)", label)
    if m:
        return f"{m[1]}, copy of {show_date(m[2])}…{show_date(m[3])}"
    lang, _, rest = label.partition("@")
    return f"{lang} {show_date(rest)}" if rest else label


def render_diff(res: dict[str, Any], all_units: bool = False, name: Namer | None = None) -> list[str]:
    """Lines of the readable diff of an act (or of one position: ``res["position"]``).

    Blocks: the header (what, dates, editions, counts) and the flags of each date; a table of
    the positions that changed; the flags of units, each distinct flag once with the number of
    units it rides on and the first of them; a table of the units that changed, each with its
    old and new text.  With ``all_units`` every position and unit is listed, flagged and
    renumbered ones too.  ``name`` gives a unit's readable name from its id.
    """
    head = res.get("position")
    what = f"{res.get('act_name') or res.get('act')} ({res.get('lang')})"
    if head:
        title = head.get("title_ru") or head.get("title_kk")
        what = f"{title} — приказ № {head.get('act_number')} ({res.get('lang')})"
    counts = ", ".join(f"{k} {v}" for k, v in res.get("counts", {}).items() if v) or "no units"
    da, db = show_date(res.get("date_a")), show_date(res.get("date_b"))
    ea, eb = _edition(res.get("edition_a")), _edition(res.get("edition_b"))
    lines = [f"{what}, {da} → {db}: {counts}",
             f"  editions: {ea} → {eb}" if ea != eb else f"  edition: {ea} on both dates"]
    dates = {"flags_a": da, "flags_b": db}
    for side, date in dates.items():
        for f in res.get(side) or []:
            lines.append(f"  ! as of {date}: {flag_line(f)}")

    whole: list[tuple[str | None, str | None]] = []  # positions added / excluded as a whole
    quiet = ("unchanged",) if all_units else ("unchanged", "flagged")
    positions = [p for p in res.get("positions") or [] if p["status"] not in quiet]
    if positions:
        rows = []
        for p in positions:
            status = "changed (renumbered)" if p["status"] == "changed" and p.get("renumbered") else p["status"]
            ids = p["eid"] if not p.get("renumbered") else f"{p['a']} → {p['b']}"
            title = p.get("title_b") or p.get("title_a") or ""
            how = ""
            if p.get("a") and p.get("b"):
                how = (f"; paired by {p['method']} (title {p['title_similarity']:.2f}, "
                       f"content {p['content_similarity']:.2f})")
            n = ", ".join(f"{k} {v}" for k, v in p.get("counts", {}).items() if v)
            rows.append([status, act_ref(p.get("by")), f"{title}  [{ids}]  ({n}{how})"])
            if p["status"] in _SKIP_STATUSES:
                whole.append((p.get("a"), p.get("b")))
        lines += ["", "positions:", *table(["change", "amending act", "position  [id]  (units)"], rows)]

    data = res.get("data", [])
    flags: dict[str, list[str]] = {}  # a flag's line -> the units it rides on
    for op in data:
        for side, date in dates.items():
            for f in op.get(side) or []:
                eid = op.get("eid_a") or op["eid"] if side == "flags_a" else op["eid"]
                flags.setdefault(f"as of {date}: {flag_line(f)}", []).append(eid)
    if flags:
        lines += ["", "flags of units:"]
        for k, (text, eids) in enumerate(flags.items(), 1):
            more = f" … ({len(eids)} units)" if len(eids) > 3 else ""
            lines.append(f"  [{k}] {text}")
            lines += [f"      on {_named(name, e)}" for e in eids[:3]]
            if more:
                lines.append(f"      {more.strip()}")
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
        lines += ["", "units:"]
    if shown:
        rows = []
        for op in shown:
            marks = sorted({number[f"as of {date}: {flag_line(f)}"] for side, date in dates.items()
                            for f in op.get(side) or []})
            flag = f"  ! [{'], ['.join(map(str, marks))}]" if marks else ""
            unit = _named(name, op["eid"])
            if op.get("eid_a") and op["eid_a"] != op["eid"]:
                unit = f"{name(op['eid']) if name else op['eid']}  [{op['eid_a']} → {op['eid']}]"
            rows.append([_status(op), act_ref(op.get("by")), unit + flag])
        out = table(["change", "amending act", "unit"], rows)
        lines.append(out[0])
        for op, row in zip(shown, out[1:], strict=True):
            lines.append(row)
            if op["status"] != "renumbered" and (op["status"] != "flagged" or op.get("text_changed")):
                lines += old_new(op)
    if hidden:
        lines.append("  not listed (--all lists them): "
                     + ", ".join(f"{v} {k}" for k, v in hidden.items())
                     + " — with their position, the flags above, or the same text under another number")
    return lines


_EVENTS = {"commencement": "in force (the act commences)", "applied_amendment": "amended",
           "text": "text in force", "announced_edition": "new edition announced"}


def render_timeline(res: dict[str, Any], name: Namer | None = None, act_name: str | None = None) -> list[str]:
    """Lines of the readable timeline of an act: its editions, then per unit a table of dated
    events (when, what, the amending act, whether the corpus has the text) with the texts."""
    lines = [f"{act_name or res['act']} ({res['lang']})"]
    if res.get("repealed"):
        lines.append(f"  ! repealed: {res['repealed']}")
    lines += ["", "editions:"]
    lines += table(["language", "edition", "dates", "text"],
                   [[e["lang"], e["kind"], f"{show_date(e.get('from'))}…{show_date(e.get('to'))}", _short(e["source"])]
                    for e in res["editions"]])
    for eid, events in res["units"].items():
        lines += ["", _named(name, eid) or eid]
        rows = [[when(ev.get("since")) + (f" – {show_date(ev['until'])}" if ev.get("until") else ""),
                 _EVENTS.get(ev["kind"], ev["kind"]) + (f" ({ev['change']})" if ev.get("change") else ""),
                 act_ref(ev.get("amending_act")),
                 "" if ev.get("text_in_corpus") else "text not in the corpus"] for ev in events]
        out = table(["when", "event", "amending act", ""], rows)
        lines.append(out[0])
        for ev, row in zip(events, out[1:], strict=True):
            lines.append(row)
            if ev.get("text") and ev["kind"] in ("text", "announced_edition"):
                lines += wrapped("", ev["text"], indent=6)
    if any(isinstance(ev.get("since"), dict) for evs in res["units"].values() for ev in evs):
        lines += ["", INTERVALS]
    for title, key in (("amended by the corpus acts", "amending_instructions"), ("instructions it gives", "instructions")):
        items = res.get(key) or []
        if items:
            lines += ["", f"{title}: {len(items)}"]
            for i in items:
                lines += wrapped(f"{i.get('status', '')}: ", i.get("text") or "", indent=2)
    return lines
