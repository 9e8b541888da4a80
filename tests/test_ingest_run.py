"""``onrecord ingest`` for real: the CLI in a subprocess with the packaged model, killed, locked, on Ray."""

import json
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from onrecord.ingest import read_sources
from onrecord.store import Store
from tests.conftest import POLNEAR_DEV, REPO, requires_model, requires_polnear

pytestmark = requires_model
ONRECORD = [sys.executable, "-m", "onrecord"]
EXAMPLES = REPO / "examples"


def onrecord(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*ONRECORD, *map(str, args)], capture_output=True, text=True, timeout=600, **kwargs)


def statement_rows(db) -> list[tuple]:
    return sorted(
        (row["origin"], row["speaker_name"] or "", row["cue_text"], row["content_text"]) for row in Store(db).statements()
    )


@pytest.mark.slow
@requires_polnear
def test_kill_9_mid_run_then_rerun_finishes_without_duplicates(tmp_path, extractor):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted((POLNEAR_DEV / "text").glob("*.txt"))[:24]:
        (corpus / path.name).symlink_to(path)  # read in place from ../shared, nothing copied
    db = tmp_path / "store.db"
    command = [*ONRECORD, "ingest", str(corpus), "--db", str(db), "--batch-size", "3"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    stored = 0
    while stored < 6 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
        if db.exists():
            with sqlite3.connect(db) as connection:
                try:
                    stored = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
                except sqlite3.OperationalError:  # schema not there yet
                    stored = 0
    process.send_signal(signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL, "the run finished before it could be killed"
    assert 0 < stored < 24

    resumed = onrecord("ingest", corpus, "--db", db)
    assert resumed.returncode == 0, resumed.stderr
    assert "24 articles" not in resumed.stderr  # only the rest was extracted
    status = Store(db).status()
    assert status["articles"] == 24
    assert status["last_run"]["unchanged"] == stored
    expected = sorted(
        (article.origin, s.speaker.name if s.speaker else "", " … ".join(c.text(article.text) for c in s.cue),
         s.content_text(article.text))
        for article, found in extractor.extract_articles(read_sources([corpus]))
        for s in found
    )
    assert statement_rows(db) == expected  # nothing lost, nothing twice


def test_ingest_status_and_statements_from_the_command_line(tmp_path):
    db = tmp_path / "store.db"
    stories = len(list(EXAMPLES.glob("*.txt")))
    first = onrecord("ingest", EXAMPLES, "--db", db)
    assert first.returncode == 0, first.stderr
    assert f"{stories} articles added" in first.stderr
    again = onrecord("ingest", EXAMPLES, "--db", db)
    assert "0 articles added" in again.stderr and f"{stories} unchanged" in again.stderr
    status = onrecord("status", "--db", db)
    assert f"articles         {stories}" in status.stdout
    assert "last run         #2 finished" in status.stdout
    table = onrecord("statements", "--db", db, "--format", "csv")
    assert table.returncode == 0 and table.stdout.startswith("id,article_id")
    listed = onrecord("articles", "--db", db, "--format", "jsonl").stdout.splitlines()
    assert sorted(json.loads(line)["source_id"] for line in listed) == sorted(p.stem for p in EXAMPLES.glob("*.txt"))


def test_a_locked_database_is_a_one_line_error(tmp_path):
    db = tmp_path / "locked.db"
    Store(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = onrecord("ingest", EXAMPLES, "--db", db)
    finally:
        holder.close()
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["onrecord: error: database: database is locked"]


def test_a_full_database_keeps_every_committed_batch(tmp_path, extractor):
    from sqlalchemy import event
    from sqlalchemy.exc import OperationalError

    from onrecord.pipeline import ingest

    store = Store(tmp_path / "full.db")
    with store.engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
    store.engine.dispose()
    # room for a few more pages only: the examples' first batch fits, a later one cannot
    event.listen(store.engine, "connect", lambda dbapi, _: dbapi.execute(f"PRAGMA max_page_count={pages + 12}"))
    with pytest.raises(OperationalError, match="full"):
        ingest([EXAMPLES, POLNEAR_DEV], store, extractor, batch_size=2)
    kept = Store(tmp_path / "full.db").status()
    assert kept["articles"] >= 2


@pytest.mark.slow
def test_two_jobs_and_ray_store_what_one_job_stores(tmp_path):
    stores = {}
    for name, options in {"one": [], "two": ["--jobs", "2"], "ray": ["--backend", "ray", "--jobs", "2"]}.items():
        stores[name] = tmp_path / f"{name}.db"
        result = onrecord("ingest", EXAMPLES, "--db", stores[name], *options)
        assert result.returncode == 0, result.stderr
    one = statement_rows(stores["one"])
    assert one and statement_rows(stores["two"]) == one and statement_rows(stores["ray"]) == one
