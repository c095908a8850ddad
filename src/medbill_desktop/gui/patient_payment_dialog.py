"""Take a payment at the front desk (cash, check, card) and apply it: to the oldest balance first, to the amounts
typed per visit, or hold it all as credit; print its receipt. The same dialog applies credit already on the
account (ApplyCreditDialog).

Keyboard: the amount has the focus; Tab goes to the method, the reference, the way to apply it (arrow keys
choose), then the visits. In the visits grid, type an amount on a visit's row and press Enter: the next row
is next. Enter anywhere else takes the payment; after it, Enter prints the receipt.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from medbill_desktop.domain.account_ledger import VisitAmount
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.gui.desk_style import apply_desk_style
from medbill_desktop.gui.fields import FieldErrors, digits_only
from medbill_desktop.gui.inputs import date_text, fill_combo, money, money_text, parse_money, prepare_money_edit
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.gui.printing import PdfDocument
from medbill_desktop.gui.receipt_actions import ReceiptActions
from medbill_desktop.services import patient_payments
from medbill_desktop.services.checkin import PaymentMethod, PaymentReceipt
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.patient_payments import ApplyTo, CreditApplied, PatientBalances, VisitBalance

METHODS = (("Cash", PaymentMethod.CASH), ("Check", PaymentMethod.CHECK), ("Card", PaymentMethod.CARD))
APPLY_COLUMN = 5
MUTED = QColor("#6b7280")


def card(parent: QWidget, caption: str) -> tuple[QFrame, QLabel]:
    """A fact card: a big value over a caption."""
    frame = QFrame(parent)
    frame.setProperty("role", "card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(14, 8, 14, 8)
    layout.setSpacing(2)
    value = QLabel("—", frame)
    value.setProperty("role", "factValue")
    text = QLabel(caption, frame)
    text.setProperty("role", "hint")
    text.setWordWrap(True)
    layout.addWidget(value)
    layout.addWidget(text)
    return frame, value


class AllocationGrid(QTableWidget):
    """The patient's visits with a balance, oldest first, and what to apply to each: typed in (chosen visits)
    or shown as the oldest-first split would make it."""

    amounts_changed = Signal()

    HEADERS = ("Visit", "Services", "Charges", "With insurance", "Patient owes", "Apply")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(self.HEADERS), parent)
        self.visits: list[VisitBalance] = []
        self.editable = False
        self._filling = False
        self.setObjectName("allocationGrid")
        self.setAccessibleName("Visits with a balance")
        self.setHorizontalHeaderLabels(list(self.HEADERS))
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(28)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)
        self.setAlternatingRowColors(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        header = self.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 100), (2, 96), (3, 132), (4, 116), (5, 100)):
            self.setColumnWidth(column, width)
        self.itemChanged.connect(self._changed)
        self.itemDelegate().closeEditor.connect(self._editor_closed)

    def set_visits(self, visits: list[VisitBalance]) -> None:
        self._filling = True
        self.visits = list(visits)
        self.setRowCount(len(visits))
        for row, v in enumerate(visits):
            cells = (date_text(v.date_of_service), ", ".join(v.codes), money(v.charge_cents),
                     money(v.insurance_cents), money(v.patient_cents), "")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.setItem(row, column, item)
        self._filling = False
        self.set_editable(self.editable)
        if visits:
            self.setCurrentCell(0, APPLY_COLUMN)

    def set_editable(self, editable: bool) -> None:
        """Chosen visits: the Apply cells of visits the patient owes on take typing."""
        self.editable = editable
        self._filling = True
        for row, v in enumerate(self.visits):
            item = self.item(row, APPLY_COLUMN)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if editable and v.patient_cents > 0:
                flags |= Qt.ItemFlag.ItemIsEditable
            item.setFlags(flags)
            item.setForeground(MUTED if not editable else QColor("#1d2430"))
        self._filling = False

    def show_amounts(self, amounts: dict[str, int]) -> None:
        """Fill the Apply column (encounter id -> cents; a visit not named is left empty)."""
        self._filling = True
        for row, v in enumerate(self.visits):
            cents = amounts.get(v.encounter_id, 0)
            self.item(row, APPLY_COLUMN).setText(money_text(cents) if cents else "")
        self._filling = False
        self.amounts_changed.emit()

    def typed(self) -> list[VisitAmount]:
        """The amounts typed per visit; a typo raises DomainError naming the visit."""
        out: list[VisitAmount] = []
        for row, v in enumerate(self.visits):
            text = self.item(row, APPLY_COLUMN).text()
            try:
                cents = parse_money(text, "allocations")
            except DomainError as exc:
                raise DomainError(f"The {date_text(v.date_of_service)} visit: {exc.message}", "allocations") from None
            if cents:
                out.append(VisitAmount(v.encounter_id, cents))
        return out

    def _changed(self, item: QTableWidgetItem) -> None:
        if not self._filling and item.column() == APPLY_COLUMN:
            self.amounts_changed.emit()

    def _editor_closed(self, _editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Enter after typing an amount: on to the next visit that takes one."""
        if hint not in (QAbstractItemDelegate.EndEditHint.SubmitModelCache,
                        QAbstractItemDelegate.EndEditHint.NoHint):
            return
        row = self.currentRow() + 1
        while row < self.rowCount():
            if self.item(row, APPLY_COLUMN).flags() & Qt.ItemFlag.ItemIsEditable:
                self.setCurrentCell(row, APPLY_COLUMN)
                return
            row += 1

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Enter that ends typing an amount stays here (the editor passes it on; the dialog would take the
        payment); Enter on a cell not being edited goes to the dialog's default button."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() == self.State.EditingState:
            event.accept()
            return
        super().keyPressEvent(event)

    def has_amounts(self) -> bool:
        return any(self.item(row, APPLY_COLUMN).text().strip() for row in range(self.rowCount()))


class PatientPaymentDialog(ReceiptActions, QDialog):
    """Take a payment (`credit_only` False) or apply credit already on the account (True)."""

    paid = Signal(object)  # PaymentReceipt
    applied = Signal(object)  # CreditApplied

    def __init__(self, runner: OpRunner, ws: Workstation, patient_id: str, patient_name: str,
                 account_number: str, parent: QWidget | None = None, *, credit_only: bool = False) -> None:
        super().__init__(parent)
        apply_desk_style(self)
        self.runner = runner
        self.ws = ws
        self.patient_id = patient_id
        self.credit_only = credit_only
        self.balances: PatientBalances | None = None
        self.receipt: PaymentReceipt | None = None
        self.result_credit: CreditApplied | None = None
        self.document: PdfDocument | None = None
        self.busy = False
        self.save_folder: Path | None = None  # where "Save PDF" starts (tests point it at a temp folder)
        self.setObjectName("patientPaymentDialog")
        self.setWindowTitle("Apply credit" if credit_only else "Take a payment")
        self.resize(860, 600)
        self._build(patient_name, account_number)
        self._method_changed()
        self._mode_changed()
        self._update_buttons()
        self.amount_edit.setFocus()
        self.runner.run(patient_payments.patient_balances, ws, patient_id, success=self.show_balances,
                        failure=self.errors.show_error, label="Opening the account…", parent=self)

    # --- building ---------------------------------------------------------------------------------------
    def _build(self, patient_name: str, account_number: str) -> None:
        main = QVBoxLayout(self)
        main.setContentsMargins(20, 16, 20, 16)
        main.setSpacing(10)
        title = QLabel("Apply credit on account" if self.credit_only else "Take a payment", self)
        title.setProperty("role", "title")
        who = QLabel(f"<b>{patient_name}</b> — account {account_number}", self)
        who.setProperty("role", "welcome")
        main.addWidget(title)
        main.addWidget(who)

        cards = QHBoxLayout()
        cards.setSpacing(12)
        owes, self.owes_value = card(self, "Patient's share on the visits")
        credit, self.credit_value = card(self, "Credit on account (copays, prepayments)")
        insurance, self.insurance_value = card(self, "Still with insurance")
        for frame in (owes, credit, insurance):
            cards.addWidget(frame)
        main.addLayout(cards)

        form = QGridLayout()
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(8)
        self.amount_label = QLabel("Credit to &apply" if self.credit_only else "&Amount received", self)
        self.amount_edit = QLineEdit(self)
        self.amount_edit.setObjectName("amountEdit")
        prepare_money_edit(self.amount_edit)
        self.amount_label.setBuddy(self.amount_edit)
        self.method_label = QLabel("&Method", self)
        self.method_combo = QComboBox(self)
        self.method_combo.setObjectName("methodCombo")
        fill_combo(self.method_combo, [(text, m.value) for text, m in METHODS])
        self.method_label.setBuddy(self.method_combo)
        self.reference_label = QLabel("Reference", self)
        self.reference_edit = QLineEdit(self)
        self.reference_edit.setObjectName("referenceEdit")
        self.reference_label.setBuddy(self.reference_edit)
        form.addWidget(self.amount_label, 0, 0)
        form.addWidget(self.amount_edit, 0, 1)
        form.addWidget(self.method_label, 0, 2)
        form.addWidget(self.method_combo, 0, 3)
        form.addWidget(self.reference_label, 1, 0)
        form.addWidget(self.reference_edit, 1, 1)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)
        main.addLayout(form)
        for widget in (self.method_label, self.method_combo, self.reference_label, self.reference_edit):
            widget.setVisible(not self.credit_only)

        modes = QHBoxLayout()
        modes.addWidget(QLabel("Apply it to:", self))
        self.mode_group = QButtonGroup(self)
        self.mode_buttons: dict[ApplyTo, QRadioButton] = {}
        for mode, text in ((ApplyTo.OLDEST_FIRST, "&Oldest balance first"), (ApplyTo.VISITS, "Chosen &visits"),
                           (ApplyTo.CREDIT, "&Hold as credit")):
            if self.credit_only and mode is ApplyTo.CREDIT:
                continue
            button = QRadioButton(text, self)
            button.setObjectName(f"{mode.value}Radio")
            self.mode_group.addButton(button)
            self.mode_buttons[mode] = button
            modes.addWidget(button)
        modes.addStretch(1)
        self.mode_buttons[ApplyTo.OLDEST_FIRST].setChecked(True)
        main.addLayout(modes)

        self.grid_title = QLabel("Visits with a balance", self)
        self.grid_title.setProperty("role", "section")
        main.addWidget(self.grid_title)
        self.grid = AllocationGrid(self)
        main.addWidget(self.grid, 1)
        self.summary_label = QLabel("", self)
        self.summary_label.setObjectName("summaryLabel")
        self.summary_label.setWordWrap(True)
        main.addWidget(self.summary_label)
        self.error_label = QLabel("", self)
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        main.addWidget(self.error_label)
        self.done_label = QLabel("", self)
        self.done_label.setObjectName("doneLabel")
        self.done_label.setProperty("role", "ok")
        self.done_label.setWordWrap(True)
        self.done_label.setVisible(False)
        main.addWidget(self.done_label)

        actions = QHBoxLayout()
        self.take_button = QPushButton("&Apply credit" if self.credit_only else "&Take payment", self)
        self.take_button.setObjectName("takePaymentButton")
        self.print_button = QPushButton("&Print receipt…", self)
        self.print_button.setObjectName("printButton")
        self.save_button = QPushButton("Save P&DF…", self)
        self.save_button.setObjectName("savePdfButton")
        self.close_button = QPushButton("&Close", self)
        self.close_button.setObjectName("closeButton")
        self.close_button.setAutoDefault(False)
        actions.addWidget(self.take_button)
        if not self.credit_only:
            actions.addWidget(self.print_button)
            actions.addWidget(self.save_button)
        else:
            self.print_button.setVisible(False)
            self.save_button.setVisible(False)
        actions.addStretch(1)
        actions.addWidget(self.close_button)
        main.addLayout(actions)

        order = [self.amount_edit, self.method_combo, self.reference_edit, *self.mode_buttons.values(), self.grid,
                 self.take_button, self.print_button, self.save_button, self.close_button]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

        self.errors = FieldErrors(self.error_label, {"amount": self.amount_edit, "method": self.method_combo,
                                                     "reference": self.reference_edit, "allocations": self.grid,
                                                     "apply": self.grid})
        self.method_combo.currentIndexChanged.connect(self._method_changed)
        self.mode_group.buttonToggled.connect(lambda *_: self._mode_changed())
        self.amount_edit.textEdited.connect(lambda _t: self._preview())
        self.grid.amounts_changed.connect(self._summarize)
        self.take_button.clicked.connect(self.submit)
        self.print_button.clicked.connect(self.print_receipt)
        self.save_button.clicked.connect(self.save_receipt)
        self.close_button.clicked.connect(self.accept)

    # --- the account ----------------------------------------------------------------------------------------
    def show_balances(self, b: PatientBalances) -> None:
        self.balances = b
        self.owes_value.setText(money(b.patient_due_cents))
        self.credit_value.setText(money(b.credit_cents))
        self.insurance_value.setText(money(b.insurance_due_cents))
        self.grid.set_visits(list(b.visits))
        self.grid_title.setText(f"Visits with a balance ({len(b.visits)}), oldest first" if b.visits
                                else "No visit has a balance: a payment now is held as credit on the account")
        if self.credit_only and not self.amount_edit.text():
            self.amount_edit.setText(money_text(min(b.credit_cents, b.patient_due_cents) or b.credit_cents))
            self.amount_edit.selectAll()
        self._mode_changed()

    def mode(self) -> ApplyTo:
        return next((m for m, b in self.mode_buttons.items() if b.isChecked()), ApplyTo.OLDEST_FIRST)

    def _method_changed(self, *_: object) -> None:
        method = PaymentMethod(self.method_combo.currentData())
        edit = self.reference_edit
        edit.setEnabled(method is not PaymentMethod.CASH and self.receipt is None)
        edit.setValidator(None)  # type: ignore[arg-type]
        if method is PaymentMethod.CHECK:
            self.reference_label.setText("Check &number")
            edit.setPlaceholderText("as printed on the check")
            edit.setMaxLength(20)
        elif method is PaymentMethod.CARD:
            self.reference_label.setText("Card: last &4 digits")
            edit.setPlaceholderText("from the terminal's slip; never the whole number")
            edit.setMaxLength(4)
            digits_only(edit)
        else:
            self.reference_label.setText("Reference")
            edit.setPlaceholderText("nothing needed for cash")
            edit.clear()

    def _mode_changed(self) -> None:
        mode = self.mode()
        self.grid.set_editable(mode is ApplyTo.VISITS and not self._done())
        self.grid.setEnabled(mode is not ApplyTo.CREDIT)
        self.grid.setFocusPolicy(Qt.FocusPolicy.StrongFocus if mode is ApplyTo.VISITS else Qt.FocusPolicy.NoFocus)
        if mode is ApplyTo.VISITS and not self.grid.has_amounts():
            self.grid.show_amounts(self._oldest_first(self._amount_or_zero()))  # a start to adjust
        self._preview()

    def _amount_or_zero(self) -> int:
        try:
            return parse_money(self.amount_edit.text(), "amount") or 0
        except DomainError:
            return 0

    def _oldest_first(self, amount: int) -> dict[str, int]:
        out: dict[str, int] = {}
        left = amount
        for v in self.grid.visits:
            take = min(max(left, 0), v.patient_cents)
            if take > 0:
                out[v.encounter_id] = take
                left -= take
        return out

    def _preview(self) -> None:
        """Oldest first: show the split the payment will make; hold as credit: nothing applied."""
        mode = self.mode()
        if mode is ApplyTo.OLDEST_FIRST:
            self.grid.show_amounts(self._oldest_first(self._amount_or_zero()))
        elif mode is ApplyTo.CREDIT:
            self.grid.show_amounts({})
        self._summarize()

    def _summarize(self) -> None:
        amount = self._amount_or_zero()
        try:
            applied = sum(a.amount_cents for a in self.grid.typed())
        except DomainError as exc:
            self.summary_label.setText(exc.message)
            return
        if self.credit_only:
            self.summary_label.setText(f"{money(applied)} of credit applied to the visits."
                                       if applied else "Choose the visits to apply the credit to.")
            return
        held = amount - applied
        if held < 0:
            self.summary_label.setText(f"The amounts for the visits add up to {money(applied)}, more than the "
                                       f"{money(amount)} received.")
            return
        self.summary_label.setText(f"Applied to visits: <b>{money(applied)}</b> · held as credit on the account: "
                                   f"<b>{money(held)}</b>")

    # --- doing it ---------------------------------------------------------------------------------------------
    def _done(self) -> bool:
        return self.receipt is not None or self.result_credit is not None

    def _update_buttons(self) -> None:
        done = self._done()
        self.take_button.setEnabled(not done and not self.busy)
        self.print_button.setEnabled(self.receipt is not None and not self.busy)
        self.save_button.setEnabled(self.receipt is not None and not self.busy)
        for widget in (self.amount_edit, self.method_combo, *self.mode_buttons.values()):
            widget.setEnabled(not done)
        self.take_button.setDefault(not done)
        self.print_button.setDefault(done and not self.credit_only)
        self.close_button.setDefault(done and self.credit_only)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._update_buttons()

    def submit(self) -> None:
        if self.busy or self._done():
            return
        self.errors.clear()
        mode = self.mode()
        try:
            cents = parse_money(self.amount_edit.text(), "amount")
            if cents is None:
                raise DomainError("Enter the amount of credit to apply." if self.credit_only
                                  else "Enter the amount received, or Close without a payment.", "amount")
            visits = self.grid.typed() if mode is ApplyTo.VISITS else []
        except DomainError as exc:
            self.errors.show_error(exc)
            return
        self._set_busy(True)
        if self.credit_only:
            self.runner.run(patient_payments.apply_credit, self.ws, self.patient_id, mode, visits,
                            cents if mode is ApplyTo.OLDEST_FIRST else None,
                            success=self._credit_applied, failure=self.errors.show_error,
                            finished=lambda: self._set_busy(False), label="Applying the credit…", parent=self)
            return
        self.runner.run(patient_payments.take_payment, self.ws, self.patient_id, cents,
                        self.method_combo.currentData(), self.reference_edit.text(), mode, visits,
                        success=self._paid, failure=self.errors.show_error, finished=lambda: self._set_busy(False),
                        label="Recording the payment…", parent=self)

    def _paid(self, receipt: PaymentReceipt) -> None:
        self.receipt = receipt
        self.busy = False
        held = f", {money(receipt.credit_cents)} held as credit" if receipt.credit_cents else ""
        self.done_label.setText(f"✔ Receipt {receipt.receipt_number}: {money(receipt.amount_cents)} "
                                f"({receipt.method_text.lower()}) — {money(receipt.applied_cents)} applied to visits"
                                f"{held}. Print the receipt for the patient.")
        self.done_label.setVisible(True)
        self.reference_edit.setEnabled(False)
        self.grid.set_editable(False)
        self._update_buttons()
        self.print_button.setFocus()
        self.paid.emit(receipt)

    def _credit_applied(self, done: CreditApplied) -> None:
        self.result_credit = done
        self.busy = False
        self.done_label.setText(f"✔ {money(done.applied_cents)} of credit applied; "
                                f"{money(done.credit_left_cents)} left on the account.")
        self.done_label.setVisible(True)
        self.grid.set_editable(False)
        self._update_buttons()
        self.close_button.setFocus()
        self.applied.emit(done)

class ApplyCreditDialog(PatientPaymentDialog):
    """Use credit held on the account for what the patient owes."""

    def __init__(self, runner: OpRunner, ws: Workstation, patient_id: str, patient_name: str,
                 account_number: str, parent: QWidget | None = None) -> None:
        super().__init__(runner, ws, patient_id, patient_name, account_number, parent, credit_only=True)
