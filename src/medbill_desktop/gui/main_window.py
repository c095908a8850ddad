"""The main window: navigator, workspaces, lock screen and status bar."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QDialog, QLabel, QListWidgetItem, QMainWindow, QProgressDialog, QWidget

from medbill_desktop.gui.fields import FieldErrors
from medbill_desktop.gui.forms.ui_main_window import Ui_MainWindow
from medbill_desktop.gui.idle import IdleWatcher
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.gui.workspaces import Workspace, WorkspaceSpec, find_workspace, visible_workspaces

if TYPE_CHECKING:
    from medbill_desktop.domain.settings import PracticeSettings
    from medbill_desktop.services.context import Actor, Workstation


def _lock(ws: Workstation, reason: str) -> None:
    from medbill_desktop.services import users

    users.lock(ws, reason)


def _unlock(ws: Workstation, password: str) -> Actor:
    from medbill_desktop.services import users

    return users.unlock(ws, password)


class MainWindow(QMainWindow):
    sign_out_requested = Signal()
    quit_requested = Signal()
    first_painted = Signal()
    locked_changed = Signal(bool)

    def __init__(self, runner: OpRunner, ws: Workstation, actor: Actor, settings: PracticeSettings,
                 practice_name: str = "", workspace: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.runner = runner
        self.ws = ws
        self.actor = actor
        self.settings = settings
        self.locked = False
        self._painted = False
        self._closing = False
        self.setWindowTitle(f"{practice_name} — MedBill Desktop" if practice_name else "MedBill Desktop")

        self.specs: list[WorkspaceSpec] = visible_workspaces(actor.role)
        self.workspaces: dict[str, Workspace] = {}
        self.workspace_actions: list[QAction] = []
        self._build_navigator()
        self._build_status_bar()

        ui = self.ui
        ui.actionLock.triggered.connect(lambda: self.lock("manual"))
        ui.actionSignOut.triggered.connect(self.request_sign_out)
        ui.actionQuit.triggered.connect(self.close)
        ui.actionSave.triggered.connect(self.save_current)
        for action in (ui.actionLock, ui.actionSave, ui.actionQuit, ui.actionSignOut):
            self.addAction(action)
        ui.unlockButton.clicked.connect(self.unlock)
        ui.lockPasswordEdit.returnPressed.connect(self.unlock)
        ui.signOutButton.clicked.connect(self.request_sign_out)
        self.lock_errors = FieldErrors(ui.lockErrorLabel, {"password": ui.lockPasswordEdit})
        ui.rootStack.setCurrentWidget(ui.workPage)

        self.idle = IdleWatcher(settings.idle_lock_minutes * 60_000, self)
        self.idle.timed_out.connect(lambda: self.lock("idle"))

        wanted = find_workspace(workspace) if workspace else None
        self.show_workspace(wanted.key if wanted and wanted.allowed(actor.role) else "home")

    # --- building ---------------------------------------------------------------------------------
    def _build_navigator(self) -> None:
        nav = self.ui.navigator
        nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for number, spec in enumerate(self.specs, start=1):
            item = QListWidgetItem(spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            shortcut = f"Ctrl+{number}" if number <= 9 else ""
            item.setToolTip(f"{spec.tip} ({shortcut})" if shortcut else spec.tip)
            nav.addItem(item)
            action = QAction(spec.title, self)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda _checked=False, key=spec.key: self.show_workspace(key, focus=True))
            self.ui.goMenu.addAction(action)
            self.addAction(action)
            self.workspace_actions.append(action)
        nav.currentRowChanged.connect(self._navigator_row_changed)
        nav.itemActivated.connect(self._navigator_activated)  # Enter on a workspace: into its first field

    def _build_status_bar(self) -> None:
        bar = self.ui.statusBar
        self.db_status = QLabel(f"{self.ws.path.name} · encrypted")
        self.db_status.setObjectName("dbStatus")
        self.db_status.setToolTip(str(self.ws.path))
        self.user_status = QLabel(f"{self.actor.full_name} ({self.actor.username}) · {self.actor.role.label}")
        self.user_status.setObjectName("userStatus")
        self.sync_status = QLabel()
        self.sync_status.setObjectName("syncStatus")
        for label in (self.db_status, self.user_status, self.sync_status):
            bar.addPermanentWidget(label)
        self.set_sync_state("Sync: not set up")

    def set_sync_state(self, text: str, tooltip: str = "") -> None:
        """What the status bar says about syncing with the practice server."""
        self.sync_status.setText(text)
        self.sync_status.setToolTip(tooltip)

    # --- workspaces -------------------------------------------------------------------------------
    def spec(self, key: str) -> WorkspaceSpec | None:
        return next((s for s in self.specs if s.key == key), None)

    def workspace(self, key: str) -> Workspace:
        """The workspace page, made the first time it is needed."""
        page = self.workspaces.get(key)
        if page is None:
            spec = self.spec(key)
            if spec is None:
                raise KeyError(f"no workspace {key!r} for this role")
            cls = getattr(importlib.import_module(spec.module), spec.cls)
            page = cls(self.runner, self.ws, self.actor, self.ui.workspaceStack)
            page.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
            if hasattr(page, "settings_saved"):
                page.settings_saved.connect(self.apply_settings)
            if hasattr(page, "practice_saved"):
                page.practice_saved.connect(
                    lambda practice: self.setWindowTitle(f"{practice.name} — MedBill Desktop"))
            self.ui.workspaceStack.addWidget(page)
            self.workspaces[key] = page
        return page

    def current_key(self) -> str:
        item = self.ui.navigator.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def current_workspace(self) -> Workspace | None:
        return self.workspaces.get(self.current_key())

    def show_workspace(self, key: str, focus: bool = False) -> Workspace | None:
        if self.locked or self.spec(key) is None:
            return None
        page = self.workspace(key)
        row = next(i for i, s in enumerate(self.specs) if s.key == key)
        nav = self.ui.navigator
        nav.blockSignals(True)
        nav.setCurrentRow(row)
        nav.blockSignals(False)
        self.ui.workspaceStack.setCurrentWidget(page)
        self.ui.actionSave.setEnabled(page.saves)
        page.activate()
        if focus:
            page.focus_first()
        return page

    def _navigator_row_changed(self, row: int) -> None:
        if 0 <= row < len(self.specs):
            self.show_workspace(self.specs[row].key)

    def _navigator_activated(self, item: QListWidgetItem) -> None:
        self.show_workspace(str(item.data(Qt.ItemDataRole.UserRole)), focus=True)

    def save_current(self) -> None:
        page = self.current_workspace()
        if page is not None and not self.locked:
            page.save()

    def apply_settings(self, settings: PracticeSettings) -> None:
        self.settings = settings
        self.idle.set_timeout_minutes(settings.idle_lock_minutes)

    # --- lock screen ------------------------------------------------------------------------------
    def lock(self, reason: str = "manual") -> None:
        """Hide everything behind the lock page; only the signed-in user's password brings it back."""
        if self.locked or self._closing:
            return
        self.locked = True
        self.idle.stop()
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible() and not isinstance(dialog, QProgressDialog):
                dialog.reject()
        ui = self.ui
        ui.rootStack.setCurrentWidget(ui.lockPage)
        for action in (*self.workspace_actions, ui.actionSave, ui.actionLock):
            action.setEnabled(False)
        ui.lockUserLabel.setText(
            f"Signed in: <b>{self.actor.full_name}</b> ({self.actor.username}) — {self.actor.role.label}")
        ui.lockPasswordEdit.clear()
        self.lock_errors.clear()
        ui.unlockButton.setEnabled(True)
        ui.lockPasswordEdit.setFocus()
        self.runner.run(_lock, self.ws, reason, label="Locking…")
        self.locked_changed.emit(True)

    def unlock(self) -> None:
        if not self.locked or not self.ui.unlockButton.isEnabled():
            return
        password = self.ui.lockPasswordEdit.text()
        if not password:
            self.lock_errors.show("Enter your password to unlock.", "password")
            return
        self.ui.unlockButton.setEnabled(False)
        self.runner.run(_unlock, self.ws, password, success=self._unlocked, failure=self._unlock_refused,
                        finished=lambda: self.ui.unlockButton.setEnabled(True), label="Unlocking…", parent=self)

    def _unlocked(self, _actor: Actor) -> None:
        self.locked = False
        ui = self.ui
        ui.lockPasswordEdit.clear()
        self.lock_errors.clear()
        ui.rootStack.setCurrentWidget(ui.workPage)
        for action in (*self.workspace_actions, ui.actionLock):
            action.setEnabled(True)
        page = self.current_workspace()
        ui.actionSave.setEnabled(page is not None and page.saves)
        self.idle.start()
        if page is not None:
            page.focus_first()
        self.locked_changed.emit(False)

    def _unlock_refused(self, exc: Exception) -> None:
        self.ui.lockPasswordEdit.clear()
        self.lock_errors.show_error(exc)
        self.ui.lockPasswordEdit.setFocus()

    def request_sign_out(self) -> None:
        self.sign_out_requested.emit()

    # --- window events ----------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not self.locked and not self.idle.active:
            self.idle.start()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)

    def dispose(self) -> None:
        """Stop watching input; the window is going away (sign-out or quit)."""
        self._closing = True
        self.idle.dispose()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Closing the window (Ctrl+Q, the title bar) quits; closing it after dispose() (sign-out) does not."""
        quitting = not self._closing
        self.dispose()
        super().closeEvent(event)
        if quitting:
            self.quit_requested.emit()
