"""Charges (billers): the encounters waiting for charges, any patient's encounters, and the charge-entry form.

Keyboard: Enter on a draft opens it; type in the search box to find a patient, Down/Enter to choose one,
Enter on one of their encounters opens it, Ctrl+N starts a new encounter for the chosen patient. In the
form, Ctrl+S saves the draft, F7 checks, Ctrl+Enter finalizes, Alt+L goes back to the list.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from medbill_desktop.domain.encounters import EncounterStatus
from medbill_desktop.gui.desk_models import Column, RowsModel, prepare_table
from medbill_desktop.gui.desk_style import apply_desk_style, shortcut
from medbill_desktop.gui.encounter_form import EncounterForm
from medbill_desktop.gui.fields import error_text
from medbill_desktop.gui.forms.ui_charges import Ui_ChargesPage
from medbill_desktop.gui.inputs import Debouncer, date_text, money
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.gui.workspaces import Workspace
from medbill_desktop.services import encounters, patients
from medbill_desktop.services.context import Actor, Workstation
from medbill_desktop.services.encounters import EncounterSummary
from medbill_desktop.services.front_desk_views import OpenEncounter, open_encounters
from medbill_desktop.services.patients import PatientHit

STATUS_WORDS = {EncounterStatus.DRAFT: "Draft", EncounterStatus.FINALIZED: "Finalized"}


class ChargesWorkspace(Workspace):
    saves = True

    def __init__(self, runner: OpRunner, ws: Workstation, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(runner, ws, actor, parent)
        self.ui = ui = Ui_ChargesPage()
        ui.setupUi(self)
        apply_desk_style(self)
        self.form = EncounterForm(runner, ws, ui.formPage)
        ui.formLayout.addWidget(self.form)
        self.form.back_requested.connect(self.show_list)
        self.form.status_message.connect(self.status_message)

        self.drafts: RowsModel[OpenEncounter] = RowsModel([
            Column("Date of service", lambda e: date_text(e.date_of_service) or "not set", width=132),
            Column("Patient", lambda e: e.patient_name, width=220),
            Column("Account", lambda e: e.account_number, width=120),
            Column("Lines", lambda e: str(e.line_count), right=True, width=60),
            Column("Charges", lambda e: money(e.total_cents), right=True, width=100),
            Column("", lambda e: "waiting for charges" if not e.line_count else "draft: check and finalize"),
        ], self)
        prepare_table(ui.draftsTable, self.drafts)
        self.patients: RowsModel[PatientHit] = RowsModel([
            Column("Account", lambda h: h.account_number, width=110),
            Column("Name", lambda h: h.display_name, width=180),
            Column("Date of birth", lambda h: date_text(h.date_of_birth)),
        ], self)
        prepare_table(ui.patientsTable, self.patients)
        self.encounters: RowsModel[EncounterSummary] = RowsModel([
            Column("Date of service", lambda e: date_text(e.date_of_service) or "not set", width=132),
            Column("Status", lambda e: STATUS_WORDS[e.status], width=90),
            Column("Lines", lambda e: str(e.line_count), right=True, width=60),
            Column("Charges", lambda e: money(e.total_cents), right=True),
        ], self)
        prepare_table(ui.encountersTable, self.encounters)

        self._search_seq = 0
        self._patient_seq = 0
        self.debounce = Debouncer(self.search_now, parent=self, alive=runner.is_running)
        self.patient_debounce = Debouncer(self._load_patient_encounters, parent=self,
                                         alive=runner.is_running)
        ui.searchEdit.textEdited.connect(lambda _t: self.debounce.poke())
        ui.searchEdit.returnPressed.connect(self._search_entered)
        ui.searchEdit.installEventFilter(self)
        ui.draftsTable.activated.connect(lambda _i: self.open_selected_draft())
        ui.patientsTable.selectionModel().currentRowChanged.connect(lambda *_: self.patient_debounce.poke())
        ui.patientsTable.activated.connect(lambda _i: self._patient_chosen())
        ui.encountersTable.activated.connect(lambda _i: self.open_selected_encounter())
        ui.newEncounterButton.clicked.connect(self.new_encounter)
        shortcut(ui.listPage, "Ctrl+N", self.new_encounter)
        self._open_first = 0

    # --- the list page -------------------------------------------------------------------------------
    def activate(self) -> None:
        if self.ui.stack.currentWidget() is self.ui.listPage:
            self.reload()

    def reload(self) -> None:
        self.runner.run(open_encounters, self.ws, success=self._drafts_loaded, label="Loading the open encounters…")
        self._load_patient_encounters()

    def _drafts_loaded(self, rows: list[OpenEncounter]) -> None:
        current = self.selected(self.ui.draftsTable, self.drafts)
        current_id = current.id if isinstance(current, OpenEncounter) else None
        self.drafts.set_rows(rows)
        self.ui.draftsTitle.setText(f"Encounters waiting for charges: {len(rows)} draft{'s' if len(rows) != 1 else ''}"
                                    ", oldest first" if rows else "No encounters waiting for charges.")
        at = self.drafts.index_of(lambda e: e.id == current_id) if current_id else -1
        if rows:
            self.ui.draftsTable.selectRow(max(at, 0))

    @staticmethod
    def selected(table: object, model: RowsModel) -> object:  # type: ignore[type-arg]
        index = table.currentIndex()  # type: ignore[attr-defined]
        return model.row_at(index.row()) if index.isValid() else None

    def search_now(self) -> None:
        self.debounce.cancel()
        text = self.ui.searchEdit.text()
        self._search_seq += 1
        seq = self._search_seq
        if not text.strip():
            self.patients.set_rows([])
            return
        self.runner.run(patients.search_patients, self.ws, text, 50, success=lambda hits: self._found(seq, hits),
                        failure=lambda exc: self._refused(seq, exc), quiet=True, label="Searching patients…")

    def _found(self, seq: int, hits: list[PatientHit]) -> None:
        if seq != self._search_seq:
            return
        self.patients.set_rows(hits)
        self.ui.listMessageLabel.setText(f"{len(hits)} patient{'s' if len(hits) != 1 else ''} found." if hits
                                         else "No patient found.")
        if hits and self._open_first == seq:
            self.ui.patientsTable.selectRow(0)
            self.ui.patientsTable.setFocus()
        self._open_first = 0

    def _refused(self, seq: int, exc: Exception) -> None:
        if seq == self._search_seq:
            self.patients.set_rows([])
            self.ui.listMessageLabel.setText(error_text(exc))

    def _search_entered(self) -> None:
        self.search_now()
        self._open_first = self._search_seq

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (watched is self.ui.searchEdit and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Down and self.patients.rows):
            self.ui.patientsTable.setFocus()
            if not self.ui.patientsTable.selectionModel().hasSelection():
                self.ui.patientsTable.selectRow(0)
            return True
        return super().eventFilter(watched, event)

    def chosen_patient(self) -> PatientHit | None:
        hit = self.selected(self.ui.patientsTable, self.patients)
        return hit if isinstance(hit, PatientHit) else None

    def _load_patient_encounters(self) -> None:
        hit = self.chosen_patient()
        self._patient_seq += 1
        seq = self._patient_seq
        if hit is None:
            self.encounters.set_rows([])
            return
        self.runner.run(encounters.list_encounters, self.ws, hit.id,
                        success=lambda rows: self._encounters_loaded(seq, rows), quiet=True,
                        label="Loading the encounters…")

    def _encounters_loaded(self, seq: int, rows: list[EncounterSummary]) -> None:
        if seq == self._patient_seq:
            self.encounters.set_rows(rows)
            if rows:
                self.ui.encountersTable.selectRow(0)

    def _patient_chosen(self) -> None:
        self.patient_debounce.cancel()
        self._load_patient_encounters()
        self.ui.encountersTable.setFocus()

    def open_selected_draft(self) -> None:
        row = self.selected(self.ui.draftsTable, self.drafts)
        if isinstance(row, OpenEncounter):
            self.open_encounter(row.id)

    def open_selected_encounter(self) -> None:
        row = self.selected(self.ui.encountersTable, self.encounters)
        if isinstance(row, EncounterSummary):
            self.open_encounter(row.id)

    def new_encounter(self) -> None:
        hit = self.chosen_patient()
        if hit is None:
            draft = self.selected(self.ui.draftsTable, self.drafts)
            patient_id = draft.patient_id if isinstance(draft, OpenEncounter) and self.ui.draftsTable.hasFocus() \
                else None
        else:
            patient_id = hit.id
        if patient_id is None:
            self.ui.listMessageLabel.setText("Find and choose the patient first, then Ctrl+N.")
            self.ui.searchEdit.setFocus()
            return
        self.show_form()
        self.form.new_encounter(patient_id)

    # --- the form page ---------------------------------------------------------------------------------
    def open_encounter(self, encounter_id: str) -> None:
        self.show_form()
        self.form.open_encounter(encounter_id)

    def show_form(self) -> None:
        self.ui.stack.setCurrentWidget(self.ui.formPage)

    def show_list(self) -> None:
        self.ui.stack.setCurrentWidget(self.ui.listPage)
        self.reload()
        (self.ui.draftsTable if self.drafts.rows else self.ui.searchEdit).setFocus()

    def can_save(self) -> bool:
        return self.ui.stack.currentWidget() is self.ui.formPage and not self.form.read_only

    def save(self) -> None:
        if self.can_save():
            self.form.save()

    def focus_first(self) -> None:
        if self.ui.stack.currentWidget() is self.ui.formPage:
            self.form.focus_first()
        elif self.drafts.rows:
            self.ui.draftsTable.setFocus()
        else:
            self.ui.searchEdit.setFocus()
