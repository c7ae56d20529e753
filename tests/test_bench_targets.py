"""Issue 12's table in the benchmark: figures per scale, verdicts against the targets, slopes."""

from __future__ import annotations

import pytest

from bench.targets import MEASURES, cell, fmt, slopes, step_slope, table, target_text, verdict, why_missing

BY_KEY = {m.key: m for m in MEASURES}


def run_at(
    build_s=280.4, peak=1962.0, add_s=38.0, ready=12.9, rss=2396.0, p50=115.0, p99=8325.0, mk=2.1, ratio=54.3
):
    return {
        "build": {"finished": True, "wall_s": build_s, "peak_rss_mb": peak},
        "add": {"finished": True, "wall_s": add_s},
        "serve": {
            "available": True,
            "ready_s": ready,
            "rss_per_worker_mb": rss,
            "search": {"p50_ms": p50, "p99_ms": p99},
            "must-know": {"p50_ms": mk},
        },
        "inprocess": {"finished": True, "peers": {"tantivy": {"available": True, "ratio_p50": ratio}}},
    }


def test_every_row_of_the_issue_is_there():
    assert [m.label for m in MEASURES] == [
        "full build (parse + graph + index), cold",
        "add one act to a built KB (`zangraph add` + build)",
        "server ready after start",
        "server RSS per worker after the query set",
        "HTTP search p50 / p99, as of today, 1 worker",
        "HTTP must-know p50",
        "search p50 / tantivy p50, in-process",
    ]


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("full_build", "×100 ≤ 90 s; ×1000 ≤ 20 min, peak RSS ≤ 6 GiB"),
        ("add_one", "×100 ≤ 5 s; ×1000 ≤ 10 s"),
        ("ready", "×100 ≤ 2 s; ×1000 ≤ 5 s"),
        ("rss", "×100 ≤ 400 MiB; ×1000 ≤ 1 GiB"),
        ("http_search", "×100 ≤ 15 ms / ≤ 100 ms; ×1000 ≤ 30 ms / ≤ 300 ms"),
        ("must_know", "×100 ≤ 5 ms; ×1000 ≤ 10 ms"),
        ("vs_tantivy", "×100 ≤ 10×"),
    ],
)
def test_targets_as_the_issue_writes_them(key, text):
    assert target_text(BY_KEY[key]) == text


@pytest.mark.parametrize(
    ("key", "kwargs", "scale", "met", "why"),
    [
        ("full_build", {}, 100, False, "280 s > 90 s"),
        ("full_build", {"build_s": 85.0}, 100, True, ""),
        ("full_build", {"build_s": 90.0}, 100, True, ""),  # a target is a maximum: equal is met
        ("full_build", {"build_s": 1100.0, "peak": 7000.0}, 1000, False, "peak RSS 7000 MiB > 6 GiB"),
        ("full_build", {"build_s": 1300.0, "peak": 5000.0}, 1000, False, "21.7 min > 20 min"),
        ("add_one", {"add_s": 4.2}, 100, True, ""),
        ("ready", {}, 100, False, "12.9 s > 2 s"),
        ("rss", {"rss": 1000.0}, 1000, True, ""),
        ("http_search", {"p50": 12.0, "p99": 140.0}, 100, False, "p99 140 ms > 100 ms"),
        ("http_search", {}, 100, False, "p50 115 ms > 15 ms; p99 8325 ms > 100 ms"),
        ("must_know", {"mk": 2.1}, 100, True, ""),
        ("vs_tantivy", {}, 100, False, "54.3× > 10×"),
    ],
)
def test_verdicts(key, kwargs, scale, met, why):
    assert verdict(run_at(**kwargs), BY_KEY[key], scale) == {"met": met, "why": why}


def test_no_verdict_where_the_issue_sets_no_target():
    assert verdict(run_at(), BY_KEY["full_build"], 10) is None
    assert verdict(run_at(), BY_KEY["vs_tantivy"], 1000) is None  # "report"


def test_a_step_the_watchdog_stopped_is_missed_with_its_why():
    stopped = "did not finish: RSS 20.1 GiB > 20.0 GiB after 1804 s, peak 20.1 GiB"
    run = {
        "build": {"finished": False, "why": stopped},
        "serve": {"finished": False, "why": "not run: the build"},
    }
    assert verdict(run, BY_KEY["full_build"], 1000) == {"met": False, "why": stopped}
    assert cell(run, BY_KEY["full_build"]) == stopped
    assert cell(run, BY_KEY["ready"]) == "not run: the build"


def test_a_scale_not_run():
    assert verdict(None, BY_KEY["ready"], 1000) == {"met": None, "why": "not run"}
    assert cell(None, BY_KEY["ready"]) == "—"


def test_a_peer_not_installed_says_so():
    run = {
        "inprocess": {"finished": True, "peers": {"tantivy": {"available": False, "why": "not installed"}}}
    }
    assert why_missing(run, ("inprocess", "peers", "tantivy", "ratio_p50")) == "tantivy: not installed"


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("full_build", "280 s, peak RSS 1962 MiB"),
        ("http_search", "115 ms / 8325 ms"),
        ("must_know", "2.10 ms"),
        ("vs_tantivy", "54.3×"),
        ("rss", "2396 MiB"),
    ],
)
def test_cells(key, text):
    assert cell(run_at(), BY_KEY[key]) == text


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (0.84, "s", "0.84 s"),
        (12.94, "s", "12.9 s"),
        (280.4, "s", "280 s"),
        (1500, "s", "25.0 min"),
        (3.97, "ms", "3.97 ms"),
        (12.04, "ms", "12.0 ms"),
        (8325.0, "ms", "8325 ms"),
        (6.0, "×", "6.0×"),
    ],
)
def test_fmt(value, unit, text):
    assert fmt(value, unit) == text


@pytest.mark.parametrize(
    ("points", "slope"),
    [
        ((1, 2.0, 10, 20.0), 1.0),
        ((1, 2.0, 10, 2.0), 0.0),
        ((10, 2.0, 100, 200.0), 2.0),
        ((1, 3.2, 10, 21.0), 0.817),
        ((1, None, 10, 2.0), None),
        ((1, 0.0, 10, 2.0), None),
    ],
)
def test_step_slope(points, slope):
    assert step_slope(*points) == slope


def test_slopes_from_scale_to_scale_and_the_fit():
    runs = {1: run_at(build_s=3.0), 10: run_at(build_s=30.0), 100: run_at(build_s=300.0)}
    got = slopes(runs, ("build", "wall_s"))
    assert got["steps"] == {"1→10": 1.0, "10→100": 1.0}
    assert got["fit"]["slope"] == 1.0
    assert slopes({1: run_at()}, ("build", "wall_s")) == {"steps": {}, "fit": None}


def test_table_rows():
    runs = {1: run_at(build_s=3.0), 10: run_at(build_s=30.0), 100: run_at()}
    rows = {r["key"]: r for r in table(runs)}
    full = rows["full_build"]
    assert full["cells"] == {
        1: "3.00 s, peak RSS 1962 MiB",
        10: "30.0 s, peak RSS 1962 MiB",
        100: "280 s, peak RSS 1962 MiB",
        1000: "—",
    }
    assert full["verdicts"] == {
        100: {"met": False, "why": "280 s > 90 s"},
        1000: {"met": None, "why": "not run"},
    }
    assert full["slopes"]["value"]["steps"]["1→10"] == 1.0
    assert rows["vs_tantivy"]["verdicts"] == {100: {"met": False, "why": "54.3× > 10×"}}
