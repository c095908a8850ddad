"""Dialogs of the Users workspace: add a user, reset a password, change a role."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from medbill_desktop.domain.roles import Role
from medbill_desktop.gui.fields import FieldErrors
from medbill_desktop.gui.forms.ui_add_user import Ui_AddUserDialog
from medbill_desktop.gui.forms.ui_change_role import Ui_ChangeRoleDialog
from medbill_desktop.gui.forms.ui_reset_password import Ui_ResetPasswordDialog
from medbill_desktop.gui.op_dialog import OpDialog
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.services import users
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.users import UserInfo

ROLE_HELP = {
    Role.FRONT_DESK: "Registers patients, checks them in and takes copays.",
    Role.BILLER: "Also enters charges, sends claims and posts insurance payments.",
    Role.MANAGER: "Also changes the practice settings and the users, and reads the audit log.",
}


def fill_roles(combo: QComboBox, hint: QLabel, selected: Role = Role.FRONT_DESK) -> None:
    """The roles by name, with what the chosen one may do written underneath."""
    combo.clear()
    for role in Role:
        combo.addItem(role.label, role)
        combo.setItemData(combo.count() - 1, ROLE_HELP[role], Qt.ItemDataRole.ToolTipRole)
    combo.currentIndexChanged.connect(lambda index: hint.setText(ROLE_HELP[list(Role)[index]] if index >= 0 else ""))
    combo.setCurrentIndex(list(Role).index(selected))
    hint.setText(ROLE_HELP[selected])


class AddUserDialog(OpDialog):
    added = Signal(object)  # UserInfo
    ok_text = "&Add user"

    def __init__(self, runner: OpRunner, ws: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.ui = Ui_AddUserDialog()
        self.ui.setupUi(self)
        self._setup_buttons(self.ui.buttons)
        self.ws = ws
        fill_roles(self.ui.roleCombo, self.ui.roleHintLabel)
        self.errors = FieldErrors(self.ui.errorLabel, {
            "username": self.ui.usernameEdit, "full_name": self.ui.fullNameEdit, "role": self.ui.roleCombo,
            "password": self.ui.passwordEdit, "password2": self.ui.password2Edit,
        })
        self.ui.usernameEdit.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        if self.ui.passwordEdit.text() != self.ui.password2Edit.text():
            self.errors.show("The two passwords are not the same; type the password again in both boxes.",
                             "password2")
            return
        self.errors.clear()
        self.set_busy(True)
        self.runner.run(users.add_user, self.ws, self.ui.usernameEdit.text(), self.ui.fullNameEdit.text(),
                        Role(self.ui.roleCombo.currentData()), self.ui.passwordEdit.text(),
                        success=self._added, failure=self.errors.show_error,
                        finished=lambda: self.set_busy(False), label="Adding the user…", parent=self)

    def _added(self, user: UserInfo) -> None:
        self.accept()
        self.added.emit(user)


class ResetPasswordDialog(OpDialog):
    reset_done = Signal(object)  # the UserInfo whose password was reset
    ok_text = "&Reset password"

    def __init__(self, runner: OpRunner, ws: Workstation, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.ui = Ui_ResetPasswordDialog()
        self.ui.setupUi(self)
        self._setup_buttons(self.ui.buttons)
        self.ws = ws
        self.user = user
        self.ui.infoLabel.setText(
            f"A new password for {user.full_name} ({user.username}). Tell them the new password in person; "
            "this also ends a lockout.")
        self.errors = FieldErrors(self.ui.errorLabel, {"password": self.ui.passwordEdit,
                                                       "password2": self.ui.password2Edit})
        self.ui.passwordEdit.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        if self.ui.passwordEdit.text() != self.ui.password2Edit.text():
            self.errors.show("The two passwords are not the same; type the password again in both boxes.",
                             "password2")
            return
        self.errors.clear()
        self.set_busy(True)
        self.runner.run(users.reset_password, self.ws, self.user.username, self.ui.passwordEdit.text(),
                        success=self._done, failure=self.errors.show_error,
                        finished=lambda: self.set_busy(False), label="Resetting the password…", parent=self)

    def _done(self, _result: None) -> None:
        self.accept()
        self.reset_done.emit(self.user)


class ChangeRoleDialog(OpDialog):
    changed = Signal(object)  # UserInfo
    ok_text = "&Change role"

    def __init__(self, runner: OpRunner, ws: Workstation, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.ui = Ui_ChangeRoleDialog()
        self.ui.setupUi(self)
        self._setup_buttons(self.ui.buttons)
        self.ws = ws
        self.user = user
        self.ui.infoLabel.setText(f"{user.full_name} ({user.username}) has the {user.role.label} role now.")
        fill_roles(self.ui.roleCombo, self.ui.roleHintLabel, user.role)
        self.errors = FieldErrors(self.ui.errorLabel, {"role": self.ui.roleCombo})
        self.ui.roleCombo.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        self.errors.clear()
        self.set_busy(True)
        self.runner.run(users.set_role, self.ws, self.user.username, Role(self.ui.roleCombo.currentData()),
                        success=self._done, failure=self.errors.show_error,
                        finished=lambda: self.set_busy(False), label="Changing the role…", parent=self)

    def _done(self, user: UserInfo) -> None:
        self.accept()
        self.changed.emit(user)
