"""../shared/spec/seed-acceptance.md as tests: the seed story's statements, speakers, dates and caption."""

from datetime import date

import pytest

from onrecord.ingest.text import read_text_file
from onrecord.model import BlockRole, Kind, Span
from onrecord.speakers.resolve import Mention, person_entities
from tests.conftest import SEED, requires_model, requires_seed

pytestmark = [requires_model, requires_seed, pytest.mark.model]
PUNCTUATION = " .,;:“”\"'"


@pytest.fixture(scope="module")
def seed(extractor):
    article = read_text_file(SEED)
    return article, extractor.extract_article(article)


def find(seed, cue: str, content_start: str):
    article, statements = seed
    for statement in statements:
        cue_text = " ".join(s.text(article.text) for s in statement.cue)
        if cue_text == cue and statement.content_text(article.text).strip(PUNCTUATION).startswith(content_start):
            return statement
    found = [(" ".join(s.text(article.text) for s in st.cue), st.content_text(article.text)[:50]) for st in statements]
    pytest.fail(f"no statement with cue {cue!r} and content starting {content_start!r}; found {found}")


# row · source as written · cue · content starts · content ends · kind
ROWS = [
    (1, "two U.S. officials", "according to", "The administration has given Ukraine permission",
     "for counterfire purposes", Kind.INDIRECT),
    (4, "a U.S. official", "said", "Our policy regarding prohibiting the use of ATACMS", "has not changed",
     Kind.DIRECT_UNMARKED),
    (5, "Ukrainian President Volodymyr Zelenskyy", "has called for", "using American weapons to attack Russia",
     "using American weapons to attack Russia", Kind.INDIRECT),
    (7, "National Security Council spokesman John Kirby", "said", "there had been no policy change",
     "there had been no policy change", Kind.INDIRECT),
    (8, "he", "said", "We are aware of the interest", "to strike inside Russia", Kind.DIRECT_UNMARKED),
    (9, "Kirby", "added", "I would like to note", "about what they need", Kind.DIRECT_UNMARKED),
]


@pytest.mark.parametrize("row, source, cue, starts, ends, kind", ROWS, ids=[f"row{r[0]}" for r in ROWS])
def test_required_rows_exact(seed, row, source, cue, starts, ends, kind):
    text = seed[0].text
    statement = find(seed, cue, starts)
    content = statement.content_text(text).strip(PUNCTUATION)
    assert content.startswith(starts) and content.endswith(ends), content
    assert " ".join(s.text(text) for s in statement.source) == source
    assert statement.kind is kind


def test_kirby_mentions_are_one_speaker(seed):
    row7 = find(seed, "said", "there had been no policy change")
    row8 = find(seed, "said", "We are aware of the interest")
    row9 = find(seed, "added", "I would like to note")
    assert row7.speaker.name == row8.speaker.name == row9.speaker.name == "John Kirby"
    assert row7.speaker.entity_id == row8.speaker.entity_id == row9.speaker.entity_id
    assert row8.speaker.mention == "he" and row9.speaker.mention == "Kirby"
    for statement in (row7, row8, row9):
        assert statement.speaker.title == "National Security Council spokesman"
        assert statement.speaker.affiliation == "National Security Council"
        assert not statement.speaker.anonymous


def test_anonymous_sources_carry_count_and_stay_apart(seed):
    officials = find(seed, "according to", "The administration has given Ukraine permission").speaker
    official = find(seed, "said", "Our policy regarding prohibiting").speaker
    kirby = find(seed, "said", "there had been no policy change").speaker
    assert (officials.anonymous, officials.count, officials.affiliation) == (True, 2, "U.S.")
    assert (official.anonymous, official.count) == (True, 1)
    assert len({officials.entity_id, official.entity_id, kirby.entity_id}) == 3


def test_dates_and_channels(seed):
    tuesday = date(2024, 5, 28)
    for cue, starts in [("said", "there had been no policy change"), ("said", "We are aware of the interest"),
                        ("added", "I would like to note")]:
        statement = find(seed, cue, starts)
        assert (statement.said_on.start, statement.said_on.end) == (tuesday, tuesday)
        assert statement.channel == "press briefing"
    assert find(seed, "added", "I would like to note").said_on.basis == "inherited"  # "at the time"
    assert find(seed, "said", "Our policy regarding prohibiting").channel == "written statement"
    officials = find(seed, "according to", "The administration has given Ukraine permission")
    assert officials.said_on is None or officials.said_on.start >= date(2024, 5, 31)


def test_caption_is_not_body_and_yields_nothing(seed):
    article, statements = seed
    captions = [b.span for b in article.blocks if b.role is BlockRole.CAPTION]
    assert len(captions) == 1 and article.text[captions[0].start : captions[0].end].startswith("A Ukrainian soldier")
    for statement in statements:
        for span in statement.content + statement.source + statement.cue:
            assert not any(c.start <= span.start < c.end for c in captions)


def test_zelensky_spellings_are_one_entity(extractor, seed):
    article, _ = seed
    doc = extractor.nlp(article.text)
    mentions = [Mention(Span(e.start_char, e.end_char), e.label_) for e in doc.ents]
    ids = person_entities(article.text, mentions)
    zelensky = {ids[m.span] for m in mentions if m.span in ids and "Zelensk" in m.span.text(article.text)}
    assert len(zelensky) == 1
    assert sum("Zelensk" in m.span.text(article.text) for m in mentions if m.span in ids) >= 3
