"""Claim-level adjustments (domain.adjudication): what the claim pays, where each one lands on the lines, and
what no line can take."""

from __future__ import annotations

from medbill_desktop.domain.adjudication import (
    REVERSAL,
    CasAdjustment,
    ClaimAdjudication,
    LineAdjudication,
    check_claim,
    claim_level_shares,
)


def cas(label: str, amount: int) -> CasAdjustment:
    group, reason = label.split("-")
    return CasAdjustment(group, reason, amount)


def line(billed: int, paid: int, *adjustments: CasAdjustment) -> LineAdjudication:
    return LineAdjudication(f"L{billed}-{paid}", billed, paid, adjustments=adjustments)


def claim(*lines: LineAdjudication, claim_level: tuple[CasAdjustment, ...] = (),
          status: str = "1") -> ClaimAdjudication:
    return ClaimAdjudication("C1", "AAA0001", lines, status_code=status, claim_adjustments=claim_level)


def placed(c: ClaimAdjudication) -> list[list[tuple[str, int]]]:
    return [[(a.label, a.amount) for a in share] for share in claim_level_shares(c)[0]]


def test_the_claim_pays_its_lines_less_the_claim_level_adjustments() -> None:
    c = claim(line(12500, 10000, cas("CO-45", 2500)), line(1500, 1500),
              claim_level=(cas("CO-253", 230), cas("PR-1", 1000)))
    assert (c.lines_paid, c.claim_level, c.paid) == (11500, 1230, 10270)
    assert c.patient_responsibility == 1000  # the claim-level PR joins the lines' PR
    assert c.outcome == "paid" and check_claim(c) == []


def test_positive_amounts_are_placed_in_line_order_up_to_each_lines_payment() -> None:
    c = claim(line(12500, 12500), line(1500, 1500), line(3000, 3000), claim_level=(cas("CO-45", 13000),
                                                                                    cas("PR-2", 1000)))
    assert placed(c) == [[("CO-45", 12500)], [("CO-45", 500), ("PR-2", 1000)], []]
    assert claim_level_shares(c)[1] == ()


def test_a_negative_amount_goes_where_the_lines_own_adjustments_leave_room() -> None:
    c = claim(line(1500, 1500), line(12500, 10000, cas("CO-45", 2500)), claim_level=(cas("CO-45", -500),))
    assert placed(c) == [[], [("CO-45", -500)]]
    assert c.paid == 12000


def test_what_no_line_can_take_is_a_problem_naming_the_claim() -> None:
    # the line was paid $15.00 and has no adjustments of its own
    c = claim(line(1500, 1500), claim_level=(cas("CO-45", 2000), cas("OA-94", -100)))
    shares, unplaced = claim_level_shares(c)
    assert [[(a.label, a.amount) for a in share] for share in shares] == [[("CO-45", 1500)]]
    assert [(a.label, a.amount) for a in unplaced] == [("CO-45", 500), ("OA-94", -100)]
    assert check_claim(c) == [
        "Claim AAA0001: the claim-level adjustment CO-45 takes $5.00 more than its lines were paid; it can't be "
        "written off against the lines.",
        "Claim AAA0001: the claim-level adjustment OA-94 adds $1.00 more to the payment than the lines' own "
        "adjustments leave room for; it can't be placed on the lines."]


def test_a_reversal_takes_back_what_was_posted_and_is_not_placed_again() -> None:
    c = claim(line(-12500, -10000, cas("CO-45", -2500)), line(-1500, -1500), claim_level=(cas("CO-253", -230),),
              status=REVERSAL)
    assert c.paid == -11270
    assert check_claim(c) == []


def test_a_claim_that_pays_nothing_because_of_a_claim_level_co_is_denied() -> None:
    assert claim(line(12500, 12500), claim_level=(cas("CO-16", 12500),)).outcome == "denied"
    # nothing paid but the patient owes the deductible: not a denial
    assert claim(line(12500, 12500), claim_level=(cas("PR-1", 12500),)).outcome == "paid"
    assert claim(line(12500, 12500), claim_level=(cas("CO-45", 2500),)).outcome == "paid"
