"""Build the versioned knowledge graph from the corpus.

Nodes carry ``kind`` and their source; edges carry ``type``.  Ids are the parser's
stable ids turned into URIs (see :mod:`kb.ids`): works, expressions (language +
edition), units of an expression, positions and cards of a work, amendments, the
amending acts, and canonical referenced acts.  Building is deterministic: the same
corpus gives the same graph in the same order (and the same bytes once stored).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from parser.corpus import Act, corpus_hash, read_corpus
from parser.models import Document
from parser.pipeline import parse_path

from . import ids
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
        return sorted(e for e, d in self.docs.items() if e.startswith(work + "/"))

    def node(self, nid: str) -> dict[str, Any]:
        return self.graph.nodes[nid]


def _edge(g: nx.MultiDiGraph, a: str, b: str, etype: str, **attrs: Any) -> None:
    g.add_edge(a, b, key=etype, type=etype, **attrs)


def _src(doc: Document, start: int, end: int | None = None) -> dict[str, Any]:
    return {"file": doc.path, "start": start, "end": end or start}


Progress = Callable[[int, int, str], None]


def build(corpus_root: str = "corpus", progress: Progress | None = None) -> KB:
    """Build the KB; ``progress(done, total, what)`` is told of every step (a terminal bar)."""
    acts = read_corpus(corpus_root)
    g = nx.MultiDiGraph()
    kb = KB(graph=g, acts={}, docs={})
    total = sum(len(a.expressions) for a in acts) + 3
    step = 0

    def tell(what: str) -> None:
        nonlocal step
        if progress:
            progress(step, total, what)
        step += 1

    for act in acts:
        _add_act(kb, act, tell)
    tell("referenced acts")
    _references(kb)
    tell("ru↔kk alignment")
    _align(kb)
    tell("links across documents")
    _cross_links(kb)
    if progress:
        progress(total, total, "done")
    kb.corpus_hash = corpus_hash(acts)
    return kb


def _add_act(kb: KB, act: Act, tell: Callable[[str], None]) -> None:
    g = kb.graph
    meta = act.meta
    work = meta["work"]
    kb.acts[work] = meta
    g.add_node(work, kind="act", type=meta["type"], number=meta["number"], date=meta["date"],
               title=meta["title"], issuer=meta.get("issuer"), registration=meta.get("registration"),
               subject=meta.get("subject"))
    for expr in act.expressions:
        tell(f"parsing {expr.path}")
        doc = parse_path(expr.path)
        eid = ids.expression_id(work, expr.lang, expr.edition_date)
        kb.docs[eid] = doc
        kb.editions.setdefault(work, []).append(edition_from_expression(act, expr, doc))
        g.add_node(eid, kind="expression", work=work, lang=expr.lang, edition=expr.edition,
                   path=doc.path, format=expr.format, sha256=expr.sha256)
        _edge(g, work, eid, "realized_by")
        _add_units(g, eid, expr.lang, doc)
        _add_positions(g, work, eid, expr.lang, doc)
        _add_amendments(g, work, eid, doc)
        _add_cards(g, work, eid, doc)
        _add_staffing(g, work, eid, doc)
    kb.editions[work] = order_editions(kb.editions.get(work, []))


def _add_units(g: nx.MultiDiGraph, expr: str, lang: str, doc: Document) -> None:
    for u in doc.units:
        nid = ids.unit_id(expr, u.eid)
        g.add_node(nid, kind="unit", unit_kind=u.kind, eid=u.eid, num=u.num, heading=u.heading, text=u.text,
                   expression=expr, lang=lang, source=_src(doc, u.span.start, u.span.end))
        parent = ids.unit_id(expr, u.parent) if u.parent else expr
        _edge(g, parent, nid, "contains")


def _add_positions(g: nx.MultiDiGraph, work: str, expr: str, lang: str, doc: Document) -> None:
    for p in doc.positions:
        pid = position_id(work, p.id)
        if pid not in g:
            g.add_node(pid, kind="position", work=work, eid=p.id, num=p.num, titles={}, group=p.group,
                       group_basis=p.group_basis, chapter=p.chapter)
            _edge(g, work, pid, "defines_position")
        node = g.nodes[pid]
        node["titles"][lang] = p.title
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


def _add_amendments(g: nx.MultiDiGraph, work: str, expr: str, doc: Document) -> None:
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
        if a and a.date and a.number:
            aid = ids.work_id("order", a.date, a.number)
            if aid not in g:
                g.add_node(aid, kind="amending_act", date=a.date, number=a.number, issuer=a.issuer, text=a.text)
            _edge(g, nid, aid, "enacted_by")


def _add_cards(g: nx.MultiDiGraph, work: str, expr: str, doc: Document) -> None:
    for card in doc.cards:
        cid = f"{work}/~card:{card['id']}"
        g.add_node(cid, kind="card", work=work, card=card, lang=doc.lang)
        _edge(g, work, cid, "defines_card")
        for fn in card.get("functions", []):
            fid = f"{cid}/fn_{fn.get('num')}"
            g.add_node(fid, kind="labour_function", name=fn.get("name"), mandatory=fn.get("mandatory"))
            _edge(g, cid, fid, "has_function")
            for sk in fn.get("skills", []):
                sid = f"{fid}/skill_{sk.get('num')}"
                g.add_node(sid, kind="skill", name=sk.get("name"))
                _edge(g, fid, sid, "has_skill")


def _add_staffing(g: nx.MultiDiGraph, work: str, expr: str, doc: Document) -> None:
    for row in doc.staffing:
        nid = ids.unit_id(expr, row["eid"])
        if nid not in g:
            g.add_node(nid, kind="unit", unit_kind="row", eid=row["eid"], text=row.get("text", ""), expression=expr,
                       lang=doc.lang, source=row.get("span"))
            _edge(g, expr, nid, "contains")
        g.nodes[nid]["staffing"] = row


def _align(kb: KB) -> None:
    """ru↔kk: the same unit id in two languages of one work, except where the languages number
    a point's абзацы differently — there by content (:mod:`kb.align`)."""
    g = kb.graph
    for work in kb.acts:
        exprs = kb.expressions(work)
        by_lang: dict[str, list[str]] = {}
        for e in exprs:
            by_lang.setdefault(g.nodes[e]["lang"], []).append(e)
        if "ru" in by_lang and "kk" in by_lang:
            from .align import align_eids

            ru, kk = by_lang["ru"][-1], by_lang["kk"][-1]
            for a, b in align_eids(kb.docs[ru], kb.docs[kk]).items():
                if b is not None:
                    _edge(g, ids.unit_id(ru, a), ids.unit_id(kk, b), "aligned_with",
                          method="unit id" if a == b else "content")


def _references(kb: KB) -> None:
    """Must-know items → canonical referenced acts (kb.refacts), as edges with the method used."""
    try:
        from .refacts import resolve_documents
    except ImportError:  # pragma: no cover - the module is part of the package
        return
    g = kb.graph
    docs = [kb.docs[e] for e in sorted(kb.docs)]
    kb.refs = resolve_documents(docs)
    path_to_expr = {d.path: e for e, d in kb.docs.items()}
    for aid, act in sorted(kb.refs.get("acts", {}).items()):
        g.add_node(f"ref:{aid}", kind="referenced_act", **{k: v for k, v in act.items() if k != "id"}, ref=aid)
    for link in kb.refs.get("links", []):
        expr = path_to_expr.get(link["doc"])
        if not expr or not link.get("act"):
            continue
        unit = ids.unit_id(expr, link["item"])
        if unit in g:
            _edge(g, unit, f"ref:{link['act']}", "cites", method=link.get("method"), confidence=link.get("confidence"),
                  mention=link.get("mention"))


def _cross_links(kb: KB) -> None:
    """Cards ↔ positions, staffing rows ↔ positions, same-title positions across orders."""
    from .links import cross_links

    kb.links = cross_links(kb)
    for link in kb.links:
        if link["from"] in kb.graph and link["to"] in kb.graph:
            _edge(kb.graph, link["from"], link["to"], link["type"], method=link["method"], confidence=link["confidence"])
