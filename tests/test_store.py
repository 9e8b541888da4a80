"""The store on SQLite and PostgreSQL: idempotent, resumable ingest, near-duplicates, failures, queries.

Extraction here is a stand-in (one statement per "said" sentence) so these tests check the store
and the ingest loop, fast; tests/test_ingest_run.py runs the real pipeline through the CLI.
"""

import json
import re
from datetime import date

import pyarrow.parquet as pq
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from onrecord.model import Failure, Kind, Span, Speaker, Statement
from onrecord.pipeline import ingest
from onrecord.store import Store
from onrecord.store.export import write_csv, write_jsonl, write_parquet
from onrecord.store.queries import STATEMENT_COLUMNS
from onrecord.store.schema import include_name, metadata

SAID = re.compile(r"([A-Z][a-z]+ [A-Z][a-z]+) said (?:on )?([^.]*)\.")


class SaidExtractor:
    """One statement per "First Last said …." sentence; the speaker is First Last."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def extract_articles(self, articles, jobs=1):
        for article in articles:
            self.seen.append(article.origin)
            found = []
            for match in SAID.finditer(article.text):
                found.append(
                    Statement(
                        content=(Span(*match.span(2)),),
                        cue=(Span(match.end(1) + 1, match.end(1) + 5),),
                        source=(Span(*match.span(1)),),
                        kind=Kind.INDIRECT,
                        speaker=Speaker(name=match.group(1), mention=match.group(1), entity_id=match.group(1)),
                        confidence=0.9,
                    )
                )
            yield article, found


def write_article(directory, name, published, body):
    path = directory / f"{name}.txt"
    path.write_text(f"date {published}\n\n{body}\n", encoding="utf-8")
    return path


STORY = (
    "Maria Lopez said the transit levy would pass before the summer recess. "
    "The council met for four hours and heard from forty residents about bus routes, fares and "
    "the new depot planned for the north side of the river. Tom Baker said on Monday that the fares would stay flat.\n\n"
    "Residents of the eastern wards asked for later evening service, saying that shift workers at the hospital "
    "and the port had no way home after ten o'clock. The transit authority has promised a study of night routes, "
    "to be published in the autumn, and a pilot of on-demand minibuses in two neighbourhoods next spring."
)


@pytest.fixture
def corpus(tmp_path):
    directory = tmp_path / "news"
    directory.mkdir()
    write_article(directory, "a", "2024-05-01", STORY)
    write_article(directory, "b", "2024-05-20", "Ann Chen said the budget was balanced. Nobody else spoke at the meeting.")
    write_article(directory, "c", "2024-06-02", "Maria Lopez said the levy had failed. The vote was close, observers noted.")
    return directory


def test_ingest_stores_articles_statements_and_speakers(corpus, store_url):
    store = Store(store_url)
    report = ingest([corpus], store, SaidExtractor())
    assert report.status == "finished"
    assert (report.counts.articles_added, report.counts.statements_added, report.counts.failures) == (3, 4, 0)
    status = store.status()
    assert (status["articles"], status["statements"], status["speakers"], status["runs"]) == (3, 4, 3, 1)
    assert status["last_run"]["status"] == "finished"
    lopez = list(store.statements(speaker="maria lopez"))
    assert [row["content_text"] for row in lopez] == [
        "the transit levy would pass before the summer recess",
        "the levy had failed",
    ]
    assert [row["published"] for row in lopez] == [date(2024, 5, 1), date(2024, 6, 2)]
    assert [row["content_text"] for row in store.statements(since=date(2024, 5, 15), until=date(2024, 5, 31))] == [
        "the budget was balanced"
    ]
    assert [row["statements"] for row in store.articles()] == [2, 1, 1]


def test_reingesting_changes_nothing_and_skips_extraction(corpus, store_url):
    store = Store(store_url)
    ingest([corpus], store, SaidExtractor())
    again = SaidExtractor()
    report = ingest([corpus, corpus / "a.txt"], store, again)  # the same files, one given twice
    assert again.seen == []
    assert (report.counts.articles_added, report.counts.unchanged, report.counts.statements_added) == (0, 3, 0)
    status = store.status()
    assert (status["articles"], status["statements"], status["runs"]) == (3, 4, 2)


def test_a_wire_copy_is_linked_not_double_counted(corpus, store_url):
    write_article(corpus, "d_wire_copy", "2024-05-02", STORY.replace("four hours", "four long hours") + " (AP)")
    store = Store(store_url)
    report = ingest([corpus], store, SaidExtractor())
    assert (report.counts.articles_added, report.counts.duplicates) == (3, 1)
    by_origin = {row["origin"]: row for row in store.articles()}
    original = by_origin[str(corpus / "a.txt")]
    copy = by_origin[str(corpus / "d_wire_copy.txt")]
    assert copy["duplicate_of"] is not None and original["duplicate_of"] is None
    assert copy["statements"] == 0
    assert len(list(store.statements(speaker="Maria Lopez"))) == 2
    assert store.status()["near_duplicates"] == 1


def test_a_wire_copy_read_while_its_original_is_being_extracted_waits_for_it(corpus, store_url):
    """Extractors work in batches (spaCy pipes 16 articles at a time): the copy is read before the
    original's statements come back, and its row must not be written before the original's."""

    class Batching(SaidExtractor):
        def extract_articles(self, articles, jobs=1):
            yield from super().extract_articles(list(articles), jobs)

    write_article(corpus, "a_wire_copy", "2024-05-02", STORY + " (AP)")
    store = Store(store_url)
    report = ingest([corpus], store, Batching(), batch_size=1)
    assert (report.counts.articles_added, report.counts.duplicates) == (3, 1)
    assert store.status()["near_duplicates"] == 1


def test_failures_are_recorded_and_cleared_once_fixed(corpus, store_url):
    broken = corpus / "e.txt"
    broken.write_bytes(b"")
    store = Store(store_url)
    report = ingest([corpus], store, SaidExtractor())
    assert report.counts.failures == 1
    assert [(row["origin"], row["reason"]) for row in store.failures()] == [(str(broken), "empty")]
    ingest([corpus], store, SaidExtractor())
    assert len(store.failures()) == 1  # failing again replaces the record
    write_article(corpus, "e", "2024-06-03", "Ann Chen said the audit was done.")
    ingest([corpus], store, SaidExtractor())
    assert store.failures() == []
    assert store.status()["articles"] == 4


class FailingOn(SaidExtractor):
    """The stand-in, reading all articles before answering (as a batching extractor does), failing on
    those whose text holds ``marker``."""

    def __init__(self, marker: str) -> None:
        super().__init__()
        self.marker = marker

    def extract_articles(self, articles, jobs=1):
        for article, found in super().extract_articles(list(articles), jobs):
            failed = Failure(article.origin, "extraction failed", "ValueError: boom")
            yield article, failed if self.marker in article.text else found


def test_an_article_whose_extraction_fails_is_recorded_and_retried_by_the_next_run(corpus, store_url):
    store = Store(store_url)
    report = ingest([corpus], store, FailingOn("Ann Chen"))
    assert report.status == "finished"
    assert (report.counts.articles_added, report.counts.failures) == (2, 1)
    assert [(row["origin"], row["reason"], row["detail"]) for row in store.failures()] == [
        (str(corpus / "b.txt"), "extraction failed", "ValueError: boom")
    ]
    again = SaidExtractor()
    report = ingest([corpus], store, again)
    assert again.seen == [str(corpus / "b.txt")]
    assert (report.counts.articles_added, report.counts.unchanged) == (1, 2)
    assert store.failures() == [] and store.status()["statements"] == 4


def test_a_wire_copy_waiting_for_an_original_that_fails_fails_with_it(corpus, store_url):
    write_article(corpus, "a_wire_copy", "2024-05-02", STORY + " (AP)")
    store = Store(store_url)
    report = ingest([corpus], store, FailingOn("transit levy"), batch_size=1)
    assert (report.counts.articles_added, report.counts.duplicates, report.counts.failures) == (2, 0, 2)
    assert {(row["origin"], row["reason"]) for row in store.failures()} == {
        (str(corpus / "a.txt"), "extraction failed"),
        (str(corpus / "a_wire_copy.txt"), "near-duplicate of a failure"),
    }
    report = ingest([corpus], store, SaidExtractor())
    assert (report.counts.articles_added, report.counts.duplicates) == (1, 1)
    assert store.failures() == [] and store.status()["near_duplicates"] == 1


def test_an_interrupted_run_is_marked_and_the_next_one_resumes(corpus, store_url):
    class Interrupting(SaidExtractor):
        def extract_articles(self, articles, jobs=1):
            for count, pair in enumerate(super().extract_articles(articles, jobs), 1):
                yield pair
                if count == 2:
                    raise KeyboardInterrupt

    store = Store(store_url)
    first = ingest([corpus], store, Interrupting())
    assert first.status == "interrupted" and first.counts.articles_added == 2
    second = ingest([corpus], store, SaidExtractor())
    assert (second.status, second.counts.articles_added, second.counts.unchanged) == ("finished", 1, 2)
    assert store.status()["articles"] == 3 and store.status()["statements"] == 4


def test_migrations_build_exactly_the_declared_schema(store_url):
    store = Store(store_url)
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": include_name})
        differences = compare_metadata(context, metadata)
    assert differences == []


def test_exports_round_trip(corpus, store_url, tmp_path):
    store = Store(store_url)
    ingest([corpus], store, SaidExtractor())
    jsonl = tmp_path / "s.jsonl"
    with open(jsonl, "w", encoding="utf-8") as stream:
        assert write_jsonl(store.statements(), stream) == 4
    first = json.loads(jsonl.read_text(encoding="utf-8").splitlines()[0])
    assert first["speaker_name"] == "Maria Lopez" and first["published"] == "2024-05-01"
    csv_path = tmp_path / "s.csv"
    with open(csv_path, "w", encoding="utf-8", newline="") as stream:
        assert write_csv(store.statements(), stream) == 4
    assert csv_path.read_text(encoding="utf-8").splitlines()[0].startswith("id,article_id,outlet,published")
    parquet = tmp_path / "s.parquet"
    assert write_parquet(store.statements(), parquet, STATEMENT_COLUMNS) == 4
    table = pq.read_table(parquet)
    assert table.num_rows == 4
    assert table.column("published").to_pylist()[0] == date(2024, 5, 1)
    assert str(table.schema.field("said_on_start").type) == "date32[day]"


def mixed_corpus(directory):
    """One article in each format, each a different story, with a sentence the stand-in extracts."""
    from tests.ingest_support import news_page, rss, warc, write

    def story(topic):
        return (
            f"Maria Lopez said the {topic} plan was ready. The council heard from residents about the {topic} "
            f"budget, the {topic} timetable and the {topic} staff for three hours on Thursday evening."
        )

    directory.mkdir()
    write_article(directory, "plain", "2024-05-01", story("library"))
    write(directory / "page.html", news_page([story("harbour")], title="Harbour plan"))
    write(
        directory / "dump.jsonl",
        json.dumps({"id": "j1", "text": story("school"), "date": "2024-05-03", "outlet": "wire"}) + "\n" + "{broken\n",
    )
    write(directory / "crawl.warc.gz", warc([("https://news.example/a", news_page([story("airport")], title="Airport"))]))
    item = f"<item><title>Parks</title><guid>p1</guid><pubDate>Sat, 04 May 2024 10:00:00 GMT</pubDate>" \
           f"<content:encoded><![CDATA[<p>{story('parks')}</p>]]></content:encoded></item>"
    write(directory / "feed.xml", rss(item))
    return directory


def test_every_format_ingests_the_same_into_both_backends(tmp_path, store_url):
    corpus = mixed_corpus(tmp_path / "mixed")
    store = Store(store_url)
    report = ingest([corpus], store, SaidExtractor())
    assert (report.counts.articles_added, report.counts.failures) == (5, 1)
    assert [row["reason"] for row in store.failures()] == ["malformed"]
    rows = sorted((row["origin"].replace(str(corpus), ""), row["content_text"]) for row in store.statements())
    assert rows == [
        ("/crawl.warc.gz#https://news.example/a", "the airport plan was ready"),
        ("/dump.jsonl:1", "the school plan was ready"),
        ("/feed.xml#p1", "the parks plan was ready"),
        ("/page.html", "the harbour plan was ready"),
        ("/plain.txt", "the library plan was ready"),
    ]
    outlets = {row["source_id"]: row["outlet"] for row in store.articles()}
    assert outlets["j1"] == "wire"


def test_store_verbs_read_what_ingest_wrote(corpus, tmp_path):
    from typer.testing import CliRunner

    from onrecord.cli.main import app

    db = str(tmp_path / "verbs.db")
    (corpus / "broken.txt").write_bytes(b"\x00\x01binary")
    ingest([corpus], Store(db), SaidExtractor())
    runner = CliRunner()

    status = runner.invoke(app, ["status", "--db", db])
    assert status.exit_code == 0
    assert "articles         3" in status.output and "failures         1" in status.output

    failures = runner.invoke(app, ["failures", "--db", db, "--format", "jsonl"])
    assert json.loads(failures.stdout.splitlines()[0])["reason"] == "binary"

    table = runner.invoke(app, ["statements", "--db", db, "--speaker", "Ann Chen"])
    assert table.exit_code == 0 and "the budget was balanced" in table.output

    parquet = tmp_path / "lopez.parquet"
    exported = runner.invoke(app, ["statements", "--db", db, "--speaker", "Maria Lopez", "--format", "parquet", "-o", str(parquet)])
    assert exported.exit_code == 0 and pq.read_table(parquet).num_rows == 2
    no_file = runner.invoke(app, ["statements", "--db", db, "--format", "parquet"])
    assert no_file.exit_code == 2 and "parquet needs --output FILE" in no_file.output

    articles = runner.invoke(app, ["articles", "--db", db, "--since", "2024-05-15", "--format", "csv"])
    lines = articles.stdout.splitlines()
    assert lines[0].startswith("id,source_id,outlet") and [line.split(",")[1] for line in lines[1:]] == ["b", "c"]
