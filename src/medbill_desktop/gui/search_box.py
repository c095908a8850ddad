"""Search as you type for code fields: a popup under a line edit, fed through the op runner.

`CodeCompleter` waits for typing to pause (150 ms), runs the search on the database worker as quiet work
(no busy indicator), drops answers to text that has changed since, and shows the hits in a QCompleter popup.
Down/Up pick, Enter or a click inserts the code; a heading that can't be billed inserts its code and searches
again, which lists the codes below it. A field that holds several codes ('CO-16 125.00; OA-23 5') passes `span`:
it says which part of the text, around the cursor, is searched and replaced by the pick.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QObject, QRect, Qt, Signal
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit

from medbill_desktop.gui.inputs import Debouncer
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.gui.popup_focus import PopupFocusGuard

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
# (text, cursor position) -> (start, end) of the code being typed, or None when the cursor is not in one
Span = Callable[[str, int], tuple[int, int] | None]
MAX_SUGGESTIONS = 15
POPUP_MIN_WIDTH = 520
POPUP_STYLE = ("QListView { background: #ffffff; border: 1px solid #9aa4b2; font-size: 13px; padding: 2px; }"
               "QListView::item { padding: 3px 6px; }"
               "QListView::item:selected { background: #2f5d91; color: #ffffff; }")


@dataclass(frozen=True, slots=True)
class Suggestion:
    code: str  # what goes into the field ('E11.65', '99213')
    description: str
    usable: bool = True  # False: a heading (not billable) or a code no longer in use
    note: str = ""  # shown after the description ('$125.00', 'heading: pick a code below it')

    @property
    def text(self) -> str:
        tail = f"  ({self.note})" if self.note else ""
        return f"{self.code}   {self.description}{tail}" if self.description else f"{self.code}{tail}"


class CodeCompleter(QObject):
    """Attach to a line edit; `search(text)` runs on the database worker and returns suggestions."""

    picked = Signal(object)  # Suggestion, after it was inserted
    shown = Signal(int)  # how many suggestions the popup lists (0: hidden)

    def __init__(self, edit: QLineEdit, runner: OpRunner, search: Callable[[str], Sequence[Suggestion]], *,
                 min_chars: int = 1, label: str = "Searching the codes…", span: Span | None = None) -> None:
        super().__init__(edit)
        self.span = span
        self.edit = edit
        self.runner = runner
        self.search = search
        self.min_chars = min_chars
        self.label = label
        self.model = QStandardItemModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCompletionRole(CODE_ROLE)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(10)
        self.completer.setWidget(edit)
        popup = self.completer.popup()
        assert popup is not None
        self.popup = popup
        popup.setObjectName("codePopup")
        popup.setMinimumWidth(POPUP_MIN_WIDTH)
        popup.setStyleSheet(POPUP_STYLE)  # a top-level window: the form's style sheet doesn't reach it
        self.completer.activated[QModelIndex].connect(self._activated)  # type: ignore[index]
        PopupFocusGuard(popup, edit)
        self.suggestions: list[Suggestion] = []
        self._seq = 0
        self.searches = 0  # how many searches reached the worker (for tests and tuning)
        self.debounce = Debouncer(self._search_now, parent=self, alive=runner.is_running)
        edit.textEdited.connect(self._edited)

    # --- typing ---------------------------------------------------------------------------------------
    def query(self) -> str:
        """What is searched: the whole text, or the part `span` names."""
        text = self.edit.text()
        if self.span is None:
            return text
        at = self.span(text, self.edit.cursorPosition())
        return text[at[0]:at[1]] if at is not None else ""

    def _edited(self, _text: str) -> None:
        if len(self.query().strip()) < self.min_chars:
            self.debounce.cancel()
            self._seq += 1
            self.hide()
            return
        self.debounce.poke()

    def search_now(self) -> None:
        self.debounce.cancel()
        self._search_now()

    def _search_now(self) -> None:
        text = self.edit.text()
        query = self.query()
        if len(query.strip()) < self.min_chars:
            return
        self._seq += 1
        seq = self._seq
        self.searches += 1
        self.runner.run(self.search, query, success=lambda hits: self._answered(seq, text, hits),
                        failure=lambda _exc: self._answered(seq, text, []), quiet=True, label=self.label)

    def _answered(self, seq: int, text: str, hits: Sequence[Suggestion]) -> None:
        if seq != self._seq or self.edit.text() != text or not self.edit.hasFocus() or self.edit.isReadOnly():
            return  # typed on since, or moved on: an old answer is not shown
        self.suggestions = list(hits)[:MAX_SUGGESTIONS]
        self.model.clear()
        for s in self.suggestions:
            item = QStandardItem(s.text)
            item.setData(s.code, CODE_ROLE)
            item.setToolTip(s.text)
            item.setEditable(False)
            if not s.usable:
                item.setForeground(QColor("#6b7280"))
            self.model.appendRow(item)
        if not self.suggestions:
            self.hide()
            self.shown.emit(0)
            return
        width = max(self.edit.width(), POPUP_MIN_WIDTH)
        self.completer.complete(QRect(0, 0, width, self.edit.height()))
        self.shown.emit(len(self.suggestions))

    # --- choosing -------------------------------------------------------------------------------------
    def _activated(self, index: QModelIndex) -> None:
        row = index.row()
        if not 0 <= row < len(self.suggestions):
            return
        chosen = self.suggestions[row]
        text = self.edit.text()
        at = self.span(text, self.edit.cursorPosition()) if self.span is not None else None
        if at is None:
            self.edit.setText(chosen.code)
        else:
            self.edit.setText(text[:at[0]] + chosen.code + text[at[1]:])
            self.edit.setCursorPosition(at[0] + len(chosen.code))
        self.picked.emit(chosen)
        if not chosen.usable:  # a heading: list what is below it
            self.search_now()

    def popup_visible(self) -> bool:
        return bool(self.popup.isVisible())

    def highlighted(self) -> Suggestion | None:
        index = self.popup.currentIndex()
        return self.suggestions[index.row()] if index.isValid() and index.row() < len(self.suggestions) else None

    def hide(self) -> None:
        self.popup.hide()

    def stop(self) -> None:
        """Forget what is on its way (the field is being filled by the program, or the form closes)."""
        self.debounce.cancel()
        self._seq += 1
        self.hide()
