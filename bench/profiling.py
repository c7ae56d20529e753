"""Profiles: why a stage is slow (or big).

* :func:`profile`: pyinstrument (sampling) around a function, the call tree's top lines and the
  functions with the most time of their own (the seed stages where zangraph is far behind a
  peer, :func:`bench.run.profiles`).
* :func:`cprofile`: cProfile around a function, the top functions by cumulative time and by
  their own time (:func:`top_functions`).
* A child process per stage that missed an issue-12 target, so the stage runs as cold as it was
  measured and the parent's memory is not in the figures::

    python -m bench.profiling build   --corpus C --data EMPTY   # the cold full build
    python -m bench.profiling build   --corpus C --data D       # a rebuild (after `add`)
    python -m bench.profiling startup --corpus C --data D       # what `serve` does before it answers
    python -m bench.profiling http    --corpus C --data D --urls urls.json  # the app on those URLs
    python -m bench.profiling search  --corpus C --data D       # index.search.search, the query set
    python -m bench.profiling memory  --corpus C --data D --urls urls.json  # what a worker holds

  Each prints one JSON object (:func:`cprofile`'s, or tracemalloc's top lines for ``memory``).
  ``http`` runs the application in this thread (httpx's ASGI transport, the routes' thread pool
  replaced by a direct call) so cProfile sees the routes; uvicorn's own work is not in it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

__all__ = ["cprofile", "passing_through", "profile", "top_functions"]

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__))).replace(os.sep, "/")

#: Functions left out of a cProfile top: the profiler's own frames and the wrappers every call
#: goes through (the import machinery, the event loop); the modules imported stay (``<module>``).
_NOISE = (
    "bench/profiling.py",
    "<frozen runpy>",
    "<frozen importlib",
    "asyncio/",
    "{method 'disable' of '_lsprof.Profiler' objects}",
    "<built-in method builtins.exec>",
)


def _name(frame) -> str:
    return f"{frame.function}  {frame.file_path_short}:{frame.line_no}"


def _self_times(frame, acc: dict[str, float]) -> None:
    """Add each frame's own time (its ``[self]`` leaves, or all of it for a leaf) to ``acc``."""
    if not frame.children and frame.function and not frame.is_synthetic:
        acc[_name(frame)] += frame.time
    for c in frame.children:
        if c.is_synthetic_leaf:
            acc[_name(frame)] += c.time
        else:
            _self_times(c, acc)


def profile(
    fn: Callable[[], Any], tree_lines: int = 40, top: int = 15, interval: float = 0.0005
) -> dict[str, Any]:
    """``{"available", "seconds", "tree": [...], "self": [[seconds, function], ...]}``."""
    try:
        from pyinstrument import Profiler
    except ImportError as err:
        return {"available": False, "why": f"pyinstrument not installed ({err})"}
    prof = Profiler(interval=interval)
    prof.start()
    try:
        fn()
    finally:
        prof.stop()
    text = prof.output_text(unicode=False, color=False, show_all=False)
    lines = [ln.rstrip() for ln in text.splitlines()]
    start = next((i for i, ln in enumerate(lines) if ln.strip() and ln.lstrip()[0].isdigit()), 0)
    tree = [ln for ln in lines[start:] if ln.strip()][:tree_lines]
    acc: dict[str, float] = defaultdict(float)
    root = prof.last_session.root_frame()
    if root is not None:
        _self_times(root, acc)
    ranked = sorted(acc.items(), key=lambda kv: -kv[1])[:top]
    return {
        "available": True,
        "seconds": round(prof.last_session.duration, 3),
        "tree": tree,
        "self": [[round(s, 3), name] for name, s in ranked],
    }


# --- cProfile ---------------------------------------------------------------------------------


def _where(file: str, line: int, func: str) -> str:
    """A function as ``name  package/module.py:line`` (the path from the package on).

    >>> _where("/w/.venv/lib/python3.11/site-packages/whoosh/writing.py", 747, "add_document")
    'add_document  whoosh/writing.py:747'
    >>> _where("~", 0, "<built-in method builtins.sorted>")
    '<built-in method builtins.sorted>'
    """
    if file == "~":
        return func
    path = file.replace(os.sep, "/")
    if "/site-packages/" in path:
        rel = path.rsplit("/site-packages/", 1)[1]
    elif path.startswith(ROOT + "/"):
        rel = path[len(ROOT) + 1 :]
    else:
        rel = "/".join(path.split("/")[-2:])
    return f"{func}  {rel}:{line}"


def top_functions(
    stats: dict, n: int = 15, key: str = "cumulative", skip: tuple[str, ...] = ()
) -> list[dict[str, Any]]:
    """The ``n`` functions of a ``pstats.Stats(...).stats`` dict with the most ``cumulative``
    (or ``own``) time, the profiler's own frames left out, and those whose name or file
    contains one of ``skip``.

    >>> st = {("/x/a.py", 1, "f"): (1, 1, 0.1, 2.0, {}), ("/x/b.py", 2, "g"): (5, 5, 1.5, 1.5, {})}
    >>> [r["function"] for r in top_functions(st)], top_functions(st, key="own")[0]["own_s"]
    (['f  x/a.py:1', 'g  x/b.py:2'], 1.5)
    """
    col = 3 if key == "cumulative" else 2
    through = passing_through(stats) if key == "cumulative" else set()
    rows = []
    for fn, (_, calls, own, cum, _) in sorted(stats.items(), key=lambda kv: -kv[1][col]):
        file, line, func = fn
        where = _where(file, line, func)
        if fn in through or any(noise in where or noise in file for noise in (*_NOISE, *skip)):
            continue
        rows.append({"cum_s": round(cum, 3), "own_s": round(own, 3), "calls": calls, "function": where})
        if len(rows) == n:
            break
    return rows


def passing_through(stats: dict, share: float = 0.98) -> set:
    """The functions that only pass a call on: one function they call has at least ``share`` of
    their cumulative time (a chain of middleware, ``main`` → the verb).  Left out of a top by
    cumulative time, where each would repeat the line below it.

    >>> outer, inner, leaf = ("a", 1, "outer"), ("a", 2, "inner"), ("a", 3, "leaf")
    >>> st = {outer: (1, 1, 0.0, 2.0, {}), inner: (1, 1, 1.0, 2.0, {outer: (1, 1, 1.0, 2.0)}),
    ...       leaf: (1, 1, 1.0, 1.0, {inner: (1, 1, 1.0, 1.0)})}
    >>> passing_through(st)
    {('a', 1, 'outer')}
    """
    most: dict = {}
    for _, (_, _, _, _, callers) in stats.items():
        for caller, (_, _, _, ct) in callers.items():
            total = stats.get(caller, (0, 0, 0, 0))[3]
            if total > 0:
                most[caller] = max(most.get(caller, 0.0), ct / total)
    return {fn for fn, part in most.items() if part >= share}


def cprofile(fn: Callable[[], Any], top: int = 15, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """``{"available", "tool", "seconds", "cumulative": [...], "own": [...]}`` of one call of
    ``fn`` (:func:`top_functions`, ``skip`` passed on)."""
    import cProfile
    import pstats

    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    try:
        fn()
    finally:
        prof.disable()
    seconds = time.perf_counter() - t0
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    return {
        "available": True,
        "tool": "cProfile",
        "seconds": round(seconds, 3),
        "cumulative": top_functions(stats, top, "cumulative", skip),
        "own": top_functions(stats, top, "own", skip),
    }


# --- the stages, in a child process -------------------------------------------------------------


def _settings(corpus: str, data_dir: str):
    from api.context import Settings

    return Settings(corpus=corpus, data_dir=data_dir)


def _stage_build(args) -> dict[str, Any]:
    from api.cli import main as cli

    def run() -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            rc = cli(["build", "--corpus", args.corpus, "--data", args.data, "-q", "--json"])
        if rc:
            raise RuntimeError(f"zangraph build exited with {rc}")

    return cprofile(run, args.top)


def _stage_startup(args) -> dict[str, Any]:
    def run() -> None:
        from api.app import create_app, load_kb

        settings = _settings(args.corpus, args.data)
        kb, _ = load_kb(settings, say=lambda msg: None)
        create_app(settings, kb)

    return cprofile(run, args.top)


def _inline_threadpool() -> None:
    """Run the routes' sync functions in the event loop's thread (cProfile follows one thread)."""
    import fastapi.dependencies.utils
    import fastapi.routing

    async def inline(func, *a, **kw):
        return func(*a, **kw)

    fastapi.routing.run_in_threadpool = inline
    fastapi.dependencies.utils.run_in_threadpool = inline


def _app(corpus: str, data_dir: str):
    from api.app import create_app, load_kb

    settings = _settings(corpus, data_dir)
    kb, _ = load_kb(settings, say=lambda msg: None)
    return create_app(settings, kb)


def _request_all(app, urls: list[str]) -> dict[int, int]:
    import asyncio

    import httpx

    async def go() -> dict[int, int]:
        codes: dict[int, int] = {}
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as c:
            for u in urls:
                code = (await c.get(u)).status_code
                codes[code] = codes.get(code, 0) + 1
        return codes

    return asyncio.run(go())


def _urls(path: str | None) -> list[str]:
    if not path:
        raise SystemExit("bench.profiling: --urls FILE (a JSON list of paths) is needed here")
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


#: The client and the ASGI layers every request of ``http`` passes through: left out of its top
#: by cumulative time (each would be the whole run), not of its top by own time.
_PLUMBING = ("httpx/", "anyio/", "starlette/", "_contextvars", "h11/", "sniffio/")


def _stage_http(args) -> dict[str, Any]:
    urls = _urls(args.urls)
    _inline_threadpool()
    app = _app(args.corpus, args.data)
    codes: dict[int, int] = {}
    out = cprofile(lambda: codes.update(_request_all(app, urls)), args.top, skip=_PLUMBING)
    out["requests"], out["status"] = len(urls), codes
    return out


def _stage_search(args) -> dict[str, Any]:
    from api.context import get_kb, index_path
    from index.search import open_index, search

    from .queries import load_queries

    kb = get_kb(args.corpus, args.data)
    ix = open_index(index_path(args.data))
    queries = load_queries(args.queries) if args.queries else load_queries()

    def run() -> None:
        for _ in range(3):
            for q in queries:
                search(ix, q.text, lang=q.lang, as_of=q.as_of, kb=kb)

    out = cprofile(run, args.top)
    out["calls"] = 3 * len(queries)
    return out


def _stage_memory(args) -> dict[str, Any]:
    """What a worker holds after the query set: tracemalloc's top lines by size, traced from
    after the imports (their RSS is ``rss_after_imports_mb``) through the KB load and the URLs."""
    import tracemalloc

    from .measure import self_peak_rss_mb

    urls = _urls(args.urls)
    import api.app  # noqa: F401 - the modules' share is measured apart (rss_after_imports_mb)
    import index.search  # noqa: F401

    rss_imports = _rss_mb()
    tracemalloc.start(1)
    t0 = time.perf_counter()
    app = _app(args.corpus, args.data)
    codes = _request_all(app, urls)
    snap = tracemalloc.take_snapshot()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    top = []
    for st in snap.statistics("lineno")[: args.top]:
        fr = st.traceback[0]
        top.append(
            {
                "size_mb": round(st.size / 2**20, 1),
                "blocks": st.count,
                "where": _where(fr.filename, fr.lineno, "")[2:],
            }
        )
    return {
        "available": True,
        "tool": "tracemalloc",
        "seconds": round(time.perf_counter() - t0, 3),
        "traced_mb": round(current / 2**20, 1),
        "traced_peak_mb": round(peak / 2**20, 1),
        "rss_after_imports_mb": round(rss_imports, 1),
        "rss_mb": round(_rss_mb(), 1),
        "rss_peak_mb": round(self_peak_rss_mb(), 1),
        "requests": len(urls),
        "status": codes,
        "top": top,
    }


def _rss_mb() -> float:
    from .measure import process_tree_rss

    return process_tree_rss(os.getpid())["total_rss_mb"]


STAGES: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "build": _stage_build,
    "startup": _stage_startup,
    "http": _stage_http,
    "search": _stage_search,
    "memory": _stage_memory,
}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.profiling", description=__doc__.split("\n\n")[0])
    p.add_argument("stage", choices=sorted(STAGES))
    p.add_argument("--corpus", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--urls", help="a JSON list of paths (http, memory)")
    p.add_argument("--queries", help="the query set (search; default bench/queries.tsv)")
    p.add_argument("--top", type=int, default=15)
    args = p.parse_args(argv)
    res = STAGES[args.stage](args)
    res["stage"] = args.stage
    json.dump(res, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
