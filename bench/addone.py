"""Add one act to a built KB as a user does: ``zangraph add`` of its texts, then ``zangraph
build`` again on the same data folder (which reuses what it can: today the parse cache).

The act is a clone of a seed act under a new id (:func:`bench.scale.clone_meta`, clone number
``factor`` of a corpus ``×factor``, so it is the next clone and collides with none).  Its texts
are the seed's with one newline appended: ``add`` treats a text whose sha256 is already in the
corpus as a no-op, and a real new act is a new text.  The flags give what the clone's text does
not say (its header still names the seed's number and date)::

    zangraph add ru.txt --corpus C --lang ru --format adilet --number 580-НҚ-s100 --date … --type order
                 --title "[synthetic ×100 #100] …" --issuer … --subject tkh
    zangraph add kk.txt --corpus C --lang kk --format adilet --number … --date … --type order --title …
    zangraph build --corpus C --data D

The figure is the wall time of the ``add`` commands plus that of the build.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from typing import Any

from .corpus_dev import zangraph_cmd
from .fullbuild import build_watched
from .scale import SEEDS, clone_meta
from .watchdog import Limits, run_watched

__all__ = ["add_argv", "add_one", "pick_seed"]


def pick_seed(seeds: str = SEEDS):
    """The seed act to clone: the one with the most texts (a bilingual act takes two ``add``
    calls, as a user adds it), then the most bytes of text."""
    from parser.corpus import read_corpus

    acts = read_corpus(seeds)
    return max(acts, key=lambda a: (len(a.expressions), sum(os.path.getsize(e.path) for e in a.expressions)))


def add_argv(meta: dict[str, Any], expr_meta: dict[str, Any], path: str, corpus: str) -> list[str]:
    """The ``zangraph add`` arguments for one text of the act ``meta`` (a clone's ``act.json``).

    >>> m = {"type": "order", "number": "580-НҚ-s010", "date": "2025-10-14", "title": {"ru": "T", "kk": "Т"},
    ...      "issuer": {"ru": "Министр"}, "subject": "tkh"}
    >>> add_argv(m, {"lang": "kk", "format": "adilet"}, "/tmp/kk.txt", "/c")[1:8]
    ['--corpus', '/c', '--lang', 'kk', '--format', 'adilet', '--number']
    >>> add_argv(m, {"lang": "kk", "format": "adilet"}, "/tmp/kk.txt", "/c")[-4:]
    ['--title', 'Т', '--subject', 'tkh']
    """
    lang = expr_meta["lang"]
    argv = [path, "--corpus", corpus, "--lang", lang]
    if expr_meta.get("format"):
        argv += ["--format", expr_meta["format"]]
    argv += ["--number", meta["number"], "--date", meta["date"], "--type", meta["type"]]
    edition = expr_meta.get("edition") or {}
    if edition.get("kind") == "edition" and edition.get("date"):
        argv += ["--edition-date", edition["date"]]
    issuer = (meta.get("issuer") or {}).get(lang)
    if issuer:
        argv += ["--issuer", issuer]
    title = (meta.get("title") or {}).get(lang)
    if title:
        argv += ["--title", title]
    if meta.get("subject"):
        argv += ["--subject", meta["subject"]]
    return argv


def add_one(corpus: str, data_dir: str, factor: int, limits: Limits, seeds: str = SEEDS) -> dict[str, Any]:
    """Clone a seed act into ``corpus`` with ``zangraph add`` and rebuild ``data_dir``: the
    wall times of both, and the rebuild's figures (:func:`bench.fullbuild.build_watched`)."""
    act = pick_seed(seeds)
    meta = clone_meta(act.meta, factor, factor)
    out: dict[str, Any] = {"act": meta["work"], "of": act.meta["work"], "texts": len(act.expressions)}
    tmp = tempfile.mkdtemp(prefix="zangraph-bench-addone-")
    try:
        add_s, peak = 0.0, 0.0
        for e, em in zip(act.expressions, act.meta["expressions"], strict=True):
            path = os.path.join(
                tmp, f"{os.path.splitext(em['file'])[0]}.new{os.path.splitext(em['file'])[1]}"
            )
            with open(e.path, "rb") as src, open(path, "wb") as dst:
                dst.write(src.read() + b"\n")
            run = run_watched([*zangraph_cmd(), "add", *add_argv(meta, em, path, corpus), "--json"], limits)
            add_s += run["wall_s"]
            peak = max(peak, run["peak_rss_mb"])
            if not run["finished"]:
                out.update(
                    finished=False, why=f"zangraph add {em['lang']}: {run['why']}", add_s=round(add_s, 3)
                )
                return out
            said = json.loads(run["stdout"])
            out.setdefault("status", []).append(said[0]["status"] if said else None)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    out["add_s"] = round(add_s, 3)
    out["add_peak_rss_mb"] = round(peak, 1)
    build = build_watched(corpus, data_dir, limits)
    out["build"] = build
    out["finished"] = build["finished"]
    if not build["finished"]:
        out["why"] = f"zangraph build after the add: {build['why']}"
        return out
    out["wall_s"] = round(add_s + build["wall_s"], 3)
    return out
