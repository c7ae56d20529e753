"""ru↔kk parity on content and the language of must-know answers (issue 10, defects 6 and 7).

580-НҚ says different things in its two languages.  Психолог (§ 6) must know, in ru, the
Constitution (line 497) and the Social Code (line 501); at the same places the kk text names
the Health Code (line 467) and the Labour Code (line 471).  Специалист по социальной работе
(§ 5) has two kk lines ru lacks (kk 378 the Health Code, 382 the Labour Code) and its ru line 414
names the Social Code, which kk 384 does not.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kb.build import build, position_id
from kb.parity import parity, unit_label
from kb.queries import must_know

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIR = "corpus/order-2025-10-24-580-nk"
W580 = "/akn/kz/act/order/2025-10-24/580-nk"
PSY = position_id(W580, "chp_2__para_6")
HEALTH, LABOUR, SOCIAL, CONST, MARRIAGE = (
    "kz/code/health", "kz/code/labour", "kz/code/social", "kz/constitution", "kz/code/marriage-family")


@pytest.fixture(scope="module")
def kb():
    return build("corpus")


@pytest.fixture(scope="module")
def rep(kb):
    return parity(kb, "580-НҚ")


def line(lang: str, n: int) -> str:
    with open(f"{ROOT}/{DIR}/{lang}.txt", encoding="utf-8") as f:
        return f.read().splitlines()[n - 1].strip()


# --- the texts say what the tests say they say ---------------------------------------------------

@pytest.mark.parametrize(("lang", "n", "text"), [
    ("ru", 497, "Конституцию Республики Казахстан;"),
    ("ru", 501, "Социальный кодекс;"),
    ("kk", 467, '"Халық денсаулығы және денсаулық сақтау жүйесі туралы" кодексті;'),
    ("kk", 471, "Еңбек кодексін;"),
    ("kk", 378, '"Халық денсаулығы және денсаулық сақтау жүйесі туралы" кодексті;'),
    ("kk", 382, "Еңбек кодексін;"),
    ("ru", 804, "Социальный кодекс;"),
    ("ru", 859, 'Кодекс "О браке (супружестве) и семье";'),
])
def test_the_source_lines(lang, n, text):
    assert line(lang, n) == text


def test_ru_414_names_the_social_code_before_the_laws():
    assert line("ru", 414).startswith(
        'Социальный кодекс; законы Республики Казахстан "О профилактике бытового насилия"')
    assert line("kk", 384).startswith('"Тұрмыстық зорлық-зомбылық профилактикасы туралы"')


# --- defect 6: parity compares content -----------------------------------------------------------

# kinds, ru line, kk line, acts only in ru, acts only in kk, readable unit name
DIFFERENCES = [
    (["only_kk"], None, 378, [], [HEALTH], "Специалист по социальной работе, п. 17, абз. 3"),
    (["only_kk"], None, 382, [], [LABOUR], "Специалист по социальной работе, п. 17, абз. 5"),
    (["acts"], 414, 384, [SOCIAL], [], "Специалист по социальной работе, п. 17, абз. 4"),
    (["acts"], 497, 467, [CONST], [HEALTH], "Психолог (социальный психолог), п. 20, абз. 2"),
    (["acts"], 501, 471, [SOCIAL], [LABOUR], "Психолог (социальный психолог), п. 20, абз. 4"),
    (["only_ru"], 804, None, [SOCIAL], [], "Социальный работник кейс-менеджер, п. 35, абз. 5"),
    (["only_ru"], 859, None, [MARRIAGE], [], "Юрист, п. 38, абз. 5"),
]


def _row(d):
    return (d["kinds"], d["ru"] and d["ru"]["line"], d["kk"] and d["kk"]["line"], d["acts"]["only_ru"],
            d["acts"]["only_kk"], d["label"]["ru"] or d["label"]["kk"])


def test_every_difference_of_580_in_reading_order_and_nothing_else(rep):
    assert [_row(d) for d in rep["differences"]] == DIFFERENCES


@pytest.mark.parametrize("want", DIFFERENCES, ids=[f"{r[1]}-{r[2]}" for r in DIFFERENCES])
def test_difference(rep, want):
    assert want in [_row(d) for d in rep["differences"]]


def test_a_difference_carries_both_lines_and_texts(rep):
    d = next(d for d in rep["differences"] if d["ru"] and d["ru"]["line"] == 501)
    assert d["ru"] == {"eid": "chp_2__para_6__point_20__al_4", "part": "whole", "line": 501,
                       "file": f"{DIR}/ru.txt", "text": "Социальный кодекс;", "acts": [SOCIAL]}
    assert d["kk"]["text"] == "Еңбек кодексін;" and d["kk"]["acts"] == [LABOUR] and d["kk"]["line"] == 471
    assert d["position"] == "chp_2__para_6"


@pytest.mark.parametrize(("eid", "only_ru", "only_kk"), [
    ("chp_2__para_5", [SOCIAL], [HEALTH, LABOUR]),
    ("chp_2__para_6", [SOCIAL, CONST], [HEALTH, LABOUR]),
    ("chp_2__para_11", [SOCIAL], []),
    ("chp_2__para_12", [MARRIAGE], []),
    ("chp_2__para_1", [], []),
    ("chp_2__para_10", [], []),
])
def test_referenced_acts_per_position_and_language(rep, eid, only_ru, only_kk):
    p = next(p for p in rep["positions"] if p["position"] == eid)
    a = p["acts"]
    assert (a["only_ru"], a["only_kk"], a["same"]) == (only_ru, only_kk, not (only_ru or only_kk))
    assert set(a["common"]) == set(a["ru"]) - set(only_ru) == set(a["kk"]) - set(only_kk)


def test_psychologist_acts_per_language(rep):
    a = next(p for p in rep["positions"] if p["position"] == "chp_2__para_6")["acts"]
    assert {CONST, SOCIAL, MARRIAGE} <= set(a["ru"]) and not {HEALTH, LABOUR} & set(a["ru"])
    assert {HEALTH, LABOUR, MARRIAGE} <= set(a["kk"]) and not {CONST, SOCIAL} & set(a["kk"])


def test_units_in_one_language_only_by_content(rep):
    # by id kk al_15/al_16 of п. 17 looked extra; by content the extra kk lines are al_3 and al_5
    assert {(x["unit"], x["line"]) for x in rep["only_kk"]} == {
        ("chp_2__para_5__point_17__al_3", 378), ("chp_2__para_5__point_17__al_5", 382)}
    assert {(x["unit"], x["line"]) for x in rep["only_ru"]} == {
        ("chp_2__para_11__point_35__al_5", 804), ("chp_2__para_12__point_38__al_5", 859)}


def test_unit_label(kb):
    eid = "chp_2__para_6__point_20__al_4"
    assert unit_label(kb, W580, eid) == "Психолог (социальный психолог), п. 20, абз. 4"
    assert unit_label(kb, W580, eid, title=False) == "п. 20, абз. 4"


def test_inline_item_pairs_with_a_line():
    """kk writes the requirement of § 1 after the colon (line 131); ru on its own line (136)."""
    from kb.align import Pair, align_pairs
    from parser.pipeline import parse_path

    ru, kk = parse_path(f"{DIR}/ru.txt"), parse_path(f"{DIR}/kk.txt")
    pairs = align_pairs(ru, kk)
    assert Pair("chp_2__para_1__point_6__al_2", "chp_2__para_1__point_6", "content", "whole", "tail") in pairs
    assert Pair("chp_2__para_1__point_6", "chp_2__para_1__point_6", "unit id", "whole", "head") in pairs
    assert Pair(None, "chp_2__para_5__point_17__al_3", "none") in pairs


# a number that differs: the kk requirement of the Психолог I категории with 5 years instead of 2

def _corpus_with_other_number(root) -> str:
    dst = root / "order-2025-10-24-580-nk"
    shutil.copytree(DIR, dst)
    kk = (dst / "kk.txt").read_text(encoding="utf-8")
    old = "II санатты психолог лауазымында жұмыс өтілі кемінде 2 жыл"
    assert kk.count(old) == 1
    (dst / "kk.txt").write_text(kk.replace(old, old.replace("2 жыл", "5 жыл")), encoding="utf-8")
    meta = json.loads((dst / "act.json").read_text(encoding="utf-8"))
    for e in meta["expressions"]:
        e["sha256"] = hashlib.sha256((dst / e["file"]).read_bytes()).hexdigest()
    (dst / "act.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return str(root)


def test_a_number_that_differs(tmp_path):
    rep = parity(build(_corpus_with_other_number(tmp_path)), "580-НҚ")
    (d,) = [d for d in rep["differences"] if "numbers" in d["kinds"]]
    assert d["ru"]["line"] == 535 and d["ru"]["text"].startswith("Психолог I категории:")
    assert d["numbers"] == {"only_ru": ["2"], "only_kk": ["5"]}
    assert d["label"]["ru"] == "Психолог (социальный психолог), п. 21, абз. 2"


# --- defect 7: bilingual must-know answers ---------------------------------------------------------

@pytest.fixture(scope="module")
def merged(kb):
    res = must_know(kb, PSY)
    return res, {a["id"]: a for a in res["acts"]}


def test_merged_sources_name_their_language(merged):
    _, acts = merged
    assert acts[LABOUR]["sources"] == ["kk:chp_2__para_6__point_20__al_4"]  # not the ru al_4, the Social Code
    assert acts[SOCIAL]["sources"] == ["ru:chp_2__para_6__point_20__al_4"]
    assert acts[MARRIAGE]["sources"] == [
        "ru:chp_2__para_6__point_20__al_3", "kk:chp_2__para_6__point_20__al_3"]

    def items(act):
        return [(i["lang"], i["line"], i["text"]) for i in acts[act]["items"]]

    assert items(LABOUR) == [("kk", 471, "Еңбек кодексін;")]
    assert items(SOCIAL) == [("ru", 501, "Социальный кодекс;")]


@pytest.mark.parametrize(("act", "only", "line_", "other_line", "other_text"), [
    (LABOUR, "kk", 471, 501, "Социальный кодекс;"),
    (HEALTH, "kk", 467, 497, "Конституцию Республики Казахстан;"),
    (SOCIAL, "ru", 501, 471, "Еңбек кодексін;"),
    (CONST, "ru", 497, 467, '"Халық денсаулығы және денсаулық сақтау жүйесі туралы" кодексті;'),
])
def test_merged_answer_says_where_the_languages_disagree(merged, act, only, line_, other_line, other_text):
    _, acts = merged
    lang = acts[act]["language"]
    assert acts[act]["languages"] == [only] and lang["only_in"] == only
    assert [(u["lang"], u["line"]) for u in lang["units"]] == [(only, line_)]
    assert [(p["lang"], p["line"], p["text"]) for p in lang["counterparts"]] == [
        ("ru" if only == "kk" else "kk", other_line, other_text)]
    assert lang["message"].startswith(f"named only in {only}: Психолог (социальный психолог), п. 20, абз. ")


def test_acts_both_languages_name_carry_no_disagreement(merged):
    _, acts = merged
    assert acts[MARRIAGE]["languages"] == ["ru", "kk"] and "language" not in acts[MARRIAGE]


def test_other_knowledge_grouped_per_language(merged):
    res, _ = merged
    other = res["other_knowledge"]
    langs = [o["lang"] for o in other]
    assert langs == sorted(langs, key=lambda x: x != "ru") and set(langs) == {"ru", "kk"}  # ru block, then kk
    for lang in ("ru", "kk"):
        lines = [o["line"] for o in other if o["lang"] == lang]
        assert lines == sorted(lines) and len(lines) == 11
    assert other[0]["text"].startswith("современные направления") and other[0]["line"] == 511


def test_one_language_answer_keeps_bare_ids(kb):
    res = must_know(kb, PSY, lang="ru")
    acts = {a["id"]: a for a in res["acts"]}
    assert LABOUR not in acts and HEALTH not in acts
    assert acts[SOCIAL]["sources"] == ["chp_2__para_6__point_20__al_4"]
    assert all("language" not in a for a in res["acts"])
    assert {o["lang"] for o in res["other_knowledge"]} == {"ru"}


# --- CLI and HTTP ------------------------------------------------------------------------------------

def run(*args):
    return subprocess.run([sys.executable, "-m", "api.cli", *args], capture_output=True, text=True, cwd=ROOT)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    d = str(tmp_path_factory.mktemp("data"))
    out = run("build", "--data", d)
    assert out.returncode == 0, out.stderr
    return d


def test_cli_parity_lists_5_and_6(data):
    out = run("parity", "580-НҚ", "--data", data)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "§ 5  Специалист по социальной работе" in text and "§ 6  Психолог (социальный психолог)" in text
    assert "≠ referenced acts differ — Психолог (социальный психолог), п. 20, абз. 4" in text
    row = next(ln for ln in text.splitlines() if "ru  501" in ln)
    assert "Социальный кодекс;" in row and "kk  471  Еңбек кодексін;" in row  # side by side
    assert "ru    —" in next(ln for ln in text.splitlines() if "kk  382" in ln)
    assert "414" in text and "378" in text


def test_cli_parity_json_acts_per_position(data):
    out = run("parity", "580-НҚ", "--data", data, "--json")
    res = json.loads(out.stdout)
    acts = next(p for p in res["positions"] if p["position"] == "chp_2__para_6")["acts"]
    assert acts["only_ru"] == [SOCIAL, CONST] and acts["only_kk"] == [HEALTH, LABOUR]


def test_cli_must_know_merged(data):
    out = run("must-know", "Психолог", "--act", "580-НҚ", "--data", data)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "Трудовой кодекс Республики Казахстан  [kk chp_2__para_6__point_20__al_4 line 471]" in text
    assert "≠ named only in kk: Психолог (социальный психолог), п. 20, абз. 4 (kk line 471)" in text
    assert text.index("other knowledge (ru):") < text.index("other knowledge (kk):")


def test_http_parity(kb):
    with TestClient(create_app(kb=kb)) as c:
        body = c.get("/acts/580-НҚ/parity").json()
        acts = next(p for p in body["positions"] if p["position"] == "chp_2__para_5")["acts"]
        assert acts["only_ru"] == [SOCIAL] and acts["only_kk"] == [HEALTH, LABOUR]
        r = c.get("/acts/360/parity")  # ru only
        assert r.status_code == 404 and r.json()["detail"]["id"] == "360"
