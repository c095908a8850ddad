"""The desktop program's command line: options, the unattended sign-in, --exit-when-shown, --screenshot."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from medbill_desktop import app
from medbill_desktop.services import setup

PASSPHRASE = "river stone 4 lamps"
ADMIN_PASSWORD = "admin-pass-1"


def test_defaults(monkeypatch) -> None:
    monkeypatch.delenv("MEDBILL_PASSWORD", raising=False)
    args = app.parse_args([])
    assert args.db.name == "medbill.db" and "MedBill Desktop" in str(args.db)
    assert args.sign_in is None and args.screenshot is None and not args.exit_when_shown


def test_unknown_workspace_and_missing_password_are_refused(monkeypatch, capsys) -> None:
    monkeypatch.delenv("MEDBILL_PASSWORD", raising=False)
    with pytest.raises(SystemExit):
        app.parse_args(["--workspace", "no such place"])
    names = app.workspace_names()
    assert names[:2] == ["home", "front_desk"] and "audit" in names
    assert f"choose from {', '.join(names)}" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        app.parse_args(["--sign-in", "admin"])
    assert "MEDBILL_PASSWORD" in capsys.readouterr().err
    monkeypatch.setenv("MEDBILL_PASSWORD", "x")
    assert app.parse_args(["--sign-in", "admin", "--workspace", "Audit log"]).workspace == "Audit log"


def test_style_sheet_is_packaged() -> None:
    style = app.load_style()
    assert "QListWidget#navigator" in style


@pytest.fixture
def demo_db(tmp_path: Path, practice, monkeypatch) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "demo.db"
    monkeypatch.setenv("MEDBILL_DB_PASSPHRASE", PASSPHRASE)
    setup.create_workstation(path, practice, admin_username="admin", admin_full_name="Ada Admin",
                             admin_password=ADMIN_PASSWORD).close()
    return path


def run_app(tmp_path: Path, *args: str, password: str = ADMIN_PASSWORD) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MEDBILL_DB_PASSPHRASE=PASSPHRASE,
               MEDBILL_PASSWORD=password, XDG_STATE_HOME=str(tmp_path / "state"),
               XDG_DATA_HOME=str(tmp_path / "data"))
    return subprocess.run([sys.executable, "-m", "medbill_desktop.app", *args], env=env, capture_output=True,
                          text=True, timeout=120)


def test_exit_when_shown_and_log_without_secrets(tmp_path: Path, demo_db: Path) -> None:
    done = run_app(tmp_path, "--db", str(demo_db), "--sign-in", "admin", "--exit-when-shown")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["main-window-shown", "signed-in"]
    logs = list((tmp_path / "state").rglob("medbill-desktop.log"))
    assert len(logs) == 1
    text = logs[0].read_text()
    assert "starting" in text and "stopped (exit code 0)" in text
    assert ADMIN_PASSWORD not in text and PASSPHRASE not in text


def test_wrong_password_exits_with_the_message(tmp_path: Path, demo_db: Path) -> None:
    done = run_app(tmp_path, "--db", str(demo_db), "--sign-in", "admin", "--exit-when-shown",
                   password="wrong-password")
    assert done.returncode == 2
    assert "medbill-desktop: The user name or password is wrong." in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout.splitlines() == ["main-window-shown"]  # the window came, the sign-in was refused


def test_exit_when_shown_without_sign_in_quits_at_the_sign_in_page(tmp_path: Path, demo_db: Path) -> None:
    done = run_app(tmp_path, "--db", str(demo_db), "--exit-when-shown")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["main-window-shown"]


# Run as `python -c`: records which thread first imports each heavy module, and what the window showed when
# it printed `main-window-shown`.
WATCH_IMPORTS = """
import importlib.abc, json, sys, threading
HEAVY = ("sqlalchemy", "alembic", "keyring", "argon2", "sqlcipher3", "medbill_desktop.storage.database",
         "medbill_desktop.services.setup", "medbill_desktop.services.users", "medbill_desktop.services.overview")
first = {}
class Watch(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name in HEAVY and name not in first:
            first[name] = threading.current_thread().name
        return None
sys.meta_path.insert(0, Watch())
from medbill_desktop import app
from medbill_desktop.gui import session
at_shown = {}
def shown(window):
    at_shown.update(page=window.ui.rootStack.currentWidget().objectName(),
                    focus=window.focusWidget().objectName() if window.focusWidget() else "",
                    gui_thread_imports=[n for n, t in first.items() if t == "MainThread"])
real_start = session.Session.start
def start(self):
    self.main_window_shown.connect(shown)
    real_start(self)
session.Session.start = start
code = app.main(sys.argv[1:])
print(json.dumps({"code": code, "first_import_thread": first, "at_shown": at_shown}))
"""


def test_heavy_imports_happen_on_the_worker_not_before_the_window(tmp_path: Path, demo_db: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MEDBILL_DB_PASSPHRASE=PASSPHRASE,
               MEDBILL_PASSWORD=ADMIN_PASSWORD, XDG_STATE_HOME=str(tmp_path / "state"))
    done = subprocess.run([sys.executable, "-c", WATCH_IMPORTS, "--db", str(demo_db), "--sign-in", "admin",
                           "--exit-when-shown"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[:2] == ["main-window-shown", "signed-in"]
    report = json.loads(lines[2])
    assert report["at_shown"] == {"page": "signInPage", "focus": "passwordEdit", "gui_thread_imports": []}
    threads = report["first_import_thread"]
    assert {"sqlalchemy", "sqlcipher3", "argon2", "medbill_desktop.services.setup"} <= set(threads)
    assert threads["sqlalchemy"] == "medbill-db-worker"
    assert "MainThread" not in threads.values(), threads  # none on the GUI thread, ever (the sync worker may)


def test_screenshot_of_a_workspace(tmp_path: Path, demo_db: Path) -> None:
    target = tmp_path / "shots" / "users.png"
    done = run_app(tmp_path, "--db", str(demo_db), "--sign-in", "admin", "--workspace", "users",
                   "--screenshot", str(target))
    assert done.returncode == 0, done.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(target))
    assert (image.width(), image.height()) == app.WINDOW_SIZE
