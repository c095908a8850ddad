"""Reports: accounts receivable aging, the day sheet and the practice's key figures, as arithmetic over plain
data (the service reads it with a few set-based queries; storage/reports_store.py).

Aging. What is owed is the balance of each receivable (one per service line and responsible party, DESIGN §3),
so the report follows the ledger exactly: insurance aging is the balance of the primary, secondary and tertiary
receivables; patient aging is the balance of the patient receivables only. A balance still with insurance is
pending, never counted as the patient's (it moves to the patient's receivable when the payer's decision is
posted). Credit held for a patient (copays paid ahead, overpayments) is shown beside the patient's aging, not
netted into its buckets.

The age of a balance is counted from its line's date of service (the line's own date, else its visit's) to the
report's as-of date, for insurance and patients alike: it is the rule of the patient account ledger
(domain/account_ledger.py) and of statements, and the one clinics read ("how long since we saw the patient").
Buckets: current (0-30 days), 31-60, 61-90, 91-120 and over 120; a date of service after the as-of date counts
as current, a line with no date too.

Key figures (each returns None when its denominator is zero: "no data", never a division error):
- days in A/R = A/R / (gross charges over the last `period` days / `period`);
- denial rate = claim adjudications with a denial / claim adjudications, in the period (by check date), for all
  payers, per payer and per reason code (CARC: each code's denials over all adjudications, so they add up to
  the whole rate);
- first-pass (clean claim) rate = claims whose first adjudication in the period paid them (in full or in part)
  after a single submission and no rejection / claims first adjudicated in the period;
- net collection rate = payments / (gross charges - contractual adjustments), all in the period; contractual
  adjustments are the CO adjustments payers' remittances wrote off (not the denials or balances a manager
  wrote off: those are what the rate is there to show);
- share of A/R over 90 days = A/R aged 91 days or more / A/R.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from operator import attrgetter
from typing import NamedTuple

from medbill_desktop.domain.account_ledger import AGING_BUCKETS, bucket_index
from medbill_desktop.domain.ledger import Party
from medbill_desktop.domain.money import format_cents

BUCKET_KEYS: tuple[str, ...] = tuple(key for key, _label, _first, _last in AGING_BUCKETS)
BUCKET_LABELS: tuple[str, ...] = tuple(label for _key, label, _first, _last in AGING_BUCKETS)
OVER_90 = 3  # the index of the first bucket older than 90 days (91-120)
NO_DATE = "—"


class AgingKind(StrEnum):
    INSURANCE = "insurance"
    PATIENT = "patient"

    @property
    def label(self) -> str:
        return {"insurance": "Insurance", "patient": "Patient"}[self.value]


class AgingBy(StrEnum):
    PAYER = "payer"  # insurance: the claim's payer
    PROVIDER = "provider"  # the visit's rendering provider
    GUARANTOR = "guarantor"  # patient: the account a statement goes to (the guarantor's, else the patient's own)

    @property
    def label(self) -> str:
        return {"payer": "Payer", "provider": "Provider", "guarantor": "Guarantor"}[self.value]


AGING_GROUPS: dict[AgingKind, tuple[AgingBy, ...]] = {
    AgingKind.INSURANCE: (AgingBy.PAYER, AgingBy.PROVIDER),
    AgingKind.PATIENT: (AgingBy.GUARANTOR, AgingBy.PROVIDER),
}


def age_in_days(date_of_service: date | None, as_of: date) -> int:
    """Days from the date of service to the as-of date (0 when there is no date or it is later)."""
    if date_of_service is None:
        return 0
    return max((as_of - date_of_service).days, 0)


def aging_bucket(date_of_service: date | None, as_of: date) -> int:
    """The index in AGING_BUCKETS of a balance with this date of service."""
    return bucket_index(age_in_days(date_of_service, as_of))


@dataclass(frozen=True, slots=True)
class Buckets:
    """Cents in each aging bucket, in AGING_BUCKETS order."""

    cents: tuple[int, int, int, int, int] = (0, 0, 0, 0, 0)

    @property
    def total(self) -> int:
        return sum(self.cents)

    @property
    def over_90(self) -> int:
        return sum(self.cents[OVER_90:])

    def __add__(self, other: Buckets) -> Buckets:
        a, b = self.cents, other.cents
        return Buckets((a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3], a[4] + b[4]))

    def as_dict(self) -> dict[str, int]:
        return {**dict(zip(BUCKET_KEYS, self.cents, strict=True)), "total": self.total}


def buckets_of(amounts: Iterable[tuple[date | None, int]], as_of: date) -> Buckets:
    """Sum (date of service, cents) pairs into their buckets."""
    sums = [0, 0, 0, 0, 0]
    for day, cents in amounts:
        sums[aging_bucket(day, as_of)] += cents
    return Buckets((sums[0], sums[1], sums[2], sums[3], sums[4]))


class MoneyCategory(StrEnum):
    """What money did, as the reports add it up by day (storage/reports_store.py), with the sign people read."""

    CHARGES = "charges"  # gross charges posted (a reversed charge takes them back)
    INSURANCE_PAYMENTS = "insurance_payments"  # payers' checks and EFTs
    PATIENT_PAYMENTS = "patient_payments"  # money taken at the front desk
    ADJUSTMENTS = "adjustments"  # write-offs (positive) and write-ups (negative), all of them
    CONTRACTUAL = "contractual"  # the CO write-offs of payers' remittances (part of ADJUSTMENTS)
    REFUNDS = "refunds"  # credit owed back to patients


# --- what the service hands in ----------------------------------------------------------------------------------
class OpenItem(NamedTuple):
    """What one party still owes on one visit's lines with the same date of service (the sum of their
    receivables), with the claim it is owed on. (A named tuple: a large practice's report reads tens of
    thousands.)"""

    party: Party
    encounter_id: str
    date_of_service: date | None
    cents: int
    account_number: str  # the patient's
    provider_id: str = ""  # the visit's rendering provider
    lines: int = 1
    payer_id: str = ""  # insurance: the claim's payer
    claim_id: str = ""  # the claim to this party (insurance) or the visit's primary claim (patient); '' if none
    claim_number: str = ""

    @property
    def is_insurance(self) -> bool:
        return self.party is not Party.PATIENT


@dataclass(frozen=True, slots=True)
class Guarantor:
    """Who a patient's statement goes to (domain.statements.guarantor_key), as the patient aging groups by."""

    key: str
    name: str
    account_number: str  # the guarantor's own account when a patient of the practice, else ''


def apply_credit(items: Iterable[OpenItem], credits: Mapping[str, int]) -> list[OpenItem]:
    """Take each account's unapplied credit off its oldest balances first (domain.statements'
    apply_credit_oldest_first, line by line so that what is left keeps its visit); items paid off by credit go."""
    by_account: dict[str, list[OpenItem]] = {}
    for item in items:
        by_account.setdefault(item.account_number, []).append(item)
    out: list[OpenItem] = []
    for account, owed in by_account.items():
        left = max(credits.get(account, 0), 0)
        if left:
            owed.sort(key=lambda i: (i.date_of_service is None, i.date_of_service or date.max, i.encounter_id))
        for item in owed:
            take = min(left, max(item.cents, 0))
            left -= take
            if item.cents - take:
                out.append(item._replace(cents=item.cents - take) if take else item)
    return out


def credit_left(items: Iterable[OpenItem], credits: Mapping[str, int]) -> dict[str, int]:
    """account -> the credit left once it has paid off the account's patient balances."""
    owed: dict[str, int] = {}
    for item in items:
        owed[item.account_number] = owed.get(item.account_number, 0) + item.cents
    return {account: cents - owed.get(account, 0) for account, cents in credits.items()
            if cents > owed.get(account, 0)}


@dataclass(frozen=True, slots=True)
class AgingRow:
    key: str  # payer id, provider id, or guarantor key
    label: str
    buckets: Buckets
    claims: int  # claims (insurance) or visits (patient) with a balance
    account: str = ""  # patient aging by guarantor: the guarantor's account (or the patients' accounts)
    credit: int = 0  # patient aging by guarantor: credit left over once the balances are paid off
    detail: str = ""  # patient aging by guarantor: the patients whose balances the row carries

    @property
    def total(self) -> int:
        return self.buckets.total


@dataclass(frozen=True, slots=True)
class AgingReport:
    kind: AgingKind
    by: AgingBy
    as_of: date
    rows: tuple[AgingRow, ...]  # largest total first
    totals: Buckets
    claims: int
    credit: int = 0

    @property
    def total(self) -> int:
        return self.totals.total

    def row(self, key: str) -> AgingRow | None:
        return next((r for r in self.rows if r.key == key), None)


def _matches(kind: AgingKind, item: OpenItem) -> bool:
    return item.is_insurance == (kind is AgingKind.INSURANCE)


def group_key(by: AgingBy, item: OpenItem, guarantors: Mapping[str, Guarantor] | None = None) -> str:
    """The key of the aging row an item falls in."""
    if by is AgingBy.PAYER:
        return item.payer_id
    if by is AgingBy.PROVIDER:
        return item.provider_id
    g = (guarantors or {}).get(item.account_number)
    return g.key if g is not None else f"account:{item.account_number}"


def build_aging(items: Iterable[OpenItem], kind: AgingKind, by: AgingBy, as_of: date, *,
                labels: Mapping[str, str] | None = None, guarantors: Mapping[str, Guarantor] | None = None,
                credits: Mapping[str, int] | None = None, members: Mapping[str, Sequence[str]] | None = None
                ) -> AgingReport:
    """Group the open items of one kind (insurance or patient) by payer, provider or guarantor.

    Patient aging takes each account's credit off its oldest balances first, as a statement does, so that a row's
    total is what the guarantor's statement asks for; the credit left over shows in the row's `credit`.
    `labels`: payer or provider id -> name; `guarantors`: patient account -> its Guarantor; `credits`: patient
    account -> unapplied credit; `members`: guarantor key -> the names of its patients with a balance or credit."""
    labels = labels or {}
    guarantors = guarantors or {}
    members = members or {}
    patient = kind is AgingKind.PATIENT
    chosen = [i for i in items if i.cents and (i.party is Party.PATIENT) == patient]
    left: dict[str, int] = {}
    if patient and credits:
        left = credit_left(chosen, credits)
        chosen = apply_credit(chosen, credits)
    key_of = _key_function(by, guarantors)
    sums: dict[str, list[int]] = {}
    visits: set[tuple[str, str, Party]] = set()
    bucket_of: dict[date | None, int] = {}  # a report repeats a few hundred dates
    for item in chosen:  # the hot loop of a large practice's report: kept plain
        key = key_of(item)
        row = sums.get(key)
        if row is None:
            row = sums[key] = [0, 0, 0, 0, 0]
        day = item.date_of_service
        bucket = bucket_of.get(day)
        if bucket is None:
            bucket = bucket_of[day] = aging_bucket(day, as_of)
        row[bucket] += item.cents
        visits.add((key, item.encounter_id, item.party))
    counts: dict[str, int] = {}
    for key, _encounter, _party in visits:
        counts[key] = counts.get(key, 0) + 1
    extra: dict[str, int] = {}
    if by is AgingBy.GUARANTOR:
        for account, cents in left.items():
            key = key_of(OpenItem(Party.PATIENT, "", None, 0, account))
            extra[key] = extra.get(key, 0) + cents
            sums.setdefault(key, [0, 0, 0, 0, 0])
    by_key = {g.key: g for g in guarantors.values()} if by is AgingBy.GUARANTOR else {}
    rows = []
    totals = [0, 0, 0, 0, 0]
    for key, s in sums.items():
        g = by_key.get(key)
        label = g.name if g is not None else labels.get(key) or _missing(by, key)
        row_cents = (s[0], s[1], s[2], s[3], s[4])
        for i in range(5):
            totals[i] += row_cents[i]
        rows.append(AgingRow(key, label, Buckets(row_cents), counts.get(key, 0),
                             g.account_number if g is not None else "", extra.get(key, 0),
                             ", ".join(members.get(key, ()))))
    rows.sort(key=lambda r: (-sum(r.buckets.cents), r.label.lower(), r.key))
    return AgingReport(kind, by, as_of, tuple(rows), Buckets((totals[0], totals[1], totals[2], totals[3], totals[4])),
                       len(visits), sum(left.values()))


def _key_function(by: AgingBy, guarantors: Mapping[str, Guarantor]) -> Callable[[OpenItem], str]:
    """group_key for one grouping, made once for a whole report."""
    if by is AgingBy.PAYER:
        return attrgetter("payer_id")
    if by is AgingBy.PROVIDER:
        return attrgetter("provider_id")
    keys = {account: g.key for account, g in guarantors.items()}

    def guarantor(item: OpenItem) -> str:
        return keys.get(item.account_number) or f"account:{item.account_number}"
    return guarantor


def _missing(by: AgingBy, key: str) -> str:
    if by is AgingBy.PAYER:
        return "No claim on record" if not key else "Unknown payer"
    if by is AgingBy.PROVIDER:
        return "No rendering provider" if not key else "Unknown provider"
    return key


@dataclass(frozen=True, slots=True)
class AgingItem:
    """One line of a drill-down: a claim (insurance) or a visit (patient) with what is still owed on it."""

    claim_id: str
    claim_number: str
    encounter_id: str
    date_of_service: date | None
    age_days: int
    bucket: int
    cents: int
    account_number: str
    patient_name: str
    payer_name: str
    provider_name: str
    party: Party
    lines: int
    group: str = ""  # the key of the aging row it is behind

    @property
    def bucket_label(self) -> str:
        return BUCKET_LABELS[self.bucket]


def aging_items(items: Iterable[OpenItem], kind: AgingKind, by: AgingBy, key: str | None, as_of: date, *,
                guarantors: Mapping[str, Guarantor] | None = None, credits: Mapping[str, int] | None = None,
                payer_names: Mapping[str, str] | None = None, provider_names: Mapping[str, str] | None = None,
                patient_names: Mapping[str, str] | None = None) -> list[AgingItem]:
    """The claims (insurance) or visits (patient, after credit as in build_aging) behind one row of an aging
    report (every row when key is None), oldest first."""
    chosen = [i for i in items if i.cents and _matches(kind, i)]
    if kind is AgingKind.PATIENT and credits:
        chosen = apply_credit(chosen, credits)
    grouped: dict[tuple[str, str, str, str], list[OpenItem]] = {}
    for item in chosen:
        row = group_key(by, item, guarantors)
        if key is None or row == key:
            grouped.setdefault((row, item.encounter_id or item.account_number, item.party.value, item.claim_id),
                               []).append(item)
    payer_names, provider_names, patient_names = payer_names or {}, provider_names or {}, patient_names or {}
    out = []
    for (row, *_rest), parts in grouped.items():
        first = parts[0]
        day = min((p.date_of_service for p in parts if p.date_of_service), default=None)
        age = age_in_days(day, as_of)
        out.append(AgingItem(first.claim_id, first.claim_number, first.encounter_id, day, age, bucket_index(age),
                             sum(p.cents for p in parts), first.account_number,
                             patient_names.get(first.account_number, first.account_number),
                             payer_names.get(first.payer_id, "") if first.is_insurance else "",
                             provider_names.get(first.provider_id, ""), first.party, sum(p.lines for p in parts),
                             row))
    out.sort(key=lambda i: (-i.age_days, i.claim_number, i.account_number, i.encounter_id))
    return out


# --- key figures ------------------------------------------------------------------------------------------------
def ratio(part: int | float, whole: int | float) -> float | None:
    """part / whole, or None when there is nothing to divide by."""
    if whole == 0:
        return None
    return part / whole


def days_in_ar(ar_cents: int, charges_cents: int, period_days: int) -> float | None:
    """A/R divided by the average gross charges of a day over the period."""
    if period_days <= 0 or charges_cents <= 0:
        return None
    return ar_cents / (charges_cents / period_days)


def net_collection_rate(payments_cents: int, charges_cents: int, contractual_cents: int) -> float | None:
    """Payments over what could be collected: gross charges less contractual adjustments."""
    collectible = charges_cents - contractual_cents
    if collectible <= 0:
        return None
    return payments_cents / collectible


def share_over_90(buckets: Buckets) -> float | None:
    return ratio(buckets.over_90, buckets.total)


@dataclass(frozen=True, slots=True)
class DenialCount:
    """Adjudications and denials of one payer, or denials of one reason code, in a period."""

    key: str  # payer id, or 'CO-16'
    label: str
    adjudicated: int  # for a reason code: all adjudications in the period (the rate's denominator)
    denied: int
    denied_cents: int = 0

    @property
    def rate(self) -> float | None:
        return ratio(self.denied, self.adjudicated)


@dataclass(frozen=True, slots=True)
class Kpis:
    as_of: date
    period_days: int
    period_start: date  # first day of the period (the last `period_days` days up to as_of)
    ar_cents: int  # insurance + patient receivables
    insurance_ar: Buckets
    patient_ar: Buckets
    charges_cents: int  # gross charges in the period
    payments_cents: int  # money received in the period (payers' checks and EFTs, patients' payments)
    contractual_cents: int  # CO adjustments from payers' remittances in the period
    adjudicated: int
    denied: int
    first_adjudicated: int  # claims first adjudicated in the period
    first_pass: int  # ... of which paid on the first pass
    by_payer: tuple[DenialCount, ...] = ()
    by_reason: tuple[DenialCount, ...] = ()

    @property
    def days_in_ar(self) -> float | None:
        return days_in_ar(self.ar_cents, self.charges_cents, self.period_days)

    @property
    def denial_rate(self) -> float | None:
        return ratio(self.denied, self.adjudicated)

    @property
    def first_pass_rate(self) -> float | None:
        return ratio(self.first_pass, self.first_adjudicated)

    @property
    def net_collection_rate(self) -> float | None:
        return net_collection_rate(self.payments_cents, self.charges_cents, self.contractual_cents)

    @property
    def all_ar(self) -> Buckets:
        return self.insurance_ar + self.patient_ar

    @property
    def share_over_90(self) -> float | None:
        return share_over_90(self.all_ar)


def denial_counts(adjudicated: dict[str, int], denied: dict[str, tuple[int, int]], names: dict[str, str]
                  ) -> tuple[DenialCount, ...]:
    """Per payer: `adjudicated` payer -> adjudications, `denied` payer -> (denials, billed cents denied). Payers
    with the most denials first."""
    out = [DenialCount(key, names.get(key, key), n, *denied.get(key, (0, 0))) for key, n in adjudicated.items()]
    out.sort(key=lambda c: (-c.denied, -(c.rate or 0), c.label.lower()))
    return tuple(out)


def reason_counts(denied: dict[str, tuple[int, int]], adjudicated_total: int, words: dict[str, str]
                  ) -> tuple[DenialCount, ...]:
    """Per reason code ('CO-16' -> (denials, cents)): the share of all adjudications each code denied."""
    out = [DenialCount(code, words.get(code, code), adjudicated_total, n, cents)
           for code, (n, cents) in denied.items()]
    out.sort(key=lambda c: (-c.denied, c.key))
    return tuple(out)


# --- the day sheet ----------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DayActivity:
    """What one user posted on one day, by what it did to the books (reversals count on the day they are posted,
    against what they reverse)."""

    day: date
    user: str
    transactions: int
    charges: int  # gross charges
    insurance_payments: int  # money from payers' checks and EFTs
    patient_payments: int  # money taken from patients
    adjustments: int  # write-offs (+) and write-ups (-)
    refunds: int  # credit owed back to patients

    @property
    def payments(self) -> int:
        return self.insurance_payments + self.patient_payments

    @property
    def ar_change(self) -> int:
        """What the day did to the receivables: charges less payments and adjustments applied to them is close,
        but credit taken and applied moves it too; the service reads it from the postings."""
        return self.charges - self.payments - self.adjustments


def day_totals(rows: Sequence[DayActivity], day: date | None = None, user: str = "Total") -> DayActivity:
    return DayActivity(day or (rows[0].day if rows else date.min), user, sum(r.transactions for r in rows),
                       sum(r.charges for r in rows), sum(r.insurance_payments for r in rows),
                       sum(r.patient_payments for r in rows), sum(r.adjustments for r in rows),
                       sum(r.refunds for r in rows))


# --- a report as a table: what CSV and PDF exports are made from ------------------------------------------------
class Cell(StrEnum):
    TEXT = "text"
    MONEY = "money"  # int cents
    COUNT = "count"  # int
    PERCENT = "percent"  # float 0..1, or None
    NUMBER = "number"  # float with one decimal, or None
    DATE = "date"  # date or None


Value = str | int | float | date | None


@dataclass(frozen=True, slots=True)
class TableColumn:
    title: str
    cell: Cell = Cell.TEXT
    width: float = 1.0  # relative width on paper


@dataclass(frozen=True, slots=True)
class ReportTable:
    """A report as rows of typed values: CSV writes them plainly (cents as 1234.56, rates as 0.1234, ISO dates),
    PDF as people read them ($1,234.56, 12.3%, 03/07/2026)."""

    title: str
    subtitle: str
    columns: tuple[TableColumn, ...]
    rows: tuple[tuple[Value, ...], ...]
    totals: tuple[Value, ...] | None = None
    notes: tuple[str, ...] = ()
    file_stem: str = "report"
    sections: tuple[tuple[str, int], ...] = field(default=())  # (heading, index of its first row)


def plain(value: Value, cell: Cell) -> str:
    """A value as CSV writes it."""
    if value is None:
        return ""
    if cell is Cell.MONEY and isinstance(value, int):
        sign = "-" if value < 0 else ""
        return f"{sign}{abs(value) // 100}.{abs(value) % 100:02d}"
    if cell is Cell.PERCENT and isinstance(value, float):
        return f"{value:.4f}"
    if cell is Cell.NUMBER and isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def shown(value: Value, cell: Cell) -> str:
    """A value as a person reads it."""
    if value is None:
        return NO_DATE if cell in (Cell.DATE, Cell.PERCENT, Cell.NUMBER) else ""
    if cell is Cell.MONEY and isinstance(value, int):
        return format_cents(value)
    if cell is Cell.PERCENT and isinstance(value, float):
        return f"{value * 100:.1f}%"
    if cell is Cell.NUMBER and isinstance(value, float):
        return f"{value:,.1f}"
    if cell is Cell.COUNT and isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, date):
        return f"{value.month:02d}/{value.day:02d}/{value.year:04d}"
    return str(value)


def date_words(day: date) -> str:
    return f"{day.month:02d}/{day.day:02d}/{day.year:04d}"


def aging_table(report: AgingReport) -> ReportTable:
    kind, by = report.kind, report.by
    first = TableColumn(by.label, Cell.TEXT, 2.6)
    count_title = "Claims" if kind is AgingKind.INSURANCE else "Visits"
    columns = [first, *(TableColumn(label, Cell.MONEY) for label in BUCKET_LABELS),
               TableColumn("Total", Cell.MONEY), TableColumn(count_title, Cell.COUNT, 0.6)]
    patient_rows = kind is AgingKind.PATIENT and by is AgingBy.GUARANTOR
    if patient_rows:
        columns.insert(1, TableColumn("Account", Cell.TEXT, 1.0))
        columns.append(TableColumn("Credit", Cell.MONEY, 0.9))
    rows = []
    for r in report.rows:
        label: tuple[Value, ...] = (r.label, r.account) if patient_rows else (r.label,)
        rows.append((*label, *r.buckets.cents, r.total, r.claims, *((r.credit,) if patient_rows else ())))
    totals: tuple[Value, ...] = (("Total", "") if patient_rows else ("Total",)) + (
        *report.totals.cents, report.total, report.claims, *((report.credit,) if patient_rows else ()))
    what = "insurance balances" if kind is AgingKind.INSURANCE else "patient balances"
    notes = (f"Aged from the date of service to {date_words(report.as_of)}. "
             + ("Balances still with insurance are not counted here (they are pending, not due). "
                if kind is AgingKind.PATIENT else "")
             + ("Each account's unapplied credit is taken off its oldest balances first, as on statements; "
                f"credit left over: {format_cents(report.credit)}." if kind is AgingKind.PATIENT else ""),)
    return ReportTable(
        f"{kind.label} A/R aging by {by.label.lower()}",
        f"As of {date_words(report.as_of)} · {what}",
        tuple(columns), tuple(rows), totals, notes, f"aging-{kind.value}-by-{by.value}-{report.as_of.isoformat()}")


def items_table(items: Sequence[AgingItem], title: str, as_of: date) -> ReportTable:
    columns = (TableColumn("Claim", Cell.TEXT, 1.1), TableColumn("Patient", Cell.TEXT, 1.8),
               TableColumn("Account", Cell.TEXT, 1.0), TableColumn("Payer", Cell.TEXT, 1.6),
               TableColumn("Provider", Cell.TEXT, 1.4), TableColumn("DOS", Cell.DATE, 1.0),
               TableColumn("Days", Cell.COUNT, 0.6), TableColumn("Bucket", Cell.TEXT, 0.9),
               TableColumn("Balance", Cell.MONEY, 0.9))
    rows = tuple((i.claim_number or "(no claim)", i.patient_name, i.account_number, i.payer_name or "Patient",
                  i.provider_name, i.date_of_service, i.age_days, i.bucket_label, i.cents) for i in items)
    totals = ("Total", f"{len(items):,} item{'s' if len(items) != 1 else ''}", "", "", "", "", "", "",
              sum(i.cents for i in items))
    return ReportTable(title, f"As of {date_words(as_of)} · oldest first", columns, rows,
                       totals, ("DOS: date of service; Days: its age on the as-of date.",),
                       f"aging-claims-{as_of.isoformat()}")


def kpi_table(k: Kpis) -> ReportTable:
    start, end = date_words(k.period_start), date_words(k.as_of)
    columns = (TableColumn("Measure", Cell.TEXT, 2.2), TableColumn("Value", Cell.TEXT, 1.0),
               TableColumn("Numerator", Cell.TEXT, 1.3), TableColumn("Denominator", Cell.TEXT, 1.5),
               TableColumn("How it is counted", Cell.TEXT, 4.0))
    dar = k.days_in_ar
    rows: list[tuple[Value, ...]] = [
        ("Days in A/R", NO_DATE if dar is None else f"{dar:.1f}", format_cents(k.ar_cents),
         f"{format_cents(k.charges_cents)} / {k.period_days} d",
         f"All receivables as of {end} over the average day of gross charges from {start}."),
        ("Denial rate", _pct(k.denial_rate), f"{k.denied:,}", f"{k.adjudicated:,} adjudicated",
         "Claim adjudications with a denial (whole or by line) over all adjudications, by check date."),
        ("First-pass (clean claim) rate", _pct(k.first_pass_rate), f"{k.first_pass:,}",
         f"{k.first_adjudicated:,} first decided",
         "Claims paid (in full or in part) at their first adjudication, sent once and never rejected."),
        ("Net collection rate", _pct(k.net_collection_rate), format_cents(k.payments_cents),
         format_cents(k.charges_cents - k.contractual_cents),
         "Payments over gross charges less contractual (CO) adjustments from remittances."),
        ("A/R over 90 days", _pct(k.share_over_90), format_cents(k.all_ar.over_90), format_cents(k.ar_cents),
         "Receivables aged 91 days or more from the date of service."),
    ]
    sections = [("Key figures", 0)]
    if k.by_payer:
        sections.append(("Denial rate by payer", len(rows)))
        rows += [(c.label, _pct(c.rate), f"{c.denied:,}", f"{c.adjudicated:,} adjudicated",
                  f"{format_cents(c.denied_cents)} billed on denied claims") for c in k.by_payer]
    if k.by_reason:
        sections.append(("Denial rate by reason (CARC)", len(rows)))
        rows += [(f"{c.key} {c.label}".strip() if c.label != c.key else c.key, _pct(c.rate), f"{c.denied:,}",
                  f"{c.adjudicated:,} adjudicated", f"{format_cents(c.denied_cents)} billed on denied claims")
                 for c in k.by_reason]
    return ReportTable("Key figures", f"{start} to {end} "
                       f"({k.period_days} days)", columns, tuple(rows), None, (), f"kpi-{k.as_of.isoformat()}",
                       tuple(sections))


def _pct(value: float | None) -> str:
    return NO_DATE if value is None else f"{value * 100:.1f}%"


def day_sheet_table(rows: Sequence[DayActivity], start: date, end: date) -> ReportTable:
    columns = (TableColumn("Day", Cell.DATE, 1.0), TableColumn("User", Cell.TEXT, 1.4),
               TableColumn("Entries", Cell.COUNT, 0.7), TableColumn("Charges", Cell.MONEY),
               TableColumn("Insurance payments", Cell.MONEY, 1.2), TableColumn("Patient payments", Cell.MONEY, 1.1),
               TableColumn("Adjustments", Cell.MONEY), TableColumn("Refunds", Cell.MONEY, 0.9))
    body = tuple((r.day, r.user, r.transactions, r.charges, r.insurance_payments, r.patient_payments, r.adjustments,
                  r.refunds) for r in rows)
    t = day_totals(rows)
    span = date_words(start) if start == end else f"{date_words(start)} to {date_words(end)}"
    return ReportTable("Day sheet", f"{span} · by the day entered and the user who posted",
                       columns, body, ("", "Total", t.transactions, t.charges, t.insurance_payments,
                                       t.patient_payments, t.adjustments, t.refunds),
                       ("Each entry counts on the day it was posted, by who posted it; a reversal counts against "
                        "what it reverses on its own day.",), f"day-sheet-{start.isoformat()}-{end.isoformat()}")
