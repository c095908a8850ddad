"""reports: the balances and daily money totals the A/R reports read (a projection of the ledger, brought up to
date from the postings each time a report runs), and indexes on when transactions occurred and were posted

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_balances",
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("line_id", sa.String(length=36), nullable=True),
        sa.Column("party", sa.String(length=9), nullable=True),
        sa.Column("patient_account", sa.String(length=16), nullable=True),
        sa.Column("encounter_id", sa.String(length=36), nullable=True),
        sa.Column("date_of_service", sa.Date(), nullable=True),
        sa.Column("provider_id", sa.String(length=36), nullable=True),
        sa.Column("balance_cents", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_report_balances")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_report_balances_open", "report_balances",
                    ["kind", "party", "encounter_id", "date_of_service", "provider_id", "patient_account",
                     "balance_cents"], sqlite_where=sa.text("balance_cents <> 0"))
    op.create_index("ix_report_balances_unplaced", "report_balances", ["account_id"],
                    sqlite_where=sa.text("kind = 'receivable' AND encounter_id IS NULL"))
    op.create_table(
        "report_daily",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("category", sa.String(length=24), nullable=False),
        sa.Column("cents", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "category", name=op.f("pk_report_daily")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "report_state",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("last_rowid", sa.Integer(), nullable=False),
        sa.Column("last_posting_id", sa.String(length=36), nullable=False),
        sa.Column("refreshed_at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_report_state")),
    )
    op.create_index("ix_claims_encounter_rank", "claims",
                    ["encounter_id", "rank", "created_at", "id", "payer_id", "claim_number"])
    op.create_index("ix_ledger_transactions_occurred_on", "ledger_transactions", ["occurred_on"])
    op.create_index("ix_ledger_transactions_posted_at", "ledger_transactions", ["posted_at"])


def downgrade() -> None:
    op.drop_index("ix_ledger_transactions_posted_at", table_name="ledger_transactions")
    op.drop_index("ix_ledger_transactions_occurred_on", table_name="ledger_transactions")
    op.drop_index("ix_claims_encounter_rank", table_name="claims")
    op.drop_table("report_state")
    op.drop_table("report_daily")
    op.drop_index("ix_report_balances_unplaced", table_name="report_balances")
    op.drop_index("ix_report_balances_open", table_name="report_balances")
    op.drop_table("report_balances")
