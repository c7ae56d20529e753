"""Dates as the texts write them → ISO."""

from __future__ import annotations

import doctest

import pytest

import parser.dates as dates_module
from parser.dates import add_days, parse_date
from parser.patterns import DATE_KK_RE, DATE_NUMERIC_RE, DATE_RU_RE


@pytest.mark.parametrize(
    "text, expected",
    [
        # numeric, as the notes cite acts and commencement dates
        ("16.04.2026", "2026-04-16"), ("01.07.2023", "2023-07-01"), ("1.7.2023", "2023-07-01"),
        ("12.07.2026.", "2026-07-12"), ("29.02.2024", "2024-02-29"), ("2026-04-16", "2026-04-16"),
        # ru words, as headers and commencement notes write them
        ("24 октября 2025 года", "2025-10-24"), ("1 января 2025", "2025-01-01"), ("25 октября 2017 года", "2017-10-25"),
        ("6 декабря 2017 года", "2017-12-06"), ("14 июня 2024 г.", "2024-06-14"), ("«1» января 2018 года", "2018-01-01"),
        ("30 Апреля 2024 года", "2024-04-30"), ("1\u00a0января\u00a02025", "2025-01-01"), ("31 мая 2025", "2025-05-31"),
        # kk: the year first, the month with a case ending
        ("2025 жылғы 24 қазандағы", "2025-10-24"), ("2023 жылғы 4 қазандағы", "2023-10-04"),
        ("2016 жылғы 1 қыркүйектегі", "2016-09-01"), ("2020 жылғы 30 желтоқсандағы", "2020-12-30"),
        ("2015 жылғы 31 желтоқсандағы", "2015-12-31"), ("2017 жылғы 6 желтоқсанда", "2017-12-06"),
        ("2024 жылғы 14 маусымда", "2024-06-14"), ("2025 жылғы 1 қаңтардан", "2025-01-01"),
        ("2024 жылғы 30 сәуірдегі", "2024-04-30"), ("2026 жылғы 12 шілдеге", "2026-07-12"),
        ("2024 жылғы 20 қарашадағы", "2024-11-20"), ("2019 жылы 3 ақпанда", "2019-02-03"),
        ("2025 ж. 1 наурыз", "2025-03-01"), ("2025 жылғы 15 мамырдағы", "2025-05-15"),
        ("2024 жылғы 15 тамыздағы", "2024-08-15"),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "31.02.2026", "32.07.2026", "15.13.2024", "29.02.2025", "30 февраля 2025", "1 брюмера 2025",
        "2025 жылғы 24 қазанбай", "2025 жылғы 31 ақпандағы", "2025", "", "вчера", "16/04/2026", "16.04.26",
        "2025 жылғы 24 октября",
    ],
)
def test_parse_date_rejects(text):
    with pytest.raises(ValueError) as info:
        parse_date(text)
    assert repr(text) in str(info.value)


@pytest.mark.parametrize(
    "iso, n, expected",
    [
        ("2024-08-15", 10, "2024-08-25"), ("2025-10-06", 10, "2025-10-16"), ("2021-12-23", 10, "2022-01-02"),
        ("2026-04-16", 10, "2026-04-26"), ("2024-02-25", 5, "2024-03-01"), ("2025-01-01", 0, "2025-01-01"),
        ("2025-01-01", -1, "2024-12-31"),
    ],
)
def test_add_days(iso, n, expected):
    assert add_days(iso, n) == expected


@pytest.mark.parametrize("iso", ["16.04.2026", "2026-02-30", "", None])
def test_add_days_rejects(iso):
    with pytest.raises(ValueError):
        add_days(iso, 1)


@pytest.mark.parametrize(
    "pattern, text, groups",
    [
        (DATE_NUMERIC_RE, "16.04.2026", {"day": "16", "month": "04", "year": "2026"}),
        (DATE_NUMERIC_RE, "2026-04-16", {"iso_year": "2026", "iso_month": "04", "iso_day": "16"}),
        (DATE_RU_RE, "24 октября 2025 года", {"day": "24", "month": "октября", "year": "2025"}),
        (DATE_RU_RE, "«1» января 2018 г.", {"day": "1", "month": "января", "year": "2018"}),
        (DATE_KK_RE, "2025 жылғы 24 қазандағы", {"year": "2025", "day": "24", "month": "қазандағы"}),
        (DATE_KK_RE, "2025 ж. 1 наурыз", {"year": "2025", "day": "1", "month": "наурыз"}),
    ],
)
def test_date_patterns(pattern, text, groups):
    m = pattern.fullmatch(text)
    assert m is not None
    assert {k: v for k, v in m.groupdict().items() if v is not None} == groups


def test_doctests():
    assert doctest.testmod(dates_module).failed == 0
