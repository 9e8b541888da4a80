"""``create_app(store)``: the FastAPI app behind ``onrecord serve``, JSON under ``/api`` and the web pages
(:mod:`onrecord.web.views`) beside it, both built from :mod:`onrecord.api.pages`.

Errors are JSON ``{"error": "..."}`` with their status (404 unknown id, 422 bad parameter or cursor, 413
body too large, 401/403 a write without the right key, 503 extraction busy). Writes (``POST
/api/extract`` with ``"store": true``) need the API key given at start (``ONRECORD_API_KEY``) and are
refused when there is none. OpenAPI docs at ``/docs``.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
from contextlib import asynccontextmanager
from datetime import date
from enum import Enum
from typing import Annotated, Iterator, Optional

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field, field_validator
from starlette.exceptions import HTTPException as StarletteHTTPException

from onrecord.api import pages
from onrecord.api.auth import check_key, request_key
from onrecord.api.cursor import BadCursor
from onrecord.api.extraction import Busy, ExtractionPool
from onrecord.api.limits import MAX_BODY_BYTES, RequestLimits
from onrecord.api.params import Cursor, Day, Filters, Id, Limit, Text, Words
from onrecord.api.paste import extract_pasted
from onrecord.store import Store
from onrecord.store.export import plain
from onrecord.web import views


class ExportFormat(str, Enum):
    CSV = "csv"
    JSONL = "jsonl"


class ExtractRequest(BaseModel):
    text: str = Field(min_length=1, description="The article's text, paragraphs one per line.")
    published: Optional[date] = Field(
        None, description="Publication date: relative dates resolve against it."
    )
    title: Optional[str] = Field(None, max_length=1000)
    store: bool = Field(False, description="Also store the article and its statements (needs the API key).")

    @field_validator("text", "title")
    @classmethod
    def printable(cls, value: str | None) -> str | None:
        if value is not None and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value

    @field_validator("text")
    @classmethod
    def not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("is blank")
        return value


def create_app(
    store: Store,
    api_key: str | None = None,
    pool: ExtractionPool | None = None,
    max_body: int = MAX_BODY_BYTES,
) -> FastAPI:
    """The app over ``store``; ``api_key`` enables writes; ``pool`` extracts (one worker by default)."""
    pool = pool or ExtractionPool()

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        pool.close()

    app = FastAPI(
        title="onrecord",
        summary="Who said what, when, through which channel: statements, speakers and positions from news.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.api_key = api_key
    app.state.pool = pool
    app.state.write_lock = asyncio.Lock()
    app.add_middleware(RequestLimits, max_body=max_body)
    install_error_handlers(app)

    @app.get("/api", tags=["store"])
    def summary() -> dict:
        """What the store holds, its most quoted speakers and latest articles (the home page)."""
        return pages.summary(store)

    @app.get("/api/articles", tags=["articles"], response_model=None)
    def articles(
        q: Annotated[Words, Query(description="Full text over title and text.")] = None,
        outlet: Text = None,
        since: Day = None,
        until: Day = None,
        cursor: Cursor = None,
        limit: Limit = pages.PAGE_SIZE,
        format: Optional[ExportFormat] = Query(None, description="Every matching article as a download."),
    ):
        """Articles by publication date with their statement counts; a page and the cursor of the next."""
        if format is not None:
            rows = _all_pages(
                lambda after: pages.article_list(store, q, outlet, since, until, after, pages.EXPORT_CHUNK)
            )
            return export(rows, format, "articles")
        return pages.article_list(store, q, outlet, since, until, cursor, limit)

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def article(article_id: Id) -> dict:
        """An article: its text, its statements with their spans, its paragraphs (body, caption, dateline)."""
        return pages.article(store, article_id)

    @app.get("/api/statements", tags=["statements"], response_model=None)
    def statements(
        filters: Filters,
        cursor: Cursor = None,
        limit: Limit = pages.PAGE_SIZE,
        format: Optional[ExportFormat] = Query(None, description="Every matching statement as a download."),
    ):
        """Statements by date (said-on, else published), filtered; full text with `q`."""
        if format is not None:
            return export(pages.statement_export(store, filters), format, "statements")
        return pages.statement_list(store, filters, cursor, limit)

    @app.get("/api/speakers", tags=["speakers"])
    def speakers(
        search: Annotated[Text, Query(description="A word of a name or variant starts so.")] = None,
        cursor: Cursor = None,
        limit: Limit = pages.PAGE_SIZE,
    ) -> dict:
        """Registry speakers, most statements first."""
        return pages.speaker_list(store, search, cursor, limit)

    @app.get("/api/speakers/{speaker_id}", tags=["speakers"])
    def speaker(speaker_id: Id) -> dict:
        """A speaker: variants, titles and affiliations over time, statements by date, timelines."""
        return pages.speaker(store, speaker_id)

    @app.get("/api/speakers/{speaker_id}/timeline", tags=["speakers", "positions"])
    def timeline(speaker_id: Id) -> dict:
        """A speaker's positions on each question by date, with the shifts between them."""
        return pages.timeline(store, speaker_id)

    @app.get("/api/questions", tags=["positions"])
    def questions(kind: Annotated[Text, Query(description="declared or discovered")] = None) -> dict:
        """Questions statements bear on, with counts of positions for and against."""
        return pages.question_list(store, kind)

    @app.get("/api/questions/{question_id}/positions", tags=["positions"])
    def positions(
        question_id: Id,
        speaker: Text = None,
        rollup: bool = Query(False, description="Roll people up to the organisations they speak for."),
    ) -> dict:
        """Every position on a question, per speaker, and the shifts on it."""
        return pages.question(store, question_id, speaker, rollup)

    @app.get("/api/shifts", tags=["positions"])
    def shifts(
        speaker: Text = None,
        since: Day = None,
        question_id: Annotated[Optional[int], Query(ge=1, le=2**31 - 1)] = None,
    ) -> dict:
        """Changes of position, with the evidence before and after."""
        return pages.shift_list(store, speaker, since, question_id)

    @app.post("/api/extract", tags=["extract"])
    async def extract(body: ExtractRequest, request: Request) -> dict:
        """Extract statements from one article's text (at most 1 MB); nothing is stored unless `store` is
        true and the request carries the API key (`X-API-Key` or `Authorization: Bearer`)."""
        if body.store:
            check_key(request.app.state.api_key, request_key(request))
        return await extract_pasted(request.app, body.text, body.published, body.title, body.store)

    app.include_router(views.router)
    app.mount("/static", StaticFiles(directory=views.STATIC), name="static")
    return app


def _all_pages(page) -> Iterator[dict]:
    after = None
    while True:
        result = page(after)
        yield from result["articles"]
        after = result["next"]
        if after is None:
            return


def export(rows: Iterator[dict], format: ExportFormat, name: str) -> StreamingResponse:
    """Rows streamed as CSV (header from the first row; lists as JSON) or JSON lines, as a download."""

    def jsonl() -> Iterator[str]:
        for row in rows:
            yield json.dumps({key: plain(value) for key, value in row.items()}, ensure_ascii=False) + "\n"

    def csv_lines() -> Iterator[str]:
        writer = None
        buffer = io.StringIO()
        for row in rows:
            if writer is None:
                writer = csv.DictWriter(buffer, fieldnames=list(row))
                writer.writeheader()
            writer.writerow(
                {k: json.dumps(v) if isinstance(v, (list, dict)) else plain(v) for k, v in row.items()}
            )
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()

    media = "text/csv" if format is ExportFormat.CSV else "application/x-ndjson"
    headers = {"Content-Disposition": f'attachment; filename="{name}.{format.value}"'}
    body = csv_lines() if format is ExportFormat.CSV else jsonl()
    return StreamingResponse(body, media_type=f"{media}; charset=utf-8", headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    """Every error as ``{"error": "..."}`` under /api; as an HTML error page elsewhere."""

    def respond(request: Request, status: int, message: str, headers: dict | None = None):
        if request.url.path.startswith("/api") or request.url.path.startswith("/openapi"):
            return JSONResponse({"error": message}, status, headers)
        return views.error_page(request, status, message, headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, problem: RequestValidationError):
        return respond(request, 422, "; ".join(_describe(error) for error in problem.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, problem: StarletteHTTPException):
        return respond(request, problem.status_code, str(problem.detail), getattr(problem, "headers", None))

    @app.exception_handler(pages.NotFound)
    async def not_found(request: Request, problem: pages.NotFound):
        return respond(request, 404, str(problem))

    @app.exception_handler(BadCursor)
    async def bad_cursor(request: Request, problem: BadCursor):
        return respond(request, 422, str(problem))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, problem: Exception):
        return respond(request, 500, f"internal error: {type(problem).__name__}")

    @app.exception_handler(Busy)
    async def busy(request: Request, problem: Busy):
        return respond(request, 503, str(problem), {"Retry-After": "5"})


def _describe(error: dict) -> str:
    """``query.since: Input should be a valid date ...`` from one of pydantic's errors."""
    where = ".".join(str(part) for part in error.get("loc", ()) if part != "body" or len(error["loc"]) == 1)
    return f"{where}: {error.get('msg', 'invalid')}" if where else error.get("msg", "invalid")
