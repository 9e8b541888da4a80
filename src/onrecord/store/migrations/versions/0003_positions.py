"""Questions, statement embeddings, positions and shifts (onrecord.positions).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def _foreign_key(column: str, table: str, owner: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{table}.id"], name=f"fk_{owner}_{column}_{table}", ondelete=ondelete)


def upgrade() -> None:
    op.create_table(
        "questions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("keywords", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_questions"),
    )
    op.create_table(
        "statement_embeddings",
        sa.Column("statement_id", sa.Integer, nullable=False),
        sa.Column("model", sa.String(64), nullable=False),
        sa.Column("vector", sa.LargeBinary, nullable=False),
        sa.PrimaryKeyConstraint("statement_id", name="pk_statement_embeddings"),
        _foreign_key("statement_id", "statements", "statement_embeddings", "CASCADE"),
    )
    op.create_table(
        "positions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("question_id", sa.Integer, nullable=False),
        sa.Column("statement_id", sa.Integer, nullable=False),
        sa.Column("stance", sa.String(8), nullable=False),
        sa.Column("scope", sa.Text),
        sa.Column("relevance", sa.Float, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("dated", sa.Date),
        sa.Column("date_basis", sa.String(16)),
        sa.PrimaryKeyConstraint("id", name="pk_positions"),
        _foreign_key("question_id", "questions", "positions", "CASCADE"),
        _foreign_key("statement_id", "statements", "positions", "CASCADE"),
        sa.UniqueConstraint("question_id", "statement_id", name="uq_positions_question_id"),
    )
    for column in ("question_id", "statement_id"):
        op.create_index(f"ix_positions_{column}", "positions", [column])
    op.create_table(
        "shifts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("question_id", sa.Integer, nullable=False),
        sa.Column("registry_id", sa.Integer, nullable=False),
        sa.Column("rollup", sa.Boolean, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("from_stance", sa.String(8), nullable=False),
        sa.Column("to_stance", sa.String(8), nullable=False),
        sa.Column("from_scope", sa.Text),
        sa.Column("to_scope", sa.Text),
        sa.Column("from_date", sa.Date),
        sa.Column("to_date", sa.Date),
        sa.Column("before", sa.JSON, nullable=False),
        sa.Column("after", sa.JSON, nullable=False),
        sa.Column("unchanged", sa.JSON, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_shifts"),
        _foreign_key("question_id", "questions", "shifts", "CASCADE"),
        _foreign_key("registry_id", "speaker_registry", "shifts", "CASCADE"),
    )
    for column in ("question_id", "registry_id"):
        op.create_index(f"ix_shifts_{column}", "shifts", [column])


def downgrade() -> None:
    for table in ("shifts", "positions", "statement_embeddings", "questions"):
        op.drop_table(table)
