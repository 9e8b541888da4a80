"""Read a PolNeAR-style folder: ``text/NAME.txt`` plus brat standoff ``attributions/NAME_<annotator>.ann``,
and a ``metadata.tsv`` (in the split's folder or its parent) naming each text's publisher, date, author
and title.

Takes a split directory, gives :class:`GoldArticle` values (text exactly as stored, gold attributions as
character spans) for training and ``onrecord eval``, and, for the corpus ingest, each text as an
:class:`~onrecord.model.Article` with its metadata. Failure reasons of the ingest: those of reading a
file (:mod:`onrecord.ingest.files`); ``unreadable`` (a text that is not UTF-8, so offsets could not index
it); ``empty``; ``malformed`` (a metadata.tsv without a ``filename`` column).
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from onrecord.ingest.files import read_bytes
from onrecord.ingest.metadata import Metadata, parse_date, split_authors, text_value
from onrecord.ingest.options import ReadOptions
from onrecord.ingest.text import article_from_text
from onrecord.model import Article, Failure, Span

ROLES = ("source", "cue", "content")
METADATA = "metadata.tsv"


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    source: tuple[Span, ...]
    cue: tuple[Span, ...]
    content: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class GoldArticle:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def parse_ann(ann: str) -> list[GoldAttribution]:
    """Parse brat standoff; only spans joined by an event with a Source/Cue/Content role count."""
    spans: dict[str, list[Span]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in ann.splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        ident, body = fields[0], fields[1]
        if ident.startswith("T"):
            kind_and_offsets = body.split(" ", 1)
            if len(kind_and_offsets) != 2:
                continue
            pieces = []
            for piece in kind_and_offsets[1].split(";"):
                start, end = piece.split()
                pieces.append(Span(int(start), int(end)))
            spans[ident] = pieces
        elif ident.startswith("E"):
            events.append([tuple(arg.split(":", 1)) for arg in body.split() if ":" in arg])
    result = []
    for args in events:
        roles: dict[str, list[Span]] = {role: [] for role in ROLES}
        for role, ref in args:
            role = role.lower().rstrip("0123456789")
            if role in roles and ref in spans:
                roles[role].extend(spans[ref])
        if roles["content"]:
            result.append(GoldAttribution(*(tuple(sorted(roles[r])) for r in ROLES)))
    return result


def read_split(directory: str | Path) -> Iterator[GoldArticle]:
    """Each article of a split, with the first annotator's file (as the reference scorer does)."""
    directory = Path(directory)
    for text_path in sorted((directory / "text").glob("*.txt")):
        name = text_path.stem
        anns = sorted((directory / "attributions").glob(f"{name}_*.ann"))
        text = read_exact(text_path)
        gold = parse_ann(anns[0].read_text(encoding="utf-8")) if anns else []
        yield GoldArticle(name, text, tuple(gold))


def read_exact(path: Path) -> str:
    """A PolNeAR text as stored: UTF-8, newlines untouched, so brat offsets index it."""
    return decode_exact(path.read_bytes())


def decode_exact(data: bytes) -> str:
    """UTF-8 with nothing dropped or translated (not even a byte-order mark): offsets index the result."""
    return data.decode("utf-8")


# --- the corpus as articles --------------------------------------------------------------------------


def metadata_file(directory: Path) -> Path | None:
    """The metadata.tsv of a split folder (one with ``text/*.txt``), beside ``text/`` or one level up."""
    if not any((directory / "text").glob("*.txt")):
        return None
    for folder in (directory, directory.parent):
        if os.path.isfile(folder / METADATA):
            return folder / METADATA
    return None


def read_metadata(path: Path, max_bytes: int) -> dict[str, Metadata] | Failure:
    """Each text's metadata by file name (without ``.txt``): publisher, publication date, authors, title."""
    data = read_bytes(path, max_bytes)
    if isinstance(data, Failure):
        return data
    try:
        lines = data.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError:
        return Failure(str(path), "unreadable", "not UTF-8")
    rows = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    if "filename" not in (rows.fieldnames or ()):
        return Failure(str(path), "malformed", "no filename column")
    return {row["filename"]: _row_metadata(row) for row in rows if row["filename"]}


def _row_metadata(row: dict[str, str]) -> Metadata:
    outlet = text_value(row.get("publisher"))
    return Metadata(
        title=text_value(row.get("title")),
        published=parse_date(row.get("publication_date")),
        outlet=outlet,
        authors=split_authors(row.get("author"), outlet),
    )


def read_corpus_text(path: Path, about: Metadata, options: ReadOptions) -> Article | Failure:
    """One text of the corpus as an article (id = file name, as the gold annotations know it)."""
    data = read_bytes(path, options.max_bytes)
    if isinstance(data, Failure):
        return data
    try:
        text = decode_exact(data)
    except UnicodeDecodeError:
        return Failure(str(path), "unreadable", "not UTF-8, so annotation offsets could not index it")
    if not text.strip():
        return Failure(str(path), "empty", "whitespace only")
    return article_from_text(text, id=path.stem, published=options.published, origin=str(path), about=about)
