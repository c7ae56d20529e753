"""The knowledge base in one SQLite file, read lazily: start-up opens the file, it does not load the world.

:func:`write` stores a built :class:`kb.build.KB` (stdlib ``sqlite3``, values pickled with
protocol 5 so their types come back as they went in); :func:`open_kb` reads it back as a
:class:`StoredKB`, a twin of ``KB`` with the same attributes, whose graph (:class:`StoredGraph`)
answers the part of the ``networkx.MultiDiGraph`` interface the code uses with indexed queries
and bounded caches.  Tables:

* ``meta(key, value)``: ``app``, ``format``, ``corpus_hash``, node and edge counts, nodes per kind;
* ``nodes(seq, id, kind, work, attrs)``: ``seq`` is the graph's node order;
* ``edges(seq, src, dst, key, in_rank, attrs)``: ``src`` and ``dst`` are node ``seq``s; ``seq``
  is ``g.edges()`` order, which is each node's ``out_edges`` order; ``in_rank`` is the edge's
  place in ``in_edges(dst)``, so both come back in networkx's order (the answers stay
  byte-identical);
* ``links(seq, src, dst, type, work, value)``: ``KB.links``, one row a link (they grow with the
  square of the positions that share a title), indexed by both ends;
* ``blobs(kind, key, work, value)``: ``act`` and ``editions`` per work, ``doc`` and ``doccounts``
  per expression, ``refs`` per top-level key.

Every row carries the work (act) it belongs to: the act whose URI starts its id (an edge and a
link belong to their source, an edge through its source's row).  Referenced acts (``ref:…``),
amending acts outside the corpus and ``refs`` are global (work ``''``).  :func:`work_hashes`
hashes each work's rows, so one act's part can be compared or replaced on its own.  The same KB
gives the same rows.
"""

from __future__ import annotations

import bisect
import copy
import functools
import hashlib
import itertools
import json
import os
import pickle
import sqlite3
import tempfile
import threading
import weakref
from collections import Counter, OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import quote

__all__ = ["StoreError", "NotCurrent", "StoredGraph", "StoredKB", "write", "open_kb", "read_meta",
           "work_hashes", "nodes_of_kind", "kind_counts", "doc_counts", "editions_meta", "links_touching"]

APP = "zangraph"
NODE_CACHE = 50_000  # node attribute dicts kept (a unit's carries its text)
ADJ_CACHE = 65_536  # adjacency lists kept, each way (who must know an act: the units citing it, ×100 48k)
DOC_CACHE = 16  # parsed documents kept (any still referenced elsewhere is shared, not read again)
EDITION_CACHE = 16  # works whose edition lists are kept
PIN_LIMIT = 100_000  # a kind with at most this many nodes is kept whole once scanned (positions, cards …)
_PAGE = 2_000  # rows a full scan reads at a time

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE nodes(seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT, work TEXT NOT NULL,
                   attrs BLOB NOT NULL);
CREATE TABLE edges(seq INTEGER PRIMARY KEY, src INTEGER NOT NULL, dst INTEGER NOT NULL, key TEXT NOT NULL,
                   in_rank INTEGER NOT NULL, attrs BLOB);
CREATE TABLE links(seq INTEGER PRIMARY KEY, src TEXT, dst TEXT, type TEXT, work TEXT NOT NULL,
                   value BLOB NOT NULL);
CREATE TABLE blobs(seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL, work TEXT NOT NULL,
                   value BLOB NOT NULL, UNIQUE(kind, key));
"""
_INDEXES = """
CREATE INDEX nodes_kind ON nodes(kind);
CREATE INDEX nodes_work ON nodes(work);
CREATE INDEX edges_src ON edges(src);
CREATE INDEX edges_dst ON edges(dst, in_rank);
CREATE INDEX links_src ON links(src);
CREATE INDEX links_dst ON links(dst);
CREATE INDEX links_work ON links(work);
CREATE INDEX blobs_work ON blobs(work);
"""


class StoreError(ValueError):
    """A stored KB that cannot be read: corrupt, or not a file of this program."""


class NotCurrent(StoreError):
    """A stored KB of another format version or another program: to be rebuilt."""


def _dumps(obj: Any) -> bytes:
    return pickle.dumps(obj, protocol=5)


# --- writing ----------------------------------------------------------------------------------


def write(kb, path: str, meta: Mapping[str, str] | None = None) -> str:
    """Store ``kb`` at ``path`` with ``meta`` added to the meta table.  Atomic: a temporary file in
    the same folder, then ``os.replace``; on any failure the old file stays as it was."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".kb-", suffix=".sqlite", dir=folder)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        try:
            con.executescript(
                "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;" + _SCHEMA
            )
            _write_rows(con, kb, dict(meta or {}))
            con.executescript(_INDEXES)
            con.commit()
        finally:
            con.close()
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


def _work_finder(works: set[str]):
    """The work a node id belongs to: the work whose URI starts it ('' for none)."""

    def work_of(nid: str) -> str:
        if nid in works:
            return nid
        i = nid.find("/", 1)
        while i != -1:
            if nid[:i] in works:
                return nid[:i]
            i = nid.find("/", i + 1)
        return ""

    return work_of


def _write_rows(con: sqlite3.Connection, kb, meta: dict[str, str]) -> None:
    """The rows of ``kb``, streamed (nothing pickled is held beyond its row)."""
    g = kb.graph
    work_of = functools.lru_cache(maxsize=None)(_work_finder(set(kb.acts)))
    kinds: Counter[str] = Counter()
    seq: dict[str, int] = {}

    def nodes():
        for nid, d in g.nodes(data=True):
            kinds[d.get("kind")] += 1
            seq[nid] = len(seq) + 1
            yield seq[nid], nid, d.get("kind"), work_of(nid), _dumps(d)

    con.executemany("INSERT INTO nodes(seq, id, kind, work, attrs) VALUES (?, ?, ?, ?, ?)", nodes())
    in_rank = {e: i for n in g.nodes for i, e in enumerate(g.in_edges(n, keys=True))}
    con.executemany("INSERT INTO edges(src, dst, key, in_rank, attrs) VALUES (?, ?, ?, ?, ?)",
                    ((seq[u], seq[v], k, in_rank[u, v, k], None if d == {"type": k} else _dumps(d))
                     for u, v, k, d in g.edges(keys=True, data=True)))
    con.executemany("INSERT INTO links(src, dst, type, work, value) VALUES (?, ?, ?, ?, ?)",
                    ((x.get("from"), x.get("to"), x.get("type"), work_of(x.get("from") or ""), _dumps(x))
                     for x in kb.links))
    docs = {id(doc): e for e, doc in kb.docs.items()}
    blobs = itertools.chain(
        (("act", w, w, _dumps(m)) for w, m in kb.acts.items()),
        (("editions", w, work_of(w), _dumps([_strip(x, docs) for x in xs])) for w, xs in kb.editions.items()),
        (("doc", e, work_of(e), _dumps(doc)) for e, doc in kb.docs.items()),
        (("doccounts", e, work_of(e), json.dumps(_counts(doc)).encode()) for e, doc in kb.docs.items()),
        (("refs", k, "", _dumps(v)) for k, v in kb.refs.items()))
    con.executemany("INSERT INTO blobs(kind, key, work, value) VALUES (?, ?, ?, ?)", blobs)
    meta = {"app": APP, **meta, "corpus_hash": kb.corpus_hash, "nodes": str(len(seq)),
            "edges": str(len(in_rank)),  # one entry an edge (networkx counts them by summing degrees)
            "links": str(len(kb.links)), "kinds": json.dumps(dict(kinds))}
    con.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))


def _strip(edition, docs: dict[int, str]) -> tuple[str | None, Any]:
    """An edition without its document (stored once, under ``doc``): (expression id, edition)."""
    eid = docs.get(id(edition.doc))
    if eid is None:  # a document the KB does not hold: kept with the edition
        return None, edition
    bare = copy.copy(edition)
    object.__setattr__(bare, "doc", None)  # frozen dataclass
    return eid, bare


def _counts(doc) -> dict[str, Any]:
    return {**doc.counts(), "staffing_bands": any(r.get("bands") for r in doc.staffing),
            "announced": sum(1 for n in doc.amendments if n.prospective)}


# --- reading ------------------------------------------------------------------------------------


def _connect(path: str) -> sqlite3.Connection:
    uri = "file:" + quote(os.path.abspath(path)) + "?mode=ro"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def read_meta(path: str) -> dict[str, str]:
    """The meta table of the store at ``path``: cheap (the format and corpus hash of a file are
    known without reading anything else).  FileNotFoundError when there is no file; NotCurrent
    for an SQLite file of another program; StoreError for a file SQLite cannot read."""
    if not os.path.isfile(path):
        raise FileNotFoundError(path)
    con = _connect(path)
    try:
        return _meta(con, path)
    finally:
        con.close()


def _meta(con: sqlite3.Connection, path: str) -> dict[str, str]:
    try:
        has = con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall()) if has else {}
        pages = con.execute("PRAGMA page_count").fetchone()[0] * con.execute("PRAGMA page_size").fetchone()[0]
        if os.path.getsize(path) < pages:
            raise sqlite3.DatabaseError(f"{os.path.getsize(path)} bytes, {pages} expected: cut short")
    except sqlite3.DatabaseError as err:
        raise _damaged(path, err) from None
    if meta.get("app") != APP:
        raise NotCurrent(f"{path}: not a zangraph knowledge base")
    return meta


def _damaged(path: str, err: Exception) -> StoreError:
    return StoreError(
        f"{path}: the knowledge base file is damaged ({err}); run `zangraph build` to build it again"
    )


class _Db:
    """One read-only connection, guarded by a lock (FastAPI runs sync endpoints in threads).  A
    connection per thread measured no faster (×10, 20k node and adjacency reads in 1–8 threads:
    within the noise of each other), and a thread starting after a rebuild would open the new
    file while the caches hold the old one's rows."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.con = _connect(path)
        self.lock = threading.Lock()

    def all(self, sql: str, args: tuple = ()) -> list[tuple]:
        try:
            with self.lock:
                return self.con.execute(sql, args).fetchall()
        except sqlite3.DatabaseError as err:
            raise _damaged(self.path, err) from None

    def pages(self, sql: str, args: tuple = (), seq: str = "seq") -> Iterator[tuple]:
        """Rows of ``SELECT seq, … WHERE … {seq}`` read a page at a time, in ``seq`` order; no
        statement stays open between pages, so the caller may query while it iterates."""
        last = 0
        while True:
            rows = self.all(sql.format(seq=f"{seq} > ? ORDER BY {seq} LIMIT {_PAGE}"), (*args, last))
            yield from rows
            if len(rows) < _PAGE:
                return
            last = rows[-1][0]

    def close(self) -> None:
        self.con.close()


def open_kb(path: str, expected_format: str | None = None) -> StoredKB:
    """The store at ``path`` as a :class:`StoredKB`; NotCurrent when its format is not
    ``expected_format``."""
    if not os.path.isfile(path):
        raise FileNotFoundError(path)
    db = _Db(path)
    try:
        meta = _meta(db.con, path)
        if expected_format is not None and meta.get("format") != str(expected_format):
            raise NotCurrent(
                f"{path}: built by another zangraph version (format {meta.get('format')}, "
                f"expected {expected_format}); rebuild"
            )
        return StoredKB(db, meta)
    except BaseException:
        db.close()
        raise


def _edge_attrs(key: str, blob: bytes | None) -> dict[str, Any]:
    return {"type": key} if blob is None else pickle.loads(blob)


class _NodeView:
    """``g.nodes``: ``g.nodes[n]``, ``n in g.nodes``, ``g.nodes.get``, iteration, ``g.nodes(data=…)``."""

    def __init__(self, g: StoredGraph) -> None:
        self._g = g

    def __getitem__(self, n: str) -> dict[str, Any]:
        d = self._g._attrs(n)
        if d is None:
            raise KeyError(n)
        return d

    def get(self, n: str, default: Any = None) -> Any:
        d = self._g._attrs(n)
        return default if d is None else d

    def __contains__(self, n: object) -> bool:
        return n in self._g

    def __iter__(self) -> Iterator[str]:
        return (nid for _, nid in self._g._db.pages("SELECT seq, id FROM nodes WHERE {seq}"))

    def __len__(self) -> int:
        return self._g.number_of_nodes()

    def __call__(self, data: bool | str = False, default: Any = None):
        if data is False:
            return iter(self)
        return self.data(data, default)

    def data(self, data: bool | str = True, default: Any = None) -> Iterator[tuple[str, Any]]:
        rows = self._g._db.pages("SELECT seq, id, attrs FROM nodes WHERE {seq}")
        for _, nid, blob in rows:
            d = pickle.loads(blob)
            yield nid, (d if data is True else d.get(data, default))

    def items(self) -> Iterator[tuple[str, dict[str, Any]]]:
        return self.data(True)


class StoredGraph:
    """A read-only ``networkx.MultiDiGraph`` over the store: the subset the code uses, in
    networkx's orders (nodes as added; ``out_edges``/``in_edges``/``edges`` as networkx yields them)."""

    def __init__(self, db: _Db, meta: Mapping[str, str]) -> None:
        self._db = db
        self._n_nodes = int(meta["nodes"])
        self._n_edges = int(meta["edges"])
        self.kinds: dict[str, int] = json.loads(meta["kinds"])
        self._pinned: dict[str, dict[str, dict[str, Any]]] = {}
        self._node = functools.lru_cache(maxsize=NODE_CACHE)(self._load_node)
        self._out = functools.lru_cache(maxsize=ADJ_CACHE)(self._load_out)
        self._in = functools.lru_cache(maxsize=ADJ_CACHE)(self._load_in)
        self.nodes = _NodeView(self)

    # nodes
    def _load_node(self, n: str) -> dict[str, Any] | None:
        rows = self._db.all("SELECT attrs FROM nodes WHERE id = ?", (n,))
        return pickle.loads(rows[0][0]) if rows else None

    def _attrs(self, n: object) -> dict[str, Any] | None:
        if not isinstance(n, str):
            return None
        for nodes in self._pinned.values():
            d = nodes.get(n)
            if d is not None:
                return d
        return self._node(n)

    def __contains__(self, n: object) -> bool:
        return self._attrs(n) is not None

    has_node = __contains__

    def __iter__(self) -> Iterator[str]:
        return iter(self.nodes)

    def __len__(self) -> int:
        return self._n_nodes

    def number_of_nodes(self) -> int:
        return self._n_nodes

    def number_of_edges(self) -> int:
        return self._n_edges

    def nodes_of_kind(self, kind: str) -> list[tuple[str, dict[str, Any]]]:
        """(id, attrs) of the nodes of ``kind`` in graph order, from the kind's index; a kind of at
        most :data:`PIN_LIMIT` nodes is kept whole after the first scan."""
        pinned = self._pinned.get(kind)
        if pinned is not None:
            return list(pinned.items())
        rows = self._db.pages("SELECT seq, id, attrs FROM nodes WHERE kind = ? AND {seq}", (kind,))
        out = [(nid, pickle.loads(blob)) for _, nid, blob in rows]
        if self.kinds.get(kind, 0) <= PIN_LIMIT:  # a new dict: readers iterate the old one meanwhile
            self._pinned = {**self._pinned, kind: dict(out)}
        return out

    # edges
    def _load_out(self, n: str) -> tuple[tuple[str, str, dict[str, Any]], ...]:
        rows = self._db.all("SELECT n.id, e.key, e.attrs FROM edges e JOIN nodes n ON n.seq = e.dst "
                            "WHERE e.src = (SELECT seq FROM nodes WHERE id = ?) ORDER BY e.seq", (n,))
        return tuple((v, k, _edge_attrs(k, a)) for v, k, a in rows)

    def _load_in(self, n: str) -> tuple[tuple[str, str, dict[str, Any]], ...]:
        rows = self._db.all("SELECT n.id, e.key, e.attrs FROM edges e JOIN nodes n ON n.seq = e.src "
                            "WHERE e.dst = (SELECT seq FROM nodes WHERE id = ?) ORDER BY e.in_rank", (n,))
        return tuple((u, k, _edge_attrs(k, a)) for u, k, a in rows)

    def _nbunch(self, nbunch: Any) -> list[str]:
        if isinstance(nbunch, str):
            return [nbunch] if nbunch in self else []
        return [n for n in nbunch if n in self]

    def out_edges(self, nbunch: Any = None, data: Any = False, keys: bool = False, default: Any = None):
        if nbunch is None:
            return self.edges(None, data, keys, default)
        return [_edge(n, v, k, d, data, keys, default) for n in self._nbunch(nbunch)
                for v, k, d in self._out(n)]

    def in_edges(self, nbunch: Any = None, data: Any = False, keys: bool = False, default: Any = None):
        if nbunch is None:
            return self.edges(None, data, keys, default)
        return [_edge(u, n, k, d, data, keys, default) for n in self._nbunch(nbunch)
                for u, k, d in self._in(n)]

    def edges(self, nbunch: Any = None, data: Any = False, keys: bool = False, default: Any = None):
        if nbunch is not None:
            return self.out_edges(nbunch, data, keys, default)
        sql = ("SELECT e.seq, s.id, d.id, e.key, e.attrs FROM edges e "
               "JOIN nodes s ON s.seq = e.src JOIN nodes d ON d.seq = e.dst WHERE {seq}")
        rows = self._db.pages(sql, seq="e.seq")
        return (_edge(u, v, k, _edge_attrs(k, a), data, keys, default) for _, u, v, k, a in rows)

    def has_edge(self, u: str, v: str, key: Any = None) -> bool:
        return u in self and any(w == v and (key is None or k == key) for w, k, _ in self._out(u))


def _edge(u: str, v: str, k: str, d: dict[str, Any], data: bool | str, keys: bool, default: Any) -> tuple:
    if data is False:
        return (u, v, k) if keys else (u, v)
    value = d if data is True else d.get(data, default)
    return (u, v, k, value) if keys else (u, v, value)


class _Blobs(Mapping):
    """A read-only mapping over the ``blobs`` of one kind: keys read once, values on demand; the
    last ``size`` kept, and (``shared``) a value still referenced elsewhere handed out again, not
    read twice."""

    def __init__(self, db: _Db, kind: str, size: int, decode=pickle.loads, shared: bool = False) -> None:
        self._db, self._kind, self._size, self._decode = db, kind, size, decode
        self._keys: list[str] | None = None
        self._cache: OrderedDict[str, Any] = OrderedDict()
        self._alive: weakref.WeakValueDictionary | None = weakref.WeakValueDictionary() if shared else None
        self._lock = threading.Lock()

    def keys_in_order(self) -> list[str]:
        if self._keys is None:
            rows = self._db.all("SELECT key FROM blobs WHERE kind = ? ORDER BY seq", (self._kind,))
            keys = [k for (k,) in rows]
            self._sorted = sorted(keys)
            self._set = set(keys)
            self._keys = keys
        return self._keys

    def with_prefix(self, prefix: str) -> list[str]:
        """The keys starting with ``prefix``, sorted."""
        self.keys_in_order()
        i = bisect.bisect_left(self._sorted, prefix)
        out = []
        while i < len(self._sorted) and self._sorted[i].startswith(prefix):
            out.append(self._sorted[i])
            i += 1
        return out

    def __getitem__(self, key: str) -> Any:
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
            value = self._alive.get(key) if self._alive is not None else None
        if value is None:
            rows = self._db.all("SELECT value FROM blobs WHERE kind = ? AND key = ?", (self._kind, key))
            if not rows:
                raise KeyError(key)
            value = self._decode(rows[0][0])
        with self._lock:
            if self._alive is not None:
                value = self._alive.setdefault(key, value)
            self._cache[key] = value
            while len(self._cache) > self._size:
                self._cache.popitem(last=False)
        return value

    def __contains__(self, key: object) -> bool:
        self.keys_in_order()
        return key in self._set

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys_in_order())

    def __len__(self) -> int:
        return len(self.keys_in_order())


class StoredLinks(Sequence):
    """``KB.links`` over the ``links`` table: length known, items read on demand, and the links
    touching a node (:func:`links_touching`) from the index of either end."""

    def __init__(self, db: _Db, count: int) -> None:
        self._db, self._count = db, count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._count))]
        if i < 0:
            i += self._count
        if not 0 <= i < self._count:
            raise IndexError(i)
        return pickle.loads(self._db.all("SELECT value FROM links WHERE seq = ?", (i + 1,))[0][0])

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return (pickle.loads(v) for _, v in self._db.pages("SELECT seq, value FROM links WHERE {seq}"))

    def touching(self, nid: str) -> list[dict[str, Any]]:
        rows = self._db.all("SELECT seq, value FROM links WHERE src = ? UNION "
                            "SELECT seq, value FROM links WHERE dst = ? ORDER BY seq", (nid, nid))
        return [pickle.loads(v) for _, v in rows]


class StoredKB:
    """The stored KB, a twin of :class:`kb.build.KB` (``graph``, ``acts``, ``docs``, ``refs``,
    ``links``, ``editions``, ``corpus_hash``, :meth:`expressions`, :meth:`node`).  ``acts`` is read
    whole; the rest on demand."""

    def __init__(self, db: _Db, meta: Mapping[str, str]) -> None:
        self._db = db
        self.path = db.path
        self.meta = dict(meta)
        self.corpus_hash = meta["corpus_hash"]
        self.graph = StoredGraph(db, meta)
        acts = db.all("SELECT key, value FROM blobs WHERE kind = 'act' ORDER BY seq")
        self.acts = {k: pickle.loads(v) for k, v in acts}
        self.docs = _Blobs(db, "doc", DOC_CACHE, shared=True)
        self.editions = _Blobs(db, "editions", EDITION_CACHE, decode=self._editions)
        self.bare_editions = _Blobs(db, "editions", 1 << 16, decode=lambda b: [e for _, e in pickle.loads(b)])
        self.refs = _Blobs(db, "refs", 1 << 16)
        self.links = StoredLinks(db, int(meta["links"]))
        self._doc_counts: dict[str, dict[str, Any]] | None = None

    def _editions(self, blob: bytes) -> list[Any]:
        out = []
        for eid, e in pickle.loads(blob):
            if eid is not None:
                object.__setattr__(e, "doc", self.docs[eid])
            out.append(e)
        return out

    def expressions(self, work: str) -> list[str]:
        return self.docs.with_prefix(work + "/")

    def node(self, nid: str) -> dict[str, Any]:
        return self.graph.nodes[nid]

    def doc_counts(self) -> dict[str, dict[str, Any]]:
        if self._doc_counts is None:
            rows = self._db.all("SELECT key, value FROM blobs WHERE kind = 'doccounts' ORDER BY seq")
            self._doc_counts = {k: json.loads(v) for k, v in rows}
        return self._doc_counts

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> StoredKB:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- the same questions of a stored and of an in-memory KB ------------------------------------------


def nodes_of_kind(g, kind: str) -> list[tuple[str, dict[str, Any]]]:
    """``(id, attrs)`` of every node of ``kind``, in graph order: an indexed query on a
    :class:`StoredGraph`, a scan of a networkx graph."""
    if isinstance(g, StoredGraph):
        return g.nodes_of_kind(kind)
    return [(n, d) for n, d in g.nodes(data=True) if d.get("kind") == kind]


def kind_counts(g) -> dict[str, int]:
    """Nodes per kind: from the store's meta table, or counted."""
    if isinstance(g, StoredGraph):
        return dict(g.kinds)
    return dict(Counter(d.get("kind") for _, d in g.nodes(data=True)))


def doc_counts(kb) -> dict[str, dict[str, Any]]:
    """Expression id → its document's counts (``parser.models.Document.counts``),
    ``staffing_bands`` (a staffing row has load bands) and ``announced`` (notes of amendments not
    yet applied to the text), without reading the documents of a store."""
    if isinstance(kb, StoredKB):
        return kb.doc_counts()
    return {e: _counts(doc) for e, doc in kb.docs.items()}


def editions_meta(kb, work: str) -> list[Any]:
    """The editions of ``work`` (``[]`` when none) for their dates, kinds and labels: a stored KB's
    without reading their documents (``doc`` is None), an in-memory KB's as they are."""
    if isinstance(kb, StoredKB):
        return kb.bare_editions.get(work, [])
    return kb.editions.get(work, [])


def links_touching(kb, nid: str) -> list[dict[str, Any]]:
    """The links of ``kb.links`` from or to ``nid``, in their order."""
    if isinstance(kb.links, StoredLinks):
        return kb.links.touching(nid)
    return [x for x in kb.links if nid in (x.get("from"), x.get("to"))]


def work_hashes(path: str) -> dict[str, str]:
    """sha256 per work ('' for the global rows) of its rows: nodes, edges and links from its nodes,
    blobs, each in store order, without the global sequence numbers (an act added elsewhere does
    not change another act's hash)."""
    con = _connect(path)
    try:
        _meta(con, path)
        digests: dict[str, Any] = {}

        def feed(work: str, *parts: Any) -> None:
            h = digests.get(work)
            if h is None:
                h = digests[work] = hashlib.sha256()
            for p in parts:
                b = p if isinstance(p, bytes) else b"\x00" if p is None else str(p).encode()
                h.update(len(b).to_bytes(8, "little") + b)

        edges = "edges e JOIN nodes s ON s.seq = e.src JOIN nodes d ON d.seq = e.dst"
        for name, table, cols, order in (("nodes", "nodes", "work, id, kind, attrs", "seq"),
                                         ("edges", edges, "s.work, s.id, d.id, e.key, e.attrs", "e.seq"),
                                         ("links", "links", "work, src, dst, type, value", "seq"),
                                         ("blobs", "blobs", "work, kind, key, value", "seq")):
            for row in con.execute(f"SELECT {cols} FROM {table} ORDER BY {order}"):
                feed(row[0], name, *row[1:])
        return {w: h.hexdigest() for w, h in sorted(digests.items())}
    finally:
        con.close()
