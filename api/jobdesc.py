"""A draft job description (должностная инструкция / лауазымдық нұсқаулық) for a ТКХ position.

:func:`build_job_description` is a pure function of (KB, position, language, date) giving a
plain dict; :func:`render` writes it as Markdown, HTML, DOCX or JSON.  What goes in:

* the general part: the title in the requested language, the group with how it was derived
  (``Position.group_basis``: from the chapter heading, cited to the chapter; or from the title,
  citing nothing, since no unit states it), the act and edition the document rests on, the date;
* duties (with their sub-items), must-know items (plus the acts they resolve to, named in the
  requested language, when the KB has referenced acts), qualification requirements by level and
  category — all from the position's Параграф;
* where a profession card corresponds to the position (``kb.links`` type ``corresponds_to``):
  its labour functions and skills, in a separate section marked optional.

Every line cites its source as ``[<act number>, <unit id>]``; the sources section gives each
act's edition.  A unit flagged on the date (superseded by an edition whose text is not in the
corpus, not yet in force…) is marked with ⚠ and the reason; its corpus text is shown as the
previous edition, never as the text in force.  Nothing is invented: lines come from the corpus,
headings and labels are fixed words per language.
"""

from __future__ import annotations

import html
import io
import json
import re
from typing import Any

from kb.build import KB
from kb.ids import slug_number
from kb.queries import must_know, unit_flags

from .views import dmy, expression_for, flag_note, position_view, text_missing

LABELS: dict[str, dict[str, Any]] = {
    "ru": {
        "doc": "Должностная инструкция",
        "draft": "Проект, составленный автоматически по типовой квалификационной характеристике. Перед "
        "утверждением сверьте его с действующей редакцией актов.",
        "general": "Общие положения",
        "position": "Должность",
        "group": "Категория должностей",
        "basis": "Основание",
        "edition": "Текст",
        "as_of": "По состоянию на",
        "duties": "Должностные обязанности",
        "must_know": "Должен знать",
        "acts": "Нормативные правовые акты, которые должен знать работник",
        "requirements": "Требования к квалификации",
        "optional": "Дополнительно (необязательный раздел): по карточке профессии",
        "optional_note": "Раздел не входит в типовую квалификационную характеристику; его можно использовать "
        "для уточнения обязанностей.",
        "card": "Карточка профессии «{}»",
        "card_lang": "",
        "link": "Связь с должностью: {} (уверенность {})",
        "function": "Трудовая функция {}",
        "mandatory": "обязательная",
        "not_mandatory": "дополнительная",
        "skill": "Навык {}",
        "sources": "Источники",
        "warnings": "Предупреждения",
        "empty": "В тексте нет пунктов.",
        "previous": "Текст прежней редакции: «{}»",
        "groups": {
            "managers": "руководители",
            "specialists": "специалисты",
            "other_employees": "другие служащие",
        },
        "order": "приказ {issuer} от {date} № {number} «{title}»",
        "copy": "копия текста ({lang}), снятая между {after} и {before}",
        "dated": "редакция ({lang}) от {date}",
        "para": "Параграф {}",
        "by_chapter": "по заголовку главы {num} «{heading}»",
        "by_title": "по названию должности «{title}»; заголовок главы {num} «{heading}» называет только "
        "руководителей",
    },
    "kk": {
        "doc": "Лауазымдық нұсқаулық",
        "draft": "Үлгілік біліктілік сипаттамасы бойынша автоматты түрде жасалған жоба. Бекіту алдында оны "
        "актілердің қолданыстағы редакциясымен салыстырыңыз.",
        "general": "Жалпы ережелер",
        "position": "Лауазым",
        "group": "Лауазымдар санаты",
        "basis": "Негіздеме",
        "edition": "Мәтін",
        "as_of": "Күнгі жағдай бойынша",
        "duties": "Лауазымдық міндеттері",
        "must_know": "Білуге тиіс",
        "acts": "Қызметкер білуге тиіс нормативтік құқықтық актілер",
        "requirements": "Біліктілікке қойылатын талаптар",
        "optional": "Қосымша (міндетті емес бөлім): кәсіп карточкасы бойынша",
        "optional_note": "Бұл бөлім үлгілік біліктілік сипаттамасына кірмейді; оны міндеттерді нақтылау үшін "
        "пайдалануға болады.",
        "card": "«{}» кәсіп карточкасы",
        "card_lang": "Кәсіп карточкасының мәтіні корпуста тек орыс тілінде бар.",
        "link": "Лауазыммен байланыс: {} (сенімділік {})",
        "function": "{}-еңбек функциясы",
        "mandatory": "міндетті",
        "not_mandatory": "қосымша",
        "skill": "{}-дағды",
        "sources": "Дереккөздер",
        "warnings": "Ескертулер",
        "empty": "Мәтінде тармақтар жоқ.",
        "previous": "Бұрынғы редакция мәтіні: «{}»",
        "groups": {"managers": "басшылар", "specialists": "мамандар", "other_employees": "басқа қызметшілер"},
        "order": "{issuer} {date} № {number} бұйрығы «{title}»",
        "copy": "мәтін көшірмесі ({lang}), {after} және {before} аралығында алынған",
        "dated": "{date} редакциясы ({lang})",
        "para": "{}-параграф",
        "by_chapter": "{num}-бөлімнің «{heading}» тақырыбы бойынша",
        "by_title": "«{title}» лауазым атауы бойынша; {num}-бөлімнің «{heading}» тақырыбы тек басшыларды "
        "атайды",
    },
}


def _line(
    kb: KB,
    expr: str,
    number: str,
    eid: str,
    text: str,
    as_of: str,
    lang: str,
    children: list[dict[str, Any]] | None = None,
    flags: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """One cited line; flagged ones carry their warnings and the corpus text as the previous edition."""
    flags = unit_flags(kb, expr, eid, as_of) if flags is None else flags
    return {
        "text": text,
        "in_force": not text_missing(flags),
        "cite": f"[{number}, {eid}]",
        "act": number,
        "eid": eid,
        "warnings": [flag_note(f, lang) for f in flags],
        "flags": flags,
        "children": children or [],
    }


def _items(
    kb: KB, expr: str, number: str, items: list[dict[str, Any]], as_of: str, lang: str
) -> list[dict[str, Any]]:
    return [
        _line(
            kb,
            expr,
            number,
            it["eid"],
            it["corpus_text"],
            as_of,
            lang,
            _items(kb, expr, number, it["children"], as_of, lang),
            it["flags"],
        )
        for it in items
    ]


def _edition(kb: KB, expr: str, lang: str) -> str:
    node = kb.graph.nodes[expr]
    ed = node.get("edition") or {}
    L = LABELS[lang]
    if ed.get("kind") == "copy":
        return L["copy"].format(
            lang=node["lang"], after=dmy(ed.get("copied_after")), before=dmy(ed.get("copied_before"))
        )
    return L["dated"].format(lang=node["lang"], date=dmy(ed.get("date")))


def _act_name(kb: KB, expr: str) -> str:
    """The act as its text names it, in the language of that text (the header's issuer is in
    the genitive: "приказ Министра …", "… министрінің … бұйрығы")."""
    work = kb.graph.nodes[expr]["work"]
    doc_lang = kb.graph.nodes[expr]["lang"]
    m = kb.acts[work]
    header = kb.docs[expr].header
    issuer = header.issuer or (m.get("issuer") or {}).get(doc_lang) or ""
    title = m["title"].get(doc_lang) or header.title or ""
    return LABELS[doc_lang]["order"].format(
        issuer=issuer, date=dmy(m["date"]), number=m["number"], title=title
    )


def _card_section(kb: KB, link: dict[str, Any], as_of: str, lang: str) -> dict[str, Any]:
    L = LABELS[lang]
    g = kb.graph
    cid = link["id"]
    d = g.nodes[cid]
    card = d["card"]
    work = d["work"]
    number = kb.acts[work]["number"]
    expr = expression_for(kb, work, d.get("lang") or "ru", as_of)
    lines = []
    for fn in card.get("functions", []):
        skills = [
            _line(
                kb,
                expr,
                number,
                sk["eid"],
                L["skill"].format(sk.get("num")) + ": " + (sk.get("name") or ""),
                as_of,
                lang,
            )
            for sk in fn.get("skills", [])
            if sk.get("eid")
        ]
        kind = L["mandatory"] if fn.get("mandatory") else L["not_mandatory"]
        text = f"{L['function'].format(fn.get('num'))} ({kind}): {fn.get('name') or ''}"
        lines.append(_line(kb, expr, number, fn["eid"], text, as_of, lang, skills))
    name = card.get("name") or card.get("profession") or card["id"]
    return {
        "key": f"card:{cid}",
        "heading": L["card"].format(name),
        "card": cid,
        "act": work,
        "expression": expr,
        "cite": f"[{number}, {card['id']}]",
        "notes": [
            x
            for x in (
                L["link"].format(link["method"], link["confidence"]),
                L["card_lang"] if d.get("lang") != lang else "",
            )
            if x
        ],
        "warnings": [flag_note(f, lang) for f in unit_flags(kb, expr, card["id"], as_of)],
        "lines": lines,
    }


def _group_line(kb: KB, expr: str, number: str, view: dict[str, Any], lang: str) -> dict[str, Any]:
    """The position's group, with the words it was derived from; cited to the chapter heading only
    when the group was read there (a group inferred from the title is stated by no unit)."""
    L = LABELS[lang]
    doc = kb.docs[expr]
    pos = next(p for p in doc.positions if p.id == view["eid"])
    chapter = next((u for u in doc.units if u.eid == pos.chapter), None) if pos.chapter else None
    group = L["groups"].get(pos.group, pos.group or "—")
    line = {"label": L["group"], "text": group, "cite": "", "act": number, "eid": None, "warnings": [],
            "flags": [], "children": [], "in_force": True, "derived": True,
            "group": pos.group, "group_basis": pos.group_basis, "basis": None}
    if pos.group is None or chapter is None:
        return line
    words = {"num": chapter.num, "heading": chapter.heading or "", "title": pos.title}
    if pos.group_basis == "chapter heading":
        line.update(basis=L["by_chapter"].format(**words), cite=f"[{number}, {chapter.eid}]", eid=chapter.eid)
    else:
        line["basis"] = L["by_title"].format(**words)
    line["text"] = f"{group} ({line['basis']})"
    return line


def build_job_description(kb: KB, pid: str, lang: str, as_of: str) -> dict[str, Any]:
    """The job description of position ``pid`` in ``lang`` on ``as_of`` (see the module doc)."""
    L = LABELS[lang]
    view = position_view(kb, pid, lang, as_of)  # 404 when the position has no text in ``lang``
    expr = view["expression"]
    number = view["act_number"]
    eid = view["eid"]
    group = _group_line(kb, expr, number, view, lang)
    general = [
        {
            "label": L["position"],
            **_line(kb, expr, number, eid, view["title"], as_of, lang, flags=view["flags"]),
        },
        group,
        {
            "label": L["basis"],
            **_line(
                kb,
                expr,
                number,
                eid,
                f"{_act_name(kb, expr)}, {L['para'].format(view['num'])}",
                as_of,
                lang,
                flags=[],
            ),
        },
        {
            "label": L["edition"],
            "text": _edition(kb, expr, lang),
            "cite": f"[{number}]",
            "warnings": [],
            "children": [],
            "in_force": True,
        },
        {
            "label": L["as_of"],
            "text": dmy(as_of),
            "cite": "",
            "warnings": [],
            "children": [],
            "in_force": True,
        },
    ]
    sections = [
        {"key": key, "heading": L[key], "lines": _items(kb, expr, number, view[key], as_of, lang)}
        for key in ("duties", "must_know", "requirements")
    ]
    if kb.refs:
        res = must_know(kb, pid, as_of, lang)
        name_key = f"name_{lang}"
        acts = [
            {
                "text": a.get(name_key) or a.get("name_ru") or a["id"],
                "cite": f"[{number}, {', '.join(a['sources'])}]",
                "warnings": [flag_note(f, lang) for f in a["flags"]],
                "flags": a["flags"],
                "children": [],
                "in_force": True,
                "act_id": a["id"],
            }
            for a in res["acts"]
        ]
        if acts:
            sections.insert(2, {"key": "acts", "heading": L["acts"], "lines": acts, "derived": True})
    optional = [
        _card_section(kb, link, as_of, lang) for link in view["links"] if link["type"] == "corresponds_to"
    ]
    sources = []
    for e in [expr] + [sec["expression"] for sec in optional]:
        n = kb.acts[kb.graph.nodes[e]["work"]]["number"]
        if all(s["key"] != n for s in sources):
            sources.append(
                {
                    "key": n,
                    "text": f"{_act_name(kb, e)}; {_edition(kb, e, lang)}; {kb.graph.nodes[e].get('path')}",
                }
            )
    warnings = sorted({w for ln in _walk(general, sections, optional) for w in ln.get("warnings", [])})
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{slug_number(number)}_{eid}_{lang}_{as_of}").strip("_")
    return {
        "lang": lang,
        "as_of": as_of,
        "title": view["title"],
        "heading": f"{L['doc']}: {view['title']}",
        "draft": L["draft"],
        "position": {
            k: view[k]
            for k in ("id", "eid", "num", "title_ru", "title_kk", "group", "act", "act_number", "languages")
        }
        | {"group_basis": group["group_basis"]},
        "expression": expr,
        "general_heading": L["general"],
        "general": general,
        "sections": sections,
        "optional_heading": L["optional"] if optional else None,
        "optional_note": L["optional_note"],
        "optional": optional,
        "sources_heading": L["sources"],
        "sources": sources,
        "warnings_heading": L["warnings"],
        "warnings": warnings,
        "empty": L["empty"],
        "previous": L["previous"],
        "filename": slug,
    }


def _walk(general, sections, optional):
    def rec(lines):
        for ln in lines:
            yield ln
            yield from rec(ln.get("children", []))

    yield from rec(general)
    for sec in sections:
        yield from rec(sec["lines"])
    for sec in optional:
        yield {"warnings": sec["warnings"]}
        yield from rec(sec["lines"])


# --- rendering -----------------------------------------------------------------------------------


def _shown(jd: dict[str, Any], ln: dict[str, Any]) -> str:
    """The words of a line: its text, or for a line not in force the warning and the old text."""
    if ln.get("in_force", True):
        return ln["text"]
    return jd["previous"].format(ln["text"])


def to_markdown(jd: dict[str, Any]) -> str:
    out = [f"# {jd['heading']}", "", f"> {jd['draft']}", ""]
    if jd["warnings"]:
        out += [f"**{jd['warnings_heading']}:**", ""] + [f"- {w}" for w in jd["warnings"]] + [""]
    out += [f"## {jd['general_heading']}", ""]
    for ln in jd["general"]:
        out.append(f"- **{ln['label']}:** {ln['text']} {ln['cite']}".rstrip())
        out += [f"  - {w}" for w in ln["warnings"]]
    out.append("")

    def lines(items, depth=0):
        for i, ln in enumerate(items, 1):
            pad = "   " * depth
            for w in ln["warnings"]:
                out.append(f"{pad}{i}. **{w}**" if w == ln["warnings"][0] else f"{pad}   **{w}**")
            lead = f"{pad}{i}. " if not ln["warnings"] else f"{pad}   "
            out.append(f"{lead}{_md(_shown(jd, ln))} {ln['cite']}")
            lines(ln["children"], depth + 1)

    for sec in jd["sections"]:
        out += [f"## {sec['heading']}", ""]
        lines(sec["lines"]) if sec["lines"] else out.append(jd["empty"])
        out.append("")
    if jd["optional"]:
        out += ["---", "", f"## {jd['optional_heading']}", "", f"_{jd['optional_note']}_", ""]
        for sec in jd["optional"]:
            out += [f"### {sec['heading']} {sec['cite']}", ""]
            out += [f"_{n}_" for n in sec["notes"]] + [f"**{w}**" for w in sec["warnings"]] + [""]
            lines(sec["lines"])
            out.append("")
    out += [f"## {jd['sources_heading']}", ""] + [f"- [{s['key']}] {s['text']}" for s in jd["sources"]]
    return "\n".join(out).rstrip() + "\n"


def _md(text: str) -> str:
    return text.replace("\n", " ").replace("*", r"\*").replace("_", r"\_")


def to_html(jd: dict[str, Any]) -> str:
    e = html.escape
    out = [
        f'<!doctype html><html lang="{jd["lang"]}"><head><meta charset="utf-8">',
        f"<title>{e(jd['heading'])}</title>",
        "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.4}"
        ".cite{color:#666;font-size:.85em}.warn{color:#a30;font-weight:bold}.old{color:#666}"
        ".optional{border-top:2px dashed #999;margin-top:2em}</style></head><body>",
        f"<h1>{e(jd['heading'])}</h1>",
        f"<p><em>{e(jd['draft'])}</em></p>",
    ]
    if jd["warnings"]:
        out.append(
            f"<p class='warn'>{e(jd['warnings_heading'])}:</p><ul>"
            + "".join(f"<li class='warn'>{e(w)}</li>" for w in jd["warnings"])
            + "</ul>"
        )
    out.append(f"<h2>{e(jd['general_heading'])}</h2><ul>")
    for ln in jd["general"]:
        warn = "".join(f"<br><span class='warn'>{e(w)}</span>" for w in ln["warnings"])
        out.append(
            f"<li><strong>{e(ln['label'])}:</strong> {e(ln['text'])} "
            f"<span class='cite'>{e(ln['cite'])}</span>{warn}</li>"
        )
    out.append("</ul>")

    def lines(items) -> str:
        parts = []
        for ln in items:
            warn = "".join(f"<span class='warn'>{e(w)}</span><br>" for w in ln["warnings"])
            cls = "" if ln.get("in_force", True) else " class='old'"
            kids = lines(ln["children"]) if ln["children"] else ""
            parts.append(
                f"<li>{warn}<span{cls}>{e(_shown(jd, ln))}</span> "
                f"<span class='cite'>{e(ln['cite'])}</span>{kids}</li>"
            )
        return "<ol>" + "".join(parts) + "</ol>"

    for sec in jd["sections"]:
        out.append(
            f"<h2>{e(sec['heading'])}</h2>"
            + (lines(sec["lines"]) if sec["lines"] else f"<p>{e(jd['empty'])}</p>")
        )
    if jd["optional"]:
        out.append(
            f"<section class='optional'><h2>{e(jd['optional_heading'])}</h2>"
            f"<p><em>{e(jd['optional_note'])}</em></p>"
        )
        for sec in jd["optional"]:
            out.append(f"<h3>{e(sec['heading'])} <span class='cite'>{e(sec['cite'])}</span></h3>")
            out += [f"<p><em>{e(n)}</em></p>" for n in sec["notes"]] + [
                f"<p class='warn'>{e(w)}</p>" for w in sec["warnings"]
            ]
            out.append(lines(sec["lines"]))
        out.append("</section>")
    out.append(
        f"<h2>{e(jd['sources_heading'])}</h2><ul>"
        + "".join(f"<li>[{e(s['key'])}] {e(s['text'])}</li>" for s in jd["sources"])
        + "</ul></body></html>"
    )
    return "\n".join(out) + "\n"


def to_docx(jd: dict[str, Any]) -> bytes:
    """A .docx with headings, numbered lists (restarting per list, nested as in the text) and
    warnings in bold red."""
    import docx
    from docx.shared import RGBColor

    doc = docx.Document()
    doc.core_properties.title = jd["heading"]
    doc.core_properties.language = jd["lang"]
    doc.add_heading(jd["heading"], level=0)
    doc.add_paragraph().add_run(jd["draft"]).italic = True

    def warn(par, text):
        run = par.add_run(text)
        run.bold = True
        run.font.color.rgb = RGBColor(0xAA, 0x33, 0x00)

    def cite(par, text):
        if text:
            run = par.add_run(" " + text)
            run.font.color.rgb = RGBColor(0x66, 0x66, 0x66)

    if jd["warnings"]:
        warn(doc.add_paragraph(), jd["warnings_heading"] + ":")
        for w in jd["warnings"]:
            warn(doc.add_paragraph(style="List Bullet"), w)
    doc.add_heading(jd["general_heading"], level=1)
    for ln in jd["general"]:
        par = doc.add_paragraph(style="List Bullet")
        par.add_run(ln["label"] + ": ").bold = True
        par.add_run(ln["text"])
        cite(par, ln["cite"])
        for w in ln["warnings"]:
            par.add_run().add_break()
            warn(par, w)

    def lines(items, depth=0):
        style = "List Number" if depth == 0 else "List Number 2" if depth == 1 else "List Number 3"
        num = _restart(doc, style)
        for ln in items:
            par = doc.add_paragraph(style=style)
            _use_num(par, num)
            for w in ln["warnings"]:
                warn(par, w)
                par.add_run().add_break()
            run = par.add_run(_shown(jd, ln))
            if not ln.get("in_force", True):
                run.font.color.rgb = RGBColor(0x66, 0x66, 0x66)
            cite(par, ln["cite"])
            if ln["children"]:
                lines(ln["children"], depth + 1)

    for sec in jd["sections"]:
        doc.add_heading(sec["heading"], level=1)
        lines(sec["lines"]) if sec["lines"] else doc.add_paragraph(jd["empty"])
    if jd["optional"]:
        doc.add_heading(jd["optional_heading"], level=1)
        doc.add_paragraph().add_run(jd["optional_note"]).italic = True
        for sec in jd["optional"]:
            par = doc.add_heading(sec["heading"], level=2)
            cite(par, sec["cite"])
            for n in sec["notes"]:
                doc.add_paragraph().add_run(n).italic = True
            for w in sec["warnings"]:
                warn(doc.add_paragraph(), w)
            lines(sec["lines"])
    doc.add_heading(jd["sources_heading"], level=1)
    for s in jd["sources"]:
        doc.add_paragraph(f"[{s['key']}] {s['text']}", style="List Bullet")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _restart(doc, style: str) -> int:
    """A new numbering instance of ``style``'s list that starts at 1 (python-docx otherwise
    continues one numbering through every list of a style)."""
    numbering = doc.part.numbering_part.element
    style_num = doc.styles[style].element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    return num.numId


def _use_num(par, num_id: int) -> None:
    numPr = par._p.get_or_add_pPr().get_or_add_numPr()
    numPr.get_or_add_numId().val = num_id
    numPr.get_or_add_ilvl().val = 0


def render(jd: dict[str, Any], fmt: str) -> bytes:
    """``jd`` as ``md``, ``html``, ``docx`` or ``json`` bytes."""
    if fmt == "md":
        return to_markdown(jd).encode()
    if fmt == "html":
        return to_html(jd).encode()
    if fmt == "docx":
        return to_docx(jd)
    if fmt == "json":
        return json.dumps(jd, ensure_ascii=False, indent=2, default=str).encode()
    raise ValueError(f"format: unknown format {fmt!r}; md, html, docx or json")
