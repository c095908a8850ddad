"""Posting paper EOBs (RemittanceBatch) into the ledger through services.posting: all of a batch or nothing,
on a real SQLCipher workstation."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from front_desk_support import Desk, make_desk
from posting_support import (
    adjudication,
    adjusted_line,
    claim_status,
    denied_line,
    eob,
    line_balances,
    next_claim_number,
    paid_line,
    reversal_of,
    row_counts,
    submitted_claim,
)
from sqlalchemy import select

from medbill_desktop.domain.adjudication import NextStep, ProviderAdjustment
from medbill_desktop.domain.errors import DomainError, PermissionDenied
from medbill_desktop.domain.ledger import Party
from medbill_desktop.domain.roles import Role
from medbill_desktop.services import claims, ledger, posting
from medbill_desktop.services.context import Actor, Workstation
from medbill_desktop.storage import tables


@pytest.fixture
def desk(workstation: Workstation) -> Desk:
    return make_desk(workstation)


def _rows(ws: Workstation, table: str, **where: object) -> list[dict[str, object]]:
    t = tables.metadata.tables[table]
    with ws.read() as conn:
        query = select(t).where(*(t.c[k] == v for k, v in where.items()))
        return [dict(r._mapping) for r in conn.execute(query)]


def _batch_balance(ws: Workstation, batch_id: str) -> int:
    return ledger.all_balances(ws).get(f"payment_batch:{batch_id}", 0)


# --- posting -----------------------------------------------------------------------------------------------------
def test_a_full_payment_pays_each_line_and_the_claim(desk: Desk) -> None:
    claim = submitted_claim(desk, "Garcia")
    assert claim.status.value == "submitted" and [line.balance_cents for line in claim.lines] == [12500, 1500]
    batch = eob(desk.aetna, "CHK1001", adjudication(claim, paid_line(claim, 1, paid=12500),
                                                     paid_line(claim, 2, paid=1500), payer_reference="AET77"))
    audit_before, outbox_before = len(_rows(desk.ws, "audit_log")), len(_rows(desk.ws, "outbox"))

    posted = posting.post_batch(desk.ws, batch)

    assert posted.claims == [(claim.claim_number, "paid", "patient")]
    assert posted.transactions == 1 and posted.denials == [] and posted.readied_claims == []
    assert line_balances(desk.ws, claim, Party.PRIMARY) == [0, 0]
    assert line_balances(desk.ws, claim, Party.PATIENT) == [0, 0]
    assert claim_status(desk.ws, claim.claim_number) == "paid"
    assert _batch_balance(desk.ws, posted.batch_id) == 14000  # the batch account holds the check
    # one audit row and one outbox event for the batch, whatever it holds
    assert len(_rows(desk.ws, "audit_log")) == audit_before + 1
    events = [e for e in _rows(desk.ws, "outbox") if e["event"] == "payment.batch_posted"]
    assert len(_rows(desk.ws, "outbox")) == outbox_before + 1 and len(events) == 1
    payload = json.loads(str(events[0]["payload"]))
    assert payload["amount_cents"] == 14000 and len(payload["transactions"]) == 1
    tx = dict(zip(payload["transaction_fields"], payload["transactions"][0], strict=True))
    assert [amount for _, _, amount in tx["postings"]] == [14000, -12500, -1500]
    assert payload["rows"]["claim_adjudications"]["rows"][0][7] == 14000  # paid_cents
    # the payer's claim number is kept for a replacement claim (item 22)
    assert claims.claim_detail(desk.ws, claim.claim_number).claim.payer_claim_reference == "AET77"
    summary = posting.list_batches(desk.ws)[0]
    assert (summary.batch_number, summary.reference, summary.amount_cents, summary.claim_count, summary.status) == (
        posted.batch_number, "CHK1001", 14000, 1, "posted")


def test_contractual_deductible_and_coinsurance_move_to_the_patient(desk: Desk) -> None:
    claim = submitted_claim(desk, "Okafor")
    # line 1: billed 125.00, allowed 90.00, paid 50.00, deductible 20.00, coinsurance 20.00 (CO-45 35.00)
    # line 2: billed 15.00, allowed 10.00, paid 8.00, coinsurance 2.00 (CO-45 5.00)
    batch = eob(desk.aetna, "CHK2002", adjudication(
        claim, paid_line(claim, 1, allowed=9000, paid=5000, deductible=2000, coinsurance=2000),
        paid_line(claim, 2, allowed=1000, paid=800, coinsurance=200), next_step=NextStep.PATIENT))
    posted = posting.post_batch(desk.ws, batch)

    assert line_balances(desk.ws, claim, Party.PRIMARY) == [0, 0]
    assert line_balances(desk.ws, claim, Party.PATIENT) == [4000, 200]
    everything = ledger.all_balances(desk.ws)
    assert everything["adjustment:CO-45"] == 3500 + 500
    assert posted.transactions == 4  # payment, two write-downs, one transfer to the patient
    assert claim_status(desk.ws, claim.claim_number) == "paid"
    # what was recorded: PR is not written off; CO-45 on a paid line is
    [recorded] = posting.claim_adjudications(desk.ws, claim.claim_id)
    assert recorded.in_effect and recorded.paid == 5800 and recorded.patient_responsibility == 4200
    assert [(a.label, a.amount, a.posted) for a in recorded.lines[0].adjustments] == [
        ("CO-45", 3500, True), ("PR-1", 2000, False), ("PR-2", 2000, False)]


def test_the_rest_goes_to_the_secondary_whose_claim_becomes_ready(desk: Desk) -> None:
    claim = submitted_claim(desk, "Nowak", desk.aetna, desk.medicare)
    assert claim.has_next_claim and claim.next_payer_name == "Medicare Part B"
    secondary = next_claim_number(desk, claim)
    assert claim_status(desk.ws, secondary) == "draft"
    batch = eob(desk.aetna, "EFT3003", adjudication(
        claim, paid_line(claim, 1, allowed=10000, paid=8000, coinsurance=2000),
        paid_line(claim, 2, allowed=1500, paid=1200, copay=300), next_step=NextStep.NEXT_PAYER))

    preview = posting.preview_batch(desk.ws, batch)
    assert preview.ok and preview.readied_claims == [secondary]
    assert preview.claims[0].moved_cents == 2300 and preview.claims[0].moved_to == "Medicare Part B"
    assert claim_status(desk.ws, secondary) == "draft"  # the dry run wrote nothing

    posted = posting.post_batch(desk.ws, batch)
    assert posted.readied_claims == [secondary]
    assert line_balances(desk.ws, claim, Party.PRIMARY) == [0, 0]
    assert line_balances(desk.ws, claim, Party.SECONDARY) == [2000, 300]
    assert line_balances(desk.ws, claim, Party.PATIENT) == [0, 0]
    assert claim_status(desk.ws, secondary) == "ready"
    # what the secondary claim is built from (items 9-11d, loops 2320/2430)
    [primary] = posting.claim_adjudications(desk.ws, claim.claim_id)
    assert (primary.payer_name, primary.check_date.isoformat(), primary.paid) == ("Aetna", "2026-10-30", 9200)
    assert [line.paid for line in primary.lines] == [8000, 1200]


def test_a_denied_claim_lands_in_denials_and_its_balance_stays_with_the_payer(desk: Desk) -> None:
    denied = submitted_claim(desk, "Kowalski")
    partly = submitted_claim(desk, "Rossi")
    batch = eob(desk.aetna, "CHK4004",
                adjudication(denied, denied_line(denied, 1), denied_line(denied, 2), next_step=NextStep.DENIALS),
                adjudication(partly, paid_line(partly, 1, allowed=10000, paid=10000),
                             denied_line(partly, 2, "CO", "97", ("M15",)), next_step=NextStep.PATIENT))
    posted = posting.post_batch(desk.ws, batch)

    assert posted.denials == [denied.claim_number, partly.claim_number]
    assert [(c.outcome, c.next_step) for c in posted.claims] == [("denied", "denials"), ("partially_paid", "patient")]
    assert line_balances(desk.ws, denied, Party.PRIMARY) == [12500, 1500]  # nothing written off
    assert line_balances(desk.ws, partly, Party.PRIMARY) == [0, 1500]  # the denied line stays with Aetna
    assert line_balances(desk.ws, partly, Party.PATIENT) == [0, 0]
    queue = {r["claim_id"]: r for r in _rows(desk.ws, "denials")}
    first = queue[denied.claim_id]
    assert (first["group_code"], first["reason_code"], first["remarks"], first["amount_cents"], first["status"]) == (
        "CO", "16", "N290", 14000, "open")
    assert (queue[partly.claim_id]["reason_code"], queue[partly.claim_id]["amount_cents"]) == ("97", 1500)
    assert claim_status(desk.ws, denied.claim_number) == "denied"
    assert claim_status(desk.ws, partly.claim_number) == "partially_paid"
    history = claims.claim_detail(desk.ws, denied.claim_number).history
    assert history[-1].to_status == "denied" and "CO-16" in history[-1].note
    [recorded] = posting.claim_adjudications(desk.ws, denied.claim_id)
    assert all(not a.posted for line in recorded.lines for a in line.adjustments)
    assert "adjustment:CO-16" not in ledger.all_balances(desk.ws)


def test_an_unbalanced_batch_is_refused_with_every_problem_and_nothing_is_written(desk: Desk) -> None:
    claim = submitted_claim(desk, "Tanaka")
    other = submitted_claim(desk, "Mensah")
    batch = eob(desk.aetna, "CHK5005",
                adjudication(claim, paid_line(claim, 1, paid=12500), paid_line(claim, 2, paid=1500)),
                adjudication(other, paid_line(other, 1, allowed=9000, paid=7000, coinsurance=2000),
                             paid_line(claim, 2, paid=1500)),  # claim's line 2 on the other claim
                amount=22500 + 1000)
    before = row_counts(desk.ws)

    with pytest.raises(DomainError) as refused:
        posting.post_batch(desk.ws, batch)

    message = str(refused.value)
    assert "can't be posted: 2 problems; nothing was posted." in message
    assert "- $10.00 left to apply: the batch posts only when it balances" in message
    assert f"- Claim {other.claim_number} line 2: that service line is not on this claim." in message
    assert row_counts(desk.ws) == before
    preview = posting.preview_batch(desk.ws, batch)
    assert not preview.ok and len(preview.problems) == 2
    assert row_counts(desk.ws) == before


def test_amounts_above_the_payers_balance_and_claims_not_sent_are_refused(desk: Desk) -> None:
    claim = submitted_claim(desk, "Chen")
    draft = submitted_claim(desk, "Wang", desk.aetna, desk.medicare)
    secondary = posting.postable_claim(desk.ws, next_claim_number(desk, draft))
    too_much = adjusted_line(claim, 1, paid=12000, adjustments=[("CO", "45", 1000), ("PR", "2", -500)])
    alone = submitted_claim(desk, "Lee")
    batch = eob(desk.aetna, "CHK6006", adjudication(claim, too_much),
                adjudication(secondary, paid_line(secondary, 1, paid=100, allowed=100)),
                adjudication(alone, paid_line(alone, 1, paid=12500), paid_line(alone, 2, paid=1500),
                             next_step=NextStep.NEXT_PAYER))
    before = row_counts(desk.ws)
    with pytest.raises(DomainError) as refused:
        posting.post_batch(desk.ws, batch)
    message = str(refused.value)
    assert (f"Claim {claim.claim_number} line 1 (99213): paid $120.00 and written down $10.00 is more than what "
            "Aetna owes on the line ($125.00).") in message
    assert f"Claim {secondary.claim_number} is billed to Medicare Part B, not to Aetna" in message
    assert f"Claim {secondary.claim_number} is draft" in message
    assert (f"Claim {alone.claim_number}: the visit has no claim to a next payer; move the balance to the patient "
            "instead.") in message
    assert row_counts(desk.ws) == before


def test_a_denied_claim_paid_later_becomes_paid_and_the_first_check_can_still_be_reversed(desk: Desk) -> None:
    claim = submitted_claim(desk, "Becker")
    first = posting.post_batch(desk.ws, eob(desk.aetna, "CHK1501", adjudication(
        claim, denied_line(claim, 1), denied_line(claim, 2), next_step=NextStep.DENIALS)))
    assert first.transactions == 0 and claim_status(desk.ws, claim.claim_number) == "denied"
    assert [c.claim_number for c in posting.find_claims_for_posting(desk.ws, claim.claim_number)] == [
        claim.claim_number]  # a denied claim is open to a further payment
    posting.post_batch(desk.ws, eob(desk.aetna, "CHK1502", adjudication(
        claim, paid_line(claim, 1, allowed=10000, paid=10000), paid_line(claim, 2, paid=1500))))
    assert claim_status(desk.ws, claim.claim_number) == "paid"
    assert line_balances(desk.ws, claim, Party.PRIMARY) == [0, 0]

    posting.reverse_batch(desk.ws, first.batch_id, "The denial was keyed on the wrong claim")

    assert claim_status(desk.ws, claim.claim_number) == "paid"  # the later payment still stands
    assert [d["status"] for d in _rows(desk.ws, "denials")] == ["reversed"]


def test_the_same_check_is_posted_once(desk: Desk) -> None:
    claim = submitted_claim(desk, "Murphy")
    batch = eob(desk.aetna, "CHK7007", adjudication(claim, paid_line(claim, 1, allowed=10000, paid=8000,
                                                                     coinsurance=2000)))
    first = posting.post_batch(desk.ws, batch)
    before = row_counts(desk.ws)
    with pytest.raises(posting.AlreadyPosted) as again:
        posting.post_batch(desk.ws, batch)
    assert str(again.value) == (f"Check CHK7007 from Aetna dated 10/30/2026 was already posted as batch "
                                f"{first.batch_number}; nothing was posted.")
    assert row_counts(desk.ws) == before
    assert posting.preview_batch(desk.ws, batch).problems == [str(again.value)]


def test_interest_on_account_and_a_plb_post_to_the_provider_level_account(desk: Desk) -> None:
    claim = submitted_claim(desk, "Sullivan")
    paid = adjudication(claim, paid_line(claim, 1, paid=12500), paid_line(claim, 2, paid=1500))
    batch = eob(desk.aetna, "CHK8008", paid, amount=14000 + 312, on_account=312, on_account_reason="L6")
    posted = posting.post_batch(desk.ws, batch)
    balances = ledger.all_balances(desk.ws)
    assert balances["adjustment:PLB-L6"] == -312
    assert _batch_balance(desk.ws, posted.batch_id) == 14312
    detail = posting.batch_detail(desk.ws, posted.batch_id)
    assert (detail.on_account_cents, detail.on_account_reason, len(detail.transaction_ids)) == (312, "L6", 2)

    other = submitted_claim(desk, "Dubois")
    recovery = eob(desk.aetna, "EFT8009", adjudication(other, paid_line(other, 1, paid=12500),
                                                       paid_line(other, 2, paid=1500)),
                   plb=(ProviderAdjustment("L6", "INT2026", -150), ProviderAdjustment("WO", "OVP123", 4000)))
    assert recovery.amount == 14000 + 150 - 4000
    second = posting.post_batch(desk.ws, recovery)
    balances = ledger.all_balances(desk.ws)
    assert (balances["adjustment:PLB-L6"], balances["adjustment:PLB-WO"]) == (-462, 4000)
    assert _batch_balance(desk.ws, second.batch_id) == 10150
    assert [p.reason for p in posting.batch_detail(desk.ws, second.batch_id).provider_adjustments] == ["L6", "WO"]


# --- reversing -----------------------------------------------------------------------------------------------------
def test_reversing_a_batch_restores_every_balance_and_reopens_its_claims(desk: Desk) -> None:
    paid = submitted_claim(desk, "Olsen", desk.aetna, desk.medicare)
    denied = submitted_claim(desk, "Novak")
    secondary = next_claim_number(desk, paid)
    before = ledger.all_balances(desk.ws)
    batch = eob(desk.aetna, "CHK9009",
                adjudication(paid, paid_line(paid, 1, allowed=10000, paid=7000, deductible=1000, coinsurance=2000),
                             paid_line(paid, 2, allowed=1500, paid=1500), next_step=NextStep.NEXT_PAYER),
                adjudication(denied, denied_line(denied, 1), denied_line(denied, 2), next_step=NextStep.DENIALS),
                on_account=99, on_account_reason="L6")
    posted = posting.post_batch(desk.ws, batch)
    assert ledger.all_balances(desk.ws) != before

    posting.reverse_batch(desk.ws, posted.batch_id, "Keyed against the wrong check")

    after = ledger.all_balances(desk.ws)
    assert {k: v for k, v in after.items() if v or k in before} == before
    assert claim_status(desk.ws, paid.claim_number) == "accepted"
    assert claim_status(desk.ws, denied.claim_number) == "accepted"
    assert claim_status(desk.ws, secondary) == "ready"  # readied once; it is not sent back to draft
    assert [d["status"] for d in _rows(desk.ws, "denials")] == ["reversed"]
    detail = posting.batch_detail(desk.ws, posted.batch_id)
    assert (detail.summary.status, detail.reversal_reason) == ("reversed", "Keyed against the wrong check")
    assert len(detail.transaction_ids) == 2 * posted.transactions
    assert not posting.claim_adjudications(desk.ws, paid.claim_id)[0].in_effect
    with pytest.raises(DomainError, match="already reversed"):
        posting.reverse_batch(desk.ws, posted.batch_id, "again")
    # the claims can be posted again, from the right check
    again = posting.post_batch(desk.ws, eob(desk.aetna, "CHK9010", adjudication(
        paid, paid_line(paid, 1, paid=12500), paid_line(paid, 2, paid=1500))))
    assert again.claims[0].outcome == "paid" and claim_status(desk.ws, paid.claim_number) == "paid"


def test_a_reversal_is_refused_when_the_money_has_moved_on(desk: Desk) -> None:
    claim = submitted_claim(desk, "Horvat", desk.aetna, desk.medicare)
    primary = posting.post_batch(desk.ws, eob(desk.aetna, "CHK1101", adjudication(
        claim, paid_line(claim, 1, allowed=10000, paid=8000, coinsurance=2000), paid_line(claim, 2, paid=1500),
        next_step=NextStep.NEXT_PAYER)))
    number = next_claim_number(desk, claim)
    claims.render_claims_pdf(desk.ws, [number])
    secondary = posting.postable_claim(desk.ws, number)
    assert [line.balance_cents for line in secondary.lines] == [2000, 0]
    line = secondary.lines[0]
    posting.post_batch(desk.ws, eob(desk.medicare, "MCR55", adjudication(secondary, adjusted_line(
        secondary, 1, paid=2000, adjustments=[("OA", "23", line.charge_cents - 2000)]))))
    assert line_balances(desk.ws, claim, Party.SECONDARY) == [0, 0]
    before = row_counts(desk.ws)

    with pytest.raises(DomainError) as refused:
        posting.reverse_batch(desk.ws, primary.batch_id, "Wrong patient")

    assert (f"Claim {claim.claim_number}: $20.00 was moved to the secondary payer and has been paid, adjusted or "
            "moved on since (the secondary payer's balance on the line is now $0.00); reverse that posting first."
            ) in str(refused.value)
    assert row_counts(desk.ws) == before


def test_a_payer_reversal_and_correction_in_a_later_check(desk: Desk) -> None:
    claim = submitted_claim(desk, "Santos")
    other = submitted_claim(desk, "Perez")
    paid_first = adjudication(claim, paid_line(claim, 1, allowed=10000, paid=10000), paid_line(claim, 2, paid=1500),
                              payer_reference="PCN9")
    first = posting.post_batch(desk.ws, eob(desk.aetna, "EFT1201", paid_first))
    [original] = posting.claim_adjudications(desk.ws, claim.claim_id)
    corrected = adjudication(claim, paid_line(claim, 1, allowed=9000, paid=7000, coinsurance=2000),
                             paid_line(claim, 2, paid=1500), payer_reference="PCN10")
    check = eob(desk.aetna, "EFT1202", reversal_of(paid_first), corrected,
                adjudication(other, paid_line(other, 1, paid=12500), paid_line(other, 2, paid=1500)))
    assert check.amount == -11500 + 8500 + 14000

    second = posting.post_batch(desk.ws, check)

    assert [c.outcome for c in second.claims] == ["reversal", "paid", "paid"]
    assert line_balances(desk.ws, claim, Party.PRIMARY) == [0, 0]
    assert line_balances(desk.ws, claim, Party.PATIENT) == [2000, 0]
    assert ledger.all_balances(desk.ws)["adjustment:CO-45"] == 3500 + 0  # 25.00 taken back, 35.00 written down
    # each batch account holds its own check: the takeback was withheld from the second one
    assert _batch_balance(desk.ws, first.batch_id) == 11500
    assert _batch_balance(desk.ws, second.batch_id) == 11000
    recorded = posting.claim_adjudications(desk.ws, claim.claim_id)
    assert [(a.status_code, a.in_effect) for a in recorded] == [("1", False), ("22", False), ("1", True)]
    assert recorded[0].id == original.id and recorded[0].reversed_by == recorded[1].id
    assert recorded[1].reverses == original.id and recorded[1].paid == -11500
    history = [h.to_status for h in claims.claim_detail(desk.ws, claim.claim_number).history]
    assert history[-3:] == ["paid", "accepted", "paid"]
    with pytest.raises(DomainError, match="took back an earlier payment"):
        posting.reverse_batch(desk.ws, second.batch_id, "no")


def test_a_reversal_on_its_own_reopens_the_claim(desk: Desk) -> None:
    claim = submitted_claim(desk, "Cohen")
    first = posting.post_batch(desk.ws, eob(desk.aetna, "EFT1301", adjudication(
        claim, paid_line(claim, 1, paid=12500), paid_line(claim, 2, paid=1500))))
    later = posting.post_batch(desk.ws, eob(desk.aetna, "EFT1302", on_account=500, on_account_reason="L6"))
    [original] = posting.claim_adjudications(desk.ws, claim.claim_id)
    with desk.ws.write() as conn:
        new = posting.reverse_claim_adjudication_in(desk.ws, conn, original.id, later.batch_id, "Payer recouped")
    assert line_balances(desk.ws, claim, Party.PRIMARY) == [12500, 1500]
    assert claim_status(desk.ws, claim.claim_number) == "accepted"
    recorded = posting.claim_adjudications(desk.ws, claim.claim_id)
    assert [(a.id, a.status_code, a.batch_id) for a in recorded][1] == (new, "22", later.batch_id)
    assert recorded[0].reversed_by == new and first.batch_id == recorded[0].batch_id


# --- finding claims and permissions -----------------------------------------------------------------------------
def test_claims_are_found_by_number_patient_and_date_of_service(desk: Desk) -> None:
    claim = submitted_claim(desk, "García-López", first="María")
    submitted_claim(desk, "Garcia", first="Ana", days_ago=10)
    assert [c.claim_number for c in posting.find_claims_for_posting(desk.ws, claim.claim_number.lower())] == [
        claim.claim_number]
    assert {c.patient_name for c in posting.find_claims_for_posting(desk.ws, "garcia")} == {
        "García-López, María", "Garcia, Ana"}
    assert [c.patient_name for c in posting.find_claims_for_posting(desk.ws, "Garcia, An")] == ["Garcia, Ana"]
    day = claim.date_of_service
    assert day is not None
    assert [c.claim_number for c in posting.find_claims_for_posting(desk.ws, day.strftime("%m/%d/%Y"))] == [
        claim.claim_number]
    assert posting.find_claims_for_posting(desk.ws, "garcia", payer_id=desk.medicare.id) == []
    found = posting.find_claims_for_posting(desk.ws, claim.claim_number)[0]
    assert (found.payer_name, found.party, found.lines[0].procedure, found.balance_cents) == (
        "Aetna", Party.PRIMARY, "99213", 14000)


def test_only_a_biller_or_manager_posts_and_reverses(desk: Desk, sign_in_as: Callable[[Role], Actor]) -> None:
    claim = submitted_claim(desk, "Schmidt")
    batch = eob(desk.aetna, "CHK1401", adjudication(claim, paid_line(claim, 1, paid=12500),
                                                     paid_line(claim, 2, paid=1500)))
    sign_in_as(Role.FRONT_DESK)
    with pytest.raises(PermissionDenied, match="may not post insurance payments"):
        posting.post_batch(desk.ws, batch)
    with pytest.raises(PermissionDenied):
        posting.preview_batch(desk.ws, batch)
    sign_in_as(Role.BILLER)
    posted = posting.post_batch(desk.ws, batch)
    sign_in_as(Role.FRONT_DESK)
    with pytest.raises(PermissionDenied, match="may not reverse transactions"):
        posting.reverse_batch(desk.ws, posted.batch_id, "no")
    assert posting.list_batches(desk.ws)[0].posted_by == "betty"
