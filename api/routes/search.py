"""``/search``: morphological ru/kk search over the units, as of a date (an adapter to
:mod:`index.search`).

The query is checked here first, so a bad one is a 400 whether or not search is wired: empty,
only punctuation, longer than 1000 characters, or with control characters.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated, Any

from fastapi import APIRouter, Query

from ..context import index_path
from ..deps import KbDep, PageDep, SettingsDep, jsonable, lazy, parse_date, parse_lang, resolve_act
from ..errors import ApiError, bad_param
from ..schemas import ERRORS, SearchOut

router = APIRouter(tags=["search"], responses={**ERRORS, 400: ERRORS[422]})

MAX_QUERY_CHARS = 1000


def check_query(q: str | None) -> str:
    """The query with whitespace runs made single spaces; 400 naming ``q`` for a bad one."""
    if q is None or not q.strip():
        raise bad_param("q", "q: the query is empty", status=400, hint="type a word, e.g. психолог")
    if len(q) > MAX_QUERY_CHARS:
        raise bad_param(
            "q", f"q: the query is too long ({len(q)} characters, at most {MAX_QUERY_CHARS})", status=400
        )
    bad = sorted({f"U+{ord(c):04X}" for c in q if unicodedata.category(c) == "Cc" and c not in "\t\n\r"})
    if bad:
        raise bad_param("q", f"q: the query contains control characters ({', '.join(bad)})", status=400)
    if not any(c.isalnum() for c in q):
        raise bad_param("q", "q: the query has no words, only punctuation", status=400, hint="type a word")
    return " ".join(q.split())


def _kinds() -> tuple[str, ...] | None:
    try:
        from index.schema import KINDS
    except ImportError:
        return None
    return tuple(KINDS)


@router.get(
    "/search",
    response_model=SearchOut,
    summary="Search units (ru/kk, every inflected form), as of a date",
)
def search(
    kb: KbDep,
    settings: SettingsDep,
    page: PageDep,
    q: Annotated[
        str | None, Query(description='words, "a phrase", OR, NOT, filters such as act:580-НҚ')
    ] = None,
    lang: Annotated[str | None, Query(description="ru or kk (default: both)")] = None,
    as_of: Annotated[str | None, Query(description="YYYY-MM-DD (default: today)")] = None,
    kind: Annotated[
        str | None, Query(description="duty, must_know, requirement, card_item, rule, staffing_row…")
    ] = None,
    act: Annotated[str | None, Query(description="an act id or number")] = None,
) -> dict[str, Any]:
    """Hits (``data``) with a snippet (matches in ``<b>``), breadcrumb, flags on ``as_of`` and
    aligned units of the other language; ``count`` of all hits, ``facets`` (act, lang, kind,
    group, okr) and a ``did_you_mean`` when a word is nowhere in the index.  A unit whose text
    in force is not in the corpus on ``as_of`` is returned with a ``superseded`` /
    ``earlier_text_not_in_corpus`` flag."""
    text = check_query(q)
    lang = parse_lang(lang)
    date = settings.as_of(parse_date(as_of, "as_of"))
    kinds = _kinds()
    if kind is not None and kinds is not None and kind not in kinds:
        raise bad_param("kind", f"kind: unknown kind {kind!r}", hint=", ".join(kinds))
    work = resolve_act(kb, act) if act else None
    fn = lazy("index.search", "search", "search (index.search.search)")
    stale = lazy("index.search", "StaleIndex", "search (index.search.StaleIndex)")
    try:
        res = fn(
            index_path(settings.data_dir),
            text,
            lang=lang,
            as_of=date,
            kind=kind,
            act=work,
            limit=page.limit,
            offset=page.offset,
            kb=kb,
        )
    except (FileNotFoundError, stale) as err:
        raise ApiError(
            503, "the search index is missing or out of date", hint=f"{err}; run `zangraph build`"
        ) from None
    res = jsonable(res)
    return {
        "data": res.pop("hits", []),
        "count": res.pop("total", 0),
        "limit": page.limit,
        "offset": page.offset,
        **{k: v for k, v in res.items() if k not in ("limit", "offset")},
    }
