"""Codes the practice adds to a code set by hand, or corrects: a code its files do not have yet (a new CPT code
before next year's file, a local HCPCS code), or a description worded its own way. Stored with source
"practice" and sent to the other workstations ("code.added" / "code.updated", applied by
services.sync_apply_records). ICD-10-CM comes from the installed release only.
"""

from __future__ import annotations

from datetime import date

from medbill_desktop.codesets import query as q
from medbill_desktop.codesets.model import CodeEntry, CodeSet
from medbill_desktop.domain.audit import AuditAction
from medbill_desktop.domain.roles import Permission
from medbill_desktop.services import codes
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.errors import ServiceError
from medbill_desktop.storage import codes_store as store

SOURCE = "practice"


def save_code(ws: Workstation, set_name: str, code: str, description: str, *, long_description: str = "",
              effective_from: date | None = None, effective_to: date | None = None) -> CodeEntry:
    """Add a code to a set, or change one already there (its description and dates)."""
    ws.require(Permission.EDIT_REFERENCE_DATA)
    kind = codes.code_set(set_name)
    if kind is CodeSet.ICD10:
        raise ServiceError("ICD-10-CM codes come from the installed release; they are not added by hand.", "set")
    bare = q.normalize_code(code)
    if not q.CODE_FORMATS[kind].match(bare):
        raise ServiceError(f"{code.strip()!r} is not a {kind.label} code.", "code")
    text = " ".join(description.split())
    if not text:
        raise ServiceError(f"Code {bare} needs a description.", "description")
    if effective_from is not None and effective_to is not None and effective_to < effective_from:
        raise ServiceError(f"Code {bare}: its last day of use ({effective_to}) is before its first "
                           f"({effective_from}).", "effective_to")
    entry = CodeEntry(kind.value, bare, text, long_description.strip(), effective_from, effective_to)
    with ws.write() as conn:
        new = store.entry_get(conn, kind.value, bare) is None
        store.reindex_entries(conn, kind.value, [bare], drop=True)
        store.upsert_entries(conn, kind.value, [{"code": entry.code, "description": entry.description,
                                                 "long_description": entry.long_description,
                                                 "effective_from": effective_from, "effective_to": effective_to}],
                             SOURCE)
        store.reindex_entries(conn, kind.value, [bare], drop=False)
        ws.audit(conn, AuditAction.CHANGE, "code", f"{kind.value}:{bare}",
                 {"op": "added" if new else "updated", "description": entry.description})
        codes.emit_codes(ws, conn, "code.added" if new else "code.updated", kind.value, [entry], SOURCE)
    return entry
