"""Table models for the lists the workspaces show (QAbstractTableModel, fed with service results)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from medbill_desktop.domain.audit import AuditEntry
from medbill_desktop.services.users import UserInfo

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def parse_utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def local_time(text: str | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A stored UTC timestamp, shown in this computer's local time."""
    if not text:
        return ""
    try:
        return parse_utc(text).astimezone().strftime(fmt)
    except ValueError:
        return text


class _ListModel(QAbstractTableModel):
    headers: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    @property
    def rows(self) -> list[Any]:
        return list(self._rows)


class UsersModel(_ListModel):
    headers = ("User name", "Full name", "Role", "Status")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)

    def now(self) -> datetime:
        return datetime.now(UTC)

    def user_at(self, row: int) -> UserInfo | None:
        user: UserInfo | None = self.row_at(row)
        return user

    def row_of(self, username: str) -> int:
        for i, user in enumerate(self._rows):
            if user.username == username:
                return i
        return -1

    def status(self, user: UserInfo) -> str:
        if not user.active:
            return "Disabled"
        if user.locked_until and parse_utc(user.locked_until) > self.now():
            return f"Locked out until {local_time(user.locked_until, '%H:%M')}"
        return "Active"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        user = self.user_at(index.row()) if index.isValid() else None
        if user is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (user.username, user.full_name, user.role.label, self.status(user))[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and self.status(user) != "Active":
            return QColor("#8a1c1c")
        return None


ACTION_LABELS = {
    "sign_in": "Signed in",
    "sign_in_failed": "Sign-in refused",
    "sign_out": "Signed out",
    "lock": "Locked the screen",
    "unlock": "Unlocked",
    "view": "Viewed",
    "change": "Changed",
    "print": "Printed",
    "export": "Exported",
    "backup": "Backed up",
    "restore": "Restored",
}


def describe_detail(detail: str) -> str:
    """The entry's JSON detail as short `key: value` pairs."""
    try:
        values = json.loads(detail) if detail else {}
    except ValueError:
        return detail
    if not isinstance(values, dict):
        return str(values)
    parts = []
    for key, value in values.items():
        shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        parts.append(f"{key.replace('_', ' ')}: {shown}")
    return "; ".join(parts)


class AuditModel(_ListModel):
    headers = ("#", "When", "User", "Action", "What", "Details")

    def entry_at(self, row: int) -> AuditEntry | None:
        entry: AuditEntry | None = self.row_at(row)
        return entry

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry_at(index.row()) if index.isValid() else None
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                str(entry.seq),
                local_time(entry.at, "%Y-%m-%d %H:%M:%S"),
                entry.actor,
                ACTION_LABELS.get(entry.action, entry.action),
                entry.entity.replace("_", " ").capitalize(),
                describe_detail(entry.detail),
            )[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == 4:
            return f"{entry.entity} {entry.entity_id}"
        if role == Qt.ItemDataRole.ToolTipRole and column == 5:
            return describe_detail(entry.detail)
        return None
