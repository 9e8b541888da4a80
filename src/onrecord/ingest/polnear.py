"""Read a PolNeAR-style folder: ``text/NAME.txt`` plus brat standoff ``attributions/NAME_<annotator>.ann``.

Takes a split directory, gives :class:`GoldArticle` values (text exactly as stored, gold attributions as
character spans). Used by training, by ``onrecord eval`` and by the corpus ingest.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from onrecord.model import Span

ROLES = ("source", "cue", "content")


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    source: tuple[Span, ...]
    cue: tuple[Span, ...]
    content: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class GoldArticle:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def parse_ann(ann: str) -> list[GoldAttribution]:
    """Parse brat standoff; only spans joined by an event with a Source/Cue/Content role count."""
    spans: dict[str, list[Span]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in ann.splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        ident, body = fields[0], fields[1]
        if ident.startswith("T"):
            kind_and_offsets = body.split(" ", 1)
            if len(kind_and_offsets) != 2:
                continue
            pieces = []
            for piece in kind_and_offsets[1].split(";"):
                start, end = piece.split()
                pieces.append(Span(int(start), int(end)))
            spans[ident] = pieces
        elif ident.startswith("E"):
            events.append([tuple(arg.split(":", 1)) for arg in body.split() if ":" in arg])
    result = []
    for args in events:
        roles: dict[str, list[Span]] = {role: [] for role in ROLES}
        for role, ref in args:
            role = role.lower().rstrip("0123456789")
            if role in roles and ref in spans:
                roles[role].extend(spans[ref])
        if roles["content"]:
            result.append(GoldAttribution(*(tuple(sorted(roles[r])) for r in ROLES)))
    return result


def read_split(directory: str | Path) -> Iterator[GoldArticle]:
    """Each article of a split, with the first annotator's file (as the reference scorer does)."""
    directory = Path(directory)
    for text_path in sorted((directory / "text").glob("*.txt")):
        name = text_path.stem
        anns = sorted((directory / "attributions").glob(f"{name}_*.ann"))
        text = read_exact(text_path)
        gold = parse_ann(anns[0].read_text(encoding="utf-8")) if anns else []
        yield GoldArticle(name, text, tuple(gold))


def read_exact(path: Path) -> str:
    """A PolNeAR text as stored: UTF-8, newlines untouched, so brat offsets index it."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()
