"""The search query language: parse a user's query, then turn it into a whoosh query.

Syntax (whoosh's own parser is not used: it would AND the keys of one word)::

    трудового кодекса            words: every word must match, in any of its forms (function
                                  words such as "с", "и", "және" are dropped when others remain)
    "семьи с детьми"              an exact phrase (also «…» and “…”), on surface forms
    психолог OR педагог           either side (OR binds looser than the implicit AND)
    психолог NOT педагог          without; also -педагог
    (психолог OR педагог) детьми  grouping
    act:580-НҚ kind:duty lang:kk  field filters: act, kind, lang, group, okr;
                                  a value may be quoted: group:"managers"

A word is one token of :data:`index.analysis.TOKEN_PATTERN` (hyphenated words stay whole:
``кейс-менеджер``).  Each word becomes the OR of its index keys
(:func:`index.analysis.query_keys`) in the text field of each language searched; words are
AND-ed.  Other punctuation is ignored.  The parser is lenient about structure (a dangling
``OR``, an unclosed bracket or quote) and strict about content: :func:`parse` raises
``ValueError`` for an empty query, one with no words, phrases or filters, one longer than
:data:`MAX_QUERY_CHARS`, one with control characters, or a filter with an unknown value.

>>> q = parse('психолог OR "семьи с детьми" NOT kind:heading')
>>> q.tree.children[0]
Word(text='психолог', start=0, end=8)
>>> q.tree.children[1].children[0]
Phrase(text='семьи с детьми', start=12, end=28)
>>> q.tree.children[1].children[1]
Not(child=Filter(field='kind', value='heading', start=33, end=45))
>>> [w.text for w in q.words()]
['психолог']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from whoosh import query as wq
from whoosh.matching import AndNotMatcher

from kb.ids import slug_number

from .analysis import TOKEN_PATTERN, query_keys, surface_analyzer
from .schema import FILTER_FIELDS, KINDS, LANGS, text_field

__all__ = ["All", "Any", "Filter", "MAX_QUERY_CHARS", "Not", "ParsedQuery", "Phrase", "Word", "filter_query",
           "parse", "validate"]

MAX_QUERY_CHARS = 1000

# --- the tree -------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """A plain word; ``start``/``end`` locate it in the query text (for "did you mean")."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Phrase:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Filter:
    field: str
    value: str
    start: int
    end: int


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class All:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Any:
    children: tuple[Node, ...]


Node = Word | Phrase | Filter | Not | All | Any


@dataclass
class ParsedQuery:
    """A parsed query: its text and its tree (never ``None`` once :func:`parse` returned)."""

    text: str
    tree: Node
    filters: list[Filter] = field(default_factory=list)  # every filter, wherever it stands

    def words(self) -> list[Word]:
        """Plain words that must or may match (not those under NOT), in query order."""
        return [n for n in _positive(self.tree) if isinstance(n, Word)]

    def phrases(self) -> list[Phrase]:
        return [n for n in _positive(self.tree) if isinstance(n, Phrase)]

    def top_filters(self, name: str) -> list[str]:
        """Values of filter ``name`` that every hit must satisfy (AND-ed at the top level)."""
        nodes = self.tree.children if isinstance(self.tree, All) else (self.tree,)
        return [n.value for n in nodes if isinstance(n, Filter) and n.field == name]


def _positive(node: Node) -> Iterator[Node]:
    if isinstance(node, Not):
        return
    if isinstance(node, (All, Any)):
        for c in node.children:
            yield from _positive(c)
    else:
        yield node


# --- tokens ---------------------------------------------------------------------------

_QUOTES = {'"': '"', "«": "»", "“": "”", "„": "“"}

TOKEN = re.compile(
    rf"""
    (?P<phrase>(?P<open>["«“„])(?P<ptext>[^"»”“]*)["»”“]?)     # "exact phrase" (closing quote optional)
  | (?P<lpar>\() | (?P<rpar>\))
  | (?P<filter>(?P<fname>{"|".join(FILTER_FIELDS)}):              # field filter: act:360
        (?:"(?P<fq>[^"]*)"?|(?P<fv>[^\s()"]+)))
  | (?P<minus>-(?=["«“„(]|[^\W_]))                                # -word, -"phrase", -(group)
  | (?P<word>{TOKEN_PATTERN})                                      # a word, as the analysers cut it
  | (?P<other>\S)                                                  # other punctuation: ignored
    """,
    re.X | re.UNICODE,
)

OPERATORS = {"OR": "or", "AND": "and", "NOT": "not"}

#: Function words dropped from a group of words that has other words: "семьи с детьми" asks
#: for семья AND ребенок (a phrase keeps them: "семьи с детьми").
_STOPWORDS_RU = "и в во на с со к ко о об обо по за из изо от до для при без у а но или либо не ни же ли"
_STOPWORDS_KK = "және мен бен пен да де та те немесе"
STOPWORDS = frozenset(f"{_STOPWORDS_RU} {_STOPWORDS_KK}".split())


@dataclass(frozen=True)
class _Tok:
    kind: str  # phrase lpar rpar filter not or and word
    text: str
    start: int
    end: int
    field: str | None = None


def _tokens(text: str) -> list[_Tok]:
    out = []
    for m in TOKEN.finditer(text):
        kind = m.lastgroup if m.lastgroup not in ("open", "ptext", "fname", "fq", "fv") else None
        if m.group("phrase") is not None:
            out.append(_Tok("phrase", m.group("ptext"), m.start(), m.end()))
        elif m.group("filter") is not None:
            value = m.group("fq") if m.group("fq") is not None else m.group("fv")
            out.append(_Tok("filter", value, m.start(), m.end(), m.group("fname")))
        elif m.group("word") is not None:
            w = m.group("word")
            out.append(_Tok(OPERATORS.get(w, "word"), w, m.start(), m.end()))
        elif m.group("minus") is not None:
            out.append(_Tok("not", "-", m.start(), m.end()))
        elif kind in ("lpar", "rpar"):
            out.append(_Tok(kind, m.group(), m.start(), m.end()))
    return out


# --- parsing --------------------------------------------------------------------------


def validate(text: str) -> str:
    """Check a raw query; returns it with whitespace runs made single spaces.

    >>> validate("  психолог\\tдетьми ")
    'психолог детьми'
    """
    if not isinstance(text, str):
        raise ValueError("the query must be a string")
    if len(text) > MAX_QUERY_CHARS:
        raise ValueError(f"the query is too long: {len(text)} characters, at most {MAX_QUERY_CHARS}")
    bad = sorted({f"U+{ord(c):04X}" for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r"})
    if bad:
        raise ValueError(f"the query contains control characters ({', '.join(bad)})")
    text = " ".join(text.split())
    if not text:
        raise ValueError("the query is empty")
    return text


def parse(text: str) -> ParsedQuery:
    """Parse a query (see the module docstring); raises ``ValueError`` for a bad one."""
    text = validate(text)
    toks = _tokens(text)
    parser = _Parser(toks)
    tree = parser.expr()
    while parser.i < len(toks):  # a stray ")" ends expr early: skip it and go on
        parser.i += 1
        more = parser.expr()
        if more is not None:
            tree = more if tree is None else _all([tree, more])
    if tree is None:
        raise ValueError("the query has no words, phrases or filters to search for: "
                         "write words, a \"phrase\" or a filter such as kind:duty")
    filters = [n for n in _walk(tree) if isinstance(n, Filter)]
    for f in filters:
        _check_filter(f)
    return ParsedQuery(text, tree, filters)


def _walk(node: Node) -> Iterator[Node]:
    yield node
    if isinstance(node, Not):
        yield from _walk(node.child)
    elif isinstance(node, (All, Any)):
        for c in node.children:
            yield from _walk(c)


def _check_filter(f: Filter) -> None:
    if not f.value.strip():
        raise ValueError(f"the filter {f.field}: has no value")
    if f.field == "kind" and f.value not in KINDS:
        raise ValueError(f"unknown kind {f.value!r} in kind:{f.value}; expected one of {', '.join(KINDS)}")
    if f.field == "lang" and f.value not in LANGS:
        raise ValueError(f"unknown language {f.value!r} in lang:{f.value}; "
                         f"expected one of {', '.join(LANGS)}")


def _all(nodes: list[Node]) -> Node:
    return nodes[0] if len(nodes) == 1 else All(tuple(nodes))


class _Parser:
    """``expr := term (OR term)*``; ``term := factor+`` (AND implicit); ``factor := NOT factor |
    ( expr ) | phrase | filter | word``."""

    def __init__(self, toks: list[_Tok]) -> None:
        self.toks = toks
        self.i = 0

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def expr(self) -> Node | None:
        alts = []
        while True:
            t = self.term()
            if t is not None:
                alts.append(t)
            tok = self.peek()
            if tok is None or tok.kind != "or":
                break
            self.i += 1
        if not alts:
            return None
        return alts[0] if len(alts) == 1 else Any(tuple(alts))

    def term(self) -> Node | None:
        parts = []
        while True:
            tok = self.peek()
            if tok is None or tok.kind in ("or", "rpar"):
                break
            if tok.kind == "and":
                self.i += 1
                continue
            f = self.factor()
            if f is not None:
                parts.append(f)
        kept = [p for p in parts if not (isinstance(p, Word) and p.text.lower() in STOPWORDS)]
        parts = kept or parts
        return _all(parts) if parts else None

    def factor(self) -> Node | None:
        tok = self.toks[self.i]
        self.i += 1
        if tok.kind == "not":
            nxt = self.peek()
            if nxt is None or nxt.kind in ("or", "rpar", "and"):
                return None  # a dangling NOT
            child = self.factor()
            return Not(child) if child is not None else None
        if tok.kind == "lpar":
            inner = self.expr()
            if self.peek() is not None and self.peek().kind == "rpar":
                self.i += 1
            return inner
        if tok.kind == "phrase":
            return Phrase(tok.text, tok.start, tok.end) if tok.text.strip() else None
        if tok.kind == "filter":
            return Filter(tok.field, tok.text.strip(), tok.start, tok.end)
        if tok.kind == "word":
            return Word(tok.text, tok.start, tok.end)
        return None


# --- to whoosh ------------------------------------------------------------------------

_SURFACE = None


def surface_tokens(text: str) -> list[str]:
    """Surface-field tokens of a phrase, as the index has them (whole words, no hyphen parts)."""
    global _SURFACE
    if _SURFACE is None:
        _SURFACE = surface_analyzer()
    return [t.text for t in _SURFACE(text, mode="query")]


def word_query(word: str, langs: tuple[str, ...]) -> wq.Query | None:
    """The OR of a word's keys over the text fields of ``langs``; ``None`` if it has none."""
    terms = [wq.Term(text_field(lang), key) for lang in langs for key in query_keys(word, lang)]
    terms = list(dict.fromkeys(terms))
    if not terms:
        return None
    return terms[0] if len(terms) == 1 else wq.Or(terms)


def phrase_query(text: str) -> wq.Query | None:
    toks = surface_tokens(text)
    if not toks:
        return None
    return wq.Term("surface", toks[0]) if len(toks) == 1 else wq.Phrase("surface", toks)


def filter_query(name: str, value: str) -> wq.Query:
    """One field filter as a whoosh query (``act`` takes a work id or a number: 580-НҚ, 580-nk)."""
    if name == "act":
        if value.startswith("/akn/"):
            return wq.Term("act", value)
        return wq.Term("act_key", slug_number(value))
    if name == "okr":
        return wq.Term("okr", value.strip())
    return wq.Term(name, value)


class _AndNotMatcher(AndNotMatcher):
    """whoosh 2.7's ``AndNotMatcher`` only looks for an excluded first document when both
    matchers start on the same one: if the excluded list starts earlier, the first document of
    the required list comes back even when it is excluded.  Skip the excluded list forward first.
    """

    def _find_first(self) -> None:
        if self.a.is_active() and self.b.is_active():
            self._find_next()


class Without(wq.AndNot):
    """``a ANDNOT b`` with :class:`_AndNotMatcher` (``psychologist NOT social`` must not return
    the first psychologist document when it is social)."""

    def matcher(self, searcher, context=None):
        scored = self.a.matcher(searcher, context)
        excluded = self.b.matcher(searcher, searcher.boolean_context())
        return _AndNotMatcher(scored, excluded)


def to_whoosh(node: Node, langs: tuple[str, ...]) -> wq.Query | None:
    """The whoosh query of a tree; words are looked up in the text fields of ``langs``.

    ``None`` stands for "matches nothing to require" (a word without keys, an empty group):
    it is dropped from an AND and from an OR.  A NOT is a :class:`Without` (``AndNot``) of the
    other parts of its group (``Every()`` when it stands alone), built here because whoosh turns
    ``And([Every(), Not(x)])`` into ``Every()``.
    """
    if isinstance(node, Word):
        return word_query(node.text, langs)
    if isinstance(node, Phrase):
        return phrase_query(node.text)
    if isinstance(node, Filter):
        return filter_query(node.field, node.value)
    if isinstance(node, Not):
        inner = to_whoosh(node.child, langs)
        return None if inner is None else Without(wq.Every(), inner)
    if isinstance(node, Any):
        subs = [q for q in (to_whoosh(c, langs) for c in node.children) if q is not None]
        if not subs:
            return None
        return subs[0] if len(subs) == 1 else wq.Or(subs)
    pos, neg = [], []
    for c in node.children:
        if isinstance(c, Not):
            q = to_whoosh(c.child, langs)
            if q is not None:
                neg.append(q)
        else:
            q = to_whoosh(c, langs)
            if q is not None:
                pos.append(q)
    if not pos and not neg:
        return None
    base = wq.Every() if not pos else pos[0] if len(pos) == 1 else wq.And(pos)
    if not neg:
        return base
    return Without(base, neg[0] if len(neg) == 1 else wq.Or(neg))
