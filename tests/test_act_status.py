"""Act status (kb.status): every registry act has a status with its cited source or "unknown", and a
requirement naming an act not in force on the date asked is flagged in must-know, who-must-know,
job descriptions, search and the referenced-acts listing.

The real stale reference: order 623 of the МВД (corpus-dev, edition of 19.04.2022), point 35 —
"законы Республики Казахстан «О противодействии коррупции», …, «О порядке рассмотрения обращений
физических и юридических лиц», «О правовых актах», «Об административных процедурах»;" — names
the Law of 12.01.2007 № 221, which adilet records as "Утратил силу Кодексом РК от 29.06.2020
№ 350-VI (вводится в действие с 01.07.2021)" (https://adilet.zan.kz/rus/docs/Z070000221_/compare/eng).
The edition of 2022 still asks for it.  The seeds: order 360 (text of 2026) names the Social Code,
in force from 01.07.2023 only — as of 2020 it is flagged "not yet in force".
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
from kb.refacts import ACTS_JSON
from kb.status import act_flags, load_statuses, status_of, validate

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEV = os.path.join(ROOT, "tests", "data", "corpus_dev")
APPEALS = "kz/law/o-poryadke-rassmotreniya-obrashcheniy-fizicheskikh-i-yuridicheskikh-lits"
W623 = "/akn/kz/act/order/2020-09-11/623"

# act id -> (state, since, where the source is); every act not listed here is "unknown" with no source.
KNOWN = {
    "kz/code/administrative-procedure": ("in_force", "2021-07-01", "https://adilet.zan.kz/rus/docs/K2000000350/compare/eng"),
    "kz/code/labour": ("in_force", None, "tests/data/corpus_dev/tkh-mvd-2020-623.ed2022-04-19.ru.txt:3"),
    "kz/code/marriage-family": ("in_force", None, "corpus/order-2024-06-14-256-nk/ru.txt:21-22"),
    "kz/code/social": ("in_force", "2023-07-01",
                       "https://www.ecolex.org/details/legislation/social-code-law-no-224-vii-zrk-lex-faoc220804/"),
    "kz/law/o-minimalnykh-sotsialnykh-standartakh-i-ikh-garantiyakh": ("in_force", None,
                                                                      "https://adilet.zan.kz/eng/docs/Z1500000314"),
    APPEALS: ("repealed", "2021-07-01", "https://adilet.zan.kz/rus/docs/Z070000221_/compare/eng"),
    "kz/law/o-profilaktike-bytovogo-nasiliya": ("in_force", None, "https://bestprofi.com/document/87848857"),
    "kz/law/o-sotsialnoy-i-mediko-pedagogicheskoy-korrektsionnoy-podderzhke-detey-s-invalidnostyu":
        ("renamed", None, "https://bestprofi.com/document/2560282651"),
    "kz/resolution/2017-02-18/81": ("in_force", None, "http://adilet.zan.kz/kaz/docs/V2300033329"),
}


# --- the registry --------------------------------------------------------------------------------


def _raw():
    with open(ACTS_JSON, encoding="utf-8") as f:
        return json.load(f)


def test_every_registry_act_has_a_status_with_a_source_or_unknown():
    raw = _raw()
    statuses = load_statuses()
    assert set(statuses) == {a["id"] for a in raw} and len(raw) == 43
    for a in raw:
        s = a["status"]
        want = KNOWN.get(a["id"], ("unknown", None, None))
        assert (s["state"], s["since"], (s["source"] or {}).get("where")) == want, a["id"]
        if s["state"] == "unknown":
            assert s["source"] is None and s.get("note"), a["id"]  # says why: how we looked
        else:
            assert s["source"]["kind"] in ("corpus_note", "corpus_text", "public_page") and s["source"]["quote"]


def test_corpus_text_sources_quote_the_line_they_name():
    for a in _raw():
        for src in [a["status"]["source"], *a["status"].get("also", [])]:
            if src and src["kind"] == "corpus_text":
                path, span = src["where"].rsplit(":", 1)  # file:line or file:first-last (a wrapped line)
                first, _, last = span.partition("-")
                with open(os.path.join(ROOT, path), encoding="utf-8") as f:
                    text = " ".join(x.strip() for x in f.read().splitlines()[int(first) - 1:int(last or first)])
                head = src["quote"].split("…")[0].strip()
                assert head and head in text, (a["id"], src["where"])


def test_repealed_and_renamed_entries_name_the_act_and_the_names():
    s = status_of(APPEALS)
    assert s["by"] == {"id": "kz/code/administrative-procedure", "type": "code", "date": "2020-06-29",
                       "number": "350-VI", "name_ru": "Административный процедурно-процессуальный кодекс Республики Казахстан"}
    assert "Утратил силу Кодексом РК от 29.06.2020 № 350-VI (вводится в действие с 01.07.2021)" in s["source"]["quote"]
    r = status_of("kz/law/o-sotsialnoy-i-mediko-pedagogicheskoy-korrektsionnoy-podderzhke-detey-s-invalidnostyu")
    assert r["old_name"].endswith("с ограниченными возможностями") and r["new_name"].endswith("с инвалидностью")


@pytest.mark.parametrize("bad, error", [
    ({"id": "x", "status": {"state": "gone"}}, "is not one of"),
    ({"id": "x", "status": {"state": "repealed", "source": {"kind": "public_page", "where": "u", "quote": "q"}}}, "by.number"),
    ({"id": "x", "status": {"state": "in_force", "source": None}}, "needs kind"),
    ({"id": "x", "status": {"state": "unknown", "source": {"kind": "public_page"}}}, "has no source"),
])
def test_a_status_without_its_source_is_refused(bad, error):
    with pytest.raises(ValueError, match=error):
        validate(bad)


@pytest.mark.parametrize("act, as_of, kinds", [
    (APPEALS, "2021-06-30", []),
    (APPEALS, "2021-07-01", ["act_not_in_force"]),
    (APPEALS, None, []),  # no date asked: the status is shown, nothing is flagged
    ("kz/code/social", "2023-06-30", ["act_not_yet_in_force"]),
    ("kz/code/social", "2023-07-01", []),
    ("kz/constitution", "2026-01-01", []),  # unknown: no flag
    ("kz/law/o-sotsialnoy-i-mediko-pedagogicheskoy-korrektsionnoy-podderzhke-detey-s-invalidnostyu", "2026-01-01", []),
    ("unresolved:о-охран-деятельност", "2026-01-01", []),
])
def test_flags_on_a_date(act, as_of, kinds):
    assert [f["kind"] for f in act_flags(act, as_of)] == kinds


# --- a corpus with order 623 (corpus-dev) ---------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from index.build import build_index
    from kb.build import build

    tmp = tmp_path_factory.mktemp("act_status")
    corpus, data, src = tmp / "corpus", tmp / "data", tmp / "src"
    shutil.copytree(os.path.join(ROOT, "corpus"), corpus)
    src.mkdir()
    for name in ("ru.txt", "kk.txt", "meta.yaml"):  # meta.yaml gives the number and date
        shutil.copy(os.path.join(DEV, f"tkh-mvd-2020-623.ed2022-04-19.{name}"), src)
    assert main(["add", str(src / "tkh-mvd-2020-623.ed2022-04-19.ru.txt"),
                 str(src / "tkh-mvd-2020-623.ed2022-04-19.kk.txt"), "--corpus", str(corpus), "--json"]) == 0
    kb = build(str(corpus))
    ix = build_index(kb, str(data))
    return kb, data, ix


@pytest.fixture(scope="module")
def kb(built):
    return built[0]


def _pid_naming(kb, act_id):
    from kb.queries import who_must_know

    rows = who_must_know(kb, act_id, "2022-04-19")["positions"]
    return [r for r in rows if r["act"] == W623]


def test_stale_reference_in_order_623_is_flagged_in_must_know(kb):
    from kb.queries import must_know

    rows = _pid_naming(kb, APPEALS)
    assert len(rows) == 1  # point 35, the one position of 623 that names the law
    pid = rows[0]["id"]
    res = must_know(kb, pid, "2022-04-19", "ru")
    (law,) = [a for a in res["acts"] if a["id"] == APPEALS]
    assert any("«О порядке рассмотрения обращений физических и юридических лиц»" in i["text"] for i in law["items"])
    assert law["status"]["state"] == "repealed"
    (flag,) = [f for f in law["flags"] if f["kind"] == "act_not_in_force"]
    assert flag["since"] == "2021-07-01" and flag["by"]["number"] == "350-VI"
    assert "is no longer in force since 2021-07-01" in flag["message"]
    assert flag["message_ru"].endswith("утратил силу с 01.07.2021 (Административный процедурно-процессуальный "
                                       "кодекс Республики Казахстан от 29.06.2020 № 350-VI)")
    assert flag["source"]["where"] == "https://adilet.zan.kz/rus/docs/Z070000221_/compare/eng"
    # before the repeal the same requirement is not flagged
    before = must_know(kb, pid, "2021-06-30", "ru")
    (law,) = [a for a in before["acts"] if a["id"] == APPEALS]
    assert not [f for f in law["flags"] if f["kind"] == "act_not_in_force"]
    # an act of unknown status is listed with its status and no status flag
    anti = next(a for a in res["acts"] if a["id"] == "kz/law/o-protivodeystvii-korruptsii")
    assert anti["status"]["state"] == "unknown" and not [f for f in anti["flags"] if f["kind"].startswith("act_")]


def test_who_must_know_shows_the_status(kb):
    from kb.queries import who_must_know

    res = who_must_know(kb, "О порядке рассмотрения обращений физических и юридических лиц", "2022-04-19")
    assert res["act"]["status"]["state"] == "repealed"
    assert [f["kind"] for f in res["act"]["flags"]] == ["act_not_in_force"]


def test_job_description_carries_the_flag(kb):
    from api.jobdesc import build_job_description

    pid = _pid_naming(kb, APPEALS)[0]["id"]
    jd = build_job_description(kb, pid, "ru", "2022-04-19")
    (line,) = [a for a in jd["must_know_acts"] if a["act_id"] == APPEALS]  # the resolved acts (JSON only)
    assert [f["kind"] for f in line["flags"] if f["kind"].startswith("act_")] == ["act_not_in_force"]
    # the document states it once, in its language, in the warnings box
    assert any("утратил силу с 01.07.2021" in w["text"] for w in jd["warnings"]), jd["warnings"]


def test_search_hit_naming_the_repealed_law_is_flagged(built):
    from index.search import search

    kb, _, ix = built
    res = search(ix, '"рассмотрения обращений физических"', as_of="2022-04-19", act="623", lang="ru", kb=kb)
    assert res["hits"], res
    hit = res["hits"][0]
    assert "рассмотрения обращений физических" in hit["snippet"].replace("<b>", "").replace("</b>", "")
    assert any(f["kind"] == "act_not_in_force" and f["act"] == APPEALS for f in hit["flags"])
    early = search(ix, '"рассмотрения обращений физических"', as_of="2021-06-30", act="623", lang="ru", kb=kb)
    assert all(f["kind"] != "act_not_in_force" for h in early["hits"] for f in h["flags"])


def test_seed_360_names_the_social_code_before_it_was_in_force(kb):
    from kb.queries import must_know

    pid = "/akn/kz/act/order/2017-10-25/360/~pos:chp_1__para_1"
    if pid not in kb.graph:  # the node id of the first position of 360
        pid = next(p for p in _pids(kb, "/akn/kz/act/order/2017-10-25/360"))
    early = must_know(kb, pid, "2020-01-01")
    late = {a["id"]: a for a in must_know(kb, pid, "2026-01-01")["acts"]}
    # not counted on 2020-01-01: listed apart with the status's reason (kb.versions.must_know_as_of)
    assert "kz/code/social" not in {a["id"] for a in early["acts"]}
    apart = {a["id"]: a for a in early["not_in_force"] if "id" in a}
    assert apart["kz/code/social"]["reason"]["kind"] == "act_not_yet_in_force"
    assert not [f for f in late["kz/code/social"]["flags"] if f["kind"].startswith("act_")]
    assert late["kz/code/social"]["status"]["state"] == "in_force"


def _pids(kb, work):
    return sorted(n for n, d in kb.graph.nodes(data=True) if d.get("kind") == "position" and d["work"] == work)


def test_referenced_acts_api_lists_statuses(built):
    kb, data, _ = built
    with TestClient(create_app(Settings(data_dir=str(data)), kb=kb)) as c:
        rows = {r["id"]: r for r in c.get("/referenced-acts?limit=200").json()["data"]}
        assert rows[APPEALS]["status"]["state"] == "repealed"
        assert rows["kz/code/labour"]["status"]["state"] == "in_force"
        assert rows["kz/constitution"]["status"]["state"] == "unknown"
        one = c.get(f"/referenced-acts/{APPEALS}").json()
        assert one["status"]["since"] == "2021-07-01"


def test_cli_acts_status(capsys):
    assert main(["acts", "--status", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["count"] == 43
    assert {r["id"]: r["state"] for r in out["data"]}[APPEALS] == "repealed"
    assert main(["acts", "--status"]) == 0
    text = capsys.readouterr().out
    assert f"repealed  {APPEALS} since 2021-07-01 by № 350-VI of 2020-06-29" in text
