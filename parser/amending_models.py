"""Amending acts: the records :mod:`parser.amending` reads an instruction into.

:class:`AmendingInstruction` (one instruction: verb, target act and unit path, new text or words)
with its parts :class:`ActTarget` (the amended act as written), :class:`Step` (one unit on the
path) and :class:`Source` (where the instruction stands); ``VERBS`` lists the verbs.
All are re-exported by :mod:`parser.amending`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

__all__ = ["VERBS", "ActTarget", "AmendingInstruction", "Source", "Step"]

VERBS = ("restate", "insert", "repeal", "replace_words", "amend")


# --- records ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """Where an instruction stands: the unit ``eid`` and its source ``line``; ``end`` is the last
    source line it takes (the last unit of its new text), ``eids`` every unit it takes."""

    file: str
    eid: str
    line: int
    end: int
    eids: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActTarget:
    """The amended act as the instruction writes it (``text``), and what could be read from it."""

    text: str
    type: str | None = None  # "law" | "order" | "resolution" | "decree" | "code" | "disposition" | "decision"
    date: str | None = None  # ISO
    number: str | None = None
    title: str | None = None  # without the outer quotes
    issuer: str | None = None  # as written ("Министра финансов Республики Казахстан")
    registration: str | None = None  # number in the register of the Ministry of Justice ("13301")


@dataclass(frozen=True)
class Step:
    """One unit on the path to the target: ``kind`` and ``num`` (digits, "3-1", "01"; ordinal words
    read: "седьмым" → "7"), ``name`` when the unit is named in quotes or by its title ("графу 7
    "Примечание"", "в Перечне …"), ``text`` the words as written."""

    kind: str  # see amending_patterns.UNIT_RANK
    num: str | None = None
    name: str | None = None
    text: str = ""


@dataclass(frozen=True)
class AmendingInstruction:
    """One amending instruction.

    ``target`` is the target as written in the instruction itself; ``path`` is the full path
    inside the amended act (inherited context first, outermost unit first); ``new_unit`` is the
    unit an ``insert`` adds ("абзацем седьмым" → ``Step("alinea", "7")``) — it stands inside
    ``path``.  ``new_text`` is the quoted new text exactly, ``new_text_ref`` a pointer when the text
    is elsewhere ("согласно приложению 1 к настоящему приказу").  ``old_words`` → ``new_words`` for
    ``replace_words``; ``old_words`` alone for words repealed; ``after_words`` for words inserted
    after other words.  ``context`` lists the eids of the umbrella / context units inherited.
    """

    verb: str
    lang: str
    text: str
    target: str
    act: ActTarget | None
    path: tuple[Step, ...]
    span: Source
    new_unit: Step | None = None
    new_text: str | None = None
    new_text_ref: str | None = None
    old_words: str | None = None
    new_words: str | None = None
    after_words: str | None = None
    context: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (tuples as lists)."""
        return _lists(asdict(self))


def _lists(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    return value
