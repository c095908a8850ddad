"""Push: idempotency by batch id and by change id, duplicate remittances, refusals, gap-free sequence under
concurrent pushes, and per-field conflicts."""

from __future__ import annotations

import threading

import pytest
from server_support import LiveServer, change, ledger_change

from medbill_desktop.sync.client import ServerRefused


def test_the_same_batch_twice_gets_the_same_reply_and_writes_nothing_more(live_server: LiveServer) -> None:
    with live_server.enrolled() as client:
        changes = [change(f"c{i}", entity_id=f"p{i}") for i in range(5)] + [ledger_change("l1", "tx1")]
        first = client.push("batch-1", 0, changes)
        again = client.push("batch-1", 0, changes)
    assert again == first
    assert [r["status"] for r in first["results"]] == ["applied"] * 6
    assert [r["seq"] for r in first["results"]] == [1, 2, 3, 4, 5, 6]
    assert first["high_water"] == 6
    db = live_server.db
    assert db.scalar("SELECT count(*) FROM change_log") == 6
    assert db.scalar("SELECT count(*) FROM applied_changes") == 6
    assert db.scalar("SELECT count(*) FROM ledger_transactions") == 1
    assert db.scalar("SELECT count(*) FROM ledger_postings") == 2
    assert db.scalar("SELECT count(*) FROM push_receipts") == 1
    assert db.scalar("SELECT last_seq FROM practice_clock") == 6


def test_the_same_changes_under_a_new_batch_id_are_reported_as_already_applied(live_server: LiveServer) -> None:
    with live_server.enrolled() as client:
        changes = [change("c1"), ledger_change("l1", "tx1"), change("c2", entity_id="p2")]
        first = client.push("batch-1", 0, changes[:2])
        second = client.push("batch-2", 0, changes)  # a retry that also carries a new change
    assert [(r["change_id"], r["status"], r["seq"], r["repeated"]) for r in second["results"]] == [
        ("c1", "applied", 1, True), ("l1", "applied", 2, True), ("c2", "applied", 3, False)]
    assert [r["seq"] for r in first["results"]] == [1, 2]
    assert live_server.db.scalar("SELECT count(*) FROM change_log") == 3
    assert live_server.db.scalar("SELECT count(*) FROM ledger_transactions") == 1


def test_a_change_repeated_inside_one_batch_is_applied_once(live_server: LiveServer) -> None:
    with live_server.enrolled() as client:
        reply = client.push("b", 0, [change("c1"), change("c1")])
    assert [r["seq"] for r in reply["results"]] == [1, 1]
    assert live_server.db.scalar("SELECT count(*) FROM change_log") == 1


def test_a_remittance_posted_on_two_workstations_is_kept_once_and_the_second_reported(live_server: LiveServer) -> None:
    with live_server.enrolled("front desk") as a, live_server.enrolled("billing") as b:
        first = a.push("a1", 0, [ledger_change("a-l1", "tx-a", 5000, source_key="AETNA|TRACE123")])
        second = b.push("b1", 0, [ledger_change("b-l1", "tx-b", 5000, source_key="AETNA|TRACE123"),
                                  ledger_change("b-l2", "tx-c", 700, line="line-2")])
        again = b.push("b2", 0, [ledger_change("b-l1", "tx-b", 5000, source_key="AETNA|TRACE123")])
    assert first["results"][0]["status"] == "applied"
    dup, other = second["results"]
    assert dup["status"] == "duplicate" and dup["seq"] is None and dup["duplicate_of"] == "tx-a"
    assert "AETNA|TRACE123" in dup["message"] and "not posted again" in dup["message"]
    assert other["status"] == "applied" and other["seq"] == 2  # the duplicate took no seq: no gap
    assert again["results"][0] | {"repeated": False} == dup  # its earlier status, said again
    assert again["results"][0]["repeated"] is True
    db = live_server.db
    assert db.rows("SELECT tx_id FROM ledger_transactions ORDER BY seq") == [("tx-a",), ("tx-c",)]
    assert db.scalar("SELECT sum(amount_cents) FROM ledger_postings WHERE account_code = 'gross_charges:all'") == \
        -5700


def test_malformed_ledger_events_are_rejected_not_posted(live_server: LiveServer) -> None:
    unbalanced = ledger_change("l1", "tx1")
    unbalanced["data"]["postings"][0]["amount_cents"] = 101
    no_postings = ledger_change("l2", "tx2")
    no_postings["data"]["postings"] = []
    with live_server.enrolled() as client:
        reply = client.push("b", 0, [unbalanced, no_postings, change("c1")])
    statuses = [(r["status"], r["seq"]) for r in reply["results"]]
    assert statuses == [("rejected", None), ("rejected", None), ("applied", 1)]
    assert "do not balance" in reply["results"][0]["message"]
    assert "non-empty list of postings" in reply["results"][1]["message"]
    assert live_server.db.scalar("SELECT count(*) FROM ledger_transactions") == 0


def test_a_batch_id_of_another_device_is_refused(live_server: LiveServer) -> None:
    with live_server.enrolled("a") as a, live_server.enrolled("b") as b:
        a.push("same-id", 0, [change("c1")])
        with pytest.raises(ServerRefused) as refused:
            b.push("same-id", 0, [change("c2")])
    assert refused.value.status == 409


def test_concurrent_pushes_from_two_devices_give_a_gap_free_sequence_in_commit_order(live_server: LiveServer) -> None:
    batches, per_batch = 15, 20
    replies: dict[str, list[dict]] = {"a": [], "b": []}  # type: ignore[type-arg]
    errors: list[BaseException] = []

    def worker(name: str) -> None:
        try:
            with live_server.enrolled(name) as client:
                for n in range(batches):
                    changes = [change(f"{name}-{n}-{i}", entity_id=f"{name}-{i % 3}") for i in range(per_batch)]
                    changes.append(ledger_change(f"{name}-{n}-l", f"{name}-{n}-tx", 100 + n))
                    replies[name].append(client.push(f"{name}-{n}", 0, changes))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    total = 2 * batches * (per_batch + 1)
    seqs = [r[0] for r in live_server.db.rows("SELECT seq FROM change_log ORDER BY seq")]
    assert seqs == list(range(1, total + 1))
    # each batch's changes are contiguous (pushes commit one after another) and follow one another in time
    for reply in replies["a"] + replies["b"]:
        got = [r["seq"] for r in reply["results"]]
        assert got == list(range(got[0], got[0] + per_batch + 1))
        assert reply["high_water"] == got[-1]
    # the batches of both devices tile the sequence: each took the next block, none interleaved
    blocks = sorted((r["results"][0]["seq"], r["high_water"]) for r in replies["a"] + replies["b"])
    assert [b[0] for b in blocks] == [1] + [b[1] + 1 for b in blocks[:-1]]
    assert {r["results"][0]["change_id"][0] for r in replies["a"]} == {"a"}
    assert live_server.db.scalar("SELECT last_seq FROM practice_clock") == total


def test_two_edits_of_one_phone_number_leave_exactly_one_conflict(live_server: LiveServer) -> None:
    with live_server.enrolled("front desk") as a, live_server.enrolled("billing") as b:
        a.push("a0", 0, [change("reg", event="patient.registered", home_phone="217-555-0100", email="x@y.org")])
        # both have seen the registration (seq 1); each changes the phone without seeing the other's change
        a.push("a1", 1, [change("a-phone", home_phone="217-555-0111")])
        reply = b.push("b1", 1, [change("b-phone", home_phone="217-555-0222", email="new@y.org")])
        assert reply["conflicts"] == 1
        # a later edit made after pulling everything is no conflict
        assert a.push("a2", 3, [change("a-phone-2", home_phone="217-555-0333")])["conflicts"] == 0
        conflicts = b.conflicts()
        assert len(conflicts) == 1
        c = conflicts[0]
        assert (c["entity"], c["entity_id"], c["field"]) == ("patient", "p1", "home_phone")
        assert (c["kept_value"], c["overwritten_value"]) == ("217-555-0222", "217-555-0111")
        assert c["overwritten_device"] == a.device_id and c["kept_device"] == b.device_id
        # restoring the overwritten value is a new change every workstation pulls
        resolved = b.resolve_conflict(c["id"], "restore")
        assert resolved["high_water"] == 5
        restored = b.pull(4)["changes"]
        assert [(x["event"], x["data"]) for x in restored] == [
            ("patient.conflict_restored", {"home_phone": "217-555-0111"})]
        assert b.conflicts() == []
        with pytest.raises(ServerRefused) as twice:
            b.resolve_conflict(c["id"], "keep")
        assert twice.value.status == 409
    state = live_server.db.scalar("SELECT data FROM entity_state WHERE entity = 'patient' AND entity_id = 'p1'")
    assert state == {"home_phone": "217-555-0111", "email": "new@y.org"}
