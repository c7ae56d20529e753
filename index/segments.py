"""The index as whoosh segments of whole acts, with a manifest that says which acts each holds.

Layout
------
Every act's documents sit in one segment, together and in graph order; a segment holds a
run of acts.  A full build (:func:`index.build.build_index`) cuts the acts, in graph order, into
at most :data:`FULL_SEGMENTS` runs of about :data:`CHUNK_UNITS` units and writes each run as one
segment, in worker processes when there is more than one CPU (:class:`PartWriters`), then puts
the segments together in that order (:func:`assemble`): the documents are in graph order, as a
single writer would give them.

An incremental build starts from hard links to the old index's files (whoosh never rewrites a
segment file: a commit writes new segments and a new table of contents), deletes the documents
of the acts that changed or went, adds the documents of the acts that changed or came as one new
segment, and commits with :func:`merge_policy`: a segment that lost documents is merged into
the new one (a deleted document would still count in the term statistics a score is made of,
so the answers would not be those of a full build), and the smallest segments are merged when
there would be more than :data:`MAX_SEGMENTS`.  Every other segment file stays as it was.

The documents are then no longer in graph order; the search breaks ties of score by the order
of the acts in the manifest and, within an act, by document number (:mod:`index.search`), which
gives the order a full build gives.

The manifest (:data:`MANIFEST_FILE`) keeps, per act in graph order, the digest of what its
documents read (:func:`index.fingerprints.act_fingerprints`), the digest of the documents, their
number, the flag lists they point to and the segment holding them; per segment, its acts in
document order.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from .fingerprints import records_digest

__all__ = ["CHUNK_UNITS", "FULL_SEGMENTS", "MANIFEST_FILE", "MAX_SEGMENTS", "ActEntry", "Manifest",
           "PartWriters", "add_documents", "assemble", "chunks", "link_copy", "merge_policy", "set_lengths",
           "write_part"]

#: Beside the index: the per-act and per-segment manifest (:class:`Manifest`).
MANIFEST_FILE = "manifest.json"

#: A full build writes at most this many segments …
FULL_SEGMENTS = 8
#: … of about this many units each (fewer, larger segments when the corpus is big).  A search
#: over 8 segments takes about 10 % longer than over one (×10 corpus, the bench queries); a
#: change to one act rewrites its whole segment, so smaller segments make changes cheaper.
CHUNK_UNITS = 20_000
#: An incremental build merges the smallest segments when there would be more.
MAX_SEGMENTS = 16

INDEXNAME = "MAIN"  # whoosh's default index name: the files are MAIN_<segment id>.seg, _MAIN_<n>.toc


@dataclass
class ActEntry:
    """What the manifest knows of one act."""

    fingerprint: str  # digest of what its documents read
    records: str  # digest of its documents
    documents: int
    flagsets: list[int] = field(default_factory=list)  # ids of the flag lists its documents point to
    segment: str | None = None  # the segment holding its documents (None: it has none)
    lengths: dict[str, int] = field(default_factory=dict)  # field -> its documents' total length


@dataclass
class Manifest:
    """Per act (in graph order) an :class:`ActEntry`; per segment (in index order) its acts."""

    schema_version: int
    code: str
    acts: dict[str, ActEntry] = field(default_factory=dict)
    segments: list[dict[str, Any]] = field(default_factory=list)  # {"name", "acts", "documents"}

    @property
    def documents(self) -> int:
        return sum(a.documents for a in self.acts.values())

    def in_order(self) -> bool:
        """Whether the documents are in graph order (the acts' order, segment after segment)."""
        stored = [w for s in self.segments for w in s["acts"]]
        return stored == [w for w, a in self.acts.items() if a.documents]

    def flagset_ids(self) -> set[int]:
        return {i for a in self.acts.values() for i in a.flagsets}

    def save(self, folder: str) -> None:
        data = {"schema_version": self.schema_version, "code": self.code, "in_order": self.in_order(),
                "documents": self.documents, "segments": self.segments,
                "acts": [{"work": w, **asdict(a)} for w, a in self.acts.items()]}
        with open(os.path.join(folder, MANIFEST_FILE), "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=0)

    @classmethod
    def load(cls, folder: str) -> Manifest | None:
        """The manifest in ``folder``; ``None`` when there is none or it cannot be read."""
        try:
            with open(os.path.join(folder, MANIFEST_FILE), encoding="utf-8") as fh:
                data = json.load(fh)
            acts = {}
            for a in data["acts"]:
                a = dict(a)
                work = a.pop("work")
                acts[work] = ActEntry(**a)
            return cls(data["schema_version"], data["code"], acts, data["segments"])
        except (OSError, ValueError, KeyError, TypeError):
            return None


# --- the full build: runs of acts, each a segment ------------------------------------------------


def chunks(sizes: dict[str, int], procs: int = 1) -> list[list[str]]:
    """The acts (``sizes``: work -> units, in graph order) cut into runs for the segments of a
    full build: about :data:`CHUNK_UNITS` units each, at most :data:`FULL_SEGMENTS`, at least
    ``procs`` (each worker gets one) when there are that many acts.

    >>> chunks({"a": 5, "b": 5, "c": 30, "d": 1}, procs=2)
    [['a', 'b', 'c'], ['d']]
    """
    total = sum(sizes.values())
    n = max(1, min(FULL_SEGMENTS, -(-total // CHUNK_UNITS)), min(procs, len(sizes)))
    target = total / n
    out: list[list[str]] = [[]]
    done = 0
    for w, size in sizes.items():
        if out[-1] and done >= target * len(out) and len(out) < n:
            out.append([])
        out[-1].append(w)
        done += size
    return [c for c in out if c]


class _Part:
    """One segment being written in its own folder (a whoosh index of one segment)."""

    def __init__(self, folder: str, limitmb: int) -> None:
        from .schema import make_schema

        os.makedirs(folder, exist_ok=True)
        self.folder = folder
        self.ix = whoosh_index.create_in(folder, make_schema())
        self.writer = self.ix.writer(procs=1, limitmb=limitmb)
        self.acts: list[str] = []
        self.digests: dict[str, str] = {}
        self.lengths: dict[str, dict[str, int]] = {}
        self.documents = 0

    def add(self, work: str, records: list[dict[str, Any]]) -> None:
        self.digests[work] = records_digest(records)
        if records:
            self.acts.append(work)
        self.lengths[work] = add_documents(self.writer, records)
        self.documents += len(records)

    def close(self) -> dict[str, Any]:
        if self.documents:
            self.writer.commit()
        else:
            self.writer.cancel()
        return {"folder": self.folder, "acts": self.acts, "digests": self.digests, "lengths": self.lengths,
                "documents": self.documents}

    def cancel(self) -> None:
        with contextlib.suppress(Exception):  # already closed
            self.writer.cancel()


def add_documents(writer, records: list[dict[str, Any]]) -> dict[str, int]:
    """Add the documents (empty values left out) to a whoosh writer; returns the total length of
    each field over them, as whoosh counts it for the statistics of a score (kept per act in the
    manifest: a merge copies a document's length rounded to a byte, :func:`set_lengths` puts
    the exact totals back)."""
    totals = writer.perdocwriter._fieldlengths
    before = dict(totals)
    add = writer.add_document
    for rec in records:
        add(**{k: v for k, v in rec.items() if v not in (None, "")})
    return {f: n - before.get(f, 0) for f, n in sorted(totals.items()) if n != before.get(f, 0)}


def set_lengths(folder: str, name: str, lengths: dict[str, int]) -> None:
    """Set the total field lengths of the segment ``name`` in the index in ``folder`` (a table of
    contents of the next generation replaces the current one)."""
    from collections import defaultdict

    from whoosh.index import TOC

    storage = FileStorage(folder)
    toc = TOC.read(storage, INDEXNAME)
    seg = next(s for s in toc.segments if s.segment_id() == name)
    seg._fieldlengths = defaultdict(int, lengths)
    TOC(toc.schema, toc.segments, toc.generation + 1).write(storage, INDEXNAME)
    storage.delete_file(TOC._filename(INDEXNAME, toc.generation))


def write_part(folder: str, batches: Iterator[tuple[str, list[dict[str, Any]]]], limitmb: int = 256
               ) -> dict[str, Any]:
    """Write the acts' documents (``(work, records)`` with flag spans interned) into a one-segment
    index in ``folder``: ``{"folder", "acts", "digests", "documents"}``."""
    part = _Part(folder, limitmb)
    try:
        for work, records in batches:
            part.add(work, records)
    except BaseException:
        part.cancel()
        raise
    return part.close()


def _worker(inbox, outbox, limitmb: int) -> None:
    """A worker process: parts to write arrive as ``("open", k, folder)``, ``("act", work,
    records)``…, ``("close",)``; the result goes out as ``(k, result)``; ``None`` stops it."""
    part, k = None, None
    try:
        while True:
            msg = inbox.get()
            if msg is None:
                return
            if msg[0] == "open":
                k, part = msg[1], _Part(msg[2], limitmb)
            elif msg[0] == "act":
                part.add(msg[1], msg[2])
            else:
                outbox.put((k, part.close()))
                part = None
    except BaseException as err:  # noqa: BLE001 - told to the parent, which raises
        if part is not None:
            part.cancel()
        outbox.put((k, {"error": f"{type(err).__name__}: {err}"}))


class PartWriters:
    """Parts written by ``procs`` worker processes while this one computes the documents:
    part ``k`` goes to worker ``k % procs``; each worker's inbox holds a few acts at most, so
    the documents in flight stay few.  With ``procs`` 1 the parts are written here.

    Workers are started with ``spawn``: they do not inherit the KB (nor its memory)."""

    def __init__(self, procs: int, limitmb: int = 256) -> None:
        self.procs = procs
        self.limitmb = limitmb
        self.results: dict[int, dict[str, Any]] = {}
        self._local: dict[int, _Part] = {}
        self._workers: list[Any] = []
        self._inboxes: list[Any] = []
        self._outbox = None
        self._pending = 0
        if procs > 1:
            ctx = multiprocessing.get_context("spawn")
            self._outbox = ctx.Queue()
            for _ in range(procs):
                inbox = ctx.Queue(maxsize=8)
                p = ctx.Process(target=_worker, args=(inbox, self._outbox, limitmb), daemon=True)
                p.start()
                self._workers.append(p)
                self._inboxes.append(inbox)

    def open(self, k: int, folder: str) -> None:
        if self.procs > 1:
            self._inboxes[k % self.procs].put(("open", k, folder))
            self._pending += 1
        else:
            self._local[k] = _Part(folder, self.limitmb)

    def add(self, k: int, work: str, records: list[dict[str, Any]]) -> None:
        if self.procs > 1:
            self._inboxes[k % self.procs].put(("act", work, records))
        else:
            self._local[k].add(work, records)

    def close(self, k: int) -> None:
        if self.procs > 1:
            self._inboxes[k % self.procs].put(("close",))
        else:
            self.results[k] = self._local.pop(k).close()

    def wait(self) -> dict[int, dict[str, Any]]:
        """Every part's result (raises ``RuntimeError`` when a worker failed)."""
        while self._pending:
            k, res = self._outbox.get()
            self._pending -= 1
            if "error" in res:
                raise RuntimeError(f"writing index part {k} failed: {res['error']}")
            self.results[k] = res
        return self.results

    def __enter__(self) -> PartWriters:
        return self

    def __exit__(self, *exc) -> None:
        for part in self._local.values():
            part.cancel()
        for inbox in self._inboxes:
            with contextlib.suppress(Exception):  # a full inbox: the worker is stopped below
                inbox.put(None, timeout=5)
        for p in self._workers:
            p.join(timeout=30 if exc[0] is None else 1)
            if p.is_alive():
                p.terminate()
                p.join()


def assemble(folder: str, parts: list[str]) -> list[str]:
    """Make ``folder`` one index of the segments of the one-segment indexes ``parts``, in that
    order: their files are moved in, a table of contents lists them.  Returns the segment names."""
    from whoosh.index import TOC

    from .schema import make_schema

    storage = FileStorage(folder)
    ix = whoosh_index.create_in(folder, make_schema())
    segments = []
    for part in parts:
        toc = TOC.read(FileStorage(part), INDEXNAME)
        for seg in toc.segments:
            prefix = seg.segment_id() + "."
            for name in os.listdir(part):
                if name.startswith(prefix):
                    os.replace(os.path.join(part, name), os.path.join(folder, name))
            segments.append(seg)
        shutil.rmtree(part, ignore_errors=True)
    TOC(ix.schema, segments, 1).write(storage, INDEXNAME)
    os.remove(os.path.join(folder, TOC._filename(INDEXNAME, 0)))
    return [s.segment_id() for s in segments]


# --- the incremental build ---------------------------------------------------------------------


def link_copy(src: str, dst: str, skip: tuple[str, ...] = ()) -> None:
    """Hard-link every file of the folder ``src`` into ``dst`` (a copy where the file system
    cannot link), except the names in ``skip`` and whoosh's lock files.  Only files whoosh
    never writes in place may be linked: the caller writes the others anew."""
    for name in os.listdir(src):
        path = os.path.join(src, name)
        if name in skip or name.endswith("WRITELOCK") or not os.path.isfile(path):
            continue
        try:
            os.link(path, os.path.join(dst, name))
        except OSError:
            shutil.copy2(path, os.path.join(dst, name))


def merge_policy(merged: list[str], bound: int | None = None) -> Callable:
    """A whoosh merge function for :meth:`SegmentWriter.commit`: every segment with deleted
    documents, and the smallest others while more than ``bound`` (:data:`MAX_SEGMENTS`) segments
    would remain, are merged into the segment being written (their names are appended to
    ``merged``)."""
    bound = MAX_SEGMENTS if bound is None else bound

    def policy(writer, segments):
        from whoosh.reading import SegmentReader

        keep = [s for s in segments if not s.has_deletions()]
        out = [s for s in segments if s.has_deletions()]
        while len(keep) + 1 > bound:
            small = min(keep, key=lambda s: s.doc_count_all())
            keep.remove(small)
            out.append(small)
        for seg in segments:  # in index order
            if seg not in out:
                continue
            if seg.deleted_count() < seg.doc_count_all():  # a segment with nothing left just goes
                reader = SegmentReader(writer.storage, writer.schema, seg)
                writer.add_reader(reader)
                reader.close()
            merged.append(seg.segment_id())
        return keep

    return policy
