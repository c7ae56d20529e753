"""Kazakh index keys: a lexicon-aware suffix stripper.

No Kazakh morphology package is available, so this module carries its own.
It is built the way pymorphy3 builds ``lang/ru/config.py``: everything that is
Kazakh lives in the *declared data* section below (letter classes, suffix
classes in morpheme order with their allomorphs and contexts, consonant
alternations, vowel elision), and a small engine applies it in four steps:

1. :func:`normalise` — lower case, Latin look-alikes to Cyrillic in
   mixed-script words, ``ё`` → ``е``, quotes dropped.
2. :func:`segmentations` — every way of peeling suffixes off the right edge
   that keeps the morpheme order (stem + derivational + privative + plural +
   possessive + case + relative ``-ғы``), the phonological context of each
   allomorph and vowel harmony.  Consonant alternations (``ғ/г/б`` →
   ``қ/к/п``) and the dropped vowel of ``орын → орны`` are undone at a boundary
   before a vowel-initial suffix.
3. Lexicon check — a segmentation whose stem is in the stem lexicon wins; of
   those, the one with the *longest* stem (so ``кодексін`` gives ``кодекс``
   even if ``кодек`` were a stem).
4. Fallback (new vocabulary) — no stem is known: strip as far as the "safe"
   suffix classes (``SuffixClass.safe``) go, never below
   :data:`FALLBACK_MIN_STEM` letters; equally long readings are all returned
   (``клубы`` → ``клуп``, ``клуб``).  A final ``ы/і`` is *not* read as the
   possessive when the word ends in a bound final (:data:`BOUND_FINALS`:
   agent ``-шы``, ``-ғы/-гі`` nouns, consonant + ``ды``) or in a known stem
   (a compound, ``үстеме+ақы``), so that an unseen noun and its inflections
   share one key: ``құтқарушы``, ``құтқарушының``, ``құтқарушылар`` →
   ``құтқарушы`` (:func:`rule_readings`).  A bare word read as stem +
   accusative ``-ды/-ті`` keeps the whole word as a second key
   (``қорытынды`` → ``қорытынды``, ``қорытын``).

Derivational suffixes (``-лық``, ``-лы``) are stripped only when the lexicon
says so: the base is a known stem and the derived word is not.  Words such as
``орталық`` or ``отбасылық`` that are themselves in the lexicon stay separate
lemmas, as pymorphy3 keeps an adjective apart from its noun.  Agent nouns in
``-шы/-ші``, ``-кер`` are never stripped.

The privative ``-сыз/-сіз`` is treated as inflection (``санатсыз`` →
``санат``) unless the lexicon lists the word (``жұмыссыз``, "unemployed").

The lexicon is ``index/data/kk_stems.txt``: a hand-kept part plus the
reviewed output of :func:`build_lexicon` run over the Kazakh corpus.  The
analyser needs nothing else at runtime; :func:`add_corpus_stems` adds the
stems of further texts to the shared analyser.

Known limits: verb morphology and predicative endings (``-мын``, ``-сың``)
are not analysed — a verb form keeps a rule stem of its own (``болады`` →
``болад``), consistent but not shared with other forms of the verb; the
inserted ``і`` of ``акт → актілер`` is handled by listing ``акті``; without a
lexicon entry a stem ending in ``-ын/-ін`` (``бейін``) reads as possessive +
accusative.

>>> kk_keys("кодексін")
['кодекс']
>>> kk_keys("Орталығының")
['орталық']
>>> print(kk_analyse("бұйрығымен")[0].explain())
бұйрық + ы (poss.3) + мен (case.ins) [lexicon; ғ→қ]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

__all__ = [
    "Analysis",
    "KkAnalyser",
    "Morph",
    "SUFFIX_CLASSES",
    "add_corpus_stems",
    "build_lexicon",
    "default_analyser",
    "keeps_final_vowel",
    "kk_analyse",
    "kk_keys",
    "load_stems",
    "normalise",
    "rule_readings",
]

# ---------------------------------------------------------------------------
# Declared data
# ---------------------------------------------------------------------------

BACK_VOWELS = frozenset("аоұыя")
FRONT_VOWELS = frozenset("әөүіеэ")
#: letters that do not decide harmony on their own (loans: ``офис``, ``институт``)
NEUTRAL_VOWELS = frozenset("иую")
VOWELS = BACK_VOWELS | FRONT_VOWELS | NEUTRAL_VOWELS
CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]")

#: Phonological class of the last letter of a base; allomorphs name the
#: classes they may follow.  ``у`` and ``й`` behave as sonorants (``оқуды``).
LETTER_CLASSES: dict[str, str] = {
    "V": "аәеиоөұүыіэюя",  # vowels
    "RYU": "рйу",  # sonorants taking -лар, -дың, -ды
    "L": "л",
    "MN": "мнң",  # nasals: -дар, -ның, -нан
    "ZJ": "зж",  # voiced fricatives: -дар, -дың, -бен
    "VL": "бвгғдкқпстфхһцчшщ",  # voiceless (and loan voiced stops): -тар, -тың
}
_LETTER_CLASS = {ch: name for name, letters in LETTER_CLASSES.items() for ch in letters}
_CONSONANT_CLASSES = frozenset({"RYU", "L", "MN", "ZJ", "VL"})

#: Contexts beyond letter classes:
#:   ``C``        any consonant;  ``ANY`` anything;
#:   ``P3``       the base ends in the 3rd person possessive ``ы/і/сы/сі``
#:                (``кодекс+і+н``); a stem that merely ends in ``ы/і``
#:                (``отбасы+н``) takes it only with lexicon support;
#:   ``~poss.3``  the inner suffix must not be the 3rd person possessive
#:                (after it the case is ``-н``, not ``-ны``: ``кодексін``).
_VOICED = "V RYU L MN ZJ"

#: Outermost slot first: the order in which suffixes are peeled off the right.
SLOTS = ("rel", "case", "poss", "plural", "priv", "deriv")


@dataclass(frozen=True)
class Allomorph:
    """One surface shape of a suffix and the bases it may follow."""

    form: str
    contexts: frozenset[str]
    harmony: str | None  # "back", "front" or None (no vowel: -н, -м)


@dataclass(frozen=True)
class SuffixClass:
    """A suffix class: its slot in the word template and its allomorphs.

    Attributes:
        name: dotted name shown to users, e.g. ``case.gen``.
        slot: one of :data:`SLOTS`; after stripping a suffix only slots further
            inside the word may be stripped.
        safe: may be stripped without a lexicon confirming the stem.
        rules: ``("form form", "context context")`` pairs, written as data.
        inner: if set, the next suffix inward must belong to one of these
            classes (``-ғы`` sits on a locative: ``саясат+та+ғы``).
        on_stem: may the suffix sit directly on the stem: ``ok``; ``lexicon``
            (only onto a known stem: ``жыл+ғы``, while ``бұйры+ғы`` must not
            beat ``бұйрығ+ы``); ``no`` (dative ``-а/-е`` needs a 1st/2nd
            person possessive inside).
        harmonic: the suffix follows vowel harmony (``-мен`` does not).
    """

    name: str
    slot: str
    safe: bool
    rules: tuple[tuple[str, str], ...]
    inner: tuple[str, ...] | None = None
    on_stem: str = "ok"
    harmonic: bool = True
    allomorphs: tuple[Allomorph, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        allomorphs = []
        for forms, contexts in self.rules:
            for form in forms.split():
                harmony = _harmony_of(form) if self.harmonic else None
                allomorphs.append(Allomorph(form, frozenset(contexts.split()), harmony))
        # longest first, so that e.g. -ымыз is tried before -ыз-like tails
        allomorphs.sort(key=lambda a: -len(a.form))
        object.__setattr__(self, "allomorphs", tuple(allomorphs))


def _harmony_of(form: str) -> str | None:
    if any(ch in BACK_VOWELS for ch in form):
        return "back"
    if any(ch in FRONT_VOWELS for ch in form):
        return "front"
    return None


#: The suffix classes, in template order (outermost first).  Each rule reads
#: "these forms follow bases of these contexts".

SUFFIX_CLASSES: tuple[SuffixClass, ...] = (
    # relative adjective: саясат+та+ғы; жыл+ғы, іш+кі onto known stems only
    SuffixClass(
        "rel", "rel", True,
        (("ғы гі", _VOICED), ("қы кі", "VL")),
        inner=("case.loc",), on_stem="lexicon",
    ),
    # case endings
    SuffixClass(
        "case.gen", "case", True,
        (("ның нің", "V MN"), ("дың дің", "RYU L ZJ"), ("тың тің", "VL")),
    ),
    SuffixClass(
        "case.dat", "case", True,
        (("ға ге", _VOICED + " ~poss.3"), ("қа ке", "VL"), ("на не", "P3")),
    ),
    SuffixClass(  # әке+м+е: only after a 1st/2nd person singular possessive
        "case.dat", "case", False,
        (("а е", "C V"),),
        inner=("poss.1sg", "poss.2sg"), on_stem="no",
    ),
    SuffixClass(
        "case.acc", "case", True,
        (("ны ні", "V ~poss.3"), ("ды ді", "RYU L MN ZJ"), ("ты ті", "VL"), ("н", "P3")),
    ),
    SuffixClass(
        "case.loc", "case", True,
        (("да де", _VOICED + " ~poss.3"), ("та те", "VL"), ("нда нде", "P3")),
    ),
    SuffixClass(
        "case.abl", "case", True,
        (("дан ден", "V RYU L ZJ ~poss.3"), ("нан нен", "MN P3"), ("тан тен", "VL")),
    ),
    SuffixClass(
        "case.ins", "case", True,
        (("мен", "V RYU L MN"), ("бен", "ZJ"), ("пен", "VL")),
        harmonic=False,
    ),
    # possessive endings; only the 3rd person is common enough in acts to strip without the lexicon
    SuffixClass("poss.3", "poss", True, (("ы і", "C"), ("сы сі", "V"))),
    SuffixClass("poss.1sg", "poss", False, (("ым ім", "C"), ("м", "V"))),
    SuffixClass("poss.2sg", "poss", False, (("ың ің", "C"), ("ң", "V"))),
    SuffixClass("poss.1pl", "poss", False, (("ымыз іміз", "C"), ("мыз міз", "V"))),
    SuffixClass("poss.2pol", "poss", False, (("ыңыз іңіз", "C"), ("ңыз ңіз", "V"))),
    # plural
    SuffixClass(
        "plural", "plural", True,
        (("лар лер", "V RYU"), ("дар дер", "L MN ZJ"), ("тар тер", "VL")),
    ),
    # privative "without": санат+сыз
    SuffixClass("priv", "priv", True, (("сыз сіз", "ANY"),)),
    # derivational, lexicon-gated: stripped only onto a known stem, and only
    # when the derived word is not itself in the lexicon (longest stem wins)
    SuffixClass(
        "deriv.lyq", "deriv", False,
        (("лық лік", "V RYU"), ("дық дік", "L MN ZJ"), ("тық тік", "VL")),
    ),
    SuffixClass(
        "deriv.ly", "deriv", False,
        (("лы лі", "V RYU"), ("ды ді", "L MN ZJ"), ("ты ті", "VL")),
    ),
)  # fmt: skip

#: Voicing before a vowel-initial suffix: бұйрық → бұйрығы, кітап → кітабы.
#: Undone as (written, restored).  ``ғ`` is always restored (native stems
#: never end in it); ``г``/``б`` also end loans (психолог, клуб), so the
#: unrestored reading is kept as well.
ALTERNATIONS: tuple[tuple[str, str], ...] = (("ғ", "қ"), ("г", "к"), ("б", "п"))
ALWAYS_RESTORE = frozenset("ғ")

#: Vowel elision before a vowel-initial possessive: орын → орны, халық → халқы,
#: мүлік → мүлкі.  Undone by inserting ы/і (the suffix's harmony) between
#: the last two consonants; accepted only when the lexicon knows the stem.
ELISION_SLOTS = frozenset({"poss"})

MIN_STEM = 2  #: no stem shorter than this, even from the lexicon
FALLBACK_MIN_STEM = 3  #: rule-only stems keep at least this many letters

#: New vocabulary: when no stem is known, a final ``ы/і`` after a consonant is
#: either the stem's own vowel (``құтқарушы``, ``үстемеақы``) or the 3rd person
#: possessive (``жұмысы``).  The rules read it as the possessive unless the
#: word up to and including that vowel ends in one of these *bound finals* —
#: the vowel then belongs to a derivational suffix, and the stem keeps it, so
#: that ``құтқарушы``, ``құтқарушының`` and ``құтқарушылар`` share a key.
#: Written after the last consonant letter(s); ``у`` counts as a consonant.
BOUND_FINALS = re.compile(
    r"""
    (?: [^аәеиоөұүыіэюя] ш [ыі]       # agent -шы/-ші after a consonant: құтқару+шы, күзет+ші, басшы
      | м [ае] ш [ыі]                 # ... after the deverbal -ма/-ме: аударма+шы, бағдарлама+шы
      | [^аәеиоөұүыіэюя] ғ [ыі]       # nouns in -ғы: құрыл+ғы, қондыр+ғы; relative бұрын+ғы
      | [^аәеиоөұүыіэюян] г [ыі]      # -гі: бел+гі, үл+гі, төмен+гі (not the loans' нг: маркетинг+і)
      | [^аәеиоөұүыіэюя] д [ыі]       # no Kazakh word ends in consonant + д: дағды, қорытынды
    )$
    """,
    re.X,
)
#: ... or when it ends in a known stem of at least ``COMPOUND_MIN_TAIL``
#: letters after at least ``COMPOUND_MIN_HEAD`` letters: a compound whose last
#: part is a word of the lexicon (``үстеме+ақы``, ``төлем+ақы``).
COMPOUND_MIN_TAIL = 3
COMPOUND_MIN_HEAD = 2
#: The accusative ``-ды/-ді/-ты/-ті`` ending a bare new word has the shape of
#: the derivational ``-ды/-ты`` (``қорытынды``, ``жарамды``, ``білікті``): the
#: rules then give both the stripped and the whole word as keys.  Not after
#: ``й``: ``-йды/-йді`` is the present tense of a verb (``айқындайды``).
AMBIGUOUS_ACCUSATIVE = frozenset({"ды", "ді", "ты", "ті"})
#: 1st and 2nd person possessives are rare in acts and have the shape of the
#: deverbal ``-ым/-ім``, ``-ың/-ің`` (``құрал+ым`` "formation" is not "my tool"):
#: a lexicon reading through one of them keeps the whole word as a second key.
PERSONAL_POSSESSIVES = frozenset({"poss.1sg", "poss.2sg", "poss.1pl", "poss.2pol"})
ABBREVIATION_MAX = 5  #: all-caps words up to this length are left alone (ӨҚЖ, БАҚ)

#: Latin letters that look like Cyrillic ones; applied only to words that
#: mix scripts (``мемлекеттiк`` with a Latin ``i``), so Latin words stay Latin.
LOOKALIKES = str.maketrans(
    {
        "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "I": "І", "K": "К", "M": "М",
        "O": "О", "P": "Р", "T": "Т", "X": "Х", "Y": "У",
        "a": "а", "b": "ь", "c": "с", "e": "е", "h": "һ", "i": "і", "k": "к", "m": "м",
        "o": "о", "p": "р", "t": "т", "x": "х", "y": "у",
    }
)  # fmt: skip
QUOTES = str.maketrans("", "", "\"'«»“”„‟‘’‚`´\u00ad\u200b\u200c\u200d\ufeff")
HYPHENS = re.compile(r"[\u2010\u2011]")
LATIN = re.compile(r"[A-Za-z]")

STEMS_FILE = Path(__file__).with_name("data") / "kk_stems.txt"

# ---------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Morph:
    """One stripped suffix: its surface form and its class name."""

    form: str
    cls: str


@dataclass(frozen=True)
class Analysis:
    """Why a word got its key.

    Attributes:
        word: the input as given.
        stem: the index key (lower case, normalised).
        suffixes: the stripped suffixes, innermost first.
        source: ``lexicon`` (stem confirmed), ``rule`` (fallback stripping),
            ``verbatim`` (numbers, Latin words, abbreviations).
        changes: stem restorations applied, e.g. ``("ғ→қ",)`` or ``("+ы",)``.
        proper: the word was capitalised (a proper noun or sentence start);
            the key is lower case all the same.
    """

    word: str
    stem: str
    suffixes: tuple[Morph, ...] = ()
    source: str = "rule"
    changes: tuple[str, ...] = ()
    proper: bool = False

    def explain(self) -> str:
        """Human-readable derivation, e.g. ``бұйрық + ы (poss.3) + мен (case.ins) [lexicon; ғ→қ]``."""
        parts = [self.stem] + [f"{m.form} ({m.cls})" for m in self.suffixes]
        notes = "; ".join((self.source, *self.changes))
        return f"{' + '.join(parts)} [{notes}]"


@dataclass(frozen=True)
class Segmentation:
    """A candidate split of a normalised word into a stem and suffixes."""

    stem: str
    suffixes: tuple[Morph, ...]
    changes: tuple[str, ...]
    safe: bool  # uses safe suffix classes only
    lexicon_only: bool  # relies on a restoration that needs lexicon support


# ---------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------


def normalise(word: str) -> str:
    """Lower-case a word and bring its spelling to the index alphabet.

    >>> normalise("«Мемлекеттiк»")
    'мемлекеттік'
    >>> normalise("Windows")
    'windows'
    """
    word = HYPHENS.sub("-", word.translate(QUOTES)).strip()
    if LATIN.search(word) and CYRILLIC.search(word.lower()):
        word = word.translate(LOOKALIKES)
    return word.lower().replace("ё", "е")


# ---------------------------------------------------------------------------
# Engine
# ---------------------------------------------------------------------------


def _letter_class(ch: str) -> str | None:
    return _LETTER_CLASS.get(ch)


def _letter_context_ok(base: str, contexts: frozenset[str]) -> bool:
    if "ANY" in contexts:
        return True
    cls = _letter_class(base[-1])
    return cls in contexts or ("C" in contexts and cls in _CONSONANT_CLASSES)


@dataclass(frozen=True)
class _Inner:
    """What may stand inside (to the left of) a suffix just stripped."""

    only: frozenset[str] | None = None  # the next suffix must be one of these classes
    never: frozenset[str] = frozenset()  # ... and none of these
    stem: str = "ok"  # may the base be the stem: "ok", "lexicon" (needs support) or "no"

    def allows(self, cls: SuffixClass) -> bool:
        return (self.only is None or cls.name in self.only) and cls.name not in self.never


_START = _Inner()


def _inner_after(cls: SuffixClass, allo: Allomorph, rest: str) -> _Inner | None:
    """The requirement ``allo`` puts on ``rest``; None if it cannot follow ``rest``."""
    only = frozenset(cls.inner) if cls.inner else None
    never = frozenset(c[1:] for c in allo.contexts if c.startswith("~"))
    stem = cls.on_stem
    if not _letter_context_ok(rest, allo.contexts):
        if "P3" not in allo.contexts or rest[-1] not in "ыі":
            return None
        only, stem = frozenset({"poss.3"}), "lexicon"
    return _Inner(only, never, stem)


def _base_harmony(base: str) -> str | None:
    """Harmony of the last vowel of a base; None when it cannot tell."""
    for ch in reversed(base):
        if ch in BACK_VOWELS:
            # loans ending in к/г/ь take front endings: банкі, мониторингі
            return None if base[-1] in "кгь" else "back"
        if ch in FRONT_VOWELS:
            return "front"
        if ch in NEUTRAL_VOWELS:
            return None
    return None


def _harmony_ok(base: str, suffix_harmony: str | None) -> bool:
    if suffix_harmony is None:
        return True
    base_harmony = _base_harmony(base)
    return base_harmony is None or base_harmony == suffix_harmony


def _has_vowel(text: str) -> bool:
    return any(ch in VOWELS for ch in text)


def _restorations(
    rest: str, allo: Allomorph, cls: SuffixClass
) -> Iterator[tuple[str, tuple[str, ...], bool]]:
    """Yield ``(base, changes, lexicon_only)`` readings of a base before ``allo``."""
    if allo.form[0] not in VOWELS:
        yield rest, (), False
        return
    restored_only = False
    for written, restored in ALTERNATIONS:
        if rest.endswith(written):
            yield rest[:-1] + restored, (f"{written}→{restored}",), False
            restored_only = written in ALWAYS_RESTORE
    yield rest, (), restored_only
    if (
        cls.slot in ELISION_SLOTS
        and len(rest) >= 3
        and rest[-1] not in VOWELS
        and rest[-2] not in VOWELS - {"у"}
        and _has_vowel(rest[:-2])
    ):
        vowel = "ы" if allo.harmony == "back" else "і"
        for base in {rest, *(rest[:-1] + r for w, r in ALTERNATIONS if rest.endswith(w))}:
            yield base[:-1] + vowel + base[-1], (f"+{vowel}",), True


_CLASSES_BY_SLOT = {slot: tuple(c for c in SUFFIX_CLASSES if c.slot == slot) for slot in SLOTS}


def segmentations(word: str, classes: Iterable[SuffixClass] = SUFFIX_CLASSES) -> list[Segmentation]:
    """Every split of a normalised word allowed by the declared data.

    The unsplit word is always the first item.  Readings that need the
    lexicon (``кодексі+н`` as if ``кодексі`` were a stem like ``отбасы``, the
    elided-vowel ``кодекіс``) are flagged ``lexicon_only``.

    >>> [(s.stem, s.lexicon_only) for s in segmentations("кодексін")]
    [('кодексін', False), ('кодексі', True), ('кодекс', False), ('кодекіс', True)]
    """
    allowed = frozenset(c.name for c in classes)
    out: list[Segmentation] = []
    seen: set[tuple[str, tuple[Morph, ...]]] = set()

    def walk(
        base: str,
        slot_index: int,
        inner: _Inner,
        suffixes: tuple[Morph, ...],
        changes: tuple[str, ...],
        safe: bool,
        lexicon_only: bool,
    ) -> None:
        if inner.stem != "no" and (base, suffixes) not in seen:
            seen.add((base, suffixes))
            out.append(Segmentation(base, suffixes, changes, safe, lexicon_only or inner.stem == "lexicon"))
        for slot in SLOTS[slot_index:]:
            for cls in _CLASSES_BY_SLOT[slot]:
                if cls.name not in allowed or not inner.allows(cls):
                    continue
                for allo in cls.allomorphs:
                    if not base.endswith(allo.form):
                        continue
                    rest = base[: -len(allo.form)]
                    if len(rest) < MIN_STEM or not _has_vowel(rest) or not _harmony_ok(rest, allo.harmony):
                        continue
                    requirement = _inner_after(cls, allo, rest)
                    if requirement is None:
                        continue
                    morph = Morph(allo.form, cls.name)
                    for new_base, change, needs_lex in _restorations(rest, allo, cls):
                        walk(
                            new_base,
                            SLOTS.index(cls.slot) + 1,
                            requirement,
                            (morph, *suffixes),
                            change + changes,
                            safe and cls.safe,
                            lexicon_only or needs_lex,
                        )

    walk(word, 0, _START, (), (), True, False)
    return out


#: Line that opens the generated part of ``kk_stems.txt``.
CORPUS_SECTION = "# == 2."


def load_stems(path: Path | str = STEMS_FILE, *, hand_only: bool = False) -> set[str]:
    """Read a stem list: one stem per line, ``#`` starts a comment.

    Args:
        hand_only: stop at the generated section (:data:`CORPUS_SECTION`);
            used to regenerate that section.
    """
    stems = set()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if hand_only and line.startswith(CORPUS_SECTION):
            break
        stem = normalise(line.split("#", 1)[0])
        if stem:
            stems.add(stem)
    return stems


class KkAnalyser:
    """The Kazakh analyser: declared suffix data plus a stem lexicon.

    Args:
        stems: the stem lexicon; defaults to ``index/data/kk_stems.txt``.
    """

    def __init__(self, stems: Iterable[str] | None = None) -> None:
        self.stems: set[str] = set(load_stems() if stems is None else (normalise(s) for s in stems))

    def extend(self, stems: Iterable[str]) -> None:
        """Add stems, e.g. ``build_lexicon(texts, seed=analyser.stems)`` over a new corpus."""
        self.stems.update(normalise(s) for s in stems)

    # -- public -----------------------------------------------------------

    def analyse(self, word: str) -> list[Analysis]:
        """Best analyses of a word (several when genuinely ambiguous)."""
        original = word
        word = HYPHENS.sub("-", word.translate(QUOTES)).strip()
        proper = word[:1].isupper() and not word.isupper()
        if word.isupper() and len(word) <= ABBREVIATION_MAX and "-" not in word:
            return [Analysis(original, normalise(word), source="verbatim", proper=proper)]
        norm = normalise(word)
        if not CYRILLIC.search(norm):
            return [Analysis(original, norm, source="verbatim", proper=proper)]
        if "-" in norm:
            return self._analyse_hyphenated(original, word, norm, proper)
        return [
            Analysis(original, s.stem, s.suffixes, source, s.changes, proper)
            for s, source in self._choose(norm)
        ]

    def keys(self, word: str) -> list[str]:
        """Distinct index keys of a word, best first."""
        return list(dict.fromkeys(a.stem for a in self.analyse(word)))

    # -- internals --------------------------------------------------------

    def _choose(self, norm: str) -> list[tuple[Segmentation, str]]:
        segs = segmentations(norm)
        hits = [s for s in segs if s.stem in self.stems and len(s.stem) >= MIN_STEM]
        if hits:
            longest = max(len(s.stem) for s in hits)
            chosen = _distinct([s for s in hits if len(s.stem) == longest], "lexicon")
            if any(m.cls in PERSONAL_POSSESSIVES for s, _ in chosen for m in s.suffixes):
                chosen.append((segs[0], "rule"))  # құралым: құрал + ым, or a word of its own
            return chosen
        rule = rule_readings(norm, segs, self.stems)
        if not rule:
            return [(segs[0], "rule")]
        # strip as far as the safe rules go; equal-length readings (талап/талаб
        # for талабы) are all kept
        shortest = min(len(s.stem) for s in rule)
        chosen = [s for s in rule if len(s.stem) == shortest]
        first = chosen[0]
        if (
            len(first.suffixes) == 1
            and first.suffixes[0].cls == "case.acc"
            and first.suffixes[0].form in AMBIGUOUS_ACCUSATIVE
            and not first.stem.endswith("й")
        ):
            chosen.append(segs[0])  # қорытынды: қорытын + ды, or a stem of its own
        return _distinct(chosen, "rule")

    def _analyse_hyphenated(self, original: str, word: str, norm: str, proper: bool) -> list[Analysis]:
        head, _, last = norm.rpartition("-")
        if head and last and _is_abbreviation_or_number(word.rpartition("-")[0]):
            # ҚР-ның, АҚШ-тағы, 2025-жылғы is *not* this case (жылғы is a word)
            chain = _pure_suffix_chain(last)
            if chain is not None:
                return [Analysis(original, head, chain, "verbatim", (), proper)]
        if not head or not last or not CYRILLIC.search(last):
            return [Analysis(original, norm, source="verbatim", proper=proper)]
        return [
            Analysis(original, f"{head}-{s.stem}", s.suffixes, source, s.changes, proper)
            for s, source in self._choose(last)
        ]


def rule_readings(
    norm: str, segs: Iterable[Segmentation], stems: Container[str] = frozenset()
) -> list[Segmentation]:
    """The readings the rules may choose from when no stem is known.

    Safe suffix classes only, no lexicon-only restorations, stems of at least
    :data:`FALLBACK_MIN_STEM` letters, and no 3rd person possessive ``ы/і``
    where the stem keeps its vowel (:func:`keeps_final_vowel`).

    >>> [s.stem for s in rule_readings("құтқарушының", segmentations("құтқарушының"))]
    ['құтқарушының', 'құтқарушы']
    """
    out = []
    for s in segs:
        if not s.safe or s.lexicon_only or len(s.stem) < FALLBACK_MIN_STEM:
            continue
        if s.suffixes and s.suffixes[0].cls == "poss.3" and s.suffixes[0].form in ("ы", "і"):
            written = norm[: len(norm) - sum(len(m.form) for m in s.suffixes)]
            if keeps_final_vowel(written + s.suffixes[0].form, stems):
                continue
        out.append(s)
    return out


def keeps_final_vowel(word: str, stems: Container[str] = frozenset()) -> bool:
    """Is the final ``ы/і`` of ``word`` part of its stem rather than a possessive?

    Yes when ``word`` ends in a :data:`BOUND_FINALS` pattern or in a known stem
    (a compound: ``үстеме+ақы``).

    >>> keeps_final_vowel("құтқарушы"), keeps_final_vowel("жұмысы")
    (True, False)
    >>> keeps_final_vowel("үстемеақы", {"ақы"})
    True
    """
    if BOUND_FINALS.search(word):
        return True
    return any(
        word[i:] in stems and _has_vowel(word[:i])
        for i in range(COMPOUND_MIN_HEAD, len(word) - COMPOUND_MIN_TAIL + 1)
    )


def _distinct(segs: list[Segmentation], source: str) -> list[tuple[Segmentation, str]]:
    """One segmentation per stem, fewest suffixes first."""
    by_stem: dict[str, Segmentation] = {}
    for s in sorted(segs, key=lambda s: len(s.suffixes)):
        by_stem.setdefault(s.stem, s)
    return [(s, source) for s in by_stem.values()]


def _is_abbreviation_or_number(text: str) -> bool:
    """``2025``, ``ҚР``, ``АҚШ``, ``нқ`` (no vowel): letters read one by one."""
    if text.isdigit() or not _has_vowel(text.lower()):
        return True
    return len(text) <= ABBREVIATION_MAX and text.isupper()


def _pure_suffix_chain(text: str, slot_index: int = 0) -> tuple[Morph, ...] | None:
    """Split ``text`` into suffixes in template order, ignoring letter contexts.

    Used after abbreviations and numbers, whose pronunciation the letters do
    not show: ``ҚР-ның``, ``АҚШ-тағы``.

    >>> [m.cls for m in _pure_suffix_chain("тағы")]
    ['case.loc', 'rel']
    >>> _pure_suffix_chain("бөлім") is None
    True
    """
    if not text:
        return ()
    for slot in SLOTS[slot_index:]:
        for cls in _CLASSES_BY_SLOT[slot]:
            if not cls.safe:
                continue
            for allo in cls.allomorphs:
                if text.endswith(allo.form):
                    inner = _pure_suffix_chain(text[: -len(allo.form)], SLOTS.index(slot) + 1)
                    if inner is not None:
                        return (*inner, Morph(allo.form, cls.name))
    return None


# ---------------------------------------------------------------------------
# Lexicon building
# ---------------------------------------------------------------------------

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_INFLECTIONAL = tuple(c for c in SUFFIX_CLASSES if c.slot != "deriv")
_ALTERNATING = frozenset(written for written, _ in ALTERNATIONS)


def build_lexicon(
    texts: Iterable[str],
    *,
    seed: Iterable[str] = (),
    min_forms: int = 2,
    min_freq_bare: int = 10,
) -> list[str]:
    """Collect candidate stems from running text.

    Words are visited shortest first.  A word already explained by a known
    stem plus inflection (not derivation: ``орталық`` stays a stem even if
    ``орта`` is known) is skipped; a word with nothing to strip is a stem.
    The remaining words vote for every stem their segmentations allow, and
    stems are taken greedily, most supporting word forms first (shorter stem
    on ties, then the one with alternations undone: ``тиімділік`` before
    ``тиімділіг``), while at least ``min_forms`` forms support them.  Frequent
    leftovers (``min_freq_bare``) that rules would shorten by one letter only
    are kept as they are (``үшін``, ``жоғары``).

    Returns:
        new stems, sorted; ``seed`` stems are not repeated.
    """
    counts: Counter[str] = Counter()
    for text in texts:
        for match in WORD.finditer(text):
            for word in normalise(match.group()).split("-"):
                if CYRILLIC.search(word):
                    counts[word] += 1
    known = {normalise(s) for s in seed}
    new: set[str] = set()
    pending: dict[str, set[str]] = {}
    for word in sorted(counts, key=lambda w: (len(w), w)):
        segs = segmentations(word, _INFLECTIONAL)
        if any(s.stem in known or s.stem in new for s in segs):
            continue
        candidates = {s.stem for s in rule_readings(word, segs, known | new)}
        if candidates <= {word}:
            if len(word) >= FALLBACK_MIN_STEM:
                new.add(word)
            continue
        pending[word] = candidates
    while pending:
        support = Counter(c for cands in pending.values() for c in cands)
        best, votes = min(
            support.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0][-1] in _ALTERNATING, kv[0])
        )
        if votes < min_forms:
            break
        new.add(best)
        pending = {w: c for w, c in pending.items() if best not in c}
    new.update(
        w for w, c in pending.items() if counts[w] >= min_freq_bare and len(w) - min(map(len, c)) <= 1
    )
    return sorted(new - known)


# ---------------------------------------------------------------------------
# Module-level shared analyser
# ---------------------------------------------------------------------------

_DEFAULT: KkAnalyser | None = None


def default_analyser() -> KkAnalyser:
    """The shared analyser over ``index/data/kk_stems.txt``, built on first use."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = KkAnalyser()
    return _DEFAULT


@lru_cache(maxsize=200_000)
def _analyse_cached(word: str) -> tuple[Analysis, ...]:
    return tuple(default_analyser().analyse(word))


def add_corpus_stems(texts: Iterable[str]) -> list[str]:
    """Extend the shared analyser with the stems :func:`build_lexicon` finds in ``texts``.

    Returns:
        the stems added.
    """
    analyser = default_analyser()
    stems = build_lexicon(texts, seed=analyser.stems)
    analyser.extend(stems)
    _analyse_cached.cache_clear()
    return stems


def kk_analyse(word: str) -> list[Analysis]:
    """Analyses of a word with the shared analyser (cached per word)."""
    return list(_analyse_cached(word))


def kk_keys(word: str) -> list[str]:
    """Index keys of a Kazakh word: lower case, one or more (if ambiguous).

    >>> kk_keys("Қазақстан")
    ['қазақстан']
    >>> kk_keys("2025")
    ['2025']
    """
    if not word or not word.strip():
        return []
    return list(dict.fromkeys(a.stem for a in _analyse_cached(word)))


def main(argv: list[str] | None = None) -> int:
    """``python -m index.kk_morph FILE...``: print stems collected from corpus files.

    The output, reviewed, is section 2 of ``index/data/kk_stems.txt``.
    """
    import sys

    paths = sys.argv[1:] if argv is None else argv
    texts = [Path(p).read_text(encoding="utf-8") for p in paths]
    for stem in build_lexicon(texts, seed=load_stems(hand_only=True)):
        print(stem)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
