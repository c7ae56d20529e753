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
import re
from dataclasses import dataclass
from datetime import date as _date
from typing import Any

META = "act.json"

#: Act types and the words that name them (ru, kk) — what ``type`` may hold.
TYPES = ("order", "law", "code", "resolution", "decree")
LANGS = ("ru", "kk")
EDITION_KINDS = ("copy", "edition")

#: A FRBR work id as ``act.json`` holds it (the full grammar, with expressions and units,
#: is ``kb.ids.URI``; the parser layer keeps its own copy of the work part).
WORK = re.compile(
    r"""^/akn/kz/act
        /(?P<type>[a-z-]+)                 # act type: order, law …
        /(?P<date>\d{4}-\d{2}-\d{2})        # the act's date
        /(?P<number>[\w-]+)$               # its number, slugged: 580-nk
    """,
    re.X,
)


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
    if not isinstance(meta, dict):
        raise CorpusError(f"{path}:1: expected a JSON object, found {type(meta).__name__}")
    missing = [k for k in REQUIRED if k not in meta]
    if missing:
        raise CorpusError(f"{path}:1: expected the fields {', '.join(missing)}")
    check_meta(meta, path)
    exprs = []
    for k, e in enumerate(meta["expressions"]):
        file = os.path.join(folder, e["file"])
        _check_file(e, file, f"{path}: expressions[{k}]")
        exprs.append(
            Expression(
                act=meta["work"], lang=e["lang"], path=file, format=e["format"],
                sha256=e["sha256"], edition=e.get("edition") or {},
            )
        )
    return Act(work=meta["work"], folder=folder, meta=meta, expressions=tuple(exprs))


def check_meta(meta: dict[str, Any], where: str = META) -> None:
    """The fields of an ``act.json`` (without touching its files): a :class:`CorpusError`
    naming ``where`` and the field on the first bad one.

    >>> meta = {"work": "not/a/work", "type": "order", "number": "1", "date": "2020-01-01",
    ...         "title": {"ru": "x"}, "expressions": []}
    >>> try:
    ...     check_meta(meta, "a/act.json")
    ... except CorpusError as err:
    ...     print(err)
    a/act.json: work: expected a work id such as /akn/kz/act/order/2020-01-01/1, found 'not/a/work'
    """

    def bad(field: str, expected: str, found: Any) -> CorpusError:
        return CorpusError(f"{where}: {field}: expected {expected}, found {found!r}")

    if meta.get("type") not in TYPES:
        raise bad("type", f"one of {', '.join(TYPES)}", meta.get("type"))
    if not is_iso_date(meta.get("date")):
        raise bad("date", "a date YYYY-MM-DD", meta.get("date"))
    m = WORK.match(meta["work"]) if isinstance(meta.get("work"), str) else None
    if not m:
        raise bad("work", f"a work id such as /akn/kz/act/{meta['type']}/{meta['date']}/1", meta.get("work"))
    if m.group("type") != meta["type"] or m.group("date") != meta["date"]:
        raise bad("work", f"the type {meta['type']!r} and date {meta['date']} of the act", meta["work"])
    if not isinstance(meta.get("number"), str) or not meta["number"].strip():
        raise bad("number", "the act's number as text", meta.get("number"))
    reg = meta.get("registration")
    if reg is not None:
        if not isinstance(reg, dict) or not reg.get("number"):
            raise bad("registration", '{"date": …, "number": …} or null', reg)
        if not is_iso_date(reg.get("date")):
            raise bad("registration.date", "a date YYYY-MM-DD", reg.get("date"))
    for key in ("title", "issuer"):
        value = meta.get(key)
        if key == "issuer" and value is None:
            continue
        if not isinstance(value, dict) or not value or set(value) - set(LANGS):
            raise bad(key, f"an object of texts by language ({', '.join(LANGS)})", value)
    if not isinstance(meta["expressions"], list):
        raise bad("expressions", "a list", meta["expressions"])
    from .clean import FORMATS

    for k, e in enumerate(meta["expressions"]):
        at = f"expressions[{k}]"
        if not isinstance(e, dict):
            raise bad(at, "an object", e)
        for key in ("lang", "file", "format", "sha256"):
            if key not in e:
                raise CorpusError(f"{where}: {at}: expected the field {key!r}")
        if e["lang"] not in LANGS:
            raise bad(f"{at}.lang", f"one of {', '.join(LANGS)}", e["lang"])
        if e["format"] not in FORMATS:
            raise bad(f"{at}.format", f"a known source format ({', '.join(sorted(FORMATS))})", e["format"])
        if not isinstance(e["sha256"], str) or not re.fullmatch(r"[0-9a-f]{64}", e["sha256"]):
            raise bad(f"{at}.sha256", "64 hex digits", e["sha256"])
        ed = e.get("edition") or {}
        if ed and ed.get("kind") not in EDITION_KINDS:
            raise bad(f"{at}.edition.kind", f"one of {', '.join(EDITION_KINDS)}", ed.get("kind"))
        for key in ("date", "copied_after", "copied_before"):
            if key in ed and not (ed[key] is None and key != "date") and not is_iso_date(ed[key]):
                raise bad(f"{at}.edition.{key}", "a date YYYY-MM-DD", ed[key])
        if ed.get("kind") == "edition" and "date" not in ed:
            raise CorpusError(f"{where}: {at}.edition: expected the field 'date' of a dated edition")


def _check_file(e: dict[str, Any], file: str, at: str) -> None:
    if not os.path.isfile(file):
        raise CorpusError(f"{at}.file: expected a text beside act.json, found no file {file}")
    actual = sha256(file)
    if actual != e["sha256"]:
        raise CorpusError(f"{at}.sha256: expected the sha256 of {e['file']}, {actual}; found {e['sha256']} "
                          "(the text changed, or the entry is wrong)")


def is_iso_date(value: Any) -> bool:
    """A real calendar date written yyyy-mm-dd (``act.json`` dates; ``zangraph add`` flags)."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        _date.fromisoformat(value)
    except ValueError:
        return False
    return True


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
