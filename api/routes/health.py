"""``/health``: is the service up, and which data does it serve."""

from __future__ import annotations

import os
from collections import Counter

from fastapi import APIRouter, Request

from kb.store import FORMAT_VERSION

from ..context import index_path
from ..deps import KbDep, SettingsDep
from ..schemas import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, summary="Service status, data version, counts")
def health(request: Request, kb: KbDep, settings: SettingsDep):
    kinds = Counter(d.get("kind") for _, d in kb.graph.nodes(data=True))
    counts = {
        "acts": len(kb.acts),
        "expressions": len(kb.docs),
        "units": kinds["unit"],
        "positions": kinds["position"],
        "cards": kinds["card"],
        "referenced_acts": kinds["referenced_act"],
        "amendments": kinds["amendment"],
        "staffing_rows": sum(len(d.staffing) for d in kb.docs.values()),
        "links": len(kb.links),
        "nodes": kb.graph.number_of_nodes(),
        "edges": kb.graph.number_of_edges(),
    }
    try:
        import index.search  # noqa: F401

        searchable = os.path.isdir(index_path(settings.data_dir))
    except ImportError:
        searchable = False
    return {
        "status": "ok",
        "version": request.app.version,
        "data_version": FORMAT_VERSION,
        "built_at": request.app.state.built_at,
        "kb_path": request.app.state.kb_path,
        "corpus_hash": kb.corpus_hash,
        "counts": counts,
        "search": searchable,
    }
