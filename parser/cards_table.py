"""Profession cards laid out as HTML tables (professional standards of 2015, 2019, 2025).

:mod:`parser.cards` reads the 2024 cards that adilet flattens into tab-indented lines.  The
register copies of other standards keep the cards as one HTML ``<table>``, the cards one after
another, each opening with a row of its own::

    | «Пожарный»                                               |   <- 2019: the name alone
    | Код профессии               | 5411-0-008                 |
    | Уровень квалификации по ОРК | 4                          |
    | Трудовые функции            | 1. Проводит работы …       |   <- the list (rowspan)
    |                             | 2. …                       |
    | Трудовая функция 1          | Умение и навыки:           |   <- label and items in one
    | Проводит работы …           | 1. Определяет вид …        |      cell
    |                             | Знания:  1. …              |

    | 9. Карточка профессии «Руководитель …»:                  |   <- 2025 (order 716)
    | Код группы:      | 1210-0-074                            |
    | Трудовая функция 1: … | Навык 1: … | Умения:             |   <- function, skill (rowspans)
    |                       |            | 1. Осуществлять …   |
    |                       |            | Знания:             |

The 2015 layout opens each card with a row "Карточка профессии" and is otherwise read by the
same labels.  The labels, ru and kk, are data: :mod:`parser.card_labels`.

Reading.  :func:`parser.tables.tables_of` regroups the document's table lines into cells; a
table is a card table when one of its cells opens a card or is a code label.  Its rows are cut
into cards at the opening rows, and each card is read cell by cell, row by row (a rowspan cell
once, at its first row), like the flattened cards: a cell that starts with a label opens its
field (the rest of the cell, and the cells after it, are the field's values); a value line of
a list field starts an item unless it continues the previous one (a lower-case start after a
line that does not end with ``. ; : ! ?``).  A function with no "Навык N" (2019) gets one
skill of its own (``"implicit": true``) that holds its abilities and knowledge.

Every line of a card table is placed: as the card's heading, a label, a value, or in the card's
``unplaced`` list with a warning :class:`~parser.models.Diagnostic` naming the file, the line
and what was expected; the card's ``placement`` lists them all in line order with their role.
Irregular cards are reported, not repaired silently: a missing mandatory label is an error;
a value placed by inference (a row with an empty label cell, a swapped ОРК level and sublevel,
the name of the profession differing from the card's heading) is a warning.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .card_labels import HEAD_ORDER, HEADINGS, LABELS, MANDATORY, PROFESSION_LIST
from .cards import DASH_RE, OCCUPATION_RE, OKR_LEVEL_RE, parse_okr_levels
from .models import Cell, Diagnostic, Line, Unit
from .tables import GridCell, Table, tables_of

__all__ = ["extract_table_cards", "card_table_lines", "match_label", "match_heading", "LABEL_PATTERNS"]


# --- the labels, compiled ----------------------------------------------------------------


def _compile_label(words: str) -> re.Pattern[str]:
    """A label filling a whole line, with an optional colon and value (see card_labels)."""
    body = re.sub(r" +", r"\\s+", words.strip())
    numbered = "{n}" in words
    body = body.replace("{n}", r"(?P<num>\d{1,2})").replace(r"\s+-", r"\s*[-\u2010-\u2015]\s*")
    sep = r"[:.]" if numbered else r":"
    return re.compile(
        rf"^(?P<label>{body})\s*(?:{sep}\s*(?P<value>.*?))?\s*$",
        re.I,
    )


# field -> patterns, in the order of card_labels.LABELS
LABEL_PATTERNS: list[tuple[str, str, re.Pattern[str]]] = [(f, lang, _compile_label(w)) for f, lang, w in LABELS]
HEADING_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(rf"^\s*{p}\s*$", re.X | re.I)) for kind, _lang, p in HEADINGS
]
LIST_RE = [re.compile(rf"^\s*(?:\d{{1,2}}\s*\\?\.\s*)?{p}\b", re.I) for _lang, p in PROFESSION_LIST]

HEADER_FIELDS = ("group_code", "occupation_code", "profession", "okr_level", "okr_sublevel")
# Fields whose values are a list of items, one a line (wrapped lines joined).
LIST_FIELDS = ("experience", "informal_education", "other_names", "purpose", "personal_competences",
               "regulations")
FUNCTION_LIST = ("functions_list", "functions_mandatory", "functions_additional", "functions_description")
RELATED = ("related", "related_level", "related_name", "related_lower", "related_higher")
EDUCATION = ("education", "edu_level", "edu_specialty", "edu_qualification")
CODE_FIELDS = frozenset({"group_code", "occupation_code"})

# A numbered item: "1. Обеспечивать …", "3.Технических …", "1) СТ РК …", and in 2019
# "1 Проверка состояния …" (a number, a space, a capital) — but not "7.1" or "5320-2".
NUMBERED_RE = re.compile(
    r"""^
    (?P<num> \d{1,2} )
    (?: \s* [.)] (?!\d) | \s+ (?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ«"]) )   # "1." / "1)" / "1 " before a capital
    \s* (?P<text> .* ) $""",
    re.X,
)
_ENDS_ITEM = (".", ";", ":", "!", "?")
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u02d7\u2212"  # for a [character class]


def _clean(text: str) -> str:
    """Text with invisible and non-characters dropped (kk 716 has a U+FDD0 before a label)."""
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cn", "Co", "Cf", "Cc")).strip()


def match_label(text: str) -> tuple[str, re.Match[str]] | None:
    """The field a label line opens, as ``(field, match)``; ``None`` for a value line.

    >>> match_label("Трудовая функция 1:")[0], match_label("2-еңбек функциясы")[1].group("num")
    ('function', '2')
    >>> match_label("Навык 1: Планирование работы")[1].group("value")
    'Планирование работы'
    >>> match_label("Знания, полученные при подготовке") is None
    True
    """
    text = _clean(text)
    for key, _lang, pattern in LABEL_PATTERNS:
        m = pattern.match(text)
        if m:
            return key, m
    return None


def match_heading(text: str) -> tuple[str, str | None, str | None] | None:
    """``(kind, num, name)`` of a row that opens a card, ``None`` otherwise.

    >>> match_heading("9. Карточка профессии «Руководитель»:")
    ('heading', '9', 'Руководитель')
    >>> match_heading("10. «Күзетші» мамандығының карточкасы:")
    ('heading', '10', 'Күзетші')
    >>> match_heading("«Пожарный»")
    ('name_row', None, 'Пожарный')
    """
    text = _clean(text)
    for kind, pattern in HEADING_PATTERNS:
        m = pattern.match(text)
        if m:
            name = m.group("name")
            return kind, m.groupdict().get("num"), _unquote(name) if name else None
    return None


def _unquote(name: str) -> str:
    name = name.strip()
    if name[:1] in "«\"“„" and name[-1:] in "»\"”":
        name = name[1:-1]
    return " ".join(name.split())


def _key(text: str) -> str:
    """A name reduced for comparison: case, quotes, dashes, spaces and final stops ignored."""
    text = re.sub(rf"[\"«»“”„{_DASHES}]", " ", _clean(text)).casefold().replace("ё", "е")
    return " ".join(text.split()).rstrip(" .;,:")


def _continues(prev: str, text: str) -> bool:
    """Does ``text`` continue the item ``prev`` (a line wrapped inside one cell)?"""
    if not prev or prev.rstrip().endswith(_ENDS_ITEM) or NUMBERED_RE.match(text):
        return False
    first = text.lstrip()[:1]
    return first.isalpha() and first.islower()


def _strip_dash(text: str) -> str:
    """ "- Свидетельство …" → "Свидетельство …" (a dash after a column label); "-" stays."""
    m = re.match(rf"^[{_DASHES}]\s+(?=\S)(.*)$", text)
    return m.group(1) if m else text


# --- a cell as read ----------------------------------------------------------------------


@dataclass
class _Hit:
    """A label found at the start of a cell: its field, number, value, and how many lines."""

    key: str
    num: int | None
    value: str | None
    nlines: int
    label: str


def _label_of(lines: list[Line]) -> _Hit | None:
    """The label a cell starts with: the longest run of its first lines (up to 3) that is a
    label by itself ("Перечень трудовых / функций:"), or the first line with a value after
    the colon ("Навык 1: Планирование …")."""
    for k in range(min(3, len(lines)), 0, -1):
        text = " ".join(ln.text for ln in lines[:k])
        hit = match_label(text)
        if hit is None:
            continue
        key, m = hit
        value = (m.group("value") or "").strip() or None
        if k > 1 and value is not None:
            continue
        num = int(m.group("num")) if "num" in m.re.groupindex and m.group("num") else None
        return _Hit(key, num, value, k, m.group("label"))
    return None


@dataclass
class _Row:
    no: int
    cells: list[GridCell]
    hits: list[_Hit | None]
    heading: tuple[str, str | None, str | None] | None = None  # match_heading of its only cell

    @property
    def lines(self) -> list[Line]:
        return [ln for c in self.cells for ln in c.lines]

    @property
    def first_label(self) -> str | None:
        return next((h.key for h in self.hits if h is not None), None)


def _rows(table: Table) -> list[_Row]:
    rows = []
    for r in range(table.nrows):
        cells = [c for c in table.row(r) if c.lines]
        if not cells:
            continue
        hits = [_label_of(c.lines) for c in cells]
        row = _Row(r, cells, hits)
        if len(cells) == 1:
            row.heading = match_heading(" ".join(ln.text for ln in cells[0].lines))
            if row.heading and row.heading[0] == "name_row" and cells[0].colspan < min(2, table.ncols):
                row.heading = None  # a quoted value in a narrow cell is not a card's name row
        rows.append(row)
    return rows


# --- one card ----------------------------------------------------------------------------


class _Card:
    """Reads the rows of one card, cell by cell."""

    def __init__(self, ordinal: int, table: Table, rows: list[_Row], file: str,
                 eids: dict[Cell, str], diags: list[Diagnostic]):
        self.ordinal, self.table, self.rows, self.file = ordinal, table, rows, file
        self.eids, self.diags = eids, diags
        self.id = ""
        self.num: str | None = None
        self.name: str | None = None
        self.name_from = "heading"
        self.heading: dict[str, Any] | None = None
        self.layout = "table-2025"
        self.placement: list[dict[str, Any]] = []
        self.header: dict[str, str | None] = {}
        self.sources: dict[str, dict[str, Any]] = {}
        self.header_labels: dict[str, Line] = {}
        self.header_cells: dict[str, Cell | None] = {}
        self.labels_seen: list[str] = []
        self.etks: list[dict[str, Any]] = []
        self.education: list[dict[str, Any]] = []
        self.edu_cols: dict[int, str] = {}
        self.lists: dict[str, list[dict[str, Any]]] = {k: [] for k in (*LIST_FIELDS, "unplaced")}
        self.listed: list[dict[str, Any]] = []
        self.functions: list[dict[str, Any]] = []
        self.related: list[dict[str, Any]] = []
        self.direction: str | None = None
        self.pending_level: tuple[Line, str] | None = None
        self.field: str | None = None
        self.mandatory: bool | None = None
        self.siblings: list[list[str]] = []  # the head labels of the other cards, in order

    # -- bookkeeping -------------------------------------------------------------------

    def eid(self, ln: Line) -> str | None:
        return self.eids.get(ln.cell) if ln.cell is not None else None

    def item(self, ln: Line, text: str) -> dict[str, Any]:
        return {"text": text, "eid": self.eid(ln), "line": ln.no}

    def src(self, ln: Line) -> dict[str, Any]:
        return {"eid": self.eid(ln), "line": ln.no}

    def place(self, ln: Line, role: str) -> None:
        self.placement.append({"eid": self.eid(ln), "line": ln.no, "role": role})

    def warn(self, line: int, expected: str, found: str, severity: str = "warning") -> None:
        self.diags.append(Diagnostic(self.file, line, expected, found, severity))

    @property
    def where(self) -> str:
        return f"card {self.num or self.ordinal}" + (f" ({self.name})" if self.name else "")

    def unplaced(self, ln: Line, text: str, expected: str) -> None:
        self.place(ln, "unplaced")
        self.lists["unplaced"].append(self.item(ln, text))
        self.warn(ln.no, f"{expected} ({self.where})", text)

    # -- reading -----------------------------------------------------------------------

    def read(self) -> None:
        rows = self.rows
        start = 0
        if rows and rows[0].heading:
            self.read_heading(rows[0])
            start = 1
        head_keys = [r.first_label for r in rows]
        for i in range(start, len(rows)):
            row = rows[i]
            if row.first_label is None and self._label_cell_empty(row):
                nxt = next((k for k in head_keys[i + 1:] if k), None)
                inferred = self.infer_field(nxt)
                if inferred:
                    ln = row.lines[0]
                    self.warn(ln.no, f"a label before this row ({self.where})",
                              f"an empty label cell; read as {inferred!r}, the field the other cards of "
                              f"the table have here")
                    self.open_field(inferred, None, ln, placed=True)
            for cell, hit in zip(row.cells, row.hits, strict=True):
                self.read_cell(cell, hit)
        self.flush_related()

    def _label_cell_empty(self, row: _Row) -> bool:
        """Is the first column of ``row`` an empty cell of its own (not a rowspan from above)?"""
        first = row.cells[0]
        if first.col == 0:
            return False
        covering = self.table.grid()[row.no][0]
        return covering is None or (covering.row == row.no and not covering.lines)

    def infer_field(self, nxt: str | None) -> str | None:
        prev = self.labels_seen[-1] if self.labels_seen else None
        if prev not in HEAD_ORDER:
            return None
        lo = HEAD_ORDER.index(prev)
        hi = HEAD_ORDER.index(nxt) if nxt in HEAD_ORDER else len(HEAD_ORDER)
        have = set(self.labels_seen)
        between = {k for sib in self.siblings for k in sib
                   if k in HEAD_ORDER and lo < HEAD_ORDER.index(k) < hi and k not in have}
        return between.pop() if len(between) == 1 else None

    def read_heading(self, row: _Row) -> None:
        kind, num, name = row.heading  # type: ignore[misc]
        lines = row.lines
        for ln in lines:
            self.place(ln, "heading")
        self.layout = "table-2019" if kind == "name_row" else "table-2015"
        self.num, self.name = num, name
        text = " ".join(ln.text for ln in lines)
        self.heading = {"text": text, "eid": self.eid(lines[0]), "line": lines[0].no}
        if name is None:
            self.warn(lines[0].no, f"the profession's name in quotes in the heading ({self.where})", text)

    def read_cell(self, cell: GridCell, hit: _Hit | None) -> None:
        lines = cell.lines
        values: list[tuple[Line, str, str | None]] = []
        if hit is not None:
            if hit.key == "profession" and self.field in RELATED:
                hit.key = "related_name"  # the column label of the related professions
            for ln in lines[: hit.nlines - (1 if hit.value else 0)]:
                self.place(ln, f"label:{hit.key}")
            if not self.open_field(hit.key, hit.num, lines[0], cell=cell):
                return
            if hit.value:
                values.append((lines[hit.nlines - 1], hit.value, hit.label))
            values += [(ln, ln.text, None) for ln in lines[hit.nlines:]]
        else:
            values = [(ln, ln.text, None) for ln in lines]
        for k, (ln, text, inline) in enumerate(values):
            if k and self.field in ("function", "skill") and (sub := match_label(text)) is not None:
                # "Трудовая функция 1 / name / Умение и навыки:" in one cell
                key, m = sub
                self.place(ln, f"label:{key}")
                if not self.open_field(key, None, ln, cell=cell):
                    return
                continue
            self.value(ln, _clean(text), cell, inline)

    def open_field(self, key: str, num: int | None, ln: Line, cell: GridCell | None = None,
                   placed: bool = True) -> bool:
        """What a label opens; False if the label is out of place (its lines then go to
        ``unplaced``)."""
        if key == "profession" and self.field in RELATED:
            key = "related_name"
        if key in HEADER_FIELDS and key in self.header_labels:
            self._unplace_label(ln, f'one "{self.header_labels[key].text}" per card')
            self.field = None
            return False
        if key in HEAD_ORDER:
            self.labels_seen.append(key)
        if key in HEADER_FIELDS:
            self.header_labels[key] = ln
        elif key == "education":
            self.edu_cols = {}
        elif key in ("edu_level", "edu_specialty", "edu_qualification"):
            name = key[4:]
            if cell is not None:
                self.edu_cols[cell.col] = name
            if not self.education or any(x["field"] == name for x in self.education[-1]["lines"]) or (
                cell is not None and self.education[-1].get("row") != cell.row
            ):
                self.education.append(self._entry(ln, cell))
        elif key == "functions_mandatory":
            self.mandatory = True
        elif key == "functions_additional":
            self.mandatory = False
        elif key == "functions_list":
            self.mandatory = None
        elif key == "function":
            if num is None:
                num = len(self.functions) + 1
            self.functions.append({"num": num, "name": None, "eid": self.eid(ln), "line": ln.no,
                                   "skills": [], "recognition": [], "label": ln})
        elif key == "skill":
            if not self.functions:
                self._unplace_label(ln, 'a "Трудовая функция N" before "Навык N"')
                self.field = None
                return False
            if num is None:
                num = len(self.functions[-1]["skills"]) + 1
            self.functions[-1]["skills"].append(self._skill(num, ln, implicit=False))
        elif key in ("abilities", "knowledge", "recognition"):
            if not self.functions:
                self._unplace_label(ln, f'a "Трудовая функция N" before "{ln.text}"')
                self.field = None
                return False
            fn = self.functions[-1]
            if key != "recognition":
                if not fn["skills"]:
                    fn["skills"].append(self._skill(None, ln, implicit=True))
                sk = fn["skills"][-1]
                sk.setdefault("labels", set()).add(key)
        elif key in ("related", "related_level", "related_name"):
            self.flush_related()
            if key == "related":
                self.direction = None
        elif key in ("related_lower", "related_higher"):
            self.flush_related()
            self.direction = "lower" if key == "related_lower" else "higher"
        self.field = key
        return placed

    def _unplace_label(self, ln: Line, expected: str) -> None:
        if self.placement and self.placement[-1]["line"] == ln.no and self.placement[-1]["role"].startswith(
            "label:"
        ):
            self.placement.pop()
        self.unplaced(ln, ln.text, expected)

    def _skill(self, num: int | None, ln: Line, implicit: bool) -> dict[str, Any]:
        sk: dict[str, Any] = {"num": num, "name": None, "eid": None if implicit else self.eid(ln),
                              "line": ln.no, "abilities": [], "knowledge": [], "recognition": []}
        if implicit:
            sk["implicit"] = True
        return sk

    def _entry(self, ln: Line, cell: GridCell | None) -> dict[str, Any]:
        return {"level": None, "specialty": None, "qualification": None, "eid": self.eid(ln), "line": ln.no,
                "lines": [], "row": cell.row if cell else None}

    def value(self, ln: Line, text: str, cell: GridCell, inline: str | None = None) -> None:
        f = self.field
        if f is None:
            self.unplaced(ln, text, "a label before this value")
            return
        role = f
        if f in HEADER_FIELDS:
            if self.header.get(f) is None:
                self.header[f] = text
                self.sources[f] = self.src(ln)
                self.header_cells[f] = ln.cell
            elif self.header_cells.get(f) == ln.cell:
                self.header[f] = f"{self.header[f]} {text}"
                self.sources[f].setdefault("cont", []).append(self.src(ln))
            else:
                self.unplaced(ln, text, f'one value after "{self.header_labels[f].text}"')
                return
        elif f == "etks_ks":
            self.etks.append(self.item(ln, text))
        elif f in EDUCATION:
            name = {"education": "level", "edu_level": "level"}.get(f, f[4:])
            if f == "education" or inline is None:
                # a value cell of the education block: its column says which field it is
                name = self.edu_cols.get(cell.col, name)
                if not self.education or (self.education[-1]["row"] != cell.row and self.edu_cols) or any(
                    x["field"] == name and x["col"] != cell.col for x in self.education[-1]["lines"]
                ):
                    self.education.append(self._entry(ln, cell))
            entry = self.education[-1]
            entry["lines"].append({"field": name, "col": cell.col, **self.item(ln, text)})
            role = f"education.{len(self.education)}.{name}"
        elif f in self.lists:
            self._add_item(self.lists[f], ln, text)
        elif f in FUNCTION_LIST:
            self._add_item(self.listed, ln, text, numbered=True, extra={"mandatory": self.mandatory})
            role = "functions.listed"
        elif f in ("function", "skill"):
            obj = self.functions[-1] if f == "function" else self.functions[-1]["skills"][-1]
            if obj["name"] is None:
                obj.update(name=text, eid=self.eid(ln), line=ln.no)
            else:
                obj["name"] = f"{obj['name']} {text}"
                obj.setdefault("cont", []).append(self.item(ln, text))
            fn = self.functions[-1]
            role = f"functions.{fn['num']}.name" if f == "function" else \
                f"functions.{fn['num']}.skills.{obj['num']}.name"
        elif f in ("abilities", "knowledge"):
            fn = self.functions[-1]
            sk = fn["skills"][-1]
            self._add_item(sk[f], ln, text, numbered=True)
            role = f"functions.{fn['num']}.skills.{sk['num']}.{f}"
        elif f == "recognition":
            fn = self.functions[-1]
            it = self.item(ln, text)
            fn["recognition"].append(it)
            if fn["skills"]:
                fn["skills"][-1]["recognition"].append(it)
            role = f"functions.{fn['num']}.recognition"
        elif f in RELATED:
            self._related_value(ln, text)
            role = "related"
        else:  # pragma: no cover - every field of card_labels is handled above
            self.unplaced(ln, text, f"a value of {f}")
            return
        self.place(ln, role if inline is None else f"{role} (with its label)")

    def _add_item(self, items: list[dict[str, Any]], ln: Line, text: str, numbered: bool = False,
                  extra: dict[str, Any] | None = None) -> None:
        if items and items[-1].get("_cell") == ln.cell and _continues(items[-1]["text"], text):
            items[-1]["text"] = f"{items[-1]['text']} {text}"
            items[-1].setdefault("cont", []).append(self.item(ln, text))
            return
        item: dict[str, Any] = {}
        if numbered:
            m = NUMBERED_RE.match(text)
            item["num"] = int(m.group("num")) if m else None
            text = m.group("text") if m else text
        item.update(self.item(ln, text))
        item.update(extra or {})
        item["_cell"] = ln.cell
        items.append(item)

    # -- related professions -----------------------------------------------------------

    def _related_value(self, ln: Line, text: str) -> None:
        if OKR_LEVEL_RE.match(text):
            self.flush_related()
            self.pending_level = (ln, text)
            return
        last = self.related[-1] if self.related else None
        if self.pending_level is None and last and last["lines"][-1].get("cell") == ln.cell and _continues(
            last["profession"] or "", text
        ):
            last["profession"] = f"{last['profession']} {text}"
            last["lines"].append({"field": "profession", "cell": ln.cell, **self.item(ln, text)})
            return
        self.related.append(self._related(self.pending_level, (ln, text)))
        self.pending_level = None

    def flush_related(self) -> None:
        if self.pending_level is not None:
            ln, _ = self.pending_level
            self.related.append(self._related(self.pending_level, None))
            self.pending_level = None
            self.warn(ln.no, f"a profession after its ОРК level ({self.where})", ln.text)

    def _related(self, level: tuple[Line, str] | None, name: tuple[Line, str] | None) -> dict[str, Any]:
        lines = []
        if level:
            lines.append({"field": "okr_level", "cell": level[0].cell, **self.item(*level)})
        if name:
            lines.append({"field": "profession", "cell": name[0].cell, **self.item(*name)})
        m = OCCUPATION_RE.match(name[1]) if name else None
        main = name or level
        assert main is not None, "a row has a level or a profession"
        return {
            "okr_level": level[1] if level else None,
            "okr_levels": parse_okr_levels(level[1]) if level else [],
            "profession": name[1] if name else None,
            "code": m.group("code") if m else None,
            "direction": self.direction,
            "eid": self.eid(main[0]),
            "line": main[0].no,
            "lines": lines,
            "note": None,
        }

    # -- checks and output -------------------------------------------------------------

    def check(self) -> None:
        first = self.rows[0].lines[0].no if self.rows else 0
        last = self.rows[-1].lines[-1].no if self.rows else 0
        if any(fn["skills"] and not fn["skills"][0].get("implicit") for fn in self.functions):
            self.layout = "table-2025"
        prof = self.header.get("profession")
        if self.name is None and prof:
            self.name = prof  # 2015: a heading with no name
            self.name_from = "profession"
        for key in MANDATORY[self.layout]:
            if key not in self.header_labels:
                self.warn(first, f'the label of {key!r} in {self.where}', f"no such label in lines {first}–{last}",
                          "error")
            elif self.header.get(key) is None:
                lab = self.header_labels[key]
                self.warn(lab.no, f'a value after "{lab.text}" ({self.where})', "the next label", "error")
        self._check_levels()
        if self.name and prof and _key(self.name) != _key(prof):
            self.warn(self.sources["profession"]["line"],
                      f"the name of the card's heading, {self.name!r} ({self.where})", prof)
        if not self.functions and not self.listed:
            self.warn(first, f'"Трудовая функция N" in {self.where}', f"no function in lines {first}–{last}")
        for fn in self.functions:
            if fn["name"] is None:
                self.warn(fn["line"], f"the name of labour function {fn['num']} ({self.where})", "the next label")
            for sk in fn["skills"]:
                for key, words in (("abilities", "Умения"), ("knowledge", "Знания")):
                    if key not in sk.get("labels", ()):
                        self.warn(sk["line"], f'"{words}:" of function {fn["num"]}'
                                  + ("" if sk.get("implicit") else f" skill {sk['num']}") + f" ({self.where})",
                                  "the next function" if sk.get("implicit") else "the next skill", "error")

    def _check_levels(self) -> None:
        okr, sub = self.header.get("okr_level"), self.header.get("okr_sublevel")
        # kk 716 card 11: the sublevel row holds the level, the level row a dash
        if okr is not None and DASH_RE.match(okr) and sub and re.fullmatch(r"[1-8]", sub):
            self.warn(self.sources["okr_sublevel"]["line"],
                      f"the ОРК level after the label of the level ({self.where})",
                      f"level {sub} after {self.header_labels['okr_sublevel'].text!r} and a dash after "
                      f"{self.header_labels['okr_level'].text!r}; read as level {sub}, no sublevel")
            self.header["okr_level"], self.header["okr_sublevel"] = sub, okr
            self.sources["okr_level"], self.sources["okr_sublevel"] = (
                {**self.sources["okr_sublevel"], "swapped": True}, {**self.sources["okr_level"], "swapped": True})
            okr = sub
        if okr and not parse_okr_levels(okr):
            self.warn(self.sources["okr_level"]["line"], f"an ОРК level 1–8 or a range like 1-2 ({self.where})", okr)

    def functions_list(self) -> list[dict[str, Any]]:
        by_num = {it["num"]: it for it in self.listed if it.get("num") is not None}
        out, used = [], set()
        for i, fn in enumerate(self.functions):
            fn.pop("label", None)
            item = by_num.get(fn["num"])
            if item is None and i < len(self.listed) and self.listed[i].get("num") is None:
                item = self.listed[i]  # "Защита жизни …" listed with no number
            if item is not None:
                used.add(id(item))
                if fn["name"] and _key(item["text"]) != _key(fn["name"]):
                    self.warn(fn["line"], f"the name listed for function {fn['num']} in line {item['line']}: "
                              f"{item['text']!r} ({self.where})", fn["name"])
            elif self.listed:
                self.warn(fn["line"], f"function {fn['num']} in the list of functions ({self.where})",
                          fn["name"] or "")
            skills = []
            for sk in fn["skills"]:
                sk.pop("labels", None)
                skills.append(sk)
            out.append({"num": fn["num"], "name": fn["name"], "mandatory": item["mandatory"] if item else None,
                        "eid": fn["eid"], "line": fn["line"], **({"cont": fn["cont"]} if "cont" in fn else {}),
                        "listed": _public(item), "skills": skills, "recognition": fn["recognition"]})
        for it in self.listed:
            if id(it) in used or _key(it["text"]) in ("", "-") or DASH_RE.match(it["text"]):
                continue
            self.warn(it["line"], f'"Трудовая функция {it.get("num")}" with its skills ({self.where})',
                      f"function {it.get('num')} is only listed: {it['text']!r}")
            out.append({"num": it.get("num"), "name": it["text"], "mandatory": it["mandatory"], "eid": it["eid"],
                        "line": it["line"], "listed": _public(it), "skills": [], "recognition": []})
        return out

    def education_list(self) -> list[dict[str, Any]]:
        out = []
        for entry in self.education:
            e = {k: v for k, v in entry.items() if k != "row"}
            for name in ("level", "specialty", "qualification"):
                parts = [x["text"] for x in entry["lines"] if x["field"] == name]
                e[name] = _strip_dash(" ".join(parts)) if parts else None
            e["lines"] = [{k: v for k, v in x.items() if k != "col"} for x in entry["lines"]]
            out.append(e)
        return out

    def etks_dict(self) -> dict[str, Any] | None:
        if not self.etks:
            return None
        cats = [it["text"] for it in self.etks if re.search(r"категори|санат", it["text"], re.I)]
        return {
            "text": " ".join(it["text"] for it in self.etks),
            "order": None,
            "categories": " ".join(cats) or None,
            "eid": self.etks[0]["eid"],
            "line": self.etks[0]["line"],
            "lines": [{"kind": "category" if it["text"] in cats else "text", **it} for it in self.etks],
        }

    def to_dict(self) -> dict[str, Any]:
        start = self.rows[0].lines[0].no if self.rows else 0
        end = max((ln.last for r in self.rows for ln in r.lines), default=start)
        okr, sub = self.header.get("okr_level"), self.header.get("okr_sublevel")
        functions = self.functions_list()
        return {
            "id": self.id,
            "num": self.num,
            "name": self.name,
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
            "experience": _public_all(self.lists["experience"]),
            "informal_education": _public_all(self.lists["informal_education"]),
            "other_names": [_other_name(it) for it in _public_all(self.lists["other_names"])],
            "purpose": _public_all(self.lists["purpose"]),
            "functions": _scrub(functions),
            "personal_competences": _public_all(self.lists["personal_competences"]),
            "regulations": _public_all(self.lists["regulations"]),
            "related": _scrub(self.related),
            "unplaced": self.lists["unplaced"],
            "placement": sorted(self.placement, key=lambda p: p["line"]),
            # what the table layout adds
            "layout": self.layout,
            "ordinal": self.ordinal,
            "table": self.table.no,
            "heading": self.heading,
            "okr_level_listed": None,
        }


def _public(item: dict[str, Any] | None) -> dict[str, Any] | None:
    return None if item is None else {k: v for k, v in item.items() if not k.startswith("_")}


def _public_all(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [_public(it) for it in items]  # type: ignore[misc]


def _scrub(obj: Any) -> Any:
    """Drop the reader's private keys (``_cell``, ``cell``) from nested dicts and lists."""
    if isinstance(obj, dict):
        return {k: _scrub(v) for k, v in obj.items() if not k.startswith("_") and k != "cell"}
    if isinstance(obj, list):
        return [_scrub(v) for v in obj]
    return obj


def _other_name(it: dict[str, Any]) -> dict[str, Any]:
    m = OCCUPATION_RE.match(it["text"])
    return {"code": m.group("code") if m else None, "name": m.group("name") if m else None, **it}


# --- the document ------------------------------------------------------------------------


def _is_card_table(rows: list[_Row]) -> bool:
    keys = {h.key for r in rows for h in r.hits if h is not None}
    return bool(keys & CODE_FIELDS) and bool(keys & {"profession", "okr_level"}) or any(
        r.heading and r.heading[0] == "heading" for r in rows
    )


def _split(rows: list[_Row]) -> tuple[list[_Row], list[list[_Row]]]:
    """The rows before the first card, and the rows of each card (each from its opening row).

    A name row (2019) opens a card only when a head label follows it (codes, name or level)."""
    starts = []
    for i, r in enumerate(rows):
        if r.heading is None:
            continue
        if r.heading[0] == "name_row":
            nxt = rows[i + 1].first_label if i + 1 < len(rows) else None
            if nxt not in HEADER_FIELDS:
                r.heading = None
                continue
        starts.append(i)
    if not starts:
        return [], [rows]  # one card, its heading (if any) outside the table
    return rows[: starts[0]], [rows[a:b] for a, b in zip(starts, [*starts[1:], len(rows)], strict=True)]


def _profession_list(lines: list[Line]) -> list[dict[str, Any]]:
    """The professions with their ОРК levels as the text of the standard lists them (point 8):
    the lines after "Перечень профессий:" up to the first table line or heading."""
    out: list[dict[str, Any]] = []
    for i, ln in enumerate(lines):
        if ln.cell is not None or not any(p.match(_clean(ln.text).lstrip("# ")) for p in LIST_RE):
            continue
        for nxt in lines[i + 1: i + 40]:
            if nxt.cell is not None or nxt.text.lstrip().startswith("#"):
                break
            m = re.match(
                rf"""^\s* (?:\d{{1,2}}\)\s*)?                  # "1) "
                (?P<name> .+? ) \s* [,{_DASHES}] \s*            # the name, then "," or a dash
                (?: СБШ \s+ )? (?P<level> [1-8] ) \s* [{_DASHES}]? \s*  # the level
                (?: уров | СБШ | деңгей )""",
                _clean(nxt.text), re.X | re.I)
            if m:
                out.append({"name": m.group("name"), "okr_level": m.group("level"), "line": nxt.no})
        break
    return out


def extract_table_cards(lines: list[Line], units: list[Unit] | None, file: str,
                        lang: str) -> tuple[list[dict[str, Any]], list[Diagnostic]]:
    """The profession cards in the HTML tables among ``lines``, and what was wrong with them.

    ``lines`` are all pass-1 lines of the document (table lines carry their ``cell``);
    ``units`` the structure pass's units, or None: when given, each value gets the ``eid`` of
    its cell's unit, and a card opened by "N. Карточка профессии …" (or following such a
    point) takes the point's eid as its id.  Cards with no point are
    ``<table unit eid or table_N>__card_<k>``, the same in ru and kk.  ``lang`` is the
    document's language (the labels of both languages are tried: it only labels messages).
    Never raises on an irregular card; see the module docstring for what is reported.
    """
    diags: list[Diagnostic] = []
    eids: dict[Cell, str] = {}
    table_eids: dict[int, str] = {}
    points: list[Unit] = []
    if units:
        by_eid = {u.eid: u for u in units}
        for u in units:
            if u.kind == "cell" and u.cell is not None:
                eids[u.cell] = u.eid
                p = by_eid.get(u.parent or "")
                while p is not None and p.kind != "table":
                    p = by_eid.get(p.parent or "")
                if p is not None:
                    table_eids.setdefault(u.cell.table, p.eid)
            elif u.kind == "point":
                points.append(u)
    listed = _profession_list(lines)
    plain = [ln for ln in lines if ln.cell is None]
    cards: list[_Card] = []
    for table in tables_of(lines):
        rows = _rows(table)
        if not rows or not _is_card_table(rows):
            continue
        before, groups = _split(rows)
        tcards = [_Card(k, table, g, file, eids, diags) for k, g in enumerate(groups, start=len(cards) + 1)]
        for c in tcards:
            c.siblings = [[r.first_label for r in o.rows if r.first_label] for o in tcards if o is not c]
        if before:
            first = tcards[0]
            for r in before:
                for ln in r.lines:
                    first.unplaced(ln, ln.text, "the opening row of a profession card")
        for c in tcards:
            c.read()
            if c.heading is None:
                _heading_outside(c, plain)
            c.check()
        for k, c in enumerate(tcards, start=1):
            c.id = _card_id(c, points, table_eids.get(table.no) or f"table_{table.no}", k)
        cards += tcards
    out = [c.to_dict() for c in cards]
    _cross_check(out, listed, file, diags)
    used: dict[str, int] = {}
    for c in out:  # a collision is an error, never an overwrite
        if c["id"] in used:
            diags.append(Diagnostic(file, c["span"]["start"], "a card id of its own",
                                    f"{c['id']} (also the card of line {used[c['id']]})"))
            c["id"] = f"{c['id']}__{c['ordinal']}"
        used[c["id"]] = c["span"]["start"]
    diags.sort(key=lambda d: d.line)
    return out, diags


def _heading_outside(card: _Card, plain: list[Line]) -> None:
    """A card table with no opening row: its heading is the line just before the table."""
    first = card.rows[0].lines[0].no if card.rows else 0
    before = [ln for ln in plain if ln.no < first and ln.text.strip()]
    if before:
        m = match_heading(before[-1].text)
        if m and m[0] == "heading":
            card.num, card.name = m[1], m[2]
            card.heading = {"text": before[-1].text, "eid": None, "line": before[-1].no}
            return
    card.warn(first, f"the heading of a profession card before line {first}", before[-1].text if before else "")


def _card_id(card: _Card, points: list[Unit], table_id: str, k: int) -> str:
    """The point that opens the card ("9. Карточка профессии …"), else ``<table>__card_<k>``."""
    line = card.heading["line"] if card.heading else (card.rows[0].lines[0].no if card.rows else 0)
    near = [p for p in points if p.span.start <= line]
    if card.num is not None:
        same = [p for p in near if p.num == card.num]
        if same:
            return same[-1].eid
    if near and match_heading(near[-1].text) and match_heading(near[-1].text)[0] == "heading":  # type: ignore[index]
        return near[-1].eid
    return f"{table_id}__card_{k}"


def _cross_check(cards: list[dict[str, Any]], listed: list[dict[str, Any]], file: str,
                 diags: list[Diagnostic]) -> None:
    """The ОРК level each card gives against the level the list of professions gives it."""
    if not listed:
        return
    for c, it in zip(cards, listed, strict=False):
        names = {_key(c["name"] or ""), _key(c["profession"] or "")}
        if _key(it["name"]) not in names and len(listed) != len(cards):
            continue
        c["okr_level_listed"] = {"okr_level": it["okr_level"], "name": it["name"], "line": it["line"]}
        if c["okr_levels"] and int(it["okr_level"]) not in c["okr_levels"]:
            diags.append(Diagnostic(
                file, c["sources"]["okr_level"]["line"],
                f"the ОРК level {it['okr_level']} the list of professions gives {it['name']!r} in line {it['line']}",
                f"level {c['okr_level']} in the card", "warning"))


def card_table_lines(lines: Iterable[Line]) -> bool:
    """Does the document hold a card table?  (A cheap test for the pipeline.)"""
    return any(ln.cell is not None and match_label(ln.text) and match_label(ln.text)[0] in CODE_FIELDS  # type: ignore[index]
               for ln in lines)
