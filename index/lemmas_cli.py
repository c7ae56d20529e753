"""``lemmas`` command: show the index keys of words, one word per line.

The command-line wiring (argparse, ``zangraph lemmas --lang kk``) lives with
the CLI; this module only does the work::

    $ printf 'кодексін\\nклубы\\n' | zangraph lemmas --lang kk
    кодексін	кодекс
    клубы	клуп|клуб
"""

from __future__ import annotations

from typing import TextIO

from index.analysis import keys_function

__all__ = ["run"]


def run(lang: str, stdin: TextIO, stdout: TextIO) -> int:
    """Read words from ``stdin`` and write ``word<TAB>key1|key2…`` lines.

    Blank lines are skipped; surrounding whitespace is trimmed.

    Args:
        lang: ``"ru"`` or ``"kk"``.

    Returns:
        the exit status, 0.

    Raises:
        ValueError: unknown language (raised before any input is read).
    """
    keys_of = keys_function(lang)
    for line in stdin:
        word = line.strip()
        if word:
            stdout.write(f"{word}\t{'|'.join(keys_of(word))}\n")
    return 0
