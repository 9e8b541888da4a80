"""The optional chat-model stance reader (onrecord.positions.llm): who read each position
(``positions.reader``: rule, model or llm:<model>), and the verdicts a configured endpoint gave
(``llm_readings``), so a refresh does not ask it again. Rows stored before this revision keep a NULL
reader.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"


def upgrade() -> None:
    # a plain ADD COLUMN on both dialects: a SQLite batch rebuild would drop the FTS triggers of 0004
    op.add_column("positions", sa.Column("reader", sa.String(80)))
    op.create_table(
        "llm_readings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("model", sa.String(80), nullable=False),
        sa.Column("question_key", sa.String(64), nullable=False),
        sa.Column("statement_id", sa.Integer, nullable=False),
        sa.Column("bears", sa.Boolean, nullable=False),
        sa.Column("stance", sa.String(8)),
        sa.Column("scope", sa.Text),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_llm_readings"),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statements.id"],
            name="fk_llm_readings_statement_id_statements",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("model", "question_key", "statement_id", name="uq_llm_readings_model"),
    )
    op.create_index("ix_llm_readings_statement_id", "llm_readings", ["statement_id"])


def downgrade() -> None:
    op.drop_table("llm_readings")
    op.drop_column("positions", "reader")
