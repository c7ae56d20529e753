"""References to legal acts in the text of one item ("Должен знать" / "білуге тиіс" entries).

Extraction only: which spans of an item name an act, what kind of act, the title or code
name as written, and the short name a "(далее – …)" / "(бұдан әрі – …)" clause defines.
Which act a mention means is decided in :mod:`kb.refacts`.

The text is split into tokens by a *blank* spaCy pipeline (``spacy.blank("ru")``; spaCy has
no Kazakh language class, so Kazakh uses the multi-language ``spacy.blank("xx")``; both run
offline, no model is loaded).  A rule :class:`spacy.matcher.Matcher` finds the *heads* of
mentions -- "Конституцию", "Трудовой кодекс", "законы Республики Казахстан", "постановление
Правительства", "Приказ Министра …", "Указ Президента …", "Еңбек кодексін", "… заңдарын",
"Үкіметтің … қаулысын", "… бұйрығы", "… Жарлығы", "… туралы кодекс", "АППК" -- and small
assembly steps below attach what belongs to each head: the quoted titles after it (ru) or
before it (kk), one mention per title when several laws are listed; the unquoted rest of a
short name ("Закон о языках", "Кодекс о браке и семье"); the date and number of a resolution;
the name of rules approved by an order ("Правила …, утвержденные приказом …").

These patterns are what tells an act from general knowledge: an item none of them matches
("основы экономики", "правила внутреннего трудового распорядка", "правовые акты, касающиеся …",
"приказы, нормативные документы …") cites no act.  Rules count only with their approval
("утвержденные …" / "… сәйкес", "… бекіткен"), an order or decree only with a quoted title or
a number.

>>> item = "Трудовой кодекс Республики Казахстан (далее – Трудовой кодекс);"
>>> [(m.kind, m.title, m.defines) for m in find_mentions(item, "ru")]
[('code', 'Трудовой кодекс', 'Трудовой кодекс')]
>>> item = 'законы Республики Казахстан "О государственных услугах", "Об информатизации";'
>>> [m.title for m in find_mentions(item, "ru")]
['О государственных услугах', 'Об информатизации']
>>> find_mentions("основы экономики;", "ru")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

__all__ = ["KINDS", "Mention", "find_mentions"]

KINDS = ("code", "law", "constitution", "resolution", "order", "decree", "alias")


@dataclass(frozen=True)
class Mention:
    """One reference to an act: ``text`` is ``item_text[start:end]``.

    ``title`` is the quoted title (without quotes) or the code / rules name as written
    (without "Республики Казахстан"); ``defines`` is the short name that a following
    "(далее – …)" / "(бұдан әрі – …)" clause introduces for this act.
    """

    text: str
    start: int
    end: int
    kind: str  # one of KINDS
    title: str | None = None
    defines: str | None = None


# --- token classes -----------------------------------------------------------------------

QUOTES = frozenset({'"', "«", "»", "“", "”", "„", "''", "``"})
DASHES = frozenset({"-", "–", "—", "‒", "―", "−"})
# Tokens that end an unquoted name ("Закон о языках;", "Кодекс о браке и семье (далее …").
CLAUSE_END = frozenset({";", ",", ".", ":", "(", ")"}) | QUOTES
# Abbreviated names of codes the texts define ("(далее – АППК)", "(бұдан әрі - ӘРПК)").
ABBREVIATIONS = ("АППК", "ӘРПК", "КоАП", "ӘҚБтК", "УПК", "ГПК", "ҚПК", "АПК")

# Word-shape regexes used in the token patterns.
_RU_ADJ = r"(?:ый|ий|ой|ого|его|ому|ему|ым|им|ом|ем|ая|яя|ую|юю|ое|ее|ые|ие|ых|их|о)"
RU_CAP_ADJ = (
    rf"^[А-ЯЁ][а-яё]*{_RU_ADJ}$"  # "Трудовой", "Социального", "Уголовно" (of "Уголовно-исполнительный")
)
RU_ADJ = rf"^[а-яё]+{_RU_ADJ}$"  # "процедурно", "процессуальный"
RU_KODEKS = r"^кодекс(?:а|у|ом|е|ы|ов)?$"
RU_ZAKON = r"^закон(?:а|у|ом|е|ы|ов|ам|ами|ах)?$"
# "Конституция" in its ru and kk forms -- not "Конституционный закон", "Конституциялық заң".
CONSTITUTION = r"^конституци(?:я|ю|и|ей|ясы|ясын|ясының|яны|яға|ясына|ясында)$"
# "Конституционный закон" / "Конституциялық заң": a law (the adjective is taken into the head).
RU_CONST_ADJ = r"^конституционн[а-яё]*$"
KK_CONST_ADJ = r"^конституциялық$"
# A head naming an act by its issuer, then a quoted title or a number (ru: after the head) --
# "Приказ Министра … «Об утверждении …»", "Указ Президента … «О …»".  Kinds by head word.
RU_ISSUED = {
    "order": r"^приказ(?:а|у|ом|е|ы|ов|ам|ами|ах)?$",
    "decree": r"^указ(?:а|у|ом|е|ы|ов|ам|ами|ах)?$",
}
# kk: the quoted title and the issuer come first -- "«… туралы» … министрінің … № 12 бұйрығы", "… Жарлығы".
KK_ISSUED = {"order": r"^бұйр(?:ық|ығ)[а-яәғқңөұүһі]*$", "decree": r"^жарл(?:ық|ығ)[а-яәғқңөұүһі]*$"}
ISSUER_SPAN = 14  # at most this many tokens between such a head and its title or number
# A quoted "law" title that names a code: 'Закон Республики Казахстан «Трудовой кодекс Республики Казахстан»'.
CODE_TITLE_RE = re.compile(r"(?i)\bкодекс")
RU_STATE = [  # "Республики Казахстан" after a head, both words optional
    {"LOWER": {"REGEX": r"^республик"}, "OP": "?"},
    {"LOWER": {"REGEX": r"^казахстан"}, "OP": "?"},
]
RU_RULES = r"^(?:Правил|Стандарт|Форм|Перечень|Перечн|Положени|Инструкци|Норматив|Норм)[а-яё]*$"
KK_CAP = r"^[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһіi]+$"
KK_STATE = [  # "Қазақстан Республикасының" before a head, both words optional
    {"LOWER": "қазақстан", "OP": "?"},
    {"LOWER": {"REGEX": r"^республикас"}, "OP": "?"},
]
KK_KODEKS = r"^кодекс(?:і|ін|ті|тің|інің|ке|те|тер|тері|терін)?$"
KK_ZAN = r"^заң(?:ы|ын|ының|дары|дарын|дарының)$"
# The head noun that ends the kk name of rules approved by an order: "… қағидаларын", "… стандарттарын".
KK_RULES = r"^(?:қағидалар|стандарттар|нысандар|тізбес|ережелер|нормативтер)[а-яәғқңөұүһі]*$"
# What introduces that name: its legal basis ("… абзацына сәйкес") or its approver ("… орган бекіткен").
KK_RULES_LEAD = ("сәйкес", "бекіткен", "бекітілген")

# The date and number that may follow "постановление Правительства Республики Казахстан".
RU_RESOLUTION_TAIL_RE = re.compile(
    r"""
    ^\s*
    (?: от \s+ \d{1,2} \s+ [а-яё]+ \s+ \d{4} \s* (?:года|г\.)? \s* )?   # "от 31 декабря 2015 года"
    (?: № \s* \d+ (?:-[\w]+)? )?                                         # "№ 1193", "№81"
    """,
    re.X | re.I,
)


def _patterns(lang: str) -> dict[str, list[list[dict[str, Any]]]]:
    """Token patterns by label; labels name the assembly step that finishes the mention."""
    abbrev = [[{"ORTH": {"IN": list(ABBREVIATIONS)}}]]
    if lang == "kk":
        return {
            "CONSTITUTION": [[*KK_STATE, {"LOWER": {"REGEX": CONSTITUTION}}]],
            "CODE_NAMED": [
                [
                    *KK_STATE,
                    {"TEXT": {"REGEX": KK_CAP}},
                    {"IS_ALPHA": True, "OP": "?"},
                    {"ORTH": "-", "OP": "?"},
                    {"IS_ALPHA": True, "OP": "?"},
                    {"LOWER": {"REGEX": KK_KODEKS}},
                ]
            ],
            "CODE_ABOUT": [  # unquoted "Әкімшілік құқық бұзушылық туралы кодекс"
                [
                    *KK_STATE,
                    {"TEXT": {"REGEX": KK_CAP}},
                    {"IS_ALPHA": True, "OP": "{0,5}"},
                    {"LOWER": "туралы"},
                    {"LOWER": {"REGEX": KK_KODEKS}},
                ]
            ],
            "CODE_HEAD": [[{"LOWER": {"REGEX": KK_KODEKS}}]],
            "LAW_HEAD": [
                [*KK_STATE, {"LOWER": {"REGEX": KK_CONST_ADJ}, "OP": "?"}, {"LOWER": {"REGEX": KK_ZAN}}]
            ],
            "RESOLUTION_HEAD": [
                [
                    *KK_STATE,
                    {"LOWER": {"REGEX": r"^үкімет"}},
                    {"ORTH": {"NOT_IN": sorted(CLAUSE_END)}, "OP": "{0,8}"},
                    {"LOWER": {"REGEX": r"^қаулы"}},
                ]
            ],
            "ORDER_HEAD": [[{"LOWER": {"REGEX": KK_RULES}}]],
            "ORDER_ISSUED": [[{"LOWER": {"REGEX": KK_ISSUED["order"]}}]],
            "DECREE_ISSUED": [[{"LOWER": {"REGEX": KK_ISSUED["decree"]}}]],
            "ABBREV": abbrev,
        }
    return {
        "CONSTITUTION": [[{"LOWER": {"REGEX": CONSTITUTION}}, *RU_STATE]],
        "CODE_NAMED": [
            [
                {"TEXT": {"REGEX": RU_CAP_ADJ}},
                {"LOWER": {"REGEX": RU_ADJ}, "OP": "?"},
                {"ORTH": "-", "OP": "?"},
                {"LOWER": {"REGEX": RU_ADJ}, "OP": "?"},
                {"LOWER": {"REGEX": RU_KODEKS}},
                *RU_STATE,
            ]
        ],
        "CODE_HEAD": [[{"LOWER": {"REGEX": RU_KODEKS}}, *RU_STATE]],
        "LAW_HEAD": [
            [{"LOWER": {"REGEX": RU_CONST_ADJ}, "OP": "?"}, {"LOWER": {"REGEX": RU_ZAKON}}, *RU_STATE]
        ],
        "RESOLUTION_HEAD": [
            [{"LOWER": {"REGEX": r"^постановлени"}}, {"LOWER": {"REGEX": r"^правительств"}}, *RU_STATE]
        ],
        "ORDER_HEAD": [[{"TEXT": {"REGEX": RU_RULES}}]],
        "ORDER_ISSUED": [[{"LOWER": {"REGEX": RU_ISSUED["order"]}}]],
        "DECREE_ISSUED": [[{"LOWER": {"REGEX": RU_ISSUED["decree"]}}]],
        "ABBREV": abbrev,
    }


@cache
def _pipeline(lang: str):
    """The blank tokenizer and the head matcher for ``lang``, built once."""
    import spacy
    from spacy.matcher import Matcher

    nlp = spacy.blank("xx" if lang == "kk" else "ru")
    matcher = Matcher(nlp.vocab)
    for label, pats in _patterns(lang).items():
        matcher.add(label, pats, greedy="LONGEST")
    return nlp, matcher


# --- assembly ----------------------------------------------------------------------------


def _definitions(doc) -> list[tuple[int, int, str]]:
    """Token ranges ``[i, j)`` of "(далее – X)" / "(бұдан әрі – X)" clauses and the X they define."""
    out = []
    n = len(doc)
    i = 0
    while i < n:
        t = doc[i]
        lead = None
        if t.text == "(" and i + 2 < n:
            # the dash may be glued to the name: "(далее -Конституция)"
            if doc[i + 1].lower_ == "далее" and doc[i + 2].text[0] in DASHES:
                lead = i + 3 if doc[i + 2].text in DASHES else i + 2
            elif (
                doc[i + 1].lower_ == "бұдан"
                and i + 3 < n
                and doc[i + 2].lower_ == "әрі"
                and doc[i + 3].text[0] in DASHES
            ):
                lead = i + 4 if doc[i + 3].text in DASHES else i + 3
        if lead is None:
            i += 1
            continue
        depth, j = 1, lead
        while j < n and depth:
            depth += {"(": 1, ")": -1}.get(doc[j].text, 0)
            j += 1
        body_end = j - 1 if depth == 0 else j
        name = doc[lead:body_end].text.lstrip("".join(DASHES)).strip() if body_end > lead else ""
        if sum(name.count(q) for q in QUOTES) % 2:  # a stray quote: "(бұдан әрі - Неке … туралы" кодекс)"
            name = re.sub(r"\s+", " ", "".join(" " if c in QUOTES else c for c in name)).strip()
        out.append((i, j, name))
        i = j
    return out


def _titles(doc, masked: set[int]) -> tuple[dict[int, tuple[int, int]], dict[int, tuple[int, int]]]:
    """Quoted titles, paired in order of appearance outside definitions.

    Returns two maps of the same ``(open, close)`` token pairs: by opening and by closing quote.
    """
    by_open, by_close = {}, {}
    open_at = None
    for t in doc:
        if t.i in masked or t.text not in QUOTES:
            continue
        if open_at is None:
            open_at = t.i
        else:
            if t.i > open_at + 1:
                by_open[open_at] = by_close[t.i] = (open_at, t.i)
            open_at = None
    return by_open, by_close


def _title_text(doc, pair: tuple[int, int]) -> str:
    return doc[pair[0] + 1 : pair[1]].text.strip()


def _strip_state(words: list, lang: str) -> list:
    """Drop "Республики Казахстан" / "Қазақстан Республикасының" from a name's tokens."""
    state = ("республик", "казахстан") if lang == "ru" else ("қазақстан", "республикас")
    return [w for w in words if not w.lower_.startswith(state)]


def _clause_end(doc, i: int, stop=CLAUSE_END) -> int:
    while i < len(doc) and doc[i].text not in stop:
        i += 1
    return i


class _Builder:
    """Collects candidate mentions of one item as ``(start_char, end_char, kind, title)``."""

    def __init__(self, doc, lang: str, masked: set[int]):
        self.doc, self.lang, self.masked = doc, lang, masked
        self.by_open, self.by_close = _titles(doc, masked)
        self.found: list[tuple[int, int, str, str | None]] = []

    def add(self, i: int, j: int, kind: str, title: str | None) -> None:
        span = self.doc[i:j]
        self.found.append((span.start_char, span.end_char, kind, title))

    def titles_after(self, j: int) -> list[tuple[int, int]]:
        """Quoted titles starting at token ``j``, separated by commas or "и"."""
        out = []
        while j in self.by_open:
            pair = self.by_open[j]
            out.append(pair)
            j = pair[1] + 1
            if j < len(self.doc) and (self.doc[j].text == "," or self.doc[j].lower_ in ("и", "және")):
                j += 1
            else:
                break
        return out

    def titles_before(self, i: int) -> list[tuple[int, int]]:
        """Quoted titles ending at token ``i - 1``, walking backwards over commas."""
        out = []
        i -= 1
        while i in self.by_close:
            pair = self.by_close[i]
            out.insert(0, pair)
            i = pair[0] - 1
            if i >= 0 and (self.doc[i].text == "," or self.doc[i].lower_ in ("и", "және")):
                i -= 1
            else:
                break
        return out

    def state_before(self, i: int) -> int:
        """Extend a kk span start back over "Қазақстан Республикасының"."""
        if i >= 1 and self.doc[i - 1].lower_.startswith("республикас"):
            i -= 1
            if i >= 1 and self.doc[i - 1].lower_ == "қазақстан":
                i -= 1
        return i

    # each head label has one step ------------------------------------------------------

    def constitution(self, i: int, j: int) -> None:
        self.add(i, j, "constitution", None)

    def code_named(self, i: int, j: int) -> None:
        name = _strip_state(list(self.doc[i:j]), self.lang)
        title = self.doc[name[0].i : name[-1].i + 1].text if name else None
        self.add(i, j, "code", title)

    def code_head(self, i: int, j: int) -> None:
        doc = self.doc
        if self.lang == "kk":
            before = self.titles_before(i)
            if len(before) == 1:  # '"Неке (ерлі-зайыптылық) және отбасы туралы" кодексті'
                start = self.state_before(before[0][0])
                self.add(start, j, "code", _title_text(doc, before[0]))
            return
        after = self.titles_after(j)
        if after:  # 'Кодекс Республики Казахстан "О браке (супружестве) и семье"'
            self.add(i, after[0][1] + 1, "code", _title_text(doc, after[0]))
        elif j < len(doc) and doc[j].lower_ in ("о", "об"):  # "Кодекс о браке и семье"
            end = _clause_end(doc, j)
            self.add(i, end, "code", doc[j:end].text)
        elif (
            doc[i].text[0].isupper() and j == i + 1
        ):  # a bare "Кодекса": a code, which one the text does not say
            self.add(i, j, "code", None)

    def law_head(self, i: int, j: int) -> None:
        doc = self.doc
        if self.lang == "kk":
            titles = self.titles_before(i)
            if len(titles) == 1:
                self.add(self.state_before(titles[0][0]), j, "law", _title_text(doc, titles[0]))
            else:
                for pair in titles:
                    self.add(pair[0], pair[1] + 1, "law", _title_text(doc, pair))
            return
        titles = self.titles_after(j)
        if len(titles) == 1:
            title = _title_text(doc, titles[0])
            self.add(i, titles[0][1] + 1, "code" if CODE_TITLE_RE.search(title) else "law", title)
        elif titles:  # one mention per law of the list
            for pair in titles:
                self.add(pair[0], pair[1] + 1, "law", _title_text(doc, pair))
        elif doc[i].text[0].isupper() and j == i + 1 and j < len(doc) and doc[j].is_lower:
            end = _clause_end(doc, j)  # "Закон о языках", and the typo "Закон языках"
            if end > j:
                self.add(i, end, "law", doc[j:end].text)

    def resolution_head(self, i: int, j: int) -> None:
        doc = self.doc
        if self.lang == "kk":
            before = self.titles_before(i)
            start = before[0][0] if len(before) == 1 else i
            self.add(start, j, "resolution", _title_text(doc, before[0]) if len(before) == 1 else None)
            return
        end_char = doc[j - 1].idx + len(doc[j - 1].text)
        tail = RU_RESOLUTION_TAIL_RE.match(doc.text[end_char:])
        k = j
        if tail and tail.group(0).strip():
            stop = end_char + tail.end()
            while k < len(doc) and doc[k].idx < stop:
                k += 1
        after = self.titles_after(k)
        if after:
            self.add(i, after[0][1] + 1, "resolution", _title_text(doc, after[0]))
        else:
            self.add(i, k, "resolution", None)

    def order_head(self, i: int, j: int) -> None:
        doc = self.doc
        if self.lang == "kk":  # "… сәйкес [уәкілетті мемлекеттік орган бекіткен] <title> қағидаларын"
            k = i
            while k > 0 and doc[k - 1].text not in CLAUSE_END and doc[k - 1].lower_ not in KK_RULES_LEAD:
                k -= 1
            if k == 0 or doc[k - 1].lower_ not in KK_RULES_LEAD or k == i:
                return  # no basis or approver: generic "өрт қауіпсіздігі қағидаларын"
            start = k
            if doc[k - 1].lower_ != "сәйкес":  # take the approver in: "уәкілетті мемлекеттік орган бекіткен"
                start = k - 1
                while (
                    start > 0
                    and k - start < 4
                    and doc[start - 1].lower_ in ("уәкілетті", "мемлекеттік", "орган")
                ):
                    start -= 1
            self.add(start, j, "order", doc[k:j].text)
            return
        # "<Правила …>, утвержденные/утвержденными …": the name runs to the comma before "утвержд…"
        k = i + 1
        while k < len(doc) and doc[k].text not in (";", "(", ")"):
            if doc[k].text == "," and k + 1 < len(doc) and doc[k + 1].lower_.startswith("утвержд"):
                break
            k += 1
        else:
            return
        if k >= len(doc) or doc[k].text != ",":
            return
        end = _clause_end(doc, k + 1, stop=frozenset({";", ",", "(", ")"}))
        self.add(i, end, "order", doc[i:k].text)

    def issued(self, i: int, j: int, kind: str) -> None:
        """An order or decree named by its issuer: with a quoted title, or at least a number.

        ru: "Приказ Министра … «Об утверждении …»", "приказ … от 21 февраля 2022 года № 55";
        kk: "«… туралы» … министрінің бұйрығы", "… № 55 бұйрығы".  A head with neither
        ("приказы, нормативные документы …", "осы бұйрық") is general knowledge.
        """
        doc = self.doc
        if self.lang == "kk":
            k = i
            while k > 0 and i - k < ISSUER_SPAN and doc[k - 1].text not in CLAUSE_END:
                k -= 1
            before = self.titles_before(k) if k > 0 else []
            if before:
                self.add(before[-1][0], j, kind, _title_text(doc, before[-1]))
            elif any(t.text == "№" for t in doc[k:i]):
                self.add(k, j, kind, None)
            return
        k = j
        while k < len(doc) and k - j < ISSUER_SPAN and doc[k].text not in CLAUSE_END:
            k += 1
        if k in self.by_open:
            pair = self.by_open[k]
            self.add(i, pair[1] + 1, kind, _title_text(doc, pair))
            return
        number = next((n for n in range(j, k) if doc[n].text == "№"), None)
        if number is not None and number + 1 < len(doc) and doc[number + 1].like_num:
            self.add(i, number + 2, kind, None)

    def order_issued(self, i: int, j: int) -> None:
        self.issued(i, j, "order")

    def decree_issued(self, i: int, j: int) -> None:
        self.issued(i, j, "decree")

    def abbrev(self, i: int, j: int) -> None:
        self.add(i, j, "alias", None)


_STEPS = {
    "CONSTITUTION": _Builder.constitution,
    "CODE_NAMED": _Builder.code_named,
    "CODE_HEAD": _Builder.code_head,
    "LAW_HEAD": _Builder.law_head,
    "RESOLUTION_HEAD": _Builder.resolution_head,
    "ORDER_HEAD": _Builder.order_head,
    "ORDER_ISSUED": _Builder.order_issued,
    "DECREE_ISSUED": _Builder.decree_issued,
    "CODE_ABOUT": _Builder.code_named,
    "ABBREV": _Builder.abbrev,
}


def find_mentions(text: str, lang: str) -> list[Mention]:
    """Every reference to an act in ``text`` (one item), in order of appearance.

    ``lang`` is "ru" or "kk".  Overlapping candidates keep the one that starts first, then
    the longest; a mention followed by "(далее – X)" gets ``defines=X``.
    """
    if lang not in ("ru", "kk"):
        raise ValueError(f"unknown language {lang!r}: expected 'ru' or 'kk'")
    nlp, matcher = _pipeline(lang)
    doc = nlp(text)
    defs = _definitions(doc)
    masked = {k for i, j, _ in defs for k in range(i, j)}
    b = _Builder(doc, lang, masked)
    for match_id, i, j in sorted(matcher(doc), key=lambda m: (m[1], m[2])):
        if any(k in masked for k in range(i, j)):
            continue
        _STEPS[nlp.vocab.strings[match_id]](b, i, j)

    kept: list[Mention] = []
    for s, e, kind, title in sorted(set(b.found), key=lambda f: (f[0], -(f[1] - f[0]))):
        if any(s < m.end and m.start < e for m in kept):
            continue
        kept.append(Mention(text[s:e], s, e, kind, title.strip() if title else None))
    kept.sort(key=lambda m: m.start)

    for i, _j, name in defs:  # a definition names the act mentioned last before it
        at = doc[i].idx
        before = [n for n, m in enumerate(kept) if m.end <= at]
        if before and name and kept[before[-1]].defines is None:
            kept[before[-1]] = replace(kept[before[-1]], defines=name)
    return kept
