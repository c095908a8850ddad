"""The sync inbox (File > Sync conflicts and review, Shift+F9): two lists.

- Overwritten fields: a patient's or a coverage's field that one workstation set and another then changed
  without having seen it. The later value is the one everywhere now; the list shows both, and a person keeps
  it (K) or restores the overwritten one (R) — the restore goes to the server and reaches every workstation.
- For review: what the server would not take from this workstation (a remittance another workstation had
  posted already) and what this workstation could not take from the others, in words; Dismiss (D) when seen.

Keyboard: the list has the focus; Ctrl+Tab switches lists; K, R and D act on the selected row; F5 reloads;
Escape closes. Talking to the server runs on the sync worker: the window never waits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from medbill_desktop.gui.desk_style import apply_desk_style
from medbill_desktop.gui.ops import OpRunner

if TYPE_CHECKING:
    from medbill_desktop.services.context import Workstation
    from medbill_desktop.services.syncing import Conflict, ReviewItem


def _load(ws: Workstation) -> tuple[list[Conflict] | None, str, list[ReviewItem]]:
    """On the sync worker: the open conflicts (from the server; None with the reason when it can't be reached)
    and the review list (from this workstation)."""
    from medbill_desktop.services import syncing
    from medbill_desktop.services.errors import ServiceError

    review = syncing.review_items(ws)
    if not syncing.sync_status(ws).enrolled:
        return [], "This workstation is not enrolled with a practice server.", review
    try:
        return syncing.conflicts(ws), "", review
    except ServiceError as exc:
        return None, str(exc), review


def _resolve(ws: Workstation, conflict_id: int, resolution: str) -> Any:
    from medbill_desktop.services import syncing

    return syncing.resolve_conflict(ws, conflict_id, resolution)


def _dismiss(ws: Workstation, change_id: str) -> None:
    from medbill_desktop.services import syncing

    syncing.dismiss_review_item(ws, change_id)


def _when(at: str) -> str:
    from medbill_desktop.gui.sync_status import when_text

    try:
        return when_text(at)
    except ValueError:
        return at[:16]


def _table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    table.setTabKeyNavigation(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _item(text: str, data: Any = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(text)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


class ConflictInbox(QDialog):
    changed = Signal()  # a conflict was resolved or an item dismissed

    def __init__(self, runner: OpRunner, ws: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        apply_desk_style(self)
        self.runner = runner
        self.ws = ws
        self.busy = False
        self.conflicts: list[Conflict] = []
        self.review: list[ReviewItem] = []
        self.setObjectName("conflictInbox")
        self.setWindowTitle("Sync conflicts and review")
        self.resize(940, 520)
        main = QVBoxLayout(self)
        main.setContentsMargins(20, 16, 20, 16)
        title = QLabel("Sync conflicts and review", self)
        title.setProperty("role", "title")
        main.addWidget(title)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("inboxTabs")
        main.addWidget(self.tabs, 1)

        page = QWidget(self.tabs)
        box = QVBoxLayout(page)
        hint = QLabel("Another workstation changed these fields after this value was saved, without having seen it. "
                      "The newer value is the one on every workstation now. <b>Keep</b> it, or <b>Restore</b> the "
                      "value it replaced.", page)
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        box.addWidget(hint)
        self.conflict_table = _table(page, "conflictTable", ["Record", "Field", "Now (kept)", "Overwritten value",
                                                             "When"])
        box.addWidget(self.conflict_table, 1)
        self.conflict_note = QLabel(page)
        self.conflict_note.setObjectName("conflictNote")
        self.conflict_note.setWordWrap(True)
        box.addWidget(self.conflict_note)
        row = QHBoxLayout()
        self.keep_button = QPushButton("&Keep the newer value", page)
        self.keep_button.setObjectName("keepButton")
        self.restore_button = QPushButton("&Restore the overwritten value", page)
        self.restore_button.setObjectName("restoreButton")
        row.addWidget(self.keep_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        box.addLayout(row)
        self.tabs.addTab(page, "Overwritten fields")

        page = QWidget(self.tabs)
        box = QVBoxLayout(page)
        hint = QLabel("Changes the server would not take from this workstation (a remittance another workstation "
                      "had posted: it was not posted twice), and changes from other workstations this one could "
                      "not take. Look at each, act on it where it says so, then dismiss it.", page)
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        box.addWidget(hint)
        self.review_table = _table(page, "reviewTable", ["When", "Kind", "What", "Details"])
        self.review_table.setWordWrap(False)
        box.addWidget(self.review_table, 1)
        self.review_detail = QLabel(page)
        self.review_detail.setObjectName("reviewDetail")
        self.review_detail.setWordWrap(True)
        self.review_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.review_detail.setMinimumHeight(64)
        self.review_detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        box.addWidget(self.review_detail)
        row = QHBoxLayout()
        self.dismiss_button = QPushButton("&Dismiss", page)
        self.dismiss_button.setObjectName("dismissButton")
        row.addWidget(self.dismiss_button)
        row.addStretch(1)
        box.addLayout(row)
        self.tabs.addTab(page, "For review")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.reload_button = buttons.addButton("Re&load", QDialogButtonBox.ButtonRole.ActionRole)
        self.reload_button.setObjectName("reloadButton")
        self.reload_button.clicked.connect(self.load)
        main.addWidget(buttons)

        self.keep_button.clicked.connect(lambda: self.resolve("keep"))
        self.restore_button.clicked.connect(lambda: self.resolve("restore"))
        self.dismiss_button.clicked.connect(self.dismiss)
        reload = QShortcut(QKeySequence(Qt.Key.Key_F5), self)
        reload.activated.connect(self.load)
        for table in (self.conflict_table, self.review_table):
            table.installEventFilter(self)  # K, R and D on the list itself (before its type-to-search)
        self.conflict_table.itemSelectionChanged.connect(self._enable)
        self.review_table.itemSelectionChanged.connect(self._enable)
        self.review_table.itemSelectionChanged.connect(self._show_detail)
        self._enable()
        self.load()

    # --- loading ----------------------------------------------------------------------------------------
    def load(self) -> None:
        self._set_busy(True)
        self.conflict_note.setText("Asking the practice server…")
        self.runner.run(_load, self.ws, success=self._loaded, finished=lambda: self._set_busy(False),
                        label="Reading sync conflicts", parent=self)

    def _loaded(self, result: tuple[list[Conflict] | None, str, list[ReviewItem]]) -> None:
        conflicts, problem, review = result
        self.conflicts = conflicts or []
        self.review = review
        table = self.conflict_table
        table.setRowCount(len(self.conflicts))
        for r, c in enumerate(self.conflicts):
            for col, text in enumerate((c.what, c.field_label, c.kept_text, c.overwritten_text, _when(c.at))):
                table.setItem(r, col, _item(text, c.id if col == 0 else None))
        self._fit(table, (260, 150, 170, 170))
        if conflicts is None:
            self.conflict_note.setText(f"Overwritten fields are listed when the server can be reached. {problem}")
        elif problem:
            self.conflict_note.setText(problem)
        elif not self.conflicts:
            self.conflict_note.setText("No overwritten fields: nothing to decide.")
        else:
            self.conflict_note.setText(f"{len(self.conflicts)} overwritten field(s).")
        table = self.review_table
        table.setRowCount(len(review))
        for r, i in enumerate(review):
            for col, text in enumerate((_when(i.at), i.kind, i.what, i.message)):
                table.setItem(r, col, _item(text, i.change_id if col == 0 else None))
        self._fit(table, (90, 170, 190))
        self.tabs.setTabText(0, f"Overwritten fields ({len(self.conflicts)})")
        self.tabs.setTabText(1, f"For review ({len(review)})")
        if self.conflicts:
            self.conflict_table.selectRow(0)
        if review:
            self.review_table.selectRow(0)
        self._show_detail()
        if not self.conflicts and review:
            self.tabs.setCurrentIndex(1)
        self._enable()
        (self.conflict_table if self.tabs.currentIndex() == 0 else self.review_table).setFocus()

    @staticmethod
    def _fit(table: QTableWidget, widths: tuple[int, ...]) -> None:
        header = table.horizontalHeader()
        for col, width in enumerate(widths):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            table.setColumnWidth(col, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and \
                event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
            if watched is self.conflict_table and event.key() in (Qt.Key.Key_K, Qt.Key.Key_R):
                self.resolve("keep" if event.key() == Qt.Key.Key_K else "restore")
                return True
            if watched is self.review_table and event.key() == Qt.Key.Key_D:
                self.dismiss()
                return True
        return super().eventFilter(watched, event)

    # --- acting -----------------------------------------------------------------------------------------
    def _selected(self, table: QTableWidget) -> Any:
        rows = table.selectionModel().selectedRows()
        if not rows:
            return None
        item = table.item(rows[0].row(), 0)
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _show_detail(self) -> None:
        rows = self.review_table.selectionModel().selectedRows()
        item = self.review[rows[0].row()] if rows and rows[0].row() < len(self.review) else None
        self.review_detail.setText(item.message if item is not None else "")

    def _enable(self) -> None:
        has_conflict = self._selected(self.conflict_table) is not None
        for button in (self.keep_button, self.restore_button):
            button.setEnabled(has_conflict and not self.busy)
        self.dismiss_button.setEnabled(self._selected(self.review_table) is not None and not self.busy)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.reload_button.setEnabled(not busy)
        self._enable()

    def resolve(self, resolution: str) -> None:
        conflict_id = self._selected(self.conflict_table)
        if conflict_id is None or self.busy or self.tabs.currentIndex() != 0:
            return
        self._set_busy(True)
        self.runner.run(_resolve, self.ws, int(conflict_id), resolution, success=lambda _r: self._acted(),
                        finished=lambda: self._set_busy(False), label="Sending the decision to the server",
                        parent=self)

    def dismiss(self) -> None:
        change_id = self._selected(self.review_table)
        if change_id is None or self.busy or self.tabs.currentIndex() != 1:
            return
        self._set_busy(True)
        self.runner.run(_dismiss, self.ws, str(change_id), success=lambda _r: self._acted(),
                        finished=lambda: self._set_busy(False), label="Dismissing", parent=self)

    def _acted(self) -> None:
        self.changed.emit()
        self.load()
