"""The act's own commencement: "Настоящий приказ вводится в действие …" read from the ordering
part (or an editor's note), as an :class:`~kb.intervals.Interval` closed by the corpus's
evidence."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from parser.dates import add_days, parse_date
from parser.models import Document, Target, Unit
from parser.notes import parse_target
from parser.numwords import word_to_int

from .intervals import Interval, _applies_to_text, _effective_interval

if TYPE_CHECKING:
    from .editions import EditionText

__all__ = ["Commencement", "commencement", "commencement_exceptions"]


@dataclass(frozen=True)
class PartCommencement:
    """Parts of the act that come into force on their own date: "за исключением параграфа 6
    главы 2, …, которые вводятся в действие с 1 января 2018 года".  ``eids`` are the units
    the words name (each with its subtree); ``unresolved`` the words that name no unit."""

    when: Interval
    words: tuple[str, ...]
    eids: tuple[str, ...]
    unresolved: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "since": self.when.as_json(),
            "words": list(self.words),
            "units": list(self.eids),
            "unresolved": list(self.unresolved),
        }


@dataclass(frozen=True)
class Commencement:
    """When the act itself comes into force, and where the corpus says so.  ``partial``: the
    rule names exceptions ("за исключением …"); those read are in ``exceptions``."""

    when: Interval
    text: str
    source: tuple[str, int] | None = None
    partial: bool = False
    exceptions: tuple[PartCommencement, ...] = ()

    def exception_for(self, eid: str) -> PartCommencement | None:
        """The exception naming ``eid`` or a unit above it."""
        return next(
            (x for x in self.exceptions for e in x.eids if eid == e or eid.startswith(e + "__")), None
        )

    def for_unit(self, eid: str) -> Interval:
        """When unit ``eid`` comes into force: its exception's date, else the act's."""
        x = self.exception_for(eid)
        return x.when if x is not None else self.when


# с 1 января 2025 года" / "по истечении десяти календарных дней после дня его первого
# официального опубликования" / "со дня его первого официального опубликования".
_RU_RULE_RE = re.compile(
    r"""
    (?:вводит(?:ся|ь)|вводятся) \s+ в \s+ действие \s+
    (?:
        с \s+ (?P<date> \d{1,2}\.\d{1,2}\.\d{4} | \d{1,2} \s+ [а-яё]+ \s+ \d{4} )      # exact day
      | по \s+ истечении \s+ (?P<days> .+? ) \s+ календарн\w+ \s+ дн\w+               # N days …
        \s+ после \s+ дня \s+ (?:его|их) \s+ первого \s+ официального \s+ опубликования  # … after publication
      | (?P<on_pub> со \s+ дня \s+ (?:его|их) \s+ первого \s+ официального \s+ опубликования )
    )""",
    re.X | re.I,
)
# kk: "алғашқы ресми жарияланған күнінен (жарияланғанынан) кейін күнтізбелік он күн өткен соң
# қолданысқа енгізіледі" / "… күнінен бастап …" / "2025 жылғы 1 қаңтардан бастап …".
_KK_RULE_RE = re.compile(
    r"""
    (?:
        алғашқы \s+ ресми \s+ жариялан\w+ (?:\s+ күнінен)? \s+ кейін   # after the first publication …
        \s+ күнтізбелік \s+ (?P<days> .+? ) \s+ күн \s+ өткен \s+ соң            # … N calendar days
      | (?P<on_pub> алғашқы \s+ ресми \s+ жариялан\w+ (?:\s+ күнінен)? \s+ бастап )
      | (?P<date> \d{4} \s+ жылғы \s+ \d{1,2} \s+ \w+ | \d{1,2}\.\d{1,2}\.\d{4} ) \s+ бастап  # exact day
    )
    \s+ қолданысқа \s+ енгізіледі""",
    re.X | re.I,
)


def _publication_floor(act_date: str | None, registration_date: str | None) -> str | None:
    """No publication before the act's date nor before its registration with the Ministry of Justice."""
    dates = [d for d in (act_date, registration_date) if d]
    return max(dates) if dates else None


def _rule_interval(m: re.Match[str], floor: str | None) -> Interval | None:
    if m.group("date"):
        try:
            return Interval.day(parse_date(m.group("date")))
        except ValueError:
            return None
    days = 0 if m.group("on_pub") else None
    if days is None:
        try:
            days = word_to_int(" ".join(m.group("days").split()))
        except (ValueError, KeyError):
            return None
    return Interval(add_days(floor, days) if floor else None, None)


def _doc_commencement(
    doc: Document, act_date: str | None, registration_date: str | None
) -> Commencement | None:
    floor = _publication_floor(act_date, registration_date)
    for a in doc.amendments:  # an editor's note "Вводится в действие с 1 января 2025."
        if a.kind == "commencement" and a.effective and a.effective.kind == "exact" and a.effective.date:
            return Commencement(Interval.day(a.effective.date), a.text, (a.span.file, a.span.start))
    rx = _KK_RULE_RE if doc.lang == "kk" else _RU_RULE_RE
    for u in doc.units:  # an order's ordering points; a law's articles ("Статья 2. Настоящий Закон …")
        if not u.eid.startswith(("body__", "art_")):
            continue
        text = " ".join(f"{u.heading or ''} {u.text}".split())  # a law's article may hold it in its heading
        m = rx.search(text)
        if m:
            when = _rule_interval(m, floor)
            if when is not None:
                partial = "за исключением" in text or "қоспағанда" in text
                excs = commencement_exceptions(text, doc.units, floor) if partial else ()
                return Commencement(
                    when, text if partial else m.group(0), (u.span.file, u.span.start), partial, excs
                )
    return None


# The exceptions of a commencement rule.  ru: "…, за исключением параграфа 6 главы 2, параграфа 1
# главы 3 Типовых квалификационных характеристик, которые вводятся в действие с 1 января 2018 года."
_EXCEPT_RU_RE = re.compile(
    r"""за \s+ исключением \s+ (?P<units> .+?) ,? \s+                 # the parts excepted …
        котор\w+ \s+ (?P<rule> (?:вводит(?:ся|ь)|вводятся) \s+ в \s+ действие \s+ .+?)  # … and their rule
        (?: [.;] \s | [.;]? $ )""",
    re.X | re.I,
)
# One reference to a unit as a commencement rule writes it, in the genitive: "параграфа 6 главы 2",
# "подпункта 2) пункта 3", "абзаца второго пункта 5"; the words after it ("Типовых
# квалификационных характеристик", "настоящего приказа") say where the unit is.
_UNIT_REF_RU_RE = re.compile(
    r"""(?: (?: абзац\w* \s+ [а-яё]+                                    # alinea by its ordinal
          | подпункт\w* \s+ \d+\)                                       # subpoint "2)"
          | (?:пункт|параграф|стать)\w* \s+ \d+(?:-\d+)?                 # point, section, article
          | (?:глав|раздел)\w* \s+ \d+                                    # chapter, part
        ) \s* )+""",
    re.X | re.I,
)
_LEVELS = ("part", "chapter", "section", "article", "point", "subpoint", "alinea")


def _resolve_ref(units: Sequence[Unit], t: Target, body: bool) -> str | None:
    """The one unit a target names, walking down from its highest level; None if not exactly one."""
    scope: str | None = None
    for kind in _LEVELS:
        num = getattr(t, kind)
        if num is None:
            continue
        hits = [
            u.eid
            for u in units
            if u.kind == kind
            and str(u.num) == str(num)
            and u.eid.startswith("body__") == body
            and (scope is None or u.eid.startswith(scope + "__"))
        ]
        if len(hits) != 1:
            return None
        scope = hits[0]
    return scope


def commencement_exceptions(
    text: str, units: Sequence[Unit], floor: str | None = None
) -> tuple[PartCommencement, ...]:
    """The parts a commencement rule excepts, with their own date and the units they name.

    >>> from parser.models import Span
    >>> us = [Unit(eid=e, kind=k, num=n, parent=None, heading=None, text="", span=Span("f", 1, 1))
    ...       for e, k, n in [("chp_2", "chapter", "2"), ("chp_2__para_6", "section", "6"),
    ...                       ("chp_3", "chapter", "3"), ("chp_3__para_1", "section", "1")]]
    >>> [(x.when.exact, x.eids) for x in commencement_exceptions(
    ...     "Настоящий приказ вводится в действие по истечении десяти календарных дней после дня его "
    ...     "первого официального опубликования, за исключением параграфа 6 главы 2, параграфа 1 главы 3 "
    ...     "Типовых квалификационных характеристик, которые вводятся в действие с 1 января 2018 года.", us)]
    [('2018-01-01', ('chp_2__para_6', 'chp_3__para_1'))]
    """
    out: list[PartCommencement] = []
    for m in _EXCEPT_RU_RE.finditer(" ".join(text.split())):
        rule = _RU_RULE_RE.search(m.group("rule"))
        when = _rule_interval(rule, floor) if rule else None
        if when is None:
            continue
        words, eids, unresolved = [], [], []
        for piece in re.split(r",\s*|\s+и\s+", m.group("units")):
            ref = _UNIT_REF_RU_RE.match(piece.strip())
            if not ref:
                continue
            said = ref.group(0).strip()
            words.append(said)
            body = "приказа" in piece[ref.end() :].lower()  # "пункта 3 настоящего приказа": the ordering part
            try:
                eid = _resolve_ref(units, parse_target(said), body)
            except ValueError:
                eid = None
            (eids if eid else unresolved).append(eid or said)
        if words:
            out.append(PartCommencement(when, tuple(words), tuple(eids), tuple(unresolved)))
    return tuple(out)


def commencement(editions: Sequence[EditionText], others: Sequence[EditionText] = ()) -> Commencement:
    """The act's commencement as the editions state it (the first that states it), its upper
    bound closed by the corpus's evidence: the first day a text of the act is shown in force,
    or an applied amendment's exact effective day (an act is amended while in force).
    Nothing stated: not before the act's date, upper bound unknown.  ``others`` (e.g. the
    other language's expressions) may supply the act's date and registration date."""
    eds = sorted(editions, key=lambda e: (e.date_from or "", e.lang))
    meta = [*eds, *others]
    act_date = next((e.act_date for e in meta if e.act_date), None)
    reg = next((e.registration_date for e in meta if e.registration_date), None)
    found = next((c for e in eds if (c := _doc_commencement(e.doc, act_date, reg)) is not None), None)
    if found is None:
        found = Commencement(Interval(act_date, None), "not stated in the corpus")
    when = found.when
    if when.upper is None:
        evidence = [
            e.evidence for e in eds if e.evidence and (when.lower is None or e.evidence >= when.lower)
        ]
        for e in eds:
            for a in e.doc.amendments:
                if _applies_to_text(a, e.lang):
                    iv = _effective_interval(a)
                    if iv.exact and (when.lower is None or iv.exact >= when.lower):
                        evidence.append(iv.exact)
        if evidence:
            when = Interval(when.lower, min(evidence))
    return dataclasses.replace(found, when=when)
