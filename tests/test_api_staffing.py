"""/staffing: the minimal staffing of a Family Support Centre for a daily load."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kb.build import build


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(kb=build("corpus"))) as c:
        yield c


def _rows(body):
    return {r["position"]: r for r in body["rows"]}


def test_75_visits_a_day(client):
    body = client.get("/staffing?visits_per_day=75&as_of=2026-06-01").json()
    assert body["band"] == "51-100" and body["act_number"] == "256-НҚ"
    rows = _rows(body)
    assert rows["психолог"]["units"] == 2 and rows["психолог"]["basis"] == "band"
    assert rows["социальный работник"]["units"] == 2
    assert rows["заместитель директора"]["cell"] == "1"
    assert len(body["rows"]) == 20


def test_rules_instead_of_bands(client):
    rows = _rows(client.get("/staffing?visits_per_day=75").json())
    assert rows["директор"]["basis"] == "rule" and rows["директор"]["units"] == 1
    assert rows["юрист"]["units"] == 2
    assert rows["водитель"]["units"] is None and "транспортное средство" in rows["водитель"]["rule"]["text"]
    assert rows["уборщица"]["units"] is None


def test_rows_link_to_positions(client):
    rows = _rows(client.get("/staffing?visits_per_day=75").json())
    assert [p["id"] for p in rows["психолог"]["positions"]] == [
        "/akn/kz/act/order/2025-10-24/580-nk/~pos:chp_2__para_6"
    ]
    assert rows["юрист"]["positions"][0]["title"] == "Юрист"


@pytest.mark.parametrize(
    ("visits", "band", "psychologists"),
    [(0, "до 50", 2), (50, "до 50", 2), (51, "51-100", 2), (100, "51-100", 2), (101, "свыше 100", 3)],
)
def test_bands(client, visits, band, psychologists):
    body = client.get(f"/staffing?visits_per_day={visits}").json()
    assert body["band"] == band
    assert _rows(body)["психолог"]["units"] == psychologists


@pytest.mark.parametrize("query", ["visits_per_day=-1", "visits_per_day=abc", "visits_per_day=1.5", ""])
def test_bad_load_is_422_naming_it(client, query):
    r = client.get(f"/staffing?{query}")
    assert r.status_code == 422
    assert r.json()["detail"]["parameter"] == "visits_per_day"
