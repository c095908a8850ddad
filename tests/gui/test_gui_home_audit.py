"""Home's figures and the Audit log workspace with its chain check."""

from __future__ import annotations

from sqlalchemy import text

from medbill_desktop.services import audit


def test_home_shows_the_practice_and_figures(workstation, make_window) -> None:
    window = make_window(workstation)
    home = window.current_workspace()
    ui = home.ui
    assert ui.practiceNameLabel.text() == "Riverside Family Medicine"
    assert "NPI 1234567893" in ui.practiceDetailsLabel.text()
    assert "Springfield, IL 62701" in ui.practiceDetailsLabel.text()
    assert "Ada Admin" in ui.welcomeLabel.text() and "Manager" in ui.welcomeLabel.text()
    assert ui.usersValue.text() == "1"
    assert ui.auditValue.text() == str(audit.verify_audit(workstation).entries)
    assert ui.lastSignInValue.text() == "First time here"
    assert int(ui.outboxValue.text()) >= 1  # the set-up's practice.saved and user.added wait for sync
    assert "Ctrl+4" in ui.shortcutsLabel.text()


def test_audit_log_lists_entries_and_verifies(qtbot, workstation, make_window, wait_idle) -> None:
    window = make_window(workstation, "audit")
    page = window.current_workspace()
    model = page.model
    assert model.rowCount() == audit.verify_audit(workstation).entries
    newest = [model.index(0, c).data() for c in range(model.columnCount())]
    assert newest[2:5] == ["admin", "Signed in", "User"]
    page.ui.verifyButton.click()
    wait_idle()
    assert page.report is not None and page.report.ok
    assert "The audit log is intact" in page.ui.verifyResultLabel.text()
    assert page.ui.verifyResultLabel.property("role") == "ok"


def test_audit_log_reports_tampering(qtbot, workstation, make_window, wait_idle) -> None:
    window = make_window(workstation, "audit")
    page = window.current_workspace()
    with workstation.write() as conn:  # someone with the key drops the guard and edits an entry
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2"))
    page.ui.verifyButton.click()
    wait_idle()
    assert page.report is not None and not page.report.ok
    assert page.ui.verifyResultLabel.text().startswith("✘ The audit log was tampered with at entry 2")
    assert page.ui.verifyResultLabel.property("role") == "error"
