"""Dependencies of the routes, in one place: the KB and settings, query parameters checked
with an error naming the parameter, and the resolvers that turn the ids a client sends into
graph node ids.

Ids in URLs
-----------
Act work ids and position ids contain slashes (``/akn/kz/act/order/2025-10-24/580-nk``), so
routes take them with a ``{…:path}`` converter; a client may send them URL-encoded or not.

* an **act** is its work id (with or without the leading slash), or its number as printed
  (``580-НҚ``) or slugged (``580-nk``, ``360``);
* a **position** is its node id (``/akn/kz/act/order/2025-10-24/580-nk/~pos:chp_2__para_12``),
  or ``<act number>:<unit id>`` (``580-НҚ:chp_2__para_12``);
* a **profession card** is its node id (``…/125/~card:chp_3__point_13``), ``<act number>:<card
  id>`` (``125:chp_3__point_13``) or its card id alone when that is unique;
* a **referenced act** is its id (``kz/code/labour``) or a name (``Трудовой кодекс``).

The resolvers are plain functions (the CLI uses them too) raising :class:`~api.errors.ApiError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Query, Request

from kb import ids
from kb.build import KB, position_id
from kb.graphstore import nodes_of_kind

from .context import Settings, check_date
from .errors import ApiError, bad_param, not_found, not_wired
from .views import LANGS

MAX_LIMIT = 200


# --- application state ------------------------------------------------------------------


def get_kb(request: Request) -> KB:
    return request.app.state.kb


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


KbDep = Annotated[KB, Depends(get_kb)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


# --- query parameters ---------------------------------------------------------------------


def parse_date(value: str | None, name: str) -> str | None:
    """An ISO date or None; 422 naming ``name`` otherwise."""
    try:
        return check_date(value, name)
    except ValueError as err:
        raise bad_param(name, str(err), hint="a date YYYY-MM-DD such as 2026-06-01") from None


def parse_lang(value: str | None, name: str = "lang") -> str | None:
    if value is None or value in LANGS:
        return value
    raise bad_param(name, f"{name}: unknown language {value!r}", hint="ru or kk")


def as_of_param(
    settings: SettingsDep,
    as_of: Annotated[
        str | None, Query(description="a date YYYY-MM-DD (default: today or $ZANGRAPH_AS_OF)")
    ] = None,
) -> str:
    return settings.as_of(parse_date(as_of, "as_of"))


def lang_param(
    settings: SettingsDep,
    lang: Annotated[str | None, Query(description="ru or kk (default: $ZANGRAPH_LANG or ru)")] = None,
) -> str:
    return parse_lang(lang) or settings.default_lang


def optional_lang_param(
    lang: Annotated[str | None, Query(description="ru or kk (default: both)")] = None,
) -> str | None:
    return parse_lang(lang)


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int

    def slice(self, rows: list[Any]) -> dict[str, Any]:
        """The list answer: ``{"data", "count", "limit", "offset"}`` (count: all rows)."""
        return {
            "data": rows[self.offset : self.offset + self.limit],
            "count": len(rows),
            "limit": self.limit,
            "offset": self.offset,
        }


def page_param(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"rows per page, 1–{MAX_LIMIT}")] = 50,
    offset: Annotated[int, Query(ge=0, description="rows to skip")] = 0,
) -> Page:
    return Page(limit, offset)


def date_range(date_from: str | None, date_to: str | None) -> tuple[str, str]:
    """``from`` and ``to`` (both required); 422 naming a bad one, 400 when from > to."""
    a, b = parse_date(date_from, "from"), parse_date(date_to, "to")
    if a is None:
        raise bad_param("from", "from: a date is required", hint="from=2026-06-01&to=2026-11-24")
    if b is None:
        raise bad_param("to", "to: a date is required", hint="from=2026-06-01&to=2026-11-24")
    if a > b:
        raise bad_param("from", f"from ({a}) is after to ({b})", status=400, hint="swap the dates")
    return a, b


AsOf = Annotated[str, Depends(as_of_param)]
Lang = Annotated[str, Depends(lang_param)]
OptLang = Annotated[str | None, Depends(optional_lang_param)]
PageDep = Annotated[Page, Depends(page_param)]


# --- resolvers --------------------------------------------------------------------------------


def resolve_act(kb: KB, act: str) -> str:
    """An act's work id from its id (with or without the leading slash) or its number."""
    q = act.strip()
    for cand in (q, "/" + q.lstrip("/")):
        if cand in kb.acts:
            return cand
    found = [w for w, m in kb.acts.items() if q and ids.slug_number(m["number"]) == ids.slug_number(q)]
    if len(found) == 1:
        return found[0]
    numbers = ", ".join(sorted(m["number"] for m in kb.acts.values()))
    raise not_found("no act", act, f"give a work id from /acts or a number: {numbers}")


def _node(kb: KB, ref: str, kind: str, local_id, what: str, hint: str) -> str | None:
    """A node of ``kind`` named by its id (with or without the leading slash) or by
    ``<act number>:<local id>`` (``local_id(work, local)`` makes the node id); None if neither."""
    g = kb.graph
    q = ref.strip()
    for cand in (q, "/" + q.lstrip("/")):
        if cand in g and g.nodes[cand].get("kind") == kind:
            return cand
    if ":" in q and not q.startswith(("/", "akn/")):
        act, local = q.split(":", 1)
        try:
            work = resolve_act(kb, act)
        except ApiError:
            raise not_found(what, ref, f"no act {act!r}; {hint}") from None
        nid = local_id(work, local.strip())
        if nid in g and g.nodes[nid].get("kind") == kind:
            return nid
    return None


def resolve_position(kb: KB, ref: str, act: str | None = None) -> str:
    """A position node id from its node id, ``<act number>:<unit id>``, or a title where it is
    unambiguous, as the CLI takes it: ``Юрист`` with ``act`` 580-НҚ, ``580-НҚ:Юрист``, or a title
    that one position has.  A title that names several positions is a 409 ``ambiguous`` with
    the ``candidates``; one that names none, a 404 (both :class:`~api.errors.ApiError`)."""
    from kb.queries import Ambiguous, NotFound
    from kb.queries import resolve_position as by_title

    hint = (
        "give a position id from /positions, <act number>:<unit id> such as 580-НҚ:chp_2__para_12, "
        "or a title (Юрист) with act=580-НҚ"
    )
    pid = _node(kb, ref, "position", position_id, "no position", hint)
    if pid is not None:
        return pid
    query, work = ref.strip(), resolve_act(kb, act) if act else None
    head, sep, rest = query.partition(":")
    if sep and work is None and not query.startswith(("/", "akn/")):
        work, query = resolve_act(kb, head), rest.strip()  # _node has checked the act exists
    if not query or query.startswith(("/", "akn/")):
        raise not_found("no position", ref, hint)
    try:
        return by_title(kb, query, work)
    except NotFound:
        raise not_found("no position", ref, hint) from None
    except Ambiguous as err:
        raise ApiError(409, "ambiguous", id=ref, hint=str(err), candidates=err.candidates) from None


def resolve_card(kb: KB, ref: str) -> str:
    """A profession card node id from its node id, ``<act number>:<card id>`` or the card id
    alone when one card has it."""
    hint = "give a card id from /professions, or <act number>:<card id> such as 125:chp_3__point_13"
    cid = _node(kb, ref, "card", lambda work, local: f"{work}/~card:{local}", "no profession card", hint)
    if cid is not None:
        return cid
    suffix = f"/~card:{ref.strip()}"
    same = [n for n, _ in nodes_of_kind(kb.graph, "card") if n.endswith(suffix)]
    if len(same) == 1:
        return same[0]
    raise not_found("no profession card", ref, hint)


def resolve_referenced_act(kb: KB, ref: str) -> str:
    """A referenced act node id (``ref:<id>``) from its id or a name."""
    from kb.queries import resolve_ref

    try:
        return resolve_ref(kb, ref)
    except LookupError as err:
        raise not_found("no referenced act", ref, str(err)) from None


# --- adapters to modules being written elsewhere -----------------------------------------------


def lazy(module: str, name: str, feature: str):
    """``module.name``, imported now; 501 naming ``feature`` when it is not there (yet)."""
    import importlib

    try:
        return getattr(importlib.import_module(module), name)
    except ImportError as err:
        raise not_wired(feature, err) from None
    except AttributeError:
        raise not_wired(feature, ImportError(f"{module} has no {name}")) from None


def jsonable(obj: Any) -> Any:
    """A lower layer's answer as JSON-ready data (``to_dict``/``as_dict`` when it has one)."""
    from fastapi.encoders import jsonable_encoder

    for meth in ("to_dict", "as_dict"):
        if hasattr(obj, meth) and callable(getattr(obj, meth)):
            return jsonable(getattr(obj, meth)())
    if isinstance(obj, list | tuple):
        return [jsonable(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    return jsonable_encoder(obj)
