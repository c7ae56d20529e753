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

An act's part is stored (``fragments/`` beside the parse cache, ``<key[:2]>/<key>.pickle``, its
documents and editions apart in ``<key>.docs.pickle``) under a key that is the sha256 of:

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

The documents and editions of a reused act are read when first asked for (:class:`Texts`:
``kb.docs`` and ``kb.editions`` of the composed KB): the passes over every act read what they
need of a document from its fragment (its items' resolutions, its amending instructions), so a
build reads the documents of the acts it makes, and of the acts amending instructions name.

Entries that cannot be read back count as misses; writes are atomic (the documents first, so a
fragment stored is a fragment whole).  A fragment loaded from the store is the graph's own from
then on (the global passes add to its dicts), so a fragment is written before it is composed.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import hashlib
import json
import os
import pickle
import threading
import time
from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from parser.corpus import META, Act, Expression, corpus_hash, read_corpus
from parser.models import Document

from .build import (
    KB,
    Progress,
    TextRef,
    _add_act,
    _cross_links,
    _instructions,
    _parse_uncached,
    _references,
    add_aligned,
    align_pairs,
    build_whole,
    known_acts,
)
from .parse_cache import ParseCache, ParseStats, parse_key, write_entry
from .refacts import ItemResolutions

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
    """One act's part of the KB's graph, and what the passes over every act read of its texts."""

    work: str
    meta: dict[str, Any]  # its act.json (kb.acts[work])
    nodes: dict[str, dict[str, Any]]  # node → attributes, in graph order
    succ: dict[str, dict[str, dict[str, dict[str, Any]]]]  # node → successor → key → edge attributes
    pred: dict[str, dict[str, dict[str, dict[str, Any]]]]  # node → predecessor → the same key dicts
    if_absent: frozenset[str]  # nodes the graph takes only when it has none (amending acts)
    lookups: dict[tuple[str, str], str | None]  # what it asked of the corpus's acts (number slug, date)
    aligned: list[tuple[str, str, str]]  # aligned_with edges: ru unit, kk unit, method
    index: dict[str, list[str]]  # its positions, cards and table rows (kb.links.graph_nodes)
    expressions: list[TextRef]  # its documents, in kb.docs order
    instructions: dict[str, tuple[str, list[dict[str, Any]]]]  # expression → language, amending instructions
    key: str = ""
    # document path → (the aliases it was resolved under, its items' resolutions); stored apart
    refs: dict[str, tuple[tuple[tuple[str, str], ...], list[ItemResolutions]]] = field(default_factory=dict)
    part: ActTexts | None = None  # its documents, when in memory (stored apart)

    def agrees(self, known: dict[tuple[str, str], str]) -> bool:
        """Whether the corpus's acts answer its lookups as when it was made."""
        return all(known.get(k) == v for k, v in self.lookups.items())


@dataclass
class ActTexts:
    """An act's documents and editions (``kb.docs`` and ``kb.editions[work]``)."""

    texts: dict[str, Document]  # text path → its Document (what _add_act read)
    docs: dict[str, Document]  # expression id → Document, in the act's order
    editions: list[Any]


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
        work=act.work, meta=part.acts[act.work], nodes=g._node, succ=g._succ, pred=g._pred,
        if_absent=frozenset(n for n, d in g._node.items() if d.get("kind") == "amending_act"),
        lookups=lookups.asked, aligned=align_pairs(part, act.work), index=graph_nodes(g),
        expressions=[TextRef(e, d.path, d.lang) for e, d in part.docs.items()],
        instructions={e: (d.lang, d.instructions) for e, d in part.docs.items() if d.instructions},
        part=ActTexts({e.path: texts[e.path] for e in act.expressions}, part.docs, part.editions[act.work]))


class NotComposable(Exception):
    """Two fragments touch the same edge: the graph is built in one pass instead."""


def merge(g: nx.MultiDiGraph, frag: Fragment) -> None:
    """Add ``frag``'s nodes and edges to ``g`` as running :func:`kb.build._add_act` on ``g`` would:
    a new node comes with its dicts (the fragment's, taken over); a node ``g`` has already (an
    amending act another act's note named, or this act as one) keeps its place and takes the
    fragment's attributes (none for an amending act) and edges after its own."""
    node, succ, pred = g._node, g._succ, g._pred
    have = frag.nodes.keys() & node.keys()
    for n in have:
        if n not in frag.if_absent:
            node[n].update(frag.nodes[n])
        for mine, new in ((succ[n], frag.succ.pop(n)), (pred[n], frag.pred.pop(n))):
            if not mine.keys().isdisjoint(new):
                raise NotComposable(f"{frag.work}: an edge at {n} is in two acts' parts")
            mine.update(new)
        del frag.nodes[n]
    node.update(frag.nodes)  # the new nodes, in the fragment's order, after the graph's
    succ.update(frag.succ)
    pred.update(frag.pred)


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
        write_entry(path, (FORMAT, key, value))

    def get(self, key: str) -> Fragment | None:
        """The stored fragment (its documents left on disk), or None."""
        if not os.path.exists(self.path(key, ".docs")):
            return None
        frag = self._load(self.path(key), key, Fragment)
        if frag is not None:
            frag.key = key
            frag.refs = self._load(self.path(key, ".refs"), key, dict) or {}
        return frag

    def texts(self, key: str) -> ActTexts | None:
        return self._load(self.path(key, ".docs"), key, ActTexts)

    def put(self, frag: Fragment) -> None:
        """Store ``frag``: its documents, then its graph part (the resolutions are put apart)."""
        self._store(self.path(frag.key, ".docs"), frag.key, frag.part)
        self._store(self.path(frag.key), frag.key, dataclasses.replace(frag, refs={}, part=None))

    def put_refs(self, frag: Fragment) -> None:
        self._store(self.path(frag.key, ".refs"), frag.key, frag.refs)


class Texts:
    """``kb.docs`` and ``kb.editions`` of a composed KB: an act whose fragment was reused has its
    documents and editions read from the store when one of them is first asked for (a thread
    at a time); an act whose fragment was made has them from the start.  They are then what
    a KB built in one pass holds (its editions' documents are its documents)."""

    def __init__(self, store: FragmentStore | None, parse: Callable[[Act, Expression], Document]) -> None:
        self.store = store
        self.parse = parse  # when a stored part cannot be read back
        self.lock = threading.Lock()
        self.pending: dict[str, tuple[str, Act]] = {}  # work → its fragment's key, its act
        self.docs = Documents(self)
        self.editions = Editions(self)

    def add(self, act: Act, frag: Fragment) -> None:
        if frag.part is not None:
            self.docs.owner.update((e, act.work) for e in frag.part.docs)
            self.docs.held.update(frag.part.docs)
            self.editions.held[act.work] = frag.part.editions
            return
        self.pending[act.work] = (frag.key, act)
        for t in frag.expressions:
            self.docs.owner[t.expression] = act.work
            self.docs.held[t.expression] = None
        self.editions.held[act.work] = None

    def load(self, work: str) -> None:
        """Read the act's documents and editions if they were not."""
        with self.lock:
            if work not in self.pending:
                return
            key, act = self.pending[work]
            part = self.store.texts(key) if self.store is not None else None
            if part is None:  # gone or unreadable: the texts again (from the parse cache)
                mini = KB(graph=nx.MultiDiGraph(), acts={}, docs={})
                texts = {e.path: self.parse(act, e) for e in act.expressions}
                _add_act(mini, act, texts, {})
                part = ActTexts(texts, mini.docs, mini.editions[work])
            self.docs.held.update(part.docs)
            self.editions.held[work] = part.editions
            del self.pending[work]


class Documents(MutableMapping[str, Document]):
    """Expression id → Document, in the KB's order, read per act when first asked for (:class:`Texts`)."""

    def __init__(self, texts: Texts) -> None:
        self.texts = texts
        self.held: dict[str, Document | None] = {}  # None: not read yet
        self.owner: dict[str, str] = {}  # expression → work

    def __getitem__(self, expr: str) -> Document:
        doc = self.held[expr]
        if doc is None:
            self.texts.load(self.owner[expr])
            doc = self.held[expr]
        return doc  # type: ignore[return-value]

    def __setitem__(self, expr: str, doc: Document) -> None:
        self.held[expr] = doc

    def __delitem__(self, expr: str) -> None:
        del self.held[expr]

    def __contains__(self, expr: object) -> bool:
        return expr in self.held

    def __iter__(self) -> Iterator[str]:
        return iter(self.held)

    def __len__(self) -> int:
        return len(self.held)

    def __reduce__(self) -> tuple[Any, ...]:
        return dict, (dict(self.items()),)  # pickled (or copied) as the dict it stands for

    def __repr__(self) -> str:
        return f"<Documents: {len(self.held)} expressions>"


class Editions(MutableMapping[str, list[Any]]):
    """Work id → its editions (:class:`kb.timeline.EditionText` list), read with the act's documents."""

    def __init__(self, texts: Texts) -> None:
        self.texts = texts
        self.held: dict[str, list[Any] | None] = {}

    def __getitem__(self, work: str) -> list[Any]:
        eds = self.held[work]
        if eds is None:
            self.texts.load(work)
            eds = self.held[work]
        return eds  # type: ignore[return-value]

    def __setitem__(self, work: str, eds: list[Any]) -> None:
        self.held[work] = eds

    def __delitem__(self, work: str) -> None:
        del self.held[work]

    def __contains__(self, work: object) -> bool:
        return work in self.held

    def __iter__(self) -> Iterator[str]:
        return iter(self.held)

    def __len__(self) -> int:
        return len(self.held)

    def __reduce__(self) -> tuple[Any, ...]:
        return dict, (dict(self.items()),)

    def __repr__(self) -> str:
        return f"<Editions: {len(self.held)} acts>"


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
        gc.freeze()  # what the KB holds so far to the oldest generation, so that the
        gc.unfreeze()  # collections of this act's garbage below do not walk it
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
        frags = [self.fragment(act, known, registry) for act in acts]
        t = self.clock("fragments", t)
        self.seconds["fragments"] -= self.parse_seconds
        self.seconds["parse"] = self.parse_seconds
        texts = Texts(self.store, lambda act, expr: self.parse(act, expr, None))
        g = nx.MultiDiGraph()
        kb = KB(graph=g, acts={}, docs=texts.docs, editions=texts.editions)  # type: ignore[arg-type]
        for act, frag in zip(acts, frags, strict=True):
            texts.add(act, frag)
            kb.acts[frag.work] = frag.meta
        if not texts.pending:  # every document in memory: plain dicts
            kb.docs, kb.editions = dict(texts.docs.held), dict(texts.editions.held)  # type: ignore[arg-type]
        try:
            for frag in frags:
                merge(g, frag)
        except NotComposable:
            self.clock("compose", t)
            docs = {r.path: kb.docs[r.expression] for frag in frags for r in frag.expressions}
            return self.whole(acts, docs)
        t = self.clock("compose", t)
        self.tell("referenced acts")
        dirty: dict[str, Fragment] = {}
        refs = [r for frag in frags for r in frag.expressions]
        _references(kb, self.resolver(kb, frags, dirty), refs)
        t = self.clock("references", t)
        self.tell("ru↔kk alignment")
        for frag in frags:
            add_aligned(g, frag.aligned)
        t = self.clock("align", t)
        self.tell("links across documents")
        nodes: dict[str, list[str]] = {"position": [], "card": [], "row": []}
        for frag in frags:
            for kind, ids in frag.index.items():
                nodes[kind].extend(ids)
        _cross_links(kb, nodes)
        t = self.clock("links", t)
        self.tell("amending instructions")
        _instructions(kb, {e: x for frag in frags for e, x in frag.instructions.items()})
        t = self.clock("instructions", t)
        if self.store is not None:
            for frag in dirty.values():
                self.store.put_refs(frag)
        self.clock("store", t)
        return kb

    def resolver(self, kb: KB, frags: list[Fragment], dirty: dict[str, Fragment]):
        """:func:`kb.refacts.resolve_documents`'s resolver: a document's resolutions from its
        fragment when they were made under the same aliases, else made (and the fragment marked)."""
        from .refacts import define, item_resolutions

        by_path = {r.path: (frag, r.expression) for frag in frags for r in frag.expressions}

        def resolve(text: TextRef, aliases: dict[str, str]) -> list[ItemResolutions]:
            frag, expr = by_path[text.path]
            state = tuple(aliases.items())
            hit = frag.refs.get(text.path)
            if hit is not None and hit[0] == state:
                for item in hit[1]:
                    define(item.resolutions, aliases)
                return hit[1]
            found = item_resolutions(kb.docs[expr], aliases)
            frag.refs[text.path] = (state, found)
            dirty[frag.work] = frag
            self.resolved.append(text.path)
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
