"""onrecord: who said what, when, through which channel — attributed statements from news.

    >>> import onrecord
    >>> for statement in onrecord.extract(text, published="2024-05-31"):
    ...     print(statement.speaker.name, statement.kind.value, statement.content_text(text))

The data flow, one package per stage: ingest → nlp → attribution → speakers → store (→ positions → api).
"""

import logging

from onrecord.ingest import ReadOptions, read_sources
from onrecord.ingest.text import article_from_text, read_text_file
from onrecord.model import Article, DateRange, Failure, Kind, Span, Speaker, Statement
from onrecord.pipeline import Extractor, extract, ingest
from onrecord.store import Store

__all__ = [
    "Article",
    "DateRange",
    "Extractor",
    "Failure",
    "Kind",
    "ReadOptions",
    "Span",
    "Speaker",
    "Statement",
    "Store",
    "article_from_text",
    "extract",
    "ingest",
    "read_sources",
    "read_text_file",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
