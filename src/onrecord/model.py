"""Boundary types: the only values that cross from one stage of the data flow to the next.

Spans are ``(start, end)`` character offsets into the article text exactly as read.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from enum import Enum
from typing import Iterable, Iterator, Literal, NamedTuple, Protocol


class Span(NamedTuple):
    start: int
    end: int

    def text(self, text: str) -> str:
        return text[self.start : self.end]

    def overlaps(self, other: "Span") -> bool:
        """Whether the two spans share at least one character."""
        return self.start < other.end and other.start < self.end


class Kind(str, Enum):
    """How a statement is reported."""

    DIRECT = "direct"  # inside quotation marks
    DIRECT_UNMARKED = "direct-unmarked"  # a quote whose marks were stripped: "X, he said."
    INDIRECT = "indirect"  # "said that", "according to", "called for"
    MIXED = "mixed"  # indirect speech with a quoted fragment
    REPORTED = "reported"  # a past position another statement reports: "Clinton once described …"


class BlockRole(str, Enum):
    BODY = "body"
    CAPTION = "caption"  # photo caption, usually ending with a credit
    DATELINE = "dateline"  # the `date YYYY-MM-DD` header line


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph of an article and what it is (body text or caption)."""

    span: Span
    role: BlockRole


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read: text exactly as stored, its publication date and where it came from."""

    id: str
    text: str
    published: date | None = None
    origin: str = ""
    title: str | None = None
    outlet: str | None = None  # publisher: "nyt", "breitbart", a site name
    url: str | None = None  # canonical URL when the source gives one
    authors: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()

    def body_blocks(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.role is BlockRole.BODY)


@dataclass(frozen=True, slots=True)
class DateRange:
    """When something was said: ``start == end`` for a single day. ``basis`` says how it was resolved."""

    start: date
    end: date
    basis: str

    def to_json(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "basis": self.basis}

    @classmethod
    def from_json(cls, record: dict) -> DateRange:
        return cls(date.fromisoformat(record["start"]), date.fromisoformat(record["end"]), record["basis"])


# what a speaker is: a named or anonymous person, a group of people, or an organisation
SpeakerKind = Literal["person", "organisation", "group"]


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who is behind a statement, resolved within one article."""

    name: str  # canonical mention: "John Kirby", "U.S. officials"
    mention: str  # as written at this statement: "he", "Kirby", "two U.S. officials"
    title: str | None = None  # "National Security Council spokesman"
    affiliation: str | None = None  # "National Security Council", "U.S."
    anonymous: bool = False
    count: int | None = None  # "two U.S. officials" -> 2
    entity_id: str | None = None  # same id for every mention of one speaker in the article
    kind: SpeakerKind | None = None  # None for a pronoun left unresolved


@dataclass(frozen=True, slots=True)
class Statement:
    """One attributed statement: who said what, with which cue, through which channel, and when."""

    content: tuple[Span, ...]
    cue: tuple[Span, ...]
    source: tuple[Span, ...]
    kind: Kind
    speaker: Speaker | None = None
    channel: str | None = None
    said_on: DateRange | None = None
    confidence: float = 0.5
    # for a REPORTED statement, the position in the article's statement list of the one reporting it
    reported_by: int | None = None

    def content_text(self, text: str) -> str:
        return " … ".join(s.text(text) for s in self.content)

    def to_json(self, text: str | None = None) -> dict:
        record = {
            "content": [list(s) for s in self.content],
            "cue": [list(s) for s in self.cue],
            "source": [list(s) for s in self.source],
            "kind": self.kind.value,
            "speaker": asdict(self.speaker) if self.speaker else None,
            "channel": self.channel,
            "said_on": self.said_on.to_json() if self.said_on else None,
            "confidence": round(self.confidence, 3),
            "reported_by": self.reported_by,
        }
        if text is not None:  # the spans' text, for readers; from_json ignores it
            record["text"] = {
                role: " … ".join(s.text(text) for s in getattr(self, role)) for role in ("source", "cue", "content")
            }
        return record


    @classmethod
    def from_json(cls, record: dict) -> Statement:
        def spans(key: str) -> tuple[Span, ...]:
            return tuple(Span(start, end) for start, end in record.get(key) or ())

        return cls(
            content=spans("content"),
            cue=spans("cue"),
            source=spans("source"),
            kind=Kind(record["kind"]),
            speaker=Speaker(**record["speaker"]) if record.get("speaker") else None,
            channel=record.get("channel"),
            said_on=DateRange.from_json(record["said_on"]) if record.get("said_on") else None,
            confidence=record.get("confidence", 0.5),
            reported_by=record.get("reported_by"),
        )


@dataclass(frozen=True, slots=True)
class Failure:
    """A named reason why one input yielded nothing. Recorded and reported, never raised past a run.

    ``reason`` is a short name ("empty", "extraction failed"; stored in at most 32 characters),
    ``detail`` says more."""

    origin: str
    reason: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}" + (f" ({self.detail})" if self.detail else "")


Extraction = list[Statement] | Failure
"""What extracting one article gives: its statements, or why there are none."""


class ArticleExtractor(Protocol):
    """What turns articles into statements: the local :class:`~onrecord.pipeline.Extractor` or Ray's.
    Each article comes back, in input order, with its statements or the :class:`Failure` that stopped
    them; an error on one article never ends the iteration."""

    def extract_articles(
        self, articles: Iterable[Article], jobs: int = 1
    ) -> Iterator[tuple[Article, Extraction]]: ...
