"""Number words → int, for the Russian and Kazakh wording of amendment notes.

Editors write unit numbers as words: "Абзац девятый пункта 5", "Абзац семнадцать пункта 12-1",
"Абзац двадцать четыре пункта 52", "по истечении десяти календарных дней", and in Kazakh
"тоғызыншы абзацы", "күнтізбелік он күн".  :func:`word_to_int` reads ordinals and cardinals
in any gender and case, compounds up to 9999, ``ё``/``е`` and hyphen spellings alike, and
raises :class:`ValueError` naming the text on anything it does not know — it never guesses.

The vocabulary is data: one table per language, expanded once into a dict ``form -> (value,
is_ordinal)``.  A number phrase is a sequence of such words read by :func:`_compose` with
the ordinary grammar (thousands, hundreds, tens, units; only the last word may be ordinal).
"""

from __future__ import annotations

from .patterns import NUM_DIGITS_RE, NUM_SPLIT_RE

__all__ = ["word_to_int", "is_number_word"]

# --- Russian --------------------------------------------------------------------------------

# Adjective endings of ordinals in every gender, number and case ("первый", "первого",
# "первая", "первую", "первое", "первые", "первых", "первыми", ...).
_RU_ADJ_ENDINGS = (
    "ый", "ой", "ий", "ого", "его", "ому", "ему", "ым", "им", "ом", "ем",
    "ая", "яя", "ую", "юю", "ое", "ее", "ые", "ие", "ых", "их", "ыми", "ими", "ей",
)

# Ordinal stems; the full form is stem + one of _RU_ADJ_ENDINGS.
_RU_ORDINAL_STEMS: dict[str, int] = {
    "нулев": 0, "перв": 1, "втор": 2, "четверт": 4, "пят": 5, "шест": 6, "седьм": 7,
    "восьм": 8, "девят": 9, "десят": 10, "одиннадцат": 11, "двенадцат": 12, "тринадцат": 13,
    "четырнадцат": 14, "пятнадцат": 15, "шестнадцат": 16, "семнадцат": 17, "восемнадцат": 18,
    "девятнадцат": 19, "двадцат": 20, "тридцат": 30, "сороков": 40, "пятидесят": 50,
    "шестидесят": 60, "семидесят": 70, "восьмидесят": 80, "девяност": 90, "сот": 100,
    "двухсот": 200, "трехсот": 300, "четырехсот": 400, "пятисот": 500, "шестисот": 600,
    "семисот": 700, "восьмисот": 800, "девятисот": 900, "тысячн": 1000,
}

# "третий" declines like a possessive adjective ("третьего", "третья", ...): listed in full.
_RU_ORDINAL_FORMS: dict[str, int] = {
    f: 3
    for f in (
        "третий", "третьего", "третьему", "третьим", "третьем", "третья", "третьей", "третью",
        "третье", "третьи", "третьих", "третьими",
    )
}

# Cardinals, every case form written out (nominative, genitive, dative, instrumental, ...).
_RU_CARDINALS: dict[int, tuple[str, ...]] = {
    0: ("ноль", "нуль", "ноля", "нуля", "нолю", "нулю", "нолем", "нулем", "ноле", "нуле"),
    1: ("один", "одного", "одному", "одним", "одном", "одна", "одной", "одну", "одно", "одни", "одних",
        "одними"),
    2: ("два", "две", "двух", "двум", "двумя"),
    3: ("три", "трех", "трем", "тремя"),
    4: ("четыре", "четырех", "четырем", "четырьмя"),
    5: ("пять", "пяти", "пятью"),
    6: ("шесть", "шести", "шестью"),
    7: ("семь", "семи", "семью"),
    8: ("восемь", "восьми", "восемью", "восьмью"),
    9: ("девять", "девяти", "девятью"),
    10: ("десять", "десяти", "десятью"),
    11: ("одиннадцать", "одиннадцати", "одиннадцатью"),
    12: ("двенадцать", "двенадцати", "двенадцатью"),
    13: ("тринадцать", "тринадцати", "тринадцатью"),
    14: ("четырнадцать", "четырнадцати", "четырнадцатью"),
    15: ("пятнадцать", "пятнадцати", "пятнадцатью"),
    16: ("шестнадцать", "шестнадцати", "шестнадцатью"),
    17: ("семнадцать", "семнадцати", "семнадцатью"),
    18: ("восемнадцать", "восемнадцати", "восемнадцатью"),
    19: ("девятнадцать", "девятнадцати", "девятнадцатью"),
    20: ("двадцать", "двадцати", "двадцатью"),
    30: ("тридцать", "тридцати", "тридцатью"),
    40: ("сорок", "сорока"),
    50: ("пятьдесят", "пятидесяти", "пятьюдесятью"),
    60: ("шестьдесят", "шестидесяти", "шестьюдесятью"),
    70: ("семьдесят", "семидесяти", "семьюдесятью"),
    80: ("восемьдесят", "восьмидесяти", "восемьюдесятью"),
    90: ("девяносто", "девяноста"),
    100: ("сто", "ста"),
    200: ("двести", "двухсот", "двумстам", "двумястами", "двухстах"),
    300: ("триста", "трехсот", "тремстам", "тремястами", "трехстах"),
    400: ("четыреста", "четырехсот", "четырехстам", "четырьмястами", "четырехстах"),
    500: ("пятьсот", "пятисот", "пятистам", "пятьюстами", "пятистах"),
    600: ("шестьсот", "шестисот", "шестистам", "шестьюстами", "шестистах"),
    700: ("семьсот", "семисот", "семистам", "семьюстами", "семистах"),
    800: ("восемьсот", "восьмисот", "восьмистам", "восемьюстами", "восьмистах"),
    900: ("девятьсот", "девятисот", "девятистам", "девятьюстами", "девятистах"),
    1000: ("тысяча", "тысячи", "тысяче", "тысячу", "тысячей", "тысячею", "тысяч", "тысячам", "тысячами",
           "тысячах"),
}

# --- Kazakh ---------------------------------------------------------------------------------

# Cardinal → its ordinal (suffix -ыншы/-інші after a consonant, -ншы/-нші after a vowel;
# "қырық" drops its vowel: "қырқыншы").
_KK_NUMBERS: dict[int, tuple[str, str]] = {
    1: ("бір", "бірінші"), 2: ("екі", "екінші"), 3: ("үш", "үшінші"), 4: ("төрт", "төртінші"),
    5: ("бес", "бесінші"), 6: ("алты", "алтыншы"), 7: ("жеті", "жетінші"), 8: ("сегіз", "сегізінші"),
    9: ("тоғыз", "тоғызыншы"), 10: ("он", "оныншы"), 20: ("жиырма", "жиырмасыншы"),
    30: ("отыз", "отызыншы"), 40: ("қырық", "қырқыншы"), 50: ("елу", "елуінші"),
    60: ("алпыс", "алпысыншы"), 70: ("жетпіс", "жетпісінші"), 80: ("сексен", "сексенінші"),
    90: ("тоқсан", "тоқсаныншы"), 100: ("жүз", "жүзінші"), 1000: ("мың", "мыңыншы"),
}
_KK_ZERO = ("нөл", "нөлінші")

# Case and possessive endings a Kazakh number word may carry in running text
# ("тоғызыншысы", "онға", "екіден", "біріншіні").  Written out, so no stem matching is needed.
_KK_ENDINGS = (
    "", "сы", "сі", "ы", "і", "ның", "нің", "дың", "дің", "тың", "тің", "ға", "ге", "қа", "ке", "на", "не",
    "ны", "ні", "ды", "ді", "ты", "ті", "да", "де", "та", "те", "нда", "нде", "дан", "ден", "тан", "тен",
    "нан", "нен", "мен", "бен", "пен", "сын", "сін", "сына", "сіне",
)


def _build_vocabulary() -> dict[str, tuple[int, bool]]:
    """Expand the tables into ``form -> (value, is_ordinal)``; a clash of values is a bug."""
    vocab: dict[str, tuple[int, bool]] = {}

    def put(form: str, value: int, ordinal: bool) -> None:
        old = vocab.get(form)
        if old is not None and old[0] != value:
            raise AssertionError(f"number word {form!r} means both {old[0]} and {value}")
        # a form that is both cardinal and ordinal of the same value stays cardinal
        if old is None:
            vocab[form] = (value, ordinal)

    for value, forms in _RU_CARDINALS.items():
        for form in forms:
            put(form, value, False)
    for stem, value in _RU_ORDINAL_STEMS.items():
        for ending in _RU_ADJ_ENDINGS:
            put(stem + ending, value, True)
    for form, value in _RU_ORDINAL_FORMS.items():
        put(form, value, True)
    kk = dict(_KK_NUMBERS)
    kk[0] = _KK_ZERO
    for value, (cardinal, ordinal) in kk.items():
        for ending in _KK_ENDINGS:
            put(cardinal + ending, value, False)
            put(ordinal + ending, value, True)
    return vocab


_VOCAB = _build_vocabulary()


def _normalise(text: str) -> str:
    return text.strip().lower().replace("ё", "е")


def is_number_word(word: str) -> bool:
    """True if ``word`` alone is a known Russian or Kazakh number word.

    >>> is_number_word("Девятый"), is_number_word("тоғызыншы"), is_number_word("пункта")
    (True, True, False)
    """
    return _normalise(word) in _VOCAB


def _slot(value: int) -> int:
    """Position of a word inside a group below 1000: 0 hundreds, 1 tens (and teens), 2 units."""
    if value >= 100:
        return 0
    if value >= 10:
        return 1
    return 2


def _compose(words: list[str], text: str) -> int:
    """Read a sequence of number words with the usual grammar; ``text`` is for the error.

    A group below 1000 is read as hundreds, tens, units in that order (a teen fills both
    tens and units); "тысяча"/"мың" closes a group as a multiplier.  Kazakh puts a unit before
    "жүз" as its multiplier ("екі жүз" = 200).
    """
    if len(words) == 1:
        return _VOCAB[words[0]][0]
    total = 0  # completed thousands
    current = 0  # the group being read
    slot = -1  # last slot filled in the current group
    for i, word in enumerate(words):
        value, ordinal = _VOCAB[word]
        if ordinal and i != len(words) - 1:
            raise ValueError(f"not a number: {text!r} (ordinal {word!r} must be the last word)")
        if value == 0:
            raise ValueError(f"not a number: {text!r} (zero inside a compound)")
        if value == 1000:
            if total:
                raise ValueError(f"not a number: {text!r} (two thousands groups)")
            total, current, slot = (current or 1) * 1000, 0, -1
            continue
        if value == 100 and slot == 2 and current < 10:
            current, slot = current * 100, 0  # Kazakh "екі жүз"
            continue
        new_slot = _slot(value)
        if new_slot <= slot:
            raise ValueError(f"not a number: {text!r} ({word!r} cannot follow the words before it)")
        current += value
        slot = 2 if 10 < value < 20 else new_slot
    return total + current


def word_to_int(text: str) -> int:
    """Read a Russian or Kazakh number written in words (or digits) and return its value.

    Ordinals and cardinals, any gender and case, compounds, ``ё`` or ``е``, words joined by
    spaces or hyphens.  Digits pass through, also with an ordinal ending ("9-й", "9-шы").

    >>> word_to_int("девятый"), word_to_int("первого"), word_to_int("Первая")
    (9, 1, 1)
    >>> word_to_int("двадцать четвертый"), word_to_int("двадцать четвёртого"), word_to_int("сто первый")
    (24, 24, 101)
    >>> word_to_int("семнадцать"), word_to_int("двадцать четыре"), word_to_int("десяти")
    (17, 24, 10)
    >>> word_to_int("двадцати одного"), word_to_int("тридцать-первый")
    (21, 31)
    >>> word_to_int("тоғызыншы"), word_to_int("он жетінші"), word_to_int("жиырма төртінші")
    (9, 17, 24)
    >>> word_to_int("он"), word_to_int("екі жүз бес")
    (10, 205)
    >>> word_to_int("12"), word_to_int("9-й")
    (12, 9)
    >>> word_to_int("пункта")
    Traceback (most recent call last):
    ...
    ValueError: not a number: 'пункта' (unknown word 'пункта')
    """
    if not isinstance(text, str):
        raise ValueError(f"not a number: {text!r}")
    norm = _normalise(text)
    digits = NUM_DIGITS_RE.fullmatch(norm)
    if digits:
        return int(digits.group("digits"))
    words = NUM_SPLIT_RE.split(norm)
    if not norm or "" in words:  # empty, or a dangling hyphen: "тоғыз-"
        raise ValueError(f"not a number: {text!r}")
    for word in words:
        if word not in _VOCAB:
            raise ValueError(f"not a number: {text!r} (unknown word {word!r})")
    return _compose(words, text)
