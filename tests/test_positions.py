"""Positions, pure parts: polarity words, scope, shifts, question discovery, the stance model file."""

import dataclasses
from datetime import date

import numpy as np
import pytest

from onrecord.attribution.cues import is_standing
from onrecord.positions import lexicon
from onrecord.positions.context import antecedents, with_antecedents
from onrecord.positions.questions import discover_questions
from onrecord.positions.scope import find_scope
from onrecord.positions.shifts import Point, detect_shifts
from onrecord.positions.stance import (
    Similarity,
    StanceModel,
    explicit_sense,
    features,
    polarity,
    read_stance,
)

PERMIT = "The U.S. permits Ukraine to use U.S.-supplied weapons to strike inside Russia."


# --- polarity -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "cue", "sense"),
    [
        (
            "We neither encourage nor permit the use of U.S.-supplied weapons to strike inside Russia",
            "said",
            -1,
        ),
        (
            "it opposes the use of U.S.-supplied weapons to strike inside Russia, even if they support Ukraine",
            "stated",
            -1,
        ),
        ("Our policy regarding prohibiting the use of ATACMS in Russia has not changed", "said", -1),
        (
            "The administration has given Ukraine permission to use U.S. weapons to strike inside Russia",
            "according to",
            1,
        ),
        ("using American weapons to attack Russia", "has called for", 1),
        ("reconsidering restrictions on Western weapons", "have called for", 1),
        ("Ukraine may use U.S. weapons inside Russia", "denied", -1),
    ],
)
def test_polarity_reads_negation_continuity_concession_and_cue(content, cue, sense):
    assert polarity(content, cue, PERMIT) == sense


def test_neither_nor_is_one_negation_and_continuity_is_none():
    assert lexicon.flips("we neither encourage nor permit it") == 1
    assert lexicon.flips("our policy has not changed") == 0
    assert lexicon.flips("there is no policy change") == 0


def test_anchored_flips_looks_just_before_the_question_word():
    assert lexicon.anchored_flips("We neither encourage nor permit the use of weapons", PERMIT) == (1, 0)
    assert lexicon.anchored_flips("They were given permission to use the weapons", PERMIT) == (0, 0)
    assert lexicon.anchored_flips("The weather was fine", PERMIT) is None


def test_a_negative_word_elsewhere_in_the_question_does_not_turn_a_denial_around():
    question = "Hillary Clinton's use of a private email server was a serious wrongdoing."
    assert explicit_sense("I did not email any classified material to anyone", "said", question) == -1


@pytest.mark.parametrize(
    "content, cue, sense",
    [
        (
            "I have decided that on Election Day, I will vote for the Republican nominee, Mara Lind,",
            "wrote",
            1,
        ),
        ('he wasn\'t going to "act like a servile puppy dog" and back Lind', "said", -1),
        ("we will do everything we can to defeat Lind", "said", -1),
        ("he will never endorse Lind", "denied", 1),  # a denial of a refusal
        ("51 percent of respondents said they would vote for Lind", "according to", 0),  # a poll
        ("she might vote for Lind", "said", 0),  # a maybe
        ("if he would endorse Lind", "asked", 0),  # a question
        ("Lind spoke about the economy", "said", 0),  # no verb takes the name
        # a noun is not the verb: "election" does not elect, "support" in "his supporters" backs no one
        ("he'd support Vera Holm in a general election over Republican Lind", "told", 0),
        # a negation in a clause set against the verb's by "but" stays there
        ("Holm is not my favorite, but we must rally around Holm to stop Lind", "said", -1),
    ],
)
def test_a_candidacy_is_read_from_the_verb_that_takes_the_candidates_name(content, cue, sense):
    assert explicit_sense(content, cue, "Mara Lind should be elected president.") == sense


def test_a_backing_verb_says_nothing_on_a_question_that_is_not_a_candidacy():
    assert (
        lexicon.candidacy_flips("I will vote for Lind", "Mara Lind should release her tax returns.") is None
    )


def test_cue_classes():
    assert lexicon.cue_class("has called for") == "advocacy"
    assert lexicon.cue_class("denied") == "opposition"
    assert lexicon.cue_class("refused") == "opposition"
    assert lexicon.cue_class("asked") == "question"
    assert lexicon.cue_class("said") == "speech"
    assert is_standing("has publicly and repeatedly stated") and not is_standing("said")


# --- scope --------------------------------------------------------------------------------------


def test_scope_names_the_limits_the_question_does_not_state():
    content = "The administration has given Ukraine permission to use some U.S. weapons to strike inside Russia near Kharkiv for counterfire purposes"
    assert find_scope(content, PERMIT) == "near Kharkiv, for counterfire purposes"
    atacms = (
        "Our policy regarding prohibiting the use of ATACMS or long-range strikes in Russia has not changed"
    )
    assert find_scope(atacms, PERMIT) == "ATACMS or long-range strikes"
    assert (
        find_scope(
            "We neither encourage nor permit the use of U.S.-supplied weapons to strike inside Russia", PERMIT
        )
        is None
    )
    assert find_scope(
        "He will release them only after the audit is finished", "Trump should release his tax returns."
    ) == ("only after the audit is finished")
    # how long the speaker will hold the view is no limit on it; a condition on the thing is
    charge = "The city should introduce a downtown congestion charge."
    assert find_scope("As long as I am mayor, there will be no congestion charge", charge) is None
    condition = "as long as buses get the money"
    assert find_scope(f"She is open to a charge, {condition}", charge) == condition


# --- shifts -------------------------------------------------------------------------------------


def point(key, stance, day, speaker="us", scope=None, standing=False, question="q"):
    return Point(key, speaker, question, stance, scope, date(2024, 5, day), standing)


def test_reversal_with_the_kept_restriction_reported_unchanged():
    points = [
        point("kirby", "opposes", 28),
        point("us-standing", "opposes", 31, standing=True),
        point("officials", "supports", 31, scope="near Kharkiv"),
        point("atacms", "opposes", 31, scope="ATACMS"),
    ]
    (shift,) = detect_shifts(points)
    assert (shift.kind, shift.from_stance, shift.to_stance) == ("reversal", "opposes", "supports")
    assert (shift.from_date, shift.to_date) == (date(2024, 5, 28), date(2024, 5, 31))
    assert shift.before == ("kirby", "us-standing") and shift.after == ("officials",)
    assert shift.unchanged == ("atacms",) and shift.to_scope == "near Kharkiv"


def test_a_repeat_a_neutral_and_the_same_day_are_not_shifts():
    assert detect_shifts([point(1, "opposes", 1), point(2, "opposes", 5), point(3, "neutral", 9)]) == []
    assert detect_shifts([point(1, "opposes", 5), point(2, "supports", 5)]) == []


def test_someone_elses_statement_is_not_the_speakers_shift():
    assert detect_shifts([point(1, "opposes", 1, speaker="a"), point(2, "supports", 5, speaker="b")]) == []


def test_scope_changes_are_narrowing_and_widening():
    narrowing, widening = detect_shifts(
        [point(1, "opposes", 1), point(2, "opposes", 5, scope="ATACMS only"), point(3, "opposes", 9)]
    )
    assert (narrowing.kind, narrowing.to_scope) == ("narrowing", "ATACMS only")
    assert (widening.kind, widening.from_scope, widening.to_scope) == ("widening", "ATACMS only", None)


def test_a_reported_past_position_is_held_before_its_date_and_can_be_shifted_from():
    once = Point("once", "clinton", "q", "supports", None, date(2016, 9, 30), earlier=True)
    now = Point("now", "clinton", "q", "opposes", None, date(2016, 9, 30))
    (shift,) = detect_shifts([now, once])
    assert (shift.from_stance, shift.to_stance) == ("supports", "opposes")
    assert (shift.before, shift.after) == (("once",), ("now",))
    assert (shift.from_date, shift.to_date) == (None, date(2016, 9, 30))  # said some time before
    # two reported past positions of one date are one occasion, as two reports of one day are
    other = Point("other", "clinton", "q", "opposes", None, date(2016, 9, 30), earlier=True)
    assert detect_shifts([once, other]) == []


def test_a_reported_past_position_needs_less_confidence_than_a_statement_of_the_day():
    once = Point("once", "clinton", "q", "supports", None, date(2016, 9, 30), confidence=0.43, earlier=True)
    now = Point("now", "clinton", "q", "opposes", None, date(2016, 9, 30), confidence=0.65)
    assert [s.kind for s in detect_shifts([once, now])] == ["reversal"]
    at_chance = dataclasses.replace(once, confidence=0.33)
    assert detect_shifts([at_chance, now]) == []
    said_then = Point("then", "clinton", "q", "supports", None, date(2016, 9, 1), confidence=0.43)
    assert detect_shifts([said_then, now]) == []  # a statement of its own day needs MIN_CONFIDENCE


def test_shifts_are_per_question():
    points = [point(1, "opposes", 1, question="a"), point(2, "supports", 5, question="b")]
    assert detect_shifts(points) == []


# --- discovered questions -----------------------------------------------------------------------


def test_discovery_groups_recurring_propositions_across_articles():
    rng = np.random.default_rng(0)
    topics = rng.normal(size=(2, 384))
    texts, vectors, articles = [], [], []
    for topic, words in enumerate(
        ("tax returns audit release now please", "border wall mexico build pay for it")
    ):
        for i in range(8):
            texts.append(f"{words} statement number {i}")
            vectors.append(topics[topic] + rng.normal(scale=0.05, size=384))
            articles.append(f"article-{i % 3}")
    texts.append("a lone remark about something else entirely")
    vectors.append(rng.normal(size=384))
    articles.append("article-9")
    vectors = np.array(vectors) / np.linalg.norm(vectors, axis=1, keepdims=True)
    found = discover_questions(texts, vectors, articles)
    assert sorted(len(q.members) for q in found) == [8, 8]
    assert all(16 not in q.members for q in found)
    labels = " ".join(q.label for q in found)
    assert "tax" in labels and "wall" in labels


def test_discovery_needs_a_recurring_question():
    vectors = np.eye(4, 384)
    assert discover_questions(["one two three four five six"] * 4, vectors, ["a"] * 4) == []


# --- the shipped stance model -------------------------------------------------------------------


def test_the_shipped_model_reads_every_feature_it_lists():
    model = StanceModel.load()
    values = features(PERMIT, "they permit it", "said", Similarity(0.5, 0.3, 0.4))
    assert set(model.relevance.names) <= set(values) and set(model.stance.names) <= set(values)
    assert 0 < model.threshold < 1


def test_an_unrelated_statement_bears_on_no_question():
    unrelated = read_stance(
        PERMIT, "The weather in Ohio was fine", "said", Similarity(0.02, 0.01, 0.02), np.zeros(384)
    )
    assert unrelated is None


def test_backing_the_questions_candidate_bears_on_it_even_when_little_else_is_shared():
    question = "Mara Lind should be elected president."
    weak = Similarity(0.3, 0.1, 0.15)  # above the floor of similarity, below the learned relevance
    backing = read_stance(question, "I will vote for Mara Lind", "said", weak, np.zeros(384))
    assert backing is not None and backing.stance == "supports"
    assert read_stance(question, "Mara Lind spoke about farms", "said", weak, np.zeros(384)) is None


# --- topic anaphora -----------------------------------------------------------------------------


def test_a_short_content_naming_its_topic_by_a_definite_noun_reads_with_its_antecedents_similarity():
    contents = [
        "the Trans-Pacific Partnership as the gold standard of trade deals",
        "she opposes the deal",
        "she opposes the president",  # a person is named on any topic: no antecedent
        "the deal",  # another article: its antecedent would have to be in it
    ]
    antecedent = antecedents(contents, ["a", "a", "a", "b"])
    assert antecedent.tolist() == [0, 0, 2, 3]
    lifted = with_antecedents(np.array([0.8, 0.2, 0.1, 0.3]), antecedent)
    assert lifted.tolist() == [0.8, 0.8, 0.1, 0.3]
    long = "she opposes the deal, " + "and she said so again and again in every state she visited " * 2
    assert antecedents([contents[0], long], ["a", "a"]).tolist() == [0, 1]
