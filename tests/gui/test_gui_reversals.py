"""Corrections from the keyboard: a biller reverses one claim's payment out of a two-claim batch from the
Payments workspace's posted batches (a reason, a confirmation): that claim's receivables are back with the payer
and the claim is reopened, while the other claim stays paid; a claim whose patient already paid their share is
refused, saying why, with nothing changed; and from the account ledger an insurance payment routes to the same
reversal while a charge can't be reversed (its tooltip says to void the claim)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from gui_helpers import message_boxes, visible_top_levels
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid
from test_gui_front_desk_support import press, tab, type_text, wait, wait_focus

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
from front_desk_support import Desk, make_desk  # noqa: E402
from posting_support import adjudication, claim_status, eob, line_balances, paid_line, submitted_claim  # noqa: E402

from medbill_desktop.domain.ledger import Party, TxKind  # noqa: E402
from medbill_desktop.domain.roles import Role  # noqa: E402
from medbill_desktop.gui.account_ledger_view import AccountLedgerDialog  # noqa: E402
from medbill_desktop.gui.claim_reversal_dialog import ClaimReversalDialog  # noqa: E402
from medbill_desktop.gui.workspaces.payments import PaymentsWorkspace  # noqa: E402
from medbill_desktop.services import account_ledger, patient_payments, posting, users  # noqa: E402
from medbill_desktop.services.context import Workstation  # noqa: E402

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def desk(workstation: Workstation) -> Desk:
    return make_desk(workstation)


def two_claim_batch(desk: Desk):  # type: ignore[no-untyped-def]
    """One Aetna check for two claims: Garcia's (80% of an $80.00 allowed, $16.00 coinsurance moved to the
    patient) and Ito's (paid in full). Then a biller signs in."""
    garcia = submitted_claim(desk, "Garcia")
    ito = submitted_claim(desk, "Ito", first="Ken")
    posting.post_batch(desk.ws, eob(desk.aetna, "CHK5001", adjudication(
        garcia, paid_line(garcia, 1, allowed=8000, paid=6400, coinsurance=1600), paid_line(garcia, 2, paid=1500)),
        adjudication(ito, paid_line(ito, 1, paid=12500), paid_line(ito, 2, paid=1500))))
    users.add_user(desk.ws, "jchen", "James Chen", Role.BILLER, "biller-pass-1")
    users.sign_out(desk.ws)
    users.sign_in(desk.ws, "jchen", "biller-pass-1")
    return garcia, ito


def open_batches(qtbot, make_window, ws: Workstation) -> PaymentsWorkspace:  # type: ignore[no-untyped-def]
    """Payments (Ctrl+<n>), then Alt+B: the posted batches with the newest chosen and its claims listed."""
    window = make_window(ws)
    window.activateWindow()  # (offscreen, on a busy machine, the first activation is sometimes lost)
    wait(qtbot, lambda: window.isActiveWindow() and QApplication.focusWidget() is not None)
    n = [s.key for s in window.specs].index("payments") + 1
    press(qtbot, getattr(Qt.Key, f"Key_{n}"), CTRL)
    page = window.workspaces["payments"]
    assert isinstance(page, PaymentsWorkspace)
    press(qtbot, Qt.Key.Key_B, ALT)
    batches = page.batches
    wait(qtbot, lambda: batches.detail is not None and batches.claims_model.rowCount() == 2)
    wait_focus(qtbot, batches.table)
    return page


def choose_claim(qtbot, page: PaymentsWorkspace, number: str) -> None:  # type: ignore[no-untyped-def]
    """Tab into the batch's claims and Down to the claim."""
    batches = page.batches
    tab(qtbot)
    wait_focus(qtbot, batches.claims_table)
    while batches.selected_claim().claim_number != number:
        press(qtbot, Qt.Key.Key_Down)


def reversal_dialog(qtbot) -> ClaimReversalDialog:  # type: ignore[no-untyped-def]
    wait(qtbot, lambda: visible_top_levels(ClaimReversalDialog))
    dialog = visible_top_levels(ClaimReversalDialog)[-1]
    assert isinstance(dialog, ClaimReversalDialog)
    wait(qtbot, lambda: dialog.payment is not None)
    return dialog


def confirm(qtbot) -> None:  # type: ignore[no-untyped-def]
    wait(qtbot, lambda: any(b.objectName() == "confirmBox" for b in message_boxes()))
    box = next(b for b in message_boxes() if b.objectName() == "confirmBox")
    wait(qtbot, lambda: QApplication.focusWidget() is not None and box.isAncestorOf(QApplication.focusWidget()))
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: not box.isVisible())


def test_a_biller_reverses_one_claims_payment_of_a_two_claim_batch(qtbot, runner, desk, make_window) -> None:
    ws = desk.ws
    garcia, ito = two_claim_batch(desk)
    assert line_balances(ws, garcia, Party.PATIENT) == [1600, 0]
    page = open_batches(qtbot, make_window, ws)
    batches = page.batches
    choose_claim(qtbot, page, garcia.claim_number)
    assert batches.reverse_claim_button.isEnabled()

    press(qtbot, Qt.Key.Key_C, ALT)  # Reverse this claim's payment…
    dialog = reversal_dialog(qtbot)
    wait_focus(qtbot, dialog.reason_edit)
    assert f"Claim {garcia.claim_number}" in dialog.facts.text() and "paid $79.00" in dialog.facts.text()
    assert "3 ledger entries" in dialog.effect.text()
    press(qtbot, Qt.Key.Key_Return)  # no reason: refused in the dialog
    wait(qtbot, lambda: "Say why" in dialog.error_label.text())
    assert dialog.isVisible() and claim_status(ws, garcia.claim_number) == "paid"
    type_text(qtbot, "Keyed against the wrong claim")
    press(qtbot, Qt.Key.Key_Return)
    confirm(qtbot)
    wait(qtbot, lambda: not isValid(dialog) or not dialog.isVisible())  # closed (and deleted)

    # Garcia's charges are Aetna's to pay again and the claim is reopened; Ito's claim stays paid
    assert line_balances(ws, garcia, Party.PRIMARY) == [12500, 1500]
    assert line_balances(ws, garcia, Party.PATIENT) == [0, 0]
    assert claim_status(ws, garcia.claim_number) == "accepted"
    assert claim_status(ws, ito.claim_number) == "paid"
    assert line_balances(ws, ito, Party.PRIMARY) == [0, 0]
    wait(qtbot, lambda: batches.claims_model.rowCount() == 3)  # the reversal row joins the batch
    states = [(c.claim_number, batches.claims_model.data(batches.claims_model.index(i, 6)))
              for i, c in enumerate(batches.claims_model.rows)]
    assert states == [(garcia.claim_number, "Reversed"), (ito.claim_number, "Posted"),
                      (garcia.claim_number, "Reversal")]
    assert f"Claim {garcia.claim_number}'s payment in batch" in batches.message.text()
    assert "reversed; the claim is now accepted." in batches.message.text()
    wait_focus(qtbot, batches.claims_table)
    assert batches.selected_claim().claim_number == garcia.claim_number
    assert not batches.reverse_claim_button.isEnabled()  # reversed already
    assert "reversed already" in batches.reverse_claim_button.toolTip()
    [batch] = posting.list_batches(ws)
    assert batch.status == "posted"  # the batch itself stands


def test_a_claim_whose_patient_paid_their_share_is_refused(qtbot, runner, desk, make_window) -> None:
    ws = desk.ws
    garcia, _ito = two_claim_batch(desk)
    patient_id = account_ledger.account_ledger(ws, garcia.account_number).patient_id
    patient_payments.take_payment(ws, patient_id, 1600, "cash")
    page = open_batches(qtbot, make_window, ws)
    choose_claim(qtbot, page, garcia.claim_number)
    press(qtbot, Qt.Key.Key_C, CTRL | Qt.KeyboardModifier.ShiftModifier)
    dialog = reversal_dialog(qtbot)
    wait(qtbot, lambda: dialog.error_label.isVisible())
    assert "can't be reversed; nothing was changed" in dialog.error_label.text()
    assert "$16.00 of it was moved to the patient" in dialog.error_label.text()
    assert not dialog.ok_button.isEnabled() and not dialog.reason_edit.isVisible()
    press(qtbot, Qt.Key.Key_Return)  # nothing to do but close
    wait(qtbot, lambda: not isValid(dialog) or not dialog.isVisible())  # closed (and deleted)
    assert claim_status(ws, garcia.claim_number) == "paid"
    assert line_balances(ws, garcia, Party.PRIMARY) == [0, 0]
    assert len(posting.batch_detail(ws, posting.list_batches(ws)[0].id).claims) == 2


def test_the_ledger_reverses_an_insurance_payment_but_not_a_charge(qtbot, runner, desk) -> None:
    ws = desk.ws
    garcia, ito = two_claim_batch(desk)
    assert ws.actor is not None
    led = AccountLedgerDialog(runner, ws, ws.actor, garcia.account_number, "Garcia, John")
    qtbot.addWidget(led)
    led.show()
    wait(qtbot, lambda: led.ledger is not None)
    wait_focus(qtbot, led.table)
    reverse = led.buttons["reverse"]
    press(qtbot, Qt.Key.Key_Home, CTRL)  # the first entry: a charge
    assert led.selected().kind is TxKind.CHARGE
    assert not reverse.isEnabled() and "void the claim instead" in reverse.toolTip()
    while led.selected().label != "Insurance payment":
        press(qtbot, Qt.Key.Key_Down)
    assert reverse.isEnabled() and "claim's insurance payment" in reverse.toolTip()

    press(qtbot, Qt.Key.Key_R, ALT)
    dialog = reversal_dialog(qtbot)
    wait_focus(qtbot, dialog.reason_edit)
    assert f"Claim {garcia.claim_number}" in dialog.facts.text()
    type_text(qtbot, "Paid to the wrong patient")
    press(qtbot, Qt.Key.Key_Return)
    confirm(qtbot)
    wait(qtbot, lambda: not isValid(dialog) or not dialog.isVisible())  # closed (and deleted)
    wait(qtbot, lambda: led.ledger is not None and any(e.kind is TxKind.REVERSAL for e in led.ledger.entries))
    wait_focus(qtbot, led.table)
    assert led.ledger.balances == (14000, 0, 0, 0)
    assert led.selected().kind is TxKind.REVERSAL  # the newest entry
    assert not reverse.isEnabled() and "A reversal is not reversed" in reverse.toolTip()
    assert claim_status(ws, garcia.claim_number) == "accepted" and claim_status(ws, ito.claim_number) == "paid"

