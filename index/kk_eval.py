"""Pairwise evaluation of index keys against a lemma table.

A table is a TSV of ``word<TAB>lemma`` lines (``#`` lines are comments).  Over
all pairs of distinct words, a pair is *positive* when both words have the same
lemma and *predicted positive* when their key sets intersect — that is, when a
search for one form would find the other.  Precision and recall follow.

Usage::

    python -m index.kk_eval [TSV ...]

prints precision / recall for each table (default: the shared dev set) and the
pairs that went wrong, with the analyses that explain them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from index.kk_morph import kk_analyse, kk_keys

#: The development set: the repository's copy, else the shared original.
DEV_SET_PLACES = (
    Path(__file__).resolve().parents[1] / "tests" / "data" / "kk_dev_lemmas.tsv",
    Path("/work/shared/kk_dev_lemmas.tsv"),
)
DEV_SET = next((p for p in DEV_SET_PLACES if p.exists()), DEV_SET_PLACES[-1])

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


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m index.kk_eval``."""
    paths = (sys.argv[1:] if argv is None else argv) or [str(DEV_SET)]
    for path in paths:
        print(report(path))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
