"""/compare/positions."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kb.build import build


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(kb=build("corpus"))) as c:
        yield c


def test_two_positions_of_two_acts(client):
    r = client.get("/compare/positions?a=580-НҚ:chp_2__para_5&b=360:chp_2__para_3&as_of=2026-06-01")
    if r.status_code == 501:
        pytest.skip("comparison not wired")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["a"]["act_number"] == "580-НҚ" and body["b"]["act_number"] == "360"
    assert {"duties", "must_know", "requirements"} <= set(body)


def test_missing_side_is_422_naming_it(client):
    r = client.get("/compare/positions?a=580-НҚ:chp_2__para_5")
    assert r.status_code == 422 and r.json()["detail"]["parameter"] == "b"


def test_unknown_side_is_404(client):
    r = client.get("/compare/positions?a=580-НҚ:nope&b=360:chp_2__para_3")
    assert r.status_code == 404 and r.json()["detail"]["id"] == "580-НҚ:nope"
