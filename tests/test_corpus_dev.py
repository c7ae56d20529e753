"""The development corpus (``../shared/corpus-dev``, copied byte for byte into
``tests/data/corpus_dev``): each text held to what a person counts in it (MANIFEST.md and grep),
its header, one sampled position / card / row / article part by part, and invariants every
parse must keep (no unexplained id collisions, no bucket overflow, every line accounted for).

Every expected value below was counted in the text, not copied from the parser's output; a case
the parser gets wrong keeps the right value and is a strict xfail naming the file and line.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
from collections import Counter
from functools import cache

import pytest

from parser.models import Document
from parser.pipeline import parse_path

DATA = os.path.join(os.path.dirname(__file__), "data", "corpus_dev")

TKH_RU = "tkh-mvd-2020-623.ed2022-04-19.ru.txt"
TKH_KK = "tkh-mvd-2020-623.ed2022-04-19.kk.txt"
PS19_RU = "ps-mvd-2019-1069-emergency-safety.ru.txt"
PS19_KK = "ps-mvd-2019-1069-emergency-safety.kk.txt"
PS25_RU = "ps-mvd-2025-716-private-security.ru.txt"
PS25_KK = "ps-mvd-2025-716-private-security.kk.txt"
STAFF_RU = "staffing-mvd-2018-86-support-staff-norms.ru.txt"
STAFF_KK = "staffing-mvd-2018-86-support-staff-norms.kk.txt"
REG_RU = "register-ap-2019-civil-servant-positions.ed2020-11-12.ru.txt"
REG_KK = "register-ap-2019-civil-servant-positions.ed2020-11-12.kk.txt"
ATT_RU = "attestation-rules-mvd-2018-507.ed2021-06-21.ru.txt"
ATT_KK = "attestation-rules-mvd-2018-507.ed2021-06-21.kk.txt"
LAW_RU = "law-holidays-2001-267.ru.txt"
LAW_KK = "law-holidays-2001-267.kk.txt"
AMD_RU = "law-holidays-amendment-2008-47-IV.ru.txt"
AMD_KK = "law-holidays-amendment-2008-47-IV.kk.txt"
PAGE_RU = "adilet-page-V1600014606.ru.html"
PAGE_KK = "adilet-page-V1600014606.kk.html"

FILES = [TKH_RU, TKH_KK, PS19_RU, PS19_KK, PS25_RU, PS25_KK, STAFF_RU, STAFF_KK, REG_RU, REG_KK,
         ATT_RU, ATT_KK, LAW_RU, LAW_KK, AMD_RU, AMD_KK, PAGE_RU, PAGE_KK]
PAIRS = [(TKH_RU, TKH_KK), (PS19_RU, PS19_KK), (PS25_RU, PS25_KK), (STAFF_RU, STAFF_KK), (REG_RU, REG_KK),
         (ATT_RU, ATT_KK), (LAW_RU, LAW_KK), (AMD_RU, AMD_KK), (PAGE_RU, PAGE_KK)]


@cache
def _doc(name: str) -> Document:
    """The parsed text (once per session); ``parse_path`` reads the ``meta.yaml`` beside 623."""
    return parse_path(os.path.join(DATA, name), lang="kk" if ".kk." in name else "ru")


def _rows(name: str) -> list[str]:
    """The source lines as the parser numbers them (CRLF of the adilet pages folded)."""
    with open(os.path.join(DATA, name), encoding="utf-8") as fh:
        return fh.read().replace("\r\n", "\n").split("\n")


def _xfail(reason: str, *values):
    return pytest.param(*values, marks=pytest.mark.xfail(strict=True, reason=reason))


def _norm(text: str | None) -> str | None:
    """Words compared up to case and the look-alike letters the register's texts mix in
    (MANIFEST: Latin I/i for Kazakh І/і; "Казақстан" for "Қазақстан")."""
    if text is None:
        return None
    return " ".join(text.casefold().replace("i", "і").replace("казақ", "қазақ").split())


# --- the copies ------------------------------------------------------------------------


def _sums() -> dict[str, str]:
    with open(os.path.join(DATA, "SHA256SUMS"), encoding="utf-8") as fh:
        return {name: digest for digest, name in (line.split() for line in fh if line.strip())}


def test_copies_are_the_corpus_dev_texts():
    """The copies are byte-identical to what SHA256SUMS records (taken from ../shared/corpus-dev),
    and every text the tests name is there, with the meta.yaml 623 needs beside it."""
    sums = _sums()
    assert set(FILES) | {"tkh-mvd-2020-623.ed2022-04-19.meta.yaml"} == set(sums)
    for name, digest in sums.items():
        with open(os.path.join(DATA, name), "rb") as fh:
            assert hashlib.sha256(fh.read()).hexdigest() == digest, name


# --- counts ----------------------------------------------------------------------------


def counts(**kw) -> dict:
    """Expected counts of one text; what is not given is zero / empty."""
    out = {"live": 0, "excluded": 0, "cards": 0, "functions": (), "skills": None, "okr": (), "staffing": 0,
           "registers": {}, "body_points": 0, "annex_points": 0, "notes": {}, "articles": 0, "tables": 0,
           "forms": 0, "instructions": ()}
    unknown = set(kw) - set(out)
    assert not unknown, unknown
    out.update(kw)
    return out


def _got(doc: Document) -> dict:
    points = [u for u in doc.units if u.kind == "point"]
    return dict(
        live=sum(1 for p in doc.positions if not p.excluded),
        excluded=sum(1 for p in doc.positions if p.excluded),
        cards=len(doc.cards),
        functions=tuple(len(c["functions"]) for c in doc.cards),
        skills=sum(len(f.get("skills") or []) for c in doc.cards for f in c["functions"]),
        okr=tuple(c.get("okr_level") for c in doc.cards),
        staffing=len(doc.staffing),
        registers=dict(Counter(r.get("row_kind") for r in doc.registers)),
        body_points=sum(1 for u in points if u.eid.startswith("body__")),
        annex_points=sum(1 for u in points if not u.eid.startswith("body__")),
        notes=dict(Counter(a.kind for a in doc.amendments)),
        articles=sum(1 for u in doc.units if u.kind == "article"),
        tables=sum(1 for u in doc.units if u.kind == "table"),
        forms=sum(1 for u in doc.units if u.kind == "form"),
        instructions=tuple(i["verb"] for i in doc.instructions),
    )


# 623: Разд.1 Гл.1 1 + Гл.2 7 (1, 1-1, 2–6) + Гл.3 2, Разд.2 7 = 17; Раздел 3 (excluded by a note)
#   holds no Параграф; points: order 1–4, annex 1–48 with 6-1…6-3 = 51; notes: Глава 1, Параграф 1,
#   Параграф 2, пп. 11 14 17 18 20 26 29 32 38 restated, "дополнена параграфом 1-1", Раздел 3
#   excluded; kk restates п. 35 as well (kk.txt:844).
# 1069: order points 1–5, standard points 1–8; 5 cards in one table, functions 4/4/5/6/2 (each one
#   "Умение и навыки:" block), ОРК as the cards write it 3/4/5/5/6; 1 note; п. 3 repeals order № 225.
# 716: order 1–4, standard 1–18 (9–11 open the three cards, ru.txt:107/478/653); functions 5/1/1,
#   skills 3+2+1+2+1 / 2 / 2 = 13; ОРК 6/5/4; "80\. …" of the OKED list is not a point.
# 86: order 1–4; one table of 42 rows = a header + 41 positions.
# register: order 1–5 + annex 5 points 1–3 = 8; tables of 20/15/11 rows: 3 header rows, 11 "Блок …"
#   headings, 15+10+7 positions; notes: annex 2 and 4 restated, annex 3 excluded; п. 2 repeals.
# 507: order 1–5, rules 1–18; tables in annex 1; forms in code fences: annex 2 (ru.txt:620) and
#   annex 6 (ru.txt:703); notes: headings of Гл.1, Гл.2, п. 13, annexes 1 and 6 restated, п. 5
#   changed; п. 2 repeals two acts (subpoints 1, 2).
# 267: Статьи 1–6, the points 1–2 of Статья 6; notes on Статьи 2 (restated), 3 and 4 (changed).
# 47-IV: Статьи 1–2, "Внести в Закон … следующее дополнение:" + "статью 3 дополнить абзацем седьмым".
# page 688: points 1–3; the signature table; 1 note (repealed); "Внести в приказ … изменение:" +
#   "графу 7 … изложить в следующей редакции".
TKH_NOTES_RU = {"restated": 12, "added": 1, "removed": 1}
COUNTS = [
    (TKH_RU, counts(live=17, body_points=4, annex_points=51, notes=TKH_NOTES_RU, skills=0)),
    (TKH_KK, counts(live=17, body_points=4, annex_points=51, notes={**TKH_NOTES_RU, "restated": 13}, skills=0)),
    (PS19_RU, counts(cards=5, functions=(4, 4, 5, 6, 2), skills=21, okr=("3", "4", "5", "5", "6"),
                     body_points=5, annex_points=8, notes={"changed": 1}, tables=1, instructions=("repeal",))),
    (PS19_KK, counts(cards=5, functions=(4, 4, 5, 6, 2), skills=21, okr=("3", "4", "5", "5", "6"),
                           body_points=5, annex_points=8, notes={"changed": 1}, tables=1, instructions=("repeal",))),
    (PS25_RU, counts(cards=3, functions=(5, 1, 1), skills=13, okr=("6", "5", "4"), body_points=4,
                           annex_points=18, tables=1)),
    (PS25_KK, counts(cards=3, functions=(5, 1, 1), skills=13, okr=("6", "5", "4"), body_points=4,
                           annex_points=18, tables=1)),
    (STAFF_RU, counts(staffing=41, body_points=4, tables=1, skills=0)),
    (STAFF_KK, counts(staffing=41, body_points=4, tables=1, skills=0)),
    (REG_RU, counts(registers={"header": 3, "heading": 11, "position": 32}, body_points=5, annex_points=3,
                    notes={"restated": 2, "removed": 1}, tables=3, instructions=("repeal",), skills=0)),
    (REG_KK, counts(registers={"header": 3, "heading": 11, "position": 32}, body_points=5, annex_points=3,
                    notes={"restated": 2, "removed": 1}, tables=3, instructions=("repeal",), skills=0)),
    (ATT_RU, counts(body_points=5, annex_points=18, notes={"restated": 5, "changed": 1}, tables=2, forms=2,
                    instructions=("repeal", "repeal"), skills=0)),
    # kk п. 2 "Мына: 1) … 2) … күші жойылды деп танылсын" (kk:7-11): the verb after the last item holds for both
    (ATT_KK, counts(body_points=5, annex_points=18, notes={"restated": 5, "changed": 1}, tables=2, forms=2,
                    instructions=("repeal", "repeal"), skills=0)),
    (LAW_RU, counts(annex_points=2, articles=6, notes={"restated": 1, "changed": 2}, instructions=("repeal",),
                    skills=0)),
    (LAW_KK, counts(annex_points=2, articles=6, notes={"restated": 1, "changed": 2}, instructions=("repeal",),
                    skills=0)),
    (AMD_RU, counts(articles=2, instructions=("amend", "insert"), skills=0)),
    (AMD_KK, counts(articles=2, instructions=("amend", "insert"), skills=0)),
    (PAGE_RU, counts(body_points=3, notes={"repealed": 1}, tables=1, instructions=("amend", "restate"), skills=0)),
    (PAGE_KK, counts(body_points=3, notes={"repealed": 1}, tables=1, instructions=("amend", "restate"), skills=0)),
]


def _id(case) -> str:
    values = case.values if hasattr(case, "values") else case
    return values[0]


@pytest.mark.parametrize("name, want", COUNTS, ids=[_id(c) for c in COUNTS])
def test_counts(name, want):
    got = _got(_doc(name))
    if want["skills"] is None:
        del got["skills"]
        want = {k: v for k, v in want.items() if k != "skills"}
    assert got == want


def test_every_text_has_its_counts():
    assert sorted(_id(c) for c in COUNTS) == sorted(FILES)


# --- header ----------------------------------------------------------------------------

ANY = object()  # a field the text does not settle either way


def header(title, issuer=ANY, date=None, number=None, registration=None) -> dict:
    return dict(title=title, issuer=issuer, date=date, number=number, registration=registration)


MVD_RU = "Министра внутренних дел Республики Казахстан"
MVD_KK = "Қазақстан Республикасы Ішкі істер министрінің"
REG_623 = {"date": "2020-09-17", "number": "21222"}
REG_688 = {"date": "2016-12-27", "number": "14606"}
NO_NUMBER = ("the annex stamp names the issuer ('{}', {}) though its number and date are blank; "
             "the header's issuer stays None")

HEADERS = [
    (TKH_RU, header("Об утверждении Типовых квалификационных характеристик должностей руководителей, специалистов "
                    "и других служащих военно-врачебных комиссий органов внутренних дел Республики Казахстан",
                    MVD_RU, "2020-09-11", "623", REG_623)),
    (TKH_KK, header("Қазақстан Республикасының ішкі істер органдары әскери-дәрігерлік комиссияларының басшылары, "
                          "мамандары және басқа да қызметшілері лауазымдарының Үлгі біліктілік сипаттамаларын бекіту "
                          "туралы", "Қазақстан Республикасы Ішкі істер Министрінің",  # as its stamp writes it (kk:33-34)
                          "2020-09-11", "623", REG_623)),
    # "№ ___" and "от 2019 года": no number, no date — never invented
    (PS19_RU, header("Об утверждении профессионального стандарта «Деятельность по обеспечению безопасности в "
                           "чрезвычайных ситуациях»", MVD_RU)),
    (PS19_KK, header("«Төтенше жағдайларда қауіпсіздікті қамтамасыз ету қызметі» кәсіби стандартын бекіту туралы",
                           "Казақстан Республикасы Ішкі істер министрінің")),  # as written: Cyrillic К for Қ (kk:30)
    (PS25_RU, header("Об утверждении профессионального стандарта «Частная охранная деятельность»", MVD_RU)),
    (PS25_KK, header("«Жеке күзет қызметі» кәсіптік стандартын бекіту туралы", MVD_KK)),
    (STAFF_RU, header("Об утверждении нормативов нагрузки и численности работников, обеспечивающих техническое "
                      "обслуживание и функционирование органов внутренних дел Республики Казахстан",
                      MVD_RU, "2018-02-02", "86")),
    (STAFF_KK, header("Қазақстан Республикасы ішкі істер органдарының техникалық қызмет көрсетуді және жұмыс "
                      "істеуін қамтамасыз ететін жұмыскерлердің жүктеме нормативтері мен санын бекіту туралы",
                      MVD_KK, "2018-02-02", "86")),
    (REG_RU, header("Об утверждении Реестра должностей гражданских служащих подведомственных государственных "
                    "учреждений Администрации Президента Республики Казахстан",
                    "начальника Канцелярии Президента Республики Казахстан", "2019-10-07", "19-42-3.3.17")),
    (REG_KK, header("Қазақстан Республикасы Президенті Әкімшілігінің ведомстволық бағынысты мемлекеттік "
                    "мекемелерінің азаматтық қызметшілері лауазымдарының тізілімін бекіту туралы",
                    "Қазақстан Республикасы Президенті Кеңсесі бастығының", "2019-10-07", "19-42-3.3.17")),
    (ATT_RU, header("Об утверждении Правил аттестации и переаттестации спасателей", MVD_RU, "2018-07-11", "507")),
    (ATT_KK, header("Құтқарушыларды аттестаттау және қайта аттестаттау қағидаларын бекіту туралы",
                    MVD_KK, "2018-07-11", "507")),
    # the laws' texts give neither date nor number (only the title and the President's signature)
    (LAW_RU, header("О праздниках в Республике Казахстан")),
    (LAW_KK, header("Қазақстан Республикасындағы мерекелер туралы")),
    (AMD_RU, header('О внесении дополнения в Закон Республики Казахстан "О праздниках в Республике Казахстан"')),
    (AMD_KK, header('"Қазақстан Республикасындағы мерекелер туралы" Қазақстан Республикасының Заңына толықтыру '
                    'енгізу туралы')),
    (PAGE_RU, header('О внесении изменения в приказ Министра финансов Республики Казахстан от 27 января 2016 года '
                     '№ 30 "Об утверждении перечня специфик экономической классификации расходов, в том числе видов '
                     'расходов, по которым регистрация заключенных гражданско-правовых сделок является '
                     'обязательной"', "Министра финансов Республики Казахстан", "2016-12-26", "688", REG_688)),
    (PAGE_KK, header('"Шығыстардың экономикалық сыныптамасы ерекшеліктерінің, оның ішінде жасалған '
                     'азаматтық-құқықтық мәмілелерді тіркеу міндетті болып табылатын шығыстар түрлерінің тізбесін '
                     'бекіту туралы" Қазақстан Республикасы Қаржы министрінің 2016 жылғы 27 қаңтардағы № 30 '
                     'бұйрығына өзгеріс енгізу туралы', "Қазақстан Республикасы Қаржы министрінің", "2016-12-26",
                     "688", REG_688)),
]


@pytest.mark.parametrize("name, want", HEADERS, ids=[_id(c) for c in HEADERS])
def test_header(name, want):
    h = _doc(name).header
    got = dict(title=h.title, issuer=_norm(h.issuer), date=h.date, number=h.number, registration=h.registration)
    want = {**want, "issuer": _norm(want["issuer"]) if want["issuer"] is not ANY else got["issuer"]}
    assert got == want


@pytest.mark.parametrize("name", [PS19_RU, PS19_KK, PS25_RU, PS25_KK, LAW_RU, LAW_KK, AMD_RU, AMD_KK])
def test_blank_number_and_date_are_not_invented(name):
    """'№ ___' / 'от «____» ___ 2025 года' (and the laws, which state neither): None, never a guess."""
    h = _doc(name).header
    assert (h.number, h.date) == (None, None)


# --- one position part by part (623) ----------------------------------------------------


def part(count, first, last) -> dict:
    """``count`` items; ``first`` and ``last`` are (source line, start of the text)."""
    return dict(count=count, first=first, last=last)


ARCHIVIST = "part_1__chp_3__para_2"  # Раздел 1, Глава 3, Параграф 2 "Архивариус" / "Мұрағатшы"
POSITION_PARTS = [
    (TKH_RU, "duties", part(14, (586, "осуществляет работу по ведению архивного дела в подразделении;"),
                                  (612, "обеспечивает сохранность и эффективное использование вверенного имущества"))),
    (TKH_RU, "must_know", part(8, (618, "Конституцию Республики Казахстан;"),
                               (632, "правила внутреннего трудового распорядка, правила и нормы по безопасности"))),
    (TKH_RU, "requirements", part(1, (640, "техническое и профессиональное (среднее специальное, среднее"),
                                  (640, "техническое и профессиональное (среднее специальное, среднее"))),
    (TKH_KK, "duties", part(14, (578, "бөліністе мұрағат ісін жүргізу бойынша жұмысты жүзеге асырады;"),
                                  (604, "сеніп тапсырылған мүліктің сақталуын және тиімді пайдаланылуын"))),
    # kk: the must-know point starts with the list itself, no label (MANIFEST)
    (TKH_KK, "must_know", part(8, (608, "Қазақстан Республикасының Конституциясын;"),
                               (622, "ішкі еңбек тәртібі қағидаларын, қауіпсіздік және еңбекті қорғау"))),
    (TKH_KK, "requirements", part(1, (630, "техникалық және кәсіптік (орта арнайы, орта кәсіптік)"),
                                  (630, "техникалық және кәсіптік (орта арнайы, орта кәсіптік)"))),
]


@pytest.mark.parametrize("name, title, line", [(TKH_RU, "Архивариус", 580), (TKH_KK, "Мұрағатшы", 572)])
def test_position_title(name, title, line):
    pos = next(p for p in _doc(name).positions if p.id == ARCHIVIST)
    assert (pos.title, pos.num, pos.span.start, pos.group, pos.excluded) == (title, "2", line, "other_employees", False)


@pytest.mark.parametrize("name, role, want", POSITION_PARTS,
                         ids=[f"{_id(c)}-{(c.values if hasattr(c, 'values') else c)[1]}" for c in POSITION_PARTS])
def test_position_part(name, role, want):
    pos = next(p for p in _doc(name).positions if p.id == ARCHIVIST)
    items = getattr(pos, role)
    rows = _rows(name)
    got = part(len(items), (items[0].line, items[0].text), (items[-1].line, items[-1].text))
    assert got["count"] == want["count"]
    for end in ("first", "last"):
        (line, text), (want_line, start) = got[end], want[end]
        assert line == want_line and text.startswith(start), (end, line, text)
        assert start in rows[line - 1], (end, rows[line - 1])  # the expectation is the text's own line


# Раздел 1 is grouped by its chapters: Глава 1 heads, Глава 2 specialists, Глава 3 other staff
GROUPS = [(chp, para, group) for chp, paras, group in [
    ("chp_1", ["1"], "managers"),
    ("chp_2", ["1", "1-1", "2", "3", "4", "5", "6"], "specialists"),
    ("chp_3", ["1", "2"], "other_employees")] for para in paras]


@pytest.mark.parametrize("name", [TKH_RU, TKH_KK])
def test_position_groups_follow_the_chapters(name):
    got = {p.id: p.group for p in _doc(name).positions if p.id.startswith("part_1__")}
    assert got == {f"part_1__{chp}__para_{para}": group for chp, para, group in GROUPS}


# --- one card part by part (1069, 716) --------------------------------------------------


def card(card_id, num, name, group_code, occupation_code, okr, functions) -> dict:
    return dict(id=card_id, num=num, name=name, group_code=group_code, occupation_code=occupation_code,
                okr_level=okr, functions=functions)


def function(name, line, skills) -> dict:
    """A labour function; ``skills``: (name or None, line, abilities part, knowledge part)."""
    return dict(name=name, line=line, skills=skills)


CARDS = [
    # the fifth card: "«Инструктор по противопожарной профилактике»" (ru.txt:710–793); the card says ОРК 6,
    # point 8 lists level 5 (ru.txt:111) — the parser warns, the card's own value is kept
    (PS19_RU, card("att_1__table_1__card_5", None, "Инструктор по противопожарной профилактике", None,
                   "3160-1-010", "6", [
                       function("Проверка состояния пожарной безопасности объекта", 742, [
                           (None, 745, part(4, (746, "Проводит пожарно-технические обследования"),
                                            (749, "Оказывает содействие органам государственной противопожарной")),
                            part(1, (755, "Требования законодательных и иных нормативных правовых актов"),
                                 (755, "Требования законодательных и иных нормативных правовых актов")))]),
                       function("Проведение инструктажей по мерам пожарной безопасности", 761, [
                           (None, 764, part(2, (765, "Обучает мерам пожарной безопасности"),
                                            (766, "Оказывает содействие органам государственной противопожарной")),
                            part(2, (772, "Знание методических основ в проведении занятий"),
                                 (773, "Знание нормативных правовых актов, регламентирующих")))])])),
    (PS19_KK, card("att_1__table_1__card_5", None, "Өрттің алдын алу нұсқаушысы", None, "3160-1-010", "6", [
        function("Объектінің өрт қауіпсіздігінің жай-күйін тексеру", 739, [
            (None, 742, part(4, (743, "Өрт-техникалық тексерулер жүргізеді"),
                             (746, "Мемлекеттік өртке қарсы қызмет органдарына өрт сөндіру")),
             part(1, (752, "Күзетілетін объектілердің өрт қауіпсіздігі саласындағы"),
                  (752, "Күзетілетін объектілердің өрт қауіпсіздігі саласындағы")))]),
        function("Өрт қауіпсіздігі шаралары бойынша нұсқамалар жүргізу.", 758, [
            (None, 761, part(2, (762, "Өрт қауіпсіздігі шараларына және өрт жағдайындағы"),
                             (763, "Мемлекеттік өртке қарсы қызмет органдарына өз өкілеттіктері")),
             part(2, (769, "Өрт қауіпсіздігі саласындағы сабақтарды өткізуде әдістемелік"),
                  (770, "Мемлекеттік өртке қарсы қызмет органдарының жұмысын")))])])),
    # point 11, the third card (ru.txt:653–836)
    (PS25_RU, card("chp_3__point_11", "11", "Охранник по охране имущества, в т.ч. при его транспортировке",
                   "5414-9", "5414-9-006", "4", [
                       function("Охрана имущества юридических и физических лиц, в том числе при его транспортировке",
                                730, [
                                    ("Обеспечение охраны имущества юридических и физических лиц, в том числе при его "
                                     "транспортировке.", 732,
                                     part(11, (739, "Осуществлять пропускной и внутриобъектовый режим"),
                                          (749, "Обладать навыками рукопашного боя")),
                                     part(7, (757, "НПА, регламентирующие охранную деятельность;"),
                                          (763, "Правила применения физической силы"))),
                                    ("Обеспечение охраны объекта, при угрозе совершения либо совершенном акте "
                                     "терроризма", 772,
                                     part(10, (779, "Обладать навыками действий при обнаружении подозрительного"),
                                          (788, "Обладать навыками действий при поступлении телефонного")),
                                     part(4, (796, "Закон Республики Казахстан «О противодействии терроризму»"),
                                          (799, "Алгоритм первичного реагирования субъектов")))])])),
    # kk card 11: its "Мамандықтың атауы" cell names the other guard (kk.txt:676) — a slip of the source
    (PS25_KK, card("chp_3__point_11", "11", "Мүлікті, оның ішінде оны тасымалдау кезінде күзету жөніндегі "
                   "күзетші", "5414-9", "5414-9-006", "4", [
                       function("Заңды және жеке тұлғалардың мүлкін, оның ішінде оны тасымалдау кезінде күзету", 733, [
                           ("Заңды және жеке тұлғалардың мүлкін, оның ішінде оны тасымалдау кезінде күзетуді "
                            "қамтамасыз ету.", 736,
                            part(11, (742, "Күзетілетін объектілерде өткізу және объектішілік режимді"),
                                 (752, "Қоян-қолтық ұрыс, арнайы құралдарды")),
                            part(7, (760, "Күзет қызметін регламенттейтін НҚА;"),
                                 (766, "Физикалық күш, арнайы құралдар және атыс қаруын"))),
                           ("Терроризм актісін жасау немесе жасау қаупі төнген не жасалған кезде объектіні күзетуді "
                            "қамтамасыз ету", 776,
                            part(10, (782, "Күдікті затты, сондай-ақ жарылғыш құрылғыға ұқсас затты"),
                                 (791, "Терроризм актісін жасау қаупі бар телефон қоңырауы")),
                            part(4, (799, "«Терроризмге қарсы іс-қимыл туралы» Қазақстан Республикасының"),
                                 (802, "Терроризм жасау қаупі немесе жасалған актісі кезінде")))])])),
]


def _items(items: list[dict]) -> dict:
    return part(len(items), (items[0]["line"], items[0]["text"]), (items[-1]["line"], items[-1]["text"]))


def _same_part(name: str, got: dict, want: dict) -> None:
    rows = _rows(name)
    assert got["count"] == want["count"], (got, want)
    for end in ("first", "last"):
        (line, text), (want_line, start) = got[end], want[end]
        assert line == want_line and text.startswith(start), (end, line, text)
        assert start in rows[line - 1], (end, rows[line - 1])


@pytest.mark.parametrize("name, want", CARDS, ids=[c[0] for c in CARDS])
def test_card(name, want):
    got = next(c for c in _doc(name).cards if c["id"] == want["id"])
    head = ("id", "num", "name", "group_code", "occupation_code", "okr_level")
    assert {k: got[k] for k in head} == {k: want[k] for k in head}
    assert [(f["name"], f["line"]) for f in got["functions"]] == [(f["name"], f["line"]) for f in want["functions"]]
    for f_got, f_want in zip(got["functions"], want["functions"], strict=True):
        skills = f_got["skills"]
        assert [(s.get("name"), s["line"]) for s in skills] == [(s[0], s[1]) for s in f_want["skills"]]
        for s_got, (_, _, abilities, knowledge) in zip(skills, f_want["skills"], strict=True):
            _same_part(name, _items(s_got["abilities"]), abilities)
            _same_part(name, _items(s_got["knowledge"]), knowledge)


# --- one row of a table of positions (86, register) --------------------------------------

ROWS = [
    # name, attribute, row eid, position, category, step, source line
    (STAFF_RU, "staffing", "table_1__row_42", "Художественный редактор", None, None, 241),
    (STAFF_KK, "staffing", "table_1__row_42", "Көркемдік редактор", None, None, 224),
    (REG_RU, "registers", "table_1__row_3", "Руководитель хозяйственной службы", "А2", "1", 47),
    (REG_KK, "registers", "table_1__row_3", "Шаруашылық қызметінің басшысы", "А2", "1", 48),
]


@pytest.mark.parametrize("name, attr, eid, position, category, step, line", ROWS, ids=[r[0] for r in ROWS])
def test_row(name, attr, eid, position, category, step, line):
    row = next(r for r in getattr(_doc(name), attr) if r["eid"] == eid)
    assert (row["row_kind"], row["position"], row["category"], row["step"]) == ("position", position, category, step)
    assert row["span"]["start"] <= line <= row["span"]["end"]
    assert position in _rows(name)[line - 1]


def test_staffing_row_norm():
    row = next(r for r in _doc(STAFF_RU).staffing if r["eid"] == "table_1__row_42")
    assert (row["num"], row["rule"]["text"], row["rule"]["units"]) == (41, "1 единица", 1.0)  # ru.txt:242


# --- one article of the law (267) ---------------------------------------------------------

ARTICLES = [
    # name, article eid, heading line, heading, [(line, alinea text)] first and last, alineas
    (LAW_RU, "art_3", 21, "Государственные праздники", 10,
     (23, "Государственными праздниками в Республике Казахстан являются праздники, отмечаемые в следующие дни:"),
     (41, "День Независимости – 16 декабря.")),
    (LAW_KK, "art_3", 21, "Мемлекеттік мерекелер", 10,
     (23, "Қазақстан Республикасындағы мемлекеттік мерекелер - мына күндері атап өтілетін мерекелер:"),
     (41, "16 желтоқсан – Тәуелсіздік күні.")),
]


@pytest.mark.parametrize("name, eid, line, heading, count, first, last", ARTICLES, ids=[a[0] for a in ARTICLES])
def test_article(name, eid, line, heading, count, first, last):
    doc = _doc(name)
    art = next(u for u in doc.units if u.eid == eid)
    alineas = [u for u in doc.units if u.parent == eid and u.kind == "alinea"]
    assert (art.kind, art.num, art.heading, art.span.start) == ("article", "3", heading, line)
    assert len(alineas) == count
    for unit, (want_line, text) in ((alineas[0], first), (alineas[-1], last)):
        assert (unit.span.start, unit.text) == (want_line, text)
        assert text in _rows(name)[want_line - 1]


@pytest.mark.parametrize("name, line", [
    (LAW_RU, 67),
    (LAW_KK, 67),
])
def test_law_signature_is_not_an_alinea(name, line):
    doc = _doc(name)
    assert [u.eid for u in doc.units if u.span.start <= line <= u.span.end] == []
    assert [ln.no for ln in doc.buckets.get("signature", [])] == [line]


# --- invariants ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", FILES)
def test_no_unexplained_id_collision(name):
    doc = _doc(name)
    errors = [str(d) for d in doc.diagnostics if d.severity == "error"
              and ("a unit id not used before" in d.expected or "id of its own" in d.expected)]
    assert errors == []


@pytest.mark.parametrize("name", FILES)
def test_no_bucket_overflow_or_content_in_buckets(name):
    """parser/buckets.py: no block longer than a handful of lines, no heading / point / note / card line
    filed in a typed bucket."""
    doc = _doc(name)
    found = [str(d) for d in doc.diagnostics
             if re.match(r"at most \d+ lines in one .* block", d.expected)
             or re.match(r"a line of the .* block", d.expected)]
    assert found == []


@pytest.mark.parametrize("ru, kk", PAIRS, ids=[p[0].split(".")[0] for p in PAIRS])
def test_ru_and_kk_align_by_id(ru, kk):
    a, b = _doc(ru), _doc(kk)
    assert [p.id for p in a.positions] == [p.id for p in b.positions]
    assert [c["id"] for c in a.cards] == [c["id"] for c in b.cards]
    assert [r["eid"] for r in a.staffing] == [r["eid"] for r in b.staffing]
    assert [r["eid"] for r in a.registers] == [r["eid"] for r in b.registers]


def _visible(source_line: str) -> str:
    """What a reader sees of one line of a page (as tests/test_fmt_html.py reads it)."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", source_line)).replace("\xa0", " ").split())


def _act_lines(name: str) -> list[int]:
    """Source lines that hold the act's text: every line of a .txt; of an adilet page, the lines of
    the slogan block (up to the tabs menu) and the text block (up to ``</article>``) with visible
    text, the site's status badge left out (tests/test_fmt_html.py `_act_ranges`)."""
    rows = _rows(name)
    if not name.endswith(".html"):
        return [k for k, row in enumerate(rows, start=1) if row.strip()]

    def at(needle: str, after: int = 0) -> int:
        return next(k for k in range(after, len(rows)) if needle in rows[k]) + 1

    slogan, text = at('class="container_alpha slogan"'), at('class="container_gamma text')
    spans = [range(slogan, at('id="tabs_container"', slogan) - 1), range(text, at("</article>", text) + 1)]
    return [k for span in spans for k in span if _visible(rows[k - 1]) and 'class="status' not in rows[k - 1]]


@pytest.mark.parametrize("name", FILES)
def test_every_line_is_accounted_for(name):
    """Each non-blank source line of the act is in a unit's span, a bucket line, a note's span or an
    unparsed line: nothing the text says is silently dropped."""
    doc = _doc(name)
    covered: set[int] = set()
    for u in doc.units:
        covered.update(range(u.span.start, u.span.end + 1))
    for lines in doc.buckets.values():
        for ln in lines:
            covered.update(range(ln.no, ln.last + 1))
    for a in doc.amendments:
        covered.update(range(a.span.start, a.span.end + 1))
    for ln in doc.unparsed:
        covered.update(range(ln.no, ln.last + 1))
    rows = _rows(name)
    lost = [(k, rows[k - 1][:80]) for k in _act_lines(name) if k not in covered]
    assert lost == []
