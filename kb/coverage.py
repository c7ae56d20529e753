"""What a note covers: the units whose text an amendment note speaks of, and per edition the
notes covering each unit."""

from __future__ import annotations

from collections.abc import Sequence

from parser.models import Amendment, Document, Unit

from .editions import EditionText
from .intervals import _announced, _applies_to_text, _note_key

__all__ = ["covered_eids"]


def _units_by_eid(doc: Document) -> dict[str, Unit]:
    return {u.eid: u for u in doc.units}


_ADDED_KINDS = {
    "параграф": "section",
    "пункт": "point",
    "подпункт": "subpoint",
    "глава": "chapter",
    "абзац": "alinea",
    "тармақ": "point",
    "тармақша": "subpoint",
    "тарау": "chapter",
    "бөлім": "chapter",
}


class _Tree:
    """Parent / children maps of one document's units."""

    def __init__(self, units: Sequence[Unit]):
        self.units = {u.eid: u for u in units}
        self.children: dict[str | None, list[str]] = {}
        for u in units:
            self.children.setdefault(u.parent, []).append(u.eid)

    def subtree(self, eid: str) -> list[str]:
        out, stack = [], [eid]
        while stack:
            cur = stack.pop()
            if cur in self.units:
                out.append(cur)
            stack.extend(reversed(self.children.get(cur, [])))
        return out

    def ancestors(self, eid: str) -> list[str]:
        out, cur = [], self.units.get(eid)
        while cur is not None and cur.parent:
            out.append(cur.parent)
            cur = self.units.get(cur.parent)
        return out


def _added_eid(tree: _Tree, a: Amendment) -> str | None:
    """ "Глава 1 дополнена параграфом 4-1" → the eid of that paragraph under the target."""
    if not a.added_unit or not a.target_eid:
        return None
    words = a.added_unit.split()
    kind = next((v for k, v in _ADDED_KINDS.items() if words[0].lower().startswith(k)), None)
    num = words[-1] if len(words) > 1 else None
    if kind is None or num is None:
        return None
    hits = [e for e in tree.subtree(a.target_eid) if tree.units[e].kind == kind and tree.units[e].num == num]
    return hits[0] if len(hits) == 1 else None


def covered_eids(doc: Document, a: Amendment, tree: _Tree | None = None) -> list[str]:
    """The units whose text a note speaks of: "Пункт 7" → the point and its subpoints and
    alineas; "Абзац девятый пункта 5" → that alinea; "Заголовок параграфа 7" → the section
    unit (its heading) only; an applied "дополнена параграфом 4-1" → that paragraph's subtree
    (the whole target's when the new unit cannot be found); an announced addition → the target
    only (its new part is not in the corpus); the act → every unit.  Unresolved → []."""
    tree = tree or _Tree(doc.units)
    scope = a.target.scope if a.target else None
    if scope == "act":
        return list(tree.units)
    if not a.target_eid or a.target_eid not in tree.units:
        return []
    if scope in ("section_heading", "chapter_heading"):
        return [a.target_eid]
    if a.kind == "added":
        if a.prospective:
            return [a.target_eid]
        added = _added_eid(tree, a)
        return tree.subtree(added or a.target_eid)
    return tree.subtree(a.target_eid)


def _coverage(
    doc: Document,
    which: str,
    lang: str | None = None,
    out: dict[str, list[Amendment]] | None = None,
    eid_map: dict[str, str | None] | None = None,
) -> dict[str, list[Amendment]]:
    """eid → the notes of one kind ("applied" / "announced" / "added") covering it, in text order.

    "added": the applied notes that added the unit or a unit above it ("Глава 1 дополнена
    параграфом 4-1" → §4-1 and everything inside it) — where its existence starts.

    ``lang`` is the language of the text the notes are applied to (default: the document's):
    the notes of another language's expression of the same act and time speak of the same
    units — through ``eid_map`` (:func:`kb.align.align_eids`), since where the languages number
    their абзацы differently the same id names different items.  A unit with no counterpart
    gets no note.  A note already in ``out`` is not added twice.
    """
    lang = lang or doc.lang
    tree = _Tree(doc.units)
    out = {} if out is None else out
    for a in doc.amendments:
        if which == "added":
            added = _added_eid(tree, a) if a.kind == "added" and _applies_to_text(a, lang) else None
            eids = tree.subtree(added) if added else []
        elif (which == "applied" and _applies_to_text(a, lang)) or (which == "announced" and _announced(a)):
            eids = covered_eids(doc, a, tree)
        else:
            continue
        for eid in eids:
            if eid_map is not None:
                eid = eid_map.get(eid, eid)
                if eid is None:
                    continue
            have = out.setdefault(eid, [])
            if all(_note_key(b) != _note_key(a) for b in have):
                have.append(a)
    return out


def _same_time(e: EditionText, f: EditionText) -> bool:
    """Two expressions of the same moment of the act (same copy window, or same edition date)."""
    return e.kind == f.kind and e.window == f.window and e.date_from == f.date_from
