"""The Payments workspace: a biller signs in and posts a two-claim paper EOB entirely from the keyboard (one claim
paid with CO-45 and PR-1, one denied with CO-16 and remark N290); the batch refuses to post while it does not
balance; once posted, the secondary claim of the paid claim's visit is ready and the denial is in the queue.
Then: a posted batch reversed from the list (a reason, a confirmation), a remainder put on account, a claim
taken off the batch with Ctrl+D, and a search that lists several claims."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from gui_helpers import message_boxes, visible_top_levels
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from shiboken6 import isValid
from test_gui_front_desk_support import focused, press, tab, type_text, wait, wait_focus

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
from front_desk_support import Desk, make_desk  # noqa: E402
from posting_support import claim_status, next_claim_number, submitted_claim  # noqa: E402

from medbill_desktop.domain.roles import Role  # noqa: E402
from medbill_desktop.gui.eob_entry import EobEntry  # noqa: E402
from medbill_desktop.gui.workspaces.payments import PaymentsWorkspace, ReverseDialog  # noqa: E402
from medbill_desktop.services import denials, posting, users  # noqa: E402
from medbill_desktop.services.context import Workstation  # noqa: E402

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
BILLER_PASSWORD = "biller-pass-1"


@pytest.fixture
def desk(workstation: Workstation) -> Desk:
    return make_desk(workstation)


def sign_in_biller(ws: Workstation) -> None:
    """A biller's account; the manager signs out and the biller signs in."""
    users.add_user(ws, "jchen", "James Chen", Role.BILLER, BILLER_PASSWORD)
    users.sign_out(ws)
    users.sign_in(ws, "jchen", BILLER_PASSWORD)
    assert ws.actor is not None and ws.actor.role is Role.BILLER


def open_payments(qtbot, make_window, ws: Workstation):  # type: ignore[no-untyped-def]
    """The main window, then Ctrl+<n> for Payments: the focus lands in the payer field."""
    window = make_window(ws)
    n = [s.key for s in window.specs].index("payments") + 1
    press(qtbot, getattr(Qt.Key, f"Key_{n}"), CTRL)
    page = window.workspaces["payments"]
    assert isinstance(page, PaymentsWorkspace)
    wait(qtbot, lambda: page.entry.payer.count() >= 2)  # the payers are loaded
    wait_focus(qtbot, page.entry.payer)
    return window, page


def confirm(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Enter on the question that is up (its default button confirms)."""
    wait(qtbot, lambda: any(b.objectName() == "confirmBox" for b in message_boxes()))
    box = next(b for b in message_boxes() if b.objectName() == "confirmBox")
    wait(qtbot, lambda: QApplication.focusWidget() is not None and box.isAncestorOf(QApplication.focusWidget()))
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: not box.isVisible())


def type_header(qtbot, entry: EobEntry, payer: str, reference: str, check_date: str, amount: str) -> None:  # type: ignore[no-untyped-def]
    """Payer, (method: Check), check number, check date, (deposit date), amount, Enter: to the claim search."""
    type_text(qtbot, payer)
    tab(qtbot)
    assert focused() is entry.method
    tab(qtbot)
    type_text(qtbot, reference)
    tab(qtbot)
    type_text(qtbot, check_date)
    tab(qtbot, 2)
    assert focused() is entry.amount
    type_text(qtbot, amount)
    press(qtbot, Qt.Key.Key_Return)
    wait_focus(qtbot, entry.search)


def add_claim(qtbot, entry: EobEntry, number: str) -> None:  # type: ignore[no-untyped-def]
    """Type the claim number, Enter: the claim is added and the cursor is in its first line's Allowed."""
    assert focused() is entry.search
    before = len(entry.panels)
    type_text(qtbot, number)
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: len(entry.panels) == before + 1)
    wait_focus(qtbot, entry.panels[-1].rows[0].edits["allowed"])
    assert entry.panels[-1].entry.claim_number == number


def type_line(qtbot, values: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Allowed, paid, deductible, coinsurance, copay, CO-45, other adjustments, remarks ('' skips); Enter."""
    for i, value in enumerate(values):
        if value:
            type_text(qtbot, value)
        if i < len(values) - 1:
            tab(qtbot)
    press(qtbot, Qt.Key.Key_Return)


def test_a_biller_posts_a_two_claim_paper_eob_from_the_keyboard(qtbot, runner, desk, make_window) -> None:
    ws = desk.ws
    paid = submitted_claim(desk, "Kowalski", desk.aetna, desk.medicare, first="Anna")  # 99213 $125, 36415 $15
    denied = submitted_claim(desk, "Nowak", first="Ewa", lines=(("99214", 18000),))
    assert paid.has_next_claim and paid.next_payer_name == "Medicare Part B"
    secondary = next_claim_number(desk, paid)
    assert claim_status(ws, secondary) == "draft"
    sign_in_biller(ws)
    window, page = open_payments(qtbot, make_window, ws)
    entry = page.entry
    check_date = desk.today.strftime("%m/%d/%Y")

    # the check: Aetna, check 5521, $85.00 keyed (the EOB says $75.00: a slip)
    type_header(qtbot, entry, "aet", "5521", check_date, "85.00")
    assert entry.entry.payer_id == desk.aetna.id and entry.payer.currentText() == "Aetna"

    # claim 1, paid: line 1 allowed 80, paid 60, deductible 20 (CO-45 $45 proposed); line 2 paid in full
    add_claim(qtbot, entry, paid.claim_number)
    panel = entry.panels[0]
    type_line(qtbot, ["80.00", "60.00", "20.00"])
    assert panel.rows[0].edits["contractual"].text() == "45.00"  # proposed: billed - allowed
    wait_focus(qtbot, panel.rows[1].edits["allowed"])  # Enter: the next line
    type_line(qtbot, ["15.00", "15.00"])
    wait_focus(qtbot, entry.search)  # after the claim's last line: find the next claim

    # claim 2, denied: no allowed amount, CO-16 $180.00, remark N290
    add_claim(qtbot, entry, denied.claim_number)
    type_line(qtbot, ["", "", "", "", "", "", "co-16 180.00", "n290"])
    wait_focus(qtbot, entry.search)
    assert [p.step.currentData() for p in entry.panels] == ["next_payer", "denials"]  # proposed next steps
    assert "✓ adds up" in entry.panels[0].rows[0].status.text()
    assert entry.panels[1].rows[0].status.text() == "denied"

    # unbalanced: $10.00 left to apply, shown in red; Post is disabled and Ctrl+Enter refuses
    assert entry.left_label.text() == "Left to apply $10.00"
    assert entry.left_label.property("state") == "bad"
    assert not entry.post_button.isEnabled()
    assert "$10.00 left to apply" in entry.problems.text()
    press(qtbot, Qt.Key.Key_Return, CTRL)
    wait_focus(qtbot, entry.amount)  # taken to the field to fix
    assert entry.amount.property("invalid") is True
    assert not message_boxes() and posting.list_batches(ws) == []

    # the amount corrected: it balances
    type_text(qtbot, "75.00")  # the field's text was selected
    assert entry.left_label.text() == "Left to apply $0.00" and entry.left_label.property("state") == ""
    assert entry.post_button.isEnabled()
    assert "The batch balances: 2 claims" in entry.problems.text()

    # Ctrl+Enter: the dry run, the question, Enter: posted
    press(qtbot, Qt.Key.Key_Return, CTRL)
    confirm(qtbot)
    wait(qtbot, lambda: entry.last_posted is not None)
    result = entry.last_posted
    assert sorted((c.claim_number, c.outcome) for c in result.claims) == sorted(
        [(paid.claim_number, "paid"), (denied.claim_number, "denied")])
    assert result.readied_claims == [secondary]
    assert result.denials == [denied.claim_number]
    summary = entry.posted_label.text()
    assert entry.posted_frame.isVisible()
    assert f"Batch {result.batch_number} posted: check 5521 from Aetna, $75.00, 2 claims." in summary
    assert "1 paid, 1 denied" in summary
    assert f"Secondary claims made ready: {secondary}." in summary
    assert f"Sent to the denials queue: {denied.claim_number}." in summary
    assert not entry.panels and entry.amount.text() == ""  # ready for the next check

    # what the services now hold
    assert claim_status(ws, secondary) == "ready"
    assert claim_status(ws, paid.claim_number) == "paid"
    assert claim_status(ws, denied.claim_number) == "denied"
    [decided] = posting.claim_adjudications(ws, paid.claim_id)
    assert [[(a.label, a.amount) for a in line.adjustments] for line in decided.lines] == [
        [("CO-45", 4500), ("PR-1", 2000)], []]
    assert (decided.paid, decided.patient_responsibility, decided.next_step) == (7500, 2000, "next_payer")
    queue = denials.list_denials(ws)
    [row] = [r for r in queue.rows if r.claim_number == denied.claim_number]
    assert (row.carc, row.amount_cents, row.status) == ("CO-16", 18000, "open")
    assert [m.code for m in row.remarks] == ["N290"]
    [batch] = posting.list_batches(ws)
    assert (batch.reference, batch.amount_cents, batch.claim_count, batch.posted_by) == ("5521", 7500, 2, "jchen")

    # Alt+B: the posted batches, the new one chosen with its detail
    press(qtbot, Qt.Key.Key_B, ALT)
    wait(qtbot, lambda: page.batches.detail is not None)
    assert page.tabs.currentIndex() == 1
    assert page.batches.model.rows[0].batch_number == result.batch_number
    detail = page.batches.detail_view.toPlainText()
    assert f"Claim {paid.claim_number}" in detail and "CO-45 $45.00" in detail and "N290" in detail


def post_simple_batch(desk: Desk, reference: str = "7001"):  # type: ignore[no-untyped-def]
    """A posted batch (through the service) paying one claim of a patient with Aetna and Medicare."""
    from posting_support import adjudication, eob, paid_line

    from medbill_desktop.domain.adjudication import NextStep

    claim = submitted_claim(desk, "Lindqvist", desk.aetna, desk.medicare, first="Per")
    batch = eob(desk.aetna, reference, adjudication(
        claim, paid_line(claim, 1, allowed=8000, paid=6400, coinsurance=1600), paid_line(claim, 2, paid=1500),
        next_step=NextStep.NEXT_PAYER), check_date=desk.today)
    return claim, posting.post_batch(desk.ws, batch)


def test_reverse_a_batch_needs_a_reason_and_a_confirmation(qtbot, runner, desk, make_window) -> None:
    ws = desk.ws
    claim, posted = post_simple_batch(desk)
    assert claim_status(ws, claim.claim_number) == "paid"
    window, page = open_payments(qtbot, make_window, ws)
    press(qtbot, Qt.Key.Key_B, ALT)
    batches = page.batches
    wait(qtbot, lambda: batches.detail is not None)
    wait_focus(qtbot, batches.table)
    assert batches.reverse_button.isEnabled()
    press(qtbot, Qt.Key.Key_R, CTRL | Qt.KeyboardModifier.ShiftModifier)
    wait(qtbot, lambda: visible_top_levels(ReverseDialog) or isinstance(batches.dialog, ReverseDialog))
    dialog = batches.dialog
    assert isinstance(dialog, ReverseDialog)
    wait_focus(qtbot, dialog.reason)
    press(qtbot, Qt.Key.Key_Return)  # no reason: refused in the dialog
    assert dialog.isVisible() and "Say why" in dialog.error.text()
    assert posting.list_batches(ws)[0].status == "posted"
    type_text(qtbot, "Keyed against the wrong check")
    press(qtbot, Qt.Key.Key_Return)
    confirm(qtbot)
    wait(qtbot, lambda: batches.model.rows and batches.model.rows[0].status == "reversed")
    assert not isValid(dialog) or not dialog.isVisible()  # closed (and deleted)
    [batch] = posting.list_batches(ws)
    assert batch.status == "reversed" and batch.id == posted.batch_id
    assert posting.batch_detail(ws, batch.id).reversal_reason == "Keyed against the wrong check"
    assert claim_status(ws, claim.claim_number) != "paid"  # reopened
    assert not batches.reverse_button.isEnabled()
    wait(qtbot, lambda: "Reversed" in batches.detail_view.toPlainText())


def test_the_remainder_goes_on_account_with_a_reason(qtbot, runner, desk, make_window) -> None:
    ws = desk.ws
    claim = submitted_claim(desk, "Okafor", first="Ngozi", lines=(("99213", 12500),))
    window, page = open_payments(qtbot, make_window, ws)
    entry = page.entry
    type_header(qtbot, entry, "Aetna", "EFT-88", desk.today.strftime("%m/%d/%Y"), "102.50")
    add_claim(qtbot, entry, claim.claim_number)
    type_line(qtbot, ["100.00", "100.00"])
    assert entry.left_label.text() == "Left to apply $2.50" and not entry.post_button.isEnabled()
    # Alt+O: the remainder is interest (L6)
    press(qtbot, Qt.Key.Key_O, ALT)
    wait_focus(qtbot, entry.on_account)
    type_text(qtbot, "int")
    assert entry.on_account.currentData() == "L6"
    assert entry.left_label.text() == "Left to apply $0.00" and entry.post_button.isEnabled()
    assert "on account $2.50" in entry.applied_label.text()
    press(qtbot, Qt.Key.Key_Return, CTRL)
    confirm(qtbot)
    wait(qtbot, lambda: entry.last_posted is not None)
    detail = posting.batch_detail(ws, entry.last_posted.batch_id)
    assert (detail.on_account_cents, detail.on_account_reason, detail.summary.amount_cents) == (250, "L6", 10250)
    assert claim_status(ws, claim.claim_number) == "paid"


def test_ctrl_d_takes_a_claim_off_and_a_name_lists_several(qtbot, runner, desk, make_window) -> None:
    ws = desk.ws
    first = submitted_claim(desk, "Brennan", first="Liam", lines=(("99213", 12500),), days_ago=5)
    namesake = submitted_claim(desk, "Brennan", first="Maeve", lines=(("99214", 18000),), days_ago=2)
    window, page = open_payments(qtbot, make_window, ws)
    entry = page.entry
    type_header(qtbot, entry, "Aetna", "9100", desk.today.strftime("%m/%d/%Y"), "80.00")
    press(qtbot, Qt.Key.Key_Return)  # Enter on an empty search: every open claim of the payer
    wait_focus(qtbot, entry.results_table)
    assert {c.claim_number for c in entry.results.rows} == {first.claim_number, namesake.claim_number}
    press(qtbot, Qt.Key.Key_Escape)  # back to the search box
    wait_focus(qtbot, entry.search)
    type_text(qtbot, "brennan")
    press(qtbot, Qt.Key.Key_Return)
    wait_focus(qtbot, entry.results_table)  # two claims: listed, the first chosen
    assert sorted(c.claim_number for c in entry.results.rows) == sorted([first.claim_number, namesake.claim_number])
    at = entry.results.index_of(lambda c: c.claim_number == namesake.claim_number)
    press(qtbot, Qt.Key.Key_Down if at == 1 else Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: len(entry.panels) == 1)
    assert entry.panels[0].entry.claim_number == namesake.claim_number
    wait_focus(qtbot, entry.panels[0].rows[0].edits["allowed"])
    # the wrong one: Ctrl+D, Enter
    press(qtbot, Qt.Key.Key_D, CTRL)
    confirm(qtbot)
    wait(qtbot, lambda: not entry.panels)
    wait_focus(qtbot, entry.search)
    assert entry.entry.claims == [] and "off the batch" in entry.search_note.text()
    add_claim(qtbot, entry, first.claim_number)
    type_line(qtbot, ["100.00", "80.00"])  # $20.00 coinsurance proposed from the rest of the allowed
    assert entry.panels[0].rows[0].patient.text() == "$20.00"
    assert entry.post_button.isEnabled()


def test_a_line_that_does_not_add_up_is_refused_at_its_field(qtbot, runner, desk, make_window) -> None:
    ws = desk.ws
    claim = submitted_claim(desk, "Dubois", first="Claire", lines=(("99213", 12500),))
    window, page = open_payments(qtbot, make_window, ws)
    entry = page.entry
    type_header(qtbot, entry, "Aetna", "9200", desk.today.strftime("%m/%d/%Y"), "90.00")
    add_claim(qtbot, entry, claim.claim_number)
    type_line(qtbot, ["80.00", "90.00"])  # paid more than allowed
    row = entry.panels[0].rows[0]
    assert "more than allowed" in row.status.toolTip()
    assert not entry.post_button.isEnabled()
    press(qtbot, Qt.Key.Key_Return, CTRL)
    wait_focus(qtbot, row.edits["paid"])
    assert row.edits["paid"].property("invalid") is True
    assert "Paid $90.00 is more than allowed $80.00" in entry.problems.text()
    assert posting.list_batches(ws) == []
    assert not [b for b in message_boxes() if b.icon() is QMessageBox.Icon.Critical]
