"""Amending acts: read each amending instruction of an act into an :class:`AmendingInstruction`.

An amending act ("О внесении изменений …", "… өзгерістер енгізу туралы") is parsed as structure
like any act (points, subpoints, articles, alineas); this module reads what its units *say*:

* the umbrella sentence "Внести в приказ … от 27 января 2016 года № 30 "…" следующее
  изменение:" (kk "… бұйрығына мынадай өзгеріс енгізілсін:") — verb ``amend``, and the act every
  instruction under it inherits;
* context lines that narrow the target without a verb: "в статье 3:", "в Перечне …,
  утвержденном указанным приказом:", "в категории 1 "Текущие затраты":", kk "3-бапта:",
  "1 "Ағымдағы шығындар" деген санатында:" — their path is inherited too;
* the instructions themselves, with their verb:

  ========================  ===========================================================
  ``restate``               "<unit> изложить в следующей редакции:" / "… мынадай редакцияда жазылсын:"
  ``insert``                "<unit> дополнить абзацем седьмым следующего содержания:" /
                            "… мынадай мазмұндағы жетінші абзацпен толықтырылсын:"; also words
                            "после слов "X" дополнить словами "Y"" / "… деген сөздерден кейін …"
  ``repeal``                "<unit> исключить", "признать утратившим силу <act>" /
                            "… алып тасталсын", "… күші жойылды деп танылсын"
  ``replace_words``         "слова "X" заменить словами "Y"" / ""X" деген сөздер "Y" деген сөздермен
                            ауыстырылсын"
  ``amend``                 the umbrella "внести (следующие) изменения (и дополнения)" /
                            "мынадай өзгерістер (мен толықтырулар) енгізілсін"
  ========================  ===========================================================

The new text ("следующего содержания:", "в следующей редакции:") is the quoted text after the
colon — on the same unit or on the following unit(s): "«День Столицы - 6 июля;»." or a restated
table cell of three paragraphs, opened by ``"`` on the first and closed by ``".`` on the last.
It is kept exactly (the units joined by ``\\n``), without the outer quotes.

Where an umbrella or context holds: a line read as umbrella or context from unit ``E`` applies to
the later units inside ``E`` (ids starting with ``E__``), and when ``E`` is an alinea, to its later
siblings too (ids under ``E``'s parent); a new context at the same level or above replaces the
old one.  So ``body__point_1`` ("Внести в приказ …:") covers ``body__point_1__al_2`` … and
``body__point_1__subpoint_3``, and stops at ``body__point_2``.

:func:`read_instructions` never guesses: a unit with an amending verb in a form it does not know
gives a :class:`~parser.models.Diagnostic` (warning) with the file, the line and what was expected;
a target it cannot read into units keeps its words (``target``) with an empty ``path``.
Resolving the target act and unit id against the corpus is :mod:`kb.amending`'s job.

Layout: the records are in :mod:`parser.amending_models`, the patterns and word tables in
:mod:`parser.amending_patterns`, the reading of act references and unit paths in
:mod:`parser.amending_targets`; this module holds the reader and re-exports the public names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .amending_models import VERBS, ActTarget, AmendingInstruction, Source, Step
from .amending_patterns import (
    AMEND_KK_RE,
    AMEND_RU_AFTER_RE,
    AMEND_RU_RE,
    EXPECTED,
    INSERT_KK_RE,
    INSERT_RU_RE,
    INSERT_WORDS_KK_RE,
    INSERT_WORDS_RU_RE,
    KK_LIST_LEAD_RE,
    KK_REPLACE_VERB_RE,
    QUOTE_OPEN,
    QUOTE_TAIL_RE,
    REPEAL_KK_RE,
    REPEAL_LIST_RE,
    REPEAL_RU_RE,
    REPEAL_WORDS_KK_RE,
    REPEAL_WORDS_RU_RE,
    REPLACE_KK_RE,
    REPLACE_RU_RE,
    RESTATE_KK_RE,
    RESTATE_RU_RE,
    UNIT_NUMBER_RE,
    UNIT_RANK,
    VERB_HINT_RE,
    WHOLE_ACT_RE,
)
from .amending_targets import parse_act_ref, parse_path, parse_paths, split_target
from .models import Diagnostic

__all__ = [
    "ActTarget",
    "AmendingInstruction",
    "Source",
    "Step",
    "VERBS",
    "has_amending_verb",
    "parse_act_ref",
    "parse_path",
    "parse_paths",
    "read_instructions",
]

# The doctests of the re-exported readers run with this module's (``doctest.testmod``).
__test__ = {"parse_act_ref": parse_act_ref, "parse_path": parse_path, "parse_paths": parse_paths}


# --- the new text ----------------------------------------------------------------------------


def _close_at(text: str) -> int | None:
    """Index of the closing quote of the quoted text that opens ``text``, when it closes in it."""
    if not text or text[0] not in QUOTE_OPEN:
        return None
    if text[0] == "«":
        depth = 0
        for k, ch in enumerate(text):
            if ch == "«":
                depth += 1
            elif ch == "»":
                depth -= 1
                if depth == 0:
                    return k
        return None
    m = QUOTE_TAIL_RE.search(text)
    if m and m.start() > 0:
        return m.start()
    return None


def _new_text(
    rest: str, units: list[tuple[str, str, int]], i: int, taken: set[int]
) -> tuple[str | None, list[int]]:
    """The quoted new text after an instruction's colon: inline ``rest``, else units ``i+1`` …
    Returns the text (without the outer quotes, units joined by "\\n") and the unit indexes taken."""
    rest = rest.strip()
    if rest:
        k = _close_at(rest)
        return (rest[1:k], []) if k is not None else (None, [])
    chunks: list[str] = []
    idx: list[int] = []
    j = i + 1
    while j < len(units):
        text = units[j][1].strip()
        if not chunks and (not text or text[0] not in QUOTE_OPEN):
            return None, []
        chunks.append(text)
        idx.append(j)
        joined = "\n".join(chunks)
        if joined[0] == "«":
            k = _close_at(joined)
            if k is not None:
                taken.update(idx)
                return joined[1:k], idx
        elif QUOTE_TAIL_RE.search(text) and (len(chunks) > 1 or len(text) > 2):
            m = QUOTE_TAIL_RE.search(joined)
            taken.update(idx)
            return joined[1 : m.start()], idx  # type: ignore[union-attr]
        j += 1
    return None, []


# --- reading ---------------------------------------------------------------------------------


@dataclass
class _Ctx:
    eid: str
    scope: tuple[str, ...]  # id prefixes ("X__") the context applies to
    act: ActTarget | None
    steps: tuple[Step, ...]
    umbrella: bool


def _parent(eid: str) -> str | None:
    return eid.rsplit("__", 1)[0] if "__" in eid else None


def _scope(eid: str) -> tuple[str, ...]:
    scope = [f"{eid}__"]
    last = eid.rsplit("__", 1)[-1]
    parent = _parent(eid)
    if last.startswith("al_") and parent:
        scope.append(f"{parent}__")
    return tuple(scope)


def _in_scope(ctx: _Ctx, eid: str) -> bool:
    return any(eid.startswith(p) for p in ctx.scope)


def has_amending_verb(text: str, lang: str) -> bool:
    """True when ``text`` holds a word of an amending instruction (the integrator's filter).

    >>> has_amending_verb("статью 3 дополнить абзацем седьмым следующего содержания:", "ru")
    True
    >>> has_amending_verb("3-бап мынадай мазмұндағы жетінші абзацпен толықтырылсын:", "kk")
    True
    >>> has_amending_verb("Настоящий Закон вводится в действие со дня его опубликования.", "ru")
    False
    """
    return bool(VERB_HINT_RE["kk" if lang == "kk" else "ru"].search(text))


def _clean_target(target: str, lang: str) -> str:
    target = target.strip().strip(",;:").strip()
    if lang == "ru":
        target = re.sub(r"^(?:в|во|по)\s+", "", target, flags=re.I)
    return target


def _unq(q: str | None) -> str | None:
    return q[1:-1] if q else None


class _Reader:
    def __init__(self, units: list[tuple[str, str, int]], file: str, lang: str):
        self.units = units
        self.file = file
        self.lang = "kk" if lang == "kk" else "ru"
        self.out: list[AmendingInstruction] = []
        self.diags: list[Diagnostic] = []
        self.ctxs: list[_Ctx] = []
        self.taken: set[int] = set()

    def warn(self, i: int, expected: str, found: str) -> None:
        self.diags.append(Diagnostic(self.file, self.units[i][2], expected, found, "warning"))

    def read(self) -> None:
        repeal_list: str | None = None  # "Признать утратившими силу:" — each unit under it names an act
        kk_list: str | None = None  # kk "Мына:" — the verb closes the last item and holds for every item
        held: list[tuple[int, str, str]] = []
        for i, (eid, text, _line) in enumerate(self.units):
            if i in self.taken:
                continue
            self.ctxs = [c for c in self.ctxs if _in_scope(c, eid)]
            body = UNIT_NUMBER_RE.sub("", text.strip(), count=1).strip()
            if repeal_list and eid.startswith(f"{repeal_list}__") and body:
                self.emit(i, eid, "repeal", body, body.rstrip(";. "), None)
                continue
            repeal_list = None
            if kk_list and eid.startswith(f"{kk_list}__") and body:
                held.append((i, eid, body))
                if REPEAL_KK_RE.match(body):  # "… күші жойылды деп танылсын." ends the list
                    for j, e, b in held[:-1]:
                        self.emit(j, e, "repeal", b, b.rstrip(";. "), None)
                    self.unit(i, eid, body)
                    kk_list, held = None, []
                continue
            for j, e, b in held:  # a list that no verb closed: each item on its own
                self.unit(j, e, b)
            kk_list, held = None, []
            if REPEAL_LIST_RE.match(body):
                repeal_list = eid
                continue
            if self.lang == "kk" and KK_LIST_LEAD_RE.match(body):
                kk_list = eid
                continue
            if body:
                self.unit(i, eid, body)
        for j, e, b in held:
            self.unit(j, e, b)

    # --- one unit ----------------------------------------------------------------------

    def unit(self, i: int, eid: str, body: str) -> None:
        m = self._umbrella(body)
        if m is not None:
            act = parse_act_ref(m.group("act"), self.lang) or ActTarget(text=m.group("act").strip())
            if act.date is None and act.number is None:
                act = self._inherit_act(act)
            self.push(_Ctx(eid, _scope(eid), act, (), True))
            self.emit(i, eid, "amend", body, m.group("act").strip(), act)
            rest = (m.group("rest") or "").strip()
            if rest and has_amending_verb(rest, self.lang):
                self.instruction(i, eid, rest)
            return
        if self.instruction(i, eid, body):
            return
        if has_amending_verb(body, self.lang):
            self.warn(i, EXPECTED[self.lang], body[:200])
            return
        if body.rstrip().endswith(":"):
            self.context(i, eid, body)

    def _umbrella(self, body: str) -> re.Match[str] | None:
        if self.lang == "kk":
            return AMEND_KK_RE.match(body)
        return AMEND_RU_RE.search(body) or AMEND_RU_AFTER_RE.search(body)

    def _inherit_act(self, act: ActTarget) -> ActTarget:
        """"указанным приказом", "приказ" alone: the act of the enclosing umbrella, if any."""
        for c in reversed(self.ctxs):
            if c.act is not None:
                return c.act
        return act

    def push(self, ctx: _Ctx) -> None:
        rank = min((UNIT_RANK[s.kind] for s in ctx.steps), default=-1)

        def replaced(old: _Ctx) -> bool:
            if _parent(old.eid) != _parent(ctx.eid) and old.eid != ctx.eid:
                return False  # an outer context stays
            if ctx.umbrella:
                return True
            return not old.umbrella and min((UNIT_RANK[s.kind] for s in old.steps), default=-1) >= rank

        self.ctxs = [c for c in self.ctxs if not replaced(c)] + [ctx]

    def context(self, i: int, eid: str, body: str) -> None:
        target = _clean_target(body, self.lang)
        words, act = split_target(target, self.lang)
        steps = parse_path(words, self.lang)
        if not steps and act is None:
            return
        self.push(_Ctx(eid, _scope(eid), act, steps, act is not None and not steps))

    def instruction(self, i: int, eid: str, body: str) -> bool:
        L = self.lang
        # replace words (several pairs may stand in one sentence)
        rx = REPLACE_KK_RE if L == "kk" else REPLACE_RU_RE
        pairs = list(rx.finditer(body))
        if pairs and (L == "ru" or KK_REPLACE_VERB_RE.search(body)):
            target = body[: pairs[0].start()]
            if L == "ru":
                target = re.sub(r"\s*(?:по\s+всему\s+тексту)?\s*$", "", target)
            for m in pairs:
                self.emit(i, eid, "replace_words", body, target, None,
                          old_words=_unq(m.group("old")), new_words=_unq(m.group("new")))
            return True
        m = (REPEAL_WORDS_KK_RE if L == "kk" else REPEAL_WORDS_RU_RE).match(body)
        if m:
            self.emit(i, eid, "repeal", body, m.group("target"), None, old_words=_unq(m.group("old")))
            return True
        m = (INSERT_WORDS_KK_RE if L == "kk" else INSERT_WORDS_RU_RE).match(body)
        if m:
            target = m.group("target") + (" " + m.group("target2") if m.groupdict().get("target2") else "")
            self.emit(i, eid, "insert", body, target, None, new_words=None,
                      after_words=_unq(m.group("after")), new_text=_unq(m.group("new")))
            return True
        m = (RESTATE_KK_RE if L == "kk" else RESTATE_RU_RE).match(body)
        if m:
            target = (m.group("target") + " " + (m.groupdict().get("target2") or "")).strip()
            ref = m.groupdict().get("ref")
            new, idx = (None, []) if ref else _new_text(m.group("rest"), self.units, i, self.taken)
            if new is None and not ref:
                self.warn(i, "the new text in quotes after 'в следующей редакции:'", m.group("rest")[:80] or
                          "nothing")
            self.emit(i, eid, "restate", body, target, None, new_text=new,
                      new_text_ref=ref.strip() if ref else None, taken=idx)
            return True
        m = (INSERT_KK_RE if L == "kk" else INSERT_RU_RE).match(body)
        if m:
            what = parse_path(m.group("what"), L)
            if not what:
                self.warn(i, "the unit inserted ('пунктом 3-1', 'абзацем седьмым', 'жетінші абзацпен')",
                          m.group("what"))
            new_unit = what[-1] if what else None
            new, idx = _new_text(m.group("rest"), self.units, i, self.taken)
            if new is None:
                self.warn(i, "the new text in quotes after 'следующего содержания:'", m.group("rest")[:80] or
                          "nothing")
            target = m.group("target") or ""
            if len(what) > 1:  # "дополнить статью 3 абзацем седьмым": the first units are the target
                lead = m.group("what")[: m.group("what").rfind(new_unit.text)]  # type: ignore[union-attr]
                target = (target + " " + lead).strip()
            self.emit(i, eid, "insert", body, target, None, new_unit=new_unit, new_text=new, taken=idx)
            return True
        m = (REPEAL_KK_RE if L == "kk" else REPEAL_RU_RE).match(body)
        if m:
            target = m.group("target") or m.groupdict().get("target2") or ""
            self.emit(i, eid, "repeal", body, target, None)
            return True
        return False

    def emit(self, i: int, eid: str, verb: str, body: str, target: str | None, act: ActTarget | None,
             taken: list[int] | None = None, **kw: Any) -> None:
        """Record the instruction (one per path when the target names several units)."""
        target = _clean_target(target or "", self.lang)
        paths: list[tuple[Step, ...]] = [()]
        if verb != "amend":
            words, act = split_target(target, self.lang)
            paths = parse_paths(words, self.lang)
            if words and not paths[0] and not act and not WHOLE_ACT_RE.fullmatch(words):
                self.warn(i, "a target of units ('пункт 3', 'абзац седьмой статьи 3', '3-баптың 1-тармағы')",
                          words)
        ctx = self.ctxs if verb != "amend" else []
        if act is None:
            act = next((c.act for c in reversed(ctx) if c.act is not None), None)
        inherited = tuple(s for c in ctx for s in c.steps)
        taken = taken or []
        last = self.units[taken[-1]][2] if taken else self.units[i][2]
        span = Source(self.file, eid, self.units[i][2], last, (eid, *(self.units[j][0] for j in taken)))
        for own in paths:
            self.out.append(AmendingInstruction(
                verb=verb, lang=self.lang, text=body, target=target, act=act, path=inherited + own, span=span,
                context=tuple(c.eid for c in ctx), **kw,
            ))


def read_instructions(
    units_text: list[tuple[str, str, int]], file: str, lang: str
) -> tuple[list[AmendingInstruction], list[Diagnostic]]:
    """Read the amending instructions of an act from its units in order.

    ``units_text`` holds ``(eid, text, source line)`` for each unit of the act (points, subpoints,
    articles, alineas), in document order; ``lang`` is "ru" or "kk".  Returns the instructions in
    order (the umbrella ``amend`` first, then what it holds) and warnings for units that look like
    instructions but are not in a known form.

    >>> units = [
    ...     ("art_1", 'Внести в Закон Республики Казахстан от 13 декабря 2001 года "О праздниках в '
    ...               'Республике Казахстан" следующее дополнение:', 3),
    ...     ("art_1__al_2", "статью 3 дополнить абзацем седьмым следующего содержания:", 5),
    ...     ("art_1__al_3", '"День Столицы - 6 июля;".', 7),
    ... ]
    >>> out, diags = read_instructions(units, "law.ru.txt", "ru")
    >>> [(x.verb, x.act.date, [(s.kind, s.num) for s in x.path]) for x in out]
    [('amend', '2001-12-13', []), ('insert', '2001-12-13', [('article', '3')])]
    >>> out[1].new_text
    'День Столицы - 6 июля;'
    >>> out[1].new_unit.kind, out[1].new_unit.num, out[1].span.end, diags
    ('alinea', '7', 7, [])
    """
    reader = _Reader(units_text, file, lang)
    reader.read()
    return reader.out, reader.diags
