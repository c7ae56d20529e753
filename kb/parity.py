"""ru↔kk parity of a bilingual act: what the two languages say differently.

Parity compares content, not only unit counts.  The units of the two texts are paired by
:func:`kb.align.align_pairs` (by unit id, and by content where a point's абзацы are numbered
differently), and every pair is read:

- the referenced acts each side cites (the canonical act ids of :mod:`kb.refacts`, read from the
  graph's ``cites`` edges) — "Конституцию Республики Казахстан;" against the Health Code;
- the numbers and dates each side writes (digits and roman numerals);
- a unit with no counterpart in the other language.

For every position present in both languages the report gives the set of referenced acts per
language and their difference (``positions[].acts``).  Every difference carries both source
lines and a readable name of the unit ("Психолог, п. 20, абз. 4").
"""

from __future__ import annotations

import re
from typing import Any

from . import ids
from .build import KB, position_id
from .graphstore import nodes_of_kind

__all__ = ["counterpart", "mark_languages", "parity", "reading_order", "unit_acts", "unit_label"]

_NUMBERS = re.compile(
    r"""\d{4}-\d{2}-\d{2}            # a date, made ISO by _DATES
      | \d+(?:[.,]\d+)*            # 3, 0,5
      | (?<![\w-])[IVX]+(?![\w-])  # a roman numeral standing alone: "Психолог I категории", "I санатты"
    """,
    re.X,
)

_MONTHS = {  # stems of the month names, ru (genitive) and kk
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8, "сентябр": 9,
    "октябр": 10, "ноябр": 11, "декабр": 12, "қаңтар": 1, "ақпан": 2, "наурыз": 3, "сәуір": 4, "мамыр": 5,
    "маусым": 6, "шілде": 7, "тамыз": 8, "қыркүйек": 9, "қазан": 10, "қараша": 11, "желтоқсан": 12,
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATES = re.compile(
    rf"""(?P<d1>\d{{1,2}})\.(?P<m1>\d{{1,2}})\.(?P<y1>\d{{4}})                 # 31.12.2027
       | (?P<d2>\d{{1,2}})\s+(?P<mon2>{_MONTH})[а-я]*\s+(?P<y2>\d{{4}})        # 30 декабря 2014 (года)
       | (?P<y3>\d{{4}})\s+жылғы\s+(?P<d3>\d{{1,2}})\s+(?P<mon3>{_MONTH})\w*  # 2016 жылғы 30 желтоқсандағы
    """,
    re.X | re.I,
)


def _iso(m: re.Match[str]) -> str:
    for k in "123":
        if m.group(f"y{k}"):
            month = m.group("m1") if k == "1" else _MONTHS[m.group(f"mon{k}").lower()]
            return f"{m.group(f'y{k}')}-{int(month):02d}-{int(m.group(f'd{k}')):02d}"
    return m.group(0)  # pragma: no cover

#: How a unit's number reads in a unit name, per eId prefix.
_WORDS = {"chp": "гл. {}", "art": "ст. {}", "point": "п. {}", "subpoint": "пп. {})", "al": "абз. {}"}


def _text(kb: KB, expr: str, eid: str | None, part: str) -> str:
    if eid is None:
        return ""
    d = kb.graph.nodes[ids.unit_id(expr, eid)]
    text = d.get("text") or d.get("heading") or ""
    if part == "head":
        return text.split(":", 1)[0] + ":" if ":" in text else text
    if part == "tail":
        return text.split(":", 1)[-1].strip()
    return text


def unit_acts(kb: KB, unit: str) -> set[str]:
    """Canonical ids of the acts a unit node cites (its ``cites`` edges)."""
    return {kb.graph.nodes[ref]["ref"] for _, ref, k in kb.graph.out_edges(unit, keys=True) if k == "cites"}


def _numbers(text: str) -> set[str]:
    """The numbers and dates a text writes, dates made ISO whichever way they are written.

    >>> sorted(_numbers("Дата ориентировочного пересмотра: 31.12.2027 г."))
    ['2027-12-31']
    >>> sorted(_numbers("Болжалды қайта қарау күні: 2027 жылғы 31 желтоқсан."))
    ['2027-12-31']
    >>> sorted(_numbers("приказом … 30 декабря 2014 года № 959; Психолог I категории, не менее 2 лет"))
    ['2', '2014-12-30', '959', 'I']
    """
    return set(_NUMBERS.findall(_DATES.sub(_iso, text)))


def unit_label(kb: KB, work: str, eid: str, lang: str = "ru", title: bool = True) -> str:
    """A unit's readable name: the position's title (in ``lang``), then point, subpoint, абзац.

    ``chp_2__para_6__point_20__al_4`` of 580-НҚ → ``Психолог (социальный психолог), п. 20, абз. 4``
    (``п. 20, абз. 4`` without the title)."""
    parts = eid.split("__")
    out: list[str] = []
    for i, part in enumerate(parts):
        prefix, _, num = part.rpartition("_")
        if prefix == "para":
            pid = position_id(work, "__".join(parts[: i + 1]))
            titles = kb.graph.nodes[pid].get("titles", {}) if pid in kb.graph else {}
            name = titles.get(lang) or titles.get("ru") or titles.get("kk")
            out = ([name] if title else []) if name else [*out, f"§ {num}"]
        elif prefix in _WORDS:
            out.append(_WORDS[prefix].format(num))
    return ", ".join(out) or eid


def _position_of(eid: str | None) -> str | None:
    m = re.match(r"(.*?__para_[\w-]+?)(?:__|$)", eid or "")
    return m.group(1) if m else None


def counterpart(kb: KB, unit: str) -> str | None:
    """The unit node of the other language aligned with ``unit`` (``aligned_with`` edges)."""
    g = kb.graph
    for _, b, k in g.out_edges(unit, keys=True):
        if k == "aligned_with":
            return b
    for a, _, k in g.in_edges(unit, keys=True):
        if k == "aligned_with":
            return a
    return None


def reading_order(g: Any, node: str) -> tuple[bool, int, str]:
    """Sort key of a unit node: ru before kk, then by source line (``al_10`` after ``al_9``)."""
    d = g.nodes[node]
    return (d.get("lang") != "ru", (d.get("source") or {}).get("start") or 0, node)


def _cite(kb: KB, unit: str) -> dict[str, Any]:
    d = kb.graph.nodes[unit]
    return {"lang": d["lang"], "eid": d["eid"], "line": d["source"]["start"], "text": d.get("text") or ""}


def mark_languages(kb: KB, pid: str, entries: Any) -> None:
    """On each act entry of a merged (ru + kk) must-know answer: ``languages`` (which name the
    act) and, for an act named in one language only while the position has must-know items in
    both, a ``language`` note — the units naming it, what their counterparts in the other
    language say (and cite), and a message ("named only in kk: Психолог, п. 20, абз. 4 …")."""
    g = kb.graph
    work = g.nodes[pid]["work"]
    nodes = {(g.nodes[u]["lang"], g.nodes[u]["eid"]): u for _, u, k in g.out_edges(pid, keys=True)
             if k == "must_know_item"}
    have = {lang for lang, _ in nodes}
    for entry in entries:
        named = sorted({i["lang"] for i in entry["items"]}, key=lambda x: x != "ru")
        entry["languages"] = named
        if len(named) != 1 or not {"ru", "kk"} <= have:
            continue
        only, other = named[0], "kk" if named[0] == "ru" else "ru"
        units, partners = [], []
        for item in entry["items"]:
            nid = nodes.get((only, item["unit"]))
            units.append({"lang": only, "eid": item["unit"], "line": item.get("line"), "text": item["text"],
                          "label": unit_label(kb, work, item["unit"], "ru")})
            twin = counterpart(kb, nid) if nid else None
            if twin is not None and twin not in {p["node"] for p in partners}:
                partners.append({**_cite(kb, twin), "node": twin,
                                 "label": unit_label(kb, work, g.nodes[twin]["eid"], "ru", title=False),
                                 "acts": sorted(unit_acts(kb, twin))})
        where = "; ".join(f"{u['label']} ({only} line {u['line']})" for u in units)
        says = "; ".join(f"{other} {p['label']} (line {p['line']}) reads «{p['text']}»" for p in partners)
        for p in partners:
            del p["node"]
        entry["language"] = {"only_in": only, "units": units, "counterparts": partners,
                             "message": f"named only in {only}: {where}"
                                        + (f"; {says}" if says else f"; no {other} counterpart")}


def _side(kb: KB, expr: str, eid: str | None, part: str, acts: set[str]) -> dict[str, Any] | None:
    if eid is None:
        return None
    d = kb.graph.nodes[ids.unit_id(expr, eid)]
    return {"eid": eid, "part": part, "line": d["source"]["start"], "file": d["source"]["file"],
            "text": _text(kb, expr, eid, part), "acts": sorted(acts)}


def _acts_of(kb: KB, expr: str, eid: str | None, part: str) -> set[str]:
    if eid is None or part == "head":  # a point's head cites nothing: its inline item is the tail
        return set()
    return unit_acts(kb, ids.unit_id(expr, eid))


def _act_sets(ru: set[str], kk: set[str]) -> dict[str, list[str]]:
    return {"ru": sorted(ru), "kk": sorted(kk), "common": sorted(ru & kk), "only_ru": sorted(ru - kk),
            "only_kk": sorted(kk - ru)}


def _position_acts(kb: KB, pid: str, lang: str) -> set[str]:
    g = kb.graph
    out: set[str] = set()
    for _, unit, k, d in g.out_edges(pid, keys=True, data=True):
        if k == "must_know_item" and d.get("lang") == lang and not g.nodes[unit].get("excluded"):
            out |= unit_acts(kb, unit)
    return out


def _differences(kb: KB, work: str, ru: str, kk: str) -> list[dict[str, Any]]:
    from .align import align_pairs

    out = []
    for p in align_pairs(kb.docs[ru], kb.docs[kk]):
        acts_ru, acts_kk = _acts_of(kb, ru, p.a, p.part_a), _acts_of(kb, kk, p.b, p.part_b)
        kinds = []
        if p.a is None or p.b is None:
            if not (_text(kb, ru, p.a, p.part_a) or _text(kb, kk, p.b, p.part_b)):
                continue  # an empty structural unit (a table row) has nothing to say
            kinds.append("only_ru" if p.b is None else "only_kk")
            num_ru = num_kk = set()
        else:
            num_ru = _numbers(_text(kb, ru, p.a, p.part_a))
            num_kk = _numbers(_text(kb, kk, p.b, p.part_b))
            if acts_ru != acts_kk:
                kinds.append("acts")
            if num_ru != num_kk:
                kinds.append("numbers")
        if not kinds:
            continue
        eid = p.a or p.b or ""
        out.append({
            "kinds": kinds,
            "position": _position_of(eid),
            "label": {"ru": unit_label(kb, work, p.a, "ru") if p.a else None,
                      "kk": unit_label(kb, work, p.b, "ru") if p.b else None},
            "method": p.method,
            "ru": _side(kb, ru, p.a, p.part_a, acts_ru),
            "kk": _side(kb, kk, p.b, p.part_b, acts_kk),
            "acts": {"only_ru": sorted(acts_ru - acts_kk), "only_kk": sorted(acts_kk - acts_ru)},
            "numbers": {"only_ru": sorted(num_ru - num_kk), "only_kk": sorted(num_kk - num_ru)},
        })
    return out


def _find_work(kb: KB, work: str) -> str:
    from .queries import NotFound, find_acts

    if work in kb.acts:
        return work
    found = find_acts(kb, work)
    if not found:
        raise NotFound(f"no act {work!r}; give an act id or number such as 580-НҚ")
    return found[0]


def _expr(kb: KB, work: str, lang: str) -> str | None:
    exprs = [e for e in kb.expressions(work) if kb.graph.nodes[e]["lang"] == lang]
    return exprs[-1] if exprs else None


def parity(kb: KB, work: str) -> dict[str, Any]:
    """The ru↔kk parity report of a bilingual act.

    ``positions``: per position of either language, the referenced acts per language and their
    difference, the item counts per part and how many unit differences it holds;
    ``differences``: every pair of units whose partner says something else (``kinds``: "acts",
    "numbers") and every unit in one language only ("only_ru", "only_kk"), with both sides'
    lines; ``only_ru`` / ``only_kk``: the units with no counterpart (by id and content);
    ``numbering``, ``count_mismatches``, ``realigned``: the structural view."""
    from .align import align_eids
    from .queries import NotFound

    work = _find_work(kb, work)
    ru, kk = _expr(kb, work, "ru"), _expr(kb, work, "kk")
    if not ru or not kk:
        raise NotFound(f"act {work} has no ru and kk texts to compare")
    dru, dkk = kb.docs[ru], kb.docs[kk]
    uru = {u.eid: u for u in dru.units}
    ukk = {u.eid: u for u in dkk.units}
    diffs = _differences(kb, work, ru, kk)
    mapping = align_eids(dru, dkk)

    positions, mismatches = [], []
    kk_pos = {p.id: p for p in dkk.positions}
    ru_pos = {p.id: p for p in dru.positions}
    for eid in list(ru_pos) + [e for e in kk_pos if e not in ru_pos]:
        p, q = ru_pos.get(eid), kk_pos.get(eid)
        pid = position_id(work, eid)
        a_ru = _position_acts(kb, pid, "ru") if p else set()
        a_kk = _position_acts(kb, pid, "kk") if q else set()
        counts = {role: {"ru": len(getattr(p, role)) if p else None,
                         "kk": len(getattr(q, role)) if q else None}
                  for role in ("duties", "must_know", "requirements")}
        row = {"position": eid, "id": pid, "title_ru": p.title if p else None,
               "title_kk": q.title if q else None,
               "ru_line": p.span.start if p else None, "kk_line": q.span.start if q else None,
               "acts": {**_act_sets(a_ru, a_kk), "same": a_ru == a_kk}, "counts": counts,
               "differences": sum(1 for d in diffs if d["position"] == eid)}
        if p is None or q is None:
            row["problem"] = f"missing in {'kk' if q is None else 'ru'}"
        positions.append(row)
        for role, c in counts.items():
            if p and q and c["ru"] != c["kk"]:
                mismatches.append({"position": eid, "title_ru": p.title, "title_kk": q.title, "part": role,
                                   "ru": c["ru"], "kk": c["kk"], "ru_line": p.span.start,
                                   "kk_line": q.span.start})

    def alone(side: str) -> list[dict[str, Any]]:
        return [{"unit": d[side]["eid"], "line": d[side]["line"], "file": d[side]["file"],
                 "text": d[side]["text"], "acts": d[side]["acts"]}
                for d in diffs if d["kinds"] == [f"only_{side}"]]

    numbering = [{"unit": e, "ru": uru[e].num, "kk": ukk[e].num}
                 for e in uru if e in ukk and uru[e].num != ukk[e].num]
    # where the абзацы of a point are numbered differently, the same id names different items
    realigned = [{"ru": a, "kk": b, "ru_line": uru[a].span.start, "kk_line": ukk[b].span.start if b else None,
                  "ru_text": uru[a].text, "kk_text": ukk[b].text if b else None}
                 for a, b in mapping.items() if a != b]
    aligned = sum(1 for b in mapping.values() if b is not None)
    names = {ref: {"ru": d.get("name_ru"), "kk": d.get("name_kk")} for ref, d in
             ((d["ref"], d) for _, d in nodes_of_kind(kb.graph, "referenced_act"))
             if any(ref in x["acts"].get("ru", []) + x["acts"].get("kk", []) for x in positions)}
    return {"act": work, "act_number": kb.acts[work].get("number"), "ru": ru, "kk": kk,
            "units": {"ru": len(uru), "kk": len(ukk), "common": len(set(uru) & set(ukk)), "aligned": aligned},
            "positions": positions, "differences": diffs, "act_names": dict(sorted(names.items())),
            "only_ru": alone("ru"), "only_kk": alone("kk"), "numbering": numbering,
            "count_mismatches": mismatches, "realigned": realigned}
