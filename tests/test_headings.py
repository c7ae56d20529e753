"""Table tests for the hierarchy patterns (parser/headings.py)."""

import pytest

from parser import headings as H


@pytest.mark.parametrize(
    "text, num, title",
    [
        ("Глава 1. Общие положения", "1", "Общие положения"),
        ("Глава 2. Квалификационные характеристики должностей руководителей", "2", "Квалификационные характеристики должностей руководителей"),
        ("1-бөлім. Жалпы ережелер", "1", "Жалпы ережелер"),
        ("2-бөлім. Басшылар лауазымдарының біліктілік сипаттамалары", "2", "Басшылар лауазымдарының біліктілік сипаттамалары"),
        ("Глава 4. Технические данные профессионального стандарта", "4", "Технические данные профессионального стандарта"),
    ],
)
def test_chapter(text, num, title):
    m = H.CHAPTER.match(text)
    assert m and (m.group("ru") or m.group("kk")) == num and m.group("title") == title


@pytest.mark.parametrize(
    "text, num, title",
    [
        ("Параграф 1. Директор Центра поддержки семьи", "1", "Директор Центра поддержки семьи"),
        ("Параграф 4-1. Заместитель директора центра трудовой мобильности", "4-1", "Заместитель директора центра трудовой мобильности"),
        ("4-параграф. Әлеуметтік жұмыскер", "4", "Әлеуметтік жұмыскер"),
        ("5 -параграф. Әлеуметтік жұмыс жөніндегі маман", "5", "Әлеуметтік жұмыс жөніндегі маман"),
        ("Параграф 6. Психолог (әлеуметтік психолог)", "6", "Психолог (әлеуметтік психолог)"),
        ("12-параграф. Халыққа заңгерлік көмек көрсету жөніндегі заңгер-консультант", "12",
         "Халыққа заңгерлік көмек көрсету жөніндегі заңгер-консультант"),
    ],
)
def test_section(text, num, title):
    m = H.SECTION.match(text)
    assert m and (m.group("ru") or m.group("kk")) == num and m.group("title") == title


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12-1. Должностные обязанности:", ("12-1", "Должностные обязанности:")),
        ("4. Должностные обязанности:", ("4", "Должностные обязанности:")),
        ("27. Требования к квалификации: высшее", ("27", "Требования к квалификации: высшее")),
        ("87.3. Предоставление социальных услуг", None),  # an OKED code, not a point
        ("3412-0", None),
        ("2025 года", None),
        ("Глава 1.", None),
    ],
)
def test_point_number(text, expected):
    assert H.point_number(text) == expected


@pytest.mark.parametrize(
    "prev, num, ok",
    [(None, "1", True), ("1", "2", True), ("12", "12-1", True), ("12-1", "12-2", True), ("12-1", "13", True),
     ("6", "87", False), ("41", "43", False), ("41", "41", False), ("12", "11", False)],
)
def test_follows(prev, num, ok):
    assert H.follows(prev, num) is ok


@pytest.mark.parametrize(
    "text, ok",
    [("А. Балаева", True), ("С. Жакупова", True), ("Е. Биртанов", True), ("Министр", False), ("1 ноября 2017 года", False)],
)
def test_signatory_name(text, ok):
    assert bool(H.SIGNATORY_NAME.match(text)) is ok


@pytest.mark.parametrize(
    "text, ok",
    [('"СОГЛАСОВАН"', True), ("«СОГЛАСОВАН»", True), ('"КЕЛІСІЛДІ"', True), ("СОГЛАСОВАНО", True), ("Согласно", False)],
)
def test_approval(text, ok):
    assert bool(H.APPROVAL.match(text)) is ok


@pytest.mark.parametrize(
    "text, issuer, date, number, reg",
    [
        ("Приказ Министра культуры и информации Республики Казахстан от 24 октября 2025 года № 580-НҚ.",
         "Министра культуры и информации Республики Казахстан", "24 октября 2025", "580-НҚ", None),
        ("Приказ и.о. Министра труда и социальной защиты населения Республики Казахстан от 25 октября 2017 года № 360. "
         "Зарегистрирован в Министерстве юстиции Республики Казахстан 6 декабря 2017 года № 16057.",
         "и.о. Министра труда и социальной защиты населения Республики Казахстан", "25 октября 2017", "360", "16057"),
    ],
)
def test_act_line_ru(text, issuer, date, number, reg):
    m = H.ACT_LINE.match(text)
    assert m.group("issuer_ru") == issuer and m.group("date_ru") == date and m.group("num_ru") == number
    assert m.group("reg_num") == reg


def test_act_line_kk():
    m = H.ACT_LINE.match("Қазақстан Республикасы Мәдениет және ақпарат министрінің 2025 жылғы 24 қазандағы № 580-НҚ бұйрығы")
    assert m.group("num_kk") == "580-НҚ" and m.group("date_kk") == "2025 жылғы 24 қазандағы"
