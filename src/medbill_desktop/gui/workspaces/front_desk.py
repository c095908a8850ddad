"""Front desk: find a patient as you type, register or edit them, keep their insurance in order, record
eligibility checks, check them in and take the copay, and open the account summary.

Keyboard: type in the search box (name, date of birth, account number or phone); Down goes to the results,
Enter opens the patient and puts the focus on Check in. Ctrl+N registers a new patient, Ctrl+E edits the
chosen one, Ctrl+F goes back to the search box, Ctrl+P takes a payment, Ctrl+Shift+L opens the account
ledger (Ctrl+L locks the screen).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QDialog, QWidget

from medbill_desktop.domain.coverage import Coverage, EligibilityCheck
from medbill_desktop.domain.patients import Patient, format_date
from medbill_desktop.domain.practice import format_phone
from medbill_desktop.domain.roles import Permission, allows
from medbill_desktop.gui.account_ledger_view import AccountLedgerDialog
from medbill_desktop.gui.account_summary import AccountSummaryDialog
from medbill_desktop.gui.checkin_dialog import CheckInDialog
from medbill_desktop.gui.coverage_dialog import METHOD_LABELS, RANK_LABELS, CoverageDialog, EligibilityDialog
from medbill_desktop.gui.desk_models import WARN_COLOR, Column, RowsModel, prepare_table
from medbill_desktop.gui.desk_style import apply_desk_style, ask, return_focus, shortcut
from medbill_desktop.gui.fields import error_text
from medbill_desktop.gui.forms.ui_front_desk import Ui_FrontDeskPage
from medbill_desktop.gui.inputs import Debouncer, date_text, money
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.gui.patient_form import PatientDialog, format_zip
from medbill_desktop.gui.patient_payment_dialog import PatientPaymentDialog
from medbill_desktop.gui.workspaces import Workspace
from medbill_desktop.services import checkin, coverage, patients
from medbill_desktop.services.checkin import CheckIn, PaymentReceipt
from medbill_desktop.services.context import Actor, Workstation
from medbill_desktop.services.front_desk_views import PatientFile, patient_file
from medbill_desktop.services.patients import PatientHit

MAX_RESULTS = 50
SEX_WORDS = {"F": "female", "M": "male", "U": "sex not recorded"}


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def hit_of(p: Patient) -> PatientHit:
    return PatientHit(p.id, p.account_number, p.display_name, p.date_of_birth,
                      format_phone(p.primary_phone) if p.primary_phone else "")


def patient_html(p: Patient, today: date) -> str:
    parts = [f"Account <b>{p.account_number}</b>"]
    if p.date_of_birth:
        parts.append(f"born <b>{format_date(p.date_of_birth)}</b> ({age_on(p.date_of_birth, today)})")
    parts.append(SEX_WORDS.get(p.sex.value, ""))
    lines = [" · ".join(x for x in parts if x)]
    if p.address is not None:
        a = p.address
        street = ", ".join(x for x in (a.line1, a.line2) if x)
        lines.append(f"{street}, {a.city}, {a.state} {format_zip(a.zip_code)}")
    phones = [f"{label} {format_phone(n)}" for label, n in (("Home", p.home_phone), ("Cell", p.cell_phone),
                                                            ("Work", p.work_phone)) if n]
    if p.email:
        phones.append(p.email)
    if phones:
        lines.append(" · ".join(phones))
    g = p.guarantor
    lines.append(f"Guarantor: <b>{g.display_name}</b> ({g.relationship.value})"
                 + (f", {format_phone(g.phone)}" if g.phone else "") if g else "Guarantor: the patient")
    lines.append(f"Release of information signed {format_date(p.release_signed_on)}" if p.release_signed_on
                 else "<span style='color:#8a1c1c'>Release of information not on file (item 12)</span>")
    return "<br>".join(lines)


def last_check_text(checks: list[EligibilityCheck]) -> str:
    if not checks:
        return "never checked"
    last = checks[0]
    return f"{'active' if last.active else 'NOT active'} {format_date(last.checked_on)}"


def check_tip(c: EligibilityCheck) -> str:
    how = METHOD_LABELS[c.method]
    return (f"Checked {format_date(c.checked_on)} by {c.checked_by} ({how.lower()})"
            + (f"\nReference {c.reference_number}" if c.reference_number else "")
            + (f"\n{c.note}" if c.note else ""))


def coverage_dates(c: Coverage) -> str:
    if c.effective_from and c.effective_to:
        return f"{format_date(c.effective_from)} – {format_date(c.effective_to)}"
    if c.effective_from:
        return f"from {format_date(c.effective_from)}"
    if c.effective_to:
        return f"until {format_date(c.effective_to)}"
    return "open-ended"


class FrontDeskWorkspace(Workspace):
    def __init__(self, runner: OpRunner, ws: Workstation, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(runner, ws, actor, parent)
        self.ui = ui = Ui_FrontDeskPage()
        ui.setupUi(self)
        apply_desk_style(self)
        self.file: PatientFile | None = None
        self.dialog: QDialog | None = None
        self._search_seq = 0
        self._open_first = 0
        self._load_seq = 0
        self.searches = 0

        self.results: RowsModel[PatientHit] = RowsModel([
            Column("Name", lambda h: h.display_name, stretch=True,
                   tip=lambda h: f"{h.display_name}, phone {h.phone}" if h.phone else h.display_name),
            Column("Born", lambda h: date_text(h.date_of_birth), width=98),
            Column("Account", lambda h: h.account_number, width=108),
        ], self)
        prepare_table(ui.resultsTable, self.results)
        self.coverages: RowsModel[Coverage] = RowsModel([
            Column("Order", lambda c: RANK_LABELS.get(c.rank, c.rank.value), width=84),
            Column("Payer", lambda c: self.file.payer_name(c.payer_id) if self.file else "", stretch=True,
                   tip=self._coverage_tip),
            Column("Member ID", lambda c: c.member_id, width=116),
            Column("Copay", lambda c: money(c.copay_cents), right=True, width=68),
            Column("Eligibility", self._eligibility_text, width=150, color=self._eligibility_color,
                   tip=self._coverage_tip),
        ], self)
        prepare_table(ui.coveragesTable, self.coverages)
        self.checks: RowsModel[EligibilityCheck] = RowsModel([
            Column("Checked", lambda c: format_date(c.checked_on), width=94, tip=check_tip),
            Column("Active", lambda c: "yes" if c.active else "NO", width=64,
                   color=lambda c: None if c.active else WARN_COLOR),
            Column("Copay", lambda c: money(c.copay_cents, "—"), right=True, width=70),
            Column("Deductible", lambda c: money(c.deductible_remaining_cents, "—"), right=True, width=100),
            Column("Out of pocket", lambda c: money(c.out_of_pocket_remaining_cents, "—"), right=True, width=122),
            Column("Note", lambda c: " · ".join(x for x in (c.reference_number, c.note) if x),
                   stretch=True, tip=check_tip),
        ], self)
        prepare_table(ui.checksTable, self.checks)
        ui.splitter.setStretchFactor(0, 2)
        ui.splitter.setStretchFactor(1, 3)
        ui.splitter.setSizes([400, 620])

        self.debounce = Debouncer(self.search_now, parent=self, alive=runner.is_running)
        self.select_debounce = Debouncer(self._load_selected, parent=self, alive=runner.is_running)
        ui.searchEdit.textEdited.connect(self._search_edited)
        ui.searchEdit.returnPressed.connect(self._search_entered)
        ui.searchEdit.installEventFilter(self)
        ui.resultsTable.selectionModel().currentRowChanged.connect(lambda *_: self.select_debounce.poke())
        ui.resultsTable.activated.connect(lambda _index: self.open_selected(focus=True))
        ui.coveragesTable.selectionModel().currentRowChanged.connect(lambda *_: self._coverage_changed())
        ui.coveragesTable.activated.connect(lambda _index: self.edit_coverage())

        ui.newPatientButton.clicked.connect(self.new_patient)
        ui.editPatientButton.clicked.connect(self.edit_patient)
        ui.checkInButton.clicked.connect(self.check_in)
        ui.paymentButton.clicked.connect(self.take_payment)
        ui.accountButton.clicked.connect(self.account_summary)
        ui.paymentButton.setToolTip("Take a payment: apply it to visits or hold it as credit (Ctrl+P)")
        ui.accountButton.setToolTip("Balances, credit and open visits; from there the account ledger "
                                    "(the ledger straight away: Ctrl+Shift+L)")
        ui.addCoverageButton.clicked.connect(self.add_coverage)
        ui.editCoverageButton.clicked.connect(self.edit_coverage)
        ui.removeCoverageButton.clicked.connect(self.remove_coverage)
        ui.eligibilityButton.clicked.connect(self.record_eligibility)
        shortcut(self, "Ctrl+N", self.new_patient)
        shortcut(self, "Ctrl+E", self.edit_patient)
        shortcut(self, "Ctrl+F", self.focus_first)
        shortcut(self, "Ctrl+P", self.take_payment)
        shortcut(self, "Ctrl+Shift+L", self.account_ledger)
        self.can_register = allows(actor.role, Permission.REGISTER_PATIENTS)
        self.can_take_payments = allows(actor.role, Permission.TAKE_PATIENT_PAYMENTS)
        ui.resultsLabel.setText("Type a few letters of the last name, a date of birth, an account number or a phone "
                                "number.")
        self.show_file(None)

    # --- searching -----------------------------------------------------------------------------------
    def _search_edited(self, _text: str) -> None:
        self.debounce.poke()

    def search_now(self) -> None:
        self.debounce.cancel()
        text = self.ui.searchEdit.text()
        self._search_seq += 1
        seq = self._search_seq
        if not text.strip():
            self.results.set_rows([])
            self.ui.resultsLabel.setText("")
            return
        self.searches += 1
        self.runner.run(patients.search_patients, self.ws, text, MAX_RESULTS,
                        success=lambda hits: self._found(seq, hits),
                        failure=lambda exc: self._search_refused(seq, exc),
                        quiet=True, label="Searching patients…")

    def _found(self, seq: int, hits: list[PatientHit]) -> None:
        if seq != self._search_seq:
            return  # the user typed on; a newer search is on its way
        open_first = self._open_first == seq
        self._open_first = 0
        current = self.file.patient.id if self.file else None
        self.results.set_rows(hits)
        n = len(hits)
        more = " (the first 50; type more to narrow)" if n >= MAX_RESULTS else ""
        self.ui.resultsLabel.setText(f"{n} patient{'s' if n != 1 else ''} found{more}" if n
                                     else "No patient found. Check the spelling, or register a new patient (Ctrl+N).")
        row = self.results.index_of(lambda h: h.id == current) if current else -1
        if row >= 0:
            self.ui.resultsTable.selectionModel().blockSignals(True)
            self.ui.resultsTable.selectRow(row)
            self.ui.resultsTable.selectionModel().blockSignals(False)
        if open_first and hits:
            self.ui.resultsTable.selectRow(0)
            self.open_selected(focus=True)

    def _search_refused(self, seq: int, exc: Exception) -> None:
        if seq == self._search_seq:
            self.results.set_rows([])
            self.ui.resultsLabel.setText(error_text(exc))

    def _search_entered(self) -> None:
        """Enter in the search box: search now and open the first patient found."""
        self.search_now()
        self._open_first = self._search_seq

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (watched is self.ui.searchEdit and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Down and self.results.rows):
            table = self.ui.resultsTable
            table.setFocus()
            if not table.selectionModel().hasSelection():
                table.selectRow(0)
            return True
        return super().eventFilter(watched, event)

    # --- the chosen patient ---------------------------------------------------------------------------
    def selected_hit(self) -> PatientHit | None:
        index = self.ui.resultsTable.currentIndex()
        return self.results.row_at(index.row()) if index.isValid() else None

    def _load_selected(self) -> None:
        hit = self.selected_hit()
        if hit is not None and (self.file is None or self.file.patient.id != hit.id):
            self.open_patient(hit.id)

    def open_selected(self, focus: bool = False) -> None:
        self.select_debounce.cancel()
        hit = self.selected_hit()
        if hit is not None:
            self.open_patient(hit.id, focus=focus)

    def open_patient(self, patient_id: str, focus: bool = False) -> None:
        self._load_seq += 1
        seq = self._load_seq
        self.runner.run(patient_file, self.ws, patient_id, success=lambda f: self._loaded(seq, f, focus),
                        label="Opening the patient…")

    def reload(self) -> None:
        if self.file is not None:
            self.open_patient(self.file.patient.id)

    def _loaded(self, seq: int, found: PatientFile, focus: bool) -> None:
        if seq != self._load_seq:
            return
        self.show_file(found)
        if focus and self.dialog_open() is None:
            return_focus(self.ui.checkInButton, self.ui.searchEdit)

    def show_file(self, found: PatientFile | None) -> None:
        ui = self.ui
        previous_coverage = self.selected_coverage()
        self.file = found
        has = found is not None
        for button in (ui.editPatientButton, ui.checkInButton, ui.addCoverageButton):
            button.setEnabled(has and self.can_register)
        ui.paymentButton.setEnabled(has and self.can_take_payments)
        ui.accountButton.setEnabled(has)
        if found is None:
            ui.patientNameLabel.setText("No patient chosen")
            ui.patientDetailsLabel.setText("Find a patient with the search box, or register a new one (Ctrl+N).")
            ui.warningsLabel.setVisible(False)
            self.coverages.set_rows([])
            self.checks.set_rows([])
            self._coverage_changed()
            return
        p = found.patient
        ui.patientNameLabel.setText(p.display_name)
        ui.patientDetailsLabel.setText(patient_html(p, self.ws.today()))
        ui.warningsLabel.setText("\n".join(f"⚠ {w}" for w in found.warnings))
        ui.warningsLabel.setVisible(bool(found.warnings))
        self.coverages.set_rows(found.coverages)
        keep = previous_coverage.id if previous_coverage else None
        row = self.coverages.index_of(lambda c: c.id == keep) if keep else -1
        if found.coverages:
            ui.coveragesTable.selectRow(max(row, 0))
        ui.coverageTitle.setText("Insurance, in billing order" if found.coverages
                                 else "Insurance: none on file (self-pay). Add the card with Add coverage.")
        self._coverage_changed()

    def selected_coverage(self) -> Coverage | None:
        index = self.ui.coveragesTable.currentIndex()
        return self.coverages.row_at(index.row()) if index.isValid() else None

    def _coverage_changed(self) -> None:
        c = self.selected_coverage()
        ui = self.ui
        for button in (ui.editCoverageButton, ui.removeCoverageButton, ui.eligibilityButton):
            button.setEnabled(c is not None and self.can_register)
        rows = self.file.checks_of(c.id) if (self.file and c) else []
        self.checks.set_rows(rows)
        if c is None:
            ui.checksTitle.setText("Eligibility checks")
        else:
            name = self.file.payer_name(c.payer_id) if self.file else ""
            ui.checksTitle.setText(f"Eligibility checks: {name} ({RANK_LABELS.get(c.rank, '').lower()})"
                                   + (", newest first; amounts still to meet" if rows else " — none recorded yet"))

    def _eligibility_text(self, c: Coverage) -> str:
        today = self.ws.today()
        if c.effective_to is not None and c.effective_to < today:
            return f"ended {format_date(c.effective_to)}"
        if c.effective_from is not None and c.effective_from > today:
            return f"starts {format_date(c.effective_from)}"
        return last_check_text(self.file.checks_of(c.id)) if self.file else ""

    def _eligibility_color(self, c: Coverage) -> QColor | None:
        if self.file is None:
            return None
        warned = any(f"member ID {c.member_id})" in w for w in self.file.warnings)  # missing, old or inactive
        return WARN_COLOR if warned else None

    def _coverage_tip(self, c: Coverage) -> str:
        parts = [f"{self.file.payer_name(c.payer_id) if self.file else ''}"
                 + (f" — {c.plan_name}" if c.plan_name else ""),
                 f"Member ID {c.member_id}" + (f", group {c.group_number}" if c.group_number else ""),
                 f"In effect: {coverage_dates(c)}",
                 "Subscriber: the patient" if c.subscriber is None else
                 f"Subscriber: {c.subscriber.first_name} {c.subscriber.last_name} ({c.relationship.value})"]
        return "\n".join(parts)

    # --- dialogs ---------------------------------------------------------------------------------------
    def dialog_open(self) -> QDialog | None:
        return self.dialog if self.dialog is not None and self.dialog.isVisible() else None

    def _open(self, dialog: QDialog, focus_after: QWidget | None = None) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        target = focus_after or self.ui.searchEdit
        dialog.finished.connect(lambda _r: return_focus(target, self.ui.searchEdit))
        dialog.open()

    def new_patient(self) -> None:
        if not self.can_register:
            return
        dialog = PatientDialog(self.runner, self.ws, None, self)
        dialog.saved.connect(self._patient_saved)
        dialog.open_existing.connect(lambda pid: self.open_patient(pid, focus=True))
        self._open(dialog, self.ui.checkInButton)

    def edit_patient(self) -> None:
        if self.file is None or not self.can_register:
            return
        dialog = PatientDialog(self.runner, self.ws, self.file.patient, self)
        dialog.saved.connect(self._patient_saved)
        self._open(dialog, self.ui.editPatientButton)

    def _patient_saved(self, p: Patient) -> None:
        self.status_message.emit(f"Saved {p.display_name}, account {p.account_number}.")
        rows = self.results.rows
        at = self.results.index_of(lambda h: h.id == p.id)
        if at >= 0:
            rows[at] = hit_of(p)
        else:
            rows.insert(0, hit_of(p))
        self.results.set_rows(rows)
        self.ui.resultsTable.selectionModel().blockSignals(True)
        self.ui.resultsTable.selectRow(self.results.index_of(lambda h: h.id == p.id))
        self.ui.resultsTable.selectionModel().blockSignals(False)
        self.open_patient(p.id, focus=True)

    def add_coverage(self) -> None:
        self._coverage_dialog(None)

    def edit_coverage(self) -> None:
        c = self.selected_coverage()
        if c is not None and self.file is not None:
            self._coverage_dialog(list(self.file.coverages).index(c))

    def _coverage_dialog(self, index: int | None) -> None:
        if self.file is None or not self.can_register:
            return
        dialog = CoverageDialog(self.runner, self.ws, self.file.patient, list(self.file.coverages),
                                list(self.file.payers.values()), index, self)
        dialog.saved.connect(lambda _stored: self._coverages_saved())
        self._open(dialog, self.ui.coveragesTable)

    def _coverages_saved(self) -> None:
        self.status_message.emit("Coverage saved.")
        self.reload()

    def remove_coverage(self) -> None:
        c = self.selected_coverage()
        if c is None or self.file is None:
            return
        f = self.file
        kept = [x for x in f.coverages if x.id != c.id]
        ask(self, "Remove coverage", f"Remove the {c.rank.value} coverage with {f.payer_name(c.payer_id)} "
                                     f"(member ID {c.member_id})?", "&Remove",
            lambda: self.runner.run(coverage.set_coverages, self.ws, f.patient.id, kept,
                                    success=lambda _s: self._coverages_saved(), label="Removing the coverage…"),
            "Claims and checks that name it keep it on file.")

    def record_eligibility(self) -> None:
        c = self.selected_coverage()
        if c is None or self.file is None:
            return
        dialog = EligibilityDialog(self.runner, self.ws, c, self.file.payer_name(c.payer_id), self)
        dialog.saved.connect(self._check_recorded)
        self._open(dialog, self.ui.coveragesTable)

    def _check_recorded(self, _check: EligibilityCheck) -> None:
        self.status_message.emit("Eligibility check recorded.")
        self.reload()

    def check_in(self) -> None:
        if self.file is None or not self.can_register:
            return
        p = self.file.patient
        self.runner.run(checkin.check_in, self.ws, p.id, success=lambda visit: self._checked_in(p, visit),
                        label="Checking in…")

    def _checked_in(self, p: Patient, visit: CheckIn) -> None:
        self.status_message.emit(f"{p.display_name} checked in for {format_date(visit.date_of_service)}.")
        dialog = CheckInDialog(self.runner, self.ws, p.id, p.display_name, p.account_number, visit, self)
        dialog.paid.connect(self._paid)
        dialog.finished.connect(lambda _r: self.reload())
        self._open(dialog, self.ui.checkInButton)

    def take_payment(self) -> None:
        if self.file is None or not self.can_take_payments:
            return
        p = self.file.patient
        dialog = PatientPaymentDialog(self.runner, self.ws, p.id, p.display_name, p.account_number, self)
        dialog.paid.connect(self._paid)
        self._open(dialog, self.ui.paymentButton)

    def _paid(self, receipt: PaymentReceipt) -> None:
        self.status_message.emit(f"Payment of {money(receipt.amount_cents)} recorded, receipt "
                                 f"{receipt.receipt_number}.")

    def account_summary(self) -> None:
        if self.file is None:
            return
        p = self.file.patient
        dialog = AccountSummaryDialog(self.runner, self.ws, p.id, p.display_name, self, actor=self.actor,
                                      account_number=p.account_number)
        self._open(dialog, self.ui.accountButton)

    def account_ledger(self) -> None:
        if self.file is None:
            return
        p = self.file.patient
        dialog = AccountLedgerDialog(self.runner, self.ws, self.actor, p.account_number, p.display_name, self)
        self._open(dialog, self.ui.accountButton)

    # --- the workspace ---------------------------------------------------------------------------------
    def activate(self) -> None:
        self.reload()

    def focus_first(self) -> None:
        self.ui.searchEdit.setFocus()
        self.ui.searchEdit.selectAll()
