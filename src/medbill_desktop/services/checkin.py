"""Check-in at the front desk: open today's encounter with the eligibility warnings, take a copay or
prepayment (cash, check or card) into the day's drawer as patient credit, and print its receipt."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import Connection

from medbill_desktop.documents.receipt import ReceiptData, render_receipt
from medbill_desktop.domain.audit import AuditAction
from medbill_desktop.domain.coverage import coverages_on
from medbill_desktop.domain.encounters import Encounter
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.ids import new_id
from medbill_desktop.domain.ledger import AccountKind, Party, patient_credit, payment, receivable
from medbill_desktop.domain.money import format_cents
from medbill_desktop.domain.practice import format_phone
from medbill_desktop.domain.roles import Permission
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.coverage import warnings_in
from medbill_desktop.services.encounters import write_encounter
from medbill_desktop.services.errors import ServiceError
from medbill_desktop.services.ledger import post_in
from medbill_desktop.services.numbers import next_number, workstation_prefix
from medbill_desktop.services.practice import load_practice
from medbill_desktop.storage import accounts_store, encounters_store, ledger_store, patients_store, reference_store

DEFAULT_PLACE_OF_SERVICE = "11"  # office
MAX_PAYMENT_CENTS = 10_000_000  # $100,000.00: more is a typo
_CHECK_NUMBER = re.compile(r"^[0-9A-Za-z\-]{1,20}$")


@dataclass(frozen=True, slots=True)
class CheckIn:
    encounter_id: str
    patient_id: str
    patient_name: str
    account_number: str
    date_of_service: date
    created: bool  # False when the patient's draft for the day was already open
    copay_cents: int  # the copay of the primary coverage in effect today, 0 without one
    warnings: tuple[str, ...]  # eligibility warnings, in words
    patient_due_cents: int = 0  # the patient's share still owed on earlier visits
    credit_cents: int = 0  # credit already on the account

    @property
    def owes_cents(self) -> int:
        """What the patient owes from earlier visits less the credit on the account."""
        return max(self.patient_due_cents - self.credit_cents, 0)


def _open_encounter(ws: Workstation, conn: Connection, patient_id: str, on: date) -> tuple[str, bool]:
    existing = encounters_store.draft_on(conn, patient_id, on)
    if existing is not None:
        return existing, False
    billing = reference_store.list_providers(conn, bills=True)
    rendering = reference_store.list_providers(conn, renders=True)
    draft = Encounter(patient_id=patient_id, date_of_service=on, place_of_service=DEFAULT_PLACE_OF_SERVICE,
                      billing_provider_id=billing[0].id if len(billing) == 1 else None,
                      rendering_provider_id=rendering[0].id if len(rendering) == 1 else None)
    return write_encounter(ws, conn, draft).id, True


def check_in_in(ws: Workstation, conn: Connection, patient_id: str, on: date | None = None) -> CheckIn:
    day = on or ws.today()
    patient = patients_store.get_patient(conn, patient_id)
    if patient is None:
        raise ServiceError("That patient no longer exists; search again.", "patient_id")
    encounter_id, created = _open_encounter(ws, conn, patient_id, day)
    in_effect = coverages_on(patients_store.coverages_for(conn, patient_id), day)
    warnings = tuple(warnings_in(conn, patient_id, day))
    ws.audit(conn, AuditAction.CHANGE, "patient", patient_id,
             {"op": "check_in", "encounter_id": encounter_id, "warnings": len(warnings)})
    ws.emit(conn, "patient.checked_in", "encounter", encounter_id,
            {"patient_id": patient_id, "date_of_service": day.isoformat()})
    due = accounts_store.receivables_by_party(conn, patient.account_number)[Party.PATIENT]
    credit = -accounts_store.account_balance(conn, patient_credit(patient.account_number).code)
    return CheckIn(encounter_id, patient_id, patient.display_name, patient.account_number, day, created,
                   in_effect[0].copay_cents if in_effect else 0, warnings, due, credit)


def check_in(ws: Workstation, patient_id: str, on: date | None = None) -> CheckIn:
    """Open the patient's draft encounter for the day (or return the one already open) and say what the
    front desk should know: eligibility warnings and the copay to collect. `on` defaults to today; a day in
    the future is refused."""
    ws.require(Permission.REGISTER_PATIENTS)
    with ws.write() as conn:
        return check_in_in(ws, conn, patient_id, on)


# --- payments -------------------------------------------------------------------------------------------------------
class PaymentMethod(StrEnum):
    CASH = "cash"
    CHECK = "check"
    CARD = "card"

    @property
    def label(self) -> str:
        return {"cash": "Cash", "check": "Check", "card": "Card"}[self.value]


@dataclass(frozen=True, slots=True)
class AppliedAmount:
    """Part of a payment applied to what the patient owes on one service line."""

    line_id: str
    amount_cents: int


@dataclass(frozen=True, slots=True)
class PaymentReceipt:
    """A front-desk payment as recorded: what the receipt prints."""

    payment_id: str
    receipt_number: str
    transaction_id: str
    patient_id: str
    patient_name: str
    account_number: str
    received_on: date
    method: PaymentMethod
    reference: str  # check number, card's last 4 digits, '' for cash
    amount_cents: int
    applied_cents: int
    credit_cents: int
    received_by: str  # the user's full name
    encounter_id: str | None
    visit_date: date | None
    visits_paid: tuple[tuple[date, int], ...] = ()  # (date of service, cents) the payment was applied to

    @property
    def method_text(self) -> str:
        if self.method is PaymentMethod.CHECK:
            return f"Check no. {self.reference}"
        if self.method is PaymentMethod.CARD:
            return f"Card ending {self.reference}"
        return "Cash"


def validate_payment(amount_cents: int, method: str, reference: str) -> tuple[PaymentMethod, str]:
    """The amount, the method and its reference (a check number, a card's last 4 digits) as the front desk
    typed them, checked; returns the method and the cleaned reference."""
    if isinstance(amount_cents, bool) or not isinstance(amount_cents, int) or amount_cents <= 0:
        raise DomainError("Enter an amount over $0.00.", "amount")
    if amount_cents > MAX_PAYMENT_CENTS:
        raise DomainError(f"{format_cents(amount_cents)} is more than a front-desk payment can be "
                          f"({format_cents(MAX_PAYMENT_CENTS)}); check the amount.", "amount")
    try:
        kind = PaymentMethod(method)
    except ValueError:
        raise DomainError("Choose how the patient paid: cash, check or card.", "method") from None
    ref = reference.strip()
    if kind is PaymentMethod.CHECK:
        if not ref:
            raise DomainError("Enter the check number.", "reference")
        if not _CHECK_NUMBER.match(ref):
            raise DomainError(f"'{ref}' is not a check number: up to 20 letters, digits or hyphens.", "reference")
    elif kind is PaymentMethod.CARD:
        digits = "".join(ch for ch in ref if ch.isdigit())
        if len(digits) > 4:
            raise DomainError("Enter only the last 4 digits of the card, never the whole card number.", "reference")
        if len(digits) != 4 or digits != ref:
            raise DomainError("Enter the last 4 digits of the card (from the terminal's slip).", "reference")
        ref = digits
    else:
        ref = ""
    return kind, ref


def drawer_batch(conn: Connection, on: date) -> str:
    """The payment batch of this workstation's front-desk drawer for a day."""
    return f"frontdesk:{workstation_prefix(conn)}:{on.isoformat()}"


def take_payment_in(ws: Workstation, conn: Connection, patient_id: str, amount_cents: int, method: str,
                    reference: str = "", encounter_id: str | None = None,
                    applied: Sequence[AppliedAmount] = ()) -> PaymentReceipt:
    """Record a front-desk payment inside the caller's transaction: `applied` pays the patient's receivables
    (services.patient_payments works out which), the rest is held as credit on the account."""
    actor = ws.signed_in()
    kind, ref = validate_payment(amount_cents, method, reference)
    patient = patients_store.get_patient(conn, patient_id)
    if patient is None:
        raise ServiceError("That patient no longer exists; search again.", "patient_id")
    visit_date = None
    if encounter_id is not None:
        encounter = encounters_store.load_encounter(conn, encounter_id)
        if encounter is None or encounter.patient_id != patient_id:
            raise DomainError("That visit is not this patient's; choose one of the patient's visits.",
                              "encounter_id")
        visit_date = encounter.date_of_service
    today = ws.today()
    payment_id = new_id()
    receipt_number = next_number(conn, "receipt")
    memo = f"{kind.label} payment at the front desk, receipt {receipt_number}"
    applied_cents = sum(a.amount_cents for a in applied)
    if applied_cents > amount_cents:
        raise DomainError(f"{format_cents(applied_cents)} applied to visits is more than the payment "
                          f"({format_cents(amount_cents)}).", "allocations")
    credit_cents = amount_cents - applied_cents
    tx = payment(drawer_batch(conn, today),
                 [(receivable(a.line_id, Party.PATIENT, patient.account_number), a.amount_cents) for a in applied],
                 today, to_credit=credit_cents, credit_account=patient.account_number, memo=memo,
                 source_key=f"frontdesk:{payment_id}")
    post_in(ws, conn, tx)
    accounts_store.insert_payment(
        conn, id=payment_id, receipt_number=receipt_number, transaction_id=tx.id, patient_id=patient_id,
        encounter_id=encounter_id, batch=drawer_batch(conn, today), method=kind.value, reference=ref,
        amount_cents=amount_cents, applied_cents=applied_cents, credit_cents=credit_cents, received_on=today,
        received_at=ws.now_iso(), received_by=actor.full_name)
    ws.audit(conn, AuditAction.CHANGE, "patient_payment", payment_id,
             {"op": "take", "patient_id": patient_id, "amount_cents": amount_cents, "method": kind.value,
              "applied_cents": applied_cents, "credit_cents": credit_cents})
    ws.emit(conn, "patient_payment.taken", "patient_payment", payment_id,
            {"transaction_id": tx.id, "patient_id": patient_id, "encounter_id": encounter_id,
             "method": kind.value, "reference": ref, "amount_cents": amount_cents, "receipt_number": receipt_number,
             "applied_cents": applied_cents, "credit_cents": credit_cents,
             "applied": [{"service_line_id": a.line_id, "amount_cents": a.amount_cents} for a in applied]})
    return PaymentReceipt(payment_id, receipt_number, tx.id, patient_id, patient.display_name,
                          patient.account_number, today, kind, ref, amount_cents, applied_cents, credit_cents,
                          actor.full_name, encounter_id, visit_date)


def take_patient_payment(ws: Workstation, patient_id: str, amount_cents: int, method: str, reference: str = "",
                         encounter_id: str | None = None) -> PaymentReceipt:
    """A copay or prepayment: the money goes into today's front-desk drawer (a payment batch) and is held as
    credit on the patient's account until the visit's charges are known. `method` is cash, check (reference:
    the check number) or card (reference: the card's last 4 digits). Returns what the receipt prints."""
    ws.require(Permission.TAKE_PATIENT_PAYMENTS)
    with ws.write() as conn:
        return take_payment_in(ws, conn, patient_id, amount_cents, method, reference, encounter_id)


def _receipt_in(conn: Connection, payment_id: str) -> PaymentReceipt:
    row = accounts_store.get_payment(conn, payment_id)
    if row is None:
        raise ServiceError("That payment no longer exists.", "payment_id")
    patient = patients_store.get_patient(conn, row.patient_id)
    assert patient is not None  # a foreign key
    visit = encounters_store.load_encounter(conn, row.encounter_id) if row.encounter_id else None
    return PaymentReceipt(row.id, row.receipt_number, row.transaction_id, row.patient_id, patient.display_name,
                          patient.account_number, row.received_on, PaymentMethod(row.method), row.reference,
                          int(row.amount_cents), int(row.applied_cents), int(row.credit_cents), row.received_by,
                          row.encounter_id, visit.date_of_service if visit else None,
                          _visits_paid(conn, row.transaction_id))


def _visits_paid(conn: Connection, transaction_id: str) -> tuple[tuple[date, int], ...]:
    """What the payment's transaction took off the patient's share of each visit, oldest visit first."""
    tx = ledger_store.load(conn, transaction_id)
    if tx is None:
        return ()
    lines: dict[str, int] = {}
    for p in tx.postings:
        if p.account.kind is AccountKind.RECEIVABLE and p.account.party is Party.PATIENT and p.amount < 0:
            line_id = p.account.ref.rsplit(":", 1)[0]
            lines[line_id] = lines.get(line_id, 0) - p.amount
    dates = encounters_store.visit_dates_of_lines(conn, list(lines))
    by_visit: dict[date, int] = {}
    for line_id, cents in lines.items():
        by_visit[dates[line_id]] = by_visit.get(dates[line_id], 0) + cents
    return tuple(sorted(by_visit.items()))


def get_payment(ws: Workstation, payment_id: str) -> PaymentReceipt:
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.read() as conn:
        return _receipt_in(conn, payment_id)


def receipt_pdf(ws: Workstation, payment_id: str) -> bytes:
    """The receipt as PDF bytes (the GUI prints them through Qt); recorded in the audit log as a print."""
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.write() as conn:
        receipt = _receipt_in(conn, payment_id)
        practice = load_practice(conn)
        if practice is None:
            raise ServiceError("Set up the practice first: its name and address head the receipt.")
        ws.audit(conn, AuditAction.PRINT, "patient_payment", payment_id,
                 {"document": "receipt", "receipt_number": receipt.receipt_number, "patient_id": receipt.patient_id})
    a = practice.address
    zip_code = f"{a.zip_code[:5]}-{a.zip_code[5:]}" if len(a.zip_code) == 9 else a.zip_code
    address = tuple(line for line in (a.line1, a.line2, f"{a.city}, {a.state} {zip_code}") if line)
    return render_receipt(ReceiptData(
        practice_name=practice.name, practice_address=address, practice_phone=format_phone(practice.phone),
        receipt_number=receipt.receipt_number, received_on=receipt.received_on, patient_name=receipt.patient_name,
        account_number=receipt.account_number, method=receipt.method_text, amount_cents=receipt.amount_cents,
        applied_cents=receipt.applied_cents, credit_cents=receipt.credit_cents, received_by=receipt.received_by,
        visit_date=receipt.visit_date, visits_paid=receipt.visits_paid))
