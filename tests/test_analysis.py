"""Tests for index.analysis (whoosh analysers) and index.lemmas_cli."""

from __future__ import annotations

import io
import pickle

import pytest
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.query import Or, Phrase, Term

from index.analysis import (
    MorphFilter,
    kk_analyzer,
    query_keys,
    ru_analyzer,
    surface_analyzer,
    tokenizer,
)
from index.lemmas_cli import run

ANALYZERS = {"ru": ru_analyzer, "kk": kk_analyzer, "surface": surface_analyzer}


def tokens(analyzer, text: str, mode: str = "index") -> list[tuple[str, int]]:
    return [(t.text, t.pos) for t in analyzer(text, positions=True, mode=mode)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("кейс-менеджер тәсілі", ["кейс-менеджер", "тәсілі"]),
        ("Еңбек кодексін", ["Еңбек", "кодексін"]),
        ("әғқңөұүһі", ["әғқңөұүһі"]),
        ("15-тармағы 64) тармақшасына", ["15-тармағы", "64", "тармақшасына"]),
        ("580-НҚ бұйрығы", ["580-НҚ", "бұйрығы"]),
        ("«Заңнама» – және", ["Заңнама", "және"]),  # a spaced dash is no hyphen
        ("under_score", ["under", "score"]),
    ],
)
def test_tokenizer(text: str, expected: list[str]) -> None:
    assert [t.text for t in tokenizer()(text)] == expected


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("ru", "стали работать", [("стать", 0), ("сталь", 0), ("работать", 1)]),
        ("kk", "Еңбек кодексін", [("еңбек", 0), ("кодекс", 1)]),
        ("kk", "ҚР-ның заңдарын", [("қр", 0), ("ның", 1), ("заң", 2)]),  # "қр" once at 0
        (
            "kk",
            "кейс-менеджер тәсілі",
            [("кейс-менеджер", 0), ("кейс", 0), ("менеджер", 1), ("тәсіл", 2)],
        ),
        ("surface", "Еңбек кодексін", [("еңбек", 0), ("кодексін", 1)]),
        ("surface", "мемлекеттiк Ёлки", [("мемлекеттік", 0), ("елки", 1)]),
    ],
)
def test_analyzer_tokens(name: str, text: str, expected: list[tuple[str, int]]) -> None:
    assert tokens(ANALYZERS[name](), text) == expected


def test_several_lemmas_share_one_position() -> None:
    out = tokens(ru_analyzer(), "стали")
    assert {pos for _, pos in out} == {0}
    assert len(out) >= 2


def test_extra_lemmas_keep_offsets() -> None:
    out = [(t.text, t.startchar, t.endchar) for t in ru_analyzer()("мыла", chars=True)]
    assert {(s, e) for _, s, e in out} == {(0, 4)}
    assert {"мыло", "мыть"} <= {text for text, _, _ in out}


def test_query_mode_keeps_hyphenated_words_whole() -> None:
    assert tokens(kk_analyzer(), "кейс-менеджерлер тәсілі", mode="query") == [
        ("кейс-менеджер", 0),
        ("тәсіл", 1),
    ]


@pytest.mark.parametrize("name", sorted(ANALYZERS))
def test_pickle_round_trip(name: str) -> None:
    analyzer = ANALYZERS[name]()
    text = "Еңбек кодексін стали кейс-менеджер"
    before = tokens(analyzer, text)  # warms up the lazy analysers
    clone = pickle.loads(pickle.dumps(analyzer))
    assert clone == analyzer
    assert tokens(clone, text) == before


def test_morph_filter_pickles_without_the_analyser() -> None:
    morph = MorphFilter("ru")
    list(morph(iter(tokenizer()("стали"))))  # resolves the key function
    data = pickle.dumps(morph)
    assert b"MorphAnalyzer" not in data
    assert pickle.loads(data).__dict__ == {"lang": "ru", "_keys": None}


def test_unknown_language() -> None:
    with pytest.raises(ValueError, match="unknown language 'de'"):
        MorphFilter("de")


def test_whoosh_index_round_trip() -> None:
    """Schema with our analysers is stored (pickled) in an index and searched."""
    schema = Schema(
        id=ID(stored=True),
        kk=TEXT(analyzer=kk_analyzer(), phrase=True),
        ru=TEXT(analyzer=ru_analyzer(), phrase=True),
        surface=TEXT(analyzer=surface_analyzer(), phrase=True),
    )
    storage = RamStorage()
    ix = storage.create_index(schema)
    with ix.writer() as writer:
        writer.add_document(id="1", kk="Еңбек кодексін сақтау", ru="соблюдение Трудового кодекса")
        writer.add_document(id="2", kk="Отбасын қолдау орталықтарының басшылары", surface="Отбасын қолдау")
    ix = storage.open_index()  # re-reads the pickled schema
    with ix.searcher() as searcher:

        def ids(query) -> list[str]:
            return sorted(hit["id"] for hit in searcher.search(query))

        assert ids(Term("kk", "кодекс")) == ["1"]
        assert ids(Phrase("kk", ["еңбек", "кодекс"])) == ["1"]
        assert ids(Phrase("ru", ["трудовой", "кодекс"])) == ["1"]
        assert ids(Or([Term("kk", k) for k in query_keys("орталығы", "kk")])) == ["2"]
        assert ids(Phrase("surface", ["отбасын", "қолдау"])) == ["2"]


@pytest.mark.parametrize(
    ("word", "lang", "keys"),
    [
        ("Кодексін", "kk", ["кодекс"]),
        ("бұйрығымен", "kk", ["бұйрық"]),
        ("кодекса", "ru", ["кодекс"]),
        ("2025", "ru", ["2025"]),
    ],
)
def test_query_keys(word: str, lang: str, keys: list[str]) -> None:
    assert query_keys(word, lang) == keys


def test_query_keys_unknown_language() -> None:
    with pytest.raises(ValueError, match="expected one of 'kk', 'ru'"):
        query_keys("слово", "en")


# -- lemmas_cli ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "stdin", "stdout"),
    [
        ("kk", "кодексін\n\n  бұйрығымен  \n", "кодексін\tкодекс\nбұйрығымен\tбұйрық\n"),
        ("kk", "клубы\n", "клубы\tклуп|клуб\n"),
        ("ru", "кодекса\n", "кодекса\tкодекс\n"),
        ("ru", "", ""),
    ],
)
def test_lemmas_cli(lang: str, stdin: str, stdout: str) -> None:
    out = io.StringIO()
    assert run(lang, io.StringIO(stdin), out) == 0
    assert out.getvalue() == stdout


def test_lemmas_cli_ambiguous_words_joined_with_bar() -> None:
    out = io.StringIO()
    run("ru", io.StringIO("стали\n"), out)
    word, keys = out.getvalue().rstrip("\n").split("\t")
    assert word == "стали"
    assert {"стать", "сталь"} <= set(keys.split("|"))


def test_lemmas_cli_unknown_language() -> None:
    stdin = io.StringIO("слово\n")
    with pytest.raises(ValueError, match="unknown language 'xx'"):
        run("xx", stdin, io.StringIO())
    assert stdin.tell() == 0  # nothing read
