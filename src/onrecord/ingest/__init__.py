"""The ingest stage: files and folders in, articles out, whatever the format.

Takes any mix of file and directory paths; gives :class:`~onrecord.model.Article` values, or a
:class:`~onrecord.model.Failure` naming why an input (or a record in it) yielded nothing, streamed in
the order given and, inside a folder, in name order. Each format has its reader, picked by suffix:

- ``.txt`` ``.md``: :mod:`~onrecord.ingest.text`
- ``.html`` ``.htm``: :mod:`~onrecord.ingest.html`
- ``.jsonl`` ``.json`` (also gzipped): :mod:`~onrecord.ingest.jsonl`
- ``.warc`` ``.warc.gz``: :mod:`~onrecord.ingest.warc`
- ``.xml`` ``.rss`` ``.atom``: :mod:`~onrecord.ingest.feeds`
- a folder with ``text/*.txt`` and a ``metadata.tsv`` (in it or its parent): a PolNeAR-style corpus,
  :mod:`~onrecord.ingest.polnear`

Failure reasons here: ``unsupported format`` (a file given by name with no reader; a folder's other
files are passed over), ``empty`` (a container with no articles in it), ``unreadable`` (a folder that
cannot be listed); the readers name the rest.
"""

from __future__ import annotations

import os
import stat
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator

from onrecord.ingest import feeds, html, jsonl, polnear, warc
from onrecord.ingest.files import check, os_error_detail
from onrecord.ingest.metadata import Metadata
from onrecord.ingest.options import ReadOptions
from onrecord.ingest.text import TEXT_SUFFIXES, read_text_file
from onrecord.model import Article, Failure

__all__ = ["ReadOptions", "read_sources"]

Reader = Callable[[Path, ReadOptions], Iterable[Article | Failure]]


def _read_text(path: Path, options: ReadOptions) -> Iterable[Article | Failure]:
    return (read_text_file(path, options.published, options.max_bytes),)


def _read_html(path: Path, options: ReadOptions) -> Iterable[Article | Failure]:
    return (html.read_html_file(path, options),)


def _read_corpus_text(about: Metadata, path: Path, options: ReadOptions) -> Iterable[Article | Failure]:
    return (polnear.read_corpus_text(path, about, options),)


def _unsupported(path: Path, options: ReadOptions) -> Iterable[Article | Failure]:
    """A file named directly that no reader takes: say so, unless it is not there or cannot be read."""
    problem = check(path)
    if problem is not None and problem.reason in ("missing", "unreadable"):
        return (problem,)
    return (Failure(str(path), "unsupported format", f"not one of {', '.join(SUFFIXES)}"),)


FORMATS: tuple[tuple[tuple[str, ...], Reader], ...] = (
    (TEXT_SUFFIXES, _read_text),
    (html.HTML_SUFFIXES, _read_html),
    (jsonl.JSONL_SUFFIXES, jsonl.read_jsonl),
    (jsonl.JSON_SUFFIXES, jsonl.read_json),
    (warc.WARC_SUFFIXES, warc.read_warc),
    (feeds.FEED_SUFFIXES, feeds.read_feed),
)
SUFFIXES = tuple(suffix for suffixes, _ in FORMATS for suffix in suffixes)


def reader_for(name: str) -> Reader | None:
    """The reader for a file name, by its suffix (case-insensitive); None if no reader takes it."""
    lowered = name.lower()
    for suffixes, reader in FORMATS:
        if lowered.endswith(suffixes):
            return reader
    return None


def read_sources(
    paths: Iterable[str | Path], options: ReadOptions = ReadOptions()
) -> Iterator[Article | Failure]:
    """Every article under the given files and folders, each file read once however often it is reached."""
    read: set[str] = set()
    walked: set[str] = set()
    for given in paths:
        for item in _sources(Path(given), walked, options):
            if isinstance(item, Failure):
                yield item
                continue
            path, reader = item
            real = os.path.realpath(path)
            if real in read:
                continue
            read.add(real)
            yield from _not_empty(reader(path, options), path)


def _not_empty(items: Iterable[Article | Failure], path: Path) -> Iterator[Article | Failure]:
    """The items, or a Failure saying the file held none: a container can be valid and hold no article."""
    nothing = True
    for item in items:
        nothing = False
        yield item
    if nothing:
        yield Failure(str(path), "empty", "no articles in it")


def _sources(path: Path, walked: set[str], options: ReadOptions) -> Iterator[tuple[Path, Reader] | Failure]:
    """Each file to read under ``path`` with its reader; a file named directly is tried whatever its name."""
    if _is_directory(path):
        yield from _walk(path, walked, options)
    else:
        yield path, reader_for(path.name) or _unsupported


def _walk(directory: Path, walked: set[str], options: ReadOptions) -> Iterator[tuple[Path, Reader] | Failure]:
    """Readable files under ``directory``, depth first in name order, skipping hidden entries.

    ``walked`` holds the real paths of directories already walked, so a directory reached twice
    (given twice, or through a symlink loop) is walked once.
    """
    real = os.path.realpath(directory)
    if real in walked:
        return
    walked.add(real)
    metadata = polnear.metadata_file(directory)
    if metadata is not None:
        yield from _corpus(directory, metadata, options)
        return
    names = _names(directory)
    if isinstance(names, Failure):
        yield names
        return
    for name in names:
        path = directory / name
        if _is_directory(path):
            yield from _walk(path, walked, options)
        elif (reader := reader_for(name)) is not None:
            yield path, reader


def _corpus(
    directory: Path, metadata_path: Path, options: ReadOptions
) -> Iterator[tuple[Path, Reader] | Failure]:
    """The texts of a PolNeAR-style split (and nothing else in it), each read with its metadata row."""
    metadata = polnear.read_metadata(metadata_path, options.max_bytes)
    if isinstance(metadata, Failure):
        yield metadata
        metadata = {}
    names = _names(directory / "text")
    if isinstance(names, Failure):
        yield names
        return
    for name in names:
        if name.endswith(".txt"):
            about = metadata.get(name.removesuffix(".txt"), Metadata())
            yield directory / "text" / name, partial(_read_corpus_text, about)


def _names(directory: Path) -> list[str] | Failure:
    """The directory's entries in name order, hidden ones left out, or why it cannot be listed."""
    try:
        with os.scandir(directory) as scan:
            return sorted(entry.name for entry in scan if not entry.name.startswith("."))
    except OSError as error:
        return Failure(str(directory), "unreadable", os_error_detail(error))


def _is_directory(path: Path) -> bool:
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except OSError:
        return False
