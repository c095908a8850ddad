"""Reversing one claim's payment out of a posted batch (services.corrections): the claim's ledger transactions
reversed with the reason, the claim reopened, the other claims of the batch untouched; refused, with nothing
written, when money has moved on since, when it was reversed already, when the batch was reversed, for the
payer's own reversal, without a reason, and for the front desk. A claim another batch still pays keeps the status
that payment gives it (partially paid when it paid only some lines);
the next payer's claim built on the payment goes back to draft (or is listed to be checked once sent); the
rest of a batch with one claim's payment reversed can still be reversed as a whole."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

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

from medbill_desktop.domain.adjudication import NextStep
from medbill_desktop.domain.errors import DomainError, PermissionDenied
from medbill_desktop.domain.ledger import Party, TxKind
from medbill_desktop.domain.roles import Role
from medbill_desktop.services import account_ledger, claims, corrections, patient_payments, posting
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.errors import ServiceError


@pytest.fixture
def desk(workstation: Workstation) -> Desk:
    return make_desk(workstation)


def two_claims(desk: Desk):  # type: ignore[no-untyped-def]
    """One Aetna check paying two claims: Garcia's (coinsurance to the patient) and Ito's (paid in full)."""
    garcia = submitted_claim(desk, "Garcia")
    ito = submitted_claim(desk, "Ito", first="Ken")
    a = adjudication(garcia, paid_line(garcia, 1, allowed=8000, paid=6400, coinsurance=1600),
                     paid_line(garcia, 2, paid=1500))
    b = adjudication(ito, paid_line(ito, 1, paid=12500), paid_line(ito, 2, paid=1500))
    posted = posting.post_batch(desk.ws, eob(desk.aetna, "CHK5001", a, b))
    detail = posting.batch_detail(desk.ws, posted.batch_id)
    ids = {c.claim_number: c.adjudication.id for c in detail.claims}
    return garcia, ito, posted, ids


def test_one_claims_payment_is_reversed_and_the_other_stays_paid(desk: Desk) -> None:
    ws = desk.ws
    garcia, ito, posted, ids = two_claims(desk)
    assert line_balances(ws, garcia, Party.PATIENT) == [1600, 0]
    before = corrections.claim_payment(ws, ids[garcia.claim_number])
    assert before.reversible and before.paid == 7900 and before.transactions == 3  # payment, CO-45, PR transfer

    done = corrections.reverse_claim_adjudication(ws, ids[garcia.claim_number], "  Keyed against the wrong claim ")
    assert (done.claim_number, done.transactions, done.claim_status) == (garcia.claim_number, 3, "accepted")
    assert claim_status(ws, garcia.claim_number) == "accepted"  # reopened
    assert line_balances(ws, garcia, Party.PRIMARY) == [12500, 1500]  # the charges are Aetna's again
    assert line_balances(ws, garcia, Party.PATIENT) == [0, 0]
    assert claim_status(ws, ito.claim_number) == "paid"
    assert line_balances(ws, ito, Party.PRIMARY) == [0, 0]

    detail = posting.batch_detail(ws, posted.batch_id)
    assert detail.summary.status == "posted"
    by_number = {c.claim_number: [x.adjudication for x in detail.claims if x.claim_number == c.claim_number]
                 for c in detail.claims}
    original, reversal_row = by_number[garcia.claim_number]
    assert original.reversed_by == reversal_row.id and reversal_row.reverses == original.id
    assert reversal_row.outcome == "reversal" and reversal_row.paid == -7900
    assert [a.in_effect for a in by_number[ito.claim_number]] == [True]

    led = account_ledger.account_ledger(ws, garcia.account_number)
    reversals = [e for e in led.entries if e.kind is TxKind.REVERSAL]
    undone = [e for e in led.entries if e.reversed_by]
    assert len(undone) == 4 and all(e.source.startswith("Batch ") for e in undone)  # a payment of two lines, ...
    assert {e.reverses for e in reversals} == {e.transaction_id for e in undone}
    assert len(reversals) == 4 and all(e.words.endswith("reversed: Keyed against the wrong claim.") for e in reversals)
    assert led.balances == (14000, 0, 0, 0)

    again = corrections.claim_payment(ws, ids[garcia.claim_number])
    assert "reversed already" in again.problem
    with pytest.raises(DomainError, match="reversed already"):
        corrections.reverse_claim_adjudication(ws, ids[garcia.claim_number], "twice")
    with pytest.raises(DomainError, match="own reversal"):
        corrections.reverse_claim_adjudication(ws, reversal_row.id, "a reversal of a reversal")


def test_refused_when_the_patient_has_paid_what_was_moved_to_them(desk: Desk) -> None:
    ws = desk.ws
    garcia, _ito, _posted, ids = two_claims(desk)
    patient_id = account_ledger.account_ledger(ws, garcia.account_number).patient_id
    patient_payments.take_payment(ws, patient_id, 1600, "cash")
    assert line_balances(ws, garcia, Party.PATIENT) == [0, 0]
    counts = row_counts(ws)
    payment = corrections.claim_payment(ws, ids[garcia.claim_number])
    assert not payment.reversible
    assert payment.problem == (
        f"Claim {garcia.claim_number}'s payment can't be reversed; nothing was changed.\n"
        "- $16.00 of it was moved to the patient, and the patient owes only $0.00 on that line now: it has been "
        "paid, adjusted or moved on since. Reverse that first.")
    with pytest.raises(DomainError, match="can't be reversed; nothing was changed"):
        corrections.reverse_claim_adjudication(ws, ids[garcia.claim_number], "Wrong claim")
    assert row_counts(ws) == counts and claim_status(ws, garcia.claim_number) == "paid"


def test_refused_when_the_secondary_has_paid_what_was_sent_on(desk: Desk) -> None:
    ws = desk.ws
    claim = submitted_claim(desk, "Lindqvist", desk.aetna, desk.medicare, first="Per")
    first = posting.post_batch(ws, eob(desk.aetna, "7001", adjudication(
        claim, paid_line(claim, 1, allowed=8000, paid=6400, coinsurance=1600), paid_line(claim, 2, paid=1500),
        next_step=NextStep.NEXT_PAYER)))
    number = next_claim_number(desk, claim)
    claims.render_claims_pdf(ws, [number])  # printed: sent to Medicare
    secondary = posting.postable_claim(ws, number)
    posting.post_batch(ws, eob(desk.medicare, "MC1", adjudication(
        secondary, adjusted_line(secondary, 1, paid=1600, adjustments=[("OA", "23", 12500 - 1600)]))))
    [primary] = posting.batch_detail(ws, first.batch_id).claims
    problem = corrections.claim_payment(ws, primary.adjudication.id).problem
    assert "$16.00 of it was moved to the secondary payer" in problem


def test_a_reversed_batch_a_payers_reversal_and_entries_of_no_claim(desk: Desk) -> None:
    ws = desk.ws
    garcia, _ito, posted, ids = two_claims(desk)
    detail = posting.batch_detail(ws, posted.batch_id)
    original = next(c.adjudication for c in detail.claims if c.claim_number == garcia.claim_number)
    # the payer takes the payment back in a later check (CLP02=22) and pays the claim again, corrected
    taken = reversal_of(adjudication(garcia, paid_line(garcia, 1, allowed=8000, paid=6400, coinsurance=1600),
                                     paid_line(garcia, 2, paid=1500)))
    corrected = adjudication(garcia, paid_line(garcia, 1, allowed=10000, paid=8000, coinsurance=2000),
                             paid_line(garcia, 2, paid=1500))
    later = posting.post_batch(ws, eob(desk.aetna, "CHK5002", taken, corrected))
    back, again = posting.batch_detail(ws, later.batch_id).claims
    assert "own reversal" in corrections.claim_payment(ws, back.adjudication.id).problem
    assert corrections.claim_payment(ws, again.adjudication.id).reversible
    assert "reversed already" in corrections.claim_payment(ws, original.id).problem

    other = submitted_claim(desk, "Okafor", first="Ada")
    third = posting.post_batch(ws, eob(desk.aetna, "CHK5003", adjudication(
        other, paid_line(other, 1, paid=12500), paid_line(other, 2, paid=1500))))
    posting.reverse_batch(ws, third.batch_id, "Wrong check")
    [gone] = posting.batch_detail(ws, third.batch_id).claims[:1]
    assert "was reversed; claim" in corrections.claim_payment(ws, gone.adjudication.id).problem

    charge = account_ledger.account_ledger(ws, garcia.account_number).entries[0]
    assert charge.kind is TxKind.CHARGE
    with pytest.raises(ServiceError, match="not posted from an insurance payment"):
        corrections.claim_payment_of_transaction(ws, charge.transaction_id)
    paid = next(e for e in account_ledger.account_ledger(ws, garcia.account_number).entries
                if e.kind is TxKind.PAYMENT)
    assert corrections.claim_payment_of_transaction(ws, paid.transaction_id).claim_adjudication_id == ids[
        garcia.claim_number]


def test_a_reason_and_the_right_to_reverse_are_needed(desk: Desk, sign_in_as: Callable[[Role], object]) -> None:
    ws = desk.ws
    garcia, _ito, _posted, ids = two_claims(desk)
    with pytest.raises(DomainError, match="Say why"):
        corrections.reverse_claim_adjudication(ws, ids[garcia.claim_number], "   ")
    with pytest.raises(ServiceError, match="no such claim payment"):
        corrections.claim_payment(ws, "nope")
    sign_in_as(Role.FRONT_DESK)
    with pytest.raises(PermissionDenied):
        corrections.reverse_claim_adjudication(ws, ids[garcia.claim_number], "Wrong claim")
    sign_in_as(Role.BILLER)
    assert corrections.reverse_claim_adjudication(ws, ids[garcia.claim_number], "Wrong claim").claim_status == \
        "accepted"


def test_a_claim_another_batch_still_pays_is_not_reopened(desk: Desk) -> None:
    ws = desk.ws
    claim = submitted_claim(desk, "Nakamura", first="Yui")
    first = posting.post_batch(ws, eob(desk.aetna, "CHK6001", adjudication(
        claim, paid_line(claim, 1, paid=12500), denied_line(claim, 2))))
    assert claim_status(ws, claim.claim_number) == "partially_paid"
    second = posting.post_batch(ws, eob(desk.aetna, "CHK6002", adjudication(claim, paid_line(claim, 2, paid=1500)),
                                        check_date=date(2026, 11, 6)))
    assert claim_status(ws, claim.claim_number) == "paid"
    [one] = posting.batch_detail(ws, first.batch_id).claims
    [two] = posting.batch_detail(ws, second.batch_id).claims

    done = corrections.reverse_claim_adjudication(ws, one.adjudication.id, "Line 1 keyed twice")
    # CHK6002's payment of the claim still stands, but it paid line 2 only: the claim is partially paid, reopened
    # and recorded so in its history (not reopened for the payer to answer again)
    assert done.claim_status == "partially_paid"
    assert claim_status(ws, claim.claim_number) == "partially_paid"
    assert line_balances(ws, claim, Party.PRIMARY) == [12500, 0]
    history = claims.claim_detail(ws, claim.claim_number).history
    assert [(h.from_status, h.to_status) for h in history][-2:] == [("paid", "accepted"),
                                                                    ("accepted", "partially_paid")]
    assert history[-1].note.startswith("Payment of batch ") and history[-1].note.endswith(": Line 1 keyed twice")

    # with the last payment reversed too, nothing of the payer's stands: the claim is reopened
    done = corrections.reverse_claim_adjudication(ws, two.adjudication.id, "Wrong claim")
    assert done.claim_status == "accepted" and claim_status(ws, claim.claim_number) == "accepted"
    assert line_balances(ws, claim, Party.PRIMARY) == [12500, 1500]


def test_a_whole_batch_reversed_leaves_the_claim_as_the_other_batch_paid_it(desk: Desk) -> None:
    ws = desk.ws
    claim = submitted_claim(desk, "Okoye", first="Ada")
    posting.post_batch(ws, eob(desk.aetna, "CHK6101", adjudication(
        claim, paid_line(claim, 1, paid=12500), denied_line(claim, 2))))
    second = posting.post_batch(ws, eob(desk.aetna, "CHK6102", adjudication(claim, paid_line(claim, 2, paid=1500)),
                                        check_date=date(2026, 11, 6)))
    assert claim_status(ws, claim.claim_number) == "paid"
    posting.reverse_batch(ws, second.batch_id, "Posted to the wrong practice's deposit")
    assert claim_status(ws, claim.claim_number) == "partially_paid"  # CHK6101 paid line 1 and denied line 2
    assert line_balances(ws, claim, Party.PRIMARY) == [0, 1500]


def primary_moved_to_medicare(desk: Desk, last: str, first: str, reference: str):  # type: ignore[no-untyped-def]
    """An Aetna-then-Medicare patient whose Aetna payment moved $16.00 on to Medicare (secondary claim readied)."""
    claim = submitted_claim(desk, last, desk.aetna, desk.medicare, first=first)
    posted = posting.post_batch(desk.ws, eob(desk.aetna, reference, adjudication(
        claim, paid_line(claim, 1, allowed=8000, paid=6400, coinsurance=1600), paid_line(claim, 2, paid=1500),
        next_step=NextStep.NEXT_PAYER)))
    number = next_claim_number(desk, claim)
    assert posted.readied_claims == [number] and claim_status(desk.ws, number) == "ready"
    [row] = posting.batch_detail(desk.ws, posted.batch_id).claims
    return claim, number, row.adjudication.id


def test_the_next_payers_claim_built_on_the_payment_goes_back_to_draft(desk: Desk) -> None:
    ws = desk.ws
    claim, secondary, adjudication_id = primary_moved_to_medicare(desk, "Lindqvist", "Per", "7001")
    assert line_balances(ws, claim, Party.SECONDARY) == [1600, 0]

    done = corrections.reverse_claim_adjudication(ws, adjudication_id, "Posted to the wrong visit")
    assert done.claim_status == "accepted" and done.unreadied == (secondary,) and done.to_check == ()
    assert claim_status(ws, secondary) == "draft"
    assert line_balances(ws, claim, Party.SECONDARY) == [0, 0]
    assert line_balances(ws, claim, Party.PRIMARY) == [12500, 1500]
    last = claims.claim_detail(ws, secondary).history[-1]
    assert (last.from_status, last.to_status) == ("ready", "draft")
    assert last.note == (f"The primary claim {claim.claim_number}'s payment it was built on was reversed (batch "
                         f"{done.batch_number}): Posted to the wrong visit.")

    # one already printed (sent to Medicare) is not moved: the biller is told to check it
    other, sent, other_id = primary_moved_to_medicare(desk, "Berg", "Ana", "7002")
    claims.render_claims_pdf(ws, [sent])
    done = corrections.reverse_claim_adjudication(ws, other_id, "Posted to the wrong visit")
    assert done.unreadied == () and claim_status(ws, sent) == "submitted"
    assert done.to_check == (f"Check claim {sent} ({desk.medicare.name}, submitted): it was built on the reversed "
                             f"payment of claim {other.claim_number}.",)
    assert line_balances(ws, other, Party.SECONDARY) == [0, 0]


def test_the_rest_of_a_batch_is_reversed_after_one_claims_payment_was(desk: Desk) -> None:
    ws = desk.ws
    garcia, ito, posted, ids = two_claims(desk)
    corrections.reverse_claim_adjudication(ws, ids[garcia.claim_number], "Keyed against the wrong claim")
    posting.reverse_batch(ws, posted.batch_id, "Wrong check")
    assert posting.batch_detail(ws, posted.batch_id).summary.status == "reversed"
    assert claim_status(ws, ito.claim_number) == "accepted"
    assert claim_status(ws, garcia.claim_number) == "accepted"
    assert line_balances(ws, ito, Party.PRIMARY) == [12500, 1500]
    assert line_balances(ws, garcia, Party.PRIMARY) == [12500, 1500]
    assert line_balances(ws, garcia, Party.PATIENT) == [0, 0]
    led = account_ledger.account_ledger(ws, garcia.account_number)
    assert led.balances == (14000, 0, 0, 0)
    # Garcia's payment was reversed once (by the biller), not reversed back
    assert len([e for e in led.entries if e.kind is TxKind.REVERSAL]) == 4

    # a batch holding the payer's own reversal of an earlier check is still refused, naming the claim
    other = submitted_claim(desk, "Okafor", first="Ada")
    paid = adjudication(other, paid_line(other, 1, paid=12500), paid_line(other, 2, paid=1500))
    posting.post_batch(ws, eob(desk.aetna, "CHK5010", paid))
    later = posting.post_batch(ws, eob(desk.aetna, "CHK5011", reversal_of(paid), paid))
    with pytest.raises(DomainError) as info:
        posting.reverse_batch(ws, later.batch_id, "Wrong check")
    assert info.value.message == (
        f"Batch {later.batch_number} took back an earlier payment of claim {other.claim_number} (the payer's "
        "reversal of an earlier check); a batch like that is not reversed as a whole: reverse its claims one by "
        "one instead.")
