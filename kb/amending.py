"""Resolve an amending instruction against the corpus: which act it amends, which unit.

:func:`resolve` takes one :class:`~parser.amending.AmendingInstruction` and the corpus's acts
(:class:`parser.corpus.Act`, or their ``act.json`` dicts) and answers with a
:class:`Resolution`: the work id of the amended act when it is in the corpus, and the AKN-style
unit id of the target inside it when one can be made (``art_3``, ``body__point_2``,
``chp_2__para_4__point_12__al_3``).  Applying the instruction is a later step.

The act is found by the first rule that gives exactly one act:

==================  ============================================================
method              what must agree
==================  ============================================================
``number+date``     number and date
``number+type``     number and kind of act (law, order, …); a date, if given, too
``date+type+title`` date, kind and title (quotes, case and spaces aside)
``date+type``       date and kind, when no title is written
==================  ============================================================

Unit ids follow :mod:`parser.structure`: the ordering points of an order are ``body__point_N``;
the approved annex is ``annex`` and the units inside it carry no ``annex`` prefix (points run
through the annex, so with the act's unit ids at hand "пункт 12" is found under its chapter and
section: ``chp_2__para_4__point_12``); articles of a law are ``art_N``; "абзац первый" of a point
is the point itself.  A table column or row, a heading, a sentence have no unit id yet: the id of
the enclosing unit is given with status ``enclosing``.

Statuses: ``resolved`` (act and unit), ``enclosing`` (act, and the unit that holds the target),
``act`` (act found, no unit id: the reason says why), ``unresolved`` (no act: the reason says why).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from parser.amending import ActTarget, AmendingInstruction, Source, Step

__all__ = ["ActIndex", "Resolution", "find_act", "instruction_from_dict", "resolve", "unit_eid"]


@dataclass(frozen=True)
class Resolution:
    status: str  # "resolved" | "enclosing" | "act" | "unresolved"
    work: str | None = None
    eid: str | None = None  # the target unit; None for the whole act
    new_eid: str | None = None  # insert: the id the new unit gets
    method: str | None = None  # how the act was found (see the module docstring)
    reason: str | None = None


# AKN eId prefixes by unit kind (parser.structure and CORPUS.md's table).
PREFIX = {
    "division": "dvs", "chapter": "chp", "section": "para", "article": "art", "part": "part",
    "point": "point", "subpoint": "subpoint", "alinea": "al",
}
# Kinds inside a unit that have no unit id of their own yet.
INNER = ("sentence", "table", "category", "class", "subclass", "specific", "row", "column", "note", "heading")
# Acts whose numbered points stand in an ordering part ("body__") before an approved annex.
ORDER_LIKE = ("order", "resolution", "decree", "disposition", "decision")


def instruction_from_dict(d: Mapping[str, Any]) -> AmendingInstruction:
    """An instruction back from its JSON form (``Document.instructions`` holds dicts)."""

    def step(x: Mapping[str, Any] | None) -> Step | None:
        return None if x is None else Step(x["kind"], x.get("num"), x.get("name"), x.get("text") or "")

    act = d.get("act")
    span = d.get("span") or {}
    return AmendingInstruction(
        verb=d["verb"], lang=d.get("lang") or "ru", text=d.get("text") or "", target=d.get("target") or "",
        act=ActTarget(**act) if act else None, path=tuple(step(x) for x in d.get("path") or ()),
        span=Source(span.get("file", ""), span.get("eid", ""), span.get("line", 0), span.get("end", 0),
                    tuple(span.get("eids") or ())),
        new_unit=step(d.get("new_unit")), new_text=d.get("new_text"), new_text_ref=d.get("new_text_ref"),
        old_words=d.get("old_words"), new_words=d.get("new_words"), after_words=d.get("after_words"),
        context=tuple(d.get("context") or ()),
    )


def _meta(act: Any) -> dict[str, Any]:
    return act.meta if hasattr(act, "meta") else act


def _norm_number(n: str | None) -> str:
    return re.sub(r"[\s№]", "", n or "").casefold()


def _norm_title(t: str | None) -> str:
    t = (t or "").casefold().replace("ё", "е")
    t = re.sub(r"[«»\"“”„]", "", t)
    return " ".join(t.split())


def _titles(meta: dict[str, Any]) -> set[str]:
    title = meta.get("title")
    values = title.values() if isinstance(title, dict) else [title]
    return {_norm_title(v) for v in values if v}


class ActIndex:
    """The corpus's acts (``act.json`` dicts, in their order) indexed for :func:`find_act` and
    :func:`resolve`: by number and by date, so that each instruction looks at the few acts that
    can match instead of every act of the corpus.  The lists keep the acts' order."""

    def __init__(self, acts: Iterable[Any]) -> None:
        self.metas = [_meta(a) for a in acts]
        self.by_number: dict[str, list[dict[str, Any]]] = {}
        self.by_date: dict[Any, list[dict[str, Any]]] = {}
        self.types: dict[str, Any] = {}
        for m in self.metas:
            self.by_number.setdefault(_norm_number(m.get("number")), []).append(m)
            self.by_date.setdefault(m.get("date"), []).append(m)
            self.types.setdefault(m["work"], m.get("type"))


def find_act(ref: ActTarget, acts: Iterable[Any] | ActIndex) -> tuple[str | None, str | None, str | None]:
    """(work id, method, reason): the corpus act ``ref`` names, or None and why not."""
    index = acts if isinstance(acts, ActIndex) else ActIndex(acts)
    number, date, kind, title = _norm_number(ref.number), ref.date, ref.type, _norm_title(ref.title)
    rules: list[tuple[str, list[dict[str, Any]], Any]] = []
    if number and date:
        rules.append(("number+date", index.by_number.get(number, []), lambda m: m.get("date") == date))
    if number and kind:
        rules.append(("number+type", index.by_number.get(number, []),
                      lambda m: m.get("type") == kind and (not date or m.get("date") == date)))
    if date and kind and title:
        rules.append(("date+type+title", index.by_date.get(date, []),
                      lambda m: m.get("type") == kind and title in _titles(m)))
    if date and kind and not title:
        rules.append(("date+type", index.by_date.get(date, []), lambda m: m.get("type") == kind))
    if not rules:
        return None, None, f"the act is named without a date or number: {ref.text!r}"
    for method, candidates, ok in rules:
        found = [m for m in candidates if ok(m)]
        if len(found) == 1:
            return found[0]["work"], method, None
        if len(found) > 1:
            works = ", ".join(m["work"] for m in found)
            return None, None, f"{len(found)} acts of the corpus match by {method}: {works}"
    what = " ".join(x for x in (kind or "act", f"№ {ref.number}" if ref.number else "",
                                f"of {date}" if date else "", f"{ref.title!r}" if ref.title else "") if x)
    return None, None, f"not in the corpus: {what}"


def unit_eid(path: tuple[Step, ...], act_type: str | None) -> tuple[str | None, bool, str | None]:
    """(eid, exact, reason) of a path inside an act of kind ``act_type``.

    ``exact`` is False when the path ends in a part of a unit without an id (a table column,
    a heading): the eid is then the enclosing unit's.  The eid is None for the whole act, or
    with a reason when no id can be made.

    >>> unit_eid((Step("article", "3"), Step("alinea", "7")), "law")
    ('art_3__al_7', True, None)
    >>> unit_eid((Step("point", "5"), Step("subpoint", "2")), "order")
    ('body__point_5__subpoint_2', True, None)
    >>> unit_eid((Step("annex"), Step("point", "9"), Step("alinea", "1")), "order")
    ('point_9', True, None)
    """
    if not path:
        return None, True, None
    segs: list[str] = []
    annex = False
    exact = True
    for k, step in enumerate(path):
        if step.kind == "annex":
            if step.num not in (None, "1") or k:
                return None, False, f"{step.text or 'annex'!s}: only one approved annex ('annex') has an id"
            annex = True
            continue
        if step.kind == "preamble":
            segs.append("preamble")
            continue
        if step.kind in INNER:
            exact = False
            break
        prefix = PREFIX.get(step.kind)
        if prefix is None or step.num is None:
            return None, False, f"no unit id for {step.text or step.kind!r}"
        in_point = bool(segs) and segs[-1].startswith(("point_", "subpoint_"))
        if step.kind == "alinea" and step.num == "1" and in_point:
            continue  # "абзац первый" of a point is the point itself
        segs.append(f"{prefix}_{step.num}")
    if not segs:
        return ("annex" if annex else None), exact, (None if annex or exact else
                                                      f"no unit id for {path[-1].text or path[-1].kind!r}")
    if not annex and act_type in ORDER_LIKE and segs[0].startswith("point_"):
        segs.insert(0, "body")
    return "__".join(segs), exact, None


def _find_unit(eid: str, known: set[str]) -> str | None:
    """``eid`` itself, or the one unit whose id ends with it (a point under its chapter/section)."""
    if eid in known:
        return eid
    found = [k for k in known if k.endswith("__" + eid) and not k.startswith("body__")]
    return found[0] if len(found) == 1 else None


def resolve(
    instruction: AmendingInstruction,
    acts: Iterable[Any] | ActIndex,
    units: Mapping[str, Iterable[str]] | None = None,
) -> Resolution:
    """Resolve ``instruction`` against the corpus ``acts`` (or their :class:`ActIndex`, made once
    for many instructions); ``units`` (work id → the unit ids of its text), when given, checks the
    unit id and finds annex points under their chapter/section."""
    if instruction.act is None:
        return Resolution("unresolved", reason="the instruction names no act, and no umbrella gives one")
    index = acts if isinstance(acts, ActIndex) else ActIndex(acts)
    work, method, reason = find_act(instruction.act, index)
    if work is None:
        return Resolution("unresolved", reason=reason)
    act_type = index.types.get(work)
    eid, exact, reason = unit_eid(instruction.path, act_type)
    if reason:
        return Resolution("act", work, method=method, reason=reason)
    known = set(units[work]) if units is not None and work in units else None
    if eid is not None and known is not None:
        found = _find_unit(eid, known)
        if found is None:
            return Resolution("act", work, method=method, reason=f"no unit {eid} in {work}")
        eid = found
    new_eid = None
    if instruction.verb == "insert" and instruction.new_unit is not None and exact:
        new_eid, _, _ = unit_eid((*instruction.path, instruction.new_unit), act_type)
        if eid and new_eid and not new_eid.startswith(eid) and instruction.path:
            new_eid = f"{eid}__{new_eid.rsplit('__', 1)[-1]}"  # the found (chapter/section) prefix
    status = "resolved" if exact else "enclosing"
    reason = None if exact else f"{instruction.path[-1].text!r} has no unit id; eid is the unit holding it"
    return Resolution(status, work, eid, new_eid, method, reason)
