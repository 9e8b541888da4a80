"""In-article speaker resolution: takes source spans and entity mentions, gives Speakers.

:mod:`onrecord.speakers.resolve` turns each statement's source span(s) (character offsets into the
article) plus the article's named-entity mentions (plain values, no spaCy types) into one
:class:`onrecord.model.Speaker` per statement: named people get their fullest name, title and
affiliation; surnames, spelling variants and pronouns join the entity they refer to; anonymous
sources ("two U.S. officials") carry ``anonymous`` and ``count``; organisations and groups are named
as written; every speaker gets an ``entity_id`` that is stable within the article.
"""
