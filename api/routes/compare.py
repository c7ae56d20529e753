"""``/compare``: two positions side by side (an adapter to :func:`kb.history.compare_positions`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ..deps import AsOf, KbDep, Lang, jsonable, lazy, resolve_position
from ..errors import bad_param
from ..schemas import ERRORS, CompareOut

router = APIRouter(prefix="/compare", tags=["compare"], responses=ERRORS)


@router.get(
    "/positions",
    response_model=CompareOut,
    summary="Compare two positions (duties, must-know, requirements)",
)
def compare_positions(
    kb: KbDep,
    as_of: AsOf,
    lang: Lang,
    a: Annotated[str | None, Query(description="a position id or <act number>:<unit id>")] = None,
    b: Annotated[str | None, Query(description="a position id or <act number>:<unit id>")] = None,
):
    for name, value in (("a", a), ("b", b)):
        if not value or not value.strip():
            raise bad_param(
                name, f"{name}: a position is required", hint="a=580-НҚ:chp_2__para_5&b=360:chp_2__para_3"
            )
    """Duties, must-know items (matched through the acts they cite) and requirements: added,
    removed, common, changed; with each side's flags on ``as_of``."""
    pa, pb = resolve_position(kb, a), resolve_position(kb, b)
    fn = lazy("kb.history", "compare_positions", "the position comparison (kb.history.compare_positions)")
    return jsonable(fn(kb, pa, pb, lang=lang, as_of_date=as_of))
