"""Printer calibration for red CMS-1500 forms: choose or create a profile (one per printer and tray), set
its offsets, scale and per-field nudges, print the alignment test page, read it against a red form, save.

Keyboard: Alt+P picks the profile, Ctrl+P prints the test page, Ctrl+S saves, Escape closes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from medbill_desktop.domain.claim_form import (
    MAX_NUDGE_HUNDREDTHS,
    MAX_OFFSET_HUNDREDTHS,
    NUDGE_KEYS,
    SCALE_RANGE,
    CalibrationProfile,
)
from medbill_desktop.gui.desk_style import apply_desk_style, shortcut
from medbill_desktop.gui.fields import FieldErrors
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.gui.printing import PdfDocument
from medbill_desktop.services import claim_printing, claims
from medbill_desktop.services.context import Workstation

NEW_PROFILE = "New profile…"
INSTRUCTIONS = (
    "<b>How to line up the printer with the red forms</b>"
    "<ol style='margin-left:22px; -qt-list-indent:0'>"
    "<li>Choose the profile for this printer and tray (or a new one, named after them) and press "
    "<b>Print test page</b>. Print it on plain paper at <b>actual size</b> (no “fit to page”).</li>"
    "<li>Lay the printed page on a blank red claim form, edges together, and hold both up to a window or "
    "a lamp so you see the red lines through the paper.</li>"
    "<li>Four crosshairs (1a, 21, 24J line 6, 33) belong on the corners of the red boxes they name. Each has "
    "two small scales in hundredths of an inch. Where the red box's <i>upright</i> line crosses the level "
    "scale, read <b>X</b>; where its <i>level</i> line crosses the upright scale, read <b>Y</b>. A plus "
    "number means the red line is to the right of / below the crosshair.</li>"
    "<li>Add the readings (their average, if they differ a little) to X offset and Y offset below. Print "
    "the test page again: done when every crosshair sits on its corner and every X is inside its box.</li>"
    "<li>Readings that grow from the top of the page to the bottom mean the printer shrinks or stretches "
    "the page: change the scale a little (1.000 is full size). Only one box off? Give just that field a "
    "nudge instead of moving everything.</li>"
    "<li>Press <b>Save profile</b>, then choose it when printing claims on red forms.</li></ol>"
)


class CalibrationDialog(QDialog):
    saved = Signal(object)  # the CalibrationProfile as stored

    def __init__(self, runner: OpRunner, ws: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.ws = ws
        self.profiles: dict[str, CalibrationProfile] = {}
        self.document: PdfDocument | None = None
        self.setObjectName("calibrationDialog")
        self.setWindowTitle("Printer calibration for red claim forms")
        apply_desk_style(self)
        outer = QHBoxLayout(self)
        left = QVBoxLayout()
        outer.addLayout(left, 3)

        form = QFormLayout()
        self.profile_combo = QComboBox(self)
        self.profile_combo.setObjectName("profileCombo")
        form.addRow("&Profile:", self.profile_combo)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("nameEdit")
        self.name_edit.setMaxLength(60)
        self.name_edit.setPlaceholderText("the printer and tray, for example: Front office HP, tray 2")
        form.addRow("&Name:", self.name_edit)
        self.x_spin = self._offset_spin("xSpin", MAX_OFFSET_HUNDREDTHS)
        form.addRow("&X offset (1/100 in, + right):", self.x_spin)
        self.y_spin = self._offset_spin("ySpin", MAX_OFFSET_HUNDREDTHS)
        form.addRow("&Y offset (1/100 in, + down):", self.y_spin)
        self.scale_spin = QDoubleSpinBox(self)
        self.scale_spin.setObjectName("scaleSpin")
        self.scale_spin.setDecimals(3)
        self.scale_spin.setSingleStep(0.001)
        self.scale_spin.setRange(*SCALE_RANGE)
        self.scale_spin.setValue(1.0)
        form.addRow("S&cale:", self.scale_spin)
        left.addLayout(form)

        nudge_box = QGroupBox("Nudges for single fields (hundredths of an inch)", self)
        nudge_layout = QVBoxLayout(nudge_box)
        self.nudges = QTableWidget(0, 3, nudge_box)
        self.nudges.setObjectName("nudgesTable")
        self.nudges.setHorizontalHeaderLabels(["Field", "X (+ right)", "Y (+ down)"])
        self.nudges.verticalHeader().setVisible(False)
        self.nudges.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.nudges.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.nudges.setMinimumHeight(120)
        nudge_layout.addWidget(self.nudges)
        row = QHBoxLayout()
        self.add_nudge_button = QPushButton("&Add nudge", nudge_box)
        self.add_nudge_button.clicked.connect(lambda: self.add_nudge())
        self.remove_nudge_button = QPushButton("&Remove nudge", nudge_box)
        self.remove_nudge_button.clicked.connect(self.remove_nudge)
        row.addWidget(self.add_nudge_button)
        row.addWidget(self.remove_nudge_button)
        row.addStretch(1)
        nudge_layout.addLayout(row)
        left.addWidget(nudge_box, 1)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setProperty("role", "warning")
        left.addWidget(self.error_label)
        self.errors = FieldErrors(self.error_label, {
            "name": self.name_edit, "x_offset_hundredths_in": self.x_spin, "y_offset_hundredths_in": self.y_spin,
            "scale": self.scale_spin})
        self.message = QLabel(self)
        self.message.setObjectName("messageLabel")
        self.message.setWordWrap(True)
        left.addWidget(self.message)

        buttons = QHBoxLayout()
        self.print_button = QPushButton("Print &test page…", self)
        self.print_button.setObjectName("printTestButton")
        self.print_button.setToolTip("Ctrl+P")
        self.print_button.clicked.connect(self.print_test_page)
        self.save_pdf_button = QPushButton("Save test page as P&DF…", self)
        self.save_pdf_button.clicked.connect(lambda: self.print_test_page(save=True))
        self.save_button = QPushButton("&Save profile", self)
        self.save_button.setObjectName("saveProfileButton")
        self.save_button.setToolTip("Ctrl+S")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_profile)
        close = QPushButton("Close", self)
        close.clicked.connect(self.reject)
        for button in (self.print_button, self.save_pdf_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        left.addLayout(buttons)

        help_text = QLabel(INSTRUCTIONS, self)
        help_text.setObjectName("instructions")
        help_text.setWordWrap(True)
        help_text.setTextFormat(Qt.TextFormat.RichText)
        help_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        help_text.setStyleSheet("QLabel { background: #f6f8fb; border: 1px solid #d8dde5; border-radius: 6px;"
                                " padding: 8px; color: #1d2430; }")
        outer.addWidget(help_text, 2)

        shortcut(self, "Ctrl+P", self.print_test_page)
        shortcut(self, "Ctrl+S", self.save_profile)
        self.profile_combo.currentIndexChanged.connect(self._profile_chosen)
        self.resize(980, 560)
        self.reload()

    @staticmethod
    def _offset_spin(name: str, limit: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(-limit, limit)
        spin.setSuffix(" /100 in")
        return spin

    # --- profiles ------------------------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        self.runner.run(claims.calibration_profiles, self.ws, success=lambda rows: self._loaded(rows, select),
                        label="Loading the printer profiles…", parent=self)

    def _loaded(self, rows: list[CalibrationProfile], select: str | None) -> None:
        self.profiles = {p.name: p for p in rows}
        self.profile_combo.blockSignals(True)
        self.profile_combo.clear()
        for name in self.profiles:
            self.profile_combo.addItem(name, name)
        self.profile_combo.addItem(NEW_PROFILE, None)
        at = self.profile_combo.findData(select) if select else 0
        self.profile_combo.setCurrentIndex(max(at, 0))
        self.profile_combo.blockSignals(False)
        self._profile_chosen()

    def _profile_chosen(self) -> None:
        name = self.profile_combo.currentData()
        self.show_profile(self.profiles.get(name) if name else None)

    def show_profile(self, profile: CalibrationProfile | None) -> None:
        self.errors.clear()
        shown = profile or CalibrationProfile("")
        self.name_edit.setText(shown.name)
        self.x_spin.setValue(shown.x_offset_hundredths_in)
        self.y_spin.setValue(shown.y_offset_hundredths_in)
        self.scale_spin.setValue(shown.scale)
        self.nudges.setRowCount(0)
        for key, (dx, dy) in sorted(shown.nudges.items()):
            self.add_nudge(key, dx, dy)

    def add_nudge(self, key: str = "", dx: int = 0, dy: int = 0) -> None:
        row = self.nudges.rowCount()
        self.nudges.insertRow(row)
        combo = QComboBox(self.nudges)
        combo.addItems(sorted(NUDGE_KEYS))
        if key:
            combo.setCurrentText(key)
        self.nudges.setCellWidget(row, 0, combo)
        for column, value in ((1, dx), (2, dy)):
            spin = QSpinBox(self.nudges)
            spin.setRange(-MAX_NUDGE_HUNDREDTHS, MAX_NUDGE_HUNDREDTHS)
            spin.setValue(value)
            self.nudges.setCellWidget(row, column, spin)
        if not key:
            combo.setFocus()

    def remove_nudge(self) -> None:
        row = self.nudges.currentRow()
        if row < 0:
            row = self.nudges.rowCount() - 1
        if row >= 0:
            self.nudges.removeRow(row)

    def profile(self) -> CalibrationProfile:
        nudges: dict[str, tuple[int, int]] = {}
        for row in range(self.nudges.rowCount()):
            combo, x, y = (self.nudges.cellWidget(row, c) for c in range(3))
            assert isinstance(combo, QComboBox) and isinstance(x, QSpinBox) and isinstance(y, QSpinBox)
            nudges[combo.currentText()] = (x.value(), y.value())
        return CalibrationProfile(self.name_edit.text(), self.x_spin.value(), self.y_spin.value(),
                                  round(self.scale_spin.value(), 3), nudges)

    # --- actions -------------------------------------------------------------------------------------------
    def save_profile(self) -> None:
        self.errors.clear()
        self.runner.run(claims.save_calibration_profile, self.ws, self.profile(), success=self._saved,
                        failure=self.errors.show_error, label="Saving the printer profile…", parent=self)

    def _saved(self, profile: CalibrationProfile) -> None:
        self.message.setText(f"Saved the profile '{profile.name}'. Choose it when printing claims on red forms.")
        self.saved.emit(profile)
        self.reload(select=profile.name)

    def print_test_page(self, save: bool = False) -> None:
        self.errors.clear()
        profile = self.profile()
        shown = profile if profile.name.strip() else CalibrationProfile("(unsaved)", profile.x_offset_hundredths_in,
                                                                         profile.y_offset_hundredths_in,
                                                                         profile.scale, profile.nudges)
        self.runner.run(claim_printing.alignment_test_page, self.ws, shown,
                        success=lambda pdf: self._test_page_ready(pdf, save), failure=self.errors.show_error,
                        label="Making the alignment test page…", parent=self)

    def _test_page_ready(self, pdf: bytes, save: bool) -> None:
        self.document = PdfDocument(pdf, "CMS-1500 alignment test", "alignment-test.pdf", self)
        if save:
            self.document.save_as(self)
        else:
            self.document.print_with_preview(self)
        self.message.setText("Print it at actual size, hold it against a red form and read the offsets "
                             "(see the steps on the right).")
