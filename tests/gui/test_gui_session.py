"""From start to work and back: the window first, first run, the passphrase, an unreadable database, sign-in,
sign-out, the unattended sign-in, quitting early."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest
import shiboken6
from gui_helpers import message_boxes
from PySide6.QtCore import Qt

from medbill_desktop.gui.session import Session
from medbill_desktop.services import practice as practice_service
from medbill_desktop.services import setup

ADMIN_PASSWORD = "admin-pass-1"
PASSPHRASE = "river stone 4 lamps"


@pytest.fixture
def make_session(qtbot, runner):  # type: ignore[no-untyped-def]
    sessions: list[Session] = []

    def make(path: Path, **options) -> Session:  # type: ignore[no-untyped-def]
        session = Session(runner, path, **options)
        sessions.append(session)
        session.start()
        return session

    yield make
    for session in sessions:
        session.close()  # closes whatever it opened, on the worker (the runner fixture stops the worker)
        for widget in (session.dialog, session.window):
            if widget is not None and shiboken6.isValid(widget):
                widget.deleteLater()


def make_database(db_path: Path, practice) -> None:  # type: ignore[no-untyped-def]
    setup.create_workstation(db_path, practice, admin_username="admin", admin_full_name="Ada Admin",
                             admin_password=ADMIN_PASSWORD).close()


def sign_in(qtbot, session: Session, password: str = ADMIN_PASSWORD) -> None:  # type: ignore[no-untyped-def]
    page = session.window.sign_in_page
    page.ui.usernameEdit.setText("")
    qtbot.keyClicks(page.ui.usernameEdit, "admin")
    page.ui.passwordEdit.setText("")
    qtbot.keyClicks(page.ui.passwordEdit, password)
    qtbot.keyClick(page.ui.passwordEdit, Qt.Key.Key_Return)


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


def test_the_window_comes_first_on_its_sign_in_page(qtbot, db_path, practice, make_session, runner) -> None:
    make_database(db_path, practice)
    shown: list[object] = []
    session = Session(runner, db_path)
    session.main_window_shown.connect(lambda window: shown.append((
        window.ui.rootStack.currentWidget() is window.sign_in_page,
        window.sign_in_page.ui.usernameEdit.hasFocus())))
    with qtbot.waitSignal(session.main_window_shown, timeout=10_000) as painted:
        session.start()
    window = painted.args[0]
    assert window is session.window and window.isVisible()
    assert shown == [(True, True)]  # at the first paint: the sign-in page, the user name box taking keys
    qtbot.keyClicks(window.sign_in_page.ui.usernameEdit, "adm")
    assert window.sign_in_page.ui.usernameEdit.text() == "adm"
    qtbot.waitUntil(lambda: session.ws is not None, timeout=10_000)  # opened quietly behind the page
    assert runner.progress_shown == 0
    assert window.sign_in_page.ui.practiceLabel.text() == "Riverside Family Medicine"
    assert window.windowTitle() == "Riverside Family Medicine — MedBill Desktop"
    assert window.sign_in_page.ui.usernameEdit.hasFocus() and window.sign_in_page.ui.usernameEdit.text() == "adm"
    assert window.db_status.text() == f"{db_path.name} · encrypted"
    with qtbot.waitSignal(session.signed_in, timeout=10_000):
        qtbot.keyClicks(window.sign_in_page.ui.usernameEdit, "in")
        qtbot.keyClick(window.sign_in_page.ui.usernameEdit, Qt.Key.Key_Tab)
        qtbot.keyClicks(window.sign_in_page.ui.passwordEdit, ADMIN_PASSWORD)
        qtbot.keyClick(window.sign_in_page.ui.passwordEdit, Qt.Key.Key_Return)
    assert window.actor.username == "admin" and window.current_key() == "home"
    with qtbot.waitSignal(session.work_shown, timeout=10_000):
        pass
    assert window.current_workspace().overview is not None  # Home has its figures


def test_first_run_creates_the_practice_and_opens_the_main_window(qtbot, db_path, make_session, runner) -> None:
    session = make_session(db_path)
    qtbot.waitUntil(lambda: session.dialog is not None and session.dialog.isVisible(), timeout=10_000)
    dialog = session.dialog
    assert type(dialog).__name__ == "FirstRunDialog"
    assert not session.window.isVisible()  # the window comes once there is a practice to sign in to
    assert not dialog.ui.passphraseGroup.isVisible()  # the (test) keyring is secure
    fill_first_run(qtbot, dialog.ui)
    assert dialog.ui.stateEdit.text() == "WI" and dialog.ui.taxonomyEdit.text() == "208000000X"
    with qtbot.waitSignal(session.signed_in, timeout=20_000) as created:
        qtbot.keyClick(dialog.ui.password2Edit, Qt.Key.Key_Return)
    window = created.args[0]
    assert window.isVisible() and window.ui.rootStack.currentWidget() is window.ui.workPage
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


def test_passphrase_page_then_sign_in(qtbot, db_path, practice, make_session, runner, monkeypatch) -> None:
    monkeypatch.setenv("MEDBILL_DB_PASSPHRASE", PASSPHRASE)
    make_database(db_path, practice)
    monkeypatch.delenv("MEDBILL_DB_PASSPHRASE")
    assert setup.needs_passphrase(db_path)
    session = make_session(db_path)
    qtbot.waitUntil(lambda: session.window.isVisible(), timeout=10_000)
    window = session.window
    page = window.passphrase_page
    assert window.ui.rootStack.currentWidget() is page and page.ui.passphraseEdit.hasFocus()
    assert page.ui.databaseLabel.text() == f"Database: {db_path}"
    qtbot.keyClicks(page.ui.passphraseEdit, "wrong passphrase here")
    qtbot.keyClick(page.ui.passphraseEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not runner.is_busy() and not page.busy, timeout=10_000)
    assert window.ui.rootStack.currentWidget() is page
    assert "the passphrase or key is wrong" in page.ui.errorLabel.text()
    assert message_boxes() == []  # said inline, once
    qtbot.keyClicks(page.ui.passphraseEdit, PASSPHRASE)
    qtbot.keyClick(page.ui.passphraseEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.ui.rootStack.currentWidget() is window.sign_in_page, timeout=10_000)
    assert window.sign_in_page.ui.practiceLabel.text() == "Riverside Family Medicine"
    assert window.focusWidget() is window.sign_in_page.ui.usernameEdit
    with qtbot.waitSignal(session.signed_in, timeout=10_000):
        sign_in(qtbot, session)
    assert window.actor.username == "admin"


def test_unreadable_database_says_why_once_and_can_quit(qtbot, db_path, practice, make_session,
                                                         memory_keyring) -> None:
    make_database(db_path, practice)
    memory_keyring.secrets.clear()  # e.g. the database was copied to another computer
    session = make_session(db_path)
    qtbot.waitUntil(lambda: len(message_boxes()) == 1, timeout=10_000)
    box = message_boxes()[0]
    assert box.objectName() == "unlockErrorBox"
    assert box.text().startswith("The database key is not in this computer's keyring.")
    assert "Traceback" not in box.text()
    assert session.window.isVisible()  # over the sign-in page
    assert session.window.db_status.text() == f"{db_path.name} · not open"
    with qtbot.waitSignal(session.finished, timeout=5000) as finished:
        quit_button = next(b for b in box.buttons() if b.text() == "&Quit")
        quit_button.click()
    assert finished.args == [1]


def slow_keyring(memory_keyring, monkeypatch) -> threading.Event:  # type: ignore[no-untyped-def]
    """The keyring answers only once the returned event is set: the database stays 'opening' until then."""
    answer = threading.Event()
    read = memory_keyring.get_password

    def get_password(service: str, username: str) -> str | None:
        answer.wait(10)
        return read(service, username)

    monkeypatch.setattr(memory_keyring, "get_password", get_password)
    return answer


def test_a_sign_in_typed_while_the_database_fails_to_open_is_let_go(qtbot, db_path, practice, make_session,
                                                                    memory_keyring, monkeypatch) -> None:
    make_database(db_path, practice)
    memory_keyring.secrets.clear()
    answer = slow_keyring(memory_keyring, monkeypatch)
    session = make_session(db_path)
    qtbot.waitUntil(lambda: session.window.isVisible(), timeout=10_000)
    page = session.window.sign_in_page
    sign_in(qtbot, session)
    assert page.waiting and page.busy and message_boxes() == []
    answer.set()
    qtbot.waitUntil(lambda: len(message_boxes()) == 1, timeout=10_000)
    assert not page.busy and not page.waiting


def test_sign_out_and_back_in_in_the_same_window(qtbot, db_path, practice, make_session, runner) -> None:
    make_database(db_path, practice)
    session = make_session(db_path)
    qtbot.waitUntil(lambda: session.ws is not None, timeout=10_000)
    window = session.window
    with qtbot.waitSignal(session.signed_in, timeout=10_000):
        sign_in(qtbot, session)
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=10_000)
    window.show_workspace("users")
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=10_000)
    users_page = window.workspaces["users"]
    window.lock("manual")
    window.ui.signOutButton.click()
    qtbot.waitUntil(lambda: window.ui.rootStack.currentWidget() is window.sign_in_page, timeout=10_000)
    assert session.window is window and window.isVisible()
    assert session.ws.actor is None
    assert window.actor is None and not window.locked and window.workspaces == {}
    assert window.ui.navigator.count() == 0 and window.ui.goMenu.actions() == []
    assert not window.ui.actionLock.isEnabled() and not window.ui.actionSignOut.isEnabled()
    assert window.user_status.text() == "Not signed in"
    page = window.sign_in_page
    assert page.ui.usernameEdit.text() == "" and page.ui.passwordEdit.text() == "" and not page.busy
    assert page.ui.usernameEdit.hasFocus()
    qtbot.waitUntil(lambda: not shiboken6.isValid(users_page), timeout=5000)  # the old work is gone
    with qtbot.waitSignal(session.signed_in, timeout=10_000):
        sign_in(qtbot, session)
    assert window.ui.rootStack.currentWidget() is window.ui.workPage and window.current_key() == "home"
    assert window.actor.username == "admin" and window.idle.active
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=10_000)


def test_unattended_sign_in_and_its_failure(qtbot, db_path, practice, make_session) -> None:
    make_database(db_path, practice)
    session = make_session(db_path, sign_in_as=("admin", ADMIN_PASSWORD), workspace="users")
    with qtbot.waitSignal(session.work_shown, timeout=20_000) as shown:
        pass
    window = shown.args[0]
    assert window.actor.username == "admin" and window.current_key() == "users"
    assert window.sign_in_page.ui.passwordEdit.text() == ""

    errors = io.StringIO()
    refused = make_session(db_path, sign_in_as=("admin", "not-the-password"), errors=errors)
    with qtbot.waitSignal(refused.finished, timeout=20_000) as finished:
        pass
    assert finished.args == [2]
    assert errors.getvalue() == "medbill-desktop: The user name or password is wrong.\n"


def test_unattended_start_ends_on_an_unexpected_error_too(qtbot, db_path, practice, make_session) -> None:
    make_database(db_path, practice)
    db_path.with_name(db_path.name + ".keyinfo.json").write_text("{not json")  # damaged beside the database
    errors = io.StringIO()
    session = make_session(db_path, sign_in_as=("admin", ADMIN_PASSWORD), errors=errors)
    with qtbot.waitSignal(session.finished, timeout=20_000) as finished:
        pass
    assert finished.args == [2]
    assert errors.getvalue().startswith("medbill-desktop: Something went wrong")
    assert "JSONDecodeError" in errors.getvalue() and "{not json" not in errors.getvalue()


def test_quitting_before_the_database_is_open_still_closes_it(qtbot, db_path, practice, runner, memory_keyring,
                                                               monkeypatch) -> None:
    make_database(db_path, practice)
    answer = slow_keyring(memory_keyring, monkeypatch)
    session = Session(runner, db_path)
    with qtbot.waitSignal(session.main_window_shown, timeout=10_000):
        session.start()
    later = threading.Timer(0.3, answer.set)  # the open finishes only after the program has begun to end
    later.start()
    session.end(0)
    session.shutdown()
    later.join()
    assert session.ws is None and not runner.is_running()
    assert session._opened_on_worker == []  # what the worker opened, it closed
    wal = db_path.with_name(db_path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    session.window.deleteLater()
