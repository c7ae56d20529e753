"""Search with the KB as of a date, seed corpus: index build time, cold first query and warm queries.

``python -m bench.asof_flags [--corpus corpus] [--repeats 5]`` prints one JSON line: the index
build time, the first ``search(..., kb=kb)`` of a fresh process (cold: no cached views), and the
p50 / p99 / total of 20 queries × 3 dates: their first pass (cold: views of the timeline computed
on the way before flags were precomputed), then warm (median of the repeats).  The measurement of
issue 12's item "as-of flags precomputed per unit interval at build".
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time

from bench.queries import load_queries

DATES = ("2020-01-01", "2025-11-05", "2026-11-24")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.asof_flags", description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", default="corpus")
    p.add_argument("--repeats", type=int, default=5)
    args = p.parse_args(argv)

    from index.build import build_index
    from index.search import search
    from kb.build import build

    kb = build(args.corpus)
    with tempfile.TemporaryDirectory() as data:
        t0 = time.perf_counter()
        ix = build_index(kb, data)
        build_s = time.perf_counter() - t0
        queries = [q for q in load_queries() if not q.as_of][:20]
        search(ix, "кодекс", limit=0)  # open the index: the cold query measures flags, not opening
        t0 = time.perf_counter()
        search(ix, queries[0].text, lang=queries[0].lang, as_of=DATES[0], kb=kb)
        cold_ms = (time.perf_counter() - t0) * 1000
        per_call: list[float] = []
        totals: list[float] = []
        t0 = time.perf_counter()
        for q in queries:  # the first pass: a fresh process's first query of each date and act
            for d in DATES:
                search(ix, q.text, lang=q.lang, as_of=d, kb=kb)
        first_pass_ms = (time.perf_counter() - t0) * 1000
        for _ in range(args.repeats):
            t_all = time.perf_counter()
            for q in queries:
                for d in DATES:
                    t0 = time.perf_counter()
                    search(ix, q.text, lang=q.lang, as_of=d, kb=kb)
                    per_call.append((time.perf_counter() - t0) * 1000)
            totals.append((time.perf_counter() - t_all) * 1000)
    per_call.sort()
    print(json.dumps({
        "index_build_s": round(build_s, 3),
        "cold_first_query_ms": round(cold_ms, 2),
        "first_pass_60_calls_ms": round(first_pass_ms, 1),
        "warm_p50_ms": round(statistics.median(per_call), 3),
        "warm_p99_ms": round(per_call[int(0.99 * (len(per_call) - 1))], 3),
        "warm_60_calls_ms": round(statistics.median(totals), 1),
        "calls": len(per_call),
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
