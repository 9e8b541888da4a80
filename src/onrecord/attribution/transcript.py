"""Interview transcripts: "WALLACE: …" / "PENCE: …" turns, each a direct statement by its labelled speaker.

Takes the article text and its body blocks, gives one :class:`Turn` per speaker turn: the label is the
source, the colon the cue, and the content runs from the colon to the end of the turn, across the
paragraphs that continue it (newspapers open each of them with a quotation mark and no label) and up to
the next label or stage direction such as "(CROSSTALK.)". The tagger reads such a paragraph as an
unattributed quote; a turn found here replaces whatever it found in the blocks the turn covers.

A transcript is recognised only where at least two different speakers take turns, so an editorial tag
("UPDATE:", "EXCLUSIVE:", a headline's "FIX IS IN:") never becomes a speaker; in a Q&A the interviewer's
"Q:" counts as the second. A label in capitals takes one turn; a name written as usual ("Alvarez:")
must take two, so that a paragraph opening "Washington: …" or "Note: …" labels no one. Questions are
no statements: they end the answer before them and yield none.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from onrecord.attribution.link import Draft
from onrecord.model import Block, Span

_LABEL = re.compile(r"[\"“]?(?P<label>[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2}):[ \t\xa0]+(?=\S)")
# a name as a Q&A writes it ("Alvarez: …", "Gov. Rosa Alvarez: …"): a label only where it takes turns
_NAME_LABEL = re.compile(r"[\"“]?(?P<label>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}):[ \t\xa0]+(?=\S)")
_QUESTION = re.compile(r"[\"“]?Q[:.][ \t\xa0]+(?=\S)")  # an interviewer's question in a Q&A
_STAGE_DIRECTION = re.compile(r"[\"“]?\s*[(\[].*[)\]]\W*$", re.S)  # "(CROSSTALK.)", "[APPLAUSE]"
_CONTINUES = ('"', "“")
_EDITORIAL = frozenset(
    {"UPDATE", "UPDATED", "CORRECTION", "CLARIFICATION", "EDITOR'S NOTE", "EDITOR’S NOTE", "NOTE", "VIDEO",
     "WATCH", "PHOTOS", "PHOTO", "EXCLUSIVE", "BREAKING", "BYLINE", "EMAIL", "READ", "RELATED", "SOURCE",
     "SOURCES", "CREDIT", "LISTEN", "ANALYSIS", "OPINION", "LIVE", "FACT CHECK", "MORE", "ALSO", "Q", "A"}
)  # fmt: skip
_TRAILING = ' \t\r\n\xa0"”'


@dataclass(frozen=True, slots=True)
class Turn:
    draft: Draft  # offsets into the article
    block: int  # index of the labelled block where the turn starts


@dataclass(frozen=True, slots=True)
class Transcript:
    turns: tuple[Turn, ...] = ()
    covered: frozenset[int] = frozenset()  # blocks read here: turns, their continuations, stage directions


def read_transcript(text: str, blocks: Sequence[Block]) -> Transcript:
    """Every speaker turn of the article's transcript, in order; an empty one when it has none."""
    labelled: dict[int, re.Match[str]] = {}
    named: dict[int, re.Match[str]] = {}
    questions: set[int] = set()
    for i, block in enumerate(blocks):
        if _QUESTION.match(text, block.span.start, block.span.end):
            questions.add(i)
            continue
        match = _LABEL.match(text, block.span.start, block.span.end)
        if match and match.group("label") not in _EDITORIAL:
            labelled[i] = match
        elif (match := _NAME_LABEL.match(text, block.span.start, block.span.end)) is not None:
            if match.group("label").upper() not in _EDITORIAL:
                named[i] = match
    turns_taken = Counter(match.group("label") for match in named.values())
    labelled.update({i: match for i, match in named.items() if turns_taken[match.group("label")] >= 2})
    labelled = dict(sorted(labelled.items()))
    if len({m.group("label") for m in labelled.values()}) + bool(questions) < 2:
        return Transcript()
    turns, covered = [], set(labelled) | questions
    for i, match in labelled.items():
        last = i
        for j in range(i + 1, len(blocks)):
            body = blocks[j].span.text(text)
            if _STAGE_DIRECTION.match(body):
                covered.add(j)
                break
            if j in labelled or j in questions or not body.startswith(_CONTINUES):
                break
            covered.add(j)
            last = j
        end = blocks[last].span.end
        while end > match.end() and text[end - 1] in _TRAILING:
            end -= 1
        colon = match.end("label")
        draft = Draft(
            source=(Span(match.start("label"), colon),),
            cue=(Span(colon, colon + 1),),
            content=(Span(match.end(), end),),
        )
        turns.append(Turn(draft, i))
    return Transcript(tuple(turns), frozenset(covered))
