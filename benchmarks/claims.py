"""CMS-1500 rendering benchmark: 1,000 claims, data only (for red forms), into one PDF; prints JSON.

In one run, --repeat times each, interleaved:
  red     documents.cms1500.render_claims(forms, mode="red"): from ClaimForm objects to PDF bytes, all included
          (pagination, NUCC formatting of every field, placing, the PDF written and compressed);
  direct  the same strings at the same positions drawn with plain reportlab: Canvas, setFont("Courier", 12)
          per page and canvas.drawString(x, y, text) per field, then save(). The strings and positions are
          worked out before the clock starts (the formatting is not counted for it at all).
Targets: red >= 300 claims/s and red <= 2 x direct. Also timed once, for information: mode="full" (the
form drawn on every page).

The claims are made up (seeded): 1-6 service lines (5% with 7-12, which take two pages), 1-8 diagnoses,
secondary claims with items 9/9a/9d/29 for 20%, NDC lines for some drug codes.

    .venv/bin/python benchmarks/claims.py [--claims 1000] [--repeat 5] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO
from typing import Any

import reportlab
from reportlab.pdfgen.canvas import Canvas

from medbill_desktop.documents.cms1500 import render_claims
from medbill_desktop.documents.cms1500_grid import PAGE_HEIGHT, PAGE_WIDTH, load_grid
from medbill_desktop.domain.claim_form import (
    ClaimForm,
    FormLine,
    OtherId,
    PersonName,
    paginate,
    printable,
)
from medbill_desktop.domain.coverage import Relationship
from medbill_desktop.domain.encounters import ClaimDate
from medbill_desktop.domain.patients import Sex
from medbill_desktop.domain.practice import Address
from medbill_desktop.domain.reference import PlanType

CLAIMS_PER_S_TARGET = 300.0
RATIO_TARGET = 2.0
LAST = ("Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson "
        "Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez").split()
FIRST = "Mary James Patricia John Jennifer Robert Linda Michael Elizabeth David Maria Jose Wei Aisha Omar".split()
STREETS = "Maple Oak Cedar Elm Pine Lake Hill Washington Lincoln Park Main Church Market".split()
CITIES = (("Evanston", "IL", "60201"), ("Harrisburg", "PA", "17102"), ("Albany", "NY", "12207"),
          ("Madison", "WI", "53703"), ("Dayton", "OH", "45402"), ("Tulsa", "OK", "74103"))
PAYERS = (("Aetna Better Health", PlanType.GROUP_HEALTH_PLAN), ("Novitas Solutions", PlanType.MEDICARE),
          ("PA Medical Assistance", PlanType.MEDICAID), ("Keystone Health Plan", PlanType.GROUP_HEALTH_PLAN),
          ("TriWest", PlanType.TRICARE), ("Liberty Mutual", PlanType.OTHER))
CODES = ("99213", "99214", "99203", "36415", "85025", "80053", "93000", "20610", "97110", "J3301", "J1885", "96372")
ICD = ("E119", "I10", "M170", "J069", "E785", "K219", "F419", "R519", "N390", "Z0000", "M542", "G4700")


def _address(rng: random.Random) -> Address:
    city, state, zip_code = rng.choice(CITIES)
    return Address(f"{rng.randint(1, 9999)} {rng.choice(STREETS)} Street", city, state, zip_code,
                   rng.choice(("", "", "Apt 4B", "Suite 200")))


def make_claims(count: int, seed: int) -> list[ClaimForm]:
    rng = random.Random(seed)
    billing = Address("418 Maple Street", "Evanston", "IL", "60201", "Suite 200")
    forms = []
    for n in range(count):
        payer, plan = rng.choice(PAYERS)
        dos = date(2026, 10, 1) + timedelta(days=rng.randint(0, 40))
        diagnoses = tuple(rng.sample(ICD, rng.randint(1, 8)))
        lines = []
        for _ in range(rng.randint(7, 12) if rng.random() < 0.05 else rng.choice((1, 1, 2, 2, 3, 3, 4, 5, 6))):
            code = rng.choice(CODES)
            drug = code.startswith("J")
            lines.append(FormLine(
                from_date=dos, procedure=code, charge_cents=rng.randint(1500, 45000), place_of_service="11",
                modifiers=rng.choice(((), (), ("25",), ("59", "RT"))), units=rng.randint(1, 4),
                pointers=tuple(rng.sample(range(1, len(diagnoses) + 1), min(len(diagnoses), rng.randint(1, 4)))),
                rendering_npi="1234567893", ndc="00409487601" if drug else "", ndc_unit="ML" if drug else "",
                ndc_quantity=Decimal("2.5") if drug else None))
        secondary = rng.random() < 0.2
        patient = PersonName(rng.choice(LAST), rng.choice(FIRST), rng.choice("ABCDEFGH"))
        forms.append(ClaimForm(
            payer_name=payer, payer_address=_address(rng), plan_type=plan, insured_id=f"W{rng.randint(10**8, 10**9)}",
            patient_name=patient, patient_birth_date=date(1940, 1, 1) + timedelta(days=rng.randint(0, 25000)),
            patient_sex=rng.choice((Sex.FEMALE, Sex.MALE)), insured_name=patient, patient_address=_address(rng),
            patient_phone=f"847555{rng.randint(1000, 9999)}", relationship=Relationship.SELF,
            insured_address=_address(rng), insured_group=f"GRP{rng.randint(1000, 99999)}",
            insured_birth_date=date(1950, 5, 5), insured_sex=Sex.FEMALE, insured_plan_name=f"{payer} PPO",
            other_insured_name=PersonName(rng.choice(LAST), rng.choice(FIRST)) if secondary else None,
            other_insured_policy="GRP5521" if secondary else "", other_insured_plan="Medicare" if secondary else "",
            another_plan=secondary, patient_signature="SIGNATURE ON FILE", patient_signed_on=date(2026, 1, 5),
            insured_signature="SIGNATURE ON FILE", current_illness=ClaimDate("431", dos - timedelta(days=3)),
            prior_authorization=f"PA{rng.randint(10**6, 10**7)}" if rng.random() < 0.3 else "",
            diagnoses=diagnoses, lines=tuple(lines), tax_id="361234567", patient_account=f"KQD{n:06d}",
            amount_paid_cents=rng.randint(1000, 9000) if secondary else None,
            physician_signature="SIGNATURE ON FILE", physician_signed_on=dos + timedelta(days=2),
            billing_phone="8475550100", billing_name="Maple Street Family Practice", billing_address=billing,
            billing_npi="1679576722", billing_other_id=OtherId("ZZ", "207Q00000X") if plan is PlanType.MEDICAID
            else None,
        ))
    return forms


def direct_strings(forms: list[ClaimForm]) -> list[list[tuple[float, float, str]]]:
    """Per page: the (x, y, text) render_claims prints, for the plain-reportlab baseline."""
    grid = load_grid()
    pages = []
    for form in forms:
        for page in paginate(form):
            values = printable(page)
            strings = []
            for key, text in values.items():
                slot = grid.by_key[key]
                width = slot.width
                if slot.yields_to and values.get(slot.yields_to):
                    width = grid.by_key[slot.yields_to].col - slot.col - 1
                strings.append((slot.x, slot.y, text[:width]))
            pages.append(strings)
    return pages


def draw_direct(pages: list[list[tuple[float, float, str]]]) -> bytes:
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=True)
    for strings in pages:
        canvas.setFont("Courier", 12)
        for x, y, text in strings:
            canvas.drawString(x, y, text)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _time(fn: Callable[[], bytes]) -> tuple[float, float, bytes]:
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    load_start = os.getloadavg()
    forms = make_claims(args.claims, args.seed)
    pages = direct_strings(forms)
    render_claims(forms[:20], mode="red")  # warm: the grid is read and cached once per process
    draw_direct(pages[:20])
    runs: dict[str, list[tuple[float, float]]] = {"red": [], "direct": []}
    sizes: dict[str, int] = {}
    for _ in range(args.repeat):
        wall, cpu, pdf = _time(lambda: render_claims(forms, mode="red"))
        runs["red"].append((wall, cpu))
        sizes["red"] = len(pdf)
        wall, cpu, pdf = _time(lambda: draw_direct(pages))
        runs["direct"].append((wall, cpu))
        sizes["direct"] = len(pdf)
    full_wall, full_cpu, full_pdf = _time(lambda: render_claims(forms, mode="full"))

    def summary(name: str) -> dict[str, Any]:
        walls = [w for w, _ in runs[name]]
        cpus = [c for _, c in runs[name]]
        median = statistics.median(walls)
        return {"median_s": round(median, 4), "median_cpu_s": round(statistics.median(cpus), 4),
                "claims_per_s": round(args.claims / median, 1), "runs_s": [round(w, 4) for w in walls],
                "pdf_bytes": sizes[name]}

    red, direct = summary("red"), summary("direct")
    ratio = red["median_s"] / direct["median_s"]
    report = {
        "benchmark": "cms1500", "claims": args.claims, "pages": len(pages),
        "strings": sum(len(p) for p in pages), "repeat": args.repeat, "seed": args.seed,
        "red": red, "direct": direct,
        "ratio_red_to_direct": round(ratio, 3),
        "ratio_cpu": round(red["median_cpu_s"] / direct["median_cpu_s"], 3),
        "full_form_once": {"s": round(full_wall, 4), "cpu_s": round(full_cpu, 4),
                           "claims_per_s": round(args.claims / full_wall, 1), "pdf_bytes": len(full_pdf)},
        "targets": {"claims_per_s": CLAIMS_PER_S_TARGET, "max_ratio": RATIO_TARGET,
                    "met": red["claims_per_s"] >= CLAIMS_PER_S_TARGET and ratio <= RATIO_TARGET},
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "reportlab": reportlab.Version, "cpus": os.cpu_count(),
                    "load_average_1min": {"start": round(load_start[0], 2), "end": round(os.getloadavg()[0], 2)}},
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
