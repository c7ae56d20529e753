"""The server's start-up and the CLI verbs of api/cli_serve.py: serve, jd, staffing, export."""

from __future__ import annotations

import json
import os

import docx
import pytest
from fastapi.testclient import TestClient
from lxml import etree

from api.app import app_factory, load_kb
from api.cli import main
from api.context import Settings, index_path, kb_path


@pytest.fixture(scope="module")
def first_start(tmp_path_factory):
    """An empty data folder after the first start: the KB and the index built, with progress."""
    data = str(tmp_path_factory.mktemp("data"))
    said: list[str] = []
    kb, built_at = load_kb(Settings(corpus="corpus", data_dir=data), say=said.append)
    return data, said, kb, built_at


def test_first_start_builds_the_kb_and_the_index(first_start):
    data, said, kb, built_at = first_start
    assert os.path.exists(kb_path(data)) and built_at
    assert any(s.startswith("built ") for s in said), said
    if any("search index" in s for s in said):
        assert os.path.isdir(index_path(data))


def test_second_start_loads(first_start):
    data, _, _, _ = first_start
    said: list[str] = []
    load_kb(Settings(corpus="corpus", data_dir=data), say=said.append)
    assert any(s.startswith("loaded ") for s in said) and not any("building" in s for s in said), said


def test_factory_reads_the_environment(first_start, monkeypatch):
    data = first_start[0]
    monkeypatch.setenv("ZANGRAPH_DATA", data)
    monkeypatch.setenv("ZANGRAPH_AS_OF", "2026-11-24")
    with TestClient(app_factory()) as c:
        health = c.get("/health").json()
        must = c.get("/positions/580-НҚ:chp_2__para_12/must-know?lang=ru").json()
    assert health["kb_path"] == kb_path(data) and health["status"] == "ok"
    assert must["as_of"] == "2026-11-24"


def test_serve_with_workers_hands_uvicorn_an_import_string(first_start, monkeypatch):
    import socket

    import uvicorn.supervisors

    calls = []

    class FakeMultiprocess:
        def __init__(self, config, sockets):
            calls.append((config, sockets))

        def run(self):
            for sock in calls[-1][1]:
                sock.close()

    monkeypatch.setattr(uvicorn.supervisors, "Multiprocess", FakeMultiprocess)
    for name in ("ZANGRAPH_CORPUS", "ZANGRAPH_DATA", "ZANGRAPH_LANG", "ZANGRAPH_AS_OF"):
        monkeypatch.delenv(name, raising=False)  # restored after the test
    assert main(["serve", "--workers", "3", "--port", "0", "--data", first_start[0]]) == 2  # port checked
    assert main(["serve", "--workers", "3", "--port", "18123", "--data", first_start[0]]) == 0
    ((config, (sock,)),) = calls
    assert config.app == "api.app:app_factory" and config.factory is True and config.workers == 3
    assert config.port == 18123
    # the listening socket says it is TCP, so the workers' connections get TCP_NODELAY (no 40 ms waits)
    assert sock.proto == socket.IPPROTO_TCP
    assert os.environ["ZANGRAPH_DATA"] == os.path.abspath(first_start[0])


def test_serve_with_one_worker_passes_the_app(first_start, monkeypatch):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    assert main(["serve", "--data", first_start[0]]) == 0
    ((app, kw),) = calls
    assert app.state.kb is not None and kw == {"host": "127.0.0.1", "port": 8000}


def test_staffing_json(first_start, capsys):
    assert main(["staffing", "--visits", "75", "--json", "--data", first_start[0]]) == 0
    rows = {r["position"]: r for r in json.loads(capsys.readouterr().out)["rows"]}
    assert rows["психолог"]["units"] == 2 and rows["социальный работник"]["units"] == 2


def test_staffing_text(first_start, capsys):
    assert main(["staffing", "--visits", "120", "--data", first_start[0]]) == 0
    out = capsys.readouterr().out
    assert "band «свыше 100»" in out and "психолог" in out


def test_staffing_negative_load(first_start, capsys):
    assert main(["staffing", "--visits", "-1", "--data", first_start[0]]) == 2
    assert "--visits" in capsys.readouterr().err


def test_jd_markdown_in_kazakh(first_start, capsys):
    args = [
        "jd",
        "Юрист",
        "--act",
        "580-НҚ",
        "--lang",
        "kk",
        "--as-of",
        "2026-11-24",
        "--data",
        first_start[0],
    ]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("**БЕКІТЕМІН**")  # the approval block, its fields left blank to fill
    assert "\n# Лауазымдық нұсқаулық: Халыққа заңгерлік көмек көрсету жөніндегі заңгер-консультант\n" in out
    assert out.count("188-НҚ") == 1  # the warning once, in the warnings box


def test_jd_docx_to_a_file(first_start, tmp_path):
    out = tmp_path / "jd.docx"
    assert (
        main(["jd", "580-НҚ:chp_2__para_12", "--format", "docx", "--out", str(out), "--data", first_start[0]])
        == 0
    )
    headings = [p.text for p in docx.Document(str(out)).paragraphs if p.style.name.startswith("Heading")]
    assert "3. Должностные обязанности" in headings  # HR order: general, requirements, duties, must know


def test_jd_ambiguous_title_lists_the_candidates(first_start, capsys):
    assert main(["jd", "Специалист по социальной работе", "--data", first_start[0]]) == 2
    err = capsys.readouterr().err
    assert "580-НҚ:chp_2__para_5" in err and "360:chp_2__para_3" in err


def test_jd_unknown_position(first_start, capsys):
    assert main(["jd", "Космонавт", "--data", first_start[0]]) == 2
    assert "Космонавт" in capsys.readouterr().err


def test_export_akn(first_start, tmp_path):
    out = tmp_path / "580.xml"
    assert (
        main(
            [
                "export",
                "580-НҚ",
                "--as-of",
                "2026-11-24",
                "--lang",
                "kk",
                "--out",
                str(out),
                "--data",
                first_start[0],
            ]
        )
        == 0
    )
    root = etree.parse(str(out)).getroot()
    assert root.tag.endswith("akomaNtoso") and root.xpath("//@eId")


def test_export_bad_date(first_start, capsys):
    assert main(["export", "580-НҚ", "--as-of", "2026-02-30", "--data", first_start[0]]) == 2
    assert "--as-of" in capsys.readouterr().err
