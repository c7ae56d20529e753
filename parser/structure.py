"""Pass 2: the hierarchy of an order — header, preamble, ordering points, signatures,
approval blocks, the annex stamp and the annex (chapters → sections → points →
subpoints → alineas), with every note read into an :class:`Amendment`.

Unit ids follow the Akoma Ntoso eId style and depend only on numbers, never on the
language, so the ru and kk texts of one act get the same ids:

* ``preamble``; ordering points ``body__point_2__subpoint_1``;
* the annex ``annex``; ``chp_2__para_4-1__point_12__al_3`` inside it;
* an annex of the annex (the staffing table of the Rules) ``att_1``.

Alinea numbering (the convention the notes use — checked by the tests against every
"Абзац N пункта M" note in the seeds): the point's own first line is абзац 1; each
following unnumbered line of the point is the next абзац; note lines are not counted.
So ``…__point_5__al_9`` is the ninth абзац, and "Абзац первый" is the point itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import headings as H
from .models import Amendment, Diagnostic, Header, Line, Span, Target, Unit
from .notes import NoteError, is_note_start, note_is_complete, parse_note


@dataclass
class Structure:
    header: Header
    units: list[Unit] = field(default_factory=list)
    notes: list[Amendment] = field(default_factory=list)
    buckets: dict[str, list[Line]] = field(default_factory=dict)
    unparsed: list[Line] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sub_annex: list[Line] = field(default_factory=list)  # lines of an annex of the annex (tables)


@dataclass
class _NoteCtx:
    note: Amendment
    zone: str  # "header" | "body" | "annex"
    chapter: str | None
    section: str | None
    point: str | None
    before: str | None  # last unit made before the note
    after: str | None = None  # first unit made after the note


class _Builder:
    def __init__(self, file: str):
        self.file = file
        self.s = Structure(header=Header())
        self.by_eid: dict[str, Unit] = {}
        self.children: dict[str | None, int] = {}  # alinea counters per container
        self.pending: list[_NoteCtx] = []
        self.notes: list[_NoteCtx] = []
        self.zone = "header"
        self.chapter: str | None = None
        self.section: str | None = None
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
            self.warn(line, f"a unit id not used before ({eid} is taken; this one is {eid}_{n})", line.text)
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
        ctx = _NoteCtx(note, self.zone, self.chapter, self.section, self.point, last)
        self.pending.append(ctx)
        self.notes.append(ctx)
        return size

    # --- zones -------------------------------------------------------------------------

    def header(self, lines: list[Line]) -> int:
        end = next((k for k, ln in enumerate(lines) if H.ORDERING_FORMULA.search(ln.text)), None)
        if end is None:
            if lines:
                self.warn(lines[0], "a preamble ending with ПРИКАЗЫВАЮ/БҰЙЫРАМЫН", "none in the file")
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
            m = H.ACT_LINE.match(text)
            if m and hdr.date is None:
                self._act_line(m, ln)
            elif H.ARTEFACT.match(text):
                self.bucket("artefact", ln)
            elif hdr.title is None and _looks_like_title(text):
                hdr.title = text
                self.add("title", "title", ln, None, text=text)
            elif _looks_like_letterhead(text):
                self.bucket("letterhead", ln)
            elif i >= end and end >= 0 or hdr.title is not None and hdr.date is not None:
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
            if m.group("issuer_ru"):
                hdr.issuer = m.group("issuer_ru")
                hdr.date = parse_date(m.group("date_ru"))
                hdr.number = m.group("num_ru")
                if m.group("reg_num"):
                    hdr.registration = {"date": parse_date(m.group("reg_date")), "number": m.group("reg_num")}
            else:
                hdr.issuer = m.group("issuer_kk")
                hdr.date = parse_date(m.group("date_kk"))
                hdr.number = m.group("num_kk")
        except ValueError as err:
            self.warn(ln, "a valid date in the act line", str(err), "error")
        self.bucket("act_line", ln)

    def body(self, lines: list[Line], i: int) -> int:
        """Preamble and ordering points, up to the signature."""
        self.zone = "body"
        pre: list[Line] = []
        while i < len(lines):
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
            if H.SIGNATURE_ROLE.match(ln.text) and len(ln.text) < 90 and self.point:
                return i
            if not self.numbered(ln, root="body", zone="body"):
                self.alinea(ln)
            i += 1
        return i

    def closing(self, lines: list[Line], i: int) -> int:
        """Signature, approval blocks and the annex stamp; returns where the annex title starts."""
        self.zone = "closing"
        state = "signature"
        while i < len(lines):
            ln = lines[i]
            text = ln.text
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
                return i  # no stamp (000): the annex title follows the signature
            i += 1
        return i

    def annex(self, lines: list[Line], i: int) -> None:
        self.zone = "annex"
        self.chapter = self.section = self.point = self.subpoint = None
        title: list[Line] = []
        while i < len(lines) and not self._structural(lines[i]) and not is_note_start(lines[i].text):
            title.append(lines[i])
            i += 1
        if title:
            text = " ".join(ln.text for ln in title)
            self.add("annex", "annex", Line(title[0].no, text, title[-1].last), None, heading=text)
        elif i < len(lines):
            self.add("annex", "annex", Line(lines[i].no, "", lines[i].no), None, heading=None)
            self.warn(lines[i], "the title of the annex before its first heading", lines[i].text)
        while i < len(lines):
            ln = lines[i]
            if H.SUB_ANNEX.match(ln.text):
                self.s.sub_annex = lines[i:]
                return
            used = self.try_note(lines, i)
            if used:
                i += used
                continue
            self.annex_line(ln)
            i += 1

    # --- annex lines -------------------------------------------------------------------

    def _structural(self, ln: Line) -> bool:
        return bool(H.CHAPTER.match(ln.text) or H.SECTION.match(ln.text) or H.point_number(ln.text))

    def annex_line(self, ln: Line) -> None:
        text = ln.text
        m = H.CHAPTER.match(text)
        if m and (not self.card or "flush" in ln.marks or "heading" in ln.marks):
            num = m.group("ru") or m.group("kk")
            self.card = False
            self.chapter, self.section, self.point, self.subpoint = f"chp_{num}", None, None, None
            self.add(self.chapter, "chapter", ln, "annex", num=num, heading=m.group("title").strip())
            return
        m = H.SECTION.match(text)
        if m and not self.card:
            num = m.group("ru") or m.group("kk")
            base = self.chapter or "annex"
            self.section = f"{self.chapter}__para_{num}" if self.chapter else f"para_{num}"
            self.point = self.subpoint = None
            self.add(self.section, "section", ln, base, num=num, heading=m.group("title").strip())
            return
        if not self.card and H.BARE_HEADING.match(text):
            self.warn(ln, "a number after the heading word (e.g. 'Параграф 4.')", text, "error")
        if self.card:
            pn = H.point_number(text)
            if pn and H.CARD.match(pn[1]) and H.follows(self.last_point.get("annex"), pn[0]):
                self.numbered(ln, root=None, zone="annex")
            else:
                self.alinea(ln)
            return
        if not self.numbered(ln, root=None, zone="annex"):
            self.alinea(ln)

    def numbered(self, ln: Line, root: str | None, zone: str) -> bool:
        """A point "N." or a subpoint "N)" in sequence; False if the line is neither."""
        pn = H.point_number(ln.text)
        prev = self.last_point.get(zone)
        expected = None
        if pn and not H.follows(prev, pn[0]) and prev and zone == "annex" and _is_point_heading(pn[1]):
            # A misnumbered point heading (002 line 1203 repeats "41." for 42): keep the
            # number as written, and let the sequence go on from the number it should have.
            expected = str(H.num_key(prev)[0] + 1)
            self.warn(ln, f"point {expected} after point {prev}", f"point {pn[0]}: {pn[1]}")
        if pn and (expected or H.follows(prev, pn[0])):
            num, text = pn
            parent = root or self.section or self.chapter or "annex"
            prefix = f"{parent}__" if parent not in (None, "annex") else ""
            if root == "body":
                prefix = "body__"
                parent = None
            self.point, self.subpoint, self.last_sub = f"{prefix}point_{num}", None, None
            self.last_point[zone] = expected or num
            self.card = bool(H.CARD.match(text))
            self.point = self.add(self.point, "point", ln, parent, num=num, text=text).eid  # a repeated number gets _2
            return True
        m = H.SUBPOINT.match(ln.text)
        if m and self.point and H.follows(self.last_sub, m.group("num")):
            num = m.group("num")
            self.subpoint, self.last_sub = f"{self.point}__subpoint_{num}", num
            self.add(self.subpoint, "subpoint", ln, self.point, num=num, text=m.group("text").strip())
            return True
        if pn and self.zone == "annex":
            base, _ = H.num_key(pn[0])
            prev = self.last_point.get(zone)
            if prev and abs(base - H.num_key(prev)[0] - 1) <= 1 and base != H.num_key(prev)[0]:
                self.warn(ln, f"point {prev}'s successor", f"point {pn[0]} out of sequence; kept as an alinea")
        return False

    def alinea(self, ln: Line) -> None:
        container = self.subpoint or self.point or self.section or self.chapter
        if container is None:
            container = "annex" if self.zone == "annex" else None
        if container is None:
            self.unparsed(ln, "a numbered point before this unnumbered line")
            return
        k = self.children.get(container, 1 if container in (self.point, self.subpoint) else 0) + 1
        self.children[container] = k
        prefix = "" if container == "annex" else f"{container}__"
        self.add(f"{prefix}al_{k}", "alinea", ln, container, num=str(k), text=ln.text)

    # --- note targets ------------------------------------------------------------------

    def resolve_notes(self) -> None:
        for ctx in self.notes:
            note = ctx.note
            note.target_eid = self._resolve(ctx, note.target)
            self.s.notes.append(note)

    def _resolve(self, ctx: _NoteCtx, t: Target | None) -> str | None:
        line = Line(ctx.note.span.start, ctx.note.text)
        if t is None:
            self.warn(line, "a target in the note", ctx.note.text)
            return None
        eid: str | None = None
        if t.scope == "act":
            return "act"
        if t.scope == "preamble":
            eid = "preamble"
        elif t.scope == "annex":
            eid = "annex"
        elif t.scope == "chapter":
            eid = f"chp_{t.chapter}"
        elif t.scope in ("section", "section_heading"):
            chapters = [ctx.chapter] if ctx.chapter else []
            chapters += [u.eid for u in self.s.units if u.kind == "chapter" and u.eid != ctx.chapter]
            eid = next((f"{c}__para_{t.section}" for c in chapters if f"{c}__para_{t.section}" in self.by_eid), None)
        elif t.scope in ("point", "alinea", "subpoint") and t.point:
            eid = self._point(ctx, t.point)
            if eid and t.scope == "alinea" and t.alinea and t.alinea > 1:
                eid = f"{eid}__al_{t.alinea}"
            if eid and t.scope == "subpoint" and t.subpoint:
                eid = f"{eid}__subpoint_{t.subpoint}"
        elif t.scope == "subpoint" and t.subpoint:
            # "Подпункт 9)" without a point: the point the note stands in (or precedes).
            host = self.by_eid.get(ctx.after or "")
            point = ctx.point
            if host is not None and host.kind == "subpoint":
                point = host.parent
            eid = f"{point}__subpoint_{t.subpoint}" if point else None
        if eid is None or eid not in self.by_eid:
            self.warn(line, f"a unit for the note's target {t.text!r}", f"no unit {eid}", "error")
            return eid
        if ctx.note.prospective and ctx.after and not _covers(ctx.after, eid):
            self.warn(line, f"the unit named by the note ({eid}) right after it", f"next unit is {ctx.after}")
        return eid

    def _point(self, ctx: _NoteCtx, num: str) -> str | None:
        zone_prefix = "body__" if ctx.zone == "body" else ""
        for u in self.s.units:
            if u.kind == "point" and u.num == num and u.eid.startswith(zone_prefix) and (
                ctx.zone == "body" or not u.eid.startswith("body__")
            ):
                return u.eid
        return None


def _covers(after: str, eid: str) -> bool:
    """The unit right after a prospective note is the named unit or its first line."""
    return after == eid


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
    return b.s
