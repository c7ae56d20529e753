"""Search the unit index: words in all their forms, exact phrases, filters, as of a date.

:func:`search` parses the query (:mod:`index.querying`), runs it with the filters, and returns
a page of hits with snippets, flags, breadcrumbs and aligned units, the facet counts of all
hits, and a "did you mean" when a query word is nowhere in the index.

As of a date
------------
A unit is returned on ``as_of`` when it *exists* on that day — ``exists_from <= as_of <
visible_to`` (see :mod:`index.schema`) — and its flags say whenever the corpus text is not the
text in force on that day:

* text in force (``valid_from <= as_of < valid_to``): returned, no flag;
* text ended by an announced edition that is **not** in the corpus (``as_of >= valid_to``):
  returned with the ``superseded`` flag — the in-force text is missing and the user must see it;
* text restated or changed later, earlier text not in the corpus (``exists_from <= as_of <
  valid_from``): returned with the ``earlier_text_not_in_corpus`` flag;
* not returned: units of an act not yet in force, units added by a later amendment, and texts
  replaced by a later edition that *is* in the corpus (that edition's unit is returned).

With the KB given, the flags are the KB's (:func:`kb.versions.flags_for`, and
:func:`kb.status.unit_act_flags` for the acts a unit cites), computed at build for every span of
dates (:mod:`index.asof`) and picked from the index: a filter, not a timeline walk.  Without it
they are rebuilt from the dates stored in the index (``superseded`` and
``earlier_text_not_in_corpus``).
An edition announced in one language's text only (580-НҚ prints "Примечание ИЗПИ!" in Russian)
ends the aligned unit of the other language too: its ``superseded`` flag is the aligned unit's,
with ``announced_in`` naming that unit.
"""

from __future__ import annotations

import datetime
import html
import json
import os
import re
import threading
from array import array
from collections import Counter, OrderedDict
from itertools import accumulate, chain
from typing import Any

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.columns import NumericColumn, VarBytesColumn
from whoosh.filedb.filestore import FileStorage
from whoosh.idsets import DocIdSet
from whoosh.searching import Hit

from .analysis import kk_analyzer, query_keys, ru_analyzer, surface_analyzer
from .asof import FlagSets
from .querying import ParsedQuery, Word, filter_query, parse, surface_tokens, to_whoosh
from .schema import FACETS, KINDS, LANGS, META_FILE, NO_END, NO_START, SCHEMA_VERSION, text_field
from .segments import MANIFEST_FILE

__all__ = ["StaleIndex", "did_you_mean", "highlight", "index_info", "open_index", "search"]

SNIPPET_CHARS = 240
SNIPPET_CONTEXT = 40
MAX_LIMIT = 1000
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# --- opening -------------------------------------------------------------------------

_OPEN: dict[str, tuple[int, Any]] = {}
_OPEN_LOCK = threading.Lock()


class StaleIndex(RuntimeError):
    """The index on disk was built by another version of the schema: rebuild it."""


def index_info(path: str) -> dict[str, Any]:
    """What the build wrote beside the index (``schema_version``, ``corpus_hash``, ``documents``);
    ``{}`` when there is nothing (an index from before the file existed)."""
    try:
        with open(os.path.join(path, META_FILE), encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError):
        return {}


def open_index(ix_or_path):
    """An open whoosh index from an index or its folder (cached per folder; a rebuilt index,
    being a new folder, is opened again), for reading.

    Its segment files are read through file handles, not memory-mapped: whoosh copies every
    file of a memory-mapped segment it opens into a ``BytesIO`` (``BufferFile``), once per
    searcher, so each thread's searcher held a copy of most of the index (×100: 158 MiB after
    one search, 560 MiB after 100).

    Raises:
        FileNotFoundError: no index there.
        StaleIndex: the index was built with another schema version.
    """
    if not isinstance(ix_or_path, (str, os.PathLike)):
        return ix_or_path
    path = os.path.abspath(os.fspath(ix_or_path))
    if not whoosh_index.exists_in(path):
        raise FileNotFoundError(f"no search index in {path}; build it first (zangraph build)")
    ino = os.stat(path).st_ino
    with _OPEN_LOCK:
        cached = _OPEN.get(path)
        if cached is None or cached[0] != ino:
            version = index_info(path).get("schema_version")
            if version != SCHEMA_VERSION:
                raise StaleIndex(f"the search index in {path} has schema version {version}, this code needs "
                                 f"{SCHEMA_VERSION}: rebuild it (delete the folder or run zangraph build)")
            cached = (ino, whoosh_index.FileIndex(FileStorage(path, supports_mmap=False, readonly=True)))
            _OPEN[path] = cached
        return cached[1]


# --- search --------------------------------------------------------------------------


def _is_date(value) -> bool:
    if not isinstance(value, str) or not ISO_DATE.match(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _check_args(lang, as_of, kind, limit, offset) -> None:
    if lang is not None and lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    if as_of is not None and not _is_date(as_of):
        raise ValueError(f"as_of must be a date YYYY-MM-DD, not {as_of!r}")
    if not isinstance(limit, int) or not 0 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be an integer from 0 to {MAX_LIMIT}")
    if not isinstance(offset, int) or offset < 0:
        raise ValueError("offset must be a non-negative integer")


def _langs(parsed: ParsedQuery, lang: str | None) -> tuple[str, ...]:
    if lang:
        return (lang,)
    top = [v for v in parsed.top_filters("lang") if v in LANGS]
    return (top[0],) if len(set(top)) == 1 else LANGS


def as_of_filter(as_of: str) -> wq.Query:
    """Units that exist on ``as_of`` (see the module docstring)."""
    return wq.And([wq.TermRange("exists_from", NO_START, as_of),
                   wq.TermRange("visible_to", as_of, None, startexcl=True)])


def search(ix_or_path, query: str, lang: str | None = None, as_of: str | None = None, kind: str | None = None,
           act: str | None = None, limit: int = 10, offset: int = 0, kb=None) -> dict[str, Any]:
    """Search units.

    Args:
        ix_or_path: an open index or its folder (``build_index``'s result).
        query: the query (see :mod:`index.querying`).
        lang: ``"ru"`` or ``"kk"``: only units of that language, words analysed for it.
        as_of: ISO date: only units that exist on that day, flagged when their text is not
            the one in force (see the module docstring).
        kind, act: filters, as ``kind:`` and ``act:`` in the query (act: id or number).
        limit, offset: the page of hits.
        kb: the built KB, for flags and aligned units (without it, both come from the index).

    Returns:
        ``{"query", "total", "offset", "limit", "as_of", "hits", "facets", "did_you_mean"}``;
        facets count all hits (act by work id, lang, kind, group, okr).

    Raises:
        ValueError: a bad query or argument (the message says what is wrong).
    """
    _check_args(lang, as_of, kind, limit, offset)
    parsed = parse(query)
    langs = _langs(parsed, lang)
    q = to_whoosh(parsed.tree, langs)
    state = _state(open_index(ix_or_path))
    searcher = state.searcher()
    if q is None:
        q = wq.NullQuery
    allow = state.allowed(lang, kind, act, as_of)
    if allow is not None and not allow:
        q, allow = wq.NullQuery, None  # whoosh reads an empty filter as "no filter"
    results = searcher.search(q, filter=allow, limit=None)
    total = len(results)
    facets = _facets(state, [docnum for _, docnum in results.top_n])
    page = _page(results, offset, limit, state)
    marks = _marks(parsed, langs)
    sets = state.flagsets() if as_of and kb is not None else None
    hits = [_hit(searcher, h, marks, as_of, kb, sets) for h in page]
    suggestion = did_you_mean(searcher, parsed, langs)
    return {"query": query, "total": total, "offset": offset, "limit": limit, "as_of": as_of, "hits": hits,
            "facets": facets, "did_you_mean": suggestion}


class _Column:
    """One value per document number, kept as a small int into the table of the column's
    distinct values: one ``str`` per distinct value, not one per document (at ×100, 344k
    documents × five facets were as many strings)."""

    __slots__ = ("codes", "values")

    def __init__(self, values: list, codes: array) -> None:
        self.values = values
        self.codes = codes

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, docnum: int):
        return self.values[self.codes[docnum]]

    def counts(self, docnums) -> Counter:
        """How many of ``docnums`` have each value."""
        values = self.values
        return Counter({values[code]: n for code, n in Counter(map(self.codes.__getitem__, docnums)).items()})

    def mask(self, keep) -> bytes:
        """One byte per document: 1 where ``keep(value)`` holds, else 0."""
        table = bytes(1 if keep(v) else 0 for v in self.values)
        return bytes(map(table.__getitem__, self.codes))


def _codes(n_values: int) -> str:
    return "B" if n_values <= 1 << 8 else "H" if n_values <= 1 << 16 else "I"


def _leaf_column(leaf, name: str):
    """The raw values (bytes) of a leaf's column, one per document number.  whoosh's
    ``VarBytesColumn`` reader fetches each value apart (about 2 µs a document); its values sit one
    after another, so they are read at once and cut by their lengths."""
    reader = leaf.column_reader(name, translate=False)
    if type(reader) is VarBytesColumn.Reader and hasattr(reader, "_lengths"):
        lengths = reader._lengths
        data = reader._dbfile.get(reader._basepos, sum(lengths)) if len(lengths) else b""
        ends = list(accumulate(lengths))
        return lambda: map(data.__getitem__, map(slice, chain((0,), ends), ends))
    return lambda: iter(reader)


def _facet_column(reader, name: str) -> _Column:
    """A facet column of the whole index.  Read segment by segment: whoosh's column over several
    segments leaves out a segment with no value in the field (no column file), which would shift
    every later document."""
    leaves = [_leaf_column(leaf, name) for leaf, _ in reader.leaf_readers()]
    raw = sorted({v for values in leaves for v in values()})
    values = [v.decode("utf-8") if isinstance(v, bytes) else (v or "") for v in raw]
    index = {v: i for i, v in enumerate(raw)}
    codes = array(_codes(len(raw)))
    for values_of in leaves:
        codes.extend(map(index.__getitem__, values_of()))
    return _Column(values, codes)


def _term_column(reader, field: str) -> _Column:
    """The term of each document in a field of one term per document (an ``ID`` field), from the
    terms' postings; ``None`` for a document without one (and a deleted one)."""
    terms = [None, *(t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.lexicon(field))]
    index = {t: i for i, t in enumerate(terms)}
    codes = array(_codes(len(terms)), [0]) * reader.doc_count_all()
    for leaf, offset in reader.leaf_readers():
        for term in leaf.lexicon(field):
            code = index[term.decode("utf-8") if isinstance(term, bytes) else term]
            for docnum in leaf.postings(field, term).all_ids():
                codes[offset + docnum] = code
    return _Column(terms, codes)


def _and(masks: list[bytes]) -> bytes:
    """Documents in every mask."""
    if len(masks) == 1:
        return masks[0]
    both = int.from_bytes(masks[0], "little")
    for m in masks[1:]:
        both &= int.from_bytes(m, "little")
    return both.to_bytes(len(masks[0]), "little")


class _Lengths:
    """A segment's field lengths (whoosh's ``LENGTHS_COLUMN``, one byte per document) in memory:
    what its column reader answers, by document number and in a loop (``min`` / ``max``)."""

    __slots__ = ("data",)

    def __init__(self, reader, doccount: int) -> None:
        count = min(reader._count, doccount)
        data = reader._dbfile.get(reader._basepos, count) if count else b""
        self.data = bytes(data) + bytes([reader._default]) * (doccount - count)

    def __getitem__(self, docnum: int) -> int:
        return self.data[docnum] if docnum < len(self.data) else 0

    def __iter__(self):
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)


class _Allowed(DocIdSet):
    """The documents a filter allows, one byte per document number (1: allowed); whoosh's
    collector only asks ``docnum in``."""

    def __init__(self, bits: bytes) -> None:
        self.bits = bits

    def __contains__(self, docnum: int) -> bool:
        return self.bits[docnum] == 1

    def __len__(self) -> int:
        return self.bits.count(1)

    def __bool__(self) -> bool:
        return 1 in self.bits

    def __iter__(self):
        return (i for i, b in enumerate(self.bits) if b)


#: Bytes of filter masks a :class:`_State` keeps (one byte per document each: ×100, 344 KB).
FILTER_CACHE_BYTES = 48 << 20


class _State:
    """What stays valid as long as an index does not change, shared by the threads: the facet
    columns and the two date fields as :class:`_Column`s, the filters (as-of, language, kind,
    act) as masks computed from them — the most recently used kept up to
    :data:`FILTER_CACHE_BYTES` — and one searcher per thread (whoosh searchers are not shared
    between threads)."""

    def __init__(self, ix):
        self.ix = ix
        self.local = threading.local()
        self.lock = threading.Lock()
        self.column_lock = threading.Lock()  # a column is read once, by one thread
        self.columns: dict[str, _Column] = {}
        self.masks: OrderedDict[tuple, bytes] = OrderedDict()
        self.lengths: dict[tuple[str, str], _Lengths] = {}
        self._live: bytes | None | bool = False  # False: not read yet
        self._flagsets: FlagSets | None = None
        self._ranks: dict[str, int] | None | bool = False  # False: not read yet

    def flagsets(self) -> FlagSets:
        """The index's flag lists (read once)."""
        if self._flagsets is None:
            sets = FlagSets.load(self.ix.storage.folder)
            with self.lock:
                self._flagsets = sets
        return self._flagsets

    def ranks(self) -> dict[str, int] | None:
        """The rank of each act in graph order when the documents are not in that order (an
        index updated act by act, :mod:`index.segments`), else ``None``."""
        if self._ranks is False:
            ranks = None
            try:
                with open(os.path.join(self.ix.storage.folder, MANIFEST_FILE), encoding="utf-8") as fh:
                    m = json.load(fh)
                if not m.get("in_order", True):
                    ranks = {a["work"]: i for i, a in enumerate(m["acts"])}
            except (OSError, ValueError, KeyError, TypeError):
                pass
            with self.lock:
                self._ranks = ranks
        return self._ranks

    def searcher(self):
        s = getattr(self.local, "searcher", None)
        if s is None:
            s = self.local.searcher = self.ix.searcher()
            self._share_lengths(s)
        return s

    def _share_lengths(self, searcher) -> None:
        """Give the searcher's segments the field lengths read into memory, shared by the
        threads: BM25 asks a scored field's length of every hit, and whoosh reads each from the
        segment file (a seek and a read: a fifth of a search's time).  A segment whose lengths
        are not whoosh 2.7's one byte per document keeps its own reader."""
        for leaf, _ in searcher.reader().leaf_readers():
            perdoc = getattr(leaf, "_perdoc", None)
            readers = getattr(perdoc, "_readers", None)
            if not isinstance(readers, dict) or not hasattr(perdoc, "_cached_reader"):
                continue
            for name in leaf.schema.scorable_names():
                lenfield = _lenfield(name)
                key = (leaf.segment().segment_id(), lenfield)
                shared = self.lengths.get(key)
                if shared is None:
                    reader = perdoc._cached_reader(lenfield, LENGTHS_COLUMN)
                    if type(reader) is not NumericColumn.Reader or getattr(reader, "_typecode", None) != "B":
                        continue
                    shared = _Lengths(reader, leaf.doc_count_all())
                    with self.lock:
                        self.lengths[key] = shared
                readers[lenfield] = shared

    def column(self, name: str) -> _Column:
        """A facet column (``FACETS``), or a date field's terms (``exists_from``,
        ``visible_to``), one value per document number; read once, a thread at a time."""
        col = self.columns.get(name)
        if col is None:
            with self.column_lock:
                col = self.columns.get(name)
                if col is None:
                    reader = self.searcher().reader()
                    col = _facet_column(reader, name) if name in FACETS else _term_column(reader, name)
                    self.columns[name] = col
        return col

    def live(self) -> bytes | None:
        """One byte per document, 0 for a deleted one; ``None`` when none is deleted."""
        if self._live is False:
            reader = self.searcher().reader()
            live = None
            if reader.has_deletions():
                bits = bytearray(b"\x01" * reader.doc_count_all())
                for leaf, offset in reader.leaf_readers():
                    for docnum in range(leaf.doc_count_all()):
                        if leaf.is_deleted(docnum):
                            bits[offset + docnum] = 0
                live = bytes(bits)
            self._live = live
        return self._live

    def _mask(self, key: tuple, compute) -> bytes:
        with self.lock:
            bits = self.masks.get(key)
            if bits is not None:
                self.masks.move_to_end(key)
                return bits
        bits = compute()
        with self.lock:
            self.masks[key] = bits
            while len(self.masks) > 1 and len(self.masks) * len(bits) > FILTER_CACHE_BYTES:
                self.masks.popitem(last=False)
        return bits

    def allowed(self, lang: str | None = None, kind: str | None = None, act: str | None = None,
                as_of: str | None = None) -> _Allowed | None:
        """The documents the filters allow — what ``searcher.docs_for_query`` gives for
        ``Term("lang", lang)``, ``Term("kind", kind)``, :func:`filter_query` ``("act", act)``
        and :func:`as_of_filter` ``(as_of)`` AND-ed — or ``None`` without filters."""
        if not (lang or kind or act or as_of):
            return None
        span = self._as_of(as_of) if as_of else None
        return _Allowed(self._mask(("all", lang, kind, act, span and span[0]),
                                   lambda: self._allowed(lang, kind, act, span)))

    def _allowed(self, lang, kind, act, span) -> bytes:
        masks = []
        if lang:
            masks.append(self._mask(("lang", lang), lambda: self.column("lang").mask(lambda v: v == lang)))
        if kind:
            masks.append(self._mask(("kind", kind), lambda: self.column("kind").mask(lambda v: v == kind)))
        if act:
            masks.append(self._mask(("act", act), lambda: self._query_mask(filter_query("act", act))))
        if span:
            masks.append(self._mask(*span))
        live = self.live()
        if live is not None:
            masks.append(live)
        return _and(masks)

    def _as_of(self, as_of: str) -> tuple[tuple, Any]:
        """:func:`as_of_filter` from the date columns: ``exists_from`` in ``[NO_START, as_of]``
        and ``visible_to`` after ``as_of`` (the terms compared as strings, as whoosh's term
        ranges do).  The dates between two terms give the same mask: it is kept by the terms
        it takes."""
        starts, ends = self.column("exists_from"), self.column("visible_to")
        first = [t for t in starts.values if t is not None and NO_START <= t <= as_of]
        later = [t for t in ends.values if t is not None and t > as_of]
        key = ("as_of", len(first), first[-1] if first else None, later[0] if later else None)

        def compute() -> bytes:
            lo, hi = (first[0], first[-1]) if first else (None, None)
            end = later[0] if later else None
            return _and([starts.mask(lambda v: v is not None and lo is not None and lo <= v <= hi),
                         ends.mask(lambda v: v is not None and end is not None and v >= end)])

        return key, compute

    def _query_mask(self, q: wq.Query) -> bytes:
        searcher = self.searcher()
        bits = bytearray(searcher.doc_count_all())
        for docnum in searcher.docs_for_query(q):
            bits[docnum] = 1
        return bytes(bits)


_STATES: dict[Any, _State] = {}


def _state(ix) -> _State:
    """The state of an open index, one per index folder: a rebuilt index (a new folder renamed
    in, opened again by :func:`open_index`) replaces its predecessor's, which is let go."""
    folder = getattr(getattr(ix, "storage", None), "folder", None)
    key = os.path.abspath(folder) if folder else id(ix)
    st = _STATES.get(key)
    if st is None or st.ix is not ix:
        with _OPEN_LOCK:
            st = _STATES.get(key)
            if st is None or st.ix is not ix:
                st = _STATES[key] = _State(ix)
    return st


def _page(results, offset: int, limit: int, state: _State) -> list:
    """The hits ``offset … offset + limit``: by score, equal scores in graph order.

    whoosh orders equal scores by document number, which is graph order in an index written in
    full; in one updated act by act the acts' documents are not (an act's own documents still
    are: they sit together in one segment), so the runs of equal scores the page cuts are put in
    the acts' graph order, as a full build would have them."""
    if not limit:
        return []
    ranks = state.ranks()
    top = results.top_n
    if ranks is None or offset >= len(top):
        return results[offset:offset + limit]
    end = min(offset + limit, len(top))
    lo, hi = offset, end
    while lo > 0 and top[lo - 1][0] == top[offset][0]:
        lo -= 1
    while hi < len(top) and top[hi][0] == top[end - 1][0]:
        hi += 1
    acts = state.column("act")
    run = sorted(top[lo:hi], key=lambda t: (-t[0], ranks.get(acts[t[1]], len(ranks)), t[1]))
    page = run[offset - lo:end - lo]
    return [Hit(results, docnum, pos, score) for pos, (score, docnum) in enumerate(page, offset)]


def _facets(state: _State, docnums: list[int]) -> dict[str, dict[str, int]]:
    """Counts per value of each facet field over all hits, most frequent first (then by value).
    ``group`` and ``okr`` count only hits that have one; an ``okr`` of several levels counts once
    per level."""
    out = {}
    for name in FACETS:
        counts: Counter[str] = Counter()
        for value, n in state.column(name).counts(docnums).items():
            if not value:
                continue
            if name == "okr":
                for v in value.split(","):
                    if v:
                        counts[v] += n
            else:
                counts[value] += n
        out[name] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return out


def _none_if_sentinel(value: str | None) -> str | None:
    return None if value in (None, NO_START, NO_END) else value


def _hit(searcher, h, marks, as_of: str | None, kb, sets: FlagSets | None = None) -> dict[str, Any]:
    f = h.fields()
    return {
        "unit_id": f["unit_id"],
        "node": f["node"],
        "act": f["act"],
        "act_number": f.get("act_number"),
        "lang": f["lang"],
        "position_id": f.get("position_id"),
        "group": f.get("group"),
        "kind": f["kind"],
        "okr": f.get("okr") or None,
        "snippet": highlight(f["text"], f["lang"], marks),
        "score": round(float(h.score), 4),
        "flags": _flags(f, as_of, kb, sets),
        "breadcrumb": f.get("breadcrumb"),
        "valid_from": _none_if_sentinel(f.get("valid_from")),
        "valid_to": _none_if_sentinel(f.get("valid_to")),
        "aligned": _aligned(searcher, f, kb),
    }


def _flags(f: dict[str, Any], as_of: str | None, kb, sets: FlagSets | None = None) -> list[dict[str, Any]]:
    if not as_of:
        return []
    if kb is not None and sets is not None:  # the KB's flags, precomputed per span at build (index.asof)
        return sets.flags_on(f.get("flag_spans") or [], as_of)
    flags = []
    valid_to = f.get("valid_to") or NO_END
    if as_of >= valid_to and f.get("ended_by"):
        flags.append({"kind": "superseded", "by": {"number": f["ended_by"]}, "since": valid_to,
                      "text_in_corpus": False,
                      "message": f"from {valid_to} this unit is in the edition of order № {f['ended_by']}; "
                                 "that text is not in the corpus"})
    valid_from = f.get("valid_from") or NO_START
    if as_of < valid_from:
        flags.append({"kind": "earlier_text_not_in_corpus", "known_from": valid_from, "text_in_corpus": False,
                      "message": f"the corpus text is known in force from {valid_from}; "
                                 "the text before is not in the corpus"})
    return flags


def _aligned(searcher, f: dict[str, Any], kb) -> dict[str, Any] | None:
    """The same unit in the other language: the KB's ``aligned_with`` edge, else the index."""
    if kb is not None:
        g = kb.graph
        node = f["node"]
        if node not in g:
            return None
        other = [b for _, b, key in g.out_edges(node, keys=True) if key == "aligned_with"]
        other += [a for a, _, key in g.in_edges(node, keys=True) if key == "aligned_with"]
        if not other:
            return None
        d = g.nodes[other[0]]
        return {"unit_id": d["eid"], "node": other[0], "lang": d["lang"],
                "text": (d.get("text") or d.get("heading") or "")}
    for lang in LANGS:
        if lang == f["lang"]:
            continue
        docnum = _first_doc(searcher, wq.And([wq.Term("act", f["act"]), wq.Term("unit_id", f["unit_id"]),
                                              wq.Term("lang", lang)]))
        if docnum is not None:
            doc = searcher.stored_fields(docnum)
            return {"unit_id": doc["unit_id"], "node": doc["node"], "lang": lang, "text": doc["text"]}
    return None


def _first_doc(searcher, q: wq.Query) -> int | None:
    """The first document matching ``q``, as ``searcher.document`` finds it, but by stepping the
    matcher: whoosh's ``docs_for_query`` intersects by reading every posting of each term into a
    set (every document of a language, for one aligned unit)."""
    for leaf, offset in searcher.leaf_searchers():
        m = q.matcher(leaf, leaf.boolean_context())
        if m.is_active():
            return offset + m.id()
    return None


# --- snippets ------------------------------------------------------------------------

_ANALYZERS: dict[str, Any] = {}


def _analyzer(name: str):
    if name not in _ANALYZERS:
        _ANALYZERS[name] = {"ru": ru_analyzer, "kk": kk_analyzer, "surface": surface_analyzer}[name]()
    return _ANALYZERS[name]


def _marks(parsed: ParsedQuery, langs: tuple[str, ...]) -> dict[str, Any]:
    """What to highlight: the keys of the query's words per language, and its phrases' tokens."""
    keys = {lang: {k for w in parsed.words() for k in query_keys(w.text, lang)} for lang in langs}
    phrases = [toks for toks in (surface_tokens(p.text) for p in parsed.phrases()) if toks]
    return {"keys": keys, "phrases": phrases}


def _spans(text: str, lang: str, marks: dict[str, Any]) -> list[tuple[int, int]]:
    spans = []
    keys = marks["keys"].get(lang)
    if keys:
        for t in _analyzer(lang)(text, chars=True, mode="index"):
            if t.text in keys:
                spans.append((t.startchar, t.endchar))
    if marks["phrases"]:
        by_pos: dict[int, list[tuple[str, int, int]]] = {}
        for t in _analyzer("surface")(text, positions=True, chars=True, mode="index"):
            by_pos.setdefault(t.pos, []).append((t.text, t.startchar, t.endchar))
        for pos in sorted(by_pos):
            for toks in marks["phrases"]:
                cells = [by_pos.get(pos + i, []) for i in range(len(toks))]
                if all(any(c[0] == tok for c in cell) for tok, cell in zip(toks, cells, strict=True)):
                    start = min(c[1] for c in cells[0] if c[0] == toks[0])
                    end = max(c[2] for c in cells[-1] if c[0] == toks[-1])
                    spans.append((start, end))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def highlight(text: str, lang: str, marks: dict[str, Any], width: int = SNIPPET_CHARS) -> str:
    """A snippet of ``text`` with the matched words in ``<b>…</b>`` (the text HTML-escaped).

    A text longer than ``width`` is cut to the window holding most matches, on word
    boundaries, with ``…`` where it was cut.
    """
    spans = _spans(text, lang, marks)
    lo, hi = 0, len(text)
    if len(text) > width:
        lo, best = 0, -1
        for s, _ in spans:
            start = max(0, s - SNIPPET_CONTEXT)
            n = sum(1 for a, b in spans if a >= start and b <= start + width)
            if n > best:
                lo, best = start, n
        hi = min(len(text), lo + width)
        inside = [(a, b) for a, b in spans if a >= lo and b <= hi]
        first = inside[0][0] if inside else hi
        last = inside[-1][1] if inside else lo
        if lo > 0:  # start after a space, not inside a word (nor past the first match)
            sp = text.find(" ", lo, first)
            lo = sp + 1 if sp >= 0 else lo
        if hi < len(text):  # end at a space (not before the last match)
            sp = text.rfind(" ", last, hi)
            hi = sp if sp > lo else hi
    out, pos = [], lo
    for s, e in spans:
        if e <= lo or s >= hi:
            continue
        s, e = max(s, lo), min(e, hi)
        out.append(html.escape(text[pos:s], quote=False))
        out.append(f"<b>{html.escape(text[s:e], quote=False)}</b>")
        pos = e
    out.append(html.escape(text[pos:hi], quote=False))
    return ("…" if lo > 0 else "") + "".join(out) + ("…" if hi < len(text) else "")


# --- did you mean --------------------------------------------------------------------


def edit_distance(a: str, b: str) -> int:
    """Damerau–Levenshtein distance (adjacent transpositions count one edit).

    >>> edit_distance("психолг", "психолог"), edit_distance("кодкес", "кодекс")
    (1, 1)
    """
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]


def _known(reader, word: str, langs: tuple[str, ...]) -> bool:
    return any(reader.doc_frequency(text_field(lang), k) for lang in langs for k in query_keys(word, lang))


def suggest_word(reader, word: str, langs: tuple[str, ...]) -> str | None:
    """The closest word of the index vocabulary to an unknown ``word`` in ``langs``, or ``None``.

    Candidates are surface words of the searched languages (and Russian lemmas), at most 1 edit
    away for words up to 5 letters and 2 for longer ones; the nearest wins, then the most
    frequent, then the first in alphabetical order.
    """
    w = word.lower()
    if len(w) < 3 or not w.isalpha():
        return None
    maxdist = 1 if len(w) <= 5 else 2
    scored = {}
    fields = ["surface"] + (["text_ru"] if "ru" in langs else [])
    for fieldname in fields:
        for cand in reader.terms_within(fieldname, w, maxdist):
            if cand == w or cand in scored or not cand.isalpha():
                continue
            if fieldname == "surface" and not _known(reader, cand, langs):
                continue
            dist = edit_distance(w, cand)
            if dist <= maxdist:
                scored[cand] = (dist, -reader.doc_frequency(fieldname, cand), cand)
    if not scored:
        return None
    return min(scored.values())[2]


def did_you_mean(searcher, parsed: ParsedQuery, langs: tuple[str, ...]) -> str | None:
    """The query with each of its words that is nowhere in the index replaced by the closest
    indexed word; ``None`` when every word is known or nothing close is found."""
    reader = searcher.reader()
    changes: list[tuple[Word, str]] = []
    for w in parsed.words():
        if _known(reader, w.text, langs):
            continue
        s = suggest_word(reader, w.text, langs)
        if s is not None:
            changes.append((w, s))
    if not changes:
        return None
    text = parsed.text
    for w, s in sorted(changes, key=lambda c: c[0].start, reverse=True):
        text = text[:w.start] + s + text[w.end:]
    return text
