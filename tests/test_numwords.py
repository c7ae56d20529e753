"""Number words → int: Russian ordinals and cardinals in any gender and case, Kazakh ones."""

from __future__ import annotations

import doctest

import pytest

import parser.numwords as numwords_module
from parser.numwords import is_number_word, word_to_int
from parser.patterns import NUM_DIGITS_RE, NUM_SPLIT_RE


@pytest.mark.parametrize(
    "text, expected",
    [
        # ru ordinals, genders and cases
        ("первый", 1), ("первого", 1), ("первая", 1), ("первой", 1), ("первую", 1), ("первое", 1), ("первыми", 1),
        ("второй", 2), ("второго", 2), ("третий", 3), ("третьего", 3), ("третья", 3), ("третье", 3),
        ("четвертый", 4), ("четвёртый", 4), ("ЧЕТВЕРТОГО", 4), ("пятый", 5), ("шестой", 6), ("седьмой", 7),
        ("седьмого", 7), ("восьмой", 8), ("девятый", 9), ("девятого", 9), ("десятый", 10),
        ("одиннадцатый", 11), ("семнадцатый", 17), ("двадцатый", 20), ("сороковой", 40), ("девяностый", 90),
        ("сотый", 100), ("двухсотый", 200), ("тысячный", 1000), ("нулевой", 0),
        # ru cardinals, cases
        ("один", 1), ("одного", 1), ("одна", 1), ("два", 2), ("две", 2), ("двух", 2), ("три", 3), ("четыре", 4),
        ("пять", 5), ("пяти", 5), ("семь", 7), ("восьми", 8), ("десять", 10), ("десяти", 10), ("десятью", 10),
        ("семнадцать", 17), ("двадцать", 20), ("двадцати", 20), ("сорок", 40), ("сорока", 40),
        ("пятьдесят", 50), ("пятидесяти", 50), ("девяносто", 90), ("сто", 100), ("ста", 100),
        ("двести", 200), ("пятьсот", 500), ("тысяча", 1000), ("ноль", 0),
        # ru compounds: the seeds' "двадцать четыре", "семнадцать"; only the last word ordinal
        ("двадцать четыре", 24), ("двадцать четвертый", 24), ("двадцать четвёртого", 24),
        ("двадцати одного", 21), ("тридцать первый", 31), ("тридцать-первый", 31), ("сто первый", 101),
        ("сто одиннадцатый", 111), ("двести двадцать два", 222), ("три тысячи пятьсот", 3500),
        ("две тысячи двадцать пятый", 2025), ("тысяча девятьсот девяносто девятый", 1999),
        ("  девятый  ", 9), ("двадцать\u00a0четыре", 24),
        # kk ordinals and cardinals
        ("бірінші", 1), ("екінші", 2), ("үшінші", 3), ("төртінші", 4), ("бесінші", 5), ("алтыншы", 6),
        ("жетінші", 7), ("сегізінші", 8), ("тоғызыншы", 9), ("оныншы", 10), ("он жетінші", 17),
        ("жиырма төртінші", 24), ("жиырмасыншы", 20), ("қырқыншы", 40), ("жүз бірінші", 101),
        ("бір", 1), ("екі", 2), ("он", 10), ("он жеті", 17), ("жиырма төрт", 24), ("екі жүз бес", 205),
        ("мың", 1000), ("тоғызыншысы", 9), ("онға", 10),
        # digits, with ordinal endings
        ("12", 12), ("9-й", 9), ("5-го", 5), ("9-шы", 9), ("1-ші", 1),
    ],
)
def test_word_to_int(text, expected):
    assert word_to_int(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "", "   ", "пункта", "девятыйй", "двадцать двадцать", "четыре двадцать", "первый второй",
        "двадцать одиннадцать", "пять ноль", "девятый пункта", "9)", "тоғыз-", "nine", "тысяча тысяча",
        "жиырма жиырма",
    ],
)
def test_word_to_int_rejects(text):
    with pytest.raises(ValueError) as info:
        word_to_int(text)
    assert repr(text) in str(info.value)


def test_word_to_int_rejects_non_text():
    with pytest.raises(ValueError):
        word_to_int(None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "word, expected",
    [("девятый", True), ("Семнадцать", True), ("тоғызыншы", True), ("пункта", False), ("двадцать четыре", False)],
)
def test_is_number_word(word, expected):
    assert is_number_word(word) is expected


@pytest.mark.parametrize(
    "text, digits",
    [("12", "12"), ("9-й", "9"), ("5-го", "5"), ("3-му", "3"), ("9-шы", "9"), ("4-інші", "4"), ("12-1", None),
     ("9)", None), ("x", None)],
)
def test_num_digits_pattern(text, digits):
    m = NUM_DIGITS_RE.fullmatch(text)
    assert (m.group("digits") if m else None) == digits


@pytest.mark.parametrize(
    "text, words",
    [("двадцать четыре", ["двадцать", "четыре"]), ("тридцать-первый", ["тридцать", "первый"]),
     ("сто\u00a0первый", ["сто", "первый"]), ("он  жетінші", ["он", "жетінші"])],
)
def test_num_split_pattern(text, words):
    assert NUM_SPLIT_RE.split(text) == words


def test_doctests():
    assert doctest.testmod(numwords_module).failed == 0
