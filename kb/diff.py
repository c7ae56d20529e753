"""Differences between two texts of an act, and between two positions.

Unit ids are the same across editions and languages, so a structural diff is a join on
``eid``, not a guess: a unit is added, removed, changed, unchanged, or *flagged* (its text on
one side is not in the corpus, or the same text carries a flag such as "superseded").  A
changed text gets a word-level inline diff as segments ``("eq" | "ins" | "del", text)`` and as
HTML with ``<ins>`` / ``<del>``.

* :func:`diff_units` — two lists of units (parser :class:`~parser.models.Unit` or
  :class:`~kb.timeline.UnitView`);
* :func:`diff_as_of` — an act between two dates, through :func:`kb.timeline.as_of` views;
* :func:`diff_positions` — two ТКХ positions (possibly of different acts): duties, must-know
  items and requirements added / removed / common, matched by normalised text or by a
  resolver of the acts a must-know item names (:func:`act_key`).

All are pure functions.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from parser.models import Item, Position

from .timeline import AsOfView, EditionText, as_of

__all__ = [
    "Op",
    "ActDiff",
    "tokens",
    "inline_diff",
    "render_html",
    "diff_units",
    "diff_as_of",
    "normalise",
    "act_key",
    "diff_positions",
]

STATUSES = ("added", "removed", "changed", "unchanged", "flagged")


# --- word-level inline diff --------------------------------------------------------------------

_TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]")


def tokens(text: str) -> list[str]:
    """Words, runs of spaces and single punctuation marks; joined they give the text back.

    >>> tokens("пункт 7), «О языках»")
    ['пункт', ' ', '7', ')', ',', ' ', '«', 'О', ' ', 'языках', '»']
    """
    return _TOKEN_RE.findall(text)


def inline_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level changes from ``old`` to ``new`` as segments ``(op, text)``, op "eq" / "del" /
    "ins".  Within one changed stretch the deleted words come before the inserted ones, and a
    space between two changes joins the stretch (so "a b" → "c d" reads as one replacement).

    >>> inline_diff("в размерах установленных постановлением", "в размерах согласно Кодексу")
    [('eq', 'в размерах '), ('del', 'установленных постановлением'), ('ins', 'согласно Кодексу')]
    >>> inline_diff("same", "same")
    [('eq', 'same')]
    """
    a, b = tokens(old), tokens(new)
    raw: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            raw.append(("eq", "".join(a[i1:i2])))
        else:
            if i2 > i1:
                raw.append(("del", "".join(a[i1:i2])))
            if j2 > j1:
                raw.append(("ins", "".join(b[j1:j2])))
    out: list[tuple[str, str]] = []
    dels: list[str] = []
    ins: list[str] = []

    def flush() -> None:
        if dels:
            out.append(("del", "".join(dels)))
        if ins:
            out.append(("ins", "".join(ins)))
        dels.clear()
        ins.clear()

    for k, (op, text) in enumerate(raw):
        if op == "eq":
            # a space between two changes joins them into one stretch
            inside = (dels or ins) and not text.strip() and k + 1 < len(raw) and raw[k + 1][0] != "eq"
            if inside:
                dels.append(text)
                ins.append(text)
                continue
            flush()
            if out and out[-1][0] == "eq":
                out[-1] = ("eq", out[-1][1] + text)
            else:
                out.append(("eq", text))
        elif op == "del":
            dels.append(text)
        else:
            ins.append(text)
    flush()
    return [(op, t) for op, t in out if t]


def render_html(segments: Iterable[tuple[str, str]]) -> str:
    """Segments as HTML: equal text escaped, changes in ``<del>`` / ``<ins>``.

    >>> render_html([("eq", "a < b "), ("del", "old"), ("ins", "new")])
    'a &lt; b <del>old</del><ins>new</ins>'
    """
    parts = []
    for op, text in segments:
        esc = html.escape(text, quote=False)
        parts.append(esc if op == "eq" else f"<{op}>{esc}</{op}>")
    return "".join(parts)


# --- structural diff -------------------------------------------------------------------------


@dataclass(frozen=True)
class Op:
    """What happened to one unit between side a and side b.

    ``status``: "added" (only in b), "removed" (only in a), "changed" (both texts known and
    different; ``segments`` / ``html`` give the inline diff), "unchanged", "flagged" (a text
    not in the corpus on one side, or the same text with a flag).  ``old`` / ``new`` are the
    unit's heading and text on each side (None: absent or not in the corpus).  Flags ride
    along on every status.
    """

    status: str
    eid: str
    kind: str | None
    old: str | None
    new: str | None
    segments: tuple[tuple[str, str], ...] = ()
    html: str = ""
    flags_a: tuple[dict[str, Any], ...] = ()
    flags_b: tuple[dict[str, Any], ...] = ()
    source_a: tuple[str, int] | None = None
    source_b: tuple[str, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status, "eid": self.eid, "kind": self.kind, "old": self.old, "new": self.new,
            "segments": [list(s) for s in self.segments], "html": self.html,
            "flags_a": list(self.flags_a), "flags_b": list(self.flags_b),
            "source_a": list(self.source_a) if self.source_a else None,
            "source_b": list(self.source_b) if self.source_b else None,
        }


def _content(u: Any) -> str | None:
    """Heading and text of a Unit or UnitView (None: the text is not in the corpus)."""
    if hasattr(u, "content"):
        return u.content
    return "\n".join(p for p in (u.heading, u.text) if p)


def _source(u: Any) -> tuple[str, int] | None:
    if getattr(u, "source", None) is not None:
        return tuple(u.source)  # type: ignore[return-value]
    span = getattr(u, "span", None)
    return (span.file, span.start) if span is not None else None


def _flags(u: Any, extra: Mapping[str, Sequence[dict[str, Any]]] | None) -> tuple[dict[str, Any], ...]:
    own = tuple(getattr(u, "flags", ()) or ())
    more = tuple(extra.get(u.eid, ())) if extra else ()
    return own + more


def _order(a_ids: list[str], b_ids: list[str]) -> list[tuple[str | None, str | None]]:
    """Both id lists merged in reading order: pairs (id in a or None, id in b or None)."""
    out: list[tuple[str | None, str | None]] = []
    b_set, a_set = set(b_ids), set(a_ids)
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a_ids, b_ids, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend((x, x) for x in a_ids[i1:i2])
            continue
        for x in a_ids[i1:i2]:
            if x not in b_set:
                out.append((x, None))
        for y in b_ids[j1:j2]:
            out.append((y if y in a_set else None, y))
    return out


def diff_units(
    units_a: Iterable[Any],
    units_b: Iterable[Any],
    flags_a: Mapping[str, Sequence[dict[str, Any]]] | None = None,
    flags_b: Mapping[str, Sequence[dict[str, Any]]] | None = None,
) -> list[Op]:
    """Join two unit lists on ``eid`` and say what happened to each unit, in reading order
    (b's order, with removed units where they stood in a).

    Units are parser ``Unit`` or ``timeline.UnitView`` (whose own flags are used); ``flags_a`` /
    ``flags_b`` map eid → extra flags, and an unchanged unit with a flag becomes "flagged".
    """
    a = {u.eid: u for u in units_a}
    b = {u.eid: u for u in units_b}
    ops: list[Op] = []
    for ea, eb in _order(list(a), list(b)):
        if ea is not None and eb is None:
            u = a[ea]
            ops.append(Op("removed", ea, u.kind, _content(u), None, flags_a=_flags(u, flags_a), source_a=_source(u)))
            continue
        if eb is not None and ea is None:
            u = b[eb]
            ops.append(Op("added", eb, u.kind, None, _content(u), flags_b=_flags(u, flags_b), source_b=_source(u)))
            continue
        assert ea is not None and eb is not None
        ua, ub = a[ea], b[eb]
        old, new = _content(ua), _content(ub)
        fa, fb = _flags(ua, flags_a), _flags(ub, flags_b)
        common = dict(eid=eb, kind=ub.kind, old=old, new=new, flags_a=fa, flags_b=fb,
                      source_a=_source(ua), source_b=_source(ub))
        if old is None or new is None:
            ops.append(Op("flagged", **common))
        elif old != new:
            segs = tuple(inline_diff(old, new))
            ops.append(Op("changed", segments=segs, html=render_html(segs), **common))
        else:
            ops.append(Op("flagged" if fa or fb else "unchanged", **common))
    return ops


@dataclass(frozen=True)
class ActDiff:
    """An act in one language between two dates: the two views' expressions and act-level
    flags, and one :class:`Op` per unit."""

    act: str
    lang: str
    date_a: str
    date_b: str
    edition_a: str
    edition_b: str
    ops: tuple[Op, ...]
    flags_a: tuple[dict[str, Any], ...] = ()
    flags_b: tuple[dict[str, Any], ...] = ()
    view_a: AsOfView | None = field(default=None, repr=False, compare=False)
    view_b: AsOfView | None = field(default=None, repr=False, compare=False)

    def get(self, eid: str) -> Op | None:
        return next((o for o in self.ops if o.eid == eid), None)

    def by_status(self, status: str) -> list[Op]:
        return [o for o in self.ops if o.status == status]

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for o in self.ops if o.status == s) for s in STATUSES}

    def to_dict(self, unchanged: bool = False) -> dict[str, Any]:
        ops = [o.to_dict() for o in self.ops if unchanged or o.status != "unchanged"]
        return {"act": self.act, "lang": self.lang, "date_a": self.date_a, "date_b": self.date_b,
                "edition_a": self.edition_a, "edition_b": self.edition_b, "counts": self.counts(),
                "flags_a": list(self.flags_a), "flags_b": list(self.flags_b), "data": ops, "count": len(ops)}


def diff_as_of(editions: Sequence[EditionText], lang: str, d1: str, d2: str) -> ActDiff:
    """The act as of ``d1`` against the act as of ``d2`` (:func:`kb.timeline.as_of`).  A unit
    whose text in force is not in the corpus on one date is "flagged", not "removed"."""
    va, vb = as_of(editions, lang, d1), as_of(editions, lang, d2)
    ops = diff_units(va.units, vb.units)
    return ActDiff(act=vb.act, lang=lang, date_a=d1, date_b=d2, edition_a=va.edition, edition_b=vb.edition,
                   ops=tuple(ops), flags_a=va.flags, flags_b=vb.flags, view_a=va, view_b=vb)


# --- positions -------------------------------------------------------------------------------

_QUOTES = "\"«»“”„'`"
_NONWORD_RE = re.compile(r"[^\w]+")


def normalise(text: str) -> str:
    """Lower case, ё → е, punctuation and quotes and runs of spaces folded to one space.

    >>> normalise("  Трудовой  кодекс Республики Казахстан;")
    'трудовой кодекс республики казахстан'
    >>> normalise('Закон «О языках» –  ') == normalise('закон "о языках"')
    True
    """
    text = text.lower().replace("ё", "е")
    return " ".join(_NONWORD_RE.sub(" ", text).split())


_LATER_RE = re.compile(r"\(\s*далее\s*[-–—]?[^)]*\)", re.I)  # "(далее – Трудовой кодекс)"
_QUOTED_RE = re.compile(r"[\"«“„]([^\"«»“”„]+)[\"»”]")
_COUNTRY_RE = re.compile(r"\bреспублик\w*\s+казахстан\b")
_ACT_WORD_RE = re.compile(r"конституц|кодекс|закон|правил|приказ|постановлени|указ|стандарт|регламент|положени")


def _stem(word: str) -> str:
    return word[:6]


def act_key(text: str) -> str | None:
    """A key for the act(s) a must-know item names, so that spellings of one act meet; None
    when the item names no act ("основы экономики").

    The "(далее – …)" definition and "Республики Казахстан" are dropped, quoted names are kept
    whole (a list of several laws keys as the set of their names), other words are cut to
    their first six letters (case endings: "Конституцию" / "Конституция").

    >>> act_key("Трудовой кодекс Республики Казахстан (далее – Трудовой кодекс);") == act_key("Трудовой кодекс;")
    True
    >>> act_key('Кодекс "О браке (супружестве) и семье";') == act_key(
    ...     'Кодекс Республики Казахстан "О браке (супружестве) и семье" (далее – Кодекс о браке);')
    True
    >>> act_key("основы экономики") is None
    True
    """
    body = _LATER_RE.sub(" ", text)
    names = sorted({normalise(m) for m in _QUOTED_RE.findall(body)})
    rest = normalise(_QUOTED_RE.sub(" ", body))
    rest = _COUNTRY_RE.sub(" ", rest)
    if not _ACT_WORD_RE.search(rest) and not names:
        return None
    head = " ".join(_stem(w) for w in rest.split())
    if names:
        # "Закон "О …"" / "законы … "О …", "О …"": the kind of act (law / code) and the names
        kind = next((k for k in ("кодекс", "закон", "правил", "приказ", "постановлени", "указ") if k in rest), "")
        return f"{kind}:{'|'.join(names)}"
    return head


def _item(it: Item) -> dict[str, Any]:
    return {"eid": it.eid, "text": it.text, "line": it.line, "category": it.category,
            "children": [c.text for c in it.children]}


def _resolver(refs: Callable[[str], str | None] | Mapping[str, str] | None) -> Callable[[str], str | None] | None:
    if refs is None:
        return None
    if callable(refs):
        return refs
    return refs.get


def _match(
    items_a: Sequence[Item], items_b: Sequence[Item], key: Callable[[Item], str]
) -> dict[str, list[Any]]:
    """Multiset match by key, in a's order; unmatched items are removed / added."""
    pool: dict[str, list[Item]] = {}
    for it in items_b:
        pool.setdefault(key(it), []).append(it)
    common, removed = [], []
    used: set[int] = set()
    for it in items_a:
        cands = pool.get(key(it))
        if cands:
            other = cands.pop(0)
            used.add(id(other))
            common.append({"a": _item(it), "b": _item(other), "key": key(it)})
        else:
            removed.append(_item(it))
    added = [_item(it) for it in items_b if id(it) not in used]
    return {"added": added, "removed": removed, "common": common}


def diff_positions(
    pos_a: Position,
    pos_b: Position,
    refs: Callable[[str], str | None] | Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Two positions compared item by item: for "duties", "must_know" and "requirements" the
    items ``added`` (only in b), ``removed`` (only in a) and ``common`` (pairs ``{"a", "b",
    "key"}``), matched by :func:`normalise`-d text (requirements also by category).  ``refs``
    (a callable or a mapping text → key, e.g. :func:`act_key`) keys must-know items by the act
    they name, so "Трудовой кодекс Республики Казахстан (далее – Трудовой кодекс)" and
    "Трудовой кодекс" are one item.  Works across acts: the positions need not share ids.
    """
    resolve = _resolver(refs)

    def text_key(it: Item) -> str:
        return normalise(it.text)

    def know_key(it: Item) -> str:
        if resolve is not None:
            k = resolve(it.text)
            if k:
                return f"act:{k}"
        return text_key(it)

    def req_key(it: Item) -> str:
        return f"{it.category or ''}:{normalise(it.text)}"

    out: dict[str, Any] = {
        "a": {"id": pos_a.id, "title": pos_a.title, "source": pos_a.span.file},
        "b": {"id": pos_b.id, "title": pos_b.title, "source": pos_b.span.file},
        "duties": _match(pos_a.duties, pos_b.duties, text_key),
        "must_know": _match(pos_a.must_know, pos_b.must_know, know_key),
        "requirements": _match(pos_a.requirements, pos_b.requirements, req_key),
    }
    out["counts"] = {
        part: {k: len(out[part][k]) for k in ("added", "removed", "common")}
        for part in ("duties", "must_know", "requirements")
    }
    return out
