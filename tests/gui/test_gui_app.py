"""The desktop program's command line: options, the unattended sign-in, --exit-when-shown, --screenshot."""

from __future__ import annotations

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
        app.parse_args(["--workspace", "payments"])
    assert "choose from home, front_desk, charges, claims, reference, practice, users, audit" in capsys.readouterr().err
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
    assert done.stdout.splitlines() == ["main-window-shown"]
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
    assert "Traceback" not in done.stderr and "main-window-shown" not in done.stdout


def test_screenshot_of_a_workspace(tmp_path: Path, demo_db: Path) -> None:
    target = tmp_path / "shots" / "users.png"
    done = run_app(tmp_path, "--db", str(demo_db), "--sign-in", "admin", "--workspace", "users",
                   "--screenshot", str(target))
    assert done.returncode == 0, done.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(target))
    assert (image.width(), image.height()) == app.WINDOW_SIZE
