"""What a source says about an article besides its text, and how sources of it are combined.

Takes the raw values readers find (date strings, bylines, a file's name and ``.date`` sidecar); gives
:class:`Metadata` values, merged so that the first source that knows a field wins, and stable ids.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import Counter
from dataclasses import dataclass, fields
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

SIDECAR_SUFFIX = ".date"  # story.txt is dated by story.date, which holds YYYY-MM-DD
SIDECAR_BYTES = 64  # a sidecar holds one date; more than this is not one

_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_DATE_IN_NAME = re.compile(r"(?<![0-9])[0-9]{4}-[0-9]{2}-[0-9]{2}(?![0-9])")
_AUTHOR_SEPARATORS = re.compile(r"\s*(?:;|,|&|\band\b|\n)\s*", re.IGNORECASE)
_BY = re.compile(r"^by\s+", re.IGNORECASE)
_NO_AUTHOR = {"", "none", "null", "n/a"}


@dataclass(frozen=True, slots=True)
class Metadata:
    """Title, date, outlet, URL and authors of an article; any of them may be unknown."""

    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()

    def filled_from(self, *others: Metadata) -> Metadata:
        """These values, each unknown one taken from the first of ``others`` that knows it."""
        values = {}
        for field in fields(self):
            value = getattr(self, field.name)
            for other in others:
                if value:
                    break
                value = getattr(other, field.name)
            values[field.name] = value
        return Metadata(**values)


def parse_date(value: object) -> date | None:
    """The calendar date in ``2024-05-31``, ``2024-05-31T09:00:00Z``, an RFC 2822 date, a ``struct_time``
    (as feedparser gives) or a date; None for anything else, or an impossible date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time.struct_time):
        return _date(value.tm_year, value.tm_mon, value.tm_mday)
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.match(value.strip())
    if match is not None:
        return _date(*(int(part) for part in match.groups()))
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def file_date(path: Path) -> date | None:
    """The date in a sidecar ``NAME.date`` beside ``path``, else a ``YYYY-MM-DD`` in the file's name."""
    try:
        with path.with_suffix(SIDECAR_SUFFIX).open("rb") as sidecar:
            found = parse_date(sidecar.read(SIDECAR_BYTES).decode("utf-8", "replace"))
    except (OSError, ValueError):  # no sidecar (ValueError: a name with no stem, like ".txt")
        found = None
    if found is not None:
        return found
    match = _DATE_IN_NAME.search(path.name)
    return parse_date(match.group()) if match else None


def text_value(value: object) -> str | None:
    """A non-blank string, stripped; None for anything else (a number, a list, whitespace)."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def split_authors(value: object, outlet: str | None = None) -> tuple[str, ...]:
    """Author names from a byline (``"By A and B"``, ``"A; B"``), a list of names or of ``{"name": …}``.

    Handles and e-mail addresses, placeholders such as "None", and a part that only names the
    ``outlet`` ("Jane Doe, USA TODAY" for usa-today) are dropped; each name appears once.
    """
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, (list, tuple)):
        parts = [name for item in value for name in split_authors(item, outlet)]
    elif isinstance(value, str):
        parts = [_BY.sub("", part).strip() for part in _AUTHOR_SEPARATORS.split(value)]
    else:
        return ()
    outlet_key = _letters(outlet) if outlet else None
    names = (part.title() if part.isupper() else part for part in parts)  # "By JAMES B. STEWART"
    names = (part for part in names if part.lower() not in _NO_AUTHOR and "@" not in part)
    return tuple(dict.fromkeys(name for name in names if _letters(name) not in ("", outlet_key)))


def _letters(text: str) -> str:
    return "".join(character for character in text.lower() if character.isalnum())


def stable_id(key: str) -> str:
    """A short id that is the same on every run for the same key (a URL, a feed entry id)."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def numbered(key: str, seen: Counter[str]) -> str:
    """``key`` the first time, ``key~2`` the second…: keeps origins unique when a container repeats a URL."""
    seen[key] += 1
    return key if seen[key] == 1 else f"{key}~{seen[key]}"
