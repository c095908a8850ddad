"""Encrypted backup and restore: round trip, wrong passphrase, damaged files, the database kept aside."""

from __future__ import annotations

import json
import os
import stat
from datetime import date
from pathlib import Path

import keyring
import pytest
from sqlalchemy import select

from medbill_desktop.domain import ledger as L
from medbill_desktop.domain.errors import PermissionDenied
from medbill_desktop.domain.roles import Role
from medbill_desktop.services import audit, backup, ledger, setup, users
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.errors import ServiceError
from medbill_desktop.storage import keys
from medbill_desktop.storage.tables import users as users_table

PASSPHRASE = "correct horse battery"
DISTINCTIVE = "Zebulon Quillfeather"
DOS = date(2026, 10, 30)


def _make_data(ws: Workstation) -> dict[str, int]:
    users.add_user(ws, "bquill", DISTINCTIVE, Role.BILLER, "biller-pass-77")
    users.add_user(ws, "fdesk", "Frances Desk", Role.FRONT_DESK, "front-pass-77")
    ledger.post(ws, L.charge("line-1", L.Party.PRIMARY, "A1001", 15000, DOS, memo=f"office visit {DISTINCTIVE}"))
    ledger.post(ws, L.charge("line-2", L.Party.PATIENT, "A1001", 4000, DOS))
    ledger.post(ws, L.payment("batch-7", [(L.receivable("line-2", L.Party.PATIENT, "A1001"), 2500)], DOS,
                              source_key="paper:7"))
    return ledger.all_balances(ws)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_round_trip_restores_the_same_data_under_a_new_key(workstation, tmp_path: Path, clock,
                                                            memory_keyring) -> None:
    balances = _make_data(workstation)
    totals = ledger.totals(workstation)
    dest = tmp_path / "out" / "practice.medbill-backup"

    made = backup.create_backup(workstation, dest, PASSPHRASE)

    assert made.verified and made.path == dest and dest.exists()
    assert made.size_bytes == dest.stat().st_size
    assert made.ledger_transactions == 3
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600
    assert sorted(p.name for p in dest.parent.iterdir()) == ["practice.medbill-backup"]  # no temp files left
    newest = audit.recent_entries(workstation, limit=1)[0]
    assert (newest.action, newest.entity_id) == ("backup", "practice.medbill-backup")
    original_id = keys.KeyInfo.load(workstation.path).database_id  # type: ignore[union-attr]

    target = tmp_path / "restored" / "medbill.db"
    done = backup.restore_backup(dest, PASSPHRASE, target, actor="cli", clock=clock)

    assert done.path == target and done.kept_aside is None and done.key_source == "keyring"
    assert done.ledger_transactions == 3
    new_info = keys.KeyInfo.load(target)
    assert new_info is not None and new_info.database_id != original_id
    assert memory_keyring.get_password(keys.SERVICE, new_info.database_id) is not None
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    restored = setup.open_workstation(target, clock=clock)
    try:
        report = audit.verify_audit(restored)
        assert report.ok
        assert report.entries == made.audit_entries + 1 == done.audit_entries
        users.sign_in(restored, "bquill", "biller-pass-77")
        assert ledger.all_balances(restored) == balances
        assert ledger.totals(restored) == totals
        with restored.read() as conn:
            names = sorted(conn.execute(select(users_table.c.full_name)).scalars())
        assert names == ["Ada Admin", "Frances Desk", DISTINCTIVE]
        users.sign_out(restored)
        users.sign_in(restored, "admin", "admin-pass-1")
        entries = audit.recent_entries(restored, limit=5)
        restore_entry = next(e for e in entries if e.action == "restore")
        assert restore_entry.actor == "cli" and restore_entry.entity_id == "practice.medbill-backup"
        # The ledger still refuses edits after the copy: the triggers came along.
        with pytest.raises(Exception, match="never edited"), restored.write() as conn:
            conn.exec_driver_sql("UPDATE ledger_postings SET amount_cents = 1")
    finally:
        restored.close()
    # Nothing but the database and its key file is left next to it.
    assert sorted(p.name for p in target.parent.iterdir()) == ["medbill.db", "medbill.db.keyinfo.json"]


def test_backup_file_hides_names_and_is_not_sqlite(workstation, tmp_path: Path) -> None:
    import sqlite3

    _make_data(workstation)
    dest = tmp_path / "b.medbill-backup"
    backup.create_backup(workstation, dest, PASSPHRASE)
    data = dest.read_bytes()
    assert DISTINCTIVE.encode() not in data
    assert b"Zebulon" not in data and b"bquill" not in data
    header = json.loads(data.split(b"\n", 1)[0])
    assert header["magic"] == "MEDBILL-BACKUP 1" and header["kdf"]["name"] == "scrypt"
    payload = tmp_path / "payload.db"
    payload.write_bytes(data.split(b"\n", 1)[1])
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(payload).execute("SELECT * FROM sqlite_master").fetchall()


def test_wrong_passphrase_is_one_clear_message_and_changes_nothing(workstation, tmp_path: Path) -> None:
    _make_data(workstation)
    dest = tmp_path / "b.medbill-backup"
    backup.create_backup(workstation, dest, PASSPHRASE)
    target_dir = tmp_path / "target"
    target_dir.mkdir()
    target = target_dir / "medbill.db"

    with pytest.raises(ServiceError) as caught:
        backup.verify_backup(dest, "not the passphrase")
    assert caught.value.message == (
        "The backup passphrase is wrong (or the backup file's header was altered). Nothing was changed.")
    assert caught.value.field == "passphrase"

    with pytest.raises(ServiceError, match="passphrase is wrong"):
        backup.restore_backup(dest, "not the passphrase", target)
    assert list(target_dir.iterdir()) == []


def test_existing_target_is_kept_aside_with_its_key(workstation, tmp_path: Path, clock, practice) -> None:
    _make_data(workstation)
    dest = tmp_path / "b.medbill-backup"
    backup.create_backup(workstation, dest, PASSPHRASE)
    # Another database already lives at the target, with its own key and data.
    other_path = tmp_path / "site" / "medbill.db"
    other = setup.create_workstation(other_path, practice, admin_username="boss", admin_full_name="Other Boss",
                                     admin_password="boss-pass-123", clock=clock)
    other.close()
    clock.advance(minutes=5)

    done = backup.restore_backup(dest, PASSPHRASE, other_path, clock=clock)

    assert done.kept_aside == other_path.with_name("medbill.db.before-restore-20261102T150500Z")
    kept = setup.open_workstation(done.kept_aside)
    try:
        assert [u.username for u in _users(kept)] == ["boss"]
    finally:
        kept.close()
    now = setup.open_workstation(other_path)
    try:
        assert [u.username for u in _users(now)] == ["admin", "bquill", "fdesk"]
    finally:
        now.close()
    leftovers = sorted(p.name for p in other_path.parent.iterdir())
    assert leftovers == ["medbill.db", "medbill.db.before-restore-20261102T150500Z",
                         "medbill.db.before-restore-20261102T150500Z.keyinfo.json", "medbill.db.keyinfo.json"]


def _users(ws: Workstation) -> list[users.UserInfo]:
    with ws.read() as conn:
        return [users.UserInfo(r.id, r.username, r.full_name, Role(r.role), r.active, r.locked_until)
                for r in conn.execute(select(users_table).order_by(users_table.c.username))]


def test_truncated_backup_is_reported_and_nothing_changes(workstation, tmp_path: Path) -> None:
    _make_data(workstation)
    dest = tmp_path / "b.medbill-backup"
    backup.create_backup(workstation, dest, PASSPHRASE)
    data = dest.read_bytes()
    short = tmp_path / "short.medbill-backup"
    short.write_bytes(data[: len(data) - 1000])
    target = tmp_path / "t" / "medbill.db"

    with pytest.raises(ServiceError) as caught:
        backup.restore_backup(short, PASSPHRASE, target)
    assert caught.value.message == ("The backup file short.medbill-backup is incomplete: 1,000 bytes are missing "
                                    "from its end (was it copied completely?). Nothing was changed.")
    assert not target.exists() and not keys.KeyInfo.path_for(target).exists()
    assert [p.name for p in target.parent.iterdir()] == []

    header_only = tmp_path / "cut.medbill-backup"
    header_only.write_bytes(data[:40])
    with pytest.raises(ServiceError, match="incomplete"):
        backup.verify_backup(header_only, PASSPHRASE)


def test_tampered_byte_is_detected(workstation, tmp_path: Path) -> None:
    _make_data(workstation)
    dest = tmp_path / "b.medbill-backup"
    backup.create_backup(workstation, dest, PASSPHRASE)
    data = bytearray(dest.read_bytes())
    header_len = data.index(b"\n") + 1
    data[header_len + 5000] ^= 0x01
    bad = tmp_path / "bad.medbill-backup"
    bad.write_bytes(bytes(data))
    with pytest.raises(ServiceError, match="damaged: its contents do not match the checksum"):
        backup.verify_backup(bad, PASSPHRASE)

    # Someone who also rewrites the checksum in the header is caught by the header's MAC.
    import hashlib

    header = json.loads(data[:header_len])
    header["payload_sha256"] = hashlib.sha256(bytes(data[header_len:])).hexdigest()
    forged = tmp_path / "forged.medbill-backup"
    forged.write_bytes(json.dumps(header).encode() + b"\n" + bytes(data[header_len:]))
    with pytest.raises(ServiceError, match="header was altered"):
        backup.verify_backup(forged, PASSPHRASE)


def test_not_a_backup_and_missing_file(tmp_path: Path) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("hello\nworld\n")
    with pytest.raises(ServiceError, match="notes.txt is not a MedBill backup file"):
        backup.verify_backup(junk, PASSPHRASE)
    with pytest.raises(ServiceError, match="There is no backup file at"):
        backup.verify_backup(tmp_path / "missing.medbill-backup", PASSPHRASE)


def test_backup_rules(workstation, tmp_path: Path, clock) -> None:
    with pytest.raises(ServiceError, match="at least 10 characters"):
        backup.create_backup(workstation, tmp_path / "b.medbill-backup", "short")
    assert not (tmp_path / "b.medbill-backup").exists()

    # A folder as destination gets a dated file name; an existing file is never overwritten.
    made = backup.create_backup(workstation, tmp_path, PASSPHRASE)
    assert made.path == tmp_path / "medbill-20261102T150000Z.medbill-backup"
    before = made.path.read_bytes()
    with pytest.raises(ServiceError, match="already exists"):
        backup.create_backup(workstation, made.path, PASSPHRASE)
    assert made.path.read_bytes() == before

    users.add_user(workstation, "fdesk", "Frances Desk", Role.FRONT_DESK, "front-pass-77")
    users.sign_out(workstation)
    users.sign_in(workstation, "fdesk", "front-pass-77")
    with pytest.raises(PermissionDenied, match="may not backup"):
        backup.create_backup(workstation, tmp_path / "fd.medbill-backup", PASSPHRASE)


def test_restore_without_secure_keyring_uses_the_practice_passphrase(workstation, tmp_path: Path,
                                                                     monkeypatch) -> None:
    _make_data(workstation)
    dest = tmp_path / "b.medbill-backup"
    backup.create_backup(workstation, dest, PASSPHRASE)
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    target = tmp_path / "p" / "medbill.db"
    with pytest.raises(ServiceError, match="no secure keyring"):
        backup.restore_backup(dest, PASSPHRASE, target)
    assert [p.name for p in target.parent.iterdir()] == []

    monkeypatch.setenv(keys.PASSPHRASE_ENV, "practice-passphrase-1")
    done = backup.restore_backup(dest, PASSPHRASE, target)
    assert done.key_source == "passphrase"
    ws = setup.open_workstation(target)
    try:
        users.sign_in(ws, "bquill", "biller-pass-77")
        assert ledger.totals(ws).transactions == 3
    finally:
        ws.close()
    monkeypatch.setenv(keys.PASSPHRASE_ENV, "some-other-passphrase")
    with pytest.raises(ServiceError, match="passphrase or key is wrong"):
        setup.open_workstation(target)


def test_backup_of_a_database_with_pending_wal_is_complete(workstation, tmp_path: Path) -> None:
    """Everything committed is in the backup even when it still sits in the WAL."""
    _make_data(workstation)
    wal = workstation.path.with_name(workstation.path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    made = backup.create_backup(workstation, tmp_path / "b.medbill-backup", PASSPHRASE)
    assert made.ledger_transactions == 3
    assert os.path.getsize(made.path) == made.size_bytes


def test_backup_of_a_tampered_audit_log_fails_its_check_and_is_removed(workstation, tmp_path: Path) -> None:
    _make_data(workstation)
    with workstation.write() as conn:  # someone with the key bypasses the append-only trigger
        conn.exec_driver_sql("DROP TRIGGER audit_log_no_update")
        conn.exec_driver_sql("UPDATE audit_log SET actor = 'nobody' WHERE seq = 3")
    dest = tmp_path / "b.medbill-backup"
    with pytest.raises(ServiceError) as caught:
        backup.create_backup(workstation, dest, PASSPHRASE)
    assert caught.value.message == (
        "The backup was written but failed its check, so it was removed: The backup's audit log was tampered "
        "with at entry 3: its content was changed after it was written.")
    assert list(tmp_path.glob("*.medbill-backup")) == []
