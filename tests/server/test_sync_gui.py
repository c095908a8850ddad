"""The main window syncing in the background with the practice server on loopback, and the conflict inbox:
both values of an overwritten phone number, restored from the keyboard; the status bar says online."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from server_support import LiveServer
from sync_support import Office, assert_converged

from medbill_desktop.domain.patients import Patient, Sex
from medbill_desktop.gui.conflict_inbox import ConflictInbox
from medbill_desktop.gui.main_window import MainWindow
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.services import patients
from medbill_desktop.services.settings import get_settings


@pytest.fixture
def office(live_server: LiveServer, tmp_path: Path, practice: Any) -> Iterator[Office]:
    made = Office(tmp_path, practice, live_server.url, live_server.certs.ca_cert, live_server.db.code)
    yield made
    made.close()


@pytest.fixture
def runner(qapp: Any) -> Iterator[OpRunner]:
    ops = OpRunner()
    yield ops
    assert ops.shutdown(10)


def test_the_window_syncs_and_the_inbox_restores_an_overwritten_phone_number(qtbot, office: Office, runner: OpRunner,
                                                                           live_server: LiveServer) -> None:
    front, billing = office.workstation("front desk"), office.workstation("billing")
    p = patients.register_patient(front.ws, Patient("Adams", "Ruth", date(1950, 4, 1), Sex.FEMALE,
                                                    home_phone="(217) 555-0100"))
    front.sync()
    billing.sync()
    for s, phone in ((front, "(217) 555-0111"), (billing, "(217) 555-0222")):
        patients.update_patient(s.ws, replace(patients.get_patient(s.ws, p.id), home_phone=phone))
    billing.sync()

    window = MainWindow(runner, front.ws, front.ws.actor, get_settings(front.ws), "Riverside Family Medicine")
    qtbot.addWidget(window)
    runner.window = window
    window.show()
    indicator = window.sync_indicator
    try:
        indicator.check_user()
        qtbot.waitUntil(lambda: indicator.status is not None, timeout=10_000)
        assert window.sync_status.text().startswith("Sync: online · ")
        assert window.sync_status.text().endswith(" · 1 to send")  # the phone number, not sent yet
        assert indicator.sync_now(background=True)
        qtbot.waitUntil(lambda: not indicator.syncing, timeout=30_000)
        assert window.sync_status.text().startswith("Sync: online · ")
        assert window.sync_status.text().endswith("nothing to send")
        assert window.sync_status.property("syncState") == "online"
        assert patients.get_patient(front.ws, p.id).home_phone == "2175550111"  # it arrived later: it won

        indicator.open_inbox()
        dialog = indicator.inbox
        assert isinstance(dialog, ConflictInbox)
        qtbot.waitUntil(lambda: dialog.conflict_table.rowCount() == 1 and not dialog.busy, timeout=20_000)
        table = dialog.conflict_table
        assert [table.item(0, c).text() for c in range(4)] == [
            f"Adams, Ruth (account {p.account_number})", "Home phone", "(217) 555-0111", "(217) 555-0222"]
        assert dialog.tabs.tabText(0) == "Overwritten fields (1)"
        qtbot.keyClick(table, Qt.Key.Key_R)  # restore what billing had typed
        qtbot.waitUntil(lambda: dialog.conflict_table.rowCount() == 0 and not dialog.busy, timeout=20_000)
        assert patients.get_patient(front.ws, p.id).home_phone == "2175550222"
        assert "nothing to decide" in dialog.conflict_note.text()
        dialog.reject()
        billing.sync()
        front.sync()
        assert_converged(live_server.db, [front, billing])
    finally:
        indicator.shutdown()
        window.dispose()
