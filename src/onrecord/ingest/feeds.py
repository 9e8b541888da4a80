"""Read RSS and Atom feeds, streamed: one article per entry, with feedparser.

Takes a ``.xml``, ``.rss`` or ``.atom`` file (RSS 0.9x/2.0, RSS 1.0 or Atom); gives an
:class:`~onrecord.model.Article` per entry from its full content (``content:encoded``, Atom
``content``, else the summary) through :mod:`onrecord.ingest.html`, with the entry's title, authors,
date and link, and the feed's own title as the outlet. An entry without content whose link is a local
page (a ``file:`` URL, or a relative path inside the feed's folder) is read from that page. The feed is
cut into entries as it is parsed (lxml), and each entry is handed to feedparser on its own, so a feed of
any length is never held whole; nothing is ever fetched from the network. Origins are ``path#ENTRY``:
the entry's id, else its link, else its number (always its number for an entry too large to parse).

Failure reasons: those of opening a file (:mod:`onrecord.ingest.files`); ``unsupported format`` (XML
that is not a feed); ``malformed`` (XML that stops being well-formed; the entries before it still come
through); ``no content`` (an entry with neither content nor a local page); ``too large`` (an entry over
``max_bytes``); and html.py's failures for the content or the linked page.
"""

from __future__ import annotations

import copy
import io
import os
from collections import Counter
from pathlib import Path
from typing import BinaryIO, Iterator
from urllib.parse import urlsplit
from urllib.request import url2pathname

import feedparser
from lxml import etree

from onrecord.ingest.files import open_binary, os_error_detail
from onrecord.ingest.html import article_from_markup, read_html_page
from onrecord.ingest.metadata import Metadata, numbered, parse_date, split_authors, stable_id, text_value
from onrecord.ingest.options import ReadOptions
from onrecord.model import Article, Failure

FEED_SUFFIXES = (".xml", ".rss", ".atom")
FEED_ROOTS = ("rss", "feed", "RDF")  # RSS 0.9x/2.0, Atom, RSS 1.0
ENTRIES = ("item", "entry")
FEED_HEADS = ("channel", "feed")  # where the feed's own title is


def read_feed(path: Path, options: ReadOptions) -> Iterator[Article | Failure]:
    """Every entry of the feed, in feed order."""
    handle = open_binary(path)
    if isinstance(handle, Failure):
        yield handle
        return
    with handle:
        try:
            yield from _entries(handle, path, options)
        except OSError as error:
            yield Failure(str(path), "unreadable", os_error_detail(error))


def _entries(handle: BinaryIO, path: Path, options: ReadOptions) -> Iterator[Article | Failure]:
    # No entity expansion and no network: a feed must not make the parser read other files or URLs.
    events = etree.iterparse(handle, events=("end",), resolve_entities=False, no_network=True, load_dtd=False)
    feed_title: str | None = None
    count = 0
    entry_keys: Counter[str] = Counter()
    try:
        for _, element in events:
            root = element.getroottree().getroot()
            if _name(root) not in FEED_ROOTS:
                why = f"XML whose root is <{_name(root)}>, not a feed"
                yield Failure(str(path), "unsupported format", why)
                return
            name = _name(element)
            parent = element.getparent()
            if name == "title" and parent is not None and _name(parent) in FEED_HEADS:
                feed_title = text_value(element.text)
            elif name in ENTRIES:
                count += 1
                yield _entry_article(element, count, feed_title, path, options, entry_keys)
                _forget(element)
    except etree.XMLSyntaxError as error:
        yield Failure(str(path), "malformed", f"{error}; {count} entries read before")


def _name(element: etree._Element) -> str:
    return etree.QName(element).localname


def _forget(element: etree._Element) -> None:
    """Free a handled entry and what came before it, so memory stays flat however long the feed."""
    element.clear(keep_tail=True)
    while element.getprevious() is not None:
        del element.getparent()[0]


def _standalone(entry: etree._Element) -> bytes:
    """The entry inside copies of its ancestors (``<rss><channel>``, ``<feed>``): a one-entry feed that
    feedparser reads as it would the whole one."""
    top = parent = None
    for ancestor in reversed(list(entry.iterancestors())):
        shell = etree.Element(ancestor.tag, dict(ancestor.attrib), nsmap=ancestor.nsmap)
        if parent is None:
            top = shell
        else:
            parent.append(shell)
        parent = shell
    parent.append(copy.deepcopy(entry))
    return etree.tostring(top)


def _entry_article(
    element: etree._Element,
    number: int,
    feed_title: str | None,
    path: Path,
    options: ReadOptions,
    entry_keys: Counter[str],
) -> Article | Failure:
    try:
        xml = _standalone(element)
    except ValueError as error:  # lxml parses a namespace URI it will not build an element with
        return Failure(f"{path}#{number}", "malformed", str(error))
    if len(xml) > options.max_bytes:
        return Failure(f"{path}#{number}", "too large", f"an entry over {options.max_bytes} bytes")
    parsed = feedparser.parse(io.BytesIO(xml), resolve_relative_uris=False)
    entry = parsed.entries[0] if parsed.entries else {}
    key = numbered(text_value(entry.get("id")) or text_value(entry.get("link")) or str(number), entry_keys)
    origin = f"{path}#{key}"
    given = Metadata(
        title=text_value(entry.get("title")),
        published=parse_date(entry.get("published_parsed") or entry.get("updated_parsed")),
        url=text_value(entry.get("link")),
        authors=split_authors(entry.get("authors") or entry.get("author"), feed_title),
    )
    known = Metadata(published=options.published).filled_from(given, Metadata(outlet=feed_title))
    content = _content(entry)
    if content is not None:
        return article_from_markup(content, stable_id(key), origin, known)
    page = _local_page(known.url, path)
    if page is None:
        return Failure(origin, "no content", "neither content nor a summary, and no local page to read")
    return read_html_page(page, stable_id(key), origin, known, options.max_bytes)


def _content(entry: dict) -> str | None:
    """The entry's fullest text: the longest of its contents, else its summary."""
    contents = [text for text in (item.get("value") for item in entry.get("content", ())) if text_value(text)]
    if contents:
        return max(contents, key=len)
    summary = entry.get("summary")
    return summary if text_value(summary) else None


def _local_page(link: str | None, feed: Path) -> Path | None:
    """The file a ``file:`` link names, or a relative link inside the feed's folder names, if it exists."""
    if link is None:
        return None
    parts = urlsplit(link)
    if parts.scheme == "file":
        # feedparser turns file:///tmp/page.html into file://tmp/page.html: the "host" is the first folder.
        folder = "" if parts.netloc in ("", "localhost") else "/" + parts.netloc
        page = Path(url2pathname(folder + parts.path))
    elif parts.scheme or parts.netloc:
        return None  # on the web: never fetched
    else:
        folder = feed.parent.resolve()
        page = folder / url2pathname(parts.path)
        if not page.resolve().is_relative_to(folder):
            return None
    return page if os.path.isfile(page) else None
