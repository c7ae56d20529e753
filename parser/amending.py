"""Amending acts: read each amending instruction of an act into an :class:`AmendingInstruction`.

An amending act ("О внесении изменений …", "… өзгерістер енгізу туралы") is parsed as structure
like any act (points, subpoints, articles, alineas); this module reads what its units *say*:

* the umbrella sentence "Внести в приказ … от 27 января 2016 года № 30 "…" следующее
  изменение:" (kk "… бұйрығына мынадай өзгеріс енгізілсін:") — verb ``amend``, and the act every
  instruction under it inherits;
* context lines that narrow the target without a verb: "в статье 3:", "в Перечне …,
  утвержденном указанным приказом:", "в категории 1 "Текущие затраты":", kk "3-бапта:",
  "1 "Ағымдағы шығындар" деген санатында:" — their path is inherited too;
* the instructions themselves, with their verb:

  ========================  ===========================================================
  ``restate``               "<unit> изложить в следующей редакции:" / "… мынадай редакцияда жазылсын:"
  ``insert``                "<unit> дополнить абзацем седьмым следующего содержания:" /
                            "… мынадай мазмұндағы жетінші абзацпен толықтырылсын:"; also words
                            "после слов "X" дополнить словами "Y"" / "… деген сөздерден кейін …"
  ``repeal``                "<unit> исключить", "признать утратившим силу <act>" /
                            "… алып тасталсын", "… күші жойылды деп танылсын"
  ``replace_words``         "слова "X" заменить словами "Y"" / ""X" деген сөздер "Y" деген сөздермен
                            ауыстырылсын"
  ``amend``                 the umbrella "внести (следующие) изменения (и дополнения)" /
                            "мынадай өзгерістер (мен толықтырулар) енгізілсін"
  ========================  ===========================================================

The new text ("следующего содержания:", "в следующей редакции:") is the quoted text after the
colon — on the same unit or on the following unit(s): "«День Столицы - 6 июля;»." or a restated
table cell of three paragraphs, opened by ``"`` on the first and closed by ``".`` on the last.
It is kept exactly (the units joined by ``\\n``), without the outer quotes.

Where an umbrella or context holds: a line read as umbrella or context from unit ``E`` applies to
the later units inside ``E`` (ids starting with ``E__``), and when ``E`` is an alinea, to its later
siblings too (ids under ``E``'s parent); a new context at the same level or above replaces the
old one.  So ``body__point_1`` ("Внести в приказ …:") covers ``body__point_1__al_2`` … and
``body__point_1__subpoint_3``, and stops at ``body__point_2``.

:func:`read_instructions` never guesses: a unit with an amending verb in a form it does not know
gives a :class:`~parser.models.Diagnostic` (warning) with the file, the line and what was expected;
a target it cannot read into units keeps its words (``target``) with an empty ``path``.
Resolving the target act and unit id against the corpus is :mod:`kb.amending`'s job.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from typing import Any

from .dates import parse_date
from .models import Diagnostic
from .numwords import is_number_word, word_to_int
from .patterns import DATE_KK_RE

__all__ = [
    "ActTarget",
    "AmendingInstruction",
    "Source",
    "Step",
    "VERBS",
    "has_amending_verb",
    "parse_act_ref",
    "parse_path",
    "read_instructions",
]

VERBS = ("restate", "insert", "repeal", "replace_words", "amend")


# --- records ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """Where an instruction stands: the unit ``eid`` and its source ``line``; ``end`` is the last
    source line it takes (the last unit of its new text), ``eids`` every unit it takes."""

    file: str
    eid: str
    line: int
    end: int
    eids: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActTarget:
    """The amended act as the instruction writes it (``text``), and what could be read from it."""

    text: str
    type: str | None = None  # "law" | "order" | "resolution" | "decree" | "code" | "disposition" | "decision"
    date: str | None = None  # ISO
    number: str | None = None
    title: str | None = None  # without the outer quotes
    issuer: str | None = None  # as written ("Министра финансов Республики Казахстан")
    registration: str | None = None  # number in the register of the Ministry of Justice ("13301")


@dataclass(frozen=True)
class Step:
    """One unit on the path to the target: ``kind`` and ``num`` (digits, "3-1", "01"; ordinal words
    read: "седьмым" → "7"), ``name`` when the unit is named in quotes or by its title ("графу 7
    "Примечание"", "в Перечне …"), ``text`` the words as written."""

    kind: str  # see _RANK
    num: str | None = None
    name: str | None = None
    text: str = ""


@dataclass(frozen=True)
class AmendingInstruction:
    """One amending instruction.

    ``target`` is the target as written in the instruction itself; ``path`` is the full path
    inside the amended act (inherited context first, outermost unit first); ``new_unit`` is the
    unit an ``insert`` adds ("абзацем седьмым" → ``Step("alinea", "7")``) — it stands inside
    ``path``.  ``new_text`` is the quoted new text exactly, ``new_text_ref`` a pointer when the text
    is elsewhere ("согласно приложению 1 к настоящему приказу").  ``old_words`` → ``new_words`` for
    ``replace_words``; ``old_words`` alone for words repealed; ``after_words`` for words inserted
    after other words.  ``context`` lists the eids of the umbrella / context units inherited.
    """

    verb: str
    lang: str
    text: str
    target: str
    act: ActTarget | None
    path: tuple[Step, ...]
    span: Source
    new_unit: Step | None = None
    new_text: str | None = None
    new_text_ref: str | None = None
    old_words: str | None = None
    new_words: str | None = None
    after_words: str | None = None
    context: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (tuples as lists)."""
        return _lists(asdict(self))


def _lists(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    return value


# --- patterns --------------------------------------------------------------------------------
# Kept here while the module is new; they follow the conventions of parser/patterns.py (verbose,
# a comment per group) and can move there as an ``AMEND_`` section.

# A quoted text: «…» (one level of inner «…»), "…", “…”.
_Q = r"""(?:«(?:[^«»]|«[^«»]*»)*»|"[^"]*"|“[^”]*”)"""
_QOPEN = "«\"“„"
_QCLOSE = "»\"”“"

# The number a unit carries as written before its text: "1. ", "1) ", "Статья 1 . ", "1-бап. ".
UNIT_NUMBER_RE = re.compile(
    r"""^\s*
    (?:
        Статья \s+ \d+(?:-\d+)* \s* \.                 # ru article heading "Статья 1 ."
      | \d+(?:-\d+)* \s* - \s* бап \s* \.              # kk article heading "1-бап."
      | \d+(?:-\d+)* \s* [.)] (?!\d)                   # point "1." / subpoint "1)" (not "1.1")
    )
    \s*""",
    re.X | re.I,
)

# ru umbrella, the act first: "Внести в приказ … следующие изменения и дополнения:".
AMEND_RU_RE = re.compile(
    r"""
    \b внести \s+ в \s+ (?P<act>.+?)                                 # the act, accusative
    \s+ следующ(?:ее|ие) \s+
    (?:изменени[ея]|дополнени[ея]) (?:\s+ и \s+ (?:изменени[ея]|дополнени[ея]))?   # what is made
    \s* [:.;]? \s* (?P<rest>.*)$                                     # an instruction on the same line
    """,
    re.X | re.I | re.S,
)

# ru umbrella, the changes first: "Внести изменения и дополнения в приказ …:".
AMEND_RU_AFTER_RE = re.compile(
    r"""
    \b внести \s+ (?:следующ(?:ее|ие) \s+)?
    (?:изменени[ея]|дополнени[ея]) (?:\s+ и \s+ (?:изменени[ея]|дополнени[ея]))?
    \s+ в \s+ (?P<act>.+?)                                           # the act
    \s* (?: : \s* (?P<rest>.*) | [.;]? \s* )$
    """,
    re.X | re.I | re.S,
)

# kk umbrella: "… бұйрығына мынадай өзгеріс енгізілсін:", "… Заңына мынадай толықтыру енгізілсін:".
AMEND_KK_RE = re.compile(
    r"""^
    (?P<act>.+?)                                                       # the act, dative
    \s+ (?:мынадай|келесі) \s+
    (?:өзгеріс(?:тер)?|толықтыру(?:лар)?)
    (?: \s+ (?:мен|және) \s+ (?:өзгеріс(?:тер)?|толықтыру(?:лар)?) )?
    \s+ енгізілсін \s* [:.;]? \s* (?P<rest>.*)$
    """,
    re.X | re.I | re.S,
)

# ru restate: "пункт 3 изложить в следующей редакции:", "изложить пункт 3 в новой редакции:",
# "приложение 1 изложить в редакции согласно приложению к настоящему приказу".
RESTATE_RU_RE = re.compile(
    r"""^
    (?P<target>.*?) \s* изложить \s+ (?P<target2>.*?) \s*
    в \s+ (?: (?:следующей|новой) \s+ редакции \s* [:;.]? \s* (?P<rest>.*)      # the text follows
           | редакции \s+ (?P<ref> согласно \s+ [^:;]*? ) \s* [:;.]? \s* )$   # the text is in an annex
    """,
    re.X | re.I | re.S,
)

# ru insert of a unit: "статью 3 дополнить абзацем седьмым следующего содержания:".
INSERT_RU_RE = re.compile(
    r"""^
    (?P<target>.*?) \s* дополнить \s+ (?P<what>.+?)        # "абзацем седьмым", "приказ пунктом 3-1"
    \s+ следующего \s+ содержания \s* [:;.]? \s* (?P<rest>.*)$
    """,
    re.X | re.I | re.S,
)

# ru insert of words: "пункт 3 после слов "X" дополнить словами "Y";", "дополнить словами "Y"".
INSERT_WORDS_RU_RE = re.compile(
    rf"""^
    (?P<target>.*?) \s*
    (?: после \s+ (?:слов[аo]?|цифр[ы]?) \s+ (?P<after>{_Q}) \s* ,? \s* )?   # the words it follows
    дополнить \s+ (?:(?P<target2>.*?) \s+)?
    (?:словами|словом|цифрами|цифрой|предложени(?:ем|ями)) \s+ (?P<new>{_Q})   # the new words
    \s* [;.,]? \s* $
    """,
    re.X | re.I | re.S,
)

# ru repeal: "подпункт 2) исключить;", "пункт 3 признать утратившим силу", "Признать утратившим силу
# приказ … от … № …".
REPEAL_RU_RE = re.compile(
    r"""^
    (?: (?P<target>.+?) \s* ,? \s* (?: исключить | признать \s+ утратившим(?:и)? \s+ силу )
      | признать \s+ утратившим(?:и)? \s+ силу \s+ (?P<target2>.+?) )
    \s* [;.]? \s* $
    """,
    re.X | re.I | re.S,
)

# A list of acts repealed, one per subpoint: "Признать утратившими силу:" / kk "Мыналардың күші
# жойылды деп танылсын:".
REPEAL_LIST_RE = re.compile(
    r"^(?:признать\s+утратившими?\s+силу|мыналардың\s+күші\s+жойылды\s+деп\s+танылсын)\s*(?:следующие\s+\w+\s*)?:$",
    re.I,
)

# ru words repealed: "в пункте 3 слова "X" исключить".
REPEAL_WORDS_RU_RE = re.compile(
    rf"""^
    (?P<target>.*?) \s* (?:слов[аo]|цифр[аыу]|знак) \s+ (?P<old>{_Q}) \s* ,? \s* исключить \s* [;.]? \s* $
    """,
    re.X | re.I | re.S,
)

# ru replace: "в пункте 3 слова "X" заменить словами "Y"" (several pairs may follow, by commas).
REPLACE_RU_RE = re.compile(
    rf"""
    (?:слов[аo]|цифр[аыу]|знак[и]?|букв[аыу]) \s+ (?P<old>{_Q})          # the words replaced
    \s+ заменить \s+ (?:словами|словом|цифрами|цифрой|знаком|знаками|буквой|буквами)
    \s+ (?P<new>{_Q})                                                   # the new words
    """,
    re.X | re.I | re.S,
)

# kk restate: "7 "Ескерту" деген баған мынадай редакцияда жазылсын:".
RESTATE_KK_RE = re.compile(
    r"""^
    (?P<target>.+?)
    (?: \s+ (?P<ref> осы \s+ (?:бұйрыққа|заңға|қаулыға)                  # the text is in an annex:
                  \s+ (?:\d+\s*-\s*)? қосымшаға \s+ сәйкес ) )?          #   "осы бұйрыққа қосымшаға сәйкес"
    \s+ (?:(?:мынадай|келесі|жаңа) \s+)? редакцияда \s+ жазылсын
    \s* [:;.]? \s* (?P<rest>.*)$
    """,
    re.X | re.I | re.S,
)

# kk insert of a unit: "3-бап мынадай мазмұндағы жетінші абзацпен толықтырылсын:".
INSERT_KK_RE = re.compile(
    r"""^
    (?: (?!(?:мынадай|келесі)\s) (?P<target>.+?) \s+ )?                # the unit that receives it, if named
    (?: (?:мынадай|келесі) \s+ мазмұндағы \s+ )?
    (?P<what>[^"«]+?(?:пен|мен|бен))                                   # the new unit, instrumental
    \s+ толықтырылсын \s* [:;.]? \s* (?P<rest>.*)$
    """,
    re.X | re.I | re.S,
)

# kk insert of words: "… "X" деген сөздерден кейін "Y" деген сөздермен толықтырылсын;".
INSERT_WORDS_KK_RE = re.compile(
    rf"""^
    (?P<target>.*?) \s*
    (?: (?P<after>{_Q}) \s+ деген \s+ (?:сөз|цифр|сан)\w* \s+ кейін \s+ )?
    (?P<new>{_Q}) \s+ деген \s+ (?:сөз|цифр|сан|сөйлем)\w*
    \s+ толықтырылсын \s* [;.,]? \s* $
    """,
    re.X | re.I | re.S,
)

# kk repeal: "5-тармақ алып тасталсын;", "… бұйрығының күші жойылды деп танылсын".
REPEAL_KK_RE = re.compile(
    r"""^
    (?P<target>.+?) \s+ (?: алып \s+ тасталсын | (?:өз \s+)? күш(?:і|ін) \s+ жойыл(?:ды|сын) \s+ деп \s+ танылсын )
    \s* [;.]? \s* $
    """,
    re.X | re.I | re.S,
)

# kk words repealed: "3-тармақтағы "X" деген сөздер алып тасталсын".
REPEAL_WORDS_KK_RE = re.compile(
    rf"""^
    (?P<target>.*?) \s* (?P<old>{_Q}) \s+ деген \s+ (?:сөз|цифр|сан)\w* \s+ алып \s+ тасталсын \s* [;.]? \s* $
    """,
    re.X | re.I | re.S,
)

# kk replace: ""X" деген сөздер "Y" деген сөздермен ауыстырылсын".
REPLACE_KK_RE = re.compile(
    rf"""
    (?P<old>{_Q}) \s+ деген \s+ (?:сөз|цифр|сан|белгі)\w*                 # the words replaced
    \s+ (?P<new>{_Q}) \s+ деген \s+ (?:сөз|цифр|сан|белгі)\w*               # the new words, instrumental
    (?: \s+ ауыстырылсын )?
    """,
    re.X | re.I | re.S,
)
_KK_REPLACE_VERB_RE = re.compile(r"\bауыстырылсын\b", re.I)

# Words that show a unit means to amend; a unit with one that no form above reads is reported.
VERB_HINT_RE = {
    "ru": re.compile(r"\b(?:изложить|дополнить|исключить|заменить|утратившими?\s+силу|внести)\b", re.I),
    "kk": re.compile(r"\b(?:жазылсын|толықтырылсын|тасталсын|ауыстырылсын|танылсын|енгізілсін)\b", re.I),
}

# The expected forms, for diagnostics.
_EXPECTED = {
    "ru": "an amending instruction ('<unit> изложить в следующей редакции:', '<unit> дополнить <unit> "
    "следующего содержания:', '<unit> исключить', 'слова \"…\" заменить словами \"…\"', 'признать "
    "утратившим силу …', 'Внести в <act> следующие изменения:')",
    "kk": "an amending instruction ('<unit> мынадай редакцияда жазылсын:', '<unit> мынадай мазмұндағы "
    "<unit> толықтырылсын:', '<unit> алып тасталсын', '\"…\" деген сөздер \"…\" деген сөздермен "
    "ауыстырылсын', '… күші жойылды деп танылсын', '<act> мынадай өзгерістер енгізілсін:')",
}

# --- act references --------------------------------------------------------------------------

# Kinds of act by the stem of their noun (any case); ru and kk side by side.
ACT_TYPES: tuple[tuple[str, str], ...] = (
    ("совместн", "order"),  # "совместный приказ"
    ("закон", "law"), ("приказ", "order"), ("постановлени", "resolution"), ("указ", "decree"),
    ("кодекс", "code"), ("распоряжени", "disposition"), ("решени", "decision"),
    ("заң", "law"), ("бұйрық", "order"), ("бұйрығ", "order"), ("қаулы", "resolution"), ("жарлық", "decree"),
    ("жарлығ", "decree"), ("өкім", "disposition"), ("шешім", "decision"),
)
_ACT_TYPE_WORD = "|".join(stem for stem, _ in ACT_TYPES if stem != "совместн")

# ru: "<type> <issuer> от <date> (года) № <number> "<title>"".
ACT_RU_RE = re.compile(
    rf"""
    (?P<type> (?:совместн\w+ \s+)? (?:{_ACT_TYPE_WORD}) \w* )          # kind of act, any case
    (?: \s+ (?P<issuer> [^"«№]*? ) )?                                   # who issued it, as written
    \s+ от \s+ (?P<date> \d{{1,2}} \s+ [а-яё]+ \s+ \d{{4}} | \d{{1,2}}\.\d{{1,2}}\.\d{{4}} )  # date
    (?: \s* (?:года|г\.) )?
    (?: \s* (?:№|N) \s* (?P<number> [^\s"«(,;:]+ ) )?                    # number: "30", "47-IV"
    """,
    re.X | re.I,
)
# An act named by number only: "приказ № 30", "Закона № 267".
ACT_RU_NUMBER_RE = re.compile(
    rf"(?P<type>(?:{_ACT_TYPE_WORD})\w*)(?:\s+(?P<issuer>[^\"«№]*?))?\s+(?:№|N)\s*(?P<number>[^\s\"«(,;:]+)",
    re.I,
)
# kk: the kind after the date: "… 2016 жылғы 27 қаңтардағы № 30 бұйрығына".
ACT_KK_TYPE_RE = re.compile(rf"(?P<type>(?:бірлескен\s+)?(?:{_ACT_TYPE_WORD})\w*)", re.I)
ACT_NUMBER_RE = re.compile(r"(?:№|N)\s*(?P<number>[^\s\"«(),;:]+)")
# Registration with the Ministry of Justice, inside the parenthesis after the act.
REGISTRATION_RE = re.compile(
    r"""(?: зарегистрирован\w* [^()]*? (?:№|N) \s* (?P<ru>\d+)        # ru "… под № 13301"
          | (?:№|N) \s* (?P<kk>\d+) \s+ болып \s+ тіркелген )         # kk "№ 13301 болып тіркелген"
    """,
    re.X | re.I,
)


def _act_type(word: str) -> str | None:
    w = word.lower()
    for stem, kind in ACT_TYPES:
        if w.startswith(stem):
            return kind
    return None


def _strip_parens(text: str) -> str:
    """The text without (…) groups (publication data, registration), nested ones too."""
    prev = None
    while prev != text:
        prev, text = text, re.sub(r"\([^()]*\)", " ", text)
    return " ".join(text.split())


def _title(main: str, before: int | None = None) -> str | None:
    """The quoted title: from the first opening quote to the last closing one (before ``before``)."""
    part = main if before is None else main[:before]
    first = next((i for i, ch in enumerate(part) if ch in _QOPEN), None)
    if first is None:
        return None
    last = max(part.rfind(ch) for ch in _QCLOSE)
    if last <= first:
        return None
    return part[first + 1 : last].strip()


def parse_act_ref(text: str, lang: str) -> ActTarget | None:
    """Read an act reference as an amending instruction writes it; None if ``text`` names no act
    by date or number.

    >>> a = parse_act_ref('Закон Республики Казахстан от 13 декабря 2001 года "О праздниках в '
    ...                   'Республике Казахстан" (Ведомости …, 2001 г., N 23, ст. 316)', "ru")
    >>> a.type, a.date, a.number, a.title, a.issuer
    ('law', '2001-12-13', None, 'О праздниках в Республике Казахстан', 'Республики Казахстан')
    >>> a = parse_act_ref('"Қазақстан Республикасындағы мерекелер туралы" 2001 жылғы 13 желтоқсандағы '
    ...                   'Қазақстан Республикасының Заңына', "kk")
    >>> a.type, a.date, a.title, a.issuer
    ('law', '2001-12-13', 'Қазақстан Республикасындағы мерекелер туралы', 'Қазақстан Республикасының')
    """
    text = text.strip()
    main = _strip_parens(text)
    reg = REGISTRATION_RE.search(text)
    registration = (reg.group("ru") or reg.group("kk")) if reg else None
    if lang == "kk":
        return _kk_act(text, main, registration)
    m = ACT_RU_RE.search(main)
    if m:
        date = _date(m.group("date"))
        title = _title(main[m.end() :])
        issuer = (m.group("issuer") or "").strip(" ,") or None
        return ActTarget(text=text, type=_act_type(m.group("type").split()[-1]) if "совместн" not in
                         m.group("type").lower() else "order", date=date,
                         number=m.group("number"), title=title, issuer=issuer, registration=registration)
    m = ACT_RU_NUMBER_RE.search(main)
    if m:
        return ActTarget(text=text, type=_act_type(m.group("type")), number=m.group("number"),
                         title=_title(main[m.end() :]), issuer=(m.group("issuer") or "").strip(" ,") or None,
                         registration=registration)
    return None


def _date(text: str) -> str | None:
    try:
        return parse_date(text)
    except ValueError:
        return None


def _kk_act(text: str, main: str, registration: str | None) -> ActTarget | None:
    d = DATE_KK_RE.search(main)
    n = ACT_NUMBER_RE.search(main, d.end() if d else 0)
    anchor = d or n
    if anchor is None:
        return None
    end = n.end() if n else d.end()  # type: ignore[union-attr]
    t = ACT_KK_TYPE_RE.search(main, end)
    if t is None:
        return None
    start = anchor.start()
    title = _title(main, start)
    title_end = max(main.rfind(ch, 0, start) for ch in _QCLOSE) + 1 if title else 0
    after = n.end() if n else d.end()  # type: ignore[union-attr]
    pieces = [main[title_end:start].strip(), main[after : t.start()].strip()]
    if d and n:
        pieces.insert(1, main[d.end() : n.start()].strip())
    issuer = " ".join(p for p in pieces if p) or None
    return ActTarget(
        text=text, type=_act_type(t.group("type").split()[-1]), date=_date(d.group(0)) if d else None,
        number=n.group("number") if n else None, title=title, issuer=issuer, registration=registration,
    )


# --- target paths ----------------------------------------------------------------------------

# Unit nouns, ru and kk, as (forms regex, kind).  Order matters: "подпункт" before "пункт",
# "тармақша" before "тармақ", "подкласс" before "класс".
UNIT_NOUNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rx, re.I), kind)
    for rx, kind in (
        # ru
        (r"подпункт\w*", "subpoint"), (r"пункт\w*", "point"),
        (r"стать(?:я|ю|и|е|ей|ёй|ями|ях|ям)", "article"),
        (r"глав(?:а|ы|у|е|ой|ам|ах|ами)", "chapter"), (r"параграф\w*", "section"), (r"раздел\w*", "division"),
        (r"абзац\w*", "alinea"), (r"част(?:ь|и|ью|ям|ях|ями)", "part"),
        (r"граф(?:а|у|ы|е|ой|ам|ах)", "column"),
        (r"строк(?:а|у|и|е|ой|ам|ах)", "row"), (r"приложени\w*", "annex"), (r"таблиц\w*", "table"),
        (r"категори\w*", "category"), (r"подкласс\w*", "subclass"), (r"класс\w*", "class"),
        (r"специфик\w*", "specific"), (r"предложени\w*", "sentence"), (r"примечани\w*", "note"),
        # kk
        (r"тармақша\w*", "subpoint"), (r"тармақ\w*|тармағ\w*", "point"), (r"бап\w*|баб\w*", "article"),
        (r"тарау\w*", "chapter"), (r"бөлім\w*", "chapter"), (r"бөлі[кг]\w*", "part"),
        (r"азат", "alinea"), (r"баған\w*", "column"), (r"жол\w*", "row"), (r"қосымша\w*", "annex"),
        (r"кесте\w*", "table"), (r"санат\w*", "category"), (r"сынып\w*|сыныб\w*", "class"),
        (r"ерекшелі\w*", "specific"), (r"сөйлем\w*", "sentence"), (r"ескертпе\w*", "note"),
    )
)

# Unit kinds without a number: the preamble, a heading.
UNNUMBERED: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rx, re.I), kind)
    for rx, kind in (
        (r"преамбул\w*", "preamble"), (r"кіріспе\w*", "preamble"),
        (r"заголов\w*", "heading"), (r"тақырыб\w*", "heading"),
    )
)

# The approved document of an order named by its title ("в Перечне …, утвержденном указанным
# приказом:", "Правила …", kk "… тізбесінде:"): the annex.
ANNEX_TITLE_RE = {
    "ru": re.compile(
        r"^(?:переч[не]\w*|правил\w*|положени\w*|инструкци\w*|стандарт\w*|регламент\w*|методик\w*|"
        r"норматив\w*|(?:типов\w+\s+)?квалификационн\w*|форм[аеуы]?|требовани\w*|тарифн\w*)$",
        re.I,
    ),
    "kk": re.compile(
        r"^(?:тізбе\w*|тізім\w*|қағида\w*|ереже\w*|нұсқаулы\w*|стандарт\w*|регламент\w*|әдістеме\w*|"
        r"нормативт\w*|сипаттама\w*|нысан\w*|талаптар\w*)$",
        re.I,
    ),
}

# Outer units first; a path is ordered by these ranks.
_RANK = {
    "annex": 0, "division": 1, "chapter": 2, "section": 3, "article": 4, "part": 5, "point": 6,
    "subpoint": 7, "alinea": 8, "sentence": 9, "table": 10, "category": 11, "class": 12, "subclass": 13,
    "specific": 14, "row": 15, "column": 16, "note": 17, "preamble": 0, "heading": 18,
}

TOKEN_RE = re.compile(
    rf"""
    (?P<quote> {_Q} )                                       # a quoted name: "Примечание"
  | (?P<num> \d+(?:-\d+)*\)? )                             # "3", "3-1", "9)"
    (?: \s*-\s* (?P<suffix>[^\W\d_]+) )?                    # kk noun joined: "3-бап", "4-1-параграфпен"
  | (?P<word> [^\W\d_]+ )                                   # a word
  | (?P<punct> [^\w\s] )                                    # punctuation
    """,
    re.X,
)

# The words between a row noun and its number: "строку, порядковый номер 5", "строку с порядковым
# номером 5", "строку под номером 5"; kk "реттік нөмірі 5 жол".
_NUMBER_LEAD = {"порядковый", "порядковым", "номер", "номером", "с", "под", "реттік", "нөмірі", "нөмірлі"}


@dataclass
class _Tok:
    kind: str  # "quote" | "num" | "word" | "punct"
    text: str
    start: int
    end: int


def _tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    for m in TOKEN_RE.finditer(text):
        if m.group("num") is not None:
            out.append(_Tok("num", m.group("num"), m.start("num"), m.end("num")))
            if m.group("suffix"):
                out.append(_Tok("word", m.group("suffix"), m.start("suffix"), m.end("suffix")))
        else:
            kind = m.lastgroup or "punct"
            out.append(_Tok(kind, m.group(0), m.start(), m.end()))
    return out


def _noun(word: str) -> str | None:
    for rx, kind in UNIT_NOUNS:
        if rx.fullmatch(word):
            return kind
    return None


def _number_words(toks: list[_Tok], i: int, step: int) -> tuple[str | None, int]:
    """Number words from ``i`` going ``step`` (+1 forward, -1 back): (the value, index past them)."""
    j = i
    words: list[str] = []
    while 0 <= j < len(toks) and toks[j].kind == "word" and is_number_word(toks[j].text) and len(words) < 4:
        words.append(toks[j].text)
        j += step
    while words:
        seq = words if step > 0 else words[::-1]
        try:
            return str(word_to_int(" ".join(seq))), i + step * len(words)
        except ValueError:
            words.pop()
    return None, i


def parse_path(text: str, lang: str) -> tuple[Step, ...]:
    """The units a target names, outermost first.

    >>> [(s.kind, s.num) for s in parse_path("абзац седьмой пункта 3 статьи 5", "ru")]
    [('article', '5'), ('point', '3'), ('alinea', '7')]
    >>> [(s.kind, s.num, s.name) for s in parse_path('графу 7 "Примечание"', "ru")]
    [('column', '7', 'Примечание')]
    >>> [(s.kind, s.num) for s in parse_path("3-баптың 1-тармағының 2) тармақшасы", "kk")]
    [('article', '3'), ('point', '1'), ('subpoint', '2')]
    >>> [(s.kind, s.num) for s in parse_path("жетінші абзацпен", "kk")]
    [('alinea', '7')]
    """
    return parse_paths(text, lang)[0]


def parse_paths(text: str, lang: str) -> list[tuple[Step, ...]]:
    """Every path a target names: one, or one per number of a plural unit ("абзацы второй и третий
    пункта 4", "5, 6-тармақтар") — the instruction applies to each.

    >>> [[(s.kind, s.num) for s in p] for p in parse_paths("абзацы второй и третий пункта 4", "ru")]
    [[('point', '4'), ('alinea', '2')], [('point', '4'), ('alinea', '3')]]
    """
    toks = _tokens(text)
    used: set[int] = set()
    steps: list[tuple[int, Step]] = []  # (token index, step)
    more: dict[int, list[str]] = {}  # token index -> the other numbers of a plural unit
    for i, tok in enumerate(toks):
        if tok.kind != "word" or i in used:
            continue
        for rx, kind in UNNUMBERED:
            if rx.fullmatch(tok.text):
                steps.append((i, Step(kind, None, None, tok.text)))
                used.add(i)
                break
        else:
            kind = _noun(tok.text)
            if kind is None:
                continue
            step = _numbered(toks, i, kind, lang, used, text, more.setdefault(i, []))
            if step is not None:
                steps.append((i, step))
    annex = _annex_by_title(text, toks, lang, used)
    if annex is not None and not any(s.kind == "annex" for _, s in steps):
        steps.append((-1, annex))
    ordered = sorted(steps, key=lambda p: _RANK[p[1].kind])
    paths = [tuple(s for _, s in ordered)]
    for k, (i, step) in enumerate(ordered):
        if more.get(i):  # one plural unit is expanded; a second would be ambiguous and stays single
            paths += [paths[0][:k] + (replace(step, num=n),) + paths[0][k + 1 :] for n in more[i]]
            break
    return paths


def _numbered(
    toks: list[_Tok], i: int, kind: str, lang: str, used: set[int], text: str, more: list[str]
) -> Step | None:
    """The number (and quoted name) of the unit noun at ``toks[i]``; None if it has none.  The
    other numbers of a plural ("пункты 3 и 4", "второй и третий", "5, 6-тармақтар") go to ``more``."""
    noun = toks[i]
    if kind == "alinea" and noun.text.lower() == "азат":
        if i + 1 < len(toks) and toks[i + 1].text.lower().startswith("жол"):
            used.add(i + 1)
        else:
            return None
    if kind == "class" and i > 0 and toks[i - 1].text.lower() == "кіші":
        kind = "subclass"
    num: str | None = None
    name: str | None = None
    first, last = i, i
    forward = lang != "kk"
    for direction in ((1, -1) if forward else (-1, 1)):
        if direction == 1:
            j = i + 1
            while j < len(toks) and (toks[j].text.lower() in _NUMBER_LEAD or toks[j].text == ","):
                lead_follows = j + 1 < len(toks) and toks[j + 1].text.lower() in _NUMBER_LEAD
                if toks[j].text == "," and not lead_follows:
                    break
                j += 1
            if j < len(toks) and toks[j].kind == "num" and j not in used:
                num, last = toks[j].text, j
            else:
                num, k = _number_words(toks, j, 1)
                if num is not None:
                    last = k - 1
            while num is not None and last + 2 < len(toks) and toks[last + 1].text in (",", "и"):
                nxt = last + 2
                if toks[nxt].kind == "num":
                    more.append(toks[nxt].text.rstrip(")"))
                    last = nxt
                    continue
                word, k = _number_words(toks, nxt, 1)
                if word is None:
                    break
                more.append(word)
                last = k - 1
            if num is not None and last + 1 < len(toks) and toks[last + 1].kind == "quote":
                last += 1
                name = toks[last].text[1:-1]
        else:
            j = i - 1
            if kind == "subclass":
                j -= 1  # past "кіші"
            if j >= 1 and toks[j].text.lower() == "деген" and toks[j - 1].kind == "quote":
                name = toks[j - 1].text[1:-1]
                j -= 2
            if j >= 0 and toks[j].kind == "num" and j not in used:
                num, first = toks[j].text, j
                while first >= 2 and toks[first - 1].text in (",", "және") and toks[first - 2].kind == "num":
                    more.insert(0, num.rstrip(")"))
                    first -= 2
                    num = toks[first].text
            else:
                num, k = _number_words(toks, j, -1)
                if num is not None:
                    first = k + 1
                else:
                    name = None
        if num is not None:
            break
    if num is None:
        if kind in ("annex", "table", "note") or (kind == "column" and lang == "kk"):
            used.add(i)
            return Step(kind, None, None, noun.text)
        return None
    num = num.rstrip(")") if kind == "subpoint" or num.endswith(")") else num
    used.update(range(first, last + 1))
    return Step(kind, num, name, text[toks[first].start : toks[last].end])


def _annex_by_title(text: str, toks: list[_Tok], lang: str, used: set[int]) -> Step | None:
    """An approved document named by its title ("Перечне специфик …, утвержденном …")."""
    rx = ANNEX_TITLE_RE[lang]
    for i, tok in enumerate(toks):
        if tok.kind == "word" and i not in used and rx.fullmatch(tok.text):
            if lang == "ru":
                name = text[toks[0].start if i <= 1 else tok.start :]  # "Типовых квалификационных …"
                cut = re.search(r",?\s*утвержденн\w*|\s+к\s+настоящему|\s+\(", name)
                name = name[: cut.start()] if cut else name
            else:
                name = text[: tok.end]
                cut = re.search(r"бекітілген\s+", name)
                name = name[cut.end() :] if cut else name
            return Step("annex", None, name.strip(" ,:"), name.strip(" ,:"))
    return None


# --- the new text ----------------------------------------------------------------------------

_TAIL_RE = re.compile(r"""[»"”]\s*[.;,]?\s*$""")


def _close_at(text: str) -> int | None:
    """Index of the closing quote of the quoted text that opens ``text``, when it closes in it."""
    if not text or text[0] not in _QOPEN:
        return None
    if text[0] == "«":
        depth = 0
        for k, ch in enumerate(text):
            if ch == "«":
                depth += 1
            elif ch == "»":
                depth -= 1
                if depth == 0:
                    return k
        return None
    m = _TAIL_RE.search(text)
    if m and m.start() > 0:
        return m.start()
    return None


def _new_text(
    rest: str, units: list[tuple[str, str, int]], i: int, taken: set[int]
) -> tuple[str | None, list[int]]:
    """The quoted new text after an instruction's colon: inline ``rest``, else units ``i+1`` …
    Returns the text (without the outer quotes, units joined by "\\n") and the unit indexes taken."""
    rest = rest.strip()
    if rest:
        k = _close_at(rest)
        return (rest[1:k], []) if k is not None else (None, [])
    chunks: list[str] = []
    idx: list[int] = []
    j = i + 1
    while j < len(units):
        text = units[j][1].strip()
        if not chunks and (not text or text[0] not in _QOPEN):
            return None, []
        chunks.append(text)
        idx.append(j)
        joined = "\n".join(chunks)
        if joined[0] == "«":
            k = _close_at(joined)
            if k is not None:
                taken.update(idx)
                return joined[1:k], idx
        elif _TAIL_RE.search(text) and (len(chunks) > 1 or len(text) > 2):
            m = _TAIL_RE.search(joined)
            taken.update(idx)
            return joined[1 : m.start()], idx  # type: ignore[union-attr]
        j += 1
    return None, []


# --- reading ---------------------------------------------------------------------------------


@dataclass
class _Ctx:
    eid: str
    scope: tuple[str, ...]  # id prefixes ("X__") the context applies to
    act: ActTarget | None
    steps: tuple[Step, ...]
    umbrella: bool


def _parent(eid: str) -> str | None:
    return eid.rsplit("__", 1)[0] if "__" in eid else None


def _scope(eid: str) -> tuple[str, ...]:
    scope = [f"{eid}__"]
    last = eid.rsplit("__", 1)[-1]
    parent = _parent(eid)
    if last.startswith("al_") and parent:
        scope.append(f"{parent}__")
    return tuple(scope)


def _in_scope(ctx: _Ctx, eid: str) -> bool:
    return any(eid.startswith(p) for p in ctx.scope)


def has_amending_verb(text: str, lang: str) -> bool:
    """True when ``text`` holds a word of an amending instruction (the integrator's filter).

    >>> has_amending_verb("статью 3 дополнить абзацем седьмым следующего содержания:", "ru")
    True
    >>> has_amending_verb("3-бап мынадай мазмұндағы жетінші абзацпен толықтырылсын:", "kk")
    True
    >>> has_amending_verb("Настоящий Закон вводится в действие со дня его опубликования.", "ru")
    False
    """
    return bool(VERB_HINT_RE["kk" if lang == "kk" else "ru"].search(text))


def _split_target(target: str, lang: str) -> tuple[str, ActTarget | None]:
    """A target that names its act ("пункт 3 приказа … от … № 30") → (the unit words, the act)."""
    if lang == "kk":
        act = parse_act_ref(target, "kk") if (DATE_KK_RE.search(target) or "№" in target) else None
        if act is None:
            return target, None
        anchor = DATE_KK_RE.search(target) or ACT_NUMBER_RE.search(target)
        t = ACT_KK_TYPE_RE.search(target, anchor.end()) if anchor else None
        end = t.end() if t else len(target)
        return target[end:].strip(), replace(act, text=target[:end].strip())
    for m in re.finditer(rf"(?:совместн\w+\s+)?(?:{_ACT_TYPE_WORD})\w*", target, re.I):
        act = parse_act_ref(target[m.start() :], "ru")
        if act is not None:
            return target[: m.start()].strip(" ,"), act
    return target, None


def _clean_target(target: str, lang: str) -> str:
    target = target.strip().strip(",;:").strip()
    if lang == "ru":
        target = re.sub(r"^(?:в|во|по)\s+", "", target, flags=re.I)
    return target


def _unq(q: str | None) -> str | None:
    return q[1:-1] if q else None


class _Reader:
    def __init__(self, units: list[tuple[str, str, int]], file: str, lang: str):
        self.units = units
        self.file = file
        self.lang = "kk" if lang == "kk" else "ru"
        self.out: list[AmendingInstruction] = []
        self.diags: list[Diagnostic] = []
        self.ctxs: list[_Ctx] = []
        self.taken: set[int] = set()

    def warn(self, i: int, expected: str, found: str) -> None:
        self.diags.append(Diagnostic(self.file, self.units[i][2], expected, found, "warning"))

    def read(self) -> None:
        repeal_list: str | None = None  # "Признать утратившими силу:" — each unit under it names an act
        for i, (eid, text, _line) in enumerate(self.units):
            if i in self.taken:
                continue
            self.ctxs = [c for c in self.ctxs if _in_scope(c, eid)]
            body = UNIT_NUMBER_RE.sub("", text.strip(), count=1).strip()
            if repeal_list and eid.startswith(f"{repeal_list}__") and body:
                self.emit(i, eid, "repeal", body, body.rstrip(";. "), None)
                continue
            repeal_list = None
            if REPEAL_LIST_RE.match(body):
                repeal_list = eid
                continue
            if body:
                self.unit(i, eid, body)

    # --- one unit ----------------------------------------------------------------------

    def unit(self, i: int, eid: str, body: str) -> None:
        m = self._umbrella(body)
        if m is not None:
            act = parse_act_ref(m.group("act"), self.lang) or ActTarget(text=m.group("act").strip())
            if act.date is None and act.number is None:
                act = self._inherit_act(act)
            self.push(_Ctx(eid, _scope(eid), act, (), True))
            self.emit(i, eid, "amend", body, m.group("act").strip(), act)
            rest = (m.group("rest") or "").strip()
            if rest and has_amending_verb(rest, self.lang):
                self.instruction(i, eid, rest)
            return
        if self.instruction(i, eid, body):
            return
        if has_amending_verb(body, self.lang):
            self.warn(i, _EXPECTED[self.lang], body[:200])
            return
        if body.rstrip().endswith(":"):
            self.context(i, eid, body)

    def _umbrella(self, body: str) -> re.Match[str] | None:
        if self.lang == "kk":
            return AMEND_KK_RE.match(body)
        return AMEND_RU_RE.search(body) or AMEND_RU_AFTER_RE.search(body)

    def _inherit_act(self, act: ActTarget) -> ActTarget:
        """"указанным приказом", "приказ" alone: the act of the enclosing umbrella, if any."""
        for c in reversed(self.ctxs):
            if c.act is not None:
                return c.act
        return act

    def push(self, ctx: _Ctx) -> None:
        rank = min((_RANK[s.kind] for s in ctx.steps), default=-1)

        def replaced(old: _Ctx) -> bool:
            if _parent(old.eid) != _parent(ctx.eid) and old.eid != ctx.eid:
                return False  # an outer context stays
            if ctx.umbrella:
                return True
            return not old.umbrella and min((_RANK[s.kind] for s in old.steps), default=-1) >= rank

        self.ctxs = [c for c in self.ctxs if not replaced(c)] + [ctx]

    def context(self, i: int, eid: str, body: str) -> None:
        target = _clean_target(body, self.lang)
        words, act = _split_target(target, self.lang)
        steps = parse_path(words, self.lang)
        if not steps and act is None:
            return
        self.push(_Ctx(eid, _scope(eid), act, steps, act is not None and not steps))

    def instruction(self, i: int, eid: str, body: str) -> bool:
        L = self.lang
        # replace words (several pairs may stand in one sentence)
        rx = REPLACE_KK_RE if L == "kk" else REPLACE_RU_RE
        pairs = list(rx.finditer(body))
        if pairs and (L == "ru" or _KK_REPLACE_VERB_RE.search(body)):
            target = body[: pairs[0].start()]
            if L == "ru":
                target = re.sub(r"\s*(?:по\s+всему\s+тексту)?\s*$", "", target)
            for m in pairs:
                self.emit(i, eid, "replace_words", body, target, None,
                          old_words=_unq(m.group("old")), new_words=_unq(m.group("new")))
            return True
        m = (REPEAL_WORDS_KK_RE if L == "kk" else REPEAL_WORDS_RU_RE).match(body)
        if m:
            self.emit(i, eid, "repeal", body, m.group("target"), None, old_words=_unq(m.group("old")))
            return True
        m = (INSERT_WORDS_KK_RE if L == "kk" else INSERT_WORDS_RU_RE).match(body)
        if m:
            target = m.group("target") + (" " + m.group("target2") if m.groupdict().get("target2") else "")
            self.emit(i, eid, "insert", body, target, None, new_words=None,
                      after_words=_unq(m.group("after")), new_text=_unq(m.group("new")))
            return True
        m = (RESTATE_KK_RE if L == "kk" else RESTATE_RU_RE).match(body)
        if m:
            target = (m.group("target") + " " + (m.groupdict().get("target2") or "")).strip()
            ref = m.groupdict().get("ref")
            new, idx = (None, []) if ref else _new_text(m.group("rest"), self.units, i, self.taken)
            if new is None and not ref:
                self.warn(i, "the new text in quotes after 'в следующей редакции:'", m.group("rest")[:80] or
                          "nothing")
            self.emit(i, eid, "restate", body, target, None, new_text=new,
                      new_text_ref=ref.strip() if ref else None, taken=idx)
            return True
        m = (INSERT_KK_RE if L == "kk" else INSERT_RU_RE).match(body)
        if m:
            what = parse_path(m.group("what"), L)
            if not what:
                self.warn(i, "the unit inserted ('пунктом 3-1', 'абзацем седьмым', 'жетінші абзацпен')",
                          m.group("what"))
            new_unit = what[-1] if what else None
            new, idx = _new_text(m.group("rest"), self.units, i, self.taken)
            if new is None:
                self.warn(i, "the new text in quotes after 'следующего содержания:'", m.group("rest")[:80] or
                          "nothing")
            target = m.group("target") or ""
            if len(what) > 1:  # "дополнить статью 3 абзацем седьмым": the first units are the target
                lead = m.group("what")[: m.group("what").rfind(new_unit.text)]  # type: ignore[union-attr]
                target = (target + " " + lead).strip()
            self.emit(i, eid, "insert", body, target, None, new_unit=new_unit, new_text=new, taken=idx)
            return True
        m = (REPEAL_KK_RE if L == "kk" else REPEAL_RU_RE).match(body)
        if m:
            target = m.group("target") or m.groupdict().get("target2") or ""
            self.emit(i, eid, "repeal", body, target, None)
            return True
        return False

    def emit(self, i: int, eid: str, verb: str, body: str, target: str | None, act: ActTarget | None,
             taken: list[int] | None = None, **kw: Any) -> None:
        """Record the instruction (one per path when the target names several units)."""
        target = _clean_target(target or "", self.lang)
        paths: list[tuple[Step, ...]] = [()]
        if verb != "amend":
            words, act = _split_target(target, self.lang)
            paths = parse_paths(words, self.lang)
            if words and not paths[0] and not act and not _WHOLE_ACT_RE.fullmatch(words):
                self.warn(i, "a target of units ('пункт 3', 'абзац седьмой статьи 3', '3-баптың 1-тармағы')",
                          words)
        ctx = self.ctxs if verb != "amend" else []
        if act is None:
            act = next((c.act for c in reversed(ctx) if c.act is not None), None)
        inherited = tuple(s for c in ctx for s in c.steps)
        taken = taken or []
        last = self.units[taken[-1]][2] if taken else self.units[i][2]
        span = Source(self.file, eid, self.units[i][2], last, (eid, *(self.units[j][0] for j in taken)))
        for own in paths:
            self.out.append(AmendingInstruction(
                verb=verb, lang=self.lang, text=body, target=target, act=act, path=inherited + own, span=span,
                context=tuple(c.eid for c in ctx), **kw,
            ))


# Targets that name the act itself or its whole text: no unit path, and no warning.
_WHOLE_ACT_RE = re.compile(
    r"(?:настоящ\w+\s+|указанн\w+\s+|осы\s+|көрсетілген\s+)?(?:приказ|бұйрық|закон|заң|постановлени|қаулы)\w*"
    r"|(?:по\s+)?всему\s+тексту|бүкіл\s+мәтіні\s+бойынша",
    re.I,
)


def read_instructions(
    units_text: list[tuple[str, str, int]], file: str, lang: str
) -> tuple[list[AmendingInstruction], list[Diagnostic]]:
    """Read the amending instructions of an act from its units in order.

    ``units_text`` holds ``(eid, text, source line)`` for each unit of the act (points, subpoints,
    articles, alineas), in document order; ``lang`` is "ru" or "kk".  Returns the instructions in
    order (the umbrella ``amend`` first, then what it holds) and warnings for units that look like
    instructions but are not in a known form.

    >>> units = [
    ...     ("art_1", 'Внести в Закон Республики Казахстан от 13 декабря 2001 года "О праздниках в '
    ...               'Республике Казахстан" следующее дополнение:', 3),
    ...     ("art_1__al_2", "статью 3 дополнить абзацем седьмым следующего содержания:", 5),
    ...     ("art_1__al_3", '"День Столицы - 6 июля;".', 7),
    ... ]
    >>> out, diags = read_instructions(units, "law.ru.txt", "ru")
    >>> [(x.verb, x.act.date, [(s.kind, s.num) for s in x.path]) for x in out]
    [('amend', '2001-12-13', []), ('insert', '2001-12-13', [('article', '3')])]
    >>> out[1].new_text
    'День Столицы - 6 июля;'
    >>> out[1].new_unit.kind, out[1].new_unit.num, out[1].span.end, diags
    ('alinea', '7', 7, [])
    """
    reader = _Reader(units_text, file, lang)
    reader.read()
    return reader.out, reader.diags
