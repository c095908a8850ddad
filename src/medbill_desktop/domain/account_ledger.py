"""A patient's account as a ledger a person can read: every charge, payment, adjustment, transfer, refund and
reversal that touched the account, in date order, with the running balance of each responsible party, the
aging of what is still owed, and a plain-words line the front desk can read to the patient.

Pure: the service reads the postings and what the payers decided (storage/account_ledger_store.py) and hands
them here as plain data: `ledger_from_rows` takes the rows as the store reads them (an account of 2,500 entries
opens in a few tens of milliseconds: no object per row, and an entry's words made only when first read, as the
window shows a screenful); `build_account_ledger` takes transactions already made (statements of many patients,
tests). Both go through the same one pass, so they make the same ledger.

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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import NamedTuple

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


class LineRef(NamedTuple):
    """A service line as the ledger names it (a named tuple: an account has hundreds, made at every opening)."""

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


# A posting as the store reads it, one row per posting to the patient's accounts, a transaction's rows together
# and the transactions in ledger order (occurred_on, posted_at, id): (transaction id, TxKind value, occurred_on
# as a date or as ISO text, posted_at, memo, the id of the transaction it reverses or None, account code
# '<AccountKind value>:<ref>', amount in cents).
PostingRow = tuple[str, str, "date | str", str, str, "str | None", str, int]


# --- what comes out ---------------------------------------------------------------------------------------------
class LedgerEntry(NamedTuple):
    """One line of the ledger: a transaction's postings for one service line (or those that name no line).

    A named tuple (an account of thousands of entries makes thousands of them each time it opens: a frozen
    dataclass takes ten times as long to make). Equal when what it says is equal: the last two fields, how to
    word it, are left out of comparisons."""

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
    reverses: str | None = None  # the transaction this entry's transaction undoes
    reversed_by: str | None = None  # the transaction that undid this one
    wording: _Words | None = None  # makes the words the first time they are read (a screen shows a few dozen)
    postings_at: tuple[int, ...] = ()  # which of the transaction's postings are this entry's

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LedgerEntry):
            return NotImplemented
        return self[:_COMPARED] == other[:_COMPARED]

    def __ne__(self, other: object) -> bool:
        if not isinstance(other, LedgerEntry):
            return NotImplemented
        return self[:_COMPARED] != other[:_COMPARED]

    def __hash__(self) -> int:
        return hash(self[:_COMPARED])

    @property
    def words(self) -> str:
        """The plain-words line to read to the patient."""
        return self.wording.text(self) if self.wording is not None else ""

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


_COMPARED = 12  # the fields of LedgerEntry compared: all but wording and postings_at

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

    `lines`: service line id -> LineRef; `payers`: (encounter id, party) -> the payer's name. The same ledger
    as ledger_from_rows, from transactions already made (tests, statements of many patients)."""
    ordered = sorted(transactions, key=lambda t: (t.occurred_on, t.posted_at, t.id))
    by_id = {t.id: t for t in ordered}
    accounts: dict[str, tuple[int, int, str]] = {}
    rows: list[PostingRow] = []
    labels: dict[str, str] = {}
    for tx in ordered:
        if tx.source is not None:
            labels[tx.id] = tx.source.label
        for p in tx.postings:
            code = f"{p.kind.value}:{p.ref}"
            if code not in accounts:
                accounts[code] = (_account(code) if p.party is None else
                                  (_KIND_INDEX.get(p.kind, _OTHER), _PARTY_INDEX[p.party], p.line_id or ""))
            rows.append((tx.id, tx.kind.value, tx.occurred_on, tx.posted_at, tx.memo, tx.reverses, code, p.amount))
    return _build(patient_id, account_number, patient_name, as_of, rows, lines, labels,
                  _Words(lines, payers, by_id.get), accounts)


def ledger_from_rows(*, patient_id: str, account_number: str, patient_name: str, as_of: date,
                     rows: Sequence[PostingRow], lines: Mapping[str, LineRef],
                     payers: Mapping[tuple[str, Party], str], labels: Mapping[str, str],
                     sources: Callable[[str], Source | None],
                     other_postings: Mapping[str, Sequence[tuple[str, int]]]) -> AccountLedger:
    """The ledger straight from the rows the store reads (see PostingRow), without a LedgerTransaction or a
    LedgerPosting per row: the balances, sources and aging are worked out at once, and an entry's words only
    when they are read (the transaction is made then, once).

    `labels`: transaction id -> the label of its source (receipt, refund or batch) for those that have one;
    `sources`: transaction id -> its Source, asked only to word an entry; `other_postings`: transaction id ->
    its postings to accounts that are not the patient's that its words name (adjustment codes), as (account
    code, amount)."""
    words = _Words(lines, payers, _RowTransactions(rows, sources, other_postings).get)
    return _build(patient_id, account_number, patient_name, as_of, rows, lines, labels, words, {})


_RECEIVABLE, _CREDIT, _REFUNDS, _OTHER = 0, 1, 2, 3
_FIRST = (0,)
_KIND_INDEX = {AccountKind.RECEIVABLE: _RECEIVABLE, AccountKind.PATIENT_CREDIT: _CREDIT,
               AccountKind.REFUNDS_PAYABLE: _REFUNDS}
_KIND_INDEX_BY_VALUE = {k.value: i for k, i in _KIND_INDEX.items()}
_PARTY_INDEX: dict[Party, int] = {p: i for i, p in enumerate(PARTIES)}
_PARTY_INDEX_BY_VALUE = {p.value: i for p, i in _PARTY_INDEX.items()}
_TX_KIND = {k.value: k for k in TxKind}


def _credit_used(rows: Sequence[PostingRow], i: int, j: int, accounts: dict[str, tuple[int, int, str]]) -> bool:
    """Whether a transfer's rows i..j take money out of the patient's credit (applying it) rather than into it."""
    return sum(rows[k][7] for k in range(i, j)
               if (accounts.get(rows[k][6]) or _account(rows[k][6]))[0] == _CREDIT) > 0


def _account(code: str) -> tuple[int, int, str]:
    """(kind index, party index or -1, service line id or '') of an account code."""
    kind, _, ref = code.partition(":")
    index = _KIND_INDEX_BY_VALUE.get(kind, _OTHER)
    if index == _RECEIVABLE:
        line_id, party = ref.rsplit(":", 1)
        return index, _PARTY_INDEX_BY_VALUE[party], line_id
    return index, -1, ""


def _build(patient_id: str, account_number: str, patient_name: str, as_of: date, rows: Sequence[PostingRow],
           lines: Mapping[str, LineRef], labels: Mapping[str, str], words: _Words,
           accounts: dict[str, tuple[int, int, str]]) -> AccountLedger:
    """The one pass over the postings that makes the entries, their running balances and the aging."""
    reversed_by = {r[5]: r[0] for r in rows if r[5] is not None}
    days: dict[date | str, date] = {}
    kinds = _TX_KIND
    b0 = b1 = b2 = b3 = 0
    credit = 0
    refunded = 0
    per_line: dict[tuple[str, int], int] = {}
    entries: list[LedgerEntry] = []
    append = entries.append
    n = len(rows)
    i = 0
    while i < n:
        first = rows[i]
        tx_id = first[0]
        j = i + 1
        while j < n and rows[j][0] == tx_id:
            j += 1
        kind = kinds[first[1]]
        on = days.get(first[2])
        if on is None:
            raw = first[2]
            on = days[raw] = raw if isinstance(raw, date) else date.fromisoformat(raw)
        reverses = first[5]
        # the postings to the patient's accounts, one group per line (receivables) and the loose ones (credit,
        # refunds owed); most transactions (a charge, an insurance payment, an adjustment) have one
        if j == i + 1:
            info = accounts.get(first[6])
            if info is None:
                info = accounts[first[6]] = _account(first[6])
            which = info[0]
            if which == _RECEIVABLE:  # a charge, an insurance payment, an adjustment: one entry, one party
                amount = first[7]
                party = info[1]
                c = [0, 0, 0, 0]
                c[party] = amount
                key = (info[2], party)
                per_line[key] = per_line.get(key, 0) + amount
                if party == 0:
                    b0 += amount
                elif party == 3:
                    b3 += amount
                elif party == 1:
                    b1 += amount
                else:
                    b2 += amount
                source = labels.get(tx_id)
                if source is None:
                    source = f"{labels[reverses]} (reversed)" if reverses is not None and reverses in labels else ""
                append(LedgerEntry(tx_id, kind, on, lines.get(info[2]), (c[0], c[1], c[2], c[3]), 0,
                                   (b0, b1, b2, b3), credit, b0 + b1 + b2 + b3 - credit, source, reverses,
                                   reversed_by.get(tx_id), words, _FIRST))
                i = j
                continue
            if which == _OTHER:
                i = j
                continue
            parts: Sequence[tuple[str, tuple[int, ...]]] = (("", _FIRST),)
            has_credit = which == _CREDIT
        else:
            groups: dict[str, list[int]] = {}
            loose: list[int] = []
            has_credit = False
            for k in range(i, j):
                code = rows[k][6]
                info = accounts.get(code)
                if info is None:
                    info = accounts[code] = _account(code)
                which = info[0]
                if which == _RECEIVABLE:
                    group = groups.get(info[2])
                    if group is None:
                        groups[info[2]] = [k - i]
                    else:
                        group.append(k - i)
                elif which != _OTHER:
                    loose.append(k - i)
                    has_credit = has_credit or which == _CREDIT
            if loose and len(groups) == 1:
                for members in groups.values():
                    members.extend(loose)
            elif loose:
                groups[""] = loose  # no line: an entry of its own
            parts = [(line_id, tuple(at)) for line_id, at in groups.items()]
        # where the money came from: the transaction's source, else the source of what it reverses
        source = labels.get(tx_id)
        if source is None:
            if reverses is not None and reverses in labels:
                source = f"{labels[reverses]} (reversed)"
            elif has_credit and kind is TxKind.TRANSFER:
                source = "From credit on account" if _credit_used(rows, i, j, accounts) else "To credit on account"
            else:
                source = ""
        undone = reversed_by.get(tx_id)
        for line_id, at in parts:
            c0 = c1 = c2 = c3 = 0
            credit_change = 0
            for k in at:
                row = rows[i + k]
                info = accounts[row[6]]
                amount = row[7]
                which = info[0]
                if which == _RECEIVABLE:
                    party = info[1]
                    if party == 0:
                        c0 += amount
                    elif party == 3:
                        c3 += amount
                    elif party == 1:
                        c1 += amount
                    else:
                        c2 += amount
                    key = (info[2], party)
                    per_line[key] = per_line.get(key, 0) + amount
                elif which == _CREDIT:
                    credit_change -= amount
                else:
                    refunded -= amount
            b0 += c0
            b1 += c1
            b2 += c2
            b3 += c3
            credit += credit_change
            append(LedgerEntry(tx_id, kind, on, lines.get(line_id) if line_id else None, (c0, c1, c2, c3),
                               credit_change, (b0, b1, b2, b3), credit, b0 + b1 + b2 + b3 - credit, source, reverses,
                               undone, words, at))
        i = j
    return AccountLedger(
        patient_id=patient_id, account_number=account_number, patient_name=patient_name, as_of=as_of,
        entries=tuple(entries), balances=(b0, b1, b2, b3), credit=credit, refunded=refunded,
        aging_by_party=_aging(per_line, lines, as_of))


class _RowTransactions:
    """The LedgerTransaction of a transaction of the rows, made when its words are first read."""

    __slots__ = ("_made", "_other", "_rows", "_sources", "_spans")

    def __init__(self, rows: Sequence[PostingRow], sources: Callable[[str], Source | None],
                 other_postings: Mapping[str, Sequence[tuple[str, int]]]) -> None:
        self._rows = rows
        self._sources = sources
        self._other = other_postings
        self._spans: dict[str, tuple[int, int]] | None = None
        self._made: dict[str, LedgerTransaction] = {}

    def get(self, tx_id: str) -> LedgerTransaction | None:
        made = self._made.get(tx_id)
        if made is not None:
            return made
        if self._spans is None:
            spans: dict[str, tuple[int, int]] = {}
            for k, row in enumerate(self._rows):
                start = spans.get(row[0])
                spans[row[0]] = (start[0] if start else k, k + 1)
            self._spans = spans
        span = self._spans.get(tx_id)
        if span is None:
            return None
        rows = self._rows[span[0]:span[1]]
        first = rows[0]
        postings = [_posting(row[6], row[7]) for row in rows]
        postings += [_posting(code, amount) for code, amount in self._other.get(tx_id, ())]
        raw = first[2]
        made = self._made[tx_id] = LedgerTransaction(
            tx_id, _TX_KIND[first[1]], raw if isinstance(raw, date) else date.fromisoformat(raw), first[3],
            first[4] or "", first[5], tuple(postings), self._sources(tx_id))
        return made


_ACCOUNT_KIND = {k.value: k for k in AccountKind}


def _posting(code: str, amount: int) -> LedgerPosting:
    kind, _, ref = code.partition(":")
    return LedgerPosting.of(_ACCOUNT_KIND[kind], ref, amount)


def _aging(per_line: Mapping[tuple[str, int], int], lines: Mapping[str, LineRef],
           as_of: date) -> tuple[Aging, Aging, Aging, Aging]:
    sums = [[0] * len(AGING_BUCKETS) for _ in PARTIES]
    for (line_id, party), amount in per_line.items():
        if not amount:
            continue
        line = lines.get(line_id)
        day = line.date_of_service if line is not None else None
        index = bucket_index((as_of - day).days) if day is not None else 0
        sums[party][index] += amount
    out = [Aging((s[0], s[1], s[2], s[3], s[4])) for s in sums]
    return out[0], out[1], out[2], out[3]


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
                 tx_of: Callable[[str], LedgerTransaction | None]) -> None:
        self.lines = lines
        self.payers = payers
        self.tx_of = tx_of  # transaction id -> the transaction (None: not on this ledger)
        self.made: dict[tuple[str, tuple[int, ...]], str] = {}

    def text(self, entry: LedgerEntry) -> str:
        """The entry's words, made once."""
        key = (entry.transaction_id, entry.postings_at)
        words = self.made.get(key)
        if words is None:
            tx = self.tx_of(entry.transaction_id)
            if tx is None:  # pragma: no cover - the entries are made from these transactions
                return ""
            postings = tuple(tx.postings[k] for k in entry.postings_at)
            words = self.made[key] = self.describe(tx, postings, entry.line)
        return words

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
        if credit and into and not out:  # the practice server's correction of a balance paid twice
            return (f"{money(sum(p.amount for p in into))} paid on {where} was more than was owed (it was paid "
                    "twice); it is held as credit on your account.")
        owed_back = [p for p in postings if p.kind is AccountKind.REFUNDS_PAYABLE]
        if owed_back and len(into) == 1 and not out and into[0].party is not None and into[0].party.is_insurance:
            return (f"{money(into[0].amount)} paid on {where} by {self.payer(line, into[0].party, tx)} was more "
                    "than was owed (it was paid twice); it is owed back to them.")
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
        original = self.tx_of(tx.reverses) if tx.reverses else None
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
