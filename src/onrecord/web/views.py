"""The web pages: each calls the builder of :mod:`onrecord.api.pages` its JSON twin calls, renders it with
a template, and links the twin (a link in the page and a ``Link: …; rel="alternate"`` header).

Pages read without JavaScript; everything from the store or the user is escaped by Jinja's autoescape,
and the highlighted article text is built from escaped pieces (:mod:`onrecord.web.highlight`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Optional
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, Query, Request
from fastapi.templating import Jinja2Templates
from starlette.responses import HTMLResponse

from onrecord.api import pages
from onrecord.api.auth import check_key
from onrecord.api.params import Cursor, Day, Filters, Id, Text, Words
from onrecord.api.paste import extract_pasted
from onrecord.model import Kind
from onrecord.store.schema import EARLIER_BASIS
from onrecord.web.chart import timeline_chart
from onrecord.web.highlight import marked_paragraphs

HERE = Path(__file__).parent
STATIC = HERE / "static"
templates = Jinja2Templates(directory=HERE / "templates")  # autoescape on for .html
templates.env.globals.update(
    timeline_chart=timeline_chart, kinds=[kind.value for kind in Kind], earlier_basis=EARLIER_BASIS
)
templates.env.filters["query"] = lambda values: urlencode(
    {k: v for k, v in values.items() if v not in (None, "")}
)

router = APIRouter(include_in_schema=False)


def render(
    request: Request, template: str, twin: str | None, code: int = 200, headers: dict | None = None, **context
):
    """A page from ``template``, linking its JSON twin ``twin`` (a path with its query)."""
    headers = dict(headers or {})
    if twin:
        headers["Link"] = f'<{twin}>; rel="alternate"; type="application/json"'
    return templates.TemplateResponse(
        request, template, {"twin": twin, **context}, status_code=code, headers=headers
    )


def error_page(request: Request, status: int, message: str, headers: dict | None = None) -> HTMLResponse:
    return render(request, "error.html", None, status, headers, status=status, message=message)


def _with_query(path: str, request: Request) -> str:
    return f"{path}?{request.url.query}" if request.url.query else path


@router.get("/", response_class=HTMLResponse)
def home(request: Request):
    return render(request, "home.html", "/api", data=pages.summary(request.app.state.store))


@router.get("/articles", response_class=HTMLResponse)
def articles(
    request: Request,
    q: Words = None,
    outlet: Text = None,
    since: Day = None,
    until: Day = None,
    cursor: Cursor = None,
):
    data = pages.article_list(request.app.state.store, q, outlet, since, until, cursor)
    query = {"q": q, "outlet": outlet, "since": since, "until": until}
    return render(request, "articles.html", _with_query("/api/articles", request), data=data, query=query)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: Id):
    data = pages.article(request.app.state.store, article_id)
    return render(request, "article.html", f"/api/articles/{article_id}", data=data, **_article_view(data))


def _article_view(data: dict) -> dict:
    """The marked text, body and captions apart (datelines are left out: the date is in the header)."""
    paragraphs = marked_paragraphs(data["text"], data["blocks"], data["statements"])
    return {
        "body": [p["html"] for p in paragraphs if p["role"] == "body"],
        "captions": [p["html"] for p in paragraphs if p["role"] == "caption"],
    }


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, filters: Filters, cursor: Cursor = None):
    store = request.app.state.store
    data = pages.statement_list(store, filters, cursor)
    matching_articles = (
        pages.article_list(store, filters.q, filters.outlet, filters.since, filters.until, limit=10)
        if filters.q
        else None
    )
    query = filters.query()
    return render(
        request,
        "search.html",
        _with_query("/api/statements", request),
        data=data,
        articles=matching_articles,
        filters=filters,
        query=query,
    )


@router.get("/speakers", response_class=HTMLResponse)
def speakers(request: Request, search: Text = None, cursor: Cursor = None):
    data = pages.speaker_list(request.app.state.store, search, cursor)
    return render(request, "speakers.html", _with_query("/api/speakers", request), data=data, search=search)


@router.get("/speakers/{speaker_id}", response_class=HTMLResponse)
def speaker(request: Request, speaker_id: Id):
    data = pages.speaker(request.app.state.store, speaker_id)
    return render(request, "speaker.html", f"/api/speakers/{speaker_id}", data=data)


@router.get("/questions", response_class=HTMLResponse)
def questions(request: Request, kind: Text = None):
    data = pages.question_list(request.app.state.store, kind)
    return render(request, "questions.html", _with_query("/api/questions", request), data=data)


@router.get("/questions/{question_id}", response_class=HTMLResponse)
def question(
    request: Request,
    question_id: Id,
    speaker: Text = None,
    rollup: bool = False,
):
    data = pages.question(request.app.state.store, question_id, speaker, rollup)
    twin = _with_query(f"/api/questions/{question_id}/positions", request)
    return render(request, "question.html", twin, data=data)


@router.get("/shifts", response_class=HTMLResponse)
def shifts(
    request: Request,
    speaker: Text = None,
    since: Day = None,
    question_id: Annotated[Optional[int], Query(ge=1, le=2**31 - 1)] = None,
):
    data = pages.shift_list(request.app.state.store, speaker, since, question_id)
    return render(request, "shifts.html", _with_query("/api/shifts", request), data=data)


@router.get("/extract", response_class=HTMLResponse)
def paste_form(request: Request):
    return render(request, "extract.html", None, form={}, result=None, writes=bool(request.app.state.api_key))


@router.post("/extract", response_class=HTMLResponse)
async def paste(request: Request):
    """The paste form (urlencoded): extract on the fly; store only with the box ticked and the key."""
    fields = {
        key: values[0] for key, values in parse_qs((await request.body()).decode("utf-8", "replace")).items()
    }
    text = fields.get("text", "")
    writes = bool(request.app.state.api_key)
    problem = None
    try:
        published = date.fromisoformat(fields["published"]) if fields.get("published") else None
    except ValueError:
        problem, published = "published: not a date (YYYY-MM-DD)", None
    if not text.strip() or "\x00" in text:
        problem = "text: paste an article's text"
    if problem:
        return render(
            request, "extract.html", None, 422, form=fields, result=None, writes=writes, problem=problem
        )
    store = fields.get("store") == "on"
    if store:
        check_key(request.app.state.api_key, fields.get("api_key"))
    result = await extract_pasted(request.app, text, published, fields.get("title") or None, store)
    return render(
        request, "extract.html", None, form=fields, result=result, writes=writes, **_article_view(result)
    )
