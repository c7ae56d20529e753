"""Tests for index.kk_morph: each declared rule alone, then tables of forms."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from pathlib import Path

import pytest

from index.kk_eval import DEV_SET, main, pair_scores, read_tsv
from index import kk_morph
from index.kk_morph import (
    KkAnalyser,
    Morph,
    add_corpus_stems,
    build_lexicon,
    kk_analyse,
    kk_keys,
    load_stems,
    normalise,
)

FORMS_TSV = Path(__file__).parent / "data" / "kk_forms.tsv"
FORMS = read_tsv(FORMS_TSV)
FORMS_BY_LEMMA: dict[str, list[str]] = defaultdict(list)
for _word, _lemma in FORMS:
    FORMS_BY_LEMMA[_lemma].append(_word)

needs_dev_set = pytest.mark.skipif(not DEV_SET.exists(), reason=f"{DEV_SET} not available")


def classes(word: str, analyser: KkAnalyser | None = None) -> tuple[str, tuple[str, ...]]:
    """(stem, suffix classes) of the best analysis."""
    best = (analyser.analyse(word) if analyser else kk_analyse(word))[0]
    return best.stem, tuple(m.cls for m in best.suffixes)


# -- normalisation -------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Қазақстан", "қазақстан"),
        ("мемлекеттiк", "мемлекеттік"),  # Latin i in a Cyrillic word
        ("бiлiктiлiк", "біліктілік"),
        ("Kодекс", "кодекс"),  # Latin K
        ("«Заңнама»", "заңнама"),  # quotes dropped
        ("ёлка", "елка"),
        ("Windows", "windows"),  # a Latin word stays Latin
        ("кейс\u2011менеджер", "кейс-менеджер"),  # non-breaking hyphen
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


# -- each suffix class alone ------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "stem", "suffix_classes"),
    [
        # plural, all three shapes
        ("балалар", "бала", ("plural",)),
        ("адамдар", "адам", ("plural",)),
        ("талаптар", "талап", ("plural",)),
        # possessives
        ("жұмысы", "жұмыс", ("poss.3",)),
        ("жүйесі", "жүйе", ("poss.3",)),
        ("балам", "бала", ("poss.1sg",)),
        ("балаң", "бала", ("poss.2sg",)),
        ("баламыз", "бала", ("poss.1pl",)),
        ("балаңыз", "бала", ("poss.2pol",)),
        # cases
        ("адамның", "адам", ("case.gen",)),
        ("саясаттың", "саясат", ("case.gen",)),
        ("адамға", "адам", ("case.dat",)),
        ("кітапқа", "кітап", ("case.dat",)),
        ("әкеме", "әке", ("poss.1sg", "case.dat")),  # -а/-е after a 1st/2nd person possessive only
        ("мәселені", "мәселе", ("case.acc",)),
        ("адамды", "адам", ("case.acc",)),
        ("кодексті", "кодекс", ("case.acc",)),
        ("жұмыста", "жұмыс", ("case.loc",)),
        ("ережеде", "ереже", ("case.loc",)),
        ("адамнан", "адам", ("case.abl",)),
        ("жұмыстан", "жұмыс", ("case.abl",)),
        ("адаммен", "адам", ("case.ins",)),
        ("жұмыспен", "жұмыс", ("case.ins",)),
        # pronominal case shapes after the 3rd person possessive
        ("кодексін", "кодекс", ("poss.3", "case.acc")),
        ("жұмысына", "жұмыс", ("poss.3", "case.dat")),
        ("лауазымында", "лауазым", ("poss.3", "case.loc")),
        ("күнінен", "күн", ("poss.3", "case.abl")),
        # relative -ғы: on a locative, or on a known stem
        ("саясаттағы", "саясат", ("case.loc", "rel")),
        ("жылғы", "жыл", ("rel",)),
        # privative
        ("санатсыз", "санат", ("priv",)),
        # the full template
        ("бұйрықтарымен", "бұйрық", ("plural", "poss.3", "case.ins")),
        ("кезеңдеріндегі", "кезең", ("plural", "poss.3", "case.loc", "rel")),
    ],
)
def test_suffix_class(word: str, stem: str, suffix_classes: tuple[str, ...]) -> None:
    assert classes(word) == (stem, suffix_classes)


@pytest.mark.parametrize(
    ("word", "stem", "change"),
    [
        ("бұйрығымен", "бұйрық", "ғ→қ"),
        ("орталығының", "орталық", "ғ→қ"),
        ("құқығындағы", "құқық", "ғ→қ"),
        ("біліктілігін", "біліктілік", "г→к"),
        ("министрлігінің", "министрлік", "г→к"),
        ("кітабы", "кітап", "б→п"),
        ("тәртібінің", "тәртіп", "б→п"),
        # vowel elision, undone against the lexicon
        ("орнынан", "орын", "+ы"),
        ("халқы", "халық", "+ы"),
        ("мүлкінің", "мүлік", "+і"),
        ("кәсіпорнына", "кәсіпорын", "+ы"),
    ],
)
def test_alternations(word: str, stem: str, change: str) -> None:
    best = kk_analyse(word)[0]
    assert (best.stem, best.changes) == (stem, (change,))


def test_kodeksin_is_kodeks_not_kodek() -> None:
    assert kk_keys("кодексін") == ["кодекс"]
    # even when "кодек" (codec) is a stem, and with no lexicon at all
    assert KkAnalyser({"кодек", "кодекс"}).keys("кодексін") == ["кодекс"]
    assert KkAnalyser(set()).keys("кодексін") == ["кодекс"]
    assert KkAnalyser(set()).keys("Еңбек") == ["еңбек"]


def test_explain_shows_why() -> None:
    assert kk_analyse("бұйрығымен")[0].explain() == "бұйрық + ы (poss.3) + мен (case.ins) [lexicon; ғ→қ]"
    assert kk_analyse("бұйрығымен")[0].suffixes == (Morph("ы", "poss.3"), Morph("мен", "case.ins"))


# -- lexicon versus rules -------------------------------------------------------------


@pytest.mark.parametrize(
    ("stems", "word", "keys"),
    [
        # derivation is stripped only if the lexicon says so
        ({"бала"}, "балалық", ["бала"]),
        ({"бала", "балалық"}, "балалық", ["балалық"]),
        ({"бала"}, "балалықтың", ["бала"]),
        (set(), "балалық", ["балалық"]),
        # longest stem wins
        ({"орта", "орталық"}, "орталығы", ["орталық"]),
        # a lexicalised possessive takes pronominal case endings
        ({"отбасы"}, "отбасына", ["отбасы"]),
        ({"отбасы"}, "отбасыны", ["отбасы"]),
        # rules alone: safe classes only, never below three letters
        (set(), "кітабым", ["кітабым"]),  # 1st person possessive needs the lexicon
        (set(), "іске", ["іске"]),
        ({"іс"}, "іске", ["іс"]),
        (set(), "бұйрығы", ["бұйрық"]),  # ғ is always restored
        (set(), "клубы", ["клуп", "клуб"]),  # г/б may end a loan: both readings
        (set(), "қазандағы", ["қазан"]),
        (set(), "саясатының", ["саясат"]),
    ],
)
def test_lexicon_policy(stems: set[str], word: str, keys: list[str]) -> None:
    assert KkAnalyser(stems).keys(word) == keys


@pytest.mark.parametrize(
    ("word", "keeps"),
    [
        # bound finals: the vowel belongs to a derivational suffix
        ("құтқарушы", True),  # agent -шы after у
        ("күзетші", True),  # agent -ші after a consonant
        ("аудармашы", True),  # agent -шы after the deverbal -ма
        ("құрылғы", True),  # -ғы noun
        ("үлгі", True),  # -гі noun
        ("дағды", True),  # consonant + д never ends a word
        # the 3rd person possessive
        ("жұмысы", False),
        ("ағашы", False),  # ағаш "tree" + ы
        ("мониторингі", False),  # the loans' нг
        ("бұйрығы", False),
    ],
)
def test_keeps_final_vowel(word: str, keeps: bool) -> None:
    assert kk_morph.keeps_final_vowel(word) is keeps


@pytest.mark.parametrize(
    ("stems", "word", "keys"),
    [
        # new vocabulary: the bound final keeps the stem's vowel in every form
        (set(), "құтқарушы", ["құтқарушы"]),
        (set(), "құтқарушының", ["құтқарушы"]),
        (set(), "құтқарушылар", ["құтқарушы"]),
        (set(), "қондырғысы", ["қондырғы"]),
        # a compound whose last part is known
        ({"ақы"}, "үстемеақы", ["үстемеақы"]),
        ({"ақы"}, "үстемеақының", ["үстемеақы"]),
        (set(), "үстемеақы", ["үстемеақ"]),  # without "ақы" the rules read a possessive
        # a bare word in -ды/-ты: accusative or a stem of its own, both keys
        (set(), "қорытынды", ["қорытынды", "қорытын"]),
        (set(), "айқындайды", ["айқындай"]),  # -йды is a verb, not a derivation
        # a 1st person possessive on a known stem also keeps the whole word
        ({"құрал"}, "құралым", ["құрал", "құралым"]),
    ],
)
def test_new_vocabulary_rules(stems: set[str], word: str, keys: list[str]) -> None:
    assert KkAnalyser(stems).keys(word) == keys


@pytest.mark.parametrize(
    ("word", "keys", "source"),
    [
        ("Қазақстанның", ["қазақстан"], "lexicon"),
        ("Республикасының", ["республика"], "lexicon"),
        ("Конституциясын", ["конституция"], "lexicon"),
        ("ҚР-ның", ["қр"], "verbatim"),  # an abbreviation with a detached ending
        ("АҚШ-тағы", ["ақш"], "verbatim"),
        ("ӨҚЖ", ["өқж"], "verbatim"),
        ("2025", ["2025"], "verbatim"),
        ("Windows", ["windows"], "verbatim"),
        ("зорлық-зомбылықтың", ["зорлық-зомбылық"], "lexicon"),
        ("15-тармағы", ["15-тармақ"], "lexicon"),
        ("1-бөлім", ["1-бөлім"], "lexicon"),
    ],
)
def test_special_words(word: str, keys: list[str], source: str) -> None:
    assert kk_keys(word) == keys
    assert kk_analyse(word)[0].source == source


def test_proper_noun_flag() -> None:
    assert kk_analyse("Қазақстанның")[0].proper
    assert not kk_analyse("қазақстанның")[0].proper
    assert kk_keys("Қазақстанның") == kk_keys("қазақстанның")


def test_empty_input() -> None:
    assert kk_keys("") == []
    assert kk_keys("   ") == []


# -- the table of forms ---------------------------------------------------------------


def test_forms_table_size() -> None:
    assert len(FORMS) >= 120


@pytest.mark.parametrize("lemma", sorted(FORMS_BY_LEMMA))
def test_forms_of_a_lemma_share_a_key(lemma: str) -> None:
    missed = [
        (a, b) for a, b in combinations(FORMS_BY_LEMMA[lemma], 2) if not set(kk_keys(a)) & set(kk_keys(b))
    ]
    assert not missed, [(a, kk_keys(a), b, kk_keys(b)) for a, b in missed]


@pytest.mark.parametrize("lemma", sorted(FORMS_BY_LEMMA))
def test_forms_of_different_lemmas_do_not_meet(lemma: str) -> None:
    own = {k for w in FORMS_BY_LEMMA[lemma] for k in kk_keys(w)}
    clashes = {
        other: own & {k for w in words for k in kk_keys(w)}
        for other, words in FORMS_BY_LEMMA.items()
        if other != lemma
    }
    assert not {o: k for o, k in clashes.items() if k}


def test_forms_table_scores() -> None:
    scores = pair_scores(FORMS)
    assert scores.precision >= 0.95
    assert scores.recall >= 0.95


# -- the development set ----------------------------------------------------------------


@needs_dev_set
def test_dev_set_thresholds() -> None:
    scores = pair_scores(read_tsv(DEV_SET))
    assert scores.precision >= 0.95, scores.false_pos_pairs[:10]
    assert scores.recall >= 0.9, scores.false_neg_pairs[:10]


@needs_dev_set
def test_lexicon_holds_no_inflected_dev_forms() -> None:
    """The dev set measures the analyser; it must not be copied into the lexicon."""
    stems = load_stems()
    assert not [w for w, lemma in read_tsv(DEV_SET) if normalise(w) != lemma and normalise(w) in stems]


def test_lexicon_holds_no_inflected_table_forms() -> None:
    stems = load_stems()
    assert not [w for w, lemma in FORMS if normalise(w) != lemma and normalise(w) in stems]


# -- lexicon building and evaluation ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seed", "expected_in", "expected_out"),
    [
        ("кодексі кодексін кодексті кодекстің", (), {"кодекс"}, {"кодексі", "кодексін"}),
        ("орта ортада орталық орталықтың", (), {"орта", "орталық"}, {"ортада"}),  # derivation stays
        ("сауда саудасы", (), {"сауда"}, {"сау"}),  # shared evidence beats stripping
        ("бұйрық бұйрығы", ("бұйрық",), set(), {"бұйрық", "бұйрығы"}),  # seed not repeated
    ],
)
def test_build_lexicon(
    text: str, seed: tuple[str, ...], expected_in: set[str], expected_out: set[str]
) -> None:
    stems = set(build_lexicon([text], seed=seed, min_freq_bare=100))
    assert expected_in <= stems
    assert not expected_out & stems


def test_add_corpus_stems_extends_the_shared_analyser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kk_morph, "_DEFAULT", KkAnalyser(set()))
    kk_morph._analyse_cached.cache_clear()
    try:
        assert kk_keys("сауда") == ["сау"]  # rules alone read сау+да
        assert "сауда" in add_corpus_stems(["сауда саудасы"])
        assert kk_keys("сауда") == ["сауда"]
        assert kk_keys("саудасы") == ["сауда"]
    finally:
        kk_morph._analyse_cached.cache_clear()


def test_pair_scores_counts() -> None:
    rows = [("а1", "a"), ("а2", "a"), ("б1", "b")]
    keys = {"а1": ["x"], "а2": ["y"], "б1": ["x"]}
    scores = pair_scores(rows, keys.__getitem__)
    assert (scores.true_pos, scores.false_pos, scores.false_neg) == (0, 1, 1)
    assert scores.false_pos_pairs == (("а1", "б1"),)


def test_read_tsv_reports_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("# comment\nкодекс\tкодекс\nкодексі кодекс\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.tsv:3"):
        read_tsv(path)


def test_eval_entry_point(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(FORMS_TSV)]) == 0
    assert "precision 1.0000" in capsys.readouterr().out
