"""Charge entry through the keyboard: the must-show flow (register a patient with two coverages, enter a
3-line encounter, finalize), the scrubber's findings taking the user to the field, and finalized encounters
opening read-only."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_gui_front_desk_support import Clinic, focused, make_clinic, press, tab, type_text, wait, wait_focus

from medbill_desktop.domain.encounters import EncounterStatus
from medbill_desktop.domain.ledger import Party, TxKind, receivable
from medbill_desktop.domain.patients import Sex
from medbill_desktop.gui.coverage_dialog import CoverageDialog
from medbill_desktop.gui.patient_form import PatientDialog
from medbill_desktop.services import coverage, encounters, ledger, patients
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
