"""The lock screen: Ctrl+L and idle time lock; only the signed-in user's password unlocks."""

from __future__ import annotations

from PySide6.QtCore import Qt

from medbill_desktop.services import audit
from medbill_desktop.services.context import Workstation

ADMIN_PASSWORD = "admin-pass-1"


def lock_actions(ws: Workstation) -> list[tuple[str, str]]:
    return [(e.action, e.detail) for e in audit.recent_entries(ws, 20) if e.action in ("lock", "unlock")]


def test_ctrl_l_locks_and_hides_all_data(qtbot, workstation, make_window, wait_idle) -> None:
    window = make_window(workstation)
    assert window.ui.workspaceStack.isVisible()
    qtbot.keyClick(window.ui.navigator, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.locked
    assert window.ui.rootStack.currentWidget() is window.ui.lockPage
    assert not window.ui.workspaceStack.isVisible() and not window.ui.navigator.isVisible()
    assert "Ada Admin" in window.ui.lockUserLabel.text()
    assert not window.ui.actionSave.isEnabled()
    assert all(not a.isEnabled() for a in window.workspace_actions)  # Ctrl+1..9 do nothing while locked
    assert window.show_workspace("users") is None
    wait_idle()
    assert lock_actions(workstation)[0] == ("lock", '{"reason":"manual"}')


def test_unlock_with_wrong_then_right_password(qtbot, workstation, make_window, runner, wait_idle) -> None:
    window = make_window(workstation)
    window.lock("manual")
    edit = window.ui.lockPasswordEdit
    qtbot.keyClicks(edit, "not-my-password")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    wait_idle()
    assert window.locked
    assert window.ui.lockErrorLabel.text() == "That password is wrong."
    assert edit.text() == ""
    with qtbot.waitSignal(window.locked_changed, timeout=10_000) as signal:
        qtbot.keyClicks(edit, ADMIN_PASSWORD)
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert signal.args == [False]
    assert not window.locked
    assert window.ui.rootStack.currentWidget() is window.ui.workPage
    assert window.ui.workspaceStack.isVisible()
    assert window.idle.active
    wait_idle()
    assert [a for a, _ in lock_actions(workstation)][:2] == ["unlock", "lock"]


def test_idle_time_locks(qtbot, workstation, make_window) -> None:
    window = make_window(workstation)
    assert window.idle.timeout_ms == 10 * 60_000  # PracticeSettings.idle_lock_minutes
    window.idle.set_timeout_ms(400)
    for _ in range(6):  # someone is typing: no lock
        qtbot.wait(100)
        qtbot.keyClick(window.ui.navigator, Qt.Key.Key_Down)
    assert not window.locked
    qtbot.waitUntil(lambda: window.locked, timeout=3000)  # then nobody is
    assert window.ui.rootStack.currentWidget() is window.ui.lockPage


def test_locking_closes_open_dialogs(qtbot, workstation, make_window) -> None:
    window = make_window(workstation, "users")
    page = window.current_workspace()
    page.add_user()
    dialog = page.dialog
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.ui.usernameEdit, "someone")
    window.lock("idle")
    assert not dialog.isVisible()


def test_sign_out_from_the_lock_screen(qtbot, workstation, make_window) -> None:
    window = make_window(workstation)
    window.lock("manual")
    with qtbot.waitSignal(window.sign_out_requested, timeout=2000):
        window.ui.signOutButton.click()
