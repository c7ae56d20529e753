"""The index built act by act (issue 12): an incremental build re-indexes only the acts whose
documents may have changed, leaves every other segment file as it was, and answers as a full
build of the same KB does.

Every test works on copies of the seed corpus in a temporary folder.  The index is cut into
small segments (``CHUNK_UNITS`` lowered: about one act each), so a test sees which segment an
act's change touches.  An added act is a clone of a seed act (``bench.scale.clone_meta``: new
number, work id and folder; the texts copied byte for byte).  Answers are compared with ``==``:
totals, facets, hits with their scores, flags (as of dates) and order.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil

import pytest
from whoosh import index as whoosh_index

from bench.scale import clone_meta
from index import build as index_build
from index import segments
from index.asof import FLAGSETS_FILE
from index.build import act_records, build_index
from index.fingerprints import act_bundle, act_fingerprints, act_inputs, bundle_kb
from index.search import search
from index.segments import MANIFEST_FILE, Manifest

SEEDS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "corpus")
W580 = "/akn/kz/act/order/2025-10-24/580-nk"
W360 = "/akn/kz/act/order/2017-10-25/360"
W256 = "/akn/kz/act/order/2024-06-14/256-nk"
W125 = "/akn/kz/act/order/2024-04-30/125"

# (query, options): words, a phrase, filters, pages, languages, dates (flags are the KB's)
QUERIES = [
    ("обязанности", {}),
    ("обязанности", {"limit": 50, "offset": 7}),
    ('"Трудовой кодекс"', {"limit": 30}),
    ("директор", {"as_of": "2025-12-01", "limit": 100}),
    ("психолог", {"limit": 40}),
    ("психолог", {"as_of": "2026-06-01", "limit": 40}),
    ("кодекс", {"as_of": "2020-01-01", "limit": 25}),
    ("социальный работник", {"kind": "card_item", "limit": 20}),
    ("міндеттері", {"lang": "kk", "limit": 20}),
    ("білуге тиіс", {"lang": "kk", "as_of": "2026-01-01", "limit": 20}),
    ("кейс-менеджер", {"act": "580-НҚ"}),
]


@pytest.fixture(autouse=True)
def small_segments(monkeypatch):
    monkeypatch.setattr(segments, "CHUNK_UNITS", 1000)


def _kb(corpus):
    from kb.build import build

    return build(str(corpus))


def _copy_seeds(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    return corpus


def _clone(corpus, folder, k=1, name=None):
    """A clone of the act in ``folder`` as a new act in the folder ``name`` (``<folder>-s00k``):
    its work id.  Acts are in the order of their folders' names."""
    src = corpus / folder
    with open(src / "act.json", encoding="utf-8") as fh:
        meta = clone_meta(json.load(fh), 2, k)
    dst = corpus / (name or f"{folder}-s{k:03d}")
    dst.mkdir()
    for name in os.listdir(src):
        if name != "act.json":
            shutil.copyfile(src / name, dst / name)
    with open(dst / "act.json", "w", encoding="utf-8") as fh:
        json.dump(meta, fh, ensure_ascii=False, indent=1)
    return meta["work"]


def _seg_hashes(path):
    """Segment file name -> sha256 of its bytes."""
    return {n: hashlib.sha256((path / n).read_bytes()).hexdigest() for n in os.listdir(path)
            if n.endswith(".seg")}


def _answers(path, kb):
    return [search(str(path), q, kb=kb, **kw) for q, kw in QUERIES]


def _stored(path):
    """Every stored document, grouped by act in the acts' graph order (index order within an act)."""
    ix = whoosh_index.open_dir(str(path))
    with ix.searcher() as s:
        docs = [s.stored_fields(d) for d in s.document_numbers()]
    order = list(Manifest.load(str(path)).acts)
    return sorted(docs, key=lambda d: order.index(d["act"]))


def _same_as_full(tmp_path, kb, path):
    """The index at ``path`` answers as a full build of ``kb`` does, and holds the same documents."""
    full = build_index(kb, str(tmp_path / "full"), full=True)
    assert _answers(path, kb) == _answers(full, kb)
    assert _stored(path) == _stored(full)
    with open(os.path.join(path, FLAGSETS_FILE), "rb") as a, \
            open(os.path.join(full, FLAGSETS_FILE), "rb") as b:
        assert a.read() == b.read()


@pytest.fixture
def base(tmp_path):
    """The seeds, their KB and a full index of it (one segment per act)."""
    corpus = _copy_seeds(tmp_path)
    kb = _kb(corpus)
    stats: dict = {}
    build_index(kb, str(tmp_path / "data"), stats)
    assert stats["mode"] == "full" and stats["segments"] == 4
    return corpus, kb, tmp_path / "data" / "index"


# --- adding, removing, nothing ----------------------------------------------------------------


def test_adding_an_act_indexes_only_that_act(base, tmp_path):
    corpus, _, path = base
    before = _seg_hashes(path)
    work = _clone(corpus, "order-2017-10-25-360", name="order-2000-01-01-clone")  # the first act
    kb = _kb(corpus)
    stats: dict = {}
    build_index(kb, str(path.parent), stats)
    assert stats["mode"] == "incremental"
    assert stats["indexed"] == stats["replaced"] == [work]
    assert stats["merged"] == 0
    after = _seg_hashes(path)
    assert {n: after[n] for n in before} == before  # every old segment file byte for byte
    (new,) = set(after) - set(before)
    m = Manifest.load(str(path))
    assert m.segments[-1] == {"name": new[:-4], "acts": [work], "documents": m.acts[work].documents}
    assert not m.in_order()
    ix = whoosh_index.open_dir(str(path))
    seg = next(s for s in ix._segments() if s.segment_id() == new[:-4])
    from whoosh.reading import SegmentReader

    with SegmentReader(ix.storage, ix.schema, seg) as r:
        docs = [r.stored_fields(d) for d in range(r.doc_count_all())]
    assert [d["node"] for d in docs] == [r["node"] for r in act_records(kb, work)]
    _same_as_full(tmp_path, kb, path)


def test_ties_follow_graph_order_not_index_order(base, tmp_path):
    """A clone's units score as the seed's: a full build lists the clone's first (its folder
    sorts first); the updated index holds them last, and the search puts them first."""
    corpus, _, path = base
    work = _clone(corpus, "order-2017-10-25-360", name="order-2000-01-01-clone")
    kb = _kb(corpus)
    build_index(kb, str(path.parent))
    res = search(str(path), "обязанности", kb=kb, limit=20)
    scores = [h["score"] for h in res["hits"]]
    assert len(set(scores)) < len(scores)  # there are ties to order
    tied = [h for h in res["hits"] if h["act"] in (work, W360)]
    assert tied and tied[0]["act"] == work


def test_removing_an_act_removes_its_documents(base, tmp_path):
    corpus, _, path = base
    before = _seg_hashes(path)
    held = Manifest.load(str(path)).acts[W125].segment
    shutil.rmtree(corpus / "order-2024-04-30-125")
    kb = _kb(corpus)
    stats: dict = {}
    build_index(kb, str(path.parent), stats)
    assert stats["mode"] == "incremental" and stats["replaced"] == [W125] and stats["indexed"] == []
    assert search(str(path), "работник", act=W125, kb=kb)["total"] == 0
    after = _seg_hashes(path)
    assert held + ".seg" not in after
    assert {n: h for n, h in before.items() if n != held + ".seg"} == after
    _same_as_full(tmp_path, kb, path)


def test_an_act_gone_from_a_shared_segment_copies_the_others_exactly(tmp_path, monkeypatch):
    """The segment that held 125 also holds 360: the new segment copies 360's documents (a
    merge) and the answers stay those of a full build (the exact field lengths put back)."""
    monkeypatch.setattr(segments, "CHUNK_UNITS", 2000)
    corpus = _copy_seeds(tmp_path)
    path = build_index(_kb(corpus), str(tmp_path / "data"))
    m = Manifest.load(path)
    assert m.segments[0]["acts"] == [W360, W125]
    shutil.rmtree(corpus / "order-2024-04-30-125")
    kb = _kb(corpus)
    stats: dict = {}
    build_index(kb, str(tmp_path / "data"), stats)
    assert stats["replaced"] == [W125] and stats["merged"] == 1
    m = Manifest.load(path)
    assert [s["acts"] for s in m.segments] == [[W256, W580], [W360]]
    _same_as_full(tmp_path, kb, path)


def test_documents_found_the_same_keep_their_lengths_through_a_merge(tmp_path, monkeypatch):
    """A clone of 580-НҚ staffs 256-НҚ's rows: 256-НҚ is replaced, so its segment (shared with
    580-НҚ) is merged, copying 580-НҚ's documents, which were indexed again and found the same:
    their exact lengths still come from the manifest."""
    monkeypatch.setattr(segments, "CHUNK_UNITS", 2000)
    corpus = _copy_seeds(tmp_path)
    path = build_index(_kb(corpus), str(tmp_path / "data"))
    assert Manifest.load(path).segments[1]["acts"] == [W256, W580]
    work = _clone(corpus, "order-2025-10-24-580-nk")
    kb = _kb(corpus)
    stats: dict = {}
    build_index(kb, str(tmp_path / "data"), stats)
    assert W580 in stats["indexed"] and stats["replaced"] == [W256, work] and stats["merged"] == 1
    assert Manifest.load(path).acts[W580].lengths
    _same_as_full(tmp_path, kb, path)


def test_nothing_changed_changes_nothing(base):
    corpus, kb, path = base
    before = _seg_hashes(path)
    stats: dict = {}
    build_index(_kb(corpus), str(path.parent), stats)
    assert stats["mode"] == "unchanged" and stats["indexed"] == stats["replaced"] == []
    assert _seg_hashes(path) == before


# --- what an act's documents read from other acts ----------------------------------------------


def test_a_staffing_link_to_another_act_marks_the_act_dirty(base, tmp_path):
    """256-НҚ's staffing rows are staffed by 580-НҚ's positions (``staffed_by``): without 580-НҚ
    they staff nothing, so 256-НҚ's documents change though its texts did not; 360 and 125 read
    nothing of either and are not indexed again."""
    corpus, kb, path = base
    rows = [r for r in act_records(kb, W256) if r["position_id"].startswith(W580)]
    assert rows
    shutil.rmtree(corpus / "order-2025-10-24-580-nk")
    kb = _kb(corpus)
    stats: dict = {}
    build_index(kb, str(path.parent), stats)
    assert stats["indexed"] == [W256]
    assert stats["replaced"] == [W256, W580]
    with whoosh_index.open_dir(str(path)).searcher() as s:
        assert "position_id" not in s.document(node=rows[0]["node"])  # empty: not stored
    _same_as_full(tmp_path, kb, path)


def test_a_new_act_staffing_rows_replaces_the_rows_act(base, tmp_path):
    """A clone of 580-НҚ also staffs 256-НҚ's rows (its positions sort first): 256-НҚ is
    indexed again and replaced; 580-НҚ is indexed again (its links changed) but its documents
    are the same, so they stay."""
    corpus, _, path = base
    work = _clone(corpus, "order-2025-10-24-580-nk")
    kb = _kb(corpus)
    stats: dict = {}
    build_index(kb, str(path.parent), stats)
    assert W256 in stats["indexed"] and W580 in stats["indexed"]
    assert stats["replaced"] == [W256, work]
    _same_as_full(tmp_path, kb, path)


def test_fingerprints_read_what_the_records_read(base):
    """An act's digest changes with a cited act's name, a staffing position's title, its own
    text (its sha256; ``deep``: any of its nodes); not with what the records do not read (a cited
    act's aliases, ``same_title``)."""
    _, kb, _ = base
    g = kb.graph
    before = act_fingerprints(kb)

    def changed():
        now = act_fingerprints(kb)
        return {w for w in now if now[w] != before[w]}

    def owner(nid):
        return next(w for w in kb.acts if nid.startswith(w + "/"))

    ref = next(b for a, b, k in g.edges(keys=True) if k == "cites" and a.startswith(W360 + "/"))
    citing = {owner(a) for a, b, k in g.edges(keys=True) if k == "cites" and b == ref}
    name = g.nodes[ref].get("name_ru")
    g.nodes[ref]["name_ru"] = "Другое название"
    assert changed() == citing
    g.nodes[ref]["name_ru"] = name
    g.nodes[ref]["aliases"] = [*g.nodes[ref].get("aliases", []), "another mention"]  # not read
    assert changed() == set()

    pid = next(a for a, _, k in g.edges(keys=True) if k == "staffed_by")
    titles = g.nodes[pid]["titles"]
    g.nodes[pid]["titles"] = {**titles, "ru": "Другая должность"}
    assert changed() == {W256}  # the act whose rows it staffs (580-НҚ's own nodes: its text's sha256)
    g.nodes[pid]["titles"] = titles

    p360 = next(n for n, d in g.nodes(data=True) if d.get("kind") == "position" and n.startswith(W360 + "/"))
    g.add_edge(p360, pid, key="same_title", type="same_title")
    assert changed() == set()

    expr = next(n for n, d in g.nodes(data=True)
                if d.get("kind") == "expression" and n.startswith(W125 + "/"))
    g.nodes[expr]["sha256"] = "0" * 64  # another text: its units are made again from it
    assert changed() == {W125}
    g.nodes[expr]["sha256"] = "1" * 64
    assert act_fingerprints(kb) != act_fingerprints(kb, deep=True)
    deep = act_fingerprints(kb, deep=True)
    unit = next(n for n, d in g.nodes(data=True) if d.get("kind") == "unit" and n.startswith(W125 + "/"))
    g.nodes[unit]["text"] = "изменённый текст"  # deep: every node of the act hashed
    now = act_fingerprints(kb, deep=True)
    assert {w for w in now if now[w] != deep[w]} == {W125}


def test_an_act_whose_text_is_not_found_is_hashed_node_by_node(base):
    """Its ``meta.yaml`` cannot be read: its digest hashes every node of it instead."""
    _, kb, _ = base
    g = kb.graph
    for e, d in g.nodes(data=True):
        if d.get("kind") == "expression" and e.startswith(W125 + "/"):
            os.rename(d["path"], d["path"] + ".away")
    before = act_fingerprints(kb)
    unit = next(n for n, d in g.nodes(data=True) if d.get("kind") == "unit" and n.startswith(W125 + "/"))
    g.nodes[unit]["text"] = "изменённый текст"
    now = act_fingerprints(kb)
    assert {w for w in now if now[w] != before[w]} == {W125}


def test_an_acts_bundle_makes_the_same_documents(base):
    """A worker makes an act's documents from its bundle (what they read of the KB, pickled):
    the same documents as from the whole KB."""
    _, kb, _ = base
    inputs = act_inputs(kb)
    for w in kb.acts:
        bundle = pickle.loads(pickle.dumps(act_bundle(kb, inputs, w), protocol=5))
        assert list(act_records(bundle_kb(bundle), w)) == list(act_records(kb, w)), w


# --- the full build, the bound, the code ---------------------------------------------------------


def test_a_full_build_in_worker_processes_writes_the_same_index(base, tmp_path, monkeypatch):
    _, kb, path = base
    monkeypatch.setattr(index_build, "PARALLEL_UNITS", 0)
    stats: dict = {}
    two = build_index(kb, str(tmp_path / "two"), stats, procs=2, full=True)
    assert stats["procs"] == 2 and stats["segments"] == 4
    assert _stored(two) == _stored(path)
    assert _answers(two, kb) == _answers(path, kb)
    with open(os.path.join(path, MANIFEST_FILE), encoding="utf-8") as a, \
            open(os.path.join(two, MANIFEST_FILE), encoding="utf-8") as b:
        ma, mb = json.load(a), json.load(b)
    for m in (ma, mb):
        for s in m["segments"]:
            s.pop("name")
        for act in m["acts"]:
            act.pop("segment")
    assert ma == mb


def test_a_failing_worker_fails_the_build_and_keeps_the_index(base, monkeypatch):
    _, kb, path = base
    before = _seg_hashes(path)
    monkeypatch.setattr(index_build, "PARALLEL_UNITS", 0)
    monkeypatch.setattr(index_build, "act_bundle", lambda kb, inputs, w: {"work": w})  # no KB in it
    with pytest.raises(RuntimeError, match="failed: KeyError"):
        build_index(kb, str(path.parent), procs=2, full=True)
    assert os.listdir(path.parent) == ["index"] and _seg_hashes(path) == before


def test_segments_stay_bounded(base, tmp_path, monkeypatch):
    corpus, _, path = base
    monkeypatch.setattr(segments, "MAX_SEGMENTS", 5)
    for k, folder in enumerate(["order-2017-10-25-360", "order-2024-04-30-125"], 1):
        _clone(corpus, folder, k)
        kb = _kb(corpus)
        stats: dict = {}
        build_index(kb, str(path.parent), stats)
        assert stats["mode"] == "incremental"
    assert stats["merged"] == 1 and stats["segments"] == 5
    assert len(whoosh_index.open_dir(str(path))._segments()) == 5
    _same_as_full(tmp_path, kb, path)


def test_other_code_means_a_full_build(base, monkeypatch):
    corpus, kb, path = base
    monkeypatch.setattr(index_build, "code_version", lambda: "another")
    stats: dict = {}
    build_index(kb, str(path.parent), stats)
    assert stats["mode"] == "full"
