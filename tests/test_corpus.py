"""The corpus: texts kept byte for byte (sha256 beside each), metadata complete and consistent."""

from __future__ import annotations

import json
import os

import pytest

from kb.ids import parse as parse_uri
from parser.corpus import CorpusError, read_act, read_corpus, sha256

ACTS = read_corpus("corpus")


@pytest.mark.parametrize("expr", [e for a in ACTS for e in a.expressions], ids=lambda e: e.path)
def test_text_is_byte_identical_to_its_recorded_sha256(expr):
    assert expr.sha256 and sha256(expr.path) == expr.sha256


@pytest.mark.parametrize("act", ACTS, ids=lambda a: a.folder)
def test_metadata(act):
    m = act.meta
    uri = parse_uri(m["work"])  # a valid FRBR work id
    assert uri.date == m["date"] and uri.subtype == m["type"]
    assert set(m["title"]) == {e.lang for e in act.expressions}  # a title in each language present
    assert m["subject"] in {"tkh", "rules", "professional_standard"}
    for e in act.expressions:
        assert e.format in {"adilet", "adilet_cards", "markdown", "pdf"}
        assert e.edition["kind"] in {"copy", "edition"}
        if e.edition["kind"] == "copy":
            assert e.edition["copied_after"] == "2026-04-16" and e.edition["copied_before"] == "2026-07-11"


def test_000_and_001_are_one_act_in_two_languages():
    act = next(a for a in ACTS if a.work == "/akn/kz/act/order/2025-10-24/580-nk")
    assert {os.path.basename(e.path): e.lang for e in act.expressions} == {"ru.txt": "ru", "kk.txt": "kk"}
    with open(os.path.join(act.folder, "act.json"), encoding="utf-8") as fh:
        sources = [e["source"] for e in json.load(fh)["expressions"]]
    assert sources == ["000_7543c7292fe73441.txt", "001_b24c76f1513b7046.txt"]


def test_registration_where_given():
    regs = {a.meta["number"]: a.meta["registration"] for a in ACTS}
    assert regs == {"360": {"date": "2017-12-06", "number": "16057"}, "256-НҚ": {"date": "2024-06-14", "number": "34499"},
                    "580-НҚ": None, "125": None}


def test_bad_metadata_is_a_clear_error(tmp_path):
    (tmp_path / "act.json").write_text('{"work": "/akn/kz/act/order/2020-01-01/1",\n "type": ', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"act.json:2: expected JSON"):
        read_act(str(tmp_path))
    (tmp_path / "act.json").write_text('{"work": "x"}', encoding="utf-8")
    with pytest.raises(CorpusError, match="expected the fields type, number, date, title, expressions"):
        read_act(str(tmp_path))
