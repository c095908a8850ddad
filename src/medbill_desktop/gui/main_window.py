"""The main window: sign-in, navigator, workspaces, lock screen and status bar.

The window is the first thing the program shows: it opens on its sign-in page (or the passphrase page) while
the database worker is still importing the services and opening the database, then `begin_work` fills in the
navigator and the first workspace for the user who signed in, and `end_work` (sign-out) takes them away
again and goes back to the sign-in page. A window made with a signed-in actor starts at work directly.
"""

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
from medbill_desktop.gui.sign_in_page import PassphrasePage, SignInPage
from medbill_desktop.gui.sync_status import install_sync
from medbill_desktop.gui.workspaces import Workspace, WorkspaceSpec, find_workspace, visible_workspaces

if TYPE_CHECKING:
    from pathlib import Path

    from medbill_desktop.domain.settings import PracticeSettings
    from medbill_desktop.services.context import Actor, Workstation


DEFAULT_IDLE_LOCK_MINUTES = 10  # until the practice's own setting is known (at sign-in)
APP_TITLE = "MedBill Desktop"


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

    def __init__(self, runner: OpRunner, ws: Workstation | None = None, actor: Actor | None = None,
                 settings: PracticeSettings | None = None, practice_name: str = "", workspace: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.runner = runner
        self.ws = ws
        self.actor: Actor | None = None  # set by begin_work, cleared by end_work
        self.settings = settings
        self.locked = False
        self._painted = False
        self._closing = False
        self.set_practice_name(practice_name)

        self.specs: list[WorkspaceSpec] = []
        self.workspaces: dict[str, Workspace] = {}
        self.workspace_actions: list[QAction] = []
        self._build_status_bar()
        self.sync_indicator = install_sync(self)  # gui/sync_status.py: indicator, Sync now (F9), background sync

        ui = self.ui
        self.sign_in_page = SignInPage(runner, ui.rootStack)
        self.passphrase_page = PassphrasePage(runner, ui.rootStack)
        for page in (self.sign_in_page, self.passphrase_page):
            ui.rootStack.addWidget(page)
            page.quit_requested.connect(self.close)
        self.sign_in_page.set_practice_name(practice_name)
        ui.navigator.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        ui.navigator.currentRowChanged.connect(self._navigator_row_changed)
        ui.navigator.itemActivated.connect(self._navigator_activated)  # Enter on a workspace: into its first field
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

        minutes = settings.idle_lock_minutes if settings is not None else DEFAULT_IDLE_LOCK_MINUTES
        self.idle = IdleWatcher(minutes * 60_000, self)
        self.idle.timed_out.connect(lambda: self.lock("idle"))

        if actor is not None:
            assert ws is not None and settings is not None, "a signed-in window needs its workstation and settings"
            self.begin_work(ws, actor, settings, workspace)
        else:
            self.show_sign_in()

    # --- before work: sign-in and the passphrase ----------------------------------------------------
    @property
    def signed_in(self) -> bool:
        return self.actor is not None

    def set_practice_name(self, name: str) -> None:
        self.practice_name = name
        self.setWindowTitle(f"{name} — {APP_TITLE}" if name else APP_TITLE)

    def _gate(self, page: SignInPage | PassphrasePage) -> None:
        for action in (*self.workspace_actions, self.ui.actionSave, self.ui.actionLock, self.ui.actionSignOut):
            action.setEnabled(False)
        self.ui.rootStack.setCurrentWidget(page)
        page.focus_first()

    def show_sign_in(self, username: str | None = None) -> SignInPage:
        """The sign-in page (a sign-in started before the database is open waits for `database_opened`);
        with a `username`, emptied and that name filled in."""
        page = self.sign_in_page
        if username is not None:
            page.reset(username)
        self._gate(page)
        return page

    def show_passphrase(self, path: Path) -> PassphrasePage:
        page = self.passphrase_page
        page.set_path(path)
        self._gate(page)
        return page

    def set_database_status(self, path: Path, state: str = "encrypted") -> None:
        self.db_status.setText(f"{path.name} · {state}")
        self.db_status.setToolTip(str(path))

    def database_opened(self, ws: Workstation, practice_name: str) -> None:
        self.ws = ws
        self.set_practice_name(practice_name)
        self.set_database_status(ws.path)
        self.sign_in_page.set_workstation(ws, practice_name)

    # --- work: the signed-in user's navigator and workspaces ------------------------------------------
    def begin_work(self, ws: Workstation, actor: Actor, settings: PracticeSettings,
                   workspace: str | None = None) -> None:
        """Signed in: the navigator for the actor's role, the status bar, the idle lock and the first workspace."""
        self.ws, self.actor, self.settings = ws, actor, settings
        self.locked = False
        self.specs = visible_workspaces(actor.role)
        self._build_navigator()
        self.set_database_status(ws.path)
        self.user_status.setText(f"{actor.full_name} ({actor.username}) · {actor.role.label}")
        ui = self.ui
        for action in (*self.workspace_actions, ui.actionLock, ui.actionSignOut):
            action.setEnabled(True)
        ui.rootStack.setCurrentWidget(ui.workPage)
        self.idle.set_timeout_minutes(settings.idle_lock_minutes)
        if self.isVisible():
            self.idle.start()
        wanted = find_workspace(workspace) if workspace else None
        self.show_workspace(wanted.key if wanted and wanted.allowed(actor.role) else "home")

    def end_work(self) -> None:
        """Signed out: every workspace and its dialogs go away; the sign-in page waits for the next person."""
        self.idle.stop()
        self._close_dialogs()
        ui = self.ui
        for page in self.workspaces.values():
            ui.workspaceStack.removeWidget(page)
            page.deleteLater()
        self.workspaces.clear()
        ui.navigator.blockSignals(True)
        ui.navigator.clear()
        ui.navigator.blockSignals(False)
        for action in self.workspace_actions:
            ui.goMenu.removeAction(action)
            self.removeAction(action)
            action.deleteLater()
        self.workspace_actions.clear()
        self.specs = []
        self.actor = None
        self.locked = False
        self.user_status.setText("Not signed in")
        ui.lockPasswordEdit.clear()
        self.lock_errors.clear()
        self.show_sign_in("")

    # --- building ---------------------------------------------------------------------------------
    def _build_navigator(self) -> None:
        nav = self.ui.navigator
        nav.blockSignals(True)
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
        nav.blockSignals(False)

    def _build_status_bar(self) -> None:
        bar = self.ui.statusBar
        self.db_status = QLabel("Opening the database…")
        self.db_status.setObjectName("dbStatus")
        self.user_status = QLabel("Not signed in")
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
            if spec is None or self.actor is None or self.ws is None:
                raise KeyError(f"no workspace {key!r} for this role")
            cls = getattr(importlib.import_module(spec.module), spec.cls)
            page = cls(self.runner, self.ws, self.actor, self.ui.workspaceStack)
            page.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
            if hasattr(page, "settings_saved"):
                page.settings_saved.connect(self.apply_settings)
            if hasattr(page, "practice_saved"):
                page.practice_saved.connect(lambda practice: self.set_practice_name(practice.name))
            self.ui.workspaceStack.addWidget(page)
            self.workspaces[key] = page
        return page

    def current_key(self) -> str:
        item = self.ui.navigator.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def current_workspace(self) -> Workspace | None:
        return self.workspaces.get(self.current_key())

    def show_workspace(self, key: str, focus: bool = False) -> Workspace | None:
        if self.locked or self.actor is None or self.spec(key) is None:
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
        if page is not None and not self.locked and self.signed_in:
            page.save()

    def apply_settings(self, settings: PracticeSettings) -> None:
        self.settings = settings
        self.idle.set_timeout_minutes(settings.idle_lock_minutes)

    # --- lock screen ------------------------------------------------------------------------------
    def lock(self, reason: str = "manual") -> None:
        """Hide everything behind the lock page; only the signed-in user's password brings it back."""
        if self.locked or self._closing or self.actor is None or self.ws is None:
            return
        self.locked = True
        self.idle.stop()
        self._close_dialogs()
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

    def _close_dialogs(self) -> None:
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible() and not isinstance(dialog, QProgressDialog):
                dialog.reject()

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
        if self.signed_in:
            self.sign_out_requested.emit()

    # --- window events ----------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self.signed_in and not self.locked and not self.idle.active:
            self.idle.start()

    @property
    def painted(self) -> bool:
        """Whether the window has been painted (first_painted has been or is about to be emitted)."""
        return self._painted

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
        """Closing the window (Ctrl+Q, the title bar, Quit on the sign-in page) quits; after dispose() it does not."""
        quitting = not self._closing
        self.dispose()
        super().closeEvent(event)
        if quitting:
            self.quit_requested.emit()
