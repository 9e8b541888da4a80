"""Registry pairwise P/R/F1 of a store against labelled speaker mentions (positions-format.md).

    .venv/bin/python eval/registry_figure.py STORE.db eval/polnear-dev/speaker_mentions.jsonl [--details]

The store must hold the labelled articles, ingested from a PolNeAR-style folder so that each article's
``source_id`` is the text's file name (the labels' ``article``) and statement offsets index that text.
Each mention gets the registry id of the stored statement whose source overlaps it most
(:func:`onrecord.eval.registry.resolve_mentions`); the figures are
:func:`onrecord.eval.registry.pairwise_scores`. ``--details`` also prints the mentions no statement
covers, the labelled entities split over several ids and the ids that merge several entities.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict

from sqlalchemy import select

from onrecord.eval.positions import registry_sources
from onrecord.eval.registry import pairwise_scores, read_speaker_mentions, resolve_mentions
from onrecord.store.engine import open_engine
from onrecord.store.schema import speaker_registry


def store_sources(db: str) -> tuple[dict[str, list], dict[int, str]]:
    """Per article name: each statement's source spans and registry id; and each registry id's name."""
    engine = open_engine(db)
    with engine.connect() as connection:
        sources = registry_sources(connection)
        names = dict(connection.execute(select(speaker_registry.c.id, speaker_registry.c.name)).all())
    engine.dispose()
    return sources, names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("labels")
    parser.add_argument("--details", action="store_true")
    args = parser.parse_args()

    mentions = read_speaker_mentions(args.labels)
    sources, names = store_sources(args.db)
    predicted = resolve_mentions(mentions, sources)
    scores = pairwise_scores([m.entity for m in mentions], predicted)
    figure = scores.to_json() | {
        "mentions": len(mentions),
        "unresolved_mentions": sum(p is None for p in predicted),
        "articles": len({m.article for m in mentions}),
        "articles_in_store": len({m.article for m in mentions} & set(sources)),
    }
    print(json.dumps(figure, indent=2))
    if not args.details:
        return
    by_entity: dict[str, list] = defaultdict(list)
    by_id: dict[int, list] = defaultdict(list)
    for mention, registry_id in zip(mentions, predicted):
        if registry_id is None:
            print("UNRESOLVED", mention.article, [tuple(s) for s in mention.source], mention.entity)
            continue
        by_entity[mention.entity].append(registry_id)
        by_id[registry_id].append(mention.entity)
    for entity, ids in sorted(by_entity.items()):
        if len(set(ids)) > 1:
            split = {names.get(i, i): ids.count(i) for i in set(ids)}
            print("SPLIT", entity, "->", split)
    for registry_id, entities in sorted(by_id.items()):
        if len(set(entities)) > 1:
            merged = {e: entities.count(e) for e in set(entities)}
            print("MERGED", registry_id, names.get(registry_id), "<-", merged)


if __name__ == "__main__":
    main()
