"""The database key: random and kept in the OS keyring, or derived from the practice passphrase when the
keyring is not secure. Never written anywhere in plaintext.

Beside each database lives `<db>.keyinfo.json` (no secret in it): the database's identity, which
source its key comes from, and the scrypt salt and parameters when it is passphrase-derived.

`keyring` (about 0.1 s to import) is imported only where the keyring is used: reading the key information
file, or a passphrase-derived key, does not need it, so the program's start-up screens can ask quickly.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from medbill_desktop.storage.errors import KeyUnavailableError

if TYPE_CHECKING:
    import keyring.backend

SERVICE = "MedBill Desktop"
PASSPHRASE_ENV = "MEDBILL_DB_PASSPHRASE"
KEY_BYTES = 32
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MIN_PASSPHRASE = 10

PassphraseSource = Callable[[bool], str | None]
"""Asked for the practice passphrase; the flag says whether it is being chosen (True) or entered."""

_INSECURE_MODULES = ("keyrings.alt", "keyring.backends.fail", "keyring.backends.null")


def backend_is_secure(backend: keyring.backend.KeyringBackend | None = None) -> bool:
    """False for the fail and null backends, plaintext or keyrings.alt ones, and chainers with none secure."""
    import keyring

    kr = backend or keyring.get_keyring()
    children = getattr(kr, "backends", None)
    if children is not None:  # ChainerBackend
        return any(backend_is_secure(b) for b in children)
    module = type(kr).__module__
    if module.startswith(_INSECURE_MODULES) or "plaintext" in type(kr).__name__.lower():
        return False
    try:
        return float(kr.priority) > 0  # type: ignore[arg-type]
    except Exception:
        return False


@dataclass(frozen=True)
class KeyInfo:
    database_id: str
    source: str  # "keyring" or "passphrase"
    salt: str = ""
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P

    @staticmethod
    def path_for(db_path: Path) -> Path:
        return db_path.with_name(db_path.name + ".keyinfo.json")

    @classmethod
    def load(cls, db_path: Path) -> KeyInfo | None:
        path = cls.path_for(db_path)
        if not path.exists():
            return None
        return cls(**json.loads(path.read_text()))

    def save(self, db_path: Path) -> None:
        from medbill_desktop.storage.files import atomic_write

        atomic_write(self.path_for(db_path), json.dumps(self.__dict__, indent=2).encode(), mode=0o600)


def derive_key(passphrase: str, salt: bytes, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> bytes:
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=256 * 1024 * 1024, dklen=KEY_BYTES)


def _passphrase(ask: PassphraseSource | None, choosing: bool) -> str:
    value = os.environ.get(PASSPHRASE_ENV) or (ask(choosing) if ask else None)
    if not value:
        raise KeyUnavailableError(
            "This computer has no secure keyring, so the database is locked with the practice passphrase. "
            f"Enter it when asked, or set {PASSPHRASE_ENV} for an unattended run."
        )
    if choosing and len(value) < MIN_PASSPHRASE:
        raise KeyUnavailableError(f"The practice passphrase must be at least {MIN_PASSPHRASE} characters.")
    return value


def create_key(db_path: Path, ask: PassphraseSource | None = None) -> bytes:
    """Make the key for a new database and record where it lives."""
    import keyring
    from keyring.errors import KeyringError

    database_id = secrets.token_hex(16)
    if backend_is_secure() and not os.environ.get(PASSPHRASE_ENV):
        key = secrets.token_bytes(KEY_BYTES)
        try:
            keyring.set_password(SERVICE, database_id, key.hex())
            KeyInfo(database_id, "keyring").save(db_path)
            return key
        except KeyringError:
            pass  # the keyring refused: fall back to the passphrase
    salt = secrets.token_bytes(16)
    info = KeyInfo(database_id, "passphrase", salt.hex())
    key = derive_key(_passphrase(ask, choosing=True), salt, info.n, info.r, info.p)
    info.save(db_path)
    return key


def load_key(db_path: Path, ask: PassphraseSource | None = None) -> bytes:
    info = KeyInfo.load(db_path)
    if info is None:
        raise KeyUnavailableError(
            f"The key information file {KeyInfo.path_for(db_path).name} next to the database is missing."
        )
    if info.source == "keyring":
        import keyring
        from keyring.errors import KeyringError

        try:
            stored = keyring.get_password(SERVICE, info.database_id)
        except KeyringError as exc:
            raise KeyUnavailableError(f"The OS keyring could not be read: {exc}") from None
        if stored is None:
            raise KeyUnavailableError(
                "The database key is not in this computer's keyring. Restore the database from a backup "
                "with its backup passphrase ('medbill restore')."
            )
        return bytes.fromhex(stored)
    return derive_key(_passphrase(ask, choosing=False), bytes.fromhex(info.salt), info.n, info.r, info.p)


def forget_key(db_path: Path) -> None:
    info = KeyInfo.load(db_path)
    if info and info.source == "keyring":
        import keyring
        from keyring.errors import KeyringError

        with contextlib.suppress(KeyringError):
            keyring.delete_password(SERVICE, info.database_id)
