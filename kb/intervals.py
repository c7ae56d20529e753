"""Intervals of time and the small facts about notes that every time module needs: when an
amendment takes effect (an :class:`Interval`, open when it depends on an unknown publication
day), whether an applied note changed the text of a language, whether a note announces an
edition."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parser.models import ActRef, Amendment

__all__ = ["Interval"]


@dataclass(frozen=True)
class Interval:
    """When something takes effect: a known day (``lower == upper``), or a day within
    ``[lower, upper]`` where ``upper`` None means "not known to have happened by any date".

    >>> Interval("2026-07-12", "2026-07-12").exact, Interval("2024-08-25", None).as_json()
    ('2026-07-12', {'lower': '2024-08-25', 'upper': None})
    """

    lower: str | None
    upper: str | None

    @property
    def exact(self) -> str | None:
        return self.lower if self.lower is not None and self.lower == self.upper else None

    def certainly_by(self, date: str) -> bool:
        """True when the thing has certainly happened on ``date``."""
        return self.upper is not None and date >= self.upper

    def possibly_by(self, date: str) -> bool:
        """True when the thing may have happened on ``date`` (no lower bound: it may have)."""
        return self.lower is None or date >= self.lower

    def as_json(self) -> str | dict[str, str | None]:
        return self.exact or {"lower": self.lower, "upper": self.upper}

    @classmethod
    def day(cls, date: str) -> Interval:
        return cls(date, date)


def _effective_interval(a: Amendment) -> Interval:
    """The amendment's effective date as an interval; unknown → not before the act's date."""
    eff = a.effective
    act_date = a.amending_act.date if a.amending_act else None
    if eff is None or eff.kind == "unknown":
        return Interval(act_date, None)
    if eff.kind == "exact" and eff.date:
        return Interval.day(eff.date)
    return Interval(eff.lower or act_date, eff.upper)


def _act_json(act: ActRef | None) -> dict[str, str | None] | None:
    if act is None:
        return None
    return {"number": act.number, "date": act.date, "issuer": act.issuer, "text": act.text}


def _applies_to_text(a: Amendment, lang: str) -> bool:
    """An applied amendment that changed the text of ``lang``: a "kk_only" note ("внесено
    изменение на казахском языке, текст на русском языке не меняется") changed the kk text only."""
    if not a.applied_in_copy or a.prospective or a.kind in ("commencement", "repealed"):
        return False  # a repeal of the whole act changes no text (kb.versions.repeal_flag)
    return a.kind != "kk_only" or lang == "kk"


def _announced(a: Amendment) -> bool:
    return a.prospective and a.kind not in ("commencement", "repealed")



def _note_key(a: Amendment) -> tuple[Any, ...]:
    act = a.amending_act
    return (a.prospective, a.kind, a.target_eid, act.number if act else None, act.date if act else None)

