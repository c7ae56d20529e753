"""CLI verbs of the search layer: ``lemmas`` and ``search``."""

from __future__ import annotations

import sys

from .cli import DATE_HELP, CliError, location_args, quiet_arg, register
from .context import Progress, Settings, ensure_index, ensure_kb


def add_lemmas(sub) -> None:
    p = sub.add_parser("lemmas", help="show the index keys of words read from stdin, one per line")
    p.add_argument("--lang", choices=["ru", "kk"], required=True)


def cmd_lemmas(args) -> int:
    from index.lemmas_cli import run

    return run(args.lang, sys.stdin, sys.stdout)


def add_search(sub) -> None:
    p = sub.add_parser("search", help="morphological search in ru and kk, as of a date")
    p.add_argument("query", help='words (all forms), "exact phrase", OR, NOT, field filters like act:360 kind:duty')
    p.add_argument("--lang", choices=["ru", "kk"])
    p.add_argument("--as-of", dest="as_of", help=f"{DATE_HELP} (default: today)")
    p.add_argument("--kind", help="duty, must_know, requirement, card_item, rule, staffing_row, heading")
    p.add_argument("--act", help="act id or number")
    p.add_argument("--limit", type=int, default=10)
    location_args(p)
    quiet_arg(p)
    p.add_argument("--json", action="store_true")


def cmd_search(args) -> int:
    from index.cli import run_search

    as_of = Settings().as_of(args.as_of)  # read by api.cli.settle
    if not 1 <= args.limit <= 200:
        raise CliError("--limit: expected 1..200")
    progress = Progress(quiet=args.quiet)
    kb = ensure_kb(args.corpus, args.data, progress)
    ix = ensure_index(kb, args.data, progress)
    progress.status("searching")
    if progress.on:
        progress.stream.write("\r\033[K")  # the status line gives way to the answer
    try:
        print(run_search(ix, kb, args.query, args.lang, as_of, args.kind, args.act, args.limit, args.json))
    except ValueError as err:
        raise CliError(str(err)) from None
    return 0


register(add_lemmas, "lemmas", cmd_lemmas)
register(add_search, "search", cmd_search)
