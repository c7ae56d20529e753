"""CLI verbs over the knowledge graph: build, must-know, who-must-know, parity, timeline, diff."""

from __future__ import annotations

import argparse
import json
import time

from .cli import CliError, register
from .context import Settings, check_date, get_kb


def _dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, default=str)


def _common(p: argparse.ArgumentParser, as_of: bool = True) -> None:
    s = Settings()
    p.add_argument("--corpus", default=s.corpus, help="corpus folder (default: corpus)")
    p.add_argument("--data", default=s.data_dir, help="built data folder (default: $ZANGRAPH_DATA or ./data)")
    p.add_argument("--json", action="store_true", help="JSON for scripts")
    if as_of:
        p.add_argument("--as-of", dest="as_of", help="a date YYYY-MM-DD (default: today)")


def _kb(args):
    return get_kb(args.corpus, args.data)


def _as_of(args) -> str:
    try:
        return Settings().as_of(check_date(getattr(args, "as_of", None), "--as-of"))
    except ValueError as err:
        raise CliError(str(err)) from None


def _position(kb, query: str, act: str | None) -> str:
    from kb.queries import Ambiguous, NotFound, resolve_position

    try:
        return resolve_position(kb, query, act)
    except Ambiguous as err:
        lines = [f"{query!r} names {len(err.candidates)} positions; give an id or --act:"]
        lines += [f"  {c['eid']}  {c['title_ru'] or c['title_kk']}  (order {c['act_number']})" for c in err.candidates]
        raise CliError("\n".join(lines)) from None
    except NotFound as err:
        raise CliError(str(err)) from None


# --- build -----------------------------------------------------------------------------


def add_build(sub) -> None:
    p = sub.add_parser("build", help="build the knowledge base and the search index from the corpus")
    _common(p, as_of=False)


def cmd_build(args) -> int:
    from kb.store import build_and_save

    from .context import index_path, kb_path

    t0 = time.perf_counter()
    kb, dt = build_and_save(args.corpus, kb_path(args.data))
    out = {"kb": kb_path(args.data), "graph_seconds": round(dt, 3), "nodes": kb.graph.number_of_nodes(),
           "edges": kb.graph.number_of_edges(), "corpus_hash": kb.corpus_hash}
    try:
        from index.build import build_index

        t1 = time.perf_counter()
        build_index(kb, args.data)
        out["index"] = index_path(args.data)
        out["index_seconds"] = round(time.perf_counter() - t1, 3)
    except ImportError:
        out["index"] = None
    out["total_seconds"] = round(time.perf_counter() - t0, 3)
    print(_dump(out) if args.json else "\n".join(f"{k}: {v}" for k, v in out.items()))
    return 0


# --- must-know / who-must-know -------------------------------------------------------------


def add_must_know(sub) -> None:
    p = sub.add_parser("must-know", help="which acts a position must know, as of a date")
    p.add_argument("position", help="a position id (chp_2__para_12) or a title query (Юрист)")
    p.add_argument("--act", help="narrow to an act: its id or number (580-НҚ, 360)")
    p.add_argument("--lang", choices=["ru", "kk"], help="only the items of this language")
    _common(p)


def cmd_must_know(args) -> int:
    from kb.queries import must_know

    kb = _kb(args)
    res = must_know(kb, _position(kb, args.position, args.act), _as_of(args), args.lang)
    if args.json:
        print(_dump(res))
        return 0
    p = res["position"]
    print(f"{p['title_ru'] or p['title_kk']} — order {p['act_number']} ({p['eid']}), as of {res['as_of']}")
    for a in res["acts"]:
        flag = "".join(f"\n      ! {f['message']}" for f in a["flags"])
        print(f"  • {a['name_ru'] or a['id']}  [{', '.join(a['sources'])}]{flag}")
    if res["other_knowledge"]:
        print("  other knowledge:")
        for o in res["other_knowledge"]:
            print(f"    - {o['text']}  [{o['unit']}]")
    return 0


def add_who(sub) -> None:
    p = sub.add_parser("who-must-know", help="which positions must know a referenced act")
    p.add_argument("act", help="a referenced act: its id (kz/code/labour) or a name (Трудовой кодекс)")
    _common(p)


def cmd_who(args) -> int:
    from kb.queries import NotFound, who_must_know

    kb = _kb(args)
    try:
        res = who_must_know(kb, args.act, _as_of(args))
    except NotFound as err:
        raise CliError(str(err)) from None
    if args.json:
        print(_dump(res))
        return 0
    print(f"{res['act']['name_ru'] or res['act']['id']}, as of {res['as_of']}: {len(res['positions'])} positions")
    for p in res["positions"]:
        flag = " (!)" if p["flags"] else ""
        print(f"  • {p['title_ru'] or p['title_kk']} — order {p['act_number']}  [{', '.join(p['sources'])}]{flag}")
    return 0


# --- parity ----------------------------------------------------------------------------


def add_parity(sub) -> None:
    p = sub.add_parser("parity", help="ru↔kk parity report of a bilingual act")
    p.add_argument("act", nargs="?", default="580-НҚ", help="act id or number (default 580-НҚ)")
    _common(p, as_of=False)


def cmd_parity(args) -> int:
    from kb.queries import NotFound, parity

    kb = _kb(args)
    try:
        res = parity(kb, args.act)
    except (NotFound, IndexError):
        raise CliError(f"no bilingual act {args.act!r}") from None
    if args.json:
        print(_dump(res))
        return 0
    u = res["units"]
    print(f"{res['act']}: units ru {u['ru']}, kk {u['kk']}, common {u['common']}")
    for side in ("only_ru", "only_kk"):
        for x in res[side]:
            print(f"  {side}: {x['unit']} (line {x['line']}): {(x['text'] or '')[:80]}")
    for m in res["count_mismatches"]:
        print(f"  {m['position']} {m.get('part')}: ru {m.get('ru')} vs kk {m.get('kk')}")
    return 0


register(add_build, "build", cmd_build)
register(add_must_know, "must-know", cmd_must_know)
register(add_who, "who-must-know", cmd_who)
register(add_parity, "parity", cmd_parity)
