"""The same balance paid on two workstations while both were offline (a patient pays the same $100 visit at two
offices). Each payment is valid where it was taken; at the server the second would take the receivable below
zero. The server's order decides: it posts a correction with the second payment (the overflow held as the
patient's credit), every workstation gets it (the one that pushed from the push reply, the others with the pulled
change, a new one in its snapshot), and afterwards every workstation equals the server, ledger counts and totals
match everywhere, no transaction is there twice, and each of the two workstations lists it once for review."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from account_support import Visit, seen
from front_desk_support import make_desk
from server_support import LiveServer, ServerDb, ledger_change
from sqlalchemy import select
from sync_support import Office, Station, assert_converged, ledger_totals

from medbill_desktop.domain import ledger as L
from medbill_desktop.domain.ledger import Party, patient_credit, receivable
from medbill_desktop.domain.patients import Patient
from medbill_desktop.server import security, store
from medbill_desktop.services import account_ledger, ledger, patient_payments, patients, sync_apply, syncing
from medbill_desktop.services.context import Workstation
from medbill_desktop.storage.tables import ledger_transactions
from medbill_desktop.sync import protocol, state


@pytest.fixture
def office(live_server: LiveServer, tmp_path: Path, practice: Any) -> Iterator[Office]:
    made = Office(tmp_path, practice, live_server.url, live_server.certs.ca_cert, live_server.db.code)
    yield made
    made.close()


def _two_desks_and_a_visit(office: Office, cents: int = 10000) -> tuple[Station, Station, Patient, Visit]:
    """A self-pay patient's visit of `cents`, known to two workstations (the second set up from the snapshot)."""
    front = office.workstation("front desk")
    desk = make_desk(front.ws)
    ann = desk.patient("Brown", "Ann")
    visit = seen(desk, ann, (("99213", cents),), days_ago=3)
    front.sync()
    satellite = office.workstation("satellite")
    satellite.sync()
    return front, satellite, ann, visit


def _owed(s: Station, ann: Patient, visit: Visit) -> int:
    [line] = visit.line_ids
    key = receivable(line, Party.PATIENT, ann.account_number)
    return ledger.balances(s.ws, [key])[key]


def _credit(s: Station, ann: Patient) -> int:
    key = patient_credit(ann.account_number)
    return -ledger.balances(s.ws, [key])[key]


def _paid_twice(s: Station) -> list[dict[str, Any]]:
    return [i for i in s.review() if i["status"] == protocol.CORRECTED]


def _tx_ids(s: Station) -> list[str]:
    with s.ws.read() as conn:
        return [str(i) for i in conn.execute(select(ledger_transactions.c.id)).scalars()]


def _corrections(db: ServerDb) -> list[tuple[Any, ...]]:
    return db.rows("SELECT t.tx_id, t.kind, t.source_key, t.seq, e.data->>'memo', e.data->>'corrects' "
                   "FROM ledger_transactions t JOIN entity_state e ON e.entity = 'ledger_transaction' "
                   "AND e.entity_id = t.tx_id WHERE e.data ? 'corrects'")


@pytest.mark.parametrize("first", ["front desk", "satellite"])
def test_a_visit_paid_in_full_at_two_offline_workstations_leaves_the_second_payment_as_credit(
        office: Office, live_server: LiveServer, first: str) -> None:
    front, satellite, ann, visit = _two_desks_and_a_visit(office)
    patient_payments.take_payment(front.ws, ann.id, 10000, "cash")
    patient_payments.take_payment(satellite.ws, ann.id, 10000, "check", "1001")
    assert _owed(front, ann, visit) == _owed(satellite, ann, visit) == 0  # each valid where it was taken

    early, late = (front, satellite) if first == "front desk" else (satellite, front)
    assert early.sync().corrections == 0
    pushed = late.sync()
    assert pushed.corrections == 1 and pushed.totals_match, pushed.differences
    assert _owed(late, ann, visit) == 0 and _credit(late, ann) == 10000
    early.sync()
    billing = office.workstation("billing")  # a new workstation: the snapshot carries the correction
    assert billing.sync().snapshot_items > 0
    assert_converged(live_server.db, [front, satellite, billing])

    [(fix_id, kind, source_key, seq, memo, corrects)] = _corrections(live_server.db)
    assert (kind, source_key) == ("transfer", None)
    assert memo == "Paid twice: $100.00 taken on two workstations is held as patient credit"
    late_payment = live_server.db.scalar(
        "SELECT entity_id FROM change_log WHERE event = 'ledger.payment_posted' AND origin_device = "
        "(SELECT device_id FROM devices WHERE name = %s)", late.name)
    assert corrects == late_payment  # the second payment at the server is the one corrected
    assert seq == live_server.db.scalar("SELECT seq FROM ledger_transactions WHERE tx_id = %s", late_payment)
    for s in (front, satellite, billing):
        assert _owed(s, ann, visit) == 0 and _credit(s, ann) == 10000, s.name
        ids = _tx_ids(s)
        assert len(ids) == len(set(ids)) and ids.count(fix_id) == 1, s.name
    assert live_server.db.scalar("SELECT count(*) FROM ledger_transactions") == len(_tx_ids(billing))
    account = account_ledger.account_ledger(billing.ws, ann.account_number)  # what the account screen shows
    assert (account.credit, account.balance_of(Party.PATIENT)) == (10000, 0)
    assert [(e.words, e.source) for e in account.entries if e.transaction_id == fix_id] == [(
        "$100.00 paid on " + next(e.line.visit_and_code for e in account.entries if e.line is not None)
        + " was more than was owed (it was paid twice); it is held as credit on your account.",
        "To credit on account")]

    # one review item on each of the two workstations, none where nobody took the money
    for s in (front, satellite):
        [item] = _paid_twice(s)
        assert item["change_id"] == fix_id and "Brown, Ann" in item["message"] and "$100.00" in item["message"]
        assert [i.kind for i in syncing.review_items(s.ws)] == ["Paid twice"], s.name
    assert billing.review() == []
    assert all(i["status"] == protocol.CORRECTED for s in (front, satellite) for i in s.review())

    # syncing again posts nothing again and lists nothing again
    for s in (front, satellite, billing):
        again = s.sync()
        assert (again.pushed, again.corrections, again.totals_match) == (0, 0, True)
    assert len(_paid_twice(front)) == len(_paid_twice(satellite)) == 1
    syncing.dismiss_review_item(front.ws, fix_id)
    assert _paid_twice(front) == []


def test_payments_of_60_and_70_on_a_100_balance_hold_30_as_credit(office: Office, live_server: LiveServer) -> None:
    front, satellite, ann, visit = _two_desks_and_a_visit(office)
    patient_payments.take_payment(front.ws, ann.id, 6000, "cash")
    patient_payments.take_payment(satellite.ws, ann.id, 7000, "card", "4242")
    assert (_owed(front, ann, visit), _owed(satellite, ann, visit)) == (4000, 3000)
    front.sync()
    assert satellite.sync().corrections == 1
    front.sync()
    assert_converged(live_server.db, [front, satellite])
    [(_, _, _, _, memo, _)] = _corrections(live_server.db)
    assert memo == "Paid twice: $30.00 taken on two workstations is held as patient credit"
    for s in (front, satellite):
        assert _owed(s, ann, visit) == 0 and _credit(s, ann) == 3000, s.name
        [item] = _paid_twice(s)
        assert "$30.00" in item["message"]
    assert ledger_totals(front.ws) == ledger_totals(satellite.ws)


def test_a_payment_that_fits_the_server_balance_is_not_corrected(office: Office, live_server: LiveServer) -> None:
    front, satellite, ann, visit = _two_desks_and_a_visit(office)
    patient_payments.take_payment(front.ws, ann.id, 4000, "cash")
    patient_payments.take_payment(satellite.ws, ann.id, 6000, "cash")
    front.sync()
    assert satellite.sync().corrections == 0
    front.sync()
    assert_converged(live_server.db, [front, satellite])
    assert _corrections(live_server.db) == []
    assert _owed(front, ann, visit) == 0 and _credit(front, ann) == 0
    assert front.review() == satellite.review() == []


# --- the server alone: the correction travels with its change --------------------------------------------------------

def _charge(change_id: str, tx_id: str, cents: int, line: str = "line-1", party: str = "patient") -> dict[str, Any]:
    found = ledger_change(change_id, tx_id, cents, line=line)
    found["data"]["postings"][0]["ref"] = f"{line}:{party}"
    return found


def _payment(change_id: str, tx_id: str, cents: int, line: str = "line-1", party: str = "patient") -> dict[str, Any]:
    return {"change_id": change_id, "entity": "ledger_transaction", "entity_id": tx_id,
            "event": "ledger.payment_posted", "created_at": "2026-11-02T15:00:00.000Z",
            "data": {"kind": "payment", "occurred_on": "2026-11-02", "memo": "", "source_key": f"frontdesk:{tx_id}",
                     "reverses": None, "postings": [
                         {"kind": "payment_batch", "ref": "drawer", "patient_account": None, "amount_cents": cents},
                         {"kind": "receivable", "ref": f"{line}:{party}", "patient_account": "acct-1",
                          "amount_cents": -cents}]}}


def _push(db: ServerDb, device: str, batch_id: str, *changes: dict[str, Any]) -> dict[str, Any]:
    with db.connect() as conn:
        return store.push(conn, db.practice_id, device, batch_id, 0,
                          [store.Change(c["change_id"], c["entity"], c["entity_id"], c["event"], c["data"],
                                        c["created_at"]) for c in changes])


def _devices(db: ServerDb) -> None:
    with db.connect() as conn:
        for name in ("d0", "d1"):
            conn.execute("INSERT INTO devices (device_id, practice_id, name, token_hash) VALUES (%s, %s, %s, %s)",
                         (name, db.practice_id, name, security.hash_secret(name)))


def _balances(db: ServerDb) -> dict[str, int]:
    return {r[0]: int(r[1]) for r in db.rows("SELECT account_code, sum(amount_cents) FROM ledger_postings "
                                             "GROUP BY account_code")}


def test_the_server_corrects_the_overflow_and_gives_the_correction_again_to_a_repeat(server_db: ServerDb) -> None:
    _devices(server_db)
    _push(server_db, "d0", "b0", _charge("c0", "charge-1", 10000))
    [first] = _push(server_db, "d0", "b1", _payment("c1", "pay-1", 6000))["results"]
    assert first["status"] == "applied" and protocol.CORRECTIONS_KEY not in first
    reply = _push(server_db, "d1", "b2", _payment("c2", "pay-2", 7000))
    [second] = reply["results"]
    [fix] = second[protocol.CORRECTIONS_KEY]
    assert fix["id"] == protocol.correction_id("c2") and fix[protocol.CORRECTS_KEY] == "pay-2"
    assert (fix["kind"], fix["source_key"], fix["reverses"], fix["occurred_on"]) == ("transfer", None, None,
                                                                                     "2026-11-02")
    assert {(p["kind"], p["ref"], p["amount_cents"]) for p in fix["postings"]} == {
        ("receivable", "line-1:patient", 3000), ("patient_credit", "acct-1", -3000)}
    assert _balances(server_db)["receivable:line-1:patient"] == 0
    assert _balances(server_db)["patient_credit:acct-1"] == -3000

    # the same batch again gets the stored reply; the same change under a new batch id gets its correction again
    assert _push(server_db, "d1", "b2", _payment("c2", "pay-2", 7000)) == reply
    [repeated] = _push(server_db, "d1", "b3", _payment("c2", "pay-2", 7000))["results"]
    assert repeated["repeated"] and repeated[protocol.CORRECTIONS_KEY] == [fix]
    assert server_db.scalar("SELECT count(*) FROM ledger_transactions") == 4  # charge, two payments, correction

    # a pull carries it in the change's data; a snapshot has it as its own ledger entity, at the change's seq
    with server_db.connect() as conn:
        pulled = store.pull(conn, server_db.practice_id, 0, 100)["changes"]
        items = store.snapshot(conn, server_db.practice_id, "", "", 100)["items"]
        totals = store.totals(conn, server_db.practice_id)
    assert [c["data"].get(protocol.CORRECTIONS_KEY) for c in pulled] == [None, None, [fix]]
    [entity] = [i for i in items if i["entity_id"] == fix["id"]]
    assert entity["last_seq"] == second["seq"] and entity["data"][protocol.CORRECTS_KEY] == "pay-2"
    assert totals["transactions"] == 4 and totals["accounts"]["patient_credit:acct-1"]["total_cents"] == -3000


def test_a_charge_and_its_payment_in_one_push_and_a_payer_paid_twice(server_db: ServerDb) -> None:
    _devices(server_db)
    # a charge and its payment in the same push: the charge counts
    results = _push(server_db, "d0", "b0", _charge("c0", "charge-1", 5000, line="line-2"),
                    _payment("c1", "pay-1", 5000, line="line-2"))["results"]
    assert [protocol.CORRECTIONS_KEY in r for r in results] == [False, False]
    # a payer's balance paid twice (two payments in one push, one after the other) is owed back to the payer
    _push(server_db, "d0", "b1", _charge("c2", "charge-2", 8000, line="line-3", party="primary"))
    [ok, over] = _push(server_db, "d1", "b2", _payment("c3", "pay-3", 8000, line="line-3", party="primary"),
                       _payment("c4", "pay-4", 8000, line="line-3", party="primary"))["results"]
    assert protocol.CORRECTIONS_KEY not in ok
    [fix] = over[protocol.CORRECTIONS_KEY]
    assert {(p["kind"], p["ref"], p["amount_cents"]) for p in fix["postings"]} == {
        ("receivable", "line-3:primary", 8000), ("refunds_payable", "acct-1", -8000)}
    assert fix["memo"] == "Paid twice: $80.00 posted on two workstations is owed back to the payer (refunds payable)"
    assert _balances(server_db)["receivable:line-3:primary"] == 0
    assert _balances(server_db)["refunds_payable:acct-1"] == -8000


def test_corrections_a_workstation_pushes_are_ignored(server_db: ServerDb) -> None:
    _devices(server_db)
    _push(server_db, "d0", "b0", _charge("c0", "charge-1", 10000))
    forged = _payment("c1", "pay-1", 1000)
    forged["data"][protocol.CORRECTIONS_KEY] = [protocol.correction("c1", "pay-1", "2026-11-02",
                                                                    [("line-1:patient", "acct-1", 5000)])]
    [result] = _push(server_db, "d0", "b1", forged)["results"]
    assert result["status"] == "applied" and protocol.CORRECTIONS_KEY not in result
    assert server_db.scalar("SELECT count(*) FROM change_log WHERE data ? 'corrections'") == 0
    assert server_db.scalar("SELECT count(*) FROM ledger_transactions") == 2


def test_a_pulled_correction_is_applied_once_before_its_payment(workstation: Workstation) -> None:
    """On a workstation: the pulled change's correction goes in first (it raises the receivable the payment
    credits); the same change again changes nothing and lists nothing again."""
    ann = patients.register_patient(workstation, Patient("Brown", "Ann", date(1980, 5, 17)))
    line = "line-x"
    ledger.post(workstation, L.charge(line, L.Party.PATIENT, ann.account_number, 10000, workstation.today()))
    target = L.receivable(line, L.Party.PATIENT, ann.account_number)
    ledger.post(workstation, L.payment("drawer", [(target, 10000)], workstation.today(), source_key="frontdesk:a"))
    other = _payment("c9", "pay-9", 10000, line=line)
    other["data"]["postings"][1]["patient_account"] = ann.account_number
    fix = protocol.correction("c9", "pay-9", "2026-11-02", [(f"{line}:patient", ann.account_number, 10000)])
    pulled = {**other, "seq": 7, "origin_device": "another", "data": {**other["data"],
                                                                       protocol.CORRECTIONS_KEY: [fix]}}
    for _ in range(2):
        with workstation.write() as conn:
            sync_apply.apply_changes(conn, [pulled], "this one")
    assert ledger.balances(workstation, [target])[target] == 0
    credit = L.patient_credit(ann.account_number)
    assert ledger.balances(workstation, [credit])[credit] == -10000
    with workstation.read() as conn:
        items = state.review_items(conn)
    assert [(i["status"], i["change_id"]) for i in items] == [(protocol.CORRECTED, fix["id"])]
    assert "Brown, Ann" in items[0]["message"]
