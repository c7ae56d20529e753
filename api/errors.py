"""Errors a client can act on, and the handlers that turn them into JSON.

Every error body has the same shape::

    {"detail": {"error": "...", "id": "...", "parameter": "...", "hint": "..."}}

(``id`` for unknown resources, ``parameter`` for bad input; ``hint`` says what would work.)

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


def _json(status: int, detail: dict[str, Any]) -> JSONResponse:
    return JSONResponse(status_code=status, content={"detail": detail})


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""
    from kb.queries import Ambiguous

    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        return _json(exc.status, exc.detail)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
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
        )

    @app.exception_handler(Ambiguous)
    async def _ambiguous(_: Request, exc: Ambiguous) -> JSONResponse:
        return _json(409, {"error": "ambiguous", "hint": str(exc), "candidates": exc.candidates})

    @app.exception_handler(LookupError)
    async def _lookup(_: Request, exc: LookupError) -> JSONResponse:
        return _json(404, {"error": "not found", "hint": str(exc)})

    @app.exception_handler(ValueError)
    async def _value(_: Request, exc: ValueError) -> JSONResponse:
        return _json(400, {"error": "bad request", "hint": str(exc)})


def _plain(value: Any) -> Any:
    return value if isinstance(value, str | int | float | bool | type(None)) else str(value)
