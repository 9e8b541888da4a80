"""Quotation marks: where quoted text runs, surviving unbalanced marks and quotes that span paragraphs.

Takes a paragraph's text, gives the spans inside quotation marks. Curly marks say which way they face;
straight ``"`` marks alternate. An opening mark that is never closed runs to the end of the paragraph,
which is how newspapers continue a quote into the next paragraph. When a scraper stripped every mark,
:func:`restore_stripped_quotes` puts them back where the frame and the grammar show a quote.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from onrecord.attribution.cues import SHORT_SOURCE, SPEECH_VERBS
from onrecord.attribution.sentences import sentence_starts
from onrecord.model import Span

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'
QUOTE_MARK = re.compile(r"[\"“”„«»]")
# Case matters: "US" is a country, "us" a pronoun; only sentence-initial capitals are allowed.
FIRST_OR_SECOND_PERSON = re.compile(
    r"\b(?:I|I'm|I've|I'd|I'll|[Mm]e|[Mm]y|[Mm]ine|[Ww]e|[Ww]e're|[Ww]e've|[Ww]e'll|[Uu]s|[Oo]ur|[Oo]urs|[Yy]ou|[Yy]our)\b"
)


# Single marks, as British papers quote ('We will not back down,' she said) and as American ones quote
# inside quotes and in headlines. A single mark is also an apostrophe, so it only opens after a space
# (or the paragraph's start) before a letter, and only closes after a non-space before a space or a
# punctuation mark: "don't", "’90s" and "'em" quote nothing.
_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[—–-]))[‘'](?=[^\W\d_])")
_SINGLE_CLOSE = re.compile(r"(?<=[^\s'‘’])[’'](?=[\s,.;:!?)\]—–-]|$)")


def quoted_regions(paragraph: str) -> list[Span]:
    """Spans of quoted text (without the marks): within double marks, and within single marks that are
    not inside a double-quoted region (nor hold one: then the single marks are the outer quote)."""
    double = _double_quoted_regions(paragraph)
    single = _single_quoted_regions(paragraph)
    if not single:
        return double
    outer_single = [r for r in single if not any(d.start <= r.start and r.end <= d.end for d in double)]
    held = [d for d in double if any(r.start <= d.start and d.end <= r.end for r in outer_single)]
    kept_double = [d for d in double if d not in held]
    kept_single = [r for r in outer_single if not any(r.overlaps(d) for d in kept_double)]
    return sorted(kept_double + kept_single)


def _single_quoted_regions(paragraph: str) -> list[Span]:
    """Text between a single opening mark and the next single closing mark. An opening mark left open
    runs to the paragraph's end only when it opens the paragraph (a quote running on)."""
    if "''" in paragraph:
        return []  # two apostrophes stand for a double mark, as news archives write it: not single quotes
    regions: list[Span] = []
    closes = [m.start() for m in _SINGLE_CLOSE.finditer(paragraph)]
    after = 0
    for opening in _SINGLE_OPEN.finditer(paragraph):
        start = opening.end()
        if start <= after:
            continue
        at = bisect.bisect_right(closes, start)
        close = closes[at] if at < len(closes) else None
        if close is not None:
            regions.append(Span(start, close))
            after = close
        elif not paragraph[: opening.start()].strip():
            regions.append(Span(start, len(paragraph)))
            break
    return regions


def _double_quoted_regions(paragraph: str) -> list[Span]:
    regions: list[Span] = []
    open_at: int | None = None
    opened_with = ""
    for match in QUOTE_MARK.finditer(paragraph):
        mark, at = match.group(), match.start()
        if open_at is None:
            if mark in OPENING or mark == STRAIGHT:
                open_at, opened_with = at + 1, mark
            # a stray closing mark with nothing open is ignored rather than flipping every pair after it
        elif mark in CLOSING or mark == STRAIGHT or (opened_with == "„" and mark == "“"):  # German „…“
            regions.append(Span(open_at, at))
            open_at = None
        else:  # a second opening mark: the first was never closed
            regions.append(Span(open_at, at))
            open_at, opened_with = at + 1, mark
    if open_at is not None:
        regions.append(Span(open_at, len(paragraph)))
    return regions


def left_open(paragraph: str, regions: list[Span]) -> bool:
    """Whether the paragraph's last quote (of ``quoted_regions``) is never closed: it runs on."""
    return bool(regions) and regions[-1].end == len(paragraph)


def has_quote_marks(text: str) -> bool:
    """Quotation marks of any kind, also two apostrophes standing for one, as news archives write them.
    Single marks count where they quote words said (three words or more), not a ‘scare’ quote: a story
    whose scraper stripped its double marks keeps the single ones of its headline."""
    quotes_speech = any(len(r.text(text).split()) >= 3 for r in _single_quoted_regions(text))
    return bool(QUOTE_MARK.search(text)) or "''" in text or quotes_speech


def opens_with_a_quote(paragraph: str) -> bool:
    """Does the paragraph begin with an opening quotation mark (of a quote, or one running on)?"""
    text = paragraph.lstrip()
    return text[:1] in OPENING + STRAIGHT or _SINGLE_OPEN.match(text) is not None


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


@dataclass(frozen=True, slots=True)
class Restored:
    """A paragraph with stripped quotation marks put back, and the way back to the original offsets."""

    text: str
    regions: tuple[Span, ...]  # the restored quotes, in offsets of the original paragraph
    _original_of: tuple[int, ...]  # for each offset of ``text`` (and its end), the original offset

    def to_original(self, span: Span) -> Span:
        return Span(self._original_of[span.start], self._original_of[span.end])


# "…, a U.S. official said in a written statement."  — the quote runs up to the comma.
_TRAILING_FRAME = re.compile(rf"^(?P<quote>.+?),\s+{SHORT_SOURCE}\s+(?:{SPEECH_VERBS})\b[^,;:\"“”]*[.!]?\s*$")
# "Kirby added at the time: …"  — the quote runs from the colon to the end of the paragraph.
_LEADING_FRAME = re.compile(rf"^{SHORT_SOURCE}\s+(?:{SPEECH_VERBS})\b[^:.]{{0,40}}:\s+(?P<quote>\S.*)$", re.S)


def restore_stripped_quotes(paragraph: str) -> Restored:
    """Put quotation marks back around speech whose marks a scraper stripped.

    Only for articles with no quotation marks at all. A quote is recognised by its frame (", he said."
    after it, or "he added:" before it) and by being first- or second-person speech; the sentences just
    before a trailing frame join the quote while they are speech too.
    """
    starts = sentence_starts(paragraph)
    regions: list[Span] = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(paragraph)
        sentence = paragraph[start:end].rstrip()
        leading = _LEADING_FRAME.match(paragraph[start:].rstrip())
        if leading and sounds_like_speech(leading.group("quote")):
            regions.append(Span(start + leading.start("quote"), len(paragraph.rstrip())))
            break
        trailing = _TRAILING_FRAME.match(sentence)
        if trailing and sounds_like_speech(trailing.group("quote")):
            quote_start = start
            for earlier in reversed(starts[:index]):
                already = regions[-1].end if regions else 0
                if earlier < already or not sounds_like_speech(paragraph[earlier:quote_start]):
                    break
                quote_start = earlier
            regions.append(Span(quote_start, start + trailing.end("quote")))
            regions += _speech_after(paragraph, starts[index + 1 :])
    return _with_marks(paragraph, regions)


def _speech_after(paragraph: str, starts: list[int]) -> list[Span]:
    """The quote going on after its frame ("…, he said. We will not wait."): the sentences that follow
    while they are speech, and that no frame of their own claims."""
    bounds = starts + [len(paragraph)]
    end = None
    for start, stop in zip(bounds, bounds[1:]):
        sentence = paragraph[start:stop].rstrip()
        framed = _TRAILING_FRAME.match(sentence) or _LEADING_FRAME.match(sentence)
        if framed or not sounds_like_speech(sentence):
            break
        end = start + len(sentence)
    if end is None:
        return []
    return [Span(starts[0], end - (paragraph[end - 1] in ".!?"))]


def _with_marks(paragraph: str, regions: list[Span]) -> Restored:
    # American style closes the quote after its comma ("…,” he said), as the tagger saw in training.
    marks = {r.start: "“" for r in regions} | {
        r.end + (paragraph[r.end : r.end + 1] == ","): "”" for r in regions
    }
    pieces: list[str] = []
    original_of: list[int] = []
    for offset in range(len(paragraph) + 1):
        if offset in marks:
            pieces.append(marks[offset])
            original_of.append(offset)
        if offset < len(paragraph):
            pieces.append(paragraph[offset])
            original_of.append(offset)
    original_of.append(len(paragraph))
    return Restored("".join(pieces), tuple(regions), tuple(original_of))
