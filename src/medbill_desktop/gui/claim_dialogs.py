"""Dialogs of the Claims workspace: record the payer's acceptance, a rejection, what the payer decided (paid,
partially paid, denied), an appeal, closing; void or replace a claim (with the payer's claim number of the
original); add a note, set the follow-up date; and the claim facts charge entry does not record (items
10a-d, 11b, 16, 17a, 18, 19, 20 and attachments).

Each runs its one service call through the op runner; a refusal is shown in the dialog, next to the field it
names, and the dialog stays open. Enter confirms, Escape cancels.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from medbill_desktop.domain.claim_form import (
    ATTACHMENT_REPORT_TYPES,
    ATTACHMENT_TRANSMISSIONS,
    MAX_ADDITIONAL_INFO,
    OTHER_ID_QUALIFIERS,
    Attachment,
    ClaimExtras,
    DateRange,
    OtherId,
)
from medbill_desktop.domain.claims import Action
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.gui.desk_style import apply_desk_style
from medbill_desktop.gui.fields import FieldErrors, uppercase_letters
from medbill_desktop.gui.inputs import (
    DateEdit,
    money_text,
    parse_money,
    prepare_code_edit,
    prepare_money_edit,
    select_data,
)
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


def _reject_call(ws: Workstation, number: str, action: Action, reason: str, payer_reference: str = "") -> object:
    return claims.transition(ws, number, action, reason=reason, payer_reference=payer_reference)


class AcceptDialog(ClaimDialog):
    """The payer (or the clearinghouse's report) took the claim in for processing."""

    ok_text = "Record acceptance"

    def __init__(self, runner: OpRunner, ws: Workstation, claim_number: str, reference: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, ws, claim_number, "Accepted by the payer",
                         "The payer accepted this claim for processing (its acknowledgement or the "
                         "clearinghouse's report says so). If it gave the claim a number of its own, enter it: "
                         "it is the number to quote on calls, replacements and voids.", parent)
        self.reference = QLineEdit(reference, self)
        self.reference.setObjectName("referenceEdit")
        self.reference.setMaxLength(50)
        self.reference.setPlaceholderText("optional")
        self.form.addRow("Payer's claim &number:", self.reference)
        self.fields_done({"payer_reference": self.reference})

    def call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return _reject_call, (self.claim_number, Action.ACCEPT, "", self.reference.text().strip())


OUTCOMES = (
    (Action.PAY, "Paid in full"),
    (Action.PAY_PARTIALLY, "Partially paid (some lines or amounts denied)"),
    (Action.DENY, "Denied"),
)


class OutcomeDialog(ClaimDialog):
    """What the payer decided, when it is not posted from a remittance (a portal, a phone call)."""

    ok_text = "Record"

    def __init__(self, runner: OpRunner, ws: Workstation, claim_number: str, reference: str = "",
                 parent: QWidget | None = None, allowed: Collection[Action] | None = None) -> None:
        super().__init__(runner, ws, claim_number, "Record the payer's decision",
                         "Record what the payer decided about this claim. This moves the claim only: the money "
                         "is posted from the payer's EOB or 835 in Payments, and posting moves the claim by "
                         "itself.", parent)
        self.outcome = QComboBox(self)
        self.outcome.setObjectName("outcomeCombo")
        for action, text in OUTCOMES:  # only what the claim's state allows (a denied claim can't be denied again)
            if allowed is None or action in allowed:
                self.outcome.addItem(text, action)
        self.form.addRow("&Outcome:", self.outcome)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reasonEdit")
        self.reason.setPlaceholderText("required for a denial, for example: CO-197 precertification absent")
        self.form.addRow("&Reason:", self.reason)
        self.reference = QLineEdit(reference, self)
        self.reference.setObjectName("referenceEdit")
        self.reference.setMaxLength(50)
        self.reference.setPlaceholderText("optional")
        self.form.addRow("Payer's claim &number:", self.reference)
        self.fields_done({"reason": self.reason, "payer_reference": self.reference, "action": self.outcome})

    def call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return _reject_call, (self.claim_number, Action(self.outcome.currentData()), self.reason.text().strip(),
                              self.reference.text().strip())


class AppealDialog(ClaimDialog):
    """Ask the payer to look again at a denied or partly paid claim."""

    ok_text = "Record appeal"

    def __init__(self, runner: OpRunner, ws: Workstation, claim_number: str, parent: QWidget | None = None) -> None:
        super().__init__(runner, ws, claim_number, "Appeal",
                         "Record that the decision is being appealed, and on what grounds. The claim waits in "
                         "'appealed' until the payer decides again.", parent)
        self.reason = _text_box(self, "for example: precertification was obtained on 10/02, reference A12345; "
                                      "letter and records sent")
        self.reason.setObjectName("reasonEdit")
        self.form.addRow("&Grounds:", self.reason)
        self.fields_done({"reason": self.reason})

    def call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return _reject_call, (self.claim_number, Action.APPEAL, self.reason.toPlainText().strip())


class CloseDialog(ClaimDialog):
    """Nothing more will happen with this claim."""

    ok_text = "Close claim"

    def __init__(self, runner: OpRunner, ws: Workstation, claim_number: str, parent: QWidget | None = None) -> None:
        super().__init__(runner, ws, claim_number, "Close",
                         "Close the claim: the payer's part is finished. Whatever the patient still owes stays on "
                         "the patient's account.", parent)
        self.note = QLineEdit(self)
        self.note.setObjectName("noteEdit")
        self.note.setPlaceholderText("optional")
        self.form.addRow("&Note:", self.note)
        self.fields_done({"reason": self.note})

    def call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return _reject_call, (self.claim_number, Action.CLOSE, self.note.text().strip())


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


def _range(start: DateEdit, end: DateEdit, field: str, what: str) -> DateRange | None:
    first = start.value(field, f"first day {what}")
    last = end.value(field, f"last day {what}")
    if first is None and last is None:
        return None
    if first is None:
        raise DomainError(f"Enter the first day {what} as well.", field)
    return DateRange(first, last)


class ClaimExtrasDialog(ClaimDialog):
    """The claim-form facts charge entry does not record, for every claim of the encounter: condition related
    to (10a-c), claim code (10d), other claim ID (11b), unable to work (16), the referring provider's other ID
    (17a), hospitalization (18), additional information (19), outside lab (20) and attachments (PWK)."""

    ok_text = "Save"

    def __init__(self, runner: OpRunner, ws: Workstation, claim_number: str, extras: ClaimExtras,
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, ws, claim_number, "Claim facts",
                         "What the claim form needs beyond the charges, for every claim of this visit (primary "
                         "and secondary). A claim already sent keeps what it was sent with: replace it to send a "
                         "change.", parent)
        self.setObjectName("claimExtrasDialog")
        self.setMinimumWidth(640)
        f = self.form

        self.employment = QCheckBox("&Employment (10a)", self)
        self.employment.setObjectName("employmentCheck")
        self.auto = QCheckBox("&Auto accident (10b)", self)
        self.auto.setObjectName("autoCheck")
        self.state = QLineEdit(self)
        self.state.setObjectName("stateEdit")
        self.state.setPlaceholderText("state")
        self.state.setFixedWidth(60)
        uppercase_letters(self.state)
        self.state.setMaxLength(2)
        self.other_accident = QCheckBox("O&ther accident (10c)", self)
        self.other_accident.setObjectName("otherAccidentCheck")
        related = QHBoxLayout()
        for w in (self.employment, self.auto, self.state, self.other_accident):
            related.addWidget(w)
        related.addStretch(1)
        f.addRow(self._label("Related to:", self.employment), related)

        self.claim_code = QLineEdit(self)
        self.claim_code.setObjectName("claimCodeEdit")
        prepare_code_edit(self.claim_code, r"[A-Za-z0-9]*", 2)
        self.claim_code.setFixedWidth(60)
        self.other_claim = QLineEdit(self)
        self.other_claim.setObjectName("otherClaimEdit")
        self.other_claim.setMaxLength(27)
        self.other_claim.setPlaceholderText("auto or liability insurer's claim number")
        codes = QHBoxLayout()
        codes.addWidget(self.claim_code)
        other_label = QLabel("Other claim ID (11&b):", self)
        other_label.setBuddy(self.other_claim)
        codes.addWidget(other_label)
        codes.addWidget(self.other_claim, 1)
        codes_label = QLabel("Claim &code (10d):", self)
        codes_label.setBuddy(self.claim_code)
        f.addRow(codes_label, codes)

        self.unable_from, self.unable_to = DateEdit(self), DateEdit(self)
        self.unable_from.setObjectName("unableFromEdit")
        self.unable_to.setObjectName("unableToEdit")
        f.addRow(self._label("&Unable to work (16):", self.unable_from), self._span(self.unable_from, self.unable_to))
        self.hospital_from, self.hospital_to = DateEdit(self), DateEdit(self)
        self.hospital_from.setObjectName("hospitalFromEdit")
        self.hospital_to.setObjectName("hospitalToEdit")
        f.addRow(self._label("&Hospitalized (18):", self.hospital_from),
                 self._span(self.hospital_from, self.hospital_to))

        self.ref_qualifier = QComboBox(self)
        self.ref_qualifier.setObjectName("referringQualifierCombo")
        self.ref_qualifier.addItem("none", "")
        for q in OTHER_ID_QUALIFIERS:
            self.ref_qualifier.addItem(q, q)
        self.ref_id = QLineEdit(self)
        self.ref_id.setObjectName("referringIdEdit")
        self.ref_id.setMaxLength(17)
        ref = QHBoxLayout()
        ref.addWidget(self.ref_qualifier)
        ref.addWidget(self.ref_id, 1)
        f.addRow(self._label("Referring &other ID (17a):", self.ref_qualifier), ref)

        self.info = QLineEdit(self)
        self.info.setObjectName("additionalInfoEdit")
        self.info.setMaxLength(MAX_ADDITIONAL_INFO)
        self.info.setPlaceholderText("what the payer asks for in item 19")
        f.addRow("Additional &information (19):", self.info)

        self.lab = QCheckBox("Yes, charges:", self)
        self.lab.setObjectName("outsideLabCheck")
        self.lab_charges = QLineEdit(self)
        self.lab_charges.setObjectName("labChargesEdit")
        prepare_money_edit(self.lab_charges)
        self.lab_charges.setFixedWidth(110)
        lab = QHBoxLayout()
        lab.addWidget(self.lab)
        lab.addWidget(self.lab_charges)
        lab.addStretch(1)
        f.addRow(self._label("Outside &lab (20):", self.lab), lab)

        # attachments
        self.attachments = QListWidget(self)
        self.attachments.setObjectName("attachmentsList")
        self.attachments.setMaximumHeight(66)
        self.report_type = QComboBox(self)
        self.report_type.setObjectName("reportTypeCombo")
        for code, words in ATTACHMENT_REPORT_TYPES.items():
            self.report_type.addItem(f"{code} {words}", code)
        self.report_type.setMinimumContentsLength(26)
        self.report_type.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.transmission = QComboBox(self)
        self.transmission.setObjectName("transmissionCombo")
        for code, words in ATTACHMENT_TRANSMISSIONS.items():
            self.transmission.addItem(f"{code} {words}", code)
        select_data(self.transmission, "FX")
        self.control = QLineEdit(self)
        self.control.setObjectName("controlNumberEdit")
        self.control.setPlaceholderText("control number")
        self.control.setMaxLength(50)
        self.add_button = QPushButton("A&dd", self)
        self.add_button.setObjectName("addAttachmentButton")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_attachment)
        self.control.installEventFilter(self)  # Enter in the control number adds the attachment
        self.remove_button = QPushButton("Re&move", self)
        self.remove_button.setObjectName("removeAttachmentButton")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_attachment)
        self.control.setMinimumWidth(130)
        adder = QHBoxLayout()
        for w, stretch in ((self.report_type, 3), (self.transmission, 2), (self.control, 2), (self.add_button, 0)):
            adder.addWidget(w, stretch)
        listed = QHBoxLayout()
        listed.addWidget(self.attachments, 1)
        listed.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        box = QVBoxLayout()
        box.addLayout(listed)
        box.addLayout(adder)
        attach_label = QLabel("Attach&ments (PWK):", self)
        attach_label.setBuddy(self.report_type)
        f.addRow(attach_label, box)

        self.fields_done({
            "auto_accident_state": self.state, "claim_codes": self.claim_code, "other_claim_id": self.other_claim,
            "unable_to_work": self.unable_from, "hospitalization": self.hospital_from,
            "qualifier": self.ref_qualifier, "referring_other_id": self.ref_id, "additional_info": self.info,
            "outside_lab_charges_cents": self.lab_charges, "attachments": self.report_type,
            "control_number": self.control,
        })
        self.auto.toggled.connect(self._enable)
        self.lab.toggled.connect(self._enable)
        self.set_extras(extras)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (watched is self.control and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.add_attachment()
            return True
        return super().eventFilter(watched, event)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _span(self, start: DateEdit, end: DateEdit) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(start)
        row.addWidget(QLabel("to", self))
        row.addWidget(end)
        row.addStretch(1)
        return row

    def _enable(self) -> None:
        self.state.setEnabled(self.auto.isChecked())
        self.lab_charges.setEnabled(self.lab.isChecked())

    def set_extras(self, e: ClaimExtras) -> None:
        self.employment.setChecked(e.employment_related)
        self.auto.setChecked(e.auto_accident)
        self.state.setText(e.auto_accident_state)
        self.other_accident.setChecked(e.other_accident)
        self.claim_code.setText(e.claim_codes)
        self.other_claim.setText(e.other_claim_id)
        self.unable_from.set_value(e.unable_to_work.start if e.unable_to_work else None)
        self.unable_to.set_value(e.unable_to_work.end if e.unable_to_work else None)
        self.hospital_from.set_value(e.hospitalization.start if e.hospitalization else None)
        self.hospital_to.set_value(e.hospitalization.end if e.hospitalization else None)
        select_data(self.ref_qualifier, e.referring_other_id.qualifier if e.referring_other_id else "")
        self.ref_id.setText(e.referring_other_id.value if e.referring_other_id else "")
        self.info.setText(e.additional_info)
        self.lab.setChecked(e.outside_lab)
        self.lab_charges.setText(money_text(e.outside_lab_charges_cents))
        self.attachments.clear()
        for a in e.attachments:
            self._list(a)
        self._enable()

    def _list(self, a: Attachment) -> None:
        words = ATTACHMENT_REPORT_TYPES.get(a.report_type, "")
        how = ATTACHMENT_TRANSMISSIONS.get(a.transmission, "")
        number = f", control number {a.control_number}" if a.control_number else ""
        item = QListWidgetItem(f"{a.report_type} {words} — {how}{number}", self.attachments)
        item.setData(Qt.ItemDataRole.UserRole, a)

    def add_attachment(self) -> None:
        assert self.errors is not None
        a = Attachment(str(self.report_type.currentData()), str(self.transmission.currentData()),
                       self.control.text().strip().upper())
        if a.transmission != "AA" and not a.control_number:
            self.errors.show("Enter the control number written on the paperwork, so the payer can match it to the "
                             "claim.", "control_number")
            return
        self.errors.clear()
        self._list(a)
        self.control.clear()
        self.report_type.setFocus()

    def remove_attachment(self) -> None:
        row = self.attachments.currentRow()
        if row >= 0:
            self.attachments.takeItem(row)

    def extras(self) -> ClaimExtras:
        """The typed facts; DomainError naming the field when one can't be read."""
        qualifier = str(self.ref_qualifier.currentData() or "")
        ref_id = self.ref_id.text().strip()
        if ref_id and not qualifier:
            raise DomainError("Choose the qualifier of the referring provider's other ID (17a).", "qualifier")
        charges = parse_money(self.lab_charges.text(), "outside_lab_charges_cents") if self.lab.isChecked() else None
        return ClaimExtras(
            employment_related=self.employment.isChecked(), auto_accident=self.auto.isChecked(),
            auto_accident_state=self.state.text().strip(), other_accident=self.other_accident.isChecked(),
            claim_codes=self.claim_code.text().strip(), other_claim_id=self.other_claim.text().strip(),
            unable_to_work=_range(self.unable_from, self.unable_to, "unable_to_work", "unable to work"),
            hospitalization=_range(self.hospital_from, self.hospital_to, "hospitalization", "in hospital"),
            additional_info=self.info.text().strip(), outside_lab=self.lab.isChecked(),
            outside_lab_charges_cents=charges,
            referring_other_id=OtherId(qualifier, ref_id) if ref_id else None,
            attachments=tuple(self.attachments.item(i).data(Qt.ItemDataRole.UserRole)
                              for i in range(self.attachments.count())))

    def call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return claims.save_claim_extras, (self.claim_number, self.extras())
