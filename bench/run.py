"""Run every benchmark in one go and write ``bench/RESULTS.md`` and ``bench/results.json``.

    .venv/bin/python -m bench.run                    # ×1, ×10, ×100 (the committed figures)
    .venv/bin/python -m bench.run --scale 1000       # ×1, ×10, ×100 and ×1000
    .venv/bin/python -m bench.run --quick            # ×1 and ×10, fewer repeats (development)
    .venv/bin/python -m bench.run --scales 1,10 --no-http
    .venv/bin/python -m bench.run --render-only     # RESULTS.md again from results.json
    .venv/bin/python -m bench.run --no-corpus-dev   # without corpus + corpus-dev (bench.corpus_dev)

Order: the seed corpus in-process (parse, graph build / save / load, index build, the
lemmatisation floor, search, the peers on the same lemma stream, profiles where zangraph is more
than 10× behind a peer), the HTTP API with 1 and 2 workers, then issue 12's figures per scale
(:func:`measure_scale`: the cold ``zangraph build``, ``zangraph serve`` with 1 worker, search and
the peers in-process, ``zangraph add`` of one act and the build after it, each a child process
under the watchdog of :mod:`bench.watchdog`; a profile of each target missed), then corpus +
corpus-dev.  Results are written after each scale.  Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
import tempfile
import time
import traceback
from typing import Any

from . import report
from .measure import machine, timed
from .queries import QUERIES_FILE, load_queries
from .watchdog import Limits

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

#: Scales whose child also searches as of today in-process (above, the server's HTTP searches,
#: which default to today, give that figure: a round in-process would take minutes).
TODAY_UP_TO = 10


def say(msg: str) -> None:
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def _n(name: str, quick: bool) -> int:
    return REPEATS[name][1 if quick else 0]


# --- the seed corpus, in-process ------------------------------------------------------------


def seed_stages(corpus: str, queries, quick: bool, data_dir: str) -> tuple[dict[str, Any], Any]:
    from index.build import build_index, unit_records
    from kb.store import FILENAME, save

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
    save(kb, os.path.join(data_dir, FILENAME))
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


# --- scale: issue 12's figures, one corpus at a time -----------------------------------------


#: Disk a scale needs in the temporary folder, MiB per ×1 (corpus, data folder with its parse
#: cache and index, the peers' scratch indexes), with room to spare.
DISK_MB_PER_FACTOR = 25


def disk_short(factor: int, free_mb: float) -> str | None:
    """Why a scale cannot run for lack of disk, or None.

    >>> disk_short(1000, 80_000), disk_short(1000, 12_000)
    (None, 'needs about 24 GiB in the temporary folder, 11.7 GiB free')
    """
    need = DISK_MB_PER_FACTOR * factor
    if free_mb >= need:
        return None
    return f"needs about {need / 1024:.0f} GiB in the temporary folder, {free_mb / 1024:.1f} GiB free"


def _watched_json(argv: list[str], limits) -> dict[str, Any]:
    """A bench child that prints one JSON object, under the watchdog: its object (``finished``
    true), or ``finished`` false with the watchdog's ``why``."""
    from .watchdog import run_watched

    run = run_watched(argv, limits)
    if not run["finished"]:
        return {
            "finished": False,
            "why": run["why"],
            "stderr_tail": run["stderr_tail"],
            "wall_s": run["wall_s"],
        }
    out = json.loads(run["stdout"].strip().splitlines()[-1])
    out.update(finished=True, wall_s=run["wall_s"], peak_rss_mb=run["peak_rss_mb"])
    return out


def corpus_figures(folder: str) -> dict[str, Any]:
    """Acts, texts and bytes of text of a corpus folder."""
    from parser.corpus import read_corpus

    acts = read_corpus(folder)
    paths = [e.path for a in acts for e in a.expressions]
    return {"acts": len(acts), "texts": len(paths), "bytes": sum(os.path.getsize(p) for p in paths)}


def measure_scale(
    f: int,
    seeds: str,
    quick: bool,
    limits,
    urls: dict[str, list[str]],
    profile_max: int,
    run: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Everything issue 12 asks at one scale, in this order: the corpus, the cold ``zangraph
    build``, ``zangraph serve`` (ready, the query set over HTTP, RSS), search and the peers
    in-process, one act added and the rebuild; then a profile of each measure that missed its
    target here.  A step the watchdog stops is recorded with its why; the steps that need its
    result are recorded as not run.  The figures go into ``run`` as they come (a new dict when
    not given), which is returned."""
    from .addone import add_one
    from .fullbuild import build_watched
    from .loadtest import probe_server
    from .scale import make_scaled_corpus

    run = {} if run is None else run
    short = disk_short(f, shutil.disk_usage(tempfile.gettempdir()).free / 2**20)
    if short:
        run.update(corpus={"why": short}, build={"finished": False, "why": f"not run: {short}"})
        return run
    say(f"scale ×{f}: corpus …")
    t, folder = timed(lambda: make_scaled_corpus(f, seeds=seeds))
    run["corpus"] = {**corpus_figures(folder), "make_s": round(t, 2)}
    data = tempfile.mkdtemp(prefix=f"zangraph-scale-x{f}-data-")
    try:
        say(f"scale ×{f}: zangraph build (cold) …")
        run["build"] = build_watched(folder, data, limits)
        if not run["build"]["finished"]:
            say(f"scale ×{f}: {run['build']['why']}")
            why = "not run: the cold build did not finish"
            for step in ("serve", "inprocess", "add"):
                run[step] = {"finished": False, "why": why}
            return run
        say(f"scale ×{f}: zangraph serve (1 worker): ready, the query set over HTTP, RSS …")
        run["serve"] = probe_server(folder, data, urls, _n("http_latency", quick), limits)
        say(f"scale ×{f}: search and the peers in-process …")
        argv = [
            sys.executable,
            "-m",
            "bench.inprocess",
            "--corpus",
            folder,
            "--data",
            data,
            "--peers",
            "--rounds",
            str(_n("scale_rounds", quick)),
        ]
        run["inprocess"] = _watched_json(argv + (["--today"] if f <= TODAY_UP_TO else []), limits)
        say(f"scale ×{f}: zangraph add of one act, and the build after it …")
        run["add"] = add_one(folder, data, f, limits, seeds)
        if f <= profile_max:
            run["profiles"] = profile_misses(f, run, folder, data, urls, limits)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(data, ignore_errors=True)
    return run


def profile_misses(f: int, run: dict[str, Any], corpus: str, data: str, urls, limits) -> dict[str, Any]:
    """A profile (bench.profiling, in a child process) of each measure that missed its target
    at this scale."""
    from . import targets

    out: dict[str, Any] = {}
    folder = tempfile.mkdtemp(prefix="zangraph-bench-prof-")
    try:
        for row in targets.table({f: run}, (f,)):
            if f not in targets.missed(row):
                continue
            stage = row["profile"]
            say(f"scale ×{f}: profile of {row['key']} ({stage}) …")
            argv = [sys.executable, "-m", "bench.profiling"]
            if stage == "build-cold":
                argv += ["build", "--corpus", corpus, "--data", os.path.join(folder, "cold")]
            elif stage == "build-after-add":
                argv += ["build", "--corpus", corpus, "--data", data]
            elif stage in ("memory", "http-search", "http-must-know"):
                name = "must-know" if stage == "http-must-know" else "search"
                path = os.path.join(folder, f"{name}.json")
                with open(path, "w", encoding="utf-8") as fh:
                    json.dump(urls[name], fh)
                argv += [
                    "memory" if stage == "memory" else "http",
                    "--corpus",
                    corpus,
                    "--data",
                    data,
                    "--urls",
                    path,
                ]
            else:  # startup, search
                argv += [stage, "--corpus", corpus, "--data", data]
            res = _watched_json(argv, limits)
            res["why_profiled"] = row["verdicts"][f]["why"]
            out[row["key"]] = res
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return out


#: Figures whose growth is fitted (log-log), with where they are in a scale's record.
GROWTH = {
    "full build (zangraph build)": ("build", "wall_s"),
    "  graph (parse and save included)": ("build", "stages", "graph_s"),
    "  index": ("build", "stages", "index_s"),
    "peak RSS of the build": ("build", "peak_rss_mb"),
    "index size": ("build", "index_bytes"),
    "KB file size": ("build", "kb_bytes"),
    "add one act + build": ("add", "wall_s"),
    "server ready": ("serve", "ready_s"),
    "server RSS per worker": ("serve", "rss_per_worker_mb"),
    "HTTP search p50": ("serve", "search", "p50_ms"),
    "HTTP search p99": ("serve", "search", "p99_ms"),
    "HTTP must-know p50": ("serve", "must-know", "p50_ms"),
    "search p50 in-process": ("inprocess", "search", "p50_ms"),
    "tantivy p50": ("inprocess", "peers", "tantivy", "query", "p50_ms"),
    "SQLite FTS5 p50": ("inprocess", "peers", "sqlite-fts5", "query", "p50_ms"),
    "tantivy build": ("inprocess", "peers", "tantivy", "build_s"),
    "SQLite FTS5 build": ("inprocess", "peers", "sqlite-fts5", "build_s"),
}


def scale_stage(
    factors: list[int],
    seeds: str,
    quick: bool,
    limits,
    urls: dict[str, list[str]],
    profile_max: int,
    checkpoint=lambda: None,
    out: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """:func:`measure_scale` for each factor, into ``out`` (a new dict when not given), which is
    returned; ``checkpoint()`` after each scale and when interrupted (the results so far are
    written, so a run stopped from outside still leaves its table)."""
    from . import targets

    out = {} if out is None else out
    out.update(
        runs={},
        limits={"rss_mb": limits.rss_mb, "seconds": limits.seconds},
        profile_max_scale=profile_max,
    )
    for f in factors:
        run = out["runs"][str(f)] = {}
        try:
            measure_scale(f, seeds, quick, limits, urls, profile_max, run)
        except Exception as err:  # noqa: BLE001 - a harness error is recorded in the table, and said
            say(f"scale ×{f}: {type(err).__name__}: {err}\n{traceback.format_exc()}")
            _not_run(run, f"bench error: {type(err).__name__}: {err}")
        except KeyboardInterrupt:
            _not_run(run, "not run: the benchmark was interrupted")
            checkpoint()
            raise
        runs = {int(k): r for k, r in out["runs"].items()}
        out["growth"] = {name: targets.slopes(runs, path) for name, path in GROWTH.items()}
        checkpoint()
    return out


def _not_run(run: dict[str, Any], why: str) -> None:
    """Mark the steps of a scale's record that have no figures yet with ``why``."""
    for step in ("build", "serve", "inprocess", "add"):
        run.setdefault(step, {"finished": False, "why": why})


# --- targets ------------------------------------------------------------------------------------


def targets(res: dict[str, Any]) -> list[dict[str, Any]]:
    """The targets on the seeds (in-process stages, HTTP with 2 workers) set before issue 12;
    the scaled ones are issue 12's table (:mod:`bench.targets`)."""
    st = res["stages"]
    out: list[dict[str, Any]] = []

    def add(name: str, target: str, value: Any, met: bool | None, note: str = "") -> None:
        out.append({"name": name, "target": target, "value": value, "met": met, "note": note})

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


def _interrupt(signum, frame) -> None:
    """SIGTERM as Ctrl-C: the children under the watchdog are stopped on the way out (their
    process groups are not this one's, so a plain SIGTERM would leave them running)."""
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _interrupt)
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    p.add_argument("--scales", help="comma-separated factors (default 1,10,100; with --quick 1,10)")
    p.add_argument(
        "--scale",
        type=int,
        action="append",
        default=[],
        metavar="F",
        help="add a factor to the scales (--scale 1000)",
    )
    p.add_argument("--quick", action="store_true", help="×1 and ×10 only, fewer repeats (development)")
    p.add_argument("--corpus", default="corpus", help="the seed corpus (default: corpus)")
    p.add_argument("--queries", default=QUERIES_FILE)
    p.add_argument("--no-http", action="store_true", help="skip the HTTP stage")
    p.add_argument("--no-corpus-dev", action="store_true", help="skip parse + build of corpus + corpus-dev")
    p.add_argument(
        "--rss-limit-gib",
        type=float,
        default=20.0,
        help="stop a child whose process tree's RSS passes this (default 20 GiB)",
    )
    p.add_argument(
        "--timeout-min",
        type=float,
        default=60.0,
        help="stop a child that runs longer than this (default 60 min)",
    )
    p.add_argument(
        "--profile-max-scale",
        type=int,
        default=100,
        help="profile a missed target only at scales up to this (default 100; 0: no profiles)",
    )
    p.add_argument("--out", default=HERE, help="folder for RESULTS.md and results.json (default: bench/)")
    p.add_argument(
        "--render-only", action="store_true", help="rewrite RESULTS.md from results.json, run nothing"
    )
    args = p.parse_args(argv)
    if args.render_only:
        with open(os.path.join(args.out, "results.json"), encoding="utf-8") as fh:
            res = json.load(fh)
        write(res, args.out)  # derived figures: recomputed with the current wording
        say(f"wrote {os.path.join(args.out, 'RESULTS.md')} from results.json")
        return 0
    scales = [int(s) for s in (args.scales or ("1,10" if args.quick else "1,10,100")).split(",") if s.strip()]
    scales = sorted(set(scales) | set(args.scale))
    limits = Limits(rss_mb=args.rss_limit_gib * 1024, seconds=args.timeout_min * 60)
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
        from .loadtest import endpoint_urls

        res["scale"] = {}
        scale_stage(
            scales,
            args.corpus,
            args.quick,
            limits,
            endpoint_urls(kb, queries),
            args.profile_max_scale,
            checkpoint=lambda: write(res, args.out, started),
            out=res["scale"],
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
    write(res, args.out, started)
    say(f"wrote {os.path.join(args.out, 'RESULTS.md')} and results.json in {res['wall_s']:.0f} s")
    return 1 if failed else 0


def write(res: dict[str, Any], out: str, started: float | None = None) -> None:
    """``results.json`` and ``RESULTS.md`` in ``out``, the derived figures (targets, issue 12's
    table) computed again; ``started``: the run's clock, for its wall time so far."""
    from . import targets as issue12

    res["targets"] = targets(res)
    runs = {int(f): r for f, r in ((res.get("scale") or {}).get("runs") or {}).items()}
    res["issue12"] = issue12.table(runs)
    if started is not None:
        res["wall_s"] = round(time.perf_counter() - started, 1)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "results.json"), "w", encoding="utf-8") as fh:
        json.dump(res, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    with open(os.path.join(out, "RESULTS.md"), "w", encoding="utf-8") as fh:
        fh.write(report.render(res))


if __name__ == "__main__":
    sys.exit(main())
