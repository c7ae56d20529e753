"""Peers: the same lemma stream indexed and queried with tantivy and with SQLite FTS5.

The stream is made once with zangraph's own analysers (:func:`lemma_stream`): for every unit
record of :func:`index.build.unit_records`, the tokens its language's analyser gives
(``ru_analyzer`` / ``kk_analyzer``: morphological keys, hyphen parts included) and the surface
tokens (``surface_analyzer`` in query mode: whole words, lower case, spelling normalised).  A
peer receives them pre-tokenised, joined by spaces, and splits on whitespace only (tantivy's
``whitespace`` tokenizer; FTS5's ``unicode61`` with ``-`` and ``_`` as token characters), so it
does no linguistics of its own and indexes exactly the keys whoosh indexes.

Queries are parsed by zangraph (:func:`index.querying.parse`) and translated from the same tree
(:func:`plan`): a word is the OR of its keys in the text field of each searched language, a
phrase is a phrase on the surface field, NOT excludes, ``act:``/``kind:``/``lang:`` filters are
terms, ``as_of`` is the range ``exists_from <= as_of < visible_to`` of :mod:`index.search`.  A
peer returns the top 10 unit ids and the total number of hits; it does not make snippets,
facets or "did you mean" (zangraph's ``search`` does, see ``whoosh core`` in the report for
the engine alone).

Known difference: hyphen parts sit on their own positions in the peers' surface field (the
peers' surface field has whole words only), so a phrase that spells a hyphenated word as two
words (``"кейс менеджер"``) finds nothing in the peers.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from index.analysis import kk_analyzer, query_keys, ru_analyzer, surface_analyzer
from index.querying import Any as AnyNode
from index.querying import Filter, Not, Phrase, Word, parse, surface_tokens
from index.schema import LANGS, text_field
from kb.ids import slug_number

from .measure import du

__all__ = ["Fts5Peer", "PEERS", "TantivyPeer", "UnitStream", "lemma_stream", "plan"]

FILTER_FIELDS = ("lang", "kind", "act", "act_key", "grp", "okr")


@dataclass
class UnitStream:
    """One index document of the peers: identity, filters and pre-tokenised text."""

    node: str
    unit_id: str
    lang: str
    kind: str
    act: str
    act_key: str
    grp: str
    okr: list[str]
    exists_from: int
    visible_to: int
    lemmas: str  # analyser keys, space-joined
    surface: str  # surface tokens, space-joined


def _day(iso: str) -> int:
    """An ISO date as an integer; the open-end sentinels of :mod:`index.schema` stay in order.

    >>> _day("2025-11-05"), _day("0000-00-00"), _day("9999-12-31")
    (20251105, 0, 99991231)
    """
    return int(iso.replace("-", ""))


def _token(value: str) -> str:
    """A filter value as one whitespace-free token (also what a query asks for)."""
    return re.sub(r"[^\w-]", "_", value.strip().lower())


def lemma_stream(records: Iterable[dict[str, Any]]) -> list[UnitStream]:
    """Pre-tokenise unit records with zangraph's analysers (the peers' input)."""
    analysers = {"ru": ru_analyzer(), "kk": kk_analyzer()}
    surface = surface_analyzer()
    out = []
    for rec in records:
        text = rec["text"]
        lemmas = [t.text for t in analysers[rec["lang"]](text, mode="index")]
        words = [t.text for t in surface(text, mode="query")]
        out.append(
            UnitStream(
                node=rec["node"],
                unit_id=rec["unit_id"],
                lang=rec["lang"],
                kind=rec["kind"],
                act=rec["act"],
                act_key=rec["act_key"],
                grp=rec.get("group") or "",
                okr=[v for v in (rec.get("okr") or "").split(",") if v],
                exists_from=_day(rec["exists_from"]),
                visible_to=_day(rec["visible_to"]),
                lemmas=" ".join(lemmas),
                surface=" ".join(words),
            )
        )
    return out


# --- the query plan ------------------------------------------------------------------------
# ("term", field, value) | ("phrase", field, [tokens]) | ("or", [plans]) | ("and", [pos], [neg]) | ("all",)


def _plan(node, langs: tuple[str, ...]):
    if isinstance(node, Word):
        terms = list(
            dict.fromkeys(
                ("term", text_field(lang), k) for lang in langs for k in query_keys(node.text, lang)
            )
        )
        if not terms:
            return None
        return terms[0] if len(terms) == 1 else ("or", terms)
    if isinstance(node, Phrase):
        toks = surface_tokens(node.text)
        if not toks:
            return None
        return ("term", "surface", toks[0]) if len(toks) == 1 else ("phrase", "surface", toks)
    if isinstance(node, Filter):
        if node.field == "act":
            if node.value.startswith("/akn/"):
                return ("term", "act", _token(node.value))
            return ("term", "act_key", _token(slug_number(node.value)))
        return ("term", "grp" if node.field == "group" else node.field, _token(node.value))
    if isinstance(node, Not):
        inner = _plan(node.child, langs)
        return None if inner is None else ("and", [], [inner])
    if isinstance(node, AnyNode):
        subs = [p for p in (_plan(c, langs) for c in node.children) if p is not None]
        if not subs:
            return None
        return subs[0] if len(subs) == 1 else ("or", subs)
    pos, neg = [], []
    for c in node.children:
        if isinstance(c, Not):
            p = _plan(c.child, langs)
            if p is not None:
                neg.append(p)
        else:
            p = _plan(c, langs)
            if p is not None:
                pos.append(p)
    if not pos and not neg:
        return None
    if not neg:
        return pos[0] if len(pos) == 1 else ("and", pos, [])
    return ("and", pos, neg)


def plan(query: str, lang: str | None) -> tuple[Any, str | None]:
    """The plan of a query and the language filter, as :func:`index.search.search` would run it."""
    parsed = parse(query)
    if lang:
        langs: tuple[str, ...] = (lang,)
    else:
        top = [v for v in parsed.top_filters("lang") if v in LANGS]
        langs = (top[0],) if len(set(top)) == 1 else LANGS
    return _plan(parsed.tree, langs), lang


# --- tantivy -------------------------------------------------------------------------------


class TantivyPeer:
    """tantivy (Python bindings): whitespace-tokenised fields, one writer thread."""

    name = "tantivy"

    def __init__(self, threads: int = 1, heap_mb: int = 128) -> None:
        import tantivy

        self.t = tantivy
        self.threads = threads
        self.heap = heap_mb * 1024 * 1024
        self.folder: str | None = None
        self.index = None
        self.searcher = None

    def version(self) -> str:
        return getattr(self.t, "__version__", "?")

    def _schema(self):
        sb = self.t.SchemaBuilder()
        sb.add_text_field("node", stored=True, tokenizer_name="raw")
        sb.add_text_field("unit_id", stored=True, tokenizer_name="raw")
        for f in FILTER_FIELDS:
            sb.add_text_field(f, tokenizer_name="raw", index_option="basic")
        for lang in LANGS:
            sb.add_text_field(text_field(lang), tokenizer_name="whitespace", index_option="freq")
        sb.add_text_field("surface", tokenizer_name="whitespace", index_option="position")
        sb.add_integer_field("exists_from", indexed=True, fast=True)
        sb.add_integer_field("visible_to", indexed=True, fast=True)
        return sb.build()

    def build(self, stream: list[UnitStream], folder: str) -> None:
        self.close()
        os.makedirs(folder, exist_ok=True)
        self.folder = folder
        self.schema = self._schema()
        self.index = self.t.Index(self.schema, path=folder, reuse=False)
        writer = self.index.writer(self.heap, self.threads)
        Document = self.t.Document
        for u in stream:
            doc = Document()
            doc.add_text("node", u.node)
            doc.add_text("unit_id", u.unit_id)
            doc.add_text("lang", u.lang)
            doc.add_text("kind", _token(u.kind))
            doc.add_text("act", _token(u.act))
            doc.add_text("act_key", _token(u.act_key))
            if u.grp:
                doc.add_text("grp", _token(u.grp))
            for v in u.okr:
                doc.add_text("okr", _token(v))
            doc.add_text(text_field(u.lang), u.lemmas)
            doc.add_text("surface", u.surface)
            doc.add_integer("exists_from", u.exists_from)
            doc.add_integer("visible_to", u.visible_to)
            writer.add_document(doc)
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()

    def size(self) -> int:
        return du(self.folder) if self.folder else 0

    def _q(self, p):
        Q, Occur = self.t.Query, self.t.Occur
        kind = p[0]
        if kind == "term":
            return Q.term_query(self.schema, p[1], p[2])
        if kind == "phrase":
            return Q.phrase_query(self.schema, p[1], list(p[2]))
        if kind == "or":
            return Q.boolean_query([(Occur.Should, self._q(s)) for s in p[1]])
        if kind == "and":
            musts = [(Occur.Must, self._q(s)) for s in p[1]] or [(Occur.Must, Q.all_query())]
            return Q.boolean_query(musts + [(Occur.MustNot, self._q(s)) for s in p[2]])
        raise ValueError(p)

    def query(self, planned, lang: str | None, as_of: str | None, limit: int = 10) -> tuple[int, list[str]]:
        p, _ = planned
        Q, Occur, FT = self.t.Query, self.t.Occur, self.t.FieldType
        parts = [(Occur.Must, self._q(p) if p is not None else Q.empty_query())]
        if lang:
            parts.append((Occur.Must, Q.term_query(self.schema, "lang", lang)))
        if as_of:
            day = _day(as_of)
            parts.append((Occur.Must, Q.range_query(self.schema, "exists_from", FT.Integer, None, day)))
            parts.append(
                (
                    Occur.Must,
                    Q.range_query(self.schema, "visible_to", FT.Integer, day, None, include_lower=False),
                )
            )
        q = parts[0][1] if len(parts) == 1 else Q.boolean_query(parts)
        res = self.searcher.search(q, limit=limit, count=True)
        nodes = [self.searcher.doc(addr)["node"][0] for _, addr in res.hits]
        return res.count, nodes

    def close(self) -> None:
        self.searcher = None
        self.index = None


# --- SQLite FTS5 ---------------------------------------------------------------------------


class Fts5Peer:
    """SQLite FTS5 (stdlib ``sqlite3``): whitespace-separated tokens, ``bm25`` ranking."""

    name = "sqlite-fts5"
    TOKENIZE = "unicode61 remove_diacritics 0 tokenchars '-_'"

    def __init__(self) -> None:
        self.path: str | None = None
        self.db: sqlite3.Connection | None = None

    @staticmethod
    def available() -> bool:
        try:
            con = sqlite3.connect(":memory:")
            con.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
            con.close()
            return True
        except sqlite3.OperationalError:
            return False

    def version(self) -> str:
        return sqlite3.sqlite_version

    def build(self, stream: list[UnitStream], folder: str) -> None:
        self.close()
        os.makedirs(folder, exist_ok=True)
        self.path = os.path.join(folder, "units.sqlite")
        if os.path.exists(self.path):
            os.unlink(self.path)
        db = sqlite3.connect(self.path)
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        cols = ", ".join(
            [
                "node UNINDEXED",
                "unit_id UNINDEXED",
                *FILTER_FIELDS,
                *(text_field(lang) for lang in LANGS),
                "surface",
                "every",
                "exists_from UNINDEXED",
                "visible_to UNINDEXED",
            ]
        )
        db.execute(f'CREATE VIRTUAL TABLE units USING fts5({cols}, tokenize = "{self.TOKENIZE}")')
        rows = []
        for u in stream:
            texts = {lang: (u.lemmas if lang == u.lang else "") for lang in LANGS}
            rows.append(
                (
                    u.node,
                    u.unit_id,
                    u.lang,
                    _token(u.kind),
                    _token(u.act),
                    _token(u.act_key),
                    _token(u.grp) if u.grp else "",
                    " ".join(_token(v) for v in u.okr),
                    *(texts[lang] for lang in LANGS),
                    u.surface,
                    "all",
                    u.exists_from,
                    u.visible_to,
                )
            )
        marks = ", ".join("?" * len(rows[0])) if rows else ""
        with db:
            db.executemany(f"INSERT INTO units VALUES ({marks})", rows)
            db.execute("INSERT INTO units(units) VALUES ('optimize')")
        self.db = db

    def size(self) -> int:
        return os.path.getsize(self.path) if self.path else 0

    @staticmethod
    def _quote(value: str) -> str:
        return '"' + value.replace('"', '""') + '"'

    def _m(self, p) -> str:
        kind = p[0]
        if kind == "term":
            return f"{p[1]} : {self._quote(p[2])}"
        if kind == "phrase":
            return f"{p[1]} : {self._quote(' '.join(p[2]))}"
        if kind == "or":
            return "(" + " OR ".join(self._m(s) for s in p[1]) + ")"
        if kind == "and":
            pos = " AND ".join(self._m(s) for s in p[1]) if p[1] else 'every : "all"'
            if not p[2]:
                return f"({pos})"
            return f"(({pos}) NOT ({' OR '.join(self._m(s) for s in p[2])}))"
        raise ValueError(p)

    def match(self, planned, lang: str | None) -> str | None:
        p, _ = planned
        if p is None:
            return None
        m = self._m(p)
        if lang:
            m = f"({m}) AND lang : {self._quote(lang)}"
        return m

    def query(self, planned, lang: str | None, as_of: str | None, limit: int = 10) -> tuple[int, list[str]]:
        m = self.match(planned, lang)
        if m is None:
            return 0, []
        sql = "SELECT node, count(*) OVER () FROM units WHERE units MATCH ?"
        args: list[Any] = [m]
        if as_of:
            sql += " AND exists_from <= ? AND visible_to > ?"
            args += [_day(as_of), _day(as_of)]
        sql += " ORDER BY rank LIMIT ?"
        args.append(limit)
        rows = self.db.execute(sql, args).fetchall()
        return (rows[0][1] if rows else 0), [r[0] for r in rows]

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None


PEERS = (TantivyPeer, Fts5Peer)


def available_peers() -> Iterator[tuple[str, Any, dict[str, Any] | None]]:
    """``(name, peer, None)`` for each peer that can run here, ``(name, None, why)`` otherwise."""
    for cls in PEERS:
        if cls is Fts5Peer and not Fts5Peer.available():
            yield cls.name, None, {"available": False, "why": "this sqlite3 has no fts5"}
            continue
        try:
            yield cls.name, cls(), None
        except ImportError as err:
            yield cls.name, None, {"available": False, "why": f"not installed ({err})"}


def scratch_folder(prefix: str) -> str:
    return tempfile.mkdtemp(prefix=f"zangraph-bench-{prefix}-")


def remove(folder: str | None) -> None:
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
