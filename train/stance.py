"""Train the relevance and stance models of onrecord.positions.stance from labelled PolNeAR train.

    python train/stance.py ../shared/corpora/polnear/train train/positions src/onrecord/positions/stance_model.json \
        --threshold 0.85

Inputs: the corpus split (texts and gold attributions, for the content and cue text) and the labels in
``train/positions/`` (questions*.jsonl, stance*.jsonl, negatives*.jsonl: one file of each per labelling
batch; see its README). Pairs:

* every labelled statement with its question: relevant, with its stance;
* every labelled statement with each *other* question, and every negative with every question: not
  relevant (a few may be, unlabelled; the model tolerates that noise).

Features are :func:`onrecord.positions.stance.features` with the MiniLM cosines of question and content
(and article). Two scikit-learn logistic regressions (balanced class weights) are fitted on standardised features;
their coefficients go to a small JSON file, so inference needs neither scikit-learn nor pickles. The
relevance threshold is the one maximising F1 in cross-validation over unseen questions, unless
``--threshold`` gives one (``make train-stance`` passes the one selected on the dev labels, where
coverage and shift false alarms were weighed: see the README). Prints cross-validated
figures. Takes about a minute on CPU. Deterministic.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import NamedTuple

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report, f1_score
from sklearn.model_selection import GroupKFold, StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from onrecord.ingest.polnear import read_split
from onrecord.positions.embed import Embedder
from onrecord.positions.refresh import TOP
from onrecord.positions.stance import STANCES, Similarity, explicit_sense, features

# Relevance reads only how close statement and article are to the question: over questions left out of
# training, lexical signals and the embedding itself made it worse (see the model card in the README).
RELEVANCE_FEATURES = ("similarity", "article_mean", "article_top")


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def joined(text: str, spans) -> str:
    return " … ".join(text[s:e] for s, e in spans)


class Pair(NamedTuple):
    question: str
    content: str
    cue: str
    article: str


def load_pairs(corpus: Path, labels: Path) -> tuple[list[Pair], list[str]]:
    """(question, content, cue, article) pairs and their target: a stance, or "irrelevant"."""

    def every(pattern: str) -> list[dict]:  # a batch of labels is questions-X / stance-X / negatives-X
        return [row for path in sorted(labels.glob(pattern)) for row in read_jsonl(path)]

    questions = {q["question_id"]: q["question"] for q in every("questions*.jsonl")}
    stance_rows = every("stance*.jsonl")
    negatives = every("negatives*.jsonl")
    wanted = {row["article"] for row in stance_rows + negatives}
    articles = {gold.name: gold for gold in read_split(corpus) if gold.name in wanted}

    def statement(row: dict) -> tuple[str, str, str]:
        gold = articles[row["article"]]
        spans = [tuple(span) for span in row["content"]]
        match = next(a for a in gold.attributions if [tuple(s) for s in a.content] == spans)
        return joined(gold.text, spans), joined(gold.text, match.cue), row["article"]

    pairs, targets = [], []
    labelled: dict[tuple, set[str]] = {}
    for row in stance_rows:
        found = statement(row)
        pairs.append(Pair(questions[row["question_id"]], *found))
        targets.append(row["stance"])
        labelled.setdefault(found, set()).add(row["question_id"])
    for found, relevant in labelled.items():
        for qid, question in questions.items():
            if qid not in relevant:
                pairs.append(Pair(question, *found))
                targets.append("irrelevant")
    for row in negatives:
        found = statement(row)
        for question in questions.values():
            pairs.append(Pair(question, *found))
            targets.append("irrelevant")
    return pairs, targets


def feature_matrix(pairs: list[Pair], corpus: Path) -> tuple[np.ndarray, list[str]]:
    """The :func:`~onrecord.positions.stance.features` of every pair (rows) and their names (columns),
    with the MiniLM cosines of question and content, and of question and article."""
    embedder = Embedder()
    questions = sorted({p.question for p in pairs})
    contents = sorted({p.content for p in pairs})
    qv = dict(zip(questions, embedder.encode(questions)))
    cv = dict(zip(contents, embedder.encode(contents)))
    # an article's statements, for how close the article is to a question: its gold contents
    article_vectors = {
        gold.name: embedder.encode(
            [joined(gold.text, a.content) for a in gold.attributions] or [gold.text[:500]]
        )
        for gold in read_split(corpus)
        if gold.name in {p.article for p in pairs}
    }

    def similarity(pair: Pair) -> Similarity:
        near = np.sort(article_vectors[pair.article] @ qv[pair.question])
        return Similarity(
            float(qv[pair.question] @ cv[pair.content]), float(near.mean()), float(near[-TOP:].mean())
        )

    rows = [features(p.question, p.content, p.cue, similarity(p)) for p in pairs]
    names = list(rows[0])
    return np.array([[row[name] for name in names] for row in rows]), names


def question_groups(pairs: list[Pair]) -> np.ndarray:
    """Each pair's question as a number, for folds of whole questions."""
    questions = sorted({p.question for p in pairs})
    return np.array([questions.index(p.question) for p in pairs])


def fit(x: np.ndarray, y: np.ndarray) -> tuple[LogisticRegression, StandardScaler]:
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(class_weight="balanced", max_iter=2000, C=1.0).fit(scaler.transform(x), y)
    return model, scaler


def to_json(model: LogisticRegression, scaler: StandardScaler, names: list[str], embedding: bool) -> dict:
    return {
        "features": names,
        "embedding": embedding,
        "classes": [str(c) for c in model.classes_],
        "coef": model.coef_.round(6).tolist(),
        "intercept": model.intercept_.round(6).tolist(),
        "mean": [float(f"{v:.6g}") for v in scaler.mean_],  # significant digits: some scales are ~1e-8
        "scale": [float(f"{v:.6g}") for v in scaler.scale_],
    }


def cross_validated(
    x: np.ndarray, y: np.ndarray, method: str, groups: np.ndarray | None = None
) -> np.ndarray:
    """Out-of-fold predictions: 5 stratified folds, or 4 folds of whole groups (questions) when given,
    which is how relevance must generalise: to questions it was not trained on."""
    pipeline = make_pipeline(StandardScaler(), LogisticRegression(class_weight="balanced", max_iter=2000))
    if groups is not None:
        return cross_val_predict(pipeline, x, y, cv=GroupKFold(n_splits=4), groups=groups, method=method)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    return cross_val_predict(pipeline, x, y, cv=folds, method=method)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("labels", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument(
        "--threshold",
        type=float,
        default=None,
        help="relevance threshold to ship instead of the cross-validated one (selected on dev: README)",
    )
    args = parser.parse_args(argv)

    pairs, targets = load_pairs(args.corpus, args.labels)
    x, names = feature_matrix(pairs, args.corpus)
    relevance_names = [n for n in names if n in RELEVANCE_FEATURES]
    x_relevance = x[:, [names.index(n) for n in relevance_names]]
    y = np.array(targets)

    relevant = (y != "irrelevant").astype(int)
    by_question = question_groups(pairs)
    probability = cross_validated(x_relevance, relevant, "predict_proba", by_question)[:, 1]
    thresholds = np.linspace(0.3, 0.95, 66)
    scores = [f1_score(relevant, probability >= t) for t in thresholds]
    threshold = float(thresholds[int(np.argmax(scores))])
    similarities = x[:, names.index("similarity")]
    min_similarity = float(np.quantile(similarities[relevant == 1], 0.02))
    print(
        f"pairs {len(y)}, relevant {relevant.sum()}; relevance F1 over unseen questions (4 folds by question) "
        f"{max(scores):.3f} at p >= {threshold:.2f}"
    )
    print(f"min similarity (2nd percentile of relevant pairs): {min_similarity:.3f}")

    is_stance = relevant == 1
    for title, groups in (("random 5 folds", None), ("unseen questions, 4 folds by question", by_question)):
        predicted = cross_validated(
            x[is_stance], y[is_stance], "predict", groups[is_stance] if groups is not None else None
        )
        print(f"stance, cross-validated ({title}):")
        print(classification_report(y[is_stance], predicted, labels=list(STANCES), digits=3))

    senses = np.array([explicit_sense(p.content, p.cue, p.question) for p in pairs])
    explicit = is_stance & (senses != 0)
    said, labelled = senses[explicit], y[explicit]
    right = ((said > 0) & (labelled == "supports")) | ((said < 0) & (labelled == "opposes"))
    wrong_way = ((said > 0) & (labelled == "opposes")) | ((said < 0) & (labelled == "supports"))
    explicit_precision = float(right.mean())
    print(
        f"explicit readings: {explicit.sum()} of {is_stance.sum()} labelled statements, right {right.sum()}, "
        f"the other way {wrong_way.sum()}, neutral {explicit.sum() - right.sum() - wrong_way.sum()} "
        f"(precision {explicit_precision:.3f})"
    )
    relevance_model, relevance_scaler = fit(x_relevance, np.where(relevant == 1, "relevant", "irrelevant"))
    stance_model, stance_scaler = fit(x[is_stance], y[is_stance])
    artefact = {
        "trained_on": f"{args.labels} ({int(relevant.sum())} labelled statements, {len(y)} pairs)",
        "threshold": round(args.threshold if args.threshold is not None else threshold, 3),
        "min_similarity": round(min_similarity, 3),
        "explicit_precision": round(explicit_precision, 3),
        "relevance": to_json(relevance_model, relevance_scaler, relevance_names, embedding=False),
        "stance": to_json(stance_model, stance_scaler, names, embedding=False),
    }
    args.output.write_text(json.dumps(artefact, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
