"""The patient account summary the front desk opens to answer "what do I owe?": balances read from the
ledger's postings (never a stored total), credit on account, the last payment, the last statement and the
encounters still open. Opening it is recorded in the audit log as a view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from medbill_desktop.domain.audit import AuditAction
from medbill_desktop.domain.encounters import EncounterStatus
from medbill_desktop.domain.ledger import Party, patient_credit
from medbill_desktop.domain.roles import Permission
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.encounters import EncounterSummary, summaries_in
from medbill_desktop.services.errors import ServiceError
from medbill_desktop.storage import accounts_store, patients_store


@dataclass(frozen=True, slots=True)
class LastPayment:
    on: date
    amount_cents: int


@dataclass(frozen=True, slots=True)
class AccountSummary:
    patient_id: str
    account_number: str
    patient_name: str
    insurance_due_cents: int  # still with the payers (primary + secondary + tertiary receivables)
    patient_due_cents: int  # the patient's share of the charges
    due_by_party: tuple[tuple[Party, int], ...]  # each party's receivables, primary first
    credit_cents: int  # money held on account (copays, prepayments), not yet applied
    last_payment: LastPayment | None  # the last money received for the patient's side of the account
    last_statement: date | None  # None until statements are sent
    open_encounters: tuple[EncounterSummary, ...]  # drafts: charges not yet entered or finalized

    @property
    def total_due_cents(self) -> int:
        return self.insurance_due_cents + self.patient_due_cents

    @property
    def patient_owes_cents(self) -> int:
        """The patient's share less their credit on account (0 when the credit covers it)."""
        return max(self.patient_due_cents - self.credit_cents, 0)


def account_summary(ws: Workstation, patient_id: str) -> AccountSummary:
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.write() as conn:
        patient = patients_store.get_patient(conn, patient_id)
        if patient is None:
            raise ServiceError("That patient no longer exists; search again.", "patient_id")
        account = patient.account_number
        due = accounts_store.receivables_by_party(conn, account)
        credit = -accounts_store.account_balance(conn, patient_credit(account).code)
        last = accounts_store.last_patient_payment(conn, account)
        open_encounters = tuple(summaries_in(conn, patient_id, EncounterStatus.DRAFT))
        ws.audit(conn, AuditAction.VIEW, "patient", patient_id, {"what": "account summary", "account": account})
    return AccountSummary(
        patient_id=patient_id, account_number=account, patient_name=patient.display_name,
        insurance_due_cents=sum(v for p, v in due.items() if p.is_insurance),
        patient_due_cents=due[Party.PATIENT],
        due_by_party=tuple((p, due[p]) for p in (Party.PRIMARY, Party.SECONDARY, Party.TERTIARY, Party.PATIENT)),
        credit_cents=credit,
        last_payment=LastPayment(last.occurred_on, last.amount_cents) if last else None,
        last_statement=None,
        open_encounters=open_encounters,
    )
