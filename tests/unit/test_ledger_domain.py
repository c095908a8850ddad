"""The double-entry ledger in memory: a worked day written out as data, each rule on its own, then random
days (hypothesis, 500 examples) against the invariants of DESIGN §3."""

from __future__ import annotations

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from ledger_scenarios import ON, REASON, Book, next_transaction, nonzero, on_its_side, should_post, sums

from medbill_desktop.domain.ledger import (
    AccountKey,
    Ledger,
    LedgerError,
    Party,
    Posting,
    Transaction,
    TxKind,
    adjustment,
    adjustment_account,
    apply_credit,
    charge,
    gross_charges,
    patient_credit,
    payment,
    payment_batch,
    receivable,
    refund,
    refunds_payable,
    reversal,
    transfer,
)

PT = "ACC001"
PRIMARY = receivable("L1", Party.PRIMARY, PT)
SECONDARY = receivable("L1", Party.SECONDARY, PT)
PATIENT = receivable("L1", Party.PATIENT, PT)
CREDIT = patient_credit(PT)

# One visit from charge to refund: each step, then the balances it leaves.
A_VISIT: list[tuple[Transaction, dict[AccountKey, int]]] = [
    (charge("L1", Party.PRIMARY, PT, 15000, ON),
     {PRIMARY: 15000, gross_charges(): -15000}),
    (payment("ERA-1", [(PRIMARY, 8000)], ON, source_key="payer:TRACE1:CLM1:1"),
     {PRIMARY: 7000, payment_batch("ERA-1"): 8000}),
    (adjustment(PRIMARY, "CO", "45", 2000, ON),
     {PRIMARY: 5000, adjustment_account("CO", "45"): 2000}),
    (transfer(PRIMARY, SECONDARY, 5000, ON),
     {PRIMARY: 0, SECONDARY: 5000}),
    (transfer(SECONDARY, PATIENT, 5000, ON),
     {SECONDARY: 0, PATIENT: 5000}),
    (payment("CASH-1", [(PATIENT, 5000)], ON, to_credit=2000, credit_account=PT),  # paid 70.00 on 50.00
     {PATIENT: 0, CREDIT: -2000, payment_batch("CASH-1"): 7000}),
    (refund(PT, 1500, ON),
     {CREDIT: -500, refunds_payable(PT): -1500}),
]


def test_a_visit_from_charge_to_refund() -> None:
    ledger = Ledger()
    for tx, expected in A_VISIT:
        ledger.post(tx)
        assert {a: ledger.balance(a) for a in expected} == expected
    assert nonzero(ledger.balances) == sums(ledger.transactions.values())


def test_applying_credit_pays_the_line_and_uses_up_the_credit() -> None:
    ledger = Ledger()
    for tx in (charge("L1", Party.PATIENT, PT, 3000, ON),
               payment("CASH-1", [], ON, to_credit=5000, credit_account=PT),
               apply_credit(PT, PATIENT, 3000, ON)):
        ledger.post(tx)
    assert (ledger.balance(PATIENT), ledger.balance(CREDIT)) == (0, -2000)


def posted(*txs: Transaction) -> Ledger:
    ledger = Ledger()
    for tx in txs:
        ledger.post(tx)
    return ledger


CHARGE = charge("L1", Party.PRIMARY, PT, 10000, ON)
PAID = payment("ERA-1", [(PRIMARY, 4000)], ON, source_key="payer:TRACE1:CLM1:1")


def refused(ledger: Ledger, tx: Transaction, message: str) -> None:
    """The ledger refuses tx with the message and is left exactly as it was."""
    before = (dict(ledger.transactions), dict(ledger.balances))
    with pytest.raises(LedgerError, match=message):
        ledger.post(tx)
    assert (dict(ledger.transactions), dict(ledger.balances)) == before


@pytest.mark.parametrize(("tx", "message"), [
    (payment("ERA-2", [(PRIMARY, 6001)], ON), r"\$60.01 is more than the balance of this charge line \(\$60.00\)"),
    (adjustment(PRIMARY, "CO", "45", 6001, ON), "more than the balance of this charge line"),
    (adjustment(PRIMARY, "CO", "45", 0, ON), "is zero"),
    (transfer(PRIMARY, PATIENT, 6001, ON), "more than the balance"),
    (apply_credit(PT, PRIMARY, 1, ON), "more than the patient's unapplied credit"),
    (refund(PT, 1, ON), "more than the patient's unapplied credit"),
    (payment("ERA-2", [(PATIENT, 100)], ON, source_key="payer:TRACE1:CLM1:1"), "already posted"),
    (PAID, "already posted"),
    (reversal(CHARGE, ON, REASON), "more than the balance of this charge line"),  # paid lines stay paid
    (Transaction(TxKind.PAYMENT, ON, (Posting(PRIMARY, -100), Posting(payment_batch("B"), 99))), "off by"),
    (Transaction(TxKind.PAYMENT, ON, (Posting(PRIMARY, -100),)), "at least two postings"),
    (Transaction(TxKind.CHARGE, ON, (Posting(PRIMARY, 100), Posting(PRIMARY, -100))), "appears twice"),
    (Transaction(TxKind.ADJUSTMENT, ON, (Posting(PRIMARY, -100), Posting(adjustment_account("CO", "45"), 100)),
                 reverses=CHARGE.id), "only a reversal, names"),
])
def test_refused_transactions_leave_the_ledger_unchanged(tx: Transaction, message: str) -> None:
    refused(posted(CHARGE, PAID), tx, message)


def test_the_same_transaction_cannot_be_posted_twice() -> None:
    refused(posted(CHARGE), CHARGE, "already posted")


def test_nothing_is_reversed_twice_and_a_reversal_is_never_reversed() -> None:
    undo = reversal(PAID, ON, REASON)
    ledger = posted(CHARGE, PAID, undo)
    refused(ledger, reversal(PAID, ON, "again"), "already reversed")
    with pytest.raises(LedgerError, match="cannot itself be reversed"):
        reversal(undo, ON, REASON)
    by_hand = Transaction(TxKind.REVERSAL, ON, tuple(Posting(p.account, -p.amount) for p in undo.postings),
                          REASON, reverses=undo.id)
    refused(ledger, by_hand, "cannot itself be reversed")


def test_a_reversal_must_undo_exactly_its_original() -> None:
    partial = Transaction(TxKind.REVERSAL, ON, (Posting(payment_batch("ERA-1"), -1000), Posting(PRIMARY, 1000)),
                          REASON, reverses=PAID.id)
    refused(posted(CHARGE, PAID), partial, "exactly the postings")
    unknown = Transaction(TxKind.REVERSAL, ON, partial.postings, REASON, reverses="no-such-id")
    refused(posted(CHARGE, PAID), unknown, "does not exist")


def test_a_reversal_needs_a_reason() -> None:
    with pytest.raises(LedgerError, match="Say why"):
        reversal(PAID, ON, "  ")


@pytest.mark.parametrize("make", [
    lambda: charge("L1", Party.PRIMARY, PT, 0, ON),
    lambda: payment("B", [], ON),
    lambda: payment("B", [], ON, to_credit=100),  # on account, but whose?
    lambda: transfer(PRIMARY, PATIENT, 0, ON),
    lambda: apply_credit(PT, PATIENT, 0, ON),
    lambda: refund(PT, -5, ON),
])
def test_builders_refuse_empty_events(make) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(LedgerError):
        make()


@settings(max_examples=500, deadline=None)
@given(st.data())
def test_random_days_keep_every_invariant(data: st.DataObject) -> None:
    ledger, book = Ledger(), Book()
    for _ in range(data.draw(st.integers(1, 30), label="events")):
        tx = next_transaction(data, book)
        must_post = should_post(tx, book)
        before = (dict(ledger.transactions), dict(ledger.balances))
        try:
            ledger.post(tx)
        except LedgerError:
            assert not must_post, f"refused a valid {tx.kind}: {tx}"
            assert (dict(ledger.transactions), dict(ledger.balances)) == before
        else:
            assert must_post, f"accepted an invalid {tx.kind}: {tx}"
            book.record(tx)
        event(f"{tx.kind} {'posted' if book.posted[-1:] == [tx] else 'refused'}")

        assert list(ledger.transactions.values()) == book.posted
        assert all(sum(p.amount for p in t.postings) == 0 for t in ledger.transactions.values())
        assert nonzero(ledger.balances) == sums(ledger.transactions.values())
        assert all(on_its_side(a.kind, b) for a, b in ledger.balances.items())
        if tx.kind is TxKind.REVERSAL and book.posted[-1] is tx:
            # The whole book is as if the original had never been posted.
            assert nonzero(ledger.balances) == sums(t for t in book.posted if t.id not in (tx.id, tx.reverses))
