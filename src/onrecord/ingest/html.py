"""Read HTML: a page's main text and what the page says about itself, with trafilatura.

Takes an HTML file, or markup a container already holds (a WARC record, a JSON field, a feed entry);
gives an :class:`~onrecord.model.Article` whose text is the main text as plain paragraphs separated by
blank lines (so :func:`~onrecord.ingest.blocks.split_blocks` sees them), without navigation, bylines,
photo captions, related-story lists, scripts or any markup; title, authors, date, site name and
canonical URL come from the page's metadata where the caller does not know them better.

Failure reasons: those of reading a text file (see :mod:`onrecord.ingest.text`), and ``no article text``.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import trafilatura
from trafilatura.settings import DEFAULT_CONFIG, use_config

from onrecord.ingest.metadata import Metadata, file_date, parse_date, split_authors, text_value
from onrecord.ingest.options import ReadOptions
from onrecord.ingest.text import article_from_text, decode_text, read_text_bytes
from onrecord.model import Article, Failure

HTML_SUFFIXES = (".html", ".htm")
CHARSET_SNIFF = 2048  # a <meta charset> must come this early to count, as browsers expect

# Boilerplate trafilatura can leave in: menus, sidebars, footers, photo captions, related-story boxes.
PRUNE_XPATH = [
    "//nav",
    "//aside",
    "//footer",
    "//figcaption",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' related ') or contains(@class, 'related-')]",
    "//*[starts-with(@id, 'related')]",
]

# A fragment (a feed entry's content, a JSON field) is all article: below trafilatura's default minimum
# of 250 characters it would fall back to extractors that cut "said <i>no</i>." into three paragraphs.
_FRAGMENT_CONFIG = use_config()
_FRAGMENT_CONFIG.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")

_TAG = re.compile(
    r"<(?:!doctype|/?(?:html|head|body|p|br|div|span|a|article|section|main|h[1-6]|em|strong|b|i|u|ul|ol|li"
    r"|blockquote|figure|figcaption|img|script|style|table|tr|td)\b)[^>]*>",
    re.IGNORECASE,
)
_DOCUMENT = re.compile(r"<(?:html|body)\b", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def looks_like_html(value: str) -> bool:
    """Whether a field value is markup (it has common HTML tags) rather than plain text."""
    return _TAG.search(value) is not None


def decode_html(data: bytes, charset: str | None = None) -> str:
    """Page bytes as text: the declared ``charset`` (an HTTP header) or the page's ``<meta charset>``
    when Python knows it and it fits, else the plain-text fallbacks (UTF-8, cp1252, latin-1)."""
    if charset is None:
        match = _META_CHARSET.search(data[:CHARSET_SNIFF])
        charset = match.group(1).decode("ascii") if match else None
    if charset is not None:
        try:
            return data.decode(codecs.lookup(charset).name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data)


def paragraphs(text: str) -> str:
    """Each non-blank line as a paragraph, separated by a blank line."""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def article_from_html(
    html: str, id: str, origin: str, known: Metadata = Metadata(), fallback: Metadata = Metadata()
) -> Article | Failure:
    """An article from a page or a fragment of one: ``known`` wins over what the page says about
    itself, which wins over ``fallback`` (a crawl date, a date in the file name)."""
    fragment = _DOCUMENT.search(html) is None
    document = trafilatura.bare_extraction(
        # trafilatura drops a bare fragment that parses to a single element
        f"<html><body>{html}</body></html>" if fragment else html,
        url=known.url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        prune_xpath=PRUNE_XPATH,
        config=_FRAGMENT_CONFIG if fragment else DEFAULT_CONFIG,
    )
    text = paragraphs(document.text or "") if document is not None else ""
    if not text:
        return Failure(origin, "no article text", "nothing left once navigation and boilerplate are removed")
    outlet = text_value(document.sitename)
    page = Metadata(
        title=text_value(document.title),
        published=parse_date(document.date),
        outlet=outlet,
        url=text_value(document.url),
        authors=split_authors(document.author, outlet),
    )
    return article_from_text(text, id=id, origin=origin, about=known.filled_from(page, fallback))


def article_from_markup(value: str, id: str, origin: str, known: Metadata = Metadata()) -> Article | Failure:
    """A field that may hold HTML or plain text: markup goes through :func:`article_from_html`, plain
    text is kept exactly as given."""
    if looks_like_html(value):
        return article_from_html(value, id, origin, known)
    return article_from_text(value, id=id, origin=origin, about=known)


def read_html_page(path: Path, id: str, origin: str, known: Metadata, max_bytes: int) -> Article | Failure:
    """A page stored as a file, dated by its sidecar or name when neither ``known`` nor the page says."""
    data = read_text_bytes(path, max_bytes)
    if isinstance(data, Failure):
        return data
    undated = Metadata(published=file_date(path))
    return article_from_html(decode_html(data), id, origin, known, fallback=undated)


def read_html_file(path: Path, options: ReadOptions) -> Article | Failure:
    """One HTML file as an article (id = file stem, origin = the path as given)."""
    known = Metadata(published=options.published)
    return read_html_page(path, path.stem, str(path), known, options.max_bytes)
