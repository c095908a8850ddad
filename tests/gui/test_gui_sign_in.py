"""The sign-in page of the main window: the practice's name, success, a wrong password and the lockout, all
said inline; typing (and Enter) before the database is open; nothing of the work reachable before sign-in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from medbill_desktop.gui.main_window import MainWindow
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.gui.sign_in_page import SignInPage
from medbill_desktop.services import users
from medbill_desktop.services.context import Workstation

ADMIN_PASSWORD = "admin-pass-1"


@pytest.fixture
def window(qtbot, runner: OpRunner) -> Iterator[MainWindow]:
    win = MainWindow(runner)  # as the program starts: no database open yet, nobody signed in
    qtbot.addWidget(win)
    runner.window = win
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    yield win
    win.dispose()


@pytest.fixture
def page(window: MainWindow, workstation: Workstation) -> SignInPage:
    users.sign_out(workstation)
    window.database_opened(workstation, "Riverside Family Medicine")
    return window.sign_in_page


def attempt(qtbot, page: SignInPage, runner: OpRunner, username: str, password: str) -> None:
    page.ui.usernameEdit.setText("")
    qtbot.keyClicks(page.ui.usernameEdit, username)
    page.ui.passwordEdit.setText("")
    qtbot.keyClicks(page.ui.passwordEdit, password)
    qtbot.keyClick(page.ui.passwordEdit, Qt.Key.Key_Return)  # Enter submits
    qtbot.waitUntil(lambda: not runner.is_busy() and not page.busy, timeout=10_000)


def test_before_sign_in_only_the_sign_in_page_is_there(qtbot, window: MainWindow) -> None:
    ui = window.ui
    assert ui.rootStack.currentWidget() is window.sign_in_page
    assert window.sign_in_page.ui.usernameEdit.hasFocus()
    assert window.sign_in_page.ui.practiceLabel.text() == "MedBill Desktop"  # the database is not open yet
    assert window.windowTitle() == "MedBill Desktop"
    assert ui.navigator.count() == 0 and ui.goMenu.actions() == [] and window.workspace_actions == []
    assert not any(a.isEnabled() for a in (ui.actionSave, ui.actionLock, ui.actionSignOut))
    assert ui.actionQuit.isEnabled()
    qtbot.keyClick(window.sign_in_page.ui.usernameEdit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not window.locked and ui.rootStack.currentWidget() is window.sign_in_page
    assert window.show_workspace("home") is None and window.workspaces == {}
    assert not window.idle.active  # nobody to lock out yet
    assert window.user_status.text() == "Not signed in"


def test_shows_the_practice_and_signs_in_with_enter(qtbot, window: MainWindow, page: SignInPage,
                                                    runner: OpRunner, workstation: Workstation) -> None:
    assert page.ui.practiceLabel.text() == "Riverside Family Medicine"
    assert window.windowTitle() == "Riverside Family Medicine — MedBill Desktop"
    assert page.ui.usernameEdit.hasFocus()
    with qtbot.waitSignal(page.signed_in, timeout=10_000) as signal:
        qtbot.keyClicks(page.ui.usernameEdit, "admin")
        qtbot.keyClick(page.ui.usernameEdit, Qt.Key.Key_Tab)
        assert page.ui.passwordEdit.hasFocus()  # Tab went to the password box
        qtbot.keyClicks(page.ui.passwordEdit, ADMIN_PASSWORD)
        qtbot.keyClick(page.ui.passwordEdit, Qt.Key.Key_Return)
    signed_in = signal.args[0]
    assert signed_in.actor.username == "admin"
    assert signed_in.settings.idle_lock_minutes == 10
    assert workstation.actor is not None and workstation.actor.full_name == "Ada Admin"
    assert page.ui.passwordEdit.text() == ""
    window.begin_work(workstation, signed_in.actor, signed_in.settings)
    assert window.ui.rootStack.currentWidget() is window.ui.workPage
    assert window.current_key() == "home" and window.ui.navigator.count() == len(window.specs)
    assert window.ui.actionLock.isEnabled() and window.ui.actionSignOut.isEnabled()
    assert window.idle.active
    assert window.user_status.text() == "Ada Admin (admin) · Manager"
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=10_000)


def test_wrong_password_says_so_inline_and_stays(qtbot, window: MainWindow, page: SignInPage, runner: OpRunner,
                                                 workstation: Workstation) -> None:
    attempt(qtbot, page, runner, "admin", "not-the-password")
    assert window.ui.rootStack.currentWidget() is page
    assert page.ui.errorLabel.isVisible()
    assert page.ui.errorLabel.text() == "The user name or password is wrong."
    assert page.ui.passwordEdit.text() == ""
    assert page.ui.passwordEdit.property("invalid") is True
    assert page.ui.passwordEdit.hasFocus()
    assert workstation.actor is None


def test_empty_password_is_caught_before_the_database(qtbot, page: SignInPage, runner: OpRunner) -> None:
    qtbot.keyClicks(page.ui.usernameEdit, "admin")
    qtbot.keyClick(page.ui.usernameEdit, Qt.Key.Key_Return)
    assert page.ui.errorLabel.text() == "Enter your password."
    assert page.ui.passwordEdit.hasFocus()
    assert not runner.is_busy() and not page.busy


def test_lockout_after_repeated_failures(qtbot, page: SignInPage, runner: OpRunner,
                                         workstation: Workstation, clock) -> None:
    for _ in range(4):
        attempt(qtbot, page, runner, "admin", "wrong-password")
        assert page.ui.errorLabel.text() == "The user name or password is wrong."
    attempt(qtbot, page, runner, "admin", "wrong-password")  # the 5th: max_failed_sign_ins
    assert page.ui.errorLabel.text() == "Too many failed sign-ins: this user is now locked out for a while."
    attempt(qtbot, page, runner, "admin", ADMIN_PASSWORD)  # even the right password, for now
    assert page.ui.errorLabel.text().startswith("Too many failed sign-ins: this user is locked out for now.")
    assert workstation.actor is None
    clock.advance(minutes=16)  # lockout_minutes is 15
    with qtbot.waitSignal(page.signed_in, timeout=10_000):
        attempt(qtbot, page, runner, "admin", ADMIN_PASSWORD)
    assert workstation.actor is not None


def test_enter_before_the_database_is_open_signs_in_once_it_is(qtbot, window: MainWindow, runner: OpRunner,
                                                                workstation: Workstation) -> None:
    users.sign_out(workstation)
    page = window.sign_in_page
    qtbot.keyClicks(page.ui.usernameEdit, "admin")
    qtbot.keyClick(page.ui.usernameEdit, Qt.Key.Key_Tab)
    qtbot.keyClicks(page.ui.passwordEdit, ADMIN_PASSWORD)
    qtbot.keyClick(page.ui.passwordEdit, Qt.Key.Key_Return)
    assert page.waiting and page.busy  # nothing to sign in to yet: it waits, the button rests
    assert not runner.is_busy() and workstation.actor is None
    qtbot.keyClick(page.ui.passwordEdit, Qt.Key.Key_Return)  # a second Enter does not sign in twice
    with qtbot.waitSignal(page.signed_in, timeout=10_000) as signal:
        window.database_opened(workstation, "Riverside Family Medicine")
    assert signal.args[0].actor.username == "admin"
    qtbot.waitUntil(lambda: not page.busy, timeout=5000)
    assert not page.waiting


def test_a_database_that_does_not_open_lets_the_page_go(qtbot, window: MainWindow) -> None:
    page = window.sign_in_page
    qtbot.keyClicks(page.ui.usernameEdit, "admin")
    qtbot.keyClicks(page.ui.passwordEdit, ADMIN_PASSWORD)
    qtbot.keyClick(page.ui.passwordEdit, Qt.Key.Key_Return)
    assert page.waiting
    page.open_failed()  # what the session does when the database cannot be opened
    assert not page.waiting and not page.busy


@pytest.mark.parametrize("how", ["escape", "quit button"])
def test_escape_or_quit_on_the_sign_in_page_quits(qtbot, window: MainWindow, how: str) -> None:
    page = window.sign_in_page
    with qtbot.waitSignal(window.quit_requested, timeout=2000):
        if how == "escape":
            qtbot.keyClick(page.ui.usernameEdit, Qt.Key.Key_Escape)
        else:
            page.ui.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert not window.isVisible()
