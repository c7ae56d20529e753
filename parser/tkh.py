"""Pass 3 for ТКХ orders: positions with duties, must-know items and requirements.

Each Параграф of a ТКХ annex is one position.  Its points are recognised by their
opening words (ru and kk), the items are the point's alineas (one per абзац), and
every item keeps its unit id and source line.
"""

from __future__ import annotations

import re
from collections import defaultdict

from .models import Diagnostic, Item, Position, Unit

# The labels that open the points of a position, ru and kk, as ministries write them.  A new
# wording is a line here.
ROLE = [
    ("duties", re.compile(r"^(?:Должностные\s+обязанности|Лауазымдық\s+міндеттер[іi])\s*:?\s*", re.I)),
    ("must_know", re.compile(
        r"^(?:Должен\s+знать(?:\s+и\s+уметь\s+применять)?|Необходимо\s+знать|Должны\s+знать|Мыналарды|Мыныларды"
        r"|Білуге\s+тиіс(?:ті)?|Білуге\s+міндетті)\s*:?\s*",
        re.I)),
    ("requirements", re.compile(
        r"^(?:Требования\s+к\s+квалификации|Квалификационные\s+требования|Біліктілікке\s+қойылатын\s+талаптар"
        r"|Біліктілік\s+талаптары)\s*:?\s*", re.I)),
]
# The kk must-know list framed by its closing words only ("…нормаларды білуге тиіс."), with no
# label opening it (623): the point's own first line is the first item.
KK_MUST_KNOW_END = re.compile(r"білуге\s+(?:тиіс(?:ті)?|міндетті)\s*\.?\s*$", re.I)
# Requirements set by another act ("квалификационные требования, утвержденные приказом …"):
# a position without its own requirements point is then complete.
REQUIREMENTS_ELSEWHERE = re.compile(
    r"(?:квалификационн\w+\s+требовани\w+|требовани\w+\s+к\s+квалификации)[^.;]{0,200}?"
    r"(?:утвержд|установл|определ|предусмотрен)"
    r"|біліктілік\s+талаптар\w*[^.;]{0,200}?(?:бекітілген|белгіленген|көзделген)",
    re.I,
)

GROUP = [
    ("managers", re.compile(r"руководител|басшы", re.I)),
    ("specialists", re.compile(r"специалист|маман", re.I)),
    ("other_employees", re.compile(r"других\s+служащих|басқа\s+қызметшілер", re.I)),
]
# Words that make a title a manager's one; 580-НҚ has no chapter for its specialists,
# so "Юрист" would otherwise be filed under the chapter "…должностей руководителей".
MANAGER_TITLE = re.compile(
    r"директор|руководител|заместител|начальник|заведующ|басшы|орынбасар|меңгеруш|бастығ|бастық", re.I
)

# Category labels of requirements, longest first: "высшей категории – …", "жоғары санатты: …".
CATEGORY = [
    ("highest", re.compile(r"^(?P<label>высшей\s+категории|высшая\s+категория|жоғары\s+санатты)\s*[:–-]?\s*", re.I)),
    ("first", re.compile(r"^(?P<label>первой\s+категории|первая\s+категория|бірінші\s+санатты)\s*[:–-]?\s*", re.I)),
    ("second", re.compile(r"^(?P<label>второй\s+категории|вторая\s+категория|екінші\s+санатты)\s*[:–-]?\s*", re.I)),
    ("none", re.compile(r"^(?P<label>без\s+категории|санатсыз)\s*[:–-]?\s*", re.I)),
]
# "специалист высшего уровня квалификации:" / "Жоғары біліктілік деңгейіндегі маман:"
LEVEL = [
    ("higher_level", re.compile(r"^(?P<label>специалист\s+высшего\s+уровня\s+квалификации|жоғары\s+біліктілік\s+деңгейіндегі\s+маман)\s*:\s*$", re.I)),
    ("middle_level", re.compile(r"^(?P<label>специалист\s+среднего\s+уровня\s+квалификации|орташа\s+біліктілік\s+деңгейіндегі\s+маман)\s*:\s*$", re.I)),
]
# A Russian duty starts with a verb in the 3rd person ("осуществляет", "способствует");
# the sub-items of "… по:" / "осуществляет:" are nouns ("реализации …", "отправку …").
RU_VERB = re.compile(r"^\w+(?:ет|ит|ют|ят|ется|ится|ются|ятся)\b")


def role_of(text: str) -> tuple[str, str] | None:
    """``"Должен знать:"`` -> ``("must_know", "")``; inline text after the colon is returned
    (a label closed by a period, "Должностные обязанности.", has none).

    >>> role_of("Должностные обязанности."), role_of("Требования к квалификации: высшее")
    (('duties', ''), ('requirements', 'высшее'))
    """
    for role, rx in ROLE:
        m = rx.match(text)
        if m:
            inline = text[m.end() :].strip()
            return role, "" if inline in (".", ";", ":", "-", "–") else inline
    return None


def group_of(heading: str | None) -> str | None:
    if not heading:
        return None
    for name, rx in reversed(GROUP):  # "других служащих" before the generic words
        if rx.search(heading):
            return name
    return None


def extract_positions(units: list[Unit], file: str) -> tuple[list[Position], list[Diagnostic]]:
    """Positions of a ТКХ annex from its units (pass 2 output)."""
    kids: dict[str | None, list[Unit]] = defaultdict(list)
    by_eid = {u.eid: u for u in units}
    for u in units:
        kids[u.parent].append(u)
    out: list[Position] = []
    diags: list[Diagnostic] = []
    for sec in (u for u in units if u.kind == "section"):
        chapter = by_eid.get(sec.parent or "")
        group = group_of(chapter.heading if chapter else None)
        basis = "chapter heading"
        if group == "managers" and not MANAGER_TITLE.search(sec.heading or ""):
            group, basis = "specialists", "title (the chapter heading names managers only)"
        pos = Position(
            id=sec.eid, num=sec.num or "", title=sec.heading or "", group=group, group_basis=basis,
            chapter=chapter.eid if chapter and chapter.kind == "chapter" else None, span=sec.span,
        )
        excluder = _excluded(sec, by_eid)
        if excluder:
            pos.excluded, pos.excluded_by = True, excluder
        points = [p for p in kids[sec.eid] if p.kind == "point"]
        for point in points:
            found = role_of(point.text)
            if not found and "must_know" not in pos.points and _framed_must_know(point, kids):
                found = ("must_know", point.text)  # kk: the list itself, closed by "… білуге тиіс."
            if not found:
                diags.append(Diagnostic(file, point.span.start, "Должностные обязанности / Должен знать / Требования к квалификации", point.text, "warning"))
                continue
            role, inline = found
            pos.points[role] = point.eid
            lines = _descendants(point.eid, kids)
            if inline:
                lines.insert(0, Unit(point.eid, "point", point.span, text=inline))
            items = [Item(u.eid, u.text, u.span.start) for u in lines]
            if role == "duties":
                pos.duties = _nest(items)
            elif role == "must_know":
                pos.must_know = items
            else:
                pos.requirements = _categorise(items)
        if not points and not pos.excluded:
            diags.append(Diagnostic(file, sec.span.start, "the points of the position", "none", "warning"))
        if "requirements" not in pos.points and any(
            REQUIREMENTS_ELSEWHERE.search(u.text or "") for u in _descendants(sec.eid, kids)
        ):
            pos.points["requirements_elsewhere"] = next(
                u.eid for u in _descendants(sec.eid, kids) if REQUIREMENTS_ELSEWHERE.search(u.text or ""))
        out.append(pos)
    return out, diags


def _excluded(unit: Unit, by_eid: dict[str, Unit]) -> str | None:
    """The note excluding ``unit`` or one of the units above it, if any."""
    u: Unit | None = unit
    while u is not None:
        if u.excluded_by:
            return u.excluded_by
        u = by_eid.get(u.parent or "")
    return None


def _framed_must_know(point: Unit, kids: dict[str | None, list[Unit]]) -> bool:
    """A kk point with no label whose list closes with "… білуге тиіс."."""
    lines = [point, *_descendants(point.eid, kids)]
    return bool(KK_MUST_KNOW_END.search(lines[-1].text or ""))


def _descendants(eid: str, kids: dict[str | None, list[Unit]]) -> list[Unit]:
    out: list[Unit] = []
    for u in kids[eid]:
        out.append(u)
        out.extend(_descendants(u.eid, kids))
    return out


def _nest(items: list[Item]) -> list[Item]:
    """Keep the sub-items of "координирует … по:" under their parent duty."""
    out: list[Item] = []
    parent: Item | None = None
    for it in items:
        if parent is not None and not RU_VERB.match(it.text):
            parent.children.append(it)
            continue
        parent = it if it.text.rstrip().endswith(":") else None
        out.append(it)
    return out


def _categorise(items: list[Item]) -> list[Item]:
    """Label requirement items with their category, and nest them under a level heading."""
    out: list[Item] = []
    level: Item | None = None
    for it in items:
        lv = next(((name, m) for name, rx in LEVEL if (m := rx.match(it.text))), None)
        if lv:
            it.category, it.label = lv[0], lv[1].group("label")
            level = it
            out.append(it)
            continue
        cat = next(((name, m) for name, rx in CATEGORY if (m := rx.match(it.text))), None)
        if cat:
            it.category, it.label = cat[0], cat[1].group("label")
        if level is not None and cat:
            level.children.append(it)
        else:
            level = None if not cat else level
            out.append(it)
    return out
