"""The HTTP API: :func:`create_app` builds the FastAPI application.

On start-up the app loads the knowledge base from the data folder, or builds it from the
corpus (and saves it) when there is none, printing what it does; a KB can also be injected
(tests).  Routers, one per resource, live in :mod:`api.routes`; dependencies in
:mod:`api.deps`; error handlers in :mod:`api.errors`.  OpenAPI is at ``/openapi.json``,
the docs at ``/docs``, a small search page at ``/``.

``app_factory`` is the import string uvicorn uses with several workers
(``uvicorn.run("api.app:app_factory", factory=True, workers=4)``): it reads the settings
from the ``ZANGRAPH_*`` environment variables.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

from fastapi import FastAPI

from kb.build import KB

from . import errors
from .context import Settings, get_index, get_kb, index_path, kb_path, progress_bar



def settings_from_env() -> Settings:
    """Settings read now from the ``ZANGRAPH_*`` variables, the locations chosen as the CLI
    chooses them (:func:`api.context.corpus_location`, :func:`api.context.data_location`)."""
    return Settings()


def _say(msg: str) -> None:
    print(f"zangraph: {msg}", file=sys.stderr, flush=True)


def load_kb(settings: Settings, rebuild: bool = False, say=_say, index: bool = True) -> tuple[KB, str | None]:
    """The KB from ``data_dir`` (:func:`api.context.get_kb`: built from the corpus and saved
    when missing, out of date or asked to), and with ``index`` the search index beside it, built
    when the KB was or when it is missing or stale; returns the KB with its build time (UTC)."""
    path = kb_path(settings.data_dir)
    before = os.path.getmtime(path) if os.path.exists(path) else None
    say(f"loading {path} (built from {settings.corpus}/ when missing or out of date) …")
    t0 = time.perf_counter()
    kb = get_kb(settings.corpus, settings.data_dir, rebuild, progress=progress_bar())
    built = before is None or os.path.getmtime(path) != before
    say(
        f"{'built' if built else 'loaded'} {kb.graph.number_of_nodes()} nodes, "
        f"{kb.graph.number_of_edges()} edges in {time.perf_counter() - t0:.2f} s"
    )
    if index:
        _ensure_index(kb, settings, rebuild=built, say=say)
    return kb, _mtime(path)


def _ensure_index(kb: KB, settings: Settings, rebuild: bool, say=_say) -> None:
    """(Re)build the search index when asked, missing, of another schema or of another corpus."""
    try:
        from index.search import index_info
    except ImportError:
        say("no search module: /search answers 501")
        return
    path = index_path(settings.data_dir)
    before = index_info(path)
    t0 = time.perf_counter()
    get_index(kb, settings.data_dir, rebuild)
    if index_info(path) != before or rebuild:
        say(f"search index {path} built in {time.perf_counter() - t0:.2f} s")


def _mtime(path: str) -> str:
    return datetime.fromtimestamp(os.path.getmtime(path), UTC).isoformat(timespec="seconds")


def create_app(settings: Settings | None = None, kb: KB | None = None) -> FastAPI:
    """The application; with ``kb`` given nothing is loaded or built."""
    settings = settings or settings_from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if app.state.kb is None:
            app.state.kb, app.state.built_at = load_kb(settings)
            app.state.kb_path = kb_path(settings.data_dir)
        yield

    app = FastAPI(
        title="zangraph",
        version=_version(),
        summary="Kazakhstan qualification law: acts, positions, must-know, staffing, job descriptions, "
        "search.",
        description=_DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.kb = kb
    app.state.built_at = datetime.now(UTC).isoformat(timespec="seconds") if kb is not None else None
    app.state.kb_path = None
    errors.install(app)

    from .routes import acts, compare, health, positions, professions, refacts, search, staffing

    for r in (health, acts, positions, compare, refacts, professions, staffing, search):
        app.include_router(r.router)

    from . import web

    web.install(app)  # the pages people use: /{ru,kk}/…, "/" to the visitor's language
    return app


def app_factory() -> FastAPI:
    """For ``uvicorn --factory api.app:app_factory`` (settings from the environment)."""
    return create_app(settings_from_env())


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("zangraph")
    except Exception:  # noqa: BLE001 - not installed: a source checkout
        return "0.0.0+source"


_DESCRIPTION = """
A structured, versioned knowledge base of Kazakhstan's qualification law.

**Ids with slashes.** Act and position ids are FRBR-style paths; send them as they are or
URL-encoded. An act may also be given by its number (`580-НҚ`, `580-nk`, `360`); a position by
`<act number>:<unit id>` (`580-НҚ:chp_2__para_12`); a profession card by `<act number>:<card id>`
(`125:chp_3__point_13`).

**Dates.** `as_of` (default: today) picks the text in force; a unit whose text in force is not in
the corpus carries a flag (`superseded`, `not_yet_in_force`, `earlier_text_not_in_corpus`) and its
`text` is null — the corpus text is still given as `corpus_text`, never as the text in force.

**Lists** are `{"data", "count", "limit", "offset"}`; `limit` is 1–200.

**Errors** are `{"detail": {"error", "id" | "parameter", "hint"}}`: 404 for an unknown id, 422 for
a bad parameter (named), 400 for a bad query or a `from` after `to`, 501 for a part not yet wired.
"""
