"""Practice settings: the billing provider record and the practice's sign-in rules (managers only)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from medbill_desktop.domain.practice import Practice, validate_practice
from medbill_desktop.domain.settings import PracticeSettings
from medbill_desktop.gui.fields import FieldErrors
from medbill_desktop.gui.forms.ui_practice_settings import Ui_PracticeSettingsPage
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.gui.practice_form import fill_practice, practice_edits, prepare_practice_edits, read_practice
from medbill_desktop.gui.workspaces import Workspace
from medbill_desktop.services import practice as practice_service
from medbill_desktop.services import settings as settings_service
from medbill_desktop.services.context import Actor, Workstation


def load(ws: Workstation) -> tuple[Practice | None, PracticeSettings]:
    return practice_service.get_practice(ws), settings_service.get_settings(ws)


def save(ws: Workstation, practice: Practice, settings: PracticeSettings) -> tuple[Practice, PracticeSettings]:
    """Check both halves before writing either, so that a mistake in one saves nothing."""
    validate_practice(practice)
    settings.validated()
    return practice_service.save_practice(ws, practice), settings_service.save_settings(ws, settings)


class PracticeSettingsWorkspace(Workspace):
    practice_saved = Signal(object)  # Practice
    settings_saved = Signal(object)  # PracticeSettings
    saves = True

    def __init__(self, runner: OpRunner, ws: Workstation, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(runner, ws, actor, parent)
        self.ui = Ui_PracticeSettingsPage()
        self.ui.setupUi(self)
        ui = self.ui
        prepare_practice_edits(ui)
        self.spins = {
            "idle_lock_minutes": ui.idleSpin,
            "max_failed_sign_ins": ui.maxFailedSpin,
            "lockout_minutes": ui.lockoutSpin,
            "eligibility_max_age_days": ui.eligibilitySpin,
        }
        self.errors = FieldErrors(ui.errorLabel, {**practice_edits(ui), **self.spins})
        self.loaded = False
        self.dirty = False
        self.saving = False
        self.settings = PracticeSettings()
        for edit in practice_edits(ui).values():
            edit.textEdited.connect(self._edited)
        for spin in self.spins.values():
            spin.lineEdit().setTextMargins(4, 0, 0, 0)
            spin.valueChanged.connect(self._edited)
        ui.saveButton.clicked.connect(self.save)
        ui.revertButton.clicked.connect(self.load)
        self._set_enabled(False)

    # --- loading ----------------------------------------------------------------------------------
    def activate(self) -> None:
        if not self.dirty:
            self.load()

    def load(self) -> None:
        self.runner.run(load, self.ws, success=self._loaded, label="Loading the practice settings…")

    def _loaded(self, result: tuple[Practice | None, PracticeSettings]) -> None:
        practice, settings = result
        if practice is not None:
            fill_practice(self.ui, practice)
        self._fill_settings(settings)
        self.errors.clear()
        self.loaded = True
        self._set_dirty(False)
        self._set_enabled(True)

    def _fill_settings(self, settings: PracticeSettings) -> None:
        self.settings = settings
        for name, spin in self.spins.items():
            spin.blockSignals(True)
            spin.setValue(getattr(settings, name))
            spin.blockSignals(False)

    def read_settings(self) -> PracticeSettings:
        return replace(self.settings, **{name: spin.value() for name, spin in self.spins.items()})

    # --- saving -----------------------------------------------------------------------------------
    def can_save(self) -> bool:
        return self.loaded and not self.saving

    def save(self) -> None:
        if not self.can_save():
            return
        self.errors.clear()
        self.saving = True
        self._set_enabled(False)
        self.runner.run(save, self.ws, read_practice(self.ui), self.read_settings(),
                        success=self._saved, failure=self._refused, finished=self._save_finished,
                        label="Saving the practice settings…")

    def _saved(self, result: tuple[Practice, PracticeSettings]) -> None:
        practice, settings = result
        fill_practice(self.ui, practice)
        self._fill_settings(settings)
        self._set_dirty(False)
        self.ui.statusLabel.setText(f"Saved at {datetime.now().strftime('%H:%M')}.")
        self.status_message.emit("Practice settings saved.")
        self.practice_saved.emit(practice)
        self.settings_saved.emit(settings)

    def _refused(self, exc: Exception) -> None:
        self.ui.statusLabel.setText("Not saved.")
        self.runner.show_user_error(exc, self.window())
        self.errors.show_error(exc)

    def _save_finished(self) -> None:
        self.saving = False
        self._set_enabled(True)

    # --- state ------------------------------------------------------------------------------------
    def _edited(self, *_: object) -> None:
        if self.loaded:
            self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        self.ui.revertButton.setEnabled(dirty and not self.saving)
        if dirty:
            self.ui.statusLabel.setText("Unsaved changes — Ctrl+S saves.")
        elif not self.ui.statusLabel.text().startswith("Saved"):
            self.ui.statusLabel.clear()

    def _set_enabled(self, enabled: bool) -> None:
        self.ui.saveButton.setEnabled(enabled)
        self.ui.revertButton.setEnabled(enabled and self.dirty)

    def focus_first(self) -> None:
        self.ui.nameEdit.setFocus()
