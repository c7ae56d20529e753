"""Two ТКХ positions compared item by item (possibly of different acts): duties, must-know
items and requirements added / removed / changed / common, matched by normalised text or by a
resolver of the acts a must-know item names (:func:`act_key`).  Pure functions."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from parser.models import Item, Position

from .inline import inline_diff, render_html

__all__ = [
    "normalise",
    "acts_named",
    "act_resolver",
    "act_key",
    "positions_resolver",
    "diff_positions",
]

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
