"""Code sets: loading them into the workstation's database, searching them, looking a code up, and
importing the official and licensed files.

ICD-10-CM (about 98,000 rows) is loaded by `ensure_icd10_loaded`, which the first run, `medbill demo`
and `medbill codes import icd10` call; creating a workstation does not (it takes seconds). The small
shipped lists (common HCPCS, place of service, modifiers, adjustment groups, CARC, RARC) are loaded on
first use and again whenever a new release ships different ones; what was imported from an official
file is never overwritten by them.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Row

from medbill_desktop.codesets import query as q
from medbill_desktop.codesets.cpt import read_cpt_file
from medbill_desktop.codesets.hcpcs import read_hcpcs_file
from medbill_desktop.codesets.icd10 import Icd10Data, read_icd10, source_version, with_dot
from medbill_desktop.codesets.model import (
    CodeEntry,
    CodeFileError,
    CodeHit,
    CodeSet,
    Icd10Code,
    ImportCounts,
)
from medbill_desktop.codesets.remit import read_remit_file
from medbill_desktop.codesets.shipped import SHIPPED_FILES, read_shipped, shipped_version
from medbill_desktop.domain.audit import AuditAction
from medbill_desktop.domain.ids import new_id
from medbill_desktop.domain.roles import Permission
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.errors import ServiceError
from medbill_desktop.storage import codes_store as store

# The records callers get back, importable from here by layers that may not import codesets (the GUI).
__all__ = ["CodeEntry", "CodeFileError", "CodeHit", "CodeSet", "Icd10Code", "ImportCounts", "LoadResult",
           "code_set", "ensure_icd10_loaded", "ensure_loaded", "ensure_shipped_loaded", "icd10",
           "icd10_loaded", "icd10_lookup", "import_cpt", "import_hcpcs", "import_remit_codes", "list_codes",
           "load_icd10", "lookup", "search"]

MAX_LIMIT = 200
_ICD10 = CodeSet.ICD10.value
# What the rows of the small sets say about where they came from ("practice": added or reworded by hand).
_FILE_SOURCES = {"cms": "CMS file", "official": "official list", "licensed": "licensed file"}
CPT_FILE_SOURCE = "licensed"  # the practice's licensed CPT file (codes added by hand are "practice")


@dataclass(frozen=True, slots=True)
class LoadResult:
    set_name: str
    version: str
    loaded: bool  # False when the database already held this version
    rows: int
    billable: int
    read_seconds: float = 0.0  # reading the source (the package parses its XML)
    write_seconds: float = 0.0  # the one transaction that stores and indexes it


def code_set(name: str) -> CodeSet:
    try:
        return CodeSet(name.strip().lower())
    except ValueError:
        known = ", ".join(s.value for s in CodeSet)
        raise ServiceError(f"There is no code set {name!r}; use one of {known}.", "set") from None


# --- loading ---------------------------------------------------------------------------------------
def icd10_loaded(ws: Workstation) -> bool:
    with ws.read() as conn:
        return store.loaded_version(conn, _ICD10) is not None


def ensure_icd10_loaded(ws: Workstation, *, force: bool = False) -> LoadResult:
    """Load the installed ICD-10-CM release unless the database already holds it (about 98,000 rows,
    one transaction). Safe to call at every start: a current database costs one query."""
    version = source_version()
    with ws.read() as conn:
        current = store.loaded_version(conn, _ICD10)
        if current is not None and current[0] == version and not force:
            codes, billable = store.icd10_counts(conn)
            if codes == current[1]:
                return LoadResult(_ICD10, version, False, codes, billable)
    started = time.perf_counter()
    data = read_icd10()
    return load_icd10(ws, data, read_seconds=time.perf_counter() - started)


def load_icd10(ws: Workstation, data: Icd10Data, *, read_seconds: float = 0.0) -> LoadResult:
    """Replace the ICD-10-CM table with `data` (the whole release, or a part of it in tests)."""
    groups = [{"id": g.id, "kind": g.kind, "description": g.description, "parent": g.parent}
              for g in data.groups]
    rows = [{"code": r.code, "display_code": r.display_code, "description": r.description,
             "billable": r.billable, "kind": r.kind, "parent": r.parent, "chapter": r.chapter,
             "block": r.block, "search_rank": r.rank} for r in data.rows]
    started = time.perf_counter()
    with ws.write() as conn:
        store.replace_icd10(conn, groups, rows)
        store.record_version(conn, _ICD10, data.version, len(rows), ws.now_iso())
        ws.audit(conn, AuditAction.CHANGE, "codeset", _ICD10,
                 {"op": "loaded", "version": data.version, "codes": len(rows),
                  "billable": data.billable_count})
    return LoadResult(_ICD10, data.version, True, len(rows), data.billable_count,
                      read_seconds=read_seconds, write_seconds=time.perf_counter() - started)


_shipped_checked: weakref.WeakSet[Engine] = weakref.WeakSet()


def ensure_shipped_loaded(ws: Workstation) -> list[LoadResult]:
    """Load the lists shipped with the program where the database holds none or an older release."""
    results: list[LoadResult] = []
    with ws.read() as conn:
        stale = [s for s in SHIPPED_FILES
                 if (store.loaded_version(conn, f"{s.value}.shipped") or ("", 0))[0] != shipped_version(s)]
    if stale:
        with ws.write() as conn:
            for set_name in stale:
                entries = read_shipped(set_name)
                added, updated = store.upsert_entries(conn, set_name.value, [_entry_row(e) for e in entries],
                                                      "shipped", keep_other_sources=True)
                version = shipped_version(set_name)
                store.record_version(conn, f"{set_name.value}.shipped", version, len(entries), ws.now_iso())
                results.append(LoadResult(set_name.value, version, True, added + updated, added + updated))
            store.rebuild_entries_index(conn)
    _shipped_checked.add(ws.db.engine)
    return results


def _shipped_ready(ws: Workstation) -> None:
    if ws.db.engine not in _shipped_checked:
        ensure_shipped_loaded(ws)


def ensure_loaded(ws: Workstation) -> list[LoadResult]:
    """Everything: the shipped lists and ICD-10-CM."""
    return [*ensure_shipped_loaded(ws), ensure_icd10_loaded(ws)]


# --- looking up ------------------------------------------------------------------------------------
def icd10_lookup(conn: Connection, code: str) -> Icd10Code | None:
    """On the caller's connection (for a service already inside a transaction)."""
    bare = q.normalize_code(code)
    if not q.CODE_FORMATS[CodeSet.ICD10].match(bare):
        return None
    row = store.icd10_get(conn, bare)
    return _icd10_code(row) if row is not None else None


def icd10(ws: Workstation, code: str) -> Icd10Code | None:
    """The diagnosis code as the tabular list has it, or None when there is no such code.
    A category or subcategory with codes below it ("E11") comes back with billable=False."""
    with ws.read() as conn:
        return icd10_lookup(conn, code)


def entry_lookup(conn: Connection, set_name: CodeSet, code: str) -> CodeEntry | None:
    row = store.entry_get(conn, set_name.value, q.normalize_code(code))
    return _code_entry(set_name, row) if row is not None else None


def lookup(ws: Workstation, set_name: str, code: str) -> CodeEntry | None:
    """A code of one of the smaller sets (HCPCS, CPT, POS, modifier, CARC, RARC, group)."""
    kind = code_set(set_name)
    if kind is CodeSet.ICD10:
        raise ServiceError("Look diagnosis codes up with icd10().", "set")
    _shipped_ready(ws)
    with ws.read() as conn:
        return entry_lookup(conn, kind, code)


# --- searching -------------------------------------------------------------------------------------
def search(ws: Workstation, query: str, set_name: str = _ICD10, limit: int = 20) -> list[CodeHit]:
    """Codes matching what was typed: a code prefix ("E11.6", "e116", "j11"), words ("type 2 diab
    kidney": each word a prefix, all required), or a code prefix then words ("E11 kidney")."""
    kind = code_set(set_name)
    limit = max(1, min(int(limit), MAX_LIMIT))
    if kind is CodeSet.ICD10:
        with ws.read() as conn:
            return search_icd10(conn, query, limit)
    _shipped_ready(ws)
    with ws.read() as conn:
        return search_entries(conn, kind, query, limit, ws.today())


def search_icd10(conn: Connection, query: str, limit: int) -> list[CodeHit]:
    parsed = q.parse_icd10(query)
    if parsed.empty:
        return []
    if parsed.code_prefix and not (parsed.words or parsed.loose):
        rows = store.icd10_by_prefix(conn, parsed.code_prefix, limit)
        if rows or len(parsed.code_prefix) == 1:
            return [_icd10_hit(r) for r in rows]
        parsed = parsed.as_words()  # "b12": no code starts so, but a description says "B12"
    terms: list[store.MatchTerm] = []
    if parsed.code_prefix:
        terms.append((parsed.code_prefix.lower(), "code"))
    terms += [(token, "any") for token in parsed.loose]
    terms += [(word, "terms") for word in parsed.words]
    return [_icd10_hit(r) for r in store.icd10_match(conn, terms, limit)]


def search_entries(conn: Connection, kind: CodeSet, query: str, limit: int, on: date) -> list[CodeHit]:
    parsed = q.parse_small(query)
    terms: list[store.MatchTerm] = [(token, "any") for token in parsed.loose]
    rows = store.entries_search(conn, kind.value, terms, parsed.code_prefix, on, limit)
    return [CodeHit(str(r.code), str(r.code), str(r.description), bool(r.active), kind.value) for r in rows]


# --- listing (the Code sets screen) ---------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CodeListing:
    """One code as the Code sets screen lists it, with where it came from."""

    set_name: str
    code: str
    display_code: str
    description: str
    long_description: str
    effective_from: date | None
    effective_to: date | None
    source: str  # shipped | cms | official | licensed | practice; "release" for ICD-10-CM
    origin: str  # as people read it: "practice", "cpt2027.csv", "shipped with MedBill", the ICD-10-CM release
    in_use: bool  # in use today (ICD-10-CM: billable)


@dataclass(frozen=True, slots=True)
class CodeSetListing:
    set_name: str
    total: int  # codes the set holds
    version: str  # the file last imported into it (ICD-10-CM: the release); "" when none
    rows: list[CodeListing]


def list_codes(ws: Workstation, set_name: str, query: str = "", limit: int = MAX_LIMIT) -> CodeSetListing:
    """The codes of a set matching what was typed (all of them, in code order, when nothing was), each with
    its source. ICD-10-CM needs a query: its 98,000 codes are searched, never listed whole."""
    kind = code_set(set_name)
    limit = max(1, min(int(limit), MAX_LIMIT))
    if kind is CodeSet.ICD10:
        with ws.read() as conn:
            loaded = store.loaded_version(conn, _ICD10)
            version = loaded[0] if loaded else ""
            hits = search_icd10(conn, query, limit) if query.strip() else []
        rows = [CodeListing(_ICD10, h.code, h.display_code, h.description, "", None, None, "release", version,
                            h.billable) for h in hits]
        return CodeSetListing(_ICD10, loaded[1] if loaded else 0, version, rows)
    _shipped_ready(ws)
    parsed = q.parse_small(query)
    with ws.read() as conn:
        loaded = store.loaded_version(conn, f"{kind.value}.import")
        version = loaded[0] if loaded else ""
        found = store.entries_search(conn, kind.value, [(token, "any") for token in parsed.loose],
                                     parsed.code_prefix, ws.today(), limit)
        total = store.entry_count(conn, kind.value)

    def origin(source: str) -> str:
        if source == "shipped":
            return "shipped with MedBill"
        return (version or _FILE_SOURCES[source]) if source in _FILE_SOURCES else source

    return CodeSetListing(kind.value, total, version, [
        CodeListing(kind.value, str(r.code), str(r.code), str(r.description), str(r.long_description),
                    r.effective_from, r.effective_to, str(r.source), origin(str(r.source)), bool(r.active))
        for r in found])


# --- importing -------------------------------------------------------------------------------------
def import_hcpcs(ws: Workstation, path: Path) -> ImportCounts:
    """CMS's quarterly HCPCS file (fixed-width text or CSV); adds new codes, updates the rest."""
    ws.require(Permission.EDIT_REFERENCE_DATA)
    parsed = read_hcpcs_file(path)
    _shipped_ready(ws)
    today = ws.today()
    with ws.write() as conn:
        added, updated = store.upsert_entries(conn, CodeSet.HCPCS.value,
                                              [_entry_row(e) for e in parsed.entries], "cms")
        store.rebuild_entries_index(conn)
        store.record_version(conn, "hcpcs.import", path.name, len(parsed.entries), ws.now_iso())
        emit_codes(ws, conn, "codes.imported", CodeSet.HCPCS.value, parsed.entries, "cms", version=path.name)
        counts = ImportCounts(CodeSet.HCPCS.value, added, updated,
                              skipped=parsed.skipped_level_one + parsed.skipped_modifiers,
                              terminated=parsed.terminated_by(today))
        _audit_import(ws, conn, path, counts)
    return counts


def import_cpt(ws: Workstation, path: Path) -> ImportCounts:
    """The practice's licensed CPT file; it replaces the CPT codes held before. A bad line stops the
    import before anything is stored."""
    ws.require(Permission.EDIT_REFERENCE_DATA)
    entries = read_cpt_file(path)
    codes = {e.code for e in entries}
    with ws.write() as conn:
        before = set(store.entry_sources(conn, CodeSet.CPT.value))
        store.delete_entries(conn, CodeSet.CPT.value)
        store.upsert_entries(conn, CodeSet.CPT.value, [_entry_row(e) for e in entries], CPT_FILE_SOURCE)
        store.rebuild_entries_index(conn)
        store.record_version(conn, "cpt.import", path.name, len(entries), ws.now_iso())
        emit_codes(ws, conn, "codes.imported", CodeSet.CPT.value, entries, CPT_FILE_SOURCE, version=path.name,
                   replaces=True)
        counts = ImportCounts(CodeSet.CPT.value, added=len(codes - before), updated=len(codes & before),
                              removed=len(before - codes))
        _audit_import(ws, conn, path, counts)
    return counts


def import_remit_codes(ws: Workstation, set_name: str, path: Path) -> ImportCounts:
    """The official CARC or RARC list (CSV: code, description, start and stop dates)."""
    kind = code_set(set_name)
    if kind not in (CodeSet.CARC, CodeSet.RARC):
        raise ServiceError("Only the CARC and RARC lists are imported this way.", "set")
    ws.require(Permission.EDIT_REFERENCE_DATA)
    entries = read_remit_file(path, kind)
    _shipped_ready(ws)
    today = ws.today()
    with ws.write() as conn:
        added, updated = store.upsert_entries(conn, kind.value, [_entry_row(e) for e in entries], "official")
        store.rebuild_entries_index(conn)
        store.record_version(conn, f"{kind.value}.import", path.name, len(entries), ws.now_iso())
        emit_codes(ws, conn, "codes.imported", kind.value, entries, "official", version=path.name)
        counts = ImportCounts(kind.value, added, updated,
                              terminated=sum(1 for e in entries if e.effective_to and e.effective_to < today))
        _audit_import(ws, conn, path, counts)
    return counts


def emit_codes(ws: Workstation, conn: Connection, event: str, set_name: str, entries: Sequence[CodeEntry],
               source: str, *, version: str = "", replaces: bool = False) -> None:
    """The outbox event of codes stored by the practice (an import, or codes added by hand), applied on the other
    workstations by services.sync_apply_records. An import that replaces its set is the set's one entity at the
    server (the latest is what a new workstation gets); one that adds and updates, or a hand edit, is its own."""
    ws.emit(conn, event, "codes", set_name if replaces else new_id(), {
        "set_name": set_name, "source": source, "version": version, "replaces": replaces,
        "columns": ["code", "description", "long_description", "effective_from", "effective_to"],
        "rows": [[e.code, e.description, e.long_description, e.effective_from, e.effective_to] for e in entries]})


def _audit_import(ws: Workstation, conn: Connection, path: Path, counts: ImportCounts) -> None:
    ws.audit(conn, AuditAction.CHANGE, "codeset", counts.set_name,
             {"op": "imported", "file": path.name, "added": counts.added, "updated": counts.updated,
              "removed": counts.removed, "skipped": counts.skipped, "terminated": counts.terminated})


# --- rows <-> records ------------------------------------------------------------------------------
def _entry_row(e: CodeEntry) -> dict[str, Any]:
    return {"code": e.code, "description": e.description, "long_description": e.long_description,
            "effective_from": e.effective_from, "effective_to": e.effective_to}


def _code_entry(kind: CodeSet, r: Row[Any]) -> CodeEntry:
    return CodeEntry(kind.value, str(r.code), str(r.description), str(r.long_description),
                     r.effective_from, r.effective_to)


def _icd10_code(r: Row[Any]) -> Icd10Code:
    return Icd10Code(str(r.code), str(r.display_code), str(r.description), bool(r.billable))


def _icd10_hit(r: Row[Any]) -> CodeHit:
    return CodeHit(str(r.code), str(r.display_code) or with_dot(str(r.code)), str(r.description),
                   bool(r.billable), _ICD10)
