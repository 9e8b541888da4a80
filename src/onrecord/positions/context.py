"""Topic anaphora: a short content that names its topic only by a definite noun ("Clinton now says she
opposes *the deal*") is about what a statement just before it named ("the so-called Trans-Pacific
Partnership as 'the gold standard' of trade deals").

Takes the statements' contents and their articles (statements in document order); gives each
statement's antecedent once (:func:`antecedents`), and then, per question, the similarity each
statement is read with: its own, or its antecedent's when that is higher (:func:`with_antecedents`).
Pure.
"""

from __future__ import annotations

import re
from typing import Hashable, Sequence

import numpy as np

from onrecord.positions.lexicon import singular, words

# a content this short leans on its context for its topic
SHORT = 12
# how many statements back the noun's antecedent may be
REACH = 2
# the nouns that stand for a proposition's object once it has been named: the things a position is on.
# Not people or places ("the president", "the country"), which a short content names on any topic.
TOPIC_NOUNS = frozenset(
    {
        "deal", "agreement", "pact", "treaty", "accord", "plan", "proposal", "bill", "law", "policy",
        "ban", "measure", "program", "programme", "wall", "idea", "tax", "return", "email", "server",
        "video", "footage", "investigation", "probe", "claim", "theory", "decision", "rule", "order",
    }
)  # fmt: skip
_DEFINITE = re.compile(r"\b(?:the|this|these|those)\s+(?P<noun>[a-z]{3,})\b")


def _definite_nouns(content: str) -> set[str]:
    return {singular(m["noun"]) for m in _DEFINITE.finditer(content.lower())} & TOPIC_NOUNS


def antecedents(contents: Sequence[str], articles: Sequence[Hashable]) -> np.ndarray:
    """The index of each statement's antecedent, or its own index where it has none: for a short
    content, the statement at most :data:`REACH` before it in the same article whose content has the
    noun of one of its definite noun phrases."""
    found = np.arange(len(contents))
    for index, content in enumerate(contents):
        if len(content.split()) > SHORT:
            continue
        nouns = _definite_nouns(content)
        if not nouns:
            continue
        for before in range(index - 1, max(index - REACH, 0) - 1, -1):
            if articles[before] != articles[index]:
                break
            if nouns & {singular(w) for w in words(contents[before])}:
                found[index] = before
                break
    return found


def with_antecedents(similarities: np.ndarray, antecedent: np.ndarray) -> np.ndarray:
    """Each statement's similarity to a question, raised to its antecedent's where that is higher."""
    return np.maximum(similarities, similarities[antecedent])
