"""MedBill Desktop, the workstation program: the composition root of the GUI (`medbill-desktop`).

    medbill-desktop [--db PATH] [--sign-in USER] [--workspace NAME] [--exit-when-shown] [--screenshot FILE.png]

Start-up: the main window comes first, on its sign-in page (or, for a passphrase-derived key and no
MEDBILL_DB_PASSPHRASE, its passphrase page), ready for typing; no database yet -> the first-run set-up dialog
instead. `--sign-in USER` fills in and submits the sign-in page with the password in MEDBILL_PASSWORD (the
start-up benchmark and the screenshot script).

Nothing heavy runs on the GUI thread before the window shows: this module imports only the standard
library at the top; Qt, the window and its pages are what the GUI thread imports; SQLAlchemy, the services
and the database (key derivation, schema check) load on the database worker (gui/session.py, gui/tasks.py)
once the window is painted, while the user types. tests/gui/test_gui_app.py checks which thread imports what.

`--exit-when-shown` prints `main-window-shown` when the window is first painted with its sign-in page up,
and quits; with `--sign-in` it then waits for the sign-in and the first workspace's data, prints
`signed-in` once that is painted too, and quits (benchmarks/startup.py times both lines).
"""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import os
import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from medbill_desktop.gui.main_window import MainWindow

APP_NAME = "MedBill Desktop"
APP_AUTHOR = "MedBill"
PASSWORD_ENV = "MEDBILL_PASSWORD"
WINDOW_SIZE = (1280, 800)

log = logging.getLogger("medbill_desktop")


def default_db_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)) / "medbill.db"


def log_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def workspace_names() -> list[str]:
    from medbill_desktop.gui.workspaces import WORKSPACES

    return [spec.key for spec in WORKSPACES]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="medbill-desktop", description="MedBill Desktop billing workstation.")
    parser.add_argument("--db", type=Path, default=None, metavar="PATH",
                        help="the workstation database (default: medbill.db in the user data folder)")
    parser.add_argument("--sign-in", dest="sign_in", metavar="USER",
                        help=f"sign in as USER with the password in ${PASSWORD_ENV} (the program fills in and "
                             "submits the sign-in page)")
    parser.add_argument("--exit-when-shown", action="store_true",
                        help="print 'main-window-shown' and quit as soon as the main window is painted (its "
                             "sign-in page up); with --sign-in, also print 'signed-in' once the first "
                             "workspace has loaded, then quit")
    parser.add_argument("--screenshot", type=Path, metavar="FILE.png",
                        help="save a picture of the main window once it has loaded, then quit")
    parser.add_argument("--workspace", metavar="NAME",
                        help="the workspace to open first, e.g. home, practice, users, audit")
    args = parser.parse_args(argv)
    if args.workspace:
        from medbill_desktop.gui.workspaces import find_workspace

        if find_workspace(args.workspace) is None:
            parser.error(f"there is no workspace {args.workspace!r}; choose from {', '.join(workspace_names())}")
    if args.sign_in and not os.environ.get(PASSWORD_ENV):
        parser.error(f"--sign-in needs the password in the environment variable {PASSWORD_ENV}")
    args.db = (args.db or default_db_path()).expanduser()
    return args


# --- logging: rotating files, op labels and exception types only, never patient data ---------------
def configure_logging(directory: Path | None = None) -> Path | None:
    """Log to a rotating file in the user log folder; returns the file, or None when only stderr works."""
    folder = directory or log_dir()
    log_file = folder / "medbill-desktop.log"
    handler: logging.Handler
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(log_file, maxBytes=1_000_000, backupCount=5,
                                                       encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("medbill_desktop")
    root.setLevel(logging.INFO)
    root.addHandler(handler)
    sys.excepthook = _excepthook
    return log_file if isinstance(handler, logging.handlers.RotatingFileHandler) else None


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """A bug on the GUI thread: log where (not what: the message could hold patient data), tell the user."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    from medbill_desktop.gui.ops import where

    log.error("unhandled %s\n%s", kind.__name__, where(tb))
    try:
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is not None:
            from medbill_desktop.gui.ops import GENERIC_ERROR, message_box

            message_box(QApplication.activeWindow(), QMessageBox.Icon.Critical, APP_NAME, GENERIC_ERROR,
                        f"The problem was recorded in the program's log ({kind.__name__}).")
    except Exception:  # noqa: BLE001 - never fail while reporting a failure
        pass


def load_style() -> str:
    """The application style sheet, packaged as medbill_desktop/resources/style/app.qss."""
    from importlib.resources import files

    try:
        return (files("medbill_desktop.resources") / "style" / "app.qss").read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError):
        log.warning("the style sheet could not be read; using Qt's default look")
        return ""


def make_application() -> QApplication:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0] if sys.argv else "medbill-desktop"])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationDisplayName(APP_NAME)
    app.setQuitOnLastWindowClosed(False)  # between the dialogs and the main window nothing is shown
    return app


def save_screenshot(window: MainWindow, target: Path) -> bool:
    target.parent.mkdir(parents=True, exist_ok=True)
    return bool(window.grab().save(str(target), "PNG"))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    configure_logging()
    log.info("starting (version %s)", _version())

    app = make_application()
    from PySide6.QtCore import QTimer

    from medbill_desktop.gui.ops import OpRunner
    from medbill_desktop.gui.session import Session

    app.setStyleSheet(load_style())  # before any widget exists: each is polished once
    runner = OpRunner()
    sign_in = (args.sign_in, os.environ.get(PASSWORD_ENV, "")) if args.sign_in else None
    session = Session(runner, args.db, sign_in_as=sign_in, workspace=args.workspace,
                      window_size=WINDOW_SIZE if args.screenshot else None)
    session.start()  # the worker probes for the database while this thread builds the window

    def screenshot(window: MainWindow) -> None:
        def grab() -> None:
            ok = save_screenshot(window, args.screenshot)
            print(f"screenshot {'saved to' if ok else 'FAILED for'} {args.screenshot}", flush=True)
            session.end(0 if ok else 3)

        armed = False

        def when_idle() -> None:  # grab once the page has loaded its data
            nonlocal armed
            if armed or runner.is_busy():
                return
            armed = True
            QTimer.singleShot(400, grab)

        runner.idle.connect(when_idle)
        when_idle()

    def shown(window: MainWindow) -> None:
        """The window is painted, its sign-in (or passphrase) page ready for typing."""
        if args.exit_when_shown:
            print("main-window-shown", flush=True)
            if not args.sign_in:
                QTimer.singleShot(0, lambda: session.end(0))
        elif args.screenshot and not args.sign_in:
            screenshot(window)  # the sign-in page, once the database is open

    def at_work(window: MainWindow) -> None:
        """Signed in (--sign-in), the first workspace loaded and painted."""
        if args.exit_when_shown:
            print("signed-in", flush=True)
            QTimer.singleShot(0, lambda: session.end(0))
        elif args.screenshot:
            screenshot(window)

    session.main_window_shown.connect(shown)
    session.work_shown.connect(at_work)
    session.finished.connect(app.exit)
    try:
        code = app.exec()
    finally:
        session.shutdown()
    log.info("stopped (exit code %s)", code)
    return int(code)


def _version() -> str:
    from medbill_desktop import __version__

    return __version__


if __name__ == "__main__":
    raise SystemExit(main())
