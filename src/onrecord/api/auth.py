"""The API key that write requests need: ``ONRECORD_API_KEY`` at server start; no key, no writes."""

from __future__ import annotations

import secrets

from fastapi import HTTPException, Request


def check_key(expected: str | None, given: str | None) -> None:
    """403 when writes are off or ``given`` is wrong, 401 when no key was given."""
    if not expected:
        raise HTTPException(403, "writes are disabled: start the server with ONRECORD_API_KEY set")
    if not given:
        raise HTTPException(
            401, "an API key is needed to write (X-API-Key header)", {"WWW-Authenticate": "Bearer"}
        )
    if not secrets.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(403, "wrong API key")


def request_key(request: Request) -> str | None:
    """The key a request carries: ``X-API-Key``, else ``Authorization: Bearer …``."""
    given = request.headers.get("x-api-key")
    authorization = request.headers.get("authorization", "")
    if given is None and authorization.lower().startswith("bearer "):
        given = authorization[7:].strip()
    return given
