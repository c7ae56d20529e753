"""HTML tables (register markdown, adilet pages) → lines of cells → grids.

Pass 1 turns a ``<table>`` into :class:`~parser.models.Line` records, one per line of text
inside a cell, each with its :class:`~parser.models.Cell` (table, grid row and column after
rowspan/colspan, and the spans) and its real source line.  The structure pass keeps them as
ordinary lines (nothing is lost), and the genre extractors (profession cards, staffing norms,
registers of positions) regroup them into a :class:`Table` with :func:`tables_of`.

A cell's lines follow the source: a line break in the source, ``<br>``, ``<p>``, ``<div>`` or
``<li>`` starts a new line; runs of spaces collapse.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree, html

from .models import Cell, Line

_BLOCK = {"br", "p", "div", "li", "tr", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6"}
_SKIP = {"script", "style"}


def _collapse(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def cell_texts(el: etree._Element, first_line: int) -> list[tuple[int, str]]:
    """The lines of text inside ``el`` as ``(source line, text)``; ``first_line`` is the
    absolute source line of ``el``'s start tag."""
    out: list[tuple[int, str]] = []
    buf: list[str] = []
    state = {"line": first_line, "start": first_line}
    base = (el.sourceline or 1) - first_line

    def flush() -> None:
        text = _collapse("".join(buf))
        if text:
            out.append((state["start"], text))
        buf.clear()

    def feed(text: str | None) -> None:
        if not text:
            return
        parts = text.split("\n")
        for k, part in enumerate(parts):
            if k:
                flush()
                state["line"] += 1
            if part.strip() and not "".join(buf).strip():
                state["start"] = state["line"]
            buf.append(part)

    def walk(node: etree._Element) -> None:
        feed(node.text)
        for child in node:
            if isinstance(child.tag, str) and child.tag.lower() not in _SKIP:
                if child.sourceline:
                    state["line"] = max(state["line"], child.sourceline - base)
                block = child.tag.lower() in _BLOCK
                if block:
                    flush()
                walk(child)
                if block:
                    flush()
            feed(child.tail)

    walk(el)
    flush()
    return out


def table_lines(table: etree._Element, first_line: int, table_no: int) -> list[Line]:
    """One :class:`Line` per line of text of each cell of ``table``, in row order.

    ``first_line`` is the absolute source line of the ``<table>`` start tag (lxml's
    ``sourceline`` is relative to the fragment it parsed).  Rowspan/colspan are expanded into
    grid coordinates; an empty cell gives no line.
    """
    base = (table.sourceline or 1) - first_line
    taken: set[tuple[int, int]] = set()
    out: list[Line] = []
    rows = list(table.iter("tr"))
    for r, tr in enumerate(rows):
        c = 0
        for td in tr:
            if not isinstance(td.tag, str) or td.tag.lower() not in ("td", "th"):
                continue
            while (r, c) in taken:
                c += 1
            rs, cs = _span(td.get("rowspan")), _span(td.get("colspan"))
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((r + dr, c + dc))
            cell = Cell(table_no, r, c, rs, cs)
            start = (td.sourceline or table.sourceline or 1) - base
            for no, text in cell_texts(td, start):
                out.append(Line(no=no, text=text, end=no, marks=("table",), cell=cell))
            c += cs
    return out


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


def parse_fragment(source: str) -> etree._Element:
    """The first ``<table>`` of an HTML fragment (raises ``ValueError`` if there is none)."""
    root = html.fragment_fromstring(source, create_parent="div")
    table = root.find(".//table")
    if table is None:
        raise ValueError("no <table> element")
    return table


# --- regrouping ------------------------------------------------------------------------


@dataclass
class GridCell:
    """One source cell with its lines (a rowspan/colspan cell appears once, at its origin)."""

    row: int
    col: int
    rowspan: int
    colspan: int
    lines: list[Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(ln.text for ln in self.lines)

    @property
    def first_line(self) -> int:
        return self.lines[0].no if self.lines else 0


@dataclass
class Table:
    """A table regrouped from its lines: ``cells`` by origin, ``rows`` as grids of origins."""

    no: int
    cells: list[GridCell] = field(default_factory=list)

    @property
    def nrows(self) -> int:
        return max((c.row + c.rowspan for c in self.cells), default=0)

    @property
    def ncols(self) -> int:
        return max((c.col + c.colspan for c in self.cells), default=0)

    def row(self, r: int) -> list[GridCell]:
        """The cells that start in row ``r``, left to right."""
        return sorted((c for c in self.cells if c.row == r), key=lambda c: c.col)

    def grid(self) -> list[list[GridCell | None]]:
        """Every grid position → the cell covering it (rowspan/colspan repeated), or None."""
        g: list[list[GridCell | None]] = [[None] * self.ncols for _ in range(self.nrows)]
        for c in self.cells:
            for dr in range(c.rowspan):
                for dc in range(c.colspan):
                    g[c.row + dr][c.col + dc] = c
        return g

    def text_grid(self) -> list[list[str]]:
        return [[c.text if c else "" for c in row] for row in self.grid()]

    @property
    def lines(self) -> list[Line]:
        return [ln for c in self.cells for ln in c.lines]


def tables_of(lines: Iterable[Line]) -> list[Table]:
    """Regroup table lines (those with a ``cell``) into :class:`Table` records, in file order."""
    tables: dict[int, Table] = {}
    cells: dict[tuple[int, int, int], GridCell] = {}
    for ln in lines:
        if ln.cell is None:
            continue
        c = ln.cell
        table = tables.setdefault(c.table, Table(c.table))
        key = (c.table, c.row, c.col)
        if key not in cells:
            cells[key] = GridCell(c.row, c.col, c.rowspan, c.colspan)
            table.cells.append(cells[key])
        cells[key].lines.append(ln)
    return list(tables.values())
