"""``zangraph add FILE…``: put texts into the corpus and write or extend their act's ``act.json``.

What a text says about its act (type, number, date, issuer, title, registration, edition) is
read by the parser (:attr:`parser.models.Document.header`); language comes from ``--lang``,
the file name (``….ru.txt``) or the text's Kazakh letters; the format from ``--format`` or the
sniffer.  What the text does not say is asked for with a flag and never guessed: the verb
stops with one line naming the file, the missing field and the flag that supplies it.

A text whose act (same number and date, or ``--act``) is already in the corpus joins that
act's ``act.json`` as one more expression (a second language, or a dated edition).  The bytes
are copied unchanged; the same text added twice is a no-op.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from typing import Any

from .cli import DATE_HELP, CliError, location_args, register

# --- what the words of a text say --------------------------------------------------------------

#: The act type a requisite word names (``Header.act_type``, ru and kk, lower case).
TYPE_WORDS: dict[str, str] = {
    "приказ": "order", "бұйрық": "order", "бұйрығы": "order",
    "закон": "law", "заң": "law", "заңы": "law",
    "кодекс": "code", "кодексі": "code",
    "постановление": "resolution", "қаулы": "resolution", "қаулысы": "resolution",
    "указ": "decree", "жарлық": "decree", "жарлығы": "decree",
}

#: Formulas in the text that only one type of act uses (ru, kk); the earliest in the text wins.
TYPE_FORMULAS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("order", re.compile(r"ПРИКАЗЫВАЮ|БҰЙЫРАМЫН|\bПриказываю\b|\bБұйырамын\b")),
    ("resolution", re.compile(r"ПОСТАНОВЛЯЕТ|ҚАУЛЫ ЕТЕДІ")),
    ("decree", re.compile(r"ПОСТАНОВЛЯЮ|ҚАУЛЫ ЕТЕМІН")),
    ("code", re.compile(r"\bНастоящий Кодекс\b|\bОсы Кодекс\b")),
    ("law", re.compile(r"\bНастоящий Закон\b|\bОсы Заң\b")),
)

#: The subject of an act (which domain extractors read it), from words of its title (ru, kk).
SUBJECT_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("tkh", re.compile(r"квалификационн\w* характеристик|біліктілік сипаттамалар", re.I)),
    ("professional_standard", re.compile(r"профессиональн\w* стандарт|кәсіби стандарт|кәсіптік стандарт", re.I)),
    ("rules", re.compile(r"\bПравил[аo]?\b|қағидалар", re.I)),
)

LANG_IN_NAME = re.compile(r"\.(?P<lang>ru|kk|rus|kaz)\.[A-Za-z]+$")
EDITION_IN_NAME = re.compile(r"\.ed(?P<date>\d{4}-\d{2}-\d{2})\.")
KK_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
KK_SHARE = 0.01  # Kazakh texts run at 4–8 % of these letters; Russian ones at ~0 (a stray "Әділет")


@dataclass
class Read:
    """One field of the act as read, with where it was read (said back to the user)."""

    value: Any
    source: str


@dataclass
class Facts:
    """What ``add`` knows about one file before it touches the corpus."""

    path: str
    sha256: str
    lang: Read
    format: Read
    fields: dict[str, Read] = field(default_factory=dict)  # type, number, date, issuer, title, registration, edition, subject
    copied_after: str | None = None  # latest amending act the text mentions (for a copy of unknown date)

    def get(self, name: str) -> Any:
        r = self.fields.get(name)
        return r.value if r else None


# --- the verb ------------------------------------------------------------------------------------


def add_add(sub) -> None:
    p = sub.add_parser("add", help="put texts into the corpus and write or extend their act.json",
                       description="Copy each FILE into the corpus and describe it in its act's act.json from "
                                   "what the text says; flags give what it does not say.")
    p.add_argument("files", nargs="+", metavar="FILE", help="a text of an act (ru or kk; any known format)")
    p.add_argument("--lang", choices=["ru", "kk"], help="language (default: from the file name, else the text)")
    p.add_argument("--format", dest="fmt", help="source format (default: sniffed from the text)")
    p.add_argument("--edition-date", dest="edition_date",
                   help=f"the date of the edition the text shows, {DATE_HELP} (default: from the publication, "
                        "else a copy)")
    p.add_argument("--act", help="join this existing act (work id, number or folder) as another language or edition")
    p.add_argument("--number", help="the act's number, when the text gives none (№ ___)")
    p.add_argument("--date", help=f"the act's date ({DATE_HELP}), when the text gives none")
    p.add_argument("--type", dest="act_type", choices=["order", "law", "code", "resolution", "decree"],
                   help="the act's type, when the text does not say")
    p.add_argument("--issuer", help="who issued the act, when the text does not say")
    p.add_argument("--title", help="the act's title, when the text has none")
    p.add_argument("--subject", choices=["tkh", "professional_standard", "rules"],
                   help="what the act is (default: from its title; else none)")
    location_args(p, data=False)
    p.add_argument("--json", action="store_true", help="JSON for scripts")


def cmd_add(args: argparse.Namespace) -> int:
    for name in ("date", "edition_date"):
        value = getattr(args, name)
        if value is not None and not _is_date(value):
            raise CliError(f"--{name.replace('_', '-')}: expected a date YYYY-MM-DD, got {value!r}")
    if not os.path.isdir(args.corpus):
        if not args.corpus_from.startswith("per-user"):
            raise CliError(f"{args.corpus}: no corpus folder (from {args.corpus_from}; give --corpus)")
        os.makedirs(args.corpus)  # the per-user corpus is made on the first `add`

    results = []
    for path in args.files:
        if not os.path.isfile(path):
            raise CliError(f"{path}: no such file")
        facts = read_facts(path, args)
        results.append(put(facts, args))
        if not args.json:
            _say(results[-1])
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


def _say(res: dict[str, Any]) -> None:
    if res["status"] == "unchanged":
        print(f"{res['file']}: already in the corpus as {res['text']} ({res['act']}); nothing to do")
        return
    verb = "new act" if res["status"] == "added" else "joined"
    print(f"{res['file']} → {res['text']}  ({verb} {res['act']})")
    for name, r in res["read"].items():
        print(f"  {name}: {r['value']}  ({r['source']})")
    for note in res.get("notes", []):
        print(f"  note: {note}")


# --- reading a file ------------------------------------------------------------------------------


#: Flags that give a field the text does not (or give it otherwise): (field, argument, flag).
OVERRIDES = (("number", "number", "--number"), ("date", "date", "--date"), ("type", "act_type", "--type"),
             ("issuer", "issuer", "--issuer"), ("title", "title", "--title"),
             ("edition", "edition_date", "--edition-date"), ("subject", "subject", "--subject"))


def read_facts(path: str, args: argparse.Namespace) -> Facts:
    """Everything the file (and the flags) say about its act; nothing written yet."""
    from parser.corpus import sha256
    from parser.pipeline import ParseError, decode, parse_path

    with open(path, "rb") as fh:
        data = fh.read()
    try:
        text = decode(data, path)
    except ParseError as err:
        raise CliError(str(err)) from None
    lang = _lang(path, text, args.lang)
    fmt = _format(text, args.fmt)
    try:
        doc = parse_path(path, lang.value, fmt.value)
    except ParseError as err:
        raise CliError(str(err)) from None
    if fmt.value is None:
        fmt = Read(doc.format, "sniffed by the parser")
    hdr = doc.header
    sources: dict[str, str] = getattr(hdr, "sources", None) or {}

    def said(name: str, attr: str | None = None) -> Read | None:
        value = getattr(hdr, attr or name, None)
        if isinstance(value, str):
            value = _clean(value)
        if value in (None, "", {}):
            return None
        return Read(value, f"text: {sources.get(attr or name, 'header')}")

    f: dict[str, Read | None] = {
        "number": said("number"),
        "date": said("date"),
        "issuer": said("issuer"),
        "title": said("title"),
        "registration": said("registration"),
        "edition": said("edition"),
        "type": _type(hdr, text, sources),
    }
    if f["number"] and not re.search(r"\w", f["number"].value.replace("_", "")):
        f["number"] = None  # "№ ___": a blank form, not a number
    if f["date"] and not _is_date(f["date"].value):
        f["date"] = None
    if f["edition"] is None:
        m = EDITION_IN_NAME.search(os.path.basename(path))
        if m and _is_date(m.group("date")):
            f["edition"] = Read(m.group("date"), "file name")
    for name, attr, flag in OVERRIDES:
        value = getattr(args, attr)
        if value is not None:
            f[name] = Read(value, flag)
    if f.get("subject") is None and f["title"] is not None:
        f["subject"] = next((Read(s, "title") for s, rx in SUBJECT_WORDS if rx.search(f["title"].value)), None)
    if f["date"] is not None and not _is_date(f["date"].value):
        raise CliError(f"{path}: date: expected YYYY-MM-DD, got {f['date'].value!r}")
    facts = Facts(path=path, sha256=sha256(path), lang=lang, format=fmt,
                  fields={k: v for k, v in f.items() if v is not None})
    dates = [a.amending_act.date for a in doc.amendments
             if not a.prospective and a.amending_act is not None and a.amending_act.date]
    facts.copied_after = max(dates) if dates else None
    return facts


def _lang(path: str, text: str, flag: str | None) -> Read:
    if flag:
        return Read(flag, "--lang")
    m = LANG_IN_NAME.search(os.path.basename(path))
    if m:
        return Read({"rus": "ru", "kaz": "kk"}.get(m.group("lang"), m.group("lang")), "file name")
    letters = [c for c in text if "\u0400" <= c <= "\u04ff"]
    if not letters:
        raise CliError(f"{path}: no Cyrillic text to tell the language from; give --lang ru|kk")
    share = sum(c in KK_LETTERS for c in letters) / len(letters)
    return Read("kk" if share >= KK_SHARE else "ru", f"text: Kazakh letters {share:.1%} of Cyrillic")


def _format(text: str, flag: str | None) -> Read:
    from parser.clean import FORMATS

    if flag:
        if flag not in FORMATS:
            raise CliError(f"--format: expected one of {', '.join(sorted(FORMATS))}, got {flag!r}")
        return Read(flag, "--format")
    try:
        from parser.sniff import sniff_format
    except ImportError:
        return Read(None, "")
    return Read(sniff_format(text), "sniffed")


def _type(hdr: Any, text: str, sources: dict[str, str]) -> Read | None:
    word = getattr(hdr, "act_type", None)
    if word and word.lower() in TYPE_WORDS:
        return Read(TYPE_WORDS[word.lower()], f"text: {sources.get('act_type', 'header')} ({word})")
    hits = [(m.start(), t, m.group(0)) for t, rx in TYPE_FORMULAS if (m := rx.search(text))]
    if hits:
        _, t, found = min(hits)
        return Read(t, f"text: {found!r}")
    return None


def _clean(value: str) -> str:
    """A header field as one line: no markdown heading or emphasis marks, single spaces."""
    value = re.sub(r"^#+\s*", "", value.strip()).strip("*_ ")
    return " ".join(value.split())


def _is_date(value: Any) -> bool:
    from parser.corpus import is_iso_date

    return is_iso_date(value)


# --- writing the corpus --------------------------------------------------------------------------

FLAGS = {"number": "--number", "date": "--date", "type": "--type", "title": "--title"}


def put(facts: Facts, args: argparse.Namespace) -> dict[str, Any]:
    """Copy the file into its act's folder and write the act's ``act.json``; a report."""
    from parser.corpus import META, CorpusError, check_meta

    root = args.corpus
    same = _find_sha(root, facts.sha256)
    if same:
        folder, file = same
        return {"file": facts.path, "status": "unchanged", "act": _work_of(folder),
                "text": os.path.join(folder, file)}
    folder, meta = _existing_act(root, facts, args.act)
    lang = facts.lang.value
    notes: list[str] = []
    if meta is None:
        missing = [k for k in ("type", "number", "date", "title") if facts.get(k) is None]
        if missing:
            raise CliError(f"{facts.path}: the text does not give the act's {', '.join(missing)}; "
                           f"give {'them' if len(missing) > 1 else 'it'} with "
                           f"{', '.join(FLAGS[k] for k in missing)} (or --act to join an act in the corpus)")
        from kb.ids import slug_number, work_id

        work = work_id(facts.get("type"), facts.get("date"), facts.get("number"))
        folder = os.path.join(root, f"{facts.get('type')}-{facts.get('date')}-{slug_number(facts.get('number'))}")
        meta = {"work": work, "type": facts.get("type"), "number": facts.get("number"), "date": facts.get("date"),
                "issuer": {lang: facts.get("issuer")} if facts.get("issuer") else None,
                "registration": facts.get("registration"), "title": {lang: facts.get("title")}}
        if facts.get("subject"):
            meta["subject"] = facts.get("subject")
        meta["expressions"] = []
        status = "added"
        if facts.get("issuer") is None:
            notes.append("the text does not name the issuer; give --issuer to record it")
    else:
        status = "joined"
        _agree(facts, meta, os.path.join(folder, META))
        if facts.get("title") and lang not in meta["title"]:
            meta["title"][lang] = facts.get("title")
        if facts.get("issuer"):
            if not meta.get("issuer"):
                meta["issuer"] = {}
            meta["issuer"].setdefault(lang, facts.get("issuer"))
        if facts.get("registration") and not meta.get("registration"):
            meta["registration"] = facts.get("registration")
        if facts.get("subject") and not meta.get("subject"):
            meta["subject"] = facts.get("subject")
        if lang not in meta["title"]:
            raise CliError(f"{facts.path}: the text has no {lang} title for {meta['work']}; give it with --title")
    edition = _edition(facts)
    for e in meta["expressions"]:
        if e["lang"] == lang and (e.get("edition") or {}).get("date") == edition.get("date"):
            what = f"the edition of {edition['date']}" if edition.get("date") else "a copy of unknown date"
            raise CliError(f"{facts.path}: {meta['work']} already has a {lang} text of {what} ({e['file']}); "
                           "give --edition-date for another edition")
    ext = os.path.splitext(facts.path)[1].lower() or ".txt"
    name = f"{lang}{ext}" if "date" not in edition else f"{lang}.{edition['date']}{ext}"
    if os.path.exists(os.path.join(folder, name)):
        raise CliError(f"{facts.path}: {os.path.join(folder, name)} exists and is not in its act.json; "
                       "move it away or list it there")
    fmt = facts.format.value
    meta["expressions"].append({"lang": lang, "file": name, "source": os.path.basename(facts.path),
                                "format": fmt, "sha256": facts.sha256, "edition": edition})
    meta_path = os.path.join(folder, META)
    try:
        check_meta(meta, meta_path)
    except CorpusError as err:
        raise CliError(f"{facts.path}: would write a bad act.json: {err}") from None
    os.makedirs(folder, exist_ok=True)
    shutil.copyfile(facts.path, os.path.join(folder, name))
    tmp = meta_path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(meta, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    os.replace(tmp, meta_path)
    read = {"language": facts.lang, "format": facts.format, **facts.fields}
    return {"file": facts.path, "status": status, "act": meta["work"], "folder": folder,
            "text": os.path.join(folder, name), "expression": meta["expressions"][-1],
            "read": {k: {"value": v.value, "source": v.source} for k, v in read.items()}, "notes": notes}


def _edition(facts: Facts) -> dict[str, Any]:
    if facts.get("edition"):
        return {"kind": "edition", "date": facts.get("edition")}
    if facts.copied_after:
        return {"kind": "copy", "copied_after": facts.copied_after,
                "note": f"a copy of unknown date; the latest amending act it mentions is of {facts.copied_after}"}
    return {"kind": "copy", "note": "a copy of unknown date; it mentions no amending act"}


def _agree(facts: Facts, meta: dict[str, Any], where: str) -> None:
    """The text joins an act only if what it says agrees with the act's ``act.json``."""
    from kb.ids import slug_number

    for name in ("number", "date", "type"):
        mine, theirs = facts.get(name), meta.get(name)
        if mine is None or theirs is None:
            continue
        if (slug_number(mine) if name == "number" else mine) != (slug_number(theirs) if name == "number" else theirs):
            raise CliError(f"{facts.path}: {name}: the text says {mine!r} ({facts.fields[name].source}) "
                           f"but {where} says {theirs!r}")
    reg, theirs = facts.get("registration"), meta.get("registration")
    if reg and theirs and reg != theirs:
        raise CliError(f"{facts.path}: registration: the text says {reg} but {where} says {theirs}")


def _acts(root: str):
    """(folder, act.json dict) of every act folder whose metadata reads as JSON."""
    from parser.corpus import META

    for name in sorted(os.listdir(root)):
        path = os.path.join(root, name, META)
        if not os.path.isfile(path):
            continue
        try:
            with open(path, encoding="utf-8") as fh:
                meta = json.load(fh)
        except (OSError, json.JSONDecodeError):
            continue
        if isinstance(meta, dict) and isinstance(meta.get("expressions"), list):
            yield os.path.join(root, name), meta


def _find_sha(root: str, sha: str) -> tuple[str, str] | None:
    for folder, meta in _acts(root):
        for e in meta["expressions"]:
            if isinstance(e, dict) and e.get("sha256") == sha:
                return folder, e.get("file", "")
    return None


def _work_of(folder: str) -> str:
    from parser.corpus import META

    with open(os.path.join(folder, META), encoding="utf-8") as fh:
        return json.load(fh).get("work", folder)


def _existing_act(root: str, facts: Facts, act: str | None) -> tuple[str | None, dict[str, Any] | None]:
    """The act a text joins: ``--act`` (work id, number or folder name), else the act with the
    same number and date; ``(None, None)`` for a new act."""
    from kb.ids import slug_number

    acts = list(_acts(root))
    if act:
        found = [(f, m) for f, m in acts
                 if act in (m.get("work"), m.get("number"), os.path.basename(f))
                 or slug_number(act) == slug_number(str(m.get("number", "")))]
        if not found:
            raise CliError(f"--act {act}: no such act in {root} (give a work id, a number or a folder name)")
        if len(found) > 1:
            raise CliError(f"--act {act}: names {len(found)} acts ({', '.join(m['work'] for _, m in found)}); "
                           "give the work id")
        return found[0]
    number, date = facts.get("number"), facts.get("date")
    if number is None or date is None:
        return None, None
    for folder, meta in acts:
        if meta.get("date") == date and slug_number(str(meta.get("number", ""))) == slug_number(number):
            return folder, meta
    return None, None


register(add_add, "add", cmd_add)
