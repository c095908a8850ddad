"""The practice server's tables (DESIGN §7).

Revision ID: s0001_server
Revises:
"""

from alembic import op

revision = "s0001_server"
down_revision = None
branch_labels = None
depends_on = None

SCHEMA = """
-- Secrets the server itself keeps (the key that signs access tokens). Never sent to anyone.
CREATE TABLE server_keys (
    name        text PRIMARY KEY,
    value       bytea NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- One row per practice. Every push takes it with UPDATE ... RETURNING first, so pushes of a practice
-- commit one after another and the change sequence has no gaps and follows commit order.
CREATE TABLE practice_clock (
    practice_id text PRIMARY KEY,
    last_seq    bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Enrolled workstations. Only a hash of the device token is kept.
CREATE TABLE devices (
    device_id      text PRIMARY KEY,
    practice_id    text NOT NULL REFERENCES practice_clock,
    name           text NOT NULL,
    token_hash     text NOT NULL UNIQUE,
    enrolled_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at   timestamptz,
    revoked_at     timestamptz,
    revoked_reason text
);

-- One-time enrolment codes an administrator hands to a new workstation (hashed; they expire).
CREATE TABLE enroll_codes (
    code_hash   text PRIMARY KEY,
    practice_id text NOT NULL REFERENCES practice_clock,
    label       text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    used_by     text REFERENCES devices
);

-- Every accepted change, in server order. Append-only.
CREATE TABLE change_log (
    practice_id   text NOT NULL REFERENCES practice_clock,
    seq           bigint NOT NULL,
    change_id     text NOT NULL,
    origin_device text NOT NULL REFERENCES devices,
    batch_id      text NOT NULL,
    entity        text NOT NULL,
    entity_id     text NOT NULL,
    event         text NOT NULL,
    data          jsonb NOT NULL,
    created_at    text NOT NULL,               -- the workstation's clock: shown, never used to order
    received_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (practice_id, seq),
    UNIQUE (practice_id, change_id)
);
CREATE INDEX ix_change_log_entity ON change_log (practice_id, entity, entity_id);

-- What became of every change id ever pushed: applied (it has a seq), duplicate (a ledger transaction whose
-- source key was already posted) or rejected. A change pushed again gets this status back.
CREATE TABLE applied_changes (
    practice_id  text NOT NULL REFERENCES practice_clock,
    change_id    text NOT NULL,
    device_id    text NOT NULL REFERENCES devices,
    batch_id     text NOT NULL,
    status       text NOT NULL CHECK (status IN ('applied', 'duplicate', 'rejected')),
    seq          bigint,
    message      text NOT NULL DEFAULT '',
    duplicate_of text,
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (practice_id, change_id),
    CHECK ((status = 'applied') = (seq IS NOT NULL))
);

-- The reply given to each push, by batch id: a batch sent again gets the same reply.
CREATE TABLE push_receipts (
    practice_id text NOT NULL REFERENCES practice_clock,
    batch_id    text NOT NULL,
    device_id   text NOT NULL REFERENCES devices,
    reply       jsonb NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (practice_id, batch_id)
);

-- The current state of each entity (the fields of its events merged in server order), for snapshots and
-- the per-field merge. field_seq: field -> [seq, device] of the change that last set it.
CREATE TABLE entity_state (
    practice_id text NOT NULL REFERENCES practice_clock,
    entity      text NOT NULL,
    entity_id   text NOT NULL,
    data        jsonb NOT NULL,
    field_seq   jsonb NOT NULL,
    deleted     boolean NOT NULL DEFAULT false,
    last_seq    bigint NOT NULL,
    PRIMARY KEY (practice_id, entity, entity_id)
);

-- The ledger as the server saw it: one row per posted transaction (a source key only once) and its postings,
-- for duplicate remittances and the totals compared at the end of every sync. Append-only.
CREATE TABLE ledger_transactions (
    practice_id text NOT NULL REFERENCES practice_clock,
    tx_id       text NOT NULL,
    seq         bigint NOT NULL,
    kind        text NOT NULL,
    source_key  text,
    reverses    text,
    PRIMARY KEY (practice_id, tx_id),
    UNIQUE (practice_id, source_key)
);
CREATE TABLE ledger_postings (
    practice_id     text NOT NULL,
    tx_id           text NOT NULL,
    account_code    text NOT NULL,
    patient_account text,
    amount_cents    bigint NOT NULL,
    FOREIGN KEY (practice_id, tx_id) REFERENCES ledger_transactions
);
CREATE INDEX ix_ledger_postings_account ON ledger_postings (practice_id, account_code);

-- A field written by one workstation and then overwritten by another that had not seen it: the later
-- arrival wins, the overwritten value is kept here for the conflict inbox (keep or restore).
CREATE TABLE conflicts (
    id                 bigserial PRIMARY KEY,
    practice_id        text NOT NULL REFERENCES practice_clock,
    seq                bigint NOT NULL,         -- the change that overwrote
    entity             text NOT NULL,
    entity_id          text NOT NULL,
    field              text NOT NULL,
    kept_value         jsonb,
    kept_device        text NOT NULL,
    overwritten_value  jsonb,
    overwritten_device text NOT NULL,
    overwritten_seq    bigint NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    resolved_at        timestamptz,
    resolution         text CHECK (resolution IN ('keep', 'restore')),
    resolved_by        text
);
CREATE INDEX ix_conflicts_open ON conflicts (practice_id) WHERE resolved_at IS NULL;

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are never updated or deleted', TG_TABLE_NAME;
END $$;
CREATE TRIGGER change_log_append_only BEFORE UPDATE OR DELETE ON change_log
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER ledger_postings_append_only BEFORE UPDATE OR DELETE ON ledger_postings
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
"""


def upgrade() -> None:
    op.execute(SCHEMA)


def downgrade() -> None:
    for table in ("conflicts", "ledger_postings", "ledger_transactions", "entity_state", "push_receipts",
                  "applied_changes", "change_log", "enroll_codes", "devices", "practice_clock", "server_keys"):
        op.execute(f"DROP TABLE IF EXISTS {table} CASCADE")
    op.execute("DROP FUNCTION IF EXISTS refuse_change()")
