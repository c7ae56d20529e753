"""Records produced by the parser.

Every record keeps where it came from (file and 1-based source line span), so that
anything zangraph answers can be traced back to the text.  Reference records are
frozen; containers are plain dataclasses.  ``to_dict`` gives the JSON form that the
CLI prints and the golden files hold.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    """Lines ``start``..``end`` (1-based, inclusive) of ``file``."""

    file: str
    start: int
    end: int


@dataclass(frozen=True)
class Cell:
    """Where a line sits in a table: table ``table`` (1-based in the file), grid row and column
    (0-based, after rowspan/colspan), and how many rows/columns the source cell spans."""

    table: int
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class Line:
    """One cleaned logical line; ``no``..``end`` are the source lines it was made from."""

    no: int
    text: str
    end: int = 0
    indent: int = 0  # tabs before the text in tab-indented card tables (004)
    marks: tuple[str, ...] = ()  # what the cleaner removed or saw: "bold", "heading", "italic", "page-break"
    cell: Cell | None = None  # a line of a table cell (HTML tables in register markdown / adilet pages)

    @property
    def last(self) -> int:
        return self.end or self.no


@dataclass(frozen=True)
class Diagnostic:
    """A problem a person can act on: file, line, what was expected, what was found."""

    file: str
    line: int
    expected: str
    found: str
    severity: str = "error"  # "error" | "warning"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.severity}: expected {self.expected}; found {self.found!r}"


@dataclass(frozen=True)
class ActRef:
    """A reference to an amending or cited act as written in a note."""

    text: str
    issuer: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd
    number: str | None = None


@dataclass(frozen=True)
class Effective:
    """When an edition comes into force.

    ``kind`` is "exact" (``date`` known), "after_publication" (``days`` after the first
    official publication, which the text does not date: ``lower`` = act date + days,
    ``upper`` = None, unknown) or "unknown".
    """

    kind: str
    text: str
    date: str | None = None
    lower: str | None = None
    upper: str | None = None
    days: int | None = None


@dataclass(frozen=True)
class Target:
    """What a note speaks of, as read from its words (before resolving to a unit id)."""

    text: str
    scope: str  # "act" | "preamble" | "annex" | "part" | "chapter" | "section" | "section_heading" | "article" | "point" | "subpoint" | "alinea"
    chapter: str | None = None
    section: str | None = None
    point: str | None = None
    subpoint: str | None = None
    alinea: int | None = None
    part: str | None = None  # Раздел / бөлім (above the chapters)
    article: str | None = None  # Статья / бап of a law


@dataclass
class Amendment:
    """One "Сноска" (applied amendment) or editor's note (prospective edition / commencement)."""

    id: str
    source: str  # "footnote" (Сноска/Ескерту) | "izpi" (Примечание ИЗПИ) | "rcpi" (Примечание РЦПИ)
    kind: str  # "restated" | "changed" | "added" | "removed" | "kk_only" | "commencement" | "repealed" (the whole act)
    prospective: bool  # True: the copy does NOT yet show this edition
    applied_in_copy: bool
    text: str
    span: Span
    target: Target | None = None
    target_eid: str | None = None
    amending_act: ActRef | None = None
    effective: Effective | None = None
    added_unit: str | None = None  # e.g. "параграф 4-1" for "дополнена параграфом 4-1"
    amending_acts: list[ActRef] = field(default_factory=list)  # when the note names several (amending_act: the latest)


@dataclass
class Unit:
    """A node of the hierarchy with its AKN-style ``eid`` (same in ru and kk)."""

    eid: str
    kind: str  # "preamble" | "point" | "subpoint" | "alinea" | "part" | "chapter" | "section" | "article" | "annex" | "title" | "row" | "table" | "cell" | "form"
    span: Span
    num: str | None = None
    heading: str | None = None
    text: str = ""
    parent: str | None = None
    cell: Cell | None = None  # kind "cell": one cell of an HTML table (its lines joined by "\n")
    excluded_by: str | None = None  # the id of the note that excluded the unit ("исключен", "алып тасталды")


@dataclass
class Item:
    """One duty / must-know item / requirement / card entry, pointing at its unit."""

    eid: str
    text: str
    line: int
    children: list[Item] = field(default_factory=list)
    # requirements: a category ("highest" | "first" | "second" | "none" | "mentor" | "case_manager" |
    # "career_consultant") or a level ("higher_level" | "middle_level" | "higher_and_middle_level");
    # parser.tkh CATEGORY_WORDS / LEVEL_WORDS say which wordings give which
    category: str | None = None
    label: str | None = None  # the category or level words as written


@dataclass
class Position:
    """A ТКХ position: one Параграф of a characteristics annex."""

    id: str  # the section eid, e.g. "chp_1__para_4-1"
    num: str
    title: str
    group: str | None  # "managers" | "specialists" | "other_employees"
    chapter: str | None
    span: Span
    duties: list[Item] = field(default_factory=list)
    must_know: list[Item] = field(default_factory=list)
    requirements: list[Item] = field(default_factory=list)
    points: dict[str, str] = field(default_factory=dict)  # role -> point eid ("duties", "must_know", "requirements")
    # how ``group`` was derived: "chapter heading" (the words of the chapter above), "title (the
    # chapter heading names managers only)" (a position with no manager's word in its title under a
    # managers' chapter), or None with no group
    group_basis: str | None = "chapter heading"
    excluded: bool = False  # the Параграф (or a unit above it) is excluded by a note: not a live position
    excluded_by: str | None = None  # that note's id


@dataclass
class Header:
    title: str | None = None
    issuer: str | None = None
    date: str | None = None
    number: str | None = None
    registration: dict[str, str] | None = None  # {"date": ..., "number": ...}
    span: Span | None = None
    act_type: str | None = None  # "приказ", "закон", … as the requisites name it
    edition: str | None = None  # the edition date the publication states (register's version_date)
    edition_act: str | None = None  # the act that made this edition, as the publication names it
    sources: dict[str, str] = field(default_factory=dict)  # field -> where it was read ("text", "front matter", …)


@dataclass
class Document:
    """Everything parsed from one corpus file."""

    path: str
    lang: str
    format: str
    header: Header
    units: list[Unit] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    cards: list[dict[str, Any]] = field(default_factory=list)
    staffing: list[dict[str, Any]] = field(default_factory=list)
    registers: list[dict[str, Any]] = field(default_factory=list)  # rows of registers of positions (position → category)
    instructions: list[dict[str, Any]] = field(default_factory=list)  # amending instructions (parser.amending)
    terms: list[dict[str, Any]] = field(default_factory=list)
    amendments: list[Amendment] = field(default_factory=list)
    buckets: dict[str, list[Line]] = field(default_factory=dict)  # "signature", "approval", "annex_stamp", "page_artefact", ...
    unparsed: list[Line] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "units": len(self.units),
            "positions": len(self.positions),
            "cards": len(self.cards),
            "staffing_rows": len(self.staffing),
            "register_rows": len(self.registers),
            "amendments": len(self.amendments),
            "unparsed": len(self.unparsed),
            "warnings": sum(1 for d in self.diagnostics if d.severity == "warning"),
            "errors": sum(1 for d in self.diagnostics if d.severity == "error"),
        }

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
