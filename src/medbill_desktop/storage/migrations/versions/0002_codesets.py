"""code sets: ICD-10-CM with its FTS5 index, the smaller sets with theirs, loaded versions

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Contentless FTS5 indexes: the rows live in the tables above them; the index holds only the words.
# detail=column keeps column filters ("code : e11*") and drops positions (no phrase search is needed);
# prefix indexes make the one-to-three letter prefixes typed at the first keystrokes cheap.
_FTS_OPTIONS = ("content='', columnsize=0, detail=column, prefix='1 2 3', "
                "tokenize='unicode61 remove_diacritics 2'")


def upgrade() -> None:
    op.create_table(
        "codeset_versions",
        sa.Column("set_name", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Text(), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("loaded_at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("set_name", name=op.f("pk_codeset_versions")),
    )
    op.create_table(
        "icd10_groups",
        sa.Column("id", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("parent", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_icd10_groups")),
    )
    op.create_table(
        "icd10_codes",
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("display_code", sa.String(length=9), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("billable", sa.Boolean(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("parent", sa.String(length=16), nullable=False),
        sa.Column("chapter", sa.String(length=4), nullable=False),
        sa.Column("block", sa.String(length=16), nullable=False),
        sa.Column("search_rank", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_icd10_codes")),
        sa.UniqueConstraint("search_rank", name=op.f("uq_icd10_codes_search_rank")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "code_entries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("set_name", sa.String(length=16), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("long_description", sa.Text(), server_default="", nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=True),
        sa.Column("effective_to", sa.Date(), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_code_entries")),
    )
    with op.batch_alter_table("code_entries", schema=None) as batch_op:
        batch_op.create_index("ix_code_entries_set_code", ["set_name", "code"], unique=True)

    op.execute(f"CREATE VIRTUAL TABLE icd10_fts USING fts5(code, terms, {_FTS_OPTIONS})")
    op.execute(f"CREATE VIRTUAL TABLE code_entries_fts USING fts5(set_name, code, terms, {_FTS_OPTIONS})")


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS code_entries_fts")
    op.execute("DROP TABLE IF EXISTS icd10_fts")
    with op.batch_alter_table("code_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_code_entries_set_code")
    op.drop_table("code_entries")
    op.drop_table("icd10_codes")
    op.drop_table("icd10_groups")
    op.drop_table("codeset_versions")
