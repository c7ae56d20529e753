"""Pass 2: the hierarchy of an order — header, preamble, ordering points, signatures,
approval blocks, the annex stamp and the annex (chapters → sections → points →
subpoints → alineas), with every note read into an :class:`Amendment`.

Unit ids follow the Akoma Ntoso eId style and depend only on numbers, never on the
language, so the ru and kk texts of one act get the same ids:

* ``preamble``; ordering points ``body__point_2__subpoint_1``;
* the annex ``annex``; ``chp_2__para_4-1__point_12__al_3`` inside it; with parts
  (Раздел / бөлім above тарау) ``part_1__chp_2__para_1__point_5``;
* articles of a law ``art_3__al_2`` (``chp_1__art_3`` inside a chapter);
* an annex of the annex (the staffing table of the Rules) ``att_1``; later annexes of an order
  ``att_N`` by the number their stamp gives ("Приложение 2 к приказу" → ``att_2``);
* tables ``…__table_1`` with their cells ``…__table_1__row_3__cell_2`` (1-based), forms drawn
  in code fences ``…__form_1``.

A unit id that is already taken is an error-level diagnostic; the second unit is kept under
the id with ``_2`` appended — never an overwrite.

Alinea numbering (the convention the notes use — checked by the tests against every
"Абзац N пункта M" note in the seeds): the point's own first line is абзац 1; each
following unnumbered line of the point is the next абзац; note lines are not counted.
So ``…__point_5__al_9`` is the ninth абзац, and "Абзац первый" is the point itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import headings as H
from .buckets import check_buckets
from .models import Amendment, Diagnostic, Header, Line, Span, Unit
from .notes import NoteError, is_note_start, note_is_complete, parse_note
from .requisites import cut_repeal, from_requisite, from_requisite_kk
from .targets import NoteCtx as _NoteCtx
from .targets import TargetResolver


@dataclass
class Structure:
    header: Header
    units: list[Unit] = field(default_factory=list)
    notes: list[Amendment] = field(default_factory=list)
    buckets: dict[str, list[Line]] = field(default_factory=dict)
    unparsed: list[Line] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sub_annex: list[Line] = field(default_factory=list)  # lines of an annex of the annex (tables)


class _Builder(TargetResolver):
    def __init__(self, file: str):
        self.file = file
        self.s = Structure(header=Header())
        self.by_eid: dict[str, Unit] = {}
        self.children: dict[str | None, int] = {}  # alinea counters per container
        self.pending: list[_NoteCtx] = []
        self.notes: list[_NoteCtx] = []
        self.zone = "header"
        self.annex_eid = "annex"  # the annex being read ("annex", then "att_N")
        self.part: str | None = None
        self.chapter: str | None = None
        self.section: str | None = None
        self.article: str | None = None
        self.kk_parts = False  # kk "N-бөлім" is a part (the text's chapters are "N-тарау")
        self.tables: dict[int, str] = {}  # table number in the file -> table unit eid
        self.cells: dict[tuple[int, int, int], Unit] = {}  # (table, row, col) -> the unit of that cell
        self.form: Unit | None = None  # the form being read (lines between code fences)
        self.untitled: Unit | None = None  # a Параграф whose title is on the next line
        self.explained: set[int] = set()  # lines whose id collision a diagnostic already explains
        self.point: str | None = None
        self.subpoint: str | None = None
        self.last_point: dict[str, str | None] = {}  # zone -> last point number
        self.last_sub: str | None = None
        self.card = False  # inside a profession card: its lines are label/value pairs

    # --- bookkeeping -------------------------------------------------------------------

    def span(self, line: Line) -> Span:
        return Span(self.file, line.no, line.last)

    def add(self, eid: str, kind: str, line: Line, parent: str | None, **kw) -> Unit:
        if eid in self.by_eid:
            n = 2
            while f"{eid}_{n}" in self.by_eid:
                n += 1
            first = self.by_eid[eid].span.start
            severity = "warning" if line.no in self.explained else "error"
            self.warn(line, f"a unit id not used before ({eid} is taken by line {first}; both kept, this one is {eid}_{n})",
                      line.text, severity)
            eid = f"{eid}_{n}"
        unit = Unit(eid=eid, kind=kind, span=self.span(line), parent=parent, **kw)
        self.s.units.append(unit)
        self.by_eid[eid] = unit
        for ctx in self.pending:
            ctx.after = eid
        self.pending.clear()
        return unit

    def bucket(self, name: str, line: Line) -> None:
        self.s.buckets.setdefault(name, []).append(line)

    def warn(self, line: Line, expected: str, found: str, severity: str = "warning") -> None:
        self.s.diagnostics.append(Diagnostic(self.file, line.no, expected, found, severity))

    def unparsed(self, line: Line, expected: str) -> None:
        self.s.unparsed.append(line)
        self.warn(line, expected, line.text)

    # --- notes -------------------------------------------------------------------------

    def try_note(self, lines: list[Line], i: int) -> int:
        """If a note starts at ``lines[i]``, read it and return how many lines it took."""
        source = is_note_start(lines[i].text)
        if not source:
            return 0
        size = 1
        # A note is its opening line plus what it needs to be whole: the body line of
        # "Примечание ИЗПИ!", or the rest of a wrapped "Сноска" (002, line 411).
        while not note_is_complete([ln.text for ln in lines[i : i + size]]) and size < 4 and i + size < len(lines):
            size += 1
        part = lines[i : i + size]
        if not note_is_complete([ln.text for ln in part]) and i + size >= len(lines):
            for ln in part:
                self.unparsed(ln, "the rest of the note (the file ends here)")
            return size
        try:
            note = parse_note([ln.text for ln in part], self.file, part[0].no, f"note_{part[0].no}",
                              line_nos=[ln.no for ln in part])
        except NoteError as err:
            for ln in part:
                self.s.unparsed.append(ln)
            self.s.diagnostics.append(Diagnostic(self.file, err.line, err.expected, err.found, "error"))
            return size
        note.span = Span(self.file, part[0].no, part[-1].last)
        last = self.s.units[-1].eid if self.s.units else None
        ctx = _NoteCtx(note, self.zone, self.chapter, self.section, self.point, last, part=self.part,
                       annex=self.annex_eid)
        self.pending.append(ctx)
        self.notes.append(ctx)
        return size

    # --- zones -------------------------------------------------------------------------

    def header(self, lines: list[Line]) -> int:
        end = next((k for k, ln in enumerate(lines) if H.ORDERING_FORMULA.search(ln.text)), None)
        self.kk_parts = any(H.KK_TARAU.match(ln.text) for ln in lines)
        if end is None:
            if lines and not any(H.ARTICLE.match(ln.text) for ln in lines):
                self.warn(lines[0], "a preamble ending with ПРИКАЗЫВАЮ/БҰЙЫРАМЫН (or the articles of a law)", "none in the file")
            end = -1
        i = 0
        hdr = self.s.header
        while i < len(lines):
            ln = lines[i]
            used = self.try_note(lines, i)
            if used:
                i += used
                continue
            text = ln.text
            if "front_matter" in ln.marks:
                self.bucket("front_matter", ln)
                i += 1
                continue
            m = H.ACT_LINE.match(cut_repeal(text))
            if m and hdr.date is None:
                self._act_line(m, ln)
            elif "requisites" in ln.marks and hdr.date is None and (
                from_requisite(hdr, cut_repeal(text), "text") or from_requisite_kk(hdr, cut_repeal(text), "text")
            ):
                self.bucket("act_line", ln)
            elif H.ARTEFACT.match(text):
                self.bucket("artefact", ln)
            elif hdr.title is None and _looks_like_title(text):
                hdr.title = text
                self.add("title", "title", ln, None, text=text)
            elif _looks_like_letterhead(text):
                self.bucket("letterhead", ln)
            elif i >= end and end >= 0 or hdr.title is not None and (hdr.date is not None or end < 0):
                break
            elif hdr.title is None:
                hdr.title = text
                self.add("title", "title", ln, None, text=text)
            else:
                self.unparsed(ln, "the act's title, its 'Приказ … от … №' line or a note")
            i += 1
        hdr.span = Span(self.file, lines[0].no, lines[max(i - 1, 0)].last) if lines else None
        return i

    def _act_line(self, m, ln: Line) -> None:
        from .dates import parse_date

        hdr = self.s.header
        try:
            hdr.sources.update(dict.fromkeys(("issuer", "date", "number"), "text"))
            if m.group("issuer_ru"):
                hdr.act_type = "приказ"
                hdr.issuer = m.group("issuer_ru")
                hdr.date = parse_date(m.group("date_ru"))
                hdr.number = m.group("num_ru")
                if m.group("reg_num"):
                    hdr.registration = {"date": parse_date(m.group("reg_date")), "number": m.group("reg_num")}
                    hdr.sources["registration"] = "text"
            else:
                hdr.act_type = "бұйрық"
                hdr.issuer = m.group("issuer_kk")
                hdr.date = parse_date(m.group("date_kk"))
                hdr.number = m.group("num_kk")
        except ValueError as err:
            self.warn(ln, "a valid date in the act line", str(err), "error")
        self.bucket("act_line", ln)

    def body(self, lines: list[Line], i: int) -> int:
        """Preamble and ordering points (or a law's articles), up to the signature."""
        self.zone = "body"
        pre: list[Line] = []
        while i < len(lines):
            if self._heading(lines[i]) and not H.ORDERING_FORMULA.search(lines[i].text):
                break  # a law: the articles follow the preamble (or the title) directly
            used = self.try_note(lines, i)
            if used:
                i += used
                continue
            pre.append(lines[i])
            i += 1
            if H.ORDERING_FORMULA.search(pre[-1].text):
                break
        if pre:
            text = " ".join(ln.text for ln in pre)
            self.add("preamble", "preamble", Line(pre[0].no, text, pre[-1].last), None, text=text)
        while i < len(lines):
            ln = lines[i]
            used = self.try_note(lines, i)
            if used:
                i += used
                continue
            signs = H.SIGNATURE_ROLE.match(ln.text) or (  # any role, when the signatory's name follows
                i + 1 < len(lines) and H.SIGNATORY_NAME.match(lines[i + 1].text) and not H.point_number(ln.text))
            if signs and len(ln.text) < 90 and (self.point or self.article) and not ln.cell:
                return i
            if self._stamp_block(lines, i):
                return i  # no signature in this copy: the annex stamp follows the points
            self.line(ln, zone="body")
            i += 1
        return i

    def closing(self, lines: list[Line], i: int) -> int:
        """Signature, approval blocks and the annex stamp; returns where the annex title starts.

        In register markdown each block is a quote block (``> …`` lines with no blank line
        between them); in adilet text the approval block runs until the stamp.  A block never
        swallows a heading, a point, a note or a table: those end the closing zone.
        """
        self.zone = "closing"
        state = "signature"
        while i < len(lines):
            ln = lines[i]
            text = ln.text
            block = self._quote_block(lines, i)
            if state != "stamp" and (self._heading(ln) or ln.cell or is_note_start(text)
                                     or "form" in ln.marks or (H.point_number(text) and state != "signature")):
                return i
            if block and state != "stamp":
                joined = " ".join(b.text for b in block)
                if H.APPROVAL.match(block[0].text):
                    state = "approval"
                    for b in block:
                        self.bucket("approval", b)
                elif H.STAMP_TEXT.search(joined) or H.STAMP_TEXT.search(block[0].text):
                    for b in block:
                        self.bucket("annex_stamp", b)
                    return i + len(block)
                else:
                    for b in block:
                        self.bucket("signature" if state == "signature" else "approval", b)
                i += len(block)
                continue
            if state in ("signature", "signed", "approval") and H.APPROVAL.match(text):
                state = "approval"
                self.bucket("approval", ln)
            elif state == "stamp":
                self.bucket("annex_stamp", ln)
                if H.STAMP_END.search(text):
                    return i + 1
            elif H.STAMP_START.match(text) or "tab" in ln.marks:
                state = "stamp"
                self.bucket("annex_stamp", ln)
                if H.STAMP_END.search(text):
                    return i + 1
            elif state == "signature":
                self.bucket("signature", ln)
                if H.SIGNATORY_NAME.match(text):
                    state = "signed"
            elif state == "approval":
                self.bucket("approval", ln)
            elif state == "signed":
                if "anchor" in ln.marks or "markup_only" in ln.marks:
                    self.bucket("markup", ln)
                    i += 1
                    continue
                return i  # no stamp (000): the annex title follows the signature
            i += 1
        return i

    def _quote_block(self, lines: list[Line], i: int) -> list[Line]:
        """The quote block starting at ``lines[i]`` (register markdown), or []."""
        if "quote" not in lines[i].marks or is_note_start(lines[i].text):
            return []
        block = [lines[i]]
        k = i + 1
        while k < len(lines) and "quote" in lines[k].marks and lines[k].no == block[-1].last + 1 \
                and not is_note_start(lines[k].text):
            block.append(lines[k])
            k += 1
        return block

    def _stamp_block(self, lines: list[Line], i: int) -> list[Line]:
        """A stamp opening a (further) annex at ``lines[i]``: a quote block whose text is a
        stamp, or an adilet/PDF stamp line ("Приложение 2 к приказу …"); else []."""
        ln = lines[i]
        block = self._quote_block(lines, i)
        if block:
            joined = " ".join(b.text for b in block)
            if H.STAMP_TEXT.search(block[0].text) or (H.STAMP_TEXT.search(joined) and H.STAMP_END.search(joined)):
                return block
            return []
        if "stamp" in ln.marks and H.STAMP_TEXT.search(ln.text) and self.zone == "annex":
            return [ln]
        return []

    def annex(self, lines: list[Line], i: int) -> None:
        self.zone = "annex"
        self.start_annex("annex")
        i = self._annex_title(lines, i)
        while i < len(lines):
            ln = lines[i]
            if H.SUB_ANNEX.match(ln.text) and not any(x.cell for x in lines[i:]):
                self.s.sub_annex = lines[i:]  # a flattened table (PDF): the domain extractor reads it
                return
            stamp = self._stamp_block(lines, i)
            if stamp:
                joined = " ".join(b.text for b in stamp)
                m = H.ANNEX_NUMBER.search(joined)
                num = (m.group("ru") or m.group("kk")) if m else None
                eid = f"att_{num}" if num and f"att_{num}" not in self.by_eid else f"att_{self._next_att()}"
                for b in stamp:
                    self.bucket("annex_stamp", b)
                i += len(stamp)
                self.start_annex(eid)
                i = self._annex_title(lines, i)
                continue
            used = self.try_note(lines, i)
            if used:
                i += used
                continue
            self.line(ln, zone=self.annex_eid)
            i += 1

    def _next_att(self) -> int:
        n = 1
        while f"att_{n}" in self.by_eid:
            n += 1
        return n

    def start_annex(self, eid: str) -> None:
        self.annex_eid = eid
        self.part = self.chapter = self.section = self.article = self.point = self.subpoint = None
        self.card = False

    def _annex_title(self, lines: list[Line], i: int) -> int:
        """The annex's title: the lines before its first heading, point, note, table or stamp."""
        eid = self.annex_eid
        title: list[Line] = []
        while (i < len(lines) and not self._structural(lines[i]) and not is_note_start(lines[i].text)
               and not lines[i].cell and "form" not in lines[i].marks and not self._stamp_block(lines, i)):
            if "anchor" in lines[i].marks or "markup_only" in lines[i].marks:
                self.bucket("markup", lines[i])
            else:
                title.append(lines[i])
            i += 1
        if title:
            text = " ".join(ln.text for ln in title)
            self.add(eid, "annex", Line(title[0].no, text, title[-1].last), None, heading=text)
        elif i < len(lines):
            self.add(eid, "annex", Line(lines[i].no, "", lines[i].no), None, heading=None)
            if eid == "annex" and not lines[i].cell and not is_note_start(lines[i].text):
                # a further annex may open with its note or its table; the approved text has a title
                self.warn(lines[i], "the title of the annex before its first heading", lines[i].text)
        return i

    # --- lines of the body and the annexes ------------------------------------------------

    def _heading(self, ln: Line) -> bool:
        if ln.cell or "form" in ln.marks:
            return False
        t = ln.text
        return bool(H.PART.match(t) and (not H.PART.match(t).group("kk") or self.kk_parts)
                    or H.CHAPTER.match(t) or H.SECTION.match(t) or H.ARTICLE.match(t))

    def _structural(self, ln: Line) -> bool:
        return self._heading(ln) or bool(not ln.cell and H.point_number(ln.text))

    def _root(self) -> str:
        """The unit that headings of the current zone hang under."""
        return self.annex_eid if self.zone != "body" else ""

    def _prefix(self, parent: str | None) -> str:
        return f"{parent}__" if parent and parent != "annex" else ""

    def line(self, ln: Line, zone: str) -> None:
        """One line of the body or an annex: a heading, a table cell, a form, a point, or an alinea."""
        if "form" in ln.marks:  # before markup: a fence line opens or closes the form
            self.form_line(ln)
            return
        if "anchor" in ln.marks or "markup_only" in ln.marks:
            self.bucket("markup", ln)
            return
        if ln.cell is not None:
            self.cell_line(ln, zone)
            return
        if self.heading_line(ln):
            return
        if self.untitled is not None:
            unit, self.untitled = self.untitled, None
            if not H.point_number(ln.text) and not is_note_start(ln.text):
                unit.heading = ln.text
                unit.span = Span(self.file, unit.span.start, ln.last)
                return
        if not self.card and H.BARE_HEADING.match(ln.text):
            self.warn(ln, "a number after the heading word (e.g. 'Параграф 4.')", ln.text, "error")
        if self.card:
            pn = H.point_number(ln.text)
            if pn and H.CARD.match(pn[1]) and H.follows(self.last_point.get(zone), pn[0]):
                self.numbered(ln, zone=zone)
            else:
                self.alinea(ln)
            return
        if not self.numbered(ln, zone=zone):
            self.alinea(ln)

    def heading_line(self, ln: Line) -> bool:
        text = ln.text
        root = self._root() or None
        kk_part = None
        if self.kk_parts:
            kk_part = H.PART.match(text) if H.PART.match(text) and H.PART.match(text).group("kk") else None
        m = (H.PART.match(text) if H.PART.match(text) and H.PART.match(text).group("ru") else None) or kk_part
        if m and not self.card:
            num = m.group("ru") or m.group("kk")
            self.part = f"{self._prefix(root)}part_{num}"
            self.chapter = self.section = self.article = self.point = self.subpoint = None
            self.add(self.part, "part", ln, root, num=num, heading=m.group("title").strip())
            return True
        m = H.CHAPTER.match(text)
        if m and (not self.card or "flush" in ln.marks or "heading" in ln.marks):
            num = m.group("ru") or m.group("kk")
            parent = self.part or root
            self.card = False
            self.chapter = f"{self._prefix(parent)}chp_{num}"
            self.section = self.article = self.point = self.subpoint = None
            self.add(self.chapter, "chapter", ln, parent or ("annex" if self.zone != "body" else None),
                     num=num, heading=m.group("title").strip())
            return True
        m = H.SECTION.match(text)
        if m and not self.card:
            num = m.group("ru") or m.group("kk")
            parent = self.chapter or self.part or root
            self.section = f"{self._prefix(parent)}para_{num}"
            self.point = self.subpoint = None
            title = (m.group("title") or "").strip().rstrip(":").rstrip()  # "…мобильности:" (360 line 572)
            unit = self.add(self.section, "section", ln, parent or "annex", num=num, heading=title)
            self.untitled = unit if not title else None  # "Параграф 1." with its title on the next line
            return True
        m = H.ARTICLE.match(text)
        if m and not self.card:
            num = m.group("ru") or m.group("kk")
            parent = self.chapter or self.part or root
            self.article = f"{self._prefix(parent)}art_{num}"
            self.section = self.point = self.subpoint = self.last_sub = None
            self.last_point[self.article] = None
            title = m.group("title").strip()
            is_heading = "heading" in ln.marks or (len(title) < 160 and not title.endswith((":", ";")) and "." not in title[:-1])
            self.add(self.article, "article", ln, parent, num=num,
                     heading=title if is_heading else None, text="" if is_heading else title)
            if not is_heading:
                self.children[self.article] = 1  # its own first line is its абзац 1
            return True
        return False

    def cell_line(self, ln: Line, zone: str) -> None:
        """A line of an HTML table: one ``table`` unit per table, one ``cell`` unit per cell
        (its lines joined by a line break); never a heading or a point of the text."""
        c = ln.cell
        assert c is not None
        table = self.tables.get(c.table)
        if table is None:
            container = self.subpoint or self.point or self.section or self.article or self.chapter or self.part
            container = container or (self.annex_eid if self.zone != "body" else None)
            k = sum(1 for t in self.tables.values() if t.startswith(self._prefix(container))) + 1
            table = f"{self._prefix(container)}table_{k}"
            while table in self.by_eid:
                k += 1
                table = f"{self._prefix(container)}table_{k}"
            self.tables[c.table] = self.add(table, "table", ln, container, num=str(k)).eid
            table = self.tables[c.table]
        unit = self.cells.get((c.table, c.row, c.col))
        if unit is not None:
            unit.text = f"{unit.text}\n{ln.text}" if unit.text else ln.text
            unit.span = Span(self.file, unit.span.start, max(unit.span.end, ln.last))
            return
        pn = H.point_number(ln.text)
        if pn and H.CARD.match(pn[1]) and H.follows(self.last_point.get(zone), pn[0]):
            # "9. Карточка профессии «…»:" opening a card inside the table (716): a point of the text,
            # numbered on with the points around the table, its content the cell
            parent = self.section or self.article or self.chapter or self.part or self._root() or None
            self.last_point[zone] = pn[0]
            unit = self.add(f"{self._prefix(parent)}point_{pn[0]}", "point", ln, parent, num=pn[0], text=pn[1], cell=c)
        else:
            unit = self.add(f"{table}__row_{c.row + 1}__cell_{c.col + 1}", "cell", ln, table,
                            num=f"{c.row + 1}.{c.col + 1}", text=ln.text, cell=c)
        self.cells[(c.table, c.row, c.col)] = unit

    def form_line(self, ln: Line) -> None:
        """A form drawn in a code fence: one ``form`` unit per fence, kept as written."""
        if ln.text.startswith(("```", "~~~")):
            self.bucket("markup", ln)
            self.form = None  # a fence opens or closes a form
            return
        if self.form is not None:
            self.form.text = f"{self.form.text}\n{ln.text}"
            self.form.span = Span(self.file, self.form.span.start, ln.last)
            return
        container = self.subpoint or self.point or self.section or self.article or self.chapter or self.part
        container = container or (self.annex_eid if self.zone != "body" else None)
        k = 1 + sum(1 for u in self.s.units if u.kind == "form" and u.parent == container)
        self.form = self.add(f"{self._prefix(container)}form_{k}", "form", ln, container, num=str(k), text=ln.text)

    def numbered(self, ln: Line, zone: str) -> bool:
        """A point "N." or a subpoint "N)" in sequence; False if the line is neither."""
        pn = H.point_number(ln.text)
        key = self.article or zone
        prev = self.last_point.get(key)
        expected = None
        if pn and not H.follows(prev, pn[0]) and prev and zone != "body" and _is_point_heading(pn[1]):
            # A misnumbered point heading (002 line 1203 repeats "41." for 42): keep the
            # number as written, and let the sequence go on from the number it should have.
            expected = str(H.num_key(prev)[0] + 1)
            self.warn(ln, f"point {expected} after point {prev}", f"point {pn[0]}: {pn[1]}")
            self.explained.add(ln.no)
        if pn and (expected or H.follows(prev, pn[0])):
            num, text = pn
            parent = self.article or self.section or self.chapter or self.part or self._root() or None
            prefix = self._prefix(parent)
            if zone == "body" and not self.article and not self.chapter and not self.part:
                prefix, parent = "body__", None
            self.point, self.subpoint, self.last_sub = f"{prefix}point_{num}", None, None
            self.last_point[key] = expected or num
            self.card = bool(H.CARD.match(text))
            self.point = self.add(self.point, "point", ln, parent or ("annex" if zone == "annex" else None),
                                  num=num, text=text).eid  # a repeated number gets _2
            return True
        m = H.SUBPOINT.match(ln.text)
        if m and (self.point or self.article) and H.follows(self.last_sub, m.group("num")):
            num = m.group("num")
            host = self.point or self.article
            self.subpoint, self.last_sub = f"{host}__subpoint_{num}", num
            self.add(self.subpoint, "subpoint", ln, host, num=num, text=m.group("text").strip())
            return True
        if pn and zone != "body":
            base, _ = H.num_key(pn[0])
            prev = self.last_point.get(key)
            if prev and abs(base - H.num_key(prev)[0] - 1) <= 1 and base != H.num_key(prev)[0]:
                self.warn(ln, f"point {prev}'s successor", f"point {pn[0]} out of sequence; kept as an alinea")
        return False

    def alinea(self, ln: Line) -> None:
        container = self.subpoint or self.point or self.article or self.section or self.chapter or self.part
        if container is None:
            container = self.annex_eid if self.zone not in ("body", "header", "closing") else None
        if container is None:
            self.unparsed(ln, "a numbered point before this unnumbered line")
            return
        k = self.children.get(container, 1 if container in (self.point, self.subpoint) else 0) + 1
        self.children[container] = k
        prefix = "" if container == "annex" else f"{container}__"
        self.add(f"{prefix}al_{k}", "alinea", ln, container, num=str(k), text=ln.text)

def _is_point_heading(text: str) -> bool:
    """The opening words of a ТКХ point, which make a misnumbered point still a point."""
    return bool(H.POINT_HEADING.match(text))


def _looks_like_title(text: str) -> bool:
    return text.startswith(("Об ", "О ")) or text.endswith("туралы")


def _looks_like_letterhead(text: str) -> bool:
    return (text.startswith("Министерство") or text.endswith("министрлігі")) and len(text) < 120


def parse_structure(lines: list[Line], file: str) -> Structure:
    """Parse clean lines (pass 1 output) into units, notes, buckets and diagnostics."""
    b = _Builder(file)
    i = b.header(lines)
    i = b.body(lines, i)
    i = b.closing(lines, i)
    b.annex(lines, i)
    b.resolve_notes()
    b.s.diagnostics.extend(check_buckets(b.s.buckets, file))
    return b.s
