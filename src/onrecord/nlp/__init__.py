"""spaCy side of onrecord: loads the pipelines and hosts the ``onrecord_attribution`` component.

Takes text, gives spaCy Docs annotated with role spans; nothing spaCy-typed leaves this package except
through :mod:`onrecord.nlp.component`'s Doc extensions.
"""

import os

# Set before any submodule imports transformers (the accurate tagger, the stance encoder, sentence
# embeddings): every model ships with the package or its dependencies, so never reach for a hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
