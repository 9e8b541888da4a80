"""The role tagger: a trained spaCy pipeline that marks SOURCE, CUE and CONTENT spans in a paragraph.

Takes paragraph texts, gives :class:`RoleSpan` lists with offsets into each paragraph. The weights ship
inside the package (``models/roles-<model>``), built by ``make train`` (see ``train/``). Taggers are
registered by model name (``fast``, ``accurate``) so the rest of onrecord never knows which one ran.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, Protocol

import spacy
from spacy.language import Language

from onrecord.model import Span

MODELS_DIR = Path(__file__).parent / "models"


@dataclass(frozen=True, slots=True)
class RoleSpan:
    label: str  # SOURCE | CUE | CONTENT
    span: Span


class MissingModel(RuntimeError):
    """The packaged role-tagger weights are absent (run ``make train`` or reinstall the package)."""


class RoleTagger(Protocol):
    """Anything that marks role spans in paragraphs: the spaCy tagger (fast) or a transformer (accurate).

    ``fork_safe``: whether a process that loaded it may fork workers that use it (see ``_load_fast``).
    """

    fork_safe: bool

    def tag(self, paragraphs: Iterable[str]) -> Iterator[list[RoleSpan]]:
        """Role spans of each paragraph, offsets relative to that paragraph."""
        ...


class SpacyRoleTagger:
    """The fast tagger: a spaCy ``ner`` over a fine-tuned tok2vec and a BiLSTM (see train/MODEL_CARD.md)."""

    fork_safe = True  # its torch runs on one thread: no OpenMP pool for a forked child to inherit

    def __init__(self, nlp: Language, batch_size: int = 64) -> None:
        self.nlp = nlp
        self.batch_size = batch_size

    def tag(self, paragraphs: Iterable[str]) -> Iterator[list[RoleSpan]]:
        for doc in self.nlp.pipe(paragraphs, batch_size=self.batch_size):
            yield [RoleSpan(ent.label_, Span(ent.start_char, ent.end_char)) for ent in doc.ents]


# Each model name maps to the loader of its tagger; weights live in MODELS_DIR/<name>.
TAGGERS: dict[str, Callable[[Path], RoleTagger]] = {}


def register_tagger(name: str) -> Callable[[Callable[[Path], RoleTagger]], Callable[[Path], RoleTagger]]:
    def register(loader: Callable[[Path], RoleTagger]) -> Callable[[Path], RoleTagger]:
        TAGGERS[name] = loader
        return loader

    return register


@register_tagger("fast")
def _load_fast(path: Path) -> RoleTagger:
    import torch

    # The BiLSTM is small: one thread loses little, and a process whose torch never started its OpenMP
    # pool can fork safely, as ``--jobs`` workers (and spaCy's n_process) do; with the pool started,
    # the forked workers deadlock.
    torch.set_num_threads(1)
    with warnings.catch_warnings():
        # torch warns that LSTM dropout needs two layers; dropout is off at inference, so it is noise
        warnings.filterwarnings("ignore", message="dropout option adds dropout", category=UserWarning)
        return SpacyRoleTagger(spacy.load(path))


@register_tagger("accurate")
def _load_accurate(path: Path) -> RoleTagger:
    from onrecord.nlp.accurate import TransformerRoleTagger  # torch and transformers load only when asked

    return TransformerRoleTagger.from_path(path)


@lru_cache(maxsize=4)
def load_role_tagger(model: str = "fast") -> RoleTagger:
    if model not in TAGGERS:
        raise MissingModel(f"unknown model {model!r}; choose one of {', '.join(sorted(TAGGERS))}")
    path = MODELS_DIR / f"roles-{model}"
    if not path.exists():
        raise MissingModel(f"role tagger {model!r} not found at {path}; run `make train-{model}` to build it")
    return TAGGERS[model](path)
