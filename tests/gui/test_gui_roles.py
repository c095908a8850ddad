"""A role sees only the workspaces it may use; the services refuse the rest anyway."""

from __future__ import annotations

import pytest

from medbill_desktop.domain.errors import PermissionDenied
from medbill_desktop.domain.roles import Role
from medbill_desktop.services import practice, users


def navigator_titles(window) -> list[str]:  # type: ignore[no-untyped-def]
    nav = window.ui.navigator
    return [nav.item(i).text() for i in range(nav.count())]


def go_menu(window) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(a.text(), a.shortcut().toString()) for a in window.ui.goMenu.actions()]


def test_manager_sees_every_workspace(workstation, make_window) -> None:
    window = make_window(workstation)
    assert navigator_titles(window) == ["Home", "Front desk", "Charges", "Claims", "Payments", "Denials",
                                        "Statements", "Reports", "Reference data", "Practice settings", "Users",
                                        "Audit log"]
    assert go_menu(window) == [("Home", "Ctrl+1"), ("Front desk", "Ctrl+2"), ("Charges", "Ctrl+3"),
                               ("Claims", "Ctrl+4"), ("Payments", "Ctrl+5"), ("Denials", "Ctrl+6"),
                               ("Statements", "Ctrl+7"), ("Reports", "Ctrl+8"), ("Reference data", "Ctrl+9"),
                               ("Practice settings", ""), ("Users", ""), ("Audit log", "")]


@pytest.mark.parametrize("role", [Role.FRONT_DESK, Role.BILLER])
def test_front_desk_and_biller_do_not_see_users_or_practice_settings(workstation, make_window, role) -> None:
    users.add_user(workstation, "fran", "Fran Desk", role, "fran-pass-1")
    users.sign_in(workstation, "fran", "fran-pass-1")
    window = make_window(workstation, "users")  # asking for a hidden workspace opens Home
    assert navigator_titles(window) == (["Home", "Front desk", "Reports"] if role is Role.FRONT_DESK
                                        else ["Home", "Front desk", "Charges", "Claims", "Payments", "Denials",
                                              "Statements", "Reports"])
    assert window.current_key() == "home"
    assert window.show_workspace("users") is None and window.show_workspace("practice") is None
    assert set(window.workspaces) == {"home"}
    assert window.user_status.text() == f"Fran Desk (fran) · {role.label}"
    with pytest.raises(PermissionDenied):
        users.list_users(workstation)
    current = practice.get_practice(workstation)
    assert current is not None
    with pytest.raises(PermissionDenied):
        practice.save_practice(workstation, current)


def test_ctrl_number_switches_workspaces(qtbot, workstation, make_window) -> None:
    from PySide6.QtCore import Qt

    window = make_window(workstation)
    qtbot.keyClick(window.ui.navigator, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "reference"
    assert window.ui.workspaceStack.currentWidget() is window.workspaces["reference"]
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "payments"
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "home"


def test_status_bar(qtbot, workstation, make_window) -> None:
    window = make_window(workstation)
    assert window.db_status.text() == "medbill.db · encrypted"
    assert window.user_status.text() == "Ada Admin (admin) · Manager"
    # the sync state is read off the GUI thread; "…" until it arrives
    qtbot.waitUntil(lambda: window.sync_status.text() == "Sync: not set up", timeout=5000)
    window.set_sync_state("Sync: 3 changes waiting")
    assert window.sync_status.text() == "Sync: 3 changes waiting"
