"""Evaluation of the Kazakh index keys: pairwise scores and recall on real texts.

**Pairwise.**  A table is a TSV of ``word<TAB>lemma`` lines (``#`` lines are comments).  Over
all pairs of distinct words, a pair is *positive* when both words have the same
lemma and *predicted positive* when their key sets intersect — that is, when a
search for one form would find the other.  Precision and recall follow.

**Recall on real texts.**  A gold table (``tests/data/kk_recall/gold.tsv``)
lists, for some lemmas, every inflected form found in the Kazakh development
texts by hand-assisted grep (:func:`candidates` lists the words to review).
For a lemma ``L`` with keys ``K(L)``:

* recall — share of its gold forms ``f`` with ``K(f) ∩ K(L) ≠ ∅``, i.e. a
  search for the lemma finds the form;
* precision — of the distinct words of the texts whose keys meet ``K(L)``,
  the share that are gold forms of ``L``.

Both are micro-averaged over lemmas.  The texts are summarised in
``tests/data/kk_recall/vocabulary.tsv`` (word and count), so the figures can be
reproduced without them.  ``--lexicon`` picks the analyser: ``shipped`` (the
stem list of the repository), ``none`` (rules alone: every word is new
vocabulary) or ``texts`` (shipped + :func:`index.kk_morph.build_lexicon` over
the texts, as if the build had seen them).

Usage::

    python -m index.kk_eval [TSV ...]
    python -m index.kk_eval recall [--lexicon shipped|none|texts] [--gold TSV] [--texts FILE ...]
    python -m index.kk_eval candidates LEMMA ... [--texts FILE ...]
    python -m index.kk_eval vocabulary FILE ... > tests/data/kk_recall/vocabulary.tsv

The first prints precision / recall for each table (default: the shared dev
set) and the pairs that went wrong, with the analyses that explain them.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from index.kk_morph import (
    ALTERNATIONS,
    CYRILLIC,
    WORD,
    KkAnalyser,
    build_lexicon,
    kk_analyse,
    kk_keys,
    load_stems,
    normalise,
)

#: The development set: the repository's copy, else the shared original.
DEV_SET_PLACES = (
    Path(__file__).resolve().parents[1] / "tests" / "data" / "kk_dev_lemmas.tsv",
    Path("/work/shared/kk_dev_lemmas.tsv"),
)
DEV_SET = next((p for p in DEV_SET_PLACES if p.exists()), DEV_SET_PLACES[-1])

RECALL_DIR = Path(__file__).resolve().parents[1] / "tests" / "data" / "kk_recall"
GOLD = RECALL_DIR / "gold.tsv"
VOCABULARY = RECALL_DIR / "vocabulary.tsv"
#: The Kazakh development texts the gold table and the vocabulary come from.
DEV_TEXTS = ("/work/shared/corpus-dev/*.kk.txt", "/work/shared/editions/*.kk.txt")

KeyFunction = Callable[[str], Iterable[str]]


@dataclass(frozen=True)
class PairScores:
    """Pair counts and the pairs behind the errors."""

    true_pos: int
    false_pos: int
    false_neg: int
    false_pos_pairs: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    false_neg_pairs: tuple[tuple[str, str], ...] = field(default=(), repr=False)

    @property
    def precision(self) -> float:
        predicted = self.true_pos + self.false_pos
        return self.true_pos / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        positive = self.true_pos + self.false_neg
        return self.true_pos / positive if positive else 1.0


def read_tsv(path: Path | str) -> list[tuple[str, str]]:
    """``(word, lemma)`` rows of a table; blank and ``#`` lines skipped.

    Raises:
        ValueError: a line without a tab, naming the file and line number.
    """
    rows = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        word, sep, lemma = line.partition("\t")
        if not sep:
            raise ValueError(f"{path}:{number}: expected 'word<TAB>lemma', got {line!r}")
        rows.append((word.strip(), lemma.strip()))
    return rows


def pair_scores(rows: Iterable[tuple[str, str]], keys: KeyFunction = kk_keys) -> PairScores:
    """Score ``keys`` over all pairs of distinct words in ``rows``."""
    lemma_of: dict[str, str] = {}
    for word, lemma in rows:
        lemma_of.setdefault(word, lemma)
    key_sets = {word: set(keys(word)) for word in lemma_of}
    tp = 0
    fp: list[tuple[str, str]] = []
    fn: list[tuple[str, str]] = []
    for a, b in combinations(lemma_of, 2):
        same = lemma_of[a] == lemma_of[b]
        meet = bool(key_sets[a] & key_sets[b])
        if same and meet:
            tp += 1
        elif meet:
            fp.append((a, b))
        elif same:
            fn.append((a, b))
    return PairScores(tp, len(fp), len(fn), tuple(fp), tuple(fn))


def report(path: Path | str, keys: KeyFunction = kk_keys, *, show: int = 10) -> str:
    """A printable report for one table."""
    rows = read_tsv(path)
    scores = pair_scores(rows, keys)
    lines = [
        f"{path}: {len(rows)} words, {scores.true_pos + scores.false_neg} positive pairs",
        f"precision {scores.precision:.4f}  recall {scores.recall:.4f}  "
        f"(tp {scores.true_pos}, fp {scores.false_pos}, fn {scores.false_neg})",
    ]
    errors = (("false positives", scores.false_pos_pairs), ("false negatives", scores.false_neg_pairs))
    for title, pairs in errors:
        if pairs:
            lines.append(f"{title} (first {min(show, len(pairs))} of {len(pairs)}):")
            for a, b in pairs[:show]:
                lines.append(f"  {a} / {b}: {_why(a)}  |  {_why(b)}")
    return "\n".join(lines)


def _why(word: str) -> str:
    return "; ".join(a.explain() for a in kk_analyse(word))


# ---------------------------------------------------------------------------
# Recall on real texts
# ---------------------------------------------------------------------------


def text_words(text: str) -> Iterable[str]:
    """Normalised Cyrillic words of a text; hyphenated words give their parts,
    as the index does (``қару-жарақты`` → ``қару``, ``жарақты``)."""
    for match in WORD.finditer(text):
        for part in normalise(match.group()).split("-"):
            if CYRILLIC.search(part):
                yield part


def vocabulary(texts: Iterable[str]) -> Counter[str]:
    """Word counts of texts (:func:`text_words`)."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(text_words(text))
    return counts


def read_vocabulary(path: Path | str = VOCABULARY) -> Counter[str]:
    """A ``word<TAB>count`` file as written by ``python -m index.kk_eval vocabulary``."""
    counts: Counter[str] = Counter()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, _, count = line.partition("\t")
            counts[word] = int(count or 1)
    return counts


def candidates(lemma: str, words: Iterable[str]) -> list[str]:
    """Words to review as forms of ``lemma``: those beginning with the lemma less
    its last letter, or with its voiced variant (``бұйрық`` → ``бұйры``, ``бұйрығ``).

    >>> candidates("бұйрық", ["бұйрығы", "бұйрықтың", "бұйра", "кітап"])
    ['бұйрығы', 'бұйрықтың']
    """
    lemma = normalise(lemma)
    prefixes = {lemma[:-1]} | {lemma[:-1] + w for w, r in ALTERNATIONS if lemma.endswith(r)}
    heads = tuple(p for p in prefixes if len(p) >= 2)
    return sorted(w for w in set(words) if w.startswith(heads))


def read_gold(path: Path | str = GOLD) -> dict[str, list[str]]:
    """``lemma -> forms`` of a gold table (``lemma<TAB>form<TAB>files``).

    Raises:
        ValueError: a line with fewer than two fields, naming the file and line.
    """
    gold: dict[str, list[str]] = defaultdict(list)
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 2:
            raise ValueError(f"{path}:{number}: expected 'lemma<TAB>form<TAB>files', got {line!r}")
        gold[normalise(fields[0])].append(normalise(fields[1]))
    return dict(gold)


@dataclass(frozen=True)
class RecallScores:
    """Recall and precision of lemma searches over a vocabulary.

    Attributes:
        found: gold forms whose keys meet the lemma's keys.
        gold: all gold forms.
        retrieved: distinct vocabulary words whose keys meet a lemma's keys
            (counted once per lemma).
        relevant: of those, the lemma's gold forms.
        missed: ``(lemma, form)`` of the gold forms not found.
        intruders: ``(lemma, word)`` of the words found that are not its forms.
    """

    found: int
    gold: int
    retrieved: int
    relevant: int
    missed: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    intruders: tuple[tuple[str, str], ...] = field(default=(), repr=False)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.relevant / self.retrieved if self.retrieved else 1.0


def recall_scores(
    gold: Mapping[str, Iterable[str]], words: Iterable[str], keys: KeyFunction = kk_keys
) -> RecallScores:
    """Score ``keys`` on a gold table against the distinct ``words`` of the texts."""
    words = sorted(set(words))
    key_sets = {w: set(keys(w)) for w in words}
    found = total = retrieved = relevant = 0
    missed: list[tuple[str, str]] = []
    intruders: list[tuple[str, str]] = []
    for lemma, forms in gold.items():
        lemma_keys = set(keys(lemma))
        forms = set(forms)
        for form in sorted(forms):
            total += 1
            if set(key_sets.get(form) or keys(form)) & lemma_keys:
                found += 1
            else:
                missed.append((lemma, form))
        hits = {w for w in words if key_sets[w] & lemma_keys}
        retrieved += len(hits)
        relevant += len(hits & forms)
        intruders.extend((lemma, w) for w in sorted(hits - forms))
    return RecallScores(found, total, retrieved, relevant, tuple(missed), tuple(intruders))


def analyser_for(lexicon: str, words: Counter[str] | None = None) -> KkAnalyser:
    """The analyser of a ``--lexicon`` choice: ``shipped``, ``none`` or ``texts``."""
    if lexicon == "shipped":
        return KkAnalyser()
    if lexicon == "none":
        return KkAnalyser(set())
    if lexicon == "texts":
        analyser = KkAnalyser()
        text = " ".join(w for w, n in (words or {}).items() for _ in range(n))
        analyser.extend(build_lexicon([text], seed=load_stems()))
        return analyser
    raise ValueError(f"unknown lexicon {lexicon!r}: expected 'shipped', 'none' or 'texts'")


def recall_report(scores: RecallScores, keys: KeyFunction, *, show: int = 15) -> str:
    """A printable recall report, with the misses and intruders explained."""
    lines = [
        f"recall {scores.recall:.4f} ({scores.found}/{scores.gold} gold forms)  "
        f"precision {scores.precision:.4f} ({scores.relevant}/{scores.retrieved} words retrieved)"
    ]
    for title, pairs in (("missed", scores.missed), ("intruders", scores.intruders)):
        if pairs:
            lines.append(f"{title} (first {min(show, len(pairs))} of {len(pairs)}):")
            lines.extend(f"  {lemma} {keys(lemma)} / {w} {keys(w)}" for lemma, w in pairs[:show])
    return "\n".join(lines)


def _texts_or_vocabulary(paths: list[str] | None) -> Counter[str]:
    if paths:
        return vocabulary(Path(p).read_text(encoding="utf-8") for p in paths)
    return read_vocabulary()


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m index.kk_eval``."""
    args = list(sys.argv[1:] if argv is None else argv)
    command = args[0] if args and args[0] in {"recall", "candidates", "vocabulary"} else "pairs"
    if command == "pairs":
        for path in args or [str(DEV_SET)]:
            print(report(path))
        return 0
    parser = argparse.ArgumentParser(prog=f"python -m index.kk_eval {command}")
    if command == "recall":
        parser.add_argument("--lexicon", choices=("shipped", "none", "texts"), default="shipped")
        parser.add_argument("--gold", default=str(GOLD))
        parser.add_argument("--texts", nargs="*")
        parser.add_argument("--show", type=int, default=15)
        opts = parser.parse_args(args[1:])
        words = _texts_or_vocabulary(opts.texts)
        keys = analyser_for(opts.lexicon, words).keys
        print(f"lexicon: {opts.lexicon}; gold: {opts.gold}; {len(words)} distinct words")
        print(recall_report(recall_scores(read_gold(opts.gold), words, keys), keys, show=opts.show))
    elif command == "candidates":
        parser.add_argument("lemmas", nargs="+")
        parser.add_argument("--texts", nargs="*")
        opts = parser.parse_args(args[1:])
        words = _texts_or_vocabulary(opts.texts)
        for lemma in opts.lemmas:
            print(f"# {lemma}")
            print("\n".join(f"{lemma}\t{w}\t{words[w]}" for w in candidates(lemma, words)))
    else:
        parser.add_argument("texts", nargs="+")
        opts = parser.parse_args(args[1:])
        words = _texts_or_vocabulary(opts.texts)
        print("# word<TAB>count of " + " ".join(Path(p).name for p in opts.texts))
        print("\n".join(f"{w}\t{n}" for w, n in sorted(words.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
