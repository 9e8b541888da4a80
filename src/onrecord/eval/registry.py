"""Score the speaker registry against labelled mentions: pairwise precision, recall and F1.

Takes the labels of ``speaker_mentions.jsonl`` (``shared/spec/positions-format.md``: one source mention
a line, ``{"article": NAME, "source": [[s, e]], "entity": "The Washington Post"}``; an anonymous source
is ``"ANON:<description> [article]"``, equal to no other entity) and the registry id onrecord gives each
mention (:func:`resolve_mentions`: the id of the statement whose source overlaps the mention most, None
when none does). Gives :class:`PairScores`: over all pairs of mentions, a pair is *merged* when both
have the same id and *should be* when both have the same entity.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Hashable, Mapping, Sequence

from onrecord.model import Span

DIGITS = 3  # reported figures are rounded to this many places, as in onrecord.eval.polnear


@dataclass(frozen=True, slots=True)
class LabelledMention:
    article: str
    source: tuple[Span, ...]
    entity: str


@dataclass(frozen=True, slots=True)
class PairScores:
    precision: float
    recall: float
    f1: float
    labelled_pairs: int  # pairs of mentions of one entity
    merged_pairs: int  # pairs onrecord gives one id
    correct_pairs: int  # both

    def to_json(self) -> dict:
        return {
            "precision": round(self.precision, DIGITS),
            "recall": round(self.recall, DIGITS),
            "f1": round(self.f1, DIGITS),
            "labelled_pairs": self.labelled_pairs,
            "merged_pairs": self.merged_pairs,
            "correct_pairs": self.correct_pairs,
        }


def read_speaker_mentions(path: Path | str) -> list[LabelledMention]:
    mentions = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                record = json.loads(line)
                source = tuple(Span(start, end) for start, end in record["source"])
                mentions.append(LabelledMention(record["article"], source, record["entity"]))
    return mentions


def resolve_mentions(
    mentions: Sequence[LabelledMention], sources: Mapping[str, Sequence[tuple[Sequence[Span], Hashable]]]
) -> list[Hashable | None]:
    """The speaker id of each mention: ``sources`` gives, per article, each statement's source spans and
    its registry id; the statement whose source overlaps the mention by the most characters wins."""

    def overlap(a: Sequence[Span], b: Sequence[Span]) -> int:
        return sum(max(0, min(x.end, y.end) - max(x.start, y.start)) for x in a for y in b)

    resolved = []
    for mention in mentions:
        scored = [
            (overlap(mention.source, spans), speaker) for spans, speaker in sources.get(mention.article, ())
        ]
        best = max(scored, key=lambda pair: pair[0], default=(0, None))
        resolved.append(best[1] if best[0] > 0 else None)
    return resolved


def pairwise_scores(entities: Sequence[str], predicted: Sequence[Hashable | None]) -> PairScores:
    """Pairwise merge scores of ``predicted`` ids against labelled ``entities`` (one of each per mention,
    in the same order). A mention without an id merges with nothing; a measure with no pairs to judge
    (nothing merged, or nothing to merge) is 1.0."""
    if len(entities) != len(predicted):
        raise ValueError(f"{len(entities)} labelled mentions but {len(predicted)} predictions")

    def pairs(counts: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    labelled = pairs(Counter(entities))
    merged = pairs(Counter(p for p in predicted if p is not None))
    correct = pairs(Counter((e, p) for e, p in zip(entities, predicted) if p is not None))
    precision = correct / merged if merged else 1.0
    recall = correct / labelled if labelled else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PairScores(precision, recall, f1, labelled, merged, correct)
