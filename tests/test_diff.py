"""kb.diff: structural and inline diffs of units, acts between two dates, and positions.

Real texts: the rescuers' bonus rules in the editions of 2015-03-16 and 2025-08-14
(tests/data/editions; order No. 318 of 14.08.2025 restated the preamble and the rules: points
2–6 changed, point 1 did not), the seeds 580-НҚ and 360.  Synthetic units cover the rest.
"""

from __future__ import annotations

import doctest
import os

import pytest

import kb.diff as diff_module
from kb.diff import (
    act_key,
    acts_named,
    diff_as_of,
    diff_positions,
    diff_units,
    inline_diff,
    normalise,
    positions_resolver,
    render_html,
)
from kb.timeline import edition_from_front_matter, editions_of_act, order_editions
from parser.corpus import read_corpus
from parser.models import Item, Position, Span, Unit
from parser.pipeline import parse_path

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EDITIONS = os.path.join(
    ROOT, "tests", "data", "editions", "rescuer-class-bonus-rules-89485-ed{date}.{lang}.txt"
)
OFFICIAL = ", либо руководителя территориального органа уполномоченного органа в сфере гражданской защиты"


def test_doctests():
    assert doctest.testmod(diff_module).failed == 0


# --- inline diff -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "segments"),
    [
        ("a b c", "a b c", [("eq", "a b c")]),
        ("a b c", "a x c", [("eq", "a "), ("del", "b"), ("ins", "x"), ("eq", " c")]),
        ("a c", "a b c", [("eq", "a "), ("ins", "b "), ("eq", "c")]),
        (
            "стаж не менее 2 лет",
            "стаж не менее 3 лет",
            [("eq", "стаж не менее "), ("del", "2"), ("ins", "3"), ("eq", " лет")],
        ),
        ("одна две три", "четыре пять шесть", [("del", "одна две три"), ("ins", "четыре пять шесть")]),
        ("", "новый", [("ins", "новый")]),
        ("старый", "", [("del", "старый")]),
    ],
)
def test_inline_diff(old, new, segments):
    assert inline_diff(old, new) == segments
    # each side is rebuilt from its segments
    assert "".join(t for op, t in segments if op != "ins") == old
    assert "".join(t for op, t in segments if op != "del") == new


def test_html_is_escaped():
    segs = inline_diff('a < b & "c"', 'a > b & "c"')
    assert render_html(segs) == 'a <del>&lt;</del><ins>&gt;</ins> b &amp; "c"'


# --- diff_units --------------------------------------------------------------------------------


def u(eid: str, text: str, kind: str = "point", heading: str | None = None) -> Unit:
    return Unit(eid=eid, kind=kind, span=Span("syn.txt", 1, 1), text=text, heading=heading)


def test_diff_units_statuses_and_order():
    a = [u("point_1", "один"), u("point_2", "два"), u("point_3", "три"), u("sec", "", "section", "Глава")]
    b = [
        u("point_1", "один"),
        u("point_3", "три и более"),
        u("point_4", "четыре"),
        u("sec", "", "section", "Раздел"),
    ]
    ops = diff_units(a, b)
    assert [(o.eid, o.status) for o in ops] == [
        ("point_1", "unchanged"),
        ("point_2", "removed"),
        ("point_3", "changed"),
        ("point_4", "added"),
        ("sec", "changed"),
    ]
    changed = ops[2]
    assert changed.segments == (("eq", "три"), ("ins", " и более"))
    assert changed.html == "три<ins> и более</ins>"
    assert ops[4].html == "<del>Глава</del><ins>Раздел</ins>"  # a heading is part of what a unit says
    assert ops[1].old == "два" and ops[1].new is None and ops[3].old is None


def test_diff_units_flag_list_makes_unchanged_flagged():
    a = [u("point_1", "один"), u("point_2", "два")]
    flag = {"kind": "superseded", "since": "2026-07-11"}
    ops = diff_units(a, a, flags_b={"point_2": [flag]})
    assert [o.status for o in ops] == ["unchanged", "flagged"]
    assert ops[1].flags_b == (flag,)


# --- the real act in two editions ----------------------------------------------------------------


@pytest.fixture(scope="module")
def rescuer():
    return order_editions(
        edition_from_front_matter(EDITIONS.format(date=d, lang=lang), lang)
        for d in ("2015-03-16", "2025-08-14")
        for lang in ("ru", "kk")
    )


def test_rescuer_diff_ru(rescuer):
    d = diff_as_of(rescuer, "ru", "2020-01-01", "2025-09-01")
    assert (d.edition_a, d.edition_b) == ("ru@2015-03-16", "ru@2025-08-14")
    assert {o.eid for o in d.by_status("changed")} == {
        "preamble",
        "point_2",
        "point_3",
        "point_4",
        "point_5",
        "point_6",
    }
    assert d.counts()["added"] == d.counts()["removed"] == d.counts()["flagged"] == 0
    assert d.get("point_1").status == "unchanged"
    assert d.get("body__point_4").status == "unchanged"
    assert d.get("preamble").html == (
        "В соответствии с подпунктом <del>70-12</del><ins>59</ins>) пункта 1 статьи 12 "
        "Закона Республики Казахстан <del>от 11 апреля 2014 года </del>«О гражданской защите», "
        "<del>Приказываю</del><ins>ПРИКАЗЫВАЮ</ins>:"
    )
    p2 = d.get("point_2").html
    assert "<del>в размерах установленных постановлением Правительства</del>" in p2
    assert "Правительства</del><ins>согласно Трудовому Кодексу</ins>" in p2
    assert "аттестации <del>(</del><ins>и </ins>переаттестации<del>)</del>" in p2
    assert "<del> от 29 декабря 2007 года № 1400" in p2
    for eid in ("point_3", "point_5", "point_6"):
        assert [s for s in d.get(eid).segments if s[0] != "eq"] == [("ins", OFFICIAL)]
    assert [s for s in d.get("point_4").segments if s[0] != "eq"] == [
        ("ins", ","),
        ("ins", ","),
        ("ins", OFFICIAL),
    ]
    out = d.to_dict()
    assert out["count"] == 6 and {x["status"] for x in out["data"]} == {"changed"}


def test_rescuer_diff_kk(rescuer):
    d = diff_as_of(rescuer, "kk", "2020-01-01", "2025-09-01")
    assert {o.eid for o in d.by_status("changed")} == {
        "preamble",
        "point_2",
        "point_3",
        "point_4",
        "point_5",
        "point_6",
    }
    assert (
        "<ins>не азаматтық қорғау саласындағы уәкілетті органның аумақтық органы басшысының </ins>"
        in d.get("point_3").html
    )
    assert "<del>70-12</del><ins>59</ins>" in d.get("preamble").html


def test_rescuer_same_edition_no_changes(rescuer):
    d = diff_as_of(rescuer, "ru", "2016-01-01", "2024-01-01")
    assert d.counts()["changed"] == 0 and d.counts()["unchanged"] == 16


# --- the seeds -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_acts():
    return {a.work: a for a in read_corpus(os.path.join(ROOT, "corpus"))}


def test_580_diff_across_the_announced_date(corpus_acts):
    eds = editions_of_act(corpus_acts["/akn/kz/act/order/2025-10-24/580-nk"])
    d = diff_as_of(eds, "ru", "2026-06-01", "2026-11-24")
    flagged = d.by_status("flagged")
    assert len(flagged) == 10 and d.counts()["removed"] == 0 and d.counts()["changed"] == 0
    op = d.get("chp_2__para_12__point_38__al_6")
    assert op.status == "flagged" and op.old.startswith("законы Республики Казахстан") and op.new is None
    assert (
        op.flags_a == ()
        and op.flags_b[0]["kind"] == "superseded"
        and op.flags_b[0]["by"]["number"] == "188-НҚ"
    )


def test_360_before_and_after_the_annex_edition(corpus_acts):
    eds = editions_of_act(corpus_acts["/akn/kz/act/order/2017-10-25/360"])
    d = diff_as_of(eds, "ru", "2020-01-01", "2026-05-01")
    # not in the corpus on 2020-01-01 (the annex was restated in 2023): flagged, never "removed" or "added"
    assert d.counts()["removed"] == d.counts()["added"] == 0
    assert d.get("chp_1__para_3__point_7").status == "flagged"
    assert d.get("chp_1__para_3__point_7").flags_a[0]["kind"] == "earlier_text_not_in_corpus"
    assert d.get("body__point_1").status == "unchanged"


@pytest.fixture(scope="module")
def social_workers():
    a = parse_path(os.path.join(ROOT, "corpus/order-2025-10-24-580-nk/ru.txt"))
    b = parse_path(os.path.join(ROOT, "corpus/order-2017-10-25-360/ru.txt"))
    pa = next(p for p in a.positions if p.id == "chp_2__para_4")
    pb = next(p for p in b.positions if p.title.startswith("Социальный работник по оценке"))
    return a, b, pa, pb


def test_positions_social_worker(social_workers):
    a, b, pa, pb = social_workers
    assert pa.title == "Социальный работник"
    r = diff_positions(pa, pb)
    common_duties = {c["a"]["text"] for c in r["duties"]["common"]}
    assert "проводит оценку и определяет потребность в специальных социальных услугах;" in common_duties
    assert len(common_duties) >= 4
    common_know = {c["a"]["text"] for c in r["must_know"]["common"]}
    assert {"Конституцию Республики Казахстан;", "Социальный кодекс;"} <= common_know
    # the higher-level requirement: same category, the years of experience differ
    (req,) = [c for c in r["requirements"]["changed"] if c["a"]["category"] == "higher_level"]
    assert "не менее <del>2</del><ins>3</ins> лет" in req["html"]
    assert "не менее <del>1 года</del><ins>2 лет</ins>" in req["html"]
    assert r["counts"]["duties"]["removed"] + r["counts"]["duties"]["common"] + r["counts"]["duties"][
        "changed"
    ] == len(pa.duties)


def test_positions_with_an_act_resolver(social_workers):
    a, b, pa, pb = social_workers
    plain = diff_positions(pa, pb)
    r = diff_positions(pa, pb, refs=positions_resolver(*a.positions, *b.positions))
    # 'Кодекс "О браке (супружестве) и семье"' (580) = "Кодекс о браке и семье" (360, defined as a short name)
    assert r["counts"]["must_know"]["common"] == plain["counts"]["must_know"]["common"] + 1
    acts = {x["act"] for x in r["must_know_acts"]["common"]}
    assert {
        "кодекс:о браке супружестве и семье",
        "закон:о правах ребенка",
        "закон:о социальной и медико педагогической коррекционной поддержке детей с инвалидностью",
    } <= acts
    only_580 = {x["act"] for x in r["must_know_acts"]["removed"]}
    assert "закон:о государственных секретах" in only_580


def test_trudovoy_kodeks_is_one_act():
    def pos(pid: str, *know: str) -> Position:
        items = [Item(eid=f"{pid}__al_{k}", text=t, line=k) for k, t in enumerate(know, 2)]
        return Position(
            id=pid,
            num="1",
            title="Юрист",
            group=None,
            chapter=None,
            span=Span("x.txt", 1, 1),
            must_know=items,
        )

    pa = pos("a", "Трудовой кодекс Республики Казахстан (далее – Трудовой кодекс);", "основы экономики;")
    pb = pos("b", "Трудовой кодекс;", "Основы  экономики.")
    # by text alone the code is two different items ("основы экономики" meets by normalised text)
    assert diff_positions(pa, pb)["counts"]["must_know"] == {
        "added": 1,
        "removed": 1,
        "changed": 0,
        "common": 1,
    }
    r = diff_positions(pa, pb, refs=act_key)
    assert r["counts"]["must_know"] == {"added": 0, "removed": 0, "changed": 0, "common": 2}
    assert r["must_know_acts"]["common"] == [{"act": "трудов кодекс", "a": ["a__al_2"], "b": ["b__al_2"]}]
    # a mapping works as a resolver too
    r = diff_positions(pa, pb, refs={"Трудовой кодекс;": "TK", pa.must_know[0].text: ["TK"]})
    assert r["must_know_acts"]["common"][0]["act"] == "TK"


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("Конституцию Республики Казахстан;", ["консти"]),
        ("Конституция Республики Казахстан", ["консти"]),
        (
            'Закон Республики Казахстан "О языках в Республике Казахстан" (далее – Закон о языках);',
            ["закон:о языках"],
        ),
        ("Закон о языках;", ["закон:о языках"]),
        ('Закон Республики "Об образовании" (далее – Закон об образовании);', ["закон:об образовании"]),
        ("Социальный Кодекс Республики Казахстан (далее - Социальный кодекс)", ["социал кодекс"]),
        ("основы психопрофилактики;", []),
    ],
)
def test_acts_named(text, keys):
    assert acts_named(text) == keys


def test_normalise():
    assert normalise("  Трудовой  кодекс Республики Казахстан;") == "трудовой кодекс республики казахстан"
    assert normalise("Ёлка — «ёж»") == "елка еж"
