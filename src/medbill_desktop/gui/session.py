"""The way from start to work and back: set-up or unlock, sign in, the main window, sign out.

Every step that touches the database is an op on the runner; every screen is shown without a nested
event loop, so the program keeps painting and answering while the database works.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget
from shiboken6 import isValid

from medbill_desktop.gui import tasks
from medbill_desktop.gui.ops import OpRunner

if TYPE_CHECKING:
    from medbill_desktop.gui.main_window import MainWindow
    from medbill_desktop.services.context import Workstation

PASSPHRASE_ENV = "MEDBILL_DB_PASSPHRASE"


class Session(QObject):
    finished = Signal(int)  # the program should end with this exit code
    main_window_shown = Signal(object)  # the MainWindow, once it was first painted
    main_window_created = Signal(object)

    def __init__(self, runner: OpRunner, path: Path, *, sign_in_as: tuple[str, str] | None = None,
                 workspace: str | None = None, errors: TextIO | None = None,
                 window_size: tuple[int, int] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.path = path
        self.sign_in_as = sign_in_as
        self.workspace = workspace
        self.window_size = window_size  # exactly this size (screenshots), else fit the screen
        self.errors = errors or sys.stderr
        self.ws: Workstation | None = None
        self.practice_name = ""
        self.window: MainWindow | None = None
        self.dialog: QDialog | None = None
        self.exit_code: int | None = None

    # --- start ------------------------------------------------------------------------------------
    def start(self) -> None:
        if self.sign_in_as is not None:
            username, password = self.sign_in_as
            self.runner.run(tasks.open_and_sign_in, self.path, username, password, success=self._created,
                            failure=self._unattended_failed, label="Opening the practice database…")
        else:
            self.runner.run(tasks.probe, self.path, success=self._probed, label="Looking for the database…")

    def _probed(self, probe: tasks.Probe) -> None:
        if not probe.exists:
            from medbill_desktop.gui.startup_dialogs import FirstRunDialog

            # a passphrase in the environment is used as it is; otherwise the dialog asks for a new one
            ask = probe.needs_passphrase and not os.environ.get(PASSPHRASE_ENV)
            first_run = FirstRunDialog(self.runner, self.path, ask)
            first_run.created.connect(self._created)
            self._show_dialog(first_run)
        elif probe.needs_passphrase and not os.environ.get(PASSPHRASE_ENV):
            from medbill_desktop.gui.startup_dialogs import PassphraseDialog

            unlock = PassphraseDialog(self.runner, self.path)
            unlock.opened.connect(self._opened)
            self._show_dialog(unlock)
        else:
            self.open_database()

    def open_database(self) -> None:
        self.runner.run(tasks.open_workstation, self.path, success=self._opened, failure=self._open_failed,
                        label="Opening the practice database…")

    def _open_failed(self, exc: Exception) -> None:
        """The database could not be opened: say why once, then Try again or Quit."""
        box = QMessageBox(QMessageBox.Icon.Critical, "MedBill Desktop", getattr(exc, "message", str(exc)))
        box.setObjectName("unlockErrorBox")
        retry = box.addButton("&Try again", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("&Quit", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(retry)

        def chosen(_result: int) -> None:
            retrying = box.clickedButton() is retry
            if self.dialog is box:
                self.dialog = None
            box.deleteLater()
            if retrying:
                self.open_database()
            else:
                self.end(1)

        box.finished.connect(chosen)
        self.dialog = box
        box.open()

    def _opened(self, opened: tasks.Opened) -> None:
        self.ws = opened.ws
        self.practice_name = opened.practice_name
        self.show_sign_in()

    def show_sign_in(self, username: str = "") -> None:
        from medbill_desktop.gui.startup_dialogs import SignInDialog

        assert self.ws is not None
        dialog = SignInDialog(self.runner, self.ws, self.practice_name, username=username)
        dialog.signed_in.connect(self._signed_in)
        self._show_dialog(dialog)

    def _show_dialog(self, dialog: QDialog) -> None:
        if self.dialog is not None and isValid(self.dialog):
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.rejected.connect(lambda: self.end(0))
        self.runner.window = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _created(self, created: tasks.Created) -> None:
        self.ws = created.opened.ws
        self.practice_name = created.opened.practice_name
        self._signed_in(created.signed_in)

    def _signed_in(self, signed_in: tasks.SignedIn) -> None:
        from medbill_desktop.gui.main_window import MainWindow

        assert self.ws is not None
        if self.dialog is not None and isValid(self.dialog):
            self.dialog.deleteLater()
        self.dialog = None
        window = MainWindow(self.runner, self.ws, signed_in.actor, signed_in.settings, self.practice_name,
                            workspace=self.workspace)
        window.sign_out_requested.connect(self.sign_out)
        window.quit_requested.connect(lambda: self.end(0))
        window.first_painted.connect(lambda: self.main_window_shown.emit(window))
        self.window = window
        self.runner.window = window
        self.main_window_created.emit(window)
        if self.window_size is not None:
            window.resize(*self.window_size)
            window.show()
        else:
            show_fitting(window)
        window.raise_()
        window.activateWindow()

    def _unattended_failed(self, exc: Exception) -> None:
        print(f"medbill-desktop: {getattr(exc, 'message', exc)}", file=self.errors, flush=True)
        self.end(2)

    # --- sign out and quit ------------------------------------------------------------------------
    def sign_out(self) -> None:
        if self.ws is None:
            return
        self.runner.run(tasks.sign_out, self.ws, success=self._signed_out, label="Signing out…")

    def _signed_out(self, practice_name: str) -> None:
        window = self.window
        self.window = None
        self.runner.window = None
        if window is not None:
            window.dispose()
            window.close()
            window.deleteLater()
        self.practice_name = practice_name or self.practice_name
        self.show_sign_in()

    def end(self, code: int) -> None:
        if self.exit_code is None:
            self.exit_code = code
            self.finished.emit(code)

    def shutdown(self) -> None:
        """After the event loop: sign out, close the database on the worker, stop the worker."""
        for widget in (self.dialog, self.window):
            if widget is not None and isValid(widget):
                if hasattr(widget, "dispose"):
                    widget.dispose()
                widget.hide()
        ws, self.ws = self.ws, None
        if ws is not None:
            self.runner.run(tasks.close_workstation, ws, label="Closing the database…")
        self.runner.shutdown()


def show_fitting(window: QWidget) -> None:
    """At its designed size (1280 x 800) where the screen has room; maximized on smaller screens."""
    screen = window.screen()
    room = screen.availableGeometry() if screen is not None else None
    if room is not None and (room.width() < window.width() or room.height() < window.height()):
        window.showMaximized()
    else:
        window.show()
