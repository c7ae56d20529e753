"""Morphological search in Russian and Kazakh, as of a date — on the real seeds."""

from __future__ import annotations

import json
import re

import pytest

from index.cli import run_build, run_search
from index.querying import All, Any, Filter, Not, Phrase, Word, parse
from index.search import edit_distance, highlight, search

W580 = "/akn/kz/act/order/2025-10-24/580-nk"
W360 = "/akn/kz/act/order/2017-10-25/360"
TAG = re.compile(r"</?b>")


@pytest.fixture(scope="module")
def kb():
    from kb.build import build

    return build("corpus")


@pytest.fixture(scope="module")
def ix(kb, tmp_path_factory):
    return run_build(kb, str(tmp_path_factory.mktemp("data")))["path"]


def plain(snippet: str) -> str:
    return TAG.sub("", snippet).replace("…", "")


def nodes(ix, query, **kw):
    return {h["node"] for h in search(ix, query, limit=1000, **kw)["hits"]}


def text_of(kb, hit):
    d = kb.graph.nodes[hit["node"]]
    return d.get("text") or d.get("heading")


# --- words in all their forms -----------------------------------------------------------


def test_ru_inflected_words_find_the_nominative(ix, kb):
    res = search(ix, "трудового кодекса", lang="ru", limit=50, kb=kb)
    assert res["total"] >= 19
    texts = [text_of(kb, h) for h in res["hits"]]
    assert sum("Трудовой кодекс" in t for t in texts) >= 19
    positional = [h for h in res["hits"] if h["position_id"] and "Трудовой кодекс" in text_of(kb, h)]
    assert {h["act"] for h in positional} == {W360, W580}
    assert all(h["kind"] == "must_know" for h in positional)
    assert "<b>Трудовой</b> <b>кодекс</b>" in res["hits"][0]["snippet"]


def test_ru_plural_instrumental_finds_other_forms(ix, kb):
    res = search(ix, "семьи с детьми", limit=100, kb=kb)
    assert res["total"] >= 5
    for h in res["hits"]:
        t = text_of(kb, h).lower()
        assert re.search(r"\bсем(ья|ьи|ье|ью|ей|ьям|ьями|ьях)\b", t), t
        assert re.search(r"\b(дет(и|ей|ям|ьми|ях)|ребен(ок|ка|ку|ком|ке))\b", t), t
    assert any("детей" in text_of(kb, h) for h in res["hits"])  # not the query's own form


def test_kk_nominative_finds_the_accusative(ix, kb):
    res = search(ix, "Еңбек кодексі", lang="kk", limit=50, kb=kb)
    assert res["total"] >= 1
    assert all(h["lang"] == "kk" for h in res["hits"])
    assert any("Еңбек кодексін" in text_of(kb, h) for h in res["hits"])
    assert any("<b>Еңбек</b> <b>кодексін</b>" in h["snippet"] for h in res["hits"])


def test_kk_dative_plural_finds_the_accusative(ix, kb):
    res = search(ix, "отбасыларға", limit=100, kb=kb)
    assert res["total"] >= 10
    assert {h["lang"] for h in res["hits"]} == {"kk"}
    assert any(re.search(r"\bОтбасын\b", text_of(kb, h), re.I) for h in res["hits"])


def test_stop_words_are_dropped_when_other_words_remain():
    assert parse("семьи с детьми").tree == All((Word("семьи", 0, 5), Word("детьми", 8, 14)))
    assert parse("и").tree == Word("и", 0, 1)


# --- phrases, operators, filters ----------------------------------------------------------


def test_phrase_is_exact_and_ordered(ix, kb):
    words = nodes(ix, "трудовой кодекс")
    phrase = search(ix, '"Трудовой кодекс"', limit=1000, kb=kb)
    assert 0 < phrase["total"] < len(words)
    assert {h["node"] for h in phrase["hits"]} <= words
    assert all("трудовой кодекс" in text_of(kb, h).lower() for h in phrase["hits"])
    assert all("<b>Трудовой кодекс</b>" in h["snippet"] for h in phrase["hits"])
    assert nodes(ix, "кодекс трудовой") == words
    assert search(ix, '"кодекс трудовой"')["total"] == 0


def test_phrase_in_guillemets():
    assert parse("«семьи с детьми»").tree == Phrase("семьи с детьми", 0, 16)


def test_or_is_the_union_and_not_the_difference(ix):
    a, b = nodes(ix, "психолог"), nodes(ix, "юрист")
    assert a and b
    assert nodes(ix, "психолог OR юрист") == a | b
    soc = nodes(ix, "социальный")
    assert nodes(ix, "психолог NOT социальный") == a - soc
    assert nodes(ix, "психолог -социальный") == a - soc
    assert nodes(ix, "психолог социальный") == a & soc
    assert search(ix, "NOT психолог")["total"] == search(ix, "kind:duty OR NOT kind:duty")["total"] - len(a)


def test_not_excludes_the_first_document_too(ix):
    # whoosh's AndNotMatcher alone returned the first "психолог" document although it is social
    hits = search(ix, "психолог NOT социальный", limit=100)["hits"]
    assert all("социальн" not in plain(h["snippet"]).lower() or h["lang"] == "kk" for h in hits)


def test_grouping(ix):
    assert nodes(ix, "(психолог OR юрист) NOT lang:kk") == nodes(ix, "психолог OR юрист", lang="ru")


def test_field_filters(ix):
    res = search(ix, "act:360 kind:duty", limit=5)
    assert res["total"] > 100
    assert res["facets"]["act"] == {W360: res["total"]} and res["facets"]["kind"] == {"duty": res["total"]}
    assert nodes(ix, "психолог lang:kk") == nodes(ix, "психолог", lang="kk")
    by_number = nodes(ix, "психолог act:580-НҚ")
    assert by_number == nodes(ix, "психолог", act="580-nk") == nodes(ix, "психолог", act=W580)
    assert search(ix, "директор kind:staffing_row")["total"] >= 1
    assert all(h["kind"] == "staffing_row" for h in search(ix, "директор", kind="staffing_row")["hits"])
    card = search(ix, "okr:5 кейс-менеджер", limit=50)
    assert card["total"] >= 1 and all(h["okr"] == "5" and h["kind"] == "card_item" for h in card["hits"])


def test_facets_add_up_to_the_total(ix):
    res = search(ix, "социальный", limit=3)
    assert res["total"] > 100 and len(res["hits"]) == 3
    for name in ("act", "lang", "kind"):
        assert sum(res["facets"][name].values()) == res["total"], name
    assert sum(res["facets"]["group"].values()) <= res["total"]


def test_pages(ix):
    everything = [h["node"] for h in search(ix, "социальный", limit=40)["hits"]]
    page = search(ix, "социальный", limit=10, offset=20)
    assert [h["node"] for h in page["hits"]] == everything[20:30]
    assert page["offset"] == 20 and page["total"] > 40


# --- as of a date ---------------------------------------------------------------------------

LAWS = "законы Республики Казахстан act:580-НҚ"


def test_superseded_alineas_come_back_flagged(ix, kb):
    res = search(ix, LAWS, as_of="2026-11-24", kb=kb, limit=50)
    flagged = [h for h in res["hits"] if any(f["kind"] == "superseded" for f in h["flags"])]
    assert len(flagged) >= 10
    f = next(f for f in flagged[0]["flags"] if f["kind"] == "superseded")
    assert f["by"]["number"] == "188-НҚ" and f["since"] == "2026-07-12" and f["text_in_corpus"] is False


def test_kk_units_share_the_announcement_printed_in_ru(ix, kb):
    res = search(ix, "act:580-НҚ lang:kk kind:must_know", as_of="2026-11-24", kb=kb, limit=1000)
    flagged = {h["unit_id"]: h for h in res["hits"] if h["flags"]}
    ru = search(ix, LAWS + " lang:ru", as_of="2026-11-24", kb=kb, limit=1000)["hits"]
    # the kk counterpart of each flagged ru абзац (aligned by content where the numbering differs)
    kk_of_ru = {h["aligned"]["unit_id"] for h in ru if h.get("aligned")}
    assert len(kk_of_ru) == len(ru) and kk_of_ru <= set(flagged)
    assert "chp_2__para_12__point_38__al_5" in flagged and "chp_2__para_12__point_38__al_6" not in flagged
    flag = next(f for f in flagged["chp_2__para_1__point_5__al_9"]["flags"] if f["kind"] == "superseded")
    assert flag["by"]["number"] == "188-НҚ"
    # from the KB's own flags, or borrowed from the ru unit where the KB gives none
    assert flag.get("announced_in", {"lang": "ru"})["lang"] == "ru"
    without_kb = search(ix, "act:580-НҚ lang:kk kind:must_know", as_of="2026-11-24", limit=1000)["hits"]
    assert {h["unit_id"] for h in without_kb if h["flags"]} == set(flagged)


def test_no_superseded_flag_before_the_new_edition(ix, kb):
    res = search(ix, LAWS, as_of="2026-06-01", kb=kb, limit=50)
    assert res["total"] == search(ix, LAWS, as_of="2026-11-24", kb=kb)["total"] >= 10
    assert not [f for h in res["hits"] for f in h["flags"] if f["kind"] == "superseded"]


def test_flags_without_the_kb_come_from_the_index(ix):
    res = search(ix, LAWS, as_of="2026-11-24", limit=50)
    flags = [f for h in res["hits"] for f in h["flags"] if f["kind"] == "superseded"]
    assert len(flags) >= 10 and flags[0]["by"] == {"number": "188-НҚ"}
    assert all(h["flags"] == [] for h in search(ix, LAWS, limit=50)["hits"])  # no date, no flags


def test_acts_not_yet_in_force_are_left_out(ix):
    assert search(ix, "психолог", as_of="2025-01-01")["facets"]["act"].get(W580) is None
    assert search(ix, "психолог", as_of="2026-01-01")["facets"]["act"].get(W580, 0) > 0
    assert search(ix, "психолог", as_of="2010-01-01")["total"] == 0


# --- hits ------------------------------------------------------------------------------------


def test_a_ru_hit_carries_its_kk_unit(ix, kb):
    res = search(ix, '"Трудовой кодекс" act:580-НҚ', kb=kb, limit=20)
    hit = next(h for h in res["hits"] if h["unit_id"] == "chp_2__para_1__point_5__al_5")
    assert hit["aligned"]["lang"] == "kk" and hit["aligned"]["unit_id"] == hit["unit_id"]
    assert "Еңбек кодексін" in hit["aligned"]["text"]
    without_kb = next(h for h in search(ix, '"Трудовой кодекс" act:580-НҚ', limit=20)["hits"]
                      if h["unit_id"] == hit["unit_id"])
    assert without_kb["aligned"]["text"] == hit["aligned"]["text"]
    assert search(ix, '"Трудовой кодекс" act:360', kb=kb)["hits"][0]["aligned"] is None


def test_hit_fields(ix, kb):
    hit = search(ix, "юрист", act="580-НҚ", kind="heading", lang="ru", kb=kb)["hits"][0]
    assert hit["unit_id"] == "chp_2__para_12" and hit["node"] == f"{W580}/rus@copy/~chp_2__para_12"
    assert hit["position_id"] == f"{W580}/~pos:chp_2__para_12" and hit["group"] == "specialists"
    assert hit["breadcrumb"].startswith("№ 580-НҚ › ") and hit["breadcrumb"].endswith("Юрист")
    assert hit["snippet"] == "<b>Юрист</b>" and hit["score"] > 0


def test_long_text_snippet_is_cut_around_the_match(ix, kb):
    hits = search(ix, "инвалидностью", limit=200, kb=kb)["hits"]
    long_hits = [h for h in hits if len(text_of(kb, h)) > 400]
    assert long_hits
    for h in long_hits:
        assert "<b>" in h["snippet"] and len(plain(h["snippet"])) <= 260
        assert plain(h["snippet"]).strip() in text_of(kb, h)


def test_highlight_escapes_html():
    marks = {"keys": {"ru": {"кодекс"}}, "phrases": []}
    assert highlight("a < b & кодексом", "ru", marks) == "a &lt; b &amp; <b>кодексом</b>"


# --- did you mean ----------------------------------------------------------------------------


@pytest.mark.parametrize(("query", "suggestion"), [
    ("психолг", "психолог"),
    ("психолг act:580-НҚ", "психолог act:580-НҚ"),
    ("трудовой кодкес", "трудовой кодекс"),
    ("отбасылрға", "отбасыларға"),
])
def test_did_you_mean(ix, query, suggestion):
    res = search(ix, query)
    assert res["did_you_mean"] == suggestion
    assert search(ix, suggestion)["total"] > 0


def test_no_suggestion_for_known_words(ix):
    assert search(ix, "психолог")["did_you_mean"] is None
    assert search(ix, "кщзщзщзщ")["did_you_mean"] is None


def test_edit_distance():
    assert edit_distance("психолг", "психолог") == 1
    assert edit_distance("кодкес", "кодекс") == 1
    assert edit_distance("", "abc") == 3


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(("query", "message"), [
    ("", "empty"),
    ("   \t ", "empty"),
    ("?!., — ;", "no words"),
    ("OR NOT", "no words"),
    ("психолог" * 130, "too long"),
    ("психолог\x00", "control"),
    ("психолог\x1b[31m", "control"),
    ("kind:boss", "unknown kind"),
    ("lang:en психолог", "unknown language"),
])
def test_bad_queries_raise_value_error(ix, query, message):
    with pytest.raises(ValueError, match=message):
        search(ix, query)


@pytest.mark.parametrize("kwargs", [{"as_of": "24.11.2026"}, {"as_of": "2026-02-30"}, {"lang": "en"},
                                    {"kind": "boss"}, {"limit": -1}, {"offset": -5}, {"limit": 10_000}])
def test_bad_arguments_raise_value_error(ix, kwargs):
    with pytest.raises(ValueError):
        search(ix, "психолог", **kwargs)


def test_lenient_structure():
    assert parse("психолог OR").tree == Word("психолог", 0, 8)
    assert parse("(психолог юрист").tree == All((Word("психолог", 1, 9), Word("юрист", 10, 15)))
    tree = parse('NOT kind:heading "a').tree
    assert tree == All((Not(Filter("kind", "heading", 4, 16)), Phrase("a", 17, 19)))
    assert isinstance(parse("a OR b c").tree, Any)


# --- CLI hooks -------------------------------------------------------------------------------


def test_run_search_text_and_json(ix, kb):
    text = run_search(ix, kb, "законы Республики Казахстан", None, "2026-11-24", None, "580-НҚ", 3, False)
    assert "hits for" in text and "**законы**" in text and "superseded" in text
    data = json.loads(run_search(ix, kb, "психолг", None, None, None, None, 3, True))
    assert set(data) >= {"query", "total", "hits", "facets"} and data["did_you_mean"] == "психолог"
    data = json.loads(run_search(ix, kb, "психолог", "kk", None, None, None, 2, True))
    assert data["total"] >= 1 and set(data["hits"][0]) == {"unit_id", "act", "lang", "position_id", "kind",
                                                           "snippet", "score", "flags"}
