"""CLI verbs for the three jobs and the server: ``serve``, ``jd``, ``staffing``, ``export``.

    zangraph serve [--host 127.0.0.1] [--port 8000] [--workers N]
    zangraph jd "Юрист" --act 580-НҚ --lang kk --as-of 2026-11-24 --format docx --out jd.docx
    zangraph staffing --visits 75 [--as-of …] [--json]
    zangraph export 580-НҚ --as-of 2026-11-24 --lang ru --out 580.akn.xml

The KB is loaded from the data folder, or built from the corpus when missing (progress on
stderr).  ``serve`` with several workers hands uvicorn the import string
``api.app:app_factory`` (``factory=True``) and passes the settings as ``ZANGRAPH_*``
environment variables; the KB is built once, before the workers start.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from .cli import DATE_HELP, CliError, location_args, register
from .context import Settings, kb_path
from .errors import ApiError


def _dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, default=str)


def _data_args(p: argparse.ArgumentParser) -> None:
    location_args(p)


def _settings(args, as_of: str | None = None, lang: str | None = None) -> Settings:
    s = Settings()
    return Settings(
        corpus=args.corpus,
        data_dir=args.data,
        default_lang=lang or s.default_lang,
        default_as_of=as_of or s.default_as_of,
    )


def _kb(settings: Settings):
    from .app import load_kb

    kb, _ = load_kb(settings, index=False)  # the job verbs need no search index
    return kb


def _date(args) -> str:
    return Settings().as_of(getattr(args, "as_of", None))  # read by api.cli.settle


def _write(data: bytes | str, out: str | None, binary: bool = False) -> None:
    raw = data.encode() if isinstance(data, str) else data
    if out:
        with open(out, "wb") as fh:
            fh.write(raw)
        print(f"wrote {out} ({len(raw)} bytes)", file=sys.stderr)
        return
    if binary and sys.stdout.isatty():
        raise CliError("this format is binary: give --out FILE (or redirect stdout)")
    sys.stdout.buffer.write(raw)
    sys.stdout.flush()


# --- serve -----------------------------------------------------------------------------------


def add_serve(sub) -> None:
    p = sub.add_parser("serve", help="serve the HTTP API and the search page (uvicorn)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--rebuild", action="store_true", help="rebuild the KB from the corpus first")
    _data_args(p)


def cmd_serve(args) -> int:
    import uvicorn

    from .app import create_app, load_kb

    if args.workers < 1:
        raise CliError(f"--workers: expected 1 or more, got {args.workers}")
    if not 0 < args.port < 65536:
        raise CliError(f"--port: expected 1-65535, got {args.port}")
    settings = _settings(args)
    kb, built_at = load_kb(settings, rebuild=args.rebuild)  # built once, before any worker starts
    print(f"zangraph: serving on http://{args.host}:{args.port} (docs at /docs)", file=sys.stderr, flush=True)
    if args.workers == 1:
        app = create_app(settings, kb)
        app.state.built_at, app.state.kb_path = built_at, kb_path(settings.data_dir)
        uvicorn.run(app, host=args.host, port=args.port)
        return 0
    os.environ.update(
        {
            "ZANGRAPH_CORPUS": settings.corpus,
            "ZANGRAPH_DATA": os.path.abspath(settings.data_dir),
            "ZANGRAPH_LANG": settings.default_lang,
        }
    )
    if settings.default_as_of:
        os.environ["ZANGRAPH_AS_OF"] = settings.default_as_of
    _run_workers(args.host, args.port, args.workers)
    return 0


def _run_workers(host: str, port: int, workers: int) -> None:
    """uvicorn's multi-process mode, with a listening socket that says it is TCP (see
    :class:`TcpConfig`)."""
    from uvicorn.supervisors import Multiprocess

    config = TcpConfig("api.app:app_factory", factory=True, host=host, port=port, workers=workers)
    Multiprocess(config, sockets=[config.bind_socket()]).run()


# --- jd ----------------------------------------------------------------------------------------


def add_jd(sub) -> None:
    p = sub.add_parser("jd", help="a draft job description (должностная инструкция) of a position")
    p.add_argument(
        "position", help="a position id, <act number>:<unit id> (580-НҚ:chp_2__para_12) or a title (Юрист)"
    )
    p.add_argument("--act", help="narrow a title to an act: its id or number (580-НҚ, 360)")
    p.add_argument(
        "--lang", choices=["ru", "kk"], default=None, help="language (default: $ZANGRAPH_LANG or ru)"
    )
    p.add_argument("--as-of", dest="as_of", help=f"{DATE_HELP} (default: today)")
    p.add_argument("--format", choices=["md", "html", "docx", "json"], default="md")
    p.add_argument("--out", help="write to this file (needed for docx on a terminal)")
    _data_args(p)


def _position(kb, query: str, act: str | None) -> str:
    from kb.queries import Ambiguous, NotFound, resolve_position

    from .deps import resolve_act
    from .deps import resolve_position as resolve_id

    try:
        return resolve_id(kb, query)
    except ApiError:
        pass
    try:
        return resolve_position(kb, query, resolve_act(kb, act) if act else None)
    except Ambiguous as err:
        lines = [f"{query!r} names {len(err.candidates)} positions; give an id or --act:"]
        lines += [f"  {c['act_number']}:{c['eid']}  {c['title_ru'] or c['title_kk']}" for c in err.candidates]
        raise CliError("\n".join(lines)) from None
    except (NotFound, ApiError) as err:
        raise CliError(str(err)) from None


def cmd_jd(args) -> int:
    from .jobdesc import build_job_description, render

    settings = _settings(args)
    kb = _kb(settings)
    lang = args.lang or settings.default_lang
    try:
        jd = build_job_description(kb, _position(kb, args.position, args.act), lang, _date(args))
    except ApiError as err:
        raise CliError(str(err)) from None
    _write(render(jd, args.format), args.out, binary=args.format == "docx")
    return 0


# --- staffing ------------------------------------------------------------------------------------


def add_staffing(sub) -> None:
    p = sub.add_parser("staffing", help="minimal staffing for a daily load, or the staffing rows of an act")
    p.add_argument("--visits", type=int, help="visits per day (0 or more): the minimal staffing for that load")
    p.add_argument("--act", help="an act with staffing norms (86, 256-НҚ); without --visits: list its rows")
    p.add_argument("--as-of", dest="as_of", help=f"{DATE_HELP} (default: today)")
    p.add_argument("--json", action="store_true")
    _data_args(p)


def _units(x: float | None) -> str:
    return "—" if x is None else f"{x:g}"


def _where(span: dict | None) -> str:
    """``{"file": "corpus/x/ru.txt", "start": 48, "end": 49}`` → ``corpus/x/ru.txt:48–49``."""
    if not span:
        return ""
    lines = f"{span['start']}" if span["start"] == span["end"] else f"{span['start']}–{span['end']}"
    return f"{span['file']}:{lines}"


def _staffing_rows(kb, act: str, as_json: bool) -> int:
    """Every staffing row of one act (norms such as order 86's: a number of units per what)."""
    from kb.queries import table_rows

    res = table_rows(kb, act, "staffing")
    if as_json:
        print(_dump(res))
        return 0
    print(f"order {res['act_number']}: {res['count']} staffing rows ({res['lang']})")
    for r in res["rows"]:
        bands = "; ".join(f"{b}: {_units(u)}" for b, u in (r.get("bands") or {}).items())
        rule = (r.get("rule") or {}).get("text") or bands
        print(f"  {r['eid']:<28} {r['position'] or '':<60} {rule}  {_where(r.get('source'))}".rstrip())
    return 0


def cmd_staffing(args) -> int:
    from .deps import resolve_act
    from .routes.staffing import minimal_staffing

    if args.visits is None and not args.act:
        raise CliError("give --visits N (minimal staffing for a daily load) or --act ACT (its staffing rows)")
    if args.visits is not None and args.visits < 0:
        raise CliError(f"--visits: expected 0 or more, got {args.visits}")
    kb = _kb(_settings(args))
    try:
        act = resolve_act(kb, args.act) if args.act else None
        if args.visits is None:
            return _staffing_rows(kb, act, args.json)
        res = minimal_staffing(kb, args.visits, _date(args), act)
    except ApiError as err:
        raise CliError(str(err)) from None
    if args.json:
        print(_dump(res))
        return 0
    print(
        f"{args.visits} visits a day → band «{res['band']}»; order {res['act_number']}, as of {res['as_of']}"
    )
    section = None
    for r in res["rows"]:
        if r["section"] != section:
            section = r["section"]
            print(f"\n{section}")
        how = f"[{r['band']}: {r['cell']}]" if r["basis"] == "band" else f"[{r['rule'].get('text')}]"
        pos = "; ".join(f"{p['title']} ({p['id'].split('/~pos:')[-1]})" for p in r["positions"])
        print(
            f"  {r['num']:>2}. {r['position']:<60} {_units(r['units']):>4}  {how}"
            + (f"  → {pos}" if pos else "")
        )
        print(f"      {r['eid']} — {_where(r.get('source'))}")
        for f in r["flags"]:
            print(f"      ! {f.get('message') or f['kind']}")
    print(f"\ntotal (rows with a number): {_units(res['total_units'])}")
    return 0


# --- export ----------------------------------------------------------------------------------------


def add_export(sub) -> None:
    p = sub.add_parser("export", help="an act as of a date in Akoma Ntoso XML")
    p.add_argument("act", help="an act id or number (580-НҚ, 360)")
    p.add_argument("--as-of", dest="as_of", help=f"{DATE_HELP} (default: today)")
    p.add_argument(
        "--lang", choices=["ru", "kk"], default=None, help="language (default: $ZANGRAPH_LANG or ru)"
    )
    p.add_argument("--out", help="write to this file (default: stdout)")
    _data_args(p)


def cmd_export(args) -> int:
    from .akn import to_akn
    from .deps import resolve_act

    settings = _settings(args)
    kb = _kb(settings)
    try:
        xml = to_akn(kb, resolve_act(kb, args.act), args.lang or settings.default_lang, _date(args))
    except ApiError as err:
        raise CliError(str(err)) from None
    _write(xml, args.out)
    return 0


register(add_serve, "serve", cmd_serve)
register(add_jd, "jd", cmd_jd)
register(add_staffing, "staffing", cmd_staffing)
register(add_export, "export", cmd_export)


try:
    import uvicorn as _uvicorn

    class TcpConfig(_uvicorn.Config):
        """uvicorn binds the socket for its workers with ``proto`` 0; accepted connections
        inherit it, asyncio then skips ``TCP_NODELAY``, and every keep-alive response waits for
        the client's delayed ACK (~40 ms: Kludex/uvicorn#3149, measured in bench/RESULTS.md).
        Relabelling the socket as ``IPPROTO_TCP`` before the workers start removes the wait.
        (Module level: the workers receive the config pickled.)"""

        def bind_socket(self):
            import socket

            sock = super().bind_socket()
            if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.proto == 0:
                sock = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
                sock.set_inheritable(True)
            return sock
except ImportError:  # pragma: no cover - uvicorn is a dependency
    TcpConfig = None  # type: ignore[assignment,misc]
