"""GUI test fixtures: the op runner (shut down after each test) and a guard against leaked threads."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from gui_helpers import message_boxes
from PySide6.QtWidgets import QApplication

from medbill_desktop.gui.ops import WORKER_THREAD_NAME, OpRunner


def worker_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith(WORKER_THREAD_NAME) and t.is_alive()]


@pytest.fixture(autouse=True)
def no_leaked_threads() -> Iterator[None]:
    """Fail any test that leaves a database worker (or a QThread-like helper) running (napari does the same)."""
    before = set(threading.enumerate())
    yield
    leaked = worker_threads()
    for thread in leaked:
        thread.join(5)
    still = [t.name for t in worker_threads()]
    extra = [t.name for t in threading.enumerate() if t not in before and t.is_alive() and not t.daemon]
    assert not still, f"database worker thread(s) left running: {still}"
    assert not extra, f"thread(s) left running: {extra}"


@pytest.fixture
def runner(qapp: QApplication, stop_before_close: list[Callable[[], object]]) -> Iterator[OpRunner]:
    ops = OpRunner()
    stop_before_close.append(lambda: ops.shutdown(10))
    yield ops
    close_top_levels()  # while the runner still takes work: a dialog closing may ask for a reload
    assert ops.shutdown(10), "the database worker did not stop"
    assert not ops.is_running()
    ops.deleteLater()


@pytest.fixture
def wait_idle(qtbot, runner: OpRunner) -> Callable[[], None]:  # type: ignore[no-untyped-def]
    def wait(timeout: int = 10_000) -> None:
        qtbot.waitUntil(lambda: not runner.is_busy(), timeout=timeout)

    return wait


@pytest.fixture(autouse=True)
def close_message_boxes(qapp: QApplication) -> Iterator[None]:
    yield
    for box in message_boxes():
        box.done(0)


@pytest.fixture(autouse=True)
def close_top_level_widgets(qapp: QApplication) -> Iterator[None]:
    """No window, dialog or popup of one test is left to take the keyboard in the next (napari does the same)."""
    yield
    close_top_levels()


def close_top_levels() -> None:
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.close()
    QApplication.processEvents()


@pytest.fixture
def make_window(qtbot, runner: OpRunner):  # type: ignore[no-untyped-def]
    """A main window for the user signed in on the workstation, shown and with its first page loaded."""
    from medbill_desktop.gui.main_window import MainWindow
    from medbill_desktop.services.settings import get_settings

    made: list[MainWindow] = []

    def make(ws, workspace: str | None = None) -> MainWindow:  # type: ignore[no-untyped-def]
        assert ws.actor is not None
        window = MainWindow(runner, ws, ws.actor, get_settings(ws), "Riverside Family Medicine",
                            workspace=workspace)
        qtbot.addWidget(window)
        runner.window = window
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: not runner.is_busy(), timeout=10_000)
        made.append(window)
        return window

    yield make
    for window in made:
        window.dispose()

