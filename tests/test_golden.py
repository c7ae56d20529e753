"""Golden files: the whole parse model of each corpus text, reviewed like code.

A missing golden file is written and the test fails on purpose, so that a person reads
it (juriscraper style).  To accept a reviewed change: ``ZANGRAPH_UPDATE_GOLDEN=1 pytest
tests/test_golden.py`` and review ``git diff tests/golden``.
"""

from __future__ import annotations

import json
import os

import pytest

from conftest import ROOT, SEEDS

GOLDEN = os.path.join(ROOT, "tests", "golden")


def golden_name(path: str) -> str:
    folder, name = os.path.split(path)
    return f"{os.path.basename(folder)}.{os.path.splitext(name)[0]}.json"


def render(doc) -> str:
    return json.dumps(doc.to_dict(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_golden(docs, key):
    doc = docs[key]
    path = os.path.join(GOLDEN, golden_name(doc.path))
    got = render(doc)
    if not os.path.exists(path) or os.environ.get("ZANGRAPH_UPDATE_GOLDEN"):
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(got)
        if not os.environ.get("ZANGRAPH_UPDATE_GOLDEN"):
            pytest.fail(f"{path} was missing and has been written: review it, then commit it")
    with open(path, encoding="utf-8") as fh:
        want = fh.read()
    if got != want:
        a, b = want.splitlines(), got.splitlines()
        first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        pytest.fail(f"{path} differs from the parse at line {first + 1}:\n- {a[first] if first < len(a) else ''}\n"
                    f"+ {b[first] if first < len(b) else ''}\n(review, then ZANGRAPH_UPDATE_GOLDEN=1)")
