"""Run every benchmark in one go and write ``bench/RESULTS.md`` and ``bench/results.json``.

    .venv/bin/python -m bench.run                    # ×1, ×10, ×100 (the committed figures)
    .venv/bin/python -m bench.run --quick            # ×1 and ×10, fewer repeats (development)
    .venv/bin/python -m bench.run --scales 1,10 --no-http
    .venv/bin/python -m bench.run --render-only     # RESULTS.md again from results.json
    .venv/bin/python -m bench.run --no-corpus-dev   # without corpus + corpus-dev (bench.corpus_dev)

Order: the seed corpus in-process (parse, graph build / save / load, index build, the
lemmatisation floor, search, the peers on the same lemma stream, profiles where zangraph is more
than 10× behind a peer), the HTTP API with 1 and 2 workers, then one full build per scale in a
child process (and the server's memory on the largest).  Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from typing import Any

from . import report
from .measure import fit_loglog, machine, timed
from .queries import QUERIES_FILE, load_queries

HERE = os.path.dirname(os.path.abspath(__file__))

#: Repeats per stage: (full run, --quick).
REPEATS = {
    "parse": (5, 2),
    "graph": (5, 2),
    "load": (10, 3),
    "index": (3, 2),
    "floor": (3, 2),
    "search": (5, 2),
    "peer_build": (3, 2),
    "scale_rounds": (1, 1),
    "http_latency": (300, 100),
    "http_seconds": (8, 3),
    "corpus_dev": (3, 1),
}

#: Slowest growth still called "near-linear" (log-log slope of the full build time).
NEAR_LINEAR = 1.15

#: Scales whose child also searches as of today in-process (above, the server's HTTP searches,
#: which default to today, give that figure: a round in-process would take minutes).
TODAY_UP_TO = 10

#: HTTP searches against the server on the largest scale (enough to load what a search needs).
SERVER_SEARCHES = 8


def say(msg: str) -> None:
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def _n(name: str, quick: bool) -> int:
    return REPEATS[name][1 if quick else 0]


# --- the seed corpus, in-process ------------------------------------------------------------


def seed_stages(corpus: str, queries, quick: bool, data_dir: str) -> tuple[dict[str, Any], Any]:
    from index.build import build_index, unit_records
    from kb.store import save

    from . import stages

    out: dict[str, Any] = {}
    say("parse …")
    out["parse"] = stages.parse_stage(corpus, _n("parse", quick))
    say("graph build / save / load …")
    out["graph"], kb = stages.graph_stages(corpus, _n("graph", quick), _n("load", quick))
    say("index build (cold per-word cache) …")
    out["index"] = stages.index_stages(kb, _n("index", quick))
    records = list(unit_records(kb))
    say("lemmatisation floor …")
    out["floor"] = stages.lemmatisation_floor([(r["lang"], r["text"]) for r in records], _n("floor", quick))
    save(kb, os.path.join(data_dir, "kb.pickle"))
    build_index(kb, data_dir)
    say("search in-process …")
    out["search"] = stages.search_stage(os.path.join(data_dir, "index"), kb, queries, _n("search", quick))
    say("peers (tantivy, SQLite FTS5) …")
    out["peers"] = stages.peer_stages(
        records, queries, out["search"]["totals"], _n("peer_build", quick), _n("search", quick)
    )
    return out, kb


def ratios(st: dict[str, Any]) -> dict[str, Any]:
    """zangraph / peer per stage (> 1: zangraph slower), and the index build over the floor."""
    zi = st["index"]["build"]["median_s"]
    floor = st["floor"]["median_s"]
    zs, zc = st["search"]["search"], st["search"]["whoosh_core"]
    out: dict[str, Any] = {"index_build_over_floor": round(zi / floor, 2) if floor else None, "peers": {}}
    for name, p in st["peers"].items():
        if not isinstance(p, dict) or not p.get("available"):
            continue
        pb = p["build"]["median_s"]
        q = p["query"]
        out["peers"][name] = {
            "index_build": round(zi / pb, 1),
            "index_build_with_floor": round(zi / (pb + floor), 2),
            "query_p50": round(zs["p50_ms"] / q["p50_ms"], 1),
            "query_p99": round(zs["p99_ms"] / q["p99_ms"], 1),
            "whoosh_core_p50": round(zc["p50_ms"] / q["p50_ms"], 1),
            "whoosh_core_p99": round(zc["p99_ms"] / q["p99_ms"], 1),
        }
    return out


def profiles(st: dict[str, Any], rt: dict[str, Any], kb, queries, data_dir: str) -> dict[str, Any]:
    """pyinstrument profiles of the stages where zangraph is more than 10× behind a peer."""
    from index.build import build_index
    from index.search import open_index, search

    from . import stages
    from .profiling import profile

    out: dict[str, Any] = {}
    worst = {k: max((r[k] for r in rt["peers"].values()), default=0) for k in ("index_build", "query_p50")}
    if worst["index_build"] > 10:
        say("profile: index build …")
        folder = tempfile.mkdtemp(prefix="zangraph-bench-prof-")
        stages.clear_morph_caches()
        try:
            out["index_build"] = profile(lambda: build_index(kb, folder))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        out["index_build"]["why"] = f"index build {worst['index_build']}× a peer's"
    if worst["query_p50"] > 10:
        say("profile: search …")
        ix = open_index(os.path.join(data_dir, "index"))

        def run() -> None:
            for _ in range(3):
                for q in queries:
                    search(ix, q.text, lang=q.lang, as_of=q.as_of, kb=kb)

        out["search"] = profile(run)
        out["search"]["why"] = f"search p50 {worst['query_p50']}× a peer's (3 rounds of the query set)"
    return out


# --- scale ------------------------------------------------------------------------------------


def run_child(corpus: str, data_dir: str, rounds: int, peers: bool, today: bool) -> dict[str, Any]:
    argv = [
        sys.executable,
        "-m",
        "bench.fullbuild",
        "--corpus",
        corpus,
        "--data",
        data_dir,
        "--rounds",
        str(rounds),
    ]
    if peers:
        argv.append("--peers")
    if today:
        argv.append("--today")
    t, proc = timed(lambda: subprocess.run(argv, capture_output=True, text=True, cwd=os.getcwd()))
    if proc.returncode != 0:
        raise RuntimeError(f"bench.fullbuild failed ({proc.returncode}): {proc.stderr[-1500:]}")
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    res["child_wall_s"] = round(t, 2)
    return res


def scale_stage(
    factors: list[int], corpus: str, quick: bool, budget_s: float, started: float, kb_seed, queries
) -> dict[str, Any]:
    from .loadtest import endpoint_urls, server_memory_at
    from .scale import make_scaled_corpus

    out: dict[str, Any] = {"runs": {}, "skipped": []}
    walls: list[tuple[int, float]] = []
    for f in factors:
        if len(walls) >= 2:
            fit = fit_loglog([w[0] for w in walls], [w[1] for w in walls])
            predicted = walls[-1][1] * (f / walls[-1][0]) ** max(fit["slope"], 1.0) if fit else 0
            left = budget_s - (time.perf_counter() - started)
            if predicted > left:
                out["skipped"].append(
                    {
                        "factor": f,
                        "why": f"predicted {predicted:.0f} s for the child alone, "
                        f"{left:.0f} s left of the --budget-min",
                    }
                )
                say(f"scale ×{f}: skipped (predicted {predicted:.0f} s > {left:.0f} s left)")
                continue
        say(f"scale ×{f}: corpus …")
        folder = make_scaled_corpus(f)
        data = tempfile.mkdtemp(prefix=f"zangraph-scale-x{f}-data-")
        try:
            say(f"scale ×{f}: full build + search + peers in a child process …")
            res = run_child(folder, data, _n("scale_rounds", quick), peers=True, today=f <= TODAY_UP_TO)
            res["corpus_bytes"] = sum(
                os.path.getsize(os.path.join(r, n))
                for r, _, ns in os.walk(folder)
                for n in ns
                if n.endswith(".txt")
            )
            out["runs"][str(f)] = res
            walls.append((f, res["child_wall_s"]))
            if f == max(factors):
                say(f"scale ×{f}: server memory (1 worker) …")
                urls = endpoint_urls(kb_seed, queries)["search"]
                res["server"] = server_memory_at(folder, data, urls[:SERVER_SEARCHES], SERVER_SEARCHES)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
            shutil.rmtree(data, ignore_errors=True)
    runs = out["runs"]
    xs = [int(f) for f in runs]
    out["fits"] = {
        "full_build_s": fit_loglog(xs, [runs[str(f)]["full_build_s"] for f in xs]),
        "graph_build_s": fit_loglog(xs, [runs[str(f)]["graph_build_s"] for f in xs]),
        "index_build_s": fit_loglog(xs, [runs[str(f)]["index_build_s"] for f in xs]),
        "index_bytes": fit_loglog(xs, [runs[str(f)]["index_bytes"] for f in xs]),
        "peak_rss_build_mb": fit_loglog(xs, [runs[str(f)]["peak_rss_build_mb"] for f in xs]),
        "search_p50_ms": fit_loglog(xs, [runs[str(f)]["search"]["p50_ms"] for f in xs]),
    }
    for peer in ("tantivy", "sqlite-fts5"):
        pts = [
            (f, runs[str(f)]["peers"][peer])
            for f in xs
            if runs[str(f)].get("peers", {}).get(peer, {}).get("available")
        ]
        if pts:
            out["fits"][f"{peer}_query_p50_ms"] = fit_loglog(
                [p[0] for p in pts], [p[1]["query"]["p50_ms"] for p in pts]
            )
            out["fits"][f"{peer}_build_s"] = fit_loglog([p[0] for p in pts], [p[1]["build_s"] for p in pts])
    return out


# --- targets ------------------------------------------------------------------------------------


def targets(res: dict[str, Any]) -> list[dict[str, Any]]:
    st, sc = res["stages"], res.get("scale") or {}
    runs = sc.get("runs", {})
    out: list[dict[str, Any]] = []

    def add(name: str, target: str, value: Any, met: bool | None, note: str = "") -> None:
        out.append({"name": name, "target": target, "value": value, "met": met, "note": note})

    big = str(max((int(f) for f in runs), default=0))
    if big == "100":
        r = runs[big]
        slope = (sc.get("fits", {}).get("full_build_s") or {}).get("slope")
        add(
            "full build at ×100 (parse + graph + index)",
            "≤ 240 s",
            f"{r['full_build_s']:.1f} s",
            r["full_build_s"] <= 240,
        )
        add(
            "full build growth ×1→×100",
            f"near-linear (log-log slope ≤ {NEAR_LINEAR})",
            f"slope {slope}",
            slope is not None and slope <= NEAR_LINEAR,
        )
        srv = r.get("server") or {}
        note = ""
        if srv.get("available"):
            note = f"HTTP, as of today (the server's default): p50 {srv['search_latency']['p50_ms']:.0f} ms"
        add(
            "search p50 at ×100, in-process",
            "≤ 10 ms",
            f"{r['search']['p50_ms']:.2f} ms",
            r["search"]["p50_ms"] <= 10,
            note,
        )
        if srv.get("available"):
            rss = srv["memory_after"]["total_rss_mb"]
            add(
                f"server RSS at ×100 (1 worker, after {srv['search_latency']['n']} searches)",
                "≤ 1536 MiB",
                f"{rss:.0f} MiB",
                rss <= 1536,
            )
        else:
            add("server RSS at ×100", "≤ 1536 MiB", "not available", None, srv.get("why", ""))
    else:
        for name in ("full build at ×100", "search p50 at ×100", "server RSS at ×100"):
            add(name, "—", "not run", None, "×100 was not part of this run")
    ib = st["index"]["build"]["median_s"]
    add("index build, seeds", "≤ 3 s", f"{ib:.2f} s", ib <= 3)
    p50 = st["search"]["search"]["p50_ms"]
    add(
        "search p50 in-process, seeds",
        "≤ 2 ms",
        f"{p50:.2f} ms",
        p50 <= 2,
        f"as of today (the server's default): {st['search']['search_today']['p50_ms']:.2f} ms",
    )
    gb = st["graph"]["build"]["median_s"]
    graph_only = gb - st["parse"]["median_s"]
    add(
        "graph build (kb.build.build, parse included), seeds",
        "≤ 1 s",
        f"{gb:.2f} s",
        gb <= 1,
        f"graph alone (build − parse) {graph_only:.2f} s",
    )
    gl = st["graph"]["load"]["median_s"]
    add("graph load (kb.store.load), seeds", "≤ 0.2 s", f"{gl:.3f} s", gl <= 0.2)
    http = st.get("http") or {}
    two = (http.get("runs") or {}).get("2") or {}
    ep = (two.get("endpoints") or {}).get("search") or {}
    if http.get("available") and ep.get("latency"):
        lat = ep["latency"]["p50_ms"]
        rps = ep["throughput"].get("rps")
        fixed = (((http.get("runs") or {}).get("2+nodelay") or {}).get("endpoints") or {}).get("search") or {}
        note_lat = note_rps = ""
        if fixed.get("latency"):
            note_lat = (
                f"with TCP_NODELAY on the workers' socket (bench.nodelay_serve, diagnostic): "
                f"{fixed['latency']['p50_ms']:.2f} ms"
            )
            note_rps = f"with TCP_NODELAY (diagnostic): {fixed['throughput'].get('rps') or 0:.0f} req/s"
        add("HTTP search p50, 2 workers (sequential client)", "≤ 8 ms", f"{lat:.2f} ms", lat <= 8, note_lat)
        add(
            "HTTP search throughput, 2 workers",
            "≥ 400 req/s",
            f"{rps:.0f} req/s" if rps else "?",
            bool(rps and rps >= 400),
            "; ".join(x for x in (ep["throughput"].get("tool", ""), note_rps) if x),
        )
    else:
        why = http.get("why") or two.get("why") or ep.get("why") or "not run"
        add("HTTP search p50 / throughput, 2 workers", "≤ 8 ms, ≥ 400 req/s", "not available", None, why)
    return out


# --- main ---------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    p.add_argument("--scales", help="comma-separated factors (default 1,10,100; with --quick 1,10)")
    p.add_argument("--quick", action="store_true", help="×1 and ×10 only, fewer repeats (development)")
    p.add_argument("--corpus", default="corpus", help="the seed corpus (default: corpus)")
    p.add_argument("--queries", default=QUERIES_FILE)
    p.add_argument("--no-http", action="store_true", help="skip the HTTP stage")
    p.add_argument("--no-corpus-dev", action="store_true", help="skip parse + build of corpus + corpus-dev")
    p.add_argument(
        "--budget-min",
        type=float,
        default=30.0,
        help="skip a scale whose predicted time does not fit in what is left (default 30 min)",
    )
    p.add_argument("--out", default=HERE, help="folder for RESULTS.md and results.json (default: bench/)")
    p.add_argument(
        "--render-only", action="store_true", help="rewrite RESULTS.md from results.json, run nothing"
    )
    args = p.parse_args(argv)
    if args.render_only:
        with open(os.path.join(args.out, "results.json"), encoding="utf-8") as fh:
            res = json.load(fh)
        res["targets"] = targets(res)  # derived figures: recomputed with the current wording
        with open(os.path.join(args.out, "results.json"), "w", encoding="utf-8") as fh:
            json.dump(res, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        with open(os.path.join(args.out, "RESULTS.md"), "w", encoding="utf-8") as fh:
            fh.write(report.render(res))
        say(f"wrote {os.path.join(args.out, 'RESULTS.md')} from results.json")
        return 0
    scales = [int(s) for s in (args.scales or ("1,10" if args.quick else "1,10,100")).split(",") if s.strip()]
    started = time.perf_counter()
    queries = load_queries(args.queries)
    res: dict[str, Any] = {
        "machine": {**machine(), "loadavg_start": [round(x, 2) for x in os.getloadavg()]},
        "settings": {
            "quick": args.quick,
            "scales": scales,
            "repeats": {k: _n(k, args.quick) for k in REPEATS},
            "corpus": args.corpus,
            "queries_file": os.path.relpath(args.queries),
        },
        "queries": {
            "total": len(queries),
            "ru": sum(q.lang == "ru" for q in queries),
            "kk": sum(q.lang == "kk" for q in queries),
            "with_expect": sum(bool(q.expect) for q in queries),
            "with_as_of": sum(bool(q.as_of) for q in queries),
        },
    }
    data_dir = tempfile.mkdtemp(prefix="zangraph-bench-data-")
    try:
        st, kb = seed_stages(args.corpus, queries, args.quick, data_dir)
        res["stages"] = st
        res["ratios"] = ratios(st)
        res["profiles"] = profiles(st, res["ratios"], kb, queries, data_dir)
        if args.no_http:
            st["http"] = {"available": False, "why": "skipped (--no-http)"}
        else:
            say("HTTP …")
            from .loadtest import endpoint_urls, run_http_stage

            st["http"] = run_http_stage(
                args.corpus,
                data_dir,
                endpoint_urls(kb, queries),
                ["1", "2", "2+nodelay"],
                _n("http_latency", args.quick),
                _n("http_seconds", args.quick),
                say=say,
            )
        res["scale"] = scale_stage(
            scales, args.corpus, args.quick, args.budget_min * 60, started, kb, queries
        )
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    failed = False
    if args.no_corpus_dev:
        res["corpus_dev"] = {"skipped": "--no-corpus-dev"}
    else:
        from .corpus_dev import StepFailed, measure

        say("corpus + corpus-dev: parse and build in child processes …")
        try:
            res["corpus_dev"] = measure(_n("corpus_dev", args.quick), args.corpus, say=say)
        except StepFailed as err:
            say(str(err))
            failed = True
            res["corpus_dev"] = {"skipped": f"failed: exit {err.rc} of `{' '.join(err.argv[:3])} …`"}
    res["machine"]["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    res["targets"] = targets(res)
    res["wall_s"] = round(time.perf_counter() - started, 1)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "results.json"), "w", encoding="utf-8") as fh:
        json.dump(res, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    with open(os.path.join(args.out, "RESULTS.md"), "w", encoding="utf-8") as fh:
        fh.write(report.render(res))
    say(f"wrote {os.path.join(args.out, 'RESULTS.md')} and results.json in {res['wall_s']:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
