"""Statement runs through the services on a real workstation: what is due (the patient's share only; pending
insurance shown, never due; credit taken off), aging by date of service, who gets one (minimum balance, days
since the last statement, holds, collections), one statement per guarantor, recording a run, history, reprints
that reproduce the statement as sent, payment plans on statements, and the collections list for the agency."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from account_support import Eob, eob, seen
from front_desk_support import Desk, make_desk
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError
from statements_support import owe, parent

from medbill_desktop.documents.statement import from_json, render_statement
from medbill_desktop.domain.errors import DomainError, PermissionDenied
from medbill_desktop.domain.roles import Role
from medbill_desktop.domain.statements import DunningLevel, Skip, StatementSettings
from medbill_desktop.services import collections, patient_payments, patients, payment_plans, statements
from medbill_desktop.services.account_ledger import account_ledger_in
from medbill_desktop.services.context import Workstation
from medbill_desktop.storage import tables


@pytest.fixture
def desk(workstation: Workstation) -> Desk:
    return make_desk(workstation)


def candidate(preview: statements.RunPreview, account: str) -> statements.StatementCandidate:
    return next(c for c in preview.candidates if account in {p.account_number for p in c.guarantor.patients})


def data_of(preview: statements.RunPreview, key: str):  # type: ignore[no-untyped-def]
    return preview.statements[preview.chosen.index(key)]


# --- what is due -------------------------------------------------------------------------------------------------
def test_pending_insurance_is_shown_but_never_due(desk: Desk) -> None:
    john = desk.patient()
    desk.insure(john, desk.aetna, copay_cents=0)
    paid = seen(desk, john, days_ago=40)  # 99213 $125 + 36415 $15
    eob(desk, paid, [Eob(12500, 8000, 6400, coinsurance=1600), Eob(1500, 1000, 1000)])
    waiting = seen(desk, john, (("99214", 18000),), days_ago=5)  # sent, no answer yet
    preview = statements.preview_run(desk.ws)
    c = candidate(preview, john.account_number)
    assert (c.amount_due_cents, c.pending_insurance_cents, c.patient_cents) == (1600, 18000, 1600)
    assert c.selected and c.decision.reason == "$16.00 due; first statement."
    data = data_of(preview, c.key)
    assert (data.amount_due_cents, data.pending_insurance_cents, data.pay_now_cents) == (1600, 18000, 1600)
    assert data.aging == (0, 1600, 0, 0, 0)  # 40 days after the visit
    by_date = {v.date_of_service: v for v in data.visits}
    assert (by_date[waiting.date_of_service].pending_cents, by_date[waiting.date_of_service].patient_cents) == (
        18000, 0)
    first = by_date[paid.date_of_service]
    assert (first.charges_cents, first.insurance_paid_cents, first.adjusted_cents, first.pending_cents,
            first.patient_cents, first.services) == (14000, 7400, 5000, 0, 1600, "99213, 36415")
    words = [a.description for a in data.activity]
    assert any(w.startswith("Your insurance (Aetna) allowed $80.00 of the $125.00 charge") for w in words)
    # the same amounts as the balances every report reads
    balance = statements.patient_balances(desk.ws)[john.account_number]
    assert (balance.amount_due_cents, balance.insurance_cents, balance.insurance_by_party) == (1600, 18000,
                                                                                           (18000, 0, 0))


def test_only_pending_insurance_means_no_statement(desk: Desk) -> None:
    mia = desk.patient("Chen", "Mia")
    desk.insure(mia, desk.aetna)
    seen(desk, mia, days_ago=90)
    preview = statements.preview_run(desk.ws)
    assert all(mia.account_number not in {p.account_number for p in c.guarantor.patients}
               for c in preview.candidates)
    assert statements.patient_balances(desk.ws)[mia.account_number].amount_due_cents == 0


@pytest.mark.parametrize(("days_ago", "bucket"), [(0, 0), (30, 0), (31, 1), (60, 1), (61, 2), (90, 2), (91, 3),
                                                   (120, 3), (121, 4)])
def test_aging_by_date_of_service_at_every_boundary(desk: Desk, days_ago: int, bucket: int) -> None:
    ann = desk.patient("Lee", "Ann")
    owe(desk, ann, 4321, days_ago=days_ago)
    preview = statements.preview_run(desk.ws)
    expected = [0, 0, 0, 0, 0]
    expected[bucket] = 4321
    assert candidate(preview, ann.account_number).due_aging.buckets == tuple(expected)
    assert statements.patient_balances(desk.ws)[ann.account_number].due_aging.buckets == tuple(expected)


def test_credit_comes_off_the_oldest_balance(desk: Desk) -> None:
    bo = desk.patient("Park", "Bo")
    owe(desk, bo, 3000, days_ago=100)
    owe(desk, bo, 5000, days_ago=10)
    patient_payments.take_payment(desk.ws, bo.id, 4500, "cash", apply="credit")  # held as credit
    c = candidate(statements.preview_run(desk.ws), bo.account_number)
    assert (c.patient_cents, c.credit_cents, c.amount_due_cents) == (8000, 4500, 3500)
    assert c.due_aging.buckets == (3500, 0, 0, 0, 0)
    assert data_of(statements.preview_run(desk.ws), c.key).credit_cents == 4500


def test_a_past_statement_date_counts_only_what_had_happened(desk: Desk, clock) -> None:  # type: ignore[no-untyped-def]
    kim = desk.patient("Kim", "Jae")
    owe(desk, kim, 7000, days_ago=20)
    patient_payments.take_payment(desk.ws, kim.id, 2000, "cash")
    as_of = desk.today - timedelta(days=1)  # the payment was taken today
    c = candidate(statements.preview_run(desk.ws, as_of), kim.account_number)
    assert c.amount_due_cents == 7000
    assert candidate(statements.preview_run(desk.ws), kim.account_number).amount_due_cents == 5000


def test_the_ledgers_read_for_a_run_are_the_account_ledgers(desk: Desk) -> None:
    """statements.account_ledgers_in reads many ledgers at once; each is what the ledger screen shows."""
    ws = desk.ws
    john = desk.patient()
    desk.insure(john, desk.aetna, copay_cents=0)
    visit = seen(desk, john, days_ago=40)
    eob(desk, visit, [Eob(12500, 8000, 6400, coinsurance=1600), Eob(1500, 1000, 1000)])
    receipt = patient_payments.take_payment(ws, john.id, 3000, "check", "1042")  # $16 applied, $14 on credit
    patient_payments.refund_credit(ws, john.id, 400, "check", "5001", "Overpaid")
    ann = desk.patient("Lee", "Ann")
    owe(desk, ann, 4000, days_ago=70)
    bad = patient_payments.take_payment(ws, ann.id, 1000, "check", "77")
    patient_payments.reverse_payment(ws, bad.payment_id, "Check returned unpaid")
    refs = [statements.PatientRef(p.id, p.account_number, p.display_name) for p in (john, ann)]
    with ws.read() as conn:
        bulk = statements.account_ledgers_in(conn, refs, ws.today())
        one_by_one = {p.id: account_ledger_in(ws, conn, p.account_number) for p in (john, ann)}
    assert receipt.receipt_number
    for pid, led in one_by_one.items():
        assert bulk[pid].entries == led.entries and len(led.entries) >= 3
        assert (bulk[pid].balances, bulk[pid].credit, bulk[pid].aging_by_party) == (
            led.balances, led.credit, led.aging_by_party)


# --- who gets one ------------------------------------------------------------------------------------------------
def test_minimum_balance_hold_and_collections_rules(desk: Desk) -> None:
    ws = desk.ws
    statements.save_statement_settings(ws, StatementSettings(minimum_balance_cents=1000, days_between=28))
    at_min, below, held, gone = (desk.patient(last, "Pat") for last in ("Adams", "Baker", "Cole", "Diaz"))
    owe(desk, at_min, 1000)
    owe(desk, below, 999)
    owe(desk, held, 5000)
    owe(desk, gone, 5000, days_ago=150)
    statements.hold_statements(ws, held.account_number, "Disputing the charge", until=desk.today + timedelta(days=7))
    collections.flag_for_collections(ws, gone.account_number, "No payment after four statements", "Acme Recovery")
    preview = statements.preview_run(ws)
    skips = {p.account_number: c.decision.skip for c in preview.candidates for p in c.guarantor.patients}
    assert skips == {at_min.account_number: None, below.account_number: Skip.BELOW_MINIMUM,
                     held.account_number: Skip.ON_HOLD, gone.account_number: Skip.IN_COLLECTIONS}
    assert len(preview.statements) == 1 and preview.statements[0].account_number == at_min.account_number
    assert candidate(preview, held.account_number).decision.reason.startswith("On hold until ")
    # the hold lifts on its day; releasing it lifts it now
    assert candidate(statements.preview_run(ws, desk.today + timedelta(days=7)),
                     held.account_number).selected
    statements.release_hold(ws, held.account_number)
    assert candidate(statements.preview_run(ws), held.account_number).selected
    with pytest.raises(DomainError, match="not on hold"):
        statements.release_hold(ws, held.account_number)


def test_days_between_statements_counts_from_the_last_statement_sent(desk: Desk, clock) -> None:  # type: ignore[no-untyped-def]
    ws = desk.ws
    eve = desk.patient("Stone", "Eve")
    owe(desk, eve, 6000, days_ago=3)
    preview = statements.preview_run(ws)
    record = statements.record_run(ws, preview, statements.run_pdf(preview), "print", "printer Front")
    assert record.statement_count == 1
    clock.advance(days=27)
    early = candidate(statements.preview_run(ws), eve.account_number)
    assert early.decision.skip is Skip.TOO_SOON and early.statements_sent == 1
    clock.advance(days=1)
    again = statements.preview_run(ws)
    c = candidate(again, eve.account_number)
    assert c.selected and c.last_statement_on == record.as_of
    data = data_of(again, c.key)
    assert not data.first_statement and data.since == record.as_of
    assert data.activity == ()  # nothing happened since


def test_a_preview_writes_nothing_but_its_audit_entry(desk: Desk) -> None:
    owe(desk, desk.patient("Quinn", "Lou"), 2500)
    with desk.ws.read() as conn:
        before = {n: conn.execute(select(tables.metadata.tables[n].c[0])).all()
                  for n in ("statement_runs", "statements", "statement_lines", "counters")}
    statements.preview_run(desk.ws)
    with desk.ws.read() as conn:
        after = {n: conn.execute(select(tables.metadata.tables[n].c[0])).all() for n in before}
    assert before == after


# --- guarantors --------------------------------------------------------------------------------------------------
def test_one_statement_per_guarantor(desk: Desk) -> None:
    mom = desk.patient("Rivera", "Ana", dob=date(1980, 4, 2))
    kid1 = desk.patient("Rivera", "Leo", dob=date(2015, 1, 9), guarantor=parent(patient_id=mom.id))
    kid2 = desk.patient("Rivera", "Sol", dob=date(2018, 6, 1), guarantor=parent(patient_id=mom.id))
    owe(desk, kid1, 2000, days_ago=50)
    owe(desk, kid2, 3000, days_ago=5)
    # two siblings whose father is not a patient, typed a little differently
    tom = desk.patient("Okafor", "Tom", dob=date(2012, 2, 2), guarantor=parent(last="Okafor", first="Chidi"))
    amy = desk.patient("Okafor", "Amy", dob=date(2014, 3, 3), guarantor=parent(last="OKAFOR", first="chidi"))
    owe(desk, tom, 1500)
    owe(desk, amy, 2500)
    preview = statements.preview_run(desk.ws)
    assert len(preview.statements) == 2
    rivera = candidate(preview, kid1.account_number)
    assert rivera is candidate(preview, kid2.account_number)
    assert (rivera.key, rivera.guarantor.account_number, rivera.guarantor.name) == (
        f"patient:{mom.id}", mom.account_number, "Ana Rivera")
    assert rivera.amount_due_cents == 5000 and rivera.due_aging.buckets == (3000, 2000, 0, 0, 0)
    data = data_of(preview, rivera.key)
    assert data.guarantor.name == "Ana Rivera" and data.guarantor.lines == ("5 Oak Ave", "Springfield, IL 62704")
    assert [name for name, _account in data.patients] == ["Leo Rivera", "Sol Rivera"]
    okafor = candidate(preview, tom.account_number)
    assert okafor is candidate(preview, amy.account_number)
    assert okafor.amount_due_cents == 4000 and okafor.guarantor.name == "Chidi Okafor"
    assert okafor.guarantor.account_number == min(tom.account_number, amy.account_number)
    assert data_of(preview, okafor.key).guarantor.lines == ("77 Elm St", "Unit B", "Springfield, IL 62704-1234")
    # the amounts due in the run are the accounts' balances, summed per guarantor
    balances = statements.patient_balances(desk.ws)
    for c in preview.selected:
        assert c.amount_due_cents == sum(balances[p.account_number].amount_due_cents for p in c.guarantor.patients)


def test_a_guarantor_without_an_address_is_named_not_mailed(desk: Desk) -> None:
    nomad = desk.patient("Vance", "Ray")
    owe(desk, nomad, 5000)
    patients.update_patient(desk.ws, replace(nomad, address=None))  # moved away, no new address yet
    c = candidate(statements.preview_run(desk.ws), nomad.account_number)
    assert c.decision.skip is Skip.NO_ADDRESS


# --- recording, history, reprints --------------------------------------------------------------------------------
def test_a_run_is_recorded_with_snapshots_and_reprints_exactly(desk: Desk, clock) -> None:  # type: ignore[no-untyped-def]
    ws = desk.ws
    for n, last in enumerate(("Avery", "Brooks", "Carter")):
        owe(desk, desk.patient(last, "Sam"), 2000 + n * 1000, days_ago=20 + n * 40)
    preview = statements.preview_run(ws)
    pdf = statements.run_pdf(preview)
    record = statements.record_run(ws, preview, pdf, "pdf", "statements.pdf")
    assert (record.statement_count, record.total_due_cents) == (3, 9000)
    assert record.pdf_sha256 == hashlib.sha256(pdf).hexdigest() == statements.run_sha256(ws, record.run_id)
    # the data changes afterwards (a payment), the reprint does not
    brooks = candidate(preview, next(c.guarantor.account_number for c in preview.candidates
                                     if c.guarantor.name.endswith("Brooks")))
    patient_payments.take_payment(ws, brooks.guarantor.patients[0].patient_id, 1000, "cash")
    clock.advance(days=3)
    assert statements.reprint_run(ws, record.run_id) == pdf
    sent = statements.run_statements_list(ws, record.run_id)
    assert [s.amount_due_cents for s in sent] == [s.amount_due_cents for s in preview.statements]
    one = next(s for s in sent if s.guarantor_key == brooks.key)
    assert statements.reprint_statement(ws, one.statement_id) == render_statement(data_of(preview, brooks.key))
    guarantor, history = statements.statement_history(ws, brooks.guarantor.account_number)
    assert guarantor.key == brooks.key and [h.run_number for h in history] == [record.run_number]
    assert history[0].dunning_level is DunningLevel.PAST_DUE  # 60 days: past due on a first statement
    with ws.read() as conn:
        rows = conn.execute(select(tables.statements.c.snapshot, tables.statements.c.snapshot_sha256)).all()
        lines = conn.execute(select(tables.statement_lines.c.kind)).scalars().all()
    for snapshot, digest in rows:
        assert hashlib.sha256(snapshot.encode()).hexdigest() == digest
        assert from_json(json.loads(snapshot)).statement_date == record.as_of
    assert sorted(set(lines)) == ["activity", "visit"]
    with pytest.raises(DatabaseError, match="never changed"), ws.write() as conn:
        conn.execute(text("UPDATE statements SET amount_due_cents = 0"))
    runs = statements.list_runs(ws)
    assert [(r.run_number, r.statement_count, r.sent_via) for r in runs] == [(record.run_number, 3, "pdf")]


def test_nothing_to_send_says_so(desk: Desk) -> None:
    preview = statements.preview_run(desk.ws)
    assert preview.statements == ()
    with pytest.raises(Exception, match="No statement is due"):
        statements.run_pdf(preview)


def test_run_statements_writes_the_file_and_records_once(desk: Desk, tmp_path: Path) -> None:
    owe(desk, desk.patient("Ford", "Gil"), 3300)
    dry = statements.run_statements(desk.ws, out=tmp_path / "dry.pdf", dry_run=True)
    assert dry.record is None and (tmp_path / "dry.pdf").exists() and statements.list_runs(desk.ws) == []
    done = statements.run_statements(desk.ws, out=tmp_path / "run.pdf")
    assert done.record is not None and (tmp_path / "run.pdf").stat().st_mode & 0o777 == 0o600
    assert hashlib.sha256((tmp_path / "run.pdf").read_bytes()).hexdigest() == done.record.pdf_sha256
    again = statements.run_statements(desk.ws, out=tmp_path / "again.pdf")  # the same day: nobody is due
    assert (again.preview.statements, again.record, again.path) == ((), None, None)
    assert not (tmp_path / "again.pdf").exists() and len(statements.list_runs(desk.ws)) == 1


# --- payment plans -----------------------------------------------------------------------------------------------
def test_a_plan_puts_its_installment_on_the_statement_and_flags_a_missed_one(desk: Desk, clock) -> None:  # type: ignore[no-untyped-def]
    ws = desk.ws
    max_ = desk.patient("Moreno", "Max")
    owe(desk, max_, 30000, days_ago=70)
    context = payment_plans.plan_context(ws, max_.account_number)
    assert (context.amount_due_cents, context.active) == (30000, None)
    with pytest.raises(DomainError, match="more than the \\$300.00 owed"):
        payment_plans.create_plan(ws, max_.account_number, 30001, 10000, 15)
    plan = payment_plans.create_plan(ws, max_.account_number, 30000, 10000, 15, note="Agreed at the window")
    assert [(i.due_on, i.amount_cents, i.state) for i in plan.installments] == [
        (date(2026, 11, 15), 10000, "due"), (date(2026, 12, 15), 10000, "upcoming"),
        (date(2027, 1, 15), 10000, "upcoming")]
    preview = statements.preview_run(ws)
    c = candidate(preview, max_.account_number)
    data = data_of(preview, c.key)
    assert (data.amount_due_cents, data.pay_now_cents) == (30000, 10000)
    assert data.plan is not None and (data.plan.next_due_on, data.plan.next_due_cents) == (date(2026, 11, 15), 10000)
    assert data.message.startswith("Thank you for keeping to your payment plan")
    # the 15th passes without a payment: missed the next day
    clock.advance(days=13)  # 11/15
    assert payment_plans.plans_for(ws, max_.account_number)[0].standing.missed == ()
    clock.advance(days=1)  # 11/16
    behind = payment_plans.plans_for(ws, max_.account_number)[0]
    assert behind.status_text == "Behind: 1 installment missed"
    assert [i.state for i in behind.installments] == ["missed", "due", "upcoming"]
    assert [p.plan.plan_number for p in payment_plans.active_plans(ws, behind_only=True)] == [plan.plan_number]
    late = statements.preview_run(ws)
    data = data_of(late, candidate(late, max_.account_number).key)
    assert data.pay_now_cents == 20000 and data.plan is not None and data.plan.missed == 1
    assert data.message.startswith("Your payment plan is behind: 1 installment missed.")
    # a payment after the due date still counts
    patient_payments.take_payment(ws, max_.id, 10000, "card", "4242")
    caught_up = payment_plans.plans_for(ws, max_.account_number)[0]
    assert caught_up.standing.missed == () and caught_up.status_text == "Up to date"
    assert [i.state for i in caught_up.installments] == ["paid", "due", "upcoming"]
    with pytest.raises(DomainError, match="already has payment plan"):
        payment_plans.create_plan(ws, max_.account_number, 20000, 5000, 1)
    payment_plans.cancel_plan(ws, plan.plan_id, "Paying in full next week")
    assert payment_plans.plans_for(ws, max_.account_number)[0].status == "cancelled"
    assert payment_plans.plan_context(ws, max_.account_number).active is None


# --- collections -------------------------------------------------------------------------------------------------
def test_collections_export_lists_the_flagged_accounts(desk: Desk, tmp_path: Path) -> None:
    ws = desk.ws
    joe = desk.patient("Nash", "Joe")
    owe(desk, joe, 12000, days_ago=200)
    owe(desk, joe, 3000, days_ago=40)
    with pytest.raises(DomainError, match="owes nothing"):
        collections.flag_for_collections(ws, desk.patient("Zero", "Owes").account_number, "x")
    collections.flag_for_collections(ws, joe.account_number, "Four statements, no reply", "Acme Recovery")
    with pytest.raises(DomainError, match="already in collections"):
        collections.flag_for_collections(ws, joe.account_number, "again")
    result = collections.export_collections(ws, tmp_path / "agency.csv")
    assert (result.count, result.total_due_cents) == (1, 15000)
    assert (tmp_path / "agency.csv").stat().st_mode & 0o777 == 0o600
    rows = list(csv.DictReader(io.StringIO((tmp_path / "agency.csv").read_text())))
    assert len(rows) == 1
    row = rows[0]
    assert (row["guarantor_account"], row["guarantor_name"], row["address_line1"], row["city_state_zip"]) == (
        joe.account_number, "Joe Nash", "5 Oak Ave", "Springfield, IL 62704")
    assert (row["amount_due"], row["days_31_60"], row["over_120"], row["agency"]) == (
        "150.00", "30.00", "120.00", "Acme Recovery")
    with pytest.raises(DomainError, match="not exported before"):
        collections.export_collections(ws, tmp_path / "new.csv", only_new=True)
    collections.release_from_collections(ws, joe.account_number, "Paid in full to the agency")
    assert collections.list_collections(ws) == []
    assert candidate(statements.preview_run(ws), joe.account_number).decision.skip is None


# --- who may -----------------------------------------------------------------------------------------------------
def test_who_may_do_what(desk: Desk, sign_in_as: Callable[[Role], object]) -> None:
    pat = desk.patient("Ortiz", "Pat")
    owe(desk, pat, 5000)
    sign_in_as(Role.FRONT_DESK)
    with pytest.raises(PermissionDenied):
        statements.preview_run(desk.ws)
    payment_plans.create_plan(desk.ws, pat.account_number, 5000, 2500, 10)  # the front desk may set up a plan
    assert statements.patient_balances(desk.ws)[pat.account_number].amount_due_cents == 5000
    sign_in_as(Role.BILLER)
    assert statements.preview_run(desk.ws).chosen
    statements.hold_statements(desk.ws, pat.account_number, "Calling the patient first")
    with pytest.raises(PermissionDenied):
        collections.flag_for_collections(desk.ws, pat.account_number, "x")
    with pytest.raises(PermissionDenied):
        statements.save_statement_settings(desk.ws, StatementSettings())
