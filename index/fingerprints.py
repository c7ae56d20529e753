"""One digest per act of everything its index documents are made of, so a build re-indexes only
the acts whose documents may have changed.

An act's documents (:func:`index.build.act_records`) read:

* the act's own nodes — its act node (``repealed``, ``instructions``), expressions (the text's
  sha256, path, edition), units (text, heading, roles, staffing, exclusions), positions, cards
  and notes — and its ``act.json`` (``kb.acts``).  All but the act node are made from the
  act's sources alone (texts, ``meta.yaml``, ``act.json``), so the digest hashes those sources
  (:func:`act_fingerprints`); its documents and editions (``kb.docs``, ``kb.editions``, which
  a KB may read from disk only when asked) are made of the same texts;
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
from dataclasses import dataclass
from typing import Any

__all__ = ["READ_EDGES", "ActInputs", "act_bundle", "act_fingerprints", "act_inputs", "bundle_kb",
           "code_version", "owner", "records_digest"]

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


@dataclass
class ActInputs:
    """Where each act's inputs are in the graph (found in one pass over the nodes and one over
    the edges): its own nodes in graph order, and the :data:`READ_EDGES` edges at them in
    ``g.edges()`` order (each node's successors in their order: a unit's ``cites`` give its
    flags' order)."""

    nodes: dict[str, list[str]]
    edges: dict[str, list[tuple[str, str, str, dict[str, Any]]]]
    units: dict[str, list[str]]  # the act's unit nodes, acts in the order of their first unit
    cards: list[str]  # every card node

    def foreign(self, work: str) -> list[str]:
        """The nodes at the other end of the act's edges that are not its own, in edge order."""
        own = self.nodes[work]
        prefix = work + "/"
        out: dict[str, None] = {}
        for a, b, _, _ in self.edges[work]:
            for n in (a, b):
                if n != work and not n.startswith(prefix) and n not in out:
                    out[n] = None
        return [n for n in out if n not in own]


class _Owners:
    """:func:`owner` for many ids in graph order: an act's nodes come together, so the act of
    the previous id is tried first."""

    def __init__(self, works) -> None:
        self.works = works
        self.last, self.prefix = None, "\0"

    def __call__(self, nid: str) -> str | None:
        if nid.startswith(self.prefix) or nid == self.last:
            return self.last
        w = owner(nid, self.works)
        if w is not None:
            self.last, self.prefix = w, w + "/"
        return w


def act_inputs(kb, works: Iterable[str] | None = None) -> ActInputs:
    """The :class:`ActInputs` of every act of the KB (or of ``works``)."""
    g = kb.graph
    works = set(kb.acts if works is None else works)
    of = _Owners(works)
    nodes: dict[str, list[str]] = {w: [] for w in works}
    units: dict[str, list[str]] = {}
    cards: list[str] = []
    for nid, kind in g.nodes(data="kind"):
        w = of(nid)
        if w is not None:
            nodes[w].append(nid)
            if kind == "unit":
                units.setdefault(w, []).append(nid)
            elif kind == "card":
                cards.append(nid)
    edges: dict[str, list[tuple[str, str, str, dict[str, Any]]]] = {w: [] for w in works}
    of_b = _Owners(works)
    for a, b, key, data in g.edges(keys=True, data=True):
        if key not in READ_EDGES:
            continue
        wa, wb = of(a), of_b(b)
        if wa is not None:
            edges[wa].append((a, b, key, data))
        if wb is not None and wb != wa:
            edges[wb].append((a, b, key, data))
    return ActInputs(nodes, edges, units, cards)


def act_fingerprints(kb, inputs: ActInputs | None = None, deep: bool = False) -> dict[str, str]:
    """work id -> hex digest of what the act's documents read (the module docstring).

    The act's own nodes are made from its sources alone (its texts, their ``meta.yaml``, its
    ``act.json``, by the code :func:`code_version` hashes: what :mod:`kb.fragments` keys an act's
    part of the graph by), but for its act node, which passes over every act add to: so the
    digest hashes the act node, the expression nodes (each text's sha256, path, format,
    edition) and the texts' ``meta.yaml`` instead of every unit.  ``deep`` (or a text not found
    where its expression says, so its ``meta.yaml`` cannot be read) hashes every node of the
    act.  Of the edges, those to nodes that are not the act's own (an act's own edges are made
    from its sources too; ``deep``: all).  Parts are marshalled in one piece each (marshal is
    self-delimiting: no two sequences of parts give the same bytes)."""
    g = kb.graph
    inputs = inputs or act_inputs(kb)
    nodes = g.nodes
    statuses: dict[str, bytes] = {}
    out = {}
    for w in sorted(inputs.nodes):
        prefix = w + "/"
        items = []
        for a, b, key, data in inputs.edges[w]:
            item = [a, b, key, data]
            for other in (a, b):
                if other == w or other.startswith(prefix):
                    continue
                # another act's node, or a referenced act: what the record reads of it
                d = nodes[other]
                fields = READ_EDGES[key]
                item.append(d if fields is None else [d.get(f) for f in fields])
                if key == "cites":
                    ref = d.get("ref", other)
                    if ref not in statuses:
                        statuses[ref] = _status(ref)
                    item.append(statuses[ref])
            if deep or len(item) > 4:
                items.append(item)
        meta = json.dumps(kb.acts.get(w), sort_keys=True, ensure_ascii=False, default=str)
        h = hashlib.sha1(meta.encode(), usedforsecurity=False)
        own = None if deep else _sources(g, w, inputs.nodes[w])
        if own is None:
            own = [(nid, nodes[nid]) for nid in inputs.nodes[w]]
        h.update(_bytes(own))
        h.update(_bytes(items))
        out[w] = h.hexdigest()[:32]
    return out


def _sources(g, work: str, own: list[str]) -> list[Any] | None:
    """The act node, the expression nodes and each text's ``meta.yaml`` (name and sha256);
    ``None`` when a text is not where its expression node says."""
    from parser.requisites import sidecar_meta

    out: list[Any] = [(work, g.nodes[work])] if work in g else []
    for nid in own:
        d = g.nodes[nid]
        if d.get("kind") != "expression":
            continue
        path = d.get("path")
        if not path or not os.path.isfile(path):
            return None
        side = sidecar_meta(path)
        if side is not None:
            with open(side, "rb") as fh:
                side = (os.path.basename(side), hashlib.sha256(fh.read()).hexdigest())
        out.append((nid, d, side))
    return out


def act_bundle(kb, inputs: ActInputs, work: str) -> dict[str, Any]:
    """Everything the documents of ``work`` read, as plain data another process can rebuild a
    KB of (:func:`bundle_kb`): its ``act.json``, its nodes and the nodes at the other end of its
    edges (all their attributes), those edges, its documents and editions."""
    g = kb.graph
    own = inputs.nodes[work]
    exprs = [n for n in own if g.nodes[n].get("kind") == "expression"]
    foreign = inputs.foreign(work)
    # a foreign unit's expression: where the graph says which act the unit is of
    exprs_of = (g.nodes[n].get("expression") for n in foreign)
    foreign += list(dict.fromkeys(e for e in exprs_of if e and e not in foreign))
    return {"work": work, "act": kb.acts[work],
            "nodes": [(n, g.nodes[n]) for n in [*own, *foreign]],
            "edges": inputs.edges[work],
            "docs": {e: kb.docs[e] for e in exprs if e in kb.docs},
            "editions": kb.editions.get(work, [])}


def bundle_kb(bundle: dict[str, Any]):
    """A KB of one act's bundle (:func:`act_bundle`): what its documents read, nothing else."""
    import networkx as nx

    from kb.build import KB

    g = nx.MultiDiGraph()
    g.add_nodes_from(bundle["nodes"])
    for a, b, key, data in bundle["edges"]:
        g.add_edge(a, b, key=key, **data)
    work = bundle["work"]
    return KB(graph=g, acts={work: bundle["act"]}, docs=dict(bundle["docs"]),
              editions={work: bundle["editions"]})


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
    acts' digests), the parser's version (:func:`kb.parse_cache.parser_version`: what the nodes
    are parsed by), the Python version and the versions of whoosh and the morphology."""
    from importlib.metadata import PackageNotFoundError, version

    from kb.parse_cache import parser_version

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
    h.update(f"python {sys.version_info[0]}.{sys.version_info[1]}\0parser {parser_version()}".encode())
    for lib in _LIBRARIES:
        try:
            h.update(f"\0{lib} {version(lib)}".encode())
        except PackageNotFoundError:
            h.update(f"\0{lib} -".encode())
    return h.hexdigest()[:32]
