"""``/{lang}/search``: the search page.

The query string holds the whole view, so a shared or reloaded URL shows the same page:
``q`` (words, "a phrase", OR, NOT, filters), ``as_of`` (дд.мм.гггг or ISO), ``language``
(``ru``/``kk``: the text searched; the interface language is the path's), the facets ``act``,
``kind``, ``group``, ``okr`` and ``page`` (1, 2, …).  Facets and pages are plain links (browser
history works).  Search is :func:`index.search.search` (the ``/search`` route's function),
called directly; each hit is named as a reader names a unit ("Юрист, п. 38, абз. 6") and
links to its position (or act) page, with the aligned unit of the other language under it.
"""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ..context import index_path
from ..deps import get_kb, get_settings, jsonable, resolve_act
from ..errors import ApiError
from .flags import flag_text
from .i18n import LANGS, fmt_date, t
from .mustknow import label, position_url
from .render import PageError, as_of, check_lang, error_page, page

router = APIRouter()

PER_PAGE = 20
#: The facets, in the order shown; each is a query parameter of the page.
FACETS = ("act", "kind", "language", "group", "okr")
#: Facets the search function filters by argument; group and okr go into the query as ``group:…``.
ARG_FACETS = {"act": "act", "kind": "kind", "language": "lang"}
GROUPS = ("managers", "specialists", "other_employees")
MAX_PAGE = 1000


def _url(lang: str, params: dict[str, Any], **change: Any) -> str:
    """This page's URL with ``change`` applied (None drops a parameter); a facet change goes to page 1."""
    p = {k: v for k, v in params.items() if v not in (None, "")}
    if any(k != "page" for k in change):
        p.pop("page", None)
    for k, v in change.items():
        if v in (None, ""):
            p.pop(k, None)
        else:
            p[k] = v
    if str(p.get("page")) == "1":
        p.pop("page")
    order = ["q", "as_of", *FACETS, "page"]
    return f"/{lang}/search?" + urlencode([(k, p[k]) for k in order if k in p])


def _facet_label(kb, name: str, value: str, lang: str) -> str:
    if name == "act":
        m = kb.acts.get(value)
        return f"№ {m['number']}" if m else value
    if name == "language":
        return t(f"lang.{value}", lang) if value in LANGS else value
    if name in ("kind", "group"):
        key = f"search.{name}.{value}"
        try:
            return t(key, lang)
        except KeyError:
            return value
    if name == "okr":
        return t("search.okr.level", lang, n=value)
    return value


def _facet_value(kb, name: str, value: str) -> str:
    """The URL value of a facet: an act by its number as printed (580-НҚ), others as they are."""
    if name == "act" and value in kb.acts:
        return kb.acts[value]["number"]
    return value


def _hit(kb, lang: str, h: dict[str, Any], date: str) -> dict[str, Any]:
    work, eid = h["act"], h["unit_id"]
    m = kb.acts.get(work) or {}
    act_url = f"/{lang}/acts/{quote(m.get('number') or work, safe='')}"
    try:
        name = label(kb, work, eid, h["lang"] if h["lang"] == lang else lang)
    except Exception:  # noqa: BLE001 - a unit the KB cannot name: its breadcrumb
        name = h.get("breadcrumb") or eid
    if h.get("position_id") and h["position_id"] in kb.graph:
        url = position_url(kb, lang, h["position_id"], date, eid)
    else:
        url = f"{act_url}?as_of={fmt_date(date)}#{eid}"
    al = h.get("aligned")
    aligned = None
    if al:
        aligned = {
            "lang": al.get("lang"),
            "text": al.get("text") or "",
            "eid": al.get("unit_id"),
            "label": label(kb, work, al["unit_id"], lang) if al.get("unit_id") else "",
        }
    return {
        "name": name,
        "url": url,
        "act_url": act_url,
        "act_number": m.get("number") or work,
        "snippet": h.get("snippet") or "",
        "lang": h["lang"],
        "kind": h.get("kind"),
        "kind_label": _facet_label(kb, "kind", h.get("kind") or "", lang) if h.get("kind") else "",
        "flags": [{"text": flag_text(f, lang), "kind": f.get("kind")} for f in h.get("flags") or []],
        "aligned": aligned,
        "eid": eid,
        "breadcrumb": h.get("breadcrumb"),
    }


@router.get("/{lang}/search", response_class=HTMLResponse)
def search_page(request: Request, lang: str):
    try:
        check_lang(lang)
    except PageError as err:
        return error_page(request, "ru", err)
    kb, settings = get_kb(request), get_settings(request)
    qp = request.query_params
    params: dict[str, Any] = {k: (qp.get(k) or "").strip() for k in ("q", "as_of", *FACETS)}
    params["page"] = (qp.get("page") or "").strip()
    ctx: dict[str, Any] = {
        "params": params,
        "facets": [],
        "hits": [],
        "pages": [],
        "total": None,
        "url": lambda **c: _url(lang, params, **c),
    }
    q = " ".join(params["q"].split())
    try:
        date = settings.as_of(as_of(request))
    except PageError as err:
        return page(
            request,
            "search.html",
            lang,
            status=err.status,
            error=t(err.key, lang, **err.fields),
            date=None,
            **ctx,
        )
    ctx["date"] = date
    try:
        n = int(params["page"] or 1)
        if not 1 <= n <= MAX_PAGE:
            raise ValueError
    except ValueError:
        return page(
            request,
            "search.html",
            lang,
            status=422,
            error=t("search.error.page", lang, value=params["page"]),
            **ctx,
        )
    if not q:
        return page(request, "search.html", lang, **ctx)
    if not any(c.isalnum() for c in q):
        return page(request, "search.html", lang, status=422, error=t("search.error.no_words", lang), **ctx)
    if params["language"] and params["language"] not in LANGS:
        return page(
            request,
            "search.html",
            lang,
            status=422,
            error=t("search.error.bad_facet", lang, name="language", value=params["language"]),
            **ctx,
        )
    if params["group"] and params["group"] not in GROUPS:
        return page(
            request,
            "search.html",
            lang,
            status=422,
            error=t("search.error.bad_facet", lang, name="group", value=params["group"]),
            **ctx,
        )
    work = None
    if params["act"]:
        try:
            work = resolve_act(kb, params["act"])
        except ApiError:
            return page(
                request,
                "search.html",
                lang,
                status=404,
                error=t("search.error.no_act", lang, value=params["act"]),
                **ctx,
            )
    text = q
    for name in ("group", "okr"):
        if params[name]:
            text += f' {name}:"{params[name]}"'
    try:
        from index.search import StaleIndex, search
    except ImportError:  # pragma: no cover - the index package is part of the project
        return page(request, "search.html", lang, status=503, error=t("search.error.no_index", lang), **ctx)
    try:
        res = search(
            index_path(settings.data_dir),
            text,
            lang=params["language"] or None,
            as_of=date,
            kind=params["kind"] or None,
            act=work,
            limit=PER_PAGE,
            offset=(n - 1) * PER_PAGE,
            kb=kb,
        )
    except (FileNotFoundError, StaleIndex):
        return page(request, "search.html", lang, status=503, error=t("search.error.no_index", lang), **ctx)
    except ValueError as err:
        return page(
            request,
            "search.html",
            lang,
            status=422,
            error=t("search.error.query", lang),
            detail=str(err),
            **ctx,
        )
    res = jsonable(res)
    total = res.get("total", 0)
    facets = []
    for name in FACETS:
        counts = (res.get("facets") or {}).get("lang" if name == "language" else name) or {}
        chosen = params[name]
        values = []
        for value, count in counts.items():
            v = _facet_value(kb, name, value)
            on = bool(chosen) and (v == chosen or (name == "act" and value == work))
            values.append(
                {
                    "label": _facet_label(kb, name, value, lang),
                    "count": count,
                    "on": on,
                    "url": _url(lang, params, **{name: None if on else v}),
                }
            )
        if chosen and not any(x["on"] for x in values):  # a filter giving no hits: still removable
            values.append(
                {
                    "label": _facet_label(kb, name, work if name == "act" and work else chosen, lang),
                    "count": 0,
                    "on": True,
                    "url": _url(lang, params, **{name: None}),
                }
            )
        if values:
            facets.append({"name": name, "title": t(f"search.facet.{name}", lang), "values": values})
    pages_n = max(1, math.ceil(total / PER_PAGE))
    window = sorted({1, pages_n, *range(max(1, n - 2), min(pages_n, n + 2) + 1)})
    pages = []
    for i, p in enumerate(window):
        if i and p - window[i - 1] > 1:
            pages.append(None)  # a gap: …
        pages.append({"n": p, "url": _url(lang, params, page=p), "on": p == n})
    dym = res.get("did_you_mean")
    ctx.update(
        total=total,
        page_n=n,
        pages_n=pages_n,
        pages=pages if pages_n > 1 else [],
        facets=facets,
        hits=[_hit(kb, lang, h, date) for h in res.get("hits") or []],
        first=(n - 1) * PER_PAGE + 1,
        last=min(n * PER_PAGE, total),
        prev_url=_url(lang, params, page=n - 1) if n > 1 else None,
        next_url=_url(lang, params, page=n + 1) if n < pages_n else None,
        did_you_mean={"text": dym, "url": _url(lang, params, q=dym)}
        if isinstance(dym, str) and dym
        else None,
        beyond=n > pages_n and total > 0,
    )
    return page(request, "search.html", lang, **ctx)
