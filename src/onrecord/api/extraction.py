"""Extraction for ``POST /api/extract`` and the paste page, off the event loop.

Worker processes each load one pipeline (spawned, so none inherits the server's threads) and take one
article at a time; the server awaits them, so pages keep being served meanwhile. A few requests may
wait for a worker; beyond that the pool answers :class:`Busy` at once rather than queue without end.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from onrecord.model import Article, Statement

_extractor = None  # the pipeline of a worker process


class Busy(RuntimeError):
    def __init__(self, waiting: int) -> None:
        super().__init__(f"busy: {waiting} extractions are running or waiting; try again shortly")


def _load(model: str) -> None:
    global _extractor
    from onrecord.pipeline import Extractor

    _extractor = Extractor(model)


def _extract(article: Article) -> list[Statement]:
    return _extractor.extract_article(article)


class ExtractionPool:
    """``workers`` processes with a loaded pipeline each, started on first use; at most ``waiting``
    requests wait for one."""

    def __init__(self, model: str = "fast", workers: int = 1, waiting: int = 4) -> None:
        self.model = model
        self.workers = workers
        self.capacity = workers + waiting
        self.in_flight = 0
        self._pool: ProcessPoolExecutor | None = None

    async def extract(self, article: Article) -> list[Statement]:
        if self.in_flight >= self.capacity:
            raise Busy(self.in_flight)
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.workers, multiprocessing.get_context("spawn"), initializer=_load, initargs=(self.model,)
            )
        self.in_flight += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(self._pool, _extract, article)
        finally:
            self.in_flight -= 1

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
