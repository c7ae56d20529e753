"""Profession cards in HTML tables: the labels of :mod:`parser.card_labels` compiled, and the
tests on one line of text built on them.

:func:`match_label` (the field a label line opens), :func:`match_heading` (a row that opens a
card), the groups of fields (``HEADER_FIELDS``, ``LIST_FIELDS`` …), ``NUMBERED_RE`` for a
numbered item, and the text helpers the card reader shares (:func:`clean_text`,
:func:`name_key`, :func:`continues_item`, :func:`strip_dash`).  Used by
:mod:`parser.card_table_rows`, :mod:`parser.card_table_reader` and :mod:`parser.cards_table`.
"""

from __future__ import annotations

import re
import unicodedata

from .card_labels import HEADINGS, LABELS, PROFESSION_LIST

__all__ = [
    "CODE_FIELDS",
    "DASHES",
    "EDUCATION",
    "ENDS_ITEM",
    "FUNCTION_LIST",
    "HEADER_FIELDS",
    "HEADING_PATTERNS",
    "LABEL_PATTERNS",
    "LIST_FIELDS",
    "LIST_RE",
    "NUMBERED_RE",
    "RELATED",
    "clean_text",
    "continues_item",
    "match_heading",
    "match_label",
    "name_key",
    "strip_dash",
]


# --- the labels, compiled ----------------------------------------------------------------


def _compile_label(words: str) -> re.Pattern[str]:
    """A label filling a whole line, with an optional colon and value (see card_labels)."""
    body = re.sub(r" +", r"\\s+", words.strip())
    numbered = "{n}" in words
    body = body.replace("{n}", r"(?P<num>\d{1,2})").replace(r"\s+-", r"\s*[-\u2010-\u2015]\s*")
    sep = r"[:.]" if numbered else r":"
    return re.compile(
        rf"^(?P<label>{body})\s*(?:{sep}\s*(?P<value>.*?))?\s*$",
        re.I,
    )


# field -> patterns, in the order of card_labels.LABELS
LABEL_PATTERNS: list[tuple[str, str, re.Pattern[str]]] = [
    (f, lang, _compile_label(w)) for f, lang, w in LABELS
]
HEADING_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(rf"^\s*{p}\s*$", re.X | re.I)) for kind, _lang, p in HEADINGS
]
LIST_RE = [re.compile(rf"^\s*(?:\d{{1,2}}\s*\\?\.\s*)?{p}\b", re.I) for _lang, p in PROFESSION_LIST]

HEADER_FIELDS = ("group_code", "occupation_code", "profession", "okr_level", "okr_sublevel")
# Fields whose values are a list of items, one a line (wrapped lines joined).
LIST_FIELDS = ("experience", "informal_education", "other_names", "purpose", "personal_competences",
               "regulations")
FUNCTION_LIST = ("functions_list", "functions_mandatory", "functions_additional", "functions_description")
RELATED = ("related", "related_level", "related_name", "related_lower", "related_higher")
EDUCATION = ("education", "edu_level", "edu_specialty", "edu_qualification")
CODE_FIELDS = frozenset({"group_code", "occupation_code"})

# A numbered item: "1. Обеспечивать …", "3.Технических …", "1) СТ РК …", and in 2019
# "1 Проверка состояния …" (a number, a space, a capital) — but not "7.1" or "5320-2".
NUMBERED_RE = re.compile(
    r"""^
    (?P<num> \d{1,2} )
    (?: \s* [.)] (?!\d) | \s+ (?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ«"]) )   # "1." / "1)" / "1 " before a capital
    \s* (?P<text> .* ) $""",
    re.X,
)
ENDS_ITEM = (".", ";", ":", "!", "?")
DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u02d7\u2212"  # for a [character class]


def clean_text(text: str) -> str:
    """Text with invisible and non-characters dropped (kk 716 has a U+FDD0 before a label)."""
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cn", "Co", "Cf", "Cc")).strip()


def match_label(text: str) -> tuple[str, re.Match[str]] | None:
    """The field a label line opens, as ``(field, match)``; ``None`` for a value line.

    >>> match_label("Трудовая функция 1:")[0], match_label("2-еңбек функциясы")[1].group("num")
    ('function', '2')
    >>> match_label("Навык 1: Планирование работы")[1].group("value")
    'Планирование работы'
    >>> match_label("Знания, полученные при подготовке") is None
    True
    """
    text = clean_text(text)
    for key, _lang, pattern in LABEL_PATTERNS:
        m = pattern.match(text)
        if m:
            return key, m
    return None


def match_heading(text: str) -> tuple[str, str | None, str | None] | None:
    """``(kind, num, name)`` of a row that opens a card, ``None`` otherwise.

    >>> match_heading("9. Карточка профессии «Руководитель»:")
    ('heading', '9', 'Руководитель')
    >>> match_heading("10. «Күзетші» мамандығының карточкасы:")
    ('heading', '10', 'Күзетші')
    >>> match_heading("«Пожарный»")
    ('name_row', None, 'Пожарный')
    """
    text = clean_text(text)
    for kind, pattern in HEADING_PATTERNS:
        m = pattern.match(text)
        if m:
            name = m.group("name")
            return kind, m.groupdict().get("num"), _unquote(name) if name else None
    return None


def _unquote(name: str) -> str:
    name = name.strip()
    if name[:1] in "«\"“„" and name[-1:] in "»\"”":
        name = name[1:-1]
    return " ".join(name.split())


def name_key(text: str) -> str:
    """A name reduced for comparison: case, quotes, dashes, spaces and final stops ignored."""
    text = re.sub(rf"[\"«»“”„{DASHES}]", " ", clean_text(text)).casefold().replace("ё", "е")
    return " ".join(text.split()).rstrip(" .;,:")


def continues_item(prev: str, text: str) -> bool:
    """Does ``text`` continue the item ``prev`` (a line wrapped inside one cell)?"""
    if not prev or prev.rstrip().endswith(ENDS_ITEM) or NUMBERED_RE.match(text):
        return False
    first = text.lstrip()[:1]
    return first.isalpha() and first.islower()


def strip_dash(text: str) -> str:
    """ "- Свидетельство …" → "Свидетельство …" (a dash after a column label); "-" stays."""
    m = re.match(rf"^[{DASHES}]\s+(?=\S)(.*)$", text)
    return m.group(1) if m else text
