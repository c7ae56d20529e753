"""Benchmarks: zangraph's stages timed side by side with peers (tantivy, SQLite FTS5), and
how the build and search grow on synthetic scaled corpora.

One command runs everything and writes ``bench/RESULTS.md`` and ``bench/results.json``::

    .venv/bin/python -m bench.run            # ×1, ×10, ×100
    .venv/bin/python -m bench.run --quick    # ×1 and ×10, fewer repeats

Modules, one per stage: :mod:`bench.measure` (clocks, percentiles, memory, trend fits),
:mod:`bench.queries` (the fixed query set and its expectations), :mod:`bench.stages`
(zangraph in-process), :mod:`bench.peers` (the same lemma stream in tantivy and FTS5),
:mod:`bench.loadtest` (the server under load), :mod:`bench.scale` (scaled corpora),
:mod:`bench.fullbuild` (one full build in a child process), :mod:`bench.profiling`,
:mod:`bench.report` (RESULTS.md).  Nothing here is part of the test suite.
"""
