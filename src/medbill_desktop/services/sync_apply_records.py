"""Appliers for what other workstations store besides patients, claims and the ledger: the code sets the practice
imports or edits, the 835 files payments are posted from, and claim submissions (prints and 837P exports).

Registered with services.sync_apply's `_applies` (sync_apply imports this module at its end), so each runs in
its own savepoint as the others do, for pulled changes and for a new workstation's snapshot. Each is idempotent:
applying a change again, or this workstation's own change coming back, changes nothing.

- "codes.imported", "code.added", "code.updated" (entity "codes"): rows of one code set, as services.codes
  `emit_codes` writes them ({set_name, source, version, replaces, columns, rows}). An import that replaces its set
  (the CPT file) is the set's one entity at the server, so a snapshot carries the latest; an import that adds and
  updates (HCPCS, CARC, RARC) and a code edited by hand are each their own entity, applied in server order. Only
  rows that differ from what is here are written, so a workstation's own import coming back costs one read.
- "remittance.file_imported" (entity "remittance_file"): the file's row as stored (the sha256 of its text, its
  name, when and by whom it was imported; the text itself is not kept, here or there). The workstation that posts
  an 835 writes it before the check's payment.batch_posted, which then finds it; a batch that arrived without it
  (or the same file imported here under another id) is linked when the file arrives, by the file's sha256 that
  ends the batch's source key.
- "claim.submitted" (entity "claim_submission"): one claim's print or 837P submission record, as stored.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, select, update

from medbill_desktop.codesets.model import CodeSet
from medbill_desktop.codesets.query import CODE_FORMATS
from medbill_desktop.services.sync_apply import SYNC_ACTOR, Change, NotApplied, _applies, _at, _Ctx
from medbill_desktop.storage import codes_store
from medbill_desktop.storage.tables import claim_submissions, claims, code_entries, payment_batches, remittance_files

# Above this many changed codes the search index is rebuilt whole (about a tenth of a second) rather than row by row.
_REINDEX_ALL = 300
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


# --- code sets ----------------------------------------------------------------------------------------------------

_Values = tuple[str, str, date | None, date | None, str]  # description, long description, from, to, source


def _day(value: Any) -> date | None:
    return None if value in (None, "") else date.fromisoformat(str(value))


def _code_rows(set_name: CodeSet, data: dict[str, Any]) -> dict[str, _Values]:
    columns = list(data["columns"])
    at = {name: columns.index(name) for name in ("code", "description", "long_description", "effective_from",
                                                  "effective_to") if name in columns}
    if "code" not in at or "description" not in at:
        raise NotApplied(f"The {set_name.label} codes sent name no code or description column.")
    source = str(data.get("source") or "practice")
    pattern = CODE_FORMATS[set_name]
    out: dict[str, _Values] = {}
    for n, row in enumerate(data["rows"], 1):
        code = str(row[at["code"]])
        if not pattern.match(code):
            raise NotApplied(f"Row {n} of the {set_name.label} codes sent: {code!r} is not a {set_name.label} code.")
        out[code] = (str(row[at["description"]]),
                     str(row[at["long_description"]] or "") if "long_description" in at else "",
                     _day(row[at["effective_from"]]) if "effective_from" in at else None,
                     _day(row[at["effective_to"]]) if "effective_to" in at else None, source)
    return out


def _current(conn: Connection, set_name: str, codes: list[str] | None) -> dict[str, _Values]:
    c = code_entries.c
    query = select(c.code, c.description, c.long_description, c.effective_from, c.effective_to, c.source) \
        .where(c.set_name == set_name)
    found: dict[str, _Values] = {}
    chunks = [None] if codes is None else [codes[i:i + 500] for i in range(0, len(codes), 500)]
    for chunk in chunks:
        rows = conn.execute(query if chunk is None else query.where(c.code.in_(chunk)))
        found.update({str(r.code): (str(r.description), str(r.long_description), r.effective_from, r.effective_to,
                                    str(r.source)) for r in rows})
    return found


@_applies("codes.imported", "code.added", "code.updated")
def _codes(ctx: _Ctx, change: Change) -> None:
    d = change["data"]
    try:
        kind = CodeSet(str(d.get("set_name")))
    except ValueError:
        raise NotApplied(f"There is no code set {d.get('set_name')!r} on this workstation.") from None
    if kind is CodeSet.ICD10:
        raise NotApplied("ICD-10-CM comes from each workstation's installed release, not from the server.")
    replaces = bool(d.get("replaces"))
    if replaces and not ctx.free(change["entity"], change["entity_id"], "*"):
        return  # this workstation replaced the set since and has not sent it yet: that file wins at the server
    wanted = _code_rows(kind, d)
    whole = replaces or len(wanted) > _REINDEX_ALL
    here = _current(ctx.conn, kind.value, None if whole else list(wanted))
    changed = [code for code, values in wanted.items() if here.get(code) != values]
    removed = replaces and bool(set(here) - set(wanted))
    if changed or removed:
        _store_codes(ctx.conn, kind.value, wanted, changed, removed)
    version = str(d.get("version") or "")
    if version and (codes_store.loaded_version(ctx.conn, f"{kind.value}.import") or ("", 0))[0] != version:
        codes_store.record_version(ctx.conn, f"{kind.value}.import", version, len(wanted), _at(change))


def _store_codes(conn: Connection, set_name: str, wanted: dict[str, _Values], changed: list[str],
                 removed: bool) -> None:
    if removed:
        codes_store.delete_entries(conn, set_name)
        changed = list(wanted)
    by_source: dict[str, list[dict[str, Any]]] = {}
    for code in changed:
        description, long_description, start, stop, source = wanted[code]
        by_source.setdefault(source, []).append({"code": code, "description": description,
                                                 "long_description": long_description, "effective_from": start,
                                                 "effective_to": stop})
    rebuild = removed or len(changed) > _REINDEX_ALL
    if not rebuild:
        codes_store.reindex_entries(conn, set_name, changed, drop=True)
    for source, rows in by_source.items():
        codes_store.upsert_entries(conn, set_name, rows, source)
    if rebuild:
        codes_store.rebuild_entries_index(conn)
    else:
        codes_store.reindex_entries(conn, set_name, changed, drop=False)


# --- 835 files ----------------------------------------------------------------------------------------------------

@_applies("remittance.file_imported")
def _remittance_file(ctx: _Ctx, change: Change) -> None:
    file_id, d = change["entity_id"], change["data"]
    sha = str(d.get("sha256", ""))
    if not _SHA256.match(sha):
        raise NotApplied(f"The 835 file {d.get('file_name', file_id)} came without its sha256.")
    f = remittance_files.c
    here = ctx.conn.execute(select(f.id).where((f.id == file_id) | (f.sha256 == sha))).scalars().all()
    if file_id in here:
        return  # (its batches found it when they arrived, or were linked when it did)
    local = str(here[0]) if here else None  # the same file imported here too, under its own id
    if local is None:
        ctx.conn.execute(remittance_files.insert().values(
            id=file_id, sha256=sha, file_name=str(d.get("file_name") or ""),
            imported_at=str(d.get("imported_at") or _at(change)), imported_by=str(d.get("imported_by") or SYNC_ACTOR)))
        local = file_id
    # a check of this file posted here before the file arrived: an 835 batch's source key ends with the file's sha256
    b = payment_batches.c
    ctx.conn.execute(update(payment_batches)
                     .where(b.remittance_file_id.is_(None), func.substr(b.source_key, -65) == f"|{sha}")
                     .values(remittance_file_id=local))


# --- claim submissions --------------------------------------------------------------------------------------------

@_applies("claim.submitted")
def _claim_submitted(ctx: _Ctx, change: Change) -> None:
    sid, d = change["entity_id"], change["data"]
    if ctx.conn.execute(select(claim_submissions.c.id).where(claim_submissions.c.id == sid)).first():
        return
    claim_id = str(d["claim_id"])
    if ctx.conn.execute(select(claims.c.id).where(claims.c.id == claim_id)).first() is None:
        raise NotApplied(f"Claim {d.get('claim_number') or claim_id} is not on this workstation; its submission "
                         f"({d.get('channel')}, {d.get('file_name')}) was not recorded.")
    ctx.conn.execute(claim_submissions.insert().values(
        id=sid, claim_id=claim_id, at=str(d.get("at") or _at(change)), actor=str(d.get("actor") or SYNC_ACTOR),
        channel=str(d["channel"]), batch_id=str(d["batch_id"]), file_name=str(d.get("file_name") or ""),
        frequency=str(d.get("frequency") or "1"), interchange_control=d.get("interchange_control"),
        group_control=d.get("group_control"), transaction_control=d.get("transaction_control")))
