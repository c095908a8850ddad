"""Front desk through the keyboard: search as you type, register with the duplicate warning, coverage,
eligibility, check-in with the copay and its receipt, and the audited account summary."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from test_gui_front_desk_support import Clinic, make_clinic, press, type_text, wait, wait_focus

from medbill_desktop.domain.patients import Patient, Sex
from medbill_desktop.domain.practice import Address
from medbill_desktop.services import patients
from medbill_desktop.services.context import Workstation


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
