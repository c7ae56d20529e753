# ruff: noqa: E501  (the tables hold real item texts whole, as the seeds have them)
"""Mentions resolved to canonical acts: single items, then the three seeds together.

Counts were checked by eye against the must-know items of 580-НҚ (ru, kk) and 360.  The
"corpus-dev" items are lines of ../shared/corpus-dev: tkh-mvd-2020-623.ed2022-04-19.{ru,kk}.txt
(623, must-know lists) and ps-mvd-2025-716-private-security.{ru,kk}.txt (716, "Знания:"/"Білім:").
"""

from __future__ import annotations

import doctest
import json

import pytest

import kb.refacts as refacts_module
from kb.refacts import (
    ACTS_JSON,
    METHODS,
    load_registry,
    normalise,
    parse_act_id,
    resolve_documents,
    resolve_item,
)

PATHS = (
    "corpus/order-2025-10-24-580-nk/ru.txt",
    "corpus/order-2025-10-24-580-nk/kk.txt",
    "corpus/order-2017-10-25-360/ru.txt",
)
RU580, KK580, RU360 = PATHS

LANGUAGES = "kz/law/o-yazykakh"
LABOUR = "kz/code/labour"
CONSTITUTION = "kz/constitution"
CORRECTION = "kz/law/o-sotsialnoy-i-mediko-pedagogicheskoy-korrektsionnoy-podderzhke-detey-s-invalidnostyu"


@pytest.fixture(scope="module")
def seeds():
    from parser.pipeline import parse_path

    return [parse_path(p) for p in PATHS]


@pytest.fixture(scope="module")
def kb(seeds):
    return resolve_documents(seeds)


def _links(kb, doc, item):
    return [(lk["act"], lk["method"]) for lk in kb["links"] if lk["doc"] == doc and lk["item"] == item]


# --- single items ------------------------------------------------------------------------

# (item text, lang, aliases defined before it, [(act, method), ...])
ITEMS = [
    ("Закон о языках;", "ru", {"Закон о языках": LANGUAGES}, [(LANGUAGES, "defined_alias")]),
    ("Закон о языках;", "ru", None, [(LANGUAGES, "normalised")]),
    ("Закон языках;", "ru", {"Закон о языках": LANGUAGES}, [(LANGUAGES, "fuzzy")]),
    ("Закон языках;", "ru", None, [(LANGUAGES, "fuzzy")]),
    ('Закон Республики Казахстан "О языках в Республике Казахстан" (далее – Закон о языках);', "ru", None, [(LANGUAGES, "exact")]),
    ("Трудовой кодекс;", "ru", {"Трудовой кодекс": LABOUR}, [(LABOUR, "defined_alias")]),
    ("Трудовой кодекс Республики Казахстан;", "ru", None, [(LABOUR, "exact")]),
    ("Еңбек кодексін;", "kk", None, [(LABOUR, "kk_name")]),
    ("Еңбек кодексін;", "kk", {"Еңбек кодексі": LABOUR}, [(LABOUR, "defined_alias")]),
    ("Қазақстан Республикасының Еңбек кодексін (бұдан әрі – Еңбек кодексі);", "kk", None, [(LABOUR, "kk_name")]),
    ("Конституцию Республики Казахстан (далее – Конституция);", "ru", None, [(CONSTITUTION, "normalised")]),
    ("Конституцию;", "ru", {"Конституция": CONSTITUTION}, [(CONSTITUTION, "defined_alias")]),
    ("Қазақстан Республикасының Конституциясын;", "kk", None, [(CONSTITUTION, "kk_name")]),
    ("Конституцияны;", "kk", None, [(CONSTITUTION, "kk_name")]),
    ("Социальный Кодекс Республики Казахстан (далее - Социальный кодекс)", "ru", None, [("kz/code/social", "normalised")]),
    ("Әлеуметтік кодексті;", "kk", None, [("kz/code/social", "kk_name")]),
    ('"Неке және отбасы туралы" кодексті;', "kk", None, [("kz/code/marriage-family", "kk_name")]),
    ("Кодекс о браке и семье;", "ru", {"Кодекс о браке и семье": "kz/code/marriage-family"}, [("kz/code/marriage-family", "defined_alias")]),
    # renamed: the old title, full and short, and the new one
    ('Закон Республики Казахстан "О социальной и медико-педагогической коррекционной поддержке детей с ограниченными возможностями" (далее – Закон о социальной и медико-педагогической коррекционной поддержке детей с ограниченными возможностями);', "ru", None, [(CORRECTION, "renamed")]),
    ("Закон о социальной и медико-педагогической коррекционной поддержке детей с ограниченными возможностями;", "ru", None, [(CORRECTION, "renamed")]),
    ("Закон о социальной и медико-педагогической коррекционной поддержке детей с инвалидностью;", "ru", None, [(CORRECTION, "normalised")]),
    ('"Кемтар балаларды әлеуметтiк және медициналық-педагогикалық түзеу арқылы қолдау туралы", "Бала құқықтары туралы" Қазақстан Республикасының заңдарын;', "kk", None,
     [(CORRECTION, "kk_name"), ("kz/law/o-pravakh-rebenka", "kk_name")]),
    ('"Мемлекеттік қызметтер туралы", "Мемлекеттік көрсетілетін қызметтер туралы" Қазақстан Республикасының заңдарын;', "kk", None,
     [("kz/law/o-gosudarstvennykh-uslugakh", "kk_name"), ("kz/law/o-gosudarstvennykh-uslugakh", "exact")]),
    ('Закон Республики "Об образовании" (далее – Закон об образовании);', "ru", None, [("kz/law/ob-obrazovanii", "exact")]),
    ("Закон о государственном имуществе;", "ru", None, [("kz/law/o-gosudarstvennom-imushchestve", "normalised")]),
    ("постановление Правительства № 1193;", "ru", None, [("kz/resolution/2015-12-31/1193", "normalised")]),
    ("постановление Правительства № 1193;", "ru", {"постановление Правительства № 1193": "kz/resolution/2015-12-31/1193"},
     [("kz/resolution/2015-12-31/1193", "defined_alias")]),
    ("Үкіметтің № 1193 қаулысын;", "kk", None, [("kz/resolution/2015-12-31/1193", "kk_name")]),
    ("АППК;", "ru", {"АППК": "kz/code/administrative-procedure"}, [("kz/code/administrative-procedure", "defined_alias")]),
    ("Правила пожарной безопасности.", "ru", {"Правила пожарной безопасности": "kz/order/2022-02-21/55"}, [("kz/order/2022-02-21/55", "defined_alias")]),
    ("Правила пожарной безопасности.", "ru", None, []),
    ("Стандарты оказания специальных социальных услуг в области социальной защиты населения, утвержденными уполномоченным государственным органом, в соответствии с абзацем пятым подпункта 5) статьи 12 Социального кодекса Республики Казахстан;", "ru", None,
     [("kz/order/standarty-okazaniya-spetsialnykh-sotsialnykh-uslug", "exact"), ("kz/code/social", "normalised")]),
    ("основы экономики;", "ru", None, []),
    # corpus-dev: the acts added to the registry from 623 and 716, as the texts write them
    ("Закон Республики Казахстан «О правовых актах» (далее - Закон «О правовых актах»);", "ru", None, [("kz/law/o-pravovykh-aktakh", "exact")]),
    ("Закон «О правовых актах»;", "ru", None, [("kz/law/o-pravovykh-aktakh", "exact")]),
    ("Қазақстан Республикасының «Құқықтық актілер туралы» Заңын (бұдан әрі - «Құқықтық актілер туралы» Заң);", "kk", None, [("kz/law/o-pravovykh-aktakh", "exact")]),
    ("законы Республики Казахстан «О противодействии коррупции», «О языках в Республике Казахстан», «О порядке рассмотрения обращений физических и юридических лиц», «О правовых актах», «Об административных процедурах»;", "ru", None,
     [("kz/law/o-protivodeystvii-korruptsii", "exact"), (LANGUAGES, "exact"),
      ("kz/law/o-poryadke-rassmotreniya-obrashcheniy-fizicheskikh-i-yuridicheskikh-lits", "exact"), ("kz/law/o-pravovykh-aktakh", "exact"),
      ("kz/law/ob-administrativnykh-protsedurakh", "exact")]),
    ("«Сыбайлас жемқорлыққа қарсы іс-қимылкүрес туралы», «Қазақстан Республикасындағы тіл туралы», «Құқықтық актілер туралы» Заңдарын;", "kk", None,
     [("kz/law/o-protivodeystvii-korruptsii", "kk_name"), (LANGUAGES, "exact"), ("kz/law/o-pravovykh-aktakh", "exact")]),
    ("Қазақстан Республикасының «Халық денсаулығы және денсаулық сақтау жүйесі туралы» кодексін (бұдан әрі - «Халық денсаулығы және денсаулық сақтау жүйесі туралы» кодекс);", "kk", None, [("kz/code/health", "exact")]),
    ("1. Закон Республики Казахстан «Трудовой кодекс Республики Казахстан»;", "ru", None, [(LABOUR, "exact")]),
    ("1. «Қазақстан Республикасының Еңбек кодексі» туралы Қазақстан Республикасының Заңы;", "kk", None, [(LABOUR, "exact")]),
    ("1. Кодекс об административных правонарушениях;", "ru", None, [("kz/code/administrative-offences", "normalised")]),
    ("1. Әкімшілік құқық бұзушылық туралы кодекс;", "kk", None, [("kz/code/administrative-offences", "kk_name")]),
    ("2. Закон Республики Казахстан «Об участии граждан в обеспечении общественного порядка».", "ru", None, [("kz/law/ob-uchastii-grazhdan-v-obespechenii-obshchestvennogo-poryadka", "exact")]),
    ("1. «Терроризмге қарсы іс-қимыл туралы» Қазақстан Республикасының Заңы;", "kk", None, [("kz/law/o-protivodeystvii-terrorizmu", "exact")]),
    ("2. Постановление Правительства Республики Казахстан «Об утверждении Правил и критериев отнесения объектов к уязвимым в террористическом отношении»;", "ru", None, [("kz/resolution/2021-04-12/234", "exact")]),
    ("2. «Азаматтық және қызметтік қару мен оның патрондарының, азаматтық пиротехникалық заттар мен оларды қолдана отырып жасалған бұйымдардың айналымы салаларында екінші санаттағы рұқсаттар беруге уәкілетті органды айқындау туралы» Қазақстан Республикасы Үкіметінің 2014 жылғы 10 ақпандағы № 47 қаулысы;", "kk", None, [("kz/resolution/2014-02-10/47", "exact")]),
    ("3. Приказ Министра внутренних дел Республики Казахстан «Об утверждении Правил оборота гражданского и служебного оружия и патронов к нему».", "ru", None, [("kz/order/pravila-oborota-grazhdanskogo-i-sluzhebnogo-oruzhiya-i-patronov-k-nemu", "exact")]),
]


@pytest.mark.parametrize(("text", "lang", "aliases", "expected"), ITEMS, ids=[f"{c[1]}:{c[0][:40]}:{bool(c[2])}" for c in ITEMS])
def test_resolve_item(text, lang, aliases, expected):
    got = resolve_item(text, lang, aliases)
    assert [(r.act_id, r.method) for r in got] == expected
    for r in got:
        assert r.method in METHODS and 0.0 < r.confidence <= 1.0


def test_list_of_laws_gives_one_link_per_law():
    text = ('законы Республики Казахстан "О профилактике бытового насилия", "О государственных секретах", '
            '"Об электронном документе и электронной цифровой подписи", "О государственных услугах", '
            '"О противодействии коррупции", "Об информатизации", "О государственных закупках"; ')
    got = resolve_item(text, "ru")
    assert [r.act_id for r in got] == [
        "kz/law/o-profilaktike-bytovogo-nasiliya", "kz/law/o-gosudarstvennykh-sekretakh",
        "kz/law/ob-elektronnom-dokumente-i-elektronnoy-tsifrovoy-podpisi", "kz/law/o-gosudarstvennykh-uslugakh",
        "kz/law/o-protivodeystvii-korruptsii", "kz/law/ob-informatizatsii", "kz/law/o-gosudarstvennykh-zakupkakh"]
    assert {r.method for r in got} == {"exact"}


def test_bare_code_is_not_guessed():
    (r,) = resolve_item("статьи 12 Кодекса;", "ru")
    assert (r.act_id, r.method, r.confidence, r.mention) == (None, "unresolved", 0.0, "Кодекса")
    assert (r.ref, r.resolved) == ("unresolved:кодекс", False)


# An act no registry entry names is kept, under an id made from its name.
UNKNOWN = [
    # (item text, lang, [(act_id, ref, method), ...])
    ("законы Республики Казахстан «О противодействии коррупции», «Об охранной деятельности»;", "ru",
     [("kz/law/o-protivodeystvii-korruptsii", "kz/law/o-protivodeystvii-korruptsii", "exact"),
      (None, "unresolved:об-охранн-деятельност", "unresolved")]),
    ("Закон Республики Казахстан «Об охранной деятельности» (статья 10)", "ru", [(None, "unresolved:об-охранн-деятельност", "unresolved")]),
    ("Закон об охранной деятельности;", "ru", [(None, "unresolved:об-охранн-деятельност", "unresolved")]),
    ("«Күзет қызметі туралы» Қазақстан Республикасының Заңы (10-бап)", "kk", [(None, "unresolved:күзет-қызме-турал", "unresolved")]),
    ("Указ Президента Республики Казахстан «О Концепции правовой политики»;", "ru",
     [(None, "unresolved:о-концепц-правов-политик", "unresolved")]),
]


@pytest.mark.parametrize(("text", "lang", "expected"), UNKNOWN, ids=[f"{c[1]}:{c[0][:40]}" for c in UNKNOWN])
def test_unknown_act_is_kept(text, lang, expected):
    got = resolve_item(text, lang)
    assert [(r.act_id, r.ref, r.method) for r in got] == expected
    assert all(r.resolved == (r.act_id is not None) for r in got)


def test_short_name_of_an_unknown_act_resolves_to_it():
    (r,) = resolve_item("Закон об охранной деятельности;", "ru", {"Закон об охранной деятельности": "unresolved:об-охранн-деятельност"})
    assert (r.act_id, r.ref, r.method) == (None, "unresolved:об-охранн-деятельност", "defined_alias")


def test_definition_is_carried_on_the_resolution():
    (r,) = resolve_item("Трудовой кодекс Республики Казахстан (далее – Трудовой кодекс);", "ru")
    assert (r.act_id, r.defines) == (LABOUR, "Трудовой кодекс")


# --- normalisation and identity ----------------------------------------------------------

@pytest.mark.parametrize(("a", "b", "lang"), [
    ("Конституцию", "Конституция", "ru"),
    ("Трудового кодекса", "Трудовой кодекс", "ru"),
    ("Законы", "Закон", "ru"),
    ("Закон Республики Казахстан «О правах ребенка в Республике Казахстан»", 'Закон "О правах ребенка"', "ru"),
    ("Ёлка", "елка", "ru"),
    ("Еңбек кодексін", "Еңбек кодексі", "kk"),
    ("Азаматтық кодексті", "Азаматтық кодекс", "kk"),
    ("Қазақстан Республикасының Конституциясын", "Конституцияны", "kk"),
    ("заңдарын", "заңы", "kk"),
    ("әлеуметтiк", "әлеуметтік", "kk"),  # a Latin "i" inside a Kazakh word, as the kk text has it
])
def test_normalise_equal(a, b, lang):
    assert normalise(a, lang) == normalise(b, lang)


def test_normalise_keeps_state_when_asked():
    assert normalise("Трудовой кодекс Республики Казахстан", "ru", keep_state=True) != normalise("Трудовой кодекс", "ru", keep_state=True)


@pytest.mark.parametrize("bad", ["kz/code/Labour", "kz/law/", "ru/code/labour", "kz/resolution/2015/1193", "kz/constitution/1995"])
def test_bad_act_id(bad):
    with pytest.raises(ValueError, match="not an act id"):
        parse_act_id(bad)


def test_registry_file_is_sorted_and_complete():
    with open(ACTS_JSON, encoding="utf-8") as f:
        raw = json.load(f)
    ids = [a["id"] for a in raw]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    for a in raw:
        parse_act_id(a["id"])
        assert a["type"] == parse_act_id(a["id"])["type"]
        assert a["name_ru"] and isinstance(a["aliases_ru"], list) and isinstance(a["aliases_kk"], list)
        assert a["aliases_ru"] == sorted(a["aliases_ru"]) and a["aliases_kk"] == sorted(a["aliases_kk"])
        assert all({"name_ru", "note"} <= set(r) for r in a["renamed_from"])
    assert len(load_registry().acts) == len(raw)


def test_doctests():
    assert doctest.testmod(refacts_module).failed == 0


# --- the three seeds together ------------------------------------------------------------

def test_counts_per_document(kb):
    links = {p: sum(1 for lk in kb["links"] if lk["doc"] == p) for p in PATHS}
    other = {p: sum(1 for o in kb["other_knowledge"] if o["doc"] == p) for p in PATHS}
    assert links == {RU580: 140, KK580: 139, RU360: 199}  # 360: 198 to the registry, 1 to the bare "Кодекса"
    assert other == {RU580: 84, KK580: 84, RU360: 204}  # 360 point 41_2: requirements, not must-know


def test_every_link_has_its_act(kb):
    resolved = {a for a, act in kb["acts"].items() if act["resolved"]}
    assert len(resolved) == 33 and resolved <= set(load_registry().acts)  # the seeds cite 33 of the registry's 43
    assert len(load_registry().acts) == 43  # + 10 from corpus-dev (623: 3 laws; 716: 1 code, 2 laws, 3 resolutions, 1 order)
    assert set(kb["acts"]) - resolved == {"unresolved:кодекс"}
    assert {lk["act"] for lk in kb["links"]} == set(kb["acts"])
    for act in kb["acts"].values():
        assert set(act) == {"id", "type", "name_ru", "name_kk", "aliases", "resolved"}
        assert act["aliases"] == sorted(set(act["aliases"]))
    assert kb["acts"]["unresolved:кодекс"] == {"id": "unresolved:кодекс", "type": "code", "name_ru": "Кодекса",
                                                "name_kk": None, "resolved": False, "aliases": ["Кодекса"]}


def test_labour_code_is_cited_by_both_orders(kb):
    docs = {lk["doc"] for lk in kb["links"] if lk["act"] == LABOUR}
    assert docs == {RU580, KK580, RU360}
    positions_580 = {lk["position"] for lk in kb["links"] if lk["act"] == LABOUR and lk["doc"] == RU580}
    assert positions_580 == {"chp_2__para_1", "chp_2__para_2", "chp_2__para_3", "chp_2__para_8", "chp_2__para_10",
                             "chp_2__para_11", "chp_2__para_12"}


@pytest.mark.parametrize(("doc", "item", "expected"), [
    # the definition, then a later position's short use
    (RU580, "chp_2__para_1__point_5__al_5", [(LABOUR, "exact")]),
    (RU580, "chp_2__para_2__point_8__al_5", [(LABOUR, "defined_alias")]),
    (KK580, "chp_2__para_1__point_5__al_5", [(LABOUR, "kk_name")]),
    (KK580, "chp_2__para_2__point_8__al_5", [(LABOUR, "defined_alias")]),
    (RU580, "chp_2__para_1__point_5__al_2", [(CONSTITUTION, "normalised")]),
    (RU580, "chp_2__para_2__point_8__al_2", [(CONSTITUTION, "defined_alias")]),
    (KK580, "chp_2__para_1__point_5__al_2", [(CONSTITUTION, "kk_name")]),
    (RU580, "chp_2__para_2__point_8__al_8", [("kz/code/administrative-procedure", "defined_alias")]),
    (KK580, "chp_2__para_2__point_8__al_8", [("kz/code/administrative-procedure", "defined_alias")]),
    (RU580, "chp_2__para_2__point_8__al_10", [("kz/resolution/2015-12-31/1193", "defined_alias")]),
    (KK580, "chp_2__para_2__point_8__al_10", [("kz/resolution/2015-12-31/1193", "kk_name")]),
    # 360: "Закон о языках" defined in §1, used in §2; the typo "Закон языках" in §7
    (RU360, "chp_1__para_1__point_2__al_6", [(LANGUAGES, "exact")]),
    (RU360, "chp_1__para_2__point_5__al_8", [(LANGUAGES, "defined_alias")]),
    (RU360, "chp_1__para_7__point_20__al_6", [(LANGUAGES, "fuzzy")]),
    (RU360, "chp_1__para_1__point_2__al_7", [(CORRECTION, "renamed")]),
    (RU360, "chp_1__para_7__point_20__al_7", [(CORRECTION, "normalised")]),
    (RU360, "chp_1__para_9__point_26__al_7", [(CORRECTION, "renamed")]),
    (RU360, "chp_1__para_2__point_5__al_18", [("kz/order/2022-02-21/55", "defined_alias")]),
])
def test_seed_links(kb, doc, item, expected):
    assert _links(kb, doc, item) == expected


def test_law_lists_give_one_link_per_law(kb):
    assert len(_links(kb, RU580, "chp_2__para_1__point_5__al_9")) == 7
    assert len(_links(kb, KK580, "chp_2__para_1__point_5__al_9")) == 7
    nine = _links(kb, RU580, "chp_2__para_4__point_14__al_5")
    assert len(nine) == 9 and len({a for a, _ in nine}) == 9
    assert (CORRECTION, "exact") in nine
    # "Социальный кодекс; законы …" in one item: the code and the nine laws
    assert len(_links(kb, RU580, "chp_2__para_5__point_17__al_4")) == 10


def test_other_knowledge(kb):
    texts = {(o["doc"], o["text"]) for o in kb["other_knowledge"]}
    assert (RU360, "основы экономики;") in texts
    assert (RU580, "основы экономики, организации производства, труда и управления;") in texts
    assert (KK580, "экономика, өндірісті ұйымдастыру, еңбек және басқару негіздерін;") in texts
    cited = {(lk["doc"], lk["item"]) for lk in kb["links"]}
    assert not any((o["doc"], o["item"]) in cited for o in kb["other_knowledge"])


def test_unresolved_is_only_the_bare_code(kb):
    # "… в соответствии с абзацем двадцать вторым подпункта 5) статьи 12 Кодекса": 360 never says which code
    assert [(u["doc"], u["item"], u["mention"], u["id"], u["name"]) for u in kb["unresolved"]] == [
        (RU360, "chp_3__para_3__point_74__al_5", "Кодекса", "unresolved:кодекс", "Кодекса")]
    (link,) = [lk for lk in kb["links"] if lk["act"] == "unresolved:кодекс"]
    assert (link["method"], link["confidence"], link["position"]) == ("unresolved", 0.0, "chp_3__para_3")


def test_output_does_not_depend_on_input_order(seeds, kb):
    assert resolve_documents(list(reversed(seeds))) == kb
