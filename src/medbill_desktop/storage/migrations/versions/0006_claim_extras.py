"""claim extras: per encounter, the claim-form facts charge entry does not record (items 10a-d, 11b, 16,
17a, 18, 19, 20) and the claim's attachments (PWK)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "claim_extras",
        sa.Column("encounter_id", sa.String(length=36), nullable=False),
        sa.Column("employment_related", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("auto_accident", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("auto_accident_state", sa.String(length=2), server_default="", nullable=False),
        sa.Column("other_accident", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("claim_codes", sa.String(length=2), server_default="", nullable=False),
        sa.Column("other_claim_id", sa.Text(), server_default="", nullable=False),
        sa.Column("unable_to_work_from", sa.Date(), nullable=True),
        sa.Column("unable_to_work_to", sa.Date(), nullable=True),
        sa.Column("hospitalized_from", sa.Date(), nullable=True),
        sa.Column("hospitalized_to", sa.Date(), nullable=True),
        sa.Column("additional_info", sa.Text(), server_default="", nullable=False),
        sa.Column("outside_lab", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("outside_lab_charges_cents", sa.Integer(), nullable=True),
        sa.Column("referring_other_qualifier", sa.String(length=2), server_default="", nullable=False),
        sa.Column("referring_other_id", sa.Text(), server_default="", nullable=False),
        sa.Column("attachments", sa.Text(), server_default="[]", nullable=False),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.Text(), nullable=False),
        sa.CheckConstraint("outside_lab_charges_cents IS NULL OR outside_lab_charges_cents >= 0",
                           name=op.f("ck_claim_extras_outside_lab_charges")),
        sa.ForeignKeyConstraint(["encounter_id"], ["encounters.id"],
                                name=op.f("fk_claim_extras_encounter_id_encounters")),
        sa.PrimaryKeyConstraint("encounter_id", name=op.f("pk_claim_extras")),
    )


def downgrade() -> None:
    op.drop_table("claim_extras")
