"""The Denials workspace against a real workstation: denials posted from paper EOBs land in the queue with their
counts; a biller appeals one from the keyboard (the letter saved as PDF, the claim appealed, the denial worked);
the biller has no write-off, and the service refuses one plainly; a manager writes another off."""

from __future__ import annotations

import io
import sys
from datetime import timedelta
from pathlib import Path

import pdfplumber
import pytest
from gui_helpers import show_active, visible_top_levels
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
from denials_support import deny, open_row, sent_claim  # noqa: E402
from front_desk_support import Desk, make_desk  # noqa: E402

from medbill_desktop.domain.claims import ClaimStatus  # noqa: E402
from medbill_desktop.domain.errors import PermissionDenied  # noqa: E402
from medbill_desktop.domain.roles import Role  # noqa: E402
from medbill_desktop.gui.denial_dialogs import (  # noqa: E402
    AppealDialog,
    MoveToPatientDialog,
    ResubmitDialog,
    WriteOffDialog,
)
from medbill_desktop.gui.workspaces import find_workspace  # noqa: E402
from medbill_desktop.gui.workspaces.denials import DenialsWorkspace  # noqa: E402
from medbill_desktop.services import claims, denials, users  # noqa: E402
from medbill_desktop.services.context import Workstation  # noqa: E402

CTRL, SHIFT, ALT = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier,
                    Qt.KeyboardModifier.AltModifier)


@pytest.fixture
def desk(workstation: Workstation) -> Desk:
    return make_desk(workstation)


@pytest.fixture
def page(qtbot, runner, wait_idle, workstation: Workstation):  # type: ignore[no-untyped-def]
    def make() -> DenialsWorkspace:
        assert workstation.actor is not None
        ws = DenialsWorkspace(runner, workstation, workstation.actor)
        qtbot.addWidget(ws)
        ws.resize(1300, 760)
        show_active(qtbot, ws)
        ws.activate()
        wait_idle()
        return ws

    return make


def top_level(qtbot, kind: type):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: bool(visible_top_levels(kind)) or any(
        isinstance(w, kind) and w.isVisible() for w in QApplication.allWidgets()), timeout=5000)
    return next(w for w in QApplication.allWidgets() if isinstance(w, kind) and w.isVisible())


def choose(qtbot, page: DenialsWorkspace, number: str) -> None:  # type: ignore[no-untyped-def]
    at = page.model.index_of(lambda r: r.claim_number == number)
    assert at >= 0, number
    page.table.selectRow(at)
    page.table.setFocus()
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.denial.claim_number == number)


def status_of(ws: Workstation, number: str) -> ClaimStatus:
    return next(c.status for c in claims.list_claims(ws) if c.claim_number == number)


def test_the_workspace_is_in_the_navigator_for_billers_and_managers() -> None:
    spec = find_workspace("denials")
    assert spec is not None and spec.title == "Denials" and spec.cls == "DenialsWorkspace"
    assert spec.allowed(Role.BILLER) and spec.allowed(Role.MANAGER) and not spec.allowed(Role.FRONT_DESK)


def test_a_biller_appeals_from_the_keyboard_and_a_manager_writes_off(  # type: ignore[no-untyped-def]
        qtbot, page, wait_idle, desk: Desk, tmp_path: Path) -> None:
    ws = desk.ws
    today = ws.today()
    first = sent_claim(desk, "Appleton")
    second = sent_claim(desk, "Bramley")
    deny(desk, first, ("CO", "50"), ("N115",), "AET-4410", today - timedelta(days=40))
    write_off_id = deny(desk, second, ("CO", "29"), (), "AET-4411", today - timedelta(days=5))
    users.add_user(ws, "betty", "Betty Biller", Role.BILLER, "biller-pass-1")
    users.sign_in(ws, "betty", "biller-pass-1")

    p = page()
    # the queue and its counts
    assert [r.claim_number for r in p.model.rows] == [first, second]
    assert p.table_title.text() == "Open denials: 2 · $280.00"
    assert [p.reason_list.item(i).text() for i in range(p.reason_list.count())] == [
        "All reasons  (2)", "CO-29  (1)  Filing deadline has passed",
        "CO-50  (1)  Not considered medically necessary by the payer"]
    assert [p.age_list.item(i).text() for i in range(p.age_list.count())] == [
        "Any age  (2)", "0-30 days  (1)", "31-60 days  (1)", "61-90 days  (0)", "90+ days  (0)"]
    p.age_list.setCurrentRow(2)  # 31-60 days: only the first
    wait_idle()
    assert [r.claim_number for r in p.model.rows] == [first]
    assert p.reason_list.item(0).text() == "All reasons  (1)"
    p.age_list.setCurrentRow(0)
    wait_idle()
    # a biller has no write-off: the button is hidden, its shortcut does nothing, the service refuses
    assert not p.actions["write_off"].isVisible()
    choose(qtbot, p, second)
    qtbot.keyClick(p.table, Qt.Key.Key_W, CTRL | SHIFT)
    assert not visible_top_levels(WriteOffDialog)
    with pytest.raises(PermissionDenied, match="Only a manager may write off a denied balance"):
        denials.write_off(ws, write_off_id, "small balance")
    assert open_row(desk, write_off_id).status == "open"

    # the biller appeals the first denial from the keyboard
    choose(qtbot, p, first)
    assert "N115" in p.detail_view.toPlainText() and "CO-50" in p.detail_view.toPlainText()
    assert p.actions["appeal"].isEnabled()
    qtbot.keyClick(p.table, Qt.Key.Key_L, CTRL)
    dialog = top_level(qtbot, AppealDialog)
    qtbot.waitUntil(lambda: dialog.argument.hasFocus())
    qtbot.keyClicks(dialog.argument, "The notes show chest pain with an abnormal ECG;")
    qtbot.keyClick(dialog.argument, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.argument, "the visit was medically necessary.")
    qtbot.keyClick(dialog, Qt.Key.Key_S, ALT)  # Appeal and save PDF…
    wait_idle()
    chooser = top_level(qtbot, QFileDialog)
    target = tmp_path / f"appeal-{first}.pdf"  # the name offered; Enter saves it
    chooser.setDirectory(str(tmp_path))
    chooser.selectFile(target.name)
    chooser.accept()
    wait_idle()
    with pdfplumber.open(io.BytesIO(target.read_bytes())) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert f"Re: Appeal of the denial of claim {first} (your claim number AET-4410)" in text
    assert "abnormal ECG;\nthe visit was medically necessary." in text
    assert "Betty Biller" in text and "Biller, billing office" in text
    assert status_of(ws, first) is ClaimStatus.APPEALED
    row = next(r for r in denials.list_denials(ws, "appealed").rows if r.claim_number == first)
    assert (row.resolved_by, row.note) == ("betty", "The notes show chest pain with an abnormal ECG;\n"
                                                    "the visit was medically necessary.")
    assert [r.claim_number for r in p.model.rows] == [second]  # gone from the open queue
    assert p.message.text() == (f"Claim {first} is appealed; the appeal letter is ready to print. Saved the letter "
                                f"to {target}.")
    qtbot.waitUntil(lambda: p.table.hasFocus())  # the keyboard is back on the table
    # the letter printed again later, from the appealed denials
    p.show_combo.setCurrentIndex(p.show_combo.findData("appealed"))
    wait_idle()
    choose(qtbot, p, first)
    assert p.actions["letter"].isEnabled() and not p.actions["appeal"].isEnabled()
    qtbot.keyClick(p.table, Qt.Key.Key_P, CTRL)
    wait_idle()
    qtbot.waitUntil(lambda: p.last_pdf is not None and p.last_pdf.preview is not None)
    assert p.last_pdf is not None and p.last_pdf.file_name == f"appeal-{first}.pdf"
    with pdfplumber.open(io.BytesIO(p.last_pdf.pdf)) as pdf:
        assert "the visit was medically necessary." in pdf.pages[0].extract_text()
    p.last_pdf.preview.reject()

    # the manager writes the other one off
    users.sign_in(ws, "admin", "admin-pass-1")
    m = page()
    assert m.actions["write_off"].isVisible()
    choose(qtbot, m, second)
    qtbot.keyClick(m.table, Qt.Key.Key_W, CTRL | SHIFT)
    off = top_level(qtbot, WriteOffDialog)
    assert off.amount.text() == "To write off: $140.00 (CO-29)"
    qtbot.waitUntil(lambda: off.reason.hasFocus())
    qtbot.keyClick(off.reason, Qt.Key.Key_Return)  # no reason: refused in the dialog
    wait_idle()
    assert off.isVisible() and off.error_label.text() == "Say why the balance is written off (it goes on the " \
                                                         "ledger entry)."
    qtbot.keyClicks(off.reason, "filed late; our error")
    qtbot.keyClick(off.reason, Qt.Key.Key_Return)
    wait_idle()
    assert not visible_top_levels(WriteOffDialog)  # closed (and deleted)
    assert status_of(ws, second) is ClaimStatus.CLOSED
    row = open_row(desk, write_off_id)
    assert (row.status, row.resolved_by, row.note) == ("written_off", "admin", "filed late; our error")
    assert m.model.rows == [] and m.table_title.text() == "Open denials: none."
    assert m.message.text() == f"Wrote off $140.00 of claim {second} (CO-29); the claim is closed."
    m.show_combo.setCurrentIndex(m.show_combo.count() - 1)  # all denials: both, worked
    wait_idle()
    assert [(r.claim_number, r.status_text) for r in m.model.rows] == [(first, "Appealed"), (second, "Written off")]


def test_resubmit_and_move_to_patient_from_the_keyboard(qtbot, page, wait_idle, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    ws = desk.ws
    fix = sent_claim(desk, "Fixable")
    bill = sent_claim(desk, "Uncovered")
    deny(desk, fix, ("CO", "16"), ("N290",), "AET-7001")
    deny(desk, bill, ("CO", "204"), ("N130",), "AET-7002")
    p = page()
    choose(qtbot, p, fix)
    qtbot.keyClick(p.table, Qt.Key.Key_R, CTRL)
    dialog = top_level(qtbot, ResubmitDialog)
    assert dialog.reference.text() == "AET-7001"  # the payer's claim number from the remittance
    qtbot.waitUntil(lambda: dialog.note.hasFocus())
    qtbot.keyClicks(dialog.note, "Added the rendering provider's NPI")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    wait_idle()
    summary = next(c for c in claims.list_claims(ws) if c.claim_number == fix)
    assert (summary.status, summary.frequency.value, summary.original_reference) == (ClaimStatus.READY, "7",
                                                                                    "AET-7001")
    assert p.message.text() == f"Claim {fix} is ready to send again as a replacement of the payer's claim AET-7001."
    assert [r.claim_number for r in p.model.rows] == [bill]

    qtbot.waitUntil(lambda: p.table.hasFocus())  # the dialog gone, the keyboard is back on the table
    choose(qtbot, p, bill)
    qtbot.keyClick(p.table, Qt.Key.Key_M, CTRL | SHIFT)
    move = top_level(qtbot, MoveToPatientDialog)
    assert move.amount.text() == "To move to the patient: $140.00"
    qtbot.waitUntil(lambda: move.note.hasFocus())
    qtbot.keyClick(move.note, Qt.Key.Key_Return)
    wait_idle()
    summary = next(c for c in claims.list_claims(ws) if c.claim_number == bill)
    assert (summary.status, summary.insurance_balance_cents, summary.patient_balance_cents) == (
        ClaimStatus.CLOSED, 0, 14000)
    assert p.model.rows == []
    assert p.message.text().startswith(f"Moved $140.00 of claim {bill} to the patient (Uncovered, John)")
