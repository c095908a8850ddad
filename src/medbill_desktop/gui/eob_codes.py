"""The code popups of the paper-EOB form: CARC in the adjustment cells, RARC in the remark cells, PLB reasons in
the provider-level rows. Each is the charge entry's `CodeCompleter` (gui/search_box.py) on a field that may hold
several codes: only the code at the cursor is searched and replaced.

Typing a code or a word offers the matching codes with their descriptions; Down/Up pick, Enter takes the code
(and a space, so the amount or the next code follows), Escape closes the list. The Enter that picks is not
also the Enter that moves to the next line: the field sees it first, while the list is still open.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from medbill_desktop.gui.eob_model import reason_span, remark_span
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.gui.search_box import CodeCompleter, Span, Suggestion
from medbill_desktop.services import remit_codes
from medbill_desktop.services.context import Workstation


def carc_suggestions(ws: Workstation, text: str) -> list[Suggestion]:
    return [Suggestion(h.code, h.description, True, "" if h.billable else "no longer in use")
            for h in remit_codes.search_reasons(ws, text)]


def rarc_suggestions(ws: Workstation, text: str) -> list[Suggestion]:
    return [Suggestion(h.code, h.description, True, "" if h.billable else "no longer in use")
            for h in remit_codes.search_remarks(ws, text)]


def plb_suggestions(text: str) -> list[Suggestion]:
    return [Suggestion(r.code, r.description, True, "adds to the check" if r.adds_to_check else "takes from the check")
            for r in remit_codes.search_plb(text)]


class CodeCell(QObject):
    """A code popup on one field. `taken(edit)` runs after a pick, once the field's text is final."""

    def __init__(self, edit: QLineEdit, runner: OpRunner, search: Callable[[str], Sequence[Suggestion]], *,
                 span: Span | None, label: str, taken: Callable[[], None], spaced: bool = True) -> None:
        super().__init__(edit)
        self.edit = edit
        self.spaced = spaced
        self.taken = taken
        self.completer = CodeCompleter(edit, runner, search, min_chars=1, label=label, span=span)
        self.completer.picked.connect(self._picked)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        """The keyboard went elsewhere (Tab, a click): the list closes (not every platform closes it)."""
        if now is not None and now is not self.edit and now is not self.completer.popup \
                and self.completer.popup_visible():
            self.completer.hide()

    def _picked(self, _chosen: Suggestion) -> None:
        text, at = self.edit.text(), self.edit.cursorPosition()
        if self.spaced and text[at:at + 1] != " ":
            text = text[:at] + " " + text[at:]
        self.edit.setText(text.upper())  # codes are shown as codes are: 'co-16' -> 'CO-16'
        self.edit.setCursorPosition(at + 1 if self.spaced else at)
        self.taken()

    def takes_enter(self) -> bool:
        """True when Enter belongs to the list (it is open on a code: the field sees the key before the list takes
        the code); else the list is closed and the Enter is the field's."""
        if self.completer.popup_visible() and self.completer.highlighted() is not None:
            return True
        self.completer.hide()
        return False

    def stop(self) -> None:
        self.completer.stop()


def reason_cell(edit: QLineEdit, runner: OpRunner, ws: Workstation, taken: Callable[[], None]) -> CodeCell:
    """CARC search after a group code: 'CO-4' lists 4, 45, 49; 'CO-dup' lists 18."""
    return CodeCell(edit, runner, lambda text: carc_suggestions(ws, text), span=reason_span,
                    label="Searching the adjustment reason codes…", taken=taken)


def remark_cell(edit: QLineEdit, runner: OpRunner, ws: Workstation, taken: Callable[[], None]) -> CodeCell:
    return CodeCell(edit, runner, lambda text: rarc_suggestions(ws, text), span=remark_span,
                    label="Searching the remark codes…", taken=taken)


def plb_cell(edit: QLineEdit, runner: OpRunner, taken: Callable[[], None]) -> CodeCell:
    return CodeCell(edit, runner, plb_suggestions, span=None, label="Searching the PLB reason codes…", taken=taken,
                    spaced=False)
