"""The attribution cascade: role spans per paragraph in, finished statements out.

Takes an :class:`~onrecord.model.Article`, the role spans the tagger found in each body block, and the
article's named-entity mentions; gives :class:`~onrecord.model.Statement` values. Cheap rules run
after the learned spans, each filling only what the model leaves open: unmarked quotes (stripped
quotation marks), the kind of report, the speaker, the channel and the said-on date.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from onrecord.attribution import channel as channels
from onrecord.attribution import when
from onrecord.attribution.link import Draft, link, sentence_starts
from onrecord.attribution.quotes import has_quote_marks, quoted_regions, quoted_share, sounds_like_speech
from onrecord.model import Article, Block, DateRange, Kind, Span, Speaker, Statement
from onrecord.nlp.roles import RoleSpan
from onrecord.speakers.resolve import Mention, resolve_speakers

DIRECT_SHARE = 0.9  # content this much inside quotation marks is a direct quote; any less but some is mixed


@dataclass(frozen=True, slots=True)
class TaggedBlock:
    """A body paragraph and the role spans found in it (offsets relative to the paragraph)."""

    block: Block
    roles: tuple[RoleSpan, ...]


@dataclass(frozen=True, slots=True)
class _Located:
    draft: Draft  # offsets into the article
    block: Block
    kind: Kind


def extract(article: Article, tagged: Sequence[TaggedBlock], mentions: Sequence[Mention]) -> list[Statement]:
    text = article.text
    marks_stripped = not any(has_quote_marks(tb.block.span.text(text)) for tb in tagged)
    located: list[_Located] = []
    for tagged_block in tagged:
        paragraph = tagged_block.block.span.text(text)
        regions = quoted_regions(paragraph)
        for draft in link(paragraph, list(tagged_block.roles)):
            kind = _kind(paragraph, draft, regions, marks_stripped)
            if kind is Kind.DIRECT_UNMARKED:
                draft = extend_unmarked_quote(paragraph, draft, tagged_block.roles)
            located.append(_Located(_shift(draft, tagged_block.block.span.start), tagged_block.block, kind))

    speakers = resolve_speakers(text, [item.draft.source for item in located], mentions)
    statements: list[Statement] = []
    for item, speaker in zip(located, speakers):
        previous = statements[-1] if statements else None
        frame = attribution_frame(text, item.block.span, item.draft)
        channel = channels.channel(frame, previous.channel if previous else None)
        said_on = when.said_on(frame, article.published, previous.said_on if previous else None)
        if channel is None and said_on is None and previous and _continues(previous, speaker):
            # A speaker quoted again with no new time or place is, by newswire convention, still
            # speaking on the same occasion: carry it over and say so in the basis.
            channel = previous.channel
            said_on = replace(previous.said_on, basis="continued") if previous.said_on else None
        statements.append(
            Statement(
                content=item.draft.content,
                cue=item.draft.cue,
                source=item.draft.source,
                kind=item.kind,
                speaker=speaker,
                channel=channel,
                said_on=said_on,
                confidence=_confidence(item, speaker),
            )
        )
    return statements


def extend_unmarked_quote(paragraph: str, draft: Draft, roles: Sequence[RoleSpan]) -> Draft:
    """Grow a quote whose marks were stripped over the neighbouring sentences that are speech too.

    "We are aware … . I would tell you … . We neither … , he said." — the tagger tends to take only the
    sentence next to the cue; the sentences before it, with no other attribution in them and in the
    first or second person, belong to the same quote. After a colon ("Kirby added: …") the quote runs on.
    """
    if not draft.cue or not draft.content:
        return draft
    starts = sentence_starts(paragraph) + [len(paragraph)]
    taken = [r.span for r in roles if r.span not in draft.content]
    cue = draft.cue[0]
    start, end = draft.content[0].start, draft.content[-1].end

    def free(a: int, b: int) -> bool:
        return not any(s.start < b and s.end > a for s in taken)

    if end <= cue.start:
        for sentence_start in reversed([s for s in starts if s < start]):
            if not (free(sentence_start, start) and sounds_like_speech(paragraph[sentence_start:start])):
                break
            start = sentence_start
    elif start >= cue.end and ":" in paragraph[cue.end : start]:
        for sentence_end in [s for s in starts if s > end]:
            if not (free(end, sentence_end) and sounds_like_speech(paragraph[end:sentence_end])):
                break
            end = len(paragraph[:sentence_end].rstrip())
    content = list(draft.content)
    content[0] = Span(start, content[0].end)
    content[-1] = Span(content[-1].start, end)
    return replace(draft, content=tuple(content))


def attribution_frame(text: str, paragraph: Span, draft: Draft) -> str:
    """The cue's sentence with the content blanked out: where channel and time are named."""
    anchor = (draft.cue or draft.source or draft.content)[0]
    local = paragraph.text(text)
    starts = sentence_starts(local) + [len(local)]
    offset = anchor.start - paragraph.start
    start = max(s for s in starts if s <= offset)
    end = min((s for s in starts if s > offset), default=len(local))
    chars = list(local[start:end])
    for piece in draft.content:
        for i in range(max(piece.start - paragraph.start, start), min(piece.end - paragraph.start, end)):
            chars[i - start] = " "
    return "".join(chars)


def _kind(paragraph: str, draft: Draft, regions: list[Span], marks_stripped: bool) -> Kind:
    share = sum(quoted_share(c, regions) * (c.end - c.start) for c in draft.content) / max(
        1, sum(c.end - c.start for c in draft.content)
    )
    if share >= DIRECT_SHARE:
        return Kind.DIRECT
    if share > 0:
        return Kind.MIXED
    if marks_stripped and draft.cue and _set_off_from_cue(paragraph, draft):
        if any(sounds_like_speech(c.text(paragraph)) for c in draft.content):
            return Kind.DIRECT_UNMARKED
    return Kind.INDIRECT


def _set_off_from_cue(paragraph: str, draft: Draft) -> bool:
    """Quoted speech stands apart from its cue: "…, he said" or "he added: …"."""
    cue, first, last = draft.cue[0], draft.content[0], draft.content[-1]
    anchor = min([cue] + list(draft.source))
    if last.end <= anchor.start:
        return paragraph[last.end : anchor.start].strip() in {",", ""}
    return ":" in paragraph[cue.end : first.start]


def _continues(previous: Statement, speaker: Speaker | None) -> bool:
    return bool(
        speaker and previous.speaker and speaker.entity_id and speaker.entity_id == previous.speaker.entity_id
    )


def _confidence(item: _Located, speaker: Speaker | None) -> float:
    """A transparent score from how complete the attribution is; not a calibrated probability."""
    score = 0.4
    score += 0.2 if item.draft.cue else 0.0
    score += 0.15 if item.draft.source else 0.0
    score += 0.1 if speaker is not None else 0.0
    score += 0.15 if item.kind in (Kind.DIRECT, Kind.MIXED) else 0.05
    return min(score, 1.0)


def _shift(draft: Draft, offset: int) -> Draft:
    def move(spans: tuple[Span, ...]) -> tuple[Span, ...]:
        return tuple(Span(s.start + offset, s.end + offset) for s in spans)

    return Draft(move(draft.source), move(draft.cue), move(draft.content))
