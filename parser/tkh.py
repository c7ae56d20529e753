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

# The grades of a specialist and the levels they stand under, as the texts word them, ru and kk
# side by side.  A new wording is a line here.  A level heading stands alone on its line ("…:");
# a category opens its requirement, followed by ":" or a dash ("высшей категории – …", "жоғары
# санат –…"; "бірінші санатты жоғары деңгейлі … маманы" names no category of its own), alone or
# with the position named before it (ru "Психолог I категории: …", "специалист без категории: …")
# or after it (kk "I санатты психолог: …").
CATEGORY_WORDS: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    # category   ru                                                     kk
    ("highest",  ("высшей категории", "высшая категория"),              ("жоғары санатты", "жоғары санат")),
    ("first",    ("первой категории", "первая категория", "I категории"), ("бірінші санатты", "бірінші санат",
                                                                          "I санатты")),
    ("second",   ("второй категории", "вторая категория", "II категории"), ("екінші санатты", "екінші санат",
                                                                           "II санатты")),
    ("none",     ("без категории",),                                    ("санатсыз",)),
]
# Categories named by a job title (360 ch. 2 §6–7: "наставник: …", "кейс-менеджер: …" — "в должности
# специалиста высшего уровня квалификации категории "кейс-менеджер""); always followed by ":".
NAMED_CATEGORY_WORDS: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    ("mentor",            ("наставник",),             ()),
    ("case_manager",      ("кейс-менеджер",),         ()),
    ("career_consultant", ("карьерный консультант",), ()),
]
LEVEL_WORDS: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    # level
    #   ru
    #   kk
    ("higher_level",
     ("специалист высшего уровня квалификации",),
     ("жоғары біліктілік деңгейіндегі маман", "жоғары деңгейлі біліктілікке ие маман")),
    ("middle_level",
     ("специалист среднего уровня квалификации",),
     ("орташа біліктілік деңгейіндегі маман",)),
    ("higher_and_middle_level",
     ("специалист высшего и среднего уровня квалификации",),
     ()),
]


def _words_rx(table: list[tuple[str, tuple[str, ...], tuple[str, ...]]]) -> str:
    """An alternation of every wording in ``table``, longest first, spaces as ``\\s+``."""
    words = sorted({w for _, ru, kk in table for w in (*ru, *kk)}, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)


def _lookup(table: list[tuple[str, tuple[str, ...], tuple[str, ...]]]) -> dict[str, str]:
    return {" ".join(w.lower().split()): name for name, ru, kk in table for w in (*ru, *kk)}


_WORD = r"[^\W\d][\w-]*"  # a word that is not a number
CATEGORY_RX = re.compile(
    rf"""^(?P<label>
        (?P<before>(?:{_WORD}\s+){{1,2}})?         # ru: the position before: "Психолог I категории"
        (?P<word>{_words_rx(CATEGORY_WORDS)}|{_words_rx(NAMED_CATEGORY_WORDS)})
        (?P<after>(?:\s+{_WORD}){{1,2}})?          # kk: the position after: "I санатты психолог"
    )(?!\w)
    \s*(?P<sep>[:–—-])\s*                          # then ":" or a dash: "высшей категории – …"
    """,
    re.I | re.X,
)
LEVEL_RX = re.compile(rf"^(?P<label>{_words_rx(LEVEL_WORDS)})\s*:\s*$", re.I)
_CATEGORY_OF = _lookup(CATEGORY_WORDS)
_NAMED_OF = _lookup(NAMED_CATEGORY_WORDS)
_LEVEL_OF = _lookup(LEVEL_WORDS)


def category_of(text: str) -> tuple[str, str] | None:
    """The category a requirement opens with, and its label as written.

    >>> category_of("Психолог I категории: высшее …"), category_of("жоғары санат –бірінші …")
    (('first', 'Психолог I категории'), ('highest', 'жоғары санат'))
    >>> category_of("I санатты психолог: тиісті …"), category_of("наставник: высшее …")
    (('first', 'I санатты психолог'), ('mentor', 'наставник'))
    >>> category_of("высшее (или послевузовское) образование без категории – …") is None
    True
    """
    m = CATEGORY_RX.match(text)
    if not m:
        return None
    word = " ".join(m.group("word").lower().split())
    return (_NAMED_OF.get(word) or _CATEGORY_OF[word]), m.group("label")


def level_of(text: str) -> tuple[str, str] | None:
    """The qualification level a requirement line heads, and its label as written.

    >>> level_of("Жоғары деңгейлі біліктілікке ие маман:")
    ('higher_level', 'Жоғары деңгейлі біліктілікке ие маман')
    """
    m = LEVEL_RX.match(text)
    return (_LEVEL_OF[" ".join(m.group("label").lower().split())], m.group("label")) if m else None


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
        basis = "chapter heading" if group else None
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
    """Label requirement items with their category or level (the label kept as written), and nest
    every item after a level heading under it, up to the next level heading."""
    out: list[Item] = []
    level: Item | None = None
    for it in items:
        found = level_of(it.text)
        if found:
            it.category, it.label = found
            level = it
            out.append(it)
            continue
        found = category_of(it.text)
        if found:
            it.category, it.label = found
        (level.children if level is not None else out).append(it)
    return out
