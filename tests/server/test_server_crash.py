"""The server killed after a push commits and before its reply leaves; the retry writes nothing twice."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from server_support import ChildServer, ServerDb, change, ledger_change, register_and_charge
from sqlalchemy import func, select

from medbill_desktop.server.certs import CertPaths
from medbill_desktop.services.context import Workstation
from medbill_desktop.storage.tables import outbox
from medbill_desktop.sync import runner, state
from medbill_desktop.sync.client import Offline, ServerClient


@pytest.fixture
def child(server_db: ServerDb, certs: CertPaths) -> Iterator[ChildServer]:
    server = ChildServer(server_db, certs)
    yield server
    server.stop()


def test_a_batch_retried_after_the_server_died_before_replying_is_not_applied_twice(child: ChildServer) -> None:
    code = child.db.code()
    changes = [change(f"c{i}", entity_id=f"p{i}") for i in range(4)] + [ledger_change("l1", "tx1", source_key="K1")]
    child.start(die_after_pushes=1)
    with ServerClient(child.url, child.certs.ca_cert, retries=1, retry_pause=0.05) as client:
        client.enroll(code, "front desk")
        with pytest.raises(Offline):
            client.push("batch-1", 0, changes)
        assert child.wait_dead() == 17
        # the server had committed: the changes are there, once
        assert child.db.scalar("SELECT count(*) FROM change_log") == 5
        child.start()
        reply = client.push("batch-1", 0, changes)  # the retry, same batch id
        assert [(r["status"], r["seq"]) for r in reply["results"]] == [("applied", i) for i in range(1, 6)]
        again = client.push("batch-2", 0, changes)  # or a new batch id: the change ids are recognised
        assert all(r["repeated"] and r["status"] == "applied" for r in again["results"])
    assert child.db.scalar("SELECT count(*) FROM change_log") == 5
    assert child.db.scalar("SELECT count(*) FROM ledger_transactions") == 1
    assert child.db.scalar("SELECT last_seq FROM practice_clock") == 5


def _outbox_counts(ws: Workstation) -> tuple[int, int]:
    with ws.read() as conn:
        total = conn.execute(select(func.count()).select_from(outbox)).scalar_one()
        return int(total), state.pending_count(conn)


def test_a_workstation_sync_interrupted_by_a_server_crash_completes_without_duplicates(
        child: ChildServer, workstation: Workstation) -> None:
    engine = workstation.db.engine
    child.start(die_after_pushes=2)
    runner.enroll(engine, child.url, child.db.code(), child.certs.ca_cert, "front desk")
    for i in range(4):
        register_and_charge(workstation, "Crash" + "abcd"[i], 10000 + i, source_key=f"ERA|{i}")
    total, pending = _outbox_counts(workstation)
    assert pending == total > 12

    with pytest.raises(Offline):  # the second batch committed at the server, then the server died
        runner.sync_once(engine, runner.client_for(engine, retries=1, retry_pause=0.05), batch_size=5)
    assert child.wait_dead() == 17
    assert _outbox_counts(workstation)[1] == total - 5  # the first batch's reply arrived; the second's did not
    assert child.db.scalar("SELECT count(*) FROM change_log") == 10

    child.start()
    report = runner.sync_once(engine, batch_size=5)
    assert _outbox_counts(workstation)[1] == 0
    # the lost batch went again under the same batch id (made from its change ids) and got the stored reply
    assert report.pushed == total - 5
    assert child.db.scalar("SELECT count(*) FROM push_receipts") == -(-total // 5)
    assert report.duplicates == [] and report.rejected == []
    assert report.totals_match, report.differences
    assert child.db.scalar("SELECT count(*) FROM change_log") == total
    assert child.db.scalar("SELECT count(DISTINCT change_id) FROM change_log") == total
    assert report.cursor == report.high_water == total
