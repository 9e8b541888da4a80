"""Full-text search: SQLite FTS5 tables over statements and articles (kept in step by triggers, filled from
what is stored), PostgreSQL GIN indexes over the same text. Also: speaker entity ids become Text (slugs of
names such as "spokesperson-for-the-regional-bus-operator-nordlink#1" overflowed PostgreSQL's varchar(32)).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"

CHARS = 200_000  # schema.ARTICLE_SEARCH_CHARS when this was written
UPGRADE = {
    "sqlite": [
        "CREATE VIRTUAL TABLE statements_fts USING fts5(content_text, source_text, speaker_name, "
        "content='statements', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
        "CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN "
        "INSERT INTO statements_fts(rowid, content_text, source_text, speaker_name) "
        "VALUES (new.id, new.content_text, new.source_text, new.speaker_name); END",
        "CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN "
        "INSERT INTO statements_fts(statements_fts, rowid, content_text, source_text, speaker_name) "
        "VALUES ('delete', old.id, old.content_text, old.source_text, old.speaker_name); END",
        "CREATE TRIGGER statements_fts_update AFTER UPDATE OF content_text, source_text, speaker_name "
        "ON statements BEGIN "
        "INSERT INTO statements_fts(statements_fts, rowid, content_text, source_text, speaker_name) "
        "VALUES ('delete', old.id, old.content_text, old.source_text, old.speaker_name); "
        "INSERT INTO statements_fts(rowid, content_text, source_text, speaker_name) "
        "VALUES (new.id, new.content_text, new.source_text, new.speaker_name); END",
        "INSERT INTO statements_fts(statements_fts) VALUES ('rebuild')",
        "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id', "
        "tokenize='porter unicode61 remove_diacritics 2')",
        "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
        "INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
        "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
        "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
        "VALUES ('delete', old.id, old.title, old.text); END",
        "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN "
        "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
        "VALUES ('delete', old.id, old.title, old.text); "
        "INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
        "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
    ],
    "postgresql": [
        "CREATE INDEX ix_statements_fts ON statements USING gin "
        "(to_tsvector('english', content_text || ' ' || source_text || ' ' || coalesce(speaker_name, '')))",
        "CREATE INDEX ix_articles_fts ON articles USING gin "
        f"(to_tsvector('english', left(coalesce(title, '') || ' ' || text, {CHARS})))",
    ],
}
DOWNGRADE = {
    "sqlite": [
        *(
            f"DROP TRIGGER {table}_fts_{event}"
            for table in ("statements", "articles")
            for event in ("insert", "delete", "update")
        ),
        "DROP TABLE statements_fts",
        "DROP TABLE articles_fts",
    ],
    "postgresql": ["DROP INDEX ix_statements_fts", "DROP INDEX ix_articles_fts"],
}


ENTITY_COLUMNS = (("statements", "speaker_entity", True), ("speakers", "entity_id", False))


def upgrade() -> None:
    # before the triggers: on SQLite a batch alteration rebuilds the table, and a rebuilt table has none
    for table, column, nullable in ENTITY_COLUMNS:
        with op.batch_alter_table(table) as batch:
            batch.alter_column(column, type_=sa.Text, existing_type=sa.String(32), existing_nullable=nullable)
    for statement in UPGRADE.get(op.get_bind().dialect.name, []):
        op.execute(statement)


def downgrade() -> None:
    for statement in DOWNGRADE.get(op.get_bind().dialect.name, []):
        op.execute(statement)
    for table, column, nullable in ENTITY_COLUMNS:
        with op.batch_alter_table(table) as batch:
            batch.alter_column(column, type_=sa.String(32), existing_type=sa.Text, existing_nullable=nullable)
