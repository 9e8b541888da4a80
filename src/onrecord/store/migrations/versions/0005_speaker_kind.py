"""Speaker kinds: what the resolver read a speaker as (person, organisation, group), on each statement
and each per-article speakers row, so that the registry types "PolitiFact" or "Mexico" as the
organisation the entity recogniser saw and "Americans" as a group, not by the look of the name alone.
Rows stored before this revision keep NULL, and the registry reads their names as it did before.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"

KIND_COLUMNS = (("statements", "speaker_kind"), ("speakers", "kind"))


def upgrade() -> None:
    # a plain ADD COLUMN on both dialects: a SQLite batch rebuild would drop the FTS triggers of 0004
    for table, column in KIND_COLUMNS:
        op.add_column(table, sa.Column(column, sa.String(16)))


def downgrade() -> None:
    for table, column in KIND_COLUMNS:
        op.drop_column(table, column)
