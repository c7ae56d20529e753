"""The home page, the interface language switch and the offline API docs, as a visitor uses them."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect


def test_home_lists_the_acts_and_links_each_job(page, server):
    page.goto("/")
    expect(page).to_have_url(f"{server}/ru/")  # the browser prefers Russian (locale ru-RU)
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", level=1)).to_contain_text("zangraph")
    for label in ("Акты", "Должности", "Кто что должен знать", "Должностная инструкция", "Изменения",
                  "Штатная численность", "Поиск"):
        expect(page.get_by_role("navigation", name="main").get_by_role("link", name=label)).to_be_visible()
    for number in ("580-НҚ", "360", "256-НҚ", "125"):
        expect(page.get_by_role("cell", name=f"№ {number}", exact=True)).to_be_visible()


def test_switch_to_kazakh_and_back_keeps_the_page_and_is_remembered(page, server):
    page.goto("/ru/")
    page.locator("#lang-switch").click()
    expect(page).to_have_url(f"{server}/kk/")
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    expect(page.get_by_role("navigation", name="main").get_by_role("link", name="Іздеу")).to_be_visible()
    expect(page.locator("#lang-switch")).to_have_text("Русский")
    page.goto("/")  # remembered: '/' now opens the Kazakh interface though the browser prefers Russian
    expect(page).to_have_url(f"{server}/kk/")
    page.locator("#lang-switch").click()
    expect(page).to_have_url(f"{server}/ru/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator("#lang-switch")).to_have_text("Қазақша")


@pytest.mark.parametrize(
    "path",
    [
        "/ru/staffing?visits=75",
        "/ru/search?q=%D1%8E%D1%80%D0%B8%D1%81%D1%82&page=2",
        "/ru/mustknow?position=580-%D0%9D%D2%9A%3Achp_2__para_12&as_of=24.11.2026",
    ],
    ids=["staffing", "search", "mustknow"],
)
def test_switch_keeps_the_page_and_its_query(page, visit, server, path):
    visit(path)
    page.locator("#lang-switch").click()
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    kk = urlsplit(page.url)
    ru = urlsplit(server + path)
    assert kk.path == "/kk" + ru.path[len("/ru"):], page.url
    assert kk.query == ru.query, page.url
    page.locator("#lang-switch").click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    assert urlsplit(page.url)[2:4] == ru[2:4], page.url


def _block_the_network(context, server):
    """Every request that would leave 127.0.0.1 is aborted; returns the list of URLs requested."""
    seen: list[str] = []

    def handle(route):
        url = route.request.url
        seen.append(url)
        if urlsplit(url).hostname in ("127.0.0.1",) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            route.abort("internetdisconnected")

    context.route("**/*", handle)
    return seen


def _outside(seen):
    return [u for u in seen if urlsplit(u).hostname != "127.0.0.1" and not u.startswith(("data:", "blob:"))]


def test_docs_render_without_network(context, server):
    seen = _block_the_network(context, server)
    page = context.new_page()
    page.goto("/docs", wait_until="load")
    assert not _outside(seen), f"requests left 127.0.0.1: {_outside(seen)}"
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("zangraph", timeout=20_000)
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    page.get_by_text("/health", exact=True).first.click()  # an operation opens
    expect(page.locator(".opblock.is-open").first).to_be_visible()
    assert seen, "no request went through the route"
    assert not _outside(seen), f"requests left 127.0.0.1: {_outside(seen)}"


def test_redoc_renders_without_network(context, server):
    """ReDoc's bundle draws its badge from a CDN; the app serves it pointing at its own icon."""
    seen = _block_the_network(context, server)
    page = context.new_page()
    page.goto("/redoc", wait_until="load")
    assert not _outside(seen), f"requests left 127.0.0.1: {_outside(seen)}"
    expect(page.locator("h1").first).to_contain_text("zangraph", timeout=20_000)
    expect(page.get_by_text("/health").first).to_be_attached()
    assert not _outside(seen), f"requests left 127.0.0.1: {_outside(seen)}"
