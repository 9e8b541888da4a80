from datetime import date
from pathlib import Path

import pytest

from onrecord.ingest import text as text_module
from onrecord.ingest.blocks import dateline_end
from onrecord.ingest.metadata import Metadata
from onrecord.ingest.text import article_from_text, read_text_file
from onrecord.model import Article, BlockRole, Failure
from tests.ingest_support import write

SEED_LIKE = (
    "date 2024-05-31\n"
    "\n"
    "Polish soldiers take part in a drill near Warsaw on May 30, 2024. Wojtek Radwanski/AFP via Getty Images .\n"
    "\n"
    '"We are ready," a Polish defence ministry spokesman said on Thursday.\n'
)


# --- article_from_text -------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("date 2024-05-31\n\nBody.\n", date(2024, 5, 31)),
        (" date 2024-05-31 \n\nBody.\n", date(2024, 5, 31)),
        ("\n\n\tdate 2024-05-31\r\n\r\nBody.\r\n", date(2024, 5, 31)),
        ("Body without a header.\n", None),
        ("Body first.\ndate 2024-05-31\n", None),
        ("date 2024-13-40\n\nBody.\n", None),
        ("date 31-05-2024\n\nBody.\n", None),
        ("", None),
    ],
    ids=["header", "spaces", "leading-blank-lines", "none", "not-first", "impossible-date", "wrong-format", "empty"],
)
def test_date_header(text, expected):
    assert article_from_text(text).published == expected


def test_explicit_published_wins_over_header():
    article = article_from_text("date 2024-05-31\n\nBody.\n", published=date(2020, 1, 2))
    assert article.published == date(2020, 1, 2)


def test_metadata_fills_the_article_and_its_date_wins_over_the_header():
    about = Metadata(title="T", published=date(2020, 1, 2), outlet="o", url="u", authors=("A",))
    article = article_from_text("date 2024-05-31\n\nBody.\n", about=about)
    assert (article.title, article.outlet, article.url, article.authors) == ("T", "o", "u", ("A",))
    assert article.published == date(2020, 1, 2)
    assert article_from_text("Body.\n", published=date(2023, 3, 3), about=about).published == date(2023, 3, 3)


def test_text_is_kept_exactly_and_spans_index_it():
    text = " date 2024-05-31 \r\n\r\n  First paragraph.  \r\nSecond paragraph.\r\n\r\n"
    article = article_from_text(text, id="a1", origin="here")
    assert article.text == text
    assert (article.id, article.origin) == ("a1", "here")
    assert [b.span.text(text) for b in article.blocks] == [
        "date 2024-05-31",
        "First paragraph.",
        "Second paragraph.",
    ]
    assert [b.role for b in article.blocks] == [BlockRole.DATELINE, BlockRole.BODY, BlockRole.BODY]


def test_caption_paragraph_is_a_caption_block():
    article = article_from_text(SEED_LIKE)
    roles = [b.role for b in article.blocks]
    assert roles == [BlockRole.DATELINE, BlockRole.CAPTION, BlockRole.BODY]
    caption = article.blocks[1].span.text(SEED_LIKE)
    assert caption.endswith("Wojtek Radwanski/AFP via Getty Images .")
    assert [b.role for b in article.body_blocks()] == [BlockRole.BODY]


# --- read_text_file ----------------------------------------------------------


def test_reads_file_with_crlf_untranslated(tmp_path):
    raw = "date 2024-05-31\r\n\r\n\u201cYes,\u201d she said.\r\n"
    path = write(tmp_path / "story.txt", raw)
    article = read_text_file(path)
    assert isinstance(article, Article)
    assert article.text == raw
    with open(path, encoding="utf-8", newline="") as handle:
        assert article.text == handle.read()
    assert article.id == "story"
    assert article.origin == str(path)
    assert article.published == date(2024, 5, 31)


def test_utf8_byte_order_mark_is_dropped(tmp_path):
    path = write(tmp_path / "bom.txt", b"\xef\xbb\xbfdate 2024-05-31\n\nBody.\n")
    article = read_text_file(path)
    assert article.text == "date 2024-05-31\n\nBody.\n"
    assert article.published == date(2024, 5, 31)


def test_published_argument_passes_through(tmp_path):
    path = write(tmp_path / "story.txt", "Body.\n")
    assert read_text_file(path, published=date(2023, 3, 3)).published == date(2023, 3, 3)


@pytest.mark.parametrize(
    "raw, expected",
    [
        (b"\x93Quoted,\x94 she said \x96 twice.\n", "\u201cQuoted,\u201d she said \u2013 twice.\n"),
        ("Z\u00fcrich caf\u00e9 na\u00efve.\n".encode("latin-1"), "Z\u00fcrich caf\u00e9 na\u00efve.\n"),
        # 0x81 and 0x8d are undefined in cp1252, so only latin-1 decodes these bytes.
        (b"Caf\xe9 \x81 \x8d end.\n", "Caf\u00e9 \x81 \x8d end.\n"),
    ],
    ids=["cp1252-curly-quotes", "latin-1-letters", "latin-1-only-bytes"],
)
def test_legacy_encodings_decode(tmp_path, raw, expected):
    article = read_text_file(write(tmp_path / "legacy.txt", raw))
    assert isinstance(article, Article)
    assert article.text == expected


@pytest.mark.parametrize(
    "raw, reason",
    [
        (b"", "empty"),
        (b"  \n\r\n\t \n", "empty"),
        (b"\xef\xbb\xbf\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary"),
        (bytes(range(1, 9)) * 20 + b"some text", "binary"),
    ],
    ids=["zero-bytes", "whitespace-only", "bom-only", "png", "control-characters"],
)
def test_unusable_content_is_a_failure(tmp_path, raw, reason):
    path = write(tmp_path / "bad.txt", raw)
    result = read_text_file(path)
    assert isinstance(result, Failure)
    assert result.reason == reason
    assert result.origin == str(path)
    assert result.detail


def test_file_over_the_limit_is_too_large(tmp_path):
    path = write(tmp_path / "big.txt", "x" * 101)
    result = read_text_file(path, max_bytes=100)
    assert isinstance(result, Failure) and result.reason == "too large"
    assert isinstance(read_text_file(path, max_bytes=101), Article)


def test_default_limit_is_ten_megabytes():
    assert text_module.MAX_BYTES == 10 * 1024 * 1024


def test_missing_file(tmp_path):
    result = read_text_file(tmp_path / "nowhere.txt")
    assert isinstance(result, Failure) and result.reason == "missing"


def test_directory_named_like_a_file_is_unreadable(tmp_path):
    (tmp_path / "x.txt").mkdir()
    result = read_text_file(tmp_path / "x.txt")
    assert isinstance(result, Failure) and result.reason == "unreadable"


def test_symlink_loop_is_unreadable(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    result = read_text_file(loop)
    assert isinstance(result, Failure) and result.reason == "unreadable"


def test_os_error_while_reading_is_unreadable(tmp_path, monkeypatch):
    path = write(tmp_path / "locked.txt", "Body.\n")

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    result = read_text_file(path)
    assert result == Failure(str(path), "unreadable", "Permission denied")


# --- dates beside the text ---------------------------------------------------


def test_sidecar_dates_a_file_without_a_header(tmp_path):
    path = write(tmp_path / "story.txt", "Body.\n")
    write(tmp_path / "story.date", "2024-05-31\n")
    assert read_text_file(path).published == date(2024, 5, 31)


def test_date_in_the_file_name_dates_a_file_without_header_or_sidecar(tmp_path):
    path = write(tmp_path / "nyt_2016-09-12_debate.txt", "Body.\n")
    assert read_text_file(path).published == date(2016, 9, 12)


@pytest.mark.parametrize("sidecar", ["not a date\n", "2024-13-40\n", ""], ids=["words", "impossible", "none"])
def test_unusable_sidecar_falls_back_to_the_file_name(tmp_path, sidecar):
    path = write(tmp_path / "wire-2016-09-12.txt", "Body.\n")
    write(tmp_path / "wire-2016-09-12.date", sidecar)
    assert read_text_file(path).published == date(2016, 9, 12)


def test_header_wins_over_sidecar_and_file_name_and_published_wins_over_all(tmp_path):
    path = write(tmp_path / "story-2016-09-12.txt", "date 2024-05-31\n\nBody.\n")
    write(tmp_path / "story-2016-09-12.date", "2020-01-01")
    assert read_text_file(path).published == date(2024, 5, 31)
    assert read_text_file(path, published=date(2023, 3, 3)).published == date(2023, 3, 3)


def test_no_date_anywhere_is_undated(tmp_path):
    assert read_text_file(write(tmp_path / "story-12.txt", "Body.\n")).published is None


@pytest.mark.parametrize(
    ("paragraph", "after"),
    [
        ("DETROIT - Halvorsen Motors is recalling cars.", "Halvorsen Motors is recalling cars."),
        ("WASHINGTON (AP) — The Senate voted.", "The Senate voted."),
        ("BOLOGNA, Italy (AP) - Heavy rain fell.", "Heavy rain fell."),
        ("NEW YORK, Nov. 3 (Reuters) - Stocks fell.", "Stocks fell."),
        ("ST. LOUIS -- The council met.", "The council met."),
        ("The U.S.-China talks resumed.", "The U.S.-China talks resumed."),
        ("Heavy rain fell - again.", "Heavy rain fell - again."),
    ],
)
def test_a_story_dateline_is_found_where_the_paragraph_starts(paragraph, after):
    assert paragraph[dateline_end(paragraph) :] == after
