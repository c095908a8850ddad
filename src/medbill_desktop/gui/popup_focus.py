"""A closed popup that is handed the keyboard anyway: the keyboard goes back where it was.

Some platforms (offscreen; some X11 window managers) activate a popup's window after it was already closed: the
popup was shown while typing and hidden by Tab before the platform got round to activating it. Qt then gives the
keyboard to the popup's field, so the cursor jumps back to a field the user had left. `PopupFocusGuard` watches
for that late activation, brings the field's window back, and returns the keyboard to the widget that had it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

GIVE_BACK_MS = 1000  # how long after a late activation the keyboard is given back


class PopupFocusGuard(QObject):
    """Guards one popup (a completer's list) that belongs to `field`."""

    def __init__(self, popup: QWidget, field: QWidget) -> None:
        super().__init__(field)
        self.popup = popup
        self.field = field
        self._give_back: QWidget | None = None
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusWindowChanged.connect(self._window_changed)

    def _window_changed(self, window: QWindow | None) -> None:
        if window is None or not isValid(self.popup) or not isValid(self.field):
            return
        if window is self.popup.windowHandle() and not self.popup.isVisible():
            had = QApplication.focusWidget()
            self._give_back = had if had is not None and had is not self.popup else None
            self.field.window().activateWindow()
            QTimer.singleShot(GIVE_BACK_MS, self, self._forget)  # the window's return is due long before
        elif self._give_back is not None and window is self.field.window().windowHandle():
            target, self._give_back = self._give_back, None
            if isValid(target) and target.isVisible() and target.isEnabled():
                target.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def _forget(self) -> None:
        """Nothing is kept past the late activation: a window change much later is the user's own."""
        self._give_back = None
