"""ledger_receivable_not_negative looks at the account's kind before summing its postings

The trigger summed every posting of every account a new transaction touched and only then checked whether
the account was a receivable, so each charge summed all of gross charges, each payment all of its batch,
each write-down all of its adjustment account: posting slowed down as the ledger grew (a 2,000-claim
remittance spent 6 s in this trigger). A CASE makes the kind test come first; the rule is unchanged.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 12:00:00
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_MESSAGE = "BEGIN SELECT RAISE(ABORT, 'a receivable cannot go below zero; put the excess on patient credit'); END"
_NEW = ("CREATE TRIGGER ledger_receivable_not_negative AFTER INSERT ON ledger_transactions "
        "WHEN EXISTS (SELECT 1 FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id "
        "WHERE p.transaction_id = NEW.id AND CASE WHEN a.kind = 'receivable' "
        "THEN (SELECT SUM(q.amount_cents) FROM ledger_postings q WHERE q.account_id = p.account_id) < 0 ELSE 0 END) "
        + _MESSAGE)
_OLD = ("CREATE TRIGGER ledger_receivable_not_negative AFTER INSERT ON ledger_transactions "
        "WHEN EXISTS (SELECT 1 FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id "
        "WHERE p.transaction_id = NEW.id AND a.kind = 'receivable' "
        "AND (SELECT SUM(q.amount_cents) FROM ledger_postings q WHERE q.account_id = p.account_id) < 0) "
        + _MESSAGE)


def upgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS ledger_receivable_not_negative")
    op.execute(_NEW)


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS ledger_receivable_not_negative")
    op.execute(_OLD)
