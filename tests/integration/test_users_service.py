"""Sign-in, lockout, the lock screen and user administration, as the services enforce them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from medbill_desktop.domain.errors import DomainError, PermissionDenied
from medbill_desktop.domain.roles import Role
from medbill_desktop.services import settings, users
from medbill_desktop.services.context import COMMAND_LINE, Actor, Workstation
from medbill_desktop.services.errors import NotSignedIn, SignInError
from medbill_desktop.storage import audit_log
from medbill_desktop.storage.tables import users as users_table

ADMIN_PASSWORD = "admin-pass-1"  # the `workstation` fixture's manager, tests/conftest.py
WRONG = "The user name or password is wrong."


def audit_rows(ws: Workstation) -> list[tuple[str, str, str]]:
    with ws.read() as conn:
        return [(e.actor, e.action, e.detail) for e in audit_log.entries(conn)]


def sign_in_fails(ws: Workstation, username: str, password: str) -> str:
    with pytest.raises(SignInError) as caught:
        users.sign_in(ws, username, password)
    return caught.value.message


def test_sign_in(workstation: Workstation) -> None:
    users.sign_out(workstation)
    with pytest.raises(NotSignedIn, match="Sign in first"):
        users.list_users(workstation)
    actor = users.sign_in(workstation, "  Admin ", ADMIN_PASSWORD)
    assert (actor.username, actor.full_name, actor.role) == ("admin", "Ada Admin", Role.MANAGER)
    assert workstation.actor == actor
    assert audit_rows(workstation)[-1][:2] == ("admin", "sign_in")


def test_a_wrong_password_and_an_unknown_user_get_the_same_message(workstation: Workstation) -> None:
    assert sign_in_fails(workstation, "admin", "not-the-password") == WRONG
    assert sign_in_fails(workstation, "nobody", ADMIN_PASSWORD) == WRONG
    assert [row[:2] for row in audit_rows(workstation)[-2:]] == [("admin", "sign_in_failed"),
                                                                  ("nobody", "sign_in_failed")]


def test_lockout_after_repeated_failures_and_unlock_after_the_lockout_time(workstation: Workstation,
                                                                         clock) -> None:  # type: ignore[no-untyped-def]
    rules = settings.get_settings(workstation)
    for _ in range(rules.max_failed_sign_ins - 1):
        assert sign_in_fails(workstation, "admin", "wrong-password") == WRONG
    assert sign_in_fails(workstation, "admin", "wrong-password") == \
        "Too many failed sign-ins: this user is now locked out for a while."
    locked = "Too many failed sign-ins: this user is locked out for now. Try again later or ask a manager."
    assert sign_in_fails(workstation, "admin", ADMIN_PASSWORD) == locked
    clock.advance(minutes=rules.lockout_minutes - 1)
    assert sign_in_fails(workstation, "admin", ADMIN_PASSWORD) == locked
    clock.advance(minutes=1)
    assert users.sign_in(workstation, "admin", ADMIN_PASSWORD).username == "admin"


def test_the_failure_count_restarts_after_a_good_sign_in(workstation: Workstation) -> None:
    rules = settings.get_settings(workstation)
    for _ in range(rules.max_failed_sign_ins - 1):
        sign_in_fails(workstation, "admin", "wrong-password")
    users.sign_in(workstation, "admin", ADMIN_PASSWORD)
    for _ in range(rules.max_failed_sign_ins - 1):
        assert sign_in_fails(workstation, "admin", "wrong-password") == WRONG


def test_a_disabled_user_is_refused_until_enabled(workstation: Workstation) -> None:
    users.add_user(workstation, "dora", "Dora Desk", Role.FRONT_DESK, "dora-password")
    assert users.set_active(workstation, "dora", False).active is False
    assert sign_in_fails(workstation, "dora", "dora-password") == "This user is disabled; ask a manager."
    users.sign_in(workstation, "admin", ADMIN_PASSWORD)
    users.set_active(workstation, "dora", True)
    assert users.sign_in(workstation, "dora", "dora-password").role is Role.FRONT_DESK


def test_the_last_manager_cannot_be_disabled_or_demoted(workstation: Workstation) -> None:
    with pytest.raises(DomainError, match="cannot disable the user you are signed in as"):
        users.set_active(workstation, "admin", False)
    with pytest.raises(DomainError, match="last active manager") as caught:
        users.set_role(workstation, "admin", Role.BILLER)
    assert caught.value.field == "role"
    workstation.actor = COMMAND_LINE  # `medbill users disable admin`
    with pytest.raises(DomainError, match="last active manager"):
        users.set_active(workstation, "admin", False)

    users.add_user(workstation, "mona", "Mona Manager", Role.MANAGER, "mona-password")
    assert users.set_role(workstation, "admin", Role.BILLER).role is Role.BILLER
    with pytest.raises(DomainError, match="last active manager"):
        users.set_active(workstation, "mona", False)
    assert {u.username: u.role for u in users.list_users(workstation)} == {"admin": Role.BILLER,
                                                                          "mona": Role.MANAGER}


def test_front_desk_cannot_manage_users_and_nothing_is_written(workstation: Workstation,
                                                               sign_in_as: Callable[[Role], Actor]) -> None:
    sign_in_as(Role.FRONT_DESK)
    before = audit_rows(workstation)
    for attempt in (lambda: users.add_user(workstation, "eve", "Eve Intruder", Role.MANAGER, "eve-password"),
                    lambda: users.set_role(workstation, "frank", Role.MANAGER),
                    lambda: users.set_active(workstation, "admin", False),
                    lambda: users.reset_password(workstation, "admin", "taken-over-1"),
                    lambda: users.list_users(workstation)):
        with pytest.raises(PermissionDenied, match="A front desk user may not manage users"):
            attempt()
    assert audit_rows(workstation) == before
    with workstation.read() as conn:
        assert conn.execute(select(users_table.c.username, users_table.c.role, users_table.c.active)
                            .order_by(users_table.c.username)).all() == [
            ("admin", "manager", True), ("betty", "biller", True), ("frank", "front_desk", True)]


def test_adding_users_checks_names_and_passwords(workstation: Workstation) -> None:
    for args, field, message in [
        (("admin", "Another Admin", "password-123"), "username", "already a user called admin"),
        (("x", "Xavier", "password-123"), "username", "2-32 characters"),
        (("xavier", "  ", "password-123"), "full_name", "full name"),
        (("xavier", "Xavier", "short"), "password", "at least 8"),
        (("xavier", "Xavier", "XAVIER"), "password", "at least 8"),
        (("xavierx", "Xavier", "XavierX"), "password", "at least 8"),
        (("xavier12", "Xavier", "Xavier12"), "password", "cannot be the user name"),
    ]:
        with pytest.raises(DomainError, match=message) as caught:
            users.add_user(workstation, args[0], args[1], Role.BILLER, args[2])
        assert caught.value.field == field
    assert [u.username for u in users.list_users(workstation)] == ["admin"]


def test_passwords_are_stored_as_argon2_hashes(workstation: Workstation) -> None:
    with workstation.read() as conn:
        stored = conn.execute(select(users_table.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2") and ADMIN_PASSWORD not in stored


def test_the_lock_screen(workstation: Workstation) -> None:
    users.lock(workstation, "idle")
    with pytest.raises(SignInError, match="That password is wrong"):
        users.unlock(workstation, "wrong-password")
    assert users.unlock(workstation, ADMIN_PASSWORD).username == "admin"
    assert [row[1] for row in audit_rows(workstation)[-3:]] == ["lock", "sign_in_failed", "unlock"]


def test_password_changes(workstation: Workstation) -> None:
    with pytest.raises(SignInError, match="current password is wrong"):
        users.change_own_password(workstation, "wrong-password", "new-password-1")
    users.change_own_password(workstation, ADMIN_PASSWORD, "new-password-1")
    assert sign_in_fails(workstation, "admin", ADMIN_PASSWORD) == WRONG
    users.sign_in(workstation, "admin", "new-password-1")
    users.add_user(workstation, "dora", "Dora Desk", Role.FRONT_DESK, "dora-password")
    users.reset_password(workstation, "dora", "dora-new-password")
    assert users.sign_in(workstation, "dora", "dora-new-password").username == "dora"
