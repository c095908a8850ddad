"""Reference data through the keyboard: the domain's messages at the field (a wrong NPI saves nothing), and
providers, payers, fees and allowed amounts added and edited from their lists."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
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
    wrong_npi,
)

from medbill_desktop.domain.fees import AllowedEntry
from medbill_desktop.domain.reference import PlanType, Submission
from medbill_desktop.domain.roles import Role
from medbill_desktop.gui.reference_forms import FeeDialog, PayerDialog, ProviderDialog
from medbill_desktop.services import reference_data, users
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


def reference_page(qtbot, make_window, ws):  # type: ignore[no-untyped-def]
    window = make_window(ws, "reference")
    page = window.current_workspace()
    wait(qtbot, lambda: page.data is not None)
    window.activateWindow()
    wait(qtbot, lambda: QApplication.activeWindow() is window)
    page.focus_first()
    wait_focus(qtbot, page.providers.table)
    return window, page


def test_lists_show_the_reference_data(qtbot, clinic, make_window) -> None:
    _window, page = reference_page(qtbot, make_window, clinic.ws)
    assert [page.providers.model.data(page.providers.model.index(r, 0)) for r in range(2)] == [
        "Lan Nguyen, MD", "Riverside Family Medicine PC"]
    assert page.providers.model.data(page.providers.model.index(1, 4)) == "12-3456789"
    assert [p.name for p in page.payers.model.rows] == ["Aetna", "Medicare Part B"]
    assert page.fees.count.text() == f"{len(clinic.fees)} fees"
    page.fees.filter.setFocus()
    type_text(qtbot, "992")
    assert page.fees.count.text() == f"4 of {len(clinic.fees)} shown"  # 99202, 99203, 99213, 99214


def test_a_wrong_npi_is_shown_at_its_field_and_nothing_is_saved(qtbot, clinic, make_window) -> None:
    ws = clinic.ws
    _window, page = reference_page(qtbot, make_window, ws)
    before = reference_data.list_providers(ws, include_inactive=True)
    press(qtbot, Qt.Key.Key_N, CTRL)  # add to the list shown: providers
    form = open_dialog(qtbot, ProviderDialog)
    wait_focus(qtbot, form.ui.lastNameEdit)
    type_text(qtbot, "Becker")
    tab(qtbot)
    type_text(qtbot, "Thomas")
    tab(qtbot, 2)
    type_text(qtbot, "DO")
    form.ui.npiEdit.setFocus()
    bad = wrong_npi("167812345")
    type_text(qtbot, bad)
    tab(qtbot)
    type_text(qtbot, "207r00000x")
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: form.ui.errorLabel.isVisible())
    assert form.ui.errorLabel.text().startswith(f"NPI {bad} fails its check digit (the last digit should be")
    assert focused() is form.ui.npiEdit and form.ui.npiEdit.property("invalid") is True
    assert form.isVisible()
    assert reference_data.list_providers(ws, include_inactive=True) == before
    # fix the last digit: saved, listed, chosen
    press(qtbot, Qt.Key.Key_End)
    press(qtbot, Qt.Key.Key_Backspace)
    good = bad[:9] + str((int(bad[9]) - 1) % 10)
    type_text(qtbot, good[9])
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: not form.isVisible())
    wait(qtbot, lambda: len(page.providers.model.rows) == 3)
    added = page.providers.selected()
    assert (added.display_name, added.npi, added.taxonomy, added.renders, added.bills) == (
        "Thomas Becker, DO", good, "207R00000X", True, False)


def test_a_billing_provider_needs_its_address(qtbot, clinic, make_window) -> None:
    ws = clinic.ws
    _window, page = reference_page(qtbot, make_window, ws)
    press(qtbot, Qt.Key.Key_N, CTRL)
    form = open_dialog(qtbot, ProviderDialog)
    wait_focus(qtbot, form.ui.lastNameEdit)
    type_text(qtbot, "Shah")
    tab(qtbot)
    type_text(qtbot, "Nina")
    press(qtbot, Qt.Key.Key_B, ALT)  # Bills for them
    wait(qtbot, lambda: form.ui.billsCheck.isChecked())  # a mnemonic clicks the box a moment later
    form.ui.npiEdit.setFocus()
    type_text(qtbot, valid_npi("132604759"))
    tab(qtbot)
    type_text(qtbot, "207Q00000X")
    tab(qtbot)
    type_text(qtbot, "123456789")
    press(qtbot, Qt.Key.Key_S, CTRL)
    wait(qtbot, lambda: form.ui.errorLabel.isVisible())
    assert form.ui.errorLabel.text() == "A billing provider needs its street address (item 33)."
    assert focused() is form.ui.line1Edit
    assert len(reference_data.list_providers(ws)) == 2


def test_add_a_payer_then_its_allowed_amount(qtbot, clinic, make_window) -> None:
    ws = clinic.ws
    _window, page = reference_page(qtbot, make_window, ws)
    press(qtbot, Qt.Key.Key_Y, ALT)  # the Payers tab
    wait_focus(qtbot, page.payers.table)
    press(qtbot, Qt.Key.Key_N, CTRL)
    form = open_dialog(qtbot, PayerDialog)
    wait_focus(qtbot, form.ui.nameEdit)
    type_text(qtbot, "Cigna")
    tab(qtbot, 2)
    type_text(qtbot, "E")  # electronic claims
    tab(qtbot)
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: form.ui.errorLabel.isVisible())
    assert form.ui.errorLabel.text() == "Electronic claims need the payer ID (ask the clearinghouse or the payer)."
    assert focused() is form.ui.ediIdEdit
    type_text(qtbot, "62308")
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: not form.isVisible())
    wait(qtbot, lambda: page.payers.selected() is not None and page.payers.selected().name == "Cigna")
    wait_focus(qtbot, page.payers.table)
    cigna = next(p for p in reference_data.list_payers(ws) if p.name == "Cigna")
    assert (cigna.plan_type, cigna.submission, cigna.edi_id, cigna.timely_filing_days) == (
        PlanType.GROUP_HEALTH_PLAN, Submission.ELECTRONIC, "62308", 365)

    press(qtbot, Qt.Key.Key_W, ALT)  # Allowed amounts
    wait_focus(qtbot, page.allowed.add_button)
    press(qtbot, Qt.Key.Key_N, CTRL)
    form = open_dialog(qtbot, FeeDialog)
    wait_focus(qtbot, form.ui.payerCombo)
    type_text(qtbot, "Ci")
    tab(qtbot)
    type_text(qtbot, "99213")
    tab(qtbot, 2)
    type_text(qtbot, "92.11")
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: not form.isVisible())
    assert reference_data.list_allowed_amounts(ws, cigna.id) == [AllowedEntry(cigna.id, "99213", 9211)]
    wait(qtbot, lambda: len(page.allowed.model.rows) == 1)


def test_edit_a_fee_from_the_list(qtbot, clinic, make_window) -> None:
    ws = clinic.ws
    _window, page = reference_page(qtbot, make_window, ws)
    press(qtbot, Qt.Key.Key_S, ALT)  # Fee schedule
    wait_focus(qtbot, page.fees.table)
    row = page.fees.model.index_of(lambda f: f.procedure == "99213")
    page.fees.table.selectRow(page.fees.proxy.mapFromSource(page.fees.model.index(row, 0)).row())
    press(qtbot, Qt.Key.Key_Return)  # Enter edits the row
    form = open_dialog(qtbot, FeeDialog)
    wait_focus(qtbot, form.ui.amountEdit)
    assert form.ui.procedureEdit.isReadOnly() and form.ui.amountEdit.text() == "125.00"
    type_text(qtbot, "0")
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: form.ui.errorLabel.text() == "Fee for 99213: the amount must be more than $0.00.")
    form.ui.amountEdit.selectAll()
    type_text(qtbot, "130")
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: not form.isVisible())
    assert next(f.charge_cents for f in reference_data.list_fees(ws) if f.procedure == "99213") == 13000


def test_only_managers_see_reference_data(qtbot, clinic, make_window) -> None:
    users.add_user(clinic.ws, "betty", "Betty Biller", Role.BILLER, "biller-pass-1")
    users.sign_in(clinic.ws, "betty", "biller-pass-1")
    window = make_window(clinic.ws, "reference")
    assert window.current_key() == "home" and window.spec("reference") is None
