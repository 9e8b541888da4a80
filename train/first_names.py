"""Learn which first names the news writes as "Mr." and which as "Mrs."/"Ms." from PolNeAR train.

usage: python train/first_names.py ../shared/corpora/polnear/train src/onrecord/speakers/first_names.json

Why: in-article speaker resolution must not send "Mr. Obama" to the only full name it has seen,
"Michelle Obama". Newspapers in the house style of the Times name a person in full once ("Michelle
Obama") and by honorific after ("Mrs. Obama"); an article where a surname comes with exactly one first
name and honorifics of one gender is one vote for that first name. A name enters the table when at least
three quarters of its votes agree. Nothing but the articles' own text is read (no name list).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from onrecord.speakers.resolve import GENDERED_WORDS, NAME_TITLES

SURNAME = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_HONORIFIC_NAME = re.compile(rf"\b(Mr|Mrs|Ms|Miss)\.? ({SURNAME})\b")
_FULL_NAME = re.compile(rf"\b([A-Z][a-z]+) (?:[A-Z]\. )?({SURNAME})\b")
AGREEMENT = 0.75


def votes_in(text: str) -> list[tuple[str, str]]:
    """(first name, gender) for every surname of the article with one first name and one gender."""
    genders: defaultdict[str, set[str]] = defaultdict(set)
    for honorific, surname in _HONORIFIC_NAME.findall(text):
        genders[surname].add(GENDERED_WORDS[honorific.lower()])
    firsts: defaultdict[str, set[str]] = defaultdict(set)
    for first, surname in _FULL_NAME.findall(text):
        firsts[surname].add(first)
    out = []
    for surname, seen in genders.items():
        if len(seen) == 1 and len(firsts[surname]) == 1:
            first = next(iter(firsts[surname]))
            if (
                first.lower() not in NAME_TITLES
                and first.lower() not in STOP_WORDS
                and first.lower() not in GENDERED_WORDS
            ):
                out.append((first, next(iter(seen))))
    return out


def learn(texts: list[str]) -> dict[str, list[str]]:
    votes: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        for first, gender in votes_in(text):
            votes[first][gender] += 1
    table: dict[str, list[str]] = {"female": [], "male": []}
    for first, counts in votes.items():
        gender, n = counts.most_common(1)[0]
        if n / sum(counts.values()) >= AGREEMENT:
            table[gender].append(first)
    return {gender: sorted(names) for gender, names in table.items()}


def main(corpus: str, target: str) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(corpus, "text").glob("*.txt"))]
    table = learn(texts)
    Path(target).write_text(json.dumps(table, indent=0) + "\n", encoding="utf-8")
    female, male = len(table["female"]), len(table["male"])
    print(f"{target}: {female} female and {male} male first names from {len(texts)} articles")


if __name__ == "__main__":
    main(*sys.argv[1:3])
