"""The search's shared state (issue 12): facet columns as codes into tables of values, filters as
byte masks computed from them, the date fields' terms per document and an act's postings, the
segments' field lengths in memory.

Every answer is checked against whoosh's own evaluation of the same thing: a filter's documents
against ``searcher.docs_for_query`` of its whoosh query (dates at and around every date term of
the index, languages, kinds, acts by id and number, combinations), facet counts against the
stored fields of all hits, hits and scores against ``searcher.search`` with the whoosh filter.
The same on an index updated act by act (several segments, not in graph order), on one with
deleted documents, and after the index folder is rebuilt under a path already searched.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import shutil
from collections import Counter

import pytest
from whoosh import index as whoosh_index
from whoosh import query as wq

from bench.scale import clone_meta
from index import search as search_mod
from index import segments
from index.build import build_index
from index.querying import filter_query, parse, to_whoosh
from index.schema import FACETS, KINDS, LANGS
from index.search import _langs, _state, as_of_filter, open_index, search

SEEDS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "corpus")
W580 = "/akn/kz/act/order/2025-10-24/580-nk"
W360 = "/akn/kz/act/order/2017-10-25/360"
W125 = "/akn/kz/act/order/2024-04-30/125"

ACTS = [W580, W360, W125, "580-НҚ", "360", "125", "no-such-act"]

# (query, options) asked of every index; answers compared with ==
QUERIES = [
    ("обязанности", {"limit": 50}),
    ("психолог", {"as_of": "2026-06-01", "limit": 40}),
    ("кодекс", {"as_of": "2020-01-01", "limit": 25}),
    ("директор", {"as_of": "2025-12-01", "kind": "duty", "limit": 100}),
    ("социальный работник", {"kind": "card_item", "lang": "ru", "limit": 20}),
    ("міндеттері", {"lang": "kk", "as_of": "2026-01-01", "limit": 20}),
    ("кейс-менеджер", {"act": "580-НҚ", "as_of": "2026-01-01"}),
    ("работник", {"act": W125, "lang": "ru"}),
    ("работник", {"as_of": "1900-01-01"}),  # nothing exists yet
]


def _kb(corpus):
    from kb.build import build

    return build(str(corpus))


def _copy_seeds(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    return corpus


def _clone(corpus, folder, name):
    """A clone of the act in ``folder`` as a new act in the folder ``name``: its work id."""
    src = corpus / folder
    with open(src / "act.json", encoding="utf-8") as fh:
        meta = clone_meta(json.load(fh), 2, 1)
    dst = corpus / name
    dst.mkdir()
    for f in os.listdir(src):
        if f != "act.json":
            shutil.copyfile(src / f, dst / f)
    with open(dst / "act.json", "w", encoding="utf-8") as fh:
        json.dump(meta, fh, ensure_ascii=False, indent=1)
    return meta["work"]


def _terms(path, field):
    ix = whoosh_index.open_dir(str(path))
    with ix.reader() as r:
        return [t.decode("utf-8") for t in r.lexicon(field)]


def _dates(path):
    """Every date term of the index, the days either side, and dates far off."""
    out = {"0001-01-01", "1900-01-01", "9999-12-30", datetime.date.today().isoformat()}
    for field in ("exists_from", "visible_to"):
        for t in _terms(path, field):
            try:
                day = datetime.date.fromisoformat(t)
            except ValueError:
                continue
            for delta in (-1, 0, 1):
                with contextlib.suppress(OverflowError):
                    out.add((day + datetime.timedelta(days=delta)).isoformat())
    return sorted(out)


def _whoosh_filter(lang=None, kind=None, act=None, as_of=None):
    """The whoosh query of the filters, as ``search`` built it before the masks."""
    filters = []
    if lang:
        filters.append(wq.Term("lang", lang))
    if kind:
        filters.append(wq.Term("kind", kind))
    if act:
        filters.append(filter_query("act", act))
    if as_of:
        filters.append(as_of_filter(as_of))
    return None if not filters else filters[0] if len(filters) == 1 else wq.And(filters)


def _check_filters(path, cases):
    """Each case's mask holds exactly the documents whoosh finds for its query."""
    ix = open_index(str(path))
    state = _state(ix)
    with ix.searcher() as s:
        for kw in cases:
            want = set(s.docs_for_query(_whoosh_filter(**kw)))
            got = state.allowed(**kw)
            assert set(got) == want, kw
            assert len(got) == len(want) and bool(got) == bool(want), kw
            assert all((d in got) == (d in want) for d in range(s.doc_count_all())), kw


def _filter_cases(path):
    dates = _dates(path)
    cases = [{"as_of": d} for d in dates]
    cases += [{"lang": lang} for lang in LANGS]
    cases += [{"kind": k} for k in KINDS]
    cases += [{"act": a} for a in ACTS]
    cases += [{"lang": lang, "kind": k, "as_of": d} for lang in LANGS for k in ("duty", "heading")
              for d in dates[::4]]
    cases += [{"act": a, "lang": "kk", "as_of": d} for a in ACTS[:3] for d in dates[::5]]
    return cases


def _by_whoosh(path, query, lang=None, as_of=None, kind=None, act=None, **_):
    """Total, (docnum, score) of every hit in whoosh's order and the facet counts of all hits
    from their stored fields: the search run by whoosh itself, filters as whoosh queries."""
    parsed = parse(query)
    q = to_whoosh(parsed.tree, _langs(parsed, lang)) or wq.NullQuery
    fq = _whoosh_filter(lang, kind, act, as_of)
    ix = whoosh_index.open_dir(str(path))
    with ix.searcher() as s:
        if fq is not None and not set(s.docs_for_query(fq)):
            return 0, [], {name: {} for name in FACETS}
        res = s.search(q, filter=fq, limit=None)
        top = [(d, round(score, 4)) for score, d in res.top_n]
        facets = {}
        for name in FACETS:
            counts: Counter[str] = Counter()
            for d, _ in top:
                value = s.stored_fields(d).get(name) or ""
                counts.update(v for v in (value.split(",") if name == "okr" else [value]) if v)
            facets[name] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        return len(res), top, facets


def _check_answers(path, kb):
    """``search`` agrees with whoosh's own run: totals, facets, and the page's hits and scores
    (equal scores may be reordered by graph order in an index updated act by act)."""
    for query, kw in QUERIES:
        got = search(str(path), query, kb=kb, **kw)
        total, top, facets = _by_whoosh(path, query, **kw)
        assert got["total"] == total, (query, kw)
        assert got["facets"] == facets, (query, kw)
        page = top[:kw.get("limit", 10)]
        assert sorted(h["score"] for h in got["hits"]) == sorted(score for _, score in page), (query, kw)


def _answers(path, kb):
    return [search(str(path), q, kb=kb, **kw) for q, kw in QUERIES]


def _forget():
    search_mod._OPEN.clear()
    search_mod._STATES.clear()


# --- an index written in full -------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    """The seeds' KB and a full index of it."""
    tmp = tmp_path_factory.mktemp("state")
    kb = _kb(_copy_seeds(tmp))
    return kb, build_index(kb, str(tmp / "data"))


def test_filters_are_whooshs(seeds):
    _, path = seeds
    _check_filters(path, _filter_cases(path))


def test_dates_between_two_terms_share_a_mask(seeds):
    _, path = seeds
    state = _state(open_index(path))
    terms = sorted({datetime.date.fromisoformat(t) for f in ("exists_from", "visible_to")
                    for t in _terms(path, f) if t[0] != "0" and t < "9999"})
    a, b = next((a, b) for a, b in zip(terms, terms[1:], strict=False) if (b - a).days >= 3)
    day = datetime.timedelta(days=1)
    gap = [(a + day).isoformat(), (a + 2 * day).isoformat(), (b - day).isoformat()]
    assert len({id(state.allowed(as_of=d).bits) for d in gap}) == 1
    # a term starts a span
    assert state.allowed(as_of=b.isoformat()).bits is not state.allowed(as_of=gap[-1]).bits


def test_columns_are_whooshs(seeds):
    _, path = seeds
    ix = open_index(path)
    state = _state(ix)
    with ix.reader() as r:
        for name in FACETS:
            want = [v for leaf, _ in r.leaf_readers() for v in leaf.column_reader(name)]
            col = state.column(name)
            assert [col[d] for d in range(len(col))] == want, name
            assert len(col.values) == len(set(want))  # one str per distinct value


def test_answers_are_whooshs(seeds):
    kb, path = seeds
    _check_answers(path, kb)


def test_answers_without_the_shared_lengths_are_the_same(seeds, monkeypatch):
    kb, path = seeds
    _forget()
    shared = _answers(path, kb)
    assert _state(open_index(path)).lengths  # the segments' lengths were shared
    _forget()
    monkeypatch.setattr(search_mod._State, "_share_lengths", lambda self, searcher: None)
    assert _answers(path, kb) == shared
    _forget()


def test_filter_masks_are_bounded(seeds, monkeypatch):
    _, path = seeds
    state = _state(open_index(path))
    size = state.searcher().doc_count_all()
    monkeypatch.setattr(search_mod, "FILTER_CACHE_BYTES", 5 * size)
    for d in _dates(path):
        state.allowed(as_of=d, lang="ru")
        assert len(state.masks) <= 5


def test_threads_share_one_state(seeds):
    import threading

    kb, path = seeds
    want = _answers(path, kb)
    state = _state(open_index(path))
    got = []
    threads = [threading.Thread(target=lambda: got.append(_answers(path, kb))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == [want] * 4
    assert _state(open_index(path)) is state


# --- an index updated act by act, one with deletions, a rebuilt one -----------------------------------


def test_an_index_updated_act_by_act_answers_as_one_written_in_full(tmp_path, monkeypatch):
    monkeypatch.setattr(segments, "CHUNK_UNITS", 1000)
    corpus = _copy_seeds(tmp_path)
    path = build_index(_kb(corpus), str(tmp_path / "data"))
    _clone(corpus, "order-2017-10-25-360", "order-2000-01-01-clone")  # first in graph order, last written
    shutil.rmtree(corpus / "order-2024-04-30-125")
    kb = _kb(corpus)
    stats: dict = {}
    build_index(kb, str(tmp_path / "data"), stats)
    assert stats["mode"] == "incremental"
    assert len(whoosh_index.open_dir(path)._segments()) > 1
    full = build_index(kb, str(tmp_path / "full"), full=True)
    _check_filters(path, _filter_cases(path))
    _check_answers(path, kb)
    assert _answers(path, kb) == _answers(full, kb)


def test_deleted_documents_are_in_no_filter(seeds, tmp_path):
    kb, src = seeds
    path = str(tmp_path / "index")
    shutil.copytree(src, path)
    ix = whoosh_index.open_dir(path)
    w = ix.writer()
    w.delete_by_term("act", W125)
    w.commit(merge=False)
    assert whoosh_index.open_dir(path).reader().has_deletions()
    _check_filters(path, _filter_cases(path))
    _check_answers(path, kb)


def test_a_rebuilt_index_is_not_answered_from_the_old_state(tmp_path):
    corpus = _copy_seeds(tmp_path)
    kb = _kb(corpus)
    path = build_index(kb, str(tmp_path / "data"))
    before = _answers(path, kb)
    assert search(path, "работник", act=W125, kb=kb)["total"] > 0
    old = _state(open_index(path))
    shutil.rmtree(corpus / "order-2024-04-30-125")
    kb = _kb(corpus)
    assert build_index(kb, str(tmp_path / "data"), full=True) == path
    after = _answers(path, kb)
    assert after != before
    assert search(path, "работник", act=W125, kb=kb)["total"] == 0
    assert all(W125 not in a["facets"]["act"] for a in after)
    state = _state(open_index(path))
    assert state is not old and old not in search_mod._STATES.values()
    _check_filters(path, _filter_cases(path))
    _forget()
    assert _answers(path, kb) == after  # what a fresh process answers
