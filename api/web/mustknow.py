"""Must-know and who-must-know pages.

* ``/{lang}/mustknow`` — the form (a position by title or id, an act to narrow, a date) and the
  list of referenced acts; with ``position=`` the acts that position must know on ``as_of``
  (:func:`kb.queries.must_know`): each act with its flags, the units naming it as readable unit
  names linking to the position page, the other knowledge per language, and what was not in
  force on the date apart.  A title naming several positions lists them as links.
  ``ref=<name or id>`` (or ``act=`` naming no order of the corpus) goes to the who-must-know page.
* ``/{lang}/referenced/{id}`` — a referenced act (``kz/code/labour``) and the positions that must
  know it (:func:`kb.queries.who_must_know`), by act, then by number in the text
  (``chp_2__para_10`` after ``chp_2__para_9``); the positions not counted on the date apart,
  each with its reason.

All state is in the path and query: ``position``, ``act``, ``as_of`` (дд.мм.гггг or ISO).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from kb.graphstore import nodes_of_kind
from kb.queries import Ambiguous, NotFound, find_acts, must_know, resolve_position, resolve_ref, who_must_know

from ..deps import get_kb, get_settings
from ..errors import ApiError
from .flags import flag_text
from .i18n import fmt_date
from .render import PageError, as_of, check_lang, error_page, page
from .units import natural_key, unit_name

router = APIRouter()


# --- helpers ------------------------------------------------------------------------------------


def label(kb, work: str, eid: str, lang: str, title: bool = True) -> str:
    """A unit's readable name in the page language (:func:`api.web.units.unit_name`)."""
    return unit_name(kb, work, eid, lang, title=title)


def act_ref(kb, work: str) -> str:
    """An order of the corpus as the URLs name it: its number as printed (``580-НҚ``)."""
    return kb.acts[work]["number"]


def position_url(kb, lang: str, pid: str, date: str | None, eid: str | None = None) -> str:
    d = kb.graph.nodes[pid]
    url = f"/{lang}/positions/{quote(act_ref(kb, d['work']) + ':' + d['eid'], safe=':')}"
    if date:
        url += f"?as_of={fmt_date(date)}"
    return url + (f"#{eid}" if eid else "")


def title_of(d: dict[str, Any], lang: str) -> tuple[str, bool]:
    """A title in ``lang`` (True) or, failing it, the other language's (False)."""
    mine = d.get(f"title_{lang}") or (d.get("titles") or {}).get(lang)
    if mine:
        return mine, True
    other = "ru" if lang == "kk" else "kk"
    return d.get(f"title_{other}") or (d.get("titles") or {}).get(other) or d.get("eid") or "", False


def act_name(a: dict[str, Any], lang: str) -> str:
    other = "ru" if lang == "kk" else "kk"
    return a.get(f"name_{lang}") or a.get(f"name_{other}") or a.get("id") or ""


def order_caption(kb, work: str, lang: str) -> dict[str, Any]:
    m = kb.acts[work]
    titles = m.get("titles") or m.get("title") or {}
    return {
        "work": work,
        "number": m.get("number"),
        "date": m.get("date"),
        "title": titles.get(lang) or titles.get("ru") or titles.get("kk") or work,
        "url": f"/{lang}/acts/{quote(m.get('number') or work, safe='')}",
    }


class Notes:
    """Flags gathered once each, numbered: a flag many acts share is said once and referred to."""

    def __init__(self, lang: str):
        self.lang, self.items, self._index = lang, [], {}

    def add(self, flag: dict[str, Any], where: str | None = None) -> int:
        key = (
            flag.get("kind"),
            str(flag.get("by")),
            str(flag.get("since")),
            flag.get("target") or flag.get("unit"),
        )
        if key not in self._index:
            self.items.append(
                {
                    "text": flag_text(flag, self.lang),
                    "kind": flag.get("kind"),
                    "where": where,
                    "bad": flag.get("kind") in BAD_KINDS,
                }
            )
            self._index[key] = len(self.items)
        return self._index[key]


#: Kinds shown as a problem (red), not a warning.
BAD_KINDS = {
    "excluded",
    "repealed",
    "act_repealed",
    "not_in_force",
    "not_yet_in_force",
    "act_not_yet_in_force",
    "not_yet_existing",
    "referenced_act_not_yet_adopted",
    "unresolved_act",
}


# --- must-know ------------------------------------------------------------------------------------


def _split_position(kb, query: str, act: str | None) -> tuple[str, str | None]:
    """``580-НҚ:Юрист`` / ``580-НҚ:chp_2__para_12`` → the query and its act, as the CLI reads it."""
    head, sep, rest = query.partition(":")
    if sep and not act and not query.startswith("/") and find_acts(kb, head):
        return rest, head
    return query, act


def _must_know_view(kb, lang: str, pid: str, date: str) -> dict[str, Any]:
    res = must_know(kb, pid, date)
    pos = res["position"]
    work = pos["act"]
    notes = Notes(lang)
    for f in res.get("flags", []):
        where = f.get("unit") or f.get("target")
        notes.add(f, label(kb, work, where, lang) if where and "__" in where else None)

    def sources(srcs: list[str]) -> list[dict[str, Any]]:
        out = []
        for s in srcs or []:
            slang, _, eid = s.partition(":") if ":" in s else (None, "", s)
            out.append(
                {
                    "label": label(kb, work, eid, lang),
                    "lang": slang,
                    "eid": eid,
                    "url": position_url(kb, lang, pos["id"], date, eid),
                }
            )
        return out

    acts = []
    for a in res["acts"]:
        refs = sorted({notes.add(f, None) for f in a.get("flags", [])})
        acts.append(
            {
                "name": act_name(a, lang),
                "id": a["id"],
                "resolved": a.get("resolved", True),
                "url": _who_url(lang, a["id"], fmt_date(date)),
                "sources": sources(a.get("sources")),
                "notes": refs,
                "languages": a.get("languages") or [],
                "only_in": (a.get("language") or {}).get("only_in"),
            }
        )
    other = {"ru": [], "kk": []}
    for o in res.get("other_knowledge", []):
        other.setdefault(o["lang"], []).append(
            {
                "text": o["text"],
                "label": label(kb, work, o["unit"], lang),
                "eid": o["unit"],
                "url": position_url(kb, lang, pos["id"], date, o["unit"]),
                "notes": sorted({notes.add(f, None) for f in o.get("flags", [])}),
            }
        )
    apart = []
    for x in res.get("not_in_force", []):
        reason = x.get("reason") or {}
        if "text" in x:  # an item of other knowledge
            name, srcs = x["text"], sources([f"{x.get('lang')}:{x['unit']}"])
        else:
            name, srcs = act_name(x, lang), sources(x.get("sources"))
        apart.append({"name": name, "sources": srcs, "reason": flag_text(reason, lang) if reason else ""})
    title, own = title_of(pos, lang)
    return {
        "position": pos,
        "title": title,
        "title_own": own,
        "act": order_caption(kb, work, lang),
        "position_url": position_url(kb, lang, pos["id"], date),
        "acts": acts,
        "other": other,
        "apart": apart,
        "notes": notes.items,
        "count": res.get("count", len(acts)),
        "jobdesc_url": f"/{lang}/jobdesc?position={quote(pos['act_number'] + ':' + pos['eid'])}"
        f"&as_of={fmt_date(date)}",
    }


def _referenced_acts(kb, lang: str) -> list[dict[str, Any]]:
    from ..routes.refacts import _summary

    g = kb.graph
    rows = [_summary(kb, n) for n, _ in nodes_of_kind(g, "referenced_act")]
    rows = [dict(r, name=act_name(r, lang)) for r in rows if r["positions"]]
    return sorted(rows, key=lambda r: (-r["positions"], r["name"]))


@router.get("/{lang}/mustknow", response_class=HTMLResponse)
def mustknow_page(request: Request, lang: str):
    try:
        check_lang(lang)
    except PageError as err:
        return error_page(request, "ru", err)
    kb = get_kb(request)
    qp = request.query_params
    query = (qp.get("position") or "").strip()
    act = (qp.get("act") or "").strip() or None
    ref = (qp.get("ref") or "").strip()
    ctx: dict[str, Any] = {
        "form": {"position": query, "act": act or "", "as_of": qp.get("as_of") or "", "ref": ref}
    }
    try:
        date = get_settings(request).as_of(as_of(request))
    except PageError as err:
        return page(
            request,
            "mustknow.html",
            lang,
            status=err.status,
            error=_t(err, lang),
            date=None,
            refacts=_referenced_acts(kb, lang),
            **ctx,
        )
    ctx["date"] = date
    if ref or (act and not query and not find_acts(kb, act)):
        name = ref or act
        try:
            nid = resolve_ref(kb, name)
        except NotFound:
            return page(
                request,
                "mustknow.html",
                lang,
                status=404,
                error=_msg("mustknow.no_ref", lang, query=name),
                refacts=_referenced_acts(kb, lang),
                **ctx,
            )
        rid = kb.graph.nodes[nid]["ref"]
        return RedirectResponse(_who_url(lang, rid, request.query_params.get("as_of")), status_code=303)
    if not query and act:  # an order of the corpus: its positions to choose from
        query = ""
        from kb.queries import find_positions

        pids = sorted(find_positions(kb, None, act), key=lambda p: natural_key(kb.graph.nodes[p]["eid"]))
        return page(
            request,
            "mustknow.html",
            lang,
            candidates=_candidates(kb, lang, pids, date),
            choose=True,
            refacts=[],
            **ctx,
        )
    if not query:
        return page(request, "mustknow.html", lang, refacts=_referenced_acts(kb, lang), **ctx)
    q, narrow = _split_position(kb, query, act)
    try:
        pid = resolve_position(kb, q, narrow)
    except Ambiguous as err:
        pids = sorted(
            (c["id"] for c in err.candidates),
            key=lambda p: (
                kb.acts[kb.graph.nodes[p]["work"]].get("date") or "",
                natural_key(kb.graph.nodes[p]["eid"]),
            ),
        )
        return page(
            request,
            "mustknow.html",
            lang,
            candidates=_candidates(kb, lang, pids, date),
            ambiguous=query,
            refacts=[],
            **ctx,
        )
    except NotFound:
        return page(
            request,
            "mustknow.html",
            lang,
            status=404,
            error=_msg("mustknow.no_position", lang, query=query),
            refacts=_referenced_acts(kb, lang),
            **ctx,
        )
    except ApiError:
        return page(
            request,
            "mustknow.html",
            lang,
            status=404,
            error=_msg("mustknow.no_act", lang, query=act or ""),
            refacts=[],
            **ctx,
        )
    return page(request, "mustknow.html", lang, view=_must_know_view(kb, lang, pid, date), refacts=[], **ctx)


def _candidates(kb, lang: str, pids: list[str], date: str) -> list[dict[str, Any]]:
    from kb.queries import position_summary

    out = []
    for p in pids:
        s = position_summary(kb, p)
        title, own = title_of(s, lang)
        out.append(
            {
                "title": title,
                "own": own,
                "act_number": s["act_number"],
                "eid": s["eid"],
                "excluded": bool(s.get("excluded")),
                "url": f"/{lang}/mustknow?"
                + urlencode({"position": f"{s['act_number']}:{s['eid']}", "as_of": fmt_date(date)}),
            }
        )
    return out


def _msg(key: str, lang: str, **fields: Any) -> str:
    from .i18n import t

    return t(key, lang, **fields)


def _t(err: PageError, lang: str) -> str:
    return _msg(err.key, lang, **err.fields)


def _who_url(lang: str, rid: str, raw_date: str | None) -> str:
    """The who-must-know page of a referenced act, with the date the visitor gave (if any)."""
    url = f"/{lang}/referenced/{quote(rid, safe='/:')}"
    return url + (f"?{urlencode({'as_of': raw_date})}" if raw_date else "")


# --- who must know ------------------------------------------------------------------------------


def _who_view(kb, lang: str, nid: str, date: str) -> dict[str, Any]:
    res = who_must_know(kb, nid, date)
    notes = Notes(lang)
    a = res["act"]
    act_notes = sorted({notes.add(f) for f in a.get("flags", [])})

    def row(p: dict[str, Any]) -> dict[str, Any]:
        d = kb.graph.nodes[p["id"]]

        def where(f: dict[str, Any]) -> str | None:
            unit = f.get("unit") or f.get("target")
            return label(kb, d["work"], unit, lang) if unit and unit.startswith(d["eid"]) else None

        title, own = title_of(p, lang)
        srcs = sorted(p.get("sources") or [], key=natural_key)
        return {
            "title": title,
            "own": own,
            "num": d.get("num"),
            "eid": d["eid"],
            "url": position_url(kb, lang, p["id"], date),
            "mustknow_url": f"/{lang}/mustknow?"
            + urlencode({"position": f"{p['act_number']}:{d['eid']}", "as_of": fmt_date(date)}),
            "sources": [
                {
                    "label": label(kb, d["work"], s, lang, title=False),
                    "url": position_url(kb, lang, p["id"], date, s),
                }
                for s in srcs
            ],
            "notes": sorted({notes.add(f, where(f)) for f in p.get("flags", [])}),
            "reason": flag_text(p["reason"], lang) if p.get("reason") else None,
            "excluded": flag_text(_excluded_flag(p["excluded"]), lang) if p.get("excluded") else None,
        }

    def grouped(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        by_act: dict[str, list[dict[str, Any]]] = {}
        for p in rows:
            by_act.setdefault(p["act"], []).append(p)
        out = []
        for work in sorted(
            by_act, key=lambda w: (kb.acts[w].get("date") or "", kb.acts[w].get("number") or "")
        ):
            ps = sorted(by_act[work], key=lambda p: natural_key(kb.graph.nodes[p["id"]]["eid"]))
            out.append({"act": order_caption(kb, work, lang), "rows": [row(p) for p in ps]})
        return out

    status = (a.get("status") or {}).get("state")
    return {
        "act": a,
        "name": act_name(a, lang),
        "other_name": act_name(a, "kk" if lang == "ru" else "ru"),
        "status": status,
        "act_notes": act_notes,
        "count": res.get("count", len(res["positions"])),
        "groups": grouped(res["positions"]),
        "not_counted": grouped(res.get("not_counted", [])),
        "excluded": grouped(res.get("excluded_positions", [])),
        "notes": notes.items,
    }


def _excluded_flag(ex: Any) -> dict[str, Any]:
    from kb.queries import excluded_flag

    return excluded_flag(ex if isinstance(ex, dict) else {})


@router.get("/{lang}/referenced/{ref_id:path}", response_class=HTMLResponse)
def referenced_page(request: Request, lang: str, ref_id: str):
    try:
        check_lang(lang)
    except PageError as err:
        return error_page(request, "ru", err)
    kb = get_kb(request)
    try:
        date = get_settings(request).as_of(as_of(request))
        try:
            nid = resolve_ref(kb, ref_id)
        except NotFound:
            raise PageError(404, "mustknow.no_ref", query=ref_id) from None
    except PageError as err:
        return error_page(request, lang, err)
    rid = kb.graph.nodes[nid]["ref"]
    if rid != ref_id.strip().strip("/"):  # a name: the permanent link is the id
        return RedirectResponse(_who_url(lang, rid, request.query_params.get("as_of")), status_code=303)
    return page(
        request,
        "mustknow_who.html",
        lang,
        date=date,
        view=_who_view(kb, lang, nid, date),
        form={"as_of": request.query_params.get("as_of") or ""},
    )
