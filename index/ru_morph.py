"""Russian index keys: every normal form pymorphy3 finds for a word.

One :class:`pymorphy3.MorphAnalyzer` is shared by the whole process; it is
created on first use (:func:`analyser`), so importing this module is cheap and
pickled whoosh schemas do not carry it.

>>> ru_keys("кодекса")
['кодекс']
>>> ru_keys("Детьми")
['ребенок']
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import pymorphy3

__all__ = ["analyser", "normalise", "ru_keys"]

CYRILLIC = re.compile(r"[а-яё]")
LATIN = re.compile(r"[A-Za-z]")
#: letters pymorphy3 does not know: such words are Kazakh and stay as they are
KAZAKH_ONLY = re.compile(r"[әғқңөұүһі]")
QUOTES = str.maketrans("", "", "\"'«»“”„‟‘’‚`´\u00ad\u200b\u200c\u200d\ufeff")
#: Latin letters that look Cyrillic; replaced only in words that mix scripts
LOOKALIKES = str.maketrans("ABCEHKMOPTXYaceopxy", "АВСЕНКМОРТХУасеорху")

_ANALYSER: pymorphy3.MorphAnalyzer | None = None
_LOCK = threading.Lock()


def analyser() -> pymorphy3.MorphAnalyzer:
    """The shared pymorphy3 analyser, created on first call."""
    global _ANALYSER
    if _ANALYSER is None:
        with _LOCK:
            if _ANALYSER is None:
                _ANALYSER = pymorphy3.MorphAnalyzer()
    return _ANALYSER


def normalise(word: str) -> str:
    """Lower case, ``ё`` → ``е``, quotes and soft hyphens dropped, Latin
    look-alikes in mixed-script words made Cyrillic.

    >>> normalise("«Ёлка»")
    'елка'
    >>> normalise("Cтатья")  # a Latin C
    'статья'
    """
    word = word.translate(QUOTES).strip()
    if LATIN.search(word) and CYRILLIC.search(word.lower()):
        word = word.translate(LOOKALIKES)
    return word.lower().replace("ё", "е")


@lru_cache(maxsize=200_000)
def _keys(word: str) -> tuple[str, ...]:
    parses = sorted(analyser().parse(word), key=lambda p: p.score, reverse=True)  # stable on ties
    return tuple(dict.fromkeys(p.normal_form.replace("ё", "е") for p in parses))


def ru_keys(word: str) -> list[str]:
    """All distinct normal forms of a word, best-scored first.

    Numbers, Latin tokens and words with Kazakh letters come back as
    themselves, lower-cased.

    >>> ru_keys("стали")[:2]
    ['стать', 'сталь']
    >>> ru_keys("ISO")
    ['iso']
    """
    word = normalise(word)
    if not word:
        return []
    if not CYRILLIC.search(word) or KAZAKH_ONLY.search(word):
        return [word]
    return list(_keys(word))
