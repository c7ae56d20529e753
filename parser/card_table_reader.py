"""Profession cards in HTML tables: one card's rows read into its record.

:class:`TableCard` reads the rows of one card cell by cell, row by row (a rowspan cell once),
places every line (heading, label, value or ``unplaced``), checks the card (mandatory labels,
ОРК levels, functions against their list) and gives the card dict with :meth:`TableCard.to_dict`.
The document-level work (finding card tables, ids, the list of professions) is
:mod:`parser.cards_table`'s.
"""

from __future__ import annotations

import re
from typing import Any

from .card_labels import HEAD_ORDER, MANDATORY
from .card_records import DASH_RE, LIST_MANDATORY, CardRecord, parse_okr_levels
from .card_table_patterns import (
    EDUCATION,
    FUNCTION_LIST,
    HEADER_FIELDS,
    LIST_FIELDS,
    NUMBERED_RE,
    RELATED,
    clean_text,
    match_label,
    name_key,
    strip_dash,
)
from .card_table_rows import LabelHit, Row
from .models import Cell, Diagnostic, Line
from .tables import GridCell, Table

__all__ = ["TableCard"]


# --- one card ----------------------------------------------------------------------------


class TableCard(CardRecord):
    """Reads the rows of one card, cell by cell."""

    cell_bound = True  # a line continues an item of its own cell only
    numbered_re = NUMBERED_RE

    def __init__(self, ordinal: int, table: Table, rows: list[Row], file: str,
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

    def eid_of(self, ln: Line) -> str | None:
        return self.eids.get(ln.cell) if ln.cell is not None else None

    def line_of(self, ln: Line) -> int:
        return ln.no

    def warn(self, line: int, expected: str, found: str, severity: str = "warning") -> None:
        self.diags.append(Diagnostic(self.file, line, expected, found, severity))

    @property
    def where(self) -> str:
        return f"card {self.num or self.ordinal}" + (f" ({self.name})" if self.name else "")

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

    def _label_cell_empty(self, row: Row) -> bool:
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

    def read_heading(self, row: Row) -> None:
        kind, num, name = row.heading  # type: ignore[misc]
        lines = row.lines
        for ln in lines:
            self.place(ln, "heading")
        self.layout = "table-2019" if kind == "name_row" else "table-2015"
        self.num, self.name = num, name
        text = " ".join(ln.text for ln in lines)
        self.heading = {"text": text, "eid": self.eid_of(lines[0]), "line": lines[0].no}
        if name is None:
            self.warn(lines[0].no, f"the profession's name in quotes in the heading ({self.where})", text)

    def read_cell(self, cell: GridCell, hit: LabelHit | None) -> None:
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
            self.value(ln, clean_text(text), cell, inline)

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
        elif key in LIST_MANDATORY:
            self.mandatory = LIST_MANDATORY[key]
        elif key == "function":
            if num is None:
                num = len(self.functions) + 1
            self.functions.append({"num": num, "name": None, "eid": self.eid_of(ln), "line": ln.no,
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
        sk: dict[str, Any] = {"num": num, "name": None, "eid": None if implicit else self.eid_of(ln),
                              "line": ln.no, "abilities": [], "knowledge": [], "recognition": []}
        if implicit:
            sk["implicit"] = True
        return sk

    def _entry(self, ln: Line, cell: GridCell | None) -> dict[str, Any]:
        return {**self.entry(ln), "row": cell.row if cell else None}

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
            self.name_value(obj, ln, text)
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

    def related_extra(self) -> dict[str, Any]:
        return {"direction": self.direction}

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
                self.warn(first, f'the label of {key!r} in {self.where}',
                          f"no such label in lines {first}–{last}", "error")
            elif self.header.get(key) is None:
                lab = self.header_labels[key]
                self.warn(lab.no, f'a value after "{lab.text}" ({self.where})', "the next label", "error")
        self._check_levels()
        if self.name and prof and name_key(self.name) != name_key(prof):
            self.warn(self.sources["profession"]["line"],
                      f"the name of the card's heading, {self.name!r} ({self.where})", prof)
        if not self.functions and not self.listed:
            self.warn(first, f'"Трудовая функция N" in {self.where}', f"no function in lines {first}–{last}")
        for fn in self.functions:
            if fn["name"] is None:
                self.warn(fn["line"], f"the name of labour function {fn['num']} ({self.where})",
                          "the next label")
            for sk in fn["skills"]:
                for key, words in (("abilities", "Умения"), ("knowledge", "Знания")):
                    if key not in sk.get("labels", ()):
                        of_skill = "" if sk.get("implicit") else f" skill {sk['num']}"
                        self.warn(sk["line"], f'"{words}:" of function {fn["num"]}{of_skill} ({self.where})',
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
                {**self.sources["okr_sublevel"], "swapped": True},
                {**self.sources["okr_level"], "swapped": True},
            )
            okr = sub
        if okr and not parse_okr_levels(okr):
            self.warn(self.sources["okr_level"]["line"],
                      f"an ОРК level 1–8 or a range like 1-2 ({self.where})", okr)

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
                if fn["name"] and name_key(item["text"]) != name_key(fn["name"]):
                    self.warn(fn["line"], f"the name listed for function {fn['num']} in line {item['line']}: "
                              f"{item['text']!r} ({self.where})", fn["name"])
            elif self.listed:
                self.warn(fn["line"], f"function {fn['num']} in the list of functions ({self.where})",
                          fn["name"] or "")
            skills = []
            for sk in fn["skills"]:
                sk.pop("labels", None)
                skills.append(sk)
            out.append({"num": fn["num"], "name": fn["name"],
                        "mandatory": item["mandatory"] if item else None,
                        "eid": fn["eid"], "line": fn["line"],
                        **({"cont": fn["cont"]} if "cont" in fn else {}),
                        "listed": _public(item), "skills": skills, "recognition": fn["recognition"]})
        for it in self.listed:
            if id(it) in used or name_key(it["text"]) in ("", "-") or DASH_RE.match(it["text"]):
                continue
            self.warn(it["line"], f'"Трудовая функция {it.get("num")}" with its skills ({self.where})',
                      f"function {it.get('num')} is only listed: {it['text']!r}")
            out.append({"num": it.get("num"), "name": it["text"], "mandatory": it["mandatory"],
                        "eid": it["eid"], "line": it["line"], "listed": _public(it), "skills": [],
                        "recognition": []})
        return out

    def education_list(self) -> list[dict[str, Any]]:
        out = []
        for entry in self.education:
            e = {k: v for k, v in entry.items() if k != "row"}
            for name in ("level", "specialty", "qualification"):
                parts = [x["text"] for x in entry["lines"] if x["field"] == name]
                e[name] = strip_dash(" ".join(parts)) if parts else None
            e["lines"] = [{k: v for k, v in x.items() if k != "col"} for x in entry["lines"]]
            out.append(e)
        return out

    def etks_dict(self) -> dict[str, Any] | None:
        if not self.etks:
            return None
        cats = [it["text"] for it in self.etks if re.search(r"категори|санат", it["text"], re.I)]
        lines = [{"kind": "category" if it["text"] in cats else "text", **it} for it in self.etks]
        return self.etks_record(" ".join(it["text"] for it in self.etks), None, " ".join(cats) or None, lines)

    def to_dict(self) -> dict[str, Any]:
        start = self.rows[0].lines[0].no if self.rows else 0
        end = max((ln.last for r in self.rows for ln in r.lines), default=start)
        return {
            **self.record(self.id, self.num, self.name, start, end, self.functions_list(),
                          public=_public_all, scrub=_scrub),
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

