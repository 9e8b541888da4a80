"""Ingest throughput and memory: articles/s into a store vs extraction alone, 1 vs 2 jobs, 1k vs 10k.

usage: python bench/ingest.py ../shared/corpora/polnear/train [--sizes 1000,10000] [--jobs 2]

The corpus is synthetic and lives in memory only: each article is a dated shuffle of paragraphs drawn
from different PolNeAR train articles, so no two are near-duplicates and every one is extracted.
Each measurement runs in a fresh subprocess (peak RSS counts the process and its workers) on a fresh
SQLite store in a temp dir. Targets: ingest >= 0.9x extraction-only throughput, 2 jobs >= 1.7x 1 job,
peak RSS at the largest size <= 1.2x at the smallest. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

PARAGRAPHS_PER_ARTICLE = (4, 9)


def synthetic_articles(split: Path, count: int, seed: int = 7) -> Iterator:
    from onrecord.ingest.polnear import read_exact
    from onrecord.ingest.text import article_from_text

    pools = [
        [line for line in read_exact(path).splitlines() if len(line.split()) > 8]
        for path in sorted((split / "text").glob("*.txt"))
    ]
    pools = [pool for pool in pools if pool]
    rng = random.Random(seed)
    start = date(2016, 1, 1)
    for index in range(count):
        sources = rng.sample(pools, rng.randint(*PARAGRAPHS_PER_ARTICLE))
        text = "\n\n".join(rng.choice(pool) for pool in sources) + "\n"
        yield article_from_text(text, id=f"synthetic-{index}", published=start + timedelta(days=index % 366),
                                origin=f"synthetic-{index}")


def peak_rss_mib() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest worker process, in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own / 1024, worker / 1024


def measure(mode: str, split: Path, count: int, jobs: int) -> dict:
    """One measurement, in this process: ``extract`` (no store) or ``ingest`` (SQLite store)."""
    from onrecord.pipeline import Extractor, ingest_items
    from onrecord.store import Store

    extractor = Extractor()
    list(extractor.extract_articles(synthetic_articles(split, 2, seed=99)))  # warm-up outside the timing
    articles = synthetic_articles(split, count)
    words = 0

    def counted():
        nonlocal words
        for article in articles:
            words += len(article.text.split())
            yield article

    start = time.perf_counter()
    if mode == "extract":
        for _ in extractor.extract_articles(counted(), jobs=jobs):
            pass
    else:
        with tempfile.TemporaryDirectory() as directory:
            report = ingest_items(counted(), Store(Path(directory) / "bench.db"), extractor, jobs=jobs)
            assert report.counts.articles_added == count, report.counts
    seconds = time.perf_counter() - start
    return {"articles_per_s": count / seconds, "words_per_s": words / seconds, "peak_rss_mib": peak_rss_mib()}


def run(mode: str, split: Path, count: int, jobs: int) -> dict:
    command = [sys.executable, __file__, str(split), "--measure", mode, "--sizes", str(count), "--jobs", str(jobs)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("split", type=Path, help="a PolNeAR split (its text/ folder is used)")
    parser.add_argument("--sizes", default="1000,10000", help="corpus sizes, smallest first")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--measure", choices=["extract", "ingest"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    if args.measure:
        print(json.dumps(measure(args.measure, args.split, sizes[0], args.jobs)))
        return

    small, large = sizes[0], sizes[-1]
    rows = [
        ("extract only, 1 job", run("extract", args.split, small, 1)),
        ("ingest, 1 job", run("ingest", args.split, small, 1)),
        (f"ingest, {args.jobs} jobs", run("ingest", args.split, small, args.jobs)),
    ]
    if large != small:
        rows.append((f"ingest, {args.jobs} jobs, {large} articles", run("ingest", args.split, large, args.jobs)))
    print(f"{'':38} {'articles/s':>10} {'words/s':>9} {'peak RSS MiB main / worker':>27}")
    for name, figures in rows:
        label = name if "articles" in name else f"{name}, {small} articles"
        main_mib, worker_mib = figures["peak_rss_mib"]
        print(f"{label:38} {figures['articles_per_s']:10.1f} {figures['words_per_s']:9.0f} "
              f"{main_mib:20.0f} / {worker_mib:4.0f}")
    extract_1, ingest_1, ingest_n = (figures for _, figures in rows[:3])
    print(f"store overhead: ingest / extract-only = {ingest_1['articles_per_s'] / extract_1['articles_per_s']:.2f}  (target >= 0.9)")
    print(f"{args.jobs} jobs / 1 job = {ingest_n['articles_per_s'] / ingest_1['articles_per_s']:.2f}  (target >= 1.7)")
    if large != small:
        ratio = max(rows[3][1]["peak_rss_mib"]) / max(ingest_n["peak_rss_mib"])
        print(f"peak RSS {large} / {small} articles at {args.jobs} jobs = {ratio:.2f}  (target <= 1.2)")


if __name__ == "__main__":
    main()
