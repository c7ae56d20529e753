"""An act as of a date in Akoma Ntoso 3.0 XML (built with lxml).

    akomaNtoso/act
      meta/identification   FRBRWork / FRBRExpression / FRBRManifestation, references, proprietary
      preface               the title (unit ``title``)
      preamble              the preamble (unit ``preamble``)
      body                  the ordering points (``body__point_N``)
      attachments           the annex (``annex``) as a ``doc name="annex"`` with its own meta;
                            an annex inside it (``att_1``, staffing norms) nests the same way

Inside: Глава → ``chapter``, Параграф → ``hcontainer name="paragraph"``, пункт → ``point``,
подпункт → a ``point`` inside its point, абзац → ``alinea``, a staffing table row →
``hcontainer name="row"``.  Every element carries our unit id as ``eId`` (ids are AKN-style
already: ``chp_2__para_12__point_38__al_6``).

A unit whose text in force on the date is not in the corpus (a flag from
:func:`kb.versions.flags_for`) gets ``zg:textInForce="missing"`` and ``zg:flags`` (namespace
:data:`ZG`), a ``<remark>`` saying why in the document's language, and its corpus text in a
``<p class="notInForce">`` — marked, never passed off as the text in force.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from lxml import etree

from kb.build import KB
from kb.ids import LANG3
from kb.queries import unit_flags
from parser.models import Unit

from .views import expression_for, flag_note, text_missing

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
ZG = "urn:zangraph:akn:1"
NSMAP = {None: AKN, "zg": ZG}

TAGS = {"chapter": "chapter", "point": "point", "subpoint": "point", "alinea": "alinea"}
HCONTAINERS = {"section": "paragraph", "row": "row"}
NUMS = {
    "ru": {"chapter": "Глава {}", "section": "Параграф {}", "point": "{}.", "subpoint": "{})", "row": "{}."},
    "kk": {"chapter": "{}-бөлім", "section": "{}-параграф", "point": "{}.", "subpoint": "{})", "row": "{}."},
}
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _q(tag: str) -> str:
    return f"{{{AKN}}}{tag}"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, _q(tag), {k: v for k, v in attrs.items() if v is not None})
    if text:
        el.text = _NOT_XML.sub("", text)
    return el


def _paras(parent: etree._Element, text: str | None, **attrs: str) -> None:
    lines = [x for x in (text or "").split("\n") if x.strip()] or [""]
    for line in lines:
        _sub(parent, "p", line, **attrs)


class _Writer:
    def __init__(self, kb: KB, work: str, expr: str, lang: str, as_of: str):
        self.kb, self.work, self.expr, self.lang, self.as_of = kb, work, expr, lang, as_of
        self.units = kb.docs[expr].units
        self.children: dict[str | None, list[Unit]] = {}
        for u in self.units:
            self.children.setdefault(u.parent, []).append(u)
        self.flagged = 0

    # -- meta -------------------------------------------------------------------------------------

    def identification(self, meta: etree._Element, component: str = "main") -> None:
        m = self.kb.acts[self.work]
        ident = _sub(meta, "identification", source="#zangraph")
        w = _sub(ident, "FRBRWork")
        _sub(w, "FRBRthis", value=f"{self.work}/!{component}")
        _sub(w, "FRBRuri", value=self.work)
        _sub(w, "FRBRdate", date=m["date"], name="Generation")
        _sub(w, "FRBRauthor", href="#issuer")
        _sub(w, "FRBRcountry", value="kz")
        _sub(w, "FRBRsubtype", value=m["type"])
        _sub(w, "FRBRnumber", value=m["number"])
        title = m["title"].get(self.lang) or next(iter(m["title"].values()), "")
        _sub(w, "FRBRname", value=_NOT_XML.sub("", title))
        e = _sub(ident, "FRBRExpression")
        _sub(e, "FRBRthis", value=f"{self.expr}/!{component}")
        _sub(e, "FRBRuri", value=self.expr)
        _sub(e, "FRBRdate", date=self.as_of, name="asOf")
        _sub(e, "FRBRauthor", href="#issuer")
        _sub(e, "FRBRlanguage", language=LANG3.get(self.lang, self.lang))
        f = _sub(ident, "FRBRManifestation")
        _sub(f, "FRBRthis", value=f"{self.expr}/!{component}.xml")
        _sub(f, "FRBRuri", value=f"{self.expr}.akn")
        _sub(f, "FRBRdate", date=date.today().isoformat(), name="transform")
        _sub(f, "FRBRauthor", href="#zangraph")
        _sub(f, "FRBRformat", value="application/akn+xml")

    def meta(self, parent: etree._Element) -> None:
        meta = _sub(parent, "meta")
        self.identification(meta)
        refs = _sub(meta, "references", source="#zangraph")
        _sub(
            refs, "TLCOrganization", eId="zangraph", href="/ontology/organization/zangraph", showAs="zangraph"
        )
        issuer = self.kb.acts[self.work].get("issuer") or {}
        _sub(
            refs,
            "TLCOrganization",
            eId="issuer",
            href="/ontology/organization/kz/issuer",
            showAs=_NOT_XML.sub("", issuer.get(self.lang) or next(iter(issuer.values()), "issuer")),
        )
        prop = _sub(meta, "proprietary", source="#zangraph")
        node = self.kb.graph.nodes[self.expr]
        etree.SubElement(prop, f"{{{ZG}}}asOf").text = self.as_of
        ed = etree.SubElement(prop, f"{{{ZG}}}edition")
        for k, v in sorted((node.get("edition") or {}).items()):
            if isinstance(v, str):
                ed.set(k, _NOT_XML.sub("", v))
        src = etree.SubElement(prop, f"{{{ZG}}}source")
        src.set("path", node.get("path") or "")
        src.set("sha256", node.get("sha256") or "")

    # -- units ------------------------------------------------------------------------------------

    def flags(self, u: Unit) -> list[dict[str, Any]]:
        return unit_flags(self.kb, self.expr, u.eid, self.as_of)

    def fill(self, block: etree._Element, u: Unit, flags: list[dict[str, Any]]) -> None:
        """The unit's text as ``<p>``s in ``block``; a remark per flag and the corpus text marked
        ``notInForce`` when its text in force is missing."""
        if text_missing(flags):
            for f in flags:
                _sub(
                    _sub(block, "p", **{"class": "flag"}),
                    "remark",
                    flag_note(f, self.lang),
                    status="editorial",
                )
            _paras(block, u.text, **{"class": "notInForce"})
        else:
            _paras(block, u.text)

    def mark(self, el: etree._Element, flags: list[dict[str, Any]]) -> None:
        if flags:
            el.set(f"{{{ZG}}}flags", " ".join(sorted({f["kind"] for f in flags})))
        if text_missing(flags):
            el.set(f"{{{ZG}}}textInForce", "missing")
            self.flagged += 1

    def unit(self, parent: etree._Element, u: Unit) -> None:
        if u.kind == "annex":
            return self.annex(parent, u)
        flags = self.flags(u)
        if u.kind in HCONTAINERS:
            el = _sub(parent, "hcontainer", eId=u.eid, name=HCONTAINERS[u.kind])
        else:
            el = _sub(parent, TAGS.get(u.kind, "hcontainer"), eId=u.eid)
            if el.tag == _q("hcontainer"):
                el.set("name", u.kind)
        self.mark(el, flags)
        fmt = NUMS.get(self.lang, NUMS["ru"]).get(u.kind)
        if u.num and fmt:
            _sub(el, "num", fmt.format(u.num))
        if u.heading and u.kind not in ("row",):
            _sub(el, "heading", u.heading)
        kids = [c for c in self.children.get(u.eid, []) if c.kind != "annex"]
        if kids:
            if u.text:
                self.fill(_sub(el, "intro"), u, flags)
            for c in kids:
                self.unit(el, c)
        else:
            self.fill(_sub(el, "content"), u, flags)
        for c in self.children.get(u.eid, []):
            if c.kind == "annex":
                self.annex(el, c)

    def annex(self, parent: etree._Element, u: Unit) -> None:
        """An annex as an attachment: ``attachments`` is the last child of its document."""
        doc_el = parent
        while doc_el.tag not in (_q("act"), _q("doc")):
            doc_el = doc_el.getparent()
        atts = doc_el.find(_q("attachments"))
        if atts is None:
            atts = _sub(doc_el, "attachments")
        att = _sub(atts, "attachment", eId=u.eid)
        doc = _sub(att, "doc", name="annex")
        flags = self.flags(u)
        self.mark(doc, flags)
        meta = _sub(doc, "meta")
        self.identification(meta, component=u.eid)
        if u.heading or u.text:
            preface = _sub(doc, "preface")
            if u.text:
                _sub(preface, "p", u.text, **{"class": "annexStamp"})
            if u.heading:
                _sub(_sub(preface, "p"), "docTitle", u.heading)
        main = _sub(doc, "mainBody")
        kids = [c for c in self.children.get(u.eid, []) if c.kind != "annex"]
        for c in kids:
            self.unit(main, c)
        if not kids:
            _sub(main, "p")
        for c in self.children.get(u.eid, []):
            if c.kind == "annex":
                self.annex(doc, c)

    def act(self) -> etree._Element:
        root = etree.Element(_q("akomaNtoso"), nsmap=NSMAP)
        act = _sub(root, "act", name=self.kb.acts[self.work]["type"])
        self.meta(act)
        top = self.children.get(None, [])
        title = next((u for u in top if u.kind == "title"), None)
        if title is not None:
            long_title = _sub(_sub(act, "preface"), "longTitle", eId="title")
            flags = self.flags(title)
            self.mark(long_title, flags)
            _sub(_sub(long_title, "p"), "docTitle", title.text)
        pre = next((u for u in top if u.kind == "preamble"), None)
        if pre is not None:
            el = _sub(act, "preamble", eId="preamble")
            flags = self.flags(pre)
            self.mark(el, flags)
            self.fill(el, pre, flags)
        body = _sub(act, "body")
        rest = [u for u in top if u.kind not in ("title", "preamble", "annex")]
        for u in rest:
            self.unit(body, u)
        if not rest:
            _sub(_sub(body, "hcontainer", name="empty"), "content").append(etree.Element(_q("p")))
        for u in top:
            if u.kind == "annex":
                self.annex(act, u)
        flagged = etree.SubElement(act.find(_q("meta")).find(_q("proprietary")), f"{{{ZG}}}flagged")
        flagged.text = str(self.flagged)
        return root


def to_akn(kb: KB, work: str, lang: str, as_of: str) -> bytes:
    """The act ``work`` in ``lang`` as of ``as_of`` as Akoma Ntoso XML (UTF-8 bytes)."""
    expr = expression_for(kb, work, lang, as_of)
    root = _Writer(kb, work, expr, lang, as_of).act()
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
