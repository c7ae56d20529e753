"""Browser tests of the web application (Playwright driving Debian's chromium); a package so that
their module names (``browser.conftest``, ``browser.test_search``) do not shadow those of ``tests/``."""
