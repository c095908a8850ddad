"""Encrypted backup files: write, verify, restore.

A backup is one file:

    line 1   a JSON header (no secret in it), ended by a newline:
             {"magic": "MEDBILL-BACKUP 1", "kdf": {"name": "scrypt", "n", "r", "p", "salt"},
              "created_at", "schema_revision", "payload_bytes", "payload_sha256", "mac"}
    then     the payload: a SQLCipher 4 copy of the database (`sqlcipher_export`), encrypted with a key
             derived from the backup passphrase.

scrypt turns the passphrase and the random salt into 64 bytes: the first 32 are the payload's raw
SQLCipher key, the last 32 key an HMAC-SHA256 over the header, so a wrong passphrase is told apart from a
damaged file before anything is opened, and nobody without the passphrase can alter the header unnoticed.
SQLCipher's own per-page HMAC protects the payload as well as the SHA-256 in the header.

Restoring never writes over anything before the copy is complete and checked: the payload is exported
into a new database file with a new key for this machine (keyring or practice passphrase), and only then
swapped in; a database already at the target is kept aside as `<name>.before-restore-<timestamp>`.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, func, select, text
from sqlcipher3 import dbapi2 as sqlcipher

from medbill_desktop.domain.audit import verify_chain
from medbill_desktop.storage import audit_log, keys, schema
from medbill_desktop.storage.engine import make_engine
from medbill_desktop.storage.errors import StorageError, WrongKeyError
from medbill_desktop.storage.tables import ledger_transactions

MAGIC = "MEDBILL-BACKUP 1"
_LEAD = b'{"magic":"' + MAGIC.encode() + b'"'  # how every backup file begins
SUFFIX = ".medbill-backup"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MIN_PASSPHRASE = 10
_MAX_HEADER = 64 * 1024
_CHUNK = 1024 * 1024
# Limits on what a header may ask of scrypt, so that a crafted file cannot make us allocate gigabytes.
_MAX_N, _MAX_R, _MAX_P = 2**20, 32, 16
_DB_SUFFIXES = ("", "-wal", "-shm")


class BackupError(StorageError):
    """A backup could not be written, verified or restored; the message says why and what to do."""


class WrongBackupPassphrase(BackupError):
    def __init__(self) -> None:
        super().__init__(
            "The backup passphrase is wrong (or the backup file's header was altered). Nothing was changed."
        )


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """What a verified backup holds."""

    path: Path
    size_bytes: int
    created_at: str
    schema_revision: str
    payload_sha256: str
    audit_entries: int
    ledger_transactions: int


@dataclass(frozen=True, slots=True)
class RestoreInfo:
    path: Path
    backup: BackupInfo
    kept_aside: Path | None
    key_source: str  # "keyring" or "passphrase"


# --- keys and header ---------------------------------------------------------------------------------

def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> tuple[bytes, bytes]:
    if not (1 < n <= _MAX_N and n & (n - 1) == 0 and 0 < r <= _MAX_R and 0 < p <= _MAX_P):
        raise BackupError("The backup file's header is damaged (key parameters out of range). Nothing was changed.")
    out = hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                         maxmem=128 * r * (n + p + 2) + 1024 * 1024, dklen=64)
    return out[:32], out[32:]


def _canonical(header: dict[str, Any]) -> bytes:
    return json.dumps({k: v for k, v in header.items() if k != "mac"}, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def _mac(mac_key: bytes, header: dict[str, Any]) -> str:
    return hmac.new(mac_key, _canonical(header), hashlib.sha256).hexdigest()


def _read_header(fh: IO[bytes], src: Path) -> tuple[dict[str, Any], int]:
    line = fh.readline(_MAX_HEADER)
    if not line:
        raise BackupError(f"The file {src.name} is empty: it is not a MedBill backup. Nothing was changed.")
    if not line.endswith(b"\n"):
        if line.startswith(_LEAD) or _LEAD.startswith(line):
            raise BackupError(f"The backup file {src.name} is incomplete (it ends inside its header). "
                              "Nothing was changed.")
        raise BackupError(f"{src.name} is not a MedBill backup file. Nothing was changed.")
    try:
        header = json.loads(line)
    except ValueError:
        header = None
    if not isinstance(header, dict) or header.get("magic") != MAGIC:
        if b"MEDBILL-BACKUP" in line:
            raise BackupError(f"The backup file {src.name} is damaged: its header cannot be read. "
                              "Nothing was changed.")
        raise BackupError(f"{src.name} is not a MedBill backup file. Nothing was changed.")
    required = ("kdf", "created_at", "schema_revision", "payload_bytes", "payload_sha256", "mac")
    if any(k not in header for k in required) or not isinstance(header["kdf"], dict):
        raise BackupError(f"The backup file {src.name} is damaged: its header is incomplete. Nothing was changed.")
    return header, len(line)


# --- raw SQLCipher connections -----------------------------------------------------------------------

def _key_sql(key: bytes) -> str:
    return f"\"x'{key.hex()}'\""


def _quote_path(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _open_raw(path: Path, key: bytes) -> sqlcipher.Connection:
    conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = {_key_sql(key)}")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError:
        conn.close()
        raise WrongKeyError(str(path)) from None
    return conn


def _export(conn: Any, dest: Path, dest_key: bytes) -> None:
    """Copy the connection's main database into a new SQLCipher file at dest with dest_key."""
    user_version = conn.execute("PRAGMA main.user_version").fetchone()[0]
    conn.execute(f"ATTACH DATABASE {_quote_path(dest)} AS medbill_export KEY {_key_sql(dest_key)}")
    try:
        conn.execute("PRAGMA medbill_export.journal_mode = DELETE")
        # One read transaction: every table is copied from the same moment of the database.
        conn.execute("BEGIN")
        try:
            conn.execute("SELECT sqlcipher_export('medbill_export')")
            conn.execute(f"PRAGMA medbill_export.user_version = {int(user_version)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute("DETACH DATABASE medbill_export")


def _fsync(path: Path) -> None:
    """Flush a file, or a folder's entries after a rename, to the disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _private_dir(near: Path) -> Iterator[Path]:
    """A 0700 scratch folder next to `near` (same file system, so the final rename is atomic); removed after."""
    near.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=near, prefix=".medbill-backup-"))
    try:
        os.chmod(tmp, 0o700)
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# --- checking a payload ------------------------------------------------------------------------------

def _check_payload(payload: Path, key: bytes) -> tuple[str, int, int]:
    """Integrity, page HMACs, the audit chain. Returns (schema revision, audit entries, ledger transactions)."""
    try:
        conn = _open_raw(payload, key)
    except WrongKeyError:
        raise WrongBackupPassphrase() from None
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if problems != ["ok"]:
            raise BackupError(f"The backup is damaged: the database inside fails its integrity check "
                              f"({problems[0]}). Nothing was changed.")
        bad_pages = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        if bad_pages:
            raise BackupError(f"The backup is damaged: {len(bad_pages)} encrypted page(s) fail their check. "
                              "Nothing was changed.")
    except sqlcipher.DatabaseError as exc:
        raise BackupError(f"The backup is damaged: {exc}. Nothing was changed.") from None
    finally:
        conn.close()
    engine = make_engine(payload, key)
    try:
        with engine.connect() as sa:
            revision = sa.execute(text("SELECT version_num FROM alembic_version")).scalar()
            broken = verify_chain(audit_log.entries(sa))
            n_audit = audit_log.count(sa)
            n_tx = int(sa.execute(select(func.count()).select_from(ledger_transactions)).scalar_one())
    finally:
        engine.dispose()
    if broken is not None:
        raise BackupError(f"The backup's audit log was tampered with at entry {broken.seq}: {broken.reason}. "
                          "Nothing was changed.")
    return str(revision or ""), n_audit, n_tx


def _extract(src: Path, passphrase: str, into: Path) -> tuple[dict[str, Any], bytes, Path, int]:
    """Check the file's framing, hash and header MAC, and copy the payload to `into`.
    Returns (header, payload key, payload path, file size)."""
    try:
        fh = open(src, "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        raise BackupError(f"There is no backup file at {src}.") from None
    except IsADirectoryError:
        raise BackupError(f"{src} is a folder, not a backup file.") from None
    with fh:
        size = os.fstat(fh.fileno()).st_size
        header, header_len = _read_header(fh, src)
        try:
            expected = int(header["payload_bytes"])
        except (TypeError, ValueError):
            raise BackupError(f"The backup file {src.name} is damaged: its header cannot be read. "
                              "Nothing was changed.") from None
        actual = size - header_len
        if actual < expected:
            raise BackupError(
                f"The backup file {src.name} is incomplete: {expected - actual:,} bytes are missing from its end "
                "(was it copied completely?). Nothing was changed."
            )
        if actual > expected:
            raise BackupError(f"The backup file {src.name} is damaged: it has {actual - expected:,} unexpected "
                              "bytes at its end. Nothing was changed.")
        payload = into / "payload.db"
        digest = hashlib.sha256()
        with open(payload, "wb") as out:
            os.fchmod(out.fileno(), 0o600)
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
                out.write(chunk)
    if not hmac.compare_digest(digest.hexdigest(), str(header["payload_sha256"])):
        raise BackupError(f"The backup file {src.name} is damaged: its contents do not match the checksum "
                          "written with it. Nothing was changed.")
    kdf = header["kdf"]
    try:
        salt = bytes.fromhex(str(kdf["salt"]))
        n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
    except (KeyError, TypeError, ValueError):
        raise BackupError(f"The backup file {src.name} is damaged: its key parameters cannot be read. "
                          "Nothing was changed.") from None
    key, mac_key = _derive(passphrase, salt, n, r, p)
    if not hmac.compare_digest(_mac(mac_key, header), str(header["mac"])):
        raise WrongBackupPassphrase()
    return header, key, payload, size


def _verify(src: Path, passphrase: str, scratch: Path) -> tuple[BackupInfo, bytes, Path]:
    header, key, payload, size = _extract(src, passphrase, scratch)
    revision, n_audit, n_tx = _check_payload(payload, key)
    if revision != header["schema_revision"]:
        raise BackupError(f"The backup file {src.name} is damaged: its header and contents disagree on the "
                          "schema. Nothing was changed.")
    info = BackupInfo(src, size, str(header["created_at"]), revision, str(header["payload_sha256"]),
                      n_audit, n_tx)
    return info, key, payload


# --- the three operations ----------------------------------------------------------------------------

def write_backup(engine: Engine, dest: Path, passphrase: str, created_at: str) -> BackupInfo:
    """Write an encrypted backup of the open database to `dest` (atomically, mode 0600), then verify it."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise BackupError(f"The backup passphrase must be at least {MIN_PASSPHRASE} characters.")
    if dest.exists():
        raise BackupError(f"A file already exists at {dest}; choose another name. Nothing was written.")
    salt = secrets.token_bytes(16)
    key, mac_key = _derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    with _private_dir(dest.parent) as scratch:
        payload = scratch / "payload.db"
        raw = engine.raw_connection()
        try:
            _export(raw.driver_connection, payload, key)
            revision = raw.driver_connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            raw.close()
        for extra in ("-wal", "-shm", "-journal"):
            payload.with_name(payload.name + extra).unlink(missing_ok=True)
        digest = hashlib.sha256()
        with open(payload, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
        header: dict[str, Any] = {
            "magic": MAGIC,
            "kdf": {"name": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": salt.hex()},
            "created_at": created_at,
            "schema_revision": str(revision[0]) if revision else "",
            "payload_bytes": payload.stat().st_size,
            "payload_sha256": digest.hexdigest(),
        }
        header["mac"] = _mac(mac_key, header)
        line = json.dumps(header, separators=(",", ":")).encode("utf-8") + b"\n"  # "magic" first
        assert line.startswith(_LEAD)
        staged = scratch / "backup.tmp"
        with open(staged, "wb") as out, open(payload, "rb") as fh:
            os.fchmod(out.fileno(), 0o600)
            out.write(line)
            shutil.copyfileobj(fh, out, _CHUNK)
            out.flush()
            os.fsync(out.fileno())
        payload.unlink()
        if dest.exists():  # appeared while we worked
            raise BackupError(f"A file already exists at {dest}; choose another name. Nothing was written.")
        os.replace(staged, dest)
        _fsync(dest.parent)
    try:
        return verify_backup_file(dest, passphrase)
    except BackupError as exc:
        dest.unlink(missing_ok=True)
        reason = str(exc).removesuffix(" Nothing was changed.")
        raise BackupError(f"The backup was written but failed its check, so it was removed: {reason}") from None


def verify_backup_file(src: Path, passphrase: str) -> BackupInfo:
    """Check a backup end to end without changing anything: framing, checksum, passphrase, integrity, audit."""
    with _private_dir(Path(tempfile.gettempdir())) as scratch:
        info, _key, _payload = _verify(src, passphrase, scratch)
    return info


def _known_revision(revision: str) -> bool:
    try:
        return ScriptDirectory.from_config(schema.alembic_config()).get_revision(revision) is not None
    except CommandError:
        return False


def _move_db(src: Path, dst: Path) -> None:
    for suffix in _DB_SUFFIXES:
        s = src.with_name(src.name + suffix)
        if s.exists():
            os.replace(s, dst.with_name(dst.name + suffix))


def _swap(staging: Path, target: Path, kept: Path | None) -> None:
    """The old database and its key file step aside, the new ones take their names. If a rename fails
    halfway, the old database is put back where it was."""
    target_info, staging_info = keys.KeyInfo.path_for(target), keys.KeyInfo.path_for(staging)
    if kept is not None:
        _move_db(target, kept)
        if target_info.exists():
            os.replace(target_info, keys.KeyInfo.path_for(kept))
    else:
        for suffix in ("-wal", "-shm"):  # leftovers of a database that is gone
            target.with_name(target.name + suffix).unlink(missing_ok=True)
    try:
        os.replace(staging_info, target_info)
        _move_db(staging, target)
    except BaseException:
        if target_info.exists() and not staging_info.exists():
            os.replace(target_info, staging_info)
        if target.exists() and not staging.exists():
            _move_db(target, staging)
        if kept is not None:
            _move_db(kept, target)
            if keys.KeyInfo.path_for(kept).exists():
                os.replace(keys.KeyInfo.path_for(kept), target_info)
        raise
    _fsync(target.parent)


def restore_backup_file(src: Path, passphrase: str, target: Path, *, stamp: str,
                        ask: keys.PassphraseSource | None = None,
                        record: Callable[[Connection, BackupInfo, Path | None], None] | None = None) -> RestoreInfo:
    """Verify the backup, export it into a new database at `target` with a new key for this machine, and
    swap it in. An existing database at `target` (and its key file) is kept aside, never deleted.
    `record(conn, info, kept_aside)` runs inside a transaction on the restored database before the swap
    (the service writes its audit entry there). `stamp` names the kept-aside copy."""
    if len(passphrase) == 0:
        raise WrongBackupPassphrase()
    if target.is_dir():
        raise BackupError(f"{target} is a folder; give the path of the database file to restore into.")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".{target.name}.restoring-{stamp}")
    staging_info = keys.KeyInfo.path_for(staging)
    with _private_dir(target.parent) as scratch:
        info, backup_key, payload = _verify(src, passphrase, scratch)
        if not _known_revision(info.schema_revision):
            raise BackupError(f"The backup was made by a newer MedBill version (schema {info.schema_revision}); "
                              "update MedBill Desktop on this computer first. Nothing was changed.")
        kept: Path | None = None
        if target.exists():
            kept = target.with_name(f"{target.name}.before-restore-{stamp}")
            if kept.exists() or keys.KeyInfo.path_for(kept).exists():
                raise BackupError(f"{kept.name} already exists; wait a moment and try again. Nothing was changed.")
        try:
            new_key = keys.create_key(staging, ask)
        except StorageError as exc:
            raise BackupError(f"{exc} Nothing was changed.") from None
        try:
            conn = _open_raw(payload, backup_key)
            try:
                _export(conn, staging, new_key)
            finally:
                conn.close()
            engine = make_engine(staging, new_key)
            try:
                if record is not None:
                    with engine.begin() as sa:
                        record(sa, info, kept)
                raw = engine.raw_connection()
                try:
                    raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                finally:
                    raw.close()
            finally:
                engine.dispose()
            os.chmod(staging, 0o600)
            for suffix in _DB_SUFFIXES:
                part = staging.with_name(staging.name + suffix)
                if part.exists():
                    _fsync(part)
            source = keys.KeyInfo.load(staging)
            assert source is not None
            _swap(staging, target, kept)
        except BaseException:
            keys.forget_key(staging)
            for suffix in _DB_SUFFIXES:
                staging.with_name(staging.name + suffix).unlink(missing_ok=True)
            staging_info.unlink(missing_ok=True)
            raise
    return RestoreInfo(target, info, kept, source.source)
