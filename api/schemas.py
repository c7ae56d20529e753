"""Response schemas, by role (pydantic lives in ``api/`` only).

Lists are ``{"data": [...], "count": N, "limit": L, "offset": O}`` (:class:`ListOf`), ``count``
being the number of rows before paging.  Flags (``superseded``, ``not_yet_in_force``,
``earlier_text_not_in_corpus``…) are passed through as :mod:`kb.versions` gives them, with
``message_ru`` and ``message_kk`` beside the English ``message`` (:func:`api.app.add_flag_messages`).

The answers of the lower layers that carry many keys (timeline, diffs, parity, comparison,
search) have a model naming the keys a client relies on, further keys allowed.  ``EXAMPLES``
holds an example answer per path, read from the seed corpus (real ids: act ``580-НҚ``, position
``580-НҚ:chp_2__para_12``) and cut short; :func:`api.app.install_openapi_examples` puts them
into the OpenAPI.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")

Flag = dict[str, Any]


class ListOf(BaseModel, Generic[T]):
    data: list[T]
    count: int = Field(description="rows in all pages")
    limit: int
    offset: int


class ErrorDetail(BaseModel):
    error: str = Field(description="the machine error (English, stable)")
    message: str | None = Field(
        None, description="the error for people, in the language asked (lang=ru|kk or Accept-Language)"
    )
    lang: str | None = Field(None, description="the language of message")
    id: str | None = None
    parameter: str | None = None
    hint: str | None = None
    candidates: list[dict[str, Any]] | None = Field(
        None, description="409 ambiguous: the positions a title names (id, title_ru, title_kk, act_number …)"
    )


class ErrorOut(BaseModel):
    detail: ErrorDetail


ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "unknown id: the body names it and gives a hint"},
    409: {"model": ErrorOut, "description": "a title that names several positions: the candidates"},
    422: {"model": ErrorOut, "description": "a bad parameter: the body names it"},
}


# --- acts -------------------------------------------------------------------------------------


class ExpressionOut(BaseModel):
    id: str
    lang: str
    edition: dict[str, Any]
    format: str | None = None
    path: str | None = None
    sha256: str | None = None


class ActSummary(BaseModel):
    id: str = Field(description="FRBR work id")
    number: str
    type: str
    date: str
    subject: str | None = None
    title: dict[str, str]
    languages: list[str]


class AmendingAct(BaseModel):
    id: str
    number: str | None
    date: str | None
    issuer: str | None = None
    notes: int = Field(description="amendment notes citing it")


class ActDetail(ActSummary):
    issuer: dict[str, str] | None = None
    registration: dict[str, str] | None = None
    expressions: list[ExpressionOut]
    counts: dict[str, int]
    amending_acts: list[AmendingAct]
    repealed: dict[str, Any] | None = Field(
        None, description="the note repealing the whole act: by (act), since (date or interval), note"
    )
    instructions: list[dict[str, Any]] = Field(
        [], description="the act's amending instructions, with status (resolved … unresolved) and reason"
    )
    amended_by: list[dict[str, Any]] = Field([], description="instructions of corpus acts amending this act")


class UnitText(BaseModel):
    eid: str
    kind: str
    num: str | None = None
    parent: str | None = None
    heading: str | None = None
    text: str | None = Field(
        description="the text in force on as_of; null when the corpus lacks it (see flags)"
    )
    corpus_heading: str | None = None
    corpus_text: str = Field(description="what the corpus copy shows, in force or not")
    flags: list[Flag]


class ActText(BaseModel):
    act: str
    number: str
    expression: str
    lang: str
    as_of: str
    edition: dict[str, Any]
    flagged: int = Field(description="units with a flag on as_of")
    units: list[UnitText]


# --- positions --------------------------------------------------------------------------------


class PositionSummary(BaseModel):
    id: str
    eid: str
    num: str | None = None
    title_ru: str | None = None
    title_kk: str | None = None
    group: str | None = None
    act: str
    act_number: str
    languages: list[str] = []
    excluded: dict[str, Any] | None = Field(
        None, description="the note excluding the Параграф (note, act, since): not a live position"
    )


class ItemOut(BaseModel):
    eid: str
    text: str | None = Field(description="the text in force; null when flagged as not in the corpus")
    corpus_text: str
    category: str | None = None
    label: str | None = None
    line: int | None = None
    flags: list[Flag] = []
    children: list[ItemOut] = []


class LinkOut(BaseModel):
    type: str
    id: str
    title: str | None = None
    method: str
    confidence: float
    why: str | None = None
    matched: list[str] | None = Field(
        None, description="card links: what the card's reference and the position share (order, Параграф, …)"
    )
    category: str | None = Field(None, description="in_register: the category of the register row")
    act_number: str | None = None


class PositionDetail(PositionSummary):
    lang: str
    as_of: str
    expression: str
    edition: dict[str, Any]
    title: str
    flags: list[Flag] = Field(description="flags of the Параграф itself on as_of")
    duties: list[ItemOut]
    must_know: list[ItemOut]
    requirements: list[ItemOut]
    links: list[LinkOut]


class MustKnowOut(BaseModel):
    position: dict[str, Any]
    as_of: str | None
    acts: list[dict[str, Any]]
    other_knowledge: list[dict[str, Any]]
    flags: list[Flag] = Field([], description="of the position itself: excluded")


# --- referenced acts -----------------------------------------------------------------------------


class ReferencedAct(BaseModel):
    id: str
    name_ru: str | None = None
    name_kk: str | None = None
    aliases: list[str] = []
    positions: int = Field(0, description="positions with a must-know item citing it")
    status: dict[str, Any] | None = Field(
        None,
        description="in_force / renamed / repealed / unknown, with since, by and its cited source"
        " (kb.status)",
    )


class WhoMustKnowOut(BaseModel):
    act: dict[str, Any]
    as_of: str | None
    positions: list[dict[str, Any]]
    excluded_positions: list[dict[str, Any]] = Field(
        [], description="positions (or items) excluded by a note: not counted"
    )


# --- professions -------------------------------------------------------------------------------


class ProfessionSummary(BaseModel):
    id: str
    card_id: str
    num: str | None = None
    name: str | None = None
    okr_level: str | None = None
    group_code: str | None = None
    occupation_code: str | None = None
    act: str
    act_number: str
    functions: int
    positions: list[LinkOut]
    flags: list[Flag] = Field([], description="the card's flags on as_of")


class ProfessionDetail(ProfessionSummary):
    card: dict[str, Any] = Field(
        description="the card as parsed: functions with skills, abilities, knowledge"
    )


# --- staffing ---------------------------------------------------------------------------------


class SourceSpan(BaseModel):
    """Where a record was read: the corpus file and its 1-based line span."""

    file: str
    start: int
    end: int


class StaffingRowOut(BaseModel):
    eid: str
    unit_id: str = Field(description="the row's node id: the expression's id and the row's eid")
    source: SourceSpan | None = Field(None, description="the file and lines the row was read from")
    num: int | None = None
    position: str
    section: str | None = None
    basis: str = Field(
        description='"band": a cell of the load table; "rule": a rule such as "1 единица на учреждение"'
    )
    band: str | None = None
    cell: str | None = None
    units: float | None = Field(
        description="staff units; null when the rule names none (согласно типовым нормативам)"
    )
    rule: dict[str, Any] | None = None
    positions: list[LinkOut]
    flags: list[Flag] = []


class TableRowOut(BaseModel):
    eid: str
    num: int | None = None
    position: str | None = None
    titles: list[str] = []
    section: str | None = None
    group: str | None = None
    category: str | None = None
    step: str | None = None
    rule: dict[str, Any] | None = None
    bands: dict[str, Any] | None = None
    kind: str
    line: int | None = None
    unit_id: str = Field(description="the row's node id: the expression's id and the row's eid")
    source: SourceSpan | None = Field(None, description="the file and lines the row was read from")
    positions: list[LinkOut]


class TableRowsOut(BaseModel):
    act: str
    act_number: str
    expression: str
    lang: str
    kind: str = Field(description='"staffing" (norms) or "register" (position → category)')
    rows: list[TableRowOut]
    count: int


class StaffingRowsOut(BaseModel):
    data: list[TableRowsOut]
    count: int


class StaffingOut(BaseModel):
    visits_per_day: int
    band: str
    as_of: str
    act: str
    act_number: str
    expression: str
    total_units: float = Field(description="sum of the units given as numbers")
    rows: list[StaffingRowOut]


# --- timeline, diffs, parity, comparison, search ----------------------------------------------------


class _Open(BaseModel):
    """An answer of a lower layer: the keys named here, further keys passed through."""

    model_config = ConfigDict(extra="allow")


class TimelineOut(_Open):
    act: str
    lang: str
    editions: list[dict[str, Any]] = Field(description="the editions of the act: label, from, to, source")
    units: dict[str, list[dict[str, Any]]] = Field(
        description="unit id → its dated events (commencement, text, applied_amendment, announced_edition)"
    )
    repealed: dict[str, Any] | None = None
    amending_instructions: list[dict[str, Any]] = Field(
        [], description="instructions of other corpus acts amending this act"
    )
    instructions: list[dict[str, Any]] = Field([], description="the act's own amending instructions")


class DiffOut(_Open):
    act: str
    lang: str
    date_a: str
    date_b: str
    edition_a: str | None = None
    edition_b: str | None = None
    counts: dict[str, int]
    flags_a: list[Flag] = Field([], description="flags of the act on date_a")
    flags_b: list[Flag] = Field([], description="flags of the act on date_b")
    positions: list[dict[str, Any]] = Field([], description="what happened to each position")
    data: list[dict[str, Any]] = Field(
        description="one row per unit that differs (ops, html with <ins>/<del>)"
    )
    count: int


class PositionDiffOut(DiffOut):
    position: dict[str, Any]
    position_change: dict[str, Any] | None = None


class ParityOut(_Open):
    act: str
    act_number: str
    ru: str = Field(description="the ru expression")
    kk: str = Field(description="the kk expression")
    units: dict[str, int]
    positions: list[dict[str, Any]]
    differences: list[dict[str, Any]]


class CompareOut(_Open):
    a: dict[str, Any]
    b: dict[str, Any]
    duties: dict[str, list[Any]]
    must_know: dict[str, list[Any]]
    requirements: dict[str, list[Any]]
    must_know_acts: dict[str, list[Any]]
    counts: dict[str, dict[str, int]]
    as_of: str | None = None


class SearchHit(_Open):
    unit_id: str
    node: str
    act: str
    act_number: str
    lang: str
    kind: str
    snippet: str = Field(description="the unit's text with the matches in <b>")
    breadcrumb: str | None = None
    position_id: str | None = None
    flags: list[Flag] = []
    aligned: dict[str, Any] | None = Field(None, description="the same unit in the other language")


class SearchOut(_Open):
    data: list[SearchHit]
    count: int = Field(description="hits in all pages")
    limit: int
    offset: int
    query: str | None = None
    as_of: str | None = None
    facets: dict[str, dict[str, int]] = {}
    did_you_mean: str | None = None


# --- health -------------------------------------------------------------------------------------


class Health(BaseModel):
    status: str
    version: str
    data_version: int
    built_at: str | None
    kb_path: str | None
    corpus_hash: str
    counts: dict[str, int]
    search: bool


# --- examples (the seed corpus) ------------------------------------------------------------------
# Real answers of the seed corpus (act 580-НҚ, position 580-НҚ:chp_2__para_12, as of 2026-11-24),
# each list cut to its first row and long strings cut with "…".  Regenerate them by calling the
# URLs of ``EXAMPLE_URLS`` when an answer's shape changes (tests/test_api_docs_offline.py checks
# that every JSON route has one).

EXAMPLE_URLS: dict[str, str] = {
    "/acts/{act_id}/text": "/acts/580-НҚ/text?as_of=2026-11-24&unit=chp_2__para_12__point_38",
    "/acts/{act_id}/timeline": "/acts/580-НҚ/timeline?unit=chp_2__para_12__point_38__al_6",
    "/acts/{act_id}/diff": "/acts/580-НҚ/diff?from=2026-06-01&to=2026-11-24",
    "/positions/{position_id}/must-know": "/positions/580-НҚ:chp_2__para_12/must-know?as_of=2026-11-24",
    "/positions/{position_id}/diff": "/positions/580-НҚ:chp_2__para_12/diff?from=2026-06-01&to=2026-11-24",
    "/compare/positions": "/compare/positions?a=580-НҚ:chp_2__para_12&b=360:chp_2__para_3&as_of=2026-11-24",
    "/referenced-acts/{ref_id}/positions": "/referenced-acts/kz/code/labour/positions?as_of=2026-11-24",
    "/search": "/search?q=трудового кодекса&limit=1&as_of=2026-11-24",
}

PARAM_EXAMPLES: dict[Any, Any] = {
    "act_id": "580-НҚ",
    "position_id": "580-НҚ:chp_2__para_12",
    "card_id": "125:chp_3__point_13",
    "ref_id": "kz/code/labour",
    "as_of": "2026-11-24",
    "from": "2026-06-01",
    "to": "2026-11-24",
    "lang": "ru",
    "act": "580-НҚ",
    "a": "580-НҚ:chp_2__para_12",
    "b": "360:chp_2__para_3",
    "visits_per_day": 75,
    ("/staffing", "act"): "256-НҚ",
    ("/staffing/rows", "act"): "256-НҚ",
    ("/search", "q"): "трудового кодекса",
    ("/positions", "q"): "Юрист",
    ("/referenced-acts", "q"): "Трудовой кодекс",
    ("/professions", "q"): "социальн",
    ("/acts", "q"): "580-НҚ",
    ("/acts/{act_id}/text", "unit"): "chp_2__para_12__point_38",
    ("/acts/{act_id}/timeline", "unit"): "chp_2__para_12__point_38__al_6",
}

MEDIA_EXAMPLES: dict[tuple[str, str], str] = {
    ("/acts/{act_id}/akn", "application/akn+xml"): "\n".join(
        [
            "<?xml version='1.0' encoding='UTF-8'?>",
            '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0" xmlns:zg="urn:zangraph:akn:1">',  # noqa: E501
            '  <act name="order">',
            "    <meta>",
            '      <identification source="#zangraph">',
            "        <FRBRWork>",
            '          <FRBRthis value="/akn/kz/act/order/2025-10-24/580-nk/!main"/>',
            '          <FRBRuri value="/akn/kz/act/order/2025-10-24/580-nk"/>',
            '          <FRBRdate date="2025-10-24" name="Generation"/>',
            '          <FRBRauthor href="#issuer"/>',
            '          <FRBRcountry value="kz"/>',
            '          <FRBRsubtype value="order"/>',
            '          <FRBRnumber value="580-НҚ"/>',
            '          <FRBRname value="Об утверждении Типовых квалификационных характеристик должностей руководителей и специалистов Центров поддержки семьи"/>',  # noqa: E501
            "  …",
        ]
    ),
    ("/positions/{position_id}/job-description", "text/markdown; charset=utf-8"): "\n".join(
        [
            "**УТВЕРЖДАЮ**  ",
            "\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_ (должность руководителя)  ",  # noqa: E501
            "\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_ (наименование организации)  ",  # noqa: E501
            "\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_ \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_ (подпись / фамилия, инициалы)  ",
            "«\\_\\_\\_\\_» \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_ 20\\_\\_\\_ г.",
            "",
            "# Должностная инструкция: Юрист",
            "",
            "…",
        ]
    ),
}

EXAMPLES: dict[str, Any] = {
    "/health": {
        "status": "ok",
        "version": "0.1.0",
        "data_version": 3,
        "built_at": "2026-12-01T04:19:20+00:00",
        "kb_path": None,
        "corpus_hash": "b65b10f79c0ae43ce2571235b6cb0dbf2336cf146a72a473079936bc6173e748",
        "counts": {
            "acts": 4,
            "expressions": 5,
            "units": 3442,
            "positions": 39,
            "cards": 10,
            "referenced_acts": 34,
            "amendments": 43,
            "staffing_rows": 20,
            "links": 17,
            "nodes": 3663,
            "edges": 6240,
        },
        "search": True,
    },
    "/acts": {
        "data": [
            {
                "id": "/akn/kz/act/order/2017-10-25/360",
                "number": "360",
                "type": "order",
                "date": "2017-10-25",
                "subject": "tkh",
                "title": {
                    "ru": "Об утверждении Типовых квалификационных характеристик должностей "
                    "руководителей, специал…"
                },
                "languages": ["ru"],
            }
        ],
        "count": 4,
        "limit": 1,
        "offset": 0,
    },
    "/acts/{act_id}/text": {
        "act": "/akn/kz/act/order/2025-10-24/580-nk",
        "number": "580-НҚ",
        "expression": "/akn/kz/act/order/2025-10-24/580-nk/rus@copy",
        "lang": "ru",
        "as_of": "2026-11-24",
        "edition": {
            "kind": "copy",
            "copied_after": "2026-04-16",
            "copied_before": "2026-07-11",
            "note": "copy made between the latest amending act it mentions "
            "(16.04.2026) and the earliest ann…",
        },
        "flagged": 1,
        "units": [
            {
                "eid": "chp_2__para_12__point_38",
                "kind": "point",
                "num": "38",
                "parent": "chp_2__para_12",
                "heading": None,
                "text": "Должен знать:",
                "corpus_heading": None,
                "corpus_text": "Должен знать:",
                "flags": [],
            }
        ],
    },
    "/acts/{act_id}/staffing": {
        "act": "/akn/kz/act/order/2024-06-14/256-nk",
        "act_number": "256-НҚ",
        "expression": "/akn/kz/act/order/2024-06-14/256-nk/rus@copy",
        "lang": "ru",
        "kind": "staffing",
        "rows": [{"eid": "att_1__row_1", "num": 1}],
        "count": 20,
    },
    "/acts/{act_id}/timeline": {
        "act": "/akn/kz/act/order/2025-10-24/580-nk",
        "lang": "ru",
        "editions": [
            {
                "lang": "kk",
                "kind": "copy",
                "label": "kk@copy[2026-04-16,2026-07-11)",
                "from": "2026-04-16",
                "to": "2026-07-11",
                "known_from_lower": "2025-11-03",
                "source": "corpus/order-2025-10-24-580-nk/kk.txt",
            }
        ],
        "units": {
            "chp_2__para_12__point_38__al_6": [
                {
                    "kind": "commencement",
                    "since": {"lower": "2025-11-03", "upper": "2026-04-16"},
                    "until": None,
                    "text_in_corpus": True,
                    "source": ["corpus/order-2025-10-24-580-nk/ru.txt"],
                    "amending_act": None,
                    "change": None,
                    "target": None,
                    "text": "вводится в действие по "
                    "истечении десяти "
                    "календарных дней после "
                    "дня его первого "
                    "официаль…",
                    "edition": None,
                }
            ]
        },
        "repealed": None,
        "amending_instructions": [],
        "instructions": [],
    },
    "/acts/{act_id}/diff": {
        "act": "/akn/kz/act/order/2025-10-24/580-nk",
        "lang": "ru",
        "date_a": "2026-06-01",
        "date_b": "2026-11-24",
        "edition_a": "ru@copy[2026-04-16,2026-07-11)",
        "edition_b": "ru@copy[2026-04-16,2026-07-11)",
        "counts": {
            "added": 0,
            "removed": 0,
            "excluded": 0,
            "changed": 0,
            "renumbered": 0,
            "unchanged": 398,
            "flagged": 10,
        },
        "flags_a": [],
        "flags_b": [
            {
                "kind": "after_copy_window",
                "known_until": "2026-07-11",
                "note": "texts as copied, with the editions the copy announces; later changes are unknown",
                "message_ru": "after_copy_window",
                "message_kk": "after_copy_window",
            }
        ],
        "positions": [
            {
                "status": "flagged",
                "eid": "chp_2__para_1",
                "a": "chp_2__para_1",
                "b": "chp_2__para_1",
                "title_a": "Директор Центра поддержки семьи",
                "title_b": "Директор Центра поддержки семьи",
                "method": "title",
                "title_similarity": 1.0,
                "content_similarity": 1.0,
                "renumbered": False,
                "by": None,
                "counts": {"unchanged": 41, "flagged": 1},
            }
        ],
        "data": [{"status": "flagged", "eid": "chp_2__para_1__point_5__al_9"}],
        "count": 10,
    },
    "/acts/{act_id}/parity": {
        "act": "/akn/kz/act/order/2025-10-24/580-nk",
        "act_number": "580-НҚ",
        "ru": "/akn/kz/act/order/2025-10-24/580-nk/rus@copy",
        "kk": "/akn/kz/act/order/2025-10-24/580-nk/kaz@copy",
        "units": {"ru": 408, "kk": 400, "common": 398, "aligned": 406},
        "positions": [
            {
                "position": "chp_2__para_1",
                "id": "/akn/kz/act/order/2025-10-24/580-nk/~pos:chp_2__para_1",
                "title_ru": "Директор Центра поддержки семьи",
                "title_kk": "Отбасын қолдау орталығының директоры",
                "ru_line": 32,
                "kk_line": 51,
                "acts": {
                    "ru": ["kz/code/administrative-procedure"],
                    "kk": ["kz/code/administrative-procedure"],
                    "common": ["kz/code/administrative-procedure"],
                    "only_ru": [],
                    "only_kk": [],
                    "same": True,
                },
                "counts": {
                    "duties": {"ru": 23, "kk": 23},
                    "must_know": {"ru": 14, "kk": 14},
                    "requirements": {"ru": 1, "kk": 1},
                },
                "differences": 0,
            }
        ],
        "differences": [
            {
                "kinds": ["only_kk"],
                "position": "chp_2__para_5",
                "label": {"ru": None, "kk": "Специалист по социальной работе, п. 17, абз. 3"},
                "method": "none",
                "ru": None,
                "kk": {
                    "eid": "chp_2__para_5__point_17__al_3",
                    "part": "whole",
                    "line": 378,
                    "file": "corpus/order-2025-10-24-580-nk/kk.txt",
                    "text": '"Халық денсаулығы және денсаулық сақтау жүйесі туралы" кодексті;',
                    "acts": ["kz/code/health"],
                },
                "acts": {"only_ru": [], "only_kk": ["kz/code/health"]},
                "numbers": {"only_ru": [], "only_kk": []},
            }
        ],
        "act_names": {
            "kz/code/administrative-procedure": {
                "ru": "Административный процедурно-процессуальный кодекс Республики Казахстан",
                "kk": "Қазақстан Республикасының Әкімшілік рәсімдік-процестік кодексі",
            },
            "kz/code/budget": {
                "ru": "Бюджетный кодекс Республики Казахстан",
                "kk": "Қазақстан Республикасының Бюджет кодексі",
            },
        },
        "only_ru": [
            {
                "unit": "chp_2__para_11__point_35__al_5",
                "line": 804,
                "file": "corpus/order-2025-10-24-580-nk/ru.txt",
                "text": "Социальный кодекс;",
                "acts": ["kz/code/social"],
            }
        ],
        "only_kk": [
            {
                "unit": "chp_2__para_5__point_17__al_3",
                "line": 378,
                "file": "corpus/order-2025-10-24-580-nk/kk.txt",
                "text": '"Халық денсаулығы және денсаулық сақтау жүйесі туралы" кодексті;',
                "acts": ["kz/code/health"],
            }
        ],
        "numbering": [],
        "count_mismatches": [
            {
                "position": "chp_2__para_5",
                "title_ru": "Специалист по социальной работе",
                "title_kk": "Әлеуметтік жұмыс жөніндегі маман",
                "part": "must_know",
                "ru": 13,
                "kk": 15,
                "ru_line": 378,
                "kk_line": 350,
            }
        ],
        "realigned": [
            {
                "ru": "chp_2__para_1__point_6__al_2",
                "kk": "chp_2__para_1__point_6",
                "ru_line": 136,
                "kk_line": 131,
                "ru_text": "высшее (или послевузовское) (социальное, "
                "педагогическое, юридическое, экономическое, гу…",
                "kk_text": "Біліктілікке қойылатын талаптар: жоғары (немесе "
                "жоғары оқу орнынан кейінгі) білім (әлеу…",
            }
        ],
    },
    "/acts/{act_id}": {
        "id": "/akn/kz/act/order/2025-10-24/580-nk",
        "number": "580-НҚ",
        "type": "order",
        "date": "2025-10-24",
        "subject": "tkh",
        "title": {
            "ru": "Об утверждении Типовых квалификационных характеристик должностей руководителей и специа…",
            "kk": "Отбасын қолдау орталықтарының басшылары мен мамандары лауазымдарының үлгілік біліктілік…",
        },
        "languages": ["ru"],
        "issuer": {
            "ru": "Министр культуры и информации Республики Казахстан",
            "kk": "Қазақстан Республикасы Мәдениет және ақпарат министрі",
        },
        "registration": None,
        "expressions": [
            {
                "id": "/akn/kz/act/order/2025-10-24/580-nk/kaz@copy",
                "lang": "kk",
                "edition": {
                    "kind": "copy",
                    "copied_after": "2026-04-16",
                    "copied_before": "2026-07-11",
                    "note": "copy made between the latest amending act it "
                    "mentions (16.04.2026) and the earliest ann…",
                },
                "format": "adilet",
                "path": "corpus/order-2025-10-24-580-nk/kk.txt",
                "sha256": "1cf6cb43e59bb5c5b166ca451f017c374552ecf770f789f5521f328586bd3007",
            }
        ],
        "counts": {
            "positions": 12,
            "cards": 0,
            "units_kk": 400,
            "staffing_rows": 0,
            "register_rows": 0,
            "amendment_notes": 11,
            "units_ru": 408,
        },
        "amending_acts": [
            {
                "id": "/akn/kz/act/order/2026-04-16/188-nk",
                "number": "188-НҚ",
                "date": "2026-04-16",
                "issuer": "Заместителя Премьер-Министра - Министра культуры и информации РК",
                "notes": 11,
            }
        ],
        "repealed": None,
        "instructions": [],
        "amended_by": [],
    },
    "/positions": {
        "data": [
            {
                "id": "/akn/kz/act/order/2025-10-24/580-nk/~pos:chp_2__para_12",
                "eid": "chp_2__para_12",
                "num": "12",
                "title_ru": "Юрист",
                "title_kk": "Халыққа заңгерлік көмек көрсету жөніндегі заңгер-консультант",
                "group": "specialists",
                "act": "/akn/kz/act/order/2025-10-24/580-nk",
                "act_number": "580-НҚ",
                "languages": ["ru"],
                "excluded": None,
            }
        ],
        "count": 1,
        "limit": 50,
        "offset": 0,
    },
    "/positions/{position_id}/must-know": {
        "position": {
            "id": "/akn/kz/act/order/2025-10-24/580-nk/~pos:chp_2__para_12",
            "eid": "chp_2__para_12",
            "num": "12",
            "title_ru": "Юрист",
            "title_kk": "Халыққа заңгерлік көмек көрсету жөніндегі заңгер-консультант",
            "group": "specialists",
            "act": "/akn/kz/act/order/2025-10-24/580-nk",
            "act_number": "580-НҚ",
            "excluded": None,
        },
        "as_of": "2026-11-24",
        "acts": [
            {
                "id": "kz/code/labour",
                "name_ru": "Трудовой кодекс Республики Казахстан",
                "name_kk": "Қазақстан Республикасының Еңбек кодексі",
                "resolved": True,
                "sources": ["ru:chp_2__para_12__point_38__al_4"],
                "items": [{"unit": "chp_2__para_12__point_38__al_4", "lang": "ru"}],
                "flags": [],
                "languages": ["ru"],
                "status": {
                    "by": None,
                    "note": "in force on 2020-09-11: order 623 of "
                    "that date is made under it; its "
                    "commencement is no…",
                    "since": None,
                    "source": {
                        "as_of": "2020-09-11",
                        "kind": "corpus_text",
                        "quote": "В соответствии с "
                        "подпунктом 17) статьи 16 "
                        "Трудового кодекса "
                        "Республики Казахстан от "
                        "23 …",
                        "where": "tests/data/corpus_dev/tkh-mvd-2020-623.ed2022-04-19.ru.txt:3",
                    },
                    "state": "in_force",
                },
            }
        ],
        "other_knowledge": [
            {
                "unit": "chp_2__para_12__point_38__al_7",
                "lang": "ru",
                "line": 869,
                "text": "трудовое, гражданское, "
                "административное, семейное, "
                "экологическое, налоговое "
                "законодател…",
                "source": {"file": "corpus/order-2025-10-24-580-nk/ru.txt", "start": 869, "end": 869},
                "flags": [],
            }
        ],
        "flags": [
            {
                "kind": "superseded",
                "by": {
                    "number": "188-НҚ",
                    "date": "2026-04-16",
                    "issuer": "Заместителя Премьер-Министра - Министра культуры и информации РК",
                    "text": "приказа Заместителя Премьер-Министра - "
                    "Министра культуры и информации РК от "
                    "16.04.2026 …",
                },
                "since": "2026-07-12",
                "change": "restated",
                "target": "chp_2__para_12__point_38__al_6",
                "text_in_corpus": False,
                "certain": True,
                "note": ["corpus/order-2025-10-24-580-nk/ru.txt"],
                "unit": "chp_2__para_12__point_38__al_6",
                "message": "from 2026-07-12 this unit is in the edition "
                "of order № 188-НҚ of 2026-04-16; that text "
                "…",
                "message_ru": "с 12.07.2026 этот фрагмент действует в "
                "редакции приказа № 188-НҚ от 16.04.2026; "
                "этого т…",
                "message_kk": "12.07.2026 бастап бұл бөлік 16.04.2026 № "
                "188-НҚ бұйрықтың редакциясында; ол мәтін "
                "корпу…",
            }
        ],
    },
    "/positions/{position_id}/diff": {
        "act": "/akn/kz/act/order/2025-10-24/580-nk",
        "lang": "ru",
        "date_a": "2026-06-01",
        "date_b": "2026-11-24",
        "edition_a": "ru@copy[2026-04-16,2026-07-11)",
        "edition_b": "ru@copy[2026-04-16,2026-07-11)",
        "counts": {
            "added": 0,
            "removed": 0,
            "excluded": 0,
            "changed": 0,
            "renumbered": 0,
            "unchanged": 20,
            "flagged": 1,
        },
        "flags_a": [],
        "flags_b": [
            {
                "kind": "after_copy_window",
                "known_until": "2026-07-11",
                "note": "texts as copied, with the editions the copy announces; later changes are unknown",
                "message_ru": "after_copy_window",
                "message_kk": "after_copy_window",
            }
        ],
        "positions": [
            {
                "status": "flagged",
                "eid": "chp_2__para_12",
                "a": "chp_2__para_12",
                "b": "chp_2__para_12",
                "title_a": "Юрист",
                "title_b": "Юрист",
                "method": "title",
                "title_similarity": 1.0,
                "content_similarity": 1.0,
                "renumbered": False,
                "by": None,
                "counts": {"unchanged": 20, "flagged": 1},
            }
        ],
        "data": [{"status": "unchanged", "eid": "chp_2__para_12"}],
        "count": 21,
        "position_change": {
            "status": "flagged",
            "eid": "chp_2__para_12",
            "a": "chp_2__para_12",
            "b": "chp_2__para_12",
            "title_a": "Юрист",
            "title_b": "Юрист",
            "method": "title",
            "title_similarity": 1.0,
            "content_similarity": 1.0,
            "renumbered": False,
            "by": None,
            "counts": {"unchanged": 20, "flagged": 1},
        },
        "position": {
            "id": "/akn/kz/act/order/2025-10-24/580-nk/~pos:chp_2__para_12",
            "eid": "chp_2__para_12",
            "num": "12",
            "title_ru": "Юрист",
            "title_kk": "Халыққа заңгерлік көмек көрсету жөніндегі заңгер-консультант",
            "group": "specialists",
            "act": "/akn/kz/act/order/2025-10-24/580-nk",
            "act_number": "580-НҚ",
            "excluded": None,
        },
    },
    "/positions/{position_id}": {
        "id": "/akn/kz/act/order/2025-10-24/580-nk/~pos:chp_2__para_12",
        "eid": "chp_2__para_12",
        "num": "12",
        "title_ru": "Юрист",
        "title_kk": "Халыққа заңгерлік көмек көрсету жөніндегі заңгер-консультант",
        "group": "specialists",
        "act": "/akn/kz/act/order/2025-10-24/580-nk",
        "act_number": "580-НҚ",
        "languages": ["ru"],
        "excluded": None,
        "lang": "ru",
        "as_of": "2026-11-24",
        "expression": "/akn/kz/act/order/2025-10-24/580-nk/rus@copy",
        "edition": {
            "kind": "copy",
            "copied_after": "2026-04-16",
            "copied_before": "2026-07-11",
            "note": "copy made between the latest amending act it mentions "
            "(16.04.2026) and the earliest ann…",
        },
        "title": "Юрист",
        "flags": [],
        "duties": [
            {
                "eid": "chp_2__para_12__point_37__al_2",
                "text": "осуществляет консультирование по вопросам опеки, соблюдения прав ребенка;",
                "corpus_text": "осуществляет консультирование по вопросам опеки, соблюдения прав ребенка;",
                "category": None,
                "label": None,
                "line": 841,
                "flags": [],
                "children": [],
            }
        ],
        "must_know": [
            {
                "eid": "chp_2__para_12__point_38__al_2",
                "text": "Конституцию Республики Казахстан,",
                "corpus_text": "Конституцию Республики Казахстан,",
                "category": None,
                "label": None,
                "line": 853,
                "flags": [],
                "children": [],
            }
        ],
        "requirements": [
            {
                "eid": "chp_2__para_12__point_39__al_2",
                "text": "высшее (или послевузовское) образование "
                "(юридическое) стаж работы в соответствующем по …",
                "corpus_text": "высшее (или послевузовское) образование "
                "(юридическое) стаж работы в "
                "соответствующем по …",
                "category": None,
                "label": None,
                "line": 883,
                "flags": [],
                "children": [],
            }
        ],
        "links": [
            {
                "type": "staffed_by",
                "id": "/akn/kz/act/order/2024-06-14/256-nk/rus@copy/~att_1__row_10",
                "title": "юрист",
                "method": "title match",
                "confidence": 0.9,
                "why": "equal normalised titles",
                "matched": None,
                "category": None,
                "act_number": None,
            }
        ],
    },
    "/compare/positions": {
        "a": {
            "id": "/akn/kz/act/order/2025-10-24/580-nk/~pos:chp_2__para_12",
            "eid": "chp_2__para_12",
            "num": "12",
            "title_ru": "Юрист",
            "title_kk": "Халыққа заңгерлік көмек көрсету жөніндегі заңгер-консультант",
            "group": "specialists",
            "act": "/akn/kz/act/order/2025-10-24/580-nk",
            "act_number": "580-НҚ",
            "excluded": None,
            "flags": ["superseded"],
        },
        "b": {
            "id": "/akn/kz/act/order/2017-10-25/360/~pos:chp_2__para_3",
            "eid": "chp_2__para_3",
            "num": "3",
            "title_ru": "Специалист по социальной работе",
            "title_kk": None,
            "group": "specialists",
            "act": "/akn/kz/act/order/2017-10-25/360",
            "act_number": "360",
            "excluded": None,
            "flags": [],
        },
        "duties": {
            "added": [
                {
                    "eid": "chp_2__para_3__point_43__al_2",
                    "text": "осуществляет свою деятельность в организациях, "
                    "оказывающих специальные социальные услуг…",
                    "line": 1219,
                    "category": None,
                    "children": [],
                }
            ],
            "removed": [
                {
                    "eid": "chp_2__para_12__point_37__al_2",
                    "text": "осуществляет консультирование по вопросам опеки, соблюдения прав ребенка;",
                    "line": 841,
                    "category": None,
                    "children": [],
                }
            ],
            "changed": [],
            "common": [],
        },
        "must_know": {
            "added": [
                {
                    "eid": "chp_2__para_3__point_44__al_5",
                    "text": "Закон о языках;",
                    "line": 1253,
                    "category": None,
                    "children": [],
                }
            ],
            "removed": [
                {
                    "eid": "chp_2__para_12__point_38__al_4",
                    "text": "Трудовой кодекс;",
                    "line": 857,
                    "category": None,
                    "children": [],
                }
            ],
            "changed": [],
            "common": [
                {
                    "a": {
                        "eid": "chp_2__para_12__point_38__al_2",
                        "text": "Конституцию Республики Казахстан,",
                        "line": 853,
                        "category": None,
                        "children": [],
                    },
                    "b": {
                        "eid": "chp_2__para_3__point_44__al_2",
                        "text": "Конституцию Республики Казахстан;",
                        "line": 1247,
                        "category": None,
                        "children": [],
                    },
                    "key": "act:kz/constitution",
                }
            ],
        },
        "requirements": {
            "added": [
                {
                    "eid": "chp_2__para_3__point_45__al_2",
                    "text": "специалист высшего уровня квалификации:",
                    "line": 1289,
                    "category": "higher_level",
                    "children": [
                        "высшей категории: высшее (или "
                        "послевузовское) образование (социальное, "
                        "педагогическое, …"
                    ],
                }
            ],
            "removed": [
                {
                    "eid": "chp_2__para_12__point_39__al_2",
                    "text": "высшее (или послевузовское) образование "
                    "(юридическое) стаж работы в соответствующем "
                    "по …",
                    "line": 883,
                    "category": None,
                    "children": [],
                }
            ],
            "changed": [],
            "common": [],
        },
        "must_know_acts": {
            "added": [{"act": "kz/code/administrative-procedure", "b": ["chp_2__para_3__point_44__al_8"]}],
            "removed": [{"act": "kz/code/labour", "a": ["chp_2__para_12__point_38__al_4"]}],
            "common": [
                {
                    "act": "kz/code/marriage-family",
                    "a": ["chp_2__para_12__point_38__al_5"],
                    "b": ["chp_2__para_3__point_44__al_3"],
                }
            ],
        },
        "counts": {
            "duties": {"added": 13, "removed": 5, "changed": 0, "common": 0},
            "must_know": {"added": 17, "removed": 8, "changed": 0, "common": 3},
            "requirements": {"added": 2, "removed": 1, "changed": 0, "common": 0},
            "must_know_acts": {"added": 3, "removed": 6, "common": 7},
        },
        "as_of": "2026-11-24",
    },
    "/referenced-acts": {
        "data": [
            {
                "id": "kz/code/labour",
                "name_ru": "Трудовой кодекс Республики Казахстан",
                "name_kk": "Қазақстан Республикасының Еңбек кодексі",
                "aliases": ["Еңбек кодексі"],
                "positions": 21,
                "status": {
                    "by": None,
                    "note": "in force on 2020-09-11: order 623 of that date is made "
                    "under it; its commencement is no…",
                    "since": None,
                    "source": {
                        "as_of": "2020-09-11",
                        "kind": "corpus_text",
                        "quote": "В соответствии с подпунктом 17) статьи 16 "
                        "Трудового кодекса Республики Казахстан от "
                        "23 …",
                        "where": "tests/data/corpus_dev/tkh-mvd-2020-623.ed2022-04-19.ru.txt:3",
                    },
                    "state": "in_force",
                },
            }
        ],
        "count": 1,
        "limit": 50,
        "offset": 0,
    },
    "/referenced-acts/{ref_id}/positions": {
        "act": {
            "id": "kz/code/labour",
            "name_ru": "Трудовой кодекс Республики Казахстан",
            "name_kk": "Қазақстан Республикасының Еңбек кодексі",
            "aliases": ["Еңбек кодексі"],
            "resolved": True,
            "status": {
                "by": None,
                "note": "in force on 2020-09-11: order 623 of "
                "that date is made under it; its "
                "commencement is no…",
                "since": None,
                "source": {
                    "as_of": "2020-09-11",
                    "kind": "corpus_text",
                    "quote": "В соответствии с "
                    "подпунктом 17) статьи 16 "
                    "Трудового кодекса "
                    "Республики Казахстан от "
                    "23 …",
                    "where": "tests/data/corpus_dev/tkh-mvd-2020-623.ed2022-04-19.ru.txt:3",
                },
                "state": "in_force",
            },
            "flags": [],
        },
        "as_of": "2026-11-24",
        "positions": [
            {
                "id": "/akn/kz/act/order/2017-10-25/360/~pos:chp_1__para_1",
                "title_ru": "Начальник структурного подразделения "
                "(отдела, сектора, группы) организации "
                "социальной з…",
                "title_kk": None,
                "act": "/akn/kz/act/order/2017-10-25/360",
                "act_number": "360",
                "sources": ["chp_1__para_1__point_2__al_4"],
                "flags": [],
            }
        ],
        "excluded_positions": [],
    },
    "/referenced-acts/{ref_id}": {
        "id": "kz/code/labour",
        "name_ru": "Трудовой кодекс Республики Казахстан",
        "name_kk": "Қазақстан Республикасының Еңбек кодексі",
        "aliases": ["Еңбек кодексі"],
        "positions": 21,
        "status": {
            "by": None,
            "note": "in force on 2020-09-11: order 623 of that date is made "
            "under it; its commencement is no…",
            "since": None,
            "source": {
                "as_of": "2020-09-11",
                "kind": "corpus_text",
                "quote": "В соответствии с подпунктом 17) статьи 16 "
                "Трудового кодекса Республики Казахстан от "
                "23 …",
                "where": "tests/data/corpus_dev/tkh-mvd-2020-623.ed2022-04-19.ru.txt:3",
            },
            "state": "in_force",
        },
    },
    "/professions": {
        "data": [
            {
                "id": "/akn/kz/act/order/2024-04-30/125/~card:chp_3__point_9",
                "card_id": "chp_3__point_9",
                "num": "9",
                "name": "Индивидуальный помощник",
                "okr_level": "1-2",
                "group_code": "5320-2",
                "occupation_code": "5320-2-003",
                "act": "/akn/kz/act/order/2024-04-30/125",
                "act_number": "125",
                "functions": 3,
                "positions": [],
                "flags": [],
            }
        ],
        "count": 10,
        "limit": 1,
        "offset": 0,
    },
    "/professions/{card_id}": {
        "id": "/akn/kz/act/order/2024-04-30/125/~card:chp_3__point_13",
        "card_id": "chp_3__point_13",
        "num": "13",
        "name": "Социальный работник",
        "okr_level": "4",
        "group_code": "3412-0",
        "occupation_code": "3412-0-008",
        "act": "/akn/kz/act/order/2024-04-30/125",
        "act_number": "125",
        "functions": 3,
        "positions": [
            {
                "type": "corresponds_to",
                "id": "/akn/kz/act/order/2017-10-25/360/~pos:chp_2__para_1",
                "title": "Социальный работник по оценке и определению "
                "потребности в специальных социальных услугах",
                "method": "order and Параграф number cited, chapter by title prefix",
                "confidence": 0.75,
                "why": "card names order № 360 and Параграф 1, no chapter; the "
                "order has Параграф 1 in chp_1, c…",
                "matched": ["order № 360"],
                "category": None,
                "act_number": None,
            }
        ],
        "flags": [
            {
                "kind": "superseded",
                "by": {
                    "number": "109",
                    "date": "2026-03-31",
                    "issuer": "Министра труда и социальной защиты населения РК",
                    "text": "приказа Министра труда и социальной защиты населения РК от 31.03.2026 № 109",
                },
                "since": "2026-07-12",
                "change": "restated",
                "target": "chp_3__point_13",
                "text_in_corpus": False,
                "certain": True,
                "note": ["corpus/order-2024-04-30-125/ru.txt"],
                "message": "from 2026-07-12 this unit is in the edition of order № "
                "109 of 2026-03-31; that text is …",
                "message_ru": "с 12.07.2026 этот фрагмент действует в редакции "
                "приказа № 109 от 31.03.2026; этого текс…",
                "message_kk": "12.07.2026 бастап бұл бөлік 31.03.2026 № 109 "
                "бұйрықтың редакциясында; ол мәтін корпуста…",
            }
        ],
        "card": {"id": "chp_3__point_13", "num": "13"},
    },
    "/staffing/rows": {
        "data": [
            {
                "act": "/akn/kz/act/order/2024-06-14/256-nk",
                "act_number": "256-НҚ",
                "expression": "/akn/kz/act/order/2024-06-14/256-nk/rus@copy",
                "lang": "ru",
                "kind": "staffing",
                "rows": [{"eid": "att_1__row_1", "num": 1}],
                "count": 20,
            }
        ],
        "count": 1,
    },
    "/staffing": {
        "visits_per_day": 75,
        "band": "51-100",
        "as_of": "2026-11-24",
        "act": "/akn/kz/act/order/2024-06-14/256-nk",
        "act_number": "256-НҚ",
        "expression": "/akn/kz/act/order/2024-06-14/256-nk/rus@copy",
        "total_units": 24.5,
        "rows": [
            {
                "eid": "att_1__row_1",
                "unit_id": "/akn/kz/act/order/2024-06-14/256-nk/rus@copy/~att_1__row_1",
                "source": {"file": "corpus/order-2024-06-14-256-nk/ru.txt", "start": 367, "end": 367},
                "num": 1,
                "position": "директор",
                "section": "Минимальные штатные нормативы работников Центров поддержки семьи",
                "basis": "rule",
                "band": None,
                "cell": None,
                "units": 1.0,
                "rule": {
                    "text": "1 единица на учреждение",
                    "units": 1.0,
                    "per": "institution",
                    "per_count": None,
                },
                "positions": [
                    {"type": "staffed_by", "id": "/akn/kz/act/order/2025-10-24/580-nk/~pos:chp_2__para_1"}
                ],
                "flags": [],
            }
        ],
    },
    "/search": {
        "data": [
            {
                "unit_id": "chp_1__para_1__point_2__al_4",
                "node": "/akn/kz/act/order/2017-10-25/360/rus@copy/~chp_1__para_1__point_2__al_4",
            }
        ],
        "count": 22,
        "limit": 1,
        "offset": 0,
        "query": "трудового кодекса",
        "as_of": "2026-11-24",
        "facets": {
            "act": {
                "/akn/kz/act/order/2017-10-25/360": 13,
                "/akn/kz/act/order/2025-10-24/580-nk": 7,
                "/akn/kz/act/order/2024-04-30/125": 2,
            },
            "lang": {"ru": 22},
            "kind": {"must_know": 19, "card_item": 2, "other": 1},
            "group": {"managers": 15, "specialists": 4},
            "okr": {"7": 2},
        },
        "did_you_mean": None,
    },
}


# The seed corpus has no register of positions: an example of the shape, with the ids of an
# order of the Ministry of Labour's register (illustrative, not an answer of the seed corpus).
EXAMPLES["/acts/{act_id}/registers"] = {
    "act": "/akn/kz/act/order/2023-06-14/221",
    "act_number": "221",
    "expression": "/akn/kz/act/order/2023-06-14/221/rus@copy",
    "lang": "ru",
    "kind": "register",
    "rows": [
        {
            "eid": "annex_1__table_1__row_3",
            "num": 3,
            "position": "Юрист",
            "titles": ["Юрист"],
            "section": None,
            "group": "specialists",
            "category": "B-4",
            "step": None,
            "rule": None,
            "bands": None,
            "kind": "register",
            "line": 58,
            "unit_id": "/akn/kz/act/order/2023-06-14/221/rus@copy/~annex_1__table_1__row_3",
            "source": {"file": "corpus/order-2023-06-14-221/ru.txt", "start": 58, "end": 58},
            "positions": [
                {
                    "type": "in_register",
                    "id": "/akn/kz/act/order/2025-10-24/580-nk/~pos:chp_2__para_12",
                    "title": "Юрист",
                    "method": "title match",
                    "confidence": 1.0,
                    "category": "B-4",
                    "act_number": "580-НҚ",
                }
            ],
        }
    ],
    "count": 1,
}

_JD = "/positions/{position_id}/job-description"
MEDIA_EXAMPLES[(_JD, "text/html; charset=utf-8")] = "\n".join(
    [
        '<!doctype html><html lang="ru"><head><meta charset="utf-8">',
        "<title>Должностная инструкция: Юрист</title><style>@page { size: A4; … }</style></head>",
        "<body><p><b>УТВЕРЖДАЮ</b> …</p><h1>Должностная инструкция: Юрист</h1> …</body></html>",
    ]
)
EXAMPLES[_JD] = {
    "lang": "ru",
    "as_of": "2026-11-24",
    "cite_mode": "footnotes",
    "title": "Юрист",
    "heading": "Должностная инструкция: Юрист",
    "doc_word": "Должностная инструкция",
    "draft": "Проект, составленный по типовой квалификационной характеристике. Поля, отмече…",
    "position": {
        "id": "/akn/kz/act/order/2025-10-24/580-nk/~pos:chp_2__para_12",
        "eid": "chp_2__para_12",
        "num": "12",
        "title_ru": "Юрист",
        "title_kk": "Халыққа заңгерлік көмек көрсету жөніндегі заңгер-консультант",
        "group": "specialists",
        "act": "/akn/kz/act/order/2025-10-24/580-nk",
        "act_number": "580-НҚ",
        "languages": ["ru"],
        "group_basis": "title (the chapter heading names managers only)",
    },
    "expression": "/akn/kz/act/order/2025-10-24/580-nk/rus@copy",
    "approval": {
        "heading": "УТВЕРЖДАЮ",
        "fields": [{"blank": "________________________", "caption": "должность руководителя"}],
        "date": "«____» ______________ 20___ г.",
    },
    "doc_fields": {
        "number": "№ __________",
        "place": "__________",
        "place_caption": "место составления",
        "date": "«____» ______________ 20___ г.",
    },
    "general_heading": "Общие положения",
}
