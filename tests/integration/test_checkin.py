"""Check-in and the copay: today's encounter with its warnings, a payment into the day's drawer held as
patient credit, and its receipt as a PDF whose text says who paid what."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

import pdfplumber
import pytest
from front_desk_support import Desk, count, make_desk
from sqlalchemy import select

from medbill_desktop.domain.audit import AuditAction
from medbill_desktop.domain.errors import DomainError, PermissionDenied
from medbill_desktop.domain.ids import new_id
from medbill_desktop.domain.ledger import AccountKind, LedgerError, patient_credit, payment_batch
from medbill_desktop.domain.patients import Patient
from medbill_desktop.domain.roles import Role
from medbill_desktop.services import checkin, encounters, ledger
from medbill_desktop.services.context import Actor, Workstation
from medbill_desktop.services.numbers import workstation_prefix
from medbill_desktop.storage.tables import audit_log, ledger_transactions, patient_payments


@pytest.fixture
def desk(workstation: Workstation) -> Desk:
    return make_desk(workstation)


@pytest.fixture
def john(desk: Desk) -> Patient:
    return desk.patient()


def test_check_in_opens_todays_encounter_once_with_the_warnings_and_copay(desk: Desk, john: Patient) -> None:
    ws = desk.ws
    primary = desk.insure(john, desk.aetna, copay_cents=3000)[0]
    first = checkin.check_in(ws, john.id)
    assert first.created and first.date_of_service == desk.today
    assert (first.patient_name, first.account_number, first.copay_cents) == ("Smith, John", john.account_number, 3000)
    assert first.warnings == (f"The primary coverage (member ID {primary.member_id}) has never been checked for "
                              "eligibility; check it before the visit.",)
    opened = encounters.get_encounter(ws, first.encounter_id)
    assert (opened.date_of_service, opened.place_of_service, opened.billing_provider_id,
            opened.rendering_provider_id, opened.lines) == (desk.today, "11", desk.billing.id, desk.rendering.id, ())
    again = checkin.check_in(ws, john.id)
    assert (again.encounter_id, again.created) == (first.encounter_id, False)
    assert len(encounters.list_encounters(ws, john.id)) == 1


def test_front_desk_checks_in_but_not_for_a_day_in_the_future(desk: Desk, john: Patient,
                                                              sign_in_as: Callable[[Role], Actor]) -> None:
    sign_in_as(Role.FRONT_DESK)
    with pytest.raises(DomainError, match="is in the future"):
        checkin.check_in(desk.ws, john.id, desk.today + timedelta(days=1))
    visit = checkin.check_in(desk.ws, john.id)
    assert visit.copay_cents == 0 and visit.warnings == ()  # self-pay: nothing to check


def test_a_copay_goes_into_the_days_drawer_as_patient_credit(desk: Desk, john: Patient) -> None:
    ws = desk.ws
    visit = checkin.check_in(ws, john.id)
    paid = checkin.take_patient_payment(ws, john.id, 2500, "check", " 1042 ", encounter_id=visit.encounter_id)
    assert (paid.amount_cents, paid.applied_cents, paid.credit_cents) == (2500, 0, 2500)
    assert (paid.method_text, paid.received_by, paid.visit_date) == ("Check no. 1042", "Ada Admin", desk.today)
    with ws.read() as conn:
        drawer = f"frontdesk:{workstation_prefix(conn)}:{desk.today.isoformat()}"
    credit, batch = patient_credit(john.account_number), payment_batch(drawer)
    assert ledger.balances(ws, [credit, batch]) == {credit: -2500, batch: 2500}
    tx = ledger.transaction(ws, paid.transaction_id)
    assert tx is not None and tx.source_key == f"frontdesk:{paid.payment_id}"
    assert {p.account.kind for p in tx.postings} == {AccountKind.PAYMENT_BATCH, AccountKind.PATIENT_CREDIT}
    second = checkin.take_patient_payment(ws, john.id, 1000, "card", "4242")
    assert second.method_text == "Card ending 4242" and second.receipt_number != paid.receipt_number
    assert ledger.balances(ws, [credit]) == {credit: -3500}
    assert checkin.get_payment(ws, paid.payment_id) == paid


@pytest.mark.parametrize(("amount", "method", "reference", "message", "field"), [
    (0, "cash", "", "Enter an amount over $0.00.", "amount"),
    (-500, "cash", "", "Enter an amount over $0.00.", "amount"),
    (10_000_001, "cash", "", "$100,000.01 is more than a front-desk payment can be ($100,000.00); check the amount.",
     "amount"),
    (2500, "venmo", "", "Choose how the patient paid: cash, check or card.", "method"),
    (2500, "check", "", "Enter the check number.", "reference"),
    (2500, "card", "4111 1111 1111 1111", "Enter only the last 4 digits of the card, never the whole card number.",
     "reference"),
    (2500, "card", "42", "Enter the last 4 digits of the card (from the terminal's slip).", "reference"),
])
def test_bad_payments_are_refused_and_nothing_is_posted(desk: Desk, john: Patient, amount: int, method: str,
                                                        reference: str, message: str, field: str) -> None:
    ws = desk.ws
    before = ledger.totals(ws), count(ws, patient_payments), count(ws, audit_log)
    with pytest.raises(DomainError) as refused:
        checkin.take_patient_payment(ws, john.id, amount, method, reference)
    assert (refused.value.message, refused.value.field) == (message, field)
    assert (ledger.totals(ws), count(ws, patient_payments), count(ws, audit_log)) == before


def test_a_payment_for_another_patients_visit_is_refused(desk: Desk, john: Patient) -> None:
    jane = desk.patient("Doe", "Jane")
    visit = checkin.check_in(desk.ws, jane.id)
    with pytest.raises(DomainError, match="not this patient's"):
        checkin.take_patient_payment(desk.ws, john.id, 2500, "cash", encounter_id=visit.encounter_id)
    assert count(desk.ws, ledger_transactions) == 0


def test_biller_may_take_payments_front_desk_may_not_edit_charges(desk: Desk, john: Patient,
                                                                  sign_in_as: Callable[[Role], Actor]) -> None:
    sign_in_as(Role.FRONT_DESK)
    paid = checkin.take_patient_payment(desk.ws, john.id, 2000, "cash")
    assert paid.received_by == "Front desk Person"
    with pytest.raises(PermissionDenied):
        encounters.finalize_encounter(desk.ws, checkin.check_in(desk.ws, john.id).encounter_id)


def test_the_receipt_pdf_shows_the_amount_and_the_patient_and_is_audited_as_a_print(desk: Desk, john: Patient) -> None:
    ws = desk.ws
    paid = checkin.take_patient_payment(ws, john.id, 2500, "cash")
    pdf = checkin.receipt_pdf(ws, paid.payment_id)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) == 1
        words = doc.pages[0].extract_text()
    assert "Riverside Family Medicine" in words
    assert "Smith, John" in words and john.account_number in words
    assert "Amount received $25.00" in words
    assert "Held as credit on your account $25.00" in words
    assert "Payment method: Cash" in words and "Received by: Ada Admin" in words
    assert f"Receipt no. {paid.receipt_number}" in words
    assert f"Date: {desk.today.strftime('%m/%d/%Y')}" in words
    with ws.read() as conn:
        last = conn.execute(select(audit_log.c.action, audit_log.c.entity, audit_log.c.entity_id)
                            .order_by(audit_log.c.seq.desc()).limit(1)).one()
    assert tuple(last) == (AuditAction.PRINT.value, "patient_payment", paid.payment_id)


def test_the_same_payment_cannot_be_posted_twice(desk: Desk, john: Patient) -> None:
    paid = checkin.take_patient_payment(desk.ws, john.id, 2500, "cash")
    tx = ledger.transaction(desk.ws, paid.transaction_id)
    assert tx is not None
    with pytest.raises(LedgerError, match="already posted"):
        ledger.post(desk.ws, replace(tx, id=new_id()))
