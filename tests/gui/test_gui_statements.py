"""The Statements workspace against a real workstation: the run lists who gets a statement and why the others
do not; Space leaves a guarantor out; a cancelled print records nothing and a print the printer took records the
run; Save PDF records it too; the history reprints exactly what was sent; a payment plan is made from the
keyboard and shows on the next statement; a hold, a collections flag and the agency's CSV; a biller sees no
collections actions."""

from __future__ import annotations

import csv
import hashlib
import io
import sys
from pathlib import Path

import pytest
from gui_helpers import show_active
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from test_gui_front_desk_support import focused, press, tab, type_text, wait, wait_focus

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
from front_desk_support import Desk, make_desk  # noqa: E402
from statements_support import owe  # noqa: E402

from medbill_desktop.domain.roles import Role  # noqa: E402
from medbill_desktop.gui.payment_plan_dialog import PaymentPlanDialog  # noqa: E402
from medbill_desktop.gui.workspaces import find_workspace  # noqa: E402
from medbill_desktop.gui.workspaces.statements import (  # noqa: E402
    AccountActionDialog,
    SettingsDialog,
    StatementsWorkspace,
)
from medbill_desktop.services import collections, payment_plans, statements, users  # noqa: E402
from medbill_desktop.services.context import Workstation  # noqa: E402

CTRL, SHIFT, ALT = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier,
                    Qt.KeyboardModifier.AltModifier)


@pytest.fixture
def desk(workstation: Workstation) -> Desk:
    return make_desk(workstation)


@pytest.fixture
def page(qtbot, runner, wait_idle, workstation: Workstation):  # type: ignore[no-untyped-def]
    def make() -> StatementsWorkspace:
        assert workstation.actor is not None
        ws = StatementsWorkspace(runner, workstation, workstation.actor)
        qtbot.addWidget(ws)
        ws.resize(1300, 760)
        show_active(qtbot, ws)
        ws.activate()
        wait_idle()
        return ws

    return make


def top_level(qtbot, kind: type) -> QWidget:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: any(isinstance(w, kind) and w.isVisible() for w in QApplication.topLevelWidgets()),
                    timeout=5000)
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible())


def names(p: StatementsWorkspace) -> list[str]:
    return [c.guarantor.name for c in p.run_page.model.rows]


def test_the_workspace_is_for_billers_and_managers() -> None:
    spec = find_workspace("statements")
    assert spec is not None and spec.title == "Statements"
    assert spec.allowed(Role.BILLER) and spec.allowed(Role.MANAGER) and not spec.allowed(Role.FRONT_DESK)


def test_a_run_previewed_left_out_cancelled_then_printed(qtbot, page, wait_idle, desk: Desk,  # type: ignore[no-untyped-def]
                                                         tmp_path: Path) -> None:
    ws = desk.ws
    for last, cents, days in (("Adams", 4500, 40), ("Baker", 12000, 130), ("Cole", 300, 10), ("Diaz", 2500, 5)):
        owe(desk, desk.patient(last, "Pat"), cents, days_ago=days)
    p = page()
    run = p.run_page
    assert names(p) == ["Pat Adams", "Pat Baker", "Pat Diaz"]  # getting a statement, by last name
    assert run.summary.text().startswith("<b>3 statements</b> dated 11/02/2026, <b>$190.00</b> due; not sent: "
                                         "1 below minimum.")
    row = run.model.rows[1]
    assert (row.amount_due_cents, row.due_aging.buckets) == (12000, (0, 0, 0, 0, 12000))
    run.show_combo.setCurrentIndex(2)  # everyone who owes
    assert [c.decision.reason for c in run.model.rows if c.guarantor.name == "Pat Cole"] == [
        "$3.00 is below the minimum of $5.00."]
    run.show_combo.setCurrentIndex(0)
    # leave Diaz out from the keyboard
    run.table.setFocus()
    run.table.selectRow(2)
    press(qtbot, Qt.Key.Key_Space)
    wait_idle()
    assert run.left_out == {run.preview.candidates[-1].key} and len(run.preview.statements) == 2
    assert run.summary.text().startswith("<b>2 statements</b>")
    # print: the preview is closed without printing, nothing is recorded
    press(qtbot, Qt.Key.Key_P, CTRL)
    wait_idle()
    document = run.document
    assert document is not None and document.pdf.startswith(b"%PDF")
    qtbot.waitUntil(lambda: document.preview is not None and document.preview.isVisible())
    document.preview.reject()
    wait_idle()
    assert run.message.text().startswith("Not printed: the 2 statements were not marked sent.")
    assert statements.list_runs(ws) == []
    # print again, and the printer takes it
    run.print_run()
    wait_idle()
    document = run.document
    qtbot.waitUntil(lambda: document.preview is not None and document.preview.isVisible())
    printer = document.printer
    assert printer is not None
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    document.preview.paintRequested.emit(printer)
    document.preview.accept()
    wait_idle()
    [sent_run] = statements.list_runs(ws)
    assert (sent_run.statement_count, sent_run.total_due_cents, sent_run.sent_via, sent_run.destination) == (
        2, 16500, "print", "printed.pdf")
    assert run.message.text() == (f"Run {sent_run.run_number}: 2 statements, $165.00 due, printed (printed.pdf) "
                                  "and marked sent.")
    assert names(p) == ["Pat Diaz"]  # the others were just sent: too soon for another
    # the history reprints the run exactly as it was printed
    wait_focus(qtbot, run.table)  # back from the print preview
    press(qtbot, Qt.Key.Key_2, ALT)
    wait_idle()
    assert p.tabs.currentWidget() is p.history
    assert [r.run_number for r in p.history.runs_model.rows] == [sent_run.run_number]
    assert [s.guarantor_name for s in p.history.sent_model.rows] == ["Pat Adams", "Pat Baker"]
    press(qtbot, Qt.Key.Key_P, CTRL)
    wait_idle()
    reprint = p.history.document
    assert reprint is not None
    assert hashlib.sha256(reprint.pdf).hexdigest() == statements.run_sha256(ws, sent_run.run_id)
    reprint.preview.reject()
    wait_focus(qtbot, p.history.runs_table)
    adams = p.history.sent_model.rows[0].guarantor_account
    p.history.account_edit.setFocus()
    type_text(qtbot, adams.lower())
    press(qtbot, Qt.Key.Key_Return)
    wait_idle()
    assert p.history.message.text() == f"Statements to Pat Adams (account {adams}): 1."
    assert [s.run_number for s in p.history.sent_model.rows] == [sent_run.run_number]


def test_save_pdf_records_the_run(qtbot, page, wait_idle, desk: Desk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    owe(desk, desk.patient("Ford", "Gil"), 3300)
    p = page()
    chooser = p.run_page.ask_save()
    assert isinstance(chooser, QFileDialog)
    target = tmp_path / "run.pdf"
    chooser.fileSelected.emit(str(target))
    chooser.reject()
    wait_idle()
    [sent_run] = statements.list_runs(desk.ws)
    assert target.stat().st_mode & 0o777 == 0o600
    assert hashlib.sha256(target.read_bytes()).hexdigest() == statements.run_sha256(desk.ws, sent_run.run_id)
    assert p.run_page.message.text().endswith("saved as pdf (run.pdf) and marked sent.")


def test_a_payment_plan_from_the_keyboard(qtbot, page, wait_idle, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    max_ = desk.patient("Moreno", "Max")
    owe(desk, max_, 30000, days_ago=70)
    p = page()
    run = p.run_page
    run.table.setFocus()
    press(qtbot, Qt.Key.Key_N, CTRL)
    dialog = top_level(qtbot, PaymentPlanDialog)
    wait(qtbot, lambda: dialog.context is not None)
    wait_focus(qtbot, dialog.installment_edit)
    assert "<b>Max Moreno</b>" in dialog.who_label.text() and "Owes <b>$300.00</b> now" in dialog.who_label.text()
    assert dialog.total_edit.text() == "300.00"
    type_text(qtbot, "125")
    assert [(i.due_on.isoformat(), i.amount_cents) for i in dialog.model.rows] == [
        ("2026-11-15", 12500), ("2026-12-15", 12500), ("2027-01-15", 5000)]
    assert dialog.schedule_label.text() == "Schedule: 3 installments, the last $50.00 on 01/15/2027."
    tab(qtbot)
    assert focused() is dialog.day_spin
    dialog.day_spin.selectAll()
    type_text(qtbot, "5")
    assert dialog.first_edit.text() == "11/05/2026"
    assert dialog.model.rows[0].due_on.isoformat() == "2026-11-05"
    press(qtbot, Qt.Key.Key_Return)
    wait_idle()
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, PaymentPlanDialog) and w.isVisible()]
    [plan] = payment_plans.plans_for(desk.ws, max_.account_number)
    assert (plan.total_cents, plan.installment_cents, plan.day_of_month) == (30000, 12500, 5)
    assert run.message.text() == f"Payment plan {plan.plan_number} set up."
    wait_idle()
    data = run.preview.statements[0]
    assert data.plan is not None and data.pay_now_cents == 12500
    # the plans page lists it; Enter opens it; Ctrl+Shift+X cancels it with a reason
    press(qtbot, Qt.Key.Key_3, ALT)
    wait_idle()
    assert [r.plan.plan_number for r in p.plans.model.rows] == [plan.plan_number]
    p.plans.table.setFocus()
    p.plans.open_selected()
    opened = top_level(qtbot, PaymentPlanDialog)
    wait(qtbot, lambda: opened.cancel_plan_button.isVisible())
    assert opened.schedule_label.text().startswith(f"Plan {plan.plan_number}: Up to date.")
    press(qtbot, Qt.Key.Key_X, CTRL | SHIFT)
    reason = opened.reason_dialog
    assert reason is not None
    wait(qtbot, reason.isVisible)
    wait_focus(qtbot, reason.reason_edit)
    type_text(qtbot, "Paying in full")
    press(qtbot, Qt.Key.Key_Return)
    wait_idle()
    assert payment_plans.plans_for(desk.ws, max_.account_number)[0].status == "cancelled"


def test_hold_collections_and_the_agency_csv(qtbot, page, wait_idle, desk: Desk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    owe(desk, desk.patient("Nash", "Joe"), 15000, days_ago=200)
    owe(desk, desk.patient("Ortiz", "Ana"), 4000, days_ago=20)
    p = page()
    run = p.run_page
    run.table.setFocus()
    run.table.selectRow(1)  # Ana Ortiz
    press(qtbot, Qt.Key.Key_H, CTRL)
    hold = top_level(qtbot, AccountActionDialog)
    wait_focus(qtbot, hold.reason_edit)
    type_text(qtbot, "Disputing the charge")
    tab(qtbot)
    type_text(qtbot, "12/01/2026")
    press(qtbot, Qt.Key.Key_Return)
    wait_idle()
    assert names(p) == ["Joe Nash"]
    run.table.selectRow(0)
    press(qtbot, Qt.Key.Key_K, CTRL | SHIFT)
    flag = top_level(qtbot, AccountActionDialog)
    flag.reason_edit.setText("No reply to four statements")
    flag.agency_edit.setText("Acme Recovery")
    flag.submit()
    wait_idle()
    assert names(p) == []
    assert "1 in collections" in run.summary.text() and "1 on hold" in run.summary.text()
    press(qtbot, Qt.Key.Key_4, ALT)
    wait_idle()
    holds = p.holds
    assert [h.reason for h in holds.holds_model.rows] == ["Disputing the charge"]
    assert [r.guarantor.name for r in holds.collections_model.rows] == ["Joe Nash"]
    chooser = holds.ask_export()
    assert chooser is not None
    chooser.fileSelected.emit(str(tmp_path / "agency.csv"))
    chooser.reject()
    wait_idle()
    rows = list(csv.DictReader(io.StringIO((tmp_path / "agency.csv").read_text())))
    assert [(r["guarantor_name"], r["amount_due"], r["agency"]) for r in rows] == [("Joe Nash", "150.00",
                                                                                    "Acme Recovery")]
    assert holds.message.text().startswith("1 account, $150.00 due, exported to")
    wait_focus(qtbot, holds.collections_table)  # back from the file dialog
    holds.holds_table.setFocus()
    press(qtbot, Qt.Key.Key_R, CTRL | SHIFT)
    wait_idle()
    assert holds.holds_model.rows == [] and statements.list_holds(desk.ws) == []
    assert collections.list_collections(desk.ws)[0].exported_at is not None


def test_a_biller_has_no_collections_actions(qtbot, runner, wait_idle, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    users.add_user(desk.ws, "betty", "Betty Biller", Role.BILLER, "biller-pass-1")
    actor = users.sign_in(desk.ws, "betty", "biller-pass-1")
    owe(desk, desk.patient("Nash", "Joe"), 15000)
    p = StatementsWorkspace(runner, desk.ws, actor)
    qtbot.addWidget(p)
    p.show()
    p.activate()
    wait_idle()
    assert names(p) == ["Joe Nash"]
    assert not p.run_page.collect_button.isVisible() and not p.run_page.settings_button.isVisible()
    assert not p.holds.flag_button.isVisible() and not p.holds.export_button.isVisible()


def test_look_at_one_statement_and_change_the_rules(qtbot, page, wait_idle, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    owe(desk, desk.patient("Adams", "Pat"), 800)
    owe(desk, desk.patient("Baker", "Lou"), 4000)
    p = page()
    run = p.run_page
    run.table.setFocus()
    run.table.selectRow(1)
    press(qtbot, Qt.Key.Key_L, CTRL)  # the chosen statement alone, to look at: nothing is recorded
    wait_idle()
    assert run.document is not None and run.document.title == "Statement for Lou Baker (not sent)"
    qtbot.waitUntil(lambda: run.document.preview is not None and run.document.preview.isVisible())
    run.document.preview.reject()
    assert statements.list_runs(desk.ws) == []
    wait_focus(qtbot, run.table)
    press(qtbot, Qt.Key.Key_T, CTRL | SHIFT)  # statement settings (a manager)
    wait_idle()
    dialog = top_level(qtbot, SettingsDialog)
    wait_focus(qtbot, dialog.minimum_edit)
    dialog.minimum_edit.selectAll()
    type_text(qtbot, "10.00")
    tab(qtbot)
    dialog.days_spin.selectAll()
    type_text(qtbot, "30")
    dialog.line1_edit.setText("PO Box 4410")
    dialog.city_edit.setText("Springfield")
    dialog.state_edit.setText("il")
    dialog.zip_edit.setText("62708")
    dialog.minimum_edit.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    wait_idle()
    saved = statements.get_statement_settings(desk.ws)
    assert (saved.minimum_balance_cents, saved.days_between, saved.remit_to is not None and saved.remit_to.state) == (
        1000, 30, "IL")
    assert names(p) == ["Lou Baker"]  # $8.00 is below the new minimum
    assert run.preview is not None and run.preview.statements[0].remit_to.lines[0] == "PO Box 4410"
