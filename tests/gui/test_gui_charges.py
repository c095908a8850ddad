"""Charge entry through the keyboard: the must-show flow (register a patient with two coverages, enter a
3-line encounter, finalize), the scrubber's findings taking the user to the field, and finalized encounters
opening read-only."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from test_gui_front_desk_support import (
    Clinic,
    focused,
    make_clinic,
    press,
    tab,
    type_text,
    valid_npi,
    wait,
    wait_focus,
)

from medbill_desktop.domain.coverage import Coverage
from medbill_desktop.domain.encounters import Encounter, EncounterStatus, ServiceLine
from medbill_desktop.domain.ledger import Party, TxKind, receivable
from medbill_desktop.domain.patients import Patient, Sex
from medbill_desktop.domain.practice import Address
from medbill_desktop.domain.reference import Provider
from medbill_desktop.gui.coverage_dialog import CoverageDialog
from medbill_desktop.gui.patient_form import PatientDialog
from medbill_desktop.services import checkin, coverage, encounters, ledger, patients, reference_data
from medbill_desktop.services.context import Workstation

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def clinic(workstation: Workstation) -> Clinic:
    return make_clinic(workstation)


def open_dialog(qtbot, kind: type):  # type: ignore[no-untyped-def]
    found: list[object] = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        return bool(found)

    wait(qtbot, shown)
    return found[0]


def type_fields(qtbot, values: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Type each value into the focused field and Tab on ('' skips a field)."""
    for value in values:
        if value:
            type_text(qtbot, value)
        tab(qtbot)


def test_register_two_coverages_and_enter_a_three_line_encounter_by_keyboard(qtbot, clinic, make_window,
                                                                             runner) -> None:
    ws = clinic.ws
    window = make_window(ws)
    # Ctrl+2: the front desk, with the focus in the search box
    press(qtbot, Qt.Key.Key_2, CTRL)
    desk = window.workspaces["front_desk"]
    wait_focus(qtbot, desk.ui.searchEdit)

    # Ctrl+N: register a patient
    press(qtbot, Qt.Key.Key_N, CTRL)
    form = open_dialog(qtbot, PatientDialog)
    wait_focus(qtbot, form.ui.lastNameEdit)
    type_fields(qtbot, ["Kowalski", "Anna", "Marie", "", "04/18/1979"])
    type_text(qtbot, "F")  # the sex box: F picks Female
    tab(qtbot)
    type_fields(qtbot, ["77 Lake Ave", "Apt 4", "Springfield", "il", "62704", "anna.k@example.com", "2175550188"])
    assert focused() is form.ui.cellPhoneEdit
    press(qtbot, Qt.Key.Key_Return)  # the default button registers
    wait(qtbot, lambda: desk.file is not None and desk.file.patient.last_name == "Kowalski")
    wait_focus(qtbot, desk.ui.checkInButton)
    anna = desk.file.patient

    # Alt+A twice: the primary (Aetna, copay $30) and the secondary (Medicare) coverage
    for payer, member, copay in (("Aetna", "W123456789", "30"), ("Medicare", "1EG4TE5MK73", "")):
        press(qtbot, Qt.Key.Key_A, ALT)
        dialog = open_dialog(qtbot, CoverageDialog)
        wait_focus(qtbot, dialog.ui.rankCombo)
        tab(qtbot)  # the order is preset: primary first, then secondary
        type_fields(qtbot, [payer, member, "G-100" if copay else "", "", copay, "01/01/2026"])
        press(qtbot, Qt.Key.Key_Return)
        wait(qtbot, lambda d=dialog: not d.isVisible())
        wait_focus(qtbot, desk.ui.coveragesTable)  # back on the list of coverages
    wait(qtbot, lambda: desk.file is not None and len(desk.file.coverages) == 2)
    assert [(c.rank, c.member_id) for c in desk.file.coverages] == [
        (Party.PRIMARY, "W123456789"), (Party.SECONDARY, "1EG4TE5MK73")]

    # Ctrl+3: Charges. Find the patient, Enter, Ctrl+N for a new encounter
    press(qtbot, Qt.Key.Key_3, CTRL)
    charges = window.workspaces["charges"]
    wait_focus(qtbot, charges.ui.searchEdit)
    type_text(qtbot, anna.account_number)
    press(qtbot, Qt.Key.Key_Return)
    wait_focus(qtbot, charges.ui.patientsTable)
    press(qtbot, Qt.Key.Key_N, CTRL)
    entry = charges.form
    wait_focus(qtbot, entry.dx[0].edit)
    assert entry.ui.billingCombo.currentData() == clinic.billing.id  # the only ones are chosen for a new one
    assert entry.ui.renderingCombo.currentData() == clinic.rendering.id

    # diagnoses A and B, Enter on the empty C goes to the first line
    for code in ("I10", "E11.9"):
        type_text(qtbot, code)
        press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return)
    wait_focus(qtbot, entry.lines[0].code)

    # three lines: code, (modifiers), (units), pointers, charge filled from the fee schedule; Enter: next line
    for n, (code, pointers, cents) in enumerate((("99213", "AB", "125.00"), ("36415", "A", "15.00"),
                                                ("81002", "B", "12.00"))):
        row = entry.lines[n]
        assert focused() is row.code
        type_text(qtbot, code)
        tab(qtbot, 3)
        type_text(qtbot, pointers)
        tab(qtbot)
        assert focused() is row.charge
        wait(qtbot, lambda row=row, cents=cents: row.charge.text() == cents)
        press(qtbot, Qt.Key.Key_Return)
    assert len(entry.lines) == 4 and focused() is entry.lines[3].code
    assert "3 lines · Total $152.00" in entry.ui.totalLabel.text()

    # Ctrl+Enter finalizes: charges posted, draft claims made, the form turns read-only
    press(qtbot, Qt.Key.Key_Return, CTRL)
    wait(qtbot, lambda: entry.result is not None)
    assert entry.read_only and entry.lines[0].code.isReadOnly()
    assert "Finalized" in entry.ui.statusLabel.text()

    # what the services now hold
    found = patients.search_patients(ws, anna.account_number)
    assert [h.display_name for h in found] == ["Kowalski, Anna M"]
    stored = patients.get_patient(ws, anna.id)
    assert (stored.date_of_birth.isoformat(), stored.sex, stored.address.state, stored.home_phone) == (
        "1979-04-18", Sex.FEMALE, "IL", "2175550188")
    covs = coverage.list_coverages(ws, anna.id)
    assert [(c.rank, c.payer_id, c.copay_cents) for c in covs] == [
        (Party.PRIMARY, clinic.aetna.id, 3000), (Party.SECONDARY, clinic.medicare.id, 0)]
    [summary] = encounters.list_encounters(ws, anna.id)
    assert (summary.status, summary.line_count, summary.total_cents) == (EncounterStatus.FINALIZED, 3, 15200)
    done = encounters.get_encounter(ws, summary.id)
    assert done.diagnoses == ("I10", "E119")
    assert [(line.procedure, line.pointers, line.charge_cents) for line in done.lines] == [
        ("99213", (1, 2), 12500), ("36415", (1,), 1500), ("81002", (2,), 1200)]
    charges_posted = [ledger.transaction(ws, tx_id) for tx_id in entry.result.charge_transaction_ids]
    assert [tx.kind for tx in charges_posted] == [TxKind.CHARGE] * 3
    owed = ledger.balances(ws, [receivable(line.id, Party.PRIMARY, anna.account_number) for line in done.lines])
    assert sorted(owed.values()) == [1200, 1500, 12500]
    claims = encounters.encounter_claims(ws, summary.id)
    assert [(c.rank, c.payer_name, c.status) for c in claims] == [
        (Party.PRIMARY, "Aetna", "draft"), (Party.SECONDARY, "Medicare Part B", "draft")]


def insured_patient(clinic: Clinic):  # type: ignore[no-untyped-def]
    p = patients.register_patient(clinic.ws, Patient(
        "Nowak", "Ewa", date(1971, 9, 3), Sex.FEMALE, address=Address("9 Elm St", "Springfield", "IL", "62704"),
        home_phone="(217) 555-0123", release_signed_on=date(2026, 1, 5)))
    coverage.set_coverages(clinic.ws, p.id, [Coverage(p.id, clinic.aetna.id, Party.PRIMARY, "W7654321",
                                                      effective_from=date(2026, 1, 1), copay_cents=2500)])
    return p


def new_encounter(qtbot, make_window, clinic: Clinic, patient):  # type: ignore[no-untyped-def]
    """Charges, the patient found by account number, Ctrl+N: the form with the focus in diagnosis A."""
    window = make_window(clinic.ws, "charges")
    charges = window.current_workspace()
    charges.focus_first()
    wait_focus(qtbot, charges.ui.searchEdit)
    type_text(qtbot, patient.account_number)
    press(qtbot, Qt.Key.Key_Return)
    wait_focus(qtbot, charges.ui.patientsTable)
    press(qtbot, Qt.Key.Key_N, CTRL)
    wait_focus(qtbot, charges.form.dx[0].edit)
    return window, charges, charges.form


def enter_line(qtbot, entry, n: int, code: str, pointers: str, charge: str) -> None:  # type: ignore[no-untyped-def]
    row = entry.lines[n]
    assert focused() is row.code
    type_text(qtbot, code)
    tab(qtbot, 3)
    type_text(qtbot, pointers)
    tab(qtbot)
    wait(qtbot, lambda: row.charge.text() == charge)


def test_a_scrubber_finding_takes_the_user_to_its_field(qtbot, clinic, make_window) -> None:
    ws = clinic.ws
    second = reference_data.save_provider(ws, Provider(npi=valid_npi("176543219"), taxonomy="207Q00000X",
                                                       last_name="Becker", first_name="Tom", credentials="DO"))
    ewa = insured_patient(clinic)
    _window, charges, entry = new_encounter(qtbot, make_window, clinic, ewa)
    assert entry.ui.renderingCombo.currentData() is None  # two doctors: the biller chooses
    type_text(qtbot, "J06.9")
    press(qtbot, Qt.Key.Key_Return, times=2)
    enter_line(qtbot, entry, 0, "99213", "A", "125.00")
    press(qtbot, Qt.Key.Key_F7)  # Check
    wait(qtbot, lambda: entry.findings)
    rendering = [f for f in entry.findings if f.field == "rendering_provider_id"]
    assert [f.message for f in rendering] == ["Choose the rendering provider (item 24J). Fix it on the "
                                              "charge-entry form."]
    assert "1 error (block finalizing)" in entry.ui.findingsLabel.text()
    wait_focus(qtbot, entry.ui.findingsList)
    assert entry.ui.findingsList.currentItem().text().startswith("✖ Error: Choose the rendering provider")
    press(qtbot, Qt.Key.Key_Return)  # go to the field
    wait_focus(qtbot, entry.ui.renderingCombo)
    assert entry.ui.renderingCombo.property("invalid") is True
    # the check saved the draft; finalizing is refused while the error stands
    press(qtbot, Qt.Key.Key_Return, CTRL)
    wait(qtbot, lambda: "Not finalized" in entry.ui.findingsLabel.text())
    [draft] = encounters.list_encounters(ws, ewa.id)
    assert draft.status is EncounterStatus.DRAFT and draft.line_count == 1
    # choose Dr Becker with the keyboard, finalize
    entry.ui.renderingCombo.setFocus()
    type_text(qtbot, "Becker")
    press(qtbot, Qt.Key.Key_F, CTRL)
    wait(qtbot, lambda: entry.result is not None)
    assert encounters.get_encounter(ws, draft.id).rendering_provider_id == second.id
    assert [c.payer_name for c in encounters.encounter_claims(ws, draft.id)] == ["Aetna"]


def test_a_pointer_to_a_missing_diagnosis_is_refused_at_the_line(qtbot, clinic, make_window) -> None:
    ws = clinic.ws
    ewa = insured_patient(clinic)
    _window, charges, entry = new_encounter(qtbot, make_window, clinic, ewa)
    type_text(qtbot, "I10")
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "E11.9")
    press(qtbot, Qt.Key.Key_Return, times=2)
    enter_line(qtbot, entry, 0, "99213", "A", "125.00")
    press(qtbot, Qt.Key.Key_Return)
    enter_line(qtbot, entry, 1, "36415", "C", "15.00")
    press(qtbot, Qt.Key.Key_S, CTRL)  # save the draft
    wait(qtbot, lambda: entry.ui.errorLabel.isVisible())
    assert entry.ui.errorLabel.text() == ("Line 2 points to diagnosis C, but only 2 diagnoses (A-B) are entered; "
                                          "fix the line's diagnosis pointers or add the diagnosis.")
    wait_focus(qtbot, entry.lines[1].pointers)
    assert entry.lines[1].pointers.property("invalid") is True
    assert encounters.list_encounters(ws, ewa.id) == []  # nothing saved
    # a non-billable diagnosis (a category heading) is refused the same way
    entry.lines[1].pointers.selectAll()
    type_text(qtbot, "B")
    entry.dx[1].edit.setFocus()
    entry.dx[1].edit.selectAll()
    type_text(qtbot, "E11")
    press(qtbot, Qt.Key.Key_S, CTRL)
    wait(qtbot, lambda: "category heading" in entry.ui.errorLabel.text())
    wait_focus(qtbot, entry.dx[1].edit)
    assert encounters.list_encounters(ws, ewa.id) == []


def test_a_date_of_service_in_the_future_is_refused(qtbot, clinic, make_window) -> None:
    ewa = insured_patient(clinic)
    _window, charges, entry = new_encounter(qtbot, make_window, clinic, ewa)
    entry.ui.dosEdit.setFocus()
    entry.ui.dosEdit.selectAll()
    type_text(qtbot, "11/03/2026")
    press(qtbot, Qt.Key.Key_S, CTRL)
    wait(qtbot, lambda: entry.ui.errorLabel.isVisible())
    assert "11/03/2026 is in the future" in entry.ui.errorLabel.text()
    wait_focus(qtbot, entry.ui.dosEdit)
    assert encounters.list_encounters(clinic.ws, ewa.id) == []


def test_icd10_search_as_you_type_and_pick_with_the_keyboard(qtbot, clinic, make_window) -> None:
    ewa = insured_patient(clinic)
    _window, charges, entry = new_encounter(qtbot, make_window, clinic, ewa)
    row = entry.dx[0]
    type_text(qtbot, "e11.6")
    wait(qtbot, lambda: row.completer.popup_visible())
    shown = list(row.completer.suggestions)
    assert shown[0].code == "E11.6" and not shown[0].usable  # the heading first, greyed: not billable
    assert all(s.code.startswith("E11.6") for s in shown)
    first = next(i for i, s in enumerate(shown) if s.usable)
    popup = row.completer.completer.popup()
    for _ in range(first + 1):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    wait(qtbot, lambda: row.edit.text() == shown[first].code)
    assert row.description.toolTip() == shown[first].description
    # words work too
    entry.dx[1].edit.setFocus()
    type_text(qtbot, "essential hyper")
    wait(qtbot, lambda: entry.dx[1].completer.popup_visible())
    assert [s.code for s in entry.dx[1].completer.suggestions] == ["I10"]


def test_delete_removes_the_current_line_after_confirming(qtbot, clinic, make_window) -> None:
    ewa = insured_patient(clinic)
    _window, charges, entry = new_encounter(qtbot, make_window, clinic, ewa)
    type_text(qtbot, "I10")
    press(qtbot, Qt.Key.Key_Return, times=2)
    enter_line(qtbot, entry, 0, "99213", "A", "125.00")
    press(qtbot, Qt.Key.Key_Return)
    enter_line(qtbot, entry, 1, "36415", "A", "15.00")
    assert len(entry.lines) == 2
    press(qtbot, Qt.Key.Key_Delete)  # at the end of the charge: nothing to delete there, so the line
    box = open_dialog(qtbot, QMessageBox)
    assert box.text() == "Remove line 2 (36415)?"
    wait(qtbot, lambda: QApplication.activeWindow() is box)
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: len(entry.lines) == 1)
    assert entry.lines[0].code.text() == "99213" and "1 line · Total $125.00" in entry.ui.totalLabel.text()
    # Escape keeps the line
    wait_focus(qtbot, entry.lines[0].code)
    press(qtbot, Qt.Key.Key_Delete, CTRL)
    box = open_dialog(qtbot, QMessageBox)
    wait(qtbot, lambda: QApplication.activeWindow() is box)
    press(qtbot, Qt.Key.Key_Escape)
    wait(qtbot, lambda: not box.isVisible())
    assert len(entry.lines) == 1


def test_a_finalized_encounter_opens_read_only(qtbot, clinic, make_window) -> None:
    ws = clinic.ws
    ewa = insured_patient(clinic)
    done = encounters.save_encounter(ws, Encounter(
        ewa.id, date(2026, 10, 30), rendering_provider_id=clinic.rendering.id, billing_provider_id=clinic.billing.id,
        place_of_service="11", diagnoses=("I10",), lines=(ServiceLine("99214", 18000, pointers=(1,)),)))
    encounters.finalize_encounter(ws, done.id)
    draft = checkin.check_in(ws, ewa.id)
    window = make_window(ws, "charges")
    charges = window.current_workspace()
    wait(qtbot, lambda: [e.id for e in charges.drafts.rows] == [draft.encounter_id])
    charges.focus_first()
    wait_focus(qtbot, charges.ui.draftsTable)  # today's draft waits at the top
    tab(qtbot)
    wait_focus(qtbot, charges.ui.searchEdit)
    type_text(qtbot, "nowak")
    press(qtbot, Qt.Key.Key_Return)
    wait_focus(qtbot, charges.ui.patientsTable)
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: len(charges.encounters.rows) == 2)
    wait_focus(qtbot, charges.ui.encountersTable)
    press(qtbot, Qt.Key.Key_Down)  # the older one, finalized
    press(qtbot, Qt.Key.Key_Return)
    entry = charges.form
    wait(qtbot, lambda: entry.encounter is not None and entry.encounter.id == done.id)
    assert entry.read_only and entry.ui.statusLabel.text() == "Finalized: read-only"
    assert entry.lines[0].code.isReadOnly() and entry.dx[0].edit.isReadOnly()
    assert not entry.ui.finalizeButton.isVisible() and not entry.ui.saveButton.isVisible()
    assert "Claim" in entry.ui.findingsList.item(0).text() and "Aetna" in entry.ui.findingsList.item(0).text()
    press(qtbot, Qt.Key.Key_S, CTRL)  # nothing to save
    wait_focus(qtbot, entry.ui.backButton)
    press(qtbot, Qt.Key.Key_L, ALT)  # back to the list
    wait(qtbot, lambda: charges.ui.stack.currentWidget() is charges.ui.listPage)


def test_tab_walks_the_form_top_to_bottom(qtbot, clinic, make_window) -> None:
    ewa = insured_patient(clinic)
    _window, charges, entry = new_encounter(qtbot, make_window, clinic, ewa)
    type_text(qtbot, "I10")
    entry.ui.dosEdit.setFocus()
    wait_focus(qtbot, entry.ui.dosEdit)
    order = []
    for _ in range(22):
        order.append(focused().objectName())
        tab(qtbot)
    assert order == ["dosEdit", "posCombo", "priorAuthEdit", "renderingCombo", "billingCombo", "facilityCombo",
                     "referringCombo", "onsetQualCombo", "onsetEdit", "otherQualCombo", "otherEdit",
                     "diagnosisAEdit", "diagnosisBEdit",  # the filled one and the next empty one
                     "line1CodeEdit", "line1ModifiersEdit", "line1UnitsEdit", "line1PointersEdit", "line1ChargeEdit",
                     "line1NdcEdit", "line1NdcUnitEdit", "line1NdcQuantityEdit", "addLineButton"]
