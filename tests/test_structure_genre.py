"""The hierarchy by the rules of legal drafting, on small texts written the way acts are:
parts and chapters in both languages, articles of laws, tables, forms, later annexes,
id collisions, excluded units, and blocks that must not swallow the text.
"""

from __future__ import annotations

import pytest

from parser.pipeline import parse_text

ORDER_HEAD = """# Об утверждении Типовых квалификационных характеристик

В соответствии с подпунктом 17) статьи 16 Трудового кодекса Республики Казахстан ПРИКАЗЫВАЮ:

1. Утвердить прилагаемые Типовые квалификационные характеристики.

2. Настоящий приказ вводится в действие со дня его первого официального опубликования.

**Министр внутренних дел Республики Казахстан**

**Е. Тургумбаев**

> *«СОГЛАСОВАН»*
> *Министерство труда*
> *Республики Казахстан*

> *Утвержден приказом*
> *Министра внутренних дел*
> *от 11 сентября 2020 года*
> *№ 623*

## Типовые квалификационные характеристики
"""

POSITION_RU = """
{h} Параграф {n}. {title}

{p1}. Должностные обязанности:

   руководит работой;

{p2}. Должен знать:

   Конституцию Республики Казахстан;

{p3}. Требования к квалификации: высшее образование.
"""


def _ru_tkh() -> str:
    body = ORDER_HEAD + "\n### Раздел 1. Комиссии\n\n#### Глава 1. Руководители\n"
    body += POSITION_RU.format(h="#####", n=1, title="Начальник отдела", p1=1, p2=2, p3=3)
    body += "\n#### Глава 2. Специалисты\n"
    body += POSITION_RU.format(h="#####", n=1, title="Главный эксперт", p1=4, p2=5, p3=6)
    body += "\n### Раздел 2. Лаборатория\n"  # a part whose Параграф has no chapter
    body += POSITION_RU.format(h="####", n=1, title="Начальник лаборатории", p1=7, p2=8, p3=9)
    body += "\n### Раздел 3. Полиграфологи\n\n*Сноска. Раздел 3 исключен приказом Министра внутренних дел РК " \
            "от 19.04.2022 № 239 (вводится в действие по истечении десяти календарных дней после дня его " \
            "первого официального опубликования).*\n"
    return body


def test_parts_chapters_sections_have_unique_ids():
    """Two "Глава 1 / Параграф 1" under different parts do not collide (623's shape)."""
    doc = parse_text(_ru_tkh(), "tkh.ru.md", "ru", "markdown")
    ids = [p.id for p in doc.positions]
    assert ids == ["part_1__chp_1__para_1", "part_1__chp_2__para_1", "part_2__para_1"]
    assert [p.title for p in doc.positions] == ["Начальник отдела", "Главный эксперт", "Начальник лаборатории"]
    assert not [d for d in doc.diagnostics if d.severity == "error"], doc.diagnostics
    eids = [u.eid for u in doc.units]
    assert len(eids) == len(set(eids))
    assert (doc.header.number, doc.header.date, doc.header.sources["number"]) == ("623", "2020-09-11", "annex stamp")


def test_an_excluded_part_stays_in_the_model():
    doc = parse_text(_ru_tkh(), "tkh.ru.md", "ru", "markdown")
    part3 = next(u for u in doc.units if u.eid == "part_3")
    note = next(a for a in doc.amendments if a.target_eid == "part_3")
    assert (note.kind, note.amending_act.number, part3.excluded_by) == ("removed", "239", note.id)


def test_kk_parts_when_chapters_are_tarau():
    """kk "N-бөлім" is the part where the chapters are "N-тарау"; else it is the chapter (580-НҚ)."""
    kk = """# Бекіту туралы

БҰЙЫРАМЫН:

1. Бекітілсін.

**Министр**

**Е. Тұрғымбаев**

## Үлгілік біліктілік сипаттамалары

### 1-бөлім. Комиссиялар

#### 1-тарау. Басшылар

##### 1-параграф. Бөлім бастығы

1. Лауазымдық міндеттері:

   басқарады;

2. Қазақстан Республикасының Конституциясын;

   қағидалар мен нормаларды білуге тиіс.

3. Біліктілікке қойылатын талаптар: жоғары білім.
"""
    doc = parse_text(kk, "tkh.kk.md", "kk", "markdown")
    pos = doc.positions[0]
    assert pos.id == "part_1__chp_1__para_1"
    # the kk must-know list has no label: framed by its closing words, the point's own line is item 1
    assert [i.text for i in pos.must_know] == ["Қазақстан Республикасының Конституциясын;",
                                                "қағидалар мен нормаларды білуге тиіс."]
    assert not [d for d in doc.diagnostics if "truncated" in d.found]
    flat = kk.replace("### 1-бөлім. Комиссиялар\n\n", "").replace("1-тарау", "1-бөлім")
    assert parse_text(flat, "x.kk.md", "kk", "markdown").positions[0].id == "chp_1__para_1"


LAW = """# О праздниках в Республике Казахстан

Настоящий Закон определяет правовые основы праздников.

## Статья 1. Праздники

В Республике Казахстан отмечаются национальные праздники.

Государственные праздники - праздники, посвященные событиям.

## Статья 2. Национальные праздники

Национальным праздником является День Республики.

Сноска. Статья 2 в редакции Закона РК от 29.09.2022 № 143-VII (вводится в действие со дня его первого официального опубликования).

Президент Республики Казахстан

Н. Назарбаев
"""


def test_a_law_by_articles():
    doc = parse_text(LAW, "law.ru.md", "ru", "markdown")
    arts = [(u.eid, u.heading) for u in doc.units if u.kind == "article"]
    assert arts == [("art_1", "Праздники"), ("art_2", "Национальные праздники")]
    assert [u.eid for u in doc.units if u.parent == "art_1"] == ["art_1__al_1", "art_1__al_2"]
    note = doc.amendments[0]
    assert (note.target_eid, note.kind, note.amending_act.number) == ("art_2", "restated", "143-VII")
    assert doc.buckets["signature"][0].text == "Президент Республики Казахстан"
    assert not [d for d in doc.diagnostics if d.severity == "error"], doc.diagnostics


def test_an_amending_law():
    text = """# О внесении дополнения в Закон Республики Казахстан "О праздниках в Республике Казахстан"

Статья 1 . Внести в Закон Республики Казахстан от 13 декабря 2001 года "О праздниках в Республике Казахстан" следующее дополнение:

статью 3 дополнить абзацем седьмым следующего содержания:

"День Столицы - 6 июля;".

Статья 2 . Настоящий Закон вводится в действие со дня его первого официального опубликования.

Президент Республики Казахстан
"""
    doc = parse_text(text, "amend.ru.md", "ru", "markdown")
    assert [u.eid for u in doc.units if u.kind == "article"] == ["art_1", "art_2"]
    verbs = [(i["verb"], i["target"], i["new_text"]) for i in doc.instructions]
    assert verbs[1] == ("insert", "статью 3", "День Столицы - 6 июля;")
    assert doc.instructions[0]["act"]["date"] == "2001-12-13"


def test_table_cells_are_never_headings_or_points():
    """A cell reading "Глава 1. Должность …" (716) is a cell; a cell opening a card, "9. Карточка
    профессии «…»:", is point 9 of the text (716's cards are its points 9–11), and the numbering
    goes on after the table."""
    text = ORDER_HEAD + """
### Глава 3. Карточки профессий

8. Карточки профессий приводятся ниже.

<table>
<tr><td colspan="2">9. Карточка профессии «Охранник»:</td></tr>
<tr><td>Уровень:</td><td>Глава 1. Должность охранника.</td></tr>
</table>

10. Следующий пункт.
"""
    doc = parse_text(text, "ps.ru.md", "ru", "markdown")
    assert not [u for u in doc.units if u.kind == "chapter" and u.num == "1"]
    cells = [(u.eid, u.kind, u.text) for u in doc.units if u.cell is not None]
    assert cells == [("chp_3__point_9", "point", "Карточка профессии «Охранник»:"),
                     ("chp_3__point_8__table_1__row_2__cell_1", "cell", "Уровень:"),
                     ("chp_3__point_8__table_1__row_2__cell_2", "cell", "Глава 1. Должность охранника.")]
    assert "chp_3__point_10" in {u.eid for u in doc.units}


def test_a_later_annex_takes_its_number():
    text = ORDER_HEAD + """
1. Текст правил.

> *Приложение 2*
> *к приказу Министра*
> *от 11 сентября 2020 года № 623*

Форма

1. Первый пункт второго приложения.
"""
    doc = parse_text(text, "x.ru.md", "ru", "markdown")
    att = next(u for u in doc.units if u.eid == "att_2")
    assert att.heading == "Форма"
    assert "att_2__point_1" in {u.eid for u in doc.units}


def test_an_id_collision_is_an_error_and_both_units_are_kept():
    text = ORDER_HEAD + "\n### Глава 1. Руководители\n\n### Глава 1. Специалисты\n"
    doc = parse_text(text, "x.ru.md", "ru", "markdown")
    chapters = [u for u in doc.units if u.kind == "chapter"]
    assert [(u.eid, u.heading) for u in chapters] == [("chp_1", "Руководители"), ("chp_1_2", "Специалисты")]
    err = [d for d in doc.diagnostics if "not used before" in d.expected]
    assert err and err[0].severity == "error"


@pytest.mark.parametrize("swallowed", [
    "### Глава 1. Общие положения",
    "1. Профессиональный стандарт предназначен для …",
    "*Сноска. Пункт 1 в редакции приказа Министра РК от 01.03.2021 № 98.*",
])
def test_an_approval_block_does_not_swallow_the_text(swallowed):
    """The kk standard whose "КЕЛІСІЛДІ" block took 752 lines: a heading, a point or a note ends it."""
    text = "# Туралы\n\nБҰЙЫРАМЫН:\n\n1. Бекітілсін.\n\n**Министр**\n\n**Е. Тұрғымбаев**\n\n" \
           "«КЕЛІСІЛДІ»\n\nЕңбек министрлігі\n\n" + swallowed + "\n\n2. Келесі мәтін.\n"
    doc = parse_text(text, "x.kk.md", "kk", "markdown")
    approval = [ln.text for ln in doc.buckets.get("approval", [])]
    assert approval == ["«КЕЛІСІЛДІ»", "Еңбек министрлігі"]
    assert not [d for d in doc.diagnostics if "block" in d.expected]


def test_content_in_a_bucket_is_an_error():
    from parser.buckets import check_buckets
    from parser.models import Line

    lines = [Line(no=10 + k, text=t) for k, t in enumerate(["«СОГЛАСОВАН»", "Министерство", "Глава 2. Специалисты"])]
    diags = check_buckets({"approval": lines}, "x")
    assert [(d.line, d.severity) for d in diags] == [(12, "error")]
    many = [Line(no=k, text=f"строка {k}") for k in range(1, 30)]
    assert [d.severity for d in check_buckets({"approval": many}, "x")] == ["warning"]
