"""The benchmark's watchdog: when it stops a child, and that it stops the child's whole tree."""

from __future__ import annotations

import os
import sys
import time

import pytest

from bench.watchdog import Limits, did_not_finish, over_limit, run_watched

PY = sys.executable


@pytest.mark.parametrize(
    ("elapsed", "rss", "limits", "why"),
    [
        (10, 100, Limits(rss_mb=20480, seconds=3600), None),
        (10, 20481, Limits(rss_mb=20480, seconds=3600), "RSS 20.0 GiB > 20.0 GiB"),
        (10, 21000, Limits(rss_mb=20480, seconds=3600), "RSS 20.5 GiB > 20.0 GiB"),
        (3601, 100, Limits(rss_mb=20480, seconds=3600), "time 3601 s > 3600 s"),
        (3601, 30000, Limits(rss_mb=20480, seconds=3600), "RSS 29.3 GiB > 20.0 GiB"),  # memory is said first
        (5, 300, Limits(rss_mb=200, seconds=60), "RSS 300 MiB > 200 MiB"),
    ],
)
def test_over_limit(elapsed, rss, limits, why):
    assert over_limit(elapsed, rss, limits) == why


def test_did_not_finish_sentence():
    assert did_not_finish("time 3601 s > 3600 s", 3601.2, 6144) == (
        "did not finish: time 3601 s > 3600 s after 3601 s, peak 6.0 GiB"
    )


def test_a_child_within_its_limits_finishes():
    run = run_watched([PY, "-c", "print('hello')"], Limits(rss_mb=2048, seconds=60))
    assert run["finished"] and run["returncode"] == 0
    assert run["stdout"].strip() == "hello"
    assert run["peak_rss_mb"] > 1
    assert "why" not in run


def test_a_failing_child_says_its_exit():
    run = run_watched([PY, "-c", "import sys; sys.exit('bad input')"], Limits(rss_mb=2048, seconds=60))
    assert not run["finished"] and run["returncode"] == 1
    assert run["why"].startswith("did not finish: exit 1 (bad input) after ")


def test_the_time_limit_stops_a_child_and_its_children(tmp_path):
    pidfile = tmp_path / "grandchild.pid"
    code = (
        "import subprocess, sys, time\n"
        f"p = subprocess.Popen([{PY!r}, '-c', 'import time; time.sleep(60)'])\n"
        f"open({str(pidfile)!r}, 'w').write(str(p.pid))\n"
        "time.sleep(60)\n"
    )
    t0 = time.perf_counter()
    run = run_watched([PY, "-c", code], Limits(rss_mb=2048, seconds=1.5), poll_s=0.1)
    assert time.perf_counter() - t0 < 30
    assert not run["finished"]
    assert run["why"].startswith("did not finish: time ")
    grandchild = int(pidfile.read_text())
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(grandchild):
        time.sleep(0.1)
    assert not _alive(grandchild)


def test_the_rss_limit_stops_a_child():
    code = "import time\nx = bytearray(400 * 2**20)\nx[::4096] = b'1' * len(x[::4096])\ntime.sleep(60)\n"
    run = run_watched([PY, "-c", code], Limits(rss_mb=200, seconds=60), poll_s=0.1)
    assert not run["finished"]
    assert run["why"].startswith("did not finish: RSS ")
    assert run["peak_rss_mb"] > 200


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            return not any(line.startswith("State:") and "Z" in line.split()[1] for line in fh)
    except FileNotFoundError:
        return False


def test_alive_helper_sees_this_process():
    assert _alive(os.getpid())
