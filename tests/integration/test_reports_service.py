"""The A/R reports on a real workstation, from visits, claims, EOBs, denials and front-desk payments made through
the services: insurance and patient aging by payer, provider and guarantor with the claims behind a row; the
projection the reports read checked against the postings (incrementally, and rebuilt after the rowids change); a
report as of a past day; the key figures worked out by hand; the day sheet by day and user; CSV and PDF exports
and the audit rows."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from account_support import Eob, eob, seen
from denials_support import deny, sent_claim
from front_desk_support import Desk, make_desk
from sqlalchemy import select

from medbill_desktop.domain.ledger import Party
from medbill_desktop.domain.patients import Guarantor, GuarantorRelationship
from medbill_desktop.domain.practice import Address
from medbill_desktop.domain.reports import AgingBy, AgingKind, aging_table, day_sheet_table, items_table, kpi_table
from medbill_desktop.domain.roles import Role
from medbill_desktop.services import patient_payments, reports, users
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.errors import NotSignedIn, ServiceError
from medbill_desktop.storage import reports_store
from medbill_desktop.storage.tables import audit_log

TWO_LINES = (("99213", 12500), ("36415", 1500))


class Practice:
    """Seven patients whose balances fall in known buckets (as of the fixed clock's day)."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        ws = desk.ws
        self.john = desk.patient("Smith", "John")
        desk.insure(self.john, desk.aetna, copay_cents=0)
        self.john_visit = seen(desk, self.john, TWO_LINES, days_ago=45)
        eob(desk, self.john_visit, [Eob(12500, 8000, 6400, coinsurance=1600), Eob(1500, 1500, 1500)])
        self.mary = desk.patient("Jones", "Mary")
        desk.insure(self.mary, desk.aetna, copay_cents=0)
        self.mary_visit = seen(desk, self.mary, TWO_LINES, days_ago=100)  # sent, never paid
        self.bob = desk.patient("Brown", "Bob")
        desk.insure(self.bob, desk.medicare, copay_cents=0)
        self.bob_visit = seen(desk, self.bob, TWO_LINES, days_ago=10)
        self.sam = desk.patient("Self", "Sam")  # no insurance
        self.sam_visit = seen(desk, self.sam, TWO_LINES, days_ago=200)
        patient_payments.take_payment(ws, self.sam.id, 4000, "cash")
        self.kid = desk.patient("Smith", "Kid", dob=date(2015, 5, 1), guarantor=Guarantor(
            "Smith", "John", GuarantorRelationship.PARENT, Address("5 Oak Ave", "Springfield", "IL", "62704"),
            patient_id=self.john.id))
        self.kid_visit = seen(desk, self.kid, (("99213", 12500),), days_ago=35)
        self.pat = desk.patient("Ahead", "Pat")  # pays ahead: credit only
        patient_payments.take_payment(ws, self.pat.id, 2000, "check", "1001")
        self.dana_claim = sent_claim(desk, "Denied", days_ago=40)
        deny(desk, self.dana_claim, ("CO", "16"), check_date=desk.today - timedelta(days=3))
        self.today = desk.today


@pytest.fixture
def practice_data(workstation: Workstation) -> Practice:
    return Practice(make_desk(workstation))


def ago(p: Practice, days: int) -> date:
    return p.today - timedelta(days=days)


def test_insurance_aging_by_payer_and_by_provider(practice_data: Practice) -> None:
    ws, p = practice_data.desk.ws, practice_data
    report = reports.aging(ws, AgingKind.INSURANCE, AgingBy.PAYER)
    rows = {r.label: (r.buckets.cents, r.claims) for r in report.rows}
    # Mary's claim (100 days) and the denied claim (40 days: its balance stays with Aetna); Bob's (10 days)
    assert rows == {"Aetna": ((0, 14000, 0, 14000, 0), 2), "Medicare Part B": ((14000, 0, 0, 0, 0), 1)}
    assert [r.label for r in report.rows] == ["Aetna", "Medicare Part B"]  # largest first
    assert (report.total, report.claims, report.as_of) == (42000, 3, p.today)
    by_provider = reports.aging(ws, "insurance", "provider")
    assert [(r.label, r.total) for r in by_provider.rows] == [("Nguyen, Lan, MD", 42000)]


def test_patient_aging_by_guarantor_counts_only_what_patients_owe(practice_data: Practice) -> None:
    ws, p = practice_data.desk.ws, practice_data
    report = reports.aging(ws, AgingKind.PATIENT)
    assert report.by is AgingBy.GUARANTOR
    rows = {r.label: r for r in report.rows}
    john = rows["Smith, John"]  # his $16 coinsurance and his son's $125 visit: one statement
    assert (john.buckets.cents, john.account, john.claims) == ((0, 14100, 0, 0, 0), p.john.account_number, 2)
    assert john.detail == "Smith, John, Smith, Kid"
    assert rows["Self, Sam"].buckets.cents == (0, 0, 0, 0, 10000)  # $140 less the $40 he paid
    ahead = rows["Ahead, Pat"]
    assert (ahead.total, ahead.credit) == (0, 2000)
    # nothing Mary, Bob or the denied patient owe is theirs yet: it is pending with insurance
    assert set(rows) == {"Smith, John", "Self, Sam", "Ahead, Pat"}
    assert (report.total, report.credit) == (24100, 2000)


def test_the_claims_behind_a_row_and_the_audit(practice_data: Practice) -> None:
    ws, p = practice_data.desk.ws, practice_data
    aetna = reports.aging(ws, AgingKind.INSURANCE, AgingBy.PAYER).rows[0]
    items = reports.aging_claims(ws, AgingKind.INSURANCE, AgingBy.PAYER, aetna.key)
    assert [(i.claim_number, i.patient_name, i.age_days, i.cents, i.payer_name, i.lines) for i in items] == [
        (p.mary_visit.claim(), "Jones, Mary", 100, 14000, "Aetna", 2), (p.dana_claim, "Denied, John", 40, 14000,
                                                                         "Aetna", 2)]
    john_row = next(r for r in reports.aging(ws, AgingKind.PATIENT).rows if r.label == "Smith, John")
    visits = reports.aging_claims(ws, AgingKind.PATIENT, AgingBy.GUARANTOR, john_row.key)
    assert [(i.account_number, i.claim_number, i.cents, i.party) for i in visits] == [
        (p.john.account_number, p.john_visit.claim(), 1600, Party.PATIENT),
        (p.kid.account_number, "", 12500, Party.PATIENT)]  # the son is self-pay: no claim
    with ws.read() as conn:
        views = [json.loads(r.detail) | {"id": r.entity_id} for r in conn.execute(
            select(audit_log).where(audit_log.c.entity == "report", audit_log.c.action == "view"))]
    assert [v["id"] for v in views] == ["aging-insurance-by-payer", "aging-patient-by-guarantor",
                                        "aging-patient-by-guarantor"]
    assert views[0]["items"] == 2 and views[0]["accounts"] == sorted([p.mary.account_number,
                                                                      items[1].account_number])


def test_grouping_must_fit_the_kind(workstation: Workstation) -> None:
    with pytest.raises(ServiceError, match="Patient aging is grouped by guarantor or provider"):
        reports.aging(workstation, AgingKind.PATIENT, AgingBy.PAYER)


def test_the_projection_matches_the_postings_incrementally_and_after_a_rebuild(practice_data: Practice,
                                                                              clock: Any) -> None:
    ws, p = practice_data.desk.ws, practice_data
    assert reports.refresh(ws) > 0
    with ws.read() as conn:
        assert reports_store.projection_sums(conn) == reports_store.posting_sums(conn)
    assert reports.refresh(ws) == 0  # nothing new
    clock.advance(hours=1)
    patient_payments.take_payment(ws, p.john.id, 600, "card", "4242")  # more postings: read incrementally
    assert reports.refresh(ws) == 2
    with ws.read() as conn:
        assert reports_store.projection_sums(conn) == reports_store.posting_sums(conn)
    before = reports.aging(ws, AgingKind.PATIENT)
    with ws.write() as conn:  # as if a restored backup had renumbered the postings
        conn.exec_driver_sql("UPDATE report_state SET last_posting_id = 'not-the-same'")
        conn.exec_driver_sql("UPDATE report_balances SET balance_cents = balance_cents + 1")
    with ws.read() as conn:
        total = conn.exec_driver_sql("SELECT count(*) FROM ledger_postings").scalar_one()
    assert reports.refresh(ws) == total  # every posting read again
    with ws.read() as conn:
        assert reports_store.projection_sums(conn) == reports_store.posting_sums(conn)
    assert reports.aging(ws, AgingKind.PATIENT) == before


def test_the_projection_and_the_postings_give_the_same_items(practice_data: Practice) -> None:
    ws = practice_data.desk.ws
    reports.refresh(ws)
    with ws.read() as conn:
        for patient in (False, True):
            from_projection = sorted(reports_store.open_items(conn, patient))
            assert from_projection == sorted(reports_store.open_items_as_of(conn, patient, practice_data.today))
            assert from_projection


def test_aging_as_of_a_past_day_reads_the_postings_of_that_day(practice_data: Practice) -> None:
    ws, p = practice_data.desk.ws, practice_data
    then = ago(p, 50)
    report = reports.aging(ws, AgingKind.INSURANCE, AgingBy.PAYER, as_of=then)
    # 50 days ago only Mary's visit (then 50 days old) had been charged
    assert [(r.label, r.buckets.cents) for r in report.rows] == [("Aetna", (0, 14000, 0, 0, 0))]
    patient = reports.aging(ws, AgingKind.PATIENT, as_of=then)
    # Sam's visit was 150 days old; he paid today, after that day
    assert [(r.label, r.buckets.cents) for r in patient.rows] == [("Self, Sam", (0, 0, 0, 0, 14000))]


def test_key_figures_worked_out_by_hand(practice_data: Practice) -> None:
    ws, p = practice_data.desk.ws, practice_data
    k = reports.kpis(ws)
    assert (k.period_start, k.as_of, k.period_days) == (ago(p, 89), p.today, 90)
    # charges dated in the last 90 days: John 140, Bob 140, the son 125, the denied visit 140 (not Mary, not Sam)
    assert k.charges_cents == 54500
    # Aetna's check $79 for John; Sam $40 and Pat $20 at the desk
    assert k.payments_cents == 7900 + 4000 + 2000
    assert k.contractual_cents == 4500  # CO-45 on John's 99213
    assert k.net_collection_rate == pytest.approx(13900 / (54500 - 4500))
    assert k.ar_cents == 42000 + 1600 + 12500 + 10000  # receivables; Pat's credit is not netted here
    assert k.days_in_ar == pytest.approx(66100 / (54500 / 90))
    assert k.share_over_90 == pytest.approx((14000 + 10000) / 66100)
    assert (k.adjudicated, k.denied, k.denial_rate) == (2, 1, 0.5)
    assert [(c.label, c.denied, c.adjudicated) for c in k.by_payer] == [("Aetna", 1, 2)]
    assert [(c.key, c.denied, c.rate) for c in k.by_reason] == [("CO-16", 1, 0.5)]
    assert (k.first_adjudicated, k.first_pass, k.first_pass_rate) == (2, 1, 0.5)
    shorter = reports.kpis(ws, period_days=30)  # only Bob's visit was charged in the last 30 days
    assert shorter.charges_cents == 14000 and shorter.days_in_ar == pytest.approx(66100 / (14000 / 30))
    with pytest.raises(ServiceError, match="1 to 3,660 days"):
        reports.kpis(ws, period_days=0)


def test_the_dashboard_holds_the_figures_the_aging_and_twelve_months(practice_data: Practice) -> None:
    ws, p = practice_data.desk.ws, practice_data
    d = reports.dashboard(ws)
    assert d.kpis == reports.kpis(ws)
    assert d.insurance == reports.aging(ws, AgingKind.INSURANCE, AgingBy.PAYER)
    assert (d.patient.total, d.patient_credit) == (24100, 2000)
    assert len(d.months) == 12 and d.months[-1].month == p.today.replace(day=1)
    assert sum(m.charges for m in d.months) == 14000 * 5 + 12500  # from December 1st: every visit
    april = next(m for m in d.months if m.month == ago(p, 200).replace(day=1))
    assert april.charges == 14000  # Sam's, 200 days ago
    assert sum(m.payments for m in d.months) == 13900


def test_the_day_sheet_by_day_and_user(practice_data: Practice, clock: Any, workstation: Workstation) -> None:
    ws, p = practice_data.desk.ws, practice_data
    sheet = reports.day_sheet(ws)
    [row] = sheet.rows
    assert (row.day, row.user) == (p.today, "Ada Admin")
    assert row.charges == 14000 * 5 + 12500  # entered today, whatever the date of service
    assert (row.insurance_payments, row.patient_payments, row.adjustments, row.refunds) == (7900, 6000, 4500, 0)
    users.add_user(ws, "frank", "Frank Desk", Role.FRONT_DESK, "front-desk-pass")
    clock.advance(days=1)
    users.sign_in(ws, "frank", "front-desk-pass")
    patient_payments.take_payment(ws, p.sam.id, 2500, "cash")
    users.sign_in(ws, "admin", "admin-pass-1")
    patient_payments.refund_credit(ws, p.pat.id, 500, "check", "2001", "Overpaid")
    tomorrow = p.today + timedelta(days=1)
    two = reports.day_sheet(ws, p.today, tomorrow)
    assert [(r.day, r.user, r.patient_payments, r.refunds) for r in two.rows] == [
        (p.today, "Ada Admin", 6000, 0), (tomorrow, "Ada Admin", 0, 500), (tomorrow, "Frank Desk", 2500, 0)]
    assert [(d.day, d.patient_payments) for d in two.days] == [(p.today, 6000), (tomorrow, 2500)]
    assert two.totals.patient_payments == 8500
    assert reports.day_sheet(ws, tomorrow + timedelta(days=5)).rows == ()
    with pytest.raises(ServiceError, match="before its first"):
        reports.day_sheet(ws, tomorrow, p.today)


def test_csv_and_pdf_exports_are_private_and_audited(practice_data: Practice, tmp_path: Path) -> None:
    ws = practice_data.desk.ws
    table = aging_table(reports.aging(ws, AgingKind.INSURANCE, AgingBy.PAYER))
    saved = reports.export(ws, table, tmp_path / "aging.csv")
    assert saved.stat().st_mode & 0o777 == 0o600
    rows = list(csv.reader(io.StringIO(saved.read_bytes().decode("utf-8-sig"))))
    assert rows[0] == ["Payer", "Current", "31–60 days", "61–90 days", "91–120 days", "Over 120 days", "Total",
                       "Claims"]
    assert rows[1] == ["Aetna", "0.00", "140.00", "0.00", "140.00", "0.00", "280.00", "2"]
    assert rows[-1] == ["Total", "140.00", "140.00", "0.00", "140.00", "0.00", "420.00", "3"]
    pdf = reports.export(ws, table, tmp_path / "aging.pdf")
    with pdfplumber.open(pdf) as doc:
        text = doc.pages[0].extract_text()
        assert doc.pages[0].width > doc.pages[0].height  # landscape: eight columns
    for words in ("Riverside Family Medicine", "Insurance A/R aging by payer", "Aetna", "$280.00", "$420.00",
                  "Page 1 of 1", "Printed", "Ada Admin"):
        assert words in text
    kpi_csv = reports.csv_text(kpi_table(reports.kpis(ws)))
    assert kpi_csv.splitlines()[1].startswith("Key figures,Days in A/R,")
    assert any(line.startswith("Denial rate by reason (CARC),CO-16") for line in kpi_csv.splitlines())
    with pytest.raises(ServiceError, match=r"\.csv or \.pdf"):
        reports.export(ws, table, tmp_path / "aging.xlsx")
    with ws.read() as conn:
        exports = [(r.action, json.loads(r.detail)["as"]) for r in conn.execute(
            select(audit_log).where(audit_log.c.entity == "report", audit_log.c.action == "export"))]
    assert exports == [("export", "csv"), ("export", "pdf")]


def test_a_long_report_runs_over_pages_with_its_headings(workstation: Workstation, tmp_path: Path) -> None:
    desk = make_desk(workstation)
    for n in range(45):
        seen(desk, desk.patient(f"Patient{chr(65 + n // 26)}{chr(97 + n % 26)}", "Pat"), (("99213", 12500),),
             days_ago=n * 3)
    report = reports.aging(workstation, AgingKind.PATIENT)
    assert len(report.rows) == 45
    items = reports.aging_claims(workstation, AgingKind.PATIENT, AgingBy.GUARANTOR, None)
    pdf = reports.report_pdf(workstation, items_table(items, "Patient balances", report.as_of), printing=True)
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf)
    with pdfplumber.open(path) as doc:
        assert len(doc.pages) >= 2
        last = doc.pages[-1].extract_text()
        assert f"Page {len(doc.pages)} of {len(doc.pages)}" in last and "Claim" in last and "Total" in last
    with workstation.read() as conn:
        assert conn.execute(select(audit_log.c.entity_id).where(audit_log.c.action == "print")).scalars().all() == [
            items_table(items, "x", report.as_of).file_stem]


def test_front_desk_may_read_reports(practice_data: Practice, sign_in_as) -> None:  # type: ignore[no-untyped-def]
    ws = practice_data.desk.ws
    sign_in_as(Role.FRONT_DESK)
    assert reports.day_sheet(ws).rows
    users.sign_out(ws)
    with pytest.raises(NotSignedIn):
        reports.aging(ws)
    assert day_sheet_table([], date(2026, 1, 1), date(2026, 1, 1)).rows == ()
