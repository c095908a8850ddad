"""DESIGN §10: PySide6 6.12.0 on Python 3.11 corrupts the refcount of None in void calls and aborts after a
few thousand (`Fatal Python error: none_dealloc`). 6.11 is pinned; this test makes 20,000 of them."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget


def test_twenty_thousand_void_calls(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    label = QLabel(widget)
    edit = QLineEdit(widget)
    none_refs = sys.getrefcount(None)
    for i in range(5_000):
        widget.setEnabled(True)  # void C++ methods: each returns None to Python
        label.setText("x" if i % 2 else "y")
        edit.setPlaceholderText("z")
        widget.update()
    assert label.text() == "x"
    assert widget.isEnabled()
    # The bug lowered None's refcount by one per call; allow a little noise from the interpreter itself.
    assert sys.getrefcount(None) >= none_refs - 100
