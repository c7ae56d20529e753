"""A job description (должностная инструкция / лауазымдық нұсқаулық) for a ТКХ position, laid
out as the HR document an employer approves and signs.

:func:`build_job_description` is a pure function of (KB, position, language, date, citation
mode) giving a plain dict; :func:`render` writes it as Markdown, HTML, DOCX
(:mod:`api.jobdesc_docx`) or JSON.  The document, in the order HR uses:

* the approval block (УТВЕРЖДАЮ / БЕКІТЕМІН) and the employer's fields — organisation, head's
  position and name, signature, date, document number, place — left as marked blanks
  (``____ (наименование организации)``), never filled with invented text;
* the title, and a note that the draft rests on the typical qualification characteristic;
* the warnings, each once per amending act and kind (the 188-НҚ notice once, with the lines
  it concerns), not repeated on every line;
* 1. general provisions: the position, its group (with how it was derived), the act and
  Параграф it rests on, the date; the structural unit and the superior as blanks;
  2. qualification requirements (levels with their categories nested under them, also where
  the Kazakh text puts the first level in the point's own words);
  3. duties; 4. must know (each item once, in the words of the text); rights and responsibility
  only where the source has them (ТКХ do not);
* where a profession card corresponds to the position: its labour functions and skills, in a
  separate section marked optional;
* the acknowledgement line for the employee (blanks); the sources (act, edition, file).

Every line keeps its source unit (``cite``, ``act``, ``eid`` in the JSON); lines are numbered
as HR documents are (``3.2``, ``2.1.1``).  ``cite`` chooses where the citations go:
``footnotes`` (one footnote per section giving the units of its lines, in ranges),
``annex`` (an annex table: line → act and unit) or ``off`` (none in the document; the JSON
keeps them).  A unit whose text in force on the date is not in the corpus is shown as the
previous edition's text, marked, never as the text in force.  Headings and labels are fixed
words per language; every other line comes from the corpus.
"""

from __future__ import annotations

import json
import re
from typing import Any

from kb.build import KB
from kb.ids import slug_number
from kb.queries import must_know, unit_flags

from .views import dmy, expression_for, flag_note, position_view, text_missing

CITE_MODES = ("footnotes", "annex", "off")
FORMATS = ("md", "html", "docx", "json")
BLANK = "_" * 24
SHORT_BLANK = "_" * 10

LABELS: dict[str, dict[str, Any]] = {
    "ru": {
        "doc": "Должностная инструкция",
        "draft": "Проект, составленный по типовой квалификационной характеристике. Поля, отмеченные "
        "чертой, заполняет работодатель; перед утверждением сверьте текст с действующей редакцией актов.",
        "approve": "УТВЕРЖДАЮ",
        "head_position": "должность руководителя",
        "organisation": "наименование организации",
        "signature": "подпись",
        "name": "фамилия, инициалы",
        "date_blank": "«____» ______________ 20___ г.",
        "number": "№",
        "place": "место составления",
        "general": "Общие положения",
        "position": "Должность",
        "group": "Категория должностей",
        "unit": "Структурное подразделение",
        "reports_to": "Непосредственно подчиняется",
        "basis": "Основание",
        "as_of": "Текст приведён по состоянию на",
        "duties": "Должностные обязанности",
        "must_know": "Должен знать",
        "requirements": "Требования к квалификации",
        "rights": "Права",
        "responsibility": "Ответственность",
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
        "acquainted": "С инструкцией ознакомлен(а)",
        "sources": "Источники",
        "warnings": "Предупреждения",
        "concerns": "касается строк",
        "empty": "В тексте нет пунктов.",
        "previous": "Текст прежней редакции: «{}»",
        "annex": "Приложение. Источники строк",
        "annex_line": "Строка",
        "annex_act": "Акт",
        "annex_unit": "Структурная единица",
        "annex_id": "Идентификатор",
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
        "units": {
            "chp": "гл. {}",
            "para": "§ {}",
            "point": "п. {}",
            "subpoint": "пп. {}",
            "al": "абз. {}",
            "als": "абз. {}",
            "att": "прил. {}",
            "row": "строка {}",
            "annex": "прил. {}",
        },
    },
    "kk": {
        "doc": "Лауазымдық нұсқаулық",
        "draft": "Үлгілік біліктілік сипаттамасы бойынша жасалған жоба. Сызықпен белгіленген жолдарды "
        "жұмыс беруші толтырады; бекіту алдында мәтінді актілердің қолданыстағы редакциясымен салыстырыңыз.",
        "approve": "БЕКІТЕМІН",
        "head_position": "басшының лауазымы",
        "organisation": "ұйымның атауы",
        "signature": "қолы",
        "name": "тегі, аты-жөнінің бас әріптері",
        "date_blank": "20___ ж. «____» ______________",
        "number": "№",
        "place": "жасалған орны",
        "general": "Жалпы ережелер",
        "position": "Лауазым",
        "group": "Лауазымдар санаты",
        "unit": "Құрылымдық бөлімше",
        "reports_to": "Тікелей бағынады",
        "basis": "Негіздеме",
        "as_of": "Мәтін мына күнгі жағдай бойынша келтірілген",
        "duties": "Лауазымдық міндеттері",
        "must_know": "Білуге тиіс",
        "requirements": "Біліктілікке қойылатын талаптар",
        "rights": "Құқықтары",
        "responsibility": "Жауапкершілігі",
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
        "acquainted": "Нұсқаулықпен таныстым",
        "sources": "Дереккөздер",
        "warnings": "Ескертулер",
        "concerns": "қатысты жолдар",
        "empty": "Мәтінде тармақтар жоқ.",
        "previous": "Бұрынғы редакция мәтіні: «{}»",
        "annex": "Қосымша. Жолдардың дереккөздері",
        "annex_line": "Жол",
        "annex_act": "Акт",
        "annex_unit": "Құрылымдық бірлік",
        "annex_id": "Сәйкестендіргіш",
        "groups": {"managers": "басшылар", "specialists": "мамандар", "other_employees": "басқа қызметшілер"},
        "order": "{issuer} {date} № {number} бұйрығы «{title}»",
        "copy": "мәтін көшірмесі ({lang}), {after} және {before} аралығында алынған",
        "dated": "{date} редакциясы ({lang})",
        "para": "{}-параграф",
        "by_chapter": "{num}-бөлімнің «{heading}» тақырыбы бойынша",
        "by_title": "«{title}» лауазым атауы бойынша; {num}-бөлімнің «{heading}» тақырыбы тек басшыларды "
        "атайды",
        "units": {
            "chp": "{}-тарау",
            "para": "{}-параграф",
            "point": "{}-тармақ",
            "subpoint": "{}-тармақша",
            "al": "{}-абзац",
            "als": "{}-абзацтар",
            "att": "{}-қосымша",
            "row": "{}-жол",
            "annex": "{}-қосымша",
        },
    },
}

#: Flag kinds :func:`api.views.flag_note` words itself; others come from the web catalogue.
_NOTED = {
    "superseded",
    "not_yet_in_force",
    "earlier_text_not_in_corpus",
    "change_date_uncertain",
    "not_in_edition",
}
#: Requirement categories a level (``специалист высшего уровня квалификации:``) groups.
_CATEGORIES = {"highest", "first", "second", "none"}


def warning_text(flag: dict[str, Any], lang: str) -> str:
    """A flag as one line in ``lang`` starting with ⚠ (never the English machine message when a
    catalogue has the kind)."""
    if flag.get("kind") not in _NOTED:
        try:
            from .web.flags import flag_text

            return "⚠ " + flag_text(flag, lang).removeprefix("⚠ ")
        except ImportError:  # pragma: no cover - the web package is part of the app
            pass
    return flag_note(flag, lang)


def unit_name(eid: str | None, lang: str) -> str:
    """``chp_2__para_12__point_38__al_6`` → ``§ 12, п. 38, абз. 6`` (``12-параграф, 38-тармақ, 6-абзац``);
    the chapter is left out when a Параграф follows.

    >>> unit_name("chp_2__para_12__point_38__al_6", "ru"), unit_name("chp_3__point_13", "kk")
    ('§ 12, п. 38, абз. 6', '3-тарау, 13-тармақ')
    """
    if not eid:
        return ""
    words = LABELS[lang]["units"]
    parts = eid.split("__")
    out = []
    for i, part in enumerate(parts):
        kind, _, num = part.partition("_")
        if kind == "chp" and i + 1 < len(parts) and parts[i + 1].startswith("para_"):
            continue
        out.append(words[kind].format(num) if kind in words and num else part)
    return ", ".join(out)


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
    category: str | None = None,
) -> dict[str, Any]:
    """One line with its source unit; flagged ones carry their flags and warnings."""
    flags = unit_flags(kb, expr, eid, as_of) if flags is None else flags
    return {
        "text": text,
        "in_force": not text_missing(flags),
        "cite": f"[{number}, {eid}]",
        "act": number,
        "eid": eid,
        "unit": unit_name(eid, lang),
        "category": category,
        "warnings": [warning_text(f, lang) for f in flags],
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
            it.get("category"),
        )
        for it in items
    ]


def nest_levels(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Categories (высшей / первой / второй / без категории) under the level line that introduces
    them.  The parser nests them where the level has its own абзац; where the Kazakh text puts
    the first level in the point's own words (``15. … Жоғары деңгейлі біліктілікке ие маман:``)
    the level comes out as a line without children and its categories as its siblings — this
    puts them back under it, so both languages have the same shape."""
    out: list[dict[str, Any]] = []
    for it in items:
        it = {**it, "children": nest_levels(it.get("children", []))}
        prev = out[-1] if out else None
        if (
            prev is not None
            and it.get("category") in _CATEGORIES
            and not it["children"]
            and prev.get("category") not in _CATEGORIES
            and (prev.get("children") or prev["corpus_text"].rstrip().endswith(":"))
            and all(c.get("category") in _CATEGORIES for c in prev.get("children", []))
        ):
            prev["children"] = [*prev.get("children", []), it]
            continue
        out.append(it)
    return out


def _dedupe(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each must-know item once: a line whose words repeat an earlier line's is left out."""
    seen: set[str] = set()
    out = []
    for it in items:
        key = re.sub(r"[\W_]+", " ", (it.get("corpus_text") or "").lower()).strip()
        if key and key in seen:
            continue
        seen.add(key)
        out.append(it)
    return out


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
    flags = unit_flags(kb, expr, card["id"], as_of)
    return {
        "key": f"card:{cid}",
        "heading": L["card"].format(name),
        "card": cid,
        "act": work,
        "act_number": number,
        "eid": card["id"],
        "unit": unit_name(card["id"], lang),
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
        "flags": flags,
        "warnings": [warning_text(f, lang) for f in flags],
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
    line = _uncited_line(L["group"], group, act=number, derived=True, group=pos.group,
                         group_basis=pos.group_basis, basis=None)
    if pos.group is None or chapter is None:
        return line
    words = {"num": chapter.num, "heading": chapter.heading or "", "title": pos.title}
    if pos.group_basis == "chapter heading":
        line.update(
            basis=L["by_chapter"].format(**words),
            cite=f"[{number}, {chapter.eid}]",
            eid=chapter.eid,
            unit=unit_name(chapter.eid, lang),
        )
    else:
        line["basis"] = L["by_title"].format(**words)
    line["text"] = f"{group} ({line['basis']})"
    return line


def _uncited_line(label: str, text: str, **extra: Any) -> dict[str, Any]:
    """A line no unit states (a blank, the date, a derived fact): no citation, no flags."""
    line = {"label": label, "text": text, "cite": "", "act": None, "eid": None, "unit": "",
            "warnings": [], "flags": [], "children": [], "in_force": True}
    line.update(extra)
    return line


def _blank_line(label: str, caption: str | None = None) -> dict[str, Any]:
    """A field the employer fills: a label and a blank, never a value."""
    return _uncited_line(label, BLANK, blank=True, caption=caption)


def _number(lines: list[dict[str, Any]], prefix: str) -> None:
    for i, ln in enumerate(lines, 1):
        ln["num"] = f"{prefix}.{i}"
        _number(ln["children"], ln["num"])


def _flat(lines):
    for ln in lines:
        yield ln
        yield from _flat(ln.get("children", []))


def _footnote(lines: list[dict[str, Any]], lang: str) -> str:
    """The sources of a section's lines in one note: runs of consecutive абзацы of one point
    are one range (``3.1–3.5: 580-НҚ, § 12, п. 37, абз. 2–6``)."""
    runs: list[list[Any]] = []  # [first num, last num, act, prefix, first al, last al, eid]
    for ln in _flat(lines):
        if not ln.get("eid"):
            continue
        m = re.match(r"^(.*)__al_(\d+)$", ln["eid"])
        prefix, al = (m.group(1), int(m.group(2))) if m else (ln["eid"], None)
        last = runs[-1] if runs else None
        if (
            last
            and al is not None
            and last[4] is not None
            and last[2] == ln["act"]
            and last[3] == prefix
            and al == last[5] + 1
        ):
            last[1], last[5] = ln.get("num"), al
            continue
        runs.append([ln.get("num"), ln.get("num"), ln["act"], prefix, al, al, ln["eid"]])
    parts = []
    for first, last, act, prefix, a, b, eid in runs:
        where = first if first == last else f"{first}–{last}"
        if a is None:
            unit = unit_name(eid, lang)
        else:
            al = LABELS[lang]["units"]["al" if a == b else "als"].format(a if a == b else f"{a}–{b}")
            unit = f"{unit_name(prefix, lang)}, {al}"
        parts.append(f"{where}: {act}, {unit}" if where else f"{act}, {unit}")
    return "; ".join(parts)


def _warnings(blocks: list[list[dict[str, Any]]], lang: str) -> list[dict[str, Any]]:
    """Each warning once per amending act and kind, with the lines it concerns; every flagged
    line gets ``warn_refs`` (the numbers of its warnings)."""
    out: list[dict[str, Any]] = []
    index: dict[tuple, dict[str, Any]] = {}
    for lines in blocks:
        for ln in _flat(lines):
            ln["warn_refs"] = []
            for f, text in zip(ln.get("flags", []), ln.get("warnings", []), strict=False):
                by = f.get("by") or {}
                key = (
                    (f.get("kind"), by.get("number"), by.get("date"), json.dumps(f.get("since"), default=str))
                    if by
                    else (f.get("kind"), text)
                )
                w = index.get(key)
                if w is None:
                    w = index[key] = {
                        "n": len(out) + 1,
                        "text": text,
                        "kind": f.get("kind"),
                        "act": by.get("number"),
                        "lines": [],
                    }
                    out.append(w)
                if ln.get("num") and ln["num"] not in w["lines"]:
                    w["lines"].append(ln["num"])
                if w["n"] not in ln["warn_refs"]:
                    ln["warn_refs"].append(w["n"])
    return out


def build_job_description(kb: KB, pid: str, lang: str, as_of: str, cite: str = "footnotes") -> dict[str, Any]:
    """The job description of position ``pid`` in ``lang`` on ``as_of`` (see the module doc)."""
    if cite not in CITE_MODES:
        raise ValueError(f"cite: unknown citation mode {cite!r}; {', '.join(CITE_MODES)}")
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
        _blank_line(L["unit"]),
        _blank_line(L["reports_to"], L["head_position"]),
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
        _uncited_line(L["as_of"], dmy(as_of)),
    ]
    bodies = {
        "requirements": nest_levels(view["requirements"]),
        "duties": view["duties"],
        "must_know": _dedupe(view["must_know"]),
    }
    for key in ("rights", "responsibility"):  # only where the source has them; ТКХ do not
        if view.get(key):
            bodies[key] = view[key]
    sections = [{"key": "general", "heading": L["general"], "lines": general}]
    sections += [
        {"key": key, "heading": L[key], "lines": _items(kb, expr, number, items, as_of, lang)}
        for key, items in bodies.items()
    ]
    optional = [
        _card_section(kb, link, as_of, lang) for link in view["links"] if link["type"] == "corresponds_to"
    ]
    for i, sec in enumerate(sections, 1):
        sec["num"] = str(i)
        _number(sec["lines"], sec["num"])
    for j, sec in enumerate(optional, len(sections) + 1):
        sec["num"] = str(j)
        _number(sec["lines"], sec["num"])
    for sec in [*sections, *optional]:
        sec["footnote"] = _footnote(sec["lines"], lang)
        if sec.get("eid"):  # a card section: the card itself
            sec["footnote"] = f"{sec['act_number']}, {sec['unit']}" + (
                f"; {sec['footnote']}" if sec["footnote"] else ""
            )
    acts = []
    if (
        kb.refs
    ):  # the acts the must-know items name: in the JSON; their flags (repealed…) on the lines naming them
        res = must_know(kb, pid, as_of, lang)
        by_eid = {
            ln["eid"]: ln for sec in sections if sec["key"] == "must_know" for ln in _flat(sec["lines"])
        }
        for a in res["acts"]:
            own = [f for f in a["flags"] if str(f.get("kind", "")).startswith("act_")]
            acts.append(
                {
                    "act_id": a["id"],
                    "name": a.get(f"name_{lang}") or a.get("name_ru") or a["id"],
                    "sources": a["sources"],
                    "flags": a["flags"],
                    "warnings": [warning_text(f, lang) for f in a["flags"]],
                }
            )
            for src in a["sources"]:
                ln = by_eid.get(src)
                for f in own:
                    f = {**f, "act": a["id"]}
                    if ln is not None and f not in ln["flags"]:
                        ln["flags"].append(f)
                        ln["warnings"].append(f"{warning_text(f, lang)}: {acts[-1]['name']}")
    warnings = _warnings([sec["lines"] for sec in sections] + [sec["lines"] for sec in optional], lang)
    for sec in optional:  # a card's own flags: once, like the lines'
        sec["warn_refs"] = []
        for f, text in zip(sec["flags"], sec["warnings"], strict=False):
            w = next((w for w in warnings if w["text"] == text), None)
            if w is None:
                w = {
                    "n": len(warnings) + 1,
                    "text": text,
                    "kind": f.get("kind"),
                    "act": (f.get("by") or {}).get("number"),
                    "lines": [],
                }
                warnings.append(w)
            w["lines"].append(sec["num"])
            sec["warn_refs"].append(w["n"])
        for ln in _flat(sec["lines"]):  # what the heading says is not repeated on its lines
            ln["warn_refs"] = [n for n in ln.get("warn_refs", []) if n not in sec["warn_refs"]]
        for w in warnings:
            if w["n"] in sec["warn_refs"]:
                w["lines"] = [x for x in w["lines"] if not x.startswith(sec["num"] + ".")]
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
    annex = [
        {"line": ln["num"], "act": ln["act"], "unit": ln["unit"], "eid": ln["eid"]}
        for sec in [*sections, *optional]
        for ln in _flat(sec["lines"])
        if ln.get("eid")
    ]
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{slug_number(number)}_{eid}_{lang}_{as_of}").strip("_")
    return {
        "lang": lang,
        "as_of": as_of,
        "cite_mode": cite,
        "title": view["title"],
        "heading": f"{L['doc']}: {view['title']}",
        "doc_word": L["doc"],
        "draft": L["draft"],
        "position": {
            k: view[k]
            for k in ("id", "eid", "num", "title_ru", "title_kk", "group", "act", "act_number", "languages")
        }
        | {"group_basis": group["group_basis"]},
        "expression": expr,
        "approval": {
            "heading": L["approve"],
            "fields": [
                {"blank": BLANK, "caption": L["head_position"]},
                {"blank": BLANK, "caption": L["organisation"]},
                {"blank": f"{SHORT_BLANK} {SHORT_BLANK}", "caption": f"{L['signature']} / {L['name']}"},
            ],
            "date": L["date_blank"],
        },
        "doc_fields": {
            "number": f"{L['number']} {SHORT_BLANK}",
            "place": SHORT_BLANK,
            "place_caption": L["place"],
            "date": L["date_blank"],
        },
        "general_heading": L["general"],
        "general": general,
        "sections": sections,
        "optional_heading": L["optional"] if optional else None,
        "optional_note": L["optional_note"],
        "optional": optional,
        "acquainted": {
            "heading": L["acquainted"],
            "blank": f"{SHORT_BLANK} {SHORT_BLANK}",
            "caption": f"{L['signature']} / {L['name']}",
            "date": L["date_blank"],
        },
        "sources_heading": L["sources"],
        "sources": sources,
        "warnings_heading": L["warnings"],
        "warnings_concerns": L["concerns"],
        "warnings": warnings,
        "annex_heading": L["annex"],
        "annex_columns": [L["annex_line"], L["annex_act"], L["annex_unit"], L["annex_id"]],
        "annex": annex,
        "must_know_acts": acts,
        "empty": L["empty"],
        "previous": L["previous"],
        "filename": slug,
    }


# --- rendering -----------------------------------------------------------------------------------


def shown(jd: dict[str, Any], ln: dict[str, Any]) -> str:
    """The words of a line: its text, or for a line not in force the old text, marked so."""
    if ln.get("in_force", True):
        return ln["text"]
    return jd["previous"].format(ln["text"])


def warn_mark(ln: dict[str, Any]) -> str:
    """``⚠1`` for a line the first warning concerns (the warning itself is said once, above)."""
    return " ".join(f"⚠{n}" for n in ln.get("warn_refs", []))


def body_sections(jd: dict[str, Any]) -> list[dict[str, Any]]:
    """The numbered sections after the general provisions."""
    return [s for s in jd["sections"] if s["key"] != "general"]


def render(jd: dict[str, Any], fmt: str) -> bytes:
    """``jd`` as ``md``, ``html``, ``docx`` or ``json`` bytes."""
    if fmt in ("md", "html"):
        from .jobdesc_text import to_html, to_markdown

        return (to_markdown(jd) if fmt == "md" else to_html(jd)).encode()
    if fmt == "docx":
        from .jobdesc_docx import to_docx

        return to_docx(jd)
    if fmt == "json":
        return json.dumps(jd, ensure_ascii=False, indent=2, default=str).encode()
    raise ValueError(f"format: unknown format {fmt!r}; md, html, docx or json")
