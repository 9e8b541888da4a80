"""Bring a store's questions, positions and shifts up to date with its statements.

The I/O edge of :mod:`onrecord.positions`: reads statements, the speaker registry and declared
questions; writes embeddings, discovered questions, positions and shifts. Incremental where the cost
is: an embedding is computed once per statement and kept; everything after it (clustering, stance,
shifts) is recomputed from stored values in seconds, so it always agrees with the current registry
and questions. Called at the end of every ingest run and after ``question add``.

When the user configures a chat endpoint (``ONRECORD_LLM_URL``, :mod:`.llm`), it refines the positions
of declared questions: each linked statement is read again with its paragraphs, and the chat model
keeps or drops the link and gives the stance and scope. Its verdicts are kept in ``llm_readings``, so
the endpoint is asked once per (model, question, statement). A failed call leaves the offline reading.
It is counted and logged, and tried again at the next refresh.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone

import numpy as np
from sqlalchemy import Engine, delete, func, insert, select

from onrecord.attribution.cues import is_standing
from onrecord.attribution.reported import is_quoted_by_reporter
from onrecord.positions.context import antecedents, with_antecedents
from onrecord.positions.embed import MODEL_NAME, Embedder, pack, shared_embedder, unpack
from onrecord.positions.llm import (
    ChatReader,
    Passage,
    ReadFailure,
    Verdict,
    context_around,
    endpoint_from_environment,
)
from onrecord.positions.questions import discover_questions
from onrecord.positions.shifts import Point, detect_shifts
from onrecord.positions.stance import (
    Candidate,
    Reading,
    Similarity,
    StanceModel,
    read_stances,
    shipped_model,
)
from onrecord.speakers.registry import organisation_chain
from onrecord.store.schema import (
    EARLIER_BASIS,
    articles,
    llm_readings,
    positions,
    questions,
    shifts,
    speaker_registry,
    statement_embeddings,
    statements,
)

log = logging.getLogger(__name__)

EMBED_BATCH = 512
ID_BATCH = 500  # statement ids in one IN (...) clause
TOP = 3  # an article's statements closest to a question that say how much it is about it


@dataclass(frozen=True, slots=True)
class RefreshCounts:
    embedded: int
    questions: int
    discovered: int
    positions: int
    shifts: int
    llm_read: int = 0  # verdicts a configured chat model gave in this refresh (not those kept from before)
    llm_failed: int = 0


@dataclass(frozen=True, slots=True)
class _Statement:
    id: int
    article_id: int
    content: str
    cue: str
    dated: date | None
    basis: str | None


def embed_new_statements(engine: Engine, embedder: Embedder) -> int:
    """Embed every statement that has no embedding yet; how many were."""
    done = 0
    while True:
        with engine.connect() as connection:
            batch = connection.execute(
                select(statements.c.id, statements.c.content_text)
                .outerjoin(statement_embeddings, statement_embeddings.c.statement_id == statements.c.id)
                .where(statement_embeddings.c.statement_id.is_(None))
                .order_by(statements.c.id)
                .limit(EMBED_BATCH)
            ).all()
        if not batch:
            return done
        vectors = embedder.encode([text for _, text in batch])
        with engine.begin() as connection:
            connection.execute(
                insert(statement_embeddings),
                [
                    dict(statement_id=sid, model=MODEL_NAME, vector=pack(vector))
                    for (sid, _), vector in zip(batch, vectors)
                ],
            )
        done += len(batch)


def _load(engine: Engine) -> tuple[list[_Statement], np.ndarray]:
    query = (
        select(
            statements.c.id,
            statements.c.article_id,
            statements.c.content_text,
            statements.c.cue_text,
            statements.c.said_on_start,
            articles.c.published,
            statements.c.position,
            statements.c.kind,
            statements.c.reported_by,
            statement_embeddings.c.vector,
        )
        .join(articles, articles.c.id == statements.c.article_id)
        .join(statement_embeddings, statement_embeddings.c.statement_id == statements.c.id)
        .order_by(statements.c.id)
    )
    rows, vectors, reporters, at_positions = [], [], [], []
    dated_at: dict[tuple[int, int], date | None] = {}  # (article, position) -> the statement's date
    quoting: set[tuple[int, int]] = set()  # statements that only quote someone else's words
    with engine.connect() as connection:
        result = connection.execute(query)
        for sid, article, content, cue, said_on, published, at, kind, reported_by, vector in result:
            if said_on:
                dated, basis = said_on, "said_on"
            elif published:
                dated, basis = published, ("before_published" if is_standing(cue) else "published")
            else:
                dated, basis = None, None
            dated_at[article, at] = dated
            quoted = is_quoted_by_reporter(kind, reported_by)
            if quoted:
                quoting.add((article, reported_by))
            reporters.append(None if said_on or quoted else reported_by)
            at_positions.append(at)
            rows.append(_Statement(sid, article, content, cue, dated, basis))
            vectors.append(unpack(vector))
    # a reported past position with no date of its own was held some time before its reporter spoke
    rows = [
        row if at is None else replace(row, dated=dated_at.get((row.article_id, at)), basis=EARLIER_BASIS)
        for row, at in zip(rows, reporters)
    ]
    # a medium quoting someone takes no position: the words are the quoted speaker's statement
    kept = [i for i, (row, at) in enumerate(zip(rows, at_positions)) if (row.article_id, at) not in quoting]
    rows, vectors = [rows[i] for i in kept], [vectors[i] for i in kept]
    return rows, (np.vstack(vectors) if vectors else np.zeros((0, 384), dtype=np.float32))


def _position_row(question_id: int, row: _Statement, reading: Reading) -> dict:
    return dict(
        question_id=question_id,
        statement_id=row.id,
        stance=reading.stance,
        scope=reading.scope,
        relevance=reading.relevance,
        confidence=reading.confidence,
        dated=row.dated,
        date_basis=row.basis,
        reader=reading.reader,
    )


def article_similarities(similarities: np.ndarray, articles: list) -> tuple[np.ndarray, np.ndarray]:
    """Per statement: the mean similarity of its article's statements, and of the article's three most
    similar (see :class:`~onrecord.positions.stance.Similarity`)."""
    by_article: dict = {}
    for index, article in enumerate(articles):
        by_article.setdefault(article, []).append(index)
    mean, top = np.zeros(len(articles)), np.zeros(len(articles))
    for members in by_article.values():
        values = similarities[members]
        mean[members] = values.mean()
        top[members] = np.sort(values)[-TOP:].mean()
    return mean, top


def _read_all(
    text: str,
    vector: np.ndarray,
    rows: list[_Statement],
    vectors: np.ndarray,
    antecedent: np.ndarray,
    candidates,
    model: StanceModel,
    reach: float | None = None,
) -> list[tuple[_Statement, Reading]]:
    similarities = vectors @ vector
    article_mean, article_top = article_similarities(similarities, [row.article_id for row in rows])
    similarities = with_antecedents(similarities, antecedent)
    indices = list(candidates)
    readings = read_stances(
        text,
        [
            Candidate(
                rows[i].content,
                rows[i].cue,
                Similarity(float(similarities[i]), float(article_mean[i]), float(article_top[i])),
                vectors[i],
            )
            for i in indices
        ],
        model,
        reach,
    )
    return [(rows[i], reading) for i, reading in zip(indices, readings) if reading]


def refresh(
    engine: Engine,
    embedder: Embedder | None = None,
    discover: bool = True,
    model: StanceModel | None = None,
    chat: ChatReader | None = None,
) -> RefreshCounts:
    """Embed new statements, rediscover questions (unless ``discover`` is False), re-read every
    question's positions and re-detect shifts. ``chat`` refines declared questions' positions; by
    default, the endpoint the environment configures, if any (module docstring)."""
    embedder = embedder or shared_embedder()
    model = model or shipped_model()
    if chat is None:
        endpoint = endpoint_from_environment()
        chat = ChatReader(endpoint) if endpoint else None
    embedded = embed_new_statements(engine, embedder)
    rows, vectors = _load(engine)
    antecedent = antecedents([row.content for row in rows], [row.article_id for row in rows])
    with engine.connect() as connection:
        declared = connection.execute(
            select(questions.c.id, questions.c.text).where(questions.c.kind == "declared")
        ).all()
    # declared questions are read before the write transaction: a chat model may take minutes, and the
    # store stays writable meanwhile
    declared_readings, chat_read, chat_failed = [], 0, 0
    if declared:
        reach = chat.endpoint.min_relevance if chat is not None else None
        question_vectors = embedder.encode([text for _, text in declared])
        for (question_id, text), vector in zip(declared, question_vectors):
            readings = _read_all(text, vector, rows, vectors, antecedent, range(len(rows)), model, reach)
            if chat is not None and readings:
                readings, read, failed = _refine(engine, chat, text, readings)
                chat_read, chat_failed = chat_read + read, chat_failed + failed
            declared_readings.append((question_id, readings))
    now = datetime.now(timezone.utc)
    with engine.begin() as connection:
        if discover:
            connection.execute(delete(questions).where(questions.c.kind == "discovered"))
            for found in discover_questions([r.content for r in rows], vectors, [r.article_id for r in rows]):
                question_id = connection.execute(
                    insert(questions).values(
                        kind="discovered",
                        text=found.text,
                        label=found.label,
                        keywords=list(found.keywords),
                        created_at=now,
                    )
                ).inserted_primary_key[0]
                readings = _read_all(
                    found.text, found.centroid, rows, vectors, antecedent, found.members, model
                )
                if readings:
                    connection.execute(
                        insert(positions), [_position_row(question_id, r, x) for r, x in readings]
                    )
        if declared:
            connection.execute(delete(positions).where(positions.c.question_id.in_([q for q, _ in declared])))
            for question_id, readings in declared_readings:
                if readings:
                    connection.execute(
                        insert(positions), [_position_row(question_id, r, x) for r, x in readings]
                    )
        shift_count = _replace_shifts(connection)
        by_kind = dict(
            connection.execute(select(questions.c.kind, func.count()).group_by(questions.c.kind)).all()
        )
        position_count = connection.execute(select(func.count()).select_from(positions)).scalar()
    return RefreshCounts(
        embedded=embedded,
        questions=sum(by_kind.values()),
        discovered=by_kind.get("discovered", 0),
        positions=position_count,
        shifts=shift_count,
        llm_read=chat_read,
        llm_failed=chat_failed,
    )


def _refine(
    engine: Engine, chat: ChatReader, question: str, readings: list[tuple[_Statement, Reading]]
) -> tuple[list[tuple[_Statement, Reading]], int, int]:
    """The readings as the chat model reads them (module docstring): its kept verdicts, then new ones
    for the rest; a link it says does not bear is dropped. A statement it could not read keeps its
    offline reading if the offline reader links it by itself (``Reading.linked``). Also gives how many
    verdicts it read and how many calls failed."""
    key = hashlib.sha256(question.encode("utf-8")).hexdigest()
    ids = [row.id for row, _ in readings]
    verdicts: dict[int, Verdict] = {}
    with engine.connect() as connection:
        for first in range(0, len(ids), ID_BATCH):
            kept = connection.execute(
                select(
                    llm_readings.c.statement_id,
                    llm_readings.c.bears,
                    llm_readings.c.stance,
                    llm_readings.c.scope,
                )
                .where(llm_readings.c.model == chat.endpoint.model, llm_readings.c.question_key == key)
                .where(llm_readings.c.statement_id.in_(ids[first : first + ID_BATCH]))
            )
            verdicts.update((sid, Verdict(bears, stance, scope)) for sid, bears, stance, scope in kept)
        unread = [sid for sid in ids if sid not in verdicts]
        passages = _passages(connection, question, unread)
    failures: list[ReadFailure] = []
    new_rows = []
    for sid, answer in zip(unread, chat.read([passages[sid] for sid in unread])):
        if isinstance(answer, ReadFailure):
            failures.append(answer)
            continue
        verdicts[sid] = answer
        new_rows.append(
            dict(
                model=chat.endpoint.model,
                question_key=key,
                statement_id=sid,
                bears=answer.bears,
                stance=answer.stance,
                scope=answer.scope,
                read_at=datetime.now(timezone.utc),
            )
        )
    if new_rows:
        with engine.begin() as connection:
            connection.execute(insert(llm_readings), new_rows)
    if failures:
        log.warning(
            "%s: %d of %d statements not read on %r (%s: %s); their offline readings stand",
            chat.name,
            len(failures),
            len(unread),
            question,
            failures[0].reason,
            failures[0].detail,
        )
    refined = []
    for row, reading in readings:
        verdict = verdicts.get(row.id)
        if verdict is None:
            if reading.linked:
                refined.append((row, reading))
        elif verdict.bears:
            # a chat model gives no probability: its verdict is taken as read (confidence 1.0)
            read = replace(
                reading, stance=verdict.stance, scope=verdict.scope, confidence=1.0, reader=chat.name
            )
            refined.append((row, read))
    return refined, len(new_rows), len(failures)


def _passages(connection, question: str, ids: list[int]) -> dict[int, Passage]:
    """Each statement as the chat model reads it: speaker, cue, content and its paragraphs."""
    found = {}
    for first in range(0, len(ids), ID_BATCH):
        query = (
            select(
                statements.c.id,
                func.coalesce(speaker_registry.c.name, statements.c.speaker_name, statements.c.source_text),
                statements.c.cue_text,
                statements.c.content_text,
                statements.c.content,
                articles.c.text,
            )
            .join(articles, articles.c.id == statements.c.article_id)
            .outerjoin(speaker_registry, speaker_registry.c.id == statements.c.registry_id)
            .where(statements.c.id.in_(ids[first : first + ID_BATCH]))
        )
        for sid, speaker, cue, content, spans, text in connection.execute(query):
            start, end = (spans[0][0], spans[-1][1]) if spans else (0, 0)
            found[sid] = Passage(question, speaker or "", cue, content, context_around(text, start, end))
    return found


def refresh_shifts(engine: Engine) -> int:
    """Re-detect every shift (after a registry rebuild, which changes who the speakers are)."""
    with engine.begin() as connection:
        return _replace_shifts(connection)


def _replace_shifts(connection) -> int:
    """Recompute every shift from the stored positions: per speaker, and per organisation their
    positions roll up to."""
    parents = dict(
        connection.execute(select(speaker_registry.c.id, speaker_registry.c.organisation_id)).all()
    )
    points = []
    query = (
        select(
            positions.c.id,
            positions.c.question_id,
            statements.c.registry_id,
            positions.c.stance,
            positions.c.scope,
            positions.c.dated,
            positions.c.date_basis,
            positions.c.confidence,
        )
        .join(statements, statements.c.id == positions.c.statement_id)
        .where(statements.c.registry_id.is_not(None))
    )
    for pid, question, speaker, stance, scope, dated, basis, confidence in connection.execute(query):
        standing, earlier = basis == "before_published", basis == EARLIER_BASIS
        for holder in [(speaker, False)] + [(o, True) for o in organisation_chain(parents, speaker)[1:]]:
            points.append(Point(pid, holder, question, stance, scope, dated, standing, confidence, earlier))
    connection.execute(delete(shifts))
    found = detect_shifts(points)
    if found:
        connection.execute(
            insert(shifts),
            [
                dict(
                    question_id=s.question,
                    registry_id=s.speaker[0],
                    rollup=s.speaker[1],
                    kind=s.kind,
                    from_stance=s.from_stance,
                    to_stance=s.to_stance,
                    from_scope=s.from_scope,
                    to_scope=s.to_scope,
                    from_date=s.from_date,
                    to_date=s.to_date,
                    before=list(s.before),
                    after=list(s.after),
                    unchanged=list(s.unchanged),
                    confidence=s.confidence,
                )
                for s in found
            ],
        )
    return len(found)


def declare_question(engine: Engine, text: str) -> tuple[int, bool]:
    """Declare ``text`` as a question (a stripped text already declared is not added twice); its id and
    whether it is new. Positions come with the next :func:`refresh`."""
    text = " ".join(text.split())
    with engine.begin() as connection:
        existing = connection.execute(
            select(questions.c.id).where(questions.c.kind == "declared", questions.c.text == text)
        ).scalar()
        if existing is not None:
            return existing, False
        new_id = connection.execute(
            insert(questions).values(
                kind="declared", text=text, label=text, keywords=[], created_at=datetime.now(timezone.utc)
            )
        ).inserted_primary_key[0]
        return new_id, True
