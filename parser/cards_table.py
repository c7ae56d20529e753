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

Layout: the labels compiled and the line tests are in :mod:`parser.card_table_patterns`, the
rows of a table and the cut into cards in :mod:`parser.card_table_rows`, the reading of one
card in :mod:`parser.card_table_reader`; this module walks the document's tables, gives the
cards their ids and checks them against the list of professions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .card_table_patterns import (
    CODE_FIELDS,
    DASHES,
    LABEL_PATTERNS,
    LIST_RE,
    clean_text,
    match_heading,
    match_label,
    name_key,
)
from .card_table_reader import TableCard
from .card_table_rows import is_card_table, rows_of, split_cards
from .models import Cell, Diagnostic, Line, Unit
from .tables import tables_of

__all__ = ["extract_table_cards", "card_table_lines", "match_label", "match_heading", "LABEL_PATTERNS"]

# The doctests of the re-exported label tests run with this module's (``doctest.testmod``).
__test__ = {"match_label": match_label, "match_heading": match_heading}


# --- the document ------------------------------------------------------------------------


def _profession_list(lines: list[Line]) -> list[dict[str, Any]]:
    """The professions with their ОРК levels as the text of the standard lists them (point 8):
    the lines after "Перечень профессий:" up to the first table line or heading."""
    out: list[dict[str, Any]] = []
    for i, ln in enumerate(lines):
        if ln.cell is not None or not any(p.match(clean_text(ln.text).lstrip("# ")) for p in LIST_RE):
            continue
        for nxt in lines[i + 1: i + 40]:
            if nxt.cell is not None or nxt.text.lstrip().startswith("#"):
                break
            m = re.match(
                rf"""^\s* (?:\d{{1,2}}\)\s*)?                  # "1) "
                (?P<name> .+? ) \s* [,{DASHES}] \s*            # the name, then "," or a dash
                (?: СБШ \s+ )? (?P<level> [1-8] ) \s* [{DASHES}]? \s*  # the level
                (?: уров | СБШ | деңгей )""",
                clean_text(nxt.text), re.X | re.I)
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
    cards: list[TableCard] = []
    for table in tables_of(lines):
        rows = rows_of(table)
        if not rows or not is_card_table(rows):
            continue
        before, groups = split_cards(rows)
        tcards = [
            TableCard(k, table, g, file, eids, diags) for k, g in enumerate(groups, start=len(cards) + 1)
        ]
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


def _heading_outside(card: TableCard, plain: list[Line]) -> None:
    """A card table with no opening row: its heading is the line just before the table."""
    first = card.rows[0].lines[0].no if card.rows else 0
    before = [ln for ln in plain if ln.no < first and ln.text.strip()]
    if before:
        m = match_heading(before[-1].text)
        if m and m[0] == "heading":
            card.num, card.name = m[1], m[2]
            card.heading = {"text": before[-1].text, "eid": None, "line": before[-1].no}
            return
    card.warn(first, f"the heading of a profession card before line {first}",
              before[-1].text if before else "")


def _card_id(card: TableCard, points: list[Unit], table_id: str, k: int) -> str:
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
        names = {name_key(c["name"] or ""), name_key(c["profession"] or "")}
        if name_key(it["name"]) not in names and len(listed) != len(cards):
            continue
        c["okr_level_listed"] = {"okr_level": it["okr_level"], "name": it["name"], "line": it["line"]}
        if c["okr_levels"] and int(it["okr_level"]) not in c["okr_levels"]:
            diags.append(Diagnostic(
                file, c["sources"]["okr_level"]["line"],
                f"the ОРК level {it['okr_level']} the list of professions gives {it['name']!r} "
                f"in line {it['line']}",
                f"level {c['okr_level']} in the card", "warning"))


def card_table_lines(lines: Iterable[Line]) -> bool:
    """Does the document hold a card table?  (A cheap test for the pipeline.)"""
    return any(ln.cell is not None and match_label(ln.text) and match_label(ln.text)[0] in CODE_FIELDS  # type: ignore[index]
               for ln in lines)
