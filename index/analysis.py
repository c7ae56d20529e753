"""whoosh analysers for Russian and Kazakh legal text.

Factory functions compose ``tokenizer | filter | filter`` as whoosh does in
``whoosh.analysis``:

* :func:`ru_analyzer`, :func:`kk_analyzer` — lemma fields: every index key of
  a word (:func:`index.ru_morph.ru_keys`, :func:`index.kk_morph.kk_keys`) is
  emitted at the word's position, so an ambiguous word puts several tokens on
  one position and phrase queries keep working;
* :func:`surface_analyzer` — the surface-form field for exact phrases.

Hyphenated words (``кейс-менеджер``, ``15-тармағы``) stay one token and, when
indexing, also give their parts on successive positions (the whole word sits
on the first part's position, following whoosh's ``IntraWordFilter``), so both
``кейс-менеджер`` and the phrase ``кейс менеджер`` match.

Everything here is importable and pickles cleanly: whoosh stores the schema,
analysers included, in the index.  :class:`MorphFilter` keeps only its language
code in its state and finds the (heavy, shared) analyser again on first use,
as whoosh's ``StemFilter`` does.

For a query word, :func:`query_keys` gives the keys to OR together; a field
built on these analysers can also be declared with
``TEXT(analyzer=kk_analyzer(), multitoken_query="or")``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, Token

from index import kk_morph, ru_morph

__all__ = [
    "HyphenPartsFilter",
    "MorphFilter",
    "SpellingFilter",
    "TOKEN_PATTERN",
    "keys_function",
    "kk_analyzer",
    "query_keys",
    "ru_analyzer",
    "surface_analyzer",
    "tokenizer",
]

#: A word: letters and digits (all of Cyrillic incl. әғқңөұүһі, Latin),
#: hyphen-joined parts kept together.  ``_`` is not a word character here.
TOKEN_PATTERN = r"""
    [^\W_]+                 # a run of letters / digits
    (?:[-\u2010\u2011]      # hyphen, Unicode hyphen, non-breaking hyphen
       [^\W_]+)*            # ... joining further runs: кейс-менеджер, 15-тармағы
"""
_HYPHEN = re.compile(r"[-\u2010\u2011]")

KeyFunction = Callable[[str], list[str]]

#: Index-key functions by language code.
KEY_FUNCTIONS: dict[str, KeyFunction] = {"ru": ru_morph.ru_keys, "kk": kk_morph.kk_keys}


def keys_function(lang: str) -> KeyFunction:
    """The key function for a language code.

    Raises:
        ValueError: unknown language code.
    """
    try:
        return KEY_FUNCTIONS[lang]
    except KeyError:
        known = ", ".join(repr(code) for code in sorted(KEY_FUNCTIONS))
        raise ValueError(f"unknown language {lang!r}: expected one of {known}") from None


def query_keys(word: str, lang: str) -> list[str]:
    """Index keys of one query word, to be OR-ed by the query parser.

    >>> query_keys("Кодексін", "kk")
    ['кодекс']
    >>> query_keys("кодекса", "ru")
    ['кодекс']
    """
    return keys_function(lang)(word)


class HyphenPartsFilter(Filter):
    """Adds the parts of hyphenated tokens after the whole token.

    ``кейс-менеджер тәсілі`` → ``кейс-менеджер``\\@0, ``кейс``\\@0,
    ``менеджер``\\@1, ``тәсілі``\\@2.  Later tokens move on by the number of
    extra parts.  Only when indexing: a query keeps the word whole, which is
    indexed too.
    """

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        shift = 0
        for t in tokens:
            if t.positions:
                t.pos += shift
            parts = _HYPHEN.split(t.text)
            if len(parts) == 1 or t.mode == "query":
                yield t
                continue
            yield t
            offset = 0
            for i, part in enumerate(parts):
                piece = t.copy()
                piece.text = part
                if t.positions:
                    piece.pos = t.pos + i
                if t.chars:
                    piece.startchar = t.startchar + offset
                    piece.endchar = piece.startchar + len(part)
                offset += len(part) + 1
                yield piece
            shift += len(parts) - 1


class SpellingFilter(Filter):
    """Spelling normalisation for the surface field: ``ё`` → ``е`` and Latin
    look-alikes inside Cyrillic words (``мемлекеттiк``) → Cyrillic."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            t.text = kk_morph.normalise(t.text)
            yield t


class MorphFilter(Filter):
    """Replaces each token by its index keys, all at the token's position.

    Args:
        lang: ``"ru"`` or ``"kk"``.

    Extra keys of an ambiguous word are copies of the token (``Token.copy``),
    so position, character offsets and boost stay those of the word.
    """

    is_morph = True

    def __init__(self, lang: str) -> None:
        keys_function(lang)  # fail early on an unknown language
        self.lang = lang
        self._keys: KeyFunction | None = None

    def __getstate__(self) -> dict:
        # the key function drags the shared analyser along; keep only the language
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._keys = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MorphFilter) and other.lang == self.lang

    def __hash__(self) -> int:
        return hash((type(self), self.lang))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.lang!r})"

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        if self._keys is None:
            self._keys = keys_function(self.lang)
        keys_of = self._keys
        here: tuple[int | None, set[str]] = (None, set())  # keys already given at a position
        for t in tokens:
            keys = keys_of(t.text)
            if not keys:
                yield t
                continue
            if t.positions:
                if here[0] != t.pos:
                    here = (t.pos, set())
                # ҚР-ның and its part ҚР both give "қр" at one position: once is enough
                keys = [k for k in keys if k not in here[1]]
                here[1].update(keys)
                if not keys:
                    continue
            extra = [t.copy() for _ in keys[1:]]
            t.text = keys[0]
            yield t
            for copy, key in zip(extra, keys[1:], strict=True):
                copy.text = key
                yield copy


def tokenizer() -> RegexTokenizer:
    """The word tokenizer shared by all fields (:data:`TOKEN_PATTERN`)."""
    return RegexTokenizer(re.compile(TOKEN_PATTERN, re.VERBOSE | re.UNICODE))


# MorphFilter runs before LowercaseFilter: the key functions lower-case
# themselves, and the Kazakh one needs the original case to recognise
# abbreviations with a detached ending (ҚР-ның, АҚШ-тағы).


def ru_analyzer():
    """Russian lemma field: words → all pymorphy3 normal forms."""
    return tokenizer() | HyphenPartsFilter() | MorphFilter("ru") | LowercaseFilter()


def kk_analyzer():
    """Kazakh lemma field: words → keys of :mod:`index.kk_morph`."""
    return tokenizer() | HyphenPartsFilter() | MorphFilter("kk") | LowercaseFilter()


def surface_analyzer():
    """Surface field for exact phrases: lower case and spelling only."""
    return tokenizer() | HyphenPartsFilter() | LowercaseFilter() | SpellingFilter()
