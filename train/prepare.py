"""Turn a PolNeAR split into spaCy DocBin training data: one Doc per paragraph, SOURCE/CUE/CONTENT entities.

usage: python train/prepare.py ../shared/corpora/polnear/train corpus/train.spacy
"""

import sys
from pathlib import Path

import spacy
from spacy.tokens import DocBin
from spacy.util import filter_spans

from onrecord.ingest.blocks import paragraph_spans
from onrecord.ingest.polnear import read_split

LABELS = {"source": "SOURCE", "cue": "CUE", "content": "CONTENT"}


def main(split_dir: str, out_path: str) -> None:
    nlp = spacy.blank("en")
    docbin = DocBin()
    n_docs = n_ents = n_lost = 0
    for article in read_split(split_dir):
        pieces = [
            (span, LABELS[role])
            for attribution in article.attributions
            for role in LABELS
            for span in getattr(attribution, role)
        ]
        for para in paragraph_spans(article.text):
            doc = nlp.make_doc(article.text[para.start : para.end])
            ents = []
            for span, label in pieces:
                start, end = max(span.start, para.start), min(span.end, para.end)
                if start >= end:
                    continue
                ent = doc.char_span(start - para.start, end - para.start, label=label, alignment_mode="expand")
                if ent is None or not ent.text.strip():
                    n_lost += 1
                    continue
                ents.append(ent)
            kept = filter_spans(ents)
            n_lost += len(ents) - len(kept)
            doc.ents = kept
            docbin.add(doc)
            n_docs += 1
            n_ents += len(kept)
    Path(out_path).parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(out_path)
    print(f"{out_path}: {n_docs} paragraphs, {n_ents} entities, {n_lost} pieces lost to alignment/overlap")


if __name__ == "__main__":
    main(*sys.argv[1:3])
