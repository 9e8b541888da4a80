"""What each page shows: one builder per page, returning the dict that ``/api/…`` sends as JSON and the
web page at the same path without ``/api`` renders (as in Datasette: ``/speakers/3`` ↔ ``/api/speakers/3``).

Builders read the store through :mod:`onrecord.store.queries` only, and raise :class:`NotFound` for an
unknown id; list builders page with opaque cursors (:mod:`onrecord.api.cursor`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Iterator

from onrecord.api import cursor
from onrecord.ingest.blocks import split_blocks
from onrecord.model import Article, Statement
from onrecord.store import Store, queries
from onrecord.store.write import statement_row, text_hash

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
EXPORT_CHUNK = 1000
SPEAKER_STATEMENTS = 200  # statements listed on a speaker page; the rest are a search away


class NotFound(LookupError):
    """An id the store does not hold."""

    def __init__(self, what: str, key: int) -> None:
        super().__init__(f"{what} {key} not found")


@dataclass(frozen=True, slots=True)
class StatementFilters:
    """The filters of the statements list and search: full text plus the store's statement filters."""

    q: str | None = None
    speaker: str | None = None
    speaker_id: int | None = None
    outlet: str | None = None
    since: date | None = None
    until: date | None = None
    kind: str | None = None
    channel: str | None = None

    def query(self) -> dict:
        """The filters that are set, as query parameters."""
        return {key: value for key, value in asdict(self).items() if value is not None and value != ""}


def summary(store: Store) -> dict:
    """The home page: what the store holds, its most quoted speakers and its latest articles."""
    with store.engine.connect() as connection:
        status = queries.summary(connection)
        speakers = list(queries.speaker_records(connection))[:10]
    latest = store.articles()
    return {"status": status, "speakers": speakers, "articles": list(latest)[-10:][::-1]}


def article_list(
    store: Store,
    q: str | None = None,
    outlet: str | None = None,
    since: date | None = None,
    until: date | None = None,
    after: str | None = None,
    limit: int = PAGE_SIZE,
) -> dict:
    with store.engine.connect() as connection:
        rows = queries.article_search_records(
            connection, q, outlet, since, until, cursor.decode_key(after), limit + 1
        )
    return _page("articles", rows, limit, queries.article_key)


def article(store: Store, article_id: int) -> dict:
    """An article with its text, its statements (with spans) and its paragraphs as ``blocks`` (body,
    caption or dateline: captions are shown apart and yield no statements)."""
    with store.engine.connect() as connection:
        found = queries.article_record(connection, article_id)
    if found is None:
        raise NotFound("article", article_id)
    return {**found, "blocks": blocks(found["text"])}


def blocks(text: str) -> list[dict]:
    return [{"start": b.span.start, "end": b.span.end, "role": b.role.value} for b in split_blocks(text)]


def extracted(article: Article, statements: list[Statement]) -> dict:
    """A pasted article and what extraction found in it, shaped as :func:`article` shapes a stored one."""
    rows = []
    for position, statement in enumerate(statements):
        row = statement_row(None, position, statement, article.text)
        # who reported a reported past position, by name, as a stored article's rows give it
        reporter = statements[statement.reported_by].speaker if statement.reported_by is not None else None
        row["reported_by"] = reporter.name if reporter else None
        rows.append({**row, "id": None, "registry_id": None, "published": article.published})
    return {
        "id": None,
        "title": article.title,
        "published": article.published,
        "outlet": None,
        "url": None,
        "text": article.text,
        "statements": rows,
        "blocks": blocks(article.text),
    }


def statement_list(
    store: Store, filters: StatementFilters, after: str | None = None, limit: int = PAGE_SIZE
) -> dict:
    with store.engine.connect() as connection:
        rows = queries.search_records(
            connection, **asdict(filters), after=cursor.decode_key(after), limit=limit + 1
        )
    return _page("statements", rows, limit, queries.statement_key)


def statement_export(store: Store, filters: StatementFilters) -> Iterator[dict]:
    """Every statement matching ``filters``, read a chunk at a time (for CSV/JSONL downloads)."""
    after = None
    while True:
        with store.engine.connect() as connection:
            rows = queries.search_records(connection, **asdict(filters), after=after, limit=EXPORT_CHUNK)
        yield from rows
        if len(rows) < EXPORT_CHUNK:
            return
        after = queries.statement_key(rows[-1])


def speaker_list(
    store: Store, search: str | None = None, after: str | None = None, limit: int = PAGE_SIZE
) -> dict:
    offset = cursor.decode_offset(after)
    with store.engine.connect() as connection:
        rows = list(queries.speaker_records(connection, search))
    more = len(rows) > offset + limit
    return {
        "speakers": rows[offset : offset + limit],
        "next": cursor.encode(offset + limit) if more else None,
    }


def speaker(store: Store, speaker_id: int) -> dict:
    """A registry speaker: names, titles and affiliations over time, statements by date (the first
    :data:`SPEAKER_STATEMENTS`, ``statements_listed`` says how many) and the timeline per question."""
    with store.engine.connect() as connection:
        found = queries.speaker_record(connection, speaker_id)
        if found is None:
            raise NotFound("speaker", speaker_id)
        timeline = queries.speaker_timeline(connection, speaker_id)
    by_date = found["by_date"]
    return {
        **found,
        "by_date": by_date[:SPEAKER_STATEMENTS],
        "statements_listed": min(len(by_date), SPEAKER_STATEMENTS),
        "timeline": timeline,
    }


def timeline(store: Store, speaker_id: int) -> dict:
    """A speaker's positions per question by date, with their shifts."""
    with store.engine.connect() as connection:
        found = queries.speaker_record(connection, speaker_id)
        if found is None:
            raise NotFound("speaker", speaker_id)
        questions = queries.speaker_timeline(connection, speaker_id)
    return {"speaker": {"id": found["id"], "name": found["name"]}, "questions": questions}


def question_list(store: Store, kind: str | None = None) -> dict:
    with store.engine.connect() as connection:
        return {"questions": queries.question_records(connection, kind)}


def question(store: Store, question_id: int, speaker: str | None = None, rollup: bool = False) -> dict:
    """A question, every position taken on it (per speaker, or rolled up to organisations), each
    speaker's summary and the shifts on it."""
    with store.engine.connect() as connection:
        found = [q for q in queries.question_records(connection) if q["id"] == question_id]
        if not found:
            raise NotFound("question", question_id)
        positions = queries.position_records(connection, question_id, speaker, rollup)
        shifts = queries.shift_records(connection, speaker, None, question_id)
    return {
        "question": found[0],
        "rollup": rollup,
        "positions": positions,
        "speakers": speaker_summaries(positions),
        "shifts": [s for s in shifts if s["rollup"] == rollup],
    }


def speaker_summaries(positions: list[dict]) -> list[dict]:
    """One row per speaker: how many positions, the first and last dates and stances, most positions first."""
    by_speaker: dict = {}
    for position in positions:
        by_speaker.setdefault((position["registry_id"], position["speaker"]), []).append(position)
    rows = []
    for (registry_id, name), taken in by_speaker.items():
        dated = sorted((p for p in taken if p["dated"]), key=lambda p: p["dated"])
        rows.append(
            {
                "registry_id": registry_id,
                "speaker": name,
                "positions": len(taken),
                "stances": {
                    s: sum(p["stance"] == s for p in taken) for s in ("supports", "opposes", "neutral")
                },
                "first": dated[0]["dated"] if dated else None,
                "last": dated[-1]["dated"] if dated else None,
                "latest_stance": (dated or taken)[-1]["stance"],
                "points": dated,
            }
        )
    return sorted(rows, key=lambda row: (-row["positions"], row["speaker"] or ""))


def shift_list(
    store: Store, speaker: str | None = None, since: date | None = None, question_id: int | None = None
) -> dict:
    with store.engine.connect() as connection:
        return {"shifts": queries.shift_records(connection, speaker, since, question_id)}


def _page(name: str, rows: list[dict], limit: int, key) -> dict:
    more = len(rows) > limit
    rows = rows[:limit]
    return {name: rows, "next": cursor.encode(key(rows[-1])) if more else None}


def article_id_of(store: Store, text: str) -> int | None:
    """The id of the stored article with exactly this text."""
    with store.engine.connect() as connection:
        return queries.article_id_by_hash(connection, text_hash(text))
