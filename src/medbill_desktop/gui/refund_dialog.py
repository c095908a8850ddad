"""Refund credit held on a patient's account (a biller or a manager), and say why an entry is reversed.

Keyboard: the amount has the focus (the credit on the account is filled in); Tab to the method, the check
number or card digits, and the reason; Enter refunds. Escape cancels.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from medbill_desktop.domain.errors import DomainError
from medbill_desktop.gui.desk_style import apply_desk_style
from medbill_desktop.gui.fields import FieldErrors, digits_only
from medbill_desktop.gui.inputs import fill_combo, money, money_text, parse_money, prepare_money_edit
from medbill_desktop.gui.op_dialog import OpDialog
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.services import patient_payments
from medbill_desktop.services.checkin import PaymentMethod
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.patient_payments import MAX_REASON, RefundRecord

REFUND_METHODS = (("Check", PaymentMethod.CHECK), ("Card (back to the card)", PaymentMethod.CARD),
                  ("Cash", PaymentMethod.CASH))


class RefundDialog(OpDialog):
    """Pay back credit on the account: the credit moves to refunds owed, with how and why."""

    ok_text = "&Refund"
    refunded = Signal(object)  # RefundRecord

    def __init__(self, runner: OpRunner, ws: Workstation, patient_id: str, patient_name: str, credit_cents: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        apply_desk_style(self)
        self.ws = ws
        self.patient_id = patient_id
        self.setObjectName("refundDialog")
        self.setWindowTitle("Refund credit")
        self.resize(520, 360)
        main = QVBoxLayout(self)
        main.setContentsMargins(20, 16, 20, 16)
        title = QLabel("Refund credit", self)
        title.setProperty("role", "title")
        main.addWidget(title)
        who = QLabel(f"<b>{patient_name}</b> — credit on the account: <b>{money(credit_cents)}</b>", self)
        who.setProperty("role", "welcome")
        main.addWidget(who)
        hint = QLabel("Only credit on the account can be refunded. The refund is recorded now; write the check "
                      "or credit the card as the practice does.", self)
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        main.addWidget(hint)
        form = QFormLayout()
        self.amount_edit = QLineEdit(self)
        self.amount_edit.setObjectName("amountEdit")
        prepare_money_edit(self.amount_edit)
        self.amount_edit.setText(money_text(credit_cents))
        self.method_combo = QComboBox(self)
        self.method_combo.setObjectName("methodCombo")
        fill_combo(self.method_combo, [(text, m.value) for text, m in REFUND_METHODS])
        self.reference_label = QLabel("Check &number", self)
        self.reference_edit = QLineEdit(self)
        self.reference_edit.setObjectName("referenceEdit")
        self.reference_label.setBuddy(self.reference_edit)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("reasonEdit")
        self.reason_edit.setMaxLength(MAX_REASON)
        self.reason_edit.setPlaceholderText("for example: overpaid; moved away; duplicate payment")
        form.addRow("&Amount", self.amount_edit)
        form.addRow("&Method", self.method_combo)
        form.addRow(self.reference_label, self.reference_edit)
        form.addRow("Rea&son", self.reason_edit)
        main.addLayout(form)
        self.error_label = QLabel("", self)
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        main.addWidget(self.error_label)
        main.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        main.addWidget(buttons)
        self._setup_buttons(buttons)
        self.errors = FieldErrors(self.error_label, {"amount": self.amount_edit, "method": self.method_combo,
                                                     "reference": self.reference_edit, "reason": self.reason_edit})
        self.method_combo.currentIndexChanged.connect(self._method_changed)
        self._method_changed()
        self.amount_edit.setFocus()
        self.amount_edit.selectAll()

    def _method_changed(self, *_: object) -> None:
        method = PaymentMethod(self.method_combo.currentData())
        edit = self.reference_edit
        edit.setValidator(None)  # type: ignore[arg-type]
        edit.setEnabled(method is not PaymentMethod.CASH)
        if method is PaymentMethod.CHECK:
            self.reference_label.setText("Check &number")
            edit.setMaxLength(20)
            edit.setPlaceholderText("the practice's check")
        elif method is PaymentMethod.CARD:
            self.reference_label.setText("Card: last &4 digits")
            edit.setMaxLength(4)
            edit.setPlaceholderText("of the card credited")
            digits_only(edit)
        else:
            self.reference_label.setText("Reference")
            edit.clear()
            edit.setPlaceholderText("nothing needed for cash")

    def submit(self) -> None:
        if self.busy:
            return
        self.errors.clear()
        try:
            cents = parse_money(self.amount_edit.text(), "amount")
            if cents is None:
                raise DomainError("Enter the amount to refund.", "amount")
        except DomainError as exc:
            self.errors.show_error(exc)
            return
        self.set_busy(True)
        self.runner.run(patient_payments.refund_credit, self.ws, self.patient_id, cents,
                        self.method_combo.currentData(), self.reference_edit.text(), self.reason_edit.text(),
                        success=self._done, failure=self.errors.show_error, finished=lambda: self.set_busy(False),
                        label="Recording the refund…", parent=self)

    def _done(self, record: RefundRecord) -> None:
        self.refunded.emit(record)
        self.accept()


class ReasonDialog(OpDialog):
    """Ask why before an op that needs a reason (a reversal); `run(reason)` queues it on the op runner with
    `on_done(result)` and `on_error(exc)`."""

    ok_text = "&Reverse"
    completed = Signal(object)  # what the op returned

    def __init__(self, runner: OpRunner, title: str, question: str, run: Callable[[str], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        apply_desk_style(self)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(title)
        self.resize(520, 220)
        self._run = run
        main = QVBoxLayout(self)
        main.setContentsMargins(20, 16, 20, 16)
        text = QLabel(question, self)
        text.setWordWrap(True)
        main.addWidget(text)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("reasonEdit")
        self.reason_edit.setMaxLength(MAX_REASON)
        self.reason_edit.setPlaceholderText("why (kept with the entry): for example, check returned by the bank")
        main.addWidget(self.reason_edit)
        self.error_label = QLabel("", self)
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        main.addWidget(self.error_label)
        main.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        main.addWidget(buttons)
        self._setup_buttons(buttons)
        self.errors = FieldErrors(self.error_label, {"reason": self.reason_edit})
        self.reason_edit.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        self.errors.clear()
        self.set_busy(True)

        def ok(result: object) -> None:
            self.completed.emit(result)
            self.accept()

        self.runner.run(self._run, self.reason_edit.text(), success=ok, failure=self.errors.show_error,
                        finished=lambda: self.set_busy(False), label="Reversing…", parent=self)
