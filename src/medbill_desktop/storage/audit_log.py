"""Appending to and reading the hash-chained audit log."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, func, select

from medbill_desktop.domain.audit import GENESIS, AuditEntry, canonical_detail, entry_hash
from medbill_desktop.storage.tables import audit_log


def append(conn: Connection, *, at: str, actor: str, action: str, entity: str, entity_id: str,
           detail: dict[str, Any] | None = None) -> AuditEntry:
    last = conn.execute(select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq.desc()).limit(1)).first()
    seq, prev = (last.seq + 1, last.hash) if last else (1, GENESIS)
    text = canonical_detail(detail or {})
    digest = entry_hash(seq, at, actor, action, entity, entity_id, text, prev)
    entry = AuditEntry(seq, at, actor, action, entity, entity_id, text, prev, digest)
    conn.execute(audit_log.insert().values(
        seq=seq, at=at, actor=actor, action=action, entity=entity, entity_id=entity_id,
        detail=text, prev_hash=prev, hash=digest,
    ))
    return entry


def entries(conn: Connection, *, since_seq: int = 0, limit: int | None = None,
            newest_first: bool = False) -> Iterator[AuditEntry]:
    order = audit_log.c.seq.desc() if newest_first else audit_log.c.seq
    query = select(audit_log).where(audit_log.c.seq > since_seq).order_by(order)
    if limit is not None:
        query = query.limit(limit)
    for row in conn.execute(query):
        yield AuditEntry(row.seq, row.at, row.actor, row.action, row.entity, row.entity_id, row.detail,
                         row.prev_hash, row.hash)


def count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(audit_log)).scalar_one())
