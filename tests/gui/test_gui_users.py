"""User administration: add, disable, enable, reset password, change role, all through the services."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from medbill_desktop.domain.roles import Role
from medbill_desktop.services import users


@pytest.fixture
def page(workstation, make_window):  # type: ignore[no-untyped-def]
    window = make_window(workstation, "users")
    page = window.current_workspace()
    assert type(page).__name__ == "UsersWorkspace"
    return page


def stored(ws, username: str) -> users.UserInfo:  # type: ignore[no-untyped-def]
    return next(u for u in users.list_users(ws) if u.username == username)


def table_rows(page) -> list[list[str]]:  # type: ignore[no-untyped-def]
    model = page.model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def add_user(qtbot, page, wait_idle, username="bcruz", full_name="Bea Cruz", role=Role.BILLER,  # type: ignore[no-untyped-def]
             password="bea-pass-22", confirm=None):
    page.ui.addButton.click()
    dialog = page.dialog
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.ui.usernameEdit, username)
    qtbot.keyClicks(dialog.ui.fullNameEdit, full_name)
    dialog.ui.roleCombo.setCurrentIndex(list(Role).index(role))
    qtbot.keyClicks(dialog.ui.passwordEdit, password)
    qtbot.keyClicks(dialog.ui.password2Edit, password if confirm is None else confirm)
    qtbot.keyClick(dialog.ui.password2Edit, Qt.Key.Key_Return)
    wait_idle()
    return dialog


def test_lists_the_users(page) -> None:  # type: ignore[no-untyped-def]
    assert table_rows(page) == [["admin", "Ada Admin", "Manager", "Active"]]


def test_add_a_user(qtbot, page, workstation, wait_idle) -> None:  # type: ignore[no-untyped-def]
    dialog = add_user(qtbot, page, wait_idle)
    assert not dialog.isVisible()
    wait_idle()
    assert ["bcruz", "Bea Cruz", "Biller", "Active"] in table_rows(page)
    assert page.selected().username == "bcruz"
    assert stored(workstation, "bcruz").role is Role.BILLER
    assert page.ui.messageLabel.text() == "Added Bea Cruz (bcruz) as biller."


def test_add_refuses_mismatched_and_short_passwords_inline(qtbot, page, workstation, wait_idle) -> None:  # type: ignore[no-untyped-def]
    dialog = add_user(qtbot, page, wait_idle, confirm="something-else")
    assert dialog.isVisible()
    assert "not the same" in dialog.ui.errorLabel.text()
    dialog.ui.passwordEdit.setText("short")
    dialog.ui.password2Edit.setText("short")
    qtbot.keyClick(dialog.ui.password2Edit, Qt.Key.Key_Return)
    wait_idle()
    assert dialog.ui.errorLabel.text() == "A password needs at least 8 characters."
    assert dialog.focusWidget() is dialog.ui.passwordEdit
    assert [u.username for u in users.list_users(workstation)] == ["admin"]
    dialog.reject()


def test_disable_and_enable(qtbot, page, workstation, wait_idle) -> None:  # type: ignore[no-untyped-def]
    add_user(qtbot, page, wait_idle)
    wait_idle()
    page.select_user("bcruz")
    assert page.ui.toggleActiveButton.text() == "&Disable user"
    page.ui.toggleActiveButton.click()
    wait_idle()
    assert stored(workstation, "bcruz").active is False
    assert ["bcruz", "Bea Cruz", "Biller", "Disabled"] in table_rows(page)
    assert page.selected().username == "bcruz"
    assert page.ui.toggleActiveButton.text() == "&Enable user"
    page.ui.toggleActiveButton.click()
    wait_idle()
    assert stored(workstation, "bcruz").active is True
    assert ["bcruz", "Bea Cruz", "Biller", "Active"] in table_rows(page)


def test_cannot_disable_yourself(page) -> None:  # type: ignore[no-untyped-def]
    page.select_user("admin")
    assert not page.ui.toggleActiveButton.isEnabled()


def test_reset_password(qtbot, page, workstation, wait_idle) -> None:  # type: ignore[no-untyped-def]
    add_user(qtbot, page, wait_idle)
    wait_idle()
    page.select_user("bcruz")
    page.ui.resetPasswordButton.click()
    dialog = page.dialog
    qtbot.waitExposed(dialog)
    assert "Bea Cruz (bcruz)" in dialog.ui.infoLabel.text()
    qtbot.keyClicks(dialog.ui.passwordEdit, "new-secret-99")
    qtbot.keyClicks(dialog.ui.password2Edit, "new-secret-99")
    qtbot.keyClick(dialog.ui.password2Edit, Qt.Key.Key_Return)
    wait_idle()
    assert not dialog.isVisible()
    assert page.ui.messageLabel.text() == "The password of Bea Cruz (bcruz) was reset."
    assert users.sign_in(workstation, "bcruz", "new-secret-99").username == "bcruz"


def test_change_role(qtbot, page, workstation, wait_idle) -> None:  # type: ignore[no-untyped-def]
    add_user(qtbot, page, wait_idle, role=Role.FRONT_DESK)
    wait_idle()
    page.select_user("bcruz")
    page.ui.changeRoleButton.click()
    dialog = page.dialog
    qtbot.waitExposed(dialog)
    assert dialog.ui.roleCombo.currentData() == Role.FRONT_DESK
    dialog.ui.roleCombo.setCurrentIndex(list(Role).index(Role.MANAGER))
    qtbot.keyClick(dialog.ui.roleCombo, Qt.Key.Key_Return)
    wait_idle()
    assert not dialog.isVisible()
    assert stored(workstation, "bcruz").role is Role.MANAGER
    assert ["bcruz", "Bea Cruz", "Manager", "Active"] in table_rows(page)


def test_the_last_manager_keeps_the_role(qtbot, page, workstation, wait_idle) -> None:  # type: ignore[no-untyped-def]
    page.select_user("admin")
    page.ui.changeRoleButton.click()
    dialog = page.dialog
    dialog.ui.roleCombo.setCurrentIndex(list(Role).index(Role.BILLER))
    dialog.ui.buttons.accepted.emit()
    wait_idle()
    assert dialog.isVisible()
    assert dialog.ui.errorLabel.text() == "This is the last active manager; add another manager first."
    assert stored(workstation, "admin").role is Role.MANAGER
    dialog.reject()
