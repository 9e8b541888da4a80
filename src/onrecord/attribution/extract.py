"""The attribution cascade: role spans per paragraph in, finished statements out.

Takes an :class:`~onrecord.model.Article`, the role spans the tagger found in each body block, and the
article's named-entity mentions; gives :class:`~onrecord.model.Statement` values. Cheap rules run
after the learned spans, each filling only what the model leaves open: reporting frames the tagger
missed, interview transcripts, the kind of report, the speaker, the channel and the said-on date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterator, Sequence

from onrecord.attribution import channel as channels
from onrecord.attribution import cues, when
from onrecord.attribution.cues import INVERTED_SPEECH_VERBS, SOURCELESS_CUE
from onrecord.attribution.frames import (
    adjacent_source,
    anonymity_notes,
    anonymity_roles,
    frame_roles,
    headline_roles,
    lead_in,
    signature_roles,
    trimmed,
)
from onrecord.attribution.link import Draft, link
from onrecord.attribution.quotes import left_open, opens_with_a_quote, quoted_regions, quoted_share
from onrecord.attribution.reported import reported_statements
from onrecord.attribution.sentences import sentence_index, sentence_starts
from onrecord.attribution.transcript import read_transcript
from onrecord.ingest.blocks import dateline_end
from onrecord.model import Article, Block, Kind, Span, Speaker, Statement
from onrecord.nlp.roles import RoleSpan
from onrecord.speakers.resolve import Mention, names_people, resolve_speakers

DIRECT_SHARE = 0.9  # content this much inside quotation marks is a direct quote; any less but some is mixed
# When and how are said beside the cue, not by it: "added at the time:" and "said in a written
# statement" are the cues "added" and "said"; channel.py and when.py read those words from the frame.
# (PolNeAR sometimes keeps "said in a statement" whole; the seed contract wants "said": we side with it.
# A bare weekday stays, as PolNeAR keeps it: "said Friday" is its cue, which the seed does not contradict.)
_CUE_TAIL = re.compile(
    r"\s+(?:in|at|on|after|before|during|via|through)\s+\S.*$"  # a phrase, not a particle ("called on")
    r"|\s+(?:last|this|earlier|later|again|then|today|yesterday)\b.*$"
    r"|[\s:;,—–-]+$",
    re.S,
)
# a cue the tail is trimmed from: a verb of saying, whose time and channel follow it ("said in a statement")
_SAYING_CUE = re.compile(
    rf"(?:(?:also|has|have|had|\w+ly)\s+)*"
    rf"(?:{INVERTED_SPEECH_VERBS}|announced|told|tells|reported|reports)\b",
    re.I,
)
_SOURCELESS = re.compile(SOURCELESS_CUE + r"(?:\s+(?:to|as|for|about|by|that))?[\s:,]*", re.I)


@dataclass(frozen=True, slots=True)
class TaggedBlock:
    """A body paragraph and the role spans found in it (offsets relative to the paragraph)."""

    block: Block
    roles: tuple[RoleSpan, ...]
    restored_quotes: tuple[Span, ...] = ()  # quotes whose stripped marks were put back before tagging


@dataclass(frozen=True, slots=True)
class _Located:
    draft: Draft  # offsets into the article
    block: Block
    kind: Kind


@dataclass(frozen=True, slots=True)
class _LeadIn:
    """A paragraph's source and cue announcing the block quote that follows ("Limbaugh added:").

    Offsets are into the article. The quote is the next paragraph, and the ones after it while its
    quotation mark stays open and each opens with a mark again (newspapers' way of running a quote on).
    """

    block: Block  # the announcing paragraph, whose sentence holds the channel and the date
    source: Span
    cue: Span
    content: tuple[Span, ...] = ()
    kind: Kind = Kind.DIRECT_UNMARKED  # a block quote is a quote even when it lost its marks
    runs_on: bool = False

    @classmethod
    def of(cls, block: Block, paragraph: str, source: Span, cue: Span) -> _LeadIn:
        cue = _trim_cue(paragraph, cue)
        at = block.span.start
        return cls(block, Span(source.start + at, source.end + at), Span(cue.start + at, cue.end + at))

    def continued_by(self, paragraph: str) -> bool:
        return opens_with_a_quote(paragraph)

    def quoting(self, span: Span, paragraph: str, marked: list[Span]) -> _LeadIn:
        piece = trimmed(paragraph, 0, len(paragraph))
        if not self.content and _share((piece,), marked) >= DIRECT_SHARE:
            kind = Kind.DIRECT
        else:
            kind = self.kind
        runs_on = left_open(paragraph, marked)
        moved = Span(piece.start + span.start, piece.end + span.start)
        return replace(self, content=self.content + (moved,), kind=kind, runs_on=runs_on)

    def located(self) -> _Located:
        return _Located(Draft((self.source,), (self.cue,), self.content), self.block, self.kind)


def extract(article: Article, tagged: Sequence[TaggedBlock], mentions: Sequence[Mention]) -> list[Statement]:
    text = article.text
    transcript = read_transcript(text, [t.block for t in tagged])
    turns = {turn.block: turn for turn in transcript.turns}
    located: list[_Located] = []
    lead: _LeadIn | None = None  # the source and cue of a paragraph ending "Limbaugh added:"
    for i, tagged_block in enumerate(tagged):
        paragraph = tagged_block.block.span.text(text)
        if lead and lead.content and (i in transcript.covered or not lead.continued_by(paragraph)):
            located.append(lead.located())  # a quote left open that this paragraph does not continue
            lead = None
        if i in turns:
            located.append(_Located(turns[i].draft, tagged_block.block, Kind.DIRECT))
        if i in transcript.covered:
            lead = None
            continue
        marked = quoted_regions(paragraph)
        if lead is not None:
            # The paragraph is the block quote its predecessor announced. What the tagger read inside it
            # is the quoted speaker's own words, which neither PolNeAR nor a reader splits off.
            lead = lead.quoting(tagged_block.block.span, paragraph, marked)
            if not lead.runs_on:
                located.append(lead.located())
                lead = None
            continue
        roles = _occasion_read_as_content(paragraph, _after_dateline(paragraph, tagged_block.roles))
        roles = _people_after_inverted_cue(paragraph, _name_before_its_appositive(paragraph, roles))
        roles = _people_before_their_cue(paragraph, _name_before_its_relative_clause(paragraph, roles))
        roles = _content_after_the_addressee(paragraph, _cue_cut_from_its_source(paragraph, roles))
        if i == 0:
            names = {m.span.text(text) for m in mentions if m.label in {"PERSON", "ORG"}}
            roles += headline_roles(paragraph, roles, names)
        roles = anonymity_roles(paragraph, roles)
        roles = frame_roles(paragraph, roles)
        roles += signature_roles(paragraph, roles)
        located += _paragraph_statements(tagged_block, paragraph, roles, marked)
        introduced = lead_in(paragraph, roles)
        lead = _LeadIn.of(tagged_block.block, paragraph, *introduced) if introduced else None
    if lead is not None and lead.content:  # the article ends inside a quote that never closes
        located.append(lead.located())
    located = _join_running_quotes(text, [t.block for t in tagged], located)
    # Unquoted content with neither cue nor source, once every rule has had its say, attributes nothing
    # to anyone: the tagger read a narrative sentence as reported ("Carvalho, 51, had been appointed in
    # June."). PolNeAR has no such attribution (1 of 19,822 in train lacks a cue), and keeping it would
    # also hide the names inside it from the pronouns that follow. A quotation stays: someone said it.
    located = [item for item in located if item.draft.cue or item.draft.source or item.kind != Kind.INDIRECT]

    writer = narrative_writer(article)
    speakers = resolve_speakers(
        text,
        [item.draft.source for item in located],
        mentions,
        [item.draft.content for item in located],
        writer=writer,
    )
    statements: list[Statement] = []
    reported = [piece for item in located for piece in item.draft.content]  # no statement's frame
    for item, speaker in zip(located, speakers):
        previous = statements[-1] if statements else None
        frame = attribution_frame(text, item.block.span, item.draft, reported)
        channel = channels.channel(frame, previous.channel if previous else None)
        said_on = when.said_on(frame, article.published, previous.said_on if previous else None)
        standing = any(cues.is_standing(cue.text(text)) for cue in item.draft.cue)  # "has long backed"
        continues = previous is not None and not standing and _continues(previous, speaker)
        if said_on is None and continues:
            # A speaker quoted again with no new time is, by newswire convention, still speaking on
            # the same occasion ("said on Monday … Brandt told reporters at City Hall"): carry its date
            # over, and its channel where none is named, and say so in the basis.
            channel = channel or previous.channel
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
    return reported_statements(text, statements, mentions, article.published, writer)


def _after_dateline(paragraph: str, roles: Sequence[RoleSpan]) -> list[RoleSpan]:
    """The roles with a story's dateline cut from the one it opens: "BOLOGNA, Italy (AP) - " is where
    the story was filed, not part of what was said."""
    begins = dateline_end(paragraph)
    return [
        RoleSpan(r.label, Span(begins, r.span.end)) if r.span.start < begins else r
        for r in roles
        if r.span.end > begins
    ]


# A name alone, and the role set off after it: "[Price], [a former teacher], said she …"
_BARE_NAME = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}")
_APPOSITIVE_ROLE = re.compile(r"(?:a|an|the)\s+[a-z]")


def _name_before_its_appositive(paragraph: str, roles: Sequence[RoleSpan]) -> list[RoleSpan]:
    """A name the tagger read as content right before a source that is an appositive role joins that
    source: in "Price, a former teacher, said she was confident" the tagger can mark "Price" as content
    and "a former teacher" as the source, and the speaker would be "former teacher"."""
    sources = [r for r in roles if r.label == "SOURCE"]
    joined: dict[RoleSpan, RoleSpan] = {}
    for role in roles:
        if role.label != "CONTENT" or not _BARE_NAME.fullmatch(role.span.text(paragraph)):
            continue
        for source in sources:
            between = paragraph[role.span.end : source.span.start]
            if between.strip() == "," and _APPOSITIVE_ROLE.match(paragraph, source.span.start):
                joined[role] = source
    if not joined:
        return list(roles)
    grown = {source: RoleSpan("SOURCE", Span(name.span.start, source.span.end))
             for name, source in joined.items()}  # fmt: skip
    return [grown.get(r, r) for r in roles if r not in joined]


# A name, then a relative clause about it up to the source's cue: "Dressler, who has been endorsed by
# [the police union], said …" (the source the tagger marked lies inside the clause)
_NAME_AND_RELATIVE_CLAUSE = re.compile(
    r"(?:^|(?<=[\s“\"]))(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}),"
    r"\s+(?:who|whose)\b[^,;:.!?\"“”]*$"
)


def _name_before_its_relative_clause(paragraph: str, roles: Sequence[RoleSpan]) -> list[RoleSpan]:
    """A source inside a relative clause that hangs on a name right before the cue gives way to that
    name: in "Dressler, who has been endorsed by the state's largest police union, said …" the tagger
    can mark the union as the source of "said"."""
    cues = [r for r in roles if r.label == "CUE"]
    moved: dict[RoleSpan, RoleSpan] = {}
    for role in roles:
        if role.label != "SOURCE" or not any(
            paragraph[role.span.end : cue.span.start].strip() == "," for cue in cues
        ):
            continue
        opened = _NAME_AND_RELATIVE_CLAUSE.search(paragraph, max(0, role.span.start - 200), role.span.start)
        if opened is not None:
            moved[role] = RoleSpan("SOURCE", Span(opened.start("name"), opened.end("name")))
    # a role the tagger marked inside the clause ("[Dressler], who [has been endorsed]") says nothing
    inside = {r for r in roles if any(m.span.start <= r.span.start and r.span.end <= s.span.end
                                      for s, m in moved.items()) and r not in moved}  # fmt: skip
    return [moved.get(r, r) for r in roles if r not in inside]


# The occasion a sentence opens with: "[At a news conference in Raleigh], Price said …"
_OCCASION_OPENER = re.compile(r"(?:At|In|During|On|Speaking|Addressing|Asked|After|Before)\b[^,;:\"“”]*")


def _occasion_read_as_content(paragraph: str, roles: Sequence[RoleSpan]) -> list[RoleSpan]:
    """The clause after a cue, where the tagger read the sentence's opening occasion as the content
    and left the clause untouched: in "At a news conference in Raleigh, Price said at least three
    people had died", what Price said is the clause, not where."""
    ordered = sorted(roles, key=lambda r: r.span.start)
    replaced: dict[RoleSpan, RoleSpan] = {}
    for i, role in enumerate(ordered):
        if role.label != "CONTENT" or not _OCCASION_OPENER.fullmatch(role.span.text(paragraph)):
            continue
        after = ordered[i + 1 : i + 3]
        cue = next((r for r in after if r.label == "CUE"), None)
        if cue is None or any(r.label == "CONTENT" for r in after if r.span.start < cue.span.start):
            continue
        if not re.fullmatch(r"\s*,\s*", paragraph[role.span.end : after[0].span.start]):
            continue
        end = next((s for s in sentence_starts(paragraph) if s > cue.span.end), len(paragraph))
        if any(cue.span.end <= r.span.start < end for r in ordered):
            continue  # the tagger marked something after the cue: not an occasion misread
        clause = trimmed(paragraph, cue.span.end, end)
        if len(clause.text(paragraph).split()) >= 3:
            replaced[role] = RoleSpan("CONTENT", clause)
    return [replaced.get(r, r) for r in roles]


# A short noun phrase that names people, ending at a clause: after an inverted cue ("…, said [the people],
# who spoke on condition of anonymity"), or opening a sentence ("[Another resident], who …, said …").
_PEOPLE = re.compile(
    r"(?:(?:the|a|an|two|three|four|five|several|both|other|these|those)\s+)?(?:[\w'’-]+\s+){0,3}?"
    r"(?P<head>[a-z]+)(?=\s*(?:[,.;]|$))",
    re.IGNORECASE,
)
# what may follow the people before their cue: a clause about them, set off by commas
_CLAUSE_ABOUT_THEM = re.compile(r"(?:,\s+(?:who|speaking|requesting)\b[^,;:\"“”]*)?,?\s*")


def _people_phrase(text: str) -> re.Match | None:
    people = _PEOPLE.match(text)
    return people if people and names_people(people["head"]) else None


def _content_cue_content(roles: Sequence[RoleSpan]) -> Iterator[tuple[RoleSpan, RoleSpan, RoleSpan]]:
    """Each content, cue and content that follow one another, in the order of the text."""
    ordered = sorted(roles, key=lambda r: r.span.start)
    for triple in zip(ordered, ordered[1:], ordered[2:]):
        if tuple(r.label for r in triple) == ("CONTENT", "CUE", "CONTENT"):
            yield triple


def _people_after_inverted_cue(paragraph: str, roles: Sequence[RoleSpan]) -> list[RoleSpan]:
    """In "The talks may not lead to a deal, said the people, who spoke on condition of anonymity" the
    tagger can read the words after "said" as a second content: when they open with a noun phrase
    headed by a people noun, that phrase is the source and the clause about it is no content. A clause
    the tagger left between the content and the cue ("…next week, though the talks could still fall
    apart, said the people") is the rest of the content."""
    fixed = list(roles)
    for before, cue, after in _content_cue_content(roles):
        gap = paragraph[before.span.end : cue.span.start]
        clause_left_out = _CLAUSE_BEFORE_INVERTED_CUE.fullmatch(gap) is not None
        inverted = clause_left_out or re.fullmatch(r"[,\s\"”’']*", gap)
        if not inverted or not re.fullmatch(INVERTED_SPEECH_VERBS, cue.span.text(paragraph), re.IGNORECASE):
            continue
        if paragraph[cue.span.end : after.span.start].strip():
            continue
        people = _people_phrase(after.span.text(paragraph))
        if people:
            source = Span(after.span.start, after.span.start + people.end())
            fixed[fixed.index(after)] = RoleSpan("SOURCE", source)
            if clause_left_out:
                whole = trimmed(paragraph, before.span.start, cue.span.start)
                fixed[fixed.index(before)] = RoleSpan("CONTENT", whole)
    return fixed


# a clause the tagger left out between a content and its inverted cue: ", though the talks could fall
# apart, " (within the sentence: no full stop, no quotation mark)
_CLAUSE_BEFORE_INVERTED_CUE = re.compile(r",\s+[a-z][^.!?;:\"“”]*,\s*")


def _people_before_their_cue(paragraph: str, roles: Sequence[RoleSpan]) -> list[RoleSpan]:
    """In "Another resident, who did not want to be named, said the protests had been …" the tagger can
    read the speaker as a first content: a noun phrase headed by a people noun that opens its sentence,
    with at most a clause about it, right before a speech cue with a content after it, is the source."""
    starts = sentence_starts(paragraph)
    fixed = list(roles)
    for before, cue, _ in _content_cue_content(roles):
        opening = starts[sentence_index(starts, before.span.start)]
        between = paragraph[before.span.end : cue.span.start]
        if paragraph[opening : before.span.start].strip() or between.strip(", "):
            continue
        if not re.fullmatch(cues.SPEECH_VERBS, cue.span.text(paragraph), re.IGNORECASE):
            continue
        words = before.span.text(paragraph)
        people = _people_phrase(words)
        if people and _CLAUSE_ABOUT_THEM.fullmatch(words, people.end()):
            fixed[fixed.index(before)] = RoleSpan("SOURCE", before.span)
    return fixed


_SOURCE_ENDING_IN_ITS_CUE = re.compile(rf"\s(?P<cue>{INVERTED_SPEECH_VERBS}|told)$")


def _cue_cut_from_its_source(paragraph: str, roles: Sequence[RoleSpan]) -> list[RoleSpan]:
    """A source the tagger ran on over its verb, with no cue beside it ("[A person familiar with the
    talks who was not authorized to speak publicly told] reporters the deal was close"): the verb is
    the cue."""
    starts = sentence_starts(paragraph)
    with_a_cue = {sentence_index(starts, r.span.start) for r in roles if r.label == "CUE"}
    fixed = []
    for role in roles:
        verb = _SOURCE_ENDING_IN_ITS_CUE.search(role.span.text(paragraph)) if role.label == "SOURCE" else None
        if verb and sentence_index(starts, role.span.start) not in with_a_cue:
            cue = Span(role.span.start + verb.start("cue"), role.span.end)
            source = trimmed(paragraph, role.span.start, cue.start)
            fixed += [RoleSpan("SOURCE", source), RoleSpan("CUE", cue)]
        else:
            fixed.append(role)
    return fixed


# "told [reporters outside the courthouse] that …": the words between a telling cue and its "that" say
# whom and where, not what
_TELLING_CUE = re.compile(r"(?:told|tells?|telling|assured|informed|reminded)", re.IGNORECASE)
_ADDRESSEE_BEFORE_THAT = re.compile(r"(?:[\w'’-]+\s+){1,4}?(?=that\s)")
_JUST_AFTER = re.compile(r"[^,;:\"“”]{1,40}")


def _content_after_the_addressee(paragraph: str, roles: Sequence[RoleSpan]) -> list[RoleSpan]:
    """A content the tagger starts on the words after "told reporters" ("the courthouse that the group
    would …") starts at its "that"."""
    telling = [r for r in roles if r.label == "CUE" and _TELLING_CUE.fullmatch(r.span.text(paragraph))]
    cue_ends = {r.span.end for r in telling}
    fixed = []
    for role in roles:
        # right after the cue's own words: not a quote resumed after it ("The difference now, he told me,
        # is that …")
        told = any(_JUST_AFTER.fullmatch(paragraph[end : role.span.start]) for end in cue_ends)
        addressee = _ADDRESSEE_BEFORE_THAT.match(paragraph, role.span.start, role.span.end) if told else None
        if role.label == "CONTENT" and addressee:
            role = RoleSpan("CONTENT", Span(addressee.end(), role.span.end))
        fixed.append(role)
    return fixed


def narrative_writer(article: Article) -> str | None:
    """The byline's one author, the "I" of the narrative; None when several wrote it or none is named."""
    return article.authors[0] if len(article.authors) == 1 else None


def _join_running_quotes(text: str, blocks: list[Block], located: list[_Located]) -> list[_Located]:
    """One statement for a quote that runs on across paragraphs.

    Newspapers continue a quote by leaving its mark open at the end of a paragraph and opening the next
    paragraph with a mark again; the cue sits in only one of them ("Sandu said" in the first or in the
    last). A cue-less piece of such a quote joins the attribution in the paragraph beside it.
    """
    following = {a.span: b for a, b in zip(blocks, blocks[1:])}
    joined: list[tuple[_Located, Block]] = []  # each statement with the last paragraph its content reaches
    for item in located:
        if joined:
            previous, reached = joined[-1]
            block = item.block if item.draft.cue else _block_of(item.draft.content[0], blocks)
            if following.get(reached.span) == block and _runs_on(
                text, previous.draft, reached, item.draft, block
            ):
                cued = previous if previous.draft.cue else item
                content = previous.draft.content + item.draft.content
                joined[-1] = (replace(cued, draft=replace(cued.draft, content=content)), block)
                continue
        last = item.draft.content[-1] if item.draft.content else None
        joined.append((item, _block_of(last, blocks) if last else item.block))
    return [item for item, _ in joined]


def _block_of(span: Span, blocks: list[Block]) -> Block:
    return next(b for b in blocks if b.span.start <= span.start < b.span.end)


def _runs_on(text: str, before: Draft, first: Block, after: Draft, second: Block) -> bool:
    """Whether ``before`` ends a paragraph inside an open quote that ``after`` continues, one of them cued."""
    if bool(before.cue) == bool(after.cue) or not before.content or not after.content:
        return False
    paragraph = first.span.text(text)
    marked = quoted_regions(paragraph)
    if not left_open(paragraph, marked):
        return False
    if second.span.text(text).lstrip()[:1] != paragraph[marked[-1].start - 1]:
        return False  # a quote reopens with the mark it opened with; another mark is a quote inside a quote
    tail = text[before.content[-1].end : first.span.end]
    head = text[second.span.start : after.content[0].start]
    return not tail.strip(" \"“”’'.,;!?") and not head.strip(" \"“‘'")


def _paragraph_statements(
    tagged_block: TaggedBlock, paragraph: str, roles: list[RoleSpan], marked: list[Span]
) -> list[_Located]:
    """The attributions the roles of one paragraph make, with offsets moved into the article."""
    located = []
    notes = anonymity_notes(paragraph)
    previous: Draft | None = None
    for draft in link(paragraph, roles, marked + list(tagged_block.restored_quotes)):
        anchor = (draft.cue or draft.content)[0]
        if any(note.start <= anchor.start < note.end for note in notes):
            continue
        if _subject_is_content(paragraph, draft):
            draft = replace(draft, source=(), content=tuple(sorted(draft.source + draft.content)))
        elif draft.cue and not draft.source:
            implied = adjacent_source(paragraph, draft.cue[0], [r.span for r in roles])
            if implied is None and previous is not None and _coordinated(paragraph, previous, draft):
                implied = previous.source[0]  # "… said residents were shaken and called for …"
            draft = replace(draft, source=(implied,) if implied else ())
        previous = draft
        kind = _kind(draft, marked, tagged_block.restored_quotes)
        draft = replace(draft, cue=tuple(_trim_cue(paragraph, cue) for cue in draft.cue))
        located.append(_Located(_shift(draft, tagged_block.block.span.start), tagged_block.block, kind))
    return located


def _coordinated(paragraph: str, before: Draft, draft: Draft) -> bool:
    """Is ``draft``'s cue a verb joined by "and" to the attribution ``before`` it, so sharing its source?"""
    if not before.source or not before.content or not before.cue:
        return False
    between = paragraph[before.content[-1].end : draft.cue[0].start]
    joined = re.fullmatch(r"[\s\"”’]*,?\s*and\s+", between) is not None
    return joined and before.cue[0].start < draft.cue[0].start


def _subject_is_content(paragraph: str, draft: Draft) -> bool:
    """A passive or raising cue whose "source" is its grammatical subject, just before it."""
    if not draft.cue or not draft.source or draft.source[0].end > draft.cue[0].start:
        return False
    return bool(_SOURCELESS.fullmatch(paragraph, draft.cue[0].start, draft.cue[0].end))


def _trim_cue(paragraph: str, cue: Span) -> Span:
    if not _SAYING_CUE.match(paragraph, cue.start, cue.end):
        return cue  # "went on to discuss", "weighed in on": the words after the verb are the cue's own
    tail = _CUE_TAIL.search(paragraph, cue.start, cue.end)
    return Span(cue.start, tail.start()) if tail and tail.start() > cue.start else cue


# A relative clause about someone ("Virtanen, who took office in June, said", "… said Santos, who retired
# last year."): its date and place are not those of the words reported, unless it tells how they were said.
_DESCRIPTIVE_CLAUSE = re.compile(r",\s+(?:who|whom|whose|which)\b[^,;:]*(?:,|[.!?]?\s*$)")
_SPEAKING = re.compile(
    r"\b(?:speak\w*|spoke\w*|said|says|told|tell\w*|address\w*|appear\w*|wrote|writ\w*|post\w*|tweet\w*)\b",
    re.IGNORECASE,
)


# A content that ends on the occasion it was said on, as a tagger reads a noun-phrase content: "welcomed
# [the decision in a post on X on Thursday evening]".
_OCCASION_TAIL = re.compile(
    r"\s(?:in|on|at|during|via)\s+(?:a|an|the|his|her|its|their)\s+(?:[\w-]+\s+){0,3}"
    r"(?:post|statement|interview|letter|e-?mail|video|speech|briefing|news\s+conference|address|tweet"
    r"|podcast|filing|call)\b[^.;:\"“”]*$"
)


_ACCORDING_TO = re.compile(r"according\s+to\b", re.I)
_CLAUSE_CUE = re.compile(rf"\b(?:{INVERTED_SPEECH_VERBS}|told|tells|announced)\b", re.I)


def attribution_frame(text: str, paragraph: Span, draft: Draft, reported: Sequence[Span] = ()) -> str:
    """The cue's sentence with the content blanked out: where channel and time are named. ``reported``
    is what other statements report, blanked too: "Sandvik said the club would return in January,
    adding: …" does not date the addition in January."""
    anchor = (draft.cue or draft.source or draft.content)[0]
    local = paragraph.text(text)
    starts = sentence_starts(local) + [len(local)]
    offset = anchor.start - paragraph.start
    index = sentence_index(starts, offset)
    start, end = starts[index], starts[index + 1]
    chars = list(local[start:end])
    for piece in (*draft.content, *reported):
        for i in range(max(piece.start - paragraph.start, start), min(piece.end - paragraph.start, end)):
            chars[i - start] = " "
    if draft.content and draft.cue and not _CLAUSE_CUE.search(draft.cue[0].text(text)):
        # "welcomed [the decision in a post on X on Thursday]": the occasion is the cue's, where "said
        # [the plan would be discussed in a letter]" reports one
        last = draft.content[-1]
        occasion = _OCCASION_TAIL.search(text, last.start, last.end)
        if occasion and start <= last.start - paragraph.start:
            lo, hi = occasion.start() - paragraph.start - start, occasion.end() - paragraph.start - start
            chars[lo:hi] = local[start + lo : start + hi]
    if draft.content and draft.cue and draft.content[-1].end <= draft.cue[0].start:
        # "… is expected in Beirut on Thursday, according to two officials": what stands between the
        # content and a source named after it belongs to the content; "according to" has no occasion
        if _ACCORDING_TO.match(text, draft.cue[0].start):
            lo = max(draft.content[-1].end - paragraph.start - start, 0)
            hi = max(draft.cue[0].start - paragraph.start - start, lo)
            chars[lo:hi] = " " * (hi - lo)
    cues = [cue.start - paragraph.start for cue in draft.cue]
    for clause in _DESCRIPTIVE_CLAUSE.finditer(local, start, end):
        if any(clause.start() <= cue < clause.end() for cue in cues):
            continue  # "Cruz, who refused to endorse Trump during a speech in July": the statement itself
        if not _SPEAKING.search(clause.group()):  # "who spoke at a briefing Tuesday" dates the words
            chars[clause.start() - start : clause.end() - start] = " " * (clause.end() - clause.start())
    return "".join(chars)


def _kind(draft: Draft, marked: list[Span], restored: tuple[Span, ...]) -> Kind:
    unmarked = _share(draft.content, restored)
    if unmarked >= DIRECT_SHARE:
        return Kind.DIRECT_UNMARKED
    share = _share(draft.content, marked) + unmarked
    if share >= DIRECT_SHARE:
        return Kind.DIRECT
    return Kind.MIXED if share > 0 else Kind.INDIRECT


def _share(content: tuple[Span, ...], regions: Sequence[Span]) -> float:
    total = sum(c.end - c.start for c in content)
    inside = sum(quoted_share(c, list(regions)) * (c.end - c.start) for c in content)
    return inside / total if total else 0.0


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
    return min(score, 0.95)  # rules never make a statement certain


def _shift(draft: Draft, offset: int) -> Draft:
    def move(spans: tuple[Span, ...]) -> tuple[Span, ...]:
        return tuple(Span(s.start + offset, s.end + offset) for s in spans)

    return Draft(move(draft.source), move(draft.cue), move(draft.content))
