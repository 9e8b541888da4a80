"""Split article text into paragraph blocks and tell body text from photo captions and credits.

Takes the text as read, gives :class:`~onrecord.model.Block` values whose spans index that text.
"""

from __future__ import annotations

import re
from typing import Iterator

from onrecord.model import Block, BlockRole, Span

_LINE = re.compile(r"[^\r\n]+")

# A photo credit closes a caption: "Jane Doe/AFP via Getty Images", "(Photo: Reuters)", "AP Photo/John Smith".
_CREDIT = re.compile(
    r"""(
        /\s*(AFP|AP|Reuters|Getty|Bloomberg|EPA|Sipa|Pool|NurPhoto|Anadolu)\b[^.]*   # Name/AFP via Getty Images
      | \bvia\s+Getty\s+Images\b
      | \b(Getty\s+Images|Shutterstock|AP\s+Photo|Reuters\s+photo|File\s+photo)\b
      | \(\s*(Photo|Image|Credit)s?\s*(:|by)[^)]*\)
      | ^\s*(Photo|Image)s?\s*(:|by)\s
    )\s*\.?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_DATELINE = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\s*$")
# A story's dateline opens its first paragraph: "WASHINGTON (AP) — ", "BOLOGNA, Italy (AP) - ",
# "NEW YORK, Nov. 3 (Reuters) - ", "DETROIT - ". It names where the story was filed, not who spoke.
_STORY_DATELINE = re.compile(
    r"[A-Z][A-Z.'’]+(?:\s+[A-Z][A-Z.'’]+)*"  # the city, in capitals
    r"(?:,\s+[A-Z][\w.'’]*(?:\s+[\w.'’]+){0,3})?"  # its country or state, or the date
    r"(?:\s*\([\w .]+\))?"  # the agency
    r"\s*[—–-]{1,2}\s+"
)


def paragraph_spans(text: str) -> Iterator[Span]:
    """Every non-blank line, trimmed of surrounding whitespace: news text puts one paragraph on a line."""
    for match in _LINE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        yield Span(start, start + len(stripped))


def dateline_end(text: str, start: int = 0) -> int:
    """Where the text after a story dateline at ``start`` begins; ``start`` itself when there is none."""
    match = _STORY_DATELINE.match(text, start)
    return match.end() if match else start


def is_caption(paragraph: str) -> bool:
    """A paragraph that ends in a photo credit is a caption (with its credit), not body text."""
    return bool(_CREDIT.search(paragraph))


def split_blocks(text: str) -> tuple[Block, ...]:
    blocks = []
    for span in paragraph_spans(text):
        paragraph = span.text(text)
        if _DATELINE.match(paragraph):
            role = BlockRole.DATELINE
        elif is_caption(paragraph):
            role = BlockRole.CAPTION
        else:
            role = BlockRole.BODY
        blocks.append(Block(span, role))
    return tuple(blocks)
