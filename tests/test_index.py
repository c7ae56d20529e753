"""The unit index built from the real seeds: one document per unit, its kind, position, ОРК level,
breadcrumb and validity dates, and the atomic swap of a rebuilt index."""

from __future__ import annotations

import json
import os

import pytest
from whoosh import index as whoosh_index

from index import build as index_build
from index.build import build_index, unit_kind_of, unit_records
from index.schema import FACETS, KINDS, META_FILE, NO_END, NO_START, SCHEMA_VERSION, make_schema
from index.search import StaleIndex, index_info, open_index

W580 = "/akn/kz/act/order/2025-10-24/580-nk"
W360 = "/akn/kz/act/order/2017-10-25/360"
W256 = "/akn/kz/act/order/2024-06-14/256-nk"
W125 = "/akn/kz/act/order/2024-04-30/125"


@pytest.fixture(scope="module")
def kb():
    from kb.build import build

    return build("corpus")


@pytest.fixture(scope="module")
def records(kb):
    return {(r["act_number"], r["lang"], r["unit_id"]): r for r in unit_records(kb)}


@pytest.fixture(scope="module")
def built(kb, tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    stats: dict = {}
    path = build_index(kb, str(data), stats)
    return data, path, stats


# --- documents ----------------------------------------------------------------------


def test_one_document_per_unit_with_text(kb, records):
    units = [d for _, d in kb.graph.nodes(data=True) if d.get("kind") == "unit"
             and ((d.get("text") or "").strip() or (d.get("heading") or "").strip())]
    assert len(records) == len(units) > 3000
    assert {r["lang"] for r in records.values()} == {"ru", "kk"}
    assert {r["kind"] for r in records.values()} == set(KINDS)


def test_records_are_deterministic(kb):
    assert list(unit_records(kb)) == list(unit_records(kb))


def test_text_goes_to_the_field_of_its_language(records):
    ru = records[("580-НҚ", "ru", "chp_2__para_1__point_5__al_5")]
    kk = records[("580-НҚ", "kk", "chp_2__para_1__point_5__al_5")]
    assert ru["text_ru"] == ru["surface"] == ru["text"] and "text_kk" not in ru
    assert kk["text_kk"] == kk["text"] and "text_ru" not in kk


# (act number, lang, unit id) -> expected fields; a breadcrumb is compared as a whole
CASES = [
    (("580-НҚ", "ru", "chp_2__para_1__point_4__al_2"),
     {"kind": "duty", "position_id": f"{W580}/~pos:chp_2__para_1", "group": "managers"}),
    (("580-НҚ", "ru", "chp_2__para_1__point_6__al_2"),
     {"kind": "requirement", "position_id": f"{W580}/~pos:chp_2__para_1"}),
    (("580-НҚ", "ru", "chp_2__para_12__point_38__al_6"),
     {"kind": "must_know", "group": "specialists", "valid_to": "2026-07-12", "ended_by": "188-НҚ",
      "visible_to": NO_END,
      "breadcrumb": "№ 580-НҚ › Квалификационные характеристики должностей руководителей › Юрист › "
                    "пункт 38 › абзац 6"}),
    (("580-НҚ", "kk", "chp_2__para_1__point_5__al_9"),
     {"kind": "must_know", "valid_to": "2026-07-12", "ended_by": "188-НҚ",
      "end_from": f"{W580}/rus@copy/~chp_2__para_1__point_5__al_9",
      "breadcrumb": "№ 580-НҚ › Басшылар лауазымдарының біліктілік сипаттамалары › "
                    "Отбасын қолдау орталығының директоры › 5-тармақ › 9-абзац"}),
    (("580-НҚ", "ru", "chp_2__para_6"), {"kind": "heading", "position_id": f"{W580}/~pos:chp_2__para_6"}),
    (("580-НҚ", "ru", "body__point_1"),
     {"kind": "other", "position_id": "", "breadcrumb": "№ 580-НҚ › пункт 1"}),
    (("360", "ru", "chp_1"), {"kind": "heading"}),
    (("256-НҚ", "ru", "chp_2__point_6"), {"kind": "rule", "position_id": ""}),
    (("256-НҚ", "ru", "att_1__row_1"),
     {"kind": "staffing_row", "position_id": f"{W580}/~pos:chp_2__para_1", "group": "managers",
      "breadcrumb": "№ 256-НҚ › Минимальные штатные нормативы работников Центров поддержки семьи › "
                    "строка 1"}),
    (("125", "ru", "chp_3__point_14__al_7"),
     {"kind": "card_item", "okr": "5",
      "breadcrumb": "№ 125 › Карточки профессий › Социальный работник кейс-менеджер › пункт 14 › абзац 7"}),
    (("125", "ru", "chp_3__point_9__al_2"), {"kind": "card_item", "okr": "1,2"}),
    # placed by the card extractor in the next card although it sits under point 14
    (("125", "ru", "chp_3__point_14__al_162"), {"kind": "card_item", "okr": "6"}),
    (("125", "ru", "chp_1__point_1"), {"kind": "other", "okr": ""}),
]


@pytest.mark.parametrize(("key", "expected"), CASES, ids=[f"{k[0]}-{k[1]}-{k[2]}" for k, _ in CASES])
def test_unit_fields(records, key, expected):
    rec = records[key]
    assert {k: rec[k] for k in expected} == expected


def test_validity_dates_are_iso_or_sentinels(records):
    for rec in records.values():
        for name in ("valid_from", "valid_to", "exists_from", "visible_to"):
            v = rec[name]
            assert len(v) == 10 and v[4] == v[7] == "-", (name, v)
        assert rec["exists_from"] <= rec["valid_from"] < rec["valid_to"] or rec["valid_from"] == NO_START
        assert rec["visible_to"] in (rec["valid_to"], NO_END)


@pytest.mark.parametrize(("node", "subject", "in_card", "kind"), [
    ({"unit_kind": "alinea", "eid": "a", "roles": {"p": "must_know"}}, "tkh", False, "must_know"),
    ({"unit_kind": "row", "eid": "att_1__row_1", "staffing": {}}, "rules", False, "staffing_row"),
    ({"unit_kind": "alinea", "eid": "chp_3__point_9__al_2"}, "professional_standard", True, "card_item"),
    ({"unit_kind": "point", "eid": "chp_1__point_1"}, "professional_standard", False, "other"),
    ({"unit_kind": "point", "eid": "body__point_1"}, "rules", False, "other"),
    ({"unit_kind": "section", "eid": "chp_1__para_1", "heading": "Юрист"}, "tkh", False, "heading"),
])
def test_unit_kind_of(node, subject, in_card, kind):
    assert unit_kind_of(node, subject, in_card) == kind


def test_facet_fields_are_sortable_columns():
    schema = make_schema()
    for name in FACETS:
        assert schema[name].column_type is not None, name


# --- building -----------------------------------------------------------------------


def test_build_index_writes_every_document(kb, built, records):
    data, path, stats = built
    assert path == os.path.join(str(data), "index")
    assert whoosh_index.exists_in(path)
    ix = whoosh_index.open_dir(path)
    assert ix.doc_count() == len(records) == stats["documents"]
    assert stats["seconds"] > 0
    assert index_info(path) == {"schema_version": SCHEMA_VERSION, "corpus_hash": kb.corpus_hash,
                                "documents": len(records)}


def test_an_index_of_another_schema_version_is_refused(kb, tmp_path):
    path = build_index(kb, str(tmp_path))
    with open(os.path.join(path, META_FILE), "w", encoding="utf-8") as fh:
        json.dump({"schema_version": 0}, fh)
    with pytest.raises(StaleIndex, match="rebuild"):
        open_index(path)


def test_rebuild_swaps_the_folder_and_leaves_no_temporary(kb, built):
    data, path, _ = built
    inode = os.stat(path).st_ino
    again = build_index(kb, str(data))
    assert again == path and os.stat(again).st_ino != inode
    assert os.listdir(data) == ["index"]
    assert open_index(again).doc_count() > 3000


def test_failed_build_keeps_the_old_index(kb, built, monkeypatch):
    data, path, _ = built
    count = whoosh_index.open_dir(path).doc_count()

    def boom(kb, path, limitmb=256):
        raise RuntimeError("disk full")

    monkeypatch.setattr(index_build, "write_index", boom)
    with pytest.raises(RuntimeError, match="disk full"):
        build_index(kb, str(data))
    assert os.listdir(data) == ["index"]
    assert whoosh_index.open_dir(path).doc_count() == count
