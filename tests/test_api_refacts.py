"""/referenced-acts: the codes and laws must-know items cite, and who must know them."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kb.build import build

LAWYER = "/akn/kz/act/order/2025-10-24/580-nk/~pos:chp_2__para_12"


@pytest.fixture(scope="module")
def client():
    kb = build("corpus")
    if not kb.refs:
        pytest.skip("referenced acts are not resolved in this build (kb.refacts)")
    with TestClient(create_app(kb=kb)) as c:
        yield c


def test_list_and_find(client):
    everything = client.get("/referenced-acts?limit=200").json()
    assert everything["count"] > 10
    labour = client.get("/referenced-acts?q=трудовой кодекс").json()["data"]
    assert [a["id"] for a in labour] == ["kz/code/labour"]
    assert labour[0]["positions"] > 0


def test_find_in_kazakh(client):
    assert "kz/code/labour" in [a["id"] for a in client.get("/referenced-acts?q=Еңбек").json()["data"]]


def test_get_with_slashes_in_the_id(client):
    body = client.get("/referenced-acts/kz/code/labour").json()
    assert body["name_ru"] == "Трудовой кодекс Республики Казахстан"


def test_who_must_know_the_labour_code(client):
    body = client.get("/referenced-acts/kz/code/labour/positions?as_of=2026-06-01").json()
    ids = [p["id"] for p in body["positions"]]
    assert LAWYER in ids
    assert {p["act_number"] for p in body["positions"]} >= {"580-НҚ", "360"}


def test_by_name(client):
    r = client.get("/referenced-acts/Трудовой кодекс/positions")
    assert r.status_code == 200 and r.json()["act"]["id"] == "kz/code/labour"


def test_unknown_is_404_with_id(client):
    r = client.get("/referenced-acts/kz/code/nothing/positions")
    assert r.status_code == 404
    assert r.json()["detail"]["id"] == "kz/code/nothing"


# --- an act the registry does not know ---------------------------------------------------------
# The 580-НҚ ru text with one more must-know line in position 1: a law that kb/data/acts.json lacks (named by order 716 of the МВД, outside its knowledge cells), defined
# with a short name that position 2 then uses.

GUARD_LAW = "Закон Республики Казахстан «Об охранной деятельности»"
GUARD_ID = "unresolved:об-охранн-деятельност"
POSITION_1 = "/akn/kz/act/order/2025-10-24/580-nk/~pos:chp_2__para_1"
POSITION_2 = "/akn/kz/act/order/2025-10-24/580-nk/~pos:chp_2__para_2"


def _corpus_with_unknown_act(root) -> str:
    """A one-text corpus: 580-НҚ ru with the law added to the must-know lists of positions 1 and 2."""
    import hashlib
    import json
    import re
    import shutil

    src = "corpus/order-2025-10-24-580-nk"
    dst = root / "order-2025-10-24-580-nk"
    dst.mkdir(parents=True)
    text = open(f"{src}/ru.txt", encoding="utf-8").read()
    first = re.compile(r"^(\s*)Трудовой кодекс Республики Казахстан \(далее – Трудовой кодекс\);$", re.M)
    text = first.sub(lambda m: f"{m[0]}\n\n\n\n{m[1]}{GUARD_LAW} (далее – Закон об охранной деятельности);", text, count=1)
    short = re.compile(r"^(\s*)Трудовой кодекс;$", re.M)
    text = short.sub(lambda m: f"{m[0]}\n\n\n\n{m[1]}Закон об охранной деятельности;", text, count=1)
    (dst / "ru.txt").write_text(text, encoding="utf-8")
    meta = json.load(open(f"{src}/act.json", encoding="utf-8"))
    meta["expressions"] = [dict(e, sha256=hashlib.sha256((dst / "ru.txt").read_bytes()).hexdigest())
                           for e in meta["expressions"] if e["lang"] == "ru"]
    (dst / "act.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    shutil.copymode(f"{src}/act.json", dst / "act.json")
    return str(root)


@pytest.fixture(scope="module")
def unknown_act_corpus(tmp_path_factory):
    return _corpus_with_unknown_act(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def unknown_act_kb(unknown_act_corpus):
    return build(unknown_act_corpus)


def test_unknown_act_is_kept_as_unresolved(unknown_act_kb):
    act = unknown_act_kb.refs["acts"][GUARD_ID]
    assert act == {"id": GUARD_ID, "type": "law", "name_ru": GUARD_LAW, "name_kk": None, "resolved": False,
                   "aliases": ['Закон Республики Казахстан "Об охранной деятельности"', "Закон об охранной деятельности"]}
    links = [lk for lk in unknown_act_kb.refs["links"] if lk["act"] == GUARD_ID]
    assert [(lk["position"], lk["method"]) for lk in links] == [
        ("chp_2__para_1", "unresolved"), ("chp_2__para_2", "defined_alias")]
    assert [u["name"] for u in unknown_act_kb.refs["unresolved"]] == [GUARD_LAW, "Закон об охранной деятельности"]


def test_unknown_act_in_the_must_know_answer(unknown_act_kb):
    from kb.queries import must_know

    res = must_know(unknown_act_kb, POSITION_1)
    (act,) = [a for a in res["acts"] if a["id"] == GUARD_ID]
    assert act["resolved"] is False and act["name_ru"] == GUARD_LAW
    assert [f["kind"] for f in act["flags"]] == ["unresolved_act"]
    assert [(i["mention"], i["method"], i["confidence"]) for i in act["items"]] == [(GUARD_LAW, "unresolved", 0.0)]
    assert all(a["resolved"] for a in res["acts"] if a["id"] != GUARD_ID)
    assert "kz/code/labour" in {a["id"] for a in res["acts"]}  # the registry acts are all still there


@pytest.mark.parametrize("name", [GUARD_LAW, "Закон об охранной деятельности", "Об охранной деятельности", GUARD_ID])
def test_who_must_know_an_unknown_act_by_its_name(unknown_act_kb, name):
    from kb.queries import who_must_know

    res = who_must_know(unknown_act_kb, name)
    assert res["act"]["id"] == GUARD_ID and res["act"]["resolved"] is False
    assert [p["id"] for p in res["positions"]] == [POSITION_1, POSITION_2]


def test_unknown_act_over_http(unknown_act_kb):
    with TestClient(create_app(kb=unknown_act_kb)) as c:
        body = c.get("/positions/580-НҚ:chp_2__para_1/must-know").json()
        (act,) = [a for a in body["acts"] if a["id"] == GUARD_ID]
        assert act["resolved"] is False and act["name_ru"] == GUARD_LAW
        who = c.get(f"/referenced-acts/{GUARD_LAW}/positions")
        assert who.status_code == 200 and [p["id"] for p in who.json()["positions"]] == [POSITION_1, POSITION_2]
        assert c.get(f"/referenced-acts/{GUARD_ID}").json()["positions"] == 2
        assert GUARD_ID in [a["id"] for a in c.get("/referenced-acts?q=охранной").json()["data"]]


# --- zangraph parse: --check lists the unknown acts and bucket sizes; exit 2 on an error ---------


def _cli(*args):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "api.cli", *args], capture_output=True, text=True)


def test_parse_check_lists_unknown_acts_and_buckets(unknown_act_corpus):
    import json

    out = _cli("parse", "--check", unknown_act_corpus, "--json")
    assert out.returncode == 0, out.stderr
    (counts,) = json.loads(out.stdout).values()
    assert counts["unresolved_acts"] == [GUARD_LAW, "Закон об охранной деятельности"]
    assert counts["buckets"] == {"act_line": 1, "signature": 2}
    assert counts["positions"] == 12  # the counts themselves are unchanged
    text = _cli("parse", "--check", unknown_act_corpus)
    assert text.returncode == 0
    assert f"acts not in kb/data/acts.json (2): {GUARD_LAW}; Закон об охранной деятельности" in text.stdout
    assert "buckets: act_line 1, signature 2" in text.stdout


def test_parse_check_on_the_seeds_has_only_the_bare_code():
    import json

    stats = json.loads(_cli("parse", "--check", "corpus", "--json").stdout)
    assert {p: c["unresolved_acts"] for p, c in stats.items() if c["unresolved_acts"]} == {
        "corpus/order-2017-10-25-360/ru.txt": ["Кодекса"]}
    assert stats["corpus/order-2024-06-14-256-nk/ru.txt"]["buckets"]["approval"] == 16


@pytest.mark.parametrize(("severity", "code"), [("error", 2), ("warning", 0)])
def test_parse_exit_code(monkeypatch, capsys, severity, code):
    import parser.pipeline
    from api.cli import main
    from parser.models import Diagnostic

    real = parser.pipeline.parse_path

    def parse_path(path, **kw):
        doc = real(path, **kw)
        doc.diagnostics.append(Diagnostic(doc.path, 1, "nothing", "a planted diagnostic", severity))
        return doc

    monkeypatch.setattr(parser.pipeline, "parse_path", parse_path)
    assert main(["parse", "corpus/order-2025-10-24-580-nk/ru.txt"]) == code
    assert main(["parse", "--check", "corpus", "--json"]) == code
    capsys.readouterr()
