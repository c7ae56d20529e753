"""/docs and /redoc work offline, and the OpenAPI describes every answer with an example.

The Swagger UI and ReDoc pages may reference only the app's own URLs (their assets come from the
pinned ``fastapi-offline`` wheel, served under ``/docs-assets/``); each of those answers 200.
Every route's 200 answer has a schema, and an example (real ids: ``580-НҚ``,
``580-НҚ:chp_2__para_12``) unless it is a binary file.
"""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kb.build import build


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(kb=build("corpus"))) as c:
        yield c


@pytest.fixture(scope="module")
def openapi(client):
    r = client.get("/openapi.json")
    assert r.status_code == 200
    return r.json()


_URL = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']|url\s*:\s*["']([^"']+)["']|["'](https?://[^"']+)["']""")


def _urls(html: str) -> list[str]:
    return [next(g for g in m.groups() if g) for m in _URL.finditer(html)]


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_reference_only_local_urls_that_answer(client, page):
    r = client.get(page)
    assert r.status_code == 200
    urls = _urls(r.text)
    assert any(u.endswith(".js") for u in urls), urls  # the page loads its script …
    for url in urls:
        assert url.startswith("/") and not url.startswith("//"), f"{page} references {url}"
        assert client.get(url).status_code == 200, url  # … from the app itself
    assert "cdn" not in r.text.lower() and "fonts.googleapis" not in r.text


def test_docs_assets_are_the_real_bundles(client):
    js = client.get("/docs-assets/swagger-ui-bundle.js")
    assert js.status_code == 200 and len(js.content) > 500_000
    assert "javascript" in js.headers["content-type"]
    assert len(client.get("/docs-assets/redoc.standalone.js").content) > 500_000
    assert "text/css" in client.get("/docs-assets/swagger-ui.css").headers["content-type"]


def test_swagger_ui_has_no_online_validator(client):
    assert '"validatorUrl": null' in client.get("/docs").text


def _operations(openapi):
    for path, ops in openapi["paths"].items():
        for method, op in ops.items():
            yield path, method, op


def test_every_answer_has_a_schema_and_an_example(openapi):
    missing = []
    for path, method, op in _operations(openapi):
        ok = op["responses"].get("200")
        assert ok and ok.get("content"), f"{method} {path}: no 200 answer"
        for media, body in ok["content"].items():
            if not body.get("schema"):
                missing.append(f"{path} {media}: no schema")
            if body.get("schema", {}).get("format") == "binary":
                continue
            if "example" not in body and "examples" not in body:
                missing.append(f"{path} {media}: no example")
    assert not missing, missing


def test_json_answers_have_a_model_not_an_empty_schema(openapi):
    for path, _, op in _operations(openapi):
        body = op["responses"]["200"]["content"].get("application/json")
        if body is None or path.endswith("job-description"):
            continue
        schema = body["schema"]
        assert "$ref" in schema or schema.get("properties"), f"{path}: {schema}"


def test_examples_use_real_ids(openapi):
    paths = openapi["paths"]
    must_know = paths["/positions/{position_id}/must-know"]["get"]
    param = next(p for p in must_know["parameters"] if p["name"] == "position_id")
    assert param["example"] == "580-НҚ:chp_2__para_12"
    example = must_know["responses"]["200"]["content"]["application/json"]["example"]
    assert example["position"]["eid"] == "chp_2__para_12" and example["position"]["act_number"] == "580-НҚ"
    act = paths["/acts/{act_id}"]["get"]
    assert next(p for p in act["parameters"] if p["name"] == "act_id")["example"] == "580-НҚ"
    assert act["responses"]["200"]["content"]["application/json"]["example"]["number"] == "580-НҚ"


def test_examples_are_valid_answers(client, openapi):
    """Each JSON example has the keys of the answer it shows (the model's required fields)."""
    schemas = openapi["components"]["schemas"]
    for path, _, op in _operations(openapi):
        body = op["responses"]["200"]["content"].get("application/json")
        if not body or "$ref" not in body["schema"]:
            continue
        model = schemas[body["schema"]["$ref"].rsplit("/", 1)[1]]
        missing = set(model.get("required", ())) - set(body["example"])
        assert not missing, f"{path}: the example lacks {missing}"
