"""The Claims workspace against a real workstation: queue counts as the services count them, a claim failing
the scrubber refused with the reasons (and nothing changed), a ready claim printed to PDF becoming submitted,
a rejection recorded with its reason, and the printer calibration dialog saving a profile."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from gui_helpers import message_boxes, show_active, visible_top_levels
from PySide6.QtWidgets import QApplication, QFileDialog

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
from claims_support import finalized_claim  # noqa: E402
from front_desk_support import Desk, make_desk  # noqa: E402

from medbill_desktop.domain.claims import Action, ClaimStatus  # noqa: E402
from medbill_desktop.gui.calibration_dialog import CalibrationDialog  # noqa: E402
from medbill_desktop.gui.claim_dialogs import RejectDialog  # noqa: E402
from medbill_desktop.gui.workspaces.claims import QUEUES, ClaimsWorkspace, PrintClaimsDialog  # noqa: E402
from medbill_desktop.services import claims, reference_data  # noqa: E402
from medbill_desktop.services.context import Workstation  # noqa: E402


@pytest.fixture
def desk(workstation: Workstation) -> Desk:
    return make_desk(workstation)


@pytest.fixture
def page(qtbot, runner, wait_idle, workstation: Workstation):  # type: ignore[no-untyped-def]
    def make() -> ClaimsWorkspace:
        assert workstation.actor is not None
        ws = ClaimsWorkspace(runner, workstation, workstation.actor)
        qtbot.addWidget(ws)
        ws.resize(1300, 720)
        show_active(qtbot, ws)
        ws.activate()
        wait_idle()
        return ws

    return make


def status_of(ws: Workstation, number: str) -> ClaimStatus:
    return next(c.status for c in claims.list_claims(ws) if c.claim_number == number)


def choose(qtbot, page: ClaimsWorkspace, number: str) -> None:  # type: ignore[no-untyped-def]
    page.queue_list.setCurrentRow([q.key for q in QUEUES].index("all"))
    at = page.model.index_of(lambda r: r.claim.claim_number == number)
    assert at >= 0, number
    page.table.selectRow(at)
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.claim.claim_number == number)


def top_level(qtbot, kind: type):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: bool(visible_top_levels(kind)) or any(
        isinstance(w, kind) and w.isVisible() for w in QApplication.allWidgets()), timeout=5000)
    return next(w for w in QApplication.allWidgets() if isinstance(w, kind) and w.isVisible())


def test_queue_counts_match_the_services(qtbot, page, wait_idle, desk: Desk, clock) -> None:  # type: ignore[no-untyped-def]
    ws = desk.ws
    draft, ready, sent, rejected = (finalized_claim(desk, name) for name in ("Draft", "Ready", "Sent", "Rejected"))
    claims.mark_ready(ws, [ready])
    claims.render_claims_pdf(ws, [sent, rejected])
    claims.transition(ws, rejected, Action.REJECT, reason="Subscriber ID not found")
    clock.now += timedelta(days=40)  # 'sent' has been unpaid for 40 days

    p = page()
    counts = p.counts()
    by_service = {key: len(claims.list_claims(ws, status)) for key, status in (
        ("ready", "ready"), ("rejected", "rejected"), ("denied", "denied"), ("draft", "draft"))}
    assert by_service == {"ready": 1, "rejected": 1, "denied": 0, "draft": 1}
    assert {k: counts[k] for k in by_service} == by_service
    assert counts["all"] == len(claims.list_claims(ws)) == 4
    assert counts["unpaid"] == len(claims.list_claims(ws, "submitted")) == 1
    assert p.queue_list.item(0).text() == "Ready to send  (1)"
    assert p.queue_list.item(1).text() == "Submitted, unpaid > 30 days  (1)"
    assert [r.claim.claim_number for r in p.model.rows] == [ready]  # the Ready queue is shown first

    p.days_spin.setValue(45)  # N is editable: nothing has waited 45 days
    assert p.counts()["unpaid"] == 0
    assert p.queue_list.item(1).text() == "Submitted, unpaid > 45 days  (0)"
    p.queue_list.setCurrentRow(2)
    assert [(r.claim.claim_number, r.claim.status) for r in p.model.rows] == [(rejected, ClaimStatus.REJECTED)]
    assert p.model.data(p.model.index(0, 6)) == "Rejected"
    assert p.model.data(p.model.index(0, 4)) == "$140.00"
    _ = draft


def test_a_claim_failing_the_scrubber_is_refused_with_the_reasons(qtbot, page, wait_idle, desk: Desk,  # type: ignore[no-untyped-def]
                                                                   tmp_path: Path) -> None:
    ws = desk.ws
    late = finalized_claim(desk, "Late", days_ago=30)
    reference_data.save_payer(ws, replace(desk.aetna, timely_filing_days=1))
    p = page()
    choose(qtbot, p, late)
    assert "The filing limit passed" in p.detail_view.toPlainText()  # the detail pane shows the finding
    p.actions["print"].click()
    wait_idle()
    dialog = top_level(qtbot, PrintClaimsDialog)
    dialog.print_button.click()
    wait_idle()
    assert p.last_refusal.startswith("1 claim can't be printed: the scrubber found errors; nothing was printed.")
    assert f"Claim {late}:\n- The filing limit passed on" in p.last_refusal
    assert "The filing limit passed" in p.message.text()
    boxes = message_boxes()
    assert boxes and boxes[0].windowTitle() == "Not printed"
    assert "The filing limit passed" in boxes[0].informativeText()
    assert status_of(ws, late) is ClaimStatus.DRAFT
    assert claims.claim_detail(ws, late).submissions == ()
    assert p.last_pdf is None


def test_printing_a_ready_claim_to_pdf_marks_it_submitted(qtbot, page, wait_idle, desk: Desk,  # type: ignore[no-untyped-def]
                                                          tmp_path: Path) -> None:
    ws = desk.ws
    number = finalized_claim(desk, "Ready")
    claims.mark_ready(ws, [number])
    p = page()
    assert [r.claim.claim_number for r in p.model.rows] == [number]
    p.table.setFocus()
    qtbot.keyClick(p.table, "p", modifier=qtbot_ctrl())
    wait_idle()
    dialog = top_level(qtbot, PrintClaimsDialog)
    dialog.form_combo.setCurrentIndex(1)  # the full form, drawn
    dialog.save_button.click()
    chooser = top_level(qtbot, QFileDialog)
    target = tmp_path / "claim.pdf"
    chooser.selectFile(str(target))
    chooser.accept()
    wait_idle()
    assert target.read_bytes().startswith(b"%PDF")
    assert status_of(ws, number) is ClaimStatus.SUBMITTED
    sent = claims.claim_detail(ws, number).submissions
    assert [(s.channel, s.file_name) for s in sent] == [("print", "claim.pdf")]
    assert p.message.text().startswith(f"Saved 1 claim ({number}) to ")
    assert p.counts()["ready"] == 0 and p.model.rows == []  # gone from the Ready queue


def test_record_a_rejection_with_its_reason(qtbot, page, wait_idle, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    ws = desk.ws
    number = finalized_claim(desk, "Sent")
    claims.render_claims_pdf(ws, [number])
    p = page()
    choose(qtbot, p, number)
    assert p.actions["reject"].isEnabled() and not p.actions["print"].isEnabled()
    p.actions["reject"].click()
    dialog = top_level(qtbot, RejectDialog)
    dialog.confirm()  # no reason: refused, the dialog stays
    wait_idle()
    assert dialog.isVisible() and dialog.error_label.text() == f"Say why, to record a rejection of claim {number}."
    assert status_of(ws, number) is ClaimStatus.SUBMITTED
    dialog.reason.setFocus()
    qtbot.keyClicks(dialog.reason, "Subscriber ID not found")
    dialog.confirm()
    wait_idle()
    assert status_of(ws, number) is ClaimStatus.REJECTED
    history = claims.claim_detail(ws, number).history
    assert (history[-1].to_status, history[-1].note) == ("rejected", "Subscriber ID not found")
    assert p.message.text() == f"Claim {number}: rejection recorded."
    qtbot.waitUntil(lambda: "Subscriber ID not found" in p.detail_view.toPlainText())


def test_the_calibration_dialog_saves_a_profile(qtbot, page, wait_idle, desk: Desk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = desk.ws
    p = page()
    dialog = p.open_calibration()
    wait_idle()
    assert isinstance(dialog, CalibrationDialog)
    assert dialog.profile_combo.currentText() == "New profile…"
    dialog.name_edit.setText("")
    dialog.save_profile()
    wait_idle()
    assert dialog.error_label.text() == "Name the profile, for example after the printer and tray."
    assert claims.calibration_profiles(ws) == []

    dialog.name_edit.setText("Front office HP, tray 2")
    dialog.x_spin.setValue(12)
    dialog.y_spin.setValue(-5)
    dialog.scale_spin.setValue(1.004)
    dialog.add_nudge("24.charges", 3, -1)
    dialog.save_button.click()
    wait_idle()
    [saved] = claims.calibration_profiles(ws)
    assert (saved.name, saved.x_offset_hundredths_in, saved.y_offset_hundredths_in, saved.scale,
            dict(saved.nudges)) == ("Front office HP, tray 2", 12, -5, 1.004, {"24.charges": (3, -1)})
    assert dialog.profile_combo.currentText() == "Front office HP, tray 2"
    assert dialog.message.text().startswith("Saved the profile 'Front office HP, tray 2'.")

    dialog.print_test_page(save=True)  # the alignment page comes from the services, printed through the profile
    wait_idle()
    assert dialog.document is not None and dialog.document.pdf.startswith(b"%PDF")
    out = dialog.document.save_to(tmp_path / "alignment.pdf")
    assert out.read_bytes() == dialog.document.pdf
    assert dialog.document.save_dialog is not None
    dialog.document.save_dialog.reject()


def qtbot_ctrl():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.KeyboardModifier.ControlModifier
