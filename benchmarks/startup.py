"""Startup benchmark: process start to main window shown, MedBill Desktop against a bare PySide6 window.

In one run, over an existing demo database (made first with `medbill --db PATH demo`):
  medbill   .venv/bin/medbill-desktop --db PATH --sign-in manager --exit-when-shown
            (MEDBILL_PASSWORD=medbill-demo; MEDBILL_DB_PASSPHRASE set, so the key is derived from the
            practice passphrase with scrypt, as on a computer without a secure keyring)
  bare      the same Python starting a QApplication and showing an empty QMainWindow
Both run with Python's bytecode caches written (PYTHONDONTWRITEBYTECODE is removed from their
environment), as an installed program runs. Each is timed from just before the process is started
until the line `main-window-shown` appears on its standard output; one unrecorded warm-up of each, then
--repeat runs of each, interleaved. Prints JSON with the medians and the ratio medbill / bare.
Target: ratio <= 3.

Display: --platform offscreen (QT_QPA_PLATFORM=offscreen, the default) or --platform xvfb (one Xvfb
server started for the whole run, QT_QPA_PLATFORM=xcb), the same for both programs.

    .venv/bin/python benchmarks/startup.py [--repeat 5] [--platform offscreen|xvfb]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = "main-window-shown"
TARGET_RATIO = 3.0
DEMO_PASSWORD = "medbill-demo"
DB_PASSPHRASE = "benchmark-passphrase"
TIMEOUT_S = 120.0

BARE = f"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1280, 800)
window.show()
def shown():
    print("{MARKER}", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
sys.exit(app.exec())
"""


def _bin(name: str) -> Path:
    folder = Path(sys.executable).parent
    found = folder / name
    if not found.exists():
        raise SystemExit(f"{found} is missing: run `python3 scripts/dev.py test` (or start) once to set up .venv")
    return found


def _time_until_marker(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            stdin=subprocess.DEVNULL)
    assert proc.stdout is not None
    try:
        for line in proc.stdout:
            if line.strip() == MARKER:
                elapsed = time.perf_counter() - t0
                break
            if time.perf_counter() - t0 > TIMEOUT_S:
                raise SystemExit(f"no '{MARKER}' within {TIMEOUT_S:.0f} s from {cmd[0]}")
        else:
            proc.wait(timeout=10)
            err = proc.stderr.read() if proc.stderr else ""
            raise SystemExit(f"{' '.join(cmd)} exited ({proc.returncode}) without printing '{MARKER}':\n{err[-3000:]}")
        proc.stdout.read()
        proc.wait(timeout=30)
        if proc.returncode != 0:
            err = proc.stderr.read() if proc.stderr else ""
            raise SystemExit(f"{' '.join(cmd)} exited with {proc.returncode} after showing its window:\n{err[-3000:]}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return elapsed


def _start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise SystemExit("Xvfb is not installed (apt-get install xvfb), or use --platform offscreen")
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen([xvfb, "-displayfd", str(write_fd), "-screen", "0", "1366x850x24", "-nolisten", "tcp"],
                              pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as fh:
        number = fh.readline().strip()
    if not number:
        server.kill()
        raise SystemExit("Xvfb did not start")
    return server, f":{number}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--platform", choices=("offscreen", "xvfb"), default="offscreen")
    args = parser.parse_args(argv)
    load_start = os.getloadavg()[0]  # other work on the machine skews timings: reported with them

    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "MEDBILL_"))}
    # As installed programs run: with bytecode caches (pip compiles them at install; the warm-up run
    # writes them for the editable checkout), even where the shell sets PYTHONDONTWRITEBYTECODE.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(MEDBILL_DB_PASSPHRASE=DB_PASSPHRASE, MEDBILL_PASSWORD=DEMO_PASSWORD)
    server = None
    if args.platform == "xvfb":
        server, display = _start_xvfb()
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
        env.pop("WAYLAND_DISPLAY", None)
    else:
        env["QT_QPA_PLATFORM"] = "offscreen"
    try:
        with tempfile.TemporaryDirectory(prefix="medbill-startup-") as tmp:
            db = Path(tmp) / "medbill.db"
            made = subprocess.run([str(_bin("medbill")), "--db", str(db), "demo"], env=env, capture_output=True,
                                  text=True, stdin=subprocess.DEVNULL)
            if made.returncode != 0:
                raise SystemExit(f"`medbill demo` failed ({made.returncode}):\n{made.stdout}{made.stderr}")
            programs = {
                "medbill": [str(_bin("medbill-desktop")), "--db", str(db), "--sign-in", "manager", "--exit-when-shown"],
                "bare": [sys.executable, "-c", BARE],
            }
            for cmd in programs.values():  # warm-up: file caches, Qt's font cache
                _time_until_marker(cmd, env)
            runs: dict[str, list[float]] = {name: [] for name in programs}
            for _ in range(args.repeat):
                for name, cmd in programs.items():
                    runs[name].append(_time_until_marker(cmd, env))
    finally:
        if server is not None:
            server.terminate()
            server.wait()
    median = {name: statistics.median(v) for name, v in runs.items()}
    ratio = median["medbill"] / median["bare"]
    result = {
        "benchmark": "startup",
        "repeat": args.repeat,
        "platform": "QT_QPA_PLATFORM=offscreen" if args.platform == "offscreen" else "Xvfb, QT_QPA_PLATFORM=xcb",
        "key_source": "practice passphrase (MEDBILL_DB_PASSPHRASE, scrypt)",
        "median_seconds": {n: round(s, 3) for n, s in median.items()},
        "all_seconds": {n: [round(s, 3) for s in v] for n, v in runs.items()},
        "ratio_medbill_vs_bare": round(ratio, 2),
        "target_ratio": TARGET_RATIO,
        "meets_target": ratio <= TARGET_RATIO,
        "machine": {"cpus": os.cpu_count(),
                    "load_average_1min": {"start": round(load_start, 2), "end": round(os.getloadavg()[0], 2)},
                    "platform": platform.platform(), "python": platform.python_version()},
    }
    json.dump(result, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
