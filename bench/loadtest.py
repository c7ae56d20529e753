"""The HTTP API under load: ``zangraph serve`` on a loopback port, bounded request loops.

For each worker count the server is started on ``127.0.0.1`` and a free port, on a data folder
built beforehand (so it only loads), and each endpoint gets

* **latency**: one client, one keep-alive connection, requests one after another (``httpx``),
  cycling over its URLs: p50 / p99;
* **throughput**: ``wrk`` (when installed) with 2 threads and 8 connections for a fixed time,
  cycling over the same URLs from a Lua script: requests per second and wrk's p50 / p99; without
  ``wrk``, 8 Python threads with one ``httpx`` client each, a fixed number of requests.

The client runs on the same machine as the server (loopback only), so on a 2-core machine it
takes CPU from the server: throughput figures are a floor.  The server's memory is read from
``/proc`` for the server process and its workers.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from typing import Any
from urllib.parse import quote, urlencode

from .measure import process_tree_rss, summary_ms
from .queries import Query
from .watchdog import Limits, Watch, did_not_finish

__all__ = ["Server", "endpoint_urls", "http_available", "probe_server", "run_http_stage"]

HOST = "127.0.0.1"
ENDPOINTS = ("search", "position", "must-know", "job-description")
WRK_THREADS, WRK_CONNECTIONS, PY_THREADS = 2, 8, 8


def http_available() -> tuple[bool, str]:
    """Whether ``zangraph serve`` and the app can be imported here (and why not)."""
    try:
        import httpx  # noqa: F401

        import api.app  # noqa: F401
        import api.cli_serve  # noqa: F401
    except Exception as err:  # noqa: BLE001 - anything missing makes the stage "not available"
        return False, f"{type(err).__name__}: {err}"
    return True, ""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _serve_argv() -> list[str]:
    from .corpus_dev import zangraph_cmd

    return [*zangraph_cmd(), "serve"]


class Server:
    """One ``zangraph serve`` process group on a loopback port (started and stopped by us);
    with ``limits``, under the watchdog (:class:`bench.watchdog.Watch`): over them, the group is
    killed and :attr:`why` says why."""

    def __init__(
        self,
        corpus: str,
        data_dir: str,
        workers: int,
        ready_timeout: float = 300,
        nodelay: bool = False,
        limits: Limits | None = None,
    ) -> None:
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"
        # the server writes its log here for its whole life; closed in stop()
        self.log = tempfile.NamedTemporaryFile(prefix="zangraph-bench-serve-", suffix=".log", delete=False)  # noqa: SIM115
        launcher = [sys.executable, "-m", "bench.nodelay_serve", "serve"] if nodelay else _serve_argv()
        argv = launcher + [
            "--host",
            HOST,
            "--port",
            str(self.port),
            "--workers",
            str(workers),
            "--corpus",
            corpus,
            "--data",
            data_dir,
        ]
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(
            argv, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True, cwd=os.getcwd()
        )
        self.watch = Watch(self.proc.pid, limits, poll_s=1.0) if limits else None
        if self.watch:
            self.watch.start()
        try:
            self.ready_s = self._wait_ready(ready_timeout, t0)
        except BaseException:  # not ready, or interrupted while waiting: the caller has no server to stop
            self.stop()
            raise

    @property
    def why(self) -> str | None:
        """Why the watchdog stopped the server (None while it runs within its limits)."""
        if self.watch is None or self.watch.why is None:
            return None
        return did_not_finish(self.watch.why, time.perf_counter() - self.watch.t0, self.watch.peak_mb)

    def _wait_ready(self, timeout: float, t0: float) -> float:
        """Seconds from the start to the first 200 of ``GET /health`` (polled every 50 ms)."""
        import httpx

        while time.perf_counter() - t0 < timeout:
            if self.proc.poll() is not None:
                why = self.why or f"zangraph serve exited with {self.proc.returncode}"
                self.stop()
                raise RuntimeError(f"{why}: {self.tail()}")
            try:
                if httpx.get(self.base + "/health", timeout=2).status_code == 200:
                    return time.perf_counter() - t0
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"zangraph serve not ready after {timeout:.0f} s: {self.tail()}")

    def tail(self, n: int = 600) -> str:
        try:
            with open(self.log.name, encoding="utf-8", errors="replace") as fh:
                return fh.read()[-n:].replace("\n", " | ")
        except OSError:
            return ""

    def memory(self) -> dict[str, Any]:
        return process_tree_rss(self.proc.pid)

    def stop(self) -> None:
        if self.watch:
            self.watch.stop()
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)  # our own group (start_new_session)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        self.log.close()
        with contextlib.suppress(OSError):
            os.unlink(self.log.name)


def endpoint_urls(kb, queries: list[Query], positions: int = 20) -> dict[str, list[str]]:
    """Paths (with query strings) per endpoint: the query set for ``/search`` (10 hits a page,
    as in-process; without an as-of date the server uses today); the first ``positions``
    positions in graph order (``<act number>:<unit id>``; on the seeds all of order № 360, the largest
    ТКХ) for the position endpoints."""
    search = []
    for q in queries:
        params = {"q": q.text, "lang": q.lang, "limit": 10}
        if q.as_of:
            params["as_of"] = q.as_of
        search.append("/search?" + urlencode(params))
    pids = []
    for _, d in kb.graph.nodes(data=True):
        if (
            d.get("kind") == "position"
            and d.get("work") in kb.acts
            and not kb.acts[d["work"]].get("synthetic")
        ):
            pids.append(quote(f"{kb.acts[d['work']]['number']}:{d['eid']}", safe=""))
    pids = pids[:positions]
    return {
        "search": search,
        "position": [f"/positions/{p}" for p in pids],
        "must-know": [f"/positions/{p}/must-know" for p in pids],
        "job-description": [f"/positions/{p}/job-description" for p in pids],
    }


def check_urls(base: str, urls: list[str]) -> dict[str, Any]:
    """One request per URL: the status codes seen (a stage with errors is reported as such)."""
    import httpx

    codes: dict[int, int] = {}
    with httpx.Client(base_url=base, timeout=60) as c:
        for u in urls:
            code = c.get(u).status_code
            codes[code] = codes.get(code, 0) + 1
    return {"status": codes, "ok": codes.get(200, 0) == len(urls)}


def latency(base: str, urls: list[str], n: int, timeout: float = 60) -> dict[str, Any]:
    """``n`` sequential requests on one connection, cycling over ``urls`` (no warm-up: the
    first request is ``first_ms``); a request the server did not answer counts as an error, and
    three in a row end the loop (the server is gone)."""
    import httpx

    samples, errors, lost = [], 0, 0
    with httpx.Client(base_url=base, timeout=timeout) as c:
        for i in range(n):
            t0 = time.perf_counter()
            try:
                r = c.get(urls[i % len(urls)])
            except httpx.HTTPError:
                errors += 1
                lost += 1
                if lost == 3:
                    break
                continue
            lost = 0
            samples.append(time.perf_counter() - t0)
            errors += r.status_code != 200
    first = round(samples[0] * 1000, 3) if samples else None
    return {**summary_ms(samples), "errors": errors, "first_ms": first}


_WRK_LINE = {
    "rps": re.compile(r"Requests/sec:\s+([\d.]+)"),
    "p50": re.compile(r"^\s+50%\s+([\d.]+)(us|ms|s)\b", re.M),
    "p99": re.compile(r"^\s+99%\s+([\d.]+)(us|ms|s)\b", re.M),
    "requests": re.compile(r"(\d+) requests in"),
    "non2xx": re.compile(r"Non-2xx or 3xx responses:\s+(\d+)"),
    "socket": re.compile(r"Socket errors:(.*)"),
}


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def throughput_wrk(base: str, urls: list[str], seconds: int) -> dict[str, Any]:
    lua = (
        "local paths = {\n"
        + ",\n".join(f'  "{u}"' for u in urls)
        + "\n}\n"
        + (
            "local i = 0\nrequest = function()\n  i = i % #paths + 1\n"
            '  return wrk.format("GET", paths[i])\nend\n'
        )
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False, encoding="utf-8") as fh:
        fh.write(lua)
    try:
        out = subprocess.run(
            [
                "wrk",
                f"-t{WRK_THREADS}",
                f"-c{WRK_CONNECTIONS}",
                f"-d{seconds}s",
                "--timeout",
                "30s",
                "--latency",
                "-s",
                fh.name,
                base,
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
        )
    finally:
        os.unlink(fh.name)
    text = out.stdout
    res: dict[str, Any] = {"tool": f"wrk -t{WRK_THREADS} -c{WRK_CONNECTIONS} -d{seconds}s"}
    m = _WRK_LINE["rps"].search(text)
    res["rps"] = float(m.group(1)) if m else None
    for k in ("p50", "p99"):
        m = _WRK_LINE[k].search(text)
        res[f"{k}_ms"] = round(_ms(*m.groups()), 3) if m else None
    m = _WRK_LINE["requests"].search(text)
    res["requests"] = int(m.group(1)) if m else None
    m = _WRK_LINE["non2xx"].search(text)
    res["errors"] = int(m.group(1)) if m else 0
    m = _WRK_LINE["socket"].search(text)
    if m:
        res["socket_errors"] = m.group(1).strip()
    if res["rps"] is None:
        res["raw"] = (text + out.stderr)[-500:]
    return res


def throughput_threads(base: str, urls: list[str], total: int) -> dict[str, Any]:
    import httpx

    samples: list[float] = []
    errors = [0]
    lock = threading.Lock()
    per = max(1, total // PY_THREADS)

    def work(k: int) -> None:
        mine, bad = [], 0
        with httpx.Client(base_url=base, timeout=60) as c:
            for i in range(per):
                t0 = time.perf_counter()
                r = c.get(urls[(k * per + i) % len(urls)])
                mine.append(time.perf_counter() - t0)
                bad += r.status_code != 200
        with lock:
            samples.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=work, args=(k,)) for k in range(PY_THREADS)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    s = summary_ms(samples)
    return {
        "tool": f"python threads ×{PY_THREADS} (httpx)",
        "rps": round(len(samples) / wall, 1),
        "p50_ms": s["p50_ms"],
        "p99_ms": s["p99_ms"],
        "requests": len(samples),
        "errors": errors[0],
    }


def run_http_stage(
    corpus: str,
    data_dir: str,
    urls: dict[str, list[str]],
    workers: list[str],
    n_latency: int,
    seconds: int,
    say=print,
) -> dict[str, Any]:
    """Every endpoint at every worker count (``"2"``; ``"2+nodelay"`` for the diagnostic run of
    :mod:`bench.nodelay_serve`); ``{"available": False, "why"}`` when the server cannot be
    imported or started."""
    ok, why = http_available()
    if not ok:
        return {"available": False, "why": why}
    use_wrk = shutil.which("wrk") is not None
    out: dict[str, Any] = {"available": True, "client": "wrk" if use_wrk else "python threads", "runs": {}}
    for key in workers:
        n, _, variant = key.partition("+")
        say(f"  http: {key} worker(s) …")
        try:
            server = Server(corpus, data_dir, int(n), nodelay=variant == "nodelay")
        except RuntimeError as err:
            out["runs"][key] = {"available": False, "why": str(err)}
            continue
        run: dict[str, Any] = {"ready_s": round(server.ready_s, 2), "endpoints": {}}
        try:
            run["memory_idle"] = server.memory()
            for name in ENDPOINTS:
                paths = urls.get(name) or []
                if not paths:
                    run["endpoints"][name] = {"available": False, "why": "no URLs (no positions in the KB?)"}
                    continue
                check = check_urls(server.base, paths)
                ep: dict[str, Any] = {"urls": len(paths), "check": check}
                if not check["ok"]:
                    ep["available"] = False
                    ep["why"] = f"status codes {check['status']}"
                    run["endpoints"][name] = ep
                    continue
                ep["latency"] = latency(server.base, paths, n_latency)
                ep["throughput"] = (
                    throughput_wrk(server.base, paths, seconds)
                    if use_wrk
                    else throughput_threads(server.base, paths, n_latency * 2)
                )
                run["endpoints"][name] = ep
            run["memory_after"] = server.memory()
        finally:
            server.stop()
        out["runs"][key] = run
    return out


def probe_server(
    corpus: str, data_dir: str, urls: dict[str, list[str]], n: int, limits: Limits, workers: int = 1
) -> dict[str, Any]:
    """``zangraph serve`` on a built data folder, under the watchdog: seconds from the start to
    the first 200 of ``/health``, then ``n`` sequential requests of the query set (``search``, as
    of today when a query has no date: the server's default) and ``n`` of ``must-know``, then
    the RSS of the server's processes (``rss_per_worker_mb``: the sum over its tree ÷ workers)."""
    ok, why = http_available()
    if not ok:
        return {"available": False, "why": why}
    try:
        server = Server(corpus, data_dir, workers, ready_timeout=limits.seconds, limits=limits)
    except RuntimeError as err:
        return {"available": False, "why": str(err)}
    out: dict[str, Any] = {"available": True, "workers": workers, "ready_s": round(server.ready_s, 3)}
    try:
        out["memory_idle"] = server.memory()
        for name in ("search", "must-know"):
            if urls.get(name):
                out[name] = latency(server.base, urls[name], n, timeout=limits.seconds)
            if server.why:
                break
        out["memory_after"] = server.memory()
        out["rss_per_worker_mb"] = round(out["memory_after"]["total_rss_mb"] / workers, 1)
    finally:
        server.stop()
    if server.why:  # what was measured before the watchdog stopped it is not a figure
        return {"available": False, "workers": workers, "ready_s": out["ready_s"], "why": server.why}
    return out
