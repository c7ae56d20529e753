# ruff: noqa: E501  (the tables hold the real note texts whole, as they stand in the seeds)
"""Amendment notes: every real note of the seeds, the forms the seeds lack, and malformed notes.

The table ``REAL`` holds each note of /work/shared/seeds/ as the structure parser hands it over
(markdown marks and indentation stripped): 000 has 10 ИЗПИ notes + 1 Сноска; 002 has 6 ИЗПИ,
18 Сноска and 1 РЦПИ; 004 has 7 ИЗПИ, one of them about the whole act.
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

import parser.notes as notes_module
from parser.models import ActRef, Effective, Span, Target
from parser.notes import (
    NoteError,
    is_note_start,
    normalise_note_text,
    note_is_complete,
    parse_effective,
    parse_note,
    parse_target,
)

# The seeds are kept byte for byte in corpus/ (act.json names each file's source seed).
_ROOT = Path(__file__).resolve().parents[1]
SEED_PATHS = {
    e["source"]: _ROOT / "corpus" / meta.parent.name / e["file"]
    for meta in sorted((_ROOT / "corpus").glob("*/act.json"))
    for e in __import__("json").loads(meta.read_text(encoding="utf-8"))["expressions"]
}
SEED_FILES = {
    "000": "000_7543c7292fe73441.txt",
    "002": "002_02f4d226a4fb9b82.txt",
    "004": "004_efa396441f2b22fb.txt",
}

# --- factories -------------------------------------------------------------------------------

MLSP = "Министра труда и социальной защиты населения РК"


def act(issuer: str, date: str, number: str) -> tuple[str, str, str]:
    return (issuer, date, number)


ACT_188 = act("Заместителя Премьер-Министра - Министра культуры и информации РК", "2026-04-16", "188-НҚ")
ACT_73 = act(MLSP, "2026-02-24", "73")
ACT_109 = act(MLSP, "2026-03-31", "109")
ACT_316 = act(MLSP, "2024-08-15", "316")
ACT_309 = act(MLSP, "2025-10-06", "309")
ACT_488 = act(MLSP, "2021-12-23", "488")
ACT_220 = act("Заместителя Премьер-Министра - Министра труда и социальной защиты населения РК", "2023-06-14", "220")


def T(text: str, scope: str, **kw) -> Target:
    return Target(text=text, scope=scope, **kw)


def exact(date: str) -> dict:
    return {"kind": "exact", "date": date, "lower": None, "upper": None, "days": None}


def after_pub(days: int, lower: str | None) -> dict:
    return {"kind": "after_publication", "date": None, "lower": lower, "upper": None, "days": days}


def unknown(text: str) -> dict:
    return {"kind": "unknown", "date": None, "lower": None, "upper": None, "days": None, "text": text}


def case(file, line, lines, source, kind, target, act_, effective, added=None):
    return pytest.param(file, line, lines, source, kind, target, act_, effective, added, id=f"{file}:{line}")


# --- every real note of the seeds ------------------------------------------------------------

REAL = [
    case('000', 112, ['Примечание ИЗПИ!', 'Абзац девятый пункта 5 предусматривается в редакции приказа Заместителя Премьер-Министра - Министра культуры и информации РК от 16.04.2026 № 188-НҚ (вводятся в действие с 12.07.2026).'],
         'izpi', 'restated', T('Абзац девятый пункта 5', 'alinea', point='5', alinea=9), ACT_188, exact('2026-07-12')),
    case('000', 195, ['Примечание ИЗПИ!', 'Абзац девятый пункта 8 предусматривается в редакции приказа Заместителя Премьер-Министра - Министра культуры и информации РК от 16.04.2026 № 188-НҚ (вводятся в действие с 12.07.2026).'],
         'izpi', 'restated', T('Абзац девятый пункта 8', 'alinea', point='8', alinea=9), ACT_188, exact('2026-07-12')),
    case('000', 270, ['Примечание ИЗПИ!', 'Абзац девятый пункта 11 предусматривается в редакции приказа Заместителя Премьер-Министра - Министра культуры и информации РК от 16.04.2026 № 188-НҚ (вводятся в действие с 12.07.2026).'],
         'izpi', 'restated', T('Абзац девятый пункта 11', 'alinea', point='11', alinea=9), ACT_188, exact('2026-07-12')),
    case('000', 345, ['Примечание ИЗПИ!', 'Абзац пятый пункта 14 предусматривается в редакции приказа Заместителя Премьер-Министра - Министра культуры и информации РК от 16.04.2026 № 188-НҚ (вводятся в действие с 12.07.2026).'],
         'izpi', 'restated', T('Абзац пятый пункта 14', 'alinea', point='14', alinea=5), ACT_188, exact('2026-07-12')),
    case('000', 408, ['Примечание ИЗПИ!', 'Абзац четвертый пункта 17 предусматривается в редакции приказа Заместителя Премьер-Министра - Министра культуры и информации РК от 16.04.2026 № 188-НҚ (вводятся в действие с 12.07.2026).'],
         'izpi', 'restated', T('Абзац четвертый пункта 17', 'alinea', point='17', alinea=4), ACT_188, exact('2026-07-12')),
    case('000', 503, ['Примечание ИЗПИ!', 'Абзац пятый пункта 20 предусматривается в редакции приказа Заместителя Премьер-Министра - Министра культуры и информации РК от 16.04.2026 № 188-НҚ (вводятся в действие с 12.07.2026).'],
         'izpi', 'restated', T('Абзац пятый пункта 20', 'alinea', point='20', alinea=5), ACT_188, exact('2026-07-12')),
    case('000', 623, ['Примечание ИЗПИ!', 'Абзац седьмой пункта 26 предусматривается в редакции приказа Заместителя Премьер-Министра - Министра культуры и информации РК от 16.04.2026 № 188-НҚ (вводятся в действие с 12.07.2026).'],
         'izpi', 'restated', T('Абзац седьмой пункта 26', 'alinea', point='26', alinea=7), ACT_188, exact('2026-07-12')),
    case('000', 745, ['Примечание ИЗПИ!', 'Абзац седьмой пункта 32 предусматривается в редакции приказа Заместителя Премьер-Министра - Министра культуры и информации РК от 16.04.2026 № 188-НҚ (вводятся в действие с 12.07.2026).'],
         'izpi', 'restated', T('Абзац седьмой пункта 32', 'alinea', point='32', alinea=7), ACT_188, exact('2026-07-12')),
    case('000', 808, ['Примечание ИЗПИ!', 'Абзац седьмой пункта 35 предусматривается в редакции приказа Заместителя Премьер-Министра - Министра культуры и информации РК от 16.04.2026 № 188-НҚ (вводятся в действие с 12.07.2026).'],
         'izpi', 'restated', T('Абзац седьмой пункта 35', 'alinea', point='35', alinea=7), ACT_188, exact('2026-07-12')),
    case('000', 837, ['Сноска. В заголовок параграфа 12 внесено изменение на казахском языке, текст на русском языке не меняется в соответствии с приказом Заместителя Премьер-Министра - Министра культуры и информации РК от 16.04.2026 № 188-НҚ (вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования).'],
         'footnote', 'kk_only', T('заголовок параграфа 12', 'section_heading', section='12'), ACT_188, after_pub(10, '2026-04-26')),
    case('000', 861, ['Примечание ИЗПИ!', 'Абзац шестой пункта 38 предусматривается в редакции приказа Заместителя Премьер-Министра - Министра культуры и информации РК от 16.04.2026 № 188-НҚ (вводятся в действие с 12.07.2026).'],
         'izpi', 'restated', T('Абзац шестой пункта 38', 'alinea', point='38', alinea=6), ACT_188, exact('2026-07-12')),
    case('002', 7, ['Примечание РЦПИ!', 'Порядок введения в действие см. п.5'],
         'rcpi', 'commencement', T('Порядок введения в действие см. п.5', 'act'), None, unknown('см. п.5')),
    case('002', 13, ['Сноска. Преамбула - в редакции приказа Министра труда и социальной защиты населения РК от 23.12.2021 № 488 (вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования).'],
         'footnote', 'restated', T('Преамбула', 'preamble'), ACT_488, after_pub(10, '2022-01-02')),
    case('002', 63, ['Сноска. Типовые квалификационные характеристики - в редакции приказа Заместителя Премьер-Министра - Министра труда и социальной защиты населения РК от 14.06.2023 № 220 (вводится в действие с 01.07.2023).'],
         'footnote', 'restated', T('Типовые квалификационные характеристики', 'annex'), ACT_220, exact('2023-07-01')),
    case('002', 215, ['Примечание ИЗПИ!', 'Пункт 7 предусматривается в редакции приказа Министра труда и социальной защиты населения РК от 24.02.2026 № 73 (вводится в действие с 11.07.2026).'],
         'izpi', 'restated', T('Пункт 7', 'point', point='7'), ACT_73, exact('2026-07-11')),
    case('002', 307, ['Сноска. Пункт 9 - в редакции приказа Министра труда и социальной защиты населения РК от 15.08.2024 № 316 (вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования).'],
         'footnote', 'restated', T('Пункт 9', 'point', point='9'), ACT_316, after_pub(10, '2024-08-25')),
    case('002', 311, ['Примечание ИЗПИ!', 'Пункт 10 предусматривается в редакции приказа Министра труда и социальной защиты населения РК от 24.02.2026 № 73 (вводится в действие с 11.07.2026).'],
         'izpi', 'restated', T('Пункт 10', 'point', point='10'), ACT_73, exact('2026-07-11')),
    case('002', 407, ['Сноска. Пункт 12 - в редакции приказа Министра труда и социальной защиты населения РК от 15.08.2024 № 316 (вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования).'],
         'footnote', 'restated', T('Пункт 12', 'point', point='12'), ACT_316, after_pub(10, '2024-08-25')),
    case('002', 411, ['Сноска. Глава 1 дополнена параграфом 4-1 в соответствии с приказом Министра труда и социальной защиты населения РК от 15.08.2024 № 316 (вводится в действие по', 'истечении десяти календарных дней после дня его первого официального опубликования).'],
         'footnote', 'added', T('Глава 1', 'chapter', chapter='1'), ACT_316, after_pub(10, '2024-08-25'), added='параграф 4-1'),
    case('002', 447, ['Примечание ИЗПИ!', 'Абзац семнадцать пункта 12-1 предусматривается в редакции приказа Министра труда и социальной защиты населения РК от 24.02.2026 № 73 (вводится в действие с 11.07.2026).'],
         'izpi', 'restated', T('Абзац семнадцать пункта 12-1', 'alinea', point='12-1', alinea=17), ACT_73, exact('2026-07-11')),
    case('002', 543, ['Примечание ИЗПИ!', 'Пункт 14 предусматривается в редакции приказа Министра труда и социальной защиты населения РК от 24.02.2026 № 73 (вводится в действие с 11.07.2026).'],
         'izpi', 'restated', T('Пункт 14', 'point', point='14'), ACT_73, exact('2026-07-11')),
    case('002', 570, ['Сноска. Пункт 15 - в редакции приказа Министра труда и социальной защиты населения РК от 15.08.2024 № 316 (вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования).'],
         'footnote', 'restated', T('Пункт 15', 'point', point='15'), ACT_316, after_pub(10, '2024-08-25')),
    case('002', 600, ['Примечание ИЗПИ!', 'Пункт 17 предусматривается в редакции приказа Министра труда и социальной защиты населения РК от 24.02.2026 № 73 (вводится в действие с 11.07.2026).'],
         'izpi', 'restated', T('Пункт 17', 'point', point='17'), ACT_73, exact('2026-07-11')),
    case('002', 642, ['Сноска. Пункт 18 - в редакции приказа Министра труда и социальной защиты населения РК от 15.08.2024 № 316 (вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования).'],
         'footnote', 'restated', T('Пункт 18', 'point', point='18'), ACT_316, after_pub(10, '2024-08-25')),
    case('002', 1469, ['Примечание ИЗПИ!', 'Абзац двадцать четыре пункта 52 предусматривается в редакции приказа Министра труда и социальной защиты населения РК от 24.02.2026 № 73 (вводится в действие с 11.07.2026).'],
         'izpi', 'restated', T('Абзац двадцать четыре пункта 52', 'alinea', point='52', alinea=24), ACT_73, exact('2026-07-11')),
    case('002', 1479, ['Сноска. Пункт 52 – в редакции приказа Министра труда и социальной защиты населения РК от 06.10.2025 № 309 (вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования).'],
         'footnote', 'restated', T('Пункт 52', 'point', point='52'), ACT_309, after_pub(10, '2025-10-16')),
    case('002', 1509, ['Сноска. Пункт 53 – в редакции приказа Министра труда и социальной защиты населения РК от 06.10.2025 № 309 (вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования).'],
         'footnote', 'restated', T('Пункт 53', 'point', point='53'), ACT_309, after_pub(10, '2025-10-16')),
    case('002', 1529, ['Сноска. Пункт 54 - в редакции приказа Министра труда и социальной защиты населения РК от 06.10.2025 № 309 (вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования).'],
         'footnote', 'restated', T('Пункт 54', 'point', point='54'), ACT_309, after_pub(10, '2025-10-16')),
    case('002', 1533, ['Сноска. Заголовок параграфа 7 - в редакции приказа Министра труда и социальной защиты населения РК от 06.10.2025 № 309 (вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования).'],
         'footnote', 'restated', T('Заголовок параграфа 7', 'section_heading', section='7'), ACT_309, after_pub(10, '2025-10-16')),
    case('002', 1585, ['Сноска. Пункт 55 с изменением, внесенным приказом Министра труда и социальной защиты населения РК от 06.10.2025 № 309 (вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования).'],
         'footnote', 'changed', T('Пункт 55', 'point', point='55'), ACT_309, after_pub(10, '2025-10-16')),
    case('002', 1626, ['Сноска. Пункт 57 - в редакции приказа Министра труда и социальной защиты населения РК от 06.10.2025 № 309 (вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования).'],
         'footnote', 'restated', T('Пункт 57', 'point', point='57'), ACT_309, after_pub(10, '2025-10-16')),
    case('002', 1630, ['Сноска. Заголовок параграфа 8 - в редакции приказа Министра труда и социальной защиты населения РК от 06.10.2025 № 309 (вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования).'],
         'footnote', 'restated', T('Заголовок параграфа 8', 'section_heading', section='8'), ACT_309, after_pub(10, '2025-10-16')),
    case('002', 1726, ['Сноска. Пункт 60 - в редакции приказа Министра труда и социальной защиты населения РК от 06.10.2025 № 309 (вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования).'],
         'footnote', 'restated', T('Пункт 60', 'point', point='60'), ACT_309, after_pub(10, '2025-10-16')),
    case('002', 1941, ['Сноска. Пункт 67 - в редакции приказа Министра труда и социальной защиты населения РК от 06.10.2025 № 309 (вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования).'],
         'footnote', 'restated', T('Пункт 67', 'point', point='67'), ACT_309, after_pub(10, '2025-10-16')),
    case('002', 1965, ['Сноска. Пункт 68 - в редакции приказа Министра труда и социальной защиты населения РК от 06.10.2025 № 309 (вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования).'],
         'footnote', 'restated', T('Пункт 68', 'point', point='68'), ACT_309, after_pub(10, '2025-10-16')),
    case('002', 1971, ['Сноска. Пункт 69 - в редакции приказа Министра труда и социальной защиты населения РК от 06.10.2025 № 309 (вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования).'],
         'footnote', 'restated', T('Пункт 69', 'point', point='69'), ACT_309, after_pub(10, '2025-10-16')),
    case('004', 4, ['Примечание ИЗПИ!', 'Вводится в действие с 1 января 2025.'],
         'izpi', 'commencement', T('Вводится в действие с 1 января 2025', 'act'), None, exact('2025-01-01')),
    case('004', 78, ['Примечание ИЗПИ!', 'Подпункт 9) предусматривается в редакции приказа Министра труда и социальной защиты населения РК от 31.03.2026 № 109 (вводится в действие с 12.07.2026).'],
         'izpi', 'restated', T('Подпункт 9)', 'subpoint', subpoint='9'), ACT_109, exact('2026-07-12')),
    case('004', 1021, ['Примечание ИЗПИ!', 'Пункт 12 предусматривается в редакции приказа Министра труда и социальной защиты населения РК от 31.03.2026 № 109 (вводится в действие с 12.07.2026).'],
         'izpi', 'restated', T('Пункт 12', 'point', point='12'), ACT_109, exact('2026-07-12')),
    case('004', 1340, ['Примечание ИЗПИ!', 'Пункт 13 предусматривается в редакции приказа Министра труда и социальной защиты населения РК от 31.03.2026 № 109 (вводится в действие с 12.07.2026).'],
         'izpi', 'restated', T('Пункт 13', 'point', point='13'), ACT_109, exact('2026-07-12')),
    case('004', 1873, ['Примечание ИЗПИ!', 'Пункт 14 предусматривается в редакции приказа Министра труда и социальной защиты населения РК от 31.03.2026 № 109 (вводится в действие с 12.07.2026).'],
         'izpi', 'restated', T('Пункт 14', 'point', point='14'), ACT_109, exact('2026-07-12')),
    case('004', 2287, ['Примечание ИЗПИ!', 'Пункт 15 предусматривается в редакции приказа Министра труда и социальной защиты населения РК от 31.03.2026 № 109 (вводится в действие с 12.07.2026).'],
         'izpi', 'restated', T('Пункт 15', 'point', point='15'), ACT_109, exact('2026-07-12')),
    case('004', 2781, ['Примечание ИЗПИ!', 'Пункт 16 предусматривается в редакции приказа Министра труда и социальной защиты населения РК от 31.03.2026 № 109 (вводится в действие с 12.07.2026).'],
         'izpi', 'restated', T('Пункт 16', 'point', point='16'), ACT_109, exact('2026-07-12')),
]


@pytest.mark.parametrize("file, line, lines, source, kind, target, act_, effective, added", REAL)
def test_real_note(file, line, lines, source, kind, target, act_, effective, added):
    note = parse_note(lines, file, line, f"note_{line}")
    assert (note.id, note.source, note.kind) == (f"note_{line}", source, kind)
    assert note.target == target
    assert note.target_eid is None  # resolved later by the structure parser
    if act_ is None:
        assert note.amending_act is None
    else:
        assert (note.amending_act.issuer, note.amending_act.date, note.amending_act.number) == act_
        assert note.amending_act.text.startswith(("приказа ", "приказом "))
        assert note.amending_act.text.endswith(f"№ {act_[2]}")
    got = note.effective
    assert {k: getattr(got, k) for k in ("kind", "date", "lower", "upper", "days")} == {
        k: v for k, v in effective.items() if k != "text"
    }
    if "text" in effective:
        assert got.text == effective["text"]
    else:
        assert re.match(r"(?i)вводит(ся|ь)|вводятся", got.text)
    assert note.added_unit == added
    # an editor's announcement is not in the copy yet; footnotes and commencement notes are
    prospective = source == "izpi" and kind != "commencement"
    assert (note.prospective, note.applied_in_copy) == (prospective, not prospective)
    assert note.span == Span(file, line, line + len(lines) - 1)
    assert note.text == " ".join(lines)


def test_real_table_counts():
    counts: dict[tuple[str, str], int] = {}
    for p in REAL:
        file, source = p.values[0], p.values[3]
        counts[(file, source)] = counts.get((file, source), 0) + 1
    assert counts == {
        ("000", "izpi"): 10, ("000", "footnote"): 1,
        ("002", "izpi"): 6, ("002", "footnote"): 18, ("002", "rcpi"): 1,
        ("004", "izpi"): 7,
    }


@pytest.mark.parametrize("file", sorted(SEED_FILES))
def test_table_holds_every_note_of_the_seed(file):
    """Every line of the seed that opens a note is in REAL, with the same text."""
    raw = SEED_PATHS[SEED_FILES[file]].read_text(encoding="utf-8").split("\n")
    starts = {no: normalise_note_text(t) for no, t in enumerate(raw, 1) if is_note_start(t)}
    table = {p.values[1]: p.values[2][0] for p in REAL if p.values[0] == file}
    assert table == starts


def test_seed_file_without_notes_has_none():
    """001 (kk) and 003 (PDF) carry no notes; 003's "Примечание:" to a table is not one."""
    for name in ("001_b24c76f1513b7046.txt", "003_942f20c57d250adf.txt"):
        path = SEED_PATHS[name]
        assert not [t for t in path.read_text(encoding="utf-8").split("\n") if is_note_start(t)]


def test_wrapped_footnote_span_uses_line_numbers():
    lines = REAL[[p.id for p in REAL].index("002:411")].values[2]
    note = parse_note(lines, "002", 411, "n", line_nos=[411, 413])
    assert note.span == Span("002", 411, 413)
    assert note.added_unit == "параграф 4-1"


# --- note starts -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Сноска. Пункт 9 - в редакции приказа …", "footnote"),
        ("**Сноска. Преамбула - в редакции приказа …**", "footnote"),
        ("      Примечание ИЗПИ!", "izpi"),
        ("#### **Примечание ИЗПИ!**", "izpi"),
        ("Примечание ИЗПИ! Пункт 7 предусматривается в редакции …", "izpi"),
        ("**Примечание РЦПИ!**", "rcpi"),
        ("Ескерту. 5-тармақ жаңа редакцияда - …", "footnote"),
        ("ЗҚАИ-ның ескертпесі!", "izpi"),
        ("ЗҚАИ ескертпесі!", "izpi"),
        ("РҚАО-ның ескертпесі!", "rcpi"),
        ("Примечание:", None),  # 003: a note to a table, not an editor's note
        ("Примечание. Расшифровка аббревиатур:", None),
        ("Сноска", None),
        ("7. Должностные обязанности:", None),
        ("", None),
    ],
)
def test_is_note_start(text, expected):
    assert is_note_start(text) == expected


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["Сноска. Пункт 9 - в редакции приказа … (вводится в действие по"], False),
        (["Сноска. Пункт 9 - в редакции приказа … (вводится в действие по", "истечении … опубликования)."], True),
        (["Примечание ИЗПИ!"], False),
        (["Примечание ИЗПИ!", "Пункт 7 предусматривается в редакции …"], True),
        (["Примечание РЦПИ!", "Порядок введения в действие см. п.5"], True),
        (["Просто текст."], False),
    ],
)
def test_note_is_complete(lines, expected):
    assert note_is_complete(lines) is expected


def test_markup_is_dropped():
    note = parse_note(["### **Примечание ИЗПИ!**", "**Пункт 14 предусматривается в редакции приказа Министра труда и социальной защиты населения РК от 24.02.2026 № 73 (вводится в действие с 11.07.2026).**"], "002", 543, "n")
    assert note.text.startswith("Примечание ИЗПИ! Пункт 14")
    assert note.target == T("Пункт 14", "point", point="14")


# --- forms the seeds lack (built from the adilet wording; not seen in these five texts) ------

KK_ACT = "ҚР Еңбек және халықты әлеуметтік қорғау министрінің 15.08.2024 № 316"
KK_AFTER = "(алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі)"


@pytest.mark.parametrize(
    "lines, source, kind, target, act_, effective, added, prospective",
    [
        pytest.param(
            ["Сноска. Пункт 5 исключен приказом Министра труда и социальной защиты населения РК от 15.08.2024 № 316 (вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования)."],
            "footnote", "removed", T("Пункт 5", "point", point="5"), ACT_316, after_pub(10, "2024-08-25"), None, False,
            id="ru-removed",
        ),
        pytest.param(
            ["Сноска. Глава 3 – исключена приказом Министра труда и социальной защиты населения РК от 06.10.2025 № 309 (вводится в действие с 01.01.2026)."],
            "footnote", "removed", T("Глава 3", "chapter", chapter="3"), ACT_309, exact("2026-01-01"), None, False,
            id="ru-removed-dash",
        ),
        pytest.param(
            ["Сноска. Пункт 12 с изменениями и дополнениями, внесенными приказом Министра труда и социальной защиты населения РК от 06.10.2025 № 309 (вводится в действие со дня его первого официального опубликования)."],
            "footnote", "changed", T("Пункт 12", "point", point="12"), ACT_309, after_pub(0, "2025-10-06"), None, False,
            id="ru-changed-plural",
        ),
        pytest.param(
            ["Сноска. Подпункт 3) пункта 5 - в редакции приказа Министра труда и социальной защиты населения РК от 06.10.2025 № 309 (вводится в действие по истечении двадцати одного календарного дня после дня его первого официального опубликования)."],
            "footnote", "restated", T("Подпункт 3) пункта 5", "subpoint", point="5", subpoint="3"), ACT_309,
            after_pub(21, "2025-10-27"), None, False, id="ru-subpoint-21-days",
        ),
        pytest.param(
            ["Сноска. Заголовок главы 2 - в редакции приказа Министра труда и социальной защиты населения РК от 06.10.2025 № 309."],
            "footnote", "restated", T("Заголовок главы 2", "chapter_heading", chapter="2"), ACT_309, None, None, False,
            id="ru-chapter-heading-no-effective",
        ),
        pytest.param(
            ["Сноска. Параграф 4 главы 2 - в редакции приказа Министра труда и социальной защиты населения РК от 06.10.2025 № 309 (вводится в действие с 01.01.2026)."],
            "footnote", "restated", T("Параграф 4 главы 2", "section", chapter="2", section="4"), ACT_309,
            exact("2026-01-01"), None, False, id="ru-section-in-chapter",
        ),
        pytest.param(
            ["Сноска. Приказ дополнен пунктом 3-1 в соответствии с приказом Министра труда и социальной защиты населения РК от 06.10.2025 № 309 (вводится в действие с 01.01.2026)."],
            "footnote", "added", T("Приказ", "act"), ACT_309, exact("2026-01-01"), "пункт 3-1", False, id="ru-act-added",
        ),
        pytest.param(
            ["Примечание ИЗПИ!", "Абзац второй подпункта 3) пункта 5 предусматривается в редакции приказа Министра труда и социальной защиты населения РК от 24.02.2026 № 73 (вводится в действие с 11.07.2026)."],
            "izpi", "restated", T("Абзац второй подпункта 3) пункта 5", "alinea", point="5", subpoint="3", alinea=2),
            ACT_73, exact("2026-07-11"), None, True, id="ru-izpi-alinea-of-subpoint",
        ),
        pytest.param(
            ["Примечание ИЗПИ! Пункт 7 предусматривается в редакции приказа Министра труда и социальной защиты населения РК от 24.02.2026 № 73 (вводится в действие с 11.07.2026)."],
            "izpi", "restated", T("Пункт 7", "point", point="7"), ACT_73, exact("2026-07-11"), None, True,
            id="ru-izpi-one-line",
        ),
        pytest.param(
            ["Примечание ИЗПИ!", "Пункт 8 предусматривается исключить приказом Министра труда и социальной защиты населения РК от 24.02.2026 № 73 (вводится в действие с 11.07.2026)."],
            "izpi", "removed", T("Пункт 8", "point", point="8"), ACT_73, exact("2026-07-11"), None, True,
            id="ru-izpi-removed",
        ),
        pytest.param(
            [f"Ескерту. 9-тармақ жаңа редакцияда - {KK_ACT} {KK_AFTER} бұйрығымен."],
            "footnote", "restated", T("9-тармақ", "point", point="9"), ("ҚР Еңбек және халықты әлеуметтік қорғау министрінің", "2024-08-15", "316"),
            after_pub(10, "2024-08-25"), None, False, id="kk-restated",
        ),
        pytest.param(
            [f"Ескерту. Кіріспе жаңа редакцияда – {KK_ACT} (01.07.2023 бастап қолданысқа енгізіледі) бұйрығымен."],
            "footnote", "restated", T("Кіріспе", "preamble"), ("ҚР Еңбек және халықты әлеуметтік қорғау министрінің", "2024-08-15", "316"),
            exact("2023-07-01"), None, False, id="kk-preamble",
        ),
        pytest.param(
            [f"Ескерту. 1-тарау 4-1-параграфпен толықтырылды - {KK_ACT} {KK_AFTER} бұйрығымен."],
            "footnote", "added", T("1-тарау", "chapter", chapter="1"), ("ҚР Еңбек және халықты әлеуметтік қорғау министрінің", "2024-08-15", "316"),
            after_pub(10, "2024-08-25"), "4-1-параграф", False, id="kk-added",
        ),
        pytest.param(
            [f"Ескерту. 55-тармаққа өзгеріс енгізілді - {KK_ACT} {KK_AFTER} бұйрығымен."],
            "footnote", "changed", T("55-тармаққа", "point", point="55"), ("ҚР Еңбек және халықты әлеуметтік қорғау министрінің", "2024-08-15", "316"),
            after_pub(10, "2024-08-25"), None, False, id="kk-changed",
        ),
        pytest.param(
            [f"Ескерту. 12-параграфтың тақырыбы жаңа редакцияда - {KK_ACT} {KK_AFTER} бұйрығымен."],
            "footnote", "restated", T("12-параграфтың тақырыбы", "section_heading", section="12"),
            ("ҚР Еңбек және халықты әлеуметтік қорғау министрінің", "2024-08-15", "316"), after_pub(10, "2024-08-25"), None, False,
            id="kk-section-heading",
        ),
        pytest.param(
            [f"Ескерту. 7-тармақ алып тасталды - {KK_ACT} {KK_AFTER} бұйрығымен."],
            "footnote", "removed", T("7-тармақ", "point", point="7"), ("ҚР Еңбек және халықты әлеуметтік қорғау министрінің", "2024-08-15", "316"),
            after_pub(10, "2024-08-25"), None, False, id="kk-removed",
        ),
        pytest.param(
            ["ЗҚАИ-ның ескертпесі!", "5-тармақтың тоғызыншы абзацы ҚР Премьер-Министрінің орынбасары - Мәдениет және ақпарат министрінің 16.04.2026 № 188-НҚ (12.07.2026 бастап қолданысқа енгізіледі) бұйрығымен редакцияда көзделген."],
            "izpi", "restated", T("5-тармақтың тоғызыншы абзацы", "alinea", point="5", alinea=9),
            ("ҚР Премьер-Министрінің орынбасары - Мәдениет және ақпарат министрінің", "2026-04-16", "188-НҚ"),
            exact("2026-07-12"), None, True, id="kk-izpi-alinea",
        ),
        pytest.param(
            ["ЗҚАИ-ның ескертпесі!", "9) тармақша ҚР Еңбек және халықты әлеуметтік қорғау министрінің 31.03.2026 № 109 (12.07.2026 бастап қолданысқа енгізіледі) бұйрығымен жаңа редакцияда көзделген."],
            "izpi", "restated", T("9) тармақша", "subpoint", subpoint="9"),
            ("ҚР Еңбек және халықты әлеуметтік қорғау министрінің", "2026-03-31", "109"), exact("2026-07-12"), None, True,
            id="kk-izpi-subpoint",
        ),
    ],
)
def test_other_forms(lines, source, kind, target, act_, effective, added, prospective):
    note = parse_note(lines, "x.txt", 10, "n")
    assert (note.source, note.kind, note.target) == (source, kind, target)
    assert (note.amending_act.issuer, note.amending_act.date, note.amending_act.number) == act_
    if effective is None:
        assert note.effective is None
    else:
        assert {k: getattr(note.effective, k) for k in ("kind", "date", "lower", "upper", "days")} == effective
    assert note.added_unit == added
    assert (note.prospective, note.applied_in_copy) == (prospective, not prospective)


@pytest.mark.parametrize(
    "lines, source, effective",
    [
        (["ЗҚАИ-ның ескертпесі!", "2025 жылғы 1 қаңтардан бастап қолданысқа енгізіледі."], "izpi", exact("2025-01-01")),
        (["РҚАО-ның ескертпесі!", "Қолданысқа енгізілу тәртібін 5-тармақтан қараңыз"], "rcpi",
         unknown("Қолданысқа енгізілу тәртібін 5-тармақтан қараңыз")),
        (["Примечание ИЗПИ!", "Порядок введения в действие см. п. 4."], "izpi", unknown("см. п. 4")),
    ],
)
def test_other_commencement_notes(lines, source, effective):
    note = parse_note(lines, "x.txt", 3, "n")
    assert (note.source, note.kind, note.target.scope) == (source, "commencement", "act")
    assert (note.prospective, note.applied_in_copy, note.amending_act) == (False, True, None)
    assert {k: getattr(note.effective, k) for k in ("kind", "date", "lower", "upper", "days")} == {
        k: v for k, v in effective.items() if k != "text"
    }
    if "text" in effective:
        assert note.effective.text == effective["text"]


# --- malformed notes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lines, line_nos, bad_line, expected",
    [
        pytest.param(["Примечание ИЗПИ!", "Пункт 7 будет когда-нибудь изменен."], None, 101, "a note of the form",
                     id="unknown-izpi-form"),
        pytest.param(["Сноска. Пункт 9 переписан приказом Министра от 15.08.2024 № 316."], None, 100,
                     "a note of the form", id="unknown-footnote-verb"),
        pytest.param(["Сноска. Пункт 9 - в редакции приказа Министра труда и социальной защиты населения РК от 31.02.2026 № 316 (вводится в действие с 12.07.2026)."],
                     None, 100, "an amending act", id="bad-act-date"),
        pytest.param(["Примечание ИЗПИ!", "Пункт 7 предусматривается в редакции приказа Министра труда и социальной защиты населения РК от 24.02.2026 № 73 (вводится в действие с 32.07.2026)."],
                     [100, 102], 102, "a commencement rule", id="bad-effective-date"),
        pytest.param(["Примечание ИЗПИ!", "Вводится в действие с 30 февраля 2025."], None, 101, "a commencement rule",
                     id="bad-commencement-date"),
        pytest.param(["Сноска. Строфа 5 - в редакции приказа Министра труда и социальной защиты населения РК от 15.08.2024 № 316."],
                     None, 100, "a target such as", id="unknown-target"),
        pytest.param(["Примечание ИЗПИ!", "Абзац пятидесятитысячный пункта 5 предусматривается в редакции приказа Министра труда и социальной защиты населения РК от 24.02.2026 № 73 (вводится в действие с 11.07.2026)."],
                     None, 101, "a target such as", id="unknown-number-word"),
        pytest.param(["Сноска. Пункт 5 пункта 6 - в редакции приказа Министра труда и социальной защиты населения РК от 15.08.2024 № 316."],
                     None, 100, "a target such as", id="point-inside-point"),
        pytest.param(["Сноска. Пункт 9 - в редакции приказа Министра труда и социальной защиты населения РК от 15.08.2024 № 316 (вводится в действие по"],
                     None, 100, "the rest of the note on the next line", id="wrapped-footnote-cut"),
        pytest.param(["Сноска. Пункт 9 - в редакции приказа Министра труда и социальной защиты населения РК от 15.08.2024 № 316 (вводится в действие когда-нибудь)."],
                     None, 100, "a commencement rule", id="unknown-effective"),
        pytest.param(["Примечание ИЗПИ!"], None, 100, "the text of the note", id="no-body"),
        pytest.param(["Пункт 9 - в редакции приказа …"], None, 100, "a note opening with", id="no-opening"),
        pytest.param([], None, 100, "a note opening with", id="no-lines"),
        pytest.param(["Сноска. Глава 1 дополнена чем-то в соответствии с приказом Министра труда и социальной защиты населения РК от 15.08.2024 № 316."],
                     None, 100, "the added unit", id="unknown-added-unit"),
    ],
)
def test_malformed_note(lines, line_nos, bad_line, expected):
    with pytest.raises(NoteError) as info:
        parse_note(lines, "bad.txt", 100, "n", line_nos=line_nos)
    err = info.value
    assert isinstance(err, ValueError)
    assert (err.file, err.line) == ("bad.txt", bad_line)
    assert err.expected.startswith(expected)
    assert str(err).startswith(f"bad.txt:{bad_line}: expected {expected}")
    assert err.diagnostic().line == bad_line


# --- targets and effective rules on their own ------------------------------------------------


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("Пункт 9", "ru", T("Пункт 9", "point", point="9")),
        ("Преамбула", "ru", T("Преамбула", "preamble")),
        ("преамбулу", "ru", T("преамбулу", "preamble")),
        ("Типовые квалификационные характеристики", "ru", T("Типовые квалификационные характеристики", "annex")),
        ("Приложение 2", "ru", T("Приложение 2", "annex")),
        ("Глава 1", "ru", T("Глава 1", "chapter", chapter="1")),
        ("главу 2", "ru", T("главу 2", "chapter", chapter="2")),
        ("Заголовок параграфа 7", "ru", T("Заголовок параграфа 7", "section_heading", section="7")),
        ("заголовок параграфа 12", "ru", T("заголовок параграфа 12", "section_heading", section="12")),
        ("Подпункт 9)", "ru", T("Подпункт 9)", "subpoint", subpoint="9")),
        ("Абзац девятый пункта 5", "ru", T("Абзац девятый пункта 5", "alinea", point="5", alinea=9)),
        ("Абзац семнадцать пункта 12-1", "ru", T("Абзац семнадцать пункта 12-1", "alinea", point="12-1", alinea=17)),
        ("Абзац двадцать четыре пункта 52", "ru", T("Абзац двадцать четыре пункта 52", "alinea", point="52", alinea=24)),
        ("Абзац четвертый пункта 17", "ru", T("Абзац четвертый пункта 17", "alinea", point="17", alinea=4)),
        ("Абзац двадцать четвёртый пункта 52", "ru", T("Абзац двадцать четвёртый пункта 52", "alinea", point="52", alinea=24)),
        ("Абзац 3 пункта 5", "ru", T("Абзац 3 пункта 5", "alinea", point="5", alinea=3)),
        ("Пункт 12-1 параграфа 4-1 главы 1", "ru",
         T("Пункт 12-1 параграфа 4-1 главы 1", "point", chapter="1", section="4-1", point="12-1")),
        ("9-тармақ", "kk", T("9-тармақ", "point", point="9")),
        ("9) тармақша", "kk", T("9) тармақша", "subpoint", subpoint="9")),
        ("1-тарау", "kk", T("1-тарау", "chapter", chapter="1")),
        ("2-бөлім", "kk", T("2-бөлім", "chapter", chapter="2")),
        ("5-қосымша", "kk", T("5-қосымша", "annex")),
        ("12-тармақтың он жетінші абзацы", "kk", T("12-тармақтың он жетінші абзацы", "alinea", point="12", alinea=17)),
        ("2-тараудың 4-параграфы", "kk", T("2-тараудың 4-параграфы", "section", chapter="2", section="4")),
    ],
)
def test_parse_target(text, lang, expected):
    assert parse_target(text, lang) == expected


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Строфа 5", "ru"),  # not a unit of a legal act ("Статья 5" is: laws by articles)
        ("Пункт", "ru"),
        ("Абзац пункта 5", "ru"),
        ("Пункт 5)", "ru"),  # ")" belongs to subpoints
        ("Заголовок пункта 5", "ru"),
        ("Абзац девятый пункта 5 и 6", "ru"),
        ("5-шумақ", "kk"),
    ],
)
def test_parse_target_rejects(text, lang):
    with pytest.raises(ValueError, match=re.escape(repr(text))):
        parse_target(text, lang)


@pytest.mark.parametrize(
    "text, act_date, lang, expected",
    [
        ("вводятся в действие с 12.07.2026", None, "ru", Effective("exact", "вводятся в действие с 12.07.2026", date="2026-07-12")),
        ("Вводится в действие с 1 января 2025", None, "ru", Effective("exact", "Вводится в действие с 1 января 2025", date="2025-01-01")),
        ("вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования",
         "2024-08-15", "ru",
         Effective("after_publication", "вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования",
                   lower="2024-08-25", days=10)),
        ("вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования",
         None, "ru",
         Effective("after_publication", "вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования",
                   days=10)),
        ("вводится в действие со дня его первого официального опубликования", "2024-08-15", "ru",
         Effective("after_publication", "вводится в действие со дня его первого официального опубликования", lower="2024-08-15", days=0)),
        ("алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі", "2024-08-15", "kk",
         Effective("after_publication", "алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі",
                   lower="2024-08-25", days=10)),
        ("12.07.2026 бастап қолданысқа енгізіледі", None, "kk",
         Effective("exact", "12.07.2026 бастап қолданысқа енгізіледі", date="2026-07-12")),
    ],
)
def test_parse_effective(text, act_date, lang, expected):
    assert parse_effective(text, act_date, lang) == expected


@pytest.mark.parametrize(
    "text",
    ["вводится в действие когда-нибудь", "вводится в действие с 31.02.2026", "действует с 01.01.2026",
     "вводится в действие по истечении многих календарных дней после дня его первого официального опубликования"],
)
def test_parse_effective_rejects(text):
    with pytest.raises(ValueError):
        parse_effective(text, "2024-01-01")


def test_act_ref_is_frozen_record():
    note = parse_note(REAL[0].values[2], "000", 112, "n")
    assert isinstance(note.amending_act, ActRef)
    assert note.amending_act.text == "приказа Заместителя Премьер-Министра - Министра культуры и информации РК от 16.04.2026 № 188-НҚ"


def test_doctests():
    assert doctest.testmod(notes_module, raise_on_error=False).failed == 0


def test_note_with_several_amending_acts():
    """507 line 74 / law 267 line 43: one note names several amending acts; the latest is the edition shown."""
    note = parse_note(["Сноска. Пункт 9 с изменениями, внесенными приказами Министра труда и социальной защиты "
                       "населения РК от 15.08.2024 № 316 (вводится в действие с 01.09.2024); от 06.10.2025 № 309 "
                       "(вводится в действие с 01.11.2025)."], "x.txt", 100, "n")
    assert [(a.date, a.number) for a in note.amending_acts] == [("2024-08-15", "316"), ("2025-10-06", "309")]
    assert note.amending_act.number == "309" and note.effective.date == "2025-11-01"
    kk = parse_note(["Ескерту. 3-бапқа өзгерістер енгізілді - ҚР 2008.06.25 N 47-IV (қолданысқа енгізілу тәртібін "
                     "2-тармақтан қараңыз); 2009.04.22 N 152-IV, 2011.12.14 N 509-IV, 2012.10.19 N 43-V (алғашқы ресми "
                     "жарияланған күнінен бастап қолданысқа енгізіледі); 29.09.2022 № 143-VII (алғашқыресми жарияланған "
                     "күнінен бастап қолданысқа енгізіледі) заңдарымен."], "x.kk.txt", 43, "n")
    assert [a.number for a in kk.amending_acts] == ["47-IV", "152-IV", "509-IV", "43-V", "143-VII"]
    assert kk.amending_acts[0].date == "2008-06-25" and kk.amending_act.number == "143-VII"


def test_repeal_of_the_whole_act():
    """adilet page of order № 688: "Сноска. Утратил силу приказом … от 10.06.2025 № 293 (…)."."""
    ru = parse_note(["Сноска. Утратил силу приказом Министра финансов РК от 10.06.2025 № 293 (вводится в действие по "
                     "истечении десяти календарных дней после дня его первого официального опубликования)."], "p", 368, "n")
    kk = parse_note(["Ескерту. Күші жойылды - ҚР Қаржы министрінің 10.06.2025 № 293 (алғашқы ресми жарияланған күнінен "
                     "кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі) бұйрығымен."], "p", 370, "n")
    for note in (ru, kk):
        assert (note.kind, note.target.scope, note.amending_act.number, note.amending_act.date) == (
            "repealed", "act", "293", "2025-06-10")
        assert note.effective.lower == "2025-06-20"
