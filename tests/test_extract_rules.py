"""The attribution cascade's rules, fed hand-made role spans and mentions (no model)."""

import re
from datetime import date

import pytest

from onrecord.attribution.extract import TaggedBlock, attribution_frame, extract
from onrecord.attribution.link import Draft
from onrecord.attribution.quotes import has_quote_marks, restore_stripped_quotes
from onrecord.ingest.text import article_from_text
from onrecord.model import Article, DateRange, Kind, Span, Statement
from onrecord.nlp.roles import RoleSpan
from onrecord.speakers.resolve import Mention

TEXT = """date 2024-06-04

“We will open the bridge in spring,” Mayor Ana Ruiz said at a news conference on Monday.

“The money is already in the budget,” Ruiz said.

Councillor Ben Ode said in a letter last week that the plan was “a fantasy with a price tag.”

Ode said at the time that the council had never seen the costs.

A spokesman for the ministry said the bridge would need a new permit.

We have waited long enough for this bridge, Ruiz said.
"""

# (label, text) role spans per body paragraph, as a tagger would give them
ROLES = [
    [("CONTENT", "We will open the bridge in spring,"), ("SOURCE", "Mayor Ana Ruiz"), ("CUE", "said")],
    [("CONTENT", "The money is already in the budget,"), ("SOURCE", "Ruiz"), ("CUE", "said")],
    [("SOURCE", "Councillor Ben Ode"), ("CUE", "said"), ("CONTENT", "that the plan was “a fantasy with a price tag.”")],
    [("SOURCE", "Ode"), ("CUE", "said"), ("CONTENT", "that the council had never seen the costs")],
    [("SOURCE", "A spokesman for the ministry"), ("CUE", "said"), ("CONTENT", "the bridge would need a new permit")],
    [("CONTENT", "We have waited long enough for this bridge"), ("SOURCE", "Ruiz"), ("CUE", "said")],
]
MONDAY = DateRange(date(2024, 6, 3), date(2024, 6, 3), "weekday:Monday")
LAST_WEEK = DateRange(date(2024, 5, 27), date(2024, 6, 2), "last week")


def tag(article: Article, roles: list[list[tuple[str, str]]]) -> list[TaggedBlock]:
    tagged = []
    for block, labelled in zip(article.body_blocks(), roles, strict=True):
        paragraph = block.span.text(article.text)
        spans = []
        for label, piece in labelled:
            start = paragraph.index(piece)
            spans.append(RoleSpan(label, Span(start, start + len(piece))))
        # as the component does: restored quotes only where the paragraph has no marks of its own
        restored = () if has_quote_marks(paragraph) else restore_stripped_quotes(paragraph).regions
        tagged.append(TaggedBlock(block, tuple(spans), restored))
    return tagged


def persons(text: str, *names: str) -> list[Mention]:
    pattern = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return [Mention(Span(m.start(), m.end()), "PERSON") for m in re.finditer(pattern, text)]


@pytest.fixture(scope="module")
def statements() -> list[Statement]:
    article = article_from_text(TEXT)
    assert article.published == date(2024, 6, 4)
    return extract(article, tag(article, ROLES), persons(TEXT, "Ana Ruiz", "Ruiz", "Ben Ode", "Ode"))


def test_one_statement_per_attribution_with_article_offsets(statements):
    assert [s.content_text(TEXT) for s in statements] == [
        "We will open the bridge in spring,",
        "The money is already in the budget,",
        "that the plan was “a fantasy with a price tag.”",
        "that the council had never seen the costs",
        "the bridge would need a new permit",
        "We have waited long enough for this bridge",
    ]
    assert [s.source[0].text(TEXT) for s in statements] == [
        "Mayor Ana Ruiz", "Ruiz", "Councillor Ben Ode", "Ode", "A spokesman for the ministry", "Ruiz"
    ]  # fmt: skip
    assert all(s.cue[0].text(TEXT) == "said" for s in statements)


def test_kind(statements):
    assert [s.kind for s in statements] == [
        Kind.DIRECT,  # wholly inside curly marks
        Kind.DIRECT,
        Kind.MIXED,  # indirect with a quoted fragment
        Kind.INDIRECT,
        Kind.INDIRECT,
        Kind.DIRECT_UNMARKED,  # inside a restored quote
    ]


def test_speakers(statements):
    assert [s.speaker.entity_id for s in statements] == [
        "ana-ruiz", "ana-ruiz", "ben-ode", "ben-ode", "spokesman-for-the-ministry#1", "ana-ruiz"
    ]  # fmt: skip
    spokesman = statements[4].speaker
    assert spokesman.anonymous and spokesman.count == 1
    assert not statements[0].speaker.anonymous


def test_channel_and_date_from_the_frame(statements):
    first = statements[0]
    assert first.channel == "news conference"
    assert first.said_on == MONDAY
    third = statements[2]
    assert third.channel == "letter"
    assert third.said_on == LAST_WEEK


def test_at_the_time_inherits_channel_and_date(statements):
    fourth = statements[3]
    assert fourth.channel == "letter"
    assert fourth.said_on == DateRange(LAST_WEEK.start, LAST_WEEK.end, "inherited")


def test_same_speaker_quoted_again_continues_the_occasion(statements):
    second = statements[1]
    assert second.channel == "news conference"
    assert second.said_on == DateRange(MONDAY.start, MONDAY.end, "continued")


def test_a_new_channel_without_a_new_time_keeps_the_occasion_date():
    text = (
        "date 2024-06-04\n\nRuiz said on Monday that it would open.\n\nRuiz told reporters it was paid for.\n"
    )
    article = article_from_text(text)
    roles = [
        [("SOURCE", "Ruiz"), ("CUE", "said"), ("CONTENT", "that it would open")],
        [("SOURCE", "Ruiz"), ("CUE", "told"), ("CONTENT", "it was paid for")],
    ]
    said, told = extract(article, tag(article, roles), persons(text, "Ruiz"))
    assert told.channel == "remarks to reporters" and said.channel is None  # its own, not carried back
    assert told.said_on == DateRange(MONDAY.start, MONDAY.end, "continued")


def test_a_standing_position_is_not_the_occasion_just_reported():
    text = "date 2024-06-04\n\nRuiz said on Monday that it would open.\n\nRuiz has long backed the bridge.\n"
    article = article_from_text(text)
    roles = [
        [("SOURCE", "Ruiz"), ("CUE", "said"), ("CONTENT", "that it would open")],
        [("SOURCE", "Ruiz"), ("CUE", "has long backed"), ("CONTENT", "the bridge")],
    ]
    said, backed = extract(article, tag(article, roles), persons(text, "Ruiz"))
    assert said.said_on == MONDAY and backed.said_on is None


def test_a_different_speaker_inherits_nothing(statements):
    spokesman = statements[4]  # follows Ode's letter with no time or channel of its own
    assert spokesman.channel is None
    assert spokesman.said_on is None


def test_continuation_only_from_the_statement_just_before(statements):
    last = statements[5]  # Ruiz again, but after the spokesman: the news conference is not carried over
    assert last.speaker.entity_id == statements[0].speaker.entity_id
    assert last.channel is None
    assert last.said_on is None


def test_confidence_rewards_complete_direct_attributions(statements):
    assert all(0.0 < s.confidence <= 1.0 for s in statements)
    assert statements[0].confidence > statements[4].confidence  # direct vs indirect, both complete


@pytest.mark.parametrize(
    ("roles", "restored", "expected"),
    [
        # content wholly inside marks / partly / not at all
        ([("CONTENT", "We will open the bridge in spring,")], None, Kind.DIRECT),
        ([("CONTENT", "Ruiz said “We will open the bridge in spring,”")], None, Kind.MIXED),
        ([("CONTENT", "Ruiz said")], None, Kind.INDIRECT),
        # a restored quote makes it direct-unmarked, a restored region elsewhere does not
        ([("CONTENT", "Ruiz said")], "Ruiz said", Kind.DIRECT_UNMARKED),
        ([("CONTENT", "Ruiz said")], "in spring", Kind.INDIRECT),
    ],
)
def test_kind_table(roles, restored, expected):
    text = "date 2024-06-04\n\nRuiz said “We will open the bridge in spring,” at the hall, Lee told us.\n"
    article = article_from_text(text)
    (block,) = article.body_blocks()
    paragraph = block.span.text(text)
    roles = [*roles, ("CUE", "told")]  # a cue outside every content, so that none goes unattributed
    spans = tuple(RoleSpan(label, Span(paragraph.index(p), paragraph.index(p) + len(p))) for label, p in roles)
    regions = () if restored is None else (Span(paragraph.index(restored), paragraph.index(restored) + len(restored)),)
    (statement,) = extract(article, [TaggedBlock(block, spans, regions)], [])
    assert statement.kind is expected


def test_frames_fill_paragraphs_the_tagger_left_empty():
    text = "date 2024-06-04\n\nThe bridge will cost far more than promised, two council officials said.\n"
    article = article_from_text(text)
    (statement,) = extract(article, [TaggedBlock(b, ()) for b in article.body_blocks()], [])
    assert statement.content_text(text) == "The bridge will cost far more than promised"
    assert statement.source[0].text(text) == "two council officials"
    assert statement.kind is Kind.INDIRECT
    assert statement.speaker.anonymous and statement.speaker.count == 2
    assert statement.cue[0].text(text) == "said"


def test_nothing_tagged_nothing_framed_gives_nothing():
    text = "date 2024-06-04\n\nThe bridge opened in spring.\n\nTraffic was light.\n"
    article = article_from_text(text)
    assert extract(article, [TaggedBlock(b, ()) for b in article.body_blocks()], []) == []


def test_at_the_time_with_nothing_before_gives_nothing():
    text = "date 2024-06-04\n\nOde said at the time that the council had never seen the costs.\n"
    article = article_from_text(text)
    (statement,) = extract(article, tag(article, [ROLES[3]]), persons(text, "Ode"))
    assert statement.channel is None
    assert statement.said_on is None


def test_without_a_publication_date_relative_times_stay_open():
    text = TEXT.replace("date 2024-06-04\n\n", "")
    article = article_from_text(text)
    assert article.published is None
    found = extract(article, tag(article, ROLES), persons(text, "Ana Ruiz", "Ruiz", "Ben Ode", "Ode"))
    assert found[0].channel == "news conference"
    assert found[0].said_on is None
    assert found[1].channel == "news conference"  # still the same occasion
    assert found[1].said_on is None


def test_attribution_frame_blanks_the_content():
    text = TEXT
    article = article_from_text(text)
    block = article.body_blocks()[2]
    paragraph = block.span.text(text)

    def span(piece: str) -> Span:
        start = block.span.start + paragraph.index(piece)
        return Span(start, start + len(piece))

    content = "that the plan was “a fantasy with a price tag.”"
    draft = Draft((span("Councillor Ben Ode"),), (span("said"),), (span(content),))
    frame = attribution_frame(text, block.span, draft)
    assert frame == paragraph.replace(content, " " * len(content))
    assert "fantasy" not in frame and "in a letter last week" in frame


def one_paragraph(sentence: str, labelled: list[tuple[str, str]]) -> tuple[str, list[Statement]]:
    text = f"date 2024-06-04\n\n{sentence}\n"
    article = article_from_text(text)
    return text, extract(article, tag(article, [labelled]), [])


@pytest.mark.parametrize(
    ("sentence", "subject", "cue", "reported"),
    [
        ("The mayor is expected to resign next week.", "The mayor", "is expected", "to resign next week"),
        ("Ode was asked about the tram delays.", "Ode", "was asked about", "the tram delays"),
        ("The council appears to have changed course.", "The council", "appears", "to have changed course"),
        ("The plan was widely seen as a retreat.", "The plan", "was widely seen as", "a retreat"),
    ],
)
def test_a_passive_or_raising_cue_reports_its_subject_without_a_source(sentence, subject, cue, reported):
    text, (statement,) = one_paragraph(sentence, [("SOURCE", subject), ("CUE", cue), ("CONTENT", reported)])
    assert statement.source == ()
    assert [piece.text(text) for piece in statement.content] == [subject, reported]


@pytest.mark.parametrize(
    ("sentence", "source", "cue", "reported"),
    [
        ("The mayor expected the council to resign.", "The mayor", "expected", "the council to resign"),
        ("Ode is convinced that the trams will run.", "Ode", "is convinced", "that the trams will run"),
    ],
)
def test_active_and_adjectival_cues_keep_their_source(sentence, source, cue, reported):
    text, (statement,) = one_paragraph(sentence, [("CUE", cue), ("SOURCE", source), ("CONTENT", reported)])
    assert [piece.text(text) for piece in statement.source] == [source]


BLOCK_QUOTE = """date 2024-06-04

Councillor Ben Ode said in a letter on Monday:

“The council has never seen the costs. Nobody has, and the mayor knows it.”

The vote is on Thursday.
"""


def test_a_paragraph_ending_in_a_cue_and_a_colon_introduces_the_next_as_its_quote():
    article = article_from_text(BLOCK_QUOTE)
    roles = [
        [("SOURCE", "Councillor Ben Ode"), ("CUE", "said in a letter on Monday:")],
        [("SOURCE", "the mayor"), ("CUE", "knows"), ("CONTENT", "it")],  # inside the quote: Ode's words
        [],
    ]
    (statement,) = extract(article, tag(article, roles), persons(BLOCK_QUOTE, "Ben Ode"))
    text = BLOCK_QUOTE
    assert statement.source[0].text(text) == "Councillor Ben Ode"
    assert statement.cue[0].text(text) == "said"
    quote = "The council has never seen the costs. Nobody has, and the mayor knows it"
    assert statement.content_text(text) == quote
    assert statement.kind is Kind.DIRECT
    assert statement.speaker.name == "Ben Ode"
    assert statement.channel == "letter"  # read from the announcing paragraph's frame
    assert statement.said_on == MONDAY


def test_an_unmarked_block_quote_runs_one_paragraph_and_a_marked_one_while_its_mark_stays_open():
    text = (
        "date 2024-06-04\n\nRuiz added:\n\nWe will open the bridge in spring.\n\nTraffic was light.\n\n"
        "Ode wrote:\n\n“The costs are hidden.\n\n“Nobody has seen them.”\n\nThe vote is on Thursday.\n"
    )
    article = article_from_text(text)
    lead = [("SOURCE", "Ruiz"), ("CUE", "added:")]
    roles = [lead, [], [], [("SOURCE", "Ode"), ("CUE", "wrote:")], [], [], []]
    found = extract(article, tag(article, roles), [])
    assert [s.kind for s in found] == [Kind.DIRECT_UNMARKED, Kind.DIRECT]
    assert found[0].content_text(text) == "We will open the bridge in spring"
    pieces = [piece.text(text) for piece in found[1].content]
    assert pieces == ["The costs are hidden", "Nobody has seen them"]


def test_a_cue_and_colon_without_a_source_introduces_nothing():
    text = "date 2024-06-04\n\nPartial transcript as follows:\n\nThe bridge opened in spring.\n"
    article = article_from_text(text)
    assert extract(article, tag(article, [[("CUE", "as follows:")], []]), []) == []


RUNNING_QUOTE = """date 2024-06-04

Ruiz spoke at length. "The bridge is the city's first in forty years, and we will open it in spring.

"Nobody will wait longer than they must," Ruiz said.

Ode said: "The costs are hidden.

"Nobody has seen them."

Ode wrote to the council. "The council was misled.

“That is what the documents show,” she said.
"""


def test_a_quote_running_across_paragraphs_is_one_statement_whichever_paragraph_has_the_cue():
    article = article_from_text(RUNNING_QUOTE)
    first = "The bridge is the city's first in forty years, and we will open it in spring."
    roles = [
        [("CONTENT", first)],
        [("CONTENT", "Nobody will wait longer than they must,"), ("SOURCE", "Ruiz"), ("CUE", "said")],
        [("SOURCE", "Ode"), ("CUE", "said:"), ("CONTENT", "The costs are hidden.")],
        [("CONTENT", "Nobody has seen them.")],
        [("CONTENT", "The council was misled.")],
        [("CONTENT", "That is what the documents show,"), ("SOURCE", "she"), ("CUE", "said")],
    ]
    found = extract(article, tag(article, roles), persons(RUNNING_QUOTE, "Ruiz", "Ode"))
    text = RUNNING_QUOTE
    pieces = [[piece.text(text) for piece in s.content] for s in found]
    assert pieces[:2] == [
        [first, "Nobody will wait longer than they must,"],  # the cue in the last paragraph
        ["The costs are hidden.", "Nobody has seen them."],  # the cue in the first
    ]
    assert [s.speaker.name for s in found[:2]] == ["Ruiz", "Ode"]
    assert [s.kind for s in found[:2]] == [Kind.DIRECT, Kind.DIRECT]
    # A paragraph opening with another kind of mark quotes someone else inside the open quote.
    assert pieces[2:] == [["The council was misled."], ["That is what the documents show,"]]


@pytest.mark.parametrize(
    ("sentence", "cue", "kept"),
    [
        # a verb of saying: its time and channel are read by when.py and channel.py, not part of the cue
        ("Ben Ode said in a letter last week that the plan failed.", "said in a letter last week", "said"),
        (
            "Ben Ode also told reporters on Monday that it failed.",
            "also told reporters on Monday",
            "also told reporters",
        ),
        # any other cue keeps its words, as PolNeAR marks them
        ("Ben Ode went on to discuss the plan for the bridge.", "went on to discuss", "went on to discuss"),
        ("Ben Ode weighed in on the plan for the bridge.", "weighed in on", "weighed in on"),
    ],
)
def test_only_a_verb_of_saying_loses_the_time_and_channel_after_it(sentence, cue, kept):
    article = article_from_text(f"date 2024-06-04\n\n{sentence}\n")
    content = sentence[sentence.index(cue) + len(cue) + 1 : -1]
    roles = [[("SOURCE", "Ben Ode"), ("CUE", cue), ("CONTENT", content)]]
    (statement,) = extract(article, tag(article, roles), [])
    assert statement.cue[0].text(article.text) == kept


@pytest.mark.parametrize(
    ("sentence", "said_on"),
    [
        # a clause about the speaker: its month is not when the words were said
        ("Virtanen, who took office in June, said the cap would stay.", None),
        # a clause about how the words were said dates them
        ("Virtanen, who spoke at a briefing on Monday, said the cap would stay.", MONDAY),
    ],
)
def test_a_relative_clause_dates_the_words_only_when_it_tells_how_they_were_said(sentence, said_on):
    text = f"date 2024-06-04\n\n{sentence}\n"
    article = article_from_text(text)
    source = sentence.split(" said")[0]
    roles = [[("SOURCE", source), ("CUE", "said"), ("CONTENT", "the cap would stay")]]
    (statement,) = extract(article, tag(article, roles), persons(text, "Virtanen"))
    assert statement.said_on == said_on


def test_a_relative_clause_closing_the_sentence_does_not_date_the_words():
    text = "date 2024-06-04\n\n“The cap will stay,” said Virtanen, who took office last year.\n"
    article = article_from_text(text)
    roles = [[("CONTENT", "“The cap will stay,”"), ("CUE", "said"), ("SOURCE", "Virtanen")]]
    (statement,) = extract(article, tag(article, roles), persons(text, "Virtanen"))
    assert statement.said_on is None


def test_a_relative_clause_that_is_the_statement_keeps_its_occasion():
    text = "date 2016-09-26\n\nIt is risky for Cruz, who refused to endorse Trump in a speech in July.\n"
    article = article_from_text(text)
    roles = [[("SOURCE", "who"), ("CUE", "refused to endorse"), ("CONTENT", "Trump")]]
    (statement,) = extract(article, tag(article, roles), persons(text, "Cruz"))
    assert statement.channel == "speech"
    assert statement.said_on == DateRange(date(2016, 7, 1), date(2016, 7, 31), "month:July")


def test_why_sources_are_not_named_is_no_statement_of_theirs():
    text = (
        "date 2024-06-04\n\nTwo officials told Reuters the cap would stay. They spoke on condition of "
        "anonymity because the decision had not been announced.\n"
    )
    article = article_from_text(text)
    roles = [[("SOURCE", "Two officials"), ("CUE", "told"), ("CONTENT", "the cap would stay"),
              ("CONTENT", "They spoke on condition of anonymity"), ("CUE", "announced")]]  # fmt: skip
    (statement,) = extract(article, tag(article, roles), [])
    assert statement.content[0].text(text) == "the cap would stay"


def test_what_another_statement_reports_dates_nothing():
    text = (
        "date 2025-10-03\n\nSandvik later said the club would return with a new offer in January, "
        "adding: We will not stop trying.\n"
    )
    article = article_from_text(text)
    roles = [[("SOURCE", "Sandvik"), ("CUE", "later said"),
              ("CONTENT", "the club would return with a new offer in January"), ("CUE", "adding:"),
              ("CONTENT", "We will not stop trying")]]  # fmt: skip
    first, added = extract(article, tag(article, roles), persons(text, "Sandvik"))
    assert first.said_on is None and added.said_on is None  # January is the offer's, not the words'


def test_a_dateline_the_tagger_reads_into_a_content_is_cut_from_it():
    text = "date 2026-09-18\n\nBOLOGNA, Italy (AP) - Heavy rain flooded towns on Thursday, officials said.\n"
    article = article_from_text(text)
    roles = [[("CONTENT", "BOLOGNA, Italy (AP) - Heavy rain flooded towns on Thursday"),
              ("SOURCE", "officials"), ("CUE", "said")]]  # fmt: skip
    (statement,) = extract(article, tag(article, roles), [])
    assert statement.content_text(text) == "Heavy rain flooded towns on Thursday"


@pytest.mark.parametrize(
    ("sentence", "cue", "content", "channel", "said_on"),
    [
        # a noun-phrase content that runs on to the occasion: the occasion is the cue's
        ("Kukies welcomed the decision in a post on X on Thursday.", "welcomed",
         "the decision in a post on X on Thursday", "post on X", date(2026, 3, 12)),
        # a clause reports an occasion of its own
        ("Kukies said the plan would be discussed in a letter to parliament on Thursday.", "said",
         "the plan would be discussed in a letter to parliament on Thursday", None, None),
    ],
)  # fmt: skip
def test_the_occasion_a_content_runs_on_to(sentence, cue, content, channel, said_on):
    text = f"date 2026-03-13\n\n{sentence}\n"
    article = article_from_text(text)
    roles = [[("SOURCE", "Kukies"), ("CUE", cue), ("CONTENT", content)]]
    (statement,) = extract(article, tag(article, roles), [])
    assert statement.channel == channel
    assert (statement.said_on.start if statement.said_on else None) == said_on


def test_a_name_read_as_content_before_its_appositive_joins_the_source():
    text = "date 2026-11-04\n\nPrice, a former teacher, said she was confident the result would stand.\n"
    article = article_from_text(text)
    roles = [[("CONTENT", "Price"), ("SOURCE", "a former teacher"), ("CUE", "said"),
              ("CONTENT", "she was confident the result would stand")]]  # fmt: skip
    (statement,) = extract(article, tag(article, roles), persons(text, "Price"))
    assert statement.source[0].text(text) == "Price, a former teacher"
    assert statement.content_text(text) == "she was confident the result would stand"
    assert statement.speaker.name == "Price"


def one_statement(text: str, roles: list[tuple[str, str]], names: tuple[str, ...] = ()) -> Statement:
    article = article_from_text(text)
    (statement,) = extract(article, tag(article, [roles]), persons(text, *names) if names else [])
    return statement


def test_people_the_tagger_read_as_content_after_an_inverted_cue_are_the_source():
    text = (
        "date 2025-06-06\n\nThe talks may not lead to a deal, said the people, who spoke on condition of "
        "anonymity because the discussions are private.\n"
    )
    statement = one_statement(text, [
        ("CONTENT", "The talks may not lead to a deal"), ("CUE", "said"),
        ("CONTENT", "the people, who spoke on condition of anonymity because the discussions are private"),
    ])  # fmt: skip
    assert statement.content_text(text) == "The talks may not lead to a deal"
    assert statement.source[0].text(text) == "the people"
    assert statement.speaker.anonymous
    # a clause the tagger left between its content and the cue is the rest of what they said
    text = (
        "date 2025-06-06\n\nA deal could come next week, though the talks could fall apart, said the "
        "people, who asked not to be identified.\n"
    )
    statement = one_statement(text, [
        ("CONTENT", "A deal could come next week"), ("CUE", "said"), ("CONTENT", "the people"),
    ])  # fmt: skip
    assert statement.content_text(text) == "A deal could come next week, though the talks could fall apart"
    assert statement.source[0].text(text) == "the people"


def test_people_the_tagger_read_as_content_before_their_cue_are_the_source():
    text = (
        "date 2026-03-06\n\nAnother resident, who did not want to be named, said the protests had been "
        "hijacked.\n"
    )
    statement = one_statement(text, [
        ("CONTENT", "Another resident, who did not want to be named"), ("CUE", "said"),
        ("CONTENT", "the protests had been hijacked"),
    ])  # fmt: skip
    assert statement.content_text(text) == "the protests had been hijacked"
    assert statement.source[0].text(text) == "Another resident, who did not want to be named"
    assert (statement.speaker.name, statement.speaker.anonymous) == ("resident", True)


def test_what_opens_a_sentence_is_no_source_unless_it_names_people():
    text = "date 2026-03-06\n\nThe new plan, which was unveiled Monday, said the city would act.\n"
    found = [("CONTENT", "The new plan, which was unveiled Monday"), ("CUE", "said"),
             ("CONTENT", "the city would act")]  # fmt: skip
    article = article_from_text(text)
    statements = extract(article, tag(article, [found]), [])
    assert not any(s.source and s.source[0].text(text).startswith("The new plan") for s in statements)


def test_a_content_after_told_starts_at_its_that_not_at_where_it_was_told():
    text = "date 2025-03-14\n\nLund told reporters outside the courthouse that the group would keep going.\n"
    statement = one_statement(text, [
        ("SOURCE", "Lund"), ("CUE", "told"), ("CONTENT", "the courthouse that the group would keep going"),
    ], ("Lund",))  # fmt: skip
    assert statement.content_text(text) == "that the group would keep going"


def test_a_verb_the_tagger_ran_a_source_over_is_its_cue():
    text = (
        "date 2025-03-14\n\nThe mayor spoke first. A person familiar with the talks who was not "
        "authorized to speak publicly told reporters the deal was close.\n"
    )
    source = "A person familiar with the talks who was not authorized to speak publicly"
    statement = one_statement(text, [("SOURCE", source + " told"), ("CONTENT", "the deal was close")])
    assert statement.source[0].text(text) == source
    assert statement.cue[0].text(text).startswith("told")
    assert statement.speaker.anonymous and statement.speaker.count == 1


def test_a_quote_in_a_sentence_of_its_own_runs_on_from_the_words_before_it():
    text = (
        'date 2025-06-06\n\n"It never fit," said Omar Haddad. "They bought a factory when the market wanted '
        'software." Haddad estimated the unit could fetch $2 billion.\n'
    )
    said, estimated = extract(article_from_text(text), tag(article_from_text(text), [[
        ("CONTENT", '"It never fit,"'), ("CUE", "said"), ("SOURCE", "Omar Haddad"),
        ("CONTENT", '"They bought a factory when the market wanted software."'),
        ("SOURCE", "Haddad"), ("CUE", "estimated"), ("CONTENT", "the unit could fetch $2 billion"),
    ]]), persons(text, "Omar Haddad", "Haddad"))  # fmt: skip
    assert [piece.text(text) for piece in said.content] == [
        '"It never fit,"', '"They bought a factory when the market wanted software."'
    ]
    assert estimated.content_text(text) == "the unit could fetch $2 billion"


def test_an_unnamed_source_without_commas_runs_on_over_why_to_its_verb():
    text = (
        "date 2025-03-14\n\nTwo Republican lawmakers who asked not to be named because they were not "
        "authorized to discuss caucus strategy said leaders were already drafting a narrower bill.\n"
    )
    statement = one_statement(text, [
        ("SOURCE", "Two Republican lawmakers"), ("SOURCE", "who"), ("CUE", "asked"),
    ])  # fmt: skip
    assert statement.source[0].text(text).endswith("discuss caucus strategy")
    assert statement.content_text(text) == "leaders were already drafting a narrower bill"
    assert (statement.speaker.anonymous, statement.speaker.count) == (True, 2)


def test_unquoted_content_with_neither_cue_nor_source_is_no_statement_and_hides_no_name():
    text = (
        "date 2025-10-20\n\nRovers sacked a manager. Luis Carvalho, 51, had been appointed in June. "
        "After losing, he told reporters he had the players' backing.\n"
    )
    article = article_from_text(text)
    roles = [
        [
            ("CONTENT", "Luis Carvalho, 51, had been appointed in June"),  # the tagger's misreading
            ("SOURCE", "he"),  # the first "he" of the paragraph
            ("CUE", "told"),
            ("CONTENT", "he had the players' backing"),
        ]
    ]
    (statement,) = extract(article, tag(article, roles), persons(text, "Luis Carvalho"))
    assert statement.content[0].text(text) == "he had the players' backing"
    assert statement.speaker.name == "Luis Carvalho"  # the narrative's subject, no longer "said"


def test_a_source_inside_a_relative_clause_on_a_name_gives_way_to_the_name():
    text = (
        "date 2025-10-15\n\nDressler, who has been endorsed by the police union, said the plan was theater.\n"
    )
    article = article_from_text(text)
    roles = [
        [
            ("SOURCE", "Dressler"),
            ("CUE", "has been endorsed"),
            ("SOURCE", "the police union"),  # the tagger's: next to the cue, inside the clause
            ("CUE", "said"),
            ("CONTENT", "the plan was theater"),
        ]
    ]
    (statement,) = extract(article, tag(article, roles), persons(text, "Dressler"))
    assert statement.source[0].text(text) == "Dressler" and statement.speaker.name == "Dressler"


def test_an_opening_occasion_read_as_content_gives_way_to_the_clause_after_the_cue():
    text = "date 2025-09-30\n\nAt a news conference in Raleigh, Price said at least three people had died.\n"
    article = article_from_text(text)
    roles = [[("CONTENT", "At a news conference in Raleigh"), ("SOURCE", "Price"), ("CUE", "said")]]
    (statement,) = extract(article, tag(article, roles), persons(text, "Price"))
    assert statement.content[0].text(text) == "at least three people had died"
    assert statement.channel == "news conference"  # the occasion is the frame again


def test_a_verb_joined_by_and_shares_the_source_of_the_one_before():
    text = "date 2025-02-09\n\nThe MP, Rupa Sandhu, said residents were shaken and called for youth clubs.\n"
    article = article_from_text(text)
    roles = [
        [
            ("CUE", "said"),
            ("CONTENT", "residents were shaken"),
            ("CUE", "called for"),
            ("CONTENT", "youth clubs"),
        ]
    ]
    said, called = extract(article, tag(article, roles), persons(text, "Rupa Sandhu"))
    assert said.speaker.name == called.speaker.name == "Rupa Sandhu"
    assert called.source == said.source


def test_a_time_between_a_content_and_according_to_is_the_contents():
    text = "date 2025-06-18\n\nThe envoy is expected in Beirut on Thursday, according to two officials.\n"
    statement = one_statement(text, [
        ("CONTENT", "The envoy is expected in Beirut"), ("CUE", "according to"), ("SOURCE", "two officials"),
    ])  # fmt: skip
    assert statement.said_on is None  # not the Thursday before publication: the visit's, to come
