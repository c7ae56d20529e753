"""Every page URL the README shows (the table of the web application) answers 200 with HTML."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT
from fastapi.testclient import TestClient

from api.app import create_app
from api.context import Settings
from kb.build import build

README = open(f"{ROOT}/README.md", encoding="utf-8").read()
URLS = sorted(u for u in set(re.findall(r"`(/(?:ru|kk)/[^`\s][^`]*)`", README)) if "…" not in u)  # "/ru/…": the scheme


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from index.build import build_index

    kb = build("corpus")
    data = tmp_path_factory.mktemp("data")
    build_index(kb, str(data))
    with TestClient(create_app(Settings(data_dir=str(data), default_as_of="2026-11-24"), kb=kb)) as c:
        yield c


def test_the_readme_shows_pages():
    assert len(URLS) >= 8, URLS


@pytest.mark.parametrize("url", URLS)
def test_readme_page_url(client, url):
    r = client.get(url, follow_redirects=True)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html"), (url, r.status_code)
    assert 'class="error"' not in r.text
