"""Human numbers (account, claim, batch) that cannot collide across offline workstations:
the workstation's prefix followed by its own counter."""

from __future__ import annotations

from sqlalchemy import Connection, select

from medbill_desktop.domain.ids import human_number
from medbill_desktop.storage.tables import counters, workstation


def workstation_prefix(conn: Connection) -> str:
    return str(conn.execute(select(workstation.c.prefix)).scalar_one())


def next_number(conn: Connection, counter: str) -> str:
    current = conn.execute(select(counters.c.next_value).where(counters.c.name == counter)).scalar()
    if current is None:
        current = 1
        conn.execute(counters.insert().values(name=counter, next_value=2))
    else:
        conn.execute(counters.update().where(counters.c.name == counter).values(next_value=current + 1))
    return human_number(workstation_prefix(conn), int(current))
