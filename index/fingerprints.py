"""One digest per act of everything its index documents are made of, so a build re-indexes only
the acts whose documents may have changed.

An act's documents (:func:`index.build.act_records`) read:

* the act's own nodes — its act node (``repealed``, ``instructions``), expressions, units
  (text, heading, roles, staffing, exclusions), positions, cards and notes — and its
  ``act.json`` (``kb.acts``) and editions (``kb.editions``, their dates and windows);
* the edges of :data:`READ_EDGES` at its units: ``contains`` (the breadcrumb's chain),
  ``aligned_with`` (an end announced in the other language), ``staffed_by`` (the position a
  staffing row staffs: possibly another act's, whose title and group the row shows) and
  ``cites`` (the acts a unit cites: their names and statuses in the flags);
* for such an edge from or to a node that is not the act's own, what they read of that node
  (a position of another act: its group and titles; a referenced act ``ref:…``: its id and
  names), and for a cited act its status in the registry (:func:`kb.status.status_of`,
  ``kb/data/acts.json``).

:func:`act_fingerprints` hashes exactly those, so a change anywhere that changes an act's
documents changes its digest (an edge from a new staffing order, a new name of a cited act, a
registry status), and a change elsewhere does not (a ``same_title`` link between two orders'
positions, a new alias of a cited act: not read).  A record that starts reading something new
must add it here; the tests in ``tests/test_index_incremental.py`` change a staffing link and
check the act is re-indexed.

The digest may also change when the documents do not (the act node lists the act's amending
instructions): the build then computes the act's documents, finds them equal
(:func:`records_digest`) and keeps the indexed ones.

:func:`code_version` is the other half: the code that turns these inputs into documents (the
``index`` and ``kb`` packages, the analysers' data and libraries).  Another code version means
a full rebuild.
"""

from __future__ import annotations

import functools
import hashlib
import json
import marshal
import os
import pickle
import sys
from collections.abc import Iterable
from typing import Any

__all__ = ["READ_EDGES", "act_fingerprints", "code_version", "owner", "records_digest"]

#: The edge types the documents of an act read (see the module docstring) -> the attributes they
#: read of a node at the other end that is not the act's own (``None``: all of them).  A
#: referenced act's other attributes (the aliases every text's mentions add to) are not read.
READ_EDGES: dict[str, tuple[str, ...] | None] = {
    "contains": None,
    "aligned_with": None,
    "staffed_by": ("work", "group", "titles"),  # the position a staffing row staffs
    "cites": ("ref", "name_ru", "name_kk"),  # the act a unit cites (and its status, by "ref")
}

_WORK_PARTS = 7  # "/akn/kz/act/<subtype>/<date>/<number>".split("/") has 7 parts (the first empty)

#: Libraries whose version changes what is indexed (the analysers) or how (the index format).
_LIBRARIES = ("Whoosh-Reloaded", "pymorphy3", "pymorphy3-dicts-ru")


def owner(nid: str, works) -> str | None:
    """The act (work id) a node belongs to — its id starts with the work id — or ``None``.

    >>> owner("/akn/kz/act/order/2017-10-25/360/rus@copy/~chp_1", {"/akn/kz/act/order/2017-10-25/360"})
    '/akn/kz/act/order/2017-10-25/360'
    >>> owner("ref:kz/code/labour", set()) is None
    True
    """
    if not nid.startswith("/akn/"):
        return None
    work = "/".join(nid.split("/", _WORK_PARTS)[:_WORK_PARTS])
    return work if work in works else None


def _bytes(obj: Any) -> bytes:
    """A node's or edge's attributes as bytes: ``marshal`` (version 2, no shared references, so
    equal values give equal bytes) for plain data, ``pickle`` for anything else."""
    try:
        return marshal.dumps(obj, 2)
    except ValueError:
        return pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)


def _status(ref: str) -> bytes:
    from kb.status import status_of

    return json.dumps(status_of(ref), sort_keys=True, ensure_ascii=False, default=str).encode()


def act_fingerprints(kb, works: Iterable[str] | None = None) -> dict[str, str]:
    """work id -> hex digest of what the act's documents read (the module docstring), for
    every act of the KB (or of ``works``).  One pass over the nodes and one over the edges."""
    g = kb.graph
    works = set(kb.acts if works is None else works)
    nodes: dict[str, list[bytes]] = {w: [] for w in works}
    for nid, d in g.nodes(data=True):
        w = owner(nid, works)
        if w is not None:
            nodes[w].append(nid.encode())
            nodes[w].append(_bytes(d))
    edges: dict[str, list[bytes]] = {w: [] for w in works}
    for a, b, key, data in g.edges(keys=True, data=True):
        if key not in READ_EDGES:
            continue
        wa, wb = owner(a, works), owner(b, works)
        if wa is None and wb is None:
            continue
        entry = b"\0".join((a.encode(), b.encode(), key.encode(), _bytes(data)))
        for w, other, other_w in ((wa, b, wb), (wb, a, wa)):
            if w is None:
                continue
            item = entry
            if other_w != w:  # another act's node, or a referenced act: what the record reads of it
                d = g.nodes[other]
                fields = READ_EDGES[key]
                item += b"\0" + _bytes(d if fields is None else [d.get(f) for f in fields])
                if key == "cites":
                    item += b"\0" + _status(d.get("ref", other))
            edges[w].append(item)
    out = {}
    for w in sorted(works):
        h = hashlib.blake2b(digest_size=16)
        h.update(json.dumps(kb.acts.get(w), sort_keys=True, ensure_ascii=False, default=str).encode())
        h.update(repr(kb.editions.get(w)).encode())  # the editions' dates (not their texts: repr=False)
        for part in nodes[w]:
            h.update(len(part).to_bytes(8, "little"))
            h.update(part)
        for item in sorted(edges[w]):  # sorted: the order edges were added in is not read
            h.update(len(item).to_bytes(8, "little"))
            h.update(item)
        out[w] = h.hexdigest()
    return out


def records_digest(records: Iterable[dict[str, Any]]) -> str:
    """A digest of an act's index documents (flag spans interned), in their order."""
    h = hashlib.blake2b(digest_size=16)
    for rec in records:
        b = _bytes(rec)
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    return h.hexdigest()


@functools.cache
def code_version() -> str:
    """A hash of the code that makes the documents: the ``index`` and ``kb`` packages' sources
    and data files (not the registry ``kb/data/acts.json``: the statuses it gives are in the
    acts' digests), the Python version and the versions of whoosh and the morphology."""
    from importlib.metadata import PackageNotFoundError, version

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    h = hashlib.sha256()
    for package in ("index", "kb"):
        for sub in ("", "data"):
            folder = os.path.join(root, package, sub)
            if not os.path.isdir(folder):
                continue
            for name in sorted(os.listdir(folder)):
                path = os.path.join(folder, name)
                if name == "acts.json" or not name.endswith((".py", ".txt", ".json")):
                    continue
                if not os.path.isfile(path):
                    continue
                with open(path, "rb") as fh:
                    h.update(f"{package}/{sub}/{name}\0".encode() + fh.read() + b"\0")
    h.update(f"python {sys.version_info[0]}.{sys.version_info[1]}".encode())
    for lib in _LIBRARIES:
        try:
            h.update(f"\0{lib} {version(lib)}".encode())
        except PackageNotFoundError:
            h.update(f"\0{lib} -".encode())
    return h.hexdigest()[:32]
