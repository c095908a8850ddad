"""The way from start to work and back: set-up or unlock, sign in, work, sign out.

The main window is the first thing shown. `start()` queues a quick probe on the database worker (is there a
database, does it need the practice passphrase: no SQLAlchemy needed) and builds the window meanwhile; the
probe's answer picks the page the window opens on:

- no database yet: the first-run set-up dialog (the window appears once the practice is created);
- a passphrase-derived key and no MEDBILL_DB_PASSPHRASE: the window's passphrase page;
- otherwise: the window's sign-in page, ready for typing at once; once the window is painted the worker
  imports the services and opens the database (quietly: no busy indicator over the page). Enter before the
  database is open signs in as soon as it is.

Every step that touches the database is an op on the runner; nothing starts a nested event loop, so the
program keeps painting and answering while the database works. With `sign_in_as` (`--sign-in USER`) the
sign-in page is filled in and submitted by the program, through the same path; a failure ends the program
with exit code 2 and the message on `errors`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget
from shiboken6 import isValid

from medbill_desktop.gui import tasks
from medbill_desktop.gui.ops import GENERIC_ERROR, Op, OpRunner

if TYPE_CHECKING:
    from medbill_desktop.gui.main_window import MainWindow
    from medbill_desktop.services.context import Workstation

PASSPHRASE_ENV = "MEDBILL_DB_PASSPHRASE"
OPEN_ANYWAY_MS = 1000  # the database opens after the window's first paint, or after this long without one


class Session(QObject):
    finished = Signal(int)  # the program should end with this exit code
    main_window_shown = Signal(object)  # the MainWindow, first painted (its sign-in or passphrase page up)
    signed_in = Signal(object)  # the MainWindow, at work for the user who just signed in
    work_shown = Signal(object)  # the MainWindow, signed in and its first workspace loaded and painted

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
        self.dialog: QDialog | None = None  # the first-run dialog, or the box saying the database did not open
        self.exit_code: int | None = None
        self._opened_on_worker: list[Workstation] = []  # appended on the worker; closed by shutdown()
        self._open_started = False
        if sign_in_as is not None:  # unattended: nobody to click away an error box
            runner.op_finished.connect(self._unattended_op_finished)

    # --- start ------------------------------------------------------------------------------------
    def start(self) -> None:
        self.runner.run(tasks.probe, self.path, success=self._probed, label="Looking for the database…", quiet=True)
        self._make_window()  # while the worker answers the probe

    def _make_window(self) -> MainWindow:
        from medbill_desktop.gui.main_window import MainWindow

        window = MainWindow(self.runner)
        window.set_database_status(self.path, "not open yet")
        window.sign_out_requested.connect(self.sign_out)
        window.quit_requested.connect(lambda: self.end(0))
        window.first_painted.connect(lambda: self.main_window_shown.emit(window))
        window.sign_in_page.signed_in.connect(self._signed_in)
        window.sign_in_page.refused.connect(self._refused)
        window.passphrase_page.opened.connect(self._opened)
        window.passphrase_page.opener = self._open_on_worker
        self.window = window
        self.runner.window = window
        return window

    def _show_window(self) -> None:
        window = self.window
        assert window is not None
        if window.isVisible():
            return
        self.runner.window = window
        if self.window_size is not None:
            window.resize(*self.window_size)
            window.show()
        else:
            show_fitting(window)
        window.raise_()
        window.activateWindow()

    def _probed(self, probe: tasks.Probe) -> None:
        window = self.window
        assert window is not None
        if self.sign_in_as is not None:  # unattended: straight to the sign-in, whatever the probe found
            username, password = self.sign_in_as
            page = window.show_sign_in(username)
            page.ui.passwordEdit.setText(password)
            page.submit()  # waits for the database
        elif not probe.exists:
            from medbill_desktop.gui.startup_dialogs import FirstRunDialog

            # a passphrase in the environment is used as it is; otherwise the dialog asks for a new one
            ask = probe.needs_passphrase and not os.environ.get(PASSPHRASE_ENV)
            first_run = FirstRunDialog(self.runner, self.path, ask)
            first_run.created.connect(self._created)
            self._show_dialog(first_run)
            return
        elif probe.needs_passphrase and not os.environ.get(PASSPHRASE_ENV):
            window.set_database_status(self.path, "locked: needs the practice passphrase")
            window.show_passphrase(self.path)
            self._show_window()
            return
        else:
            window.show_sign_in()
        self._show_window()
        # The worker's imports hold the GIL much of the time: start them once the window is on the screen (or
        # soon anyway, should the window not be painted: minimized, say).
        if window.painted:
            self.open_database()
        else:
            window.first_painted.connect(self._open_first_time, Qt.ConnectionType.SingleShotConnection)
            QTimer.singleShot(OPEN_ANYWAY_MS, self._open_first_time)

    def _open_first_time(self) -> None:
        if not self._open_started:
            self.open_database()

    def _open_on_worker(self, path: Path, passphrase: str | None = None) -> tasks.Opened:
        """Runs on the worker: opens, and remembers what it opened so that shutdown() closes it even when
        the program ends before the result reaches the GUI thread."""
        opened = tasks.open_workstation(path, passphrase)
        self._opened_on_worker.append(opened.ws)
        return opened

    def open_database(self) -> None:
        self._open_started = True
        if self.window is not None:
            self.window.set_database_status(self.path, "opening…")
        self.runner.run(self._open_on_worker, self.path, success=self._opened, failure=self._open_failed,
                        label="Opening the practice database…", quiet=True)

    def _open_failed(self, exc: Exception) -> None:
        """The database could not be opened: say why once, then Try again or Quit."""
        if self.window is not None:
            self.window.sign_in_page.open_failed()
            self.window.set_database_status(self.path, "not open")
        if self.sign_in_as is not None:
            self._unattended_failed(exc)
            return
        box = QMessageBox(QMessageBox.Icon.Critical, "MedBill Desktop", getattr(exc, "message", str(exc)),
                          parent=self.window)
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
        window = self.window
        assert window is not None
        self.ws = opened.ws
        self.practice_name = opened.practice_name
        window.database_opened(opened.ws, opened.practice_name)
        if window.ui.rootStack.currentWidget() is not window.sign_in_page:  # from the passphrase page
            window.show_sign_in()

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
        """First run: the practice exists and its first manager is signed in."""
        assert self.window is not None
        self._opened_on_worker.append(created.opened.ws)  # (the list is only read once the worker is idle)
        self.ws = created.opened.ws
        self.practice_name = created.opened.practice_name
        self.window.database_opened(self.ws, self.practice_name)
        self._signed_in(created.signed_in)

    def _signed_in(self, signed_in: tasks.SignedIn) -> None:
        window = self.window
        assert window is not None and self.ws is not None
        if self.dialog is not None and isValid(self.dialog):
            self.dialog.deleteLater()
        self.dialog = None
        window.begin_work(self.ws, signed_in.actor, signed_in.settings, self.workspace)
        self._show_window()
        self.signed_in.emit(window)
        self._when_loaded(window)

    def _when_loaded(self, window: MainWindow) -> None:
        """`work_shown` once the first workspace's data has come back and been painted."""
        done = False

        def check() -> None:
            nonlocal done
            if done or self.runner.is_busy() or window is not self.window:
                return
            done = True
            self.runner.idle.disconnect(check)
            # queued after the repaint the loaded data asked for: the picture is on the screen by then
            QTimer.singleShot(0, lambda: self.work_shown.emit(window) if window.signed_in else None)

        self.runner.idle.connect(check)
        check()

    def _refused(self, exc: Exception) -> None:
        if self.sign_in_as is not None:
            self._unattended_failed(exc)

    def _unattended_failed(self, exc: Exception) -> None:
        print(f"medbill-desktop: {getattr(exc, 'message', exc)}", file=self.errors, flush=True)
        self.end(2)

    def _unattended_op_finished(self, op: Op) -> None:
        if op.outcome == "error" and self.exit_code is None:  # a bug: logged by the runner, without its message
            print(f"medbill-desktop: {GENERIC_ERROR} ({op.label} {type(op.error).__name__}; see the log)",
                  file=self.errors, flush=True)
            self.end(2)

    # --- sign out and quit ------------------------------------------------------------------------
    def sign_out(self) -> None:
        if self.ws is None:
            return
        self.runner.run(tasks.sign_out, self.ws, success=self._signed_out, label="Signing out…")

    def _signed_out(self, practice_name: str) -> None:
        self.practice_name = practice_name or self.practice_name
        window = self.window
        if window is not None:
            window.end_work()
            window.set_practice_name(self.practice_name)
            window.sign_in_page.set_practice_name(self.practice_name)

    def end(self, code: int) -> None:
        if self.exit_code is None:
            self.exit_code = code
            self.finished.emit(code)

    def shutdown(self) -> None:
        """After the event loop: hide the windows, sign out and close the database on the worker, stop it."""
        self.close()
        self.runner.shutdown()

    def close(self) -> None:
        """Hide the windows; queue signing out and closing the database behind anything still running (an
        open whose result never came back to this thread is closed too)."""
        for widget in (self.dialog, self.window):
            if widget is not None and isValid(widget):
                if hasattr(widget, "dispose"):
                    widget.dispose()
                widget.hide()
        self.ws = None
        self.runner.run(self._close_on_worker, label="Closing the database…", quiet=True)

    def _close_on_worker(self) -> None:
        closed: list[Workstation] = []
        for ws in self._opened_on_worker:
            if not any(ws is done for done in closed):
                closed.append(ws)
                tasks.close_workstation(ws)
        self._opened_on_worker.clear()


def show_fitting(window: QWidget) -> None:
    """At its designed size (1280 x 800) where the screen has room; maximized on smaller screens."""
    screen = window.screen()
    room = screen.availableGeometry() if screen is not None else None
    if room is not None and (room.width() < window.width() or room.height() < window.height()):
        window.showMaximized()
    else:
        window.show()
