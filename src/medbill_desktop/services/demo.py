"""The demo practice: a database a new user can open and click through."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from medbill_desktop.domain.practice import Address, Practice
from medbill_desktop.domain.roles import Role
from medbill_desktop.services import ledger
from medbill_desktop.services.context import Workstation, utc_now
from medbill_desktop.services.practice import get_practice
from medbill_desktop.services.setup import PassphraseSource, create_workstation
from medbill_desktop.services.users import insert_user

DEMO_PASSWORD = "medbill-demo"
DEMO_PRACTICE = Practice(
    name="Maple Street Family Practice",
    npi="1881234565",
    tax_id="36-4728103",
    taxonomy="207Q00000X",
    address=Address("418 Maple Street", "Evanston", "IL", "602013417", "Suite 200"),
    phone="(847) 555-0142",
)
DEMO_USERS = (
    ("biller", "Bianca Ortiz", Role.BILLER),
    ("frontdesk", "Frank Delgado", Role.FRONT_DESK),
)


def create_demo(path: Path, ask: PassphraseSource | None = None,
                clock: Callable[[], datetime] = utc_now) -> Workstation:
    ws = create_workstation(path, DEMO_PRACTICE, admin_username="manager", admin_full_name="Morgan Lee",
                            admin_password=DEMO_PASSWORD, ask=ask, clock=clock)
    with ws.write() as conn:
        for username, name, role in DEMO_USERS:
            insert_user(ws, conn, username, name, role, DEMO_PASSWORD)
    return ws


def summary(ws: Workstation) -> dict[str, Any]:
    practice = get_practice(ws)
    totals = ledger.totals(ws)
    return {
        "database": str(ws.path),
        "practice": practice.name if practice else None,
        "users": ["manager"] + [u for u, _, _ in DEMO_USERS],
        "password": DEMO_PASSWORD,
        "ledger_transactions": totals.transactions,
    }
