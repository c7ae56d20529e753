"""Tests for index.ru_morph: pymorphy3 normal forms as index keys."""

from __future__ import annotations

import subprocess
import sys

import pytest

from index.ru_morph import normalise, ru_keys


@pytest.mark.parametrize(
    ("word", "first_key"),
    [
        ("трудового", "трудовой"),
        ("кодекса", "кодекс"),
        ("Кодексом", "кодекс"),
        ("детьми", "ребенок"),  # ребёнок, with ё → е
        ("ребёнка", "ребенок"),
        ("Ёлки", "елка"),
        ("работников", "работник"),
        ("квалификационные", "квалификационный"),
        ("Республики", "республика"),
        ("кейс-менеджера", "кейс-менеджер"),
        ("Cтатьи", "статья"),  # Latin C in a Cyrillic word
    ],
)
def test_normal_form(word: str, first_key: str) -> None:
    assert ru_keys(word)[0] == first_key


@pytest.mark.parametrize(
    ("word", "keys"),
    [
        ("2025", ["2025"]),
        ("ISO", ["iso"]),
        ("II", ["ii"]),
        ("қазақстан", ["қазақстан"]),  # Kazakh letters: not pymorphy3's business
        ("", []),
    ],
)
def test_verbatim(word: str, keys: list[str]) -> None:
    assert ru_keys(word) == keys


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("стали", {"стать", "сталь"}),
        ("мыла", {"мыло", "мыть"}),
        ("сорока", {"сорок", "сорока"}),
    ],
)
def test_ambiguous_word_gives_several_keys(word: str, expected: set[str]) -> None:
    keys = ru_keys(word)
    assert expected <= set(keys)
    assert len(keys) == len(set(keys))  # deduplicated


def test_keys_ordered_by_score() -> None:
    assert ru_keys("стали")[0] == "стать"


@pytest.mark.parametrize("word", ["ёжик", "детьми", "ещё", "всё"])
def test_no_yo_in_keys(word: str) -> None:
    assert not any("ё" in key for key in ru_keys(word))


def test_normalise() -> None:
    assert normalise("«Ёлка»") == "елка"


def test_result_is_a_fresh_list() -> None:
    ru_keys("кодекса").append("junk")
    assert ru_keys("кодекса") == ["кодекс"]


def test_analyser_created_lazily() -> None:
    code = (
        "import index.ru_morph as m; assert m._ANALYSER is None; "
        "m.ru_keys('кодекса'); assert m._ANALYSER is not None; "
        "assert m.analyser() is m.analyser()"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
