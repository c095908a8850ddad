"""Paper EOB entry (billers): one check or EFT, the claims it pays or denies, line by line, from the keyboard.

- The header: payer (type part of its name), method (check or EFT), check/trace number, check date, deposit
  date and the check amount. Enter moves to the next field; from the amount to the claim search.
- Find claim: a claim number, a patient's name or a date of service, then Enter. One match is added at once;
  several are listed (Down/Up pick, Enter adds). The claim comes with its lines.
- A line: allowed, paid, deductible, coinsurance, copay; the contractual adjustment (CO-45) follows billed
  minus allowed until typed over; further adjustments as group + reason + amount ("CO-16 125.00; OA-23 5"),
  remark codes ("N290"). Typing a reason code after its group ("CO-1", or a word: "CO-dup") or a remark code
  offers the matching codes with their descriptions (Down/Up, Enter takes one, Escape closes); a code the
  workstation does not know is flagged on its line. Leave Allowed empty for a denied line. Enter goes to the
  next line, after the last line back to the claim search to add the next claim. Ctrl+D removes the claim the
  cursor is in.
- Per claim: the payer's claim number, claim-level adjustments (CAS not tied to a line, typed like the line's:
  the claim pays what its lines pay less these; Ctrl+J goes there) and the next step (the next payer when the
  encounter has one, the denials queue when every line is denied, else the patient; or keep it with this payer).
- Provider-level adjustments (PLB, Alt+L): rows of reason code (L6 interest, WO, FB, 72 …), reference and
  amount; see gui/eob_plb.py.
- "Left to apply" runs against the check amount, in red until it is zero; the remainder may be put on account
  with a reason (interest, overpayment, provider-level adjustment). Ctrl+Enter posts (a dry run first, then
  a confirmation); Ctrl+N starts a new batch. Alt + the underlined letter goes to a field (Alt+I: find a claim).

Every database call goes through the op runner; the reading rules are in gui/eob_model.py.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpacerItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from medbill_desktop.domain.adjudication import ON_ACCOUNT_REASONS, NextStep, PaymentMethod
from medbill_desktop.domain.claims import ClaimStatus
from medbill_desktop.domain.money import format_cents
from medbill_desktop.domain.reference import Payer
from medbill_desktop.gui.desk_models import MUTED_COLOR, Column, RowsModel, prepare_table
from medbill_desktop.gui.desk_style import DESK_STYLE, ask, shortcut
from medbill_desktop.gui.eob_codes import CodeCell, reason_cell, remark_cell
from medbill_desktop.gui.eob_model import (
    CARC,
    METHOD_WORDS,
    RARC,
    BatchEntry,
    ClaimEntry,
    LineEntry,
    Meanings,
    Review,
    adjustments_text,
    step_words,
)
from medbill_desktop.gui.eob_plb import PlbPanel
from medbill_desktop.gui.fields import error_text, repolish, set_invalid
from medbill_desktop.gui.inputs import Debouncer, date_text, money, prepare_date_edit, prepare_money_edit
from medbill_desktop.gui.ops import OpRunner, message_box
from medbill_desktop.gui.popup_focus import PopupFocusGuard
from medbill_desktop.services import posting, remit_codes
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.posting import BatchPreview, PostableClaim, PostedBatch

EOB_STYLE = DESK_STYLE + """
QFrame[role="claimPanel"] { background: #ffffff; border: 1px solid #d8dde5; border-radius: 6px; }
QFrame[role="claimPanel"] QLabel { background: transparent; border: none; }
QLabel[role="claimTitle"] { font-weight: 600; color: #1f3a5f; }
QLabel[role="claimFigures"] { color: #3b4452; }
QLabel[role="claimFigures"][state="bad"] { color: #b00020; font-weight: 600; }
QLabel[role="claimFigures"][state="warn"] { color: #8a5a00; }
QLabel[role="lineStatus"] { color: #1b6e35; }
QLabel[role="lineStatus"][state="bad"] { color: #b00020; font-weight: 600; }
QLabel[role="lineStatus"][state="denied"] { color: #7a4100; font-weight: 600; }
QLabel[role="lineStatus"][state="warn"] { color: #8a5a00; font-weight: 600; }
QLineEdit[state="warn"] { border: 1px solid #c08400; background: #fff8e6; }
QLabel[role="amount"] { color: #1d2430; }
QLineEdit[state="auto"] { color: #5a6270; font-style: italic; }
QLabel[role="leftToApply"] { font-size: 17px; font-weight: 700; padding: 2px 10px; border-radius: 6px;
                             color: #1b6e35; background: #dff3e4; }
QLabel[role="leftToApply"][state="bad"] { color: #ffffff; background: #b00020; }
QLabel[role="leftToApply"][state="idle"] { color: #3b4452; background: #e8ecf2; }
QLabel[role="problems"] { color: #8a1c1c; }
QLabel[role="problems"][state="ok"] { color: #1b6e35; }
QLabel[role="problems"][state="idle"] { color: #3b4452; }
QFrame[role="posted"] { background: #dff3e4; border: 1px solid #9fd3ad; border-radius: 6px; }
QFrame[role="posted"] QLabel { background: transparent; border: none; color: #14532d; }
QLineEdit[invalid="true"], QComboBox[invalid="true"] { border: 1px solid #b00020; background: #fff5f5; }
"""

LINE_COLUMNS: tuple[tuple[str, str, int], ...] = (
    # (field, header, width)
    ("number", "#", 18), ("code", "Code", 76), ("billed", "Billed", 68), ("allowed", "Allowed", 66),
    ("paid", "Paid", 66), ("deductible", "Deduct.", 66), ("coinsurance", "Coins.", 60), ("copay", "Copay", 58),
    ("contractual", "CO-45", 62), ("other", "Other adjustments", 150), ("remarks", "Remarks", 80),
    ("patient", "Patient", 62), ("status", "", 0),
)
EDIT_FIELDS = ("allowed", "paid", "deductible", "coinsurance", "copay", "contractual", "other", "remarks")
FIELD_WORDS = {"allowed": "allowed amount", "paid": "paid amount", "deductible": "deductible (PR-1)",
               "coinsurance": "coinsurance (PR-2)", "copay": "copay (PR-3)",
               "contractual": "contractual adjustment (CO-45)",
               "other": "further adjustments: group, reason code, amount (CO-16 125.00; OA-23 5.00)",
               "remarks": "remark codes (N290 M15)"}
CODE_TIPS = {"other": "\nAfter the group code, type the reason code or a word (CO-4, CO-dup): the matching codes are "
                      "listed; Down/Up and Enter take one, Escape closes the list.",
             "remarks": "\nType a code or a word (N2, missing): the matching remark codes are listed; Down/Up and "
                        "Enter take one, Escape closes the list."}
CLAIM_ADJUSTMENTS_TIP = ("Claim-level adjustments (Ctrl+J): the claim's CAS not tied to a line, as group, reason code "
                         "and amount (CO-253 1.28; OA-23 5.00). The claim pays what its lines pay less these (a "
                         "negative one, such as interest, adds to it). After the group code, type the reason code "
                         "or a word: the matching codes are listed.")
_PATH = re.compile(r"^claims\[(\d+)\](?:\.lines\[(\d+)\])?\.(\w+)$")
_PLB_PATH = re.compile(r"^plb\[(\d+)\]\.(\w+)$")
STATUS_WORDS = {s: s.label for s in ClaimStatus}


def set_state(widget: QWidget, state: str) -> None:
    if widget.property("state") != state:
        widget.setProperty("state", state)
        repolish(widget)


def code_label(line: posting.PostableLine) -> str:
    return line.procedure + (f"-{'-'.join(line.modifiers)}" if line.modifiers else "")


def claim_entry(claim: PostableClaim) -> ClaimEntry:
    """A claim found for posting, as the form holds it."""
    lines = [LineEntry(line.service_line_id, code_label(line), line.from_date, line.charge_cents, line.balance_cents)
             for line in claim.lines]
    return ClaimEntry(claim.claim_id, claim.claim_number, claim.patient_name, claim.date_of_service,
                      claim.payer_name, claim.party.value, claim.next_payer_name if claim.has_next_claim else None,
                      lines, payer_id=claim.payer_id)


def preview_text(preview: BatchPreview, entry: BatchEntry, review: Review) -> str:
    """The confirmation's details: what posting does to each claim."""
    out = [f"Check {entry.reference.strip()} from {entry.payer_name}: {format_cents(review.batch.amount)}"
           if review.batch else ""]
    claim_level = {c.claim_number: c.claim_adjustments for c in review.batch.claims} if review.batch else {}
    for c in preview.claims:
        out.append(f"Claim {c.claim_number}: {c.summary}")
        if claim_level.get(c.claim_number):
            out.append(f"Claim {c.claim_number} claim-level adjustments: "
                       f"{adjustments_text(claim_level[c.claim_number])}")
    if review.batch is not None:
        for plb in review.batch.provider_adjustments:
            out.append(f"Provider-level {plb.reason}{' ' + plb.reference if plb.reference else ''}: "
                       f"{'adds' if plb.amount < 0 else 'takes'} {format_cents(abs(plb.amount))} "
                       f"{'to' if plb.amount < 0 else 'from'} the check")
    if review.on_account:
        out.append(f"On account: {format_cents(review.on_account)} "
                   f"({ON_ACCOUNT_REASONS.get(entry.on_account_reason, entry.on_account_reason)})")
    if preview.readied_claims:
        out.append(f"Ready for the next payer: {', '.join(preview.readied_claims)}")
    out += [f"Check: {w.message}" for w in review.warnings]
    return "\n".join(line for line in out if line)


def posted_text(posted: PostedBatch, entry: BatchEntry, amount: int) -> str:
    """The summary after posting."""
    counts: dict[str, int] = {}
    for c in posted.claims:
        counts[c.outcome] = counts.get(c.outcome, 0) + 1
    n = len(posted.claims)
    parts = [f"Batch {posted.batch_number} posted: check {entry.reference.strip()} from {entry.payer_name}, "
             f"{format_cents(amount)}, {n} claim{'s' if n != 1 else ''}."]
    outcome_words = {"paid": "paid", "partially_paid": "partially paid", "denied": "denied"}
    told = [f"{counts[k]} {w}" for k, w in outcome_words.items() if counts.get(k)]
    if told:
        parts.append("Claims " + ", ".join(told) + ".")
    plb = [f"{row.reason.strip().upper()} {'+' if effect > 0 else '−'}{format_cents(abs(effect))}"
           for _, row in entry.plb_rows() if (effect := row.effect())]
    if plb:
        parts.append("Provider-level adjustments: " + ", ".join(plb) + ".")
    parts.append("Secondary claims made ready: " + (", ".join(posted.readied_claims) or "none") + ".")
    parts.append("Sent to the denials queue: " + (", ".join(posted.denials) or "none") + ".")
    return " ".join(parts)


# --- the payer picker ------------------------------------------------------------------------------------------------
class PayerPicker(QComboBox):
    """A payer typed by any part of its name: the list narrows as you type; leaving the field (Tab, Enter)
    takes the payer whose name matches best."""

    chosen = Signal(object)  # the payer id or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.completer()
        assert completer is not None
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        line = self.lineEdit()
        assert line is not None
        line.setPlaceholderText("type part of the name")
        line.editingFinished.connect(self.resolve)
        self.activated.connect(lambda _i: self.resolve())
        self._last: str | None = None
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        popup = self._popup()
        if popup is not None:
            PopupFocusGuard(popup, self)

    def _popup(self) -> QWidget | None:
        completer = self.completer()
        return completer.popup() if completer is not None else None

    def _focus_changed(self, old: QWidget | None, now: QWidget | None) -> None:
        """Leaving the field (also from the list of names that pops up while typing) takes the payer."""
        mine = (self, self.lineEdit(), self._popup())
        if old in mine and now not in mine and now is not None:
            self.resolve()

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002, N802 (Qt's names)
        """Tab: close the list of names first (else closing it later hands the focus back here)."""
        popup = self._popup()
        if popup is not None and popup.isVisible():
            popup.hide()
        self.resolve()
        return super().focusNextPrevChild(next)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.focusNextChild()
            return
        super().keyPressEvent(event)

    def set_payers(self, payers: list[Payer]) -> None:
        keep = self.payer_id()
        self.blockSignals(True)
        self.clear()
        for p in sorted(payers, key=lambda p: p.name.lower()):
            self.addItem(p.name, p.id)
        self.blockSignals(False)
        self.select(keep)

    def payer_id(self) -> str | None:
        if self.currentIndex() < 0 or self.currentText() != self.itemText(self.currentIndex()):
            return None
        data = self.currentData()
        return str(data) if data else None

    def select(self, payer_id: str | None) -> None:
        at = self.findData(payer_id) if payer_id else -1
        self.setCurrentIndex(at)
        if at < 0:
            self.setEditText("")
        self._announce()

    def resolve(self) -> None:
        """Take the payer whose name is typed, starts so, or contains the text (the first in the list)."""
        popup = self._popup()
        if popup is not None and popup.isVisible():
            popup.hide()
        typed = self.currentText().strip().lower()
        if not typed:
            self.setCurrentIndex(-1)
            self.setEditText("")
        else:
            names = [(i, self.itemText(i).lower()) for i in range(self.count())]
            hits = ([i for i, n in names if n == typed] or [i for i, n in names if n.startswith(typed)]
                    or [i for i, n in names if typed in n])
            if hits:
                self.setCurrentIndex(hits[0])
                self.setEditText(self.itemText(hits[0]))
        self._announce()

    def _announce(self) -> None:
        now = self.payer_id()
        set_invalid(self, bool(self.currentText().strip()) and now is None)
        if now != self._last:
            self._last = now
            self.chosen.emit(now)


# --- one service line ------------------------------------------------------------------------------------------------
class LineRow:
    """One line of a claim on the EOB: its labels and fields in a row of the claim's grid."""

    def __init__(self, panel: ClaimPanel, entry: LineEntry, n: int, grid: QGridLayout, row: int) -> None:
        self.panel = panel
        self.entry = entry
        host = panel
        self.number = QLabel(str(n), host)
        self.number.setProperty("role", "lineNumber")
        self.code = QLabel(entry.code, host)
        self.code.setToolTip(f"Date of service {date_text(entry.date_of_service)}; this payer owes "
                             f"{money(entry.owed)} of {money(entry.billed)}")
        self.billed = QLabel(money(entry.billed), host)
        self.billed.setProperty("role", "amount")
        self.billed.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.edits: dict[str, QLineEdit] = {}
        for name in EDIT_FIELDS:
            edit = QLineEdit(host)
            edit.setObjectName(f"claim{panel.index + 1}Line{n}{name.title()}Edit")
            edit.setAccessibleName(f"Claim {entry_number(panel)} line {n} {FIELD_WORDS[name].split(':')[0]}")
            edit.setToolTip(FIELD_WORDS[name].capitalize())
            if name in ("other", "remarks"):
                edit.setMaxLength(120)
            else:
                prepare_money_edit(edit, "")
            self.edits[name] = edit
        self.patient = QLabel(host)
        self.patient.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.patient.setToolTip("The patient's share on this line (PR adjustments)")
        self.status = QLabel(host)
        self.status.setProperty("role", "lineStatus")
        self.status.setMinimumWidth(80)
        cells: dict[str, QWidget] = {"number": self.number, "code": self.code, "billed": self.billed,
                                     "patient": self.patient, "status": self.status, **self.edits}
        for column, (name, _header, width) in enumerate(LINE_COLUMNS):
            widget = cells[name]
            if width:
                widget.setFixedWidth(width)
            grid.addWidget(widget, row, column)
        for name, edit in self.edits.items():
            edit.setText(getattr(entry, name))
            edit.textEdited.connect(lambda text, name=name: self._edited(name, text))
        for name in ("other", "remarks"):
            self.edits[name].setToolTip(FIELD_WORDS[name].capitalize() + CODE_TIPS[name])
        form = panel.form
        self.cells: dict[str, CodeCell] = {
            "other": reason_cell(self.edits["other"], form.runner, form.ws,
                                 lambda: self._edited("other", self.edits["other"].text())),
            "remarks": remark_cell(self.edits["remarks"], form.runner, form.ws,
                                   lambda: self._edited("remarks", self.edits["remarks"].text())),
        }
        self.show_contractual()

    def _edited(self, name: str, text: str) -> None:
        setattr(self.entry, name, text)
        if name == "contractual":
            self.entry.contractual_typed = bool(text.strip())
            set_state(self.edits["contractual"], "" if self.entry.contractual_typed else "auto")
        set_invalid(self.edits[name], False)
        if name == "allowed":
            self.show_contractual()
        self.panel.form.changed()

    def show_contractual(self) -> None:
        """Billed minus allowed, until the biller types another amount."""
        edit = self.edits["contractual"]
        if not self.entry.contractual_typed:
            edit.setText(self.entry.contractual_text())
            set_state(edit, "auto")

    def field_edits(self) -> list[QLineEdit]:
        return [self.edits[name] for name in EDIT_FIELDS]

    def takes_enter(self, edit: QLineEdit) -> bool:
        """Enter in a code cell whose list is open picks the code (it does not move to the next line)."""
        return any(cell.edit is edit and cell.takes_enter() for cell in self.cells.values())

    def refresh(self, meanings: Meanings | None = None) -> None:
        meanings = meanings if meanings is not None else self.panel.form.meanings
        for name in ("other", "remarks"):
            known = self.entry.described(meanings, name)
            tip = FIELD_WORDS[name].capitalize() + CODE_TIPS[name]
            self.edits[name].setToolTip("\n".join([*known, "", tip]) if known else tip)
            set_state(self.edits[name], "warn" if self.entry.unknown(meanings, name) else "")
        unknown = self.entry.unknown(meanings)
        read, problem = self.entry.preview()
        if read is None:
            self.patient.setText("")
            self._status(problem, "bad")
            return
        self.patient.setText(money(read.patient_responsibility) if read.patient_responsibility else "")
        if unknown and not read.unexplained:
            self._status(f"? {', '.join(unknown)}", "warn",
                         f"Not a code this workstation knows: {', '.join(unknown)}. Check the EOB (the line "
                         f"{'adds up' if not read.denied else 'is denied'}); a manager imports the official CARC and "
                         "RARC lists in Reference data > Code sets.")
        elif read.unexplained:
            self._status(f"{money(abs(read.unexplained))} {'unexplained' if read.unexplained > 0 else 'too much'}",
                         "bad", f"Billed {money(read.billed)} minus paid {money(read.paid)} minus the adjustments "
                                f"leaves {money(read.unexplained)}: add or correct an adjustment.")
        elif read.denied:
            self._status("denied", "denied", "Nothing paid: the line goes to the denials queue")
        elif not any(e.text().strip() for e in self.field_edits() if e is not self.edits["contractual"]):
            self._status("", "")
        else:
            self._status("✓ adds up", "")

    def _status(self, text: str, state: str, tip: str = "") -> None:
        self.status.setToolTip(tip or text)
        width = max(self.status.width(), 80)
        self.status.setText(self.status.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width))
        set_state(self.status, state)


def entry_number(panel: ClaimPanel) -> str:
    return panel.entry.claim_number


# --- one claim -------------------------------------------------------------------------------------------------------
class ClaimPanel(QFrame):
    def __init__(self, form: EobEntry, entry: ClaimEntry, index: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.form = form
        self.entry = entry
        self.index = index
        self.setProperty("role", "claimPanel")
        self.setObjectName(f"claimPanel{index + 1}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        self.title = QLabel(self)
        self.title.setProperty("role", "claimTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # a long name: clipped
        self.figures = QLabel(self)
        self.figures.setObjectName(f"claim{index + 1}Figures")
        self.figures.setProperty("role", "claimFigures")
        self.figures.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        head = QHBoxLayout()
        head.setSpacing(12)
        head.addWidget(self.title, 1)
        head.addWidget(self.figures)
        layout.addLayout(head)

        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(3)
        for column, (name, header, width) in enumerate(LINE_COLUMNS):
            label = QLabel(header, self)
            label.setProperty("role", "columnHeader")
            if width:
                label.setFixedWidth(width)
            if name in ("billed", "allowed", "paid", "deductible", "coinsurance", "copay", "contractual", "patient"):
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if name in FIELD_WORDS:
                label.setToolTip(FIELD_WORDS[name].capitalize())
            grid.addWidget(label, 0, column)
        grid.setColumnStretch(len(LINE_COLUMNS) - 1, 1)
        self.rows = [LineRow(self, line, n, grid, n) for n, line in enumerate(entry.lines, start=1)]
        layout.addLayout(grid)

        bottom = QHBoxLayout()
        bottom.setSpacing(6)
        ref_label = QLabel("Payer's claim no.:", self)
        bottom.addWidget(ref_label)
        self.reference = QLineEdit(self)
        self.reference.setObjectName(f"claim{index + 1}ReferenceEdit")
        self.reference.setAccessibleName(f"Claim {entry.claim_number}: the payer's claim number")
        self.reference.setPlaceholderText("optional (ICN)")
        self.reference.setMaxLength(50)
        self.reference.setFixedWidth(150)
        self.reference.setText(entry.payer_claim_reference)
        self.reference.textEdited.connect(self._reference_edited)
        bottom.addWidget(self.reference)
        bottom.addSpacing(10)
        adj_label = QLabel("Claim adjustments:", self)
        adj_label.setToolTip(CLAIM_ADJUSTMENTS_TIP)
        bottom.addWidget(adj_label)
        self.claim_adjustments = QLineEdit(self)
        self.claim_adjustments.setObjectName(f"claim{index + 1}ClaimAdjustmentsEdit")
        self.claim_adjustments.setAccessibleName(f"Claim {entry.claim_number}: claim-level adjustments")
        self.claim_adjustments.setPlaceholderText("not on a line: CO-253 1.28")
        self.claim_adjustments.setToolTip(CLAIM_ADJUSTMENTS_TIP)
        self.claim_adjustments.setMaxLength(120)
        self.claim_adjustments.setFixedWidth(230)
        self.claim_adjustments.setText(entry.claim_adjustments)
        self.claim_adjustments.textEdited.connect(self._claim_adjustments_edited)
        self.claim_cell = reason_cell(self.claim_adjustments, form.runner, form.ws,
                                      lambda: self._claim_adjustments_edited(self.claim_adjustments.text()))
        bottom.addWidget(self.claim_adjustments)
        bottom.addSpacing(10)
        bottom.addWidget(QLabel("Next step:", self))
        self.step = QComboBox(self)
        self.step.setObjectName(f"claim{index + 1}StepCombo")
        self.step.setAccessibleName(f"Claim {entry.claim_number}: next step")
        for s in entry.steps():
            self.step.addItem(step_words(s, entry.next_payer_name), s.value)
        self.step.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.step.activated.connect(self._step_chosen)
        bottom.addWidget(self.step)
        self.step_hint = QLabel(self)
        self.step_hint.setProperty("role", "claimFigures")
        bottom.addWidget(self.step_hint)
        bottom.addStretch(1)
        layout.addLayout(bottom)
        self._set_title()
        self.refresh()

    def _set_title(self) -> None:
        e = self.entry
        then = f" · then {e.next_payer_name}" if e.next_payer_name else ""
        text = (f"{self.index + 1}. Claim {e.claim_number} · {e.patient_name} · "
                f"DOS {date_text(e.date_of_service) or 'not set'} · {e.payer_name} ({e.rank}){then}")
        self.title.setText(text)
        self.title.setToolTip(text)

    def set_index(self, index: int) -> None:
        self.index = index
        self.setObjectName(f"claimPanel{index + 1}")
        self._set_title()

    def _reference_edited(self, text: str) -> None:
        self.entry.payer_claim_reference = text
        self.form.changed()

    def _claim_adjustments_edited(self, text: str) -> None:
        self.entry.claim_adjustments = text
        set_invalid(self.claim_adjustments, False)
        self.form.changed()

    def code_cells(self) -> list[CodeCell]:
        return [cell for row in self.rows for cell in row.cells.values()] + [self.claim_cell]

    def _step_chosen(self, at: int) -> None:
        chosen = NextStep(str(self.step.itemData(at)))
        self.entry.chosen_step = None if chosen is self.entry.default_step() else chosen
        set_invalid(self.step, False)
        self.form.changed()

    def widgets(self) -> list[QWidget]:
        """In tab order."""
        out: list[QWidget] = []
        for row in self.rows:
            out += row.field_edits()
        return [*out, self.reference, self.claim_adjustments, self.step]

    def contains(self, widget: QWidget | None) -> bool:
        return widget is not None and (widget is self or self.isAncestorOf(widget))

    def refresh(self) -> None:
        for row in self.rows:
            row.refresh()
        e = self.entry
        step = e.next_step()
        at = self.step.findData(step.value)
        if at >= 0 and at != self.step.currentIndex():
            self.step.blockSignals(True)
            self.step.setCurrentIndex(at)
            self.step.blockSignals(False)
        self.step_hint.setText("(proposed)" if e.chosen_step is None else "(chosen)")
        read = [line for line, _ in (r.entry.preview() for r in self.rows) if line]
        claim_level, problem = e.claim_adjustments_preview()
        meanings = self.form.meanings
        known = e.described(meanings)
        unknown = e.unknown(meanings)
        self.claim_adjustments.setToolTip("\n".join([*known, "", CLAIM_ADJUSTMENTS_TIP]) if known
                                          else CLAIM_ADJUSTMENTS_TIP)
        set_state(self.claim_adjustments, "warn" if unknown else "")
        paid = sum(line.paid for line in read)
        patient = sum(line.patient_responsibility for line in read)
        patient += sum(a.amount for a in claim_level if a.group == "PR")
        down = sum(line.write_down for line in read if not line.denied)
        down += sum(a.amount for a in claim_level if a.group != "PR")
        denied = sum(1 for line in read if line.denied)
        net = paid - sum(a.amount for a in claim_level)
        parts = [f"paid {money(net)}"]  # what the check pays for the claim
        tip = ""
        if claim_level:
            tip = (f"The lines pay {money(paid)}; the claim-level adjustments ({adjustments_text(claim_level)}) "
                   f"leave {money(net)} paid for the claim.")
        if down:
            parts.append(f"adjusted {money(down)}")
        if patient:
            parts.append(f"patient {money(patient)}")
        if denied:
            parts.append(f"{denied} line{'s' if denied != 1 else ''} denied")
        if problem:
            parts = [f"Claim adjustments: {problem.split(': ', 1)[-1]}"]
        elif unknown:
            parts.append(f"? {', '.join(unknown)}")
        text = " · ".join(parts)
        self.figures.setToolTip(f"{text}\n{tip}" if tip else text)
        self.figures.setText(self.figures.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, 620))
        set_state(self.figures, "bad" if problem else "warn" if unknown else "")


# --- the form --------------------------------------------------------------------------------------------------------
class EobEntry(QWidget):
    posted = Signal(object)  # PostedBatch
    status_message = Signal(str)

    def __init__(self, runner: OpRunner, ws: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eobEntry")
        self.setStyleSheet(EOB_STYLE)
        self.runner = runner
        self.ws = ws
        self.entry = BatchEntry()
        self.panels: list[ClaimPanel] = []
        self.review: Review = self.entry.review()
        self.last_posted: PostedBatch | None = None
        self.last_preview: BatchPreview | None = None
        self.last_refusal = ""
        self.busy = False
        self.dialog: object | None = None  # the question or warning up (for tests and screenshots)
        self._search_seq = 0
        self._add_when_one = 0
        self._list_seq = 0
        self.payers: list[Payer] = []
        self.meanings: dict[tuple[str, str], str | None] = {}  # codes looked up: description, or None (unknown)
        self._asked: set[tuple[str, str]] = set()

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 4, 0, 0)
        outer.setSpacing(6)

        # the header: one check or EFT
        header = QGridLayout()
        header.setHorizontalSpacing(8)
        header.setVerticalSpacing(4)
        self.payer = PayerPicker(self)
        self.payer.setObjectName("payerPicker")
        self.payer.setMinimumWidth(250)
        self.method = QComboBox(self)
        self.method.setObjectName("methodCombo")
        for m, words in METHOD_WORDS.items():
            self.method.addItem(words, m.value)
        self.reference = QLineEdit(self)
        self.reference.setObjectName("referenceEdit")
        self.reference.setMaxLength(50)
        self.reference.setPlaceholderText("check no. or EFT trace")
        self.check_date = QLineEdit(self)
        self.check_date.setObjectName("checkDateEdit")
        prepare_date_edit(self.check_date)
        self.deposit_date = QLineEdit(self)
        self.deposit_date.setObjectName("depositDateEdit")
        prepare_date_edit(self.deposit_date)
        self.deposit_date.setPlaceholderText("MM/DD/YYYY (optional)")
        self.amount = QLineEdit(self)
        self.amount.setObjectName("amountEdit")
        prepare_money_edit(self.amount)
        for edit, width in ((self.reference, 170), (self.check_date, 110), (self.deposit_date, 170),
                            (self.amount, 110)):
            edit.setMinimumWidth(width)
        top: tuple[tuple[str, QWidget], ...] = (("Pa&yer:", self.payer), ("&Method:", self.method),
                                                 ("Check/trace &no.:", self.reference))
        for col, (text, widget) in enumerate(top):
            label = QLabel(text, self)
            label.setBuddy(widget)
            header.addWidget(label, 0, col * 2)
            header.addWidget(widget, 0, col * 2 + 1)
        second: tuple[tuple[str, QWidget], ...] = (("Check &date:", self.check_date),
                                                    ("De&posit date:", self.deposit_date), ("&Amount:", self.amount))
        for col, (text, widget) in enumerate(second):
            label = QLabel(text, self)
            label.setBuddy(widget)
            header.addWidget(label, 1, col * 2)
            header.addWidget(widget, 1, col * 2 + 1, alignment=Qt.AlignmentFlag.AlignLeft)
        header.setColumnStretch(6, 1)
        header.addWidget(QWidget(self), 0, 6)
        outer.addLayout(header)

        # finding claims
        find = QHBoxLayout()
        find_label = QLabel("Find cla&im:", self)
        find_label.setProperty("role", "section")
        self.search = QLineEdit(self)
        self.search.setObjectName("claimSearchEdit")
        self.search.setPlaceholderText("claim number, patient name or date of service, then Enter (Enter alone: all "
                                       "of the payer's open claims)")
        self.search.setClearButtonEnabled(True)
        find_label.setBuddy(self.search)
        find.addWidget(find_label)
        find.addWidget(self.search, 1)
        self.search_note = QLabel(self)
        self.search_note.setObjectName("searchNote")
        find.addWidget(self.search_note)
        outer.addLayout(find)
        self.hint = QLabel("Leave Allowed empty on a denied line. Other adjustments: group, reason, amount "
                           "(CO-16 125.00; OA-23 5.00); after the group, a code or a word lists the reason codes. "
                           "Remarks: N290 M15. Enter: next line · Ctrl+J: claim adjustments · Alt+L: PLB · Ctrl+D: "
                           "remove a claim · Ctrl+Enter: post.", self)
        self.hint.setObjectName("entryHint")
        self.hint.setProperty("role", "codeDescription")
        self.hint.setWordWrap(True)
        self.results: RowsModel[PostableClaim] = RowsModel([
            Column("Claim", lambda c: c.claim_number, width=100),
            Column("Patient", lambda c: c.patient_name, width=170),
            Column("Account", lambda c: c.account_number, width=100),
            Column("DOS", lambda c: date_text(c.date_of_service), width=90),
            Column("Payer", lambda c: f"{c.payer_name} ({c.party.value})", width=200),
            Column("Lines", lambda c: str(len(c.lines)), right=True, width=50),
            Column("Payer owes", lambda c: money(c.balance_cents), right=True, width=90),
            Column("Status", lambda c: "on this batch" if self.entry.has_claim(c.claim_id)
                   else STATUS_WORDS.get(c.status, str(c.status)),
                   color=lambda c: MUTED_COLOR if self.entry.has_claim(c.claim_id) else None),
        ], self)
        self.results_table = QTableView(self)
        self.results_table.setObjectName("claimResultsTable")
        prepare_table(self.results_table, self.results)
        self.results_table.setMaximumHeight(132)
        self.results_table.setVisible(False)
        outer.addWidget(self.results_table)
        outer.addWidget(self.hint)

        # the claims on the batch
        self.claims_scroll = QScrollArea(self)
        self.claims_scroll.setObjectName("claimsScroll")
        self.claims_scroll.setWidgetResizable(True)
        self.claims_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.claims_host = QWidget(self.claims_scroll)
        self.claims_layout = QVBoxLayout(self.claims_host)
        self.claims_layout.setContentsMargins(0, 0, 4, 0)
        self.claims_layout.setSpacing(8)
        self.empty_note = QLabel("No claims on this batch yet: find them above (claim number, patient or date of "
                                 "service) and press Enter to add each one with its lines.", self.claims_host)
        self.empty_note.setWordWrap(True)
        self.empty_note.setProperty("role", "codeDescription")
        self.claims_layout.addWidget(self.empty_note)
        self.claims_layout.addStretch(1)
        self.claims_scroll.setWidget(self.claims_host)
        outer.addWidget(self.claims_scroll, 1)

        # provider-level adjustments (PLB): money in the check that belongs to no claim
        self.plb = PlbPanel(runner, self.entry.provider_rows, self)
        outer.addWidget(self.plb)

        # posted: the summary of the last batch
        self.posted_frame = QFrame(self)
        self.posted_frame.setProperty("role", "posted")
        posted_layout = QHBoxLayout(self.posted_frame)
        posted_layout.setContentsMargins(10, 6, 10, 6)
        self.posted_label = QLabel(self.posted_frame)
        self.posted_label.setObjectName("postedLabel")
        self.posted_label.setWordWrap(True)
        self.posted_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        posted_layout.addWidget(self.posted_label, 1)
        self.posted_frame.setVisible(False)
        outer.addWidget(self.posted_frame)

        # the balance, what stops posting, and the buttons
        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.left_label = QLabel(self)
        self.left_label.setObjectName("leftToApplyLabel")
        self.left_label.setProperty("role", "leftToApply")
        bar.addWidget(self.left_label)
        self.applied_label = QLabel(self)
        self.applied_label.setObjectName("appliedLabel")
        bar.addWidget(self.applied_label)
        bar.addStretch(1)
        on_label = QLabel("Remainder on acc&ount:", self)
        self.on_account = QComboBox(self)
        self.on_account.setObjectName("onAccountCombo")
        self.on_account.addItem("— no —", "")
        for code, words in ON_ACCOUNT_REASONS.items():
            self.on_account.addItem(f"{words} ({code})", code)
        self.on_account.setToolTip("Put the remainder of the check on account, with the reason the EOB gives")
        on_label.setBuddy(self.on_account)
        bar.addWidget(on_label)
        bar.addWidget(self.on_account)
        outer.addLayout(bar)
        bottom = QHBoxLayout()
        bottom.setSpacing(8)
        self.problems = QLabel(self)
        self.problems.setObjectName("problemsLabel")
        self.problems.setProperty("role", "problems")
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        bottom.addWidget(self.problems, 1)
        self.remove_button = QPushButton("Remove claim", self)
        self.remove_button.setObjectName("removeClaimButton")
        self.remove_button.setToolTip("Ctrl+D: take the claim the cursor is in off the batch (in a PLB row: empty "
                                      "the row)")
        self.new_button = QPushButton("New batch", self)
        self.new_button.setObjectName("newBatchButton")
        self.new_button.setToolTip("Ctrl+N: clear the form for the next check")
        self.post_button = QPushButton("Post batch", self)
        self.post_button.setObjectName("postButton")
        self.post_button.setToolTip("Ctrl+Enter: post the batch (it must balance)")
        self.post_button.setProperty("role", "primary")
        for button in (self.remove_button, self.new_button, self.post_button):
            button.setMinimumWidth(button.sizeHint().width() + 16)
            bottom.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(bottom)

        # wiring
        self.payer.chosen.connect(self._payer_chosen)
        self.method.currentIndexChanged.connect(self._header_edited)
        for edit in (self.reference, self.check_date, self.deposit_date, self.amount):
            edit.textEdited.connect(self._header_edited)
        self.on_account.currentIndexChanged.connect(self._header_edited)
        self.plb.edited.connect(self.changed)
        self.plb.rows_changed.connect(self._retab)
        self.plb.left.connect(self._plb_left)
        self.lookup = Debouncer(self._look_up_codes, delay_ms=300, parent=self, alive=runner.is_running)
        header_chain: list[QWidget] = [self.payer, self.method, self.reference, self.check_date, self.deposit_date]
        for first, then in zip(header_chain, [*header_chain[1:], self.amount], strict=True):
            if isinstance(first, QLineEdit):
                first.returnPressed.connect(lambda then=then: then.setFocus())
        self.method.installEventFilter(self)
        self.amount.returnPressed.connect(self.search.setFocus)
        self.debounce = Debouncer(self.search_now, delay_ms=250, parent=self, alive=runner.is_running)
        self.search.textEdited.connect(lambda _t: self.debounce.poke())
        self.search.returnPressed.connect(self._search_entered)
        self.search.installEventFilter(self)
        self.results_table.activated.connect(lambda index: self.add_result(index.row()))
        self.results_table.installEventFilter(self)
        self.remove_button.clicked.connect(self.remove_current_claim)
        self.new_button.clicked.connect(self.new_batch)
        self.post_button.clicked.connect(self.post)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut(self, keys, self.post)
        shortcut(self, "Ctrl+D", self.remove_current_claim)
        shortcut(self, "Ctrl+N", self.new_batch)
        shortcut(self, "Ctrl+J", self.to_claim_adjustments)
        self.changed()
        self._retab()

    # --- loading -------------------------------------------------------------------------------------------
    def set_payers(self, payers: list[Payer]) -> None:
        self.payers = list(payers)
        self.payer.set_payers(self.payers)

    def focus_first(self) -> None:
        if not self.entry.payer_id:
            self.payer.setFocus()
        elif not self.entry.claims:
            self.search.setFocus()
        else:
            self.panels[-1].rows[0].edits["allowed"].setFocus()

    # --- the header -----------------------------------------------------------------------------------------
    def _payer_chosen(self, payer_id: str | None) -> None:
        self.entry.payer_id = payer_id or ""
        self.entry.payer_name = self.payer.currentText() if payer_id else ""
        self.changed()

    def _header_edited(self, *_: object) -> None:
        e = self.entry
        e.method = PaymentMethod(str(self.method.currentData()))
        e.reference = self.reference.text()
        e.check_date = self.check_date.text()
        e.deposit_date = self.deposit_date.text()
        e.amount = self.amount.text()
        e.on_account_reason = str(self.on_account.currentData() or "")
        for w in (self.reference, self.check_date, self.deposit_date, self.amount, self.on_account):
            set_invalid(w, False)
        self.changed()

    # --- finding and adding claims ---------------------------------------------------------------------------
    def search_now(self, *, everything: bool = False) -> None:
        """Claims matching the search text (`everything`: with no text, every open claim of the payer)."""
        self.debounce.cancel()
        text = self.search.text().strip()
        self._search_seq += 1
        seq = self._search_seq
        if not text and not (everything and self.entry.payer_id):
            self.results.set_rows([])
            self.results_table.setVisible(False)
            self.search_note.setText("")
            return
        self.runner.run(posting.find_claims_for_posting, self.ws, text, self.entry.payer_id or None,
                        success=lambda hits: self._found(seq, hits), failure=lambda exc: self._not_found(seq, exc),
                        quiet=True, label="Finding claims…")

    def _search_entered(self) -> None:
        """Enter: search now; one claim found is added at once. Enter with no text lists the payer's open claims."""
        self.search_now(everything=True)
        self._add_when_one = self._search_seq if self.search.text().strip() else 0
        if not self.search.text().strip():
            self._list_seq = self._search_seq

    def _found(self, seq: int, hits: list[PostableClaim]) -> None:
        if seq != self._search_seq:
            return
        self.results.set_rows(hits)
        self.results_table.setVisible(bool(hits))
        whose = f" billed to {self.entry.payer_name}" if self.entry.payer_id else ""
        self.search_note.setText(f"{len(hits)} claim{'s' if len(hits) != 1 else ''}{whose}" if hits
                                 else f"No claim{whose} found.")
        entered = self._add_when_one == seq
        self._add_when_one = 0
        if self._list_seq == seq and hits:  # Enter on an empty search: into the list
            self._list_seq = 0
            self.results_table.setFocus()
            self.results_table.selectRow(0)
            return
        if not entered or not hits:
            return
        fresh = [i for i, c in enumerate(hits) if not self.entry.has_claim(c.claim_id)]
        if len(hits) == 1 and fresh:
            self.add_result(0)
        else:
            self.results_table.setFocus()
            self.results_table.selectRow(fresh[0] if fresh else 0)

    def _not_found(self, seq: int, exc: Exception) -> None:
        if seq == self._search_seq:
            self.results.set_rows([])
            self.results_table.setVisible(False)
            self.search_note.setText(error_text(exc))

    def add_result(self, row: int) -> None:
        claim = self.results.row_at(row)
        if claim is None:
            return
        if self.entry.has_claim(claim.claim_id):
            self.say(f"Claim {claim.claim_number} is on this batch already.")
            self._focus_claim(next(p for p in self.panels if p.entry.claim_id == claim.claim_id))
            return
        if self.entry.payer_id and claim.payer_id != self.entry.payer_id:
            self.say(f"Claim {claim.claim_number} is billed to {claim.payer_name}, not {self.entry.payer_name}: "
                     "it belongs on that payer's check.")
            return
        if not self.entry.payer_id:
            self.payer.select(claim.payer_id)
        self.add_claim(claim_entry(claim))
        self.search.clear()
        self.results.set_rows([])
        self.results_table.setVisible(False)
        self.search_note.setText(f"Added claim {claim.claim_number}.")

    def add_claim(self, entry: ClaimEntry) -> ClaimPanel:
        self.posted_frame.setVisible(False)
        self.entry.claims.append(entry)
        panel = ClaimPanel(self, entry, len(self.panels), self.claims_host)
        self.panels.append(panel)
        self.claims_layout.insertWidget(self.claims_layout.count() - 1, panel)
        panel.setVisible(True)
        self.empty_note.setVisible(False)
        self._wire(panel)
        self._retab()
        self.changed()
        self._focus_claim(panel)
        return panel

    def _wire(self, panel: ClaimPanel) -> None:
        for r, row in enumerate(panel.rows):
            for edit in row.field_edits():
                edit.returnPressed.connect(lambda panel=panel, r=r, edit=edit: self._line_enter(panel, r, edit))
        panel.reference.returnPressed.connect(lambda panel=panel: self._after_claim(panel))
        panel.claim_adjustments.returnPressed.connect(lambda panel=panel: self._claim_adjustments_enter(panel))

    def _focus_claim(self, panel: ClaimPanel) -> None:
        target = panel.rows[0].edits["allowed"] if panel.rows else panel.reference
        self.claims_scroll.ensureWidgetVisible(panel)
        target.setFocus()
        target.selectAll()

    def _line_enter(self, panel: ClaimPanel, r: int, edit: QLineEdit | None = None) -> None:
        """Enter in a line: the next line; after a claim's last line, the next claim or the claim search."""
        if edit is not None and r < len(panel.rows) and panel.rows[r].takes_enter(edit):
            return  # the code list took it
        if r + 1 < len(panel.rows):
            target = panel.rows[r + 1].edits["allowed"]
            self.claims_scroll.ensureWidgetVisible(target)
            target.setFocus()
            target.selectAll()
            return
        self._after_claim(panel)

    def _claim_adjustments_enter(self, panel: ClaimPanel) -> None:
        if not panel.claim_cell.takes_enter():
            self._after_claim(panel)

    def to_claim_adjustments(self) -> None:
        """Ctrl+J: the claim-level adjustments of the claim the cursor is in (else of the last claim)."""
        panel = self.current_panel() or (self.panels[-1] if self.panels else None)
        if panel is None:
            self.say("Add a claim first: its claim-level adjustments are typed under its lines.")
            return
        self.claims_scroll.ensureWidgetVisible(panel.claim_adjustments)
        panel.claim_adjustments.setFocus()
        panel.claim_adjustments.end(False)

    def _plb_left(self) -> None:
        """Enter on the empty last PLB row: to Post when the batch may post, else back to the claim search."""
        if self.post_button.isEnabled():
            self.post_button.setFocus()
        else:
            self.search.setFocus()

    def _after_claim(self, panel: ClaimPanel) -> None:
        at = self.panels.index(panel) if panel in self.panels else -1
        if 0 <= at < len(self.panels) - 1:
            self._focus_claim(self.panels[at + 1])
        else:
            self.search.setFocus()

    def current_panel(self) -> ClaimPanel | None:
        focus = QApplication.focusWidget()
        return next((p for p in self.panels if p.contains(focus)), None)

    def remove_current_claim(self) -> None:
        row = self.plb.row_of(QApplication.focusWidget())
        if row is not None:
            self.plb.empty_row(row)
            return
        panel = self.current_panel()
        if panel is None:
            self.say("Put the cursor in the claim to take off the batch, then Ctrl+D.")
            return
        number = panel.entry.claim_number
        self.dialog = ask(self, "Remove the claim", f"Take claim {number} off this batch?", "Remove claim",
                          lambda: self.remove_claim(panel), "What was typed for it is dropped; nothing was posted.")

    def remove_claim(self, panel: ClaimPanel) -> None:
        if panel not in self.panels:
            return
        at = self.panels.index(panel)
        for cell in panel.code_cells():
            cell.stop()
        self.panels.remove(panel)
        self.entry.claims.remove(panel.entry)
        self.claims_layout.removeWidget(panel)
        panel.hide()
        panel.deleteLater()
        for i, other in enumerate(self.panels):
            other.set_index(i)
        self.empty_note.setVisible(not self.panels)
        self._retab()
        self.changed()
        self.say(f"Claim {panel.entry.claim_number} is off the batch.")
        if self.panels:
            self._focus_claim(self.panels[min(at, len(self.panels) - 1)])
        else:
            self.search.setFocus()

    def _retab(self) -> None:
        chain: list[QWidget] = [self.payer, self.method, self.reference, self.check_date, self.deposit_date,
                                self.amount, self.search, self.results_table]
        for panel in self.panels:
            chain += panel.widgets()
        chain += [*self.plb.widgets(), self.on_account, self.remove_button, self.new_button, self.post_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if watched is self.search and key == Qt.Key.Key_Down and self.results.rows:
                self.results_table.setFocus()
                if not self.results_table.selectionModel().hasSelection():
                    self.results_table.selectRow(0)
                return True
            if watched is self.results_table and key == Qt.Key.Key_Escape:
                self.search.setFocus()
                return True
            if watched is self.method and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                    and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                self.reference.setFocus()
                return True
        return super().eventFilter(watched, event)

    # --- the running figures ----------------------------------------------------------------------------------
    def changed(self) -> None:
        """Something was typed: the lines, the claims, left to apply and what stops posting."""
        for panel in self.panels:
            panel.refresh()
        self.plb.refresh()
        self.review = review = self.entry.review(self.meanings)
        if self.entry.typed_codes() - self._asked:
            self.lookup.poke()
        left = review.left_to_apply
        blank = self.is_blank()
        if left is None:
            self.left_label.setText("Left to apply: enter the check amount")
            set_state(self.left_label, "idle" if blank else "bad")
        else:
            self.left_label.setText(f"Left to apply {format_cents(left)}")
            set_state(self.left_label, "bad" if left else "")
        amount = self.entry.check_amount()
        applied = f"Applied {format_cents(review.applied)}" + (f" of {format_cents(amount)}" if amount is not None
                                                               else "")
        if review.plb:
            applied += f" · PLB {'+' if review.plb > 0 else '−'}{format_cents(abs(review.plb))}"
        if review.on_account:
            applied += f" · on account {format_cents(review.on_account)}"
        self.applied_label.setText(applied)
        self.post_button.setEnabled(review.ready and not self.busy)
        self.remove_button.setEnabled(bool(self.panels))
        warned = [f"Check: {w.message}" for w in review.warnings[:2]]
        if len(review.warnings) > 2:
            warned.append(f"…and {len(review.warnings) - 2} more codes to check.")
        if review.ready:
            n = len(self.entry.claims)
            self.problems.setText("\n".join([f"The batch balances: {n} claim{'s' if n != 1 else ''}. Ctrl+Enter "
                                             "posts it.", *warned]))
            set_state(self.problems, "" if warned else "ok")
        elif blank:
            self.problems.setText("A new batch: choose the payer, then the check's number, date and amount.")
            set_state(self.problems, "idle")
        else:
            shown = review.problems[:4]
            more = len(review.problems) - len(shown)
            self.problems.setText("\n".join([*(p.message for p in shown), *([f"…and {more} more."] if more else []),
                                             *warned[:max(0, 5 - len(shown))]]))
            set_state(self.problems, "")

    # --- the codes typed: known or not -----------------------------------------------------------------------
    def _look_up_codes(self) -> None:
        """Ask the database about the CARC and RARC typed that were not asked about yet."""
        wanted = self.entry.typed_codes() - self._asked
        if not wanted:
            return
        if any(cell.completer.popup_visible() for panel in self.panels for cell in panel.code_cells()):
            self.lookup.poke()  # a code is being typed (N29 on the way to N290): ask once the list is closed
            return
        self._asked |= wanted
        carcs = [code for kind, code in wanted if kind == CARC]
        rarcs = [code for kind, code in wanted if kind == RARC]
        self.runner.run(remit_codes.describe, self.ws, carcs, rarcs,
                        success=lambda found: self._looked_up(wanted, found),
                        failure=lambda _exc: self._asked.difference_update(wanted), quiet=True,
                        label="Looking up the codes…")

    def _looked_up(self, wanted: set[tuple[str, str]], found: remit_codes.CodeMeanings) -> None:
        for kind, code in wanted:
            self.meanings[(kind, code)] = (found.carc if kind == CARC else found.rarc).get(code)
        self.changed()

    def is_blank(self) -> bool:
        """Nothing typed yet (a new batch): no red before the biller starts."""
        e = self.entry
        return not (e.payer_id or e.claims or e.reference.strip() or e.check_date.strip() or e.amount.strip()
                    or e.plb_rows())

    def say(self, text: str) -> None:
        self.search_note.setText(text)
        self.status_message.emit(text)

    # --- fields named by a problem ------------------------------------------------------------------------------
    def widget_for(self, path: str) -> QWidget | None:
        header = {"header.payer": self.payer, "header.reference": self.reference,
                  "header.check_date": self.check_date, "header.deposit_date": self.deposit_date,
                  "header.amount": self.amount, "header.on_account": self.on_account}
        if path in header:
            return header[path]
        plb = _PLB_PATH.match(path)
        if plb is not None:
            return self.plb.widget_for(int(plb[1]), plb[2])
        m = _PATH.match(path)
        if m is None or int(m[1]) >= len(self.panels):
            return None
        panel = self.panels[int(m[1])]
        if m[2] is None:
            return {"next_step": panel.step, "payer_claim_reference": panel.reference,
                    "claim_adjustments": panel.claim_adjustments}.get(m[3])
        r = int(m[2])
        return panel.rows[r].edits.get(m[3]) if r < len(panel.rows) else None

    def show_problem(self, path: str) -> None:
        widget = self.widget_for(path)
        if widget is None:
            return
        set_invalid(widget, True)
        self.claims_scroll.ensureWidgetVisible(widget)
        widget.setFocus()
        if isinstance(widget, QLineEdit):
            widget.selectAll()
        for panel in self.panels:  # a code list left open would take the keys typed to fix the field
            for cell in panel.code_cells():
                cell.completer.hide()

    # --- posting ------------------------------------------------------------------------------------------------
    def post(self) -> None:
        """Ctrl+Enter: a dry run, the confirmation, then the batch is posted (all of it or nothing)."""
        if self.busy:
            return
        self.changed()
        review = self.review
        if not review.ready or review.batch is None:
            first = review.problems[0] if review.problems else None
            self.say("Not posted: " + (first.message if first else "the batch does not balance."))
            if first is not None and first.field:
                self.show_problem(first.field)
            return
        self._set_busy(True)
        self.runner.run(posting.preview_batch, self.ws, review.batch,
                        success=lambda preview: self._previewed(review, preview),
                        failure=self.refused, finished=lambda: self._set_busy(False),
                        label="Checking the batch…", parent=self)

    def _previewed(self, review: Review, preview: BatchPreview) -> None:
        self.last_preview = preview
        if preview.problems:
            self.problems.setText("\n".join(preview.problems))
            set_state(self.problems, "")
            self.say("Not posted: " + preview.problems[0])
            self.dialog = message_box(self, QMessageBox.Icon.Warning, "Not posted", preview.problems[0],
                                      "\n".join(preview.problems[1:]))
            return
        n = len(preview.claims)
        box = ask(self, "Post the batch", f"Post {n} claim{'s' if n != 1 else ''} from this check?",
                  "Post batch", lambda: self._post_now(review), preview_text(preview, self.entry, review))
        grid = box.layout() if isinstance(box, QMessageBox) else None
        if isinstance(grid, QGridLayout):  # wide enough that a claim's effect reads on one or two lines
            grid.addItem(QSpacerItem(560, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding),
                         grid.rowCount(), 0, 1, grid.columnCount())
        self.dialog = box

    def _post_now(self, review: Review) -> None:
        if review.batch is None or review is not self.review:
            self.say("The batch changed while you were asked; press Ctrl+Enter again.")
            return
        batch = review.batch
        self._set_busy(True)
        self.runner.run(posting.post_batch, self.ws, batch,
                        success=lambda posted: self._posted(posted, batch.amount), failure=self.refused,
                        finished=lambda: self._set_busy(False), label="Posting the batch…", parent=self)

    def _posted(self, posted: PostedBatch, amount: int) -> None:
        self.last_posted = posted
        summary = posted_text(posted, self.entry, amount)
        self.clear()
        self.posted_label.setText(summary)
        self.posted_frame.setVisible(True)
        self.status_message.emit(summary.split(":")[0] + ".")
        self.posted.emit(posted)
        self.payer.setFocus()

    def refused(self, exc: Exception) -> None:
        self.last_refusal = error_text(exc)
        self.problems.setText(self.last_refusal)
        set_state(self.problems, "")
        self.say("Not posted: " + self.last_refusal.splitlines()[0])
        lines = self.last_refusal.splitlines()
        self.dialog = message_box(self, QMessageBox.Icon.Warning, "Not posted", lines[0], "\n".join(lines[1:]))
        field = getattr(exc, "field", None)
        if field:
            self.show_problem(str(field))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.post_button.setEnabled(self.review.ready and not busy)

    # --- a new batch --------------------------------------------------------------------------------------------
    def new_batch(self) -> None:
        if self.entry.claims:
            n = len(self.entry.claims)
            self.dialog = ask(self, "New batch", f"Drop this batch of {n} claim{'s' if n != 1 else ''}?",
                              "Drop and start again", self._start_again, "Nothing of it has been posted.")
        else:
            self._start_again()

    def _start_again(self) -> None:
        self.clear()
        self.posted_frame.setVisible(False)
        self.payer.setFocus()

    def clear(self) -> None:
        for panel in self.panels:
            for cell in panel.code_cells():
                cell.stop()
            self.claims_layout.removeWidget(panel)
            panel.hide()
            panel.deleteLater()
        self.panels = []
        self.entry = BatchEntry()
        self.payer.select(None)
        for edit in (self.reference, self.check_date, self.deposit_date, self.amount, self.search):
            edit.clear()
            set_invalid(edit, False)
        self.method.setCurrentIndex(0)
        self.on_account.setCurrentIndex(0)
        self.plb.reset(self.entry.provider_rows)
        self.results.set_rows([])
        self.results_table.setVisible(False)
        self.search_note.setText("")
        self.empty_note.setVisible(True)
        self._header_edited()
        self._retab()
