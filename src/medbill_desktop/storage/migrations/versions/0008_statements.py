"""statements, payment plans and collections: statement runs, the statements sent (each with the data it was
rendered from) and their lines, payment plans and their installments, statement holds and collection flags

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# Written out here, not imported, so that this migration stays as it was.
_TRIGGERS = tuple(
    f"CREATE TRIGGER {table}_no_{verb} BEFORE {verb.upper()} ON {table} "
    "BEGIN SELECT RAISE(ABORT, 'a statement sent is never changed; print a new one instead'); END"
    for table in ("statement_runs", "statements", "statement_lines")
    for verb in ("update", "delete")
)
_TABLES = (
    "collection_accounts",
    "statement_holds",
    "payment_plan_installments",
    "payment_plans",
    "statement_lines",
    "statements",
    "statement_runs",
)


def upgrade() -> None:
    op.create_table(
        "statement_runs",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("run_number", sa.String(length=16), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("sent_via", sa.String(length=8), nullable=False),
        sa.Column("destination", sa.Text(), server_default="", nullable=False),
        sa.Column("minimum_balance_cents", sa.Integer(), nullable=False),
        sa.Column("days_between", sa.Integer(), nullable=False),
        sa.Column("statement_count", sa.Integer(), nullable=False),
        sa.Column("total_due_cents", sa.Integer(), nullable=False),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=False),
        sa.CheckConstraint("sent_via IN ('print', 'pdf', 'cli')", name=op.f("ck_statement_runs_sent_via")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement_runs")),
        sa.UniqueConstraint("run_number", name=op.f("uq_statement_runs_run_number")),
    )
    op.create_index("ix_statement_runs_as_of", "statement_runs", ["as_of"])
    op.create_table(
        "statements",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("run_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("guarantor_key", sa.Text(), nullable=False),
        sa.Column("guarantor_account", sa.String(length=16), nullable=False),
        sa.Column("guarantor_name", sa.Text(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("since", sa.Date(), nullable=True),
        sa.Column("amount_due_cents", sa.Integer(), nullable=False),
        sa.Column("pending_insurance_cents", sa.Integer(), nullable=False),
        sa.Column("credit_cents", sa.Integer(), nullable=False),
        sa.Column("aged_current_cents", sa.Integer(), nullable=False),
        sa.Column("aged_31_60_cents", sa.Integer(), nullable=False),
        sa.Column("aged_61_90_cents", sa.Integer(), nullable=False),
        sa.Column("aged_91_120_cents", sa.Integer(), nullable=False),
        sa.Column("aged_over_120_cents", sa.Integer(), nullable=False),
        sa.Column("pay_now_cents", sa.Integer(), nullable=False),
        sa.Column("dunning_level", sa.String(length=20), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.Column("snapshot_sha256", sa.String(length=64), nullable=False),
        sa.CheckConstraint("amount_due_cents >= 0", name=op.f("ck_statements_amount_due")),
        sa.ForeignKeyConstraint(["run_id"], ["statement_runs.id"], name=op.f("fk_statements_run_id_statement_runs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statements")),
    )
    op.create_index("ix_statements_guarantor_key", "statements", ["guarantor_key", "as_of"])
    op.create_index("ix_statements_run_id", "statements", ["run_id", "position"])
    op.create_table(
        "statement_lines",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("statement_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=True),
        sa.Column("patient_id", sa.String(length=36), nullable=False),
        sa.Column("encounter_id", sa.String(length=36), nullable=True),
        sa.Column("transaction_id", sa.String(length=36), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("charge_cents", sa.Integer(), server_default="0", nullable=False),
        sa.Column("credit_cents", sa.Integer(), server_default="0", nullable=False),
        sa.Column("pending_cents", sa.Integer(), server_default="0", nullable=False),
        sa.Column("patient_cents", sa.Integer(), server_default="0", nullable=False),
        sa.CheckConstraint("kind IN ('activity', 'visit')", name=op.f("ck_statement_lines_kind")),
        sa.ForeignKeyConstraint(["encounter_id"], ["encounters.id"], name=op.f("fk_statement_lines_encounter_id_encounters")),
        sa.ForeignKeyConstraint(["patient_id"], ["patients.id"], name=op.f("fk_statement_lines_patient_id_patients")),
        sa.ForeignKeyConstraint(["statement_id"], ["statements.id"], name=op.f("fk_statement_lines_statement_id_statements")),
        sa.ForeignKeyConstraint(["transaction_id"], ["ledger_transactions.id"], name=op.f("fk_statement_lines_transaction_id_ledger_transactions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement_lines")),
    )
    op.create_index("ix_statement_lines_encounter_id", "statement_lines", ["encounter_id"])
    op.create_index("ix_statement_lines_statement_id", "statement_lines", ["statement_id", "position"])
    op.create_table(
        "payment_plans",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("plan_number", sa.String(length=16), nullable=False),
        sa.Column("guarantor_key", sa.Text(), nullable=False),
        sa.Column("guarantor_account", sa.String(length=16), nullable=False),
        sa.Column("total_cents", sa.Integer(), nullable=False),
        sa.Column("installment_cents", sa.Integer(), nullable=False),
        sa.Column("day_of_month", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("first_due_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("ended_at", sa.Text(), nullable=True),
        sa.Column("ended_by", sa.Text(), nullable=True),
        sa.Column("end_reason", sa.Text(), server_default="", nullable=False),
        sa.CheckConstraint("status IN ('active', 'completed', 'cancelled')", name=op.f("ck_payment_plans_status")),
        sa.CheckConstraint("day_of_month BETWEEN 1 AND 28", name=op.f("ck_payment_plans_day_of_month")),
        sa.CheckConstraint("total_cents > 0 AND installment_cents > 0 AND installment_cents <= total_cents", name=op.f("ck_payment_plans_amounts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_plans")),
        sa.UniqueConstraint("plan_number", name=op.f("uq_payment_plans_plan_number")),
    )
    op.create_index("ix_payment_plans_guarantor_key", "payment_plans", ["guarantor_key", "status"])
    op.create_table(
        "payment_plan_installments",
        sa.Column("plan_id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.CheckConstraint("amount_cents > 0", name=op.f("ck_payment_plan_installments_amount")),
        sa.ForeignKeyConstraint(["plan_id"], ["payment_plans.id"], name=op.f("fk_payment_plan_installments_plan_id_payment_plans")),
        sa.PrimaryKeyConstraint("plan_id", "number", name=op.f("pk_payment_plan_installments")),
    )
    op.create_table(
        "statement_holds",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("guarantor_key", sa.Text(), nullable=False),
        sa.Column("guarantor_account", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("hold_until", sa.Date(), nullable=True),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("released_at", sa.Text(), nullable=True),
        sa.Column("released_by", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement_holds")),
    )
    op.create_index("ix_statement_holds_guarantor_key", "statement_holds", ["guarantor_key", "released_at"])
    op.create_table(
        "collection_accounts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("guarantor_key", sa.Text(), nullable=False),
        sa.Column("guarantor_account", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("flagged_on", sa.Date(), nullable=False),
        sa.Column("flagged_at", sa.Text(), nullable=False),
        sa.Column("flagged_by", sa.Text(), nullable=False),
        sa.Column("balance_cents", sa.Integer(), nullable=False),
        sa.Column("agency", sa.Text(), server_default="", nullable=False),
        sa.Column("exported_at", sa.Text(), nullable=True),
        sa.Column("exported_by", sa.Text(), nullable=True),
        sa.Column("released_at", sa.Text(), nullable=True),
        sa.Column("released_by", sa.Text(), nullable=True),
        sa.Column("release_reason", sa.Text(), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_collection_accounts")),
    )
    op.create_index("ix_collection_accounts_guarantor_key", "collection_accounts", ["guarantor_key", "released_at"])
    for sql in _TRIGGERS:
        op.execute(sql)


def downgrade() -> None:
    for table in ("statement_runs", "statements", "statement_lines"):
        for verb in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb}")
    for table in _TABLES:
        op.drop_table(table)
