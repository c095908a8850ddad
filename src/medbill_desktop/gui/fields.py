"""Small helpers for forms: showing what is wrong next to the field that is wrong."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLabel, QLineEdit, QWidget


def repolish(widget: QWidget) -> None:
    """Apply the style sheet again after a dynamic property changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def set_invalid(widget: QWidget, invalid: bool) -> None:
    if bool(widget.property("invalid")) != invalid:
        widget.setProperty("invalid", invalid)
        repolish(widget)


def error_text(exc: BaseException) -> str:
    return getattr(exc, "message", "") or str(exc)


def digits_only(edit: QLineEdit, extra: str = "") -> None:
    """Accept digits (and the given punctuation) only: a typo that cannot be typed cannot be saved."""
    pattern = f"[0-9{QRegularExpression.escape(extra)}]*" if extra else "[0-9]*"
    edit.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), edit))


def uppercase_letters(edit: QLineEdit) -> None:
    edit.setValidator(QRegularExpressionValidator(QRegularExpression("[A-Za-z]*"), edit))
    edit.textEdited.connect(lambda text: edit.setText(text.upper()) if text != text.upper() else None)


class FieldErrors:
    """An error label and the widgets that DomainError/ServiceError `field` names point at."""

    def __init__(self, label: QLabel, fields: Mapping[str, QWidget]) -> None:
        self.label = label
        self.fields = dict(fields)
        self.label.clear()
        self.label.setVisible(False)
        for widget in self.fields.values():
            self._clear_on_edit(widget)

    def _clear_on_edit(self, widget: QWidget) -> None:
        def clear(*_: object) -> None:
            set_invalid(widget, False)

        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(clear)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(clear)
        elif isinstance(widget, QAbstractSpinBox):
            widget.editingFinished.connect(clear)

    def show(self, message: str, field: str | None = None) -> QWidget | None:
        """Show the message; mark, focus and select the field it names. Returns that widget."""
        self.label.setText(message)
        self.label.setVisible(True)
        widget = self.fields.get(field or "")
        if widget is not None:
            set_invalid(widget, True)
            widget.setFocus()
            if isinstance(widget, QLineEdit):
                widget.selectAll()
        return widget

    def show_error(self, exc: BaseException) -> QWidget | None:
        return self.show(error_text(exc), getattr(exc, "field", None))

    def clear(self) -> None:
        self.label.clear()
        self.label.setVisible(False)
        for widget in self.fields.values():
            set_invalid(widget, False)
