"""Web pages: must-know (/{lang}/mustknow), who-must-know (/{lang}/referenced/{id}) and search
(/{lang}/search) — as a lawyer or an HR officer uses them, in Russian and Kazakh."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.context import Settings
from kb.build import build

DATE = "24.11.2026"


@pytest.fixture(scope="module")
def kb():
    return build("corpus")


@pytest.fixture(scope="module")
def client(kb, tmp_path_factory):
    from index.build import build_index

    data = tmp_path_factory.mktemp("data")
    build_index(kb, str(data))
    with TestClient(create_app(Settings(data_dir=str(data), default_as_of="2026-11-24"), kb=kb)) as c:
        yield c


def links(html: str) -> list[str]:
    return [unquote(h).replace("&amp;", "&") for h in re.findall(r'href="([^"]+)"', html)]


def section(html: str, start: str, end: str | None = None) -> str:
    i = html.index(start)
    return html[i : html.index(end, i) if end else None]


# --- must-know ----------------------------------------------------------------------------------


def test_find_jurist_of_580_and_see_must_know_with_188_warning(client):
    r = client.get("/ru/mustknow", params={"position": "Юрист", "act": "580-НҚ", "as_of": DATE})
    assert r.status_code == 200
    html = r.text
    assert "Что должен знать: Юрист" in html and "на 24.11.2026" in html
    notes = section(html, "Изменения и предупреждения", "</section>")
    assert (
        "Юрист, п. 38, абз. 6" in notes
        and "188-НҚ" in notes
        and "16.04.2026" in notes
        and "12.07.2026" in notes
    )
    assert notes.count("188-НҚ") == 1  # one warning, referred to from each act it concerns
    acts = section(html, "Акты (", "Другие знания")
    assert "Трудовой кодекс Республики Казахстан" in acts
    assert acts.count('href="#note-1"') >= 5  # the laws of абз. 6 point to the note
    # sources are readable unit names linking to the position page, ids only in small print
    assert "/ru/positions/580-НҚ:chp_2__para_12?as_of=24.11.2026#chp_2__para_12__point_38__al_4" in links(
        acts
    )
    assert ">Юрист, п. 38, абз. 4</a>" in acts
    assert "/ru/referenced/kz/code/labour?as_of=24.11.2026" in links(acts)
    # the other knowledge in each language
    other = section(html, "Другие знания", "<footer")
    assert "Текст на русском" in other and "Текст на казахском" in other
    assert "правила оформления, заключения договоров" in other and "еңбек, азаматтық" in other


def test_must_know_in_kazakh(client):
    html = client.get("/kk/mustknow", params={"position": "580-НҚ:chp_2__para_12", "as_of": DATE}).text
    assert "Білуге тиіс:" in html and "24.11.2026 күнгі жағдай бойынша" in html
    assert "Қазақстан Республикасының Еңбек кодексі" in html
    assert "38-тармақ, 6-абзац" in html and "188-НҚ" in html and "бұйрықтың редакциясында" in html
    assert "Что должен знать" not in html and "п. 38" not in html


def test_title_as_the_cli_reads_it_and_an_ambiguous_title_lists_candidates(client):
    one = client.get("/ru/mustknow", params={"position": "580-НҚ:Юрист", "as_of": DATE}).text
    assert "Что должен знать: Юрист" in one
    many = client.get("/ru/mustknow", params={"position": "заместитель директора", "as_of": DATE})
    assert many.status_code == 200 and "несколько должностей" in many.text
    cands = [u for u in links(many.text) if u.startswith("/ru/mustknow?position=")]
    assert len(cands) >= 2 and all("as_of=24.11.2026" in u for u in cands)
    first = client.get(cands[0]).text  # each candidate is a link to its must-know
    assert "Что должен знать:" in first


def test_an_act_alone_lists_its_positions_in_text_order(client):
    html = client.get("/ru/mustknow", params={"act": "580-НҚ"}).text
    eids = re.findall(r"position=580-НҚ:(chp_2__para_\d+)", "\n".join(links(html)))
    nums = [int(e.rsplit("_", 1)[1]) for e in eids]
    assert nums == sorted(nums) and len(nums) == 12


def test_items_not_in_force_are_apart_and_labelled(client, kb):
    from kb.queries import must_know

    # find a position whose must-know on an early date has items not in force, and check the page
    for pid, d in kb.graph.nodes(data=True):
        if d.get("kind") != "position":
            continue
        res = must_know(kb, pid, "2025-01-01")
        if res.get("not_in_force"):
            break
    else:
        pytest.skip("no must-know item is out of force on 2025-01-01")
    number = kb.acts[d["work"]]["number"]
    html = client.get("/ru/mustknow", params={"position": f"{number}:{d['eid']}", "as_of": "01.01.2025"}).text
    apart = section(html, "Не действует на эту дату", "</section>")
    assert 'class="flag bad"' in apart


def test_unknown_position_and_bad_date_are_pages_in_the_language(client):
    r = client.get("/kk/mustknow", params={"position": "жоқ-лауазым"})
    assert r.status_code == 404 and "лауазымы табылмады" in r.text
    r = client.get("/ru/mustknow", params={"position": "Юрист", "as_of": "31.02.2026"})
    assert r.status_code == 422 and "не распознана" in r.text


def test_landing_lists_the_referenced_acts(client):
    html = client.get("/ru/mustknow").text
    assert "/ru/referenced/kz/code/labour" in links(html) and "должностей: 21" in html


# --- who must know ------------------------------------------------------------------------------


def test_open_who_must_know_labour_code(client):
    r = client.get("/ru/mustknow", params={"ref": "Трудовой кодекс", "as_of": DATE}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/ru/referenced/kz/code/labour?as_of=24.11.2026"
    html = client.get(r.headers["location"]).text
    assert "Кто должен знать: Трудовой кодекс Республики Казахстан" in html
    assert "Должностей, которые должны знать этот акт на 24.11.2026: 21" in html
    # by act (360 of 2017 before 580-НҚ of 2025), then by number in the text: para_10 after para_9
    pos = [u for u in links(html) if u.startswith("/ru/positions/")]
    keys = []
    for u in dict.fromkeys(x.split("?")[0] for x in pos):
        act, eid = u.removeprefix("/ru/positions/").split(":")
        keys.append((act, eid))
    acts_order = list(dict.fromkeys(a for a, _ in keys))
    assert acts_order == ["360", "580-НҚ"]
    for act in acts_order:
        nums = [
            tuple(int(x) for x in re.findall(r"\d+", e.split("__para_")[1].replace("-", " ")))
            for a, e in keys
            if a == act
        ]
        assert nums == sorted(nums)
    e580 = [e for a, e in keys if a == "580-НҚ"]
    assert e580.index("chp_2__para_12") > e580.index("chp_2__para_2")  # not string order


def test_who_must_know_by_name_in_kazakh_and_ids_in_small_print(client):
    r = client.get("/kk/referenced/Еңбек кодексі", params={"as_of": DATE}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/kk/referenced/kz/code/labour")
    html = client.get("/kk/referenced/kz/code/labour", params={"as_of": DATE}).text
    assert "Кім білуге тиіс: Қазақстан Республикасының Еңбек кодексі" in html
    assert '<small class="id">kz/code/labour</small>' in html.replace("сәйкестендіргіш: ", "")


def test_who_must_know_not_counted_apart_with_reason(client, kb):
    from kb.queries import who_must_know

    for nid, d in kb.graph.nodes(data=True):
        if d.get("kind") == "referenced_act" and who_must_know(kb, nid, "2025-01-01").get("not_counted"):
            break
    else:
        pytest.skip("no referenced act has positions not counted on 2025-01-01")
    html = client.get(f"/ru/referenced/{d['ref']}", params={"as_of": "01.01.2025"}).text
    apart = section(html, "Не учтены на эту дату", "</section>")
    assert 'class="flag bad"' in apart


def test_unknown_referenced_act(client):
    r = client.get("/ru/referenced/нет-такого-акта")
    assert r.status_code == 404 and "не найден" in r.text


# --- search ---------------------------------------------------------------------------------------


def test_search_page_two_from_a_shared_url(client):
    url = "/ru/search?q=кодекс&as_of=24.11.2026&page=2"
    first, again = client.get(url), client.get(url)
    assert first.status_code == 200 and first.text == again.text  # reload gives the same page
    html = first.text
    assert "Найдено: " in html and "показаны 21–40" in html
    assert 'aria-current="page" class="on">2<' in html
    nav = section(html, 'class="sr-pages"', "</nav>")
    prev = links(nav)[0]
    assert parse_qs(urlsplit(prev).query) == {"q": ["кодекс"], "as_of": ["24.11.2026"]}  # page 1: no page=
    assert "page=3" in "\n".join(links(nav))
    assert html.count('class="sr-hit"') == 20


def test_search_facets_are_links_with_translated_labels_and_counts(client):
    html = client.get("/kk/search", params={"q": "кодекс", "as_of": DATE}).text
    facets = section(html, 'class="sr-facets"', "</aside>")
    assert "Бұйрық" in facets and "білуге тиіс" in facets and "басшылар" in facets and "қазақ тілі" in facets
    assert "must_know" not in re.sub(r'href="[^"]*"', "", facets)  # machine codes only in URLs
    act_link = next(u for u in links(facets) if "act=580-НҚ" in u)
    on = client.get(act_link).text
    assert '<a class="on"' in on and "× № 580-НҚ" in on.replace("✕", "×")
    hits = section(on, 'class="sr-hits"', "</ol>")
    assert "№ 580-НҚ бұйрық" in hits and "№ 360" not in hits
    # removing the facet goes back to all acts
    off = next(
        u
        for u in links(section(on, 'class="sr-facets"', "</aside>"))
        if "act=" not in u
        and "q=" in u
        and "kind=" not in u
        and "group=" not in u
        and "language=" not in u
        and "okr=" not in u
    )
    assert "Бұйрық" in client.get(off).text


def test_search_hits_link_to_position_pages_with_unit_names_and_the_aligned_unit(client):
    html = client.get(
        "/ru/search", params={"q": "трудовой кодекс", "act": "580-НҚ", "language": "ru", "as_of": DATE}
    ).text
    hits = section(html, 'class="sr-hits"', "</ol>")
    assert "/ru/positions/580-НҚ:chp_2__para_12?as_of=24.11.2026#chp_2__para_12__point_38__al_4" in links(
        hits
    )
    assert ">Юрист, п. 38, абз. 4</a>" in hits
    assert "Соответствует (казахский):" in hits and "Еңбек кодексін" in hits
    assert "<b>" in hits


def test_search_flags_in_the_page_language(client):
    html = client.get("/kk/search", params={"q": "бытового насилия", "act": "580-НҚ", "as_of": DATE}).text
    assert "188-НҚ бұйрықтың редакциясында" in html


def test_search_group_and_okr_facets_filter(client):
    html = client.get("/ru/search", params={"q": "кодекс", "group": "managers", "as_of": DATE}).text
    assert "✕ руководители" in html and "Найдено: 70" in html
    html = client.get("/ru/search", params={"q": "кодекс", "okr": "6", "as_of": DATE}).text
    assert "✕ 6-й уровень" in html


@pytest.mark.parametrize(
    ("query", "status", "text"),
    [
        ({"q": "!!!"}, 422, "В запросе нет слов"),
        ({"q": "кодекс", "page": "x"}, 422, "Номер страницы"),
        ({"q": "кодекс", "as_of": "2026-02-30"}, 422, "не распознана"),
        ({"q": "кодекс", "act": "999"}, 404, "Приказ «999» не найден"),
        ({"q": "кодекс", "group": "boss"}, 422, "неизвестно"),
    ],
)
def test_search_errors_are_pages_in_the_language(client, query, status, text):
    r = client.get("/ru/search", params=query)
    assert r.status_code == status and text in r.text


def test_search_empty_is_the_form_and_a_page_past_the_end_says_so(client):
    assert 'name="q"' in client.get("/ru/search").text
    assert "Такой страницы нет" in client.get("/ru/search", params={"q": "кодекс", "page": 99}).text
