"""/health, OpenAPI, docs and the search page."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kb.build import build


@pytest.fixture(scope="module")
def kb():
    return build("corpus")


@pytest.fixture(scope="module")
def client(kb):
    with TestClient(create_app(kb=kb)) as c:
        yield c


def test_health(client, kb):
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["corpus_hash"] == kb.corpus_hash and len(body["corpus_hash"]) == 64
    assert isinstance(body["data_version"], int) and body["built_at"]
    assert body["counts"]["acts"] == 4 and body["counts"]["positions"] == 39
    assert body["counts"]["staffing_rows"] == 20


def test_openapi_lists_the_routes(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/acts",
        "/acts/{act_id}",
        "/acts/{act_id}/akn",
        "/positions/{position_id}/must-know",
        "/positions/{position_id}/job-description",
        "/staffing",
        "/search",
        "/professions",
        "/referenced-acts/{ref_id}/positions",
        "/compare/positions",
        "/health",
    ):
        assert path in paths, path


def test_docs(client):
    assert client.get("/docs").status_code == 200


def test_root_goes_to_the_visitors_language(client):
    """"/" → /ru/ or /kk/ by the remembered choice (cookie), else the browser's language."""
    r = client.get("/", headers={"accept-language": "kk-KZ,kk;q=0.9"}, follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == "/kk/"
    r = client.get("/", headers={"accept-language": "en"}, follow_redirects=False)
    assert r.headers["location"] == "/ru/"
    home = client.get("/kk/")
    assert home.status_code == 200 and home.headers["content-type"].startswith("text/html")
    assert 'lang="kk"' in home.text and 'href="/ru/"' in home.text and 'href="/docs"' in home.text
    assert "580-НҚ" in home.text
    assert client.get("/", follow_redirects=False).headers["location"] == "/kk/"  # remembered (cookie)
