"""Persist the built knowledge base to one file, and open it back without loading it.

The file is an SQLite store (:mod:`kb.graphstore`): the graph's nodes and edges, the parsed
documents, editions, referenced acts and links as rows.  :func:`load` opens it read-only and
reads on demand (:class:`kb.graphstore.StoredKB`, a twin of :class:`kb.build.KB`), so a server
starts in the time it takes to open a file.  Building is deterministic and nothing unordered
goes into the KB, so the same corpus gives the same rows.  Writes are atomic: a temporary file
in the same folder, then ``os.replace``.  Beside the file, ``parse-cache/`` holds the texts'
parses (:mod:`kb.parse_cache`), so a rebuild parses only the texts that changed.
"""

from __future__ import annotations

import os
import time

from . import graphstore
from .build import KB, build
from .parse_cache import FOLDER as PARSE_CACHE
from .parse_cache import ParseCache

FILENAME = "kb.sqlite"
FORMAT_VERSION = 5  # bump when the KB layout changes: older files are rebuilt


def save(kb: KB, path: str) -> str:
    """Store ``kb`` at ``path`` (atomic: the old file stays whole when anything fails)."""
    return graphstore.write(kb, path, {"format": str(FORMAT_VERSION)})


def load(path: str) -> graphstore.StoredKB:
    """The stored KB, opened read-only; its parts are read when asked for.  FileNotFoundError
    when there is none; :class:`kb.graphstore.NotCurrent` (a ValueError) when it is of another
    format or program; :class:`kb.graphstore.StoreError` (a ValueError) when it is damaged."""
    try:
        return graphstore.open_kb(path, FORMAT_VERSION)
    except FileNotFoundError:
        raise FileNotFoundError(f"{path}: no built knowledge base here; run `zangraph build` first") from None


def parse_cache_folder(path: str) -> str:
    """The parse cache beside the KB file ``path`` (:mod:`kb.parse_cache`)."""
    return os.path.join(os.path.dirname(os.path.abspath(path)), PARSE_CACHE)


def build_and_save(corpus: str, path: str, progress=None, use_cache: bool = True,
                   stats: dict | None = None) -> tuple[KB, float]:
    """Build the KB from ``corpus`` and store it at ``path``; the texts' parses are reused from
    (and stored to) the parse cache beside it unless ``use_cache`` is false.  ``stats`` receives
    what :func:`kb.build.build` reports (texts parsed and from the cache)."""
    t0 = time.perf_counter()
    cache = ParseCache(parse_cache_folder(path)) if use_cache else None
    kb = build(corpus, progress, cache=cache, stats=stats)
    save(kb, path)
    return kb, time.perf_counter() - t0


def load_current(path: str, corpus: str) -> graphstore.StoredKB | None:
    """The stored KB when it exists, has this code's format and was built from this corpus;
    None otherwise (then it is to be rebuilt).  Only the store's meta table is read to decide.
    A damaged file raises :class:`kb.graphstore.StoreError` with what to do."""
    from parser.corpus import corpus_hash, read_corpus

    try:
        meta = graphstore.read_meta(path)
    except (FileNotFoundError, graphstore.NotCurrent):
        return None
    if meta.get("format") != str(FORMAT_VERSION):
        return None
    if meta.get("corpus_hash") != corpus_hash(read_corpus(corpus)):
        return None
    return load(path)
