"""A cache of parsed texts in the data folder, so a build parses only new or changed texts.

Each expression's :class:`~parser.models.Document` is pickled under a key that is the sha256
of everything its parse reads (see :func:`parse_key`):

* the text's bytes (``act.json``'s ``sha256``, which :func:`parser.corpus.read_act` has just
  checked against the file);
* the sidecar ``meta.yaml`` (its name and bytes), when there is one;
* the ``act.json`` fields the parse uses: the expression's ``lang`` and ``format``, the act's
  ``subject``;
* the path the Document cites (relative to the current folder, as :func:`parser.pipeline.parse_path`
  writes it into every span);
* the parser's version: a hash of the parser package's source files, with the Python
  version and the versions of the libraries the parser calls (spaCy's tokenizer, lxml, PyYAML).

``kb/data/acts.json`` (the registry of referenced acts) is not part of the key: the parser
never reads it; the KB resolves references after parsing (:mod:`kb.refacts`), on every build.

An entry that cannot be read back (truncated, corrupt, pickled by another Python or by
classes that changed shape) counts as a miss: the text is parsed again and the entry
rewritten.  A cache hit gives the same Document as a parse, so the cache never changes an
answer.  Writes are atomic (a temporary file, then ``os.replace``); entries of texts no longer
in the corpus stay (they are small, and another corpus
built into the same data folder may still use them).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass, field
from typing import Any

from parser.corpus import Act, Expression
from parser.models import Document
from parser.pipeline import _rel, parse_path

FOLDER = "parse-cache"  # under the data folder, beside kb.pickle
FORMAT = 1  # bump when the entry layout changes: every older entry becomes a miss
_LIBRARIES = ("spacy", "lxml", "PyYAML")


@functools.cache
def parser_version() -> str:
    """A hash of the parser package's source files (name and bytes, in name order), the
    Python version and the versions of the libraries the parser uses."""
    import parser as package

    digest = hashlib.sha256()
    root = os.path.dirname(os.path.abspath(package.__file__))
    for name in sorted(os.listdir(root)):
        if name.endswith(".py"):
            with open(os.path.join(root, name), "rb") as fh:
                digest.update(name.encode() + b"\0" + fh.read() + b"\0")
    digest.update(f"python {sys.version_info[0]}.{sys.version_info[1]}".encode())
    for lib in _LIBRARIES:
        digest.update(f"\0{lib} {_version(lib)}".encode())
    return digest.hexdigest()


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "-"


def parse_key(act: Act, expr: Expression) -> str:
    """The cache key of one expression: the sha256 of what its parse depends on."""
    from parser.requisites import sidecar_meta

    side = sidecar_meta(expr.path)
    side_part = None
    if side is not None:
        with open(side, "rb") as fh:
            side_part = [os.path.basename(side), hashlib.sha256(fh.read()).hexdigest()]
    parts = {
        "format": FORMAT,
        "parser": parser_version(),
        "text": expr.sha256,
        "sidecar": side_part,
        "lang": expr.lang,
        "source_format": expr.format,
        "subject": act.meta.get("subject"),
        "path": _rel(expr.path),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


@dataclass
class ParseStats:
    """What a build did with its texts: parsed (a miss), loaded from the cache (a hit), and the
    entries that were there but unreadable (each also counted as parsed)."""

    parsed: list[str] = field(default_factory=list)  # paths of texts parsed
    cached: list[str] = field(default_factory=list)  # paths of texts loaded from the cache
    unreadable: list[str] = field(default_factory=list)  # entry files that failed to load
    parse_seconds: float = 0.0  # time in parse_path
    load_seconds: float = 0.0  # time reading entries (hits and failed reads)
    store_seconds: float = 0.0  # time writing entries

    def as_json(self) -> dict[str, Any]:
        return {"parsed": len(self.parsed), "cached": len(self.cached), "unreadable": len(self.unreadable),
                "parse_seconds": round(self.parse_seconds, 3), "load_seconds": round(self.load_seconds, 3),
                "store_seconds": round(self.store_seconds, 3), "parsed_paths": list(self.parsed)}


class ParseCache:
    """Parsed Documents stored in ``folder`` (``<key[:2]>/<key>.pickle``)."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.stats = ParseStats()

    def path(self, key: str) -> str:
        return os.path.join(self.folder, key[:2], f"{key}.pickle")

    def get(self, key: str) -> Document | None:
        """The stored Document, or None when there is none or it cannot be read back."""
        path = self.path(key)
        try:
            with open(path, "rb") as fh:
                fmt, stored_key, doc = pickle.load(fh)
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001 - any unreadable entry is a miss, never a crash
            self.stats.unreadable.append(path)
            return None
        if fmt != FORMAT or stored_key != key or not isinstance(doc, Document):
            self.stats.unreadable.append(path)
            return None
        return doc

    def put(self, key: str, doc: Document) -> None:
        """Store ``doc`` atomically; a folder that cannot be written only loses the cache."""
        write_entry(self.path(key), (FORMAT, key, doc))

    def parse(self, act: Act, expr: Expression, key: str | None = None) -> Document:
        """The Document of ``expr``: from the cache when its key is there, else parsed and stored.
        ``key`` is its :func:`parse_key` when the caller has it already.

        The entry is written right after the parse, before the KB build touches the Document."""
        import time

        key = key or parse_key(act, expr)
        t0 = time.perf_counter()
        doc = self.get(key)
        self.stats.load_seconds += time.perf_counter() - t0
        if doc is not None:
            self.stats.cached.append(expr.path)
            return doc
        t0 = time.perf_counter()
        doc = parse_path(expr.path)
        self.stats.parse_seconds += time.perf_counter() - t0
        self.stats.parsed.append(expr.path)
        t0 = time.perf_counter()
        self.put(key, doc)
        self.stats.store_seconds += time.perf_counter() - t0
        return doc


def write_entry(path: str, entry: Any) -> None:
    """Pickle ``entry`` to ``path`` atomically (a temporary file, then ``os.replace``); a folder
    that cannot be written, or a full disk, only loses the cache entry."""
    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".entry-", dir=folder)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(entry, fh, protocol=5)
        os.replace(tmp, path)
    except Exception:  # noqa: BLE001 - e.g. a full disk: the build goes on without the entry
        if os.path.exists(tmp):
            os.unlink(tmp)
