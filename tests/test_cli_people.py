"""The CLI for people (issue 11, item 5): run from any folder, locations as settings with a
per-user default (``zangraph config`` says where each came from), progress on a terminal only,
readable timeline and diff tables, dates ``дд.мм.гггг`` accepted by every date option."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from api.context import Progress, corpus_location, data_location, parse_date, show_date
from api.diff_render import act_ref, old_new, when
from kb.store import FILENAME

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cwd, *args, **env):
    """``zangraph …`` as a user runs it: from ``cwd``, with only these ZANGRAPH_* / XDG settings."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("ZANGRAPH_", "XDG_DATA_HOME"))}
    return subprocess.run([sys.executable, "-m", "api.cli", *args], capture_output=True, text=True,
                          cwd=cwd, env={**base, "PYTHONPATH": ROOT, **env})


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """A user's folders: somewhere to stand (not the checkout) and an empty $XDG_DATA_HOME."""
    root = tmp_path_factory.mktemp("user")
    (root / "elsewhere").mkdir()
    return root / "elsewhere", root / "xdg"


@pytest.fixture(scope="module")
def built(home):
    """``zangraph build`` from another folder: the checkout's corpus, the per-user data folder."""
    cwd, xdg = home
    out = run(cwd, "build", "--json", XDG_DATA_HOME=str(xdg))
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""  # not a terminal: no progress
    return json.loads(out.stdout)


def test_build_from_elsewhere_uses_the_checkout_corpus_and_the_user_data(home, built):
    _, xdg = home
    assert built["kb"] == os.path.join(str(xdg), "zangraph", FILENAME)
    assert built["corpus"] == os.path.join(ROOT, "corpus") and os.path.isfile(built["kb"])
    assert not os.path.exists(os.path.join(home[0], "data"))  # nothing written in the current folder


@pytest.mark.parametrize(
    "env, corpus_from, data_from",
    [
        ({}, "the source checkout", "per-user default"),
        ({"ZANGRAPH_DATA": "/srv/zg", "ZANGRAPH_CORPUS": "/srv/texts"}, "$ZANGRAPH_CORPUS", "$ZANGRAPH_DATA"),
    ],
)
def test_config_says_where_each_location_came_from(home, env, corpus_from, data_from):
    cwd, xdg = home
    res = json.loads(run(cwd, "config", "--json", XDG_DATA_HOME=str(xdg), **env).stdout)
    assert res["corpus"]["from"].startswith(corpus_from) and res["data"]["from"].startswith(data_from)
    if not env:
        assert res["corpus"]["value"] == os.path.join(ROOT, "corpus") and res["corpus"]["exists"]
        assert res["data"]["value"] == os.path.join(str(xdg), "zangraph")
    flags = json.loads(run(cwd, "where", "--json", "--data", "d", "--corpus", "c", **env).stdout)
    assert (flags["data"]["from"], flags["corpus"]["from"]) == ("--data", "--corpus")


def test_locations_in_order(monkeypatch, tmp_path):
    monkeypatch.delenv("ZANGRAPH_DATA", raising=False)
    monkeypatch.delenv("ZANGRAPH_CORPUS", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    assert data_location().path == str(tmp_path / "zangraph")
    assert corpus_location().path == os.path.join(ROOT, "corpus")  # absolute from outside the checkout
    monkeypatch.setenv("ZANGRAPH_DATA", "~/zg")
    assert data_location().path == os.path.expanduser("~/zg")
    assert data_location("x").source == "--data"


@pytest.mark.parametrize(
    "text, iso",
    [("24.11.2026", "2026-11-24"), ("2026-11-24", "2026-11-24"), ("1.6.2026", "2026-06-01"),
     (" 01.06.2026 ", "2026-06-01"), ("29.02.2024", "2024-02-29")],
)
def test_dates_both_ways(text, iso):
    assert parse_date(text) == iso and show_date(iso) == iso[8:] + "." + iso[5:7] + "." + iso[:4]


@pytest.mark.parametrize("text", ["31.02.2026", "2026-13-01", "24/11/2026", "24.11.26", "вчера"])
def test_bad_dates(text):
    with pytest.raises(ValueError, match="--from: expected a date дд.мм.гггг or YYYY-MM-DD"):
        parse_date(text, "--from")


def test_every_verb_reads_dd_mm_yyyy(home, built):
    cwd, xdg = home
    env = {"XDG_DATA_HOME": str(xdg)}
    a = run(cwd, "diff", "580-НҚ", "--from", "01.06.2026", "--to", "24.11.2026", "--json", **env)
    b = run(cwd, "diff", "580-НҚ", "--from", "2026-06-01", "--to", "2026-11-24", "--json", **env)
    assert a.returncode == 0 and a.stdout == b.stdout
    must = json.loads(run(cwd, "must-know", "Юрист", "--act", "580-НҚ", "--as-of", "24.11.2026", "--json", **env).stdout)
    assert must["as_of"] == "2026-11-24"
    bad = run(cwd, "must-know", "Юрист", "--as-of", "31.02.2026", **env)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "--as-of" in bad.stderr


def test_timeline_reads_as_a_table(home, built):
    cwd, xdg = home
    out = run(cwd, "timeline", "360", "--unit", "chp_1__para_4-1", XDG_DATA_HOME=str(xdg))
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "{'" not in text and "lower" not in text  # no Python dicts
    assert text.startswith("Приказ № 360 от 25.10.2017 (ru)")
    assert "Заместитель директора центра трудовой мобильности  [chp_1__para_4-1]" in text
    row = next(ln for ln in text.splitlines() if ln.lstrip().startswith("≥ 25.08.2024"))
    assert "amended (added)" in row and "приказ № 316 от 15.08.2024" in row


def test_diff_names_units_and_acts(home, built):
    cwd, xdg = home
    out = run(cwd, "diff", "580-НҚ", "--from", "01.06.2026", "--to", "24.11.2026", "--all",
              XDG_DATA_HOME=str(xdg)).stdout
    assert out.startswith("Приказ № 580-НҚ от 24.10.2025 (ru), 01.06.2026 → 24.11.2026")
    assert "superseded since 12.07.2026 by приказ № 188-НҚ от 16.04.2026" in out
    assert "Юрист, п. 38, абз. 6  [chp_2__para_12__point_38__al_6]" in out
    assert "{'" not in out and "2026-11-24" not in out


@pytest.mark.parametrize(
    "act, text",
    [({"number": "316", "date": "2024-08-15", "text": "приказом Министра … от 15.08.2024 № 316"},
      "приказ № 316 от 15.08.2024"),
     ({"number": "345", "date": "2023-05-15", "text": "Параграф 3 исключен приказом … № 345"},
      "приказ № 345 от 15.05.2023"),
     ({"number": "5", "date": "2020-01-02", "text": "постановлением Правительства …"}, "постановление № 5 от 02.01.2020"),
     ({"number": "73", "date": "2026-02-24", "text": "бұйрығымен"}, "бұйрық № 73 от 24.02.2026"),
     ({"number": "9"}, "№ 9"),
     (None, "—")],
)
def test_act_ref(act, text):
    assert act_ref(act) == text


def test_when_and_old_new():
    assert when({"lower": "2024-08-25", "upper": "2026-04-16"}) == "25.08.2024…16.04.2026"
    assert old_new({"old": None, "new": "текст"}) == ["      new: текст"]


class Tty(io.StringIO):
    def isatty(self):
        return True


def test_progress_on_a_terminal_only(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # a status line is cut to the terminal's width
    tty, pipe = Tty(), io.StringIO()
    for stream in (tty, pipe):
        p = Progress(stream)
        p.bar("building the knowledge base")(3, 9, "parsing /a/b/corpus/order-1/ru.txt")
        p.say("knowledge base built: 10 nodes")
    assert pipe.getvalue() == ""
    shown = tty.getvalue()
    assert "building the knowledge base" in shown and "3/9 parsing order-1/ru.txt" in shown
    assert "s] knowledge base built: 10 nodes" in shown and shown.endswith("\n")
    quiet = Tty()
    Progress(quiet, quiet=True).say("x")
    assert quiet.getvalue() == ""
