import tracemalloc
from datetime import date

import pytest

from onrecord.ingest import ReadOptions
from onrecord.ingest.feeds import read_feed
from onrecord.ingest.metadata import stable_id
from onrecord.model import Article, Failure
from tests.ingest_support import PARAGRAPHS, articles, news_page, rss, write

CONTENT = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
FULL_ITEM = f"""<item>
<title>Council backs transit plan</title>
<link>https://gazette.example/transit</link>
<guid isPermaLink="false">gazette-123</guid>
<dc:creator>Jane Doe</dc:creator>
<pubDate>Fri, 31 May 2024 09:00:00 GMT</pubDate>
<description>A short summary.</description>
<content:encoded><![CDATA[{CONTENT}<figure><figcaption>Reuters</figcaption></figure>]]></content:encoded>
</item>"""


def test_rss_entry_gives_an_article_from_its_full_content(tmp_path):
    path = write(tmp_path / "gazette.rss", rss(FULL_ITEM))
    [article] = read_feed(path, ReadOptions())
    assert article.text == "\n\n".join(PARAGRAPHS)
    assert (article.origin, article.id) == (f"{path}#gazette-123", stable_id("gazette-123"))
    assert (article.title, article.url) == ("Council backs transit plan", "https://gazette.example/transit")
    assert (article.authors, article.published) == (("Jane Doe",), date(2024, 5, 31))
    assert article.outlet == "The Daily Gazette"


def test_atom_entry(tmp_path):
    feed = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Gazette Atom</title>
  <entry>
    <id>tag:gazette.example,2024:transit</id>
    <title>Council backs transit plan</title>
    <link rel="alternate" href="https://gazette.example/transit"/>
    <author><name>Jane Doe</name></author><author><name>John Roe</name></author>
    <updated>2024-06-02T10:00:00Z</updated>
    <published>2024-05-31T09:00:00Z</published>
    <summary>Short.</summary>
    <content type="html">{CONTENT.replace("<", "&lt;").replace(">", "&gt;")}</content>
  </entry>
</feed>"""
    path = write(tmp_path / "gazette.atom", feed)
    [article] = read_feed(path, ReadOptions())
    assert article.text == "\n\n".join(PARAGRAPHS)
    assert article.origin == f"{path}#tag:gazette.example,2024:transit"
    assert (article.authors, article.published) == (("Jane Doe", "John Roe"), date(2024, 5, 31))
    assert article.outlet == "Gazette Atom"


def test_rss_1_0_feed(tmp_path):
    feed = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://gazette.example/"><title>Gazette RDF</title></channel>
  <item rdf:about="https://gazette.example/transit">
    <title>Council backs transit plan</title><link>https://gazette.example/transit</link>
    <description>The council voted on Thursday, officials said.</description><dc:date>2024-05-31</dc:date>
  </item>
</rdf:RDF>"""
    [article] = read_feed(write(tmp_path / "gazette.xml", feed), ReadOptions())
    assert (article.text, article.outlet) == ("The council voted on Thursday, officials said.", "Gazette RDF")
    assert article.published == date(2024, 5, 31)


def test_summary_is_used_when_there_is_no_full_content(tmp_path):
    item = "<item><guid>s</guid><description>The mayor said &lt;b&gt;yes&lt;/b&gt;.</description></item>"
    [article] = read_feed(write(tmp_path / "f.rss", rss(item)), ReadOptions())
    assert article.text == "The mayor said yes."


def test_entry_without_content_is_a_failure_and_the_others_come_through(tmp_path):
    empty = "<item><title>Nothing here</title><guid>empty-1</guid></item>"
    items = FULL_ITEM + empty + FULL_ITEM.replace("123", "456")
    path = write(tmp_path / "f.rss", rss(items))
    results = list(read_feed(path, ReadOptions()))
    assert [r.origin for r in results] == [f"{path}#gazette-123", f"{path}#empty-1", f"{path}#gazette-456"]
    assert results[1] == Failure(
        f"{path}#empty-1", "no content", "neither content nor a summary, and no local page to read"
    )


def test_entry_without_id_or_link_is_numbered(tmp_path):
    path = write(tmp_path / "f.rss", rss("<item><title>A</title></item><item><title>B</title></item>"))
    assert [r.origin for r in read_feed(path, ReadOptions())] == [f"{path}#1", f"{path}#2"]


def test_entry_without_content_reads_its_local_page(tmp_path):
    write(tmp_path / "pages" / "transit.html", news_page(head='<meta name="author" content="Jane Doe">'))
    write(tmp_path / "elsewhere" / "other.html", news_page(title="Other page"))
    items = (
        "<item><title>Relative link</title><link>pages/transit.html</link></item>"
        f"<item><title>File URL</title><link>{(tmp_path / 'elsewhere' / 'other.html').as_uri()}</link></item>"
    )
    path = write(tmp_path / "f.rss", rss(items))
    relative, file_url = read_feed(path, ReadOptions())
    assert relative.text == file_url.text == "\n\n".join(PARAGRAPHS)
    assert (relative.title, relative.authors) == ("Relative link", ("Jane Doe",))
    assert relative.origin == f"{path}#pages/transit.html"
    assert file_url.title == "File URL"  # the entry's own metadata wins over the page's


@pytest.mark.parametrize(
    "link",
    ["../outside.html", "https://gazette.example/transit", "missing.html", "/etc/hostname"],
    ids=["outside-the-folder", "web", "missing", "absolute-path"],
)
def test_links_that_are_not_local_pages_are_not_read(tmp_path, link):
    write(tmp_path / "outside.html", news_page())
    path = write(tmp_path / "feeds" / "f.rss", rss(f"<item><title>T</title><link>{link}</link></item>"))
    [failure] = read_feed(path, ReadOptions())
    assert failure.reason == "no content"


def test_hostile_content_gives_plain_text(tmp_path):
    content = "<script>alert(1)</script><p onclick='x()'>Hello <img onerror=alert(2)> world.</p><iframe/>"
    item = f"<item><guid>h</guid><content:encoded><![CDATA[{content}]]></content:encoded></item>"
    [article] = read_feed(write(tmp_path / "f.rss", rss(item)), ReadOptions())
    assert article.text == "Hello world."


def test_external_entities_are_not_expanded(tmp_path):
    secret = write(tmp_path / "secret.txt", "TOP SECRET")
    feed = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY leak SYSTEM "{secret.as_uri()}">]>'
        "<rss version='2.0'><channel><title>T</title><item><guid>x</guid>"
        "<description>Before &leak; after.</description></item></channel></rss>"
    )
    results = list(read_feed(write(tmp_path / "f.rss", feed), ReadOptions()))
    assert all("SECRET" not in r.text for r in articles(results))


def test_published_option_wins(tmp_path):
    [article] = read_feed(write(tmp_path / "f.rss", rss(FULL_ITEM)), ReadOptions(published=date(2020, 1, 2)))
    assert article.published == date(2020, 1, 2)


def test_repeated_entry_id_gets_distinct_origins(tmp_path):
    first, second = read_feed(write(tmp_path / "f.rss", rss(FULL_ITEM * 2)), ReadOptions())
    assert second.origin == first.origin + "~2" and first.id != second.id


def test_xml_that_is_not_a_feed_is_unsupported(tmp_path):
    sitemap = '<?xml version="1.0"?><urlset><url><loc>https://gazette.example/</loc></url></urlset>'
    [failure] = read_feed(write(tmp_path / "sitemap.xml", sitemap), ReadOptions())
    assert failure.reason == "unsupported format" and "urlset" in failure.detail


def test_broken_xml_keeps_the_entries_before_it(tmp_path):
    path = write(tmp_path / "f.rss", rss(FULL_ITEM + "<item><title>Broken & unescaped</title></item>"))
    results = list(read_feed(path, ReadOptions()))
    assert [r.reason if isinstance(r, Failure) else r.title for r in results] == [
        "Council backs transit plan",
        "malformed",
    ]
    assert "1 entries read before" in results[-1].detail


@pytest.mark.parametrize("data, expected", [(b"", ["empty"]), (rss(""), [])], ids=["zero-bytes", "no-items"])
def test_empty_feed(tmp_path, data, expected):
    assert [r.reason for r in read_feed(write(tmp_path / "f.rss", data), ReadOptions())] == expected


def test_entry_over_the_limit_is_too_large_and_the_next_is_read(tmp_path):
    small = "<item><guid>small</guid><description>Short.</description></item>"
    path = write(tmp_path / "f.rss", rss(FULL_ITEM + small))
    big, next_one = read_feed(path, ReadOptions(max_bytes=400))
    assert (big.origin, big.reason) == (f"{path}#1", "too large")
    assert isinstance(next_one, Article) and next_one.text == "Short."


def test_long_feed_is_streamed(tmp_path):
    path = write(tmp_path / "f.rss", rss(FULL_ITEM * 5000))
    assert path.stat().st_size > 3 * 1024 * 1024
    tracemalloc.start()
    try:
        entries = read_feed(path, ReadOptions())
        first = next(entries)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        entries.close()
    assert first.title == "Council backs transit plan"
    assert peak < 1024 * 1024  # the first entry comes out before the feed is read
