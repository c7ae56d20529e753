"""Scaled corpora for the growth benchmarks: the seed acts cloned under synthetic ids.

A corpus ``×F`` holds the seed acts unchanged plus ``F − 1`` clones of each.  Clone ``k`` of an
act gets a new folder (``<folder>-s017``), number (``580-НҚ-s017``), work id (its slug, on a
date shifted ``k`` days back: ``/akn/kz/act/order/2025-10-07/580-nk-s017``), registration
number, and titles prefixed ``[synthetic ×100 #17]``; its ``act.json`` says
``"synthetic": {"factor", "clone", "of"}``.  The texts are copied byte for byte (their sha256
stays right).  Clones are written into a new temporary folder, never into ``corpus/``::

    .venv/bin/python -m bench.scale 10            # prints the folder it made
    .venv/bin/python -m bench.scale 100 --out /tmp/x100

The text of a clone still names the original number in its header; zangraph takes an act's
identity from ``act.json``, so the clones are distinct acts in the graph and the index.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from datetime import date, timedelta
from typing import Any

from parser.corpus import META, read_corpus

__all__ = ["clone_meta", "make_scaled_corpus"]

SEEDS = "corpus"


def clone_meta(meta: dict[str, Any], factor: int, k: int) -> dict[str, Any]:
    """``act.json`` of clone ``k`` of an act in a corpus ``×factor``.

    >>> m = clone_meta({"work": "/akn/kz/act/order/2025-10-24/580-nk", "type": "order", "number": "580-НҚ",
    ...                 "date": "2025-10-24", "title": {"ru": "Об утверждении"}, "expressions": []}, 100, 17)
    >>> m["number"], m["work"], m["title"]["ru"]
    ('580-НҚ-s017', '/akn/kz/act/order/2025-10-07/580-nk-s017', '[synthetic ×100 #17] Об утверждении')
    """
    from kb.ids import parse as parse_id
    from kb.ids import slug_number

    suffix = f"-s{k:03d}"
    out = json.loads(json.dumps(meta))  # a deep copy
    day = (date.fromisoformat(meta["date"]) - timedelta(days=k)).isoformat()
    uri = parse_id(meta["work"])
    number = f"{meta['number']}{suffix}"
    out["number"] = number
    out["date"] = day
    out["work"] = f"/akn/{uri.country}/act/{uri.subtype}/{day}/{slug_number(number)}"
    out["title"] = {lang: f"[synthetic ×{factor} #{k}] {t}" for lang, t in (meta.get("title") or {}).items()}
    reg = meta.get("registration")
    if isinstance(reg, dict) and reg.get("number"):
        out["registration"] = {**reg, "number": f"{reg['number']}{suffix}"}
    out["synthetic"] = {"factor": factor, "clone": k, "of": meta["work"]}
    return out


def make_scaled_corpus(factor: int, out: str | None = None, seeds: str = SEEDS) -> str:
    """Write a corpus ``×factor`` into ``out`` (a new temporary folder when not given) and
    return its path.  ``out`` must not be the seeds folder and must be empty or absent."""
    if factor < 1:
        raise ValueError(f"factor must be at least 1, got {factor}")
    out = out or tempfile.mkdtemp(prefix=f"zangraph-scale-x{factor}-")
    if os.path.abspath(out) == os.path.abspath(seeds):
        raise ValueError(f"{out}: refusing to write clones into the seed corpus")
    os.makedirs(out, exist_ok=True)
    if os.listdir(out):
        raise ValueError(f"{out}: not empty")
    for act in read_corpus(seeds):
        name = os.path.basename(act.folder.rstrip(os.sep))
        shutil.copytree(act.folder, os.path.join(out, name))
        for k in range(1, factor):
            folder = os.path.join(out, f"{name}-s{k:03d}")
            os.makedirs(folder)
            for e in act.expressions:
                shutil.copyfile(e.path, os.path.join(folder, os.path.basename(e.path)))
            with open(os.path.join(folder, META), "w", encoding="utf-8") as fh:
                json.dump(clone_meta(act.meta, factor, k), fh, ensure_ascii=False, indent=2)
                fh.write("\n")
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__.split("\n\n")[0])
    p.add_argument("factor", type=int, help="how many times the seeds (1, 10, 100)")
    p.add_argument("--out", help="an empty folder to write into (default: a new temporary folder)")
    p.add_argument("--seeds", default=SEEDS, help="the seed corpus (default: corpus)")
    args = p.parse_args(argv)
    try:
        print(make_scaled_corpus(args.factor, args.out, args.seeds))
    except (ValueError, OSError) as err:
        print(f"bench.scale: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
