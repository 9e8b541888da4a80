"""How far PolNeAR's annotators agree with each other, in the reference scorer's figures.

usage: python bench/annotator_agreement.py ../shared/corpora/polnear/train [../shared/corpora/polnear/dev]
       python bench/annotator_agreement.py ../shared/corpora/polnear/dev --predictions PRED.jsonl

A few PolNeAR articles were annotated by several people (train: 16 articles with 5 or 6 annotation
files; dev: 2 with 6). For each such article every annotator is scored against every other one, as
if one were gold and the other onrecord, with the metrics of ``onrecord eval polnear``; the counts are
pooled over articles and ordered pairs (so the figure is symmetric in precision and recall). It is the
ceiling a tagger trained on one annotator per article can be expected to reach, and the yardstick for
the targets of the attribution engine. With ``--predictions`` (as written by ``onrecord eval polnear
--predictions``) onrecord is scored against every annotator of the same articles, pooled the same way,
for a like-for-like comparison. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path

from onrecord.eval.polnear import (
    Counts,
    count_article,
    drop_forward_references,
    figures,
    format_report,
    predictions_by_id,
)
from onrecord.ingest.polnear import parse_ann, read_exact

ROLES = ("source", "cue", "content")


def annotations(ann_path: Path) -> list[dict]:
    """One annotator's attributions, read as the reference scorer reads gold."""
    ann = drop_forward_references(ann_path.read_text(encoding="utf-8"))
    return [{role: list(getattr(a, role)) for role in ROLES} for a in parse_ann(ann)]


def multiply_annotated(split: Path) -> list[tuple[str, str, list[list[dict]]]]:
    """(name, text, each annotator's attributions) for every article with two annotation files or more."""
    articles = []
    for text_path in sorted((split / "text").glob("*.txt")):
        ann_paths = sorted((split / "attributions").glob(f"{text_path.stem}_*.ann"))
        if len(ann_paths) >= 2:
            articles.append(
                (text_path.stem, read_exact(text_path), [annotations(path) for path in ann_paths])
            )
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("splits", type=Path, nargs="+")
    parser.add_argument(
        "--predictions", type=Path, help="also score these predictions against each annotator"
    )
    args = parser.parse_args()
    predicted = {}
    if args.predictions:
        with args.predictions.open(encoding="utf-8") as lines:
            predicted = predictions_by_id(json.loads(line) for line in lines if line.strip())
    for split in args.splits:
        articles = multiply_annotated(split)
        annotators = sum(len(a) for _, _, a in articles)
        print(f"{split}: {len(articles)} articles with {annotators} annotation files")
        between = Counts()
        for _, text, annotations_of in articles:
            for gold, other in itertools.permutations(annotations_of, 2):
                count_article(text, gold, other, between)
        print("annotator against annotator, every ordered pair:")
        print(format_report(figures(between, len(articles))))
        if predicted:
            against = Counts()
            for name, text, annotations_of in articles:
                for gold in annotations_of:
                    count_article(text, gold, predicted.get(name, []), against)
            print(f"onrecord ({args.predictions.name}) against each annotator:")
            print(format_report(figures(against, len(articles))))


if __name__ == "__main__":
    main()
