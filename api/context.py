"""Settings of the CLI and the server: where the corpus and the built data live, dates, progress.

Locations do not depend on the current folder.  Each is chosen in this order (the first that
applies), and :func:`corpus_location` / :func:`data_location` say which rule chose it:

* the corpus: ``--corpus``; ``$ZANGRAPH_CORPUS``; the ``corpus/`` of the source checkout this
  package runs from (an editable install of a clone); else the per-user
  ``$XDG_DATA_HOME/zangraph/corpus`` (``~/.local/share/zangraph/corpus``), where ``zangraph add``
  puts texts;
* the built data (KB and search index): ``--data``; ``$ZANGRAPH_DATA``; else the per-user
  ``$XDG_DATA_HOME/zangraph`` (``~/.local/share/zangraph``).  One data folder serves any corpus:
  the KB and the index are rebuilt by themselves when built from another corpus.

``zangraph config`` prints the locations in use and where each came from.
"""

from __future__ import annotations

import os
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import date

#: The folder above the ``api`` package: a source checkout when it holds pyproject.toml and corpus/.
PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@dataclass(frozen=True)
class Location:
    """A folder in use and the rule that chose it (``--data``, ``$ZANGRAPH_DATA``, …)."""

    path: str
    source: str


def user_data_home() -> str:
    """``$XDG_DATA_HOME/zangraph``, ``~/.local/share/zangraph`` when the variable is unset or empty."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(base, "zangraph")


def source_checkout() -> str | None:
    """The repository root when this package runs from a source checkout with its corpus, else None."""
    root = PACKAGE_ROOT
    if os.path.isfile(os.path.join(root, "pyproject.toml")) and os.path.isdir(os.path.join(root, "corpus")):
        return root
    return None


def _given(value: str) -> str:
    return os.path.expanduser(value)


def _short(path: str) -> str:
    """``path`` relative to the current folder when it lies inside it, else absolute."""
    rel = os.path.relpath(path)
    return rel if not rel.startswith(os.pardir) else path


def corpus_location(flag: str | None = None) -> Location:
    """The corpus folder: ``--corpus``, ``$ZANGRAPH_CORPUS``, the checkout's corpus/, the per-user one."""
    if flag:
        return Location(_given(flag), "--corpus")
    if os.environ.get("ZANGRAPH_CORPUS"):
        return Location(_given(os.environ["ZANGRAPH_CORPUS"]), "$ZANGRAPH_CORPUS")
    root = source_checkout()
    if root:  # relative when run from inside the checkout: the KB cites its texts as corpus/…
        return Location(_short(os.path.join(root, "corpus")), f"the source checkout {root}")
    return Location(os.path.join(user_data_home(), "corpus"), "per-user default ($XDG_DATA_HOME/zangraph/corpus)")


def data_location(flag: str | None = None) -> Location:
    """The built data folder: ``--data``, ``$ZANGRAPH_DATA``, the per-user one."""
    if flag:
        return Location(_given(flag), "--data")
    if os.environ.get("ZANGRAPH_DATA"):
        return Location(_given(os.environ["ZANGRAPH_DATA"]), "$ZANGRAPH_DATA")
    return Location(user_data_home(), "per-user default ($XDG_DATA_HOME/zangraph)")


@dataclass(frozen=True)
class Settings:
    """Settings from environment variables (``ZANGRAPH_*``, read when a Settings is made),
    overridable by CLI flags; the locations as :func:`corpus_location` / :func:`data_location`."""

    corpus: str = field(default_factory=lambda: corpus_location().path)
    data_dir: str = field(default_factory=lambda: data_location().path)
    default_lang: str = field(default_factory=lambda: os.environ.get("ZANGRAPH_LANG") or "ru")
    default_as_of: str | None = field(default_factory=lambda: os.environ.get("ZANGRAPH_AS_OF"))  # None: today

    def as_of(self, value: str | None) -> str:
        return value or self.default_as_of or date.today().isoformat()


# --- dates -------------------------------------------------------------------------------------

_DATE = re.compile(
    r"""^\s*(?:
        (?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})              # ISO: 2026-11-24
      | (?P<d2>\d{1,2})\.(?P<m2>\d{1,2})\.(?P<y2>\d{4})     # дд.мм.гггг: 24.11.2026
    )\s*$""",
    re.X,
)


def parse_date(value: str | None, name: str = "--as-of") -> str | None:
    """A date written ``YYYY-MM-DD`` or ``дд.мм.гггг`` as ISO; None for None; a ValueError
    naming the option otherwise.  The one date parser of every CLI verb.

    >>> parse_date("24.11.2026"), parse_date("2026-11-24"), parse_date("1.6.2026")
    ('2026-11-24', '2026-11-24', '2026-06-01')
    >>> parse_date("31.02.2026")
    Traceback (most recent call last):
    ValueError: --as-of: expected a date дд.мм.гггг or YYYY-MM-DD, got '31.02.2026'
    """
    if value is None:
        return None
    m = _DATE.match(value)
    try:
        if not m:
            raise ValueError
        y, mo, d = (m["y"], m["m"], m["d"]) if m["y"] else (m["y2"], m["m2"], m["d2"])
        return date(int(y), int(mo), int(d)).isoformat()
    except ValueError:
        raise ValueError(f"{name}: expected a date дд.мм.гггг or YYYY-MM-DD, got {value!r}") from None


def show_date(value: str | None) -> str:
    """An ISO date as people read it here: ``2024-08-15`` → ``15.08.2024`` (else unchanged).

    >>> show_date("2024-08-15"), show_date(None), show_date("soon")
    ('15.08.2024', '', 'soon')
    """
    if not value:
        return ""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", str(value))
    return f"{m[3]}.{m[2]}.{m[1]}" if m else str(value)


def kb_path(data_dir: str) -> str:
    from kb.store import FILENAME

    return os.path.join(data_dir, FILENAME)


def index_path(data_dir: str) -> str:
    return os.path.join(data_dir, "index")


class Progress:
    """What a long step is doing, on stderr for a person at a terminal: the stage, its counts
    and the time since the start (``[  3.2 s] building the knowledge base: 5/9 acts``).

    Quiet when the stream is not a terminal (scripts, CI, pipes) or with ``quiet``."""

    def __init__(self, stream=None, quiet: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.on = not quiet and _isatty(self.stream)
        self.t0 = time.perf_counter()
        self._width = 0

    def elapsed(self) -> float:
        return time.perf_counter() - self.t0

    def _write(self, text: str, end: str) -> None:
        import shutil

        line = f"[{self.elapsed():6.1f} s] {text}"
        if not end:  # a status line must fit, or the next one cannot overwrite it
            line = line[: shutil.get_terminal_size().columns - 1]
        pad = max(self._width - len(line), 0)
        self.stream.write("\r" + line + " " * pad + end)
        self._width = 0 if end else len(line)
        self.stream.flush()

    def say(self, text: str) -> None:
        """One finished line."""
        if self.on:
            self._write(text, "\n")

    def status(self, text: str) -> None:
        """A line that the next one overwrites."""
        if self.on:
            self._write(text, "")

    def bar(self, stage: str):
        """A ``progress(done, total, what)`` callback (:func:`kb.build.build`) drawing a bar."""

        def show(done: int, total: int, what: str) -> None:
            width = 24
            fill = int(width * done / max(total, 1))
            what = re.sub(r"\S*/(\S+/\S+)", r"\1", what)  # a text's folder and file name, not the whole path
            self.status(f"{stage} [{'#' * fill}{'-' * (width - fill)}] {done}/{total} {what}")

        return show

    def ticking(self, text: str):
        """A context in which ``text`` is shown with the elapsed time, updated twice a second."""
        import contextlib
        import threading

        @contextlib.contextmanager
        def run():
            if not self.on:
                yield
                return
            stop = threading.Event()

            def tick() -> None:
                while not stop.wait(0.5):
                    self.status(f"{text} …")

            self.status(f"{text} …")
            t = threading.Thread(target=tick, daemon=True)
            t.start()
            try:
                yield
            finally:
                stop.set()
                t.join()

        return run()


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def progress_bar(stream=None):
    """A one-line terminal progress bar for :func:`kb.build.build` (nothing when not a tty)."""
    p = Progress(stream)

    def show(done: int, total: int, what: str) -> None:
        p.bar("building the knowledge base")(done, total, what)
        if done >= total:
            p.say(f"knowledge base built ({total} steps)")

    return show


def ensure_kb(corpus: str, data_dir: str, progress: Progress | None = None, rebuild: bool = False,
              stats: dict | None = None):
    """:func:`get_kb` telling ``progress`` what it does: loading, or building with a bar.
    ``stats`` receives what a build did (``parse``: texts parsed, texts from the parse cache)."""
    from kb.store import build_and_save, load_current

    progress = progress or Progress(quiet=True)
    path = kb_path(data_dir)
    if not rebuild:
        progress.status(f"loading the knowledge base {path}")
        kb = load_current(path, corpus)
        if kb is not None:
            progress.status(f"loaded the knowledge base: {kb.graph.number_of_nodes()} nodes")
            return kb
    if not os.path.isdir(corpus):
        raise FileNotFoundError(f"{corpus}: no corpus folder (give --corpus or set $ZANGRAPH_CORPUS; "
                                "`zangraph config` shows the locations)")
    stage = "building the knowledge base"
    stats = {} if stats is None else stats
    kb, dt = build_and_save(corpus, path, progress.bar(stage), stats=stats)
    parse = stats.get("parse", {})
    progress.say(f"knowledge base built: {kb.graph.number_of_nodes()} nodes, "
                 f"{kb.graph.number_of_edges()} edges in {dt:.1f} s → {path} "
                 f"({parse.get('parsed', '?')} texts parsed, {parse.get('cached', 0)} from the parse cache)")
    return kb


def ensure_index(kb, data_dir: str, progress: Progress | None = None, rebuild: bool = False) -> str:
    """:func:`get_index` telling ``progress`` when it builds the index (units, elapsed)."""
    from index.build import build_index

    progress = progress or Progress(quiet=True)
    path = index_path(data_dir)
    if rebuild or not index_current(kb, data_dir):
        stats: dict = {}
        t0 = time.perf_counter()
        with progress.ticking(f"building the search index {path} (once per corpus)"):
            build_index(kb, data_dir, stats)
        progress.say(f"search index built: {stats.get('documents', '?')} units in "
                     f"{time.perf_counter() - t0:.1f} s → {path}")
    return path


def index_current(kb, data_dir: str) -> bool:
    """Whether the index in ``data_dir`` is of this schema version and built from ``kb``'s corpus."""
    from index.schema import SCHEMA_VERSION
    from index.search import index_info

    try:
        info = index_info(index_path(data_dir))
    except (OSError, ValueError):
        info = {}
    return info.get("schema_version") == SCHEMA_VERSION and info.get("corpus_hash") == kb.corpus_hash


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

    if rebuild or not index_current(kb, data_dir):
        build_index(kb, data_dir)
    return index_path(data_dir)
