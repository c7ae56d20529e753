"""Readable unit names in the page language, one implementation for every page.

``chp_2__para_12__point_38__al_6`` of 580-НҚ → "Юрист, п. 38, абз. 6" / "…, 38-тармақ, 6-абзац":
the position's title in place of its chapter and Параграф, then the units below it in the words
of :mod:`api.web.messages.units`.  Never the bare id.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .i18n import catalogue, t


def natural_key(eid: str) -> tuple:
    """Sort key of a unit id by the numbers it writes: ``chp_2__para_10`` after ``chp_2__para_9``.

    >>> sorted(["chp_2__para_10", "chp_2__para_9", "chp_2__para_9-1"], key=natural_key)
    ['chp_2__para_9', 'chp_2__para_9-1', 'chp_2__para_10']
    """
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", eid) if p)


def name_of(eid: str | None, lang: str, title_of: Callable[[str], str | None] = lambda _: None) -> str:
    """The name of ``eid``; ``title_of(position eid)`` gives a position's title, if known.

    >>> name_of("chp_2__para_12__point_38__al_6", "kk", {"chp_2__para_12": "Заңгер"}.get)
    'Заңгер, 38-тармақ, 6-абзац'
    >>> name_of("att_1__row_8", "ru"), name_of("preamble", "kk")
    ('прил. 1, стр. 8', 'кіріспе')
    """
    if not eid or eid == "act":
        return t("unit.act", lang)
    parts = eid.split("__")
    out: list[str] = []
    for i, part in enumerate(parts):
        prefix, _, num = part.rpartition("_")
        if not prefix:
            prefix, num = part, ""
        title = title_of("__".join(parts[: i + 1])) if prefix == "para" else None
        if title:
            out = [title]
        elif not num and f"unit.{prefix}.bare" in catalogue():  # "annex": the (only) annex
            out.append(t(f"unit.{prefix}.bare", lang))
        elif f"unit.{prefix}" in catalogue():
            out.append(t(f"unit.{prefix}", lang, n=num))
    return ", ".join(out) or t("unit.act", lang)


def unit_name(kb, work: str, eid: str | None, lang: str, title: bool = True) -> str:
    """:func:`name_of` with the position titles of ``work`` from the knowledge base."""
    from kb.build import position_id

    def title_of(para: str) -> str | None:
        if not title:
            return None
        pid = position_id(work, para)
        titles = kb.graph.nodes[pid].get("titles", {}) if pid in kb.graph else {}
        return titles.get(lang) or titles.get("ru") or titles.get("kk")

    return name_of(eid, lang, title_of)
