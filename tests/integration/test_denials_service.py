"""The denials queue through the services on a real SQLCipher workstation: denials come from posted paper EOBs
(services.posting); the queue shows them with their codes in words, counted by reason, payer and age; each way
of working one is one transaction with its ledger entries, claim move, audit row and outbox event, or nothing
at all when it is refused."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

import pdfplumber
import pytest
from denials_support import deny, open_row, pay_in_full, sent_claim
from front_desk_support import Desk, make_desk
from sqlalchemy import select

from medbill_desktop.domain.claims import ClaimStatus
from medbill_desktop.domain.errors import DomainError, PermissionDenied
from medbill_desktop.domain.ledger import Party, adjustment_account, receivable
from medbill_desktop.domain.roles import Role
from medbill_desktop.domain.scrubber import ClaimFrequency
from medbill_desktop.services import claims, denials, ledger, posting, reference_data
from medbill_desktop.services.context import Actor, Workstation
from medbill_desktop.services.errors import ServiceError
from medbill_desktop.storage import tables


@pytest.fixture
def desk(workstation: Workstation) -> Desk:
    return make_desk(workstation)


def claim_of(ws: Workstation, number: str) -> claims.ClaimSummary:
    return next(c for c in claims.list_claims(ws) if c.claim_number == number)


def events(ws: Workstation, prefix: str) -> list[tuple[str, dict]]:  # type: ignore[type-arg]
    with ws.read() as conn:
        rows = conn.execute(select(tables.outbox.c.event, tables.outbox.c.payload)
                            .where(tables.outbox.c.event.like(f"{prefix}%")).order_by(tables.outbox.c.seq))
        return [(e, json.loads(p)) for e, p in rows]


def audits(ws: Workstation, entity: str) -> list[tuple[str, dict]]:  # type: ignore[type-arg]
    with ws.read() as conn:
        rows = conn.execute(select(tables.audit_log.c.action, tables.audit_log.c.detail)
                            .where(tables.audit_log.c.entity == entity).order_by(tables.audit_log.c.seq))
        return [(a, json.loads(d)) for a, d in rows]


def payer_owes(ws: Workstation, number: str) -> list[int]:
    return [line.balance_cents for line in claim_of(ws, number).lines]


def pdf_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "\n".join(page.extract_text() for page in doc.pages)


# --- the queue ---------------------------------------------------------------------------------------------------
def test_the_queue_shows_codes_in_words_and_counts_by_reason_payer_and_age(desk: Desk) -> None:
    ws = desk.ws
    today = ws.today()
    a = sent_claim(desk, "Adams")
    b = sent_claim(desk, "Baker")
    c = sent_claim(desk, "Cole", payer=desk.medicare)
    deny(desk, a, ("CO", "16"), ("N290", "MA130"), "AET-1", today - timedelta(days=10))
    deny(desk, b, ("CO", "197"), (), "AET-2", today - timedelta(days=45))
    deny(desk, c, ("CO", "16"), ("M51",), "MCR-3", today - timedelta(days=120))

    queue = denials.list_denials(ws)
    assert [r.claim_number for r in queue.rows] == [c, b, a]  # oldest first
    row = queue.rows[2]
    assert (row.patient_name, row.payer_name, row.carc, row.amount_cents, row.age_days, row.age_bucket,
            row.status, row.payer_claim_reference, row.claim_status) == (
        "Adams, John", "Aetna", "CO-16", 14000, 10, "0-30", "open", "AET-1", ClaimStatus.DENIED)
    assert row.date_of_service == today - timedelta(days=1)
    assert row.reason_description == "Claim is missing information or has a billing error"
    assert [m.text for m in row.remarks] == [
        "N290 Rendering provider's identifier missing or not valid",
        "MA130 Claim cannot be processed as sent; correct it and send a new claim"]
    assert queue.total == 3 and queue.total_cents == 42000
    assert [(x.key, x.count, x.amount_cents) for x in queue.by_reason] == [("CO-16", 2, 28000), ("CO-197", 1, 14000)]
    assert queue.by_reason[1].label == "CO-197 Prior authorization, precertification or notice missing"
    assert [(x.label, x.count) for x in queue.by_payer] == [("Aetna", 2), ("Medicare Part B", 1)]
    assert [(x.key, x.count) for x in queue.by_age] == [("0-30", 1), ("31-60", 1), ("61-90", 0), ("90+", 1)]

    # filters; each count list applies the other filters, not its own
    by_payer = denials.list_denials(ws, payer_id=desk.aetna.id)
    assert [r.claim_number for r in by_payer.rows] == [b, a]
    assert [(x.label, x.count) for x in by_payer.by_payer] == [("Aetna", 2), ("Medicare Part B", 1)]
    assert [(x.key, x.count) for x in by_payer.by_reason] == [("CO-16", 1), ("CO-197", 1)]
    assert [r.claim_number for r in denials.list_denials(ws, reason_code="16").rows] == [c, a]
    assert [r.claim_number for r in denials.list_denials(ws, reason_code="co-197").rows] == [b]
    assert [r.claim_number for r in denials.list_denials(ws, min_age_days=30).rows] == [c, b]
    assert [r.claim_number for r in denials.list_denials(ws, age="90+").rows] == [c]
    assert denials.list_denials(ws, "appealed").rows == []
    with pytest.raises(ServiceError, match="'stale' is not a denial status"):
        denials.list_denials(ws, "stale")

    detail = denials.denial_detail(ws, row.id)
    assert [(x.code, x.billed_cents, x.paid_cents, x.denied, x.payer_balance_cents) for x in detail.lines] == [
        ("99213", 12500, 0, True, 12500), ("36415", 1500, 0, True, 1500)]
    assert [(a.label, a.amount_cents, a.posted) for a in detail.lines[0].adjustments] == [("CO-16", 12500, False)]
    assert [m.code for m in detail.claim_remarks] == ["N290", "MA130"]
    assert (detail.payer_balance_cents, detail.patient_balance_cents, detail.can_write_off) == (14000, 0, True)
    assert [h.to_status for h in detail.history][-2:] == ["submitted", "denied"]


# --- correct and resubmit -------------------------------------------------------------------------------------------
def test_resubmit_sends_a_replacement_of_the_payers_claim(desk: Desk) -> None:
    ws = desk.ws
    number = sent_claim(desk)
    denial_id = deny(desk, number, reference="aet-77810")
    outcome = denials.resubmit(ws, denial_id, "Added the rendering provider's NPI")
    assert outcome.claim.status is ClaimStatus.READY
    claim = claim_of(ws, number)
    assert (claim.status, claim.frequency, claim.original_reference) == (
        ClaimStatus.READY, ClaimFrequency.REPLACEMENT, "AET-77810")
    assert claim.insurance_balance_cents == 14000  # still the payer's to pay
    row = open_row(desk, denial_id)
    assert (row.status, row.resolved_by, row.note) == ("resubmitted", "admin", "Added the rendering provider's NPI")
    assert row.resolved_at is not None
    assert denials.list_denials(ws).rows == []
    assert [r.id for r in denials.list_denials(ws, "resubmitted").rows] == [denial_id]
    assert claims.claim_detail(ws, number).history[-1].note == "Added the rendering provider's NPI"
    [(event, payload)] = events(ws, "denial.")
    assert (event, payload["claim_number"], payload["payer_reference"]) == ("denial.resubmitted", number, "AET-77810")
    assert audits(ws, "denial")[-1][1]["op"] == "resubmitted"
    assert outcome.message == f"Claim {number} is ready to send again as a replacement of the payer's claim AET-77810."

    with pytest.raises(ServiceError, match=f"The denial of claim {number} was already worked by admin on "):
        denials.resubmit(ws, denial_id)


def test_a_refused_resubmission_changes_nothing(desk: Desk) -> None:
    ws = desk.ws
    late = sent_claim(desk, "Late", days_ago=30)
    denial_id = deny(desk, late, reference="")
    moves = len(events(ws, "claim.status_changed"))
    with pytest.raises(ServiceError, match="enter the payer's claim number") as no_reference:
        denials.resubmit(ws, denial_id)
    assert no_reference.value.field == "payer_reference"
    reference_data.save_payer(ws, replace(desk.aetna, timely_filing_days=1))  # the scrubber now refuses it
    with pytest.raises(DomainError, match="scrubber found 1 error"):
        denials.resubmit(ws, denial_id, payer_reference="AET-9")
    assert open_row(desk, denial_id).status == "open"
    assert claim_of(ws, late).status is ClaimStatus.DENIED
    assert events(ws, "denial.") == [] and len(events(ws, "claim.status_changed")) == moves


# --- appeal --------------------------------------------------------------------------------------------------------
def test_appeal_moves_the_claim_and_makes_the_letter(desk: Desk, clock) -> None:  # type: ignore[no-untyped-def]
    ws = desk.ws
    number = sent_claim(desk, "Garcia")
    denial_id = deny(desk, number, ("CO", "50"), ("N115",), "AET-4410")
    draft = denials.appeal_letter(ws, denial_id, "A draft to read before sending.")  # changes nothing
    assert "A draft to read before sending." in pdf_text(draft)
    assert claim_of(ws, number).status is ClaimStatus.DENIED and open_row(desk, denial_id).status == "open"
    with pytest.raises(ServiceError, match="Write why the claim should be paid") as short:
        denials.appeal(ws, denial_id, "  pay it ")
    assert short.value.field == "argument"
    argument = ("The visit treated a hypertensive urgency documented in the enclosed notes.\n\n"
                "Blood pressure was 190/120 at check-in.")
    result = denials.appeal(ws, denial_id, argument)
    assert result.file_name == f"appeal-{number}.pdf"
    assert claim_of(ws, number).status is ClaimStatus.APPEALED
    history = claims.claim_detail(ws, number).history[-1]
    assert (history.to_status, history.note.startswith("Appeal of denial CO-50: The visit treated")) == (
        "appealed", True)
    row = open_row(desk, denial_id)
    assert (row.status, row.note) == ("appealed", argument)

    text = pdf_text(result.pdf)
    for expected in (f"Re: Appeal of the denial of claim {number} (your claim number AET-4410)",
                     "Riverside Family Medicine", "NPI 1234567893", "Tax ID 12-3456789", "Aetna",
                     "Patient Garcia, John", "Date of birth 03/07/1960", "Member ID MBR0", "Group number GRP1",
                     "99213", "36415", "$140.00", "CO-50 $125.00",
                     "CO-50 Not considered medically necessary by the payer", "N115",
                     "hypertensive urgency", "190/120 at check-in", "Ada Admin", "Manager, billing office",
                     "Rendering provider Lan Nguyen, MD"):
        assert expected in text, expected
    assert ("print", "appeal_letter") in [(a, d.get("document")) for a, d in audits(ws, "claim")]
    assert [e for e, _ in events(ws, "denial.")] == ["denial.appealed"]

    appealed_on = ws.today()
    clock.advance(days=3)
    again = pdf_text(denials.appeal_letter(ws, denial_id))  # printed again later: the same letter
    assert "190/120 at check-in" in again and appealed_on.strftime("%m/%d/%Y") in again
    assert ws.today().strftime("%m/%d/%Y") not in again
    with pytest.raises(ServiceError, match="already worked"):
        denials.appeal(ws, denial_id, argument)


# --- write off -----------------------------------------------------------------------------------------------------
def test_a_manager_writes_off_the_denied_line_and_the_claim_closes(desk: Desk) -> None:
    ws = desk.ws
    number = sent_claim(desk)
    # line 1 paid (80% of 80%, coinsurance to the patient); line 2 denied as bundled
    denial_id = deny(desk, number, ("CO", "97"), ("M15",), "AET-5", only_line=2)
    assert claim_of(ws, number).status is ClaimStatus.PARTIALLY_PAID
    assert payer_owes(ws, number) == [0, 1500]
    detail = denials.denial_detail(ws, denial_id)
    assert [x.denied for x in detail.lines] == [False, True]

    with pytest.raises(ServiceError, match="Say why the balance is written off"):
        denials.write_off(ws, denial_id, "   ")
    outcome = denials.write_off(ws, denial_id, "bundled into the visit; not billable to the patient")
    assert (outcome.amount_cents, outcome.claim.status) == (1500, ClaimStatus.CLOSED)
    assert payer_owes(ws, number) == [0, 0]
    assert claim_of(ws, number).patient_balance_cents == 2000  # line 1's coinsurance, untouched
    balances = ledger.balances(ws, [adjustment_account("CO", "97")])
    assert balances[adjustment_account("CO", "97")] == 1500
    [tx_id] = outcome.transaction_ids
    tx = ledger.transaction(ws, tx_id)
    assert tx is not None and tx.memo == "written off: bundled into the visit; not billable to the patient"
    row = open_row(desk, denial_id)
    assert (row.status, row.resolved_by) == ("written_off", "admin")
    [(event, payload)] = events(ws, "denial.")
    assert (event, payload["amount_cents"], payload["transactions"]) == ("denial.written_off", 1500, [tx_id])
    assert outcome.message == f"Wrote off $15.00 of claim {number} (CO-97); the claim is closed."


def test_a_biller_may_not_write_off(desk: Desk, sign_in_as: Callable[[Role], Actor]) -> None:
    ws = desk.ws
    number = sent_claim(desk)
    denial_id = deny(desk, number)
    sign_in_as(Role.BILLER)
    assert denials.denial_detail(ws, denial_id).can_write_off is False
    with pytest.raises(PermissionDenied) as refused:
        denials.write_off(ws, denial_id, "too small to chase")
    assert refused.value.message == (
        "Only a manager may write off a denied balance; a biller may resubmit, appeal or move it to the patient. "
        "Ask a manager to write it off.")
    assert open_row(desk, denial_id).status == "open"
    assert payer_owes(ws, number) == [12500, 1500]
    assert claim_of(ws, number).status is ClaimStatus.DENIED


def test_nothing_left_with_the_payer_is_refused(desk: Desk) -> None:
    ws = desk.ws
    number = sent_claim(desk)
    denial_id = deny(desk, number)
    pay_in_full(desk, number)  # the payer reprocessed it and paid after all
    with pytest.raises(ServiceError, match=f"Aetna owes nothing more on claim {number}: there is nothing to write"):
        denials.write_off(ws, denial_id, "paid after all")
    with pytest.raises(ServiceError, match="nothing to move to the patient"):
        denials.move_to_patient(ws, denial_id)
    assert open_row(desk, denial_id).status == "open"


# --- move to the patient -----------------------------------------------------------------------------------------
def test_move_to_patient_transfers_the_payers_balance_and_closes_the_claim(
        desk: Desk, sign_in_as: Callable[[Role], Actor]) -> None:
    ws = desk.ws
    number = sent_claim(desk)
    denial_id = deny(desk, number, ("CO", "204"), ("N130",))
    sign_in_as(Role.BILLER)  # a biller may do this one
    outcome = denials.move_to_patient(ws, denial_id)
    assert (outcome.amount_cents, outcome.claim.status, outcome.claim.payer_balance_cents,
            outcome.claim.patient_balance_cents) == (14000, ClaimStatus.CLOSED, 0, 14000)
    claim = claim_of(ws, number)
    assert [(x.balance_cents, x.patient_balance_cents) for x in claim.lines] == [(0, 12500), (0, 1500)]
    account = claim.lines[0]
    key = receivable(account.line_id, Party.PATIENT, posting.postable_claim(ws, number).account_number)
    assert ledger.balances(ws, [key])[key] == 12500
    row = open_row(desk, denial_id)
    assert (row.status, row.resolved_by, row.note) == ("to_patient", "betty",
                                                       "Denied by Aetna (CO-204); the patient owes it.")
    assert [e for e, _ in events(ws, "denial.")] == ["denial.to_patient"]
    assert len(outcome.transaction_ids) == 2
