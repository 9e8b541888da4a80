"""Topic anaphora: a short content that names its topic only by a definite noun ("Clinton now says she
opposes *the deal*") is about what a statement just before it named ("the so-called Trans-Pacific
Partnership as 'the gold standard' of trade deals").

Takes the statements' contents, their articles (statements in document order) and their similarity
to one question; gives each statement the similarity it is read with: its own, or its antecedent's
when that is higher. Pure.
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


def with_antecedents(
    contents: Sequence[str], articles: Sequence[Hashable], similarities: np.ndarray
) -> np.ndarray:
    """``similarities`` with each short content's raised to its antecedent's: the statement at most
    :data:`REACH` before it in the same article whose content has the noun of one of its definite
    noun phrases."""
    lifted = similarities.copy()
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
                lifted[index] = max(lifted[index], similarities[before])
                break
    return lifted
