"""Canonical reporting frames as patterns, for sentences where the tagger found no role at all.

Takes a paragraph and the role spans already found in it, gives extra :class:`RoleSpan` values for
sentences of the shapes newswire uses most ("…, a source said." / "…, according to X." /
"X said (that) …."). High precision by construction: a frame only touches a sentence where the tagger
found no content, and adds only the roles that overlap nothing the tagger found.
"""

from __future__ import annotations

import re
from typing import Collection, Sequence

from onrecord.attribution.cues import INVERTED_SPEECH_VERBS, SHORT_SOURCE, SPEECH_VERBS
from onrecord.attribution.sentences import sentence_index, sentence_starts
from onrecord.ingest.blocks import dateline_end
from onrecord.model import Span
from onrecord.nlp.roles import RoleSpan
from onrecord.speakers.resolve import ANONYMITY_CLAUSE

_WHEN_OR_WHERE = (
    r"(?:\s+(?:on|in|at|during|after|before|last|this|earlier|late|to|via|through)\b[^;:\"“”]*)?"
)
# Verbs that end a sentence as "said" does only after a comma ("…, Powell signaled on Wednesday.");
# without one they need not report anything ("The company confirmed on Monday.").
_VERBS_AFTER_A_COMMA = (
    r"signal(?:l)?ed|stressed|emphasi[sz]ed|cautioned|predicted|asserted|declared|suggested|confirmed"
    r"|indicated|vowed|pledged|promised|replied|responded|tweeted"
)
_NAMED_SOURCE = r"(?:he|she|they|we|I|(?:[Tt]he\s+)?(?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w.'’-]*)"
# a relative or participle clause between a source and its cue belongs to the source, as PolNeAR marks it;
# without commas only the clause that says why the source is unnamed ("two lawmakers who asked not to
# be named because … said"), which runs on to the first speech verb
_CLAUSE_ABOUT_THE_SOURCE = (
    r"(?:,\s+(?:who|speaking|requesting)\b[^,;:\"“”]*,"
    r"|\s+who\s+(?=[^,;:\"“”.]*?\b(?:anonymity|anonymously|named|identified|authori[sz]ed)\b)"
    r"[^,;:\"“”.]*?)?"
)
# "Kirby said (that) …."   "A spokesman told reporters …"   "One of them, who asked not to be …, said"
_SOURCE_FIRST = re.compile(
    rf"^(?P<source>{SHORT_SOURCE}{_CLAUSE_ABOUT_THE_SOURCE})\s+(?P<cue>{SPEECH_VERBS})"
    r"(?:\s+on\s+\w+)?,?\s+(?P<content>(?:that\s+)?.+?)[.!]?\s*$"
)
_FRAMES = (
    # "…, a source said."   "…,” Kirby added."
    re.compile(
        rf"^(?P<content>.+?)[,;]?[\"”’]?\s*,?\s+(?P<source>{SHORT_SOURCE})\s+(?P<cue>{SPEECH_VERBS})"
        rf"{_WHEN_OR_WHERE}\s*[.!]?[\"”]?\s*$"
    ),
    # "…, Powell signaled on Wednesday."  A name or a pronoun, and a few words of time at most: neither
    # "…, Patriot failed as predicted." nor "…, who has pledged to …" is a frame.
    re.compile(
        rf"^(?P<content>.+?),[\"”’]?\s+(?P<source>{_NAMED_SOURCE})\s+(?P<cue>{_VERBS_AFTER_A_COMMA})"
        r"(?:\s+(?:on|last|this|earlier|late|in)\s+\w+(?:\s+\w+){0,2})?[.!]?[\"”]?\s*$"
    ),
    # "…, said Mr. Smith."   "…, noted NBC's Dante Chinni."
    re.compile(
        rf"^(?P<content>.+?)[,;][\"”’]?\s+(?P<cue>{INVERTED_SPEECH_VERBS})\s+(?P<source>{SHORT_SOURCE})\s*[.!]?\s*$"
    ),
    # "…, according to two U.S. officials."
    re.compile(r"^(?P<content>.+?),?\s+(?P<cue>according to)\s+(?P<source>[^,.;]+(?:\.[A-Z]\.)?[^,.;]*)[.!]?\s*$"),
    # "According to the report, …"
    re.compile(r"^(?P<cue>According to)\s+(?P<source>[^,]+),\s+(?P<content>.+?)[.!]?\s*$"),
    _SOURCE_FIRST,
)
_MIN_CONTENT_WORDS = 4


def frame_roles(paragraph: str, found: Sequence[RoleSpan]) -> list[RoleSpan]:
    """The roles with reporting frames filled in: each content-less sentence that matches a frame gets
    the frame's roles that overlap nothing the tagger found there; in a sentence that opens with an
    unnamed source and the clause that says why, the frame's roles replace the tagger's. A tagger
    source that runs over the frame's content ("According to [a statement from the ministry, the first
    shipment left]") misread it and gives way, as does one cut short of the clause about it ("[Two
    lawmakers] who asked not to be named … said"); a cue that does ("said in a letter on Monday:") is
    right, and the frame is not."""
    roles = list(found)
    starts = sentence_starts(paragraph) + [len(paragraph)]
    for start, end in zip(starts, starts[1:]):
        here = Span(start, end)
        sentence = paragraph[start:end].rstrip()
        patterns = _FRAMES
        if _opens_with_an_unnamed_source(sentence):
            roles = [r for r in roles if not (start <= r.span.start and r.span.end <= end)]
            patterns = (_SOURCE_FIRST,)
        elif any(r.label == "CONTENT" and r.span.overlaps(here) for r in roles):
            continue
        for pattern in patterns:
            match = pattern.match(sentence)
            if match and len(match.group("content").split()) >= _MIN_CONTENT_WORDS:
                framed = {}
                for group, label in (("source", "SOURCE"), ("cue", "CUE"), ("content", "CONTENT")):
                    begin = start + match.start(group)
                    if group == "content":  # a dateline is no part of what was said
                        begin = dateline_end(paragraph, begin)
                    framed[label] = trimmed(paragraph, begin, start + match.end(group))
                roles = [r for r in roles if r.label != "SOURCE" or not (r.span.overlaps(framed["CONTENT"])
                         or _cut_before_its_clause(paragraph, r.span, framed["SOURCE"]))]
                taken = [r.span for r in roles if r.span.overlaps(here)]
                roles += [RoleSpan(label, span) for label, span in framed.items()
                          if not any(s.overlaps(span) for s in taken)]  # fmt: skip
                break
    return roles


def _opens_with_an_unnamed_source(sentence: str) -> bool:
    """Does the sentence open as "A nurse who asked not to be identified said …"? The clause that says
    why a source goes unnamed is so sure a sign of the frame that the frame's roles replace the
    tagger's, which can read the source as content (as the fast tagger does without commas)."""
    match = _SOURCE_FIRST.match(sentence)
    return match is not None and ANONYMITY_CLAUSE.search(match.group("source")) is not None


def _cut_before_its_clause(paragraph: str, source: Span, framed: Span) -> bool:
    """Is the tagger's ``source`` the frame's cut short of the clause about it ("[Two lawmakers] who
    asked not to be named … said")? Then the frame's whole source replaces it."""
    inside = framed.start <= source.start and source.end <= framed.end
    return inside and re.match(r"[\s,]+who\b", paragraph[source.end : framed.end]) is not None


def trimmed(text: str, start: int, end: int) -> Span:
    """Drop surrounding spaces, commas and quotation marks, which gold spans leave out, and a sentence's
    final full stop (but not the one that ends an abbreviation such as "U.S.")."""
    while start < end and text[start] in " ,;\"“”’":
        start += 1
    while end > start and text[end - 1] in " ,;\"“”’":
        end -= 1
    last_word = text[start:end].split()[-1] if text[start:end].split() else ""
    if last_word.endswith(".") and "." not in last_word[:-1] and len(last_word) > 2:
        end -= 1
    return Span(start, end)


# A quote signed with a dash at the end of its paragraph, as readers' comments and epigraphs are:
# "“The most unqualified child to ever run for president.” ― Francisco Herrero."
_SIGNATURE = re.compile(
    r"[\"”’]\s*(?P<cue>[―—–])[\s\u00a0]*(?P<source>[A-Z][\w'’-]*(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]*)){0,5})\.?\s*$"
)


def signature_roles(paragraph: str, found: Sequence[RoleSpan]) -> list[RoleSpan]:
    """Cue and source of a quote signed with a dash ("“…” ― Jane Doe."), unless a role is already there."""
    match = _SIGNATURE.search(paragraph)
    if match is None:
        return []
    cue, source = (Span(match.start(group), match.end(group)) for group in ("cue", "source"))
    if any(r.span.overlaps(Span(cue.start, source.end)) for r in found):
        return []
    return [RoleSpan("CUE", cue), RoleSpan("SOURCE", source)]


# A headline that names its speaker before a colon: "Pence: Gennifer Flowers Won’t Be at Debate."
_HEADLINE = re.compile(
    r"^(?P<source>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})(?P<cue>:)\s+(?P<content>\S.*?)\s*$"
)


def headline_roles(headline: str, found: Sequence[RoleSpan], names: Collection[str]) -> list[RoleSpan]:
    """Source, colon and content of a headline "Name: what they said" in which the tagger found nothing.

    ``names`` are the article's PERSON and ORG mentions as written: the part before the colon must end
    like one ("Pence" for "Mike Pence"), so that a kicker ("The Latest:", "Breaking:") never becomes a
    speaker. (spaCy seldom finds entities in a title-case headline, hence names from the whole text.)
    """
    match = _HEADLINE.match(headline)
    if found or match is None or "\n" in headline.strip() or match.group("source").isupper():
        return []
    last_words = {name.split()[-1].lower() for name in names if name.split()}
    if match.group("source").split()[-1].lower() not in last_words:
        return []
    content = trimmed(headline, match.start("content"), match.end("content"))
    return [RoleSpan("SOURCE", Span(match.start("source"), match.end("source"))),
            RoleSpan("CUE", Span(match.start("cue"), match.end("cue"))),
            RoleSpan("CONTENT", content)]  # fmt: skip


# A name, an all-caps transcript label or a pronoun right before the cue: "WALLACE:", "Mr. Holtz-Eakin said",
# with an age or a relative clause between them: "Giulia Fabbri, 54, said", "Ortiz, who voted against, said"
_NAME_BEFORE_CUE = re.compile(
    r"(?:^|(?<=[\s(“\"]))(?P<source>(?:(?:The|the)\s+)?(?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w.'’-]*|[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e)"
    r"(?:,\s+(?:\d{1,3}|who\b[^,;:\"“”]{1,80}),)?[,]?\s*$"
)
_NAME_AFTER_CUE = re.compile(r"^\s*(?P<source>(?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w.'’-]*)")


def adjacent_source(paragraph: str, cue: Span, taken: Sequence[Span]) -> Span | None:
    """The source a frame implies when the tagger marked none: the name right before the cue, or after
    "according to". Never a span that overlaps another role."""
    before = _NAME_BEFORE_CUE.search(paragraph, max(0, cue.start - 80), cue.start)
    if paragraph[cue.start : cue.end].lower().startswith("according to"):
        after = _NAME_AFTER_CUE.match(paragraph, cue.end)
        candidate = Span(after.start("source"), after.end("source")) if after else None
    else:
        candidate = Span(before.start("source"), before.end("source")) if before else None
    if candidate is None or any(s.overlaps(candidate) for s in taken):
        return None
    if max(start for start in sentence_starts(paragraph) if start <= cue.start) > candidate.start:
        return None  # "… said Smith. Asked whether …": the name closes the sentence before
    return candidate


_LEAD_IN_TAIL_WORDS = 5  # at most, between the cue and the colon: "said in a written statement on Monday:"


def lead_in(paragraph: str, found: Sequence[RoleSpan]) -> tuple[Span, Span] | None:
    """Source and cue of a paragraph that introduces the next one: "Limbaugh added:", "The New York
    Times reports:", "On July 6, 2015, Sanders made the following comment:".

    Web articles set long quotes off as block paragraphs, so the cue ends its own paragraph with a colon
    and the content is the paragraph after it. Read from the tagger's roles: the last sentence holds a
    cue with nothing reported after it, and a source. A cue alone ("Partial transcript as follows:") is
    not enough: a transcript's labels name its speakers.
    """
    if not paragraph.rstrip().endswith(":"):
        return None
    last_sentence = sentence_starts(paragraph)[-1]
    cues = [r.span for r in found if r.label == "CUE" and r.span.start >= last_sentence]
    if not cues:
        return None
    cue = cues[-1]
    if any(r.label == "CONTENT" and r.span.end > cue.start for r in found):
        return None
    if len(paragraph[cue.end :].rstrip().rstrip(":").split()) > _LEAD_IN_TAIL_WORDS:
        return None
    sources = [r.span for r in found if r.label == "SOURCE" and r.span.start >= last_sentence]
    source = min(sources, key=lambda s: abs(s.start - cue.start)) if sources else None
    source = source or adjacent_source(paragraph, cue, [r.span for r in found])
    return (source, cue) if source else None


_BEFORE_CLAUSE = re.compile(r"(?:^|(?<=[,;:—–]))\s*(?P<source>[^,;:—–]+?),?\s*$")


def anonymity_roles(paragraph: str, found: Sequence[RoleSpan]) -> list[RoleSpan]:
    """The roles with every anonymity clause taken out of them, and the clause with its noun phrase as
    the source of the cue after it: "Officials at the bank, who asked not to be named, said …" has that
    source and no "asked" attribution."""
    roles = list(found)
    for clause in ANONYMITY_CLAUSE.finditer(paragraph):
        span = Span(clause.start("clause"), clause.end())
        roles = [r for r in roles if not _inside_clause(r, span)]
        cue_after = next((r.span for r in sorted(roles, key=lambda r: r.span) if r.label == "CUE"
                          and r.span.start >= span.end), None)  # fmt: skip
        starts = sentence_starts(paragraph)
        sentence = starts[sentence_index(starts, span.start)]
        before = _BEFORE_CLAUSE.search(paragraph[sentence : span.start])
        if cue_after is None or before is None or paragraph[span.end : cue_after.start].strip(" ,") != "":
            continue
        # the source runs on over the clause, as PolNeAR marks it; the speaker's name ends before it
        source = trimmed(paragraph, sentence + before.start("source"), span.end)
        if any(r.label == "SOURCE" and r.span.overlaps(source) for r in roles):
            continue
        roles = [r for r in roles if not r.span.overlaps(source)] + [RoleSpan("SOURCE", source)]
    return roles


# "They spoke on condition of anonymity because the decision had not been announced": why sources are
# not named, said by the reporter, not a statement of theirs.
_ANONYMITY_NOTE = re.compile(
    r"(?:^|(?<=[.!?]\s))(?:They|He|She|Both|All|The\s+\w+(?:\s+\w+)?)\s+"
    r"(?:spoke|asked|requested|insisted|(?:was|were)\s+granted)\b[^.!?\"“”]*?"
    r"\b(?:anonymity|anonymously|not\s+to\s+be\s+(?:named|identified)|on\s+background)\b[^.!?\"“”]*[.!?]"
)


def anonymity_notes(paragraph: str) -> list[Span]:
    """The sentences of ``paragraph`` that only say why its sources are not named."""
    return [Span(m.start(), m.end()) for m in _ANONYMITY_NOTE.finditer(paragraph)]


def _inside_clause(role: RoleSpan, clause: Span) -> bool:
    if role.label == "SOURCE":  # "who" read as a source; a source that spans the clause keeps it
        return role.span.start >= clause.start and role.span.end <= clause.end
    return role.span.overlaps(clause) and role.span.start >= clause.start - 2
