"""The diff and staffing pages (/{lang}/diff, /{lang}/staffing): what a user asks, what the page says.

The corpus as committed (580-НҚ with an edition of order 188-НҚ announced from 12.07.2026, the
staffing norms of 256-НҚ), and a second corpus with order 623 in two editions (one constructed,
tests/data/editions_renumber) and order 86's norms without bands.
"""

from __future__ import annotations

import os
import re

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.cli import main
from api.web.diff import unit_name
from api.web.i18n import catalogue
from kb.build import build

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEV = os.path.join(ROOT, "tests", "data", "corpus_dev")
ED2 = os.path.join(ROOT, "tests", "data", "editions_renumber", "tkh-mvd-2020-623.ed2023-05-15.ru.txt")


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(kb=build("corpus"))) as c:
        yield c


@pytest.fixture(scope="module")
def ext(tmp_path_factory):
    """The corpus + order 623 (editions of 19.04.2022 and 15.05.2023) + order 86 (ru, kk)."""
    corpus = tmp_path_factory.mktemp("webext") / "corpus"
    corpus.mkdir()
    adds = [
        ([os.path.join(DEV, "tkh-mvd-2020-623.ed2022-04-19.ru.txt")], "2022-04-19"),
        ([ED2], "2023-05-15"),
        (
            [os.path.join(DEV, f"staffing-mvd-2018-86-support-staff-norms.{x}.txt") for x in ("ru", "kk")],
            None,
        ),
    ]
    for paths, date in adds:
        argv = ["add", *paths, "--corpus", str(corpus), "--json"] + (["--edition-date", date] if date else [])
        assert main(argv) == 0
    for name in os.listdir(os.path.join(ROOT, "corpus")):
        src = os.path.join(ROOT, "corpus", name)
        if os.path.isdir(src):
            import shutil

            shutil.copytree(src, corpus / name)
    with TestClient(create_app(kb=build(str(corpus)))) as c:
        yield c


def text(html: str) -> str:
    """The visible text of a page's <main>, spaces collapsed."""
    main_ = html[html.find("<main>") :]
    main_ = re.sub(r"<option[^>]*>[^<]*</option>", "", main_)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main_)).replace("&#34;", '"').replace("&quot;", '"')


# --- /diff: 580-НҚ between 01.06.2026 and 24.11.2026 -----------------------------------------------

URL_580 = "/{lang}/diff?act=580-НҚ&from=01.06.2026&to=24.11.2026"


@pytest.mark.parametrize(
    "lang, expected",
    [
        (
            "ru",
            [
                "Юрист, п. 38, абз. 6",
                "приказом № 188-НҚ от 16.04.2026",
                "с 12.07.2026",
                "после 11.07.2026 тексты корпуса неизвестны",
                "текста, действующего на эту дату, в корпусе нет",
                "Было (01.06.2026)",
                "Стало (24.11.2026)",
            ],
        ),
        (
            "kk",
            [
                "заңгер-консультант, 38-тармақ,",
                "16.04.2026 № 188-НҚ бұйрықпен",
                "12.07.2026 бастап",
                "11.07.2026 кейінгі мәтіндер корпуста белгісіз",
                "осы күні қолданыстағы мәтін корпуста жоқ",
            ],
        ),
    ],
)
def test_580_changes_between_two_dates(client, lang, expected):
    r = client.get(URL_580.format(lang=lang))
    assert r.status_code == 200
    body = text(r.text)
    for s in expected:
        assert s in body, s
    assert "chp_2__para_12__point_38__al_6" not in body  # never a bare id
    assert "after_copy_window" not in body and "superseded" not in body  # no machine codes
    assert f'href="/{lang}/positions/580-НҚ:chp_2__para_12"' in r.text  # the unit links to its position


def test_580_inline_view_is_a_switch_in_the_url(client):
    side = client.get(URL_580.format(lang="ru"))
    assert 'class="diff-side"' in side.text and "view=inline" in side.text
    inline = client.get(URL_580.format(lang="ru") + "&view=inline")
    assert 'class="diff-inline"' in inline.text and 'class="diff-side"' not in inline.text
    assert "Юрист, п. 38, абз. 6" in text(inline.text)


def test_unit_names():
    titles = {"chp_2__para_12": "Юрист"}
    assert unit_name("chp_2__para_12__point_38__al_6", "ru", titles) == "Юрист, п. 38, абз. 6"
    assert unit_name("chp_2__para_12__point_38__al_6", "kk", titles) == "Юрист, 38-тармақ, 6-абзац"
    assert unit_name("chp_2__para_3__point_4__subpoint_2", "ru", {}) == "гл. 2, § 3, п. 4, пп. 2)"
    assert unit_name("act", "ru", {}) == "акт в целом"


@pytest.mark.parametrize(
    "url, status, message",
    [
        ("/ru/diff?act=580-НҚ&from=24.11.2026&to=01.06.2026", 400, "позже даты"),
        ("/ru/diff?act=580-НҚ&from=32.13.2026&to=01.06.2026", 422, "не распознана"),
        ("/kk/diff?act=580-НҚ&from=01.06.2026", 422, "Екі күнді де"),
        ("/ru/diff?act=999&from=01.06.2026&to=24.11.2026", 404, "Не найдено: 999"),
        ("/en/diff", 404, "Не найдено"),
    ],
)
def test_diff_errors_in_the_page_language(client, url, status, message):
    r = client.get(url)
    assert r.status_code == status and message in text(r.text)


def test_diff_form_and_examples(client):
    r = client.get("/ru/diff")
    assert r.status_code == 200 and 'name="from"' in r.text and 'name="mode"' in r.text
    assert "/ru/diff?act=580-%D0%9D%D2%9A" in r.text  # an example that shows 580-НҚ's announced edition


# --- /diff: editions that renumber, exclude and add (order 623) ----------------------------------


@pytest.mark.parametrize("mode", ["dates", "editions"])
def test_623_positions_grouped(ext, mode):
    r = ext.get(f"/ru/diff?act=623&from=01.01.2023&to=01.01.2024&mode={mode}")
    assert r.status_code == 200
    body = text(r.text)
    assert "Добавлены (1) Заместитель начальника отдела-врача-председателя" in body
    assert "Исключены (1) Старший эксперт-врач (профильный специалист) — приказом № 345 от 15.05.2023" in body
    assert "перенумерована: § 1 → § 2" in body and "сопоставлена по названию" in body
    # the one alinea changed: named by both numbers, with its words
    assert "п. 3-3, абз. 3" in body and "не менее <ins>4</ins> лет" in r.text and "<del>3</del>" in r.text
    if mode == "editions":
        assert "сравниваются тексты двух редакций, как они опубликованы" in body
        assert "редакция от 19.04.2022 (русский) → редакция от 15.05.2023 (русский)" in body


def test_623_all_lists_renumbered_units(ext):
    quiet = text(ext.get("/ru/diff?act=623&from=01.01.2023&to=01.01.2024&mode=editions").text)
    full = text(ext.get("/ru/diff?act=623&from=01.01.2023&to=01.01.2024&mode=editions&all=1").text)
    assert "перенумеровано (текст тот же) 31" in quiet and "Не перечислены поштучно" in quiet
    assert full.count("перенумеровано (текст тот же)") > 30


# --- /diff: two positions -------------------------------------------------------------------------


def test_two_positions_side_by_side(client):
    r = client.get("/ru/diff?mode=positions&a=580-НҚ:chp_2__para_4&b=360:chp_2__para_1&as_of=24.11.2026")
    assert r.status_code == 200
    body = text(r.text)
    assert "Социальный работник — приказ № 580-НҚ" in body
    assert "Социальный работник по оценке и определению потребности в специальных социальных услугах" in body
    assert "приказа № 188-НҚ от 16.04.2026" in body  # A's flag on 24.11.2026, in words
    for part in (
        "Должностные обязанности",
        "Должен знать",
        "Требования к квалификации",
        "Акты, которые нужно знать",
    ):
        assert part in body
    assert "п. 13, абз. 3" in body  # items named within their position
    assert 'href="/ru/positions/360:chp_2__para_1"' in r.text
    kk = client.get("/kk/diff?mode=positions&a=580-НҚ:chp_2__para_4&b=360:chp_2__para_1&view=inline")
    assert kk.status_code == 200 and "Лауазымдық міндеттері" in kk.text and "Әлеуметтік жұмыскер" in kk.text


# --- /staffing -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang, head, total, left",
    [
        ("ru", "75 посещений в день: диапазон «51–100»", "Итого штатных единиц: 24,5", "Не вошло в итог"),
        (
            "kk",
            "Күніне 75 келуші: «51–100» ауқымы",
            "Барлығы штат бірліктері: 24,5",
            "Қорытындыға кірмегендер",
        ),
    ],
)
def test_staffing_for_75_visits(client, lang, head, total, left):
    r = client.get(f"/{lang}/staffing?visits=75&as_of=01.06.2026")
    assert r.status_code == 200
    body = text(r.text)
    for s in (head, total, left):
        assert s in body, s
    # column headers
    assert len(re.findall(r'<th scope="col"', r.text)) == 5
    # rows left out of the total, with their rule
    for rule in ("1 единица на 1 транспортное средство", "согласно типовым нормативам"):
        assert f"«{rule}»" in body
    assert body.count("«согласно типовым нормативам»") == 2  # уборщица, дворник
    # a row links to its position; a row's source line
    assert f'href="/{lang}/positions/580-НҚ:chp_2__para_12"' in r.text
    assert "order-2024-06-14-256-nk/ru.txt" in body


def test_staffing_flags_of_linked_positions(client):
    body = text(client.get("/ru/staffing?visits=75&as_of=24.11.2026").text)
    assert "в редакции приказа № 188-НҚ от 16.04.2026" in body


@pytest.mark.parametrize("visits, band", [(0, "до 50"), (50, "до 50"), (51, "51–100"), (101, "свыше 100")])
def test_staffing_bands(client, visits, band):
    assert f"диапазон «{band}»" in text(client.get(f"/ru/staffing?visits={visits}").text)


@pytest.mark.parametrize(
    "url, status, message",
    [
        ("/ru/staffing?visits=abc", 422, "не распознано"),
        ("/kk/staffing?visits=-3", 422, "танылмады"),
        ("/ru/staffing?visits=75&act=360", 404, "нет таблицы штатных нормативов"),
        ("/ru/staffing?visits=75&as_of=2026-99-01", 422, "не распознана"),
    ],
)
def test_staffing_errors(client, url, status, message):
    r = client.get(url)
    assert r.status_code == status and message in text(r.text)


def test_staffing_form_without_visits(client):
    r = client.get("/ru/staffing")
    assert r.status_code == 200 and 'name="visits"' in r.text and "/ru/staffing?visits=75" in r.text


def test_order_86_plain_rows(ext):
    r = ext.get("/ru/staffing?act=86&visits=75")
    assert r.status_code == 200
    body = text(r.text)
    assert "Штатные нормативы приказа № 86: 41 строк" in body
    assert "Механик (по обслуживанию электромеханических систем и оборудования)" in body
    assert "1 единица на центральный аппарат МВД" in body and "на: центральный аппарат МВД" in body
    assert "диапазон «" not in body.split("Штатные нормативы приказа")[1]
    kk = ext.get("/kk/staffing?act=86")
    assert kk.status_code == 200 and "41 жол" in text(kk.text)


def test_catalogues_have_both_languages():
    for key, texts in catalogue().items():
        if key.startswith(("diff.", "staffing.")):
            assert set(texts) == {"ru", "kk"} and all(texts.values()), key
