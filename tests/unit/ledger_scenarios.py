"""Random days at a practice, for the ledger property tests (the in-memory ledger here, the database in
tests/integration). `next_transaction` draws one business event from what is on the books, sometimes one
the rules must refuse (an overpayment keyed against the line, a refund of more credit than there is, a
second reversal, the same remittance twice). `should_post` is an oracle written from DESIGN §3 alone,
independent of domain.ledger, that says whether a transaction must be accepted."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from hypothesis import strategies as st

from medbill_desktop.domain.ids import new_id
from medbill_desktop.domain.ledger import (
    AccountKey,
    AccountKind,
    Party,
    Posting,
    Transaction,
    TxKind,
    adjustment,
    apply_credit,
    charge,
    patient_credit,
    payment,
    receivable,
    refund,
    reversal,
    transfer,
)

ON = date(2026, 11, 2)
ADJUSTMENT_CODES = (("CO", "45"), ("PR", "2"), ("OA", "23"))
REASON = "entered in error"
SLACK = 2_000  # how far past what is owed a clerk may key an amount
NEXT_PAYERS = {Party.PRIMARY: (Party.SECONDARY, Party.PATIENT), Party.SECONDARY: (Party.PATIENT,)}
EVENTS = ("charge", "charge", "payment", "payment", "adjustment", "transfer", "apply_credit", "refund",
          "reverse", "reverse", "post_again")

# Strategies made once (making one per draw costs more than the draw).
EVENT, PATIENT_NO, COIN = st.sampled_from(EVENTS), st.integers(0, 1), st.booleans()
CHARGED_PARTY, CHARGE_AMOUNT = st.sampled_from([Party.PRIMARY, Party.PATIENT]), st.integers(1, 40_000)
CODES, PREPAYMENT, HOW_MANY_LINES = st.sampled_from(ADJUSTMENT_CODES), st.integers(1, 20_000), st.integers(0, 2)

NEVER_BELOW_ZERO = {AccountKind.RECEIVABLE, AccountKind.PAYMENT_BATCH}
NEVER_ABOVE_ZERO = {AccountKind.PATIENT_CREDIT, AccountKind.REFUNDS_PAYABLE, AccountKind.GROSS_CHARGES}


def sums(transactions: Iterable[Transaction]) -> dict[AccountKey, int]:
    """Balances recomputed from nothing but the postings; accounts at zero are left out."""
    out: Counter[AccountKey] = Counter()
    for tx in transactions:
        for p in tx.postings:
            out[p.account] += p.amount
    return {k: v for k, v in out.items() if v}


def nonzero(balances: Mapping[AccountKey, int]) -> dict[AccountKey, int]:
    return {k: v for k, v in balances.items() if v}


def on_its_side(kind: AccountKind, balance: int) -> bool:
    return not (kind in NEVER_BELOW_ZERO and balance < 0 or kind in NEVER_ABOVE_ZERO and balance > 0)


def should_post(tx: Transaction, book: Book) -> bool:
    by_id = {t.id: t for t in book.posted}
    if tx.id in by_id or any(p.amount == 0 for p in tx.postings):
        return False
    if tx.source_key is not None and any(t.source_key == tx.source_key for t in book.posted):
        return False
    if tx.reverses is not None:
        target = by_id.get(tx.reverses)
        if target is None or target.kind is TxKind.REVERSAL or any(t.reverses == target.id for t in book.posted):
            return False
    return all(on_its_side(p.account.kind, book.balance(p.account) + p.amount) for p in tx.postings)


@dataclass
class Book:
    """The names one example works with, fresh per example so that examples never share an account
    (except gross charges and the adjustment codes, which every practice shares)."""

    token: str = field(default_factory=lambda: new_id()[-12:])
    posted: list[Transaction] = field(default_factory=list)
    balances: Counter[AccountKey] = field(default_factory=Counter)  # a running sum of the postings
    made: int = 0

    def record(self, tx: Transaction) -> None:
        """The ledger accepted tx."""
        self.posted.append(tx)
        for p in tx.postings:
            self.balances[p.account] += p.amount

    def fresh(self, what: str) -> str:
        self.made += 1
        return f"{self.token}-{what}{self.made}"

    def patient(self, n: int) -> str:
        return f"{self.token}-PA{n}"

    def balance(self, account: AccountKey) -> int:
        return self.balances[account]

    def receivables(self, patient: str | None = None) -> list[AccountKey]:
        """Every receivable ever posted to, in the order they appeared."""
        return [a for a in self.balances
                if a.kind is AccountKind.RECEIVABLE and patient in (None, a.patient_account)]


def _amount(data: st.DataObject, owed: int) -> int:
    return data.draw(st.integers(1, max(owed, 0) + SLACK))


def _charge(data: st.DataObject, book: Book) -> Transaction:
    patient = book.patient(data.draw(PATIENT_NO))
    line = book.fresh("L")
    party = data.draw(CHARGED_PARTY)
    return charge(line, party, patient, data.draw(CHARGE_AMOUNT), ON, memo="office visit")


def _payment(data: st.DataObject, book: Book) -> Transaction | None:
    """Money applied to one or two lines of one patient; what is more than a line owes goes on account as
    patient credit, unless the clerk keys it all against the line (which must be refused)."""
    patient = book.patient(data.draw(PATIENT_NO))
    owed = book.receivables(patient)
    lines: list[AccountKey] = []
    for _ in range(min(data.draw(HOW_MANY_LINES), len(owed))):
        lines.append(data.draw(st.sampled_from([a for a in owed if a not in lines])))
    keyed_against_line = data.draw(COIN)
    applied, on_account = [], 0
    for account in lines:
        paid, balance = _amount(data, book.balance(account)), book.balance(account)
        if keyed_against_line or paid <= balance:
            applied.append((account, paid))
        else:
            applied += [(account, balance)] if balance else []
            on_account += paid - balance
    if not lines:
        on_account = data.draw(PREPAYMENT)  # a prepayment, all on account
    source_key = book.fresh("remit") if data.draw(COIN) else None
    return payment(book.fresh("batch"), applied, ON, to_credit=on_account, credit_account=patient,
                   source_key=source_key)


def _adjustment(data: st.DataObject, book: Book) -> Transaction | None:
    if not book.receivables():
        return None
    account = data.draw(st.sampled_from(book.receivables()))
    group, reason = data.draw(CODES)
    amount = data.draw(st.integers(-SLACK, book.balance(account) + SLACK))  # 0 must be refused
    return adjustment(account, group, reason, amount, ON)


def _transfer(data: st.DataObject, book: Book) -> Transaction | None:
    movable = [a for a in book.receivables() if a.party in NEXT_PAYERS]
    if not movable:
        return None
    source = data.draw(st.sampled_from(movable))
    line = source.ref.rsplit(":", 1)[0]
    dest = receivable(line, data.draw(st.sampled_from(NEXT_PAYERS[source.party])), source.patient_account or "")
    return transfer(source, dest, _amount(data, book.balance(source)), ON)


def _apply_credit(data: st.DataObject, book: Book) -> Transaction | None:
    patient = book.patient(data.draw(PATIENT_NO))
    credit = -book.balance(patient_credit(patient))
    if not book.receivables(patient):
        return None
    account = data.draw(st.sampled_from(book.receivables(patient)))
    return apply_credit(patient, account, _amount(data, min(credit, book.balance(account))), ON)


def _refund(data: st.DataObject, book: Book) -> Transaction | None:
    patient = book.patient(data.draw(PATIENT_NO))
    return refund(patient, _amount(data, -book.balance(patient_credit(patient))), ON)


def _reverse(data: st.DataObject, book: Book) -> Transaction | None:
    """Reverse any earlier transaction: one already reversed, or a reversal itself, must be refused. The
    builder will not even make a reversal of a reversal, so that one is written out by hand."""
    if not book.posted:
        return None
    target = data.draw(st.sampled_from(book.posted))
    if target.kind is TxKind.REVERSAL:
        return Transaction(TxKind.REVERSAL, ON, tuple(Posting(p.account, -p.amount) for p in target.postings),
                           REASON, reverses=target.id)
    return reversal(target, ON, REASON)


def _post_again(data: st.DataObject, book: Book) -> Transaction | None:
    """The same transaction submitted twice (a double click), or the same remittance in a new payment."""
    if not book.posted:
        return None
    earlier = data.draw(st.sampled_from(book.posted))
    if earlier.source_key is None or data.draw(COIN):
        return earlier
    patient = book.patient(0)
    return payment(book.fresh("batch"), [], ON, to_credit=100, credit_account=patient, source_key=earlier.source_key)


_DRAW = {"charge": _charge, "payment": _payment, "adjustment": _adjustment, "transfer": _transfer,
         "apply_credit": _apply_credit, "refund": _refund, "reverse": _reverse, "post_again": _post_again}


def next_transaction(data: st.DataObject, book: Book) -> Transaction:
    event = data.draw(EVENT)
    return _DRAW[event](data, book) or _charge(data, book)
