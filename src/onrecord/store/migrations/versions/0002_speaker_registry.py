"""Speaker registry: canonical speakers across articles, and each statement's and speakers row's link to one.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"

LINKED = ("statements", "speakers")  # the tables whose rows point at their registry entry


def upgrade() -> None:
    op.create_table(
        "speaker_registry",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("variants", sa.JSON, nullable=False),
        sa.Column("titles", sa.JSON, nullable=False),
        sa.Column("affiliations", sa.JSON, nullable=False),
        sa.Column("organisation_id", sa.Integer),
        sa.Column("name_keys", sa.Text, nullable=False),
        sa.Column("count", sa.Integer),
        sa.Column("statements", sa.Integer, nullable=False),
        sa.Column("articles", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_speaker_registry"),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["speaker_registry.id"],
            name="fk_speaker_registry_organisation_id_speaker_registry",
            ondelete="SET NULL",
        ),
    )
    for table in LINKED:
        # batch: SQLite cannot add a foreign key to an existing table, so it is rebuilt there
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("registry_id", sa.Integer))
            batch.create_foreign_key(
                f"fk_{table}_registry_id_speaker_registry",
                "speaker_registry",
                ["registry_id"],
                ["id"],
                ondelete="SET NULL",
            )
            batch.create_index(f"ix_{table}_registry_id", ["registry_id"])


def downgrade() -> None:
    for table in LINKED:
        with op.batch_alter_table(table) as batch:
            batch.drop_index(f"ix_{table}_registry_id")
            batch.drop_constraint(f"fk_{table}_registry_id_speaker_registry", type_="foreignkey")
            batch.drop_column("registry_id")
    op.drop_table("speaker_registry")
