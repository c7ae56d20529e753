"""Referenced acts: mentions found by :mod:`parser.citations`, resolved to canonical act nodes.

The registry ``kb/data/acts.json`` is curated by hand: one object per act, sorted by id, with
its names and titles in both languages, the aliases met in the texts and the names it had
before a renaming.  Nothing is invented: an entry records ``date``/``number`` only where a text
gives them (null = unknown), and a mention that matches no entry is never dropped.  It becomes an
*unresolved act*: a node with the stable id ``unresolved:<normalised name>`` (see
:func:`unresolved_id`), its name as written, ``resolved: false`` and the method ``unresolved``;
it is cited, asked for and listed like any act, and ``zangraph parse --check`` names it so that
the registry can grow.  What is an act at all (a code, a law, an order …) and what is general
knowledge ("основы экономики") is decided by the patterns of :mod:`parser.citations`.

A mention is resolved by the first step that finds its act:

=====  ===============  ==========  ========================================================
step   method           confidence  what matches
=====  ===============  ==========  ========================================================
1      exact            1.0         the mention or its title as written equals the official
                                    name or title (quotes unified, spaces collapsed)
2      normalised /     0.95 / 0.9  the same after :func:`normalise` (case, ё, quotes, case
       kk_name                      endings), "Республики Казахстан" kept
3      renamed          0.9         a name the act had before it was renamed
4      defined_alias    0.9         a short name a "(далее – …)" clause defined earlier
5      normalised /     0.85        an alias or title of the registry, "Республики
       kk_name                      Казахстан" dropped; or the number of a resolution/order
6      fuzzy            0.8 / 0.7   edit distance 1 / 2 to any key of steps 2-5 (keys of 8+
                                    characters, one act nearest)
-      unresolved       0.0         nothing: the mention is kept as an unresolved act
=====  ===============  ==========  ========================================================

``kk_name`` is the method of steps 2 and 5 for Kazakh text.  A short name defined for an
unresolved act resolves to that unresolved act (``defined_alias``, the act still unresolved).
"""

from __future__ import annotations

import json
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from parser.citations import QUOTES, Mention, find_mentions

__all__ = [
    "METHODS",
    "Act",
    "Resolution",
    "Registry",
    "ItemResolutions",
    "define",
    "item_resolutions",
    "load_registry",
    "normalise",
    "parse_act_id",
    "resolve_documents",
    "resolve_item",
    "unresolved_id",
]

ACTS_JSON = Path(__file__).with_name("data") / "acts.json"
METHODS = ("exact", "normalised", "defined_alias", "fuzzy", "renamed", "kk_name", "unresolved")
CONFIDENCE = {
    "exact": 1.0,
    "official": 0.95,
    "official_kk": 0.9,
    "renamed": 0.9,
    "defined_alias": 0.9,
    "registry": 0.85,
    "fuzzy_1": 0.8,
    "fuzzy_2": 0.7,
}
# Which types of act a mention of each kind may resolve to ("alias": any).
KIND_TYPES = {
    "code": {"code"},
    "law": {"law"},
    "constitution": {"constitution"},
    "resolution": {"resolution"},
    "order": {"order"},
    "decree": {"decree"},
}
UNRESOLVED = "unresolved:"  # the id prefix of an act no registry entry matches

# --- identity ----------------------------------------------------------------------------

ACT_ID_RE = re.compile(
    r"""
    ^kz/
    (?:
        (?P<constitution>constitution)                                   # kz/constitution
      | (?P<type>code|law) / (?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)         # kz/code/labour, kz/law/o-yazykakh
      | (?P<dtype>resolution|order|decree) / (?P<date>\d{4}-\d{2}-\d{2})      # kz/resolution/2015-12-31/1193:
        / (?P<number>[0-9A-Za-z-]+)                                     #   date, then number
      | (?P<otype>order) / (?P<oslug>[a-z0-9]+(?:-[a-z0-9]+)*)          # rules, approving order undated
    )$
    """,
    re.X,
)


def parse_act_id(act_id: str) -> dict[str, str | None]:
    """The parts of an act id; ``ValueError`` if it is not one.

    >>> parse_act_id("kz/resolution/2015-12-31/1193")["number"]
    '1193'
    >>> parse_act_id("kz/code/labour")["type"]
    'code'
    """
    m = ACT_ID_RE.match(act_id)
    if not m:
        raise ValueError(
            f"not an act id: {act_id!r} (expected kz/constitution, kz/code/<slug>, kz/law/<slug>, "
            "kz/resolution/<yyyy-mm-dd>/<number>, kz/order/<yyyy-mm-dd>/<number>, "
            "kz/decree/<yyyy-mm-dd>/<number> or kz/order/<slug>)"
        )
    if m["constitution"]:
        return {"type": "constitution", "slug": None, "date": None, "number": None}
    if m["type"]:
        return {"type": m["type"], "slug": m["slug"], "date": None, "number": None}
    if m["dtype"]:
        return {"type": m["dtype"], "slug": None, "date": m["date"], "number": m["number"]}
    return {"type": "order", "slug": m["oslug"], "date": None, "number": None}


# --- normalisation -----------------------------------------------------------------------


# Endings stripped from each word, longest first; one ending for ru, up to three for kk
# (plural + possessive + case: "заң-дар-ын", "кодекс-і-нің").
def _longest_first(endings: str) -> tuple[str, ...]:
    return tuple(sorted(endings.split(), key=len, reverse=True))


RU_ENDINGS = _longest_first(
    "ями ами иями ого его ому ему ыми ими ой ей ый ий ая яя ую юю ое ее ые ие ых их ым им ом ем ах ях ов ев "
    "ию ия ии ам ям а я у ю е ы и о ь"
)
KK_ENDINGS = _longest_first(
    "ның нің дың дің тың тің ын ін ны ні ды ді ты ті сын сін н "  # genitive, accusative
    "ға ге қа ке на не да де та те нда нде дағы дегі тағы тегі ндағы ндегі "  # dative, locative
    "сы сі ы і "  # possessive, 3rd person
    "лар лер дар дер тар тер"  # plural
)
MIN_STEM = 3
# "Республики Казахстан" and its kk forms, as normalised text (before stemming), dropped by default.
STATE_PHRASES = (
    " в республике казахстан ",
    " республики казахстан ",
    " республика казахстан ",
    " республики ",
    " қазақстан республикасындағы ",
    " қазақстан республикасының ",
    " қазақстан республикасы ",
)
_PUNCT_RE = re.compile(r"[()\[\]{},;:.!?/\\–—‒―−]")
_SPACES_RE = re.compile(r"\s+")
_HYPHEN_RE = re.compile(r"\s*-\s*")
_KK_LETTERS_RE = re.compile(r"[әғқңөұүһі]")
_NUMBER_RE = re.compile(r"№\s*(\d+)")
_QUOTE_CHARS = tuple(sorted(q for q in QUOTES if len(q) == 1))  # what _quotes_as replaces


def _quotes_as(text: str, to: str) -> str:
    """Every (one-character) quote of ``text`` as ``to``."""
    for q in _QUOTE_CHARS:
        if q in text:
            text = text.replace(q, to)
    return text


def _stem(word: str, lang: str) -> str:
    if len(word) <= 2 or not word[-1].isalpha():
        return word
    endings, rounds = (KK_ENDINGS, 3) if lang == "kk" else (RU_ENDINGS, 1)
    for _ in range(rounds):
        for e in endings:
            if word.endswith(e) and len(word) - len(e) >= MIN_STEM:
                word = word[: -len(e)]
                break
        else:
            break
    return word


@functools.lru_cache(maxsize=1 << 16)  # pure; the same aliases are normalised for every item
def normalise(text: str, lang: str, keep_state: bool = False) -> str:
    """Matching key of a name: lower case, ё→е, Latin i→і in Kazakh words, no quotes or
    punctuation, endings stripped; "Республики Казахстан" dropped unless ``keep_state``.

    >>> normalise("Конституцию Республики Казахстан", "ru") == normalise("Конституция", "ru")
    True
    >>> normalise("Еңбек кодексін", "kk") == normalise("Еңбек кодексі", "kk")
    True
    """
    s = text.lower().replace("ё", "е")
    if _KK_LETTERS_RE.search(s) or lang == "kk":
        s = s.replace("i", "і")
    s = _quotes_as(s, " ")
    s = _HYPHEN_RE.sub("-", _PUNCT_RE.sub(" ", s))
    s = " " + _SPACES_RE.sub(" ", s).strip() + " "
    if not keep_state:
        for phrase in STATE_PHRASES:
            s = s.replace(phrase, " ")
    return " ".join(_stem(w, lang) for w in s.split())


def unresolved_id(name: str, lang: str) -> str:
    """The stable id of an act the registry does not know: its normalised name (the quoted
    title where the mention has one, else the mention).

    The same name in another case, with other quotes or with "Республики Казахстан" gets the
    same id, so every mention of the act meets in one node.

    >>> unresolved_id("О правовых актах", "ru")
    'unresolved:о-правов-акт'
    >>> unresolved_id("«О правовых актах» Республики Казахстан", "ru")
    'unresolved:о-правов-акт'
    """
    return UNRESOLVED + "-".join(normalise(name, lang).split())


def is_unresolved(ref: str) -> bool:
    return ref.startswith(UNRESOLVED)


def _as_written(text: str) -> str:
    """A mention as a name: spaces collapsed, list punctuation dropped, its own quotes kept."""
    return _SPACES_RE.sub(" ", text).strip(" ;,.")


def _verbatim(text: str) -> str:
    return _SPACES_RE.sub(" ", _quotes_as(text, '"')).strip(" ;,.")


@functools.lru_cache(maxsize=1 << 16)  # pure; the same mentions recur in every act
def _display(mention: str) -> str:
    """A mention as an alias: quotes unified, and a quoted title without its own quotes."""
    s = _verbatim(mention)
    return s[1:-1] if len(s) > 1 and s[0] == s[-1] == '"' and s.count('"') == 2 else s


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance, or ``limit + 1`` as soon as it must exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


# --- the registry ------------------------------------------------------------------------


@dataclass(frozen=True)
class Act:
    """One canonical referenced act (a node of the graph)."""

    id: str
    type: str
    name_ru: str
    name_kk: str | None
    title_ru: str | None = None
    title_kk: str | None = None
    aliases_ru: tuple[str, ...] = ()
    aliases_kk: tuple[str, ...] = ()
    renamed_from: tuple[dict[str, str], ...] = ()
    date: str | None = None  # ISO; null when no text gives it
    number: str | None = None

    def names(self, lang: str) -> list[str]:
        return [
            n for n in ((self.name_kk, self.title_kk) if lang == "kk" else (self.name_ru, self.title_ru)) if n
        ]

    def aliases(self, lang: str) -> tuple[str, ...]:
        return self.aliases_kk if lang == "kk" else self.aliases_ru


def _derived(act: Act, lang: str) -> list[str]:
    """Short forms made from a title with its head word: "Закон о языках…", "… туралы заң"."""
    head = {"law": ("Закон", "заң"), "code": ("Кодекс", "кодекс")}.get(act.type)
    title = act.title_kk if lang == "kk" else act.title_ru
    out = []
    titled = [
        a
        for a in act.aliases(lang)
        if (a.endswith("туралы") if lang == "kk" else a.startswith(("О ", "Об ")))
    ]
    for t in [title, *titled]:
        if head and t:
            out.append(f"{t} {head[1]}" if lang == "kk" else f"{head[0]} {t}")
    return out


class Registry:
    """The curated acts with their lookup keys by language."""

    def __init__(self, acts: Iterable[Act]):
        self.memo: dict[tuple[Any, ...], tuple[Resolution, ...]] = {}  # resolve_item's answers
        self.acts: dict[str, Act] = {}
        for act in acts:
            parse_act_id(act.id)
            if act.id in self.acts:
                raise ValueError(f"act {act.id!r} is listed twice")
            self.acts[act.id] = act
        self.exact: dict[str, dict[str, str]] = {"ru": {}, "kk": {}}
        self.official: dict[str, dict[str, str]] = {"ru": {}, "kk": {}}
        self.renamed: dict[str, dict[str, str]] = {"ru": {}, "kk": {}}
        self.index: dict[str, dict[str, str]] = {"ru": {}, "kk": {}}
        for act in self.acts.values():
            if act.number:
                self._put(self.index["ru"], f"#{act.type}:{act.number}", act.id)
                self._put(self.index["kk"], f"#{act.type}:{act.number}", act.id)
            for lang in ("ru", "kk"):
                for name in act.names(lang):
                    self._put(self.exact[lang], _verbatim(name), act.id)
                    self._put(self.official[lang], normalise(name, lang, keep_state=True), act.id)
                for name in [*act.names(lang), *act.aliases(lang), *_derived(act, lang)]:
                    self._put(self.index[lang], normalise(name, lang), act.id)
                for old in act.renamed_from:
                    name = old.get(f"name_{lang}")
                    if name:
                        for form in (
                            name,
                            *(
                                {"law": ["Закон " + name], "code": ["Кодекс " + name]}.get(act.type, [])
                                if lang == "ru"
                                else []
                            ),
                        ):
                            self._put(self.renamed[lang], normalise(form, lang), act.id)

    @staticmethod
    def _put(table: dict[str, str], key: str, act_id: str) -> None:
        if not key:
            return
        if table.get(key, act_id) != act_id:
            raise ValueError(f"key {key!r} names two acts: {table[key]} and {act_id}")
        table[key] = act_id

    def fuzzy_keys(self, lang: str) -> dict[str, str]:
        return {**self.official[lang], **self.index[lang], **self.renamed[lang]}


def _act(d: dict[str, Any]) -> Act:
    return Act(
        id=d["id"],
        type=d["type"],
        name_ru=d["name_ru"],
        name_kk=d.get("name_kk"),
        title_ru=d.get("title_ru"),
        title_kk=d.get("title_kk"),
        aliases_ru=tuple(d.get("aliases_ru", ())),
        aliases_kk=tuple(d.get("aliases_kk", ())),
        renamed_from=tuple(d.get("renamed_from", ())),
        date=d.get("date"),
        number=d.get("number"),
    )


@cache
def load_registry(path: str | None = None) -> Registry:
    """The registry in ``path`` (default ``kb/data/acts.json``), read once."""
    with open(path or ACTS_JSON, encoding="utf-8") as f:
        return Registry(_act(d) for d in json.load(f))


# --- resolution --------------------------------------------------------------------------


@dataclass(frozen=True)
class Resolution:
    """What one mention resolved to.

    ``act_id`` is the registry act, None when no entry matched; ``ref`` is the node the
    mention cites either way: ``act_id``, or the ``unresolved:…`` id of an act the registry
    does not know (method ``unresolved``, confidence 0).
    """

    act_id: str | None
    mention: str
    method: str
    confidence: float
    kind: str = "alias"
    start: int = 0
    end: int = 0
    defines: str | None = None  # the short name the mention's "(далее – …)" clause defines
    ref: str = ""

    @property
    def resolved(self) -> bool:
        return self.act_id is not None


def _fits(reg: Registry, act_id: str, kind: str) -> bool:
    types = KIND_TYPES.get(kind)
    return types is None or act_id not in reg.acts or reg.acts[act_id].type in types


def _resolve_mention(
    m: Mention, lang: str, alias_keys: dict[str, str], reg: Registry
) -> tuple[str | None, str | None, float]:
    texts = [t for t in (m.text, m.title) if t]
    # A title counts as the official one only where the text quotes it or names rules by it;
    # an unquoted "Закон о противодействии коррупции" is a short name (step 4 or 5).
    official_texts = texts if (m.kind == "order" or any(q in m.text for q in QUOTES)) else texts[:1]

    def found(table: dict[str, str], keys: list[str]) -> str | None:
        return next((table[k] for k in keys if k in table and _fits(reg, table[k], m.kind)), None)

    local = "kk_name" if lang == "kk" else "normalised"

    if act := found(reg.exact[lang], [_verbatim(t) for t in official_texts]):
        return act, "exact", CONFIDENCE["exact"]
    if act := found(reg.official[lang], [normalise(t, lang, keep_state=True) for t in official_texts]):
        return act, local, CONFIDENCE["official_kk" if lang == "kk" else "official"]
    keys = [normalise(t, lang) for t in texts]
    if act := found(reg.renamed[lang], keys):
        return act, "renamed", CONFIDENCE["renamed"]
    if keys[0] in alias_keys:
        return alias_keys[keys[0]], "defined_alias", CONFIDENCE["defined_alias"]
    number = _NUMBER_RE.search(m.text)
    if number and m.kind in ("resolution", "order"):
        keys.append(f"#{m.kind}:{number.group(1)}")
    if act := found(reg.index[lang], keys):
        return act, local, CONFIDENCE["registry"]
    best: dict[int, set[str]] = {}
    candidates = {**reg.fuzzy_keys(lang), **alias_keys}
    for key in {k for k in keys if len(k) >= 8 and not k.startswith("#")}:
        for cand, act in candidates.items():
            d = edit_distance(key, cand)
            if d <= 2 and _fits(reg, act, m.kind):
                best.setdefault(d, set()).add(act)
    for d in sorted(best):
        if len(best[d]) == 1:
            return next(iter(best[d])), "fuzzy", CONFIDENCE[f"fuzzy_{d}"]
        break  # two acts equally near: do not guess
    return None, "unresolved", 0.0


def _alias_keys(aliases: dict[str, str] | None, lang: str) -> dict[str, str]:
    return {normalise(k, lang): v for k, v in (aliases or {}).items()}


def resolve_item(text: str, lang: str, aliases: dict[str, str] | None = None) -> list[Resolution]:
    """Every act ``text`` cites, resolved against the registry.

    ``aliases`` maps short names defined earlier ("Трудовой кодекс", "Закон о языках") to act
    ids.  An item that is nothing but such a short name ("Правила пожарной безопасности.")
    resolves through it even when no act pattern matches.  The answer is a function of the
    text, the language, the aliases (in their order) and the registry, so it is remembered: the
    same must-know item recurs across positions and acts.

    >>> aliases = {"Закон о языках": "kz/law/o-yazykakh"}
    >>> [(r.act_id, r.method) for r in resolve_item("Закон языках;", "ru", aliases)]
    [('kz/law/o-yazykakh', 'fuzzy')]
    """
    reg = load_registry()
    key = (text, lang, tuple(aliases.items()) if aliases else ())
    hit = reg.memo.get(key)
    if hit is None:
        hit = reg.memo[key] = tuple(_resolve_item(text, lang, aliases, reg))
        if len(reg.memo) > MEMO_SIZE:
            reg.memo.pop(next(iter(reg.memo), None), None)  # the oldest answer goes
    return list(hit)


MEMO_SIZE = 1 << 16  # answers of resolve_item kept per registry (they are small)


def _resolve_item(text: str, lang: str, aliases: dict[str, str] | None, reg: Registry) -> list[Resolution]:
    alias_keys = _alias_keys(aliases, lang)
    out = []
    for m in find_mentions(text, lang):
        ref, method, conf = _resolve_mention(m, lang, alias_keys, reg)
        ref = ref or unresolved_id(m.title or m.text, lang)
        act = None if is_unresolved(ref) else ref
        out.append(Resolution(act, m.text, method, conf, m.kind, m.start, m.end, m.defines, ref))
    if not out and alias_keys:
        whole = _verbatim(text)
        ref = alias_keys.get(normalise(whole, lang))
        if ref:
            start = len(text) - len(text.lstrip())
            conf = CONFIDENCE["defined_alias"]
            act = None if is_unresolved(ref) else ref
            end = start + len(whole)
            out.append(Resolution(act, whole, "defined_alias", conf, "alias", start, end, None, ref))
    return out


def _items(doc) -> Iterable[tuple[Any, Any]]:
    for pos in doc.positions:
        stack = list(reversed(pos.must_know))
        while stack:
            item = stack.pop()
            yield pos, item
            stack.extend(reversed(item.children))


class ItemResolutions(NamedTuple):
    """What :func:`resolve_item` answers for one must-know item, with what
    :func:`resolve_documents` reports of the item: its position and unit ids, its line, and its
    text (stripped) when it cites no act."""

    position: str
    item: str
    line: int
    text: str | None
    resolutions: list[Resolution]


def item_resolutions(doc: Any, aliases: dict[str, str]) -> list[ItemResolutions]:
    """What :func:`resolve_item` answers for each must-know item of ``doc`` (positions and items
    in text order), with the short names defined before it: ``aliases`` (short name → act id),
    which the "(далее – X)" clauses of ``doc`` then extend, as they extend it for the items after
    them and for the documents after this one."""
    out = []
    for pos, item in _items(doc):
        res = resolve_item(item.text, doc.lang, aliases)
        out.append(ItemResolutions(pos.id, item.eid, item.line, None if res else item.text.strip(), res))
        define(res, aliases)
    return out


def define(resolutions: Iterable[Resolution], aliases: dict[str, str]) -> None:
    """Add the short names that ``resolutions`` define to ``aliases``."""
    for r in resolutions:
        if r.defines:
            aliases[r.defines] = r.ref


Resolver = Callable[[Any, dict[str, str]], list[ItemResolutions]]


def resolve_documents(docs: Iterable[Any], resolver: Resolver | None = None) -> dict[str, Any]:
    """Resolve the must-know items of parsed documents to acts.

    Documents are read in order of path, positions and items in text order; a "(далее – X)"
    definition makes X an alias for the items after it, in the same and in later documents.
    Returns ``{"acts", "links", "other_knowledge", "unresolved"}``: ``acts`` by id, registry
    acts and unresolved ones alike (``resolved`` tells them apart; an unresolved act's name is
    its longest mention as written, in the language it was written in); ``links`` one per
    mention, to either; ``unresolved`` the mentions of unresolved acts, for review; items that
    cite no act are ``other_knowledge``.  The output depends only on the documents, not on the
    order they are given in.

    ``resolver(doc, aliases)`` answers for one document what :func:`item_resolutions` answers
    (and extends ``aliases`` the same way): a cache of documents already resolved
    (:mod:`kb.fragments`); then ``docs`` need only their ``path`` and ``lang``.
    """
    reg = load_registry()
    resolver = resolver or item_resolutions
    aliases: dict[str, str] = {}
    seen: dict[str, set[str]] = {}
    written: dict[str, dict[str, Any]] = {}  # unresolved id -> type and names as written
    links, other, unresolved = [], [], []
    for doc in sorted(docs, key=lambda d: d.path):
        for pos, item, line, text, res in resolver(doc, aliases):
            if not res:
                other.append({"item": item, "doc": doc.path, "position": pos, "text": text, "line": line})
                continue
            for r in res:
                where = {"item": item, "doc": doc.path, "position": pos}
                if not r.resolved:
                    name = _as_written(r.mention)
                    w = written.setdefault(r.ref, {"type": r.kind, "ru": None, "kk": None})
                    if len(name) > len(w[doc.lang] or ""):
                        w[doc.lang] = name
                    unresolved.append(
                        {**where, "id": r.ref, "mention": r.mention, "name": name, "line": line,
                         "start": r.start}
                    )
                links.append(
                    {
                        **where,
                        "act": r.ref,
                        "mention": r.mention,
                        "method": r.method,
                        "confidence": r.confidence,
                        "line": line,
                        "start": r.start,
                    }
                )
                names = seen.setdefault(r.ref, set())
                names.add(_display(r.mention))
                if r.defines:
                    names.add(r.defines)
    acts = {}
    for ref in sorted(seen):
        if ref in reg.acts:
            act = reg.acts[ref]
            entry = {"type": act.type, "name_ru": act.name_ru, "name_kk": act.name_kk, "resolved": True}
        else:
            w = written[ref]
            entry = {"type": w["type"], "name_ru": w["ru"], "name_kk": w["kk"], "resolved": False}
        acts[ref] = {"id": ref, **entry, "aliases": sorted(seen[ref])}
    order = lambda r: (r["doc"], r["line"], r.get("start", 0))  # noqa: E731
    links.sort(key=order)
    unresolved.sort(key=order)
    other.sort(key=order)
    for r in (*links, *unresolved):
        del r["start"]
    return {"acts": acts, "links": links, "other_knowledge": other, "unresolved": unresolved}
