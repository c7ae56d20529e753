"""Which source format a text is in, scored on its content (never on its name).

Each format has a scorer ``str -> float`` (0 = surely not, 1 = surely) over the head of the
text; :func:`sniff_format` picks the best and :func:`format_scores` shows them all, so
``zangraph parse --format`` can be checked against what the sniffer thought.

>>> sniff_format("# Об утверждении\\n\\n1\\\\. Утвердить")
'markdown'
>>> sniff_format("\\xa0\\xa0\\xa0\\xa0\\xa0\\xa01. Утвердить прилагаемые\\n\\n\\xa0\\xa0\\xa0\\xa0\\xa0\\xa02. Контроль")
'adilet'
"""

from __future__ import annotations

import re
from collections.abc import Callable

HEAD = 20000  # characters looked at

_MD_HEADING = re.compile(r"^#{1,6}\s+\S", re.M)
_MD_QUOTE = re.compile(r"^>\s", re.M)
_MD_BOLD = re.compile(r"\*\*\S")
_MD_ESCAPE = re.compile(r"\d\\\.")
_MD_ANCHOR = re.compile(r"^<a\s+id=", re.M)
_HTML_DOC = re.compile(r"<!DOCTYPE\s+html|<html\b|<body\b", re.I)
_ADILET_INDENT = re.compile(r"^(?:\xa0| ){4,}\S", re.M)
_HYPHEN_WRAP = re.compile(r"[а-яәғқңөұүһі]-\n[а-яәғқңөұүһі]")
_SOFT_WRAP = re.compile(r"[а-яәғқңөұүһі,] ?\n ?[а-яәғқңөұүһі]")
_TRAILING_SPACE = re.compile(r"\S \n")


def _share(n: int, of: int) -> float:
    return min(1.0, n / max(of, 1))


def score_markdown(text: str) -> float:
    head = text[:HEAD]
    if _HTML_DOC.search(head[:2000]):
        return 0.0
    score = 0.0
    if head.startswith("---\n") or head.startswith("---\r\n"):
        score += 0.5
    score += 0.3 * _share(len(_MD_HEADING.findall(head)), 1)
    score += 0.15 * _share(len(_MD_QUOTE.findall(head)), 2)
    score += 0.15 * _share(len(_MD_BOLD.findall(head)), 3)
    score += 0.1 * _share(len(_MD_ESCAPE.findall(head)) + len(_MD_ANCHOR.findall(head)), 2)
    return min(score, 1.0)


def score_adilet_html(text: str) -> float:
    head = text[:HEAD]
    if not _HTML_DOC.search(head):
        return 0.0
    try:
        from .fmt_html import score_adilet_html as score  # the page reader knows its container
    except ImportError:  # pragma: no cover - the reader ships with the package
        return 0.6
    return max(0.6, score(text))


def score_adilet(text: str) -> float:
    head = text[:HEAD]
    lines = [ln for ln in head.split("\n") if ln.strip()]
    if not lines or _HTML_DOC.search(head[:2000]):
        return 0.0
    return 0.9 * _share(len(_ADILET_INDENT.findall(head)), len(lines) // 2)


def score_pdf(text: str) -> float:
    """Text extracted from a PDF: hard-wrapped lines (a line ends mid-sentence and the next one
    goes on in lower case), words hyphenated across lines, no markup."""
    head = text[:HEAD]
    lines = [ln for ln in head.split("\n") if ln.strip()]
    if not lines or _HTML_DOC.search(head[:2000]):
        return 0.0
    wraps = len(_SOFT_WRAP.findall(head)) + 2 * len(_HYPHEN_WRAP.findall(head))
    trailing = len(_TRAILING_SPACE.findall(head))
    return 0.8 * max(_share(wraps, len(lines) // 4), _share(trailing, len(lines) // 2))


SCORERS: dict[str, Callable[[str], float]] = {
    "adilet_html": score_adilet_html,
    "markdown": score_markdown,
    "adilet": score_adilet,
    "pdf": score_pdf,
}


def format_scores(text: str) -> dict[str, float]:
    """Every format's score, best first."""
    scores = {name: round(f(text), 3) for name, f in SCORERS.items()}
    return dict(sorted(scores.items(), key=lambda kv: -kv[1]))


def sniff_format(text: str) -> str:
    """The most likely format; plain text with no sign of any format reads as ``adilet`` (one
    paragraph per line, which is what a plain text file is)."""
    name, score = next(iter(format_scores(text).items()))
    return name if score >= 0.2 else "adilet"
