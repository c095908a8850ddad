"""The permission table the services enforce."""

from __future__ import annotations

import pytest

from medbill_desktop.domain.errors import PermissionDenied
from medbill_desktop.domain.roles import PERMISSIONS, Permission, Role, allows, require

P = Permission
#                                front desk  biller  manager
TABLE: dict[Permission, tuple[bool, bool, bool]] = {
    P.VIEW_ACCOUNTS:             (True,      True,   True),
    P.REGISTER_PATIENTS:         (True,      True,   True),
    P.TAKE_PATIENT_PAYMENTS:     (True,      True,   True),
    P.ENTER_CHARGES:             (False,     True,   True),
    P.POST_INSURANCE_PAYMENTS:   (False,     True,   True),
    P.REVERSE_TRANSACTIONS:      (False,     True,   True),
    P.MANAGE_CLAIMS:             (False,     True,   True),
    P.WRITE_OFF:                 (False,     False,  True),
    P.EDIT_REFERENCE_DATA:       (False,     False,  True),
    P.EDIT_PRACTICE:             (False,     False,  True),
    P.MANAGE_USERS:              (False,     False,  True),
    P.VIEW_AUDIT:                (False,     False,  True),
    P.BACKUP:                    (False,     False,  True),
}  # fmt: skip


def test_the_table_covers_every_permission() -> None:
    assert set(TABLE) == set(Permission)


@pytest.mark.parametrize("permission", list(TABLE))
def test_permission_table(permission: Permission) -> None:
    front_desk, biller, manager = TABLE[permission]
    assert allows(Role.FRONT_DESK, permission) is front_desk
    assert allows(Role.BILLER, permission) is biller
    assert allows(Role.MANAGER, permission) is manager


def test_manager_can_do_everything() -> None:
    assert PERMISSIONS[Role.MANAGER] == frozenset(Permission)


def test_front_desk_is_told_why_and_who_can() -> None:
    with pytest.raises(PermissionDenied, match="A front desk user may not post insurance payments; ask a manager"):
        require(Role.FRONT_DESK, Permission.POST_INSURANCE_PAYMENTS)
    with pytest.raises(PermissionDenied, match="may not write off"):
        require(Role.FRONT_DESK, Permission.WRITE_OFF)
    require(Role.BILLER, Permission.POST_INSURANCE_PAYMENTS)  # no error
