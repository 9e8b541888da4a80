"""The Extractor: the same statements whether one process or several do the work."""

import pytest

from onrecord.ingest import read_sources
from onrecord.model import Article, Failure, Span
from tests.conftest import REPO, requires_model

pytestmark = [requires_model, pytest.mark.model]


def test_two_jobs_give_the_same_statements_as_one(extractor):
    articles = [a for a in read_sources([REPO / "examples"]) if isinstance(a, Article)]
    one = {article.id: statements for article, statements in extractor.extract_articles(articles, jobs=1)}
    two = {article.id: statements for article, statements in extractor.extract_articles(articles, jobs=2)}
    assert one == two and sum(map(len, one.values())) > 0


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_article_the_pipeline_breaks_on_fails_alone(extractor, monkeypatch, jobs):
    from onrecord.nlp import component

    articles = [a for a in read_sources([REPO / "examples"]) if isinstance(a, Article)]
    expected = {article.id: found for article, found in extractor.extract_articles(articles)}
    broken = articles[1]

    def extract(article, tagged, mentions):
        if article.text == broken.text:
            raise IndexError("list index out of range")
        return real_extract(article, tagged, mentions)

    real_extract = component.extract
    monkeypatch.setattr(component, "extract", extract)  # forked workers inherit it
    found = list(extractor.extract_articles(articles, jobs=jobs))
    assert [article.id for article, _ in found] == [article.id for article in articles]
    for article, statements in found:
        if article.id == broken.id:
            reason = "IndexError: list index out of range"
            assert statements == Failure(broken.origin, "extraction failed", reason)
        else:
            assert statements == expected[article.id]


def test_a_columns_narrative_i_is_its_byline(extractor):
    from dataclasses import replace

    from onrecord.ingest.text import article_from_text

    text = "date 2025-02-03\n\nI think the council should publish the budget before the vote.\n"
    article = replace(article_from_text(text), authors=("Jane Roe",))
    for found in (extractor.extract_article(article), next(extractor.extract_articles([article]))[1]):
        assert [s.speaker.name for s in found if s.source] == ["Jane Roe"]


@requires_model
def test_resolve_mentions_reads_a_mention_no_statement_has(extractor):
    note = Article("note", "Ann Chen said the vote was close. She left before the count.")
    she = Span(note.text.index("She"), note.text.index("She") + 3)
    statements = extractor.extract_article(note)
    assert [s.speaker.name for s in statements] == ["Ann Chen"]
    (speaker,) = extractor.resolve_mentions(note, statements, [(she,)])
    assert (speaker.name, speaker.mention) == ("Ann Chen", "She")
    assert speaker.entity_id == statements[0].speaker.entity_id
