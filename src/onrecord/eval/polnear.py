"""Score extracted attributions against PolNeAR gold, giving the reference scorer's figures.

Takes a split directory (``text/NAME.txt`` plus brat standoff ``attributions/NAME_<annotator>.ann``) and
predictions in the scoring contract of ``shared/spec/attribution-format.md``::

    {"id": NAME, "attributions": [{"source": [[s, e]] | [] | null, "cue": [[s, e]], "content": [[s, e]]}]}

and gives the same figures, under the same keys and with the same rounding, as
``shared/tools/polnear_score.py``, so ``onrecord eval polnear`` and the reference agree on any
predictions. The metric definitions live in :func:`score`; everything else here is plumbing:
:func:`load_gold` reads gold the way the reference does, :func:`predictions_for_split` runs an
extractor over a split's texts, :func:`format_report` renders the figures.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Sequence

from onrecord.ingest import read_sources
from onrecord.ingest.polnear import parse_ann, read_split
from onrecord.model import Article, ArticleExtractor, Failure, Statement

ROLES = ("source", "cue", "content")
WORD = re.compile(r"\w+")  # a word token, identified by its start offset
MIN_JACCARD = 0.5  # content pairs below this word-token Jaccard do not count as found
DIGITS = 3  # every reported figure is rounded to this many places

Record = Mapping  # one attribution: role -> [[start, end], ...] or None, plus extras the scorer ignores
Gold = dict[str, tuple[str, list[dict]]]  # article name -> (text, gold attribution records)
Predictions = Mapping[str, Sequence[Record]]  # article name -> predicted attribution records


# --- word tokens and span pieces -------------------------------------------------------------------


def word_tokens(text: str, spans: Iterable[Sequence[int]] | None) -> set[int]:
    r"""Start offsets of the ``\w+`` tokens within the spans (a word cut by a span edge starts there)."""
    return {match.start() for start, end in spans or () for match in WORD.finditer(text, start, end)}


def span_pieces(text: str, spans: Iterable[Sequence[int]] | None) -> set[tuple[int, int]]:
    """Each contiguous piece as (start of its first word token, start of its last); wordless ones dropped."""
    pieces = set()
    for start, end in spans or ():
        starts = [match.start() for match in WORD.finditer(text, start, end)]
        if starts:
            pieces.add((starts[0], starts[-1]))
    return pieces


def role_tokens(text: str, record: Record) -> dict[str, set[int]]:
    return {role: word_tokens(text, record.get(role)) for role in ROLES}


# --- counting --------------------------------------------------------------------------------------


def f1(precision: float, recall: float) -> float:
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def ratio(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


@dataclass(slots=True)
class Overlap:
    """Items found in both, predicted, and gold, summed over articles; for token and span-piece F1."""

    both: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, predicted: set, gold: set) -> None:
        self.both += len(predicted & gold)
        self.predicted += len(predicted)
        self.gold += len(gold)

    def f1(self) -> float:
        return f1(ratio(self.both, self.predicted), ratio(self.both, self.gold))


def _per_role() -> dict[str, Overlap]:
    return {role: Overlap() for role in ROLES}


@dataclass(slots=True)
class Counts:
    """Attribution counts (``partial`` to ``cue`` count content pairs) and per-role overlaps."""

    gold: int = 0
    pred: int = 0
    partial: int = 0  # content pairs with word-token Jaccard >= MIN_JACCARD
    exact: int = 0  # ... whose content token sets are identical
    attr: int = 0  # ... whose sources share a token, or both have none
    cue: int = 0  # ... whose cues share a token
    tokens: dict[str, Overlap] = field(default_factory=_per_role)
    pieces: dict[str, Overlap] = field(default_factory=_per_role)


def _union(sets: Iterable[set]) -> set:
    return set().union(*sets)


def pair_contents(predicted: Sequence[set[int]], gold: Sequence[set[int]]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (predicted index, gold index) by content Jaccard, highest first.

    Candidates sort by ``(jaccard, i, j)`` descending, so a tie goes to the later prediction, then the
    later gold attribution, exactly as the reference breaks it.
    """
    candidates = sorted(
        (
            (len(p & g) / len(p | g), i, j)
            for i, p in enumerate(predicted)
            for j, g in enumerate(gold)
            if p & g
        ),
        reverse=True,
    )
    used_predicted: set[int] = set()
    used_gold: set[int] = set()
    pairs = []
    for jaccard, i, j in candidates:
        if jaccard < MIN_JACCARD:
            break  # sorted descending: nothing later qualifies
        if i in used_predicted or j in used_gold:
            continue
        used_predicted.add(i)
        used_gold.add(j)
        pairs.append((i, j))
    return pairs


def count_article(text: str, gold: Sequence[Record], predicted: Sequence[Record], counts: Counts) -> None:
    """Add one article's figures to ``counts``."""
    gold_tokens = [role_tokens(text, record) for record in gold]
    # A prediction whose content holds no word token is not an attribution at all ...
    all_pred_tokens = (role_tokens(text, record) for record in predicted)
    pred_tokens = [tokens for tokens in all_pred_tokens if tokens["content"]]
    # ... but span pieces count every prediction that gives content spans, wordless or not (as the reference).
    with_content = [record for record in predicted if record.get("content")]
    counts.gold += len(gold_tokens)
    counts.pred += len(pred_tokens)
    for role in ROLES:
        counts.tokens[role].add(
            _union(tokens[role] for tokens in pred_tokens), _union(tokens[role] for tokens in gold_tokens)
        )
        counts.pieces[role].add(
            _union(span_pieces(text, record.get(role)) for record in with_content),
            _union(span_pieces(text, record.get(role)) for record in gold),
        )
    for i, j in pair_contents([p["content"] for p in pred_tokens], [g["content"] for g in gold_tokens]):
        p, g = pred_tokens[i], gold_tokens[j]
        counts.partial += 1
        counts.exact += p["content"] == g["content"]
        counts.attr += bool(p["source"] & g["source"]) or (not p["source"] and not g["source"])
        counts.cue += bool(p["cue"] & g["cue"])


def figures(counts: Counts, articles: int) -> dict:
    """The reference scorer's result dict, same keys in the same order, same rounding."""
    result: dict = {"articles": articles, "gold": counts.gold, "pred": counts.pred}
    for key in ("partial", "exact", "attr"):
        found = getattr(counts, key)
        precision, recall = ratio(found, counts.pred), ratio(found, counts.gold)
        result[key] = {
            "p": round(precision, DIGITS),
            "r": round(recall, DIGITS),
            "f1": round(f1(precision, recall), DIGITS),
        }
    result["cue_agree_on_matched"] = round(ratio(counts.cue, counts.partial), DIGITS)
    for role in ROLES:
        result["token_" + role] = round(counts.tokens[role].f1(), DIGITS)
    for role in ROLES:
        result["span_exact_" + role] = round(counts.pieces[role].f1(), DIGITS)
    return result


def score(gold: Gold, predictions: Predictions) -> dict:
    """Score predictions against gold. Predictions for articles not in gold are ignored; a gold article
    without predictions counts as predicting nothing."""
    counts = Counts()
    for name, (text, gold_records) in gold.items():
        count_article(text, gold_records, predictions.get(name, []), counts)
    return figures(counts, len(gold))


# --- gold ------------------------------------------------------------------------------------------


def load_gold(split_dir: str | Path) -> Gold:
    """Gold as the reference scorer reads it: only articles with an annotation file, the first annotator's.

    Texts come from :func:`~onrecord.ingest.polnear.read_split`. The annotations are parsed again
    because the reference resolves an event argument only to a span defined *above* the event line,
    while ``read_split`` resolves forward references too (a few PolNeAR files add a ``Content2`` span
    after its event); scoring must see what the reference sees.
    """
    split_dir = Path(split_dir)
    gold: Gold = {}
    for article in read_split(split_dir):
        annotations = sorted((split_dir / "attributions").glob(f"{article.name}_*.ann"))
        if not annotations:
            continue
        ann = drop_forward_references(annotations[0].read_text(encoding="utf-8"))
        gold[article.name] = (
            article.text,
            [{role: list(getattr(a, role)) for role in ROLES} for a in parse_ann(ann)],
        )
    return gold


def drop_forward_references(ann: str) -> str:
    """The brat standoff with every event argument that names a span not yet defined removed."""
    defined: set[str] = set()
    lines = []
    for line in ann.splitlines():
        fields = line.split("\t")
        ident = fields[0]
        if len(fields) >= 2 and ident.startswith("T"):
            defined.add(ident)
        elif len(fields) >= 2 and ident.startswith("E"):
            args = [arg for arg in fields[1].split() if ":" not in arg or arg.split(":", 1)[1] in defined]
            line = "\t".join([ident, " ".join(args), *fields[2:]])
        lines.append(line)
    return "\n".join(lines)


# --- predictions -----------------------------------------------------------------------------------


def attribution_record(statement: Statement) -> dict:
    """One statement in the scoring contract: source, cue and content offsets first, then the extras."""
    record = statement.to_json()
    return {role: record.pop(role) for role in ROLES} | record


def prediction_record(article_id: str, statements: Iterable[Statement]) -> dict:
    """One article's line of the scoring JSONL. Reported past positions are left out: they lie inside
    another statement's content, and PolNeAR does not nest attributions."""
    return {
        "id": article_id,
        "attributions": [attribution_record(s) for s in statements if s.reported_by is None],
    }


def split_articles(split_dir: str | Path) -> Iterator[Article]:
    """Each ``text/NAME.txt`` of a split as an article (id NAME, text as stored, dated by metadata.tsv).

    A text that cannot be read stops the evaluation: scoring without it would be silently wrong.
    """
    for item in read_sources([split_dir]):
        if isinstance(item, Failure):
            raise OSError(str(item))
        yield item


def predictions_for_split(
    split_dir: str | Path,
    extractor: ArticleExtractor,
    jobs: int = 1,
    on_failure: Callable[[Failure], None] | None = None,
) -> Iterator[dict]:
    """Run ``extractor`` over a split's texts; one scoring-contract record per article, in name order.

    An article whose extraction failed is scored as what the system gave for it, no attributions, and
    passed to ``on_failure``.
    """
    for article, found in extractor.extract_articles(split_articles(split_dir), jobs=jobs):
        if isinstance(found, Failure):
            if on_failure is not None:
                on_failure(found)
            found = []
        yield prediction_record(article.id, found)


def predictions_by_id(records: Iterable[Mapping]) -> dict[str, list]:
    """Scoring-contract records keyed by article id, as the reference reads a JSONL file."""
    return {record["id"]: record.get("attributions", []) for record in records}


# --- report ----------------------------------------------------------------------------------------


def format_report(result: Mapping) -> str:
    """A readable report: the full reference JSON on one line, the headline figures as the last 4 lines."""

    def prf(key: str) -> str:
        figures = result[key]
        return f"{key:<8} P {figures['p']:.3f} R {figures['r']:.3f} F1 {figures['f1']:.3f}"

    def per_role(prefix: str) -> str:
        return " ".join(f"{role} {result[prefix + role]:.3f}" for role in ROLES)

    return "\n".join(
        [
            f"PolNeAR: {result['articles']} articles, {result['gold']} gold attributions, "
            f"{result['pred']} predicted",
            f"cue agreement on matched pairs {result['cue_agree_on_matched']:.3f}",
            f"token F1   {per_role('token_')}",
            json.dumps(result),
            prf("attr"),
            prf("partial"),
            prf("exact"),
            f"span_exact {per_role('span_exact_')}",
        ]
    )
