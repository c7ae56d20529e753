"""``/professions``: profession cards of the professional standards, with their labour
functions, skills, abilities and knowledge, and the ТКХ positions they correspond to."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from kb import ids
from kb.build import KB
from kb.graphstore import nodes_of_kind
from kb.links import norm_title
from kb.queries import unit_flags

from ..deps import AsOf, KbDep, PageDep, resolve_card
from ..schemas import ERRORS, ListOf, ProfessionDetail, ProfessionSummary
from ..views import expression_for, links_of

router = APIRouter(prefix="/professions", tags=["professions"], responses=ERRORS)


def card_summary(kb: KB, cid: str, as_of: str) -> dict[str, Any]:
    d = kb.graph.nodes[cid]
    card = d["card"]
    expr = expression_for(kb, d["work"], d.get("lang") or "ru", as_of)
    # a card read from a table (``…__table_1__card_2``) is no unit: its flags are the table's
    anchor = card["id"]
    if ids.unit_id(expr, anchor) not in kb.graph and "__card_" in anchor:
        anchor = anchor.rsplit("__card_", 1)[0]
    return {
        "flags": unit_flags(kb, expr, anchor, as_of),
        "id": cid,
        "card_id": card["id"],
        "num": card.get("num"),
        "name": card.get("name") or card.get("profession"),
        "okr_level": card.get("okr_level"),
        "group_code": card.get("group_code"),
        "occupation_code": card.get("occupation_code"),
        "act": d["work"],
        "act_number": kb.acts[d["work"]]["number"],
        "functions": len(card.get("functions", [])),
        "positions": links_of(kb, cid, ("corresponds_to",)),
    }


@router.get("", response_model=ListOf[ProfessionSummary], summary="List the profession cards")
def list_professions(
    kb: KbDep,
    page: PageDep,
    as_of: AsOf,
    q: Annotated[str | None, Query(description="a fragment of the profession's name")] = None,
):
    g = kb.graph
    cids = sorted(
        (n for n, _ in nodes_of_kind(g, "card")),
        key=lambda n: (g.nodes[n]["work"], int(g.nodes[n]["card"].get("num") or 0), n),
    )
    if q and q.strip():
        nq = norm_title(q)
        cids = [
            c
            for c in cids
            if nq in norm_title(g.nodes[c]["card"].get("name") or g.nodes[c]["card"].get("profession") or "")
        ]
    return page.slice([card_summary(kb, c, as_of) for c in cids])


@router.get("/{card_id:path}", response_model=ProfessionDetail, summary="A profession card")
def get_profession(card_id: str, kb: KbDep, as_of: AsOf):
    """The card as parsed (functions → skills → abilities / knowledge, with their unit ids), the
    ТКХ positions it corresponds to (``kb.links`` type ``corresponds_to``), and the card's flags on
    ``as_of`` (a card restated by an edition whose text is not in the corpus is ``superseded``)."""
    cid = resolve_card(kb, card_id)
    return {**card_summary(kb, cid, as_of), "card": kb.graph.nodes[cid]["card"]}
