"""The patient account summary the front desk opens to answer "what do I owe?". Opening it is recorded in
the audit log as a view (the service does that), so it is opened on request, never in passing."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from medbill_desktop.domain.ledger import Party
from medbill_desktop.domain.patients import format_date
from medbill_desktop.domain.roles import allows
from medbill_desktop.gui.account_ledger_view import AccountLedgerDialog
from medbill_desktop.gui.desk_models import Column, RowsModel, prepare_table
from medbill_desktop.gui.desk_style import apply_desk_style, return_focus, shortcut
from medbill_desktop.gui.forms.ui_account_summary import Ui_AccountSummaryDialog
from medbill_desktop.gui.inputs import date_text, money
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.gui.payment_plan_dialog import PaymentPlanDialog
from medbill_desktop.services import accounts, payment_plans
from medbill_desktop.services.accounts import AccountSummary
from medbill_desktop.services.context import Actor, Workstation
from medbill_desktop.services.encounters import EncounterSummary

PARTY_LABELS = {Party.PRIMARY: "Primary insurance", Party.SECONDARY: "Secondary insurance",
                Party.TERTIARY: "Tertiary insurance", Party.PATIENT: "Patient"}


def summary_html(s: AccountSummary) -> str:
    rows = "".join(
        f"<tr><td style='padding:1px 16px 1px 0'>{PARTY_LABELS[party]}</td>"
        f"<td align='right' style='padding:1px 0'>{money(cents)}</td></tr>"
        for party, cents in s.due_by_party if cents or party in (Party.PRIMARY, Party.PATIENT))
    last_payment = (f"{money(s.last_payment.amount_cents)} on {format_date(s.last_payment.on)}"
                    if s.last_payment else "none yet")
    last_statement = format_date(s.last_statement) if s.last_statement else "none sent yet"
    return (f"<table>{rows}<tr><td style='padding:4px 16px 1px 0'><b>Total due to the practice</b></td>"
            f"<td align='right' style='padding:4px 0 1px 0'><b>{money(s.total_due_cents)}</b></td></tr></table>"
            f"<p style='margin-top:8px'>Last payment from the patient: <b>{last_payment}</b> · "
            f"Last statement: <b>{last_statement}</b></p>")


class AccountSummaryDialog(QDialog):
    """The summary; with the signed-in `actor` and the `account_number` it also opens the account ledger
    (Account ledger…, Ctrl+Shift+L)."""

    def __init__(self, runner: OpRunner, ws: Workstation, patient_id: str, patient_name: str = "",
                 parent: QWidget | None = None, *, actor: Actor | None = None, account_number: str = "") -> None:
        super().__init__(parent)
        self.ui = ui = Ui_AccountSummaryDialog()
        ui.setupUi(self)
        apply_desk_style(self)
        self.runner = runner
        self.ws = ws
        self.patient_id = patient_id
        self.summary: AccountSummary | None = None
        ui.patientLabel.setText(f"<b>{patient_name}</b> — loading…" if patient_name else "Loading…")
        self.model: RowsModel[EncounterSummary] = RowsModel([
            Column("Date of service", lambda e: date_text(e.date_of_service) or "not set", width=130),
            Column("Lines", lambda e: str(e.line_count), right=True, width=70),
            Column("Charges", lambda e: money(e.total_cents), right=True, width=110),
            Column("", lambda e: "waiting for charge entry" if not e.line_count else "draft: not yet finalized"),
        ], self)
        prepare_table(ui.encountersTable, self.model)
        ui.buttons.rejected.connect(self.reject)
        ui.buttons.button(QDialogButtonBox.StandardButton.Close).setText("&Close")
        self.actor = actor
        self.account_number = account_number
        self.patient_name = patient_name
        self.ledger_dialog: QDialog | None = None
        self.ledger_button = ui.buttons.addButton("Account &ledger…", QDialogButtonBox.ButtonRole.ActionRole)
        self.ledger_button.setObjectName("ledgerButton")
        self.ledger_button.setToolTip("Every entry with running balances and words to read to the patient "
                                      "(Ctrl+Shift+L)")
        self.ledger_button.setAutoDefault(False)
        self.ledger_button.setVisible(actor is not None and bool(account_number))
        self.ledger_button.clicked.connect(self.open_ledger)
        shortcut(self, "Ctrl+Shift+L", self.open_ledger)
        self.plan_dialog: QDialog | None = None
        self.plan_button = ui.buttons.addButton("Payment &plan…", QDialogButtonBox.ButtonRole.ActionRole)
        self.plan_button.setObjectName("planButton")
        self.plan_button.setToolTip("Set up monthly installments for the guarantor, or look at the plan they have "
                                    "(Ctrl+Shift+P)")
        self.plan_button.setAutoDefault(False)
        self.can_plan = (actor is not None and bool(account_number)
                         and allows(actor.role, payment_plans.PLAN_PERMISSION))
        self.plan_button.setVisible(self.can_plan)
        self.plan_button.clicked.connect(self.open_plan)
        shortcut(self, "Ctrl+Shift+P", self.open_plan)
        self.runner.run(accounts.account_summary, ws, patient_id, success=self.show_summary,
                        failure=self._failed, label="Opening the account…", parent=self)

    def show_summary(self, s: AccountSummary) -> None:
        self.summary = s
        ui = self.ui
        ui.patientLabel.setText(f"<b>{s.patient_name}</b> — account {s.account_number}")
        ui.insuranceValue.setText(money(s.insurance_due_cents))
        ui.patientValue.setText(money(s.patient_due_cents))
        ui.creditValue.setText(money(s.credit_cents))
        ui.owesValue.setText(money(s.patient_owes_cents))
        ui.owesCaption.setText("Patient owes now (their share less credit)")
        ui.detailsLabel.setText(summary_html(s))
        self.model.set_rows(s.open_encounters)
        ui.encountersTitle.setText(f"Open encounters ({len(s.open_encounters)}): charges not yet finalized"
                                   if s.open_encounters else "No open encounters")
        ui.buttons.setFocus()

    def open_ledger(self) -> None:
        if self.actor is None or not self.account_number:
            return
        if self.ledger_dialog is not None:
            self.ledger_dialog.deleteLater()
        name = self.summary.patient_name if self.summary else self.patient_name
        self.ledger_dialog = AccountLedgerDialog(self.runner, self.ws, self.actor, self.account_number, name, self)
        self.ledger_dialog.changed.connect(self._reload)
        self.ledger_dialog.finished.connect(lambda _r: return_focus(self.ledger_button, self.ui.buttons))
        self.ledger_dialog.open()

    def open_plan(self) -> None:
        if not self.can_plan:
            return
        if self.plan_dialog is not None:
            self.plan_dialog.deleteLater()
        self.plan_dialog = dialog = PaymentPlanDialog(self.runner, self.ws, self.account_number, self)
        dialog.made.connect(lambda _plan: self._reload())
        dialog.cancelled_plan.connect(lambda _number: self._reload())
        dialog.finished.connect(lambda _r: return_focus(self.plan_button, self.ui.buttons))
        dialog.open()

    def _reload(self) -> None:
        self.runner.run(accounts.account_summary, self.ws, self.patient_id, success=self.show_summary,
                        failure=self._failed, label="Opening the account…", parent=self)

    def _failed(self, exc: Exception) -> None:
        self.ui.patientLabel.setText(getattr(exc, "message", "") or str(exc))
