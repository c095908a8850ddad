"""What the paper-EOB form holds, as plain data, and how it is read into a `RemittanceBatch` (no Qt here).

The form keeps what the biller typed as text. Reading it:
- a line's contractual adjustment (CO-45) and the patient's share (PR-1 deductible, PR-2 coinsurance, PR-3
  copay) are proposed with `domain.adjudication.propose_adjustments` from billed, allowed and paid; the
  contractual amount follows "billed minus allowed" until the biller types another amount (an override);
- an empty Allowed means the payer did not say (a denied line): nothing is proposed, the biller types the
  adjustments the EOB shows;
- further adjustments are typed as group code + reason code + amount, several per line
  ("CO-16 125.00; OA-23 5.00"), and remark codes as "N290 M15";
- a claim's claim-level adjustments (CAS not tied to a line) are typed the same way; as on an 835 (CLP04), the
  claim pays what its lines pay less its claim-level adjustments (a negative one, interest, adds to it);
- provider-level adjustments (PLB) are rows of reason code, reference and amount; the amount is typed as the
  EOB shows it and the code says whether it adds to the check (L6 interest) or takes from it (WO, 72, FB ...),
  a minus sign turning it around (domain.plb);
- the check amount, the claims' payments, the PLB rows and an optional on-account remainder give "left to
  apply";
- codes typed that the workstation does not know (CARC, RARC) are warnings naming the line: they do not stop
  the batch, since the lists held may be older than the payer's.

Every mistake is a `Problem` naming its field ("claims[0].lines[1].paid"), so the form marks the field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from medbill_desktop.domain.adjudication import (
    DENIED,
    GROUP_CODES,
    ON_ACCOUNT_REASONS,
    PROCESSED_AS_PRIMARY,
    PROCESSED_AS_SECONDARY,
    PROCESSED_AS_TERTIARY,
    BatchKind,
    CasAdjustment,
    ClaimAdjudication,
    LineAdjudication,
    NextStep,
    PaymentMethod,
    ProviderAdjustment,
    RemittanceBatch,
    check_batch,
    propose_adjustments,
)
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.money import Money, format_cents
from medbill_desktop.domain.plb import PLB_REASONS, check_effect, plb_reason

_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_PACKED = re.compile(r"^(\d{2})(\d{2})(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_ADJUSTMENT = re.compile(
    r"(?P<group>[A-Z]{2})\s*-?\s*(?P<reason>[A-Z]?\d{1,3})\s+(?P<amount>\(?-?\$?(?:\d[\d,]*(?:\.\d{0,2})?|\.\d{1,2})\)?)")
_SEPARATORS = re.compile(r"[\s,;]+")
_REMARK = re.compile(r"^(M|N|MA)\d{1,4}$")
RANK_STATUS = {"primary": PROCESSED_AS_PRIMARY, "secondary": PROCESSED_AS_SECONDARY,
               "tertiary": PROCESSED_AS_TERTIARY}
NEXT_STEP_WORDS = {
    NextStep.NEXT_PAYER: "Bill the next payer",
    NextStep.PATIENT: "Move the rest to the patient",
    NextStep.DENIALS: "Send to the denials queue",
    NextStep.KEEP: "Keep with this payer",
}
METHOD_WORDS = {PaymentMethod.CHECK: "Check", PaymentMethod.EFT: "EFT"}


CARC = "carc"
RARC = "rarc"
# What the form knows of the codes typed: (CARC or RARC, code) -> the description, or None when the code is not
# in the lists held; a code not looked up yet is missing.
Meanings = Mapping[tuple[str, str], str | None]


@dataclass(frozen=True, slots=True)
class Problem:
    message: str
    field: str = ""  # "header.amount", "claims[0].lines[1].paid", "claims[1].next_step", "plb[0].amount" or ""


# --- reading typed text ------------------------------------------------------------------------------------
def read_money(text: str, at: str, what: str) -> int | None:
    """Dollars and cents as typed ('80', '80.00', '$1,250.50'); empty text is None."""
    if not text.strip():
        return None
    try:
        return Money.parse(text, at).cents
    except DomainError as exc:
        raise DomainError(f"{what}: {exc.message}", at) from None


def read_date(text: str, at: str, what: str) -> date | None:
    typed = text.strip()
    if not typed:
        return None
    for pattern, order in ((_US, (3, 1, 2)), (_PACKED, (3, 1, 2)), (_ISO, (1, 2, 3))):
        m = pattern.match(typed)
        if m:
            try:
                return date(int(m[order[0]]), int(m[order[1]]), int(m[order[2]]))
            except ValueError:
                break
    raise DomainError(f"'{typed}' is not a date; type the {what} as MM/DD/YYYY.", at)


def read_adjustments(text: str, at: str, where: str) -> tuple[CasAdjustment, ...]:
    """'CO-16 125.00; OA-23 5' (group, reason code, amount; several). Empty text is none."""
    rest = text.strip().upper()
    found: list[CasAdjustment] = []
    while rest:
        m = _ADJUSTMENT.match(rest)
        if m is None:
            raise DomainError(f"{where}: '{rest}' is not an adjustment; type group code, reason code and amount, "
                              "for example CO-16 125.00 (several: CO-16 100.00; OA-23 25.00).", at)
        group = m["group"]
        if group not in GROUP_CODES:
            raise DomainError(f"{where}: the group code {group} is not one of {', '.join(GROUP_CODES)}.", at)
        amount = Money.parse(m["amount"], at).cents
        found.append(CasAdjustment(group, m["reason"], amount))
        rest = _SEPARATORS.sub(" ", rest[m.end():]).strip()
    return tuple(found)


_REASON_AT = re.compile(r"(?:^|[\s,;])[A-Za-z]{2}\s*-?\s*([A-Za-z0-9]+)$")
_CODE_TAIL = re.compile(r"[A-Za-z0-9]*")
_CODE_AT = re.compile(r"([A-Za-z0-9]+)$")


def reason_span(text: str, cursor: int) -> tuple[int, int] | None:
    """Where in 'CO-16 125.00; OA-2' the reason code being typed is: after a group code, at the cursor ('OA-2|'
    -> the '2'; a word works too: 'CO-dup|'). None when the cursor is in an amount or a group code."""
    m = _REASON_AT.search(text[:cursor])
    if m is None:
        return None
    tail = _CODE_TAIL.match(text, cursor)
    return m.start(1), tail.end() if tail is not None else cursor


def remark_span(text: str, cursor: int) -> tuple[int, int] | None:
    """The remark code (or word) at the cursor in 'N290 M1|'."""
    m = _CODE_AT.search(text[:cursor])
    if m is None:
        return None
    tail = _CODE_TAIL.match(text, cursor)
    return m.start(1), tail.end() if tail is not None else cursor


def adjustments_text(adjustments: tuple[CasAdjustment, ...]) -> str:
    return "; ".join(f"{a.label} {format_cents(a.amount).replace('$', '')}" for a in adjustments)


def read_remarks(text: str, at: str, where: str) -> tuple[str, ...]:
    codes = tuple(c for c in _SEPARATORS.split(text.strip().upper()) if c)
    for code in codes:
        if not _REMARK.match(code):
            raise DomainError(f"{where}: '{code}' is not a remark code (RARC, like N290 or M15).", at)
    return codes


# --- one service line ----------------------------------------------------------------------------------------
@dataclass
class LineEntry:
    service_line_id: str
    code: str  # '99213-25' as the EOB shows it
    date_of_service: date | None
    billed: int
    owed: int  # what this payer still owes on the line
    allowed: str = ""
    paid: str = ""
    deductible: str = ""
    coinsurance: str = ""
    copay: str = ""
    contractual: str = ""  # CO-45; follows billed - allowed until typed over
    contractual_typed: bool = False
    other: str = ""  # further adjustments: 'CO-16 125.00; OA-23 5.00'
    remarks: str = ""  # 'N290 M15'

    AMOUNTS = ("allowed", "paid", "deductible", "coinsurance", "copay", "contractual")

    def proposed_contractual(self) -> int | None:
        """Billed minus allowed, when the allowed amount is typed and reads (else None)."""
        try:
            allowed = read_money(self.allowed, "", "Allowed")
        except DomainError:
            return None
        return None if allowed is None else self.billed - allowed

    def contractual_text(self) -> str:
        """What the contractual field shows when the biller has not typed over it."""
        proposed = self.proposed_contractual()
        return "" if proposed is None or proposed <= 0 else f"{proposed // 100}.{proposed % 100:02d}"

    def read(self, at: str, where: str) -> LineAdjudication:
        """The line as the payer decided it; DomainError names the field that does not read."""
        amounts: dict[str, int | None] = {}
        words = {"allowed": "allowed", "paid": "paid", "deductible": "deductible", "coinsurance": "coinsurance",
                 "copay": "copay", "contractual": "contractual adjustment"}
        for name in self.AMOUNTS:
            value = read_money(getattr(self, name), f"{at}.{name}", f"{where} {words[name]}")
            if value is not None and value < 0:
                raise DomainError(f"{where}: the {words[name]} is not negative; type a takeback as a further "
                                  "adjustment.", f"{at}.{name}")
            amounts[name] = value
        paid = amounts["paid"] or 0
        shares = {"deductible": amounts["deductible"] or 0, "coinsurance": amounts["coinsurance"] or 0,
                  "copay": amounts["copay"] or 0}
        allowed = amounts["allowed"]
        adjustments: list[CasAdjustment] = []
        if allowed is not None:
            try:
                proposed = propose_adjustments(self.billed, allowed, paid, **shares)
            except DomainError as exc:
                wrong = {"allowed": "allowed", "paid": "paid", "amount": "paid"}.get(exc.field or "", "paid")
                raise DomainError(f"{where}: {exc.message}", f"{at}.{wrong}") from None
            for adj in proposed:
                if adj.group == "CO" and adj.reason == "45":
                    continue  # the contractual amount is added below (it may be overridden)
                adjustments.append(adj)
        else:
            if paid:
                raise DomainError(f"{where}: enter the allowed amount the EOB shows for a paid line.",
                                  f"{at}.allowed")
            for reason, amount in (("1", shares["deductible"]), ("2", shares["coinsurance"]),
                                   ("3", shares["copay"])):
                if amount:
                    adjustments.append(CasAdjustment("PR", reason, amount))
        if self.contractual_typed:
            contractual = amounts["contractual"] or 0
        else:
            contractual = max(self.billed - allowed, 0) if allowed is not None else 0
        if contractual:
            adjustments.insert(0, CasAdjustment("CO", "45", contractual))
        adjustments += read_adjustments(self.other, f"{at}.other", where)
        remarks = read_remarks(self.remarks, f"{at}.remarks", where)
        return LineAdjudication(self.service_line_id, self.billed, paid, allowed, tuple(adjustments), remarks)

    def preview(self) -> tuple[LineAdjudication | None, str]:
        """The line as read and its problem ('' when it reads), for the running figures on the form."""
        try:
            return self.read("", self.code), ""
        except DomainError as exc:
            return None, exc.message

    def typed_codes(self, name: str = "") -> list[tuple[str, str, str]]:
        """(CARC or RARC, code, label) of the codes typed in Other and Remarks (or in the field `name`) that read."""
        reasons = _typed_reasons(self.other) if name in ("", "other") else []
        return [*reasons, *(_typed_remarks(self.remarks) if name in ("", "remarks") else [])]

    def unknown(self, meanings: Meanings, name: str = "") -> list[str]:
        """Labels ('CO-461', 'N9999') of the codes typed that the workstation does not know."""
        return _unknown(self.typed_codes(name), meanings)

    def described(self, meanings: Meanings, name: str = "") -> list[str]:
        """'CO-16: Claim is missing information ...' for each code typed that is known."""
        return _described(self.typed_codes(name), meanings)


def _typed_reasons(text: str) -> list[tuple[str, str, str]]:
    try:
        return [(CARC, a.reason, a.label) for a in read_adjustments(text, "", "")]
    except DomainError:
        return []


def _typed_remarks(text: str) -> list[tuple[str, str, str]]:
    try:
        return [(RARC, c, c) for c in read_remarks(text, "", "")]
    except DomainError:
        return []


def _unknown(typed: list[tuple[str, str, str]], meanings: Meanings) -> list[str]:
    return list(dict.fromkeys(label for kind, code, label in typed
                              if (kind, code) in meanings and meanings[(kind, code)] is None))


def _described(typed: list[tuple[str, str, str]], meanings: Meanings) -> list[str]:
    return list(dict.fromkeys(f"{label}: {meanings[(kind, code)]}" for kind, code, label in typed
                              if meanings.get((kind, code))))


# --- one claim ------------------------------------------------------------------------------------------------
@dataclass
class ClaimEntry:
    claim_id: str
    claim_number: str
    patient_name: str
    date_of_service: date | None
    payer_name: str
    rank: str  # 'primary', 'secondary', 'tertiary'
    next_payer_name: str | None  # the next coverage's payer, when the encounter has one
    lines: list[LineEntry]
    payer_claim_reference: str = ""  # the payer's claim number (ICN) on the EOB
    chosen_step: NextStep | None = None  # None: the default (see default_step)
    payer_id: str = ""  # the claim's payer ('' when not known): a check pays only its own payer's claims
    claim_adjustments: str = ""  # claim-level CAS, not tied to a line: 'CO-253 1.28; OA-23 5.00'

    def default_step(self, lines: list[LineAdjudication] | None = None) -> NextStep:
        """Denials when every line is denied; the next payer when there is one; else the patient."""
        read = lines if lines is not None else [line for line, _ in (e.preview() for e in self.lines) if line]
        if read and len(read) == len(self.lines) and all(line.denied for line in read):
            return NextStep.DENIALS
        return NextStep.NEXT_PAYER if self.next_payer_name else NextStep.PATIENT

    def next_step(self) -> NextStep:
        return self.chosen_step or self.default_step()

    def steps(self) -> list[NextStep]:
        """The choices the form offers: no 'next payer' without one."""
        return [s for s in NextStep if s is not NextStep.NEXT_PAYER or self.next_payer_name]

    def read_claim_adjustments(self, at: str) -> tuple[CasAdjustment, ...]:
        return read_adjustments(self.claim_adjustments, f"{at}.claim_adjustments",
                                f"Claim {self.claim_number} claim-level adjustments")

    def read(self, at: str) -> ClaimAdjudication:
        lines = [entry.read(f"{at}.lines[{i}]", f"Claim {self.claim_number} line {i + 1}")
                 for i, entry in enumerate(self.lines)]
        claim_level = self.read_claim_adjustments(at)
        net = sum(line.paid for line in lines) - sum(a.amount for a in claim_level)
        if net < 0:
            raise DomainError(f"Claim {self.claim_number}: the claim-level adjustments "
                              f"({format_cents(sum(a.amount for a in claim_level))}) are more than its lines pay "
                              f"({format_cents(sum(line.paid for line in lines))}).", f"{at}.claim_adjustments")
        step = self.chosen_step or self.default_step(lines)
        if step is NextStep.NEXT_PAYER and not self.next_payer_name:
            raise DomainError(f"Claim {self.claim_number}: the patient has no further insurance to bill.",
                              f"{at}.next_step")
        denied = bool(lines) and all(line.denied for line in lines)
        status = DENIED if denied else RANK_STATUS.get(self.rank, PROCESSED_AS_PRIMARY)
        return ClaimAdjudication(self.claim_id, self.claim_number, tuple(lines), status,
                                 self.payer_claim_reference.strip(), claim_adjustments=claim_level, next_step=step)

    def claim_adjustments_preview(self) -> tuple[tuple[CasAdjustment, ...], str]:
        """The claim-level adjustments as read and their problem ('' when they read)."""
        try:
            return self.read_claim_adjustments(""), ""
        except DomainError as exc:
            return (), exc.message

    @property
    def lines_paid(self) -> int:
        return sum(line.paid for line, _ in (e.preview() for e in self.lines) if line)

    @property
    def claim_adjusted(self) -> int:
        """What the claim-level adjustments take off the lines' payments (negative: they add to it)."""
        return sum(a.amount for a in self.claim_adjustments_preview()[0])

    @property
    def paid(self) -> int:
        """What the check pays for the claim: its lines' payments less its claim-level adjustments (CLP04)."""
        return self.lines_paid - self.claim_adjusted

    def typed_codes(self) -> list[tuple[str, str, str]]:
        return _typed_reasons(self.claim_adjustments)

    def unknown(self, meanings: Meanings) -> list[str]:
        return _unknown(self.typed_codes(), meanings)

    def described(self, meanings: Meanings) -> list[str]:
        return _described(self.typed_codes(), meanings)


# --- one provider-level adjustment (PLB) ---------------------------------------------------------------------
@dataclass
class PlbEntry:
    """A row of the batch's provider-level adjustments: reason code, reference and the amount as the EOB shows it."""

    reason: str = ""
    reference: str = ""
    amount: str = ""

    def is_blank(self) -> bool:
        return not (self.reason.strip() or self.reference.strip() or self.amount.strip())

    def effect(self) -> int | None:
        """What the row does to the check (positive adds to it), or None while it does not read."""
        try:
            typed = read_money(self.amount, "", "Amount")
        except DomainError:
            return None
        if typed is None or plb_reason(self.reason) is None:
            return None
        return check_effect(self.reason, typed)

    def read(self, at: str, where: str) -> ProviderAdjustment:
        code = self.reason.strip().upper()
        if not code:
            raise DomainError(f"{where}: enter the reason code (L6 interest, WO overpayment recovery, FB forwarding "
                              "balance, 72 authorized return ...).", f"{at}.reason")
        if plb_reason(code) is None:
            raise DomainError(f"{where}: {code} is not a provider-level adjustment reason code (L6, WO, FB, 72, CS "
                              "...).", f"{at}.reason")
        typed = read_money(self.amount, f"{at}.amount", f"{where} amount")
        if not typed:
            raise DomainError(f"{where}: enter the amount the EOB shows for {code}.", f"{at}.amount")
        # on an 835 a PLB amount is positive when it takes from the check
        return ProviderAdjustment(code, " ".join(self.reference.split()), -check_effect(code, typed))


def plb_words(code: str) -> str:
    reason = PLB_REASONS.get(code.strip().upper())
    return reason.description if reason is not None else ""


# --- the batch (one check or EFT) -----------------------------------------------------------------------------
@dataclass
class BatchEntry:
    payer_id: str = ""
    payer_name: str = ""
    method: PaymentMethod = PaymentMethod.CHECK
    reference: str = ""
    check_date: str = ""
    deposit_date: str = ""
    amount: str = ""
    on_account_reason: str = ""  # a key of ON_ACCOUNT_REASONS: the remainder goes on account
    claims: list[ClaimEntry] = field(default_factory=list)
    provider_rows: list[PlbEntry] = field(default_factory=list)  # PLB; blank rows are ignored

    def has_claim(self, claim_id: str) -> bool:
        return any(c.claim_id == claim_id for c in self.claims)

    def applied(self) -> int:
        return sum(c.paid for c in self.claims)

    def check_amount(self) -> int | None:
        try:
            return read_money(self.amount, "header.amount", "Check amount")
        except DomainError:
            return None

    def plb_rows(self) -> list[tuple[int, PlbEntry]]:
        """(position, row) of the PLB rows that hold anything."""
        return [(i, row) for i, row in enumerate(self.provider_rows) if not row.is_blank()]

    def plb_effect(self) -> int:
        """What the provider-level adjustments that read add to the check (negative: they take from it)."""
        return sum(row.effect() or 0 for _, row in self.plb_rows())

    def remainder(self) -> int | None:
        """The check amount less what the claims pay and the PLB rows add (before anything is put on account)."""
        amount = self.check_amount()
        return None if amount is None else amount - self.applied() - self.plb_effect()

    def on_account(self) -> int:
        remainder = self.remainder()
        return remainder if self.on_account_reason and remainder else 0

    def left_to_apply(self) -> int | None:
        remainder = self.remainder()
        return None if remainder is None else remainder - self.on_account()

    def read(self) -> RemittanceBatch:
        """The batch as the services post it; DomainError names the first field that does not read."""
        if not self.payer_id:
            raise DomainError("Choose the payer that sent the check.", "header.payer")
        reference = self.reference.strip()
        if not reference:
            raise DomainError("Enter the check or EFT trace number.", "header.reference")
        check_date = read_date(self.check_date, "header.check_date", "check date")
        if check_date is None:
            raise DomainError("Enter the check date (MM/DD/YYYY).", "header.check_date")
        deposit_date = read_date(self.deposit_date, "header.deposit_date", "deposit date")
        amount = read_money(self.amount, "header.amount", "Check amount")
        if amount is None:
            raise DomainError("Enter the check amount.", "header.amount")
        if self.on_account_reason and self.on_account_reason not in ON_ACCOUNT_REASONS:
            raise DomainError("Choose why the remainder is put on account.", "header.on_account")
        for i, c in enumerate(self.claims):
            if c.payer_id and c.payer_id != self.payer_id:
                chosen = self.payer_name or "the payer chosen"
                raise DomainError(f"Claim {c.claim_number} is billed to {c.payer_name}, not {chosen}: take it off "
                                  "this batch (Ctrl+D) or choose that payer.", f"claims[{i}].lines[0].allowed")
        claims = tuple(c.read(f"claims[{i}]") for i, c in enumerate(self.claims))
        plb = tuple(row.read(f"plb[{i}]", f"Provider-level adjustment {i + 1}") for i, row in self.plb_rows())
        applied = sum(entry.paid for entry in self.claims)
        on_account = amount - applied + sum(p.amount for p in plb) if self.on_account_reason else 0
        return RemittanceBatch(BatchKind.PAPER, self.payer_id, self.method, reference, check_date, amount, claims,
                               provider_adjustments=plb, deposit_date=deposit_date, on_account=on_account,
                               on_account_reason=self.on_account_reason if on_account else "")

    def code_warnings(self, meanings: Meanings) -> list[Problem]:
        """The CARC and RARC typed that the workstation does not know, naming the claim and line."""
        out: list[Problem] = []
        for i, c in enumerate(self.claims):
            for r, line in enumerate(c.lines):
                for name in ("other", "remarks"):
                    out += [Problem(f"Claim {c.claim_number} line {r + 1}: {_code_words(label, name == 'remarks')}",
                                    f"claims[{i}].lines[{r}].{name}") for label in line.unknown(meanings, name)]
            for label in c.unknown(meanings):
                out.append(Problem(f"Claim {c.claim_number} claim-level adjustments: {_code_words(label, False)}",
                                   f"claims[{i}].claim_adjustments"))
        return out

    def typed_codes(self) -> set[tuple[str, str]]:
        """Every (CARC or RARC, code) typed on the batch (to look up)."""
        out: set[tuple[str, str]] = set()
        for c in self.claims:
            out.update((kind, code) for kind, code, _ in c.typed_codes())
            for line in c.lines:
                out.update((kind, code) for kind, code, _ in line.typed_codes())
        return out

    def review(self, meanings: Meanings | None = None) -> Review:
        """Whether the batch may post, and every reason it may not yet, in plain words; codes not known (as far
        as `meanings` says) are warnings."""
        problems: list[Problem] = []
        batch: RemittanceBatch | None = None
        try:
            batch = self.read()
        except DomainError as exc:
            problems.append(Problem(exc.message, exc.field or ""))
        if batch is not None:
            problems += [Problem(p, _field_of(p, self)) for p in check_batch(batch)]
        elif self.left_to_apply():
            left = self.left_to_apply() or 0
            side = "left to apply" if left > 0 else "applied beyond the check amount"
            problems.append(Problem(f"{format_cents(abs(left))} {side}.", "header.amount"))
        return Review(batch if not problems else None, problems, self.left_to_apply(), self.applied(),
                      self.on_account(), self.plb_effect(), self.code_warnings(meanings or {}))


def _code_words(label: str, remark: bool) -> str:
    if remark:
        return f"{label} is not a remark code (RARC) this workstation knows: check the EOB."
    return (f"{label}: {label.split('-', 1)[-1]} is not an adjustment reason code (CARC) this workstation knows: "
            "check the EOB.")


@dataclass(frozen=True, slots=True)
class Review:
    batch: RemittanceBatch | None  # None while anything stops it posting
    problems: list[Problem]
    left_to_apply: int | None  # None while the check amount does not read
    applied: int
    on_account: int
    plb: int = 0  # what the provider-level adjustments add to the check (negative: take from it)
    warnings: list[Problem] = field(default_factory=list)  # codes not known: shown, they do not stop posting

    @property
    def ready(self) -> bool:
        return self.batch is not None and not self.problems


def _field_of(problem: str, entry: BatchEntry) -> str:
    """Where a check_batch problem points ('Claim C-1 line 2: ...' -> that line's paid field)."""
    m = re.match(r"^Claim (\S+) line (\d+):", problem)
    if m:
        for i, claim in enumerate(entry.claims):
            if claim.claim_number == m[1]:
                return f"claims[{i}].lines[{int(m[2]) - 1}].other"
    m = re.match(r"^Claim (\S+):", problem)
    if m and "claim-level" in problem:
        for i, claim in enumerate(entry.claims):
            if claim.claim_number == m[1]:
                return f"claims[{i}].claim_adjustments"
    if problem.startswith("Enter the check"):
        return "header.reference"
    if "left to apply" in problem or "beyond the check" in problem:
        return "header.amount"
    return ""


def step_words(step: NextStep, next_payer: str | None) -> str:
    if step is NextStep.NEXT_PAYER and next_payer:
        return f"Bill the next payer ({next_payer})"
    return NEXT_STEP_WORDS[step]
