"""Add a code to a code set by hand, or reword one already there (its description and dates): the Code sets tab
of Reference data. Saved through services.practice_codes.save_code (source "practice"); what it refuses is shown
at the field the ServiceError names, and nothing is saved until everything is right.

Keyboard: Code, Description, In use from, Last day of use, then the buttons; Enter (or Ctrl+S) saves.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from medbill_desktop.domain.errors import DomainError
from medbill_desktop.gui.desk_style import apply_desk_style, shortcut
from medbill_desktop.gui.fields import FieldErrors
from medbill_desktop.gui.inputs import date_text, parse_date, prepare_code_edit, prepare_date_edit
from medbill_desktop.gui.op_dialog import OpDialog
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.services import practice_codes
from medbill_desktop.services.codes import CodeEntry, CodeListing
from medbill_desktop.services.context import Workstation


def save_code(ws: Workstation, set_name: str, code: str, description: str, long_description: str,
              effective_from: date | None, effective_to: date | None) -> CodeEntry:
    """practice_codes.save_code with its keywords (the op runner passes arguments by position)."""
    return practice_codes.save_code(ws, set_name, code, description, long_description=long_description,
                                    effective_from=effective_from, effective_to=effective_to)


class CodeDialog(OpDialog):
    """`entry` None adds a code to `set_name`; otherwise that code keeps its code and gets new wording/dates."""

    saved = Signal(object)  # the CodeEntry saved
    ok_text = "&Save code"

    def __init__(self, runner: OpRunner, ws: Workstation, set_name: str, set_label: str,
                 entry: CodeListing | None = None, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.setObjectName("CodeDialog")
        self.ws = ws
        self.set_name = set_name
        self.entry = entry
        title = f"Edit {set_label} code {entry.display_code}" if entry else f"Add a {set_label} code"
        self.setWindowTitle(title)
        self.resize(560, 330)
        apply_desk_style(self)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.setContentsMargins(20, 16, 20, 16)
        self.title_label = QLabel(title)
        self.title_label.setProperty("role", "title")
        self.hint_label = QLabel(
            "Stored as the practice's own wording and sent to the other workstations at the next sync. "
            "Leave the dates empty for a code in use now." if entry is None else
            "The new wording is the practice's own (source \"practice\"); the next file import of this set may "
            "replace it.")
        self.hint_label.setWordWrap(True)
        self.hint_label.setProperty("role", "hint")
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setProperty("role", "error")
        self.error_label.setObjectName("errorLabel")
        for label in (self.title_label, self.hint_label, self.error_label):
            layout.addWidget(label)

        group = QGroupBox(set_label)
        grid = QGridLayout(group)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(1, 1)
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("codeEdit")
        prepare_code_edit(self.code_edit, r"[A-Za-z0-9.]*", 8)
        self.code_edit.setPlaceholderText("e.g. 99459")
        self.description_edit = QLineEdit()
        self.description_edit.setObjectName("descriptionEdit")
        self.description_edit.setPlaceholderText("what the code is for, as staff read it")
        self.from_edit = QLineEdit()
        self.from_edit.setObjectName("fromEdit")
        self.to_edit = QLineEdit()
        self.to_edit.setObjectName("toEdit")
        for edit in (self.from_edit, self.to_edit):
            prepare_date_edit(edit)
            edit.setMaximumWidth(130)
        self.from_edit.setToolTip("Optional: the first day the code may be used")
        self.to_edit.setToolTip("Optional: the last day the code may be used (a code being retired)")
        for row, (text, edit) in enumerate((("&Code", self.code_edit), ("&Description", self.description_edit),
                                            ("In use &from", self.from_edit),
                                            ("&Last day of use", self.to_edit))):
            label = QLabel(text)
            label.setBuddy(edit)
            grid.addWidget(label, row, 0)
            grid.addWidget(edit, row, 1)
        layout.addWidget(group)
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        layout.addWidget(buttons)
        self._setup_buttons(buttons)
        QWidget.setTabOrder(self.code_edit, self.description_edit)
        QWidget.setTabOrder(self.description_edit, self.from_edit)
        QWidget.setTabOrder(self.from_edit, self.to_edit)
        QWidget.setTabOrder(self.to_edit, buttons)

        self.errors = FieldErrors(self.error_label, {
            "set": self.code_edit, "code": self.code_edit, "description": self.description_edit,
            "effective_from": self.from_edit, "effective_to": self.to_edit})
        shortcut(self, "Ctrl+S", self.submit)
        if entry is not None:
            self.code_edit.setText(entry.display_code)
            self.code_edit.setReadOnly(True)
            self.description_edit.setText(entry.description)
            self.from_edit.setText(date_text(entry.effective_from))
            self.to_edit.setText(date_text(entry.effective_to))
            self.description_edit.setFocus()
            self.description_edit.selectAll()
        else:
            self.code_edit.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        self.errors.clear()
        try:
            start = parse_date(self.from_edit.text(), "effective_from", "first day of use")
            stop = parse_date(self.to_edit.text(), "effective_to", "last day of use")
        except DomainError as exc:
            self.errors.show_error(exc)
            return
        long_description = self.entry.long_description if self.entry else ""
        self.set_busy(True)
        self.runner.run(save_code, self.ws, self.set_name, self.code_edit.text(), self.description_edit.text(),
                        long_description, start, stop, success=self._saved, failure=self.errors.show_error,
                        finished=lambda: self.set_busy(False), label="Saving the code…", parent=self)

    def _saved(self, entry: CodeEntry) -> None:
        self.accept()
        self.saved.emit(entry)
