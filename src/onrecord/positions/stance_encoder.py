"""The stance encoder: MiniLM fine-tuned to read a statement's stance toward a question.

Takes a question and statements (cue and content); gives for each the probabilities of supports /
opposes / neutral (:data:`~onrecord.positions.stance.STANCES` order). It reads the pair as one
sequence (question, then "cue: content"). Trained by ``train/stance_encoder.py`` on the stance rows
of the PolNeAR train labels; over campaign questions it was not trained on it reads stance better
than the feature regression (macro-F1 0.551 against 0.470) and their average better still (0.562).
It leans on the topic and misreads negation outside the 2016 campaign (train/MODEL_CARD_stance.md),
so onrecord reads it with the smaller share of a weighted mean
(:data:`~onrecord.positions.stance.ENCODER_SHARE`; ``ONRECORD_STANCE=regression`` leaves it out).
Shipped in ``models/stance-minilm`` without its frozen word table (:mod:`onrecord.nlp.minilm`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np
import torch
from transformers import AutoModelForSequenceClassification

from onrecord.nlp.minilm import load_members, load_tokenizer
from onrecord.positions.stance import STANCES

MODEL_DIR = Path(__file__).with_name("models") / "stance-minilm"
MAX_LENGTH = 128  # wordpieces of question and statement together; a longer content loses its tail
BATCH = 32
_CACHE_LIMIT = 50_000


def statement_text(cue: str, content: str) -> str:
    """The statement as the encoder reads it, after the question."""
    return f"{cue}: {content}" if cue else content


def encode_pairs(tokenizer, questions: Sequence[str], texts: Sequence[str]) -> dict[str, torch.Tensor]:
    """One padded batch of (question, statement text). The longer of the two loses its tail first: the
    statement, but for a discovered question, whose text is a statement too."""
    return tokenizer(
        list(questions),
        list(texts),
        truncation="longest_first",
        max_length=MAX_LENGTH,
        padding=True,
        return_tensors="pt",
    )


class StanceEncoder:
    """A fine-tuned sequence classifier over (question, statement) pairs, with the pairs it has read."""

    def __init__(self, model, tokenizer) -> None:
        labels = [model.config.id2label[i] for i in range(model.config.num_labels)]
        if tuple(labels) != STANCES:
            raise ValueError(f"stance encoder labels {labels} are not {STANCES}")
        self.model = model.eval()
        self.tokenizer = tokenizer
        # a refresh re-reads every position; the same pair reads the same, so it is read once
        self._read: dict[tuple[str, str], np.ndarray] = {}

    @classmethod
    def from_path(cls, path: Path = MODEL_DIR) -> StanceEncoder:
        (model,) = load_members(path, AutoModelForSequenceClassification)
        return cls(model, load_tokenizer(path))

    def probabilities(self, question: str, statements: Sequence[tuple[str, str]]) -> np.ndarray:
        """``(len(statements), 3)`` stance probabilities; ``statements`` are (cue, content) pairs."""
        texts = [statement_text(cue, content) for cue, content in statements]
        unread = sorted({t for t in texts if (question, t) not in self._read}, key=len)
        if len(self._read) + len(unread) > _CACHE_LIMIT:
            self._read.clear()
        with torch.inference_mode():
            for first in range(0, len(unread), BATCH):
                batch = unread[first : first + BATCH]
                encoded = encode_pairs(self.tokenizer, [question] * len(batch), batch)
                read = torch.softmax(self.model(**encoded).logits.float(), dim=-1).numpy()
                self._read.update(((question, text), row) for text, row in zip(batch, read))
        return np.array([self._read[question, text] for text in texts]).reshape(len(texts), len(STANCES))


@lru_cache(maxsize=1)
def shipped_encoder() -> StanceEncoder:
    return StanceEncoder.from_path()
