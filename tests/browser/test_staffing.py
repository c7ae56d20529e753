"""The staffing calculator, as a Family Support Centre's director uses it."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_staffing_for_75_visits_a_day(page, visit, server):
    visit("/ru/")
    page.get_by_role("navigation", name="main").get_by_role("link", name="Штатная численность").click()
    form = page.locator("form.staffing-form")
    form.get_by_label("Посещений в день").fill("75")
    act = form.get_by_label("Акт с нормативами")
    act.select_option(label=act.locator("option", has_text="256-НҚ").first.inner_text().strip())
    form.get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/ru/staffing\?.*visits=75"))
    result = page.locator("#result")
    expect(result).to_contain_text("51–100")
    expect(page.locator("#total")).to_have_text(re.compile(r"^\s*24[,.]5\s*$"))
    headers = [h.strip() for h in result.locator("table.staffing thead th").all_inner_texts()]
    assert headers == ["№", "Должность", "Диапазон / правило", "Штатных единиц", "Источник"], headers
    social = result.locator("tbody tr", has_text="социальный работник").first
    expect(social.locator("td.units")).to_have_text(re.compile(r"^\s*2([,.]0)?\s*$"))
    expect(social.get_by_role("link", name="Социальный работник")).to_be_visible()  # to its position page
    expect(result.locator("#left-out")).to_be_visible()  # what the total leaves out is said
    # the Kazakh interface gives the same total
    page.locator("#lang-switch").click()
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    expect(page.locator("#total")).to_have_text(re.compile(r"^\s*24[,.]5\s*$"))
