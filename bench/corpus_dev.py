"""Parse and build time for ``corpus/`` + every text of the development corpus, against
``corpus/`` alone in the same run (the ratio is the figure: what the corpus-dev texts add).

    .venv/bin/python -m bench.corpus_dev                 # 3 repeats; results.json + RESULTS.md
    .venv/bin/python -m bench.corpus_dev --repeats 1
    .venv/bin/python -m bench.corpus_dev --render        # the RESULTS.md section again, run nothing

A temporary corpus is made: a copy of ``corpus/`` plus every text of the development corpus
added with ``zangraph add`` (ru before kk; the flags a text needs because it names no number,
date or type are in :data:`FLAGS`).  Then, ``--repeats`` times, interleaved, each in a fresh
child process: the parse of every text of each corpus (``parser.pipeline.parse_path``, each
text timed alone; one pass in a fresh process, then a second, steady pass: the figure) and a
full cold build of each corpus (``zangraph build`` into a fresh data folder: parse + graph +
index, its own clock and the child's wall clock and peak RSS).

Writes the ``corpus_dev`` key of ``bench/results.json`` and the section "Parse and build:
corpus + corpus-dev" of ``bench/RESULTS.md`` (only that section: the others are left as they
are).  ``python -m bench.run`` runs it too (``--no-corpus-dev`` skips it).  A failing ``add``,
parse or build prints the command and its stderr and exits non-zero.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

from .measure import machine

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEV = os.environ.get("ZANGRAPH_CORPUS_DEV", "/work/shared/corpus-dev")
TITLE = "## Parse and build: corpus + corpus-dev"
COMMAND = ".venv/bin/python -m bench.corpus_dev"

#: What ``zangraph add`` needs told for a text (by file stem; the texts name no number / date,
#: or a law's number as the register writes it).  Every other text is added without flags.
FLAGS: dict[str, list[str]] = {
    "ps-mvd-2019-1069-emergency-safety": ["--number", "1069", "--date", "2019-12-18"],
    "ps-mvd-2025-716-private-security": ["--number", "716", "--date", "2025-09-25"],
    "law-holidays-2001-267": ["--number", "267-II", "--date", "2001-12-13", "--type", "law"],
    "law-holidays-amendment-2008-47-IV": ["--number", "47-IV", "--date", "2008-06-25", "--type", "law"],
}

#: Suffixes of the texts in the development corpus (``.meta.yaml`` is read by ``add`` beside its text).
TEXT_SUFFIXES = (".txt", ".html", ".md", ".pdf")


class StepFailed(RuntimeError):
    """A child command failed: the command and its stderr."""

    def __init__(self, argv: list[str], rc: int, stderr: str) -> None:
        self.argv, self.rc, self.stderr = argv, rc, stderr
        super().__init__(f"command failed (exit {rc}): {shlex.join(argv)}\n{stderr.rstrip()}")


def _say(msg: str) -> None:
    print(f"bench.corpus_dev: {msg}", file=sys.stderr, flush=True)


def zangraph_cmd() -> list[str]:
    """The ``zangraph`` script of this interpreter's environment, else ``python -m api.cli``."""
    exe = os.path.join(os.path.dirname(sys.executable), "zangraph")
    return [exe] if os.access(exe, os.X_OK) else [sys.executable, "-m", "api.cli"]


def run_child(argv: list[str]) -> tuple[float, str, float]:
    """Run ``argv`` from the project root: (wall seconds, stdout, peak RSS MiB of the child).
    Raises :class:`StepFailed` on a non-zero exit."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise StepFailed(argv, proc.returncode, stderr or stdout)
    return wall, stdout, usage.ru_maxrss / 1024


def code_state() -> dict[str, Any]:
    """The commit measured and the tracked files changed beside it (others edit the parser too)."""

    def git(*a: str) -> str:
        try:
            return subprocess.run(["git", *a], capture_output=True, text=True, cwd=ROOT).stdout.strip()
        except OSError:
            return ""

    return {
        "commit": git("rev-parse", "--short", "HEAD"),
        "changed": git("diff", "--name-only", "HEAD").split(),
    }


# --- the corpus -------------------------------------------------------------------------------


def dev_texts(dev: str) -> list[tuple[str, list[str]]]:
    """``(stem, [files ru first, then kk, then others])`` of every text in ``dev``."""
    stems: dict[str, list[str]] = {}
    for name in sorted(os.listdir(dev)):
        if not name.endswith(TEXT_SUFFIXES) or name.upper().startswith(("MANIFEST", "README")):
            continue
        base, _ = os.path.splitext(name)
        stem, _, lang = base.rpartition(".")
        if lang not in ("ru", "kk"):
            stem = base
        stems.setdefault(stem, []).append(name)
    order = {"ru": 0, "kk": 1}
    return [
        (s, sorted(fs, key=lambda n: (order.get(os.path.splitext(n)[0].rpartition(".")[2], 2), n)))
        for s, fs in sorted(stems.items())
    ]


def make_corpus(base: str, dev: str, folder: str) -> dict[str, Any]:
    """``folder/corpus`` = a copy of ``base`` + every text of ``dev`` added with ``zangraph add``
    (from a writable copy of ``dev`` in ``folder/src``); also ``folder/base`` = a copy of ``base``."""
    shutil.copytree(base, os.path.join(folder, "base"))
    corpus = os.path.join(folder, "corpus")
    shutil.copytree(base, corpus)
    src = os.path.join(folder, "src")
    shutil.copytree(dev, src)
    for r, ds, fs in os.walk(src):
        for n in ds + fs:
            os.chmod(os.path.join(r, n), 0o755 if n in ds else 0o644)
    zg = zangraph_cmd()
    commands, t_all = [], 0.0
    for stem, files in dev_texts(src):
        argv = zg + ["add", *[os.path.join(src, f) for f in files], *FLAGS.get(stem, []), "--corpus", corpus]
        argv.append("--json")
        t, out, _ = run_child(argv)
        t_all += t
        added = json.loads(out)
        bad = [a for a in added if a.get("status") not in ("added", "joined")]
        if len(added) != len(files) or bad:
            raise StepFailed(argv, 0, f"expected {len(files)} texts added or joined, got: {out[-1500:]}")
        commands.append(shlex.join(["zangraph", "add", *files, *FLAGS.get(stem, [])]))
    return {
        "seconds": round(t_all, 2),
        "commands": commands,
        "texts": sum(len(f) for _, f in dev_texts(src)),
    }


def corpus_texts(corpus: str) -> list[dict[str, Any]]:
    """Every text of a corpus from the ``act.json`` files: path (relative), act folder, lang,
    format, bytes, lines."""
    out = []
    for name in sorted(os.listdir(corpus)):
        meta_path = os.path.join(corpus, name, "act.json")
        if not os.path.isfile(meta_path):
            continue
        with open(meta_path, encoding="utf-8") as fh:
            meta = json.load(fh)
        for e in meta.get("expressions", []):
            path = os.path.join(corpus, name, e["file"])
            with open(path, "rb") as fh:
                data = fh.read()
            out.append(
                {
                    "file": f"{name}/{e['file']}",
                    "act": name,
                    "lang": e.get("lang"),
                    "format": e.get("format"),
                    "bytes": len(data),
                    "lines": data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1),
                }
            )
    return out


# --- the children ----------------------------------------------------------------------------


def parse_child(corpus: str) -> dict[str, Any]:
    """In this (fresh) process: parse every text of ``corpus`` twice, each text timed alone."""
    t0 = time.perf_counter()
    from parser.corpus import read_corpus
    from parser.pipeline import parse_path

    import_s = time.perf_counter() - t0
    paths = [e.path for act in read_corpus(corpus) for e in act.expressions]
    passes = []
    for _ in range(2):
        times = {}
        for p in paths:
            t = time.perf_counter()
            parse_path(p)
            times[os.path.relpath(p, corpus)] = time.perf_counter() - t
        passes.append(times)
    return {"import_s": import_s, "first": passes[0], "steady": passes[1]}


def parse_once(corpus: str) -> tuple[dict[str, Any], float]:
    argv = [sys.executable, "-m", "bench.corpus_dev", "--parse-child", corpus]
    wall, out, rss = run_child(argv)
    res = json.loads(out.strip().splitlines()[-1])
    res["wall_s"] = wall
    return res, rss


def build_once(corpus: str) -> dict[str, Any]:
    data = tempfile.mkdtemp(prefix="zangraph-corpusdev-data-")
    try:
        argv = zangraph_cmd() + ["build", "--corpus", corpus, "--data", os.path.join(data, "d"), "--json"]
        wall, out, rss = run_child(argv)
        res = json.loads(out)
    finally:
        shutil.rmtree(data, ignore_errors=True)
    return {
        "wall_s": wall,
        "graph_s": res.get("graph_seconds"),
        "index_s": res.get("index_seconds"),
        "total_s": res.get("total_seconds"),
        "peak_rss_mb": rss,
        "nodes": res.get("nodes"),
        "edges": res.get("edges"),
    }


# --- figures ---------------------------------------------------------------------------------


def spread(xs: list[float], digits: int = 4) -> dict[str, Any]:
    """Median, min, max, (max − min) / median in per cent, and every run."""
    med = statistics.median(xs)
    return {
        "median_s": round(med, digits),
        "min_s": round(min(xs), digits),
        "max_s": round(max(xs), digits),
        "spread_pct": round((max(xs) - min(xs)) / med * 100, 1) if med else None,
        "runs_s": [round(x, digits) for x in xs],
    }


def _per_mb(seconds: float, nbytes: int) -> float | None:
    return round(seconds / (nbytes / 1e6), 4) if nbytes else None


def summarise(
    texts: list[dict[str, Any]], parses: list[dict[str, Any]], builds: list[dict[str, Any]], rss: list[float]
) -> dict[str, Any]:
    """The figures of one corpus from its texts, its parse children and its build children."""
    per_text = []
    for t in texts:
        runs = [p["steady"][t["file"]] for p in parses]
        first = [p["first"][t["file"]] for p in parses]
        s = spread(runs)
        per_text.append(
            {
                **t,
                "parse": s,
                "first_pass_s": spread(first)["median_s"],
                "s_per_mb": _per_mb(s["median_s"], t["bytes"]),
            }
        )
    formats: dict[str, Any] = {}
    for fmt in sorted({t["format"] for t in texts}):
        mine = [t for t in texts if t["format"] == fmt]
        totals = [sum(p["steady"][t["file"]] for t in mine) for p in parses]
        s = spread(totals)
        nbytes = sum(t["bytes"] for t in mine)
        formats[fmt] = {
            "texts": len(mine),
            "bytes": nbytes,
            "lines": sum(t["lines"] for t in mine),
            "parse": s,
            "ms_per_text": round(s["median_s"] / len(mine) * 1000, 2),
            "s_per_mb": _per_mb(s["median_s"], nbytes),
        }
    nbytes = sum(t["bytes"] for t in texts)
    steady = spread([sum(p["steady"].values()) for p in parses])
    return {
        "acts": len({t["act"] for t in texts}),
        "texts": len(texts),
        "bytes": nbytes,
        "lines": sum(t["lines"] for t in texts),
        "formats": formats,
        "parse": {
            **steady,
            "s_per_mb": _per_mb(steady["median_s"], nbytes),
            "ms_per_text": round(steady["median_s"] / len(texts) * 1000, 2) if texts else None,
            "first_pass": spread([sum(p["first"].values()) for p in parses]),
            "imports": spread([p["import_s"] for p in parses]),
            "child_wall": spread([p["wall_s"] for p in parses], 3),
            "child_peak_rss_mb": round(statistics.median(rss), 1),
        },
        "build": {
            "wall": spread([b["wall_s"] for b in builds], 3),
            "graph": spread([b["graph_s"] for b in builds], 3),
            "index": spread([b["index_s"] for b in builds], 3),
            "total": spread([b["total_s"] for b in builds], 3),
            "peak_rss_mb": round(statistics.median(b["peak_rss_mb"] for b in builds), 1),
            "nodes": builds[-1]["nodes"],
            "edges": builds[-1]["edges"],
        },
        "per_text": per_text,
    }


def measure(
    repeats: int = 3, base: str = "corpus", dev: str = DEV, say: Callable[[str], None] = _say
) -> dict[str, Any]:
    """Make the corpus, time parse and build of both corpora ``repeats`` times; the figures."""
    if not os.path.isdir(dev):
        raise StepFailed(["test", "-d", dev], 1, f"{dev}: the development corpus is not here")
    base = os.path.abspath(os.path.join(ROOT, base) if not os.path.isabs(base) else base)
    started = time.perf_counter()
    res: dict[str, Any] = {
        "machine": {**machine(), "loadavg_start": [round(x, 2) for x in os.getloadavg()]},
        "settings": {"repeats": repeats, "corpus": os.path.relpath(base, ROOT), "dev": dev},
        "code": code_state(),
    }
    folder = tempfile.mkdtemp(prefix="zangraph-corpusdev-")
    try:
        say(f"corpus: copy of {res['settings']['corpus']} + zangraph add of every text in {dev} …")
        res["add"] = make_corpus(base, dev, folder)
        corpora = {"corpus": os.path.join(folder, "base"), "corpus+dev": os.path.join(folder, "corpus")}
        texts = {k: corpus_texts(c) for k, c in corpora.items()}
        base_files = {t["file"] for t in texts["corpus"]}
        for t in texts["corpus+dev"]:
            t["origin"] = "corpus" if t["file"] in base_files else "corpus-dev"
        parses: dict[str, list] = {k: [] for k in corpora}
        rss: dict[str, list] = {k: [] for k in corpora}
        builds: dict[str, list] = {k: [] for k in corpora}
        for r in range(repeats):
            for k, c in corpora.items():
                say(f"repeat {r + 1}/{repeats}: parse {k} ({len(texts[k])} texts) in a child …")
                p, m = parse_once(c)
                parses[k].append(p)
                rss[k].append(m)
            for k, c in corpora.items():
                say(f"repeat {r + 1}/{repeats}: zangraph build {k} into a fresh data folder …")
                builds[k].append(build_once(c))
        res["sets"] = {k: summarise(texts[k], parses[k], builds[k], rss[k]) for k in corpora}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    a, b = res["sets"]["corpus"], res["sets"]["corpus+dev"]

    def ratio(x: float | None, y: float | None) -> float | None:
        return round(y / x, 2) if x and y is not None else None

    res["ratios"] = {
        "acts": ratio(a["acts"], b["acts"]),
        "texts": ratio(a["texts"], b["texts"]),
        "bytes": ratio(a["bytes"], b["bytes"]),
        "parse": ratio(a["parse"]["median_s"], b["parse"]["median_s"]),
        "build_wall": ratio(a["build"]["wall"]["median_s"], b["build"]["wall"]["median_s"]),
        "build_total": ratio(a["build"]["total"]["median_s"], b["build"]["total"]["median_s"]),
        "graph": ratio(a["build"]["graph"]["median_s"], b["build"]["graph"]["median_s"]),
        "index": ratio(a["build"]["index"]["median_s"], b["build"]["index"]["median_s"]),
        "nodes": ratio(a["build"]["nodes"], b["build"]["nodes"]),
    }
    res["machine"]["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    res["wall_s"] = round(time.perf_counter() - started, 1)
    return res


# --- RESULTS.md ------------------------------------------------------------------------------


def _s(x: float | None, d: int = 3) -> str:
    return "—" if x is None else f"{x:.{d}f} s"


def _ms(x: float | None) -> str:
    return "—" if x is None else f"{x * 1000:.1f} ms"


def _kib(n: int) -> str:
    return f"{n / 1024:.0f} KiB"


def _spread(s: dict[str, Any], d: int = 3) -> str:
    return f"{_s(s['median_s'], d)} ({s['min_s']:.{d}f}–{s['max_s']:.{d}f})"


def _table(head: list[str], rows: list[list[Any]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    return out + ["| " + " | ".join(str(c) for c in r) + " |" for r in rows] + [""]


def section(cd: dict[str, Any] | None) -> list[str]:
    """The RESULTS.md section (lines) from the ``corpus_dev`` key of results.json."""
    out = [TITLE, ""]
    if not cd:
        return out + ["Not run.", ""]
    if cd.get("skipped"):
        return out + [f"Not run ({cd['skipped']}).", ""]
    m, st, rt = cd["machine"], cd["settings"], cd["ratios"]
    a, b = cd["sets"]["corpus"], cd["sets"]["corpus+dev"]
    code = cd.get("code") or {}
    changed = f" with {len(code['changed'])} tracked file(s) changed beside it" if code.get("changed") else ""
    out += [
        f"Generated by `{COMMAND} --repeats {st['repeats']}` (or `bench.run`) on {m['date']}, "
        f"{st['repeats']} repeat(s), {cd['wall_s']:.0f} s in all; {m['cpu_count']} × {m['cpu_model']}, "
        f"{m['memory_gib']} GiB RAM, Python {m['python']}; load average "
        f"{'/'.join(map(str, m['loadavg_start']))} at the start, {'/'.join(map(str, m['loadavg_end']))} "
        f"at the end.  Code: commit {code.get('commit', '?')}{changed}.  A temporary corpus = a copy "
        "of `corpus/` + every text of "
        f"`{st['dev']}` added with `zangraph add` ({cd['add']['texts']} texts, "
        f"{len(cd['add']['commands'])} commands, {cd['add']['seconds']:.1f} s; the flags are in "
        "`bench/corpus_dev.py`).  Each figure: median over the repeats (min–max), every run in a "
        "fresh child process; parse is the steady pass over every text (a first pass in the same "
        "process comes before it), the build is `zangraph build --json` into a fresh data folder "
        "(parse + graph + index; wall clock of the child, which also pays the imports and the "
        "analysers' loading).",
        "",
        f"**corpus + corpus-dev ÷ corpus alone: full cold build {rt['build_wall']}× "
        f"(wall of `zangraph build`; its own total {rt['build_total']}×), parse {rt['parse']}×, "
        f"for {rt['bytes']}× the bytes and {rt['texts']}× the texts.**",
        "",
    ]
    rows = []
    for name, s in (("corpus", a), ("corpus + corpus-dev", b)):
        bd = s["build"]
        rows.append(
            [
                name,
                f"{s['acts']} / {s['texts']}",
                _kib(s["bytes"]),
                s["lines"],
                _spread(s["parse"]),
                _spread(s["parse"]["first_pass"]),
                _spread(bd["wall"], 2),
                f"{_s(bd['graph']['median_s'], 2)} + {_s(bd['index']['median_s'], 2)} = "
                f"{_s(bd['total']['median_s'], 2)}",
                f"{bd['peak_rss_mb']:.0f} MiB",
                f"{bd['nodes']} / {bd['edges']}",
            ]
        )
    rows.append(
        [
            "ratio",
            f"{rt.get('acts', '—')}× / {rt['texts']}×",
            f"{rt['bytes']}×",
            "",
            f"{rt['parse']}×",
            "",
            f"{rt['build_wall']}×",
            f"{rt['graph']}× + {rt['index']}× = {rt['build_total']}×",
            "",
            f"{rt['nodes']}× nodes",
        ]
    )
    out += _table(
        [
            "corpus",
            "acts / texts",
            "bytes",
            "lines",
            "parse, steady",
            "parse, first pass",
            "`zangraph build` wall",
            "graph + index = build's own total",
            "build peak RSS",
            "nodes / edges",
        ],
        rows,
    )
    out += ["Parse by format (steady pass; corpus + corpus-dev):", ""]
    out += _table(
        ["format", "texts", "bytes", "lines", "parse (all texts of the format)", "per text", "per MB"],
        [
            [
                f"`{f}`",
                x["texts"],
                _kib(x["bytes"]),
                x["lines"],
                _spread(x["parse"]),
                _ms(x["ms_per_text"] / 1000),
                _s(x["s_per_mb"]),
            ]
            for f, x in b["formats"].items()
        ],
    )
    out += ["Parse per text (steady pass, median over the repeats; corpus + corpus-dev):", ""]
    out += _table(
        ["text", "from", "format", "bytes", "lines", "parse (min–max)", "first pass", "per MB"],
        [
            [
                f"`{t['file']}`",
                t.get("origin", ""),
                t["format"],
                _kib(t["bytes"]),
                t["lines"],
                f"{_ms(t['parse']['median_s'])} ({t['parse']['min_s'] * 1000:.1f}–"
                f"{t['parse']['max_s'] * 1000:.1f})",
                _ms(t["first_pass_s"]),
                _s(t["s_per_mb"]),
            ]
            for t in sorted(b["per_text"], key=lambda t: -t["parse"]["median_s"])
        ],
    )
    return out


def splice(md: str, lines: list[str]) -> str:
    """``md`` with the section replaced (or put before "## How the figures are taken", else at
    the end); the other sections untouched."""
    body = "\n".join(lines).rstrip() + "\n"
    src = md.splitlines(keepends=True)
    start = next((i for i, ln in enumerate(src) if ln.rstrip("\n") == TITLE), None)
    if start is not None:
        end = next((i for i in range(start + 1, len(src)) if src[i].startswith("## ")), len(src))
        sep = "\n" if end < len(src) else ""
        return "".join(src[:start]) + body + sep + "".join(src[end:])
    at = next((i for i, ln in enumerate(src) if ln.startswith("## How the figures are taken")), None)
    if at is None:
        return md.rstrip("\n") + "\n\n" + body
    return "".join(src[:at]) + body + "\n" + "".join(src[at:])


def write(cd: dict[str, Any], out: str = HERE) -> None:
    """Put ``cd`` under the ``corpus_dev`` key of results.json and its section into RESULTS.md."""
    rpath, mpath = os.path.join(out, "results.json"), os.path.join(out, "RESULTS.md")
    res: dict[str, Any] = {}
    if os.path.exists(rpath):
        with open(rpath, encoding="utf-8") as fh:
            res = json.load(fh)
    res["corpus_dev"] = cd
    with open(rpath, "w", encoding="utf-8") as fh:
        json.dump(res, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    render_md(cd, mpath)


def render_md(cd: dict[str, Any], mpath: str) -> None:
    md = ""
    if os.path.exists(mpath):
        with open(mpath, encoding="utf-8") as fh:
            md = fh.read()
    with open(mpath, "w", encoding="utf-8") as fh:
        fh.write(splice(md, section(cd)))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.corpus_dev", description=__doc__.split("\n\n")[0])
    p.add_argument("--repeats", type=int, default=3, help="repeats of every measure (default 3)")
    p.add_argument("--corpus", default="corpus", help="the base corpus (default: corpus)")
    p.add_argument("--dev", default=DEV, help=f"the development corpus (default: {DEV})")
    p.add_argument("--out", default=HERE, help="folder of results.json and RESULTS.md (default: bench/)")
    p.add_argument("--render", action="store_true", help="the RESULTS.md section from results.json only")
    p.add_argument("--parse-child", metavar="CORPUS", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.parse_child:
        json.dump(parse_child(args.parse_child), sys.stdout)
        sys.stdout.write("\n")
        return 0
    if args.render:
        with open(os.path.join(args.out, "results.json"), encoding="utf-8") as fh:
            render_md(json.load(fh).get("corpus_dev"), os.path.join(args.out, "RESULTS.md"))
        _say(f"wrote the section of {os.path.join(args.out, 'RESULTS.md')} from results.json")
        return 0
    if args.repeats < 1:
        p.error("--repeats must be at least 1")
    try:
        cd = measure(args.repeats, args.corpus, args.dev)
    except StepFailed as err:
        print(f"bench.corpus_dev: {err}", file=sys.stderr)
        return 1
    write(cd, args.out)
    rt = cd["ratios"]
    _say(
        f"build {rt['build_wall']}×, parse {rt['parse']}× for {rt['bytes']}× the bytes; wrote the "
        f"corpus_dev key of results.json and its section of RESULTS.md in {cd['wall_s']:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
