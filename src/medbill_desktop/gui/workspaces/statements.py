"""Statements (billers and managers): the statement run, the statements sent and their reprints, payment plans,
holds and collections.

Statement run: the statement date (today to start) and Preview list every guarantor whose patients owe something,
whether the practice's rules send them a statement and why not (below the minimum, too soon after the last one,
on hold, in collections, no address). Print… opens the print preview of every statement of the run; only when
the printer has taken the job is the run recorded as sent. Save PDF… writes the file and records the run. A
guarantor can be left out of this run (Space), put on hold, given a payment plan or flagged for collections.

Keyboard: Alt+1 the run, Alt+2 what was sent, Alt+3 payment plans, Alt+4 holds and collections. In the run: F5 preview,
Space leave out / put back, Ctrl+L look at the chosen statement, Ctrl+P print, Ctrl+Shift+S save PDF, Ctrl+H hold,
Ctrl+N payment plan, Ctrl+Shift+K collections (managers), Ctrl+Shift+T statement settings (managers). In the
history: Ctrl+P reprint the run, Ctrl+Shift+P reprint the chosen statement, Enter in the account box shows what was
sent to that account's guarantor. In the plans: Ctrl+N new plan, Enter open the chosen plan. In holds and
collections: Ctrl+Shift+R release the chosen hold, Ctrl+Shift+K flag an account, Ctrl+Shift+E export the list.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.practice import Address
from medbill_desktop.domain.roles import Permission, allows
from medbill_desktop.domain.statements import StatementSettings
from medbill_desktop.gui.desk_models import MUTED_COLOR, WARN_COLOR, Column, RowsModel, prepare_table
from medbill_desktop.gui.desk_style import apply_desk_style, return_focus, shortcut
from medbill_desktop.gui.fields import FieldErrors, error_text
from medbill_desktop.gui.inputs import DateEdit, date_text, money, money_text, parse_money, prepare_money_edit
from medbill_desktop.gui.models import local_time
from medbill_desktop.gui.op_dialog import OpDialog
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.gui.payment_plan_dialog import PaymentPlanDialog
from medbill_desktop.gui.printing import PdfDocument, can_rasterise
from medbill_desktop.gui.workspaces import Workspace
from medbill_desktop.services import collections, payment_plans, statements
from medbill_desktop.services.collections import CollectionRow
from medbill_desktop.services.context import Actor, Workstation
from medbill_desktop.services.payment_plans import PlanRow
from medbill_desktop.services.statements import (
    HoldRecord,
    RunPreview,
    RunRecord,
    RunSummary,
    SentStatement,
    StatementCandidate,
)

SHOW = (("chosen", "Getting a statement"), ("skipped", "Not getting one"), ("all", "Everyone who owes"))
DUNNING_WORDS = {"current": "Current", "past_due": "Past due", "second_notice": "Second notice",
                 "final_notice": "Final notice", "collections_warning": "Collections warning"}
VIA_WORDS = {"print": "Printed", "pdf": "Saved as PDF", "cli": "Command line"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


# --- small dialogs -------------------------------------------------------------------------------------------------
class AccountActionDialog(OpDialog):
    """An account, a reason and, for a hold, an optional day it lasts until (or, for collections, the agency);
    OK runs `run(account, reason, extra)` on the op runner."""

    completed = Signal(object)

    def __init__(self, runner: OpRunner, title: str, intro: str, ok_text: str,
                 run: Callable[[str, str, Any], object], account: str = "", extra: str = "",
                 parent: QWidget | None = None) -> None:
        self.ok_text = ok_text
        super().__init__(runner, parent)
        apply_desk_style(self)
        self.setObjectName("accountActionDialog")
        self.setWindowTitle(title)
        self.resize(560, 250)
        self._run = run
        self.extra = extra
        main = QVBoxLayout(self)
        main.setContentsMargins(20, 16, 20, 16)
        text = QLabel(intro, self)
        text.setWordWrap(True)
        main.addWidget(text)
        form = QFormLayout()
        self.account_edit = QLineEdit(account.upper(), self)
        self.account_edit.setObjectName("actionAccountEdit")
        self.account_edit.setMaxLength(16)
        self.account_edit.setReadOnly(bool(account))
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("actionReasonEdit")
        self.reason_edit.setMaxLength(statements.MAX_REASON)
        self.reason_edit.setPlaceholderText("why (kept with the account)")
        form.addRow("&Account:", self.account_edit)
        form.addRow("&Reason:", self.reason_edit)
        self.until_edit = DateEdit(self)
        self.until_edit.setObjectName("actionUntilEdit")
        self.agency_edit = QLineEdit(self)
        self.agency_edit.setObjectName("actionAgencyEdit")
        self.agency_edit.setMaxLength(collections.MAX_TEXT)
        if extra == "until":
            self.until_edit.setToolTip("leave empty to hold until released")
            form.addRow("Hold &until:", self.until_edit)
        elif extra == "agency":
            self.agency_edit.setPlaceholderText("the collection agency (optional)")
            form.addRow("A&gency:", self.agency_edit)
        main.addLayout(form)
        self.error_label = QLabel("", self)
        self.error_label.setProperty("role", "warning")
        self.error_label.setWordWrap(True)
        main.addWidget(self.error_label)
        main.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        main.addWidget(buttons)
        self._setup_buttons(buttons)
        self.errors = FieldErrors(self.error_label, {"account": self.account_edit, "reason": self.reason_edit,
                                                     "until": self.until_edit, "agency": self.agency_edit})
        (self.reason_edit if account else self.account_edit).setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        self.errors.clear()
        account = self.account_edit.text().strip()
        if not account:
            self.errors.show("Enter a patient's account number.", "account")
            return
        extra: object = None
        try:
            if self.extra == "until":
                extra = self.until_edit.value("until", "day the hold ends")
            elif self.extra == "agency":
                extra = self.agency_edit.text()
        except DomainError as exc:
            self.errors.show_error(exc)
            return
        self.set_busy(True)

        def ok(result: object) -> None:
            self.completed.emit(result)
            self.accept()

        self.runner.run(self._run, account, self.reason_edit.text(), extra, success=ok,
                        failure=self.errors.show_error, finished=lambda: self.set_busy(False), label="Saving…",
                        parent=self)


class SettingsDialog(OpDialog):
    """The practice's statement rules and remit-to address (managers)."""

    ok_text = "&Save"
    saved = Signal(object)

    def __init__(self, runner: OpRunner, ws: Workstation, current: StatementSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        apply_desk_style(self)
        self.ws = ws
        self.setObjectName("statementSettingsDialog")
        self.setWindowTitle("Statement settings")
        self.resize(560, 420)
        main = QVBoxLayout(self)
        main.setContentsMargins(20, 16, 20, 16)
        form = QFormLayout()
        self.minimum_edit = QLineEdit(money_text(current.minimum_balance_cents), self)
        self.minimum_edit.setObjectName("minimumEdit")
        prepare_money_edit(self.minimum_edit)
        self.days_spin = QSpinBox(self)
        self.days_spin.setObjectName("daysBetweenSpin")
        self.days_spin.setRange(0, 365)
        self.days_spin.setValue(current.days_between)
        self.days_spin.setSuffix(" days")
        r = current.remit_to
        self.name_edit = QLineEdit(current.remit_to_name, self)
        self.name_edit.setPlaceholderText("the practice's name")
        self.line1_edit = QLineEdit(r.line1 if r else "", self)
        self.line1_edit.setObjectName("remitLine1Edit")
        self.line1_edit.setPlaceholderText("empty: the practice's address")
        self.line2_edit = QLineEdit(r.line2 if r else "", self)
        self.city_edit = QLineEdit(r.city if r else "", self)
        self.state_edit = QLineEdit(r.state if r else "", self)
        self.state_edit.setMaxLength(2)
        self.zip_edit = QLineEdit(r.zip_code if r else "", self)
        self.phone_edit = QLineEdit(current.billing_phone, self)
        self.phone_edit.setPlaceholderText("empty: the practice's phone")
        form.addRow("&Minimum balance:", self.minimum_edit)
        form.addRow("&Days between statements:", self.days_spin)
        form.addRow("Remit-to &name:", self.name_edit)
        form.addRow("Remit-to &street:", self.line1_edit)
        form.addRow("Line &2:", self.line2_edit)
        form.addRow("&City:", self.city_edit)
        form.addRow("S&tate:", self.state_edit)
        form.addRow("&ZIP:", self.zip_edit)
        form.addRow("Billing &phone:", self.phone_edit)
        main.addLayout(form)
        self.error_label = QLabel("", self)
        self.error_label.setProperty("role", "warning")
        self.error_label.setWordWrap(True)
        main.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        main.addWidget(buttons)
        self._setup_buttons(buttons)
        self.current = current
        self.errors = FieldErrors(self.error_label, {
            "minimum_balance": self.minimum_edit, "days_between": self.days_spin, "remit_to_name": self.name_edit,
            "remit_to.line1": self.line1_edit, "remit_to.city": self.city_edit, "remit_to.state": self.state_edit,
            "remit_to.zip": self.zip_edit, "billing_phone": self.phone_edit})
        self.minimum_edit.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        self.errors.clear()
        try:
            minimum = parse_money(self.minimum_edit.text(), "minimum_balance") or 0
            parts = [e.text().strip() for e in (self.line1_edit, self.city_edit, self.state_edit, self.zip_edit)]
            remit = Address(parts[0], parts[1], parts[2], parts[3], self.line2_edit.text().strip()) \
                if any(parts) else None
            values = StatementSettings(minimum, self.days_spin.value(), self.name_edit.text(), remit,
                                       self.phone_edit.text(), self.current.cards).validated()
        except DomainError as exc:
            self.errors.show_error(exc)
            return
        self.set_busy(True)

        def ok(result: object) -> None:
            self.saved.emit(result)
            self.accept()

        self.runner.run(statements.save_statement_settings, self.ws, values, success=ok,
                        failure=self.errors.show_error, finished=lambda: self.set_busy(False),
                        label="Saving the statement settings…", parent=self)


# --- the run -------------------------------------------------------------------------------------------------------
def _why(c: StatementCandidate, left_out: set[str]) -> str:
    """The reason, short: the columns already show what is due and when the last statement went."""
    if c.key in left_out:
        return "Left out of this run by hand."
    if c.selected:
        return "Next statement due." if c.last_statement_on else "First statement."
    return c.decision.reason


def _mark(c: StatementCandidate, left_out: set[str]) -> str:
    if c.key in left_out:
        return "Left out"
    return "Statement" if c.selected else "—"


class RunPage(QWidget):
    status_message = Signal(str)

    def __init__(self, runner: OpRunner, ws: Workstation, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.ws = ws
        self.actor = actor
        self.preview: RunPreview | None = None
        self.left_out: set[str] = set()
        self.document: PdfDocument | None = None
        self.dialog: QDialog | None = None
        self.last_record: RunRecord | None = None
        self.manager = allows(actor.role, Permission.WRITE_OFF)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        bar = QHBoxLayout()
        date_label = QLabel("Statement &date:", self)
        self.date_edit = DateEdit(self)
        self.date_edit.setObjectName("runDateEdit")
        self.date_edit.setFixedWidth(110)
        self.date_edit.set_value(ws.today())
        date_label.setBuddy(self.date_edit)
        self.preview_button = QPushButton("&Preview", self)
        self.preview_button.setObjectName("previewRunButton")
        self.preview_button.setToolTip("F5: who gets a statement on this date, and why the others do not")
        show_label = QLabel("&Show:", self)
        self.show_combo = QComboBox(self)
        self.show_combo.setObjectName("runShowCombo")
        for key, text in SHOW:
            self.show_combo.addItem(text, key)
        show_label.setBuddy(self.show_combo)
        bar.addWidget(date_label)
        bar.addWidget(self.date_edit)
        bar.addWidget(self.preview_button)
        bar.addSpacing(16)
        bar.addWidget(show_label)
        bar.addWidget(self.show_combo)
        bar.addStretch(1)
        self.look_button = QPushButton("Loo&k at statement", self)
        self.look_button.setObjectName("lookButton")
        self.look_button.setToolTip("Ctrl+L: the chosen guarantor's statement as it will print")
        self.save_button = QPushButton("Sa&ve PDF…", self)
        self.save_button.setObjectName("saveRunButton")
        self.save_button.setToolTip("Ctrl+Shift+S: save every statement of the run as one PDF and mark them sent")
        self.print_button = QPushButton("Prin&t…", self)
        self.print_button.setObjectName("printRunButton")
        self.print_button.setToolTip("Ctrl+P: print every statement of the run; they are marked sent once printed")
        for b in (self.look_button, self.save_button, self.print_button):
            b.setMinimumWidth(b.sizeHint().width() + 12)
            bar.addWidget(b)
        layout.addLayout(bar)
        self.summary = QLabel("", self)
        self.summary.setObjectName("runSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.summary)
        self.model: RowsModel[StatementCandidate] = RowsModel([
            Column("Run", lambda c: _mark(c, self.left_out), width=78,
                   color=lambda c: MUTED_COLOR if (not c.selected or c.key in self.left_out) else None),
            Column("Guarantor", lambda c: c.guarantor.name, width=152),
            Column("Account", lambda c: c.guarantor.account_number, width=94),
            Column("Due", lambda c: money(c.amount_due_cents), right=True, width=84),
            Column("Current", lambda c: money(c.due_aging.buckets[0]), right=True, width=74),
            Column("31–60", lambda c: money(c.due_aging.buckets[1]), right=True, width=70),
            Column("61–90", lambda c: money(c.due_aging.buckets[2]), right=True, width=70),
            Column("91–120", lambda c: money(c.due_aging.buckets[3]), right=True, width=74),
            Column("Over 120", lambda c: money(c.due_aging.buckets[4]), right=True, width=82,
                   color=lambda c: WARN_COLOR if c.due_aging.buckets[4] else None),
            Column("Insurance", lambda c: money(c.pending_insurance_cents), right=True, width=92,
                   tip=lambda c: f"{money(c.pending_insurance_cents)} is still with insurance: shown on the "
                                 "statement as pending, not due"),
            Column("Last sent", lambda c: date_text(c.last_statement_on), width=88),
            Column("Why", lambda c: _why(c, self.left_out), stretch=True,
                   color=lambda c: WARN_COLOR if c.decision.skip and c.decision.skip.value in (
                       "on_hold", "in_collections", "no_address") else None),
        ], self)
        self.table = QTableView(self)
        self.table.setObjectName("runTable")
        prepare_table(self.table, self.model)
        layout.addWidget(self.table, 1)
        self.detail = QLabel("", self)
        self.detail.setObjectName("runDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.detail)
        self.message = QLabel("", self)
        self.message.setObjectName("runMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        actions = QHBoxLayout()
        self.leave_button = QPushButton("&Leave out", self)
        self.leave_button.setObjectName("leaveOutButton")
        self.leave_button.setToolTip("Space: leave the chosen guarantor out of this run (or put them back)")
        self.hold_button = QPushButton("&Hold…", self)
        self.hold_button.setObjectName("holdButton")
        self.hold_button.setToolTip("Ctrl+H: keep statements from this guarantor until a day, or until released")
        self.plan_button = QPushButton("Payment pla&n…", self)
        self.plan_button.setObjectName("planButton")
        self.plan_button.setToolTip("Ctrl+N: set up (or look at) the guarantor's payment plan")
        self.collect_button = QPushButton("Colle&ctions…", self)
        self.collect_button.setObjectName("collectButton")
        self.collect_button.setToolTip("Ctrl+Shift+K: flag the account for a collection agency (managers)")
        self.settings_button = QPushButton("S&ettings…", self)
        self.settings_button.setObjectName("statementSettingsButton")
        self.settings_button.setToolTip("Ctrl+Shift+T: the minimum balance, days between statements, remit-to")
        for b in (self.leave_button, self.hold_button, self.plan_button, self.collect_button):
            b.setMinimumWidth(b.sizeHint().width() + 12)
            actions.addWidget(b)
        actions.addStretch(1)
        self.settings_button.setMinimumWidth(self.settings_button.sizeHint().width() + 12)
        actions.addWidget(self.settings_button)
        layout.addLayout(actions)
        self.collect_button.setVisible(self.manager)
        self.settings_button.setVisible(allows(actor.role, Permission.EDIT_PRACTICE))

        self.preview_button.clicked.connect(self.reload)
        self.date_edit.returnPressed.connect(self.reload)
        self.show_combo.currentIndexChanged.connect(lambda _i: self.fill())
        self.look_button.clicked.connect(self.look)
        self.print_button.clicked.connect(self.print_run)
        self.save_button.clicked.connect(self.ask_save)
        self.leave_button.clicked.connect(self.toggle_left_out)
        self.hold_button.clicked.connect(self.hold)
        self.plan_button.clicked.connect(self.plan)
        self.collect_button.clicked.connect(self.flag_collections)
        self.settings_button.clicked.connect(self.settings)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        shortcut(self, "F5", self.reload)
        shortcut(self, "Ctrl+L", self.look)
        shortcut(self, "Ctrl+P", self.print_run)
        shortcut(self, "Ctrl+Shift+S", self.ask_save)
        shortcut(self, "Ctrl+H", self.hold)
        shortcut(self, "Ctrl+N", self.plan)
        shortcut(self, "Ctrl+Shift+K", self.flag_collections)
        shortcut(self, "Ctrl+Shift+T", self.settings)
        space = shortcut(self.table, "Space", self.toggle_left_out)
        space.setContext(Qt.ShortcutContext.WidgetShortcut)
        self._update_actions()

    # --- loading -------------------------------------------------------------------------------------------------
    def as_of(self) -> date | None:
        try:
            return self.date_edit.value("as_of", "statement date")
        except DomainError as exc:
            self.say(error_text(exc))
            return None

    def reload(self, keep_left_out: bool = False) -> None:
        day = self.as_of()
        if day is None:
            return
        if not keep_left_out:
            self.left_out.clear()
        self.runner.run(statements.preview_run, self.ws, day, tuple(self.left_out), success=self._loaded,
                        failure=lambda exc: self.say(error_text(exc)), label="Choosing who gets a statement…")

    def _loaded(self, preview: RunPreview) -> None:
        chosen = self.selected()
        key = chosen.key if chosen is not None else None
        self.preview = preview
        self.fill(key)

    def rows(self) -> list[StatementCandidate]:
        if self.preview is None:
            return []
        show = self.show_combo.currentData()
        everyone = list(self.preview.candidates)
        if show == "chosen":
            return [c for c in everyone if c.selected]
        if show == "skipped":
            return [c for c in everyone if not c.selected or c.key in self.left_out]
        return everyone

    def fill(self, key: str | None = None) -> None:
        rows = self.rows()
        self.model.set_rows(rows)
        if rows:
            at = self.model.index_of(lambda c: c.key == key) if key else -1
            self.table.selectRow(max(at, 0))
        p = self.preview
        if p is None:
            self.summary.setText("")
        else:
            sent = len(p.statements)
            skipped: dict[str, int] = {}
            for c in p.candidates:
                if c.key in self.left_out:
                    skipped["left out by hand"] = skipped.get("left out by hand", 0) + 1
                elif not c.selected and c.decision.skip is not None:
                    word = c.decision.skip.value.replace("_", " ")
                    skipped[word] = skipped.get(word, 0) + 1
            why = ", ".join(f"{n} {k}" for k, n in sorted(skipped.items(), key=lambda kv: -kv[1]))
            rules = (f"Rules: at least {money(p.settings.minimum_balance_cents)} due, every "
                     f"{p.settings.days_between} days.")
            self.summary.setText(
                f"<b>{_plural(sent, 'statement')}</b> dated {date_text(p.as_of)}, <b>{money(p.total_due_cents)}</b>"
                f" due" + (f"; not sent: {why}" if why else "") + f". <span style='color:#6b7280'>{rules}</span>")
        self._update_actions()

    def selected(self) -> StatementCandidate | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_actions(self) -> None:
        c = self.selected()
        self.detail.setText(self._detail(c) if c is not None else "")
        sending = bool(self.preview and self.preview.statements)
        self.print_button.setEnabled(sending)
        self.save_button.setEnabled(sending)
        self.look_button.setEnabled(c is not None and self.preview is not None and c.key in self.preview.chosen)
        for b in (self.leave_button, self.hold_button, self.plan_button, self.collect_button):
            b.setEnabled(c is not None)
        if c is not None:
            self.leave_button.setText("Put &back" if c.key in self.left_out else "&Leave out")

    def _detail(self, c: StatementCandidate) -> str:
        """The chosen guarantor in a sentence or two: who, what, why, and their plan."""
        e = html.escape
        g = c.guarantor
        who = ", ".join(f"{p.name} ({p.account_number})" for p in g.patients)
        parts = [f"<b>{e(g.name)}</b> is responsible for {e(who)}: <b>{money(c.amount_due_cents)}</b> due"
                 + (f", {money(c.pending_insurance_cents)} still with insurance (not due)"
                    if c.pending_insurance_cents else "")
                 + (f", {money(c.credit_cents)} credit taken off" if c.credit_cents else "") + "."]
        parts.append(e(_why(c, self.left_out) if c.selected else c.decision.reason))
        if c.plan is not None and not c.plan.standing.complete:
            s = c.plan.standing
            parts.append(f"Payment plan {e(c.plan.plan_number)}: {money(c.plan.installment_cents)} a month"
                         + (f", <b>{len(s.missed)} missed</b>" if s.missed else "") + f"; this statement asks for "
                         f"{money(c.pay_now_cents)}.")
        if c.statements_sent:
            parts.append(f"{_plural(c.statements_sent, 'statement')} sent before, the last on "
                         f"{date_text(c.last_statement_on)}.")
        return " ".join(parts)

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.status_message.emit(text)

    # --- leaving out, holds, plans, collections --------------------------------------------------------------------
    def toggle_left_out(self) -> None:
        c = self.selected()
        if c is None:
            return
        if c.key in self.left_out:
            self.left_out.discard(c.key)
        elif c.selected:
            self.left_out.add(c.key)
        else:
            self.say(f"{c.guarantor.name} gets no statement in this run anyway: {c.decision.reason}")
            return
        self.reload(keep_left_out=True)

    def hold(self) -> None:
        c = self.selected()
        if c is None:
            return
        dialog = AccountActionDialog(
            self.runner, f"Hold statements to {c.guarantor.name}",
            f"No statement goes to {c.guarantor.name} until the day given (or until the hold is released on the "
            "Holds and collections page).", "&Hold",
            lambda account, reason, until: statements.hold_statements(self.ws, account, reason, until),
            c.guarantor.account_number, "until", self)
        self._open(dialog, lambda _r: (self.say(f"Statements to {c.guarantor.name} are on hold."),
                                       self.reload(keep_left_out=True)))

    def plan(self) -> None:
        c = self.selected()
        dialog = PaymentPlanDialog(self.runner, self.ws, c.guarantor.account_number if c else "", self)
        dialog.made.connect(lambda plan: (self.say(f"Payment plan {plan.plan_number} set up."),
                                          self.reload(keep_left_out=True)))
        dialog.cancelled_plan.connect(lambda number: (self.say(f"Payment plan {number} cancelled."),
                                                      self.reload(keep_left_out=True)))
        self._open(dialog, None)

    def flag_collections(self) -> None:
        c = self.selected()
        if c is None or not self.manager:
            return
        dialog = AccountActionDialog(
            self.runner, f"Collections: {c.guarantor.name}",
            f"Flag {c.guarantor.name} (account {c.guarantor.account_number}, {money(c.amount_due_cents)} due) for "
            "a collection agency: no more statements go to them, and the account goes on the agency's list.",
            "&Flag for collections",
            lambda account, reason, agency: collections.flag_for_collections(self.ws, account, reason,
                                                                            str(agency or "")),
            c.guarantor.account_number, "agency", self)
        self._open(dialog, lambda _r: (self.say(f"{c.guarantor.name} is in collections."),
                                       self.reload(keep_left_out=True)))

    def settings(self) -> None:
        if not allows(self.actor.role, Permission.EDIT_PRACTICE):
            return
        self.runner.run(statements.get_statement_settings, self.ws, success=self._open_settings,
                        label="Loading the statement settings…")

    def _open_settings(self, current: StatementSettings) -> None:
        dialog = SettingsDialog(self.runner, self.ws, current, self)
        dialog.saved.connect(lambda _s: (self.say("Statement settings saved."), self.reload(keep_left_out=True)))
        self._open(dialog, None)

    def _open(self, dialog: QDialog, done: Callable[[object], object] | None) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if done is not None:
            dialog.completed.connect(done)  # type: ignore[attr-defined]
        dialog.finished.connect(lambda _r: return_focus(self.table))
        self.dialog = dialog
        dialog.open()

    # --- look, print, save ----------------------------------------------------------------------------------------
    def look(self) -> None:
        c = self.selected()
        p = self.preview
        if c is None or p is None or c.key not in p.chosen:
            return
        self.runner.run(statements.statement_pdf, self.ws, p, c.key, success=lambda pdf: self._look_at(c, pdf),
                        label="Making the statement…")

    def _look_at(self, c: StatementCandidate, pdf: bytes) -> None:
        self.document = PdfDocument(pdf, f"Statement for {c.guarantor.name} (not sent)",
                                    f"statement-{c.guarantor.account_number}.pdf", self)
        self.document.print_with_preview(self)  # printing one from here does not record it as sent

    def print_run(self) -> None:
        p = self.preview
        if p is None or not p.statements:
            return
        self.runner.run(statements.run_pdf, p, success=lambda pdf: self._to_printer(p, pdf),
                        failure=lambda exc: self.say(error_text(exc)), label="Making the statements…")

    def _to_printer(self, preview: RunPreview, pdf: bytes) -> None:
        n = len(preview.statements)
        document = PdfDocument(pdf, f"Statements of {date_text(preview.as_of)}",
                               f"statements-{preview.as_of.isoformat()}.pdf", self)
        self.document = document
        document.printed.connect(lambda _pages: self.record(preview, pdf, document.destination()))
        document.cancelled.connect(lambda: self.say(f"Not printed: the {_plural(n, 'statement')} were not "
                                                    "marked sent. Print again when the printer is ready."))
        document.printed.connect(lambda _pages: return_focus(self.table))
        document.cancelled.connect(lambda: return_focus(self.table))
        if can_rasterise():
            document.print_with_preview(self)
        else:
            document.open_in_viewer()
        self.say(f"Printing {_plural(n, 'statement')}: they are marked sent once the printer takes the job.")

    def record(self, preview: RunPreview, pdf: bytes, where: str) -> None:
        self.runner.run(statements.record_run, self.ws, preview, pdf, "print", where, success=self._recorded,
                        failure=lambda exc: self.say(f"Printed, but not recorded: {error_text(exc)}"),
                        label="Recording the statements as sent…")

    def ask_save(self) -> QFileDialog | None:
        p = self.preview
        if p is None or not p.statements:
            return None
        chooser = QFileDialog(self, "Save the statements as PDF")
        chooser.setObjectName("saveStatementsDialog")
        chooser.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        chooser.setNameFilter("PDF documents (*.pdf)")
        chooser.setDefaultSuffix("pdf")
        chooser.setDirectory(str(Path.home()))
        chooser.selectFile(f"statements-{p.as_of.isoformat()}.pdf")
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.fileSelected.connect(lambda name: self.save_to(p, Path(name)))
        chooser.finished.connect(lambda _r: return_focus(self.table))
        chooser.open()
        return chooser

    def save_to(self, preview: RunPreview, path: Path) -> None:
        self.runner.run(statements.save_run, self.ws, preview, path, success=self._recorded,
                        failure=lambda exc: self.say(f"Not saved: {error_text(exc)}"),
                        label="Saving the statements…")

    def _recorded(self, record: RunRecord) -> None:
        self.last_record = record
        where = f" ({record.destination})" if record.destination else ""
        text = (f"Run {record.run_number}: {_plural(record.statement_count, 'statement')}, "
                f"{money(record.total_due_cents)} due, {VIA_WORDS.get(record.sent_via, record.sent_via).lower()}"
                f"{where} and marked sent.")
        self.say(text)
        self.reload()


# --- history -------------------------------------------------------------------------------------------------------
class HistoryPage(QWidget):
    status_message = Signal(str)

    def __init__(self, runner: OpRunner, ws: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.ws = ws
        self.document: PdfDocument | None = None
        self._seq = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        bar = QHBoxLayout()
        account_label = QLabel("Statements to the guarantor of &account:", self)
        self.account_edit = QLineEdit(self)
        self.account_edit.setObjectName("historyAccountEdit")
        self.account_edit.setMaxLength(16)
        self.account_edit.setFixedWidth(140)
        self.account_edit.setPlaceholderText("account number")
        account_label.setBuddy(self.account_edit)
        bar.addWidget(account_label)
        bar.addWidget(self.account_edit)
        bar.addStretch(1)
        self.reprint_run_button = QPushButton("Reprint &run…", self)
        self.reprint_run_button.setObjectName("reprintRunButton")
        self.reprint_run_button.setToolTip("Ctrl+P: every statement of the chosen run, exactly as sent")
        self.reprint_button = QPushButton("Reprint &statement…", self)
        self.reprint_button.setObjectName("reprintStatementButton")
        self.reprint_button.setToolTip("Ctrl+Shift+P: the chosen statement, exactly as sent")
        for b in (self.reprint_run_button, self.reprint_button):
            b.setMinimumWidth(b.sizeHint().width() + 12)
            bar.addWidget(b)
        layout.addLayout(bar)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.runs_model: RowsModel[RunSummary] = RowsModel([
            Column("Run", lambda r: r.run_number, width=100),
            Column("Statement date", lambda r: date_text(r.as_of), width=116),
            Column("Statements", lambda r: str(r.statement_count), right=True, width=90),
            Column("Total due", lambda r: money(r.total_due_cents), right=True, width=110),
            Column("How", lambda r: VIA_WORDS.get(r.sent_via, r.sent_via), width=120),
            Column("Where", lambda r: r.destination, width=200),
            Column("Sent", lambda r: f"{local_time(r.created_at)} by {r.created_by}", stretch=True,
                   color=lambda r: MUTED_COLOR),
        ], self)
        self.runs_table = QTableView(splitter)
        self.runs_table.setObjectName("runsTable")
        prepare_table(self.runs_table, self.runs_model)
        self.sent_model: RowsModel[SentStatement] = RowsModel([
            Column("Date", lambda s: date_text(s.as_of), width=96),
            Column("Run", lambda s: s.run_number, width=100),
            Column("Account", lambda s: s.guarantor_account, width=96),
            Column("Guarantor", lambda s: s.guarantor_name, width=190),
            Column("Amount due", lambda s: money(s.amount_due_cents), right=True, width=96),
            Column("Asked for", lambda s: money(s.pay_now_cents), right=True, width=90),
            Column("With insurance", lambda s: money(s.pending_insurance_cents), right=True, width=110),
            Column("Message", lambda s: DUNNING_WORDS.get(s.dunning_level.value, s.dunning_level.value),
                   stretch=True, color=lambda s: WARN_COLOR if s.dunning_level.value in (
                       "final_notice", "collections_warning") else None),
        ], self)
        self.sent_table = QTableView(splitter)
        self.sent_table.setObjectName("sentTable")
        prepare_table(self.sent_table, self.sent_model)
        splitter.addWidget(self.runs_table)
        splitter.addWidget(self.sent_table)
        splitter.setSizes([220, 380])
        layout.addWidget(splitter, 1)
        self.message = QLabel("", self)
        self.message.setObjectName("historyMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.account_edit.returnPressed.connect(self.show_account)
        self.runs_table.selectionModel().currentRowChanged.connect(lambda *_: self.load_run())
        self.reprint_run_button.clicked.connect(self.reprint_run)
        self.reprint_button.clicked.connect(self.reprint_statement)
        shortcut(self, "Ctrl+P", self.reprint_run)
        shortcut(self, "Ctrl+Shift+P", self.reprint_statement)
        shortcut(self, "F5", self.reload)

    def reload(self) -> None:
        self.runner.run(statements.list_runs, self.ws, success=self._runs, quiet=True, label="Loading the runs…")

    def _runs(self, runs: list[RunSummary]) -> None:
        self.runs_model.set_rows(runs)
        if runs:
            self.runs_table.selectRow(0)
        else:
            self.message.setText("No statements sent yet.")

    def load_run(self) -> None:
        index = self.runs_table.currentIndex()
        run = self.runs_model.row_at(index.row()) if index.isValid() else None
        if run is None:
            return
        self._seq += 1
        seq = self._seq
        self.runner.run(statements.run_statements_list, self.ws, run.run_id,
                        success=lambda rows: self._sent(seq, rows, f"Run {run.run_number} of {date_text(run.as_of)}"
                                                        f": {_plural(len(rows), 'statement')}."),
                        quiet=True, label="Loading the run…")

    def _sent(self, seq: int, rows: list[SentStatement], text: str) -> None:
        if seq != self._seq:
            return
        self.sent_model.set_rows(rows)
        if rows:
            self.sent_table.selectRow(0)
        self.message.setText(text)

    def show_account(self) -> None:
        account = self.account_edit.text().strip()
        if not account:
            return
        self._seq += 1
        seq = self._seq
        self.runner.run(statements.statement_history, self.ws, account,
                        success=lambda found: self._sent(seq, found[1], (
                            f"Statements to {found[0].name} (account {found[0].account_number}): "
                            f"{len(found[1])}.")),
                        failure=lambda exc: self.message.setText(error_text(exc)),
                        label="Loading the statements sent…")

    def reprint_run(self) -> None:
        index = self.runs_table.currentIndex()
        run = self.runs_model.row_at(index.row()) if index.isValid() else None
        if run is None:
            return
        self.runner.run(statements.reprint_run, self.ws, run.run_id,
                        success=lambda pdf: self._show(pdf, f"Statements of {date_text(run.as_of)} (reprint)",
                                                       f"statements-{run.run_number}.pdf"),
                        failure=lambda exc: self.message.setText(error_text(exc)), label="Making the reprint…")

    def reprint_statement(self) -> None:
        index = self.sent_table.currentIndex()
        sent = self.sent_model.row_at(index.row()) if index.isValid() else None
        if sent is None:
            return
        self.runner.run(statements.reprint_statement, self.ws, sent.statement_id,
                        success=lambda pdf: self._show(pdf, f"Statement for {sent.guarantor_name} of "
                                                            f"{date_text(sent.as_of)} (reprint)",
                                                       f"statement-{sent.guarantor_account}-{sent.as_of}.pdf"),
                        failure=lambda exc: self.message.setText(error_text(exc)), label="Making the reprint…")

    def _show(self, pdf: bytes, title: str, name: str) -> None:
        self.document = PdfDocument(pdf, title, name, self)
        self.document.printed.connect(lambda _pages: return_focus(self.runs_table))
        self.document.cancelled.connect(lambda: return_focus(self.runs_table))
        self.document.print_with_preview(self)


# --- payment plans -------------------------------------------------------------------------------------------------
class PlansPage(QWidget):
    status_message = Signal(str)

    def __init__(self, runner: OpRunner, ws: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.ws = ws
        self.dialog: QDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        bar = QHBoxLayout()
        self.show_combo = QComboBox(self)
        self.show_combo.setObjectName("plansShowCombo")
        self.show_combo.addItem("Every active plan", False)
        self.show_combo.addItem("Plans behind (missed installments)", True)
        show_label = QLabel("S&how:", self)
        show_label.setBuddy(self.show_combo)
        bar.addWidget(show_label)
        bar.addWidget(self.show_combo)
        bar.addStretch(1)
        self.new_button = QPushButton("&New plan…", self)
        self.new_button.setObjectName("newPlanButton")
        self.new_button.setToolTip("Ctrl+N: a payment plan for an account's guarantor")
        self.open_button = QPushButton("&Open plan…", self)
        self.open_button.setObjectName("openPlanButton")
        self.open_button.setToolTip("Enter: the chosen plan's installments, and Cancel plan")
        for b in (self.new_button, self.open_button):
            b.setMinimumWidth(b.sizeHint().width() + 12)
            bar.addWidget(b)
        layout.addLayout(bar)
        self.model: RowsModel[PlanRow] = RowsModel([
            Column("Guarantor", lambda r: r.guarantor_name, width=180),
            Column("Account", lambda r: r.plan.guarantor_account, width=96),
            Column("Plan", lambda r: r.plan.plan_number, width=96),
            Column("Total", lambda r: money(r.plan.total_cents), right=True, width=90),
            Column("Installment", lambda r: money(r.plan.installment_cents), right=True, width=92),
            Column("Day", lambda r: str(r.plan.day_of_month), right=True, width=48),
            Column("Next due", lambda r: date_text(r.plan.standing.next_due.due_on)
                   if r.plan.standing.next_due else "", width=96),
            Column("Paid", lambda r: money(r.plan.standing.paid_cents), right=True, width=90),
            Column("Left", lambda r: money(r.plan.standing.remaining_cents), right=True, width=90),
            Column("Past due", lambda r: money(r.plan.standing.past_due_cents) if r.plan.standing.past_due_cents
                   else "", right=True, width=84, color=lambda r: WARN_COLOR),
            Column("Standing", lambda r: r.plan.status_text, stretch=True,
                   color=lambda r: WARN_COLOR if r.plan.standing.missed else None),
        ], self)
        self.table = QTableView(self)
        self.table.setObjectName("plansTable")
        prepare_table(self.table, self.model)
        layout.addWidget(self.table, 1)
        self.message = QLabel("", self)
        self.message.setObjectName("plansMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.show_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.new_button.clicked.connect(lambda: self.open_plan(""))
        self.open_button.clicked.connect(self.open_selected)
        self.table.activated.connect(lambda _i: self.open_selected())
        shortcut(self, "Ctrl+N", lambda: self.open_plan(""))
        shortcut(self, "F5", self.reload)

    def reload(self) -> None:
        self.runner.run(payment_plans.active_plans, self.ws, None, bool(self.show_combo.currentData()),
                        success=self._loaded, label="Loading the payment plans…", quiet=True)

    def _loaded(self, rows: list[PlanRow]) -> None:
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
        behind = sum(1 for r in rows if r.plan.standing.missed)
        self.message.setText(f"{_plural(len(rows), 'plan')}" + (f", {behind} behind" if behind else "") + "."
                             if rows else "No payment plan to show.")

    def open_selected(self) -> None:
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is not None:
            self.open_plan(row.plan.guarantor_account)

    def open_plan(self, account: str) -> None:
        dialog = PaymentPlanDialog(self.runner, self.ws, account, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.made.connect(lambda plan: (self.message.setText(f"Payment plan {plan.plan_number} set up."),
                                          self.reload()))
        dialog.cancelled_plan.connect(lambda n: (self.message.setText(f"Payment plan {n} cancelled."),
                                                 self.reload()))
        dialog.finished.connect(lambda _r: return_focus(self.table))
        self.dialog = dialog
        dialog.open()


# --- holds and collections -----------------------------------------------------------------------------------------
class HoldsPage(QWidget):
    status_message = Signal(str)

    def __init__(self, runner: OpRunner, ws: Workstation, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.ws = ws
        self.dialog: QDialog | None = None
        self.note = ""
        self.manager = allows(actor.role, Permission.WRITE_OFF)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        holds_title = QLabel("Statements on hold", self)
        holds_title.setProperty("role", "section")
        bar = QHBoxLayout()
        bar.addWidget(holds_title)
        bar.addStretch(1)
        self.release_hold_button = QPushButton("&Release hold", self)
        self.release_hold_button.setObjectName("releaseHoldButton")
        self.release_hold_button.setToolTip("Ctrl+Shift+R: statements may go to the chosen guarantor again")
        bar.addWidget(self.release_hold_button)
        layout.addLayout(bar)
        self.holds_model: RowsModel[HoldRecord] = RowsModel([
            Column("Account", lambda h: h.guarantor_account, width=100),
            Column("Until", lambda h: date_text(h.until) if h.until else "Released by hand", width=130),
            Column("Reason", lambda h: h.reason, width=420),
            Column("Held", lambda h: f"{local_time(h.created_at)} by {h.created_by}", stretch=True,
                   color=lambda h: MUTED_COLOR),
        ], self)
        self.holds_table = QTableView(self)
        self.holds_table.setObjectName("holdsTable")
        prepare_table(self.holds_table, self.holds_model)
        layout.addWidget(self.holds_table, 1)
        collections_title = QLabel("In collections", self)
        collections_title.setProperty("role", "section")
        bar2 = QHBoxLayout()
        bar2.addWidget(collections_title)
        bar2.addStretch(1)
        self.flag_button = QPushButton("Flag an a&ccount…", self)
        self.flag_button.setObjectName("flagAccountButton")
        self.flag_button.setToolTip("Ctrl+Shift+K: put a guarantor's account in collections (managers)")
        self.release_button = QPushButton("Take &back…", self)
        self.release_button.setObjectName("releaseCollectionsButton")
        self.release_button.setToolTip("the chosen account comes back from collections (a reason is kept)")
        self.export_button = QPushButton("E&xport for the agency…", self)
        self.export_button.setObjectName("exportCollectionsButton")
        self.export_button.setToolTip("Ctrl+Shift+E: the accounts in collections as a CSV file")
        for b in (self.flag_button, self.release_button, self.export_button):
            b.setMinimumWidth(b.sizeHint().width() + 12)
            b.setVisible(self.manager)
            bar2.addWidget(b)
        layout.addLayout(bar2)
        self.collections_model: RowsModel[CollectionRow] = RowsModel([
            Column("Account", lambda r: r.guarantor.account_number, width=100),
            Column("Guarantor", lambda r: r.guarantor.name, width=170),
            Column("Due now", lambda r: money(r.amount_due_cents), right=True, width=90),
            Column("Over 120", lambda r: money(r.due_aging.buckets[4]), right=True, width=86),
            Column("Flagged", lambda r: date_text(r.flagged_on), width=96),
            Column("Agency", lambda r: r.agency, width=140),
            Column("Statements", lambda r: str(r.statements_sent), right=True, width=84),
            Column("Exported", lambda r: local_time(r.exported_at) if r.exported_at else "not yet", width=130,
                   color=lambda r: MUTED_COLOR),
            Column("Reason", lambda r: r.reason, stretch=True),
        ], self)
        self.collections_table = QTableView(self)
        self.collections_table.setObjectName("collectionsTable")
        prepare_table(self.collections_table, self.collections_model)
        layout.addWidget(self.collections_table, 1)
        self.message = QLabel("", self)
        self.message.setObjectName("holdsMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.release_hold_button.clicked.connect(self.release_hold)
        self.flag_button.clicked.connect(self.flag)
        self.release_button.clicked.connect(self.take_back)
        self.export_button.clicked.connect(self.ask_export)
        shortcut(self, "Ctrl+Shift+R", self.release_hold)
        shortcut(self, "Ctrl+Shift+K", self.flag)
        shortcut(self, "Ctrl+Shift+E", self.ask_export)
        shortcut(self, "F5", self.reload)

    def reload(self) -> None:
        self.runner.run(statements.list_holds, self.ws, success=self._holds, quiet=True, label="Loading the holds…")
        self.runner.run(collections.list_collections, self.ws, success=self._collections, quiet=True,
                        label="Loading the accounts in collections…")

    def _holds(self, rows: list[HoldRecord]) -> None:
        self.holds_model.set_rows(rows)
        if rows:
            self.holds_table.selectRow(0)
        self.release_hold_button.setEnabled(bool(rows))

    def _collections(self, rows: list[CollectionRow]) -> None:
        self.collections_model.set_rows(rows)
        if rows:
            self.collections_table.selectRow(0)
        self.release_button.setEnabled(bool(rows))
        self.export_button.setEnabled(bool(rows))
        total = sum(r.amount_due_cents for r in rows)
        self.message.setText(self.note or (f"{_plural(len(rows), 'account')} in collections, {money(total)} due."
                                           if rows else "No account is in collections."))
        self.note = ""

    def done(self, text: str) -> None:
        """Say what was done (kept over the counts the reload writes)."""
        self.note = text
        self.message.setText(text)
        self.status_message.emit(text)
        self.reload()

    def release_hold(self) -> None:
        index = self.holds_table.currentIndex()
        hold = self.holds_model.row_at(index.row()) if index.isValid() else None
        if hold is None:
            return
        self.runner.run(statements.release_hold, self.ws, hold.guarantor_account,
                        success=lambda g: self.done(f"Statements may go to {g.name} again."),
                        failure=lambda exc: self.message.setText(error_text(exc)), label="Releasing the hold…")

    def _open(self, dialog: AccountActionDialog, done: Callable[[object], object]) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.completed.connect(done)
        dialog.finished.connect(lambda _r: return_focus(self.collections_table))
        self.dialog = dialog
        dialog.open()

    def flag(self) -> None:
        if not self.manager:
            return
        dialog = AccountActionDialog(
            self.runner, "Flag an account for collections",
            "The guarantor of this account gets no more statements and goes on the list for the agency.",
            "&Flag for collections",
            lambda account, reason, agency: collections.flag_for_collections(self.ws, account, reason,
                                                                            str(agency or "")),
            "", "agency", self)
        self._open(dialog, lambda g: self.done(f"{getattr(g, 'name', '')} is in collections."))

    def take_back(self) -> None:
        index = self.collections_table.currentIndex()
        row = self.collections_model.row_at(index.row()) if index.isValid() else None
        if row is None or not self.manager:
            return
        dialog = AccountActionDialog(
            self.runner, f"Take back {row.guarantor.name}",
            "The account comes back from collections: statements may go to the guarantor again.", "&Take back",
            lambda account, reason, _extra: collections.release_from_collections(self.ws, account, reason),
            row.guarantor.account_number, "", self)
        self._open(dialog, lambda g: self.done(f"{getattr(g, 'name', '')} is back from collections."))

    def ask_export(self) -> QFileDialog | None:
        if not self.manager or not self.collections_model.rows:
            return None
        chooser = QFileDialog(self, "Export the accounts in collections")
        chooser.setObjectName("exportCollectionsDialog")
        chooser.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        chooser.setNameFilter("CSV files (*.csv)")
        chooser.setDefaultSuffix("csv")
        chooser.setDirectory(str(Path.home()))
        chooser.selectFile(f"collections-{self.ws.today().isoformat()}.csv")
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.fileSelected.connect(lambda name: self.export_to(Path(name)))
        chooser.finished.connect(lambda _r: return_focus(self.collections_table))
        chooser.open()
        return chooser

    def export_to(self, path: Path) -> None:
        self.runner.run(collections.export_collections, self.ws, path,
                        success=lambda r: self.done(
                            f"{_plural(r.count, 'account')}, {money(r.total_due_cents)} due, exported to {r.path}."),
                        failure=lambda exc: self.message.setText(error_text(exc)), label="Exporting…")


# --- the workspace -------------------------------------------------------------------------------------------------
class StatementsWorkspace(Workspace):
    def __init__(self, runner: OpRunner, ws: Workstation, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(runner, ws, actor, parent)
        apply_desk_style(self)
        outer = QVBoxLayout(self)
        title = QLabel("Statements", self)
        title.setProperty("role", "patientName")
        outer.addWidget(title)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("statementsTabs")
        self.run_page = RunPage(runner, ws, actor, self.tabs)
        self.history = HistoryPage(runner, ws, self.tabs)
        self.plans = PlansPage(runner, ws, self.tabs)
        self.holds = HoldsPage(runner, ws, actor, self.tabs)
        for page, text, tip in ((self.run_page, "Statement run", "Alt+1: who gets a statement; print and mark sent"),
                                (self.history, "Sent and reprints", "Alt+2: runs and statements sent; reprints"),
                                (self.plans, "Payment plans", "Alt+3: active plans, missed installments"),
                                (self.holds, "Holds and collections", "Alt+4: holds, collections, the agency's "
                                                                      "list")):
            self.tabs.addTab(page, text)
            self.tabs.setTabToolTip(self.tabs.count() - 1, tip)
            page.status_message.connect(self.status_message)
        outer.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(self._tab_changed)
        for n, keys in enumerate(("Alt+1", "Alt+2", "Alt+3", "Alt+4")):
            shortcut(self, keys, lambda n=n: self.show_tab(n))
        self._loaded = False

    def activate(self) -> None:
        if not self._loaded:
            self._loaded = True
            self.run_page.reload()
        else:
            self._tab_changed(self.tabs.currentIndex())

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        self.focus_first()

    def _tab_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        if page is self.history:
            self.history.reload()
        elif page is self.plans:
            self.plans.reload()
        elif page is self.holds:
            self.holds.reload()
        elif page is self.run_page and self.run_page.preview is not None:
            self.run_page.reload(keep_left_out=True)

    def focus_first(self) -> None:
        page = self.tabs.currentWidget()
        if page is self.run_page:
            self.run_page.table.setFocus()
        elif page is self.history:
            self.history.runs_table.setFocus()
        elif page is self.plans:
            self.plans.table.setFocus()
        else:
            self.holds.holds_table.setFocus()
