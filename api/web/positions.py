"""Position pages: the list of ТКХ positions and one position as of a date.

* ``/{lang}/positions`` — positions by act, then by number in the text (``chp_2__para_10`` after
  ``chp_2__para_9``), filtered by ``act``, ``group`` and a title query ``q``.
* ``/{lang}/positions/{act}:{eid}`` (``/ru/positions/580-НҚ:chp_2__para_12``) — also a node id,
  or a title (``Юрист``, ``580-НҚ:Юрист``) where it names one position (several: a list to choose
  from; one: a redirect to the permanent URL).  Duties, must-know (acts resolved, with flags,
  each linking to who must know it), requirements by category (levels and categories nested),
  as of ``as_of``; the position's history (dated editions, amending acts, announced editions) and
  its links (profession cards, staffing rows, register rows with the category, same-title
  positions); links to the job-description builder, the must-know page and the diff.

The data come from the API route functions (:mod:`api.routes.positions`: ``list_positions``,
``get_position``, ``position_must_know``; :mod:`api.routes.acts`: ``act_timeline``, ``get_act``).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, unquote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from kb.queries import Ambiguous

from ..deps import Page, get_kb, resolve_act, resolve_position
from ..errors import ApiError
from ..routes import acts as api_acts
from ..routes import positions as api_positions
from .acts import (
    amendments_table,
    call,
    day_before,
    day_of,
    diff_url,
    natural_key,
    position_ref,
    position_url,
    since_start,
    since_text,
    title_in,
    unit_name,
)
from .flags import flag_text
from .i18n import fmt_date, t
from .render import PageError, check_lang, error_page, page

router = APIRouter()

GROUPS = api_positions.GROUPS


def _list_row(kb, lang: str, p: dict[str, Any], day: str | None) -> dict[str, Any]:
    mine = p.get(f"title_{lang}")
    return {
        **p,
        "title": mine or p.get("title_ru") or p.get("title_kk"),
        "title_lang": bool(mine),
        "url": position_url(kb, lang, p["id"], day),
    }


@router.get("/{lang}/positions", response_class=HTMLResponse)
def positions_list(request: Request, lang: str) -> HTMLResponse:
    try:
        check_lang(lang)
        kb = get_kb(request)
        asked, _ = day_of(request)
        qp = request.query_params
        q = (qp.get("q") or "").strip() or None
        act = (qp.get("act") or "").strip() or None
        group = (qp.get("group") or "").strip() or None
        if group and group not in GROUPS:
            raise PageError(422, "pos.error.group", value=group)
        work = call(resolve_act, kb, act) if act else None
        res = call(api_positions.list_positions, kb, Page(10_000, 0), q, work, group)
        rows = [_list_row(kb, lang, p, asked) for p in res["data"]]
        order = {w: (m["date"] or "", m["number"]) for w, m in kb.acts.items()}
        rows.sort(
            key=lambda r: (
                order[r["act"]],
                GROUPS.index(r["group"]) if r["group"] in GROUPS else 9,
                natural_key(r["eid"]),
            )
        )
        acts = []
        for r in rows:
            if not acts or acts[-1]["work"] != r["act"]:
                m = kb.acts[r["act"]]
                acts.append(
                    {
                        "work": r["act"],
                        "number": m["number"],
                        "date": m["date"],
                        "title": title_in(m["title"], lang),
                        "url": f"/{lang}/acts/{quote(m['number'], safe='')}",
                        "groups": [],
                    }
                )
            groups = acts[-1]["groups"]
            if not groups or groups[-1]["group"] != r["group"]:
                groups.append({"group": r["group"], "rows": []})
            groups[-1]["rows"].append(r)
        choices = [
            {"value": m["number"], "label": f"№ {m['number']}"}
            for w, m in sorted(kb.acts.items(), key=lambda kv: kv[1]["date"] or "")
            if any(k == "defines_position" for _, _, k in kb.graph.out_edges(w, keys=True))
        ]
        return page(
            request,
            "positions.html",
            lang,
            acts=acts,
            count=len(rows),
            q=q or "",
            act=act or "",
            group=group or "",
            groups=GROUPS,
            act_choices=choices,
            as_of=asked,
        )
    except PageError as err:
        return error_page(request, lang if lang in ("ru", "kk") else "ru", err)


def _resolve(kb, lang: str, ref: str, query: str) -> str | RedirectResponse:
    """A position from its id, ``<act>:<eid>``, or a title (``Юрист``, ``580-НҚ:Юрист``) that names
    one (:func:`api.deps.resolve_position`); any name but ``<act>:<eid>`` is redirected to that
    permanent URL, a title naming several positions is a choice."""
    try:
        try:
            pid = resolve_position(kb, ref)
        except ApiError as api_err:  # the API's 409 carries the same candidates
            if api_err.status != 409:
                raise
            raise Ambiguous(ref, api_err.detail.get("candidates") or []) from None
    except Ambiguous as err:
        cands = [
            {
                "url": position_url(kb, lang, c["id"]) + (f"?{query}" if query else ""),
                "label": f"{c.get('title_' + lang) or c['title_ru'] or c['title_kk']} — № {c['act_number']}",
            }
            for c in err.candidates
        ]
        raise PageError(300, "error.ambiguous", query=ref, candidates=cands) from None
    except ApiError:
        raise PageError(404, "error.not_found", what=ref) from None
    if ref != position_ref(kb, pid):
        return RedirectResponse(position_url(kb, lang, pid) + (f"?{query}" if query else ""), status_code=307)
    return pid


def _items(kb, work: str, items: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """Items of a position (duties, must-know, requirements) for a reader: text in force, or the
    corpus text marked as not in force; flags once; the readable unit name; children nested."""
    out = []
    for it in items:
        out.append(
            {
                "eid": it["eid"],
                "text": it["text"] if it["text"] is not None else it["corpus_text"],
                "stale": it["text"] is None,
                "label": it.get("label"),
                "category": it.get("category"),
                "flags": [{"text": flag_text(f, lang), "bad": bool(f.get("certain"))} for f in it["flags"]],
                "name": unit_name(kb, work, it["eid"], lang, title=False),
                "children": _items(kb, work, it.get("children") or [], lang),
            }
        )
    return out


def _once(flags: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """Flags said once each (one per kind and amending act)."""
    seen, out = set(), []
    for f in flags:
        by = f.get("by") or {}
        sig = (f.get("kind"), by.get("number"), str(f.get("since")))
        if sig not in seen:
            seen.add(sig)
            out.append({"text": flag_text(f, lang), "bad": bool(f.get("certain")), "kind": f.get("kind")})
    return out


def _must_know(kb, lang: str, mk: dict[str, Any], work: str) -> dict[str, Any]:
    acts = []
    for a in mk.get("acts") or []:
        rid = a["id"]
        acts.append(
            {
                "id": rid,
                "name": a.get(f"name_{lang}") or a.get("name_ru") or a.get("name_kk") or rid,
                "resolved": a.get("resolved"),
                "flags": _once(a.get("flags") or [], lang),
                "units": [unit_name(kb, work, e, lang, title=False) for e in a.get("sources") or []],
                "status": (a.get("status") or {}).get("state"),
                "url": f"/{lang}/mustknow?{urlencode({'act': rid})}",
            }
        )
    groups: dict[tuple, dict[str, Any]] = {}
    for a, src in zip(acts, mk.get("acts") or [], strict=True):
        key = (tuple(a["units"]), tuple(f["text"] for f in a["flags"]))
        first = min((natural_key(e) for e in src.get("sources") or []), default=())
        groups.setdefault(key, {"units": a["units"], "flags": a["flags"], "acts": [], "order": first})[
            "acts"
        ].append(a)
    other = [
        {
            "text": o.get("text"),
            "name": unit_name(kb, work, o["unit"], lang, title=False),
            "lang": o.get("lang"),
            "flags": _once(o.get("flags") or [], lang),
        }
        for o in mk.get("other_knowledge") or []
    ]
    apart = mk.get("not_in_force") or []
    return {
        "acts": acts,
        "groups": sorted(groups.values(), key=lambda g: g["order"]),
        "other": other,
        "flags": _once(mk.get("flags") or [], lang),
        "apart": apart if isinstance(apart, list) else [],
    }


def _history(kb, lang: str, pid: str, node: dict[str, Any], day: str) -> dict[str, Any]:
    """The position's timeline: the act's commencement, the texts the corpus has (dated), and
    every amending act that reached its units (applied, announced, in force without a text)."""
    work, eid = node["work"], node["eid"]

    def mine(e: str) -> bool:
        return e == eid or e.startswith(eid + "__")

    ancestors = {"__".join(eid.split("__")[:i]) for i in range(1, eid.count("__") + 1)} | {"annex", "act"}
    langs = [x for x in ("ru", "kk") if x in node["titles"]]
    tl = "ru" if "ru" in langs else langs[0]
    timeline = call(api_acts.act_timeline, work, kb, tl, None)
    detail = call(api_acts.get_act, work, kb, None)
    table = amendments_table(kb, work, timeline, detail, day, lang, only=lambda e: mine(e) or e in ancestors)
    for row in table:
        if row["diff_to"]:
            row["diff_url"] = diff_url(
                kb, lang, work, day_before(row["diff_to"]), row["diff_to"], position=position_ref(kb, pid)
            )
    texts = []
    for e, events in (timeline.get("units") or {}).items():
        if e != eid:
            continue
        for ev in events:
            if ev["kind"] in ("commencement", "text"):
                texts.append(
                    {
                        "kind": ev["kind"],
                        "since": since_text(ev["since"], lang),
                        "until": fmt_date(ev.get("until")),
                        "in_corpus": ev["text_in_corpus"],
                        "by": (ev.get("amending_act") or {}).get("number"),
                    }
                )
    from kb.commencement import commencement

    comm = commencement(kb.editions[work]) if kb.editions.get(work) else None
    stated = comm is not None and comm.text != "not stated in the corpus"
    return {
        "table": table,
        "texts": texts,
        "commencement": since_text(comm.when.as_json(), lang) if stated else None,
        "commencement_uncertain": stated and comm.when.exact is None,
        "first_day": since_start(comm.when.as_json()) if stated else kb.acts[work]["date"],
    }


def _links(kb, lang: str, view_links: list[dict[str, Any]], day: str) -> dict[str, list[dict[str, Any]]]:
    """Profession cards, staffing rows, register rows and same-title positions, each linking to
    its page (a card or a row: its place in the act's text)."""
    g = kb.graph
    out: dict[str, list[dict[str, Any]]] = {"cards": [], "staffing": [], "registers": [], "same": []}
    for link in view_links:
        other = link["id"]
        if other not in g:
            continue
        d = g.nodes[other]
        if link["type"] == "same_title":
            out["same"].append(
                {
                    "title": title_in(d.get("titles"), lang) or link.get("title"),
                    "act": kb.acts[d["work"]]["number"],
                    "url": position_url(kb, lang, other, day),
                    "why": link.get("why"),
                }
            )
            continue
        expr = d.get("expression")
        work = d.get("work") or (g.nodes[expr]["work"] if expr in g else None)
        eid = d.get("eid") or other.rsplit("/~", 1)[-1].split(":", 1)[-1]
        if work is None:
            continue
        number = kb.acts[work]["number"]
        url = f"/{lang}/acts/{quote(number, safe='')}?as_of={fmt_date(day)}#{eid}"
        row = {
            "title": link.get("title"),
            "act": number,
            "url": url,
            "why": link.get("why"),
            "confidence": link.get("confidence"),
            "id": other,
            "category": link.get("category"),
            "rule": link.get("rule"),
            "name": unit_name(kb, work, eid, lang),
        }
        if link["type"] == "corresponds_to":
            row["url"] = (
                f"/{lang}/acts/{quote(number, safe='')}?as_of={fmt_date(day)}&unit={quote(eid)}#{eid}"
            )
            out["cards"].append(row)
        elif link["type"] == "staffed_by":
            row["calc"] = f"/{lang}/staffing?act={quote(number, safe='')}"
            out["staffing"].append(row)
        elif link["type"] == "in_register":
            out["registers"].append(row)
    return out


def _requirements(items: list[dict[str, Any]]) -> bool:
    """Whether the requirements are by level/category (nested) rather than a plain list."""
    return any(it.get("category") or it["children"] for it in items)


@router.get("/{lang}/positions/{ref:path}", response_class=HTMLResponse)
def position_page(request: Request, lang: str, ref: str):
    try:
        check_lang(lang)
        kb = get_kb(request)
        found = _resolve(kb, lang, ref, request.url.query)
        if isinstance(found, RedirectResponse):
            return found
        return _position_page(request, lang, kb, found)
    except PageError as err:
        lang = lang if lang in ("ru", "kk") else "ru"
        if err.status == 300:
            cands = err.fields.pop("candidates")
            return page(
                request,
                "error.html",
                lang,
                status=300,
                message=t(err.key, lang, **err.fields),
                candidates=cands,
            )
        return error_page(request, lang, err)


def _position_page(request: Request, lang: str, kb, pid: str) -> HTMLResponse:
    asked, day = day_of(request)
    node = kb.graph.nodes[pid]
    work = node["work"]
    have = [x for x in ("ru", "kk") if x in node["titles"]]
    text_lang = lang if lang in have else have[0]
    ref = position_ref(kb, pid)
    view = call(api_positions.get_position, pid, kb, day, text_lang)
    mk = call(api_positions.position_must_know, pid, kb, day, text_lang)
    item_flags = []

    def collect(items):
        for it in items:
            item_flags.extend(it["flags"])
            collect(it.get("children") or [])

    for part in ("duties", "must_know", "requirements"):
        collect(view[part])
    history = _history(kb, lang, pid, node, day)
    m = kb.acts[work]
    q_day = f"&as_of={fmt_date(day)}"
    ctx = {
        "pid": pid,
        "ref": ref,
        "work": work,
        "eid": node["eid"],
        "num": node["num"],
        "title": view["title"],
        "title_other": title_in(node["titles"], "kk" if text_lang == "ru" else "ru")
        if len(have) > 1
        else None,
        "text_lang": text_lang,
        "text_lang_differs": text_lang != lang,
        "have": have,
        "group": node.get("group"),
        "act_number": m["number"],
        "act_date": m["date"],
        "act_title": title_in(m["title"], lang),
        "act_url": f"/{lang}/acts/{quote(m['number'], safe='')}",
        "act_at_unit": f"/{lang}/acts/{quote(m['number'], safe='')}?as_of={fmt_date(day)}"
        + (f"&view={text_lang}" if text_lang != lang else "")
        + f"#{node['eid']}",
        "as_of": day,
        "asked": asked,
        "flags": _once([*view["flags"], *item_flags], lang),
        "excluded": view.get("excluded"),
        "duties": _items(kb, work, view["duties"], lang),
        "must_know_items": _items(kb, work, view["must_know"], lang),
        "requirements": _items(kb, work, view["requirements"], lang),
        "nested": _requirements(view["requirements"]),
        "mk": _must_know(kb, lang, mk, work),
        "history": history,
        "links": _links(kb, lang, view["links"], day),
        "permalink": position_url(kb, lang, pid, day),
        "permalink_text": unquote(position_url(kb, lang, pid, day)),
        "mustknow_url": f"/{lang}/mustknow?{urlencode({'position': ref})}{q_day}",
        "jobdesc_url": f"/{lang}/jobdesc?{urlencode({'position': ref})}{q_day}",
        "diff_url": diff_url(kb, lang, work, history["first_day"], day, position=ref),
        "diff_from": history["first_day"],
        "api_url": f"/positions/{quote(ref, safe=':')}?as_of={day}&lang={text_lang}",
    }
    return page(request, "position.html", lang, **ctx)
