"""Compile the Qt Designer sources ui/*.ui into src/medbill_desktop/gui/forms/ui_*.py with pyside6-uic.

The generated modules are committed (a fresh checkout runs without a build step); tests/gui/test_forms.py
fails when one differs from what pyside6-uic makes of its .ui today. Run after editing a .ui file:

    .venv/bin/python scripts/compile_ui.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI_DIR = ROOT / "ui"
FORMS_DIR = ROOT / "src" / "medbill_desktop" / "gui" / "forms"


def uic_command() -> str:
    beside = Path(sys.executable).with_name("pyside6-uic")
    return str(beside) if beside.exists() else (shutil.which("pyside6-uic") or "pyside6-uic")


def compile_ui(source: Path, target: Path) -> None:
    subprocess.run([uic_command(), str(source), "-o", str(target)], check=True)


def main() -> int:
    for source in sorted(UI_DIR.glob("*.ui")):
        target = FORMS_DIR / f"ui_{source.stem}.py"
        compile_ui(source, target)
        print(f"{source.relative_to(ROOT)} -> {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
