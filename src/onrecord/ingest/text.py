"""Read plain-text articles.

Takes text or a file path; gives :class:`~onrecord.model.Article` values whose ``text`` is exactly what
was stored (newlines untranslated, nothing stripped, so spans index it directly), with paragraph blocks
from :func:`~onrecord.ingest.blocks.split_blocks` and the publication date from a leading
``date YYYY-MM-DD`` line, else from a ``NAME.date`` sidecar or a date in the file's name. An input that
cannot be read yields a :class:`~onrecord.model.Failure` with a short ``reason``; nothing here raises
for a bad input. Folders and the other formats are :func:`~onrecord.ingest.read_sources`' job.

Failure reasons: ``missing``, ``unreadable``, ``too large``, ``empty``, ``binary``.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from onrecord.ingest.blocks import paragraph_spans, split_blocks
from onrecord.ingest.files import read_bytes
from onrecord.ingest.metadata import Metadata, file_date
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


def article_from_text(
    text: str,
    id: str = "article",
    published: date | None = None,
    origin: str = "",
    about: Metadata = Metadata(),
) -> Article:
    """An article from text kept exactly as given, with title, outlet, URL and authors from ``about``.

    The date is ``published``, else ``about``'s, else the date header.
    """
    return Article(
        id=id,
        text=text,
        published=published or about.published or date_header(text),
        origin=origin,
        title=about.title,
        outlet=about.outlet,
        url=about.url,
        authors=about.authors,
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


def read_text_bytes(path: Path, max_bytes: int) -> bytes | Failure:
    """The bytes of a file that should hold text or markup: read within the limit, refused if binary."""
    data = read_bytes(path, max_bytes)
    if isinstance(data, Failure):
        return data
    evidence = binary_evidence(data)
    if evidence is not None:
        return Failure(str(path), "binary", evidence)
    return data


def read_text_file(path: str | Path, published: date | None = None, max_bytes: int = MAX_BYTES) -> Article | Failure:
    """One file as an article (id = file stem, origin = the path as given), or a Failure saying why not.

    The date is ``published``, else the date header, else the file's sidecar or name (see
    :func:`~onrecord.ingest.metadata.file_date`).
    """
    path = Path(path)
    data = read_text_bytes(path, max_bytes)
    if isinstance(data, Failure):
        return data
    text = decode_text(data)
    if not text.strip():
        return Failure(str(path), "empty", "whitespace only")
    if published is None:
        published = date_header(text) or file_date(path)
    return article_from_text(text, id=path.stem, published=published, origin=str(path))
