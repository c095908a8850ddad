"""The Claims workspace's actions against a real workstation: printing that marks claims submitted only when
the printer took the job, 837P export and 999 import through their file dialogs, void and replace, notes and
follow-up, the payer's acceptance, decision, appeal and closing, and the claim facts editor."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from gui_helpers import show_active
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
from claims_support import ack_999, finalized_claim  # noqa: E402
from front_desk_support import Desk, make_desk  # noqa: E402

from medbill_desktop.domain.claim_form import Attachment, ClaimExtras  # noqa: E402
from medbill_desktop.domain.claims import Action, ClaimStatus  # noqa: E402
from medbill_desktop.domain.scrubber import ClaimFrequency  # noqa: E402
from medbill_desktop.gui.claim_dialogs import (  # noqa: E402
    AcceptDialog,
    AppealDialog,
    ClaimExtrasDialog,
    CloseDialog,
    CorrectDialog,
    FollowUpDialog,
    NoteDialog,
    OutcomeDialog,
)
from medbill_desktop.gui.workspaces.claims import QUEUES, ClaimsWorkspace, PrintClaimsDialog  # noqa: E402
from medbill_desktop.services import claims  # noqa: E402
from medbill_desktop.services.context import Workstation  # noqa: E402

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def desk(workstation: Workstation) -> Desk:
    return make_desk(workstation)


@pytest.fixture
def page(qtbot, runner, wait_idle, workstation: Workstation):  # type: ignore[no-untyped-def]
    def make() -> ClaimsWorkspace:
        assert workstation.actor is not None
        ws = ClaimsWorkspace(runner, workstation, workstation.actor)
        qtbot.addWidget(ws)
        ws.resize(1300, 760)
        show_active(qtbot, ws)
        ws.activate()
        wait_idle()
        return ws

    return make


def status_of(ws: Workstation, number: str) -> ClaimStatus:
    return next(c.status for c in claims.list_claims(ws) if c.claim_number == number)


def choose(qtbot, page: ClaimsWorkspace, number: str) -> None:  # type: ignore[no-untyped-def]
    """Select the claim in the All queue once the table shows its current state."""
    page.queue_list.setCurrentRow([q.key for q in QUEUES].index("all"))
    qtbot.waitUntil(lambda: any(r.claim.claim_number == number and r.claim.status is status_of(page.ws, number)
                                for r in page.model.rows))
    at = page.model.index_of(lambda r: r.claim.claim_number == number)
    assert at >= 0, number
    page.table.selectRow(at)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)  # back from a dialog: the keys go to this window again
    page.table.setFocus()
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.claim.claim_number == number
                    and page.detail.claim.status is status_of(page.ws, number))


def top_level(qtbot, kind: type):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: any(isinstance(w, kind) and w.isVisible() for w in QApplication.topLevelWidgets()),
                    timeout=5000)
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible())


def enabled(page: ClaimsWorkspace) -> set[str]:
    return {key for key, button in page.actions.items() if button.isEnabled()}


def test_a_cancelled_print_leaves_the_claim_ready_and_a_print_the_printer_took_submits_it(  # type: ignore[no-untyped-def]
        qtbot, page, wait_idle, desk: Desk, tmp_path: Path) -> None:
    ws = desk.ws
    number = finalized_claim(desk, "Ready")
    claims.mark_ready(ws, [number])
    p = page()
    choose(qtbot, p, number)

    p.actions["print"].click()
    wait_idle()
    top_level(qtbot, PrintClaimsDialog).print_button.click()
    wait_idle()
    document = p.last_pdf
    assert document is not None and document.pdf.startswith(b"%PDF")
    qtbot.waitUntil(lambda: document.preview is not None and document.preview.isVisible())
    assert p.message.text().startswith(f"Printing 1 claim ({number}): they are marked submitted once")
    assert status_of(ws, number) is ClaimStatus.READY  # the preview is open: nothing is recorded yet
    document.preview.reject()  # the user closes the preview without printing
    wait_idle()
    assert p.message.text().startswith(f"Not printed: 1 claim ({number}) stay as they were.")
    assert status_of(ws, number) is ClaimStatus.READY and claims.claim_detail(ws, number).submissions == ()

    p.actions["print"].click()
    wait_idle()
    top_level(qtbot, PrintClaimsDialog).print_button.click()
    wait_idle()
    document = p.last_pdf
    assert document is not None
    qtbot.waitUntil(lambda: document.preview is not None and document.preview.isVisible())
    preview, printer = document.preview, document.printer
    assert printer is not None
    target = tmp_path / "printed.pdf"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    preview.paintRequested.emit(printer)  # what Qt does once its print dialog is accepted ...
    preview.accept()  # ... before it closes the preview
    wait_idle()
    assert target.read_bytes().startswith(b"%PDF")
    assert status_of(ws, number) is ClaimStatus.SUBMITTED
    [sent] = claims.claim_detail(ws, number).submissions
    assert (sent.channel, sent.file_name) == ("print", "printed.pdf")
    assert p.message.text() == f"Printed 1 claim ({number}) on printed.pdf; marked submitted."


def test_a_printer_that_refuses_the_job_records_nothing(qtbot, page, wait_idle, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    ws = desk.ws
    number = finalized_claim(desk)
    p = page()
    choose(qtbot, p, number)
    p.print_selected()
    wait_idle()
    top_level(qtbot, PrintClaimsDialog).print_button.click()
    wait_idle()
    document = p.last_pdf
    assert document is not None and document.printer is not None
    qtbot.waitUntil(lambda: document.preview is not None and document.preview.isVisible())
    document.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    document.printer.setOutputFileName("")  # a PDF printer given no file prints nothing
    document.preview.paintRequested.emit(document.printer)
    document.preview.accept()
    wait_idle()
    assert status_of(ws, number) is ClaimStatus.DRAFT
    assert p.message.text().startswith("Not printed")


def test_export_837_and_import_a_999_through_their_file_dialogs(qtbot, page, wait_idle, desk: Desk,  # type: ignore[no-untyped-def]
                                                                tmp_path: Path) -> None:
    ws = desk.ws
    first, second = finalized_claim(desk, "Alpha"), finalized_claim(desk, "Beta")
    claims.mark_ready(ws, [first, second])
    p = page()
    assert [r.claim.claim_number for r in p.model.rows] == [first, second]
    p.table.setFocus()
    qtbot.keyClick(p.table, "e", modifier=Qt.KeyboardModifier.ControlModifier)
    chooser = top_level(qtbot, QFileDialog)
    assert chooser.objectName() == "export837Dialog"
    target = tmp_path / "batch.837"
    chooser.selectFile(str(target))
    chooser.accept()
    wait_idle()
    text = target.read_text()
    assert text.startswith("ISA*") and f"CLM*{first}*" in text and f"CLM*{second}*" in text
    assert (status_of(ws, first), status_of(ws, second)) == (ClaimStatus.SUBMITTED, ClaimStatus.SUBMITTED)
    assert p.message.text().startswith(f"Exported 2 claims ({first}, {second}) to {target}")
    assert p.counts()["ready"] == 0

    sent = claims.claim_detail(ws, first).submissions[0]
    ack = tmp_path / "ack.999"
    ack.write_text(ack_999(sent.transaction_control or "", "1", accepted=True))
    chooser = p.import_999()
    qtbot.waitUntil(chooser.isVisible)
    chooser.selectFile(str(ack))
    chooser.accept()
    wait_idle()
    assert (status_of(ws, first), status_of(ws, second)) == (ClaimStatus.ACCEPTED, ClaimStatus.ACCEPTED)
    assert p.message.text().startswith("999 read: 2 accepted, 0 rejected.")


def test_replace_and_void_from_the_workspace(qtbot, page, wait_idle, desk: Desk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = desk.ws
    number = finalized_claim(desk)
    claims.export_837(ws, [number], tmp_path / "a.837")
    p = page()
    choose(qtbot, p, number)
    assert {"void", "replace", "accept", "reject", "outcome"} <= enabled(p)
    assert not {"print", "ready", "appeal", "close"} & enabled(p)
    p.actions["replace"].click()
    dialog = top_level(qtbot, CorrectDialog)
    dialog.confirm()  # no reference
    wait_idle()
    assert "payer's claim number of the original claim" in dialog.error_label.text() and dialog.isVisible()
    qtbot.keyClicks(dialog.reference, "aet555")
    dialog.confirm()
    wait_idle()
    claim = claims.claim_detail(ws, number).claim
    assert (claim.status, claim.frequency, claim.original_reference) == (ClaimStatus.READY,
                                                                        ClaimFrequency.REPLACEMENT, "AET555")
    assert p.message.text() == f"Claim {number} replaced: ready to send again."

    claims.export_837(ws, [number], tmp_path / "b.837")
    p.reload(number)
    wait_idle()
    choose(qtbot, p, number)
    qtbot.keyClick(p.table, "v", modifier=CTRL_SHIFT)
    dialog = top_level(qtbot, CorrectDialog)
    assert dialog.void and dialog.reference.text() == ""
    dialog.reference.setText("AET555")
    dialog.confirm()  # a void needs the reason too
    wait_idle()
    assert dialog.error_label.text() == f"Say why, to void claim {number}."
    dialog.reason.setText("Billed the wrong patient")
    dialog.confirm()
    wait_idle()
    claim = claims.claim_detail(ws, number).claim
    assert (claim.status, claim.frequency) == (ClaimStatus.READY, ClaimFrequency.VOID)
    qtbot.waitUntil(lambda: "Frequency 8, original claim AET555" in p.detail_view.toPlainText())


def test_notes_and_follow_up(qtbot, page, wait_idle, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    ws = desk.ws
    number = finalized_claim(desk)
    p = page()
    choose(qtbot, p, number)
    qtbot.keyClick(p.table, "n", modifier=CTRL_SHIFT)
    dialog = top_level(qtbot, NoteDialog)
    dialog.confirm()
    wait_idle()
    assert dialog.error_label.text() == "Write the note first."
    qtbot.keyClicks(dialog.text, "Called Aetna: in process, ref 4471")
    dialog.confirm()
    wait_idle()
    assert [n.text for n in claims.claim_detail(ws, number).notes] == ["Called Aetna: in process, ref 4471"]
    qtbot.waitUntil(lambda: "Called Aetna: in process, ref 4471" in p.detail_view.toPlainText())

    qtbot.waitUntil(lambda: p.table.hasFocus())  # the dialog gave the keyboard back to the claims
    qtbot.keyClick(p.table, "u", modifier=Qt.KeyboardModifier.ControlModifier)
    dialog = top_level(qtbot, FollowUpDialog)
    qtbot.keyClicks(dialog.on, "13/45/2026")
    dialog.confirm()
    assert "is not a date" in dialog.error_label.text()
    dialog.on.setText("")
    qtbot.keyClicks(dialog.on, "12/01/2026")
    dialog.confirm()
    wait_idle()
    assert claims.claim_detail(ws, number).claim.follow_up_on.isoformat() == "2026-12-01"  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: "Follow up on 12/01/2026" in p.detail_view.toPlainText())


def test_accepted_denied_appealed_paid_closed(qtbot, page, wait_idle, desk: Desk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = desk.ws
    number = finalized_claim(desk)
    claims.export_837(ws, [number], tmp_path / "a.837")
    p = page()
    choose(qtbot, p, number)
    qtbot.keyClick(p.table, "a", modifier=CTRL_SHIFT)
    dialog = top_level(qtbot, AcceptDialog)
    qtbot.keyClicks(dialog.reference, "aet-77-1")
    dialog.confirm()
    wait_idle()
    claim = claims.claim_detail(ws, number).claim
    assert (claim.status, claim.payer_claim_reference) == (ClaimStatus.ACCEPTED, "AET-77-1")
    assert p.message.text() == f"Claim {number}: accepted by the payer."
    choose(qtbot, p, number)
    assert "reject" not in enabled(p) and "outcome" in enabled(p)

    p.actions["outcome"].click()
    dialog = top_level(qtbot, OutcomeDialog)
    assert dialog.reference.text() == "AET-77-1"
    dialog.outcome.setCurrentIndex(dialog.outcome.findData(Action.DENY))
    dialog.confirm()  # a denial needs its reason
    wait_idle()
    assert dialog.error_label.text() == f"Say why, to record a denial of claim {number}."
    qtbot.keyClicks(dialog.reason, "CO-197 precertification absent")
    dialog.confirm()
    wait_idle()
    assert status_of(ws, number) is ClaimStatus.DENIED
    assert p.message.text() == f"Claim {number}: denied."
    choose(qtbot, p, number)
    assert {"appeal", "close", "void", "replace", "outcome"} <= enabled(p), enabled(p)
    assert not {"accept", "reject"} & enabled(p)
    p.actions["outcome"].click()  # the payer may still pay a denied claim when it reprocesses it ...
    dialog = top_level(qtbot, OutcomeDialog)
    assert [dialog.outcome.itemData(i) for i in range(dialog.outcome.count())] == [Action.PAY,
                                                                                   Action.PAY_PARTIALLY]
    dialog.reject()  # ... but it was appealed

    p.actions["appeal"].click()
    dialog = top_level(qtbot, AppealDialog)
    qtbot.keyClicks(dialog.reason, "Precertification A12345 was obtained on 10/02; letter sent")
    dialog.confirm()
    wait_idle()
    assert status_of(ws, number) is ClaimStatus.APPEALED
    history = claims.claim_detail(ws, number).history
    assert (history[-1].to_status, history[-1].note) == ("appealed", "Precertification A12345 was obtained on "
                                                                     "10/02; letter sent")
    choose(qtbot, p, number)
    p.actions["outcome"].click()
    dialog = top_level(qtbot, OutcomeDialog)
    dialog.outcome.setCurrentIndex(dialog.outcome.findData(Action.PAY))
    dialog.confirm()
    wait_idle()
    assert status_of(ws, number) is ClaimStatus.PAID
    choose(qtbot, p, number)
    qtbot.keyClick(p.table, "c", modifier=CTRL_SHIFT)
    dialog = top_level(qtbot, CloseDialog)
    dialog.note.setText("Paid on appeal")
    dialog.confirm()
    wait_idle()
    assert status_of(ws, number) is ClaimStatus.CLOSED
    assert claims.claim_detail(ws, number).history[-1].note == "Paid on appeal"
    choose(qtbot, p, number)
    assert enabled(p) >= {"void", "replace", "note", "follow_up", "extras"}
    assert not {"accept", "reject", "outcome", "appeal", "close", "print"} & enabled(p)


def test_claim_facts_are_edited_checked_and_shown(qtbot, page, wait_idle, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    ws = desk.ws
    number = finalized_claim(desk, "Crash")
    p = page()
    choose(qtbot, p, number)
    qtbot.keyClick(p.table, "f", modifier=CTRL_SHIFT)
    wait_idle()
    dialog = top_level(qtbot, ClaimExtrasDialog)
    assert not dialog.state.isEnabled() and not dialog.lab_charges.isEnabled()
    dialog.auto.setChecked(True)
    dialog.confirm()  # no state
    wait_idle()
    assert "two-letter state" in dialog.error_label.text()
    assert dialog.focusWidget() is dialog.state
    qtbot.keyClicks(dialog.state, "il")
    qtbot.keyClicks(dialog.other_claim, "SF-2026-417")
    qtbot.keyClicks(dialog.unable_from, "10/20/2026")
    qtbot.keyClicks(dialog.hospital_to, "10/22/2026")
    dialog.confirm()  # a 'to' date without its 'from'
    wait_idle()
    assert dialog.error_label.text() == "Enter the first day in hospital as well."
    qtbot.keyClicks(dialog.hospital_from, "10/20/2026")
    dialog.lab.setChecked(True)
    qtbot.keyClicks(dialog.lab_charges, "42.50")
    qtbot.keyClicks(dialog.info, "Patient was a passenger")
    dialog.report_type.setCurrentIndex(dialog.report_type.findData("09"))
    dialog.add_attachment()  # by fax: the control number is needed
    assert "control number" in dialog.error_label.text() and dialog.attachments.count() == 0
    qtbot.keyClicks(dialog.control, "acn77120")
    qtbot.keyClick(dialog.control, Qt.Key.Key_Return)  # Enter adds the attachment (and does not save yet)
    assert dialog.attachments.count() == 1 and dialog.control.text() == "" and dialog.isVisible()
    assert claims.claim_extras(ws, number) == ClaimExtras()
    dialog.confirm()
    wait_idle()
    qtbot.waitUntil(lambda: not any(isinstance(w, ClaimExtrasDialog) and w.isVisible()
                                    for w in QApplication.topLevelWidgets()))
    saved = claims.claim_extras(ws, number)
    assert (saved.auto_accident, saved.auto_accident_state, saved.other_claim_id) == (True, "IL", "SF-2026-417")
    assert (saved.unable_to_work.start.isoformat(), saved.unable_to_work.end) == ("2026-10-20", None)  # type: ignore[union-attr]
    assert saved.hospitalization is not None and saved.hospitalization.end.isoformat() == "2026-10-22"  # type: ignore[union-attr]
    assert (saved.outside_lab, saved.outside_lab_charges_cents) == (True, 4250)
    assert saved.attachments == (Attachment("09", "FX", "ACN77120"),)
    assert p.message.text() == f"Claim {number}: claim facts saved."
    qtbot.waitUntil(lambda: "Related to auto accident (IL) (10)" in p.detail_view.toPlainText())
    text = p.detail_view.toPlainText()
    assert "Attachment: progress report, by fax #ACN77120" in text and "Outside lab, $42.50 (20)" in text

    # opening it again shows what was saved; removing the attachment and saving keeps the rest
    p.edit_extras()
    wait_idle()
    dialog = top_level(qtbot, ClaimExtrasDialog)
    assert dialog.state.text() == "IL" and dialog.lab_charges.text() == "42.50" and dialog.attachments.count() == 1
    dialog.attachments.setCurrentRow(0)
    dialog.remove_button.click()
    dialog.confirm()
    wait_idle()
    assert claims.claim_extras(ws, number) == ClaimExtras(**{**{f: getattr(saved, f) for f in (
        "auto_accident", "auto_accident_state", "other_claim_id", "unable_to_work", "hospitalization",
        "additional_info", "outside_lab", "outside_lab_charges_cents")}})
