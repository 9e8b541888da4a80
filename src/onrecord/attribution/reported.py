"""Reported positions: what a statement says someone held in the past, or said as the reporter quotes.

Takes an article's statements and its named-entity mentions; gives one more :class:`Statement` of
kind ``reported`` for each past position a statement's content reports. In "Trump said that Clinton
once described the so-called Trans-Pacific Partnership as 'the gold standard' of trade deals",
Trump reports a position Clinton held before: a fact-checker following Clinton on the TPP wants it
on her timeline, as what it is: a position reported by Trump (``reported_by``), said before his
statement. A quote does the same: "He started this silliness years ago by saying President Obama is
not an American citizen."

Only reports marked as past count ("once", "years ago", "in 2012", "used to", "previously", "when
she was secretary of state", a pluperfect "had said") or dated by their frame ("in March 2011 by
saying"); the date is read from the frame only, as :mod:`.when` reads every statement's. A report
in the present ("Trump says Clinton
wants to abolish the Second Amendment") is an opponent's reading of a current position, not a record
of an earlier one, and would make shifts out of accusations.

A medium that *quotes* someone is another case: in "KCNA quoted Kim Jong Un as saying that the
country would never abandon its weapons", the words are Kim's, said when KCNA reports them. PolNeAR
annotates KCNA as the source and "Kim Jong Un as saying that …" as the content, and that statement
stays. Kim's own words are added after it, as a statement of the reporting statement's kind, with
Kim as the speaker, "as saying" as the cue and ``reported_by`` naming KCNA's statement. Its date is
the reporter's, not an earlier one (:func:`is_quoted_by_reporter`). An unnamed source counts here
("quoted a senior official as saying"), since wire copy names its sources that way.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Sequence

from onrecord.attribution import when
from onrecord.attribution.frames import trimmed
from onrecord.attribution.sentences import sentence_starts
from onrecord.model import Kind, Span, Speaker, Statement
from onrecord.speakers.resolve import Mention, resolve_mention

# verbs of saying: their object is what was said, a clause ("said Obama was born in Kenya"); with a
# noun phrase they mean something else ("claimed a loss of $916 million")
_SPEECH = r"said|declared|claimed|argued|insisted|suggested|wrote|tweeted|promised|pledged|vowed|denied"
_SAID_CLAUSE = re.compile(r"that\b|[\"“‘']|(?:he|she|they|we|i|you)\b|[A-Z]")
# verbs that report a stance someone took: said it, or acted it ("voted for", "championed")
_REPORTING = (
    rf"{_SPEECH}|described|called\s+for"
    r"|praised|hailed|touted|defended|supported|backed|endorsed|championed|promoted|proposed"
    r"|opposed|rejected|dismissed|questioned|criticized|criticised|attacked|denounced"
    r"|voted\s+(?:for|against)|pushed\s+for|advocated(?:\s+for)?|campaigned\s+(?:for|against)"
    r"|(?:was|were)\s+(?:a\s+)?(?:supporters?|opponents?|critics?)\s+of"
)
# what may stand between the holder and the verb: "Clinton once", "she had repeatedly", "he himself"
_BETWEEN = (
    r"(?:(?:once|previously|earlier|formerly|originally|initially|first|also|even|repeatedly|publicly"
    r"|openly|famously|herself|himself|themselves|had|has|have|long|strongly|enthusiastically)\s+){0,3}"
)
_HOLDER_PRONOUN = re.compile(r"(?:he|she|they)\b", re.I)
_CLAUSE = re.compile(rf"\s+(?P<between>{_BETWEEN})(?P<cue>{_REPORTING})\b\s*", re.I)
# "He started this silliness years ago by saying …": the holder, a few words, then "by saying"
_BY_SAYING = re.compile(
    r"(?P<words>(?:\s+[\w’'-]+){1,8}?)\s+by\s+(?P<cue>saying|claiming|suggesting|insisting|arguing"
    r"|declaring|questioning|asserting)\s+",
    re.I,
)
# a pluperfect "had" marks the past only before the verb: "Clinton had called for …", not "… had happened"
_PAST_BEFORE_VERB = re.compile(r"\bhad\b", re.I)
_PAST = re.compile(
    r"\b(?:once|previously|earlier|formerly|originally|initially|used\s+to|back\s+(?:in|then|when)"
    r"|(?:years?|months|decades?)\s+ago|in\s+(?:19|20)\d\d|in\s+the\s+past|at\s+the\s+time"
    r"|when\s+(?:he|she|they)\s+(?:was|were))\b",
    re.I,
)
_THAT = re.compile(r"(?:that\s+)?", re.I)
_WHO = re.compile(r",\s+who\b")  # "Clinton, who once described …": the holder before a relative clause
_OPENING = re.compile(r"[\"“‘']?(?:that\s+)?", re.I)  # before a clause's holder
_CLOSING = re.compile(r"[.!?]+[\"”’')\]]*\s*$|\s+$")  # after its content
REPORTED_CONFIDENCE = 0.8  # of the reporting statement's: the reported speaker never said it to us
# "quoted Kim Jong Un as saying (that) …", the cue's object: the speaker, then the words
_QUOTING_CUE = re.compile(r"(?:quot(?:e|es|ed|ing))", re.I)
_QUOTED_AS = re.compile(
    r"(?P<holder>[^,;:.\"“]{2,80}?),?\s+as\s+"
    r"(?P<cue>saying|telling\s+\w+(?:\s+(?!that\b)\w+)?|stating|writing|warning|adding|declaring|insisting|arguing)"
    r"\b\s*(?:that\s+|:\s*)?"
)


def reported_statements(
    text: str,
    statements: Sequence[Statement],
    mentions: Sequence[Mention],
    published: date | None,
    writer: str | None = None,
) -> list[Statement]:
    """``statements`` (document order) with each reported past position inserted after its reporter."""
    sources = [s.source for s in statements]
    contents = [s.content for s in statements]
    named = [m for m in mentions if m.label in {"PERSON", "ORG"}]
    found: list[Statement] = []
    for statement in statements:
        reporter = len(found)
        found.append(statement)
        quoted = _quoted_as(text, statement)
        if quoted is not None:
            holder, cue, content = quoted
            speaker = resolve_mention(text, sources, mentions, (holder,), contents, writer)
            if speaker is not None:
                found.append(
                    replace(
                        statement,
                        content=(content,),
                        cue=(cue,),
                        source=(holder,),
                        speaker=speaker,
                        confidence=round(statement.confidence * REPORTED_CONFIDENCE, 3),
                        reported_by=reporter,
                    )
                )
            continue
        for holder, cue, content, frame, past in _reports(text, statement, named):
            said_on = when.said_on(frame.text(text), published)
            if not past and said_on is None:
                continue
            speaker = _holder(text, holder, statement, named, sources, contents, mentions, writer)
            if speaker is None or speaker.anonymous:
                continue
            found.append(
                Statement(
                    content=(content,),
                    cue=(cue,),
                    source=(holder,),
                    kind=Kind.REPORTED,
                    speaker=speaker,
                    said_on=said_on,
                    confidence=round(statement.confidence * REPORTED_CONFIDENCE, 3),
                    reported_by=reporter,
                )
            )
    return found


def is_quoted_by_reporter(kind: Kind | str, reported_by: int | None) -> bool:
    """Whether a statement is someone's words as the statement ``reported_by`` quotes them (module
    docstring): said when reported, where a ``reported`` one was held before."""
    return reported_by is not None and Kind(kind) is not Kind.REPORTED


def _quoted_as(text: str, statement: Statement) -> tuple[Span, Span, Span] | None:
    """(holder, cue, content) when ``statement`` quotes someone: cue "quoted", content "Kim Jong Un as
    saying that …"."""
    if len(statement.cue) != 1 or len(statement.content) > 2:
        return None
    if not _QUOTING_CUE.fullmatch(statement.cue[0].text(text).strip()):
        return None
    first, last = statement.content[0], statement.content[-1]
    match = _QUOTED_AS.match(text, first.start, last.end)
    # in two pieces, "as saying" is what stands between them: "Kim Jong Un" … "that the country …"
    if match is None or (first is not last and not first.end <= match.start("cue") < last.start):
        return None
    holder = trimmed(text, match.start("holder"), match.end("holder"))
    closing = _CLOSING.search(text, match.end(), last.end)
    content = trimmed(text, match.end(), closing.start() if closing else last.end)
    if len(content.text(text).split()) < 2:
        return None
    return holder, Span(match.start("cue"), match.end("cue")), content


def _reports(text: str, statement: Statement, named: Sequence[Mention]):
    """(holder, cue, content, frame, past) of each position reported in ``statement``'s content: spans,
    the frame running from the holder to the cue ("He started this silliness years ago by saying"), and
    whether a word marks it as past. A holder opens a sentence ("Clinton once described …") or a
    relative clause ("Clinton, who once described …, now says"), which ends at its comma."""
    for piece in statement.content:
        body = piece.text(text)
        starts = sentence_starts(body)
        for start, stop in zip(starts, [*starts[1:], len(body)]):
            sentence = Span(piece.start + start, piece.start + stop)
            holder = _holder_at(text, piece.start + _OPENING.match(body, start).end(), sentence, named)
            if holder is not None:
                yield from _report(text, holder, holder.end, sentence.end)
            for mention in named:
                inside = sentence.start <= mention.span.start and mention.span.end <= sentence.end
                who = _WHO.match(text, mention.span.end, sentence.end) if inside else None
                if who is not None:
                    yield from _report(text, mention.span, who.end(), sentence.end, relative=True)


def _report(text: str, holder: Span, verb_from: int, limit: int, relative: bool = False):
    """The position ``holder`` is reported to have taken in the words from ``verb_from``, if any."""
    rest = text[verb_from:limit]
    verb = _CLAUSE.match(rest) or _BY_SAYING.match(rest)
    if verb is None or not _says_a_clause(verb, rest):
        return
    begin = verb_from + verb.end()
    begin += len(_THAT.match(text, begin)[0])
    if relative and (comma := text.find(",", begin, limit)) >= 0:
        limit = comma
    closing = _CLOSING.search(text, begin, limit)
    end = closing.start() if closing else limit
    content = trimmed(text, begin, end)
    if len(content.text(text).split()) < 2:
        return
    pluperfect = _PAST_BEFORE_VERB.search(verb.groupdict().get("between") or "")
    past = _PAST.search(text, holder.start, end) or pluperfect
    cue = Span(verb_from + verb.start("cue"), verb_from + verb.end("cue"))
    yield holder, cue, content, Span(holder.start, cue.end), past is not None


def _says_a_clause(verb: re.Match[str], rest: str) -> bool:
    """A verb of saying must report a clause; other reporting verbs take any object."""
    speech = re.fullmatch(_SPEECH, verb["cue"], re.I) is not None
    return not speech or _SAID_CLAUSE.match(rest, verb.end()) is not None


def _holder_at(text: str, at: int, sentence: Span, named: Sequence[Mention]) -> Span | None:
    """The name or pronoun that a clause starting at ``at`` opens with."""
    for mention in named:
        if mention.span.start == at and mention.span.end <= sentence.end:
            return mention.span
    pronoun = _HOLDER_PRONOUN.match(text, at, sentence.end)
    return Span(at, pronoun.end()) if pronoun else None


def _holder(
    text: str,
    holder: Span,
    statement: Statement,
    named: Sequence[Mention],
    sources: Sequence[tuple[Span, ...]],
    contents: Sequence[tuple[Span, ...]],
    mentions: Sequence[Mention],
    writer: str | None,
) -> Speaker | None:
    """Who the holder is. A pronoun inside a content means the person that content last named ("Donald
    Trump is a fraud! He started this …"), not the last person quoted, who is the one speaking."""
    named_by = holder
    if _HOLDER_PRONOUN.fullmatch(holder.text(text)):
        inside = [
            m.span
            for m in named
            if m.label == "PERSON"
            and any(p.start <= m.span.start and m.span.end <= holder.start for p in statement.content)
        ]
        named_by = inside[-1] if inside else holder
    speaker = resolve_mention(text, sources, mentions, (named_by,), contents, writer)
    return replace(speaker, mention=holder.text(text)) if speaker else None
