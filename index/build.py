"""Build the whoosh index of units from a built knowledge base.

Three steps, each a function of its inputs:

1. :func:`unit_records` — walk the graph once and turn every unit with text into a flat dict
   (the index document): identity, act, kind, position and group, ОРК level, breadcrumb,
   validity interval (from :func:`kb.versions.interval`), the flags on every date as spans
   (:func:`index.asof.flag_spans`) and the text for each field.
2. :func:`write_index` — a single writer (``procs=1``, ``limitmb``), documents in graph order,
   one segment: the same KB gives the same documents in the same order.
3. :func:`build_index` — write into a fresh temporary folder next to ``data_dir/index`` and
   swap it in, so a reader never sees a half-written index.

>>> from kb.build import build  # doctest: +SKIP
>>> build_index(build("corpus"), "data")  # doctest: +SKIP
'data/index'
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from whoosh import index as whoosh_index

from kb.ids import slug_number
from kb.versions import Interval, act_commencement, interval, unit_history

from .asof import FlagSets, _Days, flag_spans
from .schema import (
    KINDS,
    META_FILE,
    NO_END,
    NO_START,
    ROLE_KINDS,
    SCHEMA_VERSION,
    SUBJECT_KINDS,
    make_schema,
    text_field,
)

__all__ = ["INDEX_DIRNAME", "build_index", "unit_kind_of", "unit_records", "write_index"]

INDEX_DIRNAME = "index"

#: Unit kinds that are headings of the hierarchy, not running text.
HEADING_UNITS = frozenset({"title", "annex", "chapter", "section"})

#: Breadcrumb words per language: unit kind -> format of its number.
CRUMB = {
    "ru": {"article": "статья {}", "point": "пункт {}", "subpoint": "подпункт {})", "alinea": "абзац {}",
           "table": "таблица {}", "row": "строка {}", "form": "форма"},
    "kk": {"article": "{}-бап", "point": "{}-тармақ", "subpoint": "{}) тармақша", "alinea": "{}-абзац",
           "table": "{}-кесте", "row": "{}-жол", "form": "нысан"},
}
SEP = " › "


class _Graph:
    """Lookups over the KB graph that the records need, computed once per build."""

    def __init__(self, kb) -> None:
        self.kb = kb
        g = kb.graph
        self.g = g
        self.parent: dict[str, str] = {}
        for a, b, key in g.edges(keys=True):
            if key == "contains":
                self.parent[b] = a
        self.cards = _cards_by_unit(kb)

    def ancestors(self, nid: str) -> Iterator[dict[str, Any]]:
        """Unit nodes above ``nid``, nearest first (the expression node ends the walk)."""
        p = self.parent.get(nid)
        while p is not None and self.g.nodes[p].get("kind") == "unit":
            yield self.g.nodes[p]
            p = self.parent.get(p)

    def position_of(self, node: dict[str, Any], work: str) -> str | None:
        """The position a unit belongs to: its role's position, else an enclosing position section."""
        roles = node.get("roles") or {}
        sections = [a["eid"] for a in self.ancestors(_nid(node)) if a.get("unit_kind") == "section"]
        candidates = [*sorted(roles), *sections]
        if node.get("unit_kind") == "section":
            candidates.insert(0, node["eid"])
        for eid in candidates:
            pid = f"{work}/~pos:{eid}"
            if pid in self.g:
                return pid
        if node.get("staffing"):  # a staffing row: the position it staffs (links, possibly another act)
            staffed = sorted(a for a, _, key in self.g.in_edges(_nid(node), keys=True) if key == "staffed_by")
            return staffed[0] if staffed else None
        return None


def _nid(node: dict[str, Any]) -> str:
    return f"{node['expression']}/~{node['eid']}"


def _cards_by_unit(kb) -> dict[str, dict[str, Any]]:
    """Card dicts keyed by ``"<work>|<unit eid>"``: the unit that opens the card (``card["id"]``,
    its "Карточка профессии" point) and every unit the card extractor placed in it
    (``card["placement"]``, which also names units moved from a neighbouring card).
    """
    out: dict[str, dict[str, Any]] = {}
    for _, d in kb.graph.nodes(data=True):
        if d.get("kind") != "card":
            continue
        card = d.get("card") or {}
        for place in card.get("placement") or []:
            if isinstance(place, dict) and place.get("eid"):
                out[f"{d['work']}|{place['eid']}"] = card
        if card.get("id"):
            out[f"{d['work']}|{card['id']}"] = card
    return out


def _okr(card: dict[str, Any] | None) -> str:
    if not card:
        return ""
    levels = card.get("okr_levels") or []
    if isinstance(levels, (str, int)):
        levels = [levels]
    return ",".join(str(lv) for lv in levels)


def unit_kind_of(node: dict[str, Any], subject: str | None, in_card: bool) -> str:
    """The search kind of a unit (one of :data:`index.schema.KINDS`).

    >>> unit_kind_of({"unit_kind": "alinea", "eid": "x", "roles": {"p": "duties"}}, "tkh", False)
    'duty'
    >>> unit_kind_of({"unit_kind": "chapter", "eid": "chp_1"}, "rules", False)
    'heading'
    >>> unit_kind_of({"unit_kind": "point", "eid": "chp_2__point_6"}, "rules", False)
    'rule'
    """
    roles = node.get("roles") or {}
    if roles:
        return ROLE_KINDS.get(roles[sorted(roles)[0]], "other")
    uk = node.get("unit_kind")
    if uk == "row" or node.get("staffing"):
        return "staffing_row"
    if uk in HEADING_UNITS or (not node.get("text") and node.get("heading")):
        return "heading"
    eid = node.get("eid", "")
    in_body = eid in ("title", "preamble") or eid.startswith("body__")
    kind = SUBJECT_KINDS.get(subject or "")
    if kind == "card_item":
        return kind if in_card else "other"
    if kind and not in_body:
        return kind
    return "other"


def _breadcrumb(gr: _Graph, node: dict[str, Any], act: dict[str, Any], pid: str | None,
                card: dict[str, Any] | None) -> str:
    """``№ 580-НҚ › <chapter heading> › <position title or card name> › пункт 38 › абзац 6``."""
    lang = node.get("lang") or "ru"
    crumbs = [f"№ {act.get('number')}"]
    chain = [*reversed(list(gr.ancestors(_nid(node)))), node]
    chapter = next((a for a in reversed(chain) if a.get("unit_kind") == "chapter"), None)
    chapter = chapter or next((a for a in reversed(chain) if a.get("unit_kind") == "annex"), None)
    if node.get("staffing"):
        chapter = {"heading": node["staffing"].get("section") or node.get("heading")}
    if chapter is not None and chapter.get("heading") and chapter is not node:
        crumbs.append(chapter["heading"])
    if pid and gr.g.nodes[pid].get("work") == act.get("work"):
        titles = gr.g.nodes[pid].get("titles") or {}
        title = titles.get(lang) or next(iter(titles.values()), None)
        if title:
            crumbs.append(title)
    elif card and (card.get("name") or card.get("profession")):
        crumbs.append(card.get("name") or card.get("profession"))
    words = CRUMB.get(lang, CRUMB["ru"])
    for a in chain:
        fmt = words.get(a.get("unit_kind"))
        if fmt and a.get("num"):
            crumbs.append(fmt.format(a["num"]))
    return SEP.join(crumbs)


def _exists_from(kb, expr: str, eid: str, valid_from: str) -> str:
    """The first day the unit exists, whatever its text: the act's commencement, or the day an
    amendment added it.  Earlier than ``valid_from`` when the unit was restated or changed
    later and its earlier text is not in the corpus; equal when the expression is a dated
    edition (the earlier text is then the previous edition's, in the corpus)."""
    if (kb.graph.nodes[expr].get("edition") or {}).get("date"):
        return valid_from
    start, _ = act_commencement(kb, expr)
    for note in unit_history(kb, expr, eid)["applied"]:
        if note.kind == "added" and note.effective is not None:
            added = note.effective.date or note.effective.lower
            if added and (start is None or added > start):
                start = added
    start = start or NO_START
    return min(start, valid_from)


def _aligned_end(gr: _Graph, nid: str, iv: Interval) -> tuple[str | None, Interval]:
    """An open interval closed by the aligned unit's announced edition, if it has one.

    An amending order restates a unit in both languages, but the announcement ("Примечание
    ИЗПИ!") may be printed in one text only (580-НҚ: in the Russian text).  Returns the aligned
    node the end comes from (or ``None``) and the interval to use.
    """
    g = gr.g
    partners = [b for _, b, key in g.out_edges(nid, keys=True) if key == "aligned_with"]
    partners += [a for a, _, key in g.in_edges(nid, keys=True) if key == "aligned_with"]
    for other in sorted(partners):
        d = g.nodes[other]
        oiv = interval(gr.kb, d["expression"], d["eid"])
        if oiv.end and oiv.end_by and "edition" not in oiv.end_by:
            return other, replace(iv, end=oiv.end, end_by=oiv.end_by)
    return None, iv


def unit_records(kb) -> Iterator[dict[str, Any]]:
    """One index document per unit with text (or a heading), in graph order."""
    gr = _Graph(kb)
    days = _Days(kb)
    g = kb.graph
    for nid, node in g.nodes(data=True):
        if node.get("kind") != "unit":
            continue
        # a unit can have both: the staffing table's title (heading) and its stamp (text)
        heading, body = (node.get("heading") or "").strip(), (node.get("text") or "").strip()
        if node.get("unit_kind") == "row":
            heading = ""  # a row's heading is its table section: in the breadcrumb, not the text
        text = f"{heading}\n{body}" if heading and body and heading != body else heading or body
        if not text:
            continue
        expr = node["expression"]
        work = g.nodes[expr]["work"]
        act = kb.acts[work]
        lang = node.get("lang") or g.nodes[expr].get("lang")
        card = None
        if gr.cards:
            for a in [node, *gr.ancestors(nid)]:
                card = gr.cards.get(f"{work}|{a['eid']}")
                if card is not None:
                    break
        kind = unit_kind_of(node, act.get("subject"), card is not None)
        assert kind in KINDS, kind
        pid = gr.position_of(node, work)
        group = (g.nodes[pid].get("group") or "") if pid else ""
        iv = interval(kb, expr, node["eid"])
        valid_from = iv.start or NO_START
        end_from = None
        if iv.end is None:  # an edition announced in the other language's text only
            end_from, iv = _aligned_end(gr, nid, iv)
        end_by = iv.end_by or {}
        text_in_corpus = bool(end_by.get("text_in_corpus") or "edition" in end_by)
        valid_to = iv.end or NO_END
        rec = {
            "node": nid,
            "unit_id": node["eid"],
            "expression": expr,
            "act": work,
            "act_key": slug_number(str(act.get("number", ""))),
            "act_number": act.get("number"),
            "lang": lang,
            "kind": kind,
            "unit_kind": node.get("unit_kind"),
            "position_id": pid or "",
            "group": group,
            "okr": _okr(card),
            "breadcrumb": _breadcrumb(gr, node, act, pid, card),
            "valid_from": valid_from,
            "exists_from": _exists_from(kb, expr, node["eid"], valid_from),
            "valid_to": valid_to,
            "visible_to": valid_to if text_in_corpus else NO_END,
            "ended_by": None if text_in_corpus else end_by.get("number"),
            "end_from": end_from,
            "text": text,
            text_field(lang): text,
            "surface": text,
        }
        rec["flag_spans"] = flag_spans(kb, rec, days)
        yield rec


def write_index(kb, path: str, limitmb: int = 256) -> int:
    """Create an index in the empty folder ``path`` (and the flag lists its documents point to,
    :class:`index.asof.FlagSets`); returns the number of documents."""
    ix = whoosh_index.create_in(path, make_schema())
    writer = ix.writer(procs=1, limitmb=limitmb)
    sets = FlagSets()
    n = 0
    try:
        for rec in unit_records(kb):
            rec["flag_spans"] = sets.intern(rec["flag_spans"])
            writer.add_document(**{k: v for k, v in rec.items() if v not in (None, "")})
            n += 1
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    sets.save(path)
    return n


def build_index(kb, data_dir: str, stats: dict[str, Any] | None = None) -> str:
    """Build the index into ``data_dir/index``, atomically replacing any previous one.

    The new index is written into a temporary folder in ``data_dir`` (same file system), then
    the old folder is renamed away, the new one renamed in and the old one deleted; if the
    second rename fails the old index is put back.  The folder also holds
    :data:`index.schema.META_FILE` (schema version, the KB's corpus hash, the number of
    documents), which :func:`index.search.open_index` checks.  Returns the index path.

    Args:
        stats: if given, receives ``documents`` and ``seconds``.
    """
    t0 = time.perf_counter()
    os.makedirs(data_dir, exist_ok=True)
    final = os.path.join(data_dir, INDEX_DIRNAME)
    tmp = tempfile.mkdtemp(prefix=f".{INDEX_DIRNAME}.new-", dir=data_dir)
    os.chmod(tmp, 0o755)  # mkdtemp makes it private; the index is not
    try:
        n = write_index(kb, tmp)
        meta = {"schema_version": SCHEMA_VERSION, "corpus_hash": getattr(kb, "corpus_hash", ""),
                "documents": n}
        with open(os.path.join(tmp, META_FILE), "w", encoding="utf-8") as fh:
            json.dump(meta, fh, ensure_ascii=False, indent=1)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = None
    if os.path.lexists(final):
        old = tempfile.mkdtemp(prefix=f".{INDEX_DIRNAME}.old-", dir=data_dir)
        os.rmdir(old)
        os.replace(final, old)
    try:
        os.replace(tmp, final)
    except BaseException:
        if old is not None:
            os.replace(old, final)
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    if stats is not None:
        stats.update(documents=n, seconds=round(time.perf_counter() - t0, 3))
    return final
