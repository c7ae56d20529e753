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
    "acts_named",
    "act_resolver",
    "act_key",
    "positions_resolver",
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
            "status": self.status,
            "eid": self.eid,
            "kind": self.kind,
            "old": self.old,
            "new": self.new,
            "segments": [list(s) for s in self.segments],
            "html": self.html,
            "flags_a": list(self.flags_a),
            "flags_b": list(self.flags_b),
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
            ops.append(
                Op("removed", ea, u.kind, _content(u), None, flags_a=_flags(u, flags_a), source_a=_source(u))
            )
            continue
        if eb is not None and ea is None:
            u = b[eb]
            ops.append(
                Op("added", eb, u.kind, None, _content(u), flags_b=_flags(u, flags_b), source_b=_source(u))
            )
            continue
        assert ea is not None and eb is not None
        ua, ub = a[ea], b[eb]
        old, new = _content(ua), _content(ub)
        fa, fb = _flags(ua, flags_a), _flags(ub, flags_b)
        common: dict[str, Any] = dict(  # noqa: C408  (keyword arguments of Op)
            eid=eb,
            kind=ub.kind,
            old=old,
            new=new,
            flags_a=fa,
            flags_b=fb,
            source_a=_source(ua),
            source_b=_source(ub),
        )
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
        return {
            "act": self.act,
            "lang": self.lang,
            "date_a": self.date_a,
            "date_b": self.date_b,
            "edition_a": self.edition_a,
            "edition_b": self.edition_b,
            "counts": self.counts(),
            "flags_a": list(self.flags_a),
            "flags_b": list(self.flags_b),
            "data": ops,
            "count": len(ops),
        }


def diff_as_of(editions: Sequence[EditionText], lang: str, d1: str, d2: str) -> ActDiff:
    """The act as of ``d1`` against the act as of ``d2`` (:func:`kb.timeline.as_of`).  A unit
    whose text in force is not in the corpus on one date is "flagged", not "removed"."""
    va, vb = as_of(editions, lang, d1), as_of(editions, lang, d2)
    ops = diff_units(va.units, vb.units)
    return ActDiff(
        act=vb.act,
        lang=lang,
        date_a=d1,
        date_b=d2,
        edition_a=va.edition,
        edition_b=vb.edition,
        ops=tuple(ops),
        flags_a=va.flags,
        flags_b=vb.flags,
        view_a=va,
        view_b=vb,
    )


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


_LATER_RE = re.compile(r"\(\s*далее\s*[-–—]?\s*(?P<alias>[^)]*)\)", re.I)  # "(далее – Трудовой кодекс)"
_QUOTED_RE = re.compile(r"[\"«“„]([^\"«»“”„]+)[\"»”]")
_COUNTRY_RE = re.compile(
    r"\bреспублик\w*(?:\s+казахстан)?\b"
)  # "Республики Казахстан", "Республики" (a typo in 360)
_IN_COUNTRY_RE = re.compile(r"\s+в\s+республике\s+казахстан$")  # "О языках в Республике Казахстан"
_SHORT_RE = re.compile(r"^(?P<kind>закон|кодекс)\w*\s+(?P<name>(?:о|об|обо)\s+.+)$")  # "Закон о языках"
_ACT_WORD_RE = re.compile(
    r"конституц|кодекс|закон|правил|приказ|постановлени|указ|стандарт|регламент|положени"
)


def _kind(words: str) -> str:
    return next((k for k in ("кодекс", "закон") if k in words), "")


def _title(name: str) -> str:
    return _IN_COUNTRY_RE.sub("", normalise(name))


def acts_named(text: str) -> list[str]:
    """Keys of the acts a must-know item names (without short names defined elsewhere):
    ``"закон:о языках"`` for a quoted or "Закон о …" title, one per title of a list; the
    stems of the words ("трудов кодекс") for a code or rules named without quotes; [] when
    the item names no act.  Dropped: the "(далее – …)" clause, "Республики Казахстан",
    "в Республике Казахстан" at the end of a title; words are cut to six letters (case
    endings: "Конституцию" / "Конституция").

    >>> acts_named('законы Республики Казахстан "О государственных услугах", "Об информатизации";')
    ['закон:о государственных услугах', 'закон:об информатизации']
    >>> acts_named("Закон о правах ребенка;") == acts_named(
    ...     'Закон Республики Казахстан "О правах ребенка в Республике Казахстан" '
    ...     '(далее – Закон о правах ребенка);')
    True
    >>> acts_named("Трудовой кодекс;"), acts_named("основы экономики;")
    (['трудов кодекс'], [])
    """
    body = _LATER_RE.sub(" ", text)
    titles = _QUOTED_RE.findall(body)
    if titles:
        before = normalise(body[: body.find(titles[0]) - 1])
        kind = _kind(before)
        return sorted({f"{kind}:{_title(t)}" for t in titles})
    rest = " ".join(_COUNTRY_RE.sub(" ", normalise(body)).split())
    m = _SHORT_RE.match(rest)
    if m:
        return [f"{m.group('kind')}:{_IN_COUNTRY_RE.sub('', m.group('name'))}"]
    if not _ACT_WORD_RE.search(rest):
        return []
    return [" ".join(w[:6] for w in rest.split())]


def act_resolver(texts: Iterable[str] = ()) -> Callable[[str], list[str]]:
    """A must-know resolver (for :func:`diff_positions` ``refs``) that also knows the short
    names the given texts define: 'Кодекс Республики Казахстан "О браке (супружестве) и семье"
    (далее – Кодекс о браке и семье)' makes "Кодекс о браке и семье;" name that code.

    >>> r = act_resolver(['Кодекс Республики Казахстан "О браке (супружестве) и семье" '
    ...                   '(далее – Кодекс о браке и семье);'])
    >>> r("Кодекс о браке и семье;") == r('Кодекс "О браке (супружестве) и семье";')
    True
    >>> r("Кодекс о браке и семье;")
    ['кодекс:о браке супружестве и семье']
    """
    aliases: dict[str, list[str]] = {}
    for text in texts:
        for m in _LATER_RE.finditer(text):
            named = acts_named(text[: m.start()])
            alias = normalise(m.group("alias"))
            if named and alias:
                aliases.setdefault(alias, named)

    def resolve(text: str) -> list[str]:
        return aliases.get(normalise(text)) or acts_named(text)

    return resolve


def act_key(text: str) -> str | None:
    """One key for an item's acts (several acts joined by "|"), None when it names none.

    >>> act_key("Трудовой кодекс Республики Казахстан (далее – Трудовой кодекс);")
    'трудов кодекс'
    >>> act_key("Трудовой кодекс;")
    'трудов кодекс'
    >>> act_key('законы "О языках", "Об образовании"')
    'закон:о языках|закон:об образовании'
    >>> act_key('Кодекс "О браке (супружестве) и семье";') == act_key(
    ...     'Кодекс Республики Казахстан "О браке (супружестве) и семье" (далее – Кодекс о браке);')
    True
    >>> act_key("основы экономики") is None
    True
    """
    keys = acts_named(text)
    return "|".join(keys) if keys else None


def positions_resolver(*positions: Position) -> Callable[[str], list[str]]:
    """:func:`act_resolver` over every must-know item of the given positions (pass all the
    positions of both acts: a short name is defined once, at its first use)."""
    return act_resolver(it.text for p in positions for it in p.must_know)


def _item(it: Item) -> dict[str, Any]:
    return {
        "eid": it.eid,
        "text": it.text,
        "line": it.line,
        "category": it.category,
        "children": [c.text for c in it.children],
    }


Resolver = Callable[[str], "str | Sequence[str] | None"]


def _resolver(refs: Resolver | Mapping[str, Any] | None) -> Callable[[str], list[str]] | None:
    """A callable text → list of act keys, from a callable or a mapping (values: key or keys)."""
    if refs is None:
        return None
    get = refs if callable(refs) else refs.get

    def resolve(text: str) -> list[str]:
        got = get(text)
        if not got:
            return []
        return [got] if isinstance(got, str) else sorted({str(k) for k in got})

    return resolve


def _full_text(it: Item) -> str:
    return "\n".join([it.text, *(c.text for c in it.children)])


def _match(
    items_a: Sequence[Item],
    items_b: Sequence[Item],
    key: Callable[[Item], str],
    same_slot: Callable[[Item, Item], bool] | None = None,
    threshold: float = 0.75,
) -> dict[str, list[Any]]:
    """Multiset match by key, in a's order.  Of the rest, pairs that are one item reworded
    (``same_slot`` — e.g. the same requirement category — or a word similarity of at least
    ``threshold``) are ``changed`` with an inline diff; the others are removed / added."""
    pool: dict[str, list[Item]] = {}
    for it in items_b:
        pool.setdefault(key(it), []).append(it)
    common: list[dict[str, Any]] = []
    rest_a: list[Item] = []
    used: set[int] = set()
    for it in items_a:
        cands = pool.get(key(it))
        if cands:
            other = cands.pop(0)
            used.add(id(other))
            common.append({"a": _item(it), "b": _item(other), "key": key(it)})
        else:
            rest_a.append(it)
    rest_b = [it for it in items_b if id(it) not in used]
    changed: list[dict[str, Any]] = []
    removed: list[dict[str, Any]] = []
    for it in rest_a:
        best, best_ratio = None, 0.0
        for other in rest_b:
            ratio = difflib.SequenceMatcher(
                None, normalise(_full_text(it)).split(), normalise(_full_text(other)).split(), autojunk=False
            ).ratio()
            slot = same_slot is not None and same_slot(it, other)
            if (slot or ratio >= threshold) and (best is None or ratio > best_ratio):
                best, best_ratio = other, ratio
        if best is None:
            removed.append(_item(it))
            continue
        rest_b.remove(best)
        segs = inline_diff(_full_text(it), _full_text(best))
        changed.append(
            {
                "a": _item(it),
                "b": _item(best),
                "similarity": round(best_ratio, 3),
                "segments": segs,
                "html": render_html(segs),
            }
        )
    added = [_item(it) for it in rest_b]
    return {"added": added, "removed": removed, "changed": changed, "common": common}


def diff_positions(
    pos_a: Position,
    pos_b: Position,
    refs: Resolver | Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Two positions compared item by item (they may belong to different acts).

    For "duties", "must_know" and "requirements": the items ``added`` (only in b),
    ``removed`` (only in a), ``common`` (pairs ``{"a", "b", "key"}``), matched by
    :func:`normalise`-d text with the sub-items (requirements also by category), and
    ``changed``: one item reworded (the same requirement category, or at least 75 % of the
    words the same), with ``segments`` / ``html`` of the inline diff.  ``refs`` —
    a callable or a mapping from an item's text to the key(s) of the act(s) it names (e.g.
    :func:`act_key`, :func:`positions_resolver`, or the knowledge graph's resolver) — keys
    must-know items by their acts, so "Трудовой кодекс Республики Казахстан (далее – Трудовой
    кодекс)" and "Трудовой кодекс" are one item; it also adds ``must_know_acts``: the acts
    named only in a, only in b, and in both, each with the items naming it.
    """
    resolve = _resolver(refs)

    def text_key(it: Item) -> str:
        return normalise(" ".join([it.text, *(c.text for c in it.children)]))

    def know_key(it: Item) -> str:
        keys = resolve(it.text) if resolve is not None else []
        return "act:" + "|".join(keys) if keys else text_key(it)

    def req_key(it: Item) -> str:
        return f"{it.category or ''}:{text_key(it)}"

    out: dict[str, Any] = {
        "a": {"id": pos_a.id, "title": pos_a.title, "source": pos_a.span.file},
        "b": {"id": pos_b.id, "title": pos_b.title, "source": pos_b.span.file},
        "duties": _match(pos_a.duties, pos_b.duties, text_key),
        "must_know": _match(pos_a.must_know, pos_b.must_know, know_key),
        "requirements": _match(
            pos_a.requirements,
            pos_b.requirements,
            req_key,
            same_slot=lambda x, y: x.category is not None and x.category == y.category,
        ),
    }
    parts = ["duties", "must_know", "requirements"]
    if resolve is not None:
        acts_a: dict[str, list[str]] = {}
        acts_b: dict[str, list[str]] = {}
        for items, acts in ((pos_a.must_know, acts_a), (pos_b.must_know, acts_b)):
            for it in items:
                for k in resolve(it.text):
                    acts.setdefault(k, []).append(it.eid)
        out["must_know_acts"] = {
            "added": [{"act": k, "b": acts_b[k]} for k in sorted(acts_b.keys() - acts_a.keys())],
            "removed": [{"act": k, "a": acts_a[k]} for k in sorted(acts_a.keys() - acts_b.keys())],
            "common": [
                {"act": k, "a": acts_a[k], "b": acts_b[k]} for k in sorted(acts_a.keys() & acts_b.keys())
            ],
        }
        parts.append("must_know_acts")
    out["counts"] = {
        part: {k: len(out[part][k]) for k in ("added", "removed", "changed", "common") if k in out[part]}
        for part in parts
    }
    return out
