"""Register or edit a patient: demographics, address and phones, the guarantor, and the duplicate warning
shown before a new patient is saved (open the existing record, or register anyway)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QLineEdit, QWidget

from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.patients import (
    DuplicateCandidate,
    Guarantor,
    GuarantorRelationship,
    Patient,
    Sex,
    format_date,
    validate_patient,
)
from medbill_desktop.domain.practice import Address, format_phone
from medbill_desktop.gui.desk_models import Column, RowsModel, prepare_table
from medbill_desktop.gui.desk_style import apply_desk_style, shortcut
from medbill_desktop.gui.fields import FieldErrors, digits_only, uppercase_letters
from medbill_desktop.gui.forms.ui_duplicates import Ui_DuplicatesDialog
from medbill_desktop.gui.forms.ui_patient_form import Ui_PatientDialog
from medbill_desktop.gui.inputs import date_text, fill_combo, parse_date, prepare_date_edit, select_data
from medbill_desktop.gui.op_dialog import OpDialog
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.services import patients
from medbill_desktop.services.context import Workstation

SEXES = (("Not recorded", Sex.UNKNOWN), ("Female", Sex.FEMALE), ("Male", Sex.MALE))
RELATIONSHIPS = (("Parent", GuarantorRelationship.PARENT), ("Spouse", GuarantorRelationship.SPOUSE),
                 ("Guardian", GuarantorRelationship.GUARDIAN), ("Other", GuarantorRelationship.OTHER))


def check_registration(ws: Workstation, patient: Patient) -> list[DuplicateCandidate]:
    """On the worker: refuse what can't be saved first, then look for patients who may be the same person."""
    validate_patient(patient, ws.today())
    return patients.find_duplicates(ws, patient)


def address_or_none(line1: str, line2: str, city: str, state: str, zip_code: str) -> Address | None:
    """An address when anything of it was typed (the domain then says what is missing)."""
    if not any(part.strip() for part in (line1, line2, city, state, zip_code)):
        return None
    return Address(line1=line1, city=city, state=state, zip_code=zip_code, line2=line2)


def prepare_address_edits(state: QLineEdit, zip_edit: QLineEdit, *phones: QLineEdit) -> None:
    uppercase_letters(state)
    digits_only(zip_edit, "-")
    for phone in phones:
        digits_only(phone, "()-. +")


def format_zip(value: str) -> str:
    return f"{value[:5]}-{value[5:]}" if len(value) == 9 and value.isdigit() else value


class PatientDialog(OpDialog):
    """A new patient (patient=None) or changes to a registered one."""

    saved = Signal(object)  # Patient, as stored
    open_existing = Signal(str)  # the id of a registered patient the user chose instead of registering

    def __init__(self, runner: OpRunner, ws: Workstation, patient: Patient | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.ui = ui = Ui_PatientDialog()
        ui.setupUi(self)
        apply_desk_style(self)
        self.ws = ws
        self.patient = patient
        self.ok_text = "&Register patient" if patient is None else "&Save changes"
        self._setup_buttons(ui.buttons)
        self.setWindowTitle("Register a patient" if patient is None else "Edit patient")
        ui.titleLabel.setText("Register a patient" if patient is None
                              else f"{patient.display_name} — account {patient.account_number}")
        fill_combo(ui.sexCombo, [(text, sex.value) for text, sex in SEXES])
        fill_combo(ui.gRelationCombo, [(text, rel.value) for text, rel in RELATIONSHIPS])
        for edit in (ui.dobEdit, ui.releaseEdit, ui.gDobEdit):
            prepare_date_edit(edit)
        prepare_address_edits(ui.stateEdit, ui.zipEdit, ui.homePhoneEdit, ui.cellPhoneEdit, ui.workPhoneEdit)
        prepare_address_edits(ui.gStateEdit, ui.gZipEdit, ui.gPhoneEdit)
        uppercase_letters(ui.suffixEdit)
        ui.selfRadio.toggled.connect(self._guarantor_changed)
        ui.gSameAddressCheck.toggled.connect(self._guarantor_changed)
        self.errors = FieldErrors(ui.errorLabel, {
            "last_name": ui.lastNameEdit, "first_name": ui.firstNameEdit, "middle_name": ui.middleNameEdit,
            "suffix": ui.suffixEdit, "date_of_birth": ui.dobEdit, "sex": ui.sexCombo,
            "address.line1": ui.line1Edit, "address.line2": ui.line2Edit, "address.city": ui.cityEdit,
            "address.state": ui.stateEdit, "address.zip": ui.zipEdit, "home_phone": ui.homePhoneEdit,
            "cell_phone": ui.cellPhoneEdit, "work_phone": ui.workPhoneEdit, "email": ui.emailEdit,
            "release_signed_on": ui.releaseEdit,
            "guarantor.last_name": ui.gLastEdit, "guarantor.first_name": ui.gFirstEdit,
            "guarantor.relationship": ui.gRelationCombo, "guarantor.date_of_birth": ui.gDobEdit,
            "guarantor.phone": ui.gPhoneEdit, "guarantor.address.line1": ui.gLine1Edit,
            "guarantor.address.line2": ui.gLine2Edit, "guarantor.address.city": ui.gCityEdit,
            "guarantor.address.state": ui.gStateEdit, "guarantor.address.zip": ui.gZipEdit,
            "guarantor.patient_id": ui.otherRadio,
        })
        self.duplicates: DuplicatesDialog | None = None
        shortcut(self, "Ctrl+S", self.submit)
        if patient is not None:
            self.fill(patient)
        self._guarantor_changed()
        ui.lastNameEdit.setFocus()

    # --- filling and reading ------------------------------------------------------------------------
    def fill(self, p: Patient) -> None:
        ui = self.ui
        ui.lastNameEdit.setText(p.last_name)
        ui.firstNameEdit.setText(p.first_name)
        ui.middleNameEdit.setText(p.middle_name)
        ui.suffixEdit.setText(p.suffix)
        ui.dobEdit.setText(date_text(p.date_of_birth))
        select_data(ui.sexCombo, p.sex.value)
        a = p.address
        if a is not None:
            ui.line1Edit.setText(a.line1)
            ui.line2Edit.setText(a.line2)
            ui.cityEdit.setText(a.city)
            ui.stateEdit.setText(a.state)
            ui.zipEdit.setText(format_zip(a.zip_code))
        ui.homePhoneEdit.setText(format_phone(p.home_phone))
        ui.cellPhoneEdit.setText(format_phone(p.cell_phone))
        ui.workPhoneEdit.setText(format_phone(p.work_phone))
        ui.emailEdit.setText(p.email)
        ui.releaseEdit.setText(date_text(p.release_signed_on))
        g = p.guarantor
        ui.selfRadio.setChecked(g is None)
        ui.otherRadio.setChecked(g is not None)
        if g is not None:
            ui.gLastEdit.setText(g.last_name)
            ui.gFirstEdit.setText(g.first_name)
            select_data(ui.gRelationCombo, g.relationship.value)
            ui.gDobEdit.setText(date_text(g.date_of_birth))
            ui.gPhoneEdit.setText(format_phone(g.phone))
            same = g.address == p.address
            ui.gSameAddressCheck.setChecked(same)
            if not same:
                ui.gLine1Edit.setText(g.address.line1)
                ui.gLine2Edit.setText(g.address.line2)
                ui.gCityEdit.setText(g.address.city)
                ui.gStateEdit.setText(g.address.state)
                ui.gZipEdit.setText(format_zip(g.address.zip_code))

    def _guarantor_changed(self, *_: object) -> None:
        ui = self.ui
        other = ui.otherRadio.isChecked()
        ui.guarantorFrame.setEnabled(other)
        own_address = other and not ui.gSameAddressCheck.isChecked()
        for edit in (ui.gLine1Edit, ui.gLine2Edit, ui.gCityEdit, ui.gStateEdit, ui.gZipEdit):
            edit.setEnabled(own_address)

    def read_patient(self) -> Patient:
        """The form as a Patient (dates checked here; everything else by the domain on the worker)."""
        ui = self.ui
        address = address_or_none(ui.line1Edit.text(), ui.line2Edit.text(), ui.cityEdit.text(),
                                   ui.stateEdit.text(), ui.zipEdit.text())
        guarantor = None
        if ui.otherRadio.isChecked():
            if ui.gSameAddressCheck.isChecked():
                if address is None:
                    raise DomainError("The guarantor lives at the patient's address, but the patient's street "
                                      "address is empty; enter it, or the guarantor's own.", "address.line1")
                g_address = address
            else:
                g_address = address_or_none(ui.gLine1Edit.text(), ui.gLine2Edit.text(), ui.gCityEdit.text(),
                                            ui.gStateEdit.text(), ui.gZipEdit.text()) or Address("", "", "", "")
            guarantor = Guarantor(
                last_name=ui.gLastEdit.text(), first_name=ui.gFirstEdit.text(),
                relationship=GuarantorRelationship(ui.gRelationCombo.currentData()), address=g_address,
                phone=ui.gPhoneEdit.text(),
                date_of_birth=parse_date(ui.gDobEdit.text(), "guarantor.date_of_birth", "guarantor's date of birth"))
        values = dict(
            last_name=ui.lastNameEdit.text(), first_name=ui.firstNameEdit.text(),
            middle_name=ui.middleNameEdit.text(), suffix=ui.suffixEdit.text(),
            date_of_birth=parse_date(ui.dobEdit.text(), "date_of_birth", "date of birth"),
            sex=Sex(ui.sexCombo.currentData()), address=address, home_phone=ui.homePhoneEdit.text(),
            cell_phone=ui.cellPhoneEdit.text(), work_phone=ui.workPhoneEdit.text(), email=ui.emailEdit.text(),
            release_signed_on=parse_date(ui.releaseEdit.text(), "release_signed_on", "date the release was signed"),
            guarantor=guarantor,
        )
        if self.patient is None:
            return Patient(**values)  # type: ignore[arg-type]
        return replace(self.patient, **values)  # type: ignore[arg-type]

    # --- saving -----------------------------------------------------------------------------------------
    def submit(self) -> None:
        if self.busy:
            return
        self.errors.clear()
        try:
            patient = self.read_patient()
        except DomainError as exc:
            self.errors.show_error(exc)
            return
        self.set_busy(True)
        if self.patient is None:
            self.runner.run(check_registration, self.ws, patient,
                            success=lambda found: self._checked(patient, found), failure=self._refused,
                            label="Checking for duplicates…", parent=self)
        else:
            self.runner.run(patients.update_patient, self.ws, patient, success=self._saved, failure=self._refused,
                            finished=lambda: self.set_busy(False), label="Saving the patient…", parent=self)

    def _checked(self, patient: Patient, candidates: list[DuplicateCandidate]) -> None:
        if not candidates:
            self.register(patient)
            return
        self.set_busy(False)
        dialog = DuplicatesDialog(patient, candidates, self)
        dialog.open_patient.connect(self._open_instead)
        dialog.register_anyway.connect(lambda: self.register(patient))
        self.duplicates = dialog
        dialog.open()

    def register(self, patient: Patient) -> None:
        self.set_busy(True)
        self.runner.run(patients.register_patient, self.ws, patient, success=self._saved, failure=self._refused,
                        finished=lambda: self.set_busy(False), label="Registering the patient…", parent=self)

    def _open_instead(self, patient_id: str) -> None:
        self.reject()
        self.open_existing.emit(patient_id)

    def _saved(self, patient: Patient) -> None:
        self.patient = patient
        self.accept()
        self.saved.emit(patient)

    def _refused(self, exc: Exception) -> None:
        self.set_busy(False)
        self.errors.show_error(exc)


class DuplicatesDialog(QDialog):
    """Registered patients who may be the person being registered, with why; open one, or register anyway."""

    open_patient = Signal(str)
    register_anyway = Signal()

    def __init__(self, new: Patient, candidates: list[DuplicateCandidate], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_DuplicatesDialog()
        ui.setupUi(self)
        apply_desk_style(self)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.candidates = candidates
        self.chosen = False  # Enter both activates the row and presses the default button: act once
        count = len(candidates)
        dob = format_date(new.date_of_birth) if new.date_of_birth else "no date of birth"
        ui.hintLabel.setText(
            f"{count} registered patient{'s' if count != 1 else ''} may be {new.first_name} {new.last_name} "
            f"({dob}). Open the existing record rather than registering the same person twice; register a "
            "new patient only when you are sure this is someone else.")
        self.model: RowsModel[DuplicateCandidate] = RowsModel([
            Column("Name", lambda c: c.patient.display_name, width=200),
            Column("Date of birth", lambda c: date_text(c.patient.date_of_birth), width=118),
            Column("Account", lambda c: c.patient.account_number, width=105),
            Column("Phone", lambda c: format_phone(c.patient.primary_phone), width=125),
            Column("Why it may be the same person", lambda c: "; ".join(c.reasons), stretch=True),
        ], self)
        prepare_table(ui.candidatesTable, self.model)
        self.model.set_rows(candidates)
        ui.candidatesTable.selectionModel().currentRowChanged.connect(lambda *_: self._show_reason())
        ui.candidatesTable.selectRow(0)
        self._show_reason()
        ui.candidatesTable.activated.connect(lambda _index: self._open())
        ui.openButton.clicked.connect(self._open)
        ui.registerButton.clicked.connect(self._register)
        ui.cancelButton.clicked.connect(self.reject)
        ui.candidatesTable.setFocus()

    def _show_reason(self) -> None:
        chosen = self.selected()
        if chosen is None:
            self.ui.reasonLabel.clear()
            return
        p = chosen.patient
        where = ""
        if p.address is not None:
            where = f", {p.address.line1}, {p.address.city}"
        self.ui.reasonLabel.setText(f"{p.display_name} (account {p.account_number}{where}): "
                                    + "; ".join(chosen.reasons) + ".")

    def selected(self) -> DuplicateCandidate | None:
        rows = self.ui.candidatesTable.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _open(self) -> None:
        chosen = self.selected()
        if chosen is not None and not self.chosen:
            self.chosen = True
            self.accept()
            self.open_patient.emit(chosen.patient.id)

    def _register(self) -> None:
        if self.chosen:
            return
        self.chosen = True
        self.accept()
        self.register_anyway.emit()

