"""Small dialogs of the Claims workspace: record a rejection, void or replace a claim (with the payer's claim
number of the original), add a note, set the follow-up date.

Each runs its one service call through the op runner; a refusal is shown in the dialog, next to the field it
names, and the dialog stays open. Enter confirms, Escape cancels.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from medbill_desktop.domain.claims import Action
from medbill_desktop.gui.desk_style import apply_desk_style
from medbill_desktop.gui.fields import FieldErrors
from medbill_desktop.gui.inputs import DateEdit
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.services import claims
from medbill_desktop.services.context import Workstation


class ClaimDialog(QDialog):
    """A form of a few fields; OK runs `call()` on the database worker."""

    done_with = Signal(object)  # the service's result, after success
    ok_text = "Save"

    def __init__(self, runner: OpRunner, ws: Workstation, claim_number: str, title: str, intro: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.ws = ws
        self.claim_number = claim_number
        self.setWindowTitle(f"{title} — claim {claim_number}")
        self.setObjectName("claimDialog")
        apply_desk_style(self)
        layout = QVBoxLayout(self)
        self.intro = QLabel(intro, self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setProperty("role", "warning")
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.ok_text)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.errors: FieldErrors | None = None
        self.setMinimumWidth(460)

    def fields_done(self, fields: dict[str, QWidget]) -> None:
        self.errors = FieldErrors(self.error_label, fields)

    def call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        raise NotImplementedError

    def confirm(self) -> None:
        assert self.errors is not None
        self.errors.clear()
        try:
            fn, args = self.call()
        except Exception as exc:  # a typed value that can't be read (a DomainError from the inputs)
            self.errors.show_error(exc)
            return
        self.buttons.setEnabled(False)
        self.runner.run(fn, self.ws, *args, success=self._saved, failure=self._refused,
                        finished=lambda: self.buttons.setEnabled(True), label="Saving…", parent=self)

    def _saved(self, result: object) -> None:
        self.done_with.emit(result)
        self.accept()

    def _refused(self, exc: Exception) -> None:
        assert self.errors is not None
        self.errors.show_error(exc)


def _text_box(parent: QWidget, placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(80)
    return box


class RejectDialog(ClaimDialog):
    """The payer or clearinghouse turned the claim away at the front door: say why."""

    ok_text = "Record rejection"

    def __init__(self, runner: OpRunner, ws: Workstation, claim_number: str, parent: QWidget | None = None) -> None:
        super().__init__(runner, ws, claim_number, "Record a rejection",
                         "The payer or clearinghouse rejected this claim. Say why, as the rejection notice puts "
                         "it; fix the claim, then mark it ready again.", parent)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reasonEdit")
        self.reason.setPlaceholderText("for example: subscriber ID not found")
        self.form.addRow("&Reason:", self.reason)
        self.fields_done({"reason": self.reason})

    def call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return _reject_call, (self.claim_number, Action.REJECT, self.reason.text().strip())


def _reject_call(ws: Workstation, number: str, action: Action, reason: str) -> object:
    return claims.transition(ws, number, action, reason=reason)


class CorrectDialog(ClaimDialog):
    """Void (frequency 8) or replace (frequency 7) a claim the payer already has."""

    def __init__(self, runner: OpRunner, ws: Workstation, claim_number: str, void: bool, reference: str = "",
                 parent: QWidget | None = None) -> None:
        self.void = void
        self.ok_text = "Void claim" if void else "Replace claim"
        what = ("Send a void of this claim: the payer cancels the original claim it has. "
                if void else "Send this claim again as a corrected claim that replaces the one the payer has. ")
        super().__init__(runner, ws, claim_number, "Void" if void else "Replace", what +
                         "Enter the payer's claim number of the original claim (on its remittance or "
                         "acknowledgement); it goes in item 22. The claim returns to Ready to be sent again.",
                         parent)
        self.reference = QLineEdit(reference, self)
        self.reference.setObjectName("referenceEdit")
        self.reference.setMaxLength(50)
        self.form.addRow("Payer's claim &number:", self.reference)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reasonEdit")
        self.reason.setPlaceholderText("required" if void else "optional")
        self.form.addRow("&Reason:", self.reason)
        self.fields_done({"payer_reference": self.reference, "reason": self.reason})

    def call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        reference, reason = self.reference.text().strip(), self.reason.text().strip()
        if self.void:
            return claims.void_claim, (self.claim_number, reference, reason)
        return claims.replace_claim, (self.claim_number, reference, reason)


class NoteDialog(ClaimDialog):
    ok_text = "Add note"

    def __init__(self, runner: OpRunner, ws: Workstation, claim_number: str, parent: QWidget | None = None) -> None:
        super().__init__(runner, ws, claim_number, "Add a note",
                         "What happened with this claim (a call to the payer, a promise, a reference number).",
                         parent)
        self.text = _text_box(self, "for example: called Aetna, claim in process, ref 12345")
        self.text.setObjectName("noteEdit")
        self.form.addRow("&Note:", self.text)
        self.fields_done({"text": self.text})

    def call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return claims.add_note, (self.claim_number, self.text.toPlainText())


class FollowUpDialog(ClaimDialog):
    ok_text = "Set follow-up"

    def __init__(self, runner: OpRunner, ws: Workstation, claim_number: str, current: date | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, ws, claim_number, "Follow up",
                         "The day to look at this claim again. Leave it empty to clear the follow-up.", parent)
        self.on = DateEdit(self)
        self.on.setObjectName("followUpEdit")
        self.on.set_value(current)
        self.form.addRow("&Follow up on:", self.on)
        self.fields_done({"on": self.on})

    def call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return claims.set_follow_up, (self.claim_number, self.on.value("on", "follow-up date"))
