"""Randomized pushes from three devices straight into the server's store: new batches, batches sent again,
old changes under new batch ids, remittances posted twice. Afterwards the sequence has no gaps, no change or
source key is kept twice, every change kept its first status, and the totals are those of the accepted
ledger events."""

from __future__ import annotations

import itertools
import uuid
from collections import defaultdict
from typing import Any

import psycopg
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from server_support import ServerDb, change, ledger_change

from medbill_desktop.server import security, store

_ids = itertools.count(1)

op = st.one_of(
    st.tuples(st.just("new"), st.integers(0, 2), st.lists(st.tuples(st.booleans(), st.integers(0, 5),
                                                                     st.integers(1, 9)), min_size=1, max_size=6)),
    st.tuples(st.just("resend"), st.integers(0, 2), st.integers(0, 1000)),
    st.tuples(st.just("rebatch"), st.integers(0, 2), st.integers(0, 1000)),
)


def _setup(conn: psycopg.Connection[Any]) -> tuple[str, list[str]]:
    practice = f"p-{uuid.uuid4()}"
    conn.execute("INSERT INTO practice_clock (practice_id) VALUES (%s)", (practice,))
    devices = []
    for n in range(3):
        device = f"{practice}-d{n}"
        conn.execute("INSERT INTO devices (device_id, practice_id, name, token_hash) VALUES (%s, %s, %s, %s)",
                     (device, practice, f"d{n}", security.hash_secret(device)))
        devices.append(device)
    return practice, devices


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(ops=st.lists(op, min_size=1, max_size=12))
def test_random_pushes_keep_the_server_consistent(server_db: ServerDb, ops: list[tuple[Any, ...]]) -> None:
    with server_db.connect() as conn:
        practice, devices = _setup(conn)
        sent: dict[int, list[tuple[str, list[dict[str, Any]], dict[str, Any]]]] = defaultdict(list)
        first_status: dict[str, tuple[str, int | None]] = {}
        accepted_keys: set[str] = set()
        expected_totals: dict[str, int] = defaultdict(int)
        expected_seq = 0

        def push(device: int, batch_id: str, changes: list[dict[str, Any]]) -> dict[str, Any]:
            nonlocal expected_seq
            reply = store.push(conn, practice, devices[device], batch_id, 0,
                               [store.Change(c["change_id"], c["entity"], c["entity_id"], c["event"], c["data"],
                                             c["created_at"]) for c in changes])
            for c, r in zip(changes, reply["results"], strict=True):
                assert r["change_id"] == c["change_id"]
                if c["change_id"] in first_status:
                    assert (r["status"], r["seq"]) == first_status[c["change_id"]]
                    continue
                key = c["data"].get("source_key")
                if c["entity"] == "ledger_transaction" and key in accepted_keys:
                    assert r["status"] == "duplicate" and r["seq"] is None
                else:
                    expected_seq += 1
                    assert (r["status"], r["seq"]) == ("applied", expected_seq)
                    if c["entity"] == "ledger_transaction":
                        if key:
                            accepted_keys.add(key)
                        for p in c["data"]["postings"]:
                            expected_totals[f"{p['kind']}:{p['ref']}"] += p["amount_cents"]
                first_status[c["change_id"]] = (r["status"], r["seq"])
            return reply

        for kind, device, arg in ops:
            if kind == "new":
                changes = []
                for is_ledger, key, cents in arg:
                    n = next(_ids)
                    changes.append(ledger_change(f"c{n}", f"tx{n}", cents * 100, source_key=f"K{key}" if key else None,
                                                 line=f"line-{n % 3}") if is_ledger
                                   else change(f"c{n}", entity_id=f"p{key}", home_phone=str(cents)))
                batch_id = f"b{next(_ids)}"
                sent[device].append((batch_id, changes, push(device, batch_id, changes)))
            elif sent[device]:
                batch_id, changes, reply = sent[device][arg % len(sent[device])]
                if kind == "resend":
                    assert push(device, batch_id, changes) == reply
                else:
                    again = changes[: 1 + arg % len(changes)]
                    reply = push(device, f"b{next(_ids)}", again)
                    assert all(r["repeated"] for r in reply["results"])

        seqs = [r[0] for r in conn.execute("SELECT seq FROM change_log WHERE practice_id = %s ORDER BY seq",
                                           (practice,))]
        assert seqs == list(range(1, expected_seq + 1))
        clock = conn.execute("SELECT last_seq FROM practice_clock WHERE practice_id = %s", (practice,)).fetchone()
        assert clock is not None and clock[0] == expected_seq
        assert conn.execute("SELECT count(*) - count(DISTINCT change_id) FROM change_log WHERE practice_id = %s",
                            (practice,)).fetchone() == (0,)
        keys = conn.execute("SELECT source_key FROM ledger_transactions WHERE practice_id = %s "
                            "AND source_key IS NOT NULL", (practice,)).fetchall()
        assert sorted(k[0] for k in keys) == sorted(accepted_keys)
        totals = store.totals(conn, practice)
        assert {code: a["total_cents"] for code, a in totals["accounts"].items()} == dict(expected_totals)
