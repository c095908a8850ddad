"""The audit chain: each entry's hash covers its content and the previous entry's hash."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

GENESIS = "0" * 64


class AuditAction(StrEnum):
    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"
    SIGN_OUT = "sign_out"
    LOCK = "lock"
    UNLOCK = "unlock"
    VIEW = "view"
    CHANGE = "change"
    PRINT = "print"
    EXPORT = "export"
    BACKUP = "backup"
    RESTORE = "restore"


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    at: str  # ISO-8601 UTC
    actor: str
    action: str
    entity: str
    entity_id: str
    detail: str  # canonical JSON
    prev_hash: str
    hash: str


def canonical_detail(detail: dict[str, object]) -> str:
    return json.dumps(detail, sort_keys=True, separators=(",", ":"), default=str)


def entry_hash(seq: int, at: str, actor: str, action: str, entity: str, entity_id: str, detail: str,
               prev_hash: str) -> str:
    payload = "\x1f".join([str(seq), at, actor, action, entity, entity_id, detail, prev_hash])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class ChainBreak:
    seq: int
    reason: str


def verify_chain(entries: Iterable[AuditEntry]) -> ChainBreak | None:
    """Walk the entries in order; return the first one that was edited, removed or reordered."""
    prev = GENESIS
    expected_seq: int | None = None
    for e in entries:
        if expected_seq is not None and e.seq != expected_seq:
            return ChainBreak(e.seq, f"entries {expected_seq}..{e.seq - 1} are missing")
        if e.prev_hash != prev:
            return ChainBreak(e.seq, "it does not follow the entry before it (an entry was removed or replaced)")
        if entry_hash(e.seq, e.at, e.actor, e.action, e.entity, e.entity_id, e.detail, e.prev_hash) != e.hash:
            return ChainBreak(e.seq, "its content was changed after it was written")
        prev = e.hash
        expected_seq = e.seq + 1
    return None
