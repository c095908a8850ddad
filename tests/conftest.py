"""Fixtures shared by every test: an in-memory keyring (the real keyring API, a test backend), a fixed
clock, and a workstation on a real SQLCipher file in a temp folder."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
import keyring.backend
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("MEDBILL_DB_PASSPHRASE", None)


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A secure-looking keyring that keeps secrets in this process only."""

    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    monkeypatch.delenv("MEDBILL_DB_PASSPHRASE", raising=False)
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


class Clock:
    """A clock tests can move: the services read time only through it."""

    def __init__(self, start: datetime = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture
def clock() -> Clock:
    return Clock()


ADMIN_PASSWORD = "admin-pass-1"


@pytest.fixture
def practice():  # type: ignore[no-untyped-def]
    from medbill_desktop.domain.practice import Address, Practice

    return Practice(
        name="Riverside Family Medicine", npi="1234567893", tax_id="12-3456789", taxonomy="207Q00000X",
        address=Address("12 Main St", "Springfield", "IL", "62701"), phone="(217) 555-0100",
    )


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "medbill.db"


@pytest.fixture
def stop_before_close() -> list[Callable[[], object]]:
    """What must stop before the test's database closes: the GUI tests' op runners put their shutdown here, so
    no worker is still inside a query when the connection goes away, whatever order fixtures were made in."""
    return []


@pytest.fixture
def workstation(db_path: Path, practice, clock: Clock,  # type: ignore[no-untyped-def]
                stop_before_close: list[Callable[[], object]]):
    """A new encrypted workstation database with the practice and a signed-in manager 'admin'."""
    from medbill_desktop.services import setup, users

    ws = setup.create_workstation(db_path, practice, admin_username="admin", admin_full_name="Ada Admin",
                                  admin_password=ADMIN_PASSWORD, clock=clock)
    users.sign_in(ws, "admin", ADMIN_PASSWORD)
    yield ws
    for stop in stop_before_close:
        stop()
    ws.close()
