"""Profession cards in HTML tables: the rows of a table as the card reader sees them.

Each row keeps its non-empty cells and the label each cell starts with (:class:`LabelHit`, read
by :func:`label_of` from up to three first lines); a row of one cell may open a card
(``Row.heading``).  :func:`is_card_table` tells a card table from other tables, and
:func:`split_cards` cuts its rows into cards at the opening rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from .card_table_patterns import CODE_FIELDS, HEADER_FIELDS, match_heading, match_label
from .models import Line
from .tables import GridCell, Table

__all__ = ["LabelHit", "Row", "is_card_table", "label_of", "rows_of", "split_cards"]


# --- a cell as read ----------------------------------------------------------------------


@dataclass
class LabelHit:
    """A label found at the start of a cell: its field, number, value, and how many lines."""

    key: str
    num: int | None
    value: str | None
    nlines: int
    label: str


def label_of(lines: list[Line]) -> LabelHit | None:
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
        return LabelHit(key, num, value, k, m.group("label"))
    return None


@dataclass
class Row:
    no: int
    cells: list[GridCell]
    hits: list[LabelHit | None]
    heading: tuple[str, str | None, str | None] | None = None  # match_heading of its only cell

    @property
    def lines(self) -> list[Line]:
        return [ln for c in self.cells for ln in c.lines]

    @property
    def first_label(self) -> str | None:
        return next((h.key for h in self.hits if h is not None), None)


def rows_of(table: Table) -> list[Row]:
    rows = []
    for r in range(table.nrows):
        cells = [c for c in table.row(r) if c.lines]
        if not cells:
            continue
        hits = [label_of(c.lines) for c in cells]
        row = Row(r, cells, hits)
        if len(cells) == 1:
            row.heading = match_heading(" ".join(ln.text for ln in cells[0].lines))
            if row.heading and row.heading[0] == "name_row" and cells[0].colspan < min(2, table.ncols):
                row.heading = None  # a quoted value in a narrow cell is not a card's name row
        rows.append(row)
    return rows


# --- the table -------------------------------------------------------------------------


def is_card_table(rows: list[Row]) -> bool:
    keys = {h.key for r in rows for h in r.hits if h is not None}
    return bool(keys & CODE_FIELDS) and bool(keys & {"profession", "okr_level"}) or any(
        r.heading and r.heading[0] == "heading" for r in rows
    )


def split_cards(rows: list[Row]) -> tuple[list[Row], list[list[Row]]]:
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
