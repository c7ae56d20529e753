"""The whoosh schema of the unit index: one document per unit with text, of every expression.

Text is indexed three times:

* ``text_ru`` / ``text_kk`` — the unit's text analysed into morphological keys by the analyser
  of its language (:func:`index.analysis.ru_analyzer`, :func:`index.analysis.kk_analyzer`).
  whoosh fixes one analyser per field, so each language has its own field and a document fills
  only the field of its language; a word query asks the field(s) of the language(s) searched.
* ``surface`` — lower-cased word forms with positions, for "exact phrase" search.

The stored ``text`` is what snippets are cut from.  Validity dates are ISO strings in keyword
fields, so a date filter is a term range; open ends are the sentinels :data:`NO_START` and
:data:`NO_END` (they sort before / after every real date).

Facet fields (``act``, ``lang``, ``kind``, ``group``, ``okr``) are sortable: their values sit
in columns that a search reads per matched document.  ``okr`` may hold several levels joined by
commas (a card item of a card spanning levels); it is indexed as a comma keyword list.
"""

from __future__ import annotations

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from .analysis import kk_analyzer, ru_analyzer, surface_analyzer

__all__ = ["FACETS", "FILTER_FIELDS", "KINDS", "LANGS", "META_FILE", "NO_END", "NO_START", "SCHEMA_VERSION",
           "SUBJECT_KINDS", "IndexedText", "make_schema", "text_field"]

#: Bumped whenever the fields or their meaning change; an index of another version is rebuilt.
#: 4: flag list ids are hashes of the lists (:class:`index.asof.FlagSets`); the index is segments
#: of whole acts with a manifest (:mod:`index.segments`).
SCHEMA_VERSION = 4

#: Written into the index folder by the build: ``{"schema_version", "corpus_hash", "documents",
#: "code", "in_order", "segments"}`` (:mod:`index.segments`; the per-act manifest is beside it).
META_FILE = "zangraph-index.json"

#: Sentinels of an open validity interval (ISO order: before / after any real date).
NO_START = "0000-00-00"
NO_END = "9999-12-31"

LANGS = ("ru", "kk")

#: What a unit is, for the ``kind`` facet and filter.
KINDS = ("duty", "must_know", "requirement", "card_item", "rule", "staffing_row", "heading", "other")

#: A position role (``roles`` of a unit node) -> kind.
ROLE_KINDS = {"duties": "duty", "must_know": "must_know", "requirements": "requirement"}

#: The act subject (``kb.acts[work]["subject"]``) -> kind of its annex body units.
SUBJECT_KINDS = {"professional_standard": "card_item", "rules": "rule"}

#: Fields counted per search.
FACETS = ("act", "lang", "kind", "group", "okr")

#: Field filters accepted in a query (``act:360 kind:duty lang:kk``).
FILTER_FIELDS = ("act", "lang", "kind", "group", "okr")


def text_field(lang: str) -> str:
    """The analysed text field of a language.

    >>> text_field("kk")
    'text_kk'
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    return f"text_{lang}"


class IndexedText(TEXT):
    """whoosh's ``TEXT`` that remembers, per process, what each text indexed to: the same text
    gives the same terms, so a text met again (the "Должностные обязанности:" of every position,
    the ru "Конституцию Республики Казахстан;" of every must-know list: 38 % of the units of the
    seeds and the development corpus repeat a text already indexed) is not analysed again.

    ``cache`` names the analysis (one per field); the remembered terms are not pickled with the
    schema.  At most :data:`TEXT_CACHE` texts are kept (then the memory starts again)."""

    def __init__(self, cache: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.cache = cache

    def index(self, value, **kwargs):
        if kwargs or not isinstance(value, str):
            return super().index(value, **kwargs)
        key = (self.cache, value)
        hit = _INDEXED.get(key)
        if hit is None:
            if len(_INDEXED) >= TEXT_CACHE:
                _INDEXED.clear()
            hit = _INDEXED[key] = tuple(super().index(value))
        return hit


#: Texts whose terms :class:`IndexedText` keeps (per process, over all fields).
TEXT_CACHE = 50_000
_INDEXED: dict[tuple[str, str], tuple] = {}


def make_schema() -> Schema:
    """The index schema (whoosh pickles it, analysers included, into the index)."""
    return Schema(
        # identity
        node=ID(stored=True, unique=True),  # graph node id of the unit
        unit_id=ID(stored=True),  # AKN eid, same in ru and kk
        expression=STORED,
        act=ID(stored=True, sortable=True),  # work id; an incremental build deletes an act's documents by it
        act_key=ID,  # slug of the act number ("580-nk", "360"), for act: filters
        act_number=STORED,
        lang=ID(stored=True, sortable=True),
        kind=ID(stored=True, sortable=True),
        unit_kind=STORED,
        position_id=ID(stored=True),
        group=ID(stored=True, sortable=True),
        okr=KEYWORD(stored=True, commas=True, scorable=False, sortable=True),
        breadcrumb=STORED,
        # time: the text is known in force on [valid_from, valid_to); the unit exists on
        # [exists_from, visible_to): exists_from is earlier than valid_from when an earlier text
        # is not in the corpus, visible_to is valid_to when the next text is in the corpus and
        # NO_END when it is not (see index.search, "as of a date")
        valid_from=ID(stored=True),
        valid_to=ID(stored=True),
        exists_from=ID,
        visible_to=ID,
        ended_by=STORED,  # number of the act whose announced edition ends the text, if any
        end_from=STORED,  # the aligned unit whose announcement gave that end (other language)
        # the unit's flags on every date: [[from, to, n], …], spans [from, to) covering all dates,
        # n the id of a flag list in the index folder's flagsets.pickle (index.asof: a search
        # as of a date with the KB picks the span holding it instead of walking the timeline)
        flag_spans=STORED,
        # text
        text=STORED,
        text_ru=IndexedText("ru", analyzer=ru_analyzer(), phrase=False),
        text_kk=IndexedText("kk", analyzer=kk_analyzer(), phrase=False),
        surface=IndexedText("surface", analyzer=surface_analyzer(), phrase=True),
    )
