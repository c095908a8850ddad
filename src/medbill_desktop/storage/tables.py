"""The workstation's tables (SQLAlchemy Core). Migrations under migrations/ create them; this module is
what the code queries. Money columns are INTEGER cents; ids are UUIDv7 text; timestamps are ISO-8601 UTC."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    text,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

practice = Table(
    "practice", metadata,
    Column("id", String(36), primary_key=True),
    Column("name", Text, nullable=False),
    Column("npi", String(10), nullable=False),
    Column("tax_id", String(9), nullable=False),
    Column("taxonomy", String(10), nullable=False),
    Column("address_line1", Text, nullable=False),
    Column("address_line2", Text, nullable=False, server_default=""),
    Column("city", Text, nullable=False),
    Column("state", String(2), nullable=False),
    Column("zip_code", String(9), nullable=False),
    Column("phone", String(10), nullable=False),
    Column("updated_at", Text, nullable=False),
)

settings = Table(
    "settings", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),  # JSON
)

workstation = Table(
    "workstation", metadata,
    Column("id", String(36), primary_key=True),
    Column("prefix", String(4), nullable=False),
    Column("name", Text, nullable=False),
    Column("created_at", Text, nullable=False),
)

counters = Table(
    "counters", metadata,
    Column("name", String(32), primary_key=True),
    Column("next_value", Integer, nullable=False),
)

users = Table(
    "users", metadata,
    Column("id", String(36), primary_key=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("full_name", Text, nullable=False),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("active", Boolean, nullable=False, server_default="1"),
    Column("failed_attempts", Integer, nullable=False, server_default="0"),
    Column("locked_until", Text),
    Column("created_at", Text, nullable=False),
    CheckConstraint("role IN ('front_desk', 'biller', 'manager')", name="role"),
)

audit_log = Table(
    "audit_log", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", Text, nullable=False),
    Column("actor", Text, nullable=False),
    Column("action", String(32), nullable=False),
    Column("entity", String(64), nullable=False),
    Column("entity_id", Text, nullable=False),
    Column("detail", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

ledger_accounts = Table(
    "ledger_accounts", metadata,
    Column("id", String(36), primary_key=True),
    Column("code", Text, nullable=False, unique=True),
    Column("kind", String(24), nullable=False),
    Column("patient_account", String(36), index=True),
)

ledger_transactions = Table(
    "ledger_transactions", metadata,
    Column("id", String(36), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("occurred_on", Date, nullable=False),
    Column("posted_at", Text, nullable=False),
    Column("actor", Text, nullable=False),
    Column("memo", Text, nullable=False, server_default=""),
    Column("source_key", Text, unique=True),
    Column("reverses", String(36), ForeignKey("ledger_transactions.id"), unique=True),
    CheckConstraint("(kind = 'reversal') = (reverses IS NOT NULL)", name="reversal_names_original"),
)

ledger_postings = Table(
    "ledger_postings", metadata,
    Column("id", String(36), primary_key=True),
    # Postings are written first and their transaction row last: the row's insert trigger checks the
    # whole transaction, so the foreign key is checked at commit.
    Column("transaction_id", String(36),
           ForeignKey("ledger_transactions.id", deferrable=True, initially="DEFERRED"), nullable=False),
    Column("account_id", String(36), ForeignKey("ledger_accounts.id"), nullable=False),
    Column("amount_cents", Integer, nullable=False),
    CheckConstraint("amount_cents <> 0", name="nonzero"),
    Index("ix_ledger_postings_account", "account_id", "amount_cents"),
    Index("ix_ledger_postings_transaction", "transaction_id"),
)

outbox = Table(
    "outbox", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(36), nullable=False, unique=True),
    Column("created_at", Text, nullable=False),
    Column("event", String(64), nullable=False),
    Column("entity", String(64), nullable=False),
    Column("entity_id", String(36), nullable=False),
    Column("payload", Text, nullable=False),
    Column("sent_at", Text),
)

# Triggers: the ledger and the audit log are append-only, and every transaction balances.
TRIGGERS: tuple[tuple[str, str], ...] = tuple(
    (f"{table}_no_{verb}", f"CREATE TRIGGER {table}_no_{verb} BEFORE {verb.upper()} ON {table} "
     f"BEGIN SELECT RAISE(ABORT, '{what} are never {done}; post a reversal instead'); END")
    for table, what in (("ledger_postings", "posted ledger entries"),
                        ("ledger_transactions", "posted ledger transactions"))
    for verb, done in (("update", "edited"), ("delete", "deleted"))
) + tuple(
    (f"audit_log_no_{verb}", f"CREATE TRIGGER audit_log_no_{verb} BEFORE {verb.upper()} ON audit_log "
     f"BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")
    for verb in ("update", "delete")
) + (
    ("ledger_postings_closed",
     "CREATE TRIGGER ledger_postings_closed BEFORE INSERT ON ledger_postings "
     "WHEN EXISTS (SELECT 1 FROM ledger_transactions WHERE id = NEW.transaction_id) "
     "BEGIN SELECT RAISE(ABORT, 'a posted transaction cannot take more postings'); END"),
    # one pass over the postings counts and sums them (migration 0010)
    ("ledger_transactions_balanced",
     "CREATE TRIGGER ledger_transactions_balanced AFTER INSERT ON ledger_transactions "
     "WHEN (SELECT COUNT(*) < 2 OR SUM(amount_cents) <> 0 FROM ledger_postings WHERE transaction_id = NEW.id) "
     "BEGIN SELECT RAISE(ABORT, 'a ledger transaction needs two or more postings that sum to zero'); END"),
    # The CASE makes SQLite look at the account's kind before summing its postings (migration 0007): summed
    # first, every charge summed all of gross charges and every payment all of its batch.
    ("ledger_receivable_not_negative",
     "CREATE TRIGGER ledger_receivable_not_negative AFTER INSERT ON ledger_transactions "
     "WHEN EXISTS (SELECT 1 FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id "
     "WHERE p.transaction_id = NEW.id AND CASE WHEN a.kind = 'receivable' "
     "THEN (SELECT SUM(q.amount_cents) FROM ledger_postings q WHERE q.account_id = p.account_id) < 0 ELSE 0 END) "
     "BEGIN SELECT RAISE(ABORT, 'a receivable cannot go below zero; put the excess on patient credit'); END"),
)

# ---------------------------------------------------------------------------------------------------
# Code sets (storage/codes_store.py; migration 0002). Codes are stored as they go on a claim: upper
# case, no dot. Two FTS5 indexes sit beside these tables (SQLAlchemy does not model virtual tables):
#   icd10_fts(code, terms)                  rowid = icd10_codes.search_rank
#   code_entries_fts(set_name, code, terms) rowid = code_entries.id
# The words of icd10_fts are read through a per-connection temp.icd10_vocab (fts5vocab) table.
# Both are contentless ("terms" is the description with apostrophes dropped) and rebuilt by
# codes_store whenever their table is loaded.
# ---------------------------------------------------------------------------------------------------

codeset_versions = Table(
    "codeset_versions", metadata,
    Column("set_name", String(16), primary_key=True),
    Column("version", Text, nullable=False),
    Column("row_count", Integer, nullable=False),
    Column("loaded_at", Text, nullable=False),
)

icd10_groups = Table(
    "icd10_groups", metadata,
    Column("id", String(16), primary_key=True),  # chapter "4" or block "E08-E13"
    Column("kind", String(8), nullable=False),
    Column("description", Text, nullable=False),
    Column("parent", String(16), nullable=False),
)

icd10_codes = Table(
    "icd10_codes", metadata,
    Column("code", String(8), primary_key=True),
    Column("display_code", String(9), nullable=False),
    Column("description", Text, nullable=False),
    Column("billable", Boolean, nullable=False),
    Column("kind", String(12), nullable=False),
    Column("parent", String(16), nullable=False),
    Column("chapter", String(4), nullable=False),
    Column("block", String(16), nullable=False),
    # billable first, shorter codes first, then tabular order; also the rowid in icd10_fts
    Column("search_rank", Integer, nullable=False, unique=True),
    sqlite_with_rowid=False,
)

code_entries = Table(
    "code_entries", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("set_name", String(16), nullable=False),
    Column("code", String(16), nullable=False),
    Column("description", Text, nullable=False),
    Column("long_description", Text, nullable=False, server_default=""),
    Column("effective_from", Date),
    Column("effective_to", Date),  # last day of use
    Column("source", String(16), nullable=False),  # shipped | cms | official | licensed (CPT file) | practice (by hand)
    Index("ix_code_entries_set_code", "set_name", "code", unique=True),
)

# ---------------------------------------------------------------------------------------------------
# Front desk and charge entry (issue 3; migration 0003; storage/reference_store.py, patients_store.py,
# encounters_store.py, accounts_store.py). Reference data (providers, referring providers, facilities,
# payers, the fee schedule and payers' allowed amounts), patients with their guarantor and coverages,
# eligibility checks, encounters with their diagnoses and service lines, front-desk payments, and the
# draft claims finalizing an encounter makes (the claims issue extends `claims`).
# An address is five columns; where it is optional, it is absent when address_line1 is NULL.
# ---------------------------------------------------------------------------------------------------


def _address_columns(prefix: str = "", *, nullable: bool = True) -> list[Column[str]]:
    def name(part: str) -> str:
        return f"{prefix}_{part}" if prefix else part

    if nullable:
        return [Column(name("address_line1"), Text), Column(name("address_line2"), Text),
                Column(name("city"), Text), Column(name("state"), String(2)), Column(name("zip_code"), String(9))]
    return [Column(name("address_line1"), Text, nullable=False),
            Column(name("address_line2"), Text, nullable=False, server_default=""),
            Column(name("city"), Text, nullable=False), Column(name("state"), String(2), nullable=False),
            Column(name("zip_code"), String(9), nullable=False)]


providers = Table(
    "providers", metadata,
    Column("id", String(36), primary_key=True),
    Column("npi", String(10), nullable=False),
    Column("taxonomy", String(10), nullable=False),
    Column("last_name", Text, nullable=False, server_default=""),
    Column("first_name", Text, nullable=False, server_default=""),
    Column("middle_initial", String(1), nullable=False, server_default=""),
    Column("organization_name", Text, nullable=False, server_default=""),
    Column("credentials", Text, nullable=False, server_default=""),
    Column("tax_id", String(9), nullable=False, server_default=""),
    Column("tax_id_type", String(3), nullable=False, server_default="EIN"),
    *_address_columns(),
    Column("phone", String(10), nullable=False, server_default=""),
    Column("renders", Boolean, nullable=False),
    Column("bills", Boolean, nullable=False),
    Column("active", Boolean, nullable=False, server_default="1"),
    Column("updated_at", Text, nullable=False),
    Index("ix_providers_npi", "npi", unique=True),
)

referring_providers = Table(
    "referring_providers", metadata,
    Column("id", String(36), primary_key=True),
    Column("last_name", Text, nullable=False),
    Column("first_name", Text, nullable=False),
    Column("middle_initial", String(1), nullable=False, server_default=""),
    Column("credentials", Text, nullable=False, server_default=""),
    Column("npi", String(10), nullable=False),
    Column("qualifier", String(2), nullable=False),
    Column("active", Boolean, nullable=False, server_default="1"),
    Column("updated_at", Text, nullable=False),
    Index("ix_referring_providers_npi", "npi"),
)

service_facilities = Table(
    "service_facilities", metadata,
    Column("id", String(36), primary_key=True),
    Column("name", Text, nullable=False),
    *_address_columns(nullable=False),
    Column("npi", String(10), nullable=False, server_default=""),
    Column("place_of_service", String(2), nullable=False, server_default=""),
    Column("active", Boolean, nullable=False, server_default="1"),
    Column("updated_at", Text, nullable=False),
)

payers = Table(
    "payers", metadata,
    Column("id", String(36), primary_key=True),
    Column("name", Text, nullable=False),
    Column("plan_type", String(24), nullable=False),
    Column("submission", String(12), nullable=False),
    Column("edi_id", String(15), nullable=False, server_default=""),
    *_address_columns(),
    Column("timely_filing_days", Integer, nullable=False),
    Column("requires_referring_provider", Boolean, nullable=False, server_default="0"),
    Column("accept_assignment", Boolean, nullable=False, server_default="1"),
    Column("phone", String(10), nullable=False, server_default=""),
    Column("active", Boolean, nullable=False, server_default="1"),
    Column("updated_at", Text, nullable=False),
    CheckConstraint("timely_filing_days BETWEEN 1 AND 1095", name="timely_filing_days"),
    Index("ix_payers_name", "name"),
)

fee_schedule = Table(
    "fee_schedule", metadata,
    Column("id", String(36), primary_key=True),
    Column("procedure", String(5), nullable=False),
    Column("modifier", String(2), nullable=False, server_default=""),
    Column("charge_cents", Integer, nullable=False),  # per unit
    Column("updated_at", Text, nullable=False),
    CheckConstraint("charge_cents > 0", name="charge_positive"),
    Index("ix_fee_schedule_procedure", "procedure", "modifier", unique=True),
)

payer_allowed_amounts = Table(
    "payer_allowed_amounts", metadata,
    Column("id", String(36), primary_key=True),
    Column("payer_id", String(36), ForeignKey("payers.id"), nullable=False),
    Column("procedure", String(5), nullable=False),
    Column("modifier", String(2), nullable=False, server_default=""),
    Column("allowed_cents", Integer, nullable=False),  # per unit
    Column("updated_at", Text, nullable=False),
    CheckConstraint("allowed_cents > 0", name="allowed_positive"),
    Index("ix_payer_allowed_amounts_payer", "payer_id", "procedure", "modifier", unique=True),
)

patients = Table(
    "patients", metadata,
    Column("id", String(36), primary_key=True),
    Column("account_number", String(16), nullable=False),
    Column("last_name", Text, nullable=False),
    Column("first_name", Text, nullable=False),
    Column("middle_name", Text, nullable=False, server_default=""),
    Column("suffix", String(3), nullable=False, server_default=""),
    Column("last_key", Text, nullable=False),  # domain.names.name_key: what the search box matches
    Column("first_key", Text, nullable=False),
    Column("date_of_birth", Date, nullable=False),
    Column("sex", String(1), nullable=False),
    *_address_columns(),
    Column("home_phone", String(10), nullable=False, server_default=""),
    Column("cell_phone", String(10), nullable=False, server_default=""),
    Column("work_phone", String(10), nullable=False, server_default=""),
    Column("email", Text, nullable=False, server_default=""),
    Column("release_signed_on", Date),
    # the guarantor, when it is not the patient (absent when guarantor_last_name is NULL)
    Column("guarantor_last_name", Text),
    Column("guarantor_first_name", Text),
    Column("guarantor_relationship", String(8)),
    *_address_columns("guarantor"),
    Column("guarantor_phone", String(10)),
    Column("guarantor_date_of_birth", Date),
    Column("guarantor_patient_id", String(36), ForeignKey("patients.id")),
    Column("created_at", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
    CheckConstraint("sex IN ('F', 'M', 'U')", name="sex"),
    Index("ix_patients_account_number", "account_number", unique=True),
    Index("ix_patients_name", "last_key", "first_key", "date_of_birth"),  # the search list's order
    Index("ix_patients_first_key", "first_key"),
    Index("ix_patients_date_of_birth", "date_of_birth"),
)

# Search keys for phone numbers: each number's 10 digits, its 7-digit local number and its last 4 digits,
# so typed digits match as a prefix of any of them through the primary key (no scan).
patient_phones = Table(
    "patient_phones", metadata,
    Column("digits", String(10), primary_key=True),
    Column("patient_id", String(36), ForeignKey("patients.id"), primary_key=True),
    Index("ix_patient_phones_patient_id", "patient_id"),
    sqlite_with_rowid=False,
)

coverages = Table(
    "coverages", metadata,
    Column("id", String(36), primary_key=True),
    Column("patient_id", String(36), ForeignKey("patients.id"), nullable=False),
    Column("payer_id", String(36), ForeignKey("payers.id"), nullable=False),
    Column("rank", String(9), nullable=False),
    Column("member_id", String(30), nullable=False),
    Column("group_number", String(30), nullable=False, server_default=""),
    Column("relationship", String(8), nullable=False),
    Column("subscriber_last_name", Text),  # the subscriber, when it is not the patient
    Column("subscriber_first_name", Text),
    Column("subscriber_middle_name", Text),
    Column("subscriber_date_of_birth", Date),
    Column("subscriber_sex", String(1)),
    *_address_columns("subscriber"),
    Column("subscriber_phone", String(10)),
    Column("effective_from", Date),
    Column("effective_to", Date),
    Column("copay_cents", Integer, nullable=False, server_default="0"),
    Column("plan_name", Text, nullable=False, server_default=""),
    Column("benefits_assigned", Boolean, nullable=False, server_default="1"),
    Column("removed_at", Text),  # removed from the patient's coverages; kept for its claims and checks
    Column("updated_at", Text, nullable=False),
    CheckConstraint("rank IN ('primary', 'secondary', 'tertiary')", name="rank"),
    CheckConstraint("copay_cents >= 0", name="copay_not_negative"),
    Index("ix_coverages_patient_id", "patient_id"),
)

eligibility_checks = Table(
    "eligibility_checks", metadata,
    Column("id", String(36), primary_key=True),
    Column("coverage_id", String(36), ForeignKey("coverages.id"), nullable=False),
    Column("checked_on", Date, nullable=False),
    Column("checked_by", Text, nullable=False),
    Column("method", String(10), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("copay_cents", Integer),
    Column("deductible_remaining_cents", Integer),
    Column("out_of_pocket_remaining_cents", Integer),
    Column("reference_number", Text, nullable=False, server_default=""),
    Column("note", Text, nullable=False, server_default=""),
    Column("recorded_at", Text, nullable=False),
    Column("recorded_by", Text, nullable=False),
    Index("ix_eligibility_checks_coverage_id", "coverage_id", "checked_on"),
)

encounters = Table(
    "encounters", metadata,
    Column("id", String(36), primary_key=True),
    Column("patient_id", String(36), ForeignKey("patients.id"), nullable=False),
    Column("date_of_service", Date),
    Column("rendering_provider_id", String(36), ForeignKey("providers.id")),
    Column("billing_provider_id", String(36), ForeignKey("providers.id")),
    Column("facility_id", String(36), ForeignKey("service_facilities.id")),
    Column("place_of_service", String(2), nullable=False, server_default=""),
    Column("referring_provider_id", String(36), ForeignKey("referring_providers.id")),
    Column("prior_authorization", Text, nullable=False, server_default=""),
    Column("current_illness_qualifier", String(3)),  # item 14
    Column("current_illness_on", Date),
    Column("other_date_qualifier", String(3)),  # item 15
    Column("other_date_on", Date),
    Column("status", String(10), nullable=False),
    Column("created_at", Text, nullable=False),
    Column("created_by", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
    Column("finalized_at", Text),
    Column("finalized_by", Text),
    CheckConstraint("status IN ('draft', 'finalized')", name="status"),
    Index("ix_encounters_patient_id", "patient_id", "date_of_service"),
    Index("ix_encounters_status", "status"),
)

encounter_diagnoses = Table(
    "encounter_diagnoses", metadata,
    Column("encounter_id", String(36), ForeignKey("encounters.id"), primary_key=True),
    Column("position", Integer, primary_key=True),  # 1 = A
    Column("code", String(8), nullable=False),  # ICD-10-CM without the dot
    CheckConstraint("position BETWEEN 1 AND 12", name="position"),
)

service_lines = Table(
    "service_lines", metadata,
    Column("id", String(36), primary_key=True),  # also the ref of the line's receivable accounts
    Column("encounter_id", String(36), ForeignKey("encounters.id"), nullable=False),
    Column("position", Integer, nullable=False),  # 1-based
    Column("procedure", String(5), nullable=False),
    Column("modifier_1", String(2), nullable=False, server_default=""),
    Column("modifier_2", String(2), nullable=False, server_default=""),
    Column("modifier_3", String(2), nullable=False, server_default=""),
    Column("modifier_4", String(2), nullable=False, server_default=""),
    Column("units", Integer, nullable=False),
    Column("pointer_1", Integer, nullable=False),
    Column("pointer_2", Integer),
    Column("pointer_3", Integer),
    Column("pointer_4", Integer),
    Column("charge_cents", Integer, nullable=False),  # the line's charge for all its units
    Column("from_date", Date),
    Column("to_date", Date),
    Column("ndc", String(11), nullable=False, server_default=""),
    Column("ndc_unit", String(2), nullable=False, server_default=""),
    Column("ndc_quantity", Text),  # a decimal as text, up to 3 places
    CheckConstraint("units BETWEEN 1 AND 999", name="units"),
    CheckConstraint("charge_cents > 0", name="charge_positive"),
    Index("ix_service_lines_encounter_id", "encounter_id", "position", unique=True),
)

patient_payments = Table(
    "patient_payments", metadata,
    Column("id", String(36), primary_key=True),
    Column("receipt_number", String(16), nullable=False),  # services.numbers: prefix + counter
    Column("transaction_id", String(36), ForeignKey("ledger_transactions.id"), nullable=False),
    Column("patient_id", String(36), ForeignKey("patients.id"), nullable=False),
    Column("encounter_id", String(36), ForeignKey("encounters.id")),
    Column("batch", Text, nullable=False),  # the payment batch (the day's front-desk drawer)
    Column("method", String(5), nullable=False),
    Column("reference", Text, nullable=False, server_default=""),  # check number or card's last 4
    Column("amount_cents", Integer, nullable=False),
    Column("applied_cents", Integer, nullable=False),
    Column("credit_cents", Integer, nullable=False),
    Column("received_on", Date, nullable=False),
    Column("received_at", Text, nullable=False),
    Column("received_by", Text, nullable=False),
    CheckConstraint("method IN ('cash', 'check', 'card')", name="method"),
    CheckConstraint("amount_cents > 0 AND applied_cents + credit_cents = amount_cents", name="amounts"),
    Index("ix_patient_payments_patient_id", "patient_id", "received_on"),
    Index("ix_patient_payments_receipt_number", "receipt_number", unique=True),
)

claims = Table(
    "claims", metadata,
    Column("id", String(36), primary_key=True),
    Column("claim_number", String(16), nullable=False),
    Column("encounter_id", String(36), ForeignKey("encounters.id"), nullable=False),
    Column("coverage_id", String(36), ForeignKey("coverages.id"), nullable=False),
    Column("payer_id", String(36), ForeignKey("payers.id"), nullable=False),
    Column("rank", String(9), nullable=False),
    Column("status", String(16), nullable=False),
    Column("created_at", Text, nullable=False),
    Index("ix_claims_claim_number", "claim_number", unique=True),
    Index("ix_claims_encounter_id", "encounter_id"),
    Index("ix_claims_status", "status"),
)

claim_state_history = Table(
    "claim_state_history", metadata,
    Column("id", String(36), primary_key=True),
    Column("claim_id", String(36), ForeignKey("claims.id"), nullable=False),
    Column("at", Text, nullable=False),
    Column("actor", Text, nullable=False),
    Column("from_status", String(16)),  # NULL when the claim was created
    Column("to_status", String(16), nullable=False),
    Column("note", Text, nullable=False, server_default=""),
    Index("ix_claim_state_history_claim_id", "claim_id", "at"),
)

# A finalized encounter, its diagnoses and its lines are never changed again (its charges are posted);
# a claim's state history is append-only.
_FROZEN = "WHEN (SELECT status FROM encounters WHERE id = {row}.encounter_id) = 'finalized' "
FRONT_DESK_TRIGGERS: tuple[tuple[str, str], ...] = (
    ("encounters_finalized_no_update",
     "CREATE TRIGGER encounters_finalized_no_update BEFORE UPDATE ON encounters WHEN OLD.status = 'finalized' "
     "BEGIN SELECT RAISE(ABORT, 'a finalized encounter is never edited'); END"),
    ("encounters_finalized_no_delete",
     "CREATE TRIGGER encounters_finalized_no_delete BEFORE DELETE ON encounters WHEN OLD.status = 'finalized' "
     "BEGIN SELECT RAISE(ABORT, 'a finalized encounter is never deleted'); END"),
) + tuple(
    (f"{table}_finalized_no_{verb}",
     f"CREATE TRIGGER {table}_finalized_no_{verb} BEFORE {verb.upper()} ON {table} "
     + _FROZEN.format(row="NEW" if verb == "insert" else "OLD")
     + "BEGIN SELECT RAISE(ABORT, 'a finalized encounter is never edited'); END")
    for table in ("encounter_diagnoses", "service_lines")
    for verb in ("insert", "update", "delete")
) + tuple(
    (f"claim_state_history_no_{verb}",
     f"CREATE TRIGGER claim_state_history_no_{verb} BEFORE {verb.upper()} ON claim_state_history "
     "BEGIN SELECT RAISE(ABORT, 'the claim history is append-only'); END")
    for verb in ("update", "delete")
)

# --- claims lifecycle (migration 0004) -------------------------------------------------------------------------
claim_tracking = Table(
    "claim_tracking", metadata,  # one row per claim once anything beyond its status is recorded
    Column("claim_id", String(36), ForeignKey("claims.id"), primary_key=True),
    Column("frequency", String(1), nullable=False, server_default="1"),  # item 22 / CLM05-3: 1, 7, 8
    Column("original_reference", Text, nullable=False, server_default=""),  # item 22: payer's original claim no.
    Column("payer_claim_reference", Text, nullable=False, server_default=""),  # the payer's number for this claim
    Column("follow_up_on", Date),
    Column("updated_at", Text, nullable=False),
    CheckConstraint("frequency IN ('1', '7', '8')", name="frequency"),
    Index("ix_claim_tracking_follow_up_on", "follow_up_on"),
)

claim_notes = Table(
    "claim_notes", metadata,
    Column("id", String(36), primary_key=True),
    Column("claim_id", String(36), ForeignKey("claims.id"), nullable=False),
    Column("at", Text, nullable=False),
    Column("actor", Text, nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_claim_notes_claim_id", "claim_id", "at"),
)

claim_submissions = Table(
    "claim_submissions", metadata,
    Column("id", String(36), primary_key=True),
    Column("claim_id", String(36), ForeignKey("claims.id"), nullable=False),
    Column("at", Text, nullable=False),
    Column("actor", Text, nullable=False),
    Column("channel", String(8), nullable=False),
    Column("batch_id", String(36), nullable=False),  # one per PDF or 837P file
    Column("file_name", Text, nullable=False, server_default=""),
    Column("frequency", String(1), nullable=False, server_default="1"),
    Column("interchange_control", String(9)),  # ISA13, 837P only
    Column("group_control", String(9)),  # GS06
    Column("transaction_control", String(9)),  # ST02: what a 999 names
    CheckConstraint("channel IN ('print', '837p')", name="channel"),
    Index("ix_claim_submissions_claim_id", "claim_id", "at"),
    Index("ix_claim_submissions_transaction_control", "transaction_control"),
)

calibration_profiles = Table(
    "calibration_profiles", metadata,
    Column("id", String(36), primary_key=True),
    Column("name", Text, nullable=False),
    Column("x_offset_hundredths_in", Integer, nullable=False, server_default="0"),
    Column("y_offset_hundredths_in", Integer, nullable=False, server_default="0"),
    Column("scale", Float, nullable=False, server_default="1.0"),
    Column("nudges", Text, nullable=False, server_default="{}"),  # JSON {"24.charges": [dx, dy], ...}
    Column("updated_at", Text, nullable=False),
    Index("ix_calibration_profiles_name", "name", unique=True),
)

clearinghouse_settings = Table(
    "clearinghouse_settings", metadata,
    Column("id", String(16), primary_key=True),  # 'default'
    Column("settings", Text, nullable=False),  # JSON of edi.model.Clearinghouse's fields
    Column("usage", String(1), nullable=False, server_default="T"),  # ISA15: T test, P production
    Column("updated_at", Text, nullable=False),
    CheckConstraint("usage IN ('T', 'P')", name="usage"),
)

x12_control_numbers = Table(
    "x12_control_numbers", metadata,  # the next ISA13 / GS06 / ST02; only ever moves forward
    Column("name", String(16), primary_key=True),  # '837p'
    Column("interchange", Integer, nullable=False),
    Column("grp", Integer, nullable=False),
    Column("transaction", Integer, nullable=False),
    Column("updated_at", Text, nullable=False),
)

# --- payment posting (migration 0005) ----------------------------------------------------------------------------
# A payment batch is one check or EFT from a payer, keyed from a paper EOB or imported from an 835. It is
# written once, when it posts, with its adjudications; a reversal marks it reversed (its ledger transactions
# are reversed, never removed). `source_key` stops the same check being posted twice.
payment_batches = Table(
    "payment_batches", metadata,
    Column("id", String(36), primary_key=True),
    Column("batch_number", String(16), nullable=False, unique=True),
    Column("kind", String(8), nullable=False),  # domain.adjudication.BatchKind
    Column("payer_id", String(36), ForeignKey("payers.id"), nullable=False),
    Column("method", String(8), nullable=False),  # PaymentMethod
    Column("reference", Text, nullable=False),  # check number or EFT trace
    Column("check_date", Date, nullable=False),
    Column("deposit_date", Date),
    Column("amount_cents", Integer, nullable=False),
    Column("on_account_cents", Integer, nullable=False, server_default="0"),
    Column("on_account_reason", String(8), nullable=False, server_default=""),
    Column("source_key", Text, nullable=False, unique=True),
    Column("remittance_file_id", String(36), ForeignKey("remittance_files.id")),
    Column("status", String(10), nullable=False),  # posted | reversed
    Column("posted_at", Text, nullable=False),
    Column("posted_by", Text, nullable=False),
    Column("reversed_at", Text),
    Column("reversed_by", Text),
    Column("reversal_reason", Text, nullable=False, server_default=""),
    CheckConstraint("status IN ('posted', 'reversed')", name="status"),
    Index("ix_payment_batches_payer_id", "payer_id", "check_date"),
)

# An imported 835 file: the same bytes imported twice post nothing.
remittance_files = Table(
    "remittance_files", metadata,
    Column("id", String(36), primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("file_name", Text, nullable=False),
    Column("imported_at", Text, nullable=False),
    Column("imported_by", Text, nullable=False),
)

# What the payer decided about one claim in one batch. A CLP02=22 reversal is its own row (status_code 22)
# pointing at the adjudication it takes back.
claim_adjudications = Table(
    "claim_adjudications", metadata,
    Column("id", String(36), primary_key=True),
    Column("batch_id", String(36), ForeignKey("payment_batches.id"), nullable=False),
    Column("claim_id", String(36), ForeignKey("claims.id"), nullable=False),
    Column("position", Integer, nullable=False),  # order within the batch
    Column("status_code", String(2), nullable=False),  # CLP02
    Column("payer_claim_reference", Text, nullable=False, server_default=""),  # CLP07
    Column("billed_cents", Integer, nullable=False),
    Column("paid_cents", Integer, nullable=False),
    Column("patient_responsibility_cents", Integer, nullable=False),
    Column("outcome", String(16), nullable=False),  # paid | partially_paid | denied | reversal
    Column("next_step", String(10), nullable=False),  # NextStep
    Column("remarks", Text, nullable=False, server_default=""),  # space-separated RARC
    Column("reverses", String(36), ForeignKey("claim_adjudications.id")),
    Column("reversed_by", String(36), ForeignKey("claim_adjudications.id")),
    Index("ix_claim_adjudications_claim_id", "claim_id"),
    Index("ix_claim_adjudications_batch_id", "batch_id", "position"),
)

line_adjudications = Table(
    "line_adjudications", metadata,
    Column("id", String(36), primary_key=True),
    Column("claim_adjudication_id", String(36), ForeignKey("claim_adjudications.id"), nullable=False),
    Column("service_line_id", String(36), ForeignKey("service_lines.id"), nullable=False),
    Column("billed_cents", Integer, nullable=False),
    Column("allowed_cents", Integer),
    Column("paid_cents", Integer, nullable=False),
    Column("remarks", Text, nullable=False, server_default=""),
    Index("ix_line_adjudications_claim_adjudication_id", "claim_adjudication_id"),
    Index("ix_line_adjudications_service_line_id", "service_line_id"),
)

# CAS adjustments: per line, or per claim when line_adjudication_id is NULL. `posted` says whether it was
# written off in the ledger (a denied line's adjustments are recorded, not posted).
adjudication_adjustments = Table(
    "adjudication_adjustments", metadata,
    Column("id", String(36), primary_key=True),
    Column("claim_adjudication_id", String(36), ForeignKey("claim_adjudications.id"), nullable=False),
    Column("line_adjudication_id", String(36), ForeignKey("line_adjudications.id")),
    Column("group_code", String(2), nullable=False),
    Column("reason_code", String(5), nullable=False),
    Column("amount_cents", Integer, nullable=False),
    Column("quantity", Text, nullable=False, server_default=""),
    Column("posted", Boolean, nullable=False),
    Index("ix_adjudication_adjustments_claim_adjudication_id", "claim_adjudication_id"),
)

provider_adjustments = Table(
    "provider_adjustments", metadata,  # PLB
    Column("id", String(36), primary_key=True),
    Column("batch_id", String(36), ForeignKey("payment_batches.id"), nullable=False),
    Column("reason_code", String(3), nullable=False),
    Column("reference", Text, nullable=False, server_default=""),
    Column("amount_cents", Integer, nullable=False),
    Index("ix_provider_adjustments_batch_id", "batch_id"),
)

# Every ledger transaction a batch posted, in order: what a batch reversal reverses.
batch_transactions = Table(
    "batch_transactions", metadata,
    Column("transaction_id", String(36), ForeignKey("ledger_transactions.id"), primary_key=True),
    Column("batch_id", String(36), ForeignKey("payment_batches.id"), nullable=False),
    Column("claim_adjudication_id", String(36), ForeignKey("claim_adjudications.id")),
    Column("position", Integer, nullable=False),
    Index("ix_batch_transactions_batch_id", "batch_id", "position"),
)

# The denials queue: one row per denied claim adjudication until someone works it.
denials = Table(
    "denials", metadata,
    Column("id", String(36), primary_key=True),
    Column("claim_id", String(36), ForeignKey("claims.id"), nullable=False),
    Column("claim_adjudication_id", String(36), ForeignKey("claim_adjudications.id"), nullable=False),
    Column("payer_id", String(36), ForeignKey("payers.id"), nullable=False),
    Column("group_code", String(2), nullable=False),  # the first CO/OA/PI adjustment on a denied line
    Column("reason_code", String(5), nullable=False),
    Column("remarks", Text, nullable=False, server_default=""),
    Column("amount_cents", Integer, nullable=False),  # what the denied lines billed
    Column("denied_on", Date, nullable=False),  # the check date
    Column("status", String(16), nullable=False),  # open | resubmitted | appealed | written_off | to_patient
    Column("resolved_at", Text),
    Column("resolved_by", Text),
    Column("note", Text, nullable=False, server_default=""),
    CheckConstraint("status IN ('open', 'resubmitted', 'appealed', 'written_off', 'to_patient', 'reversed')",
                    name="status"),
    Index("ix_denials_status", "status", "denied_on"),
    Index("ix_denials_claim_id", "claim_id"),
)

# Money paid back to a patient out of their credit (refunds payable is settled by the check or card credit).
patient_refunds = Table(
    "patient_refunds", metadata,
    Column("id", String(36), primary_key=True),
    Column("patient_id", String(36), ForeignKey("patients.id"), nullable=False),
    Column("transaction_id", String(36), ForeignKey("ledger_transactions.id"), nullable=False),
    Column("amount_cents", Integer, nullable=False),
    Column("method", String(5), nullable=False),
    Column("reference", Text, nullable=False, server_default=""),
    Column("reason", Text, nullable=False),
    Column("refunded_on", Date, nullable=False),
    Column("refunded_at", Text, nullable=False),
    Column("refunded_by", Text, nullable=False),
    Index("ix_patient_refunds_patient_id", "patient_id"),
)

# What a payer decided is recorded once: adjudication lines, their adjustments, PLBs and the batch's list of
# transactions are never edited or deleted (a reversal adds rows).
PAYMENT_TRIGGERS: tuple[tuple[str, str], ...] = tuple(
    (f"{table}_no_{verb}",
     f"CREATE TRIGGER {table}_no_{verb} BEFORE {verb.upper()} ON {table} "
     "BEGIN SELECT RAISE(ABORT, 'a posted remittance is never edited; reverse the batch instead'); END")
    for table in ("line_adjudications", "adjudication_adjustments", "provider_adjustments", "batch_transactions")
    for verb in ("update", "delete")
)

# --- claim extras (migration 0006) -------------------------------------------------------------------------------
# What a claim form carries that charge entry does not record, per encounter (every claim of the encounter
# prints and sends them): condition related to (10a-c), claim codes (10d), other claim ID (11b, Y4), dates
# unable to work (16) and hospitalized (18), additional information (19), outside lab (20), the referring
# provider's other ID (17a) and attachments (PWK; JSON [{"report_type", "transmission", "control_number"}]).
claim_extras = Table(
    "claim_extras", metadata,
    Column("encounter_id", String(36), ForeignKey("encounters.id"), primary_key=True),
    Column("employment_related", Boolean, nullable=False, server_default="0"),
    Column("auto_accident", Boolean, nullable=False, server_default="0"),
    Column("auto_accident_state", String(2), nullable=False, server_default=""),
    Column("other_accident", Boolean, nullable=False, server_default="0"),
    Column("claim_codes", String(2), nullable=False, server_default=""),
    Column("other_claim_id", Text, nullable=False, server_default=""),
    Column("unable_to_work_from", Date),
    Column("unable_to_work_to", Date),
    Column("hospitalized_from", Date),
    Column("hospitalized_to", Date),
    Column("additional_info", Text, nullable=False, server_default=""),
    Column("outside_lab", Boolean, nullable=False, server_default="0"),
    Column("outside_lab_charges_cents", Integer),
    Column("referring_other_qualifier", String(2), nullable=False, server_default=""),
    Column("referring_other_id", Text, nullable=False, server_default=""),
    Column("attachments", Text, nullable=False, server_default="[]"),
    Column("updated_at", Text, nullable=False),
    Column("updated_by", Text, nullable=False),
    CheckConstraint("outside_lab_charges_cents IS NULL OR outside_lab_charges_cents >= 0",
                    name="outside_lab_charges"),
)

# --- statements, plans, collections (migration 0008) -------------------------------------------------------------
# A statement run is written once, when its statements were printed or saved (nothing is recorded for a preview
# or a cancelled print). Each statement keeps the data it was rendered from as JSON (`snapshot`,
# documents.statement.StatementData): a reprint renders that snapshot again and gives the same PDF (the run's
# sha256 is kept). Statements are keyed by guarantor (domain.statements.guarantor_key): 'patient:<id>' or
# 'person:<last>|<first>|<zip5>'. Runs, statements and their lines are never edited or deleted.
statement_runs = Table(
    "statement_runs", metadata,
    Column("id", String(36), primary_key=True),
    Column("run_number", String(16), nullable=False, unique=True),
    Column("as_of", Date, nullable=False),  # the statement date
    Column("created_at", Text, nullable=False),
    Column("created_by", Text, nullable=False),
    Column("sent_via", String(8), nullable=False),  # print | pdf | cli
    Column("destination", Text, nullable=False, server_default=""),  # printer name or file name
    Column("minimum_balance_cents", Integer, nullable=False),  # the rules the run was chosen by
    Column("days_between", Integer, nullable=False),
    Column("statement_count", Integer, nullable=False),
    Column("total_due_cents", Integer, nullable=False),
    Column("pdf_sha256", String(64), nullable=False),
    CheckConstraint("sent_via IN ('print', 'pdf', 'cli')", name="sent_via"),
    Index("ix_statement_runs_as_of", "as_of"),
)

statements = Table(
    "statements", metadata,
    Column("id", String(36), primary_key=True),
    Column("run_id", String(36), ForeignKey("statement_runs.id"), nullable=False),
    Column("position", Integer, nullable=False),  # order within the run's PDF
    Column("guarantor_key", Text, nullable=False),
    Column("guarantor_account", String(16), nullable=False),
    Column("guarantor_name", Text, nullable=False),
    Column("as_of", Date, nullable=False),
    Column("since", Date),  # activity after this day is itemised
    Column("amount_due_cents", Integer, nullable=False),
    Column("pending_insurance_cents", Integer, nullable=False),
    Column("credit_cents", Integer, nullable=False),
    Column("aged_current_cents", Integer, nullable=False),  # the amount due by age (after credit)
    Column("aged_31_60_cents", Integer, nullable=False),
    Column("aged_61_90_cents", Integer, nullable=False),
    Column("aged_91_120_cents", Integer, nullable=False),
    Column("aged_over_120_cents", Integer, nullable=False),
    Column("pay_now_cents", Integer, nullable=False),  # what the stub asks for (a plan's installment, or all)
    Column("dunning_level", String(20), nullable=False),
    Column("snapshot", Text, nullable=False),  # JSON of documents.statement.StatementData
    Column("snapshot_sha256", String(64), nullable=False),
    CheckConstraint("amount_due_cents >= 0", name="amount_due"),
    Index("ix_statements_guarantor_key", "guarantor_key", "as_of"),
    Index("ix_statements_run_id", "run_id", "position"),
)

statement_lines = Table(
    "statement_lines", metadata,  # what each statement itemised, queryable (the snapshot holds the words too)
    Column("id", String(36), primary_key=True),
    Column("statement_id", String(36), ForeignKey("statements.id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("kind", String(8), nullable=False),  # activity | visit
    Column("on_date", Date),  # activity: the entry's date; visit: the date of service
    Column("patient_id", String(36), ForeignKey("patients.id"), nullable=False),
    Column("encounter_id", String(36), ForeignKey("encounters.id")),
    Column("transaction_id", String(36), ForeignKey("ledger_transactions.id")),
    Column("description", Text, nullable=False),
    Column("charge_cents", Integer, nullable=False, server_default="0"),
    Column("credit_cents", Integer, nullable=False, server_default="0"),
    Column("pending_cents", Integer, nullable=False, server_default="0"),  # visit: pending with insurance
    Column("patient_cents", Integer, nullable=False, server_default="0"),  # visit: the patient's share
    CheckConstraint("kind IN ('activity', 'visit')", name="kind"),
    Index("ix_statement_lines_statement_id", "statement_id", "position"),
    Index("ix_statement_lines_encounter_id", "encounter_id"),
)

# A payment plan: an amount owed split into monthly installments (its schedule is written when it is made).
# Payments on the guarantor's accounts from starts_on count towards it (domain.statements.plan_standing).
payment_plans = Table(
    "payment_plans", metadata,
    Column("id", String(36), primary_key=True),
    Column("plan_number", String(16), nullable=False, unique=True),
    Column("guarantor_key", Text, nullable=False),
    Column("guarantor_account", String(16), nullable=False),
    Column("total_cents", Integer, nullable=False),
    Column("installment_cents", Integer, nullable=False),
    Column("day_of_month", Integer, nullable=False),
    Column("starts_on", Date, nullable=False),
    Column("first_due_on", Date, nullable=False),
    Column("status", String(10), nullable=False),  # active | completed | cancelled
    Column("note", Text, nullable=False, server_default=""),
    Column("created_at", Text, nullable=False),
    Column("created_by", Text, nullable=False),
    Column("ended_at", Text),
    Column("ended_by", Text),
    Column("end_reason", Text, nullable=False, server_default=""),
    CheckConstraint("status IN ('active', 'completed', 'cancelled')", name="status"),
    CheckConstraint("total_cents > 0 AND installment_cents > 0 AND installment_cents <= total_cents",
                    name="amounts"),
    CheckConstraint("day_of_month BETWEEN 1 AND 28", name="day_of_month"),
    Index("ix_payment_plans_guarantor_key", "guarantor_key", "status"),
)

payment_plan_installments = Table(
    "payment_plan_installments", metadata,
    Column("plan_id", String(36), ForeignKey("payment_plans.id"), primary_key=True),
    Column("number", Integer, primary_key=True),
    Column("due_on", Date, nullable=False),
    Column("amount_cents", Integer, nullable=False),
    CheckConstraint("amount_cents > 0", name="amount"),
)

# Holds keep a guarantor's statements back (until a date, or until released); a collections flag takes the
# account out of statement runs and onto the list exported for the agency. Released rows stay as history.
statement_holds = Table(
    "statement_holds", metadata,
    Column("id", String(36), primary_key=True),
    Column("guarantor_key", Text, nullable=False),
    Column("guarantor_account", String(16), nullable=False),
    Column("reason", Text, nullable=False),
    Column("hold_until", Date),  # NULL: until released
    Column("created_at", Text, nullable=False),
    Column("created_by", Text, nullable=False),
    Column("released_at", Text),
    Column("released_by", Text),
    Index("ix_statement_holds_guarantor_key", "guarantor_key", "released_at"),
)

collection_accounts = Table(
    "collection_accounts", metadata,
    Column("id", String(36), primary_key=True),
    Column("guarantor_key", Text, nullable=False),
    Column("guarantor_account", String(16), nullable=False),
    Column("reason", Text, nullable=False),
    Column("flagged_on", Date, nullable=False),
    Column("flagged_at", Text, nullable=False),
    Column("flagged_by", Text, nullable=False),
    Column("balance_cents", Integer, nullable=False),  # the amount due when flagged
    Column("agency", Text, nullable=False, server_default=""),
    Column("exported_at", Text),  # first put on an export for the agency
    Column("exported_by", Text),
    Column("released_at", Text),
    Column("released_by", Text),
    Column("release_reason", Text, nullable=False, server_default=""),
    Index("ix_collection_accounts_guarantor_key", "guarantor_key", "released_at"),
)

STATEMENT_TRIGGERS: tuple[tuple[str, str], ...] = tuple(
    (f"{table}_no_{verb}",
     f"CREATE TRIGGER {table}_no_{verb} BEFORE {verb.upper()} ON {table} "
     "BEGIN SELECT RAISE(ABORT, 'a statement sent is never changed; print a new one instead'); END")
    for table in ("statement_runs", "statements", "statement_lines")
    for verb in ("update", "delete")
)

# --- reports (migration 0009) ------------------------------------------------------------------------------------
# A projection of the ledger for the A/R reports (storage/reports_store.py), never written by anything else and
# never synced: brought up to date from the postings added since the last report (ledger_postings' rowid only
# grows: postings are never deleted), and rebuilt from all the postings when that mark no longer names the same
# posting (a database restored from a backup). Tests check it against sums of the postings.
# report_balances: the balance of every receivable and patient credit account, with its line's visit facts
# (frozen once the encounter is finalized); report_daily: money by the day it occurred and what it was.
report_balances = Table(
    "report_balances", metadata,
    Column("account_id", String(36), primary_key=True),  # ledger_accounts.id
    Column("kind", String(24), nullable=False),  # receivable | patient_credit
    Column("line_id", String(36)),  # receivable: its service line
    Column("party", String(9)),  # receivable: primary | secondary | tertiary | patient
    Column("patient_account", String(16)),
    Column("encounter_id", String(36)),  # NULL until the line is known (filled in at the next refresh)
    Column("date_of_service", Date),  # the line's own date, else its visit's
    Column("provider_id", String(36)),  # the visit's rendering provider
    Column("balance_cents", Integer, nullable=False),  # sum of the account's postings (debit positive)
    Index("ix_report_balances_open", "kind", "party", "encounter_id", "date_of_service", "provider_id",
          "patient_account", "balance_cents", sqlite_where=text("balance_cents <> 0")),
    Index("ix_report_balances_unplaced", "account_id",
          sqlite_where=text("kind = 'receivable' AND encounter_id IS NULL")),
    sqlite_with_rowid=False,
)

report_daily = Table(
    "report_daily", metadata,
    Column("day", Date, primary_key=True),  # the transaction's occurred_on
    Column("category", String(24), primary_key=True),  # domain.reports.MoneyCategory
    Column("cents", Integer, nullable=False),
    sqlite_with_rowid=False,
)

report_state = Table(
    "report_state", metadata,
    Column("name", String(32), primary_key=True),  # 'ledger'
    Column("last_rowid", Integer, nullable=False),  # the last posting (by rowid) in the projection
    Column("last_posting_id", String(36), nullable=False),  # ... and its id, to tell the rowids were not renumbered
    Column("refreshed_at", Text, nullable=False),
)

Index("ix_ledger_transactions_occurred_on", ledger_transactions.c.occurred_on)
# a visit's latest claim to a rank, read from the index alone (the aging report: one search per visit)
Index("ix_claims_encounter_rank", claims.c.encounter_id, claims.c.rank, claims.c.created_at, claims.c.id,
      claims.c.payer_id, claims.c.claim_number)
Index("ix_ledger_transactions_posted_at", ledger_transactions.c.posted_at)
