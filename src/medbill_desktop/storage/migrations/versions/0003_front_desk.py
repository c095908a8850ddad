"""front desk and charge entry: reference data, patients, coverages, eligibility checks, encounters,
front-desk payments, draft claims and their history

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 12:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Written out here, not imported, so that this migration stays as it was.
_TRIGGERS = (
    "CREATE TRIGGER encounters_finalized_no_update BEFORE UPDATE ON encounters WHEN OLD.status = 'finalized' BEGIN SELECT RAISE(ABORT, 'a finalized encounter is never edited'); END",
    "CREATE TRIGGER encounters_finalized_no_delete BEFORE DELETE ON encounters WHEN OLD.status = 'finalized' BEGIN SELECT RAISE(ABORT, 'a finalized encounter is never deleted'); END",
    "CREATE TRIGGER encounter_diagnoses_finalized_no_insert BEFORE INSERT ON encounter_diagnoses WHEN (SELECT status FROM encounters WHERE id = NEW.encounter_id) = 'finalized' BEGIN SELECT RAISE(ABORT, 'a finalized encounter is never edited'); END",
    "CREATE TRIGGER encounter_diagnoses_finalized_no_update BEFORE UPDATE ON encounter_diagnoses WHEN (SELECT status FROM encounters WHERE id = OLD.encounter_id) = 'finalized' BEGIN SELECT RAISE(ABORT, 'a finalized encounter is never edited'); END",
    "CREATE TRIGGER encounter_diagnoses_finalized_no_delete BEFORE DELETE ON encounter_diagnoses WHEN (SELECT status FROM encounters WHERE id = OLD.encounter_id) = 'finalized' BEGIN SELECT RAISE(ABORT, 'a finalized encounter is never edited'); END",
    "CREATE TRIGGER service_lines_finalized_no_insert BEFORE INSERT ON service_lines WHEN (SELECT status FROM encounters WHERE id = NEW.encounter_id) = 'finalized' BEGIN SELECT RAISE(ABORT, 'a finalized encounter is never edited'); END",
    "CREATE TRIGGER service_lines_finalized_no_update BEFORE UPDATE ON service_lines WHEN (SELECT status FROM encounters WHERE id = OLD.encounter_id) = 'finalized' BEGIN SELECT RAISE(ABORT, 'a finalized encounter is never edited'); END",
    "CREATE TRIGGER service_lines_finalized_no_delete BEFORE DELETE ON service_lines WHEN (SELECT status FROM encounters WHERE id = OLD.encounter_id) = 'finalized' BEGIN SELECT RAISE(ABORT, 'a finalized encounter is never edited'); END",
    "CREATE TRIGGER claim_state_history_no_update BEFORE UPDATE ON claim_state_history BEGIN SELECT RAISE(ABORT, 'the claim history is append-only'); END",
    "CREATE TRIGGER claim_state_history_no_delete BEFORE DELETE ON claim_state_history BEGIN SELECT RAISE(ABORT, 'the claim history is append-only'); END",
)
_TRIGGER_NAMES = (
    "encounters_finalized_no_update",
    "encounters_finalized_no_delete",
    "encounter_diagnoses_finalized_no_insert",
    "encounter_diagnoses_finalized_no_update",
    "encounter_diagnoses_finalized_no_delete",
    "service_lines_finalized_no_insert",
    "service_lines_finalized_no_update",
    "service_lines_finalized_no_delete",
    "claim_state_history_no_update",
    "claim_state_history_no_delete",
)


def upgrade() -> None:
    op.create_table(
        "fee_schedule",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("procedure", sa.String(length=5), nullable=False),
        sa.Column("modifier", sa.String(length=2), server_default="", nullable=False),
        sa.Column("charge_cents", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.CheckConstraint("charge_cents > 0", name=op.f("ck_fee_schedule_charge_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fee_schedule")),
    )
    with op.batch_alter_table("fee_schedule", schema=None) as batch_op:
        batch_op.create_index("ix_fee_schedule_procedure", ["procedure", "modifier"], unique=True)

    op.create_table(
        "patients",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("account_number", sa.String(length=16), nullable=False),
        sa.Column("last_name", sa.Text(), nullable=False),
        sa.Column("first_name", sa.Text(), nullable=False),
        sa.Column("middle_name", sa.Text(), server_default="", nullable=False),
        sa.Column("suffix", sa.String(length=3), server_default="", nullable=False),
        sa.Column("last_key", sa.Text(), nullable=False),
        sa.Column("first_key", sa.Text(), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=False),
        sa.Column("sex", sa.String(length=1), nullable=False),
        sa.Column("address_line1", sa.Text(), nullable=True),
        sa.Column("address_line2", sa.Text(), nullable=True),
        sa.Column("city", sa.Text(), nullable=True),
        sa.Column("state", sa.String(length=2), nullable=True),
        sa.Column("zip_code", sa.String(length=9), nullable=True),
        sa.Column("home_phone", sa.String(length=10), server_default="", nullable=False),
        sa.Column("cell_phone", sa.String(length=10), server_default="", nullable=False),
        sa.Column("work_phone", sa.String(length=10), server_default="", nullable=False),
        sa.Column("email", sa.Text(), server_default="", nullable=False),
        sa.Column("release_signed_on", sa.Date(), nullable=True),
        sa.Column("guarantor_last_name", sa.Text(), nullable=True),
        sa.Column("guarantor_first_name", sa.Text(), nullable=True),
        sa.Column("guarantor_relationship", sa.String(length=8), nullable=True),
        sa.Column("guarantor_address_line1", sa.Text(), nullable=True),
        sa.Column("guarantor_address_line2", sa.Text(), nullable=True),
        sa.Column("guarantor_city", sa.Text(), nullable=True),
        sa.Column("guarantor_state", sa.String(length=2), nullable=True),
        sa.Column("guarantor_zip_code", sa.String(length=9), nullable=True),
        sa.Column("guarantor_phone", sa.String(length=10), nullable=True),
        sa.Column("guarantor_date_of_birth", sa.Date(), nullable=True),
        sa.Column("guarantor_patient_id", sa.String(length=36), nullable=True),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.CheckConstraint("sex IN ('F', 'M', 'U')", name=op.f("ck_patients_sex")),
        sa.ForeignKeyConstraint(
            ["guarantor_patient_id"], ["patients.id"], name=op.f("fk_patients_guarantor_patient_id_patients")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patients")),
    )
    with op.batch_alter_table("patients", schema=None) as batch_op:
        batch_op.create_index("ix_patients_account_number", ["account_number"], unique=True)
        batch_op.create_index("ix_patients_date_of_birth", ["date_of_birth"], unique=False)
        batch_op.create_index("ix_patients_first_key", ["first_key"], unique=False)
        batch_op.create_index("ix_patients_name", ["last_key", "first_key", "date_of_birth"], unique=False)

    op.create_table(
        "payers",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("plan_type", sa.String(length=24), nullable=False),
        sa.Column("submission", sa.String(length=12), nullable=False),
        sa.Column("edi_id", sa.String(length=15), server_default="", nullable=False),
        sa.Column("address_line1", sa.Text(), nullable=True),
        sa.Column("address_line2", sa.Text(), nullable=True),
        sa.Column("city", sa.Text(), nullable=True),
        sa.Column("state", sa.String(length=2), nullable=True),
        sa.Column("zip_code", sa.String(length=9), nullable=True),
        sa.Column("timely_filing_days", sa.Integer(), nullable=False),
        sa.Column("requires_referring_provider", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("accept_assignment", sa.Boolean(), server_default="1", nullable=False),
        sa.Column("phone", sa.String(length=10), server_default="", nullable=False),
        sa.Column("active", sa.Boolean(), server_default="1", nullable=False),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.CheckConstraint("timely_filing_days BETWEEN 1 AND 1095", name=op.f("ck_payers_timely_filing_days")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payers")),
    )
    with op.batch_alter_table("payers", schema=None) as batch_op:
        batch_op.create_index("ix_payers_name", ["name"], unique=False)

    op.create_table(
        "providers",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("npi", sa.String(length=10), nullable=False),
        sa.Column("taxonomy", sa.String(length=10), nullable=False),
        sa.Column("last_name", sa.Text(), server_default="", nullable=False),
        sa.Column("first_name", sa.Text(), server_default="", nullable=False),
        sa.Column("middle_initial", sa.String(length=1), server_default="", nullable=False),
        sa.Column("organization_name", sa.Text(), server_default="", nullable=False),
        sa.Column("credentials", sa.Text(), server_default="", nullable=False),
        sa.Column("tax_id", sa.String(length=9), server_default="", nullable=False),
        sa.Column("tax_id_type", sa.String(length=3), server_default="EIN", nullable=False),
        sa.Column("address_line1", sa.Text(), nullable=True),
        sa.Column("address_line2", sa.Text(), nullable=True),
        sa.Column("city", sa.Text(), nullable=True),
        sa.Column("state", sa.String(length=2), nullable=True),
        sa.Column("zip_code", sa.String(length=9), nullable=True),
        sa.Column("phone", sa.String(length=10), server_default="", nullable=False),
        sa.Column("renders", sa.Boolean(), nullable=False),
        sa.Column("bills", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), server_default="1", nullable=False),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_providers")),
    )
    with op.batch_alter_table("providers", schema=None) as batch_op:
        batch_op.create_index("ix_providers_npi", ["npi"], unique=True)

    op.create_table(
        "referring_providers",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("last_name", sa.Text(), nullable=False),
        sa.Column("first_name", sa.Text(), nullable=False),
        sa.Column("middle_initial", sa.String(length=1), server_default="", nullable=False),
        sa.Column("credentials", sa.Text(), server_default="", nullable=False),
        sa.Column("npi", sa.String(length=10), nullable=False),
        sa.Column("qualifier", sa.String(length=2), nullable=False),
        sa.Column("active", sa.Boolean(), server_default="1", nullable=False),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referring_providers")),
    )
    with op.batch_alter_table("referring_providers", schema=None) as batch_op:
        batch_op.create_index("ix_referring_providers_npi", ["npi"], unique=False)

    op.create_table(
        "service_facilities",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("address_line1", sa.Text(), nullable=False),
        sa.Column("address_line2", sa.Text(), server_default="", nullable=False),
        sa.Column("city", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=2), nullable=False),
        sa.Column("zip_code", sa.String(length=9), nullable=False),
        sa.Column("npi", sa.String(length=10), server_default="", nullable=False),
        sa.Column("place_of_service", sa.String(length=2), server_default="", nullable=False),
        sa.Column("active", sa.Boolean(), server_default="1", nullable=False),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_facilities")),
    )
    op.create_table(
        "coverages",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("patient_id", sa.String(length=36), nullable=False),
        sa.Column("payer_id", sa.String(length=36), nullable=False),
        sa.Column("rank", sa.String(length=9), nullable=False),
        sa.Column("member_id", sa.String(length=30), nullable=False),
        sa.Column("group_number", sa.String(length=30), server_default="", nullable=False),
        sa.Column("relationship", sa.String(length=8), nullable=False),
        sa.Column("subscriber_last_name", sa.Text(), nullable=True),
        sa.Column("subscriber_first_name", sa.Text(), nullable=True),
        sa.Column("subscriber_middle_name", sa.Text(), nullable=True),
        sa.Column("subscriber_date_of_birth", sa.Date(), nullable=True),
        sa.Column("subscriber_sex", sa.String(length=1), nullable=True),
        sa.Column("subscriber_address_line1", sa.Text(), nullable=True),
        sa.Column("subscriber_address_line2", sa.Text(), nullable=True),
        sa.Column("subscriber_city", sa.Text(), nullable=True),
        sa.Column("subscriber_state", sa.String(length=2), nullable=True),
        sa.Column("subscriber_zip_code", sa.String(length=9), nullable=True),
        sa.Column("subscriber_phone", sa.String(length=10), nullable=True),
        sa.Column("effective_from", sa.Date(), nullable=True),
        sa.Column("effective_to", sa.Date(), nullable=True),
        sa.Column("copay_cents", sa.Integer(), server_default="0", nullable=False),
        sa.Column("plan_name", sa.Text(), server_default="", nullable=False),
        sa.Column("benefits_assigned", sa.Boolean(), server_default="1", nullable=False),
        sa.Column("removed_at", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.CheckConstraint("rank IN ('primary', 'secondary', 'tertiary')", name=op.f("ck_coverages_rank")),
        sa.CheckConstraint("copay_cents >= 0", name=op.f("ck_coverages_copay_not_negative")),
        sa.ForeignKeyConstraint(["patient_id"], ["patients.id"], name=op.f("fk_coverages_patient_id_patients")),
        sa.ForeignKeyConstraint(["payer_id"], ["payers.id"], name=op.f("fk_coverages_payer_id_payers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coverages")),
    )
    with op.batch_alter_table("coverages", schema=None) as batch_op:
        batch_op.create_index("ix_coverages_patient_id", ["patient_id"], unique=False)

    op.create_table(
        "encounters",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("patient_id", sa.String(length=36), nullable=False),
        sa.Column("date_of_service", sa.Date(), nullable=True),
        sa.Column("rendering_provider_id", sa.String(length=36), nullable=True),
        sa.Column("billing_provider_id", sa.String(length=36), nullable=True),
        sa.Column("facility_id", sa.String(length=36), nullable=True),
        sa.Column("place_of_service", sa.String(length=2), server_default="", nullable=False),
        sa.Column("referring_provider_id", sa.String(length=36), nullable=True),
        sa.Column("prior_authorization", sa.Text(), server_default="", nullable=False),
        sa.Column("current_illness_qualifier", sa.String(length=3), nullable=True),
        sa.Column("current_illness_on", sa.Date(), nullable=True),
        sa.Column("other_date_qualifier", sa.String(length=3), nullable=True),
        sa.Column("other_date_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.Column("finalized_at", sa.Text(), nullable=True),
        sa.Column("finalized_by", sa.Text(), nullable=True),
        sa.CheckConstraint("status IN ('draft', 'finalized')", name=op.f("ck_encounters_status")),
        sa.ForeignKeyConstraint(
            ["billing_provider_id"], ["providers.id"], name=op.f("fk_encounters_billing_provider_id_providers")
        ),
        sa.ForeignKeyConstraint(
            ["facility_id"], ["service_facilities.id"], name=op.f("fk_encounters_facility_id_service_facilities")
        ),
        sa.ForeignKeyConstraint(["patient_id"], ["patients.id"], name=op.f("fk_encounters_patient_id_patients")),
        sa.ForeignKeyConstraint(
            ["referring_provider_id"],
            ["referring_providers.id"],
            name=op.f("fk_encounters_referring_provider_id_referring_providers"),
        ),
        sa.ForeignKeyConstraint(
            ["rendering_provider_id"], ["providers.id"], name=op.f("fk_encounters_rendering_provider_id_providers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_encounters")),
    )
    with op.batch_alter_table("encounters", schema=None) as batch_op:
        batch_op.create_index("ix_encounters_patient_id", ["patient_id", "date_of_service"], unique=False)
        batch_op.create_index("ix_encounters_status", ["status"], unique=False)

    op.create_table(
        "patient_phones",
        sa.Column("digits", sa.String(length=10), nullable=False),
        sa.Column("patient_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(["patient_id"], ["patients.id"], name=op.f("fk_patient_phones_patient_id_patients")),
        sa.PrimaryKeyConstraint("digits", "patient_id", name=op.f("pk_patient_phones")),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("patient_phones", schema=None) as batch_op:
        batch_op.create_index("ix_patient_phones_patient_id", ["patient_id"], unique=False)

    op.create_table(
        "payer_allowed_amounts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("payer_id", sa.String(length=36), nullable=False),
        sa.Column("procedure", sa.String(length=5), nullable=False),
        sa.Column("modifier", sa.String(length=2), server_default="", nullable=False),
        sa.Column("allowed_cents", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.CheckConstraint("allowed_cents > 0", name=op.f("ck_payer_allowed_amounts_allowed_positive")),
        sa.ForeignKeyConstraint(["payer_id"], ["payers.id"], name=op.f("fk_payer_allowed_amounts_payer_id_payers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payer_allowed_amounts")),
    )
    with op.batch_alter_table("payer_allowed_amounts", schema=None) as batch_op:
        batch_op.create_index("ix_payer_allowed_amounts_payer", ["payer_id", "procedure", "modifier"], unique=True)

    op.create_table(
        "claims",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("claim_number", sa.String(length=16), nullable=False),
        sa.Column("encounter_id", sa.String(length=36), nullable=False),
        sa.Column("coverage_id", sa.String(length=36), nullable=False),
        sa.Column("payer_id", sa.String(length=36), nullable=False),
        sa.Column("rank", sa.String(length=9), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["coverage_id"], ["coverages.id"], name=op.f("fk_claims_coverage_id_coverages")),
        sa.ForeignKeyConstraint(["encounter_id"], ["encounters.id"], name=op.f("fk_claims_encounter_id_encounters")),
        sa.ForeignKeyConstraint(["payer_id"], ["payers.id"], name=op.f("fk_claims_payer_id_payers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
    )
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.create_index("ix_claims_claim_number", ["claim_number"], unique=True)
        batch_op.create_index("ix_claims_encounter_id", ["encounter_id"], unique=False)
        batch_op.create_index("ix_claims_status", ["status"], unique=False)

    op.create_table(
        "eligibility_checks",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("coverage_id", sa.String(length=36), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("checked_by", sa.Text(), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("copay_cents", sa.Integer(), nullable=True),
        sa.Column("deductible_remaining_cents", sa.Integer(), nullable=True),
        sa.Column("out_of_pocket_remaining_cents", sa.Integer(), nullable=True),
        sa.Column("reference_number", sa.Text(), server_default="", nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column("recorded_at", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["coverage_id"], ["coverages.id"], name=op.f("fk_eligibility_checks_coverage_id_coverages")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eligibility_checks")),
    )
    with op.batch_alter_table("eligibility_checks", schema=None) as batch_op:
        batch_op.create_index("ix_eligibility_checks_coverage_id", ["coverage_id", "checked_on"], unique=False)

    op.create_table(
        "encounter_diagnoses",
        sa.Column("encounter_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.CheckConstraint("position BETWEEN 1 AND 12", name=op.f("ck_encounter_diagnoses_position")),
        sa.ForeignKeyConstraint(
            ["encounter_id"], ["encounters.id"], name=op.f("fk_encounter_diagnoses_encounter_id_encounters")
        ),
        sa.PrimaryKeyConstraint("encounter_id", "position", name=op.f("pk_encounter_diagnoses")),
    )
    op.create_table(
        "patient_payments",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("receipt_number", sa.String(length=16), nullable=False),
        sa.Column("transaction_id", sa.String(length=36), nullable=False),
        sa.Column("patient_id", sa.String(length=36), nullable=False),
        sa.Column("encounter_id", sa.String(length=36), nullable=True),
        sa.Column("batch", sa.Text(), nullable=False),
        sa.Column("method", sa.String(length=5), nullable=False),
        sa.Column("reference", sa.Text(), server_default="", nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("applied_cents", sa.Integer(), nullable=False),
        sa.Column("credit_cents", sa.Integer(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("received_at", sa.Text(), nullable=False),
        sa.Column("received_by", sa.Text(), nullable=False),
        sa.CheckConstraint("method IN ('cash', 'check', 'card')", name=op.f("ck_patient_payments_method")),
        sa.CheckConstraint(
            "amount_cents > 0 AND applied_cents + credit_cents = amount_cents", name=op.f("ck_patient_payments_amounts")
        ),
        sa.ForeignKeyConstraint(
            ["encounter_id"], ["encounters.id"], name=op.f("fk_patient_payments_encounter_id_encounters")
        ),
        sa.ForeignKeyConstraint(["patient_id"], ["patients.id"], name=op.f("fk_patient_payments_patient_id_patients")),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["ledger_transactions.id"],
            name=op.f("fk_patient_payments_transaction_id_ledger_transactions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patient_payments")),
    )
    with op.batch_alter_table("patient_payments", schema=None) as batch_op:
        batch_op.create_index("ix_patient_payments_patient_id", ["patient_id", "received_on"], unique=False)
        batch_op.create_index("ix_patient_payments_receipt_number", ["receipt_number"], unique=True)

    op.create_table(
        "service_lines",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("encounter_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("procedure", sa.String(length=5), nullable=False),
        sa.Column("modifier_1", sa.String(length=2), server_default="", nullable=False),
        sa.Column("modifier_2", sa.String(length=2), server_default="", nullable=False),
        sa.Column("modifier_3", sa.String(length=2), server_default="", nullable=False),
        sa.Column("modifier_4", sa.String(length=2), server_default="", nullable=False),
        sa.Column("units", sa.Integer(), nullable=False),
        sa.Column("pointer_1", sa.Integer(), nullable=False),
        sa.Column("pointer_2", sa.Integer(), nullable=True),
        sa.Column("pointer_3", sa.Integer(), nullable=True),
        sa.Column("pointer_4", sa.Integer(), nullable=True),
        sa.Column("charge_cents", sa.Integer(), nullable=False),
        sa.Column("from_date", sa.Date(), nullable=True),
        sa.Column("to_date", sa.Date(), nullable=True),
        sa.Column("ndc", sa.String(length=11), server_default="", nullable=False),
        sa.Column("ndc_unit", sa.String(length=2), server_default="", nullable=False),
        sa.Column("ndc_quantity", sa.Text(), nullable=True),
        sa.CheckConstraint("charge_cents > 0", name=op.f("ck_service_lines_charge_positive")),
        sa.CheckConstraint("units BETWEEN 1 AND 999", name=op.f("ck_service_lines_units")),
        sa.ForeignKeyConstraint(
            ["encounter_id"], ["encounters.id"], name=op.f("fk_service_lines_encounter_id_encounters")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_lines")),
    )
    with op.batch_alter_table("service_lines", schema=None) as batch_op:
        batch_op.create_index("ix_service_lines_encounter_id", ["encounter_id", "position"], unique=True)

    op.create_table(
        "claim_state_history",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("claim_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.Text(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("from_status", sa.String(length=16), nullable=True),
        sa.Column("to_status", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name=op.f("fk_claim_state_history_claim_id_claims")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_state_history")),
    )
    with op.batch_alter_table("claim_state_history", schema=None) as batch_op:
        batch_op.create_index("ix_claim_state_history_claim_id", ["claim_id", "at"], unique=False)

    for sql in _TRIGGERS:
        op.execute(sql)


def downgrade() -> None:
    for name in _TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("claim_state_history", schema=None) as batch_op:
        batch_op.drop_index("ix_claim_state_history_claim_id")

    op.drop_table("claim_state_history")
    with op.batch_alter_table("service_lines", schema=None) as batch_op:
        batch_op.drop_index("ix_service_lines_encounter_id")

    op.drop_table("service_lines")
    with op.batch_alter_table("patient_payments", schema=None) as batch_op:
        batch_op.drop_index("ix_patient_payments_receipt_number")
        batch_op.drop_index("ix_patient_payments_patient_id")

    op.drop_table("patient_payments")
    op.drop_table("encounter_diagnoses")
    with op.batch_alter_table("eligibility_checks", schema=None) as batch_op:
        batch_op.drop_index("ix_eligibility_checks_coverage_id")

    op.drop_table("eligibility_checks")
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index("ix_claims_status")
        batch_op.drop_index("ix_claims_encounter_id")
        batch_op.drop_index("ix_claims_claim_number")

    op.drop_table("claims")
    with op.batch_alter_table("payer_allowed_amounts", schema=None) as batch_op:
        batch_op.drop_index("ix_payer_allowed_amounts_payer")

    op.drop_table("payer_allowed_amounts")
    with op.batch_alter_table("patient_phones", schema=None) as batch_op:
        batch_op.drop_index("ix_patient_phones_patient_id")

    op.drop_table("patient_phones")
    with op.batch_alter_table("encounters", schema=None) as batch_op:
        batch_op.drop_index("ix_encounters_status")
        batch_op.drop_index("ix_encounters_patient_id")

    op.drop_table("encounters")
    with op.batch_alter_table("coverages", schema=None) as batch_op:
        batch_op.drop_index("ix_coverages_patient_id")

    op.drop_table("coverages")
    op.drop_table("service_facilities")
    with op.batch_alter_table("referring_providers", schema=None) as batch_op:
        batch_op.drop_index("ix_referring_providers_npi")

    op.drop_table("referring_providers")
    with op.batch_alter_table("providers", schema=None) as batch_op:
        batch_op.drop_index("ix_providers_npi")

    op.drop_table("providers")
    with op.batch_alter_table("payers", schema=None) as batch_op:
        batch_op.drop_index("ix_payers_name")

    op.drop_table("payers")
    with op.batch_alter_table("patients", schema=None) as batch_op:
        batch_op.drop_index("ix_patients_name")
        batch_op.drop_index("ix_patients_first_key")
        batch_op.drop_index("ix_patients_date_of_birth")
        batch_op.drop_index("ix_patients_account_number")

    op.drop_table("patients")
    with op.batch_alter_table("fee_schedule", schema=None) as batch_op:
        batch_op.drop_index("ix_fee_schedule_procedure")

    op.drop_table("fee_schedule")
