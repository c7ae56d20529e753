"""RESULTS.md's issue-12 sections from a run's records (no benchmark is run here)."""

from __future__ import annotations

from bench import report, targets
from bench.run import GROWTH


def run_at(build_s: float, p50: float = 9.0, add_s: float = 3.0) -> dict:
    return {
        "build": {"finished": True, "wall_s": build_s, "peak_rss_mb": 500.0},
        "add": {"finished": True, "wall_s": add_s},
        "serve": {
            "available": True,
            "ready_s": 1.5,
            "rss_per_worker_mb": 300.0,
            "search": {"p50_ms": p50, "p99_ms": 80.0},
            "must-know": {"p50_ms": 2.0},
        },
        "inprocess": {"finished": True, "peers": {"tantivy": {"available": True, "ratio_p50": 8.0}}},
    }


STOPPED = "did not finish: RSS 20.1 GiB > 20.0 GiB after 1804 s, peak 20.1 GiB"
PROFILE = {
    "finished": True,
    "tool": "cProfile",
    "seconds": 150.2,
    "cumulative": [{"cum_s": 120.0, "own_s": 0.1, "calls": 1, "function": "build_index  index/build.py:308"}],
    "own": [{"cum_s": 30.0, "own_s": 20.0, "calls": 9, "function": "add_document  whoosh/writing.py:747"}],
}


def scale(runs: dict[int, dict]) -> dict:
    return {
        "runs": {str(f): r for f, r in runs.items()},
        "profile_max_scale": 100,
        "limits": {"rss_mb": 20480, "seconds": 3600},
        "growth": {name: targets.slopes(runs, path) for name, path in GROWTH.items()},
    }


def test_the_table_shows_figures_targets_verdicts_and_a_stopped_step():
    big = {**run_at(120.0), "profiles": {"full_build": PROFILE}}
    runs = {1: run_at(1.2), 10: run_at(12.0), 100: big, 1000: {"build": {"finished": False, "why": STOPPED}}}
    sc = scale(runs)
    rows = targets.table(runs)
    md = "\n".join(report._issue12(rows, sc))
    line = next(x for x in md.splitlines() if x.startswith("| full build"))
    assert line == (
        "| full build (parse + graph + index), cold | 1.20 s, peak RSS 500 MiB | 12.0 s, peak RSS 500 MiB "
        f"| 120 s, peak RSS 500 MiB | {STOPPED} | ×100 ≤ 90 s; ×1000 ≤ 20 min, peak RSS ≤ 6 GiB "
        f"| ×100 **missed** (120 s > 90 s); ×1000 **missed** ({STOPPED}) |"
    )
    assert "| search p50 / tantivy p50, in-process | 8.0× | 8.0× | 8.0× |" in md
    why = "\n".join(report._why(rows, sc))
    assert "#### full build (parse + graph + index), cold at ×100: 120 s > 90 s" in why
    assert "| 120.000 s | 0.100 s | 1 | `build_index  index/build.py:308` |" in why
    assert "#### full build (parse + graph + index), cold at ×1000: " + STOPPED in why
    assert (
        "No profile here: profiles are taken up to ×100 (`--profile-max-scale`); see the profile at ×100."
        in why
    )


def test_growth_from_scale_to_scale():
    runs = {1: run_at(1.0), 10: run_at(10.0), 100: run_at(100.0)}
    md = "\n".join(report._growth_section(scale(runs)))
    assert "| figure | ×1→10 | ×10→100 | fit over all scales (3 or more) |" in md
    assert "| full build (zangraph build) | 1.00 | 1.00 | 1.00 (r² 1.000, linear) |" in md
    assert "| server ready | 0.00 | 0.00 | 0.00 (r² 1.000, nearly flat) |" in md


def test_nothing_missed_means_no_profile_section():
    runs = {100: run_at(60.0)}
    assert report._why(targets.table(runs), scale(runs)) == []
    runs = {100: run_at(60.0, add_s=7.0)}  # missed, but no profile in the record
    assert "No profile here: no profile was taken." in report._why(targets.table(runs), scale(runs))
