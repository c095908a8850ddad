"""Roles and the permission table the services enforce (the GUI only hides what a role cannot do)."""

from __future__ import annotations

from enum import StrEnum

from medbill_desktop.domain.errors import PermissionDenied


class Role(StrEnum):
    FRONT_DESK = "front_desk"
    BILLER = "biller"
    MANAGER = "manager"

    @property
    def label(self) -> str:
        return {"front_desk": "Front desk", "biller": "Biller", "manager": "Manager"}[self.value]


class Permission(StrEnum):
    VIEW_ACCOUNTS = "view_accounts"
    REGISTER_PATIENTS = "register_patients"
    TAKE_PATIENT_PAYMENTS = "take_patient_payments"
    ENTER_CHARGES = "enter_charges"
    POST_INSURANCE_PAYMENTS = "post_insurance_payments"
    REVERSE_TRANSACTIONS = "reverse_transactions"
    WRITE_OFF = "write_off"
    MANAGE_CLAIMS = "manage_claims"
    EDIT_REFERENCE_DATA = "edit_reference_data"
    EDIT_PRACTICE = "edit_practice"
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT = "view_audit"
    BACKUP = "backup"


_FRONT_DESK = {
    Permission.VIEW_ACCOUNTS,
    Permission.REGISTER_PATIENTS,
    Permission.TAKE_PATIENT_PAYMENTS,
}
_BILLER = _FRONT_DESK | {
    Permission.ENTER_CHARGES,
    Permission.POST_INSURANCE_PAYMENTS,
    Permission.REVERSE_TRANSACTIONS,
    Permission.MANAGE_CLAIMS,
}
PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.FRONT_DESK: frozenset(_FRONT_DESK),
    Role.BILLER: frozenset(_BILLER),
    Role.MANAGER: frozenset(Permission),
}


def allows(role: Role, permission: Permission) -> bool:
    return permission in PERMISSIONS[role]


def require(role: Role, permission: Permission) -> None:
    if not allows(role, permission):
        action = permission.value.replace("_", " ")
        raise PermissionDenied(f"A {role.label.lower()} user may not {action}; ask a manager.")
