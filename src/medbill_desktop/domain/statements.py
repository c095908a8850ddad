"""Patient statements, payment plans and collections: the rules, pure (no database, no PDF).

Who a statement goes to: one statement per guarantor. A patient who pays their own bills is their own
guarantor; a guarantor who is also a patient of the practice is that patient; a guarantor typed in by hand (a
parent who is not a patient) is recognised by name and ZIP code, so siblings with the same parent share one
statement (`guarantor_key`).

Aging (the choice made here): by DATE OF SERVICE. Each visit line's patient balance is as old as the visit:
the age is `(as_of - date of service).days` and the buckets are current 0-30 days, 31-60, 61-90, 91-120 and
over 120 (121 days and more; a date after `as_of` counts as current). The account ledger the front desk reads
to the patient ages by date of service too (domain/account_ledger.py), so the statement, the ledger screen and
the A/R aging report agree to the cent; a patient also recognises a visit's date, not the day an EOB was posted.
The cost: a balance that reaches the patient late (a slow payer) arrives already "old" - which is why the
dunning message of a first statement is never harsher than "past due" (`dunning_level`).

What is due: only the patient's share (Party.PATIENT receivables). What is still with insurance is shown as
"pending with insurance" and is never due. Unapplied credit on an account is taken off its oldest balances
first (`apply_credit_oldest_first`); the amount due is never below zero (credit beyond the balance is shown as
credit). Credit held on one patient's account is not moved to another patient of the same guarantor.

Who gets one (`decide`), in this order: not in collections; not on hold (a hold until a date lifts on that
date); a mailing address; something due; the amount due at least the practice's minimum (equal is enough);
and at least `days_between` days since the last statement sent to the guarantor (equal is enough).

Payment plans: an amount split into monthly installments on a chosen day of the month (1-28, so every month
has it). Every patient payment on the guarantor's accounts from the plan's start counts towards the plan, in
the order installments fall due, whenever it was made: a payment after a due date still brings the plan up to
date. An installment is missed when its due date has passed (the day after it) and the payments so far do not
cover it and the ones before it.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from medbill_desktop.domain.account_ledger import (
    AGING_BUCKETS,
    Aging,
    LedgerEntry,
    bucket_index,
)
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.ledger import TxKind
from medbill_desktop.domain.money import format_cents
from medbill_desktop.domain.names import name_key
from medbill_desktop.domain.practice import Address, validate_address, validate_phone

__all__ = [
    "AGING_BUCKETS", "Aging", "Candidate", "Decision", "DunningLevel", "Hold", "Installment", "PlanStanding",
    "PlanTerms", "Skip", "StatementSettings", "VisitSummary", "age_balances", "apply_credit_oldest_first",
    "decide", "dunning_level", "dunning_message", "first_due_date", "guarantor_key", "plan_standing",
    "schedule", "since_date", "validate_terms", "visit_summaries",
]

MAX_INSTALLMENTS = 60
MAX_TEXT = 200


# --- practice settings for statements ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class StatementSettings:
    """What the practice decides about its statements (stored as one JSON value in the settings table)."""

    minimum_balance_cents: int = 500  # no statement for less than this
    days_between: int = 28  # at least this many days between two statements to the same guarantor
    remit_to_name: str = ""  # empty: the practice's name
    remit_to: Address | None = None  # None: the practice's address
    billing_phone: str = ""  # digits; empty: the practice's phone
    cards: tuple[str, ...] = ("VISA", "MasterCard", "Discover", "AMEX")  # card boxes on the remit stub

    def validated(self) -> StatementSettings:
        if isinstance(self.minimum_balance_cents, bool) or not isinstance(self.minimum_balance_cents, int) \
                or not 0 <= self.minimum_balance_cents <= 100_000_00:
            raise DomainError("The minimum balance for a statement is $0.00 to $100,000.00.", "minimum_balance")
        if isinstance(self.days_between, bool) or not isinstance(self.days_between, int) \
                or not 0 <= self.days_between <= 365:
            raise DomainError("Days between statements is 0 to 365.", "days_between")
        name = " ".join(self.remit_to_name.split())
        if len(name) > 60:
            raise DomainError("The remit-to name fits in 60 characters.", "remit_to_name")
        remit = validate_address(self.remit_to, "remit_to") if self.remit_to is not None else None
        phone = validate_phone(self.billing_phone, "billing_phone") if self.billing_phone.strip() else ""
        cards = tuple(c.strip() for c in self.cards if c.strip())
        if len(cards) > 5 or any(len(c) > 16 for c in cards):
            raise DomainError("List up to 5 card names of up to 16 characters.", "cards")
        return replace(self, remit_to_name=name, remit_to=remit, billing_phone=phone, cards=cards)

    def to_json(self) -> dict[str, object]:
        a = self.remit_to
        return {"minimum_balance_cents": self.minimum_balance_cents, "days_between": self.days_between,
                "remit_to_name": self.remit_to_name,
                "remit_to": None if a is None else {"line1": a.line1, "line2": a.line2, "city": a.city,
                                                    "state": a.state, "zip_code": a.zip_code},
                "billing_phone": self.billing_phone, "cards": list(self.cards)}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> StatementSettings:
        base = cls()
        remit = data.get("remit_to")
        address = Address(str(remit["line1"]), str(remit["city"]), str(remit["state"]), str(remit["zip_code"]),
                          str(remit.get("line2", ""))) if isinstance(remit, Mapping) else None
        cards = data.get("cards")
        minimum = data.get("minimum_balance_cents", base.minimum_balance_cents)
        days = data.get("days_between", base.days_between)
        return cls(
            minimum_balance_cents=minimum if isinstance(minimum, int) else base.minimum_balance_cents,
            days_between=days if isinstance(days, int) else base.days_between,
            remit_to_name=str(data.get("remit_to_name", "")), remit_to=address,
            billing_phone=str(data.get("billing_phone", "")),
            cards=tuple(str(c) for c in cards) if isinstance(cards, list) else base.cards)


# --- guarantors --------------------------------------------------------------------------------------------------
def guarantor_key(patient_id: str, guarantor_patient_id: str | None = None, guarantor_last: str | None = None,
                  guarantor_first: str | None = None, guarantor_zip: str | None = None) -> str:
    """Who is responsible for a patient's bills, as a stable key: 'patient:<id>' (the patient, or the patient
    who is the guarantor) or 'person:<last>|<first>|<zip5>' (a guarantor typed in by hand)."""
    if guarantor_patient_id:
        return f"patient:{guarantor_patient_id}"
    if guarantor_last:
        return f"person:{name_key(guarantor_last)}|{name_key(guarantor_first or '')}|{(guarantor_zip or '')[:5]}"
    return f"patient:{patient_id}"


# --- aging and what is due ---------------------------------------------------------------------------------------
def age_balances(lines: Iterable[tuple[date | None, int]], as_of: date) -> Aging:
    """Sum (date of service, cents) into the aging buckets as of `as_of` (no date: current)."""
    sums = [0, 0, 0, 0, 0]
    for day, cents in lines:
        if cents:
            sums[bucket_index((as_of - day).days) if day is not None else 0] += cents
    return Aging((sums[0], sums[1], sums[2], sums[3], sums[4]))


def apply_credit_oldest_first(aging: Aging, credit: int) -> Aging:
    """Take unapplied credit off the oldest balances first; no bucket goes below zero."""
    left = max(credit, 0)
    out = list(aging.buckets)
    for i in range(len(out) - 1, -1, -1):
        take = min(left, max(out[i], 0))
        out[i] -= take
        left -= take
    return Aging((out[0], out[1], out[2], out[3], out[4]))


# --- who gets a statement ----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Hold:
    reason: str
    until: date | None = None  # None: until released

    def applies(self, as_of: date) -> bool:
        """A hold until 12/01 keeps statements back through 11/30; on 12/01 they go again."""
        return self.until is None or as_of < self.until


class Skip(StrEnum):
    IN_COLLECTIONS = "in_collections"
    ON_HOLD = "on_hold"
    NO_ADDRESS = "no_address"
    NOTHING_DUE = "nothing_due"
    BELOW_MINIMUM = "below_minimum"
    TOO_SOON = "too_soon"


@dataclass(frozen=True, slots=True)
class Candidate:
    amount_due_cents: int
    last_statement_on: date | None = None
    hold: Hold | None = None
    in_collections: bool = False
    has_address: bool = True


@dataclass(frozen=True, slots=True)
class Decision:
    selected: bool
    skip: Skip | None
    reason: str  # plain words: why, or why not


def _d(day: date) -> str:
    return day.strftime("%m/%d/%Y")


def decide(c: Candidate, settings: StatementSettings, as_of: date) -> Decision:
    """Whether the guarantor gets a statement in a run dated `as_of`, and why (or why not)."""
    if c.in_collections:
        return Decision(False, Skip.IN_COLLECTIONS, "In collections: the agency works this account.")
    if c.hold is not None and c.hold.applies(as_of):
        until = f" until {_d(c.hold.until)}" if c.hold.until is not None else ""
        why = f": {c.hold.reason}" if c.hold.reason else ""
        return Decision(False, Skip.ON_HOLD, f"On hold{until}{why}.")
    if not c.has_address:
        return Decision(False, Skip.NO_ADDRESS, "No mailing address: enter the guarantor's address.")
    if c.amount_due_cents <= 0:
        return Decision(False, Skip.NOTHING_DUE, "Nothing is due from the patient.")
    if c.amount_due_cents < settings.minimum_balance_cents:
        return Decision(False, Skip.BELOW_MINIMUM,
                        f"{format_cents(c.amount_due_cents)} is below the minimum of "
                        f"{format_cents(settings.minimum_balance_cents)}.")
    if c.last_statement_on is not None:
        days = (as_of - c.last_statement_on).days
        if days < settings.days_between:
            return Decision(False, Skip.TOO_SOON,
                            f"Last statement {_d(c.last_statement_on)}, {days} day{'s' if days != 1 else ''} ago "
                            f"(statements go every {settings.days_between} days).")
        return Decision(True, None, f"{format_cents(c.amount_due_cents)} due; last statement "
                                    f"{_d(c.last_statement_on)}.")
    return Decision(True, None, f"{format_cents(c.amount_due_cents)} due; first statement.")


# --- the dunning message -----------------------------------------------------------------------------------------
class DunningLevel(StrEnum):
    CURRENT = "current"
    PAST_DUE = "past_due"
    SECOND_NOTICE = "second_notice"
    FINAL_NOTICE = "final_notice"
    COLLECTIONS_WARNING = "collections_warning"


_LEVELS = tuple(DunningLevel)

DUNNING_MESSAGES: dict[DunningLevel, str] = {
    DunningLevel.CURRENT: (
        "Thank you for choosing our practice. This statement shows your share after insurance. Please pay the "
        "amount due, or call us with any question about your bill."),
    DunningLevel.PAST_DUE: (
        "Your balance is past due. Please pay the amount due today. If you cannot pay it all at once, call us: "
        "we can set up a payment plan."),
    DunningLevel.SECOND_NOTICE: (
        "Second notice: your balance is more than 60 days past the date of service. Please pay the amount due "
        "now, or call us this week to arrange a payment plan."),
    DunningLevel.FINAL_NOTICE: (
        "Final notice: your balance is more than 90 days old. Please pay in full within 10 days or call us to "
        "arrange payment."),
    DunningLevel.COLLECTIONS_WARNING: (
        "Your account is more than 120 days past due. Unless you pay or call us within 10 days, your account "
        "may be referred to a collection agency."),
}
PLAN_MESSAGE = ("Thank you for keeping to your payment plan. Please pay the installment shown; you may always "
                "pay more.")
PLAN_BEHIND_MESSAGE = ("Your payment plan is behind: {missed} installment{s} missed. Please pay the amount shown "
                       "now to bring your plan up to date, or call us.")


def dunning_level(due: Aging, statements_sent: int = 0) -> DunningLevel:
    """By the age of the oldest amount due. A guarantor's first statement says at most 'past due' (their
    balance may have reached them late, after a slow payer); each statement sent raises the ceiling by one."""
    oldest = max((i for i, cents in enumerate(due.buckets) if cents > 0), default=0)
    ceiling = 1 + max(statements_sent, 0)
    return _LEVELS[min(oldest, ceiling)]


def dunning_message(level: DunningLevel, plan: PlanStanding | None = None) -> str:
    """The message for the statement: the plan's when the guarantor has an active plan, else by age."""
    if plan is not None and not plan.complete:
        if plan.missed:
            n = len(plan.missed)
            return PLAN_BEHIND_MESSAGE.format(missed=n, s="s" if n != 1 else "")
        return PLAN_MESSAGE
    return DUNNING_MESSAGES[level]


# --- visits on a statement ---------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class VisitSummary:
    """One visit with a balance: what was charged, what insurance paid and wrote off, what the patient paid,
    and what is left: pending with insurance (not due) and the patient's share."""

    encounter_id: str
    date_of_service: date | None
    codes: tuple[str, ...]
    charges: int
    insurance_paid: int
    adjusted: int
    patient_paid: int
    pending_insurance: int
    patient_share: int

    @property
    def balance(self) -> int:
        return self.pending_insurance + self.patient_share


def visit_summaries(entries: Sequence[LedgerEntry], as_of: date | None = None) -> list[VisitSummary]:
    """Per visit (encounter), from a patient's account-ledger entries up to `as_of`: the visits that still
    have a balance with anyone, oldest first. charges - insurance_paid - adjusted - patient_paid is always
    pending_insurance + patient_share."""
    kinds = {e.transaction_id: e.kind for e in entries}
    acc: dict[str, list[int]] = {}
    info: dict[str, tuple[date | None, list[str]]] = {}
    patient = 3  # PARTIES index of Party.PATIENT
    for e in entries:
        if e.line is None or (as_of is not None and e.on > as_of):
            continue
        kind = kinds.get(e.reverses or "", e.kind) if e.kind is TxKind.REVERSAL else e.kind
        a = acc.setdefault(e.line.encounter_id, [0, 0, 0, 0, 0, 0])
        day, codes = info.setdefault(e.line.encounter_id, (e.line.date_of_service, []))
        if e.line.code not in codes and kind is TxKind.CHARGE:
            codes.append(e.line.code)
        total = sum(e.changes)
        insurance = e.changes[0] + e.changes[1] + e.changes[2]
        if kind is TxKind.CHARGE:
            a[0] += total
        elif kind is TxKind.PAYMENT:
            a[1] -= insurance
            a[3] -= e.changes[patient]
        elif kind is TxKind.ADJUSTMENT:
            a[2] -= total
        elif kind is TxKind.TRANSFER and e.credit_change:
            a[3] -= total  # the patient's credit applied to the visit
        elif kind is TxKind.TRANSFER:
            pass  # moved between parties: the total is unchanged
        a[4] += insurance
        a[5] += e.changes[patient]
    out = [VisitSummary(enc, info[enc][0], tuple(info[enc][1]), a[0], a[1], a[2], a[3], a[4], a[5])
           for enc, a in acc.items() if a[4] or a[5]]
    out.sort(key=lambda v: (v.date_of_service or date.max, v.encounter_id))
    return out


# --- payment plans -----------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PlanTerms:
    total_cents: int
    installment_cents: int
    day_of_month: int  # 1-28
    first_due_on: date
    starts_on: date  # payments from this day count towards the plan


@dataclass(frozen=True, slots=True)
class Installment:
    number: int  # 1-based
    due_on: date
    amount_cents: int


def _add_months(day: date, months: int, day_of_month: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day_of_month, calendar.monthrange(year, month)[1]))


def first_due_date(today: date, day_of_month: int) -> date:
    """The first day after `today` that falls on `day_of_month`."""
    if not 1 <= day_of_month <= 28:
        raise DomainError("Choose a day of the month from 1 to 28 (every month has it).", "day_of_month")
    this_month = date(today.year, today.month, day_of_month)
    if this_month > today:
        return this_month
    return _add_months(date(today.year, today.month, 1), 1, day_of_month)


def validate_terms(terms: PlanTerms, balance_cents: int) -> PlanTerms:
    """A plan covers at most what is owed, in at most MAX_INSTALLMENTS monthly installments."""
    for name, value in (("total", terms.total_cents), ("installment", terms.installment_cents),
                        ("day_of_month", terms.day_of_month)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise DomainError(f"The plan's {name.replace('_', ' ')} must be a whole number.", name)
    if terms.total_cents <= 0:
        raise DomainError("The plan must cover more than $0.00.", "total")
    if terms.total_cents > balance_cents:
        raise DomainError(f"The plan covers {format_cents(terms.total_cents)}, more than the "
                          f"{format_cents(balance_cents)} owed.", "total")
    if terms.installment_cents <= 0:
        raise DomainError("Each installment must be more than $0.00.", "installment")
    if terms.installment_cents > terms.total_cents:
        raise DomainError("An installment can't be more than the plan's total.", "installment")
    count = -(-terms.total_cents // terms.installment_cents)
    if count > MAX_INSTALLMENTS:
        least = -(-terms.total_cents // MAX_INSTALLMENTS)
        raise DomainError(f"That is {count} installments; a plan has at most {MAX_INSTALLMENTS}. Make each "
                          f"installment at least {format_cents(least)}.", "installment")
    if not 1 <= terms.day_of_month <= 28:
        raise DomainError("Choose a day of the month from 1 to 28 (every month has it).", "day_of_month")
    if terms.first_due_on.day != terms.day_of_month:
        raise DomainError(f"The first installment falls on day {terms.day_of_month} of a month.", "first_due_on")
    if terms.first_due_on < terms.starts_on:
        raise DomainError("The first installment can't be due before the plan starts.", "first_due_on")
    return terms


def schedule(terms: PlanTerms) -> tuple[Installment, ...]:
    """Equal installments, the last one the rest, monthly on the plan's day from the first due date."""
    count = -(-terms.total_cents // terms.installment_cents)
    out = []
    for n in range(count):
        amount = terms.installment_cents if n < count - 1 else terms.total_cents - terms.installment_cents * n
        out.append(Installment(n + 1, _add_months(terms.first_due_on, n, terms.day_of_month), amount))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class PlanStanding:
    """Where a plan stands on a day, given what was paid since it started."""

    as_of: date
    total_cents: int
    paid_cents: int
    missed: tuple[Installment, ...]  # due dates passed, not covered by the payments so far
    past_due_cents: int  # what the missed installments still lack
    next_due: Installment | None  # the next installment falling due on or after as_of, not yet covered
    next_due_cents: int  # what it still lacks (a payment ahead of time makes it less)
    remaining_cents: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "remaining_cents", max(self.total_cents - self.paid_cents, 0))

    @property
    def complete(self) -> bool:
        return self.paid_cents >= self.total_cents

    @property
    def pay_now_cents(self) -> int:
        """What the next statement asks for: what is past due plus the next installment."""
        return min(self.past_due_cents + self.next_due_cents, self.remaining_cents)

    @property
    def behind(self) -> bool:
        return bool(self.missed)


def plan_standing(installments: Sequence[Installment], paid_cents: int, as_of: date) -> PlanStanding:
    """Payments count towards the installments in due-date order, whenever they were made."""
    left = max(paid_cents, 0)
    missed: list[Installment] = []
    past_due = 0
    next_due: Installment | None = None
    next_cents = 0
    for inst in installments:
        covered = min(left, inst.amount_cents)
        left -= covered
        lacking = inst.amount_cents - covered
        if not lacking:
            continue
        if inst.due_on < as_of:
            missed.append(inst)
            past_due += lacking
        elif next_due is None:
            next_due, next_cents = inst, lacking
    return PlanStanding(as_of, sum(i.amount_cents for i in installments), paid_cents, tuple(missed), past_due,
                        next_due, next_cents)


# --- small helpers shared by the service and the document --------------------------------------------------------
def since_date(last_statement_on: date | None, open_visits: Sequence[date | None]) -> date | None:
    """Activity on a statement is what happened after this day: the last statement's date; for a first
    statement the day before the oldest visit that still has a balance (everything behind what is owed)."""
    if last_statement_on is not None:
        return last_statement_on
    days = [d for d in open_visits if d is not None]
    return min(days) - timedelta(days=1) if days else None

