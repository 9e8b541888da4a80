"""Join role spans into attributions: each cue takes its nearest content pieces and its nearest source.

Takes one paragraph's text and its role spans (SOURCE / CUE / CONTENT, offsets into the paragraph), gives
:class:`Draft` attributions. Linking is by distance in characters, preferring the cue's own sentence:
with gold spans this simple rule links almost every attribution right, so errors come from the spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from onrecord.attribution.quotes import quoted_regions, quoted_share
from onrecord.attribution.sentences import sentence_index, sentence_starts
from onrecord.model import Span
from onrecord.nlp.roles import RoleSpan

_COMPLEMENT = re.compile(r"(?:that|whether|if)\b", re.I)
# "Asked whether the fee was too high, Lage replied: …": the question opening the sentence is a
# reporter's, unnamed; the sentence's subject is the one asked (PolNeAR train: 44 of 51 such cues
# have no source)
_ASKED_OPENER = re.compile(r"(?:when\s+|after\s+being\s+)?asked\b", re.I)
_SUBORDINATE = re.compile(
    r"[\s,;]*(?:after|before|when|while|because|since|although|though|until|once|as\s+soon\s+as)\s", re.I
)
_OTHER_SENTENCE = 10_000  # distance penalty: a span in another sentence loses to any span in the same one


@dataclass(frozen=True, slots=True)
class Draft:
    source: tuple[Span, ...]
    cue: tuple[Span, ...]
    content: tuple[Span, ...]


def _gap(a: Span, b: Span) -> int:
    return max(b.start - a.end, a.start - b.end, 0)


def _same_sentence(starts: list[int], a: Span, b: Span) -> bool:
    return sentence_index(starts, a.start) == sentence_index(starts, b.start)


def _distance(starts: list[int], a: Span, b: Span) -> int:
    return _gap(a, b) + (0 if _same_sentence(starts, a, b) else _OTHER_SENTENCE)


def link(text: str, roles: list[RoleSpan], quoted: Sequence[Span] | None = None) -> list[Draft]:
    """Group one paragraph's role spans into attributions (cue-less contents become cue-less drafts).

    ``quoted`` are the paragraph's quotations (by default, those its quotation marks show).
    """
    starts = sentence_starts(text)
    by_label: dict[str, list[Span]] = {"SOURCE": [], "CUE": [], "CONTENT": []}
    for role in roles:
        by_label[role.label].append(role.span)
    sources, cues, contents = (sorted(by_label[k]) for k in ("SOURCE", "CUE", "CONTENT"))

    if not cues:
        return [Draft(_nearest(starts, sources, content), (), (content,)) for content in contents]

    contents_of: dict[Span, list[Span]] = {cue: [] for cue in cues}
    quotes = quoted_regions(text) if quoted is None else list(quoted)
    alone: list[Span] = []
    for content in contents:
        if not any(_same_sentence(starts, c, content) for c in cues) and quoted_share(content, quotes) < 0.5:
            # A quote runs on past its cue's sentence ("“…,” he said. “…”"), reported speech does not:
            # an unquoted content in a sentence without a cue has a cue the tagger missed, and joining
            # it to another sentence's cue would spoil that attribution too.
            alone.append(content)
            continue
        candidates = cues
        # a that-clause follows its own verb ("said in a statement that …, but he called for …"), and a
        # quote in a sentence of its own runs on from the words before it ("“It never fit,” said Haddad.
        # “They bought a factory …” Haddad estimated …"), not into the next sentence's
        runs_on = not any(_same_sentence(starts, c, content) for c in cues)
        if runs_on or _COMPLEMENT.match(text, content.start):
            candidates = [c for c in cues if c.end <= content.start] or cues
        # "… voted to end the strike, after the port authority agreed to …": a cue in a clause that
        # follows the content as its time or cause reports something else, and what the content's own
        # sentence then lacks, another sentence's cue does not give to reported speech
        kept = [c for c in candidates if not _in_a_clause_after(text, content, c)]
        if len(kept) < len(candidates):
            reported = quoted_share(content, quotes) < 0.5
            if not kept or (reported and not any(_same_sentence(starts, c, content) for c in kept)):
                alone.append(content)
                continue
            candidates = kept
        cue = min(candidates, key=lambda c: _distance(starts, c, content))
        contents_of[cue].append(content)

    drafts = []
    sentence_of = {span: sentence_index(starts, span.start) for span in [*sources, *cues]}
    with_a_cue = {sentence_of[c] for c in cues}
    for cue in cues:
        if not contents_of[cue]:
            continue
        # a source in another sentence that has a cue of its own is that cue's ("X, speaking on
        # condition of anonymity, said …. Okafor would not confirm it": Okafor did not say it)
        free = [s for s in sources if sentence_of[s] == sentence_of[cue] or sentence_of[s] not in with_a_cue]
        if _opens_with_a_question_asked(text, starts[sentence_of[cue]], cue):
            free = []  # the reporter who asked is not named
        drafts.append(Draft(_nearest(starts, free, cue), (cue,), tuple(contents_of[cue])))
    for content in alone:
        own = [s for s in sources if _same_sentence(starts, s, content)]
        own = [s for s in own if not _in_a_clause_after(text, content, s)]
        drafts.append(Draft(_nearest(starts, own, content), (), (content,)))
    return sorted(drafts, key=lambda d: (d.cue or d.content)[0])  # in text order, as before


def _in_a_clause_after(text: str, content: Span, span: Span) -> bool:
    """Is ``span`` in a clause that follows ``content`` to say when or why (", after …", "because …")?"""
    return span.start >= content.end and _SUBORDINATE.match(text, content.end, span.start) is not None


def _opens_with_a_question_asked(text: str, sentence_start: int, cue: Span) -> bool:
    opener = _ASKED_OPENER.match(text, sentence_start)
    return opener is not None and opener.start() <= cue.start < opener.end()


def _nearest(starts: list[int], candidates: list[Span], anchor: Span) -> tuple[Span, ...]:
    if not candidates:
        return ()
    return (min(candidates, key=lambda s: _distance(starts, s, anchor)),)
