"""The ``onrecord_attribution`` spaCy component: a thin adapter over :func:`onrecord.attribution.extract`.

Takes a Doc of a whole article (``doc._.published`` may hold its publication date and ``doc._.authors``
its byline's names; named entities are used for speakers when an earlier ``ner`` set them), gives
``doc._.attributions`` (a list of :class:`~onrecord.model.Statement`) and the role spans in
``doc.spans["onrecord_source"]``, ``["onrecord_cue"]`` and ``["onrecord_content"]``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from onrecord.attribution.extract import TaggedBlock, extract
from onrecord.attribution.quotes import has_quote_marks, restore_stripped_quotes
from onrecord.ingest.blocks import dateline_end
from onrecord.ingest.text import article_from_text
from onrecord.model import Span, Statement
from onrecord.nlp.roles import RoleSpan, load_role_tagger
from onrecord.speakers.resolve import Mention

SPAN_KEYS = {"source": "onrecord_source", "cue": "onrecord_cue", "content": "onrecord_content"}

STATEMENTS_KEY = "onrecord_statements"


def _statements(doc: Doc) -> list[Statement] | None:
    records = doc.user_data.get(STATEMENTS_KEY)
    return None if records is None else [Statement.from_json(record) for record in records]


# Statements are kept as JSON records in user_data, so a Doc still serialises (DocBin, n_process > 1);
# the getter gives them back as Statement values.
if not Doc.has_extension("attributions"):
    Doc.set_extension("attributions", getter=_statements)
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)
if not Doc.has_extension("authors"):
    Doc.set_extension("authors", default=None)  # the byline's names: a column's narrative "I"


def entity_mentions(doc: Doc) -> list[Mention]:
    """The Doc's named entities as the speaker resolver takes them. An entity across a paragraph break
    ("Marta Kowal/Reuters\n\nOpponents") is a tagging slip and is left out; one that runs on from a
    story's dateline ("DETROIT - Halvorsen Motors") starts after it."""
    text = doc.text
    mentions = []
    for entity in doc.ents:
        if "\n" in entity.text:
            continue
        start = entity.start_char
        if start == 0 or text[start - 1] == "\n":
            after = dateline_end(text, start)
            start = after if after < entity.end_char else start
        mentions.append(Mention(Span(start, entity.end_char), entity.label_))
    return mentions


class AttributionComponent:
    """Find every attributed statement in a Doc: who said what, with which cue, channel and date."""

    def __init__(self, nlp: Language, name: str, model: str) -> None:
        self.name = name
        self.model = model
        self.tagger = load_role_tagger(model)

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        for doc in docs:
            self.set_annotations(doc, self.predict(doc))
            yield doc

    def predict(self, doc: Doc) -> list[Statement]:
        published = doc._.published
        if isinstance(published, str):
            published = date.fromisoformat(published)
        article = replace(
            article_from_text(doc.text, published=published), authors=tuple(doc._.authors or ())
        )
        body = article.body_blocks()
        paragraphs = [block.span.text(doc.text) for block in body]
        if not any(has_quote_marks(p) for p in paragraphs):
            # A scraper stripped every quotation mark: put them back where the frames show quotes, so
            # the tagger sees text like the news it learned from, then map its spans back.
            restored = [restore_stripped_quotes(p) for p in paragraphs]
            roles = self.tagger.tag(r.text for r in restored)
            tagged = [
                TaggedBlock(block, tuple(RoleSpan(f.label, r.to_original(f.span)) for f in found), r.regions)
                for block, r, found in zip(body, restored, roles)
            ]
        else:
            roles = self.tagger.tag(paragraphs)
            tagged = [TaggedBlock(block, tuple(found)) for block, found in zip(body, roles)]
        return extract(article, tagged, entity_mentions(doc))

    def set_annotations(self, doc: Doc, statements: list[Statement]) -> None:
        doc.user_data[STATEMENTS_KEY] = [statement.to_json() for statement in statements]
        for role, key in SPAN_KEYS.items():
            spans = []
            for statement in statements:
                for piece in getattr(statement, role):
                    span = doc.char_span(piece.start, piece.end, label=role.upper(), alignment_mode="expand")
                    if span is not None:
                        spans.append(span)
            doc.spans[key] = spans


@Language.factory(
    "onrecord_attribution",
    assigns=["doc._.attributions"],  # plus doc.spans[SPAN_KEYS...], which analyze_pipes cannot name
    default_config={"model": "fast"},
)
def make_attribution_component(nlp: Language, name: str, model: str) -> AttributionComponent:
    return AttributionComponent(nlp, name, model)
