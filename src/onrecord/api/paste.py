"""A pasted article: extract it in the worker pool and, only when asked (and authorised), store it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Iterable

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from onrecord.api import pages
from onrecord.ingest.metadata import Metadata
from onrecord.ingest.text import article_from_text
from onrecord.model import Article, Statement
from onrecord.store import Store
from onrecord.store.write import text_hash


class Replay:
    """An extractor handing back statements found already, so storing a pasted article re-runs nothing."""

    def __init__(self, statements: list[Statement]) -> None:
        self.statements = statements

    def extract_articles(self, articles: Iterable[Article], jobs: int = 1):
        for article in articles:
            yield article, self.statements


async def extract_pasted(
    app: FastAPI, text: str, published: date | None, title: str | None, store: bool
) -> dict:
    """The article page's dict for ``text``, plus ``stored``: where it was stored, or None. The caller has
    checked the key when ``store`` is true."""
    article = article_from_text(
        text, id="pasted", published=published, origin="pasted", about=Metadata(title=title)
    )
    found = await app.state.pool.extract(article)
    result = {**pages.extracted(article, found), "stored": None}
    if store:
        async with app.state.write_lock:  # one writer at a time (SQLite has one anyway)
            result["stored"] = await run_in_threadpool(store_article, app.state.store, article, found)
    return result


def store_article(store: Store, article: Article, found: list[Statement]) -> dict:
    """Store through the one write path (registry rebuilt after, as after any ingest run)."""
    from onrecord.pipeline import ingest_items

    article = replace(article, origin=f"pasted:{text_hash(article.text)[:16]}")
    report = ingest_items([article], store, Replay(found), sources=["api:extract"])
    return {"run_id": report.run_id, "article_id": pages.article_id_of(store, article.text)}
