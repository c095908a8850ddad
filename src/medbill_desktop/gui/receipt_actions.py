"""Print or save a payment receipt from a dialog that has just taken a payment (check-in, Take payment)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from medbill_desktop.gui.fields import FieldErrors
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.gui.printing import PdfDocument
from medbill_desktop.services import checkin
from medbill_desktop.services.checkin import PaymentReceipt
from medbill_desktop.services.context import Workstation


class ReceiptActions:
    """Mixed into a QDialog that sets these attributes and `_set_busy`."""

    runner: OpRunner
    ws: Workstation
    errors: FieldErrors
    receipt: PaymentReceipt | None
    busy: bool
    save_folder: Path | None
    document: PdfDocument | None
    _set_busy: Callable[[bool], None]

    def _with_pdf(self, then: str) -> None:
        if self.receipt is None or self.busy:
            return
        receipt = self.receipt
        parent: Any = self
        self._set_busy(True)

        def got(pdf: bytes) -> None:
            self.document = PdfDocument(pdf, f"Receipt {receipt.receipt_number}",
                                        f"receipt-{receipt.receipt_number}.pdf", parent)
            if then == "print":
                self.document.print_with_preview(parent)
            else:
                self.document.save_as(parent, self.save_folder)

        self.runner.run(checkin.receipt_pdf, self.ws, receipt.payment_id, success=got,
                        failure=self.errors.show_error, finished=lambda: self._set_busy(False),
                        label="Preparing the receipt…", parent=parent)

    def print_receipt(self) -> None:
        self._with_pdf("print")

    def save_receipt(self) -> None:
        self._with_pdf("save")
