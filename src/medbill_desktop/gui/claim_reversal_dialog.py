"""Reverse one claim's payment out of a posted batch (services.corrections), from the Payments workspace's
posted batches or from the account ledger's insurance entries.

The dialog first reads the claim's payment (through the op runner) and says what a reversal does; when money has
moved on since (the patient paid what was moved to them, the next payer paid what was sent on), or the payment
was reversed already, it says why it can't be reversed and offers nothing but Close. Otherwise: a reason
(required), Enter, a confirmation (Enter), and the service reverses it.

Keyboard: the reason has the focus; Enter reverses (after the confirmation); Escape closes.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from medbill_desktop.gui.desk_style import apply_desk_style, ask
from medbill_desktop.gui.fields import FieldErrors, error_text
from medbill_desktop.gui.inputs import date_text, money
from medbill_desktop.gui.op_dialog import OpDialog
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.services import corrections
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.corrections import ClaimPayment, ClaimPaymentReversal

OUTCOMES = {"paid": "paid", "partially_paid": "partially paid", "denied": "denied", "reversal": "reversal"}
METHODS = {"check": "check", "eft": "EFT", "none": ""}


def payment_facts(p: ClaimPayment) -> str:
    """What the payment was, as rich text: claim, patient, batch, check, amounts."""
    e = html.escape
    share = f", patient's share {e(money(p.patient_responsibility))}" if p.patient_responsibility else ""
    return (f"<b>Claim {e(p.claim_number)}</b> · {e(p.patient_name)} (account {e(p.account_number)})<br>"
            f"Batch {e(p.batch_number)} · {e(p.payer_name)} {e(p.reference)} of {e(date_text(p.check_date))}<br>"
            f"Outcome: {e(OUTCOMES.get(p.outcome, p.outcome))} · billed {e(money(p.billed))}, paid "
            f"{e(money(p.paid))}{share}")


class ClaimReversalDialog(OpDialog):
    """Reverse the claim payment `load()` reads (a function of the workstation that returns a ClaimPayment)."""

    ok_text = "&Reverse the claim's payment…"
    cancel_text = "Close"
    reversed = Signal(object)  # the ClaimPaymentReversal

    def __init__(self, runner: OpRunner, ws: Workstation, load: Callable[[], ClaimPayment],
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        apply_desk_style(self)
        self.ws = ws
        self.payment: ClaimPayment | None = None
        self.setObjectName("claimReversalDialog")
        self.setWindowTitle("Reverse a claim's payment")
        self.setMinimumWidth(600)
        main = QVBoxLayout(self)
        main.setContentsMargins(20, 16, 20, 16)
        main.setSpacing(8)
        title = QLabel("Reverse a claim's payment", self)
        title.setProperty("role", "title")
        main.addWidget(title)
        self.facts = QLabel("Reading the claim's payment…", self)
        self.facts.setObjectName("claimPaymentFacts")
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.facts.setWordWrap(True)
        main.addWidget(self.facts)
        self.effect = QLabel("", self)
        self.effect.setObjectName("claimReversalEffect")
        self.effect.setWordWrap(True)
        self.effect.setProperty("role", "hint")
        main.addWidget(self.effect)
        self.reason_label = QLabel("&Reason (kept with the reversal):", self)
        main.addWidget(self.reason_label)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("claimReversalReason")
        self.reason_edit.setMaxLength(corrections.MAX_REASON)
        self.reason_edit.setPlaceholderText("for example: keyed against the wrong claim")
        self.reason_edit.setEnabled(False)
        self.reason_label.setBuddy(self.reason_edit)
        main.addWidget(self.reason_edit)
        self.error_label = QLabel("", self)
        self.error_label.setObjectName("claimReversalError")
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        main.addWidget(self.error_label)
        main.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        main.addWidget(buttons)
        self._setup_buttons(buttons)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("claimReversalOk")
        self.ok_button.setEnabled(False)
        self.errors = FieldErrors(self.error_label, {"reason": self.reason_edit})
        runner.run(load, success=self._loaded, failure=self._load_failed, label="Reading the claim's payment…",
                   parent=self)

    # --- reading ----------------------------------------------------------------------------------------------
    def _loaded(self, payment: ClaimPayment) -> None:
        self.payment = payment
        self.facts.setText(payment_facts(payment))
        if payment.problem:
            self.effect.setText("")
            self.errors.show(payment.problem)
            self.reason_label.setVisible(False)
            self.reason_edit.setVisible(False)
            self.adjustSize()
            self._buttons.button(QDialogButtonBox.StandardButton.Cancel).setFocus()
            return
        n = payment.transactions
        self.effect.setText(
            f"Every payment, adjustment and transfer this batch posted for the claim ({n} ledger "
            f"entr{'ies' if n != 1 else 'y'}) is reversed beside the original: nothing is deleted. The claim is "
            "reopened (or, when another check's payment of it stands, takes the status that payment gives it) and "
            "its open denial closed; the other claims of the batch stay as they are. Post the claim's payment "
            "again afterwards if it was keyed wrongly.")
        self.reason_edit.setEnabled(True)
        self.ok_button.setEnabled(True)
        self.adjustSize()  # the facts and what a reversal does, all of them
        self.reason_edit.setFocus()

    def _load_failed(self, exc: Exception) -> None:
        self.facts.setText("")
        self.errors.show(error_text(exc))
        self.reason_label.setVisible(False)
        self.reason_edit.setVisible(False)
        self.adjustSize()

    # --- reversing --------------------------------------------------------------------------------------------
    def submit(self) -> None:
        p = self.payment
        if self.busy or p is None or p.problem:
            return
        reason = " ".join(self.reason_edit.text().split())
        if not reason:
            self.errors.show("Say why the claim's payment is reversed; the reason is kept with the reversal.",
                             "reason")
            return
        self.errors.clear()
        ask(self, "Reverse the claim's payment",
            f"Reverse claim {p.claim_number}'s payment of {money(p.paid)} in batch {p.batch_number}?",
            "Reverse", lambda: self._reverse(p, reason), "This cannot be undone; the reversal is recorded.")

    def _reverse(self, p: ClaimPayment, reason: str) -> None:
        self.set_busy(True)
        self.runner.run(corrections.reverse_claim_adjudication, self.ws, p.claim_adjudication_id, reason,
                        success=self._done, failure=self.errors.show_error, finished=lambda: self.set_busy(False),
                        label="Reversing the claim's payment…", parent=self)

    def _done(self, result: ClaimPaymentReversal) -> None:
        self.reversed.emit(result)
        self.accept()
