"""Score stance, shifts and the speaker registry against labels (``shared/spec/positions-format.md``).

Takes a store that holds the labelled corpus (ingested from its PolNeAR-style folder, so each
article's ``source_id`` is the labels' ``article`` and statement offsets index its text) with the
labels' questions declared; gives the figures of the spec as one JSON-ready dict:

* **stance**: each labelled statement is matched to the stored statement of its article whose
  content has the highest word-token Jaccard with it (≥ 0.5); unmatched, or matched but with no
  position on the question, is a miss. Coverage, accuracy and macro-F1 (misses count as wrong), and
  accuracy and macro-F1 on covered rows only. Beyond the spec, how loose linking is: of the positions
  on labelled questions in the labelled articles, the share that are a labelled statement's match
  (``link_precision``; labels cover what the labeller read, so this understates a little).
* **shifts**: a labelled shift is found when a shift on its question is reported for a speaker whose
  canonical name or a registered variant equals the label's (case-insensitive) and whose before and
  after evidence match the label's (content Jaccard ≥ 0.5; ``also_after`` alternatives count). Recall,
  and false alarms: ``no_shifts.jsonl`` pairs for which any shift is reported.
* **registry**: pairwise precision / recall / F1 of merges (:mod:`onrecord.eval.registry`); a mention
  takes the speaker of the statement whose source covers it, else (given the extractor) the speaker it
  resolves to where it stands (:func:`score_registry`).

:func:`evaluate_corpus` is the whole command: ingest into a temporary store, declare, refresh, score,
delete the store.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from sqlalchemy import Connection, select

from onrecord.eval.registry import (
    DIGITS,
    LabelledMention,
    pairwise_scores,
    read_speaker_mentions,
    resolve_mentions,
)
from onrecord.model import Article, Kind, Span, Speaker, Statement
from onrecord.speakers.registry import Entity, SpeakerRow, build_registry, fold
from onrecord.store.queries import registry_inputs
from onrecord.store.schema import articles, positions, shifts, speaker_registry, speakers, statements

MATCH = 0.5
STANCES = ("supports", "opposes", "neutral")
TOKEN = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class _Stored:
    id: int
    tokens: frozenset[str]


def tokens(text: str) -> frozenset[str]:
    return frozenset(t.lower() for t in TOKEN.findall(text))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def read_labels(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _texts(corpus: Path) -> dict[str, str]:
    texts = {}
    for path in sorted((corpus / "text").glob("*.txt")):
        with open(path, encoding="utf-8", newline="") as handle:
            texts[path.stem] = handle.read()
    return texts


def _content_tokens(text: str, spans) -> frozenset[str]:
    return tokens(" ".join(text[s:e] for s, e in spans))


def _stored_statements(connection: Connection) -> dict[str, list[_Stored]]:
    by_article: dict[str, list[_Stored]] = defaultdict(list)
    query = select(articles.c.source_id, statements.c.id, statements.c.content_text).join(
        articles, articles.c.id == statements.c.article_id
    )
    for name, sid, content in connection.execute(query):
        by_article[name].append(_Stored(sid, tokens(content)))
    return by_article


def _best_match(stored: list[_Stored], wanted: frozenset[str]) -> _Stored | None:
    scored = max(
        ((jaccard(s.tokens, wanted), s) for s in stored), key=lambda pair: pair[0], default=(0.0, None)
    )
    return scored[1] if scored[0] >= MATCH else None


def macro_f1(gold: list[str], predicted: list[str | None]) -> float:
    """Mean F1 over the three stances; a None prediction (a miss) counts against the gold stance."""
    scores = []
    for stance in STANCES:
        tp = sum(g == stance and p == stance for g, p in zip(gold, predicted))
        fp = sum(g != stance and p == stance for g, p in zip(gold, predicted))
        fn = sum(g == stance and p != stance for g, p in zip(gold, predicted))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
    return sum(scores) / len(scores)


def score_stance(
    connection: Connection, texts: dict[str, str], labels: list[dict], question_ids: dict[str, int]
) -> dict:
    stored = _stored_statements(connection)
    stance_of = {
        (question, statement): stance
        for question, statement, stance in connection.execute(
            select(positions.c.question_id, positions.c.statement_id, positions.c.stance)
        )
    }
    gold, predicted = [], []
    labelled_links = set()  # (question, statement) pairs that are a labelled statement's match
    matched = 0  # labelled statements extraction found, linked to their question or not
    for label in labels:
        match = _best_match(
            stored.get(label["article"], []), _content_tokens(texts[label["article"]], label["content"])
        )
        found = stance_of.get((question_ids[label["question_id"]], match.id)) if match else None
        gold.append(label["stance"])
        predicted.append(found)
        if match:
            matched += 1
            labelled_links.add((question_ids[label["question_id"]], match.id))
    covered = [i for i, p in enumerate(predicted) if p is not None]
    n = len(gold)
    # how loose linking is: in the labelled articles, the links to labelled questions that are labelled
    in_labelled = {s.id for label in labels for s in stored.get(label["article"], [])}
    asked = {question_ids[label["question_id"]] for label in labels}
    links = [pair for pair in stance_of if pair[0] in asked and pair[1] in in_labelled]
    return {
        "labelled": n,
        "matched": matched,
        "matched_and_linked": len(covered),
        "coverage": round(len(covered) / n, DIGITS) if n else 0.0,
        "accuracy": round(sum(g == p for g, p in zip(gold, predicted)) / n, DIGITS) if n else 0.0,
        "macro_f1": round(macro_f1(gold, predicted), DIGITS),
        "covered_accuracy": round(sum(gold[i] == predicted[i] for i in covered) / len(covered), DIGITS)
        if covered
        else 0.0,
        "covered_macro_f1": round(
            macro_f1([gold[i] for i in covered], [predicted[i] for i in covered]), DIGITS
        ),
        "links_in_labelled_articles": len(links),
        "link_precision": round(len(labelled_links.intersection(links)) / len(links), DIGITS)
        if links
        else 0.0,
    }


def _speaker_ids(connection: Connection, name: str) -> set[int]:
    """Registry ids whose canonical name or a registered variant is ``name`` (case-insensitive)."""
    key = fold(name)
    return {
        rid
        for rid, keys in connection.execute(select(speaker_registry.c.id, speaker_registry.c.name_keys))
        if f"|{key}|" in keys
    }


def score_shifts(
    connection: Connection,
    texts: dict[str, str],
    shift_labels: list[dict],
    no_shift_labels: list[dict],
    question_ids: dict[str, int],
) -> dict:
    evidence = {
        pid: (name, tokens(content))
        for pid, name, content in connection.execute(
            select(positions.c.id, articles.c.source_id, statements.c.content_text)
            .join(statements, statements.c.id == positions.c.statement_id)
            .join(articles, articles.c.id == statements.c.article_id)
        )
    }
    reported = connection.execute(
        select(shifts.c.question_id, shifts.c.registry_id, shifts.c.before, shifts.c.after)
    ).all()

    def side_matches(ids: list[int], sides: list[dict]) -> bool:
        for side in sides:
            wanted = _content_tokens(texts[side["article"]], side["content"])
            for pid in ids:
                article, found = evidence.get(pid, (None, frozenset()))
                if article == side["article"] and jaccard(found, wanted) >= MATCH:
                    return True
        return False

    found = 0
    for label in shift_labels:
        speakers = _speaker_ids(connection, label["speaker"])
        question = question_ids[label["question_id"]]
        afters = [label["after"], *label.get("also_after", [])]
        if any(
            q == question
            and rid in speakers
            and side_matches(before, [label["before"]])
            and side_matches(after, afters)
            for q, rid, before, after in reported
        ):
            found += 1
    alarms = 0
    for label in no_shift_labels:
        speakers = _speaker_ids(connection, label["speaker"])
        question = question_ids[label["question_id"]]
        alarms += any(q == question and rid in speakers for q, rid, _, _ in reported)
    return {
        "labelled_shifts": len(shift_labels),
        "found": found,
        "recall": round(found / len(shift_labels), DIGITS) if shift_labels else 0.0,
        "no_shift_pairs": len(no_shift_labels),
        "false_alarms": alarms,
        "false_alarm_rate": round(alarms / len(no_shift_labels), DIGITS) if no_shift_labels else 0.0,
        "reported_shifts": len(reported),
    }


# who each mention refers to in an article, given its statements: Extractor.resolve_mentions
MentionReader = Callable[[Article, Sequence[Statement], Sequence[tuple[Span, ...]]], list[Speaker | None]]


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """A stored article, its statements in order, and the in-article speaker entity of each."""

    id: int
    article: Article
    statements: tuple[Statement, ...]
    speaker_entities: tuple[str | None, ...]


def stored_articles(connection: Connection) -> dict[str, StoredArticle]:
    """Every stored article by name (``source_id``), as the registry figure reads them."""
    columns = (articles.c.id, articles.c.source_id, articles.c.text, articles.c.authors, articles.c.published)
    texts = {
        article_id: (name, Article(name, text, published, authors=tuple(authors or ())))
        for article_id, name, text, authors, published in connection.execute(select(*columns))
    }
    found: dict[int, list[tuple[Statement, str | None]]] = defaultdict(list)
    query = select(
        statements.c.article_id, statements.c.kind, statements.c.source, statements.c.content,
        statements.c.speaker_entity,
    ).order_by(statements.c.article_id, statements.c.position)  # fmt: skip
    for article_id, kind, source, content, entity in connection.execute(query):
        spans = [json.loads(v) if isinstance(v, str) else v for v in (source, content)]
        source, content = (tuple(Span(s, e) for s, e in pairs) for pairs in spans)
        found[article_id].append((Statement(content=content, cue=(), source=source, kind=Kind(kind)), entity))
    return {
        name: StoredArticle(
            article_id,
            article,
            tuple(statement for statement, _ in found[article_id]),
            tuple(entity for _, entity in found[article_id]),
        )
        for article_id, (name, article) in texts.items()
    }


@dataclass
class _RowFinder:
    """The per-article speakers row each mention refers to: a stored one, or a row made for a speaker
    that only mentions name (no extracted statement has it)."""

    stored: dict[tuple[int, str], int]  # (article id, in-article entity id) -> speakers.id
    extra: dict[tuple[int, str], SpeakerRow] = field(default_factory=dict)

    def row_for(self, article: StoredArticle, speaker: Speaker) -> int:
        key = (article.id, speaker.entity_id or speaker.name)
        if key in self.stored:
            return self.stored[key]
        if key not in self.extra:
            self.extra[key] = SpeakerRow(
                key=-1 - len(self.extra),  # never a speakers.id
                article=article.id,
                name=speaker.name,
                published=article.article.published,
                title=speaker.title,
                affiliation=speaker.affiliation,
                anonymous=speaker.anonymous,
                count=speaker.count,
                kind=speaker.kind,
            )  # its context is added with the stored rows' (store.queries.registry_inputs)
        return self.extra[key].key


@dataclass(frozen=True, slots=True)
class MentionRows:
    rows: list[int | None]  # the speakers row of each mention (a made one's key is negative)
    made: list[SpeakerRow]  # rows made for speakers only mentions name
    by_statements: int  # how many mentions an extracted statement's source covers


def resolve_to_rows(
    connection: Connection, mentions: Sequence[LabelledMention], read: MentionReader | None
) -> MentionRows:
    """The speakers row of each mention, and the rows made for speakers only mentions name.

    A mention takes the speaker of the statement whose source overlaps it most
    (:func:`~onrecord.eval.registry.resolve_mentions`). With ``read``, a mention that no statement's
    source covers is resolved where it stands, with the article's statements as context.
    """
    stored = stored_articles(connection)
    rows = _RowFinder(
        {
            (article, entity): row
            for row, article, entity in connection.execute(
                select(speakers.c.id, speakers.c.article_id, speakers.c.entity_id)
            )
        }
    )
    sources = {
        name: [
            (statement.source, rows.stored.get((found.id, entity)))
            for statement, entity in zip(found.statements, found.speaker_entities)
            if statement.source and entity
        ]
        for name, found in stored.items()
    }
    resolved = resolve_mentions(mentions, sources)
    by_statements = sum(row is not None for row in resolved)
    if read is not None:
        waiting: dict[str, list[int]] = defaultdict(list)
        for i, (mention, row) in enumerate(zip(mentions, resolved)):
            if row is None and mention.article in stored:
                waiting[mention.article].append(i)
        for name, indices in waiting.items():
            found = stored[name]
            speakers_found = read(found.article, found.statements, [mentions[i].source for i in indices])
            for i, speaker in zip(indices, speakers_found):
                if speaker is not None and (speaker.entity_id or speaker.anonymous):
                    resolved[i] = rows.row_for(found, speaker)
    return MentionRows(resolved, list(rows.extra.values()), by_statements)


@dataclass(frozen=True, slots=True)
class MentionEntities:
    registry: list[Entity]  # rebuilt over the stored speakers rows plus the rows made from mentions
    of_mention: list[int | None]  # each mention's speaker: an index into ``registry``
    by_statements: int  # how many mentions an extracted statement's source covers


def mention_entities(
    connection: Connection, mentions: Sequence[LabelledMention], read: MentionReader | None
) -> MentionEntities:
    """The registry speaker of each mention (:func:`resolve_to_rows`), in a registry rebuilt over the
    stored speakers rows plus the rows made from mentions."""
    found = resolve_to_rows(connection, mentions, read)
    entities = build_registry(registry_inputs(connection, found.made))
    entity_of_row = {row: i for i, entity in enumerate(entities) for row in entity.rows}
    of_mention = [entity_of_row.get(row) if row is not None else None for row in found.rows]
    return MentionEntities(entities, of_mention, found.by_statements)


def score_registry(connection: Connection, labels_path: Path, read: MentionReader | None = None) -> dict:
    """Pairwise registry figures over the labelled mentions (:func:`mention_entities`). With ``read`` it
    measures the registry rather than how many sources extraction found; ``resolved_by_statements``
    says how many mentions an extracted statement's source covers."""
    mentions = read_speaker_mentions(labels_path)
    found = mention_entities(connection, mentions, read)
    return pairwise_scores([m.entity for m in mentions], found.of_mention).to_json() | {
        "mentions": len(mentions),
        "resolved_by_statements": found.by_statements,
        "unresolved_mentions": found.of_mention.count(None),
    }


def evaluate_store(store, corpus: Path, labels: Path, read: MentionReader | None = None) -> dict:
    """Declare the labels' questions in ``store`` (which holds ``corpus``), refresh, and score; ``read``
    resolves speaker mentions that no statement covers (:func:`score_registry`)."""
    from onrecord.positions.llm import ChatReader, endpoint_from_environment
    from onrecord.positions.refresh import declare_question, refresh

    question_labels = read_labels(labels / "questions.jsonl")
    question_ids = {
        q["question_id"]: declare_question(store.engine, q["question"])[0] for q in question_labels
    }
    endpoint = endpoint_from_environment()
    counts = refresh(store.engine, discover=False)
    texts = _texts(corpus)
    with store.engine.connect() as connection:
        result = {
            "questions": len(question_ids),
            # which reader gave the stances: the offline one, refined by a configured chat model
            "chat_reader": {
                "name": ChatReader(endpoint).name if endpoint else None,
                "min_relevance": endpoint.min_relevance if endpoint else None,
                "verdicts": counts.llm_read,
                "failures": counts.llm_failed,
            },
            "stance": score_stance(connection, texts, read_labels(labels / "stance.jsonl"), question_ids),
            "shifts": score_shifts(
                connection,
                texts,
                read_labels(labels / "shifts.jsonl"),
                read_labels(labels / "no_shifts.jsonl"),
                question_ids,
            ),
        }
        if (labels / "speaker_mentions.jsonl").exists():
            result["registry"] = score_registry(connection, labels / "speaker_mentions.jsonl", read)
    return result


def evaluate_corpus(corpus: Path, labels: Path, extractor_factory, jobs: int = 1) -> dict:
    """The ``onrecord eval positions`` command: a temporary store, removed afterwards."""
    from onrecord.ingest import ReadOptions
    from onrecord.pipeline import ingest
    from onrecord.store import Store

    with tempfile.TemporaryDirectory(prefix="onrecord-eval-") as folder:
        store = Store(Path(folder) / "eval.db")
        extractor = extractor_factory()
        try:
            ingest([str(corpus)], store, lambda: extractor, ReadOptions(), jobs=jobs)
            return evaluate_store(store, corpus, labels, extractor.resolve_mentions)
        finally:
            store.close()
