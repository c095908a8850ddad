"""The op runner: one serial worker, results on the GUI thread, delayed progress, clear errors, clean stop."""

from __future__ import annotations

import logging
import threading
import time

import pytest
from gui_helpers import message_boxes
from PySide6.QtWidgets import QMessageBox

from medbill_desktop.domain.errors import DomainError
from medbill_desktop.gui.ops import GENERIC_ERROR, WORKER_THREAD_NAME, OpRunner
from medbill_desktop.services.errors import ServiceError


def test_success_runs_on_the_worker_and_calls_back_on_the_gui_thread(qtbot, runner: OpRunner) -> None:
    seen: dict[str, object] = {}

    def work(a: int, b: int) -> int:
        seen["worker"] = threading.current_thread().name
        return a * b

    def success(value: int) -> None:
        seen["value"] = value
        seen["callback"] = threading.current_thread() is threading.main_thread()

    finished: list[bool] = []
    with qtbot.waitSignal(runner.idle, timeout=5000):
        op = runner.run(work, 6, 7, success=success, finished=lambda: finished.append(True))
    assert seen == {"worker": WORKER_THREAD_NAME, "value": 42, "callback": True}
    assert finished == [True]
    assert op.outcome == "success"
    assert runner.pending == 0


def test_ops_run_one_after_the_other_on_one_thread(qtbot, runner: OpRunner) -> None:
    order: list[int] = []
    threads: set[int] = set()
    running = 0
    overlap: list[bool] = []

    def work(n: int) -> int:
        nonlocal running
        running += 1
        overlap.append(running > 1)
        threads.add(threading.get_ident())
        time.sleep(0.002)
        order.append(n)
        running -= 1
        return n

    results: list[int] = []
    with qtbot.waitSignal(runner.idle, timeout=10_000):
        for n in range(25):
            runner.run(work, n, success=results.append)
    assert order == list(range(25))
    assert results == list(range(25))
    assert len(threads) == 1 and threading.main_thread().ident not in threads
    assert not any(overlap)


def test_user_facing_error_is_shown_with_its_message(qtbot, runner: OpRunner) -> None:
    def refuse() -> None:
        raise DomainError("NPI 1234567890 fails its check digit (the last digit should be 3); check for a typo.",
                          "npi")

    with qtbot.waitSignal(runner.idle, timeout=5000):
        op = runner.run(refuse, label="Saving…")
    boxes = message_boxes()
    assert len(boxes) == 1
    assert boxes[0].icon() == QMessageBox.Icon.Warning
    assert "fails its check digit" in boxes[0].text()
    assert op.outcome == "failure" and isinstance(op.error, DomainError)


def test_failure_callback_replaces_the_default_box(qtbot, runner: OpRunner) -> None:
    got: list[Exception] = []

    def refuse() -> None:
        raise ServiceError("That password is wrong.", "password")

    with qtbot.waitSignal(runner.idle, timeout=5000):
        runner.run(refuse, failure=got.append)
    assert [(e.message, e.field) for e in got] == [("That password is wrong.", "password")]  # type: ignore[attr-defined]
    assert message_boxes() == []


def test_unexpected_error_is_logged_without_its_message_and_shown_generically(qtbot, runner: OpRunner,
                                                                               caplog) -> None:
    failures: list[Exception] = []
    finished: list[bool] = []

    def crash() -> None:
        raise RuntimeError("patient Zebulon Quintavius, DOB 1950-01-01")

    with caplog.at_level(logging.INFO, logger="medbill_desktop"), qtbot.waitSignal(runner.idle, timeout=5000):
        op = runner.run(crash, failure=failures.append, finished=lambda: finished.append(True),
                        label="Saving the patient…")
    boxes = message_boxes()
    assert len(boxes) == 1
    assert boxes[0].text() == GENERIC_ERROR == "Something went wrong; the change was not saved."
    assert boxes[0].icon() == QMessageBox.Icon.Critical
    assert failures == []  # failure() is for errors people can fix
    assert finished == [True]
    assert op.outcome == "error"
    assert "RuntimeError" in caplog.text and "Saving the patient" in caplog.text
    assert "Zebulon" not in caplog.text and "1950" not in caplog.text


def test_a_bug_in_a_callback_does_not_escape(qtbot, runner: OpRunner, caplog) -> None:
    def broken(_value: object) -> None:
        raise KeyError("oops")

    with qtbot.waitSignal(runner.idle, timeout=5000):
        op = runner.run(lambda: 1, success=broken)
    assert op.outcome == "error"
    assert [b.text() for b in message_boxes()] == [GENERIC_ERROR]
    assert "KeyError" in caplog.text


def test_progress_appears_only_for_slow_work(qtbot, runner: OpRunner) -> None:
    with qtbot.waitSignal(runner.idle, timeout=5000):
        runner.run(lambda: time.sleep(0.01))
    qtbot.wait(400)  # longer than the delay: a finished op leaves nothing behind
    assert runner.progress_shown == 0 and not runner.progress_visible()

    release = threading.Event()
    runner.run(lambda: release.wait(10), label="Posting the payment batch…")
    qtbot.wait(150)
    assert not runner.progress_visible()  # not before ~300 ms
    qtbot.waitUntil(runner.progress_visible, timeout=3000)
    assert runner.progress_shown == 1
    release.set()
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=5000)
    assert not runner.progress_visible()


def test_shutdown_finishes_queued_work_and_stops_the_worker(qtbot) -> None:
    ops = OpRunner()
    done: list[int] = []
    for n in range(3):
        ops.run(lambda n=n: (time.sleep(0.02), done.append(n)))
    assert ops.is_running()
    assert ops.shutdown(10)
    assert done == [0, 1, 2]
    assert not ops.is_running() and not ops.worker_thread.is_alive()
    with pytest.raises(RuntimeError):
        ops.run(lambda: None)
    ops.deleteLater()


def test_results_after_shutdown_are_dropped(qtbot) -> None:
    ops = OpRunner()
    called: list[object] = []
    ops.run(lambda: time.sleep(0.05), success=called.append)
    assert ops.shutdown(10)
    qtbot.wait(50)
    assert called == []
    assert ops.pending == 0
    ops.deleteLater()


def test_quiet_background_work_never_shows_progress(qtbot, runner: OpRunner) -> None:
    release = threading.Event()
    runner.run(lambda: release.wait(10), label="Checking for changes…", quiet=True)
    qtbot.wait(500)
    assert runner.is_busy() and runner.progress_shown == 0 and not runner.progress_visible()
    release.set()
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=5000)
