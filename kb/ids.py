"""Node identity: FRBR work / expression URIs and unit (portion) ids, Akoma Ntoso style.

One regex (verbose, a comment per group) parses and renders them, as laws-africa/cobalt
``uri.py`` does; :func:`parse` raises ``ValueError`` on a bad one.

    /akn/kz/act/order/2025-10-24/580-nk                  work
    /akn/kz/act/order/2025-10-24/580-nk/rus@copy         expression (a copy of unknown edition date)
    /akn/kz/act/order/2015-03-16/226/rus@2025-08-14      expression (a dated edition)
    /akn/kz/act/order/2025-10-24/580-nk/rus@copy/~chp_2__para_12__point_38__al_6   unit of an expression
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LANG3 = {"ru": "rus", "kk": "kaz"}
LANG2 = {v: k for k, v in LANG3.items()}

URI = re.compile(
    r"""^/akn/(?P<country>[a-z]{2})                 # country
        /(?P<doctype>act)/(?P<subtype>[a-z-]+)     # document type and subtype (order, law …)
        /(?P<date>\d{4}-\d{2}-\d{2})               # the work's date
        /(?P<number>[\w-]+)                        # its number, slugged: 580-nk
        (?:/(?P<lang>[a-z]{3})@(?P<edition>\d{4}-\d{2}-\d{2}|copy))?   # expression: language @ edition date
        (?:/~(?P<eid>[\w-]+))?$                    # a unit of that expression
    """,
    re.X,
)


@dataclass(frozen=True)
class Uri:
    country: str
    subtype: str
    date: str
    number: str
    lang: str | None = None  # two-letter: "ru" | "kk"
    edition: str | None = None
    eid: str | None = None

    @property
    def work(self) -> str:
        return f"/akn/{self.country}/act/{self.subtype}/{self.date}/{self.number}"

    @property
    def expression(self) -> str | None:
        if self.lang is None:
            return None
        return f"{self.work}/{LANG3[self.lang]}@{self.edition or 'copy'}"

    def __str__(self) -> str:
        base = self.expression or self.work
        return f"{base}/~{self.eid}" if self.eid else base


def parse(uri: str) -> Uri:
    """Split an id into its parts.

    >>> parse("/akn/kz/act/order/2017-10-25/360/rus@copy/~chp_1").eid
    'chp_1'
    """
    m = URI.match(uri)
    if not m:
        raise ValueError(f"not an Akoma Ntoso work/expression/unit id: {uri!r}")
    lang = LANG2.get(m.group("lang")) if m.group("lang") else None
    return Uri(m.group("country"), m.group("subtype"), m.group("date"), m.group("number"), lang,
               m.group("edition"), m.group("eid"))


def slug_number(number: str) -> str:
    """``"580-НҚ"`` -> ``"580-nk"`` (ids are ASCII).

    >>> slug_number("188-НҚ"), slug_number("360")
    ('188-nk', '360')
    """
    table = str.maketrans({"Н": "n", "Қ": "k", "н": "n", "қ": "k", "П": "p", "п": "p", "Ө": "o", "ө": "o", "М": "m", "м": "m", "К": "k", "к": "k"})
    return re.sub(r"[^\w-]", "-", number.translate(table).lower())


def work_id(subtype: str, date: str, number: str) -> str:
    return f"/akn/kz/act/{subtype}/{date}/{slug_number(number)}"


def expression_id(work: str, lang: str, edition: str | None) -> str:
    return f"{work}/{LANG3[lang]}@{edition or 'copy'}"


def unit_id(expression: str, eid: str) -> str:
    return f"{expression}/~{eid}"
