"""Linking role spans into draft attributions, with hand-built role spans (no model)."""

import pytest

from onrecord.attribution.link import Draft, link
from onrecord.model import Span
from onrecord.nlp.roles import RoleSpan


def at(text: str, piece: str, occurrence: int = 1) -> Span:
    """The span of the n-th occurrence of ``piece`` in ``text``."""
    start = -1
    for _ in range(occurrence):
        start = text.index(piece, start + 1)
    return Span(start, start + len(piece))


def roles(text: str, *labelled: tuple[str, str] | tuple[str, str, int]) -> list[RoleSpan]:
    return [RoleSpan(label, at(text, piece, *nth)) for label, piece, *nth in labelled]


def as_text(text: str, drafts: list[Draft]) -> list[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]:
    """Drafts as (sources, cues, contents) text tuples, easy to compare."""
    return [
        (
            tuple(s.text(text) for s in d.source),
            tuple(s.text(text) for s in d.cue),
            tuple(s.text(text) for s in d.content),
        )
        for d in drafts
    ]


SPLIT = "“We said we would back cities that show ambition,” Varga said, “and Brennhaven has shown it.”"
TWO_SENTENCES = "Taxes will rise next year, Smith said. Jones said spending would fall."
# The second sentence's content lies closer, in characters, to the first sentence's cue than to its own.
FAR_CUE = (
    "Smith said so. “We will run trams by 2029 and buses until then,” "
    "the long-serving chief executive of the regional bus operator told reporters."
)


@pytest.mark.parametrize(
    ("text", "labelled", "expected"),
    [
        # content before its cue and source
        (
            "The council will approve the budget, the mayor said.",
            [("CONTENT", "The council will approve the budget"), ("SOURCE", "the mayor"), ("CUE", "said")],
            [(("the mayor",), ("said",), ("The council will approve the budget",))],
        ),
        # "according to" with the source after the cue
        (
            "The first trams will run in 2029, according to the planning department.",
            [
                ("CONTENT", "The first trams will run in 2029"),
                ("CUE", "according to"),
                ("SOURCE", "the planning department"),
            ],
            [(("the planning department",), ("according to",), ("The first trams will run in 2029",))],
        ),
        # source, cue, then content
        (
            "Varga said that the ministry would sign the agreement.",
            [("SOURCE", "Varga"), ("CUE", "said"), ("CONTENT", "that the ministry would sign the agreement")],
            [(("Varga",), ("said",), ("that the ministry would sign the agreement",))],
        ),
        # a quote split around its cue: one cue, two content pieces, in text order
        (
            SPLIT,
            [
                ("CONTENT", "We said we would back cities that show ambition,"),
                ("SOURCE", "Varga"),
                ("CUE", "said"),
                ("CONTENT", "and Brennhaven has shown it."),
            ],
            [
                (
                    ("Varga",),
                    ("said",),
                    ("We said we would back cities that show ambition,", "and Brennhaven has shown it."),
                )
            ],
        ),
        # two attributions in two sentences stay apart
        (
            TWO_SENTENCES,
            [
                ("CONTENT", "Taxes will rise next year"),
                ("SOURCE", "Smith"),
                ("CUE", "said", 1),
                ("SOURCE", "Jones"),
                ("CUE", "said", 2),
                ("CONTENT", "spending would fall"),
            ],
            [
                (("Smith",), ("said",), ("Taxes will rise next year",)),
                (("Jones",), ("said",), ("spending would fall",)),
            ],
        ),
        # ... even where the characters say otherwise: a cue in another sentence loses to one in the same
        (
            FAR_CUE,
            [
                ("SOURCE", "Smith"),
                ("CUE", "said"),
                ("CONTENT", "We will run trams by 2029 and buses until then,"),
                ("SOURCE", "the long-serving chief executive of the regional bus operator"),
                ("CUE", "told reporters"),
            ],
            [
                (
                    ("the long-serving chief executive of the regional bus operator",),
                    ("told reporters",),
                    ("We will run trams by 2029 and buses until then,",),
                )
            ],
        ),
        # a that-clause belongs to the verb before it, even with another cue nearer after it
        (
            "Adeyemi said in a statement that the bank was independent, but he called for a pause.",
            [
                ("SOURCE", "Adeyemi"),
                ("CUE", "said"),
                ("CONTENT", "that the bank was independent"),
                ("SOURCE", "he"),
                ("CUE", "called for"),
                ("CONTENT", "a pause"),
            ],
            [
                (("Adeyemi",), ("said",), ("that the bank was independent",)),
                (("he",), ("called for",), ("a pause",)),
            ],
        ),
        # a cue with no content is dropped
        (
            "Smith said nothing. The line will open in 2029, Jones said.",
            [
                ("SOURCE", "Smith"),
                ("CUE", "said", 1),
                ("CONTENT", "The line will open in 2029"),
                ("SOURCE", "Jones"),
                ("CUE", "said", 2),
            ],
            [(("Jones",), ("said",), ("The line will open in 2029",))],
        ),
        (
            "Smith declined to comment.",
            [("SOURCE", "Smith"), ("CUE", "declined to comment")],
            [],
        ),
        # contents with no cue at all become cue-less drafts, each with its nearest source
        (
            "The union: talks have failed. The hospital: talks go on.",
            [
                ("SOURCE", "The union"),
                ("CONTENT", "talks have failed"),
                ("SOURCE", "The hospital"),
                ("CONTENT", "talks go on"),
            ],
            [
                (("The union",), (), ("talks have failed",)),
                (("The hospital",), (), ("talks go on",)),
            ],
        ),
        (
            "Talks have failed and the strike goes on.",
            [("CONTENT", "Talks have failed and the strike goes on")],
            [((), (), ("Talks have failed and the strike goes on",))],
        ),
        # a cue with content but no source in sight
        (
            "Talks have failed, it was said.",
            [("CONTENT", "Talks have failed"), ("CUE", "said")],
            [((), ("said",), ("Talks have failed",))],
        ),
        # nothing tagged, nothing linked; a lone source is no attribution
        ("The council met on Tuesday.", [], []),
        ("Smith was there.", [("SOURCE", "Smith")], []),
    ],
)
def test_link(text, labelled, expected):
    assert as_text(text, link(text, roles(text, *labelled))) == expected


def test_link_returns_paragraph_offsets():
    drafts = link(SPLIT, roles(SPLIT, ("CONTENT", "and Brennhaven has shown it."), ("CUE", "said"),
                                ("CONTENT", "We said we would back cities that show ambition,"),
                                ("SOURCE", "Varga")))  # fmt: skip
    assert drafts == [
        Draft(
            source=(at(SPLIT, "Varga"),),
            cue=(at(SPLIT, "said"),),
            content=(
                at(SPLIT, "We said we would back cities that show ambition,"),
                at(SPLIT, "and Brennhaven has shown it."),
            ),
        )
    ]


def test_link_is_independent_of_input_order():
    labelled = [
        ("CONTENT", "Taxes will rise next year"),
        ("SOURCE", "Smith"),
        ("CUE", "said", 1),
        ("SOURCE", "Jones"),
        ("CUE", "said", 2),
        ("CONTENT", "spending would fall"),
    ]
    forward = link(TWO_SENTENCES, roles(TWO_SENTENCES, *labelled))
    backward = link(TWO_SENTENCES, roles(TWO_SENTENCES, *reversed(labelled)))
    assert forward == backward
    assert len(forward) == 2


RUN_ON = "“The depot is ready,” Ode said. “The drivers are not.”"
MISSED_CUE = "Ode said the depot was ready. The drivers would need another month."


@pytest.mark.parametrize(
    ("text", "labelled", "expected"),
    [
        # a quote runs on past its cue's sentence and stays with that cue
        (
            RUN_ON,
            [("CONTENT", "The depot is ready,"), ("SOURCE", "Ode"), ("CUE", "said"), ("CONTENT", "The drivers are not.")],
            [(("Ode",), ("said",), ("The depot is ready,", "The drivers are not."))],
        ),
        # reported speech does not: an unquoted content in a sentence without a cue stands alone, and
        # takes a source only from its own sentence
        (
            MISSED_CUE,
            [
                ("SOURCE", "Ode"),
                ("CUE", "said"),
                ("CONTENT", "the depot was ready"),
                ("CONTENT", "The drivers would need another month"),
            ],
            [
                (("Ode",), ("said",), ("the depot was ready",)),
                ((), (), ("The drivers would need another month",)),
            ],
        ),
        (
            "The drivers would need another month. Ode said the depot was ready.",
            [
                ("CONTENT", "The drivers would need another month"),
                ("SOURCE", "Ode"),
                ("CUE", "said"),
                ("CONTENT", "the depot was ready"),
            ],
            [
                ((), (), ("The drivers would need another month",)),
                (("Ode",), ("said",), ("the depot was ready",)),
            ],
        ),
    ],
)
def test_content_in_a_sentence_without_a_cue(text, labelled, expected):
    assert as_text(text, link(text, roles(text, *labelled))) == expected


def test_quotations_can_be_given_where_the_marks_were_stripped():
    text = RUN_ON.replace("“", "").replace("”", "")
    labelled = roles(text, ("CONTENT", "The depot is ready,"), ("SOURCE", "Ode"), ("CUE", "said"),
                     ("CONTENT", "The drivers are not."))  # fmt: skip
    assert len(link(text, labelled)) == 2  # no marks: the second sentence reads as reported speech
    restored = [at(text, "The depot is ready,"), at(text, "The drivers are not.")]
    assert as_text(text, link(text, labelled, restored)) == [
        (("Ode",), ("said",), ("The depot is ready,", "The drivers are not."))
    ]


def test_a_source_with_a_cue_of_its_own_in_another_sentence_is_not_borrowed():
    text = "A city official said the estimate was inflated. Okafor would not confirm the figure."
    labelled = roles(text, ("CUE", "said"), ("CONTENT", "the estimate was inflated"), ("SOURCE", "Okafor"),
                     ("CUE", "would not confirm"), ("CONTENT", "the figure"))  # fmt: skip
    assert as_text(text, link(text, labelled)) == [
        ((), ("said",), ("the estimate was inflated",)),  # the tagger missed "A city official"
        (("Okafor",), ("would not confirm",), ("the figure",)),
    ]
    # a source alone in its sentence may still be a neighbouring cue's (a lead-in, a headline)
    text = "Okafor. She said the estimate was inflated."
    labelled = roles(text, ("SOURCE", "Okafor"), ("CUE", "said"), ("CONTENT", "the estimate was inflated"))
    assert as_text(text, link(text, labelled))[0][0] == ("Okafor",)


@pytest.mark.parametrize("opener", ["Asked", "When asked", "After being asked"])
def test_a_question_opening_the_sentence_is_the_unnamed_reporters(opener):
    text = f"{opener} whether the fee was too high, Lage replied: “Good players cost money.”"
    drafts = link(
        text,
        roles(
            text,
            ("CUE", opener.split()[-1]),
            ("CONTENT", "whether the fee was too high"),
            ("SOURCE", "Lage"),
            ("CUE", "replied:"),
            ("CONTENT", "“Good players cost money.”"),
        ),
    )
    assert as_text(text, drafts) == [
        ((), (opener.split()[-1],), ("whether the fee was too high",)),
        (("Lage",), ("replied:",), ("“Good players cost money.”",)),
    ]


def test_asked_later_in_the_sentence_keeps_its_source():
    text = "Reporters asked whether the fee was too high."
    question = "whether the fee was too high"
    labelled = roles(text, ("SOURCE", "Reporters"), ("CUE", "asked"), ("CONTENT", question))
    drafts = link(text, labelled)
    assert as_text(text, drafts) == [(("Reporters",), ("asked",), ("whether the fee was too high",))]


def test_a_cue_in_a_clause_after_the_content_reports_something_else():
    """"…, after the port authority agreed to …": neither the cue nor the source of the clause that
    says when or why is the content's; with no other cue in its sentence, the content stands alone."""
    text = (
        "Mayor Ruiz spoke first. Dockworkers voted on Wednesday to end the strike, after the port "
        "authority agreed to a pay rise."
    )
    found = roles(text, ("SOURCE", "Mayor Ruiz"), ("CUE", "spoke"), ("CONTENT", "to end the strike"),
                  ("SOURCE", "the port authority"), ("CUE", "agreed to"),
                  ("CONTENT", "a pay rise"))  # fmt: skip
    drafted = as_text(text, link(text, found))
    assert ((), (), ("to end the strike",)) in drafted
    assert (("the port authority",), ("agreed to",), ("a pay rise",)) in drafted
