"""Persist the built knowledge base to one file, and load it back fast.

The file is a pickle of :class:`kb.build.KB` (protocol 5).  Building is deterministic
and nothing unordered goes into the KB, so the same corpus gives byte-identical files.
Writes are atomic: a temporary file in the same folder, then ``os.replace``.  Beside the
file, ``parse-cache/`` holds the texts' parses (:mod:`kb.parse_cache`), so a rebuild parses
only the texts that changed.
"""

from __future__ import annotations

import os
import pickle
import tempfile
import time

from .build import KB, build
from .parse_cache import FOLDER as PARSE_CACHE
from .parse_cache import ParseCache

FILENAME = "kb.pickle"
FORMAT_VERSION = 3  # bump when the KB layout changes: older files are rebuilt


def save(kb: KB, path: str) -> str:
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".kb-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump((FORMAT_VERSION, kb), fh, protocol=5)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


def load(path: str) -> KB:
    try:
        with open(path, "rb") as fh:
            version, kb = pickle.load(fh)
    except FileNotFoundError:
        raise FileNotFoundError(f"{path}: no built knowledge base here; run `zangraph build` first") from None
    if version != FORMAT_VERSION:
        raise ValueError(f"{path}: built by another zangraph version (format {version}, expected {FORMAT_VERSION}); rebuild")
    return kb


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


def load_current(path: str, corpus: str) -> KB | None:
    """The stored KB when it exists, has this code's format and was built from this corpus;
    None otherwise (then it is to be rebuilt)."""
    from parser.corpus import corpus_hash, read_corpus

    try:
        kb = load(path)
    except (FileNotFoundError, ValueError, pickle.UnpicklingError, AttributeError, EOFError, ImportError):
        return None
    return kb if kb.corpus_hash == corpus_hash(read_corpus(corpus)) else None
