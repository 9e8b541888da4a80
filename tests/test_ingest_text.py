import os
from datetime import date
from pathlib import Path

import pytest

from onrecord.ingest import text as text_module
from onrecord.ingest.text import article_from_text, read_paths, read_text_file
from onrecord.model import Article, BlockRole, Failure

SEED_LIKE = (
    "date 2024-05-31\n"
    "\n"
    "Polish soldiers take part in a drill near Warsaw on May 30, 2024. Wojtek Radwanski/AFP via Getty Images .\n"
    "\n"
    '"We are ready," a Polish defence ministry spokesman said on Thursday.\n'
)


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def reasons(results) -> list[str]:
    return [r.reason for r in results if isinstance(r, Failure)]


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


# --- read_paths --------------------------------------------------------------


def test_directory_walk_is_sorted_recursive_and_filtered(tmp_path):
    for name in ["b.txt", "a.md", "sub/c.txt", "sub/deeper/d.txt", "z.txt", "notes.json", ".hidden.txt", ".git/e.txt"]:
        write(tmp_path / name, f"Text of {name}.\n")
    results = list(read_paths([tmp_path]))
    assert all(isinstance(r, Article) for r in results)
    assert [Path(r.origin).relative_to(tmp_path).as_posix() for r in results] == [
        "a.md",
        "b.txt",
        "sub/c.txt",
        "sub/deeper/d.txt",
        "z.txt",
    ]


def test_file_given_directly_is_read_whatever_its_suffix(tmp_path):
    path = write(tmp_path / "story.text", "Body.\n")
    [article] = read_paths([str(path)])
    assert article.id == "story"


def test_path_given_twice_is_read_once(tmp_path):
    path = write(tmp_path / "story.txt", "Body.\n")
    assert [r.id for r in read_paths([path, str(path), tmp_path / "." / "story.txt"])] == ["story"]


def test_file_reached_directly_and_through_directory_is_read_once(tmp_path):
    write(tmp_path / "one.txt", "One.\n")
    write(tmp_path / "two.txt", "Two.\n")
    results = list(read_paths([tmp_path / "two.txt", tmp_path, tmp_path]))
    assert [r.id for r in results] == ["two", "one"]


def test_missing_path_yields_failure_and_continues(tmp_path):
    write(tmp_path / "here.txt", "Here.\n")
    missing = tmp_path / "gone"
    results = list(read_paths([missing, tmp_path]))
    assert results[0] == Failure(str(missing), "missing", "no such file")
    assert [r.id for r in results[1:]] == ["here"]


def test_bad_files_in_a_directory_are_failures_and_the_walk_goes_on(tmp_path):
    write(tmp_path / "a.txt", "")
    write(tmp_path / "b.txt", b"\x00\x01binary")
    write(tmp_path / "c.txt", "Good.\n")
    (tmp_path / "d.txt").symlink_to(tmp_path / "d.txt")
    results = list(read_paths([tmp_path]))
    assert [r.reason if isinstance(r, Failure) else r.id for r in results] == ["empty", "binary", "c", "unreadable"]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads files regardless of chmod 000")
def test_chmod_000_file_in_directory_is_unreadable(tmp_path):
    locked = write(tmp_path / "a.txt", "Secret.\n")
    write(tmp_path / "b.txt", "Open.\n")
    locked.chmod(0)
    try:
        results = list(read_paths([tmp_path]))
    finally:
        locked.chmod(0o644)
    assert reasons(results) == ["unreadable"]
    assert [r.id for r in results if isinstance(r, Article)] == ["b"]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root lists directories regardless of chmod 000")
def test_chmod_000_directory_is_unreadable(tmp_path):
    locked = tmp_path / "locked"
    write(locked / "a.txt", "Secret.\n")
    write(tmp_path / "z.txt", "Open.\n")
    locked.chmod(0)
    try:
        results = list(read_paths([tmp_path]))
    finally:
        locked.chmod(0o755)
    assert results[0] == Failure(str(locked), "unreadable", "Permission denied")
    assert [r.id for r in results[1:]] == ["z"]


def test_unlistable_directory_is_a_failure_and_the_walk_goes_on(tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    write(locked / "a.txt", "Secret.\n")
    write(tmp_path / "z.txt", "Open.\n")
    real_scandir = os.scandir

    def scandir(path):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(text_module.os, "scandir", scandir)
    results = list(read_paths([tmp_path]))
    assert results[0] == Failure(str(locked), "unreadable", "Permission denied")
    assert [r.id for r in results[1:]] == ["z"]


def test_unreadable_file_in_directory_by_os_error(tmp_path, monkeypatch):
    write(tmp_path / "a.txt", "Secret.\n")
    write(tmp_path / "b.txt", "Open.\n")
    real_open = Path.open

    def open_refusing_a(self, *args, **kwargs):
        if self.name == "a.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_refusing_a)
    results = list(read_paths([tmp_path]))
    assert results[0] == Failure(str(tmp_path / "a.txt"), "unreadable", "Permission denied")
    assert [r.id for r in results[1:]] == ["b"]


def test_symlinked_directory_loop_is_walked_once(tmp_path):
    write(tmp_path / "a.txt", "A.\n")
    (tmp_path / "again").symlink_to(tmp_path, target_is_directory=True)
    assert [r.id for r in read_paths([tmp_path])] == ["a"]


def test_examples_folder_reads_cleanly():
    examples = Path(__file__).resolve().parent.parent / "examples"
    stories = sorted(examples.glob("*.txt"))  # the folder's README.md is not a story
    if not stories:
        pytest.skip("no examples yet")
    results = list(read_paths(stories))
    assert not reasons(results)
    for article in results:
        assert article.published is not None, article.id
        assert BlockRole.DATELINE in {b.role for b in article.blocks}
