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


# --- act.json checks: a wrong field is an error naming the file and the field -----------------


def _good_act(folder):
    """A minimal valid act folder: one ru text and its act.json (as a dict, not yet written)."""
    (folder / "ru.txt").write_text("# Об утверждении\n\nПРИКАЗЫВАЮ:\n\n1. Утвердить.\n", encoding="utf-8")
    return {"work": "/akn/kz/act/order/2020-01-01/1-nk", "type": "order", "number": "1-НҚ", "date": "2020-01-01",
            "issuer": {"ru": "Министр"}, "registration": {"date": "2020-01-02", "number": "1"},
            "title": {"ru": "Об утверждении"},
            "expressions": [{"lang": "ru", "file": "ru.txt", "format": "markdown", "sha256": sha256(str(folder / "ru.txt")),
                             "edition": {"kind": "edition", "date": "2020-01-01"}}]}


def _set(path, value):
    """A change to the act.json dict at ``path`` ("expressions.0.sha256"); ``...`` deletes the key."""
    def change(meta):
        *head, last = path.split(".")
        obj = meta
        for key in head:
            obj = obj[int(key)] if key.isdigit() else obj[key]
        if value is ...:
            del obj[last]
        else:
            obj[last] = value
    return change


BAD_ACT_JSON = [
    # change, the field the message names
    (_set("expressions.0.sha256", "0" * 64), "expressions[0].sha256"),
    (_set("expressions.0.sha256", "abc"), "expressions[0].sha256"),
    (_set("expressions.0.sha256", ...), "expressions[0]: expected the field 'sha256'"),
    (_set("date", "2020-13-45"), "date"),
    (_set("date", "01.01.2020"), "date"),
    (_set("work", "not/a/work"), "work"),
    (_set("work", "/akn/kz/act/order/2021-01-01/1-nk"), "work"),  # disagrees with the date
    (_set("type", "memo"), "type"),
    (_set("number", ""), "number"),
    (_set("registration", {"date": "2020-02-30", "number": "1"}), "registration.date"),
    (_set("title", "Об утверждении"), "title"),
    (_set("expressions.0.lang", "en"), "expressions[0].lang"),
    (_set("expressions.0.format", "docx"), "expressions[0].format"),
    (_set("expressions.0.file", "kk.txt"), "expressions[0].file"),
    (_set("expressions.0.edition", {"kind": "draft"}), "expressions[0].edition.kind"),
    (_set("expressions.0.edition", {"kind": "edition", "date": "2020-1-1"}), "expressions[0].edition.date"),
]


@pytest.mark.parametrize("change, field", BAD_ACT_JSON, ids=[f for _, f in BAD_ACT_JSON])
def test_act_json_checks_name_file_and_field(tmp_path, change, field):
    meta = _good_act(tmp_path)
    (tmp_path / "act.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    assert read_act(str(tmp_path)).work == meta["work"]  # the good one reads
    change(meta)
    (tmp_path / "act.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        read_act(str(tmp_path))
    assert str(err.value).startswith(f"{tmp_path / 'act.json'}: {field}")
