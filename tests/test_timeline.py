"""kb.timeline: unit timelines and point-in-time views.

Real texts: the seeds 580-НҚ (ru, kk) and 360 (ru), copies made in the window
[2026-04-16, 2026-07-11); the rescuers' bonus rules in two dated editions (2015-03-16 and
2025-08-14, ru and kk; tests/data/editions).  Synthetic acts built here cover the edges the
real texts lack.
"""

from __future__ import annotations

import doctest
import os

import pytest

import kb.timeline as timeline_module
from kb.timeline import (
    EditionText,
    Interval,
    as_of,
    commencement,
    covered_eids,
    edition_from_front_matter,
    editions_of_act,
    order_editions,
    unit_timeline,
)
from parser.corpus import read_corpus
from parser.models import ActRef, Amendment, Document, Effective, Header, Span, Target, Unit

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EDITIONS = os.path.join(
    ROOT, "tests", "data", "editions", "rescuer-class-bonus-rules-89485-ed{date}.{lang}.txt"
)
W580 = "/akn/kz/act/order/2025-10-24/580-nk"
W360 = "/akn/kz/act/order/2017-10-25/360"
JURIST_LAWS = (
    "chp_2__para_12__point_38__al_6"  # 580-НҚ, Юрист, "Должен знать": "законы Республики Казахстан …"
)
POINT7 = "chp_1__para_3__point_7"  # 360, Директор карьерного центра, "Должностные обязанности" (Параграф 3)


def test_doctests():
    assert doctest.testmod(timeline_module).failed == 0


# --- the real seeds ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_acts():
    return {a.work: a for a in read_corpus(os.path.join(ROOT, "corpus"))}


@pytest.fixture(scope="module")
def ed580(corpus_acts):
    return editions_of_act(corpus_acts[W580])


@pytest.fixture(scope="module")
def ed360(corpus_acts):
    return editions_of_act(corpus_acts[W360])


def test_copy_interval_580(ed580):
    ru = next(e for e in ed580 if e.lang == "ru")
    assert ru.kind == "copy" and ru.window == ("2026-04-16", "2026-07-11")
    assert ru.date_from == "2026-04-16"
    assert ru.date_to == "2026-07-12"  # the earliest announced edition (order 188-НҚ)
    assert (
        ru.known_from_lower == "2025-11-03"
    )  # 24.10.2025 + 10 days after publication; no applied note changes ru
    assert ru.label == "ru@copy[2026-04-16,2026-07-11)"


def test_copy_interval_360(ed360):
    (ru,) = ed360
    assert (ru.date_from, ru.date_to) == ("2026-04-16", "2026-07-11")  # announced: order 73, from 11.07.2026
    assert ru.known_from_lower == "2025-10-16"  # the latest applied note: order 309 of 06.10.2025 + 10 days


def test_580_jurist_laws_in_force_in_june(ed580):
    v = as_of(ed580, "ru", "2026-06-01")
    u = v[JURIST_LAWS]  # in force, but order 188-НҚ of 16.04.2026 announces a new edition from 12.07.2026
    assert u.flag_kinds == ("pending",) and u.all_flags[0]["since"] == "2026-07-12"
    assert u.flags == ()  # a notice: the text shown is in force (a diff sees no flag)
    assert u.text.startswith('законы Республики Казахстан "О профилактике бытового насилия"')
    assert {k for x in v.flagged() for k in x.flag_kinds} == {"pending"}
    assert v.flags == ()


def test_580_jurist_laws_superseded_in_november(ed580):
    v = as_of(ed580, "ru", "2026-11-24")
    u = v[JURIST_LAWS]
    (flag,) = u.flags
    assert flag["kind"] == "superseded" and flag["certain"] is True
    assert flag["by"]["number"] == "188-НҚ" and flag["by"]["date"] == "2026-04-16"
    assert flag["since"] == "2026-07-12"
    assert flag["text_in_corpus"] is False
    assert u.text is None and u.corpus_text.startswith("законы Республики Казахстан")
    # the ten alineas the ten ИЗПИ notes name, nothing else
    assert len(v.flagged("superseded")) == 10
    assert {f["kind"] for f in v.flags} == {"after_copy_window"}


def test_580_kk_gets_the_ru_notes(ed580):
    """The kk copy carries no notes; the ru copy of the same moment does.  The ru note names
    абзац 6 of пункт 38; the kk text has one item fewer there, so the same laws list is kk абзац 5
    (kb.align) — the kk абзац 6 (the branches of law) is not the one announced."""
    kk_laws = "chp_2__para_12__point_38__al_5"
    assert as_of(ed580, "kk", "2026-06-01")[kk_laws].flag_kinds == ("pending",)
    u = as_of(ed580, "kk", "2026-11-24")[kk_laws]
    assert [f["kind"] for f in u.flags] == ["superseded"] and u.text is None
    assert u.flags[0]["note"][0].endswith("ru.txt")
    assert as_of(ed580, "kk", "2026-11-24")[JURIST_LAWS].flags == ()


def test_580_kk_only_note(ed580):
    """ "В заголовок параграфа 12 внесено изменение на казахском языке": the ru heading is the
    original one; the kk heading may date from order 188-НҚ (after publication, ≥ 26.04.2026)."""
    assert as_of(ed580, "ru", "2026-05-01")["chp_2__para_12"].flags == ()
    (flag,) = as_of(ed580, "kk", "2026-05-01")["chp_2__para_12"].flags
    assert flag["kind"] == "earlier_text_not_in_corpus" and flag["certain"] is False
    assert flag["since"] == {"lower": "2026-04-26", "upper": "2026-07-11"}


def test_580_before_commencement(ed580):
    v = as_of(ed580, "ru", "2025-10-30")
    assert all(u.flag_kinds == ("not_yet_in_force",) and u.text is None for u in v)
    v = as_of(ed580, "ru", "2025-12-01")  # after 24.10.2025 + 10 days, publication day unknown
    assert {k for u in v for k in u.flag_kinds} == {"commencement_uncertain"}
    assert [f["kind"] for f in v.flags] == ["commencement_uncertain"]


def test_580_timeline(ed580):
    events = unit_timeline(ed580, None, JURIST_LAWS, lang="ru")
    assert [e.kind for e in events] == ["commencement", "text", "announced_edition"]
    c, text, ann = events
    assert c.since == Interval("2025-11-03", "2026-04-16") and c.date is None
    assert text.text_in_corpus and text.until == "2026-07-12" and text.source[1] > 861
    assert ann.date == "2026-07-12" and ann.amending_act.number == "188-НҚ"
    assert ann.text_in_corpus is False and ann.source == ("corpus/order-2025-10-24-580-nk/ru.txt", 861)
    assert ann.change == "restated" and ann.target == JURIST_LAWS
    with pytest.raises(ValueError, match="several languages"):
        unit_timeline(ed580, None, JURIST_LAWS)


def test_360_point7_and_its_alineas(ed360):
    v = as_of(ed360, "ru", "2026-07-11")
    point7 = [u for u in v if u.eid == POINT7 or u.eid.startswith(POINT7 + "__")]
    assert len(point7) == 24  # the point and its 23 alineas
    for u in point7:
        (flag,) = u.flags
        assert (
            flag["kind"] == "superseded"
            and flag["by"]["number"] == "73"
            and flag["by"]["date"] == "2026-02-24"
        )
        assert flag["since"] == "2026-07-11" and flag["target"] == POINT7 and u.text is None
    assert v["chp_1__para_3__point_8"].flags == ()
    # "Абзац семнадцать пункта 12-1": that alinea only
    assert v["chp_1__para_4-1__point_12-1__al_17"].flag_kinds == ("superseded",)
    assert v["chp_1__para_4-1__point_12-1__al_16"].flags == ()
    assert v["chp_1__para_4-1__point_12-1"].flags == ()
    # the day before: nothing superseded yet
    assert as_of(ed360, "ru", "2026-07-10").flagged("superseded") == []


def test_360_before_the_annex_edition(ed360):
    """The annex was restated by order 220, in force from 01.07.2023: its earlier text is not here."""
    v = as_of(ed360, "ru", "2020-01-01")
    # the act itself: in force from 16.12.2017 at the earliest, certainly by 01.07.2023 (order 220)
    assert v["chp_1__para_1__point_1"].flag_kinds == ("commencement_uncertain", "earlier_text_not_in_corpus")
    assert v["chp_1__para_1__point_1"].all_flags[1]["by"]["number"] == "220"
    assert v["chp_1__para_1__point_1"].text is None
    assert v["body__point_1"].flag_kinds == ("commencement_uncertain",)  # the ordering part is as adopted
    assert v["preamble"].all_flags[1]["kind"] == "earlier_text_not_in_corpus"  # restated by order 488 (2021)
    v = as_of(ed360, "ru", "2017-12-10")
    assert {k for u in v for k in u.flag_kinds} == {"not_yet_in_force"}  # 06.12.2017 (registration) + 10 days


def test_360_after_publication_point9(ed360):
    """Пункт 9 in the edition of order 316 (15.08.2024), in force 10 days after an undated publication."""
    events = unit_timeline(ed360, None, "chp_1__para_3__point_9")
    applied = [e for e in events if e.kind == "applied_amendment"]
    assert [(e.amending_act.number, e.since, e.text_in_corpus) for e in applied] == [
        ("220", Interval("2023-07-01", "2023-07-01"), False),  # the whole annex; that text of point 9 is gone
        ("316", Interval("2024-08-25", None), True),  # never a made-up day
    ]
    assert applied[1].date is None
    (text,) = [e for e in events if e.kind == "text"]
    assert text.since == Interval("2024-08-25", "2026-04-16")  # closed by the copy window
    assert as_of(ed360, "ru", "2024-08-20")["chp_1__para_3__point_9"].flags[0]["certain"] is True
    (flag,) = as_of(ed360, "ru", "2025-01-01")["chp_1__para_3__point_9"].flags
    assert flag["kind"] == "earlier_text_not_in_corpus" and flag["certain"] is False
    assert as_of(ed360, "ru", "2026-05-01")["chp_1__para_3__point_9"].flags == ()


# --- the real act in two dated editions --------------------------------------------------------


@pytest.fixture(scope="module")
def rescuer():
    return order_editions(
        edition_from_front_matter(EDITIONS.format(date=d, lang=lang), lang)
        for d in ("2015-03-16", "2025-08-14")
        for lang in ("ru", "kk")
    )


def test_rescuer_editions(rescuer):
    ru = [e for e in rescuer if e.lang == "ru"]
    assert [(e.date_from, e.date_to) for e in ru] == [("2015-03-16", "2025-08-14"), ("2025-08-14", None)]
    assert {e.act for e in rescuer} == {"/akn/kz/act/order/2015-03-16/226"}
    assert {(e.act_date, e.registration_date) for e in rescuer} == {("2015-03-16", "2015-04-24")}
    c = commencement(ru)
    assert c.when.lower == "2015-05-15"  # registered 24.04.2015, in force 21 days after publication


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_rescuer_2015_text_from_2015_on(rescuer, lang):
    assert {k for u in as_of(rescuer, lang, "2015-04-01") for k in u.flag_kinds} == {"not_yet_in_force"}
    for date in ("2016-01-01", "2020-01-01", "2025-08-13"):
        v = as_of(rescuer, lang, date)
        assert v.edition == f"{lang}@2015-03-16"
        # in force 21 days after an unknown publication day; certainly by the next edition's date
        assert {k for u in v for k in u.flag_kinds} == {"commencement_uncertain"}
        assert {u.eid: u.text for u in v} == {
            u.eid: u.text for u in rescuer[0 if lang == "kk" else 2].doc.units
        }


def test_rescuer_2025_text(rescuer):
    v = as_of(rescuer, "ru", "2025-09-01")
    assert v.edition == "ru@2025-08-14"
    assert v["point_2"].text.endswith(
        "выплачивается надбавка, согласно Трудовому Кодексу Республики Казахстан."
    )
    # order 318: in force 10 days after an undated publication: at most an "uncertain" flag, no stale text
    for u in v:
        assert set(u.flag_kinds) <= {"change_date_uncertain"}
        for f in u.flags:
            assert f["certain"] is False and f["previous"]["edition"] == "ru@2015-03-16"
    assert v["point_1"].flags == ()  # the same words in both editions


def test_rescuer_timeline(rescuer):
    events = unit_timeline(rescuer, None, "point_2", lang="ru")
    texts = [e for e in events if e.kind == "text"]
    assert [e.edition for e in texts] == ["ru@2015-03-16", "ru@2025-08-14"]
    assert texts[0].since.lower == "2015-05-15" and texts[0].until == "2025-08-14"
    assert "постановлением Правительства" in texts[0].text and "Трудовому Кодексу" in texts[1].text
    assert texts[1].since.lower >= "2025-08-14" and texts[1].until is None
    assert texts[0].source[0].endswith("ed2015-03-16.ru.txt")


# --- synthetic acts ----------------------------------------------------------------------------

ACT = ActRef(text="приказа Министра от 01.03.2026 № 9", issuer="Министра", date="2026-03-01", number="9")


def unit(
    eid: str,
    kind: str,
    text: str,
    parent: str | None = None,
    line: int = 1,
    num: str | None = None,
    heading: str | None = None,
    file: str = "syn.txt",
) -> Unit:
    return Unit(
        eid=eid, kind=kind, span=Span(file, line, line), num=num, heading=heading, text=text, parent=parent
    )


def note(
    target_eid: str,
    scope: str,
    effective: Effective,
    *,
    prospective: bool = False,
    kind: str = "restated",
    line: int = 1,
    file: str = "syn.txt",
    act: ActRef = ACT,
    added_unit: str | None = None,
) -> Amendment:
    return Amendment(
        id=f"note_{line}",
        source="izpi" if prospective else "footnote",
        kind=kind,
        prospective=prospective,
        applied_in_copy=not prospective,
        text=f"note on {target_eid}",
        span=Span(file, line, line),
        target=Target(text=target_eid, scope=scope),
        target_eid=target_eid,
        amending_act=act,
        effective=effective,
        added_unit=added_unit,
    )


def exact(date: str) -> Effective:
    return Effective(kind="exact", text=f"с {date}", date=date)


def after_publication(lower: str, days: int = 10) -> Effective:
    return Effective(kind="after_publication", text="по истечении … опубликования", lower=lower, days=days)


BODY_RULE = "Настоящий приказ вводится в действие с 01.01.2020."


def doc(
    units: list[Unit], amendments: list[Amendment] = (), file: str = "syn.txt", lang: str = "ru"
) -> Document:
    body = unit("body__point_4", "point", BODY_RULE, file=file, num="4")
    return Document(
        path=file,
        lang=lang,
        format="adilet",
        header=Header(date="2019-12-01"),
        units=[body, *units],
        amendments=list(amendments),
    )


def copy_edition(d: Document, lang: str = "ru") -> EditionText:
    return EditionText(
        act="/akn/kz/act/order/2019-12-01/1",
        lang=lang,
        date_from="2026-04-16",
        date_to="2026-07-11",
        known_from_lower=None,
        source_path=d.path,
        doc=d,
        kind="copy",
        window=("2026-04-16", "2026-07-11"),
        act_date="2019-12-01",
    )


def dated_edition(d: Document, date: str) -> EditionText:
    return EditionText(
        act="/akn/kz/act/order/2019-12-01/1",
        lang="ru",
        date_from=date,
        date_to=None,
        known_from_lower=None,
        source_path=d.path,
        doc=d,
        act_date="2019-12-01",
    )


def annex_units(file: str = "syn.txt", p2_text: str = "Текст пункта 2:") -> list[Unit]:
    return [
        unit("annex", "annex", "", file=file),
        unit("chp_1", "chapter", "", "annex", heading="Глава 1", file=file, num="1"),
        unit("chp_1__para_1", "section", "", "chp_1", heading="Бухгалтер", file=file, num="1"),
        unit("chp_1__para_1__point_1", "point", "Пункт первый.", "chp_1__para_1", file=file, num="1"),
        unit("chp_1__para_1__point_2", "point", p2_text, "chp_1__para_1", file=file, num="2"),
        unit(
            "chp_1__para_1__point_2__al_2",
            "alinea",
            "абзац второй;",
            "chp_1__para_1__point_2",
            file=file,
            num="2",
        ),
        unit(
            "chp_1__para_1__point_2__al_3",
            "alinea",
            "абзац третий.",
            "chp_1__para_1__point_2",
            file=file,
            num="3",
        ),
    ]


def test_commencement_and_a_date_before_the_copy_window():
    eds = [copy_edition(doc(annex_units()))]
    assert commencement(eds).when == Interval("2020-01-01", "2020-01-01")
    v = as_of(eds, "ru", "2019-12-31")
    assert {u.flag_kinds for u in v} == {("not_yet_in_force",)} and all(u.text is None for u in v)
    # before the copy window, no note dates a unit later than the commencement: the text is known
    v = as_of(eds, "ru", "2023-05-05")
    assert v.flagged() == [] and v["chp_1__para_1__point_2"].text == "Текст пункта 2:"
    assert as_of(eds, "ru", "2026-08-01").flags[0]["kind"] == "after_copy_window"


def test_after_publication_interval_applied():
    d = doc(annex_units(), [note("chp_1__para_1__point_2", "point", after_publication("2026-03-11"), line=7)])
    eds = [copy_edition(d)]
    events = unit_timeline(eds, None, "chp_1__para_1__point_2__al_3")
    (applied,) = [e for e in events if e.kind == "applied_amendment"]
    assert applied.since == Interval("2026-03-11", None) and applied.date is None
    assert applied.since.as_json() == {"lower": "2026-03-11", "upper": None}
    assert (
        applied.text_in_corpus is True
        and applied.source == ("syn.txt", 7)
        and applied.target == "chp_1__para_1__point_2"
    )
    # before the lower bound: the earlier text is not in the corpus, certainly
    (flag,) = as_of(eds, "ru", "2026-03-01")["chp_1__para_1__point_2__al_3"].flags
    assert (flag["kind"], flag["certain"], flag["by"]["number"]) == ("earlier_text_not_in_corpus", True, "9")
    assert as_of(eds, "ru", "2026-03-01")["chp_1__para_1__point_2__al_3"].text is None
    # inside the interval (publication day unknown): maybe; the text is shown with the flag
    u = as_of(eds, "ru", "2026-04-01")["chp_1__para_1__point_2__al_3"]
    assert u.text == "абзац третий." and u.flags[0]["certain"] is False
    assert u.flags[0]["since"] == {"lower": "2026-03-11", "upper": "2026-04-16"}
    # in the copy window: known
    assert as_of(eds, "ru", "2026-04-20")["chp_1__para_1__point_2__al_3"].flags == ()
    # the note covers its point's alineas, not its siblings
    assert as_of(eds, "ru", "2026-03-01")["chp_1__para_1__point_1"].flags == ()


def test_exact_amendment_inside_the_window():
    d = doc(annex_units(), [note("chp_1__para_1__point_1", "point", exact("2026-05-01"))])
    eds = [copy_edition(d)]
    (flag,) = as_of(eds, "ru", "2026-04-20")["chp_1__para_1__point_1"].flags
    assert flag == {
        "kind": "earlier_text_not_in_corpus",
        "since": "2026-05-01",
        "certain": True,
        "by": {"number": "9", "date": "2026-03-01", "issuer": "Министра", "text": ACT.text},
    }


def test_announced_alinea_and_heading_scopes():
    d = doc(
        annex_units(),
        [
            note("chp_1__para_1__point_2__al_3", "alinea", exact("2026-09-01"), prospective=True, line=20),
            note("chp_1__para_1", "section_heading", exact("2026-10-01"), prospective=True, line=21),
        ],
    )
    eds = [copy_edition(d)]
    v = as_of(eds, "ru", "2026-09-15")
    assert v["chp_1__para_1__point_2__al_3"].flag_kinds == ("superseded",)
    assert v["chp_1__para_1__point_2__al_2"].flags == () and v["chp_1__para_1__point_2"].flags == ()
    assert v["chp_1__para_1"].flag_kinds == ("pending",)  # the heading's edition is announced, not yet in force
    v = as_of(eds, "ru", "2026-10-01")
    assert v["chp_1__para_1"].flag_kinds == ("superseded",) and v["chp_1__para_1"].heading is None
    assert v["chp_1__para_1__point_1"].flags == ()  # a heading note does not reach the points


def test_announced_after_publication_is_uncertain():
    d = doc(
        annex_units(),
        [note("chp_1__para_1__point_2", "point", after_publication("2026-08-01"), prospective=True)],
    )
    eds = [copy_edition(d)]
    assert {k for u in as_of(eds, "ru", "2026-07-20") for k in u.flag_kinds} == {"pending"}
    u = as_of(eds, "ru", "2026-09-01")["chp_1__para_1__point_2__al_2"]
    (flag,) = u.flags
    assert (
        flag["kind"] == "superseded"
        and flag["certain"] is False
        and flag["since"] == {"lower": "2026-08-01", "upper": None}
    )
    assert u.text == "абзац второй;"  # may still be in force: shown, flagged
    (ann,) = [e for e in unit_timeline(eds, None, "chp_1__para_1__point_2") if e.kind == "announced_edition"]
    assert ann.since == Interval("2026-08-01", None) and ann.text_in_corpus is False


def test_unit_added_in_a_later_edition():
    e1 = dated_edition(doc(annex_units("e1.txt"), file="e1.txt"), "2020-01-01")
    units2 = annex_units("e2.txt", p2_text="Новый текст пункта 2:") + [
        unit(
            "chp_1__para_1__point_3", "point", "Пункт третий, новый.", "chp_1__para_1", file="e2.txt", num="3"
        )
    ]
    e2 = dated_edition(doc(units2, file="e2.txt"), "2022-07-01")
    eds = order_editions([e2, e1])
    assert eds[0].date_to == "2022-07-01"
    assert as_of(eds, "ru", "2021-01-01").get("chp_1__para_1__point_3") is None
    assert as_of(eds, "ru", "2021-01-01")["chp_1__para_1__point_2"].text == "Текст пункта 2:"
    v = as_of(eds, "ru", "2023-01-01")
    assert v["chp_1__para_1__point_3"].text == "Пункт третий, новый." and v.flagged() == []
    events = unit_timeline(eds, None, "chp_1__para_1__point_3")
    assert [(e.kind, e.since) for e in events if e.kind == "text"] == [
        ("text", Interval("2022-07-01", "2022-07-01"))
    ]
    assert events[0].kind == "commencement" and events[0].text_in_corpus is False
    # the unchanged point keeps its start from the first edition
    texts = [e for e in unit_timeline(eds, None, "chp_1__para_1__point_1") if e.kind == "text"]
    assert [e.since for e in texts] == [Interval("2020-01-01", "2020-01-01")] * 2


def test_dated_edition_with_a_later_effective_date_falls_back():
    """An edition dated 2022-07-01 whose note says: in force 10 days after publication (≥ 2022-07-11)."""
    e1 = dated_edition(doc(annex_units("e1.txt"), file="e1.txt"), "2020-01-01")
    d2 = doc(
        annex_units("e2.txt", p2_text="Новый текст пункта 2:"),
        [note("chp_1__para_1__point_2", "point", after_publication("2022-07-11"), file="e2.txt")],
        file="e2.txt",
    )
    eds = order_editions([e1, dated_edition(d2, "2022-07-01")])
    u = as_of(eds, "ru", "2022-07-05")["chp_1__para_1__point_2"]
    assert u.text == "Текст пункта 2:" and u.edition == "ru@2020-01-01" and u.flags == ()
    u = as_of(eds, "ru", "2022-08-01")["chp_1__para_1__point_2"]
    assert u.text == "Новый текст пункта 2:"
    (flag,) = u.flags
    assert flag["kind"] == "change_date_uncertain" and flag["previous"]["text"] == "Текст пункта 2:"


def test_added_unit_coverage():
    units = annex_units() + [
        unit("chp_1__para_1-1", "section", "", "chp_1", heading="Кассир", num="1-1"),
        unit("chp_1__para_1-1__point_2-1", "point", "Кассир делает.", "chp_1__para_1-1", num="2-1"),
    ]
    a = note("chp_1", "chapter", exact("2024-01-01"), kind="added", added_unit="параграф 1-1")
    d = doc(units, [a])
    assert covered_eids(d, a) == ["chp_1__para_1-1", "chp_1__para_1-1__point_2-1"]
    v = as_of([copy_edition(d)], "ru", "2023-01-01")
    assert v["chp_1__para_1-1__point_2-1"].flag_kinds == ("not_yet_existing",)  # added on 01.01.2024
    assert v["chp_1__para_1__point_1"].flags == ()
    announced = note(
        "chp_1", "chapter", exact("2027-01-01"), kind="added", prospective=True, added_unit="параграф 9"
    )
    assert covered_eids(d, announced) == ["chp_1"]


def test_as_of_needs_the_language():
    with pytest.raises(ValueError, match="no expression in language 'kk'"):
        as_of([copy_edition(doc(annex_units()))], "kk", "2026-05-01")


def test_view_to_dict(ed580):
    out = as_of(ed580, "ru", "2026-11-24").to_dict()
    assert out["count"] == len(out["data"]) and out["edition"] == "ru@copy[2026-04-16,2026-07-11)"
    row = next(r for r in out["data"] if r["eid"] == JURIST_LAWS)
    assert row["in_corpus"] is False and row["flags"][0]["kind"] == "superseded"
    with pytest.raises(KeyError):
        as_of(ed580, "ru", "2026-11-24")["no_such_unit"]
