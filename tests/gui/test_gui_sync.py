"""The sync indicator in the status bar, File > Sync now (F9) and the sync inbox, without a server: a workstation
that is not enrolled, one whose server cannot be reached, and changes listed for review. (With a live server:
tests/server/test_sync_gui.py.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from medbill_desktop.gui import sync_status
from medbill_desktop.gui.conflict_inbox import ConflictInbox
from medbill_desktop.server.certs import make_certs
from medbill_desktop.server.localpg import free_port
from medbill_desktop.services import syncing
from medbill_desktop.sync import state


@pytest.fixture
def stop_sync_workers() -> Iterator[list[object]]:
    windows: list[object] = []
    yield windows
    for window in windows:
        window.sync_indicator.shutdown()  # type: ignore[attr-defined]


def _indicator(window, stop: list[object]) -> sync_status.SyncIndicator:  # type: ignore[no-untyped-def]
    stop.append(window)
    indicator = window.sync_indicator
    indicator.check_user()
    return indicator


def test_a_workstation_that_is_not_enrolled_says_so_and_f9_explains(qtbot, workstation, make_window,
                                                                   stop_sync_workers) -> None:
    window = make_window(workstation)
    indicator = _indicator(window, stop_sync_workers)
    qtbot.waitUntil(lambda: indicator.status is not None, timeout=10_000)
    assert window.sync_status.text() == "Sync: not set up"
    assert "medbill enroll" in window.sync_status.toolTip()
    assert window.sync_status.property("syncState") == "not_set_up"
    assert indicator.sync_action.shortcut().toString() == "F9"
    assert indicator.sync_action in window.ui.fileMenu.actions()
    window.activateWindow()
    qtbot.keyClick(window.focusWidget() or window.ui.navigator, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: indicator.syncs_started == 1, timeout=5_000)
    qtbot.waitUntil(lambda: not indicator.syncing, timeout=20_000)
    assert "not enrolled" in window.statusBar().currentMessage()
    assert not indicator.sync_now(background=True)  # nothing to do in the background either


def test_an_unreachable_server_shows_offline_with_the_changes_waiting(qtbot, tmp_path: Path, workstation,
                                                                     make_window, stop_sync_workers) -> None:
    ca = make_certs(tmp_path / "certs", "Riverside Family Medicine", ["127.0.0.1"]).ca_cert
    with workstation.write() as conn:  # enrolled once; the server is not there now
        state.save_server_config(conn, state.ServerConfig(f"https://127.0.0.1:{free_port()}", str(ca), "device-1",
                                                          "front desk", "riverside", "2026-11-02T15:00:00.000Z"))
        state.save_device_token(conn, "device-1", "token")
        pending = state.pending_count(conn)
    window = make_window(workstation)
    indicator = _indicator(window, stop_sync_workers)
    qtbot.waitUntil(lambda: indicator.status is not None, timeout=10_000)
    assert window.sync_status.text() == f"Sync: not synced yet · {pending} to send"
    assert indicator.sync_now(background=False)
    assert window.sync_status.text().startswith("Sync: syncing")  # at once, while the worker tries
    qtbot.waitUntil(lambda: not indicator.syncing, timeout=20_000)
    assert window.sync_status.text() == f"Sync: offline · last never · {pending} to send"
    assert window.sync_status.property("syncState") == "offline"
    assert "cannot be reached" in window.sync_status.toolTip()
    assert window.statusBar().currentMessage().startswith("Sync failed: The practice server")
    assert syncing.sync_status(workstation).online is False


def test_the_inbox_lists_changes_for_review_and_dismisses_them_by_keyboard(qtbot, workstation, runner,
                                                                           wait_idle) -> None:
    items = [{"change_id": f"c{n}", "status": "duplicate", "message": f"This remittance was already posted ({n}).",
              "entity": "payment_batch", "entity_id": f"batch-{n}", "event": "payment.batch_posted",
              "at": f"2026-11-02T15:0{n}:00.000Z", "direction": "pushed"} for n in (1, 2)]
    with workstation.write() as conn:
        state.add_review_items(conn, items)
    dialog = ConflictInbox(runner, workstation)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle()
    assert dialog.tabs.currentIndex() == 1  # no conflicts (not enrolled): the review list comes first
    assert dialog.tabs.tabText(1) == "For review (2)"
    assert "not enrolled" in dialog.conflict_note.text()
    table = dialog.review_table
    assert [table.item(r, 1).text() for r in range(2)] == ["Duplicate remittance"] * 2
    assert dialog.review_detail.text() == "This remittance was already posted (2)."
    assert table.item(0, 3).text() == "This remittance was already posted (2)."  # newest first
    assert not dialog.keep_button.isEnabled()
    qtbot.keyClick(table, Qt.Key.Key_D)
    wait_idle()
    assert table.rowCount() == 1 and dialog.tabs.tabText(1) == "For review (1)"
    assert [i.change_id for i in syncing.review_items(workstation)] == ["c1"]


def test_the_indicator_words() -> None:
    status = syncing.SyncStatus(True, "https://server:8443", "front desk", True, "", "2026-11-02T15:00:00.000Z",
                                False, 0, 2, "2026-11-02T15:00:00.000Z")
    text, tip, state_ = sync_status.describe(status)
    assert state_ == "attention" and text.endswith("nothing to send · totals differ · 2 to review")
    assert "Practice server: https://server:8443" in tip
