"""The knowledge graph on the real seeds: must-know as of dates, who-must-know, parity,
cross-document links, deterministic build and store."""

from __future__ import annotations

import pytest

from kb import ids
from kb.build import build, position_id
from kb.queries import Ambiguous, NotFound, find_positions, must_know, parity, resolve_position, who_must_know
from kb.store import load, save

W580 = "/akn/kz/act/order/2025-10-24/580-nk"
W360 = "/akn/kz/act/order/2017-10-25/360"
YURIST = position_id(W580, "chp_2__para_12")
LAWS = "chp_2__para_12__point_38__al_6"


@pytest.fixture(scope="module")
def kb():
    return build("corpus")


def test_nodes_and_edges(kb):
    g = kb.graph
    kinds = {}
    for _, d in g.nodes(data=True):
        kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
    assert kinds["act"] == 4 and kinds["expression"] == 5
    assert kinds["position"] == 12 + 27 and kinds["card"] == 10
    assert kinds["amendment"] == 11 + 25 + 7
    edge_types = {k for _, _, k in g.edges(keys=True)}
    assert {"contains", "defines_position", "has_duty", "must_know_item", "requires", "amends", "enacted_by",
            "aligned_with", "cites", "corresponds_to", "staffed_by"} <= edge_types
    unit = g.nodes[ids.unit_id(f"{W580}/rus@copy", LAWS)]
    assert unit["source"] == {"file": "corpus/order-2025-10-24-580-nk/ru.txt", "start": 863 + 3, "end": 866} or \
        unit["source"]["start"] > 860


def test_must_know_yurist_before_and_after_the_announced_edition(kb):
    before = must_know(kb, YURIST, "2026-06-01", "ru")
    after = must_know(kb, YURIST, "2026-11-24", "ru")
    assert before["position"]["title_ru"] == "Юрист"
    ids_before = {a["id"] for a in before["acts"]}
    assert {"kz/constitution", "kz/code/labour", "kz/code/social"} <= ids_before
    # on 01.06.2026 the laws абзац carries only the announced edition (pending from 16.04.2026)
    assert all([f["kind"] for f in a["flags"]] == (["pending"] if LAWS in a["sources"] else []) for a in before["acts"])
    flagged = [a for a in after["acts"] if a["flags"]]
    assert flagged and all(LAWS in a["sources"] for a in flagged)
    f = flagged[0]["flags"][0]
    assert f["kind"] == "superseded" and f["by"]["number"] == "188-НҚ" and f["since"] == "2026-07-12"
    assert f["text_in_corpus"] is False
    unflagged = {a["id"] for a in after["acts"] if not a["flags"]}
    assert "kz/code/labour" in unflagged  # only the laws абзац is announced in a new edition


def test_who_must_know_labour_code_spans_two_orders(kb):
    res = who_must_know(kb, "Трудовой кодекс", "2026-06-01")
    assert res["act"]["id"] == "kz/code/labour"
    works = {p["act"] for p in res["positions"]}
    assert works == {W580, W360}


def test_law_on_languages_resolves(kb):
    res = who_must_know(kb, "Закон о языках")
    assert res["act"]["id"] == "kz/law/o-yazykakh"
    assert "О языках в Республике Казахстан" in res["act"]["name_ru"]
    assert res["positions"]


def test_positions_by_title_and_act(kb):
    assert resolve_position(kb, "Юрист", "580-НҚ") == YURIST
    assert resolve_position(kb, "chp_2__para_12", "580-нк") == YURIST
    with pytest.raises(Ambiguous):
        resolve_position(kb, "Специалист по социальной работе")  # in 580-НҚ and in 360
    with pytest.raises(NotFound):
        resolve_position(kb, "Космонавт")
    assert len(find_positions(kb, act="360")) == 27


def test_parity_580(kb):
    rep = parity(kb, "580-НҚ")
    assert rep["units"]["common"] >= 390
    # by content, not by id: kk 378 (the Health Code) and 382 ("Еңбек кодексін;") have no ru counterpart
    assert {x["unit"] for x in rep["only_kk"]} == {"chp_2__para_5__point_17__al_3", "chp_2__para_5__point_17__al_5"}
    mism = {(m["position"], m["part"]) for m in rep["count_mismatches"]}
    assert ("chp_2__para_5", "must_know") in mism
    assert all("ru_line" in m for m in rep["count_mismatches"])
    realigned = {r["ru"]: r["kk"] for r in rep["realigned"]}
    assert realigned["chp_2__para_12__point_38__al_6"] == "chp_2__para_12__point_38__al_5"


def test_cross_links(kb):
    by = {(lk["from"], lk["type"]): lk for lk in kb.links}
    card13 = "/akn/kz/act/order/2024-04-30/125/~card:chp_3__point_13"
    lk = by[(card13, "corresponds_to")]
    # the card names order 360 and "Параграф 1. Социальный работник", no chapter: 360 has a Параграф 1
    # in each of its three chapters; the title prefix picks chapter 2 (not an explicit citation)
    assert lk["to"] == position_id(W360, "chp_2__para_1")
    assert lk["method"] == "order and Параграф number cited, chapter by title prefix" and lk["confidence"] < 1.0
    staffed = {(lk["from"], lk["to"].rsplit("~", 1)[1]) for lk in kb.links if lk["type"] == "staffed_by"}
    assert (position_id(W580, "chp_2__para_6"), "att_1__row_9") in staffed  # психолог
    assert (YURIST, "att_1__row_10") in staffed


def test_alignment_edges(kb):
    ru = ids.unit_id(f"{W580}/rus@copy", "chp_2__para_12")
    kk = ids.unit_id(f"{W580}/kaz@copy", "chp_2__para_12")
    assert kb.graph.has_edge(ru, kk, key="aligned_with")


def test_store_is_deterministic_and_loads(tmp_path):
    a, b = tmp_path / "a.pickle", tmp_path / "b.pickle"
    save(build("corpus"), str(a))
    save(build("corpus"), str(b))
    assert a.read_bytes() == b.read_bytes()
    kb = load(str(a))
    assert kb.graph.number_of_nodes() > 3000


def test_load_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="zangraph build"):
        load(str(tmp_path / "none.pickle"))
