"""A payment plan for what a guarantor owes: the installment amount and the day of the month, with the schedule
shown as it is typed; or, when the guarantor already has a plan, where it stands (installments paid, missed,
due) and "Cancel plan…".

Keyboard: the account has the focus when the dialog opens without one (Enter looks it up); then the plan total
(filled in with what is owed), the installment, the day of the month, the first due date and a note, in that
order with Tab; Enter makes the plan; Escape closes. With an existing plan, Ctrl+Shift+X cancels it (a reason is
asked for).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.statements import Installment, first_due_date
from medbill_desktop.gui.desk_models import MUTED_COLOR, WARN_COLOR, Column, RowsModel, prepare_table
from medbill_desktop.gui.desk_style import apply_desk_style, shortcut
from medbill_desktop.gui.fields import FieldErrors, error_text
from medbill_desktop.gui.inputs import DateEdit, date_text, money, money_text, parse_money, prepare_money_edit
from medbill_desktop.gui.op_dialog import OpDialog
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.gui.refund_dialog import ReasonDialog
from medbill_desktop.services import payment_plans
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.payment_plans import InstallmentView, PlanContext, PlanView


class CancelPlanDialog(ReasonDialog):
    ok_text = "Cancel &plan"
    cancel_text = "Keep it"


STATE_WORDS = {"paid": "Paid", "part paid": "Part paid", "missed": "Missed", "due": "Due next", "upcoming": ""}


class PaymentPlanDialog(OpDialog):
    """Set up a payment plan for the guarantor of an account (or look at the one they have)."""

    ok_text = "&Make plan"
    made = Signal(object)  # PlanView
    cancelled_plan = Signal(str)  # plan number

    def __init__(self, runner: OpRunner, ws: Workstation, account_number: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        apply_desk_style(self)
        self.ws = ws
        self.context: PlanContext | None = None
        self.reason_dialog: ReasonDialog | None = None
        self.setObjectName("paymentPlanDialog")
        self.setWindowTitle("Payment plan")
        self.resize(720, 600)
        main = QVBoxLayout(self)
        main.setContentsMargins(20, 16, 20, 16)

        row = QHBoxLayout()
        account_label = QLabel("&Account:", self)
        self.account_edit = QLineEdit(account_number.upper(), self)
        self.account_edit.setObjectName("planAccountEdit")
        self.account_edit.setMaxLength(16)
        self.account_edit.setPlaceholderText("a patient's account number")
        self.account_edit.setToolTip("Enter: look up who is responsible and what they owe")
        account_label.setBuddy(self.account_edit)
        row.addWidget(account_label)
        row.addWidget(self.account_edit)
        row.addStretch(1)
        main.addLayout(row)

        self.who_label = QLabel("", self)
        self.who_label.setObjectName("planWho")
        self.who_label.setWordWrap(True)
        self.who_label.setTextFormat(Qt.TextFormat.RichText)
        main.addWidget(self.who_label)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.total_edit = QLineEdit(self)
        self.total_edit.setObjectName("planTotalEdit")
        prepare_money_edit(self.total_edit)
        self.installment_edit = QLineEdit(self)
        self.installment_edit.setObjectName("planInstallmentEdit")
        prepare_money_edit(self.installment_edit)
        self.day_spin = QSpinBox(self)
        self.day_spin.setObjectName("planDaySpin")
        self.day_spin.setRange(1, 28)
        self.day_spin.setValue(15)
        self.day_spin.setToolTip("1 to 28: every month has that day")
        self.first_edit = DateEdit(self)
        self.first_edit.setObjectName("planFirstDueEdit")
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("planNoteEdit")
        self.note_edit.setMaxLength(payment_plans.MAX_NOTE)
        self.note_edit.setPlaceholderText("optional: what was agreed, with whom")
        for edit, w in ((self.total_edit, 140), (self.installment_edit, 140), (self.day_spin, 80),
                        (self.first_edit, 140)):
            edit.setMaximumWidth(w)
        form.addRow("Plan &total:", self.total_edit)
        form.addRow("&Installment:", self.installment_edit)
        form.addRow("&Day of the month:", self.day_spin)
        form.addRow("&First due:", self.first_edit)
        form.addRow("N&ote:", self.note_edit)
        self.form_box = QWidget(self)
        self.form_box.setLayout(form)
        main.addWidget(self.form_box)

        self.schedule_label = QLabel("Schedule", self)
        self.schedule_label.setProperty("role", "section")
        main.addWidget(self.schedule_label)
        self.model: RowsModel[InstallmentView] = RowsModel([
            Column("No.", lambda i: str(i.number), right=True, width=44),
            Column("Due", lambda i: date_text(i.due_on), width=100),
            Column("Amount", lambda i: money(i.amount_cents), right=True, width=90),
            Column("Paid so far", lambda i: money(i.covered_cents) if i.covered_cents else "", right=True,
                   width=100),
            Column("Standing", lambda i: STATE_WORDS.get(i.state, i.state),
                   color=lambda i: WARN_COLOR if i.state == "missed" else (MUTED_COLOR if i.state == "paid"
                                                                           else None)),
        ], self)
        self.table = QTableView(self)
        self.table.setObjectName("planSchedule")
        prepare_table(self.table, self.model)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a preview: Tab goes from the form to the buttons
        main.addWidget(self.table, 1)

        self.error_label = QLabel("", self)
        self.error_label.setProperty("role", "warning")
        self.error_label.setWordWrap(True)
        main.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.cancel_plan_button = QPushButton("Cancel &plan…", self)
        self.cancel_plan_button.setObjectName("cancelPlanButton")
        self.cancel_plan_button.setToolTip("Ctrl+Shift+X: end the plan (a reason is kept with it)")
        buttons.addButton(self.cancel_plan_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_plan_button.setVisible(False)
        self.cancel_plan_button.clicked.connect(self.cancel_plan)
        main.addWidget(buttons)
        self._setup_buttons(buttons)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Close")
        self.errors = FieldErrors(self.error_label, {
            "account": self.account_edit, "total": self.total_edit, "installment": self.installment_edit,
            "day_of_month": self.day_spin, "first_due_on": self.first_edit, "note": self.note_edit})

        self.account_edit.returnPressed.connect(self.look_up)
        for edit in (self.total_edit, self.installment_edit, self.first_edit):
            edit.textEdited.connect(lambda _t: self.refresh_schedule())
        self.day_spin.valueChanged.connect(self._day_changed)
        shortcut(self, "Ctrl+Shift+X", self.cancel_plan)
        self.setTabOrder(self.account_edit, self.total_edit)
        self.setTabOrder(self.total_edit, self.installment_edit)
        self.setTabOrder(self.installment_edit, self.day_spin)
        self.setTabOrder(self.day_spin, self.first_edit)
        self.setTabOrder(self.first_edit, self.note_edit)
        self._set_form_enabled(False)
        if account_number:
            self.account_edit.setReadOnly(True)
            self.look_up()
        else:
            self.account_edit.setFocus()

    # --- the guarantor ------------------------------------------------------------------------------------------
    def look_up(self) -> None:
        account = self.account_edit.text().strip()
        if not account:
            self.errors.show("Enter a patient's account number.", "account")
            return
        self.errors.clear()
        self.runner.run(payment_plans.plan_context, self.ws, account, success=self._loaded,
                        failure=self.errors.show_error, label="Looking up the account…", parent=self)

    def _loaded(self, context: PlanContext) -> None:
        self.context = context
        g = context.guarantor
        patients = ", ".join(f"{p.name} ({p.account_number})" for p in g.patients)
        owed = (f"Owes <b>{money(context.amount_due_cents)}</b> now"
                + (f"; {money(context.pending_insurance_cents)} is still with insurance (not due)"
                   if context.pending_insurance_cents else "") + ".")
        self.who_label.setText(f"<b>{g.name}</b> (account {g.account_number}) is responsible for {patients}. "
                               f"{owed}")
        active = context.active
        if active is not None and not active.standing.complete:
            self._show_plan(active)
            return
        self.setWindowTitle(f"Payment plan for {g.name}")
        self._set_form_enabled(context.amount_due_cents > 0)
        self.cancel_plan_button.setVisible(False)
        if context.amount_due_cents <= 0:
            self.errors.show(f"{g.name} owes nothing now; there is nothing to put on a plan.")
            return
        self.total_edit.setText(money_text(context.amount_due_cents))
        self.first_edit.set_value(first_due_date(context.today, self.day_spin.value()))
        self.schedule_label.setText("Schedule")
        self.refresh_schedule()
        self.installment_edit.setFocus()

    def _show_plan(self, plan: PlanView) -> None:
        self.setWindowTitle(f"Payment plan {plan.plan_number}")
        self._set_form_enabled(False)
        self.total_edit.setText(money_text(plan.total_cents))
        self.installment_edit.setText(money_text(plan.installment_cents))
        self.day_spin.blockSignals(True)
        self.day_spin.setValue(plan.day_of_month)
        self.day_spin.blockSignals(False)
        self.first_edit.set_value(plan.first_due_on)
        self.note_edit.setText(plan.note)
        s = plan.standing
        self.schedule_label.setText(
            f"Plan {plan.plan_number}: {plan.status_text}. Paid {money(s.paid_cents)} of {money(s.total_cents)}; "
            f"{money(s.remaining_cents)} left" + (f"; {money(s.past_due_cents)} past due" if s.past_due_cents
                                                  else "") + ".")
        self.model.set_rows(list(plan.installments))
        self.cancel_plan_button.setVisible(True)
        self.cancel_plan_button.setFocus()

    def _set_form_enabled(self, enabled: bool) -> None:
        for w in (self.total_edit, self.installment_edit, self.day_spin, self.first_edit, self.note_edit):
            w.setEnabled(enabled)
        self.ok_button.setEnabled(enabled)

    # --- the schedule as it is typed ------------------------------------------------------------------------
    def _day_changed(self, day: int) -> None:
        if self.context is not None:
            self.first_edit.set_value(first_due_date(self.context.today, day))
        self.refresh_schedule()

    def _terms(self) -> tuple[int, int, int, date]:
        total = parse_money(self.total_edit.text(), "total")
        installment = parse_money(self.installment_edit.text(), "installment")
        if total is None:
            raise DomainError("Enter the amount the plan covers.", "total")
        if installment is None:
            raise DomainError("Enter the amount of each installment.", "installment")
        first = self.first_edit.value("first_due_on", "first due date")
        if first is None:
            raise DomainError("Enter the first due date (MM/DD/YYYY).", "first_due_on")
        return total, installment, self.day_spin.value(), first

    def refresh_schedule(self) -> list[Installment]:
        if self.context is None or not self.ok_button.isEnabled():
            return []
        try:
            total, installment, day, first = self._terms()
            plan = payment_plans.proposed_schedule(total, installment, day, self.context.today, first,
                                                   self.context.amount_due_cents)
        except DomainError as exc:
            self.model.set_rows([])
            self.error_label.setText(error_text(exc))
            self.error_label.setVisible(bool(self.installment_edit.text().strip()))
            return []
        self.error_label.clear()
        self.error_label.setVisible(False)
        views = [InstallmentView(i.number, i.due_on, i.amount_cents, 0, "upcoming") for i in plan]
        self.model.set_rows(views)
        last = plan[-1]
        self.schedule_label.setText(f"Schedule: {len(plan)} installment{'s' if len(plan) != 1 else ''}, the last "
                                    f"{money(last.amount_cents)} on {date_text(last.due_on)}.")
        return list(plan)

    # --- make or cancel ---------------------------------------------------------------------------------------
    def submit(self) -> None:
        if self.busy or self.context is None:
            if self.context is None:
                self.look_up()
            return
        try:
            total, installment, day, first = self._terms()
        except DomainError as exc:
            self.errors.show_error(exc)
            return
        self.errors.clear()
        self.set_busy(True)
        self.runner.run(payment_plans.create_plan, self.ws, self.context.guarantor.account_number, total,
                        installment, day, first, self.note_edit.text(), success=self._made,
                        failure=self.errors.show_error, finished=lambda: self.set_busy(False),
                        label="Making the payment plan…", parent=self)

    def _made(self, plan: PlanView) -> None:
        self.made.emit(plan)
        self.accept()

    def cancel_plan(self) -> None:
        plan = self.context.active if self.context is not None else None
        if plan is None or not self.cancel_plan_button.isVisible():
            return
        dialog = CancelPlanDialog(self.runner, f"Cancel plan {plan.plan_number}",
                              f"Cancel payment plan {plan.plan_number} ({money(plan.standing.remaining_cents)} left)? "
                              "The balance stays on the account and its statements ask for all of it again.",
                              lambda reason: payment_plans.cancel_plan(self.ws, plan.plan_id, reason), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.completed.connect(lambda _r: self._plan_cancelled(plan.plan_number))
        self.reason_dialog = dialog
        dialog.open()

    def _plan_cancelled(self, number: str) -> None:
        self.cancelled_plan.emit(number)
        self.accept()
