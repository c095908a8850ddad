"""The posting planner's one-pass check of a transaction against running balances (`posting._passes`) agrees
with domain.ledger's validate_transaction + check_balances on every transaction: when it says yes, the domain
accepts the transaction and the balances are what check_balances gives; when the domain refuses, it says no and
leaves the balances alone (the planner then asks the domain, for the message)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from medbill_desktop.domain.ledger import (
    AccountKey,
    AccountKind,
    LedgerError,
    Party,
    Posting,
    Transaction,
    TxKind,
    adjustment_account,
    check_balances,
    gross_charges,
    patient_credit,
    payment_batch,
    receivable,
    refunds_payable,
    validate_transaction,
)
from medbill_desktop.services.posting import _SIGNS, _passes

ON = date(2026, 11, 2)
ACCOUNTS = [receivable("L1", Party.PRIMARY, "A1"), receivable("L1", Party.PATIENT, "A1"), payment_batch("B1"),
            adjustment_account("CO", "45"), patient_credit("A1"), refunds_payable("A1"), gross_charges()]


def test_the_normal_sides_are_the_domains() -> None:
    from medbill_desktop.domain import ledger

    assert _SIGNS == ledger._NORMAL_SIGN
    assert set(AccountKind) - set(_SIGNS) == {AccountKind.ADJUSTMENT}


def _domain(balances: dict[AccountKey, int], tx: Transaction) -> dict[AccountKey, int] | None:
    try:
        validate_transaction(tx)
        return {**balances, **check_balances(balances, tx)}
    except LedgerError:
        return None


amounts = st.one_of(st.integers(-5000, 5000), st.just(0), st.just(True))
postings = st.lists(st.tuples(st.sampled_from(range(len(ACCOUNTS))), amounts), max_size=5)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.integers(0, 8000), min_size=len(ACCOUNTS), max_size=len(ACCOUNTS)), postings, st.booleans(),
       st.booleans(), st.booleans())
def test_the_fast_check_agrees_with_the_domain(start: list[int], chosen: list[tuple[int, int]], balance_it: bool,
                                               reversal: bool, names_original: bool) -> None:
    balances = {a: (-b if _SIGNS.get(a.kind) == -1 else b) for a, b in zip(ACCOUNTS, start, strict=True)}
    items = [Posting(ACCOUNTS[i], amount) for i, amount in chosen]
    if balance_it and items:
        rest = -sum(p.amount for p in items)
        if rest:
            items.append(Posting(payment_batch("B2"), rest))
    tx = Transaction(TxKind.REVERSAL if reversal else TxKind.PAYMENT, ON, tuple(items),
                     reverses="T0" if names_original else None)
    expected = _domain(balances, tx)
    mine = dict(balances)
    assert _passes(mine, tx) is (expected is not None)
    assert mine == (expected if expected is not None else balances)


def test_an_account_twice_or_a_boolean_amount_is_left_to_the_domain() -> None:
    line = ACCOUNTS[0]
    twice = Transaction(TxKind.PAYMENT, ON, (Posting(line, -100), Posting(line, -100),
                                              Posting(payment_batch("B1"), 200)))
    boolean = Transaction(TxKind.PAYMENT, ON, (Posting(line, True), Posting(payment_batch("B1"), -1)))
    for tx in (twice, boolean):
        balances = {line: 500, payment_batch("B1"): 500}
        assert not _passes(balances, tx)
        assert balances == {line: 500, payment_batch("B1"): 500}
