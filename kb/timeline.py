"""Time as data: which text of a unit is in force on a date, and what we know about it.

An act reaches zangraph as one or more *expressions* (:class:`EditionText`): a language plus
a text, each either a dated edition ("the edition of 2025-08-14") or a *copy* made inside a
window ("copied after 2026-04-16, before 2026-07-11").  The notes inside a text say more:

* an applied amendment ("Сноска. Пункт 9 - в редакции приказа … № 316 (вводится в действие по
  истечении десяти календарных дней …)") dates the text shown: it is in force from the
  amendment's effective date, and the text before that date is not in this expression;
* an announced edition ("Примечание ИЗПИ! Пункт 7 предусматривается в редакции приказа … № 73
  (вводится в действие с 11.07.2026)") ends it: from that date a text the corpus does not hold
  is in force;
* the act's own commencement ("Настоящий приказ вводится в действие …") starts everything.

An effective date that depends on an undated publication is an :class:`Interval` with a lower
bound and an open upper bound — never a made-up day.  It closes only on evidence: a copy shows
its text in force throughout its window, a dated edition from its date.

Everything here is a pure function of (editions, date):

* :func:`unit_timeline` — the dated events of one unit (texts we have, applied amendments,
  announced editions, commencement);
* :func:`as_of` — a point-in-time view of an act: per unit the text in force on the date if
  the corpus has it, and flags where it does not or may not (``superseded``,
  ``earlier_text_not_in_corpus``, ``not_yet_in_force``, ``change_date_uncertain``).

The rule the view keeps: **a text is never returned stale without a flag.**  A flag with
``"certain": True`` comes with ``text=None`` (the corpus lacks the text in force); with
``"certain": False`` the text shown is the best the corpus has and may not (yet / still) be the
one in force.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from parser.dates import add_days, parse_date
from parser.models import ActRef, Amendment, Document, Unit
from parser.numwords import word_to_int

__all__ = [
    "Interval",
    "Commencement",
    "EditionText",
    "Event",
    "UnitView",
    "AsOfView",
    "edition_from_expression",
    "edition_from_front_matter",
    "editions_of_act",
    "order_editions",
    "commencement",
    "covered_eids",
    "unit_timeline",
    "as_of",
]


# --- intervals -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Interval:
    """When something takes effect: a known day (``lower == upper``), or a day within
    ``[lower, upper]`` where ``upper`` None means "not known to have happened by any date".

    >>> Interval("2026-07-12", "2026-07-12").exact, Interval("2024-08-25", None).as_json()
    ('2026-07-12', {'lower': '2024-08-25', 'upper': None})
    """

    lower: str | None
    upper: str | None

    @property
    def exact(self) -> str | None:
        return self.lower if self.lower is not None and self.lower == self.upper else None

    def certainly_by(self, date: str) -> bool:
        """True when the thing has certainly happened on ``date``."""
        return self.upper is not None and date >= self.upper

    def possibly_by(self, date: str) -> bool:
        """True when the thing may have happened on ``date`` (no lower bound: it may have)."""
        return self.lower is None or date >= self.lower

    def as_json(self) -> str | dict[str, str | None]:
        return self.exact or {"lower": self.lower, "upper": self.upper}

    @classmethod
    def day(cls, date: str) -> Interval:
        return cls(date, date)


def _effective_interval(a: Amendment) -> Interval:
    """The amendment's effective date as an interval; unknown → not before the act's date."""
    eff = a.effective
    act_date = a.amending_act.date if a.amending_act else None
    if eff is None or eff.kind == "unknown":
        return Interval(act_date, None)
    if eff.kind == "exact" and eff.date:
        return Interval.day(eff.date)
    return Interval(eff.lower or act_date, eff.upper)


def _act_json(act: ActRef | None) -> dict[str, str | None] | None:
    if act is None:
        return None
    return {"number": act.number, "date": act.date, "issuer": act.issuer, "text": act.text}


# --- editions --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Commencement:
    """When the act itself comes into force, and where the corpus says so."""

    when: Interval
    text: str
    source: tuple[str, int] | None = None
    partial: bool = (
        False  # "… за исключением параграфа 6 главы 2 …": other dates for some parts (not modelled)
    )


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


def _units_by_eid(doc: Document) -> dict[str, Unit]:
    return {u.eid: u for u in doc.units}


def _applies_to_text(a: Amendment, lang: str) -> bool:
    """An applied amendment that changed the text of ``lang``: a "kk_only" note ("внесено
    изменение на казахском языке, текст на русском языке не меняется") changed the kk text only."""
    if not a.applied_in_copy or a.prospective or a.kind in ("commencement", "repealed"):
        return False  # a repeal of the whole act changes no text (kb.versions.repeal_flag)
    return a.kind != "kk_only" or lang == "kk"


def _announced(a: Amendment) -> bool:
    return a.prospective and a.kind not in ("commencement", "repealed")


# The act's own commencement rule as its ordering part states it.  ru: "вводится в действие
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


# --- what a note covers ----------------------------------------------------------------------

_ADDED_KINDS = {
    "параграф": "section",
    "пункт": "point",
    "подпункт": "subpoint",
    "глава": "chapter",
    "абзац": "alinea",
    "тармақ": "point",
    "тармақша": "subpoint",
    "тарау": "chapter",
    "бөлім": "chapter",
}


class _Tree:
    """Parent / children maps of one document's units."""

    def __init__(self, units: Sequence[Unit]):
        self.units = {u.eid: u for u in units}
        self.children: dict[str | None, list[str]] = {}
        for u in units:
            self.children.setdefault(u.parent, []).append(u.eid)

    def subtree(self, eid: str) -> list[str]:
        out, stack = [], [eid]
        while stack:
            cur = stack.pop()
            if cur in self.units:
                out.append(cur)
            stack.extend(reversed(self.children.get(cur, [])))
        return out

    def ancestors(self, eid: str) -> list[str]:
        out, cur = [], self.units.get(eid)
        while cur is not None and cur.parent:
            out.append(cur.parent)
            cur = self.units.get(cur.parent)
        return out


def _added_eid(tree: _Tree, a: Amendment) -> str | None:
    """ "Глава 1 дополнена параграфом 4-1" → the eid of that paragraph under the target."""
    if not a.added_unit or not a.target_eid:
        return None
    words = a.added_unit.split()
    kind = next((v for k, v in _ADDED_KINDS.items() if words[0].lower().startswith(k)), None)
    num = words[-1] if len(words) > 1 else None
    if kind is None or num is None:
        return None
    hits = [e for e in tree.subtree(a.target_eid) if tree.units[e].kind == kind and tree.units[e].num == num]
    return hits[0] if len(hits) == 1 else None


def covered_eids(doc: Document, a: Amendment, tree: _Tree | None = None) -> list[str]:
    """The units whose text a note speaks of: "Пункт 7" → the point and its subpoints and
    alineas; "Абзац девятый пункта 5" → that alinea; "Заголовок параграфа 7" → the section
    unit (its heading) only; an applied "дополнена параграфом 4-1" → that paragraph's subtree
    (the whole target's when the new unit cannot be found); an announced addition → the target
    only (its new part is not in the corpus); the act → every unit.  Unresolved → []."""
    tree = tree or _Tree(doc.units)
    scope = a.target.scope if a.target else None
    if scope == "act":
        return list(tree.units)
    if not a.target_eid or a.target_eid not in tree.units:
        return []
    if scope in ("section_heading", "chapter_heading"):
        return [a.target_eid]
    if a.kind == "added":
        if a.prospective:
            return [a.target_eid]
        added = _added_eid(tree, a)
        return tree.subtree(added or a.target_eid)
    return tree.subtree(a.target_eid)


def _coverage(
    doc: Document, which: str, lang: str | None = None, out: dict[str, list[Amendment]] | None = None,
    eid_map: dict[str, str | None] | None = None,
) -> dict[str, list[Amendment]]:
    """eid → the notes of one kind ("applied" / "announced") covering it, in text order.

    ``lang`` is the language of the text the notes are applied to (default: the document's):
    the notes of another language's expression of the same act and time speak of the same
    units — through ``eid_map`` (:func:`kb.align.align_eids`), since where the languages number
    their абзацы differently the same id names different items.  A unit with no counterpart
    gets no note.  A note already in ``out`` is not added twice.
    """
    lang = lang or doc.lang
    tree = _Tree(doc.units)
    out = {} if out is None else out
    for a in doc.amendments:
        if (which == "applied" and _applies_to_text(a, lang)) or (which == "announced" and _announced(a)):
            for eid in covered_eids(doc, a, tree):
                if eid_map is not None:
                    eid = eid_map.get(eid, eid)
                    if eid is None:
                        continue
                have = out.setdefault(eid, [])
                if all(_note_key(b) != _note_key(a) for b in have):
                    have.append(a)
    return out


def _same_time(e: EditionText, f: EditionText) -> bool:
    """Two expressions of the same moment of the act (same copy window, or same edition date)."""
    return e.kind == f.kind and e.window == f.window and e.date_from == f.date_from


# --- the start of one unit's text in one edition -----------------------------------------------


@dataclass(frozen=True)
class _Start:
    """Since when the text of a unit in an edition is in force (``when`` None: since the act's
    commencement)."""

    when: Interval | None
    amendment: Amendment | None = None
    reason: str = "commencement"  # "commencement" | "amendment" | "edition"


class _Model:
    """Per-edition caches for one act and language; built once per query."""

    def __init__(self, editions: Sequence[EditionText], others: Sequence[EditionText] = ()):
        self.eds = order_editions(editions)
        self.units = [_units_by_eid(e.doc) for e in self.eds]
        self.applied = [_coverage(e.doc, "applied") for e in self.eds]
        self.announced = [_coverage(e.doc, "announced") for e in self.eds]
        # the notes of the other languages' expressions of the same moment: an amending act
        # amends every language's text (the kk copy of 580-НҚ carries no notes at all)
        for k, e in enumerate(self.eds):
            for f in others:
                if f.lang != e.lang and _same_time(e, f):
                    from .align import align_eids

                    eid_map = align_eids(f.doc, e.doc)
                    _coverage(f.doc, "applied", e.lang, self.applied[k], eid_map)
                    _coverage(f.doc, "announced", e.lang, self.announced[k], eid_map)
        self.comm = commencement(self.eds, others)

    def index_for(self, date: str) -> int:
        """The latest edition shown in force on or before ``date`` (else the earliest)."""
        best = 0
        for k, e in enumerate(self.eds):
            if e.date_from is None or e.date_from <= date:
                best = k
        return best

    def prev_with(self, k: int, eid: str) -> int | None:
        for j in range(k - 1, -1, -1):
            if eid in self.units[j]:
                return j
        return None

    def start(self, k: int, eid: str) -> _Start:
        applied = self.applied[k].get(eid, [])
        if applied:
            a = max(applied, key=lambda x: _effective_interval(x).lower or "")
            iv = _effective_interval(a)
            if iv.upper is None:
                ev = self.eds[k].evidence
                if ev and (iv.lower is None or ev >= iv.lower):
                    iv = Interval(iv.lower, ev)
                elif self.eds[k].kind == "copy" and self.eds[k].window and self.eds[k].window[1]:
                    before = self.eds[k].window[1]  # shown at the copy date, before the window's end
                    if iv.lower is None or before > iv.lower:
                        iv = Interval(iv.lower, before)
            return _Start(iv, a, "amendment")
        j = self.prev_with(k, eid)
        if j is None:
            if k == 0 or self.eds[k].date_from is None:
                return _Start(None)
            return _Start(Interval.day(self.eds[k].date_from), None, "edition")  # new in this edition
        if _content(self.units[j][eid]) == _content(self.units[k][eid]):
            return self.start(j, eid)
        return (
            _Start(Interval.day(self.eds[k].date_from), None, "edition")
            if self.eds[k].date_from
            else _Start(None)
        )

    def end(self, k: int, eid: str) -> str | None:
        """Exclusive end of the unit's text in edition ``k`` as far as the corpus knows."""
        lows = [_effective_interval(a).lower for a in self.announced[k].get(eid, [])]
        lows = [x for x in lows if x]
        if lows:
            return min(lows)
        nxt = next((j for j in range(k + 1, len(self.eds)) if self.eds[j].lang == self.eds[k].lang), None)
        return self.eds[nxt].date_from if nxt is not None else None


def _content(u: Unit) -> str:
    """What a unit says: its heading and its own text."""
    parts = [p for p in (u.heading, u.text) if p]
    return "\n".join(parts)


# --- timeline of one unit ----------------------------------------------------------------------

_EVENT_ORDER = {"commencement": 0, "applied_amendment": 1, "text": 2, "announced_edition": 3}


@dataclass(frozen=True)
class Event:
    """One dated fact about a unit.

    ``kind``: "text" (a text the corpus has, in force ``since`` … ``until``), "applied_amendment"
    (an edition of the unit in force since its effective date), "announced_edition" (an edition
    in force from its date whose text the corpus lacks unless a later expression has it),
    "commencement" (the act's).  ``since`` is an :class:`Interval` (an after-publication date is
    ``[lower, None]``); ``date`` is ``since.exact``.
    """

    kind: str
    since: Interval
    text_in_corpus: bool
    source: tuple[str, int] | None
    amending_act: ActRef | None = None
    until: str | None = None  # "text": exclusive end of what the corpus knows
    change: str | None = None  # amendments: "restated" | "changed" | "added" | "removed"
    target: str | None = None  # amendments: the unit the note names (the unit or an ancestor)
    text: str | None = None  # "text": the unit's text; amendments: the note
    edition: str | None = None  # the expression it comes from

    @property
    def date(self) -> str | None:
        return self.since.exact

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "since": self.since.as_json(),
            "until": self.until,
            "text_in_corpus": self.text_in_corpus,
            "source": list(self.source) if self.source else None,
            "amending_act": _act_json(self.amending_act),
            "change": self.change,
            "target": self.target,
            "text": self.text,
            "edition": self.edition,
        }


def _note_key(a: Amendment) -> tuple[Any, ...]:
    act = a.amending_act
    return (a.prospective, a.kind, a.target_eid, act.number if act else None, act.date if act else None)


def unit_timeline(
    editions: Sequence[EditionText], amendments: Iterable[Amendment] | None, eid: str, lang: str | None = None
) -> list[Event]:
    """Everything the corpus says about the text of unit ``eid`` over time, sorted by date.

    ``amendments`` restricts the notes considered (None: every note of every edition); a note
    repeated in several editions counts once.  ``text_in_corpus`` of an applied amendment is
    True when some edition shows the unit exactly as that amendment left it (it is the latest
    applied note covering the unit there); of an announced edition, when a later expression
    holds the unit from that date on.  ``lang`` picks the language when the editions hold several.
    """
    langs = sorted({e.lang for e in editions})
    if lang is None and len(langs) > 1:
        raise ValueError(f"editions in several languages {langs}: pass lang")
    model = _Model([e for e in editions if lang is None or e.lang == lang], editions)
    eds = model.eds
    allowed = None if amendments is None else {id(a) for a in amendments}
    events: list[Event] = []
    holders = [k for k in range(len(eds)) if eid in model.units[k]]

    c = model.comm
    original_in_corpus = bool(holders) and model.start(holders[0], eid).reason == "commencement"
    events.append(Event("commencement", c.when, original_in_corpus, c.source, text=c.text))

    shown: set[tuple[Any, ...]] = set()  # notes whose edition of the unit some text shows
    for k in holders:
        st = model.start(k, eid)
        if st.amendment is not None:
            shown.add(_note_key(st.amendment))
        u = model.units[k][eid]
        since = st.when if st.when is not None else c.when
        events.append(
            Event(
                "text",
                since,
                True,
                (u.span.file, u.span.start),
                until=model.end(k, eid),
                text=_content(u),
                edition=eds[k].label,
                amending_act=st.amendment.amending_act if st.amendment else None,
            )
        )

    seen: set[tuple[Any, ...]] = set()
    for k in range(len(eds)):
        for which, table in (("applied", model.applied[k]), ("announced", model.announced[k])):
            for a in table.get(eid, []):
                if allowed is not None and id(a) not in allowed:
                    continue
                key = _note_key(a)
                if key in seen:
                    continue
                seen.add(key)
                iv = _effective_interval(a)
                if which == "applied":
                    in_corpus = key in shown
                    kind = "applied_amendment"
                else:
                    start = iv.upper or iv.lower
                    in_corpus = any(
                        eid in model.units[j] and start is not None and (eds[j].date_from or "") >= start
                        for j in range(k + 1, len(eds))
                    )
                    kind = "announced_edition"
                events.append(
                    Event(
                        kind,
                        iv,
                        in_corpus,
                        (a.span.file, a.span.start),
                        amending_act=a.amending_act,
                        change=a.kind,
                        target=a.target_eid,
                        text=a.text,
                        edition=eds[k].label,
                    )
                )
    events.sort(key=lambda e: (e.since.lower or "", _EVENT_ORDER[e.kind]))
    return events


# --- point-in-time view ------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitView:
    """One unit as of a date.  ``text`` / ``heading`` are the text in force when the corpus has
    it, None when it certainly does not (then a flag says why); ``corpus_text`` /
    ``corpus_heading`` are what the chosen expression shows either way."""

    eid: str
    kind: str
    num: str | None
    parent: str | None
    text: str | None
    heading: str | None
    corpus_text: str
    corpus_heading: str | None
    flags: tuple[dict[str, Any], ...]
    edition: str
    source: tuple[str, int]

    @property
    def in_corpus(self) -> bool:
        return self.text is not None

    @property
    def content(self) -> str | None:
        """Heading and text of the text in force (None when not in corpus)."""
        if self.text is None:
            return None
        return "\n".join(p for p in (self.heading, self.text) if p)

    @property
    def flag_kinds(self) -> tuple[str, ...]:
        return tuple(f["kind"] for f in self.flags)

    def to_dict(self) -> dict[str, Any]:
        return {
            "eid": self.eid,
            "kind": self.kind,
            "num": self.num,
            "parent": self.parent,
            "text": self.text,
            "heading": self.heading,
            "in_corpus": self.in_corpus,
            "corpus_text": self.corpus_text,
            "corpus_heading": self.corpus_heading,
            "flags": list(self.flags),
            "edition": self.edition,
            "source": list(self.source),
        }


@dataclass(frozen=True)
class AsOfView:
    """An act as of ``date`` in one language: its units in document order, and flags about the
    act as a whole (``commencement_uncertain``, ``commencement_partial``, ``after_copy_window``)."""

    act: str
    lang: str
    date: str
    edition: str
    units: tuple[UnitView, ...]
    flags: tuple[dict[str, Any], ...] = ()
    _index: dict[str, UnitView] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._index.update((u.eid, u) for u in self.units)

    def __iter__(self) -> Iterator[UnitView]:
        return iter(self.units)

    def __len__(self) -> int:
        return len(self.units)

    def get(self, eid: str) -> UnitView | None:
        return self._index.get(eid)

    def __getitem__(self, eid: str) -> UnitView:
        return self._index[eid]

    def flagged(self, kind: str | None = None) -> list[UnitView]:
        """Units with a flag (of ``kind``), in document order."""
        return [u for u in self.units if u.flags and (kind is None or kind in u.flag_kinds)]

    def to_dict(self) -> dict[str, Any]:
        data = [u.to_dict() for u in self.units]
        return {
            "act": self.act,
            "lang": self.lang,
            "date": self.date,
            "edition": self.edition,
            "flags": list(self.flags),
            "data": data,
            "count": len(data),
        }


def _view(model: _Model, k: int, eid: str, date: str) -> UnitView:
    e = model.eds[k]
    u = model.units[k][eid]
    base: dict[str, Any] = dict(  # noqa: C408  (keyword arguments of UnitView)
        eid=u.eid,
        kind=u.kind,
        num=u.num,
        parent=u.parent,
        corpus_text=u.text,
        corpus_heading=u.heading,
        edition=e.label,
        source=(u.span.file, u.span.start),
    )
    c = model.comm.when
    if c.lower is not None and date < c.lower:
        flag = {"kind": "not_yet_in_force", "since": c.as_json(), "certain": True}
        return UnitView(text=None, heading=None, flags=(flag,), **base)

    flags: list[dict[str, Any]] = []
    st = model.start(k, eid)
    if st.when is not None and st.when.lower is not None and date < st.when.lower:
        j = model.prev_with(k, eid)
        if j is not None:  # the earlier text is in an earlier expression
            return _view(model, j, eid, date)
        flag = {
            "kind": "earlier_text_not_in_corpus",
            "since": st.when.as_json(),
            "certain": True,
            "by": _act_json(st.amendment.amending_act) if st.amendment else None,
        }
        return UnitView(text=None, heading=None, flags=(flag,), **base)
    if st.when is not None and not st.when.certainly_by(date):
        j = model.prev_with(k, eid)
        by = _act_json(st.amendment.amending_act) if st.amendment else None
        if j is None:
            flags.append(
                {"kind": "earlier_text_not_in_corpus", "since": st.when.as_json(), "certain": False, "by": by}
            )
        elif _content(model.units[j][eid]) != _content(u):
            flags.append(
                {
                    "kind": "change_date_uncertain",
                    "since": st.when.as_json(),
                    "by": by,
                    "previous": {
                        "edition": model.eds[j].label,
                        "text": model.units[j][eid].text,
                        "heading": model.units[j][eid].heading,
                    },
                    "certain": False,
                }
            )

    due = [a for a in model.announced[k].get(eid, []) if _effective_interval(a).possibly_by(date)]
    if due:
        a = max(due, key=lambda x: _effective_interval(x).lower or "")
        iv = _effective_interval(a)
        certain = iv.certainly_by(date)
        flags.append(
            {
                "kind": "superseded",
                "by": _act_json(a.amending_act),
                "since": iv.as_json(),
                "change": a.kind,
                "target": a.target_eid,
                "text_in_corpus": False,
                "certain": certain,
                "note": (a.span.file, a.span.start),
            }
        )
        if certain:
            return UnitView(text=None, heading=None, flags=tuple(flags), **base)
    return UnitView(text=u.text, heading=u.heading, flags=tuple(flags), **base)


def as_of(editions_of_act: Sequence[EditionText], lang: str, date: str) -> AsOfView:
    """The act in language ``lang`` as of ``date`` (ISO): every unit of the expression in force
    then (the latest whose ``date_from`` is on or before the date, else the earliest), with the
    text in force if the corpus has it and flags where it does not or may not:

    * ``superseded`` — an announced edition naming the unit or an ancestor is in force
      (``certain`` False while its date is an open interval);
    * ``earlier_text_not_in_corpus`` — the date is before the text shown came into force and
      no earlier expression holds the unit (``certain`` False inside an after-publication
      interval);
    * ``change_date_uncertain`` — inside such an interval, but the earlier text is in an
      earlier expression (given as ``previous``);
    * ``not_yet_in_force`` — before the act's own commencement.

    A date before an edition's version of a unit came into force falls back to the earlier
    expression's text of that unit.
    """
    eds = [e for e in editions_of_act if e.lang == lang]
    if not eds:
        raise ValueError(
            f"no expression in language {lang!r} (have {sorted({e.lang for e in editions_of_act})})"
        )
    model = _Model(eds, editions_of_act)
    k = model.index_for(date)
    chosen = model.eds[k]
    units = tuple(_view(model, k, u.eid, date) for u in chosen.doc.units)
    flags: list[dict[str, Any]] = []
    c = model.comm
    if c.when.lower is not None and date >= c.when.lower and not c.when.certainly_by(date):
        flags.append({"kind": "commencement_uncertain", "since": c.when.as_json(), "source": c.source})
    if c.partial:
        flags.append({"kind": "commencement_partial", "text": c.text, "source": c.source})
    if chosen.kind == "copy" and chosen.window and chosen.window[1] and date >= chosen.window[1]:
        flags.append(
            {
                "kind": "after_copy_window",
                "known_until": chosen.window[1],
                "note": "texts as copied, with the editions the copy announces; later changes are unknown",
            }
        )
    return AsOfView(
        act=chosen.act, lang=lang, date=date, edition=chosen.label, units=units, flags=tuple(flags)
    )
