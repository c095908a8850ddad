"""Shared set-up for the claim tests: a practice with a patient insured by Aetna (electronic) and a
finalized encounter whose draft claim is ready to work with; a 999 answering an export; pyx12's verdict."""

from __future__ import annotations

import io
import logging

from front_desk_support import Desk

from medbill_desktop.edi.model import Clearinghouse
from medbill_desktop.services import claims, encounters

CLEARINGHOUSE = Clearinghouse(
    receiver_name="Acme Clearinghouse", receiver_id="ACMECH", submitter_name="Riverside Family Medicine",
    submitter_id="RIVER01", contact_name="Dana Billing", contact_phone="(217) 555-0100")


def finalized_claim(desk: Desk, last: str = "Smith", lines: tuple[tuple[str, int], ...] = (
        ("99213", 12500), ("36415", 1500)), days_ago: int = 1) -> str:
    """The claim number of a new draft claim to Aetna (primary) for a finalized encounter."""
    p = desk.patient(last)
    desk.insure(p, desk.aetna)
    e = encounters.save_encounter(desk.ws, desk.encounter(p, lines=lines, days_ago=days_ago))
    result = encounters.finalize_encounter(desk.ws, e.id)
    claims.save_clearinghouse(desk.ws, CLEARINGHOUSE, "T")
    return result.claims[0].claim_number


def ack_999(st02: str, gs06: str, accepted: bool) -> str:
    ik5 = "IK5*A~" if accepted else "IK3*NM1*22*2010BA*8~IK4*9*67*7*XX~IK5*R*5~"
    count = 5 if accepted else 7
    return ("ISA*00*          *00*          *ZZ*ACMECH         *ZZ*RIVER01        *261103*0915*^*00501*000000777*0*P*:~"
            f"GS*FA*ACMECH*RIVER01*20261103*0915*501*X*005010X231A1~ST*999*0001*005010X231A1~"
            f"AK1*HC*{gs06}*005010X222A1~AK2*837*{st02}*005010X222A1~{ik5}"
            f"AK9*{'A' if accepted else 'R'}*1*1*{1 if accepted else 0}~SE*{count + 1}*0001~GE*1*501~"
            "IEA*1*000000777~")


def pyx12_ok(text: str) -> tuple[bool, str]:
    import pyx12.params
    import pyx12.x12n_document

    logger = logging.getLogger("pyx12")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.ERROR)
    logger.addHandler(handler)
    try:
        fd_997 = io.StringIO()
        ok = pyx12.x12n_document.x12n_document(param=pyx12.params.params(), src_file=io.StringIO(text),
                                               fd_997=fd_997, fd_html=None, fd_xmldoc=None)
    finally:
        logger.removeHandler(handler)
    return bool(ok), stream.getvalue() + fd_997.getvalue()
