"""The stance encoder (onrecord.positions.stance_encoder) and how read_stances combines it with the
feature regression."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from onrecord.positions.stance import (
    ENCODER_SHARE,
    STANCES,
    Candidate,
    Similarity,
    StanceModel,
    features,
    read_stances,
)
from onrecord.positions.stance_encoder import MODEL_DIR, shipped_encoder

WALL = "The United States should build a wall on its border with Mexico."
CLOSE = Similarity(0.8, 0.5, 0.7)  # bears on the question by any measure


def test_the_encoder_ships_without_the_word_table_and_reads_the_stances_in_order():
    from safetensors import safe_open

    from onrecord.nlp.minilm import SHARED_WEIGHT, member_paths

    (member,) = member_paths(MODEL_DIR)
    with safe_open(str(member), "pt") as weights:
        assert SHARED_WEIGHT not in weights.keys()
    config = shipped_encoder().model.config
    assert tuple(config.id2label[i] for i in range(config.num_labels)) == STANCES


def test_a_statement_reads_the_same_in_a_batch_as_alone():
    encoder = shipped_encoder()
    statements = [
        ("said", "the wall would never be built"),
        ("told reporters", "a wall along the whole border is the only way to stop illegal crossings"),
    ]
    together = encoder.probabilities(WALL, statements)
    encoder._read.clear()  # read each again, alone, not from the cache
    alone = [encoder.probabilities(WALL, [s])[0] for s in statements]
    assert np.allclose(together, alone, atol=1e-3)  # padding moves float sums by ~1e-4, no more


class _FixedEncoder:
    """An encoder that reads every statement the same way."""

    def __init__(self, distribution):
        self.distribution = np.array(distribution)

    def probabilities(self, question, statements):
        return np.tile(self.distribution, (len(statements), 1))


def test_the_learned_stance_weighs_the_encoder_by_its_share():
    regression_only = StanceModel.load()
    candidate = Candidate("the plan for a border barrier is on the table", "said", CLOSE, np.zeros(384))
    (alone,) = read_stances(WALL, [candidate], regression_only)
    assert alone is not None
    values = features(WALL, candidate.content, candidate.cue, candidate.similarity)
    regression = np.array([regression_only.stance.probabilities(values, candidate.vector)[s] for s in STANCES])
    for stance in STANCES:  # an encoder sure of each stance in turn
        encoded = np.array([float(s == stance) for s in STANCES])
        (read,) = read_stances(WALL, [candidate], replace(regression_only, encoder=_FixedEncoder(encoded)))
        mixed = (1 - ENCODER_SHARE) * regression + ENCODER_SHARE * encoded
        assert read.stance == STANCES[int(mixed.argmax())]
        assert read.confidence == pytest.approx(mixed.max(), abs=1e-3)
    # one that cannot tell changes nothing
    undecided = replace(regression_only, encoder=_FixedEncoder([1 / 3] * 3))
    (same,) = read_stances(WALL, [candidate], undecided)
    assert same.stance == alone.stance and same.relevance == alone.relevance


def test_the_encoder_is_read_unless_the_environment_leaves_it_out(monkeypatch):
    from onrecord.positions.stance import READER_VARIABLE, shipped_model

    monkeypatch.delenv(READER_VARIABLE, raising=False)
    assert shipped_model().encoder is shipped_encoder()
    monkeypatch.setenv(READER_VARIABLE, "regression")
    assert shipped_model().encoder is None
    monkeypatch.setenv(READER_VARIABLE, "encoder")
    assert shipped_model().encoder is shipped_encoder()
    monkeypatch.setenv(READER_VARIABLE, "nli")
    with pytest.raises(ValueError, match="ONRECORD_STANCE='nli'"):
        shipped_model()
