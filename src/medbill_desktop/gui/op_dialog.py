"""The base of dialogs whose OK button hands work to the op runner."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from medbill_desktop.gui.ops import OpRunner


class OpDialog(QDialog):
    """A dialog whose OK button starts an op; the buttons rest while it runs."""

    ok_text = "OK"
    cancel_text = "Cancel"

    def __init__(self, runner: OpRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.busy = False
        self._buttons: QDialogButtonBox

    def _setup_buttons(self, buttons: QDialogButtonBox) -> None:
        self._buttons = buttons
        ok = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.ok_text)
        ok.setDefault(True)
        self._buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.cancel_text)
        self._buttons.accepted.connect(self.submit)
        self._buttons.rejected.connect(self.reject)

    def submit(self) -> None:
        raise NotImplementedError

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not busy)
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()
