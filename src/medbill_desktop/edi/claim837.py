"""The 837P (005010X222A1) writer: a batch of claims as one interchange, in as many transaction sets as
it takes (at most 5000 claims each).

Layout: ISA/GS, then per set ST, BHT, 1000A submitter + PER, 1000B receiver; per billing provider one 2000A
(PRV taxonomy, 2010AA NM1*85/N3/N4/REF*EI|SY); per claim one 2000B (SBR, 2010BA subscriber with REF*Y4 for
item 11b, 2010BB payer), a 2000C patient level when the patient is not the subscriber, then 2300 (CLM with
the accident codes of items 10a-c, DTPs with the disability and hospitalization dates of items 16 and 18,
PWK attachments, REF*G1/F8, NTE item 19, HI),
2310A/B/C/D, 2320/2330A/2330B for every other payer (CAS, AMT*D, OI), and 2400 lines (LX, SV1, DTP*472,
REF*6R, 2410 LIN/CTP for NDC, 2420E ordering provider, 2430 SVD/CAS/DTP*573 per other payer).

Text is written in capitals without punctuation, as on the paper form (claim_form.capitals), so the two
outputs agree; CLM07/08/09 come from `scrubber.assignment_indicators`, the same facts as items 12/13/27.
Amounts are dollars with trailing zeros suppressed (145.5, 80). Missing facts a payer can't do without
raise `DomainError` naming the claim; the scrubber is expected to have run first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from medbill_desktop.domain.claim_form import capitals, compact_id, digits, id_text
from medbill_desktop.domain.codes import MAX_DIAGNOSES
from medbill_desktop.domain.coverage import Relationship, insured
from medbill_desktop.domain.encounters import line_dates
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.ledger import Party
from medbill_desktop.domain.practice import Address
from medbill_desktop.domain.reference import PlanType, Provider, ReferringQualifier, TaxIdType
from medbill_desktop.domain.scrubber import ClaimData, ClaimFrequency, assignment_indicators
from medbill_desktop.edi.model import Adjustment, ClaimExport, Clearinghouse, OtherPayer, filing_indicator
from medbill_desktop.edi.x12 import (
    MAX_CONTROL_NUMBER,
    ControlNumbers,
    Element,
    InterchangeParties,
    SegmentWriter,
    Separators,
    envelope,
)

VERSION = "005010X222A1"
MAX_CLAIMS_PER_SET = 5000  # the implementation guide's recommended limit of CLM per ST/SE; more go in more sets
MAX_LINES = 50  # loop 2400 repeats at most 50 times
MAX_CAS_PER_SEGMENT = 6
RESPONSIBILITY = {Party.PRIMARY: "P", Party.SECONDARY: "S", Party.TERTIARY: "T"}
PAYER_ID_QUALIFIER = "PI"


def amount(cents: int) -> str:
    """X12 decimal amount, trailing zeros suppressed: 14550 -> '145.5', 8000 -> '80', 5 -> '0.05'."""
    sign = "-" if cents < 0 else ""
    dollars, rest = divmod(abs(cents), 100)
    if rest == 0:
        return f"{sign}{dollars}"
    if rest % 10 == 0:
        return f"{sign}{dollars}.{rest // 10}"
    return f"{sign}{dollars}.{rest:02d}"


def quantity(value: Decimal | int) -> str:
    d = Decimal(value).normalize()
    text = f"{d:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def d8(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _claim_label(export: ClaimExport) -> str:
    return f"Claim {export.claim_number}"


def _require(value: object, export: ClaimExport, what: str, field: str) -> None:
    if not value:
        raise DomainError(f"{_claim_label(export)}: {what} is missing; an electronic claim can't go without it.",
                          field)


class _Writer:
    """Writes the body of one 837P transaction set (between ST and SE)."""

    def __init__(self, out: SegmentWriter) -> None:
        self.out = out
        self.hl = 0

    # --- parts -------------------------------------------------------------------------------------------------

    def address(self, address: Address) -> None:
        line1, line2 = capitals(address.line1), capitals(address.line2)
        self.out.seg("N3", line1, line2)
        self.out.seg("N4", capitals(address.city), capitals(address.state), digits(address.zip_code))

    def provider_name(self, qualifier: str, provider: Provider) -> None:
        npi = provider.npi
        if provider.organization_name:
            self.out.seg("NM1", qualifier, "2", capitals(provider.organization_name), "", "", "", "", "XX", npi)
        else:
            self.out.seg("NM1", qualifier, "1", capitals(provider.last_name), capitals(provider.first_name),
                         capitals(provider.middle_initial)[:1], "", "", "XX", npi)

    def cas(self, adjustments: Sequence[Adjustment]) -> None:
        """CAS segments: one per group, at most 6 reason/amount/quantity triples each."""
        by_group: dict[str, list[Adjustment]] = {}
        for adj in adjustments:
            by_group.setdefault(adj.group, []).append(adj)
        for group, items in by_group.items():
            for start in range(0, len(items), MAX_CAS_PER_SEGMENT):
                elements: list[str] = [group]
                for adj in items[start:start + MAX_CAS_PER_SEGMENT]:
                    elements += [adj.reason, amount(adj.amount_cents),
                                 quantity(adj.quantity) if adj.quantity is not None else ""]
                self.out.seg("CAS", *elements)

    # --- loops -------------------------------------------------------------------------------------------------

    def billing_provider(self, provider: Provider) -> int:
        self.hl += 1
        number = self.hl
        self.out.seg("HL", str(number), "", "20", "1")
        if provider.taxonomy:
            self.out.seg("PRV", "BI", "PXC", provider.taxonomy)
        self.provider_name("85", provider)
        if provider.address is None:
            raise DomainError(f"The billing provider {provider.npi} has no address (item 33).", "billing_provider")
        self.address(provider.address)
        tax_id = digits(provider.tax_id)
        self.out.seg("REF", "SY" if provider.tax_id_type is TaxIdType.SSN else "EI", tax_id)
        return number

    def claim(self, export: ClaimExport, parent: int) -> None:
        claim = export.claim
        coverage, payer, patient, encounter = claim.coverage, claim.payer, claim.patient, claim.encounter
        if coverage is None or payer is None:
            raise DomainError(f"{_claim_label(export)} is self-pay; only insurance claims go out as 837P.",
                              "coverage")
        _require(payer.edi_id, export, f"the payer ID of {payer.name}", "payer.edi_id")
        _require(encounter.date_of_service, export, "the date of service", "date_of_service")
        _require(encounter.lines, export, "a service line", "lines")
        _require(encounter.diagnoses, export, "a diagnosis", "diagnoses")
        if len(encounter.lines) > MAX_LINES:
            raise DomainError(f"{_claim_label(export)} has {len(encounter.lines)} lines; an 837P claim holds at "
                              f"most {MAX_LINES}. Split it into two claims.", "lines")
        if len(encounter.diagnoses) > MAX_DIAGNOSES:
            raise DomainError(f"{_claim_label(export)} has {len(encounter.diagnoses)} diagnoses; an 837P claim "
                              f"holds at most {MAX_DIAGNOSES}. Split it into two claims.", "diagnoses")
        out = self.out
        person = insured(coverage, patient)
        is_self = coverage.relationship is Relationship.SELF

        # 2000B subscriber
        self.hl += 1
        subscriber_hl = self.hl
        out.seg("HL", str(subscriber_hl), str(parent), "22", "0" if is_self else "1")
        medicare_not_primary = payer.plan_type is PlanType.MEDICARE and coverage.rank is not Party.PRIMARY
        out.seg("SBR", RESPONSIBILITY[coverage.rank], "18" if is_self else "", id_text(coverage.group_number),
                "" if coverage.group_number else capitals(coverage.plan_name)[:60],
                export.medicare_secondary_type if medicare_not_primary else "", "", "", "",
                filing_indicator(payer.plan_type, export.filing_indicator))
        # 2010BA
        out.seg("NM1", "IL", "1", capitals(person.last_name), capitals(person.first_name),
                capitals(person.middle_name)[:1], "", capitals(patient.suffix) if is_self else "", "MI",
                id_text(coverage.member_id))
        if person.address is not None:
            self.address(person.address)
        elif is_self:
            raise DomainError(f"{_claim_label(export)}: the patient's address is missing.", "patient.address")
        if person.date_of_birth is not None:
            out.seg("DMG", "D8", d8(person.date_of_birth), person.sex.value)
        elif is_self:
            raise DomainError(f"{_claim_label(export)}: the patient's date of birth is missing.",
                              "patient.date_of_birth")
        other_claim_id = id_text(export.extras.other_claim_id)
        if other_claim_id and is_self:
            out.seg("REF", "Y4", other_claim_id)  # item 11b: the property and casualty claim number
        # 2010BB
        out.seg("NM1", "PR", "2", capitals(payer.name)[:60], "", "", "", "", PAYER_ID_QUALIFIER, payer.edi_id)
        # 2000C patient
        if not is_self:
            self.hl += 1
            out.seg("HL", str(self.hl), str(subscriber_hl), "23", "0")
            out.seg("PAT", coverage.relationship.x12_code)
            out.seg("NM1", "QC", "1", capitals(patient.last_name), capitals(patient.first_name),
                    capitals(patient.middle_name)[:1], "", capitals(patient.suffix))
            if patient.address is None or patient.date_of_birth is None:
                raise DomainError(f"{_claim_label(export)}: the patient's address and date of birth are needed.",
                                  "patient")
            self.address(patient.address)
            out.seg("DMG", "D8", d8(patient.date_of_birth), patient.sex.value)
            if other_claim_id:
                out.seg("REF", "Y4", other_claim_id)
        self.claim_information(export)

    def claim_information(self, export: ClaimExport) -> None:
        out = self.out
        claim = export.claim
        encounter = claim.encounter
        extras = export.extras
        marks = assignment_indicators(claim)
        total = sum(line.charge_cents for line in encounter.lines)
        causes = [code for code, flag in (("EM", extras.employment_related), ("AA", extras.auto_accident),
                                          ("OA", extras.other_accident)) if flag]
        state = capitals(extras.auto_accident_state) if extras.auto_accident else ""
        related: Element = (*causes, *([""] * (3 - len(causes))), state) if causes else ""
        out.seg("CLM", compact_id(export.claim_number)[:20], amount(total), "", "",
                (encounter.place_of_service, "B", claim.frequency.value),
                "Y" if export.provider_signature_on_file else "N", marks.clm07, marks.clm08, marks.clm09, "",
                related)
        dates: dict[str, date] = {}
        for claim_date in (encounter.current_illness, encounter.other_date):
            if claim_date is not None:
                dates[claim_date.qualifier] = claim_date.on
        for qualifier in ("431", "454", "304", "453", "439", "484", "455", "471"):
            if qualifier in dates:
                out.seg("DTP", qualifier, "D8", d8(dates[qualifier]))
        unable = extras.unable_to_work
        if unable is not None:  # item 16: disability dates, a range when both are known
            if unable.end is not None:
                out.seg("DTP", "314", "RD8", f"{d8(unable.start)}-{d8(unable.end)}")
            else:
                out.seg("DTP", "360", "D8", d8(unable.start))
        if extras.hospitalization is not None:
            out.seg("DTP", "435", "D8", d8(extras.hospitalization.start))
            if extras.hospitalization.end is not None:
                out.seg("DTP", "096", "D8", d8(extras.hospitalization.end))
        for qualifier in ("090", "091", "444"):
            if qualifier in dates:
                out.seg("DTP", qualifier, "D8", d8(dates[qualifier]))
        for attachment in extras.attachments:  # PWK: paperwork that goes with the claim
            if attachment.transmission == "AA":
                out.seg("PWK", attachment.report_type, attachment.transmission)
            else:
                out.seg("PWK", attachment.report_type, attachment.transmission, "", "", "AC",
                        compact_id(attachment.control_number)[:50])
        if encounter.prior_authorization:
            out.seg("REF", "G1", id_text(encounter.prior_authorization))
        if claim.frequency is not ClaimFrequency.ORIGINAL:
            _require(claim.original_reference, export, "the payer's claim number of the claim replaced or voided",
                     "original_reference")
            out.seg("REF", "F8", id_text(claim.original_reference))
        if extras.additional_info:
            out.seg("NTE", "ADD", capitals(extras.additional_info)[:80])
        out.seg("HI", *((("ABK" if i == 0 else "ABF"), code.replace(".", "").upper())
                        for i, code in enumerate(encounter.diagnoses)))
        # 2310A referring / 2310D supervising (ordering goes on the lines, 2420E)
        referring = claim.referring_provider
        if referring is not None and referring.qualifier is ReferringQualifier.REFERRING:
            out.seg("NM1", "DN", "1", capitals(referring.last_name), capitals(referring.first_name),
                    capitals(referring.middle_initial)[:1], "", "", "XX", referring.npi)
        # 2310B rendering, when not the billing provider
        rendering, billing = claim.rendering_provider, claim.billing_provider
        if rendering is not None and (billing is None or rendering.npi != billing.npi):
            self.provider_name("82", rendering)
            if rendering.taxonomy:
                out.seg("PRV", "PE", "PXC", rendering.taxonomy)
        # 2310C service facility, when not at the billing provider's address
        facility = claim.facility
        if facility is not None and (billing is None or billing.address is None
                                     or _address_key(facility.address) != _address_key(billing.address)):
            out.seg("NM1", "77", "2", capitals(facility.name)[:60], "", "", "", "",
                    "XX" if facility.npi else "", facility.npi)
            self.address(facility.address)
        if referring is not None and referring.qualifier is ReferringQualifier.SUPERVISING:
            out.seg("NM1", "DQ", "1", capitals(referring.last_name), capitals(referring.first_name),
                    capitals(referring.middle_initial)[:1], "", "", "XX", referring.npi)
        # 2320 / 2330
        for other in export.other_payers:
            self.other_subscriber(export, other)
        self.lines(export)

    def other_subscriber(self, export: ClaimExport, other: OtherPayer) -> None:
        out = self.out
        claim = export.claim
        coverage, payer = other.coverage, other.payer
        if not payer.edi_id:
            raise DomainError(f"{_claim_label(export)}: the other payer {payer.name} has no payer ID; enter it "
                              "with the payer's details (the claim names that payer by its ID in loop 2330B).",
                              "other_payers.payer.edi_id")
        _check_balance(export, other)
        person = insured(coverage, claim.patient)
        out.seg("SBR", RESPONSIBILITY[coverage.rank], coverage.relationship.x12_code, id_text(coverage.group_number),
                "" if coverage.group_number else capitals(coverage.plan_name)[:60], "", "", "", "",
                filing_indicator(payer.plan_type, other.filing_indicator))
        self.cas(other.adjustments)
        if other.paid_cents is not None:
            out.seg("AMT", "D", amount(other.paid_cents))
        if other.remaining_patient_liability_cents is not None:
            out.seg("AMT", "EAF", amount(other.remaining_patient_liability_cents))
        marks = assignment_indicators(claim)
        out.seg("OI", "", "", "Y" if coverage.benefits_assigned else "N", "", "", marks.clm09)
        # 2330A
        out.seg("NM1", "IL", "1", capitals(person.last_name), capitals(person.first_name),
                capitals(person.middle_name)[:1], "", "", "MI", id_text(coverage.member_id))
        if person.address is not None:
            self.address(person.address)
        # 2330B
        out.seg("NM1", "PR", "2", capitals(payer.name)[:60], "", "", "", "", PAYER_ID_QUALIFIER, payer.edi_id)
        if other.adjudicated_on is not None and not other.lines:
            out.seg("DTP", "573", "D8", d8(other.adjudicated_on))
        if other.payer_claim_number:
            out.seg("REF", "F8", id_text(other.payer_claim_number))

    def lines(self, export: ClaimExport) -> None:
        out = self.out
        claim = export.claim
        encounter = claim.encounter
        adjudications = {
            other.payer.edi_id: {adj.line_id: adj for adj in other.lines} for other in export.other_payers
        }
        ordering = claim.referring_provider if (claim.referring_provider is not None and
                                                claim.referring_provider.qualifier is ReferringQualifier.ORDERING) \
            else None
        for number, line in enumerate(encounter.lines, start=1):
            out.seg("LX", str(number))
            procedure = ("HC", line.procedure, *line.modifiers)
            pointers = tuple(str(p) for p in line.pointers[:4])
            out.seg("SV1", procedure, amount(line.charge_cents), "UN", str(line.units), "", "", pointers)
            start, end = line_dates(encounter, line)
            start = start or encounter.date_of_service
            assert start is not None
            if end is not None and end != start:
                out.seg("DTP", "472", "RD8", f"{d8(start)}-{d8(end)}")
            else:
                out.seg("DTP", "472", "D8", d8(start))
            out.seg("REF", "6R", line.id[:50])
            if line.ndc:
                if line.ndc_quantity is None or not line.ndc_unit:
                    raise DomainError(f"{_claim_label(export)}, line {number}: the NDC needs its quantity and "
                                      "unit.", f"lines[{number - 1}].ndc_quantity")
                out.seg("LIN", "", "N4", line.ndc)
                out.seg("CTP", "", "", "", quantity(line.ndc_quantity), (line.ndc_unit,))
            if ordering is not None:
                out.seg("NM1", "DK", "1", capitals(ordering.last_name), capitals(ordering.first_name),
                        capitals(ordering.middle_initial)[:1], "", "", "XX", ordering.npi)
            for other in export.other_payers:
                adj = adjudications[other.payer.edi_id].get(line.id)
                if adj is None:
                    continue
                code = adj.procedure or line.procedure
                mods = adj.modifiers if adj.modifiers is not None else line.modifiers
                units = adj.paid_units if adj.paid_units is not None else Decimal(line.units)
                out.seg("SVD", other.payer.edi_id, amount(adj.paid_cents), ("HC", code, *mods), "", quantity(units))
                self.cas(adj.adjustments)
                out.seg("DTP", "573", "D8", d8(adj.adjudicated_on))


def _check_balance(export: ClaimExport, other: OtherPayer) -> None:
    """Receivers reject COB that does not balance: per adjudicated line, charge = paid + its adjustments;
    per claim, total charge = paid + claim-level adjustments + every line's adjustments."""
    lines = {line.id: line for line in export.claim.encounter.lines}
    name = other.payer.name
    for adj in other.lines:
        line = lines.get(adj.line_id)
        if line is None:
            raise DomainError(f"{_claim_label(export)}: {name}'s adjudication names a service line the claim "
                              "does not have.", "other_payers.lines")
        adjusted = sum(a.amount_cents for a in adj.adjustments)
        if adj.paid_cents + adjusted != line.charge_cents:
            raise DomainError(
                f"{_claim_label(export)}: {name} paid {amount(adj.paid_cents)} and adjusted {amount(adjusted)} on "
                f"{line.procedure}, which does not add up to its charge of {amount(line.charge_cents)}. Check "
                "the adjudication entered from the remittance.", "other_payers.lines")
    if other.paid_cents is None:
        return
    total = sum(line.charge_cents for line in export.claim.encounter.lines)
    adjusted = sum(a.amount_cents for a in other.adjustments) + sum(
        a.amount_cents for adj in other.lines for a in adj.adjustments)
    if other.paid_cents + adjusted != total:
        raise DomainError(
            f"{_claim_label(export)}: {name} paid {amount(other.paid_cents)} with {amount(adjusted)} of "
            f"adjustments, which does not add up to the claim's charge of {amount(total)}.", "other_payers")
    claim_level = sum(a.amount_cents for a in other.adjustments)  # they come out of the lines' payments (835)
    if other.lines and sum(adj.paid_cents for adj in other.lines) - claim_level != other.paid_cents:
        raise DomainError(f"{_claim_label(export)}: {name}'s paid amount {amount(other.paid_cents)} is not the sum "
                          "of what it paid on the lines less its claim-level adjustments.", "other_payers.paid_cents")


def _address_key(address: Address) -> tuple[str, str, str, str]:
    return (capitals(address.line1), capitals(address.city), capitals(address.state), digits(address.zip_code)[:5])


def _billing_key(claim: ClaimData) -> tuple[str, str, str]:
    billing = claim.billing_provider
    if billing is None:
        return ("", "", "")
    return (billing.npi, digits(billing.tax_id), billing.id)


@dataclass(frozen=True, slots=True)
class Written837:
    """An 837P interchange and what went where: `sets` gives each transaction set's ST02 with the claim
    numbers (CLM01) it holds, in file order; `next_control` is what to store for the next file."""

    text: str
    sets: tuple[tuple[str, tuple[str, ...]], ...]
    next_control: ControlNumbers

    def transaction_of(self, claim_number: str) -> str:
        return next(st02 for st02, numbers in self.sets if claim_number in numbers)


def _bump(n: int, by: int = 1) -> int:
    return (n - 1 + by) % MAX_CONTROL_NUMBER + 1


def controls_after(control: ControlNumbers, sets: int) -> ControlNumbers:
    """The numbers after an interchange of `sets` transaction sets: ISA13 and GS06 move on by one, ST02 by
    the number of sets; each wraps from 999999999 back to 1."""
    return ControlNumbers(_bump(control.interchange), _bump(control.group), _bump(control.transaction, sets))


def write_837p(batch: Sequence[ClaimExport], *, control: ControlNumbers, clearinghouse: Clearinghouse,
               usage: str, now: datetime) -> str:
    """The batch as one 837P interchange (see `write_837p_sets`)."""
    return write_837p_sets(batch, control=control, clearinghouse=clearinghouse, usage=usage, now=now).text


def write_837p_sets(batch: Sequence[ClaimExport], *, control: ControlNumbers, clearinghouse: Clearinghouse,
                    usage: str, now: datetime, claims_per_set: int = MAX_CLAIMS_PER_SET) -> Written837:
    """The batch as one 837P interchange: one ISA, one GS, and one ST/SE transaction set per
    `claims_per_set` claims (the guide's recommended limit is 5000 CLM per set), each a complete 837P with
    its own BHT, submitter and receiver. Within a set, claims are grouped under their billing provider (2000A)
    in the order the provider first appears; each claim gets its own 2000B. `control` gives ISA13, GS06 and
    the first ST02 (the sets number on from it). Usage T (test) or P (production)."""
    if not batch:
        raise DomainError("There are no claims to export.", "claims")
    if not 1 <= claims_per_set <= MAX_CLAIMS_PER_SET:
        raise DomainError(f"A transaction set holds 1 to {MAX_CLAIMS_PER_SET} claims.", "claims_per_set")
    ch = clearinghouse
    for name in ("receiver_name", "receiver_id", "submitter_name", "submitter_id", "contact_name"):
        if not str(getattr(ch, name)).strip():
            raise DomainError(f"The clearinghouse setting {name.replace('_', ' ')} is missing.", name)
    if not (ch.contact_phone or ch.contact_email):
        raise DomainError("The clearinghouse settings need the submitter contact's phone or email.",
                          "contact_phone")
    for export in batch:
        if export.claim.billing_provider is None:
            raise DomainError(f"{_claim_label(export)} has no billing provider (item 33).", "billing_provider")
    separators = Separators(repetition=ch.repetition_separator)
    parties = InterchangeParties(
        sender_id=ch.isa_sender_id or ch.submitter_id, receiver_id=ch.isa_receiver_id or ch.receiver_id,
        sender_qualifier=ch.isa_sender_qualifier, receiver_qualifier=ch.isa_receiver_qualifier,
        gs_sender=ch.gs_sender, gs_receiver=ch.gs_receiver)
    bodies: list[tuple[str, list[str]]] = []
    sets: list[tuple[str, tuple[str, ...]]] = []
    for i, first in enumerate(range(0, len(batch), claims_per_set)):
        chunk = batch[first:first + claims_per_set]
        number = _bump(control.transaction, i)
        bodies.append(("837", _transaction_body(chunk, ch, separators, f"{control.interchange}-{number}", now)))
        sets.append((f"{number:04d}", tuple(e.claim_number for e in chunk)))
    text = envelope(bodies, parties=parties, control=control, functional_id="HC", version=VERSION, now=now,
                    usage=usage, separators=separators)
    return Written837(text, tuple(sets), controls_after(control, len(bodies)))


def _transaction_body(batch: Sequence[ClaimExport], ch: Clearinghouse, separators: Separators, reference: str,
                      now: datetime) -> list[str]:
    """The segments between ST and SE of one transaction set."""
    out = SegmentWriter(separators)
    out.seg("BHT", "0019", "00", reference, d8(now.date()), now.strftime("%H%M%S"), "CH")
    out.seg("NM1", "41", "2", capitals(ch.submitter_name)[:60], "", "", "", "", "46", ch.submitter_id)
    contact: list[str] = ["IC", capitals(ch.contact_name)[:60]]
    if ch.contact_phone:
        contact += ["TE", digits(ch.contact_phone)]
    if ch.contact_email:
        contact += ["EM", ch.contact_email]
    out.seg("PER", *contact)
    out.seg("NM1", "40", "2", capitals(ch.receiver_name)[:60], "", "", "", "", "46", ch.receiver_id)

    groups: dict[tuple[str, str, str], list[ClaimExport]] = {}
    for export in batch:
        groups.setdefault(_billing_key(export.claim), []).append(export)
    writer = _Writer(out)
    for exports in groups.values():
        billing = exports[0].claim.billing_provider
        assert billing is not None
        parent = writer.billing_provider(billing)
        for export in exports:
            writer.claim(export, parent)
    return out.segments
