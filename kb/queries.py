"""Pure query functions over the built knowledge base.

``must_know(kb, position, as_of)`` — which acts a position must know on a date;
``who_must_know(kb, act, as_of)`` — which positions must know an act;
``find_positions`` / ``find_acts`` — address positions by id or title, acts by id or number;
``parity(kb, work)`` — ru↔kk parity report of a bilingual act (:mod:`kb.parity`, re-exported).
"""

from __future__ import annotations

import re
from typing import Any

from . import ids
from .build import KB
from .graphstore import links_touching, nodes_of_kind
from .links import norm_title
from .parity import mark_languages, parity, reading_order  # noqa: F401 - parity: kb.parity, re-exported here


class NotFound(LookupError):
    """An id or query that names nothing; the message says what was looked for and a hint."""


class Ambiguous(LookupError):
    """A title query that names several positions: ``candidates`` lists them."""

    def __init__(self, query: str, candidates: list[dict[str, Any]]):
        self.candidates = candidates
        names = "; ".join(f"{c['id']} ({c['title_ru'] or c['title_kk']}, {c['act_number']})" for c in candidates[:10])
        super().__init__(f"{query!r} names {len(candidates)} positions: {names}")


# --- addressing ------------------------------------------------------------------------


def find_acts(kb: KB, query: str) -> list[str]:
    """Act work ids for an id, a number ("580-НҚ", "580-нк", "360") or a title fragment."""
    q = query.strip()
    if q in kb.acts:
        return [q]
    slug = ids.slug_number(q)
    by_num = [w for w, m in kb.acts.items() if ids.slug_number(m["number"]) == slug]
    if by_num:
        return sorted(by_num)
    nq = norm_title(q)
    return sorted(w for w, m in kb.acts.items() if any(nq in norm_title(t) for t in m["title"].values()))


def position_summary(kb: KB, pid: str) -> dict[str, Any]:
    d = kb.graph.nodes[pid]
    act = kb.acts[d["work"]]
    return {"id": pid, "eid": d["eid"], "num": d["num"], "title_ru": d["titles"].get("ru"),
            "title_kk": d["titles"].get("kk"), "group": d["group"], "act": d["work"], "act_number": act["number"],
            "excluded": d.get("excluded")}


def find_positions(kb: KB, query: str | None = None, act: str | None = None, group: str | None = None) -> list[str]:
    """Position node ids by full id, by unit id (``chp_2__para_12``) or by a title query."""
    g = kb.graph
    works = None
    if act:
        works = set(find_acts(kb, act))
        if not works:
            raise NotFound(f"no act {act!r}; give an act id or number such as 580-НҚ or 360")
    pids = sorted(n for n, d in nodes_of_kind(g, "position")
                  if (works is None or d["work"] in works) and (group is None or d["group"] == group))
    if not query:
        return pids
    q = query.strip()
    if q in g and g.nodes[q].get("kind") == "position":
        return [q]
    exact = [p for p in pids if g.nodes[p]["eid"] == q]
    if exact:
        return exact
    nq = norm_title(q)
    titled = [p for p in pids if any(norm_title(t) == nq for t in g.nodes[p]["titles"].values())]
    if titled:
        return titled
    words = nq.split()
    return [p for p in pids if any(all(w in norm_title(t) for w in words) for t in g.nodes[p]["titles"].values())]


def resolve_position(kb: KB, query: str, act: str | None = None) -> str:
    found = find_positions(kb, query, act)
    if not found:
        raise NotFound(f"no position {query!r}" + (f" in act {act!r}" if act else "") +
                       "; give an id such as chp_2__para_12 or a title, and --act to narrow")
    if len(found) > 1:
        raise Ambiguous(query, [position_summary(kb, p) for p in found])
    return found[0]


# --- must know ---------------------------------------------------------------------------


def _expr_for(kb: KB, work: str, lang: str | None = None) -> str | None:
    exprs = [e for e in kb.expressions(work) if lang is None or kb.graph.nodes[e]["lang"] == lang]
    return exprs[-1] if exprs else None


def unit_flags(kb: KB, expr: str, eid: str, as_of: str | None) -> list[dict[str, Any]]:
    """Flags of a unit on a date (superseded edition not in corpus, earlier text not in corpus…)."""
    if not as_of:
        return []
    from .versions import flags_for

    return flags_for(kb, expr, eid, as_of)


def _unresolved_flag(r: dict[str, Any]) -> dict[str, Any]:
    name = r.get("name_ru") or r.get("name_kk") or r["ref"]
    return {"kind": "unresolved_act",
            "message": f"{name} is not in the registry of acts (kb/data/acts.json): shown as written"}


def must_know(kb: KB, position: str, as_of: str | None = None, lang: str | None = None) -> dict[str, Any]:
    """The acts a position must know on ``as_of``: canonical acts with the units they come
    from and any flag; items that cite no act are listed under ``other_knowledge``.

    An act the registry does not know is listed all the same, under its ``unresolved:…`` id
    and its name as written, with ``resolved: false`` and an ``unresolved_act`` flag.

    Every item names its language and line; items come ru first, then kk, each in text order.
    With ``lang`` the answer keeps one language (``sources`` are bare unit ids); without it
    the answer merges both, ``sources`` are ``"ru:<eid>"`` / ``"kk:<eid>"`` (where the
    languages number a point's абзацы differently the same id names different items), and
    each act says which languages name it and, when only one does, the unit and what its
    counterpart in the other language says (:func:`kb.parity.mark_languages`)."""
    g = kb.graph
    pid = position if position in g else resolve_position(kb, position)
    acts: dict[str, dict[str, Any]] = {}
    other: list[dict[str, Any]] = []
    if g.nodes[pid].get("excluded"):  # an excluded Параграф: nothing to know, and the answer says why
        return {"position": position_summary(kb, pid), "as_of": as_of, "acts": [], "other_knowledge": [],
                "flags": [excluded_flag(g.nodes[pid]["excluded"])]}
    for _, unit, key in sorted(g.out_edges(pid, keys=True), key=lambda e: (*reading_order(g, e[1]), e[2])):
        if key != "must_know_item":
            continue
        u = g.nodes[unit]
        if (lang and u["lang"] != lang) or u.get("excluded"):
            continue
        flags = unit_flags(kb, u["expression"], u["eid"], as_of)
        cites = [(ref, d) for _, ref, k, d in g.out_edges(unit, keys=True, data=True) if k == "cites"]
        if not cites:
            other.append({"unit": u["eid"], "lang": u["lang"], "line": u["source"]["start"], "text": u["text"],
                          "source": u["source"], "flags": flags})
            continue
        for ref, d in cites:
            r = g.nodes[ref]
            resolved = r.get("resolved", True)
            entry = acts.setdefault(r["ref"], {"id": r["ref"], "name_ru": r.get("name_ru"), "name_kk": r.get("name_kk"),
                                               "resolved": resolved, "sources": [], "items": [],
                                               "flags": [] if resolved else [_unresolved_flag(r)]})
            src = u["eid"] if lang else f"{u['lang']}:{u['eid']}"  # ids are per language: "ru:…" in a merged answer
            if src not in entry["sources"]:
                entry["sources"].append(src)
            entry["items"].append({"unit": u["eid"], "lang": u["lang"], "line": u["source"]["start"], "text": u["text"],
                                   "mention": d.get("mention"),
                                   "method": d.get("method"), "confidence": d.get("confidence"), "source": u["source"]})
            for f in flags:
                if f not in entry["flags"]:
                    entry["flags"].append(f)
    if lang is None:  # a merged answer says where the languages disagree
        mark_languages(kb, pid, acts.values())
    from .status import annotate  # the act's status (in force, renamed, repealed, unknown) and its flag on as_of
    from .versions import must_know_as_of  # the position's own flags; what did not exist or was not in force, apart

    res = {"position": position_summary(kb, pid), "as_of": as_of,
           "acts": sorted((annotate(a, as_of) for a in acts.values()), key=lambda a: a["id"]),
           "other_knowledge": other, "flags": []}
    return must_know_as_of(kb, pid, res, as_of, lang)


def excluded_flag(ex: dict[str, Any]) -> dict[str, Any]:
    """The flag of a unit or position excluded by a note ("Раздел 3 исключен приказом …")."""
    act = ex.get("act") or {}
    return {"kind": "excluded", "note": ex.get("note"), "by": act or None, "since": ex.get("since"),
            "message": f"excluded by order № {act.get('number')} of {act.get('date')}" if act else "excluded by a note"}


def who_must_know(kb: KB, act: str, as_of: str | None = None) -> dict[str, Any]:
    """Positions, across all documents, with a must-know item citing the referenced act."""
    g = kb.graph
    ref = resolve_ref(kb, act)
    r = g.nodes[ref]
    rows: dict[str, dict[str, Any]] = {}
    excluded: list[dict[str, Any]] = []
    for unit, _, key in g.in_edges(ref, keys=True):
        if key != "cites":
            continue
        u = g.nodes[unit]
        flags = unit_flags(kb, u["expression"], u["eid"], as_of)
        for pid, _, k in g.in_edges(unit, keys=True):
            if k != "must_know_item":
                continue
            if g.nodes[pid].get("excluded") or u.get("excluded"):  # not a live position (item): listed apart
                s = position_summary(kb, pid)
                if all(x["id"] != pid for x in excluded):
                    excluded.append({"id": pid, "title_ru": s["title_ru"], "title_kk": s["title_kk"], "act": s["act"],
                                     "act_number": s["act_number"],
                                     "excluded": s["excluded"] or u.get("excluded")})
                continue
            s = position_summary(kb, pid)
            row = rows.setdefault(pid, {"id": pid, "title_ru": s["title_ru"], "title_kk": s["title_kk"], "act": s["act"],
                                        "act_number": s["act_number"], "sources": [], "flags": []})
            if u["eid"] not in row["sources"]:
                row["sources"].append(u["eid"])
            row["flags"].extend(f for f in flags if f not in row["flags"])
    from .status import annotate  # the act's status and its flag on as_of
    from .versions import who_must_know_as_of  # counts only what existed and was in force; the rest apart

    res = {"act": annotate({"id": r["ref"], "name_ru": r.get("name_ru"), "name_kk": r.get("name_kk"),
                           "aliases": r.get("aliases", []), "resolved": r.get("resolved", True)}, as_of),
           "as_of": as_of, "positions": sorted(rows.values(), key=lambda x: x["id"]),
           "excluded_positions": sorted(excluded, key=lambda x: x["id"])}
    return who_must_know_as_of(kb, res, as_of)


def resolve_ref(kb: KB, query: str) -> str:
    """A referenced-act node id from an id, a name or alias, or a mention resolved by kb.refacts."""
    g = kb.graph
    q = query.strip()
    if f"ref:{q}" in g:
        return f"ref:{q}"
    if q in g and g.nodes[q].get("kind") == "referenced_act":
        return q
    refs = sorted(n for n, _ in nodes_of_kind(g, "referenced_act"))
    nq = norm_title(q)
    for n in refs:
        d = g.nodes[n]
        names = [d.get("name_ru") or "", d.get("name_kk") or ""] + list(d.get("aliases", []))
        if any(norm_title(x) == nq for x in names):
            return n
    try:
        from .refacts import resolve_item, unresolved_id

        lang = "kk" if re.search("[әғқңөұүһі]", q.lower()) else "ru"
        # a mention as the texts write it, resolved or not; else the bare name of an unresolved act
        for ref in [r.ref for r in resolve_item(q, lang)] + [unresolved_id(q, lang)]:
            if f"ref:{ref}" in g:
                return f"ref:{ref}"
    except ImportError:  # pragma: no cover
        pass
    partial = [n for n in refs if nq and nq in norm_title(g.nodes[n].get("name_ru") or "")]
    if len(partial) == 1:
        return partial[0]
    raise NotFound(f"no referenced act {query!r}; try a name such as 'Трудовой кодекс' or an id from /referenced-acts")


# --- tables of positions: staffing norms and registers ---------------------------------------------


def row_links(kb: KB, rid: str, etype: str) -> list[dict[str, Any]]:
    """The positions a table row is linked to (:mod:`kb.links`, ``staffed_by`` / ``in_register``)."""
    out = []
    for link in links_touching(kb, rid):
        if link["type"] == etype and link["to"] == rid and link["from"] in kb.graph:
            s = position_summary(kb, link["from"])
            out.append({"type": etype, "id": link["from"], "title": s["title_ru"] or s["title_kk"],
                        "act_number": s["act_number"], "method": link["method"], "confidence": link["confidence"],
                        "why": link.get("why")})
    return sorted(out, key=lambda x: (-x["confidence"], x["id"]))


def position_rows(kb: KB, pid: str, etype: str = "in_register") -> list[dict[str, Any]]:
    """The table rows a position is linked to, with the row's category (a register) or rule (a
    staffing norm) and its act."""
    g = kb.graph
    out = []
    for link in links_touching(kb, pid):
        if link["type"] != etype or link["from"] != pid or link["to"] not in g:
            continue
        d = g.nodes[link["to"]]
        row = d.get("register") or d.get("staffing") or {}
        work = g.nodes[d["expression"]]["work"]
        out.append({"type": etype, "id": link["to"], "title": row.get("position") or ", ".join(row.get("titles") or []),
                    "category": row.get("category"), "rule": row.get("rule"), "act": work,
                    "act_number": kb.acts[work]["number"], "lang": d.get("lang"), "method": link["method"],
                    "confidence": link["confidence"], "why": link.get("why")})
    return sorted(out, key=lambda x: (x["act"], x["lang"] or "", x["id"]))


def table_rows(kb: KB, work: str, kind: str, lang: str = "ru") -> dict[str, Any]:
    """The rows of an act's tables of positions: ``kind`` "staffing" (staffing norms: bands or a
    parsed ``rule``) or "register" (position → category), each with the positions it names."""
    if kind not in ("staffing", "register"):
        raise ValueError(f"kind: expected staffing or register, got {kind!r}")
    exprs = [e for e in kb.expressions(work) if kb.graph.nodes[e]["lang"] == lang] or kb.expressions(work)
    if not exprs:
        raise NotFound(f"act {work} has no text")
    expr = exprs[-1]
    doc = kb.docs[expr]
    rows = doc.staffing if kind == "staffing" else doc.registers
    etype = "in_register" if kind == "register" else "staffed_by"
    out = []
    for row in rows:
        if row.get("row_kind") not in (None, "position"):
            continue  # table headers and group headings
        rid = ids.unit_id(expr, row["eid"])
        out.append({"eid": row["eid"], "num": row.get("num"), "position": row.get("position"),
                    "titles": row.get("titles") or [], "section": row.get("section"), "group": row.get("group"),
                    "category": row.get("category"), "step": row.get("step"), "rule": row.get("rule"),
                    "bands": row.get("bands"), "kind": row.get("kind") or kind,
                    "line": row.get("line") or (row.get("span") or {}).get("start"),
                    "unit_id": rid, "source": row.get("span"),  # the file and line span it was read from
                    "positions": row_links(kb, rid, etype)})
    return {"act": work, "act_number": kb.acts[work]["number"], "expression": expr, "lang": kb.graph.nodes[expr]["lang"],
            "kind": kind, "rows": out, "count": len(out)}


# --- amending instructions -----------------------------------------------------------------------


def instructions_of(kb: KB, work: str) -> list[dict[str, Any]]:
    """The amending instructions an act gives, resolved or not (``status``, ``reason``)."""
    return list(kb.graph.nodes[work].get("instructions") or [])


def amended_by(kb: KB, work: str, lang: str | None = None) -> list[dict[str, Any]]:
    """The instructions of other acts of the corpus that amend ``work`` (``amends`` edges), as
    events of ``work``: dated by the amending act's commencement where its text states it
    (an interval when that depends on its publication day), else flagged ``date_unknown``."""
    from .timeline import commencement

    g = kb.graph
    out = []
    for src, _, d in g.in_edges(work, data=True):
        if d.get("type") != "amends" or g.nodes[src].get("kind") != "act" or (lang and d.get("lang") != lang):
            continue
        m = kb.acts.get(src, {})
        eds = kb.editions.get(src, [])
        c = commencement(eds) if eds else None
        stated = c is not None and c.text != "not stated in the corpus"
        since = c.when.as_json() if stated else None
        flags = []
        if not stated:
            flags.append({"kind": "date_unknown", "message": f"the amending act's text does not say when it comes into "
                                                              f"force; not before its date {m.get('date')}"})
        elif c.when.exact is None:
            flags.append({"kind": "date_uncertain", "since": since,
                          "message": f"in force from {c.when.lower} at the earliest (the day depends on its publication)"})
        out.append({"kind": "amending_instruction", "amending_act": {"id": src, "number": m.get("number"),
                                                                      "date": m.get("date"), "type": m.get("type")},
                    "date": c.when.exact if stated else None, "since": since, "commencement": c.text if stated else None,
                    "verb": d.get("verb"), "eid": d.get("eid"), "new_eid": d.get("new_eid"), "new_text": d.get("new_text"),
                    "old_words": d.get("old_words"), "new_words": d.get("new_words"), "status": d.get("status"),
                    "method": d.get("method"), "reason": d.get("reason"), "lang": d.get("lang"), "text": d.get("text"),
                    "source": d.get("source"), "flags": flags})
    return sorted(out, key=lambda e: (e["amending_act"]["date"] or "", e["amending_act"]["id"], e["lang"] or "",
                                      (e["source"] or {}).get("line") or 0))
