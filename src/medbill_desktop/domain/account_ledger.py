"""A patient's account as a ledger a person can read: every charge, payment, adjustment, transfer, refund and
reversal that touched the account, in date order, with the running balance of each responsible party, the
aging of what is still owed, and a plain-words line the front desk can read to the patient.

Pure: the service reads the postings and what the payers decided (storage/account_ledger_store.py) and hands
them here as plain data.

How a transaction becomes entries: its postings to the patient's accounts are grouped by service line (a
receivable names its line); the postings that name no line (credit on account, refunds owed) join the line's
entry when the transaction touches one line, or make an entry of their own otherwise. So an insurance payment
on a two-line claim is two entries ("... allowed $80.00 of the $120.00 charge ..." for each line), and a front
desk payment split over two visits with the rest held as credit is three.

Balances: each party's running balance is the sum of its receivables; `credit` is money held for the patient
(copays, prepayments) not yet applied; the running `total` is what the account owes the practice less that
credit (negative: the practice holds the patient's money).

Aging is by date of service: each line's balance with a party is as old as the line's visit. Buckets are
current (0-30 days), 31-60, 61-90, 91-120 and over 120.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.ledger import (
    AccountKey,
    AccountKind,
    LedgerError,
    Party,
    Posting,
    Transaction,
    TxKind,
    patient_credit,
)
from medbill_desktop.domain.money import format_cents

PARTIES: tuple[Party, ...] = (Party.PRIMARY, Party.SECONDARY, Party.TERTIARY, Party.PATIENT)
INSURANCE: tuple[Party, ...] = PARTIES[:3]

# (key, label, first day, last day): the aging buckets, oldest last
AGING_BUCKETS: tuple[tuple[str, str, int, int | None], ...] = (
    ("current", "Current", 0, 30),
    ("31_60", "31–60 days", 31, 60),
    ("61_90", "61–90 days", 61, 90),
    ("91_120", "91–120 days", 91, 120),
    ("over_120", "Over 120 days", 121, None),
)

# The CARCs a front desk meets most, in words a patient follows. The rest are named by their code.
PATIENT_SHARE_WORDS: dict[str, str] = {
    "1": "deductible", "2": "coinsurance", "3": "copay", "66": "blood deductible",
    "122": "psychiatric reduction", "187": "health savings account payment",
}
REASON_WORDS: dict[str, str] = {
    "45": "the charge is above {payer}'s contracted rate",
    "42": "the charge is above {payer}'s fee maximum",
    "59": "{payer} reduces multiple or same-day procedures",
    "94": "{payer} processed it in excess of charges",
    "97": "{payer} pays for it as part of another service",
    "16": "{payer} needs more information",
    "18": "{payer} says it is a duplicate",
    "23": "an earlier payer already paid part of it",
    "29": "it was sent to {payer} too late",
    "50": "{payer} says it was not medically necessary",
    "96": "{payer} does not cover it",
    "109": "{payer} is not the right payer for it",
    "197": "it needed {payer}'s approval beforehand",
    "204": "your plan with {payer} does not cover it",
    "253": "sequestration (a federal reduction)",
}
GROUP_WORDS: dict[str, str] = {"CO": "contractual", "OA": "other", "PI": "payer-initiated", "PR": "patient"}
RANK_WORDS: dict[Party, str] = {Party.PRIMARY: "primary", Party.SECONDARY: "secondary", Party.TERTIARY: "tertiary",
                                Party.PATIENT: "patient"}


def bucket_index(age_days: int) -> int:
    """Which aging bucket an amount `age_days` old falls in (a date in the future counts as current)."""
    for i, (_key, _label, _first, last) in enumerate(AGING_BUCKETS):
        if last is None or age_days <= last:
            return i
    return len(AGING_BUCKETS) - 1  # pragma: no cover - the last bucket has no end


# --- what the service hands in ----------------------------------------------------------------------------------
class SourceKind(StrEnum):
    RECEIPT = "receipt"  # a front-desk payment (patient_payments)
    BATCH = "batch"  # an insurance payment batch (payment_batches via batch_transactions)
    REFUND = "refund"  # money paid back out of the patient's credit (patient_refunds)


@dataclass(frozen=True, slots=True)
class LineRef:
    """A service line as the ledger names it."""

    line_id: str
    encounter_id: str
    date_of_service: date | None
    code: str  # procedure with modifiers: '99213' or '99214-25'
    charge_cents: int
    position: int = 1

    @property
    def visit(self) -> str:
        return f"the {date_text(self.date_of_service)} visit" if self.date_of_service else "a visit"

    @property
    def visit_and_code(self) -> str:
        return f"{self.visit} ({self.code})"


@dataclass(frozen=True, slots=True)
class LineDecision:
    """What a payer decided about one line (line_adjudications with its adjudication_adjustments)."""

    billed: int
    paid: int
    allowed: int | None = None
    adjustments: tuple[tuple[str, str, int], ...] = ()  # (group code, reason code, amount) as the payer sent them

    @property
    def patient_share(self) -> tuple[tuple[str, int], ...]:
        """(reason, amount) of each PR adjustment."""
        return tuple((reason, amount) for group, reason, amount in self.adjustments if group == "PR" and amount)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a transaction's money came from or went to."""

    kind: SourceKind
    label: str  # 'Receipt A1-0000012 · Check no. 1042', 'Batch A1-0000003 · Aetna check 889123'
    payer_name: str = ""  # a batch's payer
    method_text: str = ""  # 'in cash', 'by check no. 1042', 'by card ending 4242'
    reason: str = ""  # a refund's reason
    decisions: Mapping[str, LineDecision] = field(default_factory=dict)  # service line id -> the payer's decision


@dataclass(frozen=True, slots=True)
class LedgerPosting:
    kind: AccountKind
    ref: str
    amount: int  # cents, debit positive
    party: Party | None = None  # a receivable's responsible party
    line_id: str | None = None  # a receivable's service line

    @classmethod
    def of(cls, kind: AccountKind, ref: str, amount: int) -> LedgerPosting:
        """A posting as stored (account kind and ref), with a receivable's line and party read from its ref."""
        if kind is AccountKind.RECEIVABLE:
            line_id, party = ref.rsplit(":", 1)
            return cls(kind, ref, amount, _PARTY_OF[party], line_id)
        return cls(kind, ref, amount)


_PARTY_OF = {p.value: p for p in Party}


@dataclass(frozen=True, slots=True)
class LedgerTransaction:
    """A posted transaction with its postings to the patient's accounts and to adjustment accounts (the others
    are not needed to describe it)."""

    id: str
    kind: TxKind
    occurred_on: date
    posted_at: str
    memo: str
    reverses: str | None
    postings: tuple[LedgerPosting, ...]
    source: Source | None = None


# --- what comes out ---------------------------------------------------------------------------------------------
class Described:
    """An entry's words, made the first time they are read: a screen shows a few dozen of thousands of entries,
    so opening a long account does not write every sentence up front (the command line's JSON reads them all)."""

    __slots__ = ("_args", "_text", "_words")

    def __init__(self, words: _Words, tx: LedgerTransaction, postings: Sequence[LedgerPosting],
                 line: LineRef | None) -> None:
        self._words: _Words | None = words
        self._args = (tx, postings, line)
        self._text: str | None = None

    def text(self) -> str:
        if self._text is None:
            assert self._words is not None
            self._text = self._words.describe(*self._args)
            self._words = None
        return self._text


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    transaction_id: str
    kind: TxKind
    on: date
    line: LineRef | None
    changes: tuple[int, int, int, int]  # what this entry did to each party's balance, in PARTIES order
    credit_change: int  # + more credit held for the patient, - credit used or refunded
    balances: tuple[int, int, int, int]  # each party's running balance after this entry
    credit: int  # credit held after this entry
    total: int  # receivables less credit, after this entry
    source: str
    described: Described = field(repr=False, compare=False)  # the words, made when first read
    reverses: str | None = None  # the transaction this entry's transaction undoes
    reversed_by: str | None = None  # the transaction that undid this one

    @property
    def words(self) -> str:
        """The plain-words line to read to the patient."""
        return self.described.text()

    def change_of(self, party: Party) -> int:
        return self.changes[PARTIES.index(party)]

    def balance_of(self, party: Party) -> int:
        return self.balances[PARTIES.index(party)]

    @property
    def total_change(self) -> int:
        return sum(self.changes) - self.credit_change

    @property
    def amount(self) -> int:
        """How much money the entry is about (a transfer moves its amount without changing the total)."""
        signed = [*self.changes, -self.credit_change]
        return max(sum(v for v in signed if v > 0), -sum(v for v in signed if v < 0))

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def label(self) -> str:
        """The kind in a front desk's words: an insurance or a patient payment, credit applied, ..."""
        if self.kind is TxKind.PAYMENT:
            return "Insurance payment" if any(self.changes[:3]) else "Patient payment"
        if self.kind is TxKind.TRANSFER and self.credit_change < 0 and self.changes[3] < 0:
            return "Credit applied"
        return KIND_LABELS[self.kind]


KIND_LABELS: dict[TxKind, str] = {
    TxKind.CHARGE: "Charge", TxKind.PAYMENT: "Payment", TxKind.ADJUSTMENT: "Adjustment",
    TxKind.TRANSFER: "Transfer", TxKind.REFUND: "Refund", TxKind.REVERSAL: "Reversal",
}


@dataclass(frozen=True, slots=True)
class Aging:
    buckets: tuple[int, int, int, int, int]  # cents in each of AGING_BUCKETS

    @property
    def total(self) -> int:
        return sum(self.buckets)

    def __add__(self, other: Aging) -> Aging:
        a, b = self.buckets, other.buckets
        return Aging((a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3], a[4] + b[4]))


NO_AGING = Aging((0, 0, 0, 0, 0))


@dataclass(frozen=True, slots=True)
class AccountLedger:
    patient_id: str
    account_number: str
    patient_name: str
    as_of: date
    entries: tuple[LedgerEntry, ...]
    balances: tuple[int, int, int, int]  # each party's balance now, in PARTIES order
    credit: int  # credit held now
    refunded: int  # refunds owed or paid back to the patient, all told
    aging_by_party: tuple[Aging, Aging, Aging, Aging]  # in PARTIES order

    def balance_of(self, party: Party) -> int:
        return self.balances[PARTIES.index(party)]

    def aging_of(self, party: Party) -> Aging:
        return self.aging_by_party[PARTIES.index(party)]

    @property
    def insurance_due(self) -> int:
        return sum(self.balances[:3])

    @property
    def patient_due(self) -> int:
        return self.balances[3]

    @property
    def total(self) -> int:
        """What the account owes the practice less the credit held (negative: the practice owes the patient)."""
        return sum(self.balances) - self.credit

    @property
    def insurance_aging(self) -> Aging:
        a = self.aging_by_party
        return a[0] + a[1] + a[2]

    @property
    def patient_aging(self) -> Aging:
        return self.aging_by_party[3]

    @property
    def parties_used(self) -> tuple[Party, ...]:
        """Primary and patient always; secondary and tertiary when any entry touched them."""
        used = {Party.PRIMARY, Party.PATIENT}
        for e in self.entries:
            used.update(p for p, c in zip(PARTIES, e.changes, strict=True) if c)
        return tuple(p for p in PARTIES if p in used)


# --- building the ledger ----------------------------------------------------------------------------------------
def build_account_ledger(*, patient_id: str, account_number: str, patient_name: str, as_of: date,
                         transactions: Iterable[LedgerTransaction], lines: Mapping[str, LineRef],
                         payers: Mapping[tuple[str, Party], str]) -> AccountLedger:
    """Entries in date order (then the order they were posted) with running balances, and the aging.

    `lines`: service line id -> LineRef; `payers`: (encounter id, party) -> the payer's name."""
    ordered = sorted(transactions, key=lambda t: (t.occurred_on, t.posted_at, t.id))
    by_id = {t.id: t for t in ordered}
    reversed_by = {t.reverses: t.id for t in ordered if t.reverses is not None}
    words = _Words(lines, payers, by_id)
    b0 = b1 = b2 = b3 = 0
    credit = 0
    refunded = 0
    per_line: dict[tuple[str, Party], int] = {}
    entries: list[LedgerEntry] = []
    receivable_kind, credit_kind, refunds_kind = (AccountKind.RECEIVABLE, AccountKind.PATIENT_CREDIT,
                                                  AccountKind.REFUNDS_PAYABLE)
    for tx in ordered:
        source = _source_text(tx, by_id)
        for line_id, postings in _groups(tx):
            line = lines.get(line_id) if line_id else None
            c = [0, 0, 0, 0]
            credit_change = 0
            for p in postings:
                kind = p.kind
                if kind is receivable_kind:
                    party = p.party
                    assert party is not None
                    c[_INDEX[party]] += p.amount
                    key = (p.line_id or "", party)
                    per_line[key] = per_line.get(key, 0) + p.amount
                elif kind is credit_kind:
                    credit_change -= p.amount
                elif kind is refunds_kind:
                    refunded -= p.amount
            b0, b1, b2, b3 = b0 + c[0], b1 + c[1], b2 + c[2], b3 + c[3]
            credit += credit_change
            entries.append(LedgerEntry(
                tx.id, tx.kind, tx.occurred_on, line, (c[0], c[1], c[2], c[3]), credit_change, (b0, b1, b2, b3),
                credit, b0 + b1 + b2 + b3 - credit, source, Described(words, tx, postings, line), tx.reverses,
                reversed_by.get(tx.id)))
    return AccountLedger(
        patient_id=patient_id, account_number=account_number, patient_name=patient_name, as_of=as_of,
        entries=tuple(entries), balances=(b0, b1, b2, b3), credit=credit, refunded=refunded,
        aging_by_party=_aging(per_line, lines, as_of))


_INDEX: dict[Party, int] = {p: i for i, p in enumerate(PARTIES)}


def _groups(tx: LedgerTransaction) -> list[tuple[str | None, tuple[LedgerPosting, ...]]]:
    """The transaction's postings to the patient's accounts, one group per service line; the postings that name
    no line join the only line's group, or make a group of their own."""
    if len(tx.postings) == 1 and tx.postings[0].kind is AccountKind.RECEIVABLE:  # a charge: the common case
        return [(tx.postings[0].line_id, tx.postings)]
    by_line: dict[str, list[LedgerPosting]] = {}
    loose: list[LedgerPosting] = []
    for p in tx.postings:
        if p.kind is AccountKind.RECEIVABLE:
            by_line.setdefault(p.line_id or "", []).append(p)
        elif p.kind in (AccountKind.PATIENT_CREDIT, AccountKind.REFUNDS_PAYABLE):
            loose.append(p)
    groups: list[tuple[str | None, tuple[LedgerPosting, ...]]] = [
        (line_id, tuple(ps)) for line_id, ps in by_line.items()]
    if loose:
        if len(groups) == 1:
            line_id, ps = groups[0]
            groups[0] = (line_id, ps + tuple(loose))
        else:
            groups.append((None, tuple(loose)))
    return groups


def _aging(per_line: Mapping[tuple[str, Party], int], lines: Mapping[str, LineRef],
           as_of: date) -> tuple[Aging, Aging, Aging, Aging]:
    sums = [[0] * len(AGING_BUCKETS) for _ in PARTIES]
    for (line_id, party), amount in per_line.items():
        if not amount:
            continue
        line = lines.get(line_id)
        day = line.date_of_service if line is not None else None
        index = bucket_index((as_of - day).days) if day is not None else 0
        sums[PARTIES.index(party)][index] += amount
    out = [Aging((s[0], s[1], s[2], s[3], s[4])) for s in sums]
    return out[0], out[1], out[2], out[3]


def _source_text(tx: LedgerTransaction, by_id: Mapping[str, LedgerTransaction]) -> str:
    if tx.source is not None:
        return tx.source.label
    if tx.reverses is not None:
        original = by_id.get(tx.reverses)
        if original is not None and original.source is not None:
            return f"{original.source.label} (reversed)"
    if tx.kind is TxKind.TRANSFER and any(p.kind is AccountKind.PATIENT_CREDIT for p in tx.postings):
        return "From credit on account"
    return ""


money = functools.lru_cache(maxsize=8192)(format_cents)


@functools.lru_cache(maxsize=4096)
def date_text(day: date) -> str:
    """format_date without strftime (which is slow), cached: a ledger repeats a few dates many times."""
    return f"{day.month:02d}/{day.day:02d}/{day.year:04d}"


@functools.lru_cache(maxsize=1024)
def _because(why: str, payer: str) -> str:
    return why.format(payer=payer)


def share_words(share: Sequence[tuple[str, int]]) -> str:
    """'$16.00 is your coinsurance' or '$26.00 is yours to pay ($10.00 deductible, $16.00 coinsurance)'."""
    named = [(PATIENT_SHARE_WORDS.get(reason, f"share (PR-{reason})"), amount) for reason, amount in share]
    if len(named) == 1:
        name, amount = named[0]
        return f"{money(amount)} is your {name}"
    return (f"{money(sum(a for _, a in named))} is yours to pay ("
            + ", ".join(f"{money(a)} {n}" for n, a in named) + ")")


def _share_names(share: Sequence[tuple[str, int]]) -> str:
    names = [PATIENT_SHARE_WORDS.get(reason, f"share (PR-{reason})") for reason, _ in share]
    return "your " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1])


class _Words:
    """The plain-words line of an entry: what happened, in words a front desk can read to the patient."""

    def __init__(self, lines: Mapping[str, LineRef], payers: Mapping[tuple[str, Party], str],
                 by_id: Mapping[str, LedgerTransaction]) -> None:
        self.lines = lines
        self.payers = payers
        self.by_id = by_id

    def payer(self, line: LineRef | None, party: Party, tx: LedgerTransaction | None = None) -> str:
        if line is not None:
            name = self.payers.get((line.encounter_id, party))
            if name:
                return name
        if tx is not None and tx.source is not None and tx.source.payer_name:
            return tx.source.payer_name
        return f"your {RANK_WORDS[party]} insurance"

    def describe(self, tx: LedgerTransaction, postings: Sequence[LedgerPosting], line: LineRef | None) -> str:
        if tx.kind is TxKind.REVERSAL:
            return self._reversal(tx, postings, line)
        handler = {
            TxKind.CHARGE: self._charge, TxKind.PAYMENT: self._payment, TxKind.ADJUSTMENT: self._adjustment,
            TxKind.TRANSFER: self._transfer, TxKind.REFUND: self._refund,
        }[tx.kind]
        return handler(tx, postings, line)

    # --- one per kind -------------------------------------------------------------------------------------
    def _charge(self, tx: LedgerTransaction, postings: Sequence[LedgerPosting], line: LineRef | None) -> str:
        receivable = next((p for p in postings if p.kind is AccountKind.RECEIVABLE), None)
        if receivable is None or line is None:
            return f"Charge: {tx.memo}" if tx.memo else "Charge"
        party = receivable.party
        assert party is not None
        what = f"Charge of {money(receivable.amount)} for {line.code} on {line.visit}"
        if party is Party.PATIENT:
            return f"{what}; yours to pay (no insurance was billed)."
        return f"{what}, billed to {self.payer(line, party, tx)}."

    def _payment(self, tx: LedgerTransaction, postings: Sequence[LedgerPosting], line: LineRef | None) -> str:
        receivables = [p for p in postings if p.kind is AccountKind.RECEIVABLE]
        insurance = [p for p in receivables if p.party is not None and p.party.is_insurance]
        if insurance and line is not None:
            party = insurance[0].party
            assert party is not None
            return self._insurance_payment(tx, -sum(p.amount for p in insurance), party, line)
        applied = -sum(p.amount for p in receivables)
        held = -sum(p.amount for p in postings if p.kind is AccountKind.PATIENT_CREDIT)
        how = f" {tx.source.method_text}" if tx.source is not None and tx.source.method_text else ""
        if applied and line is not None:
            if held:
                return (f"You paid {money(applied + held)}{how}: {money(applied)} toward {line.visit_and_code} "
                        f"and {money(held)} held as credit on your account.")
            return f"You paid {money(applied)}{how} toward {line.visit_and_code}."
        if held:
            if self._tx_has_lines(tx):
                return f"{money(held)} of your payment{how} held as credit on your account."
            return f"You paid {money(held)}{how}; it is held as credit on your account."
        return f"Payment: {tx.memo}" if tx.memo else "Payment"

    def _insurance_payment(self, tx: LedgerTransaction, paid: int, party: Party, line: LineRef) -> str:
        payer = self.payer(line, party, tx)
        decision = tx.source.decisions.get(line.line_id) if tx.source is not None else None
        share = decision.patient_share if decision is not None else ()
        tail = f"; {share_words(share)}." if share else "."
        if decision is not None and decision.allowed is not None:
            whose = "Your insurance" if party is Party.PRIMARY else f"Your {RANK_WORDS[party]} insurance"
            return (f"{whose} ({payer}) allowed {money(decision.allowed)} of the {money(decision.billed)} charge "
                    f"for {line.code} on {line.visit} and paid {money(paid)}{tail}")
        return f"{payer} paid {money(paid)} on {line.visit_and_code}{tail}"

    def _adjustment(self, tx: LedgerTransaction, postings: Sequence[LedgerPosting], line: LineRef | None) -> str:
        receivable = next((p for p in postings if p.kind is AccountKind.RECEIVABLE), None)
        codes = [p for p in tx.postings if p.kind is AccountKind.ADJUSTMENT]
        amount = -receivable.amount if receivable is not None else sum(p.amount for p in codes)
        where = f" on {line.visit_and_code}" if line is not None else ""
        note = f": {tx.memo}" if tx.memo and tx.source is None and len(codes) == 1 else ""
        code = (codes[0].ref if len(codes) == 1
                else ", ".join(f"{p.ref} {money(p.amount)}" for p in codes))
        if amount < 0:
            return f"{money(-amount)} added back to the balance{where} ({code}{note})."
        party = receivable.party if receivable is not None else None
        if party is Party.PATIENT:
            return f"{money(amount)} of your balance{where} written off ({code}{note}); you do not owe it."
        payer = self.payer(line, party, tx) if party is not None else "the payer"
        if len(codes) != 1:
            return f"{money(amount)} written off{where} by {payer}'s adjustments ({code}); you do not owe it."
        group, _, reason = code.partition("-")
        why = REASON_WORDS.get(reason)
        if why is not None and group in ("CO", "OA", "PI"):
            because = _because(why, payer)
            return f"{money(amount)} written off{where} because {because} ({code}{note}); you do not owe it."
        kind = GROUP_WORDS.get(group, "")
        label = f"{kind} adjustment" if kind else "adjustment"
        return f"{money(amount)} written off{where}: {payer}'s {label} ({code}{note}); you do not owe it."

    def _transfer(self, tx: LedgerTransaction, postings: Sequence[LedgerPosting], line: LineRef | None) -> str:
        receivables = [p for p in postings if p.kind is AccountKind.RECEIVABLE]
        credit = [p for p in postings if p.kind is AccountKind.PATIENT_CREDIT]
        into = [p for p in receivables if p.amount > 0]
        out = [p for p in receivables if p.amount < 0]
        where = line.visit_and_code if line is not None else "the account"
        if credit and out and not into:
            return f"{money(-sum(p.amount for p in out))} of your credit applied to {where}."
        if len(into) == 1 and len(out) == 1:
            amount = into[0].amount
            source, dest = out[0].party, into[0].party
            assert source is not None and dest is not None
            if source.is_insurance and dest is Party.PATIENT:
                decision = tx.source.decisions.get(line.line_id) if tx.source is not None and line else None
                why = f": {_share_names(decision.patient_share)}" if decision and decision.patient_share else ""
                return f"{money(amount)} of {where} moved from {self.payer(line, source, tx)} to you{why}."
            if source.is_insurance and dest.is_insurance:
                return (f"{money(amount)} of {where} sent on from {self.payer(line, source, tx)} to "
                        f"{self.payer(line, dest)}, your {RANK_WORDS[dest]} insurance.")
            if source is Party.PATIENT and dest.is_insurance:
                return f"{money(amount)} of {where} moved from you to {self.payer(line, dest)}, your insurance."
        return f"Balance moved on {where}" + (f": {tx.memo}." if tx.memo else ".")

    def _refund(self, tx: LedgerTransaction, postings: Sequence[LedgerPosting], line: LineRef | None) -> str:
        amount = sum(p.amount for p in postings if p.kind is AccountKind.PATIENT_CREDIT)
        src = tx.source
        how = f" {src.method_text}" if src is not None and src.method_text else ""
        why = f": {src.reason}" if src is not None and src.reason else ""
        return f"{money(amount)} of your credit refunded to you{how}{why}."

    def _reversal(self, tx: LedgerTransaction, postings: Sequence[LedgerPosting], line: LineRef | None) -> str:
        original = self.by_id.get(tx.reverses or "")
        what = self._what(original, line) if original is not None else "An earlier entry"
        amount = max(sum(p.amount for p in postings if p.amount > 0), -sum(p.amount for p in postings if p.amount < 0))
        where = f" on {line.visit_and_code}" if line is not None else ""
        reason = tx.memo or "no reason given"
        return f"{what} of {money(amount)}{where} reversed: {reason}."

    def _what(self, tx: LedgerTransaction, line: LineRef | None) -> str:
        if tx.kind is TxKind.PAYMENT:
            party = next((p.party for p in tx.postings if p.party is not None and p.party.is_insurance), None)
            return f"{self.payer(line, party, tx)}'s payment" if party is not None else "Your payment"
        if tx.kind is TxKind.TRANSFER and any(p.kind is AccountKind.PATIENT_CREDIT for p in tx.postings):
            return "Credit applied"
        return KIND_LABELS[tx.kind]

    @staticmethod
    def _tx_has_lines(tx: LedgerTransaction) -> bool:
        return any(p.kind is AccountKind.RECEIVABLE for p in tx.postings)


# --- patient money: allocating a payment or credit to visits ---------------------------------------------------
@dataclass(frozen=True, slots=True)
class OpenLine:
    """A service line with something the patient owes on it."""

    line: LineRef
    patient_cents: int


@dataclass(frozen=True, slots=True)
class VisitAmount:
    """An amount the user chose to apply to one visit (encounter)."""

    encounter_id: str
    amount_cents: int


def _oldest_first(lines: Iterable[OpenLine]) -> list[OpenLine]:
    return sorted(lines, key=lambda o: (o.line.date_of_service or date.max, o.line.encounter_id, o.line.position))


def allocate_oldest_first(amount: int, lines: Iterable[OpenLine]) -> list[tuple[LineRef, int]]:
    """Apply up to `amount` to the patient's oldest balances first (by date of service, then line); what is
    left over is for the caller to hold as credit."""
    out: list[tuple[LineRef, int]] = []
    left = amount
    for o in _oldest_first(lines):
        if left <= 0:
            break
        take = min(left, o.patient_cents)
        if take > 0:
            out.append((o.line, take))
            left -= take
    return out


def visit_label(line: LineRef) -> str:
    return f"the {date_text(line.date_of_service)} visit" if line.date_of_service else "the visit"


def allocate_to_visits(requests: Sequence[VisitAmount], lines: Iterable[OpenLine],
                       visit_names: Mapping[str, str] | None = None) -> list[tuple[LineRef, int]]:
    """Apply each chosen amount to its visit's lines, oldest line first. An amount above what the patient owes
    on the visit is refused, naming the visit and its balance."""
    open_lines = _oldest_first(lines)
    names = dict(visit_names or {})
    by_visit: dict[str, list[OpenLine]] = {}
    for o in open_lines:
        by_visit.setdefault(o.line.encounter_id, []).append(o)
        names.setdefault(o.line.encounter_id, visit_label(o.line))
    seen: set[str] = set()
    out: list[tuple[LineRef, int]] = []
    for r in requests:
        if isinstance(r.amount_cents, bool) or not isinstance(r.amount_cents, int) or r.amount_cents < 0:
            raise DomainError("Amounts applied to visits are whole cents, $0.00 or more.", "allocations")
        if not r.amount_cents:
            continue
        name = names.get(r.encounter_id, "that visit")
        if r.encounter_id in seen:
            raise DomainError(f"{name[0].upper()}{name[1:]} is chosen twice; give it one amount.", "allocations")
        seen.add(r.encounter_id)
        visit_lines = by_visit.get(r.encounter_id, [])
        balance = sum(o.patient_cents for o in visit_lines)
        if r.amount_cents > balance:
            owed = (f"the patient's balance of {name} ({money(balance)})" if balance
                    else f"what the patient owes on {name} ($0.00: nothing is the patient's to pay there yet)")
            raise DomainError(f"{money(r.amount_cents)} is more than {owed}.", "allocations")
        out.extend(allocate_oldest_first(r.amount_cents, visit_lines))
    return out


def apply_credit_to(patient_account: str, targets: Sequence[tuple[AccountKey, int]], on: date,
                    memo: str = "") -> Transaction:
    """One transaction using a patient's credit to pay several receivables (domain.ledger.apply_credit pays
    one): the credit shrinks by the total and each receivable by its amount."""
    postings = [Posting(target, -amount) for target, amount in targets if amount]
    if any(p.amount > 0 for p in postings):
        raise LedgerError("Apply more than $0.00 of credit.", "amount")
    total = -sum(p.amount for p in postings)
    if total <= 0:
        raise LedgerError("Apply more than $0.00 of credit.", "amount")
    return Transaction(TxKind.TRANSFER, on, (Posting(patient_credit(patient_account), total), *postings), memo)
