"""The committed form modules are exactly what pyside6-uic makes of ui/*.ui today."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UI_DIR = ROOT / "ui"
FORMS_DIR = ROOT / "src" / "medbill_desktop" / "gui" / "forms"
UI_FILES = sorted(UI_DIR.glob("*.ui"))


def uic() -> str:
    beside = Path(sys.executable).with_name("pyside6-uic")
    return str(beside) if beside.exists() else "pyside6-uic"


def test_every_form_has_a_source_and_every_source_a_form() -> None:
    assert UI_FILES, "no ui/*.ui files"
    sources = {f"ui_{p.stem}.py" for p in UI_FILES}
    modules = {p.name for p in FORMS_DIR.glob("ui_*.py")}
    assert sources == modules


@pytest.mark.parametrize("source", UI_FILES, ids=[p.stem for p in UI_FILES])
def test_generated_module_matches_its_ui_file(source: Path, tmp_path: Path) -> None:
    target = tmp_path / f"ui_{source.stem}.py"
    subprocess.run([uic(), str(source), "-o", str(target)], check=True, capture_output=True)
    committed = FORMS_DIR / target.name
    assert target.read_text() == committed.read_text(), (
        f"{committed.relative_to(ROOT)} is out of date: run `.venv/bin/python scripts/compile_ui.py`")


@pytest.mark.parametrize("source", UI_FILES, ids=[p.stem for p in UI_FILES])
def test_generated_form_builds(source: Path, qtbot) -> None:
    import importlib

    from PySide6.QtWidgets import QDialog, QMainWindow, QWidget

    module = importlib.import_module(f"medbill_desktop.gui.forms.ui_{source.stem}")
    form_class = next(getattr(module, n) for n in dir(module) if n.startswith("Ui_"))
    text = source.read_text()
    base = QMainWindow if 'class="QMainWindow"' in text.split("<widget", 2)[1][:40] else (
        QDialog if 'class="QDialog"' in text.split("<widget", 2)[1][:40] else QWidget)
    widget = base()
    qtbot.addWidget(widget)
    form_class().setupUi(widget)
    assert widget.findChildren(QWidget)
