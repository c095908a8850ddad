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
    ledger_accounts,
    ledger_postings,
    ledger_transactions,
    patient_payments,
    patient_refunds,
)


def as_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


# The hot query of the ledger: thousands of rows, read as plain tuples through the driver (the same connection,
# so the same transaction) without SQLAlchemy's per-row processing. In the order of the ledger, each
# transaction's postings together in the order of the patient's accounts (a.rowid: the order
# statements_store.ledger_postings reads them in, so a statement's ledgers are the same), with the payment batch
# that posted the transaction joined per row rather than asked for by transaction id afterwards (a charge is
# never a batch's).
_LEDGER_ROWS_SQL = (
    "SELECT t.id, t.kind, t.occurred_on, t.posted_at, t.memo, t.reverses, a.code, p.amount_cents, "
    "bt.claim_adjudication_id, bt.batch_id "
    "FROM ledger_accounts a JOIN ledger_postings p ON p.account_id = a.id "
    "JOIN ledger_transactions t ON t.id = p.transaction_id "
    "LEFT JOIN batch_transactions bt ON bt.transaction_id = t.id AND t.kind <> 'charge' "
    "WHERE a.patient_account = ? ORDER BY t.occurred_on, t.posted_at, t.id, a.rowid")


def ledger_rows(conn: Connection, account_number: str) -> list[tuple[Any, ...]]:
    """Every posting to the patient's accounts, in ledger order (occurred_on, posted_at, transaction id), a
    transaction's postings together: (tx_id, tx_kind, occurred_on as ISO text, posted_at, memo, reverses,
    account code, amount, the claim adjudication and the payment batch that posted it or None)."""
    return _raw(conn, _LEDGER_ROWS_SQL, (account_number,))


def patient_row(conn: Connection, account_number: str) -> tuple[Any, ...] | None:
    """(id, account_number, last, first, middle, suffix) of the patient with this account number."""
    found = _raw(conn, "SELECT id, account_number, last_name, first_name, middle_name, suffix FROM patients "
                       "WHERE account_number = ?", (account_number.strip().upper(),))
    return found[0] if found else None


def payer_names(conn: Connection, patient_id: str) -> list[tuple[Any, ...]]:
    """(encounter_id, rank, payer name) of the patient's claims, oldest claim first."""
    return _raw(conn, "SELECT c.encounter_id, c.rank, y.name FROM encounters e "
                      "JOIN claims c ON c.encounter_id = e.id JOIN payers y ON y.id = c.payer_id "
                      "WHERE e.patient_id = ? ORDER BY c.created_at", (patient_id,))


def receipt_rows(conn: Connection, patient_id: str) -> list[tuple[Any, ...]]:
    """(transaction_id, receipt_number, method, reference) of the patient's front-desk payments."""
    return _raw(conn, "SELECT transaction_id, receipt_number, method, reference FROM patient_payments "
                      "WHERE patient_id = ?", (patient_id,))


def refund_rows(conn: Connection, patient_id: str) -> list[tuple[Any, ...]]:
    """(transaction_id, method, reference, reason) of the patient's refunds."""
    return _raw(conn, "SELECT transaction_id, method, reference, reason FROM patient_refunds WHERE patient_id = ?",
                (patient_id,))


def batch_rows(conn: Connection, batch_ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """(id, batch_number, payer name, method, reference, check_date as ISO text) of these payment batches."""
    return _in_chunks(conn, "SELECT b.id, b.batch_number, y.name, b.method, b.reference, b.check_date "
                            "FROM payment_batches b JOIN payers y ON y.id = b.payer_id WHERE b.id IN ({ids})",
                      batch_ids)


def adjustment_rows(conn: Connection, tx_ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """The postings of these transactions to adjustment accounts, by transaction then as posted: (tx_id, account
    code, amount). Read by transaction id (`+` keeps SQLite off the account index: an adjustment account has
    the postings of every claim)."""
    codes = dict(_raw(conn, "SELECT id, code FROM ledger_accounts WHERE code >= 'adjustment:' "
                            "AND code < 'adjustment;'", ()))
    if not codes:
        return []
    rows = _in_chunks(conn, "SELECT transaction_id, account_id, amount_cents FROM ledger_postings "
                            "WHERE transaction_id IN ({ids}) AND +account_id IN (SELECT id FROM ledger_accounts "
                            "WHERE code >= 'adjustment:' AND code < 'adjustment;')", tx_ids)
    return [(tx_id, codes[account_id], amount) for tx_id, account_id, amount in rows]


def decision_rows(conn: Connection, patient_id: str) -> list[tuple[Any, ...]]:
    """What payers decided about the patient's lines, one row per line-level CAS adjustment (or one for a line
    without any), a decision's rows together but its adjustments in no particular order (sort them by their
    id for the order recorded): (claim_adjudication_id, service_line_id, billed_cents, allowed_cents,
    paid_cents, group_code, reason_code, amount_cents, adjustment id; the last four None without one)."""
    return _raw(conn, "SELECT d.claim_adjudication_id, d.service_line_id, d.billed_cents, d.allowed_cents, "
                      "d.paid_cents, x.group_code, x.reason_code, x.amount_cents, x.id "
                      "FROM encounters e JOIN service_lines l ON l.encounter_id = e.id "
                      "JOIN line_adjudications d ON d.service_line_id = l.id "
                      "LEFT JOIN adjudication_adjustments x ON x.claim_adjudication_id = d.claim_adjudication_id "
                      "AND x.line_adjudication_id = d.id WHERE e.patient_id = ?", (patient_id,))


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


def receipts(conn: Connection, patient_id: str) -> list[Row[Any]]:
    return list(conn.execute(
        select(patient_payments.c.id, patient_payments.c.transaction_id, patient_payments.c.receipt_number,
               patient_payments.c.method, patient_payments.c.reference, patient_payments.c.amount_cents,
               patient_payments.c.applied_cents, patient_payments.c.credit_cents, patient_payments.c.received_on,
               patient_payments.c.received_at, patient_payments.c.encounter_id)
        .where(patient_payments.c.patient_id == patient_id)
        .order_by(patient_payments.c.received_at.desc(), patient_payments.c.id.desc())))


def batch_sources(conn: Connection, tx_ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """For those of these transactions a payment batch posted: (tx_id, claim_adjudication_id, batch_number,
    payer name, method, reference, check_date as ISO text)."""
    return _in_chunks(conn, "SELECT bt.transaction_id, bt.claim_adjudication_id, b.batch_number, y.name, b.method, "
                            "b.reference, b.check_date FROM batch_transactions bt "
                            "JOIN payment_batches b ON b.id = bt.batch_id JOIN payers y ON y.id = b.payer_id "
                            "WHERE bt.transaction_id IN ({ids})", tx_ids)


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


def batch_of_transaction(conn: Connection, transaction_id: str) -> tuple[str, str | None] | None:
    """(batch number, claim adjudication id or None for the batch's own) of the payment batch that posted this
    ledger transaction, or None when no batch did."""
    found = _raw(conn, "SELECT b.batch_number, bt.claim_adjudication_id FROM batch_transactions bt "
                       "JOIN payment_batches b ON b.id = bt.batch_id WHERE bt.transaction_id = ?", (transaction_id,))
    return (found[0][0], found[0][1]) if found else None
