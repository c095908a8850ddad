"""The edit forms of Reference data: providers, referring providers, service facilities, payers, fees and
payers' allowed amounts. Each shows the domain's message at the field it names and saves nothing until
everything is right (the service validates again)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.fees import AllowedEntry, FeeEntry
from medbill_desktop.domain.practice import Address, format_phone
from medbill_desktop.domain.reference import (
    Payer,
    PlanType,
    Provider,
    ReferringProvider,
    ReferringQualifier,
    ServiceFacility,
    Submission,
    TaxIdType,
)
from medbill_desktop.gui.desk_style import apply_desk_style, shortcut
from medbill_desktop.gui.fields import FieldErrors, digits_only
from medbill_desktop.gui.forms.ui_facility_form import Ui_FacilityDialog
from medbill_desktop.gui.forms.ui_fee_form import Ui_FeeDialog
from medbill_desktop.gui.forms.ui_payer_form import Ui_PayerDialog
from medbill_desktop.gui.forms.ui_provider_form import Ui_ProviderDialog
from medbill_desktop.gui.forms.ui_referring_form import Ui_ReferringDialog
from medbill_desktop.gui.inputs import (
    fill_combo,
    money_text,
    parse_money,
    prepare_code_edit,
    prepare_money_edit,
    select_data,
)
from medbill_desktop.gui.op_dialog import OpDialog
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.gui.patient_form import address_or_none, format_zip, prepare_address_edits
from medbill_desktop.services import reference_data
from medbill_desktop.services.context import Workstation

ADDRESS_FIELDS = ("address.line1", "address.line2", "address.city", "address.state", "address.zip")
PLAN_TYPES = [(t.label, t.value) for t in PlanType]
SUBMISSIONS = [("Paper (CMS-1500 by mail)", Submission.PAPER.value),
               ("Electronic (837P via clearinghouse)", Submission.ELECTRONIC.value)]


def format_tax_id(value: str, kind: TaxIdType) -> str:
    if len(value) != 9:
        return value
    return f"{value[:2]}-{value[2:]}" if kind is TaxIdType.EIN else f"{value[:3]}-{value[3:5]}-{value[5:]}"


class _AddressForm:
    """The address rows the provider, facility and payer forms share (same object names in their .ui)."""

    ui: Any

    def _prepare_address(self) -> None:
        prepare_address_edits(self.ui.stateEdit, self.ui.zipEdit, self.ui.phoneEdit)

    def _address_fields(self) -> dict[str, QWidget]:
        ui = self.ui
        return dict(zip(ADDRESS_FIELDS, (ui.line1Edit, ui.line2Edit, ui.cityEdit, ui.stateEdit, ui.zipEdit),
                        strict=True)) | {"phone": ui.phoneEdit}

    def _read_address(self) -> Address | None:
        ui = self.ui
        return address_or_none(ui.line1Edit.text(), ui.line2Edit.text(), ui.cityEdit.text(), ui.stateEdit.text(),
                               ui.zipEdit.text())

    def _fill_address(self, a: Address | None, phone: str = "") -> None:
        ui = self.ui
        if a is not None:
            ui.line1Edit.setText(a.line1)
            ui.line2Edit.setText(a.line2)
            ui.cityEdit.setText(a.city)
            ui.stateEdit.setText(a.state)
            ui.zipEdit.setText(format_zip(a.zip_code))
        ui.phoneEdit.setText(format_phone(phone))


class RecordDialog(OpDialog):
    """Common flow: read the form (may raise DomainError), save through the service, emit `saved`."""

    saved = Signal(object)
    what = "record"

    def _start(self, ws: Workstation, errors: FieldErrors) -> None:
        self.ws = ws
        self.errors = errors
        shortcut(self, "Ctrl+S", self.submit)

    def read(self) -> Any:
        raise NotImplementedError

    def save_fn(self) -> Callable[..., Any]:
        raise NotImplementedError

    def submit(self) -> None:
        if self.busy:
            return
        self.errors.clear()
        try:
            record = self.read()
        except DomainError as exc:
            self.errors.show_error(exc)
            return
        self.set_busy(True)
        self.runner.run(self.save_fn(), self.ws, record, success=self._saved, failure=self.errors.show_error,
                        finished=lambda: self.set_busy(False), label=f"Saving the {self.what}…", parent=self)

    def _saved(self, record: object) -> None:
        self.accept()
        self.saved.emit(record)


class ProviderDialog(_AddressForm, RecordDialog):
    what = "provider"
    ok_text = "&Save provider"

    def __init__(self, runner: OpRunner, ws: Workstation, provider: Provider | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.ui = ui = Ui_ProviderDialog()
        ui.setupUi(self)
        apply_desk_style(self)
        self._setup_buttons(ui.buttons)
        self.provider = provider
        self.setWindowTitle("Edit provider" if provider else "Add a provider")
        ui.titleLabel.setText(provider.display_name if provider else "Add a provider")
        digits_only(ui.npiEdit)
        digits_only(ui.taxIdEdit, "-")
        prepare_code_edit(ui.taxonomyEdit, r"[A-Za-z0-9]*", 10)
        prepare_code_edit(ui.middleEdit, r"[A-Za-z.]*", 2)
        self._prepare_address()
        fill_combo(ui.taxIdTypeCombo, [("EIN (employer ID)", TaxIdType.EIN.value),
                                       ("SSN (solo provider)", TaxIdType.SSN.value)])
        ui.personRadio.toggled.connect(self._kind_changed)
        self._start(ws, FieldErrors(ui.errorLabel, {
            "last_name": ui.lastNameEdit, "first_name": ui.firstNameEdit, "middle_initial": ui.middleEdit,
            "credentials": ui.credentialsEdit, "organization_name": ui.orgNameEdit, "renders": ui.rendersCheck,
            "bills": ui.billsCheck, "npi": ui.npiEdit, "taxonomy": ui.taxonomyEdit, "tax_id": ui.taxIdEdit,
            **self._address_fields(),
        }))
        if provider is not None:
            self.fill(provider)
        self._kind_changed()
        (ui.lastNameEdit if not provider or not provider.is_organization else ui.orgNameEdit).setFocus()

    def _kind_changed(self, *_: object) -> None:
        ui = self.ui
        person = ui.personRadio.isChecked()
        ui.personFrame.setVisible(person)
        ui.orgFrame.setVisible(not person)
        if not person:
            ui.rendersCheck.setChecked(False)
            ui.billsCheck.setChecked(True)
        ui.rendersCheck.setEnabled(person)

    def fill(self, p: Provider) -> None:
        ui = self.ui
        ui.orgRadio.setChecked(p.is_organization)
        ui.personRadio.setChecked(not p.is_organization)
        ui.lastNameEdit.setText(p.last_name)
        ui.firstNameEdit.setText(p.first_name)
        ui.middleEdit.setText(p.middle_initial)
        ui.credentialsEdit.setText(p.credentials)
        ui.orgNameEdit.setText(p.organization_name)
        ui.rendersCheck.setChecked(p.renders)
        ui.billsCheck.setChecked(p.bills)
        ui.activeCheck.setChecked(p.active)
        ui.npiEdit.setText(p.npi)
        ui.taxonomyEdit.setText(p.taxonomy)
        select_data(ui.taxIdTypeCombo, p.tax_id_type.value)
        ui.taxIdEdit.setText(format_tax_id(p.tax_id, p.tax_id_type))
        self._fill_address(p.address, p.phone)

    def read(self) -> Provider:
        ui = self.ui
        person = ui.personRadio.isChecked()
        values = dict(
            npi=ui.npiEdit.text().strip(), taxonomy=ui.taxonomyEdit.text(),
            last_name=ui.lastNameEdit.text() if person else "", first_name=ui.firstNameEdit.text() if person else "",
            middle_initial=ui.middleEdit.text() if person else "",
            organization_name="" if person else ui.orgNameEdit.text(),
            credentials=ui.credentialsEdit.text() if person else "", tax_id=ui.taxIdEdit.text(),
            tax_id_type=TaxIdType(ui.taxIdTypeCombo.currentData()), address=self._read_address(),
            phone=ui.phoneEdit.text(), renders=ui.rendersCheck.isChecked(), bills=ui.billsCheck.isChecked(),
            active=ui.activeCheck.isChecked(),
        )
        return replace(self.provider, **values) if self.provider else Provider(**values)  # type: ignore[arg-type,unused-ignore]

    def save_fn(self) -> Callable[..., Any]:
        return reference_data.save_provider


class ReferringDialog(RecordDialog):
    what = "referring provider"
    ok_text = "&Save"

    def __init__(self, runner: OpRunner, ws: Workstation, ref: ReferringProvider | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.ui = ui = Ui_ReferringDialog()
        ui.setupUi(self)
        apply_desk_style(self)
        self._setup_buttons(ui.buttons)
        self.ref = ref
        self.setWindowTitle("Edit referring provider" if ref else "Add a referring provider")
        ui.titleLabel.setText(ref.display_name if ref else "Add a referring provider")
        digits_only(ui.npiEdit)
        prepare_code_edit(ui.middleEdit, r"[A-Za-z.]*", 2)
        fill_combo(ui.qualifierCombo, [(f"{q.label} ({q.value})", q.value) for q in ReferringQualifier])
        self._start(ws, FieldErrors(ui.errorLabel, {
            "last_name": ui.lastNameEdit, "first_name": ui.firstNameEdit, "middle_initial": ui.middleEdit,
            "credentials": ui.credentialsEdit, "npi": ui.npiEdit, "qualifier": ui.qualifierCombo}))
        if ref is not None:
            ui.lastNameEdit.setText(ref.last_name)
            ui.firstNameEdit.setText(ref.first_name)
            ui.middleEdit.setText(ref.middle_initial)
            ui.credentialsEdit.setText(ref.credentials)
            ui.npiEdit.setText(ref.npi)
            select_data(ui.qualifierCombo, ref.qualifier.value)
        ui.lastNameEdit.setFocus()

    def read(self) -> ReferringProvider:
        ui = self.ui
        values = dict(last_name=ui.lastNameEdit.text(), first_name=ui.firstNameEdit.text(), npi=ui.npiEdit.text(),
                      qualifier=ReferringQualifier(ui.qualifierCombo.currentData()),
                      middle_initial=ui.middleEdit.text(), credentials=ui.credentialsEdit.text())
        return replace(self.ref, **values) if self.ref else ReferringProvider(**values)  # type: ignore[arg-type,unused-ignore]

    def save_fn(self) -> Callable[..., Any]:
        return reference_data.save_referring_provider


class FacilityDialog(_AddressForm, RecordDialog):
    what = "facility"
    ok_text = "&Save facility"

    def __init__(self, runner: OpRunner, ws: Workstation, facility: ServiceFacility | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.ui = ui = Ui_FacilityDialog()
        ui.setupUi(self)
        apply_desk_style(self)
        self._setup_buttons(ui.buttons)
        self.facility = facility
        self.setWindowTitle("Edit facility" if facility else "Add a service facility")
        ui.titleLabel.setText(facility.name if facility else "Add a service facility")
        digits_only(ui.npiEdit)
        digits_only(ui.posEdit)
        self._prepare_address()
        ui.phoneLabel.setVisible(False)
        ui.phoneEdit.setVisible(False)
        self._start(ws, FieldErrors(ui.errorLabel, {
            "name": ui.nameEdit, "npi": ui.npiEdit, "place_of_service": ui.posEdit, **self._address_fields()}))
        if facility is not None:
            ui.nameEdit.setText(facility.name)
            ui.npiEdit.setText(facility.npi)
            ui.posEdit.setText(facility.place_of_service)
            self._fill_address(facility.address)
        ui.nameEdit.setFocus()

    def read(self) -> ServiceFacility:
        ui = self.ui
        values = dict(name=ui.nameEdit.text(), address=self._read_address() or Address("", "", "", ""),
                      npi=ui.npiEdit.text(), place_of_service=ui.posEdit.text())
        return replace(self.facility, **values) if self.facility else ServiceFacility(**values)

    def save_fn(self) -> Callable[..., Any]:
        return reference_data.save_facility


class PayerDialog(_AddressForm, RecordDialog):
    what = "payer"
    ok_text = "&Save payer"

    def __init__(self, runner: OpRunner, ws: Workstation, payer: Payer | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.ui = ui = Ui_PayerDialog()
        ui.setupUi(self)
        apply_desk_style(self)
        self._setup_buttons(ui.buttons)
        self.payer = payer
        self.setWindowTitle("Edit payer" if payer else "Add a payer")
        ui.titleLabel.setText(payer.name if payer else "Add a payer")
        fill_combo(ui.planTypeCombo, PLAN_TYPES)
        fill_combo(ui.submissionCombo, SUBMISSIONS)
        prepare_code_edit(ui.ediIdEdit, r"[A-Za-z0-9]*", 15)
        self._prepare_address()
        select_data(ui.planTypeCombo, PlanType.GROUP_HEALTH_PLAN.value)
        self._start(ws, FieldErrors(ui.errorLabel, {
            "name": ui.nameEdit, "plan_type": ui.planTypeCombo, "submission": ui.submissionCombo,
            "edi_id": ui.ediIdEdit, "timely_filing_days": ui.filingSpin, **self._address_fields()}))
        if payer is not None:
            ui.nameEdit.setText(payer.name)
            select_data(ui.planTypeCombo, payer.plan_type.value)
            select_data(ui.submissionCombo, payer.submission.value)
            ui.ediIdEdit.setText(payer.edi_id)
            ui.filingSpin.setValue(payer.timely_filing_days)
            ui.referringCheck.setChecked(payer.requires_referring_provider)
            ui.assignmentCheck.setChecked(payer.accept_assignment)
            self._fill_address(payer.address, payer.phone)
        ui.nameEdit.setFocus()

    def read(self) -> Payer:
        ui = self.ui
        values = dict(name=ui.nameEdit.text(), plan_type=PlanType(ui.planTypeCombo.currentData()),
                      submission=Submission(ui.submissionCombo.currentData()), edi_id=ui.ediIdEdit.text(),
                      address=self._read_address(), timely_filing_days=ui.filingSpin.value(),
                      requires_referring_provider=ui.referringCheck.isChecked(),
                      accept_assignment=ui.assignmentCheck.isChecked(), phone=ui.phoneEdit.text())
        return replace(self.payer, **values) if self.payer else Payer(**values)  # type: ignore[arg-type,unused-ignore]

    def save_fn(self) -> Callable[..., Any]:
        return reference_data.save_payer


class FeeDialog(RecordDialog):
    """A fee (payers=None) or a payer's allowed amount; an existing entry keeps its code and modifier."""

    what = "fee"
    ok_text = "&Save"

    def __init__(self, runner: OpRunner, ws: Workstation, entry: FeeEntry | AllowedEntry | None = None,
                 payers: list[Payer] | None = None, payer_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.ui = ui = Ui_FeeDialog()
        ui.setupUi(self)
        apply_desk_style(self)
        self._setup_buttons(ui.buttons)
        self.allowed = payers is not None
        self.what = "allowed amount" if self.allowed else "fee"
        kind = "allowed amount" if self.allowed else "fee"
        self.setWindowTitle(f"Edit {kind}" if entry else f"Add a {kind}")
        ui.titleLabel.setText(f"Edit {kind}" if entry else f"Add a {kind}")
        ui.hintLabel.setText("What the payer's contract allows per unit." if self.allowed else
                             "What the practice charges per unit; charge entry fills it into the line.")
        ui.amountLabel.setText("&Allowed" if self.allowed else "Char&ge")
        ui.payerLabel.setVisible(self.allowed)
        ui.payerCombo.setVisible(self.allowed)
        fill_combo(ui.payerCombo, [(p.name, p.id) for p in (payers or [])], keep=payer_id)
        prepare_code_edit(ui.procedureEdit, r"[A-Za-z0-9]*", 5)
        prepare_code_edit(ui.modifierEdit, r"[A-Za-z0-9]*", 2)
        prepare_money_edit(ui.amountEdit)
        amount_field = "allowed_cents" if self.allowed else "charge_cents"
        self._start(ws, FieldErrors(ui.errorLabel, {"payer_id": ui.payerCombo, "procedure": ui.procedureEdit,
                                                   "modifier": ui.modifierEdit, amount_field: ui.amountEdit}))
        self.amount_field = amount_field
        if entry is not None:
            ui.procedureEdit.setText(entry.procedure)
            ui.modifierEdit.setText(entry.modifier)
            cents = entry.allowed_cents if isinstance(entry, AllowedEntry) else entry.charge_cents
            ui.amountEdit.setText(money_text(cents))
            if isinstance(entry, AllowedEntry):
                select_data(ui.payerCombo, entry.payer_id)
            for edit in (ui.procedureEdit, ui.modifierEdit):
                edit.setReadOnly(True)
            ui.payerCombo.setEnabled(False)
            ui.amountEdit.setFocus()
            ui.amountEdit.selectAll()
        else:
            (ui.payerCombo if self.allowed else ui.procedureEdit).setFocus()

    def read(self) -> FeeEntry | AllowedEntry:
        ui = self.ui
        cents = parse_money(ui.amountEdit.text(), self.amount_field)
        if cents is None:
            raise DomainError("Enter the amount per unit, for example 125.00.", self.amount_field)
        if self.allowed:
            return AllowedEntry(ui.payerCombo.currentData() or "", ui.procedureEdit.text(), cents,
                                ui.modifierEdit.text())
        return FeeEntry(ui.procedureEdit.text(), cents, ui.modifierEdit.text())

    def save_fn(self) -> Callable[..., Any]:
        return reference_data.save_allowed_amount if self.allowed else reference_data.save_fee

