"""/professions: profession cards with functions and skills, linked to ТКХ positions."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kb.build import build

CARD = "/akn/kz/act/order/2024-04-30/125/~card:chp_3__point_13"  # Социальный работник → 360, Параграф 1


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(kb=build("corpus"))) as c:
        yield c


def test_list(client):
    body = client.get("/professions").json()
    assert body["count"] == 10
    assert body["data"][0]["name"] == "Индивидуальный помощник"
    assert client.get("/professions?q=социальный работник").json()["count"] >= 2


@pytest.mark.parametrize("ref", [CARD.lstrip("/"), "125:chp_3__point_13", "chp_3__point_13"])
def test_get_by_any_id(client, ref):
    body = client.get(f"/professions/{ref}?as_of=2026-06-01").json()
    assert body["id"] == CARD and body["name"] == "Социальный работник"
    fn = body["card"]["functions"][0]
    assert fn["name"] and fn["skills"] and fn["skills"][0]["knowledge"]


def test_links_to_the_tkh_position(client):
    (link,) = client.get(f"/professions/{CARD.lstrip('/')}").json()["positions"]
    assert link["id"] == "/akn/kz/act/order/2017-10-25/360/~pos:chp_2__para_1"
    assert link["type"] == "corresponds_to" and link["method"] == "order and Параграф number cited, chapter by title prefix"
    assert link["matched"] == ["order № 360", "Параграф 1", "title (prefix)"] and link["confidence"] == 0.75


def test_card_restated_by_an_edition_not_in_the_corpus_is_flagged(client):
    # in force on 01.06.2026, but its edition by order № 109 of 31.03.2026 (from 12.07.2026) is pending
    assert [f["kind"] for f in client.get("/professions/125:chp_3__point_13?as_of=2026-06-01").json()["flags"]] == ["pending"]
    (flag,) = client.get("/professions/125:chp_3__point_13?as_of=2026-11-24").json()["flags"]
    assert flag["kind"] == "superseded" and flag["by"]["number"] == "109"


def test_unknown_card_is_404_with_id(client):
    r = client.get("/professions/125:chp_3__point_99")
    assert r.status_code == 404 and r.json()["detail"]["id"] == "125:chp_3__point_99"
