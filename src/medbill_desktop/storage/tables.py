"""The workstation's tables (SQLAlchemy Core). Migrations under migrations/ create them; this module is
what the code queries. Money columns are INTEGER cents; ids are UUIDv7 text; timestamps are ISO-8601 UTC."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
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
    ("ledger_transactions_balanced",
     "CREATE TRIGGER ledger_transactions_balanced AFTER INSERT ON ledger_transactions "
     "WHEN (SELECT COUNT(*) FROM ledger_postings WHERE transaction_id = NEW.id) < 2 "
     "OR (SELECT SUM(amount_cents) FROM ledger_postings WHERE transaction_id = NEW.id) <> 0 "
     "BEGIN SELECT RAISE(ABORT, 'a ledger transaction needs two or more postings that sum to zero'); END"),
    ("ledger_receivable_not_negative",
     "CREATE TRIGGER ledger_receivable_not_negative AFTER INSERT ON ledger_transactions "
     "WHEN EXISTS (SELECT 1 FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id "
     "WHERE p.transaction_id = NEW.id AND a.kind = 'receivable' "
     "AND (SELECT SUM(q.amount_cents) FROM ledger_postings q WHERE q.account_id = p.account_id) < 0) "
     "BEGIN SELECT RAISE(ABORT, 'a receivable cannot go below zero; put the excess on patient credit'); END"),
)

# ---------------------------------------------------------------------------------------------------
# Code sets (storage/codes_store.py; migration 0002). Codes are stored as they go on a claim: upper
# case, no dot. Two FTS5 indexes sit beside these tables (SQLAlchemy does not model virtual tables):
#   icd10_fts(code, terms)                  rowid = icd10_codes.search_rank
#   code_entries_fts(set_name, code, terms) rowid = code_entries.id
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
    Column("source", String(16), nullable=False),  # shipped | cms | practice | official
    Index("ix_code_entries_set_code", "set_name", "code", unique=True),
)
