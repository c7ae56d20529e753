"""The act's own commencement: "Настоящий приказ вводится в действие …" read from the ordering
part (or an editor's note), as an :class:`~kb.intervals.Interval` closed by the corpus's
evidence."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from parser.dates import add_days, parse_date
from parser.models import Document
from parser.numwords import word_to_int

from .intervals import Interval, _applies_to_text, _effective_interval

if TYPE_CHECKING:
    from .editions import EditionText

__all__ = ["Commencement", "commencement"]


@dataclass(frozen=True)
class Commencement:
    """When the act itself comes into force, and where the corpus says so."""

    when: Interval
    text: str
    source: tuple[str, int] | None = None
    partial: bool = (
        False  # "… за исключением параграфа 6 главы 2 …": other dates for some parts (not modelled)
    )


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
                return Commencement(
                    when, text if partial else m.group(0), (u.span.file, u.span.start), partial
                )
    return None


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

