"""The defined terms of пункт 2 of the Rules (003)."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

from parser import rules
from parser.clean_pdf import pdf_lines
from parser.rules import extract_terms, find_terms_point, is_terms_point, split_term

SOURCE = Path(__file__).resolve().parent.parent / "corpus" / "order-2024-06-14-256-nk" / "ru.txt"
FILE = "corpus/order-2024-06-14-256-nk/ru.txt"
LINES = pdf_lines(SOURCE.read_text(encoding="utf-8"))
POINT_TEXT, SUBPOINTS = find_terms_point(LINES)
TERMS = extract_terms(POINT_TEXT, SUBPOINTS, FILE)


def test_the_point():
    assert POINT_TEXT == "В Правилах используются следующие основные понятия:"
    assert [(num, line) for num, _, line in SUBPOINTS] == [("1", 106), ("2", 111), ("3", 116), ("4", 122)]


def test_four_terms():
    # counted by eye: subpoints 1)–4) of пункт 2 (source lines 106–127)
    assert [(t["num"], t["term"], t["line"]) for t in TERMS] == [
        ("1", "специальные социальные услуги", 106),
        ("2", "трудная жизненная ситуация", 111),
        ("3", "контакт-центр «111» по вопросам семьи, защиты прав женщин и детей", 116),
        ("4", "интегрированная модель оказания лицам (семьям), оказавшимся в трудной жизненной ситуации, "
              "всесторонней поддержки в пределах компетенции государственных органов", 122),
    ]
    assert all(t["file"] == FILE for t in TERMS)


def test_definitions():
    d = {t["num"]: t["definition"] for t in TERMS}
    assert d["1"] == (
        "комплекс услуг, обеспечивающих лицу (семье) условия для преодоления оснований, объективно "
        "нарушающих жизнедеятельность человека и направленных на создание равных с другими "
        "гражданами возможностей участия в жизни общества"
    )
    assert d["2"].startswith("ситуация, признанная по основаниям, предусмотренным Социальным кодексом")
    assert d["2"].endswith("которую он не может преодолеть самостоятельно")
    assert d["3"].startswith("юридическое лицо, определенное уполномоченным органом в сфере информатизации")
    # the definition crosses a page break (" уполномоченного …" on line 126)
    assert d["4"] == (
        "организационный и функциональный подход, предусматривающий участие государственных органов "
        "под координацией уполномоченного государственного органа в целях усиления межведомственного "
        "взаимодействия"
    )


def test_abbreviation():
    assert [t["abbrev"] for t in TERMS] == [None, None, "контакт-центр «111»", None]
    assert "(далее – контакт-центр «111»)" in TERMS[2]["text"]


@pytest.mark.parametrize(
    ("text", "term", "definition"),
    [
        ("трудная жизненная ситуация – ситуация;", "трудная жизненная ситуация", "ситуация;"),
        ("термин - определение", "термин", "определение"),
        ("термин — определение", "термин", "определение"),
        ("контакт-центр (далее – КЦ) – лицо", "контакт-центр (далее – КЦ)", "лицо"),
        ("закон «О браке – семье» – акт", "закон «О браке – семье»", "акт"),
        ("вице-министр – должность", "вице-министр", "должность"),
    ],
)
def test_split_term(text, term, definition):
    assert split_term(text) == (term, definition)


def test_no_dash_is_reported():
    diags = []
    subs = [("1", "без определения;", 5), ("2", "термин – определение.", 6)]
    terms = extract_terms(POINT_TEXT, subs, FILE, diags)
    assert [t["term"] for t in terms] == ["термин"] and terms[0]["definition"] == "определение"
    assert [(d.line, d.found, d.severity) for d in diags] == [(5, "без определения;", "warning")]


def test_unexpected_point_is_reported():
    diags = []
    extract_terms("Центры осуществляют:", [("1", "термин – определение", 9)], FILE, diags)
    assert [(d.line, d.severity) for d in diags] == [(9, "warning")]
    assert is_terms_point(POINT_TEXT) and not is_terms_point("Центры осуществляют:")


def test_doctests():
    assert doctest.testmod(rules).failed == 0
