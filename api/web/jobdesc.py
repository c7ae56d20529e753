"""The job-description builder: ``/{lang}/jobdesc``.

* ``/{lang}/jobdesc`` — the form: a position (title or id such as ``580-НҚ:chp_2__para_4``, an act
  to narrow), the document's language (``doc_lang``, ru or kk — independent of the interface
  language), the date (``as_of``, дд.мм.гггг or ISO) and where the citations go (``cite``:
  ``footnotes``, ``annex`` or ``off``).  A title naming several positions lists them; one
  position shows the document (the HTML embedded) and the download links.  A query that is not
  yet the permanent form (a title, no date) is redirected to it: ``?position=<act>:<unit>&doc_lang=
  &as_of=дд.мм.гггг&cite=``, so the address bar is the link to share.
* ``/{lang}/jobdesc/document.{md|html|docx}?position=…&doc_lang=…&as_of=…&cite=…`` — the document
  itself (:mod:`api.jobdesc`); HTML inline, DOCX and MD as attachments.

The API route ``/positions/{id}/job-description`` gives the same document with the default
citations (footnotes); these routes add the choice of citations.
"""

from __future__ import annotations

from datetime import date as _date
from typing import Any
from urllib.parse import unquote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kb.queries import Ambiguous, NotFound, position_summary
from kb.queries import resolve_position as find_position

from ..deps import get_kb, resolve_act, resolve_position
from ..errors import ApiError
from ..jobdesc import CITE_MODES, build_job_description, render
from .i18n import LANGS, fmt_date, t
from .render import PageError, as_of, check_lang, error_page, page

router = APIRouter()

MEDIA = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def position_ref(kb, pid: str) -> str:
    """The position as the URLs name it: ``580-НҚ:chp_2__para_4``."""
    d = kb.graph.nodes[pid]
    return f"{kb.acts[d['work']]['number']}:{d['eid']}"


def builder_url(lang: str, ref: str, doc_lang: str, date: str, cite: str) -> str:
    return f"/{lang}/jobdesc?" + urlencode(
        {"position": ref, "doc_lang": doc_lang, "as_of": fmt_date(date), "cite": cite}
    )


def document_url(lang: str, ref: str, doc_lang: str, date: str, cite: str, fmt: str) -> str:
    return f"/{lang}/jobdesc/document.{fmt}?" + urlencode(
        {"position": ref, "doc_lang": doc_lang, "as_of": fmt_date(date), "cite": cite}
    )


def _find(kb, query: str, act: str | None) -> str:
    """A position node id from an id (``580-НҚ:chp_2__para_4``, a node id) or a title; ``Ambiguous``
    with the candidates when a title names several; ``PageError`` when none."""
    if not act:
        try:
            return resolve_position(kb, query)
        except ApiError:
            pass
    try:
        work = resolve_act(kb, act) if act else None
    except ApiError:
        raise PageError(404, "jobdesc.no_act", act=act) from None
    try:
        return find_position(kb, query, work)
    except NotFound:
        raise PageError(404, "jobdesc.no_position", query=query) from None


def _title(d: dict[str, Any], lang: str) -> str:
    return d.get(f"title_{lang}") or d.get("title_ru") or d.get("title_kk") or d["eid"]


def _options(request: Request) -> tuple[str | None, str]:
    cite = request.query_params.get("cite") or "footnotes"
    if cite not in CITE_MODES:
        raise PageError(422, "jobdesc.bad_cite", value=cite)
    doc_lang = request.query_params.get("doc_lang") or None
    if doc_lang is not None and doc_lang not in LANGS:
        raise PageError(422, "jobdesc.bad_doc_lang", value=doc_lang)
    return doc_lang, cite


@router.get("/{lang}/jobdesc", response_class=HTMLResponse)
def builder(request: Request, lang: str):
    try:
        check_lang(lang)
    except PageError as err:
        return error_page(request, "ru", err)
    kb = get_kb(request)
    q = request.query_params
    form = {
        "position": (q.get("position") or "").strip(),
        "act": (q.get("act") or "").strip(),
        "as_of": q.get("as_of") or "",
        "doc_lang": q.get("doc_lang") or lang,
        "cite": q.get("cite") or "footnotes",
    }
    ctx: dict[str, Any] = {
        "form": form,
        "cite_modes": CITE_MODES,
        "langs": LANGS,
        "doc": None,
        "candidates": [],
        "error": None,
        "today": fmt_date(_date.today().isoformat()),
    }
    if not form["position"]:
        return page(request, "jobdesc.html", lang, **ctx)
    try:
        date = as_of(request)
        doc_lang, cite = _options(request)
        pid = _find(kb, form["position"], form["act"] or None)
    except Ambiguous as err:
        day = fmt_date(as_of(request) or _date.today().isoformat())
        ctx["candidates"] = [
            {
                "title": _title(c, lang),
                "act_number": c["act_number"],
                "eid": c["eid"],
                "langs": [x for x in LANGS if c.get(f"title_{x}")],
                "url": f"/{lang}/jobdesc?"
                + urlencode(
                    {
                        "position": f"{c['act_number']}:{c['eid']}",
                        "doc_lang": form["doc_lang"],
                        "as_of": day,
                        "cite": form["cite"],
                    }
                ),
            }
            for c in err.candidates
        ]
        ctx["ambiguous"] = form["position"]
        return page(request, "jobdesc.html", lang, **ctx)
    except PageError as err:
        ctx["error"] = t(err.key, lang, **err.fields)
        return page(request, "jobdesc.html", lang, status=err.status, **ctx)
    summary = position_summary(kb, pid)
    have = [x for x in LANGS if summary.get(f"title_{x}")]
    ref = position_ref(kb, pid)
    date = date or _date.today().isoformat()
    chosen = doc_lang or (lang if lang in have else have[0])
    canonical = builder_url(lang, ref, chosen, date, cite)
    here = f"{request.url.path}?{request.url.query}"
    if here != canonical:
        return RedirectResponse(canonical, status_code=302)
    ctx.update(
        position={
            "ref": ref,
            "title": _title(summary, chosen),
            "act_number": summary["act_number"],
            "eid": summary["eid"],
            "langs": have,
        },
        date=date,
        doc_lang=chosen,
        cite=cite,
        permalink=canonical,
        permalink_text=unquote(canonical),
    )
    form.update(position=ref, act="", as_of=fmt_date(date), doc_lang=chosen, cite=cite)
    if chosen not in have:
        ctx["error"] = t("jobdesc.no_text_in", lang, language=t(f"lang.{chosen}", lang))
        ctx["other_doc"] = [{"lang": x, "url": builder_url(lang, ref, x, date, cite)} for x in have]
        return page(request, "jobdesc.html", lang, status=404, **ctx)
    ctx["doc"] = {fmt: document_url(lang, ref, chosen, date, cite, fmt) for fmt in ("html", "docx", "md")}
    ctx["api_url"] = f"/positions/{ref}/job-description?" + urlencode(
        {"lang": chosen, "as_of": date, "format": "docx"}
    )
    ctx["switch"] = {
        "doc_lang": [
            {"value": x, "url": builder_url(lang, ref, x, date, cite), "on": x == chosen} for x in have
        ],
        "cite": [
            {"value": c, "url": builder_url(lang, ref, chosen, date, c), "on": c == cite} for c in CITE_MODES
        ],
    }
    return page(request, "jobdesc.html", lang, **ctx)


@router.get("/{lang}/jobdesc/document.{fmt}")
def document(request: Request, lang: str, fmt: str):
    try:
        check_lang(lang)
    except PageError as err:
        return error_page(request, "ru", err)
    kb = get_kb(request)
    try:
        if fmt not in MEDIA:
            raise PageError(404, "jobdesc.bad_format", value=fmt)
        query = (request.query_params.get("position") or "").strip()
        if not query:
            raise PageError(422, "jobdesc.no_position", query="")
        date = as_of(request) or _date.today().isoformat()
        doc_lang, cite = _options(request)
        try:
            pid = _find(kb, query, request.query_params.get("act") or None)
        except Ambiguous:
            raise PageError(409, "jobdesc.ambiguous_doc", query=query) from None
        summary = position_summary(kb, pid)
        doc_lang = doc_lang or lang
        if not summary.get(f"title_{doc_lang}"):
            raise PageError(404, "jobdesc.no_text_in", language=t(f"lang.{doc_lang}", lang))
        try:
            jd = build_job_description(kb, pid, doc_lang, date, cite)
        except ApiError:
            raise PageError(404, "jobdesc.no_text_on", date=fmt_date(date)) from None
    except PageError as err:
        return error_page(request, lang, err)
    headers = {}
    if fmt != "html":
        headers["Content-Disposition"] = f'attachment; filename="{jd["filename"]}_{cite}.{fmt}"'
    return Response(render(jd, fmt), media_type=MEDIA[fmt], headers=headers)
