"""The SQLCipher engine: raw 32-byte key, WAL, foreign keys, real BEGIN/COMMIT transactions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlcipher3 import dbapi2 as sqlcipher

from medbill_desktop.storage.errors import WrongKeyError

READ_ONLY = "medbill_read_only"  # execution option: this connection only reads


def _raw_connect(path: Path, key: bytes) -> sqlcipher.Connection:
    conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False, timeout=30)
    conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is reported once, by us
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError:
        conn.close()
        raise WrongKeyError(str(path)) from None
    conn.execute("PRAGMA cache_size = -65536")  # 64 MiB of decrypted pages: a repeated read decrypts nothing
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def check_key(path: Path, key: bytes) -> None:
    """Raise WrongKeyError now rather than at the first query."""
    _raw_connect(path, key).close()


def make_engine(path: Path, key: bytes, **kwargs: Any) -> Engine:
    if len(key) != 32:
        raise ValueError("the database key is 32 bytes")
    path.parent.mkdir(parents=True, exist_ok=True)
    # module=: SQLAlchemy wraps the driver's errors (IntegrityError, ...) only when it knows the driver.
    engine = create_engine("sqlite+pysqlite://", creator=lambda: _raw_connect(path, key), module=sqlcipher, **kwargs)

    # The driver's own transaction handling is off (isolation_level=None); SQLAlchemy's begin emits
    # a real BEGIN so that a service's work commits or rolls back as one. Writes take the write lock at
    # once (IMMEDIATE: no deadlock upgrading a read lock); reads begin DEFERRED, so in WAL mode they read
    # a snapshot while a long write (an 835 import) goes on.
    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE")

    return engine
