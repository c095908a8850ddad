"""The statement rules (domain/statements.py): aging at every bucket boundary, credit against the oldest balances,
who gets a statement (minimum balance, days between statements, holds, collections), the dunning message, the
guarantor key, visit summaries from ledger entries, and payment plans (schedule, missed installments, payments
after the due date)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from medbill_desktop.domain.account_ledger import (
    Aging,
    LedgerPosting,
    LedgerTransaction,
    LineRef,
    build_account_ledger,
)
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.ledger import AccountKind, TxKind
from medbill_desktop.domain.practice import Address
from medbill_desktop.domain.statements import (
    DUNNING_MESSAGES,
    PLAN_MESSAGE,
    Candidate,
    DunningLevel,
    Hold,
    Installment,
    PlanTerms,
    Skip,
    StatementSettings,
    age_balances,
    apply_credit_oldest_first,
    decide,
    dunning_level,
    dunning_message,
    first_due_date,
    guarantor_key,
    plan_standing,
    schedule,
    since_date,
    validate_terms,
    visit_summaries,
)

AS_OF = date(2026, 11, 2)
BUCKETS = ("current", "31_60", "61_90", "91_120", "over_120")


# --- aging -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("age", "bucket"), [
    (-5, 0), (-1, 0), (0, 0), (1, 0), (30, 0),  # a visit dated after the statement counts as current
    (31, 1), (45, 1), (60, 1),
    (61, 2), (90, 2),
    (91, 3), (120, 3),
    (121, 4), (365, 4), (4000, 4),
])
def test_a_balance_falls_in_the_bucket_of_its_visits_age(age: int, bucket: int) -> None:
    aged = age_balances([(AS_OF - timedelta(days=age), 1234)], AS_OF)
    expected = [0, 0, 0, 0, 0]
    expected[bucket] = 1234
    assert aged.buckets == tuple(expected), f"{age} days old belongs in {BUCKETS[bucket]}"


def test_every_boundary_day_by_calendar_date() -> None:
    """The same boundaries written as calendar dates, across a year end and a leap day (2028-02-29)."""
    as_of = date(2028, 3, 1)
    cases = [(date(2028, 1, 31), 30, "current"), (date(2028, 1, 30), 31, "31_60"),
             (date(2028, 1, 1), 60, "31_60"), (date(2027, 12, 31), 61, "61_90"),
             (date(2027, 12, 2), 90, "61_90"), (date(2027, 12, 1), 91, "91_120"),
             (date(2027, 11, 2), 120, "91_120"), (date(2027, 11, 1), 121, "over_120")]
    for day, age, bucket in cases:
        assert (as_of - day).days == age
        aged = age_balances([(day, 100)], as_of)
        assert aged.buckets[BUCKETS.index(bucket)] == 100 == aged.total, (day, age, aged)


def test_aging_sums_lines_and_leaves_out_zero_and_undated_lines_count_as_current() -> None:
    aged = age_balances([(AS_OF - timedelta(days=10), 500), (AS_OF - timedelta(days=10), 250),
                         (AS_OF - timedelta(days=100), 1000), (AS_OF - timedelta(days=200), 0), (None, 75)], AS_OF)
    assert aged == Aging((825, 0, 0, 1000, 0))
    assert aged.total == 1825


@pytest.mark.parametrize(("credit", "expected"), [
    (0, (100, 200, 300, 400, 500)),
    (499, (100, 200, 300, 400, 1)),
    (500, (100, 200, 300, 400, 0)),
    (501, (100, 200, 300, 399, 0)),
    (1200, (100, 200, 0, 0, 0)),
    (1500, (0, 0, 0, 0, 0)),
    (9999, (0, 0, 0, 0, 0)),  # credit beyond the balance: nothing due, never below zero
    (-50, (100, 200, 300, 400, 500)),
])
def test_credit_comes_off_the_oldest_balances_first(credit: int, expected: tuple[int, ...]) -> None:
    assert apply_credit_oldest_first(Aging((100, 200, 300, 400, 500)), credit).buckets == expected


# --- who gets a statement ----------------------------------------------------------------------------------------
RULES = StatementSettings(minimum_balance_cents=500, days_between=28)


def test_the_minimum_balance_is_inclusive() -> None:
    assert decide(Candidate(500), RULES, AS_OF).selected
    below = decide(Candidate(499), RULES, AS_OF)
    assert (below.selected, below.skip) == (False, Skip.BELOW_MINIMUM)
    assert below.reason == "$4.99 is below the minimum of $5.00."
    assert decide(Candidate(1), StatementSettings(minimum_balance_cents=0), AS_OF).selected


@pytest.mark.parametrize("due", [0, -300])
def test_nothing_due_never_gets_a_statement_even_with_no_minimum(due: int) -> None:
    d = decide(Candidate(due), StatementSettings(minimum_balance_cents=0), AS_OF)
    assert (d.selected, d.skip) == (False, Skip.NOTHING_DUE)


def test_days_between_statements_is_inclusive() -> None:
    on_time = decide(Candidate(2000, AS_OF - timedelta(days=28)), RULES, AS_OF)
    assert on_time.selected and on_time.reason == "$20.00 due; last statement 10/05/2026."
    early = decide(Candidate(2000, AS_OF - timedelta(days=27)), RULES, AS_OF)
    assert (early.selected, early.skip) == (False, Skip.TOO_SOON)
    assert early.reason == "Last statement 10/06/2026, 27 days ago (statements go every 28 days)."
    assert decide(Candidate(2000, AS_OF), StatementSettings(days_between=0), AS_OF).selected
    assert decide(Candidate(2000), RULES, AS_OF).reason == "$20.00 due; first statement."


def test_a_hold_until_a_day_lifts_on_that_day() -> None:
    hold = Hold("disputing the 09/12 charge", AS_OF + timedelta(days=1))
    held = decide(Candidate(2000, hold=hold), RULES, AS_OF)
    assert (held.selected, held.skip) == (False, Skip.ON_HOLD)
    assert held.reason == "On hold until 11/03/2026: disputing the 09/12 charge."
    assert decide(Candidate(2000, hold=hold), RULES, AS_OF + timedelta(days=1)).selected
    forever = decide(Candidate(2000, hold=Hold("bankruptcy filed")), RULES, AS_OF + timedelta(days=900))
    assert (forever.skip, forever.reason) == (Skip.ON_HOLD, "On hold: bankruptcy filed.")


def test_collections_and_holds_come_before_the_amounts() -> None:
    everything = Candidate(0, AS_OF, Hold("x"), in_collections=True, has_address=False)
    assert decide(everything, RULES, AS_OF).skip is Skip.IN_COLLECTIONS
    assert decide(Candidate(0, AS_OF, Hold("x"), has_address=False), RULES, AS_OF).skip is Skip.ON_HOLD
    assert decide(Candidate(9000, has_address=False), RULES, AS_OF).skip is Skip.NO_ADDRESS
    assert decide(Candidate(9000, in_collections=True), RULES, AS_OF).reason == (
        "In collections: the agency works this account.")


# --- dunning -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("buckets", "sent", "level"), [
    ((100, 0, 0, 0, 0), 0, DunningLevel.CURRENT),
    ((100, 0, 0, 0, 0), 9, DunningLevel.CURRENT),
    ((0, 100, 0, 0, 0), 0, DunningLevel.PAST_DUE),
    ((0, 0, 0, 0, 100), 0, DunningLevel.PAST_DUE),  # a first statement is never harsher than "past due"
    ((0, 0, 100, 0, 0), 1, DunningLevel.SECOND_NOTICE),
    ((0, 0, 0, 0, 100), 1, DunningLevel.SECOND_NOTICE),
    ((0, 0, 0, 100, 0), 2, DunningLevel.FINAL_NOTICE),
    ((5, 0, 0, 0, 100), 3, DunningLevel.COLLECTIONS_WARNING),
    ((0, 0, 0, 0, 0), 3, DunningLevel.CURRENT),
])
def test_the_dunning_level_follows_the_oldest_amount_due_and_the_statements_sent(
        buckets: tuple[int, int, int, int, int], sent: int, level: DunningLevel) -> None:
    assert dunning_level(Aging(buckets), sent) is level


def test_a_plan_in_good_standing_gets_the_plan_message_and_a_plan_behind_says_so() -> None:
    plan = schedule(PlanTerms(30000, 10000, 15, date(2026, 11, 15), date(2026, 10, 20)))
    assert dunning_message(DunningLevel.FINAL_NOTICE, plan_standing(plan, 0, AS_OF)) == PLAN_MESSAGE
    behind = plan_standing(plan, 0, date(2026, 11, 16))
    assert dunning_message(DunningLevel.CURRENT, behind).startswith(
        "Your payment plan is behind: 1 installment missed.")
    done = plan_standing(plan, 30000, date(2026, 12, 16))
    assert dunning_message(DunningLevel.PAST_DUE, done) == DUNNING_MESSAGES[DunningLevel.PAST_DUE]


# --- guarantors --------------------------------------------------------------------------------------------------
def test_the_guarantor_key() -> None:
    assert guarantor_key("P1") == "patient:P1"
    assert guarantor_key("P1", "P9", "Smith", "Ann", "62701") == "patient:P9"
    typed = guarantor_key("P1", None, "O'Brien", "Mary Ann", "627041234")
    assert typed == "person:obrien|maryann|62704"
    assert guarantor_key("P2", None, "OBRIEN", "mary-ann", "62704") == typed  # a sibling, typed differently


# --- visits from ledger entries ----------------------------------------------------------------------------------
def _tx(n: int, kind: TxKind, on: date, *postings: tuple[AccountKind, str, int],
        reverses: str | None = None) -> LedgerTransaction:
    return LedgerTransaction(f"T{n:02d}", kind, on, f"2026-01-01T00:00:{n:02d}Z", "", reverses,
                             tuple(LedgerPosting.of(k, ref, amount) for k, ref, amount in postings))


R, C = AccountKind.RECEIVABLE, AccountKind.PATIENT_CREDIT


def test_visit_summaries_account_for_every_cent() -> None:
    dos = date(2026, 9, 1)
    lines = {"L1": LineRef("L1", "E1", dos, "99213", 12500), "L2": LineRef("L2", "E1", dos, "36415", 1500, 2),
             "L3": LineRef("L3", "E2", date(2026, 10, 20), "99214", 18000)}
    txs = [
        _tx(1, TxKind.CHARGE, dos, (R, "L1:primary", 12500)),
        _tx(2, TxKind.CHARGE, dos, (R, "L2:primary", 1500)),
        _tx(3, TxKind.PAYMENT, date(2026, 9, 20), (R, "L1:primary", -6400), (R, "L2:primary", -1000)),
        _tx(4, TxKind.ADJUSTMENT, date(2026, 9, 20), (R, "L1:primary", -4500), (R, "L2:primary", -500)),
        _tx(5, TxKind.TRANSFER, date(2026, 9, 20), (R, "L1:primary", -1600), (R, "L1:patient", 1600)),
        _tx(6, TxKind.PAYMENT, date(2026, 9, 25), (R, "L1:patient", -1000)),
        _tx(7, TxKind.REVERSAL, date(2026, 9, 28), (R, "L1:patient", 1000), reverses="T06"),  # bounced check
        _tx(8, TxKind.PAYMENT, date(2026, 9, 29), (C, "ACC", -2000)),  # prepayment held as credit
        _tx(9, TxKind.TRANSFER, date(2026, 9, 30), (C, "ACC", 600), (R, "L1:patient", -600)),  # credit applied
        _tx(10, TxKind.CHARGE, date(2026, 10, 20), (R, "L3:primary", 18000)),
        _tx(11, TxKind.CHARGE, date(2026, 12, 1), (R, "L3:patient", 999)),  # after the statement date
    ]
    led = build_account_ledger(patient_id="P", account_number="ACC", patient_name="Smith, John", as_of=AS_OF,
                               transactions=txs, lines=lines, payers={})
    first, second = visit_summaries(led.entries, AS_OF)
    assert (first.encounter_id, first.codes, first.charges, first.insurance_paid, first.adjusted,
            first.patient_paid, first.pending_insurance, first.patient_share) == (
        "E1", ("99213", "36415"), 14000, 7400, 5000, 600, 0, 1000)
    assert (second.encounter_id, second.pending_insurance, second.patient_share) == ("E2", 18000, 0)
    for v in (first, second):
        assert v.charges - v.insurance_paid - v.adjusted - v.patient_paid == v.pending_insurance + v.patient_share
    later = visit_summaries(led.entries)  # without a date: everything
    assert later[1].patient_share == 999


def test_activity_starts_after_the_last_statement_or_before_the_oldest_open_visit() -> None:
    assert since_date(date(2026, 10, 1), [date(2026, 1, 5)]) == date(2026, 10, 1)
    assert since_date(None, [date(2026, 3, 5), None, date(2026, 1, 5)]) == date(2026, 1, 4)
    assert since_date(None, []) is None


# --- payment plans -----------------------------------------------------------------------------------------------
def test_a_schedule_is_equal_installments_with_the_rest_last() -> None:
    plan = schedule(PlanTerms(25050, 10000, 28, date(2026, 12, 28), date(2026, 11, 2)))
    assert [(i.number, i.due_on, i.amount_cents) for i in plan] == [
        (1, date(2026, 12, 28), 10000), (2, date(2027, 1, 28), 10000), (3, date(2027, 2, 28), 5050)]
    even = schedule(PlanTerms(30000, 10000, 5, date(2026, 12, 5), date(2026, 11, 2)))
    assert [i.amount_cents for i in even] == [10000, 10000, 10000]


@pytest.mark.parametrize(("today", "day", "first"), [
    (date(2026, 11, 2), 15, date(2026, 11, 15)),
    (date(2026, 11, 15), 15, date(2026, 12, 15)),  # never today
    (date(2026, 11, 16), 15, date(2026, 12, 15)),
    (date(2026, 12, 20), 1, date(2027, 1, 1)),
    (date(2027, 1, 31), 28, date(2027, 2, 28)),
])
def test_the_first_installment_is_the_next_such_day_after_today(today: date, day: int, first: date) -> None:
    assert first_due_date(today, day) == first


@pytest.mark.parametrize(("terms", "owed", "field", "message"), [
    (PlanTerms(40000, 10000, 15, date(2026, 11, 15), AS_OF), 39999, "total", "more than the $399.99 owed"),
    (PlanTerms(0, 100, 15, date(2026, 11, 15), AS_OF), 500, "total", "more than $0.00"),
    (PlanTerms(500, 0, 15, date(2026, 11, 15), AS_OF), 500, "installment", "more than $0.00"),
    (PlanTerms(500, 600, 15, date(2026, 11, 15), AS_OF), 500, "installment", "more than the plan's total"),
    (PlanTerms(61000, 1000, 15, date(2026, 11, 15), AS_OF), 99999, "installment", "at least $10.17"),
    (PlanTerms(5000, 1000, 29, date(2026, 11, 29), AS_OF), 5000, "day_of_month", "1 to 28"),
    (PlanTerms(5000, 1000, 15, date(2026, 11, 16), AS_OF), 5000, "first_due_on", "day 15"),
    (PlanTerms(5000, 1000, 15, date(2026, 10, 15), AS_OF), 5000, "first_due_on", "before the plan starts"),
])
def test_plan_terms_that_do_not_work_say_why(terms: PlanTerms, owed: int, field: str, message: str) -> None:
    with pytest.raises(DomainError, match=re.escape(message)) as caught:
        validate_terms(terms, owed)
    assert caught.value.field == field


def test_exactly_sixty_installments_is_allowed() -> None:
    assert len(schedule(validate_terms(PlanTerms(60000, 1000, 15, date(2026, 11, 15), AS_OF), 60000))) == 60


PLAN = (Installment(1, date(2026, 11, 15), 5000), Installment(2, date(2026, 12, 15), 5000),
        Installment(3, date(2027, 1, 15), 2000))


def test_an_installment_is_missed_the_day_after_its_due_date() -> None:
    on_the_day = plan_standing(PLAN, 0, date(2026, 11, 15))
    assert (on_the_day.missed, on_the_day.next_due, on_the_day.pay_now_cents) == ((), PLAN[0], 5000)
    day_after = plan_standing(PLAN, 0, date(2026, 11, 16))
    assert day_after.missed == (PLAN[0],) and day_after.behind
    assert (day_after.past_due_cents, day_after.next_due, day_after.next_due_cents) == (5000, PLAN[1], 5000)
    assert day_after.pay_now_cents == 10000


def test_a_payment_after_the_due_date_still_counts() -> None:
    late = plan_standing(PLAN, 5000, date(2026, 11, 20))  # paid on the 20th for the 15th
    assert late.missed == () and late.past_due_cents == 0 and late.next_due == PLAN[1]


def test_part_payments_and_payments_ahead() -> None:
    part = plan_standing(PLAN, 3000, date(2026, 12, 16))
    assert [i.number for i in part.missed] == [1, 2]
    assert (part.past_due_cents, part.next_due, part.pay_now_cents) == (7000, PLAN[2], 9000)
    ahead = plan_standing(PLAN, 6000, date(2026, 11, 10))  # more than the first installment, early
    assert (ahead.missed, ahead.next_due, ahead.next_due_cents, ahead.pay_now_cents) == ((), PLAN[1], 4000, 4000)
    done = plan_standing(PLAN, 12000, date(2027, 6, 1))
    assert done.complete and done.pay_now_cents == 0 and done.remaining_cents == 0
    last_missed = plan_standing(PLAN, 10000, date(2027, 1, 16))
    assert last_missed.missed == (PLAN[2],) and last_missed.next_due is None and last_missed.pay_now_cents == 2000


# --- settings ----------------------------------------------------------------------------------------------------
def test_settings_are_checked_and_survive_json() -> None:
    s = StatementSettings(1000, 30, " Riverside  Billing ", Address("PO Box 4410", "Springfield", "il", "62708-4410"),
                          "217-555-0100", ("VISA", " ", "MasterCard")).validated()
    assert (s.remit_to_name, s.billing_phone, s.cards) == ("Riverside Billing", "2175550100", ("VISA", "MasterCard"))
    assert s.remit_to == Address("PO Box 4410", "Springfield", "IL", "627084410")
    assert StatementSettings.from_json(s.to_json()) == s
    assert StatementSettings.from_json({}) == StatementSettings()
    with pytest.raises(DomainError, match="0 to 365") as caught:
        StatementSettings(days_between=366).validated()
    assert caught.value.field == "days_between"
    with pytest.raises(DomainError, match=r"\$0.00 to"):
        StatementSettings(minimum_balance_cents=-1).validated()
