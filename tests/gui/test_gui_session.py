"""From start to work and back: first run, the passphrase, an unreadable database, sign-in, sign-out."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from gui_helpers import message_boxes
from PySide6.QtCore import Qt

from medbill_desktop.gui.session import Session
from medbill_desktop.services import practice as practice_service
from medbill_desktop.services import setup
from medbill_desktop.services.context import Workstation

ADMIN_PASSWORD = "admin-pass-1"
PASSPHRASE = "river stone 4 lamps"


@pytest.fixture
def make_session(qtbot, runner):  # type: ignore[no-untyped-def]
    sessions: list[Session] = []

    def make(path: Path) -> Session:
        session = Session(runner, path)
        sessions.append(session)
        session.start()
        return session

    yield make
    for session in sessions:
        for widget in (session.dialog, session.window):
            if widget is not None:
                if hasattr(widget, "dispose"):
                    widget.dispose()
                widget.hide()
                widget.deleteLater()
        if session.ws is not None:
            qtbot.waitUntil(lambda: not runner.is_busy(), timeout=10_000)
            session.ws.close()


def fill(qtbot, edit, text: str) -> None:  # type: ignore[no-untyped-def]
    edit.setText("")
    qtbot.keyClicks(edit, text)


def fill_first_run(qtbot, ui, npi: str = "1234567893") -> None:  # type: ignore[no-untyped-def]
    for edit, value in [(ui.nameEdit, "Lakeside Pediatrics"), (ui.npiEdit, npi), (ui.taxIdEdit, "98-7654321"),
                        (ui.taxonomyEdit, "208000000x"), (ui.line1Edit, "400 Lake Rd"), (ui.cityEdit, "Madison"),
                        (ui.stateEdit, "wi"), (ui.zipEdit, "53703"), (ui.phoneEdit, "608 555 0199"),
                        (ui.usernameEdit, "dana"), (ui.fullNameEdit, "Dana Lee"),
                        (ui.passwordEdit, "dana-pass-1"), (ui.password2Edit, "dana-pass-1")]:
        fill(qtbot, edit, value)


def test_first_run_creates_the_practice_and_opens_the_main_window(qtbot, db_path, make_session, runner) -> None:
    session = make_session(db_path)
    qtbot.waitUntil(lambda: session.dialog is not None and session.dialog.isVisible(), timeout=10_000)
    dialog = session.dialog
    assert type(dialog).__name__ == "FirstRunDialog"
    assert not dialog.ui.passphraseGroup.isVisible()  # the (test) keyring is secure
    fill_first_run(qtbot, dialog.ui)
    assert dialog.ui.stateEdit.text() == "WI" and dialog.ui.taxonomyEdit.text() == "208000000X"
    with qtbot.waitSignal(session.main_window_created, timeout=20_000) as created:
        qtbot.keyClick(dialog.ui.password2Edit, Qt.Key.Key_Return)
    window = created.args[0]
    assert window.actor.username == "dana" and window.actor.role.value == "manager"
    assert window.windowTitle() == "Lakeside Pediatrics — MedBill Desktop"
    assert db_path.exists()
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=10_000)
    stored = practice_service.get_practice(session.ws)
    assert stored is not None and (stored.name, stored.address.state, stored.phone) == (
        "Lakeside Pediatrics", "WI", "6085550199")


def test_first_run_with_a_wrong_npi_creates_nothing(qtbot, db_path, make_session, runner) -> None:
    session = make_session(db_path)
    qtbot.waitUntil(lambda: session.dialog is not None and session.dialog.isVisible(), timeout=10_000)
    dialog = session.dialog
    fill_first_run(qtbot, dialog.ui, npi="1234567890")
    qtbot.keyClick(dialog.ui.password2Edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not runner.is_busy() and not dialog.busy, timeout=10_000)
    assert dialog.isVisible()
    assert "fails its check digit" in dialog.ui.errorLabel.text()
    assert dialog.focusWidget() is dialog.ui.npiEdit
    assert not db_path.exists()


def test_passphrase_dialog_then_sign_in(qtbot, db_path, practice, make_session, runner, monkeypatch) -> None:
    monkeypatch.setenv("MEDBILL_DB_PASSPHRASE", PASSPHRASE)
    setup.create_workstation(db_path, practice, admin_username="admin", admin_full_name="Ada Admin",
                             admin_password=ADMIN_PASSWORD).close()
    monkeypatch.delenv("MEDBILL_DB_PASSPHRASE")
    assert setup.needs_passphrase(db_path)
    session = make_session(db_path)
    qtbot.waitUntil(lambda: session.dialog is not None and session.dialog.isVisible(), timeout=10_000)
    dialog = session.dialog
    assert type(dialog).__name__ == "PassphraseDialog"
    qtbot.keyClicks(dialog.ui.passphraseEdit, "wrong passphrase here")
    qtbot.keyClick(dialog.ui.passphraseEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not runner.is_busy() and not dialog.busy, timeout=10_000)
    assert dialog.isVisible()
    assert "the passphrase or key is wrong" in dialog.ui.errorLabel.text()
    qtbot.keyClicks(dialog.ui.passphraseEdit, PASSPHRASE)
    qtbot.keyClick(dialog.ui.passphraseEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: type(session.dialog).__name__ == "SignInDialog", timeout=10_000)
    sign_in = session.dialog
    assert sign_in.ui.practiceLabel.text() == "Riverside Family Medicine"
    with qtbot.waitSignal(session.main_window_created, timeout=10_000):
        qtbot.keyClicks(sign_in.ui.usernameEdit, "admin")
        qtbot.keyClicks(sign_in.ui.passwordEdit, ADMIN_PASSWORD)
        qtbot.keyClick(sign_in.ui.passwordEdit, Qt.Key.Key_Return)


def test_unreadable_database_says_why_once_and_can_quit(qtbot, db_path, practice, make_session,
                                                         memory_keyring) -> None:
    setup.create_workstation(db_path, practice, admin_username="admin", admin_full_name="Ada Admin",
                             admin_password=ADMIN_PASSWORD).close()
    memory_keyring.secrets.clear()  # e.g. the database was copied to another computer
    session = make_session(db_path)
    qtbot.waitUntil(lambda: len(message_boxes()) == 1, timeout=10_000)
    box = message_boxes()[0]
    assert box.objectName() == "unlockErrorBox"
    assert box.text().startswith("The database key is not in this computer's keyring.")
    assert "Traceback" not in box.text()
    with qtbot.waitSignal(session.finished, timeout=5000) as finished:
        quit_button = next(b for b in box.buttons() if b.text() == "&Quit")
        quit_button.click()
    assert finished.args == [1]


def test_sign_out_and_back_in(qtbot, workstation: Workstation, runner, make_session) -> None:
    from medbill_desktop.services import users

    users.sign_out(workstation)
    session = Session(runner, workstation.path)
    session.ws, session.practice_name = workstation, "Riverside Family Medicine"
    session.show_sign_in()
    dialog = session.dialog
    with qtbot.waitSignal(session.main_window_created, timeout=10_000) as created:
        qtbot.keyClicks(dialog.ui.usernameEdit, "admin")
        qtbot.keyClicks(dialog.ui.passwordEdit, ADMIN_PASSWORD)
        qtbot.keyClick(dialog.ui.passwordEdit, Qt.Key.Key_Return)
    first = created.args[0]
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=10_000)
    first.lock("manual")
    first.ui.signOutButton.click()
    qtbot.waitUntil(lambda: type(session.dialog).__name__ == "SignInDialog" and session.dialog.isVisible(),
                    timeout=10_000)
    assert session.window is None
    qtbot.waitUntil(lambda: not shiboken6.isValid(first), timeout=5000)  # the old window is gone
    assert workstation.actor is None
    with qtbot.waitSignal(session.main_window_created, timeout=10_000) as created:
        qtbot.keyClicks(session.dialog.ui.usernameEdit, "admin")
        qtbot.keyClicks(session.dialog.ui.passwordEdit, ADMIN_PASSWORD)
        qtbot.keyClick(session.dialog.ui.passwordEdit, Qt.Key.Key_Return)
    assert created.args[0] is not first and created.args[0].isVisible()
    created.args[0].dispose()
    created.args[0].hide()
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=10_000)
