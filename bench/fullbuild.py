"""The full build as the user runs it: ``zangraph build --corpus C --data D --json`` in a child
process under the watchdog (:mod:`bench.watchdog`), timed from outside.

    .venv/bin/python -m bench.fullbuild --corpus /tmp/x10 --data /tmp/x10-data

A cold build starts from an empty data folder (no KB, no parse cache, no index) in a fresh
process, so it pays the loading of pymorphy3, the Kazakh stems and spaCy as a user does.  The
figures: wall time, peak RSS of the process tree, and the stages the command reports
(``parse_seconds``; ``graph_seconds``, parse and save included; ``index_seconds``; texts parsed
and taken from the parse cache), with the sizes of what it wrote.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from .corpus_dev import zangraph_cmd
from .measure import du
from .watchdog import Limits, run_watched

__all__ = ["build_watched", "data_sizes"]


def data_sizes(data_dir: str) -> dict[str, int]:
    """Bytes of the KB file, the index and the parse cache of a data folder."""
    from kb.parse_cache import FOLDER as PARSE_CACHE
    from kb.store import FILENAME

    return {
        "kb_bytes": du(os.path.join(data_dir, FILENAME)),
        "index_bytes": du(os.path.join(data_dir, "index")),
        "parse_cache_bytes": du(os.path.join(data_dir, PARSE_CACHE)),
        "data_bytes": du(data_dir),
    }


def build_watched(corpus: str, data_dir: str, limits: Limits) -> dict[str, Any]:
    """``zangraph build`` of ``corpus`` into ``data_dir``; ``finished`` false (with ``why``) when
    it failed or the watchdog stopped it."""
    run = run_watched(
        [*zangraph_cmd(), "build", "--corpus", corpus, "--data", data_dir, "--json", "-q"], limits
    )
    out: dict[str, Any] = {k: run[k] for k in ("finished", "wall_s", "peak_rss_mb") if k in run}
    if not run["finished"]:
        out["why"] = run["why"]
        out["stderr_tail"] = run["stderr_tail"]
        return out
    try:
        said = json.loads(run["stdout"])
    except json.JSONDecodeError:
        said = {}
        out["stdout_tail"] = run["stdout"][-500:]
    out["stages"] = {
        "parse_s": said.get("parse_seconds"),
        "graph_s": said.get("graph_seconds"),  # parse and save included
        "index_s": said.get("index_seconds"),
        "total_s": said.get("total_seconds"),  # as the command counts it (no process start)
    }
    out["texts_parsed"], out["texts_from_cache"] = said.get("texts_parsed"), said.get("texts_from_cache")
    out["nodes"], out["edges"] = said.get("nodes"), said.get("edges")
    out.update(data_sizes(data_dir))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.fullbuild", description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", required=True)
    p.add_argument("--data", required=True, help="the data folder to build into")
    p.add_argument("--rss-limit-gib", type=float, default=20.0)
    p.add_argument("--timeout-min", type=float, default=60.0)
    args = p.parse_args(argv)
    res = build_watched(args.corpus, args.data, Limits(args.rss_limit_gib * 1024, args.timeout_min * 60))
    json.dump(res, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0 if res["finished"] else 1


if __name__ == "__main__":
    sys.exit(main())
