"""``/{lang}/diff``: what changed — an act between two dates or two editions, or two positions.

The whole state is in the query string, so every view is a permanent link:

* ``act``, ``from``, ``to`` (дд.мм.гггг or ISO), ``mode=dates`` (the act as in force on each date,
  :func:`kb.diff.diff_as_of`) or ``mode=editions`` (the editions of the dates as published,
  :func:`kb.diff.diff_editions`), ``text=ru|kk`` (the language of the text compared), ``all=1``
  (list renumbered units one by one too);
* ``mode=positions`` with ``a``, ``b`` (``580-НҚ:chp_2__para_4`` or a title) and ``as_of``: two
  positions side by side (:func:`kb.history.compare_positions`);
* ``view=side`` (old and new in two columns) or ``view=inline`` (``<del>``/``<ins>`` in one text).

Every unit is named as a reader names it ("Юрист, п. 38, абз. 6"), every position links to its
page, every change says which order made it (the note that added or excluded it, else the
edition it first appears in), and every caveat of the JSON (the flags of each date, of each unit)
is said in the page language.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape

from kb.build import KB, position_id
from kb.diff import diff_as_of, diff_editions
from kb.editions import EditionText
from kb.graphstore import doc_counts, editions_meta, nodes_of_kind

from ..deps import get_kb
from ..errors import ApiError
from .flags import fields as flag_fields
from .flags import flag_text
from .i18n import catalogue, fmt_date, parse_date, t
from .render import PageError, check_lang, error_page, page
from .units import name_of


def _titles(meta: dict[str, Any]) -> dict[str, str]:
    """An act's titles by language (the registry's ``title`` dict, or ``titles``)."""
    got = meta.get("titles") or meta.get("title") or {}
    return got if isinstance(got, dict) else {"ru": str(got)}


router = APIRouter()

MODES = ("dates", "editions", "positions")
VIEWS = ("side", "inline")
#: unit statuses listed one by one; "renumbered" only with all=1, "flagged" when a text differs
#: or is not in the corpus on one side (else summed up under the flag)
_POSITION_GROUPS = ("added", "excluded", "removed", "changed", "flagged")
#: flags said by this page's own messages first (their fields are the diff's)
_OWN_FLAGS = ("after_copy_window", "texts_as_published", "earlier_edition_in_force")


# --- small readable pieces ----------------------------------------------------------------


def flag_message(flag: dict[str, Any], lang: str) -> str:
    """A flag of the diff in ``lang``: the diff's own kinds from this page's catalogue, the unit
    flags from the shared one (:func:`api.web.flags.flag_text`), else this page's, else the
    flag's own message."""
    kind = str(flag.get("kind"))
    cat = catalogue()
    own = f"diff.flag.{kind}"
    if kind not in _OWN_FLAGS and f"flag.{kind}" in cat:
        return flag_text(flag, lang)
    if own in cat:
        vals = dict(flag_fields(flag))
        vals["until"] = fmt_date(flag.get("known_until")) or vals["until"]
        vals["units"] = str(flag.get("units") or "")
        vals["edition"] = edition_label_text(str(flag.get("edition") or ""), lang)
        try:
            text = cat[own][lang].format(**vals)
        except (KeyError, IndexError):
            return flag_text(flag, lang)
        if flag.get("certain") is False and isinstance(flag.get("since"), dict):
            text += " " + t("diff.flag.uncertain", lang)
        return text
    return flag_text(flag, lang)


def edition_label_text(label: str, lang: str) -> str:
    """``ru@2022-04-19`` → "редакция от 19.04.2022 (русский)"; ``ru@copy[a,b)`` → the copy window."""
    if not label or "@" not in label:
        return label
    text_lang, rest = label.split("@", 1)
    lname = t(f"lang.{text_lang}", lang) if text_lang in ("ru", "kk") else text_lang
    if rest.startswith("copy[") and "," in rest:
        a, b = rest[5:].rstrip(")").split(",", 1)
        return t("diff.edition.copy", lang, language=lname, a=fmt_date(a), b=fmt_date(b))
    return t("diff.edition.dated", lang, date=fmt_date(rest), language=lname)


def unit_name(eid: str | None, lang: str, titles: dict[str, str]) -> str:
    """A unit's readable name with the position titles known to the page (:func:`api.web.units.name_of`)."""
    return name_of(eid, lang, titles.get)


def _by_text(by: dict[str, Any] | None, lang: str) -> str:
    if not by:
        return ""
    return t("diff.by", lang, number=by.get("number") or "?", date=fmt_date(by.get("date")) or "?")


def _position_of(eid: str | None) -> str | None:
    """The position (``…__para_N``) a unit id stands under, if any."""
    if not eid or "para_" not in eid:
        return None
    parts = eid.split("__")
    for i in range(len(parts) - 1, -1, -1):
        if parts[i].startswith("para_"):
            return "__".join(parts[: i + 1])
    return None


def _within_position(eid: str) -> str:
    """The part of a unit id below its position (``chp_2__para_4__point_13__al_3`` → ``point_13__al_3``):
    the name of an item in a table headed by the position's title."""
    parts = eid.split("__")
    last = max((i for i, p in enumerate(parts) if p.startswith("para_")), default=-1)
    return "__".join(parts[last + 1 :]) or eid


def _segments_html(segments: list[list[str]] | list[tuple[str, str]], side: str) -> Markup:
    """One side of an inline diff: equal text and this side's changes (``del`` for a, ``ins`` for b)."""
    keep = "del" if side == "a" else "ins"
    out = []
    for op, text in segments:
        if op == "eq":
            out.append(str(escape(text)))
        elif op == keep:
            out.append(f"<{op}>{escape(text)}</{op}>")
    return Markup("".join(out))


def _qs(**params: Any) -> str:
    return urlencode({k: v for k, v in params.items() if v not in (None, "", False)})


# --- the act diff -------------------------------------------------------------------------


def _find_act(kb: KB, ref: str) -> str:
    from ..deps import resolve_act

    try:
        return resolve_act(kb, ref)
    except ApiError:
        raise PageError(404, "error.not_found", what=ref) from None


def _text_lang(kb: KB, work: str, wanted: str | None, lang: str) -> str:
    have = sorted({e.lang for e in kb.editions.get(work, [])})
    for cand in (wanted, lang, "ru"):
        if cand in have:
            return cand  # type: ignore[return-value]
    if not have:
        raise PageError(404, "error.not_found", what=work)
    return have[0]


def _amender(
    ed: EditionText | None, eid: str, status: str, before: EditionText | None = None
) -> dict[str, Any] | None:
    """The applied note of edition ``ed`` that changed (``status`` "changed"/"renumbered": a note
    "изложен в редакции", "изменен") or added ``eid`` or the nearest unit above it; a note the
    earlier text ``before`` has too is an older change and does not count."""
    if ed is None:
        return None
    old = {n.text for n in before.doc.amendments} if before is not None else set()
    kinds = ("added",) if status == "added" else ("changed", "restated")
    best: tuple[int, Any] | None = None
    for n in ed.doc.amendments:
        if (
            n.prospective
            or not n.target_eid
            or n.amending_act is None
            or n.kind not in kinds
            or n.text in old
        ):
            continue
        tgt = n.target_eid
        if eid == tgt or eid.startswith(tgt + "__"):
            depth = tgt.count("__")
            if best is None or depth > best[0]:
                best = (depth, n)
    if best is None:
        return None
    act = best[1].amending_act
    return {"number": act.number, "date": act.date, "text": best[1].text}


def _edition(eds: list[EditionText], label: str) -> EditionText | None:
    return next((e for e in eds if e.label == label), None)


def act_diff_context(
    kb: KB, lang: str, work: str, text_lang: str, d1: str, d2: str, mode: str, show_all: bool
) -> dict[str, Any]:
    """Everything the template shows of an act between two dates (or editions)."""
    eds = kb.editions[work]
    fn = diff_editions if mode == "editions" else diff_as_of
    res = fn(eds, text_lang, d1, d2).to_dict()
    meta = kb.acts[work]
    number = meta.get("number") or work
    ed_a, ed_b = _edition(eds, res["edition_a"]), _edition(eds, res["edition_b"])

    # titles of the positions by their id, per side (the text's language): a renumbered
    # position has one id in a and another in b, and an id of a may name another position in b
    titles_a: dict[str, str] = {}
    titles_b: dict[str, str] = {}
    for p in res["positions"]:
        if p.get("a") and p.get("title_a"):
            titles_a[p["a"]] = p["title_a"]
        if p.get("b") and p.get("title_b"):
            titles_b[p["b"]] = p["title_b"]
    for ed, titles in ((ed_a, titles_a), (ed_b, titles_b)):
        for pos in ed.doc.positions if ed else []:
            titles.setdefault(pos.id, pos.title)
    page_titles = dict(titles_b)
    for _n, d in nodes_of_kind(kb.graph, "position"):  # the page language's titles where the graph has them
        if (d.get("work") == work and d.get("titles", {}).get(lang)
                and titles_b.get(d["eid"]) in (d["titles"].get(text_lang), None)):
            page_titles[d["eid"]] = d["titles"][lang]

    def pos_url(eid: str | None) -> str | None:
        if eid and position_id(work, eid) in kb.graph:
            return f"/{lang}/positions/{number}:{eid}"
        return None

    def name(eid: str | None, side: str = "b") -> str:
        return unit_name(eid, lang, titles_a if side == "a" else page_titles)

    # positions grouped by what happened to them
    groups: dict[str, list[dict[str, Any]]] = {g: [] for g in _POSITION_GROUPS}
    whole: list[tuple[str | None, str | None]] = []
    for p in res["positions"]:
        if p["status"] not in groups:
            continue
        counts = ", ".join(
            f"{t('diff.status.' + k, lang)} {v}" for k, v in p["counts"].items() if v and k != "unchanged"
        )
        method = p.get("method") or ""
        groups[p["status"]].append(
            {
                "title": page_titles.get(p.get("b") or "", "") or p.get("title_b") or p.get("title_a") or "",
                "url": pos_url(p.get("b")) if p["status"] != "removed" else pos_url(p.get("a")),
                "renumbered": p.get("renumbered"),
                "num_a": (p.get("a") or "").rpartition("_")[2],
                "num_b": (p.get("b") or "").rpartition("_")[2],
                "paired": t(
                    "diff.pos.paired",
                    lang,
                    method=t(f"diff.method.{method}", lang)
                    if f"diff.method.{method}" in catalogue()
                    else method,
                    title=f"{p['title_similarity']:.2f}",
                    content=f"{p['content_similarity']:.2f}",
                )
                if p.get("a") and p.get("b") and p.get("renumbered")
                else "",
                "by": _by_text(p.get("by"), lang),
                "note": (p.get("by") or {}).get("text"),
                "counts": counts,
            }
        )
        if p["status"] in ("added", "excluded"):
            whole.append((p.get("a"), p.get("b")))

    def under(eid: str | None, root: str | None) -> bool:
        return bool(eid and root and (eid == root or eid.startswith(root + "__")))

    rows: list[dict[str, Any]] = []
    hidden: dict[str, int] = {}
    flag_groups: dict[str, dict[str, Any]] = {}
    for op in res["data"]:
        st = op["status"]
        if st == "unchanged":
            continue
        eid, eid_a = op["eid"], op.get("eid_a")
        in_whole = st in ("added", "excluded") and any(under(eid, b) or under(eid, a) for a, b in whole)
        missing = st == "flagged" and (op["old"] is None or op["new"] is None)
        only_flags = st == "flagged" and not missing and not op.get("text_changed")
        quiet = (st == "renumbered" and not show_all) or (in_whole and not show_all) or only_flags
        flags = []
        for side, date in (("flags_a", res["date_a"]), ("flags_b", res["date_b"])):
            for f in op.get(side) or []:
                flags.append({"date": fmt_date(date), "text": flag_message(f, lang)})
        if quiet:
            if not only_flags:
                hidden[st] = hidden.get(st, 0) + 1
            for fl in flags:
                key = f"{fl['date']}|{fl['text']}"
                g = flag_groups.setdefault(key, {"date": fl["date"], "text": fl["text"], "units": []})
                g["units"].append({"name": name(eid), "url": pos_url(_position_of(eid))})
            continue
        label = st
        if st == "changed" and op.get("renumbered"):
            label = "changed_renumbered"
        elif missing:
            label = "not_in_corpus"
        by = op.get("by")
        if (
            by is None
            and st in ("changed", "renumbered", "added")
            and mode == "editions"
            or (by is None and st in ("changed", "renumbered") and ed_a is not ed_b)
        ):
            by = _amender(ed_b, eid, st, ed_a)
        who = _by_text(by, lang)
        if not who and st in ("changed", "renumbered", "added") and ed_b is not None and ed_a is not ed_b:
            who = t("diff.by.edition", lang, date=fmt_date(ed_b.date_from))
        if not who:  # the flag names the order (an announced edition, a unit not yet existing …)
            fby = next(
                (
                    f.get("by")
                    for f in (op.get("flags_b") or []) + (op.get("flags_a") or [])
                    if isinstance(f.get("by"), dict)
                ),
                None,
            )
            who = _by_text(fby, lang)
        segs = op.get("segments") or []
        rows.append(
            {
                "status": label,
                "name": name(eid),
                "old_name": name(eid_a, "a") if eid_a and name(eid_a, "a") != name(eid) else "",
                "url": pos_url(_position_of(eid)),
                "by": who,
                "note": (by or {}).get("text"),
                "old": _segments_html(segs, "a")
                if segs
                else (escape(op["old"]) if op["old"] is not None else None),
                "new": _segments_html(segs, "b")
                if segs
                else (escape(op["new"]) if op["new"] is not None else None),
                "inline": Markup(op["html"]) if op.get("html") else None,
                "missing_a": op["old"] is None and st == "flagged",
                "missing_b": op["new"] is None and st == "flagged",
                "line_a": None if op["old"] is None else (op.get("source_a") or [None, None])[1],
                "line_b": None if op["new"] is None else (op.get("source_b") or [None, None])[1],
                "flags": flags,
            }
        )
    hidden_text = ", ".join(f"{t('diff.status.' + k, lang)} {v}" for k, v in hidden.items())
    counts = [(t(f"diff.status.{k}", lang), v) for k, v in res["counts"].items() if v]
    caveats = [
        {"date": fmt_date(res[d]), "text": flag_message(f, lang)}
        for side, d in (("flags_a", "date_a"), ("flags_b", "date_b"))
        for f in res.get(side) or []
    ]
    same = res["edition_a"] == res["edition_b"]
    return {
        "number": number,
        "act_date": meta.get("date"),
        "act_title": _titles(meta).get(lang) or _titles(meta).get(text_lang) or "",
        "act_url": f"/{lang}/acts/{number}",
        "edition_a": edition_label_text(res["edition_a"], lang),
        "edition_b": edition_label_text(res["edition_b"], lang),
        "same_edition": same,
        "caveats": caveats,
        "counts": counts,
        "groups": [(g, groups[g]) for g in _POSITION_GROUPS if groups[g]],
        "rows": rows,
        "hidden": hidden_text,
        "flag_groups": list(flag_groups.values()),
        "date_a": fmt_date(d1),
        "date_b": fmt_date(d2),
        "json_url": f"/acts/{number}/diff?"
        + _qs(**{"from": d1, "to": d2, "lang": text_lang, "editions": "true" if mode == "editions" else ""}),
    }


# --- two positions ---------------------------------------------------------------------------


def _find_position(kb: KB, ref: str) -> str:
    from ..deps import resolve_position

    try:
        return resolve_position(kb, ref)
    except ApiError:
        pass
    from kb.queries import NotFound
    from kb.queries import resolve_position as by_title

    try:
        return by_title(kb, ref)
    except (NotFound, LookupError, ValueError):
        raise PageError(404, "error.not_found", what=ref) from None


def positions_context(
    kb: KB, lang: str, a: str, b: str, as_of_date: str, text_lang: str | None
) -> dict[str, Any]:
    from kb.history import compare_positions
    from kb.versions import position_flags

    pa, pb = _find_position(kb, a), _find_position(kb, b)
    g = kb.graph
    langs = [x for x in (text_lang, lang, "ru", "kk") if x]
    use = next(
        (
            x
            for x in langs
            if all(any(e.lang == x for e in kb.editions[g.nodes[p]["work"]]) for p in (pa, pb))
        ),
        "ru",
    )
    res = compare_positions(kb, pa, pb, lang=use, as_of_date=as_of_date)
    sides = {}
    for side, pid in (("a", pa), ("b", pb)):
        d = g.nodes[pid]
        work = d["work"]
        number = kb.acts[work].get("number")
        exprs = [e for e in kb.expressions(work) if g.nodes[e]["lang"] == use] or kb.expressions(work)
        flags = position_flags(kb, exprs[-1], d["eid"], as_of_date) if exprs else []
        titles = d.get("titles") or {}
        sides[side] = {
            "title": titles.get(lang) or titles.get(use) or titles.get("ru") or titles.get("kk") or d["eid"],
            "act": t("diff.pos.of_act", lang, number=number),
            "act_url": f"/{lang}/acts/{number}",
            "url": f"/{lang}/positions/{number}:{d['eid']}",
            "ref": f"{number}:{d['eid']}",
            "titles": {d["eid"]: titles.get(use) or titles.get(lang) or ""},
            "flags": [flag_message(f, lang) for f in flags],
        }

    def item_text(it: dict[str, Any]) -> str:
        return " ".join([it.get("text") or "", *it.get("children", [])])

    def item(it: dict[str, Any] | None) -> dict[str, Any] | None:
        if not it:
            return None
        return {
            "name": unit_name(_within_position(it["eid"]), lang, {}),
            "text": item_text(it),
            "line": it.get("line"),
        }

    parts = []
    for part in ("duties", "must_know", "requirements"):
        body = res[part]
        rows = []
        for c in body.get("common", []):
            rows.append({"kind": "common", "a": item(c["a"]), "b": item(c["b"])})
        for c in body.get("changed", []):
            from kb.inline import inline_diff

            segs = c.get("segments") or inline_diff(item_text(c["a"]), item_text(c["b"]))
            rows.append(
                {
                    "kind": "changed",
                    "a": item(c["a"]),
                    "b": item(c["b"]),
                    "old": _segments_html(segs, "a"),
                    "new": _segments_html(segs, "b"),
                    "inline": _segments_html(segs, "a") + Markup(" → ") + _segments_html(segs, "b"),
                }
            )
        for it in body.get("removed", []):
            rows.append({"kind": "removed", "a": item(it), "b": None})
        for it in body.get("added", []):
            rows.append({"kind": "added", "a": None, "b": item(it)})
        counts = {k: len(body.get(k, [])) for k in ("common", "changed", "removed", "added")}
        parts.append({"key": part, "rows": rows, "counts": t("diff.cmp.counts", lang, **counts)})

    acts = []
    for kind in ("common", "removed", "added"):
        for x in (res.get("must_know_acts") or {}).get(kind, []):
            node = g.nodes.get(f"ref:{x['act']}", {})
            acts.append(
                {
                    "kind": kind,
                    "name": node.get(f"name_{lang}") or node.get("name_ru") or x["act"],
                    "url": f"/{lang}/mustknow?" + _qs(act=x["act"]),
                }
            )
    return {
        "a": sides["a"],
        "b": sides["b"],
        "parts": parts,
        "acts": acts,
        "as_of": fmt_date(as_of_date),
        "json_url": "/compare/positions?"
        + _qs(a=sides["a"]["ref"], b=sides["b"]["ref"], as_of=as_of_date, lang=use),
    }


# --- the page ----------------------------------------------------------------------------------


def _choices(kb: KB, lang: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    acts, positions = [], []
    for work, meta in sorted(kb.acts.items(), key=lambda kv: kv[1].get("date") or ""):
        eds = editions_meta(kb, work)  # the dates only: not every act's texts
        if not eds:
            continue
        titles = _titles(meta)
        acts.append(
            {
                "number": meta.get("number"),
                "date": meta.get("date"),
                "title": titles.get(lang) or titles.get("ru") or titles.get("kk") or work,
                "dates": sorted({e.date_from for e in eds if e.date_from}),
            }
        )
    for _n, d in nodes_of_kind(kb.graph, "position"):
        number = kb.acts[d["work"]].get("number")
        titles = d.get("titles") or {}
        positions.append(
            {
                "ref": f"{number}:{d['eid']}",
                "act": number,
                "title": titles.get(lang) or titles.get("ru") or titles.get("kk") or d["eid"],
                "order": (
                    kb.acts[d["work"]].get("date") or "",
                    [
                        int(x) if x.isdigit() else 0
                        for x in d["eid"].replace("-", "_").split("_")
                        if x.isdigit()
                    ],
                ),
            }
        )
    positions.sort(key=lambda p: p["order"])
    return acts, positions


@router.get("/{lang}/diff", response_class=HTMLResponse)
def diff_page(request: Request, lang: str) -> HTMLResponse:
    try:
        check_lang(lang)
    except PageError as err:
        return error_page(request, "ru", err)
    kb = get_kb(request)
    q = request.query_params
    mode = q.get("mode") if q.get("mode") in MODES else ("positions" if q.get("a") or q.get("b") else "dates")
    view = q.get("view") if q.get("view") in VIEWS else "side"
    show_all = q.get("all") in ("1", "true", "on")
    acts, positions = _choices(kb, lang)
    form: dict[str, Any] = {
        "mode": mode,
        "view": view,
        "act": q.get("act") or "",
        "from": q.get("from") or "",
        "to": q.get("to") or "",
        "text": q.get("text") or "",
        "a": q.get("a") or "",
        "b": q.get("b") or "",
        "as_of": q.get("as_of") or "",
        "all": show_all,
    }
    ctx: dict[str, Any] = {"form": form, "acts": acts, "positions": positions, "result": None, "cmp": None}
    settings = request.app.state.settings
    try:
        if mode == "positions" and (form["a"] or form["b"]):
            if not (form["a"] and form["b"]):
                raise PageError(422, "diff.error.need_positions")
            try:
                day = settings.as_of(parse_date(form["as_of"]))
            except ValueError:
                raise PageError(422, "error.bad_date", value=form["as_of"]) from None
            ctx["cmp"] = positions_context(kb, lang, form["a"], form["b"], day, q.get("text"))
        elif mode != "positions" and form["act"]:
            work = _find_act(kb, form["act"])
            try:
                d1, d2 = parse_date(form["from"]), parse_date(form["to"])
            except ValueError:
                bad = form["from"] if not _ok_date(form["from"]) else form["to"]
                raise PageError(422, "error.bad_date", value=bad) from None
            if not d1 or not d2:
                raise PageError(422, "diff.error.need_dates")
            if d1 > d2:
                raise PageError(400, "diff.error.order", a=fmt_date(d1), b=fmt_date(d2))
            text_lang = _text_lang(kb, work, q.get("text"), lang)
            form["text"] = text_lang
            ctx["text_langs"] = sorted({e.lang for e in kb.editions[work]})
            ctx["result"] = act_diff_context(kb, lang, work, text_lang, d1, d2, mode, show_all)
    except PageError as err:
        ctx["error"] = t(err.key, lang, **err.fields)
        status = err.status
    else:
        status = 200
    base = dict(request.query_params.items())
    other_view = "inline" if view == "side" else "side"
    ctx["other_view"] = other_view
    ctx["other_view_url"] = f"/{lang}/diff?" + urlencode({**base, "view": other_view})
    ctx["all_url"] = f"/{lang}/diff?" + urlencode({**base, "all": "1"})
    ctx["examples"] = _examples(kb, lang, acts, positions, settings.as_of(None))
    return page(request, "diff.html", lang, status=status, **ctx)


def _ok_date(value: str) -> bool:
    try:
        parse_date(value)
        return True
    except ValueError:
        return False


def _examples(
    kb: KB, lang: str, acts: list[dict[str, Any]], positions: list[dict[str, Any]], today: str
) -> list[dict[str, str]]:
    """Links that show what the page does: each act with an announced edition between the start
    of its text and ``today`` (or the end of its copy window, if later), each act with two dated
    editions compared, and two positions of the same title in two acts."""
    out = []
    counts = doc_counts(kb)  # which texts announce an edition, without reading every text
    for a in acts:
        work = next(w for w, m in kb.acts.items() if m.get("number") == a["number"])
        eds = editions_meta(kb, work)
        dated = [e for e in eds if e.kind == "edition" and e.date_from]
        if len({e.date_from for e in dated}) >= 2:
            d = sorted({e.date_from for e in dated})
            a1, b1 = d[0], d[-1]
            out.append(
                {
                    "text": t(
                        "diff.example.editions", lang, number=a["number"], a=fmt_date(a1), b=fmt_date(b1)
                    ),
                    "url": f"/{lang}/diff?" + _qs(act=a["number"], **{"from": a1, "to": b1}, mode="editions"),
                }
            )
        if any(counts[e]["announced"] for e in kb.expressions(work)):  # an announced edition
            a1 = min(e.date_from for e in eds if e.date_from)
            b1 = max(today, max(e.date_to or "" for e in eds))
            out.append(
                {
                    "text": t("diff.example.dates", lang, number=a["number"], a=fmt_date(a1), b=fmt_date(b1)),
                    "url": f"/{lang}/diff?"
                    + _qs(act=a["number"], **{"from": fmt_date(a1), "to": fmt_date(b1)}),
                }
            )
    by_title: dict[str, list[dict[str, Any]]] = {}
    for p in positions:
        by_title.setdefault(p["title"].split(" (")[0].lower(), []).append(p)
    for same in by_title.values():
        acts_of = {p["act"] for p in same}
        if len(acts_of) > 1:
            pa, pb = same[0], next(p for p in same if p["act"] != same[0]["act"])
            out.append(
                {
                    "text": t(
                        "diff.example.positions",
                        lang,
                        a=f"{pa['title']} ({pa['act']})",
                        b=f"{pb['title']} ({pb['act']})",
                    ),
                    "url": f"/{lang}/diff?" + _qs(mode="positions", a=pa["ref"], b=pb["ref"]),
                }
            )
            break
    return out
