"""Must-know and who-must-know, as an HR officer finds them: from the navigation, through the form."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_find_the_lawyer_and_see_what_he_must_know_on_24_11_2026(page, visit, server):
    visit("/ru/")
    page.get_by_role("navigation", name="main").get_by_role("link", name="Кто что должен знать").click()
    form = page.locator("form.mk-form")
    form.get_by_label("Должность").fill("Юрист")
    form.get_by_label("Приказ").fill("580-НҚ")
    form.get_by_label("на дату").fill("24.11.2026")
    form.get_by_role("button").click()
    if page.locator(".mk-candidates").count():  # several Юрист: choose the one of 580-НҚ
        page.locator(".mk-candidates li", has_text="580-НҚ").first.get_by_role("link").click()
    h1 = page.get_by_role("heading", level=1)
    expect(h1).to_contain_text("Юрист")
    expect(h1).to_contain_text("24.11.2026")
    expect(page).to_have_url(re.compile(r"/ru/mustknow\?.*as_of=24\.11\.2026"))
    # the acts, each with where the position names it
    acts = page.locator("table.mk-acts")
    expect(acts).to_contain_text("Трудовой кодекс Республики Казахстан")
    expect(acts).to_contain_text("О государственных секретах")
    expect(acts).to_contain_text("Юрист, п. 38, абз. 6")
    # the warning: from 12.07.2026 the laws абзац is in the edition of order 188-НҚ, not in the corpus
    notes = page.locator(".mk-notes")
    expect(notes).to_be_visible()
    warning = notes.locator("li", has_text="188-НҚ")
    expect(warning).to_have_count(1)
    expect(warning).to_contain_text("12.07.2026")
    expect(warning).to_contain_text("16.04.2026")
    expect(warning).to_contain_text("в корпусе нет")
    # the acts of that абзац refer to the note
    secrets = acts.locator("tr", has_text="О государственных секретах")
    ref = secrets.locator("a.mk-ref")
    expect(ref).to_have_count(1)
    ref.click()
    expect(page).to_have_url(re.compile(r"#note-\d+$"))
    # a reload (a shared link) shows the same
    page.reload()
    expect(page.locator(".mk-notes li", has_text="188-НҚ")).to_have_count(1)


def test_find_the_lawyer_in_the_positions_of_580_and_open_his_must_know(page, visit, server):
    visit("/ru/")
    page.get_by_role("navigation", name="main").get_by_role("link", name="Должности").click()
    form = page.get_by_role("search").filter(has=page.get_by_label("Название должности"))
    form.get_by_label("Название должности").fill("Юрист")
    act = form.get_by_role("combobox", name=re.compile("^Приказ"))
    act.select_option(label=act.locator("option", has_text="580-НҚ").first.inner_text().strip())
    form.get_by_role("button").click()
    page.get_by_role("link", name="Юрист", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Юрист")
    page.get_by_label("на дату").fill("24.11.2026")
    page.get_by_role("button", name="Показать").click()
    expect(page).to_have_url(re.compile(r"as_of=24\.11\.2026"))
    expect(page.locator("aside.changes")).to_contain_text("188-НҚ")  # the position's own warning
    page.get_by_role("link", name=re.compile("Что должен знать")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Юрист")
    expect(page.get_by_role("heading", level=1)).to_contain_text("24.11.2026")
    expect(page.locator(".mk-notes li", has_text="188-НҚ")).to_have_count(1)
    expect(page.locator("table.mk-acts")).to_contain_text("О государственных секретах")


def _num_key(num: str) -> tuple:
    return tuple(int(x) for x in re.findall(r"\d+", num))


def test_who_must_know_the_labour_code(page, visit, server):
    visit("/ru/mustknow")
    page.get_by_label("Акт, который должны знать").fill("Трудовой кодекс")
    page.get_by_role("button", name="Кто должен знать").click()
    h1 = page.get_by_role("heading", level=1)
    expect(h1).to_contain_text("Кто должен знать")
    expect(h1).to_contain_text("Трудовой кодекс Республики Казахстан")
    expect(page.locator(".mk-count")).to_contain_text(re.compile(r":\s*\d+"))
    groups = page.locator("h3.mk-order")
    assert groups.count() >= 2, "the positions of 360 and of 580-НҚ"
    captions = groups.all_inner_texts()
    assert any("580-НҚ" in c for c in captions) and any("№ 360" in c for c in captions), captions
    # within each order: by number in the text (4, 4-1, 5 … 10), never string order
    tables = page.locator("table.mk-who")
    for i in range(tables.count()):
        nums = [n.strip() for n in tables.nth(i).locator("tbody td.num").all_inner_texts() if n.strip()]
        assert nums == sorted(nums, key=_num_key), nums
    expect(page.locator("table.mk-who", has_text="Юрист").first).to_be_visible()
    # each position leads to its must-know
    lawyer = page.locator("table.mk-who tr", has_text="Юрист").first
    lawyer.get_by_role("link", name=re.compile("всё, что")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Юрист")
