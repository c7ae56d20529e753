"""/search: morphological search as of a date, over an index built for the test."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.context import Settings
from kb.build import build


@pytest.fixture(scope="module")
def kb():
    return build("corpus")


@pytest.fixture(scope="module")
def client(kb, tmp_path_factory):
    pytest.importorskip("index.search")
    from index.build import build_index

    data = tmp_path_factory.mktemp("data")
    build_index(kb, str(data))
    with TestClient(create_app(Settings(data_dir=str(data)), kb=kb)) as c:
        yield c


def test_inflected_forms(client):
    body = client.get("/search?q=психологи&lang=ru").json()
    assert body["count"] > 0 and set(body) >= {"data", "count", "limit", "offset", "facets"}
    assert any("<b>" in h["snippet"] for h in body["data"])


def test_filters_and_paging(client):
    body = client.get("/search?q=кодекс&act=580-НҚ&kind=must_know&limit=3").json()
    assert len(body["data"]) <= 3 and body["limit"] == 3
    assert all(h["act_number"] == "580-НҚ" and h["kind"] == "must_know" for h in body["data"])


def test_flags_as_of(client):
    body = client.get("/search?q=бытового насилия&lang=ru&as_of=2026-11-24&act=580-НҚ&limit=200").json()
    laws = [h for h in body["data"] if h["unit_id"] == "chp_2__para_12__point_38__al_6"]
    assert laws and laws[0]["flags"][0]["kind"] == "superseded"


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("q=x&kind=nothing", "kind"),
        ("q=x&lang=en", "lang"),
        ("q=x&as_of=2026-02-30", "as_of"),
        ("q=x&limit=0", "limit"),
    ],
)
def test_bad_parameters_are_422(client, query, parameter):
    r = client.get(f"/search?{query}")
    assert r.status_code == 422 and r.json()["detail"]["parameter"] == parameter


def test_no_index_is_503(kb, tmp_path):
    with TestClient(create_app(Settings(data_dir=str(tmp_path)), kb=kb)) as c:
        r = c.get("/search?q=психолог")
    assert r.status_code in (501, 503)
