"""The ``onrecord`` command line, with a fake extractor (no model needed)."""

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onrecord.cli import run
from onrecord.cli.main import app
from onrecord.model import DateRange, Failure, Kind, Span, Speaker, Statement
from onrecord.nlp.roles import MissingModel

KIRBY = 'date 2024-05-28\n\n"We are ready," Kirby said at a briefing.\n'
NOBODY = "Nothing was said here.\n"
LONG = "Officials said " + "the offensive would continue for many weeks and then stop " * 3 + ".\n"


class FakeExtractor:
    """One statement per article containing a double quote, one per LONG-like article, none otherwise."""

    def __init__(self, model: str = "fast") -> None:
        self.model = model
        self.jobs = None

    def extract_article(self, article):
        text = article.text
        if '"We are ready,"' in text:
            start = text.index('"We')
            kirby = text.index("Kirby")
            return [
                Statement(
                    content=(Span(start, start + len('"We are ready,"')),),
                    cue=(Span(kirby + 6, kirby + 10),),
                    source=(Span(kirby, kirby + 5),),
                    kind=Kind.DIRECT,
                    speaker=Speaker("John Kirby", "Kirby", entity_id="e1"),
                    channel="press briefing",
                    said_on=DateRange(date(2024, 5, 28), date(2024, 5, 28), "article date"),
                    confidence=0.9,
                )
            ]
        if text.startswith("Officials said"):
            return [
                Statement(
                    content=(Span(15, len(text) - 2),),
                    cue=(Span(10, 14),),
                    source=(),
                    kind=Kind.INDIRECT,
                    said_on=DateRange(date(2024, 5, 1), date(2024, 5, 3), "week"),
                )
            ]
        return []

    def extract_articles(self, articles, jobs=1):
        self.jobs = jobs
        for article in articles:
            yield article, self.extract_article(article)


@pytest.fixture
def extractor(monkeypatch) -> FakeExtractor:
    fake = FakeExtractor()
    monkeypatch.setattr(run, "make_extractor", lambda model: fake)
    return fake


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    write(folder / "kirby.txt", KIRBY)
    write(folder / "nobody.txt", NOBODY)
    write(folder / "long.txt", LONG)
    return folder


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_help_lists_the_verbs(runner):
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for verb in ("extract", "eval", "version"):
        assert verb in result.stdout


def test_version(runner):
    result = runner.invoke(app, ["version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("onrecord ")


def test_table_is_the_default(runner, extractor, articles):
    result = runner.invoke(app, ["extract", str(articles)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for expected in ("kirby", "2024-05-28", "John Kirby", "direct", "We are ready", "press briefing", "0.90"):
        assert expected in out
    assert "nobody" in out and "0 statements" in out
    assert "2024-05-01 – 2024-05-03" in out
    assert "…" in out  # the long content is abridged
    assert "many weeks and then stop the offensive would continue for many weeks and then stop" not in out
    assert result.stderr.strip() == "3 articles, 2 statements, 0 failed"


def test_jsonl_is_one_record_per_statement(runner, extractor, articles):
    result = runner.invoke(app, ["extract", str(articles), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = jsonl(result.stdout)
    assert [r["article"] for r in records] == ["kirby", "long"]
    kirby = records[0]
    assert kirby["origin"] == str(articles / "kirby.txt")
    assert kirby["published"] == "2024-05-28"
    assert kirby["text"]["content"] == '"We are ready,"'
    assert KIRBY[slice(*kirby["content"][0])] == '"We are ready,"'
    assert kirby["speaker"]["name"] == "John Kirby" and kirby["kind"] == "direct"
    assert records[1]["published"] is None and records[1]["speaker"] is None


def test_polnear_jsonl_is_one_line_per_article(runner, extractor, articles):
    result = runner.invoke(app, ["extract", str(articles), "--format", "polnear-jsonl"])
    assert result.exit_code == 0, result.output
    records = jsonl(result.stdout)
    assert [r["id"] for r in records] == ["kirby", "long", "nobody"]
    attribution = records[0]["attributions"][0]
    assert list(attribution)[:3] == ["source", "cue", "content"]
    assert KIRBY[slice(*attribution["source"][0])] == "Kirby"
    assert KIRBY[slice(*attribution["cue"][0])] == "said"
    assert attribution["channel"] == "press briefing" and attribution["confidence"] == 0.9
    assert records[1]["attributions"][0]["source"] == []
    assert records[2]["attributions"] == []


def test_output_file(runner, extractor, articles, tmp_path):
    target = tmp_path / "out" / "found.jsonl"
    target.parent.mkdir()
    result = runner.invoke(app, ["extract", str(articles), "--format", "jsonl", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert [r["article"] for r in jsonl(target.read_text(encoding="utf-8"))] == ["kirby", "long"]


def test_table_to_output_file(runner, extractor, articles, tmp_path):
    target = tmp_path / "table.txt"
    result = runner.invoke(app, ["extract", str(articles / "kirby.txt"), "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert "John Kirby" in target.read_text(encoding="utf-8")


def test_unwritable_output_is_a_one_line_error(runner, extractor, articles, tmp_path):
    target = tmp_path / "no" / "such" / "dir" / "out.jsonl"
    result = runner.invoke(app, ["extract", str(articles), "-o", str(target)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"onrecord: error: {target}: No such file or directory"]


def test_published_overrides_the_date_line(runner, extractor, articles):
    result = runner.invoke(app, ["extract", str(articles), "--format", "jsonl", "--published", "2024-06-01"])
    assert result.exit_code == 0, result.output
    assert {r["published"] for r in jsonl(result.stdout)} == {"2024-06-01"}


def test_bad_published_date_is_a_usage_error(runner, extractor, articles):
    result = runner.invoke(app, ["extract", str(articles), "--published", "yesterday"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_jobs_reach_the_extractor(runner, extractor, articles):
    result = runner.invoke(app, ["extract", str(articles), "--jobs", "3", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert extractor.jobs == 3


def test_bad_inputs_are_reported_and_the_rest_processed(runner, extractor, tmp_path):
    good = write(tmp_path / "good.txt", KIRBY)
    empty = write(tmp_path / "empty.txt", b"")
    binary = write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    missing = tmp_path / "missing.txt"
    args = ["extract", str(empty), str(good), str(binary), str(missing), "--format", "jsonl"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert [r["article"] for r in jsonl(result.stdout)] == ["good"]
    lines = result.stderr.splitlines()
    assert lines[0] == f"onrecord: {empty}: empty (zero bytes)"
    assert lines[1].startswith(f"onrecord: {binary}: binary (")
    assert lines[2] == f"onrecord: {missing}: missing (no such file)"
    assert lines[3] == "1 article, 1 statement, 3 failed"
    assert len(lines) == 4
    assert "Traceback" not in result.output


@pytest.fixture
def failing_on_kirby(monkeypatch, extractor) -> FakeExtractor:
    """The fake, giving a Failure in place of the statements of an article quoting Kirby."""

    def extract_articles(articles, jobs=1):
        for article in articles:
            failed = Failure(article.origin, "extraction failed", "RuntimeError: boom")
            yield article, failed if "Kirby" in article.text else extractor.extract_article(article)

    monkeypatch.setattr(extractor, "extract_articles", extract_articles)
    return extractor


def test_an_article_whose_extraction_fails_is_reported_and_the_rest_written(
    runner, failing_on_kirby, articles
):
    result = runner.invoke(app, ["extract", str(articles), "--format", "jsonl"])
    assert result.exit_code == 1
    assert [r["article"] for r in jsonl(result.stdout)] == ["long"]
    assert result.stderr.splitlines() == [
        f"onrecord: {articles / 'kirby.txt'}: extraction failed (RuntimeError: boom)",
        "2 articles, 1 statement, 1 failed",
    ]


def test_all_good_inputs_exit_zero(runner, extractor, articles):
    result = runner.invoke(app, ["extract", str(articles / "kirby.txt"), str(articles / "long.txt")])
    assert result.exit_code == 0
    assert result.stderr.strip() == "2 articles, 2 statements, 0 failed"


def test_missing_model_is_a_one_line_error(runner, monkeypatch, articles):
    def missing(model):
        raise MissingModel(f"role tagger 'roles-{model}' not found; run `make train` to build it")

    monkeypatch.setattr(run, "make_extractor", missing)
    result = runner.invoke(app, ["extract", str(articles)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "onrecord: error: role tagger 'roles-fast' not found; run `make train` to build it"
    ]
    assert result.stdout == ""
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


def test_missing_model_in_eval(runner, monkeypatch, tmp_path):
    write(tmp_path / "split" / "text" / "a.txt", KIRBY)

    def missing(model):
        raise MissingModel("role tagger not found")

    monkeypatch.setattr(run, "make_extractor", missing)
    result = runner.invoke(app, ["eval", "polnear", str(tmp_path / "split")])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["onrecord: error: role tagger not found"]


# --- eval polnear -----------------------------------------------------------------------------------


@pytest.fixture
def split(tmp_path: Path) -> Path:
    root = tmp_path / "polnear" / "dev"
    write(root / "text" / "kirby.txt", KIRBY)
    write(root / "text" / "nobody.txt", NOBODY)
    start, kirby = KIRBY.index('"We'), KIRBY.index("Kirby")
    ann = "\n".join(
        [
            f"T1\tSource {kirby} {kirby + 5}\tKirby",
            f"T2\tCue {kirby + 6} {kirby + 10}\tsaid",
            f"T3\tContent {start} {start + 15}\t\"We are ready,\"",
            "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3",
        ]
    )
    write(root / "attributions" / "kirby_ab12.ann", ann)
    write(root / "attributions" / "nobody_ab12.ann", "")
    return root


def test_eval_polnear_prints_the_report(runner, extractor, split, tmp_path):
    predictions = tmp_path / "predictions.jsonl"
    result = runner.invoke(app, ["eval", "polnear", str(split), "--predictions", str(predictions)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[-4] == "attr     P 1.000 R 1.000 F1 1.000"
    assert [line.split()[0] for line in lines[-4:]] == ["attr", "partial", "exact", "span_exact"]
    figures = json.loads(next(line for line in lines if line.startswith("{")))
    assert figures["articles"] == 2 and figures["gold"] == 1 and figures["pred"] == 1
    assert [r["id"] for r in jsonl(predictions.read_text(encoding="utf-8"))] == ["kirby", "nobody"]


def test_eval_polnear_scores_a_failed_article_as_found_empty_and_says_so(runner, failing_on_kirby, split):
    result = runner.invoke(app, ["eval", "polnear", str(split)])
    assert result.exit_code == 1
    kirby = split / "text" / "kirby.txt"
    assert result.stderr.splitlines() == [f"onrecord: {kirby}: extraction failed (RuntimeError: boom)"]
    figures = json.loads(next(line for line in result.stdout.splitlines() if line.startswith("{")))
    assert (figures["articles"], figures["gold"], figures["pred"]) == (2, 1, 0)


def test_eval_polnear_needs_a_split(runner, extractor, tmp_path):
    result = runner.invoke(app, ["eval", "polnear", str(tmp_path)])
    assert result.exit_code == 2
    expected = f"onrecord: error: {tmp_path}: not a PolNeAR split (no text/ folder)"
    assert result.stderr.splitlines() == [expected]
