"""Human numbers (account, claim, batch, receipt) that cannot collide across offline workstations:
the workstation's prefix followed by its own counter.

The prefix is random (three letters) until the workstation is enrolled with the practice server; the server then
gives it one of its own (two letters, or four, never three: see domain.ids), never given to another
workstation, and numbers made from then on carry it. Numbers already issued keep theirs (they are stored), and
the counters go on where they were.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Connection, select, update

from medbill_desktop.domain.ids import check_workstation_prefix, human_number
from medbill_desktop.storage.tables import counters, workstation

if TYPE_CHECKING:
    from medbill_desktop.services.context import Workstation


def workstation_prefix(conn: Connection) -> str:
    return str(conn.execute(select(workstation.c.prefix)).scalar_one())


def current_prefix(ws: Workstation) -> str:
    """The prefix this workstation's new numbers carry (AB000042: AB)."""
    with ws.read() as conn:
        return workstation_prefix(conn)


def use_server_prefix(conn: Connection, prefix: str) -> str:
    """Number with the prefix the practice server gave this workstation at enrolment from now on; returns the
    prefix used before. ValueError when it is not a prefix (2-4 capital letters or digits, a letter first)."""
    check_workstation_prefix(prefix)
    before = workstation_prefix(conn)
    if before != prefix:
        conn.execute(update(workstation).values(prefix=prefix))
    return before


def next_number(conn: Connection, counter: str) -> str:
    current = conn.execute(select(counters.c.next_value).where(counters.c.name == counter)).scalar()
    if current is None:
        current = 1
        conn.execute(counters.insert().values(name=counter, next_value=2))
    else:
        conn.execute(counters.update().where(counters.c.name == counter).values(next_value=current + 1))
    return human_number(workstation_prefix(conn), int(current))
