"""A patient account's money, read from the ledger (accounts carry the patient account number), and the
front-desk payment records that receipts are printed from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Row, and_, exists, func, or_, select

from medbill_desktop.domain.ledger import AccountKind, Party
from medbill_desktop.storage.tables import (
    ledger_accounts,
    ledger_postings,
    ledger_transactions,
    patient_payments,
)


def receivables_by_party(conn: Connection, patient_account: str) -> dict[Party, int]:
    """The sum of every receivable posting of the account, per responsible party."""
    rows = conn.execute(
        select(ledger_accounts.c.code, func.sum(ledger_postings.c.amount_cents))
        .join(ledger_postings, ledger_postings.c.account_id == ledger_accounts.c.id)
        .where(ledger_accounts.c.patient_account == patient_account,
               ledger_accounts.c.kind == AccountKind.RECEIVABLE.value)
        .group_by(ledger_accounts.c.code))
    totals = {party: 0 for party in Party}
    for code, amount in rows:
        totals[Party(str(code).rsplit(":", 1)[1])] += int(amount or 0)
    return totals


def account_balance(conn: Connection, code: str) -> int:
    total = conn.execute(
        select(func.coalesce(func.sum(ledger_postings.c.amount_cents), 0))
        .join(ledger_accounts, ledger_accounts.c.id == ledger_postings.c.account_id)
        .where(ledger_accounts.c.code == code)).scalar_one()
    return int(total)


@dataclass(frozen=True, slots=True)
class LedgerPayment:
    transaction_id: str
    occurred_on: date
    amount_cents: int  # what came in for this patient account


def last_patient_payment(conn: Connection, patient_account: str) -> LedgerPayment | None:
    """The latest payment (not reversed) that put money on the patient's own side of the account: on account
    as credit, or onto a receivable the patient owes."""
    reversal = ledger_transactions.alias("reversal")
    patient_side = or_(ledger_accounts.c.kind == AccountKind.PATIENT_CREDIT.value,
                       and_(ledger_accounts.c.kind == AccountKind.RECEIVABLE.value,
                            ledger_accounts.c.code.like(f"%:{Party.PATIENT.value}")))
    row = conn.execute(
        select(ledger_transactions.c.id, ledger_transactions.c.occurred_on,
               (-func.sum(ledger_postings.c.amount_cents)).label("amount"))
        .select_from(ledger_postings
                     .join(ledger_accounts, ledger_accounts.c.id == ledger_postings.c.account_id)
                     .join(ledger_transactions, ledger_transactions.c.id == ledger_postings.c.transaction_id))
        .where(ledger_accounts.c.patient_account == patient_account, patient_side,
               ledger_transactions.c.kind == "payment",
               ~exists().where(reversal.c.reverses == ledger_transactions.c.id))
        .group_by(ledger_transactions.c.id, ledger_transactions.c.occurred_on, ledger_transactions.c.posted_at)
        .order_by(ledger_transactions.c.occurred_on.desc(), ledger_transactions.c.posted_at.desc(),
                  ledger_transactions.c.id.desc())  # UUIDv7: the later one
        .limit(1)).first()
    if row is None:
        return None
    occurred = row.occurred_on if isinstance(row.occurred_on, date) else date.fromisoformat(row.occurred_on)
    return LedgerPayment(str(row.id), occurred, int(row.amount))


# --- front-desk payments -----------------------------------------------------------------------------------
def insert_payment(conn: Connection, **values: Any) -> None:
    conn.execute(patient_payments.insert().values(**values))


def get_payment(conn: Connection, payment_id: str) -> Row[Any] | None:
    return conn.execute(select(patient_payments).where(patient_payments.c.id == payment_id)).first()


def payments_for(conn: Connection, patient_id: str) -> list[Row[Any]]:
    return list(conn.execute(select(patient_payments).where(patient_payments.c.patient_id == patient_id)
                             .order_by(patient_payments.c.received_at.desc())))
