"""Diffs between editions that renumber, exclude and insert (issue 10), and the readable diff.

Two acts, each added to a temporary corpus with ``zangraph add --edition-date`` and built:

* order 623 (``tests/data/corpus_dev``, edition of 19.04.2022) and a second edition made from it
  (``tests/data/editions_renumber``, README there): a new Глава 1 Параграф 1 "added by order
  345", the old Параграф 1 renumbered to 2 with its points 1–3 → 3-1–3-3 and one alinea changed,
  Глава 2 Параграф 3 "excluded by order 345";
* the rescuer bonus rules (``tests/data/editions``), original of 2015-03-16 and the rules
  restated by order 318 of 14.08.2025, ru and kk: no positions, the same ids, points 2–6 and the
  preamble changed.

And defect 11: the readable diff carries every caveat of the JSON, and a position diff's header
counts that position's changes only.
"""

from __future__ import annotations

import json
import os

import pytest

from api.cli import main
from api.diff_render import flag_line, render_diff
from kb.diff import diff_as_of
from kb.matching import content_similarity, match_positions, title_similarity
from kb.timeline import EditionText, editions_of_act
from parser.corpus import read_corpus
from parser.pipeline import parse_path

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEV = os.path.join(ROOT, "tests", "data", "corpus_dev", "tkh-mvd-2020-623.ed2022-04-19.ru.txt")
ED2 = os.path.join(
    ROOT, "tests", "data", "editions_renumber", "tkh-mvd-2020-623.ed2023-05-15.ru.txt"
)
RESCUER = os.path.join(
    ROOT, "tests", "data", "editions", "rescuer-class-bonus-rules-89485-ed{date}.{lang}.txt"
)

NEW = "part_1__chp_1__para_1"  # in the 2023 edition: the inserted Заместитель начальника …
MOVED_A, MOVED_B = "part_1__chp_1__para_1", "part_1__chp_1__para_2"  # Начальник отдела-врач-председатель
EXCLUDED = "part_1__chp_2__para_3"  # Старший эксперт-врач (профильный специалист)
D1, D2 = "2023-01-01", "2024-01-01"


def cli(capsys, *argv):
    capsys.readouterr()
    rc = main([str(a) for a in argv])
    out = capsys.readouterr()
    assert rc == 0, out.err
    return out.out


def _corpus(tmp_path_factory, texts):
    root = tmp_path_factory.mktemp("edcorpus")
    corpus, data = root / "corpus", root / "data"
    corpus.mkdir()
    for path, date in texts:
        assert main(["add", path, "--corpus", str(corpus), "--edition-date", date, "--json"]) == 0
    assert main(["build", "--corpus", str(corpus), "--data", str(data), "--json"]) == 0
    return str(corpus), str(data)


@pytest.fixture(scope="module")
def kb623(tmp_path_factory):
    return _corpus(tmp_path_factory, [(DEV, "2022-04-19"), (ED2, "2023-05-15")])


@pytest.fixture(scope="module")
def rescuer(tmp_path_factory):
    return _corpus(
        tmp_path_factory,
        [(RESCUER.format(date=d, lang=lang), d)
         for d in ("2015-03-16", "2025-08-14") for lang in ("ru", "kk")],
    )


def diff_json(capsys, kb, *argv):
    corpus, data = kb
    return json.loads(cli(capsys, "diff", *argv, "--corpus", corpus, "--data", data, "--json"))


def diff_text(capsys, kb, *argv):
    corpus, data = kb
    return cli(capsys, "diff", *argv, "--corpus", corpus, "--data", data)


# --- matching on the parsed texts -------------------------------------------------------------------


@pytest.fixture(scope="module")
def docs623():
    return parse_path(DEV), parse_path(ED2)


def test_positions_paired_by_title_and_content_not_number(docs623):
    a, b = docs623
    pairs = {(m.a, m.b): m for m in match_positions(a.positions, b.positions)}
    moved = pairs[(MOVED_A, MOVED_B)]
    assert moved.method == "title" and moved.renumbered
    assert moved.title_similarity == 1.0 and moved.content_similarity > 0.9  # one requirement changed
    assert (None, NEW) in pairs  # the inserted position: no partner in 2022
    assert pairs[(EXCLUDED, EXCLUDED)].content_similarity == 0.0  # its text is removed, the title stays
    assert all(m.a is not None for m in pairs.values() if m.b != NEW)  # nothing else is unpaired
    assert len(pairs) == len(b.positions)


def test_content_pairs_a_renamed_position(docs623):
    a, b = docs623
    pa = next(p for p in a.positions if p.id == "part_1__chp_2__para_4")
    renamed = type(pa)(**{**pa.__dict__, "title": "Эксперт-врач (специалист по профилю)", "id": "x"})
    (m,) = [m for m in match_positions([pa], [renamed]) if m.a and m.b]
    assert m.method == "content" and m.content_similarity == 1.0 and m.title_similarity < 0.8
    assert content_similarity(pa, renamed) == 1.0
    assert title_similarity("Врач статистик", "Врач-статистик") == 1.0


# --- the 623 act diff between two dated editions ------------------------------------------------------


def test_623_positions(capsys, kb623):
    d = diff_json(capsys, kb623, "623", "--from", D1, "--to", D2, "--lang", "ru")
    assert (d["edition_a"], d["edition_b"]) == ("ru@2022-04-19", "ru@2023-05-15")
    changes = {(p["a"], p["b"]): p for p in d["positions"]}
    new = changes[(None, NEW)]
    assert new["status"] == "added" and new["by"]["number"] == "345" and new["by"]["date"] == "2023-05-15"
    assert new["title_b"].startswith("Заместитель начальника отдела-врача-председателя")
    moved = changes[(MOVED_A, MOVED_B)]
    assert moved["status"] == "changed" and moved["renumbered"] and moved["method"] == "title"
    assert moved["counts"] == {"changed": 1, "renumbered": 31}
    gone = changes[(EXCLUDED, EXCLUDED)]
    assert gone["status"] == "excluded" and gone["by"]["number"] == "345"
    assert "Параграф 3 исключен приказом" in gone["by"]["text"]
    # never "deleted + added": no position or unit is removed, and only the new position's units are added
    assert not [p for p in d["positions"] if p["status"] == "removed"]
    assert d["counts"]["removed"] == 0
    added = [o["eid"] for o in d["data"] if o["status"] == "added"]
    assert len(added) == 14 and all(e == NEW or e.startswith(NEW + "__") for e in added)
    assert {o["by"]["number"] for o in d["data"] if o["status"] == "added"} == {"345"}


def test_623_units_renumbered_and_excluded(capsys, kb623):
    d = diff_json(capsys, kb623, "623", "--from", D1, "--to", D2, "--lang", "ru")
    ops = {o["eid_a"] or o["eid"]: o for o in d["data"] if o["status"] != "added"}
    for old, new in (("point_1", "point_3-1"), ("point_2", "point_3-2"), ("point_3", "point_3-3")):
        op = ops[f"{MOVED_A}__{old}"]
        assert op["eid"] == f"{MOVED_B}__{new}" and op["status"] == "renumbered" and op["renumbered"]
    op = ops[f"{MOVED_A}__point_1__al_2"]
    assert (op["status"], op["eid"]) == ("renumbered", f"{MOVED_B}__point_3-1__al_2")
    changed = ops[f"{MOVED_A}__point_3__al_3"]
    assert changed["status"] == "changed" and changed["eid"] == f"{MOVED_B}__point_3-3__al_3"
    assert "не менее <del>3</del><ins>4</ins> лет" in changed["html"]
    excluded = [o for o in d["data"] if o["status"] == "excluded"]
    # the Параграф's heading (kept in the new edition) and its 22 units whose text was removed
    assert len(excluded) == 23 and {o["by"]["number"] for o in excluded} == {"345"}
    assert {o["eid"] for o in excluded} >= {EXCLUDED, f"{EXCLUDED}__point_10", f"{EXCLUDED}__point_12__al_3"}
    # units outside the three positions keep their ids: nothing there is renumbered
    assert all(o["eid"].startswith((MOVED_B, NEW)) for o in d["data"] if o["eid_a"])


def test_623_readable(capsys, kb623):
    out = diff_text(capsys, kb623, "623", "--from", D1, "--to", D2, "--lang", "ru")
    lines = out.splitlines()

    def row(*cells):  # a table row holding these cells, in this order
        return any(all(c in ln for c in cells) and ln.index(cells[0]) < ln.index(cells[-1]) for ln in lines)

    assert row("added", "приказ № 345 от 15.05.2023", "Заместитель начальника", f"[{NEW}]")
    assert row("changed (renumbered)", "Начальник отдела-врач-председатель", f"[{MOVED_A} → {MOVED_B}]")
    assert "paired by title (title 1.00, content 0.96)" in out
    assert row("excluded", "приказ № 345 от 15.05.2023", "Старший эксперт-врач", f"[{EXCLUDED}]")
    assert row("changed (renumbered)", "п. 3-3, абз. 3", f"[{MOVED_A}__point_3__al_3 → {MOVED_B}__point_3-3__al_3]")
    assert "не менее [-3-] лет" in out and "не менее {+4+} лет" in out  # old and new text, the change marked
    assert "removed" not in out
    full = diff_text(capsys, kb623, "623", "--from", D1, "--to", D2, "--lang", "ru", "--all")
    assert any(ln.lstrip().startswith("renumbered") and f"[{MOVED_A}__point_2 → {MOVED_B}__point_3-2]" in ln
               for ln in full.splitlines())


def test_623_position_diff_follows_the_renumbering(capsys, kb623):
    d = diff_json(capsys, kb623, f"623:{MOVED_B}", "--from", D1, "--to", D2, "--lang", "ru")
    assert d["position_change"]["a"] == MOVED_A and d["position_change"]["b"] == MOVED_B
    nonzero = {k: v for k, v in d["counts"].items() if v}
    assert nonzero == {"changed": 1, "renumbered": 31}  # this position's units only
    assert d["count"] == 32 and all(o["eid"].startswith(MOVED_B) for o in d["data"])
    out = diff_text(capsys, kb623, f"623:{MOVED_B}", "--from", D1, "--to", D2, "--lang", "ru")
    header = out.splitlines()[0]
    assert header.startswith("Начальник отдела-врач-председатель")
    assert header.endswith(": changed 1, renumbered 31")
    assert "excluded" not in header and "added" not in header  # not the whole act's counts (defect 11)
    gone = diff_json(capsys, kb623, f"623:{EXCLUDED}", "--from", D1, "--to", D2, "--lang", "ru")
    assert gone["position_change"]["status"] == "excluded"
    assert {k: v for k, v in gone["counts"].items() if v} == {"excluded": 23}


def test_623_same_edition_pairs_everything_with_itself():
    """Two dates in one edition: every position pairs with itself, nothing moves."""
    doc = parse_path(DEV)
    ed = EditionText(act="/akn/kz/act/order/2020-09-11/623", lang="ru", date_from="2022-04-19", date_to=None,
                     known_from_lower="2020-09-27", source_path=DEV, doc=doc)
    d = diff_as_of([ed], "ru", "2023-01-01", "2024-01-01")
    assert {p.status for p in d.positions} <= {"unchanged", "flagged"}
    assert not d.by_status("renumbered") and not d.by_status("excluded") and not d.by_status("added")


# --- the rescuer rules: restated, the same ids ----------------------------------------------------------


RESTATED = {"preamble", "point_2", "point_3", "point_4", "point_5", "point_6"}  # order 318; point 1 is not


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_rescuer_editions_2015_2025(capsys, rescuer, lang):
    """The two editions as published: what order 318 restated."""
    argv = ("226", "--from", "2015-03-16", "--to", "2025-08-14", "--lang", lang, "--editions")
    d = diff_json(capsys, rescuer, *argv)
    assert (d["edition_a"], d["edition_b"]) == (f"{lang}@2015-03-16", f"{lang}@2025-08-14")
    assert {o["eid"] for o in d["data"] if o["status"] == "changed"} == RESTATED
    assert {k for k, v in d["counts"].items() if v} == {"changed", "unchanged"}
    assert d["positions"] == [] and not any(o["eid_a"] for o in d["data"])  # no positions, the same ids
    assert [f["kind"] for f in d["flags_b"]] == ["texts_as_published"]
    out = diff_text(capsys, rescuer, *argv)
    assert any(ln.lstrip().startswith("changed") and "[point_2]" in ln for ln in out.splitlines())
    assert "[-70-12-]" in out and "{+59+}" in out
    assert "texts_as_published" in out.splitlines()[2]
    assert "positions:" not in out and "renumbered" not in out and "point_1" not in out


def test_rescuer_by_dates(capsys, rescuer):
    """By the texts in force: on 2015-03-16 the order was not yet in force, and on 2025-08-14 the
    restated rules were not yet either (in force ten days after publication): flagged, and the
    readable diff says both; from 2020 to a day after the interval the restated points changed."""
    d = diff_json(capsys, rescuer, "226", "--from", "2015-03-16", "--to", "2025-08-14", "--lang", "ru")
    assert {k for k, v in d["counts"].items() if v} == {"flagged"}
    assert {f["kind"] for o in d["data"] for f in o["flags_a"]} == {"not_yet_in_force"}
    (earlier,) = [f for f in d["flags_b"] if f["kind"] == "earlier_edition_in_force"]
    assert earlier["edition"] == "ru@2015-03-16"
    out = diff_text(capsys, rescuer, "226", "--from", "2015-03-16", "--to", "2025-08-14", "--lang", "ru")
    assert "! as of 14.08.2025: earlier_edition_in_force" in out
    assert "as of 16.03.2015: not_yet_in_force" in out
    d = diff_json(capsys, rescuer, "226", "--from", "2020-01-01", "--to", "2025-09-01", "--lang", "kk")
    assert {o["eid"] for o in d["data"] if o["status"] == "changed"} == RESTATED


# --- defect 11: every caveat of the JSON in the readable diff ---------------------------------------------


@pytest.fixture(scope="module")
def diff580():
    act = next(a for a in read_corpus(os.path.join(ROOT, "corpus")) if a.work.endswith("580-nk"))
    return diff_as_of(editions_of_act(act), "ru", "2026-06-01", "2026-11-24").to_dict()


def test_readable_diff_carries_the_copy_window_caveat(diff580):
    kinds = [f["kind"] for f in diff580["flags_b"]]
    assert "after_copy_window" in kinds
    lines = render_diff(diff580)
    window = [ln for ln in lines if "after_copy_window" in ln]
    assert window
    assert window[0].startswith("  ! as of 24.11.2026: after_copy_window: the texts are known until 11.07.2026")
    assert "later changes are unknown" in window[0]
    # every act-level flag of either date, and every distinct unit flag, is in the text
    for side in ("flags_a", "flags_b"):
        for f in diff580[side]:
            assert any(flag_line(f) in ln for ln in lines)
    text = "\n".join(lines)
    for o in diff580["data"]:
        for f in o["flags_a"] + o["flags_b"]:
            assert flag_line(f) in text
    assert "superseded since 12.07.2026 by приказ № 188-НҚ от 16.04.2026" in text


def test_flag_line_reads_intervals():
    f = {"kind": "not_yet_existing", "since": {"lower": "2023-05-25", "upper": None}, "certain": False,
         "by": {"number": "345", "date": "2023-05-15"}}
    assert flag_line(f) == ("not_yet_existing since not before 25.05.2023 (day unknown) "
                            "by № 345 от 15.05.2023 (not certain)")
