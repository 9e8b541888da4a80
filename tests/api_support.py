"""What the API and web tests share: a store of the bundled examples and the seed story (extracted once per
test process, then written to each backend), and ``onrecord serve`` over it in a subprocess."""

from __future__ import annotations

import functools
import itertools
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from typing import Iterator

import httpx
import psycopg

from onrecord.ingest import read_sources
from onrecord.model import Article
from onrecord.pipeline import Extractor, ingest
from onrecord.store import Store
from tests.conftest import REPO, SEED, _free_port

EXAMPLES = REPO / "examples"
API_KEY = "test-key-0123456789"
_databases = itertools.count()


def sources() -> list[str]:
    return [str(EXAMPLES)] + ([str(SEED.parent)] if SEED.exists() else [])


@functools.cache
def extracted() -> dict[str, list]:
    """Statements of every source article by origin, from the packaged model, once per process."""
    articles = [item for item in read_sources(sources()) if isinstance(item, Article)]
    return {article.origin: statements for article, statements in Extractor().extract_articles(articles)}


class Replay:
    """Hands back what :func:`extracted` found, so each backend's store costs no second extraction."""

    def extract_articles(self, articles, jobs=1):
        found = extracted()
        for article in articles:
            yield article, found[article.origin]


# the seed acceptance's question: with it, the store holds the U.S. government's shift
SEED_QUESTION = "The U.S. permits Ukraine to use U.S.-supplied weapons to strike inside Russia."


def build_store(url: str) -> str:
    with Store(url) as store:
        ingest(sources(), store, Replay())
        if SEED.exists():
            store.add_question(SEED_QUESTION)
    return url


def store_url(backend: str, directory, postgres_server: str | None) -> str:
    """A new, empty database on ``backend``: a file in ``directory``, or a database on the server."""
    if backend == "sqlite":
        return str(directory / "onrecord.db")
    name = f"api_{os.getpid()}_{next(_databases)}"
    with psycopg.connect(f"{postgres_server}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{postgres_server}/{name}"


@contextmanager
def serving(url: str, api_key: str | None = API_KEY) -> Iterator[str]:
    """``onrecord serve`` over ``url`` on a free loopback port; yields its base URL."""
    port = _free_port()
    env = {**os.environ, "ONRECORD_API_KEY": api_key or ""}
    command = [sys.executable, "-m", "onrecord", "serve", "--db", url, "--port", str(port)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"onrecord serve exited {process.returncode}: {process.stderr.read()}")
            try:
                if httpx.get(f"{base}/api", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("onrecord serve did not answer within 60 s")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
