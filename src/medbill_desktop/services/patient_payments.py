"""Patient money at the front desk: take a payment (cash, check, card) and apply it to the oldest balance or to
chosen visits, hold what is left as credit, apply credit later, refund credit, and reverse a payment.

Each operation is one write transaction: the ledger posting (services.ledger.post_in), its record
(patient_payments / patient_refunds), an audit entry and one business event in the outbox.

Who may do what:
- taking a payment and applying credit: anyone who takes patient payments (front desk, biller, manager);
- refunding credit: a biller or a manager (REFUND_PERMISSION) - money going back out of the practice is a
  correction of the account, not front-desk work;
- reversing a payment or a use of credit: a biller or a manager (REVERSE_TRANSACTIONS).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import Connection

from medbill_desktop.domain.account_ledger import (
    LineRef,
    OpenLine,
    VisitAmount,
    allocate_oldest_first,
    allocate_to_visits,
    apply_credit_to,
)
from medbill_desktop.domain.audit import AuditAction
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.ids import new_id
from medbill_desktop.domain.ledger import AccountKind, Party, TxKind, patient_credit, receivable, refund, reversal
from medbill_desktop.domain.money import format_cents
from medbill_desktop.domain.patients import Patient, format_date
from medbill_desktop.domain.roles import Permission
from medbill_desktop.services.checkin import (
    AppliedAmount,
    PaymentMethod,
    PaymentReceipt,
    take_payment_in,
    validate_payment,
)
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.errors import ServiceError
from medbill_desktop.services.ledger import post_in
from medbill_desktop.storage import account_ledger_store as store
from medbill_desktop.storage import accounts_store, ledger_store, patients_store

REFUND_PERMISSION = Permission.REVERSE_TRANSACTIONS  # biller or manager
MAX_REASON = 200

__all__ = ["AppliedAmount", "ApplyTo", "CreditApplied", "PatientBalances", "PaymentMethod", "PaymentReceipt",
           "PaymentRecord", "PaymentReversal", "RefundRecord", "VisitAmount", "VisitBalance", "apply_credit",
           "list_payments", "patient_balances", "refund_credit", "reverse_credit_application", "reverse_entry",
           "reverse_payment",
           "take_payment"]


class ApplyTo(StrEnum):
    OLDEST_FIRST = "oldest_first"  # the patient's oldest balances first, the rest held as credit
    VISITS = "visits"  # the amounts chosen per visit, the rest held as credit
    CREDIT = "credit"  # all of it held as credit (a prepayment)

    @property
    def label(self) -> str:
        return {"oldest_first": "Oldest balance first", "visits": "Chosen visits",
                "credit": "Hold as credit"}[self.value]


@dataclass(frozen=True, slots=True)
class VisitBalance:
    """A finalized visit with something still owed on it, by whom."""

    encounter_id: str
    date_of_service: date | None
    codes: tuple[str, ...]
    charge_cents: int
    insurance_cents: int  # still with the payers
    patient_cents: int  # the patient's share

    @property
    def label(self) -> str:
        return f"the {format_date(self.date_of_service)} visit" if self.date_of_service else "the visit"


@dataclass(frozen=True, slots=True)
class PatientBalances:
    patient_id: str
    account_number: str
    patient_name: str
    visits: tuple[VisitBalance, ...]  # oldest first; only visits with a balance
    credit_cents: int  # held on account, not yet applied

    @property
    def patient_due_cents(self) -> int:
        return sum(v.patient_cents for v in self.visits)

    @property
    def insurance_due_cents(self) -> int:
        return sum(v.insurance_cents for v in self.visits)

    @property
    def patient_owes_cents(self) -> int:
        return max(self.patient_due_cents - self.credit_cents, 0)


@dataclass(frozen=True, slots=True)
class CreditApplied:
    transaction_id: str
    patient_id: str
    applied_cents: int
    credit_left_cents: int
    visits: tuple[tuple[str, int], ...]  # (encounter id, cents) in the order applied


@dataclass(frozen=True, slots=True)
class RefundRecord:
    refund_id: str
    transaction_id: str
    patient_id: str
    amount_cents: int
    method: PaymentMethod
    reference: str
    reason: str
    refunded_on: date
    credit_left_cents: int


@dataclass(frozen=True, slots=True)
class PaymentReversal:
    payment_id: str
    receipt_number: str
    transaction_id: str  # the reversal's
    amount_cents: int
    reason: str


@dataclass(frozen=True, slots=True)
class PaymentRecord:
    """A front-desk payment as listed on the account."""

    payment_id: str
    receipt_number: str
    transaction_id: str
    received_on: date
    method: PaymentMethod
    reference: str
    amount_cents: int
    applied_cents: int
    credit_cents: int
    reversed_on: date | None
    reversal_reason: str

    @property
    def method_text(self) -> str:
        if self.method is PaymentMethod.CHECK:
            return f"Check no. {self.reference}"
        if self.method is PaymentMethod.CARD:
            return f"Card ending {self.reference}"
        return "Cash"


# --- reading ----------------------------------------------------------------------------------------------------
def _patient(conn: Connection, patient_id: str) -> Patient:
    patient = patients_store.get_patient(conn, patient_id)
    if patient is None:
        raise ServiceError("That patient no longer exists; search again.", "patient_id")
    return patient


def _open_lines(conn: Connection, patient_id: str, account: str) -> tuple[list[OpenLine], list[VisitBalance]]:
    balances = store.receivable_balances(conn, account)
    refs: dict[str, LineRef] = {}
    for line_id, encounter_id, position, procedure, m1, m2, m3, m4, cents, day in store.lines(conn, patient_id):
        if line_id in balances:
            code = "-".join(x for x in (procedure, m1, m2, m3, m4) if x)
            refs[line_id] = LineRef(line_id, encounter_id, store.as_date(day), code, cents, position)
    open_lines: list[OpenLine] = []
    visits: dict[str, list[tuple[LineRef, dict[str, int]]]] = {}
    for line_id, parties in balances.items():
        line = refs.get(line_id)
        if line is None:
            continue
        visits.setdefault(line.encounter_id, []).append((line, parties))
        owed = parties.get(Party.PATIENT.value, 0)
        if owed > 0:
            open_lines.append(OpenLine(line, owed))
    out: list[VisitBalance] = []
    for encounter_id, items in visits.items():
        items.sort(key=lambda x: x[0].position)
        insurance = sum(v for _, parties in items for p, v in parties.items() if p != Party.PATIENT.value)
        patient = sum(parties.get(Party.PATIENT.value, 0) for _, parties in items)
        if insurance or patient:
            day = min((line.date_of_service for line, _ in items if line.date_of_service), default=None)
            out.append(VisitBalance(encounter_id, day, tuple(line.code for line, _ in items),
                                    sum(line.charge_cents for line, _ in items), insurance, patient))
    out.sort(key=lambda v: (v.date_of_service or date.max, v.encounter_id))
    return open_lines, out


def _credit(conn: Connection, account: str) -> int:
    return -accounts_store.account_balance(conn, patient_credit(account).code)


def patient_balances(ws: Workstation, patient_id: str) -> PatientBalances:
    """What the patient owes per visit and the credit held: what the payment dialog shows. Recorded in the
    audit log as a view of the account."""
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.write() as conn:
        patient = _patient(conn, patient_id)
        _lines, visits = _open_lines(conn, patient_id, patient.account_number)
        credit = _credit(conn, patient.account_number)
        ws.audit(conn, AuditAction.VIEW, "patient", patient_id,
                 {"what": "balances for a payment", "account": patient.account_number})
    return PatientBalances(patient_id, patient.account_number, patient.display_name, tuple(visits), credit)


def list_payments(ws: Workstation, patient_id: str) -> list[PaymentRecord]:
    """The patient's front-desk payments, newest first, each saying whether it was reversed."""
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.read() as conn:
        rows = store.receipts(conn, patient_id)
        undone = store.reversed_transactions(conn, [r.transaction_id for r in rows])
    out: list[PaymentRecord] = []
    for r in rows:
        rev = undone.get(r.transaction_id)
        received = store.as_date(r.received_on)
        assert received is not None
        out.append(PaymentRecord(r.id, r.receipt_number, r.transaction_id, received, PaymentMethod(r.method),
                                 r.reference, int(r.amount_cents), int(r.applied_cents), int(r.credit_cents),
                                 store.as_date(rev.occurred_on) if rev is not None else None,
                                 rev.memo if rev is not None else ""))
    return out


# --- allocation -------------------------------------------------------------------------------------------------
def _allocate(conn: Connection, patient_id: str, account: str, amount: int, apply: ApplyTo,
              visits: Sequence[VisitAmount]) -> list[tuple[LineRef, int]]:
    try:
        how = ApplyTo(apply)
    except ValueError:
        raise DomainError("Choose how to apply the money: oldest balance first, chosen visits, or hold it as "
                          "credit.", "apply") from None
    if how is ApplyTo.CREDIT:
        if visits:
            raise DomainError("Money held as credit is not applied to visits; choose 'Chosen visits' to apply "
                              "it.", "apply")
        return []
    open_lines, balances = _open_lines(conn, patient_id, account)
    if how is ApplyTo.OLDEST_FIRST:
        return allocate_oldest_first(amount, open_lines)
    if not visits:
        raise DomainError("Enter the amount to apply to at least one visit.", "allocations")
    names = {v.encounter_id: v.label for v in balances}
    chosen = allocate_to_visits(visits, open_lines, names)
    total = sum(cents for _, cents in chosen)
    if total > amount:
        raise DomainError(f"The amounts for the visits add up to {format_cents(total)}, more than "
                          f"{format_cents(amount)}.", "allocations")
    return chosen


def _by_visit(chosen: Sequence[tuple[LineRef, int]]) -> tuple[tuple[str, int], ...]:
    out: dict[str, int] = {}
    for line, cents in chosen:
        out[line.encounter_id] = out.get(line.encounter_id, 0) + cents
    return tuple(out.items())


# --- taking a payment -------------------------------------------------------------------------------------------
def take_payment(ws: Workstation, patient_id: str, amount_cents: int, method: str, reference: str = "",
                 apply: ApplyTo | str = ApplyTo.OLDEST_FIRST, visits: Sequence[VisitAmount] = (),
                 encounter_id: str | None = None) -> PaymentReceipt:
    """Take a payment into today's drawer and apply it: to the patient's oldest balances first, to the amounts
    chosen per visit, or not at all (a prepayment). What is not applied is held as credit on the account.
    `method` is cash, check (reference: the check number) or card (reference: its last 4 digits).
    Returns what the receipt prints (services.checkin.receipt_pdf prints it)."""
    ws.require(Permission.TAKE_PATIENT_PAYMENTS)
    validate_payment(amount_cents, method, reference)
    with ws.write() as conn:
        patient = _patient(conn, patient_id)
        chosen = _allocate(conn, patient_id, patient.account_number, amount_cents, ApplyTo(apply), visits)
        visit_ids = {line.encounter_id for line, _ in chosen}
        for_visit = encounter_id or (next(iter(visit_ids)) if len(visit_ids) == 1 else None)
        return take_payment_in(ws, conn, patient_id, amount_cents, method, reference, for_visit,
                               [AppliedAmount(line.line_id, cents) for line, cents in chosen])


def apply_credit(ws: Workstation, patient_id: str, apply: ApplyTo | str = ApplyTo.OLDEST_FIRST,
                 visits: Sequence[VisitAmount] = (), amount_cents: int | None = None) -> CreditApplied:
    """Use credit held on the account to pay what the patient owes: oldest balances first (up to
    `amount_cents`, all the credit when None) or the amounts chosen per visit."""
    ws.require(Permission.TAKE_PATIENT_PAYMENTS)
    how = ApplyTo(apply)
    if how is ApplyTo.CREDIT:
        raise DomainError("Choose where the credit goes: oldest balance first or chosen visits.", "apply")
    with ws.write() as conn:
        patient = _patient(conn, patient_id)
        account = patient.account_number
        credit = _credit(conn, account)
        if credit <= 0:
            raise DomainError("There is no credit on the account to apply.", "amount")
        limit = credit if amount_cents is None else amount_cents
        if isinstance(limit, bool) or not isinstance(limit, int) or limit <= 0:
            raise DomainError("Enter an amount of credit over $0.00.", "amount")
        if limit > credit:
            raise DomainError(f"{format_cents(limit)} is more than the credit on the account "
                              f"({format_cents(credit)}).", "amount")
        chosen = _allocate(conn, patient_id, account, limit, how, visits)
        if not chosen:
            raise DomainError("The patient owes nothing on any visit now; the credit stays on the account.",
                              "allocations")
        applied = sum(cents for _, cents in chosen)
        tx = apply_credit_to(account, [(receivable(line.line_id, Party.PATIENT, account), cents)
                                       for line, cents in chosen], ws.today(), "Credit on account applied")
        post_in(ws, conn, tx)
        by_visit = _by_visit(chosen)
        ws.audit(conn, AuditAction.CHANGE, "patient", patient_id,
                 {"op": "apply_credit", "transaction_id": tx.id, "applied_cents": applied})
        ws.emit(conn, "patient_credit.applied", "patient", patient_id, {
            "transaction_id": tx.id, "account": account, "applied_cents": applied,
            "visits": [{"encounter_id": e, "amount_cents": c} for e, c in by_visit]})
    return CreditApplied(tx.id, patient_id, applied, credit - applied, by_visit)


# --- refunds ----------------------------------------------------------------------------------------------------
def _reason(text: str) -> str:
    reason = " ".join(text.split())
    if not reason:
        raise DomainError("Say why (it is kept with the entry and read on the account).", "reason")
    if len(reason) > MAX_REASON:
        raise DomainError(f"Keep the reason under {MAX_REASON} characters.", "reason")
    return reason


def refund_credit(ws: Workstation, patient_id: str, amount_cents: int, method: str, reference: str,
                  reason: str) -> RefundRecord:
    """Pay back credit held on the account (by check, card or cash): the credit moves to refunds payable and a
    patient_refunds row records how and why. A biller or a manager does this."""
    ws.require(REFUND_PERMISSION)
    kind, ref = validate_payment(amount_cents, method, reference)
    why = _reason(reason)
    with ws.write() as conn:
        patient = _patient(conn, patient_id)
        account = patient.account_number
        credit = _credit(conn, account)
        if amount_cents > credit:
            raise DomainError(f"{format_cents(amount_cents)} is more than the credit on the account "
                              f"({format_cents(credit)}); only credit can be refunded.", "amount")
        today = ws.today()
        tx = refund(account, amount_cents, today, f"Refund {kind.label.lower()}: {why}")
        post_in(ws, conn, tx)
        refund_id = new_id()
        actor = ws.signed_in()
        store.insert_refund(conn, id=refund_id, patient_id=patient_id, transaction_id=tx.id,
                            amount_cents=amount_cents, method=kind.value, reference=ref, reason=why,
                            refunded_on=today, refunded_at=ws.now_iso(), refunded_by=actor.username)
        ws.audit(conn, AuditAction.CHANGE, "patient_refund", refund_id,
                 {"op": "refund", "patient_id": patient_id, "amount_cents": amount_cents, "method": kind.value})
        ws.emit(conn, "patient_refund.made", "patient_refund", refund_id, {
            "transaction_id": tx.id, "patient_id": patient_id, "amount_cents": amount_cents, "method": kind.value,
            "reference": ref, "reason": why})
    return RefundRecord(refund_id, tx.id, patient_id, amount_cents, kind, ref, why, today, credit - amount_cents)


# --- reversals --------------------------------------------------------------------------------------------------
def reverse_payment(ws: Workstation, payment_id: str, reason: str) -> PaymentReversal:
    """Undo a front-desk payment (a bounced check, a card charge-back, keyed on the wrong account): the ledger
    posts the exact opposite with the reason; the payment and its receipt stay on file, marked reversed."""
    ws.require(Permission.REVERSE_TRANSACTIONS)
    why = _reason(reason)
    with ws.write() as conn:
        row = accounts_store.get_payment(conn, payment_id)
        if row is None:
            raise ServiceError("That payment no longer exists.", "payment_id")
        original = ledger_store.load(conn, row.transaction_id)
        assert original is not None  # a foreign key
        if ledger_store.is_reversed(conn, original.id):
            raise DomainError(f"Receipt {row.receipt_number} was already reversed.", "payment_id")
        patient = _patient(conn, row.patient_id)
        held = int(row.credit_cents)
        credit = _credit(conn, patient.account_number)
        if held > credit:
            raise DomainError(
                f"Receipt {row.receipt_number} put {format_cents(held)} on credit, but only {format_cents(credit)} "
                "of credit is left (the rest was applied to visits or refunded). Reverse the use of the credit "
                "first, in the account ledger.", "payment_id")
        tx = reversal(original, ws.today(), f"Receipt {row.receipt_number}: {why}")
        post_in(ws, conn, tx)
        ws.audit(conn, AuditAction.CHANGE, "patient_payment", payment_id,
                 {"op": "reverse", "transaction_id": tx.id, "reason": why})
        ws.emit(conn, "patient_payment.reversed", "patient_payment", payment_id, {
            "transaction_id": tx.id, "reverses": original.id, "patient_id": row.patient_id,
            "amount_cents": int(row.amount_cents), "receipt_number": row.receipt_number, "reason": why})
    return PaymentReversal(payment_id, row.receipt_number, tx.id, int(row.amount_cents), why)


def reverse_credit_application(ws: Workstation, patient_id: str, transaction_id: str, reason: str) -> str:
    """Undo a use of credit (applied to the wrong visit): the amounts go back on the visits and the credit comes
    back on the account. Returns the reversal's transaction id."""
    ws.require(Permission.REVERSE_TRANSACTIONS)
    why = _reason(reason)
    with ws.write() as conn:
        patient = _patient(conn, patient_id)
        original = ledger_store.load(conn, transaction_id)
        credit_key = patient_credit(patient.account_number)
        if (original is None or original.kind is not TxKind.TRANSFER
                or not any(p.account == credit_key and p.amount > 0 for p in original.postings)
                or any(p.account.kind is AccountKind.RECEIVABLE and p.account.party is not Party.PATIENT
                       for p in original.postings)):
            raise DomainError("That entry is not a payment taken at the front desk or a use of this patient's "
                              "credit; insurance postings are reversed with their payment batch.", "transaction_id")
        if ledger_store.is_reversed(conn, original.id):
            raise DomainError("That use of credit was already reversed.", "transaction_id")
        tx = reversal(original, ws.today(), f"Credit application undone: {why}")
        post_in(ws, conn, tx)
        ws.audit(conn, AuditAction.CHANGE, "patient", patient_id,
                 {"op": "reverse_credit_application", "transaction_id": tx.id, "reverses": original.id})
        ws.emit(conn, "patient_credit.application_reversed", "patient", patient_id, {
            "transaction_id": tx.id, "reverses": original.id, "reason": why})
    return tx.id


def reverse_entry(ws: Workstation, patient_id: str, transaction_id: str, reason: str) -> str:
    """Reverse what the account ledger shows as one of the front desk's entries: a payment taken at the desk
    (reverse_payment) or a use of credit (reverse_credit_application). Insurance postings are reversed with
    their payment batch. Returns the reversal's transaction id."""
    ws.require(Permission.REVERSE_TRANSACTIONS)
    with ws.read() as conn:
        payment_id = store.payment_by_transaction(conn, transaction_id)
    if payment_id is not None:
        return reverse_payment(ws, payment_id, reason).transaction_id
    return reverse_credit_application(ws, patient_id, transaction_id, reason)
