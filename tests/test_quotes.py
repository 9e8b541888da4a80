"""Quotation marks: pairing, shares, first-person speech and putting stripped marks back."""

import pytest

from onrecord.attribution.quotes import (
    has_quote_marks,
    quoted_regions,
    quoted_share,
    restore_stripped_quotes,
    sounds_like_speech,
)
from onrecord.model import Span


def quoted_texts(paragraph: str) -> list[str]:
    return [r.text(paragraph) for r in quoted_regions(paragraph)]


# --------------------------------------------------------------------------------------------------
# quoted_regions


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        # curly pairs, including a quote split around its cue
        ("“We will build it,” the mayor said.", ["We will build it,"]),
        ("“We said we would,” Varga said, “and we have.”", ["We said we would,", "and we have."]),
        # straight marks alternate
        ('"Yes," she said. "No."', ["Yes,", "No."]),
        ('He called it "a gamble" and "a mistake".', ["a gamble", "a mistake"]),
        # guillemets face their way too
        ("«Non», a-t-il dit.", ["Non"]),
        # an opening mark never closed runs to the end of the paragraph (the quote continues below)
        ("“Our plants employ forty thousand people, and we will not trade their jobs.", [
            "Our plants employ forty thousand people, and we will not trade their jobs."
        ]),
        ('"If the other side wants a deal, it knows where to find us', [
            "If the other side wants a deal, it knows where to find us"
        ]),
        # a stray closing mark with nothing open is ignored, not taken as an opening
        ("He said” nothing “here we go”", ["here we go"]),
        ("costs rose 7” overall, she said", []),
        # a second opening mark: the first quote was never closed and ends where the next begins
        ("“one thing “and another” here", ["one thing ", "and another"]),
        # negatives: no marks, apostrophes are not quotation marks
        ("The council voted 9-4 on Tuesday.", []),
        ("The city's ring road isn't finished.", []),
        ("", []),
    ],
)
def test_quoted_regions(paragraph, expected):
    assert quoted_texts(paragraph) == expected


def test_quoted_regions_spans_leave_the_marks_out():
    paragraph = "“Yes,” she said."
    assert quoted_regions(paragraph) == [Span(1, 5)]
    assert paragraph[0] == "“" and paragraph[5] == "”"


def test_multi_paragraph_quote_each_paragraph_on_its_own():
    first = "“Our battery plants employ forty thousand people."
    second = "“If the other side wants a deal, it knows where to find us,” Sandu said."
    assert quoted_regions(first) == [Span(1, len(first))]
    assert quoted_texts(second) == ["If the other side wants a deal, it knows where to find us,"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“a”", True), ('say "a"', True), ("«a»", True), ("''a,'' he said", True),
        ("no marks here", False), ("it's ‘single’", False),
        ("‘We will not back down,’ she said", True),
    ],
)
def test_has_quote_marks(text, expected):
    assert has_quote_marks(text) is expected


# --------------------------------------------------------------------------------------------------
# quoted_share


@pytest.mark.parametrize(
    ("content", "regions", "expected"),
    [
        (Span(0, 10), [Span(0, 10)], 1.0),
        (Span(0, 10), [Span(-5, 20)], 1.0),  # a region wider than the content counts only the overlap
        (Span(0, 10), [Span(5, 10)], 0.5),
        (Span(0, 10), [Span(0, 2), Span(8, 10)], 0.4),
        (Span(10, 20), [Span(0, 10), Span(20, 30)], 0.0),  # touching is not overlapping
        (Span(0, 10), [], 0.0),
        (Span(5, 5), [Span(0, 10)], 0.0),  # empty content
    ],
)
def test_quoted_share(content, regions, expected):
    assert quoted_share(content, regions) == pytest.approx(expected)


# --------------------------------------------------------------------------------------------------
# sounds_like_speech


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We will not back down", True),
        ("I think the plan works", True),
        ("Patients tell us they support us", True),
        ("You can count on it", True),
        ("That is my decision", True),
        ("I'm not going anywhere", True),
        ("Our", True),
        # negatives: third person, and words that merely contain a pronoun
        ("The economy is weak", False),
        ("She said the union had not been invited", False),
        ("Weather permitting, the mayor will attend", False),
        ("Ourselves aside", False),
        ("", False),
    ],
)
def test_sounds_like_speech(text, expected):
    assert sounds_like_speech(text) is expected


# --------------------------------------------------------------------------------------------------
# restore_stripped_quotes


@pytest.mark.parametrize(
    ("paragraph", "restored", "quotes"),
    [
        # trailing frame: marks around the quote, the closing mark after its comma (American style)
        (
            "We will not back down, she said in a statement.",
            "“We will not back down,” she said in a statement.",
            ["We will not back down"],
        ),
        (
            "You can count on it, the mayor told reporters.",
            "“You can count on it,” the mayor told reporters.",
            ["You can count on it"],
        ),
        # first-person sentences just before the frame join the quote
        (
            "I am tired. We have waited years. We will not back down, she said.",
            "“I am tired. We have waited years. We will not back down,” she said.",
            ["I am tired. We have waited years. We will not back down"],
        ),
        # a third-person sentence before it does not, and stops the joining
        (
            "The union met on Monday. We will not back down, she said.",
            "The union met on Monday. “We will not back down,” she said.",
            ["We will not back down"],
        ),
        (
            "The union met on Monday. I am tired. We will not back down, she said.",
            "The union met on Monday. “I am tired. We will not back down,” she said.",
            ["I am tired. We will not back down"],
        ),
        # the sentence after a trailing frame stays outside
        (
            "We will not back down, she said. Not while one nurse is looking after twelve patients.",
            "“We will not back down,” she said. Not while one nurse is looking after twelve patients.",
            ["We will not back down"],
        ),
        # ... unless it is speech too: the quote goes on after its frame ("…,” she said. “…”)
        (
            "We will not back down, she said. We have waited. The talks resume Monday.",
            "“We will not back down,” she said. “We have waited”. The talks resume Monday.",
            ["We will not back down", "We have waited"],
        ),
        (
            "You can count on it, the mayor told lawmakers on Monday. We will pay for it.",
            "“You can count on it,” the mayor told lawmakers on Monday. “We will pay for it”.",
            ["You can count on it", "We will pay for it"],
        ),
        # two frames in one paragraph: two quotes, the second does not swallow the first
        (
            "We will win, she said. We are ready, he added.",
            "“We will win,” she said. “We are ready,” he added.",
            ["We will win", "We are ready"],
        ),
        # leading colon frame: the quote runs from the colon to the end of the paragraph
        (
            "Varga added: I think the plan works. We will fund it.",
            "Varga added: “I think the plan works. We will fund it.”",
            ["I think the plan works. We will fund it."],
        ),
        (
            "The minister spoke at length. Varga added: I think the plan works.",
            "The minister spoke at length. Varga added: “I think the plan works.”",
            ["I think the plan works."],
        ),
    ],
)
def test_restore_stripped_quotes(paragraph, restored, quotes):
    result = restore_stripped_quotes(paragraph)
    assert result.text == restored
    assert [r.text(paragraph) for r in result.regions] == quotes
    # the regions are in offsets of the original paragraph and the marks sit around them
    assert quoted_texts(result.text) == [
        q + ("," if paragraph[r.end : r.end + 1] == "," else "") for q, r in zip(quotes, result.regions)
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        # a third-person sentence before ", he said." is indirect speech, not a stripped quote
        "The economy is weak, he said.",
        "The talks had broken down last week, the union said.",
        # no reporting frame at all, first person or not
        "The council met on Tuesday and voted for the plan.",
        "We will not back down.",
        # a leading frame over third-person words
        "Varga added: the plan works and the money is there.",
        "",
    ],
)
def test_restore_stripped_quotes_leaves_non_quotes_alone(paragraph):
    result = restore_stripped_quotes(paragraph)
    assert result.text == paragraph
    assert result.regions == ()


def test_restore_does_not_take_us_the_country_for_first_person():
    assert restore_stripped_quotes("The US economy is weak, he said.").regions == ()


@pytest.mark.parametrize(
    "paragraph",
    [
        "We will not back down, she said in a statement.",
        "I am tired. We have waited years. We will not back down, she said.",
        "Varga added: I think the plan works. We will fund it.",
        "We will win, she said. We are ready, he added.",
        "The economy is weak, he said.",
    ],
)
def test_restored_to_original_maps_every_span_back(paragraph):
    result = restore_stripped_quotes(paragraph)
    restored = result.text
    marks = {i for i, ch in enumerate(restored) if ch in "“”"}
    # every span of restored text that contains no inserted mark maps onto the same characters
    for start in range(len(restored) + 1):
        for end in range(start, len(restored) + 1):
            if any(start <= m < end for m in marks):
                continue
            original = result.to_original(Span(start, end))
            assert original.text(paragraph) == restored[start:end], (start, end)
    assert result.to_original(Span(0, len(restored))) == Span(0, len(paragraph))


def test_restored_to_original_drops_the_marks_a_span_covers():
    paragraph = "We will not back down, she said in a statement."
    result = restore_stripped_quotes(paragraph)
    restored = result.text
    # a tagger span over the quote with its marks, and one over the quote without them
    with_marks = Span(0, restored.index("”") + 1)
    without = Span(1, restored.index(","))
    assert result.to_original(with_marks).text(paragraph) == "We will not back down,"
    assert result.to_original(without).text(paragraph) == "We will not back down"
    source = restored.index("she")
    assert result.to_original(Span(source, source + 3)).text(paragraph) == "she"


@pytest.mark.parametrize(
    ("paragraph", "quoted"),
    [
        # British quotes, straight or curly; an apostrophe inside them closes nothing
        ("'We promised to do it,' said one MP. 'Anything else is tinkering.'",
         ["We promised to do it,", "Anything else is tinkering."]),
        ("‘We don’t know,’ she said.", ["We don’t know,"]),
        # single marks inside double ones are the inner quote; double inside single, the inner one
        ('"He told me \'no way\' twice," she said.', ["He told me 'no way' twice,"]),
        ('\'He told me "no" twice,\' she said.', ['He told me "no" twice,']),
        # a scare quote beside a double-quoted phrase: both
        ("Labour was 'in chaos' and \"ducking the decision\".", ["in chaos", "ducking the decision"]),
        # apostrophes quote nothing: elisions, plural possessives, two apostrophes for a double mark
        ("In the '90s, he said, voters' rights mattered.", []),
        ("''The message is clear,'' he added.", []),
        # a single quote left open runs on only when it opens the paragraph
        ("'It runs on", ["It runs on"]),
        ("Then he said, 'it is back", []),
    ],
)  # fmt: skip
def test_single_quotation_marks(paragraph, quoted):
    assert quoted_texts(paragraph) == quoted
