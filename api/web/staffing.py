"""``/{lang}/staffing``: the staffing calculator, and the plain staffing rows of an act without bands.

``?visits=75`` (and ``act=256-НҚ``, ``as_of``) computes the minimal staffing for a daily load
(:func:`api.routes.staffing.minimal_staffing`): a table with column headers (position, band or
rule, units, source), the band chosen, each row linking to the ТКХ position it staffs, the total,
and what the total leaves out — every row whose rule is not a number of units, listed with its
rule.  An act whose norms have no load bands (order 86) shows its rows with their parsed rule
(:func:`kb.queries.table_rows`); the number of visits does not apply there.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from kb.build import KB

from ..deps import get_kb
from ..errors import ApiError
from ..routes.staffing import minimal_staffing, staffing_acts
from .flags import flag_text
from .i18n import fmt_date, parse_date, t
from .render import PageError, check_lang, error_page, page


def _titles(meta: dict[str, Any]) -> dict[str, str]:
    """An act's titles by language (the registry's ``title`` dict, or ``titles``)."""
    got = meta.get("titles") or meta.get("title") or {}
    return got if isinstance(got, dict) else {"ru": str(got)}


router = APIRouter()

EXAMPLE_VISITS = 75


def _num(x: float | None) -> str:
    """2.0 → "2", 2.5 → "2,5" (the decimal comma of both languages)."""
    if x is None:
        return ""
    return (f"{x:.0f}" if float(x).is_integer() else f"{x:g}").replace(".", ",")


def _source(src: dict[str, Any] | None, lang: str) -> str:
    if not src:
        return ""
    file = str(src.get("file") or "").rsplit("/", 2)
    file = "/".join(file[-2:])
    if src.get("end") and src.get("end") != src.get("start"):
        return t("staffing.lines", lang, file=file, start=src.get("start"), end=src.get("end"))
    return t("staffing.line", lang, file=file, start=src.get("start"))


def _links(kb: KB, links: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """The ТКХ positions a row staffs: title in the page language, position page URL, how linked."""
    out = []
    for link in links:
        d = kb.graph.nodes.get(link.get("id"), {})
        work = d.get("work")
        number = kb.acts.get(work, {}).get("number") if work else None
        titles = d.get("titles") or {}
        out.append(
            {
                "title": titles.get(lang) or link.get("title") or titles.get("ru") or "",
                "act": number,
                "url": f"/{lang}/positions/{number}:{d['eid']}" if number and d.get("eid") else None,
                "how": t(
                    "staffing.link.method",
                    lang,
                    method=_method(link.get("method"), lang),
                    confidence=_num(link.get("confidence")),
                ),
                "flags": [flag_text(f, lang) for f in link.get("flags") or []],
            }
        )
    return out


def _method(method: str | None, lang: str) -> str:
    from .i18n import catalogue

    key = f"staffing.method.{method}"
    return t(key, lang) if key in catalogue() else (method or "?")


def _why_not(rule: dict[str, Any] | None, lang: str) -> str:
    per = (rule or {}).get("per")
    if per in ("vehicle", "standard_norms"):
        return t(f"staffing.per.{per}", lang)
    return t("staffing.per.other", lang, per=(rule or {}).get("per_text") or per or "?")


def calculator(kb: KB, lang: str, visits: int, work: str, as_of_date: str) -> dict[str, Any]:
    res = minimal_staffing(kb, visits, as_of_date, work)
    band = res["band"]
    rows, left_out = [], []
    for r in res["rows"]:
        rule = r.get("rule") or {}
        if r["basis"] == "band":
            basis = t(
                "staffing.basis.band", lang, band=t(f"staffing.band.{band}", lang), cell=r.get("cell") or ""
            )
        else:
            basis = t("staffing.basis.rule", lang, rule=rule.get("text") or "")
        row = {
            "num": r.get("num"),
            "position": r["position"],
            "section": r.get("section"),
            "basis": basis,
            "is_band": r["basis"] == "band",
            "units": _num(r["units"]) if r["units"] is not None else None,
            "zero": r["units"] == 0,
            "cell": r.get("cell"),
            "links": _links(kb, r.get("positions") or [], lang),
            "flags": [flag_text(f, lang) for f in r.get("flags") or []],
            "source": _source(r.get("source"), lang),
            "eid": r["eid"],
        }
        rows.append(row)
        if r["units"] is None:
            left_out.append(
                {
                    "position": r["position"],
                    "num": r.get("num"),
                    "rule": rule.get("text") or "",
                    "why": _why_not(rule, lang),
                }
            )
    sections: list[tuple[str | None, list[dict[str, Any]]]] = []
    for row in rows:
        if not sections or sections[-1][0] != row["section"]:
            sections.append((row["section"], []))
        sections[-1][1].append(row)
    return {
        "visits": visits,
        "band": t(f"staffing.band.{band}", lang),
        "sections": sections,
        "total": _num(res["total_units"]),
        "left_out": left_out,
        "as_of": fmt_date(as_of_date),
        "json_url": "/staffing?"
        + urlencode({"visits_per_day": visits, "act": res["act_number"], "as_of": as_of_date}),
    }


def plain_rows(kb: KB, lang: str, work: str) -> dict[str, Any]:
    from kb.queries import table_rows

    have = {kb.graph.nodes[e]["lang"] for e in kb.expressions(work)}
    text_lang = lang if lang in have else "ru" if "ru" in have else sorted(have)[0]
    res = table_rows(kb, work, "staffing", text_lang)
    rows = []
    for r in res["rows"]:
        rule = r.get("rule") or {}
        parsed = []
        if rule.get("units") is not None:
            parsed.append(t("staffing.rule.units", lang, units=_num(rule["units"])))
        if rule.get("per_text") or rule.get("per"):
            parsed.append(t("staffing.rule.per", lang, per=rule.get("per_text") or rule.get("per")))
        if rule.get("condition"):
            parsed.append(t("staffing.rule.condition", lang, condition=rule["condition"]))
        rows.append(
            {
                "num": r.get("num"),
                "position": r.get("position") or "",
                "section": r.get("section"),
                "rule": rule.get("text") or "",
                "parsed": parsed or [t("staffing.rule.unparsed", lang)],
                "clauses": len(rule.get("clauses") or []),
                "links": _links(kb, r.get("positions") or [], lang),
                "source": _source(r.get("source"), lang),
            }
        )
    return {
        "rows": rows,
        "count": len(rows),
        "language": t(f"lang.{text_lang}", lang),
        "json_url": "/staffing/rows?" + urlencode({"act": res["act_number"], "lang": text_lang}),
    }


def _acts(kb: KB, lang: str) -> list[dict[str, Any]]:
    out = []
    for work in staffing_acts(kb):
        meta = kb.acts[work]
        bands = any(r.get("bands") for e in kb.expressions(work) for r in kb.docs[e].staffing)
        titles = _titles(meta)
        out.append(
            {
                "work": work,
                "number": meta.get("number"),
                "date": meta.get("date"),
                "bands": bands,
                "title": titles.get(lang) or titles.get("ru") or titles.get("kk") or work,
            }
        )
    return out


@router.get("/{lang}/staffing", response_class=HTMLResponse)
def staffing_page(request: Request, lang: str) -> HTMLResponse:
    try:
        check_lang(lang)
    except PageError as err:
        return error_page(request, "ru", err)
    kb = get_kb(request)
    q = request.query_params
    acts = _acts(kb, lang)
    form = {"visits": q.get("visits", ""), "act": q.get("act", ""), "as_of": q.get("as_of", "")}
    ctx: dict[str, Any] = {"form": form, "acts": acts, "calc": None, "plain": None, "act": None}
    status = 200
    try:
        chosen = None
        if form["act"]:
            from ..deps import resolve_act

            try:
                work = resolve_act(kb, form["act"])
            except ApiError:
                raise PageError(404, "error.not_found", what=form["act"]) from None
            chosen = next((a for a in acts if a["work"] == work), None)
            if chosen is None:
                raise PageError(
                    404,
                    "staffing.error.no_act",
                    act=form["act"],
                    acts=", ".join(f"№ {a['number']}" for a in acts),
                )
        elif acts:
            chosen = acts[0]
        if chosen is not None:
            ctx["act"] = chosen
            form["act"] = chosen["number"]
        try:
            day = request.app.state.settings.as_of(parse_date(form["as_of"]))
        except ValueError:
            raise PageError(422, "error.bad_date", value=form["as_of"]) from None
        if chosen is not None and not chosen["bands"]:
            ctx["plain"] = plain_rows(kb, lang, chosen["work"])
        elif chosen is not None and form["visits"].strip():
            raw = form["visits"].strip()
            if not raw.isdigit():
                raise PageError(422, "staffing.error.visits", value=raw)
            ctx["calc"] = calculator(kb, lang, int(raw), chosen["work"], day)
    except PageError as err:
        ctx["error"] = t(err.key, lang, **err.fields)
        status = err.status
    ctx["example_url"] = f"/{lang}/staffing?" + urlencode({"visits": EXAMPLE_VISITS})
    ctx["example_visits"] = EXAMPLE_VISITS
    return page(request, "staffing.html", lang, status=status, **ctx)
