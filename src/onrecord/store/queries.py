"""Read functions over the store, shared by the CLI, the Python API and (later) the web API.

Each returns plain records (dicts of column values) in a stable order, so exporters and JSON
responses need no further mapping. Filters are optional and combine with AND.
"""

from __future__ import annotations

from datetime import date
from typing import Iterator

from sqlalchemy import Connection, func, select

from onrecord.store.schema import articles, failures, runs, speakers, statements

STATEMENT_COLUMNS = (
    statements.c.id,
    statements.c.article_id,
    articles.c.outlet,
    articles.c.published,
    statements.c.said_on_start,
    statements.c.said_on_end,
    statements.c.speaker_name,
    statements.c.speaker_mention,
    statements.c.speaker_title,
    statements.c.speaker_affiliation,
    statements.c.anonymous,
    statements.c.speaker_count,
    statements.c.kind,
    statements.c.cue_text,
    statements.c.content_text,
    statements.c.channel,
    statements.c.confidence,
    articles.c.title,
    articles.c.url,
    articles.c.origin,
)
ARTICLE_COLUMNS = (
    articles.c.id,
    articles.c.source_id,
    articles.c.outlet,
    articles.c.published,
    articles.c.title,
    articles.c.authors,
    articles.c.url,
    articles.c.origin,
    articles.c.words,
    articles.c.duplicate_of,
)


def statement_records(
    connection: Connection,
    speaker: str | None = None,
    since: date | None = None,
    until: date | None = None,
    outlet: str | None = None,
    kind: str | None = None,
    channel: str | None = None,
    limit: int | None = None,
) -> Iterator[dict]:
    """Statements with their article's outlet and date, by date; ``since``/``until`` use the said-on date,
    else the article's publication date."""
    when = func.coalesce(statements.c.said_on_start, articles.c.published)
    query = select(*STATEMENT_COLUMNS).join(articles, statements.c.article_id == articles.c.id)
    if speaker:
        query = query.where(func.lower(statements.c.speaker_name) == speaker.lower())
    if since:
        query = query.where(when >= since)
    if until:
        query = query.where(when <= until)
    if outlet:
        query = query.where(func.lower(articles.c.outlet) == outlet.lower())
    if kind:
        query = query.where(statements.c.kind == kind)
    if channel:
        query = query.where(statements.c.channel == channel)
    query = query.order_by(when, statements.c.article_id, statements.c.position).limit(limit)
    for row in connection.execute(query):
        yield row._asdict()


def article_records(
    connection: Connection,
    outlet: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = None,
) -> Iterator[dict]:
    """Articles (without their text) by publication date, with their statement counts."""
    counts = (
        select(statements.c.article_id, func.count().label("statements"))
        .group_by(statements.c.article_id)
        .subquery()
    )
    query = select(*ARTICLE_COLUMNS, func.coalesce(counts.c.statements, 0).label("statements")).outerjoin(
        counts, counts.c.article_id == articles.c.id
    )
    if outlet:
        query = query.where(func.lower(articles.c.outlet) == outlet.lower())
    if since:
        query = query.where(articles.c.published >= since)
    if until:
        query = query.where(articles.c.published <= until)
    query = query.order_by(articles.c.published, articles.c.id).limit(limit)
    for row in connection.execute(query):
        yield row._asdict()


def failure_records(connection: Connection) -> list[dict]:
    query = select(failures.c.origin, failures.c.reason, failures.c.detail, failures.c.run_id, failures.c.failed_at)
    return [row._asdict() for row in connection.execute(query.order_by(failures.c.origin))]


def summary(connection: Connection) -> dict:
    """Counts of what the store holds, and the last run."""

    def count(table, *where) -> int:
        return connection.execute(select(func.count()).select_from(table).where(*where)).scalar_one()

    last_run = connection.execute(select(runs).order_by(runs.c.id.desc()).limit(1)).first()
    return {
        "articles": count(articles, articles.c.duplicate_of.is_(None)),
        "near_duplicates": count(articles, articles.c.duplicate_of.is_not(None)),
        "statements": count(statements),
        "speakers": connection.execute(select(func.count(func.distinct(speakers.c.name)))).scalar_one(),
        "failures": count(failures),
        "runs": count(runs),
        "last_run": last_run._asdict() if last_run else None,
    }
