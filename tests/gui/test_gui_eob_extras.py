"""The paper EOB beyond the lines: the CARC/RARC popups in the line grid (picked from the keyboard), unknown
codes flagged on their line, claim-level adjustments (CAS not tied to a line) and provider-level adjustments
(PLB rows: interest L6 ...), posted balanced and read back through the services."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from test_gui_front_desk_support import focused, press, tab, type_text, wait, wait_focus

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
from front_desk_support import Desk, make_desk  # noqa: E402
from posting_support import claim_status, line_balances, submitted_claim  # noqa: E402
from test_gui_eob_posting import confirm  # noqa: E402

from medbill_desktop.domain.ledger import Party, payment_batch  # noqa: E402
from medbill_desktop.gui.eob_entry import EobEntry  # noqa: E402
from medbill_desktop.gui.workspaces.payments import PaymentsWorkspace  # noqa: E402
from medbill_desktop.services import ledger, posting  # noqa: E402
from medbill_desktop.services.context import Workstation  # noqa: E402

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def desk(workstation: Workstation) -> Desk:
    return make_desk(workstation)


def open_entry(qtbot, make_window, ws: Workstation) -> EobEntry:  # type: ignore[no-untyped-def]
    window = make_window(ws)
    page = window.show_workspace("payments", focus=True)
    assert isinstance(page, PaymentsWorkspace)
    window.activateWindow()
    wait(qtbot, lambda: page.entry.payer.count() >= 2)
    wait_focus(qtbot, page.entry.payer)
    return page.entry


def header(qtbot, entry: EobEntry, reference: str, check_date: str, amount: str) -> None:  # type: ignore[no-untyped-def]
    type_text(qtbot, "Aetna")
    tab(qtbot, 2)
    type_text(qtbot, reference)
    tab(qtbot)
    type_text(qtbot, check_date)
    tab(qtbot, 2)
    assert focused() is entry.amount
    type_text(qtbot, amount)
    press(qtbot, Qt.Key.Key_Return)
    wait_focus(qtbot, entry.search)


def add_claim(qtbot, entry: EobEntry, number: str) -> None:  # type: ignore[no-untyped-def]
    before = len(entry.panels)
    type_text(qtbot, number)
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: len(entry.panels) == before + 1)
    wait_focus(qtbot, entry.panels[-1].rows[0].edits["allowed"])


def pick(qtbot, cell, code: str) -> None:  # type: ignore[no-untyped-def]
    """Down to the code in the open list, Enter (the keys go to the list, as they do when a person types)."""
    wait(qtbot, lambda: cell.completer.popup_visible() and code in [s.code for s in cell.completer.suggestions])
    popup = cell.completer.popup
    for _ in range([s.code for s in cell.completer.suggestions].index(code) + 1):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    assert cell.completer.highlighted().code == code
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    wait(qtbot, lambda: not cell.completer.popup_visible())


def test_a_carc_and_a_rarc_picked_from_the_popup_by_keyboard(qtbot, runner, desk, make_window) -> None:
    claim = submitted_claim(desk, "Nowak", first="Ewa", lines=(("99214", 18000),))
    entry = open_entry(qtbot, make_window, desk.ws)
    header(qtbot, entry, "D-100", desk.today.strftime("%m/%d/%Y"), "0.00")
    add_claim(qtbot, entry, claim.claim_number)
    row = entry.panels[0].rows[0]
    other, remarks = row.edits["other"], row.edits["remarks"]
    assert "CO-4, CO-dup" in other.toolTip()  # how the list is called up is in the field's tooltip
    tab(qtbot, 6)  # a denied line: Allowed empty, to Other adjustments
    assert focused() is other

    # 'co-1': every reason code starting with 1, with its description; Down to 16, Enter
    type_text(qtbot, "co-1")
    cell = row.cells["other"]
    wait(qtbot, lambda: cell.completer.popup_visible())
    shown = {s.code: s.description for s in cell.completer.suggestions}
    assert all(code.startswith("1") for code in shown)
    assert shown["16"] == "Claim is missing information or has a billing error"
    pick(qtbot, cell, "16")
    assert other.text() == "CO-16 " and focused() is other  # the Enter that picked stays in the field
    type_text(qtbot, "180.00")
    assert entry.entry.claims[0].lines[0].other == "CO-16 180.00"
    wait(qtbot, lambda: "CO-16: Claim is missing information" in other.toolTip())  # what the code means

    # a word finds a code too: 'dup' -> 18; Escape closes the list and keeps what was typed
    type_text(qtbot, "; oa-dup")
    wait(qtbot, lambda: cell.completer.popup_visible())
    assert [s.code for s in cell.completer.suggestions] == ["18"]
    qtbot.keyClick(cell.completer.popup, Qt.Key.Key_Escape)
    wait(qtbot, lambda: not cell.completer.popup_visible())
    assert other.text() == "CO-16 180.00; oa-dup" and focused() is other
    for _ in range(len("; oa-dup")):
        press(qtbot, Qt.Key.Key_Backspace)
    assert entry.entry.claims[0].lines[0].other == "CO-16 180.00"

    # the remark: 'n2' lists N20, N265, N286, N290; pick N290
    tab(qtbot)
    assert focused() is remarks
    type_text(qtbot, "n2")
    pick(qtbot, row.cells["remarks"], "N290")
    assert remarks.text() == "N290 "

    # a remark code the workstation does not know is flagged on its line, naming the claim and line
    type_text(qtbot, "M9999")
    wait(qtbot, lambda: entry.review.warnings)
    [warning] = entry.review.warnings
    assert warning.message == (f"Claim {claim.claim_number} line 1: M9999 is not a remark code (RARC) this "
                               "workstation knows: check the EOB.")
    assert warning.field == "claims[0].lines[0].remarks"
    assert row.status.text() == "? M9999" and row.status.property("state") == "warn"
    assert remarks.property("state") == "warn"
    assert f"Check: Claim {claim.claim_number} line 1: M9999" in entry.problems.text()
    assert entry.post_button.isEnabled()  # a warning: the biller checks the EOB; it does not stop the batch
    press(qtbot, Qt.Key.Key_Backspace, times=5)
    type_text(qtbot, "M15")
    wait(qtbot, lambda: not entry.review.warnings and row.status.property("state") != "warn")
    assert row.status.text() == "denied"
    assert [p.step.currentData() for p in entry.panels] == ["denials"]


def test_a_claim_level_adjustment_and_plb_interest_post_balanced(qtbot, runner, desk, make_window) -> None:
    ws = desk.ws
    claim = submitted_claim(desk, "Okafor", first="Ngozi")  # 99213 $125.00, 36415 $15.00; Aetna only
    entry = open_entry(qtbot, make_window, ws)
    # the EOB: lines pay $80.00 and $15.00; the claim's sequestration CO-253 $0.95 is not on a line (the claim
    # pays $94.05); interest L6 $2.50 on the claim: the check is $96.55
    header(qtbot, entry, "7788", desk.today.strftime("%m/%d/%Y"), "96.55")
    add_claim(qtbot, entry, claim.claim_number)
    panel = entry.panels[0]
    type_text(qtbot, "100.00")
    tab(qtbot)
    type_text(qtbot, "80.00")  # $20.00 coinsurance and CO-45 $25.00 proposed
    press(qtbot, Qt.Key.Key_Return)
    wait_focus(qtbot, panel.rows[1].edits["allowed"])
    type_text(qtbot, "15.00")
    tab(qtbot)
    type_text(qtbot, "15.00")
    press(qtbot, Qt.Key.Key_Return)
    wait_focus(qtbot, entry.search)  # after the claim's last line: the claim search
    assert entry.left_label.text() == "Left to apply $1.55"  # 96.55 - 95.00 paid by the lines

    # Ctrl+J: the claim's claim-level adjustments (the tooltip says so)
    assert "Ctrl+J" in panel.claim_adjustments.toolTip()
    press(qtbot, Qt.Key.Key_J, CTRL)
    wait_focus(qtbot, panel.claim_adjustments)
    type_text(qtbot, "co-25")
    pick(qtbot, panel.claim_cell, "253")  # Sequestration, picked from the list
    type_text(qtbot, "0.95")
    assert panel.entry.claim_adjustments == "CO-253 0.95"
    assert entry.left_label.text() == "Left to apply $2.50"  # the claim now pays $94.05
    assert panel.figures.text().startswith("paid $94.05 · ")  # what the check pays for the claim
    assert "The lines pay $95.00" in panel.figures.toolTip()
    press(qtbot, Qt.Key.Key_Return)  # Enter: on to the claim search
    wait_focus(qtbot, entry.search)

    # Alt+L: the provider-level adjustments; 'int' lists L6 (interest) first
    press(qtbot, Qt.Key.Key_L, ALT)
    plb = entry.plb.rows[0]
    wait_focus(qtbot, plb.reason)
    assert "L6 interest" in plb.reason.toolTip()
    type_text(qtbot, "int")
    pick(qtbot, plb.cell, "L6")
    assert plb.reason.text() == "L6" and plb.words.text() == "Interest owed"
    tab(qtbot)
    type_text(qtbot, f"ICN {claim.claim_number}")
    tab(qtbot)
    assert focused() is plb.amount
    type_text(qtbot, "2.50")
    assert plb.effect.text() == "adds $2.50"
    assert entry.left_label.text() == "Left to apply $0.00" and entry.post_button.isEnabled()
    assert "PLB +$2.50" in entry.applied_label.text()
    press(qtbot, Qt.Key.Key_Return)  # Enter: a new PLB row to type into
    wait(qtbot, lambda: len(entry.plb.rows) == 2)
    wait_focus(qtbot, entry.plb.rows[1].reason)
    press(qtbot, Qt.Key.Key_Return)  # Enter on the empty row: to Post
    wait_focus(qtbot, entry.post_button)

    # Ctrl+Enter: the confirmation lists the claim-level adjustment and the interest; Enter posts
    press(qtbot, Qt.Key.Key_Return, CTRL)
    wait(qtbot, lambda: isinstance(entry.dialog, QMessageBox) and entry.dialog.isVisible())
    details = entry.dialog.detailedText() or entry.dialog.informativeText()
    assert f"Claim {claim.claim_number} claim-level adjustments: CO-253 0.95" in details
    assert f"Provider-level L6 ICN {claim.claim_number}: adds $2.50 to the check" in details
    confirm(qtbot)
    wait(qtbot, lambda: entry.last_posted is not None)
    posted = entry.last_posted
    assert "Provider-level adjustments: L6 +$2.50." in entry.posted_label.text()

    # read back through the services: the check, the claim's adjudication, the PLB, the ledger
    detail = posting.batch_detail(ws, posted.batch_id)
    assert (detail.summary.amount_cents, detail.summary.reference) == (9655, "7788")
    assert [(p.reason, p.reference, p.amount) for p in detail.provider_adjustments] == [
        ("L6", f"ICN {claim.claim_number}", -250)]
    [decided] = [c.adjudication for c in detail.claims]
    assert [(a.label, a.amount) for a in decided.claim_adjustments] == [("CO-253", 95)]
    assert [[(a.label, a.amount) for a in line.adjustments] for line in decided.lines] == [
        [("CO-45", 2500), ("PR-2", 2000)], []]
    assert [line.paid for line in decided.lines] == [8000, 1500]
    assert decided.paid == 9405  # what the check paid for the claim (CLP04)
    assert ledger.balances(ws, [payment_batch(posted.batch_id)]) == {payment_batch(posted.batch_id): 9655}
    assert sum(line_balances(ws, claim, Party.PRIMARY)) == 0  # the payer owes nothing more
    assert line_balances(ws, claim, Party.PATIENT) == [2000, 0]  # the coinsurance moved to the patient
    assert claim_status(ws, claim.claim_number) == "paid"

    # Alt+B: the posted batch's detail says both, in words
    press(qtbot, Qt.Key.Key_B, ALT)
    page = entry.parentWidget()
    while not isinstance(page, PaymentsWorkspace):
        page = page.parentWidget()
    wait(qtbot, lambda: page.batches.detail is not None)
    shown = page.batches.detail_view.toPlainText()
    assert "claim-level CO-253 $0.95" in shown
    assert f"Provider-level adjustment L6 (interest) ICN {claim.claim_number}: adds $2.50 to the check" in shown


def test_a_plb_recovery_takes_from_the_check_and_a_bad_row_is_refused_at_its_field(qtbot, runner, desk,
                                                                                    make_window) -> None:
    ws = desk.ws
    claim = submitted_claim(desk, "Dubois", first="Claire", lines=(("99213", 12500),))
    entry = open_entry(qtbot, make_window, ws)
    # the claim paid $100.00; the payer keeps $25.00 back for an overpayment on another claim (WO): $75.00
    header(qtbot, entry, "EFT-5150", desk.today.strftime("%m/%d/%Y"), "75.00")
    add_claim(qtbot, entry, claim.claim_number)
    type_text(qtbot, "100.00")
    tab(qtbot)
    type_text(qtbot, "100.00")
    press(qtbot, Qt.Key.Key_L, ALT)
    first = entry.plb.rows[0]
    wait_focus(qtbot, first.reason)
    type_text(qtbot, "wo")
    pick(qtbot, first.cell, "WO")
    press(qtbot, Qt.Key.Key_Return)  # Enter: the next field of the row
    wait_focus(qtbot, first.reference)
    type_text(qtbot, "OVP 4471")
    press(qtbot, Qt.Key.Key_Return)
    wait_focus(qtbot, first.amount)
    type_text(qtbot, "25.00")  # as the EOB shows it: WO takes it from the check
    assert first.effect.text() == "takes $25.00"
    assert entry.left_label.text() == "Left to apply $0.00" and "PLB −$25.00" in entry.applied_label.text()

    # a second row with a code that is not a PLB reason: refused at its field
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: len(entry.plb.rows) == 2)
    second = entry.plb.rows[1]
    wait_focus(qtbot, second.reason)
    type_text(qtbot, "XQ")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return)
    wait_focus(qtbot, second.amount)
    type_text(qtbot, "1.00")
    assert second.words.text() == "not a PLB reason code"
    assert not entry.post_button.isEnabled()
    press(qtbot, Qt.Key.Key_Return, CTRL)
    wait_focus(qtbot, second.reason)
    assert second.reason.property("invalid") is True
    assert ("Provider-level adjustment 2: XQ is not a provider-level adjustment reason code"
            in entry.problems.text())

    # Ctrl+D in the row: it is emptied; the batch balances again and posts
    press(qtbot, Qt.Key.Key_D, CTRL)
    wait(qtbot, lambda: entry.plb.rows[1].entry.is_blank())
    assert entry.post_button.isEnabled()
    press(qtbot, Qt.Key.Key_Return, CTRL)
    confirm(qtbot)
    wait(qtbot, lambda: entry.last_posted is not None)
    detail = posting.batch_detail(ws, entry.last_posted.batch_id)
    assert detail.summary.amount_cents == 7500
    assert [(p.reason, p.reference, p.amount) for p in detail.provider_adjustments] == [("WO", "OVP 4471", 2500)]
    assert ledger.balances(ws, [payment_batch(detail.summary.id)])[payment_batch(detail.summary.id)] == 7500
    assert sum(line_balances(ws, claim, Party.PRIMARY)) == 0
    assert len(entry.plb.rows) == 1 and entry.plb.rows[0].entry.is_blank()  # the form is ready for the next check
