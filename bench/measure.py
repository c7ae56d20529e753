"""Clocks, percentiles, memory readings and trend fits shared by the stages."""

from __future__ import annotations

import contextlib
import math
import os
import platform
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

__all__ = [
    "du",
    "fit_loglog",
    "machine",
    "percentile",
    "process_tree_rss",
    "repeat",
    "self_peak_rss_mb",
    "summary_ms",
    "timed",
]


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """``(seconds, result)`` of one call."""
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def repeat(fn: Callable[[], Any], n: int, setup: Callable[[], Any] | None = None) -> dict[str, Any]:
    """Run ``fn`` ``n`` times (``setup`` before each, not timed); the median and all runs, seconds."""
    runs = []
    for _ in range(n):
        if setup is not None:
            setup()
        runs.append(timed(fn)[0])
    return {"median_s": statistics.median(runs), "min_s": min(runs), "runs_s": [round(r, 4) for r in runs]}


def percentile(values: Sequence[float], p: float) -> float:
    """The ``p``-th percentile (0–100), linear between closest ranks.

    >>> percentile([1, 2, 3, 4], 50), percentile([1, 2, 3, 4], 100)
    (2.5, 4)
    """
    xs = sorted(values)
    if not xs:
        return float("nan")
    k = (len(xs) - 1) * p / 100
    lo, hi = math.floor(k), math.ceil(k)
    return xs[lo] if lo == hi else xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def summary_ms(seconds: Sequence[float]) -> dict[str, float]:
    """p50 / p99 / mean / max in milliseconds, and the number of samples."""
    ms = [s * 1000 for s in seconds]
    return {
        "p50_ms": round(percentile(ms, 50), 3),
        "p99_ms": round(percentile(ms, 99), 3),
        "mean_ms": round(statistics.fmean(ms), 3) if ms else float("nan"),
        "max_ms": round(max(ms), 3) if ms else float("nan"),
        "n": len(ms),
    }


def self_peak_rss_mb() -> float:
    """Peak resident set of this process (``VmHWM``, else ``ru_maxrss``), MiB."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _status(pid: int) -> dict[str, str]:
    out = {}
    with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            out[key] = value.strip()
    return out


def process_tree_rss(pid: int) -> dict[str, Any]:
    """RSS and peak RSS (MiB) of ``pid`` and each of its descendants (read from /proc)."""
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            ppid = int(_status(int(name)).get("PPid", "0"))
        except (OSError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(name))
    procs, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            st = _status(p)
        except OSError:
            continue
        procs.append(
            {
                "pid": p,
                "name": st.get("Name"),
                "rss_mb": int(st.get("VmRSS", "0 kB").split()[0]) / 1024,
                "peak_mb": int(st.get("VmHWM", "0 kB").split()[0]) / 1024,
            }
        )
        todo.extend(children.get(p, []))
    return {
        "processes": procs,
        "total_rss_mb": round(sum(p["rss_mb"] for p in procs), 1),
        "max_process_rss_mb": round(max((p["rss_mb"] for p in procs), default=0), 1),
        "max_process_peak_mb": round(max((p["peak_mb"] for p in procs), default=0), 1),
    }


def du(path: str) -> int:
    """Bytes of the files under ``path`` (or of the file)."""
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            with contextlib.suppress(OSError):
                total += os.path.getsize(os.path.join(root, f))
    return total


def fit_loglog(xs: Sequence[float], ys: Sequence[float]) -> dict[str, float] | None:
    """Least squares on ``log y = a + b log x``: the slope ``b`` (1 = linear) and ``r2``.

    >>> fit_loglog([1, 10, 100], [2, 20, 200])["slope"]
    1.0
    """
    pts = [(math.log(x), math.log(y)) for x, y in zip(xs, ys, strict=True) if x > 0 and y and y > 0]
    if len(pts) < 2:
        return None
    mx = statistics.fmean(p[0] for p in pts)
    my = statistics.fmean(p[1] for p in pts)
    sxx = sum((p[0] - mx) ** 2 for p in pts)
    sxy = sum((p[0] - mx) * (p[1] - my) for p in pts)
    b = sxy / sxx
    a = my - b * mx
    ss_tot = sum((p[1] - my) ** 2 for p in pts)
    ss_res = sum((p[1] - (a + b * p[0])) ** 2 for p in pts)
    return {
        "slope": round(b, 3),
        "intercept": round(a, 3),
        "r2": round(1 - ss_res / ss_tot, 4) if ss_tot else 1.0,
        "points": len(pts),
    }


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    model = None
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = None
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            mem = round(int(fh.readline().split()[1]) / 1024 / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    return {
        "cpu_count": os.cpu_count(),
        "cpu_model": model,
        "memory_gib": mem,
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }
