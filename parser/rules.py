"""Rules (003): the defined terms of the point "В Правилах используются следующие основные понятия:".

Each subpoint of that point defines one term::

    1) специальные социальные услуги – комплекс услуг, обеспечивающих …;
    3) контакт-центр «111» по вопросам семьи, защиты прав женщин и детей
       (далее – контакт-центр «111») – юридическое лицо, определенное …;

The term ends at the first spaced dash (" – ", " — " or " - ") outside brackets, so the dash of
"(далее – контакт-центр «111»)" and the hyphen of "контакт-центр" are not taken for it.  A
"(далее – …)" inside the term gives its short name (``abbrev``) and is left out of ``term``.
"""

from __future__ import annotations

import re
from typing import Any

from .models import Diagnostic, Line

# The words that announce definitions: "используются следующие основные понятия:".
TERMS_INTRO_RE = re.compile(r"(?:понятия|термины|определения)\b[^.]*:\s*$", re.I)

# A spaced dash: en dash, em dash or a hyphen with spaces around it.
DASH_RE = re.compile(r"\s+[\u2013\u2014-]\s+")

# "(далее – контакт-центр «111»)": the short name a term is given.
ABBREV_RE = re.compile(
    r"""\(
    \s* далее \s* [\u2013\u2014-] \s*    # "(далее – "
    (?P<abbrev> [^()]+? )                # the short name
    \s* \)""",
    re.X | re.I,
)

# A subpoint line "1) текст".
_SUBPOINT_RE = re.compile(r"^(?P<num>\d{1,3}(?:-\d{1,2})?)\)\s*(?P<text>.*)$")
_POINT_RE = re.compile(r"^(?P<num>\d{1,3}(?:-\d{1,2})?)\.\s+(?P<text>.*)$")


def is_terms_point(point_text: str) -> bool:
    """Whether a point announces definitions.

    >>> is_terms_point("В Правилах используются следующие основные понятия:")
    True
    >>> is_terms_point("Центры осуществляют:")
    False
    """
    return TERMS_INTRO_RE.search(point_text) is not None


def split_term(text: str) -> tuple[str, str] | None:
    """Split a definition at the first spaced dash outside brackets; ``None`` if there is none.

    >>> split_term("трудная жизненная ситуация – ситуация, признанная …;")
    ('трудная жизненная ситуация', 'ситуация, признанная …;')
    >>> split_term("контакт-центр (далее – КЦ) – юридическое лицо")
    ('контакт-центр (далее – КЦ)', 'юридическое лицо')
    """
    depth = 0
    for pos, ch in enumerate(text):
        if ch in "(«":
            depth += 1
        elif ch in ")»":
            depth = max(depth - 1, 0)
        elif depth == 0 and ch.isspace():
            m = DASH_RE.match(text, pos)
            if m:
                return text[:pos].strip(), text[m.end():].strip()
    return None


def extract_terms(
    point_text: str,
    subpoints: list[tuple[str, str, int]],
    file: str,
    diagnostics: list[Diagnostic] | None = None,
) -> list[dict[str, Any]]:
    """The terms defined by the subpoints of a definitions point.

    Args:
        point_text: the point's own text ("В Правилах используются следующие основные
            понятия:"); terms are read whatever it says, but a point that does not announce
            definitions (:func:`is_terms_point`) is reported in ``diagnostics``.
        subpoints: ``(num, text, line)`` per subpoint, ``text`` without its "N)".
        file: the source file, kept in each term.
        diagnostics: where a subpoint without a dash (it gives no term) and an unexpected
            ``point_text`` are reported as warnings.

    Returns:
        ``[{"num": "1", "term": "специальные социальные услуги", "definition": "комплекс
        услуг, …", "abbrev": None, "line": 106, "file": …, "text": the subpoint as written}]``;
        the definition loses its closing ";" or ".".
    """
    if diagnostics is not None and subpoints and not is_terms_point(point_text):
        diagnostics.append(Diagnostic(file, subpoints[0][2], "a point announcing definitions ('… понятия:')",
                                      point_text, "warning"))
    terms: list[dict[str, Any]] = []
    for num, text, line in subpoints:
        parts = split_term(text)
        if parts is None:
            if diagnostics is not None:
                diagnostics.append(
                    Diagnostic(file, line, "a definition 'term – definition'", text, "warning"))
            continue
        term, definition = parts
        abbrev = None
        m = ABBREV_RE.search(term)
        if m:
            abbrev = m.group("abbrev").strip()
            term = (term[: m.start()] + term[m.end() :]).strip()
        terms.append({
            "num": num,
            "term": " ".join(term.split()),
            "definition": definition.rstrip(" ;."),
            "abbrev": abbrev,
            "line": line,
            "file": file,
            "text": text,
        })
    return terms


def find_terms_point(lines: list[Line]) -> tuple[str, list[tuple[str, str, int]]] | None:
    """Find the definitions point among logical lines and its subpoints, for :func:`extract_terms`.

    Returns ``(point_text, [(num, text, line), …])`` or ``None``; the subpoints are the "N)" lines
    after the point up to the next "N." line or heading.
    """
    for k, ln in enumerate(lines):
        m = _POINT_RE.match(ln.text)
        if not (m and is_terms_point(m.group("text"))):
            continue
        subs: list[tuple[str, str, int]] = []
        for nxt in lines[k + 1 :]:
            sm = _SUBPOINT_RE.match(nxt.text)
            if not sm:
                break
            subs.append((sm.group("num"), sm.group("text"), nxt.no))
        return m.group("text"), subs
    return None
