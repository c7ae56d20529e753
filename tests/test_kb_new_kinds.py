"""The knowledge base takes the new kinds the parser reads, and answers for them.

One temporary corpus per module: the seeds (``corpus/``) plus the development texts
(``tests/data/corpus_dev``, byte-identical copies) put in with ``zangraph add``, plus one
small constructed ТКХ order (``№ 99``, below) whose Параграф 1 "Юрист" is excluded by a note —
no corpus text has an excluded Параграф, and the seeds' "Юрист" titles make it a real test of
the links.  Built once (graph + search index), served by a ``TestClient``.

Expected values are read from the texts: order 623's Раздел 3 is excluded by order № 239 of
19.04.2022; order 688 is repealed by order № 293 of 10.06.2025 (ten days after publication);
law 47-IV adds абзац 7 "День Столицы - 6 июля;" to article 3 of law 267 and comes into force on
its publication; order 688 amends order № 30 of 27.01.2016, which is not in the corpus.
"""

from __future__ import annotations

import json
import os
import shutil

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.cli import main
from api.context import Settings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEV = os.path.join(ROOT, "tests", "data", "corpus_dev")  # byte-identical copies (test_corpus_dev checks them)


# stem, suffix, flags (what the texts do not say)
DEV_TEXTS = [
    ("tkh-mvd-2020-623.ed2022-04-19", ".txt", []),
    ("ps-mvd-2019-1069-emergency-safety", ".txt", ["--number", "1069", "--date", "2019-12-18"]),
    ("ps-mvd-2025-716-private-security", ".txt", ["--number", "716", "--date", "2025-09-25"]),
    ("staffing-mvd-2018-86-support-staff-norms", ".txt", []),
    ("register-ap-2019-civil-servant-positions.ed2020-11-12", ".txt", []),
    ("attestation-rules-mvd-2018-507.ed2021-06-21", ".txt", []),
    ("law-holidays-2001-267", ".txt", ["--number", "267-II", "--date", "2001-12-13", "--type", "law"]),
    ("law-holidays-amendment-2008-47-IV", ".txt", ["--number", "47-IV", "--date", "2008-06-25", "--type", "law"]),
    ("adilet-page-V1600014606", ".html", []),
]

# A constructed ТКХ order: Параграф 1 "Юрист" excluded by order № 150 of 10.03.2022.
EXCLUDED_TKH = """\
 Об утверждении Типовых квалификационных характеристик должностей специалистов учреждений юстиции
Приказ Министра юстиции Республики Казахстан от 1 февраля 2021 года № 99. Зарегистрирован в Министерстве юстиции Республики Казахстан 5 февраля 2021 года № 22100
       В соответствии с пунктом 3 статьи 16 Трудового кодекса Республики Казахстан ПРИКАЗЫВАЮ:

      1. Утвердить прилагаемые Типовые квалификационные характеристики должностей специалистов учреждений юстиции.

      2. Настоящий приказ вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования.

      Министр юстиции

  Типовые квалификационные характеристики должностей специалистов учреждений юстиции
 Глава 1. Общие положения

      1. Настоящие Типовые квалификационные характеристики применяются в учреждениях юстиции.
 Глава 2. Квалификационные характеристики должностей специалистов
 Параграф 1. Юрист
      Сноска. Параграф 1 исключен приказом Министра юстиции РК от 10.03.2022 № 150 (вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования).

      2. Должностные обязанности:

      консультирует работников по правовым вопросам.

      3. Должен знать:

      Трудовой кодекс Республики Казахстан;

      Конституцию Республики Казахстан.

      4. Требования к квалификации: высшее юридическое образование.
 Параграф 2. Архивист

      5. Должностные обязанности:

      ведет архив учреждения.

      6. Должен знать:

      Трудовой кодекс Республики Казахстан.

      7. Требования к квалификации: высшее образование.
"""

W623 = "/akn/kz/act/order/2020-09-11/623"
W688 = "/akn/kz/act/order/2016-12-26/688"
W267 = "/akn/kz/act/law/2001-12-13/267-ii"
W47 = "/akn/kz/act/law/2008-06-25/47-iv"
W99 = "/akn/kz/act/order/2021-02-01/99"
EXCLUDED_PID = f"{W99}/~pos:chp_2__para_1"
LIVE_PID = f"{W99}/~pos:chp_2__para_2"


def _add(*argv) -> None:
    rc = main([str(a) for a in argv])
    assert rc == 0, argv


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(kb, data folder): the seeds + corpus-dev + order 99, built once."""
    from index.build import build_index
    from kb.build import build

    tmp = tmp_path_factory.mktemp("kb_new_kinds")
    corpus, data, src = tmp / "corpus", tmp / "data", tmp / "src"
    shutil.copytree(os.path.join(ROOT, "corpus"), corpus)
    shutil.copytree(DEV, src)
    for stem, suffix, flags in DEV_TEXTS:
        _add("add", src / f"{stem}.ru{suffix}", src / f"{stem}.kk{suffix}", *flags, "--corpus", corpus, "--json")
    (src / "tkh-test-99.ru.txt").write_text(EXCLUDED_TKH, encoding="utf-8")
    _add("add", src / "tkh-test-99.ru.txt", "--corpus", corpus, "--json")
    kb = build(str(corpus))
    build_index(kb, str(data))
    return kb, data


@pytest.fixture(scope="module")
def kb(built):
    return built[0]


@pytest.fixture(scope="module")
def client(built):
    kb, data = built
    with TestClient(create_app(Settings(data_dir=str(data)), kb=kb)) as c:
        yield c


def get(client, url: str, status: int = 200):
    r = client.get(url)
    assert r.status_code == status, (url, r.text[:500])
    return r.json()


def test_cli_build_works(built, tmp_path, capsys):
    """``zangraph build`` on the same corpus (the fixture's corpus folder) ends with 0."""
    kb, data = built
    corpus = data.parent / "corpus"
    capsys.readouterr()
    assert main(["build", "--corpus", str(corpus), "--data", str(tmp_path / "d"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["nodes"] == kb.graph.number_of_nodes() and out["index"]


# --- 1. excluded positions and units; a repealed act ----------------------------------------------


def test_excluded_position_is_flagged_with_its_note(kb, client):
    node = kb.graph.nodes[EXCLUDED_PID]
    assert node["excluded"]["act"] == {"number": "150", "date": "2022-03-10", "issuer": "Министра юстиции РК"}
    assert node["excluded"]["since"] == {"lower": "2022-03-20", "upper": None}
    assert kb.graph.nodes[LIVE_PID]["excluded"] is None
    rows = {p["id"]: p for p in get(client, "/positions?act=99")["data"]}
    assert rows[EXCLUDED_PID]["excluded"]["act"]["number"] == "150"
    assert rows[LIVE_PID]["excluded"] is None
    detail = get(client, "/positions/99:chp_2__para_1?as_of=2023-01-01")
    assert detail["excluded"]["note"] and any(f["kind"] == "excluded" for f in detail["flags"])


def test_excluded_position_is_not_counted(kb, client):
    mk = get(client, f"/positions/{EXCLUDED_PID.lstrip('/')}/must-know?as_of=2023-01-01")
    assert mk["acts"] == [] and [f["kind"] for f in mk["flags"]] == ["excluded"]
    assert get(client, "/positions/99:chp_2__para_2/must-know?as_of=2023-01-01")["acts"]
    from kb.queries import who_must_know

    who = who_must_know(kb, "Трудовой кодекс", "2023-01-01")
    ids_ = {p["id"] for p in who["positions"]}
    assert LIVE_PID in ids_ and EXCLUDED_PID not in ids_
    assert EXCLUDED_PID in {p["id"] for p in who["excluded_positions"]}
    # no link of any kind reaches the excluded Параграф, while the live "Юрист" of 580-НҚ has them
    assert not [lk for lk in kb.links if EXCLUDED_PID in (lk["from"], lk["to"])]
    yurist = "/akn/kz/act/order/2025-10-24/580-nk/~pos:chp_2__para_12"
    assert any(lk["from"] == yurist and lk["type"] == "in_register" for lk in kb.links)


def test_excluded_part_of_623(kb, client):
    part = kb.graph.nodes[f"{W623}/rus@2022-04-19/~part_3"]
    assert part["excluded"]["act"]["number"] == "239" and part["excluded"]["act"]["date"] == "2022-04-19"
    text = get(client, "/acts/623/text?as_of=2023-01-01&unit=part_3")
    (unit,) = text["units"]
    flag = next(f for f in unit["flags"] if f["kind"] == "excluded")
    assert flag["by"]["number"] == "239" and flag["unit"] == "part_3"
    before = get(client, "/acts/623/text?as_of=2022-04-20&unit=part_3")["units"][0]
    assert not any(f["kind"] == "excluded" for f in before["flags"])  # not before 2022-04-29
    assert all(not p["excluded"] for p in get(client, "/positions?act=623&limit=200")["data"])


def test_repealed_act(kb, client):
    rep = kb.graph.nodes[W688]["repealed"]
    assert rep["by"]["number"] == "293" and rep["by"]["date"] == "2025-06-10"
    assert rep["since"] == {"lower": "2025-06-20", "upper": None}
    act = get(client, "/acts/688")
    assert act["repealed"]["by"]["number"] == "293"
    after = get(client, "/acts/688/text?as_of=2025-07-01")
    assert all(any(f["kind"] == "repealed" for f in u["flags"]) for u in after["units"])
    before = get(client, "/acts/688/text?as_of=2024-07-01")
    # the repeal changes no text and is not in force yet; only 688's own after-publication commencement is a notice
    assert {f["kind"] for u in before["units"] for f in u["flags"]} <= {"commencement_uncertain"}
    assert get(client, "/acts/688/timeline")["repealed"]["note"] == rep["note"]
    assert get(client, "/acts/623")["repealed"] is None


# --- 2. cards from tables ---------------------------------------------------------------------------


def test_card_nodes_have_no_none_ids(kb):
    assert not [n for n in kb.graph if "None" in n]
    fn = "/akn/kz/act/order/2019-12-18/1069/~card:att_1__table_1__card_1/fn_1"
    skills = [b for _, b, k in kb.graph.out_edges(fn, keys=True) if k == "has_skill"]
    assert skills == [f"{fn}/skill_implicit"] and kb.graph.nodes[skills[0]]["implicit"]
    n716 = sum(1 for n, d in kb.graph.nodes(data=True) if d.get("kind") == "skill" and "/2025-09-25/716/" in n
               and "/~card:" in n and "kaz" not in n)
    assert n716 >= 13  # 13 skills in the 3 cards (per language the cards are one node each)


def test_professions_list_the_table_cards(client):
    body = get(client, "/professions?limit=200")
    by_act = {}
    for c in body["data"]:
        by_act.setdefault(c["act_number"], []).append(c)
    assert len(by_act["1069"]) == 5 and len(by_act["716"]) == 3 and len(by_act["125"]) == 10
    assert [c["functions"] for c in by_act["1069"]] == [4, 4, 5, 6, 2]
    assert sorted(c["okr_level"] for c in by_act["716"]) == ["4", "5", "6"]
    # no "not_in_edition" for a table card (an after-publication commencement is only a notice)
    assert all({f["kind"] for f in c["flags"]} <= {"commencement_uncertain"} for c in by_act["716"] + by_act["1069"])
    card = get(client, f"/professions/{by_act['716'][0]['id'].lstrip('/')}?as_of=2026-01-01")
    assert card["name"] == "Руководитель частной охранной организации"


# --- 3. staffing ------------------------------------------------------------------------------------


def test_staffing_default_is_the_band_table(client):
    body = get(client, "/staffing?visits_per_day=75")
    assert body["act_number"] == "256-НҚ" and body["band"] == "51-100" and body["total_units"] == 24.5
    assert {r["eid"].split("__")[0] for r in body["rows"]} == {"att_1"}  # one act's rows


def test_staffing_rows_of_order_86(client):
    body = get(client, "/staffing/rows?act=86")
    (rows,) = body["data"]
    assert rows["act_number"] == "86" and rows["count"] == 41
    first = rows["rows"][0]
    assert first["position"].startswith("Механик") and first["rule"]["text"] == "1 единица на центральный аппарат МВД"
    assert first["rule"]["units"] == 1.0 and first["bands"] is None
    assert get(client, "/acts/86/staffing")["count"] == 41
    alone = get(client, "/staffing?visits_per_day=75&act=86")
    assert alone["act_number"] == "86" and {r["basis"] for r in alone["rows"]} == {"rule"}
    both = get(client, "/staffing/rows")["data"]
    assert [d["act_number"] for d in both] == ["256-НҚ", "86"]  # listed per act, never mixed
    get(client, "/staffing/rows?act=623", 404)


# --- 4. register rows -------------------------------------------------------------------------------


def test_register_rows_link_positions(kb, client):
    body = get(client, "/acts/19-42-3.3.17/registers")
    assert body["count"] == 32 and body["kind"] == "register"
    row = next(r for r in body["rows"] if "юрист" in r["titles"])
    assert row["category"] == "С2"
    yurist = "/akn/kz/act/order/2025-10-24/580-nk/~pos:chp_2__para_12"
    assert yurist in {p["id"] for p in row["positions"]}
    links = get(client, "/positions/580-НҚ:chp_2__para_12?as_of=2026-06-01")["links"]
    reg = [lk for lk in links if lk["type"] == "in_register"]
    assert reg and reg[0]["category"] == "С2" and reg[0]["act_number"] == "19-42-3.3.17"
    get(client, "/acts/623/registers", 404)


# --- 5. amending instructions -----------------------------------------------------------------------


def test_amending_law_edges_to_the_amended_article(kb):
    edges = [(b, d) for _, b, d in kb.graph.out_edges(W47, data=True) if d.get("type") == "amends"]
    to_unit = [(b, d) for b, d in edges if b.endswith("/rus@copy/~art_3")]
    (unit, d), = to_unit
    assert unit == f"{W267}/rus@copy/~art_3"
    assert d["verb"] == "insert" and d["new_text"] == "День Столицы - 6 июля;" and d["new_eid"] == "art_3__al_7"
    assert d["source"]["file"].endswith("law-2008-06-25-47-iv/ru.txt") and d["source"]["line"] == 5
    assert any(b == W267 and d["eid"] == "art_3" for b, d in edges)


def test_timeline_of_the_amended_law_lists_the_instruction(client):
    tl = get(client, "/acts/267-II/timeline")
    ins = [e for e in tl["amending_instructions"] if e["verb"] == "insert"]
    (e,) = ins
    assert e["amending_act"]["id"] == W47 and e["eid"] == "art_3" and e["new_text"] == "День Столицы - 6 июля;"
    # "Настоящий Закон вводится в действие со дня его первого официального опубликования": the day
    # is not in the corpus, not before the law's date
    assert e["since"] == {"lower": "2008-06-25", "upper": None} and e["date"] is None
    assert [f["kind"] for f in e["flags"]] == ["date_uncertain"]
    assert get(client, "/acts/267-II/timeline?unit=art_3")["amending_instructions"]
    assert not get(client, "/acts/267-II/timeline?unit=art_4")["amending_instructions"]


def test_unresolved_instructions_keep_their_reason(client):
    act = get(client, "/acts/688")
    assert act["instructions"] and all(i["status"] == "unresolved" for i in act["instructions"])
    restate = next(i for i in act["instructions"] if i["verb"] == "restate" and i["lang"] == "ru")
    assert "not in the corpus" in restate["reason"] and "№ 30" in restate["reason"]
    assert get(client, "/acts/688/timeline")["instructions"] == act["instructions"]
    assert get(client, "/acts/47-IV")["instructions"][0]["status"] == "resolved"
    assert any(e["amending_act"]["number"] == "47-IV" for e in get(client, "/acts/267-II")["amended_by"])


# --- 6. articles, parts, tables, cells, forms -----------------------------------------------------


@pytest.mark.parametrize("act, kinds", [
    ("716", {"table", "cell", "chapter"}),
    ("507", {"table", "cell", "form"}),
    ("267-II", {"article"}),
    ("623", {"part", "section"}),
])
def test_text_view_shows_new_kinds_in_order(kb, client, act, kinds):
    body = get(client, f"/acts/{act}/text?as_of=2026-01-01")
    assert kinds <= {u["kind"] for u in body["units"]}
    doc = kb.docs[body["expression"]]
    assert [u["eid"] for u in body["units"]] == [u.eid for u in doc.units]  # document order


def test_cells_hang_under_rows_in_the_graph(kb):
    cell = "/akn/kz/act/order/2025-09-25/716/rus@copy/~chp_3__table_1__row_5__cell_2"
    (row,) = [a for a, _, k in kb.graph.in_edges(cell, keys=True) if k == "contains"]
    assert row.endswith("~chp_3__table_1__row_5") and kb.graph.nodes[row]["num"] == "5"
    assert kb.graph.nodes[cell]["cell"]["row"] == 5 and kb.graph.nodes[cell]["cell"]["col"] == 2


def test_cells_and_forms_are_searchable_with_a_breadcrumb(client):
    hits = get(client, "/search?q=охранной+организации&act=716&limit=50")["data"]
    cells = [h for h in hits if h["unit_id"].startswith("chp_3__table_1__row_")]
    assert cells
    for h in cells:
        row = h["unit_id"].split("__row_")[1].split("__")[0]
        assert h["breadcrumb"].startswith("№ 716 › ") and h["breadcrumb"].endswith(f"строка {row}")
    forms = get(client, "/search?q=протокол+заседания&act=507&limit=50")["data"]
    assert any("form" in h["unit_id"] and h["breadcrumb"].startswith("№ 507") for h in forms)
    arts = get(client, "/search?q=праздники&act=267-II&limit=50")["data"]
    assert any(h["unit_id"].startswith("art_") for h in arts)
