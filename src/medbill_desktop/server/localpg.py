"""A throwaway PostgreSQL cluster for tests, benchmarks and trying the server out.

PostgreSQL refuses to run as root, so as root the cluster is made and started through
`runuser -u postgres --`, with its data and socket in a temporary folder owned by postgres. It listens on a
free loopback port only and trusts local connections (it is for trying things out, never for a practice's
real data: use the practice's own PostgreSQL for that).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_USER = "medbill"
DEFAULT_DB = "medbill"


class PostgresMissing(RuntimeError):
    """The PostgreSQL server programs (initdb, pg_ctl) are not installed."""


def find_bin_dir() -> Path:
    """The folder with initdb and pg_ctl: $MEDBILL_PG_BIN, Debian's newest /usr/lib/postgresql/<ver>/bin, or PATH."""
    wanted = os.environ.get("MEDBILL_PG_BIN")
    candidates: list[Path] = [Path(wanted)] if wanted else []
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                      key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0, reverse=True)
    candidates += [Path(p) for p in versions]
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    raise PostgresMissing(
        "PostgreSQL's server programs (initdb, pg_ctl) were not found in $MEDBILL_PG_BIN, /usr/lib/postgresql/*/bin "
        "or on PATH. On Debian or Ubuntu: sudo apt-get install postgresql (python3 scripts/dev.py test does this "
        "when run as root).")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LocalPostgres:
    """One cluster: `start()` it, use `url`, `stop()` it (which deletes its folder unless keep=True)."""

    root: Path | None = None
    port: int = 0
    fast: bool = True  # fsync off: for tests and benchmarks; a crash loses the cluster, which is thrown away anyway
    keep: bool = False
    bin_dir: Path = field(default_factory=find_bin_dir)
    _made_root: bool = False
    _running: bool = False

    @property
    def as_root(self) -> bool:
        return hasattr(os, "geteuid") and os.geteuid() == 0

    @property
    def data_dir(self) -> Path:
        assert self.root is not None
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        assert self.root is not None
        return self.root / "run"

    @property
    def url(self) -> str:
        return f"postgresql://{DEFAULT_USER}@127.0.0.1:{self.port}/{DEFAULT_DB}"

    def admin_url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{DEFAULT_USER}@127.0.0.1:{self.port}/{dbname}"

    def _run(self, args: list[str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
        cmd = (["runuser", "-u", "postgres", "--"] if self.as_root else []) + args
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd="/",
                              env=dict(os.environ, LC_ALL="C", LANG="C"))
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}):\n"
                               f"{done.stdout[-3000:]}{done.stderr[-3000:]}")
        return done

    def _prepare_root(self) -> None:
        if self.root is None:
            # Directly under the temp folder: postgres must be able to reach it, and pytest's own temp folders
            # belong to root with mode 0700.
            self.root = Path(tempfile.mkdtemp(prefix="medbill-pg-"))
            self._made_root = True
        self.root.mkdir(parents=True, exist_ok=True)
        self.socket_dir.mkdir(exist_ok=True)
        if self.as_root:
            try:
                pg = pwd.getpwnam("postgres")
            except KeyError as exc:
                raise PostgresMissing("running as root, PostgreSQL needs the 'postgres' user (the postgresql "
                                      "package makes it): apt-get install postgresql") from exc
            for p in (self.root, self.socket_dir):
                os.chown(p, pg.pw_uid, pg.pw_gid)
            os.chmod(self.root, 0o700)

    def initdb(self) -> None:
        self._prepare_root()
        if (self.data_dir / "PG_VERSION").exists():
            return
        self._run([str(self.bin_dir / "initdb"), "-D", str(self.data_dir), "-U", DEFAULT_USER, "--auth=trust",
                   "-E", "UTF8", "--no-locale", "--no-sync"])

    def start(self) -> LocalPostgres:
        self.initdb()
        assert self.root is not None
        last: Exception | None = None
        for _ in range(5):
            port = self.port or free_port()
            options = f"-p {port} -k {self.socket_dir} -c listen_addresses=127.0.0.1 -c max_connections=100"
            if self.fast:
                options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            try:
                self._run([str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-l", str(self.root / "log.txt"),
                           "-o", options, "-w", "-t", "60", "start"])
            except RuntimeError as exc:  # most likely the port was taken in the meantime: try another
                last = exc
                if self.port:
                    break
                continue
            self.port = port
            self._running = True
            self._create_database()
            return self
        log = ""
        with contextlib.suppress(OSError):
            log = (self.root / "log.txt").read_text()[-3000:]
        raise RuntimeError(f"PostgreSQL did not start: {last}\n{log}")

    def _create_database(self) -> None:
        import psycopg

        for _ in range(50):
            try:
                with psycopg.connect(self.admin_url(), autocommit=True, connect_timeout=5) as conn:
                    exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DEFAULT_DB,)).fetchone()
                    if not exists:
                        conn.execute(f'CREATE DATABASE "{DEFAULT_DB}"')
                    return
            except psycopg.OperationalError:
                time.sleep(0.1)
        raise RuntimeError(f"PostgreSQL started on port {self.port} but does not accept connections")

    def stop(self) -> None:
        if self._running:
            with contextlib.suppress(Exception):
                mode = "fast" if self.keep else "immediate"  # a cluster that is kept shuts down cleanly
                self._run([str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", mode, "-w", "stop"],
                          timeout=60)
            self._running = False
        if self._made_root and not self.keep and self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> LocalPostgres:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
