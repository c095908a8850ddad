"""The sign-in dialog: the practice's name, success, a wrong password and the lockout, all said inline."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.gui.startup_dialogs import SignInDialog
from medbill_desktop.services import users
from medbill_desktop.services.context import Workstation

ADMIN_PASSWORD = "admin-pass-1"


@pytest.fixture
def dialog(qtbot, workstation: Workstation, runner: OpRunner) -> SignInDialog:
    users.sign_out(workstation)
    dlg = SignInDialog(runner, workstation, "Riverside Family Medicine")
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def attempt(qtbot, dlg: SignInDialog, runner: OpRunner, username: str, password: str) -> None:
    dlg.ui.usernameEdit.setText("")
    qtbot.keyClicks(dlg.ui.usernameEdit, username)
    dlg.ui.passwordEdit.setText("")
    qtbot.keyClicks(dlg.ui.passwordEdit, password)
    qtbot.keyClick(dlg.ui.passwordEdit, Qt.Key.Key_Return)  # Enter submits
    qtbot.waitUntil(lambda: not runner.is_busy() and not dlg.busy, timeout=10_000)


def test_shows_the_practice_and_signs_in_with_enter(qtbot, dialog: SignInDialog, runner: OpRunner,
                                                    workstation: Workstation) -> None:
    assert dialog.ui.practiceLabel.text() == "Riverside Family Medicine"
    assert dialog.ui.usernameEdit.hasFocus() or dialog.focusWidget() is dialog.ui.usernameEdit
    with qtbot.waitSignal(dialog.signed_in, timeout=10_000) as signal:
        qtbot.keyClicks(dialog.ui.usernameEdit, "admin")
        qtbot.keyClick(dialog.ui.usernameEdit, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.focusWidget(), ADMIN_PASSWORD)  # Tab went to the password box
        qtbot.keyClick(dialog.ui.passwordEdit, Qt.Key.Key_Return)
    signed_in = signal.args[0]
    assert signed_in.actor.username == "admin"
    assert signed_in.settings.idle_lock_minutes == 10
    assert workstation.actor is not None and workstation.actor.full_name == "Ada Admin"
    assert not dialog.isVisible()
    assert dialog.ui.passwordEdit.text() == ""


def test_wrong_password_says_so_inline_and_stays(qtbot, dialog: SignInDialog, runner: OpRunner,
                                                 workstation: Workstation) -> None:
    attempt(qtbot, dialog, runner, "admin", "not-the-password")
    assert dialog.isVisible()
    assert dialog.ui.errorLabel.isVisible()
    assert dialog.ui.errorLabel.text() == "The user name or password is wrong."
    assert dialog.ui.passwordEdit.text() == ""
    assert dialog.ui.passwordEdit.property("invalid") is True
    assert workstation.actor is None


def test_empty_password_is_caught_before_the_database(qtbot, dialog: SignInDialog, runner: OpRunner) -> None:
    qtbot.keyClicks(dialog.ui.usernameEdit, "admin")
    qtbot.keyClick(dialog.ui.usernameEdit, Qt.Key.Key_Return)
    assert dialog.ui.errorLabel.text() == "Enter your password."
    assert not runner.is_busy()


def test_lockout_after_repeated_failures(qtbot, dialog: SignInDialog, runner: OpRunner,
                                         workstation: Workstation, clock) -> None:
    for _ in range(4):
        attempt(qtbot, dialog, runner, "admin", "wrong-password")
        assert dialog.ui.errorLabel.text() == "The user name or password is wrong."
    attempt(qtbot, dialog, runner, "admin", "wrong-password")  # the 5th: max_failed_sign_ins
    assert dialog.ui.errorLabel.text() == "Too many failed sign-ins: this user is now locked out for a while."
    attempt(qtbot, dialog, runner, "admin", ADMIN_PASSWORD)  # even the right password, for now
    assert dialog.ui.errorLabel.text().startswith("Too many failed sign-ins: this user is locked out for now.")
    assert dialog.isVisible() and workstation.actor is None
    clock.advance(minutes=16)  # lockout_minutes is 15
    with qtbot.waitSignal(dialog.signed_in, timeout=10_000):
        attempt(qtbot, dialog, runner, "admin", ADMIN_PASSWORD)
    assert workstation.actor is not None
