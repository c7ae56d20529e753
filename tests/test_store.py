"""The KB in its SQLite store (kb.graphstore, kb.store): what is read back equals what was built,
and every answer of the stored KB equals the in-memory KB's, byte for byte."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import pytest
from conftest import ROOT
from fastapi.testclient import TestClient

from api.app import create_app
from api.context import Settings
from kb import graphstore
from kb.build import build
from kb.queries import find_positions, must_know, who_must_know
from kb.store import FORMAT_VERSION, load, load_current, save

AS_OF = ("2022-04-19", "2026-06-01", "2026-11-24")


@pytest.fixture(scope="module")
def mem():
    return build("corpus")


@pytest.fixture(scope="module")
def path(mem, tmp_path_factory):
    return save(mem, str(tmp_path_factory.mktemp("store") / "kb.sqlite"))


@pytest.fixture(scope="module")
def stored(path):
    with load(path) as kb:
        yield kb


# --- round trip ---------------------------------------------------------------------------------


def test_nodes_round_trip(mem, stored):
    g, h = mem.graph, stored.graph
    assert h.number_of_nodes() == g.number_of_nodes() == len(h) and list(h.nodes) == list(g.nodes)
    assert list(h.nodes(data=True)) == list(g.nodes(data=True))
    for n, d in g.nodes(data=True):
        assert n in h and h.has_node(n) and h.nodes[n] == d and h.nodes.get(n) == d and stored.node(n) == d
    assert "nope" not in h and h.nodes.get("nope", {}) == {} and h.out_edges("nope", keys=True) == []
    with pytest.raises(KeyError):
        h.nodes["nope"]


def test_edges_round_trip_in_networkx_order(mem, stored):
    g, h = mem.graph, stored.graph
    assert h.number_of_edges() == g.number_of_edges()
    assert list(h.edges(keys=True, data=True)) == list(g.edges(keys=True, data=True))
    assert list(h.edges()) == list(g.edges())
    for n in g.nodes:
        assert h.out_edges(n, keys=True, data=True) == list(g.out_edges(n, keys=True, data=True)), n
        assert h.in_edges(n, keys=True, data=True) == list(g.in_edges(n, keys=True, data=True)), n
        assert h.out_edges(n, data=True) == list(g.out_edges(n, data=True)), n
        assert h.in_edges(n, keys=True) == list(g.in_edges(n, keys=True)), n
    u, v, k = next(iter(g.edges(keys=True)))
    assert h.has_edge(u, v) and h.has_edge(u, v, key=k) and not h.has_edge(u, v, key="nope")


def test_documents_editions_refs_links_acts_round_trip(mem, stored):
    assert stored.corpus_hash == mem.corpus_hash
    assert list(stored.acts.items()) == list(mem.acts.items())
    assert list(stored.docs) == list(mem.docs) and len(stored.docs) == len(mem.docs)
    for e, doc in mem.docs.items():
        assert stored.docs[e] == doc and e in stored.docs
    assert "nope" not in stored.docs and stored.docs.get("nope") is None
    assert list(stored.editions) == list(mem.editions)
    for work, eds in mem.editions.items():
        got = stored.editions[work]
        assert got == eds and [x.doc for x in got] == [x.doc for x in eds]
        assert all(any(x.doc is stored.docs[e] for e in stored.expressions(work)) for x in got)  # one copy
        assert stored.expressions(work) == mem.expressions(work)
    assert dict(stored.refs) == mem.refs and bool(stored.refs) == bool(mem.refs)
    assert list(stored.links) == mem.links and len(stored.links) == len(mem.links)
    assert stored.links[0] == mem.links[0] and stored.links[-1] == mem.links[-1]


def test_indexed_lookups_equal_the_scans(mem, stored):
    for kind in ("position", "card", "referenced_act", "unit", "nope"):
        assert graphstore.nodes_of_kind(stored.graph, kind) == graphstore.nodes_of_kind(mem.graph, kind)
    assert graphstore.kind_counts(stored.graph) == graphstore.kind_counts(mem.graph)
    assert graphstore.doc_counts(stored) == graphstore.doc_counts(mem)
    for nid in [*mem.graph.nodes][::50]:
        assert graphstore.links_touching(stored, nid) == graphstore.links_touching(mem, nid)
    for work in [*mem.acts, "nope"]:
        bare = graphstore.editions_meta(stored, work)
        assert bare == graphstore.editions_meta(mem, work) and all(e.doc is None for e in bare)


def test_the_index_records_of_a_stored_kb_are_the_same(mem, stored):
    from index.build import unit_records

    assert list(unit_records(stored)) == list(unit_records(mem))


# --- answers ------------------------------------------------------------------------------------


def test_must_know_and_who_must_know_answers_are_equal(mem, stored):
    assert find_positions(stored) == find_positions(mem)
    for pid in find_positions(mem):
        for day in AS_OF:
            assert json.dumps(must_know(stored, pid, day), sort_keys=True, default=str) == json.dumps(
                must_know(mem, pid, day), sort_keys=True, default=str
            ), (pid, day)
    for ref, _ in graphstore.nodes_of_kind(mem.graph, "referenced_act"):
        assert who_must_know(stored, ref, "2026-06-01") == who_must_know(mem, ref, "2026-06-01"), ref


def test_answers_from_threads_are_equal(mem, stored):
    pids = find_positions(mem)
    want = [must_know(mem, p, "2026-11-24") for p in pids]
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda p: must_know(stored, p, "2026-11-24"), pids * 3))
    assert got == want * 3


@pytest.fixture(scope="module")
def clients(mem, stored, tmp_path_factory):
    from index.build import build_index

    data = tmp_path_factory.mktemp("data")
    build_index(mem, str(data))
    settings = Settings(data_dir=str(data), default_as_of="2026-11-24")
    with TestClient(create_app(settings, kb=mem)) as a, TestClient(create_app(settings, kb=stored)) as b:
        yield a, b


def _urls(kb) -> list[str]:
    g = kb.graph
    urls = ["/acts", "/positions", "/positions?q=Юрист", "/professions", "/referenced-acts?limit=200",
            "/staffing?visits_per_day=75", "/staffing?visits_per_day=75&as_of=2026-06-01",
            "/compare/positions?a=580-НҚ:chp_2__para_5&b=360:chp_2__para_3&as_of=2026-06-01",
            "/acts/580-НҚ/diff?from=2026-06-01&to=2026-11-24&lang=ru", "/acts/580-НҚ/parity",
            "/acts/580-НҚ/akn?as_of=2026-06-01&lang=kk",
            "/positions/580-НҚ:chp_2__para_12/diff?from=2026-06-01&to=2026-11-24",
            "/search?q=психологи&lang=ru", "/search?q=бытового насилия&as_of=2026-11-24&limit=50",
            "/search?q=кодекс&kind=must_know&limit=20", "/search?q=еңбек&lang=kk",
            "/ru/", "/kk/", "/ru/acts", "/ru/positions", "/kk/positions", "/ru/mustknow", "/ru/staffing",
            "/ru/search?q=психолог", "/kk/search?q=психолог", "/ru/diff"]
    for work, meta in kb.acts.items():
        num = quote(meta["number"])
        urls += [f"/acts/{num}", f"/acts/{num}/text?as_of=2026-11-24", f"/acts/{num}/timeline",
                 f"/acts/{num}/registers", f"/acts/{num}/staffing", f"/ru/acts/{num}", f"/kk/acts/{num}",
                 f"/ru/diff?act={num}"]
        for pid in find_positions(kb, act=work)[:4]:
            ref = quote(f"{meta['number']}:{g.nodes[pid]['eid']}")
            urls += [f"/positions/{ref}", f"/positions/{ref}/must-know?as_of=2026-06-01",
                     f"/positions/{ref}/must-know?as_of=2026-11-24&lang=kk",
                     f"/positions/{ref}/job-description?format=md", f"/ru/positions/{ref}",
                     f"/ru/mustknow?position={ref}", f"/kk/jobdesc?position={ref}"]
    for _, d in graphstore.nodes_of_kind(g, "referenced_act"):
        ref = quote(d["ref"])
        urls += [f"/referenced-acts/{ref}/positions?as_of=2026-06-01", f"/ru/referenced/{ref}"]
    for cid, _ in graphstore.nodes_of_kind(g, "card"):
        urls.append(f"/professions/{quote(cid.lstrip('/'))}?as_of=2026-06-01")
    return urls


def test_http_answers_are_byte_identical(mem, clients):
    a, b = clients
    answered = 0
    for url in _urls(mem):
        ra, rb = a.get(url), b.get(url)
        assert (rb.status_code, rb.content) == (ra.status_code, ra.content), url
        answered += ra.status_code == 200
    assert answered > 150
    ha, hb = a.get("/health").json(), b.get("/health").json()
    assert hb["counts"] == ha["counts"] and hb["data_version"] == FORMAT_VERSION


# --- the file -----------------------------------------------------------------------------------


def test_work_hashes_are_stable_and_per_work(mem, path, tmp_path):
    again = save(mem, str(tmp_path / "again.sqlite"))
    rebuilt = save(build("corpus"), str(tmp_path / "rebuilt.sqlite"))
    hashes = graphstore.work_hashes(path)
    assert hashes == graphstore.work_hashes(again) == graphstore.work_hashes(rebuilt)
    assert set(hashes) == {"", *mem.acts}


def test_every_row_has_its_work(path, mem):
    con = sqlite3.connect(path)
    works = {"", *mem.acts}
    for table in ("nodes", "links", "blobs"):
        assert {w for (w,) in con.execute(f"SELECT DISTINCT work FROM {table}")} <= works, table
    glob = [(i, k) for i, k in con.execute("SELECT id, kind FROM nodes WHERE work = ''")]
    assert glob and all(i.startswith("ref:") or k == "amending_act" for i, k in glob)
    outside = con.execute("SELECT id FROM nodes WHERE work != '' AND substr(id, 1, length(work)) != work")
    assert not outside.fetchall()
    con.close()


def test_a_failed_save_leaves_the_old_file(mem, path, tmp_path, monkeypatch):
    target = tmp_path / "kb.sqlite"
    save(mem, str(target))
    before = target.read_bytes()

    def boom(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(graphstore, "_write_rows", boom)
    with pytest.raises(RuntimeError, match="disk full"):
        save(mem, str(target))
    assert target.read_bytes() == before and os.listdir(tmp_path) == ["kb.sqlite"]


def test_missing_old_and_foreign_files_are_not_current(mem, tmp_path):
    assert load_current(str(tmp_path / "none.sqlite"), "corpus") is None
    with pytest.raises(FileNotFoundError, match="zangraph build"):
        load(str(tmp_path / "none.sqlite"))
    foreign = tmp_path / "foreign.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE t(x)")
    con.commit()
    con.close()
    assert load_current(str(foreign), "corpus") is None
    with pytest.raises(graphstore.NotCurrent, match="not a zangraph knowledge base"):
        load(str(foreign))
    old = tmp_path / "old.sqlite"
    graphstore.write(mem, str(old), {"format": "3"})
    assert load_current(str(old), "corpus") is None
    with pytest.raises(ValueError, match="another zangraph version"):
        load(str(old))


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty-pages"])
def test_a_damaged_file_is_a_clear_error(path, tmp_path, damage):
    bad = tmp_path / "kb.sqlite"
    with open(path, "rb") as fh:
        data = fh.read()
    bad.write_bytes({"garbage": b"not a database at all" * 100, "truncated": data[: len(data) // 2],
                     "empty-pages": data[:8192] + bytes(len(data) - 8192)}[damage])
    with pytest.raises(graphstore.StoreError, match="damaged.*zangraph build"):
        kb = load_current(str(bad), "corpus")
        list(kb.graph.nodes(data=True))  # a file damaged past its first pages fails when read
    cli = [sys.executable, "-m", "api.cli", "must-know", "580-НҚ:chp_2__para_12", "--data", str(tmp_path)]
    out = subprocess.run(cli, capture_output=True, text=True, cwd=ROOT)
    assert out.returncode != 0 and "damaged" in out.stderr and "Traceback" not in out.stderr
