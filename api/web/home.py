"""``/`` → the visitor's language; ``/{lang}/`` the home page: what the knowledge base holds and
where each job starts."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ..deps import get_kb
from .i18n import DEFAULT_LANG, pick_lang
from .render import COOKIE, PageError, check_lang, error_page, page

router = APIRouter()


@router.get("/")
def root(request: Request) -> RedirectResponse:
    lang = (pick_lang(request.query_params.get("lang")) or pick_lang(request.cookies.get(COOKIE))
            or pick_lang(request.headers.get("accept-language")) or DEFAULT_LANG)
    return RedirectResponse(f"/{lang}/", status_code=307)


@router.get("/{lang}/", response_class=HTMLResponse)
def home(request: Request, lang: str) -> HTMLResponse:
    try:
        check_lang(lang)
    except PageError as err:
        return error_page(request, "ru", err)
    kb = get_kb(request)
    acts = []
    for work, meta in sorted(kb.acts.items(), key=lambda kv: kv[1].get("date") or ""):
        titles = meta.get("title") or meta.get("titles") or {}
        acts.append({"work": work, "number": meta.get("number"), "date": meta.get("date"),
                     "title": titles.get(lang) or titles.get("ru") or titles.get("kk") or work,
                     "langs": sorted({kb.graph.nodes[e]["lang"] for e in kb.expressions(work)})})
    return page(request, "home.html", lang, acts=acts)
