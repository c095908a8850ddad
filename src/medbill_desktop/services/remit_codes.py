"""The remittance codes a biller types from a paper EOB: claim adjustment reason codes (CARC), remark codes
(RARC) and provider-level adjustment (PLB) reasons. Search as you type, and which of the codes typed the
workstation knows (the shipped common lists, or the official lists imported with `medbill codes import carc`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from medbill_desktop.codesets.model import CodeHit, CodeSet
from medbill_desktop.codesets.query import normalize_code
from medbill_desktop.domain.plb import PlbReason, search_plb_reasons
from medbill_desktop.services import codes
from medbill_desktop.services.catalog import prepare
from medbill_desktop.services.context import Workstation
from medbill_desktop.storage.denials_store import descriptions

CARC = CodeSet.CARC.value
RARC = CodeSet.RARC.value


@dataclass(frozen=True, slots=True)
class CodeMeanings:
    """What the codes asked about mean; a code asked about and missing here is not known."""

    carc: dict[str, str] = field(default_factory=dict)
    rarc: dict[str, str] = field(default_factory=dict)


def search_reasons(ws: Workstation, text: str, limit: int = 15) -> list[CodeHit]:
    """CARCs by code prefix ('4' -> 4, 45, 49) or by the words of their description ('dup' -> 18)."""
    return codes.search(ws, text, CARC, limit) if text.strip() else []


def search_remarks(ws: Workstation, text: str, limit: int = 15) -> list[CodeHit]:
    """RARCs by code prefix ('N2' -> N20, N290 ...) or by words ('missing')."""
    return codes.search(ws, text, RARC, limit) if text.strip() else []


def search_plb(text: str, limit: int = 15) -> list[PlbReason]:
    return search_plb_reasons(text, limit)


def describe(ws: Workstation, carc: Iterable[str] = (), rarc: Iterable[str] = ()) -> CodeMeanings:
    """The descriptions of the codes that are known, in one read."""
    carcs = sorted({normalize_code(c) for c in carc if c.strip()})
    rarcs = sorted({normalize_code(c) for c in rarc if c.strip()})
    if not carcs and not rarcs:
        return CodeMeanings()
    prepare(ws)  # the shipped CARC and RARC lists are in the database
    with ws.read() as conn:
        return CodeMeanings(descriptions(conn, CARC, carcs), descriptions(conn, RARC, rarcs))
