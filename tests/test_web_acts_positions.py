"""Web pages of acts and positions: /{lang}/acts, /{lang}/acts/{act}, /{lang}/positions,
/{lang}/positions/{act}:{eid} — requisites, the amending acts table, the text as of a date with
its flags and notes, ru/kk side by side, must-know with flags, requirements nested, history, links."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.web.acts import natural_key, since_text, unit_name
from kb.build import build

JURIST = "/ru/positions/580-НҚ:chp_2__para_12"


@pytest.fixture(scope="module")
def kb():
    return build("corpus")


@pytest.fixture(scope="module")
def client(kb):
    with TestClient(create_app(kb=kb)) as c:
        yield c


def text(html: str) -> str:
    """The visible words of a page, tags and extra spaces removed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- helpers ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("eid", "lang", "expected"),
    [
        ("chp_2__para_12__point_38__al_6", "ru", "Юрист, п. 38, абз. 6"),
        ("chp_2__para_12__point_38__al_6", "kk", "38-тармақ, 6-абзац"),
        ("annex", "ru", "Приложение"),
        ("annex", "kk", "Қосымша"),
    ],
)
def test_unit_names_are_readable(kb, eid, lang, expected):
    work = "/akn/kz/act/order/2025-10-24/580-nk"
    assert unit_name(kb, work, eid, lang).endswith(expected)


@pytest.mark.parametrize(
    ("since", "lang", "expected"),
    [
        ("2026-07-12", "ru", "12.07.2026"),
        ({"lower": "2024-08-25", "upper": None}, "ru", "не ранее 25.08.2024"),
        ({"lower": "2025-11-03", "upper": "2026-04-16"}, "kk", "03.11.2025 мен 16.04.2026 аралығында"),
    ],
)
def test_since_in_words(since, lang, expected):
    assert since_text(since, lang) == expected


def test_natural_order():
    assert sorted(["chp_2__para_10", "chp_2__para_9", "chp_2__para_2"], key=natural_key) == [
        "chp_2__para_2",
        "chp_2__para_9",
        "chp_2__para_10",
    ]


# --- acts -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_list_of_acts(client, lang):
    r = client.get(f"/{lang}/acts")
    assert r.status_code == 200
    for number in ("580-НҚ", "360", "256-НҚ", "125"):
        assert f"/{lang}/acts/{quote(number, safe='')}" in r.text
    assert client.get(f"/{lang}/acts?q=580-НҚ").text.count('<td class="num">№') == 1


@pytest.mark.parametrize("ref", ["580-НҚ", "580-nk", quote("580-НҚ"), "akn/kz/act/order/2025-10-24/580-nk"])
def test_act_by_number_or_id(client, ref):
    r = client.get(f"/ru/acts/{ref}?as_of=24.11.2026")
    assert r.status_code == 200, r.text[:500]
    assert "Типовых квалификационных характеристик" in r.text


def test_act_page_requisites_changes_and_links(client):
    r = client.get("/ru/acts/580-НҚ?as_of=24.11.2026")
    page = text(r.text)
    assert "Приказ от 24.10.2025 № 580-НҚ" in page
    assert "Министр культуры и информации Республики Казахстан" in page
    assert "между 03.11.2025 и 16.04.2026" in page  # commencement depends on publication: an interval
    # the changes box: 188-НҚ in force since 12.07.2026 without its text, said once
    box = page[page.index("Изменения в акт на 24.11.2026") : page.index("Реквизиты")]
    assert "приказа № 188-НҚ от 16.04.2026" in box and "12.07.2026" in box
    # the amending acts table: 188-НҚ, dated, with readable units and a status
    table = page[page.index("История изменений") :]
    assert "Приказ № 188-НҚ" in table and "16.04.2026" in table
    assert "Юрист, п. 38, абз. 6 — изложено в новой редакции" in table
    assert "действует, текст копии устарел" in table
    # links: positions, diff, AKN download, who-must-know of the acts its positions cite
    assert "/ru/positions?act=580-%D0%9D%D2%9A" in r.text
    assert "/ru/diff?act=580-%D0%9D%D2%9A&amp;from=03.11.2025&amp;to=24.11.2026" in r.text
    assert "/acts/akn/kz/act/order/2025-10-24/580-nk/akn?as_of=2026-11-24&amp;lang=kk" in r.text
    assert "/ru/mustknow?act=kz%2Fcode%2Flabour" in r.text


def test_akn_link_downloads(client):
    r = client.get("/ru/acts/580-НҚ?as_of=24.11.2026")
    href = re.search(r'href="(/acts/[^"]+/akn\?[^"]+)"', r.text)[1].replace("&amp;", "&")
    got = client.get(href)
    assert got.status_code == 200 and got.headers["content-type"].startswith("application/akn+xml")


def test_pending_before_the_day_superseded_after(client):
    before = text(client.get("/ru/acts/580-НҚ?as_of=01.06.2026").text)
    assert "объявлено, ещё не действует" in before and "вводится в действие 12.07.2026" in before
    after = text(client.get("/ru/acts/580-НҚ?as_of=24.11.2026").text)
    assert "объявлено, ещё не действует" not in after


def test_text_as_of_with_flags_once_and_stale_text_marked(client):
    r = client.get("/ru/acts/580-НҚ?as_of=24.11.2026&unit=chp_2__para_12")
    assert r.status_code == 200
    html = r.text
    assert 'id="chp_2__para_12__point_38__al_6"' in html
    row = html[html.index('id="chp_2__para_12__point_38__al_6"') :]
    row = row[: row.index('class="row')]
    assert "не действует на эту дату" in row and "188-НҚ" in row
    # the flag is said where it starts, not under every unit of the position
    assert text(html).count("действует в редакции приказа № 188-НҚ") == 1


def test_notes_in_place(client):
    html = client.get("/ru/acts/360?as_of=24.11.2026&unit=chp_2__para_7").text
    assert "Пункт 55 с изменением, внесенным приказом" in html


def test_side_by_side(client):
    html = client.get("/kk/acts/580-НҚ?as_of=24.11.2026&view=side&unit=chp_2__para_12").text
    row = html[html.index('id="chp_2__para_12"') :]
    assert 'lang="ru"' in row[:2000] and 'lang="kk"' in row[:2000]
    assert "Юрист" in row[:2000] and "заңгер-консультант" in row[:2000]


def test_kazakh_act_page(client):
    page = text(client.get("/kk/acts/580-НҚ?as_of=24.11.2026").text)
    assert "Өзгерістер тарихы" in page and "№ 188-НҚ бұйрық" in page
    assert "Деректемелері" in page


def test_act_history_of_360_shows_applied_uncertain_and_pending(client):
    page = text(client.get("/ru/acts/360?as_of=01.06.2026").text)
    for number in ("220", "316", "309", "73"):
        assert f"Приказ № {number}" in page
    assert "не ранее 25.08.2024" in page  # 316: in force ten days after an unknown publication day
    assert "объявлено, ещё не действует" in page  # 73: from 11.07.2026
    assert "№ 16057" in page  # registration


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/ru/acts/999", 404),
        ("/ru/acts/360?view=kk", 422),
        ("/ru/acts/580-НҚ?as_of=31.02.2026", 422),
        ("/kk/acts/нет", 404),
    ],
)
def test_act_errors_are_pages(client, url, status):
    r = client.get(url)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("text/html") and 'class="error"' in r.text


def test_act_permalink_is_stable(client):
    def main(url):
        html = client.get(url).text
        return html[html.index("<main>") :]

    assert main("/ru/acts/580-НҚ?as_of=24.11.2026") == main("/ru/acts/580-НҚ?as_of=2026-11-24")


# --- positions ------------------------------------------------------------------------------------


def test_positions_list_in_text_order_and_filters(client):
    page = client.get("/ru/positions?act=580-НҚ").text
    eids = re.findall(r"580-НҚ:(chp_2__para_\d+)</span>", page)
    assert eids == sorted(eids, key=natural_key) and len(eids) == 12
    spec = client.get("/ru/positions?act=580-НҚ&group=specialists").text
    assert "Юрист" in spec and "Директор Центра поддержки семьи" not in spec
    assert client.get("/ru/positions?group=xx").status_code == 422


def test_position_page(client):
    r = client.get(f"{JURIST}?as_of=24.11.2026")
    assert r.status_code == 200
    page = text(r.text)
    assert "Юрист" in page and "Должностные обязанности" in page and "Требования к квалификации" in page
    # must-know: acts resolved, the 188-НҚ warning once for the acts of п. 38, абз. 6
    assert "Трудовой кодекс Республики Казахстан" in page
    mk = page[page.index("Акты (распознаны в тексте)") : page.index("Прочие знания")]
    assert mk.count("188-НҚ") == 1
    assert "/ru/mustknow?act=kz%2Fcode%2Flabour" in r.text
    # links to the builder, the must-know page and the diff
    assert "/ru/jobdesc?position=580-%D0%9D%D2%9A%3Achp_2__para_12&amp;as_of=24.11.2026" in r.text
    assert "/ru/mustknow?position=580-%D0%9D%D2%9A%3Achp_2__para_12&amp;as_of=24.11.2026" in r.text
    assert "/ru/diff?act=580-%D0%9D%D2%9A" in r.text
    # history: the announced edition of п. 38, абз. 6; links: the staffing row of 256-НҚ
    hist = page[page.index("История должности") :]
    assert "Приказ № 188-НҚ" in hist and "п. 38, абз. 6" in hist
    assert "/ru/acts/256-%D0%9D%D2%9A?as_of=24.11.2026#att_1__row_10" in r.text


def test_requirements_nested_by_level_and_category(client):
    html = client.get("/ru/positions/360:chp_2__para_3?as_of=01.06.2026").text
    level = html.index("специалист высшего уровня квалификации:")
    nested = html.index('<ul class="items nested">', level)
    assert nested < html.index("высшей категории:", level)
    assert "Социальный работник кейс-менеджер" in html  # profession card of order 125


def test_kazakh_position_page(client):
    page = text(client.get("/kk/positions/580-НҚ:chp_2__para_12?as_of=24.11.2026").text)
    assert "Халыққа заңгерлік көмек көрсету жөніндегі заңгер-консультант" in page
    assert "Лауазымдық міндеттері" in page and "Білуге тиіс" in page
    assert "38-тармақ, 6-абзац" in page


def test_position_only_in_russian_says_so_in_kazakh(client):
    page = text(client.get("/kk/positions/360:chp_2__para_3").text)
    assert "орыс тіліндегі мәтін көрсетілді" in page


@pytest.mark.parametrize("ref", ["Юрист", "580-НҚ:Юрист", "580-nk:chp_2__para_12"])
def test_title_redirects_to_the_permanent_url(client, ref):
    r = client.get(f"/ru/positions/{ref}?as_of=24.11.2026", follow_redirects=False)
    assert r.status_code == 307
    assert r.headers["location"] == "/ru/positions/580-%D0%9D%D2%9A:chp_2__para_12?as_of=24.11.2026"


def test_ambiguous_title_lists_the_choices(client):
    r = client.get("/ru/positions/Специалист по социальной работе")
    assert r.status_code == 300
    assert "/ru/positions/360:chp_2__para_3" in r.text and "580-%D0%9D%D2%9A:chp_2__para_5" in r.text


def test_unknown_position_is_a_404_page(client):
    r = client.get("/ru/positions/580-НҚ:chp_9__para_99")
    assert r.status_code == 404 and 'class="error"' in r.text
