"""Errors a client can act on, and the handlers that turn them into JSON.

Every error body has the same shape::

    {"detail": {"error": "...", "message": "...", "lang": "ru",
                "id": "...", "parameter": "...", "hint": "..."}}

(``error`` is the machine error, in English and stable; ``message`` says it to a person in the
language asked — ``lang=ru|kk`` in the query, else ``Accept-Language``, else the default
language — from the catalogue :mod:`api.web.messages.errors`; ``id`` for unknown resources,
``parameter`` for bad input; ``hint`` says what would work.)

* :class:`ApiError` — raised by routes and dependencies with a status and those fields;
* lower layers raise ``ValueError`` (bad input) and ``LookupError`` (``kb.queries.NotFound``,
  ``Ambiguous``): the handlers map them to 400 / 404 / 409, so bad input never ends in a 500;
* FastAPI's own validation errors (a ``limit`` of 0, a non-integer ``visits_per_day``) become
  422 with the parameter named.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse


class ApiError(Exception):
    """An HTTP error with a structured body; also readable as one line (the CLI prints it)."""

    def __init__(
        self,
        status: int,
        error: str,
        *,
        id: str | None = None,
        parameter: str | None = None,
        hint: str | None = None,
        **extra: Any,
    ):
        self.status = status
        self.detail: dict[str, Any] = {"error": error}
        if id is not None:
            self.detail["id"] = id
        if parameter is not None:
            self.detail["parameter"] = parameter
        if hint is not None:
            self.detail["hint"] = hint
        self.detail.update(extra)
        super().__init__(str(self))

    def __str__(self) -> str:
        d = self.detail
        head = (
            d["error"]
            + (f": {d['id']!r}" if "id" in d else "")
            + (f" ({d['parameter']})" if "parameter" in d else "")
        )
        return head + (f"; {d['hint']}" if "hint" in d else "")


def not_found(what: str, id: str, hint: str, **extra: Any) -> ApiError:
    """404: ``what`` names the kind of resource (``"no act"``, ``"no position"``)."""
    return ApiError(404, what, id=id, hint=hint, **extra)


def bad_param(parameter: str, message: str, status: int = 422, hint: str | None = None) -> ApiError:
    """422 (or 400) naming the query parameter at fault."""
    return ApiError(status, message, parameter=parameter, hint=hint)


def not_wired(feature: str, err: Exception) -> ApiError:
    """501: a lower-layer module this route adapts is not there yet."""
    return ApiError(501, f"{feature} is not available in this build", hint=f"{type(err).__name__}: {err}")


#: 404 errors by the kind of resource (``not_found(what, …)``) → message key.
_NOT_FOUND = {
    "no act": "no_act",
    "no position": "no_position",
    "no profession card": "no_card",
    "no referenced act": "no_referenced_act",
    "no unit": "no_unit",
    "no staffing norms": "no_rows",
    "no staffing rows": "no_rows",
    "no register rows": "no_rows",
    "no ru and kk texts of act": "no_parity",
}
_DATES = ("as_of", "from", "to")
_PAGE = ("limit", "offset")
_QUERY = (  # (words of the error, key) for the search query ``q``
    ("empty", "query_empty"),
    ("too long", "query_too_long"),
    ("control", "query_control"),
    ("punctuation", "query_no_words"),
)


def message_key(status: int, detail: dict[str, Any]) -> str:
    """The catalogue key (``api.error.…``) of an error body.

    >>> message_key(404, {"error": "no act", "id": "nope"})
    'api.error.no_act'
    >>> message_key(422, {"error": "as_of: not a date", "parameter": "as_of"})
    'api.error.bad_date'
    """
    error, param = str(detail.get("error") or ""), detail.get("parameter")
    key = "other"
    if status == 404:
        key = _NOT_FOUND.get(error, "not_found")
    elif status == 409:
        key = "ambiguous"
    elif status == 501:
        key = "not_wired"
    elif status == 503:
        key = "search_index"
    elif param in _DATES:
        key = "date_order" if "is after" in error else "date_required" if "required" in error else "bad_date"
    elif param == "lang":
        key = "bad_lang"
    elif param in _PAGE:
        key = "bad_page"
    elif param == "q":
        key = next((k for words, k in _QUERY if words in error), "bad_param")
    elif param:
        key = "bad_param"
    elif status == 400:
        key = "bad_request"
    return f"api.error.{key}"


def request_lang(request: Request | None) -> str:
    """The language an answer's messages are in: ``lang`` of the query, else the first of
    ``Accept-Language`` that is ru or kk, else the app's default language."""
    from .web.i18n import pick_lang

    if request is None:
        return "ru"
    query = request.query_params.get("lang")
    if query in ("ru", "kk"):
        return query
    header = pick_lang(request.headers.get("accept-language"))
    if header:
        return header
    settings = getattr(request.app.state, "settings", None)
    default = getattr(settings, "default_lang", "ru")
    return default if default in ("ru", "kk") else "ru"


def localize(status: int, detail: dict[str, Any], lang: str) -> dict[str, Any]:
    """``detail`` with ``message`` (in ``lang``) and ``lang`` after ``error``."""
    from .web.i18n import catalogue

    texts = catalogue()[message_key(status, detail)]
    fields = {
        "id": detail.get("id") or "",
        "parameter": detail.get("parameter") or "",
        "count": len(detail.get("candidates") or ()),
        "status": status,
    }
    message = texts[lang].format(**fields)
    return {"error": detail.get("error"), "message": message, "lang": lang, **detail}


def _json(status: int, detail: dict[str, Any], request: Request | None = None) -> JSONResponse:
    detail = localize(status, detail, request_lang(request))
    return JSONResponse(status_code=status, content={"detail": detail})


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""
    from kb.queries import Ambiguous

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return _json(exc.status, exc.detail, request)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        first = errors[0] if errors else {}
        loc = [str(p) for p in first.get("loc", ()) if p not in ("query", "path", "body")]
        return _json(
            422,
            {
                "error": f"invalid {'.'.join(loc) or 'request'}: {first.get('msg', 'invalid value')}",
                "parameter": ".".join(loc) or None,
                "errors": [
                    {
                        "parameter": ".".join(str(p) for p in e.get("loc", ())[1:]),
                        "message": e.get("msg"),
                        "input": _plain(e.get("input")),
                    }
                    for e in errors
                ],
            },
            request,
        )

    @app.exception_handler(Ambiguous)
    async def _ambiguous(request: Request, exc: Ambiguous) -> JSONResponse:
        return _json(409, {"error": "ambiguous", "hint": str(exc), "candidates": exc.candidates}, request)

    @app.exception_handler(LookupError)
    async def _lookup(request: Request, exc: LookupError) -> JSONResponse:
        return _json(404, {"error": "not found", "hint": str(exc)}, request)

    @app.exception_handler(ValueError)
    async def _value(request: Request, exc: ValueError) -> JSONResponse:
        return _json(400, {"error": "bad request", "hint": str(exc)}, request)


def _plain(value: Any) -> Any:
    return value if isinstance(value, str | int | float | bool | type(None)) else str(value)
