"""Create and open the workstation's encrypted database."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from medbill_desktop.storage import keys, schema
from medbill_desktop.storage.engine import check_key, make_engine
from medbill_desktop.storage.errors import DatabaseMissingError, StorageError


@dataclass
class Database:
    path: Path
    engine: Engine

    def close(self) -> None:
        self.engine.dispose()


def create_database(path: Path, ask: keys.PassphraseSource | None = None) -> Database:
    if path.exists():
        raise StorageError(f"A database already exists at {path}; it was left as it is.")
    path.parent.mkdir(parents=True, exist_ok=True)
    key = keys.create_key(path, ask)
    engine = make_engine(path, key)
    schema.upgrade(engine)
    path.chmod(0o600)
    return Database(path, engine)


def open_database(path: Path, ask: keys.PassphraseSource | None = None) -> Database:
    if not path.exists():
        raise DatabaseMissingError(str(path))
    key = keys.load_key(path, ask)
    check_key(path, key)
    engine = make_engine(path, key)
    if schema.current_revision(engine) != schema.head_revision():
        schema.upgrade(engine)
    return Database(path, engine)
