"""The sync pictures of scripts/screenshots.py (`--only sync`): a practice server on a throwaway PostgreSQL
(uvicorn in a thread, TLS with the practice's own CA), two workstations that each changed the same patient's
phone number and posted the same check offline, then synced. Photographs the front desk's main window with the
sync indicator in its status bar, and the sync inbox's two lists (the overwritten field with both values; the
remittance the server kept once, listed for review).

Writes docs/screenshots/sync-status.png, sync-conflicts.png and sync-review.png.
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from screenshot_window import open_main_window


def _server(folder: Path) -> tuple[Any, Any, Any, Any]:
    """PostgreSQL, the migrated practice database, the certificates and the server in a thread."""
    import uvicorn

    from medbill_desktop.server import db
    from medbill_desktop.server.app import create_app
    from medbill_desktop.server.certs import make_certs
    from medbill_desktop.server.localpg import LocalPostgres, free_port
    from medbill_desktop.server.settings import ServerSettings

    pg = LocalPostgres()
    pg.start()
    db.migrate(pg.url, "riverside")
    certs = make_certs(folder / "certs", "Riverside Family Medicine", ["127.0.0.1"])
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(ServerSettings(pg.url, "riverside")), host="127.0.0.1",
                                           port=port, log_level="warning", ssl_certfile=str(certs.server_cert),
                                           ssl_keyfile=str(certs.server_key)))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return pg, server, certs, f"https://127.0.0.1:{port}"


def make_sync_demo(folder: Path, url: str, ca: Path, pg_url: str) -> Any:  # runs on the database worker
    """Two workstations of Riverside Family Medicine, enrolled; the same patient's phone number changed on both
    and the same Aetna check posted on both, offline; both synced. Returns the front desk's workstation."""
    import keyring
    import keyring.backend
    import psycopg

    from medbill_desktop.domain import ledger as L
    from medbill_desktop.domain.patients import Patient, Sex
    from medbill_desktop.domain.practice import Address, Practice
    from medbill_desktop.server import store
    from medbill_desktop.services import ledger, patients, setup, syncing, users

    class Memory(keyring.backend.KeyringBackend):
        priority = 10  # type: ignore[assignment]
        secrets: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.secrets.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.secrets[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.secrets.pop((service, username), None)

    keyring.set_keyring(Memory())
    practice = Practice(name="Riverside Family Medicine", npi="1234567893", tax_id="12-3456789",
                        taxonomy="207Q00000X", address=Address("12 Main St", "Springfield", "IL", "62701"),
                        phone="(217) 555-0100")
    stations = []
    for name in ("front-desk", "billing"):
        ws = setup.create_workstation(folder / f"{name}.db", practice, admin_username="admin",
                                      admin_full_name="Dana Reyes", admin_password="admin-pass-1")
        users.sign_in(ws, "admin", "admin-pass-1")
        with psycopg.connect(pg_url, autocommit=True) as conn:
            code = store.create_enroll_code(conn, "riverside")[0]
        syncing.enroll(ws, url, code, ca, name.replace("-", " "))
        stations.append(ws)
    front, billing = stations
    ruth = patients.register_patient(front, Patient("Adams", "Ruth", date(1950, 4, 1), Sex.FEMALE,
                                                    home_phone="(217) 555-0100"))
    for last, first in (("Baker", "Tom"), ("Clark", "Ana"), ("Diaz", "Luis")):
        patients.register_patient(front, Patient(last, first, date(1972, 6, 9), Sex.MALE))
    ledger.post(front, L.charge("visit-1001", L.Party.PRIMARY, ruth.account_number, 14000, date(2026, 10, 20)))
    syncing.sync_now(front)
    syncing.sync_now(billing)
    for ws, phone in ((billing, "(217) 555-0222"), (front, "(217) 555-0111")):
        patients.update_patient(ws, replace(patients.get_patient(ws, ruth.id), home_phone=phone))
        target = L.receivable("visit-1001", L.Party.PRIMARY, ruth.account_number)
        ledger.post(ws, L.payment("aetna-eft-778", [(target, 9600)], date(2026, 10, 30),
                                  memo="Aetna EFT 778", source_key="AETNA|EFT-778|2026-10-30"))
    syncing.sync_now(billing)
    syncing.sync_now(front)  # later: its phone number wins, and its posting of the check is the second one
    patients.update_patient(front, replace(patients.get_patient(front, ruth.id), email="ruth.adams@example.org"))
    syncing.sync_now(front)
    patients.update_patient(front, replace(patients.get_patient(front, ruth.id), cell_phone="(217) 555-0188"))
    billing.close()
    return front


def shoot_sync(folder: Path, out: Path, window_tools: Any) -> None:
    from PySide6.QtWidgets import QApplication

    from medbill_desktop import app as desktop
    from medbill_desktop.gui import tasks
    from medbill_desktop.gui.ops import OpRunner

    folder.mkdir(parents=True, exist_ok=True)
    pg, server, certs, url = _server(folder)
    qapp = desktop.make_application()
    qapp.setStyleSheet(desktop.load_style())
    runner = OpRunner()
    settle, call, shoot = window_tools(runner)
    try:
        ws = call(make_sync_demo, folder, url, certs.ca_cert, pg.url)
        signed = call(tasks.sign_in, ws, "admin", "admin-pass-1")
        window = open_main_window(runner, ws, signed, "Riverside Family Medicine")
        indicator = window.sync_indicator
        indicator.check_user()
        settle(800)
        window.show_workspace("front_desk", focus=True)
        settle(800)
        shoot(window, "sync-status")

        indicator.open_inbox()
        dialog = indicator.inbox
        dialog.move(window.x() + 180, window.y() + 140)
        while dialog.busy:
            settle(200)
        settle(600)
        shoot(window, "sync-conflicts")
        dialog.tabs.setCurrentIndex(1)
        dialog.review_table.setFocus()
        settle(400)
        shoot(window, "sync-review")
        dialog.reject()
        indicator.shutdown()
        window.dispose()
        window.hide()
        call(tasks.close_workstation, ws)
    finally:
        runner.shutdown()
        QApplication.processEvents()
        server.should_exit = True
        time.sleep(0.5)
        pg.stop()
    del out
