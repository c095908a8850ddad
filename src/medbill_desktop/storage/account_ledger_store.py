"""Reading a patient's account for its ledger and for taking money against it: a few set-based queries, each
over the whole account at once (never one query per entry), so an account of thousands of entries opens in a
few tens of milliseconds."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, Row, and_, func, select

from medbill_desktop.domain.ledger import AccountKind
from medbill_desktop.storage.tables import (
    claims,
    encounters,
    ledger_accounts,
    ledger_postings,
    ledger_transactions,
    patient_payments,
    patient_refunds,
    patients,
    payers,
)


def as_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def patient_by_account(conn: Connection, account_number: str) -> Row[Any] | None:
    """id, account_number and the name parts of the patient with this account number."""
    return conn.execute(select(patients.c.id, patients.c.account_number, patients.c.last_name,
                               patients.c.first_name, patients.c.middle_name, patients.c.suffix)
                        .where(patients.c.account_number == account_number.strip().upper())).first()


# The hot query of the ledger: thousands of rows, read as plain tuples through the driver (the same connection,
# so the same transaction) without SQLAlchemy's per-row processing.
_POSTINGS_SQL = (
    "SELECT t.id, t.kind, t.occurred_on, t.posted_at, t.memo, t.reverses, a.kind, a.code, p.amount_cents "
    "FROM ledger_accounts a JOIN ledger_postings p ON p.account_id = a.id "
    "JOIN ledger_transactions t ON t.id = p.transaction_id "
    "WHERE a.patient_account = ?")


def postings(conn: Connection, account_number: str) -> list[tuple[Any, ...]]:
    """Every posting to the patient's accounts with its transaction, as tuples: (tx_id, tx_kind, occurred_on as
    ISO text, posted_at, memo, reverses, account_kind, account code, amount). In no particular order."""
    return list(conn.connection.driver_connection.execute(_POSTINGS_SQL, (account_number,)).fetchall())


def _raw(conn: Connection, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    return list(conn.connection.driver_connection.execute(sql, tuple(params)).fetchall())


def _chunks(items: Sequence[str], size: int = 500) -> list[Sequence[str]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _in_chunks(conn: Connection, sql: str, ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """Run `sql` (with one {ids} placeholder list) over the ids, 500 at a time."""
    out: list[tuple[Any, ...]] = []
    for part in _chunks(ids):
        out.extend(_raw(conn, sql.format(ids=",".join("?" * len(part))), part))
    return out


def adjustment_postings(conn: Connection, tx_ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """The postings of these transactions to adjustment accounts: (tx_id, account code, amount)."""
    return _in_chunks(conn, "SELECT p.transaction_id, a.code, p.amount_cents FROM ledger_postings p "
                            "JOIN ledger_accounts a ON a.id = p.account_id "
                            "WHERE p.transaction_id IN ({ids}) AND a.kind = 'adjustment'", tx_ids)


def lines(conn: Connection, patient_id: str) -> list[tuple[Any, ...]]:
    """Every service line of the patient's encounters: (line_id, encounter_id, position, procedure, modifier 1-4,
    charge_cents, date of service as ISO text: the line's own date, else its visit's)."""
    return _raw(conn, "SELECT l.id, l.encounter_id, l.position, l.procedure, l.modifier_1, l.modifier_2, "
                      "l.modifier_3, l.modifier_4, l.charge_cents, coalesce(l.from_date, e.date_of_service) "
                      "FROM encounters e JOIN service_lines l ON l.encounter_id = e.id WHERE e.patient_id = ?",
                (patient_id,))


def claim_payers(conn: Connection, patient_id: str) -> list[Row[Any]]:
    """(encounter_id, rank, payer name) of the patient's claims, oldest claim first (a later one, e.g. a
    replacement, names the same payer)."""
    return list(conn.execute(
        select(claims.c.encounter_id, claims.c.rank, payers.c.name)
        .join(payers, payers.c.id == claims.c.payer_id)
        .join(encounters, encounters.c.id == claims.c.encounter_id)
        .where(encounters.c.patient_id == patient_id)
        .order_by(claims.c.created_at)))


def receipts(conn: Connection, patient_id: str) -> list[Row[Any]]:
    return list(conn.execute(
        select(patient_payments.c.id, patient_payments.c.transaction_id, patient_payments.c.receipt_number,
               patient_payments.c.method, patient_payments.c.reference, patient_payments.c.amount_cents,
               patient_payments.c.applied_cents, patient_payments.c.credit_cents, patient_payments.c.received_on,
               patient_payments.c.received_at, patient_payments.c.encounter_id)
        .where(patient_payments.c.patient_id == patient_id)
        .order_by(patient_payments.c.received_at.desc(), patient_payments.c.id.desc())))


def refunds(conn: Connection, patient_id: str) -> list[Row[Any]]:
    return list(conn.execute(
        select(patient_refunds).where(patient_refunds.c.patient_id == patient_id)
        .order_by(patient_refunds.c.refunded_at)))


def batch_sources(conn: Connection, tx_ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """For those of these transactions a payment batch posted: (tx_id, claim_adjudication_id, batch_number,
    payer name, method, reference, check_date as ISO text)."""
    return _in_chunks(conn, "SELECT bt.transaction_id, bt.claim_adjudication_id, b.batch_number, y.name, b.method, "
                            "b.reference, b.check_date FROM batch_transactions bt "
                            "JOIN payment_batches b ON b.id = bt.batch_id JOIN payers y ON y.id = b.payer_id "
                            "WHERE bt.transaction_id IN ({ids})", tx_ids)


def line_decisions(conn: Connection, patient_id: str) -> list[tuple[Any, ...]]:
    """What payers decided about the patient's lines: (id, claim_adjudication_id, service_line_id, billed_cents,
    allowed_cents, paid_cents)."""
    return _raw(conn, "SELECT d.id, d.claim_adjudication_id, d.service_line_id, d.billed_cents, d.allowed_cents, "
                      "d.paid_cents FROM encounters e JOIN service_lines l ON l.encounter_id = e.id "
                      "JOIN line_adjudications d ON d.service_line_id = l.id WHERE e.patient_id = ?", (patient_id,))


def decision_adjustments(conn: Connection, claim_adjudication_ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """The line-level CAS adjustments of these claim adjudications, in the order recorded:
    (line_adjudication_id, group_code, reason_code, amount_cents)."""
    rows = _in_chunks(conn, "SELECT line_adjudication_id, group_code, reason_code, amount_cents, id "
                            "FROM adjudication_adjustments WHERE claim_adjudication_id IN ({ids}) "
                            "AND line_adjudication_id IS NOT NULL", claim_adjudication_ids)
    rows.sort(key=lambda r: r[4])
    return rows


# --- balances for taking money ----------------------------------------------------------------------------------
def receivable_balances(conn: Connection, account_number: str) -> dict[str, dict[str, int]]:
    """line id -> party -> balance of every receivable of the account (zero balances included)."""
    rows = conn.execute(
        select(ledger_accounts.c.code, func.coalesce(func.sum(ledger_postings.c.amount_cents), 0))
        .select_from(ledger_accounts.join(ledger_postings, ledger_postings.c.account_id == ledger_accounts.c.id))
        .where(ledger_accounts.c.patient_account == account_number,
               ledger_accounts.c.kind == AccountKind.RECEIVABLE.value)
        .group_by(ledger_accounts.c.code))
    out: dict[str, dict[str, int]] = {}
    for code, total in rows:
        line_id, party = str(code).split(":", 1)[1].rsplit(":", 1)
        out.setdefault(line_id, {})[party] = int(total)
    return out


def reversed_transactions(conn: Connection, tx_ids: Sequence[str]) -> dict[str, Row[Any]]:
    """original tx id -> (id, occurred_on, memo) of the reversal that undid it."""
    if not tx_ids:
        return {}
    rows = conn.execute(select(ledger_transactions.c.reverses, ledger_transactions.c.id,
                               ledger_transactions.c.occurred_on, ledger_transactions.c.memo)
                        .where(ledger_transactions.c.reverses.in_(list(tx_ids))))
    return {str(r.reverses): r for r in rows}


def credit_applications(conn: Connection, account_number: str) -> list[Row[Any]]:
    """The transfers that used the patient's credit (credit applied to visits): (id, occurred_on, amount)."""
    credit_code = f"{AccountKind.PATIENT_CREDIT.value}:{account_number}"
    return list(conn.execute(
        select(ledger_transactions.c.id, ledger_transactions.c.occurred_on, ledger_transactions.c.memo,
               ledger_postings.c.amount_cents.label("amount"))
        .select_from(ledger_postings
                     .join(ledger_accounts, ledger_accounts.c.id == ledger_postings.c.account_id)
                     .join(ledger_transactions, ledger_transactions.c.id == ledger_postings.c.transaction_id))
        .where(and_(ledger_accounts.c.code == credit_code, ledger_transactions.c.kind == "transfer"))
        .order_by(ledger_transactions.c.occurred_on, ledger_transactions.c.posted_at)))


def insert_refund(conn: Connection, **values: Any) -> None:
    conn.execute(patient_refunds.insert().values(**values))


def payment_by_transaction(conn: Connection, transaction_id: str) -> str | None:
    """The id of the front-desk payment a ledger transaction recorded, if it is one."""
    found = conn.execute(select(patient_payments.c.id)
                         .where(patient_payments.c.transaction_id == transaction_id)).scalar()
    return str(found) if found is not None else None
