"""Registry pairwise P/R/F1 of a store against labelled speaker mentions (positions-format.md).

    .venv/bin/python eval/registry_figure.py STORE.db eval/polnear-dev/speaker_mentions.jsonl [--details]

The store must hold the labelled articles, ingested from a PolNeAR-style folder so that each article's
``source_id`` is the text's file name (the labels' ``article``) and statement offsets index that text.
Each mention takes the speaker of the stored statement whose source overlaps it most; the others are
resolved where they stand by the entity recogniser and speaker rules (skip that with
``--statements-only``); the registry is rebuilt over them (:func:`onrecord.eval.positions.mention_entities`),
and the figures are :func:`onrecord.eval.registry.pairwise_scores`. ``--details`` also prints the
mentions left unresolved, the labelled entities split over several registry speakers and the registry
speakers that merge several entities.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict

from onrecord.eval.positions import mention_entities
from onrecord.eval.registry import pairwise_scores, read_speaker_mentions
from onrecord.store.engine import open_engine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("labels")
    parser.add_argument("--statements-only", action="store_true", help="resolve mentions by statements only")
    parser.add_argument("--details", action="store_true")
    args = parser.parse_args()

    read = None
    if not args.statements_only:
        from onrecord.pipeline import Extractor

        read = Extractor().resolve_mentions
    mentions = read_speaker_mentions(args.labels)
    engine = open_engine(args.db)
    with engine.connect() as connection:
        found = mention_entities(connection, mentions, read)
    engine.dispose()
    predicted, entities = found.of_mention, found.registry
    scores = pairwise_scores([m.entity for m in mentions], predicted)
    figure = scores.to_json() | {"mentions": len(mentions), "unresolved_mentions": predicted.count(None)}
    print(json.dumps(figure, indent=2))
    if not args.details:
        return
    by_entity: dict[str, list] = defaultdict(list)
    by_id: dict[int, list] = defaultdict(list)
    for mention, entity in zip(mentions, predicted):
        if entity is None:
            print("UNRESOLVED", mention.article, [tuple(s) for s in mention.source], mention.entity)
            continue
        by_entity[mention.entity].append(entity)
        by_id[entity].append(mention.entity)
    for labelled, ids in sorted(by_entity.items()):
        if len(set(ids)) > 1:
            split = {entities[i].name: ids.count(i) for i in set(ids)}
            print("SPLIT", labelled, "->", split)
    for entity, labelled in sorted(by_id.items()):
        if len(set(labelled)) > 1:
            merged = {e: labelled.count(e) for e in set(labelled)}
            print("MERGED", entity, entities[entity].name, "<-", merged)


if __name__ == "__main__":
    main()
