"""What the ingest tests share: writing fixtures; a news page, a feed and a WARC to read; sorting results."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Iterable

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from onrecord.model import Article, Failure

PARAGRAPHS = (
    "The city council voted on Thursday to approve a new transit plan that will add twelve bus routes "
    "by next spring, officials said.",
    '"This is the biggest expansion of service in a generation," Mayor Ana Ruiz said at a press '
    "conference after the vote.",
    'Opponents said the plan would cost too much. "We cannot afford it," council member Tom Hale told '
    "reporters, adding that taxes would rise.",
)


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def reasons(results: Iterable[Article | Failure]) -> list[str]:
    return [r.reason for r in results if isinstance(r, Failure)]


def articles(results: Iterable[Article | Failure]) -> list[Article]:
    return [r for r in results if isinstance(r, Article)]


def news_page(
    paragraphs: Iterable[str] = PARAGRAPHS,
    title: str = "Council backs transit plan",
    head: str = "",
    before: str = "",
    after: str = "",
) -> str:
    """A news page with its main text in ``<article>``; ``head``, ``before`` and ``after`` add markup
    in ``<head>``, before the paragraphs and after the article."""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>{head}</head>"
        f"<body><article>{before}{body}</article>{after}</body></html>"
    )


def rss(items: str, title: str = "The Daily Gazette") -> str:
    """An RSS 2.0 feed around ``items`` (``<item>`` elements), with the namespaces news feeds use."""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        f"<channel><title>{title}</title><link>https://gazette.example/</link>\n{items}\n</channel></rss>\n"
    )


def add_response(
    writer: WARCWriter,
    uri: str,
    body: bytes | str,
    status: str = "200 OK",
    content_type: str = "text/html; charset=utf-8",
    warc_date: str | None = None,
) -> None:
    """Write an HTTP response record, as a crawler stores a fetched page."""
    if isinstance(body, str):
        body = body.encode("utf-8")
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    headers = {"WARC-Date": warc_date} if warc_date else None
    record = writer.create_warc_record(
        uri, "response", payload=io.BytesIO(body), http_headers=http, warc_headers_dict=headers
    )
    writer.write_record(record)


def warc(pages: Iterable[tuple[str, str]], compress: bool = True) -> bytes:
    """A WARC holding one 200 HTML response per ``(uri, html)``; gzipped per record when ``compress``."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for uri, html in pages:
        add_response(writer, uri, html)
    return buffer.getvalue()
