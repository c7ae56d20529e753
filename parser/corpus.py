"""The corpus on disk: one folder per act, ``act.json`` beside its texts.

``act.json`` holds the work id (FRBR style), act type, number, date, issuer, Ministry of
Justice registration, titles per language, and ``expressions``: one entry per text file
(language, source format, sha256, and the edition the text shows — a dated edition, or
a copy made within a window).  A new act, language or edition is a new file plus an
entry; nothing else changes.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from typing import Any

META = "act.json"


class CorpusError(ValueError):
    """A corpus folder or metadata file that cannot be used; the message names the file."""


@dataclass(frozen=True)
class Expression:
    act: str  # work id
    lang: str
    path: str
    format: str
    sha256: str
    edition: dict[str, Any]

    @property
    def edition_date(self) -> str | None:
        """The date the text is known to be in force from (a dated edition), if any."""
        return self.edition.get("date")


@dataclass(frozen=True)
class Act:
    work: str
    folder: str
    meta: dict[str, Any]
    expressions: tuple[Expression, ...]


REQUIRED = ("work", "type", "number", "date", "title", "expressions")


def read_act(folder: str) -> Act:
    path = os.path.join(folder, META)
    try:
        with open(path, encoding="utf-8") as fh:
            meta = json.load(fh)
    except FileNotFoundError:
        raise CorpusError(f"{path}: missing; every act folder needs its metadata file") from None
    except json.JSONDecodeError as err:
        raise CorpusError(f"{path}:{err.lineno}: expected JSON; {err.msg}") from None
    missing = [k for k in REQUIRED if k not in meta]
    if missing:
        raise CorpusError(f"{path}:1: expected the fields {', '.join(missing)}")
    exprs = []
    for k, e in enumerate(meta["expressions"]):
        for key in ("lang", "file", "format"):
            if key not in e:
                raise CorpusError(f"{path}: expressions[{k}] expected the field {key!r}")
        exprs.append(
            Expression(
                act=meta["work"], lang=e["lang"], path=os.path.join(folder, e["file"]), format=e["format"],
                sha256=e.get("sha256", ""), edition=e.get("edition", {}),
            )
        )
    return Act(work=meta["work"], folder=folder, meta=meta, expressions=tuple(exprs))


def read_corpus(root: str) -> list[Act]:
    """Every act folder under ``root``, sorted by folder name (deterministic)."""
    if not os.path.isdir(root):
        raise CorpusError(f"{root}: not a folder")
    acts = []
    for name in sorted(os.listdir(root)):
        folder = os.path.join(root, name)
        if os.path.isdir(folder) and os.path.exists(os.path.join(folder, META)):
            acts.append(read_act(folder))
    return acts


def expression_for(path: str) -> tuple[Act, Expression]:
    """The act and expression a text file belongs to (via the ``act.json`` beside it)."""
    folder = os.path.dirname(os.path.abspath(path))
    act = read_act(folder)
    for e in act.expressions:
        if os.path.abspath(e.path) == os.path.abspath(path):
            return act, e
    raise CorpusError(f"{path}: not listed in {os.path.join(folder, META)}")


def sha256(path: str) -> str:
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def corpus_hash(acts: list[Act]) -> str:
    """One hash of every text of every act, in corpus order: what a built KB records, and
    how a stored KB is known to be out of date."""
    digest = hashlib.sha256()
    for act in acts:
        for expr in act.expressions:
            with open(expr.path, "rb") as fh:
                digest.update(fh.read())
    return digest.hexdigest()
