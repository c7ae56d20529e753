"""Where the built data lives and how to get a KB: one place for the CLI and the server."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Settings:
    """Settings from environment variables (``ZANGRAPH_*``), overridable by CLI flags."""

    corpus: str = os.environ.get("ZANGRAPH_CORPUS", "corpus")
    data_dir: str = os.environ.get("ZANGRAPH_DATA", "data")
    default_lang: str = os.environ.get("ZANGRAPH_LANG", "ru")
    default_as_of: str | None = os.environ.get("ZANGRAPH_AS_OF")  # None: today

    def as_of(self, value: str | None) -> str:
        return value or self.default_as_of or date.today().isoformat()


def kb_path(data_dir: str) -> str:
    return os.path.join(data_dir, "kb.pickle")


def index_path(data_dir: str) -> str:
    return os.path.join(data_dir, "index")


def progress_bar(stream=None):
    """A one-line terminal progress bar for :func:`kb.build.build` (nothing when not a tty)."""
    import sys

    stream = stream or sys.stderr

    def show(done: int, total: int, what: str) -> None:
        if not stream.isatty():
            return
        width = 30
        fill = int(width * done / max(total, 1))
        stream.write(f"\r[{'#' * fill}{'-' * (width - fill)}] {done}/{total} {what[:60]:<60}")
        if done >= total:
            stream.write("\n")
        stream.flush()

    return show


def get_kb(corpus: str, data_dir: str, rebuild: bool = False, progress=None):
    """Load the built KB, building (and saving) it first when missing or asked to."""
    from kb.store import build_and_save, load_current

    path = kb_path(data_dir)
    if not rebuild:
        kb = load_current(path, corpus)
        if kb is not None:
            return kb
    kb, _ = build_and_save(corpus, path, progress)
    return kb


def check_date(value: str | None, name: str = "as_of") -> str | None:
    """ISO date or None; a ValueError naming the parameter otherwise."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError(f"{name}: expected a date YYYY-MM-DD, got {value!r}") from None


def get_index(kb, data_dir: str, rebuild: bool = False) -> str:
    """The search index folder for ``kb``: (re)built when asked, missing, of another schema
    version, or built from another corpus."""
    from index.build import build_index
    from index.schema import SCHEMA_VERSION
    from index.search import index_info

    path = index_path(data_dir)
    try:
        info = index_info(path)
    except (OSError, ValueError):
        info = {}
    if rebuild or info.get("schema_version") != SCHEMA_VERSION or info.get("corpus_hash") != kb.corpus_hash:
        build_index(kb, data_dir)
    return path
