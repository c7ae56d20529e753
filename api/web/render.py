"""Rendering: one Jinja2 environment, the page context every template gets, errors as pages.

A page handler calls :func:`page` with its template and context; the context always has
``lang``, ``t`` (messages in that language), ``fmt_date``, ``other_lang_url`` (the same page in
the other language) and ``nav``.  The chosen language is remembered in a cookie.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from . import PAGES
from .i18n import LANGS, fmt_date, parse_date, t

HERE = os.path.dirname(os.path.abspath(__file__))
STATIC_DIR = os.path.join(HERE, "static")
TEMPLATES = Environment(
    loader=FileSystemLoader(os.path.join(HERE, "templates")),
    autoescape=select_autoescape(("html",)),
    trim_blocks=True,
    lstrip_blocks=True,
)
TEMPLATES.filters["date"] = fmt_date
TEMPLATES.filters["q"] = lambda s: quote(str(s), safe="")
COOKIE = "zangraph_lang"


class PageError(Exception):
    """A problem to show as a page in the visitor's language: a message key and its fields."""

    def __init__(self, status: int, key: str, **fields: Any):
        super().__init__(key)
        self.status, self.key, self.fields = status, key, fields


def other_lang_url(request: Request, lang: str) -> str:
    """The same page (path and query) in the other interface language."""
    other = "kk" if lang == "ru" else "ru"
    path = request.url.path
    rest = path[len(f"/{lang}"):] if path.startswith(f"/{lang}") else path
    query = f"?{request.url.query}" if request.url.query else ""
    return f"/{other}{rest or '/'}{query}"


def as_of(request: Request, name: str = "as_of") -> str | None:
    """A date from the query string (дд.мм.гггг or ISO), or a :class:`PageError`."""
    raw = request.query_params.get(name)
    try:
        return parse_date(raw)
    except ValueError:
        raise PageError(422, "error.bad_date", value=raw) from None


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise PageError(404, "error.not_found", what=f"/{lang}/")
    return lang


def page(request: Request, template: str, lang: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    """Render ``template`` for ``lang``; remember the language."""
    html = TEMPLATES.get_template(template).render(
        request=request,
        lang=lang,
        t=lambda key, **f: t(key, lang, **f),
        fmt_date=fmt_date,
        other_lang=("kk" if lang == "ru" else "ru"),
        other_lang_url=other_lang_url(request, lang),
        nav=[(name, f"/{lang}/{'' if name == 'home' else name}") for name in PAGES],
        path=request.url.path,
        **ctx,
    )
    resp = HTMLResponse(html, status_code=status)
    resp.set_cookie(COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax")
    return resp


def error_page(request: Request, lang: str, err: PageError) -> HTMLResponse:
    return page(request, "error.html", lang, status=err.status, message=t(err.key, lang, **err.fields))
