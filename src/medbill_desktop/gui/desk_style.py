"""Looks shared by the front-desk, charge-entry and reference-data screens (on top of the application's style
sheet), and small helpers for their dialogs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

DESK_STYLE = """
QLabel[role="section"] { font-weight: 600; color: #1f3a5f; }
QLabel[role="patientName"] { font-size: 19px; font-weight: 600; color: #1f3a5f; }
QLabel[role="warning"] { color: #7a4100; background: #fff4e0; border: 1px solid #f0c890; border-radius: 4px;
                         padding: 6px 8px; }
QLabel[role="warningTitle"] { color: #7a4100; font-weight: 600; }
QFrame[role="warnings"] { background: #fff4e0; border: 1px solid #f0c890; border-radius: 6px; }
QFrame[role="warnings"] QLabel { background: transparent; border: none; color: #5c3200; }
QLabel[role="total"] { font-size: 15px; font-weight: 600; color: #1f3a5f; padding: 0 6px; }
QLabel[role="status"] { font-weight: 600; padding: 2px 10px; border-radius: 9px; background: #e3ecf7;
                        color: #1f3a5f; }
QLabel[role="status"][state="finalized"] { background: #dff3e4; color: #1b6e35; }
QLabel[role="lineNumber"] { color: #5a6270; font-weight: 600; }
QLabel[role="codeDescription"] { color: #3b4452; }
QLabel[role="codeDescription"][state="bad"] { color: #b00020; font-weight: 600; }
QLabel[role="columnHeader"] { color: #5a6270; font-weight: 600; }
QLineEdit[readOnly="true"] { background: #f3f5f8; color: #1d2430; }
QListWidget#findingsList { background: #ffffff; border: 1px solid #d8dde5; }
"""


def apply_desk_style(widget: QWidget) -> None:
    widget.setStyleSheet(DESK_STYLE)


def shortcut(widget: QWidget, keys: str | QKeySequence.StandardKey, slot: Callable[[], object]) -> QShortcut:
    """A shortcut that works anywhere inside `widget` (and its children)."""
    from PySide6.QtCore import Qt

    sc = QShortcut(QKeySequence(keys), widget)
    sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    sc.activated.connect(slot)
    return sc


def return_focus(widget: QWidget, fallback: QWidget | None = None) -> None:
    """After a dialog: back to the main window (not every platform reactivates it) and into `widget`, or into
    `fallback` when `widget` can't take the focus. Runs once the dialog's window is gone."""
    from PySide6.QtCore import QTimer

    def go() -> None:
        widget.window().activateWindow()
        target = widget if widget.isEnabled() and widget.isVisible() else (fallback or widget)
        target.setFocus()

    QTimer.singleShot(0, go)


def ask(parent: QWidget, title: str, text: str, yes_text: str, on_yes: Callable[[], object],
        informative: str = "") -> object:
    """A yes/no question that does not start a nested event loop; `on_yes()` runs when confirmed.
    The confirming button is the default (Enter), Escape cancels."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("confirmBox")
    if informative:
        box.setInformativeText(informative)
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes)
    box.setEscapeButton(cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)

    def done(_result: int) -> None:
        parent.window().activateWindow()  # back where the question came from (not every platform does it)
        if box.clickedButton() is yes:
            on_yes()

    box.finished.connect(done)
    box.open()
    return box
