"""Reference data a manager keeps: rendering and billing providers, referring providers, service facilities,
payers, the fee schedule and payers' contracted allowed amounts.

Writes need Permission.EDIT_REFERENCE_DATA; any signed-in user may read (charge entry and registration
pick from these lists). Each `save_*` inserts a record whose id is new and updates one whose id exists.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, replace
from typing import Any

from sqlalchemy import Connection

from medbill_desktop.domain.audit import AuditAction
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.fees import (
    AllowedEntry,
    FeeEntry,
    fee_schedule,
    validate_allowed_entry,
    validate_fee_entry,
)
from medbill_desktop.domain.reference import (
    Payer,
    Provider,
    ReferringProvider,
    ServiceFacility,
    validate_facility,
    validate_payer,
    validate_provider,
    validate_referring_provider,
)
from medbill_desktop.domain.roles import Permission
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.errors import ServiceError
from medbill_desktop.storage import reference_store as store
from medbill_desktop.storage.tables import fee_schedule as fee_table


def _record(ws: Workstation, conn: Connection, entity: str, entity_id: str, new: bool, payload: dict[str, Any]) -> None:
    ws.audit(conn, AuditAction.CHANGE, entity, entity_id, {"op": "add" if new else "edit"})
    ws.emit(conn, f"{entity}.saved", entity, entity_id, payload)


def _not_found(what: str, field: str = "id") -> ServiceError:
    return ServiceError(f"That {what} no longer exists; reload the list.", field)


# --- providers ---------------------------------------------------------------------------------------------
def write_provider(ws: Workstation, conn: Connection, provider: Provider) -> Provider:
    clean = validate_provider(provider)
    same_npi = store.provider_with_npi(conn, clean.npi)
    if same_npi is not None and same_npi.id != clean.id:
        raise DomainError(f"NPI {clean.npi} already belongs to {same_npi.display_name}; a provider is entered "
                          "once, ticking both 'renders' and 'bills' when it does both.", "npi")
    new = store.save_provider(conn, clean, ws.now_iso())
    _record(ws, conn, "provider", clean.id, new, asdict(clean))
    return clean


def save_provider(ws: Workstation, provider: Provider) -> Provider:
    ws.require(Permission.EDIT_REFERENCE_DATA)
    with ws.write() as conn:
        return write_provider(ws, conn, provider)


def get_provider(ws: Workstation, provider_id: str) -> Provider:
    ws.signed_in()
    with ws.read() as conn:
        found = store.get_provider(conn, provider_id)
    if found is None:
        raise _not_found("provider")
    return found


def list_providers(ws: Workstation, *, include_inactive: bool = False, renders: bool | None = None,
                   bills: bool | None = None) -> list[Provider]:
    """Providers by name; `renders=True` for the rendering-provider list, `bills=True` for billing."""
    ws.signed_in()
    with ws.read() as conn:
        return store.list_providers(conn, include_inactive=include_inactive, renders=renders, bills=bills)


def set_provider_active(ws: Workstation, provider_id: str, active: bool) -> Provider:
    """Inactive providers leave the pick lists; their encounters and claims keep them."""
    ws.require(Permission.EDIT_REFERENCE_DATA)
    with ws.write() as conn:
        found = store.get_provider(conn, provider_id)
        if found is None:
            raise _not_found("provider")
        changed = replace(found, active=active)
        store.save_provider(conn, changed, ws.now_iso())
        ws.audit(conn, AuditAction.CHANGE, "provider", provider_id, {"op": "enable" if active else "disable"})
        ws.emit(conn, "provider.active_set", "provider", provider_id, {"active": active})
        return changed


# --- referring providers -------------------------------------------------------------------------------------
def write_referring_provider(ws: Workstation, conn: Connection, ref: ReferringProvider) -> ReferringProvider:
    clean = validate_referring_provider(ref)
    new = store.save_referring(conn, clean, ws.now_iso())
    _record(ws, conn, "referring_provider", clean.id, new, asdict(clean))
    return clean


def save_referring_provider(ws: Workstation, ref: ReferringProvider) -> ReferringProvider:
    ws.require(Permission.EDIT_REFERENCE_DATA)
    with ws.write() as conn:
        return write_referring_provider(ws, conn, ref)


def get_referring_provider(ws: Workstation, referring_id: str) -> ReferringProvider:
    ws.signed_in()
    with ws.read() as conn:
        found = store.get_referring(conn, referring_id)
    if found is None:
        raise _not_found("referring provider")
    return found


def list_referring_providers(ws: Workstation) -> list[ReferringProvider]:
    ws.signed_in()
    with ws.read() as conn:
        return store.list_referring(conn)


# --- facilities --------------------------------------------------------------------------------------------------
def write_facility(ws: Workstation, conn: Connection, facility: ServiceFacility) -> ServiceFacility:
    clean = validate_facility(facility)
    new = store.save_facility(conn, clean, ws.now_iso())
    _record(ws, conn, "facility", clean.id, new, asdict(clean))
    return clean


def save_facility(ws: Workstation, facility: ServiceFacility) -> ServiceFacility:
    ws.require(Permission.EDIT_REFERENCE_DATA)
    with ws.write() as conn:
        return write_facility(ws, conn, facility)


def get_facility(ws: Workstation, facility_id: str) -> ServiceFacility:
    ws.signed_in()
    with ws.read() as conn:
        found = store.get_facility(conn, facility_id)
    if found is None:
        raise _not_found("facility")
    return found


def list_facilities(ws: Workstation) -> list[ServiceFacility]:
    ws.signed_in()
    with ws.read() as conn:
        return store.list_facilities(conn)


# --- payers --------------------------------------------------------------------------------------------------------
def write_payer(ws: Workstation, conn: Connection, payer: Payer) -> Payer:
    clean = validate_payer(payer)
    new = store.save_payer(conn, clean, ws.now_iso())
    _record(ws, conn, "payer", clean.id, new, asdict(clean))
    return clean


def save_payer(ws: Workstation, payer: Payer) -> Payer:
    ws.require(Permission.EDIT_REFERENCE_DATA)
    with ws.write() as conn:
        return write_payer(ws, conn, payer)


def get_payer(ws: Workstation, payer_id: str) -> Payer:
    ws.signed_in()
    with ws.read() as conn:
        found = store.get_payer(conn, payer_id)
    if found is None:
        raise _not_found("payer", "payer_id")
    return found


def list_payers(ws: Workstation) -> list[Payer]:
    ws.signed_in()
    with ws.read() as conn:
        return store.list_payers(conn)


# --- fee schedule --------------------------------------------------------------------------------------------------
def _fee_label(procedure: str, modifier: str) -> str:
    return f"{procedure}-{modifier}" if modifier else procedure


def write_fee(ws: Workstation, conn: Connection, entry: FeeEntry) -> FeeEntry:
    clean = validate_fee_entry(entry)
    new = store.save_fee(conn, clean, ws.now_iso())
    key = _fee_label(clean.procedure, clean.modifier)
    ws.audit(conn, AuditAction.CHANGE, "fee", key, {"op": "add" if new else "edit", "charge_cents": clean.charge_cents})
    ws.emit(conn, "fee.saved", "fee", key, asdict(clean))
    return clean


def save_fee(ws: Workstation, entry: FeeEntry) -> FeeEntry:
    """Set the per-unit charge for a procedure (and optional pricing modifier)."""
    ws.require(Permission.EDIT_REFERENCE_DATA)
    with ws.write() as conn:
        return write_fee(ws, conn, entry)


def remove_fee(ws: Workstation, procedure: str, modifier: str = "") -> None:
    ws.require(Permission.EDIT_REFERENCE_DATA)
    code, mod = procedure.strip().upper(), modifier.strip().upper()
    with ws.write() as conn:
        if not store.delete_fee(conn, code, mod):
            raise ServiceError(f"{_fee_label(code, mod)} is not in the fee schedule.", "procedure")
        ws.audit(conn, AuditAction.CHANGE, "fee", _fee_label(code, mod), {"op": "remove"})
        ws.emit(conn, "fee.removed", "fee", _fee_label(code, mod), {"procedure": code, "modifier": mod})


def replace_fee_schedule(ws: Workstation, entries: Iterable[FeeEntry]) -> list[FeeEntry]:
    """Replace the whole fee schedule (an import): refused as a whole if any entry is wrong or repeated."""
    ws.require(Permission.EDIT_REFERENCE_DATA)
    schedule = fee_schedule(entries)  # validates every entry and refuses duplicates
    clean = [FeeEntry(code, cents, mod) for (code, mod), cents in sorted(schedule.entries.items())]
    with ws.write() as conn:
        conn.execute(fee_table.delete())
        at = ws.now_iso()
        for e in clean:
            store.save_fee(conn, e, at)
        ws.audit(conn, AuditAction.CHANGE, "fee_schedule", schedule.name, {"op": "replace", "entries": len(clean)})
        ws.emit(conn, "fee_schedule.replaced", "fee_schedule", schedule.name,
                {"entries": [asdict(e) for e in clean]})
    return clean


def list_fees(ws: Workstation) -> list[FeeEntry]:
    ws.signed_in()
    with ws.read() as conn:
        return store.list_fees(conn)


# --- contracted allowed amounts ------------------------------------------------------------------------------------
def save_allowed_amount(ws: Workstation, entry: AllowedEntry) -> AllowedEntry:
    ws.require(Permission.EDIT_REFERENCE_DATA)
    clean = validate_allowed_entry(entry)
    with ws.write() as conn:
        if store.get_payer(conn, clean.payer_id) is None:
            raise DomainError("Choose the payer whose contract this is.", "payer_id")
        new = store.save_allowed(conn, clean, ws.now_iso())
        key = f"{clean.payer_id}:{_fee_label(clean.procedure, clean.modifier)}"
        ws.audit(conn, AuditAction.CHANGE, "allowed_amount", key,
                 {"op": "add" if new else "edit", "allowed_cents": clean.allowed_cents})
        ws.emit(conn, "allowed_amount.saved", "allowed_amount", key, asdict(clean))
    return clean


def remove_allowed_amount(ws: Workstation, payer_id: str, procedure: str, modifier: str = "") -> None:
    ws.require(Permission.EDIT_REFERENCE_DATA)
    code, mod = procedure.strip().upper(), modifier.strip().upper()
    key = f"{payer_id}:{_fee_label(code, mod)}"
    with ws.write() as conn:
        if not store.delete_allowed(conn, payer_id, code, mod):
            raise ServiceError(f"The contract has no allowed amount for {_fee_label(code, mod)}.", "procedure")
        ws.audit(conn, AuditAction.CHANGE, "allowed_amount", key, {"op": "remove"})
        ws.emit(conn, "allowed_amount.removed", "allowed_amount", key,
                {"payer_id": payer_id, "procedure": code, "modifier": mod})


def list_allowed_amounts(ws: Workstation, payer_id: str | None = None) -> list[AllowedEntry]:
    ws.signed_in()
    with ws.read() as conn:
        return store.list_allowed(conn, payer_id)
