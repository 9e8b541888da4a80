"""Read functions over the store, shared by the CLI, the Python API and the web API and pages.

Each returns plain records (dicts of column values) in a stable order, so exporters and JSON
responses need no further mapping. Filters are optional and combine with AND.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from datetime import date
from typing import Iterator, Sequence

from sqlalchemy import (
    Connection,
    Date,
    case,
    column,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
    tuple_,
)
from sqlalchemy.dialects import postgresql  # noqa: F401  (registers func.to_tsvector's types before its first use)

from onrecord.speakers.registry import SpeakerRow, fold, names_in_text, organisation_chain
from onrecord.store.schema import (
    articles,
    failures,
    positions,
    questions,
    runs,
    shifts,
    speaker_registry,
    speakers,
    statements,
)

_reporter = statements.alias("reporter")
# who reported a reported past position ("Clinton once described …", reported by Donald Trump)
REPORTED_BY = (
    select(_reporter.c.speaker_name)
    .where(_reporter.c.article_id == statements.c.article_id)
    .where(_reporter.c.position == statements.c.reported_by)
    .scalar_subquery()
    .label("reported_by")
)
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
    statements.c.speaker_kind,
    statements.c.kind,
    statements.c.cue_text,
    statements.c.content_text,
    statements.c.channel,
    statements.c.confidence,
    REPORTED_BY,
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
    return _statements(connection, _statement_filters(connection, speaker, since, until, outlet, kind, channel), limit)


def _statement_filters(
    connection: Connection,
    speaker: str | None = None,
    since: date | None = None,
    until: date | None = None,
    outlet: str | None = None,
    kind: str | None = None,
    channel: str | None = None,
) -> list:
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
    return where


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


def registry_inputs(connection: Connection, extra: Sequence[SpeakerRow] = ()) -> list[SpeakerRow]:
    """Every per-article speakers row as the registry takes it, then ``extra`` rows (speakers the store
    has no row for, as the registry figure makes them). A one-word name gets as context the full names
    its article mentions: its other speakers', and names in its text ending with that word."""
    query = select(speakers, articles.c.published).join(articles, speakers.c.article_id == articles.c.id)
    stored = [
        SpeakerRow(
            key=row.id,
            article=row.article_id,
            name=row.name,
            published=row.published,
            title=row.title,
            affiliation=row.affiliation,
            anonymous=row.anonymous,
            count=row.count,
            kind=row.kind,
            statements=row.statements,
        )
        for row in connection.execute(query.order_by(speakers.c.id))
    ]
    rows = [*stored, *extra]
    full_names = defaultdict(list)
    lone_words = defaultdict(set)
    for row in rows:
        if " " in row.name:
            full_names[row.article].append(row.name)
        elif not row.anonymous:
            lone_words[row.article].add(row.name)
    lone = select(speakers.c.article_id).where(speakers.c.name.not_like("% %"), ~speakers.c.anonymous)
    extra_lone = {row.article for row in extra if " " not in row.name and not row.anonymous}
    texts = select(articles.c.id, articles.c.text).where(
        articles.c.id.in_(lone) | articles.c.id.in_(extra_lone)
    )
    context = {}
    for article_id, text in connection.execute(texts.execution_options(yield_per=64)):  # texts one at a time
        for word in lone_words[article_id]:
            found = names_in_text(text, word) + tuple(full_names[article_id])
            context[article_id, word] = tuple(dict.fromkeys(found))
    return [replace(row, context=context.get((row.article, row.name), ())) for row in rows]


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


# --- full-text search and paging (onrecord.api, onrecord.web) -----------------------------------------

SEARCH_WORD = re.compile(r"[^\W_]+")  # what both backends' tokenizers call a word
UNDATED = literal(date.min, Date)  # sorts undated rows first, and is a value a page cursor can hold
STATEMENT_DATE = func.coalesce(statements.c.said_on_start, articles.c.published, UNDATED)
ARTICLE_DATE = func.coalesce(articles.c.published, UNDATED)
# PostgreSQL: the expressions of the GIN indexes of migration 0004, constants inlined so the planner matches
ENGLISH = literal_column("'english'")
SPACE = literal_column("' '")
STATEMENT_DOCUMENT = func.to_tsvector(
    ENGLISH,
    statements.c.content_text + SPACE + statements.c.source_text + SPACE
    + func.coalesce(statements.c.speaker_name, literal_column("''")),
)
ARTICLE_DOCUMENT = func.to_tsvector(
    ENGLISH,
    func.left(func.coalesce(articles.c.title, literal_column("''")) + SPACE + articles.c.text, literal_column("200000")),
)
SPAN_COLUMNS = (
    statements.c.position,
    statements.c.content,
    statements.c.cue,
    statements.c.source,
    statements.c.source_text,
    statements.c.said_on_end,
    statements.c.said_on_basis,
)


def search_words(q: str) -> list[str]:
    return SEARCH_WORD.findall(q)


def _full_text(connection: Connection, table_, q: str):
    """``table_`` rows whose indexed text has every word of ``q`` (stemmed, case and accents folded)."""
    words = search_words(q)
    if not words:
        return false()
    if connection.dialect.name == "postgresql":
        document = STATEMENT_DOCUMENT if table_ is statements else ARTICLE_DOCUMENT
        return document.op("@@")(func.plainto_tsquery(ENGLISH, " ".join(words)))
    index = table(f"{table_.name}_fts", column("rowid"), column(f"{table_.name}_fts"))
    phrase = " ".join(f'"{word}"' for word in words)  # each word quoted: no FTS5 syntax reaches the engine
    matching = select(index.c.rowid).where(index.c[f"{table_.name}_fts"].op("MATCH")(phrase))
    return table_.c.id.in_(matching)


def statement_key(record: dict) -> tuple[date, int]:
    """Where a statement record sorts in :func:`search_records`: its date, then its id."""
    return (record["said_on_start"] or record["published"] or date.min, record["id"])


def search_records(
    connection: Connection,
    q: str | None = None,
    speaker: str | None = None,
    since: date | None = None,
    until: date | None = None,
    outlet: str | None = None,
    kind: str | None = None,
    channel: str | None = None,
    speaker_id: int | None = None,
    after: tuple[date, int] | None = None,
    limit: int | None = None,
) -> list[dict]:
    """Statements (with their source text) having every word of ``q`` in content, source or speaker name, filtered as in
    :func:`statement_records` and by registry ``speaker_id``; by date (said-on, else published, undated
    first), then id. ``after`` is the :func:`statement_key` of the last record of the previous page."""
    where = _statement_filters(connection, speaker, since, until, outlet, kind, channel)
    if q:
        where.append(_full_text(connection, statements, q))
    if speaker_id is not None:
        where.append(statements.c.registry_id == speaker_id)
    if after is not None:
        where.append(tuple_(STATEMENT_DATE, statements.c.id) > tuple_(literal(after[0], Date), after[1]))
    query = (
        select(*STATEMENT_COLUMNS, statements.c.source_text)
        .join(articles, statements.c.article_id == articles.c.id)
        .where(*where)
        .order_by(STATEMENT_DATE, statements.c.id)
        .limit(limit)
    )
    return [row._asdict() for row in connection.execute(query)]


def article_key(record: dict) -> tuple[date, int]:
    """Where an article record sorts in :func:`article_search_records`: its date, then its id."""
    return (record["published"] or date.min, record["id"])


def article_search_records(
    connection: Connection,
    q: str | None = None,
    outlet: str | None = None,
    since: date | None = None,
    until: date | None = None,
    after: tuple[date, int] | None = None,
    limit: int | None = None,
) -> list[dict]:
    """Articles (without their text) with every word of ``q`` in their title or text, with their statement
    counts; by publication date (undated first), then id. ``after``: the :func:`article_key` of the last
    record of the previous page."""
    counts = (
        select(statements.c.article_id, func.count().label("statements"))
        .group_by(statements.c.article_id)
        .subquery()
    )
    query = select(*ARTICLE_COLUMNS, func.coalesce(counts.c.statements, 0).label("statements")).outerjoin(
        counts, counts.c.article_id == articles.c.id
    )
    if q:
        query = query.where(_full_text(connection, articles, q))
    if outlet:
        query = query.where(func.lower(articles.c.outlet) == outlet.lower())
    if since:
        query = query.where(articles.c.published >= since)
    if until:
        query = query.where(articles.c.published <= until)
    if after is not None:
        query = query.where(tuple_(ARTICLE_DATE, articles.c.id) > tuple_(literal(after[0], Date), after[1]))
    query = query.order_by(ARTICLE_DATE, articles.c.id).limit(limit)
    return [row._asdict() for row in connection.execute(query)]


def article_record(connection: Connection, article_id: int) -> dict | None:
    """One article with its text and its statements in text order, each with its spans (``content``,
    ``cue``, ``source``: lists of [start, end] into ``text``); None when there is none."""
    found = connection.execute(select(*ARTICLE_COLUMNS, articles.c.text).where(articles.c.id == article_id)).first()
    if found is None:
        return None
    query = (
        select(*STATEMENT_COLUMNS, *SPAN_COLUMNS)
        .join(articles, statements.c.article_id == articles.c.id)
        .where(statements.c.article_id == article_id)
        .order_by(statements.c.position)
    )
    return {**found._asdict(), "statements": [row._asdict() for row in connection.execute(query)]}


def article_id_by_hash(connection: Connection, text_hash: str) -> int | None:
    """The id of the article whose text has this sha256 (see :func:`onrecord.store.write.text_hash`)."""
    return connection.execute(select(articles.c.id).where(articles.c.hash == text_hash)).scalar()


# --- questions, positions and shifts (onrecord.positions fills the tables) -------------------------

STANCE_NAMES = ("supports", "opposes", "neutral")
POSITION_COLUMNS = (
    positions.c.id,
    positions.c.question_id,
    positions.c.statement_id,
    statements.c.article_id,
    statements.c.registry_id,
    func.coalesce(speaker_registry.c.name, statements.c.speaker_name).label("speaker"),
    positions.c.stance,
    positions.c.scope,
    positions.c.confidence,
    positions.c.relevance,
    positions.c.reader,
    positions.c.dated,
    positions.c.date_basis,
    statements.c.source_text,
    statements.c.cue_text,
    statements.c.content_text,
    statements.c.kind,
    statements.c.channel,
    REPORTED_BY,
    articles.c.outlet,
    articles.c.title,
    articles.c.published,
)


def _position_query(*extra):
    """Positions with their statement, article and registry speaker (``POSITION_COLUMNS``, then ``extra``)."""
    return (
        select(*POSITION_COLUMNS, *extra)
        .join(statements, statements.c.id == positions.c.statement_id)
        .join(articles, articles.c.id == statements.c.article_id)
        .outerjoin(speaker_registry, speaker_registry.c.id == statements.c.registry_id)
    )


def _organisation_parents(connection: Connection) -> dict[int, int | None]:
    return dict(connection.execute(select(speaker_registry.c.id, speaker_registry.c.organisation_id)).all())


def _below(parents: dict[int, int | None], top: int) -> set[int]:
    """``top`` and every registry entity whose organisation chain reaches it."""
    return {top} | {entity for entity in parents if top in organisation_chain(parents, entity)}


def _top(parents: dict[int, int | None], entity: int) -> int:
    """The highest organisation above ``entity`` (itself when it has none)."""
    return organisation_chain(parents, entity)[-1]


def question_records(connection: Connection, kind: str | None = None) -> list[dict]:
    """Questions with counts of their positions by stance, speakers and date range: declared ones first,
    then the most discussed."""
    stats = (
        select(
            positions.c.question_id,
            func.count().label("statements"),
            func.count(func.distinct(statements.c.registry_id)).label("speakers"),
            *(func.sum(case((positions.c.stance == s, 1), else_=0)).label(s) for s in STANCE_NAMES),
            func.min(positions.c.dated).label("first"),
            func.max(positions.c.dated).label("last"),
        )
        .join(statements, statements.c.id == positions.c.statement_id)
        .group_by(positions.c.question_id)
        .subquery()
    )
    query = select(
        questions.c.id, questions.c.kind, questions.c.text, questions.c.label, questions.c.keywords,
        *(func.coalesce(stats.c[name], 0).label(name) for name in ("statements", "speakers", *STANCE_NAMES)),
        stats.c.first, stats.c.last,
    ).outerjoin(stats, stats.c.question_id == questions.c.id)
    if kind:
        query = query.where(questions.c.kind == kind)
    query = query.order_by(questions.c.kind, func.coalesce(stats.c.statements, 0).desc(), questions.c.id)
    return [row._asdict() for row in connection.execute(query)]


def find_question(connection: Connection, question: str | int) -> dict | None:
    """A question by id, by its exact text, or by the one whose text or label contains ``question``
    (case-insensitive; the most discussed when several do)."""
    records = question_records(connection)
    if isinstance(question, int) or str(question).isdigit():
        return next((r for r in records if r["id"] == int(question)), None)
    wanted = " ".join(str(question).split()).lower()
    exact = [r for r in records if r["text"].lower() == wanted]
    return (exact or [r for r in records if wanted in r["text"].lower() or wanted in r["label"].lower()] or [None])[0]


def position_records(
    connection: Connection, question_id: int, speaker: str | None = None, rollup: bool = False
) -> list[dict]:
    """A question's positions by date. ``speaker`` keeps that registry speaker's (and, for an
    organisation, its members'); ``rollup`` names each position by the highest organisation its
    speaker belongs to ("John Kirby" → "U.S. government")."""
    query = (
        _position_query()
        .where(positions.c.question_id == question_id)
        .order_by(positions.c.dated, statements.c.article_id, statements.c.position)
    )
    parents = _organisation_parents(connection) if (speaker or rollup) else {}
    if speaker:
        ids = registry_ids(connection, speaker)
        query = query.where(statements.c.registry_id.in_(set().union(*(_below(parents, i) for i in ids))))
    records = [row._asdict() for row in connection.execute(query)]
    if rollup:
        names = dict(connection.execute(select(speaker_registry.c.id, speaker_registry.c.name)).all())
        for record in records:
            if record["registry_id"] is not None:
                record["registry_id"] = _top(parents, record["registry_id"])
                record["speaker"] = names[record["registry_id"]]
    return records


def _positions_by_id(connection: Connection, ids: set[int]) -> dict[int, dict]:
    query = (
        _position_query().where(positions.c.id.in_(ids))
    )
    return {row.id: row._asdict() for row in connection.execute(query)}


def shift_records(
    connection: Connection,
    speaker: str | None = None,
    since: date | None = None,
    question_id: int | None = None,
) -> list[dict]:
    """Shifts by date of the later statement, each with its evidence: ``before``, ``after`` and
    ``unchanged`` position records. ``speaker`` keeps that registry speaker's own shifts and those of
    the organisations it belongs to or that belong to it."""
    query = (
        select(
            shifts, speaker_registry.c.name.label("speaker"), questions.c.label.label("question"),
        )
        .join(speaker_registry, speaker_registry.c.id == shifts.c.registry_id)
        .join(questions, questions.c.id == shifts.c.question_id)
        .order_by(shifts.c.to_date, shifts.c.id)
    )
    if speaker:
        parents = _organisation_parents(connection)
        ids = set(registry_ids(connection, speaker))
        related = set().union(*(_below(parents, i) for i in ids)) | {
            a for i in ids for a in organisation_chain(parents, i)
        }
        query = query.where(shifts.c.registry_id.in_(related))
    if since:
        query = query.where(shifts.c.to_date >= since)
    if question_id is not None:
        query = query.where(shifts.c.question_id == question_id)
    records = [row._asdict() for row in connection.execute(query)]
    evidence = _positions_by_id(
        connection, {i for r in records for side in ("before", "after", "unchanged") for i in r[side]}
    )
    for record in records:
        for side in ("before", "after", "unchanged"):
            record[side] = [evidence[i] for i in record[side] if i in evidence]
    return records


def speaker_timeline(connection: Connection, registry_id: int) -> list[dict]:
    """A registry speaker's positions per question, by date, with their shifts; an organisation's
    include its members' positions (rolled up)."""
    parents = _organisation_parents(connection)
    members = _below(parents, registry_id)
    query = (
        _position_query(questions.c.label.label("question"))
        .join(questions, questions.c.id == positions.c.question_id)
        .where(statements.c.registry_id.in_(members))
        .order_by(positions.c.question_id, positions.c.dated, positions.c.id)
    )
    timeline: dict[int, dict] = {}
    for row in connection.execute(query):
        record = row._asdict()
        entry = timeline.setdefault(
            record["question_id"],
            {"question_id": record["question_id"], "question": record.pop("question"), "points": [], "shifts": []},
        )
        record.pop("question", None)
        entry["points"].append(record)
    for shift in shift_records(connection):
        if shift["registry_id"] == registry_id and shift["question_id"] in timeline:
            timeline[shift["question_id"]]["shifts"].append(shift)
    return sorted(timeline.values(), key=lambda e: (-len(e["points"]), e["question_id"]))
