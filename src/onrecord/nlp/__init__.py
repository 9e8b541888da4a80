"""spaCy side of onrecord: loads the pipelines and hosts the ``onrecord_attribution`` component.

Takes text, gives spaCy Docs annotated with role spans; nothing spaCy-typed leaves this package except
through :mod:`onrecord.nlp.component`'s Doc extensions.
"""
