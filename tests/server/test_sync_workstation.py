"""The workstation's side of the protocol on real encrypted workstations: enrolment (the device token in the
keyring), pushing the outbox, pulling with the cursor, and comparing ledger totals."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import keyring
import keyring.backends.fail
import pytest
from server_support import LiveServer, register_and_charge
from sqlalchemy import Connection, select

from medbill_desktop.services import setup, users
from medbill_desktop.services.context import Workstation
from medbill_desktop.storage.tables import settings
from medbill_desktop.sync import runner, state
from medbill_desktop.sync.client import SyncError


@pytest.fixture
def second(tmp_path: Path, practice: Any, clock: Any) -> Iterator[Workstation]:
    """Another workstation of the same practice, its clock three days ahead of the first's."""
    ahead = type(clock)(clock.now + timedelta(days=3))
    ws = setup.create_workstation(tmp_path / "second.db", practice, admin_username="admin",
                                  admin_full_name="Ada Admin", admin_password="admin-pass-1", clock=ahead)
    users.sign_in(ws, "admin", "admin-pass-1")
    yield ws
    ws.close()


def _settings_text(ws: Workstation) -> str:
    with ws.read() as conn:
        return json.dumps([tuple(r) for r in conn.execute(select(settings.c.key, settings.c.value))])


def test_enrolment_keeps_the_device_token_in_the_keyring_only(live_server: LiveServer, workstation: Workstation,
                                                             memory_keyring: Any) -> None:
    config = runner.enroll(workstation.db.engine, live_server.url, live_server.db.code(), live_server.certs.ca_cert,
                           "front desk")
    token = memory_keyring.secrets[(state.KEYRING_SERVICE, config.device_id)]
    assert token and token not in _settings_text(workstation)
    assert token not in workstation.path.read_bytes().decode("latin-1")  # nor anywhere in the database file
    with workstation.read() as conn:
        assert state.server_config(conn) == config
        assert state.cursor(conn) == 0
    assert config.url == live_server.url and config.ca_file == str(live_server.certs.ca_cert.resolve())


def test_without_a_secure_keyring_the_token_stays_inside_the_encrypted_database(
        live_server: LiveServer, workstation: Workstation) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    config = runner.enroll(workstation.db.engine, live_server.url, live_server.db.code(), live_server.certs.ca_cert)
    with workstation.read() as conn:
        token = state.load_device_token(conn, config.device_id)
    assert token is not None and token in _settings_text(workstation)
    assert token.encode() not in workstation.path.read_bytes()  # the file is encrypted
    assert runner.sync_once(workstation.db.engine).totals_match


def test_a_sync_pushes_the_outbox_pulls_to_high_water_and_the_totals_match(live_server: LiveServer,
                                                                          workstation: Workstation) -> None:
    engine = workstation.db.engine
    with pytest.raises(SyncError, match="not enrolled"):
        runner.sync_once(engine)
    runner.enroll(engine, live_server.url, live_server.db.code(), live_server.certs.ca_cert, "front desk")
    for name in ("Adams", "Baker", "Clark"):
        register_and_charge(workstation, name, 15000, source_key=f"ERA|{name}")
    with workstation.read() as conn:
        outgoing = state.pending_count(conn)
    report = runner.sync_once(engine, batch_size=4)
    assert report.pushed == report.applied == outgoing
    assert report.pending == 0 and report.duplicates == [] and report.rejected == []
    assert report.cursor == report.high_water == outgoing
    assert report.pulled == outgoing and report.pulled_from_others == 0  # its own changes come back, not applied
    assert report.totals_match, report.differences
    assert live_server.db.scalar("SELECT count(*) FROM ledger_transactions") == 6
    with workstation.read() as conn:
        last = state.last_sync(conn)
    assert last is not None and last["totals_match"] is True and last["cursor"] == outgoing

    nothing = runner.sync_once(engine)
    assert (nothing.pushed, nothing.pulled, nothing.totals_match) == (0, 0, True)


def test_the_same_eob_posted_on_two_workstations_is_posted_once_and_the_second_shown_for_review(
        live_server: LiveServer, workstation: Workstation, second: Workstation) -> None:
    for ws, name in ((workstation, "front desk"), (second, "billing")):
        runner.enroll(ws.db.engine, live_server.url, live_server.db.code(), live_server.certs.ca_cert, name)
    register_and_charge(workstation, "Adams", 20000, source_key="AETNA|EFT-778")
    register_and_charge(second, "Adams", 20000, source_key="AETNA|EFT-778")
    first = runner.sync_once(workstation.db.engine)
    report = runner.sync_once(second.db.engine)
    assert first.totals_match and first.duplicates == []
    assert [d["status"] for d in report.duplicates] == ["duplicate"]
    dup = report.duplicates[0]
    assert dup["event"] == "ledger.payment_posted" and "AETNA|EFT-778" in dup["message"]
    with second.read() as conn:
        assert [r["change_id"] for r in state.review_items(conn)] == [dup["change_id"]]
        assert state.pending_count(conn) == 0  # answered: not sent again
    assert not report.totals_match
    assert any("ledger transactions" in d for d in report.differences)
    assert live_server.db.scalar("SELECT count(*) FROM ledger_transactions WHERE source_key = 'AETNA|EFT-778'") == 1
    # clocks three days apart do not matter: the server orders by arrival
    rows = live_server.db.rows("SELECT seq, created_at FROM change_log ORDER BY seq")
    firsts = [c for s, c in rows if s <= first.high_water]
    assert max(firsts) < min(c for s, c in rows if s > first.high_water)


def test_pulled_changes_reach_the_applier_in_order_with_the_cursor_in_the_same_transaction(
        live_server: LiveServer, workstation: Workstation, second: Workstation) -> None:
    for ws, name in ((workstation, "front desk"), (second, "billing")):
        runner.enroll(ws.db.engine, live_server.url, live_server.db.code(), live_server.certs.ca_cert, name)
    register_and_charge(second, "Baker", 5000)
    register_and_charge(second, "Clark", 7000)
    pushed = runner.sync_once(second.db.engine).pushed
    seen: list[int] = []

    def failing(conn: Connection, changes: list[dict[str, Any]]) -> None:
        raise RuntimeError("applier broke")

    with pytest.raises(RuntimeError):
        runner.sync_once(workstation.db.engine, applier=failing, page_size=2)
    with workstation.read() as conn:
        assert state.cursor(conn) == 0  # nothing applied, nothing remembered

    def recording(conn: Connection, changes: list[dict[str, Any]]) -> None:
        seen.extend(c["seq"] for c in changes)

    report = runner.sync_once(workstation.db.engine, applier=recording, page_size=2)
    # every change in server order: the other's, then its own (pushed by the failed sync) come back too
    assert seen == list(range(1, report.high_water + 1)) and report.high_water > pushed
    assert report.pulled_from_others == pushed
    assert report.cursor == report.high_water == report.pulled
    assert not report.totals_match  # this applier applies nothing: the first workstation lacks the charges
