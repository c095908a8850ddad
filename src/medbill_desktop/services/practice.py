"""The practice record: the billing provider on every claim and statement."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy import Connection, Row, select

from medbill_desktop.domain.audit import AuditAction
from medbill_desktop.domain.practice import Address, Practice, validate_practice
from medbill_desktop.domain.roles import Permission
from medbill_desktop.services.context import Workstation
from medbill_desktop.storage.tables import practice as practice_table

PRACTICE_ID = "practice"


def _from_row(r: Row[Any]) -> Practice:
    return Practice(
        name=r.name, npi=r.npi, tax_id=r.tax_id, taxonomy=r.taxonomy, phone=r.phone,
        address=Address(line1=r.address_line1, line2=r.address_line2, city=r.city, state=r.state,
                        zip_code=r.zip_code),
    )


def _columns(p: Practice) -> dict[str, str]:
    return {
        "name": p.name, "npi": p.npi, "tax_id": p.tax_id, "taxonomy": p.taxonomy, "phone": p.phone,
        "address_line1": p.address.line1, "address_line2": p.address.line2, "city": p.address.city,
        "state": p.address.state, "zip_code": p.address.zip_code,
    }


def load_practice(conn: Connection) -> Practice | None:
    row = conn.execute(select(practice_table)).first()
    return _from_row(row) if row else None


def get_practice(ws: Workstation) -> Practice | None:
    with ws.read() as conn:
        return load_practice(conn)


def write_practice(ws: Workstation, conn: Connection, practice: Practice) -> Practice:
    clean = validate_practice(practice)
    before = load_practice(conn)
    values = _columns(clean) | {"updated_at": ws.now_iso()}
    if before is None:
        conn.execute(practice_table.insert().values(id=PRACTICE_ID, **values))
    else:
        conn.execute(practice_table.update().where(practice_table.c.id == PRACTICE_ID).values(**values))
    old = _columns(before) if before else {}
    changed = {k: v for k, v in _columns(clean).items() if old.get(k) != v}
    if changed:
        ws.audit(conn, AuditAction.CHANGE, "practice", PRACTICE_ID, {"fields": sorted(changed)})
        ws.emit(conn, "practice.saved", "practice", PRACTICE_ID, asdict(clean))
    return clean


def save_practice(ws: Workstation, practice: Practice) -> Practice:
    ws.require(Permission.EDIT_PRACTICE)
    with ws.write() as conn:
        return write_practice(ws, conn, practice)
