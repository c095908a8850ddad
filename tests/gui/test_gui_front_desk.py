"""Front desk through the keyboard: search as you type, register with the duplicate warning, coverage,
eligibility, check-in with the copay and its receipt, and the audited account summary."""

from __future__ import annotations

import os
import stat
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox
from test_gui_front_desk_support import Clinic, focused, make_clinic, press, tab, type_text, wait, wait_focus

from medbill_desktop.domain.coverage import Coverage
from medbill_desktop.domain.ledger import Party, patient_credit
from medbill_desktop.domain.patients import Patient, Sex
from medbill_desktop.domain.practice import Address
from medbill_desktop.gui.account_summary import AccountSummaryDialog
from medbill_desktop.gui.checkin_dialog import CheckInDialog
from medbill_desktop.gui.coverage_dialog import CoverageDialog, EligibilityDialog
from medbill_desktop.gui.patient_form import DuplicatesDialog, PatientDialog
from medbill_desktop.gui.printing import PrivateFiles
from medbill_desktop.services import audit, checkin, coverage, encounters, ledger, patients
from medbill_desktop.services.context import Workstation

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def clinic(workstation: Workstation) -> Clinic:
    return make_clinic(workstation)


def register(ws: Workstation, last: str, first: str, dob: date, phone: str = "(217) 555-0142") -> Patient:
    return patients.register_patient(ws, Patient(last, first, dob, Sex.FEMALE,
                                                 address=Address("5 Oak Ave", "Springfield", "IL", "62704"),
                                                 home_phone=phone))


def test_search_as_you_type_finds_by_account_number(qtbot, clinic, make_window, runner) -> None:
    ws = clinic.ws
    maria = register(ws, "Garcia", "Maria", date(1984, 5, 12))
    register(ws, "Gardner", "Paul", date(1950, 1, 2), "(217) 555-0177")
    window = make_window(ws, "front_desk")
    page = window.current_workspace()
    page.focus_first()
    wait_focus(qtbot, page.ui.searchEdit)
    type_text(qtbot, maria.account_number)
    wait(qtbot, lambda: [h.id for h in page.results.rows] == [maria.id])
    assert page.searches <= 3  # typing pauses are what search, not every key
    assert "1 patient found" in page.ui.resultsLabel.text()
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: page.file is not None and page.file.patient.id == maria.id)
    wait_focus(qtbot, page.ui.checkInButton)
    assert page.ui.patientNameLabel.text() == "Garcia, Maria"
    assert maria.account_number in page.ui.patientDetailsLabel.text()


def open_dialog(qtbot, kind: type):  # type: ignore[no-untyped-def]
    found: list[object] = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        return bool(found)

    wait(qtbot, shown)
    return found[0]


def front_desk(qtbot, make_window, ws):  # type: ignore[no-untyped-def]
    window = make_window(ws, "front_desk")
    page = window.current_workspace()
    page.focus_first()
    wait_focus(qtbot, page.ui.searchEdit)
    return window, page


def choose(qtbot, page, patient: Patient) -> None:  # type: ignore[no-untyped-def]
    """Find the patient by account number and open them, by keyboard."""
    page.focus_first()
    type_text(qtbot, patient.account_number)
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: page.file is not None and page.file.patient.id == patient.id)
    wait_focus(qtbot, page.ui.checkInButton)


@pytest.mark.parametrize(("query", "expected"), [
    ("garc", ["Garcia, Maria"]),
    ("maria garcia", ["Garcia, Maria"]),
    ("05/12/1984", ["Garcia, Maria"]),
    ("555-0177", ["Gardner, Paul"]),
    ("gar", ["Garcia, Maria", "Gardner, Paul"]),
])
def test_search_by_name_birth_date_and_phone(qtbot, clinic, make_window, query, expected) -> None:
    register(clinic.ws, "Garcia", "Maria", date(1984, 5, 12))
    register(clinic.ws, "Gardner", "Paul", date(1950, 1, 2), "(217) 555-0177")
    _window, page = front_desk(qtbot, make_window, clinic.ws)
    type_text(qtbot, query)
    wait(qtbot, lambda: [h.display_name for h in page.results.rows] == expected)


def test_search_help_for_text_that_is_no_query(qtbot, clinic, make_window) -> None:
    _window, page = front_desk(qtbot, make_window, clinic.ws)
    type_text(qtbot, "smith 12")
    wait(qtbot, lambda: "Search by name" in page.ui.resultsLabel.text())
    assert page.results.rows == []


def test_duplicate_warning_shows_the_match_and_opens_it(qtbot, clinic, make_window) -> None:
    ws = clinic.ws
    maria = register(ws, "Garcia", "Maria", date(1984, 5, 12))
    _window, page = front_desk(qtbot, make_window, ws)
    press(qtbot, Qt.Key.Key_N, CTRL)
    form = open_dialog(qtbot, PatientDialog)
    wait_focus(qtbot, form.ui.lastNameEdit)
    type_text(qtbot, "garcia")
    tab(qtbot)
    type_text(qtbot, "MARIA")
    tab(qtbot, 3)
    type_text(qtbot, "05/12/1984")
    press(qtbot, Qt.Key.Key_Return)
    warning = open_dialog(qtbot, DuplicatesDialog)
    assert [c.patient.id for c in warning.candidates] == [maria.id]
    assert "same last name and date of birth" in warning.ui.reasonLabel.text()
    assert "1 registered patient may be MARIA garcia (05/12/1984)" in warning.ui.hintLabel.text()
    wait_focus(qtbot, warning.ui.candidatesTable)
    press(qtbot, Qt.Key.Key_Return)  # the default: open the patient already registered
    wait(qtbot, lambda: not form.isVisible() and page.file is not None and page.file.patient.id == maria.id)
    assert [h.id for h in patients.search_patients(ws, "garcia")] == [maria.id]  # nobody new


def test_register_anyway_after_the_warning(qtbot, clinic, make_window) -> None:
    ws = clinic.ws
    register(ws, "Garcia", "Maria", date(1984, 5, 12))
    _window, page = front_desk(qtbot, make_window, ws)
    press(qtbot, Qt.Key.Key_N, CTRL)
    form = open_dialog(qtbot, PatientDialog)
    wait_focus(qtbot, form.ui.lastNameEdit)
    type_text(qtbot, "Garcia")
    tab(qtbot)
    type_text(qtbot, "Marta")
    tab(qtbot, 3)
    type_text(qtbot, "05/12/1984")
    press(qtbot, Qt.Key.Key_Return)
    warning = open_dialog(qtbot, DuplicatesDialog)
    press(qtbot, Qt.Key.Key_R, ALT)  # Register as a new patient
    wait(qtbot, lambda: page.file is not None and page.file.patient.first_name == "Marta")
    assert sorted(h.display_name for h in patients.search_patients(ws, "garcia")) == ["Garcia, Maria",
                                                                                       "Garcia, Marta"]
    assert not warning.isVisible()


def test_patient_form_shows_what_is_wrong_at_the_field_and_saves_nothing(qtbot, clinic, make_window) -> None:
    ws = clinic.ws
    _window, page = front_desk(qtbot, make_window, ws)
    press(qtbot, Qt.Key.Key_N, CTRL)
    form = open_dialog(qtbot, PatientDialog)
    wait_focus(qtbot, form.ui.lastNameEdit)
    type_text(qtbot, "Olsen")
    tab(qtbot)
    type_text(qtbot, "Erik")
    tab(qtbot, 3)
    type_text(qtbot, "13/45/1980")
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: form.ui.errorLabel.isVisible())
    assert "'13/45/1980' is not a date" in form.ui.errorLabel.text()
    assert form.ui.dobEdit.property("invalid") is True and focused() is form.ui.dobEdit
    # a date of birth in the future: the domain's message, at the same field
    form.ui.dobEdit.selectAll()
    type_text(qtbot, "01/01/2030")
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: "is in the future" in form.ui.errorLabel.text())
    assert focused() is form.ui.dobEdit and form.isVisible()
    assert patients.search_patients(ws, "olsen") == []


def test_coverage_dialog_refuses_a_missing_member_id_at_its_field(qtbot, clinic, make_window) -> None:
    ws = clinic.ws
    maria = register(ws, "Garcia", "Maria", date(1984, 5, 12))
    _window, page = front_desk(qtbot, make_window, ws)
    choose(qtbot, page, maria)
    press(qtbot, Qt.Key.Key_A, ALT)
    dialog = open_dialog(qtbot, CoverageDialog)
    wait_focus(qtbot, dialog.ui.rankCombo)
    tab(qtbot)
    type_text(qtbot, "Aetna")
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: dialog.ui.errorLabel.isVisible())
    assert dialog.ui.errorLabel.text() == "Enter the member ID from the insurance card (item 1a)."
    assert focused() is dialog.ui.memberIdEdit and dialog.ui.memberIdEdit.property("invalid") is True
    assert coverage.list_coverages(ws, maria.id) == []


def test_eligibility_check_is_recorded_and_listed(qtbot, clinic, make_window) -> None:
    ws = clinic.ws
    maria = register(ws, "Garcia", "Maria", date(1984, 5, 12))
    [primary] = coverage.set_coverages(ws, maria.id, [
        Coverage(maria.id, clinic.aetna.id, Party.PRIMARY, "W1234567", effective_from=date(2026, 1, 1),
                 copay_cents=3000)])
    _window, page = front_desk(qtbot, make_window, ws)
    choose(qtbot, page, maria)
    assert page.coverages.data(page.coverages.index(0, 4)) == "never checked"
    assert "has never been checked" in page.ui.warningsLabel.text()
    press(qtbot, Qt.Key.Key_L, ALT)  # Record eligibility check
    dialog = open_dialog(qtbot, EligibilityDialog)
    wait_focus(qtbot, dialog.ui.methodCombo)
    type_text(qtbot, "Po")  # the payer's web portal
    tab(qtbot, 2)
    type_text(qtbot, "30")
    tab(qtbot)
    type_text(qtbot, "250.00")
    tab(qtbot)
    type_text(qtbot, "1800")
    tab(qtbot)
    type_text(qtbot, "EV-77812")
    tab(qtbot)
    type_text(qtbot, "Active; PCP copay $30")
    press(qtbot, Qt.Key.Key_S, CTRL)
    wait(qtbot, lambda: not dialog.isVisible())
    wait(qtbot, lambda: page.checks.rowCount() == 1)
    [check] = coverage.eligibility_checks(ws, maria.id)
    assert (check.coverage_id, check.method.value, check.active, check.copay_cents, check.deductible_remaining_cents,
            check.out_of_pocket_remaining_cents, check.reference_number, check.checked_by) == (
        primary.id, "portal", True, 3000, 25000, 180000, "EV-77812", "Ada Admin")
    assert page.coverages.data(page.coverages.index(0, 4)) == "active 11/02/2026"
    assert [page.checks.data(page.checks.index(0, c)) for c in range(5)] == [
        "11/02/2026", "yes", "$30.00", "$250.00", "$1,800.00"]
    wait(qtbot, lambda: not page.ui.warningsLabel.isVisible())


def test_check_in_takes_the_copay_and_prints_and_saves_the_receipt(qtbot, clinic, make_window, tmp_path) -> None:
    ws = clinic.ws
    maria = register(ws, "Garcia", "Maria", date(1984, 5, 12))
    coverage.set_coverages(ws, maria.id, [
        Coverage(maria.id, clinic.aetna.id, Party.PRIMARY, "W1234567", effective_from=date(2026, 1, 1),
                 copay_cents=3000)])
    _window, page = front_desk(qtbot, make_window, ws)
    choose(qtbot, page, maria)
    press(qtbot, Qt.Key.Key_Return)  # Check in is the default button
    dialog = open_dialog(qtbot, CheckInDialog)
    assert "has never been checked for eligibility" in dialog.ui.warningsLabel.text()
    assert dialog.ui.warningsFrame.isVisibleTo(dialog)
    assert dialog.ui.amountEdit.text() == "30.00"  # the primary's copay
    [visit] = encounters.list_encounters(ws, maria.id)
    assert (visit.date_of_service, visit.line_count) == (date(2026, 11, 2), 0)
    wait_focus(qtbot, dialog.ui.amountEdit)
    tab(qtbot)
    type_text(qtbot, "Ch")  # paid by check
    tab(qtbot)
    assert dialog.ui.referenceLabel.text() == "Check &number"
    type_text(qtbot, "1042")
    press(qtbot, Qt.Key.Key_Return)  # Take payment
    wait(qtbot, lambda: dialog.receipt is not None)
    receipt = dialog.receipt
    assert (receipt.amount_cents, receipt.method_text, receipt.encounter_id) == (3000, "Check no. 1042", visit.id)
    assert f"Receipt {receipt.receipt_number}: $30.00" in dialog.ui.receiptLabel.text()
    credit = patient_credit(maria.account_number)
    assert ledger.balances(ws, [credit]) == {credit: -3000}
    wait_focus(qtbot, dialog.ui.printButton)

    # Print: the receipt PDF is rendered into Qt's print preview, one half-letter landscape page
    press(qtbot, Qt.Key.Key_Return)
    preview = open_dialog(qtbot, QPrintPreviewDialog)
    wait(qtbot, lambda: dialog.document is not None and dialog.document.pages_painted == 1)
    preview.reject()
    wait(qtbot, lambda: QApplication.activeWindow() is dialog)  # back in the check-in dialog

    # Save receipt as PDF: Qt's own file dialog, a private file
    dialog.save_folder = tmp_path
    press(qtbot, Qt.Key.Key_D, ALT)
    chooser = open_dialog(qtbot, QFileDialog)
    wait_focus(qtbot, chooser.findChild(QLineEdit, "fileNameEdit"))
    target = tmp_path / f"receipt-{receipt.receipt_number}.pdf"
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: target.exists())
    assert target.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    printed = [e for e in audit.recent_entries(ws, 50) if e.action == "print"]
    assert len(printed) == 2 and {e.entity_id for e in printed} == {receipt.payment_id}


def test_account_summary_shows_balances_and_is_an_audited_view(qtbot, clinic, make_window) -> None:
    ws = clinic.ws
    maria = register(ws, "Garcia", "Maria", date(1984, 5, 12))
    checkin.take_patient_payment(ws, maria.id, 4500, "cash")
    visit = checkin.check_in(ws, maria.id)
    _window, page = front_desk(qtbot, make_window, ws)
    choose(qtbot, page, maria)
    views = len([e for e in audit.recent_entries(ws, 100) if e.action == "view"])
    press(qtbot, Qt.Key.Key_S, ALT)  # Account summary
    summary = open_dialog(qtbot, AccountSummaryDialog)
    wait(qtbot, lambda: summary.summary is not None)
    ui = summary.ui
    assert (ui.insuranceValue.text(), ui.patientValue.text(), ui.creditValue.text(), ui.owesValue.text()) == (
        "$0.00", "$0.00", "$45.00", "$0.00")
    assert "Last payment from the patient: <b>$45.00 on 11/02/2026</b>" in ui.detailsLabel.text()
    assert [e.id for e in summary.model.rows] == [visit.encounter_id]
    viewed = [e for e in audit.recent_entries(ws, 100) if e.action == "view"]
    assert len(viewed) == views + 1 and viewed[0].entity_id == maria.id


def test_private_temporary_pdfs(qapp) -> None:
    files = PrivateFiles()
    path = files.create(b"%PDF-1.4 patient data", prefix="medbill-test-")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600 and path.read_bytes().startswith(b"%PDF")
    files.remove_all()
    assert not path.exists() and files.paths == []


def test_remove_a_coverage_after_confirming(qtbot, clinic, make_window) -> None:
    ws = clinic.ws
    maria = register(ws, "Garcia", "Maria", date(1984, 5, 12))
    coverage.set_coverages(ws, maria.id, [
        Coverage(maria.id, clinic.aetna.id, Party.PRIMARY, "W1234567", effective_from=date(2026, 1, 1)),
        Coverage(maria.id, clinic.medicare.id, Party.SECONDARY, "1EG4TE5MK73", effective_from=date(2026, 1, 1))])
    _window, page = front_desk(qtbot, make_window, ws)
    choose(qtbot, page, maria)
    page.ui.coveragesTable.setFocus()
    press(qtbot, Qt.Key.Key_Down)  # the secondary
    press(qtbot, Qt.Key.Key_V, ALT)  # Remove
    box = open_dialog(qtbot, QMessageBox)
    assert box.text() == "Remove the secondary coverage with Medicare Part B (member ID 1EG4TE5MK73)?"
    wait(qtbot, lambda: QApplication.activeWindow() is box)
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: page.file is not None and len(page.file.coverages) == 1)
    assert [c.member_id for c in coverage.list_coverages(ws, maria.id)] == ["W1234567"]
