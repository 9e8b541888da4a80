"""Initial store: runs, articles, statements, per-article speakers, failures.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("sources", sa.JSON, nullable=False),
        sa.Column("model", sa.String(32), nullable=False),
        sa.Column("backend", sa.String(16), nullable=False),
        sa.Column("jobs", sa.Integer, nullable=False),
        sa.Column("articles_added", sa.Integer, nullable=False),
        sa.Column("duplicates", sa.Integer, nullable=False),
        sa.Column("unchanged", sa.Integer, nullable=False),
        sa.Column("statements_added", sa.Integer, nullable=False),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_runs"),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("source_id", sa.Text, nullable=False),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("outlet", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("authors", sa.JSON, nullable=False),
        sa.Column("published", sa.Date),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("words", sa.Integer, nullable=False),
        sa.Column("duplicate_of", sa.String(64)),
        sa.Column("minhash", sa.LargeBinary),
        sa.Column("run_id", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint("hash", name="uq_articles_hash"),
        sa.ForeignKeyConstraint(["duplicate_of"], ["articles.hash"], name="fk_articles_duplicate_of_articles"),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name="fk_articles_run_id_runs"),
    )
    op.create_index("ix_articles_outlet", "articles", ["outlet"])
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_table(
        "statements",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("content", sa.JSON, nullable=False),
        sa.Column("cue", sa.JSON, nullable=False),
        sa.Column("source", sa.JSON, nullable=False),
        sa.Column("content_text", sa.Text, nullable=False),
        sa.Column("cue_text", sa.Text, nullable=False),
        sa.Column("source_text", sa.Text, nullable=False),
        sa.Column("speaker_entity", sa.String(32)),
        sa.Column("speaker_name", sa.Text),
        sa.Column("speaker_mention", sa.Text),
        sa.Column("speaker_title", sa.Text),
        sa.Column("speaker_affiliation", sa.Text),
        sa.Column("anonymous", sa.Boolean, nullable=False),
        sa.Column("speaker_count", sa.Integer),
        sa.Column("channel", sa.String(32)),
        sa.Column("said_on_start", sa.Date),
        sa.Column("said_on_end", sa.Date),
        sa.Column("said_on_basis", sa.Text),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_statements"),
        sa.UniqueConstraint("article_id", "position", name="uq_statements_article_id"),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name="fk_statements_article_id_articles", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_statements_article_id", "statements", ["article_id"])
    op.create_index("ix_statements_speaker_name", "statements", ["speaker_name"])
    op.create_index("ix_statements_said_on_start", "statements", ["said_on_start"])
    op.create_table(
        "speakers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, nullable=False),
        sa.Column("entity_id", sa.String(32), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("affiliation", sa.Text),
        sa.Column("anonymous", sa.Boolean, nullable=False),
        sa.Column("count", sa.Integer),
        sa.Column("statements", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_speakers"),
        sa.UniqueConstraint("article_id", "entity_id", name="uq_speakers_article_id"),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name="fk_speakers_article_id_articles", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_speakers_article_id", "speakers", ["article_id"])
    op.create_table(
        "failures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("run_id", sa.Integer, nullable=False),
        sa.Column("failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_failures"),
        sa.UniqueConstraint("origin", name="uq_failures_origin"),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name="fk_failures_run_id_runs"),
    )


def downgrade() -> None:
    for table in ("failures", "speakers", "statements", "articles", "runs"):
        op.drop_table(table)
