"""Read one amendment note into an :class:`~parser.models.Amendment`.

Three sources of notes occur in the adilet texts:

* ``footnote`` — "Сноска. Пункт 9 - в редакции приказа … (вводится в действие …)." (kk
  "Ескерту. …"): an amendment already applied; the text shown is the amended one.
* ``izpi`` — "Примечание ИЗПИ!" + "Абзац девятый пункта 5 предусматривается в редакции
  приказа … (вводятся в действие с 12.07.2026)." (kk "ЗҚАИ-ның ескертпесі!"): an edition
  announced for later; the copy does **not** show it yet.  Or, about the whole act,
  "Вводится в действие с 1 января 2025."
* ``rcpi`` — "Примечание РЦПИ!" + "Порядок введения в действие см. п.5": the older editor's
  pointer to the commencement rule of the act.

:func:`parse_note` reads the kind, the target (as words: "Абзац девятый пункта 5" →
``Target(scope="alinea", point="5", alinea=9)``; resolving it to a unit id is the structure
parser's job), the amending act and when the edition comes into force.  Every pattern is in
:mod:`parser.patterns` (``NOTE_*``).  A note in a form not listed there raises
:class:`NoteError` with the file, the line, what was expected and what was found — the parser
never guesses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from . import patterns as P
from .dates import add_days, parse_date
from .models import ActRef, Amendment, Diagnostic, Effective, Span, Target
from .numwords import word_to_int

__all__ = [
    "NoteError",
    "is_note_start",
    "normalise_note_text",
    "note_is_complete",
    "parse_note",
    "parse_target",
    "parse_effective",
]


class NoteError(ValueError):
    """A note that cannot be read: where, what was expected, what was found."""

    def __init__(self, file: str, line: int, expected: str, found: str):
        self.file = file
        self.line = line
        self.expected = expected
        self.found = found
        super().__init__(f"{file}:{line}: expected {expected}; found {found!r}")

    def diagnostic(self, severity: str = "error") -> Diagnostic:
        return Diagnostic(self.file, self.line, self.expected, self.found, severity)


# --- small helpers ---------------------------------------------------------------------------


def normalise_note_text(text: str) -> str:
    """One line of a note without markdown marks, NBSPs and runs of spaces.

    >>> normalise_note_text("#### **Примечание\\u00a0ИЗПИ!**  ")
    'Примечание ИЗПИ!'
    """
    text = P.NOTE_MARKUP_RE.sub("", text.replace("\u00a0", " "))
    return " ".join(text.split())


def is_note_start(text: str) -> str | None:
    """The source of the note that ``text`` begins ("footnote", "izpi", "rcpi"), else None.

    >>> is_note_start("Сноска. Пункт 9 - в редакции …"), is_note_start("**Примечание ИЗПИ!**")
    ('footnote', 'izpi')
    >>> is_note_start("Примечание РЦПИ!"), is_note_start("ЗҚАИ-ның ескертпесі!"), is_note_start("Примечание:")
    ('rcpi', 'izpi', None)
    """
    m = P.NOTE_START_RE.match(normalise_note_text(text))
    if not m:
        return None
    return next(name for name in ("footnote", "izpi", "rcpi") if m.group(name))


def note_is_complete(lines: Sequence[str]) -> bool:
    """True when ``lines`` hold a whole note: a body after the opening words, parentheses closed.

    The structure parser uses it to take one more line when a note wraps (002, line 411:
    "… (вводится в действие по" / "истечении десяти … опубликования).").

    >>> note_is_complete(["Сноска. Пункт 9 - в редакции приказа … (вводится в действие по"])
    False
    >>> note_is_complete(["Примечание ИЗПИ!"]), note_is_complete(["Примечание ИЗПИ!", "Пункт 7 …"])
    (False, True)
    """
    text = " ".join(normalise_note_text(ln) for ln in lines).strip()
    m = P.NOTE_START_RE.match(text)
    if not m or not text[m.end() :].strip():
        return False
    return text.count("(") <= text.count(")")


def _lang(head: str) -> str:
    return "ru" if head.lower().startswith(("сноска", "примечание")) else "kk"


# --- targets ---------------------------------------------------------------------------------

_RU_NOUNS = {
    "абзац": "alinea", "подпункт": "subpoint", "пункт": "point", "параграф": "section", "глав": "chapter",
    "раздел": "part", "стать": "article",
}
_KK_NOUNS = {
    "тармақша": "subpoint", "тармақ": "point", "параграф": "section", "тарау": "chapter", "бөлім": "chapter",
    "бап": "article",
}
# "бөлім" is a chapter where the text has no "тарау"; else the part above them (the structure
# pass knows which, and resolves a chapter target written "N-бөлім" to the part).
_LEVEL = {"alinea": 0, "subpoint": 1, "point": 2, "section": 3, "article": 3, "chapter": 4, "part": 5}
_HEADING_SCOPE = {"section": "section_heading", "chapter": "chapter_heading"}
_TARGET_EXPECTED = (
    "a target such as 'Пункт 9', 'Абзац девятый пункта 5', 'Подпункт 9)', 'Заголовок параграфа 7', "
    "'Глава 1', 'Преамбула' or the annex's title"
)


def _ru_noun(noun: str) -> str:
    noun = noun.lower()
    # longest first: "подпункт" before "пункт"
    for stem in sorted(_RU_NOUNS, key=len, reverse=True):
        if noun.startswith(stem):
            return _RU_NOUNS[stem]
    raise AssertionError(noun)  # the pattern admits only these nouns


def _unit_num(kind: str, num: str) -> str | int:
    """"9)" → "9" for a subpoint; a word number → its digits; an alinea → int."""
    num = num.strip()
    if kind == "alinea":
        return word_to_int(num)
    if num.endswith(")"):
        if kind != "subpoint":
            raise ValueError(f"{num!r} is a subpoint number")
        num = num[:-1]
    if not num[0].isdigit():
        num = str(word_to_int(num))
    return num


def _target(text: str, parts: list[tuple[str, str]], heading: bool) -> Target:
    """Build a Target from ``(kind, number)`` pairs, the named unit first, then its ancestors."""
    if not parts:
        raise ValueError("no unit")
    fields: dict[str, str | int] = {}
    last = -1
    for kind, num in parts:
        if _LEVEL[kind] <= last:
            raise ValueError(f"{kind} cannot stand inside the unit before it")
        last = _LEVEL[kind]
        fields[kind] = _unit_num(kind, num)
    scope = parts[0][0]
    if heading:
        if scope not in _HEADING_SCOPE:
            raise ValueError(f"a heading of a {scope}")
        scope = _HEADING_SCOPE[scope]
    return Target(
        text=text,
        scope=scope,
        chapter=fields.get("chapter"),  # type: ignore[arg-type]
        section=fields.get("section"),  # type: ignore[arg-type]
        point=fields.get("point"),  # type: ignore[arg-type]
        subpoint=fields.get("subpoint"),  # type: ignore[arg-type]
        alinea=fields.get("alinea"),  # type: ignore[arg-type]
        part=fields.get("part"),  # type: ignore[arg-type]
        article=fields.get("article"),  # type: ignore[arg-type]
    )


def _ru_target(text: str) -> Target:
    if P.NOTE_TARGET_RU_PREAMBLE_RE.match(text):
        return Target(text=text, scope="preamble")
    if P.NOTE_TARGET_RU_ACT_RE.match(text):
        return Target(text=text, scope="act")
    if P.NOTE_TARGET_RU_ANNEX_RE.match(text):
        return Target(text=text, scope="annex")
    rest, heading = text, False
    m = P.NOTE_TARGET_RU_HEADING_RE.match(rest)
    if m:
        rest, heading = rest[m.end() :], True
    parts: list[tuple[str, str]] = []
    pos = 0
    while pos < len(rest):
        m = P.NOTE_TARGET_RU_PART_RE.match(rest, pos)
        if not m:
            raise ValueError(f"no unit at {rest[pos:]!r}")
        parts.append((_ru_noun(m.group("noun")), m.group("num")))
        pos = m.end()
        while pos < len(rest) and rest[pos] == " ":
            pos += 1
    return _target(text, parts, heading)


def _kk_target(text: str) -> Target:
    if P.NOTE_TARGET_KK_PREAMBLE_RE.match(text):
        return Target(text=text, scope="preamble")
    if P.NOTE_TARGET_KK_ACT_RE.match(text):
        return Target(text=text, scope="act")
    if P.NOTE_TARGET_KK_ANNEX_RE.match(text):
        return Target(text=text, scope="annex")
    rest, heading = text, False
    m = P.NOTE_TARGET_KK_HEADING_RE.search(rest)
    if m:
        rest, heading = rest[: m.start()], True
    parts: list[tuple[str, str]] = []
    pos = 0
    while pos < len(rest):
        m = P.NOTE_TARGET_KK_PART_RE.match(rest, pos)
        if not m:
            raise ValueError(f"no unit at {rest[pos:]!r}")
        if m.group("alinea"):
            parts.append(("alinea", m.group("words")))
        else:
            noun = m.group("noun").lower()
            if noun == "қосымша":
                raise ValueError("an annex inside another unit")
            num = m.group("num") + (")" if noun == "тармақша" else "")
            parts.append((_KK_NOUNS[noun], num))
        pos = m.end()
        while pos < len(rest) and rest[pos] == " ":
            pos += 1
    # Kazakh names the ancestors first ("5-тармақтың тоғызыншы абзацы"): the unit is the last part.
    return _target(text, parts[::-1], heading)


def parse_target(text: str, lang: str = "ru") -> Target:
    """Read the words naming a unit into a :class:`Target`; :class:`ValueError` if they are not one.

    >>> parse_target("Абзац девятый пункта 5")
    Target(text='Абзац девятый пункта 5', scope='alinea', chapter=None, section=None, point='5', subpoint=None, alinea=9, part=None, article=None)
    >>> parse_target("Статья 2").article, parse_target("Раздел 3").scope, parse_target("4-бапқа", "kk").article
    ('2', 'part', '4')
    >>> parse_target("Заголовок параграфа 7").scope, parse_target("Подпункт 9)").subpoint
    ('section_heading', '9')
    >>> parse_target("5-тармақтың тоғызыншы абзацы", "kk").alinea
    9
    """
    text = text.strip()
    try:
        return _kk_target(text) if lang == "kk" else _ru_target(text)
    except ValueError as err:
        raise ValueError(f"not a note target: {text!r} ({err})") from None


# --- effective dates and acts ----------------------------------------------------------------


def parse_effective(text: str, act_date: str | None = None, lang: str = "ru") -> Effective:
    """Read "вводится в действие …" (kk "… қолданысқа енгізіледі") into an :class:`Effective`.

    A period after an undated publication gives ``lower`` = ``act_date`` + days (when the act's
    date is known) and ``upper`` = None: the day itself is unknown.

    >>> parse_effective("вводятся в действие с 12.07.2026")
    Effective(kind='exact', text='вводятся в действие с 12.07.2026', date='2026-07-12', lower=None, upper=None, days=None)
    >>> e = parse_effective("вводится в действие по истечении десяти календарных дней после дня его "
    ...                     "первого официального опубликования", "2024-08-15")
    >>> e.kind, e.days, e.lower, e.upper
    ('after_publication', 10, '2024-08-25', None)
    """
    text = " ".join(text.split())
    rx = P.NOTE_KK_EFFECTIVE_RE if lang == "kk" else P.NOTE_RU_EFFECTIVE_RE
    m = rx.match(text)
    if not m:
        raise ValueError(f"not a commencement rule: {text!r}")
    if m.group("date"):
        return Effective(kind="exact", text=text, date=parse_date(m.group("date")))
    days = 0 if m.group("on_publication") else word_to_int(m.group("days"))
    lower = add_days(act_date, days) if act_date else None
    return Effective(kind="after_publication", text=text, lower=lower, upper=None, days=days)


def _split_top(text: str, seps: str) -> list[str]:
    """Split at ``seps`` outside parentheses."""
    out, depth, cur = [], 0, []
    for ch in text:
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if ch in seps and depth == 0:
            out.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur).strip())
    return [p for p in out if p]


def normalise_cite(text: str) -> str:
    """Spellings of the older notes: "N 47-IV" → "№ 47-IV", "2008.06.25" → "25.06.2008".

    >>> normalise_cite("ҚР 2008.06.25 N 47-IV")
    'ҚР 25.06.2008 № 47-IV'
    """
    text = P.NOTE_NUMBER_SIGN_RE.sub("№ ", text)
    return P.NOTE_YMD_DATE_RE.sub(lambda m: f"{m.group('d')}.{m.group('m')}.{m.group('y')}", text)


def _acts(text: str, lang: str) -> list[tuple[ActRef, str | None]]:
    """Every amending act a note names, in order, each with its commencement text.

    One act, or several: "приказами Министра … от 22.01.2019 № 47 (…); Министра … от 21.06.2021
    № 297 (…)", "законами РК от 25.06.2008 N 47-IV (…); от 22.04.2009 N 148-IV", kk "ҚР 2008.06.25
    N 47-IV (…); 2009.04.22 N 152-IV, 2011.12.14 N 509-IV (…) заңдарымен".  A later act that leaves
    out the kind of act or the issuer has those of the act before it.
    """
    text = normalise_cite(text)
    if lang == "kk":
        m = P.NOTE_KK_ACT_TYPE_RE.search(text)
        if not m:
            raise ValueError("no act")
        kind = m.group("type")
        text = (text[: m.start()] + " " + text[m.end():]).strip()
        pieces = [p for part in _split_top(text, ";") for p in _split_top(part, ",")]
        out, issuer = [], ""
        for piece in pieces:
            d = P.NOTE_KK_CITE_RE.match(piece)
            if not d:
                raise ValueError(f"no act in {piece!r}")
            issuer = (d.group("issuer") or "").strip() or issuer
            num = d.group("number").strip()
            cite = " ".join(x for x in (issuer, d.group("date"), f"№ {num}", kind) if x)
            out.append((ActRef(text=cite, issuer=issuer or None, date=parse_date(d.group("date")), number=num),
                        d.group("effective")))
        return out
    pieces = _split_top(text, ";")
    out, kind, issuer = [], "", ""
    for piece in pieces:
        m = P.NOTE_RU_ACT_RE.match(piece)
        if not m and kind:
            m = P.NOTE_RU_ACT_RE.match(f"{kind} {piece}" if not piece.startswith("от ") else f"{kind} {issuer} {piece}")
        if not m:
            raise ValueError("no act")
        kind, issuer = m.group("type"), m.group("issuer")
        out.append((ActRef(text=m.group("cite"), issuer=issuer, date=parse_date(m.group("date")),
                           number=m.group("number")), m.group("effective")))
    return out


def _act(text: str, lang: str) -> tuple[ActRef, str | None]:
    """The amending act and the text of its commencement rule (if the note gives one)."""
    rx = P.NOTE_KK_ACT_RE if lang == "kk" else P.NOTE_RU_ACT_RE
    m = rx.match(text)
    if not m:
        raise ValueError("no act")
    date = parse_date(m.group("date"))
    if lang == "kk":
        cite = f"{m.group('issuer')} {m.group('date')} № {m.group('number')} {m.group('type')}"
    else:
        cite = m.group("cite")
    return ActRef(text=cite, issuer=m.group("issuer"), date=date, number=m.group("number")), m.group("effective")


def _added_unit(text: str, lang: str) -> str:
    """The new unit of an "added" note in the nominative: "параграфом 4-1" → "параграф 4-1"."""
    if lang == "kk":
        m = re.fullmatch(r"(?P<unit>\S+?)(?:пен|мен|бен)", text)
        if not m:
            raise ValueError(f"not an added unit: {text!r}")
        return m.group("unit")
    m = P.NOTE_ADDED_RU_RE.match(text)
    if not m:
        raise ValueError(f"not an added unit: {text!r}")
    nominative = {
        "параграф": "параграф", "подпункт": "подпункт", "пункт": "пункт", "абзац": "абзац", "глав": "глава",
        "приложени": "приложение", "примечани": "примечание", "част": "часть",
    }[m.group("noun").lower()]
    return f"{nominative} {m.group('num')}" if m.group("num") else nominative


# --- the note --------------------------------------------------------------------------------

_ACT_EXPECTED = {
    "ru": "an amending act '<приказ…> <issuer> от dd.mm.yyyy № <number> (<вводится в действие …>)'",
    "kk": "an amending act '<issuer> dd.mm.yyyy № <number> (<… қолданысқа енгізіледі>) бұйрығымен'",
}
_FORMS_EXPECTED = {
    ("ru", "footnote"): "'<unit> - в редакции …', '<unit> с изменением, внесенным …', '<unit> дополнена "
    "<unit> в соответствии с …', '<unit> исключен …' or 'В <unit> внесено изменение на казахском языке …'",
    ("ru", "izpi"): "'<unit> предусматривается в редакции …' or 'Вводится в действие …'",
    ("ru", "rcpi"): "'Порядок введения в действие см. …' or 'Вводится в действие …'",
    ("kk", "footnote"): "'<unit> жаңа редакцияда - …', '<unit> өзгеріс енгізілді - …', '<unit> … толықтырылды"
    " - …' or '<unit> алып тасталды - …'",
    ("kk", "izpi"): "'<unit> … бұйрығымен редакцияда көзделген' or '… қолданысқа енгізіледі'",
    ("kk", "rcpi"): "'Қолданысқа енгізілу тәртібін … қараңыз' or '… қолданысқа енгізіледі'",
}


def _read_body(body: str, lang: str, source: str) -> dict:
    """Match the body of a note against the forms of its language and source."""
    if source == "footnote":
        m = (P.NOTE_KK_REPEALED_RE if lang == "kk" else P.NOTE_RU_REPEALED_RE).match(body)
        if m:  # the whole act: "Утратил силу приказом …", "Күші жойылды - ҚР … бұйрығымен"
            return {"kind": "repealed", "target": "act", "act": m.group("act"), "added": None}
    if lang == "ru" and source == "footnote":
        for kind, rx in (
            ("kk_only", P.NOTE_RU_KK_ONLY_RE),
            ("added", P.NOTE_RU_ADDED_RE),
            ("changed", P.NOTE_RU_CHANGED_RE),
            ("restated", P.NOTE_RU_RESTATED_RE),
            ("removed", P.NOTE_RU_REMOVED_RE),
        ):
            m = rx.match(body)
            if m:
                added = m.groupdict().get("added")
                return {"kind": kind, "target": m.group("target"), "act": m.group("act"), "added": added}
    elif lang == "kk" and source == "footnote":
        m = P.NOTE_KK_FOOTNOTE_RE.match(body)
        if m:
            verb = m.group("verb").lower()
            kind = (
                "restated" if "редакция" in verb else "removed" if "алып" in verb
                else "changed" if "өзгеріс" in verb else "added"
            )
            if kind == "added" and not m.group("added"):
                return {}
            if kind != "added" and m.group("added"):
                return {}
            return {"kind": kind, "target": m.group("target"), "act": m.group("act"), "added": m.group("added")}
    else:
        rx = P.NOTE_KK_PROSPECTIVE_RE if lang == "kk" else P.NOTE_RU_PROSPECTIVE_RE
        m = rx.match(body) if source == "izpi" else None
        if m:
            if lang == "kk":
                verb = m.group("verb").lower()
                kind = "restated" if "редакция" in verb else "removed" if "алып" in verb else "changed"
                added = None
            else:
                kind = next(k for k in ("restated", "removed", "changed", "added") if m.group(k))
                added = m.group("added_unit")
            return {"kind": kind, "target": m.group("target"), "act": m.group("act"), "added": added,
                    "prospective": True}
        rx = P.NOTE_KK_COMMENCEMENT_RE if lang == "kk" else P.NOTE_RU_COMMENCEMENT_RE
        m = rx.match(body)
        if m:
            return {"kind": "commencement", "effective": m.group("effective"), "see": m.group("see")}
    return {}


def parse_note(
    lines: list[str],
    file: str,
    start_line: int,
    note_id: str,
    *,
    line_nos: Sequence[int] | None = None,
) -> Amendment:
    """Read the lines of ONE note into an :class:`Amendment` (``target_eid`` is left None).

    ``lines`` are the note's text lines (markdown marks and indentation are dropped here too);
    ``start_line`` is the source line of the first one.  ``line_nos`` may give the source line of
    each line when blank lines lie between them (an error then points at the right line; the
    span ends at the last one).  A form not listed in :mod:`parser.patterns` raises
    :class:`NoteError`.

    >>> a = parse_note(["Примечание ИЗПИ!", "Пункт 7 предусматривается в редакции приказа Министра труда"
    ...     " и социальной защиты населения РК от 24.02.2026 № 73 (вводится в действие с 11.07.2026)."],
    ...     "002.txt", 215, "n1")
    >>> a.kind, a.prospective, a.target.point, a.amending_act.number, a.effective.date
    ('restated', True, '7', '73', '2026-07-11')
    """
    nos = list(line_nos) if line_nos is not None else [start_line + i for i in range(len(lines))]
    if len(nos) != len(lines):
        raise ValueError(f"{len(lines)} lines but {len(nos)} line numbers")
    clean = [normalise_note_text(ln) for ln in lines]
    first = clean[0] if clean else ""
    head = P.NOTE_START_RE.match(first)
    if not head:
        raise NoteError(
            file, start_line, "a note opening with 'Сноска.', 'Примечание ИЗПИ!', 'Примечание РЦПИ!', "
            "'Ескерту.' or 'ЗҚАИ-ның ескертпесі!'", first,
        )
    source = next(name for name in ("footnote", "izpi", "rcpi") if head.group(name))
    lang = _lang(head.group(0))
    text = " ".join(c for c in clean if c)
    body_parts = [first[head.end() :]] + clean[1:]
    # the line where the body starts, for errors
    body_line = next((nos[i] for i, part in enumerate(body_parts) if part), nos[-1])
    body = " ".join(part for part in body_parts if part).strip()
    if not body:
        raise NoteError(file, nos[-1], f"the text of the note after {head.group(0).strip()!r}", "")
    if body.count("(") > body.count(")"):
        raise NoteError(file, nos[-1], "the rest of the note on the next line (a '(' is not closed)", body)
    body = body.rstrip(" .")

    found = _read_body(body, lang, source)
    if not found:
        raise NoteError(file, body_line, f"a note of the form {_FORMS_EXPECTED[(lang, source)]}", body)

    span = Span(file, start_line, nos[-1])
    kind = found["kind"]
    if kind == "commencement":
        if found["see"]:
            effective = Effective(kind="unknown", text=found["see"])
        else:
            try:
                effective = parse_effective(found["effective"], None, lang)
            except ValueError as err:
                raise NoteError(file, body_line, "a commencement rule 'вводится в действие с <date>' or "
                                "'… по истечении N календарных дней …'", str(err)) from None
        return Amendment(
            id=note_id, source=source, kind=kind, prospective=False, applied_in_copy=True, text=text,
            span=span, target=Target(text=body, scope="act"), effective=effective,
        )

    try:
        target = Target(text=body, scope="act") if kind == "repealed" else parse_target(found["target"], lang)
    except ValueError:
        raise NoteError(file, body_line, _TARGET_EXPECTED, found["target"]) from None
    try:
        act, effective_text = _act(found["act"], lang)
        acts = [act]
    except ValueError as err:
        try:  # several acts, or an older spelling of one
            many = _acts(found["act"], lang)
        except ValueError:
            raise NoteError(file, body_line, _ACT_EXPECTED[lang], f"{found['act']} ({err})") from None
        acts = [a for a, _ in many]
        act, effective_text = max(many, key=lambda ae: ae[0].date or "")  # the latest edition is the one shown
    effective = None
    if effective_text is not None:
        try:
            effective = parse_effective(effective_text, act.date, lang)
        except ValueError as err:
            raise NoteError(file, body_line, "a commencement rule in the parentheses", str(err)) from None
    added_unit = None
    if found.get("added"):
        try:
            added_unit = _added_unit(found["added"], lang)
        except ValueError:
            raise NoteError(file, body_line, "the added unit, e.g. 'параграфом 4-1'", found["added"]) from None
    elif kind == "added":
        raise NoteError(file, body_line, "the added unit, e.g. 'параграфом 4-1'", body)
    prospective = bool(found.get("prospective"))
    return Amendment(
        id=note_id, source=source, kind=kind, prospective=prospective, applied_in_copy=not prospective,
        text=text, span=span, target=target, amending_act=act, effective=effective, added_unit=added_unit,
        amending_acts=acts if len(acts) > 1 else [],
    )
