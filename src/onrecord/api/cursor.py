"""Opaque page cursors: where the next page starts, as a URL-safe token the client hands back unchanged.

A cursor holds the sort key of the last record sent, ``(date, id)``, so a page costs the same however
deep it is and rows added meanwhile neither repeat nor vanish (keyset paging), or, for lists sorted in
Python, an offset.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import date


class BadCursor(ValueError):
    """A cursor this server did not make."""

    def __init__(self) -> None:
        super().__init__("cursor: not a cursor this server gave out (use the `next` link of a page)")


def encode(value: tuple[date, int] | int) -> str:
    raw = [value[0].isoformat(), value[1]] if isinstance(value, tuple) else value
    return base64.urlsafe_b64encode(json.dumps(raw).encode()).decode().rstrip("=")


def _decode(token: str):
    try:
        return json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise BadCursor() from None


def decode_key(token: str | None) -> tuple[date, int] | None:
    """The ``(date, id)`` a keyset cursor holds; None for no cursor (the first page)."""
    if token is None:
        return None
    value = _decode(token)
    if not (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], str)
        and type(value[1]) is int
        and abs(value[1]) < 2**62
    ):
        raise BadCursor()
    try:
        return date.fromisoformat(value[0]), value[1]
    except ValueError:
        raise BadCursor() from None


def decode_offset(token: str | None) -> int:
    """The offset an offset cursor holds; 0 for no cursor."""
    if token is None:
        return 0
    value = _decode(token)
    if type(value) is not int or value < 0:
        raise BadCursor()
    return value
