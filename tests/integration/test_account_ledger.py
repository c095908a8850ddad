"""The patient account ledger read back from a real workstation: insurance payments keyed from a paper EOB
(services.posting), front-desk payments, credit, refunds and reversals, each entry with its party amounts,
running balances, source and plain-words line; the aging; the audit; and how fast 2,000 entries open."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from account_support import Eob, eob, seen
from front_desk_support import Desk, make_desk
from sqlalchemy import select

from medbill_desktop.domain.account_ledger import PARTIES, AccountLedger
from medbill_desktop.domain.adjudication import (
    BatchKind,
    ClaimAdjudication,
    LineAdjudication,
    NextStep,
    PaymentMethod,
    RemittanceBatch,
    propose_adjustments,
)
from medbill_desktop.domain.ids import new_id
from medbill_desktop.domain.ledger import Party, TxKind, charge
from medbill_desktop.domain.patients import Patient
from medbill_desktop.services import account_ledger, audit, coverage, patient_payments, posting
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.errors import ServiceError
from medbill_desktop.services.ledger import post_in
from medbill_desktop.storage.tables import claims as claims_table
from medbill_desktop.storage.tables import encounters, payment_batches, service_lines


@pytest.fixture
def desk(workstation: Workstation) -> Desk:
    return make_desk(workstation)


@pytest.fixture
def john(desk: Desk) -> Patient:
    p = desk.patient()
    desk.insure(p, desk.aetna, copay_cents=0)
    return p


def rows(led: AccountLedger) -> list[tuple[object, ...]]:
    """(date, kind, code, changes, credit change, running balances, credit, total) per entry."""
    return [(e.on, e.kind.value, e.line.code if e.line else "", e.changes, e.credit_change, e.balances, e.credit,
             e.total) for e in led.entries]


def test_an_eob_a_patient_payment_and_a_refund_read_as_words(desk: Desk, john: Patient) -> None:
    ws = desk.ws
    visit = seen(desk, john, days_ago=60)
    paid_on = desk.today - timedelta(days=1)
    eob(desk, visit, [Eob(12500, 8000, 6400, coinsurance=1600), Eob(1500, 1000, 1000)], on=paid_on)
    receipt = patient_payments.take_payment(ws, john.id, 2000, "cash")
    patient_payments.refund_credit(ws, john.id, 400, "check", "5521", "Overpaid the coinsurance")

    led = account_ledger.account_ledger(ws, john.account_number)
    dos, today = visit.date_of_service, desk.today
    z = (0, 0, 0, 0)
    assert rows(led) == [
        (dos, "charge", "99213", (12500, 0, 0, 0), 0, (12500, 0, 0, 0), 0, 12500),
        (dos, "charge", "36415", (1500, 0, 0, 0), 0, (14000, 0, 0, 0), 0, 14000),
        (paid_on, "payment", "99213", (-6400, 0, 0, 0), 0, (7600, 0, 0, 0), 0, 7600),
        (paid_on, "payment", "36415", (-1000, 0, 0, 0), 0, (6600, 0, 0, 0), 0, 6600),
        (paid_on, "adjustment", "99213", (-4500, 0, 0, 0), 0, (2100, 0, 0, 0), 0, 2100),
        (paid_on, "adjustment", "36415", (-500, 0, 0, 0), 0, (1600, 0, 0, 0), 0, 1600),
        (paid_on, "transfer", "99213", (-1600, 0, 0, 1600), 0, (0, 0, 0, 1600), 0, 1600),
        (today, "payment", "99213", (0, 0, 0, -1600), 400, z, 400, -400),
        (today, "refund", "", z, -400, z, 0, 0),
    ]
    d = dos.strftime("%m/%d/%Y")
    assert [e.words for e in led.entries] == [
        f"Charge of $125.00 for 99213 on the {d} visit, billed to Aetna.",
        f"Charge of $15.00 for 36415 on the {d} visit, billed to Aetna.",
        f"Your insurance (Aetna) allowed $80.00 of the $125.00 charge for 99213 on the {d} visit and paid $64.00; "
        "$16.00 is your coinsurance.",
        f"Your insurance (Aetna) allowed $10.00 of the $15.00 charge for 36415 on the {d} visit and paid $10.00.",
        f"$45.00 written off on the {d} visit (99213) because the charge is above Aetna's contracted rate (CO-45); "
        "you do not owe it.",
        f"$5.00 written off on the {d} visit (36415) because the charge is above Aetna's contracted rate (CO-45); "
        "you do not owe it.",
        f"$16.00 of the {d} visit (99213) moved from Aetna to you: your coinsurance.",
        f"You paid $20.00 in cash: $16.00 toward the {d} visit (99213) and $4.00 held as credit on your account.",
        "$4.00 of your credit refunded to you by check no. 5521: Overpaid the coinsurance.",
    ]
    with ws.read() as conn:
        batch_number = conn.execute(select(payment_batches.c.batch_number)).scalar_one()
    sources = [e.source for e in led.entries]
    assert sources[:2] == ["", ""]
    assert set(sources[2:7]) == {f"Batch {batch_number} · Aetna check 889123 of {paid_on.strftime('%m/%d/%Y')}"}
    assert sources[7:] == [f"Receipt {receipt.receipt_number} · Cash", "Refund · Check no. 5521"]
    assert (led.balances, led.credit, led.refunded, led.total) == (z, 0, 400, 0)
    assert led.parties_used == (Party.PRIMARY, Party.PATIENT)
    viewed = [e for e in audit.recent_entries(ws, 20) if e.action == "view"]
    assert viewed[0].entity_id == john.id and "account ledger" in viewed[0].detail


def test_secondary_transfer_deductible_and_a_reversed_batch(desk: Desk) -> None:
    ws = desk.ws
    mary = desk.patient("Jones", "Mary")
    desk.insure(mary, desk.aetna, desk.medicare, copay_cents=0)
    visit = seen(desk, mary, (("99214", 18000),), days_ago=20)
    posted = eob(desk, visit, [Eob(18000, 12000, 7000, deductible=3000, coinsurance=2000)],
                 next_step=NextStep.NEXT_PAYER)
    led = account_ledger.account_ledger(ws, mary.account_number)
    d = visit.date_of_service.strftime("%m/%d/%Y")
    assert [e.words for e in led.entries][1:] == [
        f"Your insurance (Aetna) allowed $120.00 of the $180.00 charge for 99214 on the {d} visit and paid $70.00; "
        "$50.00 is yours to pay ($30.00 deductible, $20.00 coinsurance).",
        f"$60.00 written off on the {d} visit (99214) because the charge is above Aetna's contracted rate (CO-45); "
        "you do not owe it.",
        f"$50.00 of the {d} visit (99214) sent on from Aetna to Medicare Part B, your secondary insurance.",
    ]
    assert led.balances == (0, 5000, 0, 0) and led.parties_used == (Party.PRIMARY, Party.SECONDARY, Party.PATIENT)

    posting.reverse_batch(ws, posted.batch_id, "Keyed against the wrong claim")
    led = account_ledger.account_ledger(ws, mary.account_number)
    reversals = [e for e in led.entries if e.kind is TxKind.REVERSAL]
    assert [e.words for e in reversals] == [
        f"Transfer of $50.00 on the {d} visit (99214) reversed: Keyed against the wrong claim.",
        f"Adjustment of $60.00 on the {d} visit (99214) reversed: Keyed against the wrong claim.",
        f"Aetna's payment of $70.00 on the {d} visit (99214) reversed: Keyed against the wrong claim.",
    ]
    assert all(e.source.startswith("Batch ") for e in reversals)
    originals = {e.transaction_id for e in led.entries if e.kind in (TxKind.PAYMENT, TxKind.ADJUSTMENT,
                                                                       TxKind.TRANSFER)}
    assert {e.reverses for e in reversals} == originals
    assert all(e.reversed_by for e in led.entries if e.transaction_id in originals)
    assert led.balances == (18000, 0, 0, 0) and led.entries[-1].total == 18000


def test_aging_by_date_of_service_for_insurance_and_the_patient(desk: Desk, john: Patient) -> None:
    ws = desk.ws
    for days in (10, 45):
        seen(desk, john, (("99213", 12500),), days_ago=days)
    old = seen(desk, john, (("99214", 18000),), days_ago=100)
    eob(desk, old, [Eob(18000, 10000, 8000, coinsurance=2000)])
    self_pay = desk.patient("Brown", "Ann")
    seen(desk, self_pay, (("99202", 11000),), days_ago=70)
    seen(desk, self_pay, (("36415", 1500),), days_ago=200)

    led = account_ledger.account_ledger(ws, john.account_number)
    assert led.insurance_aging.buckets == (12500, 12500, 0, 0, 0)
    assert led.patient_aging.buckets == (0, 0, 0, 2000, 0)
    assert (led.insurance_due, led.patient_due) == (25000, 2000)
    other = account_ledger.account_ledger(ws, self_pay.account_number)
    assert other.patient_aging.buckets == (0, 0, 11000, 0, 1500) and other.insurance_aging.total == 0
    assert [e.words for e in other.entries][0].endswith("yours to pay (no insurance was billed).")


def test_an_unknown_account_is_refused(desk: Desk) -> None:
    with pytest.raises(ServiceError, match="No patient has account number 'NOPE'"):
        account_ledger.account_ledger(desk.ws, "NOPE")


# --- 2,000 entries ------------------------------------------------------------------------------------------------
def busy_account(desk: Desk, visits: int) -> Patient:
    """A patient with `visits` two-line visits, each charged to Aetna, paid on one EOB per 50 claims (payment,
    CO-45 and coinsurance to the patient per line): 8 entries a visit. Encounters are written straight to the
    tables (finalizing hundreds through the scrubber would take minutes); the money goes through the ledger
    and the posting core."""
    ws = desk.ws
    p = desk.patient("Busy", "Bea")
    desk.insure(p, desk.aetna, copay_cents=0)
    coverage_id = ws_coverage(ws, p.id)
    claim_ids: list[tuple[str, str, str, str]] = []
    start = desk.today - timedelta(days=visits)
    with ws.write() as conn:
        for n in range(visits):
            eid, day, at = new_id(), start + timedelta(days=n), ws.now_iso()
            conn.execute(encounters.insert().values(
                id=eid, patient_id=p.id, date_of_service=day, rendering_provider_id=desk.rendering.id,
                billing_provider_id=desk.billing.id, place_of_service="11", status="draft", created_at=at,
                created_by="admin", updated_at=at))
            lines = [(new_id(), "99213", 12500), (new_id(), "36415", 1500)]
            for pos, (lid, code, cents) in enumerate(lines, 1):
                conn.execute(service_lines.insert().values(id=lid, encounter_id=eid, position=pos, procedure=code,
                                                           units=1, pointer_1=1, charge_cents=cents))
                post_in(ws, conn, charge(lid, Party.PRIMARY, p.account_number, cents, day, code))
            conn.execute(encounters.update().where(encounters.c.id == eid).values(status="finalized"))
            cid = new_id()
            conn.execute(claims_table.insert().values(
                id=cid, claim_number=f"BZ{n:06d}", encounter_id=eid, coverage_id=coverage_id,
                payer_id=desk.aetna.id, rank="primary", status="submitted", created_at=at))
            claim_ids.append((cid, f"BZ{n:06d}", lines[0][0], lines[1][0]))
    for chunk in range(0, visits, 50):
        part = claim_ids[chunk:chunk + 50]
        adjudications = tuple(ClaimAdjudication(cid, number, (
            LineAdjudication(l1, 12500, 6400, 8000, propose_adjustments(12500, 8000, 6400, coinsurance=1600)),
            LineAdjudication(l2, 1500, 800, 1000, propose_adjustments(1500, 1000, 800, coinsurance=200))))
            for cid, number, l1, l2 in part)
        posting.post_batch(ws, RemittanceBatch(BatchKind.PAPER, desk.aetna.id, PaymentMethod.CHECK,
                                               f"CHK{chunk}", desk.today, 7200 * len(part), claims=adjudications))
    return p


def ws_coverage(ws: Workstation, patient_id: str) -> str:
    return coverage.list_coverages(ws, patient_id)[0].id


def test_an_account_of_2000_entries_opens_quickly(desk: Desk) -> None:
    p = busy_account(desk, 250)
    cpu = []
    for _ in range(5):
        began = time.process_time()
        led = account_ledger.account_ledger(desk.ws, p.account_number)
        cpu.append(time.process_time() - began)
    assert len(led.entries) == 2000
    assert led.balance_of(Party.PATIENT) == 250 * 1800 and led.balance_of(Party.PRIMARY) == 0
    assert sum(1 for e in led.entries if "allowed $80.00 of the $125.00" in e.words) == 250
    # The target is 50 ms on a quiet machine (benchmarks/posting.py measures it). Seven helpers share this
    # machine's two cores, so the test bounds the CPU time, generously: a query per entry would take seconds.
    assert min(cpu) < 0.15, f"best of 5: {min(cpu) * 1000:.0f} ms of CPU"
    assert [p for p in PARTIES if led.balance_of(p)] == [Party.PATIENT]
