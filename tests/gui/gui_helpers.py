"""Helpers shared by the GUI tests (tests/gui is on sys.path under pytest's default import mode)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget


def message_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def visible_top_levels(kind: type[QWidget]) -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
