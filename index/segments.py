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
there would be more than :data:`MAX_SEGMENTS`.  Every other segment file stays as it was.  A
merge copies documents without analysing them again, but whoosh keeps a document's field
lengths rounded to a byte and sums the rounded ones: the exact totals, kept per act in the
manifest, are put back (:func:`set_lengths`).  Merging costs about half of indexing: a change to
an act rewrites its segment, so the build compares that with a full build and does the cheaper.

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
import os
import pickle
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from .fingerprints import records_digest

__all__ = ["CHUNK_UNITS", "FULL_SEGMENTS", "MANIFEST_FILE", "MAX_SEGMENTS", "ActEntry", "Manifest",
           "PartWriters", "add_documents", "assemble", "chunks", "flag_ids", "link_copy", "merge_policy",
           "set_lengths", "writer_of"]

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
        self.writer = writer_of(self.ix, limitmb)
        self.acts: list[str] = []  # the acts with documents, in order
        self.entries: dict[str, dict[str, Any]] = {}  # work -> ActEntry fields but the fingerprint
        self.documents = 0

    def add(self, work: str, records: list[dict[str, Any]]) -> None:
        """Add an act's documents (flag spans interned)."""
        if records:
            self.acts.append(work)
        self.entries[work] = {"records": records_digest(records), "documents": len(records),
                              "flagsets": flag_ids(records), "lengths": add_documents(self.writer, records)}
        self.documents += len(records)

    def close(self) -> dict[str, Any]:
        """Commit: ``{"folder", "acts", "entries", "documents"}``."""
        if self.documents:
            self.writer.commit()
        else:
            self.writer.cancel()
        return {"folder": self.folder, "acts": self.acts, "entries": self.entries,
                "documents": self.documents}

    def cancel(self) -> None:
        with contextlib.suppress(Exception):  # already closed
            self.writer.cancel()


class _Lengths:
    """The lengths a commit reads of the documents it writes, a field's column looked up once:
    whoosh asks for every posting whether the field has a length column (a ``stat`` of a file
    each time: 1.1 million at ×10, most of them of fields that have none)."""

    def __init__(self, reader) -> None:
        self.reader = reader
        self.has: dict[str, bool] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        has = self.has.get(fieldname)
        if has is None:
            from whoosh.codec.whoosh3 import _lenfield

            has = self.has[fieldname] = self.reader.has_column(_lenfield(fieldname))
        return self.reader.doc_field_length(docnum, fieldname, default) if has else default

    def close(self) -> None:
        self.reader.close()


def writer_of(ix, limitmb: int):
    """A whoosh writer of ``ix`` (one process) whose commit reads lengths through :class:`_Lengths`."""
    writer = ix.writer(procs=1, limitmb=limitmb)
    read = writer.per_document_reader
    writer.per_document_reader = lambda: _Lengths(read())
    return writer


def flag_ids(records: list[dict[str, Any]]) -> list[int]:
    """The ids of the flag lists the documents point to."""
    return sorted({s[2] for rec in records for s in rec["flag_spans"]})


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


def _serve(inbox, outbox, limitmb: int) -> None:
    """A worker: pickled messages from ``inbox`` — ``("open", k, folder)``, ``("act", work,
    bundle)``…, ``("close",)`` — and ``(k, result)`` pickled to ``outbox`` after each close (the
    part's result and the flag lists its documents point to, ``"sets"``); ``None`` (or the end
    of the input) stops it.  A failure is sent as ``(k, {"error": …})``.

    An act's documents are made here from its bundle (:func:`index.fingerprints.bundle_kb`:
    what they read of the KB)."""
    from .asof import FlagSets
    from .build import act_records
    from .fingerprints import bundle_kb

    part, k, sets = None, None, FlagSets()
    try:
        while True:
            try:
                msg = pickle.load(inbox)
            except EOFError:
                return
            if msg is None:
                return
            if msg[0] == "open":
                k, part = msg[1], _Part(msg[2], limitmb)
            elif msg[0] == "act":
                work, bundle = msg[1], msg[2]
                records = []
                for rec in act_records(bundle_kb(bundle), work):
                    rec["flag_spans"] = sets.intern(rec["flag_spans"])
                    records.append(rec)
                part.add(work, records)
            else:
                res = part.close()
                res["sets"] = sets.subset({i for e in res["entries"].values() for i in e["flagsets"]}).sets
                pickle.dump((k, res), outbox, protocol=pickle.HIGHEST_PROTOCOL)
                outbox.flush()
                part = None
    except BaseException as err:  # noqa: BLE001 - told to the parent, which raises
        if part is not None:
            part.cancel()
        pickle.dump((k, {"error": f"{type(err).__name__}: {err}"}), outbox, protocol=pickle.HIGHEST_PROTOCOL)
        outbox.flush()


class PartWriters:
    """Parts written by ``procs`` worker processes: a worker that has taken its part's last act
    takes the next part; the acts go one by one, each as its bundle
    (:func:`index.fingerprints.act_bundle`), from which the worker makes the act's documents and
    writes them.  Here one thread per worker makes and sends the bundles and one reads the
    results; the messages go through pipes, so a busy worker holds its thread back (few acts are
    ever in flight).  With ``procs`` 1 the parts are written here, from documents made here.

    A worker is a new interpreter running this module (``python -m index.segments``): it does
    not inherit the KB, its memory or the caller's main module (as ``fork`` or
    ``multiprocessing``'s ``spawn`` would)."""

    def __init__(self, procs: int, limitmb: int = 256) -> None:
        self.procs = procs
        self.limitmb = limitmb
        self._workers: list[subprocess.Popen] = []
        if procs > 1:
            root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
            path = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)
            env = dict(os.environ, PYTHONPATH=path)
            for _ in range(procs):
                self._workers.append(subprocess.Popen(
                    [sys.executable, "-m", "index.segments", str(limitmb)], stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE, env=env, cwd=os.getcwd()))

    def write(self, folder: str, runs: list[list[str]], make: Callable[[str], Any]) -> list[dict[str, Any]]:
        """Write run ``k`` of acts into ``folder/part-<k>``; ``make(work)`` gives an act's bundle
        (workers) or its documents with flag spans interned (here).  Returns each part's result
        (:meth:`_Part.close`, and ``"sets"`` from a worker), in run order; ``RuntimeError`` when a
        worker failed."""
        folders = [os.path.join(folder, f"part-{k:03d}") for k in range(len(runs))]
        if self.procs == 1:
            out = []
            for k, works in enumerate(runs):
                part = _Part(folders[k], self.limitmb)
                try:
                    for w in works:
                        part.add(w, make(w))
                except BaseException:
                    part.cancel()
                    raise
                out.append(part.close())
            return out
        errors: list[BaseException] = []
        results: dict[int, dict[str, Any]] = {}
        todo = iter(range(len(runs)))
        lock = threading.Lock()

        def feed(i: int) -> None:  # the next run to a worker that took its last one
            pipe = self._workers[i].stdin
            try:
                while True:
                    with lock:
                        k = next(todo, None)
                    if k is None or errors:
                        return
                    pickle.dump(("open", k, folders[k]), pipe, protocol=pickle.HIGHEST_PROTOCOL)
                    for w in runs[k]:
                        pickle.dump(("act", w, make(w)), pipe, protocol=pickle.HIGHEST_PROTOCOL)
                    pickle.dump(("close",), pipe, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException as err:  # noqa: BLE001 - raised below, in the caller's thread
                errors.append(err)
            finally:
                with contextlib.suppress(OSError):
                    pipe.close()  # no more runs: the worker stops after its last result

        def read(i: int) -> None:  # the worker's results, until it stops
            p = self._workers[i]
            while True:
                try:
                    k, res = pickle.load(p.stdout)
                except EOFError:
                    return
                except BaseException as err:  # noqa: BLE001
                    errors.append(err)
                    return
                if "error" in res:
                    errors.append(RuntimeError(f"writing index part {k} failed: {res['error']}"))
                    return
                results[k] = res

        threads = [threading.Thread(target=f, args=(i,), daemon=True)
                   for i in range(self.procs) for f in (feed, read)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if errors:
            raise errors[0]
        missing = [k for k in range(len(runs)) if k not in results]
        if missing:
            codes = [p.wait() for p in self._workers]
            raise RuntimeError(f"index parts {missing} not written (workers' exit codes {codes})")
        return [results[k] for k in range(len(runs))]

    def __enter__(self) -> PartWriters:
        return self

    def __exit__(self, *exc) -> None:
        for p in self._workers:
            with contextlib.suppress(OSError):
                p.stdin.close()
            try:
                p.wait(timeout=60 if exc[0] is None else 5)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
            p.stdout.close()


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


if __name__ == "__main__":  # a worker of PartWriters: messages on stdin, results on stdout
    _out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout = sys.stderr  # nothing else may write into the results
    _serve(sys.stdin.buffer, _out, int(sys.argv[1]))
