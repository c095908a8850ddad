"""The double-entry ledger: typed accounts, balanced transactions, reversals, and the invariants.

Sign convention: a posting's amount is in cents, debit positive and credit negative, so every
transaction sums to zero. Money owed to the practice (receivables) has a debit (positive) balance;
money the practice holds for a patient (credit) has a credit (negative) balance.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.ids import new_id
from medbill_desktop.domain.money import format_cents


class LedgerError(DomainError):
    """A transaction that would break an invariant of the ledger; nothing was posted."""


class AccountKind(StrEnum):
    RECEIVABLE = "receivable"  # one per charge line and responsible party
    GROSS_CHARGES = "gross_charges"  # the other side of every charge
    PAYMENT_BATCH = "payment_batch"  # the check, EFT or cash drawer money came from
    ADJUSTMENT = "adjustment"  # one per group code + reason code
    PATIENT_CREDIT = "patient_credit"  # unapplied money held for a patient account
    REFUNDS_PAYABLE = "refunds_payable"  # money owed back to a patient or payer


class Party(StrEnum):
    PRIMARY = "primary"
    SECONDARY = "secondary"
    TERTIARY = "tertiary"
    PATIENT = "patient"

    @property
    def is_insurance(self) -> bool:
        return self is not Party.PATIENT


class TxKind(StrEnum):
    CHARGE = "charge"
    PAYMENT = "payment"
    ADJUSTMENT = "adjustment"
    TRANSFER = "transfer"
    REFUND = "refund"
    REVERSAL = "reversal"


# Which side a kind of account may never cross: +1 means never below zero, -1 never above zero.
_NORMAL_SIGN: dict[AccountKind, int] = {
    AccountKind.RECEIVABLE: +1,
    AccountKind.PAYMENT_BATCH: +1,
    AccountKind.PATIENT_CREDIT: -1,
    AccountKind.REFUNDS_PAYABLE: -1,
    AccountKind.GROSS_CHARGES: -1,
}


@dataclass(frozen=True, slots=True)
class AccountKey:
    """Names one ledger account. `ref` is unique within the kind."""

    kind: AccountKind
    ref: str
    patient_account: str | None = None

    @property
    def code(self) -> str:
        return f"{self.kind.value}:{self.ref}"

    @property
    def party(self) -> Party | None:
        if self.kind is not AccountKind.RECEIVABLE:
            return None
        return Party(self.ref.rsplit(":", 1)[1])


def receivable(charge_line: str, party: Party, patient_account: str) -> AccountKey:
    return AccountKey(AccountKind.RECEIVABLE, f"{charge_line}:{party.value}", patient_account)


def gross_charges() -> AccountKey:
    return AccountKey(AccountKind.GROSS_CHARGES, "all")


def payment_batch(batch: str) -> AccountKey:
    return AccountKey(AccountKind.PAYMENT_BATCH, batch)


def adjustment_account(group_code: str, reason_code: str) -> AccountKey:
    return AccountKey(AccountKind.ADJUSTMENT, f"{group_code}-{reason_code}")


def patient_credit(patient_account: str) -> AccountKey:
    return AccountKey(AccountKind.PATIENT_CREDIT, patient_account, patient_account)


def refunds_payable(patient_account: str) -> AccountKey:
    return AccountKey(AccountKind.REFUNDS_PAYABLE, patient_account, patient_account)


@dataclass(frozen=True, slots=True)
class Posting:
    account: AccountKey
    amount: int  # cents, debit positive


@dataclass(frozen=True, slots=True)
class Transaction:
    kind: TxKind
    occurred_on: date
    postings: tuple[Posting, ...]
    memo: str = ""
    source_key: str | None = None
    reverses: str | None = None
    id: str = field(default_factory=new_id)

    def amount_of(self, account: AccountKey) -> int:
        return sum(p.amount for p in self.postings if p.account == account)


def validate_transaction(tx: Transaction) -> None:
    """The shape rules every transaction must meet before anything is written."""
    if len(tx.postings) < 2:
        raise LedgerError("A transaction needs at least two postings.")
    seen: set[AccountKey] = set()
    for p in tx.postings:
        if not isinstance(p.amount, int) or isinstance(p.amount, bool):
            raise LedgerError(f"Posting to {p.account.code} is not whole cents.")
        if p.amount == 0:
            raise LedgerError(f"Posting to {p.account.code} is zero; leave it out.")
        if p.account in seen:
            raise LedgerError(f"Account {p.account.code} appears twice in one transaction; combine the amounts.")
        seen.add(p.account)
    imbalance = sum(p.amount for p in tx.postings)
    if imbalance:
        raise LedgerError(f"The transaction does not balance: it is off by {format_cents(imbalance)}.")
    if (tx.kind is TxKind.REVERSAL) != (tx.reverses is not None):
        raise LedgerError("A reversal, and only a reversal, names the transaction it undoes.")


def check_balances(before: Mapping[AccountKey, int], tx: Transaction) -> dict[AccountKey, int]:
    """Apply tx to the balances of the accounts it touches; refuse any that would cross its normal side
    (for example a receivable below zero: an overpayment must go to patient credit explicitly)."""
    after: dict[AccountKey, int] = {}
    for p in tx.postings:
        new = before.get(p.account, 0) + p.amount
        sign = _NORMAL_SIGN.get(p.account.kind)
        if sign is not None and new * sign < 0:
            raise LedgerError(_crossing_message(p.account, before.get(p.account, 0), p.amount))
        after[p.account] = new
    return after


def _crossing_message(account: AccountKey, balance: int, amount: int) -> str:
    what = {
        AccountKind.RECEIVABLE: "the balance of this charge line",
        AccountKind.PAYMENT_BATCH: "the money left in this payment batch",
        AccountKind.PATIENT_CREDIT: "the patient's unapplied credit",
        AccountKind.REFUNDS_PAYABLE: "the refunds owed",
        AccountKind.GROSS_CHARGES: "gross charges",
    }[account.kind]
    return (f"{format_cents(abs(amount))} is more than {what} ({format_cents(abs(balance))}); "
            "put the excess on account as patient credit instead.")


# --- builders: one function per kind of business event -------------------------------------------

def charge(line: str, party: Party, patient_account: str, amount: int, on: date, memo: str = "") -> Transaction:
    if amount <= 0:
        raise LedgerError("A charge must be more than $0.00.", "charge")
    return Transaction(TxKind.CHARGE, on, (
        Posting(receivable(line, party, patient_account), amount),
        Posting(gross_charges(), -amount),
    ), memo)


def payment(batch: str, applied: Iterable[tuple[AccountKey, int]], on: date, *, to_credit: int = 0,
            credit_account: str | None = None, memo: str = "", source_key: str | None = None) -> Transaction:
    """Money from a batch applied to receivables, with any unapplied part held as patient credit."""
    postings = [Posting(acct, -amt) for acct, amt in applied if amt]
    if to_credit:
        if credit_account is None:
            raise LedgerError("Money put on account needs the patient account that holds it.")
        postings.append(Posting(patient_credit(credit_account), -to_credit))
    received = -sum(p.amount for p in postings)
    if received <= 0:
        raise LedgerError("A payment must bring in more than $0.00.", "amount")
    postings.insert(0, Posting(payment_batch(batch), received))
    return Transaction(TxKind.PAYMENT, on, tuple(postings), memo, source_key)


def adjustment(target: AccountKey, group_code: str, reason_code: str, amount: int, on: date,
               memo: str = "", source_key: str | None = None) -> Transaction:
    """Write down (positive amount) or up (negative) a receivable with a group + reason code."""
    return Transaction(TxKind.ADJUSTMENT, on, (
        Posting(adjustment_account(group_code, reason_code), amount),
        Posting(target, -amount),
    ), memo, source_key)


def transfer(source: AccountKey, dest: AccountKey, amount: int, on: date, memo: str = "") -> Transaction:
    """Move a balance to the next payer or to the patient (to use patient credit, see apply_credit)."""
    if amount <= 0:
        raise LedgerError("A transfer moves more than $0.00.", "amount")
    return Transaction(TxKind.TRANSFER, on, (Posting(dest, amount), Posting(source, -amount)), memo)


def apply_credit(patient_account: str, target: AccountKey, amount: int, on: date, memo: str = "") -> Transaction:
    """Use money a patient has on account to pay a receivable: the credit and the receivable both shrink."""
    if amount <= 0:
        raise LedgerError("Apply more than $0.00 of credit.", "amount")
    return Transaction(TxKind.TRANSFER, on, (
        Posting(patient_credit(patient_account), amount),
        Posting(target, -amount),
    ), memo)


def refund(patient_account: str, amount: int, on: date, memo: str = "") -> Transaction:
    """Take money out of a patient's credit and owe it back to them."""
    if amount <= 0:
        raise LedgerError("A refund must be more than $0.00.", "amount")
    return Transaction(TxKind.REFUND, on, (
        Posting(patient_credit(patient_account), amount),
        Posting(refunds_payable(patient_account), -amount),
    ), memo)


def reversal(original: Transaction, on: date, reason: str) -> Transaction:
    """The exact opposite of a posted transaction. A correction is a reversal plus a new transaction."""
    if original.kind is TxKind.REVERSAL:
        raise LedgerError("A reversal cannot itself be reversed; post the original transaction again.")
    if not reason.strip():
        raise LedgerError("Say why the transaction is reversed.", "reason")
    return Transaction(
        TxKind.REVERSAL, on, tuple(Posting(p.account, -p.amount) for p in original.postings),
        memo=reason.strip(), reverses=original.id,
    )


def check_reversal(original: Transaction, tx: Transaction) -> None:
    """A reversal undoes exactly the postings of an original that is not itself a reversal."""
    if original.kind is TxKind.REVERSAL:
        raise LedgerError("A reversal cannot itself be reversed; post the original transaction again.")
    if {p.account.code: -p.amount for p in original.postings} != {p.account.code: p.amount for p in tx.postings}:
        raise LedgerError("A reversal must undo exactly the postings of the transaction it reverses.")


# --- an in-memory ledger: the reference model the database ledger is tested against -------------

class Ledger:
    def __init__(self) -> None:
        self.transactions: dict[str, Transaction] = {}
        self.balances: dict[AccountKey, int] = {}
        self._source_keys: set[str] = set()
        self._reversed: set[str] = set()

    def post(self, tx: Transaction) -> None:
        validate_transaction(tx)
        if tx.id in self.transactions:
            raise LedgerError("This transaction was already posted; nothing was posted again.")
        if tx.source_key is not None and tx.source_key in self._source_keys:
            raise LedgerError(f"This remittance was already posted ({tx.source_key}); nothing was posted again.")
        if tx.reverses is not None:
            self.check_reversible(tx.reverses)
            check_reversal(self.transactions[tx.reverses], tx)
        after = check_balances(self.balances, tx)
        self.balances.update(after)
        self.transactions[tx.id] = tx
        if tx.source_key is not None:
            self._source_keys.add(tx.source_key)
        if tx.reverses is not None:
            self._reversed.add(tx.reverses)

    def check_reversible(self, tx_id: str) -> None:
        if tx_id not in self.transactions:
            raise LedgerError("The transaction to reverse does not exist.")
        if tx_id in self._reversed:
            raise LedgerError("That transaction was already reversed.")

    def balance(self, account: AccountKey) -> int:
        return self.balances.get(account, 0)
