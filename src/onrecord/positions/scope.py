"""The scope of a stance: the conditions in a statement that limit what it asserts.

Takes the statement's content and the question; gives the limiting phrases the question does not
already say, joined with ", " ("near Kharkiv, for counterfire purposes"), or None. Cheap patterns, no
parse: a place or thing named after a limiting preposition ("near Kharkiv", "inside Gaza"), a
purpose ("for counterfire purposes"), a condition or exception ("unless …", "except …", "only …"),
and a named kind the statement is about that the question does not name ("the use of ATACMS or
long-range strikes" → "ATACMS or long-range strikes").
"""

from __future__ import annotations

import re

from onrecord.positions.lexicon import content_words

PHRASE = r"[^,.;:()]{1,60}?"  # a short phrase, up to the next punctuation
END = r"(?=[,.;:()]|\s+(?:and|but|while|as|with|to)\s|$)"
# "as long as I am mayor", "until we leave office": how long the speaker holds the view, not a limit on it
TENURE = (
    r"(?:i|we|he|she|they)(?:'m|’m|\s+(?:am|are|is|remain|remains|stay|stays|hold|holds|leave|leaves)\b)"
)
LIMITS = (
    re.compile(
        r"\b(?:near|around|outside|within|inside|along|across)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
    ),
    re.compile(rf"\bfor\s+{PHRASE}\s+purposes?\b", re.I),
    re.compile(
        rf"\b(?:only|solely|exclusively)\s+(?:for|in|if|when|to|against|near|after|before|once)\s+{PHRASE}{END}",
        re.I,
    ),
    re.compile(
        rf"\b(?:unless|except|excluding|other than|provided that|as long as|until)\s+"
        rf"(?!{TENURE}){PHRASE}{END}",
        re.I,
    ),
    re.compile(rf"\bbut not\s+{PHRASE}{END}", re.I),
)
# a kind of thing named by an acronym or proper name: "the use of ATACMS or long-range strikes"
NAMED_KIND = re.compile(
    r"\b(?:use of|of|regarding|on)\s+(?:the\s+)?([A-Z]{3,}[\w-]*(?:\s+(?:or|and)\s+[\w-]+(?:\s+[\w-]+)?)?)"
)


def find_scope(content: str, question: str) -> str | None:
    """The limiting phrases of ``content`` not already in ``question`` (see the module docstring)."""
    asked = content_words(question)
    pieces: list[tuple[int, str]] = []
    for pattern in LIMITS:
        for match in pattern.finditer(content):
            pieces.append((match.start(), match.group(0).strip()))
    for match in NAMED_KIND.finditer(content):
        pieces.append((match.start(1), match.group(1).strip()))
    kept: list[str] = []
    for _, piece in sorted(pieces):
        new_words = content_words(piece) - asked
        if new_words and not any(piece in other or other in piece for other in kept):
            kept.append(piece)
    return ", ".join(kept) or None
