"""837P export benchmark: 1,000 claims as one 005010X222A1 interchange; prints JSON. Target: at most 1 s.

Timed: `edi.claim837.write_837p` from ClaimExport objects (the domain's ClaimData with its reference
records) to the finished text, envelope and counts included. The claims are built before the clock starts.
Made-up claims (seeded): 1-6 service lines (5% with 7-12), 1-8 diagnoses, 25% with the subscriber not the
patient (2000C), 20% secondary claims with the primary's line adjudication (2320/2330/2430 with CAS), NDC
lines for drug codes, a few replacements; 3 billing providers. With --validate, pyx12 checks the file once
(not timed).

    .venv/bin/python benchmarks/export837.py [--claims 1000] [--repeat 5] [--seed 7] [--validate]
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import random
import statistics
import time
from datetime import date, datetime, timedelta
from decimal import Decimal

from medbill_desktop.domain.coverage import Coverage, Relationship, Subscriber
from medbill_desktop.domain.encounters import ClaimDate, Encounter, EncounterStatus, ServiceLine
from medbill_desktop.domain.ledger import Party
from medbill_desktop.domain.npi import npi_check_digit
from medbill_desktop.domain.patients import Patient, Sex
from medbill_desktop.domain.practice import Address
from medbill_desktop.domain.reference import Payer, PlanType, Provider, Submission
from medbill_desktop.domain.scrubber import ClaimData, ClaimFrequency
from medbill_desktop.edi.claim837 import write_837p
from medbill_desktop.edi.model import Adjustment, ClaimExport, Clearinghouse, LineAdjudication, OtherPayer
from medbill_desktop.edi.x12 import ControlNumbers

CLEARINGHOUSE = Clearinghouse(receiver_name="Acme Clearinghouse", receiver_id="ACMECH",
                              submitter_name="Maple Family Practice", submitter_id="MAPLE01",
                              contact_name="Dana Billing", contact_phone="5552013000")
CODES = ["99213", "99214", "99215", "36415", "80053", "85025", "81002", "93000", "71046", "G0439", "96372"]
DRUGS = [("J1885", "00409379601", "ML"), ("J3301", "00003029305", "ML"), ("J1100", "63323016501", "ML")]
DIAGNOSES = ["E119", "I10", "E785", "M545", "J069", "R5383", "Z0000", "K219", "F419", "G4700", "N390", "L409"]
LAST = ["SMITH", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "GARCIA", "MILLER", "DAVIS", "LOPEZ", "WILSON"]
FIRST = ["JAMES", "MARY", "ROBERT", "PATRICIA", "JOHN", "JENNIFER", "MICHAEL", "LINDA", "DAVID", "ELIZABETH"]


def npi(n: int) -> str:
    base = f"1{n:08d}"
    return base + str(npi_check_digit(base))


def make_claims(count: int, seed: int) -> list[ClaimExport]:
    rng = random.Random(seed)
    address = Address("100 MAIN ST", "SPRINGFIELD", "IL", "627011234")
    billers = [Provider(npi=npi(100 + i), taxonomy="207Q00000X", organization_name=f"MAPLE PRACTICE {i}",
                        tax_id=f"12345678{i}", address=address, bills=True) for i in range(3)]
    renderers = [Provider(npi=npi(200 + i), taxonomy="207Q00000X", last_name=LAST[i], first_name=FIRST[i])
                 for i in range(5)]
    payers = [Payer("AETNA", PlanType.GROUP_HEALTH_PLAN, Submission.ELECTRONIC, "60054"),
              Payer("BCBS ILLINOIS", PlanType.GROUP_HEALTH_PLAN, Submission.ELECTRONIC, "00621"),
              Payer("ILLINOIS MEDICAID", PlanType.MEDICAID, Submission.ELECTRONIC, "IL621")]
    medicare = Payer("MEDICARE PART B", PlanType.MEDICARE, Submission.ELECTRONIC, "00952")
    start = date(2026, 9, 1)
    out: list[ClaimExport] = []
    for n in range(count):
        dos = start + timedelta(days=rng.randrange(60))
        patient = Patient(rng.choice(LAST), rng.choice(FIRST), date(1940 + rng.randrange(70), 1 + rng.randrange(12),
                                                                    1 + rng.randrange(28)),
                          rng.choice([Sex.MALE, Sex.FEMALE]), address=Address(f"{n} OAK AVE", "SPRINGFIELD", "IL",
                                                                              "62704"),
                          release_signed_on=date(2026, 1, 5), id=f"pat-{n}")
        n_lines = rng.randint(7, 12) if rng.random() < 0.05 else rng.randint(1, 6)
        n_dx = rng.randint(1, 8)
        lines = []
        for i in range(n_lines):
            if rng.random() < 0.1:
                code, ndc, unit = rng.choice(DRUGS)
                lines.append(ServiceLine(code, 1000 + rng.randrange(20000), pointers=(1,), ndc=ndc, ndc_unit=unit,
                                         ndc_quantity=Decimal(rng.choice(["1", "2", "0.5"])), id=f"l{n}-{i}"))
            else:
                lines.append(ServiceLine(rng.choice(CODES), 1000 + rng.randrange(30000),
                                         modifiers=("25",) if rng.random() < 0.1 else (),
                                         pointers=tuple(range(1, min(n_dx, 4) + 1)), id=f"l{n}-{i}"))
        encounter = Encounter(patient.id, dos, place_of_service="11", diagnoses=tuple(rng.sample(DIAGNOSES, n_dx)),
                              lines=tuple(lines), status=EncounterStatus.FINALIZED,
                              current_illness=ClaimDate("431", dos - timedelta(days=5)))
        spouse = rng.random() < 0.25
        secondary = rng.random() < 0.2
        payer = rng.choice(payers)
        coverage = Coverage(patient.id, payer.id, Party.SECONDARY if secondary else Party.PRIMARY,
                            f"W{rng.randrange(10**9):09d}", group_number="GRP1",
                            relationship=Relationship.SPOUSE if spouse else Relationship.SELF,
                            subscriber=Subscriber("DOE", "PAT", date(1950, 2, 3), Sex.FEMALE,
                                                  address=patient.address) if spouse else None)
        others: tuple[OtherPayer, ...] = ()
        if secondary:
            adjudications = []
            for line in lines:
                allowed = line.charge_cents * 7 // 10
                paid = allowed * 8 // 10
                adjudications.append(LineAdjudication(line.id, paid, dos + timedelta(days=14), (
                    Adjustment("CO", "45", line.charge_cents - allowed), Adjustment("PR", "2", allowed - paid))))
            others = (OtherPayer(Coverage(patient.id, medicare.id, Party.PRIMARY, "1EG4TE5MK72"), medicare,
                                 paid_cents=sum(a.paid_cents for a in adjudications), lines=tuple(adjudications)),)
        replacement = rng.random() < 0.03
        claim = ClaimData(encounter, patient, coverage, payer, billers[n % 3], rng.choice(renderers),
                          frequency=ClaimFrequency.REPLACEMENT if replacement else ClaimFrequency.ORIGINAL,
                          original_reference="PAYER123456" if replacement else "")
        out.append(ClaimExport(claim, f"C{n:08d}", others))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--validate", action="store_true", help="check the file with pyx12 once (not timed)")
    args = ap.parse_args()
    claims = make_claims(args.claims, args.seed)
    now = datetime(2026, 11, 2, 14, 30)
    control = ControlNumbers(1, 1, 1)
    times = []
    text = ""
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        text = write_837p(claims, control=control, clearinghouse=CLEARINGHOUSE, usage="T", now=now)
        times.append(time.perf_counter() - t0)
    result: dict[str, object] = {
        "benchmark": "export837", "claims": args.claims, "repeat": args.repeat,
        "service_lines": sum(len(c.claim.encounter.lines) for c in claims),
        "segments": text.count("~"), "bytes": len(text.encode()),
        "seconds_median": round(statistics.median(times), 4), "seconds_best": round(min(times), 4),
        "claims_per_second": round(args.claims / statistics.median(times)),
        "target_seconds": 1.0, "meets_target": statistics.median(times) <= 1.0,
        "python": platform.python_version(), "machine": platform.machine(),
    }
    if args.validate:
        import pyx12.params  # type: ignore[import-untyped]
        import pyx12.x12n_document  # type: ignore[import-untyped]
        t0 = time.perf_counter()
        result["pyx12_valid"] = bool(pyx12.x12n_document.x12n_document(
            param=pyx12.params.params(), src_file=io.StringIO(text), fd_997=None, fd_html=None, fd_xmldoc=None))
        result["pyx12_seconds"] = round(time.perf_counter() - t0, 2)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
