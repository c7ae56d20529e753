"""Flags precomputed per span at build (index.asof) answer exactly as the timeline walk did.

The reference is the walk a search made before: :func:`kb.versions.flags_for` for the unit, the
aligned unit's ``superseded`` (``end_from``) and :func:`kb.status.unit_act_flags`, compared with
``==`` (dict order and tuples included) for every hit of the bench queries on six dates, and for
every unit on the days its spans change, the day before each, and dates in between.
"""

from __future__ import annotations

import datetime
import random

import pytest

from bench.queries import load_queries
from index.asof import flag_spans, flags_on
from index.build import build_index, unit_records
from index.schema import NO_END, NO_START
from index.search import search
from kb.status import unit_act_flags
from kb.versions import flags_for

DATES = ("2017-12-31", "2020-01-01", "2024-01-01", "2025-11-05", "2026-06-01", "2026-11-24")


@pytest.fixture(scope="module")
def kb():
    from kb.build import build

    return build("corpus")


@pytest.fixture(scope="module")
def records(kb):
    return list(unit_records(kb))


@pytest.fixture(scope="module")
def ix(kb, tmp_path_factory):
    return build_index(kb, str(tmp_path_factory.mktemp("data")))


def walk(kb, rec, as_of):
    """The flags a search computed per hit before the spans (index.search._flags with a KB)."""
    flags = flags_for(kb, rec["expression"], rec["unit_id"], as_of)
    other = rec.get("end_from")
    if other and other in kb.graph and not any(fl["kind"] == "superseded" for fl in flags):
        d = kb.graph.nodes[other]
        flags += [{**fl, "announced_in": {"node": other, "lang": d.get("lang")}}
                  for fl in flags_for(kb, d["expression"], d["eid"], as_of) if fl["kind"] == "superseded"]
    return flags + unit_act_flags(kb, rec["node"], as_of)


def _day_before(iso):
    return (datetime.date.fromisoformat(iso) - datetime.timedelta(days=1)).isoformat()


QUERIES = [(q.text, q.lang) for q in load_queries()][:40] + [("кодекс", None), ("психолог", None)]


@pytest.mark.parametrize("as_of", DATES)
def test_every_hit_has_the_walks_flags(kb, ix, records, as_of):
    by_node = {r["node"]: r for r in records}
    hits = flagged = 0
    for text, lang in QUERIES:
        for h in search(ix, text, lang=lang, as_of=as_of, kb=kb, limit=1000)["hits"]:
            assert h["flags"] == walk(kb, by_node[h["node"]], as_of), (text, as_of, h["node"])
            hits += 1
            flagged += bool(h["flags"])
    assert hits > 100
    if as_of != "2024-01-01":
        assert flagged  # the comparison covers flagged hits, not only empty lists


def test_spans_cover_every_date_and_change_at_each_boundary(records):
    for r in records:
        spans = r["flag_spans"]
        assert spans[0][0] == NO_START and spans[-1][1] == NO_END
        assert all(a[1] == b[0] and a[2] != b[2] for a, b in zip(spans, spans[1:], strict=False))


def test_every_unit_on_its_boundaries_the_day_before_and_in_between(kb, records):
    rng = random.Random(12)
    between = sorted({f"{rng.randint(2016, 2029)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                      for _ in range(12)})
    checked = 0
    for r in records:
        days = {d for s in r["flag_spans"][1:] for d in (s[0], _day_before(s[0]))}
        for d in sorted(days | set(DATES) | set(between)):
            assert flags_on(r["flag_spans"], d) == walk(kb, r, d), (r["node"], d)
            checked += 1
    assert checked > 10 * len(records)


def test_messages_quote_the_date_asked(kb, records):
    """The two messages that quote the date (not_in_edition, act_not_yet_in_force) are templates
    in the spans: each date asked reads its own date."""
    quoting_kinds = ("not_in_edition", "act_not_yet_in_force")
    quoting = [(r, d) for r in records for d in ("2016-03-02", "2019-07-15")
               if any(f["kind"] in quoting_kinds for f in flags_on(r["flag_spans"], d))]
    assert quoting
    for r, d in quoting[:50]:
        got = flags_on(r["flag_spans"], d)
        assert got == walk(kb, r, d)
        assert any(d in f["message"] for f in got if f["kind"] in quoting_kinds)


def test_flag_spans_is_a_function_of_the_kb(kb, records):
    r = records[len(records) // 2]
    assert flag_spans(kb, r) == r["flag_spans"]
