"""The store: articles, statements, speakers (per article and across articles), runs and failures in
SQLite (default) or PostgreSQL.

Takes extraction results through the single write path in :mod:`~onrecord.store.write`; gives records
through :mod:`~onrecord.store.queries`. ``Store(url)`` opens (and migrates) a database:

    >>> store = Store("onrecord.db")          # or "postgresql://user@localhost/onrecord"
    >>> rows = list(store.statements(speaker="John Kirby", since=date(2024, 5, 1)))
    >>> store.speaker("Zelensky")["name"]       # the registry: any variant finds the canonical speaker
    'Volodymyr Zelenskyy'
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Iterator

from onrecord.store import queries
from onrecord.store.engine import database_url, migrate, open_engine

DEFAULT_DB = "onrecord.db"


class Store:
    def __init__(self, url: str | Path = DEFAULT_DB) -> None:
        self.url = database_url(url)
        self.engine = open_engine(url)
        migrate(self.engine)

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"

    def statements(
        self,
        speaker: str | None = None,
        since: date | None = None,
        until: date | None = None,
        outlet: str | None = None,
        kind: str | None = None,
        channel: str | None = None,
        limit: int | None = None,
    ) -> Iterator[dict]:
        with self.engine.connect() as connection:
            yield from queries.statement_records(connection, speaker, since, until, outlet, kind, channel, limit)

    def articles(
        self, outlet: str | None = None, since: date | None = None, until: date | None = None, limit: int | None = None
    ) -> Iterator[dict]:
        with self.engine.connect() as connection:
            yield from queries.article_records(connection, outlet, since, until, limit)

    def speakers(self, search: str | None = None) -> list[dict]:
        """Registry speakers (canonical name, kind, variants, titles, affiliations, organisation, counts),
        most statements first; ``search`` keeps those with a word of a name or variant starting with it."""
        with self.engine.connect() as connection:
            return list(queries.speaker_records(connection, search))

    def speaker(self, name_or_id: str | int) -> dict | None:
        """One registry speaker by id, name or variant, with its statements by date (``by_date``)."""
        with self.engine.connect() as connection:
            return queries.speaker_record(connection, name_or_id)

    def questions(self, kind: str | None = None) -> list[dict]:
        """Declared and discovered questions with their position counts by stance."""
        with self.engine.connect() as connection:
            return queries.question_records(connection, kind)

    def question(self, question: str | int) -> dict | None:
        """A question by id, text, or a part of its text or label."""
        with self.engine.connect() as connection:
            return queries.find_question(connection, question)

    def add_question(self, text: str) -> dict:
        """Declare a question (once: the same text again is the same question) and read every stored
        statement's stance toward it."""
        from onrecord.positions.refresh import declare_question, refresh

        question_id, _ = declare_question(self.engine, text)
        refresh(self.engine, discover=False)  # also when not new: a failed earlier read is redone
        return self.question(question_id)

    def positions(self, question: str | int, speaker: str | None = None, rollup: bool = False) -> list[dict]:
        """A question's positions by date (see :func:`~onrecord.store.queries.position_records`)."""
        with self.engine.connect() as connection:
            found = queries.find_question(connection, question)
            return queries.position_records(connection, found["id"], speaker, rollup) if found else []

    def shifts(
        self, speaker: str | None = None, since: date | None = None, question: str | int | None = None
    ) -> list[dict]:
        """Detected shifts with their before / after / unchanged evidence."""
        with self.engine.connect() as connection:
            question_id = None
            if question is not None:
                found = queries.find_question(connection, question)
                if found is None:
                    return []
                question_id = found["id"]
            return queries.shift_records(connection, speaker, since, question_id)

    def timeline(self, speaker: str | int) -> list[dict]:
        """A speaker's positions per question by date, with their shifts."""
        with self.engine.connect() as connection:
            record = queries.speaker_record(connection, speaker)
            return queries.speaker_timeline(connection, record["id"]) if record else []

    def refresh_positions(self):
        """Embed new statements, rediscover questions, re-read positions and shifts."""
        from onrecord.positions.refresh import refresh

        return refresh(self.engine)

    def failures(self) -> list[dict]:
        with self.engine.connect() as connection:
            return queries.failure_records(connection)

    def status(self) -> dict:
        with self.engine.connect() as connection:
            return queries.summary(connection)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


__all__ = ["DEFAULT_DB", "Store"]
