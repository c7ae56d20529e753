"""The CLI verbs end to end on the seeds (JSON shapes) and their bad-input behaviour."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    d = tmp_path_factory.mktemp("data")
    out = run("build", "--data", str(d))
    assert out.returncode == 0, out.stderr
    return str(d)


def run(*args):
    return subprocess.run([sys.executable, "-m", "api.cli", *args], capture_output=True, text=True, cwd=ROOT)


def js(*args):
    out = run(*args, "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_parse_check_json():
    stats = js("parse", "--check", "corpus")
    assert stats["corpus/order-2025-10-24-580-nk/ru.txt"]["positions"] == 12
    assert stats["corpus/order-2024-06-14-256-nk/ru.txt"]["staffing_rows"] == 20
    assert all(v["unparsed"] == 0 for v in stats.values())


def test_must_know_shape_and_flags(data):
    before = js("must-know", "Юрист", "--act", "580-НҚ", "--as-of", "2026-06-01", "--data", data)
    after = js("must-know", "Юрист", "--act", "580-НҚ", "--as-of", "2026-11-24", "--data", data)
    assert set(before) == {"position", "as_of", "acts", "other_knowledge", "flags", "not_in_force", "count"}
    # the position's own flags: order 188-НҚ of 16.04.2026 announces its laws абзац from 12.07.2026
    assert [(f["kind"], f["by"]["number"]) for f in before["flags"]] == [("pending", "188-НҚ")]
    assert set(before["acts"][0]) >= {"id", "name_ru", "name_kk", "sources", "flags"}
    assert {f["kind"] for a in before["acts"] for f in a["flags"]} == {"pending"}
    flags = [f for a in after["acts"] for f in a["flags"]]
    assert flags and {f["by"]["number"] for f in flags} == {"188-НҚ"} and not any(f["text_in_corpus"] for f in flags)


def test_who_must_know_shape(data):
    res = js("who-must-know", "Трудовой кодекс", "--data", data)
    assert set(res) >= {"act", "positions"}
    assert set(res["positions"][0]) >= {"id", "title_ru", "title_kk", "act", "sources"}
    assert {p["act"] for p in res["positions"]} == {"/akn/kz/act/order/2025-10-24/580-nk", "/akn/kz/act/order/2017-10-25/360"}


def test_timeline_diff_parity(data):
    t = js("timeline", "360", "--unit", "chp_1__para_3__point_7", "--data", data)
    kinds = [e["kind"] for e in t["units"]["chp_1__para_3__point_7"]]
    assert "announced_edition" in kinds
    d = js("diff", "580-НҚ", "--from", "2026-06-01", "--to", "2026-11-24", "--data", data)
    assert d["counts"]["flagged"] == 10 and d["counts"]["changed"] == 0
    p = js("parity", "580-НҚ", "--data", data)
    assert p["units"]["common"] > 390


def test_ambiguous_position_lists_candidates(data):
    out = run("must-know", "Специалист по социальной работе", "--data", data)
    assert out.returncode == 2 and "names 2 positions" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.parametrize(
    "args, needle",
    [
        (["must-know", "Космонавт"], "no position"),
        (["must-know", "Юрист", "--act", "580-НҚ", "--as-of", "2026-13-01"], "--as-of"),
        (["diff", "580-НҚ", "--from", "2026-11-24", "--to", "2026-06-01"], "after"),
        (["who-must-know", "Закон о космосе"], "no referenced act"),
    ],
)
def test_bad_input_one_line(data, args, needle):
    out = run(*args, "--data", data)
    assert out.returncode == 2 and needle in out.stderr and "Traceback" not in out.stderr
    assert out.stderr.strip().count("\n") == 0
