"""Search in-process on a built data folder, in a fresh process, and the peers on the same
records: zangraph's ``index.search.search`` over the query set, then tantivy and SQLite FTS5
(:mod:`bench.peers`) built from the same lemma stream and asked the same queries.  Prints one
JSON object on stdout.

    .venv/bin/python -m bench.inprocess --corpus /tmp/x10 --data /tmp/x10-data --rounds 1 --peers

The KB and the index are loaded as the server loads them (:func:`api.context.get_kb`, which
builds nothing when the data folder is current).  The KB is let go before the peers are built,
so the process holds one engine's data at a time.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from typing import Any

from .measure import self_peak_rss_mb, summary_ms, timed
from .queries import QUERIES_FILE, load_queries
from .stages import today_queries

__all__ = ["search_and_peers"]


def search_and_peers(
    corpus: str, data_dir: str, queries_file: str, rounds: int, peers: bool, today: bool
) -> dict[str, Any]:
    """``search`` p50 / p99 over ``rounds`` of the query set (after one untimed round), the
    slowest queries; ``today``: one more round as the server asks (as of today); ``peers``:
    each peer's build and query figures, and ``ratio_p50``: zangraph's p50 ÷ the peer's."""
    from api.context import get_kb, index_path
    from index.search import open_index, search

    out: dict[str, Any] = {}
    t_load, kb = timed(lambda: get_kb(corpus, data_dir))
    out["kb_load_s"] = round(t_load, 3)
    out["acts"], out["nodes"] = len(kb.acts), kb.graph.number_of_nodes()
    ix = open_index(index_path(data_dir))
    out["documents"] = ix.doc_count()
    queries = load_queries(queries_file)
    t_warm, _ = timed(lambda: [search(ix, q.text, lang=q.lang, as_of=q.as_of, kb=kb) for q in queries])
    out["search_warmup_s"] = round(t_warm, 3)
    samples = []
    for _ in range(rounds):
        for q in queries:
            t0 = time.perf_counter()
            search(ix, q.text, lang=q.lang, as_of=q.as_of, kb=kb)
            samples.append(time.perf_counter() - t0)
    out["search"] = summary_ms(samples)
    per_query = [sum(samples[i :: len(queries)]) / rounds for i in range(len(queries))] if samples else []
    slowest = sorted(range(len(per_query)), key=lambda i: -per_query[i])[:5]
    out["slowest"] = [
        {
            "query": queries[i].text,
            "lang": queries[i].lang,
            "as_of": queries[i].as_of,
            "ms": round(per_query[i] * 1000, 1),
        }
        for i in slowest
    ]
    if today:
        at_today = today_queries(queries)
        samples = []
        for q in at_today:
            t0 = time.perf_counter()
            search(ix, q.text, lang=q.lang, as_of=q.as_of, kb=kb)
            samples.append(time.perf_counter() - t0)
        out["search_today"] = {**summary_ms(samples), "as_of": at_today[0].as_of if at_today else None}
    out["peak_rss_after_search_mb"] = round(self_peak_rss_mb(), 1)
    if peers:
        from index.build import unit_records

        t_rec, records = timed(lambda: list(unit_records(kb)))
        del ix, kb
        gc.collect()
        out["peers"] = _peers(records, queries, rounds, today)
        out["peers"]["records_s"] = round(t_rec, 3)
        zs = out["search"]["p50_ms"]
        for p in out["peers"].values():
            if isinstance(p, dict) and p.get("available") and p["query"]["p50_ms"]:
                p["ratio_p50"] = round(zs / p["query"]["p50_ms"], 1)  # zangraph ÷ peer
    out["peak_rss_mb"] = round(self_peak_rss_mb(), 1)
    return out


def _peers(records: list[dict[str, Any]], queries, rounds: int, today: bool) -> dict[str, Any]:
    from .peers import available_peers, lemma_stream, plan, remove, scratch_folder
    from .stages import run_queries

    out: dict[str, Any] = {}
    t_stream, stream = timed(lambda: lemma_stream(records))
    del records[:]
    gc.collect()
    out["stream_s"] = round(t_stream, 3)
    plans = [plan(q.text, q.lang) for q in queries]
    tq = today_queries(queries)
    tplans = [plan(q.text, q.lang) for q in tq]
    for name, peer, unavailable in available_peers():
        if peer is None:
            out[name] = unavailable
            continue
        folder = scratch_folder(peer.name)
        try:
            t_build, _ = timed(lambda peer=peer, folder=folder: peer.build(stream, folder))
            samples, _ = run_queries(
                lambda i, peer=peer: peer.query(plans[i], queries[i].lang, queries[i].as_of),
                list(range(len(queries))),
                rounds,
            )
            out[peer.name] = {
                "available": True,
                "version": peer.version(),
                "build_s": round(t_build, 3),
                "bytes": peer.size(),
                "query": summary_ms(samples),
            }
            if today:
                at_today, _ = run_queries(
                    lambda i, peer=peer: peer.query(tplans[i], tq[i].lang, tq[i].as_of),
                    list(range(len(tq))),
                    rounds,
                )
                out[peer.name]["query_today"] = summary_ms(at_today)
        finally:
            peer.close()
            remove(folder)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.inprocess", description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", required=True)
    p.add_argument("--data", required=True, help="a data folder built from the corpus")
    p.add_argument("--queries", default=QUERIES_FILE)
    p.add_argument("--rounds", type=int, default=1, help="timed rounds over the query set")
    p.add_argument("--peers", action="store_true", help="also build and query tantivy and FTS5")
    p.add_argument("--today", action="store_true", help="also search as of today (the server's default)")
    args = p.parse_args(argv)
    res = search_and_peers(args.corpus, args.data, args.queries, args.rounds, args.peers, args.today)
    json.dump(res, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
