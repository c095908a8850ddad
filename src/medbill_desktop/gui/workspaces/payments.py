"""Payments (billers and managers): post a paper EOB (one check or EFT, see gui/eob_entry.py), and the posted
batches with their claims' payments, their detail, "Reverse batch…" and "Reverse this claim's payment…".

Keyboard: Alt+E the EOB form, Alt+B the posted batches (or Ctrl+Tab / Ctrl+Shift+Tab). In the form: Ctrl+Enter
posts, Ctrl+D removes the claim the cursor is in, Ctrl+N starts a new batch, Alt+I finds a claim. In the list:
F5 reloads, Ctrl+Shift+R reverses the chosen batch (a reason is required, then a confirmation); Tab goes to the
batch's claims, where Alt+C (or Ctrl+Shift+C) reverses the chosen claim's payment alone (a reason, then a
confirmation; refused, saying why, when money has moved on since).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from medbill_desktop.domain.adjudication import NextStep
from medbill_desktop.domain.claims import ClaimStatus
from medbill_desktop.domain.plb import plb_words
from medbill_desktop.domain.reference import Payer
from medbill_desktop.gui.claim_reversal_dialog import ClaimReversalDialog
from medbill_desktop.gui.desk_models import MUTED_COLOR, WARN_COLOR, Column, RowsModel, prepare_table
from medbill_desktop.gui.desk_style import apply_desk_style, ask, return_focus, shortcut
from medbill_desktop.gui.eob_entry import EobEntry
from medbill_desktop.gui.eob_model import NEXT_STEP_WORDS
from medbill_desktop.gui.fields import FieldErrors, error_text
from medbill_desktop.gui.inputs import date_text, fill_combo, money
from medbill_desktop.gui.models import local_time
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.gui.workspaces import Workspace
from medbill_desktop.services import corrections, posting, reference_data
from medbill_desktop.services.context import Actor, Workstation
from medbill_desktop.services.corrections import ClaimPaymentReversal
from medbill_desktop.services.posting import BatchClaim, BatchDetail, BatchSummary, PostedBatch

OUTCOME_WORDS = {"paid": "paid", "partially_paid": "partially paid", "denied": "denied", "reversal": "reversal"}
KIND_WORDS = {"paper": "Paper EOB", "era": "835"}
REVERSE_CLAIM_TIP = ("Alt+C or Ctrl+Shift+C: reverse the chosen claim's payment alone (its payments, adjustments "
                     "and transfers in this batch); the other claims stay as they are")
METHOD_WORDS = {"check": "Check", "eft": "EFT", "none": "No payment"}


def _step_words(step: str) -> str:
    try:
        return NEXT_STEP_WORDS[NextStep(step)]
    except ValueError:
        return step


def batch_detail_html(detail: BatchDetail) -> str:
    s = detail.summary
    e = html.escape
    status = "Reversed" if s.status == "reversed" else "Posted"
    out = [f"<h3 style='margin:0'>Batch {e(s.batch_number)} · {status}</h3>",
           f"<p style='margin-top:2px'>{e(s.payer_name)} · {e(METHOD_WORDS.get(s.method, s.method))} "
           f"{e(s.reference)} of {e(date_text(s.check_date))} · <b>{e(money(s.amount_cents))}</b>"]
    if s.deposit_date:
        out.append(f" · deposited {e(date_text(s.deposit_date))}")
    out.append(f"<br>{e(KIND_WORDS.get(s.kind, s.kind))}{' ' + e(s.file_name) if s.file_name else ''}; "
               f"posted {e(local_time(s.posted_at))} by {e(s.posted_by)}; "
               f"{e(money(s.paid_to_claims_cents))} paid to {s.claim_count} claim{'s' if s.claim_count != 1 else ''}")
    if detail.on_account_cents:
        reason = plb_words(detail.on_account_reason)
        out.append(f"<br>On account: {e(money(detail.on_account_cents))} ({e(reason)})")
    for p in detail.provider_adjustments:
        way = f"adds {money(-p.amount)} to" if p.amount < 0 else f"takes {money(p.amount)} from"  # 835 sign
        out.append(f"<br>Provider-level adjustment {e(p.reason)} ({e(plb_words(p.reason))}) {e(p.reference)}: "
                   f"{e(way)} the check")
    if s.status == "reversed":
        out.append(f"<br><b style='color:#8a1c1c'>Reversed {e(local_time(detail.reversed_at))} by "
                   f"{e(detail.reversed_by or '')}: {e(detail.reversal_reason)}</b>")
    out.append("</p>")
    for c in detail.claims:
        a = c.adjudication
        try:
            step = NEXT_STEP_WORDS[NextStep(a.next_step)]
        except ValueError:
            step = a.next_step
        color = "#8a1c1c" if a.outcome == "denied" else "#1d2430"
        out.append(f"<p style='margin:8px 0 2px 0'><b>Claim {e(c.claim_number)}</b> · {e(c.patient_name)} · "
                   f"<span style='color:{color}'>{e(OUTCOME_WORDS.get(a.outcome, a.outcome))}</span> · "
                   f"billed {e(money(a.billed))}, paid {e(money(a.paid))}"
                   + (f", patient {e(money(a.patient_responsibility))}" if a.patient_responsibility else "")
                   + f" · {e(step)}"
                   + (f" · payer's no. {e(a.payer_claim_reference)}" if a.payer_claim_reference else "")
                   + (f" · remarks {e(' '.join(a.remarks))}" if a.remarks else "")
                   + (" · claim-level " + e(", ".join(f"{x.label} {money(x.amount)}" for x in a.claim_adjustments))
                      if a.claim_adjustments else "") + "</p>")
        out.append("<table cellspacing=0 cellpadding=4 style='margin-left:12px'><tr style='color:#5a6270'>"
                   "<td>Line</td><td align=right>Billed</td><td align=right>Allowed</td><td align=right>Paid</td>"
                   "<td>Adjustments</td><td>Remarks</td></tr>")
        for n, line in enumerate(a.lines, start=1):
            adjustments = ", ".join(f"{adj.label} {money(adj.amount)}" for adj in line.adjustments)
            allowed = money(line.allowed) if line.allowed is not None else "—"
            out.append(f"<tr><td>{n}</td><td align=right>{e(money(line.billed))}</td>"
                       f"<td align=right>{e(allowed)}</td><td align=right>{e(money(line.paid))}</td>"
                       f"<td>&nbsp;{e(adjustments)}</td><td>{e(' '.join(line.remarks))}</td></tr>")
        out.append("</table>")
    return "".join(out)


def claim_state(c: BatchClaim, batch: BatchSummary | None) -> str:
    """Whether the claim's payment in the batch still counts, in a biller's words."""
    a = c.adjudication
    if a.outcome == "reversal":
        return "Reversal"
    if batch is not None and batch.status == "reversed":
        return "Batch reversed"
    return "Reversed" if a.reversed_by else "Posted"


def claim_reversal_tip(c: BatchClaim | None, batch: BatchSummary | None) -> str:
    """Why the chosen claim's payment can't be reversed ('' when it can, as far as the list shows)."""
    if c is None:
        return "Choose a claim of the batch first."
    state = claim_state(c, batch)
    if state == "Posted":
        return ""
    return {"Batch reversed": "The whole batch was reversed; so was this claim's payment.",
            "Reversed": "This claim's payment was reversed already (see the reversal below it).",
            }.get(state, "This row is a reversal; a reversal is not reversed. Post the payment again instead.")


class ReverseDialog(QDialog):
    """Why the batch is reversed (required); then a confirmation; then the service reverses it."""

    done_with = Signal(object)

    def __init__(self, runner: OpRunner, ws: Workstation, batch: BatchSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.ws = ws
        self.batch = batch
        self.setObjectName("reverseBatchDialog")
        self.setWindowTitle(f"Reverse batch {batch.batch_number}")
        apply_desk_style(self)
        layout = QVBoxLayout(self)
        intro = QLabel(f"Reverse batch {batch.batch_number}: {batch.payer_name}, "
                       f"{METHOD_WORDS.get(batch.method, batch.method).lower()} {batch.reference} of "
                       f"{date_text(batch.check_date)}, {money(batch.amount_cents)}, {batch.claim_count} "
                       f"claim{'s' if batch.claim_count != 1 else ''}.\n\nEvery payment, adjustment and transfer "
                       "it posted is reversed (nothing is deleted); its claims are reopened and its open denials "
                       "closed. Post the check again afterwards if it was keyed wrongly.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        reason_label = QLabel("&Reason:", self)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reverseReasonEdit")
        self.reason.setPlaceholderText("for example: keyed against the wrong claim")
        self.reason.setMaxLength(200)
        reason_label.setBuddy(self.reason)
        row = QHBoxLayout()
        row.addWidget(reason_label)
        row.addWidget(self.reason, 1)
        layout.addLayout(row)
        self.error = QLabel(self)
        self.error.setProperty("role", "warning")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.errors = FieldErrors(self.error, {"reason": self.reason})
        buttons = QDialogButtonBox(self)
        self.ok = buttons.addButton("Reverse batch…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("reverseOkButton")
        self.ok.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self.reason.setFocus()

    def confirm(self) -> None:
        reason = " ".join(self.reason.text().split())
        if not reason:
            self.errors.show("Say why the batch is reversed; the reason is kept with it.", "reason")
            return
        self.errors.clear()
        ask(self, "Reverse the batch", f"Reverse batch {self.batch.batch_number} ({money(self.batch.amount_cents)})?",
            "Reverse batch", lambda: self._reverse(reason), "This cannot be undone; the reversal is recorded.")

    def _reverse(self, reason: str) -> None:
        self.ok.setEnabled(False)
        self.runner.run(posting.reverse_batch, self.ws, self.batch.id, reason, success=self._done,
                        failure=self.errors.show_error, finished=lambda: self.ok.setEnabled(True),
                        label="Reversing the batch…", parent=self)

    def _done(self, result: object) -> None:
        self.done_with.emit(result)
        self.accept()


class BatchesPage(QWidget):
    """Posted batches, newest check first, with the chosen one's detail."""

    status_message = Signal(str)

    def __init__(self, runner: OpRunner, ws: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.ws = ws
        self.detail: BatchDetail | None = None
        self.dialog: QDialog | None = None
        self._detail_seq = 0
        self._select_after: str | None = None
        self._claim_after: str | None = None
        self._notice: str | None = None  # what was just done, kept in the message when the list reloads
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        bar = QHBoxLayout()
        payer_label = QLabel("Pa&yer:", self)
        self.payer_combo = QComboBox(self)
        self.payer_combo.setObjectName("batchPayerFilter")
        self.payer_combo.setMinimumWidth(240)
        payer_label.setBuddy(self.payer_combo)
        bar.addWidget(payer_label)
        bar.addWidget(self.payer_combo)
        bar.addStretch(1)
        self.reverse_button = QPushButton("Reverse batch…", self)
        self.reverse_button.setObjectName("reverseBatchButton")
        self.reverse_button.setToolTip("Ctrl+Shift+R: reverse every transaction of the chosen batch")
        self.reverse_button.setMinimumWidth(self.reverse_button.sizeHint().width() + 16)
        self.reload_button = QPushButton("Reload", self)
        self.reload_button.setToolTip("F5")
        bar.addWidget(self.reverse_button)
        bar.addWidget(self.reload_button)
        layout.addLayout(bar)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.model: RowsModel[BatchSummary] = RowsModel([
            Column("Batch", lambda b: b.batch_number, width=90),
            Column("Check date", lambda b: date_text(b.check_date), width=104),
            Column("Payer", lambda b: b.payer_name, width=190),
            Column("Kind", lambda b: KIND_WORDS.get(b.kind, b.kind), width=80),
            Column("Check / trace", lambda b: f"{METHOD_WORDS.get(b.method, b.method)} {b.reference}", width=150),
            Column("Amount", lambda b: money(b.amount_cents), right=True, width=90),
            Column("To claims", lambda b: money(b.paid_to_claims_cents), right=True, width=90),
            Column("Claims", lambda b: str(b.claim_count), right=True, width=66),
            Column("Status", lambda b: "Reversed" if b.status == "reversed" else "Posted", width=76,
                   color=lambda b: WARN_COLOR if b.status == "reversed" else None),
            Column("Posted", lambda b: f"{local_time(b.posted_at)} {b.posted_by}",
                   color=lambda b: MUTED_COLOR),
        ], self)
        self.table = QTableView(splitter)
        self.table.setObjectName("batchesTable")
        self.table.setAccessibleName("Posted batches")
        prepare_table(self.table, self.model)
        claims_box = QWidget(splitter)
        claims_layout = QVBoxLayout(claims_box)
        claims_layout.setContentsMargins(0, 6, 0, 0)
        claims_bar = QHBoxLayout()
        self.claims_title = QLabel("Claims of the batch", claims_box)
        self.claims_title.setProperty("role", "section")
        claims_bar.addWidget(self.claims_title)
        claims_bar.addStretch(1)
        self.reverse_claim_button = QPushButton("Reverse this &claim's payment…", claims_box)
        self.reverse_claim_button.setObjectName("reverseClaimButton")
        self.reverse_claim_button.setToolTip(REVERSE_CLAIM_TIP)
        self.reverse_claim_button.setMinimumWidth(self.reverse_claim_button.sizeHint().width() + 16)
        claims_bar.addWidget(self.reverse_claim_button)
        claims_layout.addLayout(claims_bar)
        self.claims_model: RowsModel[BatchClaim] = RowsModel([
            Column("Claim", lambda c: c.claim_number, width=110),
            Column("Patient", lambda c: c.patient_name, width=190),
            Column("Outcome", lambda c: OUTCOME_WORDS.get(c.adjudication.outcome, c.adjudication.outcome), width=110,
                   color=lambda c: WARN_COLOR if c.adjudication.outcome == "denied" else None),
            Column("Billed", lambda c: money(c.adjudication.billed), right=True, width=90),
            Column("Paid", lambda c: money(c.adjudication.paid), right=True, width=90),
            Column("Patient's share", lambda c: money(c.adjudication.patient_responsibility), right=True, width=132),
            Column("Payment", lambda c: claim_state(c, self.detail.summary if self.detail else None), width=120,
                   color=lambda c: None if claim_state(c, self.detail.summary if self.detail else None) == "Posted"
                   else WARN_COLOR),
            Column("Next step", lambda c: _step_words(c.adjudication.next_step), color=lambda c: MUTED_COLOR),
        ], claims_box)
        self.claims_table = QTableView(claims_box)
        self.claims_table.setObjectName("batchClaimsTable")
        self.claims_table.setAccessibleName("Claims of the batch")
        prepare_table(self.claims_table, self.claims_model)
        claims_layout.addWidget(self.claims_table, 1)
        self.detail_view = QTextBrowser(splitter)
        self.detail_view.setObjectName("batchDetail")
        splitter.addWidget(self.table)
        splitter.addWidget(claims_box)
        splitter.addWidget(self.detail_view)
        splitter.setSizes([240, 200, 260])
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.table, self.claims_table)
        self.setTabOrder(self.claims_table, self.detail_view)
        self.message = QLabel(self)
        self.message.setObjectName("batchesMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        self.payer_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.load_detail())
        self.claims_table.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        self.reverse_button.clicked.connect(self.reverse_selected)
        self.reverse_claim_button.clicked.connect(self.reverse_claim_selected)
        self.reload_button.clicked.connect(lambda: self.reload())
        shortcut(self, "F5", self.reload)
        shortcut(self, "Ctrl+Shift+R", self.reverse_selected)
        shortcut(self, "Ctrl+Shift+C", self.reverse_claim_selected)
        self._update_actions()

    def set_payers(self, payers: list[Payer]) -> None:
        self.payer_combo.blockSignals(True)
        fill_combo(self.payer_combo, [(p.name, p.id) for p in sorted(payers, key=lambda p: p.name.lower())],
                   none_text="All payers")
        self.payer_combo.blockSignals(False)

    def reload(self, select: str | None = None) -> None:
        if select:
            self._select_after = select
        self.runner.run(posting.list_batches, self.ws, self.payer_combo.currentData(), success=self._loaded,
                        failure=lambda exc: self.message.setText(error_text(exc)), label="Loading the batches…")

    def _loaded(self, rows: list[BatchSummary]) -> None:
        chosen = self.selected()
        current = self._select_after or (chosen.id if chosen is not None else None)
        self._select_after = None
        self.model.set_rows(rows)
        n = len(rows)
        count = f"{n} batch{'es' if n != 1 else ''}." if n else "No batches posted yet."
        self.message.setText(f"{self._notice} {count}" if self._notice else count)  # what was just done stays
        self._notice = None
        at = self.model.index_of(lambda b: b.id == current) if current else -1
        if rows:
            self.table.selectRow(max(at, 0))
        else:
            self.detail = None
            self.claims_model.set_rows([])
            self.detail_view.setHtml("<p style='color:#6b7280'>No batch chosen.</p>")
        self._update_actions()

    def selected(self) -> BatchSummary | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def load_detail(self) -> None:
        self._update_actions()
        chosen = self.selected()
        self._detail_seq += 1
        seq = self._detail_seq
        if chosen is None:
            return
        self.runner.run(posting.batch_detail, self.ws, chosen.id, success=lambda d: self._detail_loaded(seq, d),
                        quiet=True, label="Loading the batch…")

    def _detail_loaded(self, seq: int, detail: BatchDetail) -> None:
        if seq != self._detail_seq:
            return
        keep = self._claim_after or (self.selected_claim().adjudication.id if self.selected_claim() else None)
        self._claim_after = None
        self.detail = detail
        self.detail_view.setHtml(batch_detail_html(detail))
        self.claims_model.set_rows(detail.claims)
        n = len(detail.claims)
        self.claims_title.setText(f"Claims of batch {detail.summary.batch_number} ({n})" if n
                                  else f"Batch {detail.summary.batch_number} paid no claims")
        if n:
            at = self.claims_model.index_of(lambda c: c.adjudication.id == keep) if keep else -1
            self.claims_table.selectRow(max(at, 0))
        self._update_actions()

    def selected_claim(self) -> BatchClaim | None:
        index = self.claims_table.currentIndex()
        return self.claims_model.row_at(index.row()) if index.isValid() else None

    def _update_actions(self) -> None:
        chosen = self.selected()
        self.reverse_button.setEnabled(chosen is not None and chosen.status == "posted")
        claim = self.selected_claim() if self.detail is not None and chosen is not None and \
            self.detail.summary.id == chosen.id else None
        why = claim_reversal_tip(claim, chosen)
        self.reverse_claim_button.setEnabled(not why)
        self.reverse_claim_button.setToolTip(why or REVERSE_CLAIM_TIP)
        self.reverse_claim_button.setAccessibleDescription(why)

    def reverse_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            self.message.setText("Choose a batch first.")
            return
        if chosen.status != "posted":
            self.message.setText(f"Batch {chosen.batch_number} is reversed already.")
            return
        dialog = ReverseDialog(self.runner, self.ws, chosen, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.done_with.connect(lambda _r: self._reversed(chosen))
        self.dialog = dialog
        dialog.open()

    def _reversed(self, batch: BatchSummary) -> None:
        text = f"Batch {batch.batch_number} reversed."
        self.message.setText(text)
        self.status_message.emit(text)
        self._notice = text
        self.reload(batch.id)
        self.table.setFocus()

    def reverse_claim_selected(self) -> None:
        chosen, claim = self.selected(), self.selected_claim()
        why = claim_reversal_tip(claim, chosen)
        if chosen is None or claim is None or why:
            self.message.setText(why or "Choose a batch first.")
            return
        adjudication_id = claim.adjudication.id
        dialog = ClaimReversalDialog(self.runner, self.ws,
                                     lambda: corrections.claim_payment(self.ws, adjudication_id), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.reversed.connect(lambda r: self._claim_reversed(chosen, adjudication_id, r))
        dialog.finished.connect(lambda _r: return_focus(self.claims_table))
        self.dialog = dialog
        dialog.open()

    def _claim_reversed(self, batch: BatchSummary, adjudication_id: str, result: ClaimPaymentReversal) -> None:
        text = (f"Claim {result.claim_number}'s payment in batch {result.batch_number} reversed; the claim is "
                f"now {ClaimStatus(result.claim_status).label}.")
        if result.unreadied:
            text += (f" Back to draft, as they were built on that payment: {', '.join(result.unreadied)}.")
        if result.to_check:
            text += " " + " ".join(result.to_check)
        self.message.setText(text)
        self.status_message.emit(text)
        self._notice = text
        self._claim_after = adjudication_id
        self.reload(batch.id)


class PaymentsWorkspace(Workspace):
    def __init__(self, runner: OpRunner, ws: Workstation, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(runner, ws, actor, parent)
        apply_desk_style(self)
        outer = QVBoxLayout(self)
        title = QLabel("Payments", self)
        title.setProperty("role", "patientName")
        outer.addWidget(title)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("paymentsTabs")
        self.entry = EobEntry(runner, ws, self.tabs)
        self.batches = BatchesPage(runner, ws, self.tabs)
        self.tabs.addTab(self.entry, "Post a paper EOB")
        self.tabs.addTab(self.batches, "Posted batches")
        self.tabs.setTabToolTip(0, "Alt+E: one check or EFT, its claims line by line")
        self.tabs.setTabToolTip(1, "Alt+B: the batches posted, their detail, and reversal")
        outer.addWidget(self.tabs, 1)
        self.entry.status_message.connect(self.status_message)
        self.entry.posted.connect(self._posted)
        self.batches.status_message.connect(self.status_message)
        self.tabs.currentChanged.connect(self._tab_changed)
        shortcut(self, "Alt+E", lambda: self.show_tab(0))
        shortcut(self, "Alt+B", lambda: self.show_tab(1))
        self._payers_loaded = False

    def activate(self) -> None:
        self.runner.run(reference_data.list_payers, self.ws, success=self._payers, quiet=True,
                        label="Loading the payers…")
        if self.tabs.currentIndex() == 1:
            self.batches.reload()

    def _payers(self, payers: list[Payer]) -> None:
        self.entry.set_payers(payers)
        self.batches.set_payers(payers)
        self._payers_loaded = True

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        self.focus_first()

    def _tab_changed(self, index: int) -> None:
        if index == 1:
            self.batches.reload()

    def _posted(self, posted: PostedBatch) -> None:
        self.batches.reload(posted.batch_id)

    def focus_first(self) -> None:
        if self.tabs.currentIndex() == 0:
            self.entry.focus_first()
        else:
            self.batches.table.setFocus()
