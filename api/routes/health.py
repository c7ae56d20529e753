"""``/health``: is the service up, and which data does it serve."""

from __future__ import annotations

import os

from fastapi import APIRouter, Request

from kb.graphstore import doc_counts, kind_counts
from kb.store import FORMAT_VERSION

from ..context import index_path
from ..deps import KbDep, SettingsDep
from ..schemas import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, summary="Service status, data version, counts")
def health(request: Request, kb: KbDep, settings: SettingsDep):
    return {**_static(kb), "status": "ok", "version": request.app.version, "built_at": request.app.state.built_at,
            "kb_path": request.app.state.kb_path, "search": _searchable(settings)}


# Counting the graph walks every node (362k at ×100): done once per loaded KB, since load
# balancers call /health often.
_COUNTS: dict[int, tuple[object, dict]] = {}


def _static(kb) -> dict:
    hit = _COUNTS.get(id(kb))
    if hit is None or hit[0] is not kb:
        hit = _COUNTS[id(kb)] = (kb, _count(kb))
    return hit[1]


def _searchable(settings) -> bool:
    try:
        import index.search  # noqa: F401
    except ImportError:
        return False
    return os.path.isdir(index_path(settings.data_dir))


def _count(kb) -> dict:
    kinds = kind_counts(kb.graph)
    counts = {
        "acts": len(kb.acts),
        "expressions": len(kb.docs),
        "units": kinds.get("unit", 0),
        "positions": kinds.get("position", 0),
        "cards": kinds.get("card", 0),
        "referenced_acts": kinds.get("referenced_act", 0),
        "amendments": kinds.get("amendment", 0),
        "staffing_rows": sum(c["staffing_rows"] for c in doc_counts(kb).values()),
        "links": len(kb.links),
        "nodes": kb.graph.number_of_nodes(),
        "edges": kb.graph.number_of_edges(),
    }
    return {"data_version": FORMAT_VERSION, "corpus_hash": kb.corpus_hash, "counts": counts}
