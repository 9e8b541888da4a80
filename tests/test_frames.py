"""Reporting frames: role spans for sentences the tagger left without content."""

import pytest

from onrecord.attribution.frames import (
    adjacent_source,
    anonymity_roles,
    frame_roles,
    headline_roles,
    lead_in,
    signature_roles,
)
from onrecord.model import Span
from onrecord.nlp.roles import RoleSpan


def at(text: str, piece: str) -> Span:
    start = text.index(piece)
    return Span(start, start + len(piece))


def labelled(text: str, found: list[RoleSpan]) -> list[tuple[str, str]]:
    return [(r.label, r.span.text(text)) for r in found]


CONTENT = "The bridge will cost far more than promised"


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            f"{CONTENT}, a source said.",
            [("SOURCE", "a source"), ("CUE", "said"), ("CONTENT", CONTENT)],
        ),
        (
            f"{CONTENT}, the mayor told reporters.",
            [("SOURCE", "the mayor"), ("CUE", "told reporters"), ("CONTENT", CONTENT)],
        ),
        (
            f"“{CONTENT},” she added.",
            [("SOURCE", "she"), ("CUE", "added"), ("CONTENT", CONTENT)],
        ),
        (
            f"{CONTENT}, said Mr Smith",
            [("SOURCE", "Mr Smith"), ("CUE", "said"), ("CONTENT", CONTENT)],
        ),
        (
            f"{CONTENT}, noted NBC’s Dante Chinni.",
            [("SOURCE", "NBC’s Dante Chinni"), ("CUE", "noted"), ("CONTENT", CONTENT)],
        ),
        (
            f"{CONTENT}, according to two officials.",
            [("SOURCE", "two officials"), ("CUE", "according to"), ("CONTENT", CONTENT)],
        ),
        (
            f"{CONTENT}, according to two U.S. officials.",
            [("SOURCE", "two U.S. officials"), ("CUE", "according to"), ("CONTENT", CONTENT)],
        ),
        (
            "According to the report, the first trams will run in 2029.",
            [("SOURCE", "the report"), ("CUE", "According to"), ("CONTENT", "the first trams will run in 2029")],
        ),
        (
            "Kirby said that the talks would resume next week.",
            [("SOURCE", "Kirby"), ("CUE", "said"), ("CONTENT", "that the talks would resume next week")],
        ),
        (
            "Kirby said on Tuesday that the talks would resume next week.",
            [("SOURCE", "Kirby"), ("CUE", "said"), ("CONTENT", "that the talks would resume next week")],
        ),
        (
            "A spokesman told reporters the minister would meet both sides.",
            [("SOURCE", "A spokesman"), ("CUE", "told reporters"), ("CONTENT", "the minister would meet both sides")],
        ),
        # negatives: no frame, or content shorter than four words
        ("The council met on Tuesday and voted for the plan.", []),
        ("Fares will rise.", []),
        ("Too short, he said.", []),
        ("It is late, he said.", []),
        ("According to him, fares rise.", []),
        ("", []),
    ],
)
def test_frame_roles(paragraph, expected):
    assert labelled(paragraph, frame_roles(paragraph, [])) == expected


def test_inverted_frame_source_leaves_out_the_final_period():
    paragraph = f"{CONTENT}, said Smith."
    assert labelled(paragraph, frame_roles(paragraph, [])) == [
        ("SOURCE", "Smith"),
        ("CUE", "said"),
        ("CONTENT", CONTENT),
    ]


def test_inverted_frame_with_an_honorific():
    paragraph = f"{CONTENT}, said Mr. Smith."
    assert labelled(paragraph, frame_roles(paragraph, [])) == [
        ("SOURCE", "Mr. Smith"),
        ("CUE", "said"),
        ("CONTENT", CONTENT),
    ]


@pytest.mark.parametrize("tail", ["said on Tuesday.", "said in a statement.", "said on Thursday, after talks failed."])
def test_trailing_frame_with_words_after_the_verb(tail):
    paragraph = f"{CONTENT}, two council officials {tail}"
    assert ("CONTENT", CONTENT) in labelled(paragraph, frame_roles(paragraph, []))


TWO = f"{CONTENT}, a source said. Kirby said that the talks would resume next week."


def test_each_sentence_gets_its_own_frame():
    assert labelled(TWO, frame_roles(TWO, [])) == [
        ("SOURCE", "a source"),
        ("CUE", "said"),
        ("CONTENT", CONTENT),
        ("SOURCE", "Kirby"),
        ("CUE", "said"),
        ("CONTENT", "that the talks would resume next week"),
    ]


def test_offsets_are_paragraph_offsets():
    found = frame_roles(TWO, [])
    assert [r.span for r in found if r.label == "SOURCE"] == [at(TWO, "a source"), at(TWO, "Kirby")]
    assert found[-1].span == at(TWO, "that the talks would resume next week")


@pytest.mark.parametrize(
    ("paragraph", "tagged", "expected"),
    [
        # the tagger found content in the sentence: the frame leaves it alone
        (f"{CONTENT}, a source said.", [("CONTENT", "The bridge will cost far more")], []),
        # ... and only that sentence
        (
            TWO,
            [("CONTENT", "The bridge will cost far more")],
            [("SOURCE", "Kirby"), ("CUE", "said"), ("CONTENT", "that the talks would resume next week")],
        ),
        (
            TWO,
            [("CONTENT", "the talks would resume")],
            [("SOURCE", "a source"), ("CUE", "said"), ("CONTENT", CONTENT)],
        ),
        # roles the tagger found without content: the frame adds only what overlaps none of them
        (f"{CONTENT}, a source said.", [("SOURCE", "a source")], [("CUE", "said"), ("CONTENT", CONTENT)]),
        (f"{CONTENT}, a source said.", [("CUE", "said")], [("SOURCE", "a source"), ("CONTENT", CONTENT)]),
        (f"{CONTENT}, a source said.", [("SOURCE", "source said")], [("CONTENT", CONTENT)]),
        (f"{CONTENT}, a source said.", [("SOURCE", "source"), ("CUE", "said")], [("CONTENT", CONTENT)]),
    ],
)
def test_frame_roles_respect_what_the_tagger_found(paragraph, tagged, expected):
    found = [RoleSpan(label, at(paragraph, piece)) for label, piece in tagged]
    roles = frame_roles(paragraph, found)
    assert roles[: len(found)] == found  # the tagger's roles all stay
    extra = roles[len(found) :]
    assert labelled(paragraph, extra) == expected
    # never a duplicate of, or an overlap with, a span already found
    for role in extra:
        assert not any(f.span.start < role.span.end and f.span.end > role.span.start for f in found)


def test_a_tagger_role_running_over_a_frames_content_gives_way():
    paragraph = "According to a statement from the ministry, the first shipment left on Sunday."
    tagged = [("CUE", "According to"), ("SOURCE", "a statement from the ministry, the first shipment left")]
    found = [RoleSpan(label, at(paragraph, piece)) for label, piece in tagged]
    assert labelled(paragraph, frame_roles(paragraph, found)) == [
        ("CUE", "According to"),
        ("SOURCE", "a statement from the ministry"),
        ("CONTENT", "the first shipment left on Sunday"),
    ]


def test_frame_roles_does_not_change_its_input():
    found = [RoleSpan("SOURCE", at(TWO, "a source"))]
    before = list(found)
    frame_roles(TWO, found)
    assert found == before


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "“The most unqualified child to ever run for president.” ―\u00a0Francisco Herrero.",
            [("CUE", "―"), ("SOURCE", "Francisco Herrero")],
        ),
        (
            "“No sympathy, a real fiasco.” — Julie A. Diaz Martinez",
            [("CUE", "—"), ("SOURCE", "Julie A. Diaz Martinez")],
        ),
        ("He pledged to ban all Muslims ― 1.6 billion members of a religion ― from entering.", []),
        ("“We will win,” ― Trump told the crowd in Ohio.", []),  # the name does not end the paragraph
    ],
)
def test_signature_roles(paragraph, expected):
    assert labelled(paragraph, signature_roles(paragraph, [])) == expected


def test_signature_roles_leave_the_taggers_roles_alone():
    paragraph = "“No sympathy, a real fiasco.” ― Oscar P. Quintero."
    tagged = [RoleSpan("SOURCE", at(paragraph, "Oscar P. Quintero"))]
    assert signature_roles(paragraph, tagged) == []


@pytest.mark.parametrize(
    ("headline", "names", "expected"),
    [
        (
            "Pence: Gennifer Flowers Won’t Be at Debate.",
            ["Mike Pence"],
            [("SOURCE", "Pence"), ("CUE", ":"), ("CONTENT", "Gennifer Flowers Won’t Be at Debate")],
        ),
        ("The Latest: Trump urges supporters to monitor polling places.", [], []),  # a kicker, not a name
        ("Breaking: Bernie Sanders Just Got A MAJOR Win.", ["Bernie Sanders"], []),
        ("PENCE: We will win.", ["Mike Pence"], []),  # a transcript label: transcript.py reads those
    ],
)
def test_headline_roles(headline, names, expected):
    assert labelled(headline, headline_roles(headline, [], names)) == expected


def test_headline_roles_leave_the_taggers_roles_alone():
    headline = "Pence: Gennifer Flowers Won’t Be at Debate."
    tagged = [RoleSpan("CONTENT", at(headline, "Gennifer Flowers Won’t Be at Debate"))]
    assert headline_roles(headline, tagged, ["Mike Pence"]) == []


def test_a_frame_after_a_comma_with_a_weaker_verb_and_no_dateline_in_the_content():
    paragraph = "WASHINGTON (AP) — The Federal Reserve will hold rates, Chair Jerome Powell signaled."
    assert labelled(paragraph, frame_roles(paragraph, [])) == [
        ("SOURCE", "Chair Jerome Powell"), ("CUE", "signaled"),
        ("CONTENT", "The Federal Reserve will hold rates"),
    ]  # fmt: skip
    assert frame_roles("The company behind the new bridge in the city confirmed on Monday.", []) == []


@pytest.mark.parametrize(
    ("paragraph", "roles", "expected"),
    [
        ("Limbaugh added:", [("SOURCE", "Limbaugh"), ("CUE", "added:")], ("Limbaugh", "added:")),
        (  # a cue with nothing reported after it, in the last sentence, after another attribution
            "The woman disputes the idea. McCrummen reports:",
            [("SOURCE", "The woman"), ("CUE", "disputes"), ("CONTENT", "the idea"),
             ("SOURCE", "McCrummen"), ("CUE", "reports:")],
            ("McCrummen", "reports:"),
        ),
        ("He said in a written statement:", [("CUE", "said")], ("He", "said")),  # the source by the frame
        ("MSNBC suggested that she has the following tasks:",  # the colon closes the content itself
         [("SOURCE", "MSNBC"), ("CUE", "suggested"), ("CONTENT", "that she has the following tasks")], None),
        ("Partial transcript as follows:", [("CUE", "as follows:")], None),  # nobody speaks
        ("Kirby added that the policy stands.", [("SOURCE", "Kirby"), ("CUE", "added")], None),  # no colon
        ("Kirby said, after a long pause and a sip of water:", [("SOURCE", "Kirby"), ("CUE", "said")], None),
    ],
)
def test_lead_in(paragraph, roles, expected):
    found = [RoleSpan(label, at(paragraph, piece)) for label, piece in roles]
    introduced = lead_in(paragraph, found)
    assert (tuple(span.text(paragraph) for span in introduced) if introduced else None) == expected


@pytest.mark.parametrize(
    ("paragraph", "tagged", "expected"),
    [
        (  # the tagger read "asked" as a cue and the noun phrase as what was asked
            "Officials at the bank, who asked not to be named, said two members had dissented.",
            [("CONTENT", "Officials at the bank,"), ("CUE", "asked"), ("CONTENT", "not to be named"),
             ("CUE", "said"), ("CONTENT", "two members had dissented")],
            [("CUE", "said"), ("CONTENT", "two members had dissented"),
             ("SOURCE", "Officials at the bank, who asked not to be named")],
        ),
        (  # "who" read as the source
            "A senior diplomat, who requested anonymity because the talks were private, said it failed.",
            [("SOURCE", "who"), ("CUE", "requested"), ("CONTENT", "anonymity"), ("CUE", "said"),
             ("CONTENT", "it failed")],
            [("CUE", "said"), ("CONTENT", "it failed"),
             ("SOURCE", "A senior diplomat, who requested anonymity because the talks were private")],
        ),
        (  # a participle clause: the noun phrase before it was read as content
            "A city official, speaking on condition of anonymity, said the audit found errors.",
            [("CONTENT", "A city official, speaking on condition of anonymity"), ("CUE", "said"),
             ("CONTENT", "the audit found errors")],
            [("CUE", "said"), ("CONTENT", "the audit found errors"),
             ("SOURCE", "A city official, speaking on condition of anonymity")],
        ),
        (  # a source the tagger found over the clause stays as it is
            "Two officials, who spoke on condition of anonymity, said it failed.",
            [("SOURCE", "Two officials, who spoke on condition of anonymity,"), ("CUE", "said"),
             ("CONTENT", "it failed")],
            [("SOURCE", "Two officials, who spoke on condition of anonymity,"), ("CUE", "said"),
             ("CONTENT", "it failed")],
        ),
    ],
)
def test_an_anonymity_clause_reports_nothing_and_belongs_to_the_source(paragraph, tagged, expected):
    found = [RoleSpan(label, at(paragraph, piece)) for label, piece in tagged]
    assert labelled(paragraph, anonymity_roles(paragraph, found)) == expected


@pytest.mark.parametrize(
    ("paragraph", "cue", "source"),
    [
        ("In Faenza, resident Giulia Fabbri, 54, said the water rose.", "said", "Giulia Fabbri"),
        ("Rafael Ortiz, who voted against the plan, said it was unfair.", "said", "Rafael Ortiz"),
        ("The vote was close, Mayor Okoro said.", "said", "Mayor Okoro"),
        # a name that closes the sentence before is no source of the next one's cue
        ("The fee was high, said Lage. Asked whether it was too high, he shrugged.", "Asked", None),
    ],
)
def test_the_source_right_before_a_cue_the_tagger_left_without_one(paragraph, cue, source):
    start = paragraph.index(cue)
    found = adjacent_source(paragraph, Span(start, start + len(cue)), [])
    assert (found.text(paragraph) if found else None) == source


def test_a_sentence_opening_with_an_unnamed_source_takes_the_frames_roles():
    """The fast tagger can read "A nurse" as content and "who" as the source; the clause that says why
    the nurse goes unnamed makes the frame sure, and its roles replace the tagger's there."""
    paragraph = "A nurse who asked not to be identified said the ward was full. The hospital said nothing."
    tagged = [RoleSpan(label, at(paragraph, words)) for label, words in [
        ("CONTENT", "A nurse"), ("SOURCE", "who"), ("CUE", "asked"), ("CONTENT", "the ward was full"),
        ("SOURCE", "The hospital"),
    ]]  # fmt: skip
    assert sorted(labelled(paragraph, frame_roles(paragraph, tagged))) == sorted([
        ("SOURCE", "A nurse who asked not to be identified"), ("CUE", "said"),
        ("CONTENT", "the ward was full"), ("SOURCE", "The hospital"),
    ])  # fmt: skip
