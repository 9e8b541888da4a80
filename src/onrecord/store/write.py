"""The single write path: runs, articles with their statements and speakers, failures, the speaker registry.

Every batch is one transaction, so a run killed at any moment leaves whole articles or none; the next
run skips what is stored (same text hash) and finishes the rest. Inserting an article whose hash is
already there does nothing, which makes re-ingesting idempotent even when two runs race.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import Connection, Engine, bindparam, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from onrecord.model import Article, Failure, Statement
from onrecord.speakers.registry import Entity
from onrecord.store.schema import articles, failures, runs, speaker_registry, speakers, statements

BATCH_SIZE = 32  # articles per transaction: large enough to amortise commits, small enough to lose little


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True, slots=True)
class Extracted:
    """An article ready to be stored: its statements, or the stored copy it duplicates."""

    article: Article
    hash: str
    statements: tuple[Statement, ...] = ()
    minhash: bytes | None = None
    duplicate_of: str | None = None


@dataclass(slots=True)
class RunCounts:
    articles_added: int = 0
    duplicates: int = 0
    unchanged: int = 0
    statements_added: int = 0
    failures: int = 0


def start_run(engine: Engine, sources: list[str], model: str, backend: str, jobs: int) -> int:
    """Record a new run; a run still marked running from before was killed, so it becomes interrupted."""
    with engine.begin() as connection:
        connection.execute(update(runs).where(runs.c.status == "running").values(status="interrupted"))
        return connection.execute(
            insert(runs)
            .values(
                started_at=now(),
                status="running",
                sources=sources,
                model=model,
                backend=backend,
                jobs=jobs,
                **{name: 0 for name in RunCounts.__slots__},
            )
            .returning(runs.c.id)
        ).scalar_one()


def finish_run(engine: Engine, run_id: int, status: str) -> None:
    with engine.begin() as connection:
        connection.execute(update(runs).where(runs.c.id == run_id).values(status=status, finished_at=now()))


def _insert_ignoring_conflict(connection: Connection, table, values: dict, conflict: list[str]):
    """INSERT … ON CONFLICT DO NOTHING RETURNING id, on SQLite and PostgreSQL alike."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table).values(**values).on_conflict_do_nothing(index_elements=conflict)
    return connection.execute(statement.returning(table.c.id)).scalar()


def _upsert_failure(connection: Connection, failure: Failure, run_id: int) -> None:
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    values = dict(reason=failure.reason, detail=failure.detail, run_id=run_id, failed_at=now())
    statement = dialect.insert(failures).values(origin=failure.origin, **values)
    connection.execute(statement.on_conflict_do_update(index_elements=["origin"], set_=values))


def statement_row(article_id: int, position: int, statement: Statement, text: str) -> dict:
    speaker = statement.speaker
    said_on = statement.said_on

    def joined(spans) -> str:
        return " … ".join(span.text(text) for span in spans)

    return dict(
        article_id=article_id,
        position=position,
        kind=statement.kind.value,
        content=[list(span) for span in statement.content],
        cue=[list(span) for span in statement.cue],
        source=[list(span) for span in statement.source],
        content_text=joined(statement.content),
        cue_text=joined(statement.cue),
        source_text=joined(statement.source),
        speaker_entity=speaker.entity_id if speaker else None,
        speaker_name=speaker.name if speaker else None,
        speaker_mention=speaker.mention if speaker else None,
        speaker_title=speaker.title if speaker else None,
        speaker_affiliation=speaker.affiliation if speaker else None,
        anonymous=bool(speaker and speaker.anonymous),
        speaker_count=speaker.count if speaker else None,
        speaker_kind=speaker.kind if speaker else None,
        channel=statement.channel,
        said_on_start=said_on.start if said_on else None,
        said_on_end=said_on.end if said_on else None,
        said_on_basis=said_on.basis if said_on else None,
        confidence=statement.confidence,
        reported_by=statement.reported_by,
    )


def speaker_rows(article_id: int, found: tuple[Statement, ...]) -> list[dict]:
    """One row per speaker entity of the article, with its fullest title/affiliation and statement count."""
    rows: dict[str, dict] = {}
    for statement in found:
        speaker = statement.speaker
        if speaker is None or speaker.entity_id is None:
            continue
        row = rows.setdefault(
            speaker.entity_id,
            dict(
                article_id=article_id,
                entity_id=speaker.entity_id,
                name=speaker.name,
                title=None,
                affiliation=None,
                anonymous=speaker.anonymous,
                count=speaker.count,
                kind=speaker.kind,
                statements=0,
            ),
        )
        row["statements"] += 1
        row["title"] = row["title"] or speaker.title
        row["affiliation"] = row["affiliation"] or speaker.affiliation
    return list(rows.values())


def _write_article(connection: Connection, item: Extracted, run_id: int) -> int:
    """Store one article; the number of statements written, or -1 when the article was stored already."""
    article = item.article
    article_id = _insert_ignoring_conflict(
        connection,
        articles,
        dict(
            hash=item.hash,
            source_id=article.id,
            origin=article.origin,
            outlet=article.outlet,
            url=article.url,
            title=article.title,
            authors=list(article.authors),
            published=article.published,
            text=article.text,
            words=len(article.text.split()),
            duplicate_of=item.duplicate_of,
            minhash=item.minhash,
            run_id=run_id,
        ),
        ["hash"],
    )
    if article_id is None:
        return -1
    if item.statements:
        connection.execute(
            insert(statements),
            [statement_row(article_id, i, s, article.text) for i, s in enumerate(item.statements)],
        )
        rows = speaker_rows(article_id, item.statements)
        if rows:
            connection.execute(insert(speakers), rows)
    return len(item.statements)


@dataclass
class BatchWriter:
    """Collects results and writes them a batch per transaction, counting what the run did."""

    engine: Engine
    run_id: int
    batch_size: int = BATCH_SIZE
    counts: RunCounts = field(default_factory=RunCounts)
    _articles: list[Extracted] = field(default_factory=list)
    _failures: list[Failure] = field(default_factory=list)
    _pending: RunCounts = field(default_factory=RunCounts)  # counted but not yet in the runs table

    def add(self, item: Extracted) -> None:
        self._articles.append(item)
        self._flush_if_full()

    def fail(self, failure: Failure) -> None:
        self._failures.append(failure)
        self._flush_if_full()

    def unchanged(self) -> None:
        """An input whose article is stored already: counted, nothing written."""
        self._pending.unchanged += 1

    def progress(self) -> RunCounts:
        """What the run has handled so far, written or still queued for the next transaction."""
        queued = self._articles
        return RunCounts(
            articles_added=self.counts.articles_added + sum(1 for item in queued if not item.duplicate_of),
            duplicates=self.counts.duplicates + sum(1 for item in queued if item.duplicate_of),
            unchanged=self.counts.unchanged + self._pending.unchanged,
            statements_added=self.counts.statements_added + sum(len(item.statements) for item in queued),
            failures=self.counts.failures + len(self._failures),
        )

    def _flush_if_full(self) -> None:
        if len(self._articles) + len(self._failures) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        if not self._articles and not self._failures and self._pending == RunCounts():
            return
        batch, self._pending = self._pending, RunCounts()
        with self.engine.begin() as connection:
            for item in self._articles:
                written = _write_article(connection, item, self.run_id)
                if written < 0:
                    batch.unchanged += 1
                elif item.duplicate_of:
                    batch.duplicates += 1
                else:
                    batch.articles_added += 1
                    batch.statements_added += written
            succeeded = [item.article.origin for item in self._articles]
            if succeeded:
                connection.execute(delete(failures).where(failures.c.origin.in_(succeeded)))
            for failure in self._failures:
                _upsert_failure(connection, failure, self.run_id)
            batch.failures = len(self._failures)
            connection.execute(
                update(runs)
                .where(runs.c.id == self.run_id)
                .values({name: getattr(runs.c, name) + getattr(batch, name) for name in RunCounts.__slots__})
            )
        for name in RunCounts.__slots__:
            setattr(self.counts, name, getattr(self.counts, name) + getattr(batch, name))
        self._articles.clear()
        self._failures.clear()


def stored_hashes(connection: Connection, hashes: list[str]) -> set[str]:
    return set(connection.execute(select(articles.c.hash).where(articles.c.hash.in_(hashes))).scalars())


def stored_signatures(connection: Connection):
    """(hash, minhash bytes) of every stored original, to seed the near-duplicate index."""
    return connection.execute(
        select(articles.c.hash, articles.c.minhash).where(
            articles.c.duplicate_of.is_(None), articles.c.minhash.is_not(None)
        )
    )


def replace_registry(engine: Engine, entities: list[Entity]) -> None:
    """Store ``entities`` as the whole speaker registry and point every speakers row and statement at
    its entity, in one transaction (a reader sees the old registry or the new one)."""
    # ids are positions in the list, so links need no lookup; an organisation link is set once every
    # entity exists, since an entity may link to one listed after it
    numbered = list(enumerate(entities, 1))
    registry_rows = [
        dict(
            id=number,
            name=entity.name,
            kind=entity.kind.value,
            variants=list(entity.variants),
            titles=[dated.to_json() for dated in entity.titles],
            affiliations=[dated.to_json() for dated in entity.affiliations],
            name_keys="|" + "|".join(entity.keys()) + "|",
            count=entity.count,
            statements=entity.statements,
            articles=entity.articles,
        )
        for number, entity in numbered
    ]
    links = [
        dict(number=n, organisation=e.organisation + 1) for n, e in numbered if e.organisation is not None
    ]
    memberships = [dict(row=row, number=number) for number, entity in numbered for row in entity.rows]
    with engine.begin() as connection:
        connection.execute(update(speakers).values(registry_id=None))
        connection.execute(update(statements).values(registry_id=None))
        connection.execute(update(speaker_registry).values(organisation_id=None))
        connection.execute(delete(speaker_registry))
        if registry_rows:
            connection.execute(insert(speaker_registry), registry_rows)
        if links:
            connection.execute(
                update(speaker_registry)
                .where(speaker_registry.c.id == bindparam("number"))
                .values(organisation_id=bindparam("organisation")),
                links,
            )
        if memberships:
            connection.execute(
                update(speakers)
                .where(speakers.c.id == bindparam("row"))
                .values(registry_id=bindparam("number")),
                memberships,
            )
            connection.execute(
                update(statements)
                .where(statements.c.speaker_entity.is_not(None))
                .values(
                    registry_id=select(speakers.c.registry_id)
                    .where(
                        speakers.c.article_id == statements.c.article_id,
                        speakers.c.entity_id == statements.c.speaker_entity,
                    )
                    .scalar_subquery()
                )
            )
