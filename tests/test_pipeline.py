"""The Extractor: the same statements whether one process or several do the work."""

import pytest

from onrecord.ingest import read_sources
from onrecord.model import Article
from tests.conftest import REPO, requires_model

pytestmark = [requires_model, pytest.mark.model]


def test_two_jobs_give_the_same_statements_as_one(extractor):
    articles = [a for a in read_sources([REPO / "examples"]) if isinstance(a, Article)]
    one = {article.id: statements for article, statements in extractor.extract_articles(articles, jobs=1)}
    two = {article.id: statements for article, statements in extractor.extract_articles(articles, jobs=2)}
    assert one == two and sum(map(len, one.values())) > 0
