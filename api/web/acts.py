"""Act pages: the list of acts and one act as of a date.

* ``/{lang}/acts`` — the orders of the corpus (number, date, title, languages, positions).
* ``/{lang}/acts/{act}`` — one act by number (``580-НҚ``, ``580-nk``) or work id: requisites
  (type, issuer, date, number, registration, commencement), languages, editions, the amending
  acts as a dated table (as adilet's "история изменений" or legislation.gov.uk's changes table:
  amending act, its date, in force from — a day or an interval —, what it changed as readable unit
  names, applied / announced / in force without its text, whether the corpus has the text), a
  "changes to this act" box for what is announced or in force without a text, the text as of
  ``as_of`` with the notes (Сноска, Примечание ИЗПИ) and flags in place, ru and kk side by side
  (``view=side|ru|kk``), the Akoma Ntoso download, and links to the act's positions, its diff
  page and who must know the acts its positions cite.

The data come from the API route functions (:mod:`api.routes.acts`: ``get_act``, ``act_text``,
``act_timeline``) and :mod:`kb.queries`; this module only arranges them for a reader.  All state
is in the path and query (``as_of`` дд.мм.гггг or ISO, ``view``, ``unit``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any
from urllib.parse import quote, unquote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from kb import ids

from ..deps import Page, get_kb, get_settings, resolve_act
from ..errors import ApiError
from ..routes import acts as api_acts
from .flags import flag_text
from .i18n import fmt_date, t
from .render import PageError, as_of, check_lang, error_page, page
from .units import natural_key, unit_name  # noqa: F401 - natural_key: positions.py imports it from here

router = APIRouter()


# --- shared helpers (positions.py uses them too) ------------------------------------------------


# natural_key and unit_name are the shared ones (positions.py imports them from here too)


def since_text(since: Any, lang: str) -> str:
    """When something takes effect, for a reader: ``12.07.2026``, or an interval when the day
    depends on a publication (``не ранее 25.08.2024``, ``между 03.11.2025 и 16.04.2026``)."""
    if isinstance(since, dict):
        lower, upper = since.get("lower"), since.get("upper")
        if lower and upper and lower == upper:
            return fmt_date(lower)
        if lower and upper:
            return t("act.since.between", lang, lower=fmt_date(lower), upper=fmt_date(upper))
        if lower:
            return t("act.since.lower", lang, lower=fmt_date(lower))
        if upper:
            return t("act.since.upper", lang, upper=fmt_date(upper))
        return t("act.since.unknown", lang)
    return fmt_date(since) if since else t("act.since.unknown", lang)


def since_start(since: Any) -> str | None:
    """The earliest day of a since (a day or ``{lower, upper}``)."""
    if isinstance(since, dict):
        return since.get("lower") or since.get("upper")
    return since


def act_url(kb, lang: str, work: str, **query: str | None) -> str:
    q = {k: v for k, v in query.items() if v}
    return f"/{lang}/acts/{quote(kb.acts[work]['number'], safe='')}" + (f"?{urlencode(q)}" if q else "")


def position_ref(kb, pid: str) -> str:
    """``580-НҚ:chp_2__para_12`` — how the URLs name a position."""
    d = kb.graph.nodes[pid]
    return f"{kb.acts[d['work']]['number']}:{d['eid']}"


def position_url(kb, lang: str, pid: str, day: str | None = None) -> str:
    url = f"/{lang}/positions/{quote(position_ref(kb, pid), safe=':')}"
    return url + (f"?as_of={fmt_date(day)}" if day else "")


def title_in(titles: dict[str, str] | None, lang: str) -> str:
    titles = titles or {}
    return titles.get(lang) or titles.get("ru") or titles.get("kk") or ""


def call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """An API route function called as a function; its 404 becomes a page error."""
    try:
        return fn(*args, **kwargs)
    except ApiError as err:
        what = err.detail.get("id") or err.detail.get("error") or ""
        if err.status == 404:
            raise PageError(404, "error.not_found", what=what) from None
        raise PageError(err.status, "act.error.api", detail=str(err)) from None


def day_of(request: Request) -> tuple[str | None, str]:
    """The date asked (None when not given) and the date used (the asked one, else the
    settings' default: ``$ZANGRAPH_AS_OF`` or today)."""
    asked = as_of(request)
    return asked, get_settings(request).as_of(asked)


def day_before(iso: str) -> str:
    return (date.fromisoformat(iso) - timedelta(days=1)).isoformat()


def diff_url(kb, lang: str, work: str, d1: str | None, d2: str | None, position: str | None = None) -> str:
    q = {"act": kb.acts[work]["number"], "from": fmt_date(d1), "to": fmt_date(d2)}
    if position:
        q["position"] = position
    return f"/{lang}/diff?" + urlencode({k: v for k, v in q.items() if v})


# --- the amending acts ----------------------------------------------------------------------------

_CHANGE_KEYS = ("restated", "changed", "added", "removed", "repealed", "kk_only")


def change_status(kind: str, since: Any, in_corpus: bool, day: str) -> str:
    """``applied`` (the corpus shows it), ``replaced`` (applied, later changed again: its text is
    not in the corpus), ``pending`` (announced, not yet in force on ``day``), ``in_force_no_text``
    (announced, in force on ``day``, its text not in the corpus: the copy is superseded),
    ``uncertain`` (announced, the day it comes into force is an interval that holds ``day``)."""
    if kind == "applied_amendment":
        return "applied" if in_corpus else "replaced"
    if in_corpus:
        return "applied"
    if isinstance(since, dict):
        lower, upper = since.get("lower"), since.get("upper")
        if lower and day < lower:
            return "pending"
        if upper and day >= upper:
            return "in_force_no_text"
        return "uncertain"
    return "pending" if since and day < since else "in_force_no_text"


def amendments_table(
    kb,
    work: str,
    timeline: dict[str, Any],
    detail: dict[str, Any],
    day: str,
    lang: str,
    only: Callable[[str], bool] | None = None,
) -> list[dict[str, Any]]:
    """One row per amending act, dated, with what it changed (readable unit names) and each
    change's status on ``day``; from the act's timeline (notes of the corpus text), the
    instructions of other corpus acts (``amending_instructions``) and the acts the notes name
    (``amending_acts`` of the act's detail).  ``only`` keeps the units it accepts (a position's)."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}

    def row_for(act: dict[str, Any]) -> dict[str, Any]:
        key = (act.get("date") or "", act.get("number") or "")
        return rows.setdefault(
            key,
            {
                "number": act.get("number"),
                "date": act.get("date"),
                "issuer": act.get("issuer"),
                "since": None,
                "changes": {},
                "source": "note",
            },
        )

    for eid, events in (timeline.get("units") or {}).items():
        if only and not only(eid):
            continue
        for ev in events:
            if ev["kind"] not in ("applied_amendment", "announced_edition") or not ev.get("amending_act"):
                continue
            row = row_for(ev["amending_act"])
            row["since"] = row["since"] or ev["since"]
            target = ev.get("target") or eid
            if only and not only(target):
                target = eid
            ch = row["changes"].setdefault(
                (target, ev.get("change"), ev["kind"]),
                {
                    "eid": target,
                    "change": ev.get("change"),
                    "kind": ev["kind"],
                    "since": ev["since"],
                    "units": set(),
                    "missing": set(),
                    "note": ev.get("text"),
                    "source": ev.get("source"),
                },
            )
            ch["units"].add(eid)
            if not ev["text_in_corpus"]:
                ch["missing"].add(eid)
    for ins in timeline.get("amending_instructions") or []:
        if only and not only(ins.get("eid") or ""):
            continue
        row = row_for(ins["amending_act"])
        row["source"] = "instruction"
        row["since"] = row["since"] or ins.get("since") or ins.get("date")
        eid = ins.get("eid") or "act"
        row["changes"].setdefault(
            (eid, ins.get("verb"), "instruction"),
            {
                "eid": eid,
                "change": ins.get("verb"),
                "kind": "instruction",
                "since": ins.get("since"),
                "units": {eid},
                "missing": set(),
                "note": ins.get("text"),
                "source": ins.get("source"),
                "flags": ins.get("flags") or [],
            },
        )
    if only is None:
        for a in detail.get("amending_acts") or []:
            a = a.model_dump() if hasattr(a, "model_dump") else dict(a)
            row_for(a).setdefault("notes", a.get("notes"))
    out = []
    for row in rows.values():
        changes = []
        for ch in sorted(row["changes"].values(), key=lambda c: natural_key(c["eid"])):
            in_corpus = (
                ch["eid"] not in ch["missing"]
                if ch["eid"] in ch["units"]
                else len(ch["missing"]) < len(ch["units"])
            )
            status = (
                "instruction"
                if ch["kind"] == "instruction"
                else change_status(ch["kind"], ch["since"], in_corpus, day)
            )
            replaced = (
                sorted(ch["missing"], key=natural_key)
                if ch["kind"] == "applied_amendment" and in_corpus
                else []
            )
            changes.append(
                {
                    **ch,
                    "name": unit_name(kb, work, ch["eid"], lang),
                    "change_text": t(f"act.change.{ch['change']}", lang)
                    if ch["change"] in _CHANGE_KEYS
                    else (ch["change"] or ""),
                    "status": status,
                    "text_in_corpus": "no" if not in_corpus else ("partly" if ch["missing"] else "yes"),
                    "replaced_in": [unit_name(kb, work, e, lang) for e in replaced[:5]],
                    "replaced_more": max(0, len(replaced) - 5),
                    "units": sorted(ch["units"], key=natural_key),
                }
            )
        statuses = {c["status"] for c in changes}
        since = row["since"]
        out.append(
            {
                **row,
                "changes": changes,
                "since_text": since_text(since, lang) if since else None,
                "uncertain": isinstance(since, dict) and since.get("lower") != since.get("upper"),
                "statuses": sorted(statuses),
                "diff_to": since_start(since),
            }
        )
    return sorted(out, key=lambda r: (r["date"] or "", r["number"] or ""))


def changes_box(table: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """What a reader must know before reading the text: each amending act once whose edition is
    announced (pending), in force without its text, or of an uncertain day."""
    out = []
    for row in table:
        for status in ("pending", "in_force_no_text", "uncertain"):
            units = [c["name"] for c in row["changes"] if c["status"] == status]
            if units:
                out.append(
                    {
                        "status": status,
                        "number": row["number"],
                        "date": row["date"],
                        "since": row["since_text"],
                        "count": len(units),
                        "units": units,
                        "text": t(
                            f"act.box.{status}",
                            lang,
                            number=row["number"] or "?",
                            act_date=fmt_date(row["date"]),
                            since=row["since_text"] or "?",
                            count=len(units),
                        ),
                    }
                )
    return out


# --- the text ---------------------------------------------------------------------------------------

_HEADS = {
    "chapter": "act.head.chapter",
    "section": "act.head.section",
    "part": "act.head.part",
    "article": "act.head.article",
}


def _flag_sig(f: dict[str, Any]) -> tuple:
    by = f.get("by") or {}
    return (f.get("kind"), by.get("number"), str(f.get("since")), f.get("certain"))


def _ancestors(eid: str) -> list[str]:
    parts = eid.split("__")
    return ["__".join(parts[:i]) for i in range(1, len(parts))]


def place_flags(units: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """The flags of the whole text (every unit has them) and, per unit, the flags its ancestors do
    not already show — a flag is said once where it starts, not under each абзац."""
    if not units:
        return []
    sigs = [{_flag_sig(f): f for f in u["flags"]} for u in units]
    common = set(sigs[0])
    for s in sigs[1:]:
        common &= set(s)
    shown: dict[str, set] = {}
    for u, s in zip(units, sigs, strict=True):
        above = set().union(*(shown.get(a, set()) for a in _ancestors(u["eid"])))
        mine = [sig for sig in s if sig not in common and sig not in above]
        shown[u["eid"]] = above | set(mine)
        u["shown_flags"] = [
            {"text": flag_text(s[sig], lang), "bad": bool(s[sig].get("certain"))} for sig in mine
        ]
    return [
        {"text": flag_text(sigs[0][sig], lang), "bad": bool(sigs[0][sig].get("certain"))} for sig in common
    ]


def _notes_by_unit(
    kb, expr: str, eids: set[str]
) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]]]:
    """The notes of an expression (Сноска, Примечание ИЗПИ), under the unit they name; notes on
    the act as a whole (or on no unit of the text) apart."""
    by_unit: dict[str, list[dict[str, Any]]] = {}
    whole: list[dict[str, Any]] = []
    for n in kb.docs[expr].amendments:
        note = {"text": n.text, "kind": n.kind, "prospective": n.prospective, "line": n.span.start}
        if n.target_eid and n.target_eid in eids:
            by_unit.setdefault(n.target_eid, []).append(note)
        else:
            whole.append(note)
    return by_unit, whole


def _display(u: dict[str, Any], lang: str, prev_heading: str | None) -> dict[str, Any]:
    kind, num = u["kind"], u.get("num")
    head = u.get("heading") if u.get("heading") is not None else u.get("corpus_heading")
    label = ""
    if kind in _HEADS and num:
        label = t(_HEADS[kind], lang, num=num)
    elif kind == "point" and num:
        label = f"{num}."
    elif kind == "subpoint" and num:
        label = f"{num})"
    if kind == "row" and head == prev_heading:
        head = None
    stale = u.get("text") is None and bool(u.get("corpus_text") or u.get("corpus_heading"))
    return {
        "eid": u["eid"],
        "kind": kind,
        "label": label,
        "heading": head,
        "text": u.get("corpus_text") if stale else u.get("text"),
        "stale": stale,
        "depth": min(u["eid"].count("__"), 5),
        "flags": u.get("shown_flags", []),
    }


def text_rows(kb, texts: dict[str, dict[str, Any]], lang: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Rows of the text: one per unit id, with a cell per language (units joined by their AKN id,
    the same in ru and kk; a unit one language lacks gets an empty cell), its notes and flags;
    and per language the flags and notes of the whole text."""
    whole: dict[str, Any] = {}
    cells: dict[str, dict[str, dict[str, Any]]] = {}
    order: list[str] = []
    for tl, res in texts.items():
        units = res["units"]
        common = place_flags(units, lang)
        notes, act_notes = _notes_by_unit(kb, res["expression"], {u["eid"] for u in units})
        whole[tl] = {"flags": common, "notes": act_notes}
        prev = None
        last = None
        for u in units:
            cell = _display(u, lang, prev)
            prev = u.get("heading") if u["kind"] == "row" else prev
            cell["notes"] = notes.get(u["eid"], [])
            cells.setdefault(u["eid"], {})[tl] = cell
            if u["eid"] not in order:
                order.insert(order.index(last) + 1 if last in order else len(order), u["eid"])
            last = u["eid"]
    rows = [{"eid": e, "cells": cells[e], "depth": next(iter(cells[e].values()))["depth"]} for e in order]
    return rows, whole


# --- pages -----------------------------------------------------------------------------------------


@router.get("/{lang}/acts", response_class=HTMLResponse)
def acts_list(request: Request, lang: str) -> HTMLResponse:
    try:
        check_lang(lang)
        kb = get_kb(request)
        q = (request.query_params.get("q") or "").strip() or None
        res = call(api_acts.list_acts, kb, Page(200, 0), q)
        rows = []
        for a in sorted(res["data"], key=lambda a: (a["date"] or "", a["number"])):
            npos = sum(1 for _, _, k in kb.graph.out_edges(a["id"], keys=True) if k == "defines_position")
            ncards = sum(1 for _, _, k in kb.graph.out_edges(a["id"], keys=True) if k == "defines_card")
            rows.append(
                {
                    **a,
                    "title_text": title_in(a["title"], lang),
                    "title_lang": a["title"].get(lang) is not None,
                    "url": act_url(kb, lang, a["id"]),
                    "positions": npos,
                    "cards": ncards,
                    "positions_url": f"/{lang}/positions?act={quote(a['number'], safe='')}",
                }
            )
        return page(request, "acts.html", lang, acts=rows, q=q or "")
    except PageError as err:
        return error_page(request, lang if lang in ("ru", "kk") else "ru", err)


def _referenced(kb, work: str, lang: str) -> list[dict[str, Any]]:
    """The referenced acts the act's positions must know (``cites`` edges of its units), each with
    how many positions cite it; who must know each is one link away."""
    g = kb.graph
    count: dict[str, set[str]] = {}
    for expr in kb.expressions(work):
        for u in kb.docs[expr].units:
            m = re.match(r"(.*?__para_[\w-]+?)(?:__|$)", u.eid)
            if not m:
                continue
            node = ids.unit_id(expr, u.eid)
            if node not in g:
                continue
            for _, ref, k in g.out_edges(node, keys=True):
                if k == "cites":
                    count.setdefault(ref, set()).add(m.group(1))
    out = []
    for ref, paras in count.items():
        d = g.nodes[ref]
        rid = d.get("ref") or ref.removeprefix("ref:")
        out.append(
            {
                "id": rid,
                "name": d.get(f"name_{lang}") or d.get("name_ru") or d.get("name_kk") or rid,
                "positions": len(paras),
                "resolved": d.get("resolved"),
                "url": f"/{lang}/mustknow?{urlencode({'act': rid})}",
            }
        )
    return sorted(out, key=lambda r: (-r["positions"], r["name"]))


def _self_ref(kb, work: str) -> str | None:
    """The referenced-act id of this act when positions may be asked to know it."""
    from kb.queries import NotFound, resolve_ref

    m = kb.acts[work]
    for q in (m.get("title", {}).get("ru"), m.get("number")):
        if not q:
            continue
        try:
            ref = resolve_ref(kb, q)
        except (NotFound, LookupError):
            continue
        return kb.graph.nodes[ref].get("ref") or ref.removeprefix("ref:")
    return None


@router.get("/{lang}/acts/{act:path}", response_class=HTMLResponse)
def act_page(request: Request, lang: str, act: str) -> HTMLResponse:
    try:
        check_lang(lang)
        return _act_page(request, lang, act)
    except PageError as err:
        return error_page(request, lang if lang in ("ru", "kk") else "ru", err)


def _act_page(request: Request, lang: str, act: str) -> HTMLResponse:
    kb = get_kb(request)
    asked, day = day_of(request)
    work = call(resolve_act, kb, act)
    detail = call(api_acts.get_act, work, kb, None)
    langs = detail["languages"]
    view = request.query_params.get("view") or (lang if lang in langs else langs[0])
    if view not in (*langs, "side") or (view == "side" and len(langs) < 2):
        raise PageError(
            422,
            "act.error.view",
            value=view,
            allowed=" | ".join([*langs, "side"] if len(langs) > 1 else langs),
        )
    unit = request.query_params.get("unit") or None
    text_langs = langs if view == "side" else [view]
    texts = {tl: call(api_acts.act_text, work, kb, day, tl, unit) for tl in text_langs}
    rows, whole = text_rows(kb, texts, lang)
    tl_lang = "ru" if "ru" in langs else langs[0]
    timeline = call(api_acts.act_timeline, work, kb, tl_lang, None)
    table = amendments_table(kb, work, timeline, detail, day, lang)
    for row in table:
        if row["diff_to"]:
            row["diff_url"] = diff_url(kb, lang, work, day_before(row["diff_to"]), row["diff_to"])
    box = changes_box(table, lang)
    from kb.commencement import commencement

    comm = commencement(kb.editions[work]) if kb.editions.get(work) else None
    m = kb.acts[work]
    editions = []
    for e in detail["expressions"]:
        e = e.model_dump() if hasattr(e, "model_dump") else dict(e)
        ed = e.get("edition") or {}
        editions.append(
            {
                **e,
                "kind": ed.get("kind"),
                "date": ed.get("date"),
                "after": ed.get("copied_after"),
                "before": ed.get("copied_before"),
                "akn": f"/acts/{quote(work.lstrip('/'), safe='/')}/akn?"
                + urlencode({"as_of": day, "lang": e["lang"]}),
            }
        )
    npos = detail["counts"].get("positions", 0)
    first_day = (
        since_start(comm.when.as_json()) if comm and comm.text != "not stated in the corpus" else m["date"]
    )
    repealed = detail.get("repealed")
    ctx = {
        "work": work,
        "number": m["number"],
        "act_type": t(f"act.type.{m['type']}", lang) if f"act.type.{m['type']}" in _types() else m["type"],
        "title": title_in(m["title"], lang),
        "title_other_lang": m["title"].get(lang) is None,
        "issuer": title_in(m.get("issuer"), lang),
        "date": m["date"],
        "registration": m.get("registration"),
        "commencement": since_text(comm.when.as_json(), lang)
        if comm and comm.text != "not stated in the corpus"
        else None,
        "commencement_uncertain": bool(
            comm and comm.when.exact is None and comm.text != "not stated in the corpus"
        ),
        "languages": langs,
        "editions": editions,
        "counts": detail["counts"],
        "repealed": repealed,
        "as_of": day,
        "asked": asked,
        "view": view,
        "unit": unit,
        "unit_name": unit_name(kb, work, unit, lang) if unit else None,
        "text_langs": text_langs,
        "rows": rows,
        "whole": whole,
        "expressions": {tl: texts[tl]["expression"] for tl in text_langs},
        "flagged": {tl: texts[tl]["flagged"] for tl in text_langs},
        "table": table,
        "box": box,
        "instructions": detail.get("instructions") or [],
        "referenced": _referenced(kb, work, lang),
        "self_ref": _self_ref(kb, work),
        "positions_url": f"/{lang}/positions?act={quote(m['number'], safe='')}" if npos else None,
        "diff_url": diff_url(kb, lang, work, first_day, day),
        "diff_from": first_day,
        "whole_url": act_url(
            kb, lang, work, as_of=fmt_date(asked) if asked else None, view=view if view != lang else None
        ),
        "api_url": f"/acts/{quote(m['number'], safe='')}",
        "permalink": act_url(
            kb, lang, work, as_of=fmt_date(day), view=view if view != lang else None, unit=unit
        ),
        "permalink_text": unquote(
            act_url(kb, lang, work, as_of=fmt_date(day), view=view if view != lang else None, unit=unit)
        ),
        "view_url": lambda v: act_url(
            kb, lang, work, as_of=fmt_date(asked) if asked else None, view=v, unit=unit
        ),
    }
    return page(request, "act.html", lang, **ctx)


def _types() -> set[str]:
    from .i18n import catalogue

    return {k for k in catalogue() if k.startswith("act.type.")}
