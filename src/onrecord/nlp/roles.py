"""The role tagger: a trained spaCy pipeline that marks SOURCE, CUE and CONTENT spans in a paragraph.

Takes paragraph texts, gives :class:`RoleSpan` lists with offsets into each paragraph. The weights ship
inside the package (``models/<name>``), built by ``make train`` (see ``train/``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import spacy
from spacy.language import Language

from onrecord.model import Span

MODELS_DIR = Path(__file__).parent / "models"
ROLE_LABELS = ("SOURCE", "CUE", "CONTENT")


@dataclass(frozen=True, slots=True)
class RoleSpan:
    label: str  # SOURCE | CUE | CONTENT
    span: Span


class MissingModel(RuntimeError):
    """The packaged role-tagger weights are absent (run ``make train`` or reinstall the package)."""


@lru_cache(maxsize=4)
def load_role_tagger(name: str = "roles-fast") -> Language:
    path = MODELS_DIR / name
    if not (path / "config.cfg").exists():
        raise MissingModel(f"role tagger {name!r} not found at {path}; run `make train` to build it")
    return spacy.load(path)


def tag_paragraphs(tagger: Language, paragraphs: Iterable[str], batch_size: int = 64) -> Iterator[list[RoleSpan]]:
    """Role spans of each paragraph, offsets relative to that paragraph."""
    for doc in tagger.pipe(paragraphs, batch_size=batch_size):
        yield [RoleSpan(ent.label_, Span(ent.start_char, ent.end_char)) for ent in doc.ents]
