"""Claim statuses at the practice server: claims change by commands checked by the server's state machine
(DESIGN §4 and §7). The transitions are domain.claims.TRANSITIONS, the one table the workstations check too.

What the server keeps: each claim's current status in the claim's merged state (entity_state, entity 'claim'):
`data["status"]`, and `field_seq["status"] = [seq, device id, what set it]` (what set it: {event, action, from,
batch}; snapshots read only the seq). It changes with `claim.created`, every `claim.status_changed` the server
applies, and the claim statuses that money events carry: `payment.batch_posted` ([claim id, from, to] per claim),
`payment.batch_reversed` ({claim_id, to}) and `payment.claim_reversed` (which reopens the claim when the state
machine allows it, as every workstation does when it applies it).

The rules:

1. A status command (`claim.status_changed` with its action, from and to) is applied when the claim is, at the
   server, in the status the command was made from: whoever did it saw the claim as it stands. The move must be
   one the state machine declares (its action from that status to that status); one that is not is refused.
2. The same command from two workstations (the same action, from the same status to the same status, with the
   same frequency and references) is applied once: the second gets `applied` with the first one's seq, is not
   logged again and needs no review.
3. Any other command is refused (`rejected`) in words: "Claim C-00123 was already paid at the server (batch
   B-0042, on workstation billing); your void was not applied." The result carries the server's state of the
   claim (`server_claims`: its status and the tracking fields the command would have set); the workstation that
   pushed it puts its claim back to that and lists the message for review. A refused command is not logged, so
   no other workstation ever sees it.
   Why "from the status it was made from" rather than "any move the table declares from the server's status":
   a command decided on a claim that has moved at the server since was decided without the facts. A void
   decided on a submitted claim the payer has paid since asks the payer to take the money back; an appeal
   decided on a denial that was since paid appeals nothing. The person sees the claim as it now is and does it
   again if it still applies: one action, and nothing is done that nobody chose.
4. Money events are never refused for a claim's status. The ledger does not conflict (DESIGN §7), and a payer's
   money is a fact whatever happened to the claim meanwhile: a payment on a claim voided elsewhere is posted.
   Each claim status such an event carries still moves the server's claim when the move makes sense there: the
   claim is in the status the posting workstation moved it from, or the state machine declares a move from the
   server's status to the new one (a payment on a claim that was accepted meanwhile still pays it). Otherwise
   the server keeps its status, and the event is logged with the server's status in place of the one it
   carried (so every workstation, the posting one included, ends with the server's status) and with
   `claim_status_kept` saying what was not moved and why; the posting workstation lists that for review.
   Why keep the server's status rather than let the money win: the status the server has was itself a decision
   (a void, a closing, another payment), already on every workstation that pulled it; overwriting it would undo
   that decision silently, while keeping it loses nothing (the money is posted) and a person decides.
5. A claim the server has no status for (one it never got) is not checked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol

import psycopg

from medbill_desktop.domain.claims import TRANSITIONS, TRANSITIONS_BY_ACTION, Action, ClaimStatus
from medbill_desktop.sync import protocol

CLAIM = "claim"
STATUS = "status"
CREATED = "claim.created"
STATUS_CHANGED = "claim.status_changed"
BATCH_POSTED = "payment.batch_posted"
BATCH_REVERSED = "payment.batch_reversed"
CLAIM_REVERSED = "payment.claim_reversed"
MONEY_EVENTS = frozenset({BATCH_POSTED, BATCH_REVERSED, CLAIM_REVERSED})
# The claim's fields a status command may set besides its status (strings, as the commands carry them), and
# what a claim has when no command set them.
TRACKING = ("frequency", "original_reference", "payer_claim_reference")
_TRACKING_DEFAULTS = {"frequency": "1", "original_reference": ""}

_NOUNS = {
    Action.MARK_READY: "move to ready", Action.SUBMIT: "submission", Action.ACCEPT: "acceptance",
    Action.REJECT: "rejection", Action.RESUBMIT: "resubmission", Action.PAY: "payment in full",
    Action.PAY_PARTIALLY: "partial payment", Action.DENY: "denial", Action.APPEAL: "appeal",
    Action.CLOSE: "closing", Action.REPLACE: "replacement", Action.VOID: "void", Action.REOPEN: "reopening",
    Action.UNREADY: "move back to draft",
}


class State(Protocol):
    """An entity's merged state as server.store keeps it."""

    data: dict[str, Any]
    field_seq: dict[str, list[Any]]
    last_seq: int
    touched: bool


Names = Callable[[str], str]
"""A workstation's name by its device id."""


class DeviceNames:
    """The practice's workstation names, read once when a message first needs one."""

    def __init__(self, conn: psycopg.Connection[Any], practice_id: str) -> None:
        self._conn = conn
        self._practice_id = practice_id
        self._names: dict[str, str] | None = None

    def __call__(self, device_id: str) -> str:
        if self._names is None:
            self._names = {str(r[0]): str(r[1]) for r in self._conn.execute(
                "SELECT device_id, name FROM devices WHERE practice_id = %s", (self._practice_id,))}
        return self._names.get(device_id, f"device {device_id[:8]}")


def claim_keys(changes: Iterable[Any]) -> set[tuple[str, str]]:
    """The claims whose server state a push needs: those its status commands and money events name."""
    keys: set[tuple[str, str]] = set()
    for c in changes:
        if c.entity == CLAIM and c.event == STATUS_CHANGED:
            keys.add((CLAIM, c.entity_id))
        elif c.event in MONEY_EVENTS:
            keys.update((CLAIM, claim_id) for claim_id in _money_claims(c.event, c.data))
    return keys


def _money_claims(event: str, data: dict[str, Any]) -> list[str]:
    if event == BATCH_POSTED:
        return [str(e[0]) for e in data.get("claim_status") or [] if isinstance(e, list) and e]
    if event == BATCH_REVERSED:
        return [str(e["claim_id"]) for e in data.get("claims") or [] if isinstance(e, dict) and "claim_id" in e]
    if event == CLAIM_REVERSED and data.get("claim_id"):
        return [str(data["claim_id"])]
    return []


def current_status(state: State | None) -> str | None:
    if state is None:
        return None
    status = state.data.get(STATUS)
    return str(status) if status is not None else None


def declared(source: str, target: str) -> bool:
    """Whether the state machine has a move from `source` to `target`."""
    return any(source in t.sources and t.target.value == target for t in TRANSITIONS)


def _label(status: str) -> str:
    try:
        return ClaimStatus(status).label
    except ValueError:
        return status


def _set(state: State, status: str, seq: int, device_id: str, what: dict[str, Any]) -> None:
    state.data[STATUS] = status
    state.field_seq[STATUS] = [seq, device_id, what]
    state.touched = True
    state.last_seq = max(int(state.last_seq), seq)


def _claim_number(state: State | None, data: dict[str, Any], claim_id: str) -> str:
    number = data.get("claim_number") or (state.data.get("claim_number") if state is not None else None)
    return str(number or claim_id)


def _setter(state: State, names: Names) -> str:
    """Who set the server's status of the claim, in words: 'batch B-0042, on workstation billing'."""
    found = state.field_seq.get(STATUS) or []
    device = names(str(found[1])) if len(found) > 1 and found[1] else ""
    what: dict[str, Any] = found[2] if len(found) > 2 and isinstance(found[2], dict) else {}
    parts = []
    if what.get("event") == BATCH_REVERSED:
        parts.append(f"reversal of batch {what.get('batch') or '?'}")
    elif what.get("event") == CLAIM_REVERSED:
        parts.append("a reversed payment")
    elif what.get("batch"):
        parts.append(f"batch {what['batch']}")
    elif what.get("action") in _NOUNS:
        parts.append(_NOUNS[Action(what["action"])])
    if device:
        parts.append(f"on workstation {device}")
    return f" ({', '.join(parts)})" if parts else ""


# --- status commands ---------------------------------------------------------------------------------------

def _command(data: dict[str, Any]) -> tuple[Action, str, str] | None:
    """The command's action, from and to, when they name a move the state machine declares."""
    try:
        action = Action(str(data.get("action")))
        before = ClaimStatus(str(data.get("from"))).value
        to = ClaimStatus(str(data.get("to"))).value
    except ValueError:
        return None
    t = TRANSITIONS_BY_ACTION[action]
    if before not in t.sources or t.target.value != to:
        return None
    return action, before, to


def server_claim(claim_id: str, state: State, fields: Iterable[str] = ()) -> dict[str, Any]:
    """The server's state of a claim as a push result carries it: its status and the tracking `fields` named
    (frequency and original reference as the server has them; the payer's claim number only when it has one)."""
    out: dict[str, Any] = {"claim_id": claim_id, "claim_number": _claim_number(state, {}, claim_id),
                           "status": current_status(state)}
    for name in fields:
        if name in state.data:
            out[name] = str(state.data[name])
        elif name in _TRACKING_DEFAULTS:
            out[name] = _TRACKING_DEFAULTS[name]
    return out


def _same_command(state: State, action: Action, before: str, data: dict[str, Any]) -> bool:
    """Whether the server's status was set by this very command (the same action from the same status, setting
    the same tracking fields), made on another workstation or pushed before under another change id."""
    found = state.field_seq.get(STATUS) or []
    what = found[2] if len(found) > 2 and isinstance(found[2], dict) else {}
    if what.get("event") != STATUS_CHANGED or what.get("action") != action.value or what.get("from") != before:
        return False
    return all(str(state.data.get(k, _TRACKING_DEFAULTS.get(k, ""))) == str(data[k]) for k in TRACKING if k in data)


def _refused(message: str, claim_id: str, state: State | None, data: dict[str, Any]) -> dict[str, Any]:
    claims = [server_claim(claim_id, state, [k for k in TRACKING if k in data])] \
        if current_status(state) is not None and state is not None else []
    return {"status": protocol.REJECTED, "seq": None, "message": message, protocol.SERVER_CLAIMS_KEY: claims}


def judge(c: Any, states: dict[tuple[str, str], Any], names: Names) -> dict[str, Any] | None:
    """For a claim status command: None when the server applies it (rules 1 and 5), else the push result's
    status, seq, message and server_claims (rule 2: applied before, rule 3: refused)."""
    if c.entity != CLAIM or c.event != STATUS_CHANGED:
        return None
    state: State | None = states.get((CLAIM, c.entity_id))
    data: dict[str, Any] = c.data
    number = _claim_number(state, data, c.entity_id)
    move = _command(data)
    if move is None:
        return _refused(f"Claim {number}: a status change {data.get('action')!r} from {data.get('from')!r} to "
                        f"{data.get('to')!r} is not a move the claim's state machine allows; it was not applied.",
                        c.entity_id, state, data)
    action, before, to = move
    current = current_status(state)
    if state is None or current is None or current == before:
        return None
    if current == to and _same_command(state, action, before, data):
        return {"status": protocol.APPLIED, "seq": int(state.field_seq[STATUS][0]), "message": "",
                protocol.SERVER_CLAIMS_KEY: []}
    label = _label(current)
    return _refused(f"Claim {number} was already {label} at the server{_setter(state, names)}; your "
                    f"{_NOUNS[action]} was not applied. This workstation shows the claim as {label} again: do it "
                    "again if it still applies.", c.entity_id, state, data)


def repeated(result: dict[str, Any], c: Any, states: dict[tuple[str, str], Any]) -> None:
    """A refused command pushed again gets the server's state of its claim again (as it is now)."""
    if result.get("status") != protocol.REJECTED or c.entity != CLAIM or c.event != STATUS_CHANGED:
        return
    state = states.get((CLAIM, c.entity_id))
    if state is not None and current_status(state) is not None:
        result[protocol.SERVER_CLAIMS_KEY] = [server_claim(c.entity_id, state, [k for k in TRACKING if k in c.data])]


def track(c: Any, state: State, seq: int, device_id: str) -> None:
    """After an applied command (or a claim made): the claim's status at the server."""
    if c.event == STATUS_CHANGED:
        move = _command(c.data)
        if move is not None:
            action, before, to = move
            _set(state, to, seq, device_id, {"event": STATUS_CHANGED, "action": action.value, "from": before})
        elif c.data.get("to") in {s.value for s in ClaimStatus}:
            _set(state, str(c.data["to"]), seq, device_id, {"event": STATUS_CHANGED})


# --- money events --------------------------------------------------------------------------------------------

def settle_money(c: Any, seq: int, device_id: str, states: dict[tuple[str, str], Any],
                 names: Names) -> dict[str, Any]:
    """Move the server's claims by the statuses a money event carries (rule 4); the event's data as it is logged:
    unchanged, or with the server's status where it kept its own and `claim_status_kept` saying so."""
    data: dict[str, Any] = c.data
    batch = str(data.get("batch_number") or "")
    what = {"event": c.event, "batch": batch}
    kept: list[dict[str, Any]] = []

    def move(claim_id: str, before: str | None, after: str) -> str:
        """The status the claim has at the server once this event moved it (or did not)."""
        state: State | None = states.get((CLAIM, claim_id))
        current = current_status(state)
        if state is None or current is None or current == after or after not in {s.value for s in ClaimStatus}:
            return after
        if current == before or declared(current, after):
            _set(state, after, seq, device_id, what)
            return after
        number = _claim_number(state, {}, claim_id)
        done = "was reversed" if c.event == BATCH_REVERSED else "was posted"
        label = _label(current)
        kept.append({"claim_id": claim_id, "claim_number": number, "wanted": after, "kept": current, "message": (
            f"Payment batch {batch} {done}, but claim {number} was not marked {_label(after)}: it was already "
            f"{label} at the server{_setter(state, names)} and stays {label}. The money was posted; look at the "
            "claim and decide what it needs.")})
        return current

    if c.event == BATCH_POSTED:
        entries = data.get("claim_status") or []
        settled = [[e[0], e[1], move(str(e[0]), str(e[1]), str(e[2]))] if isinstance(e, list) and len(e) == 3
                   else e for e in entries]
        if kept:
            return {**data, "claim_status": settled, protocol.CLAIM_STATUS_KEPT_KEY: kept}
    elif c.event == BATCH_REVERSED:
        entries = data.get("claims") or []
        settled = [{**e, "to": move(str(e["claim_id"]), None, str(e["to"]))}
                   if isinstance(e, dict) and "claim_id" in e and "to" in e else e for e in entries]
        if kept:
            return {**data, "claims": settled, protocol.CLAIM_STATUS_KEPT_KEY: kept}
    elif c.event == CLAIM_REVERSED and data.get("claim_id") and data.get("reopened") is not False:
        state = states.get((CLAIM, str(data["claim_id"])))
        current = current_status(state)
        reopen = TRANSITIONS_BY_ACTION[Action.REOPEN]
        if state is not None and current is not None and current in reopen.sources:
            _set(state, reopen.target.value, seq, device_id, what)
    return data


# --- the status of every claim, from the change log (for a server that kept none: migration s0002) ----------------

def replay(rows: Iterable[tuple[int, str, str, str, dict[str, Any]]]) -> dict[str, tuple[str, list[Any]]]:
    """Each claim's status and field_seq entry from change-log rows (seq, origin device, event, entity id, data) in
    seq order, as the workstations applied them before the server checked claim statuses."""
    found: dict[str, tuple[str, list[Any]]] = {}
    for seq, device, event, entity_id, data in rows:
        if event == CREATED and data.get("status"):
            found[entity_id] = (str(data["status"]), [seq, device, {"event": CREATED}])
        elif event == STATUS_CHANGED and data.get("to"):
            found[entity_id] = (str(data["to"]), [seq, device, {"event": STATUS_CHANGED, "action": data.get("action"),
                                                                "from": data.get("from")}])
        elif event in (BATCH_POSTED, BATCH_REVERSED):
            what = {"event": event, "batch": str(data.get("batch_number") or "")}
            pairs = ([(str(e[0]), str(e[2])) for e in data.get("claim_status") or [] if isinstance(e, list)
                      and len(e) == 3] if event == BATCH_POSTED else
                     [(str(e["claim_id"]), str(e["to"])) for e in data.get("claims") or [] if isinstance(e, dict)])
            for claim_id, to in pairs:
                found[claim_id] = (to, [seq, device, what])
        elif event == CLAIM_REVERSED and data.get("claim_id") in found and data.get("reopened") is not False:
            claim_id = str(data["claim_id"])
            if found[claim_id][0] in TRANSITIONS_BY_ACTION[Action.REOPEN].sources:
                found[claim_id] = (ClaimStatus.ACCEPTED.value, [seq, device, {"event": event}])
    return found
