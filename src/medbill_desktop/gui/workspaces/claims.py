"""Claims (billers and managers): the claim queues with their counts, filters, the claims table, one claim's
detail (scrubber findings, history, notes, submissions) and every action on claims.

Queues: Ready, Submitted and unpaid for more than N days (N editable, 30 to start), Rejected, Denied, Draft,
All. Filters: payer, rendering provider, and age (days since the date of service).

Keyboard: Alt+Q the queues, Alt+T the table; Ctrl+P print the chosen claim, Ctrl+Shift+P print every ready
claim in one job, Ctrl+E export ready electronic claims as 837P, Ctrl+I import a 999, Ctrl+M mark ready,
Ctrl+Shift+A accepted, Ctrl+J record a rejection, Ctrl+Shift+O the payer's decision (paid, partially paid,
denied), Ctrl+Shift+L appeal, Ctrl+Shift+C close, Ctrl+Shift+V void, Ctrl+Shift+R replace, Ctrl+Shift+F claim
facts (items 10-20, attachments), Ctrl+U follow-up, Ctrl+Shift+N add a note, Ctrl+K printer calibration, F5
reload.

Printing: the forms are made first and the claims move to submitted only once the printer has taken the job
(the preview closed through Print) or the PDF has been saved; a cancelled print leaves them as they were.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from medbill_desktop.domain.claim_form import (
    ATTACHMENT_REPORT_TYPES,
    ATTACHMENT_TRANSMISSIONS,
    CalibrationProfile,
    ClaimExtras,
    DateRange,
)
from medbill_desktop.domain.claims import Action, ClaimStatus, allowed_actions
from medbill_desktop.domain.scrubber import Severity
from medbill_desktop.gui.calibration_dialog import CalibrationDialog
from medbill_desktop.gui.claim_dialogs import (
    AcceptDialog,
    AppealDialog,
    ClaimExtrasDialog,
    CloseDialog,
    CorrectDialog,
    FollowUpDialog,
    NoteDialog,
    OutcomeDialog,
    RejectDialog,
)
from medbill_desktop.gui.desk_models import MUTED_COLOR, WARN_COLOR, Column, RowsModel
from medbill_desktop.gui.desk_style import apply_desk_style, return_focus, shortcut
from medbill_desktop.gui.fields import error_text
from medbill_desktop.gui.inputs import date_text, money
from medbill_desktop.gui.models import local_time
from medbill_desktop.gui.ops import OpRunner, message_box
from medbill_desktop.gui.printing import PdfDocument, can_rasterise
from medbill_desktop.gui.queue_panes import finish_queue_panes, queue_panes
from medbill_desktop.gui.workspaces import Workspace
from medbill_desktop.services import claim_printing, claims
from medbill_desktop.services.claim_printing import QueueFacts
from medbill_desktop.services.claims import ClaimDetail, ClaimSummary
from medbill_desktop.services.context import Actor, Workstation

S = ClaimStatus
UNPAID = (S.SUBMITTED, S.ACCEPTED, S.APPEALED)
STATUS_WORDS = {s: s.label.capitalize() for s in ClaimStatus}
DEFAULT_UNPAID_DAYS = 30


@dataclass(frozen=True)
class QueueRow:
    """A claim as the table shows it: the service's summary and the facts the queue filters on."""

    claim: ClaimSummary
    provider_id: str | None
    provider_name: str
    last_sent_on: date | None
    age_days: int | None  # since the date of service
    sent_days: int | None  # since it was last sent


@dataclass(frozen=True)
class Queue:
    key: str
    title: str
    test: Callable[[QueueRow, int], bool]  # (row, N days) -> in the queue


QUEUES = (
    Queue("ready", "Ready to send", lambda r, n: r.claim.status is S.READY),
    Queue("unpaid", "Submitted, unpaid > {n} days",
          lambda r, n: r.claim.status in UNPAID and (r.sent_days if r.sent_days is not None
                                                     else r.age_days or 0) > n),
    Queue("rejected", "Rejected", lambda r, n: r.claim.status is S.REJECTED),
    Queue("denied", "Denied", lambda r, n: r.claim.status is S.DENIED),
    Queue("draft", "Draft", lambda r, n: r.claim.status is S.DRAFT),
    Queue("all", "All claims", lambda r, n: True),
)


def load_queue(ws: Workstation) -> tuple[list[ClaimSummary], dict[str, QueueFacts]]:
    """One trip to the worker: the claims and the facts to filter them by."""
    return claims.list_claims(ws), claim_printing.queue_facts(ws)


def _status_color(row: QueueRow) -> Any:
    if row.claim.status in (S.REJECTED, S.DENIED):
        return WARN_COLOR
    if row.claim.status in (S.CLOSED, S.PAID):
        return MUTED_COLOR
    return None


class PrintClaimsDialog(QDialog):
    """Which form (red: data only, for pre-printed forms; full: the form drawn) and which printer profile."""

    def __init__(self, numbers: list[str], profiles: list[CalibrationProfile], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.numbers = numbers
        self.choice = ""  # "print" or "save"
        self.setObjectName("printClaimsDialog")
        self.setWindowTitle("Print claims")
        layout = QVBoxLayout(self)
        n = len(numbers)
        what = f"claim {numbers[0]}" if n == 1 else f"{n} claims ({', '.join(numbers[:6])}{'…' if n > 6 else ''})"
        intro = QLabel(f"Print {what} on CMS-1500 forms. Once printed (or saved as PDF), "
                       f"{'it is' if n == 1 else 'they are'} marked submitted.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.form_combo = QComboBox(self)
        self.form_combo.setObjectName("formCombo")
        self.form_combo.addItem("Red form: data only, on pre-printed red CMS-1500 forms", "red")
        self.form_combo.addItem("Full form: the form drawn, on plain paper", "full")
        form.addRow("&Form:", self.form_combo)
        self.profile_combo = QComboBox(self)
        self.profile_combo.setObjectName("profileCombo")
        self.profile_combo.addItem("No calibration (as designed)", None)
        for p in profiles:
            self.profile_combo.addItem(p.name, p.name)
        form.addRow("Printer &profile:", self.profile_combo)
        layout.addLayout(form)
        buttons = QDialogButtonBox(self)
        self.print_button = buttons.addButton("&Print…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button.setDefault(True)
        self.save_button = buttons.addButton("&Save PDF…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.print_button.clicked.connect(lambda: self._choose("print"))
        self.save_button.clicked.connect(lambda: self._choose("save"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    @property
    def form(self) -> str:
        return str(self.form_combo.currentData())

    @property
    def profile(self) -> str | None:
        data = self.profile_combo.currentData()
        return str(data) if data else None


class ClaimsWorkspace(Workspace):
    def __init__(self, runner: OpRunner, ws: Workstation, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(runner, ws, actor, parent)
        apply_desk_style(self)
        self.all_rows: list[QueueRow] = []
        self.detail: ClaimDetail | None = None
        self._detail_seq = 0
        self.last_pdf: PdfDocument | None = None
        self.last_refusal = ""
        self.dialog: QDialog | None = None
        self._select_after: str | None = None

        panes = queue_panes(self, "Claims")
        # left: queues and filters
        left, left_layout = panes.left, panes.left_layout
        queues_label = QLabel("&Queues", left)
        queues_label.setProperty("role", "section")
        left_layout.addWidget(queues_label)
        self.queue_list = QListWidget(left)
        self.queue_list.setObjectName("queueList")
        queues_label.setBuddy(self.queue_list)
        for q in QUEUES:
            item = QListWidgetItem(q.title, self.queue_list)
            item.setData(Qt.ItemDataRole.UserRole, q.key)
        self.queue_list.setCurrentRow(0)
        self.queue_list.setMaximumHeight(190)
        left_layout.addWidget(self.queue_list)
        filters = QFormLayout()
        self.days_spin = QSpinBox(left)
        self.days_spin.setObjectName("unpaidDaysSpin")
        self.days_spin.setRange(1, 365)
        self.days_spin.setValue(DEFAULT_UNPAID_DAYS)
        self.days_spin.setSuffix(" days")
        filters.addRow("&Unpaid after:", self.days_spin)
        self.payer_combo = QComboBox(left)
        self.payer_combo.setObjectName("payerFilter")
        filters.addRow("Pa&yer:", self.payer_combo)
        self.provider_combo = QComboBox(left)
        self.provider_combo.setObjectName("providerFilter")
        filters.addRow("Pro&vider:", self.provider_combo)
        self.age_spin = QSpinBox(left)
        self.age_spin.setObjectName("ageFilter")
        self.age_spin.setRange(0, 3650)
        self.age_spin.setSpecialValueText("any age")
        self.age_spin.setSuffix(" days or older")
        filters.addRow("&Age:", self.age_spin)
        left_layout.addLayout(filters)
        left_layout.addStretch(1)
        self.calibrate_button = QPushButton("Printer calibration…", left)
        self.calibrate_button.setToolTip("Ctrl+K: line the printer up with red forms")
        self.calibrate_button.clicked.connect(self.open_calibration)
        left_layout.addWidget(self.calibrate_button)

        # middle: actions, table, message; the chosen claim below
        middle, mid = panes.middle, panes.mid
        self.actions: dict[str, QPushButton] = {}
        bar1, bar2, bar3 = QHBoxLayout(), QHBoxLayout(), QHBoxLayout()
        for bar, specs in ((bar1, (
                ("print", "Print…", "Ctrl+P", self.print_selected),
                ("print_ready", "Print all ready", "Ctrl+Shift+P", self.print_all_ready),
                ("export", "Export 837P…", "Ctrl+E", self.export_837),
                ("import", "Import 999…", "Ctrl+I", self.import_999),
                ("ready", "Mark ready", "Ctrl+M", self.mark_ready))),
                (bar2, (
                ("accept", "Accepted…", "Ctrl+Shift+A", self.record_acceptance),
                ("reject", "Rejected…", "Ctrl+J", self.record_rejection),
                ("outcome", "Paid / denied…", "Ctrl+Shift+O", self.record_outcome),
                ("appeal", "Appeal…", "Ctrl+Shift+L", self.appeal),
                ("close", "Close…", "Ctrl+Shift+C", self.close_claim))),
                (bar3, (
                ("void", "Void…", "Ctrl+Shift+V", lambda: self.correct(void=True)),
                ("replace", "Replace…", "Ctrl+Shift+R", lambda: self.correct(void=False)),
                ("extras", "Claim facts…", "Ctrl+Shift+F", self.edit_extras),
                ("follow_up", "Follow-up…", "Ctrl+U", self.follow_up),
                ("note", "Add note…", "Ctrl+Shift+N", self.add_note)))):
            for key, text, keys, slot in specs:
                button = QPushButton(text, middle)
                button.setObjectName(f"{key}Button")
                button.setToolTip(keys)
                button.clicked.connect(slot)
                button.setMinimumWidth(button.sizeHint().width() + 16)
                shortcut(self, keys, slot)
                bar.addWidget(button)
                self.actions[key] = button
            bar.addStretch(1)
        mid.addLayout(bar1)
        mid.addLayout(bar2)
        mid.addLayout(bar3)
        self.table_title = QLabel(middle)
        self.table_title.setObjectName("tableTitle")
        self.table_title.setProperty("role", "section")
        mid.addWidget(self.table_title)
        self.model: RowsModel[QueueRow] = RowsModel([
            Column("Claim", lambda r: r.claim.claim_number, width=95),
            Column("Patient", lambda r: r.claim.patient_name, width=160),
            Column("Payer", lambda r: r.claim.payer_name, width=175),
            Column("DOS", lambda r: date_text(r.claim.date_of_service), width=90),
            Column("Charge", lambda r: money(r.claim.charge_cents), right=True, width=80),
            Column("Ins. balance", lambda r: money(r.claim.insurance_balance_cents), right=True, width=110),
            Column("Status", lambda r: STATUS_WORDS[r.claim.status], width=90, color=_status_color,
                   tip=lambda r: f"{STATUS_WORDS[r.claim.status]}; last sent {date_text(r.last_sent_on)}"
                   if r.last_sent_on else STATUS_WORDS[r.claim.status]),
            Column("Age", lambda r: "" if r.age_days is None else str(r.age_days), right=True, width=50,
                   tip=lambda r: "Days since the date of service"),
        ], self)
        views = finish_queue_panes(panes, self.model, "claimsTable", "claimDetail", middle_share=(3, 2),
                                   middle_sizes=(430, 300), left_width=240)
        self.table, self.message, self.detail_view = views.table, views.message, views.detail

        self.queue_list.currentRowChanged.connect(lambda _r: self.apply_filters())
        self.days_spin.valueChanged.connect(lambda _v: self.apply_filters())
        self.payer_combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.provider_combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.age_spin.valueChanged.connect(lambda _v: self.apply_filters())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.load_detail())
        shortcut(self, "F5", self.reload)
        shortcut(self, "Ctrl+K", self.open_calibration)
        shortcut(self, "Alt+Q", self.queue_list.setFocus)
        shortcut(self, "Alt+T", self.table.setFocus)
        self._update_actions()

    # --- loading and filtering -------------------------------------------------------------------------
    def activate(self) -> None:
        self.reload()

    def focus_first(self) -> None:
        self.table.setFocus()

    def reload(self, select: str | None = None) -> None:
        if select:
            self._select_after = select
        self.runner.run(load_queue, self.ws, success=self._loaded, label="Loading the claims…")

    def _loaded(self, result: tuple[list[ClaimSummary], dict[str, QueueFacts]]) -> None:
        summaries, facts = result
        today = self.ws.today()
        rows = []
        for c in summaries:
            f = facts.get(c.claim_number)
            sent = f.last_sent_on if f else None
            rows.append(QueueRow(c, f.provider_id if f else None, f.provider_name if f else "", sent,
                                 (today - c.date_of_service).days if c.date_of_service else None,
                                 (today - sent).days if sent else None))
        self.all_rows = rows
        self._fill_combo(self.payer_combo, "All payers", {r.claim.payer_id: r.claim.payer_name for r in rows})
        self._fill_combo(self.provider_combo, "All providers",
                         {r.provider_id: r.provider_name for r in rows if r.provider_id})
        self.apply_filters()

    @staticmethod
    def _fill_combo(combo: QComboBox, everyone: str, items: dict[Any, str]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everyone, None)
        for key, name in sorted(items.items(), key=lambda kv: kv[1].lower()):
            combo.addItem(name, key)
        at = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(at, 0))
        combo.blockSignals(False)

    def queue(self) -> Queue:
        key = self.queue_list.currentItem().data(Qt.ItemDataRole.UserRole) if self.queue_list.currentItem() \
            else "all"
        return next(q for q in QUEUES if q.key == key)

    def filtered(self) -> list[QueueRow]:
        payer, provider, age = self.payer_combo.currentData(), self.provider_combo.currentData(), self.age_spin.value()
        return [r for r in self.all_rows
                if (payer is None or r.claim.payer_id == payer)
                and (provider is None or r.provider_id == provider)
                and (not age or (r.age_days or 0) >= age)]

    def counts(self) -> dict[str, int]:
        days = self.days_spin.value()
        rows = self.filtered()
        return {q.key: sum(1 for r in rows if q.test(r, days)) for q in QUEUES}

    def apply_filters(self) -> None:
        days = self.days_spin.value()
        counts = self.counts()
        for i, q in enumerate(QUEUES):
            item = self.queue_list.item(i)
            item.setText(f"{q.title.format(n=days)}  ({counts[q.key]})")
        queue = self.queue()
        current = self._select_after or (self.selected().claim.claim_number if self.selected() else None)
        self._select_after = None
        rows = [r for r in self.filtered() if queue.test(r, days)]
        self.model.set_rows(rows)
        n = len(rows)
        self.table_title.setText(f"{queue.title.format(n=days)}: {n} claim{'s' if n != 1 else ''}"
                                 if n else f"{queue.title.format(n=days)}: no claims.")
        at = self.model.index_of(lambda r: r.claim.claim_number == current) if current else -1
        if rows:
            self.table.selectRow(max(at, 0))
        else:
            self.detail = None
            self.detail_view.setHtml("<p style='color:#6b7280'>No claim chosen.</p>")
        self._update_actions()

    def selected(self) -> QueueRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def selected_number(self) -> str | None:
        row = self.selected()
        return row.claim.claim_number if row else None

    # --- the detail pane -------------------------------------------------------------------------------
    def load_detail(self) -> None:
        self._update_actions()
        number = self.selected_number()
        self._detail_seq += 1
        seq = self._detail_seq
        if number is None:
            return
        self.runner.run(claims.claim_detail, self.ws, number, success=lambda d: self._detail_loaded(seq, d),
                        quiet=True, label="Loading the claim…")

    def _detail_loaded(self, seq: int, detail: ClaimDetail) -> None:
        if seq != self._detail_seq:
            return
        self.detail = detail
        self.detail_view.setHtml(detail_html(detail))

    def _update_actions(self) -> None:
        row = self.selected()
        status = row.claim.status if row else None
        can = set(allowed_actions(status)) if status is not None else set()
        enabled = {
            "print": status in (S.DRAFT, S.READY),
            "ready": status in (S.DRAFT, S.REJECTED),
            "accept": Action.ACCEPT in can,
            "reject": Action.REJECT in can,
            "outcome": bool({Action.PAY, Action.PAY_PARTIALLY, Action.DENY} & can),
            "appeal": Action.APPEAL in can,
            "close": Action.CLOSE in can,
            "void": Action.VOID in can,
            "replace": Action.REPLACE in can,
            "extras": status is not None,
            "follow_up": status is not None,
            "note": status is not None,
        }
        for key, button in self.actions.items():
            button.setEnabled(enabled.get(key, True))

    # --- showing outcomes ------------------------------------------------------------------------------
    def say(self, text: str) -> None:
        self.message.setText(text)
        self.status_message.emit(text.splitlines()[0] if text else "")

    def refused(self, exc: Exception, title: str = "Not done") -> None:
        """A refusal from the services (a claim failing the scrubber: every claim and every error)."""
        self.last_refusal = error_text(exc)
        self.message.setText(self.last_refusal)
        message_box(self, QMessageBox.Icon.Warning, title, self.last_refusal.splitlines()[0],
                    "\n".join(self.last_refusal.splitlines()[1:]))

    def _done(self, text: str, select: str | None = None) -> None:
        self.say(text)
        self.reload(select)

    # --- print ------------------------------------------------------------------------------------------
    def print_selected(self) -> None:
        number = self.selected_number()
        if number is None:
            self.say("Choose a claim first.")
            return
        self.ask_print([number])

    def print_all_ready(self) -> None:
        numbers = [r.claim.claim_number for r in self.all_rows if r.claim.status is S.READY]
        if not numbers:
            self.say("There are no ready claims to print.")
            return
        self.ask_print(numbers)

    def ask_print(self, numbers: list[str]) -> None:
        self.runner.run(claims.calibration_profiles, self.ws,
                        success=lambda profiles: self._open_print_dialog(numbers, profiles),
                        label="Loading the printer profiles…")

    def _open_print_dialog(self, numbers: list[str], profiles: list[CalibrationProfile]) -> None:
        dialog = PrintClaimsDialog(numbers, profiles, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._print_chosen(dialog))
        self.dialog = dialog
        dialog.open()

    def _print_chosen(self, dialog: PrintClaimsDialog) -> None:
        if dialog.choice == "save":
            self.ask_save_path(dialog.numbers, dialog.form, dialog.profile)
        else:
            self.render(dialog.numbers, dialog.form, dialog.profile, None)

    def ask_save_path(self, numbers: list[str], form: str, profile: str | None) -> QFileDialog:
        chooser = QFileDialog(self, "Save the claims as PDF")
        chooser.setObjectName("saveClaimsPdfDialog")
        chooser.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        chooser.setNameFilter("PDF documents (*.pdf)")
        chooser.setDefaultSuffix("pdf")
        chooser.setDirectory(str(Path.home()))
        chooser.selectFile(f"claims-{numbers[0]}.pdf" if len(numbers) == 1 else "claims.pdf")
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.fileSelected.connect(lambda name: self.render(numbers, form, profile, Path(name)))
        chooser.open()
        return chooser

    def render(self, numbers: list[str], form: str, profile: str | None, out: Path | None) -> None:
        """Saving (`out`): the service makes the forms, writes the file and marks the claims submitted in one
        go. Printing: the service makes the forms (refusing claims failing the scrubber) and nothing moves
        until the printer has taken the job."""
        if out is not None:
            self.runner.run(claims.render_claims_pdf, self.ws, numbers, form, profile, out,
                            success=lambda result: self._saved(result, out),
                            failure=lambda exc: self.refused(exc, "Not saved"), label="Making the claim forms…")
        else:
            self.runner.run(claims.claim_forms_pdf, self.ws, numbers, form, profile, success=self._to_printer,
                            failure=lambda exc: self.refused(exc, "Not printed"), label="Making the claim forms…")

    @staticmethod
    def _listed(result: claims.RenderResult) -> str:
        n = len(result.claim_numbers)
        return f"{n} claim{'s' if n != 1 else ''} ({', '.join(result.claim_numbers)})"

    def _document(self, result: claims.RenderResult) -> PdfDocument:
        n = len(result.claim_numbers)
        listed = ", ".join(result.claim_numbers)
        self.last_pdf = PdfDocument(result.pdf, f"Claims {listed}" if n < 4 else f"{n} claims",
                                    f"claims-{result.claim_numbers[0]}.pdf", self)
        return self.last_pdf

    def _saved(self, result: claims.RenderResult, out: Path) -> None:
        self._document(result)
        self._done(f"Saved {self._listed(result)} to {out}; marked submitted.", result.claim_numbers[0])

    def _to_printer(self, result: claims.RenderResult) -> None:
        document = self._document(result)
        document.printed.connect(lambda _pages: self.record_printed(result, document.destination()))
        document.cancelled.connect(lambda: self.say(
            f"Not printed: {self._listed(result)} stay as they were. Print again when the printer is ready."))
        if can_rasterise():
            document.print_with_preview(self)
        else:
            document.open_in_viewer()
            self.ask_if_printed(result)
        self.say(f"Printing {self._listed(result)}: they are marked submitted once the printer takes the job.")

    def ask_if_printed(self, result: claims.RenderResult) -> QMessageBox:
        """Without a rasteriser the system's viewer prints, and only the user knows whether it did."""
        box = QMessageBox(QMessageBox.Icon.Question, "Did the forms print?",
                          f"Did {self._listed(result)} print? Answer Yes once the forms are out of the printer; "
                          "they are then marked submitted.", QMessageBox.StandardButton.Yes
                          | QMessageBox.StandardButton.No, self)
        box.setObjectName("printedQuestion")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda answer: self.record_printed(result, "system PDF viewer")
                             if answer == QMessageBox.StandardButton.Yes.value else self.say(
                                 f"Not printed: {self._listed(result)} stay as they were."))
        self.dialog = box  # type: ignore[assignment]
        box.open()
        return box

    def record_printed(self, result: claims.RenderResult, where: str) -> None:
        self.runner.run(claims.record_printed, self.ws, result, where,
                        success=lambda _s: self._done(f"Printed {self._listed(result)} on {where}; marked "
                                                      "submitted.", result.claim_numbers[0]),
                        failure=lambda exc: self.refused(exc, "Printed, but not recorded"),
                        label="Recording the print…")

    # --- 837P and 999 -----------------------------------------------------------------------------------
    def export_837(self) -> QFileDialog:
        number = self.selected_number()
        row = self.selected()
        one = [number] if number and row and row.claim.status in (S.DRAFT, S.READY) \
            and self.queue().key != "ready" else None
        chooser = QFileDialog(self, "Export claims as 837P")
        chooser.setObjectName("export837Dialog")
        chooser.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        chooser.setNameFilter("X12 837P files (*.837 *.txt);;All files (*)")
        chooser.setDefaultSuffix("837")
        chooser.setDirectory(str(Path.home()))
        chooser.selectFile(f"claims-{self.ws.today().isoformat()}.837")
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.fileSelected.connect(lambda name: self.export_to(Path(name), one))
        chooser.open()
        return chooser

    def export_to(self, path: Path, numbers: list[str] | None = None) -> None:
        """All ready electronic claims (or the named ones) in one interchange."""
        self.runner.run(claims.export_837, self.ws, numbers, path, success=self._exported,
                        failure=lambda exc: self.refused(exc, "Not exported"), label="Writing the 837P file…")

    def _exported(self, result: claims.ExportResult) -> None:
        n = len(result.claim_numbers)
        self._done(f"Exported {n} claim{'s' if n != 1 else ''} ({', '.join(result.claim_numbers)}) to "
                   f"{result.path} (interchange {result.interchange_control}); marked submitted.")

    def import_999(self) -> QFileDialog:
        chooser = QFileDialog(self, "Import a 999 acknowledgement")
        chooser.setObjectName("import999Dialog")
        chooser.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        chooser.setFileMode(QFileDialog.FileMode.ExistingFile)
        chooser.setNameFilter("X12 999 files (*.999 *.txt *.x12 *.edi);;All files (*)")
        chooser.setDirectory(str(Path.home()))
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.fileSelected.connect(lambda name: self.import_from(Path(name)))
        chooser.open()
        return chooser

    def import_from(self, path: Path) -> None:
        try:
            text = path.read_text(encoding="ascii", errors="replace")
        except OSError as exc:
            self.say(f"Could not read {path.name}: {exc.strerror or exc}.")
            return
        self.runner.run(claims.import_999, self.ws, text, success=self._imported,
                        failure=lambda exc: self.refused(exc, "Not imported"), label="Reading the 999…")

    def _imported(self, result: claims.AckImport) -> None:
        parts = [f"999 read: {len(result.accepted)} accepted, {len(result.rejected)} rejected."]
        parts += [f"Rejected {n}: {why}" for n, why in result.rejected]
        parts += [f"Left as it is: {n} ({why})" for n, why in result.skipped]
        if result.unmatched:
            parts.append(f"Not ours (no export with these control numbers): {', '.join(result.unmatched)}")
        self._done("\n".join(parts))

    # --- moves and notes --------------------------------------------------------------------------------
    def mark_ready(self) -> None:
        number = self.selected_number()
        if number is None:
            self.say("Choose a claim first.")
            return
        self.runner.run(claims.mark_ready, self.ws, [number],
                        success=lambda _r: self._done(f"Claim {number} is ready to send.", number),
                        failure=lambda exc: self.refused(exc, "Not marked ready"), label="Checking the claim…")

    def _open(self, dialog: QDialog, done: Callable[[object], object]) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.done_with.connect(done)  # type: ignore[attr-defined]
        dialog.finished.connect(lambda _r: return_focus(self.table))  # back to the claims, for the next key
        self.dialog = dialog
        dialog.open()

    def record_acceptance(self) -> None:
        row = self.selected()
        if row is not None:
            number = row.claim.claim_number
            self._open(AcceptDialog(self.runner, self.ws, number, row.claim.payer_claim_reference, self),
                       lambda _r: self._done(f"Claim {number}: accepted by the payer.", number))

    def record_outcome(self) -> None:
        row = self.selected()
        if row is not None:
            number = row.claim.claim_number
            self._open(OutcomeDialog(self.runner, self.ws, number, row.claim.payer_claim_reference, self,
                                     allowed_actions(row.claim.status)),
                       lambda r: self._done(f"Claim {number}: {STATUS_WORDS[r.status].lower()}.", number))

    def appeal(self) -> None:
        number = self.selected_number()
        if number is not None:
            self._open(AppealDialog(self.runner, self.ws, number, self),
                       lambda _r: self._done(f"Claim {number}: appeal recorded.", number))

    def close_claim(self) -> None:
        number = self.selected_number()
        if number is not None:
            self._open(CloseDialog(self.runner, self.ws, number, self),
                       lambda _r: self._done(f"Claim {number} closed.", number))

    def edit_extras(self) -> None:
        number = self.selected_number()
        if number is None:
            return
        self.runner.run(claims.claim_extras, self.ws, number,
                        success=lambda extras: self._open(
                            ClaimExtrasDialog(self.runner, self.ws, number, extras, self),
                            lambda _r: self._done(f"Claim {number}: claim facts saved.", number)),
                        label="Loading the claim facts…")

    def record_rejection(self) -> None:
        number = self.selected_number()
        if number is not None:
            self._open(RejectDialog(self.runner, self.ws, number, self),
                       lambda _r: self._done(f"Claim {number}: rejection recorded.", number))

    def correct(self, void: bool) -> None:
        row = self.selected()
        if row is not None:
            number = row.claim.claim_number
            self._open(CorrectDialog(self.runner, self.ws, number, void, row.claim.payer_claim_reference, self),
                       lambda _r: self._done(f"Claim {number} {'voided' if void else 'replaced'}: ready to send "
                                             "again.", number))

    def follow_up(self) -> None:
        row = self.selected()
        if row is not None:
            number = row.claim.claim_number
            self._open(FollowUpDialog(self.runner, self.ws, number, row.claim.follow_up_on, self),
                       lambda _r: self._done(f"Claim {number}: follow-up set.", number))

    def add_note(self) -> None:
        number = self.selected_number()
        if number is not None:
            self._open(NoteDialog(self.runner, self.ws, number, self),
                       lambda _r: self._done(f"Claim {number}: note added.", number))

    def open_calibration(self) -> CalibrationDialog:
        dialog = CalibrationDialog(self.runner, self.ws, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog


def _span(span: DateRange | None) -> str:
    if span is None:
        return ""
    return f"{date_text(span.start)} to {date_text(span.end)}" if span.end else f"from {date_text(span.start)}"


def extras_lines(x: ClaimExtras) -> list[str]:
    """The claim facts that are set, one line each, in the words of the form's items."""
    related = [w for w, on in (("employment", x.employment_related),
                               (f"auto accident ({x.auto_accident_state})", x.auto_accident),
                               ("other accident", x.other_accident)) if on]
    out = []
    if related:
        out.append(f"Related to {', '.join(related)} (10)")
    if x.claim_codes:
        out.append(f"Claim code {x.claim_codes} (10d)")
    if x.other_claim_id:
        out.append(f"Other claim ID {x.other_claim_id} (11b)")
    if x.unable_to_work:
        out.append(f"Unable to work {_span(x.unable_to_work)} (16)")
    if x.referring_other_id:
        out.append(f"Referring other ID {x.referring_other_id.qualifier} {x.referring_other_id.value} (17a)")
    if x.hospitalization:
        out.append(f"Hospitalized {_span(x.hospitalization)} (18)")
    if x.additional_info:
        out.append(f"Item 19: {x.additional_info}")
    if x.outside_lab:
        charges = f", {money(x.outside_lab_charges_cents)}" if x.outside_lab_charges_cents is not None else ""
        out.append(f"Outside lab{charges} (20)")
    for a in x.attachments:
        how = ATTACHMENT_TRANSMISSIONS.get(a.transmission, a.transmission)
        number = f" #{a.control_number}" if a.control_number else ""
        out.append(f"Attachment: {ATTACHMENT_REPORT_TYPES.get(a.report_type, a.report_type)}, {how}{number}")
    return out


def detail_html(detail: ClaimDetail) -> str:
    c = detail.claim
    e = html.escape
    out = ["<table width='100%' cellspacing=0 cellpadding=0><tr><td width='48%' valign='top'>",
           f"<h3 style='margin:0'>Claim {e(c.claim_number)} · {e(STATUS_WORDS[c.status])}</h3>",
           f"<p>{e(c.patient_name)}<br>{e(c.payer_name)} ({e(c.rank.value)})"
           f"<br>Date of service {e(date_text(c.date_of_service))}"
           f"<br>Charge {e(money(c.charge_cents))} · insurance owes {e(money(c.insurance_balance_cents))}"
           f" · patient owes {e(money(c.patient_balance_cents))}"]
    if c.frequency.value != "1":
        out.append(f"<br>Frequency {e(c.frequency.value)}, original claim {e(c.original_reference)}")
    if c.payer_claim_reference:
        out.append(f"<br>Payer's claim number {e(c.payer_claim_reference)}")
    if c.follow_up_on:
        out.append(f"<br><b>Follow up on {e(date_text(c.follow_up_on))}</b>")
    out.append("</p><table cellspacing=0 cellpadding=2>")
    for line in c.lines:
        mods = f"-{'-'.join(line.modifiers)}" if line.modifiers else ""
        out.append(f"<tr><td>{e(line.code + mods)}</td><td>×{line.units}</td>"
                   f"<td align=right>{e(money(line.charge_cents))}</td>"
                   f"<td align=right style='color:#5a6270'>owes {e(money(line.balance_cents))}</td></tr>")
    out.append("</table>")
    facts = extras_lines(detail.extras)
    if facts:
        out.append("<h4 style='margin-bottom:2px'>Claim facts</h4><p style='margin-top:0'>")
        out.append("<br>".join(e(f) for f in facts))
        out.append("</p>")
    out.append("<h4 style='margin-bottom:2px'>Scrubber</h4>")
    if detail.findings:
        out.append("<ul style='margin-top:0'>")
        for f in detail.findings:
            color = "#b00020" if f.severity is Severity.ERROR else "#7a4100"
            out.append(f"<li style='color:{color}'><b>{'Error' if f.severity is Severity.ERROR else 'Warning'}:"
                       f"</b> {e(f.message)}</li>")
        out.append("</ul>")
    else:
        out.append("<p style='color:#1b6e35;margin-top:0'>No errors or warnings.</p>")
    out.append("</td><td width='52%' valign='top' style='padding-left:18px'>")
    out.append("<h4 style='margin:0 0 2px 0'>History</h4><ul style='margin-top:0'>")
    for h in detail.history:
        move = f"{h.from_status.replace('_', ' ')} → " if h.from_status else ""
        note = f": {e(h.note)}" if h.note else ""
        out.append(f"<li>{e(local_time(h.at))} {e(h.actor)} — {e(move + h.to_status.replace('_', ' '))}{note}</li>")
    out.append("</ul>")
    if detail.submissions:
        out.append("<h4 style='margin-bottom:2px'>Sent</h4><ul style='margin-top:0'>")
        for s in detail.submissions:
            how = "printed" if s.channel == "print" else "837P"
            out.append(f"<li>{e(local_time(s.at))} {e(s.actor)} — {how}, {e(s.file_name)}</li>")
        out.append("</ul>")
    out.append("<h4 style='margin-bottom:2px'>Notes</h4>")
    if detail.notes:
        out.append("<ul style='margin-top:0'>")
        out += [f"<li>{e(local_time(n.at))} {e(n.actor)}: {e(n.text)}</li>" for n in detail.notes]
        out.append("</ul>")
    else:
        out.append("<p style='color:#6b7280;margin-top:0'>No notes.</p>")
    out.append("</td></tr></table>")
    return "".join(out)
