"""The op runner: every database call from the GUI runs on ONE serial worker thread.

Modelled on Anki's CollectionOp and taskman: the GUI thread never waits for the database. A call is
queued with `run(fn, *args, success=..., failure=..., finished=..., label=...)`; the worker runs the calls
one after the other (the services see a single-threaded database), and each outcome comes back to the GUI
thread through a queued Qt signal, where the callbacks run.

- A busy indicator appears only when the work takes longer than `progress_delay_ms` (300 ms).
- A user-facing error (services.errors.USER_FACING: DomainError, ServiceError) goes to `failure(exc)`
  when given, or else is shown as a warning box with its message.
- Anything else is a bug: it is logged (the op label, the exception type and the code location only;
  never the message, which could hold patient data) and shown as "Something went wrong; the change was
  not saved".
- `shutdown()` lets queued work finish and joins the worker thread.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from medbill_desktop.services.errors import USER_FACING

log = logging.getLogger("medbill_desktop.gui.ops")

WORKER_THREAD_NAME = "medbill-db-worker"
GENERIC_ERROR = "Something went wrong; the change was not saved."
PROGRESS_DELAY_MS = 300


def log_unexpected(label: str, exc: BaseException) -> None:
    """Log a bug without its message or source lines: the type and where it happened are enough to find it."""
    log.error("op %r failed unexpectedly: %s\n%s", label, type(exc).__name__, where(exc.__traceback__))


def where(tb: TracebackType | None) -> str:
    """The frames of a traceback as `file:line in function`, nothing else."""
    return "\n".join(f"  {f.filename}:{f.lineno} in {f.name}" for f in traceback.extract_tb(tb))


_open_boxes: set[QMessageBox] = set()  # a box without a parent would be collected while still shown


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                informative: str = "") -> QMessageBox:
    """A message box that does not start a nested event loop (`open`, not `exec`)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("opMessageBox")
    if informative:
        box.setInformativeText(informative)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal if parent else Qt.WindowModality.ApplicationModal)
    _open_boxes.add(box)
    box.finished.connect(lambda _result: _open_boxes.discard(box))
    box.open()
    return box


@dataclass(eq=False)
class Op:
    """One queued call and what to do with its outcome on the GUI thread."""

    id: int
    label: str
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    success: Callable[[Any], object] | None
    failure: Callable[[Exception], object] | None
    finished: Callable[[], object] | None
    parent: QWidget | None
    quiet: bool = False  # background work: never shows the busy indicator
    done: bool = False
    outcome: str = ""  # "success", "failure" (user-facing) or "error" (unexpected)
    error: BaseException | None = field(default=None, repr=False)


class OpRunner(QObject):
    """One serial database worker for the whole program."""

    _delivered = Signal(object, bool, object)  # op, ok, result or exception (worker -> GUI thread)
    op_finished = Signal(object)  # the Op, after its callbacks ran
    idle = Signal()  # nothing queued or running any more

    def __init__(self, parent: QObject | None = None, *, progress_delay_ms: int = PROGRESS_DELAY_MS,
                 thread_name: str = WORKER_THREAD_NAME) -> None:
        super().__init__(parent)
        self.window: QWidget | None = None  # where dialogs go when an op names no parent
        self._queue: queue.SimpleQueue[Op | None] = queue.SimpleQueue()
        self._ids = itertools.count(1)
        self._pending: list[Op] = []
        self._closed = False
        self._delivered.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._progress: QProgressDialog | None = None
        self.progress_shown = 0  # how many times the busy indicator appeared (for tests and logs)
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(progress_delay_ms)
        self._progress_timer.timeout.connect(self._show_progress)
        self._thread = threading.Thread(target=self._work, name=thread_name, daemon=True)
        self._thread.start()

    # --- the GUI side ---------------------------------------------------------------------------
    def run(self, fn: Callable[..., Any], *args: Any, success: Callable[[Any], object] | None = None,
            failure: Callable[[Exception], object] | None = None, finished: Callable[[], object] | None = None,
            label: str = "Working…", parent: QWidget | None = None, quiet: bool = False) -> Op:
        """Queue `fn(*args)` on the database worker; callbacks run later on the GUI thread.

        `label` names the work in the busy indicator and the log (never put patient data in it);
        `quiet` work (background refreshes) never brings up the busy indicator."""
        if self._closed:
            raise RuntimeError("the op runner is shut down")
        op = Op(next(self._ids), label, fn, args, success, failure, finished, parent, quiet)
        self._pending.append(op)
        if not quiet and not self._progress_timer.isActive() and self._progress is None:
            self._progress_timer.start()
        self._queue.put(op)
        return op

    @property
    def pending(self) -> int:
        """Ops queued or running whose callbacks have not run yet."""
        return len(self._pending)

    def is_busy(self) -> bool:
        return bool(self._pending)

    def progress_visible(self) -> bool:
        return self._progress is not None and self._progress.isVisible()

    def is_running(self) -> bool:
        return self._thread.is_alive()

    @property
    def worker_thread(self) -> threading.Thread:
        return self._thread

    def shutdown(self, timeout: float = 30.0) -> bool:
        """Let queued work finish, stop the worker and wait for it. Callbacks of unfinished ops are dropped.
        Returns whether the worker stopped within `timeout` seconds."""
        if not self._closed:
            self._closed = True
            self._queue.put(None)
        self._progress_timer.stop()
        self._hide_progress()
        if self._thread is not threading.current_thread():
            self._thread.join(timeout)
        self._pending.clear()
        return not self._thread.is_alive()

    def show_user_error(self, exc: Exception, parent: QWidget | None = None, title: str = "Not saved") -> QMessageBox:
        """A clear warning with what is wrong (the DomainError/ServiceError message)."""
        text = getattr(exc, "message", "") or str(exc)
        return message_box(self._dialog_parent(parent), QMessageBox.Icon.Warning, title, text)

    def show_unexpected_error(self, exc: BaseException, parent: QWidget | None = None) -> QMessageBox:
        return message_box(
            self._dialog_parent(parent), QMessageBox.Icon.Critical, "MedBill Desktop", GENERIC_ERROR,
            f"The problem was recorded in the program's log ({type(exc).__name__}). "
            "Try again; if it happens again, tell your practice's support contact.",
        )

    def _dialog_parent(self, parent: QWidget | None) -> QWidget | None:
        if parent is not None:
            return parent
        if self.window is not None and self.window.isVisible():
            return self.window
        return QApplication.activeWindow()

    @Slot(object, bool, object)
    def _deliver(self, op: Op, ok: bool, value: Any) -> None:
        if self._closed:
            return
        op.done = True
        if op in self._pending:
            self._pending.remove(op)
        waiting = self._waiting_visibly()
        if waiting is None:
            self._progress_timer.stop()
            self._hide_progress()
        elif self._progress is not None:
            self._progress.setLabelText(waiting.label)
        try:
            if ok:
                op.outcome = "success"
                if op.success is not None:
                    op.success(value)
            elif isinstance(value, USER_FACING):
                op.outcome, op.error = "failure", value
                log.info("op %r refused: %s (field %s)", op.label, type(value).__name__,
                         getattr(value, "field", None))
                if op.failure is not None:
                    op.failure(value)
                else:
                    self.show_user_error(value, op.parent)
            else:
                op.outcome, op.error = "error", value
                log_unexpected(op.label, value)
                self.show_unexpected_error(value, op.parent)
        except Exception as exc:  # a bug in a callback must not take the program down
            op.outcome, op.error = "error", exc
            log_unexpected(f"{op.label} (callback)", exc)
            self.show_unexpected_error(exc, op.parent)
        finally:
            if op.finished is not None:
                try:
                    op.finished()
                except Exception as exc:
                    log_unexpected(f"{op.label} (finished)", exc)
            self.op_finished.emit(op)
            if not self._pending:
                self.idle.emit()

    def _waiting_visibly(self) -> Op | None:
        return next((op for op in self._pending if not op.quiet), None)

    def _show_progress(self) -> None:
        waiting = self._waiting_visibly()
        if waiting is None or self._closed:
            return
        parent = self._dialog_parent(waiting.parent)
        dialog = QProgressDialog(waiting.label, "", 0, 0, parent)
        dialog.setObjectName("opProgress")
        dialog.setWindowTitle("MedBill Desktop")
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal if parent else Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(320)
        dialog.show()
        self._progress = dialog
        self.progress_shown += 1

    def _hide_progress(self) -> None:
        if self._progress is not None:
            self._progress.hide()
            self._progress.deleteLater()
            self._progress = None

    # --- the worker side ------------------------------------------------------------------------
    def _work(self) -> None:
        while True:
            op = self._queue.get()
            if op is None:
                return
            try:
                result = op.fn(*op.args)
            except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread, never lost
                if self._closed:
                    if not isinstance(exc, USER_FACING):
                        log_unexpected(op.label, exc)
                else:
                    self._delivered.emit(op, False, exc)
            else:
                if not self._closed:
                    self._delivered.emit(op, True, result)
