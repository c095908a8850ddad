"""Denials (billers and managers): the claims payers refused, counted by reason code (CARC), payer and age, and
the four ways to work one: correct and resubmit, appeal (with a letter), write off (managers only) and move to
the patient.

Left: what to show (open denials to start) and three lists that both count and filter: reasons, payers, ages.
Middle: the actions, the denials table and a message line. Below: the chosen denial with its claim's facts,
the adjudicated lines with their CAS adjustments and remark codes, and the claim's history.

Keyboard: Alt+S what to show, Alt+R reasons, Alt+Y payers, Alt+G ages, Alt+T the table; Ctrl+R resubmit,
Ctrl+L appeal (the letter), Ctrl+Shift+W write off, Ctrl+Shift+M move to the patient, Ctrl+P print an appealed
denial's letter again, F5 reload.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QWidget,
)

from medbill_desktop.domain.roles import Permission, allows
from medbill_desktop.gui.denial_dialogs import AppealDialog, MoveToPatientDialog, ResubmitDialog, WriteOffDialog
from medbill_desktop.gui.desk_models import MUTED_COLOR, WARN_COLOR, Column, RowsModel
from medbill_desktop.gui.desk_style import apply_desk_style, return_focus, shortcut
from medbill_desktop.gui.fields import error_text
from medbill_desktop.gui.inputs import date_text, money
from medbill_desktop.gui.models import local_time
from medbill_desktop.gui.ops import OpRunner, message_box
from medbill_desktop.gui.printing import PdfDocument
from medbill_desktop.gui.queue_panes import finish_queue_panes, queue_panes
from medbill_desktop.gui.workspaces import Workspace
from medbill_desktop.services import denials
from medbill_desktop.services.context import Actor, Workstation
from medbill_desktop.services.denials import AppealOutcome, Count, DenialDetail, DenialOutcome, DenialQueue, DenialRow

SHOW = (("open", "Open denials"), ("appealed", "Appealed"), ("resubmitted", "Resubmitted"),
        ("written_off", "Written off"), ("to_patient", "Moved to patient"), ("reversed", "Reversed"),
        ("all", "All denials"))


def _age_color(row: DenialRow) -> Any:
    if row.status != "open":
        return MUTED_COLOR
    return WARN_COLOR if row.age_days > 60 else None


def _count_text(c: Count) -> str:
    return f"{c.label}  ({c.count})"


def _reason_text(c: Count) -> str:
    """'CO-16 (2) Claim is missing information…': the code and its count first, the words after (wrapped)."""
    words = c.label[len(c.key):].strip() if c.label.startswith(c.key) else c.label
    return f"{c.key}  ({c.count})  {words}".strip()


class FacetList(QListWidget):
    """A list that counts and filters: "All … (n)" first, then one row per key with its count."""

    def __init__(self, everyone: str, name: str, parent: QWidget | None = None,
                 text: Callable[[Count], str] = _count_text) -> None:
        super().__init__(parent)
        self.everyone = everyone
        self.text = text
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def fill(self, counts: list[Count], total: int, keep_empty: bool = False) -> None:
        current = self.key()
        self.blockSignals(True)
        self.clear()
        first = QListWidgetItem(f"{self.everyone}  ({total})", self)
        first.setData(Qt.ItemDataRole.UserRole, None)
        for c in counts:
            if c.count or keep_empty or c.key == current:
                item = QListWidgetItem(self.text(c), self)
                item.setData(Qt.ItemDataRole.UserRole, c.key)
                item.setToolTip(f"{c.label}: {c.count} denial{'s' if c.count != 1 else ''}, {money(c.amount_cents)}")
        at = next((i for i in range(self.count()) if self.item(i).data(Qt.ItemDataRole.UserRole) == current), 0)
        self.setCurrentRow(at)
        self.blockSignals(False)

    def key(self) -> str | None:
        item = self.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return str(value) if value is not None else None

    def choose(self, key: str | None) -> bool:
        for i in range(self.count()):
            if self.item(i).data(Qt.ItemDataRole.UserRole) == key:
                self.setCurrentRow(i)
                return True
        return False


class DenialsWorkspace(Workspace):
    def __init__(self, runner: OpRunner, ws: Workstation, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(runner, ws, actor, parent)
        apply_desk_style(self)
        self.queue: DenialQueue | None = None
        self.detail: DenialDetail | None = None
        self._detail_seq = 0
        self._load_seq = 0
        self._select_after: str | None = None
        self.dialog: QDialog | None = None
        self.last_pdf: PdfDocument | None = None
        self.last_refusal = ""
        self.can_write_off = allows(actor.role, Permission.WRITE_OFF)

        panes = queue_panes(self, "Denials")
        # left: what to show, and the counting filters
        left, left_layout = panes.left, panes.left_layout
        show_form = QFormLayout()
        self.show_combo = QComboBox(left)
        self.show_combo.setObjectName("showCombo")
        for key, text in SHOW:
            self.show_combo.addItem(text, key)
        show_form.addRow("&Show:", self.show_combo)
        left_layout.addLayout(show_form)
        self.reason_list = FacetList("All reasons", "reasonList", left, _reason_text)
        self.payer_list = FacetList("All payers", "payerList", left)
        self.age_list = FacetList("Any age", "ageList", left)
        for text, facet, height in (("&Reason (CARC)", self.reason_list, 0), ("Pa&yer", self.payer_list, 150),
                                    ("A&ge since denied", self.age_list, 118)):
            label = QLabel(text, left)
            label.setProperty("role", "section")
            label.setBuddy(facet)
            left_layout.addWidget(label)
            if height:
                facet.setMaximumHeight(height)
            left_layout.addWidget(facet, 1 if not height else 0)

        # middle: actions, table, message; the chosen denial below
        middle, mid = panes.middle, panes.mid
        self.actions: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for key, text, keys, slot in (
                ("resubmit", "Resubmit…", "Ctrl+R", self.resubmit),
                ("appeal", "Appeal…", "Ctrl+L", self.appeal),
                ("write_off", "Write off…", "Ctrl+Shift+W", self.write_off),
                ("to_patient", "Move to patient…", "Ctrl+Shift+M", self.move_to_patient),
                ("letter", "Print letter again", "Ctrl+P", self.print_letter_again)):
            button = QPushButton(text, middle)
            button.setObjectName(f"{key}Button")
            button.setToolTip(keys)
            button.clicked.connect(slot)
            button.setMinimumWidth(button.sizeHint().width() + 16)
            if key == "write_off" and not self.can_write_off:
                button.setVisible(False)  # managers only; the service refuses anyone else anyway
            else:
                shortcut(self, keys, slot)
            bar.addWidget(button)
            self.actions[key] = button
        bar.addStretch(1)
        mid.addLayout(bar)
        self.table_title = QLabel(middle)
        self.table_title.setObjectName("tableTitle")
        self.table_title.setProperty("role", "section")
        mid.addWidget(self.table_title)
        self.model: RowsModel[DenialRow] = RowsModel([
            Column("Claim", lambda r: r.claim_number, width=92),
            Column("Patient", lambda r: r.patient_name, width=145),
            Column("Payer", lambda r: r.payer_name, width=130),
            Column("DOS", lambda r: date_text(r.date_of_service), width=84),
            Column("Reason", lambda r: r.carc, width=72, tip=lambda r: f"{r.carc} {r.reason_description}".strip()),
            Column("Remarks", lambda r: " ".join(m.code for m in r.remarks), width=82,
                   tip=lambda r: "\n".join(m.text for m in r.remarks) or "No remark codes"),
            Column("Amount", lambda r: money(r.amount_cents), right=True, width=78),
            Column("Denied", lambda r: date_text(r.denied_on), width=84),
            Column("Age", lambda r: str(r.age_days), right=True, width=42, color=_age_color,
                   tip=lambda r: f"{r.age_days} days since the denial ({r.age_bucket} days)"),
            Column("Status", lambda r: r.status_text, width=110,
                   tip=lambda r: f"{r.status_text} by {r.resolved_by} {local_time(r.resolved_at)}"
                   if r.resolved_by else r.status_text),
        ], self)
        views = finish_queue_panes(panes, self.model, "denialsTable", "denialDetail", middle_share=(1, 1),
                                   middle_sizes=(330, 400), left_width=270)
        self.table, self.message, self.detail_view = views.table, views.message, views.detail

        self.show_combo.currentIndexChanged.connect(lambda _i: self.reload())
        for facet in (self.reason_list, self.payer_list, self.age_list):
            facet.currentRowChanged.connect(lambda _r: self.reload())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.load_detail())
        shortcut(self, "F5", self.reload)
        shortcut(self, "Alt+T", self.table.setFocus)
        self.setTabOrder(self.show_combo, self.reason_list)
        self.setTabOrder(self.reason_list, self.payer_list)
        self.setTabOrder(self.payer_list, self.age_list)
        self.setTabOrder(self.age_list, self.table)
        self._update_actions()

    # --- loading -----------------------------------------------------------------------------------------------
    def activate(self) -> None:
        self.reload()

    def focus_first(self) -> None:
        self.table.setFocus()

    def status_key(self) -> str:
        return str(self.show_combo.currentData())

    def reload(self, select: str | None = None) -> None:
        if select:
            self._select_after = select
        self._load_seq += 1
        seq = self._load_seq
        self.runner.run(denials.list_denials, self.ws, self.status_key(), self.payer_list.key(),
                        self.reason_list.key(), None, self.age_list.key(),
                        success=lambda q: self._loaded(seq, q), label="Loading the denials…")

    def _loaded(self, seq: int, queue: DenialQueue) -> None:
        if seq != self._load_seq:
            return
        self.queue = queue
        self.reason_list.fill(queue.by_reason, sum(c.count for c in queue.by_reason))
        self.payer_list.fill(queue.by_payer, sum(c.count for c in queue.by_payer))
        self.age_list.fill(queue.by_age, sum(c.count for c in queue.by_age), keep_empty=True)
        current = self._select_after or (self.selected().id if self.selected() else None)
        self._select_after = None
        self.model.set_rows(queue.rows)
        self.table.setColumnHidden(len(self.model.columns) - 1, self.status_key() != "all")  # Status: mixed only
        n, cents = len(queue.rows), sum(r.amount_cents for r in queue.rows)
        what = dict(SHOW)[self.status_key()]
        self.table_title.setText(f"{what}: {n} · {money(cents)}" if n else f"{what}: none.")
        at = self.model.index_of(lambda r: r.id == current) if current else -1
        if queue.rows:
            self.table.selectRow(max(at, 0))
        else:
            self.detail = None
            self.detail_view.setHtml("<p style='color:#6b7280'>No denial chosen.</p>")
        self._update_actions()

    def selected(self) -> DenialRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def load_detail(self) -> None:
        self._update_actions()
        row = self.selected()
        self._detail_seq += 1
        seq = self._detail_seq
        if row is None:
            return
        self.runner.run(denials.denial_detail, self.ws, row.id, success=lambda d: self._detail_loaded(seq, d),
                        quiet=True, label="Loading the denial…")

    def _detail_loaded(self, seq: int, detail: DenialDetail) -> None:
        if seq != self._detail_seq:
            return
        self.detail = detail
        self.detail_view.setHtml(detail_html(detail))
        self._update_actions()

    def _update_actions(self) -> None:
        row = self.selected()
        ready = row is not None and self.detail is not None and self.detail.denial.id == row.id
        is_open = row is not None and row.status == "open"
        for key, button in self.actions.items():
            if key == "letter":
                button.setEnabled(row is not None and row.status == "appealed")
            else:
                button.setEnabled(is_open and ready)

    # --- outcomes ----------------------------------------------------------------------------------------------
    def say(self, text: str) -> None:
        self.message.setText(text)
        self.status_message.emit(text.splitlines()[0] if text else "")

    def refused(self, exc: Exception, title: str = "Not done") -> None:
        self.last_refusal = error_text(exc)
        self.message.setText(self.last_refusal)
        message_box(self, QMessageBox.Icon.Warning, title, self.last_refusal)

    def _chosen(self) -> DenialDetail | None:
        row = self.selected()
        if row is None or self.detail is None or self.detail.denial.id != row.id:
            self.say("Choose a denial first.")
            return None
        if row.status != "open":
            self.say(f"The denial of claim {row.claim_number} was already worked ({row.status_text.lower()}).")
            return None
        return self.detail

    def _open(self, dialog: QDialog, done: Callable[[Any], object], refocus_on_accept: bool = True) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.done_with.connect(done)  # type: ignore[attr-defined]

        def finished(result: int) -> None:  # back to the table (a printed letter's dialogs do it themselves)
            if refocus_on_accept or result != QDialog.DialogCode.Accepted:
                return_focus(self.table, self.show_combo)

        dialog.finished.connect(finished)
        self.dialog = dialog
        dialog.open()

    def _worked(self, outcome: DenialOutcome) -> None:
        self.say(outcome.message)
        self.reload()

    # --- the actions -------------------------------------------------------------------------------------------
    def resubmit(self) -> None:
        detail = self._chosen()
        if detail is not None:
            self._open(ResubmitDialog(self.runner, self.ws, detail, self), self._worked)

    def appeal(self) -> None:
        detail = self._chosen()
        if detail is not None:
            dialog = AppealDialog(self.runner, self.ws, detail, self)
            self._open(dialog, lambda outcome: self._appealed(outcome, dialog.choice), refocus_on_accept=False)

    def _appealed(self, result: AppealOutcome, choice: str) -> None:
        number = result.outcome.claim.claim_number
        self.last_pdf = PdfDocument(result.pdf, f"Appeal, claim {number}", result.file_name, self)
        shown: QDialog | None
        if choice == "save":
            self.last_pdf.saved.connect(lambda path: self.say(f"{result.outcome.message} Saved the letter to {path}."))
            shown = self.last_pdf.save_as(self)
        else:
            shown = self.last_pdf.print_with_preview(self)
        if shown is not None:
            shown.finished.connect(lambda _r: return_focus(self.table, self.show_combo))
        else:
            return_focus(self.table, self.show_combo)
        self._worked(result.outcome)

    def write_off(self) -> None:
        if not self.can_write_off:
            self.say("Only a manager may write off a denied balance.")
            return
        detail = self._chosen()
        if detail is not None:
            self._open(WriteOffDialog(self.runner, self.ws, detail, self), self._worked)

    def move_to_patient(self) -> None:
        detail = self._chosen()
        if detail is not None:
            self._open(MoveToPatientDialog(self.runner, self.ws, detail, self), self._worked)

    def print_letter_again(self) -> None:
        row = self.selected()
        if row is None or row.status != "appealed":
            self.say("Choose an appealed denial to print its letter again.")
            return
        self.runner.run(denials.appeal_letter, self.ws, row.id,
                        success=lambda pdf: self._letter_ready(row, pdf),
                        failure=lambda exc: self.refused(exc, "Not printed"), label="Making the letter…")

    def _letter_ready(self, row: DenialRow, pdf: bytes) -> None:
        self.last_pdf = PdfDocument(pdf, f"Appeal, claim {row.claim_number}", f"appeal-{row.claim_number}.pdf", self)
        self.last_pdf.print_with_preview(self)

    def save_letter_to(self, path: Path) -> Path | None:
        """Save the last letter made (tests and scripts)."""
        return self.last_pdf.save_to(path) if self.last_pdf is not None else None

    def save_dialog(self) -> QFileDialog | None:
        return self.last_pdf.save_dialog if self.last_pdf is not None else None


def _codes(items: Any) -> str:
    e = html.escape
    return "<br>".join(f"<b>{e(m.code)}</b> {e(m.description)}" for m in items)


def detail_html(detail: DenialDetail) -> str:
    d = detail.denial
    e = html.escape
    out = ["<table width='100%' cellspacing=0 cellpadding=0><tr><td width='50%' valign='top'>",
           f"<h3 style='margin:0'>Claim {e(d.claim_number)} · {e(d.carc)} · {e(d.status_text)}</h3>",
           f"<p style='margin-top:4px'>{e(d.patient_name)} (account {e(d.account_number)})"
           f"<br>{e(d.payer_name)} ({e(d.party.value)}) · date of service {e(date_text(d.date_of_service))}"
           f"<br>Payer's claim number {e(d.payer_claim_reference or '—')} · check {e(d.check_reference or '—')}"
           f" (batch {e(d.batch_number)})"
           f"<br>Denied {e(date_text(d.denied_on))}, {d.age_days} days ago · claim is "
           f"{e(d.claim_status.label)}"
           f"<br>Insurance owes {e(money(detail.payer_balance_cents))} · patient owes "
           f"{e(money(detail.patient_balance_cents))}</p>",
           f"<p style='margin:0'><b>Reason:</b> {e(d.carc)} {e(d.reason_description or '(not in the CARC list)')}"
           "</p>"]
    remarks = list(dict.fromkeys([*d.remarks, *detail.claim_remarks]))
    if remarks:
        out.append(f"<p style='margin:2px 0 0 0'><b>Remarks:</b><br>{_codes(remarks)}</p>")
    if d.status != "open":
        out.append(f"<p style='color:#1b6e35'><b>{e(d.status_text)}</b> by {e(d.resolved_by or '')} "
                   f"{e(local_time(d.resolved_at))}{': ' + e(d.note[:300]) if d.note else ''}</p>")
    out.append("</td><td width='50%' valign='top' style='padding-left:18px'>")
    out.append("<h4 style='margin:0 0 2px 0'>History</h4><ul style='margin-top:0'>")
    for h in detail.history:
        move = f"{h.from_status.replace('_', ' ')} → " if h.from_status else ""
        note = f": {e(h.note)}" if h.note else ""
        out.append(f"<li>{e(local_time(h.at))} {e(h.actor)} — {e(move + h.to_status.replace('_', ' '))}{note}</li>")
    out.append("</ul>")
    if detail.notes:
        out.append("<h4 style='margin-bottom:2px'>Notes</h4><ul style='margin-top:0'>")
        out += [f"<li>{e(local_time(n.at))} {e(n.actor)}: {e(n.text)}</li>" for n in detail.notes]
        out.append("</ul>")
    out.append("</td></tr></table>")
    out.append("<h4 style='margin:8px 0 2px 0'>As the payer decided it</h4>"
               "<table cellspacing=0 cellpadding=3 width='100%'><tr style='background:#e3ecf7'>"
               "<th align=left>#</th><th align=left>Code</th><th align=right>Units</th><th align=right>Billed</th>"
               "<th align=right>Allowed</th><th align=right>Paid</th><th align=left>Adjustments (CAS)</th>"
               "<th align=left>Remarks</th><th align=right>Payer owes</th></tr>")
    for x in detail.lines:
        cas = "<br>".join(f"{e(a.label)} {e(money(a.amount_cents))}"
                          f"<span style='color:#5a6270'> {e(a.description)}</span>" for a in x.adjustments)
        style = " style='color:#8a1c1c'" if x.denied else ""
        out.append(f"<tr{style}><td>{x.position}</td><td>{e(x.code)}{' <b>denied</b>' if x.denied else ''}</td>"
                   f"<td align=right>{x.units}</td><td align=right>{e(money(x.billed_cents))}</td>"
                   f"<td align=right>{e(money(x.allowed_cents, '—'))}</td><td align=right>{e(money(x.paid_cents))}"
                   f"</td><td>{cas}</td><td>{' '.join(e(m.code) for m in x.remarks)}</td>"
                   f"<td align=right>{e(money(x.payer_balance_cents))}</td></tr>")
    out.append("</table>")
    if detail.claim_adjustments:
        out.append("<p><b>Claim-level adjustments:</b> " + ", ".join(
            f"{e(a.label)} {e(money(a.amount_cents))} {e(a.description)}" for a in detail.claim_adjustments) + "</p>")
    return "".join(out)
