"""Reading a payer's decision (domain.adjudication): proposed adjustments on a paper EOB, what a line's
adjustments mean, when a claim is denied, and when a batch may post."""

from __future__ import annotations

from datetime import date

import pytest

from medbill_desktop.domain.adjudication import (
    DENIED,
    REVERSAL,
    BatchKind,
    CasAdjustment,
    ClaimAdjudication,
    LineAdjudication,
    NextStep,
    PaymentMethod,
    PostedAdjudication,
    PostedAdjustment,
    PostedLine,
    ProviderAdjustment,
    RemittanceBatch,
    check_batch,
    check_claim,
    propose_adjustments,
)
from medbill_desktop.domain.errors import DomainError


def cas(label: str, amount: int) -> CasAdjustment:
    group, reason = label.split("-")
    return CasAdjustment(group, reason, amount)


def labels(adjustments: tuple[CasAdjustment, ...]) -> list[tuple[str, int]]:
    return [(a.label, a.amount) for a in adjustments]


# --- a paper EOB line ------------------------------------------------------------------------------------------
def test_contractual_and_patient_shares_are_proposed_from_billed_allowed_and_paid() -> None:
    # billed 120.00, allowed 80.00, paid 64.00: CO-45 40.00 and 16.00 coinsurance
    assert labels(propose_adjustments(12000, 8000, 6400)) == [("CO-45", 4000), ("PR-2", 1600)]
    assert labels(propose_adjustments(12000, 8000, 3000, deductible=5000)) == [("CO-45", 4000), ("PR-1", 5000)]
    assert labels(propose_adjustments(12000, 8000, 4400, deductible=1000, copay=2500)) == [
        ("CO-45", 4000), ("PR-1", 1000), ("PR-2", 100), ("PR-3", 2500)]
    assert propose_adjustments(5000, 5000, 5000) == ()


@pytest.mark.parametrize(("billed", "allowed", "paid", "kw", "message"), [
    (10000, 12000, 0, {}, "Allowed $120.00 is more than billed $100.00."),
    (10000, 8000, 9000, {}, "Paid $90.00 is more than allowed $80.00."),
    (10000, 8000, 6000, {"deductible": 3000}, "is more than allowed ($80.00)"),
    (10000, 8000, -1, {}, "not negative"),
])
def test_an_eob_line_that_cannot_be_right_is_refused(billed: int, allowed: int, paid: int, kw: dict[str, int],
                                                      message: str) -> None:
    with pytest.raises(DomainError, match=message.replace("$", r"\$").replace("(", r"\(").replace(")", r"\)")):
        propose_adjustments(billed, allowed, paid, **kw)


def test_an_adjustment_needs_a_known_group_and_a_reason() -> None:
    with pytest.raises(DomainError, match="not one of CO, OA, PI, PR"):
        CasAdjustment("XX", "45", 100)
    with pytest.raises(DomainError, match="needs a reason code"):
        CasAdjustment("CO", " ", 100)


# --- what a line's adjustments mean -------------------------------------------------------------------------------
def test_pr_moves_on_co_is_written_down_and_carc_23_belongs_to_the_prior_payer() -> None:
    line = LineAdjudication("l1", 12000, 6400, 8000, (cas("CO-45", 4000), cas("PR-2", 1600)))
    assert (line.patient_responsibility, line.write_down, line.unexplained, line.denied) == (1600, 4000, 0, False)
    assert [a.written_off for a in line.adjustments] == [True, False]
    assert not cas("OA-23", 9000).written_off and cas("OA-18", 100).written_off and cas("PI-96", 1).written_off


def test_a_line_is_denied_when_nothing_is_paid_or_owed_by_the_patient() -> None:
    denied = LineAdjudication("l1", 12000, 0, 0, (cas("CO-16", 12000),), ("N290",))
    all_on_deductible = LineAdjudication("l2", 12000, 0, 8000, (cas("CO-45", 4000), cas("PR-1", 8000)))
    assert denied.denied and not all_on_deductible.denied
    claim = ClaimAdjudication("c1", "C1", (denied, all_on_deductible))
    assert claim.outcome == "partially_paid"
    assert ClaimAdjudication("c1", "C1", (denied,)).outcome == "denied"
    assert ClaimAdjudication("c1", "C1", (all_on_deductible,)).outcome == "paid"
    assert ClaimAdjudication("c1", "C1", (all_on_deductible,), status_code=DENIED).outcome == "denied"


def test_check_claim_names_the_claim_and_line_that_does_not_add_up() -> None:
    claim = ClaimAdjudication("c1", "RVR000012", (
        LineAdjudication("l1", 12000, 6400, 8000, (cas("CO-45", 4000), cas("PR-2", 1600))),
        LineAdjudication("l2", 1500, 1000, None, (cas("CO-45", 400),)),
        LineAdjudication("l3", 1500, -100, None, (cas("CO-45", 1600),))))
    assert check_claim(claim) == [
        "Claim RVR000012 line 2: billed $15.00 minus paid $10.00 minus adjustments $4.00 leaves $1.00 unexplained.",
        "Claim RVR000012 line 3: paid -$1.00 is negative.",
    ]
    reversal = ClaimAdjudication("c1", "RVR000012", (LineAdjudication("l1", -12000, -8000, None,
                                                                      (cas("CO-45", -4000),)),),
                                 status_code=REVERSAL)
    assert check_claim(reversal) == [] and reversal.is_reversal


# --- a batch ---------------------------------------------------------------------------------------------------
def _batch(amount: int, *claims: ClaimAdjudication, **kw: object) -> RemittanceBatch:
    return RemittanceBatch(BatchKind.PAPER, "aetna", PaymentMethod.CHECK, "CHK1", date(2026, 10, 30), amount,
                           claims, **kw)  # type: ignore[arg-type]


PAID = ClaimAdjudication("c1", "C1", (LineAdjudication("l1", 12000, 6400, 8000,
                                                       (cas("CO-45", 4000), cas("PR-2", 1600))),))


def test_a_batch_posts_only_when_it_balances() -> None:
    assert check_batch(_batch(6400, PAID)) == []
    assert _batch(7000, PAID).left_to_apply == 600
    assert check_batch(_batch(7000, PAID)) == [
        "$6.00 left to apply: the batch posts only when it balances, or when the remainder is put on account with "
        "a reason."]
    assert "$1.00 applied beyond the check amount" in check_batch(_batch(6300, PAID))[0]


def test_a_remainder_on_account_needs_a_reason_and_plb_changes_what_the_check_holds() -> None:
    assert check_batch(_batch(7000, PAID, on_account=600, on_account_reason="L6")) == []
    assert check_batch(_batch(7000, PAID, on_account=600)) == [
        "Say why money is put on account (interest, overpayment, provider-level adjustment)."]
    # interest (negative PLB) adds to the check; a recovery (positive) takes from it
    plb = (ProviderAdjustment("L6", "INT", -250), ProviderAdjustment("WO", "OVP9", 1000))
    assert _batch(6400 + 250 - 1000, PAID, provider_adjustments=plb).left_to_apply == 0


def test_a_batch_without_a_check_number_claims_or_with_a_claim_twice_is_refused() -> None:
    problems = check_batch(RemittanceBatch(BatchKind.PAPER, "aetna", PaymentMethod.CHECK, " ", date(2026, 10, 30),
                                           -5))
    assert problems[:3] == ["The check amount is negative.", "Enter the check or EFT trace number.",
                            "The batch has no claims on it."]
    assert "Claim C1 is on the batch twice." in check_batch(_batch(12800, PAID, PAID))


# --- what was posted, read back -------------------------------------------------------------------------------------
def test_a_posted_adjudication_is_in_effect_until_reversed_and_converts_back() -> None:
    posted = PostedAdjudication(
        id="a1", batch_id="b1", batch_number="RVR000001", batch_status="posted", payer_id="aetna", payer_name="Aetna",
        check_date=date(2026, 10, 30), reference="CHK1", claim_id="c1", position=1, status_code="1",
        payer_claim_reference="PCN1", billed=12000, paid=6400, patient_responsibility=1600, outcome="paid",
        next_step="next_payer", remarks=("MA01",), reverses=None, reversed_by=None,
        lines=(PostedLine("l1", 12000, 8000, 6400, (), (PostedAdjustment("CO", "45", 4000, posted=True),
                                                        PostedAdjustment("PR", "2", 1600))),))
    assert posted.in_effect and posted.lines[0].patient_responsibility == 1600
    back = posted.to_claim_adjudication("C1")
    assert back.next_step is NextStep.NEXT_PAYER and back.lines == PAID.lines and back.remarks == ("MA01",)
    from dataclasses import replace
    assert not replace(posted, reversed_by="a2").in_effect
    assert not replace(posted, batch_status="reversed").in_effect
    assert not replace(posted, status_code=REVERSAL).in_effect
