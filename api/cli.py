"""The ``zangraph`` command line.

Every verb prints a readable answer by default and JSON with ``--json``.  Bad input
ends with one readable line on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from typing import Any

from parser.clean import FORMATS

EXIT_USAGE = 2

#: The help of every date option; :func:`api.context.parse_date` reads both forms.
DATE_HELP = "a date дд.мм.гггг or YYYY-MM-DD"

#: Every date option of every verb (argparse dest → the flag), read by one parser in :func:`main`.
DATE_OPTIONS = {"as_of": "--as-of", "date_from": "--from", "date_to": "--to", "date": "--date",
                "edition_date": "--edition-date"}


class CliError(Exception):
    """A user-facing error: printed as one line, exit code 2."""


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, default=str)


# --- parse ---------------------------------------------------------------------------


def cmd_parse(args: argparse.Namespace) -> int:
    from parser.corpus import read_corpus
    from parser.pipeline import ParseError, parse_path

    if args.check:
        from kb.refacts import resolve_documents

        from .context import corpus_location

        acts = read_corpus(args.path or corpus_location().path)
        docs = [(expr.path, parse_path(expr.path)) for act in acts for expr in act.expressions]
        unresolved: dict[str, list[str]] = {}  # acts cited by must-know items that kb/data/acts.json lacks
        for u in resolve_documents([doc for _, doc in docs])["unresolved"]:
            if u["name"] not in unresolved.setdefault(u["doc"], []):
                unresolved[u["doc"]].append(u["name"])
        stats: dict[str, Any] = {}
        for path, doc in docs:
            c = doc.counts()
            buckets = {k: len(v) for k, v in sorted(doc.buckets.items())}
            names = unresolved.get(doc.path, [])
            key = os.path.normpath(os.path.relpath(path))
            stats[key] = {**c, "buckets": buckets, "unresolved_acts": names}
            if not args.json:
                print(f"{os.path.relpath(path)}: units {c['units']}, positions {c['positions']}, "
                      f"cards {c['cards']}, staffing rows {c['staffing_rows']}, "
                      f"amendments {c['amendments']}, unparsed {c['unparsed']}, "
                      f"warnings {c['warnings']}, errors {c['errors']}")
                print("  buckets: " + (", ".join(f"{k} {n}" for k, n in buckets.items()) or "none"))
                if names:
                    print(f"  acts not in kb/data/acts.json ({len(names)}): " + "; ".join(names))
                for d in doc.diagnostics:
                    print(f"  {d}")
        if args.json:
            print(_dump(stats))
        return EXIT_USAGE if any(d.severity == "error" for _, doc in docs for d in doc.diagnostics) else 0
    if not args.path:
        raise CliError("parse: give a FILE, or --check [FOLDER]")
    try:
        doc = parse_path(args.path, lang=args.lang, fmt=args.format)
    except ParseError as err:
        raise CliError(str(err)) from None
    if args.json:
        print(_dump(doc.to_dict()))
    else:
        c = doc.counts()
        print(f"{doc.path} ({doc.lang}, {doc.format}): " + ", ".join(f"{k} {v}" for k, v in c.items()))
        for d in doc.diagnostics:
            print(f"  {d}")
    return EXIT_USAGE if any(d.severity == "error" for d in doc.diagnostics) else 0


# --- config: the locations in use ---------------------------------------------------------


def location_args(p: argparse.ArgumentParser, data: bool = True) -> None:
    """``--corpus`` (and ``--data``): their defaults are chosen in :func:`main`, not here, so a
    verb knows whether a flag, a variable or a default chose them (:mod:`api.context`)."""
    p.add_argument("--corpus", help="corpus folder (default: $ZANGRAPH_CORPUS, the source checkout's corpus/, "
                                    "else ~/.local/share/zangraph/corpus; see `zangraph config`)")
    if data:
        p.add_argument("--data", help="built data folder (default: $ZANGRAPH_DATA, else "
                                      "$XDG_DATA_HOME/zangraph = ~/.local/share/zangraph)")


def quiet_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("-q", "--quiet", action="store_true",
                   help="no progress on stderr (it is shown only on a terminal anyway)")


def cmd_config(args: argparse.Namespace) -> int:
    """The locations and defaults in use, and where each came from."""
    from .context import Settings, index_path, kb_path

    s = Settings()
    kb, ix = kb_path(args.data), index_path(args.data)
    rows = {
        "corpus": {"value": args.corpus, "from": args.corpus_from, "exists": os.path.isdir(args.corpus)},
        "data": {"value": args.data, "from": args.data_from, "exists": os.path.isdir(args.data)},
        "kb": {"value": kb, "from": "data", "exists": os.path.isfile(kb)},
        "index": {"value": ix, "from": "data", "exists": os.path.isdir(ix)},
        "lang": {"value": s.default_lang, "from": "$ZANGRAPH_LANG" if os.environ.get("ZANGRAPH_LANG") else "default"},
        "as_of": {"value": s.default_as_of or "today",
                  "from": "$ZANGRAPH_AS_OF" if s.default_as_of else "default"},
    }
    if args.json:
        print(_dump(rows))
        return 0
    for name, r in rows.items():
        missing = "" if r.get("exists", True) else "  (not there yet)"
        print(f"{name:<7}{r['value']}{missing}\n{'':7}from {r['from']}")
    return 0


def add_config(sub) -> None:
    p = sub.add_parser("config", aliases=["where"],
                       help="the corpus and data folders in use (and the defaults), and where each came from")
    location_args(p)
    p.add_argument("--json", action="store_true")


# --- wiring --------------------------------------------------------------------------

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"parse": cmd_parse, "config": cmd_config,
                                                           "where": cmd_config}


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="zangraph", description="Kazakhstan qualification law: parse, query, search, serve.")
    sub = p.add_subparsers(dest="command", required=True)
    sp = sub.add_parser("parse", help="parse a corpus file (or --check a corpus folder)")
    sp.add_argument("path", nargs="?", help="a text file, or with --check a corpus folder (default: the corpus in use, see `zangraph config`)")
    sp.add_argument("--check", action="store_true",
                    help="print per-document counts, bucket sizes and the acts kb/data/acts.json lacks")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--lang", choices=["ru", "kk"], help="language, when the file has no act.json beside it")
    sp.add_argument("--format", choices=sorted(FORMATS), help="source format (default: act.json, else sniffed from the content)")
    add_config(sub)
    for extra in _EXTRA:
        extra(sub)
    return p


_EXTRA: list[Callable[[Any], None]] = []


def register(adder: Callable[[Any], None], name: str, fn: Callable[[argparse.Namespace], int]) -> None:
    """Other modules add verbs: ``adder(subparsers)`` defines the arguments."""
    _EXTRA.append(adder)
    COMMANDS[name] = fn


def main(argv: list[str] | None = None) -> int:
    _load_verbs()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settle(args)
        return COMMANDS[args.command](args)
    except CliError as err:
        print(f"zangraph {args.command}: {err}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `zangraph … | head`: the reader left; nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0
    except (ValueError, OSError) as err:  # parser/corpus errors carry file and line already
        print(f"zangraph {args.command}: {err}", file=sys.stderr)
        return EXIT_USAGE
    except LookupError as err:  # not found / ambiguous from the query layer
        print(f"zangraph {args.command}: {err}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as err:  # noqa: BLE001 - one readable line, never a traceback
        print(f"zangraph {args.command}: internal error: {type(err).__name__}: {err} "
              "(please report it with the command line)", file=sys.stderr)
        return 3


def settle(args: argparse.Namespace) -> None:
    """Fill in the locations (``args.corpus``/``args.data`` and ``…_from``: which rule chose them)
    and read every date option (дд.мм.гггг or YYYY-MM-DD → ISO) — one place for all verbs."""
    from .context import corpus_location, data_location, parse_date

    if hasattr(args, "corpus"):
        loc = corpus_location(args.corpus)
        args.corpus, args.corpus_from = loc.path, loc.source
    if hasattr(args, "data"):
        loc = data_location(args.data)
        args.data, args.data_from = loc.path, loc.source
    for dest, flag in DATE_OPTIONS.items():
        if isinstance(getattr(args, dest, None), str):
            setattr(args, dest, parse_date(getattr(args, dest), flag))


def _load_verbs() -> None:
    """Import the modules that register more verbs (kept lazy: `parse` needs none of them)."""
    import importlib

    for mod in ("api.cli_kb", "api.cli_search", "api.cli_serve", "api.cli_add"):
        try:
            importlib.import_module(mod)
        except ModuleNotFoundError as err:
            if err.name != mod:
                raise


if __name__ == "__main__":  # `python -m api.cli`: run the importable module, where the verbs register
    from api.cli import main as _main

    sys.exit(_main())
