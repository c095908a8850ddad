"""Set-up shared by the front-desk, charge-entry and reference-data GUI tests (no tests in here).

`make_clinic(ws)` gives a signed-in manager's workstation what a small practice would have entered: a part
of the real ICD-10-CM release (read once per session: reading the release takes seconds), a billing
organisation and a rendering doctor, Medicare (paper) and Aetna (electronic), and a fee schedule.
Each test module makes its own `clinic` fixture from it.

The keyboard helpers type into whatever has the focus, as a person does: `type_text`, `press`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from medbill_desktop.codesets.icd10 import Icd10Data, read_icd10
from medbill_desktop.domain.fees import FeeEntry
from medbill_desktop.domain.npi import npi_check_digit
from medbill_desktop.domain.practice import Address
from medbill_desktop.domain.reference import Payer, PlanType, Provider, Submission
from medbill_desktop.services import codes, reference_data
from medbill_desktop.services.context import Workstation

ICD10_PREFIXES = ("E11", "I10", "J06", "Z00", "M545", "R05", "K21", "F41", "N39", "Z23", "E78", "J02", "R51")
FEES = {"99202": 11000, "99203": 16000, "99213": 12500, "99214": 18000, "36415": 1500, "81002": 1200,
        "90686": 3500, "90471": 2500, "J1100": 900, "87880": 2800}
OFFICE = Address("12 Main St", "Springfield", "IL", "62701")


def valid_npi(first_nine: str) -> str:
    return first_nine + str(npi_check_digit(first_nine))


def wrong_npi(first_nine: str) -> str:
    return first_nine + str((npi_check_digit(first_nine) + 1) % 10)


@functools.cache
def icd10_slice() -> Icd10Data:
    """The installed release's codes under a few categories a family practice uses, headers included."""
    data = read_icd10()
    rows = tuple(r for r in data.rows if r.code.startswith(ICD10_PREFIXES))
    return Icd10Data(data.version + " (GUI test slice)", data.groups, rows)


@dataclass
class Clinic:
    ws: Workstation
    billing: Provider
    rendering: Provider
    medicare: Payer
    aetna: Payer
    fees: dict[str, int] = field(default_factory=dict)


def make_clinic(ws: Workstation) -> Clinic:
    codes.load_icd10(ws, icd10_slice())
    billing = reference_data.save_provider(ws, Provider(
        npi=valid_npi("123456789"), taxonomy="207Q00000X", organization_name="Riverside Family Medicine PC",
        tax_id="12-3456789", address=OFFICE, renders=False, bills=True))
    rendering = reference_data.save_provider(ws, Provider(
        npi=valid_npi("198765432"), taxonomy="207Q00000X", last_name="Nguyen", first_name="Lan",
        credentials="MD"))
    medicare = reference_data.save_payer(ws, Payer(
        "Medicare Part B", PlanType.MEDICARE, Submission.PAPER,
        address=Address("PO Box 6475", "Indianapolis", "IN", "46206")))
    aetna = reference_data.save_payer(ws, Payer(
        "Aetna", PlanType.GROUP_HEALTH_PLAN, Submission.ELECTRONIC, edi_id="60054", timely_filing_days=180))
    for code, cents in FEES.items():
        reference_data.save_fee(ws, FeeEntry(code, cents))
    return Clinic(ws, billing, rendering, medicare, aetna, dict(FEES))


# --- the keyboard ---------------------------------------------------------------------------------------
def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def type_text(qtbot, text: str) -> QWidget:  # type: ignore[no-untyped-def]
    """Type into the focused widget, the way a person types."""
    widget = focused()
    qtbot.keyClicks(widget, text)
    return widget


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,  # type: ignore[no-untyped-def]
          times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(focused(), key, modifier)


def tab(qtbot, times: int = 1) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, Qt.Key.Key_Tab, times=times)


def wait_focus(qtbot, widget: QWidget, timeout: int = 5000) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=timeout)


def wait(qtbot, condition: Callable[[], object], timeout: int = 10_000) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: bool(condition()), timeout=timeout)
