"""The sync outbox: business events written in the same transaction as the change they describe."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, func, select

from medbill_desktop.domain.ids import new_id
from medbill_desktop.storage.tables import outbox


def add(conn: Connection, *, at: str, event: str, entity: str, entity_id: str, payload: dict[str, Any]) -> None:
    conn.execute(outbox.insert().values(
        id=new_id(), created_at=at, event=event, entity=entity, entity_id=entity_id,
        payload=json.dumps(payload, sort_keys=True, default=str),
    ))


def pending_count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(outbox).where(outbox.c.sent_at.is_(None))).scalar_one())
