"""The screens before the main window: first-run set-up, the passphrase unlock and sign-in.

Each dialog hands its database work to the op runner and stays responsive; what is wrong is shown inline,
next to the field to fix. Enter submits, Escape quits.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from medbill_desktop.gui import tasks
from medbill_desktop.gui.fields import FieldErrors
from medbill_desktop.gui.forms.ui_first_run import Ui_FirstRunDialog
from medbill_desktop.gui.forms.ui_passphrase import Ui_PassphraseDialog
from medbill_desktop.gui.forms.ui_sign_in import Ui_SignInDialog
from medbill_desktop.gui.op_dialog import OpDialog
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.gui.practice_form import practice_edits, prepare_practice_edits, read_practice
from medbill_desktop.services.errors import UnlockError

MIN_PASSPHRASE = 10  # the storage layer refuses shorter ones too


class SignInDialog(OpDialog):
    """User name and password; the practice's name on top; a refused sign-in says why, inline."""

    signed_in = Signal(object)  # tasks.SignedIn
    ok_text = "&Sign in"
    cancel_text = "&Quit"

    def __init__(self, runner: OpRunner, ws: object, practice_name: str, parent: QWidget | None = None,
                 username: str = "") -> None:
        super().__init__(runner, parent)
        self.ui = Ui_SignInDialog()
        self.ui.setupUi(self)
        self._setup_buttons(self.ui.buttons)
        self.ws = ws
        self.result_value: tasks.SignedIn | None = None
        self.ui.practiceLabel.setText(practice_name or "MedBill Desktop")
        self.errors = FieldErrors(self.ui.errorLabel, {"username": self.ui.usernameEdit,
                                                       "password": self.ui.passwordEdit})
        self.ui.usernameEdit.setText(username)
        (self.ui.passwordEdit if username else self.ui.usernameEdit).setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        username = self.ui.usernameEdit.text().strip()
        password = self.ui.passwordEdit.text()
        if not username:
            self.errors.show("Enter your user name.", "username")
            return
        if not password:
            self.errors.show("Enter your password.", "password")
            return
        self.errors.clear()
        self.set_busy(True)
        self.runner.run(tasks.sign_in, self.ws, username, password, success=self._signed_in,
                        failure=self._refused, finished=lambda: self.set_busy(False),
                        label="Signing in…", parent=self)

    def _signed_in(self, result: tasks.SignedIn) -> None:
        self.result_value = result
        self.ui.passwordEdit.clear()
        self.accept()
        self.signed_in.emit(result)

    def _refused(self, exc: Exception) -> None:
        self.ui.passwordEdit.clear()
        self.errors.show_error(exc)
        self.ui.passwordEdit.setFocus()


class PassphraseDialog(OpDialog):
    """The practice passphrase, when the database key is derived from it (no secure keyring)."""

    opened = Signal(object)  # tasks.Opened
    ok_text = "&Unlock"
    cancel_text = "&Quit"

    def __init__(self, runner: OpRunner, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.ui = Ui_PassphraseDialog()
        self.ui.setupUi(self)
        self._setup_buttons(self.ui.buttons)
        self.path = path
        self.result_value: tasks.Opened | None = None
        self.ui.databaseLabel.setText(f"Database: {path}")
        self.errors = FieldErrors(self.ui.errorLabel, {"passphrase": self.ui.passphraseEdit})
        self.ui.passphraseEdit.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        passphrase = self.ui.passphraseEdit.text()
        if not passphrase:
            self.errors.show("Enter the practice passphrase.", "passphrase")
            return
        self.errors.clear()
        self.set_busy(True)
        self.runner.run(tasks.open_workstation, self.path, passphrase, success=self._opened,
                        failure=self._refused, finished=lambda: self.set_busy(False),
                        label="Unlocking the database…", parent=self)

    def _opened(self, result: tasks.Opened) -> None:
        self.result_value = result
        self.ui.passphraseEdit.clear()
        self.accept()
        self.opened.emit(result)

    def _refused(self, exc: Exception) -> None:
        self.ui.passphraseEdit.clear()
        self.errors.show(getattr(exc, "message", str(exc)), "passphrase")


class FirstRunDialog(OpDialog):
    """Creates the practice's database, the practice record and the first manager, then signs them in."""

    created = Signal(object)  # tasks.Created
    ok_text = "C&reate practice"
    cancel_text = "&Quit"

    def __init__(self, runner: OpRunner, path: Path, needs_passphrase: bool, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.ui = Ui_FirstRunDialog()
        self.ui.setupUi(self)
        self._setup_buttons(self.ui.buttons)
        self.path = path
        self.needs_passphrase = needs_passphrase
        self.result_value: tasks.Created | None = None
        self.ui.passphraseGroup.setVisible(needs_passphrase)
        prepare_practice_edits(self.ui)
        self.errors = FieldErrors(self.ui.errorLabel, {
            **practice_edits(self.ui),
            "username": self.ui.usernameEdit,
            "full_name": self.ui.fullNameEdit,
            "password": self.ui.passwordEdit,
            "password2": self.ui.password2Edit,
            "passphrase": self.ui.passphraseEdit,
            "passphrase2": self.ui.passphrase2Edit,
        })
        self.ui.nameEdit.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        ui = self.ui
        if ui.passwordEdit.text() != ui.password2Edit.text():
            self.errors.show("The two passwords are not the same; type the password again in both boxes.",
                             "password2")
            return
        passphrase: str | None = None
        if self.needs_passphrase:
            passphrase = ui.passphraseEdit.text()
            if len(passphrase) < MIN_PASSPHRASE:
                self.errors.show(f"The practice passphrase needs at least {MIN_PASSPHRASE} characters.",
                                 "passphrase")
                return
            if passphrase != ui.passphrase2Edit.text():
                self.errors.show("The two passphrases are not the same; type it again in both boxes.",
                                 "passphrase2")
                return
        self.errors.clear()
        self.set_busy(True)
        self.runner.run(
            tasks.create_and_sign_in, self.path, read_practice(ui), ui.usernameEdit.text(),
            ui.fullNameEdit.text(), ui.passwordEdit.text(), passphrase,
            success=self._created, failure=self._refused, finished=lambda: self.set_busy(False),
            label="Creating the practice database…", parent=self,
        )

    def _created(self, result: tasks.Created) -> None:
        self.result_value = result
        for edit in (self.ui.passwordEdit, self.ui.password2Edit, self.ui.passphraseEdit, self.ui.passphrase2Edit):
            edit.clear()
        self.accept()
        self.created.emit(result)

    def _refused(self, exc: Exception) -> None:
        field = getattr(exc, "field", None)
        if isinstance(exc, UnlockError) and field is None and self.needs_passphrase:
            field = "passphrase"
        self.errors.show(getattr(exc, "message", str(exc)), field)
