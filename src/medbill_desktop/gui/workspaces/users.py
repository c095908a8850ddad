"""Users: the people who may sign in on this practice's workstations (managers only)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection
from PySide6.QtWidgets import QDialog, QHeaderView, QWidget

from medbill_desktop.gui.forms.ui_users import Ui_UsersPage
from medbill_desktop.gui.models import UsersModel
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.gui.user_dialogs import AddUserDialog, ChangeRoleDialog, ResetPasswordDialog
from medbill_desktop.gui.workspaces import Workspace
from medbill_desktop.services import users
from medbill_desktop.services.context import Actor, Workstation
from medbill_desktop.services.users import UserInfo


class UsersWorkspace(Workspace):
    def __init__(self, runner: OpRunner, ws: Workstation, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(runner, ws, actor, parent)
        self.ui = Ui_UsersPage()
        self.ui.setupUi(self)
        self.model = UsersModel(self)
        table = self.ui.usersTable
        table.setModel(self.model)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((160, 260, 140)):
            table.setColumnWidth(column, width)
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        table.doubleClicked.connect(lambda _index: self.change_role())
        self.ui.addButton.clicked.connect(self.add_user)
        self.ui.toggleActiveButton.clicked.connect(self.toggle_active)
        self.ui.resetPasswordButton.clicked.connect(self.reset_password)
        self.ui.changeRoleButton.clicked.connect(self.change_role)
        self.dialog: QDialog | None = None
        self._select_after_load: str | None = None
        self.working = False
        self._update_buttons()

    # --- the list ---------------------------------------------------------------------------------
    def activate(self) -> None:
        self.reload()

    def reload(self, select: str | None = None) -> None:
        current = self.selected()
        self._select_after_load = select or (current.username if current else None)
        self.runner.run(users.list_users, self.ws, success=self._loaded, label="Loading the users…")

    def _loaded(self, rows: list[UserInfo]) -> None:
        self.model.set_rows(rows)
        row = self.model.row_of(self._select_after_load) if self._select_after_load else -1
        self.ui.usersTable.selectRow(max(row, 0))
        self._update_buttons()

    def selected(self) -> UserInfo | None:
        rows = self.ui.usersTable.selectionModel().selectedRows()
        return self.model.user_at(rows[0].row()) if rows else None

    def select_user(self, username: str) -> None:
        row = self.model.row_of(username)
        if row >= 0:
            self.ui.usersTable.selectRow(row)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        user = self.selected()
        ui = self.ui
        ui.addButton.setEnabled(not self.working)
        for button in (ui.toggleActiveButton, ui.resetPasswordButton, ui.changeRoleButton):
            button.setEnabled(user is not None and not self.working)
        if user is not None and not user.active:
            ui.toggleActiveButton.setText("&Enable user")
        else:
            ui.toggleActiveButton.setText("&Disable user")
        if user is not None and user.username == self.actor.username:
            ui.toggleActiveButton.setEnabled(False)  # the service refuses it too
            ui.toggleActiveButton.setToolTip("You cannot disable the user you are signed in as.")
        else:
            ui.toggleActiveButton.setToolTip("")

    def _note(self, text: str) -> None:
        self.ui.messageLabel.setText(text)
        self.status_message.emit(text)

    # --- actions ----------------------------------------------------------------------------------
    def _open(self, dialog: QDialog) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self.ui.usersTable.setFocus())
        dialog.open()

    def add_user(self) -> None:
        dialog = AddUserDialog(self.runner, self.ws, self)
        dialog.added.connect(self._added)
        self._open(dialog)

    def _added(self, user: UserInfo) -> None:
        self._note(f"Added {user.full_name} ({user.username}) as {user.role.label.lower()}.")
        self.reload(select=user.username)

    def toggle_active(self) -> None:
        user = self.selected()
        if user is None or self.working:
            return
        self.working = True
        self._update_buttons()
        self.runner.run(users.set_active, self.ws, user.username, not user.active, success=self._changed,
                        finished=self._done_working,
                        label="Enabling the user…" if not user.active else "Disabling the user…")

    def _changed(self, user: UserInfo) -> None:
        self._note(f"{user.full_name} ({user.username}) is now "
                   f"{'enabled' if user.active else 'disabled'}, {user.role.label.lower()}.")
        self.reload(select=user.username)

    def _done_working(self) -> None:
        self.working = False
        self._update_buttons()

    def reset_password(self) -> None:
        user = self.selected()
        if user is None:
            return
        dialog = ResetPasswordDialog(self.runner, self.ws, user, self)
        dialog.reset_done.connect(self._password_reset)
        self._open(dialog)

    def _password_reset(self, user: UserInfo) -> None:
        self._note(f"The password of {user.full_name} ({user.username}) was reset.")
        self.reload(select=user.username)

    def change_role(self) -> None:
        user = self.selected()
        if user is None:
            return
        dialog = ChangeRoleDialog(self.runner, self.ws, user, self)
        dialog.changed.connect(self._role_changed)
        self._open(dialog)

    def _role_changed(self, user: UserInfo) -> None:
        self._note(f"{user.full_name} ({user.username}) is now {user.role.label.lower()}.")
        self.reload(select=user.username)

    def focus_first(self) -> None:
        self.ui.usersTable.setFocus()
