"""Patient payments at the front desk on a real workstation: applied to the oldest balance or to chosen visits,
the rest held as credit; credit applied later; refunds; reversals; each one write transaction with its audit
entry and its event; and the refusals, in words that say which visit and what it owes."""

from __future__ import annotations

import io
import json
from collections.abc import Callable

import pdfplumber
import pytest
from account_support import Eob, Visit, eob, seen
from front_desk_support import Desk, count, make_desk
from sqlalchemy import select

from medbill_desktop.domain.account_ledger import VisitAmount
from medbill_desktop.domain.errors import DomainError, PermissionDenied
from medbill_desktop.domain.ledger import Party, patient_credit, receivable, refunds_payable
from medbill_desktop.domain.patients import Patient
from medbill_desktop.domain.roles import Role
from medbill_desktop.services import checkin, ledger, patient_payments
from medbill_desktop.services.context import Actor, Workstation
from medbill_desktop.services.patient_payments import ApplyTo
from medbill_desktop.storage.tables import (
    audit_log,
    ledger_transactions,
    outbox,
    patient_refunds,
)
from medbill_desktop.storage.tables import (
    patient_payments as payments_table,
)


@pytest.fixture
def desk(workstation: Workstation) -> Desk:
    return make_desk(workstation)


@pytest.fixture
def ann(desk: Desk) -> Patient:
    """A self-pay patient: what she is charged is hers to pay."""
    return desk.patient("Brown", "Ann")


def owed(ws: Workstation, account: str, visit: Visit) -> list[int]:
    keys = [receivable(line, Party.PATIENT, account) for line in visit.line_ids]
    found = ledger.balances(ws, keys)
    return [found[k] for k in keys]


def credit_of(ws: Workstation, account: str) -> int:
    key = patient_credit(account)
    return -ledger.balances(ws, [key])[key]


def events(ws: Workstation) -> list[tuple[str, dict[str, object]]]:
    with ws.read() as conn:
        return [(r.event, json.loads(r.payload)) for r in conn.execute(select(outbox).order_by(outbox.c.seq))]


def test_oldest_balance_first_then_the_rest_as_credit(desk: Desk, ann: Patient) -> None:
    ws = desk.ws
    old = seen(desk, ann, (("99213", 12500), ("36415", 1500)), days_ago=40)
    new = seen(desk, ann, (("99214", 18000),), days_ago=5)
    before_events, before_audit = len(events(ws)), count(ws, audit_log)

    paid = patient_payments.take_payment(ws, ann.id, 15000, "check", "2231")
    assert (paid.amount_cents, paid.applied_cents, paid.credit_cents) == (15000, 15000, 0)
    assert owed(ws, ann.account_number, old) == [0, 0] and owed(ws, ann.account_number, new) == [17000]
    assert paid.encounter_id is None  # it paid two visits
    more = patient_payments.take_payment(ws, ann.id, 20000, "card", "4242")
    assert (more.applied_cents, more.credit_cents, more.encounter_id) == (17000, 3000, new.encounter_id)
    assert owed(ws, ann.account_number, new) == [0] and credit_of(ws, ann.account_number) == 3000

    taken = events(ws)[before_events:]
    business = [(name, body) for name, body in taken if name.startswith("patient_payment")]
    assert [name for name, _ in taken] == ["ledger.payment_posted", "patient_payment.taken"] * 2
    assert business[0][1]["applied"] == [
        {"service_line_id": old.line_ids[0], "amount_cents": 12500},
        {"service_line_id": old.line_ids[1], "amount_cents": 1500},
        {"service_line_id": new.line_ids[0], "amount_cents": 1000}]
    assert count(ws, audit_log) == before_audit + 4  # per payment: the ledger posting and the payment
    with ws.read() as conn:
        row = conn.execute(select(payments_table).where(payments_table.c.id == more.payment_id)).one()
    assert (row.method, row.reference, row.applied_cents, row.credit_cents) == ("card", "4242", 17000, 3000)

    # the receipt says what was applied, to which visits, and what is held
    text = "\n".join(page.extract_text() for page in pdfplumber.open(
        io.BytesIO(checkin.receipt_pdf(ws, more.payment_id))).pages)
    assert "Card ending 4242" in text and "Applied to charges $170.00" in text
    assert f"Visit of {new.date_of_service:%m/%d/%Y} $170.00" in text
    assert "Held as credit on your account $30.00" in text
    first = checkin.get_payment(ws, paid.payment_id)
    assert first.visits_paid == ((old.date_of_service, 14000), (new.date_of_service, 1000))


def test_chosen_visits_and_the_refusals(desk: Desk, ann: Patient) -> None:
    ws = desk.ws
    old = seen(desk, ann, (("99213", 12500),), days_ago=40)
    new = seen(desk, ann, (("99214", 18000), ("36415", 1500)), days_ago=5)
    insured = desk.patient("Green", "Gail")
    desk.insure(insured, desk.aetna)
    with_insurance = seen(desk, insured, (("99213", 12500),), days_ago=3)
    dos = new.date_of_service.strftime("%m/%d/%Y")
    tx_before = count(ws, ledger_transactions)

    with pytest.raises(DomainError, match=rf"^\$200\.00 is more than the patient's balance of the {dos} visit "
                                          r"\(\$195\.00\)\.$") as refused:
        patient_payments.take_payment(ws, ann.id, 25000, "cash", apply=ApplyTo.VISITS,
                                      visits=[VisitAmount(new.encounter_id, 20000)])
    assert refused.value.field == "allocations"
    with pytest.raises(DomainError, match=r"add up to \$145\.00, more than \$100\.00"):
        patient_payments.take_payment(ws, ann.id, 10000, "cash", apply=ApplyTo.VISITS, visits=[
            VisitAmount(new.encounter_id, 2000), VisitAmount(old.encounter_id, 12500)])
    with pytest.raises(DomainError, match="Enter the amount to apply to at least one visit"):
        patient_payments.take_payment(ws, ann.id, 1000, "cash", apply=ApplyTo.VISITS)
    with pytest.raises(DomainError, match="Enter the check number"):
        patient_payments.take_payment(ws, ann.id, 1000, "check", "")
    with pytest.raises(DomainError, match=r"what the patient owes on the .* visit \(\$0\.00: nothing is the "
                                          r"patient's to pay there yet\)"):
        patient_payments.take_payment(ws, insured.id, 1000, "cash", apply=ApplyTo.VISITS,
                                      visits=[VisitAmount(with_insurance.encounter_id, 1000)])
    assert count(ws, ledger_transactions) == tx_before  # nothing was written

    paid = patient_payments.take_payment(ws, ann.id, 20000, "cash", apply=ApplyTo.VISITS,
                                         visits=[VisitAmount(new.encounter_id, 18500)])
    assert owed(ws, ann.account_number, new) == [0, 1000] and owed(ws, ann.account_number, old) == [12500]
    assert (paid.applied_cents, paid.credit_cents, paid.encounter_id) == (18500, 1500, new.encounter_id)
    balances = patient_payments.patient_balances(ws, ann.id)
    assert [(v.encounter_id, v.codes, v.charge_cents, v.patient_cents) for v in balances.visits] == [
        (old.encounter_id, ("99213",), 12500, 12500), (new.encounter_id, ("99214", "36415"), 19500, 1000)]
    assert (balances.credit_cents, balances.patient_due_cents, balances.patient_owes_cents) == (1500, 13500, 12000)
    gail = patient_payments.patient_balances(ws, insured.id)
    assert [(v.insurance_cents, v.patient_cents) for v in gail.visits] == [(12500, 0)]


def test_a_prepayment_applied_later_oldest_first_or_to_a_visit(desk: Desk, ann: Patient,
                                                               sign_in_as: Callable[[Role], Actor]) -> None:
    ws = desk.ws
    sign_in_as(Role.FRONT_DESK)
    prepaid = patient_payments.take_payment(ws, ann.id, 10000, "cash", apply=ApplyTo.CREDIT)
    assert (prepaid.applied_cents, prepaid.credit_cents) == (0, 10000)
    with pytest.raises(DomainError, match="owes nothing on any visit now"):
        patient_payments.apply_credit(ws, ann.id)
    sign_in_as(Role.BILLER)  # charge entry is the biller's
    old = seen(desk, ann, (("99213", 12500),), days_ago=40)
    new = seen(desk, ann, (("36415", 1500),), days_ago=2)
    sign_in_as(Role.FRONT_DESK)
    with pytest.raises(DomainError, match=r"\$150\.00 is more than the credit on the account \(\$100\.00\)"):
        patient_payments.apply_credit(ws, ann.id, amount_cents=15000)

    to_new = patient_payments.apply_credit(ws, ann.id, ApplyTo.VISITS, [VisitAmount(new.encounter_id, 1500)])
    assert (to_new.applied_cents, to_new.credit_left_cents, to_new.visits) == (1500, 8500,
                                                                              ((new.encounter_id, 1500),))
    rest = patient_payments.apply_credit(ws, ann.id)
    assert (rest.applied_cents, rest.credit_left_cents) == (8500, 0)
    assert owed(ws, ann.account_number, old) == [4000] and owed(ws, ann.account_number, new) == [0]
    assert [name for name, _ in events(ws)[-2:]] == ["ledger.transfer_posted", "patient_credit.applied"]
    tx = ledger.transaction(ws, rest.transaction_id)
    assert tx is not None and len(tx.postings) == 2  # one transaction: the credit and the visit's line

    # the front desk may not undo it; a biller may, and the credit comes back
    with pytest.raises(PermissionDenied):
        patient_payments.reverse_credit_application(ws, ann.id, rest.transaction_id, "Wrong visit")
    sign_in_as(Role.BILLER)
    with pytest.raises(DomainError, match="not a payment taken at the front desk or a use of this patient's"):
        patient_payments.reverse_credit_application(ws, ann.id, prepaid.transaction_id, "Wrong")
    patient_payments.reverse_credit_application(ws, ann.id, rest.transaction_id, "Wrong visit")
    assert credit_of(ws, ann.account_number) == 8500 and owed(ws, ann.account_number, old) == [12500]
    with pytest.raises(DomainError, match="already reversed"):
        patient_payments.reverse_credit_application(ws, ann.id, rest.transaction_id, "Again")


def test_refunds_are_a_billers_or_a_managers(desk: Desk, ann: Patient,
                                             sign_in_as: Callable[[Role], Actor]) -> None:
    ws = desk.ws
    patient_payments.take_payment(ws, ann.id, 6000, "check", "881", apply=ApplyTo.CREDIT)
    sign_in_as(Role.FRONT_DESK)
    with pytest.raises(PermissionDenied, match="may not reverse transactions"):
        patient_payments.refund_credit(ws, ann.id, 1000, "check", "5001", "Overpaid")
    sign_in_as(Role.BILLER)
    with pytest.raises(DomainError, match=r"\$70\.00 is more than the credit on the account \(\$60\.00\); only "
                                          "credit can be refunded"):
        patient_payments.refund_credit(ws, ann.id, 7000, "check", "5001", "Overpaid")
    with pytest.raises(DomainError, match="Say why"):
        patient_payments.refund_credit(ws, ann.id, 1000, "check", "5001", "   ")
    done = patient_payments.refund_credit(ws, ann.id, 2500, "check", "5001", "  Overpaid   the visit ")
    assert (done.amount_cents, done.reason, done.credit_left_cents) == (2500, "Overpaid the visit", 3500)
    owed_back = refunds_payable(ann.account_number)
    assert ledger.balances(ws, [owed_back]) == {owed_back: -2500} and credit_of(ws, ann.account_number) == 3500
    with ws.read() as conn:
        row = conn.execute(select(patient_refunds)).one()
    assert (row.method, row.reference, row.amount_cents, row.refunded_by, row.transaction_id) == (
        "check", "5001", 2500, "betty", done.transaction_id)
    assert events(ws)[-1][0] == "patient_refund.made"


def test_reversing_a_payment_keeps_it_on_file_and_puts_the_balance_back(desk: Desk, ann: Patient,
                                                                         sign_in_as: Callable[[Role], Actor]) -> None:
    ws = desk.ws
    visit = seen(desk, ann, (("99213", 12500),), days_ago=10)
    bounced = patient_payments.take_payment(ws, ann.id, 15000, "check", "777")
    assert owed(ws, ann.account_number, visit) == [0] and credit_of(ws, ann.account_number) == 2500
    with pytest.raises(DomainError, match="owes nothing on any visit now"):
        patient_payments.apply_credit(ws, ann.id, ApplyTo.OLDEST_FIRST)
    sign_in_as(Role.FRONT_DESK)
    with pytest.raises(PermissionDenied):
        patient_payments.reverse_payment(ws, bounced.payment_id, "Check bounced")
    sign_in_as(Role.BILLER)
    with pytest.raises(DomainError, match="Say why"):
        patient_payments.reverse_payment(ws, bounced.payment_id, "")
    undone = patient_payments.reverse_payment(ws, bounced.payment_id, "Check bounced")
    assert owed(ws, ann.account_number, visit) == [12500] and credit_of(ws, ann.account_number) == 0
    assert undone.receipt_number == bounced.receipt_number
    listed = patient_payments.list_payments(ws, ann.id)
    assert [(p.receipt_number, p.reversed_on, p.reversal_reason) for p in listed] == [
        (bounced.receipt_number, desk.today, f"Receipt {bounced.receipt_number}: Check bounced")]
    with pytest.raises(DomainError, match="was already reversed"):
        patient_payments.reverse_payment(ws, bounced.payment_id, "Again")
    assert events(ws)[-1][0] == "patient_payment.reversed"


def test_a_payment_whose_credit_was_used_is_not_reversed_until_that_is(desk: Desk, ann: Patient) -> None:
    ws = desk.ws
    prepaid = patient_payments.take_payment(ws, ann.id, 5000, "cash", apply=ApplyTo.CREDIT)
    seen(desk, ann, (("36415", 1500),), days_ago=1)
    used = patient_payments.apply_credit(ws, ann.id)
    with pytest.raises(DomainError, match=rf"Receipt {prepaid.receipt_number} put \$50\.00 on credit, but only "
                                          r"\$35\.00 of credit is left"):
        patient_payments.reverse_payment(ws, prepaid.payment_id, "Keyed on the wrong account")
    patient_payments.reverse_credit_application(ws, ann.id, used.transaction_id, "Keyed on the wrong account")
    patient_payments.reverse_payment(ws, prepaid.payment_id, "Keyed on the wrong account")
    assert credit_of(ws, ann.account_number) == 0


def test_insurance_balances_are_not_the_patients_to_pay(desk: Desk) -> None:
    ws = desk.ws
    gail = desk.patient("Green", "Gail")
    desk.insure(gail, desk.aetna, copay_cents=0)
    visit = seen(desk, gail, (("99213", 12500),), days_ago=30)
    paid = patient_payments.take_payment(ws, gail.id, 3000, "cash")
    assert (paid.applied_cents, paid.credit_cents) == (0, 3000)  # all of it with Aetna: held as credit
    eob(desk, visit, [Eob(12500, 8000, 6000, coinsurance=2000)])
    used = patient_payments.apply_credit(ws, gail.id)
    assert (used.applied_cents, used.credit_left_cents) == (2000, 1000)
    assert owed(ws, gail.account_number, visit) == [0]


def test_check_in_says_what_is_owed_from_earlier_visits(desk: Desk, ann: Patient) -> None:
    ws = desk.ws
    seen(desk, ann, (("99213", 12500),), days_ago=30)
    patient_payments.take_payment(ws, ann.id, 2500, "cash", apply=ApplyTo.CREDIT)
    visit = checkin.check_in(ws, ann.id)
    assert (visit.patient_due_cents, visit.credit_cents, visit.owes_cents) == (12500, 2500, 10000)
