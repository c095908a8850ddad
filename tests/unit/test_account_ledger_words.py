"""The account ledger in words, from plain transactions: what each kind of entry says to a patient, how a
transaction splits into entries, the running balances per party, the aging buckets, and how a payment or
credit is spread over visits."""

from __future__ import annotations

from datetime import date

import pytest

from medbill_desktop.domain.account_ledger import (
    AGING_BUCKETS,
    LedgerPosting,
    LedgerTransaction,
    LineDecision,
    LineRef,
    OpenLine,
    Source,
    SourceKind,
    VisitAmount,
    allocate_oldest_first,
    allocate_to_visits,
    apply_credit_to,
    bucket_index,
    build_account_ledger,
    share_words,
)
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.ledger import (
    AccountKind,
    Ledger,
    LedgerError,
    Party,
    TxKind,
    charge,
    patient_credit,
    payment,
    receivable,
)

ACCT = "A1000001"
DOS = date(2026, 3, 2)
OFFICE = LineRef("L1", "E1", DOS, "99213", 12000, 1)
LAB = LineRef("L2", "E1", DOS, "36415", 1500, 2)
LATER = LineRef("L3", "E2", date(2026, 5, 4), "99214-25", 18000, 1)
LINES = {x.line_id: x for x in (OFFICE, LAB, LATER)}
PAYERS = {("E1", Party.PRIMARY): "Aetna", ("E1", Party.SECONDARY): "Medicare Part B", ("E2", Party.PRIMARY): "Aetna"}
AS_OF = date(2026, 6, 1)


def rec(line: LineRef, party: Party, amount: int) -> LedgerPosting:
    return LedgerPosting.of(AccountKind.RECEIVABLE, f"{line.line_id}:{party.value}", amount)


def credit(amount: int) -> LedgerPosting:
    return LedgerPosting(AccountKind.PATIENT_CREDIT, ACCT, amount)


def tx(n: int, kind: TxKind, *postings: LedgerPosting, on: date = DOS, source: Source | None = None,
       memo: str = "", reverses: str | None = None) -> LedgerTransaction:
    return LedgerTransaction(f"T{n:03d}", kind, on, f"2026-06-01T00:00:{n:02d}Z", memo, reverses, postings, source)


def ledger(*txs: LedgerTransaction):  # type: ignore[no-untyped-def]
    return build_account_ledger(patient_id="P1", account_number=ACCT, patient_name="Smith, John", as_of=AS_OF,
                                transactions=txs, lines=LINES, payers=PAYERS)


def words(*txs: LedgerTransaction) -> list[str]:
    return [e.words for e in ledger(*txs).entries]


BATCH = Source(SourceKind.BATCH, "Batch A1-0000003 · Aetna check 889123", payer_name="Aetna", decisions={
    "L1": LineDecision(12000, 6400, 8000, (("CO", "45", 4000), ("PR", "2", 1600))),
    "L2": LineDecision(1500, 500, 1000, (("CO", "45", 500), ("PR", "1", 300),
                                         ("PR", "2", 200))),
})
RECEIPT = Source(SourceKind.RECEIPT, "Receipt A1-0000007 · Check no. 1042", method_text="by check no. 1042")
CHARGES = (tx(1, TxKind.CHARGE, rec(OFFICE, Party.PRIMARY, 12000)),
           tx(2, TxKind.CHARGE, rec(LAB, Party.PRIMARY, 1500)))


def test_the_example_of_the_issue_word_for_word() -> None:
    paid = tx(3, TxKind.PAYMENT, rec(OFFICE, Party.PRIMARY, -6400), rec(LAB, Party.PRIMARY, -500), source=BATCH)
    assert words(*CHARGES, paid)[2:] == [
        "Your insurance (Aetna) allowed $80.00 of the $120.00 charge for 99213 on the 03/02/2026 visit and paid "
        "$64.00; $16.00 is your coinsurance.",
        "Your insurance (Aetna) allowed $10.00 of the $15.00 charge for 36415 on the 03/02/2026 visit and paid "
        "$5.00; $5.00 is yours to pay ($3.00 deductible, $2.00 coinsurance).",
    ]


def test_charges_adjustments_and_transfers_in_words() -> None:
    self_pay = tx(3, TxKind.CHARGE, rec(LATER, Party.PATIENT, 18000), on=LATER.date_of_service)
    co45 = tx(4, TxKind.ADJUSTMENT, rec(OFFICE, Party.PRIMARY, -4000),
              LedgerPosting(AccountKind.ADJUSTMENT, "CO-45", 4000), source=BATCH)
    unknown = tx(5, TxKind.ADJUSTMENT, rec(LAB, Party.PRIMARY, -100),
                 LedgerPosting(AccountKind.ADJUSTMENT, "OA-999", 100))
    both = tx(6, TxKind.ADJUSTMENT, rec(LAB, Party.PRIMARY, -300),
              LedgerPosting(AccountKind.ADJUSTMENT, "CO-45", 200), LedgerPosting(AccountKind.ADJUSTMENT, "OA-23", 100),
              source=BATCH)
    to_patient = tx(7, TxKind.TRANSFER, rec(OFFICE, Party.PRIMARY, -1600), rec(OFFICE, Party.PATIENT, 1600),
                    source=BATCH)
    to_secondary = tx(8, TxKind.TRANSFER, rec(LAB, Party.PRIMARY, -500), rec(LAB, Party.SECONDARY, 500))
    back = tx(9, TxKind.TRANSFER, rec(LATER, Party.PATIENT, -18000), rec(LATER, Party.PRIMARY, 18000),
              on=LATER.date_of_service)
    small = tx(10, TxKind.ADJUSTMENT, rec(OFFICE, Party.PATIENT, -100),
               LedgerPosting(AccountKind.ADJUSTMENT, "WO-SMALL", 100), memo="Small balance")
    up = tx(11, TxKind.ADJUSTMENT, rec(LAB, Party.SECONDARY, 200),
            LedgerPosting(AccountKind.ADJUSTMENT, "OA-94", -200))
    assert words(*CHARGES, self_pay, co45, unknown, both, to_patient, to_secondary, back, small, up)[2:] == [
        "$40.00 written off on the 03/02/2026 visit (99213) because the charge is above Aetna's contracted rate "
        "(CO-45); you do not owe it.",
        "$1.00 written off on the 03/02/2026 visit (36415): Aetna's other adjustment (OA-999); you do not owe it.",
        "$3.00 written off on the 03/02/2026 visit (36415) by Aetna's adjustments (CO-45 $2.00, OA-23 $1.00); "
        "you do not owe it.",
        "$16.00 of the 03/02/2026 visit (99213) moved from Aetna to you: your coinsurance.",
        "$5.00 of the 03/02/2026 visit (36415) sent on from Aetna to Medicare Part B, your secondary insurance.",
        "$1.00 of your balance on the 03/02/2026 visit (99213) written off (WO-SMALL: Small balance); you do "
        "not owe it.",
        "$2.00 added back to the balance on the 03/02/2026 visit (36415) (OA-94).",
        "Charge of $180.00 for 99214-25 on the 05/04/2026 visit; yours to pay (no insurance was billed).",
        "$180.00 of the 05/04/2026 visit (99214-25) moved from you to Aetna, your insurance.",
    ]


def test_a_payment_over_two_visits_with_credit_left_is_three_entries() -> None:
    seed = (tx(1, TxKind.CHARGE, rec(OFFICE, Party.PATIENT, 12000)),
            tx(2, TxKind.CHARGE, rec(LATER, Party.PATIENT, 18000), on=LATER.date_of_service))
    paid = tx(3, TxKind.PAYMENT, rec(OFFICE, Party.PATIENT, -12000), rec(LATER, Party.PATIENT, -3000), credit(-500),
              on=AS_OF, source=RECEIPT)
    led = ledger(*seed, paid)
    assert [(e.line.code if e.line else None, e.changes, e.credit_change, e.balances, e.credit, e.total)
            for e in led.entries[2:]] == [
        ("99213", (0, 0, 0, -12000), 0, (0, 0, 0, 18000), 0, 18000),
        ("99214-25", (0, 0, 0, -3000), 0, (0, 0, 0, 15000), 0, 15000),
        (None, (0, 0, 0, 0), 500, (0, 0, 0, 15000), 500, 14500),
    ]
    assert [e.words for e in led.entries[2:]] == [
        "You paid $120.00 by check no. 1042 toward the 03/02/2026 visit (99213).",
        "You paid $30.00 by check no. 1042 toward the 05/04/2026 visit (99214-25).",
        "$5.00 of your payment by check no. 1042 held as credit on your account.",
    ]
    assert {e.source for e in led.entries[2:]} == {"Receipt A1-0000007 · Check no. 1042"}
    assert [e.amount for e in led.entries[2:]] == [12000, 3000, 500]
    assert {e.label for e in led.entries[2:]} == {"Patient payment"}


def test_prepayment_credit_applied_refund_and_reversals() -> None:
    cash = Source(SourceKind.RECEIPT, "Receipt A1-0000008 · Cash", method_text="in cash")
    prepaid = tx(2, TxKind.PAYMENT, credit(-5000), on=DOS, source=cash)
    applied = tx(3, TxKind.TRANSFER, credit(2000), rec(OFFICE, Party.PATIENT, -2000), on=AS_OF)
    refunded = tx(4, TxKind.REFUND, credit(1000), LedgerPosting(AccountKind.REFUNDS_PAYABLE, ACCT, -1000), on=AS_OF,
                  source=Source(SourceKind.REFUND, "Refund · Check no. 5521", method_text="by check no. 5521",
                                reason="Moved away"))
    undo = tx(5, TxKind.REVERSAL, credit(-2000), rec(OFFICE, Party.PATIENT, 2000), on=AS_OF, memo="Wrong visit",
              reverses="T003")
    seed = tx(1, TxKind.CHARGE, rec(OFFICE, Party.PATIENT, 12000))
    led = ledger(seed, prepaid, applied, refunded, undo)
    assert [e.words for e in led.entries[1:]] == [
        "You paid $50.00 in cash; it is held as credit on your account.",
        "$20.00 of your credit applied to the 03/02/2026 visit (99213).",
        "$10.00 of your credit refunded to you by check no. 5521: Moved away.",
        "Credit applied of $20.00 on the 03/02/2026 visit (99213) reversed: Wrong visit.",
    ]
    assert [e.source for e in led.entries[1:]] == [
        "Receipt A1-0000008 · Cash", "From credit on account", "Refund · Check no. 5521", ""]
    assert [(e.credit, e.total) for e in led.entries] == [(0, 12000), (5000, 7000), (3000, 7000), (2000, 8000),
                                                         (4000, 8000)]
    assert (led.credit, led.refunded, led.total) == (4000, 1000, 8000)
    assert led.entries[2].reversed_by == "T005" and led.entries[4].reverses == "T003"
    assert [e.label for e in led.entries] == ["Charge", "Patient payment", "Credit applied", "Refund", "Reversal"]


def test_an_insurance_payment_reversed_and_words_without_a_batch() -> None:
    manual = tx(3, TxKind.PAYMENT, rec(OFFICE, Party.PRIMARY, -6400), on=date(2026, 4, 1))
    undone = tx(4, TxKind.REVERSAL, rec(OFFICE, Party.PRIMARY, 6400), on=date(2026, 4, 9), reverses="T003",
                memo="Check returned by the bank")
    assert [e.label for e in ledger(*CHARGES, manual, undone).entries][2:] == ["Insurance payment", "Reversal"]
    assert words(*CHARGES, manual, undone)[2:] == [
        "Aetna paid $64.00 on the 03/02/2026 visit (99213).",
        "Aetna's payment of $64.00 on the 03/02/2026 visit (99213) reversed: Check returned by the bank.",
    ]
    # a line whose visit has no claim on file: the payer is named from the batch, or by rank
    lone = LineRef("L9", "E9", DOS, "81002", 1200)
    led = build_account_ledger(patient_id="P1", account_number=ACCT, patient_name="x", as_of=AS_OF,
                               lines={"L9": lone}, payers={}, transactions=[
                                   tx(1, TxKind.CHARGE, rec(lone, Party.SECONDARY, 1200)),
                                   tx(2, TxKind.PAYMENT, rec(lone, Party.SECONDARY, -200), source=BATCH)])
    assert [e.words for e in led.entries] == [
        "Charge of $12.00 for 81002 on the 03/02/2026 visit, billed to your secondary insurance.",
        "Aetna paid $2.00 on the 03/02/2026 visit (81002).",
    ]


def test_entries_run_in_date_then_posting_order() -> None:
    late = tx(1, TxKind.CHARGE, rec(LATER, Party.PRIMARY, 18000), on=LATER.date_of_service)
    early = tx(2, TxKind.CHARGE, rec(OFFICE, Party.PRIMARY, 12000))
    same_day = tx(3, TxKind.CHARGE, rec(LAB, Party.PRIMARY, 1500))
    led = ledger(late, same_day, early)
    assert [e.transaction_id for e in led.entries] == ["T002", "T003", "T001"]
    assert [e.balance_of(Party.PRIMARY) for e in led.entries] == [12000, 13500, 31500]


@pytest.mark.parametrize(("age", "bucket"), [(-3, "current"), (0, "current"), (30, "current"), (31, "31_60"),
                                             (60, "31_60"), (61, "61_90"), (90, "61_90"), (91, "91_120"),
                                             (120, "91_120"), (121, "over_120"), (4000, "over_120")])
def test_aging_bucket_edges(age: int, bucket: str) -> None:
    assert AGING_BUCKETS[bucket_index(age)][0] == bucket


def test_aging_by_party_and_date_of_service() -> None:
    txs = (*CHARGES, tx(3, TxKind.CHARGE, rec(LATER, Party.PATIENT, 18000), on=LATER.date_of_service),
           tx(4, TxKind.TRANSFER, rec(OFFICE, Party.PRIMARY, -2000), rec(OFFICE, Party.PATIENT, 2000), on=AS_OF))
    led = ledger(*txs)  # 03/02 is 91 days before 06/01; 05/04 is 28
    assert led.aging_of(Party.PRIMARY).buckets == (0, 0, 0, 11500, 0)
    assert led.patient_aging.buckets == (18000, 0, 0, 2000, 0)
    assert led.insurance_aging.total == 11500 and led.patient_aging.total == 20000


def test_share_words() -> None:
    assert share_words([("3", 2500)]) == "$25.00 is your copay"
    assert share_words([("1", 1000), ("2", 600)]) == "$16.00 is yours to pay ($10.00 deductible, $6.00 coinsurance)"
    assert share_words([("204", 900)]) == "$9.00 is your share (PR-204)"


# --- spreading money over visits -------------------------------------------------------------------------------
OPEN = [OpenLine(LATER, 5000), OpenLine(LAB, 300), OpenLine(OFFICE, 1600)]


def test_oldest_first_pays_the_oldest_visit_line_by_line() -> None:
    assert [(line.line_id, cents) for line, cents in allocate_oldest_first(2000, OPEN)] == [
        ("L1", 1600), ("L2", 300), ("L3", 100)]
    assert [(line.line_id, c) for line, c in allocate_oldest_first(99999, OPEN)] == [
        ("L1", 1600), ("L2", 300), ("L3", 5000)]
    assert allocate_oldest_first(0, OPEN) == []


def test_chosen_visits_and_what_is_refused() -> None:
    chosen = allocate_to_visits([VisitAmount("E2", 4000), VisitAmount("E1", 1700)], OPEN)
    assert [(line.line_id, c) for line, c in chosen] == [("L3", 4000), ("L1", 1600), ("L2", 100)]
    with pytest.raises(DomainError, match=r"^\$20\.00 is more than the patient's balance of the 03/02/2026 visit "
                                          r"\(\$19\.00\)\.$") as refused:
        allocate_to_visits([VisitAmount("E1", 2000)], OPEN)
    assert refused.value.field == "allocations"
    with pytest.raises(DomainError, match=r"nothing is the patient's to pay there yet"):
        allocate_to_visits([VisitAmount("E7", 100)], OPEN, {"E7": "the 01/05/2026 visit"})
    with pytest.raises(DomainError, match="chosen twice"):
        allocate_to_visits([VisitAmount("E1", 100), VisitAmount("E1", 100)], OPEN)
    with pytest.raises(DomainError, match=r"\$0\.00 or more"):
        allocate_to_visits([VisitAmount("E1", -100)], OPEN)


def test_credit_applied_to_several_lines_is_one_balanced_transaction() -> None:
    book = Ledger()
    for line in ("L1", "L2"):
        book.post(charge(line, Party.PATIENT, ACCT, 5000, DOS))
    book.post(payment("drawer", [], DOS, to_credit=3000, credit_account=ACCT))
    used = apply_credit_to(ACCT, [(receivable("L1", Party.PATIENT, ACCT), 2000),
                                  (receivable("L2", Party.PATIENT, ACCT), 1000)], DOS)
    book.post(used)
    assert used.kind is TxKind.TRANSFER and book.balance(patient_credit(ACCT)) == 0
    assert book.balance(receivable("L1", Party.PATIENT, ACCT)) == 3000
    too_much = apply_credit_to(ACCT, [(receivable("L1", Party.PATIENT, ACCT), 100)], DOS)
    with pytest.raises(LedgerError, match="more than the patient's unapplied credit"):
        book.post(too_much)
    with pytest.raises(LedgerError, match="more than \\$0.00"):
        apply_credit_to(ACCT, [], DOS)


def test_a_balance_paid_twice_and_corrected_by_the_server_reads_as_credit() -> None:
    seed = tx(1, TxKind.CHARGE, rec(OFFICE, Party.PATIENT, 12000))
    paid_here = tx(2, TxKind.PAYMENT, rec(OFFICE, Party.PATIENT, -12000), LedgerPosting(
        AccountKind.PAYMENT_BATCH, "drawer", 12000), source=RECEIPT)
    paid_there = tx(3, TxKind.PAYMENT, rec(OFFICE, Party.PATIENT, -12000), LedgerPosting(
        AccountKind.PAYMENT_BATCH, "drawer-2", 12000))
    corrected = tx(4, TxKind.TRANSFER, rec(OFFICE, Party.PATIENT, 12000), credit(-12000),
                   memo="Paid twice: $120.00 taken on two workstations is held as patient credit")
    led = ledger(seed, paid_here, paid_there, corrected)
    assert led.entries[-1].words == ("$120.00 paid on the 03/02/2026 visit (99213) was more than was owed (it was "
                                     "paid twice); it is held as credit on your account.")
    assert led.entries[-1].source == "To credit on account"
    assert (led.balance_of(Party.PATIENT), led.credit) == (0, 12000)


def test_a_payer_paid_twice_is_owed_back() -> None:
    payer_twice = tx(9, TxKind.TRANSFER, rec(OFFICE, Party.PRIMARY, 8000),
                     LedgerPosting(AccountKind.REFUNDS_PAYABLE, "payer-aetna", -8000))
    assert words(*CHARGES, payer_twice)[-1] == ("$80.00 paid on the 03/02/2026 visit (99213) by Aetna was more than "
                                                "was owed (it was paid twice); it is owed back to them.")
