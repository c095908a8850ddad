"""Dialogs of the Denials workspace: correct and resubmit, appeal (the argument, a draft letter to look at, then
appeal and print or save), write off (managers), move to the patient.

Each runs its one service call through the op runner (ClaimDialog); a refusal is shown in the dialog next to
the field it names and the dialog stays open. Enter confirms (Ctrl+Enter in the appeal's text box), Escape
cancels.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from medbill_desktop.gui.claim_dialogs import ClaimDialog
from medbill_desktop.gui.inputs import money
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.gui.printing import PdfDocument
from medbill_desktop.services import denials
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.denials import DenialDetail


def _amount_label(parent: QWidget, text: str) -> QLabel:
    label = QLabel(text, parent)
    label.setProperty("role", "total")
    label.setWordWrap(True)
    return label


class ResubmitDialog(ClaimDialog):
    """Correct and resubmit: the claim goes back to Ready as a replacement of the payer's claim."""

    ok_text = "Resubmit as replacement"

    def __init__(self, runner: OpRunner, ws: Workstation, detail: DenialDetail, parent: QWidget | None = None) -> None:
        d = detail.denial
        super().__init__(runner, ws, d.claim_number, "Correct and resubmit",
                         f"Fix what {d.payer_name} asked for first ({d.carc}: "
                         f"{d.reason_description or 'see the remittance'}) — the patient, the coverage or the "
                         "reference data. The claim then goes back to Ready as a replacement (frequency 7) of the "
                         "payer's claim number below, once the scrubber passes; send it with the next batch.", parent)
        self.denial_id = d.id
        self.reference = QLineEdit(d.payer_claim_reference, self)
        self.reference.setObjectName("referenceEdit")
        self.reference.setMaxLength(50)
        self.form.addRow("Payer's claim &number:", self.reference)
        self.note = QLineEdit(self)
        self.note.setObjectName("noteEdit")
        self.note.setPlaceholderText(f"optional, e.g. added the referring provider's NPI ({d.carc})")
        self.form.addRow("What was &corrected:", self.note)
        self.fields_done({"payer_reference": self.reference, "note": self.note})
        (self.note if d.payer_claim_reference else self.reference).setFocus()

    def call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return denials.resubmit, (self.denial_id, self.note.text().strip(), self.reference.text().strip())


class WriteOffDialog(ClaimDialog):
    """Managers: adjust the denied balance off the payer's receivable, with a reason."""

    ok_text = "Write off"

    def __init__(self, runner: OpRunner, ws: Workstation, detail: DenialDetail, parent: QWidget | None = None) -> None:
        d = detail.denial
        owed = sum(x.payer_balance_cents for x in detail.lines if x.denied) or detail.payer_balance_cents
        super().__init__(runner, ws, d.claim_number, "Write off",
                         f"Write off what {d.payer_name} still owes on the denied lines as a {d.carc} adjustment, "
                         "and close the claim. This can only be undone by reversing the ledger entries.", parent)
        self.denial_id = d.id
        self.amount = _amount_label(self, f"To write off: {money(owed)} ({d.carc})")
        self.amount.setObjectName("writeOffAmount")
        self.form.addRow(self.amount)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reasonEdit")
        self.reason.setPlaceholderText("required, e.g. timely filing limit passed; not billable to the patient")
        self.form.addRow("&Reason:", self.reason)
        self.fields_done({"reason": self.reason})
        self.reason.setFocus()

    def call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return denials.write_off, (self.denial_id, self.reason.text().strip())


class MoveToPatientDialog(ClaimDialog):
    ok_text = "Move to patient"

    def __init__(self, runner: OpRunner, ws: Workstation, detail: DenialDetail, parent: QWidget | None = None) -> None:
        d = detail.denial
        super().__init__(runner, ws, d.claim_number, "Move to the patient",
                         f"{d.payer_name} will not pay ({d.carc}). Move what it still owes on this claim to "
                         f"{d.patient_name}'s balance (it shows on the next statement), and close the claim.", parent)
        self.denial_id = d.id
        self.amount = _amount_label(self, f"To move to the patient: {money(detail.payer_balance_cents)}")
        self.amount.setObjectName("moveAmount")
        self.form.addRow(self.amount)
        self.note = QLineEdit(self)
        self.note.setObjectName("noteEdit")
        self.note.setPlaceholderText("optional, e.g. service not covered by the plan; patient signed a waiver")
        self.form.addRow("&Note:", self.note)
        self.fields_done({"note": self.note})
        self.note.setFocus()

    def call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return denials.move_to_patient, (self.denial_id, self.note.text().strip())


class AppealDialog(ClaimDialog):
    """The biller's argument; a draft letter to look at; then appeal and print, or appeal and save the PDF."""

    ok_text = "Appeal and &print…"

    def __init__(self, runner: OpRunner, ws: Workstation, detail: DenialDetail, parent: QWidget | None = None) -> None:
        d = detail.denial
        super().__init__(runner, ws, d.claim_number, "Appeal",
                         f"Say why {d.payer_name} should pay ({d.carc}: {d.reason_description or 'see the remittance'}"
                         "). Your words go into the appeal letter with the claim's facts, lines and codes. Blank "
                         "lines start new paragraphs. Ctrl+Enter appeals and prints.", parent)
        self.denial_id = d.id
        self.choice = "print"  # or "save"
        self.draft: PdfDocument | None = None
        self.argument = QPlainTextEdit(self)
        self.argument.setObjectName("argumentEdit")
        self.argument.setTabChangesFocus(True)
        self.argument.setMinimumHeight(200)
        self.argument.setPlaceholderText(
            "e.g. The visit treated a new problem; the notes enclosed show the history, exam and decision making "
            "that support the level billed.")
        self.form.addRow("&Argument:", self.argument)
        self.fields_done({"argument": self.argument})
        self.save_button = self.buttons.addButton("Appeal and &save PDF…", QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setObjectName("appealSaveButton")
        self.save_button.clicked.connect(lambda: self._confirm_as("save"))
        self.preview_button = QPushButton("Pre&view letter", self)
        self.preview_button.setObjectName("previewLetterButton")
        self.buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.preview_button.clicked.connect(self.preview)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("appealPrintButton")
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(lambda: self._confirm_as("print"))
        self.setMinimumWidth(620)
        self.argument.setFocus()

    def _confirm_as(self, choice: str) -> None:
        self.choice = choice
        self.confirm()

    def call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return denials.appeal, (self.denial_id, self.argument.toPlainText())

    def preview(self) -> None:
        """A draft of the letter with the argument as typed; nothing is changed."""
        assert self.errors is not None
        self.errors.clear()
        self.runner.run(denials.appeal_letter, self.ws, self.denial_id, self.argument.toPlainText(),
                        success=self._preview_ready, failure=self.errors.show_error, label="Making the letter…",
                        parent=self)

    def _preview_ready(self, pdf: bytes) -> None:
        self.draft = PdfDocument(pdf, f"Draft appeal, claim {self.claim_number}",
                                 f"appeal-{self.claim_number}-draft.pdf", self)
        self.draft.print_with_preview(self)
