"""The database at rest: no patient data in the files, unreadable without the key, clear messages when the
key is wrong or missing, and the key kept in the keyring or derived from the practice passphrase."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail, null

from medbill_desktop.domain.ledger import Party, charge
from medbill_desktop.domain.practice import Practice
from medbill_desktop.domain.roles import Role
from medbill_desktop.services import ledger, setup, users
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.errors import UnlockError
from medbill_desktop.storage import keys
from medbill_desktop.storage.engine import make_engine

NAME = "Zebulon Quixotic-Farnsworth"
PASSPHRASE = "correct horse battery staple"
WRONG_KEY = "could not be opened: the passphrase or key is wrong, or the file is not a MedBill database"


def files_next_to(db_path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in db_path.parent.iterdir() if p.is_file()}


def occurrences(data: bytes, text: str) -> int:
    return sum(data.count(text.encode(enc)) for enc in ("utf-8", "utf-16-le", "utf-16-be"))


def test_a_patient_name_is_in_no_file_but_reads_back_through_the_services(workstation: Workstation,
                                                                           db_path: Path) -> None:
    users.add_user(workstation, "zeb", NAME, Role.FRONT_DESK, "zeb-password-1")
    tx = ledger.post(workstation, charge("L1", Party.PATIENT, "ACC9", 12000, date(2026, 11, 2),
                                         memo=f"Office visit, {NAME}"))
    stored = ledger.transaction(workstation, tx.id)
    assert stored is not None and stored.memo == f"Office visit, {NAME}"
    assert NAME in {u.full_name for u in users.list_users(workstation)}

    found = files_next_to(db_path)
    assert {db_path.name, db_path.name + "-wal"} <= set(found)
    assert len(found[db_path.name + "-wal"]) > 0  # the new rows are in the WAL right now
    for name, data in found.items():
        for word in (NAME, "Zebulon", "Quixotic", "Office visit"):
            assert occurrences(data, word) == 0, f"{word!r} is readable in {name}"

    workstation.close()  # checkpoints the WAL into the database file
    for name, data in files_next_to(db_path).items():
        assert occurrences(data, "Zebulon") == 0, name


def test_the_stdlib_sqlite3_module_cannot_read_the_file(workstation: Workstation, db_path: Path) -> None:
    workstation.close()
    plain = sqlite3.connect(db_path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
            plain.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        plain.close()


def make(db_path: Path, practice: Practice) -> None:
    setup.create_workstation(db_path, practice, admin_username="admin", admin_full_name="Ada Admin",
                             admin_password="admin-pass-1").close()


def assert_clear(error: UnlockError, message: str) -> None:
    assert message in error.message
    assert "Traceback" not in error.message and "sqlcipher" not in error.message.lower()
    assert error.__cause__ is None and error.__suppress_context__  # raised `from None`: no chained trace


@pytest.fixture
def insecure_keyring() -> None:
    keyring.set_keyring(fail.Keyring())  # the memory_keyring fixture puts the previous one back


@pytest.mark.usefixtures("insecure_keyring")
def test_without_a_secure_keyring_the_key_comes_from_the_passphrase(db_path: Path, practice: Practice,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(keys.PASSPHRASE_ENV, PASSPHRASE)
    assert setup.needs_passphrase(db_path)
    make(db_path, practice)

    text = keys.KeyInfo.path_for(db_path).read_text()
    info = json.loads(text)
    assert set(info) == {"database_id", "source", "salt", "n", "r", "p"} and info["source"] == "passphrase"
    key = keys.derive_key(PASSPHRASE, bytes.fromhex(info["salt"]), info["n"], info["r"], info["p"])
    assert key.hex() not in text.lower() and key.hex() not in info["salt"]
    assert keys.KeyInfo.path_for(db_path).stat().st_mode & 0o077 == 0

    engine = make_engine(db_path, key)  # the derived key opens the database
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM users").scalar() == 1
    engine.dispose()

    setup.open_workstation(db_path).close()
    monkeypatch.setenv(keys.PASSPHRASE_ENV, "not the passphrase")
    with pytest.raises(UnlockError) as caught:
        setup.open_workstation(db_path)
    assert_clear(caught.value, WRONG_KEY)


@pytest.mark.usefixtures("insecure_keyring")
def test_the_passphrase_can_be_asked_for(db_path: Path, practice: Practice) -> None:
    asked: list[bool] = []

    def ask(choosing: bool) -> str:
        asked.append(choosing)
        return PASSPHRASE if len(asked) < 3 else "a wrong passphrase"

    setup.create_workstation(db_path, practice, admin_username="admin", admin_full_name="Ada Admin",
                             admin_password="admin-pass-1", ask=ask).close()
    setup.open_workstation(db_path, ask=ask).close()
    with pytest.raises(UnlockError) as caught:
        setup.open_workstation(db_path, ask=ask)
    assert_clear(caught.value, WRONG_KEY)
    assert asked == [True, False, False]


@pytest.mark.usefixtures("insecure_keyring")
def test_no_passphrase_and_no_secure_keyring(db_path: Path, practice: Practice,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(UnlockError) as caught:
        make(db_path, practice)
    assert_clear(caught.value, f"Enter it when asked, or set {keys.PASSPHRASE_ENV}")
    assert not db_path.exists() and not keys.KeyInfo.path_for(db_path).exists()

    monkeypatch.setenv(keys.PASSPHRASE_ENV, "too short")
    with pytest.raises(UnlockError, match="at least 10 characters"):
        make(db_path, practice)
    assert list(db_path.parent.iterdir()) == []

    monkeypatch.setenv(keys.PASSPHRASE_ENV, PASSPHRASE)
    make(db_path, practice)
    monkeypatch.delenv(keys.PASSPHRASE_ENV)
    with pytest.raises(UnlockError) as caught:
        setup.open_workstation(db_path)
    assert_clear(caught.value, "no secure keyring")


def test_with_a_secure_keyring_the_random_key_lives_there(db_path: Path, practice: Practice,
                                                          memory_keyring) -> None:  # type: ignore[no-untyped-def]
    assert not setup.needs_passphrase(db_path)
    make(db_path, practice)
    info = keys.KeyInfo.load(db_path)
    assert info is not None and info.source == "keyring" and info.salt == ""
    assert list(memory_keyring.secrets) == [(keys.SERVICE, info.database_id)]
    key_hex = memory_keyring.secrets[(keys.SERVICE, info.database_id)]
    assert len(bytes.fromhex(key_hex)) == 32
    assert key_hex not in keys.KeyInfo.path_for(db_path).read_text()
    for data in files_next_to(db_path).values():
        assert key_hex.encode() not in data and bytes.fromhex(key_hex) not in data
    setup.open_workstation(db_path).close()


def test_a_wrong_key_in_the_keyring(db_path: Path, practice: Practice, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    make(db_path, practice)
    (entry,) = memory_keyring.secrets
    memory_keyring.secrets[entry] = "00" * 32
    with pytest.raises(UnlockError) as caught:
        setup.open_workstation(db_path)
    assert_clear(caught.value, WRONG_KEY)


def test_a_key_missing_from_the_keyring(db_path: Path, practice: Practice, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    make(db_path, practice)
    memory_keyring.secrets.clear()
    with pytest.raises(UnlockError) as caught:
        setup.open_workstation(db_path)
    assert_clear(caught.value, "The database key is not in this computer's keyring")


def test_missing_files(db_path: Path, practice: Practice) -> None:
    with pytest.raises(UnlockError) as caught:
        setup.open_workstation(db_path)
    assert_clear(caught.value, "There is no MedBill database at")
    make(db_path, practice)
    with pytest.raises(UnlockError, match="already exists"):
        make(db_path, practice)
    keys.KeyInfo.path_for(db_path).unlink()
    with pytest.raises(UnlockError) as caught:
        setup.open_workstation(db_path)
    assert_clear(caught.value, "medbill.db.keyinfo.json next to the database is missing")


def test_a_file_that_is_not_a_database(db_path: Path, practice: Practice) -> None:
    make(db_path, practice)
    db_path.write_bytes(b"just some text, not a database" * 200)
    with pytest.raises(UnlockError) as caught:
        setup.open_workstation(db_path)
    assert_clear(caught.value, WRONG_KEY)


class PlaintextKeyring(null.Keyring):
    priority = 1  # type: ignore[assignment]


@pytest.mark.parametrize(("backend", "secure"), [
    (fail.Keyring(), False), (null.Keyring(), False), (PlaintextKeyring(), False),
])
def test_which_keyrings_count_as_secure(backend: keyring.backend.KeyringBackend, secure: bool,
                                        memory_keyring) -> None:  # type: ignore[no-untyped-def]
    assert keys.backend_is_secure(backend) is secure
    assert keys.backend_is_secure(memory_keyring) is True
