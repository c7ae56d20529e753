"""Issue 12's table: each measure per scale, its targets, the verdicts and the growth slopes.

The measures are declared as data (:data:`MEASURES`): where each figure sits in a scale's record
(``results.json`` ``scale.runs["100"]``), its unit, and its target per scale (a maximum).  The
functions here are pure: a scale's record in, cells and verdicts out.

A scale's record holds one entry per step, each with ``finished`` / ``available`` false and a
``why`` when the step did not give its figures::

    {"build": {"wall_s", "peak_rss_mb", ...},                 # bench.fullbuild.build_watched
     "add": {"wall_s", "add_s", "build": {...}, ...},         # bench.addone.add_one
     "serve": {"ready_s", "rss_per_worker_mb", "search": {"p50_ms", "p99_ms"}, "must-know": {...}},
     "inprocess": {"search": {...}, "peers": {"tantivy": {"query": {...}, "ratio_p50": 54.3}, ...}}}
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from .measure import fit_loglog

__all__ = [
    "MEASURES",
    "Check",
    "Measure",
    "cell",
    "figure",
    "fmt",
    "missed",
    "slopes",
    "step_slope",
    "table",
    "target_text",
    "verdict",
    "why_missing",
]


@dataclass(frozen=True)
class Check:
    """One figure of a measure: where it is in a scale's record, its unit, its targets."""

    path: tuple[str, ...]
    unit: str  # "s", "MiB", "ms", "×"
    targets: dict[int, float] = field(default_factory=dict)  # scale -> the most it may be
    label: str = ""  # said before the value when a measure has several ("peak RSS")


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    checks: tuple[Check, ...]
    profile: str  # the stage bench.run profiles when a target is missed (bench.profiling)


MEASURES: tuple[Measure, ...] = (
    Measure(
        "full_build",
        "full build (parse + graph + index), cold",
        (
            Check(("build", "wall_s"), "s", {100: 90, 1000: 20 * 60}),
            Check(("build", "peak_rss_mb"), "MiB", {1000: 6 * 1024}, "peak RSS"),
        ),
        "build-cold",
    ),
    Measure(
        "add_one",
        "add one act to a built KB (`zangraph add` + build)",
        (Check(("add", "wall_s"), "s", {100: 5, 1000: 10}),),
        "build-after-add",
    ),
    Measure(
        "ready", "server ready after start", (Check(("serve", "ready_s"), "s", {100: 2, 1000: 5}),), "startup"
    ),
    Measure(
        "rss",
        "server RSS per worker after the query set",
        (Check(("serve", "rss_per_worker_mb"), "MiB", {100: 400, 1000: 1024}),),
        "memory",
    ),
    Measure(
        "http_search",
        "HTTP search p50 / p99, as of today, 1 worker",
        (
            Check(("serve", "search", "p50_ms"), "ms", {100: 15, 1000: 30}, "p50"),
            Check(("serve", "search", "p99_ms"), "ms", {100: 100, 1000: 300}, "p99"),
        ),
        "http-search",
    ),
    Measure(
        "must_know",
        "HTTP must-know p50",
        (Check(("serve", "must-know", "p50_ms"), "ms", {100: 5, 1000: 10}),),
        "http-must-know",
    ),
    Measure(
        "vs_tantivy",
        "search p50 / tantivy p50, in-process",
        (Check(("inprocess", "peers", "tantivy", "ratio_p50"), "×", {100: 10}),),
        "search",
    ),
)


def figure(run: dict[str, Any], path: tuple[str, ...]) -> float | None:
    """The number at ``path`` in a scale's record, or None.

    >>> figure({"serve": {"search": {"p50_ms": 4.1}}}, ("serve", "search", "p50_ms"))
    4.1
    >>> figure({"serve": {"available": False, "why": "x"}}, ("serve", "search", "p50_ms")) is None
    True
    """
    x: Any = run
    for k in path:
        if not isinstance(x, dict) or k not in x:
            return None
        x = x[k]
    return x if isinstance(x, int | float) and not isinstance(x, bool) else None


def why_missing(run: dict[str, Any] | None, path: tuple[str, ...]) -> str:
    """Why a figure is not there: the first ``why`` on its path (the watchdog's "did not
    finish: …" of its step, a peer's "not installed"), "not run" when its step is not there.

    >>> stopped = "did not finish: RSS 21 GiB > 20 GiB after 900 s, peak 21 GiB"
    >>> why_missing({"build": {"finished": False, "why": stopped}}, ("build", "wall_s"))
    'did not finish: RSS 21 GiB > 20 GiB after 900 s, peak 21 GiB'
    >>> why_missing({"inprocess": {"peers": {"tantivy": {"available": False, "why": "not installed"}}}},
    ...             ("inprocess", "peers", "tantivy", "ratio_p50"))
    'tantivy: not installed'
    >>> why_missing({}, ("serve", "ready_s")), why_missing({"serve": {}}, ("serve", "ready_s"))
    ('not run', 'not measured')
    """
    x: Any = run or {}
    for i, k in enumerate(path):
        if not isinstance(x, dict) or k not in x:
            return "not run" if i == 0 else "not measured"
        x = x[k]
        if isinstance(x, dict) and x.get("why"):
            return str(x["why"]) if i == 0 else f"{k}: {x['why']}"
    return "not measured"


def fmt(value: float, unit: str) -> str:
    """A figure with its unit, as the table shows it.

    >>> fmt(280.43, "s"), fmt(1523.0, "s"), fmt(2396.2, "MiB")
    ('280 s', '25.4 min', '2396 MiB')
    >>> fmt(0.84, "ms"), fmt(8325, "ms"), fmt(54.27, "×")
    ('0.84 ms', '8325 ms', '54.3×')
    """
    if unit == "s":
        if value >= 1000:
            return f"{value / 60:.1f} min"
        return f"{value:.2f} s" if value < 10 else f"{value:.1f} s" if value < 100 else f"{value:.0f} s"
    if unit == "ms":
        return f"{value:.2f} ms" if value < 10 else f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    if unit == "MiB":
        return f"{value:.0f} MiB"
    return f"{value:.1f}×"


def _limit(value: float, unit: str) -> str:
    """A target as written in issue 12.

    >>> _limit(1200, "s"), _limit(6144, "MiB"), _limit(400, "MiB"), _limit(10, "×")
    ('20 min', '6 GiB', '400 MiB', '10×')
    """
    if unit == "s" and value >= 600:
        return f"{value / 60:g} min"
    if unit == "MiB" and value >= 1024:
        return f"{value / 1024:g} GiB"
    return f"{value:g}×" if unit == "×" else f"{value:g} {unit}"


def _prefix(c: Check) -> str:
    """What a figure's value is preceded by: its label, unless the measure's name says it (p50 / p99)."""
    return f"{c.label} " if c.label and c.label not in ("p50", "p99") else ""


def _sep(m: Measure) -> str:
    return " / " if all(c.label in ("p50", "p99") for c in m.checks) else ", "


def cell(run: dict[str, Any] | None, m: Measure) -> str:
    """A measure's figures at one scale, or why they are missing (— when the scale was not run).

    >>> cell({"build": {"wall_s": 280.4, "peak_rss_mb": 1962.0}}, MEASURES[0])
    '280 s, peak RSS 1962 MiB'
    >>> cell({"serve": {"search": {"p50_ms": 115.0, "p99_ms": 8325.0}}}, MEASURES[4]), cell(None, MEASURES[4])
    ('115 ms / 8325 ms', '—')
    """
    if run is None:
        return "—"
    parts = []
    for c in m.checks:
        v = figure(run, c.path)
        if v is None:
            return why_missing(run, c.path)
        parts.append(_prefix(c) + fmt(v, c.unit))
    return _sep(m).join(parts)


def target_text(m: Measure) -> str:
    """The targets of a measure, per scale, as one cell.

    >>> target_text(MEASURES[0])
    '×100 ≤ 90 s; ×1000 ≤ 20 min, peak RSS ≤ 6 GiB'
    >>> target_text(MEASURES[4])
    '×100 ≤ 15 ms / ≤ 100 ms; ×1000 ≤ 30 ms / ≤ 300 ms'
    """
    scales = sorted({s for c in m.checks for s in c.targets})
    out = []
    for s in scales:
        bits = [f"{_prefix(c)}≤ {_limit(c.targets[s], c.unit)}" for c in m.checks if s in c.targets]
        out.append(f"×{s} " + _sep(m).join(bits))
    return "; ".join(out)


def verdict(run: dict[str, Any] | None, m: Measure, scale: int) -> dict[str, Any] | None:
    """``{"met": bool | None, "why": str}`` at a scale with a target; None at a scale without.
    ``met`` is None when the scale was not run, False when a figure is over its target or
    missing (the step did not finish), True when every figure is within.

    >>> m = MEASURES[4]
    >>> verdict({"serve": {"search": {"p50_ms": 9.0, "p99_ms": 140.0}}}, m, 100)
    {'met': False, 'why': 'p99 140 ms > 100 ms'}
    >>> verdict({"serve": {"search": {"p50_ms": 9.0, "p99_ms": 40.0}}}, m, 100)
    {'met': True, 'why': ''}
    >>> stopped = "did not finish: time 3601 s > 3600 s after 3601 s, peak 9 GiB"
    >>> verdict({"serve": {"available": False, "why": stopped}}, m, 1000)["met"]
    False
    >>> verdict(None, m, 1000), verdict({}, m, 10)
    ({'met': None, 'why': 'not run'}, None)
    """
    checks = [c for c in m.checks if scale in c.targets]
    if not checks:
        return None
    if run is None:
        return {"met": None, "why": "not run"}
    over = []
    for c in checks:
        v = figure(run, c.path)
        if v is None:
            return {"met": False, "why": why_missing(run, c.path)}
        if v > c.targets[scale]:
            label = f"{c.label} " if c.label else ""
            over.append(f"{label}{fmt(v, c.unit)} > {_limit(c.targets[scale], c.unit)}")
    return {"met": not over, "why": "; ".join(over)}


def step_slope(x1: float, y1: float | None, x2: float, y2: float | None) -> float | None:
    """The log-log slope between two points (1: grows as fast as the corpus), or None.

    >>> step_slope(1, 3.2, 10, 21.0), step_slope(10, 21.0, 100, 280.4), step_slope(1, None, 10, 2)
    (0.817, 1.126, None)
    """
    if not y1 or not y2 or y1 <= 0 or y2 <= 0 or x1 == x2:
        return None
    return round(math.log(y2 / y1) / math.log(x2 / x1), 3)


def slopes(runs: dict[int, dict[str, Any]], path: tuple[str, ...]) -> dict[str, Any]:
    """Slopes of one figure from scale to scale (``"1→10"``…) and the least-squares fit over all."""
    xs = sorted(runs)
    pts = [(x, figure(runs[x], path)) for x in xs]
    steps = {f"{a}→{b}": step_slope(a, ya, b, yb) for (a, ya), (b, yb) in zip(pts, pts[1:], strict=False)}
    have = [(x, y) for x, y in pts if y]
    fit = fit_loglog([x for x, _ in have], [y for _, y in have]) if len(have) >= 2 else None
    return {"steps": steps, "fit": fit}


def table(
    runs: dict[int, dict[str, Any]], scales: tuple[int, ...] = (1, 10, 100, 1000)
) -> list[dict[str, Any]]:
    """One row per measure: its cells per scale, target, verdicts per scale with a target, and
    the slopes of each of its figures."""
    rows = []
    for m in MEASURES:
        rows.append(
            {
                "key": m.key,
                "measure": m.label,
                "cells": {s: cell(runs.get(s), m) for s in scales},
                "target": target_text(m),
                "verdicts": {s: v for s in scales if (v := verdict(runs.get(s), m, s)) is not None},
                "slopes": {(c.label or "value"): slopes(runs, c.path) for c in m.checks},
                "profile": m.profile,
            }
        )
    return rows


def missed(row: dict[str, Any]) -> list[int]:
    """The scales at which a row missed its target."""
    return [s for s, v in row["verdicts"].items() if v and v["met"] is False]
