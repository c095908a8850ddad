"""Domain records travel as their JSON form (the outbox payload) and come back whole on another workstation:
services.sync_apply.revive(as_json(record)) == record, for every record a pulled change rebuilds."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from medbill_desktop.domain.claim_form import Attachment, CalibrationProfile, ClaimExtras, DateRange, OtherId
from medbill_desktop.domain.coverage import Coverage, EligibilityCheck, EligibilityMethod, Relationship, Subscriber
from medbill_desktop.domain.encounters import ClaimDate, Encounter, ServiceLine
from medbill_desktop.domain.ledger import Party
from medbill_desktop.domain.patients import Guarantor, GuarantorRelationship, Patient, Sex
from medbill_desktop.domain.practice import Address, Practice
from medbill_desktop.domain.reference import Payer, PlanType, Provider, Submission
from medbill_desktop.services.sync_apply import as_json, fields_set, revive

HOME = Address("5 Oak Ave", "Springfield", "IL", "62704", line2="Apt 2")

RECORDS = [
    Patient("Adams", "Ruth", date(1950, 4, 1), Sex.FEMALE, address=HOME, home_phone="2175550100",
            account_number="KQD000001", release_signed_on=date(2026, 1, 5),
            guarantor=Guarantor("Adams", "Ken", GuarantorRelationship.SPOUSE, HOME, "2175550101",
                                date(1948, 2, 2))),
    Patient("Baker", "Tom"),
    Coverage("p1", "payer-1", Party.SECONDARY, "MBR1", relationship=Relationship.SPOUSE,
             subscriber=Subscriber("Adams", "Ken", date(1948, 2, 2), Sex.MALE, address=HOME),
             effective_from=date(2026, 1, 1), copay_cents=2500, benefits_assigned=False),
    EligibilityCheck("cov-1", date(2026, 11, 2), "Dana", EligibilityMethod(list(EligibilityMethod)[0].value), True,
                     copay_cents=2500),
    Encounter("p1", date(2026, 10, 30), place_of_service="11", diagnoses=("I10", "E119"),
              current_illness=ClaimDate("431", date(2026, 10, 1)),
              lines=(ServiceLine("99213", 12500, modifiers=("25",), pointers=(1, 2)),
                     ServiceLine("J1100", 900, units=3, ndc="00009004701", ndc_unit="ML",
                                 ndc_quantity=Decimal("1.5")))),
    ClaimExtras(auto_accident=True, auto_accident_state="IL", unable_to_work=DateRange(date(2026, 10, 1)),
                referring_other_id=OtherId("0B", "12345"), attachments=(Attachment("OZ", "BM", "A1"),)),
    CalibrationProfile("Front printer", 5, -3, 1.01, {"24.charges": (2, -1)}),
    Practice("Riverside Family Medicine", "1234567893", "123456789", "207Q00000X", HOME, "2175550100"),
    Payer("Aetna", PlanType.GROUP_HEALTH_PLAN, Submission.ELECTRONIC, edi_id="60054"),
    Provider(npi="1234567893", taxonomy="207Q00000X", last_name="Nguyen", first_name="Lan"),
]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: type(r).__name__)
def test_a_record_comes_back_whole_from_its_json_form(record: object) -> None:
    assert revive(type(record), as_json(record)) == record


def test_a_field_that_does_not_fit_is_refused_not_guessed() -> None:
    with pytest.raises((TypeError, ValueError)):
        revive(Patient, {"last_name": "Adams", "first_name": "Ruth", "date_of_birth": "not a date"})
    with pytest.raises((TypeError, ValueError)):
        revive(Coverage, {"patient_id": "p", "payer_id": "x", "rank": "fourth", "member_id": "M"})
    with pytest.raises(TypeError):
        revive(Coverage, {"patient_id": "p", "payer_id": "x", "rank": "primary", "member_id": "M",
                          "copay_cents": "25.00"})


def test_what_a_change_sets_for_the_changes_not_sent_yet() -> None:
    assert fields_set("patient.updated", "patient", "p1", {"home_phone": "1"}) == {
        ("patient", "p1", "home_phone"), ("patient", "p1", "*")}
    assert fields_set("claim.status_changed", "claim", "c1", {"to": "paid", "frequency": "7"}) == {
        ("claim", "c1", "status"), ("claim", "c1", "frequency")}
    assert fields_set("payment.batch_posted", "payment_batch", "b1", {"claim_status": [["c1", "a", "b"]]}) == {
        ("claim", "c1", "status")}
    assert fields_set("ledger.payment_posted", "ledger_transaction", "t1", {"postings": []}) == set()
    assert fields_set("patient_credit.applied", "patient", "p1", {"transaction_id": "t"}) == set()
