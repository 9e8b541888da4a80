"""The ``onrecord`` command: verbs and their options only. Docstrings are the help; the work is in ``run``."""

import logging
from datetime import datetime
from pathlib import Path
from typing import Annotated, Optional

import typer

from onrecord.cli import corpus, run
from onrecord.store.export import ExportFormat

app = typer.Typer(
    name="onrecord",
    help="Find who said what, when, and through which channel, in news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
# trafilatura logs an ERROR for every page without main text; onrecord reports that page itself, once,
# as a named failure, so the library's line would only say it twice.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
# what a refresh could not do (a configured chat endpoint that failed) goes to stderr, as the CLI's own
# problems do; the library itself only logs it
_refresh_problems = logging.StreamHandler()
_refresh_problems.setFormatter(logging.Formatter("onrecord: %(message)s"))
logging.getLogger("onrecord.positions").addHandler(_refresh_problems)

eval_app = typer.Typer(help="Score extraction against annotated corpora.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
question_app = typer.Typer(help="Declare the questions whose positions onrecord follows.", no_args_is_help=True)
app.add_typer(question_app, name="question")

Sources = Annotated[
    list[Path],
    typer.Argument(help="Files or directories: .txt/.md, .html, .jsonl/.json, .warc(.gz), RSS/Atom, PolNeAR folders."),
]
Model = Annotated[
    str, typer.Option(help="Role tagger: fast (spaCy, the default) or accurate (MiniLM, ~1/3 the speed).")
]
Jobs = Annotated[int, typer.Option(min=1, help="Worker processes for extraction.")]
Db = Annotated[
    str, typer.Option("--db", envvar="ONRECORD_DB", help="SQLite file or postgresql://user@host/dbname URL.")
]
DEFAULT_DB = "onrecord.db"
Output = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout.")]
Since = Annotated[Optional[datetime], typer.Option(formats=["%Y-%m-%d"], help="From this date (YYYY-MM-DD).")]
Until = Annotated[Optional[datetime], typer.Option(formats=["%Y-%m-%d"], help="Up to this date (YYYY-MM-DD).")]
Limit = Annotated[Optional[int], typer.Option(min=1, help="At most this many rows.")]
ExportAs = Annotated[ExportFormat, typer.Option("--format", help="Output format (parquet needs --output).")]


def day(value: datetime | None):
    return value.date() if value else None


@app.command()
def extract(
    paths: Sources,
    format: Annotated[run.Format, typer.Option("--format", help="Output format.")] = run.Format.TABLE,
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    published: Annotated[
        Optional[datetime],
        typer.Option(formats=["%Y-%m-%d"], help="Publication date for every article (YYYY-MM-DD)."),
    ] = None,
    model: Model = "fast",
    jobs: Jobs = 1,
) -> None:
    """Extract attributed statements from text files.

    Each file is one article; its publication date comes from --published, else from a first line
    "date YYYY-MM-DD". A file that cannot be read is reported on stderr and the others are processed;
    the exit status is then 1.
    """
    published_on = published.date() if published else None
    raise typer.Exit(run.extract(paths, format, output, published_on, model, jobs))


@eval_app.command()
def polnear(
    directory: Annotated[
        Path, typer.Argument(help="A PolNeAR split: text/NAME.txt and attributions/NAME_*.ann.")
    ],
    model: Model = "fast",
    predictions: Annotated[
        Optional[Path], typer.Option(help="Also write the predictions here, one JSON line per article.")
    ] = None,
    jobs: Jobs = 1,
) -> None:
    """Extract from a PolNeAR split and score it as the reference scorer does.

    The figures match shared/tools/polnear_score.py on the same predictions; the last four lines of
    the report are the headline figures.
    """
    raise typer.Exit(run.eval_polnear(directory, model, predictions, jobs))


@eval_app.command("positions")
def eval_positions(
    corpus: Annotated[Path, typer.Argument(help="A PolNeAR-style folder: text/NAME.txt (date in the name or metadata.tsv).")],
    labels: Annotated[
        Path, typer.Argument(help="questions.jsonl, stance.jsonl, shifts.jsonl, no_shifts.jsonl, speaker_mentions.jsonl.")
    ],
    model: Model = "fast",
    jobs: Jobs = 1,
) -> None:
    """Score stance, shifts and the speaker registry against labels (shared/spec/positions-format.md).

    Ingests the corpus into a temporary store, declares every labelled question, reads positions and
    shifts, prints the figures as JSON and removes the store.
    """
    raise typer.Exit(run.eval_positions(corpus, labels, model, jobs))


@app.command()
def ingest(
    paths: Sources,
    db: Db = DEFAULT_DB,
    jobs: Jobs = 1,
    backend: Annotated[
        corpus.Backend, typer.Option(help="local: processes on this machine; ray: actors on a Ray cluster.")
    ] = corpus.Backend.LOCAL,
    ray_address: Annotated[
        Optional[str], typer.Option(help="Ray cluster to join (auto, ray://host:10001); default starts a local one.")
    ] = None,
    model: Model = "fast",
    batch_size: Annotated[
        Optional[int], typer.Option(min=1, help="Articles per transaction (what a crash can cost).")
    ] = None,
    published: Annotated[
        Optional[datetime], typer.Option(formats=["%Y-%m-%d"], help="Publication date for every article.")
    ] = None,
    text_field: Annotated[str, typer.Option(help="JSON field holding the article text (or HTML).")] = "text",
    date_field: Annotated[str, typer.Option(help="JSON field holding the publication date.")] = "date",
    title_field: Annotated[str, typer.Option(help="JSON field holding the title.")] = "title",
    url_field: Annotated[str, typer.Option(help="JSON field holding the URL.")] = "url",
    id_field: Annotated[str, typer.Option(help="JSON field holding the article id.")] = "id",
    outlet_field: Annotated[str, typer.Option(help="JSON field holding the outlet.")] = "outlet",
    author_field: Annotated[str, typer.Option(help="JSON field holding the author(s).")] = "author",
    registry_file: Annotated[
        Optional[Path],
        typer.Option(
            envvar="ONRECORD_REGISTRY",
            help="YAML corrections for the speaker registry (aliases, merges, splits), applied on every run.",
        ),
    ] = None,
) -> None:
    """Extract statements from articles and store them (idempotent and resumable).

    An article already in the store (same text) is skipped; a near-duplicate wire copy is stored
    linked to the first copy. Inputs that fail are reported and recorded (see `onrecord failures`);
    exit status 1 then. Ctrl-C or a killed run: run the same command again to finish. Every run ends
    by rebuilding the speaker registry (see `onrecord speakers`), with --registry-file's corrections.
    """
    options = corpus.ReadOptions(
        published=day(published),
        text_field=text_field,
        date_field=date_field,
        title_field=title_field,
        url_field=url_field,
        id_field=id_field,
        outlet_field=outlet_field,
        author_field=author_field,
    )
    raise typer.Exit(
        corpus.ingest(paths, db, options, model, jobs, backend.value, ray_address, batch_size, registry_file)
    )


@app.command()
def status(db: Db = DEFAULT_DB) -> None:
    """Show what the store holds: articles, statements, speakers, failures and the last run."""
    raise typer.Exit(corpus.status(db))


@app.command()
def failures(db: Db = DEFAULT_DB, format: ExportAs = ExportFormat.TABLE, output: Output = None) -> None:
    """List every input that failed to ingest, with its reason (cleared when it later succeeds)."""
    raise typer.Exit(corpus.failures(db, format, output))


@app.command()
def statements(
    db: Db = DEFAULT_DB,
    speaker: Annotated[Optional[str], typer.Option(help="Speaker name, as resolved (case-insensitive).")] = None,
    since: Since = None,
    until: Until = None,
    outlet: Annotated[Optional[str], typer.Option(help="Outlet (publisher).")] = None,
    kind: Annotated[Optional[str], typer.Option(help="direct, direct-unmarked, indirect or mixed.")] = None,
    channel: Annotated[Optional[str], typer.Option(help="e.g. written statement, press briefing.")] = None,
    limit: Limit = None,
    format: ExportAs = ExportFormat.TABLE,
    output: Output = None,
) -> None:
    """Stored statements by date (said-on, else published), filtered."""
    raise typer.Exit(
        corpus.statements(
            db, format, output, speaker=speaker, since=day(since), until=day(until), outlet=outlet, kind=kind,
            channel=channel, limit=limit,
        )
    )


@app.command()
def speakers(
    db: Db = DEFAULT_DB,
    search: Annotated[Optional[str], typer.Option(help="Only speakers with a name word starting with this.")] = None,
    format: ExportAs = ExportFormat.TABLE,
    output: Output = None,
) -> None:
    """The speaker registry: one row per speaker across articles, most statements first.

    Each has its canonical name, kind (person, organisation, anonymous), the name variants it was
    found under, its titles and affiliations with their dates, its organisation and statement counts.
    """
    raise typer.Exit(corpus.speakers(db, format, output, search=search))


@app.command()
def speaker(
    name: Annotated[str, typer.Argument(help="Canonical name, a variant (\"Zelensky\") or a registry id.")],
    db: Db = DEFAULT_DB,
    format: Annotated[
        corpus.SpeakerFormat, typer.Option("--format", help="Output format.")
    ] = corpus.SpeakerFormat.TABLE,
    output: Output = None,
) -> None:
    """One speaker: variants, titles over time, affiliations and statements by date."""
    raise typer.Exit(corpus.speaker(db, name, format, output))


@app.command()
def articles(
    db: Db = DEFAULT_DB,
    outlet: Annotated[Optional[str], typer.Option(help="Outlet (publisher).")] = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = None,
    format: ExportAs = ExportFormat.TABLE,
    output: Output = None,
) -> None:
    """Stored articles by publication date, with their statement counts."""
    raise typer.Exit(corpus.articles(db, format, output, outlet=outlet, since=day(since), until=day(until), limit=limit))


@app.command()
def questions(
    db: Db = DEFAULT_DB,
    kind: Annotated[Optional[str], typer.Option(help="declared or discovered.")] = None,
    limit: Limit = None,
    format: ExportAs = ExportFormat.TABLE,
    output: Output = None,
) -> None:
    """Questions: declared ones, then those discovered by grouping statements, with how many statements
    bear on each, by stance, and the dates they span."""
    raise typer.Exit(corpus.questions(db, format, output, kind=kind, limit=limit))


@question_app.command("add")
def question_add(
    text: Annotated[str, typer.Argument(help="The proposition, as a statement: \"The U.S. permits Ukraine to ...\".")],
    db: Db = DEFAULT_DB,
) -> None:
    """Declare a question and read every stored statement's stance toward it (later ingests keep it)."""
    raise typer.Exit(corpus.question_add(db, text))


@app.command()
def positions(
    question: Annotated[str, typer.Argument(help="Question id, text, or words of its text or label.")],
    db: Db = DEFAULT_DB,
    speaker: Annotated[Optional[str], typer.Option(help="Only this speaker (and, for an organisation, its members).")] = None,
    rollup: Annotated[bool, typer.Option("--rollup", help="Name each position by the organisation at the top of its speaker's chain.")] = False,
    format: ExportAs = ExportFormat.TABLE,
    output: Output = None,
) -> None:
    """Who stands where on a question: speaker, stance, scope, date and the statement behind it."""
    raise typer.Exit(corpus.positions(db, question, format, output, speaker=speaker, rollup=rollup))


@app.command()
def shifts(
    db: Db = DEFAULT_DB,
    speaker: Annotated[Optional[str], typer.Option(help="Only this speaker's shifts (and its organisations').")] = None,
    since: Since = None,
    question: Annotated[Optional[str], typer.Option(help="Only on this question (id or words of it).")] = None,
    format: ExportAs = ExportFormat.TABLE,
    output: Output = None,
) -> None:
    """Every detected change of position: who, on what, from which stance and scope to which, when,
    and the statements on both sides."""
    raise typer.Exit(corpus.shifts(db, format, output, speaker=speaker, since=day(since), question=question))


@app.command()
def serve(
    db: Db = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on; anything but loopback is reachable by others.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes for pasted-article extraction.")] = 1,
) -> None:
    """Browse the store in a web browser, and query it as a REST API (OpenAPI docs at /docs).

    Every page has a JSON twin under /api. Writes (POST /api/extract with "store": true) need the key
    in ONRECORD_API_KEY and are off without it. A non-loopback --host prints a warning.
    """
    from onrecord.api.serve import serve as run_server

    raise typer.Exit(run_server(db, host, port, workers))


@app.command()
def version() -> None:
    """Show the onrecord, spaCy and Python versions."""
    raise typer.Exit(run.version())
