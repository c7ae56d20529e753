"""Read-only projections of the KB shared by the routes, the job description, the Akoma Ntoso
export and the CLI: which expression holds an act's text on a date, a position with its items
and their flags, the cross-document links of a node.

Flags come from :func:`kb.versions.flags_for`; an item or unit whose text in force is not in
the corpus keeps its corpus text under ``corpus_text`` and gets ``text: None`` — a stale text is
never passed on as the text in force.
"""

from __future__ import annotations

from typing import Any

from kb.build import KB
from kb.graphstore import links_touching
from kb.queries import position_summary, unit_flags

from .errors import not_found

LANGS = ("ru", "kk")


def languages(kb: KB, work: str) -> list[str]:
    """The languages of an act's expressions, ru first."""
    langs = {kb.graph.nodes[e]["lang"] for e in kb.expressions(work)}
    return sorted(langs, key=lambda x: (LANGS.index(x) if x in LANGS else len(LANGS), x))


def expression_for(kb: KB, work: str, lang: str, as_of: str | None = None) -> str:
    """The expression of ``work`` in ``lang`` that holds the text on ``as_of``: the latest
    dated edition on or before the date (else the earliest), or the copy."""
    g = kb.graph
    exprs = [e for e in kb.expressions(work) if g.nodes[e]["lang"] == lang]
    if not exprs:
        have = sorted({g.nodes[e]["lang"] for e in kb.expressions(work)})
        raise not_found(
            f"no {lang} text of this act",
            work,
            f"languages available: {', '.join(have) or 'none'}",
            languages=have,
        )

    def start(e: str) -> str:
        ed = g.nodes[e].get("edition") or {}
        return ed.get("date") or ed.get("copied_after") or ""

    exprs.sort(key=start)
    if as_of is None:
        return exprs[-1]
    before = [e for e in exprs if start(e) <= as_of]
    return before[-1] if before else exprs[0]


def text_missing(flags: list[dict[str, Any]]) -> bool:
    """Whether the text in force on the flags' date is certainly not in the corpus (the
    timeline's ``certain`` flags; a flag without it counts when ``text_in_corpus`` is False).
    An uncertain flag (``change_date_uncertain``, an open interval) leaves the text usable,
    flagged."""
    return any(f.get("certain", f.get("text_in_corpus") is False) for f in flags)


def links_of(
    kb: KB, nid: str, types: tuple[str, ...] = ("staffed_by", "corresponds_to", "same_title")
) -> list[dict]:
    """Cross-document links touching ``nid`` (:mod:`kb.links`), each pointing at the other end
    with its title, how it was made and a confidence."""
    out = []
    for link in links_touching(kb, nid):
        if link["type"] not in types or nid not in (link["from"], link["to"]):
            continue
        other = link["to"] if link["from"] == nid else link["from"]
        out.append(
            {
                "type": link["type"],
                "id": other,
                "title": node_title(kb, other),
                "method": link["method"],
                "confidence": link["confidence"],
                "why": link.get("why"),
                "matched": link.get("matched"),
            }
        )
    return sorted(out, key=lambda x: (x["type"], -x["confidence"], x["id"]))


def node_title(kb: KB, nid: str, lang: str = "ru") -> str | None:
    """A readable name of a position, card or staffing row node."""
    d = kb.graph.nodes[nid]
    kind = d.get("kind")
    if kind == "position":
        return d["titles"].get(lang) or next(iter(d["titles"].values()), None)
    if kind == "card":
        return d["card"].get("name") or d["card"].get("profession")
    if d.get("staffing"):
        return d["staffing"].get("position")
    return d.get("heading") or d.get("text")


def act_summary(kb: KB, work: str) -> dict[str, Any]:
    m = kb.acts[work]
    return {
        "id": work,
        "number": m["number"],
        "type": m["type"],
        "date": m["date"],
        "subject": m.get("subject"),
        "title": m["title"],
        "languages": languages(kb, work),
    }


def position_brief(kb: KB, pid: str) -> dict[str, Any]:
    """:func:`kb.queries.position_summary` plus the languages the position has a text in."""
    return {
        **position_summary(kb, pid),
        "languages": [x for x in LANGS if x in kb.graph.nodes[pid]["titles"]],
    }


def _items(kb: KB, expr: str, items, as_of: str) -> list[dict[str, Any]]:
    out = []
    for it in items:
        flags = unit_flags(kb, expr, it.eid, as_of)
        out.append(
            {
                "eid": it.eid,
                "text": None if text_missing(flags) else it.text,
                "corpus_text": it.text,
                "category": it.category,
                "label": it.label,
                "line": it.line,
                "flags": flags,
                "children": _items(kb, expr, it.children, as_of),
            }
        )
    return out


def position_view(kb: KB, pid: str, lang: str, as_of: str) -> dict[str, Any]:
    """A position in one language on a date: title, duties, must-know items and requirements
    (nested as in the text) with their flags, and its links; 404 when it has no text in
    ``lang``."""
    node = kb.graph.nodes[pid]
    work = node["work"]
    have = [x for x in LANGS if x in node["titles"]]
    if lang not in node["titles"]:
        raise not_found(
            f"no {lang} text of this position", pid, f"languages available: {', '.join(have)}", languages=have
        )
    expr = expression_for(kb, work, lang, as_of)
    pos = next((p for p in kb.docs[expr].positions if p.id == node["eid"]), None)
    if pos is None:  # a dated edition in which the Параграф does not exist
        raise not_found(
            f"no {lang} text of this position on {as_of}", pid, f"the edition {expr} has no {node['eid']}"
        )
    flags = unit_flags(kb, expr, pos.id, as_of)
    return {
        **position_brief(kb, pid),
        "lang": lang,
        "as_of": as_of,
        "expression": expr,
        "title": pos.title,
        "edition": kb.graph.nodes[expr].get("edition") or {},
        "flags": flags,
        "duties": _items(kb, expr, pos.duties, as_of),
        "must_know": _items(kb, expr, pos.must_know, as_of),
        "requirements": _items(kb, expr, pos.requirements, as_of),
        "links": links_of(kb, pid),
    }


# --- flags in words ---------------------------------------------------------------------------


def dmy(iso: str | None) -> str:
    """``2026-07-12`` → ``12.07.2026`` (as Kazakh acts print dates).

    >>> dmy("2026-07-12")
    '12.07.2026'
    """
    if not iso or len(iso) != 10:
        return iso or "?"
    y, m, d = iso.split("-")
    return f"{d}.{m}.{y}"


def _when(since: Any, lang: str) -> str:
    """When something takes effect, in words: a day, or an interval (an unknown publication day).

    >>> _when("2026-07-12", "ru"), _when({"lower": "2024-08-25", "upper": None}, "kk")
    ('с 12.07.2026', 'ең ерте дегенде 25.08.2024 бастап')
    """
    kk = lang == "kk"
    if isinstance(since, dict):
        lower, upper = since.get("lower"), since.get("upper")
        if lower and upper:
            return (
                f"{dmy(lower)} мен {dmy(upper)} аралығындағы күннен бастап"
                if kk
                else f"с даты между {dmy(lower)} и {dmy(upper)}"
            )
        since = lower or upper
        return f"ең ерте дегенде {dmy(since)} бастап" if kk else f"не ранее чем с {dmy(since)}"
    return f"{dmy(since)} бастап" if kk else f"с {dmy(since)}"


def flag_note(flag: dict[str, Any], lang: str) -> str:
    """A flag as one line for a reader, in ``lang``, starting with ⚠.

    >>> flag = {"kind": "superseded", "since": "2026-07-12", "by": {"number": "188-НҚ", "date": "2026-04-16"}}
    >>> flag_note(flag, "ru")
    '⚠ с 12.07.2026 действует редакция приказа № 188-НҚ от 16.04.2026; её текста нет в корпусе'
    """
    kind = flag.get("kind")
    kk = lang == "kk"
    when = _when(flag.get("since") or flag.get("act_in_force_from") or flag.get("known_from"), lang)
    maybe = flag.get("certain") is False
    by = flag.get("by") or {}
    if kind == "superseded":
        num, date = by.get("number") or "?", dmy(by.get("date"))
        if kk:
            return (
                f"⚠ {'мүмкін, ' if maybe else ''}{when} {date} № {num} бұйрықтың редакциясы қолданылады; "
                "оның мәтіні корпуста жоқ"
            )
        return (
            f"⚠ {'возможно, ' if maybe else ''}{when} действует редакция приказа № {num} от {date}; "
            "её текста нет в корпусе"
        )
    if kind == "not_yet_in_force":
        if kk:
            return f"⚠ бұйрық {when} қолданысқа енгізіледі; бұл күні оның мәтіні қолданыста емес"
        return f"⚠ приказ вводится в действие {when}; на эту дату его текст не действует"
    if kind == "earlier_text_not_in_corpus":
        if kk:
            aside = " (бұл күні әлі қолданыста болмауы мүмкін)" if maybe else ""
            return f"⚠ корпустағы мәтін {when} қолданылады{aside}; бұрынғы мәтіні корпуста жоқ"
        aside = " (на эту дату, возможно, ещё нет)" if maybe else ""
        return f"⚠ текст корпуса действует {when}{aside}; прежнего текста нет в корпусе"
    if kind == "change_date_uncertain":
        if kk:
            return f"⚠ бұл мәтін {when} қолданылады, күні нақты белгісіз; бұрынғы мәтін қолданылуы мүмкін"
        return f"⚠ этот текст действует {when}, точная дата неизвестна; может действовать прежний текст"
    if kind == "not_in_edition":
        if kk:
            return "⚠ бұл бөлік осы күні қолданыстағы мәтінде жоқ"
        return "⚠ этой части нет в тексте, действующем на эту дату"
    return "⚠ " + str(flag.get("message") or kind)
