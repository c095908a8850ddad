"""Syncing in the main window: the status bar's indicator (online, offline, syncing, the last sync, changes
waiting to be sent, items to review), File > Sync now (F9), File > Sync conflicts and review (Shift+F9; a
click on the indicator does the same) and the timer that syncs in the background.

The main window makes one call, `install_sync(window)`. Syncing talks to the practice server, which may be slow
or away: it runs on its own op runner (its own worker thread, `medbill-sync-worker`), so the GUI never waits
for it and the database worker's other work does not queue behind the network. The indicator watches the
window for the signed-in user (the window has no other hook for it) and syncs only while someone is.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from medbill_desktop.gui.ops import OpRunner

if TYPE_CHECKING:  # the services load on a worker when first needed, not at start-up
    from medbill_desktop.services.context import Workstation
    from medbill_desktop.services.syncing import SyncStatus

SYNC_THREAD_NAME = "medbill-sync-worker"
SYNC_INTERVAL_MS = 5 * 60_000  # a background sync every five minutes while someone is signed in
FIRST_SYNC_DELAY_MS = 20_000  # the first one a little after sign-in (start-up stays quick)
WATCH_MS = 1_000


def install_sync(window: QMainWindow) -> SyncIndicator:
    """Give the main window its sync indicator, menu actions and background syncing."""
    return SyncIndicator(window)


def _sync(ws: Workstation, background: bool) -> tuple[Any, str, SyncStatus]:
    """On the sync worker: one sync when enrolled; (report or None, what went wrong, the status after)."""
    from medbill_desktop.services import syncing
    from medbill_desktop.services.errors import ServiceError

    report, problem = None, ""
    if syncing.sync_status(ws).enrolled:
        try:
            report = syncing.sync_now(ws, background=background)
        except ServiceError as exc:
            problem = exc.message if hasattr(exc, "message") else str(exc)
    return report, problem, syncing.sync_status(ws)


def _status(ws: Workstation) -> SyncStatus:
    from medbill_desktop.services import syncing

    return syncing.sync_status(ws)


def when_text(iso: str | None, now: datetime | None = None) -> str:
    """'10:42' today, 'Nov 2 10:42' another day (local time), 'never' without a time."""
    if not iso:
        return "never"
    at = datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone()
    today = (now or datetime.now().astimezone()).date()
    clock = at.strftime("%H:%M")
    return clock if at.date() == today else f"{at.strftime('%b')} {at.day} {clock}"


def describe(status: SyncStatus | None, syncing: bool = False) -> tuple[str, str, str]:
    """(text, tooltip, state) of the indicator; state is what the style sheet keys on: not_set_up, not_synced,
    syncing, online, offline or attention."""
    if status is None:
        return "Sync: …", "", "syncing" if syncing else "not_set_up"
    if not status.enrolled:
        return ("Sync: not set up", "This workstation works on its own: it is not enrolled with a practice server. "
                "A manager enrols it with: medbill enroll --server https://SERVER:8443 --code CODE --ca ca.pem",
                "not_set_up")
    parts = []
    waiting = f"{status.pending} to send" if status.pending else "nothing to send"
    last = when_text(status.last_sync_at)
    tip = [f"Practice server: {status.server}", f"Last sync: {last}", f"Changes waiting to be sent: {status.pending}"]
    if syncing:
        state, parts = "syncing", ["Sync: syncing…"]
    elif status.online is None:
        state, parts = "not_synced", ["Sync: not synced yet"]
    elif status.online is False:
        state, parts = "offline", [f"Sync: offline · last {last}"]
        tip.append(f"The last try failed: {status.message}")
    else:
        state, parts = "online", [f"Sync: online · {last}"]
    parts.append(waiting)
    if status.totals_match is False and not syncing:
        state = "attention"
        parts.append("totals differ")
        tip.append("The ledger totals of this workstation differ from the server's: see File > Sync conflicts and "
                   "review.")
    if status.review:
        if state == "online":
            state = "attention"
        parts.append(f"{status.review} to review")
    tip.append("F9 syncs now; Shift+F9 (or a click here) shows conflicts and changes to review.")
    return " · ".join(parts), "\n".join(tip), state


class SyncIndicator(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        label = getattr(window, "sync_status", None)
        if not isinstance(label, QLabel):
            label = QLabel(window)
            label.setObjectName("syncStatus")
            window.statusBar().addPermanentWidget(label)
        self.label = label
        self.label.installEventFilter(self)
        self.label.setCursor(Qt.CursorShape.PointingHandCursor)
        self.runner: OpRunner | None = None
        self.syncing = False
        self.status: SyncStatus | None = None
        self.last_problem = ""
        self.syncs_started = 0
        self._key: tuple[int, str] | None = None

        self.sync_action = QAction("S&ync now", window)
        self.sync_action.setObjectName("actionSyncNow")
        self.sync_action.setShortcut(QKeySequence(Qt.Key.Key_F9))
        self.sync_action.setStatusTip("Send this workstation's changes to the practice server and fetch the others'")
        self.sync_action.triggered.connect(lambda: self.sync_now(background=False))
        self.inbox_action = QAction("Sync &conflicts and review…", window)
        self.inbox_action.setObjectName("actionSyncInbox")
        self.inbox_action.setShortcut(QKeySequence("Shift+F9"))
        self.inbox_action.triggered.connect(self.open_inbox)
        menu = getattr(getattr(window, "ui", None), "fileMenu", None)
        before = getattr(getattr(window, "ui", None), "actionLock", None)
        for action in (self.sync_action, self.inbox_action):
            action.setEnabled(False)
            window.addAction(action)
            if menu is not None:
                menu.insertAction(before, action) if before is not None else menu.addAction(action)
        if menu is not None and before is not None:
            menu.insertSeparator(before)

        self.timer = QTimer(self)
        self.timer.setInterval(SYNC_INTERVAL_MS)
        self.timer.timeout.connect(lambda: self.sync_now(background=True))
        self.first = QTimer(self)
        self.first.setSingleShot(True)
        self.first.setInterval(FIRST_SYNC_DELAY_MS)
        self.first.timeout.connect(lambda: self.sync_now(background=True))
        self.watch = QTimer(self)
        self.watch.setInterval(WATCH_MS)
        self.watch.timeout.connect(self.check_user)
        self.watch.start()
        window.destroyed.connect(self._stop_worker)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self._show()
        QTimer.singleShot(0, self.check_user)

    # --- who is signed in -------------------------------------------------------------------------------
    def _workstation(self) -> Workstation | None:
        ws = getattr(self.window, "ws", None)
        actor = getattr(self.window, "actor", None)
        return ws if ws is not None and actor is not None else None

    def check_user(self) -> None:
        ws = self._workstation()
        actor = getattr(self.window, "actor", None)
        key = (id(ws), actor.username) if ws is not None and actor is not None else None
        if key == self._key:
            return
        self._key = key
        if key is None:
            self.timer.stop()
            self.first.stop()
            for action in (self.sync_action, self.inbox_action):
                action.setEnabled(False)
            return
        for action in (self.sync_action, self.inbox_action):
            action.setEnabled(True)
        self.refresh()
        self.timer.start()
        self.first.start()

    # --- the worker ---------------------------------------------------------------------------------------
    def worker(self) -> OpRunner:
        if self.runner is None:
            self.runner = OpRunner(self, thread_name=SYNC_THREAD_NAME)
            self.runner.window = self.window
        return self.runner

    def shutdown(self) -> None:
        self.timer.stop()
        self.first.stop()
        self.watch.stop()
        if self.runner is not None:
            self.runner.shutdown(10)

    def _stop_worker(self, *_: object) -> None:
        runner = self.runner
        if runner is not None:
            runner.shutdown(10)

    # --- syncing ------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the status (no network) and show it."""
        ws = self._workstation()
        if ws is None:
            return
        self.worker().run(_status, ws, success=self._refreshed, failure=lambda _exc: None,
                          label="Reading the sync status", quiet=True)

    def _refreshed(self, status: SyncStatus) -> None:
        self.status = status
        self._show()

    def sync_now(self, background: bool = False) -> bool:
        """Start a sync (F9, the timer); False when one is already running or nobody is signed in."""
        ws = self._workstation()
        if ws is None or getattr(self.window, "locked", False) and not background:
            return False
        if self.syncing:
            if not background:
                self.window.statusBar().showMessage("A sync is already running.", 5000)
            return False
        if background and self.status is not None and not self.status.enrolled:
            return False
        self.syncing = True
        self.syncs_started += 1
        self._show()
        self.worker().run(_sync, ws, background, success=lambda result: self._synced(result, background),
                          failure=self._failed, finished=self._finished, label="Syncing with the practice server",
                          quiet=True)
        return True

    def _synced(self, result: tuple[Any, str, SyncStatus], background: bool) -> None:
        report, problem, status = result
        self.status = status
        self.last_problem = problem
        if not background:
            if not status.enrolled:
                message = "This workstation is not enrolled with a practice server."
            elif problem:
                message = f"Sync failed: {problem}"
            else:
                message = (f"Synced: sent {report.pushed}, received {report.pulled_from_others}"
                           + ("" if report.totals_match else "; the ledger totals differ from the server's") + ".")
            self.window.statusBar().showMessage(message, 10_000)

    def _failed(self, exc: Exception) -> None:
        self.last_problem = getattr(exc, "message", "") or str(exc)

    def _finished(self) -> None:
        self.syncing = False
        self._show()

    def _show(self) -> None:
        text, tip, state = describe(self.status, self.syncing)
        setter = getattr(self.window, "set_sync_state", None)
        if callable(setter):
            setter(text, tip)
        else:
            self.label.setText(text)
            self.label.setToolTip(tip)
        if self.label.property("syncState") != state:
            self.label.setProperty("syncState", state)
            self.label.style().unpolish(self.label)
            self.label.style().polish(self.label)

    # --- the inbox ----------------------------------------------------------------------------------------
    def open_inbox(self) -> None:
        ws = self._workstation()
        if ws is None:
            return
        from medbill_desktop.gui.conflict_inbox import ConflictInbox

        dialog = ConflictInbox(self.worker(), ws, self.window)
        dialog.changed.connect(self.refresh)
        dialog.open()
        self.inbox = dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.label and event.type() == QEvent.Type.MouseButtonRelease \
                and self._workstation() is not None:
            self.open_inbox()
            return True
        return super().eventFilter(watched, event)
