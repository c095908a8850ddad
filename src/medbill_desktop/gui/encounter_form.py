"""The charge-entry form: one encounter's visit details, up to 12 diagnoses (item 21) and its service lines
(item 24), entirely usable from the keyboard.

- Tab walks the form top to bottom; a diagnosis field shows ICD-10-CM codes as you type (Down/Up pick, Enter
  takes one); Enter in a filled diagnosis goes to the next one, in an empty one to the first service line.
- A line: code (CPT/HCPCS search as you type), modifiers ("25 59"), units, diagnosis pointers ("AB"), charge
  (filled from the fee schedule), and an optional NDC with its unit and quantity. Enter in a line goes to the
  next line, adding one after the last; Delete in a field with nothing left to delete (or Ctrl+Delete) removes
  the line after asking.
- F7 checks (the scrubber's findings listed; Enter on a finding goes to its field), Ctrl+S saves the draft,
  Ctrl+Enter (or Ctrl+F) finalizes: the charges are posted and the draft claims made; errors block it.
- A finalized encounter opens read-only.

Every database call goes through the op runner; the functions it runs are the small ones at the top.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QMessageBox,
    QWidget,
)

from medbill_desktop.domain.codes import (
    ITEM14_QUALIFIERS,
    ITEM15_QUALIFIERS,
    MAX_DIAGNOSES,
    NDC_UNITS,
    POINTER_LETTERS,
    format_icd10,
    format_ndc,
    pointer_letters,
)
from medbill_desktop.domain.encounters import ClaimDate, Encounter, ServiceLine
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.ledger import Party
from medbill_desktop.domain.patients import Patient, format_date
from medbill_desktop.domain.reference import Provider
from medbill_desktop.domain.scrubber import Finding, Severity
from medbill_desktop.gui.desk_style import apply_desk_style, ask, shortcut
from medbill_desktop.gui.fields import error_text, repolish, set_invalid
from medbill_desktop.gui.forms.ui_encounter_form import Ui_EncounterForm
from medbill_desktop.gui.inputs import (
    date_text,
    fill_combo,
    money,
    money_text,
    parse_date,
    parse_decimal,
    parse_money,
    parse_whole,
    prepare_code_edit,
    prepare_date_edit,
    prepare_money_edit,
    select_data,
)
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.gui.search_box import CodeCompleter, Suggestion
from medbill_desktop.services import codes, encounters, patients
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.encounters import FinalizeResult, ScrubFailed
from medbill_desktop.services.front_desk_views import (
    ChargeFormChoices,
    DiagnosisInfo,
    EncounterFile,
    charge_form_choices,
    diagnosis_info,
    encounter_file,
    procedure_description,
    procedure_search,
)

RANK_WORDS = {Party.PRIMARY: "primary", Party.SECONDARY: "secondary", Party.TERTIARY: "tertiary",
              Party.PATIENT: "the patient"}
DX_PER_ROW = 3
DX_DESCRIPTION_WIDTH = 200
LINE_DESCRIPTION_WIDTH = 200
_PATH = re.compile(r"^(diagnoses|lines)\[(\d+)\](?:\.(\w+))?")
_CODE_LIKE = re.compile(r"^[A-Za-z][0-9][0-9A-Za-z.]{0,6}$")


# --- work for the database worker ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Loaded:
    encounter: Encounter
    patient: Patient
    choices: ChargeFormChoices
    diagnoses: tuple[DiagnosisInfo, ...] = ()
    procedures: dict[str, str] | None = None
    claims: tuple[Any, ...] = ()
    new: bool = False


def load_existing(ws: Workstation, encounter_id: str) -> Loaded:
    found: EncounterFile = encounter_file(ws, encounter_id)
    return Loaded(found.encounter, found.patient, charge_form_choices(ws), found.diagnoses, found.procedures,
                  found.claims)


def load_new(ws: Workstation, patient_id: str) -> Loaded:
    """A new encounter for today, with the only billing and rendering provider chosen when there is one."""
    patient = patients.get_patient(ws, patient_id)
    choices = charge_form_choices(ws)
    draft = Encounter(
        patient_id=patient.id, date_of_service=ws.today(), place_of_service="11",
        billing_provider_id=choices.billing[0].id if len(choices.billing) == 1 else None,
        rendering_provider_id=choices.rendering[0].id if len(choices.rendering) == 1 else None)
    return Loaded(draft, patient, choices, new=True)


def save_and_scrub(ws: Workstation, encounter: Encounter) -> tuple[Encounter, list[Finding]]:
    saved = encounters.save_encounter(ws, encounter)
    return saved, encounters.scrub_encounter(ws, saved.id)


def save_and_finalize(ws: Workstation, encounter: Encounter) -> FinalizeResult:
    """Save the draft as it is on the form, then finalize it (the draft stays saved if the scrubber refuses)."""
    saved = encounters.save_encounter(ws, encounter)
    return encounters.finalize_encounter(ws, saved.id)


def icd_suggestions(ws: Workstation, text: str) -> list[Suggestion]:
    return [Suggestion(h.display_code, h.description, h.billable,
                       "" if h.billable else "heading: pick a code below it")
            for h in codes.search(ws, text, "icd10", 15)]


def procedure_suggestions(ws: Workstation, text: str) -> list[Suggestion]:
    return [Suggestion(h.code, h.description or "(in the fee schedule)", True,
                       money(h.charge_cents) if h.charge_cents is not None else h.source)
            for h in procedure_search(ws, text, 15)]


# --- reading what was typed --------------------------------------------------------------------------------
def parse_pointers(text: str, field: str, n: int) -> tuple[int, ...]:
    letters = [ch for ch in text.upper() if not ch.isspace() and ch not in ",;-"]
    pointers = []
    for ch in letters:
        if ch not in POINTER_LETTERS:
            raise DomainError(f"Line {n}: diagnosis pointers are letters A to L (A is the first diagnosis), not "
                              f"'{ch}'.", field)
        pointers.append(POINTER_LETTERS.index(ch) + 1)
    return tuple(pointers)


def parse_modifiers(text: str) -> tuple[str, ...]:
    return tuple(m for m in re.split(r"[\s,;\-]+", text.strip().upper()) if m)


def person_label(last: str, first: str, credentials: str = "") -> str:
    """'Nguyen, Lan (MD)': pick lists sort and are typed into by last name."""
    return f"{last}, {first}" + (f" ({credentials})" if credentials else "")


def provider_label(p: Provider) -> str:
    return p.organization_name if p.is_organization else person_label(p.last_name, p.first_name, p.credentials)


def fee_note(amount: str) -> str:
    """What a line shows for a code the code sets don't describe (CPT descriptors are not shipped)."""
    return f"fee {amount} per unit" if amount.startswith("$") else ""


def set_elided(label: QLabel, text: str, width: int) -> None:
    label.setToolTip(text)
    label.setText(label.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width))


def set_state(widget: QWidget, state: str) -> None:
    if widget.property("state") != state:
        widget.setProperty("state", state)
        repolish(widget)


# --- the rows ----------------------------------------------------------------------------------------------
class DiagnosisRow:
    """One of the 12 diagnosis positions: its letter, the code field and the code's description."""

    def __init__(self, form: EncounterForm, index: int, host: QWidget) -> None:
        self.index = index
        self.letter = QLabel(f"{POINTER_LETTERS[index]}.", host)
        self.letter.setProperty("role", "lineNumber")
        self.edit = QLineEdit(host)
        self.edit.setObjectName(f"diagnosis{POINTER_LETTERS[index]}Edit")
        self.edit.setAccessibleName(f"Diagnosis {POINTER_LETTERS[index]}")
        self.edit.setFixedWidth(84)
        self.edit.setPlaceholderText("code or words" if index == 0 else "")
        self.edit.setMaxLength(60)  # words are searched too ("type 2 diab kidney")
        self.edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"[A-Za-z0-9.,'\- ]*"), self.edit))
        self.edit.editingFinished.connect(self._code_case)
        self.description = QLabel(host)
        self.description.setProperty("role", "codeDescription")
        self.description.setFixedWidth(DX_DESCRIPTION_WIDTH)
        self.completer = CodeCompleter(self.edit, form.runner, lambda text: icd_suggestions(form.ws, text),
                                       min_chars=2, label="Searching ICD-10-CM…")
        self.looked_up = ""

    def _code_case(self) -> None:
        """A code typed in lower case is shown as codes are ('e11.9' -> 'E11.9'); words stay as typed."""
        text = self.edit.text().strip()
        if _CODE_LIKE.match(text) and text != text.upper():
            self.edit.setText(text.upper())

    def widgets(self) -> list[QWidget]:
        return [self.letter, self.edit, self.description]

    def set_visible(self, visible: bool) -> None:
        for w in self.widgets():
            w.setVisible(visible)

    def show_info(self, info: DiagnosisInfo | None, text: str = "") -> None:
        if info is None:
            set_elided(self.description, text, DX_DESCRIPTION_WIDTH)
            set_state(self.description, "")
            return
        if not info.known:
            set_elided(self.description, "not an ICD-10-CM code", DX_DESCRIPTION_WIDTH)
            set_state(self.description, "bad")
        elif not info.billable:
            set_elided(self.description, f"heading, not billable: {info.description}", DX_DESCRIPTION_WIDTH)
            set_state(self.description, "bad")
        else:
            set_elided(self.description, info.description, DX_DESCRIPTION_WIDTH)
            set_state(self.description, "")
        self.looked_up = info.code


class LineRow(QWidget):
    """One service line's fields in reading order."""

    FIELDS = ("code", "modifiers", "units", "pointers", "charge", "ndc", "ndc_unit", "ndc_quantity")

    def __init__(self, form: EncounterForm, parent: QWidget) -> None:
        super().__init__(parent)
        self.form = form
        self.line: ServiceLine | None = None  # what was loaded (keeps the line's id across saves)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.number = QLabel(self)
        self.number.setProperty("role", "lineNumber")
        self.number.setFixedWidth(22)
        self.code = QLineEdit(self)
        self.code.setFixedWidth(78)
        prepare_code_edit(self.code, r"[A-Za-z0-9]*", 5)
        self.description = QLabel(self)
        self.description.setProperty("role", "codeDescription")
        self.description.setFixedWidth(LINE_DESCRIPTION_WIDTH)
        self.modifiers = QLineEdit(self)
        self.modifiers.setFixedWidth(96)
        self.modifiers.setPlaceholderText("25 59")
        prepare_code_edit(self.modifiers, r"[A-Za-z0-9 ,\-]*", 14)
        self.units = QLineEdit("1", self)
        self.units.setFixedWidth(48)
        self.units.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        prepare_code_edit(self.units, r"[0-9]*", 3)
        self.pointers = QLineEdit(self)
        self.pointers.setFixedWidth(70)
        self.pointers.setPlaceholderText("A")
        prepare_code_edit(self.pointers, r"[A-La-l ,]*", 8)
        self.charge = QLineEdit(self)
        self.charge.setFixedWidth(92)
        prepare_money_edit(self.charge, "")
        self.ndc = QLineEdit(self)
        self.ndc.setFixedWidth(122)
        self.ndc.setPlaceholderText("optional")
        prepare_code_edit(self.ndc, r"[Nn0-9\-]*", 14)
        self.ndc_unit = QLineEdit(self)
        self.ndc_unit.setFixedWidth(48)
        self.ndc_unit.setToolTip("NDC unit: " + ", ".join(f"{k} {v.lower()}" for k, v in NDC_UNITS.items()))
        prepare_code_edit(self.ndc_unit, r"[A-Za-z0-9]*", 2)
        self.ndc_quantity = QLineEdit(self)
        self.ndc_quantity.setFixedWidth(70)
        prepare_code_edit(self.ndc_quantity, r"[0-9.]*", 11)
        for w in (self.number, self.code, self.description, self.modifiers, self.units, self.pointers, self.charge,
                  self.ndc, self.ndc_unit, self.ndc_quantity):
            layout.addWidget(w)
        layout.addStretch(1)
        self.completer = CodeCompleter(self.code, form.runner, lambda text: procedure_suggestions(form.ws, text),
                                       min_chars=2, label="Searching procedure codes…")
        self.charge_auto = True  # filled from the fee schedule until the user types a charge
        self.described = ""
        self.priced: tuple[str, tuple[str, ...], int] | None = None

    def edits(self) -> list[QLineEdit]:
        return [self.code, self.modifiers, self.units, self.pointers, self.charge, self.ndc, self.ndc_unit,
                self.ndc_quantity]

    def set_number(self, n: int) -> None:
        self.number.setText(str(n))
        names = {"code": "Code", "modifiers": "Modifiers", "units": "Units", "pointers": "Diagnosis pointers",
                 "charge": "Charge", "ndc": "NDC", "ndc_unit": "NDC unit", "ndc_quantity": "NDC quantity"}
        for key, edit in zip(self.FIELDS, self.edits(), strict=True):
            edit.setObjectName(f"line{n}{key.title().replace('_', '')}Edit")
            edit.setAccessibleName(f"Line {n} {names[key].lower()}")

    def is_blank(self) -> bool:
        return not any(e.text().strip() for e in self.edits() if e is not self.units) and \
            self.units.text().strip() in ("", "1")

    def fill(self, line: ServiceLine, description: str) -> None:
        self.line = line
        self.code.setText(line.procedure)
        self.modifiers.setText(" ".join(line.modifiers))
        self.units.setText(str(line.units))
        self.pointers.setText(pointer_letters(tuple(p for p in line.pointers if 1 <= p <= MAX_DIAGNOSES)))
        self.charge.setText(money_text(line.charge_cents))
        self.charge_auto = False
        self.ndc.setText(format_ndc(line.ndc) if line.ndc else "")
        self.ndc_unit.setText(line.ndc_unit)
        self.ndc_quantity.setText(str(line.ndc_quantity) if line.ndc_quantity is not None else "")
        self.described = line.procedure
        self.priced = (line.procedure, line.modifiers, line.units)
        set_elided(self.description, description, LINE_DESCRIPTION_WIDTH)

    def read(self, index: int, n: int) -> ServiceLine:
        at = f"lines[{index}]"
        charge = parse_money(self.charge.text(), f"{at}.charge_cents")
        if charge is None:
            code = self.code.text().strip().upper() or "this code"
            raise DomainError(f"Line {n}: enter the charge (the fee schedule has no price for {code}).",
                              f"{at}.charge_cents")
        values = dict(
            procedure=self.code.text(), charge_cents=charge, modifiers=parse_modifiers(self.modifiers.text()),
            units=parse_whole(self.units.text(), f"{at}.units", "units", default=1),
            pointers=parse_pointers(self.pointers.text(), f"{at}.pointers", n),
            ndc=self.ndc.text(), ndc_unit=self.ndc_unit.text(),
            ndc_quantity=parse_decimal(self.ndc_quantity.text(), f"{at}.ndc_quantity", "NDC quantity"),
        )
        if self.line is not None:
            return replace(self.line, **values)  # type: ignore[arg-type]
        return ServiceLine(**values)  # type: ignore[arg-type]

    def set_read_only(self, read_only: bool) -> None:
        for edit in self.edits():
            edit.setReadOnly(read_only)
            repolish(edit)


# --- the form ----------------------------------------------------------------------------------------------
class EncounterForm(QWidget):
    back_requested = Signal()
    status_message = Signal(str)
    saved = Signal(object)  # Encounter
    finalized = Signal(object)  # FinalizeResult

    def __init__(self, runner: OpRunner, ws: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_EncounterForm()
        ui.setupUi(self)
        apply_desk_style(self)
        self.runner = runner
        self.ws = ws
        self.encounter: Encounter | None = None
        self.patient: Patient | None = None
        self.choices: ChargeFormChoices | None = None
        self.saved_once = False  # False for a new encounter not yet in the database
        self.read_only = False
        self.dirty = False
        self.busy = False
        self.findings: list[Finding] = []
        self.result: FinalizeResult | None = None
        self._marked: list[QWidget] = []
        self._line_rows_used: list[LineRow] = []
        self._back_when_saved = False

        for edit in (ui.dosEdit, ui.onsetEdit, ui.otherEdit):
            prepare_date_edit(edit)
        prepare_code_edit(ui.priorAuthEdit, r"[A-Za-z0-9\-]*", 28)
        fill_combo(ui.onsetQualCombo, [(f"{k} {v}", k) for k, v in ITEM14_QUALIFIERS.items()])
        fill_combo(ui.otherQualCombo, [(f"{k} {v}", k) for k, v in ITEM15_QUALIFIERS.items()])
        for combo in (ui.onsetQualCombo, ui.otherQualCombo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(5)
            combo.view().setMinimumWidth(320)  # the popup shows the qualifiers' whole names
        ui.onsetEdit.setMinimumWidth(110)
        ui.otherEdit.setMinimumWidth(110)
        for combo in (ui.posCombo, ui.renderingCombo, ui.billingCombo, ui.facilityCombo, ui.referringCombo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
            combo.view().setMinimumWidth(300)
            combo.currentIndexChanged.connect(self._edited)
        for combo in (ui.onsetQualCombo, ui.otherQualCombo):
            combo.currentIndexChanged.connect(self._edited)
        for edit in (ui.dosEdit, ui.priorAuthEdit, ui.onsetEdit, ui.otherEdit):
            edit.textEdited.connect(self._edited)

        # diagnoses: A-L in rows of four, as item 21 prints them
        grid: QGridLayout = ui.diagnosesGrid
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(6)
        self.dx: list[DiagnosisRow] = []
        for i in range(MAX_DIAGNOSES):
            row = DiagnosisRow(self, i, ui.diagnosesHost)
            r, c = divmod(i, DX_PER_ROW)
            for k, widget in enumerate(row.widgets()):
                grid.addWidget(widget, r, c * 3 + k)
            row.edit.textChanged.connect(self._diagnoses_changed)
            row.edit.textEdited.connect(self._edited)
            row.edit.editingFinished.connect(lambda row=row: self._describe_diagnosis(row))
            row.edit.returnPressed.connect(lambda row=row: self._diagnosis_enter(row))
            row.completer.picked.connect(lambda s, row=row: self._diagnosis_picked(row, s))
            self.dx.append(row)
        grid.setColumnStretch(DX_PER_ROW * 3, 1)
        grid.addWidget(QWidget(ui.diagnosesHost), 0, DX_PER_ROW * 3)

        # service lines, under a row of column titles
        self.lines: list[LineRow] = []
        self.lines_layout = ui.linesHostLayout
        self.lines_layout.addWidget(self._line_headers())

        ui.addLineButton.clicked.connect(lambda: self.add_line(focus=True))
        ui.removeLineButton.clicked.connect(self.remove_current_line)
        ui.checkButton.clicked.connect(self.check)
        ui.saveButton.clicked.connect(self.save)
        ui.finalizeButton.clicked.connect(self.finalize)
        ui.backButton.clicked.connect(self.request_back)
        ui.findingsList.itemActivated.connect(self._finding_activated)
        for keys in ("Ctrl+Return", "Ctrl+Enter", "Ctrl+F"):
            shortcut(self, keys, self.finalize)
        shortcut(self, "F7", self.check)
        shortcut(self, "Ctrl+Delete", self.remove_current_line)
        ui.findingsFrame.setVisible(False)
        ui.errorLabel.setVisible(False)

    # --- building ---------------------------------------------------------------------------------------
    def _line_headers(self) -> QWidget:
        header = QWidget(self.ui.linesHost)
        layout = QHBoxLayout(header)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for text, width in (("#", 22), ("Code", 78), ("Description", LINE_DESCRIPTION_WIDTH), ("Modifiers", 96),
                            ("Units", 48), ("Dx ptr", 70), ("Charge", 92), ("NDC", 122), ("Unit", 48),
                            ("Qty", 70)):
            label = QLabel(text, header)
            label.setProperty("role", "columnHeader")
            label.setFixedWidth(width)
            if text in ("Units", "Charge"):
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            layout.addWidget(label)
        layout.addStretch(1)
        return header

    def add_line(self, line: ServiceLine | None = None, description: str = "", focus: bool = False) -> LineRow:
        row = LineRow(self, self.ui.linesHost)
        self.lines.append(row)
        self.lines_layout.addWidget(row)
        row.setVisible(True)  # now, not when the layout gets round to it: Enter moves the focus into it at once
        row.set_number(len(self.lines))
        if len(self.lines) > 1:  # the first line's hints are enough
            for edit in (row.modifiers, row.ndc, row.pointers):
                edit.setPlaceholderText("")
        if line is not None:
            row.fill(line, description)
        for edit in row.edits():
            edit.textEdited.connect(self._edited)
            edit.returnPressed.connect(lambda row=row: self._line_enter(row))
            edit.installEventFilter(self)
        row.code.editingFinished.connect(lambda row=row: self._code_finished(row))
        row.modifiers.editingFinished.connect(lambda row=row: self._price(row))
        row.units.editingFinished.connect(lambda row=row: self._price(row))
        row.charge.textEdited.connect(lambda text, row=row: setattr(row, "charge_auto", not text.strip()))
        for edit in row.edits():
            edit.textEdited.connect(self._update_total)
        row.completer.picked.connect(lambda s, row=row: self._procedure_picked(row, s))
        row.set_read_only(self.read_only)
        self._retab()
        if focus:
            self.ui.scroll.ensureWidgetVisible(row.code)
            row.code.setFocus()
        return row

    def remove_line(self, row: LineRow) -> None:
        if row not in self.lines:
            return
        row.completer.stop()
        self.lines.remove(row)
        self.lines_layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        for n, other in enumerate(self.lines, start=1):
            other.set_number(n)
        if not self.lines:
            self.add_line()
        self._retab()
        self._edited()
        self._update_total()

    def _retab(self) -> None:
        ui = self.ui
        chain: list[QWidget] = [ui.dosEdit, ui.posCombo, ui.priorAuthEdit, ui.renderingCombo, ui.billingCombo,
                                ui.facilityCombo, ui.referringCombo, ui.onsetQualCombo, ui.onsetEdit,
                                ui.otherQualCombo, ui.otherEdit]
        chain += [row.edit for row in self.dx]
        for row in self.lines:
            chain += row.edits()
        chain += [ui.addLineButton, ui.removeLineButton, ui.findingsList, ui.checkButton, ui.saveButton,
                  ui.finalizeButton, ui.backButton]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # --- loading -------------------------------------------------------------------------------------------
    def open_encounter(self, encounter_id: str) -> None:
        self.runner.run(load_existing, self.ws, encounter_id, success=self.show_loaded,
                        label="Opening the encounter…")

    def new_encounter(self, patient_id: str) -> None:
        self.runner.run(load_new, self.ws, patient_id, success=self.show_loaded, label="Starting an encounter…")

    def show_loaded(self, loaded: Loaded) -> None:
        ui = self.ui
        e, p = loaded.encounter, loaded.patient
        self.encounter, self.patient, self.choices = e, p, loaded.choices
        self.saved_once = not loaded.new
        self.result = None
        self._fill_choices(loaded.choices, e)
        ui.dosEdit.setText(date_text(e.date_of_service))
        ui.priorAuthEdit.setText(e.prior_authorization)
        for combo, value, edit in ((ui.onsetQualCombo, e.current_illness, ui.onsetEdit),
                                   (ui.otherQualCombo, e.other_date, ui.otherEdit)):
            if value is not None:
                select_data(combo, value.qualifier)
                edit.setText(date_text(value.on))
            else:
                combo.setCurrentIndex(0)
                edit.clear()
        infos = {i.code: i for i in loaded.diagnoses}
        for row in self.dx:
            row.completer.stop()
            code = e.diagnoses[row.index] if row.index < len(e.diagnoses) else ""
            row.edit.setText(format_icd10(code) if code else "")
            row.show_info(infos.get(code) if code else None)
        for old in list(self.lines):
            self.lines.remove(old)
            self.lines_layout.removeWidget(old)
            old.hide()
            old.deleteLater()
        procedures = loaded.procedures or {}
        self.read_only = e.is_finalized
        for line in e.lines:
            self.add_line(line, procedures.get(line.procedure, ""))
        if not self.read_only:
            self.add_line()
        self._diagnoses_changed()
        self._set_read_only(self.read_only)
        self.findings = []
        self._show_findings([], "")
        if e.is_finalized:
            self._show_claims(loaded.claims)
        self._clear_errors()
        self._set_dirty(False)
        self._update_title()
        self._update_total()
        self._retab()
        ui.scroll.verticalScrollBar().setValue(0)
        if self.read_only:
            ui.backButton.setFocus()
        elif e.lines or e.diagnoses:
            ui.dosEdit.setFocus()
        else:
            self.dx[0].edit.setFocus()

    def _fill_choices(self, c: ChargeFormChoices, e: Encounter) -> None:
        ui = self.ui
        places = [(f"{h.code} {h.description}", h.code) for h in c.places_of_service]
        if e.place_of_service and e.place_of_service not in {code for _t, code in places}:
            places.append((e.place_of_service, e.place_of_service))
        fill_combo(ui.posCombo, places, none_text="— choose —", keep=e.place_of_service or None)
        fill_combo(ui.renderingCombo, [(provider_label(p), p.id) for p in c.rendering], none_text="— choose —",
                   keep=e.rendering_provider_id)
        fill_combo(ui.billingCombo, [(provider_label(p), p.id) for p in c.billing], none_text="— choose —",
                   keep=e.billing_provider_id)
        fill_combo(ui.facilityCombo, [(f.name, f.id) for f in c.facilities], none_text="(the office: none)",
                   keep=e.facility_id)
        fill_combo(ui.referringCombo, [(person_label(r.last_name, r.first_name, r.credentials), r.id)
                                       for r in c.referring], none_text="(none)",
                   keep=e.referring_provider_id)
        for combo, wanted in ((ui.posCombo, e.place_of_service or None), (ui.renderingCombo, e.rendering_provider_id),
                              (ui.billingCombo, e.billing_provider_id), (ui.facilityCombo, e.facility_id),
                              (ui.referringCombo, e.referring_provider_id)):
            combo.blockSignals(True)
            select_data(combo, wanted)
            combo.blockSignals(False)

    def _update_title(self) -> None:
        ui = self.ui
        e, p = self.encounter, self.patient
        if e is None or p is None:
            return
        when = f" of {format_date(e.date_of_service)}" if e.date_of_service else ""
        ui.titleLabel.setText(f"Encounter{when}")
        ui.patientLabel.setText(f"<b>{p.display_name}</b> — account {p.account_number}"
                                + (f", born {format_date(p.date_of_birth)}" if p.date_of_birth else ""))
        if e.is_finalized:
            ui.statusLabel.setText("Finalized: read-only")
            set_state(ui.statusLabel, "finalized")
        else:
            ui.statusLabel.setText("New draft" if not self.saved_once else
                                   ("Draft: unsaved changes" if self.dirty else "Draft: saved"))
            set_state(ui.statusLabel, "")

    def _set_read_only(self, read_only: bool) -> None:
        ui = self.ui
        for edit in (ui.dosEdit, ui.priorAuthEdit, ui.onsetEdit, ui.otherEdit):
            edit.setReadOnly(read_only)
            repolish(edit)
        for combo in (ui.posCombo, ui.renderingCombo, ui.billingCombo, ui.facilityCombo, ui.referringCombo,
                      ui.onsetQualCombo, ui.otherQualCombo):
            combo.setEnabled(not read_only)
        for row in self.dx:
            row.edit.setReadOnly(read_only)
            repolish(row.edit)
        for line in self.lines:
            line.set_read_only(read_only)
        for button in (ui.addLineButton, ui.removeLineButton, ui.checkButton, ui.saveButton, ui.finalizeButton):
            button.setVisible(not read_only)
        ui.linesHintLabel.setVisible(not read_only)

    # --- typing -----------------------------------------------------------------------------------------------
    def _edited(self, *_: object) -> None:
        if self.encounter is not None and not self.read_only:
            self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        self._update_title()

    def _diagnoses_changed(self, *_: object) -> None:
        """Show the filled positions and the next empty one (all twelve at most)."""
        last = max((row.index for row in self.dx if row.edit.text().strip()), default=-1)
        shown = last + 1 if self.read_only else last + 2
        for row in self.dx:
            row.set_visible(row.index < max(shown, 1))
            if not row.edit.text().strip():
                row.show_info(None)

    def _diagnosis_enter(self, row: DiagnosisRow) -> None:
        if row.completer.popup_visible() and row.completer.highlighted() is not None:
            return  # the popup takes the highlighted code
        row.completer.hide()
        if row.edit.text().strip() and row.index + 1 < MAX_DIAGNOSES:
            self.dx[row.index + 1].edit.setFocus()
        elif self.lines:
            self.lines[0].code.setFocus()

    def _diagnosis_picked(self, row: DiagnosisRow, s: Suggestion) -> None:
        self._edited()
        if s.usable:
            set_elided(row.description, s.description, DX_DESCRIPTION_WIDTH)
            set_state(row.description, "")
            row.looked_up = s.code.replace(".", "")

    def _describe_diagnosis(self, row: DiagnosisRow) -> None:
        code = row.edit.text().strip().upper().replace(".", "").replace(" ", "")
        if not code or code == row.looked_up or self.read_only:
            return
        row.looked_up = code
        self.runner.run(diagnosis_info, self.ws, code, success=lambda info: self._described(row, code, info),
                        quiet=True, label="Looking up the diagnosis…")

    def _described(self, row: DiagnosisRow, code: str, info: DiagnosisInfo) -> None:
        if row.edit.text().strip().upper().replace(".", "").replace(" ", "") == code:
            row.show_info(info)

    def _line_enter(self, row: LineRow) -> None:
        if row.completer.popup_visible() and row.completer.highlighted() is not None:
            return  # the popup takes the highlighted code
        row.completer.hide()
        if row not in self.lines:
            return
        at = self.lines.index(row)
        if at + 1 < len(self.lines):
            target = self.lines[at + 1]
        elif not row.is_blank():
            target = self.add_line()
        else:
            self.ui.finalizeButton.setFocus()
            return
        self.ui.scroll.ensureWidgetVisible(target.code)
        target.code.setFocus()

    def _procedure_picked(self, row: LineRow, s: Suggestion) -> None:
        self._edited()
        set_elided(row.description, fee_note(s.note) if s.description == "(in the fee schedule)" else s.description,
                   LINE_DESCRIPTION_WIDTH)
        row.described = s.code
        self._price(row)

    def _code_finished(self, row: LineRow) -> None:
        code = row.code.text().strip().upper()
        if self.read_only:
            return
        if code and code != row.described and len(code) == 5:
            row.described = code
            set_elided(row.description, "", LINE_DESCRIPTION_WIDTH)
            row.priced = None  # a new code: its fee note and charge come again
            self.runner.run(procedure_description, self.ws, code,
                            success=lambda text: self._procedure_described(row, code, text),
                            quiet=True, label="Looking up the procedure…")
        elif not code:
            row.described = ""
            set_elided(row.description, "", LINE_DESCRIPTION_WIDTH)
        self._price(row)

    def _procedure_described(self, row: LineRow, code: str, text: str) -> None:
        if text and row in self.lines and row.code.text().strip().upper() == code:
            set_elided(row.description, text, LINE_DESCRIPTION_WIDTH)

    def _price(self, row: LineRow) -> None:
        """Fill the charge from the fee schedule while the user has not typed one."""
        if self.read_only or not row.charge_auto:
            return
        code = row.code.text().strip().upper()
        if len(code) != 5:
            return
        mods = parse_modifiers(row.modifiers.text())
        try:
            units = max(1, parse_whole(row.units.text(), "units", "units", default=1))
        except DomainError:
            return
        key = (code, mods, units)
        if row.priced == key and row.charge.text().strip():
            return
        row.priced = key

        def priced(cents: int | None) -> None:
            if row in self.lines and not row.description.text() and cents is not None:
                set_elided(row.description, fee_note(money(cents // units)), LINE_DESCRIPTION_WIDTH)
            if row.charge_auto and row in self.lines and row.priced == key:
                row.charge.setText(money_text(cents) if cents is not None else "")
                row.charge.setPlaceholderText("" if cents is not None else "no fee")
                self._update_total()

        self.runner.run(encounters.charge_for, self.ws, code, mods, units, success=priced, quiet=True,
                        label="Looking up the fee…")

    def _update_total(self, *_: object) -> None:
        total = 0
        for row in self.lines:
            with contextlib.suppress(DomainError):
                total += parse_money(row.charge.text(), "charge") or 0
        filled = sum(1 for row in self.lines if not row.is_blank())
        self.ui.totalLabel.setText(f"{filled} line{'s' if filled != 1 else ''} · Total {money(total)}")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Delete in a line field with nothing left to delete (or Ctrl+Delete) offers to remove the line."""
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Delete and isinstance(watched, QLineEdit) and not self.read_only):
            ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            nothing_to_delete = not watched.hasSelectedText() and watched.cursorPosition() >= len(watched.text())
            if ctrl or nothing_to_delete:
                row = self._row_of(watched)
                if row is not None:
                    self.ask_remove_line(row)
                    return True
        return super().eventFilter(watched, event)

    def _row_of(self, widget: QWidget | None) -> LineRow | None:
        while widget is not None:
            if isinstance(widget, LineRow):
                return widget
            widget = widget.parentWidget()
        return None

    def current_line(self) -> LineRow | None:
        from PySide6.QtWidgets import QApplication

        return self._row_of(QApplication.focusWidget())

    def remove_current_line(self) -> None:
        row = self.current_line() or (self.lines[-1] if self.lines else None)
        if row is not None and not self.read_only:
            self.ask_remove_line(row)

    def ask_remove_line(self, row: LineRow) -> None:
        n = self.lines.index(row) + 1
        code = row.code.text().strip().upper()
        if row.is_blank() and len(self.lines) == 1:
            return

        def remove() -> None:
            following = self.lines.index(row)
            self.remove_line(row)
            target = self.lines[min(following, len(self.lines) - 1)]
            target.code.setFocus()
            self.status_message.emit(f"Line {n} removed; save the draft to keep the change.")

        ask(self, "Remove line", f"Remove line {n}{f' ({code})' if code else ''}?", "&Remove line", remove)

    # --- reading the form --------------------------------------------------------------------------------------
    def read(self) -> Encounter:
        """The form as an Encounter; DomainError (with the field path) for what can't be read."""
        assert self.encounter is not None
        ui = self.ui
        dos = parse_date(ui.dosEdit.text(), "date_of_service", "date of service")
        onset_on = parse_date(ui.onsetEdit.text(), "current_illness", "onset date")
        other_on = parse_date(ui.otherEdit.text(), "other_date", "other date")
        typed = [row.edit.text().strip() for row in self.dx]
        last = max((i for i, t in enumerate(typed) if t), default=-1)
        for i in range(last):
            if not typed[i]:
                raise DomainError(f"Diagnosis {POINTER_LETTERS[i]} is empty but a later one is filled; fill "
                                  f"{POINTER_LETTERS[i]} or move the later codes up (pointers use the letters).",
                                  f"diagnoses[{i}]")
        diagnoses = tuple(typed[: last + 1])
        used = [row for row in self.lines if not row.is_blank()]
        self._line_rows_used = used
        lines = tuple(row.read(i, i + 1) for i, row in enumerate(used))
        return replace(
            self.encounter,
            date_of_service=dos,
            place_of_service=ui.posCombo.currentData() or "",
            prior_authorization=ui.priorAuthEdit.text(),
            rendering_provider_id=ui.renderingCombo.currentData(),
            billing_provider_id=ui.billingCombo.currentData(),
            facility_id=ui.facilityCombo.currentData(),
            referring_provider_id=ui.referringCombo.currentData(),
            current_illness=ClaimDate(ui.onsetQualCombo.currentData(), onset_on) if onset_on else None,
            other_date=ClaimDate(ui.otherQualCombo.currentData(), other_on) if other_on else None,
            diagnoses=diagnoses,
            lines=lines,
        )

    def widget_for(self, path: str) -> QWidget | None:
        """The widget a field path names ('lines[2].pointers', 'diagnoses[0]', 'billing_provider.npi')."""
        ui = self.ui
        m = _PATH.match(path)
        if m:
            kind, index, sub = m[1], int(m[2]), m[3] or ""
            if kind == "diagnoses":
                return self.dx[min(index, MAX_DIAGNOSES - 1)].edit
            rows = self._line_rows_used or [row for row in self.lines if not row.is_blank()]
            if not rows:
                return self.lines[0].code if self.lines else None
            row = rows[min(index, len(rows) - 1)]
            return {"procedure": row.code, "modifiers": row.modifiers, "units": row.units,
                    "pointers": row.pointers, "charge_cents": row.charge, "ndc": row.ndc,
                    "ndc_unit": row.ndc_unit, "ndc_quantity": row.ndc_quantity}.get(sub, row.code)
        head = path.split(".")[0].split("[")[0]
        top: dict[str, QWidget] = {
            "date_of_service": ui.dosEdit, "place_of_service": ui.posCombo, "prior_authorization": ui.priorAuthEdit,
            "rendering_provider_id": ui.renderingCombo, "rendering_provider": ui.renderingCombo,
            "billing_provider_id": ui.billingCombo, "billing_provider": ui.billingCombo,
            "facility_id": ui.facilityCombo, "facility": ui.facilityCombo,
            "referring_provider_id": ui.referringCombo, "referring_provider": ui.referringCombo,
            "current_illness": ui.onsetEdit, "other_date": ui.otherEdit, "diagnoses": self.dx[0].edit,
        }
        if head == "lines":
            return self.lines[0].code if self.lines else ui.addLineButton
        return top.get(head)

    def focus_path(self, path: str) -> QWidget | None:
        widget = self.widget_for(path)
        if widget is None:
            return None
        if isinstance(widget, QLineEdit) and widget in [row.edit for row in self.dx]:
            self.dx[[row.edit for row in self.dx].index(widget)].set_visible(True)
        self.ui.scroll.ensureWidgetVisible(widget)
        widget.setFocus()
        if isinstance(widget, QLineEdit):
            widget.selectAll()
        self._mark(widget)
        return widget

    def _mark(self, widget: QWidget) -> None:
        set_invalid(widget, True)
        if widget not in self._marked:
            self._marked.append(widget)
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(lambda _t, w=widget: set_invalid(w, False))
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(lambda _i, w=widget: set_invalid(w, False))

    def _clear_errors(self) -> None:
        self.ui.errorLabel.clear()
        self.ui.errorLabel.setVisible(False)
        for widget in self._marked:
            set_invalid(widget, False)

    def show_error(self, exc: BaseException) -> None:
        """A refusal: the message beside the buttons, the field marked and focused."""
        self._back_when_saved = False
        self.ui.errorLabel.setText(error_text(exc))
        self.ui.errorLabel.setVisible(True)
        field = getattr(exc, "field", None)
        if field and self.focus_path(field) is None:
            self.ui.errorLabel.setText(error_text(exc) + " (not on this form)")

    # --- saving, checking, finalizing ------------------------------------------------------------------------
    def _start(self, what: str) -> Encounter | None:
        if self.busy or self.read_only or self.encounter is None:
            return None
        self._clear_errors()
        for row in self.dx:
            row.completer.stop()
        for line in self.lines:
            line.completer.stop()
        try:
            encounter = self.read()
        except DomainError as exc:
            self.show_error(exc)
            return None
        self._set_busy(True)
        self.status_message.emit(what)
        return encounter

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for button in (self.ui.checkButton, self.ui.saveButton, self.ui.finalizeButton):
            button.setEnabled(not busy)

    def save(self) -> None:
        encounter = self._start("Saving the draft…")
        if encounter is None:
            return
        self.runner.run(encounters.save_encounter, self.ws, encounter, success=self._saved, failure=self.show_error,
                        finished=lambda: self._set_busy(False), label="Saving the draft…")

    def _saved(self, encounter: Encounter) -> None:
        self._adopt(encounter)
        self.status_message.emit("Draft saved.")
        self.saved.emit(encounter)
        if self._back_when_saved:
            self._back_when_saved = False
            self.back_requested.emit()

    def _adopt(self, encounter: Encounter) -> None:
        """The stored encounter becomes the form's (its lines keep their ids from now on)."""
        self.encounter = encounter
        self.saved_once = True
        for row, line in zip(self._line_rows_used, encounter.lines, strict=False):
            row.line = line
        self._set_dirty(False)

    def check(self) -> None:
        encounter = self._start("Checking the encounter…")
        if encounter is None:
            return
        self.runner.run(save_and_scrub, self.ws, encounter, success=self._checked, failure=self.show_error,
                        finished=lambda: self._set_busy(False), label="Checking the encounter…")

    def _checked(self, result: tuple[Encounter, list[Finding]]) -> None:
        encounter, findings = result
        self._adopt(encounter)
        self.saved.emit(encounter)
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        warnings = len(findings) - errors
        if not findings:
            summary = "✔ No problems found: the encounter is ready to finalize (Ctrl+Enter)."
        else:
            summary = (f"{errors} error{'s' if errors != 1 else ''} (block finalizing), {warnings} "
                       f"warning{'s' if warnings != 1 else ''}. Enter on a finding goes to its field.")
        self._show_findings(findings, summary)
        self.status_message.emit("Checked: " + summary)
        if findings:
            self.ui.findingsList.setFocus()
            self.ui.findingsList.setCurrentRow(0)

    def finalize(self) -> None:
        if self.read_only:
            return
        encounter = self._start("Finalizing…")
        if encounter is None:
            return
        self.runner.run(save_and_finalize, self.ws, encounter, success=self._finalized, failure=self._not_finalized,
                        finished=lambda: self._set_busy(False), label="Finalizing the encounter…")

    def _not_finalized(self, exc: Exception) -> None:
        if isinstance(exc, ScrubFailed):
            self._set_dirty(False)
            self.saved_once = True
            errors = [f for f in exc.findings if f.severity is Severity.ERROR]
            self._show_findings(list(exc.findings),
                                f"Not finalized: fix {len(errors)} error{'s' if len(errors) != 1 else ''} first "
                                "(the draft is saved). Enter on a finding goes to its field.")
            self.ui.findingsList.setFocus()
            self.ui.findingsList.setCurrentRow(0)
            self.status_message.emit("Not finalized: the scrubber found errors.")
            return
        self.show_error(exc)

    def _finalized(self, result: FinalizeResult) -> None:
        self.result = result
        self.encounter = result.encounter
        self.read_only = True
        self._set_read_only(True)
        for row in self.lines[:]:
            if row.is_blank():
                self.remove_line(row)
        self._diagnoses_changed()
        self._set_dirty(False)
        self._show_claims(result.claims, result)
        self.ui.backButton.setFocus()
        self.status_message.emit(f"Finalized: {money(result.total_cents)} posted, "
                                 f"{len(result.claims)} draft claim{'s' if len(result.claims) != 1 else ''} made.")
        self.finalized.emit(result)

    def _show_claims(self, claims: tuple[Any, ...], result: FinalizeResult | None = None) -> None:
        ui = self.ui
        ui.findingsFrame.setVisible(True)
        ui.findingsList.clear()
        if result is not None:
            first = next((c for c in claims if c.rank is Party.PRIMARY), None)
            who = (f"owed by {first.payer_name} (primary)" if first is not None
                   else "owed by the patient (no insurance in effect)")
            ui.findingsLabel.setText(f"Finalized: {money(result.total_cents)} in charges posted, {who}. "
                                     + (f"{len(claims)} draft claim{'s' if len(claims) != 1 else ''} made, "
                                        "primary first." if claims else ""))
        else:
            ui.findingsLabel.setText("Finalized: the charges are posted and can't be edited here."
                                     + (f" Claims: {len(claims)}." if claims else ""))
        for c in claims:
            item = QListWidgetItem(f"Claim {c.claim_number}: {c.payer_name} ({RANK_WORDS.get(c.rank, '')}) — "
                                   f"{c.status}")
            ui.findingsList.addItem(item)
        for f in (result.warnings if result is not None else ()):
            self._add_finding(f)

    def _show_findings(self, findings: list[Finding], summary: str) -> None:
        ui = self.ui
        self.findings = findings
        ui.findingsList.clear()
        ui.findingsFrame.setVisible(bool(summary))
        ui.findingsLabel.setText(summary)
        for f in sorted(findings, key=lambda f: f.severity is not Severity.ERROR):
            self._add_finding(f)

    def _add_finding(self, f: Finding) -> None:
        mark = "✖ Error" if f.severity is Severity.ERROR else "⚠ Warning"
        item = QListWidgetItem(f"{mark}: {f.message}")
        item.setData(Qt.ItemDataRole.UserRole, f.field)
        item.setToolTip(f"{f.message}\n(rule {f.rule}, field {f.field})")
        if f.severity is Severity.ERROR:
            item.setForeground(Qt.GlobalColor.darkRed)
        self.ui.findingsList.addItem(item)

    def _finding_activated(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if not path:
            return
        if self.focus_path(str(path)) is None:
            self.status_message.emit("That is fixed outside the charge-entry form: " + item.text())

    # --- leaving --------------------------------------------------------------------------------------------
    def request_back(self) -> None:
        if not self.dirty or self.read_only:
            self.back_requested.emit()
            return
        box = QMessageBox(QMessageBox.Icon.Question, "Unsaved changes",
                          "The encounter has changes that are not saved.", QMessageBox.StandardButton.NoButton, self)
        save = box.addButton("&Save draft and go back", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("&Discard changes", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)

        def done(_r: int) -> None:
            self.window().activateWindow()
            clicked = box.clickedButton()
            if clicked is discard:
                self._set_dirty(False)
                self.back_requested.emit()
            elif clicked is save:
                self._back_when_saved = True
                self.save()

        box.finished.connect(done)
        box.open()

    def focus_first(self) -> None:
        if self.read_only:
            self.ui.backButton.setFocus()
        else:
            self.ui.dosEdit.setFocus()

