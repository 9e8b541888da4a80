"""Reported past positions: a statement of kind ``reported`` ("Clinton once described the TPP as the
gold standard", inside Trump's statement) keeps the position of the statement that reports it, so a
timeline can say "reported by Trump" and date it before his statement. Rows stored before this
revision keep NULL: none of them is reported.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    # a plain ADD COLUMN on both dialects: a SQLite batch rebuild would drop the FTS triggers of 0004
    op.add_column("statements", sa.Column("reported_by", sa.Integer))


def downgrade() -> None:
    op.drop_column("statements", "reported_by")
