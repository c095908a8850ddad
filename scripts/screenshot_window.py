"""The main window the screenshot scripts photograph: signed in, at a fixed size, at the top left."""

from __future__ import annotations

from typing import Any

SIZE = (1366, 820)


def open_main_window(runner: Any, ws: Any, signed: Any, practice_name: str, size: tuple[int, int] = SIZE) -> Any:
    from medbill_desktop.gui.main_window import MainWindow

    window = MainWindow(runner, ws, signed.actor, signed.settings, practice_name)
    runner.window = window
    window.resize(*size)
    window.move(0, 0)
    window.show()
    return window
