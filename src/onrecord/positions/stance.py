"""Stance of one statement toward one question: supports / opposes / neutral, with scope and confidence.

Takes the question, the statement's content and cue, and their embedding similarity; gives a
:class:`Reading`, or says the statement does not bear on the question. No NLI model is available
offline, so the reading is built from what can be measured (:func:`features`):

* *polarity*: the parity of flips (:mod:`.lexicon`) in the content's sentence closest to the
  question, times the question's own parity, times the cue's sense (a denial or criticism reverses
  what it reports; advocacy keeps it): +1 agrees with the proposition, -1 contradicts it;
* relevance signals: the cosine similarity of content and question, and how close the statement's
  article is to the question (the mean cosine of its statements, and of its three closest): a
  statement in an article about the question is likelier to bear on it, and in cross-validation over
  unseen questions these beat every lexical signal tried;
* signs of neutrality: a question cue or mark, poll figures, hedges, conditionals.

Explicit statements first (the cheap, sure path): when the sentence has a word of the question and
either a negation right before it or an advocacy / opposition cue ("neither encourage nor *permit*",
"opposes the *use*", "has called for"), its :func:`explicit_sense` decides, with the precision such
readings had on the training labels as confidence. On a candidacy question ("X should be elected
president") the verb the speaker puts before the candidate's name decides first ("I will vote for …
Donald Trump", "he wasn't going to … back Trump"), and such a statement bears on the question even
when the relevance model doubts it; someone else's vote, a poll, a maybe or a question decides
nothing. Everything else goes to the learned model.

Two logistic regressions, trained on labelled PolNeAR *train* statements by ``train/stance.py`` and
shipped as ``stance_model.json`` (coefficients only; inference is a dot product), turn the features
into a relevance probability and a stance distribution. Neither reads the content's embedding itself:
that lifted stance in cross-validation over random folds (the same questions in training and test)
but lowered it over unseen questions, by learning which topics mostly come with which stance.

The stance distribution read is a weighted mean of the regression's and the stance encoder's
(:mod:`.stance_encoder`, MiniLM reading question and statement together), the encoder's share
:data:`ENCODER_SHARE`. The encoder reads stance better over unseen questions of the 2016 campaign,
but it leans on the topic and reads negation poorly: on the seed story, a question from another
domain, it reads "that it opposes the use of U.S.-supplied weapons" as supports (0.67; the explicit
reading decides that one) and, in an even mean, turns Kirby's "I would like to note…" to supports. So
the regression keeps the larger share. ``ONRECORD_STANCE=regression`` reads the regression alone
(torch is then never loaded to read positions).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import numpy as np

from onrecord.positions import lexicon
from onrecord.positions.scope import find_scope

if TYPE_CHECKING:
    from onrecord.positions.stance_encoder import StanceEncoder

MODEL_FILE = Path(__file__).with_name("stance_model.json")
READER_VARIABLE = "ONRECORD_STANCE"  # "regression" leaves the stance encoder out
# The encoder's share of the stance distribution read, selected on the dev labels (README, Benchmarks):
# macro-F1 0.461 at 0.5 with 5 false alarms of 49 no-shift pairs, 0.479 at 0.4 (5), 0.462 at 0.3 (4),
# 0.442 at 0.2 (4), the regression alone 0.369 (4). At 0.4 and above Kirby's "I would like to note…"
# in the seed story reads supports; at 0.3, neutral.
ENCODER_SHARE = 0.3
STANCES = ("supports", "opposes", "neutral")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
POLL_FIGURE = re.compile(r"\d+\s*(?:%|percent|points?)\b|\bpoll", re.I)
CUE_CLASSES = ("advocacy", "opposition", "question", "belief", "speech")


@dataclass(frozen=True, slots=True)
class Similarity:
    """How close a statement, and its article, are to a question (cosines of MiniLM embeddings)."""

    statement: float
    article_mean: float  # mean over the article's statements
    article_top: float  # mean over the article's three statements closest to the question


@dataclass(frozen=True, slots=True)
class Reading:
    stance: str  # supports | opposes | neutral
    scope: str | None
    relevance: float  # probability the statement bears on the question
    confidence: float  # probability of the stance given that it does
    reader: str = "model"  # rule (an explicit reading) | model (the learned one) | llm:<model> (.llm)
    linked: bool = True  # False: read only because read_stances was asked to reach below its threshold


def closest_sentence(content: str, question: str) -> str:
    """The sentence of ``content`` sharing the most content words with ``question``."""
    sentences = [s for s in SENTENCE_END.split(content) if s.strip()] or [content]
    asked = lexicon.content_words(question)
    return max(sentences, key=lambda s: len(lexicon.content_words(s) & asked))


def polarity(content: str, cue: str, question: str) -> int:
    """+1 when the statement agrees with the proposition, -1 when it contradicts it (module docstring)."""
    asked_words = set(lexicon.words(question))
    sense = (-1) ** lexicon.flips(closest_sentence(content, question), ignore=asked_words)
    sense *= (-1) ** lexicon.flips(question)
    return -sense if lexicon.cue_class(cue) == "opposition" else sense


def explicit_sense(content: str, cue: str, question: str) -> int:
    """+1 / -1 when the statement says outright which way it goes on the question (module docstring),
    else 0."""
    return _explicit_reading(content, cue, question)[0]


def _explicit_reading(content: str, cue: str, question: str) -> tuple[int, bool]:
    """:func:`explicit_sense`, and whether the candidacy rule gave it."""
    cue_kind = lexicon.cue_class(cue)
    cue_sense = -1 if cue_kind == "opposition" else 1
    backing = lexicon.candidacy_flips(content, question)
    if backing is not None and cue_kind != "question":
        return backing * cue_sense, True
    anchored = lexicon.anchored_flips(closest_sentence(content, question), question)
    if anchored is None or not (anchored[0] > 0 or cue_kind in ("advocacy", "opposition")):
        return 0, False
    return (-1) ** sum(anchored) * cue_sense, False


def features(question: str, content: str, cue: str, similarity: Similarity) -> dict[str, float]:
    """The measured signals of one (question, statement) pair, by name; each model reads those its
    file lists."""
    content_words = lexicon.content_words(content)
    asked = lexicon.content_words(question)
    question_names = lexicon.names(question) | {w.lower() for w in re.findall(r"\b[A-Z][a-z]+", question)}
    content_lower = content.lower()
    words = set(lexicon.words(content))
    cue_kind = lexicon.cue_class(cue)
    sense = polarity(content, cue, question)
    question_sense = (-1) ** lexicon.flips(question)
    negative_words = sum(lexicon.is_negative(word) for word in lexicon.words(content))
    anchored = lexicon.anchored_flips(closest_sentence(content, question), question)
    cue_sense = -1 if cue_kind == "opposition" else 1
    # +1 / -1 when a word of the question is found and the negation right before it says which way
    anchored_sense = 0 if anchored is None else (-1) ** sum(anchored) * cue_sense
    values = {
        "similarity": similarity.statement,
        "article_mean": similarity.article_mean,
        "article_top": similarity.article_top,
        "overlap": len(content_words & asked) / max(len(asked), 1),
        "names": float(any(re.search(rf"\b{re.escape(n)}\b", content_lower) for n in question_names)),
        "length": min(len(content_words), 60) / 60,
        "polarity": float(sense),
        "anchored": float(anchored_sense),
        "polarity_x_similarity": sense * similarity.statement,
        "flips": min(lexicon.flips(content), 4) / 4,
        # negative evaluation without parity ("unfit", "dangerous"), toward the question's own sense
        "negative_words": min(negative_words, 3) * question_sense,
        "any_negative": float(negative_words > 0) * question_sense,
        "question_mark": float("?" in content),
        "poll": float(bool(POLL_FIGURE.search(content))),
        "hedge": float(bool(words & lexicon.HEDGES)),
        "obligation": float(bool(words & lexicon.OBLIGATION)),
    }
    for kind in CUE_CLASSES:
        values[f"cue_{kind}"] = float(cue_kind == kind)
        values[f"cue_{kind}_x_polarity"] = sense * float(cue_kind == kind)
    return values


@dataclass(frozen=True, slots=True)
class _Logistic:
    names: tuple[str, ...]
    classes: tuple[str, ...]
    coef: np.ndarray  # (classes, features), or (1, features) for a binary model
    intercept: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    embedding: bool  # the content embedding follows the named features

    def probabilities(self, values: dict[str, float], vector: np.ndarray) -> dict[str, float]:
        x = np.array([values[name] for name in self.names])
        if self.embedding:
            x = np.concatenate([x, vector])
        x = (x - self.mean) / self.scale
        scores = self.coef @ x + self.intercept
        if len(self.classes) == 2 and len(scores) == 1:  # scikit-learn's binary form: one row for class 1
            p = 1 / (1 + np.exp(-scores[0]))
            return {self.classes[0]: 1 - p, self.classes[1]: p}
        exp = np.exp(scores - scores.max())
        return dict(zip(self.classes, exp / exp.sum()))

    @classmethod
    def from_json(cls, record: dict) -> _Logistic:
        return cls(
            tuple(record["features"]),
            tuple(record["classes"]),
            np.array(record["coef"], dtype=float),
            np.array(record["intercept"], dtype=float),
            np.array(record["mean"], dtype=float),
            np.array(record["scale"], dtype=float),
            record.get("embedding", False),
        )


@dataclass(frozen=True, slots=True)
class StanceModel:
    relevance: _Logistic
    stance: _Logistic
    threshold: float  # relevance probability at which a statement bears on a question
    min_similarity: float  # below this cosine a pair is not even considered (cheap path first)
    explicit_precision: float  # how often an explicit reading was right on the training labels
    encoder: StanceEncoder | None = None  # its stance probabilities weigh ENCODER_SHARE in the mean

    @classmethod
    def load(cls, path: Path = MODEL_FILE, encoder: StanceEncoder | None = None) -> StanceModel:
        record = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            _Logistic.from_json(record["relevance"]),
            _Logistic.from_json(record["stance"]),
            record["threshold"],
            record["min_similarity"],
            record["explicit_precision"],
            encoder,
        )


def shipped_model() -> StanceModel:
    """The shipped model, with the stance encoder unless the environment sets
    ``ONRECORD_STANCE=regression`` (see the module docstring)."""
    return _shipped(os.environ.get(READER_VARIABLE, "encoder"))


@lru_cache(maxsize=2)
def _shipped(reader: str) -> StanceModel:
    if reader == "regression":
        return StanceModel.load()
    if reader == "encoder":
        # imported here: the encoder loads torch and transformers, which nothing else here needs
        from onrecord.positions.stance_encoder import shipped_encoder

        return StanceModel.load(encoder=shipped_encoder())
    raise ValueError(f"{READER_VARIABLE}={reader!r}: expected 'encoder' (the default) or 'regression'")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A statement to read against a question: its text, similarity and content embedding."""

    content: str
    cue: str
    similarity: Similarity
    vector: np.ndarray


def read_stances(
    question: str,
    candidates: Sequence[Candidate],
    model: StanceModel | None = None,
    reach: float | None = None,
) -> list[Reading | None]:
    """Each candidate's stance toward ``question``, or None where it does not bear on it (module
    docstring). The statements the learned model reads go to the stance encoder in one batch. With
    ``reach`` below the model's threshold, candidates whose relevance reaches it are read too, as
    readings that are not ``linked``: for a reader that decides relevance itself (:mod:`.llm`)."""
    model = model or shipped_model()
    floor = model.threshold if reach is None else min(reach, model.threshold)
    readings: list[Reading | None] = [None] * len(candidates)
    learned = []  # (index, features, relevance, linked) of bearing statements no explicit reading decides
    for index, candidate in enumerate(candidates):
        if candidate.similarity.statement < model.min_similarity:
            continue
        values = features(question, candidate.content, candidate.cue, candidate.similarity)
        relevance = model.relevance.probabilities(values, candidate.vector)["relevant"]
        # backing or opposing the question's own candidate bears on it, however little else it shares
        sense, backs_candidate = _explicit_reading(candidate.content, candidate.cue, question)
        if relevance < floor and not backs_candidate:
            continue
        linked = relevance >= model.threshold or backs_candidate
        if sense:
            stance = "supports" if sense > 0 else "opposes"
            readings[index] = _reading(
                question, candidate, stance, relevance, model.explicit_precision, "rule", linked
            )
        else:
            learned.append((index, values, relevance, linked))
    if not learned:
        return readings
    distributions = np.array(
        [
            [model.stance.probabilities(values, candidates[index].vector)[s] for s in STANCES]
            for index, values, _, _ in learned
        ]
    )
    if model.encoder is not None:
        read = [(candidates[index].cue, candidates[index].content) for index, _, _, _ in learned]
        encoded = model.encoder.probabilities(question, read)
        distributions = (1 - ENCODER_SHARE) * distributions + ENCODER_SHARE * encoded
    for (index, _, relevance, linked), distribution in zip(learned, distributions):
        best = int(distribution.argmax())
        readings[index] = _reading(
            question, candidates[index], STANCES[best], relevance, distribution[best], "model", linked
        )
    return readings


def _reading(
    question: str,
    candidate: Candidate,
    stance: str,
    relevance: float,
    confidence: float,
    reader: str,
    linked: bool,
) -> Reading:
    scope = find_scope(candidate.content, question) if stance != "neutral" else None
    return Reading(stance, scope, round(float(relevance), 3), round(float(confidence), 3), reader, linked)


def read_stance(
    question: str,
    content: str,
    cue: str,
    similarity: Similarity,
    vector: np.ndarray,
    model: StanceModel | None = None,
) -> Reading | None:
    """One statement's stance toward ``question`` (:func:`read_stances`), or None when it does not bear
    on it. ``vector`` is the content's embedding."""
    return read_stances(question, [Candidate(content, cue, similarity, vector)], model)[0]
