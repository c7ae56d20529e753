"""Build the whoosh index of units from a built knowledge base, in full or act by act.

Three steps, each a function of its inputs:

1. :func:`act_records` — turn every unit of one act with text into a flat dict (the index
   document): identity, act, kind, position and group, ОРК level, breadcrumb, validity interval
   (from :func:`kb.versions.interval`), the flags on every date as spans
   (:func:`index.asof.flag_spans`) and the text for each field.  :func:`unit_records` gives
   every act's, in graph order.
2. :func:`build_index` — compares the KB with the index there is (:mod:`index.fingerprints`:
   one digest per act of what its documents read) and writes a new index into a fresh temporary
   folder next to ``data_dir/index``: in full, the acts cut into segments written by worker
   processes (:mod:`index.segments`), or, when only some acts changed, the old index hard-linked
   and only those acts' documents replaced, in one new segment;
3. then swaps it in, so a reader never sees a half-written index.

The same KB gives the same documents in the same order, whichever way the index was made.

>>> from kb.build import build  # doctest: +SKIP
>>> build_index(build("corpus"), "data")  # doctest: +SKIP
'data/index'
"""

from __future__ import annotations

import contextlib
import gc
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

from .asof import FLAGSETS_FILE, FlagSets, _Days, flag_spans
from .fingerprints import ActInputs, act_bundle, act_fingerprints, act_inputs, code_version, records_digest
from .schema import (
    KINDS,
    META_FILE,
    NO_END,
    NO_START,
    ROLE_KINDS,
    SCHEMA_VERSION,
    SUBJECT_KINDS,
    text_field,
)
from .segments import (
    MANIFEST_FILE,
    ActEntry,
    Manifest,
    PartWriters,
    add_documents,
    assemble,
    chunks,
    flag_ids,
    link_copy,
    merge_policy,
    set_lengths,
    writer_of,
)

__all__ = ["INDEX_DIRNAME", "act_records", "build_index", "index_procs", "unit_kind_of", "unit_records",
           "write_index"]

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
    """Lookups over the KB graph that the records need, computed once per build from the acts'
    inputs (:func:`index.fingerprints.act_inputs`): the parent of each unit, the cards, and the
    unit nodes of each act in graph order (``units``; ``works``: the acts in the order of their
    first unit, then those without units)."""

    def __init__(self, kb, inputs: ActInputs | None = None) -> None:
        self.kb = kb
        g = kb.graph
        self.g = g
        inputs = inputs or act_inputs(kb)
        self.parent: dict[str, str] = {}
        for edges in inputs.edges.values():
            for a, b, key, _ in edges:
                if key == "contains":
                    self.parent[b] = a
        self.cards = _cards_by_unit(g, inputs.cards)
        self.units = inputs.units
        self.works = [*self.units, *(w for w in kb.acts if w not in self.units)]

    @property
    def order(self) -> list[str]:
        """Every unit node, in graph order."""
        mine = {n for units in self.units.values() for n in units}
        return [n for n in self.g.nodes if n in mine]

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


def _cards_by_unit(g, cards: list[str]) -> dict[str, dict[str, Any]]:
    """Card dicts keyed by ``"<work>|<unit eid>"``: the unit that opens the card (``card["id"]``,
    its "Карточка профессии" point) and every unit the card extractor placed in it
    (``card["placement"]``, which also names units moved from a neighbouring card).
    """
    out: dict[str, dict[str, Any]] = {}
    for nid in cards:
        d = g.nodes[nid]
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


def _record(kb, gr: _Graph, days: _Days, nid: str) -> dict[str, Any] | None:
    """The index document of the unit ``nid`` (``None`` when it has neither text nor heading)."""
    g = kb.graph
    node = g.nodes[nid]
    # a unit can have both: the staffing table's title (heading) and its stamp (text)
    heading, body = (node.get("heading") or "").strip(), (node.get("text") or "").strip()
    if node.get("unit_kind") == "row":
        heading = ""  # a row's heading is its table section: in the breadcrumb, not the text
    text = f"{heading}\n{body}" if heading and body and heading != body else heading or body
    if not text:
        return None
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
    return rec


def act_records(kb, work: str, gr: _Graph | None = None, days: _Days | None = None
                ) -> Iterator[dict[str, Any]]:
    """The index documents of one act's units with text (or a heading), in graph order
    (``gr`` and ``days``: the lookups of a build, shared by its acts)."""
    gr = gr or _Graph(kb)
    days = days or _Days(kb)
    for nid in gr.units.get(work, ()):
        rec = _record(kb, gr, days, nid)
        if rec is not None:
            yield rec


def unit_records(kb) -> Iterator[dict[str, Any]]:
    """One index document per unit with text (or a heading), in graph order."""
    gr = _Graph(kb)
    days = _Days(kb)
    for nid in gr.order:
        rec = _record(kb, gr, days, nid)
        if rec is not None:
            yield rec


#: Incremental builds are done in this process; a full build uses up to this many workers.
MAX_PROCS = 4
#: Below this many units a full build writes in this process (starting workers costs more: the
#: seeds, 3,600 units, take as long either way; corpus-dev, 6,500: 5.7 s here, 4.5 s in two).
PARALLEL_UNITS = 5_000
#: Copying a document from an old segment (a merge) costs about this fraction of indexing it.
MERGE_COST = 0.45


def index_procs() -> int:
    """Worker processes for a full build: ``$ZANGRAPH_INDEX_PROCS``, else the CPUs this process
    may use (at most :data:`MAX_PROCS`)."""
    env = os.environ.get("ZANGRAPH_INDEX_PROCS")
    if env:
        return max(1, int(env))
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cpus = os.cpu_count() or 1
    return max(1, min(MAX_PROCS, cpus))


def write_index(kb, path: str, limitmb: int = 256, *, previous: str | None = "", procs: int | None = None
                ) -> dict[str, Any]:
    """Write the index of ``kb`` into the empty folder ``path``, with its flag lists
    (:class:`index.asof.FlagSets`) and manifest (:class:`index.segments.Manifest`).

    When the index ``previous`` (by default the one :func:`build_index` replaces: the folder
    :data:`INDEX_DIRNAME` beside ``path``) has this schema and code, only the acts whose digest
    changed are indexed again (an incremental build); ``previous=None``, or so much changed that
    a full build is cheaper, writes the index in full, in ``procs`` worker processes (default
    :func:`index_procs`).

    Returns ``documents``, ``mode`` (``"full"``, ``"incremental"``, ``"unchanged"``),
    ``acts_indexed`` (acts whose documents were computed), ``acts_replaced`` (acts whose
    documents were written or removed), ``segments``, ``merged`` (old segments merged) and
    ``procs``, ``timings`` (seconds per stage); an incremental build also lists the acts in
    ``indexed`` and ``replaced``.
    """
    if previous == "":
        previous = os.path.join(os.path.dirname(os.path.abspath(path)), INDEX_DIRNAME)
    clock = _Clock()
    with _gc_paused():  # a million small tuples, no cycles: a collection would walk the whole KB
        inputs = act_inputs(kb)
        gr = _Graph(kb, inputs)
        clock("scan")
        fingerprints = act_fingerprints(kb, inputs)
        clock("fingerprints")
    code = code_version()
    old = _current(previous, code) if previous else None
    procs = index_procs() if procs is None else max(1, procs)
    info: dict[str, Any] = {"procs": procs}
    plan = None if old is None else _plan(old, gr, fingerprints, procs)
    if plan is None:
        manifest, sets = _write_full(kb, gr, inputs, path, fingerprints, code, procs, limitmb, info)
    else:
        manifest, sets = _write_update(kb, gr, previous, path, old, fingerprints, plan, limitmb, info)
    clock("documents")
    sets.subset(manifest.flagset_ids()).save(path)
    manifest.save(path)
    clock("manifest")
    return {"documents": manifest.documents, "segments": len(manifest.segments), **info,
            "timings": clock.laps}


@contextlib.contextmanager
def _gc_paused():
    """The cyclic garbage collector off for a while (on again after, if it was on)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Clock:
    """Seconds per stage: ``clock("stage")`` ends the stage begun at the previous call."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self.t = time.perf_counter()

    def __call__(self, stage: str) -> None:
        now = time.perf_counter()
        self.laps[stage] = round(now - self.t, 3)
        self.t = now


def build_index(kb, data_dir: str, stats: dict[str, Any] | None = None, procs: int | None = None,
                full: bool = False) -> str:
    """Build the index into ``data_dir/index``, atomically replacing any previous one, from
    that one when it can (:func:`write_index`; ``full``: never).

    The new index is written into a temporary folder in ``data_dir`` (same file system), then
    the old folder is renamed away, the new one renamed in and the old one deleted; if the
    second rename fails the old index is put back.  The folder also holds
    :data:`index.schema.META_FILE` (schema version, the KB's corpus hash, the number of
    documents), which :func:`index.search.open_index` checks.  Returns the index path.

    Args:
        stats: if given, receives ``seconds`` and what :func:`write_index` returns.
        procs: worker processes of a full build.
    """
    t0 = time.perf_counter()
    os.makedirs(data_dir, exist_ok=True)
    final = os.path.join(data_dir, INDEX_DIRNAME)
    tmp = tempfile.mkdtemp(prefix=f".{INDEX_DIRNAME}.new-", dir=data_dir)
    os.chmod(tmp, 0o755)  # mkdtemp makes it private; the index is not
    options: dict[str, Any] = {}  # the defaults: from the index replaced, workers as the CPUs allow
    if full:
        options["previous"] = None
    if procs is not None:
        options["procs"] = procs
    try:
        info = write_index(kb, tmp, **options)
        meta = {"schema_version": SCHEMA_VERSION, "corpus_hash": getattr(kb, "corpus_hash", ""),
                "documents": info["documents"]}
        with open(os.path.join(tmp, META_FILE), "w", encoding="utf-8") as fh:
            json.dump(meta, fh, ensure_ascii=False, indent=1)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _swap(tmp, final, data_dir)
    if stats is not None:
        stats.update(info, seconds=round(time.perf_counter() - t0, 3))
    return final


def _swap(tmp: str, final: str, data_dir: str) -> None:
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


def _current(folder: str, code: str) -> Manifest | None:
    """The manifest of the index in ``folder`` when an incremental build may start from it:
    same schema version and code, and its segments are the ones its table of contents lists."""
    if not os.path.isdir(folder):
        return None
    m = Manifest.load(folder)
    if m is None or m.schema_version != SCHEMA_VERSION or m.code != code:
        return None
    try:
        names = [s.segment_id() for s in whoosh_index.open_dir(folder)._segments()]
    except Exception:  # noqa: BLE001 - any unreadable index is rebuilt
        return None
    if names != [s["name"] for s in m.segments] or not os.path.exists(os.path.join(folder, FLAGSETS_FILE)):
        return None
    return m


# --- full --------------------------------------------------------------------------------------


def _write_full(kb, gr: _Graph, inputs: ActInputs, folder: str, fingerprints: dict[str, str], code: str,
                procs: int, limitmb: int, info: dict[str, Any]) -> tuple[Manifest, FlagSets]:
    """Every act's documents, in graph order, as the segments of :func:`index.segments.chunks`:
    made and written here, or by ``procs`` workers from the acts' bundles."""
    sizes = {w: len(gr.units.get(w, ())) for w in gr.works}
    if sum(sizes.values()) < PARALLEL_UNITS:
        procs = 1
    runs = chunks(sizes, procs)
    procs = min(procs, len(runs))
    days = _Days(kb)
    sets = FlagSets()

    def make(w: str):
        if procs > 1:
            return act_bundle(kb, inputs, w)
        records = []
        for rec in act_records(kb, w, gr, days):
            rec["flag_spans"] = sets.intern(rec["flag_spans"])
            records.append(rec)
        return records

    with PartWriters(procs, limitmb) as writers:
        parts = writers.write(folder, runs, make)
    names = assemble(folder, [p["folder"] for p in parts if p["documents"]])
    acts: dict[str, ActEntry] = {}
    for part in parts:
        sets.update(part.get("sets", {}))
        for w, entry in part["entries"].items():
            acts[w] = ActEntry(fingerprints[w], **entry)
    acts = {w: acts[w] for w in gr.works}  # graph order
    segments = []
    for part in parts:
        if part["documents"]:
            name = names[len(segments)]
            segments.append({"name": name, "acts": part["acts"], "documents": part["documents"]})
            for w in part["acts"]:
                acts[w].segment = name
    info.update(mode="full", procs=procs, acts_indexed=len(acts), acts_replaced=len(acts), merged=0)
    return Manifest(SCHEMA_VERSION, code, acts, segments), sets


# --- incremental -------------------------------------------------------------------------------


def _plan(old: Manifest, gr: _Graph, fingerprints: dict[str, str], procs: int) -> dict[str, Any] | None:
    """What an incremental build would do: the acts whose digest changed or that are new
    (``dirty``) and the acts no longer in the KB (``removed``); ``None`` when a full build
    costs less (a merged document costing :data:`MERGE_COST` of an indexed one, a full build
    spread over ``procs`` workers)."""
    dirty = [w for w in gr.works if w not in old.acts or old.acts[w].fingerprint != fingerprints[w]]
    removed = [w for w in old.acts if w not in fingerprints]
    going = {w for w in [*dirty, *removed] if w in old.acts}
    touched = {old.acts[w].segment for w in going} - {None}
    new_units = sum(len(gr.units.get(w, ())) for w in dirty)
    merged = sum(old.acts[w].documents for s in old.segments if s["name"] in touched
                 for w in s["acts"] if w not in going)  # documents the merges copy, at most
    total = sum(len(v) for v in gr.units.values())
    if new_units + MERGE_COST * merged > total / max(1, min(procs, 2)):
        return None
    return {"dirty": dirty, "removed": removed}


def _write_update(kb, gr: _Graph, final: str, folder: str, old: Manifest, fingerprints: dict[str, str],
                  plan: dict[str, Any], limitmb: int, info: dict[str, Any]) -> tuple[Manifest, FlagSets]:
    """The old index with the documents of the acts that changed replaced (module docstring of
    :mod:`index.segments`), act by act: an act's documents are made, compared with those
    indexed (their digest) and, when they differ, written (a whoosh writer is opened at the
    first change)."""
    link_copy(final, folder, skip=(FLAGSETS_FILE, META_FILE, MANIFEST_FILE))
    sets = FlagSets.load(final)
    days = _Days(kb)
    acts: dict[str, ActEntry] = {}
    fresh: list[str] = []  # acts whose documents are (re)written
    drop = [w for w in plan["removed"] if old.acts[w].documents]  # acts whose documents go
    dirty = set(plan["dirty"])
    writer = None
    try:
        for w in drop:
            writer = writer or writer_of(whoosh_index.open_dir(folder), limitmb)
            writer.delete_by_term("act", w)
        for w in gr.works:
            before = old.acts.get(w)
            if w not in dirty:
                acts[w] = before
                continue
            records = []
            for rec in act_records(kb, w, gr, days):
                rec["flag_spans"] = sets.intern(rec["flag_spans"])
                records.append(rec)
            entry = ActEntry(fingerprints[w], records_digest(records), len(records), flag_ids(records))
            acts[w] = entry
            if before is not None and before.records == entry.records:  # the same documents: they stay
                entry.segment, entry.lengths = before.segment, before.lengths
                continue
            if before is not None and before.documents:
                writer = writer or writer_of(whoosh_index.open_dir(folder), limitmb)
                writer.delete_by_term("act", w)
                drop.append(w)
            if records:
                writer = writer or writer_of(whoosh_index.open_dir(folder), limitmb)
                entry.lengths = add_documents(writer, records)
                fresh.append(w)
    except BaseException:
        if writer is not None:
            writer.cancel()
        raise
    merged: list[str] = []
    segments = [dict(s) for s in old.segments]
    if writer is not None:
        writer.commit(mergetype=merge_policy(merged))
        names = [s.segment_id() for s in whoosh_index.open_dir(folder)._segments()]
        gone = set(drop)
        kept = [s for s in segments if s["name"] not in merged]
        moved = [w for s in segments if s["name"] in merged for w in s["acts"] if w not in gone]
        segments = kept
        new = [n for n in names if n not in {s["name"] for s in kept}]
        if new:  # the segment written: the new documents first, then those of merged segments
            held = [*fresh, *moved]
            segments.append({"name": new[0], "acts": held,
                             "documents": sum(acts[w].documents for w in held)})
            if moved:  # copied documents brought their lengths rounded: the exact totals
                totals: dict[str, int] = {}
                for w in held:
                    for f, n in acts[w].lengths.items():
                        totals[f] = totals.get(f, 0) + n
                set_lengths(folder, new[0], totals)
        assert [s["name"] for s in segments] == names, (names, segments)
    for s in segments:
        for w in s["acts"]:
            acts[w].segment = s["name"]
    replaced = [w for w in [*gr.works, *plan["removed"]] if w in fresh or w in drop]
    info.update(mode="incremental" if replaced else "unchanged", acts_indexed=len(dirty),
                acts_replaced=len(replaced), merged=len(merged), indexed=[w for w in gr.works if w in dirty],
                replaced=replaced)
    return Manifest(SCHEMA_VERSION, old.code, acts, segments), sets
