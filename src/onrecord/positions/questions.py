"""Discovered questions: statements grouped by the proposition they address.

Takes statement contents, their embeddings and the article each comes from; gives
:class:`DiscoveredQuestion` groups, each with a readable label. Only statements long enough to carry
a proposition take part. Clustering is scikit-learn's average-linkage agglomerative clustering on
cosine distance, cut at a similarity threshold; a corpus larger than :data:`DIRECT_LIMIT` statements
is first summarised by MiniBatchKMeans micro-clusters (whose centroids are then agglomerated), which
keeps memory linear. A group is kept when it has :data:`MIN_SIZE` statements from at least
:data:`MIN_ARTICLES` articles: a question is something the coverage *returns* to.

The label is the group's most distinctive terms (class-based TF-IDF: each group's statements as one
document against the others) and its text the member closest to the group's centroid.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Hashable, Sequence

import numpy as np
from sklearn.cluster import AgglomerativeClustering, MiniBatchKMeans
from sklearn.feature_extraction.text import TfidfVectorizer

MIN_WORDS = 6
MIN_SIZE = 5
MIN_ARTICLES = 2
SIMILARITY = 0.55  # average cosine within a group at which it is cut
DIRECT_LIMIT = 4000
MICRO_CLUSTER_SIZE = 8
KEYWORDS = 4


@dataclass(frozen=True, slots=True)
class DiscoveredQuestion:
    text: str  # the most central statement
    label: str  # "tax returns · audit · release"
    keywords: tuple[str, ...]
    members: tuple[int, ...]  # indices into the inputs
    centroid: np.ndarray


def _groups(vectors: np.ndarray, seed: int) -> np.ndarray:
    """A cluster label for each vector (see the module docstring)."""
    distance = 1 - SIMILARITY
    if len(vectors) <= DIRECT_LIMIT:
        return AgglomerativeClustering(
            n_clusters=None, metric="cosine", linkage="average", distance_threshold=distance
        ).fit_predict(vectors)
    # random initialisation: k-means++ over thousands of micro-clusters takes minutes, and these
    # centroids only summarise the corpus for the clustering that follows
    micro = MiniBatchKMeans(
        n_clusters=len(vectors) // MICRO_CLUSTER_SIZE, init="random", random_state=seed, n_init=1, batch_size=4096
    ).fit(vectors)
    centroids = micro.cluster_centers_ / np.linalg.norm(micro.cluster_centers_, axis=1, keepdims=True)
    merged = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=distance
    ).fit_predict(centroids)
    return merged[micro.labels_]


def discover_questions(
    texts: Sequence[str], vectors: np.ndarray, articles: Sequence[Hashable], seed: int = 0
) -> list[DiscoveredQuestion]:
    """Recurring propositions among ``texts`` (see the module docstring), largest first."""
    eligible = [i for i, text in enumerate(texts) if len(text.split()) >= MIN_WORDS]
    if len(eligible) < MIN_SIZE:
        return []
    labels = _groups(vectors[eligible], seed)
    groups: dict[int, list[int]] = {}
    for index, label in zip(eligible, labels):
        groups.setdefault(int(label), []).append(index)
    kept = [
        members
        for members in groups.values()
        if len(members) >= MIN_SIZE and len({articles[i] for i in members}) >= MIN_ARTICLES
    ]
    if not kept:
        return []
    keywords = _keywords([" ".join(texts[i] for i in members) for members in kept])
    found = []
    for members, terms in zip(kept, keywords):
        centroid = vectors[members].mean(axis=0)
        centroid /= np.linalg.norm(centroid) or 1
        central = members[int(np.argmax(vectors[members] @ centroid))]
        found.append(
            DiscoveredQuestion(
                texts[central].strip(), " · ".join(terms), tuple(terms), tuple(members), centroid
            )
        )
    return sorted(found, key=lambda q: (-len(q.members), q.label))


def _keywords(documents: list[str]) -> list[list[str]]:
    """The most distinctive terms of each document against the others (class-based TF-IDF)."""
    vectorizer = TfidfVectorizer(
        stop_words="english",
        ngram_range=(1, 2),
        sublinear_tf=True,
        min_df=1,
        token_pattern=r"(?u)\b[A-Za-z][A-Za-z-]+\b",
    )
    weights = vectorizer.fit_transform(documents)
    terms = vectorizer.get_feature_names_out()
    result = []
    for row in weights:
        dense = row.toarray()[0]
        ranked = [terms[i] for i in np.argsort(-dense)[: KEYWORDS * 10] if dense[i] > 0]
        chosen: list[str] = []
        for term in ranked:  # skip a word already inside a chosen phrase, and vice versa
            if not any(term in other.split() or other in term.split() for other in chosen):
                chosen.append(term)
            if len(chosen) == KEYWORDS:
                break
        result.append(chosen)
    return result
