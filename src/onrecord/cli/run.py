"""The work behind the ``onrecord`` verbs: plain values in, an exit code out.

Results go to stdout (or ``--output``); problems go to stderr, one line each, as ``onrecord: <path>:
<reason> (<detail>)`` for an input that could not be read and ``onrecord: error: <message>`` for a
domain error that stops the run. Exit codes: :data:`OK` when every input was processed, :data:`FAILED`
when some input failed (the others are still processed), :data:`ERROR` when the run could not go on.
No traceback reaches the user for a domain error.
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from datetime import date
from enum import Enum
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, TextIO

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from onrecord.eval import polnear as polnear_eval
from onrecord.ingest import ReadOptions, read_sources
from onrecord.model import Article, Failure, Statement

if TYPE_CHECKING:
    from onrecord.pipeline import Extractor

OK, FAILED, ERROR = 0, 1, 2
CONTENT_WIDTH = 80  # the table abridges content to this many characters
TABLE_WIDTH = 160  # console width for a table written to a file or pipe


class Format(str, Enum):
    """How ``extract`` writes what it found."""

    TABLE = "table"  # a table per article, for reading
    JSONL = "jsonl"  # one JSON object per statement
    POLNEAR_JSONL = "polnear-jsonl"  # one JSON object per article, in the scoring contract


def make_extractor(model: str) -> Extractor:
    """The extraction pipeline; imported here because loading spaCy is the slow part of starting up."""
    from onrecord.pipeline import Extractor

    return Extractor(model)


def domain_errors() -> tuple[type[Exception], ...]:
    """Errors that stop a run with a one-line message (evaluated only when an exception is raised)."""
    from onrecord.nlp.roles import MissingModel

    return (MissingModel,)


# --- messages --------------------------------------------------------------------------------------


def error(message: object) -> int:
    click.echo(f"onrecord: error: {message}", err=True)
    return ERROR


def report_failure(failure: Failure) -> None:
    click.echo(f"onrecord: {failure}", err=True)


class FailureLog(list):
    """A run's failures: each is reported on stderr as it comes, and kept for the summary."""

    def __call__(self, failure: Failure) -> None:
        report_failure(failure)
        self.append(failure)


def os_error_message(problem: OSError) -> str:
    """``<file>: <why>`` when the error names a file, else the error's own words."""
    if problem.filename is not None and problem.strerror:
        return f"{problem.filename}: {problem.strerror}"
    return str(problem)


def closed_pipe() -> int:
    """The reader of stdout went away (``onrecord extract … | head``): stop quietly."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the final flush cannot fail again
    except (OSError, ValueError):
        pass
    return FAILED


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


@contextmanager
def output_stream(path: Path | None) -> Iterator[TextIO]:
    """stdout, or ``path`` opened for writing UTF-8 text (an OSError says why it cannot be)."""
    if path is None:
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8") as handle:
        yield handle


# --- extract ---------------------------------------------------------------------------------------


def extract(
    paths: Iterable[str | Path],
    format: Format = Format.TABLE,
    output: Path | None = None,
    published: date | None = None,
    model: str = "fast",
    jobs: int = 1,
) -> int:
    """Extract statements from the files and directories in ``paths`` and write them in ``format``."""
    failures = FailureLog()
    articles = statements = 0
    write = WRITERS[Format(format)]
    try:
        extractor = make_extractor(model)
        with output_stream(output) as stream:
            articles_read = _articles(read_sources(paths, ReadOptions(published=published)), failures)
            found = extractor.extract_articles(articles_read, jobs=jobs)
            for article, article_statements in found:
                if isinstance(article_statements, Failure):
                    failures(article_statements)
                    continue
                write(stream, article, article_statements)
                articles += 1
                statements += len(article_statements)
    except BrokenPipeError:
        return closed_pipe()
    except OSError as problem:
        return error(os_error_message(problem))
    except domain_errors() as problem:
        return error(problem)
    summary = f"{plural(articles, 'article')}, {plural(statements, 'statement')}, {len(failures)} failed"
    click.echo(summary, err=True)
    return FAILED if failures else OK


def _articles(items: Iterable[Article | Failure], failures: FailureLog) -> Iterator[Article]:
    """The articles among ``items``; the failures go to ``failures``."""
    for item in items:
        if isinstance(item, Failure):
            failures(item)
        else:
            yield item


def write_jsonl(stream: TextIO, article: Article, statements: list[Statement]) -> None:
    for statement in statements:
        record = {
            "article": article.id,
            "origin": article.origin,
            "published": article.published.isoformat() if article.published else None,
            **statement.to_json(article.text),
        }
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_polnear_jsonl(stream: TextIO, article: Article, statements: list[Statement]) -> None:
    record = polnear_eval.prediction_record(article.id, statements)
    stream.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_table(stream: TextIO, article: Article, statements: list[Statement]) -> None:
    is_terminal = getattr(stream, "isatty", lambda: False)()
    console = Console(file=stream, width=None if is_terminal else TABLE_WIDTH)
    console.print(statement_table(article, statements))


WRITERS: dict[Format, Callable[[TextIO, Article, list[Statement]], None]] = {
    Format.TABLE: write_table,
    Format.JSONL: write_jsonl,
    Format.POLNEAR_JSONL: write_polnear_jsonl,
}


def statement_table(article: Article, statements: list[Statement]) -> Table:
    """One article's statements as a table, in text order; cell text is never read as markup."""
    published = article.published.isoformat() if article.published else "undated"
    title = Text(f"{article.id} · {published} · {plural(len(statements), 'statement')}")
    table = Table(title=title, title_justify="left", expand=False)
    for name in ("speaker", "kind", "cue", "content", "channel", "said on"):
        table.add_column(name, overflow="fold")
    table.add_column("conf", justify="right")
    text = article.text
    for statement in statements:
        table.add_row(
            *(
                Text(cell)
                for cell in (
                    speaker_label(statement, text),
                    statement.kind.value,
                    " … ".join(span.text(text) for span in statement.cue),
                    abridge(statement.content_text(text)),
                    statement.channel or "",
                    said_on_label(statement),
                    f"{statement.confidence:.2f}",
                )
            )
        )
    return table


def speaker_label(statement: Statement, text: str) -> str:
    if statement.speaker is not None:
        return statement.speaker.name
    return " … ".join(span.text(text) for span in statement.source) or "—"


def said_on_label(statement: Statement) -> str:
    said_on = statement.said_on
    if said_on is None:
        return ""
    if said_on.start == said_on.end:
        return said_on.start.isoformat()
    return f"{said_on.start.isoformat()} – {said_on.end.isoformat()}"


def abridge(text: str, width: int = CONTENT_WIDTH) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis when longer."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


# --- eval ------------------------------------------------------------------------------------------


def eval_polnear(directory: Path, model: str = "fast", predictions: Path | None = None, jobs: int = 1) -> int:
    """Extract from ``directory/text``, score against its gold annotations, print the report."""
    if not (directory / "text").is_dir():
        return error(f"{directory}: not a PolNeAR split (no text/ folder)")
    try:
        gold = polnear_eval.load_gold(directory)
        extractor = make_extractor(model)
        failures = FailureLog()
        found = polnear_eval.predictions_for_split(directory, extractor, jobs=jobs, on_failure=failures)
        records = list(found)
        if predictions is not None:
            with output_stream(predictions) as stream:
                stream.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    except OSError as problem:
        return error(os_error_message(problem))
    except domain_errors() as problem:
        return error(problem)
    result = polnear_eval.score(gold, polnear_eval.predictions_by_id(records))
    click.echo(polnear_eval.format_report(result))
    return FAILED if failures else OK


def eval_positions(corpus: Path, labels: Path, model: str = "fast", jobs: int = 1) -> int:
    """Score positions, shifts and the registry of ``corpus`` against ``labels``; print JSON."""
    from sqlalchemy.exc import SQLAlchemyError

    from onrecord.eval.positions import evaluate_corpus

    if not (corpus / "text").is_dir():
        return error(f"{corpus}: not a PolNeAR-style folder (no text/ folder)")
    if not (labels / "questions.jsonl").is_file():
        return error(f"{labels}: no questions.jsonl")
    try:
        result = evaluate_corpus(corpus, labels, lambda: make_extractor(model), jobs)
    except OSError as problem:
        return error(os_error_message(problem))
    except (KeyError, ValueError) as problem:
        return error(f"{labels}: labels do not fit the corpus or the format ({problem})")
    except (SQLAlchemyError, *domain_errors()) as problem:
        return error(problem)
    click.echo(json.dumps(result, indent=2))
    return OK


# --- version ---------------------------------------------------------------------------------------


def version() -> int:
    click.echo(f"onrecord {package_version('onrecord')}")
    click.echo(f"spaCy {package_version('spacy')}, Python {sys.version.split()[0]}")
    return OK


def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "(not installed)"
