"""Patterns of the hierarchy: headings, numbered points, signatures, stamps.

Each pattern is a verbose regex with a comment per group (eyecite ``regexes.py``
style) and has its own table of cases in ``tests/test_headings.py``.
"""

from __future__ import annotations

import re

# Unit numbers: "4", "4-1", "12-1" (an inserted unit keeps its neighbour's number + "-k").
NUM = r"\d{1,3}(?:-\d{1,2})?"

# Раздел (part): ru "Раздел 1. …"; kk "1-бөлім." where the text also uses "тарау" for its
# chapters (then бөлім is the level above them; where no "тарау" occurs, ministries write
# "N-бөлім" for Глава — see :data:`CHAPTER`).
PART = re.compile(
    rf"""^(?:
        Раздел \s+ (?P<ru>{NUM}) \.?          # ru: "Раздел 1. Типовые квалификационные …"
      | (?P<kk>{NUM}) \s* - \s* бөлім \.?    # kk: "1-бөлім. …" (only where chapters are "тарау")
    )
    \s* (?P<title>.*)$""",
    re.X,
)

CHAPTER = re.compile(
    rf"""^(?:
        Глава \s+ (?P<ru>{NUM}) \.?                    # ru: "Глава 1. Общие положения"
      | (?P<kk>{NUM}) \s* - \s* (?:бөлім|тарау) \.?   # kk: "1-бөлім. Жалпы ережелер", "1-тарау. …"
    )
    \s* (?P<title>.*)$""",
    re.X,
)
KK_TARAU = re.compile(rf"^{NUM}\s*-\s*тарау\b")

SECTION = re.compile(
    rf"""^(?:
        Параграф \s+ (?P<ru>{NUM}) \.?         # ru, and once in kk: "Параграф 6. Психолог"
      | (?P<kk>{NUM}) \s* - \s* параграф \.?   # kk: "4-параграф.", "5 -параграф.", "3- параграф."
    )
    (?: \s+ (?P<title>\S.*) | \s* )$""",       # the title may stand on the next line
    re.X,
)

# Статья (article) of a law: "Статья 1. Праздники …", "Статья 1 . Внести в Закон …"; kk "1-бап. …".
ARTICLE = re.compile(
    rf"""^(?:
        Статья \s+ (?P<ru>{NUM}) \s* \.          # ru
      | (?P<kk>{NUM}) \s* - \s* бап \s* \.       # kk
    )
    \s* (?P<title>.*)$""",
    re.X,
)

# A heading word without the number it needs: "Параграф. Директор", "Глава Общие положения".
BARE_HEADING = re.compile(r"^(?:Раздел|Глава|Параграф|Статья|бөлім|параграф)\b(?!\s*\d)", re.I)

POINT = re.compile(
    rf"""^(?P<num>{NUM}) \.        # "12." or "12-1." — not "87.3." (an OKED code: digit after the dot)
    (?:
        \s+ (?P<text>.*)             # "12. Должен знать:"
      | (?P<tight>[«"“А-ЯЁӘҒҚҢӨҰҮҺІ].*)  # no space after the dot: "13.Әзірлеуге", '1."Шығыстардың'
    )?$""",
    re.X,
)

SUBPOINT = re.compile(
    rf"""^(?P<num>{NUM}) \)      # "9)"
    \s* (?P<text>.*)$""",
    re.X,
)

# The closing word of a preamble: the ordering formula.
ORDERING_FORMULA = re.compile(r"ПРИКАЗЫВАЮ|БҰЙЫРАМЫН|\bПриказываю\b|\bБұйырамын\b")

# "Приказ Министра … от 24 октября 2025 года № 580-НҚ." / kk "… 2025 жылғы 24 қазандағы № 580-НҚ бұйрығы"
ACT_LINE = re.compile(
    r"""^(?:
        Приказ \s+ (?P<issuer_ru>.+?) \s+ от \s+ (?P<date_ru>\d{1,2} \s+ \w+ \s+ \d{4}) \s+ года \s*
        № \s* (?P<num_ru>[\w-]+?) \.?                          # number, e.g. 580-НҚ
        (?: \s* Зарегистрирован \s+ в \s+ Министерстве \s+ юстиции \s+ Республики \s+ Казахстан \s+
            (?P<reg_date>\d{1,2} \s+ \w+ \s+ \d{4}) \s+ года \s* № \s* (?P<reg_num>\d+) \.? )?
      | (?P<issuer_kk>.+?) \s+ (?P<date_kk>\d{4} \s+ жылғы \s+ \d{1,2} \s+ \w+) \s* № \s* (?P<num_kk>[\w-]+) \s+ бұйрығы
    )\s*$""",
    re.X,
)

# A signatory's role opening a signature block ("Министр", "Исполняющая обязанности").
SIGNATURE_ROLE = re.compile(
    r"""^(?:Министр|Исполняющ\w+ \s+ обязанности|И\.\s?о\.|Заместитель \s+ Премьер|Вице-министр
         |Председатель|Министрдің|Министрі|ПрезидентРеспублики|Президент
         |Қазақстан \s+ Республикасының \s* Президенті
         |Руководитель|Начальник|Басшы)\b""",
    re.X,
)

# "А. Балаева", "С. Жакупова", "Е. Биртанов": initial(s) and a surname.
SIGNATORY_NAME = re.compile(r"^(?:[А-ЯЁӘҒҚҢӨҰҮҺІ]\.\s?){1,2}[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі-]+$")

# «СОГЛАСОВАН» / "КЕЛІСІЛДІ"
APPROVAL = re.compile(r"""^["«]?(?:СОГЛАСОВАН[АОЫ]?|КЕЛІСІЛДІ)["»]?$""", re.I)

# First line of an annex stamp: "Утверждены приказом…", "Приложение к приказу…", kk "… қосымша".
STAMP_START = re.compile(r"^(?:Утвержден[аоы]?|Приложение|Қосымша)\b")
STAMP_END = re.compile(r"(?:№\s*[\w-]+|қосымша|бекітілген|бекітілді)\s*$", re.I)
# The text of a whole stamp block (a quote block in register markdown): it approves or
# annexes ("Утвержден приказом …", "Приложение 2 к приказу …", "… бұйрығымен бекітілген",
# "… бұйрығына 1-қосымша").
STAMP_TEXT = re.compile(
    r"^(?:Утвержден\w*|Приложение|Қосымша)\b|қосымша\s*$|бекітілген\s*$|бекітілді\s*$|"
    r"бұйрығына\b|к\s+(?:приказу|постановлению|Правилам|профессиональному\s+стандарту)\b",
    re.I,
)
# The number of an annex in its stamp: "Приложение 2 к …", "2-қосымша".
ANNEX_NUMBER = re.compile(r"(?:Приложени[ея]\s*№?\s*(?P<ru>\d+)\b|(?P<kk>\d+)\s*-\s*қосымша)", re.I)

# "Приложение к Правилам …": an annex of the annex (the staffing table of 003).
SUB_ANNEX = re.compile(r"^Приложение\s+к\s+Правилам")

ARTEFACT = re.compile(r"^\[bookmark:[^\]]*\]$")

# The opening words of the points of a ТКХ position (ru, kk).
POINT_HEADING = re.compile(
    r"^(?:Должностные\s+обязанности|Должен\s+знать|Требования\s+к\s+квалификации"
    r"|Лауазымдық\s+міндеттері|Мыналарды|Мыныларды|Біліктілікке\s+қойылатын\s+талаптар)"
)

CARD = re.compile(
    r"""^(?:
        Карточка \s+ профессии (?: \s+ (?P<name>.+) | \s* :? )                      # ru (the name may follow in the next row)
      | (?P<kk>.+?) \s+ (?:мамандығының|кәсібінің|кәсіптің) \s+ карточкасы \s* :?     # kk: "«…» мамандығының карточкасы:"
    )$""",
    re.X,
)


def point_number(text: str) -> tuple[str, str] | None:
    """``"12-1. Должен знать:"`` -> ``("12-1", "Должен знать:")``.

    >>> point_number("87.3. Предоставление услуг")
    """
    m = POINT.match(text)
    if not m:
        return None
    return m.group("num"), (m.group("text") or m.group("tight") or "").strip()


def num_key(num: str) -> tuple[int, int]:
    """Sort key of a unit number: ``"12-1"`` -> ``(12, 1)``."""
    base, _, sub = num.partition("-")
    return int(base), int(sub or 0)


def follows(prev: str | None, num: str) -> bool:
    """Whether ``num`` may come right after ``prev`` in a numbered sequence.

    Inserted units carry a suffix: after 12 come 13 or 12-1; after 12-1 come 12-2 or 13.

    >>> follows("12", "13"), follows("12", "12-1"), follows("12-1", "13"), follows("12", "87")
    (True, True, True, False)
    """
    if prev is None:
        return True
    pb, ps = num_key(prev)
    nb, ns = num_key(num)
    return (nb == pb + 1 and ns == 0) or (nb == pb and ns == ps + 1)
