"""The web application people use: server-rendered pages (Jinja2), Kazakh and Russian.

Every page is a URL that can be shared and reloaded exactly: ``/{lang}/…`` with the interface
language first (``ru`` or ``kk``) and the rest of the state in the path and query string
(dates as дд.мм.гггг or ISO).  ``/`` sends a visitor to the language they chose before (cookie),
else the one their browser prefers.  Labels, errors, flag messages and date formats come from
the catalogues in :mod:`api.web.messages`.  Assets are served by the app itself (no CDN).

Page modules (one per job) each expose ``router``; :data:`PAGES` lists them.
"""

from __future__ import annotations

import importlib

from fastapi import FastAPI

#: The page modules, in the order of the navigation bar.
PAGES = ("home", "acts", "positions", "mustknow", "jobdesc", "diff", "staffing", "search")


def install(app: FastAPI) -> None:
    """Mount the static assets and every page router that exists."""
    from fastapi.staticfiles import StaticFiles

    from .render import STATIC_DIR

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for name in PAGES:
        try:
            mod = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as err:
            if err.name != f"{__name__}.{name}":
                raise
            continue
        app.include_router(mod.router, include_in_schema=False)
