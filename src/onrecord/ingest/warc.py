"""Read web archives (WARC, plain or gzipped), streamed with warcio: one article per HTML page.

Takes a ``.warc`` or ``.warc.gz`` file; gives an :class:`~onrecord.model.Article` for each successful
(2xx) HTML ``response`` record and each HTML ``resource`` record, through :mod:`onrecord.ingest.html`,
with ``url`` the record's WARC-Target-URI and the date from the page, else the record's WARC-Date.
Other records (requests, metadata, images, redirects) are skipped. Origins are ``path#URI`` (``#URI~2``
for the second capture of a URI in the file); ids are a digest of the URI (and capture number).

Failure reasons: those of opening a file (:mod:`onrecord.ingest.files`); ``truncated`` (the archive, or
its gzip stream, ends inside a record or is corrupt; the records before it still come through);
``malformed`` (not a WARC); ``too large`` (a page over ``max_bytes``); and html.py's ``no article text``.
"""

from __future__ import annotations

import gzip
import zlib
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeadersParserException

from onrecord.ingest.files import open_binary, os_error_detail
from onrecord.ingest.html import article_from_html, decode_html
from onrecord.ingest.metadata import Metadata, numbered, parse_date, stable_id
from onrecord.ingest.options import ReadOptions
from onrecord.model import Article, Failure

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
GZIP_MAGIC = b"\x1f\x8b"
DRAIN_BYTES = 64 * 1024
DETAIL_CHARACTERS = 120  # warcio's parse errors quote the whole unparsable header

_STREAM_ERRORS = (EOFError, zlib.error, gzip.BadGzipFile)
# What warcio raises on a record it cannot parse: its own errors, and AttributeError for a response
# record without a WARC-Target-URI.
_PARSE_ERRORS = (ArchiveLoadFailed, StatusAndHeadersParserException, ValueError, AttributeError)


class _Tripwire:
    """Passes reads through and keeps the stream error that ended them: warcio takes an EOFError met
    while reading a record's header for the end of the archive, which would hide a cut gzip stream."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.error: Exception | None = None

    def read(self, size: int = -1) -> bytes:
        try:
            # read1: one read of the stream at most, so what comes before a cut is handed over, not
            # lost to an EOFError raised while filling the rest of ``size``.
            return self._stream.read1(size)
        except _STREAM_ERRORS as error:
            self.error = error
            raise

    def tell(self) -> int:
        return self._stream.tell()


def read_warc(path: Path, options: ReadOptions) -> Iterator[Article | Failure]:
    """Every HTML page in the archive, in archive order."""
    handle = open_binary(path)
    if isinstance(handle, Failure):
        yield handle
        return
    with handle:
        try:
            # Python's gzip (not warcio's) decompresses, because it raises where a stream is cut short.
            gzipped = handle.peek(len(GZIP_MAGIC)).startswith(GZIP_MAGIC)
            stream = gzip.GzipFile(fileobj=handle) if gzipped else handle
            yield from _pages(_Tripwire(stream), path, options)
        except OSError as error:
            yield Failure(str(path), "unreadable", os_error_detail(error))


def _pages(stream: _Tripwire, path: Path, options: ReadOptions) -> Iterator[Article | Failure]:
    """Each page's article, held back until the next record has been parsed or the archive has ended
    cleanly: gzip checks a member's CRC only at its end, so a record from a corrupt member must not
    come out before the check. When reading fails, the held-back record is counted as not read."""
    records = 0
    cut = False
    pending: Article | Failure | None = None
    captures: Counter[str] = Counter()
    problem: Failure | None = None
    try:
        for record in ArchiveIterator(stream):
            if pending is not None:
                yield pending
                pending = None
            content_type = _page_type(record)
            payload = record.content_stream().read(options.max_bytes + 1) if content_type else None
            if _was_cut(record):
                cut = True
                break
            records += 1
            if payload is not None:
                pending = _page_article(record, payload, _charset(content_type), path, options, captures)
    except _STREAM_ERRORS:
        pass  # the tripwire has it
    except _PARSE_ERRORS as error:
        why = (str(error) or type(error).__name__)[:DETAIL_CHARACTERS]
        problem = Failure(str(path), "malformed", why)
    if stream.error is not None:
        problem = Failure(str(path), "truncated", str(stream.error))
    elif cut:
        problem = Failure(str(path), "truncated", "the archive ends inside a record")
    if problem is None:
        if pending is not None:
            yield pending
        return
    if pending is not None:
        records -= 1
    yield replace(problem, detail=f"{problem.detail}; record {records + 1} unread, {records} read before it")


def _page_type(record: ArcWarcRecord) -> str | None:
    """The Content-Type of the HTML page a record holds, or None if it holds none (or a failed fetch)."""
    if record.rec_type == "response":
        headers = record.http_headers
        if headers is None or not headers.get_statuscode().startswith("2"):
            return None
        content_type = headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = record.content_type or ""
    else:
        return None
    return content_type if content_type.split(";")[0].strip().lower() in HTML_TYPES else None


def _charset(content_type: str) -> str | None:
    """The charset a Content-Type declares (``text/html; charset=utf-8``), if any."""
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _was_cut(record: ArcWarcRecord) -> bool:
    """Whether the archive ended before the record's declared length (warcio hands over what there was)."""
    while record.raw_stream.read(DRAIN_BYTES):
        pass
    return isinstance(record.raw_stream, LimitReader) and record.raw_stream.limit > 0


def _page_article(
    record: ArcWarcRecord,
    payload: bytes,
    charset: str | None,
    path: Path,
    options: ReadOptions,
    captures: Counter[str],
) -> Article | Failure:
    headers = record.rec_headers
    uri = headers.get_header("WARC-Target-URI") or headers.get_header("WARC-Record-ID") or "record"
    key = numbered(uri, captures)
    origin = f"{path}#{key}"
    if len(payload) > options.max_bytes:
        return Failure(origin, "too large", f"a page over {options.max_bytes} bytes")
    known = Metadata(published=options.published, url=uri)
    fallback = Metadata(published=parse_date(headers.get_header("WARC-Date")))
    return article_from_html(decode_html(payload, charset), stable_id(key), origin, known, fallback)
