"""What the two readers of profession cards share: the record of one card.

:mod:`parser.cards` reads the cards that adilet flattens into lines (input: structure
:class:`~parser.models.Unit`), :mod:`parser.card_table_reader` the cards drawn as HTML tables
(input: table :class:`~parser.models.Line` with its cell).  Both fill the same record:
numbered items with their continuation lines, related professions row by row, the placement
of every line, and the card dict.  :class:`CardRecord` holds that logic; a reader says how an
input element gives its ``eid`` and ``line``, what a numbered item is (``numbered_re``) and
whether a continuation line must stand in the cell of the item it continues (``cell_bound``).
The ТКХ reference of the flattened cards (:func:`read_reference`) is read here too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .dates import parse_date
from .models import Diagnostic

__all__ = ["CardRecord", "DASH_RE", "LIST_MANDATORY", "OCCUPATION_RE", "OKR_LEVEL_RE", "other_name",
           "parse_okr_levels", "read_reference"]

# An ОРК level as written: "4", "1-2", "4 – 5".
OKR_LEVEL_RE = re.compile(
    r"""^
    (?P<lo> [1-8] )                        # the level, or the lowest level of a range
    (?: \s* [-\u2010-\u2015] \s* (?P<hi> [1-8] ) )?   # "-2": the highest
    $""",
    re.X,
)

# A dash for "none": "-", "–", "—".
DASH_RE = re.compile(r"^[-\u2010-\u2015]$")

# An occupation code in front of a name: "2643-3-006 - переводчик-дактилолог;".
OCCUPATION_RE = re.compile(
    r"""^
    (?P<code> \d{4} - \d - \d{3} )         # the code of the occupation
    \s* [-\u2010-\u2015]? \s*              # an optional dash
    (?P<name> .+? ) [;.]? $                # the name (final ";" or "." dropped)
    """,
    re.X,
)


# The labels of the lists of functions that say whether the functions after them are mandatory.
LIST_MANDATORY: dict[str, bool | None] = {
    "functions_mandatory": True, "functions_additional": False, "functions_list": None,
}

# The order a ТКХ reference cites: '… от 25 октября 2017 года № 360 "Об утверждении …"
# (зарегистрирован в Реестре … за №16057).'
ORDER_REF_RE = re.compile(
    r"""
    \b от \s+ (?P<date> \d{1,2} \s+ [а-яё]+ \s+ \d{4} ) \s* (?: года | г\. )?  # date of the order
    \s* № \s* (?P<number> [\w-]+ )                                             # its number
    (?: .*? за \s* № \s* (?P<registration> \d+ ) )?                            # registered by MoJ
    """,
    re.X | re.I,
)

# A Параграф of the cited order, as a value line: "Параграф 1. Социальный работник".
PARAGRAPH_RE = re.compile(
    r"""^
    Параграф \s+ (?P<num> \d{1,3} (?: -\d{1,3} )? ) \.?   # "Параграф 1." / "Параграф 4-1"
    \s* (?P<title> .*? ) \.? \s* $                        # the position's title (trailing stop dropped)
    """,
    re.X | re.I,
)

# A line giving categories: "Без категории", "высшая, первая, вторая категории, без категории".
CATEGORY_RE = re.compile(r"категори", re.I)


def parse_okr_levels(text: str | None) -> list[int]:
    """The ОРК levels a value names: "1-2" → [1, 2], "4" → [4]; [] if it names none.

    >>> parse_okr_levels("1-2"), parse_okr_levels("4"), parse_okr_levels("4 – 5"), parse_okr_levels("-")
    ([1, 2], [4], [4, 5], [])
    """
    m = OKR_LEVEL_RE.match((text or "").strip())
    if not m:
        return []
    lo = int(m.group("lo"))
    hi = int(m.group("hi") or lo)
    return list(range(lo, hi + 1)) if hi >= lo else []


def other_name(it: dict[str, Any]) -> dict[str, Any]:
    """An item of "Другие возможные наименования профессии" with its occupation code split off."""
    m = OCCUPATION_RE.match(it["text"])
    return {"code": m.group("code") if m else None, "name": m.group("name") if m else None, **it}


def read_reference(items: list[dict[str, Any]], file: str, diags: list[Diagnostic]) -> tuple[
        list[str], list[str], dict[str, Any] | None, list[dict[str, Any]]]:
    """The lines of a ТКХ reference (one item each): ``(reference, categories, order, lines)``.

    The first line citing an order gives ``order`` (its date, number, registration); a
    "Параграф N. …" line its paragraph and title; a line naming categories goes to the
    categories; the first other line after the order is the paragraph's title.
    """
    lines, ref, cats = [], [], []
    order: dict[str, Any] | None = None
    for it in items:
        text = it["text"]
        m = ORDER_REF_RE.search(text)
        p = PARAGRAPH_RE.match(text)
        if m and order is None:
            kind = "order"
            try:
                date = parse_date(m.group("date"))
            except ValueError:
                date = None
                diags.append(Diagnostic(file, it["line"], "a date of the cited order", m.group("date")))
            order = {"date": date, "number": m.group("number"), "registration": m.group("registration"),
                     "paragraph": None, "paragraph_title": None}
        elif p:
            kind = "paragraph"
            if order is not None and order["paragraph"] is None:
                order.update(paragraph=p.group("num"), paragraph_title=p.group("title") or None)
        elif CATEGORY_RE.search(text):
            kind = "category"
        elif order is not None and order["paragraph_title"] is None:
            kind = "paragraph_title"  # card 16: the title with no "Параграф N."
            order["paragraph_title"] = text.rstrip(". ")
        else:
            kind = "text"
        (cats if kind == "category" else ref).append(text)
        lines.append({"kind": kind, **it})
    return ref, cats, order, lines


# Punctuation that ends an item: a line after it starts a new one.
ENDS_ITEM = (".", ";", ":", "!", "?")


def _same(obj: Any) -> Any:
    return obj


class CardRecord:
    """The record of one card, built from input elements (a line of text or of a cell).

    A reader sets the attributes declared below and defines :meth:`eid_of`, :meth:`line_of`,
    :attr:`where`, :meth:`etks_dict`, :meth:`education_list` and ``numbered_re``.
    """

    #: does a continuation line have to stand in the cell of the item it continues?
    cell_bound = False
    #: a numbered item: groups ``num`` and ``text``
    numbered_re: re.Pattern[str]

    file: str
    diags: list[Diagnostic]
    placement: list[dict[str, Any]]
    lists: dict[str, list[dict[str, Any]]]
    related: list[dict[str, Any]]
    pending_level: tuple[Any, str] | None
    etks: list[dict[str, Any]]
    header: dict[str, str | None]
    sources: dict[str, dict[str, Any]]

    # -- how an element is located -----------------------------------------------------------

    def eid_of(self, el: Any) -> str | None:
        raise NotImplementedError

    def line_of(self, el: Any) -> int:
        raise NotImplementedError

    def cell_of(self, el: Any) -> dict[str, Any]:
        """What a related line records of its cell: nothing unless continuation is cell-bound."""
        return {"cell": el.cell} if self.cell_bound else {}

    @property
    def where(self) -> str:
        raise NotImplementedError

    def item(self, el: Any, text: str) -> dict[str, Any]:
        return {"text": text, "eid": self.eid_of(el), "line": self.line_of(el)}

    def src(self, el: Any) -> dict[str, Any]:
        return {"eid": self.eid_of(el), "line": self.line_of(el)}

    # -- bookkeeping -------------------------------------------------------------------------

    def claim(self, el: Any) -> None:
        """Note that ``el`` is used (a reader may check that it is used once)."""

    def place(self, el: Any, role: str) -> None:
        self.claim(el)
        self.placement.append({"eid": self.eid_of(el), "line": self.line_of(el), "role": role})

    def warn_at(self, el: Any, expected: str, found: str, severity: str = "warning") -> None:
        self.diags.append(Diagnostic(self.file, self.line_of(el), expected, found, severity))

    def unplaced(self, el: Any, text: str, expected: str) -> None:
        self.place(el, "unplaced")
        self.lists["unplaced"].append(self.item(el, text))
        self.warn_at(el, f"{expected} ({self.where})", text)

    def continues(self, prev: str, text: str) -> bool:
        """Does ``text`` continue the item ``prev`` (a line wrapped inside one table cell)?"""
        if not prev or prev.rstrip().endswith(ENDS_ITEM) or self.numbered_re.match(text):
            return False
        first = text.lstrip()[:1]
        return first.isalpha() and first.islower()

    # -- items -------------------------------------------------------------------------------

    def extend(self, obj: dict[str, Any], el: Any, text: str, key: str = "text") -> None:
        """Append a continuation line to ``obj`` (its ``key`` text is joined with a space)."""
        obj[key] = f"{obj[key]} {text}" if obj.get(key) else text
        obj.setdefault("cont", []).append(self.item(el, text))

    def name_value(self, obj: dict[str, Any], el: Any, text: str) -> None:
        """The name of a function or skill: its first line, then its continuation lines."""
        if obj["name"] is None:
            obj.update(name=text, eid=self.eid_of(el), line=self.line_of(el))
        else:  # joined even to an empty first line (a cell line of invisible characters only)
            obj["name"] = f"{obj['name']} {text}"
            obj.setdefault("cont", []).append(self.item(el, text))

    def _add_item(self, items: list[dict[str, Any]], el: Any, text: str, numbered: bool = False,
                  extra: dict[str, Any] | None = None, wrap: bool = True) -> None:
        if (wrap and items and (not self.cell_bound or items[-1].get("_cell") == el.cell)
                and self.continues(items[-1]["text"], text)):
            self.extend(items[-1], el, text)
            return
        item: dict[str, Any] = {}
        if numbered:
            m = self.numbered_re.match(text)
            item["num"] = int(m.group("num")) if m else None
            text = m.group("text") if m else text
        item.update(self.item(el, text))
        item.update(extra or {})
        if self.cell_bound:
            item["_cell"] = el.cell
        items.append(item)

    # -- related professions -----------------------------------------------------------------

    def _related_value(self, el: Any, text: str) -> None:
        if OKR_LEVEL_RE.match(text):
            self.flush_related()
            self.pending_level = (el, text)
            return
        last = self.related[-1] if self.related else None
        if (
            self.pending_level is None
            and last
            and (not self.cell_bound or last["lines"][-1].get("cell") == el.cell)
            and self.continues(last["profession"] or "", text)
        ):
            if self.cell_bound:  # the table keeps each line of the row
                last["profession"] = f"{last['profession']} {text}"
                last["lines"].append({"field": "profession", **self.cell_of(el), **self.item(el, text)})
            else:
                self.extend(last, el, text, "profession")
            return
        self.related.append(self._related(self.pending_level, (el, text)))
        self.pending_level = None

    def flush_related(self) -> None:
        """A level with no profession after it is still a row."""
        if self.pending_level is not None:
            el, _ = self.pending_level
            self.related.append(self._related(self.pending_level, None))
            self.pending_level = None
            self.warn_at(el, f"a profession after its ОРК level ({self.where})", el.text)

    def related_extra(self) -> dict[str, Any]:
        """What a reader adds to a related row after its ``code``."""
        return {}

    def _related(self, level: tuple[Any, str] | None, name: tuple[Any, str] | None) -> dict[str, Any]:
        lines = []
        if level:
            lines.append({"field": "okr_level", **self.cell_of(level[0]), **self.item(*level)})
        if name:
            lines.append({"field": "profession", **self.cell_of(name[0]), **self.item(*name)})
        m = OCCUPATION_RE.match(name[1]) if name else None
        main = name or level
        assert main is not None, "a row has a level or a profession"
        return {
            "okr_level": level[1] if level else None,
            "okr_levels": parse_okr_levels(level[1]) if level else [],
            "profession": name[1] if name else None,
            "code": m.group("code") if m else None,
            **self.related_extra(),
            "eid": self.eid_of(main[0]),
            "line": self.line_of(main[0]),
            "lines": lines,
            "note": None,
        }

    # -- output ------------------------------------------------------------------------------

    def record(self, id_: str, num: str | None, name: str | None, start: int, end: int,
               functions: list[dict[str, Any]],
               public: Callable[[list[dict[str, Any]]], list[dict[str, Any]]] = _same,
               scrub: Callable[[Any], Any] = _same) -> dict[str, Any]:
        """The card dict; ``public`` and ``scrub`` drop what a reader keeps for itself."""
        okr = self.header.get("okr_level")
        sub = self.header.get("okr_sublevel")
        return {
            "id": id_,
            "num": num,
            "name": name,
            "span": {"file": self.file, "start": start, "end": end},
            "group_code": self.header.get("group_code"),
            "occupation_code": self.header.get("occupation_code"),
            "profession": self.header.get("profession"),
            "okr_level": okr,
            "okr_levels": parse_okr_levels(okr),
            "okr_sublevel": None if sub is None or DASH_RE.match(sub) else sub,
            "sources": self.sources,
            "etks_ks": self.etks_dict(),
            "education": self.education_list(),
            "experience": public(self.lists["experience"]),
            "informal_education": public(self.lists["informal_education"]),
            "other_names": [other_name(it) for it in public(self.lists["other_names"])],
            "purpose": public(self.lists["purpose"]),
            "functions": scrub(functions),
            "personal_competences": public(self.lists["personal_competences"]),
            "regulations": public(self.lists["regulations"]),
            "related": scrub(self.related),
            "unplaced": self.lists["unplaced"],
            "placement": sorted(self.placement, key=lambda p: p["line"]),
        }

    def etks_dict(self) -> dict[str, Any] | None:
        raise NotImplementedError

    def etks_record(self, text: str, order: dict[str, Any] | None, categories: str | None,
                    lines: list[dict[str, Any]]) -> dict[str, Any]:
        """The "Уровень квалификации по ЕТКС, КС …" field, located at its first line."""
        return {"text": text, "order": order, "categories": categories, "eid": self.etks[0]["eid"],
                "line": self.etks[0]["line"], "lines": lines}

    def education_list(self) -> list[dict[str, Any]]:
        raise NotImplementedError

    def entry(self, el: Any) -> dict[str, Any]:
        """A new column (cards) or row (tables) of the education block."""
        return {"level": None, "specialty": None, "qualification": None, "eid": self.eid_of(el),
                "line": self.line_of(el), "lines": []}
