"""Links across documents, each with how it was made and a confidence.

* profession cards → ТКХ positions: by what the card's reference names (:data:`CARD_METHODS`,
  each link lists what matched in ``matched``): "explicit citation" only when the card names the
  order and a Параграф that identifies one position in it (the chapter named, or the order has a
  single Параграф of that number); an order with several Параграф N (one per chapter) cited with
  no chapter is resolved by the title and says so; else an equal normalised title ("title match");
* staffing rows of the Rules → positions of the ТКХ for the same institutions
  ("title match", or "title prefix" when the row names only the head word, e.g.
  "директор" → "Директор Центра поддержки семьи");
* rows of other tables of positions (:mod:`parser.position_tables`: staffing norms such as
  order 86, registers of civil-servant positions) → positions of any ТКХ order of the corpus
  whose title equals one the row names ("title match"; a register row names one or several
  positions, ``row["titles"]``); staffing rows give ``staffed_by``, register rows ``in_register``;
* positions with the same normalised title in different orders ("same title").

Positions excluded by a note (``excluded`` on the node) are not live: nothing links to them.
"""

from __future__ import annotations

import functools
import re
from typing import Any, NamedTuple

from .graphstore import nodes_of_kind

_PAREN = re.compile(r"\([^)]*\)")
_NOISE = re.compile(r"[\"«»().,:;/–]+|-\s+")


@functools.lru_cache(maxsize=1 << 16)  # pure; the same titles are compared over and over
def norm_title(title: str, drop_parens: bool = False) -> str:
    """Fold case, ё, quotes, punctuation (and parenthesised asides) for title matching.

    >>> norm_title("Психолог (социальный психолог)", drop_parens=True)
    'психолог'
    >>> norm_title("социальный работник кейс- менеджер")
    'социальный работник кейс-менеджер'
    """
    t = title.lower().replace("ё", "е")
    if drop_parens:
        t = _PAREN.sub(" ", t)
    t = re.sub(r"-\s+", "-", t)
    t = _NOISE.sub(" ", t)
    return " ".join(t.split())


def _positions(kb, ids: list[str] | None = None) -> list[tuple[str, str, str, str]]:
    """(position node id, work, number of the act, ru title) for every position (of ``ids``, the
    position nodes when known, else of the whole graph)."""
    g = kb.graph
    out = []
    for nid, d in g.nodes(data=True) if ids is None else ((n, g.nodes[n]) for n in ids):
        if d.get("kind") == "position" and not d.get("excluded"):  # an excluded Параграф is not a live position
            title = d["titles"].get("ru") or next(iter(d["titles"].values()), "")
            out.append((nid, d["work"], kb.acts[d["work"]]["number"], title))
    return sorted(out)


def graph_nodes(g) -> dict[str, list[str]]:
    """The nodes :func:`cross_links` reads, found by a scan of the graph: ``position``, ``card``
    and ``row`` (a row of a table with ``staffing`` or ``register``), each in graph order."""
    out: dict[str, list[str]] = {"position": [], "card": [], "row": []}
    for nid, d in g.nodes(data=True):
        if d.get("kind") in ("position", "card"):
            out[d["kind"]].append(nid)
        if d.get("staffing") or d.get("register"):
            out["row"].append(nid)
    return out


def cross_links(kb, nodes: dict[str, list[str]] | None = None) -> list[dict[str, Any]]:
    """Every link across documents, in a fixed order: cards, staffing rows, rows of other tables
    (each by node id), then same-title pairs.  ``nodes`` names the positions, cards and rows
    (:func:`graph_nodes`; the build knows them from each act's part of the graph), so that the
    graph is not scanned for them; each kind of link then looks its candidates up in an index
    made once (by act number, by act, by title) rather than among every position."""
    g = kb.graph
    scanned = nodes is None
    nodes = graph_nodes(g) if nodes is None else nodes
    positions = _positions(kb, nodes["position"])
    links: list[dict[str, Any]] = []
    by_title: dict[str, list[str]] = {}
    for nid, _, _, title in positions:
        by_title.setdefault(norm_title(title), []).append(nid)

    # cards → positions
    candidates: dict[str, list[Candidate]] = {}  # by the number of the position's act
    for nid, _, number, title in positions:
        candidates.setdefault(number, []).append(Candidate(nid, number, g.nodes[nid]["num"],
                                                           g.nodes[nid].get("chapter"), title))
    for cid in sorted(nodes["card"]):
        card = g.nodes[cid]["card"]
        ref = (card.get("etks_ks") or {}).get("order") or {}
        number = ref.get("number")
        found = card_citation_links(cid, ref, candidates.get(number, []) if isinstance(number, str) else [])
        links.extend(found)
        if not found:
            for nid in by_title.get(norm_title(card.get("profession") or card.get("name") or ""), []):
                links.append(_link(cid, nid, "corresponds_to", "title match", CARD_METHODS["title match"],
                                   "equal normalised titles (the card cites no order of the corpus)",
                                   ["title (equal)"]))

    # staffing rows → positions of the ТКХ order for the same institutions: the ТКХ act
    # whose title shares most words with the title of the act holding the table.
    rows = sorted(nodes["row"])
    of_act: dict[str, list[tuple[str, str, str, str]]] = {}
    for p in positions:
        of_act.setdefault(p[1], []).append(p)
    closest = _ClosestAct(kb, set(of_act))
    for rid in rows:
        d = g.nodes[rid]
        row = d.get("staffing")
        if not row or row.get("kind"):  # rows of parser.position_tables are linked below
            continue
        best = closest(g.nodes[d["expression"]]["work"])
        want = norm_title(row.get("position", ""), drop_parens=True)
        cands = of_act.get(best, []) if best is not None else []
        exact = [(nid, t) for nid, _, _, t in cands if norm_title(t, drop_parens=True) == want]
        if exact:
            for nid, _ in exact:
                links.append(_link(nid, rid, "staffed_by", "title match", 0.9, "equal normalised titles"))
            continue
        for nid, _, _, t in cands:
            nt = norm_title(t, drop_parens=True)
            if want and nt.startswith(want + " ") and len(want.split()) >= 1:
                links.append(_link(nid, rid, "staffed_by", "title prefix", 0.6, f"row {want!r} is the head of {nt!r}"))

    # rows of the other tables of positions (they carry a "kind") → positions of any order
    titled = _position_titles(kb) if scanned else _titles_of(kb, nodes["position"])
    named = _TitleIndex(titled)
    for rid in rows:
        d = g.nodes[rid]
        row = d.get("staffing") or d.get("register")
        if not row or not row.get("kind"):
            continue
        work = g.nodes[d["expression"]]["work"] if d.get("expression") in g else None
        etype = "in_register" if row["kind"] == "register" else "staffed_by"
        for nid, method, confidence, why in named.match(row, work):
            links.append(_link(nid, rid, etype, method, confidence, why))

    # same-title positions across orders (a group of n positions gives up to n(n-1)/2 links)
    for title, nids in sorted(by_title.items()):
        works = [g.nodes[n]["work"] for n in nids]
        if len(set(works)) < 2:
            continue
        why = f"both titled {title!r}"
        for i, a in enumerate(nids):
            links.extend({"from": a, "to": b, "type": "same_title", "method": "same title", "confidence": 0.8,
                          "why": why} for b, w in zip(nids[i + 1 :], works[i + 1 :], strict=True) if w != works[i])
    return links


# How a card was matched to a position, and the confidence that follows from it.
CARD_METHODS: dict[str, float] = {
    # the order and a Параграф that is one position in it (chapter named, or one Параграф N in the order)
    "explicit citation": 1.0,
    # the order and "Параграф N" named, no chapter, the order has several Параграф N: the title decides
    "order and Параграф number cited, chapter by equal title": 0.9,
    "order and Параграф number cited, chapter by title prefix": 0.75,
    "order and Параграф number cited, chapter ambiguous": 0.4,
    # the order named with no Параграф number: a position of that order with the title
    "order cited, position by equal title": 0.85,
    # no order of the corpus named: equal normalised titles
    "title match": 0.7,
}


class Candidate(NamedTuple):
    """A live position as a card's reference is matched against it."""

    nid: str
    number: str  # the number of its act
    num: str  # its Параграф number
    chapter: str | None  # its chapter's unit id
    title: str  # ru


def card_citation_links(cid: str, ref: dict[str, Any], positions: list[Candidate]) -> list[dict[str, Any]]:
    """Links from card ``cid`` to the positions its reference (``etks_ks.order``: ``number``,
    ``paragraph``, ``paragraph_title``, optionally ``chapter``) names, each with the method of
    :data:`CARD_METHODS` that says what matched, and ``matched`` listing it.  Empty when the card
    names no order of the corpus or no position of it fits (a cited title that contradicts the
    position's rules the position out).

    >>> pos = [Candidate("a", "360", "1", "chp_1", "Начальник отдела"),
    ...        Candidate("b", "360", "1", "chp_2", "Социальный работник по оценке")]
    >>> [(x["to"], x["method"], x["confidence"], x["matched"]) for x in card_citation_links(
    ...     "c", {"number": "360", "paragraph": "1", "paragraph_title": "Социальный работник"}, pos)]
    [('b', 'order and Параграф number cited, chapter by title prefix', 0.75, \
['order № 360', 'Параграф 1', 'title (prefix)'])]
    """
    number, para, chapter = ref.get("number"), ref.get("paragraph"), ref.get("chapter")
    in_act = [p for p in positions if number and p.number == number]
    want = norm_title(ref.get("paragraph_title") or "")
    if not in_act or not (para or want):
        return []
    fit = {p.nid: _title_fit(want, p.title) for p in in_act}
    matched = [f"order № {number}"]
    if not para:  # "Приказ … № 360" and a title with no "Параграф N."
        method = "order cited, position by equal title"
        return [_link(cid, p.nid, "corresponds_to", method, CARD_METHODS[method],
                      f"card names order № {number} and the title {ref['paragraph_title']!r}, no Параграф",
                      [*matched, "title (equal)"])
                for p in in_act if fit[p.nid] == "equal"]
    same_num = [p for p in in_act if p.num == para]
    if chapter:
        same_num = [p for p in same_num if (p.chapter or "").rsplit("__", 1)[-1] == f"chp_{chapter}"]
        matched.append(f"глава {chapter}")
    matched.append(f"Параграф {para}")
    fitting = [p for p in same_num if fit[p.nid] or not want]
    if len(same_num) == 1 and fitting:  # the citation itself names one position
        (p,) = fitting
        why = f"card names order № {number}" + (f", глава {chapter}" if chapter else "")
        why += f", Параграф {para}" + ("" if chapter else f" (the order's only Параграф {para})")
        method = "explicit citation"
        return [_link(cid, p.nid, "corresponds_to", method, CARD_METHODS[method], why,
                      matched + ([f"title ({fit[p.nid]})"] if fit[p.nid] else []))]
    where = ", ".join(sorted(p.chapter or "?" for p in same_num))
    for kind in ("equal", "prefix"):
        chosen = [p for p in fitting if fit[p.nid] == kind]
        if chosen:
            break
    else:
        kind, chosen = None, fitting
    by = {"equal": "equal title", "prefix": "title prefix"}.get(kind or "")
    one = len(chosen) == 1 and by
    method = f"order and Параграф number cited, chapter by {by}" if one else \
        "order and Параграф number cited, chapter ambiguous"
    why = f"card names order № {number} and Параграф {para}, no chapter; the order has Параграф {para} in "
    why += where
    if one:
        how = "equal to" if kind == "equal" else "beginning with"
        why += f"; only {chosen[0].chapter}'s has a title {how} {ref['paragraph_title']!r}"
    return [_link(cid, p.nid, "corresponds_to", method, CARD_METHODS[method], why,
                  matched + ([f"title ({kind})"] if kind else []))
            for p in chosen]


def _title_fit(want: str, title: str) -> str | None:
    """How a cited (normalised) title fits a position's title: "equal", "prefix" or None."""
    t = norm_title(title)
    return None if not want else "equal" if t == want else "prefix" if t.startswith(want + " ") else None


def _position_titles(kb) -> list[tuple[str, str, list[str]]]:
    """(position node id, work, its titles in every language) for every position."""
    return sorted((nid, d["work"], sorted(set(d["titles"].values())))
                  for nid, d in nodes_of_kind(kb.graph, "position") if not d.get("excluded"))


def match_row(
    row: dict[str, Any], positions: list[tuple[str, list[str]]]
) -> list[tuple[str, str, float, str]]:
    """Positions a row of a table of positions names: ``(position id, method, confidence, why)``.

    The row's names are its ``titles`` (a register cell can name several positions) or else its
    ``position``; a position matches when one of its titles (any language) is equal after
    :func:`norm_title` with parenthesised asides dropped.  Equal titles across acts are evidence,
    not proof (the same word can name posts of different organisations): confidence 0.8.

    >>> match_row({"titles": ["инспектор по кадрам", "юрист"]}, [("p1", ["Юрист"]), ("p2", ["Психолог"])])
    [('p1', 'title match', 0.8, "row names 'юрист', the position is titled 'юрист'")]
    """
    names = row.get("titles") or ([row["position"]] if row.get("position") else [])
    wants = {norm_title(n, drop_parens=True) for n in names} - {""}
    out = []
    for nid, titles in positions:
        for t in titles:
            nt = norm_title(t, drop_parens=True)
            if nt in wants:
                out.append((nid, "title match", 0.8, f"row names {nt!r}, the position is titled {nt!r}"))
                break
    return out


def _stems(text: str) -> set[str]:
    return {w[:5] for w in norm_title(text).split() if len(w) > 3}


def _closest_act(kb, work: str, candidates: set[str]) -> str | None:
    """The candidate act whose title shares most word stems with ``work``'s title."""
    return _ClosestAct(kb, candidates)(work)


class _ClosestAct:
    """:func:`_closest_act` for many works against one set of candidates: each title's stems are
    found once, each work's answer once."""

    def __init__(self, kb, candidates: set[str]) -> None:
        self.kb = kb
        self.stems = {w: _stems(kb.acts[w]["title"].get("ru", "")) for w in candidates}
        self.answers: dict[str, str | None] = {}

    def __call__(self, work: str) -> str | None:
        if work not in self.answers:
            mine = _stems(self.kb.acts[work]["title"].get("ru", "")) - {"утвер", "об"}
            scored = sorted((-len(mine & stems), w) for w, stems in self.stems.items() if w != work)
            self.answers[work] = scored[0][1] if scored and scored[0][0] < 0 else None
        return self.answers[work]


def _titles_of(kb, ids: list[str]) -> list[tuple[str, str, list[str]]]:
    """What :func:`_position_titles` answers, for the position nodes ``ids``."""
    g = kb.graph
    live = ((n, g.nodes[n]) for n in ids)
    return sorted((nid, d["work"], sorted(set(d["titles"].values())))
                  for nid, d in live if d.get("kind") == "position" and not d.get("excluded"))


class _TitleIndex:
    """:func:`match_row` over every position of another act, with the positions indexed by their
    titles (normalised, parenthesised asides dropped): a row looks up the titles it names."""

    def __init__(self, titled: list[tuple[str, str, list[str]]]) -> None:
        self.titled = titled
        self.normed = [[norm_title(t, drop_parens=True) for t in titles] for _, _, titles in titled]
        self.index: dict[str, list[int]] = {}
        for i, normed in enumerate(self.normed):
            for nt in dict.fromkeys(normed):
                self.index.setdefault(nt, []).append(i)

    def match(self, row: dict[str, Any], work: str | None) -> list[tuple[str, str, float, str]]:
        """``match_row(row, [(nid, titles) for every position not of act work])``."""
        names = row.get("titles") or ([row["position"]] if row.get("position") else [])
        wants = {norm_title(n, drop_parens=True) for n in names} - {""}
        out = []
        for i in sorted({i for w in wants for i in self.index.get(w, ())}):
            nid, w, _ = self.titled[i]
            if w != work:
                nt = next(nt for nt in self.normed[i] if nt in wants)
                out.append((nid, "title match", 0.8, f"row names {nt!r}, the position is titled {nt!r}"))
        return out


def _link(a: str, b: str, etype: str, method: str, confidence: float, why: str,
          matched: list[str] | None = None) -> dict[str, Any]:
    link = {"from": a, "to": b, "type": etype, "method": method, "confidence": confidence, "why": why}
    if matched is not None:
        link["matched"] = matched  # what the card's reference and the position had in common
    return link
