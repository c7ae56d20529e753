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

def _load_examples() -> dict[str, Any]:
    """The JSON examples of every route (api/data/openapi_examples.json): real answers of the seed
    corpus cut short (the registers example is illustrative: the seeds have no register)."""
    import json
    from importlib.resources import files

    return json.loads((files("api") / "data" / "openapi_examples.json").read_text(encoding="utf-8"))


EXAMPLES: dict[str, Any] = _load_examples()

_JD = "/positions/{position_id}/job-description"
MEDIA_EXAMPLES[(_JD, "text/html; charset=utf-8")] = "\n".join(
    [
        '<!doctype html><html lang="ru"><head><meta charset="utf-8">',
        "<title>Должностная инструкция: Юрист</title><style>@page { size: A4; … }</style></head>",
        "<body><p><b>УТВЕРЖДАЮ</b> …</p><h1>Должностная инструкция: Юрист</h1> …</body></html>",
    ]
)
