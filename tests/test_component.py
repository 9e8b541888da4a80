"""The ``onrecord_attribution`` spaCy component on a blank pipeline (no base model, no NER)."""

from datetime import date
from importlib.metadata import entry_points

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import onrecord.nlp.component  # noqa: F401  (registers the factory and the Doc extensions)
from onrecord.model import DateRange, Kind, Statement
from onrecord.nlp.component import SPAN_KEYS
from onrecord.nlp.roles import MissingModel
from tests.conftest import requires_model

BODY = """HARBOURTON — The harbour authority approved a new ferry route on Tuesday.

“This route will cut the crossing to twenty minutes,” Harbour Master Ingrid Sol said at a news conference.

Councillor Pavel Dorn said on Tuesday that the ferry would cost more than the council had been told.

Ferry passengers queue at the Harbourton terminal on May 28, 2024. Lena Park/Reuters
"""
ARTICLE = "date 2024-05-29\n\n" + BODY
CAPTION = "Ferry passengers queue at the Harbourton terminal on May 28, 2024. Lena Park/Reuters"
TUESDAY = DateRange(date(2024, 5, 28), date(2024, 5, 28), "weekday:Tuesday")
PUNCTUATION = " .,“”\""

# --------------------------------------------------------------------------------------------------
# without the model


def test_factory_is_registered():
    assert Language.has_factory("onrecord_attribution")


def test_factory_has_an_entry_point():
    found = [e for e in entry_points(group="spacy_factories") if e.name == "onrecord_attribution"]
    assert [e.value for e in found] == ["onrecord.nlp.component:make_attribution_component"]


def test_unknown_model_is_a_named_failure():
    nlp = spacy.blank("en")
    with pytest.raises(MissingModel):
        nlp.add_pipe("onrecord_attribution", config={"model": "no-such-model"})
    assert nlp.pipe_names == []


def test_doc_extensions_are_registered():
    assert Doc.has_extension("attributions")
    assert Doc.has_extension("published")


# --------------------------------------------------------------------------------------------------
# with the model



def model_test(test):
    """Needs the packaged role tagger: skipped, with the reason, where it has not been built."""
    return requires_model(pytest.mark.model(test))


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("onrecord_attribution")
    return nlp


def run(nlp: Language, text: str, published=None) -> Doc:
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)


def by_content(doc: Doc, words: str) -> Statement:
    found = [s for s in doc._.attributions if words in s.content_text(doc.text)]
    assert len(found) == 1, [s.content_text(doc.text) for s in doc._.attributions]
    return found[0]


def texts(doc: Doc, spans) -> list[str]:
    return [s.text(doc.text) for s in spans]


@pytest.fixture(scope="module")
def doc(nlp) -> Doc:
    return nlp(ARTICLE)


@model_test
def test_attributions_are_statements(doc):
    assert isinstance(doc._.attributions, list)
    assert doc._.attributions and all(isinstance(s, Statement) for s in doc._.attributions)


@model_test
def test_direct_quote(doc):
    quote = by_content(doc, "This route will cut the crossing to twenty minutes")
    assert quote.kind is Kind.DIRECT
    assert quote.content_text(doc.text).strip(PUNCTUATION) == "This route will cut the crossing to twenty minutes"
    assert texts(doc, quote.cue) == ["said"]
    assert texts(doc, quote.source) == ["Harbour Master Ingrid Sol"]
    assert "Ingrid Sol" in quote.speaker.name and not quote.speaker.anonymous
    assert quote.channel == "news conference"


@model_test
def test_indirect_statement(doc):
    statement = by_content(doc, "the ferry would cost more than the council had been told")
    assert statement.kind is Kind.INDIRECT
    assert texts(doc, statement.source) == ["Councillor Pavel Dorn"]
    assert texts(doc, statement.cue) == ["said"]
    assert "Pavel Dorn" in statement.speaker.name
    # the date header stands in for doc._.published
    assert statement.said_on == TUESDAY


@model_test
def test_offsets_slice_the_doc_text(doc):
    for statement in doc._.attributions:
        for piece in statement.content + statement.cue + statement.source:
            assert 0 <= piece.start < piece.end <= len(doc.text)
            assert piece.text(doc.text) == piece.text(ARTICLE)
            assert piece.text(doc.text).strip() == piece.text(doc.text)


@model_test
def test_nothing_from_the_caption(doc):
    start = ARTICLE.index(CAPTION)
    end = start + len(CAPTION)
    for statement in doc._.attributions:
        assert all(p.end <= start or p.start >= end for p in statement.content + statement.cue + statement.source)


@model_test
@pytest.mark.parametrize(("role", "key"), sorted(SPAN_KEYS.items()))
def test_span_groups_match_the_statements(doc, role, key):
    assert key == f"onrecord_{role}"
    group = doc.spans[key]
    expected = [(p.start, p.end) for s in doc._.attributions for p in getattr(s, role)]
    assert [(span.start_char, span.end_char) for span in group] == expected
    assert {span.label_ for span in group} == {role.upper()}


@model_test
def test_span_groups_survive_serialisation(nlp, doc):
    copy = Doc(nlp.vocab).from_bytes(doc.to_bytes(exclude=["user_data"]))
    for key in SPAN_KEYS.values():
        assert [(s.start_char, s.end_char, s.label_) for s in copy.spans[key]] == [
            (s.start_char, s.end_char, s.label_) for s in doc.spans[key]
        ]


@model_test
def test_doc_with_attributions_serialises(nlp, doc):
    Doc(nlp.vocab).from_bytes(doc.to_bytes())


@model_test
@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (date(2024, 5, 29), TUESDAY),
        ("2024-05-29", TUESDAY),
        (date(2024, 6, 5), DateRange(date(2024, 6, 4), date(2024, 6, 4), "weekday:Tuesday")),
        # no date at all: "on Tuesday" cannot be placed
        (None, None),
    ],
)
def test_published_gives_said_on(nlp, published, expected):
    doc = run(nlp, BODY, published)  # no date header: only doc._.published can date it
    statement = by_content(doc, "the ferry would cost more than the council had been told")
    assert statement.said_on == expected


@model_test
def test_published_wins_over_the_date_header(nlp):
    doc = run(nlp, ARTICLE, date(2024, 6, 5))
    statement = by_content(doc, "the ferry would cost more than the council had been told")
    assert statement.said_on == DateRange(date(2024, 6, 4), date(2024, 6, 4), "weekday:Tuesday")


@model_test
@pytest.mark.parametrize("text", ["", "   \n\n  ", "date 2024-05-29\n\nThe weather was fine all week.\n", CAPTION])
def test_nothing_attributed_gives_empty_results(nlp, text):
    doc = nlp(text)
    assert doc._.attributions == []
    assert all(list(doc.spans[key]) == [] for key in SPAN_KEYS.values())


@model_test
def test_stripped_quotation_marks_are_put_back_for_tagging(nlp):
    text = (
        "date 2024-05-29\n\n"
        "We will not back down, Ingrid Sol said. I have waited ten years for this, she said.\n"
    )
    doc = nlp(text)
    assert doc.text == text  # the marks go back only for the tagger, never into the Doc
    kinds = {s.content_text(text).strip(PUNCTUATION): s for s in doc._.attributions}
    assert set(kinds) == {"We will not back down", "I have waited ten years for this"}
    assert all(s.kind is Kind.DIRECT_UNMARKED for s in kinds.values())
    she = kinds["I have waited ten years for this"]
    assert texts(doc, she.source) == ["she"]
    assert she.speaker.name == "Ingrid Sol"


@model_test
def test_pipe_annotates_each_doc(nlp):
    docs = list(nlp.pipe([ARTICLE, "", ARTICLE]))
    single = len(nlp(ARTICLE)._.attributions)
    assert [len(d._.attributions) for d in docs] == [single, 0, single]
    assert docs[0]._.attributions == docs[2]._.attributions


@model_test
def test_analyze_pipes(nlp):
    analysis = nlp.analyze_pipes(pretty=False)
    assert "doc._.attributions" in analysis["summary"]["onrecord_attribution"]["assigns"]
    assert analysis["problems"]["onrecord_attribution"] == []


def test_an_entity_running_on_from_a_dateline_starts_after_it():
    from onrecord.nlp.component import entity_mentions

    text = "date 2026-06-05\n\nDETROIT - Halvorsen Motors recalled cars, DETROIT-area dealers said."
    doc = spacy.blank("en")(text)
    start = text.index("DETROIT")
    doc.ents = [
        doc.char_span(start, text.index(" recalled"), label="ORG"),
        doc.char_span(text.index("DETROIT", start + 1), text.index("-area"), label="GPE"),
    ]
    assert [(m.span.text(text), m.label) for m in entity_mentions(doc)] == [
        ("Halvorsen Motors", "ORG"),
        ("DETROIT", "GPE"),
    ]
