"""Extraction on a Ray cluster: the same stage as :class:`~onrecord.pipeline.Extractor`, spread over actors.

Each actor loads the pipeline once and extracts batches of articles; the driver keeps a bounded number
of batches in flight (memory stays flat however large the corpus) and yields results as they finish,
so the store is written by the driver alone, exactly as in a local run. ``address=None`` starts a
local Ray instance; ``"auto"`` or ``"ray://head:10001"`` joins a running cluster.
"""

from __future__ import annotations

from itertools import islice
from typing import Iterable, Iterator

from onrecord.model import Article, Extraction

BATCH_ARTICLES = 8
BATCHES_IN_FLIGHT_PER_ACTOR = 2


class RayExtractor:
    def __init__(self, model: str = "fast", address: str | None = None, actors: int | None = None) -> None:
        import ray

        if not ray.is_initialized():
            options = {"address": address} if address else {"num_cpus": actors, "include_dashboard": False}
            ray.init(log_to_driver=False, **options)
        self._ray = ray
        self.model = model
        self.actors_wanted = actors

    def _start_actors(self, count: int) -> list:
        @self._ray.remote(num_cpus=1)
        class ExtractorActor:
            def __init__(self, model: str) -> None:
                from onrecord.pipeline import Extractor

                self.extractor = Extractor(model)

            def extract(self, articles: list[Article]) -> list[tuple[Article, Extraction]]:
                return list(self.extractor.extract_articles(articles))

        return [ExtractorActor.remote(self.model) for _ in range(count)]

    def extract_articles(
        self, articles: Iterable[Article], jobs: int = 1
    ) -> Iterator[tuple[Article, Extraction]]:
        """Like ``Extractor.extract_articles``, on ``jobs`` actors (or as many as the constructor asked for)."""
        ray = self._ray
        actors = self._start_actors(self.actors_wanted or jobs)
        remaining = iter(articles)
        batches = iter(lambda: list(islice(remaining, BATCH_ARTICLES)), [])
        in_flight: dict = {}  # object ref → actor running it
        idle = list(actors) * BATCHES_IN_FLIGHT_PER_ACTOR
        try:
            while True:
                while idle:
                    batch = next(batches, None)
                    if batch is None:
                        break
                    actor = idle.pop()
                    in_flight[actor.extract.remote(batch)] = actor
                if not in_flight:
                    return
                done, _ = ray.wait(list(in_flight), num_returns=1)
                for ref in done:
                    idle.append(in_flight.pop(ref))
                    yield from ray.get(ref)
        finally:
            for actor in actors:
                ray.kill(actor)
