"""The arithmetic of the A/R reports (domain/reports.py): aging at every bucket boundary, what falls in insurance
and in patient aging, credit taken off the oldest balances as statements do, grouping and drill-down, each key
figure with its empty cases, and how a report's values are written for CSV and for people."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medbill_desktop.domain.ledger import Party
from medbill_desktop.domain.reports import (
    BUCKET_KEYS,
    AgingBy,
    AgingKind,
    Buckets,
    Cell,
    DayActivity,
    DenialCount,
    Guarantor,
    Kpis,
    OpenItem,
    aging_bucket,
    aging_items,
    aging_table,
    apply_credit,
    buckets_of,
    build_aging,
    credit_left,
    day_sheet_table,
    day_totals,
    days_in_ar,
    denial_counts,
    kpi_table,
    net_collection_rate,
    plain,
    ratio,
    reason_counts,
    share_over_90,
    shown,
)
from medbill_desktop.domain.statements import age_balances, apply_credit_oldest_first

AS_OF = date(2026, 11, 2)


def ago(days: int) -> date:
    return AS_OF - timedelta(days=days)


def item(party: Party = Party.PRIMARY, days: int | None = 10, cents: int = 10000, account: str = "A1",
         encounter: str = "E1", provider: str = "DOC1", payer: str = "AET", claim: str = "C1") -> OpenItem:
    return OpenItem(party, encounter, None if days is None else ago(days), cents, account, provider, 1,
                    payer if party is not Party.PATIENT else "", f"id-{claim}", claim)


# --- the buckets ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("days", "bucket"), [
    (0, 0), (1, 0), (30, 0), (31, 1), (45, 1), (60, 1), (61, 2), (90, 2), (91, 3), (120, 3), (121, 4), (400, 4),
    (-1, 0), (-30, 0),  # a date of service after the as-of date is current
])
def test_every_bucket_boundary(days: int, bucket: int) -> None:
    assert aging_bucket(ago(days), AS_OF) == bucket
    report = build_aging([item(days=days, cents=12345)], AgingKind.INSURANCE, AgingBy.PAYER, AS_OF)
    expected = [0, 0, 0, 0, 0]
    expected[bucket] = 12345
    assert report.rows[0].buckets.cents == tuple(expected) and report.totals.cents == tuple(expected)


def test_no_date_of_service_is_current() -> None:
    assert aging_bucket(None, AS_OF) == 0
    assert build_aging([item(days=None)], AgingKind.INSURANCE, AgingBy.PAYER, AS_OF).totals.cents[0] == 10000


def test_buckets_add_total_and_over_90() -> None:
    a, b = Buckets((1, 2, 3, 4, 5)), Buckets((10, 20, 30, 40, 50))
    assert (a + b).cents == (11, 22, 33, 44, 55)
    assert (a + b).total == 165 and (a + b).over_90 == 99
    assert a.as_dict() == {"current": 1, "31_60": 2, "61_90": 3, "91_120": 4, "over_120": 5, "total": 15}
    assert tuple(a.as_dict())[:5] == BUCKET_KEYS
    assert buckets_of([(ago(90), 7), (ago(91), 8), (None, 9)], AS_OF).cents == (9, 0, 7, 8, 0)


# --- what each aging counts ----------------------------------------------------------------------------------------
def test_insurance_aging_leaves_patient_balances_out_and_patient_aging_leaves_pending_insurance_out() -> None:
    items = [item(Party.PRIMARY, 40, 9000, claim="C1"), item(Party.SECONDARY, 40, 2000, payer="MCR", claim="C2"),
             item(Party.PATIENT, 40, 1500, claim="C1")]
    insurance = build_aging(items, AgingKind.INSURANCE, AgingBy.PAYER, AS_OF, labels={"AET": "Aetna"})
    patient = build_aging(items, AgingKind.PATIENT, AgingBy.PROVIDER, AS_OF, labels={"DOC1": "Nguyen, Lan"})
    assert insurance.total == 11000 and [(r.label, r.total) for r in insurance.rows] == [
        ("Aetna", 9000), ("Unknown payer", 2000)]
    assert patient.total == 1500 and patient.rows[0].label == "Nguyen, Lan"


def test_rows_group_by_payer_and_provider_largest_first_with_claim_counts() -> None:
    items = [item(days=5, cents=100, payer="AET", provider="D1", claim="C1", encounter="E1"),
             item(days=5, cents=200, payer="AET", provider="D2", claim="C1", encounter="E1"),  # same claim
             item(days=70, cents=5000, payer="MCR", provider="D1", claim="C2", encounter="E2"),
             item(days=130, cents=50, payer="AET", provider="D2", claim="C3", encounter="E3")]
    by_payer = build_aging(items, AgingKind.INSURANCE, AgingBy.PAYER, AS_OF, labels={"AET": "Aetna", "MCR": "Medicare"})
    assert [(r.label, r.buckets.cents, r.claims) for r in by_payer.rows] == [
        ("Medicare", (0, 0, 5000, 0, 0), 1), ("Aetna", (300, 0, 0, 0, 50), 2)]
    assert by_payer.claims == 3 and by_payer.total == 5350
    by_provider = build_aging(items, AgingKind.INSURANCE, AgingBy.PROVIDER, AS_OF)
    assert {r.key: r.total for r in by_provider.rows} == {"D1": 5100, "D2": 250}
    assert by_provider.row("D2") is not None and by_provider.row("nobody") is None
    missing = build_aging([item(payer="", claim="")], AgingKind.INSURANCE, AgingBy.PAYER, AS_OF)
    assert missing.rows[0].label == "No claim on record"


def test_patient_aging_by_guarantor_takes_credit_off_the_oldest_balances_first() -> None:
    mom = Guarantor("patient:P1", "Smith, Ann", "A1")
    guarantors = {"A1": mom, "A2": mom, "A3": Guarantor("patient:P3", "Jones, Bo", "A3")}
    items = [item(Party.PATIENT, 10, 3000, account="A1", encounter="E1"),
             item(Party.PATIENT, 100, 2000, account="A1", encounter="E2"),
             item(Party.PATIENT, 50, 4000, account="A2", encounter="E3"),
             item(Party.PATIENT, 20, 1000, account="A3", encounter="E4")]
    credits = {"A1": 2500, "A3": 1600}
    report = build_aging(items, AgingKind.PATIENT, AgingBy.GUARANTOR, AS_OF, guarantors=guarantors, credits=credits,
                         members={"patient:P1": ["Smith, Ann", "Smith, Kid"]})
    ann, bo = report.row("patient:P1"), report.row("patient:P3")
    assert ann is not None and bo is not None
    # A1's $25 credit pays its 100-day $20 and $5 of its 10-day $30; A2 has no credit of its own to use
    assert ann.buckets.cents == (2500, 4000, 0, 0, 0) and ann.credit == 0 and ann.claims == 2
    assert (ann.label, ann.account, ann.detail) == ("Smith, Ann", "A1", "Smith, Ann, Smith, Kid")
    assert bo.buckets.total == 0 and bo.credit == 600  # $16 of credit on a $10 balance: $6 left over
    assert report.total == 6500 and report.credit == 600
    assert [r.key for r in report.rows] == ["patient:P1", "patient:P3"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(-10, 400) | st.none(), st.integers(1, 50000)), min_size=0, max_size=8),
       st.integers(0, 120000))
def test_line_by_line_credit_matches_the_statements_rule(lines: list[tuple[int | None, int]], credit: int) -> None:
    items = [item(Party.PATIENT, days, cents, encounter=f"E{n}") for n, (days, cents) in enumerate(lines)]
    aged = age_balances([(i.date_of_service, i.cents) for i in items], AS_OF)
    after = apply_credit(items, {"A1": credit})
    assert buckets_of([(i.date_of_service, i.cents) for i in after], AS_OF).cents == \
        apply_credit_oldest_first(aged, credit).buckets
    assert credit_left(items, {"A1": credit}) == ({"A1": credit - aged.total} if credit > aged.total else {})
    assert all(i.cents > 0 for i in after)


# --- drilling down -------------------------------------------------------------------------------------------------
def test_the_claims_behind_a_row_oldest_first_one_per_claim() -> None:
    items = [item(days=10, cents=100, claim="C1", encounter="E1", account="A1"),
             item(days=12, cents=200, claim="C1", encounter="E1", account="A1"),  # the same claim, another line
             item(days=95, cents=700, claim="C2", encounter="E2", account="A2"),
             item(days=95, cents=900, payer="MCR", claim="C3", encounter="E3", account="A3")]
    rows = aging_items(items, AgingKind.INSURANCE, AgingBy.PAYER, "AET", AS_OF, payer_names={"AET": "Aetna"},
                       patient_names={"A1": "Smith, John", "A2": "Doe, Jane"}, provider_names={"DOC1": "Nguyen"})
    assert [(r.claim_number, r.cents, r.age_days, r.bucket_label, r.lines, r.group) for r in rows] == [
        ("C2", 700, 95, "91–120 days", 1, "AET"), ("C1", 300, 12, "Current", 2, "AET")]
    assert (rows[1].patient_name, rows[1].payer_name, rows[1].provider_name, rows[1].claim_id) == (
        "Smith, John", "Aetna", "Nguyen", "id-C1")
    everyone = aging_items(items, AgingKind.INSURANCE, AgingBy.PAYER, None, AS_OF)
    assert sorted(r.group for r in everyone) == ["AET", "AET", "MCR"]
    assert sum(r.cents for r in everyone) == build_aging(items, AgingKind.INSURANCE, AgingBy.PAYER, AS_OF).total


# --- key figures ---------------------------------------------------------------------------------------------------
def test_days_in_ar() -> None:
    assert days_in_ar(90_000_00, 270_000_00, 90) == pytest.approx(30.0)
    assert days_in_ar(1, 0, 90) is None and days_in_ar(100, 100, 0) is None and days_in_ar(0, 500, 30) == 0.0


def test_rates_and_their_empty_cases() -> None:
    assert ratio(1, 4) == 0.25 and ratio(0, 0) is None and ratio(3, 0) is None
    assert net_collection_rate(9_000, 20_000, 10_000) == pytest.approx(0.9)
    assert net_collection_rate(1, 10_000, 10_000) is None and net_collection_rate(1, 0, 0) is None
    assert share_over_90(Buckets((60, 10, 10, 15, 5))) == pytest.approx(0.2)
    assert share_over_90(Buckets()) is None


def test_kpis_read_their_parts() -> None:
    k = Kpis(as_of=AS_OF, period_days=90, period_start=ago(89), ar_cents=4_500_00,
             insurance_ar=Buckets((3_000_00, 0, 0, 0, 0)), patient_ar=Buckets((0, 0, 0, 1_000_00, 500_00)),
             charges_cents=9_000_00, payments_cents=3_000_00, contractual_cents=3_000_00, adjudicated=40, denied=6,
             first_adjudicated=30, first_pass=27)
    assert k.days_in_ar == pytest.approx(45.0)
    assert (k.denial_rate, k.first_pass_rate, k.net_collection_rate) == (0.15, 0.9, 0.5)
    assert k.share_over_90 == pytest.approx(1_500_00 / 4_500_00) and k.all_ar.total == 4_500_00
    table = kpi_table(k)
    assert [r[0] for r in table.rows] == ["Days in A/R", "Denial rate", "First-pass (clean claim) rate",
                                          "Net collection rate", "A/R over 90 days"]
    assert [r[1] for r in table.rows] == ["45.0", "15.0%", "90.0%", "50.0%", "33.3%"]
    empty = Kpis(as_of=AS_OF, period_days=90, period_start=ago(89), ar_cents=0, insurance_ar=Buckets(),
                 patient_ar=Buckets(), charges_cents=0, payments_cents=0, contractual_cents=0, adjudicated=0,
                 denied=0, first_adjudicated=0, first_pass=0)
    assert {r[1] for r in kpi_table(empty).rows} == {"—"}


def test_denial_rates_by_payer_and_reason_add_up() -> None:
    by_payer = denial_counts({"AET": 20, "MCR": 30, "BCB": 10}, {"AET": (4, 50000), "MCR": (2, 9000)},
                             {"AET": "Aetna", "MCR": "Medicare"})
    assert [(c.label, c.denied, c.rate) for c in by_payer] == [("Aetna", 4, 0.2), ("Medicare", 2, 2 / 30),
                                                              ("BCB", 0, 0.0)]
    reasons = reason_counts({"CO-16": (3, 100), "CO-50": (2, 300), "OA-18": (1, 50)}, 60, {"CO-16": "Missing info"})
    assert [(c.key, c.label, c.rate) for c in reasons] == [("CO-16", "Missing info", 0.05), ("CO-50", "CO-50", 2 / 60),
                                                           ("OA-18", "OA-18", 1 / 60)]
    assert sum(c.rate or 0 for c in reasons) == pytest.approx(6 / 60)
    assert DenialCount("X", "X", 0, 0).rate is None


# --- the day sheet and the tables --------------------------------------------------------------------------------
def test_day_totals_and_the_day_sheet_table() -> None:
    day = date(2026, 11, 2)
    rows = [DayActivity(day, "Ada Admin", 3, 12500, 8000, 0, 2500, 0),
            DayActivity(day, "Maria Lopez", 2, 0, 0, 4000, 0, 1000)]
    t = day_totals(rows)
    assert (t.transactions, t.charges, t.payments, t.adjustments, t.refunds, t.user) == (5, 12500, 12000, 2500, 1000,
                                                                                       "Total")
    assert rows[0].ar_change == 12500 - 8000 - 2500
    table = day_sheet_table(rows, day, day)
    assert table.totals == ("", "Total", 5, 12500, 8000, 4000, 2500, 1000)
    assert table.subtitle.startswith("11/02/2026 · ")


def test_aging_table_has_the_buckets_totals_and_patient_columns() -> None:
    items = [item(Party.PATIENT, 40, 3000, account="A1")]
    report = build_aging(items, AgingKind.PATIENT, AgingBy.GUARANTOR, AS_OF,
                         guarantors={"A1": Guarantor("patient:P1", "Smith, Ann", "A1")}, credits={})
    table = aging_table(report)
    assert [c.title for c in table.columns] == ["Guarantor", "Account", "Current", "31–60 days", "61–90 days",
                                                "91–120 days", "Over 120 days", "Total", "Visits", "Credit"]
    assert table.rows == (("Smith, Ann", "A1", 0, 3000, 0, 0, 0, 3000, 1, 0),)
    assert table.totals == ("Total", "", 0, 3000, 0, 0, 0, 3000, 1, 0)
    assert "pending" in table.notes[0]


@pytest.mark.parametrize(("value", "cell", "csv_text", "people"), [
    (123456, Cell.MONEY, "1234.56", "$1,234.56"), (-5, Cell.MONEY, "-0.05", "-$0.05"), (0, Cell.MONEY, "0.00", "$0.00"),
    (0.12345, Cell.PERCENT, "0.1235", "12.3%"), (None, Cell.PERCENT, "", "—"), (45.04, Cell.NUMBER, "45.0", "45.0"),
    (date(2026, 3, 7), Cell.DATE, "2026-03-07", "03/07/2026"), (None, Cell.DATE, "", "—"),
    (12345, Cell.COUNT, "12345", "12,345"), ("Aetna", Cell.TEXT, "Aetna", "Aetna"), (None, Cell.TEXT, "", ""),
])
def test_values_for_csv_and_for_people(value: object, cell: Cell, csv_text: str, people: str) -> None:
    assert plain(value, cell) == csv_text  # type: ignore[arg-type]
    assert shown(value, cell) == people  # type: ignore[arg-type]
