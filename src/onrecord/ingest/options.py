"""How :func:`~onrecord.ingest.read_sources` reads: one options object, settled once, given to each reader."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from onrecord.ingest.text import MAX_BYTES


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What every reader is told: a date to impose, a size limit, and where JSON records keep what."""

    published: date | None = None  # when given, overrides every article's date
    # Per article and per plain file. Containers (JSONL, WARC, feeds) are streamed and may be larger,
    # but a single record over the limit fails as "too large".
    max_bytes: int = MAX_BYTES
    # Where a JSON record keeps each part of its article.
    text_field: str = "text"
    date_field: str = "date"
    title_field: str = "title"
    url_field: str = "url"
    id_field: str = "id"
    outlet_field: str = "outlet"
    author_field: str = "author"
