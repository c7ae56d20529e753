"""Browser tests: the seed corpus served by ``zangraph serve`` on a loopback port, driven by
Debian's chromium through Playwright (sync API).

No browser is ever downloaded: Playwright launches ``/usr/bin/chromium`` (installed by
``.ci/run`` with apt-get).  Without it every test here is skipped, with that reason; without the
``playwright`` package (the ``test`` extra) they fail, since CI installs it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
START_TIMEOUT = 120.0  # build of the seed corpus (~10 s) + uvicorn start-up
STOP_TIMEOUT = 10.0
PAGE_TIMEOUT_MS = 15_000
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    """Skip the browser tests, saying why, only when Debian's chromium is not installed."""
    if os.path.exists(CHROMIUM):
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt-get install chromium; .ci/run does)")
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(skip)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _zangraph() -> list[str]:
    exe = Path(sys.executable).with_name("zangraph")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("zangraph")
    if found:
        return [found]
    return [sys.executable, "-c", "import sys; from api.cli import main; sys.exit(main())"]


def _tail(path: Path, n: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-n:])
    except OSError:
        return ""


@contextlib.contextmanager
def serve_seed_corpus(data: Path) -> Iterator[str]:
    """``zangraph serve`` of the seed corpus (built into ``data``) on a free loopback port; yields
    its base URL once ``/health`` answers and stops it on leaving (bounded: terminate, then kill)."""
    log = data.parent / f"{data.name}-serve.log"
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    for name in ("ZANGRAPH_LANG", "ZANGRAPH_AS_OF"):
        env.pop(name, None)
    cmd = [*_zangraph(), "serve", "--host", "127.0.0.1", "--port", str(port),
           "--corpus", str(ROOT / "corpus"), "--data", str(data)]
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"zangraph serve exited with {proc.returncode}:\n{_tail(log)}")
            try:
                with urllib.request.urlopen(f"{base}/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"zangraph serve did not answer /health in {START_TIMEOUT:.0f} s:\n{_tail(log)}")
            time.sleep(0.25)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=STOP_TIMEOUT)


def launch_chromium(pw):
    """Debian's chromium, headless (never a browser Playwright would download)."""
    return pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[str]:
    """The seed corpus served on a loopback port for the whole session: its base URL."""
    try:
        with serve_seed_corpus(tmp_path_factory.mktemp("browser-data")) as base:
            yield base
    except RuntimeError as err:
        pytest.fail(str(err))


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, through Playwright (never a downloaded browser)."""
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = launch_chromium(pw)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def context(browser, server):
    """A fresh browser profile per test (no remembered language), downloads allowed."""
    ctx = browser.new_context(base_url=server, accept_downloads=True, locale="ru-RU",
                              viewport={"width": 1280, "height": 900})
    ctx.set_default_timeout(PAGE_TIMEOUT_MS)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def page(context):
    """A page of :func:`context`; a server error (5xx) on any document or request fails the test."""
    pg = context.new_page()
    errors: list[str] = []
    pg.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 500 else None)
    pg.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    yield pg
    assert not errors, f"server or script errors while the test ran: {errors}"


@pytest.fixture
def visit(page):
    """``visit(path)``: open ``path`` like a shared link and fail at once, with the status and the
    start of the body, when the server answers anything but a page (a page not yet built is a 404)."""

    def go(path: str):
        resp = page.goto(path)
        assert resp is not None, path
        if resp.status != 200 or "text/html" not in (resp.headers.get("content-type") or ""):
            body = page.content()[:300]
            pytest.fail(f"GET {path}: {resp.status} {resp.headers.get('content-type')}: {body}")
        return resp

    return go
