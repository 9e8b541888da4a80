"""Read functions over the store, shared by the CLI, the Python API and (later) the web API.

Each returns plain records (dicts of column values) in a stable order, so exporters and JSON
responses need no further mapping. Filters are optional and combine with AND.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Iterator

from sqlalchemy import Connection, func, or_, select

from onrecord.speakers.registry import SpeakerRow, fold, names_in_text
from onrecord.store.schema import articles, failures, runs, speaker_registry, speakers, statements

STATEMENT_COLUMNS = (
    statements.c.id,
    statements.c.article_id,
    articles.c.outlet,
    articles.c.published,
    statements.c.said_on_start,
    statements.c.said_on_end,
    statements.c.speaker_name,
    statements.c.registry_id,
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
organisation = speaker_registry.alias("organisation")
REGISTRY_COLUMNS = (
    speaker_registry.c.id,
    speaker_registry.c.name,
    speaker_registry.c.kind,
    speaker_registry.c.variants,
    speaker_registry.c.titles,
    speaker_registry.c.affiliations,
    organisation.c.name.label("organisation"),
    speaker_registry.c.count,
    speaker_registry.c.statements,
    speaker_registry.c.articles,
)


SAID_WHEN = func.coalesce(statements.c.said_on_start, articles.c.published)  # a statement's date


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
    else the article's publication date. ``speaker`` matches the name as resolved in the article or any
    registered variant of a registry speaker (see :func:`registry_ids`)."""
    where = []
    if speaker:
        where.append(
            or_(
                func.lower(statements.c.speaker_name) == speaker.lower(),
                statements.c.registry_id.in_(registry_ids(connection, speaker)),
            )
        )
    if since:
        where.append(SAID_WHEN >= since)
    if until:
        where.append(SAID_WHEN <= until)
    if outlet:
        where.append(func.lower(articles.c.outlet) == outlet.lower())
    if kind:
        where.append(statements.c.kind == kind)
    if channel:
        where.append(statements.c.channel == channel)
    return _statements(connection, where, limit)


def _statements(connection: Connection, where: list, limit: int | None = None) -> Iterator[dict]:
    query = (
        select(*STATEMENT_COLUMNS)
        .join(articles, statements.c.article_id == articles.c.id)
        .where(*where)
        .order_by(SAID_WHEN, statements.c.article_id, statements.c.position)
        .limit(limit)
    )
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
        # registry entities that said something (organisations known only as affiliations are left out)
        "speakers": count(speaker_registry, speaker_registry.c.statements > 0),
        "failures": count(failures),
        "runs": count(runs),
        "last_run": last_run._asdict() if last_run else None,
    }


def registry_inputs(connection: Connection) -> list[SpeakerRow]:
    """Every per-article speakers row as the registry takes it. A one-word name gets as context the
    full names its article mentions: other speakers', and names in its text ending with that word."""
    query = select(speakers, articles.c.published).join(articles, speakers.c.article_id == articles.c.id)
    rows = connection.execute(query.order_by(speakers.c.id)).all()
    full_names = defaultdict(list)
    lone_words = defaultdict(set)
    for row in rows:
        if " " in row.name:
            full_names[row.article_id].append(row.name)
        elif not row.anonymous:
            lone_words[row.article_id].add(row.name)
    lone = select(speakers.c.article_id).where(speakers.c.name.not_like("% %"), ~speakers.c.anonymous)
    texts = select(articles.c.id, articles.c.text).where(articles.c.id.in_(lone))
    context = {}
    for article_id, text in connection.execute(texts.execution_options(yield_per=64)):  # texts one at a time
        for word in lone_words[article_id]:
            found = names_in_text(text, word) + tuple(full_names[article_id])
            context[article_id, word] = tuple(dict.fromkeys(found))
    return [
        SpeakerRow(
            key=row.id,
            article=row.article_id,
            name=row.name,
            published=row.published,
            title=row.title,
            affiliation=row.affiliation,
            anonymous=row.anonymous,
            count=row.count,
            statements=row.statements,
            context=context.get((row.article_id, row.name), ()),
        )
        for row in rows
    ]


def registry_ids(connection: Connection, name: str) -> list[int]:
    """Registry speakers called ``name`` (compared by :func:`~onrecord.speakers.registry.fold` key), most
    statements first: those whose canonical name it is, else those having it as a variant, else the
    one whose surname it is, when only one has it ("Chen" → Ann Chen; "Clinton" with Hillary and Bill
    registered → none)."""
    key = fold(name)
    if not key:
        return []

    def having(part: str) -> list:
        query = select(speaker_registry.c.id, speaker_registry.c.name).where(
            speaker_registry.c.name_keys.contains(part, autoescape=True)
        )
        return connection.execute(query.order_by(speaker_registry.c.statements.desc(), speaker_registry.c.id)).all()

    found = having(f"|{key}|")
    if found:
        return [row.id for row in found if fold(row.name) == key] or [row.id for row in found]
    by_surname = having(f" {key}|") if " " not in key else []
    return [by_surname[0].id] if len(by_surname) == 1 else []


def speaker_records(connection: Connection, search: str | None = None) -> Iterator[dict]:
    """Registry speakers, most statements first; ``search`` keeps those with a word of their name or a
    variant starting with it (compared by fold key, so "Zelensky" finds "Volodymyr Zelenskyy")."""
    query = _registry_query()
    if search:  # at the start of a word of a name: "us" finds "us officials", not "brussels"
        key, keys = fold(search), speaker_registry.c.name_keys
        query = query.where(or_(keys.contains(f"|{key}", autoescape=True), keys.contains(f" {key}", autoescape=True)))
    query = query.order_by(
        speaker_registry.c.statements.desc(), func.lower(speaker_registry.c.name), speaker_registry.c.id
    )
    for row in connection.execute(query):
        yield row._asdict()


def speaker_record(connection: Connection, name_or_id: str | int) -> dict | None:
    """One registry speaker by id, canonical name or variant (the one with most statements when several
    share it), with its statements by date under ``by_date``; None when there is none."""
    if isinstance(name_or_id, int) or name_or_id.isdigit():
        ids = [int(name_or_id)]
    else:
        ids = registry_ids(connection, name_or_id)[:1]
    found = connection.execute(_registry_query().where(speaker_registry.c.id.in_(ids))).first()
    if found is None:
        return None
    said = _statements(connection, [statements.c.registry_id == found.id])
    return {**found._asdict(), "by_date": list(said)}


def _registry_query():
    """Registry speakers with the name of the organisation each links to."""
    linked = organisation.c.id == speaker_registry.c.organisation_id
    return select(*REGISTRY_COLUMNS).outerjoin(organisation, linked)
