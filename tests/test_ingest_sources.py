import gzip
import io
import os
from datetime import date
from pathlib import Path

import pytest
from warcio.warcwriter import WARCWriter

from onrecord.ingest import SUFFIXES, ReadOptions, read_sources
from onrecord.ingest.polnear import read_exact
from onrecord.model import Article, BlockRole, Failure
from tests.conftest import POLNEAR_DEV, requires_polnear
from tests.ingest_support import PARAGRAPHS, add_response, articles, news_page, reasons, rss, warc, write

ATOM = "http://www.w3.org/2005/Atom"
ITEM = "<item><guid>{guid}</guid><description>Feed entry {guid}.</description></item>"


def one_of_each(folder: Path) -> None:
    """One file per format in ``folder``, each holding one article (the WARC and the feed two)."""
    write(folder / "a.txt", "Plain text.\n")
    write(folder / "b.md", "Markdown text.\n")
    write(folder / "c.html", news_page())
    write(folder / "d.htm", news_page())
    write(folder / "e.jsonl", '{"text": "A JSON line."}\n')
    write(folder / "f.json", '[{"text": "A JSON item."}]')
    write(folder / "g.warc.gz", warc([("https://gazette.example/1", news_page())] * 2))
    write(folder / "h.warc", warc([("https://gazette.example/2", news_page())], compress=False))
    write(folder / "i.rss", rss(ITEM.format(guid="x") + ITEM.format(guid="x")))
    write(folder / "j.atom", f"<feed xmlns='{ATOM}'><entry><id>e</id><summary>Atom.</summary></entry></feed>")
    write(folder / "k.xml", rss(ITEM.format(guid="y")))
    write(folder / "l.jsonl.gz", gzip.compress(b'{"text": "Gzipped JSON line."}\n'))


def test_every_format_is_read_with_unique_origins(tmp_path):
    one_of_each(tmp_path)
    results = list(read_sources([tmp_path]))
    assert not reasons(results)
    assert [a.origin.removeprefix(f"{tmp_path}/") for a in results] == [
        "a.txt",
        "b.md",
        "c.html",
        "d.htm",
        "e.jsonl:1",
        "f.json:1",
        "g.warc.gz#https://gazette.example/1",
        "g.warc.gz#https://gazette.example/1~2",
        "h.warc#https://gazette.example/2",
        "i.rss#x",
        "i.rss#x~2",
        "j.atom#e",
        "k.xml#y",
        "l.jsonl.gz:1",
    ]
    assert len({a.origin for a in results}) == len(results)


def test_published_option_dates_every_article_of_every_format(tmp_path):
    one_of_each(tmp_path)
    results = list(read_sources([tmp_path], ReadOptions(published=date(2020, 1, 2))))
    assert {a.published for a in results} == {date(2020, 1, 2)}


@pytest.mark.parametrize(
    "name",
    [f"x{suffix}" for suffix in SUFFIXES],
)
def test_empty_file_of_every_format_is_empty(tmp_path, name):
    path = write(tmp_path / name, b"")
    assert list(read_sources([path])) == [Failure(str(path), "empty", "zero bytes")]


def image_only_warc() -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    add_response(writer, "https://gazette.example/logo.png", b"PNG", content_type="image/png")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, data", [("x.jsonl", "\n\n"), ("x.json", "[]"), ("x.rss", rss("")), ("x.warc", image_only_warc())]
)
def test_container_without_articles_is_empty(tmp_path, name, data):
    path = write(tmp_path / name, data)
    assert list(read_sources([path])) == [Failure(str(path), "empty", "no articles in it")]


def test_fifty_megabyte_text_file_is_too_large(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: nothing is written, and nothing should be read
    [failure] = read_sources([path])
    assert failure == Failure(str(path), "too large", f"{50 * 1024 * 1024} bytes, limit {10 * 1024 * 1024}")


def test_duplicate_paths_of_every_format_are_read_once(tmp_path):
    one_of_each(tmp_path)
    files = sorted(tmp_path.iterdir())
    once = [a.origin for a in read_sources(files)]
    again = [*files, tmp_path, *reversed(files), tmp_path / "." / files[0].name]
    twice = [a.origin for a in read_sources(again)]
    assert twice == once


def test_path_that_disappears_between_listing_and_reading_is_missing(tmp_path):
    write(tmp_path / "a.txt", "A.\n")
    write(tmp_path / "b.html", news_page())
    write(tmp_path / "c.jsonl", '{"text": "C."}\n')
    write(tmp_path / "d.warc.gz", warc([("https://gazette.example/", news_page())]))
    write(tmp_path / "e.rss", rss(ITEM.format(guid="e")))
    results = read_sources([tmp_path])
    first = next(results)  # the folder is listed by now
    for name in ("b.html", "c.jsonl", "d.warc.gz", "e.rss"):
        (tmp_path / name).unlink()
    assert first.id == "a"
    assert [(Path(r.origin).name, r.reason) for r in results] == [
        ("b.html", "missing"),
        ("c.jsonl", "missing"),
        ("d.warc.gz", "missing"),
        ("e.rss", "missing"),
    ]


def test_suffixes_are_matched_whatever_their_case(tmp_path):
    write(tmp_path / "A.HTML", news_page())
    write(tmp_path / "B.JSONL", '{"text": "B."}\n')
    assert [a.text for a in read_sources([tmp_path])] == ["\n\n".join(PARAGRAPHS), "B."]


# --- PolNeAR-style corpora ------------------------------------------------------------

METADATA = (
    "compartment\tfilename\tlevel\tannotators\tpublisher\tpublication_date\tauthor\ttitle\n"
    "dev\tnyt_2016-09-12_a\t1\tx\tnyt\t2016-09-12\tASHLEY PARKER and MAGGIE HABERMAN\tDebate Night\n"
    "dev\tusa-today_2016-10-01_b\t1\tx\tusa-today\t2016-10-01\tSusan Page, USA TODAY\tPoll Shifts\n"
)


def make_corpus(root: Path) -> Path:
    """``root/metadata.tsv`` and a split ``root/dev`` with texts, annotations and a stray file."""
    write(root / "metadata.tsv", METADATA)
    split = root / "dev"
    write(split / "text" / "nyt_2016-09-12_a.txt", "\ufeffDebate Night.\r\n\r\n\"Yes,\" she said.\r\n")
    write(split / "text" / "usa-today_2016-10-01_b.txt", "Poll Shifts.\n")
    write(split / "text" / "unlisted_c.txt", "No metadata row.\n")
    write(split / "attributions" / "nyt_2016-09-12_a_x.ann", "T1\tSource 0 3\tDeb\n")
    write(split / "README.md", "Not an article.\n")
    return split


def test_corpus_texts_come_with_their_metadata(tmp_path):
    split = make_corpus(tmp_path)
    results = list(read_sources([tmp_path]))  # found inside the folder given, metadata one level up
    assert [a.id for a in results] == ["nyt_2016-09-12_a", "unlisted_c", "usa-today_2016-10-01_b"]
    nyt, unlisted, usa_today = results
    assert nyt.text == read_exact(split / "text" / "nyt_2016-09-12_a.txt")  # byte-order mark and CRLF kept
    assert nyt.text.startswith("\ufeff")
    assert (nyt.outlet, nyt.published, nyt.title) == ("nyt", date(2016, 9, 12), "Debate Night")
    assert nyt.authors == ("Ashley Parker", "Maggie Haberman")  # all-caps bylines title-cased
    assert nyt.origin == str(split / "text" / "nyt_2016-09-12_a.txt")
    assert (usa_today.outlet, usa_today.authors) == ("usa-today", ("Susan Page",))
    assert (unlisted.outlet, unlisted.title, unlisted.published) == (None, None, None)


def test_corpus_split_given_directly_with_metadata_beside_its_texts(tmp_path):
    split = make_corpus(tmp_path)
    (tmp_path / "metadata.tsv").rename(split / "metadata.tsv")
    assert [a.outlet for a in read_sources([split])] == ["nyt", None, "usa-today"]


def test_corpus_with_unusable_metadata_still_gives_its_texts(tmp_path):
    make_corpus(tmp_path)
    write(tmp_path / "metadata.tsv", "name\tpublisher\nnyt_2016-09-12_a\tnyt\n")
    results = list(read_sources([tmp_path]))
    assert results[0] == Failure(str(tmp_path / "metadata.tsv"), "malformed", "no filename column")
    assert [a.outlet for a in articles(results)] == [None, None, None]


def test_corpus_text_that_is_not_utf8_is_unreadable(tmp_path):
    split = make_corpus(tmp_path)
    write(split / "text" / "usa-today_2016-10-01_b.txt", "Caf\u00e9.\n".encode("latin-1"))
    assert reasons(read_sources([tmp_path])) == ["unreadable"]


@requires_polnear
def test_polnear_dev_reads_with_exact_text_and_metadata():
    texts = sorted((POLNEAR_DEV / "text").glob("*.txt"))
    results = list(read_sources([POLNEAR_DEV]))
    assert not reasons(results)
    assert [a.id for a in results] == [path.stem for path in texts]
    assert all(a.text == read_exact(path) for a, path in zip(results, texts))
    assert all(a.outlet and a.published and a.title for a in results)
    first = results[0]
    assert first.id == "breitbart_2016-09-12_stealth-over-health-hillary-clin"
    assert (first.outlet, first.published) == ("breitbart", date(2016, 9, 12))
    assert first.authors == ("Breitbart News",)
    assert first.title.startswith("Stealth Over Health: Hillary Clinton Was Headed to ER")


# --- walking ---------------------------------------------------------------------


def test_directory_walk_is_sorted_recursive_and_filtered(tmp_path):
    names = ["b.txt", "a.md", "sub/c.txt", "sub/deeper/d.txt", "z.txt"]
    for name in [*names, "notes.csv", "x.date", ".hidden.txt", ".git/e.txt"]:
        write(tmp_path / name, f"Text of {name}.\n")
    results = list(read_sources([tmp_path]))
    assert all(isinstance(r, Article) for r in results)
    assert [Path(r.origin).relative_to(tmp_path).as_posix() for r in results] == [
        "a.md",
        "b.txt",
        "sub/c.txt",
        "sub/deeper/d.txt",
        "z.txt",
    ]


def test_file_given_directly_with_no_reader_is_unsupported(tmp_path):
    path = write(tmp_path / "story.text", "Body.\n")
    [failure] = read_sources([str(path)])
    assert (failure.origin, failure.reason) == (str(path), "unsupported format")
    assert ".warc.gz" in failure.detail


def test_path_given_twice_is_read_once(tmp_path):
    path = write(tmp_path / "story.txt", "Body.\n")
    assert [r.id for r in read_sources([path, str(path), tmp_path / "." / "story.txt"])] == ["story"]


def test_file_reached_directly_and_through_directory_is_read_once(tmp_path):
    write(tmp_path / "one.txt", "One.\n")
    write(tmp_path / "two.txt", "Two.\n")
    results = list(read_sources([tmp_path / "two.txt", tmp_path, tmp_path]))
    assert [r.id for r in results] == ["two", "one"]


def test_missing_path_yields_failure_and_continues(tmp_path):
    write(tmp_path / "here.txt", "Here.\n")
    missing = tmp_path / "gone"
    results = list(read_sources([missing, tmp_path]))
    assert results[0] == Failure(str(missing), "missing", "no such file")
    assert [r.id for r in results[1:]] == ["here"]


def test_bad_files_in_a_directory_are_failures_and_the_walk_goes_on(tmp_path):
    write(tmp_path / "a.txt", "")
    write(tmp_path / "b.txt", b"\x00\x01binary")
    write(tmp_path / "c.txt", "Good.\n")
    (tmp_path / "d.txt").symlink_to(tmp_path / "d.txt")
    results = list(read_sources([tmp_path]))
    assert [r.reason if isinstance(r, Failure) else r.id for r in results] == ["empty", "binary", "c", "unreadable"]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads files regardless of chmod 000")
def test_chmod_000_file_in_directory_is_unreadable(tmp_path):
    locked = write(tmp_path / "a.txt", "Secret.\n")
    write(tmp_path / "b.txt", "Open.\n")
    locked.chmod(0)
    try:
        results = list(read_sources([tmp_path]))
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
        results = list(read_sources([tmp_path]))
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

    monkeypatch.setattr(os, "scandir", scandir)
    results = list(read_sources([tmp_path]))
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
    results = list(read_sources([tmp_path]))
    assert results[0] == Failure(str(tmp_path / "a.txt"), "unreadable", "Permission denied")
    assert [r.id for r in results[1:]] == ["b"]


def test_symlinked_directory_loop_is_walked_once(tmp_path):
    write(tmp_path / "a.txt", "A.\n")
    (tmp_path / "again").symlink_to(tmp_path, target_is_directory=True)
    assert [r.id for r in read_sources([tmp_path])] == ["a"]


def test_examples_folder_reads_cleanly():
    examples = Path(__file__).resolve().parent.parent / "examples"
    stories = sorted(examples.glob("*.txt"))  # the folder's README.md is not a story
    if not stories:
        pytest.skip("no examples yet")
    results = list(read_sources(stories))
    assert not reasons(results)
    for article in results:
        assert article.published is not None, article.id
        assert BlockRole.DATELINE in {b.role for b in article.blocks}
