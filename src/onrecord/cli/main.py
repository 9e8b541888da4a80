"""The ``onrecord`` command: verbs and their options only. Docstrings are the help; the work is in ``run``."""

from datetime import datetime
from pathlib import Path
from typing import Annotated, Optional

import typer

from onrecord.cli import run

app = typer.Typer(
    name="onrecord",
    help="Find who said what, when, and through which channel, in news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
eval_app = typer.Typer(help="Score extraction against annotated corpora.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

Model = Annotated[str, typer.Option(help="Extraction model.")]
Jobs = Annotated[int, typer.Option(min=1, help="Worker processes for extraction.")]


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Text files, or directories of .txt/.md files.")],
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


@app.command()
def version() -> None:
    """Show the onrecord, spaCy and Python versions."""
    raise typer.Exit(run.version())
