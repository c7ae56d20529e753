"""Flag messages in the visitor's language.

The API keeps machine codes (``kind``) and an English ``message``; pages (and the API with
``lang``/``Accept-Language``) show the message of :mod:`api.web.messages.flags` for the kind,
filled from the flag's fields (:func:`fields`).  A kind without a catalogue entry falls back to
the flag's own ``message_{lang}`` or ``message``, never to nothing.
"""

from __future__ import annotations

from typing import Any

from .i18n import catalogue, fmt_date


def _date(value: Any) -> str:
    if isinstance(value, dict):
        lower, upper = value.get("lower"), value.get("upper")
        if lower and upper:
            return f"{fmt_date(lower)}–{fmt_date(upper)}"
        return fmt_date(lower or upper)
    return fmt_date(value) if value else ""


def fields(flag: dict[str, Any]) -> dict[str, str]:
    """The values a flag message may name: the act (number, date), since, until, the unit, lower/upper."""
    by = flag.get("by") or {}
    since = flag.get("since")
    return {
        "number": str(by.get("number") or flag.get("number") or ""),
        "act_date": _date(by.get("date") or flag.get("date")),
        "since": _date(since),
        "lower": _date(since.get("lower")) if isinstance(since, dict) else _date(flag.get("lower")),
        "upper": _date(since.get("upper")) if isinstance(since, dict) else _date(flag.get("upper")),
        "until": _date(flag.get("until")),
        "unit": str(flag.get("unit") or ""),
        "name": str(flag.get("name") or flag.get("act_name") or ""),
    }


def flag_text(flag: dict[str, Any], lang: str) -> str:
    """The flag's message in ``lang``."""
    entry = catalogue().get(f"flag.{flag.get('kind')}")
    if entry and lang in entry:
        try:
            return entry[lang].format(**fields(flag))
        except (KeyError, IndexError):
            pass
    return flag.get(f"message_{lang}") or flag.get("message") or str(flag.get("kind"))
