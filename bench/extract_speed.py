"""Words per second over a PolNeAR split: onrecord extraction vs a bare en_core_web_sm parse.

usage: python bench/extract_speed.py ../shared/corpora/polnear/dev [--jobs 2] [--repeat 1] [--model fast]

Both run in this one process over the same texts; the ratio is onrecord / spaCy (target >= 0.8).
With --jobs N it also times extraction in N worker processes and prints the speed-up over 1 job
(``--jobs 1`` skips it). ``--model accurate`` times the transformer tagger instead of the default.
Words are whitespace-separated tokens. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

from onrecord.ingest.text import article_from_text
from onrecord.pipeline import BASE_MODEL, Extractor


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("split", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1, help="passes over the split for each timing")
    parser.add_argument("--model", default="fast", help="extraction model: fast (default) or accurate")
    args = parser.parse_args()

    texts = [p.read_text(encoding="utf-8") for p in sorted((args.split / "text").glob("*.txt"))] * args.repeat
    words = sum(len(t.split()) for t in texts)
    articles = [article_from_text(t, id=str(i)) for i, t in enumerate(texts)]

    spacy_nlp = spacy.load(BASE_MODEL)
    extractor = Extractor(args.model)
    # warm both up so neither pays first-call costs inside the timing
    list(spacy_nlp.pipe(texts[:2]))
    list(extractor.extract_articles(articles[:2]))

    spacy_s = timed(lambda: list(spacy_nlp.pipe(texts, batch_size=16)))
    onrecord_s = timed(lambda: list(extractor.extract_articles(articles)))
    print(f"texts: {len(texts)} articles, {words} words")
    print(f"{'spaCy en_core_web_sm parse':<30}: {words / spacy_s:8.0f} words/s")
    print(f"{f'onrecord extraction ({args.model})':<30}: {words / onrecord_s:8.0f} words/s")
    print(f"{'ratio onrecord / spaCy':<30}: {spacy_s / onrecord_s:8.2f}  (target >= 0.8)")
    if args.jobs > 1:
        parallel_s = timed(lambda: list(extractor.extract_articles(articles, jobs=args.jobs)))
        print(f"{f'onrecord --jobs {args.jobs}':<30}: {words / parallel_s:8.0f} words/s, "
              f"speed-up {onrecord_s / parallel_s:.2f}x over 1 job")


if __name__ == "__main__":
    main()
