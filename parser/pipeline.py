"""The three passes end to end: bytes of one file → :class:`~parser.models.Document`."""

from __future__ import annotations

import os
from typing import Any

from .clean import normalise
from .models import Diagnostic, Document, Line
from .structure import parse_structure


class ParseError(ValueError):
    """Input that cannot be parsed at all; ``str()`` names file, line and what was expected."""

    def __init__(self, file: str, line: int, expected: str, found: str):
        self.diagnostic = Diagnostic(file, line, expected, found, "error")
        super().__init__(str(self.diagnostic))


def decode(data: bytes, file: str) -> str:
    """UTF-8 text, or a :class:`ParseError` naming the line of the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise ParseError(file, line, "UTF-8 text", f"byte 0x{data[err.start]:02x} ({err.reason})") from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ParseError(file, line, "text without NUL bytes", "a NUL byte (binary file?)")
    # CRLF (adilet pages) and CR-only line ends become LF; the line numbers stay those of the file.
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def parse_text(text: str, file: str, lang: str, fmt: str, subject: str | None = None,
               meta: tuple[str, dict[str, Any]] | None = None) -> Document:
    """Parse one text of an act.  ``subject`` ("tkh", "rules", "professional_standard")
    chooses the domain extractors; ``None`` guesses from the text.  ``meta`` is the
    register's metadata published beside the text (``(file, mapping)`` of a ``meta.yaml``)."""
    lines = normalise(text, fmt)
    if not lines:
        raise ParseError(file, 1, "the text of an act", "an empty file")
    st = parse_structure(lines, file)
    doc = Document(path=file, lang=lang, format=fmt, header=st.header, units=st.units, amendments=st.notes,
                   buckets=st.buckets, unparsed=st.unparsed, diagnostics=st.diagnostics)
    _requisites(doc, text, file, meta)
    from .cards_table import card_table_lines

    tables = any(ln.cell for ln in lines)  # HTML tables (register markdown, adilet pages)
    card_tables = tables and card_table_lines(lines)  # cards drawn as tables (2015, 2019, 2025 layouts)
    subject = subject or _guess_subject(doc, card_tables)
    if subject == "tkh":
        from .tkh import extract_positions

        doc.positions, diags = extract_positions(doc.units, file)
        doc.diagnostics.extend(diags)
    elif subject == "professional_standard":
        from .cards import extract_cards

        # the tab-flattened layout; cards drawn as HTML tables are read below from their cells
        doc.cards, diags = extract_cards([u for u in doc.units if u.cell is None], file)
        doc.diagnostics.extend(diags)
    if card_tables:
        from .cards_table import extract_table_cards

        cards, diags = extract_table_cards(lines, doc.units, file, lang)
        doc.cards.extend(cards)
        doc.diagnostics.extend(diags)
    if tables:
        from .position_tables import extract_position_tables, split_rows

        rows, diags = extract_position_tables(lines, doc.units, file, lang)
        staffing, doc.registers = split_rows(rows)  # tables of positions: staffing norms, registers
        doc.staffing.extend(staffing)
        doc.diagnostics.extend(diags)
    _amending(doc, file)
    if subject == "rules":
        _rules(doc, st.sub_annex, file)
    elif st.sub_annex:
        doc.unparsed.extend(st.sub_annex)
        doc.diagnostics.append(Diagnostic(file, st.sub_annex[0].no, "an annex table this kind of act has", st.sub_annex[0].text, "warning"))
    _check_truncated(doc, lines, file)
    return doc


def _requisites(doc: Document, text: str, file: str, meta: tuple[str, dict[str, Any]] | None) -> None:
    """Fill the header from the front matter, a ``meta.yaml`` beside the text and the annex
    stamp, in that order, where the text's own lines left a field empty."""
    from .requisites import from_metadata, from_stamp, front_matter, load_yaml

    fm = front_matter(text)
    if fm is not None:
        try:
            from_metadata(doc.header, load_yaml(fm, file), doc.lang, "front matter")
        except ValueError as err:
            doc.diagnostics.append(Diagnostic(file, 1, "YAML front matter", str(err), "error"))
    if meta is not None:
        from_metadata(doc.header, meta[1], doc.lang, os.path.basename(meta[0]))
    if not (doc.header.date and doc.header.number and doc.header.issuer):
        stamps = doc.buckets.get("annex_stamp", [])
        if stamps:
            from_stamp(doc.header, " ".join(ln.text for ln in stamps[:12]), doc.lang)
    if doc.header.title is None:
        doc.diagnostics.append(Diagnostic(file, 1, "the act's title", "none found", "warning"))


def _amending(doc: Document, file: str) -> None:
    """An amending act's instructions ("… изложить в следующей редакции", "дополнить абзацем …"),
    each with its target as written; resolving them against the corpus is the KB's job."""
    from dataclasses import asdict

    from .amending import has_amending_verb, read_instructions

    kinds = ("article", "point", "subpoint", "part", "alinea")
    if not any(u.kind in kinds and has_amending_verb(u.text, doc.lang) for u in doc.units):
        return
    units = [(u.eid, " ".join(x for x in (u.heading, u.text) if x), u.span.start) for u in doc.units if u.kind in kinds]
    found, diags = read_instructions(units, file, doc.lang)
    doc.instructions = [asdict(i) for i in found]
    doc.diagnostics.extend(diags)


def _rules(doc: Document, sub: list[Line], file: str) -> None:
    from .rules import extract_terms, is_terms_point
    from .staffing import attach_staffing

    # the point announcing definitions ("В Правилах используются следующие основные понятия:")
    terms = next((u for u in doc.units if u.kind == "point" and not u.eid.startswith("body__")
                  and is_terms_point(u.text)), None)
    if terms is not None:
        subs = [(u.num or "", u.text, u.span.start) for u in doc.units if u.parent == terms.eid and u.kind == "subpoint"]
        doc.terms = extract_terms(terms.text, subs, file, diagnostics=doc.diagnostics)
    if sub:
        attach_staffing(doc, sub, file)


def _guess_subject(doc: Document, card_tables: bool) -> str:
    texts = " ".join(u.text for u in doc.units if u.kind == "point")
    if "Карточка профессии" in texts or card_tables:
        return "professional_standard"
    if any(u.kind == "section" for u in doc.units):
        return "tkh"
    return "rules"


def _check_truncated(doc: Document, lines: list[Line], file: str) -> None:
    """A file cut short leaves a position without its last parts: say so."""
    for pos in doc.positions:
        if pos.excluded:
            continue
        needed = ("duties", "must_know") if "requirements_elsewhere" in pos.points else ("duties", "must_know", "requirements")
        missing = [r for r in needed if r not in pos.points]
        if missing:
            doc.diagnostics.append(
                Diagnostic(file, pos.span.start, f"the parts {', '.join(missing)} of position {pos.num}",
                           "missing (a truncated file?)", "warning")
            )


def parse_path(path: str, lang: str | None = None, fmt: str | None = None) -> Document:
    """Parse a file; language and format come from the ``act.json`` beside it unless given;
    without one, the format is sniffed from the content and the language from the letters."""
    from .corpus import CorpusError, expression_for
    from .requisites import load_yaml, sidecar_meta
    from .sniff import sniff_format

    subject = None
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as err:
        raise ParseError(path, 0, "a readable file", err.strerror or str(err)) from None
    text = decode(data, path)
    if lang is None or fmt is None:
        try:
            act, expr = expression_for(path)
            lang, fmt, subject = lang or expr.lang, fmt or expr.format, act.meta.get("subject")
        except CorpusError:
            lang, fmt = lang or guess_lang(text), fmt or sniff_format(text)
    meta = None
    side = sidecar_meta(path)
    if side is not None:
        with open(side, encoding="utf-8") as fh:
            meta = (side, load_yaml(fh.read(), side))
    return parse_text(text, _rel(path), lang, fmt, subject, meta=meta)


_KK_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def guess_lang(text: str) -> str:
    """"kk" where the letters only Kazakh has are more than 0.5 % of the Cyrillic letters.

    >>> guess_lang("Қазақстан Республикасының Еңбек кодексі"), guess_lang("Трудовой кодекс")
    ('kk', 'ru')
    """
    head = text[:20000]
    cyr = sum(1 for ch in head if "а" <= ch.lower() <= "я" or ch in _KK_LETTERS)
    kk = sum(1 for ch in head if ch in _KK_LETTERS)
    return "kk" if cyr and kk / cyr > 0.005 else "ru"


def _rel(path: str) -> str:
    rel = os.path.relpath(path)
    return rel if not rel.startswith("..") else path
