"""Sentence starts within a paragraph: a cheap rule, good enough to prefer links inside one sentence."""

import bisect
import re

# A sentence ends at . ! or ? (optionally closed by a quote or bracket) followed by space and a capital.
_SENTENCE_END = re.compile(r"""[.!?]["”’)\]]*\s+(?=["“‘(\[]?[A-Z0-9])""")
# ... unless the full stop closes an abbreviation that usually precedes a name or a capital.
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Gen|Lt|Col|Sgt|Capt|Adm|Prof|Rev|St|Jr|Sr|No|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec)"
    r"|\b[A-Z](?:\.[A-Z])*)\.$"
)


def sentence_index(starts: list[int], offset: int) -> int:
    """Which of the sentences beginning at ``starts`` (as :func:`sentence_starts` gives them) holds
    ``offset``."""
    return bisect.bisect_right(starts, offset) - 1 if starts and offset >= starts[0] else 0


def sentence_starts(text: str) -> list[int]:
    starts = [0]
    for match in _SENTENCE_END.finditer(text):
        if text[match.start()] == "." and _ABBREVIATION.search(text, max(0, match.start() - 12), match.start() + 1):
            continue
        starts.append(match.end())
    return starts
