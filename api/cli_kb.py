"""CLI verbs over the knowledge graph: build, must-know, who-must-know, parity, timeline, diff."""

from __future__ import annotations

import argparse
import json
import time

from .cli import DATE_HELP, CliError, location_args, quiet_arg, register
from .context import Progress, Settings, ensure_kb, show_date


def _dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, default=str)


def _common(p: argparse.ArgumentParser, as_of: bool = True) -> None:
    location_args(p)
    quiet_arg(p)
    p.add_argument("--json", action="store_true", help="JSON for scripts")
    if as_of:
        p.add_argument("--as-of", dest="as_of", help=f"{DATE_HELP} (default: today)")


def _kb(args):
    """The KB; built on first use, with progress on a terminal."""
    progress = Progress(quiet=args.quiet)
    kb = ensure_kb(args.corpus, args.data, progress)
    if progress.on:
        progress.stream.write("\r\033[K")  # the status line gives way to the answer
    return kb


def _kb_cached(args):
    """:func:`_kb` once per command (the readable forms need it again)."""
    if getattr(args, "_kb", None) is None:
        args._kb = _kb(args)
    return args._kb


def _as_of(args) -> str:
    return Settings().as_of(getattr(args, "as_of", None))  # read by api.cli.settle


def _position(kb, query: str, act: str | None) -> str:
    """A position from an id, a title query, or "<act number>:<id or title>" (360:chp_2__para_1)."""
    from kb.queries import Ambiguous, NotFound, find_acts, resolve_position

    head, sep, rest = query.partition(":")
    if sep and not act and not query.startswith("/") and find_acts(kb, head):
        query, act = rest, head

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
    from .context import ensure_index, index_path, kb_path

    progress = Progress(quiet=args.quiet)
    progress.say(f"corpus {args.corpus} (from {args.corpus_from}); data {args.data} (from {args.data_from})")
    t0 = time.perf_counter()
    stats: dict = {}
    kb = ensure_kb(args.corpus, args.data, progress, rebuild=True, stats=stats)
    dt = time.perf_counter() - t0
    parse = stats.get("parse", {})
    out = {"corpus": args.corpus, "kb": kb_path(args.data), "graph_seconds": round(dt, 3),
           "parse_seconds": parse.get("seconds"), "texts_parsed": parse.get("parsed"),
           "texts_from_cache": parse.get("cached"),
           "nodes": kb.graph.number_of_nodes(), "edges": kb.graph.number_of_edges(), "corpus_hash": kb.corpus_hash}
    try:
        t1 = time.perf_counter()
        ensure_index(kb, args.data, progress, rebuild=True)
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
    for f in res.get("flags", []):  # the position's own: not yet in force / existing, pending editions …
        print(f"  ! {f.get('message') or f['kind']}")
    for a in res["acts"]:
        shown = {f.get("message") for f in res.get("flags", [])}  # said once above for the whole position
        flag = "".join(f"\n      ! {m}" for m in dict.fromkeys(
            f["message"] for f in a["flags"] if f.get("kind") != "unresolved_act" and f.get("message") not in shown))
        if a.get("language"):
            flag += f"\n      ≠ {a['language']['message']}"
        name = (a["name_kk"] if args.lang == "kk" else None) or a["name_ru"] or a["name_kk"] or a["id"]
        unresolved = "" if a.get("resolved", True) else "  (not in the registry: as written)"
        where = ", ".join(f"{i['lang']} {i['unit']} line {i['line']}" for i in a["items"])
        print(f"  • {name}  [{where}]{unresolved}{flag}")
    for lang in ("ru", "kk"):  # other knowledge per language, never interleaved
        items = [o for o in res["other_knowledge"] if o["lang"] == lang]
        if items:
            print(f"  other knowledge ({lang}):")
            for o in items:
                print(f"    - {o['text']}  [{o['unit']}, line {o['line']}]")
    _print_apart("not in force on this date", res.get("not_in_force", []))
    return 0


def _print_apart(title: str, rows: list[dict]) -> None:
    """What an as-of answer does not count, with its reason."""
    if not rows:
        return
    print(f"  {title} ({len(rows)}):")
    by_reason: dict[str, list[str]] = {}
    for r in rows:  # one reason (e.g. "this unit does not exist on this date") said once for its rows
        name = r.get("name_ru") or r.get("title_ru") or r.get("text") or r.get("id")
        by_reason.setdefault(r["reason"]["message"], []).append(str(name))
    for reason, names in by_reason.items():
        if len(names) == 1:
            print(f"    - {names[0]}: {reason}")
            continue
        print(f"    {reason}:")
        for name in names:
            print(f"      - {name}")


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
    act = res["act"]
    unresolved = "" if act.get("resolved", True) else " (not in the registry: as written)"
    print(f"{act['name_ru'] or act['name_kk'] or act['id']}{unresolved}, as of {res['as_of']}: "
          f"{len(res['positions'])} positions")
    for p in res["positions"]:
        flag = " (!)" if p["flags"] else ""
        print(f"  • {p['title_ru'] or p['title_kk']} — order {p['act_number']}  [{', '.join(p['sources'])}]{flag}")
    _print_apart("not counted", [dict(r, name_ru=f"{r['title_ru'] or r['title_kk']} — order {r['act_number']}")
                                 for r in res.get("not_counted", [])])
    return 0


# --- parity ----------------------------------------------------------------------------


def add_parity(sub) -> None:
    p = sub.add_parser("parity", help="ru↔kk parity of a bilingual act: what the languages say differently")
    p.add_argument("act", nargs="?", default="580-НҚ", help="act id or number (default 580-НҚ)")
    p.add_argument("--all", action="store_true", help="every position, and the units aligned by content")
    _common(p, as_of=False)


def _cut(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return (text if len(text) <= width else text[: width - 1] + "…").ljust(width)


def _side_by_side(d: dict, width: int = 52) -> str:
    cells = []
    for lang in ("ru", "kk"):
        side = d[lang]
        cells.append(f"{lang} {side['line']:>4}  {_cut(side['text'], width)}" if side
                     else f"{lang}    —  {'':{width}}")
    return "       " + " │ ".join(cells).rstrip()


_DIFF_WORDS = {"acts": "referenced acts differ", "numbers": "numbers differ", "only_ru": "only in ru",
               "only_kk": "only in kk"}


def _print_parity(res: dict, everything: bool) -> None:
    names = res.get("act_names", {})

    def acts(ids: list[str], lang: str) -> str:
        return "; ".join((names.get(i, {}).get(lang) or names.get(i, {}).get("ru") or i) for i in ids)

    chapters = {p["position"].rpartition("__para_")[0] for p in res["positions"]}

    def section(eid: str) -> str:  # "§ 6", or "разд. 2 гл. 1 § 3" where positions are numbered alike
        head, _, para = eid.rpartition("__para_")
        words = {"part": "разд.", "chp": "гл.", "att": "прил."}
        where = [f"{words[k]} {n}" for k, _, n in (s.rpartition("_") for s in head.split("__")) if k in words]
        return " ".join([*where, f"§ {para}"]) if len(chapters) > 1 else f"§ {para}"

    u = res["units"]
    diffs = res["differences"]
    touched = [p for p in res["positions"] if p["differences"] or not p["acts"]["same"] or p.get("problem")]
    print(f"№ {res.get('act_number')} ({res['act']}): units ru {u['ru']}, kk {u['kk']}; "
          f"{u['aligned']} ru units aligned ({u['common']} by the same id)")
    print(f"  {len(diffs)} differences between the languages; "
          f"{len(touched)} of {len(res['positions'])} positions differ in content")
    for p in res["positions"] if everything else touched:
        problem = f"  ({p['problem']})" if p.get("problem") else ""
        title = p["title_ru"] or p["title_kk"]
        lines = f"ru line {p['ru_line']} │ kk line {p['kk_line']}"
        print(f"\n{section(p['position'])}  {title} — {lines}{problem}")
        a = p["acts"]
        print(f"   referenced acts: ru {len(a['ru'])}, kk {len(a['kk'])}, common {len(a['common'])}")
        if a["only_ru"]:
            print(f"     only ru: {acts(a['only_ru'], 'ru')}")
        if a["only_kk"]:
            print(f"     only kk: {acts(a['only_kk'], 'ru')}")
        for d in (d for d in diffs if d["position"] == p["position"]):
            lab = d["label"]
            where = lab["ru"] or lab["kk"]
            if lab["ru"] and lab["kk"] and lab["ru"] != lab["kk"]:
                where = f"ru {lab['ru']} ↔ kk {lab['kk'].split(', ', 1)[-1]}"
            print(f"   ≠ {', '.join(_DIFF_WORDS[k] for k in d['kinds'])} — {where}")
            print(_side_by_side(d))
            for side in ("ru", "kk"):
                if d["acts"][f"only_{side}"]:
                    print(f"       acts only in {side}: {acts(d['acts'][f'only_{side}'], 'ru')}")
                if d["numbers"][f"only_{side}"]:
                    print(f"       numbers only in {side}: {', '.join(d['numbers'][f'only_{side}'])}")
    rest = [d for d in diffs if d["position"] is None]
    if rest:
        print("\noutside the positions:")
        for d in rest:
            kinds = ", ".join(_DIFF_WORDS[k] for k in d["kinds"])
            print(f"   ≠ {kinds} — {d['label']['ru'] or d['label']['kk']}")
            print(_side_by_side(d))
    same = [p for p in res["positions"] if p not in touched]
    if same and not everything:
        print("\nsame referenced acts and content in both languages: "
              + ", ".join(section(p["position"]) for p in same))
    if res["count_mismatches"]:
        print("item counts: " + "; ".join(
            f"{section(m['position'])} {m['part']} ru {m['ru']} / kk {m['kk']}"
            for m in res["count_mismatches"]))
    print(f"aligned by content where the абзацы are numbered differently: {len(res['realigned'])} units"
          + ("" if everything else " (--all lists them)"))
    if everything:
        for r in res["realigned"]:
            other = f"kk {r['kk']} (line {r['kk_line']})" if r["kk"] else "no kk counterpart"
            print(f"  by content: ru {r['ru']} (line {r['ru_line']}) ↔ {other}")


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
    _print_parity(res, args.all)
    return 0


register(add_build, "build", cmd_build)
register(add_must_know, "must-know", cmd_must_know)
register(add_who, "who-must-know", cmd_who)
register(add_parity, "parity", cmd_parity)


# --- timeline / diff / compare -------------------------------------------------------------


def add_timeline(sub) -> None:
    p = sub.add_parser("timeline", help="editions of an act and the dated events of its units")
    p.add_argument("act", help="act id or number (580-НҚ, 360)")
    p.add_argument("--unit", help="one unit id (default: every unit a note names)")
    p.add_argument("--lang", choices=["ru", "kk"])
    _common(p, as_of=False)


def cmd_timeline(args) -> int:
    from kb.history import act_timeline
    from kb.queries import NotFound

    try:
        res = act_timeline(_kb_cached(args), args.act, args.unit, args.lang)
    except NotFound as err:
        raise CliError(str(err)) from None
    if args.json:
        print(_dump(res))
        return 0
    from .diff_render import render_timeline

    kb = _kb_cached(args)
    print("\n".join(render_timeline(res, _namer(kb, res["act"], res["lang"]), _act_name(kb, res["act"]))))
    return 0


_TYPES = {"order": "Приказ", "law": "Закон", "code": "Кодекс", "resolution": "Постановление", "decree": "Указ"}


def _act_name(kb, work: str | None) -> str | None:
    """``Приказ № 360 от 25.10.2017`` for an act of the corpus (None for another)."""
    meta = kb.acts.get(work) if work else None
    if not meta:
        return None
    kind = _TYPES.get(meta.get("type"), meta.get("type") or "")
    return f"{kind} № {meta.get('number')} от {show_date(meta.get('date'))}".strip()


def _namer(kb, work: str | None, lang: str | None):
    """A unit's readable name from its id (``Юрист, п. 38, абз. 6``), its id when it has none."""
    from kb.parity import unit_label

    def name(eid: str) -> str:
        try:
            return unit_label(kb, work, eid, lang or "ru") if work else eid
        except (KeyError, ValueError):
            return eid

    return name


def add_diff(sub) -> None:
    p = sub.add_parser("diff", help="what changed between two dates (an act or a position), or two positions")
    p.add_argument("subject", help="an act (580-НҚ) or a position (id or title); with --with, the first position")
    p.add_argument("--from", dest="date_from", help=DATE_HELP)
    p.add_argument("--to", dest="date_to", help=DATE_HELP)
    p.add_argument("--with", dest="other", help="compare the position with this other position")
    p.add_argument("--act", help="narrow a position query to an act")
    p.add_argument("--lang", choices=["ru", "kk"])
    p.add_argument("--all", action="store_true", help="list unchanged, flagged and renumbered units too")
    p.add_argument("--editions", action="store_true",
                   help="compare the editions of the two dates as published (not the texts in force)")
    _common(p, as_of=False)


def cmd_diff(args) -> int:
    from kb.history import act_diff, compare_positions, position_diff
    from kb.queries import NotFound, find_acts

    kb = _kb(args)
    try:
        if args.other:
            res = compare_positions(kb, _position(kb, args.subject, args.act), _position(kb, args.other, None),
                                    args.lang or "ru")
        else:
            d1, d2 = args.date_from, args.date_to  # read by api.cli.settle
            if not d1 or not d2:
                raise CliError("give --from and --to dates (or --with another position)")
            if find_acts(kb, args.subject) and not args.act:
                res = act_diff(kb, args.subject, d1, d2, args.lang, args.all, editions=args.editions)
            else:
                res = position_diff(kb, _position(kb, args.subject, args.act), d1, d2, args.lang,
                                    editions=args.editions)
    except (NotFound, ValueError) as err:
        raise CliError(str(err)) from None
    if args.json:
        print(_dump(res))
        return 0
    if args.other:
        print(f"{res['a']['title_ru']} ({res['a']['act_number']})  vs  {res['b']['title_ru']} ({res['b']['act_number']})")
        for part in ("duties", "must_know", "requirements"):
            print(f"  {part}: " + ", ".join(f"{k} {len(res[part][k])}" for k in ("common", "changed", "removed", "added")))
        acts = res.get("must_know_acts") or {}
        for k in ("common", "removed", "added"):
            if k in acts:
                print(f"  acts {k}: {', '.join(a['act'] for a in acts[k]) or '-'}")
        return 0
    from .diff_render import render_diff

    work = res.get("act") or (res.get("position") or {}).get("act")
    res = {**res, "act_name": _act_name(kb, work)}
    print("\n".join(render_diff(res, args.all, _namer(kb, work, res.get("lang")))))
    return 0


register(add_timeline, "timeline", cmd_timeline)
register(add_diff, "diff", cmd_diff)


# --- acts: the registry with each act's status ---------------------------------------------------


def add_acts(sub) -> None:
    p = sub.add_parser("acts", help="the registry of referenced acts (kb/data/acts.json), with --status")
    p.add_argument("--status", action="store_true", help="each act's status (in force, renamed, repealed, unknown) and source")
    p.add_argument("--json", action="store_true", help="JSON for scripts")


def cmd_acts(args) -> int:
    from kb.status import table

    rows = table()
    if args.json:
        print(_dump({"data": rows, "count": len(rows)}))
        return 0
    for r in rows:
        if not args.status:
            print(f"{r['id']}  {r['name_ru']}")
            continue
        src = r["source"] or {}
        when = f" since {r['since']}" if r.get("since") else (f" (on {src['as_of']})" if src.get("as_of") else "")
        by = f" by № {r['by']['number']} of {r['by']['date']}" if r.get("by") else ""
        print(f"{r['state']:9} {r['id']}{when}{by}\n          {src.get('where') or r.get('note') or ''}")
    return 0


register(add_acts, "acts", cmd_acts)
