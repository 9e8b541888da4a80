import io
import tracemalloc
from datetime import date

import pytest
from warcio.warcwriter import WARCWriter

from onrecord.ingest import ReadOptions
from onrecord.ingest.metadata import stable_id
from onrecord.ingest.warc import read_warc
from onrecord.model import Article, Failure
from tests.ingest_support import PARAGRAPHS, add_response, articles, news_page, warc, write

DATED_HEAD = (
    '<meta property="og:site_name" content="The Daily Gazette"><meta name="author" content="Jane Doe">'
    '<meta property="article:published_time" content="2024-05-31">'
)


def story(number: int) -> tuple[str, str]:
    return f"https://gazette.example/story/{number}", news_page(title=f"Story {number}", head=DATED_HEAD)


def test_html_responses_give_articles_with_url_and_metadata(tmp_path):
    path = write(tmp_path / "crawl.warc.gz", warc([story(1), story(2)]))
    results = list(read_warc(path, ReadOptions()))
    assert [a.origin for a in results] == [
        f"{path}#https://gazette.example/story/1",
        f"{path}#https://gazette.example/story/2",
    ]
    first = results[0]
    assert first.text == "\n\n".join(PARAGRAPHS)
    assert first.id == stable_id("https://gazette.example/story/1")
    assert (first.url, first.title) == ("https://gazette.example/story/1", "Story 1")
    assert first.outlet == "The Daily Gazette"
    assert (first.authors, first.published) == (("Jane Doe",), date(2024, 5, 31))


def test_uncompressed_warc_reads_the_same(tmp_path):
    compressed = list(read_warc(write(tmp_path / "a.warc.gz", warc([story(1)])), ReadOptions()))
    plain = list(read_warc(write(tmp_path / "a.warc", warc([story(1)], compress=False)), ReadOptions()))
    assert [(a.id, a.text, a.title) for a in plain] == [(a.id, a.text, a.title) for a in compressed]


def test_only_successful_html_pages_become_articles(tmp_path):
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    info = writer.create_warc_record("https://gazette.example/", "warcinfo", payload=io.BytesIO(b"x: y\r\n"))
    writer.write_record(info)
    add_response(writer, "https://gazette.example/missing", news_page(), status="404 Not Found")
    add_response(writer, "https://gazette.example/moved", "", status="301 Moved Permanently")
    add_response(writer, "https://gazette.example/logo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    add_response(writer, "https://gazette.example/story", news_page(), content_type="application/xhtml+xml")
    page = io.BytesIO(news_page().encode())
    uri = "file:///saved/a.html"
    resource = writer.create_warc_record(uri, "resource", payload=page, warc_content_type="text/html")
    writer.write_record(resource)
    path = write(tmp_path / "crawl.warc.gz", buffer.getvalue())
    results = list(read_warc(path, ReadOptions()))
    assert [a.url for a in results] == ["https://gazette.example/story", "file:///saved/a.html"]


def test_page_without_a_date_takes_the_warc_date_and_published_wins_over_both(tmp_path):
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    crawled = "2023-02-03T04:05:06Z"
    add_response(writer, "https://gazette.example/undated", news_page(), warc_date=crawled)
    add_response(writer, "https://gazette.example/dated", news_page(head=DATED_HEAD), warc_date=crawled)
    path = write(tmp_path / "crawl.warc", buffer.getvalue())
    assert [a.published for a in read_warc(path, ReadOptions())] == [date(2023, 2, 3), date(2024, 5, 31)]
    forced = ReadOptions(published=date(2020, 1, 2))
    assert [a.published for a in read_warc(path, forced)] == [date(2020, 1, 2)] * 2


def test_charset_from_the_http_header(tmp_path):
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    page = news_page(["\u201cZ\u00fcrich,\u201d she said, and the council voted on it the next day."])
    page = page.replace("<meta charset='utf-8'>", "")
    content_type = "text/html; charset=windows-1252"
    add_response(writer, "https://gazette.example/cp", page.encode("cp1252"), content_type=content_type)
    [article] = read_warc(write(tmp_path / "x.warc", buffer.getvalue()), ReadOptions())
    assert article.text.startswith("\u201cZ\u00fcrich,\u201d")


def test_same_uri_captured_twice_gets_distinct_origins_and_ids(tmp_path):
    path = write(tmp_path / "crawl.warc.gz", warc([story(1), story(1)]))
    first, second = read_warc(path, ReadOptions())
    assert second.origin == first.origin + "~2"
    assert first.id != second.id


def test_truncated_gzip_keeps_every_record_before_the_cut(tmp_path):
    data = warc([story(1), story(2), story(3)])
    path = write(tmp_path / "crawl.warc.gz", data[:-60])  # inside the last record's gzip member
    results = list(read_warc(path, ReadOptions()))
    assert [a.title for a in articles(results)] == ["Story 1", "Story 2"]
    failure = results[-1]
    assert (failure.origin, failure.reason) == (str(path), "truncated")
    assert failure.detail.endswith("record 3 unread, 2 read before it")


def test_truncated_plain_warc_keeps_every_record_before_the_cut(tmp_path):
    data = warc([story(1), story(2)], compress=False)
    path = write(tmp_path / "crawl.warc", data[:-300])
    results = list(read_warc(path, ReadOptions()))
    assert [a.title for a in articles(results)] == ["Story 1"]
    assert results[-1] == Failure(
        str(path), "truncated", "the archive ends inside a record; record 2 unread, 1 read before it"
    )


def test_record_failing_its_gzip_check_is_held_back(tmp_path):
    members = [warc([story(n)]) for n in (1, 2, 3)]  # one gzip member per record, as crawlers write them
    data = bytearray(b"".join(members))
    crc = len(members[0]) + len(members[1]) - 8  # the second member's CRC-32, checked only at its end
    data[crc : crc + 4] = bytes(b ^ 0xFF for b in data[crc : crc + 4])
    results = list(read_warc(write(tmp_path / "crawl.warc.gz", bytes(data)), ReadOptions()))
    assert [a.title for a in articles(results)] == ["Story 1"]
    assert results[-1].reason == "truncated"
    assert "CRC" in results[-1].detail and results[-1].detail.endswith("record 2 unread, 1 read before it")


def test_corruption_anywhere_gives_a_failure_and_no_garbage(tmp_path):
    clean = warc([story(1), story(2), story(3)])
    for offset in range(0, len(clean), len(clean) // 25):
        data = bytearray(clean)
        data[offset : offset + 16] = b"\x00" * 16
        results = list(read_warc(write(tmp_path / "crawl.warc.gz", bytes(data)), ReadOptions()))
        assert isinstance(results[-1], Failure), offset
        for article in articles(results):
            assert article.text == "\n\n".join(PARAGRAPHS), offset


def test_not_a_warc_is_malformed(tmp_path):
    [failure] = read_warc(write(tmp_path / "x.warc", "just some text\nthat is not a WARC\n"), ReadOptions())
    assert failure.reason == "malformed"


@pytest.mark.parametrize("name", ["x.warc", "x.warc.gz"])
def test_empty_file(tmp_path, name):
    assert list(read_warc(write(tmp_path / name, b""), ReadOptions())) == [
        Failure(str(tmp_path / name), "empty", "zero bytes")
    ]


def test_page_over_the_limit_is_too_large_and_the_next_is_read(tmp_path):
    small = ("https://gazette.example/small", "<p>The council voted.</p>")
    path = write(tmp_path / "crawl.warc.gz", warc([story(1), small]))
    big, next_one = read_warc(path, ReadOptions(max_bytes=200))
    assert (big.origin, big.reason) == (f"{path}#https://gazette.example/story/1", "too large")
    assert isinstance(next_one, Article) and next_one.text == "The council voted."


def test_page_without_article_text_is_a_failure_and_the_next_is_read(tmp_path):
    menu = ("https://gazette.example/menu", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    results = list(read_warc(write(tmp_path / "crawl.warc.gz", warc([menu, story(1)])), ReadOptions()))
    assert [getattr(r, "title", None) or r.reason for r in results] == ["no article text", "Story 1"]


def test_records_are_streamed(tmp_path):
    filler = "<p>" + "The council met again and talked at length about buses. " * 150 + "</p>"
    pages = [story(0)] + [(f"https://gazette.example/{n}", filler) for n in range(2000)]
    path = write(tmp_path / "crawl.warc", warc(pages, compress=False))
    assert path.stat().st_size > 15 * 1024 * 1024
    tracemalloc.start()
    try:
        pages = read_warc(path, ReadOptions())
        first = next(pages)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        pages.close()
    assert first.title == "Story 0"
    assert peak < 3 * 1024 * 1024  # the first page comes out before the archive is read
