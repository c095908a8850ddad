"""The patient account summary: balances from the ledger per responsible party, credit on account, the last
payment, open encounters, and an audited view each time it is opened."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from front_desk_support import Desk, make_desk
from sqlalchemy import select

from medbill_desktop.domain.audit import AuditAction
from medbill_desktop.domain.encounters import EncounterStatus
from medbill_desktop.domain.ledger import Party, apply_credit, receivable
from medbill_desktop.domain.roles import Role
from medbill_desktop.services import accounts, checkin, encounters, ledger
from medbill_desktop.services.context import Actor, Workstation
from medbill_desktop.storage.tables import audit_log


@pytest.fixture
def desk(workstation: Workstation) -> Desk:
    return make_desk(workstation)


def test_a_new_account_owes_nothing(desk: Desk) -> None:
    p = desk.patient()
    summary = accounts.account_summary(desk.ws, p.id)
    assert (summary.account_number, summary.patient_name) == (p.account_number, "Smith, John")
    assert (summary.insurance_due_cents, summary.patient_due_cents, summary.credit_cents) == (0, 0, 0)
    assert (summary.last_payment, summary.last_statement, summary.open_encounters) == (None, None, ())


def test_balances_by_party_credit_last_payment_and_open_encounters(desk: Desk) -> None:
    ws = desk.ws
    john = desk.patient()
    desk.insure(john, desk.medicare)
    insured = encounters.save_encounter(ws, desk.encounter(john, days_ago=30, lines=(("99214", 18000),
                                                                                  ("36415", 1500))))
    encounters.finalize_encounter(ws, insured.id)
    # a visit before the coverage started is the patient's own
    self_pay = encounters.save_encounter(ws, desk.encounter(john, days_ago=320, lines=(("99202", 11000),)))
    encounters.finalize_encounter(ws, self_pay.id)
    visit = checkin.check_in(ws, john.id)
    checkin.take_patient_payment(ws, john.id, 2500, "cash", encounter_id=visit.encounter_id)
    checkin.take_patient_payment(ws, john.id, 4000, "card", "1881")

    summary = accounts.account_summary(ws, john.id)
    assert summary.insurance_due_cents == 19500
    assert summary.patient_due_cents == 11000
    assert summary.due_by_party == ((Party.PRIMARY, 19500), (Party.SECONDARY, 0), (Party.TERTIARY, 0),
                                    (Party.PATIENT, 11000))
    assert summary.credit_cents == 6500 and summary.patient_owes_cents == 4500
    assert summary.total_due_cents == 30500
    assert summary.last_payment is not None
    assert (summary.last_payment.on, summary.last_payment.amount_cents) == (desk.today, 4000)
    assert [(e.id, e.status, e.line_count) for e in summary.open_encounters] == [
        (visit.encounter_id, EncounterStatus.DRAFT, 0)]

    # using the credit on the patient's charge moves money, not totals owed to the practice
    line = receivable(self_pay.lines[0].id, Party.PATIENT, john.account_number)
    ledger.post(ws, apply_credit(john.account_number, line, 6500, desk.today, "copay applied"))
    after = accounts.account_summary(ws, john.id)
    assert (after.patient_due_cents, after.credit_cents, after.patient_owes_cents) == (4500, 0, 4500)
    assert after.last_payment == summary.last_payment  # applying credit is not a payment


def test_opening_the_summary_is_an_audited_view(desk: Desk, sign_in_as: Callable[[Role], Actor]) -> None:
    john = desk.patient()
    sign_in_as(Role.FRONT_DESK)
    accounts.account_summary(desk.ws, john.id)
    with desk.ws.read() as conn:
        last = conn.execute(select(audit_log.c.actor, audit_log.c.action, audit_log.c.entity, audit_log.c.entity_id)
                            .order_by(audit_log.c.seq.desc()).limit(1)).one()
    assert tuple(last) == ("frank", AuditAction.VIEW.value, "patient", john.id)


def test_an_unknown_patient_has_no_summary(desk: Desk) -> None:
    with pytest.raises(Exception, match="no longer exists"):
        accounts.account_summary(desk.ws, "nobody")
