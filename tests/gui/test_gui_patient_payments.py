"""Patient payments and the account ledger from the keyboard: a payment split oldest first, a payment on chosen
visits (refused while a visit gets more than it owes), a prepayment held as credit and applied later from the
ledger, a refund and a reversal by a biller, and what the front desk may not do."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from test_gui_front_desk_support import Clinic, focused, make_clinic, press, tab, type_text, wait, wait_focus

from medbill_desktop.domain.encounters import Encounter, ServiceLine
from medbill_desktop.domain.ledger import Party, TxKind, patient_credit, receivable
from medbill_desktop.domain.patients import Patient, Sex
from medbill_desktop.domain.practice import Address
from medbill_desktop.domain.roles import Role
from medbill_desktop.gui.account_ledger_view import AccountLedgerDialog
from medbill_desktop.gui.account_summary import AccountSummaryDialog
from medbill_desktop.gui.patient_payment_dialog import ApplyCreditDialog, PatientPaymentDialog
from medbill_desktop.gui.refund_dialog import ReasonDialog, RefundDialog
from medbill_desktop.services import audit, encounters, ledger, patient_payments, patients, users
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.patient_payments import ApplyTo

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def clinic(workstation: Workstation) -> Clinic:
    return make_clinic(workstation)


def self_pay(clinic: Clinic, last: str = "Brown", first: str = "Ann") -> Patient:
    return patients.register_patient(clinic.ws, Patient(
        last, first, date(1971, 4, 9), Sex.FEMALE, address=Address("5 Oak Ave", "Springfield", "IL", "62704"),
        home_phone="(217) 555-0142"))


def visit(clinic: Clinic, p: Patient, lines: tuple[tuple[str, int], ...], days_ago: int) -> str:
    """A finalized visit (no insurance: its charges are the patient's); returns the encounter id."""
    ws = clinic.ws
    e = encounters.save_encounter(ws, Encounter(
        p.id, ws.today() - timedelta(days=days_ago), rendering_provider_id=clinic.rendering.id,
        billing_provider_id=clinic.billing.id, place_of_service="11", diagnoses=("I10",),
        lines=tuple(ServiceLine(code, cents, pointers=(1,)) for code, cents in lines)))
    encounters.finalize_encounter(ws, e.id)
    return e.id


def patient_owes(ws: Workstation, p: Patient, encounter_id: str) -> int:
    lines = encounters.get_encounter(ws, encounter_id).lines
    keys = [receivable(line.id, Party.PATIENT, p.account_number) for line in lines]
    return sum(ledger.balances(ws, keys).values())


def credit_of(ws: Workstation, p: Patient) -> int:
    key = patient_credit(p.account_number)
    return -ledger.balances(ws, [key])[key]


def type_keys(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type key by key into whatever has the focus (the first key on a grid cell opens its editor)."""
    for ch in text:
        type_text(qtbot, ch)


def open_dialog(qtbot, kind: type):  # type: ignore[no-untyped-def]
    found: list[QWidget] = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        return bool(found)

    wait(qtbot, shown)
    return found[-1]


def front_desk(qtbot, make_window, ws, p: Patient):  # type: ignore[no-untyped-def]
    """The front desk with the patient found by account number and opened, by keyboard."""
    window = make_window(ws, "front_desk")
    page = window.current_workspace()
    page.focus_first()
    wait_focus(qtbot, page.ui.searchEdit)
    type_text(qtbot, p.account_number)
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: page.file is not None and page.file.patient.id == p.id)
    wait_focus(qtbot, page.ui.checkInButton)
    return window, page


def payment_dialog(qtbot) -> PatientPaymentDialog:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, PatientPaymentDialog)
    wait(qtbot, lambda: dialog.balances is not None and not dialog.runner.is_busy())
    wait_focus(qtbot, dialog.amount_edit)
    return dialog


def test_a_check_applied_oldest_first_from_the_keyboard(qtbot, clinic, make_window) -> None:
    ws = clinic.ws
    ann = self_pay(clinic)
    old = visit(clinic, ann, (("99213", 12500), ("36415", 1500)), days_ago=40)
    new = visit(clinic, ann, (("99214", 18000),), days_ago=5)
    _window, page = front_desk(qtbot, make_window, ws, ann)
    press(qtbot, Qt.Key.Key_P, CTRL)  # Take a payment
    dialog = payment_dialog(qtbot)
    assert [(v.encounter_id, v.patient_cents) for v in dialog.grid.visits] == [(old, 14000), (new, 18000)]
    assert (dialog.owes_value.text(), dialog.credit_value.text()) == ("$320.00", "$0.00")
    type_text(qtbot, "150")
    assert [dialog.grid.item(r, 5).text() for r in range(2)] == ["140.00", "10.00"]  # the oldest-first split
    assert "Applied to visits: <b>$150.00</b>" in dialog.summary_label.text()
    tab(qtbot)
    type_text(qtbot, "Ch")  # check
    tab(qtbot)
    assert focused() is dialog.reference_edit and dialog.reference_label.text() == "Check &number"
    type_text(qtbot, "2231")
    press(qtbot, Qt.Key.Key_Return)  # Take payment
    wait(qtbot, lambda: dialog.receipt is not None)
    receipt = dialog.receipt
    assert (receipt.amount_cents, receipt.applied_cents, receipt.credit_cents, receipt.method_text) == (
        15000, 15000, 0, "Check no. 2231")
    assert f"Receipt {receipt.receipt_number}: $150.00" in dialog.done_label.text()
    wait_focus(qtbot, dialog.print_button)
    assert patient_owes(ws, ann, old) == 0 and patient_owes(ws, ann, new) == 17000
    press(qtbot, Qt.Key.Key_Escape)
    wait(qtbot, lambda: not dialog.isVisible())
    wait(qtbot, lambda: "Payment of $150.00 recorded" in _window.statusBar().currentMessage())


def test_chosen_visits_refused_then_corrected(qtbot, clinic, make_window) -> None:
    ws = clinic.ws
    ann = self_pay(clinic)
    old = visit(clinic, ann, (("99213", 12500),), days_ago=40)
    new = visit(clinic, ann, (("99214", 18000), ("36415", 1500)), days_ago=5)
    _window, page = front_desk(qtbot, make_window, ws, ann)
    page.ui.paymentButton.setFocus()
    press(qtbot, Qt.Key.Key_Y, ALT)  # Take payment (its mnemonic)
    dialog = payment_dialog(qtbot)
    type_text(qtbot, "250")
    press(qtbot, Qt.Key.Key_V, ALT)  # Chosen visits (a mnemonic clicks the radio button a moment later)
    wait(qtbot, lambda: dialog.mode() is ApplyTo.VISITS)
    tab(qtbot)
    wait_focus(qtbot, dialog.grid)
    assert dialog.grid.currentRow() == 0 and dialog.grid.currentColumn() == 5
    type_keys(qtbot, "50")  # the old visit: $50.00
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: dialog.grid.currentRow() == 1 and QApplication.focusWidget() is dialog.grid)
    type_keys(qtbot, "200")  # more than the new visit's $195.00
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: QApplication.focusWidget() is dialog.grid)
    assert [dialog.grid.item(r, 5).text() for r in range(2)] == ["50", "200"]
    assert "more than the $250.00 received" not in dialog.summary_label.text()
    press(qtbot, Qt.Key.Key_Return)  # Take payment: refused, naming the visit and its balance
    dos = (ws.today() - timedelta(days=5)).strftime("%m/%d/%Y")
    wait(qtbot, lambda: dialog.error_label.text() ==
         f"$200.00 is more than the patient's balance of the {dos} visit ($195.00).")
    assert dialog.receipt is None and credit_of(ws, ann) == 0
    wait_focus(qtbot, dialog.grid)
    dialog.grid.setCurrentCell(1, 5)
    type_keys(qtbot, "195")
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: QApplication.focusWidget() is dialog.grid)
    assert "Applied to visits: <b>$245.00</b> · held as credit on the account: <b>$5.00</b>" in \
        dialog.summary_label.text()
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: dialog.receipt is not None)
    assert (dialog.receipt.applied_cents, dialog.receipt.credit_cents) == (24500, 500)
    assert patient_owes(ws, ann, old) == 7500 and patient_owes(ws, ann, new) == 0 and credit_of(ws, ann) == 500


def test_prepayment_then_the_ledger_applies_the_credit(qtbot, clinic, make_window) -> None:
    ws = clinic.ws
    ann = self_pay(clinic)
    _window, page = front_desk(qtbot, make_window, ws, ann)
    press(qtbot, Qt.Key.Key_P, CTRL)
    dialog = payment_dialog(qtbot)
    assert "No visit has a balance" in dialog.grid_title.text()
    type_text(qtbot, "60")
    press(qtbot, Qt.Key.Key_H, ALT)  # Hold as credit
    wait(qtbot, lambda: dialog.mode() is ApplyTo.CREDIT)
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: dialog.receipt is not None)
    assert (dialog.receipt.applied_cents, dialog.receipt.credit_cents) == (0, 6000)
    press(qtbot, Qt.Key.Key_Escape)
    wait(qtbot, lambda: not dialog.isVisible())
    visit(clinic, ann, (("36415", 1500),), days_ago=2)
    views = len([e for e in audit.recent_entries(ws, 100) if e.action == "view"])

    wait_focus(qtbot, page.ui.paymentButton)
    press(qtbot, Qt.Key.Key_L, CTRL | SHIFT)  # the account ledger
    led = open_dialog(qtbot, AccountLedgerDialog)
    wait(qtbot, lambda: led.ledger is not None and led.model.rows)
    assert [e.kind for e in led.model.rows] == [TxKind.CHARGE, TxKind.PAYMENT]  # the visit was 2 days ago
    wait_focus(qtbot, led.table)
    assert led.words_label.text() == "You paid $60.00 in cash; it is held as credit on your account."
    press(qtbot, Qt.Key.Key_Up)
    assert led.words_label.text() == (f"Charge of $15.00 for 36415 on the "
                                      f"{(ws.today() - timedelta(days=2)).strftime('%m/%d/%Y')} visit; yours to pay "
                                      "(no insurance was billed).")
    assert led.values["credit"].text() == "$60.00" and led.values["total"].text() == "-$45.00"
    assert led.aging.item(1, 0).text() == "$15.00"  # the patient's current bucket
    assert len([e for e in audit.recent_entries(ws, 100) if e.action == "view"]) == views + 1
    assert not led.buttons["refund"].isVisible() or led.can_correct  # a manager here: refunds shown

    press(qtbot, Qt.Key.Key_A, ALT)  # Apply credit
    apply = open_dialog(qtbot, ApplyCreditDialog)
    wait(qtbot, lambda: apply.balances is not None and apply.amount_edit.text() == "15.00")
    wait_focus(qtbot, apply.amount_edit)
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: apply.result_credit is not None)
    assert (apply.result_credit.applied_cents, apply.result_credit.credit_left_cents) == (1500, 4500)
    press(qtbot, Qt.Key.Key_Escape)
    wait(qtbot, lambda: len(led.model.rows) == 3)
    assert led.model.rows[-1].words.startswith("$15.00 of your credit applied to the ")
    assert led.values["credit"].text() == "$45.00" and led.values["patient"].text() == "$0.00"


def test_a_biller_refunds_and_reverses_from_the_ledger(qtbot, clinic, make_window) -> None:
    ws = clinic.ws
    ann = self_pay(clinic)
    encounter = visit(clinic, ann, (("99213", 12500),), days_ago=10)
    patient_payments.take_payment(ws, ann.id, 15000, "check", "777")
    users.add_user(ws, "betty", "Betty Biller", Role.BILLER, "biller-pass-1")
    users.sign_in(ws, "betty", "biller-pass-1")
    _window, page = front_desk(qtbot, make_window, ws, ann)
    press(qtbot, Qt.Key.Key_L, CTRL | SHIFT)  # the account ledger
    led = open_dialog(qtbot, AccountLedgerDialog)
    wait(qtbot, lambda: led.ledger is not None and len(led.model.rows) == 2)
    wait_focus(qtbot, led.table)

    press(qtbot, Qt.Key.Key_F, ALT)  # Refund credit
    refund = open_dialog(qtbot, RefundDialog)
    wait_focus(qtbot, refund.amount_edit)
    assert refund.amount_edit.text() == "25.00"
    tab(qtbot, 2)  # method: check; to the check number
    type_text(qtbot, "5001")
    tab(qtbot)
    press(qtbot, Qt.Key.Key_Return)  # no reason: refused
    wait(qtbot, lambda: "Say why" in refund.error_label.text())
    wait_focus(qtbot, refund.reason_edit)
    type_text(qtbot, "Overpaid")
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: not refund.isVisible())
    wait(qtbot, lambda: len(led.model.rows) == 3)
    assert led.model.rows[-1].words == "$25.00 of your credit refunded to you by check no. 5001: Overpaid."
    assert credit_of(ws, ann) == 0

    # the check bounces: reverse the payment (its refund must be undone first: the credit is gone)
    wait_focus(qtbot, led.table)
    press(qtbot, Qt.Key.Key_Up)  # the payment
    assert led.selected().source.startswith("Receipt ") and led.buttons["reverse"].isEnabled()
    press(qtbot, Qt.Key.Key_R, ALT)
    ask = open_dialog(qtbot, ReasonDialog)
    wait_focus(qtbot, ask.reason_edit)
    type_text(qtbot, "Check returned by the bank")
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: "only $0.00 of credit is left" in ask.error_label.text())
    assert ask.isVisible() and patient_owes(ws, ann, encounter) == 0
    press(qtbot, Qt.Key.Key_Escape)
    wait(qtbot, lambda: not ask.isVisible())


def test_the_front_desk_cannot_refund_or_reverse_and_the_summary_opens_the_ledger(qtbot, clinic,
                                                                                   make_window) -> None:
    ws = clinic.ws
    ann = self_pay(clinic)
    visit(clinic, ann, (("99213", 12500),), days_ago=10)
    patient_payments.take_payment(ws, ann.id, 15000, "cash")
    users.add_user(ws, "frank", "Frank Desk", Role.FRONT_DESK, "front-desk-pass")
    users.sign_in(ws, "frank", "front-desk-pass")
    _window, page = front_desk(qtbot, make_window, ws, ann)
    press(qtbot, Qt.Key.Key_S, ALT)  # Account summary
    summary = open_dialog(qtbot, AccountSummaryDialog)
    wait(qtbot, lambda: summary.summary is not None)
    assert summary.ledger_button.isVisible()
    press(qtbot, Qt.Key.Key_L, CTRL | SHIFT)
    led = open_dialog(qtbot, AccountLedgerDialog)
    wait(qtbot, lambda: led.ledger is not None and len(led.model.rows) == 2)
    assert not led.buttons["refund"].isVisible() and not led.buttons["reverse"].isVisible()
    assert led.buttons["take"].isEnabled() and not led.buttons["apply"].isEnabled()  # credit, nothing owed
    press(qtbot, Qt.Key.Key_R, ALT)  # nothing happens for the front desk
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, ReasonDialog) and w.isVisible()]
    press(qtbot, Qt.Key.Key_Escape)
    wait(qtbot, lambda: not led.isVisible())
    wait(qtbot, lambda: QApplication.activeWindow() is summary)


def test_the_front_desk_sets_up_a_payment_plan_from_the_account_summary(qtbot, clinic, make_window) -> None:
    from medbill_desktop.gui.payment_plan_dialog import PaymentPlanDialog
    from medbill_desktop.services import payment_plans

    ws = clinic.ws
    ann = self_pay(clinic)
    visit(clinic, ann, (("99214", 18000), ("36415", 1500)), days_ago=40)
    users.add_user(ws, "frank", "Frank Desk", Role.FRONT_DESK, "front-desk-pass")
    users.sign_in(ws, "frank", "front-desk-pass")
    _window, _page = front_desk(qtbot, make_window, ws, ann)
    press(qtbot, Qt.Key.Key_S, ALT)
    summary = open_dialog(qtbot, AccountSummaryDialog)
    wait(qtbot, lambda: summary.summary is not None)
    assert summary.plan_button.isVisible()
    press(qtbot, Qt.Key.Key_P, CTRL | SHIFT)
    plan_dialog = open_dialog(qtbot, PaymentPlanDialog)
    wait(qtbot, lambda: plan_dialog.context is not None)
    wait_focus(qtbot, plan_dialog.installment_edit)
    assert plan_dialog.total_edit.text() == "195.00"
    type_text(qtbot, "50")
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: not plan_dialog.isVisible())
    [plan] = payment_plans.plans_for(ws, ann.account_number)
    assert (plan.total_cents, plan.installment_cents, plan.status) == (19500, 5000, "active")
    wait(qtbot, lambda: QApplication.activeWindow() is summary)
