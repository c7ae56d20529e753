"""The HTTP API: :func:`create_app` builds the FastAPI application.

On start-up the app loads the knowledge base from the data folder, or builds it from the
corpus (and saves it) when there is none, printing what it does; a KB can also be injected
(tests).  Routers, one per resource, live in :mod:`api.routes`; dependencies in
:mod:`api.deps`; error handlers in :mod:`api.errors`.  OpenAPI is at ``/openapi.json``, with
an example of every answer (real ids: ``580-НҚ``, ``580-НҚ:chp_2__para_12``, from
:data:`api.schemas.EXAMPLES`); the docs at ``/docs`` (Swagger UI) and ``/redoc`` work offline:
their scripts and styles are served from ``/docs-assets/``, the files the pinned
``fastapi-offline`` package ships (:func:`install_docs`), never from a CDN.

Flags in JSON answers keep their machine ``kind`` and English ``message`` and gain
``message_ru`` and ``message_kk`` (:class:`FlagJSONResponse`, from the catalogue
:mod:`api.web.messages.flags`); error bodies gain a ``message`` in the language asked
(:mod:`api.errors`).

``app_factory`` is the import string uvicorn uses with several workers
(``uvicorn.run("api.app:app_factory", factory=True, workers=4)``): it reads the settings
from the ``ZANGRAPH_*`` environment variables.
"""

from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse, JSONResponse, Response

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
        docs_url=None,  # served by install_docs from local assets
        redoc_url=None,
        default_response_class=FlagJSONResponse,
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
    install_docs(app)
    install_openapi_examples(app)
    return app


# --- flag messages in ru and kk ------------------------------------------------------------------

#: Keys of an answer whose value is a list of flags (``flags``, ``flags_a``/``flags_b`` of a diff).
def _is_flag_list(key: str) -> bool:
    return key == "flags" or key.startswith("flags_")


def add_flag_messages(obj: Any) -> Any:
    """Give every flag of a JSON-ready answer ``message_ru`` and ``message_kk`` (in place).

    A flag is a dict with a ``kind`` in a list under a ``flags`` key; its ``kind`` and English
    ``message`` are left as they are, and a ``message_ru`` the lower layer wrote is kept.

    >>> add_flag_messages({"flags": [{"kind": "superseded", "since": "2026-07-12",
    ...     "by": {"number": "188-НҚ", "date": "2026-04-16"}}]})["flags"][0]["message_kk"][:27]
    '12.07.2026 бастап бұл бөлік'
    """
    from .web.flags import flag_text

    if isinstance(obj, dict):
        for key, value in obj.items():
            if isinstance(value, list) and _is_flag_list(key):
                for flag in value:
                    if isinstance(flag, dict) and "kind" in flag:
                        view = _flag_view(flag)
                        for lang in ("ru", "kk"):
                            if not flag.get(f"message_{lang}"):
                                flag[f"message_{lang}"] = flag_text(view, lang)
            add_flag_messages(value)
    elif isinstance(obj, list):
        for value in obj:
            add_flag_messages(value)
    return obj


def _flag_view(flag: dict[str, Any]) -> dict[str, Any]:
    """The flag with the fields its message names under the names the catalogue reads: a
    search flag's ``known_from`` as ``since``, an ``amending_act`` as ``by``, ``act_date`` as
    ``date``."""
    view = dict(flag)
    if not view.get("since"):
        view["since"] = flag.get("known_from") or flag.get("known_until")
    if not view.get("by") and isinstance(flag.get("amending_act"), dict):
        view["by"] = flag["amending_act"]
    if not view.get("date") and flag.get("act_date"):
        view["date"] = flag["act_date"]
    return view


class FlagJSONResponse(JSONResponse):
    """The JSON answer of every route, its flags given their ru and kk messages."""

    def render(self, content: Any) -> bytes:
        return super().render(add_flag_messages(content))


# --- offline docs -------------------------------------------------------------------------------

DOCS_ASSETS = "/docs-assets"


def docs_assets_dir() -> str:
    """The folder of Swagger UI and ReDoc files (``swagger-ui-bundle.js``, ``swagger-ui.css``,
    ``redoc.standalone.js``, ``favicon.png``) shipped by the pinned ``fastapi-offline`` wheel."""
    from importlib.resources import files

    return str(files("fastapi_offline") / "static")


def install_docs(app: FastAPI) -> None:
    """``/docs`` (Swagger UI) and ``/redoc`` with every script, style and icon served by the app
    from :func:`docs_assets_dir` under ``/docs-assets/``; no CDN, no web fonts, no online
    validator — the pages render with the network off."""
    from fastapi.staticfiles import StaticFiles

    app.mount(DOCS_ASSETS, StaticFiles(directory=docs_assets_dir()), name="docs-assets")
    oauth2 = app.swagger_ui_oauth2_redirect_url or "/docs/oauth2-redirect"

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_swagger_ui_html(
            openapi_url=f"{root}{app.openapi_url}",
            title=f"{app.title} — API",
            oauth2_redirect_url=f"{root}{oauth2}",
            swagger_js_url=f"{root}{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{root}{DOCS_ASSETS}/favicon.png",
            swagger_ui_parameters={"validatorUrl": None, "tryItOutEnabled": True},
        )

    @app.get(oauth2, include_in_schema=False)
    async def swagger_ui_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get("/docs-offline/redoc.js", include_in_schema=False)
    async def redoc_js() -> Response:
        return Response(_redoc_offline_js(), media_type="application/javascript")

    @app.get("/redoc", include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_redoc_html(
            openapi_url=f"{root}{app.openapi_url}",
            title=f"{app.title} — API",
            redoc_js_url=f"{root}/docs-offline/redoc.js",
            redoc_favicon_url=f"{root}{DOCS_ASSETS}/favicon.png",
            with_google_fonts=False,
        )


# The ReDoc bundle draws its "API docs by Redocly" badge from a CDN: served with that one URL
# pointing at the app's own icon, so /redoc makes no request off the machine.
REDOC_CDN_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


@functools.cache
def _redoc_offline_js() -> bytes:
    with open(os.path.join(docs_assets_dir(), "redoc.standalone.js"), "rb") as fh:
        return fh.read().replace(REDOC_CDN_LOGO.encode(), f"{DOCS_ASSETS}/favicon.png".encode())


# --- examples in the OpenAPI --------------------------------------------------------------------


def install_openapi_examples(app: FastAPI) -> None:
    """Put the examples of :mod:`api.schemas` into the OpenAPI: an example answer of every route
    (``EXAMPLES`` keyed by path; ``MEDIA_EXAMPLES`` for Akoma Ntoso XML and Markdown) and an
    example value of every id, date and query parameter (``PARAM_EXAMPLES``)."""
    from .schemas import EXAMPLES, MEDIA_EXAMPLES, PARAM_EXAMPLES

    plain = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = plain()
        for path, ops in schema.get("paths", {}).items():
            op = ops.get("get")
            if op is None:
                continue
            for param in op.get("parameters", []):
                example = PARAM_EXAMPLES.get((path, param["name"]), PARAM_EXAMPLES.get(param["name"]))
                if example is not None:
                    param.setdefault("example", example)
            ok = op.get("responses", {}).get("200", {})
            for media, body in ok.get("content", {}).items():
                json_body = media == "application/json"
                example = EXAMPLES.get(path) if json_body else MEDIA_EXAMPLES.get((path, media))
                if example is not None:
                    body.setdefault("example", example)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


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
