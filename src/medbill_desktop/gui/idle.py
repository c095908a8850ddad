"""Auto-lock: notice when nobody has touched the keyboard or mouse for a while.

An application-wide event filter records the time of the last input event; one single-shot timer checks
when the idle time could have run out and re-arms itself for the rest if there was input meanwhile (so
the timer is not restarted on every mouse move).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

_INPUT = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TabletPress,
    QEvent.Type.ShortcutOverride,
})


class IdleWatcher(QObject):
    timed_out = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timeout_ms = max(1, timeout_ms)
        self._last_input = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        self._installed = False

    def start(self) -> None:
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        self._last_input = time.monotonic()
        self._timer.start(self.timeout_ms)

    def stop(self) -> None:
        self._timer.stop()

    def dispose(self) -> None:
        self.stop()
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def set_timeout_ms(self, timeout_ms: int) -> None:
        self.timeout_ms = max(1, timeout_ms)
        if self._timer.isActive():
            self._check()

    def set_timeout_minutes(self, minutes: int) -> None:
        self.set_timeout_ms(minutes * 60_000)

    def idle_ms(self) -> int:
        return int((time.monotonic() - self._last_input) * 1000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in _INPUT:
            self._last_input = time.monotonic()
        return False

    def _check(self) -> None:
        remaining = self.timeout_ms - self.idle_ms()
        if remaining <= 0:
            self._timer.stop()
            self.timed_out.emit()
        else:
            self._timer.start(remaining)
