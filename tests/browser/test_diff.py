"""What changed in order 580-НҚ between two dates, as a lawyer asks it in the diff form."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_changes_of_580_between_01_06_2026_and_24_11_2026(page, visit, server):
    visit("/ru/")
    page.get_by_role("navigation", name="main").get_by_role("link", name="Изменения").click()
    form = page.locator("form.diff-form")
    form.get_by_label("акт на две даты").check()
    act = form.get_by_role("combobox", name=re.compile(r"^Акт"))
    act.select_option(label=act.locator("option", has_text="580-НҚ").first.inner_text().strip())
    form.get_by_label("С даты").fill("01.06.2026")
    form.get_by_label("По дату").fill("24.11.2026")
    form.get_by_role("button", name="Сравнить").click()
    expect(page).to_have_url(re.compile(r"/ru/diff\?.*from=01\.06\.2026.*to=24\.11\.2026"))
    result = page.locator("#result")
    head = result.get_by_role("heading", level=2).first
    expect(head).to_contain_text("580-НҚ")
    expect(head).to_contain_text("01.06.2026")
    expect(head).to_contain_text("24.11.2026")
    # the change of the laws абзац of Юрист, by order 188-НҚ, named as a reader names it
    row = result.locator("table.diff-side tbody tr", has_text="Юрист, п. 38, абз. 6")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("188-НҚ")
    expect(row.locator("td.new")).to_contain_text("в корпусе нет")  # the new text is not in the corpus: said
    names = result.locator("table.diff-side tbody th.where a").all_inner_texts()
    assert names and not [n for n in names if re.search(r"\b(chp|para|point|al)_\d", n)], names
    # the same changes inline, by the link the page offers
    page.locator("#switch-view").click()
    expect(page).to_have_url(re.compile(r"view=inline"))
    expect(page.locator("ol.diff-inline li", has_text="Юрист, п. 38, абз. 6")).to_have_count(1)
