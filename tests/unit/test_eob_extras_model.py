"""The paper-EOB form's extras, without Qt (gui/eob_model.py, domain/plb.py): where the code being typed is (for
the CARC/RARC popups), codes the workstation does not know, claim-level adjustments and provider-level
adjustments (PLB) in "left to apply"."""

from __future__ import annotations

from datetime import date

import pytest

from medbill_desktop.domain.adjudication import CasAdjustment, PaymentMethod, ProviderAdjustment
from medbill_desktop.domain.plb import check_effect, plb_words, search_plb_reasons
from medbill_desktop.gui.eob_model import (
    CARC,
    RARC,
    BatchEntry,
    ClaimEntry,
    LineEntry,
    PlbEntry,
    reason_span,
    remark_span,
)


def line(billed: int = 12500, **typed: str) -> LineEntry:
    entry = LineEntry("L1", "99213", date(2026, 3, 2), billed, billed)
    for name, value in typed.items():
        setattr(entry, name, value)
    return entry


def claim(number: str = "C-1", *lines: LineEntry, adjustments: str = "") -> ClaimEntry:
    return ClaimEntry(f"id-{number}", number, "Smith, John", date(2026, 3, 2), "Aetna", "primary", None,
                      list(lines) or [line()], claim_adjustments=adjustments)


def batch(*claims: ClaimEntry, amount: str, plb: tuple[PlbEntry, ...] = ()) -> BatchEntry:
    return BatchEntry("payer-1", "Aetna", PaymentMethod.CHECK, "CHK 1001", "03/20/2026", "", amount,
                      claims=list(claims), provider_rows=list(plb))


@pytest.mark.parametrize(("text", "cursor", "found"), [
    ("CO-4", 4, "4"),
    ("co-dup", 6, "dup"),
    ("CO16", 4, "16"),
    ("PR 1", 4, "1"),
    ("CO-16 125.00; OA-2", 18, "2"),
    ("CO-16 125.00; OA-2", 4, "1"),  # the cursor inside the first reason code: all of it is replaced
    ("CO-16 12", 8, None),  # in an amount
    ("CO-", 3, None),  # nothing typed after the group yet
    ("CO", 2, None),
    ("", 0, None),
])
def test_the_reason_code_at_the_cursor(text: str, cursor: int, found: str | None) -> None:
    at = reason_span(text, cursor)
    if found is None:
        assert at is None
    else:
        assert at is not None
        start, end = at
        assert text[start:cursor].endswith(found) and text[start:end].startswith(found)
    if text == "CO-16 125.00; OA-2" and cursor == 4:
        assert at == (3, 5)


def test_the_remark_code_at_the_cursor() -> None:
    assert remark_span("N290 M1", 7) == (5, 7)
    assert remark_span("N290 M1", 2) == (0, 4)
    assert remark_span("N290 ", 5) is None


def test_codes_typed_and_the_ones_not_known_name_their_line() -> None:
    first = line(allowed="100.00", paid="80.00", other="OA-461 5.00; co-16 1", remarks="n290 N9999")
    entry = batch(claim("C-1", first, line(other="CO-16 125.00"), adjustments="CO-253 1.28"), amount="0")
    assert entry.typed_codes() == {(CARC, "461"), (CARC, "16"), (CARC, "253"), (RARC, "N290"), (RARC, "N9999")}
    assert entry.code_warnings({}) == []  # nothing looked up yet: nothing said
    meanings = {(CARC, "461"): None, (CARC, "16"): "Claim is missing information", (CARC, "253"): "Sequestration",
                (RARC, "N290"): "Rendering provider", (RARC, "N9999"): None}
    warnings = entry.code_warnings(meanings)
    assert [(w.field, w.message.split(":")[0]) for w in warnings] == [
        ("claims[0].lines[0].other", "Claim C-1 line 1"), ("claims[0].lines[0].remarks", "Claim C-1 line 1")]
    assert "OA-461: 461 is not an adjustment reason code (CARC)" in warnings[0].message
    assert "N9999 is not a remark code (RARC)" in warnings[1].message
    assert first.described(meanings, "other") == ["CO-16: Claim is missing information"]
    assert entry.review(meanings).warnings == warnings  # shown, and they do not stop the batch by themselves


def test_claim_level_adjustments_take_from_what_the_lines_pay() -> None:
    # as on an 835: line paid $80.00, claim-level CO-253 $1.28 -> the claim pays $78.72
    paid = claim("C-1", line(allowed="100.00", paid="80.00"), adjustments="co-253 1.28")
    assert (paid.lines_paid, paid.claim_adjusted, paid.paid) == (8000, 128, 7872)
    read = paid.read("claims[0]")
    assert read.claim_adjustments == (CasAdjustment("CO", "253", 128),)
    entry = batch(paid, amount="78.72")
    assert entry.left_to_apply() == 0 and entry.applied() == 7872
    assert entry.read().claims[0].claim_adjustments == (CasAdjustment("CO", "253", 128),)


def test_claim_level_adjustments_that_do_not_read_name_their_field() -> None:
    bad = claim("C-7", line(allowed="100.00", paid="80.00"), adjustments="CO-253")
    review = batch(bad, amount="80.00").review()
    assert not review.ready
    assert review.problems[0].field == "claims[0].claim_adjustments"
    assert "Claim C-7 claim-level adjustments" in review.problems[0].message
    too_much = claim("C-8", line(allowed="100.00", paid="80.00"), adjustments="CO-45 90.00")
    review = batch(too_much, amount="0").review()
    assert review.problems[0].field == "claims[0].claim_adjustments"
    assert "more than its lines pay" in review.problems[0].message


def test_plb_codes_say_which_way_the_money_goes() -> None:
    assert check_effect("L6", 500) == 500  # interest adds to the check
    assert check_effect("WO", 15000) == -15000  # a recovery takes from it
    assert check_effect("FB", -2000) == 2000  # a minus sign turns it around
    assert [r.code for r in search_plb_reasons("int")][:1] == ["L6"]
    assert [r.code for r in search_plb_reasons("w")][:2] == ["WO", "WU"]
    assert [r.code for r in search_plb_reasons("recov")] == ["WO", "B3", "WU"]


def test_every_plb_code_has_words_for_the_memo() -> None:
    assert plb_words("L6") == "interest"  # the paper EOB's on-account reasons keep their words
    assert plb_words("cs") == "provider-level adjustment"
    assert plb_words("72") == "authorized return"
    assert plb_words(" 90 ") == "early payment allowance"
    assert plb_words("IRS withholding") == "provider-level adjustment"  # not a code


def test_plb_rows_count_in_left_to_apply_and_become_the_batchs_provider_adjustments() -> None:
    paid = claim("C-1", line(allowed="100.00", paid="80.00"))
    interest = PlbEntry("l6", " ICN  2231 ", "2.00")
    recovery = PlbEntry("WO", "OVP 551", "25.00")
    entry = batch(paid, amount="57.00", plb=(interest, PlbEntry(), recovery))  # 80 + 2 - 25
    assert entry.plb_effect() == -2300 and entry.left_to_apply() == 0
    review = entry.review()
    assert review.ready, review.problems
    assert review.batch is not None and review.batch.left_to_apply == 0
    assert review.batch.provider_adjustments == (ProviderAdjustment("L6", "ICN 2231", -200),
                                                 ProviderAdjustment("WO", "OVP 551", 2500))
    assert review.plb == -2300


def test_the_on_account_remainder_comes_after_the_plb_rows() -> None:
    entry = batch(claim("C-1", line(allowed="100.00", paid="80.00")), amount="85.00",
                  plb=(PlbEntry("L6", "", "2.00"),))
    assert entry.left_to_apply() == 300
    entry.on_account_reason = "OVP"
    review = entry.review()
    assert review.ready and review.on_account == 300
    assert review.batch is not None and (review.batch.on_account, review.batch.left_to_apply) == (300, 0)


@pytest.mark.parametrize(("row", "field", "words"), [
    (PlbEntry("", "x", "2.00"), "plb[0].reason", "enter the reason code"),
    (PlbEntry("XX", "", "2.00"), "plb[0].reason", "XX is not a provider-level adjustment reason code"),
    (PlbEntry("L6", "", ""), "plb[0].amount", "enter the amount"),
    (PlbEntry("L6", "", "2.0.0"), "plb[0].amount", "not an amount"),
])
def test_a_plb_row_that_does_not_read_names_its_field(row: PlbEntry, field: str, words: str) -> None:
    review = batch(claim("C-1", line(allowed="100.00", paid="80.00")), amount="80.00", plb=(row,)).review()
    assert not review.ready
    assert (review.problems[0].field, words in review.problems[0].message) == (field, True), review.problems
    assert review.problems[0].message.startswith("Provider-level adjustment 1")


def test_a_batch_of_plb_only_posts_without_claims() -> None:
    entry = batch(amount="12.00", plb=(PlbEntry("L6", "", "12.00"),))
    review = entry.review()
    assert review.ready, review.problems
