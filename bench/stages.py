"""zangraph's stages timed in-process on one corpus: parse, graph build / save / load, index
build, the lemmatisation floor, search; and the peers on the same lemma stream.

Every function returns plain dicts (seconds or milliseconds, sizes in bytes) for
``results.json``; :mod:`bench.report` turns them into tables.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import replace
from datetime import date
from typing import Any

from .measure import du, repeat, summary_ms, timed
from .queries import Query, expectation_met

__all__ = [
    "clear_morph_caches",
    "graph_stages",
    "index_stages",
    "lemmatisation_floor",
    "parse_stage",
    "peer_stages",
    "run_queries",
    "search_stage",
    "today_queries",
    "warm_analysers",
]


def warm_analysers() -> None:
    """Create the shared morphological analysers (a one-off cost of every process, not timed)."""
    from index import kk_morph, ru_morph

    ru_morph.analyser()
    kk_morph.default_analyser()


def clear_morph_caches() -> None:
    """Empty the per-word caches, so the next run lemmatises every distinct word again (cold)."""
    from index import kk_morph, ru_morph

    ru_morph._keys.cache_clear()
    kk_morph._analyse_cached.cache_clear()


def parse_stage(corpus: str, n: int) -> dict[str, Any]:
    """Parse every text of the corpus (``parser.pipeline.parse_path``)."""
    from parser.corpus import read_corpus
    from parser.pipeline import parse_path

    paths = [e.path for act in read_corpus(corpus) for e in act.expressions]
    size = sum(os.path.getsize(p) for p in paths)

    def run() -> None:
        for p in paths:
            parse_path(p)

    out = repeat(run, n)
    out.update(texts=len(paths), bytes=size)
    return out


def graph_stages(corpus: str, n: int, n_load: int) -> tuple[dict[str, Any], Any]:
    """``kb.build.build`` (parse included), ``kb.store.save`` and ``kb.store.load``."""
    from kb.build import build
    from kb.store import FILENAME, load, save

    holder: dict[str, Any] = {}

    def run_build() -> None:
        holder["kb"] = build(corpus)

    out: dict[str, Any] = {"build": repeat(run_build, n)}
    kb = holder["kb"]
    folder = tempfile.mkdtemp(prefix="zangraph-bench-kb-")
    path = os.path.join(folder, FILENAME)
    try:
        out["save"] = repeat(lambda: save(kb, path), n)
        out["load"] = repeat(lambda: load(path), n_load)
        out["pickle_bytes"] = os.path.getsize(path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    g = kb.graph
    out["nodes"], out["edges"] = g.number_of_nodes(), g.number_of_edges()
    return out, kb


def lemmatisation_floor(texts: list[tuple[str, str]], n: int) -> dict[str, Any]:
    """Tokenise every indexed text and give each token to its language's key function, with
    the per-word caches emptied first: the least work any index of these keys must do."""
    import re

    from index.analysis import TOKEN_PATTERN, keys_function

    token = re.compile(TOKEN_PATTERN, re.X | re.UNICODE)
    fns = {lang: keys_function(lang) for lang in ("ru", "kk")}
    counts = {"tokens": 0}

    def run() -> None:
        k = 0
        for lang, text in texts:
            keys = fns[lang]
            for m in token.finditer(text):
                keys(m.group())
                k += 1
        counts["tokens"] = k

    warm_analysers()
    out = repeat(run, n, setup=clear_morph_caches)
    out["tokens"] = counts["tokens"]
    out["distinct_words"] = len({m.group() for _, t in texts for m in token.finditer(t)})
    return out


def index_stages(kb, n: int) -> dict[str, Any]:
    """``index.build.build_index`` from a cold morphological cache, and its parts."""
    from index.build import build_index, unit_records

    warm_analysers()
    folder = tempfile.mkdtemp(prefix="zangraph-bench-ix-")
    stats: dict[str, Any] = {}
    try:
        out: dict[str, Any] = {
            "build": repeat(lambda: build_index(kb, folder, stats), n, setup=clear_morph_caches)
        }
        out["documents"] = stats.get("documents")
        out["bytes"] = du(os.path.join(folder, "index"))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    out["records"] = repeat(lambda: list(unit_records(kb)), n)
    return out


def run_queries(fn, queries: list[Query], rounds: int) -> tuple[list[float], list[Any]]:
    """Time ``fn(query)`` for every query, ``rounds`` times after one untimed warm-up round;
    returns the samples and the answers of the warm-up round."""
    answers = [fn(q) for q in queries]
    samples = []
    for _ in range(rounds):
        for q in queries:
            t0 = time.perf_counter()
            fn(q)
            samples.append(time.perf_counter() - t0)
    return samples, answers


def search_stage(ix_path: str, kb, queries: list[Query], rounds: int) -> dict[str, Any]:
    """``index.search.search`` in-process over the query set (the server's call, ``kb`` given),
    the whoosh query alone (top 10 and the count, no facets / snippets / suggestions), and the
    expectations of the query set."""
    from index.search import open_index, search

    ix = open_index(ix_path)
    samples, answers = run_queries(
        lambda q: search(ix, q.text, lang=q.lang, as_of=q.as_of, kb=kb), queries, rounds
    )
    checked = [
        (q, expectation_met(q.expect, a["hits"])) for q, a in zip(queries, answers, strict=True) if q.expect
    ]
    out: dict[str, Any] = {
        "search": summary_ms(samples),
        "expectations": {
            "checked": len(checked),
            "passed": sum(ok for _, ok in checked),
            "failed": [
                {"line": q.line, "lang": q.lang, "query": q.text, "as_of": q.as_of, "expect": q.expect}
                for q, ok in checked
                if not ok
            ],
        },
        "zero_hit_queries": [
            q.text + (f" @ {q.as_of}" if q.as_of else "")
            for q, a in zip(queries, answers, strict=True)
            if not a["total"]
        ],
        "totals": [a["total"] for a in answers],
    }
    core = whoosh_core(ix)
    core_samples, _ = run_queries(core, queries, rounds)
    out["whoosh_core"] = summary_ms(core_samples)
    today = date.today().isoformat()
    at_today, _ = run_queries(
        lambda q: search(ix, q.text, lang=q.lang, as_of=q.as_of or today, kb=kb), queries, rounds
    )
    out["search_today"] = {**summary_ms(at_today), "as_of": today}
    return out


def today_queries(queries: list[Query]) -> list[Query]:
    """The query set as the server runs it: a query without an as-of date is asked as of today."""
    today = date.today().isoformat()
    return [replace(q, as_of=q.as_of or today) for q in queries]


def whoosh_core(ix):
    """A function running the same whoosh query and filters as ``search``, top 10 and the
    count only: the engine's share of a search (no facets, snippets, flags or suggestions)."""
    from whoosh import query as wq

    from index.querying import parse, to_whoosh
    from index.search import _langs, as_of_filter

    def run(q: Query) -> tuple[int, list[str]]:
        parsed = parse(q.text)
        langs = _langs(parsed, q.lang)
        wq_ = to_whoosh(parsed.tree, langs) or wq.NullQuery
        filters = [wq.Term("lang", q.lang)] if q.lang else []
        if q.as_of:
            filters.append(as_of_filter(q.as_of))
        fq = None if not filters else filters[0] if len(filters) == 1 else wq.And(filters)
        with ix.searcher() as s:
            res = s.search(wq_, filter=fq, limit=10)
            return len(res), [h["unit_id"] for h in res]

    return run


def peer_stages(
    records: list[dict[str, Any]], queries: list[Query], zg_totals: list[int], n_build: int, rounds: int
) -> dict[str, Any]:
    """Build each peer ``n_build`` times from the pre-computed lemma stream and run the query set."""
    from .peers import available_peers, lemma_stream, plan, remove, scratch_folder

    warm_analysers()
    clear_morph_caches()
    t_stream, stream = timed(lambda: lemma_stream(records))
    by_node = {r["node"]: r for r in records}
    plans = [plan(q.text, q.lang) for q in queries]
    today = today_queries(queries)
    today_plans = [plan(q.text, q.lang) for q in today]
    out: dict[str, Any] = {
        "stream": {
            "seconds": round(t_stream, 4),
            "documents": len(stream),
            "keys": sum(len(u.lemmas.split()) for u in stream),
        }
    }
    for name, peer, unavailable in available_peers():
        if peer is None:
            out[name] = unavailable
            continue
        folder = scratch_folder(peer.name)
        try:
            build = repeat(lambda peer=peer, folder=folder: peer.build(stream, folder), n_build)
            size = peer.size()
            idx = list(range(len(queries)))
            samples, answers = run_queries(
                lambda i, peer=peer: peer.query(plans[i], queries[i].lang, queries[i].as_of), idx, rounds
            )
            at_today, _ = run_queries(
                lambda i, peer=peer: peer.query(today_plans[i], today[i].lang, today[i].as_of), idx, rounds
            )
            agree = sum(1 for (n, _), z in zip(answers, zg_totals, strict=True) if n == z)
            checked = passed = 0
            for q, (_, nodes) in zip(queries, answers, strict=True):
                if not q.expect:
                    continue
                hits = [
                    {
                        "unit_id": by_node[nd]["unit_id"],
                        "snippet": by_node[nd]["text"],
                        "breadcrumb": by_node[nd]["breadcrumb"],
                    }
                    for nd in nodes
                ]
                checked += 1
                passed += expectation_met(q.expect, hits)
            out[peer.name] = {
                "available": True,
                "version": peer.version(),
                "build": build,
                "bytes": size,
                "query": summary_ms(samples),
                "query_today": summary_ms(at_today),
                "totals_agree": agree,
                "queries": len(queries),
                "expectations": {"checked": checked, "passed": passed},
            }
        finally:
            peer.close()
            remove(folder)
    return out
