"""Profession cards of a professional standard (004, Глава 3, пункты 9–18).

Each card is a table that the adilet copy flattens into label / value lines.  The structure
pass gives one ``point`` unit per card ("Карточка профессии "…"") and one ``alinea`` unit per
non-blank line of the card, in order::

    Код группы:                                   <- label of a header field
    5320-2                                        <- its value
    Уровень квалификации по ЕТКС, КС и др. …:     <- label of a multi-line field
    Приказ и.о. Министра … № 360 "…".             <- the reference: an order …
    Параграф 1. Социальный работник               <- … its Параграф (a VALUE, not a heading)
    высшая, первая, вторая категории, …           <- … and the categories
    Уровень профессионального образования:        <- education: one column per
    Уровень образования: ТиПО                     <-   "Уровень образования",
    Специальность: социальная работа.             <-   label and value on one line
    Квалификация:                                 <-   or on two
    …
    Обязательные трудовые функции:                <- the list of functions …
    1. Организация сопровождения ЛСИ, …
    Трудовая функция 1:                           <- … and each one in detail:
    организация сопровождения ЛСИ, …
    Навык 1:                                      <-   skills,
    осуществление базовых услуг в передвижении.
    Умения:                                       <-   abilities,
    1. Обеспечивать безопасную транспортировку …
    Знания:                                       <-   knowledge
    1. Индивидуальных особенностей …
    …
    Связь с другими профессиями в рамках ОРК:     <- a small table: column labels,
    Уровень ОРК:                                  <-   then values row by row
    Наименование профессии:
    2-3
    Социальный помощник

Labels are recognised by :data:`LABELS` (whole line, colon optional, a value may follow the
colon on the same line).  A value line goes to the field of the last label.  A line that does
not start a new item (no number, the previous line does not end with ``. ; : ! ?``, it starts
with a lower-case letter) continues the previous item: the item's ``text`` is the joined text
and its ``cont`` lists the continuation lines.

Every unit of a card is used exactly once: as a label, as (part of) a value, or in
``unplaced``; the card's ``placement`` lists them all in document order with their role.
Every value carries the ``eid`` and source ``line`` of its unit.  Irregular cards are
reported, not repaired silently: a :class:`~parser.models.Diagnostic` names the file, the line,
what was expected and what was found (``error`` for a missing mandatory label, ``warning``
for a line placed by inference or not placed at all).

What the seed needs and how it is handled:

* "Код группы: 2635-3" of card 15 stands before its heading, at the end of card 14 (the
  editor's note announcing a new edition of пункт 15 was put inside the table).  A header
  field found after a card's body is moved to the next card when that card lacks it
  (warning).
* Card 14 names its related profession right under "Список технических регламентов…",
  without the labels of "Связь с другими профессиями в рамках ОРК".  A line there that is the
  name of a card of the same standard is taken as a related profession (warning).
* Card 17's heading has a stray quote ('"Директор … услуг" (центра …)"'): the name drops it
  (warning).
* Numbered lists that restart or skip numbers (card 15 repeats a knowledge list; cards 14,
  16, 17 skip numbers) are kept as written (warning).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .card_records import LIST_MANDATORY, CardRecord, parse_okr_levels, read_reference
from .models import Diagnostic, Unit

__all__ = ["extract_cards", "parse_okr_levels", "match_label", "LABELS", "card_eids"]

# --- patterns --------------------------------------------------------------------------------

# The heading of a card: 'Карточка профессии "Индивидуальный помощник"'.
CARD_HEADING_RE = re.compile(
    r"""^
    Карточка \s+ профессии \s*      # the words
    ["«“]? (?P<name> .*? ) ["»”]?   # the name in quotes (the quotes may be unbalanced)
    \s* $""",
    re.X | re.I,
)


def _label(words: str, numbered: bool = False) -> re.Pattern[str]:
    """A label that fills the whole line: ``words``, an optional colon, an optional value.

    A value on the same line must follow a colon ("Специальность: социальная работа."), so a
    value line that merely starts with the same words is never taken for a label.  Numbered
    labels ("Трудовая функция 1:", "Трудовая функция 1.") also accept a full stop.
    """
    words = r"\s+".join(words.split())
    num = r"\s+ (?P<num> \d{1,2} )" if numbered else ""
    sep = r"[:.]" if numbered else r":"
    return re.compile(
        rf"""^
        (?P<label> {words} {num} )            # the label words (and number)
        \s* (?: {sep} \s* (?P<value> .*? ) )? # colon, then maybe the value on the same line
        \s* $""",
        re.X | re.I,
    )


# The labels of the card's head as the cards write them (for messages too).
HEADER_WORDS = {
    "group_code": "Код группы",
    "occupation_code": "Код наименования занятия",
    "profession": "Наименование профессии",  # also a column label of "related"
    "okr_sublevel": "подуровень квалификации по ОРК",
    "okr_level": "Уровень квалификации по ОРК",
}

# key -> pattern, tried in this order.  Keys name the fields of the output dict.
LABELS: dict[str, re.Pattern[str]] = {
    **{key: _label(words) for key, words in HEADER_WORDS.items()},
    # "Уровень квалификации по ЕТКС, КС и др(.) типовых квалификационных характеристик:"
    "etks_ks": re.compile(
        r"""^
        (?P<label> Уровень \s+ квалификации \s+ по \s+ ЕТКС \b [^:]*? )   # the words, up to the colon
        \s* (?: : \s* (?P<value> .*? ) )? \s* $""",
        re.X | re.I,
    ),
    "education": _label("Уровень профессионального образования"),
    "edu_level": _label("Уровень образования"),
    "edu_specialty": _label("Специальность"),
    "edu_qualification": _label("Квалификация"),
    "experience": _label("Требования к опыту работы"),
    "informal_education": _label("Связь с неформальным и информальным образованием"),
    "other_names": _label("Другие возможные наименования профессии"),
    "purpose": _label("Основная цель деятельности"),
    "functions_description": _label("Описание трудовых функций"),
    "functions_list": _label("Перечень трудовых функций"),
    "functions_mandatory": _label("Обязательные трудовые функции"),
    "functions_additional": _label("Дополнительные трудовые функции"),
    "function": _label("Трудовая функция", numbered=True),
    "skill": _label("Навык", numbered=True),
    "abilities": _label("Умения"),
    "knowledge": _label("Знания"),
    "recognition": _label("Возможность признания навыка"),
    "personal_competences": _label("Требования к личностным компетенциям"),
    "regulations": _label("Список технических регламентов и национальных стандартов"),
    "related": _label("Связь с другими профессиями в рамках ОРК"),
    "related_level": _label("Уровень ОРК"),
}

# The fields of the card's head, one value each.
HEADER_FIELDS = ("group_code", "occupation_code", "profession", "okr_level", "okr_sublevel")
# A card without these is an error.
MANDATORY = ("group_code", "occupation_code", "profession", "okr_level")
# After one of these labels the head of the card is over.
BODY_LABELS = frozenset({
    "functions_description", "functions_list", "functions_mandatory", "functions_additional", "function",
    "skill", "abilities", "knowledge", "recognition", "personal_competences", "regulations", "related",
})

# A numbered item: "1. Обеспечивать …", "3.Технических …" — but not "7.1" or "5320-2".
NUMBERED_RE = re.compile(r"^(?P<num>\d{1,2})\s*[.)](?!\d)\s*(?P<text>.*)$")



# --- small helpers ---------------------------------------------------------------------------


def match_label(text: str) -> tuple[str, re.Match[str]] | None:
    """The label a line is, as ``(key, match)``, or ``None`` for a value line.

    >>> match_label("Код группы:")[0], match_label("Трудовая функция 1.")[1].group("num")
    ('group_code', '1')
    >>> match_label("Специальность: социальная работа.")[1].group("value")
    'социальная работа.'
    >>> match_label("умение анализировать ситуации") is None
    True
    """
    for key, pattern in LABELS.items():
        m = pattern.match(text)
        if m:
            return key, m
    return None


def _key(text: str) -> str:
    """A name reduced for comparison: case, quotes, spaces and final punctuation ignored."""
    text = re.sub(r"[\"«»“”]", "", text).casefold().replace("ё", "е")
    text = re.sub(r"\s*-\s*", "-", text)
    return " ".join(text.split()).rstrip(" .;,")


def card_eids(card: dict[str, Any]) -> list[str]:
    """The eids a card used, in document order (from its ``placement``)."""
    return [p["eid"] for p in card["placement"]]


# --- one card --------------------------------------------------------------------------------


@dataclass
class _Stray:
    """A header label found after the body of a card (it belongs to the next card)."""

    key: str
    label: Unit
    values: list[tuple[Unit, str]] = field(default_factory=list)


class _Card(CardRecord):
    """Reads the lines of one card, label by label."""

    numbered_re = NUMBERED_RE

    def __init__(self, point: Unit, lines: list[Unit], file: str, names: dict[str, str],
                 placed: dict[str, str], diags: list[Diagnostic]):
        self.point, self.lines, self.file = point, lines, file
        self.names = names  # _key(name) -> name, of all cards of the document
        self.placed = placed  # eid -> card id, shared by all cards: each unit is used once
        self.diags = diags
        self.placement: list[dict[str, Any]] = []
        self.name = self._name()
        self.header: dict[str, str | None] = {}
        self.sources: dict[str, dict[str, Any]] = {}
        self.header_labels: dict[str, Unit] = {}
        self.etks: list[dict[str, Any]] = []
        self.education: list[dict[str, Any]] = []
        self.lists: dict[str, list[dict[str, Any]]] = {
            k: [] for k in ("experience", "informal_education", "other_names", "purpose",
                            "personal_competences", "regulations", "unplaced")
        }
        self.listed: list[dict[str, Any]] = []  # the functions as the "Перечень" lists them
        self.functions: list[dict[str, Any]] = []  # the functions in detail
        self.related: list[dict[str, Any]] = []
        self.strays: list[_Stray] = []
        self.field: str | None = None  # the field the next value line goes to
        self.mandatory: bool | None = None
        self.body = False
        self.pending_level: tuple[Unit, str] | None = None

    @property
    def id(self) -> str:
        return self.point.eid

    # -- bookkeeping -----------------------------------------------------------------------

    def eid_of(self, u: Unit) -> str:
        return u.eid

    def line_of(self, u: Unit) -> int:
        return u.span.start

    @property
    def where(self) -> str:
        return f"card {self.point.num}"

    warn = CardRecord.warn_at

    def claim(self, u: Unit) -> None:
        if u.eid in self.placed:  # a bug in this module, not in the text
            raise AssertionError(f"{u.eid} used twice ({self.placed[u.eid]}, {self.id})")
        self.placed[u.eid] = self.id

    def _name(self) -> str | None:
        m = CARD_HEADING_RE.match(self.point.text)
        if not m:
            self.warn(self.point, 'a heading \'Карточка профессии "…"\'', self.point.text, "error")
            return None
        name = m.group("name").strip()
        if name.count('"') == 1:  # card 17: '"Директор … услуг" (центра … и др.)"'
            self.warn(self.point, "the card's name in one pair of quotes", self.point.text)
            name = " ".join(name.replace('"', " ").split())
        return name

    # -- reading ---------------------------------------------------------------------------

    def read(self) -> None:
        for u in self.lines:
            hit = match_label(u.text)
            if hit:
                key, m = hit
                self.label(u, key, m)
            else:
                self.value(u, u.text)
        self.flush_related()

    def label(self, u: Unit, key: str, m: re.Match[str]) -> None:
        value = (m.group("value") or "").strip() or None
        num = int(m.group("num")) if "num" in m.re.groupindex else None
        if key == "profession" and self.field in ("related", "related_level", "related_name"):
            key = "related_name"
        if key in HEADER_FIELDS and (self.body or key in self.header_labels):
            self.strays.append(_Stray(key, u))
            self.field = "stray"
            if value:
                self.strays[-1].values.append((u, value))
            return
        if key in BODY_LABELS:
            self.body = True
        if value is None:
            self.place(u, f"label:{key}")
        # what the label opens
        if key in HEADER_FIELDS:
            self.header_labels[key] = u
        elif key == "edu_level":
            self.education.append(self.entry(u))
        elif key in ("edu_specialty", "edu_qualification"):
            field_name = key[4:]
            if not self.education or any(ln["field"] == field_name for ln in self.education[-1]["lines"]):
                self.education.append(self.entry(u))  # a column without "Уровень образования"
        elif key in LIST_MANDATORY:
            self.mandatory = LIST_MANDATORY[key]
        elif key == "function":
            self.functions.append({"num": num, "name": None, "label": u, "skills": [], "recognition": []})
        elif key == "skill":
            if not self.functions:
                self.field = None
                self.place_back(u)
                self.unplaced(u, u.text, 'a "Трудовая функция N:" before "Навык N:"')
                return
            self.functions[-1]["skills"].append({"num": num, "name": None, "label": u, "abilities": [],
                                                 "knowledge": []})
        elif key in ("abilities", "knowledge", "recognition") and not (
            self.functions and (self.functions[-1]["skills"] or key == "recognition")
        ):
            self.field = None
            self.place_back(u)
            self.unplaced(u, u.text, f'a "Навык N:" before "{m.group("label")}"')
            return
        elif key in ("related", "related_level", "related_name"):
            self.flush_related()
        self.field = key
        if value is not None:
            self.value(u, value, inline=m.group("label"))

    def place_back(self, u: Unit) -> None:
        """Undo the label placement of ``u`` (it is going to ``unplaced`` instead)."""
        if self.placement and self.placement[-1]["eid"] == u.eid:
            self.placement.pop()
            del self.placed[u.eid]

    def value(self, u: Unit, text: str, inline: str | None = None) -> None:
        f = self.field
        role = f or "unplaced"
        if f is None:
            self.unplaced(u, text, "a label before this value")
            return
        if f == "stray":
            self.strays[-1].values.append((u, text))
            return
        if f in HEADER_FIELDS:
            if self.header.get(f) is None and f not in self.sources:
                self.header[f] = text
                self.sources[f] = self.src(u)
            elif f == "profession" and self.continues(self.header[f] or "", text):
                self.header[f] = f"{self.header[f]} {text}"
                self.sources[f].setdefault("cont", []).append(self.src(u))
            else:
                self.unplaced(u, text, f'one value after "{self.header_labels[f].text}"')
                return
        elif f == "etks_ks":
            # one item per line: the order, its "Параграф N. …" and the categories are separate
            # lines that would otherwise look wrapped ("Параграф 1. Социальный работник" /
            # "высшая, первая, вторая категории, без категории")
            self._add_item(self.etks, u, text, wrap=False)
        elif f in ("education", "edu_level", "edu_specialty", "edu_qualification"):
            if not self.education:
                self.education.append(self.entry(u))
            field_name = {"education": "level", "edu_level": "level"}.get(f, f[4:])
            entry = self.education[-1]
            prev = [ln for ln in entry["lines"] if ln["field"] == field_name]
            if prev and self.continues(prev[-1]["text"], text):
                self.extend(prev[-1], u, text)
            else:
                entry["lines"].append({"field": field_name, **self.item(u, text)})
            role = f"education.{len(self.education)}.{field_name}"
        elif f in self.lists:
            if f == "regulations" and _key(text) in self.names:
                self.related.append(self._related(None, (u, text)))
                self.related[-1]["note"] = ('named under "Список технических регламентов и национальных '
                                            'стандартов" without the labels of "Связь с другими профессиями '
                                            'в рамках ОРК"')
                self.warn(u, f'"Связь с другими профессиями в рамках ОРК:" before a related profession '
                             f'(card {self.point.num})', text)
                role = "related"
            else:
                self._add_item(self.lists[f], u, text)
        elif f in ("functions_list", "functions_mandatory", "functions_additional", "functions_description"):
            self._add_item(self.listed, u, text, numbered=True, extra={"mandatory": self.mandatory})
            role = "functions.listed"
        elif f == "function":
            fn = self.functions[-1]
            self.name_value(fn, u, text)
            role = f"functions.{fn['num']}.name"
        elif f == "skill":
            sk = self.functions[-1]["skills"][-1]
            self.name_value(sk, u, text)
            role = f"functions.{self.functions[-1]['num']}.skills.{sk['num']}.name"
        elif f in ("abilities", "knowledge"):
            fn = self.functions[-1]
            sk = fn["skills"][-1]
            self._add_item(sk[f], u, text, numbered=True)
            role = f"functions.{fn['num']}.skills.{sk['num']}.{f}"
        elif f == "recognition":
            self._add_item(self.functions[-1]["recognition"], u, text)
            role = f"functions.{self.functions[-1]['num']}.recognition"
        elif f in ("related", "related_level", "related_name"):
            self._related_value(u, text)
            role = "related"
        else:  # pragma: no cover - every label key is handled above
            self.unplaced(u, text, f"a value of {f}")
            return
        self.place(u, role if inline is None else f"{role} (with its label)")

    # -- the strays of the previous card ---------------------------------------------------

    def adopt(self, stray: _Stray, donor: _Card) -> bool:
        """Take a header field that stands at the end of ``donor``; False if it is not ours."""
        if stray.key in self.header_labels or self.header.get(stray.key) is not None:
            return False
        if len(stray.values) != 1:
            return False
        u, text = stray.values[0]
        if stray.key == "group_code" and self.header.get("occupation_code") and not str(
            self.header["occupation_code"]
        ).startswith(text):
            return False
        self.header_labels[stray.key] = stray.label
        self.header[stray.key] = text
        self.sources[stray.key] = {**self.src(u), "moved_from": donor.id}
        if u is not stray.label:
            self.place(stray.label, f"label:{stray.key} (moved from {donor.id})")
        self.place(u, f"{stray.key} (moved from {donor.id})")
        self.warn(stray.label, f'"{stray.label.text}" inside card {self.point.num}',
                  f"it stands at the end of card {donor.point.num}, before the heading of card "
                  f"{self.point.num}; moved to card {self.point.num}")
        return True

    def reject(self, stray: _Stray) -> None:
        self.unplaced(stray.label, stray.label.text, "a header label before the body of the card")
        for u, text in stray.values:
            if u is not stray.label:
                self.unplaced(u, text, f'a label before this value ("{stray.label.text}" is out of place)')

    # -- output ----------------------------------------------------------------------------

    def check(self) -> None:
        end = max((u.span.end for u in self.lines), default=self.point.span.end)
        for key in MANDATORY:
            if key not in self.header_labels:
                self.warn(self.point, f'the label "{HEADER_WORDS[key]}:" in card {self.point.num} '
                          f"({self.name})", f"no such line in lines {self.point.span.start}–{end}", "error")
            elif self.header.get(key) is None:
                lab = self.header_labels[key]
                self.warn(lab, f'a value after "{lab.text}" (card {self.point.num})', "the next label",
                          "error")
        if self.header.get("okr_level") and not parse_okr_levels(self.header["okr_level"]):
            src = self.sources["okr_level"]
            self.diags.append(Diagnostic(self.file, src["line"], "an ОРК level 1–8 or a range like 1-2",
                                         str(self.header["okr_level"])))
        if not self.functions and not self.listed:
            self.warn(self.point, f'"Трудовая функция N:" in card {self.point.num}',
                      f"no function in lines {self.point.span.start}–{end}")

    def etks_dict(self) -> dict[str, Any] | None:
        if not self.etks:
            return None
        ref, cats, order, lines = read_reference(self.etks, self.file, self.diags)
        return self.etks_record(" ".join(ref or cats), order, " ".join(cats) or None, lines)

    def education_list(self) -> list[dict[str, Any]]:
        out = []
        for entry in self.education:
            for name in ("level", "specialty", "qualification"):
                parts = [ln["text"] for ln in entry["lines"] if ln["field"] == name]
                entry[name] = " ".join(parts) or None
            out.append(entry)
        return out

    def functions_list(self) -> list[dict[str, Any]]:
        listed = {it["num"]: it for it in self.listed if it.get("num") is not None}
        out, seen = [], set()
        for fn in self.functions:
            label: Unit = fn.pop("label")
            item = listed.get(fn["num"])
            seen.add(fn["num"])
            if fn["name"] is None:
                self.warn(label, f'the name of "{label.text}" (card {self.point.num})', "the next label")
            if item is None and self.listed:
                self.warn(label, f"function {fn['num']} in the list of functions (card {self.point.num})",
                          label.text)
            elif item is not None and fn["name"] and _key(item["text"]) != _key(fn["name"]):
                self.diags.append(Diagnostic(
                    self.file, fn["line"],
                    f"the name listed for function {fn['num']} in line {item['line']}: {item['text']!r}",
                    fn["name"], "warning"))
            skills = []
            for sk in fn["skills"]:
                sk_label: Unit = sk.pop("label")
                if sk["name"] is None:
                    self.warn(sk_label, f'the name of "{sk_label.text}" (card {self.point.num})',
                              "the next label")
                    sk.update(eid=sk_label.eid, line=sk_label.span.start)
                for key in ("abilities", "knowledge"):
                    self._check_numbers(sk[key], f"{key} of function {fn['num']} skill {sk['num']}")
                skills.append({"num": sk["num"], "name": sk["name"], "eid": sk["eid"], "line": sk["line"],
                               **({"cont": sk["cont"]} if "cont" in sk else {}),
                               "abilities": sk["abilities"], "knowledge": sk["knowledge"]})
            out.append({
                "num": fn["num"], "name": fn["name"],
                "mandatory": item["mandatory"] if item else None,
                "eid": fn.get("eid", label.eid), "line": fn.get("line", label.span.start),
                **({"cont": fn["cont"]} if "cont" in fn else {}),
                "listed": item, "skills": skills, "recognition": fn["recognition"],
            })
        for it in self.listed:
            if it.get("num") in seen:
                continue
            self.diags.append(Diagnostic(
                self.file, it["line"],
                f'"Трудовая функция {it.get("num")}:" with its skills (card {self.point.num})',
                f"function {it.get('num')} is only listed: {it['text']!r}", "warning"))
            out.append({"num": it.get("num"), "name": it["text"], "mandatory": it["mandatory"],
                        "eid": it["eid"], "line": it["line"], "listed": it, "skills": [], "recognition": []})
        self._check_numbers(self.listed, "list of functions")
        return out

    def _check_numbers(self, items: list[dict[str, Any]], what: str) -> None:
        prev = 0
        for it in items:
            n = it.get("num")
            if n is None:
                continue
            if n != prev + 1:
                how = "restarts" if n <= prev else "skips numbers"
                self.diags.append(Diagnostic(self.file, it["line"],
                                             f"item {prev + 1} of the {what} (card {self.point.num})",
                                             f"item {n} (the numbering {how}): {it['text']!r}", "warning"))
            prev = n

    def to_dict(self) -> dict[str, Any]:
        end = max((u.span.end for u in self.lines), default=self.point.span.end)
        return self.record(self.id, self.point.num, self.name, self.point.span.start, end,
                           self.functions_list())


# --- the document ----------------------------------------------------------------------------


def extract_cards(units: list[Unit], file: str) -> tuple[list[dict[str, Any]], list[Diagnostic]]:
    """The profession cards among ``units`` as JSON-ready dicts, and what was wrong with them.

    A card is a ``point`` unit whose text is 'Карточка профессии "…"'; its lines are the
    alinea units under it, in order.  Never raises on an irregular card: see the module
    docstring for what is reported.
    """
    points = [u for u in units if u.kind == "point" and CARD_HEADING_RE.match(u.text)]
    ids = {p.eid for p in points}
    lines: dict[str, list[Unit]] = {p.eid: [] for p in points}
    owner: dict[str, str] = {}  # unit eid -> card eid, through nested containers
    for u in units:
        top = u.parent if u.parent in ids else owner.get(u.parent or "")
        if top is not None and u.eid not in ids:
            owner[u.eid] = top
            if u.kind in ("alinea", "subpoint"):
                lines[top].append(u if u.kind == "alinea" else _subpoint_as_line(u))
    diags: list[Diagnostic] = []
    placed: dict[str, str] = {}
    cards = [_Card(p, lines[p.eid], file, {}, placed, diags) for p in points]
    names = {_key(c.name): c.name for c in cards if c.name}
    for c in cards:
        c.names = {k: v for k, v in names.items() if k != _key(c.name or "")}
        c.read()
    for i, c in enumerate(cards):
        for stray in c.strays:
            nxt = cards[i + 1] if i + 1 < len(cards) else None
            if nxt is None or not nxt.adopt(stray, c):
                c.reject(stray)
    for c in cards:
        c.check()
    out = [c.to_dict() for c in cards]
    diags.sort(key=lambda d: d.line)
    return out, diags


def _subpoint_as_line(u: Unit) -> Unit:
    """A "N)" line that the structure pass made a subpoint: read it as the line it was."""
    return Unit(eid=u.eid, kind=u.kind, span=u.span, num=u.num, text=f"{u.num}) {u.text}", parent=u.parent)
