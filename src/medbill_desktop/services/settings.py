"""Practice settings, stored as JSON values by name."""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from typing import Any

from sqlalchemy import Connection, select

from medbill_desktop.domain.audit import AuditAction
from medbill_desktop.domain.roles import Permission
from medbill_desktop.domain.settings import PracticeSettings
from medbill_desktop.services.context import Workstation
from medbill_desktop.storage.tables import settings as settings_table


def load_settings(conn: Connection) -> PracticeSettings:
    stored = {k: json.loads(v) for k, v in conn.execute(select(settings_table.c.key, settings_table.c.value))}
    known = {k: v for k, v in stored.items() if k in PracticeSettings.names()}
    return replace(PracticeSettings(), **known)


def get_settings(ws: Workstation) -> PracticeSettings:
    with ws.read() as conn:
        return load_settings(conn)


def write_settings(conn: Connection, values: PracticeSettings) -> None:
    for key, value in asdict(values).items():
        row = {"key": key, "value": json.dumps(value)}
        if conn.execute(select(settings_table.c.key).where(settings_table.c.key == key)).first():
            conn.execute(settings_table.update().where(settings_table.c.key == key).values(row))
        else:
            conn.execute(settings_table.insert().values(row))


def save_settings(ws: Workstation, values: PracticeSettings) -> PracticeSettings:
    ws.require(Permission.EDIT_PRACTICE)
    values = values.validated()
    with ws.write() as conn:
        before = load_settings(conn)
        changed: dict[str, Any] = {k: v for k, v in asdict(values).items() if asdict(before)[k] != v}
        write_settings(conn, values)
        if changed:
            ws.audit(conn, AuditAction.CHANGE, "settings", "practice", changed)
            ws.emit(conn, "settings.changed", "settings", "practice", changed)
    return values
