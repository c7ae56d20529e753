"""The parse cache (:mod:`kb.parse_cache`): a build after ``zangraph add`` of one act parses only
that act's text, leaves the other cached parses untouched, and answers as a build from scratch."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil

import pytest

from api.cli import main
from api.context import kb_path
from kb.build import build
from kb.parse_cache import ParseCache, parse_key
from kb.queries import find_positions, must_know, who_must_know
from kb.store import build_and_save, parse_cache_folder
from parser.corpus import read_corpus

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEV = os.path.join(ROOT, "tests", "data", "corpus_dev")
STEM = "tkh-mvd-2020-623.ed2022-04-19"


def entry_hashes(folder: str) -> dict[str, str]:
    """Entry file (relative to the cache folder) → sha256 of its bytes."""
    out = {}
    for base, _, names in os.walk(folder):
        for n in names:
            if n.endswith(".pickle"):
                path = os.path.join(base, n)
                with open(path, "rb") as fh:
                    out[os.path.relpath(path, folder)] = hashlib.sha256(fh.read()).hexdigest()
    return out


def graph_json(kb) -> str:
    """The whole graph, nodes and edges with their attributes, as sorted JSON."""
    g = kb.graph
    nodes = sorted([n, g.nodes[n]] for n in g.nodes)
    edges = sorted([u, v, k, d] for u, v, k, d in g.edges(keys=True, data=True))
    return json.dumps({"nodes": nodes, "edges": edges}, ensure_ascii=False, sort_keys=True, default=str)


def answers(kb) -> str:
    """must-know for a few positions of each ТКХ, who-must-know for a few acts, parity of 580."""
    from kb.parity import parity

    out: dict = {"must_know": {}, "who": {}}
    for work in sorted(kb.acts):
        for pid in find_positions(kb, act=work)[:3]:
            for as_of in ("2022-04-19", "2026-11-24"):
                out["must_know"][f"{pid}@{as_of}"] = must_know(kb, pid, as_of)
    for act in ("Трудовой кодекс", "Закон о языках"):
        out["who"][act] = who_must_know(kb, act, "2026-06-01")
    out["parity"] = parity(kb, "580-НҚ")
    return json.dumps(out, ensure_ascii=False, sort_keys=True, default=str)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Build the seed corpus, add the ТКХ 623 (ru, with its meta.yaml) and build again."""
    tmp = tmp_path_factory.mktemp("incremental")
    corpus, data, src = tmp / "corpus", tmp / "data", tmp / "src"
    shutil.copytree(os.path.join(ROOT, "corpus"), corpus)
    src.mkdir()
    for name in ("ru.txt", "meta.yaml"):  # meta.yaml gives the number and date
        shutil.copy(os.path.join(DEV, f"{STEM}.{name}"), src)
    path = kb_path(str(data))
    first: dict = {}
    build_and_save(str(corpus), path, stats=first)
    before = entry_hashes(parse_cache_folder(path))
    assert main(["add", str(src / f"{STEM}.ru.txt"), "--corpus", str(corpus), "--json"]) == 0
    second: dict = {}
    kb, _ = build_and_save(str(corpus), path, stats=second)
    after = entry_hashes(parse_cache_folder(path))
    return {"corpus": str(corpus), "path": path, "first": first["parse"], "second": second["parse"],
            "before": before, "after": after, "kb": kb}


@pytest.fixture(scope="module")
def scratch(runs):
    """The same corpus built from scratch, without any cache."""
    stats: dict = {}
    kb = build(runs["corpus"], stats=stats)
    assert stats["parse"]["parsed"] == sum(len(a.expressions) for a in read_corpus(runs["corpus"]))
    return kb


def test_first_build_parses_every_text(runs):
    assert runs["first"]["parsed"] == 5 and runs["first"]["cached"] == 0
    assert len(runs["before"]) == 5


def test_adding_one_act_parses_exactly_its_text(runs):
    second = runs["second"]
    assert second["parsed"] == 1 and second["cached"] == 5 and second["unreadable"] == 0
    assert second["from_fragments"] == 5  # the other acts' texts came with their stored fragments
    (parsed,) = second["parsed_paths"]
    assert os.path.basename(os.path.dirname(parsed)).endswith("623") and parsed.endswith(".txt")


def test_other_cached_parses_unchanged(runs):
    before, after = runs["before"], runs["after"]
    assert {k: after[k] for k in before} == before  # every old entry still there, byte for byte
    assert len(set(after) - set(before)) == 1  # and one new entry: the added text


def test_incremental_build_equals_build_from_scratch(runs, scratch):
    kb = runs["kb"]
    assert kb.corpus_hash == scratch.corpus_hash
    assert sorted(kb.docs) == sorted(scratch.docs)
    assert all(kb.docs[e] == scratch.docs[e] for e in kb.docs)
    assert graph_json(kb) == graph_json(scratch)
    assert answers(kb) == answers(scratch)
    assert find_positions(kb, act="/akn/kz/act/order/2020-09-11/623")  # the added ТКХ is among the answers


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", b"\x80\x05\x95", "wrong object"],
                         ids=["empty", "text", "truncated", "another-object"])
def test_unreadable_entry_is_parsed_again(runs, scratch, garbage):
    """(The graph built in one pass: the act's stored fragment would otherwise spare the parse,
    see tests/test_graph_fragments.py.)"""
    cache = ParseCache(parse_cache_folder(runs["path"]))
    act = next(a for a in read_corpus(runs["corpus"]) if a.work.endswith("/360"))
    key = parse_key(act, act.expressions[0])
    entry = cache.path(key)
    good = runs["after"][os.path.relpath(entry, cache.folder)]
    with open(entry, "wb") as fh:
        fh.write(pickle.dumps((1, key, {"not": "a Document"})) if isinstance(garbage, str) else garbage)
    stats: dict = {}
    kb = build(runs["corpus"], cache=cache, stats=stats, fragments=False)
    assert stats["parse"]["parsed"] == 1 and stats["parse"]["unreadable"] == 1
    assert stats["parse"]["parsed_paths"] == [act.expressions[0].path]
    with open(entry, "rb") as fh:  # rewritten with the same parse
        assert hashlib.sha256(fh.read()).hexdigest() == good
    assert graph_json(kb) == graph_json(scratch)


def test_key_follows_what_the_parse_reads(runs, tmp_path):
    """The key changes with the text, the sidecar meta.yaml and the act's subject."""
    corpus = tmp_path / "corpus"
    shutil.copytree(runs["corpus"], corpus)
    act = next(a for a in read_corpus(str(corpus)) if a.work.endswith("/623"))
    expr = act.expressions[0]
    key = parse_key(act, expr)
    assert parse_key(act, expr) == key
    side = os.path.join(os.path.dirname(expr.path), "meta.yaml")
    with open(side, "w", encoding="utf-8") as fh:
        fh.write("number: '623'\n")
    assert parse_key(act, expr) != key
    os.unlink(side)
    other = type(act)(work=act.work, folder=act.folder, meta={**act.meta, "subject": "rules"},
                      expressions=act.expressions)
    assert parse_key(other, expr) != key
    changed = type(expr)(**{**expr.__dict__, "sha256": "0" * 64})
    assert parse_key(act, changed) != key
