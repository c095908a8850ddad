"""Payment plans, collection flags, statement holds and statement runs flow between workstations through the
practice server on loopback (a real PostgreSQL): a plan made and cancelled at one desk shows at the other, an
account flagged for collections at one desk and released at the other, a hold and its release, a statement run
sent at one desk shows in the other's statement history and reprints there byte for byte (and counts for "days
since the last statement" there), and a new workstation's snapshot has all of them. Applying the same changes
again, on either desk, changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from front_desk_support import Desk, make_desk
from server_support import LiveServer
from sqlalchemy import Table, select
from statements_support import owe
from sync_support import Office, Station, assert_converged

from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.statements import Skip
from medbill_desktop.services import collections, payment_plans, statements, sync_apply, syncing
from medbill_desktop.storage.tables import (
    collection_accounts,
    payment_plan_installments,
    statement_holds,
    statement_lines,
    statement_runs,
)
from medbill_desktop.storage.tables import (
    payment_plans as plans_table,
)
from medbill_desktop.storage.tables import statements as statements_table

TABLES: tuple[Table, ...] = (plans_table, payment_plan_installments, collection_accounts, statement_holds,
                             statement_runs, statements_table, statement_lines)
EVENTS = ("payment_plan.created", "payment_plan.cancelled", "collections.flagged", "collections.released",
          "collections.exported", "statements.held", "statements.released", "statement_run.sent")


@pytest.fixture
def office(live_server: LiveServer, tmp_path: Path, practice: Any) -> Iterator[Office]:
    made = Office(tmp_path, practice, live_server.url, live_server.certs.ca_cert, live_server.db.code)
    yield made
    made.close()


def table_rows(s: Station, table: Table) -> list[tuple[Any, ...]]:
    with s.ws.read() as conn:
        return sorted((tuple(r) for r in conn.execute(select(table))), key=repr)


def all_rows(s: Station) -> dict[str, list[tuple[Any, ...]]]:
    return {t.name: table_rows(s, t) for t in TABLES}


def server_changes(live_server: LiveServer) -> list[dict[str, Any]]:
    """This feature's changes as the server logged them, in its order (what a pull gives)."""
    rows = live_server.db.rows("SELECT seq, change_id, origin_device, entity, entity_id, event, data, created_at "
                               "FROM change_log WHERE event = ANY(%s) ORDER BY seq", list(EVENTS))
    return [{"seq": r[0], "change_id": r[1], "origin_device": r[2], "entity": r[3], "entity_id": r[4],
             "event": r[5], "data": r[6], "created_at": str(r[7])} for r in rows]


def apply_again(live_server: LiveServer, *stations: Station) -> None:
    """Every change of this kind applied once more on each desk (its own coming back too): nothing changes."""
    changes = server_changes(live_server)
    assert changes
    for s in stations:
        before = all_rows(s)
        with s.ws.write() as conn:
            report = sync_apply.apply_changes(conn, changes)
        assert report.review == [] and report.unknown == 0, s.name
        assert all_rows(s) == before, s.name


def two_desks(office: Office) -> tuple[Station, Station, Desk]:
    front, billing = office.workstation("front desk"), office.workstation("billing")
    desk = make_desk(front.ws)
    front.sync()
    billing.sync()
    return front, billing, desk


def both_sync(*stations: Station) -> None:
    for s in (*stations, *stations):  # each pushes, then each pulls what the others pushed
        s.sync()


# --- payment plans ------------------------------------------------------------------------------------------------

def test_a_plan_made_and_cancelled_at_one_desk_shows_at_the_other(office: Office, live_server: LiveServer) -> None:
    front, billing, desk = two_desks(office)
    max_ = desk.patient("Moreno", "Max")
    owe(desk, max_, 30000, days_ago=70)
    plan = payment_plans.create_plan(front.ws, max_.account_number, 30000, 10000, 15, note="Agreed at the window")
    both_sync(front, billing)
    assert billing.review() == []
    [there] = payment_plans.plans_for(billing.ws, max_.account_number)
    assert there == plan and len(there.installments) == 3
    assert [p.plan.plan_number for p in payment_plans.active_plans(billing.ws)] == [plan.plan_number]
    assert payment_plans.plan_context(billing.ws, max_.account_number).active == plan

    payment_plans.cancel_plan(front.ws, plan.plan_id, "Paying in full next week")
    both_sync(front, billing)
    [cancelled] = payment_plans.plans_for(billing.ws, max_.account_number)
    assert (cancelled.status, cancelled.end_reason) == ("cancelled", "Paying in full next week")
    assert payment_plans.plans_for(billing.ws, max_.account_number) == \
        payment_plans.plans_for(front.ws, max_.account_number)
    assert payment_plans.plan_context(billing.ws, max_.account_number).active is None
    # billing makes the next plan; the front desk sees it
    second = payment_plans.create_plan(billing.ws, max_.account_number, 20000, 5000, 1)
    both_sync(billing, front)
    assert [p.plan_id for p in payment_plans.plans_for(front.ws, max_.account_number)] == \
        [second.plan_id, plan.plan_id]
    assert all_rows(front) == all_rows(billing)
    apply_again(live_server, front, billing)
    assert_converged(live_server.db, [front, billing])


# --- collections --------------------------------------------------------------------------------------------------

def test_an_account_flagged_at_one_desk_and_released_at_the_other(office: Office, live_server: LiveServer) -> None:
    front, billing, desk = two_desks(office)
    gone = desk.patient("Gale", "Gus")
    owe(desk, gone, 8000, days_ago=150)
    collections.flag_for_collections(front.ws, gone.account_number, "No payment after four statements",
                                     "Acme Recovery")
    both_sync(front, billing)
    [row] = collections.list_collections(billing.ws)
    assert (row.guarantor.account_number, row.reason, row.agency, row.balance_when_flagged_cents) == \
        (gone.account_number, "No payment after four statements", "Acme Recovery", 8000)
    assert collections.list_collections(billing.ws) == collections.list_collections(front.ws)

    # billing sends the agency its list; the front desk's "only new" export then has nothing to send
    sent = collections.export_collections(billing.ws, office.folder / "agency.csv", only_new=True)
    assert sent.count == 1
    both_sync(billing, front)
    [row] = collections.list_collections(front.ws)
    assert row.exported_at is not None and row == collections.list_collections(billing.ws)[0]
    with pytest.raises(DomainError, match="nothing is in collections that was not exported before"):
        collections.export_collections(front.ws, office.folder / "again.csv", only_new=True)

    collections.release_from_collections(billing.ws, gone.account_number, "Paid by the family")
    both_sync(billing, front)
    assert collections.list_collections(front.ws) == []
    with front.ws.read() as conn:
        released = conn.execute(select(collection_accounts.c.release_reason, collection_accounts.c.reason)).all()
    assert [tuple(r) for r in released] == [("Paid by the family", "No payment after four statements")]
    assert all_rows(front) == all_rows(billing)
    apply_again(live_server, front, billing)
    assert_converged(live_server.db, [front, billing])


# --- the same made on two desks while apart ----------------------------------------------------------------------

def made_twice(s: Station) -> list[dict[str, Any]]:
    return [i for i in s.review() if i["status"] == "made_twice"]


def test_two_plans_made_offline_for_one_account_are_both_kept_and_listed(office: Office) -> None:
    front, billing, desk = two_desks(office)
    max_ = desk.patient("Moreno", "Max")
    owe(desk, max_, 30000, days_ago=70)
    both_sync(front, billing)
    here = payment_plans.create_plan(front.ws, max_.account_number, 30000, 10000, 15)  # neither desk syncs
    there = payment_plans.create_plan(billing.ws, max_.account_number, 30000, 5000, 1)
    both_sync(front, billing)
    assert {p.plan.plan_id for p in payment_plans.active_plans(front.ws)} == {here.plan_id, there.plan_id}
    [item] = made_twice(front)
    assert item["duplicate_of"] == here.plan_id
    assert f"Account {max_.account_number} now has two active payment plans: {there.plan_number}" in item["message"]
    [other] = made_twice(billing)
    assert other["duplicate_of"] == there.plan_id
    assert [r.kind for r in syncing.review_items(front.ws)] == ["Made twice offline"]
    # the biller cancels one; the other desk follows, and nothing more is listed
    payment_plans.cancel_plan(billing.ws, there.plan_id, "Made twice; the front desk's plan stands")
    both_sync(billing, front)
    assert [p.plan.plan_id for p in payment_plans.active_plans(front.ws)] == [here.plan_id]
    assert len(made_twice(front)) == 1 and len(made_twice(billing)) == 1


def test_an_account_flagged_on_two_desks_is_listed_once_and_released_once(office: Office,
                                                                            live_server: LiveServer) -> None:
    front, billing, desk = two_desks(office)
    gone = desk.patient("Gale", "Gus")
    owe(desk, gone, 8000, days_ago=150)
    both_sync(front, billing)
    collections.flag_for_collections(front.ws, gone.account_number, "No payment after four statements")
    billing.clock.now += timedelta(minutes=20)  # twenty minutes later, at the other desk
    collections.flag_for_collections(billing.ws, gone.account_number, "Returned mail", "Acme Recovery")
    both_sync(front, billing)
    for s in (front, billing):
        [row] = collections.list_collections(s.ws)  # once, with the older flag: the agency gets one line
        assert row.reason == "No payment after four statements"
        [item] = made_twice(s)
        assert "flagged for collections on two workstations" in item["message"]
    sent = collections.export_collections(billing.ws, office.folder / "agency.csv")
    assert sent.count == 1
    collections.release_from_collections(front.ws, gone.account_number, "Paid by the family")
    both_sync(front, billing)
    assert collections.list_collections(billing.ws) == [] and collections.list_collections(front.ws) == []
    assert all_rows(front) == all_rows(billing)
    assert_converged(live_server.db, [front, billing])


# --- holds --------------------------------------------------------------------------------------------------------

def test_a_hold_and_its_release_flow_between_desks(office: Office, live_server: LiveServer) -> None:
    front, billing, desk = two_desks(office)
    held = desk.patient("Hart", "Hana")
    owe(desk, held, 4000, days_ago=40)
    statements.hold_statements(front.ws, held.account_number, "Disputing the charge",
                               until=desk.today + timedelta(days=7))
    both_sync(front, billing)
    [hold] = statements.list_holds(billing.ws)
    assert (hold.guarantor_account, hold.reason, hold.until) == \
        (held.account_number, "Disputing the charge", desk.today + timedelta(days=7))
    [c] = [c for c in statements.preview_run(billing.ws).candidates
           if held.account_number in {p.account_number for p in c.guarantor.patients}]
    assert not c.selected  # held at the other desk: no statement here either
    # a new hold replaces the first (released at the same moment, on both desks)
    statements.hold_statements(billing.ws, held.account_number, "Waiting for the insurer's appeal")
    both_sync(billing, front)
    assert [h.reason for h in statements.list_holds(front.ws)] == ["Waiting for the insurer's appeal"]
    assert all_rows(front) == all_rows(billing)
    statements.release_hold(front.ws, held.account_number)
    both_sync(front, billing)
    assert statements.list_holds(billing.ws) == []
    assert all_rows(front) == all_rows(billing)
    apply_again(live_server, front, billing)
    assert_converged(live_server.db, [front, billing])


# --- statement runs -----------------------------------------------------------------------------------------------

def test_a_run_sent_at_one_desk_shows_in_the_others_history_and_reprints_byte_for_byte(
        office: Office, live_server: LiveServer) -> None:
    front, billing, desk = two_desks(office)
    people = [desk.patient(last, "Sam") for last in ("Avery", "Brooks", "Carter")]
    for n, p in enumerate(people):
        owe(desk, p, 2000 + n * 1000, days_ago=20 + n * 40)
    preview = statements.preview_run(front.ws)
    pdf = statements.run_pdf(preview)
    record = statements.record_run(front.ws, preview, pdf, "pdf", "statements.pdf")
    both_sync(front, billing)
    assert billing.review() == []
    assert statements.run_sha256(billing.ws, record.run_id) == record.pdf_sha256
    assert statements.reprint_run(billing.ws, record.run_id) == pdf
    assert statements.list_runs(billing.ws) == statements.list_runs(front.ws)
    for p in people:
        _, history = statements.statement_history(billing.ws, p.account_number)
        assert history == statements.statement_history(front.ws, p.account_number)[1]
        assert [h.run_number for h in history] == [record.run_number]
        assert statements.reprint_statement(billing.ws, history[0].statement_id) == \
            statements.reprint_statement(front.ws, history[0].statement_id)
    # "days since the last statement" counts the run at the other desk too
    again = statements.preview_run(billing.ws)
    assert again.chosen == ()
    assert {c.decision.skip for c in again.candidates} == {Skip.TOO_SOON}
    assert all(c.statements_sent == 1 and c.last_statement_on == record.as_of for c in again.candidates)
    assert all_rows(front) == all_rows(billing)
    apply_again(live_server, front, billing)
    assert_converged(live_server.db, [front, billing])


# --- a new workstation's snapshot ---------------------------------------------------------------------------------

def test_a_new_workstations_snapshot_has_plans_flags_holds_and_runs(office: Office, live_server: LiveServer) -> None:
    front = office.workstation("front desk")
    desk = make_desk(front.ws)
    ws = front.ws
    max_, gus, gil, hana, sam = (desk.patient(last, first) for last, first in (
        ("Moreno", "Max"), ("Gale", "Gus"), ("Gill", "Gil"), ("Hart", "Hana"), ("Avery", "Sam")))
    for p, cents, days in ((max_, 30000, 70), (gus, 8000, 150), (gil, 9000, 160), (hana, 4000, 40),
                           (sam, 2500, 20)):
        owe(desk, p, cents, days_ago=days)
    preview = statements.preview_run(ws)
    pdf = statements.run_pdf(preview)
    record = statements.record_run(ws, preview, pdf, "print", "printer Front")
    first_plan = payment_plans.create_plan(ws, max_.account_number, 30000, 10000, 15)
    payment_plans.cancel_plan(ws, first_plan.plan_id, "Changed the terms")
    payment_plans.create_plan(ws, max_.account_number, 30000, 15000, 20)
    collections.flag_for_collections(ws, gus.account_number, "No payment after four statements")
    collections.release_from_collections(ws, gus.account_number, "Settled")
    collections.flag_for_collections(ws, gil.account_number, "Moved away, no forwarding address", "Acme Recovery")
    collections.export_collections(ws, office.folder / "agency.csv")
    statements.hold_statements(ws, hana.account_number, "Disputing the charge")
    statements.hold_statements(ws, hana.account_number, "Still disputing")
    statements.release_hold(ws, hana.account_number)
    statements.hold_statements(ws, sam.account_number, "On vacation", until=desk.today + timedelta(days=10))
    front.sync()

    newcomer = office.workstation("satellite")
    first = newcomer.sync()
    assert first.snapshot_items > 0 and first.totals_match
    assert newcomer.review() == []
    assert all_rows(newcomer) == all_rows(front)
    assert statements.reprint_run(newcomer.ws, record.run_id) == pdf
    assert payment_plans.plans_for(newcomer.ws, max_.account_number) == \
        payment_plans.plans_for(ws, max_.account_number)
    assert collections.list_collections(newcomer.ws) == collections.list_collections(ws)
    assert [r.exported_at is not None for r in collections.list_collections(newcomer.ws)] == [True]
    assert statements.list_holds(newcomer.ws) == statements.list_holds(ws)
    assert_converged(live_server.db, [front, newcomer])
