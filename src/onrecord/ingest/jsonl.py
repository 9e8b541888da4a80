"""Read JSON Lines and JSON collections of articles, streamed: one article per record.

Takes ``.jsonl`` files (one JSON object a line) and ``.json`` files (an array of objects, one object,
or objects one after another), either of them optionally gzipped; gives one
:class:`~onrecord.model.Article` per record, its parts taken from the fields that
:class:`~onrecord.ingest.options.ReadOptions` names. A text field that holds HTML goes through
:mod:`onrecord.ingest.html`. Origins are ``path:line`` (the line a record starts on); a record
without an id gets ``NAME-line``. Neither kind of file is ever held in memory whole.

Failure reasons: those of opening a file (:mod:`onrecord.ingest.files`); ``malformed`` (a record that
is not a JSON object, or a line that is not JSON); ``empty`` (a record without text); ``too large``
(a record over ``max_bytes``); ``truncated`` (a gzip stream that ends early or is corrupt); and
``no article text`` from the HTML path. In a ``.jsonl`` file a bad line costs only that line; in a
``.json`` file a record that cannot be parsed, or is too large, ends the file, because nothing after
it can be trusted to start a record.
"""

from __future__ import annotations

import codecs
import gzip
import itertools
import json
import re
import zlib
from pathlib import Path
from typing import BinaryIO, Callable, Iterator, NamedTuple

from onrecord.ingest.files import open_binary, os_error_detail
from onrecord.ingest.html import article_from_markup
from onrecord.ingest.metadata import Metadata, parse_date, split_authors, text_value
from onrecord.ingest.options import ReadOptions
from onrecord.model import Article, Failure

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
JSON_SUFFIXES = (".json", ".json.gz")
CHUNK = 1024 * 1024  # bytes read at a time from a .json document, and skipped at a time past a long line
CUT_SHORT_MARGIN = 8  # a parse error this close to the end of what is read may just need more of it

_STREAM_ERRORS = (EOFError, zlib.error, gzip.BadGzipFile)  # a gzip stream that ends early or is corrupt
_DECODER = json.JSONDecoder()
_BLANK = re.compile(r"\s*")
_BETWEEN_ITEMS = re.compile(r"[\s,]*")
_JSON_KINDS = {dict: "object", list: "array", str: "string", int: "number", float: "number", bool: "boolean"}


class _Bad(NamedTuple):
    """A record that could not be had, and why."""

    reason: str
    detail: str


Records = Callable[[BinaryIO, int], Iterator[tuple[int, object]]]


def read_jsonl(path: Path, options: ReadOptions) -> Iterator[Article | Failure]:
    """Every record of a JSON Lines file, one per non-blank line."""
    return _read(path, options, _lines)


def read_json(path: Path, options: ReadOptions) -> Iterator[Article | Failure]:
    """Every record of a JSON document: an array's items, or its top-level objects."""
    return _read(path, options, _values)


def _read(path: Path, options: ReadOptions, records: Records) -> Iterator[Article | Failure]:
    handle = open_binary(path)
    if isinstance(handle, Failure):
        yield handle
        return
    gzipped = path.name.lower().endswith(".gz")
    name = Path(path.stem).stem if gzipped else path.stem
    line = 0
    with handle:
        stream = gzip.GzipFile(fileobj=handle) if gzipped else handle
        try:
            for line, record in records(stream, options.max_bytes):
                yield _record_article(record, f"{path}:{line}", f"{name}-{line}", options)
        except _STREAM_ERRORS as error:
            yield Failure(str(path), "truncated", f"{error}; read up to line {line}")
        except UnicodeDecodeError:
            yield Failure(str(path), "malformed", f"not UTF-8 after line {line}")
        except OSError as error:
            yield Failure(str(path), "unreadable", os_error_detail(error))


def _record_article(record: object, origin: str, fallback_id: str, options: ReadOptions) -> Article | Failure:
    """One JSON record as an article: its fields win over what HTML in its text says."""
    if isinstance(record, _Bad):
        return Failure(origin, record.reason, record.detail)
    if not isinstance(record, dict):
        return Failure(origin, "malformed", f"a JSON {_kind(record)}, not an object")
    text = record.get(options.text_field)
    if text is None or (isinstance(text, str) and not text.strip()):
        return Failure(origin, "empty", f"no text in field {options.text_field!r}")
    if not isinstance(text, str):
        why = f"field {options.text_field!r} holds a JSON {_kind(text)}, not text"
        return Failure(origin, "malformed", why)
    outlet = text_value(record.get(options.outlet_field))
    given = Metadata(
        title=text_value(record.get(options.title_field)),
        published=parse_date(record.get(options.date_field)),
        outlet=outlet,
        url=text_value(record.get(options.url_field)),
        authors=split_authors(record.get(options.author_field), outlet),
    )
    known = Metadata(published=options.published).filled_from(given)
    return article_from_markup(text, _id(record.get(options.id_field)) or fallback_id, origin, known)


def _id(value: object) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return text_value(value)


def _kind(value: object) -> str:
    return _JSON_KINDS.get(type(value), "null")


def _parse(line: bytes) -> object:
    try:
        return json.loads(line.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return _Bad("malformed", "not UTF-8")
    except json.JSONDecodeError as error:
        return _Bad("malformed", f"{error.msg}: column {error.colno}")
    except RecursionError:
        return _Bad("malformed", "nested too deeply")


def _lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, object]]:
    """Each non-blank line's record with its line number; a line over ``max_bytes`` is skipped unread."""
    for number in itertools.count(1):
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := stream.readline(CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield number, _Bad("too large", f"a line over {max_bytes} bytes")
        elif line.strip():
            yield number, _parse(line)


class _Document:
    """A JSON document read a chunk at a time and consumed a value at a time, counting lines."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._decode = codecs.getincrementaldecoder("utf-8-sig")().decode
        self.text = ""
        self.start = 0  # where the unconsumed text begins
        self.line = 1  # the line ``start`` is on
        self.ended = False

    def _more(self) -> bool:
        """Read the next chunk, dropping what is consumed; False once the stream has ended."""
        if self.ended:
            return False
        chunk = self._stream.read(CHUNK)
        self.ended = not chunk
        self.text = self.text[self.start :] + self._decode(chunk, final=self.ended)
        self.start = 0
        return not self.ended

    def _consume(self, end: int) -> None:
        self.line += self.text.count("\n", self.start, end)
        self.start = end

    def peek(self, separators: re.Pattern[str]) -> str | None:
        """The next character after any ``separators``, or None at the end of the document."""
        while True:
            self._consume(separators.match(self.text, self.start).end())
            if self.start < len(self.text):
                return self.text[self.start]
            if not self._more():
                return None

    def skip(self) -> None:
        self._consume(self.start + 1)

    def value(self, max_bytes: int) -> object:
        """The JSON value that starts here, reading on until it is complete; a :class:`_Bad` if it is
        not JSON or does not end within ``max_bytes``."""
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.start)
            except json.JSONDecodeError as error:
                if not self._cut_short(error):
                    line = self.line + self.text.count("\n", self.start, error.pos)
                    return _Bad("malformed", f"{error.msg}: line {line}")
            except RecursionError:
                return _Bad("malformed", "nested too deeply")
            else:
                # A number (or true/false/null) that ends where the chunk ends may go on in the next one.
                if end < len(self.text) or self.ended or self.text[end - 1] in '}]"':
                    if end - self.start > max_bytes:
                        return _Bad("too large", f"a record over {max_bytes} bytes")
                    self._consume(end)
                    return value
            if len(self.text) - self.start > max_bytes:
                return _Bad("too large", f"a record over {max_bytes} bytes")
            if not self._more():
                return _Bad("malformed", "the document ends inside a record")

    def _cut_short(self, error: json.JSONDecodeError) -> bool:
        """Whether the parse failed only because the value goes on past what has been read."""
        if self.ended:
            return False
        return error.pos >= len(self.text) - CUT_SHORT_MARGIN or error.msg.startswith("Unterminated string")


def _values(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, object]]:
    """The records of a JSON document with the line each starts on: an array's items, or the
    top-level values one after another (one object, or JSON Lines saved as ``.json``)."""
    document = _Document(stream)
    in_array = document.peek(_BLANK) == "["
    if in_array:
        document.skip()
    separators = _BETWEEN_ITEMS if in_array else _BLANK
    while (next_character := document.peek(separators)) is not None:
        if in_array and next_character == "]":
            return
        line = document.line
        value = document.value(max_bytes)
        yield line, value
        if isinstance(value, _Bad):
            return
