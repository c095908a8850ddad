"""Workstations of one practice working offline and syncing through the practice server on loopback, with every
pulled change applied to their own encrypted databases. Afterwards every workstation equals the server:
patients and coverages field by field, claim statuses, ledger counts and totals per account; no transaction
twice; each overwritten edit left exactly one conflict."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from front_desk_support import icd10_slice, make_desk
from posting_support import adjudication, claim_status, eob, paid_line, submitted_claim
from server_support import LiveServer
from sqlalchemy import select
from sync_support import Office, Station, assert_converged, claim_statuses, count, ledger_totals, patients_of, usernames

from medbill_desktop.domain.coverage import Coverage
from medbill_desktop.domain.ledger import Party
from medbill_desktop.domain.patients import Patient, Sex
from medbill_desktop.domain.practice import Address
from medbill_desktop.domain.reference import Payer, PlanType, Submission
from medbill_desktop.domain.roles import Role
from medbill_desktop.services import (
    claims,
    codes,
    coverage,
    patient_payments,
    patients,
    posting,
    reference_data,
    sync_apply,
    syncing,
    users,
)
from medbill_desktop.storage.tables import claim_notes, claim_state_history, payment_batches


@pytest.fixture
def office(live_server: LiveServer, tmp_path: Path, practice: Any) -> Iterator[Office]:
    made = Office(tmp_path, practice, live_server.url, live_server.certs.ca_cert, live_server.db.code)
    yield made
    made.close()


def _phone(s: Station, patient_id: str) -> str:
    return patients.get_patient(s.ws, patient_id).home_phone


def _set_phone(s: Station, patient_id: str, phone: str) -> None:
    patients.update_patient(s.ws, replace(patients.get_patient(s.ws, patient_id), home_phone=phone))


def test_a_day_at_three_workstations_leaves_every_one_equal_to_the_server(office: Office, live_server: LiveServer
                                                                           ) -> None:
    satellite = office.workstation("satellite")
    assert satellite.sync().snapshot_items == 0  # enrolled before anything was on the server: it pulls the log
    front = office.workstation("front desk")
    desk = make_desk(front.ws)
    garcia = submitted_claim(desk, "Garcia")
    lee = submitted_claim(desk, "Lee", first="Ann")
    front.sync()

    billing = office.workstation("billing", days_ahead=3)  # its clock three days ahead
    first = billing.sync()
    assert first.snapshot_items > 0 and first.totals_match
    assert patients_of(billing.ws) == patients_of(front.ws)
    codes.load_icd10(billing.ws, icd10_slice())  # code sets are loaded on each workstation

    # billing posts Garcia's EOB and follows up on Lee's claim; the satellite registers and takes a payment;
    # the front desk moves Lee to a new address, all offline
    posting.post_batch(billing.ws, eob(desk.aetna, "CHK1001", adjudication(
        garcia, paid_line(garcia, 1, allowed=8000, paid=6400, coinsurance=1600),
        paid_line(garcia, 2, allowed=1500, paid=1500))))
    claims.add_note(billing.ws, lee.claim_number, "Called Aetna: in process.")
    claims.set_follow_up(billing.ws, lee.claim_number, date(2026, 11, 20))
    satellite.sync()
    walk_in = patients.register_patient(satellite.ws, Patient("Okafor", "Chidi", date(1990, 1, 2), Sex.MALE,
                                                              home_phone="(217) 555-0142"))
    patient_payments.take_payment(satellite.ws, walk_in.id, 2000, "cash")
    [lee_hit] = patients.search_patients(front.ws, "lee, ann")
    lee_patient = patients.get_patient(front.ws, lee_hit.id)
    patients.update_patient(front.ws, replace(lee_patient, address=Address("9 Elm St", "Springfield", "IL", "62702")))

    for s in (satellite, billing, front, satellite, billing):
        s.sync()
    assert_converged(live_server.db, [front, billing, satellite])
    assert claim_status(front.ws, garcia.claim_number) == "paid"
    with front.ws.read() as conn:
        assert conn.execute(select(claim_notes.c.text)).scalars().all() == ["Called Aetna: in process."]
        notes_history = conn.execute(select(claim_state_history.c.note)
                                     .where(claim_state_history.c.claim_id == garcia.claim_id)).scalars().all()
    assert any("another workstation" in n for n in notes_history)
    assert patients_of(satellite.ws)[lee_hit.id]["address"]["line1"] == "9 Elm St"
    assert live_server.db.scalar("SELECT count(*) FROM conflicts") == 0
    assert all(s.review() == [] for s in (front, billing, satellite))
    assert usernames(billing.ws) == ["admin"]  # the same manager set up on each workstation is one user

    # nothing more to do: a sync pushes and pulls nothing and the totals still match
    quiet = front.sync()
    assert (quiet.pushed, quiet.pulled, quiet.totals_match) == (0, 0, True)


def test_the_same_eob_posted_on_two_workstations_is_posted_once_and_shown_for_review(office: Office,
                                                                                    live_server: LiveServer) -> None:
    front = office.workstation("front desk")
    desk = make_desk(front.ws)
    claim = submitted_claim(desk, "Garcia")
    front.sync()
    billing = office.workstation("billing")
    billing.sync()

    def the_eob() -> Any:
        return eob(desk.aetna, "CHK2002", adjudication(
            claim, paid_line(claim, 1, allowed=8000, paid=6400, coinsurance=1600),
            paid_line(claim, 2, allowed=1500, paid=1500)))

    posting.post_batch(front.ws, the_eob())
    posting.post_batch(billing.ws, the_eob())  # the same paper EOB, keyed again at the other desk
    front.sync()
    report = billing.sync()
    assert [d["event"] for d in report.duplicates] == ["payment.batch_posted"]
    assert "already posted" in report.duplicates[0]["message"]
    front.sync()
    assert_converged(live_server.db, [front, billing])
    assert live_server.db.scalar("SELECT count(*) FROM change_log WHERE event = 'payment.batch_posted'") == 1
    # the second posting stays on its workstation, listed for review; the first is not posted there again
    review = billing.review()
    assert {(i["direction"], i["status"]) for i in review} == {("pushed", "duplicate"), ("pulled", "duplicate")}
    shown = syncing.review_items(billing.ws)
    assert len(shown) == 2 and {i.kind for i in shown} == {"Duplicate remittance"}
    assert count(billing.ws, payment_batches) == count(front.ws, payment_batches) == 1
    assert front.review() == []
    syncing.dismiss_review_item(billing.ws, review[0]["change_id"])
    assert len(billing.review()) == 1


def test_two_edits_of_one_phone_number_leave_one_conflict_that_the_inbox_shows_and_restores(
        office: Office, live_server: LiveServer) -> None:
    front = office.workstation("front desk")
    patient = patients.register_patient(front.ws, Patient("Adams", "Ruth", date(1950, 4, 1), Sex.FEMALE,
                                                          home_phone="(217) 555-0100", email="ruth@example.org"))
    front.sync()
    billing = office.workstation("billing", days_ahead=3)
    billing.sync()

    _set_phone(front, patient.id, "(217) 555-0111")  # both offline: the front desk first
    _set_phone(billing, patient.id, "(217) 555-0222")
    patients.update_patient(billing.ws, replace(patients.get_patient(billing.ws, patient.id), email="r@example.org"))
    front.sync()
    assert billing.sync().conflicts == 1  # the later arrival wins; the overwritten value is kept
    front.sync()
    assert _phone(front, patient.id) == _phone(billing, patient.id) == "2175550222"
    assert patients.get_patient(front.ws, patient.id).email == "r@example.org"  # an untouched field is no conflict
    assert_converged(live_server.db, [front, billing])
    assert live_server.db.scalar("SELECT count(*) FROM conflicts") == 1

    [conflict] = syncing.conflicts(front.ws)
    assert (conflict.field, conflict.kept_text, conflict.overwritten_text) == \
        ("home_phone", "(217) 555-0222", "(217) 555-0111")
    assert "Adams, Ruth" in conflict.what and conflict.field_label == "Home phone"
    syncing.resolve_conflict(front.ws, conflict.id, "restore")
    assert _phone(front, patient.id) == "2175550111"  # restored here at once (the restore came back with the pull)
    billing.sync()
    assert _phone(billing, patient.id) == "2175550111"
    assert syncing.conflicts(billing.ws) == []
    assert_converged(live_server.db, [front, billing])


def test_edits_of_different_fields_of_one_coverage_both_survive_without_a_conflict(office: Office,
                                                                                  live_server: LiveServer) -> None:
    front = office.workstation("front desk")
    desk = make_desk(front.ws)
    p = desk.patient("Baker")
    [cov] = desk.insure(p, desk.aetna)
    front.sync()
    billing = office.workstation("billing")
    billing.sync()
    coverage.set_coverages(front.ws, p.id, [replace(cov, copay_cents=4000)])
    coverage.set_coverages(billing.ws, p.id, [replace(cov, group_number="GRP9")])
    front.sync()
    billing.sync()
    front.sync()
    assert live_server.db.scalar("SELECT count(*) FROM conflicts") == 0
    for s in (front, billing):
        [now] = coverage.list_coverages(s.ws, p.id)
        assert (now.copay_cents, now.group_number) == (4000, "GRP9")
    # saving without a change sends nothing
    front_pending = front.sync().pushed
    coverage.set_coverages(front.ws, p.id, coverage.list_coverages(front.ws, p.id))
    assert front_pending == 0 and front.sync().pushed == 0

    # a secondary coverage added on one workstation, then taken off again on the other
    coverage.set_coverages(billing.ws, p.id, [*coverage.list_coverages(billing.ws, p.id), Coverage(
        p.id, desk.medicare.id, Party.SECONDARY, "1EG4TE5MK72", effective_from=date(2026, 1, 1))])
    billing.sync()
    front.sync()
    assert [c.payer_id for c in coverage.list_coverages(front.ws, p.id)] == [desk.aetna.id, desk.medicare.id]
    coverage.set_coverages(front.ws, p.id, coverage.list_coverages(front.ws, p.id)[:1])
    front.sync()
    billing.sync()
    assert [c.payer_id for c in coverage.list_coverages(billing.ws, p.id)] == [desk.aetna.id]
    assert_converged(live_server.db, [front, billing])


def test_clocks_three_days_apart_do_not_decide_the_winner_arrival_at_the_server_does(
        office: Office, live_server: LiveServer) -> None:
    front = office.workstation("front desk")
    patient = patients.register_patient(front.ws, Patient("Clark", "Sam", date(1970, 7, 7), Sex.MALE))
    front.sync()
    ahead = office.workstation("satellite", days_ahead=3)
    ahead.sync()
    _set_phone(ahead, patient.id, "(217) 555-0333")  # stamped three days "later"
    ahead.sync()
    _set_phone(front, patient.id, "(217) 555-0444")  # stamped earlier, but arrives later: it wins
    front.sync()
    ahead.sync()
    assert _phone(ahead, patient.id) == _phone(front, patient.id) == "2175550444"
    stamps = live_server.db.rows("SELECT created_at FROM change_log WHERE event = 'patient.updated' ORDER BY seq")
    assert [s[0][:10] for s in stamps] == ["2026-11-05", "2026-11-02"]
    assert live_server.db.scalar("SELECT count(*) FROM conflicts") == 1
    assert_converged(live_server.db, [front, ahead])


def test_users_and_reference_data_flow_from_the_server(office: Office, live_server: LiveServer) -> None:
    front = office.workstation("front desk")
    desk = make_desk(front.ws)
    users.add_user(front.ws, "maria", "Maria Lopez", Role.BILLER, "maria-pass-12")
    front.sync()
    billing = office.workstation("billing")
    billing.sync()
    assert usernames(billing.ws) == ["admin", "maria"]
    users.sign_out(billing.ws)
    assert users.sign_in(billing.ws, "maria", "maria-pass-12").role is Role.BILLER  # her password works here too
    users.sign_in(billing.ws, "admin", "admin-pass-1")
    users.set_role(front.ws, "maria", Role.MANAGER)
    users.reset_password(front.ws, "maria", "new-pass-3456")
    reference_data.save_payer(front.ws, replace(desk.medicare, timely_filing_days=90))
    added = reference_data.save_payer(front.ws, Payer("Blue Cross", PlanType.GROUP_HEALTH_PLAN, Submission.ELECTRONIC,
                                                      edi_id="00060"))
    front.sync()
    billing.sync()
    users.sign_out(billing.ws)
    assert users.sign_in(billing.ws, "maria", "new-pass-3456").role is Role.MANAGER
    users.sign_in(billing.ws, "admin", "admin-pass-1")
    payers = {p.id: p for p in reference_data.list_payers(billing.ws)}
    assert payers[desk.medicare.id].timely_filing_days == 90 and added.id in payers
    assert {f.procedure for f in reference_data.list_fees(billing.ws)} == set(desk.fees)
    assert_converged(live_server.db, [front, billing])


def test_a_pulled_change_applied_twice_changes_nothing(office: Office, live_server: LiveServer) -> None:
    front = office.workstation("front desk")
    desk = make_desk(front.ws)
    claim = submitted_claim(desk, "Garcia")
    posting.post_batch(front.ws, eob(desk.aetna, "CHK3003", adjudication(
        claim, paid_line(claim, 1, allowed=8000, paid=6400, coinsurance=1600),
        paid_line(claim, 2, allowed=1500, paid=1500))))
    front.sync()
    billing = office.workstation("billing")
    billing.sync()  # the snapshot
    log = [dict(zip(("seq", "change_id", "origin_device", "entity", "entity_id", "event", "data", "created_at"), r,
                    strict=True))
           for r in live_server.db.rows("SELECT seq, change_id, origin_device, entity, entity_id, event, data, "
                                        "created_at FROM change_log ORDER BY seq")]

    def picture() -> tuple[Any, ...]:
        return (ledger_totals(billing.ws), claim_statuses(billing.ws), patients_of(billing.ws),
                count(billing.ws, claim_state_history), count(billing.ws, claim_notes),
                count(billing.ws, payment_batches))

    taken = picture()
    with billing.ws.write() as conn:  # the whole log again, over the snapshot
        sync_apply.apply_changes(conn, log, "another device")
    once = picture()
    assert once[:3] == taken[:3] and once[5] == taken[5]
    with billing.ws.write() as conn:
        sync_apply.apply_changes(conn, log, "another device")
    assert picture() == once
    assert billing.review() == []
