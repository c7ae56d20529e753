"""CLI hooks for the index (the ``zangraph`` argparse wiring lives in :mod:`api.cli`).

``run_build`` builds the index and returns timings; ``run_search`` returns the text to print:
a readable list of hits, or JSON with ``as_json``.  Both raise ``ValueError`` for bad input
(the caller prints the message and exits non-zero).
"""

from __future__ import annotations

import html
import json
import re
import time
from typing import Any

from .build import build_index
from .search import search

__all__ = ["format_hits", "run_build", "run_search"]


def run_build(kb, data_dir: str) -> dict[str, Any]:
    """Build ``data_dir/index`` from ``kb``: ``{"path", "documents", "seconds"}``."""
    t0 = time.perf_counter()
    stats: dict[str, Any] = {}
    path = build_index(kb, data_dir, stats)
    return {"path": path, "documents": stats["documents"], "seconds": round(time.perf_counter() - t0, 3)}


def run_search(ix_path: str, kb, query: str, lang: str | None = None, as_of: str | None = None,
               kind: str | None = None, act: str | None = None, limit: int = 10,
               as_json: bool = False) -> str:
    """Search and render: JSON ``{"query", "total", "hits", "facets", "did_you_mean"}`` or text."""
    t0 = time.perf_counter()
    res = search(ix_path, query, lang=lang, as_of=as_of, kind=kind, act=act, limit=limit, kb=kb)
    ms = (time.perf_counter() - t0) * 1000
    if as_json:
        keep = ("unit_id", "act", "lang", "position_id", "kind", "snippet", "score", "flags")
        out = {"query": res["query"], "total": res["total"],
               "hits": [{k: h.get(k) for k in keep} for h in res["hits"]],
               "facets": res["facets"], "did_you_mean": res["did_you_mean"]}
        return json.dumps(out, ensure_ascii=False, indent=2)
    return format_hits(res, ms)


_BOLD = re.compile(r"</?b>")


def _plain(snippet: str) -> str:
    """``<b>кодекс</b>`` → ``**кодекс**``, entities unescaped."""
    return html.unescape(_BOLD.sub("**", snippet))


def format_hits(res: dict[str, Any], ms: float | None = None) -> str:
    """The readable rendering of a :func:`index.search.search` result."""
    head = f"{res['total']} hits for {res['query']!r}"
    if res.get("as_of"):
        head += f" as of {res['as_of']}"
    if ms is not None:
        head += f" ({ms:.0f} ms)"
    lines = [head]
    if res.get("did_you_mean"):
        lines.append(f"Did you mean: {res['did_you_mean']}?")
    for i, h in enumerate(res["hits"], res.get("offset", 0) + 1):
        where = h.get("breadcrumb") or h["unit_id"]
        lines.append(f"{i:3}. [{h['lang']}] {where}  ({h['kind']}, {h['score']})")
        lines.append(f"     {_plain(h['snippet'])}")
        for f in h.get("flags") or []:
            lines.append(f"     ! {f.get('kind')}: {f.get('message', '')}")
        if h.get("aligned"):
            a = h["aligned"]
            lines.append(f"     [{a['lang']}] {a['text'][:160]}")
    for name, counts in res.get("facets", {}).items():
        if counts:
            lines.append(f"{name}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return "\n".join(lines)
