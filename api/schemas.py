"""Response schemas, by role (pydantic lives in ``api/`` only).

Lists are ``{"data": [...], "count": N, "limit": L, "offset": O}`` (:class:`ListOf`), ``count``
being the number of rows before paging.  Flags (``superseded``, ``not_yet_in_force``,
``earlier_text_not_in_corpus``…) are passed through as :mod:`kb.versions` gives them.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")

Flag = dict[str, Any]


class ListOf(BaseModel, Generic[T]):
    data: list[T]
    count: int = Field(description="rows in all pages")
    limit: int
    offset: int


class ErrorDetail(BaseModel):
    error: str
    id: str | None = None
    parameter: str | None = None
    hint: str | None = None


class ErrorOut(BaseModel):
    detail: ErrorDetail


ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "unknown id: the body names it and gives a hint"},
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
        None, description="in_force / renamed / repealed / unknown, with since, by and its cited source (kb.status)"
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
