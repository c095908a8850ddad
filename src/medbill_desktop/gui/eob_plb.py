"""The batch's provider-level adjustments (PLB) on the paper-EOB form: rows of reason code, reference and amount,
for money in the check that belongs to no claim (interest L6, an overpayment recovered WO, a forwarding balance
FB, an authorized return 72 ...).

The reason code offers the PLB codes as you type (a code or a word: 'int' -> L6); the amount is typed as the EOB
shows it, and the row says what it does to the check ("adds $5.00", "takes $150.00"): interest and other payments
to the provider add, recoveries take, a minus sign turns it around. Enter goes to the next field, from the amount
to the next row (a new one after the last); Enter on the empty last row leaves the rows (to Post when the batch
balances). Ctrl+D empties the row the cursor is in (the form's shortcut).
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from medbill_desktop.domain.plb import plb_reason
from medbill_desktop.gui.eob_codes import CodeCell, plb_cell
from medbill_desktop.gui.eob_model import PlbEntry, plb_words
from medbill_desktop.gui.fields import repolish, set_invalid
from medbill_desktop.gui.inputs import money
from medbill_desktop.gui.ops import OpRunner

REASON_TIP = ("PLB reason code: L6 interest, WO overpayment recovery, FB forwarding balance, 72 authorized return, "
              "CS adjustment … (type a code or a word; Down/Up and Enter pick, Escape closes)")
AMOUNT_TIP = ("The amount as the EOB shows it. Interest (L6) and other payments to you add to the check; recoveries "
              "(WO, 72, FB …) take from it. A minus sign turns it around; the column at the right says which.")
PLB_COLUMNS = (("Reason", 72), ("", 222), ("Reference", 170), ("Amount", 90), ("Effect on the check", 0))


class PlbRow:
    def __init__(self, panel: PlbPanel, entry: PlbEntry, n: int) -> None:
        self.panel = panel
        self.entry = entry
        host = panel
        self.reason = QLineEdit(host)
        self.reason.setObjectName(f"plb{n}ReasonEdit")
        self.reason.setAccessibleName(f"Provider-level adjustment {n}: reason code")
        self.reason.setToolTip(REASON_TIP)
        self.reason.setMaxLength(20)
        self.reason.setPlaceholderText("L6, WO" if n == 1 else "")
        self.words = QLabel(host)
        self.words.setProperty("role", "claimFigures")
        self.reference = QLineEdit(host)
        self.reference.setObjectName(f"plb{n}ReferenceEdit")
        self.reference.setAccessibleName(f"Provider-level adjustment {n}: reference")
        self.reference.setToolTip("The reference the EOB gives (the claim or the letter it refers to); optional")
        self.reference.setMaxLength(50)
        self.amount = QLineEdit(host)
        self.amount.setObjectName(f"plb{n}AmountEdit")
        self.amount.setAccessibleName(f"Provider-level adjustment {n}: amount")
        self.amount.setToolTip(AMOUNT_TIP)
        self.amount.setPlaceholderText("0.00")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.amount.setValidator(QRegularExpressionValidator(
            QRegularExpression(r"-?\$?[0-9,]*(\.[0-9]{0,2})?"), self.amount))
        self.effect = QLabel(host)
        self.effect.setProperty("role", "lineStatus")
        self.cell: CodeCell = plb_cell(self.reason, panel.runner, self._reason_taken)
        for edit, name in ((self.reason, "reason"), (self.reference, "reference"), (self.amount, "amount")):
            edit.setText(getattr(entry, name))
            edit.textEdited.connect(lambda text, name=name: self._edited(name, text))
        self.reason.editingFinished.connect(self._reason_case)
        self.refresh()

    def widgets(self) -> list[QWidget]:
        return [self.reason, self.words, self.reference, self.amount, self.effect]

    def edits(self) -> list[QLineEdit]:
        return [self.reason, self.reference, self.amount]

    def contains(self, widget: QWidget | None) -> bool:
        return widget in self.edits()

    def _edited(self, name: str, text: str) -> None:
        setattr(self.entry, name, text)
        set_invalid({"reason": self.reason, "reference": self.reference, "amount": self.amount}[name], False)
        self.refresh()
        self.panel.edited.emit()

    def _reason_taken(self) -> None:
        self._edited("reason", self.reason.text())

    def _reason_case(self) -> None:
        text = self.reason.text()
        if text != text.strip().upper() and plb_reason(text) is not None:
            self.reason.setText(text.strip().upper())
            self._edited("reason", self.reason.text())

    def refresh(self) -> None:
        code = self.entry.reason.strip()
        words = plb_words(code)
        self.words.setText(words if words or not code else "not a PLB reason code")
        self.words.setToolTip(self.words.text())
        effect = self.entry.effect()
        if effect is None:
            self.effect.setText("")
            self._state("")
        elif effect >= 0:
            self.effect.setText(f"adds {money(effect)}")
            self._state("")
        else:
            self.effect.setText(f"takes {money(-effect)}")
            self._state("denied")
        self.effect.setToolTip(AMOUNT_TIP)

    def _state(self, state: str) -> None:
        if self.effect.property("state") != state:
            self.effect.setProperty("state", state)
            repolish(self.effect)


class PlbPanel(QFrame):
    """Rows of provider-level adjustments; `entries` is the batch's list, edited in place."""

    edited = Signal()
    left = Signal()  # Enter on the empty last row
    rows_changed = Signal()  # rows added or taken out (the tab order follows)

    def __init__(self, runner: OpRunner, entries: list[PlbEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setObjectName("plbPanel")
        self.setProperty("role", "claimPanel")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 6, 10, 6)
        outer.setSpacing(3)
        top = QHBoxLayout()
        self.title = QLabel("Provider-leve&l adjustments (PLB)", self)
        self.title.setProperty("role", "claimTitle")
        self.title.setToolTip("Alt+L: the first row · Enter: the next field, from the amount the next row · Ctrl+D: "
                              "empty the row the cursor is in")
        top.addWidget(self.title)
        note = QLabel("money in the check that belongs to no claim (interest, recoveries, forwarding balances)", self)
        note.setProperty("role", "claimFigures")
        note.setToolTip("Enter: the next field, from the amount the next row · Ctrl+D: empty the row the cursor is "
                        "in · Alt+L: the first row")
        top.addSpacing(8)
        top.addWidget(note)
        top.addStretch(1)
        self.total = QLabel(self)
        self.total.setObjectName("plbTotalLabel")
        self.total.setProperty("role", "claimFigures")
        top.addWidget(self.total)
        outer.addLayout(top)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(3)
        for column, (header, width) in enumerate(PLB_COLUMNS):
            label = QLabel(header, self)
            label.setProperty("role", "columnHeader")
            if width:
                label.setFixedWidth(width)
            if header == "Amount":
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.grid.addWidget(label, 0, column)
        self.grid.setColumnStretch(len(PLB_COLUMNS) - 1, 1)
        outer.addLayout(self.grid)
        self.rows: list[PlbRow] = []
        self.entries = entries
        self.reset(entries)

    # --- rows -------------------------------------------------------------------------------------------------
    def reset(self, entries: list[PlbEntry]) -> None:
        """Show `entries` (the batch's list) and one empty row to type into."""
        for row in self.rows:
            row.cell.stop()
            for w in row.widgets():
                self.grid.removeWidget(w)
                w.hide()
                w.deleteLater()
        self.rows = []
        self.entries = entries
        if not entries or not entries[-1].is_blank():
            entries.append(PlbEntry())
        for entry in entries:
            self._add_row(entry)
        self.title.setBuddy(self.rows[0].reason)
        self.refresh()
        self.rows_changed.emit()

    def _add_row(self, entry: PlbEntry) -> PlbRow:
        n = len(self.rows) + 1
        row = PlbRow(self, entry, n)
        for column, (w, (_header, width)) in enumerate(zip(row.widgets(), PLB_COLUMNS, strict=True)):
            if width:
                w.setFixedWidth(width)
            self.grid.addWidget(w, n, column)
            if self.isVisible():
                w.show()  # now, not when the layout gets to it: the focus can go to it at once
        for edit in row.edits():
            edit.returnPressed.connect(lambda row=row, edit=edit: self._enter(row, edit))
        self.rows.append(row)
        return row

    def add_row(self) -> PlbRow:
        entry = PlbEntry()
        self.entries.append(entry)
        row = self._add_row(entry)
        self.rows_changed.emit()
        return row

    def _enter(self, row: PlbRow, edit: QLineEdit) -> None:
        """Enter: the next field of the row; from the amount the next row (a new one after the last); on the
        empty last row, out of the rows."""
        if edit is row.reason and row.cell.takes_enter():
            return
        if row not in self.rows:
            return
        at = self.rows.index(row)
        if row.entry.is_blank() and at == len(self.rows) - 1:
            self.left.emit()
        elif edit is row.reason:
            row.reference.setFocus()
        elif edit is row.reference:
            row.amount.setFocus()
        elif at + 1 < len(self.rows):
            self.rows[at + 1].reason.setFocus()
        else:
            self.add_row().reason.setFocus()

    def row_of(self, widget: QWidget | None) -> PlbRow | None:
        return next((r for r in self.rows if r.contains(widget)), None)

    def empty_row(self, row: PlbRow) -> None:
        """Ctrl+D in a row: it is taken out (the last empty row stays to type into)."""
        at = self.rows.index(row)
        if len(self.rows) == 1 or at == len(self.rows) - 1:
            for edit in row.edits():
                edit.clear()
                set_invalid(edit, False)
            row.entry.reason = row.entry.reference = row.entry.amount = ""
            row.refresh()
        else:
            self.entries.remove(row.entry)
            self.reset(self.entries)
            at = min(at, len(self.rows) - 1)
        self.edited.emit()
        self.rows[at].reason.setFocus()

    def widgets(self) -> list[QWidget]:
        """In tab order."""
        out: list[QWidget] = []
        for row in self.rows:
            out += row.edits()
        return out

    def widget_for(self, index: int, name: str) -> QWidget | None:
        if not 0 <= index < len(self.rows):
            return None
        row = self.rows[index]
        return {"reason": row.reason, "reference": row.reference, "amount": row.amount}.get(name)

    def refresh(self) -> None:
        for row in self.rows:
            row.refresh()
        effect = sum(e for e in (r.entry.effect() for r in self.rows) if e is not None)
        self.total.setText("" if not effect else
                           f"together they {'add' if effect > 0 else 'take'} {money(abs(effect))}")
