"""The work behind the store verbs: ``ingest``, ``status``, ``failures``, ``statements``, ``articles``,
``speakers``, ``speaker``, ``questions``, ``question add``, ``positions``, ``shifts``.

Same conventions as :mod:`onrecord.cli.run`: results on stdout (or ``--output``), one line per
problem on stderr, exit codes OK / FAILED / ERROR, and :data:`INTERRUPTED` when Ctrl-C stopped an
ingest (run it again to resume).
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Iterable

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from onrecord.cli.run import FAILED, OK, domain_errors, error, os_error_message, output_stream, plural
from onrecord.ingest import ReadOptions
from onrecord.store.export import ExportFormat, plain, write_csv, write_jsonl, write_parquet, write_table

INTERRUPTED = 130


class Backend(str, Enum):
    LOCAL = "local"
    RAY = "ray"


class SpeakerFormat(str, Enum):
    TABLE = "table"  # a summary and a table of statements, for reading
    JSON = "json"  # one JSON object: the registry record with its statements under "by_date"


def store_errors() -> tuple[type[Exception], ...]:
    """Database problems (locked, full, unreachable) that stop a run with a one-line message."""
    from sqlalchemy.exc import SQLAlchemyError

    return (SQLAlchemyError, *domain_errors())


def database_message(problem: Exception) -> str:
    """The driver's own words (``database is locked``), without SQLAlchemy's SQL echo and links."""
    original = getattr(problem, "orig", None)
    return f"database: {original or problem}".splitlines()[0]


def open_store(db: str):
    from onrecord.store import Store

    return Store(db)


def make_extractor(model: str, backend: str, ray_address: str | None, jobs: int):
    if backend == "ray":
        from onrecord.distributed import RayExtractor

        return RayExtractor(model, address=ray_address, actors=jobs)
    from onrecord.pipeline import Extractor

    return Extractor(model)


def ingest(
    paths: Iterable[Path],
    db: str,
    read_options: ReadOptions,
    model: str = "fast",
    jobs: int = 1,
    backend: str = "local",
    ray_address: str | None = None,
    batch_size: int | None = None,
    registry_file: Path | None = None,
) -> int:
    from onrecord.pipeline import ingest as run_ingest
    from onrecord.speakers.registry import Corrections, CorrectionsError, load_corrections

    try:
        corrections = load_corrections(registry_file) if registry_file else Corrections()
    except CorrectionsError as problem:
        return error(problem)
    console = Console(stderr=True)
    progress = Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} articles/s"),
        TimeElapsedColumn(),
        TextColumn("{task.fields[added]} added · {task.fields[failed]} failed"),
        console=console,
        disable=not console.is_terminal,
        transient=True,
    )
    try:
        store = open_store(db)
        with progress:
            task = progress.add_task("ingest", total=None, rate="0.0", added=0, failed=0)

            def on_progress(counts) -> None:
                done = counts.articles_added + counts.duplicates + counts.unchanged + counts.failures
                elapsed = progress.tasks[task].elapsed or 0.0
                rate = f"{done / elapsed:.1f}" if elapsed else "0.0"
                progress.update(task, completed=done, rate=rate, added=counts.articles_added, failed=counts.failures)

            def on_failure(failure) -> None:
                progress.console.print(f"onrecord: {failure}", markup=False, highlight=False)

            report = run_ingest(
                [str(path) for path in paths],
                store,
                lambda: make_extractor(model, backend, ray_address, jobs),
                read_options,
                jobs=jobs,
                model=model,
                backend=backend,
                batch_size=batch_size,
                on_progress=on_progress,
                on_failure=on_failure,
                corrections=corrections,
            )
    except OSError as problem:
        return error(os_error_message(problem))
    except store_errors() as problem:
        return error(database_message(problem))
    counts = report.counts
    click.echo(
        f"run {report.run_id} {report.status}: {plural(counts.articles_added, 'article')} added "
        f"({plural(counts.statements_added, 'statement')}), {plural(counts.duplicates, 'near-duplicate')}, "
        f"{counts.unchanged} unchanged, {counts.failures} failed → {store.url}",
        err=True,
    )
    if report.status == "interrupted":
        click.echo("onrecord: interrupted; run the same command again to resume", err=True)
        return INTERRUPTED
    return FAILED if counts.failures else OK


def status(db: str) -> int:
    try:
        summary = open_store(db).status()
    except store_errors() as problem:
        return error(database_message(problem))
    for key in ("articles", "near_duplicates", "statements", "speakers", "failures", "runs"):
        click.echo(f"{key.replace('_', ' '):<16} {summary[key]}")
    run = summary["last_run"]
    if run:
        finished = run["finished_at"].isoformat(timespec="seconds") if run["finished_at"] else "-"
        click.echo(
            f"{'last run':<16} #{run['id']} {run['status']}, started {run['started_at'].isoformat(timespec='seconds')}, "
            f"finished {finished}: {run['articles_added']} added, {run['duplicates']} near-duplicates, "
            f"{run['unchanged']} unchanged, {run['failures']} failed ({run['backend']}, {plural(run['jobs'], 'job')})"
        )
    return OK


def failures(db: str, format: ExportFormat, output: Path | None) -> int:
    try:
        records = open_store(db).failures()
    except store_errors() as problem:
        return error(database_message(problem))
    return export(records, format, output, ("origin", "reason", "detail", "run_id", "failed_at"), "failures", None)


def statements(db: str, format: ExportFormat, output: Path | None, **filters) -> int:
    from onrecord.store.queries import STATEMENT_COLUMNS

    table_columns = ("published", "said_on_start", "outlet", "speaker_name", "kind", "cue_text", "content_text", "channel")
    try:
        records = open_store(db).statements(**filters)
        return export(records, format, output, table_columns, "statements", STATEMENT_COLUMNS)
    except store_errors() as problem:
        return error(database_message(problem))


def articles(db: str, format: ExportFormat, output: Path | None, **filters) -> int:
    from onrecord.store.queries import ARTICLE_COLUMNS

    table_columns = ("id", "source_id", "published", "outlet", "title", "words", "statements", "duplicate_of")
    try:
        records = open_store(db).articles(**filters)
        return export(records, format, output, table_columns, "articles", ARTICLE_COLUMNS)
    except store_errors() as problem:
        return error(database_message(problem))


def speakers(db: str, format: ExportFormat, output: Path | None, search: str | None) -> int:
    from onrecord.store.queries import REGISTRY_COLUMNS

    table_columns = ("id", "name", "kind", "variants", "titles", "affiliations", "organisation", "statements")
    try:
        records = open_store(db).speakers(search)
    except store_errors() as problem:
        return error(database_message(problem))
    if format is ExportFormat.TABLE:  # dated titles and affiliations as "2024-05-31  spokesman"
        records = [
            {**record, **{key: dated_list(record[key]) for key in ("titles", "affiliations")}} for record in records
        ]
    return export(records, format, output, table_columns, "speakers", REGISTRY_COLUMNS)


def speaker(db: str, name: str, format: SpeakerFormat, output: Path | None) -> int:
    try:
        record = open_store(db).speaker(name)
    except store_errors() as problem:
        return error(database_message(problem))
    if record is None:
        return error(f"no speaker {name!r} in the registry (see: onrecord speakers --search)")
    try:
        with output_stream(output) as stream:
            if SpeakerFormat(format) is SpeakerFormat.JSON:
                stream.write(json.dumps(record, default=plain, ensure_ascii=False) + "\n")
            else:
                write_speaker(record, stream)
    except OSError as problem:
        return error(os_error_message(problem))
    return OK


def questions(db: str, format: ExportFormat, output: Path | None, kind: str | None, limit: int | None) -> int:
    table_columns = ("id", "kind", "label", "statements", "speakers", "supports", "opposes", "neutral", "first", "last")
    try:
        records = open_store(db).questions(kind)
    except store_errors() as problem:
        return error(database_message(problem))
    return export(records[:limit], format, output, table_columns, "questions", None)


def question_add(db: str, text: str) -> int:
    if not text.strip():
        return error("a question needs words: onrecord question add \"The U.S. permits ...\"")
    try:
        record = open_store(db).add_question(text)
    except store_errors() as problem:
        return error(database_message(problem))
    click.echo(
        f"question {record['id']}: {record['text']}\n{plural(record['statements'], 'statement')} bear on it "
        f"({record['supports']} supports, {record['opposes']} opposes, {record['neutral']} neutral); "
        f"see: onrecord positions {record['id']}"
    )
    return OK


def positions(db: str, question: str, format: ExportFormat, output: Path | None, **filters) -> int:
    table_columns = ("dated", "date_basis", "speaker", "stance", "scope", "confidence", "reader", "cue_text", "content_text", "outlet")
    try:
        store = open_store(db)
        found = store.question(question)
        if found is None:
            return error(f"no question {question!r} (see: onrecord questions)")
        records = store.positions(found["id"], **filters)
    except store_errors() as problem:
        return error(database_message(problem))
    return export(records, format, output, table_columns, f"positions on: {found['label']}", None)


def shifts(db: str, format: ExportFormat, output: Path | None, **filters) -> int:
    table_columns = ("speaker", "question", "kind", "from_stance", "from_date", "to_stance", "to_scope", "to_date", "evidence")
    try:
        records = open_store(db).shifts(**filters)
    except store_errors() as problem:
        return error(database_message(problem))
    if ExportFormat(format) in (ExportFormat.TABLE, ExportFormat.CSV):  # one readable cell for the evidence
        sides = ("before", "after", "unchanged")
        records = [
            {**{k: v for k, v in record.items() if k not in sides}, "evidence": shift_evidence(record)}
            for record in records
        ]
    return export(records, format, output, table_columns, "shifts", None)


def shift_evidence(record: dict) -> str:
    """"before: Kirby: "…" | after: U.S. officials: "…" | unchanged: …" for a table cell."""
    parts = []
    for side in ("before", "after", "unchanged"):
        quoted = [f"{p['speaker']} ({position_when(p)}): {p['content_text'][:80]}" for p in record[side]]
        if quoted:
            parts.append(f"{side}: " + " / ".join(quoted))
    return " | ".join(parts)


def position_when(position: dict) -> str:
    """"2016-09-30", or "before 2016-09-30, reported by Donald Trump" for a reported past position."""
    from onrecord.store.schema import EARLIER_BASIS

    earlier = position.get("date_basis") == EARLIER_BASIS
    when = f"before {position['dated']}" if earlier else str(position["dated"])
    return f"{when}, reported by {position['reported_by']}" if position.get("reported_by") else when


def dated_text(item: dict) -> str:
    """"2024-05-01 – 2024-06-02  spokesman" from a registry title or affiliation."""
    first, last = item["first"] or "?", item["last"] or "?"
    return f"{first if first == last else f'{first} – {last}'}  {item['value']}"


def dated_list(items: list[dict]) -> list[str]:
    return [dated_text(item) for item in items]


def write_speaker(record: dict, stream) -> None:
    """A registry speaker for reading: what it is, its names, titles and affiliations over time, then
    its statements by date."""
    lines = [
        f"{record['name']} · {record['kind']} · id {record['id']} · "
        f"{plural(record['statements'], 'statement')} in {plural(record['articles'], 'article')}"
    ]
    facts = [("organisation", [record["organisation"]] if record["organisation"] else [])]
    facts += [("variants", [", ".join(record["variants"])] if record["variants"] else [])]
    facts += [(key, dated_list(record[key])) for key in ("titles", "affiliations")]
    for label, values in facts:
        lines += [f"{label if i == 0 else '':<14}{value}" for i, value in enumerate(values)]
    stream.write("\n".join(lines) + "\n")
    columns = ("said_on_start", "published", "outlet", "speaker_name", "kind", "cue_text", "content_text")
    write_table(record["by_date"], stream, columns, "statements by date")


def export(records, format: ExportFormat, output: Path | None, table_columns, title: str, sql_columns) -> int:
    """Write ``records``; table and CSV show ``table_columns``, JSONL and Parquet every column."""
    format = ExportFormat(format)
    try:
        if format is ExportFormat.PARQUET:
            if output is None or sql_columns is None:
                return error("parquet needs --output FILE" if output is None else f"{title}: no parquet export")
            count = write_parquet(records, output, sql_columns)
        else:
            with output_stream(output) as stream:
                if format is ExportFormat.JSONL:
                    count = write_jsonl(records, stream)
                elif format is ExportFormat.CSV:
                    count = write_csv(records, stream)
                else:
                    count = write_table(records, stream, table_columns, title)
    except OSError as problem:
        return error(os_error_message(problem))
    if output is not None or format is not ExportFormat.TABLE:
        click.echo(plural(count, title.rstrip("s")), err=True)
    return OK
