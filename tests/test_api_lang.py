"""The API keeps machine codes and adds messages in ru and kk; positions by title.

* every flag kind the knowledge base can emit (every ``"kind": "…"`` literal of ``kb/`` and
  ``index/`` that is not a source or an instruction) has a ru and a kk message;
* flags in answers keep ``kind`` and the English ``message`` and gain ``message_ru``/``message_kk``;
* an error keeps ``error`` and gains ``message`` in the language asked (``lang`` or
  ``Accept-Language``);
* a position is found by a title where the title names one (``580-НҚ:Юрист``, ``Юрист?act=…``);
  a title that names several is a 409 with the candidates.
"""

from __future__ import annotations

import pathlib
import re

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.web.i18n import catalogue
from api.web.messages.errors import MESSAGES as ERROR_MESSAGES
from api.web.messages.flags import MESSAGES as FLAG_MESSAGES
from kb.build import build

ROOT = pathlib.Path(__file__).resolve().parent.parent
#: ``"kind": "…"`` literals that are not flags: where a status was read, a row of instructions.
NOT_FLAGS = {"public_page", "corpus_text", "corpus_note", "amending_instruction"}
#: Kinds the brief names that a flag may have, whether or not the code emits them today.
NAMED = {
    "superseded", "pending", "commencement_uncertain", "not_yet_in_force", "not_yet_existing",
    "earlier_text_not_in_corpus", "excluded", "repealed", "act_not_in_force", "act_renamed",
    "act_not_yet_in_force", "unresolved_act", "date_unknown", "after_copy_window", "language",
}  # fmt: skip


def emitted_kinds() -> set[str]:
    kinds = set()
    for folder in ("kb", "index"):
        for path in (ROOT / folder).rglob("*.py"):
            kinds |= set(re.findall(r'"kind":\s*"([a-z_]+)"', path.read_text(encoding="utf-8")))
    return kinds - NOT_FLAGS


def test_the_grep_finds_the_kinds():
    assert {"superseded", "pending", "not_yet_existing", "act_renamed"} <= emitted_kinds()


@pytest.mark.parametrize("kind", sorted(emitted_kinds() | NAMED))
def test_every_flag_kind_has_ru_and_kk(kind):
    from api.web.flags import fields, flag_text

    entry = FLAG_MESSAGES.get(f"flag.{kind}")
    assert entry, f"no message for flag kind {kind!r} in api/web/messages/flags.py"
    assert entry.get("ru") and entry.get("kk")
    flag = {"kind": kind, "since": "2026-07-12", "by": {"number": "188-НҚ", "date": "2026-04-16"}}
    for lang in ("ru", "kk"):
        text = flag_text(flag, lang)
        assert text == entry[lang].format(**fields(flag))
        assert "{" not in text and "None" not in text


def test_error_messages_have_ru_and_kk_and_format():
    for key, entry in ERROR_MESSAGES.items():
        assert set(entry) == {"ru", "kk"}, key
        for lang in ("ru", "kk"):
            entry[lang].format(id="x", parameter="p", count=2, status=500)
    assert catalogue()["api.error.no_act"] == ERROR_MESSAGES["api.error.no_act"]


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(kb=build("corpus")), raise_server_exceptions=False) as c:
        yield c


MUST_KNOW = "/positions/580-НҚ:chp_2__para_12/must-know?as_of=2026-11-24"


def test_flags_keep_their_code_and_gain_ru_and_kk(client):
    acts = client.get(MUST_KNOW).json()["acts"]
    flag = next(f for a in acts for f in a["flags"] if f["kind"] == "superseded")
    assert flag["message"].startswith("from 2026-07-12 this unit is in the edition of order № 188-НҚ")
    assert flag["message_ru"] == (
        "с 12.07.2026 этот фрагмент действует в редакции приказа № 188-НҚ от 16.04.2026; "
        "этого текста в корпусе нет"
    )
    assert flag["message_kk"] == (
        "12.07.2026 бастап бұл бөлік 16.04.2026 № 188-НҚ бұйрықтың редакциясында; ол мәтін корпуста жоқ"
    )


def test_every_flag_of_an_act_text_has_both_messages(client):
    units = client.get("/acts/360/text?as_of=2026-11-24").json()["units"]
    flags = [f for u in units for f in u["flags"]]
    assert flags
    for f in flags:
        assert f["kind"] and f["message_ru"] and f["message_kk"], f
        assert "{" not in f["message_ru"] + f["message_kk"]


def test_an_answer_in_kazakh(client):
    r = client.get("/positions/580-НҚ:chp_2__para_99", headers={"Accept-Language": "kk-KZ,kk;q=0.9,ru;q=0.5"})
    assert r.status_code == 404
    d = r.json()["detail"]
    assert d["error"] == "no position" and d["id"] == "580-НҚ:chp_2__para_99"  # the machine code stays
    assert d["lang"] == "kk" and d["message"].startswith("«580-НҚ:chp_2__para_99» лауазымы табылмады")


@pytest.mark.parametrize(
    ("url", "headers", "lang", "start"),
    [
        ("/acts/nope?lang=kk", {}, "kk", "«nope» акті табылмады"),
        ("/acts/nope", {"Accept-Language": "ru"}, "ru", "Акт «nope» не найден"),
        ("/acts/nope?lang=ru", {"Accept-Language": "kk"}, "ru", "Акт «nope» не найден"),  # lang wins
        ("/acts/580-НҚ/text?as_of=yesterday", {"Accept-Language": "kk"}, "kk", "«as_of» параметрі: күн"),
        ("/acts?limit=0", {"Accept-Language": "kk"}, "kk", "«limit» параметрі рұқсат етілген шектен тыс"),
        ("/search?q=!!!", {"Accept-Language": "kk"}, "kk", "Іздеу сұрауында сөз жоқ"),
        ("/acts/580-НҚ/diff?from=2026-11-24&to=2026-06-01", {}, "ru", "Дата «from» позже даты «to»"),
    ],
)
def test_errors_speak_the_language_asked(client, url, headers, lang, start):
    d = client.get(url, headers=headers).json()["detail"]
    assert d["error"] and d["lang"] == lang and d["message"].startswith(start), d


@pytest.mark.parametrize(
    "url",
    [
        "/positions/580-НҚ:Юрист?as_of=2026-11-24",
        "/positions/Юрист?act=580-НҚ&as_of=2026-11-24",
        "/positions/Юрист?as_of=2026-11-24",  # one position has the title
        "/positions/580-НҚ:chp_2__para_12?as_of=2026-11-24",
    ],
)
def test_a_position_by_its_title(client, url):
    r = client.get(url)
    assert r.status_code == 200, r.text
    assert r.json()["eid"] == "chp_2__para_12" and r.json()["act_number"] == "580-НҚ"


def test_a_title_in_the_suffix_routes(client):
    r = client.get("/positions/Юрист/must-know?act=580-НҚ&as_of=2026-11-24")
    assert r.status_code == 200 and r.json()["position"]["eid"] == "chp_2__para_12"
    r = client.get("/positions/580-НҚ:Юрист/job-description?format=md&as_of=2026-11-24")
    assert r.status_code == 200 and "Юрист" in r.text


def test_an_ambiguous_title_lists_the_candidates(client):
    r = client.get("/positions/Директор", headers={"Accept-Language": "kk"})
    assert r.status_code == 409
    d = r.json()["detail"]
    assert d["error"] == "ambiguous" and len(d["candidates"]) > 1
    assert all(c["id"] and c["act_number"] for c in d["candidates"])
    assert d["lang"] == "kk" and "бірнеше лауазымға" in d["message"]
    r = client.get("/positions/Директор?act=580-НҚ")
    assert r.status_code == 409 and {c["act_number"] for c in r.json()["detail"]["candidates"]} == {"580-НҚ"}


def test_an_unknown_title_is_404(client):
    r = client.get("/positions/580-НҚ:Космонавт")
    assert r.status_code == 404 and r.json()["detail"]["id"] == "580-НҚ:Космонавт"
