import gzip
import json
import tracemalloc
from datetime import date

import pytest

from onrecord.ingest import ReadOptions
from onrecord.ingest.jsonl import read_json, read_jsonl
from onrecord.model import Article, Failure
from tests.ingest_support import articles, news_page, reasons, write

RECORD = {
    "id": "gazette-123",
    "text": "date 2024-05-31\n\nThe council voted on Thursday.\n",
    "date": "2024-06-01T09:00:00Z",
    "title": "Council backs transit plan",
    "url": "https://gazette.example/transit",
    "outlet": "The Daily Gazette",
    "author": "By Jane Doe and John Roe",
}


def jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_record_gives_an_article_with_its_metadata(tmp_path):
    path = write(tmp_path / "wire.jsonl", jsonl(RECORD))
    [article] = read_jsonl(path, ReadOptions())
    assert article == Article(
        id="gazette-123",
        text=RECORD["text"],  # kept exactly
        published=date(2024, 6, 1),  # the record's date wins over the text's date header
        origin=f"{path}:1",
        title="Council backs transit plan",
        outlet="The Daily Gazette",
        url="https://gazette.example/transit",
        authors=("Jane Doe", "John Roe"),
        blocks=article.blocks,
    )
    assert len(article.blocks) == 2


def test_fields_are_found_where_the_options_say(tmp_path):
    record = {"body": "B.", "day": "2020-01-02", "headline": "H", "link": "u", "key": 7, "site": "S", "by": "A"}
    options = ReadOptions(
        text_field="body", date_field="day", title_field="headline", url_field="link",
        id_field="key", outlet_field="site", author_field="by",
    )  # fmt: skip
    [article] = read_jsonl(write(tmp_path / "x.jsonl", jsonl(record)), options)
    assert (article.id, article.text, article.published) == ("7", "B.", date(2020, 1, 2))
    assert (article.title, article.url, article.outlet, article.authors) == ("H", "u", "S", ("A",))


def test_record_without_id_or_date_gets_file_and_line(tmp_path):
    path = write(tmp_path / "wire.jsonl", jsonl({"text": "One."}, {"text": "Two.", "date": "not a date"}))
    results = list(read_jsonl(path, ReadOptions()))
    assert [(a.id, a.origin, a.published) for a in results] == [
        ("wire-1", f"{path}:1", None),
        ("wire-2", f"{path}:2", None),
    ]


def test_published_option_wins_over_the_record_date(tmp_path):
    path = write(tmp_path / "x.jsonl", jsonl(RECORD))
    [article] = read_jsonl(path, ReadOptions(published=date(2020, 1, 2)))
    assert article.published == date(2020, 1, 2)


def test_html_text_goes_through_the_html_path_and_record_fields_win(tmp_path):
    page = news_page(
        title="Page title",
        head='<meta property="og:site_name" content="Page Site">',
        before="<script>alert(1)</script><p>Hello <img src=x onerror=alert(2)> world, a first paragraph.</p>",
    )
    record = {"text": page, "title": "Record title"}
    [article] = read_jsonl(write(tmp_path / "x.jsonl", jsonl(record)), ReadOptions())
    assert article.text.startswith("Hello world, a first paragraph.\n\nThe city council voted")
    assert "<" not in article.text and "alert" not in article.text
    assert (article.title, article.outlet) == ("Record title", "Page Site")


def test_malformed_line_among_good_ones_is_a_failure_and_the_rest_come_through(tmp_path):
    path = write(tmp_path / "wire.jsonl", jsonl({"text": "One."}, '{"text": "broken', "", {"text": "Three."}))
    results = list(read_jsonl(path, ReadOptions()))
    assert [a.text for a in articles(results)] == ["One.", "Three."]
    [failure] = [r for r in results if isinstance(r, Failure)]
    assert (failure.origin, failure.reason) == (f"{path}:2", "malformed")
    assert "column" in failure.detail


@pytest.mark.parametrize(
    "line, reason",
    [
        ('["an", "array"]', "malformed"),
        ('"a string"', "malformed"),
        ('{"text": 12}', "malformed"),
        ('{"title": "no text"}', "empty"),
        ('{"text": "  \\n "}', "empty"),
        ('{"text": null}', "empty"),
        (b'{"text": "caf\xe9"}', "malformed"),  # not UTF-8
        ("[" * 100_000, "malformed"),  # nested too deeply to parse
    ],
    ids=["array", "string", "number-text", "no-text", "blank-text", "null-text", "latin-1", "deep"],
)
def test_unusable_record_is_a_failure_naming_its_line(tmp_path, line, reason):
    data = b"{\"text\": \"Good.\"}\n" + (line if isinstance(line, bytes) else line.encode()) + b"\n"
    path = write(tmp_path / "x.jsonl", data)
    results = list(read_jsonl(path, ReadOptions()))
    assert [r.text for r in articles(results)] == ["Good."]
    [failure] = [r for r in results if isinstance(r, Failure)]
    assert (failure.origin, failure.reason) == (f"{path}:2", reason)
    assert failure.detail


def test_line_over_the_limit_is_too_large_and_the_next_line_is_read(tmp_path):
    path = write(tmp_path / "x.jsonl", jsonl({"text": "x" * 500}, {"text": "Short."}))
    results = list(read_jsonl(path, ReadOptions(max_bytes=100)))
    assert results[0] == Failure(f"{path}:1", "too large", "a line over 100 bytes")
    assert results[1].text == "Short."


@pytest.mark.parametrize("data, reason", [(b"", "empty"), (b"\n\n  \n", None)], ids=["zero-bytes", "blank"])
def test_empty_file(tmp_path, data, reason):
    results = list(read_jsonl(write(tmp_path / "x.jsonl", data), ReadOptions()))
    assert reasons(results) == ([reason] if reason else [])  # read_sources reports a file without records


def test_gzipped_jsonl(tmp_path):
    data = gzip.compress(jsonl({"text": "One."}, {"text": "Two."}).encode())
    path = write(tmp_path / "wire.jsonl.gz", data)
    results = list(read_jsonl(path, ReadOptions()))
    assert [(a.id, a.text) for a in results] == [("wire-1", "One."), ("wire-2", "Two.")]


def test_truncated_gzip_keeps_the_lines_before_the_cut(tmp_path):
    data = gzip.compress(jsonl(*({"text": f"Article {n} " + "words " * 50} for n in range(200))).encode())
    path = write(tmp_path / "wire.jsonl.gz", data[: len(data) // 2])
    results = list(read_jsonl(path, ReadOptions()))
    *good, failure = results
    assert good and all(isinstance(a, Article) for a in good)
    assert [a.text.split()[1] for a in good] == [str(n) for n in range(len(good))]
    assert (failure.origin, failure.reason) == (str(path), "truncated")
    assert f"line {len(good)}" in failure.detail


# --- .json documents -----------------------------------------------------------


def test_json_array_streams_its_items_with_their_lines(tmp_path):
    document = '[\n  {"text": "One."},\n  {"text": "Two.",\n   "title": "T"}, {"id": "x", "text": "3."}\n]\n'
    path = write(tmp_path / "items.json", document)
    results = list(read_json(path, ReadOptions()))
    assert [(a.id, a.origin, a.text) for a in results] == [
        ("items-2", f"{path}:2", "One."),
        ("items-3", f"{path}:3", "Two."),
        ("x", f"{path}:4", "3."),
    ]


def test_json_single_object_and_objects_one_after_another(tmp_path):
    single = write(tmp_path / "one.json", json.dumps(RECORD, indent=2))
    [article] = read_json(single, ReadOptions())
    assert (article.origin, article.title) == (f"{single}:1", RECORD["title"])
    lines = write(tmp_path / "lines.json", jsonl({"text": "One."}, {"text": "Two."}))
    assert [a.origin for a in read_json(lines, ReadOptions())] == [f"{lines}:1", f"{lines}:2"]


def test_json_values_longer_than_a_read_chunk_are_put_together(tmp_path, monkeypatch):
    from onrecord.ingest import jsonl as jsonl_module

    monkeypatch.setattr(jsonl_module, "CHUNK", 7)
    records = [{"text": "caf\u00e9 " * 20, "n": 12345678}, {"text": "Two.", "n": 3.25}]
    document = json.dumps(records, ensure_ascii=False)
    results = list(read_json(write(tmp_path / "x.json", document), ReadOptions()))
    assert [a.text for a in results] == ["caf\u00e9 " * 20, "Two."]


def test_malformed_json_keeps_what_came_before_and_ends_the_file(tmp_path):
    path = write(tmp_path / "x.json", '[{"text": "One."},\n {"text": "Two." "oops"},\n {"text": "Three."}]')
    results = list(read_json(path, ReadOptions()))
    assert [r.text if isinstance(r, Article) else (r.origin, r.reason) for r in results] == [
        "One.",
        (f"{path}:2", "malformed"),
    ]


def test_json_cut_short_is_malformed(tmp_path):
    path = write(tmp_path / "x.json", '[{"text": "One."}, {"text": "Tw')
    results = list(read_json(path, ReadOptions()))
    assert results[0].text == "One."
    assert results[1] == Failure(f"{path}:1", "malformed", "the document ends inside a record")


def test_json_record_over_the_limit_is_too_large(tmp_path):
    path = write(tmp_path / "x.json", json.dumps([{"text": "x" * 500}, {"text": "Two."}]))
    [failure] = read_json(path, ReadOptions(max_bytes=100))
    assert (failure.origin, failure.reason) == (f"{path}:1", "too large")


def test_empty_json_array_gives_nothing(tmp_path):
    assert list(read_json(write(tmp_path / "x.json", "[ ]"), ReadOptions())) == []


# --- size ------------------------------------------------------------------------


def test_fifty_megabytes_of_small_records_stream(tmp_path):
    # Mostly a field the reader passes over: reading is what is timed here, not splitting paragraphs.
    record = {"text": "The council voted on Thursday, officials said.", "raw": "<p>The vote.</p>" * 130}
    line = (json.dumps(record) + "\n").encode()
    count = 50 * 1024 * 1024 // len(line) + 1
    path = tmp_path / "big.jsonl"
    with path.open("wb") as handle:
        for _ in range(count):
            handle.write(line)
    assert path.stat().st_size > 50 * 1024 * 1024

    tracemalloc.start()
    try:
        records = read_jsonl(path, ReadOptions())
        first = next(records)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(first, Article)
    assert peak < 2 * 1024 * 1024  # the first article comes out before the file is read
    assert 1 + sum(1 for r in records if isinstance(r, Article)) == count
