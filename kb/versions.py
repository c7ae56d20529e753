"""Editions of units in time: the interval in which a unit's text (as the corpus has it)
is known to be in force, and the flags a unit gets on a given date.

Sources of dates:

* the act's commencement (an act-level note "Вводится в действие с …", or the order's
  own "вводится в действие по истечении десяти календарных дней…" → after the act date);
* applied amendments ("Сноска … в редакции …"): the text shown is in force from the
  amendment's effective date — an interval when it depends on an unknown publication day;
* announced editions ("Примечание ИЗПИ! … предусматривается в редакции …"): the text
  shown stops being in force on that date, and the new text is not in the corpus;
* dated editions of one act in the corpus (``edition.date``): each text is in force from
  its date until the next edition's date.

An amendment naming a unit covers its descendants too ("Пункт 7" covers its абзацы).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parser.models import Amendment


@dataclass(frozen=True)
class Interval:
    start: str | None  # the earliest day the text is known in force (None: unknown)
    start_is_lower_bound: bool  # True when the start depends on an unknown publication day
    end: str | None  # first day it is no longer in force (None: open)
    end_by: dict[str, Any] | None = None  # the announced edition that ends it

    def as_dict(self) -> dict[str, Any]:
        return {
            "from": self.start,
            "from_is_lower_bound": self.start_is_lower_bound,
            "to": self.end,
            "ended_by": self.end_by,
        }


def _start_of(note: Amendment) -> tuple[str | None, bool]:
    e = note.effective
    if e is None:
        return None, False
    if e.kind == "exact":
        return e.date, False
    if e.kind == "after_publication":
        return e.lower, True
    return None, False


def _act_ref(note: Amendment) -> dict[str, Any]:
    a = note.amending_act
    return {
        "number": a.number if a else None,
        "date": a.date if a else None,
        "issuer": a.issuer if a else None,
        "note_line": note.span.start,
        "note": note.text,
    }


def _coverage(doc) -> dict[str, set[str]]:
    """note id -> the unit ids it speaks of (:func:`kb.timeline.covered_eids`), cached per document."""
    hit = _COVERAGE.get(id(doc))
    if hit is None or hit[0] is not doc:
        from .timeline import covered_eids

        if len(_COVERAGE) > 64:  # a stored KB reads documents on demand: keep few alive
            _COVERAGE.clear()
        hit = _COVERAGE[id(doc)] = (doc, {n.id: set(covered_eids(doc, n)) for n in doc.amendments})
    return hit[1]


_COVERAGE: dict[int, tuple[Any, dict[str, set[str]]]] = {}


def unit_history(kb, expr: str, eid: str) -> dict[str, Any]:
    """Everything dated about one unit of one expression (a note reaches the units
    :func:`kb.timeline.covered_eids` says: "дополнена параграфом 4-1" only that paragraph)."""
    doc = kb.docs[expr]
    cover = _coverage(doc)
    applied, announced, commencement = [], [], []
    for n in doc.amendments:
        if n.kind == "commencement" and n.target_eid == "act":
            commencement.append(n)
            continue
        if eid not in cover.get(n.id, ()):
            continue
        if n.kind == "commencement":
            commencement.append(n)
        elif n.prospective:
            announced.append(n)
        elif n.kind != "kk_only" or doc.lang == "kk":
            applied.append(n)
    return {"applied": applied, "announced": announced, "commencement": commencement}


def act_commencement(kb, expr: str) -> tuple[str | None, bool]:
    """When the act itself came into force: (date, is_lower_bound)."""
    doc = kb.docs[expr]
    for n in doc.amendments:
        if n.kind == "commencement" and n.effective and n.effective.date:
            return n.effective.date, False
    work = kb.graph.nodes[expr]["work"]
    date = kb.acts[work]["date"]
    return date, True


def interval(kb, expr: str, eid: str) -> Interval:
    """The interval in which the corpus text of the unit is known to be in force."""
    h = unit_history(kb, expr, eid)
    node = kb.graph.nodes[expr]
    ed = node.get("edition") or {}
    start, lower = act_commencement(kb, expr)
    if ed.get("date"):
        start, lower = ed["date"], False
    for n in h["applied"]:
        s, is_lower = _start_of(n)
        if s and (start is None or s > start):
            start, lower = s, is_lower
    end, end_by = None, None
    for n in h["announced"]:
        s, _ = _start_of(n)
        if s and (end is None or s < end):
            end, end_by = s, _act_ref(n)
    nxt = ed.get("next_date")
    if nxt and (end is None or nxt < end):
        end, end_by = nxt, {"edition": nxt, "text_in_corpus": True}
    return Interval(start=start, start_is_lower_bound=lower, end=end, end_by=end_by)


def view(kb, work: str, lang: str, as_of: str):
    """The act as of a date (:func:`kb.timeline.as_of`), cached per built KB."""
    key = (id(kb), work, lang, as_of)
    hit = _VIEWS.get(key)
    if hit is None:
        from .timeline import as_of as _as_of

        if len(_VIEWS) > 256:
            _VIEWS.clear()
        hit = _VIEWS[key] = _as_of(kb.editions[work], lang, as_of)
    return hit


_VIEWS: dict[tuple[int, str, str, str], Any] = {}


def flags_for(kb, expr: str, eid: str, as_of: str, unit_view: Any = None) -> list[dict[str, Any]]:
    """Flags of a unit on ``as_of`` (from the timeline): never stale text as if current
    without one.  Each flag gets a readable ``message``.  ``unit_view(work, lang, eid, day)``
    may give the unit's view another way (the index build computes one unit, not the act)."""
    node = kb.graph.nodes[expr]
    repealed = repeal_flag(kb, node["work"], as_of) + excluded_flag(kb, expr, eid, as_of)
    if unit_view is None:
        unit = view(kb, node["work"], node["lang"], as_of).get(eid)
    else:
        unit = unit_view(node["work"], node["lang"], eid, as_of)
    if unit is None:
        return [
            {
                "kind": "not_in_edition",
                "text_in_corpus": False,
                "message": f"unit {eid} is not in the text in force on {as_of}",
            },
            *repealed,
        ]
    return [dict(f, message=_message(f)) for f in unit.all_flags] + repealed


def _since_bounds(since: Any) -> tuple[str | None, str | None]:
    if isinstance(since, str):
        return since, since
    return (since or {}).get("lower"), (since or {}).get("upper")


def excluded_flag(kb, expr: str, eid: str, as_of: str | None) -> list[dict[str, Any]]:
    """``[{"kind": "excluded", …}]`` when a note excluded the unit or a unit above it
    ("Раздел 3 исключен приказом … № 239") and the exclusion is (or may be) in effect on
    ``as_of``: the unit is not live, its text is the copy's."""
    ex = _excluded_map(kb, expr).get(eid)
    if not ex or not as_of:
        return []
    lower, upper = _since_bounds(ex.get("since"))
    if lower is not None and as_of < lower:
        return []
    act = ex.get("act") or {}
    return [
        {
            "kind": "excluded",
            "note": ex.get("note"),
            "by": act or None,
            "since": ex.get("since"),
            "unit": ex.get("unit"),
            "certain": upper is not None and as_of >= upper,
            "text_in_corpus": True,
            "message": f"excluded by order № {act.get('number')} of {act.get('date')} "
            f"(from {lower or 'an unknown day'})",
        }
    ]


def _excluded_map(kb, expr: str) -> dict[str, dict[str, Any]]:
    """eid -> the exclusion of the unit or of its nearest excluded ancestor, cached per document."""
    doc = kb.docs[expr]
    hit = _EXCLUDED.get(id(doc))
    if hit is None or hit[0] is not doc:
        g = kb.graph
        by_eid = {u.eid: u for u in doc.units}
        out: dict[str, dict[str, Any]] = {}
        for u in doc.units:
            cur = u
            while cur is not None:
                if cur.excluded_by:
                    ex = g.nodes.get(f"{expr}/~{cur.eid}", {}).get("excluded") or {"note": cur.excluded_by}
                    out[u.eid] = dict(ex, unit=cur.eid)
                    break
                cur = by_eid.get(cur.parent or "")
        if len(_EXCLUDED) > 64:  # a stored KB reads documents on demand: keep few alive
            _EXCLUDED.clear()
        hit = _EXCLUDED[id(doc)] = (doc, out)
    return hit[1]


_EXCLUDED: dict[int, tuple[Any, dict[str, dict[str, Any]]]] = {}


def repeal_flag(kb, work: str, as_of: str | None) -> list[dict[str, Any]]:
    """``[{"kind": "repealed", …}]`` when the act is repealed ("Утратил силу …") on ``as_of``
    or may be (the repeal takes effect within an interval: ``certain`` False), else ``[]``."""
    rep = kb.graph.nodes[work].get("repealed") if work in kb.graph else None
    if not rep or not as_of:
        return []
    since = rep.get("since")
    lower, upper = _since_bounds(since)
    if lower is not None and as_of < lower:
        return []
    flag = {
        "kind": "repealed",
        "since": since,
        "by": rep.get("by"),
        "certain": upper is not None and as_of >= upper,
        "note": rep.get("note"),
        "text_in_corpus": True,
    }
    return [dict(flag, message=_message(flag))]


def _message(f: dict[str, Any]) -> str:
    kind = f.get("kind")
    by = f.get("by") or f.get("amending_act") or {}
    since = f.get("since")
    if isinstance(since, dict):
        since = f"{since.get('lower')} at the earliest"
    if kind == "superseded":
        return (
            f"from {since} this unit is in the edition of order № {by.get('number')} of {by.get('date')}; "
            "that text is not in the corpus"
        )
    if kind == "earlier_text_not_in_corpus":
        known = since or f.get("known_from")
        return f"the corpus text is in force from {known}; the text before is not in the corpus"
    if kind == "not_yet_in_force":
        if f.get("exception"):
            return (
                f"this part comes into force on {since} ({', '.join(f['exception']['words'])}: an exception "
                "of the act's commencement rule); not yet in force on this date"
            )
        if f.get("act_date"):
            return f"the act (of {f['act_date']}) is not yet adopted on this date; in force from {since}"
        return f"the act is not yet in force on this date; in force from {since}"
    if kind == "commencement_uncertain":
        upper = (f.get("since") or {}).get("upper") if isinstance(f.get("since"), dict) else None
        return (
            f"the act comes into force on a day that depends on its publication: from {since}"
            + (f", certainly by {upper}" if upper else "")
            + "; on this date it may not yet be in force"
        )
    if kind == "not_yet_existing":
        added = f"added by order № {by.get('number')} of {by.get('date')}, in force from {since}"
        if f.get("certain"):
            return f"this unit does not exist on this date: {added}"
        return f"this unit may not exist yet on this date: {added} (the day depends on its publication)"
    if kind == "pending":
        return (
            f"a new edition of this unit by order № {by.get('number')} of {by.get('date')} is announced, "
            f"in force from {since}; the text shown is in force until then; the new text is not in the corpus"
        )
    if kind == "repealed":
        return (
            f"the act is repealed by order № {by.get('number')} of {by.get('date')}, in force from {since}"
            + (
                ""
                if f.get("certain")
                else " (the day depends on its publication: the act may still be in force)"
            )
        )
    if kind == "change_date_uncertain":
        return (
            "the day this text came into force is known only as an interval; the earlier text may still apply"
        )
    return kind or "flag"


# --- answers as of a date: the position's own flags, and what is not counted --------------------

#: Flags that put a unit out of an as-of answer when ``certain``: it did not exist or was not in force.
NOT_IN_FORCE = ("not_yet_in_force", "not_yet_existing", "excluded", "repealed")


def not_in_force(flags: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The first flag saying the unit certainly did not exist or was not in force, else None."""
    return next((f for f in flags if f.get("kind") in NOT_IN_FORCE and f.get("certain", True)), None)


def position_flags(kb, expr: str, eid: str, as_of: str | None) -> list[dict[str, Any]]:
    """The flags of a position as a whole on ``as_of``: its own unit's (not yet in force, not
    yet existing, commencement uncertain, …) and, once per amending act, the editions announced
    for any unit of it (``pending``, ``superseded``) — a job description approved before an
    announced edition goes stale on that day."""
    if not as_of:
        return []
    out = [f for f in flags_for(kb, expr, eid, as_of) if f["kind"] != "not_in_edition"]
    seen = {(f["kind"], (f.get("by") or {}).get("number"), (f.get("by") or {}).get("date")) for f in out}
    node = kb.graph.nodes[expr]
    for u in view(kb, node["work"], node["lang"], as_of):
        if not u.eid.startswith(eid + "__"):
            continue
        for f in u.all_flags:
            if f["kind"] not in ("pending", "superseded"):
                continue
            key = (f["kind"], (f.get("by") or {}).get("number"), (f.get("by") or {}).get("date"))
            if key not in seen:
                seen.add(key)
                out.append(dict(f, unit=u.eid, message=_message(f)))
    return out


def referenced_act_flag(ref: dict[str, Any], as_of: str | None) -> dict[str, Any] | None:
    """``referenced_act_not_yet_adopted`` when the registry knows the act's date and ``as_of``
    is before it (a 2017 text cannot have required the Social Code of 2023), else None."""
    date = ref.get("date")
    if not as_of or not date or as_of >= date:
        return None
    name = ref.get("name_ru") or ref.get("name_kk") or ref.get("ref")
    return {
        "kind": "referenced_act_not_yet_adopted",
        "act_date": date,
        "certain": True,
        "message": f"{name} is of {date}: not yet adopted on this date",
    }


def _apart_reason(flags: list[dict[str, Any]]) -> dict[str, Any] | None:
    f = not_in_force(flags) or next(
        (f for f in flags if f.get("kind") in ("act_not_yet_in_force", "referenced_act_not_yet_adopted")),
        None,
    )
    if f is None:
        return None
    return {
        "kind": f["kind"],
        "since": f.get("since"),
        "by": f.get("by"),
        "message": f.get("message") or _message(f),
    }


def _unit_apart(kb, work: str, eid: str, lang: str | None, as_of: str) -> dict[str, Any] | None:
    """Why unit ``eid`` of ``work`` (in ``lang``, else any language holding it) did not exist or
    was not in force on ``as_of``; None when it did in some language."""
    reasons = []
    for expr in kb.expressions(work):
        node = kb.graph.nodes[expr]
        if (lang and node["lang"] != lang) or view(kb, work, node["lang"], as_of).get(eid) is None:
            continue
        why = _apart_reason(flags_for(kb, expr, eid, as_of))
        if why is None:
            return None
        reasons.append(why)
    return reasons[0] if reasons else None


def must_know_as_of(kb, pid: str, res: dict[str, Any], as_of: str | None, lang: str | None) -> dict[str, Any]:
    """A must-know answer as of a date: the position's own flags (:func:`position_flags`), and
    what did not exist or was not in force then (the position, an item, the act it names) moved
    from ``acts`` / ``other_knowledge`` to ``not_in_force`` with its reason."""
    if not as_of:
        return res
    node = kb.graph.nodes[pid]
    work, eid = node["work"], node["eid"]
    exprs = [e for e in kb.expressions(work) if not lang or kb.graph.nodes[e]["lang"] == lang]
    own = position_flags(kb, exprs[-1], eid, as_of) if exprs else []
    res["flags"] = [*res.get("flags", []), *(f for f in own if f not in res.get("flags", []))]
    apart: list[dict[str, Any]] = []
    whole = _apart_reason([f for f in own if f["kind"] not in ("pending", "superseded")])
    acts = []
    for a in res["acts"]:
        why = whole
        if why is None:
            ref_flag = referenced_act_flag(kb.graph.nodes.get(f"ref:{a['id']}", {}), as_of)
            act_level = [f for f in a.get("flags", []) if f.get("kind") == "act_not_yet_in_force"]
            why = _apart_reason([*act_level, *([ref_flag] if ref_flag else [])])
        if why is None:
            whys = [_unit_apart(kb, work, i["unit"], i["lang"], as_of) for i in a.get("items", [])]
            why = whys[0] if whys and all(whys) else None
        if why is None:
            acts.append(a)
        else:
            apart.append(
                {
                    "id": a["id"],
                    "name_ru": a.get("name_ru"),
                    "name_kk": a.get("name_kk"),
                    "sources": a.get("sources"),
                    "reason": why,
                }
            )
    others = []
    for o in res.get("other_knowledge", []):
        why = whole or _unit_apart(kb, work, o["unit"], o.get("lang"), as_of)
        (apart if why else others).append(dict(o, reason=why) if why else o)
    res["acts"], res["other_knowledge"] = acts, others
    res["not_in_force"] = apart
    res["count"] = len(acts)
    return res


def who_must_know_as_of(kb, res: dict[str, Any], as_of: str | None) -> dict[str, Any]:
    """A who-must-know answer as of a date counts only positions whose citing unit existed and
    was in force then, and an act then in force (or adopted); the rest go to ``not_counted``,
    each with its reason (not yet in force / not yet existing / referenced act not yet in
    force or adopted / excluded / repealed)."""
    res["count"] = len(res["positions"])
    if not as_of:
        res["not_counted"] = []
        return res
    g = kb.graph
    ref_flag = referenced_act_flag(g.nodes.get(f"ref:{res['act']['id']}", {}), as_of)
    act_why = _apart_reason([*res["act"].get("flags", []), *([ref_flag] if ref_flag else [])])
    counted, apart = [], []
    for row in res["positions"]:
        work = g.nodes[row["id"]]["work"]
        whys = [_unit_apart(kb, work, eid, None, as_of) for eid in row["sources"]]
        why = (whys[0] if whys and all(whys) else None) or act_why  # the position's own reason first
        (apart if why else counted).append(dict(row, reason=why) if why else row)
    res["positions"], res["not_counted"], res["count"] = counted, apart, len(counted)
    return res
