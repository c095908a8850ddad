"""The hash-chained audit log: what is recorded, and that `verify_audit` finds an edit or a removed row
even when someone drops the append-only trigger to make it."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import text

from medbill_desktop.domain.audit import AuditAction, entry_hash
from medbill_desktop.domain.errors import PermissionDenied
from medbill_desktop.domain.ledger import Party, charge
from medbill_desktop.domain.practice import Practice
from medbill_desktop.domain.roles import Role
from medbill_desktop.services import audit, ledger, users
from medbill_desktop.services import practice as practice_service
from medbill_desktop.services.context import Actor, Workstation

ADMIN_PASSWORD = "admin-pass-1"  # the `workstation` fixture's manager, tests/conftest.py


def rows(ws: Workstation) -> list[tuple[int, str, str, str, dict[str, object]]]:
    return [(e.seq, e.actor, e.action, e.entity, json.loads(e.detail))
            for e in reversed(audit.recent_entries(ws, limit=1000))]


def raw(ws: Workstation, *statements: str) -> None:
    with ws.db.engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))


def test_a_fresh_chain_verifies(workstation: Workstation) -> None:
    report = audit.verify_audit(workstation)
    assert report.ok and report.first_broken_seq is None
    assert report.entries == len(rows(workstation)) >= 3
    assert report.message == f"The audit log is intact: {report.entries} entries, each chained to the one before."


def test_sign_ins_changes_views_prints_and_exports_are_recorded(workstation: Workstation, practice: Practice) -> None:
    start = len(rows(workstation))
    users.add_user(workstation, "dora", "Dora Desk", Role.FRONT_DESK, "dora-password")
    practice_service.save_practice(workstation, replace(practice, phone="217-555-0199"))
    tx = ledger.post(workstation, charge("L1", Party.PATIENT, "ACC7", 5000, date(2026, 11, 2)))
    users.sign_in(workstation, "dora", "dora-password")
    audit.record(workstation, AuditAction.VIEW, "patient_account", "ACC7")
    audit.record(workstation, AuditAction.PRINT, "statement", "ACC7", {"pages": 1})
    audit.record(workstation, AuditAction.EXPORT, "report", "aging", {"format": "csv"})
    users.sign_in(workstation, "admin", ADMIN_PASSWORD)

    assert [r[1:] for r in rows(workstation)[start:]] == [
        ("admin", "change", "user", {"op": "add", "username": "dora", "role": "front_desk"}),
        ("admin", "change", "practice", {"fields": ["phone"]}),
        ("admin", "change", "ledger_transaction", {"op": "post", "kind": "charge", "reverses": None}),
        ("dora", "sign_in", "user", {}),
        ("dora", "view", "patient_account", {}),
        ("dora", "print", "statement", {"pages": 1}),
        ("dora", "export", "report", {"format": "csv"}),
        ("admin", "sign_in", "user", {}),
    ]
    assert tx.id in {e.entity_id for e in audit.recent_entries(workstation, limit=10)}
    assert audit.verify_audit(workstation).ok


def test_only_a_manager_reads_the_audit_log(workstation: Workstation, sign_in_as: Callable[[Role], Actor]) -> None:
    sign_in_as(Role.BILLER)
    with pytest.raises(PermissionDenied, match="may not view audit"):
        audit.recent_entries(workstation)


def test_an_edited_row_is_found(workstation: Workstation) -> None:
    users.add_user(workstation, "dora", "Dora Desk", Role.FRONT_DESK, "dora-password")
    users.add_user(workstation, "bert", "Bert Biller", Role.BILLER, "bert-password")
    target = next(r[0] for r in rows(workstation) if r[4].get("username") == "dora")
    raw(workstation, "DROP TRIGGER audit_log_no_update",
        f"UPDATE audit_log SET detail = '{{\"op\":\"add\",\"role\":\"manager\",\"username\":\"dora\"}}' "
        f"WHERE seq = {target}")
    report = audit.verify_audit(workstation)
    assert not report.ok and report.first_broken_seq == target
    assert report.message == (f"The audit log was tampered with at entry {target}: "
                              "its content was changed after it was written.")


def test_an_edited_row_with_its_hash_recomputed_is_still_found(workstation: Workstation) -> None:
    first = audit.recent_entries(workstation, limit=1000)[-1]
    forged = replace(first, actor="mallory")
    digest = entry_hash(forged.seq, forged.at, forged.actor, forged.action, forged.entity, forged.entity_id,
                        forged.detail, forged.prev_hash)
    raw(workstation, "DROP TRIGGER audit_log_no_update",
        f"UPDATE audit_log SET actor = 'mallory', hash = '{digest}' WHERE seq = {first.seq}")
    report = audit.verify_audit(workstation)
    assert not report.ok and report.first_broken_seq == first.seq + 1 and "does not follow" in report.reason


def test_a_deleted_row_leaves_a_gap_that_is_reported(workstation: Workstation) -> None:
    users.add_user(workstation, "dora", "Dora Desk", Role.FRONT_DESK, "dora-password")
    users.add_user(workstation, "bert", "Bert Biller", Role.BILLER, "bert-password")
    target = next(r[0] for r in rows(workstation) if r[4].get("username") == "dora")
    raw(workstation, "DROP TRIGGER audit_log_no_delete", f"DELETE FROM audit_log WHERE seq = {target}")
    report = audit.verify_audit(workstation)
    assert not report.ok and report.first_broken_seq == target + 1
    assert f"entries {target}..{target} are missing" in report.reason
