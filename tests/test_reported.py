"""Reported past positions: a position a statement says someone else held before (no model)."""

import re
from dataclasses import replace
from datetime import date

import pytest

from onrecord.api.pages import extracted
from onrecord.attribution.reported import is_quoted_by_reporter, reported_statements
from onrecord.cli.corpus import shift_evidence
from onrecord.eval.polnear import prediction_record
from onrecord.ingest import ReadOptions
from onrecord.ingest.text import article_from_text
from onrecord.model import DateRange, Kind, Span, Speaker, Statement
from onrecord.pipeline import ingest
from onrecord.speakers.resolve import Mention
from onrecord.store import Store
from tests.conftest import requires_model

PUBLISHED = date(2016, 9, 30)


def said(text: str, source: str, cue: str, content: str, name: str) -> Statement:
    def at(piece: str) -> Span:
        start = text.index(piece)
        return Span(start, start + len(piece))

    speaker = Speaker(name, source, entity_id=name.lower().replace(" ", "-"), kind="person")
    return Statement((at(content),), (at(cue),), (at(source),), Kind.INDIRECT, speaker, confidence=0.9)


def people(text: str, *names: str) -> list[Mention]:
    pattern = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return [Mention(Span(m.start(), m.end()), "PERSON") for m in re.finditer(pattern, text)]


def reports(text: str, statement: Statement, *names: str) -> list[Statement]:
    found = reported_statements(text, [statement], people(text, *names), PUBLISHED)
    assert found[0] == statement  # the reporting statement stays, first
    return found[1:]


CLINTON = (
    "Hillary Clinton spoke in Ohio. Donald Trump said that Clinton once described the Trans-Pacific "
    "Partnership as “the gold standard” of trade deals when she was secretary of state."
)


def test_a_past_position_inside_a_statement_is_a_statement_of_its_holder_reported_by_the_speaker():
    trump = said(CLINTON, "Donald Trump", "said", CLINTON[CLINTON.index("that Clinton") : -1], "Donald Trump")
    (reported,) = reports(CLINTON, trump, "Hillary Clinton", "Clinton", "Donald Trump")
    assert reported.kind is Kind.REPORTED and reported.reported_by == 0
    assert (reported.speaker.name, reported.speaker.mention) == ("Hillary Clinton", "Clinton")
    assert reported.cue[0].text(CLINTON) == "described"
    assert reported.content[0].text(CLINTON).startswith("the Trans-Pacific Partnership as “the gold")
    assert reported.said_on is None  # "once": some time before Trump spoke, nothing says when
    assert reported.confidence < trump.confidence
    assert prediction_record("a", [trump, reported])["attributions"] == prediction_record("a", [trump])[
        "attributions"
    ]  # PolNeAR does not nest attributions


def test_a_pronoun_in_a_quote_is_the_person_the_quote_named_and_the_frame_dates_the_position():
    text = (
        "“Donald Trump is a fraud. He started this in March 2011 by saying President Obama is not an "
        "American citizen,” said Rep. G.K. Butterfield."
    )
    content = text[1 : text.index("citizen") + 7]
    quote = said(text, "Rep. G.K. Butterfield", "said", content, "G.K. Butterfield")
    (reported,) = reports(text, quote, "Donald Trump", "G.K. Butterfield", "Obama")
    assert reported.speaker.name == "Donald Trump" and reported.source[0].text(text) == "He"
    assert reported.content[0].text(text) == "President Obama is not an American citizen"
    assert reported.said_on == DateRange(date(2011, 3, 1), date(2011, 3, 31), "month:March")


def test_a_relative_clause_reports_a_past_position_up_to_its_comma():
    text = (
        "Hillary Clinton spoke. Donald Trump said that Clinton, who once called for the trade deal when "
        "she was secretary of state, now opposes it."
    )
    trump = said(text, "Donald Trump", "said", text[text.index("that Clinton") : -1], "Donald Trump")
    (reported,) = reports(text, trump, "Hillary Clinton", "Clinton", "Donald Trump")
    assert reported.speaker.name == "Hillary Clinton" and reported.cue[0].text(text) == "called for"
    assert reported.content[0].text(text) == "the trade deal when she was secretary of state"


@pytest.mark.parametrize(
    "content",
    [
        # a report in the present is a reading of a current position, not a record of an earlier one
        "that Clinton wants to abolish the Second Amendment",
        "that Clinton supports the deal",
        # a verb of saying with a noun phrase means something else
        "that Clinton once claimed a loss on her taxes",
        # no holder opens the clause
        "that the deal was once described as the gold standard",
    ],
)
def test_only_a_past_position_with_its_holder_is_reported(content):
    text = f"Hillary Clinton spoke. Donald Trump said {content}."
    trump = said(text, "Donald Trump", "said", content, "Donald Trump")
    assert reports(text, trump, "Hillary Clinton", "Clinton", "Donald Trump") == []


def test_reported_statements_follow_their_reporter_and_point_back_to_it():
    text = CLINTON + " Clinton now says she opposes the deal."
    trump = said(text, "Donald Trump", "said", CLINTON[CLINTON.index("that Clinton") : -1], "Donald Trump")
    clinton = said(text, "Clinton now", "says", "she opposes the deal", "Hillary Clinton")
    mentions = people(text, "Hillary Clinton", "Clinton", "Donald Trump")
    found = reported_statements(text, [trump, clinton], mentions, PUBLISHED)
    assert [s.kind for s in found] == [Kind.INDIRECT, Kind.REPORTED, Kind.INDIRECT]
    assert found[1].reported_by == 0 and Statement.from_json(found[1].to_json()) == found[1]


TRADE = (
    "date 2016-09-30\n\n"
    "Donald Trump said on Friday that Hillary Clinton once backed the Pacific trade deal when she was "
    "secretary of state.\n\n"
    "Clinton now says she opposes the trade deal.\n"
)
TRADE_QUESTION = "The United States should approve the Pacific trade deal."


def store_with(store_url: str, extractor, folder, text: str, question: str) -> Store:
    """A store holding ``text`` as one article, with ``question`` declared."""
    path = folder / "article.txt"
    path.write_text(text, encoding="utf-8")
    store = Store(store_url)
    ingest([str(path)], store, extractor, ReadOptions())
    store.add_question(question)
    return store


@requires_model
def test_a_reported_past_position_and_a_later_own_statement_make_a_shift_with_its_reporter(
    store_url, extractor, tmp_path
):
    store = store_with(store_url, extractor, tmp_path, TRADE, TRADE_QUESTION)
    try:
        (shift,) = store.shifts(speaker="Hillary Clinton")
        assert [shift[k] for k in ("kind", "from_stance", "to_stance")] == ["reversal", "supports", "opposes"]
        assert (shift["from_date"], shift["to_date"]) == (None, date(2016, 9, 30))
        (before,) = shift["before"]
        assert (before["reported_by"], before["date_basis"]) == ("Donald Trump", "before_reporter")
        assert before["content_text"].startswith("the Pacific trade deal")
        reported = "before: Hillary Clinton (before 2016-09-30, reported by Donald Trump)"
        assert shift_evidence(shift).startswith(reported)
        assert store.shifts(speaker="Donald Trump") == []  # what Trump reports is not his own shift
    finally:
        store.close()


def test_a_pasted_articles_page_names_who_reported_a_position():
    text = "date 2016-09-30\n\n" + CLINTON + "\n"
    article = article_from_text(text, "pasted")
    trump = said(text, "Donald Trump", "said", CLINTON[CLINTON.index("that Clinton") : -1], "Donald Trump")
    mentions = people(text, "Hillary Clinton", "Clinton", "Donald Trump")
    rows = extracted(article, reported_statements(text, [trump], mentions, PUBLISHED))["statements"]
    assert [(r["kind"], r["reported_by"]) for r in rows] == [("indirect", None), ("reported", "Donald Trump")]


def quoting(text: str, source: str, content: str, *pieces: str) -> Statement:
    """``source`` quoted someone: the cue is "quoted", the content ``content`` or, when given, ``pieces``."""
    statement = said(text, source, "quoted", content, source)
    if pieces:
        spans = tuple(Span(text.index(p), text.index(p) + len(p)) for p in pieces)
        statement = replace(statement, content=spans)
    return statement


@pytest.mark.parametrize("split", [False, True])
def test_a_medium_quoting_someone_as_saying_gives_their_own_statement_reported_by_it(split):
    text = 'KCNA quoted Kim Jong Un as saying that the country would "never abandon" its weapons.'
    whole = text[text.index("Kim Jong Un") : -1]
    pieces = ("Kim Jong Un", 'that the country would "never abandon" its weapons') if split else ()
    kcna = quoting(text, "KCNA", whole, *pieces)
    (kim,) = reports(text, kcna, "Kim Jong Un")
    assert kim.speaker.name == "Kim Jong Un" and kim.reported_by == 0 and kim.kind is kcna.kind
    assert [s.text(text) for s in (*kim.source, *kim.cue, *kim.content)] == [
        "Kim Jong Un",
        "saying",
        'the country would "never abandon" its weapons',
    ]
    assert is_quoted_by_reporter(kim.kind, kim.reported_by)  # said when reported, not before


def test_an_unnamed_source_a_medium_quotes_is_kept_and_other_cues_are_left_alone():
    text = "Reuters quoted a senior official as saying the talks had failed."
    (official,) = reports(text, quoting(text, "Reuters", "a senior official as saying the talks had failed"))
    assert official.speaker.mention == "a senior official"
    assert official.content[0].text(text) == "the talks had failed"
    text = "Reuters reported a senior official as saying the talks had failed."
    reuters = said(text, "Reuters", "reported", "a senior official as saying the talks had failed", "Reuters")
    assert reports(text, reuters) == []


QUOTED = (
    "date 2024-05-31\n\n"
    "The state news agency KCNA quoted Kim Jong Un as saying that North Korea would never give up its "
    "nuclear weapons.\n"
)


@requires_model
def test_a_quoted_speaker_holds_the_position_on_the_reporters_date_and_the_medium_none(
    store_url, extractor, tmp_path
):
    question = "North Korea should give up its nuclear weapons."
    store = store_with(store_url, extractor, tmp_path, QUOTED, question)
    try:
        (position,) = store.positions(question)
        assert position["speaker"] == "Kim Jong Un" and "KCNA" in position["reported_by"]
        assert (position["dated"], position["date_basis"]) == (date(2024, 5, 31), "published")
    finally:
        store.close()
