"""Helpers for tests that run against a real SQLCipher workstation (see tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from medbill_desktop.domain.roles import Role
from medbill_desktop.services import users
from medbill_desktop.services.context import Actor, Workstation

STAFF = {  # role: (user name, password)
    Role.FRONT_DESK: ("frank", "front-desk-pass"),
    Role.BILLER: ("betty", "biller-pass-1"),
}


@pytest.fixture
def sign_in_as(workstation: Workstation) -> Callable[[Role], Actor]:
    """Adds a front desk user and a biller (as admin); the returned function signs in as one of them."""
    for role, (name, password) in STAFF.items():
        users.add_user(workstation, name, f"{role.label} Person", role, password)

    def sign_in(role: Role) -> Actor:
        name, password = STAFF[role]
        return users.sign_in(workstation, name, password)

    return sign_in
