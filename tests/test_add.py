"""``zangraph add``: texts into a corpus, ``act.json`` written from what each text says.

Every test works in a temporary corpus (never the project's ``corpus/``).  The texts are the
development corpus (``tests/data/corpus_dev``, byte-identical copies)
and the two editions of order 226 in ``tests/data/editions``.

The expected values are read by eye from the texts (see the corpus-dev ``MANIFEST.md``).  Where
the text gives no number or date ("№ ___"), ``add`` must stop and ask for ``--number``/``--date``.

The end-to-end test (add → build → queries) can be run alone: ``pytest tests/test_add.py -k end_to_end``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from api.cli import main
from parser.corpus import CorpusError, read_corpus

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEV = os.path.join(ROOT, "tests", "data", "corpus_dev")  # byte-identical copies (test_corpus_dev checks them)
EDITIONS = os.path.join(ROOT, "tests", "data", "editions")



@pytest.fixture
def src(tmp_path):
    """A copy of the development corpus (texts are added from here, never from the shared folder)."""
    out = tmp_path / "src"
    shutil.copytree(DEV, out)
    return out


@pytest.fixture
def corpus(tmp_path):
    out = tmp_path / "corpus"
    out.mkdir()
    return out


def cli(capsys, *argv):
    """Run the CLI in-process: (exit code, stdout, stderr)."""
    capsys.readouterr()
    rc = main([str(a) for a in argv])
    out = capsys.readouterr()
    return rc, out.out, out.err


def add(capsys, corpus, *argv):
    rc, out, err = cli(capsys, "add", *argv, "--corpus", corpus, "--json")
    assert rc == 0, err
    assert "Traceback" not in err
    return json.loads(out)


def act_jsons(corpus):
    """folder name -> act.json of every act in the corpus."""
    out = {}
    for name in sorted(os.listdir(corpus)):
        with open(os.path.join(corpus, name, "act.json"), encoding="utf-8") as fh:
            out[name] = json.load(fh)
    return out


# --- each development text: ru then kk joins the same act -------------------------------------------

# stem, suffix, flags the text needs, expected act.json fields (by eye from the text), expected edition
CASES = [
    ("tkh-mvd-2020-623.ed2022-04-19", ".txt", [],
     {"type": "order", "number": "623", "date": "2020-09-11", "work": "/akn/kz/act/order/2020-09-11/623",
      "registration": {"date": "2020-09-17", "number": "21222"}, "subject": "tkh"}, "2022-04-19"),
    ("staffing-mvd-2018-86-support-staff-norms", ".txt", [],
     {"type": "order", "number": "86", "date": "2018-02-02", "work": "/akn/kz/act/order/2018-02-02/86",
      "registration": None}, None),
    ("attestation-rules-mvd-2018-507.ed2021-06-21", ".txt", [],
     {"type": "order", "number": "507", "date": "2018-07-11", "work": "/akn/kz/act/order/2018-07-11/507",
      "registration": None, "subject": "rules"}, "2021-06-21"),
    ("register-ap-2019-civil-servant-positions.ed2020-11-12", ".txt", [],
     {"type": "order", "number": "19-42-3.3.17", "date": "2019-10-07",
      "work": "/akn/kz/act/order/2019-10-07/19-42-3-3-17"}, "2020-11-12"),
    ("adilet-page-V1600014606", ".html", [],
     {"type": "order", "number": "688", "date": "2016-12-26", "work": "/akn/kz/act/order/2016-12-26/688",
      "registration": {"date": "2016-12-27", "number": "14606"}}, None),
    ("ps-mvd-2019-1069-emergency-safety", ".txt", ["--number", "1069", "--date", "2019-12-18"],
     {"type": "order", "number": "1069", "date": "2019-12-18", "work": "/akn/kz/act/order/2019-12-18/1069",
      "subject": "professional_standard"}, None),
    ("ps-mvd-2025-716-private-security", ".txt", ["--number", "716", "--date", "2025-09-25"],
     {"type": "order", "number": "716", "date": "2025-09-25", "work": "/akn/kz/act/order/2025-09-25/716",
      "subject": "professional_standard"}, None),
    # laws: the texts name neither number nor date (the law's own requisites are not in them)
    ("law-holidays-2001-267", ".txt", ["--number", "267", "--date", "2001-12-13"],
     {"type": "law", "number": "267", "date": "2001-12-13", "work": "/akn/kz/act/law/2001-12-13/267"}, None),
    ("law-holidays-amendment-2008-47-IV", ".txt", ["--number", "47-IV", "--date", "2008-06-25"],
     {"type": "law", "number": "47-IV", "date": "2008-06-25", "work": "/akn/kz/act/law/2008-06-25/47-iv"}, None),
]


@pytest.mark.parametrize("stem, suffix, flags, expected, edition", CASES, ids=[c[0] for c in CASES])
def test_add_ru_then_kk_joins_one_act(capsys, src, corpus, stem, suffix, flags, expected, edition):
    ru = add(capsys, corpus, src / f"{stem}.ru{suffix}", *flags)
    assert ru[0]["status"] == "added"
    kk = add(capsys, corpus, src / f"{stem}.kk{suffix}", *flags)
    assert kk[0]["status"] == "joined" and kk[0]["act"] == ru[0]["act"]

    (folder, meta), = act_jsons(corpus).items()  # one act, both texts
    assert folder == f"{expected['type']}-{expected['date']}-{expected['work'].rsplit('/', 1)[1]}"
    for key, value in expected.items():
        assert meta.get(key) == value, key
    assert set(meta["title"]) == {"ru", "kk"} and all(meta["title"].values())
    exprs = {e["lang"]: e for e in meta["expressions"]}
    assert set(exprs) == {"ru", "kk"}
    for lang, e in exprs.items():
        with open(src / f"{stem}.{lang}{suffix}", "rb") as a, open(corpus / folder / e["file"], "rb") as b:
            assert a.read() == b.read()  # the bytes, unchanged
        if edition:
            assert e["edition"] == {"kind": "edition", "date": edition}
        else:
            assert e["edition"]["kind"] == "copy"
    if suffix == ".html":
        assert {e["format"] for e in exprs.values()} == {"adilet_html"}
    (act,) = read_corpus(str(corpus))  # what was written passes the corpus checks
    assert act.work == expected["work"]


@pytest.mark.parametrize("stem", ["ps-mvd-2019-1069-emergency-safety", "ps-mvd-2025-716-private-security"])
@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_blank_number_and_date_are_asked_for(capsys, src, corpus, stem, lang):
    path = src / f"{stem}.{lang}.txt"
    rc, out, err = cli(capsys, "add", path, "--corpus", corpus)
    assert rc == 2 and "Traceback" not in err
    assert str(path) in err and "number" in err and "date" in err and "--number" in err and "--date" in err
    assert os.listdir(corpus) == []  # nothing written


def test_type_is_read_from_the_text(capsys, src, corpus):
    res = add(capsys, corpus, src / "law-holidays-2001-267.kk.txt", "--number", "267", "--date", "2001-12-13")
    assert res[0]["read"]["type"]["value"] == "law"
    res = add(capsys, corpus, src / "ps-mvd-2025-716-private-security.ru.txt", "--number", "716", "--date", "2025-09-25")
    assert res[0]["read"]["type"]["value"] == "order" and "ПРИКАЗЫВАЮ" in res[0]["read"]["type"]["source"]


def test_language_from_name_else_from_the_text(capsys, src, corpus, tmp_path):
    flags = ["--number", "716", "--date", "2025-09-25"]
    shutil.copyfile(src / "ps-mvd-2025-716-private-security.kk.txt", tmp_path / "no-language-in-name.txt")
    res = add(capsys, corpus, tmp_path / "no-language-in-name.txt", *flags)
    assert res[0]["read"]["language"]["value"] == "kk"
    assert "Kazakh letters" in res[0]["read"]["language"]["source"]
    res = add(capsys, corpus, src / "ps-mvd-2025-716-private-security.ru.txt", *flags)
    assert res[0]["read"]["language"] == {"value": "ru", "source": "file name"}
    shutil.copyfile(src / "ps-mvd-2025-716-private-security.ru.txt", tmp_path / "other.txt")
    with open(tmp_path / "other.txt", "ab") as fh:
        fh.write(b"\n")
    rc, _, err = cli(capsys, "add", tmp_path / "other.txt", "--corpus", corpus, *flags, "--lang", "kk",
                     "--edition-date", "2026-01-01")
    assert rc == 0, err
    langs = sorted((e["lang"], e["edition"].get("date") or "") for e in act_jsons(corpus)["order-2025-09-25-716"]["expressions"])
    assert langs == [("kk", ""), ("kk", "2026-01-01"), ("ru", "")]  # --lang wins over the text


def test_same_file_twice_is_a_no_op(capsys, src, corpus):
    flags = ["--number", "716", "--date", "2025-09-25"]
    add(capsys, corpus, src / "ps-mvd-2025-716-private-security.ru.txt", *flags)
    before = act_jsons(corpus)
    rc, out, err = cli(capsys, "add", src / "ps-mvd-2025-716-private-security.ru.txt", "--corpus", corpus, *flags)
    assert rc == 0 and "nothing to do" in out
    assert act_jsons(corpus) == before
    assert sorted(os.listdir(corpus / "order-2025-09-25-716")) == ["act.json", "ru.txt"]


def test_act_flag_joins_a_language_and_edition_date_an_edition(capsys, src, corpus, tmp_path):
    add(capsys, corpus, src / "ps-mvd-2025-716-private-security.ru.txt", "--number", "716", "--date", "2025-09-25")
    res = add(capsys, corpus, src / "ps-mvd-2025-716-private-security.kk.txt", "--act", "716")
    assert res[0]["status"] == "joined" and res[0]["act"] == "/akn/kz/act/order/2025-09-25/716"
    # another text of the same language and edition: refused, with the flag that would make it an edition
    changed = tmp_path / "716-changed.ru.txt"
    shutil.copyfile(src / "ps-mvd-2025-716-private-security.ru.txt", changed)
    with open(changed, "ab") as fh:
        fh.write("\n17. Новый пункт.\n".encode())
    rc, _, err = cli(capsys, "add", changed, "--corpus", corpus, "--act", "716")
    assert rc == 2 and "--edition-date" in err and str(changed) in err
    res = add(capsys, corpus, changed, "--act", "/akn/kz/act/order/2025-09-25/716", "--edition-date", "2026-03-01")
    assert res[0]["expression"]["edition"] == {"kind": "edition", "date": "2026-03-01"}
    assert res[0]["expression"]["file"] == "ru.2026-03-01.txt"
    (act,) = read_corpus(str(corpus))
    assert sorted((e.lang, e.edition_date or "") for e in act.expressions) == [("kk", ""), ("ru", ""), ("ru", "2026-03-01")]


def test_unknown_act_and_bad_flags_are_one_line(capsys, corpus, tmp_path):
    text = tmp_path / "x.ru.txt"
    text.write_text("# Об утверждении\n\nПРИКАЗЫВАЮ:\n\n1. Утвердить.\n", encoding="utf-8")
    for argv, needle in (
        (["--act", "999"], "no such act"),
        (["--date", "2020-13-45", "--number", "1"], "--date"),
        (["--edition-date", "20-01-01"], "--edition-date"),
        (["--format", "docx"], "--format"),
    ):
        rc, _, err = cli(capsys, "add", text, "--corpus", corpus, *argv)
        assert rc == 2 and needle in err and "Traceback" not in err, (argv, err)


def test_front_matter_editions_make_one_act(capsys, corpus):
    """Order 226 in two editions (register exports with YAML front matter), ru and kk."""
    names = sorted(os.listdir(EDITIONS))
    texts = [os.path.join(EDITIONS, n) for n in names if n.endswith(".txt")]
    add(capsys, corpus, *texts)
    (folder, meta), = act_jsons(corpus).items()
    assert folder == "order-2015-03-16-226"
    assert meta["number"] == "226" and meta["date"] == "2015-03-16"
    assert meta["registration"] == {"date": "2015-04-24", "number": "10797"}
    assert sorted((e["lang"], e["edition"]["date"]) for e in meta["expressions"]) == [
        ("kk", "2015-03-16"), ("kk", "2025-08-14"), ("ru", "2015-03-16"), ("ru", "2025-08-14")]
    assert {e["format"] for e in meta["expressions"]} == {"markdown"}


# --- a corpus that is wrong: build says which file and field, exit code 2 -------------------------


def _act(corpus, tmp_path):
    """A minimal valid act in ``corpus`` (independent of the parser's header reading)."""
    folder = corpus / "order-2020-01-01-1"
    folder.mkdir()
    (folder / "ru.txt").write_text("# Об утверждении\n\nПРИКАЗЫВАЮ:\n\n1. Утвердить.\n", encoding="utf-8")
    from parser.corpus import sha256

    meta = {"work": "/akn/kz/act/order/2020-01-01/1", "type": "order", "number": "1", "date": "2020-01-01",
            "issuer": None, "registration": None, "title": {"ru": "Об утверждении"},
            "expressions": [{"lang": "ru", "file": "ru.txt", "format": "markdown",
                             "sha256": sha256(str(folder / "ru.txt")), "edition": {"kind": "copy"}}]}
    return folder, meta


@pytest.mark.parametrize(
    "change, field",
    [
        (lambda m: m["expressions"][0].update(sha256="0" * 64), "expressions[0].sha256"),
        (lambda m: m.update(date="2020-13-45"), "date"),
        (lambda m: m.update(work="not/a/work"), "work"),
    ],
    ids=["sha256", "date", "work"],
)
def test_build_names_file_and_field_of_a_bad_act_json(corpus, tmp_path, change, field):
    folder, meta = _act(corpus, tmp_path)
    change(meta)
    (folder / "act.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CorpusError, match=f"act.json: {field.replace('[', '.').replace(']', '.')}"):
        read_corpus(str(corpus))
    out = subprocess.run([sys.executable, "-m", "api.cli", "build", "--corpus", str(corpus), "--data",
                          str(tmp_path / "data")], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 2, out.stderr
    assert str(folder / "act.json") in out.stderr and f": {field}:" in out.stderr
    assert "Traceback" not in out.stderr and out.stderr.count("\n") == 1


# --- end to end: add → build → the queries answer for the new acts ---------------------------------


def test_end_to_end_add_build_query(capsys, src, corpus, tmp_path):
    data = tmp_path / "data"
    add(capsys, corpus, src / "tkh-mvd-2020-623.ed2022-04-19.ru.txt", src / "tkh-mvd-2020-623.ed2022-04-19.kk.txt")
    add(capsys, corpus, src / "ps-mvd-2025-716-private-security.ru.txt", src / "ps-mvd-2025-716-private-security.kk.txt",
        "--number", "716", "--date", "2025-09-25")
    assert sorted(os.listdir(corpus)) == ["order-2020-09-11-623", "order-2025-09-25-716"]

    def js(*argv):
        rc, out, err = cli(capsys, *argv, "--corpus", corpus, "--data", data, "--json")
        assert rc == 0, err
        return json.loads(out)

    built = js("build")
    assert built["nodes"] > 0 and built["index"]
    work623 = "/akn/kz/act/order/2020-09-11/623"
    work716 = "/akn/kz/act/order/2025-09-25/716"

    mk = js("must-know", "Архивариус", "--act", "623", "--as-of", "2023-01-01")
    assert mk["position"]["act_number"] == "623" and mk["acts"]
    assert any("Конституц" in (a["name_ru"] or "") for a in mk["acts"])  # п. 26: "Конституцию Республики Казахстан"

    who = js("who-must-know", "Конституция Республики Казахстан", "--as-of", "2023-01-01")
    assert any(p["act"] == work623 for p in who["positions"])

    hits = js("search", "военно-врачебной комиссии", "--as-of", "2023-01-01")
    assert hits["total"] > 0 and any(h["act"] == work623 for h in hits["hits"])
    hits = js("search", "охранной деятельности", "--as-of", "2026-01-01")
    assert hits["total"] > 0 and any(h["act"] == work716 for h in hits["hits"])

    tl = js("timeline", "623")
    assert tl["act"] == work623 and any(e["from"] == "2022-04-19" for e in tl["editions"])

    par = js("parity", "623")
    assert par["units"]["common"] > 100
    par = js("parity", "716")
    assert par["units"]["common"] > 50
    assert work716 in {a.work for a in read_corpus(str(corpus))}
