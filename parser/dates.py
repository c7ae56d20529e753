"""Dates as the texts write them → ISO ``yyyy-mm-dd``.

Three shapes occur: numeric "16.04.2026" (notes), Russian "24 октября 2025 года" (headers,
commencement notes) and Kazakh "2025 жылғы 24 қазандағы" (headers; the month name carries a
case ending).  The patterns live in :mod:`parser.patterns` (``DATE_*``); the month names are
resolved here by tables.  An unknown month, a day that does not exist (31.02.2026) or any
other text raises :class:`ValueError` naming the text.
"""

from __future__ import annotations

import datetime as _dt

from .patterns import DATE_KK_RE, DATE_NUMERIC_RE, DATE_RU_RE

__all__ = ["parse_date", "add_days"]

# ru month names: genitive (as in dates) and nominative.
_RU_MONTHS: dict[str, int] = {}
for _i, (_gen, _nom) in enumerate(
    [
        ("января", "январь"), ("февраля", "февраль"), ("марта", "март"), ("апреля", "апрель"),
        ("мая", "май"), ("июня", "июнь"), ("июля", "июль"), ("августа", "август"),
        ("сентября", "сентябрь"), ("октября", "октябрь"), ("ноября", "ноябрь"), ("декабря", "декабрь"),
    ],
    start=1,
):
    _RU_MONTHS[_gen] = _RU_MONTHS[_nom] = _i

# kk month names (nominative) …
_KK_MONTHS: dict[str, int] = {
    "қаңтар": 1, "ақпан": 2, "наурыз": 3, "сәуір": 4, "мамыр": 5, "маусым": 6,
    "шілде": 7, "тамыз": 8, "қыркүйек": 9, "қазан": 10, "қараша": 11, "желтоқсан": 12,
}
# … and the case endings they take in dates: "қазандағы", "желтоқсанда", "қарашадағы",
# "шілдеге", "сәуірдегі", "қыркүйектегі", "мамырдан".  Listed, not guessed: an unknown ending
# is an error.
_KK_ENDINGS = (
    "", "да", "де", "та", "те", "дағы", "дегі", "тағы", "тегі", "ға", "ге", "қа", "ке", "а", "е",
    "ның", "нің", "дың", "дің", "тың", "тің", "ды", "ді", "ты", "ті", "ны", "ні",
    "дан", "ден", "тан", "тен", "нан", "нен", "мен", "бен", "пен", "ы", "і", "сы", "сі",
)


def _kk_month(word: str) -> int | None:
    for name, month in _KK_MONTHS.items():
        if word.startswith(name) and word[len(name) :] in _KK_ENDINGS:
            return month
    return None


def _iso(text: str, year: int, month: int, day: int) -> str:
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError as err:
        raise ValueError(f"not a date: {text!r} ({err})") from None


def parse_date(text: str) -> str:
    """Read one date and return it as ISO ``yyyy-mm-dd``.

    >>> parse_date("16.04.2026"), parse_date("1.7.2023")
    ('2026-04-16', '2023-07-01')
    >>> parse_date("24 октября 2025 года"), parse_date("1 января 2025"), parse_date("«6» декабря 2017 г.")
    ('2025-10-24', '2025-01-01', '2017-12-06')
    >>> parse_date("2025 жылғы 24 қазандағы"), parse_date("2017 жылғы 6 желтоқсанда")
    ('2025-10-24', '2017-12-06')
    >>> parse_date("31.02.2026")
    Traceback (most recent call last):
    ...
    ValueError: not a date: '31.02.2026' (day is out of range for month)
    """
    if not isinstance(text, str):
        raise ValueError(f"not a date: {text!r}")
    norm = " ".join(text.replace("\u00a0", " ").split()).rstrip(".").strip()
    norm_l = norm.lower().replace("ё", "е")
    m = DATE_NUMERIC_RE.fullmatch(norm)
    if m:
        if m.group("year"):
            return _iso(text, int(m.group("year")), int(m.group("month")), int(m.group("day")))
        return _iso(text, int(m.group("iso_year")), int(m.group("iso_month")), int(m.group("iso_day")))
    m = DATE_RU_RE.fullmatch(norm_l)
    if m:
        month = _RU_MONTHS.get(m.group("month"))
        if month is None:
            raise ValueError(f"not a date: {text!r} (unknown month {m.group('month')!r})")
        return _iso(text, int(m.group("year")), month, int(m.group("day")))
    m = DATE_KK_RE.fullmatch(norm_l)
    if m:
        month = _kk_month(m.group("month"))
        if month is None:
            raise ValueError(f"not a date: {text!r} (unknown month {m.group('month')!r})")
        return _iso(text, int(m.group("year")), month, int(m.group("day")))
    raise ValueError(f"not a date: {text!r}")


def add_days(iso: str, n: int) -> str:
    """The ISO date ``n`` days after ``iso`` (``n`` may be negative).

    >>> add_days("2024-08-15", 10), add_days("2025-12-25", 10), add_days("2024-03-01", -1)
    ('2024-08-25', '2026-01-04', '2024-02-29')
    """
    try:
        day = _dt.date.fromisoformat(iso)
    except (TypeError, ValueError):
        raise ValueError(f"not an ISO date: {iso!r}") from None
    return (day + _dt.timedelta(days=n)).isoformat()
