"""claims lifecycle: tracking (frequency, item 22 reference, payer reference, follow-up), notes,
submissions, printer calibration profiles, clearinghouse settings, X12 control numbers

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_INDEXES = (  # table, index, columns, unique
    ("claim_tracking", "ix_claim_tracking_follow_up_on", ["follow_up_on"], False),
    ("claim_notes", "ix_claim_notes_claim_id", ["claim_id", "at"], False),
    ("claim_submissions", "ix_claim_submissions_claim_id", ["claim_id", "at"], False),
    ("claim_submissions", "ix_claim_submissions_transaction_control", ["transaction_control"], False),
    ("calibration_profiles", "ix_calibration_profiles_name", ["name"], True),
)


def upgrade() -> None:
    op.create_table(
        "claim_tracking",
        sa.Column("claim_id", sa.String(length=36), nullable=False),
        sa.Column("frequency", sa.String(length=1), server_default="1", nullable=False),
        sa.Column("original_reference", sa.Text(), server_default="", nullable=False),
        sa.Column("payer_claim_reference", sa.Text(), server_default="", nullable=False),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.CheckConstraint("frequency IN ('1', '7', '8')", name=op.f("ck_claim_tracking_frequency")),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name=op.f("fk_claim_tracking_claim_id_claims")),
        sa.PrimaryKeyConstraint("claim_id", name=op.f("pk_claim_tracking")),
    )
    op.create_table(
        "claim_notes",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("claim_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.Text(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name=op.f("fk_claim_notes_claim_id_claims")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_notes")),
    )
    op.create_table(
        "claim_submissions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("claim_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.Text(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("file_name", sa.Text(), server_default="", nullable=False),
        sa.Column("frequency", sa.String(length=1), server_default="1", nullable=False),
        sa.Column("interchange_control", sa.String(length=9), nullable=True),
        sa.Column("group_control", sa.String(length=9), nullable=True),
        sa.Column("transaction_control", sa.String(length=9), nullable=True),
        sa.CheckConstraint("channel IN ('print', '837p')", name=op.f("ck_claim_submissions_channel")),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name=op.f("fk_claim_submissions_claim_id_claims")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_submissions")),
    )
    op.create_table(
        "calibration_profiles",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("x_offset_hundredths_in", sa.Integer(), server_default="0", nullable=False),
        sa.Column("y_offset_hundredths_in", sa.Integer(), server_default="0", nullable=False),
        sa.Column("scale", sa.Float(), server_default="1.0", nullable=False),
        sa.Column("nudges", sa.Text(), server_default="{}", nullable=False),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calibration_profiles")),
    )
    op.create_table(
        "clearinghouse_settings",
        sa.Column("id", sa.String(length=16), nullable=False),
        sa.Column("settings", sa.Text(), nullable=False),
        sa.Column("usage", sa.String(length=1), server_default="T", nullable=False),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.CheckConstraint("usage IN ('T', 'P')", name=op.f("ck_clearinghouse_settings_usage")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clearinghouse_settings")),
    )
    op.create_table(
        "x12_control_numbers",
        sa.Column("name", sa.String(length=16), nullable=False),
        sa.Column("interchange", sa.Integer(), nullable=False),
        sa.Column("grp", sa.Integer(), nullable=False),
        sa.Column("transaction", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_x12_control_numbers")),
    )
    for table, name, columns, unique in _INDEXES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(name, columns, unique=unique)


def downgrade() -> None:
    for table, name, _columns, _unique in reversed(_INDEXES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(name)
    for table in ("x12_control_numbers", "clearinghouse_settings", "calibration_profiles", "claim_submissions",
                  "claim_notes", "claim_tracking"):
        op.drop_table(table)
