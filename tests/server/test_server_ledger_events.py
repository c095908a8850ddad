"""Ledger events at the server: a payment batch posts all of its transactions at once (and each is its own entity
in a snapshot); a batch with a transaction or source key the server has is a duplicate as a whole; a reversal of
a transaction the server does not have, or has reversed already, is not posted; a payment against a patient's
account is not an edit of the patient (no conflict)."""

from __future__ import annotations

from typing import Any

import pytest
from server_support import ServerDb, change, ledger_change

from medbill_desktop.server import security, store
from medbill_desktop.sync import protocol

BATCH_FIELDS = ["id", "kind", "occurred_on", "memo", "source_key", "reverses", "postings"]


def _devices(db: ServerDb) -> list[str]:
    with db.connect() as conn:
        for n in range(2):
            conn.execute("INSERT INTO devices (device_id, practice_id, name, token_hash) VALUES (%s, %s, %s, %s)",
                         (f"d{n}", db.practice_id, f"d{n}", security.hash_secret(f"d{n}")))
    return ["d0", "d1"]


def _batch(change_id: str, batch_id: str, *txs: list[Any], event: str = "payment.batch_posted") -> dict[str, Any]:
    return {"change_id": change_id, "entity": "payment_batch", "entity_id": batch_id, "event": event,
            "created_at": "2026-11-02T15:00:00.000Z",
            "data": {"batch_number": "ABC000001", "source_key": f"AETNA|{batch_id}", "transaction_fields": BATCH_FIELDS,
                     "transactions": list(txs), "claim_status": []}}


def _tx(tx_id: str, cents: int, source_key: str | None = None, reverses: str | None = None) -> list[Any]:
    return [tx_id, "reversal" if reverses else "payment", "2026-10-30", "", source_key, reverses,
            [["payment_batch:b1", None, cents], ["receivable:line-1:patient", "acct-1", -cents]]]  # (charge-1's)


def _push(db: ServerDb, device: str, batch_id: str, *changes: dict[str, Any]) -> list[dict[str, Any]]:
    with db.connect() as conn:
        reply = store.push(conn, db.practice_id, device, batch_id, 0,
                           [store.Change(c["change_id"], c["entity"], c["entity_id"], c["event"], c["data"],
                                         c["created_at"]) for c in changes])
    return list(reply["results"])


def test_a_payment_batch_posts_every_transaction_and_snapshots_each(server_db: ServerDb) -> None:
    d0, d1 = _devices(server_db)
    [charge] = _push(server_db, d0, "b0", ledger_change("c0", "charge-1", 10000, line="line-1"))
    assert charge["status"] == "applied"
    batch = _batch("c1", "batch-1", _tx("t1", 6000, "AETNA|K1|CLM1"), _tx("t2", 1000, "AETNA|K1|CLM2"))
    [result] = _push(server_db, d0, "b1", batch)
    assert (result["status"], result["seq"]) == ("applied", 2)
    assert server_db.rows("SELECT tx_id, seq, kind FROM ledger_transactions ORDER BY tx_id") == [
        ("charge-1", 1, "charge"), ("t1", 2, "payment"), ("t2", 2, "payment")]
    with server_db.connect() as conn:
        totals = store.totals(conn, server_db.practice_id)
        snapshot = store.snapshot(conn, server_db.practice_id, "", "", 100)
    assert totals["accounts"]["payment_batch:b1"] == {"postings": 2, "total_cents": 7000}
    ledger = {i["entity_id"]: i for i in snapshot["items"] if i["entity"] == protocol.LEDGER_ENTITY}
    assert set(ledger) == {"charge-1", "t1", "t2"}
    assert ledger["t1"]["data"]["postings"][0] == {"kind": "payment_batch", "ref": "b1", "patient_account": None,
                                                   "amount_cents": 6000}
    assert protocol.ledger_transactions("ledger_transaction", "t1", "ledger.payment_posted",
                                        ledger["t1"]["data"])[0]["source_key"] == "AETNA|K1|CLM1"

    # the same EOB posted on another workstation: a duplicate as a whole, nothing of it posted
    again = _batch("c2", "batch-2", _tx("t3", 6000, "AETNA|K1|CLM1"), _tx("t4", 500, "AETNA|K1|CLM9"))
    [dup] = _push(server_db, d1, "b2", again)
    assert (dup["status"], dup["duplicate_of"]) == ("duplicate", "t1")
    assert "AETNA|K1|CLM1" in dup["message"]
    assert server_db.scalar("SELECT count(*) FROM ledger_transactions") == 3
    assert server_db.scalar("SELECT count(*) FROM change_log") == 2


def test_reversals_the_server_cannot_take_are_refused(server_db: ServerDb) -> None:
    d0, d1 = _devices(server_db)
    _push(server_db, d0, "b0", ledger_change("c0", "charge-1", 10000, line="line-1"),
          _batch("c1", "batch-1", _tx("t1", 6000, "AETNA|K1|CLM1")))
    [unknown] = _push(server_db, d0, "b1", _batch("c2", "batch-1", _tx("r0", -6000, reverses="never-posted"),
                                                 event="payment.batch_reversed"))
    assert unknown["status"] == "rejected" and "does not have" in unknown["message"]
    [first] = _push(server_db, d0, "b2", _batch("c3", "batch-1", _tx("r1", -6000, reverses="t1"),
                                               event="payment.batch_reversed"))
    [second] = _push(server_db, d1, "b3", _batch("c4", "batch-1", _tx("r2", -6000, reverses="t1"),
                                                event="payment.batch_reversed"))
    assert first["status"] == "applied"
    assert (second["status"], second["duplicate_of"]) == ("duplicate", "r1")
    assert server_db.scalar("SELECT count(*) FROM ledger_transactions WHERE reverses = 't1'") == 1


@pytest.mark.parametrize("bad", [
    {"transaction_fields": BATCH_FIELDS, "transactions": [["t1", "payment", "2026-10-30", "", None, None,
                                                           [["payment_batch:b1", None, 100]]]]},
    {"transaction_fields": BATCH_FIELDS, "transactions": [["t1", "payment"]]},
    {"transactions": []},
])
def test_malformed_batches_are_rejected(server_db: ServerDb, bad: dict[str, Any]) -> None:
    d0, _ = _devices(server_db)
    [result] = _push(server_db, d0, "b0", {**_batch("c1", "batch-1"), "data": bad})
    assert result["status"] == "rejected"
    assert server_db.scalar("SELECT count(*) FROM change_log") == 0


def test_a_payment_against_a_patients_account_is_not_an_edit_of_the_patient(server_db: ServerDb) -> None:
    d0, d1 = _devices(server_db)
    _push(server_db, d0, "b0", change("p0", entity_id="pat-1", event="patient.registered", last_name="Adams"))
    _push(server_db, d0, "b1", change("p1", entity_id="pat-1", event="patient_credit.applied", transaction_id="x1"))
    _push(server_db, d1, "b2", change("p2", entity_id="pat-1", event="patient_credit.applied", transaction_id="x2"))
    assert server_db.scalar("SELECT count(*) FROM conflicts") == 0
    assert server_db.scalar("SELECT data FROM entity_state WHERE entity_id = 'pat-1'") == {"last_name": "Adams"}
    assert server_db.scalar("SELECT count(*) FROM change_log") == 3
