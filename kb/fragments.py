"""Each act's part of the knowledge graph (its *fragment*), made from that act alone and cached.

What an act contributes to the graph depends on its own texts, its ``act.json`` and the
registry of referenced acts (``kb/data/acts.json``), so it is made once and stored:

* the act's node, its expressions, units, positions, notes, cards, staffing and register rows
  (:func:`kb.build._add_act` run on a graph of its own), its documents and editions;
* its ru↔kk alignment (:func:`kb.build.align_pairs`: within one act);
* the acts its must-know items cite (:func:`kb.refacts.item_resolutions`), stored apart (see
  below).

A :class:`Builder` composes the graph from the fragments, act after act in corpus order, by
moving each fragment's node and adjacency dicts into the graph (no edge is added one by one),
then runs the passes that need every act: referenced-act nodes and ``cites`` edges, alignment
edges, links across documents (:func:`kb.links.cross_links`, told where the positions, cards and
rows are), amending instructions.  The result is the graph :func:`kb.build.build_whole` makes in
one pass: the same nodes in the same order with the same attributes, the same edges in the same
order in every node's successors and predecessors.

An act's part is stored (``fragments/`` beside the parse cache, ``<key[:2]>/<key>.pickle``)
under a key that is the sha256 of:

* each expression's parse key (:func:`kb.parse_cache.parse_key`: text, sidecar, path, parser);
* the bytes of its ``act.json``;
* the bytes of the registry of referenced acts;
* the kb package's code (:func:`code_version`) and :data:`FORMAT`.

Two things an act's part reads come from other acts, and each is checked rather than keyed:

* which amending acts are acts of the corpus (``known``: number and date → work id): a
  fragment records what it looked up and is made again when the corpus answers otherwise;
* the short names that "(далее – X)" clauses of the documents before it (in path order) have
  defined: a document's item resolutions are stored with the aliases they were made under
  (``<key>.refs.pickle``) and made again, for that document alone, when those differ.

Entries that cannot be read back count as misses; writes are atomic.  A fragment loaded from
the store is the graph's own from then on (the global passes add to its dicts), so a fragment is
written before it is composed.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import hashlib
import json
import os
import pickle
import tempfile
import time
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from parser.corpus import META, Act, Expression, corpus_hash, read_corpus
from parser.models import Document

from .build import (
    KB,
    Progress,
    _add_act,
    _cross_links,
    _edge,
    _instructions,
    _parse_uncached,
    _references,
    align_pairs,
    build_whole,
    known_acts,
)
from .parse_cache import ParseCache, ParseStats, parse_key

FOLDER = "fragments"  # beside the parse cache, in the data folder
FORMAT = 1  # bump when the fragment layout changes: every older entry becomes a miss


@functools.cache
def code_version() -> str:
    """A hash of the kb package's source files (name and bytes, in name order)."""
    root = os.path.dirname(os.path.abspath(__file__))
    digest = hashlib.sha256()
    for name in sorted(os.listdir(root)):
        if name.endswith(".py"):
            with open(os.path.join(root, name), "rb") as fh:
                digest.update(name.encode() + b"\0" + fh.read() + b"\0")
    return digest.hexdigest()


def registry_version() -> str:
    """The sha256 of the registry of referenced acts (read at every build: it is edited by hand)."""
    from . import refacts

    with open(refacts.ACTS_JSON, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def fragment_key(act: Act, parse_keys: list[str], registry: str) -> str:
    """The key of an act's fragment: the sha256 of what it is made from (see the module docstring)."""
    with open(os.path.join(act.folder, META), "rb") as fh:
        meta = hashlib.sha256(fh.read()).hexdigest()
    parts = {"format": FORMAT, "code": code_version(), "registry": registry, "act.json": meta,
             "parses": parse_keys}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def fragments_folder(cache: ParseCache) -> str:
    """The fragments' folder beside the parse cache ``cache``."""
    return os.path.join(os.path.dirname(os.path.abspath(cache.folder)), FOLDER)


@dataclass
class Fragment:
    """One act's part of the KB."""

    work: str
    meta: dict[str, Any]  # its act.json (kb.acts[work])
    texts: dict[str, Document]  # text path → its Document (what _add_act read)
    docs: dict[str, Document]  # expression id → Document, in the act's order (kb.docs)
    editions: list[Any]  # kb.editions[work]
    nodes: dict[str, dict[str, Any]]  # node → attributes, in graph order
    succ: dict[str, dict[str, dict[str, dict[str, Any]]]]  # node → successor → key → edge attributes
    pred: dict[str, dict[str, dict[str, dict[str, Any]]]]  # node → predecessor → the same key dicts
    if_absent: frozenset[str]  # nodes the graph takes only when it has none (amending acts)
    lookups: dict[tuple[str, str], str | None]  # what it asked of the corpus's acts (number slug, date)
    aligned: list[tuple[str, str, str]]  # aligned_with edges: ru unit, kk unit, method
    index: dict[str, list[str]]  # its positions, cards and table rows (kb.links.graph_nodes)
    key: str = ""
    # document path → (the aliases it was resolved under, its items' resolutions); stored apart
    refs: dict[str, tuple[tuple[tuple[str, str], ...], list[list[Any]]]] = field(default_factory=dict)

    def agrees(self, known: dict[tuple[str, str], str]) -> bool:
        """Whether the corpus's acts answer its lookups as when it was made."""
        return all(known.get(k) == v for k, v in self.lookups.items())


class _Lookups:
    """``known`` as :func:`kb.build._add_amendments` reads it, remembering what it was asked."""

    def __init__(self, known: dict[tuple[str, str], str]) -> None:
        self.known = known
        self.asked: dict[tuple[str, str], str | None] = {}

    def get(self, key: tuple[str, str], default: Any = None) -> Any:
        value = self.asked[key] = self.known.get(key)
        return default if value is None else value


def make_fragment(act: Act, texts: dict[str, Document], known: dict[tuple[str, str], str]) -> Fragment:
    """The fragment of ``act`` from its parsed texts (path → Document)."""
    from .links import graph_nodes

    part = KB(graph=nx.MultiDiGraph(), acts={}, docs={})
    lookups = _Lookups(known)
    _add_act(part, act, texts, lookups)  # type: ignore[arg-type]
    g = part.graph
    return Fragment(
        work=act.work, meta=part.acts[act.work], texts={e.path: texts[e.path] for e in act.expressions},
        docs=part.docs, editions=part.editions[act.work], nodes=g._node, succ=g._succ, pred=g._pred,
        if_absent=frozenset(n for n, d in g._node.items() if d.get("kind") == "amending_act"),
        lookups=lookups.asked, aligned=align_pairs(part, act.work), index=graph_nodes(g))


class NotComposable(Exception):
    """Two fragments touch the same edge: the graph is built in one pass instead."""


def merge(g: nx.MultiDiGraph, frag: Fragment) -> None:
    """Add ``frag``'s nodes and edges to ``g`` as running :func:`kb.build._add_act` on ``g`` would:
    a new node comes with its dicts; a node ``g`` has keeps its place and takes the fragment's
    attributes (none for an amending act) and edges after its own."""
    node, succ, pred = g._node, g._succ, g._pred
    for n, attrs in frag.nodes.items():
        if n not in node:
            node[n] = attrs
            succ[n] = frag.succ[n]
            pred[n] = frag.pred[n]
            continue
        if n not in frag.if_absent:
            node[n].update(attrs)
        for have, new in ((succ[n], frag.succ[n]), (pred[n], frag.pred[n])):
            if not have.keys().isdisjoint(new):
                raise NotComposable(f"{frag.work}: an edge at {n} is in two acts' parts")
            have.update(new)


class FragmentStore:
    """Fragments stored in ``folder`` (``<key[:2]>/<key>.pickle``, resolutions in ``….refs.pickle``)."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.unreadable: list[str] = []

    def path(self, key: str, suffix: str = "") -> str:
        return os.path.join(self.folder, key[:2], f"{key}{suffix}.pickle")

    def _load(self, path: str, key: str, kind: type) -> Any:
        try:
            with open(path, "rb") as fh:
                fmt, stored_key, value = pickle.load(fh)
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001 - any unreadable entry is a miss, never a crash
            self.unreadable.append(path)
            return None
        if fmt != FORMAT or stored_key != key or not isinstance(value, kind):
            self.unreadable.append(path)
            return None
        return value

    def _store(self, path: str, key: str, value: Any) -> None:
        folder = os.path.dirname(path)
        try:
            os.makedirs(folder, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".entry-", dir=folder)
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((FORMAT, key, value), fh, protocol=5)
            os.replace(tmp, path)
        except Exception:  # noqa: BLE001 - e.g. a full disk: the build goes on without the entry
            if os.path.exists(tmp):
                os.unlink(tmp)

    def get(self, key: str) -> Fragment | None:
        frag = self._load(self.path(key), key, Fragment)
        if frag is not None:
            frag.key = key
            frag.refs = self._load(self.path(key, ".refs"), key, dict) or {}
        return frag

    def put(self, frag: Fragment) -> None:
        self._store(self.path(frag.key), frag.key, dataclasses.replace(frag, refs={}))

    def put_refs(self, frag: Fragment) -> None:
        self._store(self.path(frag.key, ".refs"), frag.key, frag.refs)


class Builder:
    """One build of the KB (:func:`kb.build.build`): the acts' fragments, then the graph."""

    def __init__(self, corpus_root: str, progress: Progress | None, cache: ParseCache | None,
                 fragments: bool = True) -> None:
        self.root = corpus_root
        self.progress = progress
        self.cache = cache
        self.fragments = fragments
        self.store = FragmentStore(fragments_folder(cache)) if cache is not None and fragments else None
        self.seconds: dict[str, float] = {}
        self.built: list[str] = []  # works whose fragment was made
        self.reused: list[str] = []  # works whose fragment was read from the store
        self.resolved: list[str] = []  # documents whose items were resolved (not from the store)
        self.from_fragments = 0  # texts whose Document came with a stored fragment
        self.parsed: list[str] = []  # texts parsed without a parse cache
        self.parse_seconds = 0.0
        self.steps = 0
        self.total = 0

    def tell(self, what: str) -> None:
        if self.progress:
            self.progress(self.steps, self.total, what)
        self.steps += 1

    def clock(self, stage: str, since: float) -> float:
        now = time.perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - since
        return now

    def parse(self, act: Act, expr: Expression, key: str | None) -> Document:
        t0 = time.perf_counter()
        if self.cache is None:
            doc = _parse_uncached(act, expr)
            self.parsed.append(expr.path)
        else:
            before = len(self.cache.stats.parsed)
            doc = self.cache.parse(act, expr, key)
            if len(self.cache.stats.parsed) == before:
                self.parse_seconds += time.perf_counter() - t0
                return doc
        gc.collect(0)  # a parse leaves cycles behind, and the collector is paused (kb.build)
        self.parse_seconds += time.perf_counter() - t0
        return doc

    def run(self, stats: dict[str, Any] | None = None) -> KB:
        t_start = t = time.perf_counter()
        acts = read_corpus(self.root)
        if self.cache is not None:
            self.cache.stats = ParseStats()  # this build's figures
        self.total = sum(len(a.expressions) for a in acts) + 4
        known = known_acts(acts)
        t = self.clock("read", t)
        if self.fragments and len({a.work for a in acts}) == len(acts):
            kb = self.composed(acts, known)
        else:
            kb = self.whole(acts)
        if self.progress:
            self.progress(self.total, self.total, "done")
        t = time.perf_counter()
        kb.corpus_hash = corpus_hash(acts)
        t = self.clock("hash", t)
        self.seconds["total"] = t - t_start
        if stats is not None:
            self.report(stats)
        return kb

    def whole(self, acts: list[Act], texts: dict[str, Document] | None = None) -> KB:
        """The graph in one pass (no fragments, or fragments that cannot be composed)."""
        t = time.perf_counter()
        if texts is None:
            texts = {}
            for act in acts:
                for expr in act.expressions:
                    self.tell(f"parsing {expr.path}")
                    texts[expr.path] = self.parse(act, expr, None)
        t = self.clock("parse", t)
        kb = KB(graph=nx.MultiDiGraph(), acts={}, docs={})
        for _ in range(4):
            self.tell("the graph")
        build_whole(kb, acts, texts)
        self.clock("graph", t)
        return kb

    def fragment(self, act: Act, known: dict[tuple[str, str], str], registry: str | None) -> Fragment:
        """The act's fragment: from the store when it is there and agrees with the corpus, else made
        (its texts from the parse cache or parsed) and stored."""
        keys: list[str | None] = [None] * len(act.expressions)
        frag = None
        key = ""
        if self.store is not None and registry is not None:
            keys = [parse_key(act, e) for e in act.expressions]
            key = fragment_key(act, keys, registry)  # type: ignore[arg-type]
            frag = self.store.get(key)
            if frag is not None and not frag.agrees(known):
                frag = None
        for expr in act.expressions:
            self.tell(f"parsing {expr.path}")
        if frag is not None:
            self.reused.append(act.work)
            self.from_fragments += len(act.expressions)
            return frag
        texts = {e.path: self.parse(act, e, k) for e, k in zip(act.expressions, keys, strict=True)}
        frag = make_fragment(act, texts, known)
        frag.key = key
        if self.store is not None:
            self.store.put(frag)  # before the graph takes its dicts over
        gc.collect(0)
        self.built.append(act.work)
        return frag

    def composed(self, acts: list[Act], known: dict[tuple[str, str], str]) -> KB:
        t = time.perf_counter()
        registry = registry_version() if self.store is not None else None
        frags = []
        for act in acts:
            frags.append(self.fragment(act, known, registry))
        t = self.clock("fragments", t)
        self.seconds["fragments"] -= self.parse_seconds
        self.seconds["parse"] = self.parse_seconds
        g = nx.MultiDiGraph()
        kb = KB(graph=g, acts={}, docs={})
        try:
            for frag in frags:
                merge(g, frag)
                kb.acts[frag.work] = frag.meta
                kb.docs.update(frag.docs)
                kb.editions[frag.work] = frag.editions
        except NotComposable:
            texts = {p: d for frag in frags for p, d in frag.texts.items()}
            self.clock("compose", t)
            return self.whole(acts, texts)
        t = self.clock("compose", t)
        self.tell("referenced acts")
        dirty: dict[str, Fragment] = {}
        _references(kb, self.resolver(frags, dirty))
        t = self.clock("references", t)
        self.tell("ru↔kk alignment")
        for frag in frags:
            for a, b, method in frag.aligned:
                _edge(g, a, b, "aligned_with", method=method)
        t = self.clock("align", t)
        self.tell("links across documents")
        nodes: dict[str, list[str]] = {"position": [], "card": [], "row": []}
        for frag in frags:
            for kind, ids in frag.index.items():
                nodes[kind].extend(ids)
        _cross_links(kb, nodes)
        t = self.clock("links", t)
        self.tell("amending instructions")
        _instructions(kb)
        t = self.clock("instructions", t)
        if self.store is not None:
            for frag in dirty.values():
                self.store.put_refs(frag)
        self.clock("store", t)
        return kb

    def resolver(self, frags: list[Fragment], dirty: dict[str, Fragment]):
        """:func:`kb.refacts.resolve_documents`'s resolver: a document's resolutions from its
        fragment when they were made under the same aliases, else made (and the fragment marked)."""
        from .refacts import define, item_resolutions

        by_path = {doc.path: frag for frag in frags for doc in frag.docs.values()}

        def resolve(doc: Document, aliases: dict[str, str]) -> list[list[Any]]:
            frag = by_path[doc.path]
            state = tuple(aliases.items())
            hit = frag.refs.get(doc.path)
            if hit is not None and hit[0] == state:
                for res in hit[1]:
                    define(res, aliases)
                return hit[1]
            found = item_resolutions(doc, aliases)
            frag.refs[doc.path] = (state, found)
            dirty[frag.work] = frag
            self.resolved.append(doc.path)
            return found

        return resolve

    def report(self, stats: dict[str, Any]) -> None:
        if self.cache is not None:
            parse = self.cache.stats.as_json()
            parse["cached"] += self.from_fragments
        else:
            parse = {"parsed": len(self.parsed), "cached": 0, "unreadable": 0,
                     "parsed_paths": list(self.parsed)}
        parse["from_fragments"] = self.from_fragments
        parse["seconds"] = round(self.seconds.get("parse", 0.0), 3)
        stats["parse"] = parse
        stats["fragments"] = {"built": len(self.built), "reused": len(self.reused),
                              "built_works": list(self.built), "documents_resolved": len(self.resolved),
                              "unreadable": len(self.store.unreadable) if self.store else 0}
        stats["seconds"] = {k: round(v, 3) for k, v in self.seconds.items()}
