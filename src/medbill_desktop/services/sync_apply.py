"""Applying what the practice server sends to this workstation's tables: the changes pulled from it (other
workstations' business events, in server order) and the first snapshot of a new workstation.

One applier per event. Every applier is idempotent (applying a change twice changes nothing) and runs inside
the caller's SQLite transaction, the one that moves the pull cursor (sync.runner). Each change is applied in its
own savepoint: one that cannot be applied here (a foreign key to a row this workstation never got, a receivable
that would go below zero) is rolled back alone and listed for review, and the rest goes on.

The rules (DESIGN §7):
- Ledger transactions arrive whole, with their postings, and go in through storage.ledger_store so the
  triggers check them (balanced, no receivable below zero). A transaction already here is skipped; one whose
  source key is already posted here under another transaction (the same remittance posted on two
  workstations) is not applied but listed for review.
- Patients, coverages and the practice's record merge per field: the server decides (the later arrival wins)
  and this workstation takes the server's value, in server order. Its own changes come back in that order too
  and are applied again, so a field another workstation set earlier is put back to this workstation's later
  value, as on the server. A field this workstation changed and has not pushed yet is left alone: that change
  reaches the server later, and wins there.
- Claims change by their events: a status change sets the status the event names (and adds the history row);
  a payment batch sets the statuses it moved. The server checked them against the claims' state machine
  (server.claim_status): a status change it refused never arrives here, and the workstation that made it puts
  its claim back to the server's status from the push reply (restore_server_claims); a payment batch whose
  claim status the server did not take arrives with the server's status in its place, and the workstation that
  posted it lists that for review.
- Reference data (payers, providers, facilities, fee schedule, allowed amounts, users, clearinghouse, printer
  profiles) comes from the server the same way.

Nothing here writes to the outbox: what arrives from the server is not sent back.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
import types
import typing
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import Connection, Table, delete, func, select, update

from medbill_desktop.domain.claim_form import CalibrationProfile, ClaimExtras
from medbill_desktop.domain.claims import Action, ClaimStatus, check_transition
from medbill_desktop.domain.coverage import Coverage, EligibilityCheck
from medbill_desktop.domain.encounters import Encounter, EncounterStatus
from medbill_desktop.domain.fees import AllowedEntry, FeeEntry
from medbill_desktop.domain.ids import new_id
from medbill_desktop.domain.ledger import AccountKey, AccountKind, Posting, Transaction, TxKind
from medbill_desktop.domain.patients import Patient
from medbill_desktop.domain.practice import Practice
from medbill_desktop.domain.reference import Payer, Provider, ReferringProvider, ServiceFacility
from medbill_desktop.domain.roles import Role
from medbill_desktop.domain.scrubber import ClaimFrequency
from medbill_desktop.domain.settings import PracticeSettings
from medbill_desktop.edi.model import Clearinghouse
from medbill_desktop.services.practice import PRACTICE_ID, load_practice
from medbill_desktop.services.practice import _columns as practice_columns
from medbill_desktop.storage import (
    audit_log,
    claims_store,
    encounters_store,
    ledger_store,
    patients_store,
    reference_store,
    remittance_store,
)
from medbill_desktop.storage.encounters_store import _encounter_values as encounter_values
from medbill_desktop.storage.encounters_store import _line_values as line_values
from medbill_desktop.storage.tables import (
    adjudication_adjustments,
    batch_transactions,
    claim_adjudications,
    claim_notes,
    claim_state_history,
    claim_submissions,
    claim_tracking,
    claims,
    clearinghouse_settings,
    coverages,
    denials,
    eligibility_checks,
    encounter_diagnoses,
    encounters,
    ledger_transactions,
    line_adjudications,
    outbox,
    patient_payments,
    patient_phones,
    patient_refunds,
    patients,
    payment_batches,
    provider_adjustments,
    remittance_files,
    service_lines,
    users,
)
from medbill_desktop.storage.tables import fee_schedule as fee_table
from medbill_desktop.storage.tables import practice as practice_table
from medbill_desktop.storage.tables import settings as settings_table
from medbill_desktop.sync import protocol, state

log = logging.getLogger("medbill_desktop.sync")

Change = dict[str, Any]
SYNC_ACTOR = "sync"
# A password hash no password matches: a user who arrives without one signs in only after a manager sets it.
NO_PASSWORD = "!no-password-on-this-workstation"
_ID_NAMESPACE = uuid.UUID("6f1b1a52-2d5e-4c8e-9c39-7d0c5b8f3a11")


def derived_id(*parts: str) -> str:
    """A row id made from the change it came from: the same change always makes the same row."""
    return str(uuid.uuid5(_ID_NAMESPACE, "\x1f".join(parts)))


# --- records to and from their JSON form ------------------------------------------------------------------------

def as_json(value: Any) -> Any:
    """A record as its outbox payload has it (dates as ISO text, enums as their values, tuples as lists)."""
    data = asdict(value) if dataclasses.is_dataclass(value) and not isinstance(value, type) else value
    return json.loads(json.dumps(data, sort_keys=True, default=str))


@functools.cache
def _fields(cls: type[Any]) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((f.name, _converter(hints[f.name])) for f in dataclasses.fields(cls))


def revive(cls: type[Any], data: Mapping[str, Any]) -> Any:
    """Rebuild a frozen domain record from its JSON form (unknown keys are ignored; missing ones take the
    record's defaults). ValueError/TypeError when a required field is missing or a value does not fit."""
    fields: tuple[tuple[str, Callable[[Any], Any]], ...] = _fields(cls)  # type: ignore[arg-type]
    return cls(**{name: convert(data[name]) for name, convert in fields if name in data})


def _value(hint: Any, value: Any) -> Any:
    return _converter(hint)(value)


@functools.cache
def _converter(hint: Any) -> Callable[[Any], Any]:
    """How a JSON value becomes a value of the type `hint` (worked out once per type)."""
    inner = _converter_of(hint)

    def convert(value: Any) -> Any:
        return None if value is None else inner(value)
    return convert


def _converter_of(hint: Any) -> Callable[[Any], Any]:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [_converter(a) for a in typing.get_args(hint) if a is not type(None)]
        if len(options) == 1:
            return options[0]

        def union(value: Any) -> Any:
            for option in options:
                try:
                    return option(value)
                except (TypeError, ValueError):
                    continue
            raise ValueError(f"{value!r} fits none of {hint}")
        return union
    if origin in (tuple, list):
        args = typing.get_args(hint)
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            item = _converter(args[0])
            return lambda value: tuple(item(v) for v in value)
        if origin is tuple and args:
            items = [_converter(a) for a in args]
            return lambda value: tuple(c(v) for c, v in zip(items, value, strict=True))
        return lambda value: origin(value)
    if origin is not None and isinstance(origin, type) and issubclass(origin, Mapping):
        args = typing.get_args(hint)
        if len(args) == 2:
            item = _converter(args[1])
            return lambda value: {k: item(v) for k, v in value.items()}
        return dict
    if hint is Any or not isinstance(hint, type):
        return lambda value: value
    if dataclasses.is_dataclass(hint):
        return lambda value: revive(hint, value)
    if issubclass(hint, Enum):
        return hint
    if hint is date:
        return lambda value: value if isinstance(value, date) else date.fromisoformat(str(value))
    if hint is Decimal:
        return lambda value: Decimal(str(value))
    if hint is bool:
        def boolean(value: Any) -> bool:
            if not isinstance(value, bool):
                raise TypeError(f"{value!r} is not true or false")
            return value
        return boolean
    if hint is int:
        def whole(value: Any) -> int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"{value!r} is not a whole number")
            return value
        return whole
    if hint is float:
        return float
    if hint is str:
        return str
    return lambda value: value


# --- what a change sets, for the changes this workstation has not pushed yet ---------------------------------------

def fields_set(event: str, entity: str, entity_id: str, data: Mapping[str, Any]) -> set[tuple[str, str, str]]:
    """The (entity, id, field) a change sets that a later change of the same field would overwrite."""
    out: set[tuple[str, str, str]] = set()
    if event in ("claim.status_changed", "claim.created"):
        out.add(("claim", entity_id, "status"))
        out.update(("claim", entity_id, k) for k in _TRACKING_FIELDS if k in data)
    elif event == "claim.follow_up_set":
        out.add(("claim", entity_id, "follow_up_on"))
    elif event == "claim.payer_reference_set":
        out.add(("claim", entity_id, "payer_claim_reference"))
    elif event == "payment.batch_posted":
        out.update(("claim", str(c[0]), "status") for c in data.get("claim_status") or [])
    elif event == "payment.batch_reversed":
        out.update(("claim", str(c.get("claim_id")), "status") for c in data.get("claims") or [])
    elif protocol.merges_fields(entity, event) and not protocol.is_ledger_change(entity, event):
        out.update((entity, entity_id, k) for k in data)
        out.add((entity, entity_id, "*"))
    return out


def pending_fields(conn: Connection) -> set[tuple[str, str, str]]:
    """What this workstation's unsent outbox rows will set at the server (after anything pulled now)."""
    out: set[tuple[str, str, str]] = set()
    rows = conn.execute(select(outbox.c.event, outbox.c.entity, outbox.c.entity_id, outbox.c.payload)
                        .where(outbox.c.sent_at.is_(None)))
    for event, entity, entity_id, payload in rows:
        out |= fields_set(event, entity, entity_id, json.loads(payload))
    return out


# --- applying ------------------------------------------------------------------------------------------------------

class NotApplied(Exception):
    """A change this workstation cannot take, in words (shown for review)."""

    def __init__(self, message: str, status: str = "not_applied", duplicate_of: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.duplicate_of = duplicate_of


@dataclass
class ApplyReport:
    applied: int = 0
    unknown: int = 0
    review: list[dict[str, Any]] = field(default_factory=list)
    in_bulk: dict[str, int] = field(default_factory=dict)  # a snapshot's items put in in bulk, by entity


@dataclass
class _Ctx:
    conn: Connection
    device_id: str | None
    shadow: set[tuple[str, str, str]]
    snapshot: bool = False
    report: ApplyReport = field(default_factory=ApplyReport)
    whole_groups: bool = False  # a snapshot's bulk rows of one entity in one savepoint (see _bulk_insert)

    def own(self, change: Change) -> bool:
        return self.device_id is not None and change.get("origin_device") == self.device_id

    def free(self, entity: str, entity_id: str, name: str) -> bool:
        """Whether this workstation has no unsent change of that field (which would win at the server)."""
        return (entity, entity_id, name) not in self.shadow

    def free_fields(self, entity: str, entity_id: str, data: Mapping[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in data.items() if self.free(entity, entity_id, k)}


def _at(change: Change) -> str:
    at = change.get("created_at")
    if isinstance(at, str) and at:
        return at
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


Applier = Callable[[_Ctx, Change], None]
_APPLIERS: dict[str, Applier] = {}


def _applies(*events: str) -> Callable[[Applier], Applier]:
    def register(fn: Applier) -> Applier:
        for event in events:
            _APPLIERS[event] = fn
        return fn
    return register


def applier_for(event: str) -> Applier | None:
    if event in _APPLIERS:
        return _APPLIERS[event]
    if event.startswith(protocol.LEDGER_EVENT_PREFIX) and event.endswith("_posted"):
        return _ledger
    if event.startswith("denial."):
        return _denial
    return None


def known_events() -> list[str]:
    return sorted(_APPLIERS)


def apply_changes(conn: Connection, changes: Iterable[Change], device_id: str | None = None) -> ApplyReport:
    """Apply pulled changes (all of them, this workstation's own included, in server order) in the caller's
    transaction. What cannot be applied is listed for review (sync.state.review_items)."""
    ctx = _Ctx(conn, device_id, pending_fields(conn))
    _run(ctx, changes)
    _finish(ctx)
    return ctx.report


def _run(ctx: _Ctx, changes: Iterable[Change]) -> None:
    for change in changes:
        fn = applier_for(str(change.get("event", "")))
        if fn is None:
            ctx.report.unknown += 1
            continue
        savepoint = ctx.conn.begin_nested()
        try:
            fn(ctx, change)
        except NotApplied as exc:
            savepoint.rollback()
            _review(ctx, change, exc.message, exc.status, exc.duplicate_of)
        except Exception as exc:  # noqa: BLE001 - one change that cannot be applied must not stop the others
            savepoint.rollback()
            log.warning("sync: %s %s could not be applied: %s", change.get("event"), change.get("entity_id"),
                        type(exc).__name__)
            _review(ctx, change, f"{_what(change)} could not be applied on this workstation: {_reason(exc)}")
        else:
            savepoint.commit()
            ctx.report.applied += 1


def _finish(ctx: _Ctx) -> None:
    """The review list and one audit entry for what was applied."""
    if ctx.report.review:
        state.add_review_items(ctx.conn, ctx.report.review)
    if ctx.report.applied:
        audit_log.append(ctx.conn, at=_at({}), actor=SYNC_ACTOR, action="change", entity="sync",
                         entity_id="snapshot" if ctx.snapshot else "pull",
                         detail={"op": "apply", "changes": ctx.report.applied,
                                 "not_applied": len(ctx.report.review)})


def _reason(exc: Exception) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip() or type(exc).__name__
    return text.splitlines()[0][:300]


def _what(change: Change) -> str:
    return f"{change.get('event')} {change.get('entity_id')}"


def _review(ctx: _Ctx, change: Change, message: str, status: str = "not_applied",
            duplicate_of: str | None = None) -> None:
    ctx.report.review.append({
        "change_id": change.get("change_id"), "status": status, "message": message, "duplicate_of": duplicate_of,
        "entity": change.get("entity"), "entity_id": change.get("entity_id"), "event": change.get("event"),
        "seq": change.get("seq"), "origin_device": change.get("origin_device"), "at": _at({}),
        "direction": "pulled"})


# --- patients and coverages: merged per field ---------------------------------------------------------------------

@_applies("patient.registered", "patient.updated", "patient" + protocol.CONFLICT_RESTORED_SUFFIX)
def _patient(ctx: _Ctx, change: Change) -> None:
    pid = change["entity_id"]
    data = ctx.free_fields("patient", pid, change["data"])
    current = patients_store.get_patient(ctx.conn, pid)
    if current is None:
        if not ctx.free("patient", pid, "*"):
            return
        try:
            patient = revive(Patient, {**change["data"], "id": pid})
        except (TypeError, ValueError, KeyError) as exc:
            raise NotApplied(f"Patient {pid} is not on this workstation and the change does not say who it is "
                             f"({_reason(exc)}).") from None
        patients_store.insert_patient(ctx.conn, patient, _at(change))
        return
    merged = revive(Patient, {**as_json(current), **data, "id": pid, "account_number": current.account_number})
    if merged != current:
        _update_patient(ctx.conn, current, merged, _at(change))


def _update_patient(conn: Connection, current: Patient, merged: Patient, at: str) -> None:
    """Only the columns that change (and the phone search keys when a number changed): most pulled edits are
    one or two fields, and this is the applier most often run."""
    old, new = patients_store.patient_values(current, at), patients_store.patient_values(merged, at)
    changed = {k: v for k, v in new.items() if old[k] != v}
    changed["updated_at"] = at
    names = list(changed)
    conn.exec_driver_sql(f"UPDATE {patients.name} SET {', '.join(f'{n} = ?' for n in names)} WHERE id = ?",
                         (*(_sql_value(changed[n]) for n in names), merged.id))
    before, after = patients_store.phone_keys(current.phones), patients_store.phone_keys(merged.phones)
    if before != after:
        conn.execute(delete(patient_phones).where(patient_phones.c.patient_id == merged.id))
        if after:
            conn.execute(patient_phones.insert(), [{"digits": k, "patient_id": merged.id} for k in sorted(after)])


def _sql_value(value: Any) -> Any:
    """A value as SQLite stores it through SQLAlchemy here (dates as ISO text, booleans as 0/1)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


@_applies("coverage.saved", "coverage" + protocol.CONFLICT_RESTORED_SUFFIX)
def _coverage(ctx: _Ctx, change: Change) -> None:
    cid = change["entity_id"]
    data = ctx.free_fields("coverage", cid, change["data"])
    row = ctx.conn.execute(select(coverages).where(coverages.c.id == cid)).first()
    if row is None:
        if not ctx.free("coverage", cid, "*"):
            return
        try:
            coverage = revive(Coverage, {**change["data"], "id": cid})
        except (TypeError, ValueError, KeyError) as exc:
            raise NotApplied(f"Coverage {cid} is not on this workstation and the change does not describe it "
                             f"({_reason(exc)}).") from None
        patients_store.save_coverage(ctx.conn, coverage, _at(change))
        return
    current = patients_store.coverage_from(row)
    merged = revive(Coverage, {**as_json(current), **data, "id": cid})
    if merged != current or (row.removed_at is not None and ctx.free("coverage", cid, "*")):
        patients_store.save_coverage(ctx.conn, merged, _at(change))  # (a coverage saved again is current again)


@_applies("coverage.removed")
def _coverage_removed(ctx: _Ctx, change: Change) -> None:
    cid = change["entity_id"]
    owner = patients_store.coverage_owner(ctx.conn, cid)
    if owner is not None and not owner[1] and ctx.free("coverage", cid, "*"):
        patients_store.remove_coverages(ctx.conn, [cid], _at(change))


@_applies("eligibility.checked")
def _eligibility(ctx: _Ctx, change: Change) -> None:
    check_id = change["entity_id"]
    if ctx.conn.execute(select(eligibility_checks.c.id).where(eligibility_checks.c.id == check_id)).first():
        return
    check = revive(EligibilityCheck, {**change["data"], "id": check_id})
    patients_store.insert_check(ctx.conn, check, _at(change), SYNC_ACTOR)


# --- the practice, its settings and reference data ----------------------------------------------------------------

@_applies("practice.saved")
def _practice(ctx: _Ctx, change: Change) -> None:
    data = ctx.free_fields("practice", change["entity_id"], change["data"])
    row = ctx.conn.execute(select(practice_table)).first()
    current = load_practice(ctx.conn)
    merged = revive(Practice, {**(as_json(current) if current else {}), **data})
    if merged == current:
        return
    values = practice_columns(merged) | {"updated_at": _at(change)}
    if row is None:
        ctx.conn.execute(practice_table.insert().values(id=PRACTICE_ID, **values))
    else:
        ctx.conn.execute(practice_table.update().where(practice_table.c.id == row.id).values(**values))


@_applies("settings.changed")
def _settings(ctx: _Ctx, change: Change) -> None:
    known = PracticeSettings.names()
    for key, value in ctx.free_fields("settings", change["entity_id"], change["data"]).items():
        if key not in known:
            continue
        text = json.dumps(value)
        if ctx.conn.execute(update(settings_table).where(settings_table.c.key == key)
                            .values(value=text)).rowcount == 0:
            ctx.conn.execute(settings_table.insert().values(key=key, value=text))


def _reference(cls: type[Any], getter: Callable[[Connection, str], Any],
               saver: Callable[[Connection, Any, str], bool]) -> Applier:
    def apply(ctx: _Ctx, change: Change) -> None:
        rid = change["entity_id"]
        if not ctx.free(change["entity"], rid, "*"):
            return
        current = getter(ctx.conn, rid)
        record = revive(cls, {**(as_json(current) if current else {}), **change["data"], "id": rid})
        if record != current:
            saver(ctx.conn, record, _at(change))
    return apply


_applies("provider.saved")(_reference(Provider, reference_store.get_provider, reference_store.save_provider))
_applies("referring_provider.saved")(_reference(ReferringProvider, reference_store.get_referring,
                                                reference_store.save_referring))
_applies("facility.saved")(_reference(ServiceFacility, reference_store.get_facility, reference_store.save_facility))
_applies("payer.saved")(_reference(Payer, reference_store.get_payer, reference_store.save_payer))


@_applies("provider.active_set")
def _provider_active(ctx: _Ctx, change: Change) -> None:
    current = reference_store.get_provider(ctx.conn, change["entity_id"])
    if current is None:
        raise NotApplied(f"Provider {change['entity_id']} is not on this workstation.")
    active = bool(change["data"]["active"])
    if current.active != active and ctx.free("provider", current.id, "*"):
        reference_store.save_provider(ctx.conn, replace(current, active=active), _at(change))


@_applies("fee.saved")
def _fee(ctx: _Ctx, change: Change) -> None:
    entry = revive(FeeEntry, change["data"])
    reference_store.save_fee(ctx.conn, entry, _at(change))


@_applies("fee.removed")
def _fee_removed(ctx: _Ctx, change: Change) -> None:
    reference_store.delete_fee(ctx.conn, change["data"]["procedure"], change["data"].get("modifier", ""))


@_applies("fee_schedule.replaced")
def _fee_schedule(ctx: _Ctx, change: Change) -> None:
    entries = [revive(FeeEntry, e) for e in change["data"].get("entries", [])]
    ctx.conn.execute(delete(fee_table))
    for e in entries:
        reference_store.save_fee(ctx.conn, e, _at(change))


@_applies("allowed_amount.saved")
def _allowed(ctx: _Ctx, change: Change) -> None:
    reference_store.save_allowed(ctx.conn, revive(AllowedEntry, change["data"]), _at(change))


@_applies("allowed_amount.removed")
def _allowed_removed(ctx: _Ctx, change: Change) -> None:
    d = change["data"]
    reference_store.delete_allowed(ctx.conn, d["payer_id"], d["procedure"], d.get("modifier", ""))


@_applies("clearinghouse.saved")
def _clearinghouse(ctx: _Ctx, change: Change) -> None:
    data = dict(change["data"])
    usage = str(data.pop("usage", "T"))
    settings = asdict(revive(Clearinghouse, data))
    current = ctx.conn.execute(select(clearinghouse_settings.c.settings, clearinghouse_settings.c.usage)).first()
    if current is None or (json.loads(current.settings), current.usage) != (json.loads(json.dumps(settings)), usage):
        claims_store.save_clearinghouse(ctx.conn, settings, usage, at=_at(change))


@_applies("calibration_profile.saved")
def _calibration(ctx: _Ctx, change: Change) -> None:
    profile = revive(CalibrationProfile, change["data"])
    if claims_store.get_profile(ctx.conn, profile.name) != profile:
        claims_store.save_profile(ctx.conn, profile, at=_at(change))


# --- users --------------------------------------------------------------------------------------------------------

def _user_id(ctx: _Ctx, user_id: str) -> str | None:
    """This workstation's id for a user (a user of the same name made here first keeps its own id)."""
    if ctx.conn.execute(select(users.c.id).where(users.c.id == user_id)).first():
        return user_id
    aliases = state.user_aliases(ctx.conn)
    return aliases.get(user_id)


@_applies("user.added")
def _user_added(ctx: _Ctx, change: Change) -> None:
    uid, d = change["entity_id"], change["data"]
    if _user_id(ctx, uid) is not None:
        return
    name = str(d["username"]).strip().lower()
    same = ctx.conn.execute(select(users.c.id).where(users.c.username == name)).scalar()
    if same is not None:  # the same person set up on two workstations: one user here
        state.add_user_alias(ctx.conn, uid, str(same))
        return
    ctx.conn.execute(users.insert().values(
        id=uid, username=name, full_name=d.get("full_name") or name, role=d.get("role", Role.FRONT_DESK.value),
        password_hash=d.get("password_hash") or NO_PASSWORD, active=bool(d.get("active", True)), failed_attempts=0,
        created_at=_at(change)))


def _user_update(ctx: _Ctx, change: Change, values: dict[str, Any]) -> None:
    uid = _user_id(ctx, change["entity_id"])
    if uid is None:
        raise NotApplied(f"User {change['entity_id']} is not on this workstation.")
    values = {k: v for k, v in values.items() if ctx.free("user", change["entity_id"], k)}
    if values:
        ctx.conn.execute(update(users).where(users.c.id == uid).values(**values))


@_applies("user.active_set")
def _user_active(ctx: _Ctx, change: Change) -> None:
    _user_update(ctx, change, {"active": bool(change["data"]["active"])})


@_applies("user.role_set")
def _user_role(ctx: _Ctx, change: Change) -> None:
    _user_update(ctx, change, {"role": Role(change["data"]["role"]).value})


@_applies("user.password_set")
def _user_password(ctx: _Ctx, change: Change) -> None:
    if not ctx.own(change):
        _user_update(ctx, change, {"password_hash": str(change["data"]["password_hash"])})


# --- encounters and claims ----------------------------------------------------------------------------------------

_TRACKING_FIELDS = ("frequency", "original_reference", "payer_claim_reference")


@_applies("encounter.saved")
def _encounter(ctx: _Ctx, change: Change) -> None:
    eid = change["entity_id"]
    if not ctx.free("encounter", eid, "*"):
        return
    incoming: Encounter = revive(Encounter, {**change["data"], "id": eid})
    current = encounters_store.load_encounter(ctx.conn, eid)
    if current is not None and (current.status is EncounterStatus.FINALIZED or current == incoming):
        return
    if incoming.status is EncounterStatus.FINALIZED:
        incoming = replace(incoming, status=EncounterStatus.DRAFT)  # finalized by its own event
    encounters_store.write_encounter(ctx.conn, incoming, at=_at(change), by=SYNC_ACTOR)


@_applies("encounter.finalized")
def _encounter_finalized(ctx: _Ctx, change: Change) -> None:
    status = ctx.conn.execute(select(encounters.c.status).where(encounters.c.id == change["entity_id"])).scalar()
    if status is None:
        raise NotApplied(f"Encounter {change['entity_id']} is not on this workstation.")
    if status != EncounterStatus.FINALIZED.value:
        encounters_store.mark_finalized(ctx.conn, change["entity_id"], at=_at(change), by=SYNC_ACTOR)


@_applies("patient.checked_in", "patient_credit.applied", "patient_credit.application_reversed",
          "patient_payment.reversed")
def _nothing_more(ctx: _Ctx, change: Change) -> None:
    """Events whose rows arrive with other events (the encounter saved, the ledger transaction posted)."""


@_applies("claim.extras_saved")
def _claim_extras(ctx: _Ctx, change: Change) -> None:
    eid = change["entity_id"]
    extras = revive(ClaimExtras, {k: v for k, v in change["data"].items() if k != "claim_number"})
    if ctx.free("encounter", eid, "*") and claims_store.get_extras(ctx.conn, eid) != extras:
        claims_store.save_extras(ctx.conn, eid, extras, at=_at(change), actor=SYNC_ACTOR)


def _claim_row(ctx: _Ctx, claim_id: str) -> Any:
    row = ctx.conn.execute(select(claims.c.id, claims.c.status, claims.c.claim_number)
                           .where(claims.c.id == claim_id)).first()
    if row is None:
        raise NotApplied(f"Claim {claim_id} is not on this workstation.")
    return row


@_applies("claim.created")
def _claim_created(ctx: _Ctx, change: Change) -> None:
    d = change["data"]
    if ctx.conn.execute(select(claims.c.id).where(claims.c.id == change["entity_id"])).first():
        return
    encounters_store.insert_claim(ctx.conn, claim_id=change["entity_id"], claim_number=d["claim_number"],
                                  encounter_id=d["encounter_id"], coverage_id=d["coverage_id"],
                                  payer_id=d["payer_id"], rank=d["rank"], status=d.get("status", "draft"),
                                  at=d.get("created_at") or _at(change), actor=SYNC_ACTOR,
                                  note="Made when the encounter was finalized (on another workstation).")


def _set_claim_status(ctx: _Ctx, change: Change, claim_id: str, to: str, note: str, n: int = 0) -> None:
    """The status the server's order says (the server checked it against the claims' state machine: see
    server.claim_status). A history row when the claim moved here by another workstation's change (this
    workstation's own change wrote its row when it was made). A money event this workstation posted whose claim
    status the server did not take (it kept its own, and says so under protocol.CLAIM_STATUS_KEPT_KEY) puts the
    claim back to the server's status, with a history row, and is listed for review."""
    row = _claim_row(ctx, claim_id)
    ClaimStatus(to)  # a status this program knows
    moved = ctx.free("claim", claim_id, "status") and row.status != to
    if moved:
        claims_store.set_status(ctx.conn, claim_id, to)
    if ctx.snapshot:
        return
    kept = None
    if ctx.own(change):
        kept = next((k for k in change["data"].get(protocol.CLAIM_STATUS_KEPT_KEY) or []
                     if isinstance(k, dict) and k.get("claim_id") == claim_id), None)
        if kept is None:
            return
        message = str(kept.get("message", ""))
        if not moved and row.status != to:
            message += (f" This workstation still shows it as {row.status}: a change of its own to the claim is "
                        "waiting to be sent, and the server will check that one too.")
        _review_kept(ctx, change, message)
        note = f"Put back to the server's status: {kept.get('message', '')}"
    if not moved:
        return  # nothing moved here (this workstation has that status already, or a change of its own to send)
    history_id = derived_id(str(change.get("change_id")), claim_id, str(n))
    if ctx.conn.execute(select(claim_state_history.c.id).where(claim_state_history.c.id == history_id)).first():
        return
    ctx.conn.execute(claim_state_history.insert().values(
        id=history_id, claim_id=claim_id, at=_at(change) if kept is None else _at({}), actor=SYNC_ACTOR,
        from_status=row.status, to_status=to, note=note))


def _review_kept(ctx: _Ctx, change: Change, message: str) -> None:
    """One review item per money event of this workstation whose claim statuses the server kept (the messages of
    its claims together)."""
    for item in ctx.report.review:
        if item["change_id"] == change.get("change_id") and item["direction"] == "pushed":
            if message not in item["message"]:
                item["message"] += "\n" + message
            return
    ctx.report.review.append({
        "change_id": change.get("change_id"), "status": protocol.CLAIM_STATUS_KEPT, "message": message,
        "duplicate_of": None, "entity": change.get("entity"), "entity_id": change.get("entity_id"),
        "event": change.get("event"), "seq": change.get("seq"), "origin_device": change.get("origin_device"),
        "at": _at({}), "direction": "pushed"})


@_applies("claim.status_changed")
def _claim_status(ctx: _Ctx, change: Change) -> None:
    d = change["data"]
    claim_id = change["entity_id"]
    note = d.get("note") or ""
    _set_claim_status(ctx, change, claim_id, str(d["to"]), note)
    tracking = {k: str(d[k]) for k in _TRACKING_FIELDS if k in d and ctx.free("claim", claim_id, k)}
    if tracking:
        claims_store.update_tracking(ctx.conn, claim_id, at=_at(change), **tracking)


def restore_server_claims(conn: Connection, items: Iterable[Mapping[str, Any]]) -> int:
    """Put claims back to the server's state, as the server's reply to a push gives it for a claim status change
    it refused (protocol.SERVER_CLAIMS_KEY: claim_id, status and the tracking fields the change would have set;
    the runner adds the change_id and the server's message), in the caller's transaction, the one that records
    the push results. A history row says why; the message itself is listed for review by the runner. Returns how
    many claims moved."""
    at = _at({})
    moved: list[str] = []
    for item in items:
        claim_id = str(item["claim_id"])
        row = conn.execute(select(claims.c.id, claims.c.status, claims.c.claim_number)
                           .where(claims.c.id == claim_id)).first()
        if row is None:
            continue
        try:
            status = ClaimStatus(str(item["status"])).value
        except ValueError:
            log.warning("sync: the server named a claim status this program does not know: %r", item["status"])
            continue
        tracking = {k: str(item[k]) for k in _TRACKING_FIELDS if k in item}
        if tracking.get("frequency", "1") not in {f.value for f in ClaimFrequency}:
            del tracking["frequency"]
        if tracking:
            claims_store.update_tracking(conn, claim_id, at=at, **tracking)
        if row.status == status:
            continue
        claims_store.set_status(conn, claim_id, status)
        history_id = derived_id(str(item.get("change_id")), claim_id, "server status")
        if conn.execute(select(claim_state_history.c.id).where(claim_state_history.c.id == history_id)).first():
            continue
        conn.execute(claim_state_history.insert().values(
            id=history_id, claim_id=claim_id, at=at, actor=SYNC_ACTOR, from_status=row.status, to_status=status,
            note=f"Put back to the server's status: {item.get('message') or 'the server refused this change.'}"))
        moved.append(row.claim_number)
    if moved:
        audit_log.append(conn, at=at, actor=SYNC_ACTOR, action="change", entity="sync", entity_id="push",
                         detail={"op": "claim_status_from_server", "claims": moved})
    return len(moved)


@_applies("claim.note_added")
def _claim_note(ctx: _Ctx, change: Change) -> None:
    _claim_row(ctx, change["entity_id"])
    if ctx.own(change):
        return
    note_id = derived_id(str(change.get("change_id")), "note")
    if ctx.conn.execute(select(claim_notes.c.id).where(claim_notes.c.id == note_id)).first():
        return
    ctx.conn.execute(claim_notes.insert().values(id=note_id, claim_id=change["entity_id"], at=_at(change),
                                                 actor=SYNC_ACTOR, text=str(change["data"].get("text", ""))))


@_applies("claim.follow_up_set")
def _claim_follow_up(ctx: _Ctx, change: Change) -> None:
    _claim_row(ctx, change["entity_id"])
    on = change["data"].get("on")
    if ctx.free("claim", change["entity_id"], "follow_up_on"):
        claims_store.update_tracking(ctx.conn, change["entity_id"], at=_at(change),
                                     follow_up_on=date.fromisoformat(on) if on else None)


@_applies("claim.payer_reference_set")
def _claim_payer_reference(ctx: _Ctx, change: Change) -> None:
    _claim_row(ctx, change["entity_id"])
    if ctx.free("claim", change["entity_id"], "payer_claim_reference"):
        claims_store.update_tracking(ctx.conn, change["entity_id"], at=_at(change),
                                     payer_claim_reference=str(change["data"].get("reference", "")))


# --- the ledger ---------------------------------------------------------------------------------------------------

def _transaction(tx: Mapping[str, Any]) -> Transaction:
    return Transaction(
        kind=TxKind(tx["kind"]), occurred_on=date.fromisoformat(str(tx["occurred_on"])), memo=tx.get("memo") or "",
        source_key=tx.get("source_key") or None, reverses=tx.get("reverses") or None, id=str(tx["id"]),
        postings=tuple(Posting(AccountKey(AccountKind(p["kind"]), p["ref"], p.get("patient_account")),
                               int(p["amount_cents"])) for p in tx["postings"]))


def _new_transactions(ctx: _Ctx, change: Change) -> list[Transaction]:
    """The change's transactions this workstation does not have yet; NotApplied (a duplicate, for review) when
    one of them is already posted here under another transaction: the same remittance posted on two
    workstations, or the same transaction reversed on two. The change's corrections (a receivable it would take
    below zero at the server) go in first."""
    _apply_corrections(ctx, change)
    found = protocol.ledger_transactions(change["entity"], change["entity_id"], change["event"], change["data"])
    ids = [tx["id"] for tx in found]
    have = {i for i in ids if ledger_store.exists(ctx.conn, i)}
    fresh = [_transaction(tx) for tx in found if tx["id"] not in have]
    if have and fresh:
        raise NotApplied(f"{_what(change)}: some of its transactions are on this workstation and some are not "
                         f"({', '.join(sorted(have))}).")
    for tx in fresh:
        if tx.source_key is not None:
            first = ctx.conn.execute(select(ledger_transactions.c.id).where(
                ledger_transactions.c.source_key == tx.source_key)).scalar()
            if first is not None:
                raise NotApplied(f"This remittance ({tx.source_key}) is posted on this workstation already; "
                                 "another workstation posted it too and the server kept that posting, which was "
                                 "not posted here again. If the two postings differ, compare the account on both "
                                 "workstations and correct the difference on this one.", protocol.DUPLICATE,
                                 str(first))
        if tx.reverses is not None:
            first = ctx.conn.execute(select(ledger_transactions.c.id).where(
                ledger_transactions.c.reverses == tx.reverses)).scalar()
            if first is not None:
                raise NotApplied(f"Transaction {tx.reverses} is already reversed on this workstation (by {first}); "
                                 f"the reversal from another workstation ({_what(change)}) was not posted again.",
                                 protocol.DUPLICATE, str(first))
    return fresh


def _ledger(ctx: _Ctx, change: Change) -> None:
    for tx in _new_transactions(ctx, change):
        ledger_store.insert(ctx.conn, tx, actor=SYNC_ACTOR, posted_at=_at(change))


# --- corrections: the same balance paid on two workstations -----------------------------------------------------

def _apply_corrections(ctx: _Ctx, change: Change) -> int:
    """Post the corrections the server attached to a change (sync.protocol.correction: the part of a payment that
    would take a receivable below zero, held as patient credit or owed back), each once; every one posted here
    is listed for review, so that someone refunds or applies the money. Returns how many were posted here."""
    try:
        found = protocol.corrections_of(change.get("data") or {})
    except ValueError as exc:
        raise NotApplied(f"{_what(change)}: the server's correction of it is malformed ({exc}).") from None
    posted = 0
    for fix in found:
        if ledger_store.exists(ctx.conn, fix["id"]):
            continue
        tx = _transaction(fix)
        ledger_store.insert(ctx.conn, tx, actor=SYNC_ACTOR, posted_at=_at(change))
        posted += 1
        if not ctx.snapshot:
            ctx.report.review.append(_correction_review(ctx.conn, change, tx))
    return posted


def _correction_review(conn: Connection, change: Change, tx: Transaction) -> dict[str, Any]:
    raised = [p for p in tx.postings if p.account.kind is AccountKind.RECEIVABLE]
    accounts = sorted({p.account.patient_account for p in raised if p.account.patient_account})
    people = []
    for account in accounts:
        row = conn.execute(select(patients.c.last_name, patients.c.first_name)
                           .where(patients.c.account_number == account)).first()
        people.append(f"{row.last_name}, {row.first_name} (account {account})" if row else f"account {account}")
    credit = -sum(p.amount for p in tx.postings if p.account.kind is AccountKind.PATIENT_CREDIT)
    owed = -sum(p.amount for p in tx.postings if p.account.kind is AccountKind.REFUNDS_PAYABLE)
    held = []
    if credit:
        held.append(f"{protocol.dollars(credit)} is held as credit on the patient's account: refund it to the "
                    "patient or apply it to another balance")
    if owed:
        held.append(f"{protocol.dollars(owed)} is owed back to the payer (refunds payable): refund it or apply it")
    message = (f"Paid twice: {' and '.join(people) or 'a patient'} paid the same balance on two workstations while "
               f"they were offline ({protocol.dollars(sum(p.amount for p in raised))} more than was owed). The server "
               f"kept both payments; {'; '.join(held)}.")
    return {"change_id": tx.id, "status": protocol.CORRECTED, "message": message, "duplicate_of": None,
            "entity": change.get("entity"), "entity_id": change.get("entity_id"), "event": change.get("event"),
            "seq": change.get("seq"), "origin_device": change.get("origin_device"), "at": _at({}),
            "direction": "server", "corrects": change.get("change_id")}


def apply_push_corrections(conn: Connection, results: Iterable[Change]) -> int:
    """Post the corrections the server gave in its reply to a push (each result names its change: change_id,
    entity, entity_id, event, and the corrections as data), in the caller's transaction, the one that records the
    push results: the receivable is raised before the other workstation's payment is pulled. Each in its own
    savepoint; one that cannot be posted is listed for review. Returns how many were posted here."""
    ctx = _Ctx(conn, None, set())
    posted = 0
    for change in results:
        savepoint = ctx.conn.begin_nested()
        try:
            posted += _apply_corrections(ctx, change)
        except Exception as exc:  # noqa: BLE001 - one that cannot be posted must not stop the push being recorded
            savepoint.rollback()
            _review(ctx, change, f"The server's correction of {_what(change)} could not be posted on this "
                                 f"workstation: {exc.message if isinstance(exc, NotApplied) else _reason(exc)}")
        else:
            savepoint.commit()
    if ctx.report.review:
        state.add_review_items(ctx.conn, ctx.report.review)
    if posted:
        audit_log.append(ctx.conn, at=_at({}), actor=SYNC_ACTOR, action="change", entity="sync", entity_id="push",
                         detail={"op": "corrections", "posted": posted})
    return posted


# --- payments -----------------------------------------------------------------------------------------------------

def _known_file(ctx: _Ctx, file_id: str | None) -> str | None:
    if file_id is None:
        return None
    found = ctx.conn.execute(select(remittance_files.c.id).where(remittance_files.c.id == file_id)).first()
    return file_id if found else None


def _table_rows(block: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    if not block:
        return []
    return [dict(zip(block["columns"], row, strict=True)) for row in block["rows"]]


@_applies("payment.batch_posted")
def _batch_posted(ctx: _Ctx, change: Change) -> None:
    d = change["data"]
    batch_id = change["entity_id"]
    statuses = [(str(c[0]), str(c[2])) for c in d.get("claim_status") or []]
    number = d.get("batch_number", "")
    if not ctx.snapshot:  # the server's corrections of it (its transactions here or not: the server has them)
        _apply_corrections(ctx, change)
    if ctx.own(change) or ctx.conn.execute(select(payment_batches.c.id)
                                           .where(payment_batches.c.id == batch_id)).first():
        for n, (claim_id, to) in enumerate(statuses):
            _set_claim_status(ctx, change, claim_id, to, "", n)
        return
    same = remittance_store.batch_by_source_key(ctx.conn, d["source_key"])
    if same is not None:  # the server kept the other workstation's posting: its claim statuses are the server's
        state.add_account_alias(ctx.conn, f"{AccountKind.PAYMENT_BATCH.value}:{same.id}",
                                f"{AccountKind.PAYMENT_BATCH.value}:{batch_id}")
        for n, (claim_id, to) in enumerate(statuses):
            _set_claim_status(ctx, replace_origin(change), claim_id, to, "", n)
        _review(ctx, change, f"Payment batch {number} from another workstation (check {d.get('reference')} of "
                             f"{d.get('check_date')}) is the same remittance as batch {same.batch_number} posted "
                             "here; it was not posted again, and the server kept it rather than this one. If the "
                             "two postings differ, compare the claims on both workstations and correct the "
                             "difference on this one.", protocol.DUPLICATE, str(same.id))
        return
    txs = [] if ctx.snapshot else _new_transactions(ctx, change)
    remittance_store.insert_batch(
        ctx.conn, id=batch_id, batch_number=number, kind=d["kind"], payer_id=d["payer_id"], method=d["method"],
        reference=d["reference"], check_date=date.fromisoformat(d["check_date"]),
        deposit_date=date.fromisoformat(d["deposit_date"]) if d.get("deposit_date") else None,
        amount_cents=d["amount_cents"], on_account_cents=d.get("on_account_cents", 0),
        on_account_reason=d.get("on_account_reason", ""), source_key=d["source_key"],
        remittance_file_id=_known_file(ctx, d.get("remittance_file_id")), status="posted",
        posted_at=d.get("posted_at") or _at(change), posted_by=d.get("posted_by") or SYNC_ACTOR)
    ledger_store.insert_many(ctx.conn, txs, actor=d.get("posted_by") or SYNC_ACTOR,
                             posted_at=d.get("posted_at") or _at(change))
    rows = d.get("rows") or {}
    claim_rows = _table_rows(rows.get("claim_adjudications"))
    remittance_store.insert_rows(
        ctx.conn, claim_rows=claim_rows, line_rows=_table_rows(rows.get("line_adjudications")),
        adjustment_rows=_table_rows(rows.get("adjudication_adjustments")),
        plb_rows=_table_rows(rows.get("provider_adjustments")),
        transaction_rows=_table_rows(rows.get("batch_transactions")), denial_rows=_table_rows(rows.get("denials")))
    for n, (claim_id, to) in enumerate(statuses):
        _set_claim_status(ctx, change, claim_id, to, f"Payment posted (batch {number}, on another workstation).", n)
    references = {r["claim_id"]: r["payer_claim_reference"] for r in claim_rows
                  if r.get("payer_claim_reference") and not r.get("reverses")}
    free = {cid: ref for cid, ref in references.items() if ctx.free("claim", cid, "payer_claim_reference")}
    remittance_store.set_payer_references(ctx.conn, free, at=_at(change))
    taken_back = [r for r in claim_rows if r.get("reverses")]
    for r in taken_back:
        remittance_store.set_reversed_by(ctx.conn, r["reverses"], r["id"])
    if taken_back:
        remittance_store.reverse_open_denials(ctx.conn, [r["reverses"] for r in taken_back], at=_at(change),
                                              by=SYNC_ACTOR, note=f"The payer reversed its decision (batch {number}).")


def replace_origin(change: Change) -> Change:
    """The change as if this workstation had made it (statuses set, no history rows written)."""
    return {**change, "origin_device": "\x00this workstation"}


@_applies("payment.batch_reversed")
def _batch_reversed(ctx: _Ctx, change: Change) -> None:
    d = change["data"]
    batch_id = change["entity_id"]
    batch = remittance_store.get_batch(ctx.conn, batch_id)
    if batch is None:
        raise NotApplied(f"Payment batch {d.get('batch_number', batch_id)} is not on this workstation; its "
                         "reversal was not posted.")
    moves = [(str(c["claim_id"]), str(c["to"])) for c in d.get("claims") or []]
    text = f"Payment batch {d.get('batch_number', '')} reversed: {d.get('reason', '')}"
    if batch.status == "reversed" or ctx.own(change):
        for n, (claim_id, to) in enumerate(moves):
            _set_claim_status(ctx, change, claim_id, to, text, n)
        return
    txs = [] if ctx.snapshot else _new_transactions(ctx, change)
    ledger_store.insert_many(ctx.conn, txs, actor=SYNC_ACTOR, posted_at=_at(change))
    ids = [tx["id"] for tx in protocol.ledger_transactions(change["entity"], batch_id, change["event"], d)]
    known = set(ctx.conn.execute(select(batch_transactions.c.transaction_id)
                                 .where(batch_transactions.c.batch_id == batch_id)).scalars())
    by_tx = {str(r.transaction_id): r.claim_adjudication_id for r in ctx.conn.execute(
        select(batch_transactions).where(batch_transactions.c.batch_id == batch_id))}
    reverses = {tx["id"]: tx["reverses"] for tx in protocol.ledger_transactions(
        change["entity"], batch_id, change["event"], d)}
    start = remittance_store.next_transaction_position(ctx.conn, batch_id)
    remittance_store.insert_rows(ctx.conn, transaction_rows=[
        {"transaction_id": i, "batch_id": batch_id, "claim_adjudication_id": by_tx.get(reverses.get(i) or ""),
         "position": start + n} for n, i in enumerate(i for i in ids if i not in known)])
    for n, (claim_id, to) in enumerate(moves):
        _set_claim_status(ctx, change, claim_id, to, text, n)
    adjudications = list(ctx.conn.execute(select(claim_adjudications.c.id).where(
        claim_adjudications.c.batch_id == batch_id)).scalars())
    remittance_store.reverse_open_denials(ctx.conn, adjudications, at=_at(change), by=SYNC_ACTOR, note=text)
    remittance_store.mark_batch_reversed(ctx.conn, batch_id, at=_at(change), by=SYNC_ACTOR,
                                         reason=str(d.get("reason", "")))


@_applies("payment.claim_reversed")
def _claim_reversed(ctx: _Ctx, change: Change) -> None:
    d = change["data"]
    new = change["entity_id"]
    ca = claim_adjudications
    if ctx.conn.execute(select(ca.c.id).where(ca.c.id == new)).first():
        return
    old = remittance_store.load_adjudication(ctx.conn, d["reverses"])
    if old is None:
        raise NotApplied(f"The claim adjudication {d['reverses']} this reverses is not on this workstation.")
    txs = [] if ctx.snapshot else _new_transactions(ctx, change)
    ledger_store.insert_many(ctx.conn, txs, actor=SYNC_ACTOR, posted_at=_at(change))
    batch_id = d["batch_id"]
    remittance_store.insert_rows(ctx.conn, claim_rows=[{
        "id": new, "batch_id": batch_id, "claim_id": old.claim_id,
        "position": remittance_store.next_claim_position(ctx.conn, batch_id), "status_code": "22",
        "payer_claim_reference": old.payer_claim_reference, "billed_cents": -old.billed, "paid_cents": -old.paid,
        "patient_responsibility_cents": -old.patient_responsibility, "outcome": "reversal", "next_step": "keep",
        "remarks": "", "reverses": old.id, "reversed_by": None}])
    ids = [tx["id"] for tx in protocol.ledger_transactions(change["entity"], new, change["event"], d)]
    start = remittance_store.next_transaction_position(ctx.conn, batch_id)
    remittance_store.insert_rows(ctx.conn, transaction_rows=[
        {"transaction_id": i, "batch_id": batch_id, "claim_adjudication_id": new, "position": start + n}
        for n, i in enumerate(ids)])
    remittance_store.set_reversed_by(ctx.conn, old.id, new)
    remittance_store.reverse_open_denials(ctx.conn, [old.id], at=_at(change), by=SYNC_ACTOR,
                                          note="The payer reversed its payment.")
    if ctx.snapshot or d.get("reopened") is False:
        return  # the claim's status comes with the claim; or another payment of it still stands
    row = _claim_row(ctx, old.claim_id)
    try:
        target = check_transition(row.claim_number, ClaimStatus(row.status), Action.REOPEN, Role.MANAGER).target
    except Exception:  # noqa: BLE001 - a claim that cannot be reopened keeps its status, as on the other side
        return
    _set_claim_status(ctx, change, old.claim_id, target.value, "The payer reversed its payment.")


@_applies("patient_payment.taken")
def _patient_payment(ctx: _Ctx, change: Change) -> None:
    d = change["data"]
    pid = change["entity_id"]
    if ctx.conn.execute(select(patient_payments.c.id).where(patient_payments.c.id == pid)).first():
        return
    tx = ledger_store.load(ctx.conn, d["transaction_id"])
    if tx is None:
        raise NotApplied(f"The ledger transaction of receipt {d.get('receipt_number')} is not on this workstation.")
    drawer = next((p.account.ref for p in tx.postings if p.account.kind is AccountKind.PAYMENT_BATCH), "")
    ctx.conn.execute(patient_payments.insert().values(
        id=pid, receipt_number=d["receipt_number"], transaction_id=tx.id, patient_id=d["patient_id"],
        encounter_id=d.get("encounter_id"), batch=drawer, method=d["method"], reference=d.get("reference", ""),
        amount_cents=d["amount_cents"], applied_cents=d["applied_cents"], credit_cents=d["credit_cents"],
        received_on=tx.occurred_on, received_at=_at(change), received_by=d.get("received_by") or SYNC_ACTOR))


@_applies("patient_refund.made")
def _patient_refund(ctx: _Ctx, change: Change) -> None:
    d = change["data"]
    rid = change["entity_id"]
    if ctx.conn.execute(select(patient_refunds.c.id).where(patient_refunds.c.id == rid)).first():
        return
    tx = ledger_store.load(ctx.conn, d["transaction_id"])
    if tx is None:
        raise NotApplied("The ledger transaction of this refund is not on this workstation.")
    ctx.conn.execute(patient_refunds.insert().values(
        id=rid, patient_id=d["patient_id"], transaction_id=tx.id, amount_cents=d["amount_cents"], method=d["method"],
        reference=d.get("reference", ""), reason=d.get("reason", ""), refunded_on=tx.occurred_on,
        refunded_at=_at(change), refunded_by=SYNC_ACTOR))


def _denial(ctx: _Ctx, change: Change) -> None:
    d = change["data"]
    status = str(d.get("status") or change["event"].split(".", 1)[1])
    row = ctx.conn.execute(select(denials.c.id, denials.c.status).where(denials.c.id == change["entity_id"])).first()
    if row is None:
        raise NotApplied(f"The denial of claim {d.get('claim_number')} is not on this workstation.")
    if row.status != status and ctx.free("denial", change["entity_id"], "status"):
        ctx.conn.execute(update(denials).where(denials.c.id == row.id).values(
            status=status, resolved_at=_at(change), resolved_by=SYNC_ACTOR, note=str(d.get("note", ""))))


# --- the first snapshot -------------------------------------------------------------------------------------------

# The order entities go in (what others point at first); the ledger goes in the order it was posted.
SNAPSHOT_ORDER = ("practice", "settings", "user", "payer", "provider", "referring_provider", "facility",
                  "fee_schedule", "fee", "allowed_amount", "clearinghouse", "calibration_profile", "codes", "patient",
                  "coverage", "eligibility_check", "encounter", "claim", "claim_submission", protocol.LEDGER_ENTITY,
                  "remittance_file", "payment_batch", "claim_adjudication", "patient_payment", "patient_refund",
                  "denial", "payment_plan", "collection_account", "statement_hold", "statement_run")
_ENCOUNTER_FIELDS = {f.name for f in dataclasses.fields(Encounter)}
_EXTRAS_FIELDS = {f.name for f in dataclasses.fields(ClaimExtras)}


def apply_snapshot(conn: Connection, items: list[dict[str, Any]], in_bulk: bool = True) -> ApplyReport:
    """A new workstation's first set-up: the server's current state of every entity (GET /v1/snapshot), applied
    in the caller's transaction. Notes and history of claims come as their latest state only. Patients,
    coverages, eligibility checks, encounters, claims, claim submissions, ledger transactions, payment batches
    and patient payments this workstation does not have go in in bulk (_BULK: a practice's history is mostly
    these), with the rows their appliers would write; the rest through the appliers (all of it with
    in_bulk=False: the tests compare the two)."""
    ctx = _Ctx(conn, None, pending_fields(conn), snapshot=True)
    rank = {name: n for n, name in enumerate(SNAPSHOT_ORDER)}
    by_entity: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        by_entity.setdefault(item["entity"], []).append(item)
    schedule_seq = max((int(i["last_seq"]) for i in by_entity.get("fee_schedule", [])), default=0)
    status_of = _snapshot_claim_statuses(by_entity)
    cache = _snapshot_cache(ctx, len(items))
    try:
        for entity in sorted(by_entity, key=lambda e: (rank.get(e, len(rank)), e)):
            # (a correction goes in just before the transactions of its seq: it raises the receivable they credit)
            group = sorted(by_entity[entity], key=lambda i: (int(i["last_seq"]),
                                                             protocol.CORRECTS_KEY not in i["data"], i["entity_id"]))
            if entity == "fee":
                group = [i for i in group if int(i["last_seq"]) >= schedule_seq]  # older: replaced by the schedule
            bulk = _BULK.get(entity) if in_bulk else None
            if bulk is not None:
                offered = len(group)
                group = bulk(ctx, group, status_of)
                ctx.report.in_bulk[entity] = offered - len(group)
            _run(ctx, [c for item in group for c in _snapshot_changes(item, status_of)])
        _finish(ctx)
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(cache)}")
    return ctx.report


_SNAPSHOT_KIB_PER_ITEM = 2  # the database a snapshot makes: about 1 KiB an item (100,000 of a practice: 103 MB)
_SNAPSHOT_CACHE_MAX_KIB = 1024 * 1024


def _snapshot_cache(ctx: _Ctx, items: int) -> int:
    """A page cache the whole snapshot fits in, for as long as it is applied (it is one transaction: a cache it
    outgrows spills pages, and a savepoint open meanwhile makes every statement slower and slower). Then the bulk
    rows of each entity go in in one savepoint (ctx.whole_groups). Up to 1 GiB; a bigger snapshot keeps the cache
    and a savepoint per chunk. Returns the cache_size to put back."""
    before = int(ctx.conn.exec_driver_sql("PRAGMA cache_size").scalar_one())
    page_kib = int(ctx.conn.exec_driver_sql("PRAGMA page_size").scalar_one()) // 1024
    wanted = items * _SNAPSHOT_KIB_PER_ITEM
    ctx.whole_groups = wanted <= _SNAPSHOT_CACHE_MAX_KIB
    if ctx.whole_groups and wanted > (-before if before < 0 else before * page_kib):
        ctx.conn.exec_driver_sql(f"PRAGMA cache_size = -{int(wanted)}")
    return before


_CHUNK = 2000

Sink = Any
"""Where bulk rows go: a Table (inserted) or a function given the connection and the rows."""
Entry = tuple[dict[str, Any], list[tuple[Sink, dict[str, Any]]]]
"""A snapshot item and the rows it makes (each with its sink)."""


def _existing(conn: Connection, table: Any, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), _CHUNK):
        found.update(str(x) for x in conn.execute(select(table.c.id).where(table.c.id.in_(ids[start:start + _CHUNK])))
                     .scalars())
    return found


def _bulk_insert(ctx: _Ctx, entries: list[Entry], sinks: tuple[Sink, ...] = ()) -> list[dict[str, Any]]:
    """Write the entries' rows chunk by chunk, sink by sink: those of `sinks` in that order, then any other in the
    order it first appears. With ctx.whole_groups all of them go in in one savepoint; when something fails, that
    is rolled back and the chunks are written again each in a savepoint of its own, and a chunk that fails sends
    all of its items back for the appliers (which say what was wrong, item by item). The others count as applied.
    (One savepoint, not one per chunk, because in a long transaction SQLite makes statements slower with every
    savepoint before them: the ledger's 2,000 transactions of a chunk took 0.15 s in the first chunk and 0.9 s
    in the twentieth.)"""
    if not entries:
        return []
    chunks = [entries[start:start + _CHUNK] for start in range(0, len(entries), _CHUNK)]
    if ctx.whole_groups:
        savepoint = ctx.conn.begin_nested()
        try:
            for chunk in chunks:
                _write_chunk(ctx.conn, chunk, sinks)
        except Exception:  # noqa: BLE001 - found again below, chunk by chunk
            savepoint.rollback()
        else:
            savepoint.commit()
            ctx.report.applied += len(entries)
            return []
    left: list[dict[str, Any]] = []
    for chunk in chunks:
        savepoint = ctx.conn.begin_nested()
        try:
            _write_chunk(ctx.conn, chunk, sinks)
        except Exception:  # noqa: BLE001 - the appliers will say what was wrong, item by item
            savepoint.rollback()
            left.extend(item for item, _ in chunk)
        else:
            savepoint.commit()
            ctx.report.applied += len(chunk)
    return left


def _write_chunk(conn: Connection, chunk: list[Entry], sinks: tuple[Sink, ...]) -> None:
    by_sink: dict[Sink, list[dict[str, Any]]] = {sink: [] for sink in sinks}
    for _, made in chunk:
        for sink, row in made:
            by_sink.setdefault(sink, []).append(row)
    for sink, rows in by_sink.items():
        if rows:
            _insert_rows(conn, sink, rows) if isinstance(sink, Table) else sink(conn, rows)


def _insert_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Rows straight through the driver (the bulk path of storage.ledger_store), one statement per set of
    columns. Values are what SQLite stores (dates as ISO text, booleans as 0/1: the driver's adapters)."""
    groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
    for row in rows:
        groups.setdefault(tuple(row), []).append(tuple(row.values()))
    for columns, values in groups.items():
        ledger_store.insert_rows(conn, table.name, columns, values)


def _bulk_rows(ctx: _Ctx, items: list[dict[str, Any]], table: Table, cls: type[Any],
               values: Callable[[Any, str], dict[str, Any]],
               extra: Callable[[Any], list[tuple[Table, dict[str, Any]]]] | None = None) -> list[dict[str, Any]]:
    """Items of one entity this workstation does not have at all (nor a change of its own to send), as rows of
    `table` (plus `extra` rows of other tables), inserted in chunks; the others are returned for the appliers."""
    entity = items[0]["entity"] if items else ""
    have = _existing(ctx.conn, table, [i["entity_id"] for i in items])
    at = _at({})
    rest: list[dict[str, Any]] = []
    entries: list[Entry] = []
    for item in items:
        eid = item["entity_id"]
        if eid in have or not ctx.free(entity, eid, "*"):
            rest.append(item)
            continue
        try:
            record = revive(cls, {**item["data"], "id": eid})
        except (TypeError, ValueError, KeyError):
            rest.append(item)
            continue
        entries.append((item, [(table, {"id": eid, **values(record, at)}), *(extra(record) if extra else ())]))
    return rest + _bulk_insert(ctx, entries, (table,))


def _bulk_patients(ctx: _Ctx, items: list[dict[str, Any]], status_of: dict[str, str]) -> list[dict[str, Any]]:
    def phones(p: Patient) -> list[tuple[Table, dict[str, Any]]]:
        keys = sorted(patients_store.phone_keys(p.phones))
        return [(patient_phones, {"digits": k, "patient_id": p.id}) for k in keys]

    return _bulk_rows(ctx, items, patients, Patient,
                      lambda p, at: {**patients_store.patient_values(p, at), "created_at": at}, phones)


def _bulk_coverages(ctx: _Ctx, items: list[dict[str, Any]], status_of: dict[str, str]) -> list[dict[str, Any]]:
    return _bulk_rows(ctx, items, coverages, Coverage, patients_store.coverage_values)


def _bulk_checks(ctx: _Ctx, items: list[dict[str, Any]], status_of: dict[str, str]) -> list[dict[str, Any]]:
    """As _eligibility: a check this workstation does not have goes in as it was recorded."""
    return _bulk_rows(ctx, items, eligibility_checks, EligibilityCheck,
                      lambda check, at: patients_store.check_values(check, at, SYNC_ACTOR))


def _finalize_encounters(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """As encounters_store.mark_finalized, after the encounters' lines went in (a finalized encounter takes none)."""
    conn.exec_driver_sql(
        f"UPDATE {encounters.name} SET status = ?, finalized_at = ?, finalized_by = ?, updated_at = ? WHERE id = ?",
        [(EncounterStatus.FINALIZED.value, r["at"], SYNC_ACTOR, r["at"], r["id"]) for r in rows])


def _bulk_encounters(ctx: _Ctx, items: list[dict[str, Any]], status_of: dict[str, str]) -> list[dict[str, Any]]:
    """As the appliers of an encounter's snapshot changes (encounter.saved, then encounter.finalized) for encounters
    this workstation does not have: the encounter as a draft with its diagnoses and lines, then finalized. One with
    claim extras goes to the appliers."""
    have = _existing(ctx.conn, encounters, [i["entity_id"] for i in items])
    at = _at({})
    rest: list[dict[str, Any]] = []
    entries: list[Entry] = []
    for item in items:
        eid = item["entity_id"]
        changes = _snapshot_changes(item, status_of)
        if eid in have or not ctx.free("encounter", eid, "*") or \
                [c["event"] for c in changes] not in (["encounter.saved"], ["encounter.saved", "encounter.finalized"]):
            rest.append(item)
            continue
        try:
            incoming: Encounter = revive(Encounter, {**changes[0]["data"], "id": eid})
        except (TypeError, ValueError, KeyError):
            rest.append(item)
            continue
        if incoming.status is EncounterStatus.FINALIZED:
            incoming = replace(incoming, status=EncounterStatus.DRAFT)  # finalized by its own event
        rows: list[tuple[Sink, dict[str, Any]]] = [
            (encounters, {"id": eid, "created_at": at, "created_by": SYNC_ACTOR, **encounter_values(incoming, at)}),
            *((encounter_diagnoses, {"encounter_id": eid, "position": n, "code": code})
              for n, code in enumerate(incoming.diagnoses, start=1)),
            *((service_lines, line_values(eid, n, line)) for n, line in enumerate(incoming.lines, start=1))]
        if len(changes) == 2:
            rows.append((_finalize_encounters, {"id": eid, "at": at}))
        entries.append((item, rows))
    return rest + _bulk_insert(ctx, entries, (encounters, encounter_diagnoses, service_lines, _finalize_encounters))


_CLAIM_MADE = "Made when the encounter was finalized (on another workstation)."


def _bulk_claims(ctx: _Ctx, items: list[dict[str, Any]], status_of: dict[str, str]) -> list[dict[str, Any]]:
    """As the appliers of a claim's snapshot changes for claims this workstation does not have: claim.created (the
    claim at its status, with its first history row), claim.status_changed (the status is the claim's already:
    only the tracking fields), claim.note_added, claim.follow_up_set and claim.payer_reference_set."""
    have = _existing(ctx.conn, claims, [i["entity_id"] for i in items])
    at = _at({})
    rest: list[dict[str, Any]] = []
    entries: list[Entry] = []
    for item in items:
        cid = item["entity_id"]
        if cid in have:
            rest.append(item)
            continue
        try:
            rows = _claim_rows(ctx, cid, _snapshot_changes(item, status_of), at)
        except (TypeError, ValueError, KeyError):
            rest.append(item)
            continue
        entries.append((item, rows))
    return rest + _bulk_insert(ctx, entries, (claims, claim_state_history, claim_tracking, claim_notes))


def _claim_rows(ctx: _Ctx, cid: str, changes: list[Change], at: str) -> list[tuple[Sink, dict[str, Any]]]:
    created, moved, *others = changes
    d = created["data"]
    status = ClaimStatus(str(moved["data"]["to"])).value
    if created["event"] != "claim.created" or moved["event"] != "claim.status_changed" or d.get("status") != status:
        raise ValueError("not a claim's snapshot changes")
    made = d.get("created_at") or at
    rows: list[tuple[Sink, dict[str, Any]]] = [
        (claims, {"id": cid, "claim_number": d["claim_number"], "encounter_id": d["encounter_id"],
                  "coverage_id": d["coverage_id"], "payer_id": d["payer_id"], "rank": d["rank"], "status": status,
                  "created_at": made}),
        (claim_state_history, {"id": new_id(), "claim_id": cid, "at": made, "actor": SYNC_ACTOR, "from_status": None,
                               "to_status": status, "note": _CLAIM_MADE})]
    tracking: dict[str, Any] = {k: str(moved["data"][k]) for k in _TRACKING_FIELDS
                                if k in moved["data"] and ctx.free("claim", cid, k)}
    tracked = bool(tracking)  # (claims_store.update_tracking writes the row, even of values it leaves empty)
    for change in others:
        data = change["data"]
        if change["event"] == "claim.note_added":
            rows.append((claim_notes, {"id": derived_id(str(change["change_id"]), "note"), "claim_id": cid, "at": at,
                                       "actor": SYNC_ACTOR, "text": str(data.get("text", ""))}))
        elif change["event"] == "claim.follow_up_set":
            if ctx.free("claim", cid, "follow_up_on"):
                on = data.get("on")
                tracking["follow_up_on"] = date.fromisoformat(on) if on else None
                tracked = True
        elif change["event"] == "claim.payer_reference_set":
            if ctx.free("claim", cid, "payer_claim_reference"):
                tracking["payer_claim_reference"] = str(data.get("reference", ""))
                tracked = True
        else:
            raise ValueError(f"no bulk path for {change['event']}")
    if tracked:
        rows.append((claim_tracking, {"claim_id": cid, **tracking, "updated_at": at}))
    return rows


def _bulk_ledger(ctx: _Ctx, items: list[dict[str, Any]], status_of: dict[str, str]) -> list[dict[str, Any]]:
    """Transactions in the order the server posted them, through ledger_store.insert_many (the triggers check
    them); one whose source key or reversal is already here goes to the applier (which lists it for review)."""
    have = _existing(ctx.conn, ledger_transactions, [i["entity_id"] for i in items])
    keys = ledger_store.used_source_keys(ctx.conn, [str(i["data"]["source_key"]) for i in items
                                                    if i["data"].get("source_key")])
    taken = ledger_store.reversed_among(ctx.conn, [str(i["data"]["reverses"]) for i in items
                                                   if i["data"].get("reverses")])
    rest: list[dict[str, Any]] = []
    txs: list[tuple[dict[str, Any], Transaction]] = []
    for item in items:
        d = item["data"]
        if item["entity_id"] in have or d.get("source_key") in keys or d.get("reverses") in taken:
            rest.append(item)
            continue
        try:
            txs.append((item, _transaction({**d, "id": item["entity_id"]})))
        except (TypeError, ValueError, KeyError):
            rest.append(item)
    at = _at({})

    def insert(conn: Connection, rows: list[dict[str, Any]]) -> None:
        ledger_store.insert_many(conn, [row["tx"] for row in rows], actor=SYNC_ACTOR, posted_at=at)
    return rest + _bulk_insert(ctx, [(item, [(insert, {"tx": tx})]) for item, tx in txs])


def _bulk_submissions(ctx: _Ctx, items: list[dict[str, Any]], status_of: dict[str, str]) -> list[dict[str, Any]]:
    """As the claim.submitted applier (services.sync_apply_records) for submissions of claims this workstation has
    (one of a claim it does not have goes to the applier, which lists it for review)."""
    have = _existing(ctx.conn, claim_submissions, [i["entity_id"] for i in items])
    known = _existing(ctx.conn, claims, [str(i["data"].get("claim_id")) for i in items])
    at = _at({})
    rest: list[dict[str, Any]] = []
    entries: list[Entry] = []
    for item in items:
        sid, d = item["entity_id"], item["data"]
        if sid in have or str(d.get("claim_id")) not in known or \
                [c["event"] for c in _snapshot_changes(item, status_of)] != ["claim.submitted"]:
            rest.append(item)
            continue
        try:
            row = {"id": sid, "claim_id": str(d["claim_id"]), "at": str(d.get("at") or at),
                   "actor": str(d.get("actor") or SYNC_ACTOR), "channel": str(d["channel"]),
                   "batch_id": str(d["batch_id"]), "file_name": str(d.get("file_name") or ""),
                   "frequency": str(d.get("frequency") or "1"), "interchange_control": d.get("interchange_control"),
                   "group_control": d.get("group_control"), "transaction_control": d.get("transaction_control")}
        except KeyError:
            rest.append(item)
            continue
        entries.append((item, [(claim_submissions, row)]))
    return rest + _bulk_insert(ctx, entries, (claim_submissions,))


def _bulk_payments(ctx: _Ctx, items: list[dict[str, Any]], status_of: dict[str, str]) -> list[dict[str, Any]]:
    """As _patient_payment for payments this workstation does not have whose ledger transaction it has (read all
    at once): the drawer is the transaction's payment-batch account, the day its day."""
    have = _existing(ctx.conn, patient_payments, [i["entity_id"] for i in items])
    txs = ledger_store.load_many(ctx.conn, [str(i["data"].get("transaction_id")) for i in items])
    at = _at({})
    rest: list[dict[str, Any]] = []
    entries: list[Entry] = []
    for item in items:
        pid, d = item["entity_id"], item["data"]
        tx = txs.get(str(d.get("transaction_id")))
        if pid in have or tx is None or \
                [c["event"] for c in _snapshot_changes(item, status_of)] != ["patient_payment.taken"]:
            rest.append(item)
            continue
        drawer = next((p.account.ref for p in tx.postings if p.account.kind is AccountKind.PAYMENT_BATCH), "")
        try:
            row = {"id": pid, "receipt_number": d["receipt_number"], "transaction_id": tx.id,
                   "patient_id": d["patient_id"], "encounter_id": d.get("encounter_id"), "batch": drawer,
                   "method": d["method"], "reference": d.get("reference", ""), "amount_cents": d["amount_cents"],
                   "applied_cents": d["applied_cents"], "credit_cents": d["credit_cents"],
                   "received_on": tx.occurred_on, "received_at": at, "received_by": d.get("received_by") or SYNC_ACTOR}
        except KeyError:
            rest.append(item)
            continue
        entries.append((item, [(patient_payments, row)]))
    return rest + _bulk_insert(ctx, entries, (patient_payments,))


_ADJUDICATION_TABLES = (claim_adjudications, line_adjudications, adjudication_adjustments, provider_adjustments,
                        batch_transactions, denials)  # (parents first: remittance_store.insert_rows' order)
_ADJUDICATION_BLOCKS = ("claim_adjudications", "line_adjudications", "adjudication_adjustments",
                        "provider_adjustments", "batch_transactions", "denials")


def _payer_references(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """As the batches' set_payer_references one after another: the last batch's number for a claim stays."""
    remittance_store.set_payer_references(conn, {r["claim_id"]: r["reference"] for r in rows}, at=rows[0]["at"])


def _bulk_batches(ctx: _Ctx, items: list[dict[str, Any]], status_of: dict[str, str]) -> list[dict[str, Any]]:
    """As _batch_posted in a snapshot for payment batches this workstation does not have (the transactions came
    with the ledger): the batch row, its adjudication rows as stored, the payer's claim numbers on the claims.
    A reversed batch, one whose remittance is posted here already (its source key) and one with a claim payment
    that takes back an earlier one go to the appliers."""
    have = _existing(ctx.conn, payment_batches, [i["entity_id"] for i in items])
    keys: set[str] = set()
    wanted = [str(i["data"].get("source_key")) for i in items]
    for start in range(0, len(wanted), _CHUNK):
        keys.update(str(k) for k in ctx.conn.execute(select(payment_batches.c.source_key).where(
            payment_batches.c.source_key.in_(wanted[start:start + _CHUNK]))).scalars())
    files = _existing(ctx.conn, remittance_files, [str(i["data"].get("remittance_file_id")) for i in items])
    at = _at({})
    rest: list[dict[str, Any]] = []
    entries: list[Entry] = []
    for item in items:
        bid = item["entity_id"]
        changes = _snapshot_changes(item, status_of)
        d = changes[0]["data"] if changes else {}
        key = d.get("source_key")
        if bid in have or key in keys or [c["event"] for c in changes] != ["payment.batch_posted"] or \
                d.get("claim_status"):
            rest.append(item)
            continue
        try:
            blocks = d.get("rows") or {}
            adjudications = [[(table, row) for row in _table_rows(blocks.get(name))]
                             for table, name in zip(_ADJUDICATION_TABLES, _ADJUDICATION_BLOCKS, strict=True)]
            claim_rows = [row for _, row in adjudications[0]]
            if any(r.get("reverses") for r in claim_rows):
                raise ValueError("a claim payment that takes back an earlier one")
            file_id = d.get("remittance_file_id")
            batch = {"id": bid, "batch_number": d.get("batch_number", ""), "kind": d["kind"],
                     "payer_id": d["payer_id"], "method": d["method"], "reference": d["reference"],
                     "check_date": date.fromisoformat(d["check_date"]),
                     "deposit_date": date.fromisoformat(d["deposit_date"]) if d.get("deposit_date") else None,
                     "amount_cents": d["amount_cents"], "on_account_cents": d.get("on_account_cents", 0),
                     "on_account_reason": d.get("on_account_reason", ""), "source_key": key,
                     "remittance_file_id": file_id if file_id is not None and str(file_id) in files else None,
                     "status": "posted", "posted_at": d.get("posted_at") or at,
                     "posted_by": d.get("posted_by") or SYNC_ACTOR}
        except (KeyError, TypeError, ValueError):
            rest.append(item)
            continue
        keys.add(str(key))
        references = {r["claim_id"]: r["payer_claim_reference"] for r in claim_rows if r.get("payer_claim_reference")}
        entries.append((item, [(payment_batches, batch), *(pair for block in adjudications for pair in block),
                               *((_payer_references, {"claim_id": cid, "reference": ref, "at": at})
                                 for cid, ref in references.items()
                                 if ctx.free("claim", cid, "payer_claim_reference"))]))
    return rest + _bulk_insert(ctx, entries, (payment_batches, *_ADJUDICATION_TABLES, _payer_references))


_BULK: dict[str, Callable[[_Ctx, list[dict[str, Any]], dict[str, str]], list[dict[str, Any]]]] = {
    "patient": _bulk_patients, "coverage": _bulk_coverages, "eligibility_check": _bulk_checks,
    "encounter": _bulk_encounters, "claim": _bulk_claims, "claim_submission": _bulk_submissions,
    protocol.LEDGER_ENTITY: _bulk_ledger, "payment_batch": _bulk_batches, "patient_payment": _bulk_payments}


def _snapshot_claim_statuses(by_entity: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
    """Each claim's status: set by the latest of its own status changes and the payment batches that moved it."""
    latest: dict[str, tuple[int, str]] = {}

    def offer(claim_id: str, seq: int, status: str) -> None:
        if claim_id not in latest or seq >= latest[claim_id][0]:
            latest[claim_id] = (seq, status)

    for item in by_entity.get("claim", []):
        data, seqs = item["data"], item.get("field_seq", {})
        if "status" in data:
            offer(item["entity_id"], int(seqs.get("status", 0)), str(data["status"]))
        if "to" in data:
            offer(item["entity_id"], int(seqs.get("to", item["last_seq"])), str(data["to"]))
    for item in by_entity.get("payment_batch", []):
        data, seqs = item["data"], item.get("field_seq", {})
        for c in data.get("claim_status") or []:
            offer(str(c[0]), int(seqs.get("claim_status", item["last_seq"])), str(c[2]))
        for c in data.get("claims") or []:
            offer(str(c["claim_id"]), int(seqs.get("claims", item["last_seq"])), str(c["to"]))
    return {cid: status for cid, (_, status) in latest.items()}


def _snapshot_changes(item: dict[str, Any], status_of: dict[str, str]) -> list[Change]:
    entity, eid, data = item["entity"], item["entity_id"], item["data"]

    def change(event: str, payload: dict[str, Any], n: int = 0) -> Change:
        return {"change_id": f"snapshot:{entity}:{eid}:{n}", "event": event, "entity": entity, "entity_id": eid,
                "data": payload, "seq": item["last_seq"], "origin_device": None, "created_at": ""}

    if entity == protocol.LEDGER_ENTITY:
        kind = data.get("kind", "")
        return [change(f"{protocol.LEDGER_EVENT_PREFIX}{kind}_posted", data)]
    if entity == "encounter":
        out = [change("encounter.saved", {k: v for k, v in data.items() if k in _ENCOUNTER_FIELDS})]
        if "charge_transactions" in data:
            out.append(change("encounter.finalized", data, 1))
        if "claim_number" in data:
            out.append(change("claim.extras_saved", {k: v for k, v in data.items() if k in _EXTRAS_FIELDS}, 2))
        return out
    if entity == "claim":
        out = [change("claim.created", {**data, "status": status_of.get(eid, data.get("status", "draft"))})]
        out.append(change("claim.status_changed", {**{k: data[k] for k in _TRACKING_FIELDS if k in data},
                                                   "to": status_of.get(eid, data.get("status", "draft"))}, 1))
        if "text" in data:
            out.append(change("claim.note_added", {"text": data["text"]}, 2))
        if "on" in data:
            out.append(change("claim.follow_up_set", {"on": data["on"]}, 3))
        if "reference" in data:
            out.append(change("claim.payer_reference_set", {"reference": data["reference"]}, 4))
        return out
    if entity == "payment_batch":
        posted = {k: v for k, v in data.items() if k not in ("claims", "reason", "transactions")}
        out = [change("payment.batch_posted", {**posted, "claim_status": []})]
        if "reason" in data:
            out.append(change("payment.batch_reversed", {**data, "claims": []}, 1))
        return out
    if entity == "user":
        out = [change("user.added", data)]
        if "active" in data:
            out.append(change("user.active_set", {"active": data["active"]}, 1))
        if "role" in data:
            out.append(change("user.role_set", {"role": data["role"]}, 2))
        return out  # (a new user comes with the latest password hash; one of the same name here keeps its own)
    if entity == "denial":
        return [change(f"denial.{data.get('status', 'open')}", data)] if data.get("status") else []
    event = _SNAPSHOT_EVENTS.get(entity)
    return [change(event, data)] if event else []


_SNAPSHOT_EVENTS = {
    "practice": "practice.saved", "settings": "settings.changed", "payer": "payer.saved",
    "provider": "provider.saved", "referring_provider": "referring_provider.saved", "facility": "facility.saved",
    "fee_schedule": "fee_schedule.replaced", "fee": "fee.saved", "allowed_amount": "allowed_amount.saved",
    "clearinghouse": "clearinghouse.saved", "calibration_profile": "calibration_profile.saved",
    "patient": "patient.registered", "coverage": "coverage.saved", "eligibility_check": "eligibility.checked",
    "claim_adjudication": "payment.claim_reversed", "patient_payment": "patient_payment.taken",
    "patient_refund": "patient_refund.made", "codes": "codes.imported", "claim_submission": "claim.submitted",
    "remittance_file": "remittance.file_imported", "payment_plan": "payment_plan.created",
    "collection_account": "collections.flagged", "statement_hold": "statements.held",
    "statement_run": "statement_run.sent",
}


def count_rows(conn: Connection, table: Any) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


# the appliers of payment plans, collection flags, statement holds and statement runs (sync_apply_plans) and of
# code sets, 835 files and claim submissions (sync_apply_records); they register themselves with _applies
from medbill_desktop.services import sync_apply_plans, sync_apply_records  # noqa: E402, F401
