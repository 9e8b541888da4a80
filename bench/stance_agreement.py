"""How far a second, blind reading of the dev positions agrees with our stance labels, and how many of
onrecord's unlabelled links bear on their question.

usage: python bench/stance_agreement.py eval/polnear-dev

Reads ``stance.jsonl`` and ``second_reading.jsonl`` of a labels folder. The second reading is described
in eval/polnear-dev/README.md. It holds two kinds of row:

* ``labelled``: true for the labelled statements. The second reader judged whether each one bears on
  its question, and if so its stance. They are scored against ``stance.jsonl`` with the metrics of
  ``onrecord eval positions``. A statement the second reader says does not bear counts as a miss, as
  an unlinked statement does for onrecord.
* ``labelled``: false for a random sample of onrecord's links, on the labelled questions, that match
  no labelled statement. The share of them that bear is what ``link_precision`` (labelled links only)
  leaves out.

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from onrecord.eval.positions import macro_f1, read_labels


def key(row: dict) -> tuple:
    return row["article"], row["question_id"], json.dumps(row["content"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", type=Path, help="folder with stance.jsonl and second_reading.jsonl")
    args = parser.parse_args(argv)
    second = read_labels(args.labels / "second_reading.jsonl")
    read = {key(row): row["stance"] if row["bears"] else None for row in second if row["labelled"]}
    labels = read_labels(args.labels / "stance.jsonl")
    gold = [label["stance"] for label in labels]
    stances = [read[key(label)] for label in labels]
    covered = [(g, s) for g, s in zip(gold, stances) if s is not None]
    unlabelled = [row for row in second if not row["labelled"]]
    bearing = sum(row["bears"] for row in unlabelled)
    print(
        f"labelled statements {len(gold)}; the second reading says {len(covered)} bear "
        f"({len(covered) / len(gold):.3f})"
    )
    agreed = sum(g == s for g, s in zip(gold, stances))
    print(
        f"agreement, a 'does not bear' as a miss: accuracy {agreed / len(gold):.3f}, "
        f"macro-F1 {macro_f1(gold, stances):.3f}"
    )
    agreed = sum(g == s for g, s in covered)
    print(
        f"on the statements both read as bearing: accuracy {agreed / len(covered):.3f}, "
        f"macro-F1 {macro_f1([g for g, _ in covered], [s for _, s in covered]):.3f}"
    )
    print(
        f"onrecord links matching no labelled statement, sampled: {len(unlabelled)}; bearing on their "
        f"question: {bearing} ({bearing / len(unlabelled):.3f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
