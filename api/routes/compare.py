"""``/compare``: side-by-side comparison of two positions (an adapter to :mod:`kb.diff`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ..deps import AsOf, KbDep, Lang, jsonable, lazy, resolve_position
from ..errors import bad_param
from ..schemas import ERRORS

router = APIRouter(prefix="/compare", tags=["compare"], responses=ERRORS)


@router.get("/positions", summary="Compare two positions (duties, must-know, requirements)")
def compare_positions(
    kb: KbDep, as_of: AsOf, lang: Lang,
    a: Annotated[str | None, Query(description="a position id or <act number>:<unit id>")] = None,
    b: Annotated[str | None, Query(description="a position id or <act number>:<unit id>")] = None,
):
    for name, value in (("a", a), ("b", b)):
        if not value or not value.strip():
            raise bad_param(name, f"{name}: a position is required", hint="a=580-НҚ:chp_2__para_5&b=360:chp_2__para_3")
    pa, pb = resolve_position(kb, a), resolve_position(kb, b)
    fn = lazy("kb.diff", "compare_positions", "the position comparison (kb.diff.compare_positions)")
    return jsonable(fn(kb, pa, pb, as_of=as_of, lang=lang))
