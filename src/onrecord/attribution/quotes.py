"""Quotation marks: where quoted text runs, surviving unbalanced marks and quotes that span paragraphs.

Takes a paragraph's text, gives the spans inside quotation marks. Curly marks say which way they face;
straight ``"`` marks alternate. An opening mark that is never closed runs to the end of the paragraph,
which is how newspapers continue a quote into the next paragraph.
"""

from __future__ import annotations

import re

from onrecord.model import Span

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'
QUOTE_MARK = re.compile(r"[\"“”„«»]")
FIRST_OR_SECOND_PERSON = re.compile(r"\b(I|I'm|I've|I'd|I'll|me|my|mine|we|we're|we've|we'll|us|our|ours|you|your)\b", re.I)


def quoted_regions(paragraph: str) -> list[Span]:
    """Spans of quoted text (without the marks)."""
    regions: list[Span] = []
    open_at: int | None = None
    for match in QUOTE_MARK.finditer(paragraph):
        mark, at = match.group(), match.start()
        if open_at is None:
            if mark in OPENING or mark == STRAIGHT:
                open_at = at + 1
            # a stray closing mark with nothing open is ignored rather than flipping every pair after it
        elif mark in CLOSING or mark == STRAIGHT:
            regions.append(Span(open_at, at))
            open_at = None
        else:  # a second opening mark: the first was never closed
            regions.append(Span(open_at, at))
            open_at = at + 1
    if open_at is not None:
        regions.append(Span(open_at, len(paragraph)))
    return regions


def has_quote_marks(text: str) -> bool:
    return bool(QUOTE_MARK.search(text))


def quoted_share(content: Span, regions: list[Span]) -> float:
    """Share of a content span's characters that lie inside quotation marks."""
    length = content.end - content.start
    if length <= 0:
        return 0.0
    inside = sum(max(0, min(content.end, r.end) - max(content.start, r.start)) for r in regions)
    return inside / length


def sounds_like_speech(text: str) -> bool:
    """First- or second-person words: a reported sentence in them is the speaker's own words."""
    return bool(FIRST_OR_SECOND_PERSON.search(text))
