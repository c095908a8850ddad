"""What the workstation and the practice server agree on (DESIGN §7). Imports nothing of the project, so
both sides can use it.

A change is one outbox row: a business event ("patient.updated", "ledger.payment_posted") about one entity,
with the event's data. Push sends changes in batches named by a batch id (the idempotency key); pull returns
accepted changes in server order (`seq`, gap-free) with the high-water mark.
"""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

API = "/v1"
ACCESS_TOKEN_SECONDS = 15 * 60
PUSH_BATCH_SIZE = 500
PULL_PAGE_SIZE = 2000

# Statuses of a pushed change.
APPLIED = "applied"  # accepted; it has a seq
DUPLICATE = "duplicate"  # a ledger transaction whose source key the server already has: not posted twice
REJECTED = "rejected"  # malformed or refused; the message says why
FINAL_STATUSES = (APPLIED, DUPLICATE, REJECTED)

LEDGER_ENTITY = "ledger_transaction"
LEDGER_EVENT_PREFIX = "ledger."
# Entities merged field by field: the later arrival at the server wins, the overwritten value is a conflict.
MERGED_ENTITIES = frozenset({"patient", "coverage"})
REMOVAL_SUFFIX = ".removed"


# Events that carry several ledger transactions at once (a payment batch posts all of its transactions in one
# business event): [id, kind, occurred_on, memo, source_key, reverses, [[account code, patient account, cents]]]
# rows named by the event's "transaction_fields".
COMPOUND_LEDGER_EVENTS = frozenset({"payment.batch_posted", "payment.batch_reversed", "payment.claim_reversed"})
# Events on a merged entity that are not edits of its fields (they are logged, never merged: a payment against a
# patient's account is not a change to the patient's record).
UNMERGED_EVENTS = frozenset({"patient_credit.applied", "patient_credit.application_reversed"})
CONFLICT_RESTORED_SUFFIX = ".conflict_restored"

# Claim statuses are checked by the server's state machine (server.claim_status has the rules). A push result of a
# claim status change the server refused carries the server's state of the claim under SERVER_CLAIMS_KEY
# ([{claim_id, claim_number, status, and the tracking fields the change would have set}]): the workstation that
# pushed it puts its claim back to that. A money event whose claim status the server did not take is logged with
# the server's status in its place and CLAIM_STATUS_KEPT_KEY ([{claim_id, claim_number, wanted, kept, message}]);
# the workstation that posted it lists that for review with the status CLAIM_STATUS_KEPT.
SERVER_CLAIMS_KEY = "server_claims"
CLAIM_STATUS_KEPT_KEY = "claim_status_kept"
CLAIM_STATUS_KEPT = "claim_status_kept"


def is_single_ledger_change(entity: str, event: str) -> bool:
    return entity == LEDGER_ENTITY and event.startswith(LEDGER_EVENT_PREFIX) and event.endswith("_posted")


def is_ledger_change(entity: str, event: str) -> bool:
    """A change that posts ledger transactions: one (`ledger.<kind>_posted`) or several (a payment batch)."""
    return is_single_ledger_change(entity, event) or event in COMPOUND_LEDGER_EVENTS


def merges_fields(entity: str, event: str) -> bool:
    """Whether the server merges this change's data into its entity's fields (and looks for conflicts)."""
    return event not in UNMERGED_EVENTS


def _cents(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value != 0 and abs(value) < 2**62


def ledger_transactions(entity: str, entity_id: str, event: str, data: dict[str, Any]) -> list[dict[str, Any]]:
    """The ledger transactions a change posts, each as {id, kind, occurred_on, memo, source_key, reverses,
    postings: [{kind, ref, patient_account, amount_cents}]} (the `ledger.<kind>_posted` data plus its id);
    [] for a change that posts none. ValueError, in words, when one is malformed (unbalanced, no postings...)."""
    if is_single_ledger_change(entity, event):
        kind = data.get("kind")
        if not isinstance(kind, str) or not kind:
            kind = event[len(LEDGER_EVENT_PREFIX):-len("_posted")]
        found = [{"id": entity_id, "kind": kind, "occurred_on": data.get("occurred_on"), "memo": data.get("memo", ""),
                  "source_key": data.get("source_key"), "reverses": data.get("reverses"),
                  "postings": data.get("postings")}]
    elif event in COMPOUND_LEDGER_EVENTS:
        fields, rows = data.get("transaction_fields"), data.get("transactions")
        if not isinstance(fields, list) or not isinstance(rows, list):
            raise ValueError("the event names no transaction_fields and transactions")
        found = []
        for n, row in enumerate(rows, 1):
            if not isinstance(row, list) or len(row) != len(fields):
                raise ValueError(f"transaction {n} does not have the fields {fields}")
            tx = dict(zip(fields, row, strict=True))
            postings = tx.get("postings")
            if isinstance(postings, list):
                converted = []
                for p in postings:
                    if not (isinstance(p, list) and len(p) == 3 and isinstance(p[0], str) and ":" in p[0]):
                        raise ValueError(f"transaction {n} has a posting that is not [account code, patient account, "
                                         "cents]")
                    kind, ref = p[0].split(":", 1)
                    converted.append({"kind": kind, "ref": ref, "patient_account": p[1], "amount_cents": p[2]})
                tx["postings"] = converted
            found.append(tx)
    else:
        return []
    for n, tx in enumerate(found, 1):
        _check_transaction(n, tx)
    return found


def _check_transaction(n: int, tx: dict[str, Any]) -> None:
    what = f"transaction {tx.get('id') or n}"
    if not isinstance(tx.get("id"), str) or not tx["id"]:
        raise ValueError(f"{what} has no id")
    if not isinstance(tx.get("kind"), str) or not tx["kind"]:
        raise ValueError(f"{what} has no kind")
    postings = tx.get("postings")
    if not isinstance(postings, list) or not postings:
        raise ValueError(f"{what}: a ledger transaction needs a non-empty list of postings")
    total = 0
    for i, p in enumerate(postings, 1):
        if not isinstance(p, dict):
            raise ValueError(f"{what}: posting {i} is not an object")
        kind, ref, amount = p.get("kind"), p.get("ref"), p.get("amount_cents")
        patient_account = p.get("patient_account")
        if not isinstance(kind, str) or not isinstance(ref, str) or not kind or not ref:
            raise ValueError(f"{what}: posting {i} needs an account kind and ref")
        if not isinstance(amount, int) or not _cents(amount):
            raise ValueError(f"{what}: posting {i} needs a non-zero whole number of cents")
        if patient_account is not None and not isinstance(patient_account, str):
            raise ValueError(f"{what}: posting {i} has a patient account that is not text")
        total += amount
    if total != 0:
        raise ValueError(f"{what}: the postings do not balance (they add up to {total} cents)")
    for key in ("source_key", "reverses"):
        if tx.get(key) is not None and not isinstance(tx[key], str):
            raise ValueError(f"{what}: {key} is not text")
    if not tx.get("source_key"):
        tx["source_key"] = None


def account_code(kind: str, ref: str) -> str:
    """A ledger account's code, as the workstation's ledger_accounts.code writes it (domain AccountKey.code)."""
    return f"{kind}:{ref}"


def batch_id_for(change_ids: list[str]) -> str:
    """The batch id of a set of changes: the same changes always make the same batch, so a batch retried after
    a lost reply (even by a restarted program) is recognised by the server."""
    digest = hashlib.sha256("\n".join(sorted(change_ids)).encode("utf-8")).hexdigest()
    return f"b-{digest[:40]}"


def totals_differences(local: dict[str, Any], server: dict[str, Any], most: int = 50) -> list[str]:
    """Plain-words differences between two ledger totals documents ({transactions, postings, accounts:
    {code: {postings, total_cents}}}); empty when they agree. At most `most` accounts are named."""
    problems: list[str] = []
    for key, label in (("transactions", "ledger transactions"), ("postings", "ledger postings")):
        if local.get(key) != server.get(key):
            problems.append(f"{label}: this workstation has {local.get(key)}, the server has {server.get(key)}")
    mine: dict[str, Any] = local.get("accounts", {})
    theirs: dict[str, Any] = server.get("accounts", {})
    empty = {"postings": 0, "total_cents": 0}
    differing = [code for code in sorted(set(mine) | set(theirs)) if mine.get(code, empty) != theirs.get(code, empty)]
    for code in differing[:most]:
        a, b = mine.get(code, empty), theirs.get(code, empty)
        problems.append(f"account {code}: this workstation has {a['postings']} postings totalling "
                        f"{a['total_cents']} cents, the server has {b['postings']} totalling {b['total_cents']}")
    if len(differing) > most:
        problems.append(f"... and {len(differing) - most} more accounts differ")
    return problems


# --- corrections: the same balance paid on two workstations ------------------------------------------------------
# Two workstations offline can each take a payment on the same receivable; each posting is valid where it was made,
# but at the server the second would take the receivable below zero. The server's order decides: when it accepts a
# ledger change it checks every receivable the change credits against its own balance of that account, and for the
# part that would go below zero it appends a correction transaction in the same push, attached to the change
# (its push result and its data in the change log carry it under CORRECTIONS_KEY; a snapshot has it as its own
# ledger entity, naming the transaction it corrects under CORRECTS_KEY). The correction raises the receivable by
# the overflow and holds it as the patient's credit (a patient's balance) or owes it back (refunds payable, a
# payer's balance). A workstation applies a change's corrections before the change's own transactions; they are
# never pushed back, and the same correction is applied once (its id is made from the change's id).
CORRECTIONS_KEY = "corrections"
CORRECTS_KEY = "corrects"
CORRECTED = "corrected"  # the review status of a correction a workstation applied (for a person to refund or apply)
# the review status of a payment plan or collections flag pulled for a guarantor who already has an active one
# (both made offline on two workstations): a person keeps one
MADE_TWICE = "made_twice"
RECEIVABLE_KIND = "receivable"
PATIENT_CREDIT_KIND = "patient_credit"
REFUNDS_PAYABLE_KIND = "refunds_payable"
PATIENT_PARTY = "patient"
_CORRECTION_NAMESPACE = uuid.UUID("0b6f2d1e-7c4a-4f0e-9d8b-5a3c2e1f4b77")


def correction_id(change_id: str) -> str:
    """The id of the correction the server attaches to a change: the same change always gets the same one."""
    return str(uuid.uuid5(_CORRECTION_NAMESPACE, f"correction\x1f{change_id}"))


def receivable_party(ref: str) -> str:
    """The responsible party of a receivable account ('<charge line>:<party>')."""
    return ref.rsplit(":", 1)[-1]


def dollars(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    return f"{sign}${abs(cents) // 100:,}.{abs(cents) % 100:02d}"


def correction(change_id: str, corrects: str, occurred_on: Any, overflows: list[tuple[str, str, int]]
               ) -> dict[str, Any]:
    """The correction transaction (in the format of `ledger_transactions`) for a change that would take receivables
    below zero: `overflows` are (receivable ref, patient account, cents below zero). Each receivable is raised by its
    overflow; a patient's balance is held as that patient account's credit, a payer's is owed back (refunds
    payable)."""
    postings: list[dict[str, Any]] = []
    held: dict[tuple[str, str], int] = {}
    for ref, patient_account, cents in overflows:
        postings.append({"kind": RECEIVABLE_KIND, "ref": ref, "patient_account": patient_account,
                         "amount_cents": cents})
        kind = PATIENT_CREDIT_KIND if receivable_party(ref) == PATIENT_PARTY else REFUNDS_PAYABLE_KIND
        held[(kind, patient_account)] = held.get((kind, patient_account), 0) + cents
    for (kind, patient_account), cents in sorted(held.items()):
        postings.append({"kind": kind, "ref": patient_account, "patient_account": patient_account,
                         "amount_cents": -cents})
    credit = sum(c for (k, _), c in held.items() if k == PATIENT_CREDIT_KIND)
    owed = sum(c for (k, _), c in held.items() if k == REFUNDS_PAYABLE_KIND)
    parts = []
    if credit:
        parts.append(f"{dollars(credit)} taken on two workstations is held as patient credit")
    if owed:
        parts.append(f"{dollars(owed)} posted on two workstations is owed back to the payer (refunds payable)")
    return {"id": correction_id(change_id), "kind": "transfer", "occurred_on": occurred_on,
            "memo": "Paid twice: " + "; ".join(parts), "source_key": None, "reverses": None, CORRECTS_KEY: corrects,
            "postings": postings}


def corrections_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The corrections a change carries (from a push result or the change log's data), checked as ledger
    transactions; [] when it carries none. ValueError, in words, when one is malformed."""
    found = data.get(CORRECTIONS_KEY) or []
    if not isinstance(found, list):
        raise ValueError("the change's corrections are not a list")
    out = []
    for n, tx in enumerate(found, 1):
        if not isinstance(tx, dict):
            raise ValueError(f"correction {n} is not an object")
        tx = dict(tx)
        _check_transaction(n, tx)
        out.append(tx)
    return out
