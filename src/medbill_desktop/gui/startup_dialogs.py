"""The screen before there is a practice: the first-run set-up dialog.

(Sign-in and the passphrase are pages of the main window: gui/sign_in_page.py.) The dialog hands its
database work to the op runner and stays responsive; what is wrong is shown inline, next to the field to
fix. Enter submits, Escape quits.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from medbill_desktop.gui import tasks
from medbill_desktop.gui.fields import FieldErrors
from medbill_desktop.gui.forms.ui_first_run import Ui_FirstRunDialog
from medbill_desktop.gui.op_dialog import OpDialog
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.gui.practice_form import practice_edits, prepare_practice_edits, read_practice
from medbill_desktop.services.errors import UnlockError

MIN_PASSPHRASE = 10  # the storage layer refuses shorter ones too


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
