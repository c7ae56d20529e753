"""``/positions``: ТКХ positions, what they must know, their job description and diff.

A position id is its node id (``/akn/kz/act/order/2025-10-24/580-nk/~pos:chp_2__para_12``,
URL-encoded or not), ``<act number>:<unit id>`` (``580-НҚ:chp_2__para_12``), or a title
where it names one position (``580-НҚ:Юрист``, ``Юрист?act=580-НҚ``; several: 409 with the
candidates).  The routes with
a suffix come before ``/positions/{position_id:path}``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from kb.queries import excluded_flag, find_positions, must_know, position_rows

from ..deps import (
    AsOf,
    KbDep,
    Lang,
    OptLang,
    PageDep,
    date_range,
    jsonable,
    lazy,
    resolve_act,
    resolve_position,
)
from ..errors import bad_param
from ..schemas import ERRORS, ListOf, MustKnowOut, PositionDetail, PositionDiffOut, PositionSummary
from ..views import position_brief, position_view

router = APIRouter(prefix="/positions", tags=["positions"], responses=ERRORS)

#: ``act`` of the routes of one position: the act a title is looked up in (``/positions/Юрист?act=580-НҚ``).
ActOfTitle = Annotated[
    str | None, Query(description="when the position is given by its title: the act to look in (580-НҚ)")
]

GROUPS = ("managers", "specialists", "other_employees")
FORMATS = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "json": "application/json",
}
_FORMAT_SCHEMAS = {
    "md": {"type": "string", "description": "Markdown"},
    "html": {"type": "string", "description": "an HTML page"},
    "docx": {"type": "string", "format": "binary", "description": "a Word document (A4)"},
    "json": {"type": "object", "description": "the job description as data", "additionalProperties": True},
}


@router.get("", response_model=ListOf[PositionSummary], summary="Find positions")
def list_positions(
    kb: KbDep,
    page: PageDep,
    q: Annotated[str | None, Query(description="a title (any word order, ru or kk) or a unit id")] = None,
    act: Annotated[str | None, Query(description="an act id or number: 580-НҚ, 360")] = None,
    group: Annotated[str | None, Query(description=" | ".join(GROUPS))] = None,
):
    if group is not None and group not in GROUPS:
        raise bad_param("group", f"group: unknown group {group!r}", hint=", ".join(GROUPS))
    work = resolve_act(kb, act) if act else None
    pids = find_positions(kb, q.strip() if q else None, work, group)
    return page.slice([position_brief(kb, p) for p in pids])


@router.get("/{position_id:path}/must-know", response_model=MustKnowOut, summary="What a position must know")
def position_must_know(position_id: str, kb: KbDep, as_of: AsOf, lang: OptLang, act: ActOfTitle = None):
    """The acts a position must know on ``as_of`` (resolved acts when the KB has them) and the
    other items, each with its flags (``superseded`` when an announced edition is in force)."""
    return must_know(kb, resolve_position(kb, position_id, act), as_of, lang)


@router.get(
    "/{position_id:path}/diff",
    response_model=PositionDiffOut,
    summary="What changed in a position between two dates",
)
def position_diff(
    position_id: str,
    kb: KbDep,
    lang: Lang,
    date_from: Annotated[str | None, Query(alias="from", description="YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, Query(alias="to", description="YYYY-MM-DD, not before from")] = None,
    editions: Annotated[bool, Query(description="the editions of the dates as published")] = False,
    act: ActOfTitle = None,
):
    """The units of the position's Параграф as of ``from`` against as of ``to``, followed across a
    renumbering (``position_change``); ``counts`` are this position's only."""
    a, b = date_range(date_from, date_to)
    pid = resolve_position(kb, position_id, act)
    fn = lazy("kb.history", "position_diff", "the position diff (kb.history.position_diff)")
    return jsonable(fn(kb, pid, a, b, lang=lang, editions=editions))


@router.get(
    "/{position_id:path}/job-description",
    summary="A draft job description (должностная инструкция)",
    response_class=Response,
    responses={200: {"content": {t: {"schema": _FORMAT_SCHEMAS[f]} for f, t in FORMATS.items()}}},
)
def job_description(
    position_id: str,
    kb: KbDep,
    as_of: AsOf,
    lang: Lang,
    format: Annotated[str, Query(description="md | html | docx | json")] = "md",
    act: ActOfTitle = None,
):
    """A draft должностная инструкция (ru) / лауазымдық нұсқаулық (kk) resting on the position's
    ТКХ: duties, must-know, qualification requirements, and, where a profession card corresponds,
    its labour functions and skills as an optional section.  Every line cites its source unit;
    units whose text in force on ``as_of`` is not in the corpus are marked, not used silently."""
    from ..jobdesc import build_job_description, render

    if format not in FORMATS:
        raise bad_param("format", f"format: unknown format {format!r}", hint=" | ".join(FORMATS))
    jd = build_job_description(kb, resolve_position(kb, position_id, act), lang, as_of)
    body = render(jd, format)
    headers = {}
    if format == "docx":
        headers["Content-Disposition"] = f'attachment; filename="{jd["filename"]}.docx"'
    return Response(body, media_type=FORMATS[format], headers=headers)


@router.get("/{position_id:path}", response_model=PositionDetail, summary="A position as of a date")
def get_position(position_id: str, kb: KbDep, as_of: AsOf, lang: Lang, act: ActOfTitle = None):
    """Title, duties, must-know items and requirements in ``lang`` on ``as_of``, with flags, and
    the links to staffing rows, register rows (``in_register``, with the category), profession
    cards and same-title positions.  An excluded Параграф has ``excluded`` and an ``excluded`` flag."""
    pid = resolve_position(kb, position_id, act)
    view = position_view(kb, pid, lang, as_of)
    # rows of registers naming the position, with their category (kb.links ``in_register``)
    view["links"] = [*view["links"], *position_rows(kb, pid, "in_register")]
    view["excluded"] = kb.graph.nodes[pid].get("excluded")
    if view["excluded"]:
        view["flags"] = [*view["flags"], excluded_flag(view["excluded"])]
    return view
