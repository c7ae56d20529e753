"""Tables of positions: staffing norms and registers of civil-servant positions (HTML tables).

Pass 1 (:mod:`parser.tables`) gives one :class:`~parser.models.Line` per line of text of a
cell, with its grid :class:`~parser.models.Cell`.  This module regroups them into tables
(:func:`parser.tables.tables_of`), recognises a *table of positions* by its column header, and
returns one dict per grid row below the header::

    <table>                                          header: the labels are declared as data
      Перечень должностей | Нормативы нагрузки …     (HEADER_LABELS, ru and kk side by side);
      Механик (…)         | 1 единица на центр…      a position row: name + a parsed norm
    </table>

    <table>
      Звено | Ступень | Наименование должностей      header of a register
      Блок А (управленческий персонал)  (colspan=3)  a group heading: rows below sit under it
      А2 (rowspan=2) | 1   | Руководитель …          a position row: category А2, step 1
                     | 1-1 | Заместитель …           category from the rowspan above (ru) …
      (empty)        | 3   | …                       … or from the row above when kk leaves the cell empty
    </table>

Every row of the table is kept: ``row_kind`` says what it is ("caption" above the header,
"header", "heading", "position", "total", "note", "other"); a row that is none of the known kinds is also reported
as a warning :class:`~parser.models.Diagnostic` (file and line).  Row ids come from the table
and the grid row (``table_2__row_5``, or ``<container>__row_5`` when structure units are
given), so the ru and kk texts of one act give the same ids to the same rows.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any

from .models import Cell, Diagnostic, Line, Span, Unit
from .tables import GridCell, Table, tables_of

# --- declared data: column labels ------------------------------------------------------------

# role -> (ru label patterns, kk label patterns); searched case-insensitively in a
# header cell's text.  Order matters: the first role that matches a label wins ("Нормативы
# нагрузки и численности" is a norm, not a headcount; kk "Жүктеме нормативтері мен саны" too).
HEADER_LABELS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("num", (r"№\s*(?:п\s*/?\s*п)?\.?$", r"№\s*п\s*/?\s*п"), (r"р\s*/?\s*с\s*№", r"№\s*р\s*/?\s*с", r"№$")),
    ("position", (r"наименовани[ея]\s+должност", r"перечень\s+должност", r"должност[ьи]$"),
     (r"лауазым\w*\s+атау", r"лауазым\w*\s+тізбе", r"лауазым\w*$")),
    ("category", (r"категори[яи]", r"звено"), (r"санат", r"буын")),
    ("step", (r"ступен[ьи]",), (r"саты",)),
    ("norm", (r"норматив", r"норм[аы]\b"), (r"норматив", r"норма\b")),
    ("unit", (r"единиц[аы]\s+измерени",), (r"өлшем\s+бірлі",)),
    ("headcount", (r"численност", r"количество\s+(?:штатных\s+)?единиц", r"количество\s+должност"),
     (r"саны\b", r"штат\w*\s+бірлік\w*\s+саны")),
    ("note", (r"примечани",), (r"ескертпе",)),
)

# A table is a table of positions when its header has a position column and one of these.
KIND_BY_ROLE = (("category", "register"), ("norm", "staffing_norm"), ("headcount", "staffing_norm"),
                ("unit", "staffing_norm"))

# Rows that are not positions, recognised by their text (ru, kk).
TOTAL_RE = re.compile(r"^(?:итого|всего|барлығы|жиыны|жиынтығы)\b", re.I)
NOTE_RE = re.compile(r"^(?:примечани[ея]|ескертпе|ескерту)\b", re.I)

# --- declared data: norms ----------------------------------------------------------------------

_NUM = r"\d+(?:[,.]\d+)?"

# A mention of staff units: ru "1 единица", "2,35 единиц", "2 ед."; kk "1 бірлік", "2 бірл."
# (kk "1 бірлігіне" — "per 1 unit of …" — is not a mention: the word goes on after "бірл").
UNITS_RE = {
    "ru": re.compile(rf"(?P<units>{_NUM})\s*(?:единиц\w*|ед\.)", re.I),
    "kk": re.compile(rf"(?P<units>{_NUM})\s*(?:бірлік\b|бірл\b\.?)", re.I),
}

# ru: "<units> единиц(а) [в смену] [на <per>] [при <condition>]" (the label before is cut off).
RU_CLAUSE_RE = re.compile(
    rf"""^
    (?P<units> {_NUM} ) \s* (?: единиц\w* | ед\. )      # "1 единица", "0,035 ед."
    (?: \s+ (?P<extra> в \s+ смену ) )?                 # "в смену" (kept as "shift")
    (?: \s+ на \s+ (?P<per> .+? ) )?                    # per what: "250 квадратных метров …"
    (?: \s+ при \s+ (?P<condition> .+? ) )?             # "при 8 часовом графике работы"
    \s* $""",
    re.X | re.I,
)

# kk: "<per, dative> <units> бірлік" — the quantity comes last.
KK_CLAUSE_RE = re.compile(
    rf"""^
    (?P<per> .*? ) \s*                                  # "Жинайтын аумақтың 250 шаршы метріне"
    (?P<units> {_NUM} ) \s* (?: бірлік | бірл ) \.?     # "1 бірлік", "2 бірл."
    \s* $""",
    re.X | re.I,
)

# Where a cell of several norms splits into clauses, besides ";" and line ends.
CLAUSE_SPLIT_RE = {
    "ru": re.compile(r";\s*|,\s*(?=дополнительно\b)", re.I),
    "kk": re.compile(r";\s*|(?<=бірлік),\s*", re.I),
}

# An aside in brackets at the end of a clause: "на руководителя (1 единица в приемную)".
REMARK_RE = re.compile(r"\s*\((?P<remark>[^()]*)\)\s*$")

# What a norm is counted per: kind -> (ru pattern, kk pattern), the first match wins.
PER_KINDS: tuple[tuple[str, str, str], ...] = (
    ("area_m2", r"квадратн\w*\s+метр", r"шаршы\s+метр"),
    ("mileage_km", r"\bкм\b", r"\bкм\b"),
    ("machine_hours", r"мото-час|машино-час", r"мото-сағат|машина-сағат"),
    ("rolling_stock", r"подвижн\w*\s+состав", r"жылжымалы\s+құрам"),
    ("furniture", r"мебел", r"жиһаз"),
    ("animals", r"лошад|собак", r"жылқы|\bит(?:ке|тер)"),
    ("post", r"\bпост", r"\bпост|бекет"),
    ("head", r"руководител", r"басшы"),
    ("vehicle", r"транспортн\w*\s+средств", r"көлік\s+құрал"),
    ("institution", r"аппарат|представительств|учреждени|изолятор|центр|хозяйств|здани|территори|гардероб",
     r"аппарат|өкілдіг|изолятор|орталығ|шаруашылығ|ғимарат|аумағ|гардероб|мекеме"),
)

_COUNT_RE = re.compile(r"(?P<a>\d+(?:[,.]\d+)?)(?:\s*[-\u2013]\s*(?P<b>\d+(?:[,.]\d+)?))?")

# Category codes: Latin/Cyrillic look-alikes are folded to Latin ("В2" -> "B2").
_LOOKALIKE = str.maketrans("АВСЕДавсе", "ABCEDabce")
CATEGORY_RE = re.compile(r"^[A-E]-?\d{1,2}(?:-\d+)?$")


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def category_code(text: str) -> str | None:
    """A register category as a Latin code; ``None`` if it is not one.

    >>> category_code("В3"), category_code("С2"), category_code("D1"), category_code("Блок")
    ('B3', 'C2', 'D1', None)
    """
    code = "".join(text.split()).translate(_LOOKALIKE).upper()
    return code if CATEGORY_RE.match(code) else None


def per_kind(text: str, lang: str) -> tuple[str | None, re.Match[str] | None]:
    """The declared kind of a per-what phrase (and where its noun is), or ``(None, None)``.

    >>> per_kind("250 квадратных метров убираемой площади", "ru")[0]
    'area_m2'
    >>> per_kind("ІІМ орталық аппаратына", "kk")[0]
    'institution'
    """
    col = 2 if lang == "kk" else 1
    for entry in PER_KINDS:
        m = re.search(entry[col], text, re.I)
        if m:
            return entry[0], m
    return None, None


def _per_count(
    per_text: str, lang: str, noun: re.Match[str] | None
) -> tuple[float | None, list[float] | None]:
    """The count of the per-what: ru the first number after "на"; kk the number at most two
    words before the kind's noun ("Жинайтын аумақтың 250 шаршы метріне"), else the word after
    it ("Жиһаздың 1250 бірлігіне")."""
    if lang == "kk":
        if noun is None:
            return None, None
        before = per_text[: noun.start()].split()[-3:][::-1]
        after = per_text[noun.end():].split()[1:2]  # "Жиһаздың 1250 бірлігіне": the noun, then the count
        words = [w.rstrip(".") for w in (*before, *after)]
        m = next((x for x in map(_COUNT_RE.fullmatch, words) if x), None)
    else:
        m = _COUNT_RE.search(per_text)
    if not m:
        return None, None
    if m.group("b"):
        return None, [_number(m.group("a")), _number(m.group("b"))]
    return _number(m.group("a")), None


def parse_clause(text: str, lang: str) -> dict[str, Any]:
    """One norm: ``"1 единица на 250 квадратных метров"`` -> units 1.0 per 250 m².

    ``label`` is what the clause is about when it says so ("автобусы всех классов – 4,7 ед. …");
    ``per`` the declared kind (PER_KINDS) or ``None``; ``per_text`` the words as written;
    ``units`` is ``None`` when no number of units is found.

    >>> c = parse_clause("1,57 единиц на пост при 8 часовом графике работы", "ru")
    >>> c["units"], c["per"], c["per_text"], c["condition"]
    (1.57, 'post', 'пост', '8 часовом графике работы')
    >>> c = parse_clause("Жинайтын аумақтың 250 шаршы метріне 1 бірлік", "kk")
    >>> c["units"], c["per"], c["per_count"]
    (1.0, 'area_m2', 250.0)
    """
    lang = "kk" if lang == "kk" else "ru"
    out: dict[str, Any] = dict.fromkeys(("label", "units", "per", "per_text", "per_count", "per_range",
                                         "condition", "shift", "remark"))
    out["text"] = text
    body = text.strip().rstrip(";.").strip()
    rm = REMARK_RE.search(body)
    if rm:
        out["remark"], body = rm.group("remark"), body[: rm.start()]
    mentions = list(UNITS_RE[lang].finditer(body))
    if not mentions:
        return out
    if lang == "ru":
        first = mentions[0]
        label = body[: first.start()].strip(" –—-:,")
        m = RU_CLAUSE_RE.match(body[first.start():])
        if not m:  # words after the units that are neither "на …" nor "при …"
            out["units"] = _number(first.group("units"))
            out["label"] = label or None
            return out
        per_text, condition = m.group("per"), m.group("condition")
        out["shift"] = m.group("extra")
    else:
        last = mentions[-1]
        head = body[: last.end()]
        label = ""
        if " – " in head or " - " in head:
            label, head = re.split(r"\s+[–-]\s+", head, maxsplit=1)
        m = KK_CLAUSE_RE.match(head)
        if not m:
            return out
        per_text, condition = m.group("per").strip() or None, None
    out["units"] = _number(m.group("units"))
    out["label"] = label.strip() or None
    out["per_text"] = per_text
    out["condition"] = condition
    if per_text:
        kind, noun = per_kind(per_text, lang)
        out["per"] = kind
        out["per_count"], out["per_range"] = _per_count(per_text, lang, noun)
    return out


def parse_norm(lines: list[str], lang: str) -> dict[str, Any]:
    """A norm cell (its lines as written) -> the first clause's figures and every clause.

    Lines are split into clauses at ";" (and ru ", дополнительно", kk "бірлік, "); a line with
    no units mention joins the next one when it opens a clause ("… класса –", "По видам:") and
    the previous one otherwise ("убираемой площади").  A lead ending with ":" ("По видам:")
    is kept as ``lead``.

    >>> n = parse_norm(["1 единица на гардероб, дополнительно 1 единица при количестве мест свыше 500"], "ru")
    >>> [(c["label"], c["units"], c["per"], c["condition"]) for c in n["clauses"]]
    [(None, 1.0, 'institution', None), ('дополнительно', 1.0, None, 'количестве мест свыше 500')]
    """
    lang = "kk" if lang == "kk" else "ru"
    pieces = [p.strip() for ln in lines for p in CLAUSE_SPLIT_RE[lang].split(ln) if p.strip()]
    has_units = [bool(UNITS_RE[lang].search(p)) for p in pieces]
    clauses: list[str] = []
    carry: list[str] = []
    for k, (p, units) in enumerate(zip(pieces, has_units, strict=True)):
        if units:
            clauses.append(" ".join([*carry, p]))
            carry = []
        elif clauses and (not (p.endswith((":", "–", "-")) or p[:1].isupper()) or not any(has_units[k:])):
            clauses[-1] = f"{clauses[-1]} {p}"
        else:
            carry.append(p)
    if carry:
        clauses.append(" ".join(carry))
    lead = None
    if clauses:
        lm = re.match(r"^(?P<lead>[^:\d]+):\s+(?=\S)", clauses[0])
        if lm and UNITS_RE[lang].search(clauses[0][lm.end():]):
            lead, clauses[0] = lm.group("lead").strip(), clauses[0][lm.end():]
    parsed = [parse_clause(c, lang) for c in clauses]
    first = parsed[0] if parsed else parse_clause("", lang)
    return {
        "text": " ".join(lines),
        "lead": lead,
        "units": first["units"],
        "per": first["per"],
        "per_text": first["per_text"],
        "per_count": first["per_count"],
        "condition": first["condition"],
        "clauses": parsed,
    }


# --- register titles -------------------------------------------------------------------------

# A class of staff before the colon ("Специалисты … категории:", "Технические исполнители:",
# kk "… мамандары:", "Техникалық орындаушылар:"): the titles are the items after it.
_CLASS_RE = re.compile(r"^(?:специалист|технически\w*\s+исполнител)|(?:маман\w*|орындаушы\w*)$", re.I)


def register_titles(name: str, lang: str) -> list[str]:
    """The single positions a register cell names, best effort (for linking by title).

    >>> register_titles("Специалисты основного персонала высшей категории: архивист", "ru")
    ['архивист']
    >>> register_titles("Заместитель руководителя отдела: кадровой работы; финансов.", "ru")
    ['Заместитель руководителя отдела кадровой работы', 'Заместитель руководителя отдела финансов']
    >>> register_titles("Ведущий научный сотрудник, главный эксперт", "ru")
    ['Ведущий научный сотрудник', 'главный эксперт']
    """
    titles: list[str] = []
    for sentence in re.split(r"(?<=\.)\s+(?=[А-ЯЁӘІҢҒҮҰҚӨҺA-Z])", " ".join(name.split())):
        sentence = sentence.strip().rstrip(".;").strip()
        if not sentence:
            continue
        head, sep, rest = sentence.partition(":")
        if not sep:
            titles.extend(t.strip() for t in re.split(r",\s*", sentence) if t.strip())
            continue
        items = [t.strip() for t in re.split(r"[;,]\s*", rest) if t.strip()]
        if _CLASS_RE.search(head.strip()):
            titles.extend(items)
            continue
        heads = [h.strip() for h in re.split(r",\s*", head) if h.strip()]
        titles.extend(heads[:-1])
        last = heads[-1] if heads else ""
        items = [t.strip() for t in re.split(r";\s*", rest) if t.strip()]
        # ru puts the complement after the head ("руководитель отдела кадровой работы");
        # kk puts it before, in a form this module does not build: keep "head: item".
        titles.extend(f"{last} {t}" if lang != "kk" else f"{last}: {t}" for t in items)
    return titles


# --- tables ------------------------------------------------------------------------------------


def header_role(label: str) -> str | None:
    """The declared role of a header label, ru or kk, or ``None``.

    >>> header_role("Наименования должностей"), header_role("Буын"), header_role("Жүктеме нормативтері")
    ('position', 'category', 'norm')
    """
    text = " ".join(label.split()).lower()
    for role, ru, kk in HEADER_LABELS:
        if any(re.search(p, text, re.I) for p in (*ru, *kk)):
            return role
    return None


def _text(cell: GridCell | None, sep: str = " ") -> str:
    return sep.join(ln.text for ln in cell.lines) if cell else ""


def _column_numbers(row: list[GridCell | None]) -> bool:
    """A row "1 | 2 | 3 …" numbering the columns under a header."""
    texts = [_text(c) for c in row]
    return bool(texts) and all(t == str(k + 1) for k, t in enumerate(texts))


def read_header(table: Table) -> tuple[int, int, list[dict[str, Any]]] | None:
    """Find the header among the first three rows: ``(first row, rows in the header, columns)``;
    ``None`` if the table is not a table of positions.  A header cell spanning several columns
    (with the sub-labels in the row below) gives each column the label "top / sub"."""
    grid = table.grid()
    for r in range(min(3, table.nrows)):
        origins = table.row(r)
        roles = {header_role(_text(c)) for c in origins} - {None}
        if "position" not in roles or not roles & {role for role, _ in KIND_BY_ROLE}:
            continue
        depth = max((c.rowspan for c in origins), default=1)
        if any(1 < c.colspan < table.ncols for c in origins):  # sub-labels in the row below
            depth = max(depth, 2)
        depth = min(depth, table.nrows - r)
        if r + depth < table.nrows and _column_numbers(grid[r + depth]):
            depth += 1
        columns = []
        for col in range(table.ncols):
            stack: list[str] = []
            for hr in range(r, r + depth):
                cell = grid[hr][col]
                t = _text(cell)
                if t and t not in stack and not (cell and _column_numbers(grid[hr])):
                    stack.append(t)
            role = next((x for x in map(header_role, reversed(stack)) if x), None)
            columns.append({"col": col, "label": " / ".join(stack), "role": role or "value", "labels": stack})
        return r, depth, columns
    return None


def _table_kind(columns: list[dict[str, Any]]) -> str:
    roles = {c["role"] for c in columns}
    return next(kind for role, kind in KIND_BY_ROLE if role in roles)


def _title_before(lines: list[Line], table: Table) -> str | None:
    """The heading line nearest above the table, not above an earlier table."""
    first = min(ln.no for ln in table.lines)
    title = None
    for ln in lines:
        if ln.no >= first:
            break
        if ln.cell is not None:
            title = None
        elif "heading" in ln.marks:
            title = ln.text
    return title


def _container(table: Table, units: list[Unit] | None) -> tuple[str, dict[Cell, Unit]]:
    by_cell = {u.cell: u for u in units or [] if u.kind == "cell" and u.cell is not None}
    for c in table.cells:
        if c.lines and c.lines[0].cell in by_cell:
            parent = by_cell[c.lines[0].cell].parent
            if parent:
                return parent, by_cell
    return f"table_{table.no}", by_cell


def extract_position_tables(
    lines: list[Line], units: list[Unit] | None, file: str, lang: str
) -> tuple[list[dict[str, Any]], list[Diagnostic]]:
    """Rows of every table of positions in a document.

    ``lines`` are all pass-1 lines (those with a ``cell`` are regrouped by table); ``units``
    are the structure units (``None`` allowed): with them a row's ``eid`` is
    ``<the cell units' parent>__row_N`` and ``cell_eid`` is the eid of its first cell's unit;
    without them ``table_<T>__row_N`` (T: the table's number in the file, N: 1-based grid row).
    Tables whose header is not recognised are skipped.  Returns the rows and the problems found.

    A row (``kind`` "staffing_norm" | "register"; ``row_kind`` "header" | "heading" |
    "position" | "total" | "note" | "other" | "caption")::

        {"eid", "cell_eid", "kind", "row_kind", "table", "row", "num", "position",
         "titles",                          # register: the single positions the cell names
         "group", "group_eid",              # the full-width heading row above, if any
         "section", "section_eid",          # the group, else the table's title (as in 003)
         "title",                           # the heading line above the table
         "category", "category_code",       # register: "А2" as written, "A2"
         "category_source",                 # "cell" | "rowspan" | "above" (empty kk cell)
         "step",                            # register: "1-1"
         "rule",                            # staffing: the parsed norm (parse_norm), as 003's "rule"
         "bands", "cells",                  # staffing with sub-columns (as 003), else None
         "values": [{"col", "label", "role", "text", "merged"}],
         "line", "span": {"file", "start", "end"}, "text", "lang"}
    """
    rows: list[dict[str, Any]] = []
    diags: list[Diagnostic] = []
    for table in tables_of(lines):
        found = read_header(table)
        if found is None:
            continue
        top, depth, columns = found
        kind = _table_kind(columns)
        container, by_cell = _container(table, units)
        title = _title_before(lines, table)
        rows.extend(_read_rows(table, top, depth, columns, kind, container, by_cell, title, file, lang,
                               diags))
    return rows, diags


def _read_rows(table: Table, top: int, depth: int, columns: list[dict[str, Any]], kind: str, container: str,
               by_cell: dict[Cell, Unit], title: str | None, file: str, lang: str,
               diags: list[Diagnostic]) -> list[dict[str, Any]]:
    grid = table.grid()
    role_col = {c["role"]: c["col"] for c in reversed(columns)}
    pos_col = role_col["position"]
    bands = [c for c in columns if c["role"] in ("headcount", "norm", "value") and len(c["labels"]) > 1]
    out: list[dict[str, Any]] = []
    group: dict[str, Any] | None = None
    last_category: tuple[str, str | None] | None = None
    num = 0
    for r in range(table.nrows):
        covering = grid[r]
        own = table.row(r)
        own_lines = [ln for c in own for ln in c.lines]
        if not own_lines:
            continue  # a row with no text of its own (all cells merged from above, or empty)
        start, end = min(ln.no for ln in own_lines), max(ln.last for ln in own_lines)
        first = min(own, key=lambda c: c.col)
        first_unit = by_cell.get(first.lines[0].cell) if first.lines else None
        distinct: list[GridCell] = []
        for c in covering:
            if c is not None and c not in distinct:
                distinct.append(c)
        values = []  # one per column (a spanning cell once); an empty cell (kk) gives text ""
        for col, c in enumerate(covering):
            if c is None or c.col == col:
                values.append({"col": col, "label": columns[col]["label"], "role": columns[col]["role"],
                               "text": c.text if c else "", "merged": bool(c and c.row < r)})
        row: dict[str, Any] = {
            "eid": f"{container}__row_{r + 1}",
            "cell_eid": first_unit.eid if first_unit else None,
            "kind": kind, "row_kind": "position", "table": table.no, "row": r, "num": None,
            "position": None, "titles": [],
            "group": group["text"] if group else None, "group_eid": group["eid"] if group else None,
            "section": group["text"] if group else title, "section_eid": group["eid"] if group else None,
            "title": title,
            "category": None, "category_code": None, "category_source": None, "step": None,
            "rule": None, "bands": None, "cells": None,
            "values": values,
            "line": start, "span": asdict(Span(file, start, end)),
            "text": " | ".join(_text(c) for c in distinct), "lang": lang,
        }
        out.append(row)
        full = len(distinct) == 1 and distinct[0].colspan >= table.ncols > 1
        pos_cell = covering[pos_col]
        name = _text(pos_cell)
        if r < top + depth:  # a caption above the header, or the header itself
            row["row_kind"] = "caption" if r < top else "header"
            continue
        if full or not name:
            text = _text(distinct[0]) if distinct else ""
            if TOTAL_RE.match(text):
                row["row_kind"] = "total"
            elif NOTE_RE.match(text):
                row["row_kind"] = "note"
            elif full:
                row["row_kind"] = "heading"
                group = {"text": text, "eid": row["eid"]}
                row["group"], row["group_eid"] = text, row["eid"]
                row["section"], row["section_eid"] = text, row["eid"]
                last_category = None
            else:
                row["row_kind"] = "other"
                diags.append(Diagnostic(file, start, "a position row (a name in the column "
                                        f"{columns[pos_col]['label']!r}), a heading spanning the table, "
                                        "a total or a note", row["text"], "warning"))
            continue
        if TOTAL_RE.match(name):
            row["row_kind"] = "total"
            continue
        if NOTE_RE.match(name):
            row["row_kind"] = "note"
            continue
        if pos_cell is not None and pos_cell.row < r:
            row["row_kind"] = "other"
            diags.append(Diagnostic(file, start, "a position name of its own", f"the name of row "
                                    f"{pos_cell.row + 1} continued by a rowspan: {row['text']}", "warning"))
            continue
        num += 1
        written = _text(covering[role_col["num"]]).rstrip(".") if "num" in role_col else ""
        row["num"] = int(written) if written.isdigit() else num  # "№ п/п" as written, else the ordinal
        row["position"] = _text(pos_cell)
        if kind == "register":
            row["titles"] = register_titles(row["position"], lang)
        if "step" in role_col:
            row["step"] = _text(covering[role_col["step"]]) or None
        if "category" in role_col:
            _category(row, covering[role_col["category"]], r, last_category, file, start, diags)
            if row["category"]:
                last_category = (row["category"], row["category_code"])
        if "norm" in role_col and not any(b["col"] == role_col["norm"] for b in bands):
            norm_cell = covering[role_col["norm"]]
            norm_lines = [ln.text for ln in norm_cell.lines] if norm_cell else []
            row["rule"] = parse_norm(norm_lines, lang)
            if norm_lines and row["rule"]["units"] is None:
                diags.append(Diagnostic(file, norm_cell.first_line, "a norm with a number of units "
                                        "('1 единица на …' / '… 1 бірлік')", " ".join(norm_lines), "warning"))
        if bands:
            cells = {b["labels"][-1]: _text(covering[b["col"]]) for b in bands}
            row["cells"] = cells
            row["bands"] = {k: _band_value(v) for k, v in cells.items()}
    return out


def _band_value(text: str) -> float | None:
    t = text.strip()
    if re.fullmatch(_NUM, t):
        return _number(t)
    if re.fullmatch(r"[-\u2010-\u2015]?", t):
        return 0.0
    return None


def _category(row: dict[str, Any], cell: GridCell | None, r: int, above: tuple[str, str | None] | None,
              file: str, line: int, diags: list[Diagnostic]) -> None:
    text = _text(cell)
    if text:
        row["category"], row["category_source"] = text, "rowspan" if cell and cell.row < r else "cell"
    elif above:
        # kk leaves the cell empty where ru merges it with the row above: the same category.
        row["category"], row["category_source"] = above[0], "above"
    else:
        diags.append(Diagnostic(file, line, "a category (А1, В3 …) in the row or above it in its group",
                                row["text"], "warning"))
        return
    row["category_code"] = category_code(row["category"])
    if row["category_code"] is None:
        diags.append(Diagnostic(file, line, "a category code such as А1, В3, С2, D1", row["category"],
                                "warning"))


def split_rows(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``(staffing, registers)``: the position rows of staffing tables (for ``Document.staffing``,
    whose readers expect positions only) and every row of the registers."""
    staffing = [r for r in rows if r["kind"] == "staffing_norm" and r["row_kind"] == "position"]
    registers = [r for r in rows if r["kind"] == "register"]
    return staffing, registers
