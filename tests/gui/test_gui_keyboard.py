"""Keyboard-first: Tab walks the forms in reading order; Enter on a workspace goes into it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from medbill_desktop.gui.startup_dialogs import FirstRunDialog

PRACTICE_ORDER = ["nameEdit", "npiEdit", "taxIdEdit", "taxonomyEdit", "line1Edit", "line2Edit", "cityEdit",
                  "stateEdit", "zipEdit", "phoneEdit"]


def tab_walk(qtbot, start, steps: int) -> list[str]:  # type: ignore[no-untyped-def]
    start.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start, timeout=2000)
    names = [start.objectName()]
    for _ in range(steps):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        names.append(QApplication.focusWidget().objectName())
    return names


def test_first_run_tab_order(qtbot, runner, db_path) -> None:
    dialog = FirstRunDialog(runner, db_path, needs_passphrase=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    expected = PRACTICE_ORDER + ["usernameEdit", "fullNameEdit", "passwordEdit", "password2Edit",
                                 "passphraseEdit", "passphrase2Edit"]
    assert tab_walk(qtbot, dialog.ui.nameEdit, len(expected) - 1) == expected


def test_practice_settings_tab_order_and_enter_from_the_navigator(qtbot, workstation, make_window) -> None:
    window = make_window(workstation)
    nav = window.ui.navigator
    nav.setFocus()
    nav.setCurrentRow(next(i for i, spec in enumerate(window.specs) if spec.key == "practice"))
    qtbot.keyClick(nav, Qt.Key.Key_Return)
    page = window.workspaces["practice"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.ui.nameEdit, timeout=3000)
    expected = PRACTICE_ORDER + ["idleSpin", "maxFailedSpin", "lockoutSpin", "eligibilitySpin"]
    assert tab_walk(qtbot, page.ui.nameEdit, len(expected) - 1) == expected
