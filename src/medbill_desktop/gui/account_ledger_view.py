"""The patient account ledger: every entry with the running balance of each responsible party, the aging at
the top, and the plain-words line of the chosen entry to read to the patient. From here: take a payment,
apply credit, refund credit (biller, manager) and reverse the chosen entry (biller, manager): a front-desk
payment or a use of credit (services.patient_payments), or an insurance payment, adjustment or transfer, which
reverses that claim's payment in its batch (services.corrections, gui/claim_reversal_dialog.py). Charges,
refunds, reversals and other adjustments are not reversed here: the Reverse button is off and its tooltip says
what to do instead.

Opening it is recorded in the audit log as a view (the service does that), so it opens on request only.
Keyboard: the entries have the focus, newest at the bottom; Up/Down read the entries aloud-ready below the
table. Alt+T takes a payment, Alt+A applies credit, Alt+F refunds, Alt+R reverses the chosen entry, F5
reloads, Escape closes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from medbill_desktop.domain.account_ledger import AGING_BUCKETS, PARTIES, AccountLedger, LedgerEntry
from medbill_desktop.domain.ledger import Party, TxKind
from medbill_desktop.domain.roles import Permission, allows
from medbill_desktop.gui.claim_reversal_dialog import ClaimReversalDialog
from medbill_desktop.gui.desk_models import MUTED_COLOR, Column, RowsModel, prepare_table
from medbill_desktop.gui.desk_style import apply_desk_style, return_focus, shortcut
from medbill_desktop.gui.fields import error_text
from medbill_desktop.gui.inputs import date_text, money
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.gui.patient_payment_dialog import ApplyCreditDialog, PatientPaymentDialog, card
from medbill_desktop.gui.refund_dialog import ReasonDialog, RefundDialog
from medbill_desktop.services import account_ledger, corrections, patient_payments
from medbill_desktop.services.context import Actor, Workstation

PARTY_HEADERS = {Party.PRIMARY: "Primary", Party.SECONDARY: "Secondary", Party.TERTIARY: "Tertiary",
                 Party.PATIENT: "Patient"}
REVERSED_COLOR = QColor("#8a6d00")
AGING_HEADERS = ("0–30", "31–60", "61–90", "91–120", "121+")  # days since the visit
assert len(AGING_HEADERS) == len(AGING_BUCKETS)


def _signed(cents: int) -> str:
    return "" if not cents else (f"+{money(cents)}" if cents > 0 else money(cents))


FRONT_DESK, CLAIM = "front_desk", "claim"  # how an entry is reversed
REVERSE_TIPS = {
    FRONT_DESK: "Alt+R: reverse this front-desk payment or use of credit (a reason is kept with it)",
    CLAIM: "Alt+R: reverse this claim's insurance payment: every payment, adjustment and transfer its batch posted "
           "for the claim (a reason is kept with it); the claim is reopened",
}


def reversal_route(e: LedgerEntry | None) -> tuple[str, str]:
    """How the entry is reversed (FRONT_DESK, CLAIM) and '', or '' and why it is not reversed here."""
    if e is None:
        return "", "Choose an entry first."
    if e.kind is TxKind.REVERSAL:
        return "", "A reversal is not reversed: post the money again instead."
    if e.reversed_by:
        return "", "This entry was reversed already (see its reversal further down)."
    if e.kind is TxKind.CHARGE:
        return "", "A charge is not reversed here: void the claim instead (Claims workspace)."
    if e.source.startswith("Receipt ") or e.source == "From credit on account":
        return FRONT_DESK, ""
    if e.source.startswith("Batch ") and e.kind in (TxKind.PAYMENT, TxKind.ADJUSTMENT, TxKind.TRANSFER):
        return CLAIM, ""
    if e.kind is TxKind.REFUND:
        return "", "A refund is not reversed: if the money comes back, take it as a payment."
    return "", "Only payments, uses of credit and insurance postings are reversed here."


def entry_tip(e: LedgerEntry) -> str:
    changes = [f"{PARTY_HEADERS[p]} {_signed(e.change_of(p))}" for p in PARTIES if e.change_of(p)]
    if e.credit_change:
        changes.append(f"Credit {_signed(e.credit_change)}")
    parts = [e.words, " · ".join(changes)]
    if e.source:
        parts.append(e.source)
    if e.reversed_by:
        parts.append("Reversed later (see the reversal entry).")
    return "\n".join(x for x in parts if x)


class AccountLedgerDialog(QDialog):
    changed = Signal()  # money was taken, applied, refunded or reversed here

    def __init__(self, runner: OpRunner, ws: Workstation, actor: Actor, account_number: str,
                 patient_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        apply_desk_style(self)
        self.runner = runner
        self.ws = ws
        self.actor = actor
        self.account_number = account_number
        self.ledger: AccountLedger | None = None
        self.child: QDialog | None = None
        self.loads = 0
        self._select_newest = False
        self.can_take = allows(actor.role, Permission.TAKE_PATIENT_PAYMENTS)
        self.can_correct = allows(actor.role, Permission.REVERSE_TRANSACTIONS)  # refunds and reversals
        self.setObjectName("accountLedgerDialog")
        self.setWindowTitle("Account ledger")
        self.resize(1240, 720)
        self._build(patient_name)
        self.reload()

    # --- building ---------------------------------------------------------------------------------------------
    def _build(self, patient_name: str) -> None:
        main = QVBoxLayout(self)
        main.setContentsMargins(20, 14, 20, 14)
        main.setSpacing(8)
        top = QHBoxLayout()
        title = QLabel("Account ledger", self)
        title.setProperty("role", "title")
        top.addWidget(title)
        self.patient_label = QLabel(f"<b>{patient_name}</b> — loading…" if patient_name else "Loading…", self)
        self.patient_label.setProperty("role", "welcome")
        top.addSpacing(16)
        top.addWidget(self.patient_label, 1)
        main.addLayout(top)

        facts = QHBoxLayout()
        facts.setSpacing(10)
        self.values: dict[str, QLabel] = {}
        for key, caption in (("insurance", "Due from insurance"), ("patient", "Patient's share"),
                             ("credit", "Credit on account"), ("total", "Account balance (less credit)")):
            frame, value = card(self, caption)
            self.values[key] = value
            facts.addWidget(frame, 1)
        self.aging = QTableWidget(2, len(AGING_BUCKETS) + 1, self)
        self.aging.setObjectName("agingTable")
        self.aging.setAccessibleName("Aging")
        self.aging.setHorizontalHeaderLabels([*AGING_HEADERS, "Total"])
        self.aging.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.aging.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.aging.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.aging.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.aging.verticalHeader().setDefaultSectionSize(26)
        self.aging.setFixedHeight(26 * 2 + self.aging.horizontalHeader().sizeHint().height() + 4)
        self.aging.setMinimumWidth(600)
        self.aging.setToolTip("Aging: what is still owed, by days since the visit")
        self.aging.setVerticalHeaderLabels(["Insurance aging", "Patient aging"])
        facts.addWidget(self.aging, 4)
        main.addLayout(facts)

        self.entries_title = QLabel("Entries", self)
        self.entries_title.setProperty("role", "section")
        main.addWidget(self.entries_title)
        self.table = QTableView(self)
        self.table.setObjectName("entriesTable")
        self.table.setAccessibleName("Account entries")
        self.model: RowsModel[LedgerEntry] = self._set_model((Party.PRIMARY, Party.PATIENT))
        main.addWidget(self.table, 1)

        self.words_label = QLabel("", self)
        self.words_label.setObjectName("wordsLabel")
        self.words_label.setWordWrap(True)
        self.words_label.setProperty("role", "welcome")
        self.words_label.setMinimumHeight(44)
        main.addWidget(self.words_label)
        self.detail_label = QLabel("", self)
        self.detail_label.setObjectName("detailLabel")
        self.detail_label.setProperty("role", "hint")
        main.addWidget(self.detail_label)
        self.error_label = QLabel("", self)
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        main.addWidget(self.error_label)

        actions = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, tip in (("take", "&Take payment…", "Take a payment (Alt+T)"),
                               ("apply", "&Apply credit…", "Use credit on account for what the patient owes"),
                               ("refund", "Re&fund credit…", "Pay back credit on account (biller, manager)"),
                               ("reverse", "&Reverse…", "Reverse the chosen entry (biller, manager)")):
            button = QPushButton(text, self)
            button.setObjectName(f"{key}Button")
            button.setToolTip(tip)
            button.setAutoDefault(False)
            actions.addWidget(button)
            self.buttons[key] = button
        actions.addStretch(1)
        self.close_button = QPushButton("&Close", self)
        self.close_button.setObjectName("closeButton")
        self.close_button.setAutoDefault(False)
        actions.addWidget(self.close_button)
        main.addLayout(actions)

        self.buttons["take"].clicked.connect(self.take_payment)
        self.buttons["apply"].clicked.connect(self.apply_credit)
        self.buttons["refund"].clicked.connect(self.refund)
        self.buttons["reverse"].clicked.connect(self.reverse)
        self.close_button.clicked.connect(self.reject)
        shortcut(self, "F5", self.reload)
        self._update_buttons()

    def _set_model(self, parties: tuple[Party, ...]) -> RowsModel[LedgerEntry]:
        """A model with a column per party the account uses (a new one: the columns may change)."""
        old = getattr(self, "model", None)
        self.model = RowsModel(self._columns(parties), self)
        prepare_table(self.table, self.model, stretch_last=False)
        self.table.setWordWrap(True)  # two lines a row: the words are what the front desk reads out
        self.table.verticalHeader().setDefaultSectionSize(44)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._entry_changed())
        if old is not None:
            old.deleteLater()
        return self.model

    def _columns(self, parties: tuple[Party, ...]) -> list[Column[LedgerEntry]]:
        def party_column(p: Party) -> Column[LedgerEntry]:
            return Column(PARTY_HEADERS[p], lambda e: money(e.balance_of(p)), right=True, width=90,
                          tip=lambda e: f"{PARTY_HEADERS[p]}: {_signed(e.change_of(p)) or 'no change'}; "
                                        f"balance {money(e.balance_of(p))}",
                          color=lambda e: None if e.change_of(p) else MUTED_COLOR)

        def muted_if_reversed(e: LedgerEntry) -> QColor | None:
            return REVERSED_COLOR if e.reversed_by or e.kind is TxKind.REVERSAL else None

        return [
            Column("Date", lambda e: date_text(e.on), width=88),
            Column("Visit", lambda e: date_text(e.line.date_of_service) if e.line else "", width=88),
            Column("Code", lambda e: e.line.code if e.line else "", width=72),
            Column("Entry", lambda e: e.label + ("\n(reversed)" if e.reversed_by else ""), width=124,
                   color=muted_if_reversed),
            Column("What happened", lambda e: e.words, stretch=True, tip=entry_tip),
            Column("Amount", lambda e: money(e.amount), right=True, width=86),
            *(party_column(p) for p in parties),
            Column("Credit", lambda e: money(e.credit), right=True, width=80,
                   color=lambda e: None if e.credit_change else MUTED_COLOR),
            Column("Balance", lambda e: money(e.total), right=True, width=92),
        ]

    # --- loading ----------------------------------------------------------------------------------------------
    def reload(self) -> None:
        self.runner.run(account_ledger.account_ledger, self.ws, self.account_number, success=self.show_ledger,
                        failure=self._failed, label="Opening the account ledger…", parent=self)

    def _failed(self, exc: Exception) -> None:
        self.error_label.setText(error_text(exc))
        self.error_label.setVisible(True)

    def show_ledger(self, led: AccountLedger) -> None:
        self.loads += 1
        keep = None if self._select_newest else self.selected()  # after a change: the newest entry
        self._select_newest = False
        self.ledger = led
        self.patient_label.setText(f"<b>{led.patient_name}</b> — account {led.account_number} — as of "
                                   f"{date_text(led.as_of)}")
        self.values["insurance"].setText(money(led.insurance_due))
        self.values["patient"].setText(money(led.patient_due))
        self.values["credit"].setText(money(led.credit))
        self.values["total"].setText(money(led.total))
        for row, aging in enumerate((led.insurance_aging, led.patient_aging)):
            for column, cents in enumerate((*aging.buckets, aging.total)):
                item = QTableWidgetItem(money(cents))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if not cents:
                    item.setForeground(MUTED_COLOR)
                self.aging.setItem(row, column, item)
        if [c.header for c in self.model.columns] != [c.header for c in self._columns(led.parties_used)]:
            self._set_model(led.parties_used)
        self.model.set_rows(led.entries)
        n = len(led.entries)
        self.entries_title.setText(f"Entries ({n}), oldest first; the running balance of each party after each"
                                   if n else "No entries yet: nothing has been charged or paid on this account")
        row = self.model.index_of(lambda e: e.transaction_id == keep.transaction_id) if keep else -1
        if n:
            target = row if row >= 0 else n - 1
            self.table.selectRow(target)
            self.table.scrollTo(self.model.index(target, 0))
        self._entry_changed()
        self.table.setFocus()

    # --- the chosen entry -------------------------------------------------------------------------------------
    def selected(self) -> LedgerEntry | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _entry_changed(self) -> None:
        e = self.selected()
        if e is None:
            self.words_label.setText("")
            self.detail_label.setText("")
        else:
            self.words_label.setText(e.words)
            tip = entry_tip(e).split("\n")[1:]
            self.detail_label.setText(f"{date_text(e.on)} · {e.label} · " + " · ".join(tip))
        self._update_buttons()

    def reversible(self, e: LedgerEntry | None) -> bool:
        """A front-desk payment (it has a receipt), a use of credit or an insurance posting, not yet reversed."""
        return bool(reversal_route(e)[0])

    def _update_buttons(self) -> None:
        led = self.ledger
        self.buttons["take"].setEnabled(self.can_take and led is not None)
        self.buttons["apply"].setEnabled(self.can_take and led is not None and led.credit > 0 and led.patient_due > 0)
        self.buttons["refund"].setEnabled(self.can_correct and led is not None and led.credit > 0)
        route, why = reversal_route(self.selected())
        reverse = self.buttons["reverse"]
        reverse.setEnabled(self.can_correct and bool(route))
        reverse.setToolTip(REVERSE_TIPS[route] if route else why)
        reverse.setAccessibleDescription(why)
        for key in ("refund", "reverse"):
            self.buttons[key].setVisible(self.can_correct)

    # --- actions ----------------------------------------------------------------------------------------------
    def _open(self, dialog: QDialog) -> None:
        if self.child is not None:
            self.child.deleteLater()
        self.child = dialog
        dialog.finished.connect(lambda _r: return_focus(self.table))
        dialog.open()

    def _changed(self, *_: object) -> None:
        self.changed.emit()
        self._select_newest = True
        self.reload()

    def take_payment(self) -> None:
        led = self.ledger
        if led is None or not self.can_take:
            return
        dialog = PatientPaymentDialog(self.runner, self.ws, led.patient_id, led.patient_name, led.account_number, self)
        dialog.paid.connect(self._changed)
        self._open(dialog)

    def apply_credit(self) -> None:
        led = self.ledger
        if led is None or not self.can_take or led.credit <= 0:
            return
        dialog = ApplyCreditDialog(self.runner, self.ws, led.patient_id, led.patient_name, led.account_number, self)
        dialog.applied.connect(self._changed)
        self._open(dialog)

    def refund(self) -> None:
        led = self.ledger
        if led is None or not self.can_correct or led.credit <= 0:
            return
        dialog = RefundDialog(self.runner, self.ws, led.patient_id, led.patient_name, led.credit, self)
        dialog.refunded.connect(self._changed)
        self._open(dialog)

    def reverse(self) -> None:
        led, e = self.ledger, self.selected()
        route, _why = reversal_route(e)
        if led is None or e is None or not self.can_correct or not route:
            return
        tx_id = e.transaction_id
        if route == CLAIM:
            ws = self.ws
            claim = ClaimReversalDialog(self.runner, ws, lambda: corrections.claim_payment_of_transaction(ws, tx_id),
                                        self)
            claim.reversed.connect(self._changed)
            self._open(claim)
            return
        patient_id = led.patient_id
        what = f"{e.label.lower()} of {money(e.amount)} on {date_text(e.on)}"
        dialog = ReasonDialog(
            self.runner, "Reverse an entry",
            f"Reverse the {what}? The entry stays on the ledger and a reversal is posted beside it.\n{e.words}",
            lambda reason: patient_payments.reverse_entry(self.ws, patient_id, tx_id, reason), self)
        dialog.completed.connect(self._changed)
        self._open(dialog)
