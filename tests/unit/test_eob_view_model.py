"""The paper-EOB form's reading rules (gui/eob_model.py, no Qt): proposals, overrides, further adjustments,
remarks, the next step per claim, left to apply and putting the remainder on account."""

from __future__ import annotations

from datetime import date

import pytest

from medbill_desktop.domain.adjudication import CasAdjustment, NextStep, PaymentMethod
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.gui.eob_model import (
    BatchEntry,
    ClaimEntry,
    LineEntry,
    adjustments_text,
    read_adjustments,
    read_remarks,
)


def line(billed: int = 12500, **typed: str) -> LineEntry:
    entry = LineEntry("L1", "99213", date(2026, 3, 2), billed, billed)
    for name, value in typed.items():
        setattr(entry, name, value)
    return entry


def claim(number: str = "C-1", lines: list[LineEntry] | None = None, next_payer: str | None = None) -> ClaimEntry:
    return ClaimEntry(f"id-{number}", number, "Smith, John", date(2026, 3, 2), "Aetna", "primary", next_payer,
                      lines if lines is not None else [line()])


def batch(*claims: ClaimEntry, amount: str = "60.00") -> BatchEntry:
    return BatchEntry("payer-1", "Aetna", PaymentMethod.CHECK, "CHK 1001", "03/20/2026", "03/21/2026", amount,
                      claims=list(claims))


def test_the_proposal_writes_down_above_allowed_and_leaves_the_deductible_with_the_patient() -> None:
    entry = line(allowed="80.00", paid="60", deductible="20.00")
    read = entry.read("l", "Line 1")
    assert read.adjustments == (CasAdjustment("CO", "45", 4500), CasAdjustment("PR", "1", 2000))
    assert (read.paid, read.allowed, read.unexplained, read.patient_responsibility) == (6000, 8000, 0, 2000)
    assert entry.contractual_text() == "45.00"


def test_what_the_payer_left_unpaid_of_the_allowed_amount_is_coinsurance() -> None:
    read = line(allowed="100", paid="80").read("l", "Line 1")
    assert read.adjustments == (CasAdjustment("CO", "45", 2500), CasAdjustment("PR", "2", 2000))


def test_the_biller_overrides_the_contractual_amount() -> None:
    entry = line(allowed="80.00", paid="60", deductible="20.00", contractual="40.00", contractual_typed=True)
    read = entry.read("l", "Line 1")
    assert read.adjustments[0] == CasAdjustment("CO", "45", 4000)
    assert read.unexplained == 500  # the form says so; check_batch refuses it


def test_a_denied_line_has_no_allowed_amount_and_its_adjustments_typed() -> None:
    entry = line(other="co-16 125.00", remarks="n290 ma130")
    read = entry.read("l", "Line 1")
    assert read.adjustments == (CasAdjustment("CO", "16", 12500),)
    assert read.remarks == ("N290", "MA130")
    assert read.denied and read.unexplained == 0 and read.allowed is None


@pytest.mark.parametrize(("typed", "expected"), [
    ("CO-16 125.00", [("CO", "16", 12500)]),
    ("CO16 100; OA-23 25", [("CO", "16", 10000), ("OA", "23", 2500)]),
    ("pr 3 $10, co-b7 5.5", [("PR", "3", 1000), ("CO", "B7", 550)]),
    ("OA-94 -12.00", [("OA", "94", -1200)]),
    ("", []),
])
def test_further_adjustments_are_typed_as_group_reason_amount(typed: str, expected: list[tuple[str, str, int]]) -> None:
    found = read_adjustments(typed, "x", "Line 1")
    assert [(a.group, a.reason, a.amount) for a in found] == expected
    assert read_adjustments(adjustments_text(found), "x", "Line 1") == found


@pytest.mark.parametrize("typed", ["CO 125.00", "XX-16 10", "CO-16", "CO-16 12.345", "16 CO 10"])
def test_an_adjustment_that_does_not_read_names_its_field(typed: str) -> None:
    with pytest.raises(DomainError) as caught:
        read_adjustments(typed, "claims[0].lines[0].other", "Claim C-1 line 1")
    assert caught.value.field == "claims[0].lines[0].other"
    assert "Claim C-1 line 1" in caught.value.message


def test_remarks_are_rarc_codes() -> None:
    assert read_remarks(" n290  M15 ", "r", "Line 1") == ("N290", "M15")
    with pytest.raises(DomainError, match="'CO16' is not a remark code"):
        read_remarks("N290 CO16", "r", "Line 1")


@pytest.mark.parametrize(("typed", "field", "words"), [
    ({"allowed": "130.00", "paid": "0"}, "allowed", "more than billed"),
    ({"allowed": "80", "paid": "90"}, "paid", "more than allowed"),
    ({"allowed": "80", "paid": "60", "deductible": "30"}, "paid", "more than allowed"),
    ({"paid": "60"}, "allowed", "enter the allowed amount"),
    ({"allowed": "abc"}, "allowed", "not an amount"),
])
def test_a_line_that_does_not_add_up_names_the_field(typed: dict[str, str], field: str, words: str) -> None:
    with pytest.raises(DomainError) as caught:
        line(**typed).read("claims[0].lines[0]", "Claim C-1 line 1")
    assert caught.value.field == f"claims[0].lines[0].{field}"
    assert words in caught.value.message.lower()


def test_next_step_defaults() -> None:
    paid = claim("C-1", [line(allowed="80", paid="60", deductible="20")], next_payer="Medicare Part B")
    assert paid.next_step() is NextStep.NEXT_PAYER
    alone = claim("C-2", [line(allowed="80", paid="60", deductible="20")])
    assert alone.next_step() is NextStep.PATIENT and NextStep.NEXT_PAYER not in alone.steps()
    denied = claim("C-3", [line(other="CO-16 125"), line(other="CO-16 125")], next_payer="Medicare Part B")
    assert denied.next_step() is NextStep.DENIALS
    denied.chosen_step = NextStep.KEEP
    assert denied.read("claims[0]").next_step is NextStep.KEEP
    alone.chosen_step = NextStep.NEXT_PAYER
    with pytest.raises(DomainError, match="no further insurance") as caught:
        alone.read("claims[1]")
    assert caught.value.field == "claims[1].next_step"


def test_the_batch_posts_only_when_it_balances() -> None:
    paid = claim("C-1", [line(allowed="80.00", paid="60.00", deductible="20.00")], next_payer="Medicare Part B")
    denied = claim("C-2", [line(other="CO-16 125.00", remarks="N290")])
    entry = batch(paid, denied, amount="70.00")
    review = entry.review()
    assert not review.ready and review.left_to_apply == 1000 and review.applied == 6000
    assert any("$10.00 left to apply" in p.message and p.field == "header.amount" for p in review.problems)
    entry.amount = "60.00"
    review = entry.review()
    assert review.ready, review.problems
    assert review.batch is not None
    b = review.batch
    assert (b.amount, b.left_to_apply, b.check_date, b.deposit_date, b.reference) == (
        6000, 0, date(2026, 3, 20), date(2026, 3, 21), "CHK 1001")
    assert [(c.claim_number, c.outcome, c.next_step) for c in b.claims] == [
        ("C-1", "paid", NextStep.NEXT_PAYER), ("C-2", "denied", NextStep.DENIALS)]
    assert b.claims[1].status_code == "4"


def test_the_remainder_goes_on_account_with_a_reason() -> None:
    entry = batch(claim("C-1", [line(allowed="80.00", paid="60.00", deductible="20.00")]), amount="62.50")
    assert entry.left_to_apply() == 250
    entry.on_account_reason = "L6"
    review = entry.review()
    assert review.ready and review.left_to_apply == 0 and review.on_account == 250
    assert review.batch is not None and (review.batch.on_account, review.batch.on_account_reason) == (250, "L6")
    entry.amount = "55.00"  # the payer kept $5.00 back (an overpayment recovered)
    entry.on_account_reason = "WO"
    review = entry.review()
    assert review.ready and review.batch is not None and review.batch.on_account == -500


@pytest.mark.parametrize(("change", "field"), [
    ({"payer_id": ""}, "header.payer"),
    ({"reference": "  "}, "header.reference"),
    ({"check_date": ""}, "header.check_date"),
    ({"check_date": "13/45/2026"}, "header.check_date"),
    ({"deposit_date": "tomorrow"}, "header.deposit_date"),
    ({"amount": ""}, "header.amount"),
])
def test_the_header_names_what_is_missing(change: dict[str, str], field: str) -> None:
    entry = batch(claim("C-1", [line(allowed="80.00", paid="60.00", deductible="20.00")]))
    for name, value in change.items():
        setattr(entry, name, value)
    review = entry.review()
    assert not review.ready
    assert review.problems[0].field == field


def test_an_empty_batch_does_not_post() -> None:
    review = batch(amount="0").review()
    assert not review.ready and "no claims" in review.problems[0].message


def test_a_check_pays_only_its_own_payers_claims() -> None:
    other = claim("C-9", [line(allowed="80.00", paid="60.00", deductible="20.00")])
    other.payer_id, other.payer_name = "payer-2", "Medicare Part B"
    review = batch(other).review()
    assert not review.ready
    assert review.problems[0].message.startswith("Claim C-9 is billed to Medicare Part B, not Aetna")
    assert review.problems[0].field == "claims[0].lines[0].allowed"
    other.payer_id = "payer-1"
    assert batch(other).review().ready
