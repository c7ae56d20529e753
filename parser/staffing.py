"""Staffing norms: the annex table of the Rules of Family Support Centres (003).

The table reaches us as logical lines from :func:`parser.clean_pdf.pdf_lines`, one per
printed block::

    Приложение к Правилам осуществления деятельности Центров поддержки семьи   <- stamp
    Минимальные штатные нормативы работников Центров поддержки семьи           <- title (= 1st section)
    № п/п                                                                      <- column header …
    Наименование должности Количество обращений в день
    до 50 51-100 свыше 100                                                     <- … with the bands
    1. директор 1 единица на учреждение                                        <- a row with a rule
    3. главный бухгалтер 0,5 1 1                                               <- a row with band cells
    Штатные нормативы персонала по сопровождению лиц (семей), оказавшихся …    <- a section title
    20. социальный работник                                                    <- a row whose name wraps:
    кейс- менеджер                                                             <-   continuation lines are
    2 3 4                                                                      <-   joined here, not in pass 1
    Примечание:                                                                <- the closing note
    При необходимости установленные должности могут взаимозаменяться …

A row is "N. <position> <cell> <cell> <cell>" (one cell per band, "0,5" or "-" for none) or
"N. <position> <K> единиц(а/ы) на <учреждение | 1 транспортное средство>" or
"N. <position> согласно типовым нормативам".  Lines that follow an incomplete row (no cells or
rule yet) continue it; a line that fits nowhere becomes a :class:`~parser.models.Diagnostic`
(file, line, what was expected, what was found) and is listed in ``unread`` — never dropped.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from .clean_pdf import join_text
from .models import Diagnostic, Document, Line, Span, Unit

# --- patterns --------------------------------------------------------------------------------

# The stamp that opens the table: "Приложение к Правилам осуществления деятельности …".
STAMP_RE = re.compile(r"^Приложение(?:\s+№?\s*\d+)?\s+к\s+Правилам\b")

# A row: "12. специалист по аналитике и мониторингу - 1 2".
ROW_RE = re.compile(
    r"""^
    (?P<num> \d{1,3} ) \.      # the row number "12."
    \s+ (?P<rest> .+ ) $       # the position and its cells or rule
    """,
    re.X,
)

# A rule instead of band cells: "2 единицы на учреждение", "1 единица на 1 транспортное средство".
RULE_UNITS_RE = re.compile(
    r"""^
    (?P<position> .+? ) \s+
    (?P<rule>
        (?P<units> \d+ (?:[,.]\d+)? ) \s+    # how many: "1", "2", "0,5"
        единиц[аыи]? \s+ на \s+              # "единица" / "единицы" (sic "2 единица", "1 единицы")
        (?P<per> .+? )                       # per what: "учреждение", "1 транспортное средство"
    ) [.;]? $
    """,
    re.X | re.I,
)

# The per-what of a rule: an optional count and a known noun.
PER_RE = re.compile(
    r"""^
    (?: (?P<count> \d+ ) \s+ )?                              # "1 транспортное средство"
    (?: (?P<institution> учреждени[ея] | организаци[юя] | центр )
      | (?P<vehicle> транспортн\w* \s+ средств\w* | автомобил\w* ) )
    $""",
    re.X | re.I,
)

# The other rule: "согласно типовым нормативам".
RULE_NORMS_RE = re.compile(r"^(?P<position>.+?)\s+(?P<rule>согласно\s+типовым\s+нормативам)[.;]?$", re.I)

# One band cell: "2", "0,5", "1.5"; a dash for none.
CELL_RE = re.compile(r"^(?:\d+(?:[,.]\d+)?|[-\u2010-\u2015])$")

# Parts of the column header.
HEADER_NUM_RE = re.compile(r"^№\s*п\s*/?\s*п\.?")
HEADER_POSITION_RE = re.compile(r"^Наименование\s+должност(?:и|ей)")
HEADER_BANDS_RE = re.compile(r"^(?:до|свыше|более|от)\s+\d+")
HEADER_RE = re.compile(
    r"""^
    (?P<num> №\s*п\s*/?\s*п\.? ) \s+                   # "№ п/п"
    (?P<position> Наименование\s+должност(?:и|ей) ) \s+   # "Наименование должности"
    (?P<group> .+? ) \s+                                  # "Количество обращений в день"
    (?P<bands> (?:до|свыше|более|от) \s+ \d+ .* ) $       # "до 50 51-100 свыше 100"
    """,
    re.X,
)

# One band of the header: "до 50", "51-100", "свыше 100".
BAND_RE = re.compile(r"(?:до|свыше|более)\s+\d+|от\s+\d+\s+до\s+\d+|\d+\s*[-\u2013]\s*\d+")

# The closing note: "Примечание:" (its text on the same line or the next ones).
NOTE_RE = re.compile(r"^Примечани[ея]\s*[:.]?\s*(?P<text>.*)$")

# A hyphen left with a space after it inside a name: "кейс- менеджер" -> "кейс-менеджер".
_SPACED_HYPHEN_RE = re.compile(r"(?<=\w)-\s+(?=\w)")

DEFAULT_BANDS = ("до 50", "51-100", "свыше 100")


# --- cells and rules -------------------------------------------------------------------------


def cell_value(cell: str) -> float:
    """A band cell as a number: ``"0,5"`` -> 0.5, ``"-"`` -> 0.0 (no such position).

    >>> cell_value("0,5"), cell_value("2"), cell_value("-")
    (0.5, 2.0, 0.0)
    """
    if not re.search(r"\d", cell):
        return 0.0
    return float(cell.replace(",", "."))


def normalise_position(name: str) -> str:
    """The position name with spaces collapsed and a spaced hyphen closed.

    >>> normalise_position("социальный работник кейс- менеджер")
    'социальный работник кейс-менеджер'
    """
    return _SPACED_HYPHEN_RE.sub("-", " ".join(name.split())).strip(" ,;")


def parse_rule(text: str) -> dict[str, Any] | None:
    """A rule cell: ``"2 единицы на учреждение"`` -> units 2.0 per institution.

    ``per`` is "institution", "vehicle" or "standard_norms"; ``per_count`` is the count before
    the noun ("на 1 транспортное средство"), ``None`` if none is written; ``None`` if ``text``
    is not a rule; ``per`` is ``None`` for a basis this module does not know.

    >>> parse_rule("1 единица на 1 транспортное средство")
    {'text': '1 единица на 1 транспортное средство', 'units': 1.0, 'per': 'vehicle', 'per_count': 1.0}
    >>> parse_rule("согласно типовым нормативам")["per"]
    'standard_norms'
    """
    m = RULE_UNITS_RE.match("x " + text)
    if m:
        per = PER_RE.match(m.group("per"))
        kind = None
        if per:
            kind = "institution" if per.group("institution") else "vehicle"
        count = float(per.group("count")) if per and per.group("count") else None
        units = cell_value(m.group("units"))
        return {"text": m.group("rule"), "units": units, "per": kind, "per_count": count}
    m = RULE_NORMS_RE.match("x " + text)
    if m:
        return {"text": m.group("rule"), "units": None, "per": "standard_norms", "per_count": None}
    return None


@dataclass
class _Read:
    """What one row says: its position and either band cells or a rule."""

    position: str
    cells: list[str] | None = None
    rule: dict[str, Any] | None = None


def read_row(rest: str, nbands: int) -> _Read | None:
    """Split the text after "N." into the position and its cells or rule; ``None`` if incomplete.

    >>> read_row("заместитель директора - 1 1", 3)
    _Read(position='заместитель директора', cells=['-', '1', '1'], rule=None)
    >>> read_row("социальный работник", 3) is None
    True
    """
    rest = rest.strip().rstrip(";.")
    if rest.endswith("-") and not CELL_RE.match(rest.split()[-1]):  # a word hyphenated onto the next line
        return None
    for rx in (RULE_UNITS_RE, RULE_NORMS_RE):
        m = rx.match(rest)
        if m and not CELL_RE.match(m.group("position").split()[-1]):
            rule = parse_rule(m.group("rule"))
            return _Read(m.group("position"), rule=rule)
    tokens = rest.split()
    cells: list[str] = []
    while tokens and len(cells) < nbands and CELL_RE.match(tokens[-1]):
        cells.insert(0, tokens.pop())
    if len(cells) == nbands and tokens:
        return _Read(" ".join(tokens), cells=cells)
    return None


# --- the table -------------------------------------------------------------------------------


def _span(file: str, lines: list[Line]) -> dict[str, Any]:
    return asdict(Span(file, lines[0].no, lines[-1].last))


def _joined(lines: list[Line]) -> str:
    text = lines[0].text
    for ln in lines[1:]:
        text, _ = join_text(text, ln.text)
    return text


@dataclass
class _Table:
    file: str
    eid: str
    bands: tuple[str, ...] = DEFAULT_BANDS
    stamp: list[Line] = field(default_factory=list)
    title: list[Line] = field(default_factory=list)
    header: list[Line] = field(default_factory=list)
    sections: list[dict[str, Any]] = field(default_factory=list)
    section_lines: list[list[Line]] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    pending: list[Line] = field(default_factory=list)
    last_num: int | None = None  # the number of the last row seen, read or not
    note: list[Line] = field(default_factory=list)
    consumed: list[Line] = field(default_factory=list)
    unread: list[Line] = field(default_factory=list)
    diags: list[Diagnostic] = field(default_factory=list)

    def diag(self, line: Line, expected: str, found: str, severity: str = "error") -> None:
        self.diags.append(Diagnostic(self.file, line.no, expected, found, severity))

    def stray(self, line: Line, expected: str) -> None:
        self.unread.append(line)
        self.diag(line, expected, line.text)

    # --- sections ----------------------------------------------------------------------

    def open_section(self, lines: list[Line], implicit: bool) -> None:
        k = len(self.sections) + 1
        self.section_lines.append(list(lines))
        self.sections.append({
            "eid": f"{self.eid}__sec_{k}",
            "title": _joined(lines),
            "implicit": implicit,
            "span": _span(self.file, lines),
            "rows": [],
        })
        if not implicit:
            self.consumed.extend(lines)

    def extend_section(self, line: Line) -> None:
        lines = self.section_lines[-1]
        lines.append(line)
        sec = self.sections[-1]
        sec["title"], sec["span"] = _joined(lines), _span(self.file, lines)
        self.consumed.append(line)

    def section_open_without_rows(self) -> bool:
        return bool(self.sections) and not self.sections[-1]["rows"] and not self.sections[-1]["implicit"]

    # --- rows --------------------------------------------------------------------------

    def pending_complete(self) -> bool:
        if not self.pending:
            return True
        m = ROW_RE.match(_joined(self.pending))
        return bool(m and read_row(m.group("rest"), len(self.bands)))

    def flush(self) -> None:
        if not self.pending:
            return
        lines, self.pending = self.pending, []
        text = _joined(lines)
        m = ROW_RE.match(text)
        read = read_row(m.group("rest"), len(self.bands)) if m else None
        num = int(m.group("num")) if m else None
        if num is not None and self.last_num is not None and num != self.last_num + 1:
            self.diag(lines[0], f"row {self.last_num + 1}", f"row {num}", "warning")
        self.last_num = num if num is not None else self.last_num
        if read is None or num is None:
            self.unread.extend(lines)
            self.diag(
                lines[0],
                f"a staffing row 'N. <position>' followed by {len(self.bands)} cells "
                f"({' / '.join(self.bands)}; a number or '-') or a rule "
                "('K единица на учреждение', 'согласно типовым нормативам')",
                text,
            )
            return
        if not self.sections:
            self.diag(lines[0], "the table title before the first row", text, "warning")
            self.open_section(lines[:1], implicit=True)
        sec = self.sections[-1]
        row: dict[str, Any] = {
            "eid": f"{self.eid}__row_{num}",
            "num": num,
            "position": normalise_position(read.position),
            "section": sec["title"],
            "section_eid": sec["eid"],
            "bands": None,
            "cells": None,
            "rule": None,
            "span": _span(self.file, lines),
            "text": text,
        }
        if read.cells is not None:
            row["cells"] = dict(zip(self.bands, read.cells, strict=True))
            row["bands"] = {band: cell_value(cell) for band, cell in row["cells"].items()}
        else:
            row["rule"] = read.rule
            if read.rule and read.rule["per"] is None:
                self.diag(lines[0], "a rule per 'учреждение' or 'транспортное средство'",
                          read.rule["text"], "warning")
        sec["rows"].append(num)
        self.rows.append(row)
        self.consumed.extend(lines)

    # --- header ------------------------------------------------------------------------

    def read_header(self, first_row: Line | None) -> list[dict[str, Any]]:
        where = self.header[0] if self.header else (first_row or (self.title or self.stamp)[0])
        if not self.header:
            self.diag(where, f"the column header (№ п/п, Наименование должности, {' / '.join(self.bands)})",
                      first_row.text if first_row else "nothing", "warning")
            return []
        text = " ".join(ln.text for ln in self.header)
        m = HEADER_RE.match(text)
        bands = BAND_RE.findall(m.group("bands")) if m else []
        if not m or BAND_RE.sub("", m.group("bands")).strip():
            self.diag(where, "a column header '№ п/п Наименование должности <group> <band> <band> …'",
                      text, "warning")
            self.unread.extend(self.header)
            return []
        self.bands = tuple(re.sub(r"\s*[-\u2013]\s*", "-", " ".join(b.split())) for b in bands)
        self.consumed.extend(self.header)
        span = _span(self.file, self.header)
        return [
            {"key": "num", "text": " ".join(m.group("num").split()), "span": span},
            {"key": "position", "text": m.group("position"), "span": span},
            {"key": "visits", "text": m.group("group"), "bands": list(self.bands), "span": span},
        ]


def extract_staffing(
    lines: list[Line], file: str, eid: str = "att_1"
) -> tuple[dict[str, Any], list[Diagnostic]]:
    """Read the staffing table from its annex lines.

    ``lines`` are the logical lines from the stamp "Приложение к Правилам …" to the end of the
    file (lines before a stamp, if the whole document is passed, are skipped).  Returns the table
    and the problems found::

        {"eid": "att_1",
         "stamp": {"text", "span"} | None,           # "Приложение к Правилам …"
         "title": {"text", "span"} | None,           # "Минимальные штатные нормативы …"
         "columns": [{"key": "num" | "position" | "visits", "text", "span", ("bands")}],
         "bands": ["до 50", "51-100", "свыше 100"],
         "sections": [{"eid": "att_1__sec_1", "title", "implicit", "span", "rows": [1, …]}],
         "rows": [{"eid": "att_1__row_9", "num": 9, "position": "психолог",
                   "section", "section_eid", "span": {"file", "start", "end"}, "text",
                   "bands": {"до 50": 2.0, …} | None, "cells": {"до 50": "2", …} | None,
                   "rule": {"text", "units", "per", "per_count"} | None}],
         "note": {"label": "Примечание", "text", "span"} | None,
         "unread": [{"line", "end", "text"}],          # lines that fit nowhere (each has a Diagnostic)
         "consumed": [source line numbers used]}       # with the blank lines inside logical lines

    A row has either ``bands`` (floats; "-" -> 0.0, the raw text in ``cells``) or a ``rule``
    ("1 единица на учреждение" -> units 1.0 per "institution"; "согласно типовым нормативам" ->
    units ``None`` per "standard_norms").  The first section is implicit: its title is the
    table's title.  ``text`` is the row as written (its continuation lines joined the way pass 1
    joins wraps, so "кейс- менеджер" stays as written); ``position`` is normalised
    ("кейс-менеджер").  The note runs from "Примечание" to the end of the lines.
    """
    start = next((k for k, ln in enumerate(lines) if STAMP_RE.match(ln.text)), 0)
    t = _Table(file, eid)
    body = lines[start:]
    if not body:
        return _result(t, None, []), []
    i = 0
    if body and STAMP_RE.match(body[0].text):
        t.stamp = [body[0]]
        t.consumed.append(body[0])
        i = 1
    # title and column header: everything before the first row
    while i < len(body) and not ROW_RE.match(body[i].text):
        ln = body[i]
        if any(rx.match(ln.text) for rx in (HEADER_NUM_RE, HEADER_POSITION_RE, HEADER_BANDS_RE)):
            t.header.append(ln)
        elif not t.title and not t.header:
            t.title = [ln]
        elif t.title and not t.header and ln.text[:1].islower():
            t.title.append(ln)  # the title wrapped over a blank line
        else:
            t.stray(ln, "the table title or its column header")
        i += 1
    if t.title:
        t.consumed.extend(t.title)
        t.open_section(t.title, implicit=True)
    else:
        where = body[i] if i < len(body) else body[-1]
        t.diag(where, "the table title (e.g. 'Минимальные штатные нормативы …')", where.text, "warning")
    columns = t.read_header(body[i] if i < len(body) else None)
    # rows, sections, the note
    for ln in body[i:]:
        text = ln.text
        if t.note:
            t.note.append(ln)
        elif ROW_RE.match(text):
            t.flush()
            t.pending = [ln]
        elif NOTE_RE.match(text):
            t.flush()
            t.note = [ln]
        elif t.pending and not t.pending_complete() and not _looks_like_title(text):
            t.pending.append(ln)
        elif _looks_like_title(text):
            t.flush()
            t.open_section([ln], implicit=False)
        elif t.section_open_without_rows() and text[:1].islower():
            t.extend_section(ln)
        else:
            t.flush()
            t.stray(ln, "a row 'N. …', the rest of an unfinished row, a section title or 'Примечание:'")
    t.flush()
    note = None
    if t.note:
        first = NOTE_RE.match(t.note[0].text)
        parts = [first.group("text")] if first and first.group("text") else []
        note_text = " ".join(parts + [ln.text for ln in t.note[1:]])
        note = {"label": "Примечание", "text": note_text, "span": _span(file, t.note)}
        t.consumed.extend(t.note)
    return _result(t, note, columns), t.diags


def _result(t: _Table, note: dict[str, Any] | None, columns: list[dict[str, Any]]) -> dict[str, Any]:
    file = t.file
    return {
        "eid": t.eid,
        "stamp": {"text": _joined(t.stamp), "span": _span(file, t.stamp)} if t.stamp else None,
        "title": {"text": _joined(t.title), "span": _span(file, t.title)} if t.title else None,
        "columns": columns,
        "bands": list(t.bands),
        "sections": t.sections,
        "rows": t.rows,
        "note": note,
        "unread": [{"line": ln.no, "end": ln.last, "text": ln.text}
                   for ln in sorted(t.unread, key=lambda x: x.no)],
        "consumed": sorted({n for ln in t.consumed for n in range(ln.no, ln.last + 1)}),
    }


def _looks_like_title(text: str) -> bool:
    """A section title of the table: a capitalised line that is not a row, cells or the note."""
    return text[:1].isupper() and not ROW_RE.match(text) and not NOTE_RE.match(text)


def attach_staffing(doc: Document, lines: list[Line], file: str, eid: str = "att_1") -> dict[str, Any]:
    """Read the table into ``doc``: rows into ``doc.staffing``, problems into ``doc.diagnostics``,
    unread lines into ``doc.unparsed``; units ``att_1`` (the table, heading = its title) and
    ``att_1__row_N`` (kind "row", parent ``att_1``) and the note ``att_1__note`` (an alinea);
    the stamp joins the ``annex_stamp`` bucket and the column header a ``table_header`` bucket.
    Returns the table dict of :func:`extract_staffing`."""
    table, diags = extract_staffing(lines, file, eid)
    doc.staffing = table["rows"]
    doc.diagnostics.extend(diags)
    unread = {u["line"] for u in table["unread"]}
    doc.unparsed.extend(ln for ln in lines if ln.no in unread)

    def span(d: dict[str, Any]) -> Span:
        return Span(d["file"], d["start"], d["end"])

    stamp, title, note = table["stamp"], table["title"], table["note"]
    if lines:
        # The table unit starts at its title: the stamp above it is in the "annex_stamp" bucket.
        start = title["span"]["start"] if title else (stamp["span"]["end"] + 1 if stamp else lines[0].no)
        doc.units.append(Unit(eid=eid, kind="annex", span=Span(file, start, lines[-1].last), parent="annex",
                              heading=title["text"] if title else None, text=stamp["text"] if stamp else ""))
    for row in table["rows"]:
        doc.units.append(Unit(eid=row["eid"], kind="row", span=span(row["span"]), num=str(row["num"]),
                              heading=row["section"], text=row["text"], parent=eid))
    if note:
        doc.units.append(Unit(eid=f"{eid}__note", kind="alinea", span=span(note["span"]),
                              heading=note["label"], text=note["text"], parent=eid))
    header = table["columns"][0]["span"] if table["columns"] else None
    for ln in lines:
        if stamp and ln.no == stamp["span"]["start"]:
            doc.buckets.setdefault("annex_stamp", []).append(ln)
        elif header and header["start"] <= ln.no <= header["end"]:
            doc.buckets.setdefault("table_header", []).append(ln)
    return table
