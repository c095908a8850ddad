"""Posting to the ledger: the one path every financial transaction takes to the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, func, select

from medbill_desktop.domain.audit import AuditAction
from medbill_desktop.domain.ledger import (
    AccountKey,
    LedgerError,
    Transaction,
    TxKind,
    check_balances,
    check_reversal,
    reversal,
    validate_transaction,
)
from medbill_desktop.domain.roles import Permission
from medbill_desktop.services.context import Workstation
from medbill_desktop.storage import ledger_store
from medbill_desktop.storage.tables import ledger_accounts, ledger_postings

# Who may post which kind of transaction (the GUI hides the rest; this is the rule).
_PERMISSION_FOR: dict[TxKind, Permission] = {
    TxKind.CHARGE: Permission.ENTER_CHARGES,
    TxKind.PAYMENT: Permission.TAKE_PATIENT_PAYMENTS,
    TxKind.ADJUSTMENT: Permission.POST_INSURANCE_PAYMENTS,
    TxKind.TRANSFER: Permission.TAKE_PATIENT_PAYMENTS,
    TxKind.REFUND: Permission.REVERSE_TRANSACTIONS,  # paying back a patient's own credit: biller or manager
    TxKind.REVERSAL: Permission.REVERSE_TRANSACTIONS,
}


def post_in(ws: Workstation, conn: Connection, tx: Transaction) -> Transaction:
    """Post inside a caller's transaction (a service that writes more than the ledger uses this)."""
    validate_transaction(tx)
    if ledger_store.exists(conn, tx.id):
        raise LedgerError("This transaction was already posted; nothing was posted again.")
    if tx.source_key is not None and ledger_store.source_key_used(conn, tx.source_key):
        raise LedgerError(f"This remittance was already posted ({tx.source_key}); nothing was posted again.")
    if tx.reverses is not None:
        original = ledger_store.load(conn, tx.reverses)
        if original is None:
            raise LedgerError("The transaction to reverse does not exist.")
        if ledger_store.is_reversed(conn, tx.reverses):
            raise LedgerError("That transaction was already reversed.")
        check_reversal(original, tx)
    check_balances(ledger_store.balances(conn, [p.account for p in tx.postings]), tx)
    actor = ws.signed_in()
    ledger_store.insert(conn, tx, actor=actor.username, posted_at=ws.now_iso())
    ws.audit(conn, AuditAction.CHANGE, "ledger_transaction", tx.id,
             {"op": "post", "kind": tx.kind.value, "reverses": tx.reverses})
    ws.emit(conn, f"ledger.{tx.kind.value}_posted", "ledger_transaction", tx.id, {
        "kind": tx.kind.value, "occurred_on": tx.occurred_on.isoformat(), "memo": tx.memo,
        "source_key": tx.source_key, "reverses": tx.reverses,
        "postings": [{"kind": p.account.kind.value, "ref": p.account.ref, "patient_account": p.account.patient_account,
                      "amount_cents": p.amount} for p in tx.postings],
    })
    return tx


def permission_for(tx: Transaction) -> Permission:
    """Money applied to, or moved between, insurance payers' balances is insurance work, whoever keys it;
    applying a patient's own credit to their balance is front-desk work."""
    touches_insurance = any(p.account.party and p.account.party.is_insurance for p in tx.postings)
    if tx.kind in (TxKind.PAYMENT, TxKind.TRANSFER) and touches_insurance:
        return Permission.POST_INSURANCE_PAYMENTS
    return _PERMISSION_FOR[tx.kind]


def post(ws: Workstation, tx: Transaction) -> Transaction:
    """Post one transaction: all of it or nothing."""
    ws.require(permission_for(tx))
    with ws.write() as conn:
        return post_in(ws, conn, tx)


def reverse(ws: Workstation, tx_id: str, reason: str, on: date | None = None) -> Transaction:
    ws.require(Permission.REVERSE_TRANSACTIONS)
    with ws.write() as conn:
        original = ledger_store.load(conn, tx_id)
        if original is None:
            raise LedgerError("The transaction to reverse does not exist.")
        return post_in(ws, conn, reversal(original, on or ws.today(), reason))


def balances(ws: Workstation, accounts: list[AccountKey]) -> dict[AccountKey, int]:
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.read() as conn:
        found = ledger_store.balances(conn, accounts)
    return {a: found.get(a, 0) for a in accounts}


def transaction(ws: Workstation, tx_id: str) -> Transaction | None:
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.read() as conn:
        return ledger_store.load(conn, tx_id)


@dataclass(frozen=True, slots=True)
class LedgerTotals:
    transactions: int
    postings: int
    gross_cents: int


def totals(ws: Workstation) -> LedgerTotals:
    with ws.read() as conn:
        return LedgerTotals(*ledger_store.counts_and_totals(conn))


def all_balances(ws: Workstation) -> dict[str, int]:
    """Every account's balance by account code, summed from the postings."""
    with ws.read() as conn:
        rows = conn.execute(
            select(ledger_accounts.c.code, func.coalesce(func.sum(ledger_postings.c.amount_cents), 0))
            .select_from(ledger_accounts.outerjoin(ledger_postings,
                                                   ledger_postings.c.account_id == ledger_accounts.c.id))
            .group_by(ledger_accounts.c.code)
        )
        return {code: int(total) for code, total in rows}
