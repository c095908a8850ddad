"""Table models of the front-desk, charge-entry and reference-data lists: one QAbstractTableModel whose
columns are declared as (header, value) pairs, fed with the records the services return."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
WARN_COLOR = QColor("#8a1c1c")
MUTED_COLOR = QColor("#6b7280")


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    value: Callable[[T], str]
    right: bool = False  # amounts and counts
    tip: Callable[[T], str] | None = None
    color: Callable[[T], QColor | None] | None = None
    width: int = 0  # the view's starting width (0: let the view decide)
    stretch: bool = False  # takes the width left over (instead of the last column)


class RowsModel(QAbstractTableModel, Generic[T]):
    """Rows of records under declared columns; read-only."""

    def __init__(self, columns: Sequence[Column[T]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[T] = []

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[section].right:
            return RIGHT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None or not 0 <= index.column() < len(self.columns):
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.value(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.right:
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tip(row) if column.tip is not None else column.value(row) or None
        if role == Qt.ItemDataRole.ForegroundRole and column.color is not None:
            return column.color(row)
        return None

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> T | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def index_of(self, match: Callable[[T], bool]) -> int:
        return next((i for i, row in enumerate(self._rows) if match(row)), -1)

    @property
    def rows(self) -> list[T]:
        return list(self._rows)


class FilterModel(QSortFilterProxyModel):
    """A case-insensitive filter over every column (the filter box above a long list)."""

    def __init__(self, source: QAbstractTableModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)

    def source_row(self, row: int) -> int:
        return self.mapToSource(self.index(row, 0)).row()


def prepare_table(view: Any, model: QAbstractItemModel, *, stretch_last: bool = True) -> None:
    """A read-only list: whole rows selected, one at a time; Tab leaves the table."""
    from PySide6.QtWidgets import QAbstractItemView, QHeaderView

    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(28)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(stretch_last)
    header.setHighlightSections(False)
    source = model.sourceModel() if isinstance(model, QSortFilterProxyModel) else model
    columns = getattr(source, "columns", [])
    for i, column in enumerate(columns):
        if column.width:
            view.setColumnWidth(i, column.width)
        if column.stretch:
            header.setStretchLastSection(False)
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
