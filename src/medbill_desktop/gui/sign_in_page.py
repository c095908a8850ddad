"""The pages the main window shows before work: sign-in, and the practice passphrase when the database key is
derived from it (no secure keyring).

They are pages of the main window (like the lock screen), not dialogs: the window appears at once with the
sign-in page ready for typing while the database worker imports the services and opens the database. A
sign-in submitted before the database is open waits for it (`set_workstation`). Each page hands its work
to the op runner and says what is wrong inline, next to the field to fix. Enter submits, Escape quits.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialogButtonBox, QFrame, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from medbill_desktop.gui import tasks
from medbill_desktop.gui.fields import FieldErrors
from medbill_desktop.gui.forms.ui_passphrase import Ui_PassphraseDialog
from medbill_desktop.gui.forms.ui_sign_in import Ui_SignInDialog
from medbill_desktop.gui.ops import OpRunner

PANEL_WIDTH = 460


class GatePage(QWidget):
    """A white panel in the middle of the dark page; the panel holds a form made with Qt Designer."""

    quit_requested = Signal()
    ok_text = "OK"
    cancel_text = "&Quit"

    def __init__(self, runner: OpRunner, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.busy = False
        self.setObjectName(name)
        self.setProperty("role", "gate")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.panel = QFrame(self)
        self.panel.setObjectName(f"{name}Panel")
        self.panel.setProperty("role", "gatePanel")
        self.panel.setFixedWidth(PANEL_WIDTH)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.panel)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.quit_requested.emit)
        self._buttons: QDialogButtonBox

    def _setup_buttons(self, buttons: QDialogButtonBox, *edits: QLineEdit) -> None:
        self._buttons = buttons
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.ok_text)
        ok.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.cancel_text)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.quit_requested.emit)
        for edit in edits:  # no dialog here to turn Enter into the default button
            edit.returnPressed.connect(self.submit)

    def submit(self) -> None:
        raise NotImplementedError

    def focus_first(self) -> None:
        raise NotImplementedError

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not busy)
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()


class SignInPage(GatePage):
    """User name and password; the practice's name on top; a refused sign-in says why, inline."""

    signed_in = Signal(object)  # tasks.SignedIn
    refused = Signal(object)  # the exception, after it was shown
    ok_text = "&Sign in"

    def __init__(self, runner: OpRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, "signInPage", parent)
        self.ui = Ui_SignInDialog()
        self.ui.setupUi(self.panel)
        self._setup_buttons(self.ui.buttons, self.ui.usernameEdit, self.ui.passwordEdit)
        self.ws: object | None = None  # the Workstation, once the database is open
        self.waiting = False  # submitted before the database was open
        self.errors = FieldErrors(self.ui.errorLabel, {"username": self.ui.usernameEdit,
                                                       "password": self.ui.passwordEdit})
        self.set_practice_name("")

    def set_practice_name(self, name: str) -> None:
        self.ui.practiceLabel.setText(name or "MedBill Desktop")

    def reset(self, username: str = "") -> None:
        """Empty, for the next person (after sign-out)."""
        self.errors.clear()
        self.waiting = False
        self.set_busy(False)
        self.ui.usernameEdit.setText(username)
        self.ui.passwordEdit.clear()

    def focus_first(self) -> None:
        (self.ui.passwordEdit if self.ui.usernameEdit.text() else self.ui.usernameEdit).setFocus()

    def set_workstation(self, ws: object, practice_name: str) -> None:
        """The database is open: sign in now if someone already pressed Enter."""
        self.ws = ws
        self.set_practice_name(practice_name)
        if self.waiting:
            self.waiting = False
            self._sign_in()

    def open_failed(self) -> None:
        """The database did not open: a waiting sign-in is dropped (the error is shown by the session)."""
        self.waiting = False
        self.set_busy(False)

    def submit(self) -> None:
        if self.busy:
            return
        if not self.ui.usernameEdit.text().strip():
            self.errors.show("Enter your user name.", "username")
            return
        if not self.ui.passwordEdit.text():
            self.errors.show("Enter your password.", "password")
            return
        self.errors.clear()
        self.set_busy(True)
        if self.ws is None:
            self.waiting = True  # the database is still opening; the sign-in follows as soon as it is
        else:
            self._sign_in()

    def _sign_in(self) -> None:
        username = self.ui.usernameEdit.text().strip()
        self.runner.run(tasks.sign_in, self.ws, username, self.ui.passwordEdit.text(), success=self._signed_in,
                        failure=self._refused, finished=lambda: self.set_busy(False),
                        label="Signing in…", parent=self.window())

    def _signed_in(self, result: tasks.SignedIn) -> None:
        self.ui.passwordEdit.clear()
        self.signed_in.emit(result)

    def _refused(self, exc: Exception) -> None:
        self.ui.passwordEdit.clear()
        self.errors.show_error(exc)
        self.ui.passwordEdit.setFocus()
        self.refused.emit(exc)


class PassphrasePage(GatePage):
    """The practice passphrase, when the database key is derived from it (no secure keyring)."""

    opened = Signal(object)  # tasks.Opened
    ok_text = "&Unlock"

    def __init__(self, runner: OpRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, "passphrasePage", parent)
        self.ui = Ui_PassphraseDialog()
        self.ui.setupUi(self.panel)
        self._setup_buttons(self.ui.buttons, self.ui.passphraseEdit)
        self.path: Path | None = None
        self.opener: Callable[[Path, str], tasks.Opened] = tasks.open_workstation  # runs on the worker
        self.errors = FieldErrors(self.ui.errorLabel, {"passphrase": self.ui.passphraseEdit})

    def set_path(self, path: Path) -> None:
        self.path = path
        self.ui.databaseLabel.setText(f"Database: {path}")

    def focus_first(self) -> None:
        self.ui.passphraseEdit.setFocus()

    def submit(self) -> None:
        if self.busy or self.path is None:
            return
        passphrase = self.ui.passphraseEdit.text()
        if not passphrase:
            self.errors.show("Enter the practice passphrase.", "passphrase")
            return
        self.errors.clear()
        self.set_busy(True)
        self.runner.run(self.opener, self.path, passphrase, success=self._opened,
                        failure=self._refused, finished=lambda: self.set_busy(False),
                        label="Unlocking the database…", parent=self.window())

    def _opened(self, result: tasks.Opened) -> None:
        self.ui.passphraseEdit.clear()
        self.opened.emit(result)

    def _refused(self, exc: Exception) -> None:
        self.ui.passphraseEdit.clear()
        self.errors.show(getattr(exc, "message", str(exc)), "passphrase")
