"""``/acts``: the acts of the corpus, their text as of a date, timeline, diff and Akoma Ntoso.

Act ids contain slashes, so the routes with a suffix (``/text``, ``/akn``…) are declared
before ``/acts/{act_id:path}``, whose path converter would take the suffix too.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from kb.queries import amended_by, find_acts, instructions_of, table_rows, unit_flags

from ..deps import AsOf, KbDep, Lang, OptLang, PageDep, date_range, jsonable, lazy, resolve_act
from ..errors import not_found
from ..schemas import (
    ERRORS,
    ActDetail,
    ActSummary,
    ActText,
    AmendingAct,
    DiffOut,
    ExpressionOut,
    ListOf,
    ParityOut,
    TableRowsOut,
    TimelineOut,
)
from ..views import act_summary, expression_for, text_missing

router = APIRouter(prefix="/acts", tags=["acts"], responses=ERRORS)


@router.get("", response_model=ListOf[ActSummary], summary="List the acts")
def list_acts(
    kb: KbDep,
    page: PageDep,
    q: Annotated[str | None, Query(description="an id, a number or a title fragment")] = None,
):
    works = find_acts(kb, q) if q and q.strip() else sorted(kb.acts)
    return page.slice([act_summary(kb, w) for w in works])


@router.get("/{act_id:path}/text", response_model=ActText, summary="The act as of a date")
def act_text(
    act_id: str,
    kb: KbDep,
    as_of: AsOf,
    lang: Lang,
    unit: Annotated[str | None, Query(description="only this unit and the units under it")] = None,
):
    """Units in document order with the text in force on ``as_of``.  A unit whose text in force
    is not in the corpus has ``text: null`` and a flag saying why; ``corpus_text`` is what the
    copy shows."""
    work = resolve_act(kb, act_id)
    expr = expression_for(kb, work, lang, as_of)
    units = kb.docs[expr].units
    if unit:
        if not any(u.eid == unit for u in units):
            raise not_found("no unit", unit, f"unit ids of {work} in {lang} start with chp_, body__, annex…")
        units = [u for u in units if u.eid == unit or u.eid.startswith(unit + "__")]
    rows = []
    for u in units:
        flags = unit_flags(kb, expr, u.eid, as_of)
        gone = text_missing(flags)
        rows.append(
            {
                "eid": u.eid,
                "kind": u.kind,
                "num": u.num,
                "parent": u.parent,
                "heading": None if gone else u.heading,
                "text": None if gone else u.text,
                "corpus_heading": u.heading,
                "corpus_text": u.text,
                "flags": flags,
            }
        )
    m = kb.acts[work]
    return {
        "act": work,
        "number": m["number"],
        "expression": expr,
        "lang": lang,
        "as_of": as_of,
        "edition": kb.graph.nodes[expr].get("edition") or {},
        "flagged": sum(1 for r in rows if r["flags"]),
        "units": rows,
    }


@router.get("/{act_id:path}/registers", response_model=TableRowsOut, summary="Register rows of an act")
def act_registers(act_id: str, kb: KbDep, lang: Lang):
    """The rows of the act's registers of positions (position → category), each with the ТКХ
    positions it names (``in_register``)."""
    work = resolve_act(kb, act_id)
    if not any(kb.docs[e].registers for e in kb.expressions(work)):
        raise not_found("no register rows", act_id, "this act has no register of positions")
    return table_rows(kb, work, "register", lang)


@router.get("/{act_id:path}/staffing", response_model=TableRowsOut, summary="Staffing rows of an act")
def act_staffing(act_id: str, kb: KbDep, lang: Lang):
    """The rows of the act's staffing norms (bands or a parsed ``rule``), each with the ТКХ
    positions it staffs (``staffed_by``); as ``/staffing/rows?act=…``."""
    work = resolve_act(kb, act_id)
    if not any(kb.docs[e].staffing for e in kb.expressions(work)):
        raise not_found("no staffing rows", act_id, "this act has no staffing norms")
    return table_rows(kb, work, "staffing", lang)


@router.get(
    "/{act_id:path}/timeline",
    response_model=TimelineOut,
    summary="Dated events of the act or of one unit",
)
def act_timeline(
    act_id: str,
    kb: KbDep,
    lang: Lang,
    unit: Annotated[str | None, Query(description="one unit id (default: the whole act)")] = None,
):
    """The act's editions and, for one unit (default: every unit a note names), its dated events:
    commencement, texts the corpus has, applied amendments, announced editions; the act's repeal,
    and the amending instructions of other corpus acts (``amending_instructions``)."""
    work = resolve_act(kb, act_id)
    fn = lazy("kb.history", "act_timeline", "the timeline (kb.history.act_timeline)")
    return jsonable(fn(kb, work, eid=unit, lang=lang))


@router.get(
    "/{act_id:path}/diff",
    response_model=DiffOut,
    summary="What changed in the act between two dates",
)
def act_diff(
    act_id: str,
    kb: KbDep,
    lang: Lang,
    date_from: Annotated[str | None, Query(alias="from", description="YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, Query(alias="to", description="YYYY-MM-DD, not before from")] = None,
    unchanged: Annotated[bool, Query(description="list unchanged units too")] = False,
    editions: Annotated[bool, Query(description="the editions of the dates as published")] = False,
):
    """One row per unit that differs between the act as of ``from`` and as of ``to``
    (``data``/``count``), with the editions used and the flags of each date, and what happened
    to each position (``positions``: paired by title and content across a renumbering, added or
    excluded by which order).  ``editions=true`` compares the editions of the two dates as published."""
    a, b = date_range(date_from, date_to)
    work = resolve_act(kb, act_id)
    fn = lazy("kb.history", "act_diff", "the act diff (kb.history.act_diff)")
    return jsonable(fn(kb, work, a, b, lang=lang, unchanged=unchanged, editions=editions))


@router.get(
    "/{act_id:path}/parity",
    response_model=ParityOut,
    summary="What the ru and kk texts of the act say differently",
)
def act_parity(act_id: str, kb: KbDep):
    """ru↔kk parity (:mod:`kb.parity`): per position, the referenced acts per language and their
    difference (``positions[].acts``); every unit whose counterpart says something else or that
    one language lacks (``differences``), with both source lines; the structural view
    (``only_ru``/``only_kk``, ``count_mismatches``, ``realigned``)."""
    from kb.queries import NotFound, parity

    work = resolve_act(kb, act_id)
    try:
        return jsonable(parity(kb, work))
    except NotFound:
        raise not_found("no ru and kk texts of act", act_id, "parity needs an act in both languages") from None


@router.get(
    "/{act_id:path}/akn",
    summary="The act as of a date in Akoma Ntoso 3.0 XML",
    response_class=Response,
    responses={200: {"content": {"application/akn+xml": {"schema": {"type": "string", "format": "xml"}}}}},
)
def act_akn(act_id: str, kb: KbDep, as_of: AsOf, lang: Lang):
    from ..akn import to_akn

    work = resolve_act(kb, act_id)
    return Response(to_akn(kb, work, lang, as_of), media_type="application/akn+xml")


@router.get("/{act_id:path}", response_model=ActDetail, summary="An act: metadata, languages, editions")
def get_act(act_id: str, kb: KbDep, lang: OptLang):
    work = resolve_act(kb, act_id)
    g = kb.graph
    m = kb.acts[work]
    exprs = [e for e in kb.expressions(work) if lang is None or g.nodes[e]["lang"] == lang]
    expressions = [
        ExpressionOut(
            id=e,
            lang=g.nodes[e]["lang"],
            edition=g.nodes[e].get("edition") or {},
            format=g.nodes[e].get("format"),
            path=g.nodes[e].get("path"),
            sha256=g.nodes[e].get("sha256"),
        )
        for e in exprs
    ]
    counts = {"positions": 0, "cards": 0}
    for _, _, k in g.out_edges(work, keys=True):
        if k == "defines_position":
            counts["positions"] += 1
        elif k == "defines_card":
            counts["cards"] += 1
    amending: dict[str, dict[str, Any]] = {}
    for e in kb.expressions(work):
        doc = kb.docs[e]
        counts[f"units_{g.nodes[e]['lang']}"] = len(doc.units)
        counts["staffing_rows"] = max(counts.get("staffing_rows", 0), len(doc.staffing))
        counts["register_rows"] = max(counts.get("register_rows", 0), len(doc.registers))
        counts["amendment_notes"] = counts.get("amendment_notes", 0) + len(doc.amendments)
        for note in (f"{e}/!{n.id}" for n in doc.amendments):
            for _, aid, k in g.out_edges(note, keys=True):
                if k == "enacted_by":
                    d = g.nodes[aid]
                    row = amending.setdefault(
                        aid,
                        {
                            "id": aid,
                            "number": d.get("number"),
                            "date": d.get("date"),
                            "issuer": d.get("issuer"),
                            "notes": 0,
                        },
                    )
                    row["notes"] += 1
    return {
        **act_summary(kb, work),
        "issuer": m.get("issuer"),
        "registration": m.get("registration"),
        "expressions": expressions,
        "counts": counts,
        "amending_acts": [
            AmendingAct(**a) for a in sorted(amending.values(), key=lambda a: (a["date"] or "", a["id"]))
        ],
        "repealed": g.nodes[work].get("repealed"),
        "instructions": instructions_of(kb, work),
        "amended_by": amended_by(kb, work),
    }
