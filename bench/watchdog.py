"""Child processes under a watchdog: a limit on the resident memory of the whole process tree
and on the wall time, so a run on a large corpus always ends and always writes its table.

:func:`run_watched` starts a command in its own process group, polls the RSS of the tree from
``/proc`` (every ``poll_s``), stops the group when :func:`over_limit` says so, and returns what
happened: finished or not, why not, the wall time and the peak RSS (the larger of the polled
sum over the tree and the kernel's ``ru_maxrss`` of the child and its waited-for descendants,
from ``wait4``).  :class:`Watch` is the same watch on a process that keeps running (a server).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import Any

from .measure import process_tree_rss

__all__ = ["Limits", "Watch", "did_not_finish", "over_limit", "run_watched", "size"]


@dataclass(frozen=True)
class Limits:
    """What a child may use: RSS of its process tree (MiB) and wall time (seconds)."""

    rss_mb: float = 20 * 1024
    seconds: float = 3600


def size(mb: float) -> str:
    """MiB as a person reads them: MiB under 1 GiB, GiB with one decimal above.

    >>> size(812.4), size(21000)
    ('812 MiB', '20.5 GiB')
    """
    return f"{mb:.0f} MiB" if mb < 1024 else f"{mb / 1024:.1f} GiB"


def over_limit(elapsed_s: float, rss_mb: float, limits: Limits) -> str | None:
    """Why a child must be stopped now, or ``None`` while it is within ``limits``.

    >>> over_limit(10, 21000, Limits(rss_mb=20480, seconds=60))
    'RSS 20.5 GiB > 20.0 GiB'
    >>> over_limit(61, 100, Limits(rss_mb=20480, seconds=60)), over_limit(59, 100, Limits(20480, 60))
    ('time 61 s > 60 s', None)
    """
    if rss_mb > limits.rss_mb:
        return f"RSS {size(rss_mb)} > {size(limits.rss_mb)}"
    if elapsed_s > limits.seconds:
        return f"time {elapsed_s:.0f} s > {limits.seconds:.0f} s"
    return None


def did_not_finish(why: str, wall_s: float, peak_mb: float) -> str:
    """The sentence a table shows for a child the watchdog stopped (or that failed).

    >>> did_not_finish("RSS 20.5 GiB > 20.0 GiB", 812.4, 21000)
    'did not finish: RSS 20.5 GiB > 20.0 GiB after 812 s, peak 20.5 GiB'
    """
    return f"did not finish: {why} after {wall_s:.0f} s, peak {size(peak_mb)}"


def _kill_group(pid: int, grace_s: float = 5.0) -> None:
    """SIGTERM to the group of ``pid`` (a session we started), SIGKILL if it is still there."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace_s
    while time.monotonic() < deadline:
        try:
            os.killpg(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


class Watch(threading.Thread):
    """Poll the RSS of ``pid``'s tree until :meth:`stop`; over ``limits``, kill its process
    group (the process must lead its own session) and keep the reason in :attr:`why`."""

    def __init__(self, pid: int, limits: Limits, poll_s: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.pid, self.limits, self.poll_s = pid, limits, poll_s
        self.t0 = time.perf_counter()
        self.peak_mb = 0.0
        self.why: str | None = None
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            rss = process_tree_rss(self.pid)
            if not rss["processes"]:
                return  # gone
            self.peak_mb = max(self.peak_mb, rss["total_rss_mb"])
            why = over_limit(time.perf_counter() - self.t0, rss["total_rss_mb"], self.limits)
            if why is not None:
                self.why = why
                _kill_group(self.pid)
                return
            self._done.wait(self.poll_s)

    def stop(self) -> None:
        self._done.set()
        if self.is_alive():
            self.join()


def run_watched(
    argv: list[str],
    limits: Limits,
    cwd: str | None = None,
    env: dict[str, str] | None = None,
    poll_s: float = 0.5,
) -> dict[str, Any]:
    """Run ``argv`` to its end or until ``limits`` stop it.

    Returns ``finished`` (exit 0 within the limits), ``returncode``, ``wall_s``, ``peak_rss_mb``,
    ``stdout`` (whole), ``stderr_tail`` and, when not finished, ``why`` (:func:`did_not_finish`).
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            argv, stdout=out, stderr=err, cwd=cwd or os.getcwd(), env=env, start_new_session=True
        )
        watch = Watch(proc.pid, limits, poll_s)
        watch.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            _kill_group(proc.pid, grace_s=1)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(proc.pid, 0)
            proc.returncode = -1
            raise
        finally:
            watch.stop()
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4: Popen must not wait again
        wall = time.perf_counter() - t0
        _kill_group(proc.pid, grace_s=1)  # whatever it left behind in its group
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", errors="replace")
        stderr = err.read().decode("utf-8", errors="replace")
    peak = max(watch.peak_mb, usage.ru_maxrss / 1024)
    res: dict[str, Any] = {
        "finished": proc.returncode == 0 and watch.why is None,
        "returncode": proc.returncode,
        "wall_s": round(wall, 3),
        "peak_rss_mb": round(peak, 1),
        "stdout": stdout,
        "stderr_tail": stderr[-1500:],
    }
    if watch.why is not None:
        res["why"] = did_not_finish(watch.why, wall, peak)
    elif proc.returncode != 0:
        last = stderr.strip().splitlines()[-1:] or [""]
        res["why"] = did_not_finish(f"exit {proc.returncode} ({last[0][:200]})", wall, peak)
    return res
