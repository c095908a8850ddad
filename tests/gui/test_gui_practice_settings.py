"""Practice settings: edit, Ctrl+S, persisted through the services; a wrong NPI saves nothing."""

from __future__ import annotations

from gui_helpers import message_boxes
from PySide6.QtCore import Qt

from medbill_desktop.services import practice, settings


def open_page(workstation, make_window):  # type: ignore[no-untyped-def]
    window = make_window(workstation, "practice")
    page = window.current_workspace()
    assert type(page).__name__ == "PracticeSettingsWorkspace"
    return window, page


def replace_text(qtbot, edit, text: str) -> None:  # type: ignore[no-untyped-def]
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def test_loads_the_practice_record_and_settings(workstation, make_window) -> None:
    _window, page = open_page(workstation, make_window)
    ui = page.ui
    assert ui.nameEdit.text() == "Riverside Family Medicine"
    assert ui.npiEdit.text() == "1234567893"
    assert ui.taxIdEdit.text() == "12-3456789"
    assert ui.phoneEdit.text() == "(217) 555-0100"
    assert (ui.cityEdit.text(), ui.stateEdit.text(), ui.zipEdit.text()) == ("Springfield", "IL", "62701")
    assert ui.idleSpin.value() == 10 and ui.maxFailedSpin.value() == 5
    assert not page.dirty


def test_edit_and_ctrl_s_saves_both_halves(qtbot, workstation, make_window, wait_idle) -> None:
    window, page = open_page(workstation, make_window)
    ui = page.ui
    replace_text(qtbot, ui.nameEdit, "Riverside Family Medicine PC")
    replace_text(qtbot, ui.line2Edit, "Suite 200")
    ui.idleSpin.setValue(3)
    assert page.dirty and "Unsaved" in ui.statusLabel.text()
    qtbot.keyClick(ui.nameEdit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_idle()
    assert message_boxes() == []
    assert not page.dirty and ui.statusLabel.text().startswith("Saved at")
    stored = practice.get_practice(workstation)
    assert stored is not None
    assert stored.name == "Riverside Family Medicine PC"
    assert stored.address.line2 == "Suite 200"
    assert settings.get_settings(workstation).idle_lock_minutes == 3
    assert window.idle.timeout_ms == 3 * 60_000  # the open window follows the new setting
    assert window.windowTitle().startswith("Riverside Family Medicine PC")


def test_wrong_npi_check_digit_shows_the_message_and_saves_nothing(qtbot, workstation, make_window,
                                                                   wait_idle) -> None:
    window, page = open_page(workstation, make_window)
    ui = page.ui
    replace_text(qtbot, ui.nameEdit, "A Different Name")
    ui.idleSpin.setValue(7)
    replace_text(qtbot, ui.npiEdit, "1234567890")
    ui.saveButton.click()
    wait_idle()
    expected = "NPI 1234567890 fails its check digit (the last digit should be 3); check for a typo."
    boxes = message_boxes()
    assert [b.text() for b in boxes] == [expected]
    assert ui.errorLabel.text() == expected and ui.errorLabel.isVisible()
    assert ui.npiEdit.property("invalid") is True
    assert window.focusWidget() is ui.npiEdit
    assert ui.statusLabel.text() == "Not saved."
    boxes[0].done(0)
    stored = practice.get_practice(workstation)
    assert stored is not None and stored.npi == "1234567893" and stored.name == "Riverside Family Medicine"
    assert settings.get_settings(workstation).idle_lock_minutes == 10
    assert page.dirty  # the edits are still there to fix


def test_bad_zip_focuses_the_zip_field(qtbot, workstation, make_window, wait_idle) -> None:
    window, page = open_page(workstation, make_window)
    replace_text(qtbot, page.ui.zipEdit, "6270")
    page.save()
    wait_idle()
    assert window.focusWidget() is page.ui.zipEdit
    assert "ZIP code has 5 or 9 digits" in page.ui.errorLabel.text()


def test_revert_discards_edits(qtbot, workstation, make_window, wait_idle) -> None:
    _window, page = open_page(workstation, make_window)
    replace_text(qtbot, page.ui.nameEdit, "Typo Clinic")
    page.ui.revertButton.click()
    wait_idle()
    assert page.ui.nameEdit.text() == "Riverside Family Medicine"
    assert not page.dirty
