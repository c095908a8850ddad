"""Check-in and the copay: today's visit with its warnings, a payment from the patient (cash, check, card),
and its receipt, printed through Qt or saved as a PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.patients import format_date
from medbill_desktop.gui.desk_style import apply_desk_style
from medbill_desktop.gui.fields import FieldErrors, digits_only
from medbill_desktop.gui.forms.ui_check_in import Ui_CheckInDialog
from medbill_desktop.gui.inputs import fill_combo, money, money_text, parse_money, prepare_money_edit
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.gui.printing import PdfDocument
from medbill_desktop.gui.receipt_actions import ReceiptActions
from medbill_desktop.services import checkin
from medbill_desktop.services.checkin import CheckIn, PaymentMethod, PaymentReceipt
from medbill_desktop.services.context import Workstation

METHODS = (("Cash", PaymentMethod.CASH), ("Check", PaymentMethod.CHECK), ("Card", PaymentMethod.CARD))


class CheckInDialog(ReceiptActions, QDialog):
    """After check-in (`visit` given) or for a payment at any time (`visit` None)."""

    paid = Signal(object)  # PaymentReceipt

    def __init__(self, runner: OpRunner, ws: Workstation, patient_id: str, patient_name: str,
                 account_number: str, visit: CheckIn | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_CheckInDialog()
        ui.setupUi(self)
        apply_desk_style(self)
        self.runner = runner
        self.ws = ws
        self.patient_id = patient_id
        self.visit = visit
        self.receipt: PaymentReceipt | None = None
        self.document: PdfDocument | None = None
        self.busy = False
        self.save_folder: Path | None = None  # where "Save PDF" starts (tests point it at a temp folder)
        who = f"<b>{patient_name}</b> — account {account_number}"
        if visit is not None:
            self.setWindowTitle("Check in")
            ui.titleLabel.setText("Checked in")
            ui.patientLabel.setText(f"{who} — visit of {format_date(visit.date_of_service)}")
            ui.visitLabel.setText("Today's visit is open; the biller enters its charges in Charges." if visit.created
                                  else "Today's visit was already open; nothing new was created.")
            ui.warningsFrame.setVisible(bool(visit.warnings))
            ui.warningsLabel.setText("\n".join(f"• {w}" for w in visit.warnings))
            ui.expectedLabel.setText(
                f"Copay on the primary card: {money(visit.copay_cents)}. Collect it now, or leave the amount empty "
                "and close." if visit.copay_cents else "No copay on file for the primary coverage; take a "
                "prepayment if the practice asks for one.")
            if visit.owes_cents:
                ui.expectedLabel.setText(
                    ui.expectedLabel.text() + f"\nFrom earlier visits the patient owes {money(visit.owes_cents)}: "
                    "take it with Take payment (Ctrl+P) on the front desk, which applies it to those visits.")
            if visit.copay_cents:
                ui.amountEdit.setText(money_text(visit.copay_cents))
        else:
            self.setWindowTitle("Take a payment")
            ui.titleLabel.setText("Take a payment")
            ui.patientLabel.setText(who)
            ui.visitLabel.setVisible(False)
            ui.warningsFrame.setVisible(False)
            ui.expectedLabel.setText("A copay or prepayment is held as credit on the account until the visit's "
                                     "charges are known.")
        prepare_money_edit(ui.amountEdit)
        fill_combo(ui.methodCombo, [(text, m.value) for text, m in METHODS])
        ui.methodCombo.currentIndexChanged.connect(self._method_changed)
        self.errors = FieldErrors(ui.errorLabel, {"amount": ui.amountEdit, "method": ui.methodCombo,
                                                 "reference": ui.referenceEdit})
        ui.receiptLabel.setVisible(False)
        ui.takePaymentButton.clicked.connect(self.take_payment)
        ui.printButton.clicked.connect(self.print_receipt)
        ui.savePdfButton.clicked.connect(self.save_receipt)
        ui.closeButton.clicked.connect(self.accept)
        ui.closeButton.setAutoDefault(False)
        self._method_changed()
        self._update_buttons()
        ui.amountEdit.setFocus()
        ui.amountEdit.selectAll()

    def _method_changed(self, *_: object) -> None:
        ui = self.ui
        method = PaymentMethod(ui.methodCombo.currentData())
        ui.referenceEdit.setEnabled(method is not PaymentMethod.CASH and self.receipt is None)
        ui.referenceEdit.setValidator(None)  # type: ignore[arg-type]
        if method is PaymentMethod.CHECK:
            ui.referenceLabel.setText("Check &number")
            ui.referenceEdit.setPlaceholderText("as printed on the check")
            ui.referenceEdit.setMaxLength(20)
        elif method is PaymentMethod.CARD:
            ui.referenceLabel.setText("Card: last &4 digits")
            ui.referenceEdit.setPlaceholderText("from the terminal's slip; never the whole number")
            ui.referenceEdit.setMaxLength(4)
            digits_only(ui.referenceEdit)
        else:
            ui.referenceLabel.setText("Reference")
            ui.referenceEdit.setPlaceholderText("nothing needed for cash")
            ui.referenceEdit.clear()

    def _update_buttons(self) -> None:
        ui = self.ui
        done = self.receipt is not None
        ui.takePaymentButton.setEnabled(not done and not self.busy)
        ui.printButton.setEnabled(done and not self.busy)
        ui.savePdfButton.setEnabled(done and not self.busy)
        for widget in (ui.amountEdit, ui.methodCombo):
            widget.setEnabled(not done)
        ui.takePaymentButton.setDefault(not done)
        ui.printButton.setDefault(done)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._update_buttons()

    # --- the payment -------------------------------------------------------------------------------
    def take_payment(self) -> None:
        if self.busy or self.receipt is not None:
            return
        self.errors.clear()
        ui = self.ui
        try:
            cents = parse_money(ui.amountEdit.text(), "amount")
            if cents is None:
                raise DomainError("Enter the amount received, or Close without a payment.", "amount")
        except DomainError as exc:
            self.errors.show_error(exc)
            return
        self._set_busy(True)
        self.runner.run(checkin.take_patient_payment, self.ws, self.patient_id, cents, ui.methodCombo.currentData(),
                        ui.referenceEdit.text(), self.visit.encounter_id if self.visit else None,
                        success=self._paid, failure=self.errors.show_error, finished=lambda: self._set_busy(False),
                        label="Recording the payment…", parent=self)

    def _paid(self, receipt: PaymentReceipt) -> None:
        self.receipt = receipt
        self.busy = False  # the buttons come back now, so that the focus can go to Print
        ui = self.ui
        ui.receiptLabel.setText(f"✔ Receipt {receipt.receipt_number}: {money(receipt.amount_cents)} "
                                f"({receipt.method_text.lower()}), held as credit on the account. Print the "
                                "receipt for the patient.")
        ui.receiptLabel.setVisible(True)
        ui.referenceEdit.setEnabled(False)
        self._update_buttons()
        ui.printButton.setFocus()
        self.paid.emit(receipt)

