"""Expressions of an act in time: a dated edition or a copy made inside a window
(:class:`EditionText`), read from the corpus or from a register export's front matter."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from parser.dates import parse_date
from parser.models import Document

from .commencement import _doc_commencement
from .intervals import _announced, _applies_to_text, _effective_interval

__all__ = [
    "EditionText",
    "edition_from_expression",
    "edition_from_front_matter",
    "editions_of_act",
    "order_editions",
]


@dataclass(frozen=True)
class EditionText:
    """One expression of an act with the interval in which its text is KNOWN to be in force.

    ``date_from`` / ``date_to`` (exclusive): for a dated edition its date and the next
    edition's date; for a copy the start of the copy window and the earliest announced
    edition's date (else the end of the window).  ``known_from_lower`` is the earliest day the
    text as a whole may be in force (the latest applied amendment's lower bound, else the
    act's commencement, else the act's date).  ``doc`` is the parsed text.
    """

    act: str
    lang: str
    date_from: str | None
    date_to: str | None
    known_from_lower: str | None
    source_path: str
    doc: Document = field(repr=False, compare=False)
    kind: str = "edition"  # "edition" (dated) | "copy"
    window: tuple[str | None, str | None] | None = None  # a copy's (copied_after, copied_before)
    act_date: str | None = None
    registration_date: str | None = None

    @property
    def label(self) -> str:
        """``ru@2025-08-14`` for a dated edition, ``ru@copy[2026-04-16,2026-07-11)`` for a copy."""
        if self.kind == "copy" and self.window:
            return f"{self.lang}@copy[{self.window[0]},{self.window[1]})"
        return f"{self.lang}@{self.date_from}"

    @property
    def evidence(self) -> str | None:
        """The first day on which the corpus shows this text in force (window start / date)."""
        return self.date_from

def _latest_applied_lower(doc: Document) -> str | None:
    lows = [_effective_interval(a).lower for a in doc.amendments if _applies_to_text(a, doc.lang)]
    lows = [x for x in lows if x]
    return max(lows) if lows else None


def _earliest_announced(doc: Document) -> str | None:
    lows = [_effective_interval(a).lower for a in doc.amendments if _announced(a)]
    lows = [x for x in lows if x]
    return min(lows) if lows else None


def _known_from_lower(doc: Document, act_date: str | None, reg: str | None) -> str | None:
    latest = _latest_applied_lower(doc)
    if latest:
        return latest
    c = _doc_commencement(doc, act_date, reg)
    return (c.when.lower if c else None) or act_date


def edition_from_expression(act: Any, expr: Any, doc: Document | None = None) -> EditionText:
    """An :class:`EditionText` for one expression of a corpus act (``parser.corpus``)."""
    from parser.pipeline import parse_path

    doc = doc or parse_path(expr.path)
    meta = act.meta
    act_date = meta.get("date")
    reg = (meta.get("registration") or {}).get("date")
    ed = expr.edition or {}
    if ed.get("kind") == "copy":
        after, before = ed.get("copied_after"), ed.get("copied_before")
        return EditionText(
            act=act.work,
            lang=expr.lang,
            date_from=after,
            date_to=_earliest_announced(doc) or before,
            known_from_lower=_known_from_lower(doc, act_date, reg),
            source_path=expr.path,
            doc=doc,
            kind="copy",
            window=(after, before),
            act_date=act_date,
            registration_date=reg,
        )
    return EditionText(
        act=act.work,
        lang=expr.lang,
        date_from=ed.get("date"),
        date_to=None,
        known_from_lower=_known_from_lower(doc, act_date, reg),
        source_path=expr.path,
        doc=doc,
        kind="edition",
        act_date=act_date,
        registration_date=reg,
    )


def editions_of_act(act: Any, lang: str | None = None) -> list[EditionText]:
    """Every expression of a corpus act (optionally of one language), parsed and ordered."""
    eds = [edition_from_expression(act, e) for e in act.expressions if lang is None or e.lang == lang]
    return order_editions(eds)


_FRONT_RE = re.compile(r"^(?P<key>[a-z_]+):\s*'?(?P<value>[^']*?)'?\s*$")
# The register's "requisite" line.  ru: "Приказ … от 16 марта 2015 года № 226. Зарегистрирован в
# Министерстве юстиции Республики Казахстан 24 апреля 2015 года № 10797"; kk: "… министрінің 2015
# жылғы 16 наурыздағы № 226 бұйрығы. Қазақстан Республикасының Әділет министрлігінде 2015 жылы 24
# сәуірде № 10797 тіркелді".
_REQUISITE_RU_RE = re.compile(
    r"""от \s+ (?P<date> \d{1,2} \s+ [а-яё]+ \s+ \d{4}) \s+ года      # the act's date
        \s+ № \s* (?P<number> [^\s.]+)                               # its number
        (?: .*? Зарегистрирован .*? (?P<reg> \d{1,2} \s+ [а-яё]+ \s+ \d{4}) )?   # its registration""",
    re.X | re.I,
)
_REQUISITE_KK_RE = re.compile(
    r"""(?P<year> \d{4}) \s+ жылғы \s+ (?P<day> \d{1,2} \s+ \w+)        # the act's date
        \s+ № \s* (?P<number> [^\s.]+) \s+ бұйрығы                     # its number
        (?: .*? (?P<reg_year> \d{4}) \s+ жылы \s+ (?P<reg_day> \d{1,2} \s+ \w+)   # its registration
            \s+ № .*? тіркелді )?""",
    re.X | re.I,
)


def _requisite(text: str) -> tuple[str | None, str | None, str | None]:
    """(act date, act number, registration date) from a register "requisite" line.

    >>> _requisite("Приказ Министра … от 16 марта 2015 года № 226. Зарегистрирован в Министерстве "
    ...            "юстиции Республики Казахстан 24 апреля 2015 года № 10797")
    ('2015-03-16', '226', '2015-04-24')
    >>> _requisite("… министрінің 2015 жылғы 16 наурыздағы № 226 бұйрығы. … Әділет министрлігінде "
    ...            "2015 жылы 24 сәуірде № 10797 тіркелді")
    ('2015-03-16', '226', '2015-04-24')
    """
    try:
        m = _REQUISITE_RU_RE.search(text)
        if m:
            reg = parse_date(m.group("reg")) if m.group("reg") else None
            return parse_date(m.group("date")), m.group("number"), reg
        m = _REQUISITE_KK_RE.search(text)
        if m:
            date = parse_date(f"{m.group('year')} жылғы {m.group('day')}")
            reg = (
                parse_date(f"{m.group('reg_year')} жылғы {m.group('reg_day')}")
                if m.group("reg_year")
                else None
            )
            return date, m.group("number"), reg
    except ValueError:
        pass
    return None, None, None


def _front_matter(doc: Document) -> dict[str, str]:
    out: dict[str, str] = {}
    for ln in doc.buckets.get("front_matter", []):
        m = _FRONT_RE.match(ln.text)
        if m:
            out[m.group("key")] = m.group("value")
    return out


def edition_from_front_matter(
    path: str, lang: str, fmt: str = "markdown", act: str | None = None
) -> EditionText:
    """A dated edition from a register export with YAML front matter (``version_date``,
    ``approval_date``, ``requisite``), as in ``tests/data/editions``."""
    from parser.pipeline import parse_path

    doc = parse_path(path, lang=lang, fmt=fmt)
    fm = _front_matter(doc)
    if "version_date" not in fm:
        raise ValueError(f"{path}:1: expected a front matter with 'version_date'; found keys {sorted(fm)}")
    req_date, number, reg = _requisite(fm.get("requisite", ""))
    act_date = fm.get("approval_date") or req_date
    work = act or f"/akn/kz/act/order/{act_date}/{number or fm.get('registry_number', 'unknown')}"
    return EditionText(
        act=work,
        lang=lang,
        date_from=fm["version_date"],
        date_to=None,
        known_from_lower=_known_from_lower(doc, act_date, reg),
        source_path=path,
        doc=doc,
        kind="edition",
        act_date=act_date,
        registration_date=reg,
    )


def order_editions(editions: Iterable[EditionText]) -> list[EditionText]:
    """Sort by (language, date_from) and give each dated edition without ``date_to`` the next
    edition's date (same language)."""
    eds = sorted(editions, key=lambda e: (e.lang, e.date_from or ""))
    out: list[EditionText] = []
    for k, e in enumerate(eds):
        nxt = eds[k + 1] if k + 1 < len(eds) and eds[k + 1].lang == e.lang else None
        if nxt is not None and nxt.date_from and (e.date_to is None or e.date_to > nxt.date_from):
            e = dataclasses.replace(e, date_to=nxt.date_from)
        out.append(e)
    return out

