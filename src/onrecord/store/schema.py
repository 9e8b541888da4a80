"""The store's tables, one schema for SQLite and PostgreSQL (SQLAlchemy Core).

This is the *current* shape of the database; ``migrations/`` holds the history that builds it, and a
test checks the two agree. Spans are stored as JSON lists of ``[start, end]`` pairs into
``articles.text``; the spans' text is stored beside them so search and export need no slicing.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# Named constraints, so migrations can refer to them identically on both backends.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    # running → finished | interrupted; a run found "running" by the next one was killed
    Column("status", String(16), nullable=False),
    Column("sources", JSON, nullable=False),
    Column("model", String(32), nullable=False),
    Column("backend", String(16), nullable=False),
    Column("jobs", Integer, nullable=False),
    Column("articles_added", Integer, nullable=False, default=0),
    Column("duplicates", Integer, nullable=False, default=0),
    Column("unchanged", Integer, nullable=False, default=0),
    Column("statements_added", Integer, nullable=False, default=0),
    Column("failures", Integer, nullable=False, default=0),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True),
    # sha256 of the text: the identity that makes re-ingesting a no-op
    Column("hash", String(64), nullable=False, unique=True),
    Column("source_id", Text, nullable=False),
    Column("origin", Text, nullable=False),
    Column("outlet", Text, index=True),
    Column("url", Text),
    Column("title", Text),
    Column("authors", JSON, nullable=False),
    Column("published", Date, index=True),
    Column("text", Text, nullable=False),
    Column("words", Integer, nullable=False),
    # a near-duplicate (wire copy) points at the first copy stored and has no statements of its own
    Column("duplicate_of", String(64), ForeignKey("articles.hash")),
    Column("minhash", LargeBinary),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
)

statements = Table(
    "statements",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),  # order in the article
    Column("kind", String(16), nullable=False),
    Column("content", JSON, nullable=False),
    Column("cue", JSON, nullable=False),
    Column("source", JSON, nullable=False),
    Column("content_text", Text, nullable=False),
    Column("cue_text", Text, nullable=False),
    Column("source_text", Text, nullable=False),
    Column("speaker_entity", Text),  # the article-level speaker entity (speakers.entity_id)
    Column("speaker_name", Text, index=True),
    Column("speaker_mention", Text),
    Column("speaker_title", Text),
    Column("speaker_affiliation", Text),
    Column("anonymous", Boolean, nullable=False, default=False),
    Column("speaker_count", Integer),
    Column("speaker_kind", String(16)),  # person | organisation | group (onrecord.model.Speaker.kind)
    Column("channel", String(32)),
    Column("said_on_start", Date, index=True),
    Column("said_on_end", Date),
    Column("said_on_basis", Text),
    Column("confidence", Float, nullable=False),
    # a reported past position ("Clinton once described …"): the position of the statement reporting it
    Column("reported_by", Integer),
    # the cross-article speaker (speaker_registry.id) of this statement's speakers row; set by a rebuild
    Column("registry_id", Integer, ForeignKey("speaker_registry.id", ondelete="SET NULL"), index=True),
    UniqueConstraint("article_id", "position"),
)

speakers = Table(
    "speakers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("entity_id", Text, nullable=False),  # a slug of the name: as long as the name
    Column("name", Text, nullable=False),
    Column("title", Text),
    Column("affiliation", Text),
    Column("anonymous", Boolean, nullable=False),
    Column("count", Integer),
    Column("kind", String(16)),  # person | organisation | group, as the resolver read it
    Column("statements", Integer, nullable=False),
    Column("registry_id", Integer, ForeignKey("speaker_registry.id", ondelete="SET NULL"), index=True),
    UniqueConstraint("article_id", "entity_id"),
)

# Canonical speakers across articles (onrecord.speakers.registry), rebuilt from the speakers rows at the
# end of every ingest run. Titles and affiliations are [{"value", "first", "last", "articles"}] by date.
speaker_registry = Table(
    "speaker_registry",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False),  # person | organisation | anonymous
    Column("variants", JSON, nullable=False),
    Column("titles", JSON, nullable=False),
    Column("affiliations", JSON, nullable=False),
    # the organisation a person's (or anonymous source's) affiliation links it to
    Column("organisation_id", Integer, ForeignKey("speaker_registry.id", ondelete="SET NULL")),
    # "|volodimir zelenski|zelenski|": the fold keys of name and variants, so lookups by any variant are SQL
    Column("name_keys", Text, nullable=False),
    Column("count", Integer),  # how many an anonymous source is ("two U.S. officials" → 2)
    Column("statements", Integer, nullable=False),
    Column("articles", Integer, nullable=False),
)

# Questions: propositions statements bear on. "declared" by a user (kept), "discovered" by clustering
# statements (rebuilt by every refresh). onrecord.positions fills this and the three tables after it.
questions = Table(
    "questions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),  # declared | discovered
    Column("text", Text, nullable=False),  # the proposition; a discovered question's most central statement
    Column("label", Text, nullable=False),  # short readable label: the text, or key terms of a cluster
    Column("keywords", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Sentence embeddings of statement contents, computed once per statement (the expensive step of a refresh).
statement_embeddings = Table(
    "statement_embeddings",
    metadata,
    Column("statement_id", Integer, ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True),
    Column("model", String(64), nullable=False),
    Column("vector", LargeBinary, nullable=False),  # float16, normalised
)

# A statement's stance toward a question it bears on; the date is said-on, else the article's publication.
# The date basis of a reported past position: held some time before the date of the statement reporting it.
EARLIER_BASIS = "before_reporter"
positions = Table(
    "positions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("question_id", Integer, ForeignKey("questions.id", ondelete="CASCADE"), nullable=False, index=True),
    # the speaker is the statement's (statements.registry_id), so a registry rebuild leaves positions valid
    Column("statement_id", Integer, ForeignKey("statements.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("stance", String(8), nullable=False),  # supports | opposes | neutral
    Column("scope", Text),
    Column("relevance", Float, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("dated", Date),
    Column("date_basis", String(16)),  # said_on | published | before_published | EARLIER_BASIS
    # who read the stance: rule | model | llm:<model> (onrecord.positions.stance.Reading.reader); NULL
    # on rows stored before migration 0007
    Column("reader", String(80)),
    UniqueConstraint("question_id", "statement_id"),
)

# Verdicts of a configured chat model (onrecord.positions.llm), kept so that a refresh, which re-reads
# every position, asks the endpoint only about pairs it has not read. Keyed by the model's name, the
# question's text (its SHA-256) and the statement; a failed call is not kept, so it is tried again.
llm_readings = Table(
    "llm_readings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("model", String(80), nullable=False),
    Column("question_key", String(64), nullable=False),
    Column(
        "statement_id", Integer, ForeignKey("statements.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("bears", Boolean, nullable=False),
    Column("stance", String(8)),
    Column("scope", Text),
    Column("read_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("model", "question_key", "statement_id"),
)

# A change of one speaker's (or rolled-up organisation's) position on one question between two dates.
shifts = Table(
    "shifts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("question_id", Integer, ForeignKey("questions.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("registry_id", Integer, ForeignKey("speaker_registry.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("rollup", Boolean, nullable=False),  # the speaker is an organisation standing for its members
    Column("kind", String(16), nullable=False),  # reversal | narrowing | widening
    Column("from_stance", String(8), nullable=False),
    Column("to_stance", String(8), nullable=False),
    Column("from_scope", Text),
    Column("to_scope", Text),
    Column("from_date", Date),
    Column("to_date", Date),
    Column("before", JSON, nullable=False),  # positions.id of the evidence on each side
    Column("after", JSON, nullable=False),
    Column("unchanged", JSON, nullable=False),  # positions.id of same-date statements keeping the old stance
    Column("confidence", Float, nullable=False),
)

# The inputs failing now: one row per origin, replaced when it fails again, deleted when it succeeds.
failures = Table(
    "failures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("origin", Text, nullable=False, unique=True),
    Column("reason", String(32), nullable=False),
    Column("detail", Text, nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("failed_at", DateTime(timezone=True), nullable=False),
)

# Full-text search over statements (content, source, speaker) and articles (title, text), built by
# migration 0004 and read by queries.search_records: on SQLite the FTS5 tables statements_fts and
# articles_fts, kept in step by triggers; on PostgreSQL GIN indexes over the very tsvector expressions the
# queries use. Alembic cannot compare virtual tables (nor their shadow tables) or expression indexes, so
# comparisons leave them out through include_name.
SEARCH_NAMES = ("statements_fts", "articles_fts", "ix_statements_fts", "ix_articles_fts")


def include_name(name: str | None, type_: str, parent_names: dict) -> bool:
    """For Alembic comparisons: every name but the full-text objects'."""
    return not (name or "").startswith(SEARCH_NAMES)
