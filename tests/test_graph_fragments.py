"""The graph composed from each act's fragment (:mod:`kb.fragments`) is the graph built in one pass,
and a rebuild makes only the fragments of what changed: an added act, or every act when the
registry of referenced acts changes."""

from __future__ import annotations

import json
import os
import shutil
from typing import Any

import pytest

from bench.scale import clone_meta
from kb import refacts
from kb.build import build
from kb.fragments import FragmentStore, fragments_folder
from kb.history import act_timeline
from kb.parse_cache import ParseCache
from kb.queries import find_positions, must_know, who_must_know
from parser.corpus import META, read_corpus

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED_360 = "order-2017-10-25-360"
SEED_580 = "order-2025-10-24-580-nk"


def graph_state(kb) -> dict[str, Any]:
    """Everything the order of which an answer could show: nodes in order with their attributes
    (in their order), each node's successors and predecessors in order with the keys and the
    edge attributes, ``g.edges()``, and the KB's other parts in their order."""
    g = kb.graph
    return {
        "nodes": [(n, list(d.items())) for n, d in g.nodes(data=True)],
        "succ": [(n, [(v, [(k, list(e.items())) for k, e in kd.items()]) for v, kd in g.succ[n].items()])
                 for n in g],
        "pred": [(n, [(u, list(kd)) for u, kd in g.pred[n].items()]) for n in g],
        "edges": list(g.edges(keys=True)),
        "docs": list(kb.docs.items()),
        "editions": [(w, repr(e)) for w, e in kb.editions.items()],
        "acts": list(kb.acts.items()),
        "refs": repr(kb.refs),
        "links": kb.links,
        "corpus_hash": kb.corpus_hash,
    }


def assert_same_kb(got, want) -> None:
    a, b = graph_state(got), graph_state(want)
    for part in b:
        assert a[part] == b[part], f"{part} differs"


def answers(kb) -> str:
    """must-know and who-must-know for a few positions and acts, and an act's timeline."""
    out: dict[str, Any] = {"must_know": {}, "who": {}, "timeline": {}}
    for work in sorted(kb.acts):
        for pid in find_positions(kb, act=work)[:2]:
            out["must_know"][pid] = must_know(kb, pid, "2026-06-01")
    for act in ("Трудовой кодекс", "Закон о языках"):
        out["who"][act] = who_must_know(kb, act, "2026-06-01")
    out["timeline"] = act_timeline(kb, "580-НҚ", lang="ru")
    return json.dumps(out, ensure_ascii=False, sort_keys=True, default=str)


def add_clone(corpus: str, seed: str, folder: str, k: int, **meta: Any) -> str:
    """A copy of the seed act ``seed`` in ``corpus/folder`` under a new id (:func:`bench.scale.clone_meta`),
    with ``meta`` overriding its act.json fields (number, date, work); its work id."""
    (act,) = [a for a in read_corpus(corpus) if os.path.basename(a.folder) == seed]
    new = clone_meta(act.meta, 2, k) | meta
    shutil.copytree(act.folder, os.path.join(corpus, folder))
    with open(os.path.join(corpus, folder, META), "w", encoding="utf-8") as fh:
        json.dump(new, fh, ensure_ascii=False, indent=1)
    return new["work"]


@pytest.fixture()
def corpus(tmp_path):
    path = tmp_path / "corpus"
    shutil.copytree(os.path.join(ROOT, "corpus"), path)
    return str(path)


def cached_build(corpus: str, data: str) -> tuple[Any, dict[str, Any]]:
    stats: dict[str, Any] = {}
    kb = build(corpus, cache=ParseCache(os.path.join(data, "parse-cache")), stats=stats)
    return kb, stats


def test_composed_graph_is_the_graph_built_in_one_pass(corpus, tmp_path):
    whole = build(corpus, fragments=False)
    assert_same_kb(build(corpus), whole)  # fragments made in memory
    first, stats = cached_build(corpus, str(tmp_path / "data"))
    assert stats["fragments"]["built"] == 4 and stats["fragments"]["reused"] == 0
    assert_same_kb(first, whole)
    again, stats = cached_build(corpus, str(tmp_path / "data"))  # every fragment from the store
    assert stats["fragments"] == {"built": 0, "reused": 4, "built_works": [], "documents_resolved": 0,
                                  "unreadable": 0}
    assert stats["parse"]["parsed"] == 0 and stats["parse"]["from_fragments"] == 5
    assert_same_kb(again, whole)
    assert set(stats["seconds"]) >= {"parse", "fragments", "compose", "references", "links", "instructions"}


def test_adding_an_act_builds_its_fragment_alone(corpus, tmp_path):
    data = str(tmp_path / "data")
    cached_build(corpus, data)
    work = add_clone(corpus, SEED_580, "order-2025-10-24-580-nk-copy", 1)
    kb, stats = cached_build(corpus, data)
    assert stats["fragments"]["built_works"] == [work]
    assert stats["fragments"]["reused"] == 4
    assert stats["parse"]["parsed"] == 2 and stats["parse"]["from_fragments"] == 5  # its ru and kk texts
    scratch = build(corpus, fragments=False)
    assert_same_kb(kb, scratch)
    assert answers(kb) == answers(scratch)
    assert find_positions(kb, act=work)


def test_changing_the_registry_rebuilds_every_fragment(corpus, tmp_path, monkeypatch):
    data = str(tmp_path / "data")
    cached_build(corpus, data)
    registry = tmp_path / "acts.json"
    acts = json.loads(refacts.ACTS_JSON.read_text(encoding="utf-8"))
    labour = next(a for a in acts if a["id"] == "kz/code/labour")
    labour["aliases_ru"] = [*labour.get("aliases_ru", []), "Кодекс о труде"]
    registry.write_text(json.dumps(acts, ensure_ascii=False, indent=1), encoding="utf-8")
    monkeypatch.setattr(refacts, "ACTS_JSON", registry)
    refacts.load_registry.cache_clear()
    try:
        kb, stats = cached_build(corpus, data)
        assert stats["fragments"]["built"] == 4 and stats["fragments"]["reused"] == 0
        assert stats["parse"]["parsed"] == 0  # the texts' parses do not depend on the registry
        assert_same_kb(kb, build(corpus, fragments=False))
    finally:
        refacts.load_registry.cache_clear()


def test_an_earlier_act_defining_short_names_resolves_the_next_again(corpus, tmp_path):
    """A clone of 360 whose path sorts before 360's: 360's items are now read after its "(далее – …)"
    definitions, so 360's resolutions are made again (its fragment is still reused)."""
    data = str(tmp_path / "data")
    cached_build(corpus, data)
    add_clone(corpus, SEED_360, SEED_360 + "-a", 1)
    kb, stats = cached_build(corpus, data)
    assert stats["fragments"]["built"] == 1 and stats["fragments"]["reused"] == 4
    assert stats["fragments"]["documents_resolved"] == 2  # the clone's text and 360's
    assert_same_kb(kb, build(corpus, fragments=False))
    again, stats = cached_build(corpus, data)
    assert stats["fragments"]["documents_resolved"] == 0
    assert_same_kb(again, kb)


def test_an_act_that_becomes_an_amending_act_of_the_corpus(corpus, tmp_path):
    """An added act with the number and date of an order that amended 360: 360's fragment linked
    its note to an amending act outside the corpus, so it is made again, and the act's node is
    the one 360's note made (the graph in one pass does the same)."""
    data = str(tmp_path / "data")
    first, _ = cached_build(corpus, data)
    notes = [n for n, d in first.graph.nodes(data=True) if d.get("kind") == "amending_act"]
    aid = next(n for n in notes if n.startswith("/akn/kz/act/order/2021-12-23/"))
    number = first.graph.nodes[aid]["number"]
    work = add_clone(corpus, SEED_580, "order-2021-12-23-" + aid.rsplit("/", 1)[1], 1, number=number,
                     date="2021-12-23", work=aid)
    assert work == aid
    kb, stats = cached_build(corpus, data)
    assert sorted(stats["fragments"]["built_works"]) == sorted([aid, "/akn/kz/act/order/2017-10-25/360"])
    whole = build(corpus, fragments=False)
    assert_same_kb(kb, whole)
    assert kb.graph.nodes[aid]["kind"] == "act"


def stored(data: str, suffix: str) -> list[str]:
    """The fragment store's entries of one kind ("": graph parts, ".docs", ".refs"), sorted."""
    store = FragmentStore(fragments_folder(ParseCache(os.path.join(data, "parse-cache"))))
    names = [os.path.join(base, n) for base, _, ns in os.walk(store.folder) for n in ns]
    return sorted(n for n in names if os.path.basename(n).split(".", 1)[1] == f"{suffix}.pickle".lstrip("."))


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", b"\x80\x05\x95"],
                         ids=["empty", "text", "truncated"])
def test_unreadable_fragment_is_made_again(corpus, tmp_path, garbage):
    data = str(tmp_path / "data")
    want, _ = cached_build(corpus, data)
    entries = stored(data, "")
    assert len(entries) == 4 and len(stored(data, ".docs")) == 4
    with open(entries[0], "wb") as fh:
        fh.write(garbage)
    kb, stats = cached_build(corpus, data)
    assert stats["fragments"]["built"] == 1 and stats["fragments"]["unreadable"] == 1
    assert stats["parse"]["parsed"] == 0  # its texts come from the parse cache
    assert_same_kb(kb, want)


def test_documents_are_read_when_asked_for(corpus, tmp_path):
    """A reused act's documents and editions stay on disk until asked for; one that cannot be read
    back then is made again from the parse cache, the same as before."""
    data = str(tmp_path / "data")
    want, _ = cached_build(corpus, data)
    kb, _ = cached_build(corpus, data)
    assert sorted(kb.docs.texts.pending) == sorted(kb.acts)  # nothing read yet (no instruction names an act)
    for entry in stored(data, ".docs"):
        with open(entry, "wb") as fh:
            fh.write(b"")
    assert_same_kb(kb, want)
    assert not kb.docs.texts.pending


def test_fragments_that_cannot_be_composed_give_the_graph_built_in_one_pass(corpus, tmp_path, monkeypatch):
    """Should two acts' parts ever hold the same edge, the build falls back to one pass."""
    import kb.fragments as fragments

    data = str(tmp_path / "data")
    want, _ = cached_build(corpus, data)
    merged, original = [], fragments.merge

    def merge(g, frag):
        if merged:
            raise fragments.NotComposable(frag.work)
        merged.append(frag.work)
        original(g, frag)

    monkeypatch.setattr(fragments, "merge", merge)
    kb, stats = cached_build(corpus, data)
    assert stats["fragments"]["reused"] == 4 and "graph" in stats["seconds"]
    assert_same_kb(kb, want)
