"""Sentence starts within a paragraph: a cheap rule, good enough to prefer links inside one sentence."""

import re

# A sentence ends at . ! or ? (optionally closed by a quote or bracket) followed by space and a capital.
_SENTENCE_END = re.compile(r"""[.!?]["”’)\]]*\s+(?=["“‘(\[]?[A-Z0-9])""")


def sentence_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
