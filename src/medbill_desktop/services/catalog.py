"""The domain's `CodeCatalog` over the workstation's code-set tables and fee schedule.

ICD-10-CM, place of service and modifiers come from the code sets (services.codes); a procedure is known
when it is in the practice's fee schedule, the HCPCS Level II list or the imported CPT file (no CPT
descriptors are shipped, so the fee schedule is what makes a practice's CPT codes known).
"""

from __future__ import annotations

import weakref

from sqlalchemy import Connection, Engine

from medbill_desktop.codesets.model import CodeSet
from medbill_desktop.services import codes
from medbill_desktop.services.context import Workstation
from medbill_desktop.storage import reference_store

_ready: weakref.WeakSet[Engine] = weakref.WeakSet()


def prepare(ws: Workstation) -> None:
    """Make sure the shipped lists (POS, modifiers, common HCPCS) are in the database. Call it before
    opening the transaction a catalog is used in (loading them takes its own transaction)."""
    if ws.db.engine not in _ready:
        codes.ensure_shipped_loaded(ws)
        _ready.add(ws.db.engine)


class StoredCatalog:
    """Answers on one connection (inside the caller's transaction); each answer is remembered."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._icd10: dict[str, tuple[bool, bool, str] | None] = {}
        self._entries: dict[tuple[CodeSet, str], bool] = {}
        self._procedures: dict[str, bool] = {}

    def icd10(self, code: str) -> tuple[bool, bool, str] | None:
        if code not in self._icd10:
            found = codes.icd10_lookup(self.conn, code)
            self._icd10[code] = (True, found.billable, found.description) if found is not None else None
        return self._icd10[code]

    def _entry(self, kind: CodeSet, code: str) -> bool:
        key = (kind, code)
        if key not in self._entries:
            self._entries[key] = codes.entry_lookup(self.conn, kind, code) is not None
        return self._entries[key]

    def valid_pos(self, code: str) -> bool:
        return self._entry(CodeSet.POS, code)

    def valid_modifier(self, code: str) -> bool:
        return self._entry(CodeSet.MODIFIER, code)

    def procedure_known(self, code: str) -> bool:
        if code not in self._procedures:
            self._procedures[code] = (reference_store.fee_procedure_exists(self.conn, code)
                                      or self._entry(CodeSet.HCPCS, code) or self._entry(CodeSet.CPT, code))
        return self._procedures[code]
