"""The benchmark's profiles of missed targets: cProfile's top functions, named readably."""

from __future__ import annotations

import pytest

from bench.addone import add_argv
from bench.profiling import ROOT, _where, cprofile, top_functions


def _work(n: int) -> int:
    return sum(_square(i) for i in range(n))


def _square(i: int) -> int:
    return i * i


@pytest.mark.parametrize(
    ("file", "line", "func", "text"),
    [
        (
            "/x/.venv/lib/python3.11/site-packages/whoosh/writing.py",
            747,
            "add_document",
            "add_document  whoosh/writing.py:747",
        ),
        (f"{ROOT}/index/build.py", 297, "build_index", "build_index  index/build.py:297"),
        ("~", 0, "<built-in method builtins.sorted>", "<built-in method builtins.sorted>"),
        ("/usr/lib/python3.11/json/decoder.py", 353, "raw_decode", "raw_decode  json/decoder.py:353"),
    ],
)
def test_where(file, line, func, text):
    assert _where(file, line, func) == text


def test_top_functions_by_cumulative_and_own_time_without_the_profiler():
    stats = {
        (f"{ROOT}/bench/profiling.py", 10, "run"): (1, 1, 0.0, 9.0, {}),
        ("/x/a.py", 1, "f"): (1, 1, 0.1, 2.0, {}),
        ("/x/b.py", 2, "g"): (5, 5, 1.5, 1.5, {}),
        ("/x/c.py", 3, "h"): (9, 9, 0.3, 0.3, {}),
    }
    assert [r["function"] for r in top_functions(stats, 2)] == ["f  x/a.py:1", "g  x/b.py:2"]
    assert [r["function"] for r in top_functions(stats, 5, "own")] == [
        "g  x/b.py:2",
        "h  x/c.py:3",
        "f  x/a.py:1",
    ]
    assert top_functions(stats, 1)[0] == {"cum_s": 2.0, "own_s": 0.1, "calls": 1, "function": "f  x/a.py:1"}


def test_cprofile_names_the_functions_that_ran():
    res = cprofile(lambda: _work(20000), top=15)
    assert res["available"] and res["tool"] == "cProfile" and res["seconds"] >= 0
    names = [r["function"].split()[0] for r in res["cumulative"]]
    assert "_square" in names and "_work" not in names  # _work passes all of its time on to sum()
    square = next(r for r in res["cumulative"] if r["function"].startswith("_square"))
    assert square["calls"] == 20000
    assert len(res["own"]) <= 15


def test_add_argv_gives_what_the_clone_text_does_not_say():
    meta = {
        "type": "order",
        "number": "580-НҚ-s100",
        "date": "2025-07-16",
        "title": {"ru": "[synthetic ×100 #100] Об утверждении", "kk": "[synthetic ×100 #100] Бекіту туралы"},
        "issuer": {"ru": "Министр"},
        "subject": "tkh",
    }
    ru = {"lang": "ru", "format": "adilet", "edition": {"kind": "copy"}}
    assert add_argv(meta, ru, "/t/ru.txt", "/c") == [
        "/t/ru.txt", "--corpus", "/c", "--lang", "ru", "--format", "adilet",
        "--number", "580-НҚ-s100", "--date", "2025-07-16", "--type", "order",
        "--issuer", "Министр", "--title", "[synthetic ×100 #100] Об утверждении", "--subject", "tkh",
    ]  # fmt: skip
    kk = add_argv(
        meta, {"lang": "kk", "edition": {"kind": "edition", "date": "2026-01-01"}}, "/t/kk.txt", "/c"
    )
    assert "--format" not in kk and "--issuer" not in kk
    assert kk[kk.index("--edition-date") + 1] == "2026-01-01"
    assert kk[kk.index("--title") + 1] == "[synthetic ×100 #100] Бекіту туралы"


def test_a_function_that_only_passes_the_call_on_is_left_out_of_the_cumulative_top():
    main, verb, a, b = (
        ("/x/cli.py", 1, "main"),
        ("/x/cli.py", 9, "verb"),
        ("/x/a.py", 1, "a"),
        ("/x/b.py", 1, "b"),
    )
    stats = {
        main: (1, 1, 0.0, 10.0, {}),
        verb: (1, 1, 0.1, 10.0, {main: (1, 1, 0.1, 10.0)}),  # main: all of its time is verb's
        a: (1, 1, 6.0, 6.0, {verb: (1, 1, 6.0, 6.0)}),
        b: (1, 1, 3.9, 3.9, {verb: (1, 1, 3.9, 3.9)}),
    }
    assert [r["function"].split()[0] for r in top_functions(stats)] == ["verb", "a", "b"]
    assert [r["function"].split()[0] for r in top_functions(stats, key="own")] == ["a", "b", "verb", "main"]
