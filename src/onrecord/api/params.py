"""Query and path parameters shared by the API routes and the web pages, validated once by FastAPI.

A blank value (``since=`` from an empty form field) counts as not given, so the search form can send
every field."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Optional

from fastapi import Depends, Path, Query
from pydantic import BeforeValidator, StringConstraints

from onrecord.api.pages import MAX_PAGE_SIZE, StatementFilters
from onrecord.model import Kind

MAX_ID = 2**31 - 1  # PostgreSQL's integer


def _blank_is_none(value):
    return None if isinstance(value, str) and not value.strip() else value


Text = Annotated[Optional[Annotated[str, StringConstraints(max_length=200)]], BeforeValidator(_blank_is_none)]
Words = Annotated[
    Optional[Annotated[str, StringConstraints(max_length=500)]], BeforeValidator(_blank_is_none)
]
Day = Annotated[Optional[date], BeforeValidator(_blank_is_none)]
KindOf = Annotated[Optional[Kind], BeforeValidator(_blank_is_none)]
Id = Annotated[int, Path(ge=1, le=MAX_ID, description="The record's id.")]
Cursor = Annotated[
    Optional[str],
    Query(max_length=200, description="The `next` value of the previous page; none for the first."),
]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Records per page.")]


def statement_filters(
    q: Annotated[Words, Query(description="Full text: every word, stemmed.")] = None,
    speaker: Annotated[Text, Query(description="Speaker name or registered variant.")] = None,
    speaker_id: Annotated[Optional[int], Query(ge=1, le=MAX_ID, description="Registry speaker id.")] = None,
    outlet: Text = None,
    since: Annotated[Day, Query(description="Said on (else published) from this date.")] = None,
    until: Annotated[Day, Query(description="Said on (else published) up to this date.")] = None,
    kind: Annotated[KindOf, Query()] = None,
    channel: Annotated[Text, Query(description="e.g. written statement, press briefing.")] = None,
) -> StatementFilters:
    return StatementFilters(
        q, speaker, speaker_id, outlet, since, until, kind.value if kind else None, channel
    )


Filters = Annotated[StatementFilters, Depends(statement_filters)]
