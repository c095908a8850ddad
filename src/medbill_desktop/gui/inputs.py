"""Typed inputs for the front-desk and charge-entry forms: dates as MM/DD/YYYY, money as dollars and cents,
combo boxes that hold records, and a debounce timer for search as you type.

What the user typed is read into domain values here; a mistake raises DomainError naming the field, so it
is shown and marked exactly like the services' own refusals.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QObject, QRegularExpression, Qt, QTimer
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.money import Money, format_cents
from medbill_desktop.domain.patients import format_date

SEARCH_DELAY_MS = 150

_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_PACKED = re.compile(r"^(\d{2})(\d{2})(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(text: str, field: str, what: str = "date") -> date | None:
    """'03/07/1980', '3/7/1980', '03071980' or '1980-03-07'; empty text is None."""
    typed = text.strip()
    if not typed:
        return None
    for pattern, order in ((_US, (3, 1, 2)), (_PACKED, (3, 1, 2)), (_ISO, (1, 2, 3))):
        m = pattern.match(typed)
        if m:
            try:
                return date(int(m[order[0]]), int(m[order[1]]), int(m[order[2]]))
            except ValueError:
                break
    raise DomainError(f"'{typed}' is not a date; type the {what} as MM/DD/YYYY, for example 03/07/1980.", field)


def required_date(text: str, field: str, what: str) -> date:
    found = parse_date(text, field, what)
    if found is None:
        raise DomainError(f"Enter the {what} (MM/DD/YYYY).", field)
    return found


def parse_money(text: str, field: str) -> int | None:
    """Dollars and cents as typed ('25', '25.00', '$1,250.50') in cents; empty text is None."""
    if not text.strip():
        return None
    return Money.parse(text, field).cents


def money_text(cents: int | None) -> str:
    """Cents as an edit field shows them: '1250.50' (no dollar sign, no thousands separator)."""
    if cents is None:
        return ""
    return f"{cents // 100}.{cents % 100:02d}" if cents >= 0 else f"-{money_text(-cents)}"


def money(cents: int | None, empty: str = "") -> str:
    return empty if cents is None else format_cents(cents)


def date_text(day: date | None) -> str:
    return format_date(day) if day is not None else ""


def parse_decimal(text: str, field: str, what: str) -> Decimal | None:
    typed = text.strip()
    if not typed:
        return None
    try:
        value = Decimal(typed)
    except InvalidOperation:
        raise DomainError(f"'{typed}' is not a number; type the {what} like 1.5.", field) from None
    return value


def parse_whole(text: str, field: str, what: str, default: int | None = None) -> int:
    typed = text.strip()
    if not typed:
        if default is not None:
            return default
        raise DomainError(f"Enter the {what}.", field)
    if not typed.isdigit():
        raise DomainError(f"'{typed}' is not a whole number; type the {what} in digits.", field)
    return int(typed)


class DateEdit(QLineEdit):
    """A date typed as MM/DD/YYYY (digits and slashes only)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        prepare_date_edit(self)

    def value(self, field: str, what: str = "date") -> date | None:
        return parse_date(self.text(), field, what)

    def set_value(self, day: date | None) -> None:
        self.setText(date_text(day))


def prepare_date_edit(edit: QLineEdit) -> None:
    edit.setPlaceholderText("MM/DD/YYYY")
    edit.setMaxLength(10)
    edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9/\-]*"), edit))


def prepare_money_edit(edit: QLineEdit, placeholder: str = "0.00") -> None:
    edit.setPlaceholderText(placeholder)
    edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"\$?[0-9,]*(\.[0-9]{0,2})?"), edit))


def prepare_code_edit(edit: QLineEdit, pattern: str = r"[A-Za-z0-9.]*", max_length: int = 8) -> None:
    """Codes are typed in any case and shown in upper case."""
    edit.setMaxLength(max_length)
    edit.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), edit))

    def upper(text: str) -> None:
        if text != text.upper():
            position = edit.cursorPosition()
            edit.setText(text.upper())
            edit.setCursorPosition(position)

    edit.textEdited.connect(upper)


def fill_combo(combo: QComboBox, items: Iterable[tuple[str, Any]], *, none_text: str | None = None,
               keep: Any = None) -> None:
    """Replace the items (text, data); `none_text` adds a first item whose data is None. Keeps the current
    choice (or `keep`) when it is still there."""
    wanted = keep if keep is not None else combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if none_text is not None:
        combo.addItem(none_text, None)
    for text, data in items:
        combo.addItem(text, data)
    combo.blockSignals(False)
    select_data(combo, wanted)


def select_data(combo: QComboBox, data: Any) -> bool:
    for i in range(combo.count()):
        if combo.itemData(i) == data:
            combo.setCurrentIndex(i)
            return True
    if combo.count():
        combo.setCurrentIndex(0)
    return False


class Debouncer(QObject):
    """Calls `fire` once typing pauses for `delay_ms` (search as you type)."""

    def __init__(self, fire: Callable[[], object], delay_ms: int = SEARCH_DELAY_MS,
                 parent: QObject | None = None, alive: Callable[[], bool] | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.fire = fire
        self.alive = alive  # e.g. the op runner's is_running: nothing fires once the program is closing
        self.timer.timeout.connect(self._fire)

    def _fire(self) -> None:
        if self.alive is None or self.alive():
            self.fire()

    def poke(self) -> None:
        self.timer.start()

    def flush(self) -> None:
        """Run now if a call is waiting (Enter in the search box doesn't wait for the pause)."""
        if self.timer.isActive():
            self.timer.stop()
            self._fire()

    def cancel(self) -> None:
        self.timer.stop()
