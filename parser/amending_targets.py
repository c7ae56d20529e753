"""Amending acts: where an instruction points — the amended act and the units inside it.

:func:`parse_act_ref` reads an act reference as an instruction writes it ("приказ … от 27 января
2016 года № 30 "…"", kk "… 2016 жылғы 27 қаңтардағы № 30 бұйрығына") into an
:class:`~parser.amending_models.ActTarget`; :func:`parse_path` / :func:`parse_paths` read the
units a target names ("абзац седьмой пункта 3 статьи 5", "3-баптың 1-тармағы") into
:class:`~parser.amending_models.Step` paths; :func:`split_target` cuts a target that names its
act into the unit words and the act.  Re-exported by :mod:`parser.amending`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .amending_models import ActTarget, Step
from .amending_patterns import (
    ACT_KK_TYPE_RE,
    ACT_NUMBER_RE,
    ACT_RU_NUMBER_RE,
    ACT_RU_RE,
    ACT_TYPE_WORD,
    ACT_TYPES,
    ANNEX_TITLE_RE,
    NUMBER_LEAD,
    QUOTE_CLOSE,
    QUOTE_OPEN,
    REGISTRATION_RE,
    TOKEN_RE,
    UNIT_NOUNS,
    UNIT_RANK,
    UNNUMBERED,
)
from .dates import parse_date
from .numwords import is_number_word, word_to_int
from .patterns import DATE_KK_RE

__all__ = ["parse_act_ref", "parse_path", "parse_paths", "split_target"]


# --- act references --------------------------------------------------------------------------


def _act_type(word: str) -> str | None:
    w = word.lower()
    for stem, kind in ACT_TYPES:
        if w.startswith(stem):
            return kind
    return None


def _strip_parens(text: str) -> str:
    """The text without (…) groups (publication data, registration), nested ones too."""
    prev = None
    while prev != text:
        prev, text = text, re.sub(r"\([^()]*\)", " ", text)
    return " ".join(text.split())


def _title(main: str, before: int | None = None) -> str | None:
    """The quoted title: from the first opening quote to the last closing one (before ``before``)."""
    part = main if before is None else main[:before]
    first = next((i for i, ch in enumerate(part) if ch in QUOTE_OPEN), None)
    if first is None:
        return None
    last = max(part.rfind(ch) for ch in QUOTE_CLOSE)
    if last <= first:
        return None
    return part[first + 1 : last].strip()


def parse_act_ref(text: str, lang: str) -> ActTarget | None:
    """Read an act reference as an amending instruction writes it; None if ``text`` names no act
    by date or number.

    >>> a = parse_act_ref('Закон Республики Казахстан от 13 декабря 2001 года "О праздниках в '
    ...                   'Республике Казахстан" (Ведомости …, 2001 г., N 23, ст. 316)', "ru")
    >>> a.type, a.date, a.number, a.title, a.issuer
    ('law', '2001-12-13', None, 'О праздниках в Республике Казахстан', 'Республики Казахстан')
    >>> a = parse_act_ref('"Қазақстан Республикасындағы мерекелер туралы" 2001 жылғы 13 желтоқсандағы '
    ...                   'Қазақстан Республикасының Заңына', "kk")
    >>> a.type, a.date, a.title, a.issuer
    ('law', '2001-12-13', 'Қазақстан Республикасындағы мерекелер туралы', 'Қазақстан Республикасының')
    """
    text = text.strip()
    main = _strip_parens(text)
    reg = REGISTRATION_RE.search(text)
    registration = (reg.group("ru") or reg.group("kk")) if reg else None
    if lang == "kk":
        return _kk_act(text, main, registration)
    m = ACT_RU_RE.search(main)
    if m:
        date = _date(m.group("date"))
        title = _title(main[m.end() :])
        issuer = (m.group("issuer") or "").strip(" ,") or None
        return ActTarget(text=text, type=_act_type(m.group("type").split()[-1]) if "совместн" not in
                         m.group("type").lower() else "order", date=date,
                         number=m.group("number"), title=title, issuer=issuer, registration=registration)
    m = ACT_RU_NUMBER_RE.search(main)
    if m:
        return ActTarget(text=text, type=_act_type(m.group("type")), number=m.group("number"),
                         title=_title(main[m.end() :]), issuer=(m.group("issuer") or "").strip(" ,") or None,
                         registration=registration)
    return None


def _date(text: str) -> str | None:
    try:
        return parse_date(text)
    except ValueError:
        return None


def _kk_act(text: str, main: str, registration: str | None) -> ActTarget | None:
    d = DATE_KK_RE.search(main)
    n = ACT_NUMBER_RE.search(main, d.end() if d else 0)
    anchor = d or n
    if anchor is None:
        return None
    end = n.end() if n else d.end()  # type: ignore[union-attr]
    t = ACT_KK_TYPE_RE.search(main, end)
    if t is None:
        return None
    start = anchor.start()
    title = _title(main, start)
    title_end = max(main.rfind(ch, 0, start) for ch in QUOTE_CLOSE) + 1 if title else 0
    after = n.end() if n else d.end()  # type: ignore[union-attr]
    pieces = [main[title_end:start].strip(), main[after : t.start()].strip()]
    if d and n:
        pieces.insert(1, main[d.end() : n.start()].strip())
    issuer = " ".join(p for p in pieces if p) or None
    return ActTarget(
        text=text, type=_act_type(t.group("type").split()[-1]), date=_date(d.group(0)) if d else None,
        number=n.group("number") if n else None, title=title, issuer=issuer, registration=registration,
    )


# --- target paths ----------------------------------------------------------------------------


@dataclass
class _Tok:
    kind: str  # "quote" | "num" | "word" | "punct"
    text: str
    start: int
    end: int


def _tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    for m in TOKEN_RE.finditer(text):
        if m.group("num") is not None:
            out.append(_Tok("num", m.group("num"), m.start("num"), m.end("num")))
            if m.group("suffix"):
                out.append(_Tok("word", m.group("suffix"), m.start("suffix"), m.end("suffix")))
        else:
            kind = m.lastgroup or "punct"
            out.append(_Tok(kind, m.group(0), m.start(), m.end()))
    return out


def _noun(word: str) -> str | None:
    for rx, kind in UNIT_NOUNS:
        if rx.fullmatch(word):
            return kind
    return None


def _number_words(toks: list[_Tok], i: int, step: int) -> tuple[str | None, int]:
    """Number words from ``i`` going ``step`` (+1 forward, -1 back): (the value, index past them)."""
    j = i
    words: list[str] = []
    while 0 <= j < len(toks) and toks[j].kind == "word" and is_number_word(toks[j].text) and len(words) < 4:
        words.append(toks[j].text)
        j += step
    while words:
        seq = words if step > 0 else words[::-1]
        try:
            return str(word_to_int(" ".join(seq))), i + step * len(words)
        except ValueError:
            words.pop()
    return None, i


def parse_path(text: str, lang: str) -> tuple[Step, ...]:
    """The units a target names, outermost first.

    >>> [(s.kind, s.num) for s in parse_path("абзац седьмой пункта 3 статьи 5", "ru")]
    [('article', '5'), ('point', '3'), ('alinea', '7')]
    >>> [(s.kind, s.num, s.name) for s in parse_path('графу 7 "Примечание"', "ru")]
    [('column', '7', 'Примечание')]
    >>> [(s.kind, s.num) for s in parse_path("3-баптың 1-тармағының 2) тармақшасы", "kk")]
    [('article', '3'), ('point', '1'), ('subpoint', '2')]
    >>> [(s.kind, s.num) for s in parse_path("жетінші абзацпен", "kk")]
    [('alinea', '7')]
    """
    return parse_paths(text, lang)[0]


def parse_paths(text: str, lang: str) -> list[tuple[Step, ...]]:
    """Every path a target names: one, or one per number of a plural unit ("абзацы второй и третий
    пункта 4", "5, 6-тармақтар") — the instruction applies to each.

    >>> [[(s.kind, s.num) for s in p] for p in parse_paths("абзацы второй и третий пункта 4", "ru")]
    [[('point', '4'), ('alinea', '2')], [('point', '4'), ('alinea', '3')]]
    """
    toks = _tokens(text)
    used: set[int] = set()
    steps: list[tuple[int, Step]] = []  # (token index, step)
    more: dict[int, list[str]] = {}  # token index -> the other numbers of a plural unit
    for i, tok in enumerate(toks):
        if tok.kind != "word" or i in used:
            continue
        for rx, kind in UNNUMBERED:
            if rx.fullmatch(tok.text):
                steps.append((i, Step(kind, None, None, tok.text)))
                used.add(i)
                break
        else:
            kind = _noun(tok.text)
            if kind is None:
                continue
            step = _numbered(toks, i, kind, lang, used, text, more.setdefault(i, []))
            if step is not None:
                steps.append((i, step))
    annex = _annex_by_title(text, toks, lang, used)
    if annex is not None and not any(s.kind == "annex" for _, s in steps):
        steps.append((-1, annex))
    ordered = sorted(steps, key=lambda p: UNIT_RANK[p[1].kind])
    paths = [tuple(s for _, s in ordered)]
    for k, (i, step) in enumerate(ordered):
        if more.get(i):  # one plural unit is expanded; a second would be ambiguous and stays single
            paths += [paths[0][:k] + (replace(step, num=n),) + paths[0][k + 1 :] for n in more[i]]
            break
    return paths


def _numbered(
    toks: list[_Tok], i: int, kind: str, lang: str, used: set[int], text: str, more: list[str]
) -> Step | None:
    """The number (and quoted name) of the unit noun at ``toks[i]``; None if it has none.  The
    other numbers of a plural ("пункты 3 и 4", "второй и третий", "5, 6-тармақтар") go to ``more``."""
    noun = toks[i]
    if kind == "alinea" and noun.text.lower() == "азат":
        if i + 1 < len(toks) and toks[i + 1].text.lower().startswith("жол"):
            used.add(i + 1)
        else:
            return None
    if kind == "class" and i > 0 and toks[i - 1].text.lower() == "кіші":
        kind = "subclass"
    num: str | None = None
    name: str | None = None
    first, last = i, i
    forward = lang != "kk"
    for direction in ((1, -1) if forward else (-1, 1)):
        if direction == 1:
            j = i + 1
            while j < len(toks) and (toks[j].text.lower() in NUMBER_LEAD or toks[j].text == ","):
                lead_follows = j + 1 < len(toks) and toks[j + 1].text.lower() in NUMBER_LEAD
                if toks[j].text == "," and not lead_follows:
                    break
                j += 1
            if j < len(toks) and toks[j].kind == "num" and j not in used:
                num, last = toks[j].text, j
            else:
                num, k = _number_words(toks, j, 1)
                if num is not None:
                    last = k - 1
            while num is not None and last + 2 < len(toks) and toks[last + 1].text in (",", "и"):
                nxt = last + 2
                if toks[nxt].kind == "num":
                    more.append(toks[nxt].text.rstrip(")"))
                    last = nxt
                    continue
                word, k = _number_words(toks, nxt, 1)
                if word is None:
                    break
                more.append(word)
                last = k - 1
            if num is not None and last + 1 < len(toks) and toks[last + 1].kind == "quote":
                last += 1
                name = toks[last].text[1:-1]
        else:
            j = i - 1
            if kind == "subclass":
                j -= 1  # past "кіші"
            if j >= 1 and toks[j].text.lower() == "деген" and toks[j - 1].kind == "quote":
                name = toks[j - 1].text[1:-1]
                j -= 2
            if j >= 0 and toks[j].kind == "num" and j not in used:
                num, first = toks[j].text, j
                while first >= 2 and toks[first - 1].text in (",", "және") and toks[first - 2].kind == "num":
                    more.insert(0, num.rstrip(")"))
                    first -= 2
                    num = toks[first].text
            else:
                num, k = _number_words(toks, j, -1)
                if num is not None:
                    first = k + 1
                else:
                    name = None
        if num is not None:
            break
    if num is None:
        if kind in ("annex", "table", "note") or (kind == "column" and lang == "kk"):
            used.add(i)
            return Step(kind, None, None, noun.text)
        return None
    num = num.rstrip(")") if kind == "subpoint" or num.endswith(")") else num
    used.update(range(first, last + 1))
    return Step(kind, num, name, text[toks[first].start : toks[last].end])


def _annex_by_title(text: str, toks: list[_Tok], lang: str, used: set[int]) -> Step | None:
    """An approved document named by its title ("Перечне специфик …, утвержденном …")."""
    rx = ANNEX_TITLE_RE[lang]
    for i, tok in enumerate(toks):
        if tok.kind == "word" and i not in used and rx.fullmatch(tok.text):
            if lang == "ru":
                name = text[toks[0].start if i <= 1 else tok.start :]  # "Типовых квалификационных …"
                cut = re.search(r",?\s*утвержденн\w*|\s+к\s+настоящему|\s+\(", name)
                name = name[: cut.start()] if cut else name
            else:
                name = text[: tok.end]
                cut = re.search(r"бекітілген\s+", name)
                name = name[cut.end() :] if cut else name
            return Step("annex", None, name.strip(" ,:"), name.strip(" ,:"))
    return None


# --- a target that names its act ---------------------------------------------------------


def split_target(target: str, lang: str) -> tuple[str, ActTarget | None]:
    """A target that names its act ("пункт 3 приказа … от … № 30") → (the unit words, the act)."""
    if lang == "kk":
        act = parse_act_ref(target, "kk") if (DATE_KK_RE.search(target) or "№" in target) else None
        if act is None:
            return target, None
        anchor = DATE_KK_RE.search(target) or ACT_NUMBER_RE.search(target)
        t = ACT_KK_TYPE_RE.search(target, anchor.end()) if anchor else None
        end = t.end() if t else len(target)
        return target[end:].strip(), replace(act, text=target[:end].strip())
    for m in re.finditer(rf"(?:совместн\w+\s+)?(?:{ACT_TYPE_WORD})\w*", target, re.I):
        act = parse_act_ref(target[m.start() :], "ru")
        if act is not None:
            return target[: m.start()].strip(" ,"), act
    return target, None
