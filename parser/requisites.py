"""The act's requisites (issuer, date, number, registration, title, edition) from wherever the
publication puts them: a YAML front matter block, a ``meta.yaml`` beside the text, the
"Приказ … от … № …" line of an adilet copy, or the annex stamp ("Утвержден приказом Министра …
от 11 сентября 2020 года № 623"; kk "… 2018 жылғы 2 ақпандағы № 86 бұйрығымен бекітілген").

Each source fills only the fields still empty, and :class:`~parser.models.Header` records in
``sources`` where each field came from, so nothing in the header is a guess without a name.
"""

from __future__ import annotations

import contextlib
import os
import re
from typing import Any

from .dates import parse_date
from .models import Header

# "Приказ Министра внутренних дел Республики Казахстан от 11 сентября 2020 года № 623.
#  Зарегистрирован в Министерстве юстиции Республики Казахстан 17 сентября 2020 года № 21222"
REQUISITE_RU = re.compile(
    r"""(?P<type>Приказ|Постановление|Указ|Закон|Распоряжение|Решение)\s+
        (?P<issuer>.+?)\s+
        от\s+(?P<date>\d{1,2}\s+\w+\s+\d{4})\s+года\s*
        №\s*(?P<num>[\w./-]+?)\.?
        (?=\s|$|\.)
        (?:.*?Зарегистрирован\w*\s+в\s+Министерстве\s+юстиции\s+Республики\s+Казахстан\s+
            (?:от\s+)?(?P<reg_date>\d{1,2}\s+\w+\s+\d{4})\s+года\s*№\s*(?P<reg_num>\d+))?""",
    re.X | re.S,
)

# kk: "Қазақстан Республикасы Қаржы министрінің 2016 жылғы 26 желтоқсандағы № 688 бұйрығы.
#  Қазақстан Республикасының Әділет министрлігінде 2016 жылғы 27 желтоқсанда № 14606 болып тіркелді."
REQUISITE_KK = re.compile(
    r"""(?P<issuer>[^.]+?)\s+
        (?P<date>\d{4}\s+жылғы\s+\d{1,2}\s+\w+)\s*
        №\s*(?P<num>[\w./-]*\d[\w./-]*)\s+
        (?P<type>бұйрығы|қаулысы|Жарлығы|Заңы|шешімі)\b
        (?:.*?Әділет\s+министрлігінде\s+(?P<reg_date>\d{4}\s+жылғы\s+\d{1,2}\s+\w+)\s*№\s*(?P<reg_num>\d+))?""",
    re.X | re.S,
)
_KK_TYPES = {"бұйрығы": "бұйрық", "қаулысы": "қаулы", "жарлығы": "жарлық", "заңы": "заң", "шешімі": "шешім"}

# Where the requisites line goes on with the act's repeal ("Утратил силу приказом … от … № 293"),
# the repealing act's date and number must not be read as the act's own.
REPEAL_TAIL = re.compile(r"\s*(?:Утратил[аио]?\s+силу|Күші\s+жойылды)\b.*$", re.I | re.S)


def cut_repeal(text: str) -> str:
    """The requisites without the repeal that follows them.

    >>> cut_repeal("Приказ … от 26 декабря 2016 года № 688. Утратил силу приказом … № 293.")
    'Приказ … от 26 декабря 2016 года № 688.'
    """
    return REPEAL_TAIL.sub("", text)


# Stamp (ru): "Утвержден(а/ы) приказом Министра … от 11 сентября 2020 года № 623"
STAMP_RU = re.compile(
    r"""(?:Утвержден\w*\s+)?(?i:приказом|постановлением|приказу)
        (?:\s+(?P<issuer>.+?))?\s+
        от\s+(?P<date>\d{1,2}\s+\w+\s+\d{4})\s+года\s*
        №\s*(?P<num>[\w./-]*\d[\w./-]*)""",
    re.X | re.S,
)

# Stamp (kk): "Қазақстан Республикасы Ішкі істер министрінің 2018 жылғы 2 ақпандағы № 86 бұйрығымен бекітілген"
STAMP_KK = re.compile(
    r"""(?P<issuer>[^\n]*?)\s*
        (?P<date>\d{4}\s+жылғы\s+\d{1,2}\s+\w+)\s*
        №\s*(?P<num>[\w./-]*\d[\w./-]*)\s+
        (?:бұйрығы|қаулысы|шешімі)""",
    re.X | re.S,
)


def _fill(hdr: Header, field: str, value: Any, source: str) -> None:
    if value and getattr(hdr, field) in (None, "", {}):
        setattr(hdr, field, value)
        hdr.sources[field] = source


def _from(rx: re.Pattern[str], types: dict[str, str] | None, hdr: Header, text: str, source: str) -> bool:
    m = rx.search(" ".join(text.split()))
    if not m:
        return False
    try:
        date = parse_date(m.group("date"))
    except ValueError:
        return False
    kind = m.group("type").lower()
    _fill(hdr, "act_type", types.get(kind) if types is not None else kind, source)
    _fill(hdr, "issuer", m.group("issuer").strip(" ."), source)
    _fill(hdr, "date", date, source)
    _fill(hdr, "number", m.group("num"), source)
    if m.group("reg_num"):
        with contextlib.suppress(ValueError):
            _fill(hdr, "registration", {"date": parse_date(m.group("reg_date")), "number": m.group("reg_num")}, source)
    return True


def from_requisite(hdr: Header, text: str, source: str) -> bool:
    """Fill ``hdr`` from a ru requisites sentence ("Приказ … от … года № …. Зарегистрирован …")."""
    return _from(REQUISITE_RU, None, hdr, text, source)


def from_requisite_kk(hdr: Header, text: str, source: str) -> bool:
    """Fill ``hdr`` from a kk requisites sentence ("… 2016 жылғы 26 желтоқсандағы № 688 бұйрығы. …")."""
    return _from(REQUISITE_KK, _KK_TYPES, hdr, text, source)


# A stamp whose date and number are left blank ("от «____» 2025 года № ___") still names its issuer.
STAMP_ISSUER_RU = re.compile(r"(?i:приказом|приказу|постановлением)\s+(?P<issuer>[^«»]+?)\s+от\b")
# kk: the issuer in the genitive opens the stamp: "Қазақстан Республикасы Ішкі істер министрінің 2019 жылғы …".
STAMP_ISSUER_KK = re.compile(r"^(?P<issuer>[^\d«»]{3,120}?(?:министрінің|басшысының|төрағасының|Үкіметінің))\s", re.I)


def from_stamp(hdr: Header, text: str, lang: str) -> bool:
    """Fill date and number (and issuer) from an annex stamp; True if it names them."""
    flat = " ".join(text.split())
    m = STAMP_ISSUER_KK.search(flat) if lang == "kk" else STAMP_ISSUER_RU.search(flat)
    if m:  # as written (a look-alike letter or a capital stays: never normalised into another name)
        _fill(hdr, "issuer", m.group("issuer").strip(" ,"), "annex stamp")
    for rx in (STAMP_RU, STAMP_KK):
        m = rx.search(flat)
        if not m:
            continue
        try:
            date = parse_date(m.group("date"))
        except ValueError:
            continue
        _fill(hdr, "date", date, "annex stamp")
        _fill(hdr, "number", m.group("num"), "annex stamp")
        issuer = (m.group("issuer") or "").strip(" ,")
        if rx is STAMP_KK:
            issuer = re.sub(r"^.*?(?:бекітілген|Бекітілген)\s*", "", issuer)
        _fill(hdr, "issuer", issuer or None, "annex stamp")
        return True
    return False


def from_metadata(hdr: Header, meta: dict[str, Any], lang: str, source: str) -> None:
    """The register's metadata (front matter or ``meta.yaml``): requisite, title, edition."""
    if not isinstance(meta, dict):
        return
    key = {"ru": "rus", "kk": "kaz"}.get(lang, lang)
    if isinstance(meta.get("requisite"), str):
        if lang == "kk" and not from_requisite_kk(hdr, meta["requisite"], source):
            # the register gives the requisite in Russian: its date, number and registration hold for
            # the kk text too; the issuer's name in Kazakh comes from the kk text itself
            probe = Header()
            if from_requisite(probe, meta["requisite"], source):
                for name in ("date", "number", "registration"):
                    _fill(hdr, name, getattr(probe, name), source)
        else:
            from_requisite(hdr, meta["requisite"], source) or from_requisite_kk(hdr, meta["requisite"], source)
    title = meta.get("title")
    if isinstance(title, dict):
        title = title.get(key) or title.get(lang)
    if isinstance(title, str):
        _fill(hdr, "title", title.strip(), source)
    approved = meta.get("approved_on")
    if approved:
        _fill(hdr, "date", str(approved), source)
    edition = meta.get("version_date")
    if isinstance(edition, dict):
        edition = edition.get(key) or edition.get(lang)
    if edition:
        _fill(hdr, "edition", str(edition), source)
    caused = meta.get("caused_by")
    if isinstance(caused, dict) and isinstance(caused.get("requisite"), str):
        _fill(hdr, "edition_act", " ".join(caused["requisite"].split()), source)


def load_yaml(text: str, file: str) -> dict[str, Any]:
    """A YAML mapping, or ``ValueError`` naming the file and the line."""
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise ValueError(f"{file}:{line}: expected YAML metadata; found {str(err).splitlines()[0]!r}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValueError(f"{file}:1: expected a YAML mapping of the act's metadata; found {type(data).__name__}")
    return data


def front_matter(text: str) -> str | None:
    """The YAML between a leading ``---`` and the next ``---`` line, if any."""
    if not text.startswith("---"):
        return None
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return None
    for k in range(1, len(lines)):
        if lines[k].strip() in ("---", "..."):
            return "\n".join(lines[1:k])
    return None


def sidecar_meta(path: str) -> str | None:
    """The ``meta.yaml`` published beside a text: ``<stem>.meta.yaml`` (stem without the
    language part, e.g. ``act.ed2022-04-19.ru.txt`` → ``act.ed2022-04-19.meta.yaml``) or
    ``meta.yaml`` in the same folder."""
    folder, name = os.path.split(path)
    stem = name
    for _ in range(2):
        stem, ext = os.path.splitext(stem)
        if ext.lower() not in (".txt", ".md", ".html", ".htm", ".ru", ".kk", ".rus", ".kaz"):
            stem += ext
            break
    for cand in (os.path.join(folder, f"{stem}.meta.yaml"), os.path.join(folder, "meta.yaml")):
        if os.path.isfile(cand):
            return cand
    return None
