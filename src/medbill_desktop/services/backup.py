"""Encrypted backup and restore, each checked before it is reported done.

- `create_backup` writes the open database to one file encrypted with a key derived from a backup
  passphrase, verifies the file it wrote, and leaves an audit entry.
- `verify_backup` checks a file end to end and changes nothing.
- `restore_backup` verifies, then puts the backup in place as a new database with a new key for this
  computer; a database already there is kept aside as `<name>.before-restore-<timestamp>`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection

from medbill_desktop.domain.audit import AuditAction
from medbill_desktop.domain.roles import Permission
from medbill_desktop.services.context import Workstation, utc_now
from medbill_desktop.services.errors import ServiceError
from medbill_desktop.storage import audit_log
from medbill_desktop.storage import backup as store
from medbill_desktop.storage.errors import StorageError

MIN_PASSPHRASE = store.MIN_PASSPHRASE
SUFFIX = store.SUFFIX
PassphraseSource = Callable[[bool], str | None]


@dataclass(frozen=True, slots=True)
class BackupReport:
    path: Path
    size_bytes: int
    audit_entries: int
    ledger_transactions: int
    schema_revision: str
    created_at: str
    verified: bool
    sha256: str = ""

    @property
    def message(self) -> str:
        return (f"Backup {self.path} ({self.size_bytes:,} bytes, made {self.created_at}) is verified: "
                f"{self.ledger_transactions} ledger transactions, {self.audit_entries} audit entries, "
                "audit chain intact.")


@dataclass(frozen=True, slots=True)
class RestoreReport:
    path: Path
    size_bytes: int
    audit_entries: int
    ledger_transactions: int
    schema_revision: str
    created_at: str
    verified: bool
    backup: Path
    kept_aside: Path | None
    key_source: str

    @property
    def message(self) -> str:
        where = {"keyring": "its key is in this computer's keyring",
                 "passphrase": "it opens with the practice passphrase"}.get(self.key_source, "")
        lines = [f"Restored {self.backup.name} (made {self.created_at}) to {self.path}; {where}.",
                 f"{self.ledger_transactions} ledger transactions, {self.audit_entries} audit entries."]
        if self.kept_aside is not None:
            lines.append(f"The database that was there is kept as {self.kept_aside}.")
        return " ".join(lines)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _error(exc: StorageError) -> ServiceError:
    field = "passphrase" if isinstance(exc, store.WrongBackupPassphrase) else None
    return ServiceError(str(exc), field)


def _report(info: store.BackupInfo) -> BackupReport:
    return BackupReport(info.path, info.size_bytes, info.audit_entries, info.ledger_transactions,
                        info.schema_revision, info.created_at, True, info.payload_sha256)


def default_backup_name(moment: datetime) -> str:
    return f"medbill-{_stamp(moment)}{SUFFIX}"


def create_backup(ws: Workstation, dest: Path, passphrase: str) -> BackupReport:
    """Write an encrypted, verified backup. `dest` is a file name, or a folder to put a dated file in."""
    ws.require(Permission.BACKUP)
    if len(passphrase) < MIN_PASSPHRASE:
        raise ServiceError(f"The backup passphrase must be at least {MIN_PASSPHRASE} characters.", "passphrase")
    if dest.is_dir():
        dest = dest / default_backup_name(ws.now())
    try:
        info = store.write_backup(ws.db.engine, dest, passphrase, ws.now_iso())
    except StorageError as exc:
        raise _error(exc) from None
    except OSError as exc:
        raise ServiceError(f"The backup could not be written to {dest}: {exc.strerror or exc}.", "dest") from None
    with ws.write() as conn:
        ws.audit(conn, AuditAction.BACKUP, "backup", dest.name, {
            "op": "created", "bytes": info.size_bytes, "sha256": info.payload_sha256,
            "audit_entries": info.audit_entries, "ledger_transactions": info.ledger_transactions,
        })
    return _report(info)


def verify_backup(src: Path, passphrase: str) -> BackupReport:
    """Check a backup file end to end (checksum, passphrase, database integrity, audit chain)."""
    try:
        return _report(store.verify_backup_file(src, passphrase))
    except StorageError as exc:
        raise _error(exc) from None
    except OSError as exc:
        raise ServiceError(f"The backup {src} could not be read: {exc.strerror or exc}.") from None


def restore_backup(src: Path, passphrase: str, target: Path, ask: PassphraseSource | None = None, *,
                   actor: str = "system", clock: Callable[[], datetime] = utc_now) -> RestoreReport:
    """Verify the backup and make it the database at `target`, with a new key for this computer (the
    keyring, or the practice passphrase from `ask` / MEDBILL_DB_PASSPHRASE). Close any open workstation
    on `target` first. The restore is audited in the restored database."""
    moment = clock()

    def record(conn: Connection, info: store.BackupInfo, kept: Path | None) -> None:
        audit_log.append(conn, at=_iso(moment), actor=actor, action=AuditAction.RESTORE, entity="backup",
                         entity_id=info.path.name, detail={
                             "op": "restored", "backup_created_at": info.created_at,
                             "sha256": info.payload_sha256, "kept_aside": kept.name if kept else None,
                         })

    try:
        done = store.restore_backup_file(src, passphrase, target, stamp=_stamp(moment), ask=ask, record=record)
    except StorageError as exc:
        raise _error(exc) from None
    except OSError as exc:
        raise ServiceError(f"The restore could not be completed: {exc.strerror or exc}. "
                           f"The database at {target} was left as it was.") from None
    info = done.backup
    return RestoreReport(done.path, done.path.stat().st_size, info.audit_entries + 1, info.ledger_transactions,
                         info.schema_revision, info.created_at, True, info.path, done.kept_aside,
                         done.key_source)


__all__ = ["BackupReport", "RestoreReport", "create_backup", "verify_backup", "restore_backup",
           "default_backup_name", "MIN_PASSPHRASE", "SUFFIX"]
