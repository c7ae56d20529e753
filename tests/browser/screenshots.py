"""Screenshots of every page of the web application, desktop (1280 px) and phone (390 px) wide,
into ``docs/screenshots/`` (PNG, the full page cut at 2400 px high)::

    python -m tests.browser.screenshots [--out docs/screenshots] [--only home,search]

It builds the seed corpus into a temporary folder, serves it on a loopback port and drives
Debian's chromium (``/usr/bin/chromium``) as the browser tests do.  Every page is opened by a
permanent link with explicit dates, so a screenshot taken again shows the same page.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

from tests.browser.conftest import CHROMIUM, ROOT, launch_chromium, serve_seed_corpus

MAX_HEIGHT = 2400
WIDTHS = {"desktop": 1280, "mobile": 390}


def _q(s: str) -> str:
    return quote(s, safe="")


#: name → path (the page as a visitor opens it from a shared link).
PAGES: dict[str, str] = {
    "home": "/ru/",
    "home-kk": "/kk/",
    "acts": "/ru/acts",
    "act": f"/ru/acts/{_q('580-НҚ')}?as_of=24.11.2026",
    "positions": f"/ru/positions?act={_q('580-НҚ')}",
    "position": f"/ru/positions/{_q('580-НҚ')}:chp_2__para_12?as_of=24.11.2026",
    "mustknow": f"/ru/mustknow?position={_q('580-НҚ:chp_2__para_12')}&as_of=24.11.2026",
    "whomustknow": f"/ru/mustknow?act={_q('Трудовой кодекс')}&as_of=24.11.2026",
    "jobdesc": f"/ru/jobdesc?position={_q('580-НҚ:chp_2__para_4')}&doc_lang=kk&as_of=24.11.2026&cite=off",
    "diff": f"/ru/diff?act={_q('580-НҚ')}&from=01.06.2026&to=24.11.2026",
    "staffing": "/ru/staffing?visits=75&as_of=24.11.2026",
    "search": f"/ru/search?q={_q('трудового кодекса')}&page=2&as_of=24.11.2026",
    "search-kk": f"/kk/search?q={_q('еңбек кодексі')}&as_of=24.11.2026",
    "docs": "/docs",
}


def shoot(base: str, out: Path, only: set[str] | None = None) -> list[tuple[str, int, str]]:
    """Take the screenshots; returns (file, HTTP status, final URL) for each."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    done = []
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            for kind, width in WIDTHS.items():
                ctx = browser.new_context(base_url=base, viewport={"width": width, "height": 900},
                                          locale="ru-RU", device_scale_factor=1,
                                          is_mobile=kind == "mobile", has_touch=kind == "mobile")
                ctx.set_default_timeout(20_000)
                page = ctx.new_page()
                for name, path in PAGES.items():
                    if only and name not in only:
                        continue
                    resp = page.goto(path, wait_until="networkidle")
                    if name == "docs":
                        page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
                    height = page.evaluate("() => document.documentElement.scrollHeight")
                    file = out / f"{name}-{kind}.png"
                    page.screenshot(path=str(file), full_page=True,
                                    clip={"x": 0, "y": 0, "width": width, "height": min(height, MAX_HEIGHT)})
                    done.append((str(file), resp.status if resp else 0, page.url))
                ctx.close()
        finally:
            browser.close()
    return done


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.browser.screenshots",
                                 description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--only", default="", help="comma-separated page names: " + ", ".join(PAGES))
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is not installed (apt-get install chromium)", file=sys.stderr)
        return 2
    only = {x for x in args.only.split(",") if x} or None
    with (tempfile.TemporaryDirectory(prefix="zangraph-shots-") as tmp,
          serve_seed_corpus(Path(tmp) / "data") as base):
        for file, status, url in shoot(base, Path(args.out), only):
            flag = "" if status == 200 else f"  <-- HTTP {status}"
            print(f"{Path(file).relative_to(ROOT) if Path(file).is_relative_to(ROOT) else file}  {url}{flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
