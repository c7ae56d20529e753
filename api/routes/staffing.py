"""``/staffing``: the minimal staffing of a Family Support Centre for a daily load.

The staffing norms (annex to the Rules, order 256-НҚ) give, per position, either units for three
bands of visits per day (до 50 / 51-100 / свыше 100) or one rule ("1 единица на учреждение",
"согласно типовым нормативам").  :func:`minimal_staffing` picks the band for ``N`` visits and
reads every row; each row links to the ТКХ positions it staffs (``kb.links`` type ``staffed_by``)
and carries its node id (``unit_id``) and where it was read (``source``: file, first and last line).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from kb import ids
from kb.build import KB
from kb.graphstore import doc_counts
from kb.queries import table_rows, unit_flags

from ..deps import AsOf, KbDep, resolve_act
from ..errors import not_found
from ..schemas import ERRORS, StaffingOut, StaffingRowsOut
from ..views import expression_for, links_of

router = APIRouter(tags=["staffing"], responses=ERRORS)

BANDS = ("до 50", "51-100", "свыше 100")


def band_for(visits: int) -> str:
    """The band of a daily load.

    >>> band_for(50), band_for(51), band_for(100), band_for(101)
    ('до 50', '51-100', '51-100', 'свыше 100')
    """
    if visits < 0:
        raise ValueError(f"visits_per_day: expected 0 or more, got {visits}")
    return BANDS[0] if visits <= 50 else BANDS[1] if visits <= 100 else BANDS[2]


def staffing_acts(kb: KB) -> list[str]:
    """Acts with staffing rows; those whose rows have load bands (the Family Support Centre
    table) first, so that the default never answers from a table of norms without bands
    (order 86's rows carry a ``rule`` only)."""
    works: dict[str, bool] = {}
    for e, c in doc_counts(kb).items():
        if c["staffing_rows"]:
            w = kb.graph.nodes[e]["work"]
            works[w] = works.get(w, False) or c["staffing_bands"]
    return sorted(works, key=lambda w: (not works[w], w))


def _position_flags(kb: KB, links: list[dict[str, Any]], as_of: str) -> list[dict[str, Any]]:
    """Each staffed position with its own flags on ``as_of`` (:func:`kb.versions.position_flags`:
    the ТКХ not yet in force or its commencement uncertain, an edition pending …)."""
    from kb.versions import position_flags

    out = []
    for link in links:
        d = kb.graph.nodes.get(link["id"], {})
        exprs = kb.expressions(d["work"]) if d.get("kind") == "position" else []
        flags = position_flags(kb, exprs[-1], d["eid"], as_of) if exprs else []
        out.append(dict(link, flags=flags))
    return out


def minimal_staffing(kb: KB, visits: int, as_of: str, act: str | None = None) -> dict[str, Any]:
    """The rows of the staffing norms for ``visits`` a day on ``as_of``."""
    band = band_for(visits)
    works = staffing_acts(kb)
    if act and act not in works:
        raise not_found("no staffing norms", act, "acts with staffing rows: " + ", ".join(works))
    if not works:
        raise not_found("no staffing norms", act or "", "the corpus has no act with a staffing table")
    work = act or works[0]  # one act's rows, never two acts' mixed
    expr = expression_for(kb, work, "ru", as_of)
    rows = []
    total = 0.0
    for row in kb.docs[expr].staffing:
        if row.get("row_kind") not in (None, "position"):
            continue  # a header or a group heading of a table of norms
        rid = ids.unit_id(expr, row["eid"])
        out = {
            "eid": row["eid"],
            "unit_id": rid,
            "source": row.get("span"),  # file and line span of the row in the corpus
            "num": row.get("num"),
            "position": row.get("position") or "",
            "section": row.get("section"),
            "positions": _position_flags(kb, links_of(kb, rid, ("staffed_by",)), as_of),
            "flags": unit_flags(kb, expr, row["eid"], as_of),
            "band": None,
            "cell": None,
            "rule": None,
        }
        if row.get("bands"):
            out.update(
                basis="band", band=band, cell=(row.get("cells") or {}).get(band), units=row["bands"].get(band)
            )
        else:
            rule = row.get("rule") or {}
            units = rule.get("units") if rule.get("per") == "institution" else None
            out.update(basis="rule", rule=rule, units=units)
        if out["units"] is not None:
            total += out["units"]
        rows.append(out)
    return {
        "visits_per_day": visits,
        "band": band,
        "as_of": as_of,
        "act": work,
        "act_number": kb.acts[work]["number"],
        "expression": expr,
        "total_units": total,
        "rows": rows,
    }


@router.get("/staffing/rows", response_model=StaffingRowsOut, summary="The staffing rows of an act")
def staffing_rows(
    kb: KbDep,
    act: Annotated[
        str | None, Query(description="an act id or number (default: every act with staffing rows)")
    ] = None,
    lang: Annotated[str, Query(description="ru or kk")] = "ru",
):
    """Every row of the act's tables of staffing norms (order 86's norms: the parsed ``rule``;
    the Rules' band table: its ``bands``), with the ТКХ positions each row staffs.  ``data`` holds
    one entry per act: rows of different acts are never mixed."""
    works = [resolve_act(kb, act)] if act else staffing_acts(kb)
    for w in works:
        if w not in staffing_acts(kb):
            hint = "acts with staffing rows: " + ", ".join(staffing_acts(kb))
            raise not_found("no staffing rows", act or w, hint)
    data = [table_rows(kb, w, "staffing", lang) for w in works]
    return {"data": data, "count": len(data)}


@router.get("/staffing", response_model=StaffingOut, summary="Minimal staffing of a Family Support Centre")
def staffing(
    kb: KbDep,
    as_of: AsOf,
    visits_per_day: Annotated[int, Query(ge=0, description="visits per day, 0 or more")],
    act: Annotated[
        str | None, Query(description="the act with the norms (default: the one in the corpus)")
    ] = None,
):
    """Each row with the band chosen (до 50 for N ≤ 50, 51-100, свыше 100) or the rule used, its
    units (null when the rule names none, or counts per vehicle), and the ТКХ positions it staffs.
    Default act: the one whose rows have load bands; ``act`` picks another (its rules only)."""
    return minimal_staffing(kb, visits_per_day, as_of, resolve_act(kb, act) if act else None)
