"""Pass 1 for text extracted from a PDF: join hard-wrapped lines into logical lines.

A PDF extractor gives one source line per printed line.  Paragraphs are wrapped mid-sentence,
words are hyphenated across lines, each new page starts with a line that begins with a space,
and table cells come out flattened.  :func:`pdf_lines` rebuilds the logical lines (paragraphs)
and records for each the source lines it was made from (``no``..``end``); every non-blank
source line ends up in exactly one :class:`~parser.models.Line`.

What the extractor leaves behind, and how it is read:

* **trailing space** — a printed line that was *wrapped* (the paragraph goes on) keeps a
  trailing space ("Центров "); a line that ends a paragraph or a deliberate line break (a
  signature, a stamp) does not.  It is a hint, never the only reason to join.
* **leading space** — the first line of a page starts with a space.  That line is either the
  start of a new paragraph (" 24. Для идентификации…", " Утверждены приказом") or the rest of
  a sentence cut by the page break (" уполномоченного государственного органа…").
* **blank lines** — usually between paragraphs, but the header block and the stamps have blank
  lines in the middle of a sentence ("…Республики " / "" / "Казахстан от 14 июня…").

Decisions between two consecutive non-blank source lines ``prev`` → ``next`` (first rule that
applies wins):

1. ``next`` or ``prev`` is a one-word caps label ("«СОГЛАСОВАН»", "ПРИКАЗЫВАЮ:") → break.
2. ``next`` opens a unit — "N." / "N)" / "N-N." / "N-N)", "Глава N", "Параграф N", a stamp
   ("Утверждены приказом", "Приложение к …"), "Примечание", "Сноска" → break (also after a
   blank line or a page break), unless ``prev`` ends with a word that takes a number
   ("подпунктами", "статьи", "№", "и", a comma): then the number is a cross-reference wrapped
   onto the next line.  A stamp that names its act's number ("… № 256-НҚ") is complete → break.
3. a blank line lies between them → break, except (a blank-line join, mark ``"blank-join"``):
   ``prev`` was soft-wrapped (trailing space) and does not end a sentence; or ``prev`` ends with
   a comma and ``next`` starts in lower case; or the logical line is an annex stamp that is not
   complete yet (it does not end with "№ <number>") and ``next`` is a short stamp line.
4. ``next`` starts with a space (page break) → joined, mark ``"page-break"``, when ``prev`` does
   not end a sentence and ``next`` starts in lower case (or ``prev`` was soft-wrapped); otherwise
   it starts a new logical line, mark ``"page-start"``.
5. otherwise (an ordinary wrap) → joined, unless ``prev`` ends a sentence, is not soft-wrapped
   and ``next`` starts with a capital letter.

Joining: a hyphen ending ``prev`` before a lower-case ``next`` is removed when the joined word is
a dictionary word of pymorphy3 (no guessing; Kazakh words are unknown, so their hyphens stay):
"сред-" + "ство" → "средство", mark ``"dehyphenated"``; it is kept otherwise
("информационно-" + "просветительской" → "информационно-просветительской", mark
``"hyphen-kept"``); a slash joins without a space ("№ п" + "/п" → "№ п/п"); anything else joins
with one space.  Hyphens inside a line ("кейс- менеджер", "вице-министра") are never touched.

Other marks: ``"stamp"`` on an annex stamp ("Утверждены приказом … № 256-НҚ",
"Приложение к Правилам …"), ``"label"`` on a caps label.

Tables: rows are separated by blank lines in these PDFs and the cleaner does not know about
cells, so a row whose position name wraps across a blank line ("20. социальный работник" /
"кейс- менеджер" / "2 3 4") comes out as *separate* logical lines; the staffing extractor
(:mod:`parser.staffing`) joins them.  A row wrapped without a blank line ("…транспортное сред-" /
"ство") is joined here like any wrap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .clean import collapse_spaces, nbsp
from .models import Line

# --- patterns --------------------------------------------------------------------------------

# A numbered unit at the start of a line: a point "12." / "12-1." or a subpoint "9)" / "20-1)".
NUMBERED_RE = re.compile(
    r"""^
    (?P<num> \d{1,3} (?:-\d{1,2})? )   # "12", "12-1" — not a year ("2024 года": no delimiter)
    (?P<delim> [.)] )                  # "." for a point, ")" for a subpoint
    (?= \s | $ )                       # then a space: "87.3." (a code) is not a point
    """,
    re.X,
)

# Headings and blocks that always start a logical line (case-sensitive: mid-sentence these words
# are in lower case).
OPENER_RE = re.compile(
    r"""^(?:
        (?:Глава|Параграф) \s+ \d            # "Глава 1. Общие положения", "Параграф 4-1"
      | \d{1,3} \s* - \s* (?:бөлім|параграф)  # kk: "1-бөлім", "4-параграф"
      | Примечани[ея] \b                     # "Примечание:" under a table, "Примечание ИЗПИ!"
      | Сноска \b | Ескерту \b                 # footnotes of adilet copies
    )""",
    re.X,
)

# The first line of an annex stamp (a block of short right-aligned lines).
STAMP_RE = re.compile(
    r"""^(?:
        Утвержден[аоы]? \s+ приказом                 # "Утверждены приказом"
      | Приложение (?: \s+ №? \s* \d+ )?           # "Приложение", "Приложение 2"
        (?: \s+ к \b | $ )                           # "… к Правилам", "… к приказу"; or alone
    )""",
    re.X,
)

# A stamp is complete once it names the act's number: "… от 14 июня 2024 года № 256-НҚ".
STAMP_COMPLETE_RE = re.compile(r"№\s*[\w-]+\s*$")

# A one-word caps label on its own line: "«СОГЛАСОВАН»", "КЕЛІСІЛДІ", "ПРИКАЗЫВАЮ:".
LABEL_RE = re.compile(r"""^[«"“]? [A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{4,} [»"”]? :? $""", re.X)

# A line end after which a number is a cross-reference, not a new unit:
# "…подпунктами" / "1) и 2) настоящего пункта", "…статьи" / "5-1.", "… № " / "34.".
REFERENCE_TAIL_RE = re.compile(
    r"""(?:
        (?<!\w) (?:под)?пункт\w*    # пункт, пунктом, подпунктами …
      | (?<!\w) стать\w*            # статья, статьи, статьей
      | (?<!\w) част\w*             # часть, части
      | (?<!\w) глав[аыеу]?         # главы, главе
      | (?<!\w) параграф\w*
      | (?<!\w) приложени\w*
      | №
      | (?<!\w) (?:и|или)           # "подпунктами 1) и" / "2) …"
      | ,                           # a list of numbers: "подпунктами 2), " / "3), 4) …"
    ) $""",
    re.X | re.I,
)

# Sentence ends: what a paragraph or a list item ends with (closing quotes/brackets aside).
_TERMINAL = ".;:!?"
_CLOSERS = "»\"”)]"

# Hyphens that may end a line: ASCII, Unicode hyphen, soft hyphen.
_HYPHENS = "-\u2010\u00ad"

# The last word before a line-end hyphen and the first word of the next line.
_LAST_WORD_RE = re.compile(r"(\w+)[-\u2010\u00ad]$")
_FIRST_WORD_RE = re.compile(r"^(\w+)")

# The longest source line that can still belong to a stamp after a blank line (stamp lines are
# short: they are printed in a narrow right-hand column).
STAMP_LINE_MAX = 40
STAMP_LINES_MAX = 8


# --- source lines ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Src:
    """One non-blank source line as the extractor left it."""

    no: int
    text: str  # spaces collapsed, ends trimmed
    lead: bool  # started with a space: the first line of a page
    soft: bool  # ended with a space: the printed line was wrapped
    after_blank: bool  # one or more blank lines came before it


@dataclass
class _Para:
    """A logical line being built."""

    lines: list[_Src]
    text: str
    marks: list[str] = field(default_factory=list)
    stamp: bool = False

    @property
    def last(self) -> _Src:
        return self.lines[-1]

    def to_line(self) -> Line:
        marks = tuple(dict.fromkeys(self.marks))  # unique, in order
        return Line(no=self.lines[0].no, text=self.text, end=self.lines[-1].no, marks=marks)


def _source_lines(text: str) -> list[_Src]:
    out: list[_Src] = []
    blank = False
    for no, raw in enumerate(text.split("\n"), start=1):
        raw = nbsp(raw.rstrip("\r")).replace("\x0c", " ")
        body = collapse_spaces(raw)
        if not body:
            blank = True
            continue
        out.append(_Src(no, body, raw[:1].isspace(), raw[-1:].isspace(), blank))
        blank = False
    return out


# --- predicates (small, each with doctests) --------------------------------------------------


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends a sentence or a list item.

    >>> ends_sentence("поддержки семьи."), ends_sentence("(далее – Правила);"), ends_sentence("Центров")
    (True, True, False)
    >>> ends_sentence("№ 32941)."), ends_sentence("(далее – Правила)")
    (True, False)
    """
    t = text.rstrip()
    t = t.rstrip(_CLOSERS)
    return bool(t) and t[-1] in _TERMINAL


def starts_lower(text: str) -> bool:
    """Whether ``text`` reads as the rest of a sentence: a lower-case letter or a punctuation
    mark that cannot start one.

    >>> starts_lower("уполномоченного органа"), starts_lower("Утверждены"), starts_lower("(семьи)")
    (True, False, True)
    """
    ch = text[:1]
    return ch.islower() or (ch != "" and ch in ",;:.)»–—-/(")


def is_numbered(text: str) -> bool:
    """Whether ``text`` starts with a unit number.

    >>> [is_numbered(t) for t in ("24. Для", "8) организацию", "12-1. Текст", "2024 года № 1", "5-1 Кодекса")]
    [True, True, True, False, False]
    """
    return NUMBERED_RE.match(text) is not None


def is_label(text: str) -> bool:
    """A one-word caps label on its own line.

    >>> is_label("«СОГЛАСОВАН»"), is_label("ПРИКАЗЫВАЮ:"), is_label("Республики Казахстан")
    (True, True, False)
    """
    return LABEL_RE.match(text) is not None


def opens_unit(text: str) -> bool:
    """Whether ``text`` starts a point, a subpoint, a heading, a stamp or a note."""
    return bool(NUMBERED_RE.match(text) or OPENER_RE.match(text) or STAMP_RE.match(text))


@lru_cache(maxsize=1)
def _lexicon():
    """The pymorphy3 Russian dictionary, or ``None`` when it cannot be loaded."""
    try:
        import pymorphy3
    except ImportError:  # pragma: no cover - pymorphy3 is a dependency
        return None
    try:
        return pymorphy3.MorphAnalyzer(lang="ru")
    except Exception:  # pragma: no cover - broken dictionaries
        return None


def plausible_word(word: str) -> bool:
    """Whether ``word`` is a dictionary word (pymorphy3, no guessing of unknown words).

    Without the dictionary, a compound stem ending in -о/-е before the hyphen
    ("информационно-") is taken as a real hyphen and anything else as a syllable break.

    >>> plausible_word("средство"), plausible_word("информационнопросветительской")
    (True, False)
    """
    morph = _lexicon()
    if morph is None:  # pragma: no cover
        return not re.search(r"\w{4,}[ое](?=\w)", word)
    return bool(morph.word_is_known(word.lower()))


def join_text(prev: str, nxt: str) -> tuple[str, str | None]:
    """Join two wrapped pieces of text; returns the text and a mark (or ``None``).

    >>> join_text("1 транспортное сред-", "ство")
    ('1 транспортное средство', 'dehyphenated')
    >>> join_text("по методологии и информационно-", "просветительской работе:")
    ('по методологии и информационно-просветительской работе:', 'hyphen-kept')
    >>> join_text("№ п", "/п")
    ('№ п/п', None)
    >>> join_text("специальные социальные", "услуги")
    ('специальные социальные услуги', None)
    >>> join_text("указано в пункте 5 -", "Правила")
    ('указано в пункте 5 - Правила', None)
    """
    if prev and prev[-1] in _HYPHENS and nxt[:1].islower():
        left = _LAST_WORD_RE.search(prev)
        right = _FIRST_WORD_RE.match(nxt)
        if left and right:
            if prev[-1] == "\u00ad" or plausible_word(left.group(1) + right.group(1)):
                return prev[:-1] + nxt, "dehyphenated"
            return prev[:-1] + "-" + nxt, "hyphen-kept"
    if prev.endswith("/") or nxt.startswith("/"):
        return prev + nxt, None
    return f"{prev} {nxt}", None


# --- the decision ----------------------------------------------------------------------------


def _join_kind(para: _Para, nxt: _Src) -> str | None:
    """How ``nxt`` continues ``para``: "wrap", "page-break", "blank-join"; ``None`` for a break."""
    prev = para.last
    if is_label(prev.text) or is_label(nxt.text):
        return None
    if opens_unit(nxt.text) and not REFERENCE_TAIL_RE.search(prev.text):
        return None
    if para.stamp and STAMP_COMPLETE_RE.search(para.text):
        return None
    if nxt.after_blank:
        if para.stamp:
            return "blank-join" if _continues_stamp(para, nxt) else None
        if prev.soft and not ends_sentence(prev.text):
            return "blank-join"
        if prev.text.endswith(",") and nxt.text[:1].islower():
            return "blank-join"
        return None
    if nxt.lead:
        if not ends_sentence(prev.text) and (starts_lower(nxt.text) or prev.soft):
            return "page-break"
        return None
    if ends_sentence(prev.text) and not prev.soft and nxt.text[:1].isupper():
        return None
    return "wrap"


def _continues_stamp(para: _Para, nxt: _Src) -> bool:
    """After a blank line, a stamp goes on with short lines until it names the act's number."""
    return (
        not STAMP_COMPLETE_RE.search(para.text)
        and not ends_sentence(para.text)
        and len(nxt.text) <= STAMP_LINE_MAX
        and len(para.lines) < STAMP_LINES_MAX
    )


def pdf_lines(text: str) -> list[Line]:
    """The logical lines of a PDF text extraction (see the module docstring for the rules).

    >>> [ln.text for ln in pdf_lines("1. Первый пункт про сред-\\nство \\n\\n2. Второй пункт.\\n 3. Третий")]
    ['1. Первый пункт про средство', '2. Второй пункт.', '3. Третий']
    >>> ln = pdf_lines("политики под координацией \\n уполномоченного органа.")[0]
    >>> (ln.no, ln.end, ln.text, ln.marks)
    (1, 2, 'политики под координацией уполномоченного органа.', ('page-break',))
    """
    out: list[Line] = []
    para: _Para | None = None
    for src in _source_lines(text):
        kind = _join_kind(para, src) if para is not None else None
        if para is not None and kind is not None:
            para.text, mark = join_text(para.text, src.text)
            para.lines.append(src)
            if kind != "wrap":
                para.marks.append(kind)
            if mark:
                para.marks.append(mark)
            continue
        if para is not None:
            out.append(para.to_line())
        para = _Para([src], src.text)
        if src.lead:
            para.marks.append("page-start")
        if is_label(src.text):
            para.marks.append("label")
        elif STAMP_RE.match(src.text):
            para.stamp = True
            para.marks.append("stamp")
    if para is not None:
        out.append(para.to_line())
    return out
