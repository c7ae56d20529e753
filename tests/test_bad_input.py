"""Malformed input gives an error or warning naming file, line and what was expected —
never a traceback, never a silently dropped line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from parser.pipeline import ParseError, decode, parse_text

HEAD = (
    " Об утверждении Типовых квалификационных характеристик\n"
    "Приказ Министра культуры и информации Республики Казахстан от 24 октября 2025 года № 580-НҚ.\n"
    "      В соответствии с законом ПРИКАЗЫВАЮ:\n"
    "      1. Утвердить.\n"
    "      Министр\n"
    "А. Балаева\n"
    "  Типовые квалификационные характеристики\n"
    " Глава 1. Общие положения\n"
    "      1. Настоящие характеристики.\n"
)


def _parse(text: str):
    return parse_text(text, "bad.txt", "ru", "adilet", "tkh")


def test_wrong_encoding_names_the_line():
    data = HEAD.encode("utf-8") + "      2. Текст\n".encode("cp1251")
    with pytest.raises(ParseError) as err:
        decode(data, "bad.txt")
    assert str(err.value).startswith("bad.txt:10: error: expected UTF-8 text")


def test_empty_file():
    with pytest.raises(ParseError, match="bad.txt:1: error: expected the text of an act"):
        _parse("\n\n")


def test_truncated_file_warns_about_missing_parts():
    text = HEAD + " Параграф 1. Директор\n      2. Должностные обязанности:\n      руководит работой;\n"
    doc = _parse(text)
    assert len(doc.positions) == 1
    msgs = [d for d in doc.diagnostics if d.line == 10]
    assert msgs and "must_know, requirements" in msgs[0].expected and "truncated" in msgs[0].found


def test_truncated_inside_a_note():
    doc = _parse(HEAD + "      Примечание ИЗПИ!\n")
    assert [ln.no for ln in doc.unparsed] == [10]
    assert any(d.line == 10 and "rest of the note" in d.expected for d in doc.diagnostics)


def test_unknown_note_form_is_an_error_and_kept_in_unparsed():
    doc = _parse(HEAD + "      Сноска. Что-то непонятное случилось с пунктом.\n")
    assert [ln.no for ln in doc.unparsed] == [10]
    err = [d for d in doc.diagnostics if d.severity == "error"]
    assert err and err[0].line == 10 and "a note of the form" in err[0].expected


def test_heading_without_number_is_reported_not_dropped():
    doc = _parse(HEAD + " Параграф. Директор\n      2. Должностные обязанности:\n")
    assert any(d.line == 10 and "number" in d.expected for d in doc.diagnostics)
    assert any(u.span.start == 10 for u in doc.units) or [ln.no for ln in doc.unparsed] == [10]


def test_out_of_sequence_point_is_warned():
    doc = _parse(HEAD + "      3. Пропущен второй пункт.\n")
    assert any(d.line == 10 and "point 1's successor" in d.expected for d in doc.diagnostics)


def test_bad_date_in_act_line():
    text = HEAD.replace("24 октября 2025", "31 февраля 2025")
    doc = _parse(text)
    assert any(d.line == 2 and d.severity == "error" and "date" in d.expected for d in doc.diagnostics)


def test_cli_one_readable_line_and_nonzero_exit(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe broken")
    out = subprocess.run([sys.executable, "-m", "api.cli", "parse", str(bad)], capture_output=True, text=True)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert out.stderr.strip().count("\n") == 0 and "expected UTF-8 text" in out.stderr


def test_cli_missing_file(tmp_path):
    out = subprocess.run([sys.executable, "-m", "api.cli", "parse", str(tmp_path / "none.txt")], capture_output=True, text=True)
    assert out.returncode == 2 and "Traceback" not in out.stderr and "none.txt" in out.stderr
