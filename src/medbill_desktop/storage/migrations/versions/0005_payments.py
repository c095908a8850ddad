"""payment posting: payment batches, remittance files, claim and line adjudications with their CAS
adjustments, provider-level adjustments (PLB), the batch's ledger transactions, the denials queue and
patient refunds

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Written out here, not imported, so that this migration stays as it was.
_TRIGGERS = (
    "CREATE TRIGGER line_adjudications_no_update BEFORE UPDATE ON line_adjudications BEGIN SELECT RAISE(ABORT, 'a posted remittance is never edited; reverse the batch instead'); END",
    "CREATE TRIGGER line_adjudications_no_delete BEFORE DELETE ON line_adjudications BEGIN SELECT RAISE(ABORT, 'a posted remittance is never edited; reverse the batch instead'); END",
    "CREATE TRIGGER adjudication_adjustments_no_update BEFORE UPDATE ON adjudication_adjustments BEGIN SELECT RAISE(ABORT, 'a posted remittance is never edited; reverse the batch instead'); END",
    "CREATE TRIGGER adjudication_adjustments_no_delete BEFORE DELETE ON adjudication_adjustments BEGIN SELECT RAISE(ABORT, 'a posted remittance is never edited; reverse the batch instead'); END",
    "CREATE TRIGGER provider_adjustments_no_update BEFORE UPDATE ON provider_adjustments BEGIN SELECT RAISE(ABORT, 'a posted remittance is never edited; reverse the batch instead'); END",
    "CREATE TRIGGER provider_adjustments_no_delete BEFORE DELETE ON provider_adjustments BEGIN SELECT RAISE(ABORT, 'a posted remittance is never edited; reverse the batch instead'); END",
    "CREATE TRIGGER batch_transactions_no_update BEFORE UPDATE ON batch_transactions BEGIN SELECT RAISE(ABORT, 'a posted remittance is never edited; reverse the batch instead'); END",
    "CREATE TRIGGER batch_transactions_no_delete BEFORE DELETE ON batch_transactions BEGIN SELECT RAISE(ABORT, 'a posted remittance is never edited; reverse the batch instead'); END",
)
_TABLES = (
    "patient_refunds",
    "denials",
    "batch_transactions",
    "provider_adjustments",
    "adjudication_adjustments",
    "line_adjudications",
    "claim_adjudications",
    "payment_batches",
    "remittance_files",
)


def upgrade() -> None:
    op.create_table(
        "remittance_files",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.Text(), nullable=False),
        sa.Column("imported_by", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_remittance_files")),
        sa.UniqueConstraint("sha256", name=op.f("uq_remittance_files_sha256")),
    )
    op.create_table(
        "patient_refunds",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("patient_id", sa.String(length=36), nullable=False),
        sa.Column("transaction_id", sa.String(length=36), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=5), nullable=False),
        sa.Column("reference", sa.Text(), server_default="", nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("refunded_on", sa.Date(), nullable=False),
        sa.Column("refunded_at", sa.Text(), nullable=False),
        sa.Column("refunded_by", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["patient_id"], ["patients.id"], name=op.f("fk_patient_refunds_patient_id_patients")),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["ledger_transactions.id"],
            name=op.f("fk_patient_refunds_transaction_id_ledger_transactions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patient_refunds")),
    )
    with op.batch_alter_table("patient_refunds", schema=None) as batch_op:
        batch_op.create_index("ix_patient_refunds_patient_id", ["patient_id"], unique=False)

    op.create_table(
        "payment_batches",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("batch_number", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("payer_id", sa.String(length=36), nullable=False),
        sa.Column("method", sa.String(length=8), nullable=False),
        sa.Column("reference", sa.Text(), nullable=False),
        sa.Column("check_date", sa.Date(), nullable=False),
        sa.Column("deposit_date", sa.Date(), nullable=True),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("on_account_cents", sa.Integer(), server_default="0", nullable=False),
        sa.Column("on_account_reason", sa.String(length=8), server_default="", nullable=False),
        sa.Column("source_key", sa.Text(), nullable=False),
        sa.Column("remittance_file_id", sa.String(length=36), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("posted_at", sa.Text(), nullable=False),
        sa.Column("posted_by", sa.Text(), nullable=False),
        sa.Column("reversed_at", sa.Text(), nullable=True),
        sa.Column("reversed_by", sa.Text(), nullable=True),
        sa.Column("reversal_reason", sa.Text(), server_default="", nullable=False),
        sa.CheckConstraint("status IN ('posted', 'reversed')", name=op.f("ck_payment_batches_status")),
        sa.ForeignKeyConstraint(["payer_id"], ["payers.id"], name=op.f("fk_payment_batches_payer_id_payers")),
        sa.ForeignKeyConstraint(
            ["remittance_file_id"],
            ["remittance_files.id"],
            name=op.f("fk_payment_batches_remittance_file_id_remittance_files"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_batches")),
        sa.UniqueConstraint("batch_number", name=op.f("uq_payment_batches_batch_number")),
        sa.UniqueConstraint("source_key", name=op.f("uq_payment_batches_source_key")),
    )
    with op.batch_alter_table("payment_batches", schema=None) as batch_op:
        batch_op.create_index("ix_payment_batches_payer_id", ["payer_id", "check_date"], unique=False)

    op.create_table(
        "provider_adjustments",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("reason_code", sa.String(length=3), nullable=False),
        sa.Column("reference", sa.Text(), server_default="", nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["payment_batches.id"], name=op.f("fk_provider_adjustments_batch_id_payment_batches")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_provider_adjustments")),
    )
    with op.batch_alter_table("provider_adjustments", schema=None) as batch_op:
        batch_op.create_index("ix_provider_adjustments_batch_id", ["batch_id"], unique=False)

    op.create_table(
        "claim_adjudications",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("claim_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("status_code", sa.String(length=2), nullable=False),
        sa.Column("payer_claim_reference", sa.Text(), server_default="", nullable=False),
        sa.Column("billed_cents", sa.Integer(), nullable=False),
        sa.Column("paid_cents", sa.Integer(), nullable=False),
        sa.Column("patient_responsibility_cents", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("next_step", sa.String(length=10), nullable=False),
        sa.Column("remarks", sa.Text(), server_default="", nullable=False),
        sa.Column("reverses", sa.String(length=36), nullable=True),
        sa.Column("reversed_by", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["payment_batches.id"], name=op.f("fk_claim_adjudications_batch_id_payment_batches")
        ),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name=op.f("fk_claim_adjudications_claim_id_claims")),
        sa.ForeignKeyConstraint(
            ["reversed_by"],
            ["claim_adjudications.id"],
            name=op.f("fk_claim_adjudications_reversed_by_claim_adjudications"),
        ),
        sa.ForeignKeyConstraint(
            ["reverses"], ["claim_adjudications.id"], name=op.f("fk_claim_adjudications_reverses_claim_adjudications")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_adjudications")),
    )
    with op.batch_alter_table("claim_adjudications", schema=None) as batch_op:
        batch_op.create_index("ix_claim_adjudications_batch_id", ["batch_id", "position"], unique=False)
        batch_op.create_index("ix_claim_adjudications_claim_id", ["claim_id"], unique=False)

    op.create_table(
        "batch_transactions",
        sa.Column("transaction_id", sa.String(length=36), nullable=False),
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("claim_adjudication_id", sa.String(length=36), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["payment_batches.id"], name=op.f("fk_batch_transactions_batch_id_payment_batches")
        ),
        sa.ForeignKeyConstraint(
            ["claim_adjudication_id"],
            ["claim_adjudications.id"],
            name=op.f("fk_batch_transactions_claim_adjudication_id_claim_adjudications"),
        ),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["ledger_transactions.id"],
            name=op.f("fk_batch_transactions_transaction_id_ledger_transactions"),
        ),
        sa.PrimaryKeyConstraint("transaction_id", name=op.f("pk_batch_transactions")),
    )
    with op.batch_alter_table("batch_transactions", schema=None) as batch_op:
        batch_op.create_index("ix_batch_transactions_batch_id", ["batch_id", "position"], unique=False)

    op.create_table(
        "denials",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("claim_id", sa.String(length=36), nullable=False),
        sa.Column("claim_adjudication_id", sa.String(length=36), nullable=False),
        sa.Column("payer_id", sa.String(length=36), nullable=False),
        sa.Column("group_code", sa.String(length=2), nullable=False),
        sa.Column("reason_code", sa.String(length=5), nullable=False),
        sa.Column("remarks", sa.Text(), server_default="", nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("denied_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("resolved_at", sa.Text(), nullable=True),
        sa.Column("resolved_by", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.CheckConstraint(
            "status IN ('open', 'resubmitted', 'appealed', 'written_off', 'to_patient', 'reversed')",
            name=op.f("ck_denials_status"),
        ),
        sa.ForeignKeyConstraint(
            ["claim_adjudication_id"],
            ["claim_adjudications.id"],
            name=op.f("fk_denials_claim_adjudication_id_claim_adjudications"),
        ),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name=op.f("fk_denials_claim_id_claims")),
        sa.ForeignKeyConstraint(["payer_id"], ["payers.id"], name=op.f("fk_denials_payer_id_payers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_denials")),
    )
    with op.batch_alter_table("denials", schema=None) as batch_op:
        batch_op.create_index("ix_denials_claim_id", ["claim_id"], unique=False)
        batch_op.create_index("ix_denials_status", ["status", "denied_on"], unique=False)

    op.create_table(
        "line_adjudications",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("claim_adjudication_id", sa.String(length=36), nullable=False),
        sa.Column("service_line_id", sa.String(length=36), nullable=False),
        sa.Column("billed_cents", sa.Integer(), nullable=False),
        sa.Column("allowed_cents", sa.Integer(), nullable=True),
        sa.Column("paid_cents", sa.Integer(), nullable=False),
        sa.Column("remarks", sa.Text(), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_adjudication_id"],
            ["claim_adjudications.id"],
            name=op.f("fk_line_adjudications_claim_adjudication_id_claim_adjudications"),
        ),
        sa.ForeignKeyConstraint(
            ["service_line_id"], ["service_lines.id"], name=op.f("fk_line_adjudications_service_line_id_service_lines")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_line_adjudications")),
    )
    with op.batch_alter_table("line_adjudications", schema=None) as batch_op:
        batch_op.create_index("ix_line_adjudications_claim_adjudication_id", ["claim_adjudication_id"], unique=False)
        batch_op.create_index("ix_line_adjudications_service_line_id", ["service_line_id"], unique=False)

    op.create_table(
        "adjudication_adjustments",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("claim_adjudication_id", sa.String(length=36), nullable=False),
        sa.Column("line_adjudication_id", sa.String(length=36), nullable=True),
        sa.Column("group_code", sa.String(length=2), nullable=False),
        sa.Column("reason_code", sa.String(length=5), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Text(), server_default="", nullable=False),
        sa.Column("posted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_adjudication_id"],
            ["claim_adjudications.id"],
            name=op.f("fk_adjudication_adjustments_claim_adjudication_id_claim_adjudications"),
        ),
        sa.ForeignKeyConstraint(
            ["line_adjudication_id"],
            ["line_adjudications.id"],
            name=op.f("fk_adjudication_adjustments_line_adjudication_id_line_adjudications"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_adjudication_adjustments")),
    )
    with op.batch_alter_table("adjudication_adjustments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_adjudication_adjustments_claim_adjudication_id", ["claim_adjudication_id"], unique=False
        )
    for sql in _TRIGGERS:
        op.execute(sql)


def downgrade() -> None:
    for sql in _TRIGGERS:
        op.execute("DROP TRIGGER IF EXISTS " + sql.split()[2])
    for table in _TABLES:
        op.drop_table(table)
