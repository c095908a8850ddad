"""foundation: practice, users, audit, ledger, outbox

Revision ID: 0001
Revises:
Create Date: 2026-11-22 19:46:06.068061
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Written out here, not imported, so that this migration stays as it was.
_TRIGGERS = (
    "CREATE TRIGGER ledger_postings_no_update BEFORE UPDATE ON ledger_postings BEGIN SELECT RAISE(ABORT, 'posted ledger entries are never edited; post a reversal instead'); END",
    "CREATE TRIGGER ledger_postings_no_delete BEFORE DELETE ON ledger_postings BEGIN SELECT RAISE(ABORT, 'posted ledger entries are never deleted; post a reversal instead'); END",
    "CREATE TRIGGER ledger_transactions_no_update BEFORE UPDATE ON ledger_transactions BEGIN SELECT RAISE(ABORT, 'posted ledger transactions are never edited; post a reversal instead'); END",
    "CREATE TRIGGER ledger_transactions_no_delete BEFORE DELETE ON ledger_transactions BEGIN SELECT RAISE(ABORT, 'posted ledger transactions are never deleted; post a reversal instead'); END",
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    "CREATE TRIGGER ledger_postings_closed BEFORE INSERT ON ledger_postings WHEN EXISTS (SELECT 1 FROM ledger_transactions WHERE id = NEW.transaction_id) BEGIN SELECT RAISE(ABORT, 'a posted transaction cannot take more postings'); END",
    "CREATE TRIGGER ledger_transactions_balanced AFTER INSERT ON ledger_transactions WHEN (SELECT COUNT(*) FROM ledger_postings WHERE transaction_id = NEW.id) < 2 OR (SELECT SUM(amount_cents) FROM ledger_postings WHERE transaction_id = NEW.id) <> 0 BEGIN SELECT RAISE(ABORT, 'a ledger transaction needs two or more postings that sum to zero'); END",
    "CREATE TRIGGER ledger_receivable_not_negative AFTER INSERT ON ledger_transactions WHEN EXISTS (SELECT 1 FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id WHERE p.transaction_id = NEW.id AND a.kind = 'receivable' AND (SELECT SUM(q.amount_cents) FROM ledger_postings q WHERE q.account_id = p.account_id) < 0) BEGIN SELECT RAISE(ABORT, 'a receivable cannot go below zero; put the excess on patient credit'); END",
)
_TRIGGER_NAMES = (
    "ledger_postings_no_update",
    "ledger_postings_no_delete",
    "ledger_transactions_no_update",
    "ledger_transactions_no_delete",
    "audit_log_no_update",
    "audit_log_no_delete",
    "ledger_postings_closed",
    "ledger_transactions_balanced",
    "ledger_receivable_not_negative",
)


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.Text(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("entity", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
    )
    op.create_table(
        "counters",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("next_value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_counters")),
    )
    op.create_table(
        "ledger_accounts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("patient_account", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_accounts")),
        sa.UniqueConstraint("code", name=op.f("uq_ledger_accounts_code")),
    )
    with op.batch_alter_table("ledger_accounts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ledger_accounts_patient_account"), ["patient_account"], unique=False
        )

    op.create_table(
        "ledger_transactions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("posted_at", sa.Text(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("memo", sa.Text(), server_default="", nullable=False),
        sa.Column("source_key", sa.Text(), nullable=True),
        sa.Column("reverses", sa.String(length=36), nullable=True),
        sa.CheckConstraint(
            "(kind = 'reversal') = (reverses IS NOT NULL)",
            name=op.f("ck_ledger_transactions_reversal_names_original"),
        ),
        sa.ForeignKeyConstraint(
            ["reverses"],
            ["ledger_transactions.id"],
            name=op.f("fk_ledger_transactions_reverses_ledger_transactions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_transactions")),
        sa.UniqueConstraint("reverses", name=op.f("uq_ledger_transactions_reverses")),
        sa.UniqueConstraint("source_key", name=op.f("uq_ledger_transactions_source_key")),
    )
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.Column("event", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("sent_at", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_outbox")),
        sa.UniqueConstraint("id", name=op.f("uq_outbox_id")),
    )
    op.create_table(
        "practice",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("npi", sa.String(length=10), nullable=False),
        sa.Column("tax_id", sa.String(length=9), nullable=False),
        sa.Column("taxonomy", sa.String(length=10), nullable=False),
        sa.Column("address_line1", sa.Text(), nullable=False),
        sa.Column("address_line2", sa.Text(), server_default="", nullable=False),
        sa.Column("city", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=2), nullable=False),
        sa.Column("zip_code", sa.String(length=9), nullable=False),
        sa.Column("phone", sa.String(length=10), nullable=False),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("full_name", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), server_default="1", nullable=False),
        sa.Column("failed_attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("locked_until", sa.Text(), nullable=True),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.CheckConstraint("role IN ('front_desk', 'biller', 'manager')", name=op.f("ck_users_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "workstation",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("prefix", sa.String(length=4), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workstation")),
    )
    op.create_table(
        "ledger_postings",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("transaction_id", sa.String(length=36), nullable=False),
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.CheckConstraint("amount_cents <> 0", name=op.f("ck_ledger_postings_nonzero")),
        sa.ForeignKeyConstraint(
            ["account_id"], ["ledger_accounts.id"], name=op.f("fk_ledger_postings_account_id_ledger_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["ledger_transactions.id"],
            name=op.f("fk_ledger_postings_transaction_id_ledger_transactions"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_postings")),
    )
    with op.batch_alter_table("ledger_postings", schema=None) as batch_op:
        batch_op.create_index("ix_ledger_postings_account", ["account_id", "amount_cents"], unique=False)
        batch_op.create_index("ix_ledger_postings_transaction", ["transaction_id"], unique=False)

    for sql in _TRIGGERS:
        op.execute(sql)


def downgrade() -> None:
    for name in _TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("ledger_postings", schema=None) as batch_op:
        batch_op.drop_index("ix_ledger_postings_transaction")
        batch_op.drop_index("ix_ledger_postings_account")

    op.drop_table("ledger_postings")
    op.drop_table("workstation")
    op.drop_table("users")
    op.drop_table("settings")
    op.drop_table("practice")
    op.drop_table("outbox")
    op.drop_table("ledger_transactions")
    with op.batch_alter_table("ledger_accounts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ledger_accounts_patient_account"))

    op.drop_table("ledger_accounts")
    op.drop_table("counters")
    op.drop_table("audit_log")
