"""Reference data rows <-> domain records: providers, referring providers, service facilities, payers, the
fee schedule and payers' contracted allowed amounts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, Row, Table, delete, select

from medbill_desktop.domain.fees import AllowedEntry, FeeEntry
from medbill_desktop.domain.ids import new_id
from medbill_desktop.domain.practice import Address
from medbill_desktop.domain.reference import (
    Payer,
    PlanType,
    Provider,
    ReferringProvider,
    ReferringQualifier,
    ServiceFacility,
    Submission,
    TaxIdType,
)
from medbill_desktop.storage.tables import (
    fee_schedule,
    payer_allowed_amounts,
    payers,
    providers,
    referring_providers,
    service_facilities,
)


# --- addresses -------------------------------------------------------------------------------------------
def address_columns(address: Address | None, prefix: str = "") -> dict[str, Any]:
    p = f"{prefix}_" if prefix else ""
    if address is None:
        return {f"{p}address_line1": None, f"{p}address_line2": None, f"{p}city": None, f"{p}state": None,
                f"{p}zip_code": None}
    return {f"{p}address_line1": address.line1, f"{p}address_line2": address.line2, f"{p}city": address.city,
            f"{p}state": address.state, f"{p}zip_code": address.zip_code}


def address_from(row: Row[Any] | Mapping[str, Any], prefix: str = "") -> Address | None:
    m = row._mapping if isinstance(row, Row) else row
    p = f"{prefix}_" if prefix else ""
    if m[f"{p}address_line1"] is None:
        return None
    return Address(line1=m[f"{p}address_line1"], line2=m[f"{p}address_line2"] or "", city=m[f"{p}city"] or "",
                   state=m[f"{p}state"] or "", zip_code=m[f"{p}zip_code"] or "")


def _upsert(conn: Connection, table: Table, row_id: str, values: dict[str, Any]) -> bool:
    """Insert or update by id; True when the row is new."""
    exists = conn.execute(select(table.c.id).where(table.c.id == row_id)).first() is not None
    if exists:
        conn.execute(table.update().where(table.c.id == row_id).values(**values))
    else:
        conn.execute(table.insert().values(id=row_id, **values))
    return not exists


# --- providers ---------------------------------------------------------------------------------------------
def provider_values(p: Provider, at: str) -> dict[str, Any]:
    return {"npi": p.npi, "taxonomy": p.taxonomy, "last_name": p.last_name, "first_name": p.first_name,
            "middle_initial": p.middle_initial, "organization_name": p.organization_name,
            "credentials": p.credentials, "tax_id": p.tax_id, "tax_id_type": p.tax_id_type.value,
            **address_columns(p.address), "phone": p.phone, "renders": p.renders, "bills": p.bills,
            "active": p.active, "updated_at": at}


def provider_from(r: Row[Any]) -> Provider:
    return Provider(npi=r.npi, taxonomy=r.taxonomy, last_name=r.last_name, first_name=r.first_name,
                    middle_initial=r.middle_initial, organization_name=r.organization_name,
                    credentials=r.credentials, tax_id=r.tax_id, tax_id_type=TaxIdType(r.tax_id_type),
                    address=address_from(r), phone=r.phone, renders=bool(r.renders), bills=bool(r.bills),
                    active=bool(r.active), id=r.id)


def save_provider(conn: Connection, p: Provider, at: str) -> bool:
    return _upsert(conn, providers, p.id, provider_values(p, at))


def get_provider(conn: Connection, provider_id: str) -> Provider | None:
    row = conn.execute(select(providers).where(providers.c.id == provider_id)).first()
    return provider_from(row) if row else None


def provider_with_npi(conn: Connection, npi: str) -> Provider | None:
    row = conn.execute(select(providers).where(providers.c.npi == npi)).first()
    return provider_from(row) if row else None


def list_providers(conn: Connection, *, include_inactive: bool = False, renders: bool | None = None,
                   bills: bool | None = None) -> list[Provider]:
    query = select(providers)
    if not include_inactive:
        query = query.where(providers.c.active.is_(True))
    if renders is not None:
        query = query.where(providers.c.renders.is_(renders))
    if bills is not None:
        query = query.where(providers.c.bills.is_(bills))
    query = query.order_by(providers.c.organization_name, providers.c.last_name, providers.c.first_name)
    return [provider_from(r) for r in conn.execute(query)]


# --- referring providers -------------------------------------------------------------------------------------
def save_referring(conn: Connection, r: ReferringProvider, at: str) -> bool:
    return _upsert(conn, referring_providers, r.id, {
        "last_name": r.last_name, "first_name": r.first_name, "middle_initial": r.middle_initial,
        "credentials": r.credentials, "npi": r.npi, "qualifier": r.qualifier.value, "updated_at": at})


def referring_from(r: Row[Any]) -> ReferringProvider:
    return ReferringProvider(last_name=r.last_name, first_name=r.first_name, npi=r.npi,
                             qualifier=ReferringQualifier(r.qualifier), middle_initial=r.middle_initial,
                             credentials=r.credentials, id=r.id)


def get_referring(conn: Connection, referring_id: str) -> ReferringProvider | None:
    row = conn.execute(select(referring_providers).where(referring_providers.c.id == referring_id)).first()
    return referring_from(row) if row else None


def list_referring(conn: Connection) -> list[ReferringProvider]:
    rows = conn.execute(select(referring_providers).where(referring_providers.c.active.is_(True))
                        .order_by(referring_providers.c.last_name, referring_providers.c.first_name))
    return [referring_from(r) for r in rows]


# --- facilities --------------------------------------------------------------------------------------------------
def save_facility(conn: Connection, f: ServiceFacility, at: str) -> bool:
    return _upsert(conn, service_facilities, f.id, {
        "name": f.name, **address_columns(f.address), "npi": f.npi, "place_of_service": f.place_of_service,
        "updated_at": at})


def facility_from(r: Row[Any]) -> ServiceFacility:
    address = address_from(r)
    assert address is not None  # NOT NULL columns
    return ServiceFacility(name=r.name, address=address, npi=r.npi, place_of_service=r.place_of_service, id=r.id)


def get_facility(conn: Connection, facility_id: str) -> ServiceFacility | None:
    row = conn.execute(select(service_facilities).where(service_facilities.c.id == facility_id)).first()
    return facility_from(row) if row else None


def list_facilities(conn: Connection) -> list[ServiceFacility]:
    rows = conn.execute(select(service_facilities).where(service_facilities.c.active.is_(True))
                        .order_by(service_facilities.c.name))
    return [facility_from(r) for r in rows]


# --- payers -------------------------------------------------------------------------------------------------------
def save_payer(conn: Connection, p: Payer, at: str) -> bool:
    return _upsert(conn, payers, p.id, {
        "name": p.name, "plan_type": p.plan_type.value, "submission": p.submission.value, "edi_id": p.edi_id,
        **address_columns(p.address), "timely_filing_days": p.timely_filing_days,
        "requires_referring_provider": p.requires_referring_provider, "accept_assignment": p.accept_assignment,
        "phone": p.phone, "updated_at": at})


def payer_from(r: Row[Any]) -> Payer:
    return Payer(name=r.name, plan_type=PlanType(r.plan_type), submission=Submission(r.submission), edi_id=r.edi_id,
                 address=address_from(r), timely_filing_days=int(r.timely_filing_days),
                 requires_referring_provider=bool(r.requires_referring_provider),
                 accept_assignment=bool(r.accept_assignment), phone=r.phone, id=r.id)


def get_payer(conn: Connection, payer_id: str) -> Payer | None:
    row = conn.execute(select(payers).where(payers.c.id == payer_id)).first()
    return payer_from(row) if row else None


def get_payers(conn: Connection, payer_ids: Iterable[str]) -> dict[str, Payer]:
    ids = list(set(payer_ids))
    if not ids:
        return {}
    return {r.id: payer_from(r) for r in conn.execute(select(payers).where(payers.c.id.in_(ids)))}


def list_payers(conn: Connection) -> list[Payer]:
    rows = conn.execute(select(payers).where(payers.c.active.is_(True)).order_by(payers.c.name))
    return [payer_from(r) for r in rows]


# --- fee schedule and allowed amounts -------------------------------------------------------------------------------
def save_fee(conn: Connection, e: FeeEntry, at: str) -> bool:
    """Insert or replace the fee for (procedure, modifier); True when it is new."""
    key = (fee_schedule.c.procedure == e.procedure) & (fee_schedule.c.modifier == e.modifier)
    if conn.execute(select(fee_schedule.c.id).where(key)).first() is not None:
        conn.execute(fee_schedule.update().where(key).values(charge_cents=e.charge_cents, updated_at=at))
        return False
    conn.execute(fee_schedule.insert().values(id=new_id(), procedure=e.procedure, modifier=e.modifier,
                                              charge_cents=e.charge_cents, updated_at=at))
    return True


def delete_fee(conn: Connection, procedure: str, modifier: str) -> bool:
    done = conn.execute(delete(fee_schedule).where(fee_schedule.c.procedure == procedure,
                                                   fee_schedule.c.modifier == modifier))
    return bool(done.rowcount)


def list_fees(conn: Connection) -> list[FeeEntry]:
    rows = conn.execute(select(fee_schedule).order_by(fee_schedule.c.procedure, fee_schedule.c.modifier))
    return [FeeEntry(r.procedure, int(r.charge_cents), r.modifier) for r in rows]


def fees_for(conn: Connection, procedure: str) -> list[FeeEntry]:
    rows = conn.execute(select(fee_schedule).where(fee_schedule.c.procedure == procedure))
    return [FeeEntry(r.procedure, int(r.charge_cents), r.modifier) for r in rows]


def fee_procedure_exists(conn: Connection, procedure: str) -> bool:
    return conn.execute(select(fee_schedule.c.id).where(fee_schedule.c.procedure == procedure).limit(1)).first() \
        is not None


def save_allowed(conn: Connection, e: AllowedEntry, at: str) -> bool:
    t = payer_allowed_amounts
    key = (t.c.payer_id == e.payer_id) & (t.c.procedure == e.procedure) & (t.c.modifier == e.modifier)
    if conn.execute(select(t.c.id).where(key)).first() is not None:
        conn.execute(t.update().where(key).values(allowed_cents=e.allowed_cents, updated_at=at))
        return False
    conn.execute(t.insert().values(id=new_id(), payer_id=e.payer_id, procedure=e.procedure, modifier=e.modifier,
                                   allowed_cents=e.allowed_cents, updated_at=at))
    return True


def delete_allowed(conn: Connection, payer_id: str, procedure: str, modifier: str) -> bool:
    t = payer_allowed_amounts
    done = conn.execute(delete(t).where(t.c.payer_id == payer_id, t.c.procedure == procedure,
                                        t.c.modifier == modifier))
    return bool(done.rowcount)


def list_allowed(conn: Connection, payer_id: str | None = None) -> list[AllowedEntry]:
    t = payer_allowed_amounts
    query = select(t).order_by(t.c.payer_id, t.c.procedure, t.c.modifier)
    if payer_id is not None:
        query = query.where(t.c.payer_id == payer_id)
    return [AllowedEntry(r.payer_id, r.procedure, int(r.allowed_cents), r.modifier) for r in conn.execute(query)]
