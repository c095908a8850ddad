"""A patient's insurance: add or edit a coverage (payer, member and group IDs, subscriber and relationship,
effective dates, copay) and record an eligibility check made by phone or on the payer's portal."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from medbill_desktop.domain.coverage import (
    INSURANCE_RANKS,
    Coverage,
    EligibilityCheck,
    EligibilityMethod,
    Relationship,
    Subscriber,
)
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.ledger import Party
from medbill_desktop.domain.patients import Patient, Sex
from medbill_desktop.domain.reference import Payer
from medbill_desktop.gui.desk_style import apply_desk_style, shortcut
from medbill_desktop.gui.fields import FieldErrors
from medbill_desktop.gui.forms.ui_coverage import Ui_CoverageDialog
from medbill_desktop.gui.forms.ui_eligibility import Ui_EligibilityDialog
from medbill_desktop.gui.inputs import (
    date_text,
    fill_combo,
    money_text,
    parse_date,
    parse_money,
    prepare_date_edit,
    prepare_money_edit,
    required_date,
    select_data,
)
from medbill_desktop.gui.op_dialog import OpDialog
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.gui.patient_form import SEXES
from medbill_desktop.services import coverage as coverage_service
from medbill_desktop.services.context import Workstation

RANK_LABELS = {Party.PRIMARY: "Primary", Party.SECONDARY: "Secondary", Party.TERTIARY: "Tertiary"}
RELATIONSHIP_LABELS = {Relationship.SELF: "Self (the patient is the insured)", Relationship.SPOUSE: "Spouse",
                       Relationship.CHILD: "Child", Relationship.OTHER: "Other"}
METHOD_LABELS = {EligibilityMethod.PHONE: "Phone call", EligibilityMethod.PORTAL: "Payer's web portal",
                 EligibilityMethod.ELECTRONIC: "Electronic inquiry (270/271)"}
_INDEXED = re.compile(r"^coverages\[(\d+)\]\.?(.*)$")


def next_rank(existing: list[Coverage], today: date) -> Party:
    """The first rank no coverage in effect today holds (primary for a patient without insurance)."""
    held = {c.rank for c in existing if c.active_on(today)}
    return next((rank for rank in INSURANCE_RANKS if rank not in held), Party.TERTIARY)


class CoverageDialog(OpDialog):
    """Add a coverage (index None) or edit coverages[index]; saves the patient's whole list, as the service
    checks the ranks together."""

    saved = Signal(object)  # list[Coverage] as stored, primary first

    def __init__(self, runner: OpRunner, ws: Workstation, patient: Patient, coverages: list[Coverage],
                 payers: list[Payer], index: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.ui = ui = Ui_CoverageDialog()
        ui.setupUi(self)
        apply_desk_style(self)
        self.ok_text = "&Save coverage"
        self._setup_buttons(ui.buttons)
        self.ws = ws
        self.patient = patient
        self.coverages = list(coverages)
        self.index = index
        editing = coverages[index] if index is not None else None
        self.editing = editing
        self.setWindowTitle("Edit coverage" if editing else "Add coverage")
        ui.titleLabel.setText("Edit coverage" if editing else "Add coverage")
        ui.hintLabel.setText(f"{patient.display_name} — account {patient.account_number}. Copy the IDs exactly as "
                             "printed on the insurance card.")
        fill_combo(ui.rankCombo, [(RANK_LABELS[r], r.value) for r in INSURANCE_RANKS])
        active_payers = sorted(payers, key=lambda p: p.name.lower())
        fill_combo(ui.payerCombo, [(p.name, p.id) for p in active_payers], none_text="Choose the payer…")
        fill_combo(ui.relationCombo, [(text, rel.value) for rel, text in RELATIONSHIP_LABELS.items()])
        fill_combo(ui.subSexCombo, [(text, sex.value) for text, sex in SEXES])
        for edit in (ui.fromEdit, ui.toEdit, ui.subDobEdit):
            prepare_date_edit(edit)
        prepare_money_edit(ui.copayEdit)
        ui.memberIdEdit.textEdited.connect(lambda t: ui.memberIdEdit.setText(t.upper()) if t != t.upper() else None)
        ui.groupEdit.textEdited.connect(lambda t: ui.groupEdit.setText(t.upper()) if t != t.upper() else None)
        ui.relationCombo.currentIndexChanged.connect(self._relationship_changed)
        self.fields: dict[str, QWidget] = {
            "payer_id": ui.payerCombo, "rank": ui.rankCombo, "member_id": ui.memberIdEdit,
            "group_number": ui.groupEdit, "plan_name": ui.planEdit, "copay_cents": ui.copayEdit,
            "effective_from": ui.fromEdit, "effective_to": ui.toEdit, "relationship": ui.relationCombo,
            "subscriber": ui.subLastEdit, "subscriber.last_name": ui.subLastEdit,
            "subscriber.first_name": ui.subFirstEdit, "subscriber.middle_name": ui.subMiddleEdit,
            "subscriber.date_of_birth": ui.subDobEdit, "subscriber.sex": ui.subSexCombo,
            "benefits_assigned": ui.benefitsCheck,
        }
        self.errors = FieldErrors(ui.errorLabel, self.fields)
        shortcut(self, "Ctrl+S", self.submit)
        if not payers:
            self.errors.show("There are no payers yet: a manager adds them in Reference data > Payers.")
        if editing is not None:
            self.fill(editing)
        else:
            select_data(ui.rankCombo, next_rank(self.coverages, ws.today()).value)
            ui.benefitsCheck.setChecked(True)
        self._relationship_changed()
        (ui.memberIdEdit if editing else ui.rankCombo).setFocus()

    def fill(self, c: Coverage) -> None:
        ui = self.ui
        select_data(ui.rankCombo, c.rank.value)
        select_data(ui.payerCombo, c.payer_id)
        ui.memberIdEdit.setText(c.member_id)
        ui.groupEdit.setText(c.group_number)
        ui.planEdit.setText(c.plan_name)
        ui.copayEdit.setText(money_text(c.copay_cents) if c.copay_cents else "")
        ui.fromEdit.setText(date_text(c.effective_from))
        ui.toEdit.setText(date_text(c.effective_to))
        ui.benefitsCheck.setChecked(c.benefits_assigned)
        select_data(ui.relationCombo, c.relationship.value)
        s = c.subscriber
        if s is not None:
            ui.subLastEdit.setText(s.last_name)
            ui.subFirstEdit.setText(s.first_name)
            ui.subMiddleEdit.setText(s.middle_name)
            ui.subDobEdit.setText(date_text(s.date_of_birth))
            select_data(ui.subSexCombo, s.sex.value)

    def _relationship_changed(self, *_: object) -> None:
        self.ui.subscriberFrame.setEnabled(self.ui.relationCombo.currentData() != Relationship.SELF.value)

    def read_coverage(self) -> Coverage:
        ui = self.ui
        relationship = Relationship(ui.relationCombo.currentData())
        subscriber = None
        if relationship is not Relationship.SELF:
            subscriber = Subscriber(
                last_name=ui.subLastEdit.text(), first_name=ui.subFirstEdit.text(),
                date_of_birth=parse_date(ui.subDobEdit.text(), "subscriber.date_of_birth",
                                         "subscriber's date of birth"),
                sex=Sex(ui.subSexCombo.currentData()), middle_name=ui.subMiddleEdit.text())
        values = dict(
            payer_id=ui.payerCombo.currentData() or "", rank=Party(ui.rankCombo.currentData()),
            member_id=ui.memberIdEdit.text(), group_number=ui.groupEdit.text(), relationship=relationship,
            subscriber=subscriber,
            effective_from=parse_date(ui.fromEdit.text(), "effective_from", "date the coverage starts"),
            effective_to=parse_date(ui.toEdit.text(), "effective_to", "date the coverage ends"),
            copay_cents=parse_money(ui.copayEdit.text(), "copay_cents") or 0, plan_name=ui.planEdit.text(),
            benefits_assigned=ui.benefitsCheck.isChecked(),
        )
        if self.editing is not None:
            return replace(self.editing, **values)  # type: ignore[arg-type]
        return Coverage(patient_id=self.patient.id, **values)  # type: ignore[arg-type]

    def submit(self) -> None:
        if self.busy:
            return
        self.errors.clear()
        try:
            changed = self.read_coverage()
        except DomainError as exc:
            self.errors.show_error(exc)
            return
        wanted = list(self.coverages)
        if self.index is None:
            wanted.append(changed)
            position = len(wanted) - 1
        else:
            wanted[self.index] = changed
            position = self.index
        self.set_busy(True)
        self.runner.run(coverage_service.set_coverages, self.ws, self.patient.id, wanted,
                        success=self._saved, failure=lambda exc: self._refused(exc, position),
                        finished=lambda: self.set_busy(False), label="Saving the coverage…", parent=self)

    def _saved(self, stored: list[Coverage]) -> None:
        self.accept()
        self.saved.emit(stored)

    def _refused(self, exc: Exception, position: int) -> None:
        message = getattr(exc, "message", "") or str(exc)
        path = getattr(exc, "field", None) or ""
        m = _INDEXED.match(path)
        # the service names coverages[i].field; another coverage's rank conflict shows on this one's rank
        field = (m[2] if int(m[1]) == position else "rank") if m else path
        self.errors.show(message, field or None)


class EligibilityDialog(OpDialog):
    """Record what the payer said when eligibility was checked."""

    saved = Signal(object)  # EligibilityCheck

    def __init__(self, runner: OpRunner, ws: Workstation, coverage: Coverage, payer_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.ui = ui = Ui_EligibilityDialog()
        ui.setupUi(self)
        apply_desk_style(self)
        self.ok_text = "Sa&ve check"
        self._setup_buttons(ui.buttons)
        self.ws = ws
        self.coverage = coverage
        ui.coverageLabel.setText(f"{RANK_LABELS.get(coverage.rank, coverage.rank.value)}: {payer_name}, member ID "
                                 f"{coverage.member_id}" + (f", group {coverage.group_number}"
                                                             if coverage.group_number else ""))
        prepare_date_edit(ui.checkedOnEdit)
        ui.checkedOnEdit.setText(date_text(ws.today()))
        fill_combo(ui.methodCombo, [(text, m.value) for m, text in METHOD_LABELS.items()])
        for edit in (ui.copayEdit, ui.deductibleEdit, ui.oopEdit):
            prepare_money_edit(edit, "")
        self.errors = FieldErrors(ui.errorLabel, {
            "checked_on": ui.checkedOnEdit, "method": ui.methodCombo, "active": ui.activeCheck,
            "copay_cents": ui.copayEdit, "deductible_remaining_cents": ui.deductibleEdit,
            "out_of_pocket_remaining_cents": ui.oopEdit, "reference_number": ui.referenceEdit, "note": ui.noteEdit,
        })
        shortcut(self, "Ctrl+S", self.submit)
        ui.methodCombo.setFocus()

    def read_check(self) -> EligibilityCheck:
        ui = self.ui
        return EligibilityCheck(
            coverage_id=self.coverage.id,
            checked_on=required_date(ui.checkedOnEdit.text(), "checked_on", "date of the check"),
            checked_by="",  # the service records the signed-in user's name
            method=EligibilityMethod(ui.methodCombo.currentData()),
            active=ui.activeCheck.isChecked(),
            copay_cents=parse_money(ui.copayEdit.text(), "copay_cents"),
            deductible_remaining_cents=parse_money(ui.deductibleEdit.text(), "deductible_remaining_cents"),
            out_of_pocket_remaining_cents=parse_money(ui.oopEdit.text(), "out_of_pocket_remaining_cents"),
            reference_number=ui.referenceEdit.text(),
            note=ui.noteEdit.toPlainText(),
        )

    def submit(self) -> None:
        if self.busy:
            return
        self.errors.clear()
        try:
            check = self.read_check()
        except DomainError as exc:
            self.errors.show_error(exc)
            return
        self.set_busy(True)
        self.runner.run(coverage_service.record_eligibility_check, self.ws, check, success=self._saved,
                        failure=self.errors.show_error, finished=lambda: self.set_busy(False),
                        label="Recording the eligibility check…", parent=self)

    def _saved(self, check: EligibilityCheck) -> None:
        self.accept()
        self.saved.emit(check)
