"""Users: sign-in with lockout, the lock screen, and user administration."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Row, select

from medbill_desktop.domain.audit import AuditAction
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.ids import new_id
from medbill_desktop.domain.passwords import validate_password, validate_username
from medbill_desktop.domain.roles import Permission, Role
from medbill_desktop.services.context import Actor, Workstation
from medbill_desktop.services.errors import SignInError
from medbill_desktop.services.settings import load_settings
from medbill_desktop.storage.tables import users

# OWASP's argon2id minimum (19 MiB, 2 passes): a sign-in stays well under a second on a clinic PC.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


@dataclass(frozen=True, slots=True)
class UserInfo:
    id: str
    username: str
    full_name: str
    role: Role
    active: bool
    locked_until: str | None


def _info(r: Row[Any]) -> UserInfo:
    return UserInfo(r.id, r.username, r.full_name, Role(r.role), bool(r.active), r.locked_until)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def insert_user(ws: Workstation, conn: Connection, username: str, full_name: str, role: Role,
                password: str) -> UserInfo:
    """Write a new user (used by first-run set-up before anyone can sign in, and by add_user)."""
    name = validate_username(username)
    if not full_name.strip():
        raise DomainError("Enter the person's full name.", "full_name")
    validate_password(password, name)
    if conn.execute(select(users.c.id).where(users.c.username == name)).first():
        raise DomainError(f"There is already a user called {name}.", "username")
    uid = new_id()
    hashed = hash_password(password)
    conn.execute(users.insert().values(
        id=uid, username=name, full_name=full_name.strip(), role=role.value,
        password_hash=hashed, active=True, failed_attempts=0, created_at=ws.now_iso(),
    ))
    ws.audit(conn, AuditAction.CHANGE, "user", uid, {"op": "add", "username": name, "role": role.value})
    # the argon2 hash (never the password) goes to the practice server, so the user signs in on every workstation
    ws.emit(conn, "user.added", "user", uid, {"username": name, "full_name": full_name.strip(), "role": role.value,
                                              "password_hash": hashed})
    return UserInfo(uid, name, full_name.strip(), role, True, None)


def add_user(ws: Workstation, username: str, full_name: str, role: Role, password: str) -> UserInfo:
    ws.require(Permission.MANAGE_USERS)
    with ws.write() as conn:
        return insert_user(ws, conn, username, full_name, role, password)


def list_users(ws: Workstation) -> list[UserInfo]:
    ws.require(Permission.MANAGE_USERS)
    with ws.read() as conn:
        return [_info(r) for r in conn.execute(select(users).order_by(users.c.username))]


def _row(conn: Connection, username: str) -> Row[Any]:
    row = conn.execute(select(users).where(users.c.username == username.strip().lower())).first()
    if row is None:
        raise DomainError(f"There is no user called {username}.", "username")
    return row


def set_active(ws: Workstation, username: str, active: bool) -> UserInfo:
    actor = ws.require(Permission.MANAGE_USERS)
    with ws.write() as conn:
        row = _row(conn, username)
        if not active and row.id == actor.user_id:
            raise DomainError("You cannot disable the user you are signed in as.", "username")
        if not active and row.role == Role.MANAGER.value and _active_managers(conn) <= 1:
            raise DomainError("This is the last active manager; add another manager first.", "username")
        changes: dict[str, object] = {"active": active}
        if active:
            changes.update(failed_attempts=0, locked_until=None)
        conn.execute(users.update().where(users.c.id == row.id).values(**changes))
        ws.audit(conn, AuditAction.CHANGE, "user", row.id, {"op": "enable" if active else "disable"})
        ws.emit(conn, "user.active_set", "user", row.id, {"active": active})
        return _info(conn.execute(select(users).where(users.c.id == row.id)).one())


def _active_managers(conn: Connection) -> int:
    return len(conn.execute(
        select(users.c.id).where(users.c.role == Role.MANAGER.value, users.c.active.is_(True))
    ).all())


def set_role(ws: Workstation, username: str, role: Role) -> UserInfo:
    ws.require(Permission.MANAGE_USERS)
    with ws.write() as conn:
        row = _row(conn, username)
        if row.role == Role.MANAGER.value and role is not Role.MANAGER and _active_managers(conn) <= 1:
            raise DomainError("This is the last active manager; add another manager first.", "role")
        conn.execute(users.update().where(users.c.id == row.id).values(role=role.value))
        ws.audit(conn, AuditAction.CHANGE, "user", row.id, {"op": "role", "role": role.value})
        ws.emit(conn, "user.role_set", "user", row.id, {"role": role.value})
        return _info(conn.execute(select(users).where(users.c.id == row.id)).one())


def reset_password(ws: Workstation, username: str, new_password: str) -> None:
    ws.require(Permission.MANAGE_USERS)
    with ws.write() as conn:
        row = _row(conn, username)
        validate_password(new_password, row.username)
        hashed = hash_password(new_password)
        conn.execute(users.update().where(users.c.id == row.id).values(
            password_hash=hashed, failed_attempts=0, locked_until=None))
        ws.audit(conn, AuditAction.CHANGE, "user", row.id, {"op": "reset_password"})
        ws.emit(conn, "user.password_set", "user", row.id, {"password_hash": hashed})


def _check_password(ws: Workstation, conn: Connection, r: Row[Any], password: str) -> bool:
    """Verify, counting failures toward the lockout. Returns True on success."""
    settings = load_settings(conn)
    now = ws.now()
    if r.locked_until and datetime.fromisoformat(r.locked_until.replace("Z", "+00:00")) > now:
        return False
    try:
        ok: bool = _hasher.verify(r.password_hash, password)
    except (VerificationError, InvalidHashError):
        ok = False
    if ok:
        conn.execute(users.update().where(users.c.id == r.id).values(failed_attempts=0, locked_until=None))
        return True
    failed = r.failed_attempts + 1
    locked = None
    if failed >= settings.max_failed_sign_ins:
        locked = (now + timedelta(minutes=settings.lockout_minutes)).isoformat().replace("+00:00", "Z")
        failed = 0
    conn.execute(users.update().where(users.c.id == r.id).values(failed_attempts=failed, locked_until=locked))
    return False


def sign_in(ws: Workstation, username: str, password: str) -> Actor:
    name = username.strip().lower()
    with ws.write() as conn:
        row = conn.execute(select(users).where(users.c.username == name)).first()
        if row is None or not row.active:
            ws.audit(conn, AuditAction.SIGN_IN_FAILED, "user", name or "-", {"why": "unknown or disabled"},
                     actor=name or "-")
            failure = "This user is disabled; ask a manager." if row is not None else \
                "The user name or password is wrong."
        elif row.locked_until and datetime.fromisoformat(row.locked_until.replace("Z", "+00:00")) > ws.now():
            ws.audit(conn, AuditAction.SIGN_IN_FAILED, "user", row.id, {"why": "locked out"}, actor=name)
            failure = "Too many failed sign-ins: this user is locked out for now. Try again later or ask a manager."
        elif not _check_password(ws, conn, row, password):
            ws.audit(conn, AuditAction.SIGN_IN_FAILED, "user", row.id, {"why": "wrong password"}, actor=name)
            fresh = conn.execute(select(users.c.locked_until).where(users.c.id == row.id)).scalar()
            failure = ("Too many failed sign-ins: this user is now locked out for a while."
                       if fresh else "The user name or password is wrong.")
        else:
            actor = Actor(row.id, row.username, row.full_name, Role(row.role))
            ws.actor = actor
            ws.audit(conn, AuditAction.SIGN_IN, "user", row.id, {}, actor=name)
            return actor
    # The failed attempt is committed (audit row and counter) before the error reaches the user.
    raise SignInError(failure, "password")


def unlock(ws: Workstation, password: str) -> Actor:
    """The lock screen: the signed-in user proves it is still them."""
    actor = ws.signed_in()
    with ws.write() as conn:
        row = _row(conn, actor.username)
        ok = bool(row.active) and _check_password(ws, conn, row, password)
        ws.audit(conn, AuditAction.UNLOCK if ok else AuditAction.SIGN_IN_FAILED, "user", actor.user_id,
                 {} if ok else {"why": "wrong password at lock screen"})
    if not ok:
        raise SignInError("That password is wrong.", "password")
    return actor


def lock(ws: Workstation, reason: str) -> None:
    actor = ws.signed_in()
    with ws.write() as conn:
        ws.audit(conn, AuditAction.LOCK, "user", actor.user_id, {"reason": reason})


def sign_out(ws: Workstation) -> None:
    if ws.actor is None:
        return
    with ws.write() as conn:
        ws.audit(conn, AuditAction.SIGN_OUT, "user", ws.actor.user_id, {})
    ws.actor = None


def change_own_password(ws: Workstation, old: str, new: str) -> None:
    actor = ws.signed_in()
    with ws.write() as conn:
        row = _row(conn, actor.username)
        if not _check_password(ws, conn, row, old):
            raise SignInError("The current password is wrong.", "old_password")
        validate_password(new, actor.username)
        hashed = hash_password(new)
        conn.execute(users.update().where(users.c.id == actor.user_id).values(password_hash=hashed))
        ws.audit(conn, AuditAction.CHANGE, "user", actor.user_id, {"op": "change_password"})
        ws.emit(conn, "user.password_set", "user", actor.user_id, {"password_hash": hashed})
