"""The fixed query set (``bench/queries.tsv``) and the check of its expectations.

Columns, tab-separated: ``lang`` (ru / kk, passed as ``lang=``), ``query`` (the query
language of :mod:`index.querying`, filters such as ``act:360`` included), ``as_of`` (a date or
empty) and ``expect`` (empty, or a unit id or a substring that must be among the top 10 hits).
Lines starting with ``#`` are comments; quotes in a query are kept as they are (no CSV quoting).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

__all__ = ["QUERIES_FILE", "Query", "expectation_met", "load_queries"]

QUERIES_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "queries.tsv")
COLUMNS = ("lang", "query", "as_of", "expect")
_TAG = re.compile(r"</?b>")


@dataclass(frozen=True)
class Query:
    line: int
    lang: str
    text: str
    as_of: str | None
    expect: str | None


def load_queries(path: str = QUERIES_FILE) -> list[Query]:
    """The queries of ``path``; a malformed line raises ``ValueError`` naming it."""
    out = []
    with open(path, encoding="utf-8") as fh:
        rows = fh.read().splitlines()
    header = None
    for n, row in enumerate(rows, 1):
        if not row.strip() or row.startswith("#"):
            continue
        cells = row.split("\t")
        if header is None:
            header = tuple(c.strip() for c in cells)
            if header != COLUMNS:
                raise ValueError(
                    f"{path}:{n}: expected the header {' | '.join(COLUMNS)}, got {' | '.join(header)}"
                )
            continue
        cells += [""] * (len(COLUMNS) - len(cells))
        if len(cells) != len(COLUMNS) or cells[0] not in ("ru", "kk") or not cells[1].strip():
            raise ValueError(f"{path}:{n}: expected lang (ru|kk), query, as_of, expect separated by tabs")
        out.append(Query(n, cells[0], cells[1].strip(), cells[2].strip() or None, cells[3].strip() or None))
    return out


def expectation_met(expect: str, hits: list[dict[str, Any]]) -> bool:
    """Whether a top hit has the unit id ``expect``, or shows it (case-insensitive) in its
    snippet or breadcrumb."""
    needle = expect.lower()
    for h in hits[:10]:
        if h.get("unit_id") == expect:
            return True
        shown = _TAG.sub("", h.get("snippet") or "") + " " + (h.get("breadcrumb") or "")
        if needle in shown.lower():
            return True
    return False
