"""A first snapshot puts patients, coverages, eligibility checks, encounters, claims, claim submissions, ledger
transactions, payment batches and patient payments in bulk (services.sync_apply._BULK). A workstation built that
way equals one that took the same snapshot through the appliers, change by change, table by table; and for those
kinds it equals a workstation that applied the server's whole change log one change at a time."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from front_desk_support import make_desk
from posting_support import adjudication, eob, paid_line, submitted_claim
from server_support import LiveServer
from sqlalchemy import select
from sync_support import Office, Station

from medbill_desktop.domain.claim_form import ClaimExtras
from medbill_desktop.domain.coverage import EligibilityCheck, EligibilityMethod
from medbill_desktop.domain.encounters import ServiceLine
from medbill_desktop.domain.patients import Guarantor, GuarantorRelationship
from medbill_desktop.domain.practice import Address
from medbill_desktop.server import store
from medbill_desktop.services import claims, coverage, encounters, patient_payments, patients, posting, sync_apply
from medbill_desktop.storage.tables import metadata
from medbill_desktop.sync import protocol, runner, state

BULK_KINDS = ("patient", "coverage", "eligibility_check", "encounter", "claim", "claim_submission",
              protocol.LEDGER_ENTITY, "payment_batch", "patient_payment")
# what the applier and the bulk path write alike, but each with an id or a time of its own making
_RANDOM_ID = {"claim_state_history", "ledger_postings", "ledger_accounts", "fee_schedule", "payer_allowed_amounts"}
# the new workstation's own set-up (its admin, its outbox, its name) and the audit entry of the apply
_OWN = {"users", "outbox", "workstation", "audit_log"}
_STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")


@pytest.fixture
def office(live_server: LiveServer, tmp_path: Path, practice: Any) -> Iterator[Office]:
    made = Office(tmp_path, practice, live_server.url, live_server.certs.ca_cert, live_server.db.code)
    yield made
    made.close()


def _a_practice_at_work(front: Station) -> None:
    """Some of every kind the bulk path takes, and of what sends an item back to the appliers (claim extras)."""
    desk = make_desk(front.ws)
    garcia = submitted_claim(desk, "Garcia")
    lee = submitted_claim(desk, "Lee", desk.aetna, desk.medicare, first="Ann")
    posting.post_batch(front.ws, eob(desk.aetna, "CHK2001", adjudication(
        garcia, paid_line(garcia, 1, allowed=8000, paid=6400, coinsurance=1600),
        paid_line(garcia, 2, allowed=1500, paid=1500))))
    claims.add_note(front.ws, lee.claim_number, "Called Aetna: in process.")
    claims.add_note(front.ws, lee.claim_number, "Called again: paid next week.")
    claims.set_follow_up(front.ws, lee.claim_number, date(2026, 11, 20))
    claims.set_payer_reference(front.ws, lee.claim_number, "AET-778812")
    kid = desk.patient("Lee", "Max", date(2015, 6, 1), middle_name="J", cell_phone="(217) 555-0123",
                       guarantor=Guarantor("Lee", "Ann", GuarantorRelationship.PARENT,
                                           Address("9 Elm St", "Springfield", "IL", "62704"), "(217) 555-0188"))
    [cov] = desk.insure(kid, desk.medicare)
    coverage.record_eligibility_check(front.ws, EligibilityCheck(
        cov.id, desk.today, "Ada Admin", EligibilityMethod.PORTAL, True, copay_cents=1500, reference_number="EV1"))
    coverage.record_eligibility_check(front.ws, EligibilityCheck(
        cov.id, desk.today, "Ada Admin", EligibilityMethod.PHONE, False, note="lapsed in May"))
    encounters.save_encounter(front.ws, desk.encounter(kid, lines=(("99214", 18000),), diagnoses=("I10",)))  # draft
    visit = encounters.save_encounter(front.ws, replace(desk.encounter(kid, days_ago=2), lines=(
        ServiceLine("99213", 12500, modifiers=("25",), pointers=(1, 2)),
        ServiceLine("36415", 1500, units=2, pointers=(2,)))))
    finalized = encounters.finalize_encounter(front.ws, visit.id)
    claims.save_claim_extras(front.ws, finalized.claims[0].claim_number,
                             ClaimExtras(employment_related=True, claim_codes="AB"))
    patient_payments.take_payment(front.ws, kid.id, 2000, "cash")
    patients.update_patient(front.ws, replace(patients.get_patient(front.ws, kid.id), email="max@example.org"))


def _snapshot_items(live_server: LiveServer) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    after = ("", "")
    with live_server.db.connect() as conn:
        while True:
            page = store.snapshot(conn, live_server.db.practice_id, *after, 7)  # several pages
            items += page["items"]
            if page["next"] is None:
                return items
            after = (page["next"]["after_entity"], page["next"]["after_id"])


def _joining(station: Station) -> Any:
    """As sync.runner.load_snapshot begins: the new workstation's own practice record and settings stay unsent."""
    conn = station.ws.db.engine.connect()
    conn.begin()
    dropped = [r["change_id"] for r in state.pending(conn, 1_000_000) if r["event"] in runner.JOINING_DROPS]
    state.mark_sent(conn, dropped, "2026-11-02T15:00:00.000Z")
    return conn


def _masked(value: Any, every_stamp: bool = False) -> Any:
    """A time stamp of the apply itself (taken from the computer's clock, not the workstation's) as '<now>'; with
    `every_stamp`, every time stamp (an applier of a pulled change takes the change's own time)."""
    if isinstance(value, str) and _STAMP.match(value):
        if every_stamp:
            return "<time>"
        try:
            at = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
        if at.tzinfo is not None and abs((at - datetime.now(UTC)).total_seconds()) < 3600:
            return "<now>"
    return value


def _tables(station: Station, names: set[str] | None = None, every_stamp: bool = False) -> dict[str, list[str]]:
    """Every table's rows (sorted, as JSON), account ids as account codes."""
    out: dict[str, list[str]] = {}
    with station.ws.read() as conn:
        codes = {r.id: r.code for r in conn.execute(select(metadata.tables["ledger_accounts"]))}
        for table in metadata.sorted_tables:
            if table.name in _OWN or (names is not None and table.name not in names):
                continue
            rows = []
            for r in conn.execute(select(table)):
                row = {k: _masked(v, every_stamp) for k, v in r._mapping.items()}
                if table.name == "settings" and row["key"] == state.ALIASES_KEY:
                    continue  # (the server's admin is this workstation's own admin, whose id is its own)
                if table.name == "settings" and row["key"] == state.REVIEW_KEY:  # listed when: now
                    row["value"] = [{k: v for k, v in i.items() if k != "at"} for i in json.loads(row["value"])]
                if table.name in _RANDOM_ID:
                    row.pop("id")
                if "account_id" in row:
                    row["account_id"] = codes[row["account_id"]]
                rows.append(json.dumps(row, sort_keys=True, default=str))
            out[table.name] = sorted(rows)
    return out


def test_a_snapshot_in_bulk_equals_the_snapshot_through_the_appliers_and_the_log_change_by_change(
        office: Office, live_server: LiveServer) -> None:
    front = office.workstation("front desk")
    _a_practice_at_work(front)
    front.sync()
    items = _snapshot_items(live_server)
    kinds = {i["entity"] for i in items}
    assert set(BULK_KINDS) <= kinds
    # one that cannot go in (its coverage is nowhere): the bulk write of its kind fails, is written again chunk
    # by chunk, and the failing chunk goes through the appliers, which list it for review
    check = next(i for i in items if i["entity"] == "eligibility_check")
    items.append({**check, "entity_id": "a-check-of-no-coverage", "data": {**check["data"], "coverage_id": "nowhere"}})

    bulk, one_by_one, from_log = (office.workstation(n, enroll=False) for n in ("bulk", "appliers", "log"))
    reports = {}
    for station, in_bulk in ((bulk, True), (one_by_one, False)):
        conn = _joining(station)
        reports[in_bulk] = sync_apply.apply_snapshot(conn, items, in_bulk=in_bulk)
        conn.commit()
        conn.close()
    extras = {i["entity_id"] for i in items if i["entity"] == "encounter" and "claim_number" in i["data"]}
    assert len(extras) == 1  # (an encounter with claim extras goes to the appliers)
    checks = sum(i["entity"] == "eligibility_check" for i in items)
    assert reports[True].in_bulk == {
        kind: 0 if kind == "eligibility_check" else sum(i["entity"] == kind and i["entity_id"] not in extras
                                                        for i in items) for kind in BULK_KINDS}
    assert reports[False].in_bulk == {}
    [bulk_review], [applier_review] = reports[True].review, reports[False].review
    assert bulk_review["entity_id"] == "a-check-of-no-coverage" and "FOREIGN KEY" in bulk_review["message"]
    assert {**bulk_review, "at": ""} == {**applier_review, "at": ""}
    assert checks > 1  # (the others of the failed chunk went in through the appliers)

    made_in_bulk = _tables(bulk)
    assert made_in_bulk == _tables(one_by_one)
    for name in ("patients", "patient_phones", "coverages", "eligibility_checks", "encounters",
                 "encounter_diagnoses", "service_lines", "claims", "claim_tracking", "claim_notes",
                 "claim_submissions", "ledger_transactions", "ledger_postings", "patient_payments",
                 "payment_batches", "claim_adjudications", "line_adjudications", "batch_transactions"):
        assert made_in_bulk[name], name  # each kind was there to compare

    log = [dict(zip(("seq", "change_id", "origin_device", "entity", "entity_id", "event", "data", "created_at"), r,
                    strict=True))
           for r in live_server.db.rows("SELECT seq, change_id, origin_device, entity, entity_id, event, data, "
                                        "created_at FROM change_log ORDER BY seq")]
    conn = _joining(from_log)
    assert sync_apply.apply_changes(conn, log, "another device").review == []
    conn.commit()
    conn.close()
    # (the log's claims have every status change in their history and every note; a snapshot, the latest)
    compared = {"patients", "patient_phones", "coverages", "eligibility_checks", "encounters", "encounter_diagnoses",
                "service_lines", "claims", "claim_tracking", "claim_submissions", "ledger_transactions",
                "ledger_postings", "ledger_accounts", "claim_extras", "patient_payments", "payment_batches",
                "claim_adjudications", "line_adjudications", "adjudication_adjustments", "batch_transactions"}
    from_the_log, in_bulk = (_tables(s, compared, every_stamp=True) for s in (from_log, bulk))
    for made in (from_the_log, in_bulk):  # a snapshot's ledger transactions are posted by "sync", not by whom
        made["ledger_transactions"] = sorted(re.sub(r'"actor": "[^"]*"', '"actor": ?', r)
                                             for r in made["ledger_transactions"])
    assert from_the_log == in_bulk

