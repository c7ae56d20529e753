"""A search result shared as a link: opened on page 2, it shows page 2, and the pages keep the query."""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlsplit

from playwright.sync_api import expect

QUERY = "трудового кодекса"
SHARED = f"/ru/search?q={quote(QUERY)}&page=2"


def _hits(page) -> list[str]:
    """Each hit as the page shows it: its name, order, kind, language and unit id."""
    js = ("els => els.map(e => e.querySelector('.sr-head').innerText + ' '"
          " + e.querySelector('small.id').innerText)")
    return [" ".join(h.split()) for h in page.locator("ol.sr-hits li.sr-hit").evaluate_all(js)]


def test_a_shared_search_url_on_page_2(page, visit, server):
    visit(SHARED)
    expect(page.locator("form.sr-form input[name=q]")).to_have_value(QUERY)
    pages = page.locator("nav.sr-pages")
    expect(pages.locator("a[aria-current=page]")).to_have_text("2")
    expect(page.locator("ol.sr-hits")).to_have_attribute("start", "21")
    expect(page.locator(".sr-count")).to_contain_text("21")
    second = _hits(page)
    assert second, "page 2 shows no hits"
    # every hit links to its position or act page
    hrefs = "els => els.map(e => e.getAttribute('href'))"
    for href in page.locator("ol.sr-hits a.sr-name").evaluate_all(hrefs):
        assert href.startswith(("/ru/positions/", "/ru/acts/")), href
    # every page link keeps the query
    links = pages.locator("a").evaluate_all(hrefs)
    assert links, "no page links"
    for href in links:
        qs = parse_qs(urlsplit(href).query)
        assert qs.get("q") == [QUERY], href
    # page 1 has other hits; back in the history is page 2 again
    pages.get_by_role("link", name="1", exact=True).click()
    expect(page.locator("ol.sr-hits")).to_have_attribute("start", "1")
    first = _hits(page)
    assert first and not set(first) & set(second), (first, second)
    assert parse_qs(urlsplit(page.url).query).get("q") == [QUERY], page.url
    page.go_back()
    expect(page.locator("ol.sr-hits")).to_have_attribute("start", "21")
    assert _hits(page) == second
