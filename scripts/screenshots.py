"""Regenerate docs/screenshots/*.png from real windows (X11; under Xvfb when there is no display).

    .venv/bin/python scripts/screenshots.py            # re-runs itself under xvfb-run if $DISPLAY is unset

Makes a throwaway practice database (passphrase-derived key via MEDBILL_DB_PASSPHRASE, so no keyring is
touched) through the services, then photographs:
- the main window workspaces with the program itself: `medbill-desktop --sign-in admin --workspace NAME
  --screenshot FILE` (home, practice-settings, users, audit-log);
- the first-run dialog, the sign-in dialog and the lock screen in this process, through the same GUI classes.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
PASSPHRASE = "screenshots only 1"
ADMIN_PASSWORD = "admin-pass-1"
WORKSPACE_SHOTS = {"home": "home", "practice": "practice-settings", "users": "users", "audit": "audit-log"}


def ensure_display() -> None:
    if os.environ.get("DISPLAY") or os.environ.get("MEDBILL_SCREENSHOTS_UNDER_XVFB"):
        return
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        sys.exit("No display and no xvfb-run: apt-get install -y xvfb xauth")
    env = dict(os.environ, MEDBILL_SCREENSHOTS_UNDER_XVFB="1")
    code = subprocess.call([xvfb, "-a", "-s", "-screen 0 1366x850x24", sys.executable, *sys.argv], env=env)
    sys.exit(code)


def make_demo(path: Path) -> None:
    from medbill_desktop.domain.practice import Address, Practice
    from medbill_desktop.domain.roles import Role
    from medbill_desktop.services import settings, setup, users
    from medbill_desktop.services.errors import SignInError

    practice = Practice(
        name="Riverside Family Medicine", npi="1234567893", tax_id="12-3456789", taxonomy="207Q00000X",
        address=Address("1200 Riverside Drive", "Springfield", "IL", "62701", line2="Suite 210"),
        phone="(217) 555-0100",
    )
    ws = setup.create_workstation(path, practice, admin_username="admin", admin_full_name="Ada Admin",
                                  admin_password=ADMIN_PASSWORD)
    try:
        users.sign_in(ws, "admin", ADMIN_PASSWORD)
        users.add_user(ws, "mlopez", "Maria Lopez", Role.FRONT_DESK, "front-desk-1")
        users.add_user(ws, "jchen", "James Chen", Role.BILLER, "biller-pass-1")
        users.add_user(ws, "tkaur", "Tara Kaur", Role.FRONT_DESK, "front-desk-2")
        users.set_active(ws, "tkaur", False)
        settings.save_settings(ws, replace(settings.get_settings(ws), idle_lock_minutes=5))
        for _ in range(2):  # refused sign-ins are what the audit log should show
            with contextlib.suppress(SignInError):
                users.sign_in(ws, "mlopez", "not-her-password")
        users.sign_in(ws, "mlopez", "front-desk-1")
        users.lock(ws, "idle")
        users.unlock(ws, "front-desk-1")
        users.sign_out(ws)
        users.sign_in(ws, "admin", ADMIN_PASSWORD)
    finally:
        ws.close()


def shoot_workspaces(db: Path) -> None:
    env = dict(os.environ, MEDBILL_DB_PASSPHRASE=PASSPHRASE, MEDBILL_PASSWORD=ADMIN_PASSWORD)
    env.pop("QT_QPA_PLATFORM", None)
    for workspace, name in WORKSPACE_SHOTS.items():
        target = OUT / f"{name}.png"
        subprocess.run([sys.executable, "-m", "medbill_desktop.app", "--db", str(db), "--sign-in", "admin",
                        "--workspace", workspace, "--screenshot", str(target)], env=env, check=True)


def shoot_in_process(db: Path, fresh: Path) -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QWidget

    from medbill_desktop import app as desktop
    from medbill_desktop.gui import tasks
    from medbill_desktop.gui.main_window import MainWindow
    from medbill_desktop.gui.ops import OpRunner
    from medbill_desktop.gui.startup_dialogs import FirstRunDialog, SignInDialog

    qapp = desktop.make_application()
    qapp.setStyleSheet(desktop.load_style())
    runner = OpRunner()

    def settle(ms: int = 400) -> None:
        deadline = QEventLoop()
        QTimer.singleShot(ms, deadline.quit)
        deadline.exec()
        while runner.is_busy():
            settle(100)

    def save(widget: QWidget, name: str) -> None:
        settle()
        assert widget.grab().save(str(OUT / f"{name}.png"), "PNG"), name
        print(f"saved {OUT / name}.png")

    def call(fn, *args):  # type: ignore[no-untyped-def]
        box: list[object] = []
        runner.run(fn, *args, success=box.append)
        while not box:
            settle(50)
        return box[0]

    try:
        # First run: no database yet, no secure keyring here, so the passphrase is asked for too.
        os.environ.pop("MEDBILL_DB_PASSPHRASE", None)
        first = FirstRunDialog(runner, fresh, needs_passphrase=True)
        ui = first.ui
        for edit, text in [(ui.nameEdit, "Riverside Family Medicine"), (ui.npiEdit, "1234567893"),
                           (ui.taxIdEdit, "12-3456789"), (ui.taxonomyEdit, "207Q00000X"),
                           (ui.line1Edit, "1200 Riverside Drive"), (ui.line2Edit, "Suite 210"),
                           (ui.cityEdit, "Springfield"), (ui.stateEdit, "IL"), (ui.zipEdit, "62701"),
                           (ui.phoneEdit, "(217) 555-0100"), (ui.usernameEdit, "admin"),
                           (ui.fullNameEdit, "Ada Admin")]:
            edit.setText(text)
        first.show()
        ui.nameEdit.deselect()
        ui.passwordEdit.setFocus()
        save(first, "first-run")
        first.hide()

        os.environ["MEDBILL_DB_PASSPHRASE"] = PASSPHRASE
        opened = call(tasks.open_workstation, db)
        sign_in = SignInDialog(runner, opened.ws, opened.practice_name, username="mlopez")
        sign_in.show()
        sign_in.errors.show("The user name or password is wrong.", "password")  # as after a typo
        sign_in.ui.passwordEdit.setFocus()
        save(sign_in, "sign-in")
        sign_in.hide()

        signed = call(tasks.sign_in, opened.ws, "admin", ADMIN_PASSWORD)
        window = MainWindow(runner, opened.ws, signed.actor, signed.settings, opened.practice_name)
        runner.window = window
        window.resize(*desktop.WINDOW_SIZE)
        window.show()
        settle()
        window.lock("manual")
        save(window, "lock-screen")
        window.dispose()
        window.hide()
        call(tasks.close_workstation, opened.ws)
    finally:
        runner.shutdown()


def main() -> int:
    os.environ.pop("QT_QPA_PLATFORM", None)  # real X11 windows, not the offscreen plugin
    ensure_display()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="medbill-shots-") as tmp:
        os.environ["MEDBILL_DB_PASSPHRASE"] = PASSPHRASE
        os.environ["XDG_STATE_HOME"] = str(Path(tmp) / "state")  # keep these runs out of the real log
        db = Path(tmp) / "medbill.db"
        make_demo(db)
        shoot_workspaces(db)
        shoot_in_process(db, Path(tmp) / "new" / "medbill.db")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
