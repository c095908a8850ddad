"""Helpers shared by the GUI tests (tests/gui is on sys.path under pytest's default import mode)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget


def message_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def visible_top_levels(kind: type[QWidget]) -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def show_active(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Show a page as a window of its own with the keyboard (a window of a test before may have had it)."""
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
