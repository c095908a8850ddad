"""Posting through services.ledger to the encrypted database: a worked visit, the permission rules, the
refusals, and random days (hypothesis, 500 examples) checked against the in-memory ledger.

The random days come from tests/unit/ledger_scenarios.py (tests/ is on sys.path: it holds the root conftest)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from unit.ledger_scenarios import ADJUSTMENT_CODES, ON, REASON, Book, next_transaction, should_post, sums

from medbill_desktop.domain.errors import PermissionDenied
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
    charge,
    gross_charges,
    patient_credit,
    payment,
    payment_batch,
    receivable,
    refund,
    refunds_payable,
    transfer,
)
from medbill_desktop.domain.roles import Role
from medbill_desktop.services import ledger
from medbill_desktop.services.context import Actor, Workstation
from medbill_desktop.storage import audit_log, outbox
from medbill_desktop.storage.tables import ledger_transactions

PT = "ACC001"
PRIMARY = receivable("L1", Party.PRIMARY, PT)
PATIENT = receivable("L1", Party.PATIENT, PT)
CREDIT = patient_credit(PT)

VISIT = [
    charge("L1", Party.PRIMARY, PT, 15000, ON, memo="99213 office visit"),
    payment("ERA-1", [(PRIMARY, 8000)], ON, source_key="payer:TRACE1:CLM1:1"),
    adjustment(PRIMARY, "CO", "45", 2000, ON, source_key="payer:TRACE1:CLM1:1:CO45"),
    transfer(PRIMARY, PATIENT, 5000, ON),
    payment("CASH-1", [(PATIENT, 5000)], ON, to_credit=2000, credit_account=PT),
    refund(PT, 2000, ON),
]
AFTER_VISIT = {
    PRIMARY: 0, PATIENT: 0, CREDIT: 0, refunds_payable(PT): -2000, gross_charges(): -15000,
    payment_batch("ERA-1"): 8000, payment_batch("CASH-1"): 7000, adjustment_account("CO", "45"): 2000,
}


def test_a_visit_posts_and_balances_come_from_the_postings(workstation: Workstation) -> None:
    for tx in VISIT:
        ledger.post(workstation, tx)
    assert ledger.balances(workstation, list(AFTER_VISIT)) == AFTER_VISIT
    assert ledger.all_balances(workstation) == {a.code: b for a, b in AFTER_VISIT.items()}
    gross = sum(abs(p.amount) for tx in VISIT for p in tx.postings)
    assert ledger.totals(workstation) == ledger.LedgerTotals(transactions=6, postings=13, gross_cents=gross)
    stored = ledger.transaction(workstation, VISIT[4].id)
    assert stored is not None and set(stored.postings) == set(VISIT[4].postings)
    assert stored.occurred_on == ON and stored.source_key is None


def test_each_posting_leaves_an_audit_row_and_an_outbox_event(workstation: Workstation) -> None:
    with workstation.read() as conn:
        audit_before, outbox_before = audit_log.count(conn), outbox.pending_count(conn)
    tx = ledger.post(workstation, VISIT[0])
    with workstation.read() as conn:
        last = next(audit_log.entries(conn, newest_first=True, limit=1))
        assert (audit_log.count(conn), outbox.pending_count(conn)) == (audit_before + 1, outbox_before + 1)
        actor = conn.execute(select(ledger_transactions.c.actor).where(ledger_transactions.c.id == tx.id)).scalar()
    assert (last.actor, last.entity, last.entity_id) == ("admin", "ledger_transaction", tx.id)
    assert actor == "admin"


def refused(ws: Workstation, post: Callable[[], object], error: type[Exception], message: str) -> None:
    """The service refuses with the message, and nothing at all is written: no ledger row, no audit row."""
    with ws.read() as conn:
        before = (ledger.totals(ws), ledger.all_balances(ws), audit_log.count(conn), outbox.pending_count(conn))
    with pytest.raises(error, match=message):
        post()
    with ws.read() as conn:
        assert (ledger.totals(ws), ledger.all_balances(ws), audit_log.count(conn), outbox.pending_count(conn)) == before


@pytest.fixture
def visit(workstation: Workstation) -> Workstation:
    for tx in VISIT[:2]:  # charged 150.00, insurance paid 80.00
        ledger.post(workstation, tx)
    return workstation


def test_the_same_remittance_cannot_be_posted_twice(visit: Workstation) -> None:
    again = payment("ERA-1-again", [(PRIMARY, 1000)], ON, source_key="payer:TRACE1:CLM1:1")
    refused(visit, lambda: ledger.post(visit, again), LedgerError, r"already posted \(payer:TRACE1:CLM1:1\)")


def test_the_same_transaction_cannot_be_posted_twice(visit: Workstation) -> None:
    refused(visit, lambda: ledger.post(visit, VISIT[0]), LedgerError, "already posted")


def test_an_overpayment_on_the_line_is_refused(visit: Workstation) -> None:
    over = payment("CASH-9", [(PRIMARY, 7001)], ON)
    refused(visit, lambda: ledger.post(visit, over), LedgerError, "put the excess on account as patient credit")


def test_reversals(visit: Workstation) -> None:
    undo = ledger.reverse(visit, VISIT[1].id, "posted to the wrong patient", ON)
    assert undo.kind is TxKind.REVERSAL and undo.reverses == VISIT[1].id and undo.memo == "posted to the wrong patient"
    assert ledger.balances(visit, [PRIMARY, payment_batch("ERA-1")]) == {PRIMARY: 15000, payment_batch("ERA-1"): 0}
    refused(visit, lambda: ledger.reverse(visit, VISIT[1].id, "again", ON), LedgerError, "already reversed")
    refused(visit, lambda: ledger.reverse(visit, undo.id, "undo the undo", ON), LedgerError,
            "cannot itself be reversed")
    by_hand = Transaction(TxKind.REVERSAL, ON, tuple(Posting(p.account, -p.amount) for p in undo.postings),
                          REASON, reverses=undo.id)
    refused(visit, lambda: ledger.post(visit, by_hand), LedgerError, "cannot itself be reversed")
    refused(visit, lambda: ledger.reverse(visit, "no-such-transaction", REASON, ON), LedgerError, "does not exist")


def test_a_reversal_must_undo_exactly_its_original(visit: Workstation) -> None:
    partial = Transaction(TxKind.REVERSAL, ON, (Posting(payment_batch("ERA-1"), -1000), Posting(PRIMARY, 1000)),
                          REASON, reverses=VISIT[1].id)
    refused(visit, lambda: ledger.post(visit, partial), LedgerError, "exactly the postings")


def test_a_charge_that_was_paid_cannot_be_reversed(visit: Workstation) -> None:
    refused(visit, lambda: ledger.reverse(visit, VISIT[0].id, REASON, ON), LedgerError,
            "more than the balance of this charge line")


def test_front_desk_takes_patient_payments_only(visit: Workstation,
                                                sign_in_as: Callable[[Role], Actor]) -> None:
    sign_in_as(Role.FRONT_DESK)
    ledger.post(visit, payment("CASH-2", [], ON, to_credit=2500, credit_account=PT))  # a copay on account
    for tx in (adjustment(PRIMARY, "CO", "45", 1000, ON),
               payment("ERA-2", [(PRIMARY, 1000)], ON, source_key="payer:TRACE2:CLM1:1"),
               charge("L2", Party.PRIMARY, PT, 5000, ON),
               refund(PT, 500, ON)):
        refused(visit, lambda tx=tx: ledger.post(visit, tx), PermissionDenied, "A front desk user may not")
    refused(visit, lambda: ledger.reverse(visit, VISIT[1].id, REASON, ON), PermissionDenied,
            "may not reverse transactions")


def test_a_biller_posts_insurance_payments_and_refunds_credit(visit: Workstation,
                                                              sign_in_as: Callable[[Role], Actor]) -> None:
    sign_in_as(Role.BILLER)
    ledger.post(visit, payment("ERA-2", [(PRIMARY, 1000)], ON, source_key="payer:TRACE2:CLM1:1"))
    ledger.post(visit, adjustment(PRIMARY, "CO", "45", 1000, ON))
    ledger.post(visit, payment("CASH-2", [], ON, to_credit=2500, credit_account=PT))
    ledger.post(visit, refund(PT, 500, ON))  # the same rule as services.patient_payments.refund_credit
    assert ledger.balances(visit, [refunds_payable(PT)]) == {refunds_payable(PT): -500}


# --- random days against the in-memory ledger ---------------------------------------------------

SHARED = [gross_charges(), *(adjustment_account(g, r) for g, r in ADJUSTMENT_CODES)]  # every example uses these


def submit(ws: Workstation, tx: Transaction) -> Transaction:
    """Reversals of ordinary transactions go the way the GUI sends them: by id, through ledger.reverse."""
    if tx.kind is TxKind.REVERSAL:
        target = ledger.transaction(ws, tx.reverses or "")
        if target is not None and target.kind is not TxKind.REVERSAL:
            return ledger.reverse(ws, target.id, tx.memo, tx.occurred_on)
    return ledger.post(ws, tx)


def run_day(ws: Workstation, data: st.DataObject) -> None:
    model, book = Ledger(), Book()
    start_all = ledger.all_balances(ws)
    start_shared = ledger.balances(ws, SHARED)
    totals = ledger.totals(ws)
    for _ in range(data.draw(st.integers(1, 12), label="events")):
        tx = next_transaction(data, book)
        must_post = should_post(tx, book)
        try:
            stored = submit(ws, tx)
        except LedgerError:
            assert not must_post, f"refused a valid {tx.kind}: {tx}"
            with pytest.raises(LedgerError):
                model.post(tx)
            assert ledger.totals(ws) == totals  # nothing was written
            event(f"{tx.kind} refused")
        else:
            assert must_post, f"accepted an invalid {tx.kind}: {tx}"
            assert {(p.account.code, p.amount) for p in stored.postings} == {
                (p.account.code, p.amount) for p in tx.postings}
            event(f"{tx.kind} posted")
            model.post(stored)
            book.record(stored)
            totals = ledger.LedgerTotals(totals.transactions + 1, totals.postings + len(stored.postings),
                                         totals.gross_cents + sum(abs(p.amount) for p in stored.postings))
            if stored.kind is TxKind.REVERSAL:
                gone = {stored.id, stored.reverses}
                without = sums(t for t in book.posted if t.id not in gone)
                accounts = [p.account for p in stored.postings if p.account not in SHARED]
                assert ledger.balances(ws, accounts) == {a: without.get(a, 0) for a in accounts}
    accounts: list[AccountKey] = list(dict.fromkeys([*model.balances, *SHARED]))
    assert ledger.balances(ws, accounts) == {a: start_shared.get(a, 0) + model.balance(a) for a in accounts}
    end_all = ledger.all_balances(ws)
    changed = {code: end_all[code] - start_all.get(code, 0) for code in end_all}
    assert {c: v for c, v in changed.items() if v} == {a.code: v for a, v in model.balances.items() if v}
    assert ledger.totals(ws) == totals


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_days_post_the_same_in_the_database_as_in_memory(workstation: Workstation,
                                                                 data: st.DataObject) -> None:
    """One workstation for all 500 examples; each example works on its own patients and lines."""
    run_day(workstation, data)
