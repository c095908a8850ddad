#!/usr/bin/env python3
"""Set up and run MedBill Desktop from a checkout. Standard library only; needs Python 3.11 or newer.

    python3 scripts/dev.py start [ARGS...]   set up, create the demo database if there is none, start the program
    python3 scripts/dev.py test  [ARGS...]   set up, then ruff, import contracts, mypy and pytest (ARGS go to pytest)

Set-up, each part skipped when already done:
  - .venv (python3 -m venv; on Debian without venv/ensurepip, installs python3-venv when run as root or with
    passwordless sudo),
  - `pip install -e '.[dev]'`, repeated only when pyproject.toml changed (a stamp with its hash is kept in .venv),
  - where apt-get exists and we may use it (root, or passwordless sudo): the Debian libraries Qt needs, and
    xvfb, xauth and poppler-utils; apt-get update runs only when something is missing,
  - for `test` only: PostgreSQL's server programs (Debian's `postgresql`), which the practice-server tests use to
    start a throwaway cluster; skipped when /usr/lib/postgresql/<ver>/bin, $MEDBILL_PG_BIN or initdb on PATH has them.
"""

from __future__ import annotations

import glob
import hashlib
import importlib.util
import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".medbill-dev-stamp"
DEMO_MARK = VENV / ".medbill-demo-db.json"

QT_DEBS = [
    "libgl1", "libegl1", "libxkbcommon0", "libxkbcommon-x11-0", "libfontconfig1", "libdbus-1-3", "libglib2.0-0",
    "libx11-xcb1", "libxcb-cursor0", "libxcb-icccm4", "libxcb-image0", "libxcb-keysyms1", "libxcb-randr0",
    "libxcb-render-util0", "libxcb-shape0", "libxcb-xfixes0", "libxcb-xkb1", "libcups2",
]
TOOL_DEBS = ["xvfb", "xauth", "poppler-utils"]
# Debian 13 renamed some libraries for the 64-bit time_t transition; either name will do.
DEB_ALTERNATIVES = {"libglib2.0-0": ["libglib2.0-0t64"], "libcups2": ["libcups2t64"]}

DEMO_USERS = ("manager", "biller", "frontdesk")
DEMO_PASSWORD = "medbill-demo"
DEMO_DB_PASSPHRASE = "medbill-demo-passphrase"
PASSPHRASE_ENV = "MEDBILL_DB_PASSPHRASE"


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def fail(message: str, code: int = 1) -> int:
    print(f"[dev] FAILED: {message}", file=sys.stderr, flush=True)
    return code


class SetupError(Exception):
    pass


# --- Debian packages -----------------------------------------------------------------------------

def _privilege() -> list[str] | None:
    """The prefix that runs a command as root: [] when we are root, sudo -n when it needs no password."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return []
    sudo = shutil.which("sudo")
    if sudo and subprocess.run([sudo, "-n", "true"], capture_output=True).returncode == 0:
        return [sudo, "-n"]
    return None


def _debs_installed(names: list[str]) -> set[str]:
    """Which of these packages are installed (one dpkg-query call; unknown names are simply not listed)."""
    out = subprocess.run(["dpkg-query", "-W", "-f=${Package} ${db:Status-Abbrev}\n", *names],
                         capture_output=True, text=True)
    found = set()
    for line in out.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[1].startswith("ii"):
            found.add(parts[0].split(":")[0])
    return found


def _deb_has_candidate(name: str) -> bool:
    out = subprocess.run(["apt-cache", "policy", name], capture_output=True, text=True)
    return any(line.strip().startswith("Candidate:") and "(none)" not in line for line in out.stdout.splitlines())


def _apt(prefix: list[str], args: list[str]) -> None:
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    cmd = [*prefix, "apt-get", *args]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SetupError(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}")


def ensure_debs(packages: list[str], why: str, required: bool = False) -> None:
    if not (shutil.which("apt-get") and shutil.which("dpkg-query")):
        return  # not a Debian-like system: nothing to do here
    installed = _debs_installed([n for p in packages for n in [p, *DEB_ALTERNATIVES.get(p, [])]])
    missing = [p for p in packages if not installed.intersection([p, *DEB_ALTERNATIVES.get(p, [])])]
    if not missing:
        return
    prefix = _privilege()
    if prefix is None:
        say(f"{why}: missing Debian packages {' '.join(missing)}; not root and no passwordless sudo, so install them "
            f"yourself: sudo apt-get install -y {' '.join(missing)}")
        return
    say(f"{why}: installing Debian packages {' '.join(missing)} (apt-get update first)")
    try:
        _apt(prefix, ["update", "-qq"])
        names = []
        for p in missing:
            options = [p, *DEB_ALTERNATIVES.get(p, [])]
            names.append(next((n for n in options if _deb_has_candidate(n)), p))
        _apt(prefix, ["install", "-y", "-qq", "--no-install-recommends", *names])
    except SetupError as exc:
        if required:
            raise
        say(f"WARNING: {exc}\n[dev] carrying on; what needs these packages may fail")


# --- the virtual environment ---------------------------------------------------------------------

def _venv_python() -> Path:
    return BIN / ("python.exe" if os.name == "nt" else "python")


def _venv_works() -> bool:
    py = _venv_python()
    return py.exists() and subprocess.run([str(py), "-c", "import pip"], capture_output=True).returncode == 0


def ensure_venv() -> None:
    if _venv_works():
        return
    if VENV.exists():
        say(f"{VENV} is incomplete; making it again")
        shutil.rmtree(VENV)
    if importlib.util.find_spec("ensurepip") is None or importlib.util.find_spec("venv") is None:
        v = f"{sys.version_info.major}.{sys.version_info.minor}"
        ensure_debs(["python3-venv", f"python{v}-venv"], "python3 has no venv/ensurepip", required=True)
    say(f"creating {VENV.relative_to(ROOT)} with {sys.executable} ({sys.version.split()[0]})")
    done = subprocess.run([sys.executable, "-m", "venv", str(VENV)], capture_output=True, text=True)
    if done.returncode != 0 or not _venv_works():
        shutil.rmtree(VENV, ignore_errors=True)
        raise SetupError(f"python3 -m venv failed:\n{done.stdout}{done.stderr}\n"
                         "On Debian or Ubuntu: sudo apt-get install python3-venv")


def _wanted_stamp() -> str:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    return json.dumps({"pyproject_sha256": digest, "python": sys.version.split()[0]}, sort_keys=True)


def ensure_packages() -> None:
    wanted = _wanted_stamp()
    scripts_there = all((BIN / name).exists() for name in ("medbill", "medbill-desktop", "pytest"))
    if STAMP.exists() and STAMP.read_text() == wanted and scripts_there:
        return
    say("installing the project and its Python packages: pip install -e '.[dev]' (quiet)")
    cmd = [str(_venv_python()), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", ".[dev]"]
    done = subprocess.run(cmd, cwd=ROOT)
    if done.returncode != 0:
        raise SetupError(f"pip install failed ({done.returncode})")
    STAMP.write_text(wanted)


def setup() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs on the system python3, whatever it is
        raise SetupError(f"MedBill Desktop needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    ensure_venv()
    ensure_packages()
    ensure_debs(QT_DEBS + TOOL_DEBS, "Qt's system libraries and the virtual screen")


def postgres_present() -> bool:
    """PostgreSQL's server programs, where tests/server and medbill_desktop.server.localpg look for them."""
    pg_bin = os.environ.get("MEDBILL_PG_BIN")
    if pg_bin and (Path(pg_bin) / "initdb").exists():
        return True
    if glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        return True
    return bool(shutil.which("initdb") and shutil.which("pg_ctl"))


def ensure_postgres() -> None:
    """The practice-server tests start a throwaway PostgreSQL cluster: install Debian's `postgresql` if needed."""
    if postgres_present():
        return
    if not (shutil.which("apt-get") and shutil.which("dpkg-query")):
        say("PostgreSQL's server programs (initdb, pg_ctl) were not found and this is not a Debian-like system: "
            "install PostgreSQL, or set MEDBILL_PG_BIN to its bin folder; the practice-server tests fail without it")
        return
    ensure_debs(["postgresql"], "the practice-server tests need PostgreSQL", required=True)
    if not postgres_present():
        say("WARNING: postgresql is installed but no /usr/lib/postgresql/<ver>/bin/initdb was found; "
            "the practice-server tests will say what is missing")


# --- start ---------------------------------------------------------------------------------------

def _probe() -> dict[str, object]:
    code = ("import json\n"
            "from medbill_desktop.cli.common import default_db_path\n"
            "from medbill_desktop.storage.keys import backend_is_secure\n"
            "print(json.dumps({'db': str(default_db_path()), 'secure': backend_is_secure()}))\n")
    done = subprocess.run([str(_venv_python()), "-c", code], capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise SetupError(f"could not find the default database path:\n{done.stderr[-2000:]}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _demo_dbs() -> list[str]:
    """Demo databases this checkout locked with the demo passphrase."""
    try:
        found = json.loads(DEMO_MARK.read_text()).get("dbs", [])
    except (OSError, ValueError, AttributeError):
        return []
    return [str(p) for p in found] if isinstance(found, list) else []


def _mark_demo_db(db: Path, locked_with_demo_passphrase: bool) -> None:
    dbs = [p for p in _demo_dbs() if p != str(db)] + ([str(db)] if locked_with_demo_passphrase else [])
    DEMO_MARK.write_text(json.dumps({"dbs": dbs}))


def _db_argument(extra: list[str]) -> Path | None:
    """The database the program was asked to open with --db PATH or --db=PATH, if any."""
    for i, arg in enumerate(extra):
        if arg == "--db" and i + 1 < len(extra):
            return Path(extra[i + 1]).expanduser().resolve()
        if arg.startswith("--db="):
            return Path(arg.split("=", 1)[1]).expanduser().resolve()
    return None


def start(extra: list[str]) -> int:
    setup()
    probe = _probe()
    chosen = _db_argument(extra)
    db = chosen or Path(str(probe["db"]))
    env = dict(os.environ)
    if not db.exists():
        if not probe["secure"] and not env.get(PASSPHRASE_ENV):
            env[PASSPHRASE_ENV] = DEMO_DB_PASSPHRASE
            say(f"No secure OS keyring here, so the demo database is locked with a practice passphrase instead: "
                f"{PASSPHRASE_ENV}={DEMO_DB_PASSPHRASE} is set for this run (and for later `start` runs).")
        _mark_demo_db(db, env.get(PASSPHRASE_ENV) == DEMO_DB_PASSPHRASE)
        say(f"no database at {db}: creating the demo practice (medbill demo)")
        demo = [str(BIN / "medbill"), *(["--db", str(db)] if chosen else []), "demo"]
        done = subprocess.run(demo, env=env, cwd=ROOT, stdin=subprocess.DEVNULL)
        if done.returncode != 0:
            return fail(f"`medbill demo` exited with {done.returncode}", done.returncode)
    elif not env.get(PASSPHRASE_ENV) and str(db) in _demo_dbs():
        env[PASSPHRASE_ENV] = DEMO_DB_PASSPHRASE
        say(f"the demo database was locked with the practice passphrase {DEMO_DB_PASSPHRASE!r}: "
            f"{PASSPHRASE_ENV} is set for this run")
    say(f"database: {db}")
    say(f"sign in as {', '.join(DEMO_USERS)} with the password {DEMO_PASSWORD} (for the demo database)")
    cmd = [str(BIN / "medbill-desktop"), *extra]
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        xvfb_run = shutil.which("xvfb-run")
        if xvfb_run:
            say("no DISPLAY or WAYLAND_DISPLAY: running under `xvfb-run -a` on a virtual screen, so the window is "
                "not visible here (close it with Ctrl+C)")
            cmd = [xvfb_run, "-a", "-s", "-screen 0 1366x850x24", *cmd]
        else:
            say("no DISPLAY or WAYLAND_DISPLAY and no xvfb-run: Qt will probably fail to open a window")
    say("starting: " + shlex.join(cmd))
    try:
        return subprocess.run(cmd, env=env, cwd=ROOT).returncode
    except KeyboardInterrupt:
        return 130


# --- test ----------------------------------------------------------------------------------------

def test(extra: list[str]) -> int:
    setup()
    ensure_postgres()
    steps = [
        ("ruff", [str(BIN / "ruff"), "check", "src", "tests", "benchmarks", "scripts"]),
        ("import contracts (lint-imports)", [str(BIN / "lint-imports")]),
        ("mypy", [str(BIN / "mypy")]),
        ("pytest", [str(BIN / "pytest"), *extra]),
    ]
    for name, cmd in steps:
        say(f"==> {name}: {' '.join(Path(c).name if i == 0 else c for i, c in enumerate(cmd))}")
        code = subprocess.run(cmd, cwd=ROOT, stdin=subprocess.DEVNULL).returncode
        if name == "pytest" and code == 5:
            return fail("pytest collected no tests (exit 5), which counts as a failure", 5)
        if code != 0:
            return fail(f"{name} exited with {code}", code)
        say(f"<== {name}: passed")
    say("all checks passed")
    return 0


USAGE = __doc__ or ""


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(USAGE)
        return 0 if argv else 2
    command, extra = argv[0], argv[1:]
    try:
        if command == "start":
            return start(extra)
        if command == "test":
            return test(extra)
    except SetupError as exc:
        return fail(str(exc))
    print(USAGE)
    return fail(f"unknown command {command!r}: use start or test", 2)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
