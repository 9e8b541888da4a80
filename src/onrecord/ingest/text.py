"""Read plain-text articles from files and folders.

Takes text, a file path, or any mix of file and directory paths; gives :class:`~onrecord.model.Article`
values whose ``text`` is exactly what was stored (newlines untranslated, nothing stripped, so spans
index it directly), with paragraph blocks from :func:`~onrecord.ingest.blocks.split_blocks` and the
publication date from a leading ``date YYYY-MM-DD`` line. An input that cannot be read yields a
:class:`~onrecord.model.Failure` with a short ``reason``; nothing here raises for a bad input.

Failure reasons: ``missing``, ``unreadable``, ``too large``, ``empty``, ``binary``.
"""

from __future__ import annotations

import os
import re
import stat
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from onrecord.ingest.blocks import paragraph_spans, split_blocks
from onrecord.model import Article, Failure

MAX_BYTES = 10 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".md")
SNIFF_BYTES = 8 * 1024  # how much of a file the binary check looks at
MAX_CONTROL_SHARE = 0.10  # more control characters than this share of the sample means binary
FALLBACK_ENCODINGS = ("cp1252", "latin-1")  # tried in order when UTF-8 fails; latin-1 decodes any bytes

_DATE_HEADER = re.compile(r"date\s+([0-9]{4})-([0-9]{2})-([0-9]{2})")
# C0 controls other than tab, LF, VT, FF, CR, plus DEL: rare in text, common in binary formats.
_CONTROL_BYTES = bytes(sorted((set(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D}) | {0x7F}))


def date_header(text: str) -> date | None:
    """The date on a first non-blank line of the form ``date YYYY-MM-DD``; None if absent or not a real date."""
    first = next(paragraph_spans(text), None)
    if first is None:
        return None
    match = _DATE_HEADER.fullmatch(first.text(text))
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def article_from_text(text: str, id: str = "article", published: date | None = None, origin: str = "") -> Article:
    """An article from text kept exactly as given; an explicit ``published`` wins over the date header."""
    return Article(
        id=id,
        text=text,
        published=published if published is not None else date_header(text),
        origin=origin,
        blocks=split_blocks(text),
    )


def binary_evidence(data: bytes) -> str | None:
    """Why the start of ``data`` looks like a binary file rather than text, or None if it looks like text."""
    sample = data[:SNIFF_BYTES]
    if b"\x00" in sample:
        return f"NUL bytes in the first {SNIFF_BYTES} bytes"
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if sample and controls > MAX_CONTROL_SHARE * len(sample):
        return f"{controls} control characters in the first {len(sample)} bytes"
    return None


def decode_text(data: bytes) -> str:
    """UTF-8 (a byte-order mark is dropped), else cp1252, else latin-1. Newlines are left untouched."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for encoding in FALLBACK_ENCODINGS[:-1]:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode(FALLBACK_ENCODINGS[-1])


def _os_error_detail(error: OSError) -> str:
    return error.strerror or type(error).__name__


def _read_bytes(path: Path, max_bytes: int) -> bytes | Failure:
    """The file's bytes, or why they could not be had. Checks the size before reading anything."""
    origin = str(path)
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            return Failure(origin, "unreadable", "is a directory")
        if not stat.S_ISREG(status.st_mode):
            return Failure(origin, "unreadable", "not a regular file")
        if status.st_size > max_bytes:
            return Failure(origin, "too large", f"{status.st_size} bytes, limit {max_bytes}")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except (FileNotFoundError, NotADirectoryError):
        return Failure(origin, "missing", "no such file")
    except OSError as error:
        return Failure(origin, "unreadable", _os_error_detail(error))
    if len(data) > max_bytes:  # grew after the size check
        return Failure(origin, "too large", f"more than {max_bytes} bytes")
    return data


def read_text_file(path: str | Path, published: date | None = None, max_bytes: int = MAX_BYTES) -> Article | Failure:
    """One file as an article (id = file stem, origin = the path as given), or a Failure saying why not."""
    path = Path(path)
    data = _read_bytes(path, max_bytes)
    if isinstance(data, Failure):
        return data
    if not data:
        return Failure(str(path), "empty", "zero bytes")
    evidence = binary_evidence(data)
    if evidence is not None:
        return Failure(str(path), "binary", evidence)
    text = decode_text(data)
    if not text.strip():
        return Failure(str(path), "empty", "whitespace only")
    return article_from_text(text, id=path.stem, published=published, origin=str(path))


def _is_directory(path: Path) -> bool:
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except OSError:
        return False


def _is_text_file_name(name: str) -> bool:
    return not name.startswith(".") and name.lower().endswith(TEXT_SUFFIXES)


def _walk_directory(directory: Path, walked: set[str]) -> Iterator[Path | Failure]:
    """Text files under ``directory``, depth first in name order, skipping hidden entries.

    ``walked`` holds the real paths of directories already walked, so a directory reached twice
    (given twice, or through a symlink loop) is walked once.
    """
    real = os.path.realpath(directory)
    if real in walked:
        return
    walked.add(real)
    try:
        with os.scandir(directory) as scan:
            names = sorted(entry.name for entry in scan)
    except OSError as error:
        yield Failure(str(directory), "unreadable", _os_error_detail(error))
        return
    for name in names:
        if name.startswith("."):
            continue
        path = directory / name
        if _is_directory(path):
            yield from _walk_directory(path, walked)
        elif _is_text_file_name(name):
            yield path


def _expand(path: Path, walked: set[str]) -> Iterator[Path | Failure]:
    """A directory becomes the text files under it; anything else is passed on to be read (or fail) as a file."""
    if _is_directory(path):
        yield from _walk_directory(path, walked)
    else:
        yield path


def read_paths(
    paths: Iterable[str | Path], published: date | None = None, max_bytes: int = MAX_BYTES
) -> Iterator[Article | Failure]:
    """Every article under the given files and directories, each file read once however often it is reached."""
    read: set[str] = set()
    walked: set[str] = set()
    for given in paths:
        for item in _expand(Path(given), walked):
            if isinstance(item, Failure):
                yield item
                continue
            real = os.path.realpath(item)
            if real in read:
                continue
            read.add(real)
            yield read_text_file(item, published=published, max_bytes=max_bytes)
