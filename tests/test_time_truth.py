"""Legal truth in time (issue 10, defects 1–5): what existed when, what was in force, what is
announced.  Every case quotes the real text it rests on; the answers are asserted, not only run.

* 360 line 411 — "Глава 1 дополнена параграфом 4-1 в соответствии с приказом … от 15.08.2024 № 316
  (вводится в действие по истечении десяти календарных дней …)": §4-1 exists from that order.
* 360 line 35 — "… за исключением параграфа 6 главы 2, параграфа 1 главы 3 Типовых
  квалификационных характеристик, которые вводятся в действие с 1 января 2018 года."
* 580-НҚ line 15 — "Настоящий приказ вводится в действие по истечении десяти календарных дней
  после дня его первого официального опубликования." (no publication day in the corpus)
* 580-НҚ line 863 — "Абзац шестой пункта 38 предусматривается в редакции приказа … от 16.04.2026
  № 188-НҚ (вводятся в действие с 12.07.2026)."
"""

from __future__ import annotations

import doctest
import json

import pytest

import kb.commencement as commencement_module
import kb.coverage as coverage_module
import kb.editions as editions_module
import kb.intervals as intervals_module
from api.jobdesc import build_job_description
from api.routes.staffing import minimal_staffing
from api.views import position_view
from kb.build import build, position_id
from kb.commencement import commencement_exceptions
from kb.queries import must_know, who_must_know
from kb.timeline import unit_timeline
from parser.models import Span, Unit

W580 = "/akn/kz/act/order/2025-10-24/580-nk"
W360 = "/akn/kz/act/order/2017-10-25/360"
JURIST = position_id(W580, "chp_2__para_12")
P4_1 = position_id(W360, "chp_1__para_4-1")  # Заместитель директора центра трудовой мобильности


@pytest.fixture(scope="module")
def kb():
    return build("corpus")


def _line(path: str, n: int) -> str:
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()[n - 1].strip()


@pytest.mark.parametrize("module", [intervals_module, commencement_module, editions_module, coverage_module])
def test_doctests(module):
    assert doctest.testmod(module).failed == 0


def test_the_texts_say_so():
    ru360, ru580 = "corpus/order-2017-10-25-360/ru.txt", "corpus/order-2025-10-24-580-nk/ru.txt"
    assert "Глава 1 дополнена параграфом 4-1" in _line(ru360, 411) and "№ 316" in _line(ru360, 411)
    assert "за исключением параграфа 6 главы 2, параграфа 1 главы 3" in _line(ru360, 35)
    assert "по истечении десяти календарных дней после дня его первого официального" in _line(ru580, 15)
    assert _line(ru580, 863).startswith("Абзац шестой пункта 38 предусматривается в редакции приказа")
    assert "№ 188-НҚ (вводятся в действие с 12.07.2026)" in _line(ru580, 863)


# --- 1. a unit added by an amendment does not exist before it ---------------------------------------


def test_added_position_does_not_exist_before_order_316(kb):
    res = must_know(kb, P4_1, "2024-01-01", "ru")
    (flag,) = res["flags"]
    assert flag["kind"] == "not_yet_existing" and flag["certain"] is True
    assert flag["by"]["number"] == "316" and flag["by"]["date"] == "2024-08-15"
    assert flag["since"] == {
        "lower": "2024-08-25",
        "upper": "2026-04-16",
    }  # 15.08.2024 + 10 days; shown in the copy
    assert flag["note"][1] == 411
    assert "does not exist on this date" in flag["message"]
    assert res["acts"] == [] and res["other_knowledge"] == [] and res["count"] == 0
    apart_acts = [a for a in res["not_in_force"] if "id" in a and "unit" not in a]
    assert len(apart_acts) == 8  # the 8 acts of "Должен знать", none counted
    assert {a["reason"]["kind"] for a in res["not_in_force"]} == {"not_yet_existing"}


@pytest.mark.parametrize(
    "date, kinds, certain, counted",
    [
        ("2024-01-01", ("not_yet_existing",), True, 0),  # before order 316
        ("2024-08-24", ("not_yet_existing",), True, 0),  # the day before 15.08.2024 + 10 days
        ("2025-01-01", ("not_yet_existing",), False, 8),  # inside the publication interval: may exist
        # in force (the copy shows it); 360 line 449: "Абзац семнадцать пункта 12-1 предусматривается в
        # редакции приказа … от 24.02.2026 № 73 (вводится в действие с 11.07.2026)" — pending
        ("2026-05-01", ("pending",), None, 8),
    ],
)
def test_added_position_in_time(kb, date, kinds, certain, counted):
    res = must_know(kb, P4_1, date, "ru")
    assert tuple(f["kind"] for f in res["flags"]) == kinds
    if certain is not None:
        assert res["flags"][0]["certain"] is certain
    assert res["count"] == counted


def test_timeline_of_a_unit_inside_the_added_position(kb):
    """No 2023 edition (order 220 restated the annex before §4-1 was added) and no act
    commencement: the unit's first event is its addition by order 316."""
    events = unit_timeline(kb.editions[W360], None, "chp_1__para_4-1__point_12-2__al_3", lang="ru")
    numbers = [(e.kind, e.amending_act.number if e.amending_act else None) for e in events]
    assert ("applied_amendment", "220") not in numbers
    assert numbers == [("applied_amendment", "316"), ("text", "316")]
    assert events[0].change == "added" and events[0].since.lower == "2024-08-25"


def test_a_unit_not_added_keeps_the_220_edition(kb):
    events = unit_timeline(kb.editions[W360], None, "chp_1__para_4__point_12", lang="ru")
    assert [e.amending_act.number for e in events if e.kind == "applied_amendment"] == ["220", "316"]


# --- 2. counts as of a date: only what existed and was in force ---------------------------------------


def test_who_must_know_the_social_code_in_2020(kb):
    res = who_must_know(kb, "Социальный кодекс", "2020-01-01")
    assert res["count"] == 0 and res["positions"] == []
    assert len(res["not_counted"]) == 37
    by_act = {}
    for r in res["not_counted"]:
        by_act.setdefault(r["act_number"], set()).add(r["reason"]["kind"])
    assert by_act["580-НҚ"] == {"not_yet_in_force"}  # the order of 24.10.2025 was not adopted yet
    assert len([r for r in res["not_counted"] if r["act_number"] == "580-НҚ"]) == 10
    assert all(r["reason"]["message"] for r in res["not_counted"])
    # the 360 positions: their 2020 text is not in the corpus, and the Code (in force 01.07.2023) did
    # not exist — the registry's status of the Code gives the reason
    reasons360 = [r["reason"]["kind"] for r in res["not_counted"] if r["act_number"] == "360"]
    assert reasons360.count("not_yet_existing") == 1  # §4-1, added by order 316 in 2024
    assert set(reasons360) - {"not_yet_existing"} <= {
        "act_not_yet_in_force",
        "referenced_act_not_yet_adopted",
    }


@pytest.mark.parametrize(
    "date, counted, reasons",
    [
        (
            "2024-01-01",
            26,
            {"not_yet_in_force": 10, "not_yet_existing": 1},
        ),  # 580 not adopted; §4-1 not added
        ("2026-05-01", 37, {}),
    ],
)
def test_who_must_know_the_social_code_counts(kb, date, counted, reasons):
    res = who_must_know(kb, "Социальный кодекс", date)
    assert res["count"] == len(res["positions"]) == counted
    got: dict[str, int] = {}
    for r in res["not_counted"]:
        got[r["reason"]["kind"]] = got.get(r["reason"]["kind"], 0) + 1
    assert got == reasons


# --- 3. the act's own uncertain commencement ----------------------------------------------------------


def test_580_commencement_uncertain_everywhere(kb):
    date = "2025-11-05"  # after 24.10.2025 + 10 days; the publication day is not in the corpus
    res = must_know(kb, JURIST, date, "ru")
    (flag,) = res["flags"]
    assert flag["kind"] == "commencement_uncertain" and flag["certain"] is False
    assert flag["since"] == {"lower": "2025-11-03", "upper": "2026-04-16"} and flag["source"][1] == 15
    assert res["count"] == 13 and all(
        "commencement_uncertain" in [f["kind"] for f in a["flags"]] for a in res["acts"]
    )
    view = position_view(kb, JURIST, "ru", date)
    assert [f["kind"] for f in view["flags"]] == ["commencement_uncertain"]
    who = who_must_know(kb, "Трудовой кодекс", date)
    rows580 = [p for p in who["positions"] if p["act_number"] == "580-НҚ"]
    assert rows580 and all(any(f["kind"] == "commencement_uncertain" for f in p["flags"]) for p in rows580)
    staffing = minimal_staffing(kb, 75, date)
    staffed = [p for row in staffing["rows"] for p in row["positions"] if p["id"].startswith(W580)]
    assert staffed and all([f["kind"] for f in p["flags"]] == ["commencement_uncertain"] for p in staffed)


@pytest.mark.parametrize(
    "date, kinds",
    [
        ("2025-11-02", ("not_yet_in_force",)),  # before 24.10.2025 + 10 days: certainly not
        ("2025-11-03", ("commencement_uncertain",)),
        ("2026-04-15", ("commencement_uncertain",)),
        ("2026-04-16", ()),  # the copy shows the act in force
    ],
)
def test_580_commencement_interval(kb, date, kinds):
    assert tuple(f["kind"] for f in position_view(kb, JURIST, "ru", date)["flags"]) == kinds


# --- 4. a commencement exception ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "eid, date, kind",
    [
        ("chp_2__para_6", "2017-12-31", "not_yet_in_force"),  # excepted: from 1 January 2018
        ("chp_3__para_1", "2017-12-31", "not_yet_in_force"),
        ("chp_2__para_5", "2017-12-31", "commencement_uncertain"),  # the rule: 10 days after publication
        ("chp_2__para_6", "2018-01-01", "earlier_text_not_in_corpus"),  # in force; its 2018 text is not here
    ],
)
def test_360_commencement_exception(kb, eid, date, kind):
    res = must_know(kb, position_id(W360, eid), date, "ru")
    flag = res["flags"][0]
    assert flag["kind"] == kind
    if kind == "not_yet_in_force":
        assert flag["since"] == "2018-01-01" and flag["certain"] is True
        assert flag["exception"]["words"] == ["параграфа 6 главы 2", "параграфа 1 главы 3"]
        assert res["count"] == 0 and res["not_in_force"]
    else:
        assert all(f["kind"] != "not_yet_in_force" for f in res["flags"])


def _units(*spec: tuple[str, str, str]) -> list[Unit]:
    return [
        Unit(eid=e, kind=k, num=n, parent=None, heading=None, text="", span=Span("f", 1, 1))
        for e, k, n in spec
    ]


@pytest.mark.parametrize(
    "text, eids, when",
    [
        (  # 360 line 35, as written
            "Настоящий приказ вводится в действие по истечении десяти календарных дней после дня его первого "
            "официального опубликования, за исключением параграфа 6 главы 2, параграфа 1 главы 3 Типовых "
            "квалификационных характеристик, которые вводятся в действие с 1 января 2018 года.",
            ("chp_2__para_6", "chp_3__para_1"),
            "2018-01-01",
        ),
        (  # the same shape for points of the ordering part and a subpoint, joined by "и"
            "Настоящий приказ вводится в действие со дня его первого официального опубликования, за "
            "исключением пункта 3 настоящего приказа и подпункта 2) пункта 5 Правил, которые вводятся в "
            "действие с 01.07.2020.",
            ("body__point_3", "point_5__subpoint_2"),
            "2020-07-01",
        ),
    ],
)
def test_commencement_exceptions_read_generally(text, eids, when):
    units = _units(
        ("chp_2", "chapter", "2"),
        ("chp_2__para_6", "section", "6"),
        ("chp_3", "chapter", "3"),
        ("chp_3__para_1", "section", "1"),
        ("body__point_3", "point", "3"),
        ("point_3", "point", "3"),
        ("point_5", "point", "5"),
        ("point_5__subpoint_2", "subpoint", "2"),
    )
    (part,) = commencement_exceptions(text, units)
    assert part.eids == eids and part.when.exact == when and part.unresolved == ()


# --- 5. an announced edition: pending until it takes effect --------------------------------------------


def test_pending_before_the_announced_edition(kb):
    res = must_know(kb, JURIST, "2026-06-01", "ru")
    (flag,) = res["flags"]  # once per amending act, at the position's level
    assert flag["kind"] == "pending" and flag["since"] == "2026-07-12" and flag["announced"] == "2026-04-16"
    assert flag["by"]["number"] == "188-НҚ" and flag["unit"] == "chp_2__para_12__point_38__al_6"
    assert flag["text_in_corpus"] is True and flag["new_text_in_corpus"] is False
    laws = [
        a
        for a in res["acts"]
        if "ru:chp_2__para_12__point_38__al_6" in a["sources"]
        or "chp_2__para_12__point_38__al_6" in a["sources"]
    ]
    assert len(laws) == 9 and all([f["kind"] for f in a["flags"]].count("pending") == 1 for a in laws)
    jd = json.dumps(build_job_description(kb, JURIST, "ru", "2026-06-01"), ensure_ascii=False)
    assert '"kind": "pending"' in jd and "188-НҚ" in jd


@pytest.mark.parametrize(
    "date, kinds",
    [
        ("2026-04-15", ()),  # before order 188-НҚ of 16.04.2026: nothing announced yet (and the act in force)
        ("2026-04-16", ("pending",)),
        ("2026-07-11", ("pending",)),
        ("2026-07-12", ("superseded",)),
    ],
)
def test_pending_window(kb, date, kinds):
    res = must_know(kb, JURIST, date, "ru")
    got = tuple(f["kind"] for f in res["flags"] if f["kind"] in ("pending", "superseded"))
    assert got == kinds


# --- must show: three dates, three different flags -------------------------------------------------------


@pytest.mark.parametrize(
    "date, kind, extra",
    [
        (
            "2025-11-05",
            "commencement_uncertain",
            {"certain": False, "since": {"lower": "2025-11-03", "upper": "2026-04-16"}},
        ),
        ("2026-06-01", "pending", {"since": "2026-07-12", "new_text_in_corpus": False}),
        ("2026-11-24", "superseded", {"since": "2026-07-12", "text_in_corpus": False, "certain": True}),
    ],
)
def test_jurist_must_know_three_dates(kb, date, kind, extra):
    res = must_know(kb, JURIST, date, "ru")
    (flag,) = res["flags"]
    assert flag["kind"] == kind and flag["message"]
    assert {k: flag[k] for k in extra} == extra
    if kind != "commencement_uncertain":
        assert flag["by"] == {
            "number": "188-НҚ",
            "date": "2026-04-16",
            "issuer": flag["by"]["issuer"],
            "text": flag["by"]["text"],
        }
    assert res["count"] == 13
