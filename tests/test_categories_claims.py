"""Issue 10, defects 8–10 and the staffing part of 11, on the real texts.

8. qualification categories and levels read from every wording the corpus uses (ru and kk), the
   categories nested under their level, the label kept as written;
9. the job description's group says how it was derived and cites the chapter heading only when
   the group was read there;
10. a card → position link says what matched, and its confidence follows from it;
11. every staffing row carries its source (file, line span) and its unit id.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kb.build import build
from kb.links import CARD_METHODS, Candidate, card_citation_links
from parser.tkh import category_of, level_of

RU580 = "corpus/order-2025-10-24-580-nk/ru.txt"
KK580 = "corpus/order-2025-10-24-580-nk/kk.txt"
RU360 = "corpus/order-2017-10-25-360/ru.txt"
RU125 = "corpus/order-2024-04-30-125/ru.txt"
RU256 = "corpus/order-2024-06-14-256-nk/ru.txt"
CARD13 = "/akn/kz/act/order/2024-04-30/125/~card:chp_3__point_13"


def source_line(path: str, no: int) -> str:
    with open(path, encoding="utf-8") as fh:
        return fh.read().splitlines()[no - 1].strip()


def position(docs, key: str, eid: str):
    return next(p for p in docs[key].positions if p.id == eid)


def flat(items, depth=0):
    """(line, depth, category, label) of requirement items in text order."""
    for it in items:
        yield it.line, depth, it.category, it.label
        yield from flat(it.children, depth + 1)


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(kb=build("corpus"))) as c:
        yield c


# --- 8. categories and levels ---------------------------------------------------------------------

# wording as the text has it (ru | kk), what it is, the label kept as written
WORDINGS = [
    ("высшей категории – высшее (или послевузовское)", "highest", "высшей категории"),
    ("высшая категория - в должности специалиста", "highest", "высшая категория"),
    ("жоғары санатты – жоғары (немесе", "highest", "жоғары санатты"),
    ("жоғары санат –бірінші санатты жоғары деңгейлі", "highest", "жоғары санат"),
    ("Психолог I категории: высшее (или послевузовское)", "first", "Психолог I категории"),
    ("I санатты психолог: тиісті мамандық бойынша", "first", "I санатты психолог"),
    ("бірінші санат –екінші санатты", "first", "бірінші санат"),
    ("Психолог II категории: высшее", "second", "Психолог II категории"),
    ("II санатты психолог: тиісті", "second", "II санатты психолог"),
    ("екінші санат –санатсыз жоғары", "second", "екінші санат"),
    ("Психолог без категории: высшее", "none", "Психолог без категории"),
    ("специалист без категории: послесреднее образование", "none", "специалист без категории"),
    ("Санатсыз – жұмыс өтіліне талап қойылмайды.", "none", "Санатсыз"),
    ("Санатсыз психолог: тиісті", "none", "Санатсыз психолог"),
    ("наставник: высшее (или послевузовское)", "mentor", "наставник"),
    ("кейс-менеджер: высшее (или послевузовское)", "case_manager", "кейс-менеджер"),
    ("карьерный консультант: послесреднее образование", "career_consultant", "карьерный консультант"),
]
NOT_CATEGORIES = [
    "высшее (или послевузовское) образование без категории – не менее 3 лет",  # no category opens it
    "бірінші санатты жоғары деңгейлі біліктілік маманы лауазымында жұмыс өтілі кемінде 3 жыл;",
    "кейс-менеджер выполняет работу",  # a named category is always followed by ":"
    "жоғары білім (әлеуметтік жұмыс, мектепке дейінгі тәрбие беру және оқыту)",
]
LEVELS = [
    ("специалист высшего уровня квалификации:", "higher_level"),
    ("Жоғары біліктілік деңгейіндегі маман:", "higher_level"),
    ("Жоғары деңгейлі біліктілікке ие маман:", "higher_level"),
    ("специалист среднего уровня квалификации:", "middle_level"),
    ("Орташа біліктілік деңгейіндегі маман:", "middle_level"),
    ("специалист высшего и среднего уровня квалификации:", "higher_and_middle_level"),
]


@pytest.mark.parametrize("text, category, label", WORDINGS, ids=[w[2] for w in WORDINGS])
def test_category_wordings(text, category, label):
    assert category_of(text) == (category, label)
    assert level_of(text) is None


@pytest.mark.parametrize("text", NOT_CATEGORIES)
def test_not_a_category(text):
    assert category_of(text) is None


@pytest.mark.parametrize("text, level", LEVELS, ids=[x[0] for x in LEVELS])
def test_level_wordings(text, level):
    assert level_of(text) == (level, text.rstrip(":"))


# doc, file, position, [(line, depth, category, label)] of its requirements, as read by eye
REQUIREMENTS = [
    ("000", RU580, "chp_2__para_6", [  # ru 535–539
        (535, 0, "first", "Психолог I категории"),
        (537, 0, "second", "Психолог II категории"),
        (539, 0, "none", "Психолог без категории"),
    ]),
    ("001", KK580, "chp_2__para_11", [  # kk 763–771: the general requirement, then the categories
        (763, 0, None, None),
        (765, 0, "highest", "жоғары санат"),
        (767, 0, "first", "бірінші санат"),
        (769, 0, "second", "екінші санат"),
        (771, 0, "none", "Санатсыз"),
    ]),
    ("001", KK580, "chp_2__para_4", [  # kk 330: the level inline after "15. Біліктілікке қойылатын талаптар:"
        (330, 0, "higher_level", "Жоғары деңгейлі біліктілікке ие маман"),
        (332, 1, "highest", "жоғары санатты"),
        (334, 1, "first", "бірінші санатты"),
        (336, 1, "second", "екінші санатты"),
        (338, 1, "none", "санатсыз"),
        (340, 0, "middle_level", "Орташа біліктілік деңгейіндегі маман"),
        (342, 1, "highest", "жоғары санатты"),
        (344, 1, "first", "бірінші санатты"),
        (346, 1, "second", "екінші санатты"),
        (348, 1, "none", "санатсыз"),
    ]),
    ("002", RU360, "chp_2__para_6", [  # 360 ch. 2 §6, lines 1513–1527
        (1513, 0, "higher_level", "специалист высшего уровня квалификации"),
        (1515, 1, "mentor", "наставник"),
        (1517, 1, "case_manager", "кейс-менеджер"),
        (1519, 1, "career_consultant", "карьерный консультант"),
        (1521, 1, "none", "без категории"),
        (1523, 0, "middle_level", "специалист среднего уровня квалификации"),
        (1525, 1, "career_consultant", "карьерный консультант"),
        (1527, 1, "none", "без категории"),
    ]),
    ("002", RU360, "chp_3__para_1", [(1969, 0, "none", "специалист без категории")]),  # 360 ch. 3 §1
    ("002", RU360, "chp_3__para_3", [  # one level for both, then its requirement
        (2081, 0, "higher_and_middle_level", "специалист высшего и среднего уровня квалификации"),
        (2083, 1, None, None),
    ]),
]


@pytest.mark.parametrize("key, path, eid, want", REQUIREMENTS, ids=[f"{r[0]}-{r[2]}" for r in REQUIREMENTS])
def test_requirements_by_level_and_category(docs, key, path, eid, want):
    got = list(flat(position(docs, key, eid).requirements))
    assert got == want
    for line, _, _, label in want:  # each label is the text's own words, at the start of its line
        if label and line != 330:
            assert source_line(path, line).startswith(label)
    assert "Жоғары деңгейлі біліктілікке ие маман:" in source_line(KK580, 330)


def test_the_kk_psychologist_categories_match_the_ru_ones(docs):
    ru = [c for _, _, c, _ in flat(position(docs, "000", "chp_2__para_6").requirements)]
    kk = [c for _, _, c, _ in flat(position(docs, "001", "chp_2__para_6").requirements)]
    assert ru == kk == ["first", "second", "none"]
    assert source_line(KK580, 499).startswith("I санатты психолог:")


# --- 9. the group and what it rests on ----------------------------------------------------------------


def test_580_group_basis(docs):
    """All twelve Параграфы stand under "Глава 2. Квалификационные характеристики должностей
    руководителей" (ru line 31): three titles name a manager, the other nine do not."""
    assert source_line(RU580, 31) == "Глава 2. Квалификационные характеристики должностей руководителей"
    ps = docs["000"].positions
    assert {p.chapter for p in ps} == {"chp_2"}
    assert [p.group_basis for p in ps[:3]] == ["chapter heading"] * 3
    assert all(p.group == "specialists" and p.group_basis.startswith("title") for p in ps[3:])


def _group_line(client, url):
    jd = client.get(url).json()
    labels = ("Категория должностей", "Лауазымдар санаты")
    return next(ln for ln in jd["general"] if ln["label"] in labels), jd


def test_jd_group_from_the_title_cites_nothing(client):
    line, jd = _group_line(client, "/positions/580-НҚ:chp_2__para_12/job-description?lang=ru&format=json")
    assert line["text"] == ("специалисты (по названию должности «Юрист»; заголовок главы 2 «Квалификационные "
                            "характеристики должностей руководителей» называет только руководителей)")
    assert line["cite"] == "" and line["eid"] is None and line["derived"]
    assert line["group_basis"].startswith("title") and jd["position"]["group_basis"] == line["group_basis"]
    md = client.get("/positions/580-НҚ:chp_2__para_12/job-description?lang=ru&format=md").text
    (row,) = [ln for ln in md.splitlines() if "**Категория должностей:**" in ln]
    assert "[580-НҚ" not in row


def test_jd_group_from_the_title_kk(client):
    line, _ = _group_line(client, "/positions/580-НҚ:chp_2__para_12/job-description?lang=kk&format=json")
    assert line["text"].startswith("мамандар (") and "лауазым атауы бойынша" in line["text"]
    assert "«Басшылар лауазымдарының біліктілік сипаттамалары»" in line["text"] and line["cite"] == ""


def test_jd_group_from_the_chapter_heading_cites_the_chapter(client):
    line, _ = _group_line(client, "/positions/360:chp_2__para_2/job-description?lang=ru&format=json")
    assert line["cite"] == "[360, chp_2]" and line["eid"] == "chp_2"
    assert line["text"].startswith(
        "специалисты (по заголовку главы 2 «Типовые квалификационные характеристики должностей специалистов")
    assert "должностей специалистов" in source_line(RU360, 1069)  # "## **Глава 2. …специалистов…**"


def test_jd_manager_group_from_the_chapter_heading(client):
    line, _ = _group_line(client, "/positions/580-НҚ:chp_2__para_1/job-description?lang=ru&format=json")
    assert line["cite"] == "[580-НҚ, chp_2]" and line["text"].startswith("руководители (по заголовку главы 2")


# --- 10. card → position: what matched ----------------------------------------------------------------


def test_card_13_reference_read_by_eye():
    """Card 13 names order № 360 (line 1374) and "Параграф 1. Социальный работник" (line 1376), no
    chapter; 360 has a Параграф 1 in each of its three chapters."""
    assert "№ 360" in source_line(RU125, 1374) and "глав" not in source_line(RU125, 1374).lower()
    assert source_line(RU125, 1376) == "Параграф 1. Социальный работник"
    with open(RU360, encoding="utf-8") as fh:
        assert sum("Параграф 1." in ln for ln in fh) == 3


def test_card_13_link_says_what_matched(client):
    (link,) = client.get("/professions/125:chp_3__point_13").json()["positions"]
    assert link["id"].endswith("/360/~pos:chp_2__para_1")
    assert link["method"] == "order and Параграф number cited, chapter by title prefix"
    assert link["confidence"] == CARD_METHODS[link["method"]] == 0.75
    assert link["matched"] == ["order № 360", "Параграф 1", "title (prefix)"]
    assert "chp_1, chp_2, chp_3" in link["why"]


def test_no_card_of_order_125_is_an_explicit_citation(client):
    """Every card of 125 cites a Параграф number 360 has in several chapters, or no number."""
    for card in client.get("/professions?limit=100").json()["data"]:
        for link in client.get(f"/professions/{card['id'].lstrip('/')}").json()["positions"]:
            assert link["method"] != "explicit citation" and link["confidence"] < 1.0


P = [Candidate("a", "360", "1", "chp_1", "Начальник отдела"),
     Candidate("b", "360", "1", "chp_2", "Социальный работник по оценке"),
     Candidate("c", "360", "2", "chp_2", "Консультант"),
     Candidate("d", "580-НҚ", "1", "chp_2", "Социальный работник")]
# reference, (position, method) of each link
CITATIONS = [
    ({"number": "360", "paragraph": "2", "paragraph_title": "Консультант"}, [("c", "explicit citation")]),
    ({"number": "360", "paragraph": "2"}, [("c", "explicit citation")]),
    ({"number": "360", "chapter": "2", "paragraph": "1", "paragraph_title": "Социальный работник"},
     [("b", "explicit citation")]),
    ({"number": "360", "paragraph": "1", "paragraph_title": "Социальный работник"},
     [("b", "order and Параграф number cited, chapter by title prefix")]),
    ({"number": "360", "paragraph": "1", "paragraph_title": "Начальник отдела"},
     [("a", "order and Параграф number cited, chapter by equal title")]),
    ({"number": "360", "paragraph": "1"},
     [("a", "order and Параграф number cited, chapter ambiguous"),
      ("b", "order and Параграф number cited, chapter ambiguous")]),
    ({"number": "360", "paragraph": None, "paragraph_title": "Консультант"},
     [("c", "order cited, position by equal title")]),
    ({"number": "360", "paragraph": "2", "paragraph_title": "Юрист"}, []),  # the title contradicts
    ({"number": "999", "paragraph": "1"}, []),  # an order not in the corpus
]


@pytest.mark.parametrize("ref, want", CITATIONS)
def test_card_citation_methods(ref, want):
    got = card_citation_links("card", ref, P)
    assert [(x["to"], x["method"]) for x in got] == want
    assert all(x["confidence"] == CARD_METHODS[x["method"]] for x in got)
    assert all(x["matched"][0] == f"order № {ref['number']}" for x in got)


def test_confidence_follows_the_evidence():
    c = CARD_METHODS
    assert c["explicit citation"] == 1.0
    by = "order and Параграф number cited, chapter"
    assert (c["explicit citation"] > c[f"{by} by equal title"] > c["order cited, position by equal title"]
            > c[f"{by} by title prefix"] > c["title match"] > c[f"{by} ambiguous"])


# --- 11. staffing rows carry their source ------------------------------------------------------------


def test_staffing_rows_carry_their_source(client):
    rows = client.get("/staffing?visits_per_day=75").json()["rows"]
    assert len(rows) == 20
    for row in rows:
        src = row["source"]
        assert src["file"] == RU256 and src["start"] <= src["end"]
        assert source_line(RU256, src["start"]).startswith(f"{row['num']}. ")
        assert row["unit_id"].endswith("/~" + row["eid"])
    by = {r["eid"]: r for r in rows}
    assert by["att_1__row_8"]["source"] == {"file": RU256, "start": 381, "end": 381}
    assert source_line(RU256, 381) == "8. социальный работник 2 2 3"
    # a row wrapped over two lines: "15. водитель 1 единица на 1 транспортное сред-" / "ство"
    assert by["att_1__row_15"]["source"] == {"file": RU256, "start": 395, "end": 396}
    assert source_line(RU256, 396) == "ство"


def test_staffing_rows_listing_carries_the_source(client):
    (table,) = client.get("/staffing/rows?act=256-НҚ").json()["data"]
    row = next(r for r in table["rows"] if r["eid"] == "att_1__row_20")
    assert row["source"] == {"file": RU256, "start": 410, "end": 414} and row["line"] == 410
    assert row["unit_id"].endswith("/~att_1__row_20")
    # the row wraps: "20. социальный работник" / "кейс- менеджер" / "2 3 4"
    wrapped = [source_line(RU256, n) for n in (410, 412, 414)]
    assert wrapped == ["20. социальный работник", "кейс- менеджер", "2 3 4"]
