"""Build the versioned knowledge graph from the corpus.

Nodes carry ``kind`` and their source; edges carry ``type``.  Ids are the parser's
stable ids turned into URIs (see :mod:`kb.ids`): works, expressions (language +
edition), units of an expression, positions and cards of a work, amendments, the
amending acts, and canonical referenced acts.  Building is deterministic: the same
corpus gives the same graph in the same order (and the same bytes once stored).

Each act's part of the graph is made from that act alone and stored beside the parse cache
(:mod:`kb.fragments`); :func:`build` composes the graph from the parts and runs over it only
the passes that need every act, so adding an act makes one part.  :func:`build_whole` makes the
same graph in one pass.
"""

from __future__ import annotations

import bisect
import gc
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any, NamedTuple

import networkx as nx

from parser.corpus import Act, Expression
from parser.models import Document
from parser.pipeline import parse_path

from . import ids
from .parse_cache import ParseCache
from .timeline import edition_from_expression, order_editions


@dataclass
class KB:
    """The built knowledge base: the graph plus the parsed documents it was made from."""

    graph: nx.MultiDiGraph
    acts: dict[str, dict[str, Any]]  # work id -> act.json metadata
    docs: dict[str, Document]  # expression id -> parsed document
    refs: dict[str, Any] = field(default_factory=dict)  # referenced acts (kb.refacts)
    links: list[dict[str, Any]] = field(default_factory=list)  # cross-document links
    editions: dict[str, list[Any]] = field(default_factory=dict)  # work id -> kb.timeline.EditionText list
    corpus_hash: str = ""

    def expressions(self, work: str) -> list[str]:
        return sorted(e for e in self.docs if e.startswith(work + "/"))  # ids only: no document is read

    def node(self, nid: str) -> dict[str, Any]:
        return self.graph.nodes[nid]


def _edge(g: nx.MultiDiGraph, a: str, b: str, etype: str, **attrs: Any) -> None:
    g.add_edge(a, b, key=etype, type=etype, **attrs)


def add_edges(g: nx.MultiDiGraph, edges: Iterable[tuple[str, str, str, dict[str, Any]]]) -> None:
    """``g.add_edge(u, v, key=key, **attrs)`` for each ``(u, v, key, attrs)``, on the graph's own
    dicts: the same nodes, edges and order, without networkx's checks and cache clearing per edge
    (the passes add hundreds of thousands).  ``attrs`` is taken over: a new dict each edge."""
    node, succ, pred = g._node, g._succ, g._pred
    for u, v, key, attrs in edges:
        if u not in succ:
            succ[u], pred[u], node[u] = {}, {}, {}
        if v not in succ:
            succ[v], pred[v], node[v] = {}, {}, {}
        keys = succ[u].get(v)
        if keys is None:
            keys = succ[u][v] = pred[v][u] = {}
        if key in keys:
            keys[key].update(attrs)
        else:
            keys[key] = attrs


def _src(doc: Document, start: int, end: int | None = None) -> dict[str, Any]:
    return {"file": doc.path, "start": start, "end": end or start}


Progress = Callable[[int, int, str], None]


def build(corpus_root: str = "corpus", progress: Progress | None = None, cache: ParseCache | None = None,
          stats: dict[str, Any] | None = None, fragments: bool = True) -> KB:
    """Build the KB; ``progress(done, total, what)`` is told of every step (a terminal bar).

    The graph is composed from each act's part (:mod:`kb.fragments`: its nodes and edges, its
    documents and editions, its ru↔kk alignment and the acts its items cite), then the passes
    that need every act run over it (referenced-act nodes, links across documents, amending
    instructions).  With a ``cache`` (:class:`kb.parse_cache.ParseCache`) a
    text whose parse is stored is not parsed again, and an act whose part is stored beside it
    (``fragments/``) is neither parsed nor built again.  ``fragments=False`` builds the whole
    graph in one pass, act after act, as the parts are made: the same KB (the reference the
    tests compare the composed graph with).

    ``stats``, when given, receives ``parse``: how many texts were parsed and how many came from
    the caches (``cached``: from the parse cache or with a stored act's part, ``from_fragments``:
    the latter), with the seconds; ``fragments``: the acts' parts reused and built; ``seconds``:
    the time of each stage."""
    from .fragments import Builder

    with _gc_paused():
        return Builder(corpus_root, progress, cache, fragments).run(stats)


@contextmanager
def _gc_paused():
    """The cyclic garbage collector off while the graph is made: it would walk the millions of
    new (and acyclic) dicts over and over.  :mod:`kb.fragments` collects the young generation
    after each text it parses, whose objects do form cycles.  Then what the build made goes to
    the oldest generation unwalked (``freeze`` and ``unfreeze``), where only a full collection
    looks at it, instead of being walked by the next young ones."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()


def build_whole(kb: KB, acts: list[Act], parsed: dict[str, Document]) -> None:
    """The graph of ``acts`` in one pass (``build(fragments=False)``)."""
    known = known_acts(acts)
    for act in acts:
        _add_act(kb, act, parsed, known)
    _references(kb)
    _align(kb)
    _cross_links(kb)
    _instructions(kb)


def known_acts(acts: list[Act]) -> dict[tuple[str, str], str]:
    """(number slug, date) → work id of each act of the corpus: an amending act that is one."""
    return {(ids.slug_number(a.meta["number"]), a.meta["date"]): a.meta["work"] for a in acts}


def _parse_uncached(act: Act, expr: Expression) -> Document:
    return parse_path(expr.path)


def _add_act(kb: KB, act: Act, parsed: dict[str, Document],
             known: dict[tuple[str, str], str] | None = None) -> None:
    g = kb.graph
    meta = act.meta
    work = meta["work"]
    kb.acts[work] = meta
    g.add_node(work, kind="act", type=meta["type"], number=meta["number"], date=meta["date"],
               title=meta["title"], issuer=meta.get("issuer"), registration=meta.get("registration"),
               subject=meta.get("subject"))
    for expr in act.expressions:
        doc = parsed[expr.path]
        eid = ids.expression_id(work, expr.lang, expr.edition_date)
        kb.docs[eid] = doc
        kb.editions.setdefault(work, []).append(edition_from_expression(act, expr, doc))
        g.add_node(eid, kind="expression", work=work, lang=expr.lang, edition=expr.edition,
                   path=doc.path, format=expr.format, sha256=expr.sha256)
        _edge(g, work, eid, "realized_by")
        _add_units(g, eid, expr.lang, doc)
        _add_positions(g, work, eid, expr.lang, doc)
        _add_amendments(g, work, eid, doc, known or {})
        _add_cards(g, work, eid, doc)
        _add_staffing(g, work, eid, doc)
        _add_registers(g, work, eid, doc)
    kb.editions[work] = order_editions(kb.editions.get(work, []))


_CELL_EID = re.compile(r"^(?P<row>.*__row_(?P<rnum>\d+))__cell_\d+$")


def _add_units(g: nx.MultiDiGraph, expr: str, lang: str, doc: Document) -> None:
    """Units as nodes under their parent; an excluded unit keeps its text and carries
    ``excluded`` (the note, the amending act and its date).  The cells of a table hang under a
    row node (``…__table_1__row_5``, kind "row", num "5": "строка 5" in a breadcrumb) that the
    parser does not make, between the table and its cells."""
    notes = {n.id: n for n in doc.amendments}
    for u in doc.units:
        nid = ids.unit_id(expr, u.eid)
        g.add_node(nid, kind="unit", unit_kind=u.kind, eid=u.eid, num=u.num, heading=u.heading, text=u.text,
                   expression=expr, lang=lang, source=_src(doc, u.span.start, u.span.end))
        if u.excluded_by:
            g.nodes[nid]["excluded"] = exclusion(notes.get(u.excluded_by), u.excluded_by)
        parent = ids.unit_id(expr, u.parent) if u.parent else expr
        m = _CELL_EID.match(u.eid) if u.kind == "cell" else None
        if u.cell is not None:
            g.nodes[nid]["cell"] = {"table": u.cell.table, "row": u.cell.row + 1, "col": u.cell.col + 1,
                                    "rowspan": u.cell.rowspan, "colspan": u.cell.colspan}
        if m and u.parent and m.group("row").startswith(u.parent + "__"):
            row = ids.unit_id(expr, m.group("row"))
            if row not in g:
                g.add_node(row, kind="unit", unit_kind="row", eid=m.group("row"), num=m.group("rnum"), heading=None,
                           text="", expression=expr, lang=lang, source=_src(doc, u.span.start, u.span.end))
                _edge(g, parent, row, "contains")
            parent = row
        _edge(g, parent, nid, "contains")


def exclusion(note: Any, note_id: str | None = None) -> dict[str, Any]:
    """What excluded a unit: the note (id, text, source line), the amending act and the date the
    exclusion takes effect (an interval when it depends on an unknown publication day)."""
    from .timeline import _effective_interval

    if note is None:
        return {"note": note_id, "text": None, "act": None, "since": None}
    a = note.amending_act
    return {"note": note.id, "text": note.text, "line": note.span.start,
            "act": {"number": a.number, "date": a.date, "issuer": a.issuer} if a else None,
            "since": _effective_interval(note).as_json()}


def _add_positions(g: nx.MultiDiGraph, work: str, expr: str, lang: str, doc: Document) -> None:
    """Positions of a ТКХ; an excluded Параграф (or one under an excluded unit) is kept with
    ``excluded`` (the note, its act and date) and is not a live position (:func:`is_live`)."""
    notes = {n.id: n for n in doc.amendments}
    for p in doc.positions:
        pid = position_id(work, p.id)
        if pid not in g:
            g.add_node(pid, kind="position", work=work, eid=p.id, num=p.num, titles={}, group=p.group,
                       group_basis=p.group_basis, chapter=p.chapter, excluded=None)
            _edge(g, work, pid, "defines_position")
        node = g.nodes[pid]
        node["titles"][lang] = p.title
        if p.excluded and not node.get("excluded"):
            node["excluded"] = exclusion(notes.get(p.excluded_by or ""), p.excluded_by)
        _edge(g, pid, ids.unit_id(expr, p.id), "described_in", lang=lang)
        for role, etype in (("duties", "has_duty"), ("must_know", "must_know_item"), ("requirements", "requires")):
            for item in _flatten(getattr(p, role)):
                nid = ids.unit_id(expr, item.eid)
                attrs = {"lang": lang}
                if item.category:
                    attrs["category"] = item.category
                if nid in g:
                    g.nodes[nid].setdefault("roles", {})[p.id] = role
                    _edge(g, pid, nid, etype, **attrs)


def _flatten(items):
    for it in items:
        yield it
        yield from _flatten(it.children)


def position_id(work: str, eid: str) -> str:
    return f"{work}/~pos:{eid}"


def is_live(g: nx.MultiDiGraph, pid: str) -> bool:
    """A position that no note has excluded."""
    return not g.nodes[pid].get("excluded")


def _add_amendments(g: nx.MultiDiGraph, work: str, expr: str, doc: Document,
                    known: dict[tuple[str, str], str]) -> None:
    """Notes as nodes (``amends`` their target, ``enacted_by`` the amending act: the corpus act
    of that number and date when there is one).  A note repealing the whole act ("Утратил силу
    приказом … от 10.06.2025 № 293") sets the act's ``repealed``: the act, the note and the date
    the repeal takes effect (:func:`kb.timeline._effective_interval`)."""
    from .timeline import _effective_interval

    for n in doc.amendments:
        nid = f"{expr}/!{n.id}"
        g.add_node(nid, kind="amendment", amendment=asdict(n), expression=expr, source=_src(doc, n.span.start, n.span.end))
        if n.target_eid == "act" or n.target_eid is None:
            target = work
        else:
            target = ids.unit_id(expr, n.target_eid)
        if target in g:
            _edge(g, nid, target, "amends")
        a = n.amending_act
        if n.kind == "repealed" and not g.nodes[work].get("repealed"):
            g.nodes[work]["repealed"] = {
                "by": {"number": a.number, "date": a.date, "issuer": a.issuer, "text": a.text} if a else None,
                "since": _effective_interval(n).as_json(), "note": n.id, "text": n.text,
                "source": _src(doc, n.span.start, n.span.end)}
        if a and a.date and a.number:
            subtype = "law" if re.search(r"\bзакон", a.text or "", re.I) else "order"
            aid = known.get((ids.slug_number(a.number), a.date)) or ids.work_id(subtype, a.date, a.number)
            if aid not in g:
                g.add_node(aid, kind="amending_act", date=a.date, number=a.number, issuer=a.issuer, text=a.text)
            _edge(g, nid, aid, "enacted_by")


def _add_cards(g: nx.MultiDiGraph, work: str, expr: str, doc: Document) -> None:
    for card in doc.cards:
        cid = f"{work}/~card:{card['id']}"
        if cid in g:  # the card in another language: kept aside, the Russian one answers
            g.nodes[cid].setdefault("cards", {})[doc.lang] = card
            if g.nodes[cid].get("lang") == "ru" or doc.lang != "ru":
                continue
        g.add_node(cid, kind="card", work=work, card=card, lang=doc.lang)
        g.nodes[cid].setdefault("cards", {})[doc.lang] = card
        _edge(g, work, cid, "defines_card")
        for k, fn in enumerate(card.get("functions", []), 1):
            fid = f"{cid}/fn_{fn.get('num') if fn.get('num') is not None else k}"
            g.add_node(fid, kind="labour_function", name=fn.get("name"), mandatory=fn.get("mandatory"))
            _edge(g, cid, fid, "has_function")
            for sk in fn.get("skills", []):
                # the 2019 layout: one skill with neither number nor name (the function's own
                # abilities and knowledge): its id comes from the function
                implicit = sk.get("num") is None
                sid = f"{fid}/skill_implicit" if implicit else f"{fid}/skill_{sk.get('num')}"
                g.add_node(sid, kind="skill", name=sk.get("name") or (fn.get("name") if implicit else None),
                           implicit=implicit, eid=sk.get("eid") or fn.get("eid"))
                _edge(g, fid, sid, "has_skill")


def _table_row(g: nx.MultiDiGraph, expr: str, doc: Document, row: dict[str, Any]) -> str:
    """The node of a row of a table of positions (made by :func:`_add_units` when the table's
    cells are units), with the row's text."""
    nid = ids.unit_id(expr, row["eid"])
    if nid not in g:
        table = row["eid"].rsplit("__row_", 1)[0]
        parent = ids.unit_id(expr, table) if "__row_" in row["eid"] and ids.unit_id(expr, table) in g else expr
        g.add_node(nid, kind="unit", unit_kind="row", eid=row["eid"], num=None, heading=None, text=row.get("text", ""),
                   expression=expr, lang=doc.lang, source=row.get("span"))
        _edge(g, parent, nid, "contains")
    elif not g.nodes[nid].get("text"):
        g.nodes[nid]["text"] = row.get("text", "")
    return nid


def _add_staffing(g: nx.MultiDiGraph, work: str, expr: str, doc: Document) -> None:
    for row in doc.staffing:
        g.nodes[_table_row(g, expr, doc, row)]["staffing"] = row


def _add_registers(g: nx.MultiDiGraph, work: str, expr: str, doc: Document) -> None:
    """Rows of registers of positions (position → category): linked to positions in
    :func:`kb.links.cross_links` (``in_register``)."""
    for row in doc.registers:
        g.nodes[_table_row(g, expr, doc, row)]["register"] = row


def _align(kb: KB) -> None:
    """ru↔kk: the same unit id in two languages of one work, except where the languages number
    a point's абзацы differently — there by content (:mod:`kb.align`)."""
    for work in kb.acts:
        add_aligned(kb.graph, align_pairs(kb, work))


def add_aligned(g: nx.MultiDiGraph, pairs: list[tuple[str, str, str]]) -> None:
    add_edges(g, ((a, b, "aligned_with", {"type": "aligned_with", "method": method}) for a, b, method in pairs))


def align_pairs(kb: KB, work: str) -> list[tuple[str, str, str]]:
    """The ``aligned_with`` edges of one act: (ru unit, kk unit, method) of its latest ru and kk
    texts; none for an act in one language."""
    g = kb.graph
    by_lang: dict[str, list[str]] = {}
    for e in kb.expressions(work):
        by_lang.setdefault(g.nodes[e]["lang"], []).append(e)
    if "ru" not in by_lang or "kk" not in by_lang:
        return []
    from .align import align_eids

    ru, kk = by_lang["ru"][-1], by_lang["kk"][-1]
    return [(ids.unit_id(ru, a), ids.unit_id(kk, b), "unit id" if a == b else "content")
            for a, b in align_eids(kb.docs[ru], kb.docs[kk]).items() if b is not None]


class TextRef(NamedTuple):
    """A text of the KB as the references pass reads it when its items' resolutions are known."""

    expression: str
    path: str
    lang: str


def _references(kb: KB, resolver: Any = None, texts: list[TextRef] | None = None) -> None:
    """Must-know items → canonical referenced acts (kb.refacts), as edges with the method used.
    ``resolver`` (:func:`kb.refacts.resolve_documents`) gives what is known of a document's items;
    then ``texts`` may stand for the documents, which need not be read."""
    from .refacts import resolve_documents

    g = kb.graph
    if texts is None:
        kb.refs = resolve_documents([kb.docs[e] for e in sorted(kb.docs)], resolver)
        path_to_expr = {d.path: e for e, d in kb.docs.items()}
    else:
        kb.refs = resolve_documents(texts, resolver)
        path_to_expr = {t.path: t.expression for t in texts}
    for aid, act in sorted(kb.refs.get("acts", {}).items()):
        g.add_node(f"ref:{aid}", kind="referenced_act", **{k: v for k, v in act.items() if k != "id"}, ref=aid)
    add_edges(g, _cites(g, kb.refs.get("links", []), path_to_expr))


def _cites(g: nx.MultiDiGraph, links: list[dict[str, Any]], path_to_expr: dict[str, str]):
    for link in links:
        expr = path_to_expr.get(link["doc"])
        if not expr or not link.get("act"):
            continue
        unit = ids.unit_id(expr, link["item"])
        if unit in g._node:
            yield unit, f"ref:{link['act']}", "cites", {"type": "cites", "method": link.get("method"),
                                                        "confidence": link.get("confidence"),
                                                        "mention": link.get("mention")}


def _cross_links(kb: KB, nodes: dict[str, list[str]] | None = None) -> None:
    """Cards ↔ positions, staffing rows ↔ positions, same-title positions across orders
    (``nodes``: the positions, cards and rows, :func:`kb.links.graph_nodes`)."""
    from .links import cross_links

    kb.links = cross_links(kb, nodes)
    g = kb.graph
    add_edges(g, ((x["from"], x["to"], x["type"], {"type": x["type"], "method": x["method"],
                                                     "confidence": x["confidence"]})
                  for x in kb.links if x["from"] in g._node and x["to"] in g._node))


def _instructions(kb: KB, instructions: Mapping[str, tuple[str, list[dict[str, Any]]]] | None = None) -> None:
    """Amending instructions (``Document.instructions``) resolved against the corpus
    (:func:`kb.amending.resolve`): an ``amends`` edge from the amending act to the amended act
    (and one to the target unit of the same language, when it has an id), with the verb, the new
    text and the source.  Every instruction, resolved or not, is also kept on the amending act's
    node (``instructions``, with the status and the reason).  ``instructions`` (expression id →
    its language and instructions) stands for the documents, which are then read only for the
    unit ids of the acts the instructions name."""
    from .amending import ActIndex, instruction_from_dict, resolve

    g = kb.graph
    acts = ActIndex(kb.acts[w] for w in sorted(kb.acts))
    exprs = sorted(kb.docs)
    units = _UnitIds(kb, exprs)
    for expr in exprs:
        if instructions is None:
            lang, items = kb.docs[expr].lang, kb.docs[expr].instructions
        else:
            lang, items = instructions.get(expr) or (None, [])
        work = g.nodes[expr]["work"]
        records = g.nodes[work].setdefault("instructions", [])
        for k, d in enumerate(items):
            r = resolve(instruction_from_dict(d), acts, units)
            span = d.get("span") or {}
            rec = {"n": k, "lang": lang, "verb": d.get("verb"), "text": d.get("text"), "target": d.get("target"),
                   "act": (d.get("act") or {}).get("text"), "path": [s.get("text") for s in d.get("path") or []],
                   "new_text": d.get("new_text"), "old_words": d.get("old_words"), "new_words": d.get("new_words"),
                   "status": r.status, "work": r.work, "eid": r.eid, "new_eid": r.new_eid, "method": r.method,
                   "reason": r.reason, "source": {"file": span.get("file"), "line": span.get("line"),
                                                  "end": span.get("end"), "eid": span.get("eid")}}
            records.append(rec)
            if r.work is None or r.work not in g:
                continue
            attrs = {k2: rec[k2] for k2 in ("verb", "new_text", "old_words", "new_words", "status", "eid", "new_eid",
                                            "method", "reason", "source", "lang", "text", "n")}
            g.add_edge(work, r.work, key=f"amends:{lang}:{k}", type="amends", **attrs)
            same_lang = (e for e in reversed(units.expressions(r.work)) if g.nodes[e]["lang"] == lang)
            target_expr = next(same_lang, None)
            if r.eid and target_expr and ids.unit_id(target_expr, r.eid) in g:
                g.add_edge(work, ids.unit_id(target_expr, r.eid), key=f"amends:{lang}:{k}", type="amends", **attrs)


class _UnitIds(Mapping[str, frozenset[str]]):
    """Work id → the unit ids of its texts, found when first asked for (an instruction names a
    few of the corpus's acts)."""

    def __init__(self, kb: KB, exprs: list[str]) -> None:
        self.kb = kb
        self.exprs = exprs  # every expression id, sorted
        self.found: dict[str, frozenset[str]] = {}

    def expressions(self, work: str) -> list[str]:
        """``kb.expressions(work)``, from the sorted ids: those of a work are consecutive."""
        out = []
        for e in self.exprs[bisect.bisect_left(self.exprs, work + "/"):]:
            if not e.startswith(work + "/"):
                break
            out.append(e)
        return out

    def __getitem__(self, work: str) -> frozenset[str]:
        if work not in self.kb.acts:
            raise KeyError(work)
        if work not in self.found:
            self.found[work] = frozenset(u.eid for e in self.expressions(work) for u in self.kb.docs[e].units)
        return self.found[work]

    def __iter__(self) -> Iterator[str]:
        return iter(self.kb.acts)

    def __len__(self) -> int:
        return len(self.kb.acts)
