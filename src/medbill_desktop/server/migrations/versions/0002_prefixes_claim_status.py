"""Workstation number prefixes assigned by the server, and each claim's status kept at the server.

- workstation_prefixes: the prefix each enrolled workstation numbers with (claims, batches, receipts...), the
  practice's next free one at enrolment. Rows are never changed or deleted, so a prefix is never given twice.
- Claim statuses: the server now keeps each claim's current status in its merged state (entity_state 'claim':
  data.status and field_seq.status, see server.claim_status). Claims already on the server get theirs from the
  change log, replayed in order as the workstations applied it.

Revision ID: s0002_prefixes_claim_status
Revises: s0001_server
"""

import json

import sqlalchemy as sa
from alembic import op

from medbill_desktop.server import claim_status

revision = "s0002_prefixes_claim_status"
down_revision = "s0001_server"
branch_labels = None
depends_on = None

SCHEMA = """
-- The number prefix the server gave each workstation at enrolment (n: the practice's n-th prefix).
CREATE TABLE workstation_prefixes (
    practice_id text NOT NULL REFERENCES practice_clock,
    n           integer NOT NULL CHECK (n >= 1),
    prefix      text NOT NULL,
    device_id   text NOT NULL UNIQUE REFERENCES devices,
    assigned_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (practice_id, n),
    UNIQUE (practice_id, prefix)
);
CREATE TRIGGER workstation_prefixes_never_reused BEFORE UPDATE OR DELETE ON workstation_prefixes
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
"""

_EVENTS = (claim_status.CREATED, claim_status.STATUS_CHANGED, claim_status.BATCH_POSTED,
           claim_status.BATCH_REVERSED, claim_status.CLAIM_REVERSED)


def upgrade() -> None:
    op.execute(SCHEMA)
    bind = op.get_bind()
    practices = [r[0] for r in bind.execute(sa.text("SELECT practice_id FROM practice_clock"))]
    for practice_id in practices:
        rows = bind.execute(sa.text(
            "SELECT seq, origin_device, event, entity_id, data FROM change_log WHERE practice_id = :p "
            "AND event = ANY(:events) ORDER BY seq"), {"p": practice_id, "events": list(_EVENTS)})
        found = claim_status.replay((int(r[0]), str(r[1]), str(r[2]), str(r[3]), r[4]) for r in rows)
        if found:
            bind.execute(sa.text(
                "UPDATE entity_state SET data = jsonb_set(data, '{status}', to_jsonb(CAST(:status AS text))), "
                "field_seq = jsonb_set(field_seq, '{status}', CAST(:fs AS jsonb)) "
                "WHERE practice_id = :p AND entity = 'claim' AND entity_id = :id"),
                [{"p": practice_id, "id": claim_id, "status": status, "fs": json.dumps(fs)}
                 for claim_id, (status, fs) in found.items()])


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS workstation_prefixes")
