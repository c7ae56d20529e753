"""Note targets → unit ids: "Пункт 11" → ``chp_2__para_3__point_11``, "Раздел 3" → ``part_3``.

The structure builder records, for each note, where it stood (zone, part, chapter, section,
point, the units just before and after it); :class:`TargetResolver` reads the note's target
words (:class:`~parser.models.Target`) against the units the builder made.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Amendment, Line, Target


@dataclass
class NoteCtx:
    note: Amendment
    zone: str  # "header" | "body" | "annex"
    chapter: str | None
    section: str | None
    point: str | None
    before: str | None  # last unit made before the note
    after: str | None = None  # first unit made after the note
    part: str | None = None
    annex: str = "annex"


class TargetResolver:
    """Mixed into the structure builder: needs ``by_eid``, ``s`` (units, notes), ``notes``,
    ``kk_parts`` and ``warn``."""


    def resolve_notes(self) -> None:
        for ctx in self.notes:
            note = ctx.note
            note.target_eid = self._resolve(ctx, note.target)
            self.s.notes.append(note)
            unit = self.by_eid.get(note.target_eid or "")
            if note.kind == "removed" and unit is not None and not note.prospective:
                unit.excluded_by = note.id  # kept in the model, as excluded (number, act and date in the note)

    def _resolve(self, ctx: NoteCtx, t: Target | None) -> str | None:
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
        elif t.scope == "part" or t.scope == "chapter" and self.kk_parts and "бөлім" in t.text:
            eid = self._numbered_unit("part", t.part or t.chapter, [None])
        elif t.scope in ("chapter", "chapter_heading"):
            eid = self._numbered_unit("chapter", t.chapter, [ctx.part])
        elif t.scope == "article":
            eid = self._numbered_unit("article", t.article, [ctx.part])
        elif t.scope in ("section", "section_heading"):
            chapters = [c for c in (ctx.chapter, ctx.part) if c]
            chapters += [u.eid for u in self.s.units if u.kind in ("chapter", "part") and u.eid not in chapters]
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

    def _numbered_unit(self, kind: str, num: str | None, parents: list[str | None]) -> str | None:
        """The unit of ``kind`` numbered ``num`` nearest the note: under one of ``parents``
        first (the part the note stands in), else the first of that number."""
        found = [u for u in self.s.units if u.kind == kind and u.num == num]
        for parent in parents:
            for u in found:
                if parent is None or u.parent == parent:
                    return u.eid
        return found[0].eid if found else f"{kind}_{num}"

    def _point(self, ctx: NoteCtx, num: str) -> str | None:
        zone_prefix = "body__" if ctx.zone == "body" else ""
        points = [u for u in self.s.units if u.kind == "point" and u.num == num and u.eid.startswith(zone_prefix)
                  and (ctx.zone == "body" or not u.eid.startswith("body__"))]
        if ctx.zone != "body":  # points restart in each annex: the note's own annex first
            own = [u for u in points if (ctx.annex == "annex") == (not u.eid.startswith("att_"))
                   and (ctx.annex == "annex" or u.eid.startswith(f"{ctx.annex}__"))]
            points = own or points
        return points[0].eid if points else None


def _covers(after: str, eid: str) -> bool:
    """The unit right after a prospective note is the named unit or its first line."""
    return after == eid
