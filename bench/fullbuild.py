"""One full build in a fresh process, for the growth table: parse + graph, save, index, then
search; optionally the peers on the same records.  Prints one JSON object on stdout.

    .venv/bin/python -m bench.fullbuild --corpus /tmp/x10 --data /tmp/x10-data --rounds 1 --peers

The process starts cold (no per-word cache, analysers not loaded), as ``zangraph build`` does.
Peak memory is this process's high-water mark (``VmHWM``) taken right after the index is
built, before any search or peer work.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from typing import Any

from .measure import du, self_peak_rss_mb, summary_ms, timed
from .queries import QUERIES_FILE, load_queries
from .stages import today_queries


def full_build(
    corpus: str, data_dir: str, queries_file: str, rounds: int, peers: bool, today: bool
) -> dict[str, Any]:
    """Build, save, index and search one corpus; ``today``: also one round of the query set as
    the server asks it (as of today), and the same for the peers."""
    from kb.build import build
    from kb.store import save

    out: dict[str, Any] = {"corpus": corpus}
    t_start = time.perf_counter()
    t_graph, kb = timed(lambda: build(corpus))
    out["graph_build_s"] = round(t_graph, 3)  # parse included
    out["nodes"], out["edges"] = kb.graph.number_of_nodes(), kb.graph.number_of_edges()
    out["acts"] = len(kb.acts)
    path = os.path.join(data_dir, "kb.pickle")
    os.makedirs(data_dir, exist_ok=True)
    out["save_s"] = round(timed(lambda: save(kb, path))[0], 3)
    out["pickle_bytes"] = os.path.getsize(path)
    from index.build import build_index

    stats: dict[str, Any] = {}
    t_index, ix_path = timed(lambda: build_index(kb, data_dir, stats))
    out["index_build_s"] = round(t_index, 3)
    out["full_build_s"] = round(time.perf_counter() - t_start, 3)
    out["documents"] = stats.get("documents")
    out["index_bytes"] = du(ix_path)
    out["peak_rss_build_mb"] = round(self_peak_rss_mb(), 1)
    out["ru_maxrss_build_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)

    from index.search import open_index, search

    queries = load_queries(queries_file)
    ix = open_index(ix_path)
    t_load, _ = timed(lambda: [search(ix, q.text, lang=q.lang, as_of=q.as_of, kb=kb) for q in queries])
    out["search_warmup_s"] = round(t_load, 3)
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
        out["peers"] = _peers(kb, queries, rounds, today)
    return out


def _peers(kb, queries, rounds: int, today: bool) -> dict[str, Any]:
    from index.build import unit_records

    from .peers import available_peers, lemma_stream, plan, remove, scratch_folder
    from .stages import run_queries

    out: dict[str, Any] = {}
    t_rec, records = timed(lambda: list(unit_records(kb)))
    t_stream, stream = timed(lambda: lemma_stream(records))
    out["records_s"], out["stream_s"] = round(t_rec, 3), round(t_stream, 3)
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
    p = argparse.ArgumentParser(prog="python -m bench.fullbuild", description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", required=True)
    p.add_argument("--data", required=True, help="folder for kb.pickle and index/")
    p.add_argument("--queries", default=QUERIES_FILE)
    p.add_argument("--rounds", type=int, default=1, help="timed rounds over the query set")
    p.add_argument("--peers", action="store_true", help="also build and query tantivy and FTS5")
    p.add_argument("--today", action="store_true", help="also search as of today (the server's default)")
    args = p.parse_args(argv)
    res = full_build(args.corpus, args.data, args.queries, args.rounds, args.peers, args.today)
    json.dump(res, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
