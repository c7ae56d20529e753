"""``/referenced-acts``: the acts that must-know items cite (codes, laws), and who must know them.

Ids such as ``kz/code/labour`` contain slashes: the routes take them with a path converter,
the ``/positions`` suffix route first.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from kb.build import KB
from kb.graphstore import nodes_of_kind
from kb.links import norm_title
from kb.queries import who_must_know
from kb.status import status_of

from ..deps import AsOf, KbDep, PageDep, resolve_referenced_act
from ..schemas import ERRORS, ListOf, ReferencedAct, WhoMustKnowOut

router = APIRouter(prefix="/referenced-acts", tags=["referenced acts"], responses=ERRORS)


def _summary(kb: KB, nid: str) -> dict[str, Any]:
    g = kb.graph
    d = g.nodes[nid]
    positions = {
        pid
        for unit, _, k in g.in_edges(nid, keys=True)
        if k == "cites"
        for pid, _, k2 in g.in_edges(unit, keys=True)
        if k2 == "must_know_item"
    }
    return {
        "id": d["ref"],
        "name_ru": d.get("name_ru"),
        "name_kk": d.get("name_kk"),
        "aliases": list(d.get("aliases") or []),
        "positions": len(positions),
        "status": status_of(d["ref"]),
    }


@router.get("", response_model=ListOf[ReferencedAct], summary="List the referenced acts")
def list_referenced_acts(
    kb: KbDep, page: PageDep, q: Annotated[str | None, Query(description="a name fragment, ru or kk")] = None
):
    g = kb.graph
    nids = sorted(n for n, _ in nodes_of_kind(g, "referenced_act"))
    if q and q.strip():
        nq = norm_title(q)
        nids = [
            n
            for n in nids
            if any(
                nq in norm_title(x or "")
                for x in (
                    g.nodes[n].get("name_ru"),
                    g.nodes[n].get("name_kk"),
                    g.nodes[n]["ref"],
                    *(g.nodes[n].get("aliases") or []),
                )
            )
        ]
    return page.slice([_summary(kb, n) for n in nids])


@router.get(
    "/{ref_id:path}/positions", response_model=WhoMustKnowOut, summary="Who must know a referenced act"
)
def referenced_act_positions(ref_id: str, kb: KbDep, as_of: AsOf):
    """Positions, across all orders, with a must-know item citing the act, with flags on ``as_of``."""
    return who_must_know(kb, resolve_referenced_act(kb, ref_id), as_of)


@router.get("/{ref_id:path}", response_model=ReferencedAct, summary="A referenced act")
def get_referenced_act(ref_id: str, kb: KbDep):
    return _summary(kb, resolve_referenced_act(kb, ref_id))
