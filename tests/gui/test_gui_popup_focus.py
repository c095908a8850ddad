"""The payer list that pops up while typing, closed by Tab: when the platform hands the closed list the keyboard
late (offscreen does, seen in the EOB tests after other tests had run), the keyboard goes back to the field the user
moved to. The late activation can't be made on demand, so the tests send the signals it sends."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from medbill_desktop.domain.reference import Payer, PlanType
from medbill_desktop.gui import eob_entry
from medbill_desktop.gui.eob_entry import PayerPicker

PAYERS = [Payer("Aetna", PlanType.GROUP_HEALTH_PLAN, id="p1"), Payer("Aetna Better Health", PlanType.MEDICAID, id="p2"),
          Payer("Medicare Part B", PlanType.MEDICARE, id="p3")]


def type_a_payer_and_leave(qtbot):  # type: ignore[no-untyped-def]
    form = QWidget()
    layout = QVBoxLayout(form)
    picker, reference = PayerPicker(form), QLineEdit(form)
    layout.addWidget(picker)
    layout.addWidget(reference)
    picker.set_payers(PAYERS)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    picker.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is picker)
    qtbot.keyClicks(picker.lineEdit(), "aet")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is reference
    return form, picker, reference


def late_activation(qtbot, form: QWidget, picker: PayerPicker) -> None:  # type: ignore[no-untyped-def]
    """What the platform does: the closed list's window is activated, which hands the keyboard to the picker;
    then the form's window comes back."""
    app = QApplication.instance()
    popup = picker.completer().popup()
    assert popup.windowHandle() is not None and not popup.isVisible()
    app.focusWindowChanged.emit(popup.windowHandle())
    picker.setFocus()
    app.focusWindowChanged.emit(form.windowHandle())
    qtbot.wait(50)


def test_tab_takes_the_payer_and_moves_on(qtbot) -> None:
    _form, picker, reference = type_a_payer_and_leave(qtbot)
    qtbot.wait(200)
    assert QApplication.focusWidget() is reference
    assert picker.payer_id() == "p1" and picker.currentText() == "Aetna"


def test_a_late_activation_of_the_closed_list_gives_the_keyboard_back(qtbot) -> None:
    form, picker, reference = type_a_payer_and_leave(qtbot)
    late_activation(qtbot, form, picker)
    assert QApplication.focusWidget() is reference


def test_without_the_guard_the_keyboard_is_left_in_the_picker(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(eob_entry, "PopupFocusGuard", lambda popup, field: None)
    form, picker, _reference = type_a_payer_and_leave(qtbot)
    late_activation(qtbot, form, picker)
    assert QApplication.focusWidget() is picker
